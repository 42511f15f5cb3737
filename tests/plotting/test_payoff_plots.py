"""Tests for negotiation_sim.plotting.payoff_matrix and best_response."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidGameError, UnsupportedMethodError
from negotiation_sim.plotting import best_response, payoff_matrix
from negotiation_sim.plotting._best_response import correspondence


def chicken():
    return ns.NormalFormGame.from_arrays(
        [[0, -1], [1, -10]], [[0, 1], [-1, -10]], players=("Russia", "NATO"),
        actions=(("Swerve", "Straight"), ("Swerve", "Straight")))


def chicken_equilibria():
    """The three equilibria of this Chicken, worked by hand: two pure, and each swerving with
    probability 9/10 (indifference: -1 + ... : 0q - (1-q) = q - 10(1-q) -> q = 9/10)."""
    g = chicken()
    from negotiation_sim.solvers._regret import verified_equilibrium

    mixed = verified_equilibrium(g, [[0.9, 0.1], [0.9, 0.1]], "hand")
    return [*ns.pure_equilibria(g), mixed]


@pytest.fixture
def no_show(monkeypatch):
    """Fail if a plot function calls plt.show()."""
    def refuse(*args, **kwargs):
        raise AssertionError("plt.show() was called")

    monkeypatch.setattr(plt, "show", refuse)


class TestPayoffMatrix:
    def test_returns_given_axes_with_texts(self, no_show):
        """The Axes passed in is returned, with one "a, b" text per cell and names on the axes."""
        _, ax = plt.subplots()
        out = payoff_matrix(chicken(), ax=ax)
        assert out is ax
        assert sorted(t.get_text() for t in ax.texts) == ["-1, 1", "-10, -10", "0, 0", "1, -1"]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["Swerve", "Straight"]
        assert ax.get_ylabel() == "Russia" and ax.get_xlabel() == "NATO"
        assert len(ax.patches) == 0

    def test_marks_pure_and_mixed(self, no_show):
        """Pure equilibria get one outline each; the mixed one outlines its 4 support cells and is annotated."""
        ax = payoff_matrix(chicken(), chicken_equilibria())
        solid = [p for p in ax.patches if p.get_linestyle() in ("-", "solid")]
        dashed = [p for p in ax.patches if p.get_linestyle() in ("--", "dashed")]
        assert len(solid) == 2 and len(dashed) == 4
        assert any("Swerve 0.9" in t.get_text() for t in ax.texts)

    def test_colour_by_player(self):
        """player= colours by that player's payoffs; kwargs reach imshow."""
        ax = payoff_matrix(chicken(), player="NATO", cmap="viridis")
        image = ax.images[0]
        assert np.array_equal(image.get_array(), chicken().payoff_array(1))
        assert image.get_cmap().name == "viridis"

    def test_errors(self):
        """Three players and non-games are refused."""
        with pytest.raises(InvalidGameError, match="2-player"):
            payoff_matrix(ns.NormalFormGame(np.zeros((2, 2, 2, 3))))
        with pytest.raises(UnsupportedMethodError, match="NormalFormGame"):
            payoff_matrix([[1, 2]])


class TestBestResponse:
    def test_correspondence_by_hand(self):
        """Advantage -1 at t=0, +1 at t=1: play 2 below 1/2, 1 above, anything at 1/2."""
        assert correspondence(-1, 1) == ([0.0, 0.5, 0.5, 1.0], [0.0, 0.0, 1.0, 1.0])
        assert correspondence(2, 1) == ([0.0, 1.0], [1.0, 1.0])
        assert correspondence(0, 1) == ([0.0, 0.0, 1.0], [0.0, 1.0, 1.0])
        assert correspondence(0, 0) == ([], [])

    def test_chicken(self, no_show):
        """Two correspondences and the three equilibria; the lines cross at each equilibrium point."""
        _, ax = plt.subplots()
        out = best_response(chicken(), chicken_equilibria(), ax=ax, linewidth=3)
        assert out is ax
        row, col, points = ax.lines
        assert row.get_linewidth() == 3
        assert sorted(zip(*points.get_data(), strict=True)) == [(0.0, 1.0), (0.9, 0.9), (1.0, 0.0)]
        # Row: swerve (x = 1) when NATO goes straight enough: y < 9/10; the kink is at y = 0.9.
        assert list(row.get_ydata()) == [0.0, 0.9, 0.9, 1.0]
        assert list(row.get_xdata()) == [1.0, 1.0, 0.0, 0.0]

    def test_computes_equilibria_when_not_given(self, monkeypatch):
        """Without equilibria it calls ns.solve (only then)."""
        import importlib

        calls = []
        solve_module = importlib.import_module("negotiation_sim.solvers._solve")
        monkeypatch.setattr(solve_module, "solve",
                            lambda g: calls.append(g) or chicken_equilibria())
        ax = best_response(chicken())
        assert len(calls) == 1 and len(ax.lines[-1].get_xdata()) == 3

    def test_indifferent_player_is_shaded(self):
        """A player with constant payoffs has the whole square as its best response."""
        g = ns.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[0, 0], [0, 0]])
        eqs = ns.pure_equilibria(g)
        ax = best_response(g, eqs)
        assert len(ax.patches) == 1 and len(ax.lines) == 2

    def test_not_2x2(self):
        """A 2x3 game is refused."""
        with pytest.raises(InvalidGameError, match="2x2"):
            best_response(ns.NormalFormGame(np.zeros((2, 3, 2))), [])


@pytest.mark.parametrize("cmap", ["RdYlGn", "viridis", "gray"])
def test_payoff_matrix_writes_each_cell_in_white_on_dark_colours(cmap):
    """Each cell's text is white where its colour (the colour map at that cell's value alone) is dark by
    luminance, black elsewhere, on a game whose payoffs span dark and light colours."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rng = np.random.default_rng(7)
    game = ns.NormalFormGame(rng.normal(size=(5, 4, 2)) * [1.0, 1e-3])
    fig = Figure()
    FigureCanvasAgg(fig)
    ax = payoff_matrix(game, ax=fig.add_subplot(), player=0, cmap=cmap)
    image = ax.get_images()[0]
    colours = []
    for r in range(5):
        for c in range(4):
            shade = image.cmap(image.norm(game.payoffs[r, c, 0]))
            colours.append("white" if 0.299 * shade[0] + 0.587 * shade[1] + 0.114 * shade[2] < 0.5 else "black")
    assert {"white", "black"} <= set(colours)
    assert [text.get_color() for text in ax.texts[:20]] == colours
