"""Brinkmanship against a brute-force scan of the risk q (Dixit & Skeath, ch. 14)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


@settings(max_examples=60, deadline=None)
@given(st.floats(0.01, 5), st.floats(0.01, 5), st.floats(0.01, 5), st.floats(0.01, 5), st.floats(0, 1))
def test_window_matches_scan(g1, g2, h1, h2, p_hard):
    """q is in [q_min, q_max] iff the soft target complies and the threatener prefers the threat."""
    tw, tc, td = 1.0, 1.0 - g1, 1.0 - g1 - g2
    hc, ha, hd = 1.0, 1.0 - h1, 1.0 - h1 - h2
    r = ns.models.Brinkmanship(tw, tc, td, hc, ha, hd, p_hard).solve()
    q = np.linspace(0, 1, 2001)
    complies = tc >= q * td + (1 - q) * tw - 1e-12
    acceptable = p_hard * (q * hd + (1 - q) * ha) + (1 - p_hard) * hc >= ha - 1e-12
    works = complies & acceptable
    inside = (q >= r.q_min - 1e-9) & (q <= r.q_max + 1e-9)
    near = (np.abs(q - r.q_min) < 1e-6) | (np.abs(q - r.q_max) < 1e-6)
    assert np.array_equal(works[~near], inside[~near])
    assert r.feasible == bool(works[~near].any() or (r.q_min <= r.q_max))


def test_cuban_missile_crisis_acceptability():
    """Dixit & Skeath's acceptability bound q <= 0.375 (1 - p)/p with their payoffs."""
    for p in (0.3, 0.5, 0.7):
        r = ns.models.Brinkmanship(2, -4, -8, 1, -2, -10, p_hard=p).solve()
        assert r.q_max == pytest.approx(min(1.0, 0.375 * (1 - p) / p))


def test_invalid_orderings():
    """Payoffs in the wrong order and bad probabilities raise InvalidParameterError naming them."""
    with pytest.raises(InvalidParameterError, match="target_win"):
        ns.models.Brinkmanship(-4, 2, -8, 1, -2, -10, 0.2)
    with pytest.raises(InvalidParameterError, match="threat_comply"):
        ns.models.Brinkmanship(2, -4, -8, -2, 1, -10, 0.2)
    with pytest.raises(InvalidParameterError, match="p_hard"):
        ns.models.Brinkmanship(2, -4, -8, 1, -2, -10, 1.2)


def test_tiny_p_hard_does_not_divide_by_zero():
    """A probability so small that the expected loss underflows still gives q_max = 1."""
    r = ns.models.Brinkmanship(2, -4, -8, 1, -2, -10, p_hard=5e-324).solve()
    assert r.q_max == 1.0
