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

from negotiation_sim.errors import GameTooLargeError

__all__ = ["NOISE", "FloatVertices", "float_vertices", "small_float_vertices", "python_walk", "walk_source", "exact_vertices",
           "complete_pairs", "too_many_bases"]

#: Round-off bound per unit of a tableau's largest entry: a value, a ratio-test tie or a pivot
#: element whose margin from its threshold is below this times the tableau's largest absolute
#: entry (payoffs scaled to [1, 2]) is a decision rounding could change, and the answer is in
#: doubt. 10^4 machine epsilons leave room for the round-off of a few dozen pivots.
NOISE = 1e4 * float(np.finfo(np.float64).eps)
# A pivot element within this factor of the round-off bound makes the answer doubtful too.
_SMALL_PIVOT = 1e3
# Bases pivoted together: bounds the memory of a frontier (K * (K + 1) floats per basis).
_CHUNK = 4096


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
    """The vertices of one polytope but ``z = 0``, sorted by word: their label ``words`` (a
    list: what follows pairs them in plain Python), their ``points`` (not normalised; a
    (V, r) array from :func:`float_vertices`, a list of V tuples from
    :func:`small_float_vertices`), the number of feasible ``bases`` visited, and ``doubt``:
    None, or why rounding could change the vertices."""

    words: list[int]
    points: Any
    bases: int
    doubt: str | None


def float_vertices(polytopes: Sequence[tuple[np.ndarray, Sequence[int]]], tight: float, max_bases: int,
                   who: Sequence[str]) -> list[FloatVertices]:
    """Every vertex but 0 of each polytope ``{z >= 0 : C^T z <= 1}`` (C positive, r x c, entries
    in [1, 2]), the polytopes walked together (one stack of tableaux: fewer numpy calls).

    ``polytopes`` holds ``(C, labels)`` pairs: ``labels[v]`` is the label bit of variable
    ``v`` (``z_0 .. z_{r-1}``, then the slacks ``s_0 .. s_{c-1}``); a vertex's word has it when
    ``z_i = 0`` or constraint ``j`` is tight. A value within ``tight`` of zero is zero.
    ``max_bases`` bounds each polytope's bases; ``who[p]`` names polytope p's owner in the error.

    Each tableau is kept as a dictionary, coefficients ``D`` (K x K) and values ``R`` (K):
    row k reads ``x_B[k] + sum_q D[k, q] x_N[q] = R[k]``. Polytopes of other shapes are padded to
    K = max(r, c) with constraints and variables that never pivot (zero coefficients,
    no label, no bit in the basis mask). Variables have global ids ``p * 2K + v``.
    """
    K = max(max(C.shape) for C, _ in polytopes)
    n_poly = len(polytopes)
    lab = np.zeros((n_poly, 2 * K), dtype=np.int64)  # label bit of each (padded) variable
    var_bit = np.zeros((n_poly, 2 * K), dtype=np.int64)  # its bit in the basis mask
    slot = np.full((n_poly, 2 * K), K)  # where its value goes in a point (K: nowhere)
    D = np.zeros((n_poly, K, K))
    for p, (C, labels) in enumerate(polytopes):
        r, c = C.shape
        real = np.r_[np.arange(r), K + np.arange(c)]
        lab[p, real] = np.int64(1) << np.asarray(labels, dtype=np.int64)
        var_bit[p, real] = np.int64(1) << np.arange(r + c, dtype=np.int64)
        slot[p, :r] = np.arange(r)
        D[p, :c, :r] = C.T
    values = np.ones((n_poly, K))
    lab, var_bit, slot = lab.ravel(), var_bit.ravel(), slot.ravel()
    basis = 2 * K * np.arange(n_poly)[:, None] + K + np.arange(K)  # the slacks
    nonbasic = basis - K
    mask = var_bit[basis].sum(axis=1) | (np.arange(n_poly) << 62)
    seen = set(mask.tolist())
    counts = [1] * n_poly
    pending = [(D, values, basis, nonbasic, mask)]
    visited: list[tuple[np.ndarray, np.ndarray, np.ndarray, float]] = []
    doubts: set[str] = set()
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        while pending:
            D, values, basis, nonbasic, mask = pending.pop()
            noise = NOISE * max(float(D.max()), -float(D.min()), float(values.max()))
            visited.append((values, basis, nonbasic, noise))
            step = _pivots(D, values, basis, nonbasic, mask, tight, noise, var_bit, seen, counts, doubts)
            for p, count in enumerate(counts):
                if count > max_bases:
                    r, c = polytopes[p][0].shape
                    raise too_many_bases(r, c, max_bases, who[p], exact=False)
            if step is not None:
                for lo in range(0, len(step[0]), _CHUNK):
                    pending.append(_pivot(D, values, basis, nonbasic, *(part[lo:lo + _CHUNK] for part in step)))
    rhs, basis, nonbasic = (np.concatenate(part) for part in list(zip(*visited, strict=True))[:3])
    bound = np.repeat([v[3] for v in visited], [len(v[0]) for v in visited])[:, None]
    zero = rhs <= tight
    if np.any((rhs > tight) & (rhs <= tight + bound)):
        doubts.add("a probability or a slack is within round-off of zero")
    words = lab[nonbasic].sum(axis=1) + (lab[basis] * zero).sum(axis=1)
    poly = basis[:, 0] // (2 * K)
    points = np.zeros((len(rhs), K + 1))
    points[np.arange(len(rhs))[:, None], slot[basis]] = np.where(zero, 0.0, rhs)
    out = []
    for p, (C, _) in enumerate(polytopes):
        r = C.shape[0]
        origin = int(lab[2 * K * p : 2 * K * p + r].sum())  # z = 0 has every z-label; no other vertex has
        on = np.flatnonzero((poly == p) & ((words & origin) != origin))
        w, first = np.unique(words[on], return_index=True)
        z = points[on[first], :r]
        mine = set(doubts)
        _check_vertices(C, lab[2 * K * p + np.r_[np.arange(r), K + np.arange(C.shape[1])]], tight, w, z, mine)
        out.append(FloatVertices(w.tolist(), z, counts[p], "; ".join(sorted(mine)) or None))
    return out


def _pivots(D: np.ndarray, values: np.ndarray, basis: np.ndarray, nonbasic: np.ndarray, mask: np.ndarray,
            tight: float, noise: float, var_bit: np.ndarray, seen: set[int], counts: list[int], doubts: set[str]):
    """The pivots (stack index, row, nonbasic position, new basis mask) the ratio test allows
    from a stack of bases, ties all taken, to bases not seen before (added to ``seen`` and
    ``counts``); None if none. Entries up to ``noise``, the stack's round-off bound, are zeros.
    (Temporaries are few and reused: fresh large arrays cost page faults.)"""
    K = D.shape[1]
    pos = D > noise
    work = np.divide(values[:, :, None], D)
    np.copyto(work, np.inf, where=~pos)
    step = work.min(axis=1)
    # The value row k would keep after the pivot on column q: zero for the rows of the minimum
    # ratio (a tie is a degenerate vertex), within round-off of zero for a near-tie. (A column
    # without a positive entry has no pivot; its finite stand-in step is never used.)
    np.multiply(D, np.minimum(step, 1e300)[:, None, :], out=work)
    rest = np.subtract(values[:, :, None], work, out=work)
    tie = rest <= tight
    tie &= pos
    ties = int(np.count_nonzero(tie))
    near = rest <= tight + noise
    near &= pos
    if int(np.count_nonzero(near)) != ties:
        doubts.add("a ratio test has a tie within round-off")
    if not ties:
        return None
    where = np.flatnonzero(tie)
    if np.any(D.ravel()[where] <= _SMALL_PIVOT * noise):
        doubts.add("a pivot element is within round-off of zero")
    f, kq = np.divmod(where, K * K)
    k, q = np.divmod(kq, K)
    child = (mask[f] ^ var_bit[basis[f, k]] ^ var_bit[nonbasic[f, q]]).tolist()
    fresh, masks = [], []
    for i, b in enumerate(child):
        if b not in seen:
            seen.add(b)
            fresh.append(i)
            masks.append(b)
            counts[b >> 62] += 1
    if not fresh:
        return None
    return f[fresh], k[fresh], q[fresh], np.array(masks, dtype=np.int64)


def _pivot(D: np.ndarray, values: np.ndarray, basis: np.ndarray, nonbasic: np.ndarray, f: np.ndarray,
           k: np.ndarray, q: np.ndarray, mask: np.ndarray):
    """The dictionaries, values, bases and masks after pivoting base ``f[i]``'s nonbasic
    variable ``q[i]`` into the basis in place of row ``k[i]``'s."""
    a = D[f, k, q]
    row, value = D[f, k], values[f, k]
    col = D[f, :, q] / a[:, None]
    new = D[f]
    work = np.multiply(col[:, :, None], row[:, None, :])
    new -= work
    new_values = values[f] - col * value[:, None]
    i = np.arange(len(f))
    new[i, :, q] = -col
    new[i, k] = row / a[:, None]
    new[i, k, q] = 1.0 / a
    new_values[i, k] = value / a
    b, nb = basis[f], nonbasic[f]
    b[i, k], nb[i, q] = nonbasic[f, q], basis[f, k]
    return new, new_values, b, nb, mask


def _check_vertices(C: np.ndarray, lab: np.ndarray, tight: float, words: np.ndarray, points: np.ndarray,
                    doubts: set[str]) -> None:
    """Recompute each vertex's word from the original constraints: an infeasible vertex, or a
    word that the pivots' round-off changed, puts the answer in doubt."""
    values = np.concatenate([points, 1.0 - points @ C], axis=1)
    if np.any(values < -tight):
        doubts.add("round-off in the pivots made a vertex infeasible")
    if not np.array_equal(((values <= tight) * lab).sum(axis=1), words):
        doubts.add("round-off in the pivots changed a vertex's tight constraints")


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


_ZERO_DOUBT = "a probability or a slack is within round-off of zero"
_TIE_DOUBT = "a ratio test has a tie within round-off"
_PIVOT_DOUBT = "a pivot element is within round-off of zero"
_INFEASIBLE_DOUBT = "round-off in the pivots made a vertex infeasible"
_CHANGED_DOUBT = "round-off in the pivots changed a vertex's tight constraints"


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


def complete_pairs(wp: Sequence[int], wq: Sequence[int], m: int, n: int) -> tuple[list[int], list[int]]:
    """Indices ``(i, j)`` of the pairs of P-vertex i and Q-vertex j whose words cover all m + n labels.

    A vertex with as many labels as its dimension (m for P, n for Q) pairs with a vertex of
    the same kind only when that one's word is its complement (a dictionary lookup); a
    degenerate vertex (more labels) is tested against every vertex of the other polytope
    (vectorised). Pairs come sorted by (i, j).
    """
    full = (1 << (m + n)) - 1
    lp, lq = list(wp), list(wq)
    bp, bq = list(map(int.bit_count, lp)), list(map(int.bit_count, lq))
    regular_q = {w: j for j, (w, b) in enumerate(zip(lq, bq, strict=True)) if b == n}
    pairs = [(i, regular_q[full ^ w]) for i, (w, b) in enumerate(zip(lp, bp, strict=True))
             if b == m and full ^ w in regular_q]
    dp = [i for i, b in enumerate(bp) if b > m]
    dq = [j for j, b in enumerate(bq) if b > n]
    if dp or dq:
        ap, aq = np.array(lp, dtype=np.int64), np.array(lq, dtype=np.int64)
    if dp:  # a degenerate vertex of P with every vertex of Q
        i, j = np.nonzero((ap[dp, None] | aq[None, :]) == full)
        pairs += zip(np.array(dp)[i].tolist(), j.tolist(), strict=True)
    if dq:  # a degenerate vertex of Q with every nondegenerate vertex of P
        rp = [i for i, b in enumerate(bp) if b == m]
        i, j = np.nonzero((ap[rp, None] | aq[None, dq]) == full)
        pairs += zip(np.array(rp, dtype=np.int64)[i].tolist(), np.array(dq)[j].tolist(), strict=True)
    pairs.sort()
    return [i for i, _ in pairs], [j for _, j in pairs]
