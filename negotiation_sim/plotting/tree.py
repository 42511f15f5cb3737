"""Drawing a game tree: nodes, actions, chance probabilities, information sets, payoffs."""

from __future__ import annotations

from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.plotting._common import get_ax
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["game_tree"]


def _layout(c: Any) -> tuple[np.ndarray, np.ndarray]:
    """Leaves evenly spaced left to right; a parent centred over its children; depth downwards."""
    n = len(c.nodes)
    x, y = np.zeros(n), np.zeros(n)
    leaf = 0
    for k in range(n):  # preorder: depth of a child is its parent's plus one
        for child in c.children[k]:
            y[child] = y[k] - 1
    for k in reversed(range(n)):  # children before parents
        if c.children[k]:
            x[k] = np.mean([x[j] for j in c.children[k]])
    for k in range(n):
        if not c.children[k]:
            x[k] = leaf
            leaf += 1
    for k in reversed(range(n)):
        if c.children[k]:
            x[k] = np.mean([x[j] for j in c.children[k]])
    return x, y


def _played(c: Any, equilibrium: Any) -> set[tuple[int, int]]:
    """Edges ``(node, action)`` on the equilibrium's path (reached with positive probability)."""
    if equilibrium is None:
        return set()
    if not hasattr(equilibrium, "behaviour"):
        msg = "equilibrium must be a TreeEquilibrium of this tree (from ns.solve(tree)), or None"
        raise InvalidParameterError(msg)
    behav = {}
    for i in range(len(c.players)):
        behav.update(equilibrium.behaviour(i))
    reached, edges = {0}, set()
    for k, node in enumerate(c.nodes):
        if k not in reached or not c.children[k]:
            continue
        if node.kind == "chance":
            probs = node.probs
        else:
            label = c.infosets[c.node_infoset[k]].label
            if label not in behav:
                msg = f"equilibrium has no strategy at information set {label!r}; is it of this tree?"
                raise InvalidParameterError(msg)
            probs = [behav[label][a] for a in node.actions]
        for a, (child, p) in enumerate(zip(c.children[k], probs, strict=False)):
            if p > 0:
                reached.add(child)
                edges.add((k, a))
    return edges


def game_tree(tree: Any, equilibrium: Any = None, *, ax: Any = None, **kwargs: Any):
    """Draw a game tree, optionally with an equilibrium's path of play highlighted.

    Decision nodes are circles labelled with the player, chance nodes
    squares; each edge carries its action (and probability at chance
    nodes); nodes of one information set are joined by a dashed line;
    leaves show the payoff vectors.

    Parameters
    ----------
    tree : GameTree
    equilibrium : TreeEquilibrium, optional
        Edges played with positive probability are drawn thick and red.
    ax : matplotlib Axes, optional
        Drawn on, or a new figure's when None.
    **kwargs
        Passed to the :class:`~matplotlib.collections.LineCollection` of edges.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> t = ns.GameTree(players=("Entrant", "Incumbent"))
    >>> enter, out = t.root.move("Entrant", ["Enter", "Stay out"])
    >>> _ = out.payoffs(0, 2)
    >>> fight, acc = enter.move("Incumbent", ["Fight", "Accommodate"])
    >>> _ = fight.payoffs(-1, -1); _ = acc.payoffs(1, 1)
    >>> ax = ns.plotting.game_tree(t, ns.solve(t)[0])
    >>> len(ax.collections) > 0
    True
    """
    from matplotlib.collections import LineCollection

    c = tree._compiled()
    ax = get_ax(ax)
    x, y = _layout(c)
    played = _played(c, equilibrium)
    segs = [[(x[k], y[k]), (x[j], y[j])] for k in range(len(c.nodes)) for j in c.children[k]]
    kwargs.setdefault("colors", "0.35")
    kwargs.setdefault("linewidths", 1.2)
    ax.add_collection(LineCollection(segs, **kwargs))
    hot = [[(x[k], y[k]), (x[c.children[k][a]], y[c.children[k][a]])] for k, a in sorted(played)]
    if hot:
        ax.add_collection(LineCollection(hot, colors="tab:red", linewidths=3, zorder=2))
    colors = {p: f"C{i}" for i, p in enumerate(c.players)}
    for k, node in enumerate(c.nodes):
        for a, j in enumerate(c.children[k]):
            text = node.actions[a]
            if node.kind == "chance":
                text += f" ({format_prob(node.probs[a])})"
            ax.annotate(text, ((x[k] + x[j]) / 2, (y[k] + y[j]) / 2), fontsize=8,
                        ha="center", va="center", backgroundcolor="white")
        if node.kind == "terminal":
            pay = "(" + ", ".join(format_prob(v) for v in node.payoff) + ")"
            ax.annotate(pay, (x[k], y[k]), xytext=(0, -10), textcoords="offset points",
                        fontsize=8, ha="center", va="top")
        elif node.kind == "chance":
            ax.scatter([x[k]], [y[k]], marker="s", s=60, color="0.6", zorder=3)
            ax.annotate("Chance", (x[k], y[k]), xytext=(0, 8), textcoords="offset points",
                        fontsize=8, ha="center")
        else:
            ax.scatter([x[k]], [y[k]], s=60, color=colors[node.player], zorder=3)
            ax.annotate(node.player, (x[k], y[k]), xytext=(0, 8), textcoords="offset points",
                        fontsize=8, ha="center", color=colors[node.player])
    for h in c.infosets:
        if len(h.members) > 1:
            ax.plot([x[m] for m in h.members], [y[m] for m in h.members], ls="--",
                    color=colors[c.players[h.player]], lw=1, zorder=1)
    ax.set_xlim(x.min() - 0.8, x.max() + 0.8)
    ax.set_ylim(y.min() - 0.8, 0.6)
    ax.set_axis_off()
    if tree.title:
        ax.set_title(tree.title)
    return ax
