"""Pure equilibria are built in bulk (one regret tensor); they equal the reference builder's."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from negotiation_sim.solvers._regret import verified_equilibrium
from negotiation_sim.solvers.pure_nash import pure_equilibria
from tests.oracle import enumpure, same_profile_sets
from tests.strategies import n_player_games


class TestBulkPureEquilibria:
    @settings(max_examples=60, deadline=None)
    @given(n_player_games(max_players=4, max_actions=3))
    def test_same_as_verified_equilibrium(self, game):
        """Strategies, payoffs, regret and tolerance equal verified_equilibrium's, exactly."""
        for eq in pure_equilibria(game):
            ref = verified_equilibrium(game, eq.strategies, method="pure")
            for ours, theirs in zip(eq.strategies, ref.strategies, strict=True):
                assert np.array_equal(ours, theirs) and not ours.flags.writeable
            assert np.array_equal(eq.payoffs, ref.payoffs) and not eq.payoffs.flags.writeable
            assert (eq.regret, eq.tol, eq.method, eq.players, eq.actions) == (
                ref.regret, ref.tol, ref.method, ref.players, ref.actions)

    @settings(max_examples=40, deadline=None)
    @given(n_player_games(max_players=4, max_actions=3))
    def test_same_as_gambit_enumpure(self, game):
        """Exactly Gambit's pure equilibria (integer payoffs: ties everywhere)."""
        ours = [e.strategies for e in pure_equilibria(game)]
        assert same_profile_sets(ours, enumpure(game.payoffs), atol=1e-12) == ([], [])
