"""WarOfAttrition: the mixed equilibrium checked by each type's payoff from every stopping time, and by simulation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

PARAMS = [
    {"audience_rate_1": 0.2, "audience_rate_2": 0.1, "war_payoff_1": -2.0, "war_payoff_2": -2.0,
     "resolved_1": 0.2, "resolved_2": 0.2, "horizon": 5},
    {"audience_rate_1": 0.05, "audience_rate_2": 0.5, "war_payoff_1": -1.0, "war_payoff_2": -4.0,
     "resolved_1": 0.05, "resolved_2": 0.3, "horizon": 3},
    {"audience_rate_1": 0.3, "audience_rate_2": 0.3, "war_payoff_1": -4.0, "war_payoff_2": -4.0,
     "resolved_1": 0.0, "resolved_2": 0.1, "horizon": 1},
]


def stopping_distribution(model, i):
    """Side i's unconditional probability of backing down in each period, and of never backing down.

    Built from the type-level strategies only: resolved types never back down; the irresolute type backs
    down in period t with probability quit_probs[t - 1, i] if it has not yet.
    """
    r = model.solve()
    prior = getattr(model, f"resolved_{i + 1}")
    still = 1.0
    stops = []
    for q in r.quit_probs[:, i]:
        stops.append((1 - prior) * still * q)
        still *= 1 - q
    return np.array(stops), prior + (1 - prior) * still


def plan_payoffs(model, i, war_payoff):
    """Side i's payoff from backing down in period 1..T, or never (last entry), against the other's strategy."""
    j = 1 - i
    a = getattr(model, f"audience_rate_{i + 1}")
    stops, never = stopping_distribution(model, j)
    T = model.horizon
    out = []
    for tau in range(1, T + 1):
        won = stops[: tau - 1].sum()  # the other backed down earlier: i gets the stake
        out.append(won * 1.0 + (1 - won) * (-a * tau))  # else i backs down at tau (a tie costs the same)
    out.append(stops.sum() * 1.0 + never * war_payoff)
    return np.array(out)


@pytest.mark.parametrize("params", PARAMS)
def test_every_type_plays_a_best_response(params):
    """The irresolute type is indifferent across every stopping time it uses; the resolved one never backs down."""
    m = ns.models.WarOfAttrition(**params)
    r = m.solve()
    for i in (0, 1):
        irresolute = plan_payoffs(m, i, getattr(m, f"war_payoff_{i + 1}"))
        used = np.r_[r.quit_probs[:, i] > 0, True]  # the never-quitting remainder goes to war
        assert np.ptp(irresolute[used]) < 1e-12
        assert irresolute.max() <= irresolute[used].max() + 1e-12
        resolved = plan_payoffs(m, i, 0.0)
        assert resolved[-1] >= resolved.max() - 1e-12 and np.all(resolved[:-1] < resolved[-1])


@pytest.mark.parametrize("params", PARAMS)
def test_hazards_agree_with_type_strategies_and_bayes(params):
    """The hazard the other side sees is the irresolute share times its quitting rate; beliefs follow Bayes."""
    m = ns.models.WarOfAttrition(**params)
    r = m.solve()
    for i in (0, 1):
        stops, never = stopping_distribution(m, i)
        survive = 1 - np.r_[0.0, np.cumsum(stops)]
        assert r.hazards[:, i] == pytest.approx(stops / survive[:-1], abs=1e-12)
        prior = getattr(m, f"resolved_{i + 1}")
        assert r.beliefs[:, i] == pytest.approx(prior / survive, abs=1e-12)
        assert never == pytest.approx(m.firm_throughout(i + 1))


@pytest.mark.parametrize("params", PARAMS)
def test_outcomes_by_seeded_simulation(params):
    """Draw types and play the strategies period by period; war and who backs down first match."""
    m = ns.models.WarOfAttrition(**params)
    r = m.solve()
    rng = np.random.default_rng(11)
    n = 300_000
    stop = np.full((n, 2), np.inf)
    for i in (0, 1):
        irresolute = rng.uniform(size=n) >= getattr(m, f"resolved_{i + 1}")
        u = rng.uniform(size=(n, m.horizon))
        quits = irresolute[:, None] & (u < r.quit_probs[:, i][None, :])
        first = np.where(quits.any(axis=1), quits.argmax(axis=1) + 1, np.inf)
        stop[:, i] = first
    war = np.isinf(stop).all(axis=1)
    one_first, two_first = stop[:, 0] < stop[:, 1], stop[:, 1] < stop[:, 0]
    both = (stop[:, 0] == stop[:, 1]) & ~war
    assert war.mean() == pytest.approx(r.p_war, abs=4e-3)
    assert one_first.mean() == pytest.approx(r.p_backs_down_first[0], abs=4e-3)
    assert two_first.mean() == pytest.approx(r.p_backs_down_first[1], abs=4e-3)
    assert both.mean() == pytest.approx(r.p_both_back_down, abs=4e-3)
    assert np.minimum(stop.min(axis=1), m.horizon).mean() == pytest.approx(r.expected_duration, abs=2e-2)


def test_war_probability_closed_form():
    """p_war = (1 + a_1)(1 + a_2) / ((1 - w_1)(1 - w_2)), and the outcome probabilities sum to 1."""
    for params in PARAMS:
        r = ns.models.WarOfAttrition(**params).solve()
        a1, a2, w1, w2 = (params[k] for k in ("audience_rate_1", "audience_rate_2", "war_payoff_1", "war_payoff_2"))
        assert r.p_war == pytest.approx((1 + a1) * (1 + a2) / ((1 - w1) * (1 - w2)))
        assert r.p_war + sum(r.p_backs_down_first) + r.p_both_back_down == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.01, 0.4), st.floats(1.05, 3.0), st.integers(2, 8))
def test_a_larger_audience_cost_rate(a1, scale, T):
    """Raising side 1's rate: side 2 backs down faster before the last period, and war becomes likelier."""
    base = {"audience_rate_2": 0.1, "war_payoff_1": -4.0, "war_payoff_2": -4.0, "resolved_1": 0.1,
            "resolved_2": 0.1, "horizon": T}
    if a1 * scale * T >= 4.0:
        return
    low = ns.models.WarOfAttrition(audience_rate_1=a1, **base).solve()
    high = ns.models.WarOfAttrition(audience_rate_1=a1 * scale, **base).solve()
    assert np.all(high.hazards[:-1, 1] > low.hazards[:-1, 1])
    assert np.allclose(high.hazards[:, 0], low.hazards[:, 0])  # side 1's own hazard is set by side 2's rate
    assert high.p_war > low.p_war


@pytest.mark.parametrize(("change", "name"), [
    ({"war_payoff_1": -0.9}, "war_payoff_1"),           # -a_1 T = -1: locked in by the horizon
    ({"resolved_2": 0.5}, "resolved_2"),                # above (1 + a_1)/(1 - w_1) = 0.4
    ({"audience_rate_1": 0.0}, "audience_rate_1"),
    ({"horizon": 0}, "horizon"),
    ({"horizon": 10**6}, "horizon"),
    ({"resolved_1": 1.5}, "resolved_1"),
])
def test_invalid_parameters_are_named(change, name):
    """Parameters outside the region of this equilibrium are refused, naming the parameter."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.WarOfAttrition(**{**PARAMS[0], **change})


def test_table_and_describe():
    """table() has one row per period; describe() gives the war probability it reports."""
    r = ns.models.WarOfAttrition(**PARAMS[0]).solve()
    assert len(r.table()) == 5 and r.table()["p_reached"].iloc[0] == 1.0
    assert f"{r.p_war:.4g}" in r.describe()
