"""The batched kernel of vertex enumeration: every candidate basis of every game of a stack at once.

Everything here works on plain arrays for a stack of ``G`` bimatrix games
at once, with no Python loop over games, bases or vertices:
:func:`extreme_profiles` returns the extreme equilibria of every game as flat
arrays ``(game, x, y)`` in a canonical order. It is the kernel of
:func:`~negotiation_sim.solvers.vertex_enumeration.batch_extreme_profiles`
(sweeps over thousands of small games, where it is many times faster than
walking each game's bases with :mod:`negotiation_sim.solvers._walk`). The
theory is in :func:`negotiation_sim.solvers.vertex_enumeration`.

Speed notes (measured, see ``benchmarks/run.py``): the fixed cost of a call
is a few dozen numpy calls, so index structures that depend only on the
shape (bases, Cramer tables) are cached per shape; label sets are packed
into one integer per vertex, which makes deduplication one ``np.unique``
and pairing an integer OR over the (few) vertex pairs of the same game.
"""

from __future__ import annotations

import functools
import itertools

import attrs
import numpy as np

from negotiation_sim._numeric import ROUNDOFF, clean_rows, regret_atol
from negotiation_sim.errors import InvalidGameError

__all__ = ["extreme_pairs", "extreme_profiles", "profile_regrets", "scaled", "vertex_labels"]

# Labels are read with a tolerance this many times smaller than the regret
# tolerance: an accepted slack of s (payoffs scaled to [1, 2]) costs at most
# 4 * s * payoff_scale of regret, so every pair found passes verification.
LABEL_TOL_FACTOR = 0.05
# A basis is singular when |det| is below this fraction of Hadamard's bound.
_SINGULAR_RTOL = 1e-12


@functools.lru_cache(maxsize=256)
def _combinations(n: int, k: int) -> np.ndarray:
    """All k-subsets of range(n) in lexicographic order, shape (C(n, k), k)."""
    out = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
    out.setflags(write=False)
    return out.reshape(-1, k)


def scaled(payoffs: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Map each flattened matrix (the last axis) affinely onto [1, 2]; also each one's absolute
    regret tolerance (:func:`~negotiation_sim._numeric.regret_atol`).

    The map uses the matrix's own spread, so the result does not depend on a shift or a
    positive scaling of the payoffs. A matrix whose spread is within round-off of its
    largest absolute entry becomes all ones: its player is indifferent everywhere, and
    stretching round-off to [1, 2] would invent strict preferences.
    """
    low = payoffs.min(axis=-1, keepdims=True)
    high = payoffs.max(axis=-1, keepdims=True)
    spread = high - low
    atol = regret_atol(payoffs, tol, axis=-1)
    spread[spread <= ROUNDOFF * np.maximum(-low, high)] = np.inf
    return 1.0 + (payoffs - low) / spread, atol


_ROTATE = np.array([1, 2, 0, 2, 0, 1])


def _row_reduce(ufunc: np.ufunc, a: np.ndarray) -> np.ndarray:
    """``ufunc.reduce(a, axis=1)`` for a 2-D array; column by column when rows are short,
    which is many times faster for the tall, narrow arrays of a batch."""
    if a.shape[1] > 8 or a.shape[1] == 0:
        return ufunc.reduce(a, axis=1)
    out = a[:, 0].copy()
    for j in range(1, a.shape[1]):
        ufunc(out, a[:, j], out=out)
    return out


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
        uw = (M[:, 1:] - r0[:, None])[:, :, _ROTATE]  # u and w, each rotated by 1 and by 2
        num = uw[:, 0, :3] * uw[:, 1, 3:] - uw[:, 0, 3:] * uw[:, 1, :3]
        det = np.einsum("ij,ij->i", r0, num)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return num / det[:, None], det


def _singular_below(sizes: np.ndarray) -> np.ndarray:
    """|det| below which a basis is singular: entries lie in [1, 2], so each of the k rows
    has norm at least sqrt(k), and |det| is compared with Hadamard's bound at that scale."""
    return _SINGULAR_RTOL * np.power(sizes, sizes / 2)


def _solve_feasible(M: np.ndarray, singular: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Solutions of ``M x = 1`` for a stack of bases, and the indices of the regular ones with x >= 0.

    ``singular[i]`` is the |det| at or below which basis i counts as singular.
    """
    n, size, _ = M.shape
    if size == 1:
        xs: np.ndarray = 1.0 / M[:, :, 0]  # entries are >= 1: never singular
        return np.flatnonzero(xs[:, 0] >= -tol), xs
    if size <= 3:
        xs, det = _closed_form(M)
        return np.flatnonzero((np.abs(det) > singular) & (_row_reduce(np.minimum, xs) >= -tol)), xs
    try:
        xs = np.linalg.solve(M, np.ones((n, size, 1)))[..., 0]
    except np.linalg.LinAlgError:  # some basis is exactly singular (common with integer payoffs)
        regular = np.abs(np.linalg.det(M)) > singular
        xs = np.linalg.solve(np.where(regular[:, None, None], M, np.eye(size)), np.ones((n, size, 1)))
        xs = xs[..., 0]
        return np.flatnonzero(regular & (_row_reduce(np.minimum, xs) >= -tol)), xs
    # Nearly singular bases give meaningless solutions: test the few that look feasible.
    keep = np.flatnonzero(_row_reduce(np.minimum, xs) >= -tol)
    return keep[np.abs(np.linalg.det(M[keep])) > singular[keep]], xs


@functools.lru_cache(maxsize=256)
def _bases(r: int, c: int, ks: tuple[int, ...], pad: int):
    """Every basis with k in ``ks`` payoff rows, as row and column index sets of one size.

    Indices refer to the matrix C extended by a ``pad x pad`` identity block
    (rows r.., columns c..): a basis of size k < max(ks) is completed by
    identity rows, which leaves its determinant and its x_S unchanged, so
    bases of several sizes are solved in one stack. Returns the row sets
    (N, K), the column sets (N, K) and each basis's k.
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
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sizes)


@attrs.frozen(eq=False)
class _Group:
    """Index structures for one group of bases of both polytopes of an m x n game (see :func:`_layout`)."""

    flat: np.ndarray  # (N, K, K): M[b, j, a] = V[flat[b, j, a]] = C_ext[rows[a], cols[j]]
    singular: np.ndarray  # (N,): |det| at or below which the basis is singular
    value_idx: np.ndarray  # (N, K, cmax): V index of C[rows[a], col], a zero slot past the end
    row_bits: np.ndarray  # (N, K): label bit of each basis row (0 for padding)
    free_bits: np.ndarray  # (N,): label bits of the rows outside the basis (their x is 0)
    col_bits: np.ndarray  # (N, cmax): label bit of each column (0 past the polytope's columns)
    basis_cols: np.ndarray  # (N,): label bits of the basis's own columns (padding excluded)
    position: np.ndarray  # (N, K): where x_a goes in a point vector of length m + n + 1
    polytope: np.ndarray  # (N,): 0 for P (player 1's strategies), 1 for Q


@functools.lru_cache(maxsize=64)
def _layout(m: int, n: int):
    """Everything about m x n games that does not depend on the payoffs, computed once.

    Each game becomes one vector V: P's extended matrix (B scaled, with an
    identity block), then Q's (A transposed and scaled), then a 1 and a 0.
    Labels use the game's numbering (row i is label i, column j is m + j) in
    both polytopes, so a vertex's label set is one integer word. Returns the
    length of V, where each scaled entry of B and A^T goes, where the ones
    go, and the groups of bases.
    """
    K = min(m, n)
    cmax = max(m, n)
    blocks, offset = [], 0
    # (r, c, bits of rows, bits of columns) per polytope
    for r, c, rbits, cbits in ((m, n, np.arange(m), m + np.arange(n)),
                               (n, m, m + np.arange(n), np.arange(m))):
        blocks.append((r, c, rbits, cbits, offset))
        offset += (r + K) * (c + K)
    length = offset + 1  # then one zero slot
    zero = offset
    dest = np.concatenate([(o + (np.arange(r)[:, None] * (c + K) + np.arange(c))).ravel()
                           for r, c, _, _, o in blocks])
    ones = np.concatenate([o + (r + np.arange(K)) * (c + K) + c + np.arange(K) for r, c, _, _, o in blocks])
    groups = []
    # Every basis size is its own stack (arithmetic dominates in a batch), so that a game's
    # result, to the last bit, never depends on which other games share its batch.
    for ks in [(k,) for k in range(1, K + 1)]:
        parts = []
        for p, (r, c, rbits, cbits, o) in enumerate(blocks):
            rows, cols, sizes = _bases(r, c, ks, K)
            width = c + K
            real = rows < r
            bit = np.where(real, np.int64(1) << np.where(real, rbits[np.minimum(rows, r - 1)], 0), 0)
            all_rows = (np.int64(1) << rbits).sum()
            vidx = np.where(np.arange(cmax) < c, o + rows[:, :, None] * width + np.arange(cmax), zero)
            parts.append(dict(
                flat=o + rows[:, None, :] * width + cols[:, :, None],
                singular=_singular_below(sizes), value_idx=vidx, row_bits=bit, free_bits=all_rows - bit.sum(axis=1),
                col_bits=np.broadcast_to(np.where(np.arange(cmax) < c, np.int64(1) << np.concatenate(
                    [cbits, np.zeros(cmax - c, int)]), 0), (len(rows), cmax)),
                basis_cols=np.where(cols < c, np.int64(1) << cbits[np.minimum(cols, c - 1)], 0).sum(axis=1),
                position=np.where(real, rbits[np.minimum(rows, r - 1)], m + n),
                polytope=np.full(len(rows), p)))
        fields = {k: np.ascontiguousarray(np.concatenate([q[k] for q in parts])) for k in parts[0]}
        for arr in fields.values():
            arr.setflags(write=False)
        groups.append(_Group(**fields))
    return length, dest, ones, tuple(groups), np.roll(np.arange(m + n), -m)


def _payoff_vectors(A: np.ndarray, B: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """The vectors V of :func:`_layout` for a stack of games, and each game's absolute regret
    tolerances, shape (G, 2): player 1's (from A), then player 2's (from B)."""
    G, m, n = A.shape
    length, dest, ones, _, _ = _layout(m, n)
    V = np.zeros((G, length))
    both, scale = scaled(np.stack([B.reshape(G, m * n), A.transpose(0, 2, 1).reshape(G, m * n)], axis=1), tol)
    V[:, dest] = both.reshape(G, -1)
    V[:, ones] = 1.0
    return V, scale[:, ::-1]


def _group_vertices(V: np.ndarray, grp: _Group, m: int, n: int, tol: float):
    """Feasible basic solutions of one group: game, polytope, label word and point of each."""
    G = len(V)
    N, K = grp.singular.shape[0], grp.flat.shape[1]
    M = np.take(V, grp.flat, axis=1).reshape(G * N, K, K)
    keep, xs = _solve_feasible(M, np.tile(grp.singular, G) if G > 1 else grp.singular, tol)
    xs = xs[keep]
    if G == 1:
        g, b = np.zeros(len(keep), dtype=np.int64), keep
        block = V[0][grp.value_idx[b]]
    else:
        g, b = np.divmod(keep, N)
        block = V[g[:, None, None], grp.value_idx[b]]
    # Values of every column at x: only the basis rows contribute.
    values = np.einsum("nkc,nk->nc", block, xs)
    col_words = np.einsum("nc,nc->n", values >= 1.0 - tol, grp.col_bits[b])
    # Feasible (no column above 1) and truly a solution (its own columns tight: a check on
    # nearly singular bases, whose solutions can be inaccurate).
    ok = (_row_reduce(np.maximum, values) <= 1.0 + tol) & ((col_words & grp.basis_cols[b]) == grp.basis_cols[b])
    g, b, xs = g[ok], b[ok], xs[ok]
    words = grp.free_bits[b] + np.einsum("nk,nk->n", xs <= tol, grp.row_bits[b]) + col_words[ok]
    points = np.zeros((len(g), m + n + 1))
    points[np.arange(len(g))[:, None], grp.position[b]] = xs
    return g, grp.polytope[b], words, points


def vertex_labels(words: np.ndarray, polytope: int, m: int, n: int) -> np.ndarray:
    """Boolean labels of packed label words, in the polytope's own order: the owner's zero
    probabilities first, then the other player's best responses."""
    bits = np.arange(m + n) if polytope == 0 else _layout(m, n)[4]
    return ((words[:, None] >> bits) & 1).astype(bool)


def extreme_pairs(A: np.ndarray, B: np.ndarray, tol: float):
    """Vertices of both polytopes and their completely labelled pairs, for a stack of games.

    A constraint counts as tight within ``LABEL_TOL_FACTOR * tol`` (payoffs scaled to [1, 2]).

    Returns ``(game, x, y, atol, P, Q)``: the game index and the (not yet
    normalised) strategies of each pair, each game's absolute regret
    tolerance per player (shape (n_games, 2), see
    :func:`~negotiation_sim._numeric.regret_atol`), and each polytope's
    distinct vertices as ``(game, point, label word)`` (see :func:`vertex_labels`).
    """
    n_games, m, n = A.shape
    if m + n > 61 - int(2 * n_games).bit_length():  # label sets are packed into one int64 with the game
        msg = (f"game shape {m} x {n} is too large for vertex enumeration: m + n must be at most "
               f"{61 - int(2 * n_games).bit_length()}")
        raise InvalidGameError(msg)
    label_tol = LABEL_TOL_FACTOR * tol
    V, scale = _payoff_vectors(A, B, tol)
    parts = [_group_vertices(V, grp, m, n, label_tol) for grp in _layout(m, n)[3]]
    g, poly, words, points = parts[0] if len(parts) == 1 else (np.concatenate(p) for p in zip(*parts))
    # One sort finds repeated vertices (a vertex is its set of tight constraints) and groups them
    # by game, then polytope.
    _, pick = np.unique(((2 * g + poly) << (m + n)) | words, return_index=True)
    g, poly, words, points = g[pick], poly[pick], words[pick], points[pick]
    if n_games == 1:  # P's vertices come first: slices instead of masks
        k = int(np.count_nonzero(poly == 0))
        gp, wp, xp, gq, wq, yq = g[:k], words[:k], points[:k, :m], g[k:], words[k:], points[k:, m : m + n]
    else:
        on_p = poly == 0
        gp, wp, xp = g[on_p], words[on_p], points[on_p, :m]
        gq, wq, yq = g[~on_p], words[~on_p], points[~on_p, m : m + n]
    i, j = _complete_pairs(gp, wp, gq, wq, n_games, (1 << (m + n)) - 1)
    return gp[i], xp[i], yq[j], scale, (gp, xp, wp), (gq, yq, wq)


def _complete_pairs(gx, wx, gy, wy, n_games: int, full: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (i, j) of the completely labelled pairs of P-vertex i and Q-vertex j of one game.

    Both vertex lists are sorted by game; every pair within a game is
    formed (there are few) and kept when its label words cover ``full``.
    """
    if n_games == 1:
        i, j = np.nonzero((wx[:, None] | wy[None, :]) == full)
        return i, j
    cy = np.bincount(gy, minlength=n_games)
    start_y = np.cumsum(cy) - cy
    per_i = cy[gx]
    i = np.repeat(np.arange(len(gx)), per_i)
    first = np.cumsum(per_i) - per_i
    j = start_y[gx[i]] + np.arange(len(i)) - first[i]
    hit = (wx[i] | wy[j]) == full
    return i[hit], j[hit]


def profile_regrets(A: np.ndarray, B: np.ndarray, game: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Each profile's regret per player (largest unilateral gain, shape (P, 2)) and both
    payoffs, vectorised over the profiles of a stack of games (one formula whatever the
    batch, so a game's payoffs never depend on its batch)."""
    Ay = np.einsum("pmn,pn->pm", A[game], y)
    xB = np.einsum("pm,pmn->pn", x, B[game])
    u1, u2 = np.einsum("pm,pm->p", x, Ay), np.einsum("pn,pn->p", y, xB)
    regret = np.maximum(np.column_stack([_row_reduce(np.maximum, Ay) - u1, _row_reduce(np.maximum, xB) - u2]), 0.0)
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

    Returns ``(game, x, y, atol, P, Q)`` as :func:`extreme_pairs` does, but with
    ``x`` and ``y`` normalised and cleaned of round-off by
    :func:`~negotiation_sim._numeric.clean_rows`. Profiles are NOT yet verified.
    """
    game, x, y, scale, P, Q = extreme_pairs(A, B, tol)
    x, y = clean_rows(x), clean_rows(y)
    if len(game) > 1:
        order = canonical_order(game, x, y)
        game, x, y = game[order], x[order], y[order]
    return game, x, y, scale, P, Q


def _order_one_game(x: list[list[float]], y: list[list[float]]) -> list[int]:
    """:func:`canonical_order` for the few profiles of one game (rows as lists), in plain Python
    (cheaper than ~20 numpy calls). The probabilities break ties only between profiles with
    the same supports, so they are rounded only then."""
    m, n = len(x[0]), len(y[0])

    def supports(k: int) -> tuple:
        sx = tuple(i for i, v in enumerate(x[k]) if v > 0)
        sy = tuple(j for j, v in enumerate(y[k]) if v > 0)
        return (len(sx) + len(sy), sx + (-1,) * (m - len(sx)), sy + (-1,) * (n - len(sy)))

    keys = [supports(k) for k in range(len(x))]
    if len(set(keys)) < len(keys):
        keys = [(*key, [round(v, 12) for v in x[k]], [round(v, 12) for v in y[k]]) for k, key in enumerate(keys)]
    return sorted(range(len(x)), key=keys.__getitem__)
