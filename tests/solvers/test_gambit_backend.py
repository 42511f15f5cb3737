"""Tests for negotiation_sim.solvers.gambit_backend."""

import sys

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import MissingDependencyError, UnsupportedMethodError
from negotiation_sim.solvers.gambit_backend import gambit_solve
from tests.oracle import enummixed, enumpure, same_profile_sets


def _profiles(eqs):
    return [e.strategies for e in eqs]


class TestGambitSolve:
    def test_two_players_complete_and_exact(self):
        """Battle of the sexes: both pure equilibria and the mixed one (2/3, 1/3), (1/3, 2/3)."""
        g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        eqs = ns.solve(g, method="gambit")
        assert eqs.complete and eqs.method == "gambit" and len(eqs) == 3
        mixed = eqs.mixed()[0]
        assert np.allclose(mixed.strategies[0], [2 / 3, 1 / 3])
        assert np.allclose(mixed.strategies[1], [1 / 3, 2 / 3])

    def test_random_two_player_agree_with_oracle(self):
        """Same set as the oracle's exact enumeration on random games."""
        rng = np.random.default_rng(2)
        for _ in range(20):
            payoffs = rng.normal(size=(3, 3, 2))
            missed, spurious = same_profile_sets(_profiles(gambit_solve(ns.NormalFormGame(payoffs))),
                                                 enummixed(payoffs))
            assert not missed and not spurious

    def test_n_players_auto_includes_every_pure(self):
        """3 players: every pure equilibrium is found, plus verified mixed ones; not complete."""
        rng = np.random.default_rng(4)
        for _ in range(10):
            payoffs = rng.integers(-3, 4, size=(2, 2, 3, 3)).astype(float)
            g = ns.NormalFormGame(payoffs)
            eqs = gambit_solve(g)
            assert not eqs.complete
            missed, _ = same_profile_sets(_profiles(eqs), enumpure(payoffs))
            assert not missed
            assert all(e.regret <= e.tol for e in eqs)

    def test_enumpure_and_logit(self):
        """enumpure is complete for pure equilibria; logit gives one verified equilibrium."""
        g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        assert len(gambit_solve(g, algorithm="enumpure")) == 0
        eqs = gambit_solve(g, algorithm="logit")
        assert len(eqs) == 1 and np.allclose(eqs[0].strategies[0], [0.5, 0.5], atol=1e-6)

    def test_errors(self, monkeypatch):
        """Unknown algorithms, enummixed on 3 players, and missing pygambit give clear errors."""
        g2 = ns.NormalFormGame(np.zeros((2, 2, 2)))
        with pytest.raises(UnsupportedMethodError, match="algorithm"):
            gambit_solve(g2, algorithm="simplex")
        with pytest.raises(UnsupportedMethodError, match="2-player"):
            gambit_solve(ns.NormalFormGame(np.zeros((2, 2, 2, 3))), algorithm="enummixed")
        monkeypatch.setitem(sys.modules, "pygambit", None)
        with pytest.raises(MissingDependencyError, match=r"\[gambit\]"):
            gambit_solve(g2)
