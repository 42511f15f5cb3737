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
  bitmask of their basic variables, looked up in a table of the bases seen for small
  polytopes, in the sorted keys met for large ones), for the games where arithmetic
  outweighs numpy's cost per call. Each decision that rounding could change
  is watched during the walk: a ratio-test tie or a basic value that is zero
  within the tableau's round-off bound (:data:`NOISE`) but not within the
  tight tolerance, or a pivot element within round-off of zero; the vertices
  found are then checked against the original constraints.
  :class:`FloatVertices` says why the answer is in doubt, if it is.
- :func:`python_walk`: plain Python with integer-preserving pivots (Edmonds
  1967) of the same dictionaries, scaled by one common determinant, as code
  written out for each shape (:func:`walk_source`, compiled once per shape). With
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
import linecache
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiation_sim.errors import GameTooLargeError, InvalidParameterError

__all__ = ["NOISE", "FloatVertices", "float_vertices", "small_float_vertices", "python_walk", "walk_source", "exact_vertices",
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
# 0 .. _CHUNK - 1, sliced for a chunk's pivots (a slice costs a tenth of a new arange).
_COUNT = np.arange(_CHUNK)
_COUNT.setflags(write=False)
# A ratio beyond any real one (ratios are at most 1 / NOISE), for the entries that are zeros.
_FAR = 1e300
# The bits of a word (the polytope's number is in bit 62 of a word, and of a key unless the
# keys are small enough to index a table of the bases seen: below).
_WORD = (1 << 62) - 1
# Keys of at most this many bits (a polytope's r + c, plus one for its number) index a table of
# the bases seen (2^bits flags, and as many int32 while a level's new bases are picked): they are
# then found by lookup instead of sorting. Measured, 8 against 19 us a level at 6 x 6; whole
# solves 0.96 (6 x 6 to 8 x 8) and 0.90 (9 x 9, 10 x 10) of the time with sorting. Above, the
# table (10 MB at 21 bits) would outgrow the walk, and the keys met so far are kept sorted.
_TABLE_BITS = 21
# Why an answer is in doubt: the same words from every walk.
_ZERO_DOUBT = "a probability or a slack is within round-off of zero"
_TIE_DOUBT = "a ratio test has a tie within round-off"
_PIVOT_DOUBT = "a pivot element is within round-off of zero"
_INFEASIBLE_DOUBT = "round-off in the pivots made a vertex infeasible"
_CHANGED_DOUBT = "round-off in the pivots changed a vertex's tight constraints"


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
    """The vertices of one polytope but ``z = 0``, sorted by word: their label ``words`` and
    their ``points`` (not normalised), as an int64 array and a (V, r) array from
    :func:`float_vertices`, as a list of ints and a list of V tuples from
    :func:`small_float_vertices` (few vertices: what follows handles them in plain Python);
    the number of feasible ``bases`` visited, and ``doubt``: None, or why rounding could
    change the vertices."""

    words: Any
    points: Any
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
    with the polytope's number in bit ``lay.shift`` (62, or just above the variables' bits where
    the keys index a table of the bases seen).
    """
    lay = _layout(tuple((C.shape, tuple(labels)) for C, labels in polytopes))
    T = lay.start.copy()
    for p, (C, _) in enumerate(polytopes):
        T[: C.shape[1], : C.shape[0], p] = C.T
    K = len(T) - 1
    if lay.shift < 62:  # the bases seen, flagged in a table indexed by key
        seen = np.zeros(2 << lay.shift, dtype=bool)
        seen[lay.key] = True
        last = np.empty(len(seen), dtype=np.int32)  # while a level's new bases are picked
    else:  # the keys of the bases met so far, ascending
        seen, last = lay.key, None
    bases = len(polytopes)  # of both polytopes together; each one's counted only where needed
    pending = [(T, lay.key)]
    visited: list[tuple[np.ndarray, np.ndarray, float]] = []
    doubts: set[str] = set()
    with np.errstate(over="ignore", invalid="ignore"):
        while pending:
            T, key = pending.pop()
            # The largest absolute entry (the bits, read as floats, are positive and below 2^-510).
            noise = NOISE * float(np.maximum.reduce(np.abs(T), axis=None))
            visited.append((T[:K, K:].copy(), key, noise))
            step = _pivots(T, key, tight, noise, seen, last, doubts, lay.first_key if len(visited) == 1 else None)
            if step is None:
                continue
            seen, at, fresh = step
            bases += len(fresh)
            if bases > max_bases:  # one polytope may be over the bound: count each one's
                for p, count in enumerate(_bases(lay, visited, pending, fresh, len(polytopes))):
                    if count > max_bases:
                        r, c = polytopes[p][0].shape
                        raise too_many_bases(r, c, max_bases, who[p], exact=False)
            for lo in range(0, len(at), _CHUNK):
                pending.append((_pivot(T, at[lo : lo + _CHUNK]), fresh[lo : lo + _CHUNK]))
    return _vertices(polytopes, lay, visited[1:], tight, doubts)  # [0]: the bases of z = 0


def _bases(lay: _Layout, visited: list, pending: list, fresh: np.ndarray | None, n_poly: int) -> list[int]:
    """Each polytope's feasible bases met so far: visited, pending, and ``fresh`` (the new ones not yet
    pending), told apart by the polytope's bit of their keys."""
    keys = [part[1] for part in visited] + [part[1] for part in pending] + ([] if fresh is None else [fresh])
    return np.bincount(np.concatenate(keys) >> lay.shift, minlength=n_poly).tolist()


@attrs.frozen(eq=False)
class _Layout:
    """What :func:`float_vertices` needs of one or two polytopes' shapes and labels: the stack of
    their slack bases (C left zero), its keys (ascending) and the bit of a key that holds the
    polytope's number; by polytope and bit position
    ``e`` (``frexp``'s exponent: 0 for no bit, v + 1 for bit v) a variable's label bit and
    its place in a point (K: nowhere); per polytope, the labels of all its variables, and the
    slacks' label bits; and ``first_key``, flat as ``T[:K, :K]`` of the slack bases, each pivot's new key."""

    start: np.ndarray
    key: np.ndarray
    first_key: np.ndarray
    shift: int
    label: np.ndarray
    slot: np.ndarray
    every: np.ndarray
    slack_bit: tuple[np.ndarray, ...]


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
    shift = width - 1 if width <= _TABLE_BITS else 62  # the polytope's bit in a key
    key = bits[0].sum(axis=0) | (np.arange(n_poly, dtype=np.int64) << shift)
    slack_bit = tuple(np.int64(1) << np.asarray(labels[r:], dtype=np.int64) for (r, _), labels in shapes)
    first_key = ((key ^ bits[0])[:, None] ^ bits[1]).ravel()
    out = _Layout(start, key, first_key, shift, label.ravel(), slot.ravel(), label.sum(axis=1), slack_bit)
    for arr in (start, key, first_key, out.label, out.slot, out.every, *slack_bit):
        arr.setflags(write=False)
    return out


def _pivots(T: np.ndarray, key: np.ndarray, tight: float, noise: float, seen: np.ndarray, last: np.ndarray | None,
            doubts: set[str], first_key: np.ndarray | None = None):
    """The pivots the ratio test allows from a stack of tableaux, ties all taken, to bases not
    seen before: ``(seen, at, keys)``, ``seen`` with the new bases' keys, ``at`` the pivots'
    flat indices in ``T[:K, :K]`` and ``keys`` the new bases' keys; None if none. ``seen`` is a
    table of flags indexed by key (updated in place; ``last``, as long, is room for picking
    the new bases), or the keys seen, ascending (``last`` None; then ``keys`` come ascending too).
    Entries up to ``noise``, the stack's round-off bound, are zeros. ``first_key``: the new keys of
    the pivots of the slack bases (``T`` is their stack), from the layout."""
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
        doubts.add(_TIE_DOUBT)
    if np.minimum.reduce(Dc.ravel().take(where), initial=np.inf) <= _SMALL_PIVOT * noise:
        doubts.add(_PIVOT_DOUBT)
    if first_key is not None and last is not None:
        # From the slack bases every pivot leads to a basis of its own, unseen: no lookup. (The
        # step is numpy's cost per call: 31 against 50 us at 6 x 6.)
        keys = first_key.take(where)
        seen[keys] = True
        return (seen, where, keys) if len(where) else None
    # A pivot's new key: without the leaving variable's bit, with the entering one's.
    keys = ((key ^ T[:K, K + 1].view(np.int64))[:, None] ^ T[K, :K].view(np.int64)).ravel().take(where)
    if last is not None:  # a table: the pivots to new bases, then the last of them to each
        to_new = (~seen.take(keys)).nonzero()[0]
        if not len(to_new):
            return None
        new_keys = keys.take(to_new)
        last[new_keys] = to_new  # a repeated key keeps its last pivot
        chosen = to_new.compress(last.take(new_keys) == to_new)
        keys = keys.take(chosen)
        seen[keys] = True
        return seen, where.take(chosen), keys
    order = keys.argsort(kind="stable")
    keys = keys.take(order)
    first = seen.take(seen.searchsorted(keys), mode="clip") != keys  # pivots to new bases,
    first[1:] &= keys[1:] != keys[:-1]  # the first to each
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
    K = len(T) - 1
    k, q, f = np.unravel_index(at, (K, K, T.shape[2]))
    new = T.take(f, axis=2)
    i = _COUNT[: len(at)]
    row, col = new.transpose(1, 0, 2)[:, k, i], new[:, q, i]  # (K + 2, G), (K + 1, G)
    a = row[q, i]
    # new = T - col (x) row / a off row k and column q; with row[q] = a + 1 and col[k] = a - 1,
    # the same product makes row k = row - (1 - 1 / a) row = row / a, column q =
    # col - col (a + 1) / a = -col / a and D[k, q] = a - (1 - 1 / a)(a + 1) = 1 / a, each within
    # a few roundings of the largest entry (far below NOISE). The bits swap places.
    row[q, i] = a + 1.0
    col[k, i] = a - 1.0
    col[:K] /= a
    new[:K, : K + 1] -= col[:K, None] * row[: K + 1]
    new[k, K + 1, i] = col[K]
    new[K, q, i] = row[K + 1]
    return new


def _vertices(polytopes: Sequence[tuple[np.ndarray, Sequence[int]]], lay: _Layout, visited: list, tight: float,
              doubts: set[str]) -> list[FloatVertices]:
    """The vertices of the bases visited but z = 0's (each stack's values and basic bits, keys
    and round-off bound), one per word, each checked against its polytope's constraints; each
    polytope's count of bases includes its z = 0."""
    stacks, keys, noise = zip(*visited, strict=True)
    rows, key = np.concatenate(stacks, axis=2), np.concatenate(keys)
    values, (_, e) = rows[:, 0], np.frexp(rows[:, 1].view(np.int64).astype(np.float64))
    positive = values > tight
    n_positive = np.count_nonzero(positive)
    # A value above tight but within its stack's round-off bound: only where one is within the
    # largest bound (rarely) are the bounds spread over the bases.
    if np.count_nonzero(values > tight + max(noise)) != n_positive and np.count_nonzero(
            values > tight + np.repeat(noise, [len(part) for part in keys])) != n_positive:
        doubts.add(_ZERO_DOUBT)
    poly = key >> lay.shift
    counts = (np.bincount(poly, minlength=len(polytopes)) + 1).tolist()
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
    K, n_bases = values.shape
    points = np.zeros((n_bases, K + 1))  # a row per basis, then a row per vertex
    points[np.arange(n_bases), lay.slot.take(e)] = np.where(positive, values, 0.0)
    points = points.take(order, axis=0)
    second = int(words.searchsorted(1 << 62))
    words &= _WORD
    out = []
    for p, (C, _) in enumerate(polytopes):
        part = slice(0, second) if p == 0 else slice(second, None)
        z, mine = points[part, : C.shape[0]], set(doubts)
        _check_vertices(C, lay.slack_bit[p], tight, words[part], z, mine)
        out.append(FloatVertices(words[part], z, counts[p], "; ".join(sorted(mine)) or None))
    return out


def _check_vertices(C: np.ndarray, bits: np.ndarray, tight: float, words: np.ndarray, points: np.ndarray,
                    doubts: set[str]) -> None:
    """Recompute each vertex's tight constraints from the original ones (``bits``: the slacks'
    label bits): an infeasible vertex, or a word that the pivots' round-off changed, puts
    the answer in doubt. (A point's z's are the walk's values above ``tight``, or 0: their labels
    are the walk's.)"""
    slack = 1.0 - _one_core_product(points, C)
    if np.minimum.reduce(slack, axis=None, initial=np.inf) < -tight:
        doubts.add(_INFEASIBLE_DOUBT)
    if ((slack <= tight) != ((words[:, None] & bits) != 0)).any():
        doubts.add(_CHANGED_DOUBT)


def _one_core_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` in blocks of rows small enough for OpenBLAS to keep each on one core. It
    threads a product once ``m n k`` passes ``4 * 65536``, and its threads then spin for
    milliseconds: on a 12x12 game's ~4,500 x 12 x 12 product that doubled the CPU time of
    the whole solve (97 ms against 44 ms in blocks, for the same wall time)."""
    rows = max(1, (1 << 17) // max(1, b.size))
    if len(a) <= rows:
        return a @ b
    return np.concatenate([a[i:i + rows] @ b for i in range(0, len(a), rows)])


def exact_vertices(C: list[list[int]], labels: Sequence[int], max_bases: int,
                   who: str) -> dict[int, tuple[Fraction, ...]]:
    """Every vertex of ``{z >= 0 : C^T z <= 1}`` (C positive integers, r x c) but ``z = 0``,
    exactly: label word -> z, in ascending order of words. Labels as in :func:`float_vertices`."""
    return python_walk(C, labels, max_bases, who)[0]


def small_float_vertices(polytopes: Sequence[tuple[list[list[float]], Sequence[int]]], tight: float,
                         max_bases: int, who: Sequence[str]) -> list[FloatVertices]:
    """:func:`float_vertices` by :func:`python_walk` in floating point: for small polytopes,
    where numpy's cost per call outweighs the arithmetic (same decisions, same doubts, the
    same check of each vertex against the original constraints, in plain Python). Each ``C``
    is a list of rows."""
    out = []
    for (C, labels), name in zip(polytopes, who, strict=True):
        found, bases, doubts = python_walk(C, labels, max_bases, name, tight)
        out.append(FloatVertices(list(found), list(found.values()), bases, "; ".join(sorted(doubts)) or None))
    return out


def python_walk(C: list[list], labels: Sequence[int], max_bases: int, who: str, tight: float | None = None):
    """The walk of :func:`float_vertices` over one polytope in plain Python: exact when ``C``
    holds integers and ``tight`` is None, else in floating point with the same decisions
    (a value within ``tight`` of zero is zero) and the same doubts.

    The tableau is a dictionary, as in :func:`float_vertices` (row k reads
    ``x_B[k] + sum_q D[k][q] x_N[q] = R[k]``), scaled by ``det``, the last pivot element
    (positive: pivots are positive entries), and pivoted with integer-preserving steps
    (Edmonds 1967; Bareiss 1968): pivoting on ``a = D[k][q]`` gives
    ``D'[i][j] = (D[i][j] a - D[i][q] D[k][j]) / det`` and ``R'[i] = (R[i] a - D[i][q] R[k]) / det``
    for the other rows, ``D'[i][q] = -D[i][q]``, ``D'[k][q] = det``, row k otherwise
    unchanged, and ``det' = a``. With integers every division is exact. In floating point,
    each vertex found is checked against the original constraints, as in
    :func:`float_vertices`.

    The walk runs as code written for the polytope's shape and arithmetic by
    :func:`walk_source` (every loop over rows and columns unrolled, entries held in local
    variables), compiled once per shape: measured 1.4x (2 x 2) to 1.75x (5 x 5) faster
    than the same walk written with loops. Its source shows in tracebacks.
    Returns ``(vertices, bases, doubts)``: label word -> z (Fractions when exact, in
    ascending order of words), the feasible bases visited, and the reasons for doubt.
    """
    exact = tight is None
    r, c = len(C), len(C[0])
    bit = [1 << labels[v] for v in range(r + c)]  # the label bit of each variable
    # The basis of z = 0: the slacks s_j are basic, the z_i nonbasic; D is flat, row-major (c x r).
    D0 = [C[q][k] for k in range(c) for q in range(r)]
    return _walk_kernel(r, c, exact)(D0, bit, max_bases, 0 if exact else tight, who, [v for row in C for v in row])


def walk_source(r: int, c: int, exact: bool) -> str:
    """The source of :func:`python_walk`'s walk for r x c polytopes (``r`` variables ``z``,
    ``c`` constraints), in exact or floating-point arithmetic.

    Names: ``d{i}_{q}`` is the dictionary's entry in row i and nonbasic position q, ``v{i}``
    row i's value, ``b{i}`` its basic variable and ``n{q}`` the nonbasic variable at q (all
    scaled by ``det``). Depth first; a pending basis is its parent's state and the pivot
    (row, position), pivoted when it is visited, so only the tableaux of the bases on the
    current path stay alive.

    Examples
    --------
    >>> print(walk_source(1, 1, exact=True).splitlines()[0])
    def pivot(basic, nonbasic, D, R, det, k, q):
    """
    div = "//" if exact else "/"
    one, nil = ("1", "0") if exact else ("1.0", "0.0")
    d = [f"d{i}_{q}" for i in range(c) for q in range(r)]
    v = [f"v{i}" for i in range(c)]
    lines = [
        "def pivot(basic, nonbasic, D, R, det, k, q):",
        f"    kr = k * {r}",
        "    a, rk = D[kr + q], R[k]",
        f"    {''.join(f'g{q}, ' for q in range(r))}= D[kr:kr + {r}]  # row k",
        f"    {''.join(f'f{i}, ' for i in range(c))}= D[q::{r}]  # column q",
        f"    {''.join(f'{x}, ' for x in d)}= D",
        f"    {''.join(f'{x}, ' for x in v)}= R",
        # Every entry by the formula; row k and column q are then set apart.
        "    new = [" + ", ".join(f"(d{i}_{q} * a - f{i} * g{q}) {div} det" for i in range(c) for q in range(r)) + "]",
        "    new_r = [" + ", ".join(f"(v{i} * a - f{i} * rk) {div} det" for i in range(c)) + "]",
        f"    new[kr:kr + {r}] = D[kr:kr + {r}]",
        f"    new[q::{r}] = (" + "".join(f"-f{i}, " for i in range(c)) + ")",
        "    new[kr + q] = det",
        "    new_r[k] = rk",
        "    leave = basic[k]",
        "    return (basic[:k] + (nonbasic[q],) + basic[k + 1:], nonbasic[:q] + (leave,) + nonbasic[q + 1:],",
        "            new, new_r, a)",
        "",
        "",
        "def walk(D, bit, max_bases, tol, who, C):",
        f"    seen, doubts, out = {{{((1 << c) - 1) << r}}}, set(), {{}}  # the basis of z = 0: every slack basic",
        f"    stack = [({tuple(range(r, r + c))!r}, {tuple(range(r))!r}, D, [{one}] * {c}, {one}, -1, -1)]",
        "    pop, push, add = stack.pop, stack.append, seen.add",
        "    while stack:",
        "        basic, nonbasic, D, R, det, k, q = pop()",
        "        if k >= 0:",
        "            basic, nonbasic, D, R, det = pivot(basic, nonbasic, D, R, det, k, q)",
        f"        {''.join(f'{x}, ' for x in d)}= D",
        f"        {''.join(f'{x}, ' for x in v)}= R",
        f"        {''.join(f'b{i}, ' for i in range(c))}= basic",
        f"        {''.join(f'n{q}, ' for q in range(r))}= nonbasic",
        "        zero = tol * det",
        "        noise = 0" if exact else "        noise = NOISE * max(det, max(R), max(D), -min(D))",
        "        near, small = zero + noise, SMALL_PIVOT * noise",
        "        word = " + " | ".join(f"bit[n{q}]" for q in range(r)),
        "        mask = " + " | ".join(f"(1 << b{i})" for i in range(c)),
        f"        z = [{nil}] * {r}",
    ]
    add = lines.append
    for i in range(c):
        add(f"        if v{i} <= zero:")
        add(f"            word |= bit[b{i}]")
        add("        else:")
        if not exact:
            add(f"            if v{i} <= near:")
            add("                doubts.add(ZERO_DOUBT)")
        add(f"            if b{i} < {r}:")
        add(f"                z[b{i}] = " + (f"Fraction(v{i}, det)" if exact else f"v{i} / det"))
    add("        if word not in out and any(z):")
    add("            out[word] = tuple(z)")
    if not exact:  # the vertex against the original constraints: z_i >= 0 and (C^T z)_j <= 1
        zs = [f"z{i}" for i in range(r)]
        add(f"            {''.join(f'{x}, ' for x in zs)}= z")
        add("            again = " + " | ".join(f"(bit[{i}] if z{i} <= tol else 0)" for i in range(r)))
        for j in range(c):
            add("            slack = 1.0 - (" + " + ".join(f"z{i} * C[{i * c + j}]" for i in range(r)) + ")")
            add("            if slack <= tol:")
            add(f"                again |= bit[{r + j}]")
            add("                if slack < -tol:")
            add("                    doubts.add(INFEASIBLE_DOUBT)")
        add("            if again != word:")
        add("                doubts.add(CHANGED_DOUBT)")
    for q in range(r):
        add(f"        # The ratio test of nonbasic position {q}: the minimum ratio, then every row that ties it.")
        add("        best = -1")
        for i in range(c):
            first = "" if i == 0 else f" and (best < 0 or v{i} * den < num * d{i}_{q})"
            add(f"        if d{i}_{q} > noise{first}:")
            add(f"            best, num, den = {i}, v{i}, d{i}_{q}")
        add("        if best >= 0:")
        add(f"            tie, near_tie, enter = zero * den, near * den, mask ^ (1 << n{q})")
        for i in range(c):
            add(f"            if d{i}_{q} > noise:")
            add(f"                rest = v{i} * den - num * d{i}_{q}  # det * den times row {i}'s value after the pivot")
            add("                if rest <= tie:")
            if not exact:
                add(f"                    if d{i}_{q} <= small:")
                add("                        doubts.add(PIVOT_DOUBT)")
            add(f"                    child = enter ^ (1 << b{i})")
            add("                    if child not in seen:")
            add("                        add(child)")
            add("                        if len(seen) > max_bases:")
            add(f"                            raise too_many_bases({r}, {c}, max_bases, who, {exact})")
            add(f"                        push((basic, nonbasic, D, R, det, {i}, {q}))")
            if not exact:
                add("                elif rest <= near_tie:")
                add("                    doubts.add(TIE_DOUBT)")
    add("    return dict(sorted(out.items())), len(seen), doubts")
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=64)
def _walk_kernel(r: int, c: int, exact: bool) -> Callable:
    """:func:`walk_source` compiled (once per shape and arithmetic), its source registered
    with :mod:`linecache` so that tracebacks and debuggers show it."""
    source = walk_source(r, c, exact)
    filename = f"<negotiation_sim walk {r}x{c} {'exact' if exact else 'float'}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    scope: dict[str, Any] = {"NOISE": NOISE, "SMALL_PIVOT": _SMALL_PIVOT, "too_many_bases": too_many_bases, "Fraction": Fraction,
             "ZERO_DOUBT": _ZERO_DOUBT, "TIE_DOUBT": _TIE_DOUBT, "PIVOT_DOUBT": _PIVOT_DOUBT,
             "INFEASIBLE_DOUBT": _INFEASIBLE_DOUBT, "CHANGED_DOUBT": _CHANGED_DOUBT}
    exec(compile(source, filename, "exec"), scope)  # noqa: S102 - our own template, no user text
    return scope["walk"]


def complete_pairs(wp: Sequence[int] | np.ndarray, wq: Sequence[int] | np.ndarray, m: int,
                   n: int) -> tuple[list[int], list[int]]:
    """Indices ``(i, j)`` of the pairs of P-vertex i and Q-vertex j whose words cover all m + n labels.

    A vertex with as many labels as its dimension (m for P, n for Q) pairs with a vertex of
    the same kind only when that one's word is its complement (a lookup); a degenerate vertex
    (more labels) is tested against every vertex of the other polytope (vectorised). Words
    come sorted ascending: as lists (few vertices, looked up in plain Python) or as int64
    arrays (looked up by binary search in numpy). Pairs come sorted by (i, j).
    """
    full = (1 << (m + n)) - 1
    if isinstance(wp, np.ndarray) and isinstance(wq, np.ndarray):
        bp, bq = np.bitwise_count(wp), np.bitwise_count(wq)
        rp, rq = np.flatnonzero(bp == m), np.flatnonzero(bq == n)
        regular_q = wq.take(rq)  # ascending, as wq is
        want = full ^ wp.take(rp)
        at = np.minimum(regular_q.searchsorted(want), len(regular_q) - 1)
        hit = np.flatnonzero(regular_q.take(at, mode="clip") == want) if len(regular_q) else at[:0]
        parts_i, parts_j = [rp.take(hit)], [rq.take(at.take(hit))]
        dp, dq = np.flatnonzero(bp > m), np.flatnonzero(bq > n)
        if len(dp):  # a degenerate vertex of P with every vertex of Q
            i, j = np.nonzero((wp.take(dp)[:, None] | wq[None, :]) == full)
            parts_i.append(dp.take(i))
            parts_j.append(j)
        if len(dq):  # a degenerate vertex of Q with every nondegenerate vertex of P
            i, j = np.nonzero((wp.take(rp)[:, None] | wq.take(dq)[None, :]) == full)
            parts_i.append(rp.take(i))
            parts_j.append(dq.take(j))
        pi, pj = np.concatenate(parts_i), np.concatenate(parts_j)
        order = np.lexsort((pj, pi))
        return pi.take(order).tolist(), pj.take(order).tolist()
    lp, lq = list(wp), list(wq)
    cp, cq = list(map(int.bit_count, lp)), list(map(int.bit_count, lq))
    lookup = {w: j for j, (w, b) in enumerate(zip(lq, cq, strict=True)) if b == n}
    pairs = [(p, lookup[full ^ w]) for p, (w, b) in enumerate(zip(lp, cp, strict=True))
             if b == m and full ^ w in lookup]
    if max(cp, default=0) > m:
        for p, b in enumerate(cp):
            if b > m:  # a degenerate vertex of P with every vertex of Q
                pairs += [(p, q) for q, w in enumerate(lq) if lp[p] | w == full]
    if max(cq, default=0) > n:
        for q, b in enumerate(cq):
            if b > n:  # a degenerate vertex of Q with every nondegenerate vertex of P
                pairs += [(p, q) for p, w in enumerate(lp) if cp[p] == m and w | lq[q] == full]
    pairs.sort()
    return [p for p, _ in pairs], [q for _, q in pairs]
