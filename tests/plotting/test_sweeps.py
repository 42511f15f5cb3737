"""Tests for the sweep plots: branches as lines, regions as a categorical map."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import UnknownNameError
from tests.analysis import builders


@pytest.fixture
def chicken_sweep() -> pd.DataFrame:
    return ns.sweep(builders.chicken, cost_row=np.linspace(2, 6, 5), cost_col=[3.0, 8.0],
                    progress=False)


class TestSweepPlot:
    def test_one_line_per_branch_pure_solid_mixed_dashed(self, chicken_sweep):
        """Three branches, two pure (solid) and one mixed (dashed), drawn on the given axes."""
        df = chicken_sweep[chicken_sweep["cost_col"] == 3.0]
        _, ax = plt.subplots()
        out = ns.plotting.sweep(df, "cost_row", "Russia:Straight", ax=ax, linewidth=3)
        assert out is ax
        lines = ax.get_lines()
        assert len(lines) == 3
        assert sorted(line.get_linestyle() for line in lines) == ["-", "-", "--"]
        assert all(line.get_linewidth() == 3 for line in lines)
        mixed = next(line for line in lines if line.get_linestyle() == "--")
        np.testing.assert_allclose(mixed.get_ydata(), 1 / 3)
        assert len(ax.get_legend().get_texts()) == 3

    def test_hue_gives_one_colour_per_value(self, chicken_sweep):
        """With hue, the lines of one hue value share a colour and there is a line per branch and value."""
        ax = ns.plotting.sweep(chicken_sweep, "cost_row", "NATO:Straight", hue="cost_col")
        lines = ax.get_lines()
        assert len(lines) == 6
        assert len({line.get_color() for line in lines}) == 2

    def test_unknown_column(self, chicken_sweep):
        """A column that is not in the frame is named in the error."""
        with pytest.raises(UnknownNameError, match="y='nope' is not a column"):
            ns.plotting.sweep(chicken_sweep, "cost_row", "nope")


class TestRegions:
    def test_regions_of_model_kinds(self):
        """Deterrence holds above the threshold (a_sq - a_dc)/(a_dd - a_dc): two regions, split there."""
        cred, a_dc = np.linspace(0, 1, 11), np.linspace(1.5, 4, 6)
        df = ns.sweep(builders.deterrence, credibility=cred, a_dc=a_dc, progress=False)
        _, ax = plt.subplots()
        assert ns.plotting.regions(df, "credibility", "a_dc", ax=ax, alpha=0.5) is ax
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["attack", "deterred"]
        mesh = ax.collections[0]
        codes = np.asarray(mesh.get_array()).reshape(len(a_dc), len(cred))
        expected = cred[None, :] < ((a_dc - 1) / (a_dc + 1))[:, None]  # attack iff below threshold
        np.testing.assert_array_equal(codes == 0, expected)

    def test_regions_by_equilibrium_set(self):
        """Chicken has two pure and one mixed equilibrium everywhere: one region."""
        df = ns.sweep(builders.chicken, cost_row=[2.0, 4.0], cost_col=[3.0, 5.0], progress=False)
        ax = ns.plotting.regions(df, "cost_row", "cost_col")
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2 pure + 1 mixed"]

    def test_regions_by_column(self):
        """by= categorises by another column."""
        df = ns.sweep(builders.deterrence, credibility=[0.1, 0.9], a_dc=[2.0, 3.0], progress=False)
        ax = ns.plotting.regions(df, "credibility", "a_dc", by="attack")
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["False", "True"]
