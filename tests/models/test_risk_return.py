"""Fearon's risk-return trade-off against a dense grid and scipy.optimize on an independent objective."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, stats

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

GRID = np.linspace(0, 1, 200_001)


def grid_optimum(p, ca, accept):
    """A's best demand on a dense grid, from its own expected utility (not the model's)."""
    acc = accept(GRID - p)
    eu = acc * GRID + (1 - acc) * (p - ca)
    k = int(np.argmax(eu))
    return GRID[k], 1 - acc[k], eu[k]


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1), st.floats(0, 0.5), st.floats(0.01, 0.8), st.floats(0, 0.3))
def test_uniform_matches_grid(p, ca, width, lo):
    """The uniform closed form (corners included) matches a dense grid search."""
    dist = stats.uniform(lo, width)
    r = ns.models.RiskReturn(p, ca, dist).solve()
    def accept(z):
        return 1 - np.clip((z - lo) / width, 0, 1)

    x, _, eu = grid_optimum(p, ca, accept)
    assert r.method == "uniform closed form"
    # No grid demand beats the closed form, and the grid comes within its spacing of it.
    assert eu - 1e-12 <= r.expected_utility <= eu + 1e-5
    assert r.demand == pytest.approx(x, abs=5e-3)
    assert r.p_war == pytest.approx(1 - accept(r.demand - p), abs=1e-12)


@pytest.mark.parametrize("p", [0.1, 0.3, 0.5])
def test_uniform_p_war_does_not_depend_on_p(p):
    """While interior, p_war = (cbar - c_A)/(2 cbar) whatever p (Fearon 1995, fn. 30)."""
    r = ns.models.RiskReturn(p, 0.1, stats.uniform(0, 0.4)).solve()
    assert r.p_war == pytest.approx((0.4 - 0.1) / (2 * 0.4))


def test_uniform_corners():
    """cbar <= c_A: demand exactly p, no war; p close to 1: demand the whole stake."""
    r = ns.models.RiskReturn(0.4, 0.5, stats.uniform(0, 0.3)).solve()
    assert (r.demand, r.p_war) == pytest.approx((0.4, 0.0))
    r = ns.models.RiskReturn(0.95, 0.0, stats.uniform(0, 0.4)).solve()
    assert r.demand == pytest.approx(1.0)
    assert r.p_war == pytest.approx(0.05 / 0.4)


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1), st.floats(0, 0.5), st.floats(0, 0.5), st.floats(0, 0.5), st.floats(0, 1))
def test_two_types_matches_grid(p, ca, c1, c2, q):
    """The two-type closed form matches a dense grid search over demands."""
    low, high = min(c1, c2), max(c1, c2)
    r = ns.models.RiskReturn.two_types(p, ca, low, high, q).solve()

    def accept(z):
        return q * (low >= z - 1e-12) + (1 - q) * (high >= z - 1e-12)

    # Grid points miss p + cost exactly; add the two candidate demands to the grid.
    extra = np.array([min(1, p + low), min(1, p + high)])
    x = np.concatenate([GRID, extra])
    acc = accept(x - p)
    eu = acc * x + (1 - acc) * (p - ca)
    assert r.expected_utility == pytest.approx(eu.max(), abs=1e-9)


@pytest.mark.parametrize("prob_low", [0.1, 0.6, 0.65, 0.9])
def test_two_types_both_sides_of_threshold(prob_low):
    """A risks war when the low-cost type is rare, plays safe when it is common."""
    # Risky pays (1 - q)(p + c_H) + q (p - c_A) = 0.8 - 0.4 q; safe pays 0.55; cut at q = 0.625.
    r = ns.models.RiskReturn.two_types(0.5, 0.1, 0.05, 0.3, prob_low).solve()
    if prob_low < 0.625:
        assert (r.demand, r.p_war) == pytest.approx((0.8, prob_low))
    else:
        assert (r.demand, r.p_war) == pytest.approx((0.55, 0.0))


@pytest.mark.parametrize(
    "dist", [stats.truncnorm(-1.0, 3.0, loc=0.2, scale=0.2), stats.expon(scale=0.15),
             stats.beta(2, 5, scale=0.5)]
)
def test_numeric_matches_scipy_optimize(dist):
    """The numeric optimum matches scipy.optimize on an independently written objective."""
    p, ca = 0.45, 0.05

    def neg_eu(x):
        acc = 1 - dist.cdf(x - p)
        return -(acc * x + (1 - acc) * (p - ca))

    starts = np.linspace(p, 1, 60)
    best = min((optimize.minimize_scalar(neg_eu, bounds=(a, b), method="bounded",
                                         options={"xatol": 1e-12})
                for a, b in zip(starts[:-1], starts[1:], strict=True)), key=lambda res: res.fun)
    r = ns.models.RiskReturn(p, ca, dist).solve()
    assert r.method == "numeric"
    assert r.expected_utility == pytest.approx(-best.fun, abs=1e-10)
    assert r.demand == pytest.approx(best.x, abs=1e-5)
    assert r.p_war == pytest.approx(dist.cdf(best.x - p), abs=1e-5)


@pytest.mark.parametrize(
    ("call", "name"),
    [(lambda: ns.models.RiskReturn(1.2, 0.1, stats.uniform(0, 1)), "p"),
     (lambda: ns.models.RiskReturn(0.5, -0.1, stats.uniform(0, 1)), "cost_a"),
     (lambda: ns.models.RiskReturn(0.5, 0.1, 0.3), "cost_b"),
     (lambda: ns.models.RiskReturn(0.5, 0.1, stats.norm(0.2, 0.1)), "cost_b"),
     (lambda: ns.models.RiskReturn(0.5, 0.1, stats.poisson(2)), "cost_b"),
     (lambda: ns.models.RiskReturn.two_types(0.5, 0.1, -0.1, 0.3, 0.5), "cost_low"),
     (lambda: ns.models.RiskReturn.two_types(0.5, 0.1, 0.1, 0.05, 0.5), "cost_high"),
     (lambda: ns.models.RiskReturn.two_types(0.5, 0.1, 0.1, 0.3, 1.5), "prob_low")],
)
def test_invalid_parameters(call, name):
    """Invalid parameters raise InvalidParameterError naming the parameter."""
    with pytest.raises(InvalidParameterError, match=name):
        call()
