"""Every extreme Nash equilibrium of a 2-player game in exact rational arithmetic.

The payoffs are read as rationals (integers, :class:`fractions.Fraction`,
:class:`decimal.Decimal`, or floats by their shortest decimal ``repr``),
multiplied by a common denominator and shifted, per player, to positive
integers (an affine map per player changes no equilibrium). The extreme
equilibria are then the completely labelled pairs of vertices of the
best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and
``Q = {y >= 0 : A y <= 1}`` (von Stengel 2002, Theorem 2.11), as in
:mod:`negotiation_sim.solvers.vertex_enumeration`, but with every vertex found
exactly.

Vertices are found by walking the graph of feasible bases: from the basis of
``x = 0`` (all slacks basic, nondegenerate since the right-hand side is 1),
every pivot allowed by the minimum-ratio test is taken, ties included, so
every feasible basis is visited (the feasible bases of a polytope are
connected by such pivots: Bland's rule leads from any of them to the unique
basis of ``x = 0``, Avis and Fukuda 1992). Pivots are integer-preserving
(Edmonds 1967): the tableau stays an integer matrix over one common
determinant. The work grows with the number of feasible bases, not with
``C(m + n, m)``; ``max_bases`` bounds it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any

import numpy as np

from negotiation_sim._validate import positive_int
from negotiation_sim.errors import GameTooLargeError, InvalidGameError

__all__ = ["DEFAULT_MAX_BASES", "to_fraction", "exact_matrix", "exact_extreme_equilibria"]

#: Default bound on the feasible bases the exact walk visits (per polytope).
DEFAULT_MAX_BASES: int = 100_000


def to_fraction(value: Any) -> Fraction:
    """``value`` as an exact :class:`~fractions.Fraction`.

    Integers, fractions and decimals are exact; a float is read as the
    decimal its ``repr`` shows (``0.1`` is 1/10, as a user typed it).

    Examples
    --------
    >>> to_fraction(0.1), to_fraction(3), to_fraction(Fraction(2, 7))
    (Fraction(1, 10), Fraction(3, 1), Fraction(2, 7))
    """
    if isinstance(value, (bool, np.bool_)):
        return Fraction(int(value))
    if isinstance(value, (Rational, np.integer)):
        return Fraction(int(value)) if isinstance(value, np.integer) else Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            msg = f"payoff {value!r} is not finite"
            raise InvalidGameError(msg)
        return Fraction(value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            msg = f"payoff {value!r} is not finite"
            raise InvalidGameError(msg)
        return Fraction(repr(float(value)))
    msg = f"payoff {value!r} of type {type(value).__name__} is not a number that can be read exactly"
    raise InvalidGameError(msg)


def exact_matrix(values: Any) -> list[list[Fraction]]:
    """A 2-D array of payoffs as a list of rows of Fractions (see :func:`to_fraction`)."""
    arr = np.asarray(values, dtype=object)
    return [[to_fraction(v) for v in row] for row in arr]


def _positive_integers(M: list[list[Fraction]]) -> list[list[int]]:
    """The affine image of M with positive integer entries: times the common denominator,
    minus the minimum, plus 1."""
    den = math.lcm(*(v.denominator for row in M for v in row))
    ints = [[int(v * den) for v in row] for row in M]
    low = min(v for row in ints for v in row)
    return [[v - low + 1 for v in row] for row in ints]


def _vertices(C: list[list[int]], x_labels: Sequence[int], s_labels: Sequence[int],
              max_bases: int, who: str) -> dict[int, tuple[Fraction, ...]]:
    """Every vertex of ``{z >= 0 : C^T z <= 1}`` (C positive, r x c) but ``z = 0``: label word -> z.

    A vertex's label word has the bit ``x_labels[i]`` when ``z_i = 0`` and
    ``s_labels[j]`` when constraint ``j`` is tight.
    """
    r, c = len(C), len(C[0])
    nvar = r + c
    labels = list(x_labels) + list(s_labels)
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
            basis, T, det = _pivot(basis, T, det, p, e, nvar)
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
                    msg = (f"exact enumeration of a game with {r} x {c} actions visited more than "
                           f"max_bases={max_bases} feasible bases of {who}'s best-response polytope; raise "
                           "max_bases, or use method='lemke_howson' for one equilibrium or method='gambit'")
                    raise GameTooLargeError(msg)
                stack.append((basis, T, det, p, e))
    return out


def _pivot(basis: tuple[int, ...], T: list[list[int]], det: int, p: int, e: int, nvar: int):
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


def exact_extreme_equilibria(A: list[list[Fraction]], B: list[list[Fraction]],
                             max_bases: int = DEFAULT_MAX_BASES):
    """Every extreme equilibrium of the bimatrix game (A, B) of Fractions, exactly.

    Parameters
    ----------
    A, B : list of list of Fraction
        Row and column players' payoffs, m x n.
    max_bases : int, default :data:`DEFAULT_MAX_BASES`
        Most feasible bases visited per polytope.

    Returns
    -------
    pairs : list of (tuple of Fraction, tuple of Fraction)
        Normalised strategies (x, y), unordered.
    words : (dict, dict)
        Each polytope's vertices by label word (bit i: row i, bit m + j: column j).

    Raises
    ------
    GameTooLargeError
        If a polytope has more than ``max_bases`` feasible bases.

    Examples
    --------
    >>> F = Fraction
    >>> pairs, _ = exact_extreme_equilibria([[F(2), F(0)], [F(0), F(1)]], [[F(1), F(0)], [F(0), F(2)]])
    >>> sorted(pairs)[0]
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
    >>> ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))) in pairs
    True
    """
    max_bases = positive_int(max_bases, "max_bases")
    m, n = len(A), len(A[0])
    a, b = _positive_integers(A), _positive_integers(B)
    P = _vertices(b, range(m), [m + j for j in range(n)], max_bases, "player 1")
    At = [[a[i][j] for i in range(m)] for j in range(n)]
    Q = _vertices(At, [m + j for j in range(n)], range(m), max_bases, "player 2")
    full = (1 << (m + n)) - 1
    pairs = []
    for wp, x in P.items():
        for wq, y in Q.items():
            if wp | wq == full:
                sx, sy = sum(x), sum(y)
                pairs.append((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return pairs, (P, Q)
