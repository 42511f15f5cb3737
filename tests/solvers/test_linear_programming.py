"""Tests for negotiation_sim.solvers.linear_programming."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import negotiation_sim as ns
from negotiation_sim.errors import UnsupportedMethodError
from negotiation_sim.solvers.linear_programming import linear_programming


def zero_sum(a, **kw):
    a = np.asarray(a, dtype=float)
    return ns.NormalFormGame.from_arrays(a, -a, **kw)


class TestKnownGames:
    def test_matching_pennies(self):
        """Matching pennies has value 0 and uniform optimal strategies."""
        sol = linear_programming(zero_sum([[1, -1], [-1, 1]]))
        assert sol.value == pytest.approx(0, abs=1e-12)
        assert np.allclose(sol[0].strategies[0], [0.5, 0.5])
        assert np.allclose(sol[0].strategies[1], [0.5, 0.5])

    def test_rock_paper_scissors(self):
        """Rock-paper-scissors: value 0, each player mixes uniformly (its unique optimum)."""
        sol = ns.solve(zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]), method="lp")
        assert sol.value == pytest.approx(0, abs=1e-12)
        for s in sol[0].strategies:
            assert np.allclose(s, [1 / 3] * 3)

    def test_ferguson_graphical_example(self):
        """Ferguson, *Game Theory* (online text), Part II, graphical solution of 2 x n games:
        A = [[2, 3, 1, 5], [4, 1, 6, 0]] has value 17/7, row plays (5/7, 2/7), column (0, 5/7, 2/7, 0).

        Worked by hand: the lower envelope of columns 2 (1 + 2p) and 3 (6 - 5p) peaks at p = 5/7.
        """
        sol = linear_programming(zero_sum([[2, 3, 1, 5], [4, 1, 6, 0]]))
        assert sol.value == pytest.approx(17 / 7, abs=1e-12)
        assert np.allclose(sol[0].strategies[0], [5 / 7, 2 / 7])
        assert np.allclose(sol[0].strategies[1], [0, 5 / 7, 2 / 7, 0])

    def test_textbook_2x3(self):
        """The 2 x 3 game left from Ferguson's example by dropping its first (unused) column:
        same value 17/7 and the same optimal strategies."""
        sol = linear_programming(zero_sum([[3, 1, 5], [1, 6, 0]]))
        assert sol.value == pytest.approx(17 / 7, abs=1e-12)
        assert np.allclose(sol[0].strategies[0], [5 / 7, 2 / 7])
        assert np.allclose(sol[0].strategies[1], [5 / 7, 2 / 7, 0])

    def test_constant_sum_and_notes(self):
        """A constant-sum game is solved; each player's guarantee is in the notes."""
        a = np.array([[3.0, 1.0], [0.0, 2.0]])
        g = ns.NormalFormGame.from_arrays(a, 10 - a, players=("Russia", "NATO"))
        sol = linear_programming(g)
        # By hand: row mixes (1/2, 1/2), value 3p = 1 + ... -> 3p + 0(1-p) = p + 2(1-p) -> p = 1/2, v = 3/2.
        assert sol.value == pytest.approx(1.5)
        assert sol.constant == pytest.approx(10)
        assert "Russia can guarantee 1.5" in sol.notes[0] and "NATO can guarantee 8.5" in sol.notes[0]


class TestMinimaxTheorem:
    @settings(max_examples=60, deadline=None)
    @given(hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 6)),
                      elements=st.floats(-100, 100, allow_nan=False, width=32)))
    @example(np.array([[1e-11], [0.0]]))  # payoffs far below HiGHS' absolute tolerances
    @example(np.array([[1e10 + 1.0, 1e10], [1e10, 1e10 + 1.0]]))  # far above them
    @example(np.array([[92.0, -13.0, 1.1920929e-07], [0.0, 1.1920929e-07, 1.1920929e-07]]))  # mixed scales
    @example(np.array([[1.1920929e-07, -2.0, 1.1920929e-07], [1.1920929e-07, 1.1920929e-07, 0.0]]))
    def test_value_is_maxmin_and_minmax(self, a):
        """x guarantees at least the value against every column, y concedes at most it
        against every row (max-min = min-max), and the profile is an equilibrium."""
        sol = linear_programming(zero_sum(a))
        x, y = sol[0].strategies
        scale = max(float(np.ptp(a)), 1e-300)  # tolerances are relative to the payoff spread
        assert (x @ a).min() == pytest.approx(sol.value, abs=1e-9 * scale)
        assert (a @ y).max() == pytest.approx(sol.value, abs=1e-9 * scale)
        assert sol[0].regret <= 1e-9 * scale

    def test_value_against_pure_saddle_point_brute_force(self):
        """Games with a saddle point: the value is max over rows of the row minimum = min over columns of the column maximum."""
        rng = np.random.default_rng(3)
        hits = 0
        for _ in range(200):
            a = rng.integers(-5, 6, size=(3, 4)).astype(float)
            lower, upper = a.min(axis=1).max(), a.max(axis=0).min()
            if lower == upper:
                hits += 1
                assert linear_programming(zero_sum(a)).value == pytest.approx(lower, abs=1e-9)
        assert hits > 10


class TestErrors:
    def test_non_zero_sum_names_the_game(self):
        """A non-zero-sum game is refused, naming the game."""
        g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="Prisoner's dilemma")
        with pytest.raises(UnsupportedMethodError, match="Prisoner's dilemma.*zero-sum|zero-sum.*Prisoner's dilemma"):
            linear_programming(g)

    def test_three_players(self):
        """Three players are refused."""
        with pytest.raises(UnsupportedMethodError, match="2-player"):
            linear_programming(ns.NormalFormGame(np.zeros((2, 2, 2, 3))))
