"""The hostage-taker crisis against MODELS.md's closed form and the leverage comparative statics."""

import numpy as np
import pytest

import negotiation_sim as ns


def closed_form(q, concession_cost, war_cost_target, audience_cost, stake=1.0):
    """MODELS.md, "The hostage-taker crisis, exactly", written out independently."""
    t = concession_cost / war_cost_target
    if q > t:
        return {"p_war": 0.0, "p_concede": 1.0, "p_bluff_called": 0.0}
    bluff = q * (1 - t) / ((1 - q) * t)
    resist = stake / (stake + audience_cost)
    p_threat = q + (1 - q) * bluff
    return {
        "p_war": q * resist,
        "p_concede": p_threat * (1 - resist),
        "p_bluff_called": (1 - q) * bluff * resist,
        "bluff_prob": bluff,
        "resist_prob": resist,
    }


@pytest.mark.parametrize("leverage", [0.05, 0.2, 0.3, 0.39, 0.41, 0.6, 0.95])
def test_outcomes_match_closed_form_on_both_sides_of_the_threshold(leverage):
    """At priors below and above the West's threshold (0.4 at the defaults)."""
    sc = ns.scenarios.hostage_taker(leverage=leverage)
    out = sc.solve().outcomes
    expected = closed_form(leverage, sc.concession_cost, sc.war_cost_target, sc.audience_cost, sc.stake)
    for key, value in expected.items():
        assert out[key] == pytest.approx(value, abs=1e-12), key


def test_generic_pbe_solver_finds_the_closed_form_equilibrium():
    """The signalling game's perfect Bayesian equilibria include the closed form's, by its probabilities."""
    sc = ns.scenarios.hostage_taker(leverage=0.3)
    res = sc.solve()
    sol = res.solution
    found = False
    for eq in res.equilibria:
        sender = dict(zip(eq.actions[0], eq.strategies[0]))
        receiver = dict(zip(eq.actions[1], eq.strategies[1]))
        bluff = next(v for k, v in sender.items() if "Unresolved" in k and "Threaten" in k)
        resist = next(v for k, v in receiver.items() if "Threaten" in k and "Resist" in k)
        if abs(bluff - sol.bluff_prob) < 1e-9 and abs(resist - sol.resist_prob) < 1e-9:
            found = True
    assert found


def test_war_rises_with_leverage_then_drops_to_zero_where_the_west_concedes():
    """The sweep over leverage in [0, 1]: p_war increasing below the threshold, 0 above it."""
    sc = ns.scenarios.hostage_taker()
    curve = sc.leverage_curve(np.linspace(0, 1, 101))
    t = sc.concession_cost / sc.war_cost_target
    below = curve[curve["leverage"] < t - 1e-9]
    above = curve[curve["leverage"] > t + 1e-9]
    assert np.all(np.diff(below["p_war"]) > 0)
    assert np.all(above["p_war"] == 0) and np.all(above["p_concede"] == 1)
    df = sc.sweep(leverage=np.linspace(0.01, 0.99, 21), progress=False)
    by_point = df.groupby("leverage")["p_war"].first()
    assert by_point[by_point.index > t].max() == 0
    assert by_point[by_point.index < t].is_monotonic_increasing


def test_restraint_lowers_the_threshold():
    """A larger NATO cost of war lowers the threshold: less leverage makes the West concede."""
    thresholds = [
        ns.scenarios.HostageTaker.from_actors(nato=ns.actors.NATO(war_cost=c)).solve().outcomes["threshold"]
        for c in (0.5, 1.0, 2.0, 4.0)
    ]
    assert np.all(np.diff(thresholds) < 0)
    # and at leverage 0.3 a West with war cost 2 (threshold 0.2) already concedes
    assert ns.scenarios.hostage_taker(leverage=0.3, war_cost_target=2.0).solve().outcomes["p_concede"] == 1


def test_the_west_must_prefer_conceding_to_war():
    """A concession costlier than war leaves no crisis: a clear error naming the parameters."""
    with pytest.raises(ns.errors.InvalidParameterError, match="concession_cost"):
        ns.scenarios.hostage_taker(concession_cost=1.5, war_cost_target=1.0)
