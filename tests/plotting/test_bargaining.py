"""The bargaining plots draw on the Axes they are given and show the model's numbers."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy import stats

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


def test_fearon_range_on_given_axes():
    """The shaded span is the bargaining range and the given Axes is returned."""
    _, ax = plt.subplots()
    out = ns.plotting.bargaining_range(ns.models.Fearon(0.6, 0.1, 0.2), ax=ax, color="orange")
    assert out is ax
    x0, x1 = ax.patches[0].get_path().transformed(ax.patches[0].get_patch_transform()).get_extents().intervalx
    assert (x0, x1) == pytest.approx((0.5, 0.8))


def test_risk_return_shows_demand_and_p_war():
    """The title states the probability of war and a vertical line sits at the demand."""
    m = ns.models.RiskReturn(0.5, 0.1, stats.uniform(0, 0.4))
    ax = ns.plotting.bargaining_range(m)
    assert "0.375" in ax.get_title()
    xs = [line.get_xdata()[0] for line in ax.lines if len(set(line.get_xdata())) == 1]
    assert any(x == pytest.approx(0.65) for x in xs)


def test_rubinstein_shares_model_and_deltas():
    """Shares sum to one on both inputs; the model's own point is marked."""
    ax = ns.plotting.rubinstein_shares(ns.models.Rubinstein(0.9, 0.8))
    s1, s2 = ax.lines[0].get_ydata(), ax.lines[1].get_ydata()
    assert np.allclose(s1 + s2, 1)
    assert ax.lines[2].get_ydata()[0] == pytest.approx((1 - 0.8) / (1 - 0.72))
    ax = ns.plotting.rubinstein_shares([0.5, 0.9])
    assert ax.lines[0].get_ydata() == pytest.approx([1 / 1.5, 1 / 1.9])


def test_bad_inputs():
    """Unsupported models and deltas outside (0, 1) raise InvalidParameterError."""
    with pytest.raises(InvalidParameterError, match="model"):
        ns.plotting.bargaining_range(ns.models.Rubinstein(0.5, 0.5))
    with pytest.raises(InvalidParameterError, match="model_or_deltas"):
        ns.plotting.rubinstein_shares([0.5, 1.0])
