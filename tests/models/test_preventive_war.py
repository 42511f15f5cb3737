"""Preventive war: the closed-form condition against present values summed period by period."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

PERIODS = 4000
SHARES = np.linspace(0, 1, 100_001)  # the divisions B could offer per period, brute force


def stream(value, delta, start=0, periods=PERIODS):
    """Present value of ``value`` per period from ``start`` on, summed term by term (no closed form)."""
    t = np.arange(start, start + periods)
    return float((value * delta**t).sum())


def brute_force(p_now, p_later, delta, cost_a):
    """War now against B's best credible offer, with every share in [0, 1], both streams summed directly."""
    war = stream(p_now, delta) - cost_a
    # After the shift B gives the least per-period share (on a grid) that A takes over fighting then.
    war_later = stream(p_later, delta) - cost_a
    values = SHARES * stream(1.0, delta)  # a constant share s forever is worth s times the unit stream
    share_later = SHARES[int(np.argmax(values >= war_later - 1e-12))]
    peace = 1.0 + stream(share_later, delta, start=1)  # today's whole flow, then share_later forever
    return war, peace, share_later


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0.05, 0.95), st.floats(0, 8))
def test_war_decision_matches_brute_force(p_now, p_later, delta, cost_a):
    """war iff the summed war stream beats B's best offer (shares in [0, 1]); margin = (1 - delta) * gap."""
    r = ns.models.PreventiveWar(p_now, p_later, delta, cost_a).solve()
    war, peace, share_later = brute_force(p_now, p_later, delta, cost_a)
    assert r.war_value == pytest.approx(war, abs=1e-6)
    assert r.share_later == pytest.approx(share_later, abs=2e-5)
    assert 0.0 <= r.share_later <= 1.0
    assert r.peace_value == pytest.approx(peace, abs=1e-3)
    if abs(war - peace) > 1e-3:
        assert r.war == (war > peace)
    if r.war:
        assert math.isnan(r.share_now)
    else:
        assert 0.0 <= r.share_now <= 1.0
        assert r.share_now + stream(r.share_later, delta, start=1) >= war - 1e-6


def test_issue_case_never_values_a_negative_share():
    """PreventiveWar(0.3, 0.0, 0.9, 5): war is worth -2, peace 1 (share 0 after the shift, not -0.5): no war."""
    r = ns.models.PreventiveWar(0.3, 0.0, 0.9, 5).solve()
    war, peace, share_later = brute_force(0.3, 0.0, 0.9, 5)
    assert not r.war
    assert r.share_later == share_later == 0.0
    assert r.war_value == pytest.approx(war, abs=1e-6) and war == pytest.approx(-2.0, abs=1e-6)
    assert r.peace_value == pytest.approx(peace, abs=1e-6) and peace == pytest.approx(1.0)


@pytest.mark.parametrize("p_later", [0.0, 0.1, 0.3, 0.5, 0.9])
@pytest.mark.parametrize("cost_a", [0.0, 0.5, 1.5])
def test_margin_is_models_md_condition_while_the_later_war_value_is_not_negative(p_later, cost_a):
    """margin = delta (p1 - p2) - (1 - delta)(1 - p1) - (1 - delta)**2 c_A exactly when p2 >= (1 - delta) c_A."""
    p_now, d = 0.7, 0.8
    r = ns.models.PreventiveWar(p_now, p_later, d, cost_a).solve()
    standard = d * (p_now - p_later) - (1 - d) * (1 - p_now) - (1 - d) ** 2 * cost_a
    if p_later >= (1 - d) * cost_a:
        assert r.margin == pytest.approx(standard, abs=1e-12)
    else:  # the share floor binds: peace is worth exactly today's flow
        assert r.peace_value == 1.0
        assert r.margin == pytest.approx((1 - d) * (p_now / (1 - d) - cost_a - 1.0), abs=1e-12)
        assert r.margin <= standard + 1e-12  # the floor makes peace worth more than the raw formula says


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
