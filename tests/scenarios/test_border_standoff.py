"""Border standoff: checked against Chicken's closed form on both sides of the dominance threshold."""

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, UnknownNameError
from negotiation_sim.solvers.equilibrium import format_prob


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


REGION_POINTS = [
    {}, {"russia_war_cost": 0.3}, {"nato_war_cost": 0.3}, {"russia_war_cost": 0.3, "nato_war_cost": 0.3},
    {"russia_war_cost": 0.9, "nato_war_cost": 2.0}, {"russia_audience_cost": 0.0}, {"stake": 2.0, "nato_war_cost": 0.5},
]


@pytest.mark.parametrize("params", REGION_POINTS)
def test_equilibria_are_gambits_and_outcomes_come_from_each(params):
    """Every equilibrium is one of pygambit's; each one's outcomes are read off its own strategies."""
    from tests.oracle import enummixed, same_profile_sets

    sc = ns.scenarios.border_standoff(**params)
    res = sc.solve()
    missed, spurious = same_profile_sets([e.strategies for e in res.equilibria], enummixed(sc.build().payoffs))
    assert not missed and not spurious
    for eq in res.equilibria:
        out = sc.outcomes_of(eq)
        r, n = eq.strategy("Russia")["Hold firm"], eq.strategy("NATO")["Hold firm"]
        assert out["p_war"] == pytest.approx(r * n)
        assert (out["p_russia_holds"], out["p_nato_holds"]) == (pytest.approx(r), pytest.approx(n))
        u = sc.build().expected_payoffs(eq.strategies)
        assert (out["payoff_russia"], out["payoff_nato"]) == (pytest.approx(u[0]), pytest.approx(u[1]))


@pytest.mark.parametrize("params", REGION_POINTS)
def test_headline_is_the_closed_forms_equilibrium(params):
    """In Chicken the headline is the mixed equilibrium of the indifference conditions; otherwise the unique one."""
    sc = ns.scenarios.border_standoff(**params)
    res = sc.solve()
    assert res.selected is not None and res.selected_equilibrium is res.equilibria[res.selected]
    assert res.equilibrium_outcomes[res.selected]["p_war"] == pytest.approx(res.outcomes["p_war"])
    chicken = sc.russia_audience_cost < sc.russia_war_cost and sc.nato_concession_cost < sc.nato_war_cost
    if chicken:
        q = sc.nato_concession_cost / sc.nato_war_cost
        r = sc.stake / (sc.stake + sc.russia_war_cost - sc.russia_audience_cost)
        assert res.outcomes["n_equilibria"] == 3
        assert (res.outcomes["p_russia_holds"], res.outcomes["p_nato_holds"]) == (pytest.approx(q), pytest.approx(r))
        # "in two of them one side backs down": the two pure equilibria, each side backing down in one
        pure = sorted((e.support("Russia"), e.support("NATO")) for e in res.equilibria if e.is_pure)
        assert pure == [(("Back down",), ("Hold firm",)), (("Hold firm",), ("Back down",))]
    else:
        assert res.outcomes["n_equilibria"] == 1
        r_firm = sc.russia_war_cost < sc.russia_audience_cost
        n_firm = sc.nato_war_cost < sc.nato_concession_cost
        # Dominance by hand: a side that prefers war to backing down holds firm; the other best-responds.
        r_hold = 1.0 if r_firm else (0.0 if n_firm else None)
        n_hold = 1.0 if n_firm else (0.0 if r_firm else None)
        assert (res.outcomes["p_russia_holds"], res.outcomes["p_nato_holds"]) == (r_hold, n_hold)
        assert res.outcomes["p_war"] == r_hold * n_hold


@pytest.mark.parametrize("nato_war_cost", [0.5, 1.0, 2.0, 4.0])
def test_mixed_strategy_paradox_nato_payoffs_move_russias_probability(nato_war_cost):
    """Changing NATO's cost of war moves Russia's probability (k_N / c_N) and leaves NATO's unchanged."""
    base = ns.scenarios.border_standoff().solve().outcomes
    out = ns.scenarios.border_standoff(nato_war_cost=nato_war_cost).solve().outcomes
    assert out["p_nato_holds"] == pytest.approx(base["p_nato_holds"])
    assert out["p_russia_holds"] == pytest.approx(0.4 / nato_war_cost)


@pytest.mark.parametrize(("russia_war_cost", "stake"), [(0.6, 1.0), (0.9, 1.0), (2.0, 1.0), (0.6, 3.0)])
def test_mixed_strategy_paradox_russias_payoffs_move_natos_probability(russia_war_cost, stake):
    """Changing Russia's payoffs moves NATO's probability (s / (s + c_R - a_R)) and leaves Russia's unchanged."""
    out = ns.scenarios.border_standoff(russia_war_cost=russia_war_cost, stake=stake).solve().outcomes
    assert out["p_russia_holds"] == pytest.approx(0.4)
    assert out["p_nato_holds"] == pytest.approx(stake / (stake + russia_war_cost - 0.5))


def test_war_falls_as_either_cost_of_war_rises():
    """In the mixed equilibrium P(war) = q r falls with c_R and with c_N (Chicken region, several points)."""
    by_russia = [ns.scenarios.border_standoff(russia_war_cost=c).solve().outcomes["p_war"] for c in (0.55, 0.8, 1.5, 3)]
    by_nato = [ns.scenarios.border_standoff(nato_war_cost=c).solve().outcomes["p_war"] for c in (0.45, 0.8, 1.5, 3)]
    assert np.all(np.diff(by_russia) < 0) and np.all(np.diff(by_nato) < 0)


@pytest.mark.parametrize(("params", "phrase"), [
    ({}, "the standoff is Chicken with 3 equilibria"),
    ({"russia_war_cost": 0.3}, "holding firm is dominant for it: NATO backs down"),
    ({"nato_war_cost": 0.3}, "holding firm is dominant for it: Russia backs down"),
    ({"russia_war_cost": 0.3, "nato_war_cost": 0.3}, "they go to war for sure"),
])
def test_explanation_names_the_region(params, phrase):
    """Each region gets its own sentence; the paradox is explained in Chicken only, with the computed numbers."""
    sc = ns.scenarios.border_standoff(**params)
    text, out = sc.explain(), sc.solve().outcomes
    assert phrase in text
    assert ("mixed-strategy paradox" in text) == (sc.region == "chicken")
    if sc.region == "chicken":
        assert f"NATO's {format_prob(out['p_nato_holds'])} = s / (s + c_R - a_R)" in text
        assert f"Russia's {format_prob(out['p_russia_holds'])} = k_N / c_N" in text


@pytest.mark.parametrize(("c_r", "c_n", "word"), [(0.6, 1.0, "below"), (1.5, 1.0, "above"), (1.0, 1.0, "equal to")])
def test_explanation_compares_the_costs_of_war_as_they_are(c_r, c_n, word):
    """The sentence on the article's asymmetry says below/above as the parameters are."""
    text = ns.scenarios.border_standoff(russia_war_cost=c_r, nato_war_cost=c_n).explain()
    assert f"Russia's cost of war ({format_prob(c_r)}) is {word} NATO's" in text
    assert ("against the article's asymmetry" in text) == (c_r >= c_n)


@pytest.mark.parametrize("params", [{"russia_war_cost": 0.5}, {"nato_war_cost": 0.4},
                                    {"russia_war_cost": 0.2, "russia_audience_cost": 0.2}])
def test_degenerate_ties_single_out_no_equilibrium(params):
    """On a tie the game is degenerate: the extreme equilibria are Gambit's, none is selected, the text says so."""
    from tests.oracle import enummixed, same_profile_sets

    sc = ns.scenarios.border_standoff(**params)
    res = sc.solve()
    assert sc.region == "degenerate" and res.selected is None
    assert set(res.outcomes) == {"n_equilibria"}
    missed, spurious = same_profile_sets([e.strategies for e in res.equilibria], enummixed(sc.build().payoffs))
    assert not missed and not spurious
    assert "the game is degenerate and its equilibria form a continuum" in sc.explain()
    low, high = sc.parameter_range("russia_war_cost")
    assert low == 0 and high == np.inf
