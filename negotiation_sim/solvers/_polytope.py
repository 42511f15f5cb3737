"""The kernel of vertex enumeration: polytope vertices and completely labelled pairs, for stacks of games.

Everything here works on plain arrays for a stack of ``G`` bimatrix games
at once (a single game is a stack of one), with no Python loop over games,
bases or vertices: :func:`extreme_profiles` returns the extreme equilibria of
every game as flat arrays ``(game, x, y)`` in a canonical order. The theory
is in :mod:`negotiation_sim.solvers.vertex_enumeration`.

Speed notes (measured, see ``benchmarks/run.py``): the fixed cost of a call
is a few dozen numpy calls, so index structures that depend only on the
shape (bases, Cramer tables) are cached per shape; label sets are packed
into one integer per vertex, which makes deduplication one ``np.unique``
and pairing an integer OR over the (few) vertex pairs of the same game.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from negotiation_sim.errors import InvalidGameError

__all__ = ["extreme_pairs", "extreme_profiles", "profile_regrets", "scaled"]

# Labels are read with a tolerance this many times smaller than the regret
# tolerance: an accepted slack of s (payoffs scaled to [1, 2]) costs at most
# 4 * s * payoff_scale of regret, so every pair found passes verification.
LABEL_TOL_FACTOR = 0.05
# A basis is singular when |det| is below this fraction of Hadamard's bound.
_SINGULAR_RTOL = 1e-12
# Probabilities below this are round-off and become exact zeros.
_ZERO = 1e-12


@functools.lru_cache(maxsize=256)
def _combinations(n: int, k: int) -> np.ndarray:
    """All k-subsets of range(n) in lexicographic order, shape (C(n, k), k)."""
    out = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
    out.setflags(write=False)
    return out.reshape(-1, k)


def scaled(payoffs: np.ndarray, tol: float) -> np.ndarray:
    """Map each game's matrix affinely onto [1, 2].

    A matrix whose entries differ by at most ``tol`` times its payoff scale
    becomes all ones: within the regret tolerance its player is indifferent
    everywhere, and stretching round-off to [1, 2] would invent strict
    preferences (and lose equilibria that verification accepts).
    """
    low = payoffs.min(axis=(1, 2), keepdims=True)
    high = payoffs.max(axis=(1, 2), keepdims=True)
    spread = high - low
    scale = np.maximum(1.0, np.maximum(np.abs(low), np.abs(high)))
    spread[spread <= tol * scale] = np.inf
    return 1.0 + (payoffs - low) / spread


def _closed_form(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``M x = 1`` for a stack of 2 x 2 or 3 x 3 matrices by Cramer's rule; also det."""
    if M.shape[1] == 2:
        a, b, c, d = M[:, 0, 0], M[:, 0, 1], M[:, 1, 0], M[:, 1, 1]
        det = a * d - b * c
        num = np.stack([d - b, a - c], axis=1)
    else:
        # Rows r0, r1, r2; the inverse's columns are r1 x r2, r2 x r0, r0 x r1 over det,
        # so x = (r1 x r2 + r2 x r0 + r0 x r1) / det: with u = r1 - r0, w = r2 - r0 this
        # sum is u x w, and det = r0 . (r1 x r2) = r0 . (u x w).
        r0 = M[:, 0]
        u, w = M[:, 1] - r0, M[:, 2] - r0
        num = np.cross(u, w)
        det = np.einsum("ij,ij->i", r0, num)
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
        return np.flatnonzero(_regular(det, k) & (xs.min(axis=1) >= -tol)), xs
    try:
        xs = np.linalg.solve(M, np.ones((n, size, 1)))[..., 0]
    except np.linalg.LinAlgError:  # some basis is exactly singular (common with integer payoffs)
        regular = _regular(np.linalg.det(M), k)
        xs = np.linalg.solve(np.where(regular[:, None, None], M, np.eye(size)), np.ones((n, size, 1)))
        xs = xs[..., 0]
        return np.flatnonzero(regular & (xs.min(axis=1) >= -tol)), xs
    # Nearly singular bases give meaningless solutions: test the few that look feasible.
    keep = np.flatnonzero(xs.min(axis=1) >= -tol)
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


@functools.lru_cache(maxsize=64)
def _tiled_sizes(r: int, c: int, ks: tuple[int, ...], pad: int, n_games: int) -> np.ndarray:
    out = np.tile(_bases(r, c, ks, pad)[2], n_games)
    out.setflags(write=False)
    return out


def _basic_solutions(C_ext: np.ndarray, r: int, c: int, ks: tuple[int, ...], tol: float):
    """Feasible basic solutions of ``{x >= 0 : C^T x <= 1}`` over the bases with k in ``ks``.

    Returns the game index, the point ``x`` (padded to the rows of ``C_ext``)
    and the boolean labels (``x_i = 0`` for ``i < r``, tight column ``j`` as
    ``r + j``) of each (vertices may repeat).
    """
    G, re, ce = C_ext.shape
    rows, cols, _, flat = _bases(r, c, ks, re - r)
    n_bases, K = rows.shape
    M = np.take(C_ext.reshape(G, re * ce), flat, axis=1).reshape(-1, K, K)
    keep, xs = _solve_feasible(M, _tiled_sizes(r, c, ks, re - r, G), tol)
    g, b = np.divmod(keep, n_bases)
    xs = xs[keep]
    # Values of every column at x: only the rows in the basis contribute.
    values = np.einsum("nkc,nk->nc", C_ext[g[:, None], rows[b], :c], xs)
    ok = values.max(axis=1) <= 1.0 + tol
    tight = values[np.arange(len(b))[:, None], np.minimum(cols[b], c - 1)]
    ok &= np.all((np.abs(tight - 1.0) <= tol) | (cols[b] >= c), axis=1)
    g, b, xs, values = g[ok], b[ok], xs[ok], values[ok]
    x = np.zeros((len(g), re))
    x[np.arange(len(b))[:, None], rows[b]] = xs
    labels = np.concatenate([x[:, :r] <= tol, values >= 1.0 - tol], axis=1)
    return g, x[:, :r], labels


def _pack(labels: np.ndarray) -> np.ndarray:
    """Each row of boolean labels (at most 62) as one integer, bit i for label i."""
    return labels.astype(np.int64) @ (np.int64(1) << np.arange(labels.shape[1], dtype=np.int64))


def _polytope_vertices(C: np.ndarray, tol: float):
    """Distinct nonzero vertices of ``{x >= 0 : C^T x <= 1}`` for a stack of matrices C.

    Bases with up to 3 payoff rows are solved together in closed form (padded
    to one size); larger ones by LAPACK, one stack per size. Returns
    ``(game, x, labels, words)`` sorted by game then label word; a vertex is
    identified by its full set of tight constraints, which determines it.
    """
    G, r, c = C.shape
    K = min(r, c)
    pad = min(K, 3)
    C_ext = np.zeros((G, r + pad, c + pad))
    C_ext[:, :r, :c] = C
    C_ext[:, np.arange(r, r + pad), np.arange(c, c + pad)] = 1.0
    groups = [tuple(range(1, pad + 1))] + [(k,) for k in range(4, K + 1)]
    parts = [_basic_solutions(C_ext, r, c, ks, tol) for ks in groups]
    if len(parts) == 1:
        g, x, labels = parts[0]
    else:
        g, x, labels = (np.concatenate(p) for p in zip(*parts))
    words = _pack(labels)
    # One sort finds repeated vertices: the key is (game, label word).
    _, pick = np.unique(g * (np.int64(1) << (r + c)) + words, return_index=True)
    return g[pick], x[pick], labels[pick], words[pick]


def _complete_pairs(gx, wx, gy, wy, n_games: int, full: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (i, j) of the completely labelled pairs of P-vertex i and Q-vertex j of one game.

    Both vertex lists are sorted by game; every pair within a game is
    formed (there are few) and kept when its label words cover ``full``.
    """
    cy = np.bincount(gy, minlength=n_games)
    start_y = np.concatenate([[0], np.cumsum(cy)[:-1]])
    per_i = cy[gx]
    i = np.repeat(np.arange(len(gx)), per_i)
    first = np.cumsum(per_i) - per_i
    j = start_y[gx[i]] + np.arange(len(i)) - first[i]
    hit = (wx[i] | wy[j]) == full
    return i[hit], j[hit]


def extreme_pairs(A: np.ndarray, B: np.ndarray, tol: float):
    """Vertices of both polytopes and their completely labelled pairs, for a stack of games.

    Returns ``(game, x, y, P, Q)``: the game index, normalised strategies of
    each pair, and each polytope's ``(game, point, labels)``.
    """
    n_games, m, n = A.shape
    if m + n > 61 - int(n_games).bit_length():  # label sets are packed into one int64 with the game
        msg = (f"game shape {m} x {n} is too large for vertex enumeration: m + n must be at most "
               f"{61 - int(n_games).bit_length()}")
        raise InvalidGameError(msg)
    label_tol = LABEL_TOL_FACTOR * tol
    CP, CQ = scaled(B, tol), scaled(A, tol).transpose(0, 2, 1)
    if m == n:  # one pass for both polytopes when their shapes agree
        g, v, lab, w = _polytope_vertices(np.concatenate([CP, CQ]), label_tol)
        split = np.searchsorted(g, n_games)
        P = (g[:split], v[:split], lab[:split], w[:split])
        Q = (g[split:] - n_games, v[split:], lab[split:], w[split:])
    else:
        P, Q = _polytope_vertices(CP, label_tol), _polytope_vertices(CQ, label_tol)
    # Q's own labels are (y_j = 0 as j < n, row i tight as n + i); renumber to the game's.
    wq = (Q[3] >> n) | ((Q[3] & ((1 << n) - 1)) << m)
    i, j = _complete_pairs(P[0], P[3], Q[0], wq, n_games, (1 << (m + n)) - 1)
    x, y = P[1][i], Q[1][j]
    return P[0][i], x / x.sum(axis=1, keepdims=True), y / y.sum(axis=1, keepdims=True), P[:3], Q[:3]


def profile_regrets(A: np.ndarray, B: np.ndarray, game: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Each profile's regret (largest unilateral gain) and both payoffs, vectorised over profiles."""
    Ay = np.einsum("pmn,pn->pm", A[game], y)
    xB = np.einsum("pm,pmn->pn", x, B[game])
    u1, u2 = np.einsum("pm,pm->p", x, Ay), np.einsum("pn,pn->p", y, xB)
    regret = np.maximum(np.maximum(Ay.max(axis=1) - u1, xB.max(axis=1) - u2), 0.0)
    return regret, np.column_stack([u1, u2])


def _support_key(z: np.ndarray) -> np.ndarray:
    """Each row's support as its sorted action indices, padded with -1 (shorter tuples first)."""
    k = z.shape[1]
    idx = np.sort(np.where(z > 0, np.arange(k), k), axis=1)
    idx[idx == k] = -1
    return idx


def canonical_order(game: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The permutation putting profiles in order: by game, total support size, the supports'
    action indices (as tuples), then the probabilities rounded to 12 decimals."""
    sx, sy = _support_key(x), _support_key(y)
    size = (sx >= 0).sum(axis=1) + (sy >= 0).sum(axis=1)
    keys = [*np.round(y, 12).T[::-1], *np.round(x, 12).T[::-1], *sy.T[::-1], *sx.T[::-1], size, game]
    return np.lexsort(keys)


def extreme_profiles(A: np.ndarray, B: np.ndarray, tol: float):
    """Every extreme equilibrium of each game in a stack, as flat arrays in canonical order.

    Returns ``(game, x, y, P, Q)``: round-off below 1e-12 in ``x`` and ``y``
    is cleaned to exact zeros (and rows renormalised); ``P`` and ``Q`` are as
    in :func:`extreme_pairs`. Profiles are NOT yet verified.
    """
    game, x, y, P, Q = extreme_pairs(A, B, tol)
    x = np.where(x > _ZERO, x, 0.0)
    y = np.where(y > _ZERO, y, 0.0)
    x /= x.sum(axis=1, keepdims=True)
    y /= y.sum(axis=1, keepdims=True)
    if len(game) > 1:
        order = canonical_order(game, x, y)
        game, x, y = game[order], x[order], y[order]
    return game, x, y, P, Q
