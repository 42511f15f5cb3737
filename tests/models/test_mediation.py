"""Mediation: the credibility condition against a direct check of the mediator's incentive to lie."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


def mediator_truthful(p, c_low, c_high, m, kappa):
    """Enumerate both types and both reports; truth must pay the mediator at least as much as lying."""
    demand = {"resolved": min(1, p + c_low), "irresolute": min(1, p + c_high)}
    cost = {"resolved": c_low, "irresolute": c_high}

    def utility(x, c):
        return -kappa if x - p > c + 1e-12 else -((x - m) ** 2)

    for true in demand:
        lie = "irresolute" if true == "resolved" else "resolved"
        if utility(demand[lie], cost[true]) > utility(demand[true], cost[true]):
            return False
    return True


@settings(max_examples=80, deadline=None)
@given(st.floats(0, 0.6), st.floats(0, 0.2), st.floats(0.2, 0.4), st.floats(0, 1), st.floats(0, 1),
       st.floats(0, 0.3))
def test_credibility_matches_direct_check(p, c_low, c_high, q, m, kappa):
    """credible is exactly 'no mediator type gains by misreporting'; credible mediation ends war."""
    med = ns.models.Mediation(p, 0.1, c_low, c_high, q, ideal_point=m, mediator_war_cost=kappa)
    r = med.solve()
    assert r.credible == mediator_truthful(p, c_low, c_high, m, kappa)
    if r.credible:
        assert r.p_war_with == 0.0
        assert r.utility_with >= r.utility_without - 1e-12  # information can only help A here
    else:
        assert (r.demand_with, r.p_war_with) == (r.demand_without, r.p_war_without)


@pytest.mark.parametrize("m", [0.6, 0.67, 0.68, 0.8, 0.86, 0.87, 0.95])
def test_both_sides_of_the_bias_bounds(m):
    """Credible iff (x_L + x_H)/2 <= m <= x_L + sqrt(kappa): here [0.675, 0.55 + 0.3162]."""
    r = ns.models.Mediation(0.5, 0.1, 0.05, 0.3, 0.2, ideal_point=m, mediator_war_cost=0.1).solve()
    assert r.ideal_bounds == pytest.approx((0.675, 0.55 + np.sqrt(0.1)))
    assert r.credible == (0.675 <= m <= 0.55 + np.sqrt(0.1))


def test_without_mediator_is_the_two_type_risk_return():
    """No mediator: A's demand is the two-type risk-return optimum (grid check)."""
    r = ns.models.Mediation(0.5, 0.1, 0.05, 0.3, 0.2, ideal_point=0.5).solve()
    x = np.array([0.55, 0.8, *np.linspace(0, 1, 1001)])
    acc = 0.2 * (0.05 >= x - 0.5 - 1e-12) + 0.8 * (0.3 >= x - 0.5 - 1e-12)
    eu = acc * x + (1 - acc) * 0.4
    assert r.utility_without == pytest.approx(eu.max())
    assert r.p_war_without == pytest.approx(0.2)


def test_invalid_parameters():
    """Invalid parameters raise InvalidParameterError naming them."""
    with pytest.raises(InvalidParameterError, match="cost_high"):
        ns.models.Mediation(0.5, 0.1, 0.3, 0.05, 0.2, ideal_point=0.7)
    with pytest.raises(InvalidParameterError, match="mediator_war_cost"):
        ns.models.Mediation(0.5, 0.1, 0.05, 0.3, 0.2, ideal_point=0.7, mediator_war_cost=-1)
    with pytest.raises(InvalidParameterError, match="prob_low"):
        ns.models.Mediation(0.5, 0.1, 0.05, 0.3, 2.0, ideal_point=0.7)


def test_credible_ideal_points_are_shares():
    """Where x_L + sqrt(kappa) passes 1, the credible ideal points end at 1: an ideal point is a share."""
    r = ns.models.Mediation(0.5, 0.1, 0.15, 0.4, 0.5, ideal_point=0.8, mediator_war_cost=0.8).solve()
    x_low, x_high = 0.65, 0.9
    assert x_low + np.sqrt(0.8) > 1
    assert r.ideal_bounds == pytest.approx(((x_low + x_high) / 2, 1.0))
    assert r.credible and "[0.775, 1]" in r.describe()


def test_the_outcome_without_a_mediator_is_reused_only_for_the_same_numbers():
    """``solve`` reuses the bargaining without a mediator across ideal points and war costs; moving the other
    parameters away and back gives, every time, the outcome RiskReturn gives for those numbers."""
    import attrs

    from negotiation_sim.models import RiskReturn

    base = ns.models.Mediation(p=0.5, cost_a=0.1, cost_low=0.05, cost_high=0.3, prob_low=0.2, ideal_point=0.7,
                               mediator_war_cost=0.1)
    moves = [{}, {"prob_low": 0.6}, {"ideal_point": 0.2}, {"p": 0.3}, {}, {"cost_high": 0.31, "ideal_point": 0.1},
             {"prob_low": 0.6}, {"cost_a": 0.0}, {"cost_a": -0.0}, {}, {"mediator_war_cost": 2.0}]
    for move in moves * 2:
        model = attrs.evolve(base, **move)
        alone = RiskReturn.two_types(model.p, model.cost_a, model.cost_low, model.cost_high, model.prob_low).solve()
        result = model.solve()
        assert (result.demand_without, result.p_war_without, result.utility_without) == (
            alone.demand, alone.p_war, alone.expected_utility), move
