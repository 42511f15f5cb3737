"""Tests for negotiation_sim.solvers.lemke_howson."""

import importlib

import numpy as np
import pytest
from hypothesis import given, settings

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, UnsupportedMethodError
from negotiation_sim.solvers import lemke_howson as lh_module
from negotiation_sim.solvers.lemke_howson import lemke_howson
from tests.oracle import enummixed, same_profile_sets
from tests.strategies import bimatrix_games


class TestLemkeHowson:
    def test_matching_pennies(self):
        """The unique equilibrium of matching pennies is (1/2, 1/2) for both."""
        g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        eqs = lemke_howson(g)
        assert len(eqs) == 1 and not eqs.complete
        assert np.allclose(eqs[0].strategies[0], [0.5, 0.5])

    def test_dispatch_through_solve(self):
        """solve(method='lemke_howson') routes here."""
        g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        assert ns.solve(g, method="lemke_howson").method == "lemke_howson"

    def test_each_label_gives_an_equilibrium_of_gambit(self):
        """Every initial label of random nondegenerate games ends at one of Gambit's extreme equilibria."""
        rng = np.random.default_rng(11)
        for _ in range(30):
            m, n = rng.integers(2, 6, size=2)
            payoffs = rng.normal(size=(m, n, 2))
            g = ns.NormalFormGame(payoffs)
            oracle = enummixed(payoffs)
            for label in range(m + n):
                eqs = lemke_howson(g, initial_dropped_label=label)
                _, spurious = same_profile_sets([eqs[0].strategies], oracle)
                assert not spurious
                assert not eqs.notes  # no fallback on nondegenerate games

    @settings(max_examples=80, deadline=None)
    @given(bimatrix_games())
    def test_always_verified(self, g):
        """Degenerate and one-action games included, the result is a verified equilibrium."""
        eqs = lemke_howson(g)
        assert len(eqs) == 1
        assert ns.regret(g, eqs[0].strategies) <= 1e-9 * g.payoff_scale

    def test_fallback_to_vertex_enumeration_is_announced(self, monkeypatch):
        """When no label gives a verified profile, vertex enumeration's answer is returned with a note."""
        g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        monkeypatch.setattr(lh_module, "_try_label", lambda *a: None)
        pure = ns.pure_equilibria(g)
        solve_module = importlib.import_module("negotiation_sim.solvers._solve")
        monkeypatch.setattr(solve_module, "solve", lambda game, method, tol=None: pure)
        eqs = lemke_howson(g)
        assert eqs[0] is pure[0]
        assert "vertex enumeration" in eqs.notes[0]

    def test_errors(self):
        """Three players and bad labels are refused with the argument named."""
        g3 = ns.NormalFormGame(np.zeros((2, 2, 2, 3)))
        with pytest.raises(UnsupportedMethodError, match="2-player"):
            lemke_howson(g3)
        g = ns.NormalFormGame(np.zeros((2, 3, 2)))
        with pytest.raises(InvalidParameterError, match="initial_dropped_label"):
            lemke_howson(g, initial_dropped_label=5)
        with pytest.raises(InvalidParameterError, match="initial_dropped_label"):
            lemke_howson(g, initial_dropped_label="A1")
