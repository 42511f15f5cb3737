"""Correlated equilibria: Aumann's Chicken by hand, a second LP formulation, and brute-force checks."""

from __future__ import annotations

import itertools
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.optimize import linprog

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, InvalidParameterTypeError
from negotiation_sim.solvers.correlated import ce_payoff_region

CHICKEN = ns.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]],
                                        players=("Row", "Column"), actions=(("Yield", "Dare"), ("Yield", "Dare")))


def _violations(game, p, coarse=False):
    """Every incentive constraint's gain from disobeying, by explicit loops over profiles."""
    out = []
    shape = game.shape
    for i, k in enumerate(shape):
        for d in range(k):
            recs = [None] if coarse else range(k)
            for r in recs:
                gain = 0.0
                for prof in itertools.product(*map(range, shape)):
                    if r is not None and prof[i] != r:
                        continue
                    dev = prof[:i] + (d,) + prof[i + 1:]
                    gain += p[prof] * (game.payoffs[dev][i] - game.payoffs[prof][i])
                out.append(gain)
    return np.array(out)


def _second_lp(game, weights, coarse=False):
    """The best value of sum_i w_i u_i over (coarse) correlated equilibria, from constraints built here
    profile by profile and solved by HiGHS's interior-point method (the library uses its simplex)."""
    shape = game.shape
    profiles = list(itertools.product(*map(range, shape)))
    index = {prof: k for k, prof in enumerate(profiles)}
    rows = []
    for i, k in enumerate(shape):
        for d in range(k):
            for r in ([None] if coarse else range(k)):
                row = np.zeros(len(profiles))
                for prof in profiles:
                    if r is not None and prof[i] != r:
                        continue
                    dev = prof[:i] + (d,) + prof[i + 1:]
                    row[index[prof]] = game.payoffs[dev][i] - game.payoffs[prof][i]
                rows.append(row)
    c = -np.array([sum(w * game.payoffs[prof][j] for j, w in enumerate(weights)) for prof in profiles])
    res = linprog(c, A_ub=np.array(rows), b_ub=np.zeros(len(rows)), A_eq=np.ones((1, len(profiles))), b_eq=[1],
                  bounds=(0, None), method="highs-ipm")
    assert res.status == 0
    return -res.fun


class TestAumannChicken:
    def test_welfare_maximum(self):
        """Welfare-best CE of Aumann's Chicken: with p = P(Yield, Yield), q = P(Yield, Dare) = P(Dare, Yield),
        obedience after Yield needs 2q >= p, so welfare 12p + 18q with p + 2q = 1 peaks at q = 1/4:
        (1/2, 1/4, 1/4, 0), 21/4 each (not 16/3)."""
        ce = ns.correlated_equilibrium(CHICKEN)
        assert np.allclose(ce.distribution, [[0.5, 0.25], [0.25, 0.0]])
        assert np.allclose(ce.payoffs, [21 / 4, 21 / 4])
        assert ("Row", "Yield", "Dare") in ce.binding and ("Column", "Yield", "Dare") in ce.binding

    def test_aumann_one_third_distribution(self):
        """Aumann's (1/3, 1/3, 1/3) on all but (Dare, Dare) is a CE with payoff 5 each (checked by loops)."""
        p = np.array([[1 / 3, 1 / 3], [1 / 3, 0.0]])
        assert _violations(CHICKEN, p).max() <= 1e-12
        assert np.allclose([(p * CHICKEN.payoffs[..., i]).sum() for i in range(2)], [5, 5])

    def test_one_players_best(self):
        """The best CE for Row is its favourite Nash equilibrium (Dare, Yield): 7."""
        assert ns.correlated_equilibrium(CHICKEN, objective="Row").payoffs[0] == pytest.approx(7)
        assert ns.correlated_equilibrium(CHICKEN, objective=1).payoffs[1] == pytest.approx(7)

    def test_region(self):
        """The CE payoff region is the quadrilateral (2, 7), (3.6, 3.6), (7, 2), (21/4, 21/4); the lowest
        point solves min 12p + 18q + 0r with p = 0, 2r <= q: q = 2/5, r = 1/5, 3.6 each."""
        poly = ce_payoff_region(CHICKEN)
        assert sorted(map(tuple, poly.round(9).tolist())) == [(2, 7), (3.6, 3.6), (5.25, 5.25), (7, 2)]


class TestAgainstSecondFormulation:
    @pytest.mark.parametrize("coarse", [False, True])
    def test_random_games(self, coarse):
        """On seeded 2- and 3-player games, optimal values equal those of the LP built in the test, and
        the returned distributions satisfy every constraint (by loops)."""
        rng = np.random.default_rng(4 + coarse)
        for shape in [(2, 2), (3, 3), (2, 4), (2, 2, 2), (3, 2, 2)]:
            for _ in range(3):
                game = ns.NormalFormGame(rng.integers(-5, 6, (*shape, len(shape))).astype(float))
                for weights in (np.ones(len(shape)), np.eye(len(shape))[0], rng.normal(size=len(shape))):
                    ce = ns.correlated_equilibrium(game, objective=weights, coarse=coarse)
                    assert ce.payoffs @ weights == pytest.approx(_second_lp(game, weights, coarse), abs=1e-7)
                    assert _violations(game, ce.distribution, coarse).max() <= 1e-9
                    assert ce.distribution.shape == game.shape
                    assert ce.distribution.sum() == pytest.approx(1)

    def test_nash_inside_and_coarse_larger(self):
        """Every Nash equilibrium's product distribution is a CE, and welfare: CCE >= CE >= every Nash."""
        rng = np.random.default_rng(8)
        for _ in range(15):
            game = ns.NormalFormGame.from_arrays(rng.integers(0, 6, (3, 3)), rng.integers(0, 6, (3, 3)))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nash = ns.solve(game)
            ce, cce = ns.correlated_equilibrium(game), ns.correlated_equilibrium(game, coarse=True)
            for e in nash:
                assert _violations(game, np.outer(*e.strategies)).max() <= 1e-9
                assert ce.payoffs.sum() >= e.payoffs.sum() - 1e-9
            assert cce.payoffs.sum() >= ce.payoffs.sum() - 1e-9


class TestPlot:
    def test_payoff_region_plot(self):
        """The plot fills the region, marks every Nash payoff inside it and names the players."""
        fig, ax = plt.subplots()
        assert ns.plotting.payoff_region(CHICKEN, ax=ax) is ax
        assert ax.get_xlabel() == "Row's payoff" and ax.get_ylabel() == "Column's payoff"
        assert "correlated" in ax.get_title()
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels == ["correlated equilibrium payoffs", "Nash equilibrium payoffs"]
        poly = ce_payoff_region(CHICKEN)
        nash = ax.collections[-1].get_offsets()
        for point in np.asarray(nash):  # inside a counter-clockwise convex polygon: left of every edge
            for a, b in zip(poly, np.roll(poly, -1, axis=0)):
                assert (b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0]) >= -1e-9


class TestValidation:
    def test_bad_objective(self):
        """An unknown objective or weights of the wrong length are refused by name."""
        with pytest.raises(ns.errors.UnknownNameError):
            ns.correlated_equilibrium(CHICKEN, objective="Nobody")
        with pytest.raises(InvalidParameterError, match="objective"):
            ns.correlated_equilibrium(CHICKEN, objective=[1, 2, 3])

    def test_bad_coarse(self):
        """coarse must be a bool (TypeError too)."""
        with pytest.raises(InvalidParameterTypeError, match="coarse"):
            ns.correlated_equilibrium(CHICKEN, coarse="yes")
