"""Six hours of talks: both sides' options of war, checked against a backward induction written here."""

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.solvers.equilibrium import format_prob


def long_game(d_r, d_w, b_r, b_w, rounds=4001):
    """Russia's payoff, the West's payoff and round-1 agreement in a long finite game, by backward induction.

    Each responder accepts the least of max(its option, its discounted value next round); a proposer makes an
    unacceptable offer only if it does better when the responder quits (or waits).
    """
    v = (0.0, 0.0)
    agreed = True
    for t in range(rounds, 0, -1):
        w = (d_r * v[0], d_w * v[1])
        if t % 2 == 1:  # Russia proposes, the West responds
            keep = 1 - max(b_w, w[1])
            refused = (b_r, b_w) if b_w >= w[1] else w
            agreed = keep >= refused[0]
            v = (keep, 1 - keep) if agreed else refused
        else:
            keep = 1 - max(b_r, w[0])
            refused = (b_r, b_w) if b_r >= w[0] else w
            agreed = keep >= refused[1]
            v = (1 - keep, keep) if agreed else refused
    return v[0], v[1], agreed


def options(sc):
    """Each side's value of war, written out: Russia by its estimate p, the West by p - optimism."""
    p_r, p_w = sc.win_probability, sc.win_probability - sc.optimism
    return max(0.0, p_r - sc.russia_war_cost), max(0.0, 1 - p_w - sc.west_war_cost)


POINTS = [
    {}, {"russia_patience": 0.95}, {"win_probability": 0.1, "west_war_cost": 0.0},
    {"optimism": 0.39}, {"optimism": 0.41}, {"optimism": 0.6}, {"optimism": -0.3},
    {"win_probability": 0.3, "russia_war_cost": 0.3, "west_war_cost": 0.8},
    {"russia_war_cost": 0.5, "west_war_cost": 0.0, "win_probability": 0.2},
]


@pytest.mark.parametrize("params", POINTS)
def test_outcomes_against_a_long_finite_horizon(params):
    """Every outcome agrees with 4001 rounds of backward induction with both options of war."""
    sc = ns.scenarios.marathon_talks(**params)
    b_r, b_w = options(sc)
    pay_r, pay_w, agreed = long_game(sc.russia_patience, sc.west_patience, b_r, b_w)
    out = sc.solve().outcomes
    assert (out["russia_option"], out["west_option"]) == pytest.approx((b_r, b_w))
    assert bool(out["agreement"]) == agreed == (b_r + b_w <= 1)
    assert (out["payoff_russia"], out["payoff_west"]) == (pytest.approx(pay_r, abs=1e-9), pytest.approx(pay_w, abs=1e-9))
    if agreed:
        assert (out["share_russia"], out["share_west"]) == (pytest.approx(pay_r, abs=1e-9), pytest.approx(pay_w, abs=1e-9))
    else:
        assert np.isnan(out["share_russia"]) and np.isnan(out["share_west"])
    # Without options: Rubinstein's (1 - d_W)/(1 - d_R d_W), by the same backward induction.
    assert out["no_options_share_russia"] == pytest.approx(long_game(sc.russia_patience, sc.west_patience, 0, 0)[0])


@pytest.mark.parametrize("params", POINTS)
def test_binding_flags_compare_each_option_with_the_value_of_waiting(params):
    """An option binds when it beats what waiting is worth: b_R > d_R x (West proposing), b_W > d_W (1 - y)."""
    sc = ns.scenarios.marathon_talks(**params)
    out = sc.solve().outcomes
    if not out["agreement"]:
        return
    b_r, b_w = options(sc)
    x = out["share_russia"]
    y = max(b_r, sc.russia_patience * x)  # what the West must offer Russia when it proposes
    assert bool(out["russia_option_binds"]) == (b_r > sc.russia_patience * x + 1e-9)
    assert bool(out["west_option_binds"]) == (b_w > sc.west_patience * (1 - y) + 1e-9)


@pytest.mark.parametrize(("c_r", "c_w", "optimism"), [(0.1, 0.3, 0.35), (0.1, 0.3, 0.45), (0.05, 0.1, 0.1),
                                                      (0.05, 0.1, 0.2), (0.2, 0.2, 0.0), (0.0, 0.0, 0.01)])
def test_no_deal_exactly_when_optimism_exceeds_both_costs(c_r, c_w, optimism):
    """With both options positive, no deal iff optimism > c_R + c_W (checked on both sides of the threshold)."""
    sc = ns.scenarios.marathon_talks(russia_war_cost=c_r, west_war_cost=c_w, optimism=optimism)
    b_r, b_w = options(sc)
    assert b_r > 0 and b_w > 0
    out = sc.solve().outcomes
    assert bool(out["agreement"]) == (optimism <= c_r + c_w)
    text = sc.explain()
    assert ("No deal" in text) == (optimism > c_r + c_w)
    assert ("Alternating offers predict a deal in the first round" in text) == (optimism <= c_r + c_w)


@pytest.mark.parametrize("params", [{}, {"win_probability": 0.9, "russia_war_cost": 0.0}, {"optimism": -0.3}])
def test_a_clipped_option_always_leaves_a_deal(params):
    """When war is worth nothing to one side its option is 0, the sum is at most 1 and there is a deal."""
    for c in (1.0, 1.5):
        sc = ns.scenarios.marathon_talks(**params).with_params(russia_war_cost=c)
        assert options(sc)[0] == 0 and sc.solve().outcomes["agreement"] == 1


def test_defaults_make_russias_option_bind():
    """At the defaults Russia's option (0.5) beats waiting (0.8 x 0.3571) and raises its share to 1 - 0.9 x 0.5."""
    out = ns.scenarios.marathon_talks().solve().outcomes
    assert out["russia_option_binds"] == 1 and out["west_option_binds"] == 0
    assert out["share_russia"] == pytest.approx(1 - 0.9 * (1 - 0.5))
    assert out["no_options_share_russia"] == pytest.approx(0.1 / 0.28)
    assert out["share_russia"] > out["no_options_share_russia"]


def test_patience_is_bargaining_power_while_no_option_binds():
    """No option binding: Russia's share rises with its discount factor and falls with the West's."""
    base = {"win_probability": 0.3, "russia_war_cost": 0.3, "west_war_cost": 0.8}  # both options 0
    shares = [ns.scenarios.marathon_talks(**base, russia_patience=d).solve().outcomes for d in (0.3, 0.6, 0.9)]
    assert all(o["russia_option_binds"] == 0 and o["west_option_binds"] == 0 for o in shares)
    assert np.all(np.diff([o["share_russia"] for o in shares]) > 0)
    west = [ns.scenarios.marathon_talks(**base, west_patience=d).solve().outcomes["share_russia"] for d in (0.3, 0.6, 0.9)]
    assert np.all(np.diff(west) < 0)


def test_binding_option_makes_the_share_independent_of_russias_patience():
    """Russia's option binding: share 1 - d_W (1 - b_R), rising in b_R and flat in Russia's own patience."""
    shares = [ns.scenarios.marathon_talks(russia_patience=d).solve().outcomes for d in (0.5, 0.7, 0.8)]
    assert all(o["russia_option_binds"] == 1 for o in shares)
    assert np.ptp([o["share_russia"] for o in shares]) < 1e-12
    by_option = [ns.scenarios.marathon_talks(russia_war_cost=c).solve().outcomes for c in (0.25, 0.15, 0.05)]
    assert all(o["russia_option_binds"] == 1 for o in by_option)
    assert np.all(np.diff([o["share_russia"] for o in by_option]) > 0)
    for o in by_option:
        assert o["share_russia"] == pytest.approx(1 - 0.9 * (1 - o["russia_option"]))


def test_explanation_numbers_are_the_outcomes():
    """The explanation states the options, shares and the no-deal threshold as computed."""
    for params in ({}, {"optimism": 0.45}, {"win_probability": 0.1, "west_war_cost": 0.0}):
        sc = ns.scenarios.marathon_talks(**params)
        out, text = sc.solve().outcomes, sc.explain()
        b_r, b_w = options(sc)
        assert f"Russia expects {format_prob(b_r)} from it" in text
        assert f"the West {format_prob(b_w)} (it puts Russia's chance at" in text
        assert f"(now {format_prob(b_r + b_w)})" in text
        assert f"together ({format_prob(sc.russia_war_cost + sc.west_war_cost)};" in text
        if out["agreement"]:
            assert f"Russia gets {format_prob(out['share_russia'])} of the stake" in text
        if out["west_option_binds"] and not out["russia_option_binds"]:
            assert "The West's option of war" in text and "binds: it gets exactly that" in text


def test_the_coldly_quote_backs_a_western_cost_above_russias():
    """Both costs of war cite 'would not coldly choose to use force', and the West's is the larger."""
    sc = ns.scenarios.marathon_talks()
    assert sc.specs["russia_war_cost"].quote == sc.specs["west_war_cost"].quote == ns.actors.Q_COLDLY
    assert sc.russia_war_cost < sc.west_war_cost


@pytest.mark.parametrize(("p", "optimism"), [(0.6, 0.7), (0.2, -0.9), (0.0, 0.1)])
def test_joint_validity(p, optimism):
    """The West's estimate p - optimism must be a probability; the error names both parameters."""
    with pytest.raises(InvalidParameterError, match="win_probability - optimism"):
        ns.scenarios.marathon_talks(win_probability=p, optimism=optimism)


@pytest.mark.parametrize(("p", "low", "high"), [(0.6, -0.4, 0.6), (0.2, -0.8, 0.2), (1.0, 0.0, 1.0)])
def test_parameter_range_of_optimism_is_the_joint_region(p, low, high):
    """optimism's valid interval at win_probability p is [p - 1, p] (the West's estimate in [0, 1])."""
    lo, hi = ns.scenarios.marathon_talks(win_probability=p).parameter_range("optimism")
    assert (lo, hi) == (pytest.approx(low, abs=1e-8), pytest.approx(high, abs=1e-8))
