"""Fearon's bargaining range against a brute-force grid of divisions (Fearon 1995, Figure 1)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


@settings(max_examples=80, deadline=None)
@given(st.floats(0, 1), st.floats(0, 0.6), st.floats(0, 0.6))
def test_range_is_the_set_both_prefer_to_war(p, ca, cb):
    """Every grid division inside the range beats war for both; every one outside does not."""
    low, high = ns.models.Fearon(p, ca, cb).bargaining_range()
    x = np.linspace(0, 1, 2001)
    both = (x >= p - ca - 1e-12) & (1 - x >= 1 - p - cb - 1e-12)
    inside = (x >= low - 1e-12) & (x <= high + 1e-12)
    assert np.array_equal(both, inside)


def test_solve_fields():
    """The result carries the war payoffs and the width."""
    r = ns.models.Fearon(0.3, 0.05, 0.1).solve()
    assert (r.war_payoff_a, r.war_payoff_b) == pytest.approx((0.25, 0.6))
    assert r.width == pytest.approx(0.15)
    assert "0.25" in r.describe()


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"p": 1.5, "cost_a": 0, "cost_b": 0}, "p"), ({"p": 0.5, "cost_a": -0.1, "cost_b": 0}, "cost_a"),
     ({"p": 0.5, "cost_a": 0.1, "cost_b": float("nan")}, "cost_b"),
     ({"p": "x", "cost_a": 0.1, "cost_b": 0.1}, "p")],
)
def test_invalid_parameters(kwargs, name):
    """Out-of-range parameters raise InvalidParameterError naming the parameter."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.Fearon(**kwargs)
