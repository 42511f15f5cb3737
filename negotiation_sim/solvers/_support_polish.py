"""Polish an approximate equilibrium by solving the indifference system on its support.

A profile near a Nash equilibrium (the end of a QRE path, the last round of a
learning dynamic) suggests the support: the actions still played with
non-negligible probability. On that support an equilibrium makes each player
indifferent between the actions it plays; Newton's method on those equations,
started from the approximate profile, converges to the exact mixed
equilibrium, which :func:`verified_equilibrium` then checks against every
action, including the ones outside the support.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from negotiation_sim.errors import SolverError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._multilinear import action_values, value_blocks
from negotiation_sim.solvers._regret import verified_equilibrium
from negotiation_sim.solvers.equilibrium import Equilibrium

__all__ = ["polish", "candidate_supports", "solve_support"]

_THRESHOLDS = (1e-6, 1e-8, 1e-4, 1e-10, 1e-3, 1e-2)


def candidate_supports(sigmas: Sequence[np.ndarray]) -> list[tuple[np.ndarray, ...]]:
    """Supports suggested by a profile: actions above a few probability thresholds."""
    out: list[tuple[np.ndarray, ...]] = []
    for thr in _THRESHOLDS:
        supp = tuple(np.flatnonzero(s >= thr * s.max()) for s in sigmas)
        if not any(all(np.array_equal(a, b) for a, b in zip(supp, seen, strict=True)) for seen in out):
            out.append(supp)
    return out


def _residual(payoffs, sigmas, supports):
    values = action_values(payoffs, sigmas)
    rows = []
    for s, u, supp in zip(sigmas, values, supports, strict=True):
        rows.append([s[supp].sum() - 1.0])
        rows.append(u[supp[1:]] - u[supp[0]])
    return np.concatenate(rows)


def _jacobian(payoffs, sigmas, supports):
    blocks = value_blocks(payoffs, sigmas)
    sizes = [len(s) for s in supports]
    cols = np.concatenate([[0], np.cumsum(sizes)])
    jac = np.zeros((cols[-1], cols[-1]))
    row = 0
    for i, supp in enumerate(supports):
        jac[row, cols[i]:cols[i + 1]] = 1.0
        row += 1
        for k, supp_k in enumerate(supports):
            if k == i:
                continue
            block = blocks[i][k]
            assert block is not None  # value_blocks leaves only the diagonal (k == i) empty
            d = block[np.ix_(supp, supp_k)]
            jac[row:row + len(supp) - 1, cols[k]:cols[k + 1]] = d[1:] - d[0]
        row += len(supp) - 1
    return jac


def solve_support(payoffs: np.ndarray, start: Sequence[np.ndarray],
                  supports: Sequence[np.ndarray], max_iter: int = 50) -> list[np.ndarray] | None:
    """Newton's method on the indifference equations restricted to ``supports``.

    Returns the profile (zero off the support) or None when Newton does not
    converge or leaves the simplex. Least squares steps keep it going on the
    singular systems of degenerate games (continua of equilibria).
    """
    sigmas = []
    for s, supp in zip(start, supports, strict=True):
        v = np.zeros_like(s)
        v[supp] = np.clip(s[supp], 1e-12, None)
        sigmas.append(v / v.sum())
    for _ in range(max_iter):
        res = _residual(payoffs, sigmas, supports)
        if np.max(np.abs(res)) < 1e-14:
            break
        step = np.linalg.lstsq(_jacobian(payoffs, sigmas, supports), -res, rcond=None)[0]
        pos = 0
        for v, supp in zip(sigmas, supports, strict=True):
            v[supp] += step[pos:pos + len(supp)]
            pos += len(supp)
        if not all(np.all(np.isfinite(v)) for v in sigmas):
            return None
    if np.max(np.abs(_residual(payoffs, sigmas, supports))) > 1e-10:
        return None
    if any(np.any(v < -1e-9) for v in sigmas):
        return None
    return [np.clip(v, 0.0, None) / np.clip(v, 0.0, None).sum() for v in sigmas]


def polish(game: NormalFormGame, approx: Sequence[np.ndarray], method: str,
           tol: float | None = None, notes: tuple[str, ...] = ()) -> Equilibrium | None:
    """The verified equilibrium on a support suggested by ``approx``, or None.

    Tries ``approx`` itself, then each candidate support in turn; the first
    profile that passes :func:`verified_equilibrium` is returned.

    Examples
    --------
    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> mp = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eq = polish(mp, [np.array([0.49, 0.51]), np.array([0.52, 0.48])], method="demo")
    >>> eq.strategies
    (array([0.5, 0.5]), array([0.5, 0.5]))
    """
    scaled = game.payoffs / game.payoff_scale
    approx = [np.asarray(a, dtype=float) for a in approx]
    candidates: list[Sequence[np.ndarray]] = [approx]
    for supp in candidate_supports(approx):
        solved = solve_support(scaled, approx, supp)
        if solved is not None:
            candidates.append(solved)
    for profile in candidates:
        try:
            return verified_equilibrium(game, profile, method=method, tol=tol, notes=notes)
        except SolverError:
            continue
    return None
