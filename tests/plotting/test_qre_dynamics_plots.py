"""Tests for plotting.qre_path and plotting.trace."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

CHICKEN = ns.NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]],
                                        actions=(("Swerve", "Straight"),) * 2)


class TestQREPathPlot:
    """One line per player-action, on the Axes given."""

    def test_draws_on_given_axes(self):
        """The returned Axes is the one passed in; lines follow the path's columns."""
        _, ax = plt.subplots()
        path = ns.qre_path(CHICKEN, lam_max=100.0)
        out = ns.plotting.qre_path(path, ax=ax, linewidth=3)
        assert out is ax
        drawn = [c for line in ax.lines for c in line.get_label().split(" = ")]
        assert sorted(drawn) == sorted(path.path.columns[1:])  # every column, each on one line
        assert ax.lines[0].get_linewidth() == 3
        for line in ax.lines:  # a merged label is honest: each of its columns is the line drawn
            for column in line.get_label().split(" = "):
                np.testing.assert_allclose(line.get_ydata(), path.path[column], atol=1e-9)

    def test_accepts_a_game(self):
        """A game is traced first; the last point of Swerve is near 0.9."""
        ax = ns.plotting.qre_path(CHICKEN)
        assert ax.lines[0].get_ydata()[-1] == pytest.approx(0.9, abs=1e-4)

    def test_rejects_other_input(self):
        with pytest.raises(InvalidParameterError, match="game_or_path"):
            ns.plotting.qre_path([1, 2, 3])


class TestTracePlot:
    """Probabilities or payoffs by round."""

    def test_probabilities_and_payoffs(self):
        """Four probability lines or two payoff lines, on the Axes given."""
        tr = ns.simulate(CHICKEN, "replicator", rounds=50, rng=0)
        _, ax = plt.subplots()
        assert ns.plotting.trace(tr, ax=ax) is ax and len(ax.lines) == 4
        ax2 = ns.plotting.trace(tr, payoffs=True)
        assert [line.get_label() for line in ax2.lines] == ["payoff Player 1", "payoff Player 2"]
        np.testing.assert_allclose(ax2.lines[0].get_ydata(), tr.data["payoff Player 1"])

    def test_rejects_other_input(self):
        with pytest.raises(InvalidParameterError, match="trace"):
            ns.plotting.trace(CHICKEN)
