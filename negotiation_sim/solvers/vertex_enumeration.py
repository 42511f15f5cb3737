"""Every extreme Nash equilibrium of a 2-player game, by vertex enumeration.

The payoffs are shifted and scaled to lie in [1, 2] (one affine map per
player, which changes no equilibrium). Player 1's mixed strategies then
correspond to the best-response polytope ``P = {x >= 0 : B^T x <= 1}`` and
player 2's to ``Q = {y >= 0 : A y <= 1}``. A point of ``P`` carries the label
``i`` when ``x_i = 0`` and the label ``m + j`` when column ``j`` is a best
response (``(B^T x)_j = 1``); labels of ``Q`` are ``i`` when row ``i`` is a
best response and ``m + j`` when ``y_j = 0``. A pair of nonzero points is a
Nash equilibrium (after normalising) exactly when together they carry every
label, and the extreme equilibria are the completely labelled pairs of
vertices (von Stengel 2002, Theorem 2.11; Avis et al. 2010, section 3).

Vertices are found without a loop over candidates: a vertex of ``P`` with
support of size ``k`` solves ``B[S, T]^T x_S = 1`` for some row set ``S`` and
column set ``T`` of size ``k``, and every such choice (``C(m + n, m)`` bases
in all, grouped by ``k``) is solved at once as a stack of ``k x k`` linear
systems, for every game of a batch together. Feasible solutions are kept,
deduplicated by their full set of tight constraints (a degenerate vertex
arises from several bases) and paired by a matrix product of their
label-complement indicators.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator

import numpy as np

from negotiation_sim._numeric import DEFAULT_TOL
from negotiation_sim._warnings import warn
from negotiation_sim.errors import (
    DegenerateGameWarning,
    InvalidGameError,
    InvalidParameterError,
    SolverError,
    UnsupportedMethodError,
)
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet, format_prob
from negotiation_sim.solvers.regret import _check_game, verified_equilibrium

__all__ = ["vertex_enumeration", "vertex_enumeration_gen", "batch_vertex_enumeration"]

_METHOD = "vertex_enumeration"
# Labels are read with a tolerance this many times smaller than the regret
# tolerance: an accepted slack of s (payoffs scaled to [1, 2]) costs at most
# 4 * s * payoff_scale of regret, so every pair found passes verification.
_LABEL_TOL_FACTOR = 0.05
# A basis is singular when |det| is below this fraction of Hadamard's bound.
_SINGULAR_RTOL = 1e-12
# Games per chunk of a batch are chosen so that a chunk holds about this many bases.
_BASES_PER_CHUNK = 400_000


@functools.lru_cache(maxsize=256)
def _combinations(n: int, k: int) -> np.ndarray:
    """All k-subsets of range(n) in lexicographic order, shape (C(n, k), k)."""
    out = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
    out.setflags(write=False)
    return out.reshape(-1, k)


def _scaled(payoffs: np.ndarray) -> np.ndarray:
    """Map each game's matrix affinely onto [1, 2] (all ones for a constant matrix)."""
    low = payoffs.min(axis=(1, 2), keepdims=True)
    spread = payoffs.max(axis=(1, 2), keepdims=True) - low
    spread = np.where(spread > 0, spread, 1.0)
    return 1.0 + (payoffs - low) / spread


def _closed_form(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``M x = 1`` for a stack of 2 x 2 or 3 x 3 matrices by Cramer's rule; also det."""
    if M.shape[1] == 2:
        a, b, c, d = M[:, 0, 0], M[:, 0, 1], M[:, 1, 0], M[:, 1, 1]
        det = a * d - b * c
        num = np.stack([d - b, a - c], axis=1)
    else:
        # Rows r0, r1, r2; the inverse's columns are r1 x r2, r2 x r0, r0 x r1 over det.
        (a, b, c), (d, e, f), (g, h, i) = M[:, 0].T, M[:, 1].T, M[:, 2].T
        x12 = np.stack([e * i - f * h, f * g - d * i, d * h - e * g], axis=1)
        x20 = np.stack([h * c - i * b, i * a - g * c, g * b - h * a], axis=1)
        x01 = np.stack([b * f - c * e, c * d - a * f, a * e - b * d], axis=1)
        det = a * x12[:, 0] + b * x12[:, 1] + c * x12[:, 2]
        num = x12 + x20 + x01
    with np.errstate(divide="ignore", invalid="ignore"):
        return num / det[:, None], det


def _regular(det: np.ndarray, k: np.ndarray | int) -> np.ndarray:
    """Which bases are regular: entries lie in [1, 2], so each of the k rows has norm
    at least sqrt(k), and |det| is compared with Hadamard's bound at that scale."""
    return np.abs(det) > _SINGULAR_RTOL * np.power(k, k / 2)


def _solve_feasible(M: np.ndarray, k: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Solutions of ``M x = 1`` for a stack of bases, and the indices of the regular ones with x >= 0.

    ``k[i]`` is the number of payoff rows in basis i (the rest is padding).
    """
    n, size, _ = M.shape
    if size == 1:
        xs = 1.0 / M[:, :, 0]  # entries are >= 1: never singular
        return np.flatnonzero(xs[:, 0] >= -tol), xs
    if size <= 3:
        xs, det = _closed_form(M)
        return np.flatnonzero(_regular(det, k) & np.all(xs >= -tol, axis=1)), xs
    try:
        xs = np.linalg.solve(M, np.ones((n, size, 1)))[..., 0]
    except np.linalg.LinAlgError:  # some basis is exactly singular (common with integer payoffs)
        regular = _regular(np.linalg.det(M), k)
        xs = np.linalg.solve(np.where(regular[:, None, None], M, np.eye(size)), np.ones((n, size, 1)))
        xs = xs[..., 0]
        return np.flatnonzero(regular & np.all(xs >= -tol, axis=1)), xs
    # Nearly singular bases give meaningless solutions: test the few that look feasible.
    keep = np.flatnonzero(np.all(xs >= -tol, axis=1))
    return keep[_regular(np.linalg.det(M[keep]), k[keep])], xs


@functools.lru_cache(maxsize=256)
def _bases(r: int, c: int, ks: tuple[int, ...], pad: int):
    """Every basis with k in ``ks`` payoff rows, as row and column index sets of one size.

    Indices refer to the matrix C extended by a ``pad x pad`` identity block
    (rows r.., columns c..): a basis of size k < max(ks) is completed by
    identity rows, which leaves its determinant and its x_S unchanged, so
    bases of several sizes are solved in one stack. Returns the row sets
    (N, K), the column sets (N, K), each basis's k, and the flat indices of
    ``M[n, b, a] = C_ext[rows[n, a], cols[n, b]]``.
    """
    K = max(ks)
    rows, cols, sizes = [], [], []
    for k in ks:
        S, T = _combinations(r, k), _combinations(c, k)
        S = np.hstack([S, np.broadcast_to(r + np.arange(k, K), (len(S), K - k))])
        T = np.hstack([T, np.broadcast_to(c + np.arange(k, K), (len(T), K - k))])
        rows.append(np.repeat(S, len(T), axis=0))
        cols.append(np.tile(T, (len(S), 1)))
        sizes.append(np.full(len(S) * len(T), k))
    rows, cols, sizes = np.concatenate(rows), np.concatenate(cols), np.concatenate(sizes)
    flat = (rows[:, None, :] * (c + pad) + cols[:, :, None]).reshape(-1)
    for arr in (rows, cols, sizes, flat):
        arr.setflags(write=False)
    return rows, cols, sizes, flat


def _basic_solutions(C_ext: np.ndarray, r: int, c: int, ks: tuple[int, ...], tol: float):
    """Feasible basic solutions of ``{x >= 0 : C^T x <= 1}`` over the bases with k in ``ks``.

    Returns the game index, the point ``x`` and the boolean labels (``x_i = 0``
    for ``i < r``, tight column ``j`` as ``r + j``) of each (vertices may repeat).
    """
    G, re, ce = C_ext.shape
    rows, cols, sizes, flat = _bases(r, c, ks, re - r)
    n_bases, K = rows.shape
    M = np.take(C_ext.reshape(G, re * ce), flat, axis=1).reshape(-1, K, K)
    keep, xs = _solve_feasible(M, np.tile(sizes, G), tol)
    g, b = np.divmod(keep, n_bases)
    xs = xs[keep]
    # Values of every column at x: only the rows in the basis contribute.
    values = np.einsum("nkc,nk->nc", C_ext[g[:, None], rows[b], :], xs)
    tight = values[np.arange(len(b))[:, None], cols[b]]
    ok = np.all(values <= 1.0 + tol, axis=1) & np.all(np.abs(tight - 1.0) <= tol, axis=1)
    g, b, xs, values = g[ok], b[ok], xs[ok], values[ok]
    x = np.zeros((len(g), re))
    x[np.arange(len(b))[:, None], rows[b]] = xs
    labels = np.concatenate([x[:, :r] <= tol, values[:, :c] >= 1.0 - tol], axis=1)
    return g, x[:, :r], labels


def _polytope_vertices(C: np.ndarray, tol: float):
    """Distinct nonzero vertices of ``{x >= 0 : C^T x <= 1}`` for a stack of matrices C.

    Bases with up to 3 payoff rows are solved together in closed form (padded
    to one size); larger ones by LAPACK, one stack per size. Returns
    ``(game, x, labels)`` sorted by game; a vertex is identified by its full
    set of tight constraints, which determines it.
    """
    G, r, c = C.shape
    K = min(r, c)
    pad = min(K, 3)
    C_ext = np.zeros((G, r + pad, c + pad))
    C_ext[:, :r, :c] = C
    C_ext[:, np.arange(r, r + pad), np.arange(c, c + pad)] = 1.0
    groups = [tuple(range(1, pad + 1))] + [(k,) for k in range(4, K + 1)]
    parts = [_basic_solutions(C_ext, r, c, ks, tol) for ks in groups]
    g = np.concatenate([p[0] for p in parts])
    x = np.concatenate([p[1] for p in parts])
    labels = np.concatenate([p[2] for p in parts])
    # Pack the labels into integers (in 62-bit words) to find repeated vertices.
    n_words = -(-(r + c) // 62)
    padded = np.zeros((len(g), n_words * 62), dtype=np.int64)
    padded[:, : r + c] = labels
    words = padded.reshape(len(g), n_words, 62) @ (np.int64(1) << np.arange(62, dtype=np.int64))
    order = np.lexsort((*words.T[::-1], g))
    keys = np.column_stack([g, words])[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = np.any(keys[1:] != keys[:-1], axis=1)
    pick = order[first]
    return g[pick], x[pick], labels[pick]


def _complete_pairs(gx, lx, gy, ly, n_games: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (i, j) of the completely labelled pairs of P-vertex i and Q-vertex j in one game."""

    def padded(game, labels):
        counts = np.bincount(game, minlength=n_games)
        start = np.concatenate([[0], np.cumsum(counts)[:-1]])
        slot = np.arange(len(game)) - start[game]
        # Missing-label indicators; padding misses every label so it never pairs.
        out = np.ones((n_games, max(int(counts.max(initial=0)), 1), labels.shape[1]), np.float32)
        out[game, slot] = ~labels
        return out, start

    mx, start_x = padded(gx, lx)
    my, start_y = padded(gy, ly)
    # Labels that neither point carries (contiguous operands keep matmul on BLAS).
    missing = mx @ np.ascontiguousarray(my.transpose(0, 2, 1))
    g, i, j = np.nonzero(missing == 0)
    return start_x[g] + i, start_y[g] + j


def _extreme_pairs(A: np.ndarray, B: np.ndarray, tol: float):
    """The core: vertices of both polytopes and their completely labelled pairs, for a stack of games."""
    n_games, m, n = A.shape
    label_tol = _LABEL_TOL_FACTOR * tol
    CP, CQ = _scaled(B), _scaled(A).transpose(0, 2, 1)
    if m == n:  # one pass for both polytopes when their shapes agree
        g, v, lab = _polytope_vertices(np.concatenate([CP, CQ]), label_tol)
        on_p = g < n_games
        P = (g[on_p], v[on_p], lab[on_p])
        Q = (g[~on_p] - n_games, v[~on_p], lab[~on_p])
    else:
        P, Q = _polytope_vertices(CP, label_tol), _polytope_vertices(CQ, label_tol)
    # Q's own labels are (y_j = 0 for j < n, row i tight as n + i); renumber to the game's.
    q_labels = np.concatenate([Q[2][:, n:], Q[2][:, :n]], axis=1)
    i, j = _complete_pairs(P[0], P[2], Q[0], q_labels, n_games)
    x = P[1][i] / P[1][i].sum(axis=1, keepdims=True)
    y = Q[1][j] / Q[1][j].sum(axis=1, keepdims=True)
    return P[0][i], x, y, P, Q


def _regrets(A: np.ndarray, B: np.ndarray, game: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Each profile's regret (largest unilateral gain), vectorised over profiles."""
    Ay = np.einsum("pmn,pn->pm", A[game], y)
    xB = np.einsum("pm,pmn->pn", x, B[game])
    r1 = Ay.max(axis=1) - np.einsum("pm,pm->p", x, Ay)
    r2 = xB.max(axis=1) - np.einsum("pn,pn->p", y, xB)
    return np.maximum(np.maximum(r1, r2), 0.0)


def _order_key(pair: tuple[np.ndarray, np.ndarray]):
    """Sort key: total support size, then supports by action index, then probabilities."""
    xl, yl = pair[0].tolist(), pair[1].tolist()
    sx = tuple(i for i, v in enumerate(xl) if v > 0)
    sy = tuple(j for j, v in enumerate(yl) if v > 0)
    return (len(sx) + len(sy), sx, sy, [round(v, 12) for v in xl], [round(v, 12) for v in yl])


def _split(n_games: int, game: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Per-game lists of (x, y), each in the deterministic order of :func:`_order_key`."""
    x = np.where(x > 1e-12, x, 0.0)  # probabilities that are round-off become exact zeros
    y = np.where(y > 1e-12, y, 0.0)
    x /= x.sum(axis=1, keepdims=True)
    y /= y.sum(axis=1, keepdims=True)
    bounds = np.searchsorted(game, np.arange(n_games + 1))
    out = []
    for g in range(n_games):
        pairs = list(zip(x[bounds[g] : bounds[g + 1]], y[bounds[g] : bounds[g + 1]], strict=True))
        out.append(sorted(pairs, key=_order_key) if len(pairs) > 1 else pairs)
    return out


def _as_stack(value, name: str) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{name} must be a numeric array of shape (n_games, m, n); could not convert it"
        raise InvalidGameError(msg) from None
    if arr.ndim != 3 or 0 in arr.shape:
        msg = f"{name} must have shape (n_games, m, n) with m, n >= 1, got shape {arr.shape}"
        raise InvalidGameError(msg)
    if not np.all(np.isfinite(arr)):
        msg = f"{name} must be finite; it has {int(np.sum(~np.isfinite(arr)))} non-finite entries"
        raise InvalidGameError(msg)
    return arr


def _regret_tol(tol: float | None) -> float:
    tol = DEFAULT_TOL if tol is None else tol
    if not (isinstance(tol, (int, float, np.floating)) and 0 < tol < 1e-2):
        msg = f"tol must be a positive float below 1e-2 (relative to the payoff scale), got {tol!r}"
        raise InvalidParameterError(msg)
    return float(tol)


def batch_vertex_enumeration(A, B, tol: float | None = None) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """Every extreme Nash equilibrium of each of a stack of bimatrix games, in one pass.

    All games are solved together: the candidate bases of every game form
    one stack of linear systems per support size, so sweeping a parameter
    over thousands of small games costs a few numpy calls rather than
    thousands of solver calls.

    Parameters
    ----------
    A, B : array_like, shape (n_games, m, n)
        Row and column players' payoff matrices, one per game.
    tol : float, optional
        Regret tolerance relative to each game's payoff scale (largest
        absolute payoff, at least 1); default 1e-9.

    Returns
    -------
    list of list of (numpy.ndarray, numpy.ndarray)
        For each game, its extreme equilibria ``(x, y)`` in the same order as
        :func:`vertex_enumeration` returns them; each has been checked to have
        regret below the tolerance.

    Raises
    ------
    InvalidGameError
        If ``A`` or ``B`` is not a finite array of shape (n_games, m, n), or
        their shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[[1, -1], [-1, 1]], [[2, 0], [0, 1]]])  # matching pennies, coordination
    >>> B = np.array([[[-1, 1], [1, -1]], [[1, 0], [0, 2]]])
    >>> [len(eqs) for eqs in batch_vertex_enumeration(A, B)]
    [1, 3]
    >>> x, y = batch_vertex_enumeration(A, B)[1][2]
    >>> x.round(4).tolist(), y.round(4).tolist()
    ([0.6667, 0.3333], [0.3333, 0.6667])
    """
    A, B = _as_stack(A, "A"), _as_stack(B, "B")
    if A.shape != B.shape:
        msg = f"A and B must have the same shape (n_games, m, n); got {A.shape} and {B.shape}"
        raise InvalidGameError(msg)
    tol = _regret_tol(tol)
    # Chunks of many games bound the memory (the stack of bases grows as C(m + n, m) per game).
    step = max(1, _BASES_PER_CHUNK // math.comb(A.shape[1] + A.shape[2], A.shape[1]))
    out = []
    for lo in range(0, len(A), step):
        a, b = A[lo : lo + step], B[lo : lo + step]
        game, x, y, _, _ = _extreme_pairs(a, b, tol)
        scale = np.maximum(1.0, np.maximum(np.abs(a).max(axis=(1, 2)), np.abs(b).max(axis=(1, 2))))
        bad = np.flatnonzero(_regrets(a, b, game, x, y) > tol * scale[game])
        if len(bad):
            msg = f"vertex enumeration produced a profile of game {lo + int(game[bad[0]])} that fails the regret check"
            raise SolverError(msg)
        out += _split(len(a), game, x, y)
    return out


def _describe_strategy(game: NormalFormGame, player: int, z: np.ndarray) -> str:
    p = z / z.sum()
    parts = [f"{a}: {format_prob(v)}" for a, v in zip(game.actions[player], p, strict=True) if v > 0]
    return "(" + ", ".join(parts) + ")"


def _degeneracy(game: NormalFormGame, P, Q) -> str | None:
    """Describe one witness of degeneracy: a vertex with more tight constraints than its dimension."""
    m, n = game.shape
    for me, (_, z, labels), dim in ((0, P, m), (1, Q, n)):
        over = np.flatnonzero(labels.sum(axis=1) > dim)
        if len(over) == 0:
            continue
        other = 1 - me
        z, lab = z[over[0]], labels[over[0]]
        best = [a for a, t in zip(game.actions[other], lab[dim:], strict=True) if t]
        support = int(np.count_nonzero(~lab[:dim]))
        who = game.players[other]
        return (
            f"the game is degenerate: {who}'s actions {', '.join(best)} are all best responses to "
            f"{game.players[me]}'s strategy {_describe_strategy(game, me, z)}, which mixes only "
            f"{support} action{'s' if support > 1 else ''}; equilibria may form a continuum; "
            "the extreme points are returned"
        )
    return None


def _solve_game(game: object, tol: float | None):
    """Validate, solve and warn: the extreme profiles of one game and its degeneracy note."""
    game = _check_game(game)
    if game.n_players != 2:
        msg = f"game must have 2 players for vertex enumeration, but it has {game.n_players}"
        raise UnsupportedMethodError(msg)
    tol = _regret_tol(tol)
    A, B = game.payoffs[None, ..., 0], game.payoffs[None, ..., 1]
    gi, x, y, P, Q = _extreme_pairs(A, B, tol)
    note = _degeneracy(game, P, Q)
    if note is not None:
        warn(note[0].upper() + note[1:], DegenerateGameWarning)
    return game, _split(1, gi, x, y)[0], note, tol


def vertex_enumeration_gen(game: NormalFormGame, tol: float | None = None) -> Iterator[Equilibrium]:
    """Yield every extreme Nash equilibrium of a 2-player game (see :func:`vertex_enumeration`).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [e.support(0) for e in vertex_enumeration_gen(g)]
    [('A1',), ('A2',), ('A1', 'A2')]
    """
    game, pairs, _, tol = _solve_game(game, tol)
    for x, y in pairs:
        yield verified_equilibrium(game, (x, y), method=_METHOD, tol=tol)


def vertex_enumeration(game: NormalFormGame, tol: float | None = None) -> EquilibriumSet:
    """Every extreme Nash equilibrium of a 2-player game, degenerate games included.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game (a player may have a single action).
    tol : float, optional
        Regret tolerance relative to the payoff scale (default 1e-9).

    Returns
    -------
    EquilibriumSet
        ``complete=True``: every extreme equilibrium, each verified, ordered
        by total support size, then by the supports' action indices. In a
        degenerate game equilibria can form continua (segments, polytopes);
        the set then holds their extreme points, ``degenerate=True``, and a
        :class:`~negotiation_sim.errors.DegenerateGameWarning` names a
        strategy with more best responses than the size of its support.

    Raises
    ------
    UnsupportedMethodError
        If ``game`` is not a 2-player :class:`NormalFormGame`.

    References
    ----------
    Avis, Rosenberg, Savani and von Stengel (2010), "Enumeration of Nash
    equilibria for two-player games", *Economic Theory* 42, section 3.
    von Stengel (2002), "Computing equilibria for two-person games",
    *Handbook of Game Theory* 3, ch. 45, Theorem 2.11 and section 6.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = vertex_enumeration(g)
    >>> [e.strategies[0].round(4).tolist() for e in eqs]
    [[1.0, 0.0], [0.0, 1.0], [0.6667, 0.3333]]
    >>> eqs.complete, eqs.degenerate
    (True, False)
    """
    game, pairs, note, tol = _solve_game(game, tol)
    eqs = [verified_equilibrium(game, (x, y), method=_METHOD, tol=tol) for x, y in pairs]
    notes = () if note is None else (note[0].upper() + note[1:] + ".",)
    return EquilibriumSet(eqs, complete=True, method=_METHOD, game=game,
                          degenerate=note is not None, notes=notes)
