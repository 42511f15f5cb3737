"""The time-machine scenario: every outcome and every sentence recomputed from summed present values."""

import re

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

T = np.arange(3000)


def by_hand(p_now, p_later, d, c):
    """War and peace values summed period by period, with B's post-shift share the least A takes (>= 0)."""
    war = float((p_now * d**T).sum()) - c
    later_war = float((p_later * d**T).sum()) - c
    share = max(0.0, later_war / float((d**T).sum()))  # a constant share worth exactly the later war value
    peace = 1.0 + float((share * d ** (T + 1)).sum())
    return war, peace, share


POINTS = [{}, {"p_later": 0.3}, {"p_later": 0.45}, {"p_later": 0.0, "cost": 5.0}, {"p_now": 0.3, "p_later": 0.0},
          {"delta": 0.95}, {"delta": 0.5, "p_later": 0.1}, {"cost": 0.0, "p_later": 0.55}]


@pytest.mark.parametrize("params", POINTS)
def test_outcomes_against_summed_streams(params):
    """war, both values, the later share and the margin match the streams summed here."""
    sc = ns.scenarios.security_order(**params)
    out = sc.solve().outcomes
    war, peace, share = by_hand(sc.p_now, sc.p_later, sc.delta, sc.cost)
    assert out["war_value"] == pytest.approx(war, abs=1e-9)
    assert out["peace_value"] == pytest.approx(peace, abs=1e-9)
    assert out["share_later"] == pytest.approx(share, abs=1e-9) and 0 <= out["share_later"] <= 1
    assert out["margin"] == pytest.approx((1 - sc.delta) * (war - peace), abs=1e-9)
    assert out["war"] == float(war > peace)


@pytest.mark.parametrize("params", POINTS)
def test_critical_p_later_is_where_the_decision_flips(params):
    """Below critical_p_later war pays, above it (up to p_now) it does not; 0 means no decline makes war pay."""
    sc = ns.scenarios.security_order(**params)
    crit = sc.solve().outcomes["critical_p_later"]
    grid = np.linspace(0, sc.p_now, 301)
    wars = [by_hand(sc.p_now, q, sc.delta, sc.cost)[0] > by_hand(sc.p_now, q, sc.delta, sc.cost)[1] for q in grid]
    for q, w in zip(grid, wars, strict=True):
        if abs(q - crit) > 1e-6:
            assert w == (q < crit), (q, crit)
    if crit == 0:
        assert not any(wars)


def numbers(text):
    return [float(v) for v in re.findall(r"-?\d+\.?\d*", text)]


@pytest.mark.parametrize("params", POINTS)
def test_explanation_numbers_and_directions(params):
    """Each number in the explanation is recomputed; 'more patience raises the margin' holds at this point."""
    sc = ns.scenarios.security_order(**params)
    lines = sc.solve().explain().split("\n")
    war, peace, share = by_hand(sc.p_now, sc.p_later, sc.delta, sc.cost)
    margin = (1 - sc.delta) * (war - peace)
    assert numbers(lines[2]) == pytest.approx([sc.p_now, sc.p_later, war, peace, share, margin], abs=6e-5)
    assert ("fights now" in lines[2]) == (war > peace)
    margins = [ns.scenarios.security_order(**{**params, "delta": d}).solve().outcomes["margin"]
               for d in np.linspace(0.05, 0.95, 19)]
    assert np.all(np.diff(margins) > 0)
    crit = sc.solve().outcomes["critical_p_later"]
    if crit > 0:
        assert numbers(lines[3])[0] == pytest.approx(crit, abs=6e-5)
    else:
        assert war <= 1.0 + 1e-12 and "no decline" in lines[3]


def test_joint_validity_a_declining_power():
    """p_later above p_now is no decline: refused with both names; parameter_range stops at p_now."""
    with pytest.raises(InvalidParameterError, match="p_later.*p_now"):
        ns.scenarios.security_order(p_later=0.7)
    sc = ns.scenarios.security_order()
    low, high = sc.parameter_range("p_later")
    assert low == 0 and high == pytest.approx(sc.p_now, abs=1e-6)
    df = sc.sweep(progress=False, p_later=[0.2, 0.5, 0.65])
    assert list(df["valid"]) == [True, True, False] and "p_now" in df["invalid_reason"].iloc[2]
