"""Vertex enumeration for ONE small game in a few dense array operations.

For a single game the cost of :mod:`negotiation_sim.solvers._polytope` is
numpy's fixed cost per call, not arithmetic. When every basis has at most 3
rows and the matrices are small, Cramer's rule makes each basis's solution a
ratio of polynomials of degree at most 3 in the matrix entries: with the
vector of all monomials of the (scaled) payoffs, ONE matrix product with a
cached weight matrix gives every numerator and determinant of every basis
of both polytopes. Feasibility, labels (packed into words, bit i for row i
and m + j for column j, as in ``_polytope``), deduplication and pairing
follow in a handful of calls on the resulting small arrays.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from negotiation_sim.solvers._polytope import _SINGULAR_RTOL, scaled

__all__ = ["fits", "extreme_pairs_small"]

# Largest number of payoff entries per matrix (monomials of degree 3 grow as its cube).
_MAX_ENTRIES = 16


def fits(m: int, n: int) -> bool:
    """Whether an m x n game takes this path: bases of at most 3 rows, few entries."""
    return min(m, n) <= 3 and m * n <= _MAX_ENTRIES


def _parity(perm: tuple[int, ...]) -> int:
    inversions = sum(1 for i, j in itertools.combinations(range(len(perm)), 2) if perm[i] > perm[j])
    return -1 if inversions % 2 else 1


def _position(monomial: tuple[int, ...], V: int) -> int:
    """Index of a monomial (sorted variable indices) in [1, v, v (x) v, v (x) v (x) v] flattened."""
    offset = {0: 0, 1: 1, 2: 1 + V, 3: 1 + V + V * V}[len(monomial)]
    index = 0
    for var in monomial:
        index = index * V + var
    return offset + index


@functools.lru_cache(maxsize=32)
def _program(m: int, n: int):
    """Cached weights and tables for m x n games (both polytopes, stacked on axis 0).

    Returns ``W`` (2, n_used, N * (R + 1)): the monomials used to each
    basis's numerators (at the basis's rows, R = max(m, n) slots) and
    determinant; the singularity threshold (2, N) (infinite for padding
    bases); each basis's own columns' bits (2, N); the label bits of rows
    and columns (2, R, 1); which monomials of ``[1, v, v (x) v, v (x) v (x) v]``
    are used; and where each polytope's matrix entries come from in
    ``concatenate([A.ravel(), B.ravel()])``.
    """
    K, V, R = min(m, n), m * n, max(m, n)
    n_mono = sum(V**d for d in range(K + 1))
    shapes = ((m, n, np.arange(m), m + np.arange(n)), (n, m, m + np.arange(n), np.arange(m)))
    N = max(sum(len(list(itertools.combinations(range(r), k))) * len(list(itertools.combinations(range(c), k)))
                for k in range(1, K + 1)) for r, c, _, _ in shapes)
    W = np.zeros((2, n_mono, N, R + 1))
    threshold = np.full((2, N), np.inf)
    basis_cols = np.zeros((2, N), dtype=np.int64)
    row_bits, col_bits = np.zeros((2, R)), np.zeros((2, R))
    for p, (r, c, rbits, cbits) in enumerate(shapes):
        row_bits[p, :r], col_bits[p, :c] = 2.0**rbits, 2.0**cbits
        b = 0
        for k in range(1, K + 1):
            perms = [(perm, _parity(perm)) for perm in itertools.permutations(range(k))]
            for S in itertools.combinations(range(r), k):
                for T in itertools.combinations(range(c), k):
                    var = [[S[a] * c + T[j] for a in range(k)] for j in range(k)]  # M[j][a]
                    for perm, sign in perms:
                        det_mono = tuple(sorted(var[j][perm[j]] for j in range(k)))
                        W[p, _position(det_mono, V), b, R] += sign
                        for a in range(k):  # Cramer: column a replaced by ones
                            mono = tuple(sorted(var[j][perm[j]] for j in range(k) if perm[j] != a))
                            W[p, _position(mono, V), b, S[a]] += sign
                    threshold[p, b] = _SINGULAR_RTOL * k ** (k / 2)
                    basis_cols[p, b] = int(sum(1 << int(cbits[t]) for t in T))
                    b += 1
    W = W.reshape(2, n_mono, N * (R + 1))
    used = np.flatnonzero(np.any(W != 0, axis=(0, 2)))  # sorted monomials only: a quarter at degree 3
    W = np.ascontiguousarray(W[:, used])
    # Where each game's payoffs go: B row-major, then A transposed (the two polytopes' matrices).
    source = np.concatenate([V + np.arange(V), (np.arange(V).reshape(m, n).T).ravel()]).reshape(2, V)
    for arr in (W, threshold, basis_cols, row_bits, col_bits, used, source):
        arr.setflags(write=False)
    return W, threshold, basis_cols, row_bits[:, :, None], col_bits[:, :, None], used, source


def _distinct(keep: np.ndarray, words: np.ndarray) -> np.ndarray:
    """The kept bases with distinct label words (a degenerate vertex arises from several)."""
    _, first = np.unique(words[keep], return_index=True)
    return keep[first]


def extreme_pairs_small(A: np.ndarray, B: np.ndarray, tol: float, label_tol: float):
    """:func:`negotiation_sim.solvers._polytope.extreme_pairs` for a stack of ONE game that :func:`fits`.

    ``tol`` is the regret tolerance (for near-constant payoffs), ``label_tol`` the one for labels.
    """
    _, m, n = A.shape
    K, V, R = min(m, n), m * n, max(m, n)
    W, threshold, basis_cols, row_bits, col_bits, used, source = _program(m, n)
    v, scale = scaled(np.concatenate([A.ravel(), B.ravel()])[source], tol)
    terms = [np.ones((2, 1)), v]
    if K >= 2:
        terms.append((v[:, :, None] * v[:, None, :]).reshape(2, V * V))
    if K >= 3:
        terms.append((terms[2][:, :, None] * v[:, None, :]).reshape(2, V * V * V))
    R1 = (np.concatenate(terms, axis=1)[:, None, used] @ W).reshape(2, -1, R + 1)
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
