"""Asking the impossible: the closed forms against a grid search written here, on both sides of each corner."""

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.solvers.equilibrium import format_prob

GRID = np.linspace(0, 1, 200_001)


def uniform_optimum(p, c_a, cbar):
    """Russia's best demand and P(war) on a fine grid: U(x) = (1 - F(x - p)) x + F(x - p)(p - c_A), F uniform."""
    F = np.clip((GRID - p) / cbar, 0, 1)
    u = (1 - F) * GRID + F * (p - c_a)
    k = int(np.argmax(u))
    return GRID[k], F[k], u[k]


def two_type_optimum(p, c_a, c_low, c_high, q):
    """Best demand against two types by comparing every demand on the grid (ties: the safe one)."""
    accept = q * (c_low >= GRID - p - 1e-12) + (1 - q) * (c_high >= GRID - p - 1e-12)
    u = accept * GRID + (1 - accept) * (p - c_a)
    k = int(np.flatnonzero(u >= u.max() - 1e-12)[0])
    return GRID[k], 1 - accept[k]


POINTS = [{}, {"win_probability": 0.3}, {"cost_a": 0.3, "cost_b_max": 0.4}, {"win_probability": 0.9},
          {"cost_a": 0.6}, {"win_probability": 1.0}, {"prob_low": 0.69}, {"prob_low": 0.71},
          {"cost_low": 0.5}, {"win_probability": 0.2, "cost_b_max": 2.0}]


@pytest.mark.parametrize("params", POINTS)
def test_outcomes_against_grid_search(params):
    """Uniform and two-type demands, P(war), Russia's payoff and the Fearon range, recomputed here."""
    sc = ns.scenarios.maximal_demand(**params)
    p, c_a, cbar = sc.win_probability, sc.cost_a, sc.cost_b_max
    out = sc.solve().outcomes
    x, war, u = uniform_optimum(p, c_a, cbar)
    assert out["demand"] == pytest.approx(x, abs=1e-4)
    assert out["p_war"] == pytest.approx(war, abs=1e-3)
    assert out["expected_utility"] == pytest.approx(u, abs=1e-6)
    x2, war2 = two_type_optimum(p, c_a, sc.cost_low, cbar, sc.prob_low)
    assert out["two_type_demand"] == pytest.approx(x2, abs=1e-5)
    assert out["two_type_p_war"] == pytest.approx(war2)
    # Fearon at the mean cost cbar / 2: Russia accepts x >= p - c_A, the West x <= p + cbar / 2.
    assert (out["range_low"], out["range_high"]) == (pytest.approx(max(0, p - c_a)), pytest.approx(min(1, p + cbar / 2)))


@pytest.mark.parametrize("p", [0.2, 0.3, 0.5, 0.7, 0.79])
def test_war_risk_does_not_depend_on_p_while_interior(p):
    """Interior: P(war) = (cbar - c_A)/(2 cbar) = 0.4 whatever p; the explanation says so."""
    sc = ns.scenarios.maximal_demand(win_probability=p)
    assert sc.interior
    assert sc.solve().outcomes["p_war"] == pytest.approx(0.4)
    assert "not on Russia's military edge" in sc.explain()


@pytest.mark.parametrize("p", [0.81, 0.9, 0.95])
def test_at_the_corner_war_risk_falls_with_p(p):
    """Past p + (cbar - c_A)/2 = 1 Russia demands everything and P(war) = (1 - p)/cbar, falling in p."""
    sc = ns.scenarios.maximal_demand(win_probability=p)
    out = sc.solve().outcomes
    assert not sc.interior and out["demand"] == pytest.approx(1.0)
    assert out["p_war"] == pytest.approx((1 - p) / 0.5)
    assert "falls as Russia's military edge p rises" in sc.explain()


@pytest.mark.parametrize(("cost_a", "risky"), [(0.3, True), (0.49, True), (0.5, False), (0.8, False)])
def test_no_gamble_once_russias_cost_reaches_the_wests_largest(cost_a, risky):
    """With c_A >= cbar the demand is p and war has probability 0; the explanation says why."""
    sc = ns.scenarios.maximal_demand(cost_a=cost_a)
    out, text = sc.solve().outcomes, sc.explain()
    assert (out["p_war"] > 0) == risky
    if not risky:
        assert out["demand"] == pytest.approx(sc.win_probability)
        assert "which every West accepts" in text
    else:
        assert f"accepts a {format_prob(out['p_war'])} probability of war" in text


@pytest.mark.parametrize("q", [0.5, 0.69, 0.71, 0.9])
def test_two_types_switch_at_0_7(q):
    """Safe demand p + c_low = 0.65 against risky 1 (payoff 1 - q/2): safe iff q > 0.7, stated in the text."""
    sc = ns.scenarios.maximal_demand(prob_low=q)
    out = sc.solve().outcomes
    assert out["two_type_demand"] == pytest.approx(0.65 if q > 0.7 else 1.0)
    assert f"the demand is {format_prob(out['two_type_demand'])} and the probability of war" in sc.explain()


def test_cost_low_above_cost_b_max_is_refused():
    """The low-cost West's cost cannot exceed the high one's: a joint constraint naming both."""
    with pytest.raises(InvalidParameterError, match="cost_low .* cost_b_max"):
        ns.scenarios.maximal_demand(cost_low=0.6)
    with pytest.raises(InvalidParameterError, match="cost_low"):
        ns.scenarios.maximal_demand(cost_b_max=0.04)


@pytest.mark.parametrize("cbar", [0.5, 0.2, 1.5])
def test_parameter_range_of_cost_low_ends_at_cost_b_max(cbar):
    """cost_low's valid interval is [0, cost_b_max]; cost_b_max's starts at cost_low."""
    sc = ns.scenarios.maximal_demand(cost_b_max=cbar)
    lo, hi = sc.parameter_range("cost_low")
    assert lo == 0 and hi == pytest.approx(cbar, abs=1e-8)
    assert sc.parameter_range("cost_b_max")[0] == pytest.approx(sc.cost_low, abs=1e-8)


@pytest.mark.parametrize("params", POINTS)
def test_explanation_states_the_range_and_two_type_numbers(params):
    """The bargaining range and the two-type numbers in the text are the computed outcomes."""
    sc = ns.scenarios.maximal_demand(**params)
    out, text = sc.solve().outcomes, sc.explain()
    assert f"[{format_prob(out['range_low'])}, {format_prob(out['range_high'])}] would beat war for both" in text
    assert f"probability of war {format_prob(out['two_type_p_war'])}." in text
