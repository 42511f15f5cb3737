"""The mediation scenario: the sequential compromise game against backward induction written here."""

import itertools
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.solvers._subgame_perfect import count_subgame_perfect


def brute_force_spe_outcomes(sc):
    """Backward induction by hand: the set of (proposal, deal?) outcomes over every pure SPE (ties kept)."""
    xs = np.round(np.linspace(0, sc.demand, sc.n_proposals), 12)
    war = (-sc.france_war_cost, sc.win_probability - sc.russia_war_cost,
           -sc.ukraine_war_cost - sc.win_probability * sc.sovereignty_value)
    options = []  # per proposal: the France payoffs it can lead to, with whether a deal results
    for x in xs:
        deal = (sc.influence - (x - sc.mediator_bias) ** 2, x, -sc.sovereignty_value * x)
        # Ukraine's optimal answers (both when indifferent), then Russia's given each.
        u_answers = [("deal", deal)] * int(deal[2] >= war[2] - 1e-12) + [("war", war)] * int(deal[2] <= war[2] + 1e-12)
        outs = set()
        for u_kind, after_accept in u_answers:
            if after_accept[1] >= war[1] - 1e-12:
                outs.add((u_kind == "deal", after_accept[0]))
            if after_accept[1] <= war[1] + 1e-12:
                outs.add((False, war[0]))
        options.append(outs)
    results = set()
    for choice in itertools.product(*[sorted(o) for o in options]):
        values = [v for _, v in choice]
        best = max(values)
        for k, (is_deal, v) in enumerate(choice):
            if v >= best - 1e-12:
                results.add((round(float(xs[k]), 9), is_deal))
    return results


def solver_outcomes(sc):
    res = sc.solve()
    out = set()
    for eq in res.equilibria:
        o = sc.outcomes_of(eq)
        out.add((round(o["proposal"], 9), o["p_compromise"] > 0.5))
    return res, out


def test_defaults_have_a_subgame_perfect_compromise():
    """At the defaults the unique SPE has France propose 0.5 and both accept (backward induction by hand)."""
    sc = ns.scenarios.mediation()
    res, ours = solver_outcomes(sc)
    assert ours == brute_force_spe_outcomes(sc) == {(0.5, True)}
    assert res.outcomes["p_compromise"] == 1 and res.outcomes["proposal"] == 0.5
    assert len(res.equilibria) == 1 and res.equilibria[0].regret <= res.equilibria[0].tol


@pytest.mark.parametrize(("params", "why"), [
    ({"win_probability": 0.9}, "Russia's war value 0.75 exceeds its own demand 0.7: every proposal is rejected"),
    ({"russia_war_cost": 0.0, "ukraine_war_cost": 0.0, "win_probability": 0.65},
     "costless war: the only division both accept, 0.65, is not on France's grid"),
    ({"influence": 0.0, "france_war_cost": 0.0, "mediator_bias": 0.0}, "France prefers war to any accepted deal"),
    ({"n_proposals": 2, "demand": 0.4}, "the grid {0, 0.4} misses Russia's range above 0.45"),
])
def test_where_the_compromise_fails(params, why):
    """Outside the region where a proposal both accept exists and France prefers it, every SPE is war."""
    sc = ns.scenarios.mediation(**params)
    res, ours = solver_outcomes(sc)
    assert ours == brute_force_spe_outcomes(sc), why
    assert all(not deal for _, deal in ours), why
    assert res.outcomes["p_compromise"] == 0 and res.outcomes["n_compromises"] == 0
    assert "end in war" in res.explain()


@settings(max_examples=25, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 0.6), st.floats(0.1, 1),
       st.floats(0.1, 3), st.floats(0, 1.5), st.integers(2, 12))
def test_spe_set_matches_backward_induction(bias, influence, p, russia_cost, demand, sov, ukr_cost, n):
    """Random points: the solver's SPE outcomes are exactly the hand-written backward induction's."""
    sc = ns.scenarios.mediation(mediator_bias=bias, influence=influence, win_probability=p,
                                russia_war_cost=russia_cost, demand=demand, sovereignty_value=sov,
                                ukraine_war_cost=ukr_cost, n_proposals=n)
    res, ours = solver_outcomes(sc)
    if res.equilibria.complete:
        assert ours == brute_force_spe_outcomes(sc)
    else:  # ties: too many to list; the listed ones are the first of the rest
        assert ours <= brute_force_spe_outcomes(sc)
        assert res.outcomes["n_listed"] == len(res.equilibria) < res.outcomes["n_equilibria"]


def test_a_tied_point_speaks_of_the_listed_equilibria_only():
    """Costless war, a sure loss for Russia and an indifferent Ukraine: 15,872 pure SPE (every answer ties),
    of which the solver lists the first 5,882; the text's count is of those, beside the exact total."""
    sc = ns.scenarios.mediation(mediator_bias=0.0, influence=0.0, win_probability=0.0, russia_war_cost=0.0,
                                demand=1.0, sovereignty_value=1.0, ukraine_war_cost=0.0, n_proposals=10)
    res, ours = solver_outcomes(sc)
    total = count_subgame_perfect(sc.compromise_game())
    assert not res.equilibria.complete and len(res.equilibria) < total
    assert res.outcomes["n_equilibria"] == total and res.outcomes["n_listed"] == len(res.equilibria)
    deals = sum(sc.outcomes_of(e)["p_compromise"] > 1 - 1e-9 for e in res.equilibria)
    assert res.outcomes["n_compromises"] == deals
    assert (f"in {deals} of the first {len(res.equilibria)} listed of its {total} pure subgame-perfect "
            "equilibria both accept") in res.explain()
    assert ours <= brute_force_spe_outcomes(sc)


@pytest.mark.parametrize("params", [{}, {"russia_war_cost": 0.1}, {"win_probability": 0.9}, {"n_proposals": 15}])
def test_outcomes_of_reads_each_equilibrium(params):
    """p_compromise from the strategies equals the probability of the 'Deal' terminals the solver reports."""
    sc = ns.scenarios.mediation(**params)
    res = sc.solve()
    for eq in res.equilibria:
        o = sc.outcomes_of(eq)
        deal = sum(p for z, p in eq.outcomes.items() if z.startswith("Deal"))
        assert o["p_compromise"] == pytest.approx(deal)
        assert o["p_war_talks"] == pytest.approx(1 - deal)
    selected = [sc.outcomes_of(e) for e in res.equilibria]
    best = next((o for o in selected if o["p_compromise"] == 1), selected[0])
    for k, v in best.items():
        assert res.outcomes[k] == pytest.approx(v)


def test_the_game_is_sequential():
    """Each response is made having seen the proposal: perfect information, a node per proposal."""
    t = ns.scenarios.mediation().compromise_game()
    assert t.is_perfect_information()
    assert "having seen it" in t.title and "France proposes" in t.title
    russia_nodes = [n for n in t.nodes() if n.player == "Russia"]
    assert len(russia_nodes) == ns.scenarios.mediation().n_proposals


def numbers(text):
    return [float(v) for v in re.findall(r"-?\d+\.?\d*", text)]


@pytest.mark.parametrize("params", [{}, {"mediator_bias": 0.85}, {"mediator_bias": 0.8, "france_war_cost": 0.01},
                                    {"win_probability": 0.9}, {"west_cost_high": 0.6, "prob_resolved": 0.8},
                                    {"mediator_bias": 0.85, "prob_resolved": 0.8}])
def test_explanation_numbers(params):
    """Every number of the explanation is recomputed here: Kydd's range, war risks, demand, acceptance range."""
    sc = ns.scenarios.mediation(**params)
    text = sc.solve().explain().split("\n")
    p, lo, hi = sc.win_probability, sc.west_cost_low, sc.west_cost_high
    x_l, x_h = min(1, p + lo), min(1, p + hi)
    low, high = (x_l + x_h) / 2, min(1.0, x_l + np.sqrt(sc.france_war_cost))  # ideal points are shares
    credible = low <= sc.mediator_bias <= high
    kydd = numbers(text[2].replace("Kydd's", ""))
    assert kydd[:3] == pytest.approx([sc.mediator_bias, low, high], abs=5e-5)
    # Without the mediator Russia demands x_L (no war) or x_H (war with the resolved West's probability).
    u_low, u_high = x_l, (1 - sc.prob_resolved) * x_h + sc.prob_resolved * (p - sc.russia_war_cost)
    demand, p_war = (x_h, sc.prob_resolved) if u_high > u_low else (x_l, 0.0)
    if credible and p_war > 0:
        assert "in the credible range" in text[2] and kydd[3:] == pytest.approx([p_war, 0.0], abs=5e-5)
        assert "falls from" in text[2]
    elif credible:  # nothing to fall from: alone Russia already demands what every West accepts
        assert "stays at" in text[2] and kydd[3:] == pytest.approx([0.0], abs=5e-5)
    else:
        assert "outside the credible range" in text[2] and kydd[3:] == pytest.approx([demand, p_war], abs=5e-5)
    game = numbers(text[3])
    assert game[:2] == pytest.approx([p - sc.russia_war_cost, p + sc.ukraine_war_cost / sc.sovereignty_value],
                                     abs=5e-5)
    spe = brute_force_spe_outcomes(sc)
    deals = sorted(x for x, d in spe if d)
    if deals:
        assert game[2] == len(deals) and game[3] == len(spe) and game[4] == pytest.approx(deals[0])
    else:
        assert "end in war" in text[3]


@pytest.mark.parametrize("p", [0.2, 0.5, 0.8])
@pytest.mark.parametrize("costs", [(0.05, 0.3), (0.0, 0.2), (0.1, 0.15)])
def test_credible_only_when_leaning_towards_russia(p, costs):
    """Kydd's direction: France is credible to Russia only with an ideal share for Russia above Russia's war odds."""
    for bias in np.linspace(0, 1, 51):
        sc = ns.scenarios.mediation(mediator_bias=float(bias), win_probability=p, west_cost_low=costs[0],
                                    west_cost_high=costs[1])
        if sc.solve().outcomes["credible"]:
            x_l, x_h = min(1, p + costs[0]), min(1, p + costs[1])
            assert bias >= (x_l + x_h) / 2 - 1e-12 >= p - 1e-12


def reversed_order_outcomes(sc):
    """The same game with Ukraine answering first, built here, solved by the generic solver."""
    t = ns.GameTree(players=("France", "Russia", "Ukraine"))
    war = sc.war_payoffs()
    for node, x in zip(t.root.move("France", sc.proposal_names()), sc.proposals(), strict=True):
        accept, reject = node.move("Ukraine", ["Accept", "Reject"])
        reject.payoffs(war)
        yes, no = accept.move("Russia", ["Accept", "Reject"])
        no.payoffs(war)
        yes.payoffs(sc.deal_payoffs(float(x)))
    value = dict(zip(sc.proposal_names(), sc.proposals(), strict=True))
    out = set()
    for eq in ns.solve(t):
        (path, _), = eq.outcomes.items()
        x = float(value[path.split("/")[0]])
        out.add((round(x, 9), path.endswith("Accept/Accept")))
    return out


@pytest.mark.parametrize("params", [{}, {"win_probability": 0.9, "n_proposals": 4},
                                    {"ukraine_war_cost": 0.05, "sovereignty_value": 3.0}, {"mediator_bias": 0.9}])
def test_the_order_of_the_answers_does_not_matter(params):
    """As the module says: Ukraine answering first gives the same subgame-perfect outcomes (small grids: answering
    first, Ukraine is indifferent wherever Russia will reject, which multiplies the equilibria)."""
    sc = ns.scenarios.mediation(**params)
    assert reversed_order_outcomes(sc) == solver_outcomes(sc)[1]


def test_a_tied_point_without_a_listed_deal_speaks_of_the_listed_only():
    """The wording when no listed equilibrium is a deal and the list is cut: 'in each of the first N listed',
    never 'every subgame-perfect equilibrium' (no parameter point found gives it; the outcomes are set so)."""
    import attrs

    sc = ns.scenarios.mediation(mediator_bias=0.0, influence=0.0, win_probability=0.0, russia_war_cost=0.0,
                                demand=1.0, sovereignty_value=1.0, ukraine_war_cost=0.0, n_proposals=10)
    res = sc.solve()
    text = sc.explain_result(attrs.evolve(res, outcomes={**res.outcomes, "n_compromises": 0}))
    n, total = int(res.outcomes["n_listed"]), int(res.outcomes["n_equilibria"])
    assert f"in each of the first {n} listed of its {total} pure subgame-perfect equilibria the talks end in war" in text
    assert "every subgame-perfect equilibrium" not in text
