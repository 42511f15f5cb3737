"""Refinements of 2-player equilibria: perfection (undominated, by LP), payoff and risk dominance."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.optimize import linprog

import negotiation_sim as ns
from negotiation_sim.errors import UnsupportedMethodError


def _solve(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ns.solve(game)


def _best_response_to_completely_mixed(U: np.ndarray, x: np.ndarray) -> bool:
    """van Damme (1991, Lemma 3.2.1), the dual view: x is undominated iff it is a best response to
    some completely mixed y. LP: maximise t subject to y_j >= t, sum y = 1, (U_i - x U) y <= 0."""
    m, n = U.shape
    rows = U - x @ U  # (m, n)
    scale = max(1.0, float(np.ptp(U)))
    A_ub = np.vstack([np.hstack([rows / scale, np.zeros((m, 1))]),
                      np.hstack([-np.eye(n), np.ones((n, 1))])])
    b_ub = np.concatenate([np.full(m, 1e-9), np.zeros(n)])
    A_eq = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
    res = linprog(np.r_[np.zeros(n), -1.0], A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * n + [(None, 1)], method="highs")
    return res.status == 0 and -res.fun > 1e-7


class TestPerfect:
    def test_entry_game(self):
        """Selten's entry game: only (Enter, Accommodate) is perfect; Fight is weakly dominated."""
        g = ns.NormalFormGame.from_arrays([[-1, 1], [0, 0]], [[-1, 1], [2, 2]],
                                          players=("Entrant", "Incumbent"),
                                          actions=(("Enter", "Stay out"), ("Fight", "Accommodate")))
        eqs = _solve(g).refine()
        assert [e.is_perfect for e in eqs] == [True, False, False]
        assert "weakly dominated by Accommodate" in eqs[1].describe()

    def test_against_the_dual_formulation(self):
        """On 60 seeded small integer games, LP perfection equals 'best response to a completely mixed
        strategy' for both players, computed by a second LP written here."""
        rng = np.random.default_rng(11)
        seen = {True: 0, False: 0}
        for _ in range(60):
            m, n = (int(v) for v in rng.integers(2, 4, 2))
            g = ns.NormalFormGame.from_arrays(rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n)))
            for e in _solve(g).refine():
                expected = (_best_response_to_completely_mixed(g.payoffs[..., 0], e.strategies[0])
                            and _best_response_to_completely_mixed(g.payoffs[..., 1].T, e.strategies[1]))
                assert e.is_perfect == expected, (g.payoffs, e)
                seen[expected] += 1
        assert seen[True] > 20 and seen[False] > 10

    def test_nondegenerate_games_all_perfect(self):
        """In a generic (random float) game every equilibrium is perfect (van Damme 1991, Theorem 2.6.2)."""
        rng = np.random.default_rng(3)
        for _ in range(20):
            g = ns.NormalFormGame.from_arrays(rng.random((3, 3)), rng.random((3, 3)))
            assert all(e.is_perfect for e in _solve(g).refine())

    def test_not_computed_is_none(self):
        """Before refine(), the labels are None."""
        e = _solve(ns.NormalFormGame.from_arrays([[1]], [[1]]))[0]
        assert (e.is_perfect, e.payoff_dominant, e.risk_dominant) == (None, None, None)


class TestDominance:
    def test_payoff_dominance_brute_force(self):
        """payoff_dominant is True exactly when the equilibrium beats every other for both players."""
        rng = np.random.default_rng(5)
        for _ in range(30):
            g = ns.NormalFormGame.from_arrays(rng.integers(0, 5, (2, 3)), rng.integers(0, 5, (2, 3)))
            eqs = _solve(g).refine()
            for e in eqs:
                expected = len(eqs) > 1 and all(
                    e.payoffs[0] > o.payoffs[0] + 1e-9 and e.payoffs[1] > o.payoffs[1] + 1e-9
                    for o in eqs if o is not e)
                assert e.payoff_dominant == expected

    def test_stag_hunt(self):
        """Stag hunt (Harsanyi and Selten 1988): (Stag, Stag) payoff dominant, (Hare, Hare) risk dominant."""
        g = ns.NormalFormGame.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]],
                                          actions=(("Stag", "Hare"), ("Stag", "Hare")))
        stag, hare, mixed = _solve(g).refine()
        assert (stag.payoff_dominant, stag.risk_dominant) == (True, False)
        assert (hare.payoff_dominant, hare.risk_dominant) == (False, True)
        assert mixed.risk_dominant is None and "risk dominant" in hare.describe()

    def test_risk_dominance_matches_the_mixed_equilibrium(self):
        """In a 2 x 2 coordination game, (a1, b1) is risk dominant iff p* + q* < 1, where p* and q* are
        the probabilities of a1 and b1 in the mixed equilibrium (an independent characterisation)."""
        rng = np.random.default_rng(9)
        tested = 0
        for _ in range(60):
            A, B = rng.integers(0, 9, (2, 2)), rng.integers(0, 9, (2, 2))
            A[0, 0], A[1, 1] = A[1, 0] + rng.integers(1, 9), A[0, 1] + rng.integers(1, 9)
            B[0, 0], B[1, 1] = B[0, 1] + rng.integers(1, 9), B[1, 0] + rng.integers(1, 9)
            eqs = _solve(ns.NormalFormGame.from_arrays(A, B)).refine()
            mixed = [e for e in eqs if not e.is_pure][0]
            p, q = mixed.strategies[0][0], mixed.strategies[1][0]
            if np.isclose(p + q, 1):
                assert all(e.risk_dominant in (False, None) for e in eqs)
                continue
            first = [e for e in eqs if e.is_pure and e.strategies[0][0] == 1][0]
            assert first.risk_dominant == bool(p + q < 1)
            tested += 1
        assert tested > 40

    def test_two_players_only(self):
        """refine() needs a 2-player normal-form game."""
        eqs = ns.solve(ns.NormalFormGame(np.zeros((2, 2, 2, 3))), method="pure")
        with pytest.raises(UnsupportedMethodError, match="2-player"):
            eqs.refine()
