"""Per-point builds returning games are solved in batches: the same rows as game by game, and as Gambit."""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import negotiation_sim as ns
from negotiation_sim.analysis import _evaluate
from negotiation_sim.errors import SolverError
from tests.oracle import enummixed, same_profile_sets

# Small integer payoffs make most games degenerate (ties); floats make generic ones.
INTEGER_GAMES = arrays(np.float64, (3, 3, 3, 2), elements=st.integers(-2, 2).map(float))
FLOAT_GAMES = arrays(np.float64, (3, 3, 3, 2), elements=st.floats(-10, 10, allow_nan=False, width=32))


def _sweep(payoffs: np.ndarray, **kwargs) -> pd.DataFrame:
    """A per-point sweep over the games of a stack: build(t) returns game t."""
    def build(t):
        return ns.NormalFormGame(payoffs[t], players=("Row", "Col"))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ns.errors.DegenerateGameWarning)  # the per-game path warns
        return ns.sweep(build, t=np.arange(len(payoffs)), progress=False, **kwargs)


@settings(max_examples=20, deadline=None)
@given(payoffs=st.one_of(INTEGER_GAMES, FLOAT_GAMES))
def test_batched_rows_equal_the_game_by_game_rows(payoffs):
    """Equilibria, payoffs, kinds and branch labels: batched (auto) = solve(game) at every point."""
    batched = _sweep(payoffs)
    one_by_one = _sweep(payoffs, method="vertex_enumeration")
    pd.testing.assert_frame_equal(batched, one_by_one, check_exact=False, atol=1e-9, rtol=0)


def _gambit_sample() -> np.ndarray:
    rng = np.random.default_rng(17)
    generic = rng.normal(size=(6, 3, 3, 2))
    ties = rng.integers(-1, 2, size=(6, 3, 3, 2)).astype(float)  # degenerate, with continua
    return np.concatenate([generic, ties])


def test_every_point_agrees_with_gambit():
    """At each point the batched sweep's equilibria are Gambit's extreme equilibria (exact enummixed)."""
    payoffs = _gambit_sample()
    df = _sweep(payoffs)
    probs = [f"{p}:A{k}" for p in ("Row", "Col") for k in (1, 2, 3)]
    for t, game in enumerate(payoffs):
        rows = df.loc[df["t"] == t, probs].to_numpy()
        missed, spurious = same_profile_sets([(r[:3], r[3:]) for r in rows], enummixed(game), atol=1e-9)
        assert not missed and not spurious, t


def test_only_games_with_ties_leave_the_batch(monkeypatch):
    """A generic game keeps the batch's answer; a game with ties is solved alone (certified)."""
    alone = []
    solve = _evaluate.solve

    def spy(game, method):
        alone.append(game.payoffs.copy())
        return solve(game, method=method)

    monkeypatch.setattr(_evaluate, "solve", spy)
    generic = np.random.default_rng(3).normal(size=(3, 3, 2))
    tied = np.zeros((3, 3, 2))
    tied[..., 1] = np.eye(3)  # the row player is indifferent: every row a best response
    df = _sweep(np.stack([generic, tied, generic]))
    assert len(alone) == 1 and np.array_equal(alone[0], tied)
    # The tied game's equilibria: the column player matches the row; the three pure ones are extreme.
    assert df.loc[df["t"] == 1, "kind"].tolist().count("pure") == 3


def test_a_refused_batch_is_split_and_the_refused_game_solved_alone(monkeypatch):
    """A stack whose batch fails verification is halved until the failing game is alone; the rows do not change."""
    vertex_enumeration = importlib.import_module("negotiation_sim.solvers._vertex_enumeration")
    payoffs = np.random.default_rng(5).normal(size=(7, 3, 3, 2))
    expected = _sweep(payoffs)
    batch = vertex_enumeration.batch_extreme_profiles
    calls = []

    def refuse_game_4(a, b, tol=None):
        calls.append(len(a))
        if any(np.array_equal(g, payoffs[4, ..., 0]) for g in a):
            raise SolverError("a profile failed verification")
        return batch(a, b, tol)

    monkeypatch.setattr(vertex_enumeration, "batch_extreme_profiles", refuse_game_4)
    pd.testing.assert_frame_equal(_sweep(payoffs), expected, check_exact=False, atol=1e-12, rtol=0)
    assert calls[0] == 7 and calls.count(1) >= 1  # halved down to the refused game


@pytest.mark.parametrize("vectorized", [False, True])
def test_per_point_and_vectorized_builds_batch_the_same_games(vectorized):
    """A per-point build of games and the GameBatch of the same games give one frame, value for value."""
    payoffs = _gambit_sample()
    per_point = _sweep(payoffs)

    def batch_build(t):
        return ns.GameBatch(payoffs[t], players=("Row", "Col"))

    if vectorized:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ns.errors.DegenerateGameWarning)
            fast = ns.sweep(batch_build, t=np.arange(len(payoffs)), vectorized=True, progress=False)
        pd.testing.assert_frame_equal(fast, per_point, check_exact=True)
    else:  # chunked: rows depend only on each point, never on the other games of its batch
        pd.testing.assert_frame_equal(_sweep(payoffs, chunksize=5), per_point, check_exact=True)
