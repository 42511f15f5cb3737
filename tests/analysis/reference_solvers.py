"""A simple, independent reference for 2-player equilibria: support enumeration.

It stands in for ``negotiation_sim.solvers.vertex_enumeration`` while that
module is not on this branch (the autouse fixture :func:`vertex_stand_in`,
scoped to each test so other test modules never see it), so that the
sweep's fast path (one batched call) and its per-game path can be tested now.
It handles nondegenerate games (equal-size supports), which is all the sweep
tests use; every profile is verified by ``verified_equilibrium``.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import itertools
import sys
import types

import numpy as np
import pytest

from negotiation_sim.solvers.equilibrium import EquilibriumSet
from negotiation_sim.solvers.regret import verified_equilibrium


def _indifferent(payoff: np.ndarray, rows: tuple, cols: tuple):
    """Mixed strategy over ``cols`` making every action in ``rows`` equally good; None if none."""
    k = len(cols)
    mat = np.zeros((k + 1, k + 1))
    mat[:k, :k] = payoff[np.ix_(rows, cols)]
    mat[:k, k] = -1.0
    mat[k, :k] = 1.0
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    try:
        sol = np.linalg.solve(mat, rhs)
    except np.linalg.LinAlgError:
        return None
    return sol[:k]


def support_enumeration(a: np.ndarray, b: np.ndarray, tol: float = 1e-9):
    """Every equilibrium of a nondegenerate bimatrix game (list of (x, y))."""
    m, n = a.shape
    scale = max(1.0, float(np.abs(a).max()), float(np.abs(b).max()))
    out = []
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                ys = _indifferent(a, rows, cols)
                xs = _indifferent(b.T, cols, rows)
                if ys is None or xs is None or ys.min() < -tol or xs.min() < -tol:
                    continue
                x = np.zeros(m)
                y = np.zeros(n)
                x[list(rows)], y[list(cols)] = xs, ys
                x, y = np.clip(x, 0, None), np.clip(y, 0, None)
                ay, xb = a @ y, x @ b
                if ay.max() - x @ ay <= tol * scale and xb.max() - xb @ y <= tol * scale:
                    out.append((x / x.sum(), y / y.sum()))
    return out


def vertex_enumeration(game, tol=None) -> EquilibriumSet:
    """Per-game reference with the solver's signature."""
    a, b = game.payoffs[..., 0], game.payoffs[..., 1]
    eqs = [verified_equilibrium(game, [x, y], "reference", tol) for x, y in support_enumeration(a, b)]
    return EquilibriumSet(eqs, complete=True, method="reference", game=game)


def batch_vertex_enumeration(a, b, tol=None):
    """Batched reference: one list of (x, y) per game."""
    return [support_enumeration(ai, bi) for ai, bi in zip(np.asarray(a), np.asarray(b), strict=True)]


def stand_in_module() -> types.ModuleType | None:
    """A module standing in for ``negotiation_sim.solvers.vertex_enumeration``; None if the real one exists."""
    name = "negotiation_sim.solvers.vertex_enumeration"
    try:
        module = importlib.import_module(name)
        module.batch_vertex_enumeration  # noqa: B018 - the batched entry point must exist too
        return None
    except (ImportError, AttributeError):
        pass
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)
    module.vertex_enumeration = vertex_enumeration
    module.batch_vertex_enumeration = batch_vertex_enumeration
    return module


@pytest.fixture(autouse=True)
def vertex_stand_in(monkeypatch):
    """For one test: register the stand-in while the real solver is absent (forked workers inherit it)."""
    module = stand_in_module()
    if module is not None:
        monkeypatch.setitem(sys.modules, module.__name__, module)
    return module
