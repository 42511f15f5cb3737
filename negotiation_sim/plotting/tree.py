"""Drawing a game tree: nodes, actions, chance probabilities, information sets, payoffs."""

from __future__ import annotations

from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.plotting._common import fit_title, get_ax, legend_covers_data, legend_off_data
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


def _strategy(c: Any, equilibrium: Any) -> tuple[dict[tuple[int, int], float], set[int]]:
    """The equilibrium's probability of each decision edge ``(node, action)``, and the nodes it reaches.

    Every information set's choice is returned, on the path of play or off
    it: a credible-threat lesson is about what players would do off the path.
    """
    if equilibrium is None:
        return {}, set()
    if not hasattr(equilibrium, "behaviour"):
        msg = "equilibrium must be a TreeEquilibrium of this tree (from ns.solve(tree)), or None"
        raise InvalidParameterError(msg)
    behav = {}
    for i in range(len(c.players)):
        behav.update(equilibrium.behaviour(i))
    probs: dict[tuple[int, int], float] = {}
    reached = {0}
    for k, node in enumerate(c.nodes):  # preorder: a parent is settled before its children
        if not c.children[k]:
            continue
        if node.kind == "chance":
            edge = list(node.probs)
        else:
            label = c.infosets[c.node_infoset[k]].label
            if label not in behav:
                msg = f"equilibrium has no strategy at information set {label!r}; is it of this tree?"
                raise InvalidParameterError(msg)
            edge = [behav[label][a] for a in node.actions]
            probs.update({(k, a): p for a, p in enumerate(edge)})
        for child, p in zip(c.children[k], edge, strict=False):
            if p > 0 and k in reached:
                reached.add(child)
    return probs, reached


def _text_overlaps(texts: list[Any]) -> int:
    """How many pairs of the (drawn) texts' boxes overlap."""
    boxes = [t.get_window_extent() for t in texts if t.get_text()]
    return sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def _figsize(c: Any, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """A figure wide enough that each leaf's payoffs and each action name fit in its slot."""
    names = [a for n in c.nodes for a in n.actions] + list(c.players)
    pays = [", ".join(format_prob(v) for v in n.payoff) + "()" for n in c.nodes if n.kind == "terminal"]
    chars = max(max(map(len, pays), default=4), max(map(len, names), default=4) + 6)
    slot = 0.075 * chars + 0.25  # inches per leaf at 8 pt
    return float(np.clip(slot * (x.max() + 1), 5.0, 18.0)), float(np.clip(1.3 * (-y.min()) + 1.8, 3.0, 12.0))


def game_tree(tree: Any, equilibrium: Any = None, *, ax: Any = None, fontsize: float = 8, **kwargs: Any):
    """Draw a game tree, optionally with an equilibrium's whole strategy profile.

    Each decision node is a box in its player's colour with the player's
    name, a chance node a grey "Chance" box; an edge carries its action
    beside it (and its probability at chance nodes); nodes of one
    information set are joined by a dotted arc in the player's colour;
    leaves show the payoff vectors. With an equilibrium, every action it
    chooses is drawn thick: solid on the path of play, dashed off it (what a
    player would do at a node that is never reached: the credible or
    incredible threats). Text is laid out so that no two labels overlap and
    no edge runs through a label; when the Axes given is too small for that
    at ``fontsize``, the labels are made smaller (down to 5 pt).

    Parameters
    ----------
    tree : GameTree
    equilibrium : TreeEquilibrium, optional
        An equilibrium of ``tree`` (from ``ns.solve(tree)``).
    ax : matplotlib Axes, optional
        Drawn on, or a new figure's (sized to the tree) when None.
    fontsize : float, default 8
        Size of the labels, in points.
    **kwargs
        Passed to the :class:`~matplotlib.collections.LineCollection` of edges.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidParameterError
        If ``equilibrium`` is not an equilibrium of this tree.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> t = ns.GameTree(players=("Entrant", "Incumbent"))
    >>> enter, out = t.root.move("Entrant", ["Enter", "Stay out"])
    >>> _ = out.payoffs(0, 2)
    >>> fight, acc = enter.move("Incumbent", ["Fight", "Accommodate"])
    >>> _ = fight.payoffs(-1, -1); _ = acc.payoffs(1, 1)
    >>> ax = ns.plotting.game_tree(t, ns.solve(t)[0])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['equilibrium action, on the path of play']
    """
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    c = tree._compiled()
    x, y = _layout(c)
    if ax is None:
        ax = get_ax(figsize=_figsize(c, x, y))
    probs, reached = _strategy(c, equilibrium)
    segs = [[(x[k], y[k]), (x[j], y[j])] for k in range(len(c.nodes)) for j in c.children[k]]
    kwargs.setdefault("colors", "0.45")
    kwargs.setdefault("linewidths", 1.2)
    ax.add_collection(LineCollection(segs, zorder=1, **kwargs))
    on: list[list[tuple[float, float]]] = []
    off: list[list[tuple[float, float]]] = []
    for (k, a), p in sorted(probs.items()):
        if p > 0:
            j = c.children[k][a]
            (on if k in reached else off).append([(x[k], y[k]), (x[j], y[j])])
    handles = []
    if on:
        ax.add_collection(LineCollection(on, colors="tab:red", linewidths=3, zorder=2))
        handles.append(Line2D([], [], color="tab:red", lw=3, label="equilibrium action, on the path of play"))
    if off:
        ax.add_collection(LineCollection(off, colors="tab:red", linewidths=2.5, linestyles="--", zorder=2))
        handles.append(Line2D([], [], color="tab:red", lw=2.5, ls="--",
                              label="equilibrium action off the path (a threat or promise)"))
    colors = {p: f"C{i}" for i, p in enumerate(c.players)}
    texts = []
    for k, node in enumerate(c.nodes):
        for a, j in enumerate(c.children[k]):
            text = node.actions[a]
            if node.kind == "chance":
                text += f" ({format_prob(node.probs[a])})"
            elif 0 < probs.get((k, a), 0) < 1:
                text += f" [{format_prob(probs[(k, a)])}]"
            # Beside the edge, on its outer side, where neither the edge nor its siblings run.
            side = -1 if x[j] < x[k] else 1
            texts.append(ax.annotate(text, ((x[k] + x[j]) / 2, (y[k] + y[j]) / 2), xytext=(4 * side, 2),
                                     textcoords="offset points", ha="right" if side < 0 else "left",
                                     va="bottom", fontsize=fontsize, zorder=4))
        if node.kind == "terminal":
            pay = "(" + ", ".join(format_prob(v) for v in node.payoff) + ")"
            ax.scatter([x[k]], [y[k]], s=12, color="black", zorder=3)
            texts.append(ax.annotate(pay, (x[k], y[k]), xytext=(0, -5), textcoords="offset points",
                                     fontsize=fontsize, ha="center", va="top"))
        else:
            name, colour = ("Chance", "0.5") if node.kind == "chance" else (node.player, colors[node.player])
            texts.append(ax.text(x[k], y[k], name, ha="center", va="center", fontsize=fontsize, color="white",
                                 zorder=5, bbox={"boxstyle": "round,pad=0.3", "fc": colour, "ec": colour}))
    for h in c.infosets:
        if len(h.members) > 1:
            player = c.players[h.player]
            # An arc over the members, so that it clears the nodes and leaves lying between them.
            members = sorted(h.members, key=lambda m: x[m])
            t = np.linspace(0.0, 1.0, 41)
            xs = np.concatenate([x[a] + (x[b] - x[a]) * t for a, b in zip(members[:-1], members[1:])])
            ys = np.concatenate([y[a] + (y[b] - y[a]) * t + 0.3 * 4 * t * (1 - t)
                                 for a, b in zip(members[:-1], members[1:])])
            ax.plot(xs, ys, ls=":", lw=2, color=colors[player], zorder=1)
            handles.append(Line2D([], [], ls=":", lw=2, color=colors[player],
                                  label=f"information set of {player} (cannot tell the nodes apart)"))
    ax.set_xlim(x.min() - 0.6, x.max() + 0.6)
    ax.set_ylim(y.min() - 0.45, 0.3)
    ax.set_axis_off()
    ax.set_title(tree.title or "Game tree of " + " and ".join(c.players))
    unique = list({h.get_label(): h for h in handles}.values())  # one entry per label, first-seen order
    legend = legend_off_data(ax, handles=unique, side="below", fontsize=fontsize)
    fit_title(ax)  # the legend and the title take their room first; the labels fit in what is left
    ax.figure.draw_without_rendering()
    while fontsize > 5 and _text_overlaps(texts):
        fontsize -= 0.5
        for t in texts:
            t.set_fontsize(fontsize)
        ax.figure.draw_without_rendering()
    if legend is not None and legend_covers_data(ax, legend):
        legend_off_data(ax, handles=unique, side="below", fontsize=fontsize)
    return ax
