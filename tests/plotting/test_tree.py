"""Tests of the game-tree plot."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from tests.solvers.test_subgame_perfect import battle_after_entry, entry_game


def test_returns_the_given_axes():
    """The plot draws on the Axes it is given and returns it."""
    _, ax = plt.subplots()
    assert ns.plotting.game_tree(entry_game(), ax=ax) is ax


def test_labels_payoffs_and_path():
    """Actions and payoffs are written; the equilibrium path is one thick red collection."""
    t = entry_game()
    ax = ns.plotting.game_tree(t, ns.solve(t)[0])
    texts = {x.get_text() for x in ax.texts}
    assert {"Entry", "Stay out", "Fight", "Accommodate", "(1, 1)", "(0, 2)"} <= texts
    from matplotlib.collections import LineCollection

    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    [hot] = [c for c in lines if c.get_linewidths()[0] == 3]
    assert len(hot.get_segments()) == 2  # Entry, then Accommodate


def test_information_set_is_dashed():
    """Nodes of one information set are joined by a dotted line; chance shows probabilities."""
    ax = ns.plotting.game_tree(battle_after_entry())
    assert any(line.get_linestyle() == ":" for line in ax.lines)
    t = ns.GameTree(players=("A", "B"))
    for child in t.root.chance({"Resolved": 0.3, "Unresolved": 0.7}):
        child.payoffs(0, 0)
    texts = {x.get_text() for x in ns.plotting.game_tree(t).texts}
    assert "Resolved (0.3)" in texts


def test_rejects_a_foreign_equilibrium():
    """An equilibrium that is not a tree equilibrium is refused by name."""
    g = ns.NormalFormGame.from_arrays([[1]], [[1]])
    with pytest.raises(InvalidParameterError, match="TreeEquilibrium"):
        ns.plotting.game_tree(entry_game(), ns.pure_equilibria(g)[0])


def test_svg_repr():
    """Jupyter gets an SVG picture of a finished tree, and none of an unfinished one."""
    assert "<svg" in entry_game()._repr_svg_()
    assert ns.GameTree()._repr_svg_() is None
