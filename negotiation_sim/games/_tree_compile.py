"""Validation of a :class:`GameTree` into flat arrays, and the reduced strategic form.

``compile_tree`` checks the builder's tree once and lays it out in preorder
(a subtree is a contiguous index range), with the information sets, each
node's history of own moves per player (for perfect recall) and the proper
subgames. ``reduced_normal_form`` and the solvers work on that layout.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator
from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidTreeError

__all__ = ["CompiledTree", "Infoset", "compile_tree", "leaves_below", "paused_gc", "player_plans",
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
    """A validated tree in preorder; built by :func:`compile_tree`.

    Besides the per-node lists (``nodes``, ``children``, ``end``,
    ``node_infoset``), flat arrays for vectorised solvers: ``parent`` (-1 at
    the root), ``depth``, ``action`` (index of the action leading to the node
    in its parent's list), ``mover`` (player index; -1 chance, -2 terminal),
    ``payoff`` (nodes x players, zero off the leaves) and ``prob`` (the
    chance probability of the edge into the node, 1 after a decision).
    """

    def __init__(self, tree: Any):
        self.tree = tree
        self.players: tuple[str, ...] = tree.players
        nodes: list[Any] = []
        parent: list[int] = []
        stack: list[tuple[Any, int]] = [(tree.root, -1)]
        while stack:  # preorder: a node, then its subtrees in action order
            node, p = stack.pop()
            k = len(nodes)
            nodes.append(node)
            parent.append(p)
            stack.extend([(ch, k) for ch in reversed(node.children)])
        self.nodes = nodes
        children: list[list[int]] = [[] for _ in nodes]
        for k in range(1, len(nodes)):
            children[parent[k]].append(k)
        self.children = children
        end = list(range(1, len(nodes) + 1))  # subtree of k is range(k, end[k])
        for k in range(len(nodes) - 1, -1, -1):
            if children[k]:
                end[k] = end[children[k][-1]]
        self.end = end
        self.parent = np.asarray(parent, dtype=np.int64)
        empty = np.zeros(0, dtype=np.int64)  # the arrays below are filled by compile_tree
        self.depth: np.ndarray = empty
        self.action: np.ndarray = empty
        self.mover: np.ndarray = empty
        self.prob: np.ndarray = np.zeros(0)
        self.payoff: np.ndarray = np.zeros((0, len(self.players)))
        self.infosets: list[Infoset] = []
        self.node_infoset = [-1] * len(nodes)
        self.player_infosets: list[list[int]] = [[] for _ in self.players]
        self.perfect_recall = True
        self.perfect_information = True
        self.subgame_roots: list[int] = []
        self.labels: list[str] = []
        self.paths: list[str] = []

    @functools.cached_property
    def lookup(self) -> dict[str, int]:
        """Node position by label or by path ``"A/B"`` (the first node in preorder that has it)."""
        out: dict[str, int] = {}
        for k, (label, path) in enumerate(zip(self.labels, self.paths, strict=True)):
            out.setdefault(label, k)
            out.setdefault(path, k)
        return out

    @functools.cached_property
    def index(self) -> dict[int, int]:
        """Node position by ``id(node)``."""
        return {id(n): k for k, n in enumerate(self.nodes)}

    def player_of(self, k: int) -> int:
        h = self.node_infoset[k]
        return self.infosets[h].player if h >= 0 else -1

    @functools.cached_property
    def behaviour_layout(self) -> tuple[tuple, tuple, tuple, tuple]:
        """Per player: the first member of each of its information sets, the offset of each
        set's block in its behaviour vector, the vector's labels, and ``(label, actions)``
        per set (shared by every equilibrium of the tree)."""
        firsts, starts, labels, sets = [], [], [], []
        for i in range(len(self.players)):
            hs = self.player_infosets[i]
            sizes = [len(self.infosets[h].actions) for h in hs]
            firsts.append(np.asarray([self.infosets[h].members[0] for h in hs], dtype=np.int64))
            starts.append(np.cumsum([0, *sizes[:-1]], dtype=np.int64) if hs else np.zeros(0, np.int64))
            labels.append(self.behaviour_labels(i))
            sets.append(tuple((self.infosets[h].label, self.infosets[h].actions) for h in hs))
        return tuple(firsts), tuple(starts), tuple(labels), tuple(sets)

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


def _nodes_look_valid(c: CompiledTree) -> np.ndarray | None:
    """The checks of :func:`_check_node` for all nodes at once: the leaves' payoffs (in
    preorder), or None if some check might fail.

    The builder validated every node when it was made, but a node can be
    edited afterwards (``node.payoff = ...``), so the tree is checked again,
    in bulk; on a failure :func:`_check_node` finds the first bad node.
    """
    from negotiation_sim.games.extensive_form import _PROB_TOL

    kinds = [n.kind for n in c.nodes]
    if None in kinds:
        return None
    players = set(c.players)
    leaves = [n.payoff for n, kind in zip(c.nodes, kinds, strict=True) if kind == "terminal"]
    try:
        pay = np.asarray(leaves, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if pay.shape != (len(leaves), len(c.players)) or not np.all(np.isfinite(pay)):
        return None
    probs: list[Any] = []
    sizes: list[int] = []
    for n, kind in zip(c.nodes, kinds, strict=True):
        if kind == "chance":
            if len(n.probs) != len(n.children):
                return None
            probs.extend(n.probs)
            sizes.append(len(n.probs))
        elif kind == "decision" and n.player not in players:
            return None
    if sizes:
        try:
            vec = np.asarray(probs, dtype=np.float64)
        except (TypeError, ValueError):
            return None
        if not np.all(np.isfinite(vec)) or np.any(vec < 0):
            return None
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        if np.any(np.abs(np.add.reduceat(vec, starts) - 1.0) > _PROB_TOL):
            return None
    return pay


def _labels(c: CompiledTree) -> list[str]:
    """Every node's label (:attr:`Node.label`), from its parent's path in one pass; the paths
    (joined by ``/``) go to ``c.paths``."""
    c.paths = paths = [""] * len(c.nodes)
    labels = ["root"] * len(c.nodes)
    for k in range(1, len(c.nodes)):
        node = c.nodes[k]
        p = int(c.parent[k])
        paths[k] = node.action if p == 0 else paths[p] + "/" + node.action
        labels[k] = node.name or paths[k]
    if c.nodes[0].name:
        labels[0] = c.nodes[0].name
    return labels


def _check_infoset_member(c: CompiledTree, h: Infoset, k: int) -> None:
    """The checks on adding node ``k`` to a shared information set ``h`` (in preorder)."""
    node = c.nodes[k]
    label = h.label
    first = c.nodes[h.members[0]]
    if h.player != c.players.index(node.player):
        msg = (f"information set {label!r} has nodes of different players: {first.player!r} at "
               f"{first.label!r} and {node.player!r} at {node.label!r}")
        raise InvalidTreeError(msg)
    if h.actions != node.actions:
        msg = (f"information set {label!r} has nodes with different actions: {list(h.actions)} at "
               f"{first.label!r} and {list(node.actions)} at {node.label!r}")
        raise InvalidTreeError(msg)
    last = h.members[-1]  # earlier members have disjoint subtrees, so only the last can hold k
    if last < k < c.end[last]:
        msg = (f"information set {label!r} holds node {node.label!r} and its ancestor "
               f"{c.nodes[last].label!r}; a player cannot forget that it moved (absent-mindedness)")
        raise InvalidTreeError(msg)


def _own_history(c: CompiledTree, k: int, i: int) -> tuple:
    """Player ``i``'s own (infoset, action) moves on the way to node ``k``."""
    out = []
    while k > 0:
        p = int(c.parent[k])
        h = c.node_infoset[p]
        if h >= 0 and c.infosets[h].player == i:
            out.append((h, int(c.action[k])))
        k = p
    return tuple(reversed(out))


def compile_tree(tree: Any) -> CompiledTree:
    """Validate ``tree`` and lay it out; raise :class:`InvalidTreeError` naming the bad node.

    Linear in the number of nodes (plus, for shared information sets, their
    members' depths).
    """
    with paused_gc():
        return _compile(tree)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a pass that allocates a few objects per node.

    Without it, the collections those allocations trigger rescan every node
    of a large tree again and again (they took most of the time at 10**5 nodes).
    No user code runs inside, and the objects made hold no cycles to collect.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compile(tree: Any) -> CompiledTree:
    c = CompiledTree(tree)
    pay = _nodes_look_valid(c)
    if pay is None:
        for node in c.nodes:  # find and name the first bad node
            _check_node(node, tree)
        # a knife-edge the bulk check rounded differently: every node passed on its own
        pay = np.array([n.payoff for n in c.nodes if n.kind == "terminal"], dtype=np.float64)
    c.labels = labels = _labels(c)
    if len(set(labels)) != len(labels):
        seen: set[str] = set()
        for lab in labels:
            if lab in seen:
                msg = (f"two nodes are labelled {lab!r}; node names must be unique "
                       f"(rename one with name=)")
                raise InvalidTreeError(msg)
            seen.add(lab)
    index = {p: i for i, p in enumerate(c.players)}
    groups: dict[str, int] = {}
    n = len(c.nodes)
    mover = np.full(n, -2, dtype=np.int64)
    prob = np.ones(n)
    payoff = np.zeros((n, len(c.players)))
    for k, node in enumerate(c.nodes):
        kind = node.kind
        if kind == "terminal":
            continue
        if kind == "chance":
            mover[k] = -1
            prob[c.children[k]] = node.probs
            continue
        label = node.infoset if node.infoset is not None else labels[k]
        g = groups.get(label)
        if g is None:
            g = groups[label] = len(c.infosets)
            h = Infoset(index[node.player], label, node.actions)
            c.infosets.append(h)
            c.player_infosets[h.player].append(g)
        else:
            h = c.infosets[g]
            _check_infoset_member(c, h, k)
            c.perfect_information = False
        h.members.append(k)
        c.node_infoset[k] = g
        mover[k] = h.player
    payoff[mover == -2] = pay
    c.mover, c.prob, c.payoff = mover, prob, payoff
    depth = [0] * n
    action = [0] * n
    for k, kids in enumerate(c.children):
        d = depth[k] + 1
        for a, j in enumerate(kids):
            depth[j] = d
            action[j] = a
    c.depth, c.action = np.asarray(depth, dtype=np.int64), np.asarray(action, dtype=np.int64)
    shared = [h for h in c.infosets if len(h.members) > 1]
    for h in shared:
        first = _own_history(c, h.members[0], h.player)
        if any(_own_history(c, m, h.player) != first for m in h.members[1:]):
            c.perfect_recall = False
    # A node heads a proper subgame unless some information set has members both inside
    # and outside its subtree: exactly the ancestors of a member below the set's common ancestor.
    cut = [-1] * n  # the last shared set (by position in ``shared``) that cuts the node
    for g, h in enumerate(shared):
        lo, hi = h.members[0], h.members[-1]
        for m in h.members:
            k = m
            while k >= 0 and not (k <= lo and c.end[k] > hi) and cut[k] != g:
                cut[k] = g
                k = int(c.parent[k])
    c.subgame_roots = [k for k in range(n) if c.children[k] and cut[k] < 0]
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
