"""Vertex enumeration for ONE small game in a few dense array operations.

For a single game the cost of :mod:`negotiation_sim.solvers._polytope` is
numpy's fixed cost per call, not arithmetic. When every basis has at most 4
rows and the matrices are small, Cramer's rule (with Leibniz's formula)
makes every numerator and determinant of every basis of both polytopes a
sum of signed products of the (scaled) payoffs: one gather of all the
products' factors, a few multiplications and ONE ``bincount`` give them
all, from tables cached per shape. Feasibility, labels (packed into words,
bit i for row i and m + j for column j, as in ``_polytope``),
deduplication and pairing follow in a handful of calls on small arrays.

For games of at most 3 x 3 actions even that is mostly per-call cost:
:func:`tiny_pairs` does the same arithmetic in plain Python, from straight-line
code generated once per shape (the same Leibniz sums in the same order, so the
same numbers bit for bit), and is what ``vertex_enumeration`` uses for one such game.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np

from negotiation_sim._numeric import CLEAN_TOL, ROUNDOFF
from negotiation_sim.solvers._polytope import _SINGULAR_RTOL, scaled

__all__ = ["fits", "extreme_pairs_small", "tiny_pairs"]

# Most Cramer terms (products of payoffs) per game on this path; bases of at most 4 rows.
_MAX_TERMS = 6000
_MAX_BASIS = 4


@functools.lru_cache(maxsize=256)
def fits(m: int, n: int) -> bool:
    """Whether an m x n game takes this path: bases of at most 4 rows and few Cramer terms."""
    K = min(m, n)
    terms = sum(math.comb(m, k) * math.comb(n, k) * (k + 1) * math.factorial(k) for k in range(1, K + 1))
    return K <= _MAX_BASIS and 2 * terms <= _MAX_TERMS


def _parity(perm: tuple[int, ...]) -> int:
    inversions = sum(1 for i, j in itertools.combinations(range(len(perm)), 2) if perm[i] > perm[j])
    return -1 if inversions % 2 else 1


@functools.lru_cache(maxsize=32)
def _program(m: int, n: int):
    """Cached tables for m x n games (both polytopes, stacked on axis 0).

    By Cramer's rule (Leibniz's formula) a basis's determinant and each
    numerator (the determinant with one column replaced by ones) are sums of
    signed products of matrix entries: one row of ``factors`` per product,
    padded with the index of a constant 1, its ``sign`` and the ``slot`` of
    ``(polytope, basis, row or R for the determinant)`` it adds to. Also the
    singularity threshold (2, N) (infinite for padding bases), each basis's
    own columns' bits (2, N), the label bits of rows and columns (2, R, 1),
    and where each polytope's entries come from in
    ``concatenate([A.ravel(), B.ravel()])``.
    """
    K, V, R = min(m, n), m * n, max(m, n)
    shapes = ((m, n, np.arange(m), m + np.arange(n)), (n, m, m + np.arange(n), np.arange(m)))
    N = sum(math.comb(m, k) * math.comb(n, k) for k in range(1, K + 1))
    factors, signs, slots = [], [], []
    threshold = np.full((2, N), np.inf)
    basis_cols = np.zeros((2, N), dtype=np.int64)
    row_bits, col_bits = np.zeros((2, R)), np.zeros((2, R))
    for p, (r, c, rbits, cbits) in enumerate(shapes):
        row_bits[p, :r], col_bits[p, :c] = 2.0**rbits, 2.0**cbits
        one = p * (V + 1) + V  # the constant 1 after this polytope's entries
        b = 0
        for k in range(1, K + 1):
            perms = [(perm, _parity(perm)) for perm in itertools.permutations(range(k))]
            for S in itertools.combinations(range(r), k):
                for T in itertools.combinations(range(c), k):
                    var = [[p * (V + 1) + S[a] * c + T[j] for a in range(k)] for j in range(k)]  # M[j][a]
                    for perm, sign in perms:
                        prod = [var[j][perm[j]] for j in range(k)]
                        factors.append(prod + [one] * (K - k))
                        signs.append(sign)
                        slots.append((p * N + b) * (R + 1) + R)
                        for a in range(k):  # Cramer: column a replaced by ones
                            factors.append([f if perm[j] != a else one for j, f in enumerate(prod)] + [one] * (K - k))
                            signs.append(sign)
                            slots.append((p * N + b) * (R + 1) + S[a])
                    threshold[p, b] = _SINGULAR_RTOL * k ** (k / 2)
                    basis_cols[p, b] = int(sum(1 << int(cbits[t]) for t in T))
                    b += 1
    # Where each game's payoffs go: B row-major, then A transposed (the two polytopes' matrices).
    source = np.concatenate([V + np.arange(V), (np.arange(V).reshape(m, n).T).ravel()]).reshape(2, V)
    tables = (np.array(factors, dtype=np.intp), np.array(signs, dtype=np.float64),
              np.array(slots, dtype=np.intp), threshold, basis_cols, row_bits[:, :, None],
              col_bits[:, :, None], source)
    for arr in tables:
        arr.setflags(write=False)
    return tables


def _distinct(keep: np.ndarray, words: np.ndarray) -> np.ndarray:
    """The kept bases with distinct label words (a degenerate vertex arises from several)."""
    _, first = np.unique(words[keep], return_index=True)
    return keep[first]


def extreme_pairs_small(A: np.ndarray, B: np.ndarray, tol: float, label_tol: float,
                        singular_factor: float = 1.0):
    """:func:`negotiation_sim.solvers._polytope.extreme_pairs` for a stack of ONE game that :func:`fits`.

    ``tol`` is the regret tolerance, ``label_tol`` the one for labels, ``singular_factor``
    multiplies the |det| threshold of singular bases.
    """
    _, m, n = A.shape
    K, R = min(m, n), max(m, n)
    factors, signs, slots, threshold, basis_cols, row_bits, col_bits, source = _program(m, n)
    v, scale = scaled(np.concatenate([A.ravel(), B.ravel()])[source], tol)
    entries = np.concatenate([v, np.ones((2, 1))], axis=1).ravel()[factors]
    terms = signs * entries[:, 0]
    for j in range(1, K):
        terms *= entries[:, j]
    R1 = np.bincount(slots, weights=terms, minlength=2 * len(threshold[0]) * (R + 1)).reshape(2, -1, R + 1)
    det = R1[:, :, R]
    C = np.zeros((2, R, R))
    C[0, :m, :n] = v[0].reshape(m, n)
    C[1, :n, :m] = v[1].reshape(n, m)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # singular bases: inf, nan
        x = R1[:, :, :R] / det[:, :, None]
        values = x @ C
    zero, tight = x <= label_tol, values >= 1.0 - label_tol
    words = ((zero @ row_bits + tight @ col_bits)[:, :, 0]).astype(np.int64)
    ok = ((np.abs(det) > threshold * singular_factor) & (x.min(axis=2) >= -label_tol) & (values.max(axis=2) <= 1.0 + label_tol)
          & ((words & basis_cols) == basis_cols))
    kp, kq = _distinct(np.flatnonzero(ok[0]), words[0]), _distinct(np.flatnonzero(ok[1]), words[1])
    wp, wq = words[0, kp], words[1, kq]
    xp, yq = x[0, kp, :m], x[1, kq, :n]
    ip, jq = np.nonzero((wp[:, None] | wq[None, :]) == (1 << (m + n)) - 1)
    zp, zq = np.zeros(len(kp), dtype=np.int64), np.zeros(len(kq), dtype=np.int64)
    return np.zeros(len(ip), dtype=np.int64), xp[ip], yq[jq], scale[None, ::-1], (zp, xp, wp), (zq, yq, wq)


@functools.lru_cache(maxsize=16)
def _py_program(m: int, n: int):
    """The bases of :func:`_program` as Python tuples, in the same order and with the same
    Leibniz terms (so determinants and numerators are summed in the same order, bit for bit).

    Per polytope ``(r, c, row_bit, col_bit, bases)``; per basis ``(S, T, col_mask, threshold,
    terms)``; per term ``(sign, factors, missing)``: ``factors[j]`` indexes the polytope's
    row-major matrix and ``missing[j]`` is the basis row whose numerator drops factor j.
    """
    K = min(m, n)
    out = []
    for r, c, rbits, cbits in ((m, n, list(range(m)), [m + j for j in range(n)]),
                               (n, m, [m + j for j in range(n)], list(range(m)))):
        bases = []
        for k in range(1, K + 1):
            perms = [(perm, _parity(perm)) for perm in itertools.permutations(range(k))]
            for S in itertools.combinations(range(r), k):
                for T in itertools.combinations(range(c), k):
                    terms = tuple((float(sign), tuple(S[perm[j]] * c + T[j] for j in range(k)), perm)
                                  for perm, sign in perms)
                    mask = sum(1 << cbits[t] for t in T)
                    bases.append((S, T, mask, _SINGULAR_RTOL * k ** (k / 2), terms))
        out.append((r, c, tuple(1 << b for b in rbits), tuple(1 << b for b in cbits), tuple(bases)))
    return tuple(out)


def _py_scaled(p: list[float], tol: float) -> tuple[list[float], float]:
    """:func:`negotiation_sim.solvers._polytope.scaled` for one flat list (same arithmetic)."""
    low, high = min(p), max(p)
    spread = high - low
    size = max(-low, high)
    atol = max(tol * spread, ROUNDOFF * size)
    if spread <= ROUNDOFF * size:
        spread = math.inf
    return [1.0 + (e - low) / spread for e in p], atol


@functools.lru_cache(maxsize=16)
def _py_solver(m: int, n: int, polytope: int):
    """Straight-line Python (generated once per shape) for every basis of one polytope of
    :func:`_py_program`: each determinant and numerator is the same Leibniz sum, term by term
    and in the same order, as the ``bincount`` of :func:`extreme_pairs_small` (bit for bit),
    and the feasibility and label tests are those of :func:`extreme_pairs_small`.

    ``solve(C, seen, lo, hi, tight, zero, f)`` takes the scaled matrix (row-major) and records in
    the dict ``seen``, for each feasible basis whose label word is new, ``word -> (S, x_S)``.
    """
    r, c, row_bit, col_bit, bases = _py_program(m, n)[polytope]
    lines = ["def solve(C, seen, lo, hi, tight, zero, f):", f"    {', '.join(f'c{i}' for i in range(r * c))}, = C"]

    def term(sign, factors):
        expr = "*".join(f"c{i}" for i in factors) if factors else "1.0"
        return ("-" if sign < 0 else "") + expr

    for S, _T, mask, threshold, terms in bases:
        k = len(S)
        det = " + ".join(term(sign, factors) for sign, factors, _ in terms)
        lines.append(f"    d = 0.0 + {det}")
        lines.append(f"    if d > {threshold!r} * f or d < {-threshold!r} * f:")
        for a in range(k):
            parts = [term(sign, [f for j, f in enumerate(factors) if perm[j] != a]) for sign, factors, perm in terms]
            lines.append(f"        x{a} = (0.0 + {' + '.join(parts)}) / d")
        xs = [f"x{a}" for a in range(k)]
        lines.append(f"        if {' and '.join(x + ' >= lo' for x in xs)}:")
        for col in range(c):  # column values at x: only the basis rows contribute
            lines.append(f"            v{col} = 0.0 + {' + '.join(f'x{a}*c{row * c + col}' for a, row in enumerate(S))}")
        lines.append(f"            if {' and '.join(f'v{col} <= hi' for col in range(c))}:")
        outside = sum(row_bit[row] for row in range(r) if row not in S)  # x = 0 there: label
        word = [str(outside)] + [f"({row_bit[row]} if x{a} <= zero else 0)" for a, row in enumerate(S)]
        word += [f"({col_bit[col]} if v{col} >= tight else 0)" for col in range(c)]
        lines.append(f"                w = {' | '.join(word)}")
        lines.append(f"                if w & {mask} == {mask} and w not in seen:")
        lines.append(f"                    seen[w] = ({S!r}, ({', '.join(xs)},))")
    namespace: dict = {}
    exec("\n".join(lines), namespace)  # noqa: S102 - generated from the tables above only
    return namespace["solve"]


def _py_vertices(C: list[float], m: int, n: int, polytope: int, label_tol: float,
                 clean_tol: float = CLEAN_TOL, singular_factor: float = 1.0) -> tuple[list[int], list[list[float]]]:
    """Distinct vertices of one polytope, sorted by label word (as ``_distinct`` keeps them):
    the words, and the points cleaned as :func:`~negotiation_sim._numeric.clean_rows` cleans
    them (same operations, in the same order)."""
    seen: dict = {}
    _py_solver(m, n, polytope)(C, seen, -label_tol, 1.0 + label_tol, 1.0 - label_tol, label_tol, singular_factor)
    r = m if polytope == 0 else n
    words, points = [], []
    for word, (S, x) in sorted(seen.items()):
        point = [0.0] * r
        for row, v in zip(S, x):
            point[row] = v if v > clean_tol else 0.0
        total = 0.0
        for v in point:
            total += v
        if total == 0:
            total = 1.0
        for i, v in enumerate(point):
            v /= total
            point[i] = 1.0 if v >= 1.0 - clean_tol else (0.0 if v <= clean_tol else v)
        words.append(word)
        points.append(point)
    return words, points


def tiny_pairs(A: np.ndarray, B: np.ndarray, tol: float, label_tol: float, singular_factor: float = 1.0):
    """Completely labelled vertex pairs of ONE game of at most 3 x 3 actions, in plain Python
    (numpy's fixed cost per call outweighs the arithmetic there).

    Same results as :func:`extreme_pairs_small` followed by ``clean_rows``: returns the
    players' absolute regret tolerances ``(atol1, atol2)``, P's and Q's vertices as
    (words, cleaned points) and the pairs ``(i, j)``.
    """
    m, n = A.shape
    a, b = A.tolist(), B.tolist()
    vp, sp = _py_scaled([e for row in b for e in row], tol)  # B row-major
    vq, sq = _py_scaled([a[i][j] for j in range(n) for i in range(m)], tol)  # A transposed
    wp, xp = _py_vertices(vp, m, n, 0, label_tol, singular_factor=singular_factor)
    wq, yq = _py_vertices(vq, m, n, 1, label_tol, singular_factor=singular_factor)
    full = (1 << (m + n)) - 1
    pairs = [(i, j) for i, u in enumerate(wp) for j, w in enumerate(wq) if (u | w) == full]
    return (sq, sp), (wp, xp), (wq, yq), pairs
