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
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np

from negotiation_sim.solvers._polytope import _SINGULAR_RTOL, scaled

__all__ = ["fits", "extreme_pairs_small"]

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


def extreme_pairs_small(A: np.ndarray, B: np.ndarray, tol: float, label_tol: float):
    """:func:`negotiation_sim.solvers._polytope.extreme_pairs` for a stack of ONE game that :func:`fits`.

    ``tol`` is the regret tolerance (for near-constant payoffs), ``label_tol`` the one for labels.
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
    ok = ((np.abs(det) > threshold) & (x.min(axis=2) >= -label_tol) & (values.max(axis=2) <= 1.0 + label_tol)
          & ((words & basis_cols) == basis_cols))
    kp, kq = _distinct(np.flatnonzero(ok[0]), words[0]), _distinct(np.flatnonzero(ok[1]), words[1])
    wp, wq = words[0, kp], words[1, kq]
    xp, yq = x[0, kp, :m], x[1, kq, :n]
    i, j = np.nonzero((wp[:, None] | wq[None, :]) == (1 << (m + n)) - 1)
    zp, zq = np.zeros(len(kp), dtype=np.int64), np.zeros(len(kq), dtype=np.int64)
    return np.zeros(len(i), dtype=np.int64), xp[i], yq[j], scale.max(keepdims=True), (zp, xp, wp), (zq, yq, wq)
