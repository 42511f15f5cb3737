"""Indivisibility: deals, lotteries and side payments by brute force over the sides' war payoffs."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


def war_payoffs(p, cost_a, cost_b):
    """Expected war payoffs: A wins the stake (1) with probability p; each pays its cost."""
    return p - cost_a, (1 - p) - cost_b


def both_prefer(share_a, p, cost_a, cost_b, slack=1e-12):
    """Whether A (getting share_a) and B (getting 1 - share_a) both weakly prefer the deal to war."""
    wa, wb = war_payoffs(p, cost_a, cost_b)
    return share_a >= wa - slack and 1 - share_a >= wb - slack


divisions = st.lists(st.floats(0, 1), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.floats(0, 1), st.floats(0, 0.5), st.floats(0, 0.5), divisions)
def test_feasible_deals_are_those_both_prefer_to_war(p, cost_a, cost_b, divs):
    """feasible_deals = the divisions both sides weakly prefer to war (checked one by one)."""
    res = ns.models.Indivisibility(p, cost_a, cost_b, divisions=divs).solve()
    expected = sorted({d for d in divs if both_prefer(d, p, cost_a, cost_b)})
    assert list(res.feasible_deals) == pytest.approx(expected)
    assert res.range_empty == (not expected)


@settings(max_examples=150, deadline=None)
@given(st.floats(0, 1), st.floats(0, 0.5), st.floats(0, 0.5), divisions)
def test_min_side_payment_by_grid_search(p, cost_a, cost_b, divs):
    """The smallest transfer that makes some division acceptable to both, searched on a grid of transfers."""
    res = ns.models.Indivisibility(p, cost_a, cost_b, divisions=divs).solve()
    grid = np.linspace(-1, 1, 4001)  # transfer to A (negative: A pays B)
    ok = [abs(t) for d in divs for t in grid if both_prefer(d + t, p, cost_a, cost_b, slack=2.5e-4)]
    assert res.min_side_payment == pytest.approx(min(ok), abs=5e-4 + 1e-9)


@settings(max_examples=150, deadline=None)
@given(st.floats(0, 1), st.floats(0, 0.5), st.floats(0, 0.5), divisions)
def test_lottery_is_preferred_to_war_by_both(p, cost_a, cost_b, divs):
    """The lottery's expected shares beat war for both sides; it exists iff some mix of divisions does."""
    res = ns.models.Indivisibility(p, cost_a, cost_b, divisions=divs, lotteries=True).solve()
    lo, hi, q = res.lottery
    mixes = np.linspace(min(divs), max(divs), 2001)
    exists = any(both_prefer(x, p, cost_a, cost_b, slack=-1e-3) for x in mixes)  # clearly inside
    if np.isnan(q):
        assert not exists and not res.feasible_deals
        assert res.war == res.war_indivisible == (res.range_empty and res.min_side_payment > 0)
        return
    assert lo in divs and hi in divs and 0 <= q <= 1
    assert both_prefer(q * hi + (1 - q) * lo, p, cost_a, cost_b)
    assert not res.war_indivisible


def test_all_or_nothing_lottery_is_war_odds_without_costs():
    """With the stake all or nothing, the lottery gives A everything with probability p."""
    for p in (0.2, 0.5, 0.8):
        res = ns.models.Indivisibility(p, 0.05, 0.05).solve()
        assert res.lottery == pytest.approx((0.0, 1.0, p))
        assert res.range_empty and res.war  # no remedy allowed: war


@pytest.mark.parametrize(("side_max", "war"), [(0.0, True), (0.39, True), (0.41, False), (1.0, False)])
def test_side_payments_restore_the_range_above_the_gap(side_max, war):
    """p = 0.5, costs 0.1: the nearest division (0 or 1) is 0.4 from the range [0.4, 0.6]."""
    res = ns.models.Indivisibility(0.5, 0.1, 0.1, side_payment_max=side_max).solve()
    assert res.min_side_payment == pytest.approx(0.4)
    assert res.war is war


def present_values(p_now, p_later, delta, cost_a, periods=4000):
    """A's war value now and B's best credible offer, summed period by period (no closed form)."""
    war = sum(delta**t * p_now for t in range(periods)) - cost_a
    peace = 1.0 + sum(delta**t * p_later for t in range(1, periods)) - delta * cost_a
    return war, peace


@pytest.mark.parametrize("p_later", [0.1, 0.3, 0.5, 0.55, 0.6])
def test_commitment_problem_beside_indivisibility(p_later):
    """A divisible stake with a deal in range can still end in war when power shifts fast enough."""
    p, cost, delta = 0.6, 0.5, 0.9
    res = ns.models.Indivisibility(p, cost, cost, divisions=np.linspace(0, 1, 101), p_later=p_later,
                                   delta=delta).solve()
    war_v, peace_v = present_values(p, p_later, delta, cost)
    assert not res.range_empty
    assert res.preventive_war == (war_v > peace_v)
    assert res.war == res.preventive_war


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"p": 1.5}, "p"), ({"cost_a": -0.1}, "cost_a"), ({"divisions": (0.0, 1.2)}, "divisions"),
     ({"divisions": ()}, "divisions"), ({"divisions": "01"}, "divisions"),
     ({"side_payment_max": -1.0}, "side_payment_max"), ({"p_later": 0.3}, "together"),
     ({"p_later": 0.3, "delta": 1.0}, "delta"), ({"lotteries": 1}, "lotteries")],
)
def test_invalid_parameters(kwargs, name):
    """Invalid parameters raise InvalidParameterError naming them."""
    args = {"p": 0.5, "cost_a": 0.1, "cost_b": 0.1} | kwargs
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.Indivisibility(**args)
