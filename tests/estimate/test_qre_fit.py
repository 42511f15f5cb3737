"""qre_fit against pygambit's logit_estimate, and its likelihood profile."""

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import ConvergenceWarning, EstimationError, InvalidStrategyError

gbt = pytest.importorskip("pygambit")


def gambit_estimate(payoffs, counts):
    """pygambit 17's logit_estimate on a profile holding the counts (as its docs ask)."""
    game = gbt.StrategicGame.from_arrays(*[payoffs[..., i] for i in range(payoffs.shape[-1])])
    prof = game.mixed_strategy_profile(rational=False)
    for player, c in zip(game.players, counts):
        prof[player] = {s: float(v) for s, v in zip(game.get_strategies(player), c)}
    return gbt.qre.logit_estimate(prof)


def random_case(seed):
    """A generic game (integer payoffs in [-5, 5], 2 or 3 actions each) and counts drawn from one of its QREs."""
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(2, 4, size=2))
    payoffs = rng.integers(-5, 6, size=(*shape, 2)).astype(float)
    game = ns.NormalFormGame(payoffs)
    q = ns.qre(game, float(rng.uniform(0.2, 2.0)))
    return game, [rng.multinomial(200, s) for s in q.strategies]


@pytest.mark.parametrize("seed", range(8))
def test_agrees_with_pygambit_logit_estimate(seed):
    """Same lam (relative 1e-6) and log-likelihood (1e-8) as Gambit on generic games with an interior maximum."""
    game, counts = random_case(seed)
    ours = ns.estimate.qre_fit(game, counts)
    theirs = gambit_estimate(game.payoffs, counts)
    assert ours.converged
    assert ours.lam == pytest.approx(theirs.lam, rel=1e-6, abs=1e-9)
    assert ours.llf == pytest.approx(theirs.log_like, rel=1e-8, abs=1e-8)
    for p, player in enumerate(theirs.profile.game.players):
        gam = [theirs.profile[player][s] for s in theirs.profile.game.get_strategies(player)]
        np.testing.assert_allclose(ours.strategies[p], gam, atol=1e-6)


def test_the_estimate_is_a_qre_and_the_profile_peaks_there():
    """The fitted profile is ns.qre at the fitted lam, and no traced point of the profile beats it."""
    game, counts = random_case(3)
    fit = ns.estimate.qre_fit(game, counts)
    at = ns.qre(game, fit.lam)
    for a, b in zip(fit.strategies, at.strategies):
        np.testing.assert_allclose(a, b, atol=1e-8)
    llf = sum(float(np.dot(c, np.log(s))) for c, s in zip(counts, at.strategies))
    assert fit.llf == pytest.approx(llf, rel=1e-10)
    assert fit.profile["llf"].max() <= fit.llf + 1e-9
    assert fit.profile["lam"].iloc[0] == 0.0 and fit.profile["lam"].is_monotonic_increasing
    assert set(fit.to_dict()) == {f"{p}:{a}" for p, acts in zip(game.players, game.actions) for a in acts}


def test_prisoners_dilemma_fits_the_pooled_share():
    """In the symmetric Prisoner's Dilemma the QRE is symmetric, so the fit matches the pooled Defect share."""
    pd_game = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    fit = ns.estimate.qre_fit(pd_game, [[20, 40], [25, 35]])
    assert fit.strategies[0][1] == pytest.approx(75 / 120, abs=1e-7)
    # The symmetric QRE: p = logistic(lam * (1 + (1 - p))) with p the chance of Defect.
    p = fit.strategies[0][1]
    assert p == pytest.approx(1 / (1 + np.exp(-fit.lam * (2 - p))), abs=1e-9)


def test_uniform_counts_in_a_game_with_a_dominant_action_fit_lam_zero():
    """Counts that lean away from the dominant action are best fitted by uniform play (lam = 0), as in Gambit."""
    pd_game = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    fit = ns.estimate.qre_fit(pd_game, [[40, 20], [30, 30]])
    assert fit.lam == 0.0 and fit.converged
    assert gambit_estimate(pd_game.payoffs, [[40, 20], [30, 30]]).lam == 0.0


def test_counts_at_the_nash_limit_warn_that_lam_is_a_lower_bound():
    """Everyone defecting: the likelihood rises all along the branch, which qre_fit flags."""
    pd_game = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.warns(ConvergenceWarning, match="lower bound"):
        fit = ns.estimate.qre_fit(pd_game, [[0, 60], [0, 60]], lam_max=50.0)
    assert not fit.converged and fit.lam == pytest.approx(50.0) and "lower bound" in fit.describe()


def test_bad_counts_are_refused():
    g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"),) * 2)
    with pytest.raises(InvalidStrategyError, match="one sequence of action counts per player"):
        ns.estimate.qre_fit(g, [[1, 2]])
    with pytest.raises(InvalidStrategyError, match="finite non-negative"):
        ns.estimate.qre_fit(g, [[1, -2], [3, 4]])
    with pytest.raises(InvalidStrategyError, match="not among its actions"):
        ns.estimate.qre_fit(g, {"Player 1": {"X": 3}, "Player 2": {"C": 1}})
    with pytest.raises(EstimationError, match="all zero"):
        ns.estimate.qre_fit(g, [[0, 0], [0, 0]])
    by_name = ns.estimate.qre_fit(g, {"Player 1": {"C": 20, "D": 40}, "Player 2": {"C": 25, "D": 35}})
    assert by_name.lam == pytest.approx(ns.estimate.qre_fit(g, [[20, 40], [25, 35]]).lam)


def test_a_game_whose_qre_ignores_lam_is_refused():
    """When every player is indifferent at uniform play the QRE never moves: lam is not identified."""
    g = ns.NormalFormGame.from_arrays([[3, 0], [1, 2]], [[0, 2], [3, 1]])
    with pytest.raises(EstimationError, match="does not change with lam"):
        ns.estimate.qre_fit(g, [[40, 20], [25, 35]])


def test_at_a_bifurcation_we_stay_on_the_symmetric_branch_and_gambit_does_not():
    """The docstring's caveat: in mirrored Battle of the Sexes our fit is symmetric, Gambit's is not."""
    bos = ns.NormalFormGame.from_arrays([[3, 0], [0, 1]], [[1, 0], [0, 3]])
    counts = [[40, 20], [25, 35]]
    ours = ns.estimate.qre_fit(bos, counts)
    theirs = gambit_estimate(bos.payoffs, counts)
    np.testing.assert_allclose(ours.strategies[0], ours.strategies[1][::-1], atol=1e-9)
    players = list(theirs.profile.game.players)
    gam = [[theirs.profile[p][s] for s in theirs.profile.game.get_strategies(p)] for p in players]
    assert abs(gam[0][0] - gam[1][1]) > 0.05  # off the symmetric branch
    assert theirs.log_like > ours.llf and abs(theirs.lam - ours.lam) > 0.01
