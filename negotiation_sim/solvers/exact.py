"""Every extreme Nash equilibrium of a 2-player game in exact rational arithmetic.

The payoffs are read as rationals (integers, :class:`fractions.Fraction`,
:class:`decimal.Decimal`, or floats by their shortest decimal ``repr``),
multiplied by a common denominator and shifted, per player, to positive
integers (an affine map per player changes no equilibrium). The extreme
equilibria are then the completely labelled pairs of vertices of the
best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and
``Q = {y >= 0 : A y <= 1}`` (von Stengel 2002, Theorem 2.11), as in
:func:`negotiation_sim.solvers.vertex_enumeration`, but with every vertex found
exactly.

Vertices are found by the walk over the graph of feasible bases that the
floating-point path takes too (:mod:`negotiation_sim.solvers._walk`: every
pivot the minimum-ratio test allows, ties included, from the basis of
``x = 0``), here with integer-preserving pivots (Edmonds 1967): the tableau
stays an integer matrix over one common determinant. The work grows with the
number of feasible bases, not with ``C(m + n, m)``; ``max_bases`` bounds it.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any

import numpy as np

from negotiation_sim._validate import positive_int
from negotiation_sim.errors import InvalidGameError
from negotiation_sim.solvers._walk import complete_pairs, exact_vertices

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
        Each polytope's vertices by label word (bit i: row i, bit m + j: column j),
        in ascending order of words.

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
    P = exact_vertices(b, [*range(m), *range(m, m + n)], max_bases, "player 1")
    At = [[a[i][j] for i in range(m)] for j in range(n)]
    Q = exact_vertices(At, [*range(m, m + n), *range(m)], max_bases, "player 2")
    P, Q = dict(sorted(P.items())), dict(sorted(Q.items()))
    xs, ys = list(P.values()), list(Q.values())
    pairs = []
    for i, j in zip(*complete_pairs(list(P), list(Q), m, n), strict=True):
        x, y = xs[i], ys[j]
        sx, sy = sum(x), sum(y)
        pairs.append((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return pairs, (P, Q)
