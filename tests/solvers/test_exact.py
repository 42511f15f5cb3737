"""Exact rational solving, ``ns.solve(game, exact=True)``: Gambit's rational enumeration, fraction for fraction."""

from __future__ import annotations

import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import GameTooLargeError, UnsupportedMethodError
from negotiation_sim.solvers.exact import exact_extreme_equilibria, to_fraction
from tests.oracle import enummixed_exact


def _exact(game, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ns.solve(game, exact=True, **options)


def _as_set(eqs):
    return {eq.exact_strategies for eq in eqs}


class TestAgainstGambit:
    def test_several_hundred_integer_games(self):
        """300 seeded integer games (1..4 actions, payoffs in -2..2, so many are degenerate) equal Gambit's
        rational enumeration exactly, as sets of profiles of Fractions."""
        rng = np.random.default_rng(2024)
        degenerate = 0
        for _ in range(300):
            m, n = (int(v) for v in rng.integers(1, 5, 2))
            A, B = rng.integers(-2, 3, (m, n)), rng.integers(-2, 3, (m, n))
            eqs = _exact(ns.NormalFormGame.from_arrays(A, B))
            assert _as_set(eqs) == enummixed_exact(A, B), (A, B)
            assert eqs.complete
            degenerate += eqs.degenerate
        assert degenerate > 100  # the family does exercise degenerate games

    def test_fraction_payoffs(self):
        """Payoffs given as Fractions are used exactly."""
        rng = np.random.default_rng(5)
        for _ in range(30):
            A = np.vectorize(lambda v: Fraction(int(v), 7), otypes=[object])(rng.integers(-9, 10, (3, 3)))
            B = np.vectorize(lambda v: Fraction(int(v), 3), otypes=[object])(rng.integers(-9, 10, (3, 3)))
            assert _as_set(_exact(ns.NormalFormGame.from_arrays(A, B))) == enummixed_exact(A, B)

    def test_large_integers_beyond_float(self):
        """Integers beyond 2**53 (which floats round) are kept exact. (Gambit 17.0.0b2 returns no
        equilibrium for this game, so the oracle is the closed form of a 2 x 2 coordination game.)"""
        big = 2**60
        A = np.array([[big + 1, 0], [0, big]], dtype=object)
        B = np.array([[1, 0], [0, 3]], dtype=object)
        eqs = _exact(ns.NormalFormGame.from_arrays(A, B))
        assert len(eqs) == 3 and eqs[0].is_pure and eqs[1].is_pure
        assert eqs[2].exact_strategies[0] == (Fraction(3, 4), Fraction(1, 4))
        mixed = [e for e in eqs if not e.is_pure][0]
        assert mixed.exact_strategies[1] == (Fraction(big, 2 * big + 1), Fraction(big + 1, 2 * big + 1))

    def test_issue_games_exactly(self):
        """The 1000-entry game of issue 12, exactly: ([500/501, 1/501, 0], [1/3, 1/3, 0, 1/3]) among 8."""
        A = [[2, 0, 1, 1], [2, 1, 2, 0], [1, 1, 1000, 1]]
        B = [[2, 0, 1, 2], [0, 1000, 2, 0], [1, 0, 2, 2]]
        found = _as_set(_exact(ns.NormalFormGame.from_arrays(A, B)))
        assert found == enummixed_exact(A, B) and len(found) == 8
        F = Fraction
        assert ((F(500, 501), F(1, 501), F(0)), (F(1, 3), F(1, 3), F(0), F(1, 3))) in found


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_exact_payoffs_are_equilibrium_payoffs(m, n, seed):
    """Each exact equilibrium has zero regret in exact arithmetic, and its payoffs are x^T A y, x^T B y."""
    rng = np.random.default_rng(seed)
    A, B = rng.integers(-3, 4, (m, n)), rng.integers(-3, 4, (m, n))
    for eq in _exact(ns.NormalFormGame.from_arrays(A, B)):
        x, y = eq.exact_strategies
        assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
        rows = [sum(int(A[i, j]) * y[j] for j in range(n)) for i in range(m)]
        cols = [sum(x[i] * int(B[i, j]) for i in range(m)) for j in range(n)]
        u1, u2 = sum(x[i] * rows[i] for i in range(m)), sum(y[j] * cols[j] for j in range(n))
        assert max(rows) == u1 and max(cols) == u2
        assert eq.exact_payoffs == (u1, u2)
        assert np.allclose(eq.strategies[0], [float(v) for v in x])


class TestReading:
    def test_decimals_and_floats_read_as_decimals(self):
        """A float is read as the decimal its repr shows (0.1 is 1/10), as Gambit reads it; Decimals exactly."""
        assert to_fraction(0.1) == Fraction(1, 10)
        assert to_fraction(Decimal("0.25")) == Fraction(1, 4)
        g = ns.NormalFormGame.from_arrays([[0.1, 0.0], [0.0, 0.3]], [[0.3, 0.0], [0.0, 0.1]])
        mixed = [e for e in _exact(g) if not e.is_pure][0]
        assert mixed.exact_strategies[0] == (Fraction(1, 4), Fraction(3, 4))

    def test_describe_and_html_show_fractions(self):
        """describe() and the HTML display show 2/7, not 0.2857."""
        g = ns.NormalFormGame.from_arrays([[2, 0], [0, 5]], [[5, 0], [0, 2]])
        eqs = _exact(g)
        assert "probability 2/7" in eqs.describe() and "0.2857" not in eqs.describe()
        assert "A1: 5/7" in eqs._repr_html_() and "10/7" in eqs[2]._repr_html_()
        assert "0.2857" in ns.solve(g).describe()

    def test_exact_only_for_two_players(self):
        """exact=True for three players, or with another method, is refused by name."""
        with pytest.raises(UnsupportedMethodError, match="exact=True"):
            ns.solve(ns.NormalFormGame(np.zeros((2, 2, 2, 3))), exact=True)
        with pytest.raises(UnsupportedMethodError, match="exact=True"):
            ns.solve(ns.NormalFormGame.from_arrays([[1]], [[1]]), method="lemke_howson", exact=True)

    def test_max_bases(self):
        """The exact walk stops with GameTooLargeError naming max_bases and the alternatives."""
        rng = np.random.default_rng(0)
        g = ns.NormalFormGame.from_arrays(rng.integers(0, 9, (6, 6)), rng.integers(0, 9, (6, 6)))
        with pytest.raises(GameTooLargeError, match="max_bases=10.*lemke_howson"):
            ns.solve(g, exact=True, max_bases=10)

    def test_kernel_on_a_textbook_game(self):
        """The 3 x 2 game of von Stengel (2007, Algorithmic Game Theory, ch. 3, fig. 3.3) has three equilibria."""
        F = Fraction
        A = [[F(3), F(3)], [F(2), F(5)], [F(0), F(6)]]
        B = [[F(3), F(2)], [F(2), F(6)], [F(3), F(1)]]
        pairs, _ = exact_extreme_equilibria(A, B)
        assert set(pairs) == {((F(1), F(0), F(0)), (F(1), F(0))),
                              ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
                              ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))}
