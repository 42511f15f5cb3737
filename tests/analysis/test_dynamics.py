"""Tests for learning dynamics (negotiation_sim.analysis.dynamics)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, InvalidStrategyError, UnknownNameError
from tests.strategies import n_player_games


def lp_value(A: np.ndarray) -> float:
    """Value of the zero-sum game with row payoffs A: max v s.t. x'A >= v, x in the simplex."""
    m, n = A.shape
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-A.T, np.ones((n, 1))])
    A_eq = np.append(np.ones(m), 0.0)[None, :]
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * m + [(None, None)])
    return float(res.x[-1])


def zero_sum(A):
    A = np.asarray(A, dtype=float)
    return ns.NormalFormGame.from_arrays(A, -A)


class TestFictitiousPlay:
    """Fictitious play: Robinson (1951) convergence in zero-sum games."""

    @pytest.mark.parametrize("variant", ["simultaneous", "alternating"])
    @pytest.mark.parametrize("seed", [0, 1, 2])
    def test_zero_sum_value(self, variant, seed):
        """Empirical play's payoff and guarantee approach the LP value."""
        A = np.random.default_rng(seed).integers(-4, 5, size=(3, 4)).astype(float)
        game = zero_sum(A)
        tr = ns.simulate(game, "fictitious_play", rounds=4000, rng=seed, variant=variant)
        v = lp_value(A)
        x, y = tr.final
        assert float(np.min(x @ A)) <= v + 1e-9 <= float(np.max(A @ y)) + 2e-9
        assert float(np.max(A @ y)) - float(np.min(x @ A)) < 0.15
        assert tr.data["payoff Player 1"].iloc[-1] == pytest.approx(v, abs=0.1)

    def test_reproducible(self):
        """The same seed gives the same run; another seed (here) another run."""
        game = zero_sum([[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
        a = ns.simulate(game, rounds=200, rng=5)
        b = ns.simulate(game, rounds=200, rng=5)
        c = ns.simulate(game, rounds=200, rng=6)
        assert a.data.equals(b.data)
        assert not a.data.equals(c.data)


class TestBestResponse:
    """Best-response dynamics stop at pure equilibria."""

    @pytest.mark.parametrize("variant", ["simultaneous", "sequential"])
    def test_reaches_pure_equilibrium(self, variant):
        """In the Prisoner's Dilemma both defect, and the run stops early as converged."""
        pd_game = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        tr = ns.simulate(pd_game, "best_response", rounds=50, rng=1, variant=variant)
        assert tr.converged and tr.n_iter < 50
        assert [s.tolist() for s in tr.final] == [[0.0, 1.0], [0.0, 1.0]]

    def test_sequential_avoids_simultaneous_cycle(self):
        """In a coordination game simultaneous updating from a mismatch cycles; sequential does not."""
        coord = ns.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
        start = ([1.0, 0.0], [0.0, 1.0])
        sim = ns.simulate(coord, "best_response", rounds=20, start=start, rng=0)
        seq = ns.simulate(coord, "best_response", rounds=20, start=start, rng=0, variant="sequential")
        assert not sim.converged and seq.converged


class TestReplicatorAndLogit:
    """Replicator keeps the simplex; logit dynamics rests at the QRE."""

    @settings(max_examples=40, deadline=None)
    @given(n_player_games(min_players=2, max_players=3, max_actions=3),
           st.floats(0.01, 1.0), st.integers(0, 2**16))
    def test_replicator_keeps_the_simplex(self, game, step, seed):
        """Every recorded strategy is a probability vector, at any allowed step."""
        tr = ns.simulate(game, "replicator", rounds=30, rng=seed, step=step)
        probs = tr.data.drop(columns=["round", *[f"payoff {p}" for p in game.players]])
        assert (probs.to_numpy() >= 0).all()
        for i, p in enumerate(game.players):
            cols = [f"{p}:{a}" for a in game.actions[i]]
            np.testing.assert_allclose(tr.data[cols].sum(axis=1), 1.0, atol=1e-12)

    def test_replicator_discrete_and_ode_agree_for_small_steps(self):
        """With a tiny step the Euler scheme follows the ODE solution."""
        game = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        start = ([0.3, 0.7], [0.6, 0.4])
        a = ns.simulate(game, "replicator", rounds=2000, start=start, step=0.001)
        b = ns.simulate(game, "replicator", rounds=2, start=start, step=1.0, variant="ode")
        np.testing.assert_allclose(a.data.iloc[1000, 1:5].to_numpy(float), b.data.iloc[1, 1:5].to_numpy(float), atol=2e-3)

    def test_replicator_ode_reaches_strict_equilibrium(self):
        """From near (Threaten, Resist) the ODE converges to that strict equilibrium."""
        game = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        tr = ns.simulate(game, "replicator", rounds=100, start=([0.9, 0.1], [0.9, 0.1]), step=1.0, variant="ode")
        np.testing.assert_allclose(tr.final[0], [1, 0], atol=1e-6)

    def test_logit_rests_at_the_qre(self):
        """Smoothed best response in a dominance-solvable game converges to ns.qre at the same lam."""
        game = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        tr = ns.simulate(game, "logit", rounds=5000, rng=0, lam=2.0, step=0.5)
        assert tr.converged
        for a, b in zip(tr.final, ns.qre(game, 2.0).strategies, strict=True):
            np.testing.assert_allclose(a, b, atol=1e-8)

    def test_three_players(self):
        """Dynamics run on three-player games and record payoffs per player."""
        game = ns.NormalFormGame(np.random.default_rng(0).normal(size=(2, 3, 2, 3)))
        for name in ["fictitious_play", "best_response", "replicator", "logit"]:
            tr = ns.simulate(game, name, rounds=20, rng=0)
            assert [c for c in tr.data.columns if c.startswith("payoff")] == [
                "payoff Player 1", "payoff Player 2", "payoff Player 3"]
            assert len(tr.final) == 3 and tr.method == name


class TestErrors:
    """Bad arguments are refused by name."""

    GAME = ns.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])

    def test_unknown_dynamics(self):
        with pytest.raises(UnknownNameError, match="dynamics"):
            ns.simulate(self.GAME, "gradient")

    def test_unknown_variant(self):
        with pytest.raises(UnknownNameError, match="variant"):
            ns.simulate(self.GAME, "replicator", variant="sequential")

    @pytest.mark.parametrize("rounds", [0, -3, 2.5, "10", True])
    def test_bad_rounds(self, rounds):
        with pytest.raises(InvalidParameterError, match="rounds"):
            ns.simulate(self.GAME, rounds=rounds)

    @pytest.mark.parametrize("start", [([0.5, 0.6], [1, 0]), ([1, 0],), "A1", ([1, 0, 0], [1, 0])])
    def test_bad_start(self, start):
        with pytest.raises(InvalidStrategyError):
            ns.simulate(self.GAME, "replicator", start=start)

    def test_bad_step_and_lam(self):
        with pytest.raises(InvalidParameterError, match="step"):
            ns.simulate(self.GAME, "replicator", step=1.5)
        with pytest.raises(InvalidParameterError, match="lam"):
            ns.simulate(self.GAME, "logit", lam=-1)

    def test_bad_rng(self):
        with pytest.raises(InvalidParameterError, match="rng"):
            ns.simulate(self.GAME, rng="seed")
