"""Tests for negotiation_sim.solvers.pure_nash, ns.regret and ns.best_responses."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.solvers.pure_nash import pure_equilibria
from tests.oracle import enumpure, same_profile_sets
from tests.strategies import n_player_games


def _brute_force_pure(payoffs):
    """Pure equilibria by checking every unilateral pure deviation of every profile."""
    shape = payoffs.shape[:-1]
    out = []
    for idx in itertools.product(*(range(k) for k in shape)):
        stable = True
        for i, k in enumerate(shape):
            for dev in range(k):
                other = list(idx)
                other[i] = dev
                if payoffs[tuple(other)][i] > payoffs[idx][i]:
                    stable = False
        if stable:
            out.append(idx)
    return out


def _brute_force_regret(g, profile):
    """The largest gain of a pure deviation, by explicit expectation over pure profiles."""
    vecs = g.as_profile(profile)
    best = 0.0
    for i in range(g.n_players):
        current = g.expected_payoffs(vecs)[i]
        for a in range(g.shape[i]):
            dev = list(vecs)
            dev[i] = a
            best = max(best, g.expected_payoffs(dev)[i] - current)
    return best


class TestAgainstGambit:
    @pytest.mark.parametrize("n_players", [3, 4])
    def test_200_random_games(self, n_players):
        """Same pure equilibria as Gambit's enumpure on 100 seeded games each of 3 and 4 players
        (payoffs in -2..2, so ties and several equilibria are common)."""
        rng = np.random.default_rng(100 + n_players)
        total = 0
        for _ in range(100):
            shape = tuple(rng.integers(1, 4, size=n_players))
            payoffs = rng.integers(-2, 3, size=(*shape, n_players)).astype(float)
            ours = [e.strategies for e in pure_equilibria(ns.NormalFormGame(payoffs))]
            missed, spurious = same_profile_sets(ours, enumpure(payoffs))
            assert not missed and not spurious
            total += len(ours)
        assert total > 100  # the test exercises many equilibria, not only empty sets

    @settings(max_examples=80, deadline=None)
    @given(n_player_games())
    def test_property_brute_force(self, g):
        """On random N-player games the pure equilibria are exactly the brute-force ones,
        each with regret 0 and complete=True."""
        eqs = pure_equilibria(g)
        assert eqs.complete
        found = [tuple(int(np.argmax(s)) for s in e.strategies) for e in eqs]
        assert found == _brute_force_pure(g.payoffs)
        assert all(e.regret == 0 and e.is_pure for e in eqs)

    def test_tolerance_scales_with_payoffs(self):
        """Multiplying payoffs by 1e6 does not change the answer."""
        rng = np.random.default_rng(7)
        payoffs = rng.integers(-2, 3, size=(2, 3, 2, 3)).astype(float)
        a = pure_equilibria(ns.NormalFormGame(payoffs))
        b = pure_equilibria(ns.NormalFormGame(payoffs * 1e6))
        assert [e.strategies[0].tolist() for e in a] == [e.strategies[0].tolist() for e in b]


class TestRegret:
    def test_brute_force_mixed(self):
        """ns.regret equals the best pure-deviation gain computed by explicit expectation."""
        rng = np.random.default_rng(3)
        for _ in range(40):
            shape = tuple(rng.integers(1, 4, size=rng.integers(2, 4)))
            g = ns.NormalFormGame(rng.normal(size=(*shape, len(shape))))
            profile = [rng.dirichlet(np.ones(k)) for k in shape]
            assert ns.regret(g, profile) == pytest.approx(_brute_force_regret(g, profile), abs=1e-12)

    def test_prisoners_dilemma(self):
        """Mutual cooperation in the prisoner's dilemma (3, 3) has regret 5 - 3 = 2; defection 0."""
        g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        assert ns.regret(g, [0, 0]) == 2.0
        assert ns.regret(g, [1, 1]) == 0.0

    def test_non_negative(self):
        """Regret is never negative, even at an equilibrium."""
        g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        assert ns.regret(g, [[0.5, 0.5], [0.5, 0.5]]) == 0.0


class TestBestResponses:
    def test_brute_force(self):
        """best_responses lists exactly the actions whose value is maximal (ties included)."""
        rng = np.random.default_rng(4)
        for _ in range(40):
            shape = tuple(rng.integers(1, 4, size=3))
            g = ns.NormalFormGame(rng.integers(-2, 3, size=(*shape, 3)).astype(float))
            profile = [int(rng.integers(k)) for k in shape]
            for i in range(3):
                values = []
                for a in range(shape[i]):
                    dev = list(profile)
                    dev[i] = a
                    values.append(g.payoffs[tuple(dev)][i])
                expected = tuple(g.actions[i][a] for a in range(shape[i]) if values[a] == max(values))
                assert ns.best_responses(g, profile, i) == expected

    def test_by_name(self):
        """In Chicken, the best response to Straight is Swerve (by names)."""
        g = ns.NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]], players=("Russia", "NATO"),
                                          actions=(("Swerve", "Straight"), ("Swerve", "Straight")))
        assert ns.best_responses(g, ["Swerve", "Straight"], "Russia") == ("Swerve",)
        assert ns.best_responses(g, [[0.9, 0.1], [0.9, 0.1]], "NATO") == ("Swerve", "Straight")


@settings(max_examples=60, deadline=None)
@given(game=n_player_games(), scales=st.lists(st.sampled_from([1e-3, 0.5, 1.0, 7.0, 1e4]), min_size=1, max_size=4))
def test_batch_pure_profiles_equal_pure_equilibria_game_by_game(game, scales):
    """A stack of games (one game at several payoff scales) gives, game by game, pure_equilibria's list."""
    from negotiation_sim.solvers.pure_nash import batch_pure_profiles

    stack = np.stack([game.payoffs * s for s in scales])
    game_of, actions, values, regret = batch_pure_profiles(stack)
    for k in range(len(scales)):
        eqs = pure_equilibria(ns.NormalFormGame(stack[k]))
        mine = game_of == k
        assert [tuple(a) for a in actions[mine].tolist()] == [
            tuple(int(np.argmax(s)) for s in e.strategies) for e in eqs]
        np.testing.assert_array_equal(values[mine], np.array([e.payoffs for e in eqs]).reshape(-1, game.n_players))
        np.testing.assert_array_equal(regret[mine], [e.regret for e in eqs])
        assert sorted(map(tuple, actions[mine].tolist())) == sorted(_brute_force_pure(stack[k]))
