"""Validation of a :class:`GameTree` into flat arrays, and the reduced strategic form.

``compile_tree`` checks the builder's tree once and lays it out in preorder
(a subtree is a contiguous index range), with the information sets, each
node's history of own moves per player (for perfect recall) and the proper
subgames. ``reduced_normal_form`` and the solvers work on that layout.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidTreeError

__all__ = ["CompiledTree", "Infoset", "compile_tree", "leaves_below", "player_plans",
           "plan_matrix", "strategy_names", "reduced_normal_form"]


class Infoset:
    """An information set: the player (index), its label, actions and member nodes."""

    __slots__ = ("player", "label", "actions", "members")

    def __init__(self, player: int, label: str, actions: tuple[str, ...]):
        self.player = player
        self.label = label
        self.actions = actions
        self.members: list[int] = []


class CompiledTree:
    """A validated tree in preorder; built by :func:`compile_tree`."""

    def __init__(self, tree: Any):
        self.tree = tree
        self.players: tuple[str, ...] = tree.players
        self.nodes = list(tree.nodes())
        self.index = {id(n): k for k, n in enumerate(self.nodes)}
        self.children = [[self.index[id(c)] for c in n.children] for n in self.nodes]
        self.end = [0] * len(self.nodes)  # subtree of k is range(k, end[k])
        for k in reversed(range(len(self.nodes))):
            self.end[k] = self.end[self.children[k][-1]] if self.children[k] else k + 1
        self.infosets: list[Infoset] = []
        self.node_infoset = [-1] * len(self.nodes)
        self.player_infosets: list[list[int]] = [[] for _ in self.players]
        self.perfect_recall = True
        self.subgame_roots: list[int] = []

    def player_of(self, k: int) -> int:
        h = self.node_infoset[k]
        return self.infosets[h].player if h >= 0 else -1

    def behaviour_labels(self, i: int) -> tuple[str, ...]:
        """Labels of player ``i``'s behaviour-strategy components: ``"infoset: action"``."""
        return tuple(f"{self.infosets[h].label}: {a}" for h in self.player_infosets[i]
                     for a in self.infosets[h].actions)


def _check_node(node: Any, tree: Any) -> None:
    from negotiation_sim.games.extensive_form import _check_payoffs, _check_probs

    where = f"node {node.label!r}"
    if node.kind is None:
        msg = f"{where} is unfinished: give it a move, a chance event or payoffs"
        raise InvalidTreeError(msg)
    if node.kind == "terminal":
        _check_payoffs(node.payoff, tree.n_players, where)
    elif node.kind == "chance":
        if len(node.probs) != len(node.children):
            msg = f"{where} needs one chance probability per event"
            raise InvalidTreeError(msg)
        _check_probs(node.probs, where)
    elif node.player not in tree.players:
        msg = f"unknown player {node.player!r} at {where}; the players are {list(tree.players)}"
        raise InvalidTreeError(msg)


def _add_infoset(c: CompiledTree, k: int, groups: dict[str, int]) -> None:
    node = c.nodes[k]
    label = node.infoset_label
    player = c.players.index(node.player)
    if label not in groups:
        groups[label] = len(c.infosets)
        c.infosets.append(Infoset(player, label, node.actions))
        c.player_infosets[player].append(groups[label])
    h = c.infosets[groups[label]]
    first = c.nodes[h.members[0]] if h.members else node
    if h.player != player:
        msg = (f"information set {label!r} has nodes of different players: {first.player!r} at "
               f"{first.label!r} and {node.player!r} at {node.label!r}")
        raise InvalidTreeError(msg)
    if h.actions != node.actions:
        msg = (f"information set {label!r} has nodes with different actions: {list(h.actions)} at "
               f"{first.label!r} and {list(node.actions)} at {node.label!r}")
        raise InvalidTreeError(msg)
    for m in h.members:
        if m < k < c.end[m]:
            msg = (f"information set {label!r} holds node {node.label!r} and its ancestor "
                   f"{c.nodes[m].label!r}; a player cannot forget that it moved (absent-mindedness)")
            raise InvalidTreeError(msg)
    h.members.append(k)
    c.node_infoset[k] = groups[label]


def _own_histories(c: CompiledTree) -> list[tuple]:
    """For every node, each player's own (infoset, action) history from the root."""
    n = len(c.players)
    hist: list[tuple] = [()] * len(c.nodes)
    hist[0] = tuple(() for _ in range(n))
    for k in range(len(c.nodes)):
        h = c.node_infoset[k]
        for a, child in enumerate(c.children[k]):
            if h < 0:
                hist[child] = hist[k]
            else:
                i = c.infosets[h].player
                hist[child] = tuple(s + ((h, a),) if j == i else s for j, s in enumerate(hist[k]))
    return hist


def compile_tree(tree: Any) -> CompiledTree:
    """Validate ``tree`` and lay it out; raise :class:`InvalidTreeError` naming the bad node."""
    c = CompiledTree(tree)
    labels: dict[str, int] = {}
    groups: dict[str, int] = {}
    for k, node in enumerate(c.nodes):
        _check_node(node, tree)
        if node.label in labels:
            msg = (f"two nodes are labelled {node.label!r}; node names must be unique "
                   f"(rename one with name=)")
            raise InvalidTreeError(msg)
        labels[node.label] = k
        if node.kind == "decision":
            _add_infoset(c, k, groups)
    hist = _own_histories(c)
    for h in c.infosets:
        first = hist[h.members[0]][h.player]
        if any(hist[m][h.player] != first for m in h.members[1:]):
            c.perfect_recall = False
    lo = {id(h): min(h.members) for h in c.infosets}
    hi = {id(h): max(h.members) for h in c.infosets}
    for k in range(len(c.nodes)):
        if not c.children[k]:
            continue
        inside = {c.node_infoset[j] for j in range(k, c.end[k]) if c.node_infoset[j] >= 0}
        if all(lo[id(c.infosets[h])] >= k and hi[id(c.infosets[h])] < c.end[k] for h in inside):
            c.subgame_roots.append(k)
    return c


def leaves_below(c: CompiledTree, root: int, stop: dict[int, np.ndarray] | None = None):
    """The leaves of the subtree at ``root``, where nodes in ``stop`` count as leaves.

    Returns ``(leaves, prob, payoffs, seqs)``: leaf indices, chance probability
    of each from ``root``, payoff matrix (leaves x players), and for each
    player a list (one per leaf) of its ``(infoset, action)`` moves on the way.
    """
    stop = stop or {}
    n = len(c.players)
    leaves, prob, pay = [], [], []
    seqs: list[list[tuple]] = [[] for _ in range(n)]
    # (node, chance probability, per player the (infoset, action) moves so far)
    stack: list[tuple[int, float, tuple[tuple[tuple[int, int], ...], ...]]] = [(root, 1.0, tuple(() for _ in range(n)))]
    while stack:
        k, p, seq = stack.pop()
        node = c.nodes[k]
        if k in stop or node.kind == "terminal":
            leaves.append(k)
            prob.append(p)
            pay.append(stop[k] if k in stop else node.payoff)
            for i in range(n):
                seqs[i].append(seq[i])
            continue
        h = c.node_infoset[k]
        for a in reversed(range(len(c.children[k]))):
            if h < 0:
                stack.append((c.children[k][a], p * node.probs[a], seq))
            else:
                i = c.infosets[h].player
                s = tuple(x + ((h, a),) if j == i else x for j, x in enumerate(seq))
                stack.append((c.children[k][a], p, s))
    return leaves, np.array(prob), np.array(pay, dtype=np.float64).reshape(-1, n), seqs


def _merge_products(options: list[list[dict]]) -> list[dict]:
    combos: list[dict] = [{}]
    for sub in options:
        new, seen = [], set()
        for base in combos:
            for plan in sub:
                if all(base.get(h, a) == a for h, a in plan.items()):
                    merged = {**base, **plan}
                    key = frozenset(merged.items())
                    if key not in seen:
                        seen.add(key)
                        new.append(merged)
        combos = new
    return combos


def player_plans(c: CompiledTree, root: int, i: int, stop: Any = ()) -> list[dict[int, int]]:
    """Player ``i``'s reduced strategies in the subtree at ``root``: ``{infoset: action}``.

    A plan fixes an action at exactly the information sets its own earlier
    moves leave reachable; plans merge consistently across other players'
    and chance's branches. Sorted by action indices, in infoset order.
    """

    def rec(k: int) -> list[dict[int, int]]:
        if k in stop or not c.children[k]:
            return [{}]
        h = c.node_infoset[k]
        if h >= 0 and c.infosets[h].player == i:
            out = []
            for a, child in enumerate(c.children[k]):
                out += [{**p, h: a} for p in rec(child) if p.get(h, a) == a]
            return out
        return _merge_products([rec(child) for child in c.children[k]])

    order = c.player_infosets[i]
    plans = rec(root)
    return sorted(plans, key=lambda p: tuple(p.get(h, -1) for h in order))


def plan_matrix(plans: list[dict[int, int]], seqs: list[tuple]) -> np.ndarray:
    """``M[s, z]`` is 1.0 when plan ``s`` takes every own move on the way to leaf ``z``."""
    return np.array([[float(all(p.get(h) == a for h, a in seq)) for seq in seqs] for p in plans])


def strategy_names(c: CompiledTree, i: int, plans: list[dict[int, int]]) -> tuple[str, ...]:
    """Readable names: the plan's actions joined by ``/`` (``*`` marks excluded sets if needed)."""
    order = [h for h in c.player_infosets[i] if any(h in p for p in plans)]
    short = tuple("/".join(c.infosets[h].actions[p[h]] for h in order if h in p) for p in plans)
    if len(set(short)) == len(short) and all(short):
        return short
    return tuple("/".join(c.infosets[h].actions[p[h]] if h in p else "*" for h in order) or "-"
                 for p in plans)


def reduced_normal_form(tree: Any, root: int = 0, stop: dict[int, np.ndarray] | None = None):
    """The reduced strategic form of the (sub)tree at ``root``.

    Returns ``(game, plans)``: a :class:`NormalFormGame` and, per player, the
    list of plans behind its strategies.
    """
    from negotiation_sim.games.normal_form import NormalFormGame

    c = tree._compiled() if not isinstance(tree, CompiledTree) else tree
    stop = stop or {}
    _, prob, pay, seqs = leaves_below(c, root, stop)
    plans = [player_plans(c, root, i, stop) for i in range(len(c.players))]
    operands: list[Any] = []
    n = len(c.players)
    for i in range(n):
        operands += [plan_matrix(plans[i], seqs[i]), [i, n]]
    operands += [prob[:, None] * pay, [n, n + 1]]
    payoffs = np.einsum(*operands, list(range(n)) + [n + 1])
    names = [strategy_names(c, i, plans[i]) for i in range(n)]
    game = NormalFormGame(payoffs, players=c.players, actions=names, title=c.tree.title)
    return game, plans
