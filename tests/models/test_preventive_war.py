"""Preventive war: the closed-form condition against present values summed period by period."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


def present_values(p_now, p_later, delta, cost_a, periods=5000):
    """A's war value and best peace value summed over a long horizon (no closed form used)."""
    war = sum(delta**t * p_now for t in range(periods)) - cost_a
    peace = 1.0 + sum(delta**t * p_later for t in range(1, periods)) - delta * cost_a
    return war, peace


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0.05, 0.95), st.floats(0, 2))
def test_matches_summed_present_values(p_now, p_later, delta, cost_a):
    """war iff the summed war value beats the summed peace value; margin = (1 - delta) * gap."""
    r = ns.models.PreventiveWar(p_now, p_later, delta, cost_a).solve()
    war, peace = present_values(p_now, p_later, delta, cost_a)
    assert r.margin == pytest.approx((1 - delta) * (war - peace), abs=1e-9)
    if abs(war - peace) > 1e-9:
        assert r.war == (war > peace)


@pytest.mark.parametrize(("p_later", "war"), [(0.1, True), (0.54, True), (0.56, False), (0.6, False)])
def test_both_sides_of_the_shift(p_later, war):
    """A large enough fall in power makes the declining side fight now (cut at p_later = 0.55 here)."""
    # margin = 0.9 (0.6 - p_later) - 0.1 * 0.4 - 0.01 * 0.5 > 0 iff p_later < 0.6 - 0.045/0.9 = 0.55
    r = ns.models.PreventiveWar(0.6, p_later, 0.9, 0.5).solve()
    assert r.war is war


@pytest.mark.parametrize(
    ("args", "name"),
    [((1.2, 0.5, 0.9, 0.1), "p_now"), ((0.5, -0.1, 0.9, 0.1), "p_later"),
     ((0.5, 0.5, 1.0, 0.1), "delta"), ((0.5, 0.5, 0.9, -0.1), "cost_a")],
)
def test_invalid_parameters(args, name):
    """Invalid parameters raise InvalidParameterError naming them."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.PreventiveWar(*args)
