"""Tests for negotiation_sim.solvers.dominance."""

import itertools

import attrs
import numpy as np
import pytest
from hypothesis import given, settings

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, UnsupportedMethodError
from negotiation_sim.solvers.dominance import Elimination, dominator, eliminate_dominated
from tests.oracle import enummixed, enumpure
from tests.strategies import n_player_games


def gibbons_game():
    """Gibbons (1992), *Game Theory for Applied Economists*, Figure 1.1.4."""
    return ns.NormalFormGame.from_arrays(
        [[1, 1, 0], [0, 0, 2]],
        [[0, 2, 1], [3, 1, 0]],
        players=("Player 1", "Player 2"),
        actions=(("Up", "Down"), ("Left", "Middle", "Right")),
    )


class TestTextbookExamples:
    def test_gibbons_figure_1_1_4(self):
        """Right falls to Middle, then Down to Up, then Left to Middle: (Up, Middle) is left.

        Hand-worked in Gibbons (1992), section 1.1.B.
        """
        reduced, steps = eliminate_dominated(gibbons_game())
        assert reduced.actions == (("Up",), ("Middle",))
        assert [(s.player, s.action, s.dominator, s.round) for s in steps] == [
            ("Player 2", "Right", {"Middle": 1.0}, 1),
            ("Player 1", "Down", {"Up": 1.0}, 2),
            ("Player 2", "Left", {"Middle": 1.0}, 3),
        ]
        assert np.array_equal(reduced.payoffs, [[[1.0, 2.0]]])

    def test_prisoners_dilemma_describe(self):
        """Each player's Wait (cooperate) is strictly dominated by Threaten (defect) in round 1."""
        g = ns.NormalFormGame.from_arrays(
            [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Russia", "NATO"),
            actions=(("Wait", "Threaten"), ("Wait", "Threaten")))
        _, steps = eliminate_dominated(g)
        texts = [s.describe() for s in steps]
        assert texts == [
            "Russia's Wait is strictly dominated by Threaten (round 1).",
            "NATO's Wait is strictly dominated by Threaten (round 1).",
        ]

    def test_only_a_mixed_dominator_works(self):
        """Fudenberg & Tirole (1991), section 2.1: M pays (0, 0), U (2, -1), D (-1, 2);
        neither U nor D dominates M, but 1/2 U + 1/2 D pays (1/2, 1/2) > (0, 0)."""
        g = ns.NormalFormGame.from_arrays(
            [[2, -1], [0, 0], [-1, 2]], [[0, 0], [0, 0], [0, 0]],
            actions=(("U", "M", "D"), ("L", "R")))
        reduced, steps = eliminate_dominated(g)
        assert reduced.actions[0] == ("U", "D")
        assert len(steps) == 1
        assert steps[0].action == "M"
        assert steps[0].dominator == pytest.approx({"U": 0.5, "D": 0.5})
        assert "mixture of U with probability 0.5 and D with probability 0.5" in steps[0].describe()

    def test_nothing_dominated(self):
        """Matching pennies has no dominated action."""
        g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        reduced, steps = eliminate_dominated(g)
        assert reduced == g and steps == []

    def test_three_players(self):
        """A 3-player game where player 3's action B is strictly dominated by A (payoff 1 vs 0 everywhere)."""
        pay = np.zeros((2, 2, 2, 3))
        pay[..., 0, 2] = 1.0
        g = ns.NormalFormGame(pay, actions=(("x", "y"), ("x", "y"), ("A", "B")))
        reduced, steps = eliminate_dominated(g)
        assert reduced.shape == (2, 2, 1)
        assert [(s.player, s.action) for s in steps] == [("Player 3", "B")]


class TestWeakDominance:
    def test_weak_needs_strict_false(self):
        """M ties U against L and loses against R: weakly, not strictly, dominated."""
        g = ns.NormalFormGame.from_arrays([[1, 1], [1, 0]], [[0, 0], [0, 0]],
                                          actions=(("U", "M"), ("L", "R")))
        assert eliminate_dominated(g)[1] == []
        reduced, steps = eliminate_dominated(g, strict=False)
        assert reduced.actions[0] == ("U",)
        assert not steps[0].strict
        assert "weakly dominated by U" in steps[0].describe()

    def test_order_is_players_then_actions(self):
        """Order matters with weak dominance; the documented order is used.

        Row: T = (1, 1), B = (1, 0) against (L, R); Column: L = (1, 0), R = (1, 1) against (T, B)
        (hand-built). Player 1's B goes first (round 1); then against T alone L and R tie, so
        nothing more is removed.
        """
        g = ns.NormalFormGame.from_arrays([[1, 1], [1, 0]], [[1, 1], [0, 1]],
                                          actions=(("T", "B"), ("L", "R")))
        reduced, steps = eliminate_dominated(g, strict=False)
        assert [(s.player, s.action, s.round) for s in steps] == [("Player 1", "B", 1)]
        assert reduced.actions == (("T",), ("L", "R"))


def _brute_force_strictly_dominated_pure(u, a):
    """Whether action a (axis 0 of u) is strictly dominated by another pure action."""
    flat = u.reshape(u.shape[0], -1)
    return any(np.all(flat[b] > flat[a]) for b in range(len(flat)) if b != a)


class TestAgainstOracles:
    def test_never_removes_an_equilibrium_action_two_players(self):
        """Strict elimination keeps every action played in any of Gambit's extreme equilibria."""
        rng = np.random.default_rng(5)
        for _ in range(60):
            m, n = rng.integers(2, 5, size=2)
            payoffs = rng.integers(-3, 4, size=(m, n, 2)).astype(float)
            g = ns.NormalFormGame(payoffs)
            reduced, _ = eliminate_dominated(g)
            for profile in enummixed(payoffs):
                for i in range(2):
                    used = {g.actions[i][k] for k in np.flatnonzero(profile[i] > 0)}
                    assert used <= set(reduced.actions[i])

    @settings(max_examples=60, deadline=None)
    @given(n_player_games(min_players=3, max_players=3))
    def test_never_removes_a_pure_equilibrium_n_players(self, g):
        """Every pure equilibrium (Gambit's enumpure) survives strict elimination."""
        reduced, _ = eliminate_dominated(g)
        for profile in enumpure(g.payoffs):
            for i in range(g.n_players):
                assert g.actions[i][int(np.argmax(profile[i]))] in reduced.actions[i]

    def test_pure_dominators_match_brute_force(self):
        """Round 1 removes at least every action a brute-force pairwise check finds dominated."""
        rng = np.random.default_rng(8)
        for _ in range(100):
            pay = rng.integers(-3, 4, size=(3, 3, 2, 3)).astype(float)
            g = ns.NormalFormGame(pay)
            _, steps = eliminate_dominated(g)
            first = {(s.player, s.action) for s in steps if s.round == 1}
            for i in range(3):
                u = np.moveaxis(pay[..., i], i, 0)
                for a in range(g.shape[i]):
                    if _brute_force_strictly_dominated_pure(u, a):
                        assert (g.players[i], g.actions[i][a]) in first

    def test_mixed_dominators_verified(self):
        """Every reported dominator really beats the action on every remaining profile."""
        rng = np.random.default_rng(9)
        for _ in range(100):
            u = rng.normal(size=(4, 3))
            for a in range(4):
                dom = dominator(u, a)
                if dom is not None:
                    assert dom[a] == 0 and dom.sum() == pytest.approx(1)
                    assert np.all(dom @ u > u[a])
                else:
                    # brute force over a grid of mixtures of the other actions: none dominates
                    others = [b for b in range(4) if b != a]
                    for w in itertools.product(np.linspace(0, 1, 11), repeat=2):
                        if sum(w) <= 1:
                            mix = np.array([*w, 1 - sum(w)]) @ u[others]
                            assert not np.all(mix > u[a] + 1e-9)


class TestRecord:
    def test_frozen(self):
        """Elimination is a frozen record."""
        e = Elimination("R", "W", {"T": 1.0}, True, 1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            e.round = 2

    def test_errors(self):
        """Bad arguments are refused, naming them."""
        with pytest.raises(InvalidParameterError, match="strict"):
            eliminate_dominated(gibbons_game(), strict="yes")
        with pytest.raises(UnsupportedMethodError, match="NormalFormGame"):
            eliminate_dominated([[1, 2]])
