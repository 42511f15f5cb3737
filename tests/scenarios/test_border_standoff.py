"""Border standoff: checked against Chicken's closed form on both sides of the dominance threshold."""

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, UnknownNameError


def chicken_hold_probability(win, war, back):
    """Probability of holding firm that leaves the OTHER side indifferent: (T-R)/((T-R)+(S-P))."""
    return win / (win + (back - war))


@pytest.mark.parametrize(
    "params",
    [{}, {"russia_war_cost": 0.9, "nato_war_cost": 2.0}, {"stake": 2.0, "nato_concession_cost": 0.7}],
)
def test_mixed_equilibrium_matches_closed_form(params):
    """In the Chicken region the mixed equilibrium is the closed form's, and collision = product."""
    sc = ns.scenarios.border_standoff(**params)
    res = sc.solve()
    # Russia holds with the probability that makes NATO indifferent, and vice versa.
    q_russia = chicken_hold_probability(sc.nato_concession_cost, -sc.nato_war_cost, -sc.nato_concession_cost)
    q_nato = chicken_hold_probability(sc.stake, -sc.russia_war_cost, -sc.russia_audience_cost)
    assert res.outcomes["n_equilibria"] == 3
    assert res.outcomes["p_russia_holds"] == pytest.approx(q_russia, abs=1e-9)
    assert res.outcomes["p_nato_holds"] == pytest.approx(q_nato, abs=1e-9)
    assert res.outcomes["p_war"] == pytest.approx(q_russia * q_nato, abs=1e-9)


def test_below_audience_cost_russia_holds_firm_for_sure():
    """When war costs Russia less than backing down, holding firm is dominant: one pure equilibrium."""
    res = ns.scenarios.border_standoff(russia_war_cost=0.3, russia_audience_cost=0.5).solve()
    assert res.outcomes["n_equilibria"] == 1
    eq = res.equilibria[0]
    assert eq.support("Russia") == ("Hold firm",) and eq.support("NATO") == ("Back down",)
    assert res.outcomes["p_war"] == 0


def test_game_is_the_actors_payoff_matrix():
    """The scenario's game at the defaults is Russia().payoff_matrix(NATO())."""
    sc = ns.scenarios.BorderStandoff.from_actors()
    np.testing.assert_allclose(sc.build().payoffs, ns.actors.Russia().payoff_matrix(ns.actors.NATO()).payoffs)


def test_explain_quotes_the_article_and_names_what_would_change_it():
    """The explanation ties the numbers to the article's words."""
    text = ns.scenarios.border_standoff().explain()
    assert "coldly choose to use force" in text and "What would change it" in text


def test_bad_parameters():
    """Out-of-range and unknown parameters raise project errors naming them."""
    with pytest.raises(InvalidParameterError, match="nato_war_cost"):
        ns.scenarios.border_standoff(nato_war_cost=-1)
    with pytest.raises(UnknownNameError, match="leverage"):
        ns.scenarios.border_standoff().with_params(leverage=0.5)
    with pytest.raises(UnknownNameError, match="no_such"):
        ns.scenarios.get("no_such")
