"""Vertices of a best-response polytope, by walking its graph of feasible bases.

A polytope ``{z >= 0 : C^T z <= 1}`` with ``C`` positive (r x c) is a
tableau of ``c`` constraint rows over the variables ``z_0 .. z_{r-1}`` and the
slacks ``s_0 .. s_{c-1}``. The walk starts at the basis of ``z = 0`` (all
slacks basic, nondegenerate since the right-hand side is 1) and takes every
pivot the minimum-ratio test allows, ties included, so it visits every
feasible basis: the feasible bases are connected by such pivots (Bland's
rule leads from any of them back to the basis of ``z = 0``; Avis and Fukuda
1992), degenerate polytopes included. A vertex is its word of tight
constraints (a bit per label), so the several bases of a degenerate vertex
give one vertex. The work and the memory follow the number of feasible
bases visited, which ``max_bases`` bounds, not ``C(r + c, c)``.

The same walk runs in two arithmetics, with the same graph and the same
treatment of ties:

- :func:`float_vertices`: numpy, a whole frontier of bases pivoted at once
  (a stack of tableaux, batched ratio tests, new bases deduplicated by a
  bitmask of their basic variables). Each decision that rounding could
  change is watched during the walk: a ratio-test tie, a basic value that is
  zero, or a pivot element, within :data:`DOUBT` but not within the tight
  tolerance; the vertices found are then checked against the original
  constraints. :class:`FloatVertices` says why it is in doubt, if it is.
- :func:`exact_vertices`: Python integers, integer-preserving pivots
  (Edmonds 1967), the tableau an integer matrix over one common determinant.

:func:`complete_pairs` pairs the vertices of the two polytopes whose words
cover every label: by exact lookup of the complement for vertices with as
many labels as their dimension, by a superset test for the degenerate ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs
import numpy as np

from negotiation_sim.errors import GameTooLargeError

__all__ = ["NOISE", "FloatVertices", "float_vertices", "exact_vertices", "complete_pairs", "too_many_bases"]

#: Round-off bound per unit of a tableau's largest entry: a value, a ratio-test tie or a pivot
#: element whose margin from its threshold is below this times the tableau's largest absolute
#: entry (payoffs scaled to [1, 2]) is a decision rounding could change, and the answer is in
#: doubt. 10^4 machine epsilons leave room for the round-off of a few dozen pivots.
NOISE = 1e4 * float(np.finfo(np.float64).eps)
# A pivot element within this factor of the round-off bound makes the answer doubtful too.
_SMALL_PIVOT = 1e3
# Bases pivoted together: bounds the memory of a frontier (c * (r + c + 1) floats per basis).
_CHUNK = 4096


def too_many_bases(r: int, c: int, max_bases: int, who: str, exact: bool) -> GameTooLargeError:
    """The error of a walk that visited more than ``max_bases`` bases of one polytope."""
    kind = "exact enumeration" if exact else "vertex enumeration"
    msg = (f"{kind} of a game with {r} x {c} actions visited more than max_bases={max_bases:,} feasible "
           f"bases of {who}'s best-response polytope; raise max_bases, or use method='lemke_howson' for "
           "one equilibrium or method='gambit'")
    return GameTooLargeError(msg)


@attrs.frozen(eq=False)
class FloatVertices:
    """The vertices of one polytope but ``z = 0``, sorted by word: ``words`` (V,) int64,
    ``points`` (V, r) (not normalised), the number of feasible ``bases`` visited, and
    ``doubt``: None, or why rounding could change the vertices."""

    words: np.ndarray
    points: np.ndarray
    bases: int
    doubt: str | None


def float_vertices(C: np.ndarray, labels: Sequence[int], tight: float, max_bases: int,
                   who: str) -> FloatVertices:
    """Every vertex of ``{z >= 0 : C^T z <= 1}`` (C positive, r x c, entries in [1, 2]) but 0.

    ``labels[v]`` is the label bit of variable ``v`` (``z_0 .. z_{r-1}``, then the slacks):
    a vertex's word has it when ``z_i = 0`` or constraint ``j`` is tight. A value within
    ``tight`` of zero is zero.
    """
    r, c = C.shape
    nvar = r + c
    lab = np.int64(1) << np.asarray(labels, dtype=np.int64)
    every = int(lab.sum())
    origin = int(lab[:r].sum())  # the word of z = 0 has every z-label; no other vertex has
    var_bits = np.int64(1) << np.arange(nvar, dtype=np.int64)
    T = np.zeros((1, c, nvar + 1))
    T[0, :, :r] = C.T
    T[0, :, r:nvar] = np.eye(c)
    T[0, :, nvar] = 1.0
    basis = np.arange(r, nvar)[None]
    mask = var_bits[r:].sum(keepdims=True)
    seen = {int(mask[0])}
    pending = [(T, basis, mask)]
    found_words, found_points = [], []
    doubts: set[str] = set()
    while pending:
        T, basis, mask = pending.pop()
        rhs = T[:, :, nvar]
        zero = rhs <= tight
        noise = NOISE * np.abs(T).max(axis=(1, 2))[:, None]
        if np.any((rhs > tight) & (rhs <= tight + noise)):
            doubts.add("a probability or a slack is within round-off of zero")
        own = lab[basis]
        words = every - own.sum(axis=1) + (own * zero).sum(axis=1)
        keep = np.flatnonzero((words & origin) != origin)
        if len(keep):
            z = np.zeros((len(keep), nvar + 1))
            z[np.arange(len(keep))[:, None], basis[keep]] = np.where(zero[keep], 0.0, rhs[keep])
            found_words.append(words[keep])
            found_points.append(z[:, :r])
        children = _pivots(T, basis, mask, tight, noise, var_bits, seen, doubts)
        if len(seen) > max_bases:
            raise too_many_bases(r, c, max_bases, who, exact=False)
        if children is not None:
            f, k, e = children
            for lo in range(0, len(f), _CHUNK):
                pending.append(_pivot(T, basis, mask, f[lo:lo + _CHUNK], k[lo:lo + _CHUNK],
                                      e[lo:lo + _CHUNK], var_bits))
    if found_words:
        words = np.concatenate(found_words)
        words, first = np.unique(words, return_index=True)
        points = np.concatenate(found_points)[first]
    else:
        words, points = np.zeros(0, dtype=np.int64), np.zeros((0, r))
    _check_vertices(C, lab, tight, words, points, doubts)
    return FloatVertices(words, points, len(seen), "; ".join(sorted(doubts)) or None)


def _pivots(T: np.ndarray, basis: np.ndarray, mask: np.ndarray, tight: float, noise: np.ndarray,
            var_bits: np.ndarray, seen: set[int], doubts: set[str]):
    """The pivots (frontier index, row, entering variable) the ratio test allows from a stack
    of bases, ties all taken, to bases not seen before (added to ``seen``); None if none.
    ``noise`` (N, 1) is each tableau's round-off bound: entries below it are zeros."""
    nvar = T.shape[2] - 1
    A, rhs = T[:, :, :nvar], T[:, :, nvar]
    nonbasic = (mask[:, None] & var_bits) == 0
    pos = (A > noise[:, :, None]) & nonbasic[:, None, :]
    ratio = np.divide(rhs[:, :, None], A, out=np.full(A.shape, np.inf), where=pos)
    step = ratio.min(axis=1)
    # The value row k would keep after pivoting on column e: zero for the rows of the minimum
    # ratio (a tie is a degenerate vertex), within round-off of zero for a near-tie.
    with np.errstate(invalid="ignore", over="ignore"):
        rest = np.where(pos, rhs[:, :, None] - A * step[:, None, :], np.inf)
    tie = rest <= tight
    if np.any((rest > tight) & (rest <= tight + noise[:, :, None])):
        doubts.add("a ratio test has a tie within round-off")
    if np.any(tie & (A <= _SMALL_PIVOT * noise[:, :, None])):
        doubts.add("a pivot element is within round-off of zero")
    f, k, e = np.nonzero(tie)
    if not len(f):
        return None
    child = mask[f] ^ var_bits[basis[f, k]] ^ var_bits[e]
    child, first = np.unique(child, return_index=True)
    fresh = [i for i, b in zip(first.tolist(), child.tolist(), strict=True) if b not in seen]
    if not fresh:
        return None
    seen.update(child[np.isin(first, fresh)].tolist())
    fresh = np.array(fresh)
    return f[fresh], k[fresh], e[fresh]


def _pivot(T: np.ndarray, basis: np.ndarray, mask: np.ndarray, f: np.ndarray, k: np.ndarray,
           e: np.ndarray, var_bits: np.ndarray):
    """The tableaux, bases and masks after pivoting base ``f[i]`` on row ``k[i]``, column ``e[i]``."""
    i = np.arange(len(f))
    new = T[f]
    row = new[i, k] / new[i, k, e][:, None]
    new -= new[i, :, e][:, :, None] * row[:, None, :]
    new[i, k] = row
    new[i, :, e] = 0.0
    new[i, k, e] = 1.0
    b = basis[f]
    left = b[i, k]
    b[i, k] = e
    return new, b, mask[f] ^ var_bits[left] ^ var_bits[e]


def _check_vertices(C: np.ndarray, lab: np.ndarray, tight: float, words: np.ndarray, points: np.ndarray,
                    doubts: set[str]) -> None:
    """Recompute each vertex's word from the original constraints: a word the pivots' round-off
    changed, or a value in the doubtful band, puts the answer in doubt."""
    r = C.shape[0]
    slack = 1.0 - points @ C
    values = np.concatenate([points, slack], axis=1)
    if np.any(values < -tight):
        doubts.add("round-off in the pivots made a vertex infeasible")
    again = ((values <= tight) * lab[None, : r + C.shape[1]]).sum(axis=1)
    if not np.array_equal(again, words):
        doubts.add("round-off in the pivots changed a vertex's tight constraints")


def exact_vertices(C: list[list[int]], labels: Sequence[int], max_bases: int,
                   who: str) -> dict[int, tuple[Fraction, ...]]:
    """Every vertex of ``{z >= 0 : C^T z <= 1}`` (C positive integers, r x c) but ``z = 0``,
    exactly: label word -> z. Labels as in :func:`float_vertices`."""
    r, c = len(C), len(C[0])
    nvar = r + c
    # Rows are the constraints; columns the variables z_0..z_{r-1}, s_0..s_{c-1}, then the rhs.
    start = [[C[i][j] for i in range(r)] + [int(k == j) for k in range(c)] + [1] for j in range(c)]
    first = tuple(range(r, nvar))
    seen = {first}
    # Depth first; a pending basis is (parent tableau, pivot row, entering variable), pivoted
    # when it is visited, so only the tableaux of the bases on the current path stay alive.
    stack: list = [(first, start, 1, -1, -1)]
    out: dict[int, tuple[Fraction, ...]] = {}
    while stack:
        basis, T, det, p, e = stack.pop()
        if p >= 0:
            basis, T, det = _exact_pivot(basis, T, det, p, e)
        word = 0
        for v in range(nvar):
            if v not in basis:
                word |= 1 << labels[v]
        z = [Fraction(0)] * r
        for k, v in enumerate(basis):
            if T[k][nvar] == 0:
                word |= 1 << labels[v]
            elif v < r:
                z[v] = Fraction(T[k][nvar], det)
        if word not in out and any(z):
            out[word] = tuple(z)
        for e in range(nvar):
            if e in basis:
                continue
            best: list[int] = []
            num = den = 0  # the minimum ratio num / den so far
            for k in range(c):
                a = T[k][e]
                if a > 0:
                    b = T[k][nvar]
                    if not best or b * den < num * a:
                        best, num, den = [k], b, a
                    elif b * den == num * a:
                        best.append(k)
            for p in best:
                new = tuple(sorted(basis[:p] + (e,) + basis[p + 1:]))
                if new in seen:
                    continue
                seen.add(new)
                if len(seen) > max_bases:
                    raise too_many_bases(r, c, max_bases, who, exact=True)
                stack.append((basis, T, det, p, e))
    return out


def _exact_pivot(basis: tuple[int, ...], T: list[list[int]], det: int, p: int, e: int):
    """Integer-preserving pivot on row ``p`` and column ``e``: the new (sorted basis, tableau, det)."""
    prow = T[p]
    a = prow[e]
    new = []
    for k, row in enumerate(T):
        if k == p:
            new.append(list(prow))
            continue
        f = row[e]
        if f == 0:
            new.append([v * a // det for v in row])
        else:
            new.append([(v * a - f * w) // det for v, w in zip(row, prow)])
    order = list(basis)
    order[p] = e
    # Keep rows in the order of their basic variables, so a basis has one tableau.
    perm = sorted(range(len(order)), key=order.__getitem__)
    return tuple(order[k] for k in perm), [new[k] for k in perm], a


def complete_pairs(wp: np.ndarray, wq: np.ndarray, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``(i, j)`` of the pairs of P-vertex i and Q-vertex j whose words cover all m + n labels.

    A vertex with as many labels as its dimension (m for P, n for Q) pairs with a vertex of
    the same kind only when that one's word is its complement (one search in the other,
    sorted, word list); a degenerate vertex (more labels) is tested against every vertex of
    the other polytope. ``wp`` and ``wq`` are sorted; pairs come sorted by (i, j).
    """
    full = (1 << (m + n)) - 1
    dp, dq = np.flatnonzero(popcount(wp) > m), np.flatnonzero(popcount(wq) > n)
    regular_q = np.ones(len(wq), dtype=bool)
    regular_q[dq] = False
    rp = np.ones(len(wp), dtype=bool)
    rp[dp] = False
    pairs = []
    if len(wq):
        ip = np.flatnonzero(rp)
        want = full ^ wp[ip]
        at = np.minimum(np.searchsorted(wq, want), len(wq) - 1)
        hit = (wq[at] == want) & regular_q[at]
        pairs.append((ip[hit], at[hit]))
    # A degenerate vertex on either side: every partner, by a superset test.
    i, j = np.nonzero((wp[dp, None] | wq[None, :]) == full)
    pairs.append((dp[i], j))
    i, j = np.nonzero((wp[rp, None] | wq[None, dq]) == full)
    pairs.append((np.flatnonzero(rp)[i], dq[j]))
    i, j = np.concatenate([p[0] for p in pairs]), np.concatenate([p[1] for p in pairs])
    order = np.lexsort((j, i))
    return i[order], j[order]


def popcount(words: np.ndarray) -> np.ndarray:
    """The number of labels (set bits) of each word (int64, nonnegative)."""
    if hasattr(np, "bitwise_count"):  # numpy >= 2
        return np.bitwise_count(words).astype(np.int64)
    w, count = words.copy(), np.zeros(len(words), dtype=np.int64)
    while np.any(w):
        count += w & 1
        w >>= 1
    return count
