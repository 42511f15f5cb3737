"""Tests for solve(game) on games of three or more players (negotiation_sim.solvers.n_player)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import negotiation_sim as ns
from negotiation_sim.solvers.n_player import n_player_auto
from tests.oracle import enumpure
from tests.solvers.test_qre import brute_regret
from tests.strategies import n_player_games


def three_player_pennies() -> ns.NormalFormGame:
    """Jordan's (1993) three-player matching pennies: 1 matches 2, 2 matches 3, 3 mismatches 1."""
    pay = np.zeros((2, 2, 2, 3))
    for a in np.ndindex(2, 2, 2):
        pay[a] = [1 if a[0] == a[1] else -1, 1 if a[1] == a[2] else -1, 1 if a[2] != a[0] else -1]
    return ns.NormalFormGame(pay)


class TestNPlayerAuto:
    """Pure equilibria, plus a traced mixed one when no pure one exists."""

    def test_no_pure_equilibrium_gives_the_unique_mixed_one(self):
        """Jordan's game has the unique equilibrium (1/2, 1/2, 1/2); solve() finds it."""
        eqs = ns.solve(three_player_pennies())
        assert len(eqs) == 1 and not eqs.complete
        for s in eqs[0].strategies:
            np.testing.assert_allclose(s, [0.5, 0.5], atol=1e-12)
        assert any("mixed equilibria may be missing" in n for n in eqs.notes)

    @settings(max_examples=60, deadline=None)
    @given(n_player_games(min_players=3, max_players=4, max_actions=3))
    def test_pure_equilibria_match_gambit(self, game):
        """Every pure equilibrium Gambit's enumpure finds is listed; everything listed verifies."""
        eqs = n_player_auto(game)
        ours = [e.strategies for e in eqs if e.is_pure]
        theirs = enumpure(game.payoffs)
        assert len(ours) == len(theirs)
        for t in theirs:
            assert any(all(np.allclose(a, b) for a, b in zip(o, t, strict=True)) for o in ours)
        for e in eqs:
            assert brute_regret(game.payoffs, e.strategies) <= 1e-9 * game.payoff_scale
        if not theirs:
            assert len(eqs) <= 1 and not eqs.complete

    def test_random_games_without_pure_equilibria(self):
        """Seeded 3-player games with no pure equilibrium get one verified mixed equilibrium."""
        rng = np.random.default_rng(3)
        seen = 0
        while seen < 10:
            game = ns.NormalFormGame(rng.normal(size=(2, 2, 2, 3)))
            if len(ns.pure_equilibria(game)):
                continue
            seen += 1
            eqs = ns.solve(game)
            assert len(eqs) == 1 and not eqs[0].is_pure and not eqs.complete
            assert brute_regret(game.payoffs, eqs[0].strategies) < 1e-9

    def test_complete_only_for_a_decision_with_one_optimum(self):
        """With one chooser and a unique optimum, the list is complete; with ties it is not."""
        pay = np.zeros((3, 1, 1, 3))
        pay[:, 0, 0, 0] = [1.0, 3.0, 2.0]
        eqs = n_player_auto(ns.NormalFormGame(pay))
        assert eqs.complete and len(eqs) == 1
        pay[:, 0, 0, 0] = [3.0, 3.0, 2.0]
        eqs = n_player_auto(ns.NormalFormGame(pay))
        assert not eqs.complete and len(eqs) == 2

    def test_no_duplicates(self):
        """A game with many tied pure equilibria lists each once."""
        eqs = n_player_auto(ns.NormalFormGame(np.zeros((2, 2, 2, 3))))
        assert len(eqs) == 8
        for i, a in enumerate(eqs):
            assert not any(a.close_to(b) for b in eqs[i + 1:])

    def test_rejects_non_games(self):
        """A non-game is refused, naming the argument."""
        with pytest.raises(ns.errors.UnsupportedMethodError, match="game"):
            n_player_auto("not a game")
