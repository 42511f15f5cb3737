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

The same walk runs in two arithmetics, with the same graph, the same
treatment of ties and the same decisions:

- :func:`float_vertices`: numpy, a whole frontier of bases pivoted at once
  (a stack of dictionaries, batched ratio tests, new bases deduplicated by a
  bitmask of their basic variables), for the games where arithmetic
  outweighs numpy's cost per call. Each decision that rounding could change
  is watched during the walk: a ratio-test tie or a basic value that is zero
  within the tableau's round-off bound (:data:`NOISE`) but not within the
  tight tolerance, or a pivot element within round-off of zero; the vertices
  found are then checked against the original constraints.
  :class:`FloatVertices` says why the answer is in doubt, if it is.
- :func:`python_walk`: plain Python with integer-preserving pivots (Edmonds
  1967), the tableau an integer matrix over one common determinant. With
  integers it is the exact walk (:func:`exact_vertices`); with floats and a
  tolerance it makes the decisions and doubts of :func:`float_vertices` for
  small games (:func:`small_float_vertices`), where numpy's cost per call
  outweighs the arithmetic.

:func:`complete_pairs` pairs the vertices of the two polytopes whose words
cover every label: by exact lookup of the complement for vertices with as
many labels as their dimension, by a superset test for the degenerate ones.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from fractions import Fraction

import attrs
import numpy as np

from negotiation_sim.errors import GameTooLargeError, InvalidParameterError

__all__ = ["NOISE", "FloatVertices", "float_vertices", "small_float_vertices", "python_walk", "exact_vertices",
           "complete_pairs", "too_many_bases"]

#: Round-off bound per unit of a tableau's largest entry: a value, a ratio-test tie or a pivot
#: element whose margin from its threshold is below this times the tableau's largest absolute
#: entry (payoffs scaled to [1, 2]) is a decision rounding could change, and the answer is in
#: doubt. 10^4 machine epsilons leave room for the round-off of a few dozen pivots.
NOISE = 1e4 * float(np.finfo(np.float64).eps)
# A pivot element within this factor of the round-off bound makes the answer doubtful too.
_SMALL_PIVOT = 1e3
# Bases pivoted together: bounds the memory of a frontier ((K + 1) * (K + 2) floats per basis).
_CHUNK = 4096
# A ratio beyond any real one (ratios are at most 1 / NOISE), for the entries that are zeros.
_FAR = 1e300
# The bits of a word (the polytope's number is in bit 62 of a key).
_WORD = (1 << 62) - 1


def too_many_bases(r: int, c: int, max_bases: int, who: str, exact: bool) -> GameTooLargeError:
    """The error of a walk that visited more than ``max_bases`` bases of one polytope, whose
    matrix ``C`` is r x c (the other player's payoffs, as seen by ``who``)."""
    kind = "exact enumeration" if exact else "vertex enumeration"
    msg = (f"{kind} visited more than max_bases={max_bases} feasible bases of {who}'s best-response "
           f"polytope ({r} x {c} payoffs); raise max_bases, or use method='lemke_howson' for "
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


def float_vertices(polytopes: Sequence[tuple[np.ndarray, Sequence[int]]], tight: float, max_bases: int,
                   who: Sequence[str]) -> list[FloatVertices]:
    """Every vertex but 0 of each of one or two polytopes ``{z >= 0 : C^T z <= 1}`` (C positive,
    r x c, entries in [1, 2]), the polytopes walked together (one stack of tableaux: fewer numpy calls).

    ``polytopes`` holds ``(C, labels)`` pairs: ``labels[v]`` is the label bit of variable
    ``v`` (``z_0 .. z_{r-1}``, then the slacks ``s_0 .. s_{c-1}``); a vertex's word has it when
    ``z_i = 0`` or constraint ``j`` is tight. A value within ``tight`` of zero is zero.
    ``max_bases`` bounds each polytope's bases; ``who[p]`` names polytope p's owner in the error.

    Each tableau is kept as a dictionary, coefficients ``D`` (K x K) and values ``R`` (K): row k
    reads ``x_B[k] + sum_q D[k, q] x_N[q] = R[k]``. Polytopes of other shapes are padded to
    K = max(r, c) with constraints and variables that never pivot (zero coefficients, no label,
    no bit). A variable is named by its bit, ``1 << v``. A stack of F tableaux is one array
    ``T`` of shape (K + 1, K + 2, F), the basis varying fastest so that numpy's loops run over
    whole stacks: ``T[:K, :K, f]`` is basis f's D, ``T[:K, K, f]`` its R, and ``T[:K, K + 1, f]``
    and ``T[K, :K, f]`` hold the bits of its basic variables (row by row) and of its nonbasic
    ones (column by column), as int64 bit patterns: they are moved, never computed with, so a
    pivot moves them with the numbers. A basis's key is the sum of its basic variables' bits,
    with the polytope's number in bit 62.
    """
    lay = _layout(tuple((C.shape, tuple(labels)) for C, labels in polytopes))
    T = lay.start.copy()
    for p, (C, _) in enumerate(polytopes):
        T[: C.shape[1], : C.shape[0], p] = C.T
    K = len(T) - 1
    seen = lay.key  # the keys of the bases met so far, ascending
    counts = [1] * len(polytopes)
    pending = [(T, lay.key)]
    visited: list[tuple[np.ndarray, np.ndarray, float]] = []
    doubts: set[str] = set()
    with np.errstate(over="ignore", invalid="ignore"):
        while pending:
            T, key = pending.pop()
            # The largest absolute entry (the bits, read as floats, are positive and below 2^-510).
            noise = NOISE * max(float(T.max()), -float(T.min()))
            visited.append((T[:K, K:].copy(), key, noise))
            step = _pivots(T, key, tight, noise, seen, doubts)
            if step is None:
                continue
            seen, at, fresh = step
            second = int(fresh.searchsorted(1 << 62))  # the first polytope's keys come first
            counts[0] += second
            counts[-1] += len(fresh) - second
            for p, count in enumerate(counts):
                if count > max_bases:
                    r, c = polytopes[p][0].shape
                    raise too_many_bases(r, c, max_bases, who[p], exact=False)
            for lo in range(0, len(at), _CHUNK):
                pending.append((_pivot(T, at[lo : lo + _CHUNK]), fresh[lo : lo + _CHUNK]))
    return _vertices(polytopes, lay, visited[1:], tight, counts, doubts)  # [0]: the bases of z = 0


@attrs.frozen(eq=False)
class _Layout:
    """What :func:`float_vertices` needs of one or two polytopes' shapes and labels: the stack of
    their slack bases (C left zero) and its keys (ascending); by polytope and bit position
    ``e`` (``frexp``'s exponent: 0 for no bit, v + 1 for bit v) a variable's label bit and
    its place in a point (K: nowhere); per polytope, the labels of all its variables, and the
    slacks' label numbers."""

    start: np.ndarray
    key: np.ndarray
    label: np.ndarray
    slot: np.ndarray
    every: np.ndarray
    slack_label: tuple[np.ndarray, ...]


@functools.lru_cache(maxsize=32)
def _layout(shapes: tuple[tuple[tuple[int, int], tuple[int, ...]], ...]) -> _Layout:
    if len(shapes) > 2:  # a key holds the polytope's number in one bit
        msg = f"polytopes must hold one or two polytopes, not {len(shapes)}"
        raise InvalidParameterError(msg)
    K = max(max(shape) for shape, _ in shapes)
    n_poly, width = len(shapes), 1 + max(r + c for (r, c), _ in shapes)
    start = np.zeros((K + 1, K + 2, n_poly))
    bits = start[:K, K + 1].view(np.int64), start[K, :K].view(np.int64)
    label = np.zeros((n_poly, width), dtype=np.int64)
    slot = np.full((n_poly, width), K)
    for p, ((r, c), labels) in enumerate(shapes):
        start[:c, K, p] = 1.0
        bits[0][:c, p] = np.int64(1) << np.arange(r, r + c, dtype=np.int64)  # the slacks are basic
        bits[1][:r, p] = np.int64(1) << np.arange(r, dtype=np.int64)
        label[p, 1 : r + c + 1] = np.int64(1) << np.asarray(labels, dtype=np.int64)
        slot[p, 1 : r + 1] = np.arange(r)
    key = bits[0].sum(axis=0) | (np.arange(n_poly, dtype=np.int64) << 62)
    slack_label = tuple(np.asarray(labels[r:], dtype=np.int64) for (r, _), labels in shapes)
    out = _Layout(start, key, label.ravel(), slot.ravel(), label.sum(axis=1), slack_label)
    for arr in (start, key, out.label, out.slot, out.every, *slack_label):
        arr.setflags(write=False)
    return out


def _pivots(T: np.ndarray, key: np.ndarray, tight: float, noise: float, seen: np.ndarray, doubts: set[str]):
    """The pivots the ratio test allows from a stack of tableaux, ties all taken, to bases not
    seen before: ``(seen, at, keys)``, ``seen`` with the new bases' keys, ``at`` the pivots'
    flat indices in ``T[:K, :K]`` and ``keys`` the new bases' keys (ascending); None if none.
    Entries up to ``noise``, the stack's round-off bound, are zeros."""
    K = len(T) - 1
    D, values = T[:K, :K], T[:K, K : K + 1]
    # Ratios R[k] / D[k, q] over the positive entries; an entry up to noise gets a ratio beyond
    # any real one (_FAR), and a column without a positive entry a minimum below those.
    Dc = np.maximum(D, noise)
    ratio = np.where(Dc == noise, _FAR, values / Dc)
    step = np.minimum.reduce(ratio, axis=0, initial=_FAR / 2)
    # The value row k would keep after the pivot on column q, D[k, q] * (ratio - step): zero for
    # the rows of the minimum ratio (a tie is a degenerate vertex), within round-off of zero
    # for a near-tie, beyond any value for an entry up to noise.
    rest = np.subtract(ratio, step, out=ratio)
    rest *= Dc
    where = (rest <= tight).ravel().nonzero()[0]
    if np.count_nonzero(rest <= tight + noise) != len(where):
        doubts.add("a ratio test has a tie within round-off")
    if np.minimum.reduce(Dc.ravel().take(where), initial=np.inf) <= _SMALL_PIVOT * noise:
        doubts.add("a pivot element is within round-off of zero")
    # A pivot's new key: without the leaving variable's bit, with the entering one's.
    keys = ((key ^ T[:K, K + 1].view(np.int64))[:, None] ^ T[K, :K].view(np.int64)).ravel().take(where)
    order = keys.argsort(kind="stable")
    keys = keys.take(order)
    first = np.empty(len(keys), dtype=bool)  # the first pivot to each new basis
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    first &= seen.take(seen.searchsorted(keys), mode="clip") != keys
    chosen = first.nonzero()[0]
    if not len(chosen):
        return None
    keys = keys.take(chosen)
    seen = np.concatenate([seen, keys])
    seen.sort()
    return seen, where.take(order.take(chosen)), keys


def _pivot(T: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The stack of tableaux after the pivots at flat indices ``at`` of ``T[:K, :K]``: base
    ``f``'s nonbasic variable ``q`` enters the basis in place of row ``k``'s, the pivot element
    ``a = D[k, q]``."""
    K, F = len(T) - 1, T.shape[2]
    kq, f = np.divmod(at, F)
    k, q = np.divmod(kq, K)
    new = T.take(f, axis=2)
    i = np.arange(len(at))
    row, col = new.transpose(1, 0, 2)[:, k, i], new[:, q, i]  # (K + 2, G), (K + 1, G)
    a = row[q, i]
    # new = T - col (x) row / a off row k and column q; with row[q] = 1, col[k] = -1 and row k
    # and column q cleared first, the same product makes row k = row / a, column q = -col / a
    # and D[k, q] = 1 / a. The bits swap places.
    row[q, i] = 1.0
    col[k, i] = -1.0
    new[k, :, i] = 0.0
    new[:, q, i] = 0.0
    col[:K] /= a
    new[:K, : K + 1] -= col[:K, None] * row[: K + 1]
    new[k, K + 1, i] = col[K]
    new[K, q, i] = row[K + 1]
    return new


def _vertices(polytopes: Sequence[tuple[np.ndarray, Sequence[int]]], lay: _Layout, visited: list, tight: float,
              counts: list[int], doubts: set[str]) -> list[FloatVertices]:
    """The vertices of the bases visited but z = 0's (each stack's values and basic bits, keys
    and round-off bound), one per word, each checked against its polytope's constraints."""
    rows, key, noise = zip(*visited, strict=True)
    bound = tight + np.repeat(noise, [len(part) for part in key])
    rows, key = np.concatenate(rows, axis=2), np.concatenate(key)
    values, (_, e) = rows[:, 0], np.frexp(rows[:, 1].view(np.int64).astype(np.float64))
    positive = values > tight
    n_positive = np.count_nonzero(positive)
    if np.count_nonzero(values > bound) != n_positive:
        doubts.add("a probability or a slack is within round-off of zero")
    poly = key >> 62
    e += poly * (len(lay.label) // len(polytopes))  # index into the layout's tables
    # A word has the labels of the nonbasic variables and of the basic ones at zero.
    words = lay.every.take(poly) - (lay.label.take(e) * positive).sum(axis=0)
    words |= poly << 62
    order = words.argsort(kind="stable")
    words = words.take(order)
    # Each basis is its own vertex unless some basic variable is zero (a degenerate vertex).
    if n_positive < sum((count - 1) * C.shape[1] for count, (C, _) in zip(counts, polytopes, strict=True)):
        first = np.empty(len(words), dtype=bool)
        first[:1] = True
        np.not_equal(words[1:], words[:-1], out=first[1:])
        order, words = order[first], words[first]
    K = len(values)
    points = np.zeros((len(order), K + 1))
    points[np.arange(len(order)), lay.slot.take(e.take(order, axis=1))] = np.where(
        positive.take(order, axis=1), values.take(order, axis=1), 0.0)
    second = int(words.searchsorted(1 << 62))
    words &= _WORD
    out = []
    for p, (C, _) in enumerate(polytopes):
        part = slice(0, second) if p == 0 else slice(second, None)
        z, mine = points[part, : C.shape[0]], set(doubts)
        _check_vertices(C, lay.slack_label[p], tight, words[part], z, mine)
        out.append(FloatVertices(words[part], z, counts[p], "; ".join(sorted(mine)) or None))
    return out


def _check_vertices(C: np.ndarray, lab: np.ndarray, tight: float, words: np.ndarray, points: np.ndarray,
                    doubts: set[str]) -> None:
    """Recompute each vertex's tight constraints from the original ones (``lab``: the numbers of
    the slacks' labels): an infeasible vertex, or a word that the pivots' round-off changed, puts
    the answer in doubt. (A point's z's are the walk's values above ``tight``, or 0: their labels
    are the walk's.)"""
    slack = 1.0 - points @ C
    if np.minimum.reduce(slack, axis=None, initial=np.inf) < -tight:
        doubts.add("round-off in the pivots made a vertex infeasible")
    if np.any((slack <= tight) != ((words[:, None] >> lab) & 1).astype(bool)):
        doubts.add("round-off in the pivots changed a vertex's tight constraints")


def exact_vertices(C: list[list[int]], labels: Sequence[int], max_bases: int,
                   who: str) -> dict[int, tuple[Fraction, ...]]:
    """Every vertex of ``{z >= 0 : C^T z <= 1}`` (C positive integers, r x c) but ``z = 0``,
    exactly: label word -> z, in ascending order of words. Labels as in :func:`float_vertices`."""
    return python_walk(C, labels, max_bases, who)[0]


def small_float_vertices(polytopes: Sequence[tuple[np.ndarray, Sequence[int]]], tight: float, max_bases: int,
                         who: Sequence[str]) -> list[FloatVertices]:
    """:func:`float_vertices` by :func:`python_walk` in floating point: for small polytopes,
    where numpy's cost per call outweighs the arithmetic (same decisions, same doubts, the
    same check of each vertex against the original constraints, in plain Python)."""
    out = []
    for (C, labels), name in zip(polytopes, who, strict=True):
        rows = C.tolist()
        found, bases, doubts = python_walk(rows, labels, max_bases, name, tight)
        r, c = C.shape
        for word, z in found.items():
            again = 0
            for i, v in enumerate(z):
                if v <= tight:
                    again |= 1 << labels[i]
            for j in range(c):
                slack = 1.0 - sum(z[i] * rows[i][j] for i in range(r))
                if slack < -tight:
                    doubts.add("round-off in the pivots made a vertex infeasible")
                if slack <= tight:
                    again |= 1 << labels[r + j]
            if again != word:
                doubts.add("round-off in the pivots changed a vertex's tight constraints")
        words = np.array(list(found), dtype=np.int64)
        points = np.array(list(found.values()), dtype=np.float64).reshape(len(words), r)
        out.append(FloatVertices(words, points, bases, "; ".join(sorted(doubts)) or None))
    return out


def python_walk(C: list[list], labels: Sequence[int], max_bases: int, who: str, tight: float | None = None):
    """The walk of :func:`float_vertices` over one polytope in plain Python: exact when ``C``
    holds integers and ``tight`` is None, else in floating point with the same decisions
    (a value within ``tight`` of zero is zero) and the same doubts.

    Pivots are integer-preserving (Edmonds 1967): the tableau ``T`` is ``det`` times the
    true one, ``det`` the last pivot element (positive: pivots are positive entries).
    Returns ``(vertices, bases, doubts)``: label word -> z (Fractions when exact, in
    ascending order of words), the feasible bases visited, and the reasons for doubt.
    """
    exact = tight is None
    tol = 0 if exact else tight
    noise_factor = 0.0 if exact else NOISE
    r, c = len(C), len(C[0])
    nvar = r + c
    one = 1 if exact else 1.0
    # Rows are the constraints; columns the variables z_0..z_{r-1}, s_0..s_{c-1}, then the rhs.
    start = [[C[i][j] for i in range(r)] + [one * (k == j) for k in range(c)] + [one] for j in range(c)]
    first = tuple(range(r, nvar))
    seen = {first}
    doubts: set[str] = set()
    # Depth first; a pending basis is (parent tableau, pivot row, entering variable), pivoted
    # when it is visited, so only the tableaux of the bases on the current path stay alive.
    stack: list = [(first, start, one, -1, -1)]
    out: dict = {}
    while stack:
        basis, T, det, p, e = stack.pop()
        if p >= 0:
            basis, T, det = _pivot_rows(basis, T, det, p, e, exact)
        zero, noise = tol * det, 0.0
        if not exact:
            noise = noise_factor * max(max(max(row), -min(row)) for row in T)
        basic = set(basis)
        rhs = [row[nvar] for row in T]
        word = 0
        for v in range(nvar):
            if v not in basic:
                word |= 1 << labels[v]
        z: list = [0 * one] * r
        for k, v in enumerate(basis):
            b = rhs[k]
            if b <= zero:
                word |= 1 << labels[v]
                continue
            if b <= zero + noise:
                doubts.add("a probability or a slack is within round-off of zero")
            if v < r:
                z[v] = Fraction(b, det) if exact else b / det
        if word not in out and any(z):
            out[word] = tuple(z)
        for e in range(nvar):
            if e in basic:
                continue
            col = [row[e] for row in T]
            candidates = [k for k in range(c) if col[k] > noise]
            if not candidates:
                continue
            best = candidates[0]
            for k in candidates:  # the minimum ratio rhs[k] / col[k]
                if rhs[k] * col[best] < rhs[best] * col[k]:
                    best = k
            num, den = rhs[best], col[best]
            tie, near = zero * den, (zero + noise) * den
            for k in candidates:
                # det * den times the value row k keeps after the pivot: zero for a tie.
                rest = rhs[k] * den - num * col[k]
                if rest > tie:
                    if rest <= near:
                        doubts.add("a ratio test has a tie within round-off")
                    continue
                if col[k] <= _SMALL_PIVOT * noise:
                    doubts.add("a pivot element is within round-off of zero")
                new = tuple(sorted(basis[:k] + (e,) + basis[k + 1:]))
                if new in seen:
                    continue
                seen.add(new)
                if len(seen) > max_bases:
                    raise too_many_bases(r, c, max_bases, who, exact)
                stack.append((basis, T, det, k, e))
    return dict(sorted(out.items())), len(seen), doubts


def _pivot_rows(basis: tuple[int, ...], T: list[list], det, p: int, e: int, exact: bool):
    """Integer-preserving pivot on row ``p`` and column ``e``: the new (sorted basis, tableau, det)."""
    prow = T[p]
    a = prow[e]
    new = []
    for k, row in enumerate(T):
        if k == p:
            new.append(list(prow))
            continue
        f = row[e]
        if exact:
            new.append([v * a // det for v in row] if f == 0 else [(v * a - f * w) // det for v, w in zip(row, prow)])
        else:
            new.append([(v * a - f * w) / det for v, w in zip(row, prow)])
    order = list(basis)
    order[p] = e
    # Keep rows in the order of their basic variables, so a basis has one tableau.
    perm = sorted(range(len(order)), key=order.__getitem__)
    return tuple(order[k] for k in perm), [new[k] for k in perm], a


def complete_pairs(wp: np.ndarray, wq: np.ndarray, m: int, n: int) -> tuple[list[int], list[int]]:
    """Indices ``(i, j)`` of the pairs of P-vertex i and Q-vertex j whose words cover all m + n labels.

    A vertex with as many labels as its dimension (m for P, n for Q) pairs with a vertex of
    the same kind only when that one's word is its complement (a dictionary lookup); a
    degenerate vertex (more labels) is tested against every vertex of the other polytope
    (vectorised). Pairs come sorted by (i, j).
    """
    full = (1 << (m + n)) - 1
    lp, lq = wp.tolist(), wq.tolist()
    regular_q = {w: j for j, w in enumerate(lq) if w.bit_count() == n}
    pairs = [(i, regular_q[full ^ w]) for i, w in enumerate(lp) if w.bit_count() == m and full ^ w in regular_q]
    dp = [i for i, w in enumerate(lp) if w.bit_count() > m]
    dq = [j for j, w in enumerate(lq) if w.bit_count() > n]
    if dp:  # a degenerate vertex of P with every vertex of Q
        i, j = np.nonzero((wp[dp, None] | wq[None, :]) == full)
        pairs += zip(np.array(dp)[i].tolist(), j.tolist(), strict=True)
    if dq:  # a degenerate vertex of Q with every nondegenerate vertex of P
        rp = [i for i, w in enumerate(lp) if w.bit_count() == m]
        i, j = np.nonzero((wp[rp, None] | wq[None, dq]) == full)
        pairs += zip(np.array(rp, dtype=np.int64)[i].tolist(), np.array(dq)[j].tolist(), strict=True)
    pairs.sort()
    return [i for i, _ in pairs], [j for _, j in pairs]
