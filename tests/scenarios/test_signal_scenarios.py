"""The signalling scenarios: every sentence of explain() with a number or a direction, at several points."""

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.solvers.equilibrium import format_prob
from tests.models.test_costly_signal import TYPES, analyse, profile


def fmt(x):
    return format_prob(x)


# -- troops_signal ---------------------------------------------------------------------------------------

TROOPS_POINTS = [{}, {"west_war_cost": 0.2}, {"west_war_cost": 0.95}, {"russia_war_cost": 0.1},
                 {"russia_war_cost": 0.55}, {"russia_win_prob": 0.9, "russia_war_cost": 0.2}]


@pytest.mark.parametrize("params", TROOPS_POINTS)
def test_troops_sentences_against_brute_force(params):
    """Cost k v_r, threshold c/p, who mobilises, refusals and war: the numbers the text gives, by brute force."""
    sc = ns.scenarios.troops_signal(**params)
    res = sc.solve()
    o, text = res.outcomes, res.explain()
    p, c, k = sc.russia_win_prob, sc.russia_war_cost, sc.west_war_cost
    vr = c / p
    assert o["resolve_threshold"] == pytest.approx(vr) and o["mobilisation_cost"] == pytest.approx(k * vr)
    fights = p * TYPES - c >= 0
    assert np.array_equal(fights, TYPES >= vr)  # "one that would fight if refused"
    grid = analyse(sc.build(), "sunk", profile(vr, k * vr), np.r_[np.linspace(0, 1, 201), k * vr])
    assert grid["gain"] < 1e-3
    assert o["p_refuse"] == pytest.approx(grid["p_challenge"], abs=2e-3)
    assert o["p_war"] == pytest.approx(grid["p_war"], abs=2e-3)
    # talk alone: the West's belief is the prior share of fighters
    none = analyse(sc.build(), "sunk", np.zeros_like(TYPES), np.linspace(0, 1, 201))
    assert o["p_refuse_without_troops"] == pytest.approx(none["p_challenge"], abs=2e-3)
    assert o["p_war_without_troops"] == pytest.approx(none["p_war"], abs=2e-3)
    assert o["p_refuse"] == pytest.approx(o["p_refuse_without_troops"])  # "as often as ... without the troops"
    assert o["p_back_down"] == pytest.approx(vr / (vr + (1 - vr) * (1 - k)))
    for key in ("mobilisation_cost", "resolve_threshold", "p_mobilise", "p_refuse", "p_back_down", "p_war",
                "p_war_without_troops"):
        assert fmt(o[key]) in text, key


def test_troops_what_would_change_it():
    """West's cost of war up: costlier mobilisation, less war. Russia's cost up or win chance down: fewer mobilise, less war."""
    base = ns.scenarios.troops_signal()
    ks = [base.with_params(west_war_cost=k).solve().outcomes for k in (0.1, 0.4, 0.7, 0.9)]
    assert np.all(np.diff([o["mobilisation_cost"] for o in ks]) > 0)
    assert np.all(np.diff([o["p_war"] for o in ks]) < 0)
    for change in ({"russia_war_cost": c} for c in (0.1, 0.3, 0.5)), ({"russia_win_prob": p} for p in (0.9, 0.7, 0.5)):
        outs = [base.with_params(**ch).solve().outcomes for ch in change]
        assert np.all(np.diff([o["p_mobilise"] for o in outs]) < 0)
        assert np.all(np.diff([o["p_war"] for o in outs]) < 0)


def test_troops_joint_validity():
    """Russia's cost of war must stay below its chance of winning: both sides of the boundary."""
    sc = ns.scenarios.troops_signal()
    assert sc.is_valid(russia_war_cost=0.59)
    with pytest.raises(InvalidParameterError, match="russia_war_cost"):
        sc.with_params(russia_war_cost=0.6)
    assert sc.parameter_range("russia_war_cost")[1] == pytest.approx(0.6, abs=1e-8)


# -- public_private --------------------------------------------------------------------------------------

PUBLIC_POINTS = [{}, {"west_war_cost": 0.1}, {"west_war_cost": 0.9}, {"russia_war_cost": 0.55},
                 {"russia_war_cost": 0.05, "west_war_cost": 0.3}]


@pytest.mark.parametrize("params", PUBLIC_POINTS)
def test_public_private_sentences_against_brute_force(params):
    """Private: babbling numbers; public: the audience cost, who commits (and fights), refusals, war, payoffs."""
    sc = ns.scenarios.public_private(**params)
    res = sc.solve()
    o, text = res.outcomes, res.explain()
    p, c = sc.russia_win_prob, sc.russia_war_cost
    none = analyse(sc.build(), "tie", np.zeros_like(TYPES), np.zeros(1))
    assert o["p_refuse_private"] == pytest.approx(none["p_challenge"], abs=2e-3)
    assert o["p_war_private"] == pytest.approx(none["p_war"], abs=2e-3)
    a, vt = o["audience_cost"], o["public_cutoff"]
    assert np.all(p * TYPES[TYPES >= vt] - c >= -a - 1e-12)  # "commits itself and would fight": no bluff
    tie = analyse(sc.build(), "tie", profile(vt, a), np.r_[np.linspace(0, 1.2, 241), a])
    assert tie["gain"] < 1e-3
    assert o["p_refuse_public"] == pytest.approx(tie["p_challenge"], abs=2e-3)
    assert o["p_war_public"] == pytest.approx(tie["p_war"], abs=2e-3)
    assert o["russia_payoff_public"] == pytest.approx(tie["defender_payoff"], abs=2e-3)
    assert o["russia_payoff_private"] == pytest.approx(none["defender_payoff"], abs=2e-3)
    war_word = "raises" if tie["p_war"] > none["p_war"] else "lowers"
    pay_word = "raises" if tie["defender_payoff"] > none["defender_payoff"] else "lowers"
    assert f"going public {war_word} the risk of war and {pay_word} Russia's" in text
    for key in ("p_refuse_private", "p_war_private", "audience_cost", "public_cutoff", "p_refuse_public",
                "p_war_public", "russia_payoff_private", "russia_payoff_public"):
        assert fmt(o[key]) in text, key


def test_public_private_war_word_takes_both_values():
    """Going public raises the risk of war when the West's cost of war is low, lowers it at the default."""
    assert "going public raises the risk" in ns.scenarios.public_private(west_war_cost=0.1).explain()
    assert "going public lowers the risk" in ns.scenarios.public_private().explain()


def test_public_private_what_would_change_it():
    """A costlier war for the West: fewer refusals in both settings; a costlier war for Russia: fewer commit."""
    base = ns.scenarios.public_private()
    outs = [base.with_params(west_war_cost=k).solve().outcomes for k in (0.1, 0.3, 0.6, 0.9)]
    assert np.all(np.diff([o["p_refuse_private"] for o in outs]) < 0)
    assert np.all(np.diff([o["p_refuse_public"] for o in outs]) < 0)
    outs = [base.with_params(russia_war_cost=c).solve().outcomes for c in (0.05, 0.2, 0.4, 0.55)]
    assert np.all(np.diff([o["p_commit_public"] for o in outs]) < 0)


# -- feasible_suggestions --------------------------------------------------------------------------------

@pytest.mark.parametrize("b", [0.01, 0.05, 0.1, 0.2, 0.24, 0.25, 0.3, 0.45, 0.5, 0.6])
def test_feasible_suggestions_sentences(b):
    """Ranges, first boundary and losses as the text gives them; babbling from 1/4; no mediation gain from 1/2."""
    sc = ns.scenarios.feasible_suggestions(bias=b)
    o, text = sc.solve().outcomes, sc.explain()
    n = int(np.ceil(-0.5 + 0.5 * np.sqrt(1 + 2 / b)))
    assert o["max_intervals"] == n
    if b >= 0.25:
        assert n == 1 and o["babbling"] == 1.0 and "babbling" in text and "1/12 = 0.08333" in text
    else:
        assert f"which of {n} ranges" in text
        assert o["first_boundary"] == pytest.approx(1 / n + 2 * b * (1 - n))
        assert o["west_loss"] == pytest.approx(1 / (12 * n**2) + b**2 * (n**2 - 1) / 3)
        assert fmt(o["first_boundary"]) in text and fmt(o["west_loss"]) in text
    if b < 0.5:
        assert o["west_loss_mediated"] == pytest.approx(b * (1 - b) / 3) and fmt(o["west_loss_mediated"]) in text
    else:
        assert o["mediation_gain"] == 0 and "not even an optimal mediator" in text


def test_feasible_suggestions_larger_bias_never_adds_ranges():
    """'A larger bias never adds ranges': the count is non-increasing over a fine grid of biases."""
    counts = [ns.scenarios.feasible_suggestions(bias=b).solve().outcomes["max_intervals"]
              for b in np.linspace(0.002, 0.6, 300)]
    assert np.all(np.diff(counts) <= 0) and counts[-1] == 1


# -- french_public ---------------------------------------------------------------------------------------

def brute_share(reservation, d_a, d_b):
    x = np.linspace(0, 1, 200_001)
    ok = (x >= reservation) & (x >= d_a) & (1 - x >= d_b)
    return x[np.argmax(np.where(ok, (x - d_a) * (1 - x - d_b), -np.inf))] if ok.any() else np.nan


@pytest.mark.parametrize(("reservation", "wedge", "branch"), [
    (0.6, 0.15, "does not bind"), (0.8, 0.15, "hands are tied"), (0.52, 0.01, "hands are tied"),
    (1.0, 0.05, "do not overlap"), (1.0, 0.2, "hands are tied"), (0.3, 0.0, "does not bind"),
])
def test_french_public_sentences(reservation, wedge, branch):
    """Each branch of the text at points on both sides of the Nash share and of Russia's ceiling, by brute force."""
    sc = ns.scenarios.french_public(median_reservation=reservation, wedge=wedge)
    o, text = sc.solve().outcomes, sc.explain()
    assert branch in text
    share = brute_share(reservation - wedge, 0.1, 0.1)
    before = brute_share(reservation, 0.1, 0.1)
    if np.isnan(share):
        assert o["agreement"] == 0.0
    else:
        assert o["share_france"] == pytest.approx(share, abs=1e-5) and fmt(o["share_france"]) in text
    if not np.isnan(before):
        assert o["share_france_without_wedge"] == pytest.approx(before, abs=1e-5)
        assert f"the wedge is worth {fmt(o['russia_wedge_gain'])}" in text
    else:
        assert "Without the appeal" not in text


def test_french_public_what_would_change_it():
    """Above the Nash share each point of reservation is a point for France up to 0.9; the wedge pays only there."""
    sc = ns.scenarios.french_public(wedge=0.0)
    grid = np.linspace(0.52, 0.88, 10)
    shares = [sc.with_params(median_reservation=r).solve().outcomes["share_france"] for r in grid]
    assert shares == pytest.approx(grid.tolist())
    assert sc.with_params(median_reservation=0.91).solve().outcomes["agreement"] == 0.0
    for r in (0.2, 0.45, 0.55, 0.7):
        gain = ns.scenarios.french_public(median_reservation=r, wedge=0.1).solve().outcomes["russia_wedge_gain"]
        assert (gain > 1e-12) == (r > 0.5)
    with pytest.raises(InvalidParameterError, match="france_disagreement"):
        sc.with_params(france_disagreement=0.6, russia_disagreement=0.5)
