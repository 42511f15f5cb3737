"""Games in extensive form: a tree of decision, chance and terminal nodes.

A :class:`GameTree` is built the way the game is told: the root moves, each
action leads to a new node, and every node ends as a decision (``move``), a
chance event (``chance``) or an outcome (``payoffs``). Nodes a player cannot
tell apart share an information set (``infoset=`` on ``move``, or
:meth:`GameTree.same_infoset`).

The builder mutates while it builds, so every consumer (``to_normal_form``,
the solvers, the file writers, the plots) first calls :meth:`GameTree.validate`,
which catches unfinished nodes, wrong payoff lengths, bad chance probabilities
and inconsistent information sets, naming the node.

A node's label is its name when it has one, else the path of actions that
leads to it (``"Threaten/Resist"``); the root is ``"root"``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np

from negotiation_sim.errors import InvalidTreeError, TreeArgumentTypeError

__all__ = ["GameTree", "Node"]

_PROB_TOL = 1e-9


Where = str | Callable[[], str]


def _at(where: Where) -> str:
    """The location for an error message; a callable is only called then (labels cost a walk)."""
    return where if isinstance(where, str) else where()


def _check_action_names(actions: Any, where: Where) -> tuple[str, ...]:
    if isinstance(actions, str) or not isinstance(actions, Sequence):
        msg = f"actions at {_at(where)} must be a sequence of names, got {actions!r}"
        raise InvalidTreeError(msg)
    names = tuple(actions)
    if not names:
        msg = f"actions at {_at(where)} must name at least one action"
        raise InvalidTreeError(msg)
    for a in names:
        if not isinstance(a, str) or not a:
            msg = f"actions at {_at(where)} must be non-empty strings, got {a!r}"
            raise InvalidTreeError(msg)
    if len(set(names)) != len(names):
        msg = f"actions at {_at(where)} must be distinct, got {list(names)}"
        raise InvalidTreeError(msg)
    return names


def _floats(values: Any) -> list[float] | None:
    try:
        return [float(v) for v in values]
    except (TypeError, ValueError):
        return None


def _check_probs(probs: Sequence[float], where: Where) -> tuple[float, ...]:
    vec = _floats(probs)
    if vec is None:
        msg = f"chance probabilities at {_at(where)} must be numbers, got {list(probs)!r}"
        raise InvalidTreeError(msg)
    if not all(math.isfinite(p) and p >= 0 for p in vec):
        msg = f"chance probabilities at {_at(where)} must be finite and non-negative, got {vec}"
        raise InvalidTreeError(msg)
    total = math.fsum(vec)
    if abs(total - 1.0) > _PROB_TOL:
        msg = f"chance probabilities at {_at(where)} must sum to 1, they sum to {total:.6g}"
        raise InvalidTreeError(msg)
    return tuple(vec)


def _check_payoffs(values: Sequence[Any], n_players: int, where: Where) -> np.ndarray:
    vals = _floats(values)
    if vals is None:
        msg = f"payoffs at {_at(where)} must be numbers, got {list(values)!r}"
        raise InvalidTreeError(msg)
    if len(vals) != n_players:
        msg = f"payoffs at {_at(where)} must have one number per player ({n_players}), got {len(vals)}"
        raise InvalidTreeError(msg)
    if not all(math.isfinite(v) for v in vals):
        msg = f"payoffs at {_at(where)} must be finite, got {vals}"
        raise InvalidTreeError(msg)
    vec = np.array(vals, dtype=np.float64)
    vec.setflags(write=False)
    return vec


class Node:
    """One node of a :class:`GameTree`; made by the tree's builder, not directly.

    A node starts open; ``move``, ``chance`` or ``payoffs`` makes it a
    decision, chance or terminal node once.
    """

    __slots__ = ("tree", "parent", "action", "name", "kind", "player", "actions",
                 "children", "probs", "payoff", "infoset")

    def __init__(self, tree: GameTree, parent: Node | None = None, action: str | None = None):
        self.tree = tree
        self.parent = parent
        self.action = action  # the action (or chance event) that leads here
        self.name: str | None = None
        self.kind: str | None = None  # "decision", "chance", "terminal" or None while open
        self.player: str | None = None
        self.actions: tuple[str, ...] = ()
        self.children: tuple[Node, ...] = ()
        self.probs: tuple[float, ...] = ()
        self.payoff: np.ndarray | None = None
        self.infoset: str | None = None  # explicit information-set label, None = singleton

    # -- names --------------------------------------------------------------

    @property
    def path(self) -> tuple[str, ...]:
        """The actions and chance events from the root to this node."""
        out: list[str] = []
        node = self
        while node.parent is not None:
            assert node.action is not None  # _grow() gives every child the action that leads to it
            out.append(node.action)
            node = node.parent
        return tuple(reversed(out))

    @property
    def label(self) -> str:
        """The node's name, else its path joined by ``/``; the root is ``"root"``."""
        if self.name:
            return self.name
        return "/".join(self.path) or "root"

    @property
    def infoset_label(self) -> str:
        """The label of the node's information set (its own label when a singleton)."""
        return self.infoset if self.infoset is not None else self.label

    def __getitem__(self, action: str) -> Node:
        if action not in self.actions:
            msg = f"node {self.label!r} has no action {action!r}; its actions are {list(self.actions)}"
            raise InvalidTreeError(msg)
        return self.children[self.actions.index(action)]

    def __repr__(self) -> str:
        return f"Node({self.label!r}, kind={self.kind!r})"

    # -- building -----------------------------------------------------------

    def _where(self, name: str | None) -> Where:
        return f"node {name!r}" if name else (lambda: f"node {self.label!r}")

    def _open(self, name: str | None) -> None:
        self.tree._check_mutable()
        if self.kind is not None:
            msg = f"node {self.label!r} is already a {self.kind} node; a node is finished once"
            raise InvalidTreeError(msg)
        if name is not None and (not isinstance(name, str) or not name):
            msg = f"name of node {self.label!r} must be a non-empty string, got {name!r}"
            raise InvalidTreeError(msg)

    def _grow(self, kind: str, actions: tuple[str, ...], name: str | None) -> tuple[Node, ...]:
        self.kind = kind
        self.actions = actions
        if name is not None:
            self.name = name
        self.children = tuple(Node(self.tree, self, a) for a in actions)
        self.tree._version += 1
        return self.children

    def move(self, player: str, actions: Sequence[str], *, infoset: str | None = None,
             name: str | None = None) -> tuple[Node, ...]:
        """Make this a decision node of ``player``; return one new node per action.

        Parameters
        ----------
        player : str
            One of the tree's players.
        actions : sequence of str
            Distinct action names.
        infoset : str, optional
            Information-set label: decision nodes with the same label belong to
            one information set (same player, same actions, required).
        name : str, optional
            A name for the node (default: its path of actions).
        """
        self._open(name)
        where = self._where(name)
        if player not in self.tree.players:
            msg = f"unknown player {player!r} at {_at(where)}; the players are {list(self.tree.players)}"
            raise InvalidTreeError(msg)
        if infoset is not None and (not isinstance(infoset, str) or not infoset):
            msg = f"infoset at {_at(where)} must be a non-empty string, got {infoset!r}"
            raise InvalidTreeError(msg)
        acts = _check_action_names(actions, where)
        self.player = player
        self.infoset = infoset
        return self._grow("decision", acts, name)

    def chance(self, probs: Mapping[str, float], *more: Any, name: str | None = None) -> tuple[Node, ...]:
        """Make this a chance node: ``probs`` maps each event to its probability.

        Probabilities must be non-negative and sum to 1; returns one new node per event.

        Raises
        ------
        TreeArgumentTypeError
            If ``probs`` is not a mapping, e.g. for the positional guess
            ``chance(["Resolved", "Unresolved"], [0.3, 0.7])``; the message
            shows the call to write instead.
        """
        self._open(name)
        where = self._where(name)
        if more or not isinstance(probs, Mapping):
            hint = "node.chance({'Event': 0.3, 'Other event': 0.7})"
            if len(more) == 1 and isinstance(probs, Sequence) and not isinstance(probs, str):
                try:
                    hint = f"node.chance({dict(zip(probs, more[0], strict=True))!r})"
                except (TypeError, ValueError):
                    pass
            msg = (f"chance at {_at(where)} takes one mapping {{event: probability}}, not "
                   f"{', '.join(repr(a) for a in (probs, *more))}; write {hint}")
            raise TreeArgumentTypeError(msg)
        acts = _check_action_names(list(probs), where)
        self.probs = _check_probs(list(probs.values()), where)
        return self._grow("chance", acts, name)

    @overload
    def payoffs(self, values: Sequence[float] | np.ndarray, /, *, name: str | None = None) -> Node: ...

    @overload
    def payoffs(self, *values: float, name: str | None = None) -> Node: ...

    def payoffs(self, *values: Any, name: str | None = None) -> Node:
        """Make this a terminal node with one payoff per player (in the tree's player order)."""
        self._open(name)
        if len(values) == 1 and isinstance(values[0], (Sequence, np.ndarray)):
            values = tuple(values[0])
        self.payoff = _check_payoffs(values, self.tree.n_players, self._where(name))
        self.kind = "terminal"
        if name is not None:
            self.name = name
        self.tree._version += 1
        return self


class GameTree:
    """A finite game in extensive form, built node by node.

    Parameters
    ----------
    players : sequence of str
        Player names, in the order payoff vectors use.
    title : str, optional

    Examples
    --------
    The crisis of the article: Russia threatens or keeps the status quo, NATO
    concedes or resists, and a resisted Russia fights or backs down.

    >>> import negotiation_sim as ns
    >>> t = ns.GameTree(players=("Russia", "NATO"))
    >>> threaten, wait = t.root.move("Russia", ["Threaten", "Status quo"])
    >>> _ = wait.payoffs(0, 0)
    >>> concede, resist = threaten.move("NATO", ["Concede", "Resist"])
    >>> _ = concede.payoffs(1, -1)
    >>> fight, back = resist.move("Russia", ["Fight", "Back down"])
    >>> _ = fight.payoffs(-5, -5); _ = back.payoffs(-2, 0)
    >>> t.to_normal_form().actions
    (('Threaten/Fight', 'Threaten/Back down', 'Status quo'), ('Concede', 'Resist'))
    >>> print(ns.solve(t)[0].describe())
    Russia: Status quo at root, Back down at Threaten/Resist; NATO: Resist at Threaten. Play: Status quo. Payoffs: Russia 0, NATO 0. Subgame perfect: no player gains by deviating in any subgame (regret 0).
    """

    def __init__(self, players: Sequence[str] = ("Player 1", "Player 2"), title: str = ""):
        if isinstance(players, str) or not isinstance(players, Sequence):
            msg = f"players must be a sequence of names, got {players!r}"
            raise InvalidTreeError(msg)
        players = tuple(players)
        if not players or any(not isinstance(p, str) or not p for p in players):
            msg = f"players must be at least one non-empty string, got {players!r}"
            raise InvalidTreeError(msg)
        if len(set(players)) != len(players):
            msg = f"players must be distinct, got {list(players)}"
            raise InvalidTreeError(msg)
        self.players: tuple[str, ...] = players
        self.title = str(title)
        self._version = 0
        self._frozen = False
        self._cache: tuple[int, Any] | None = None
        self.root = Node(self)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    def _check_mutable(self) -> None:
        if self._frozen:
            msg = "the tree is frozen; build a new GameTree to change it"
            raise InvalidTreeError(msg)

    def nodes(self) -> Iterator[Node]:
        """Every node, in preorder (a node before its children, children in action order)."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def terminals(self) -> list[Node]:
        """The terminal nodes, left to right."""
        return [n for n in self.nodes() if n.kind == "terminal"]

    def node(self, label: str) -> Node:
        """The node with this label (its name, or its path ``"A/B"``; ``"root"``)."""
        try:
            c = self._compiled()
        except InvalidTreeError:  # an unfinished tree: walk it
            for n in self.nodes():
                if n.label == label or "/".join(n.path) == label:
                    return n
        else:
            k = c.lookup.get(label)
            if k is not None:
                return c.nodes[k]
        msg = f"no node labelled {label!r} in the tree"
        raise InvalidTreeError(msg)

    def same_infoset(self, *nodes: Node, label: str | None = None) -> str:
        """Put decision ``nodes`` in one information set; return its label.

        The label is ``label``, else the first node's current information-set
        label. Players and actions are checked by :meth:`validate`.
        """
        self._check_mutable()
        if len(nodes) < 2 or not all(isinstance(n, Node) and n.tree is self for n in nodes):
            msg = "same_infoset needs two or more nodes of this tree"
            raise InvalidTreeError(msg)
        for n in nodes:
            if n.kind != "decision":
                msg = f"node {n.label!r} is not a decision node; only decision nodes share information sets"
                raise InvalidTreeError(msg)
        lab = label if label is not None else nodes[0].infoset_label
        for n in nodes:
            n.infoset = lab
        self._version += 1
        return lab

    # -- validation ---------------------------------------------------------

    def validate(self) -> GameTree:
        """Check the whole tree; raise :class:`InvalidTreeError` naming the first bad node.

        Catches nodes left without a move or payoffs, chance probabilities
        that do not sum to 1, payoff vectors of the wrong length, unknown
        players, duplicate node labels, and information sets whose nodes
        differ in player or actions or lie on one path. Returns the tree.
        """
        self._compiled()
        return self

    def freeze(self) -> GameTree:
        """Validate the tree and forbid further changes; returns the tree."""
        self.validate()
        self._frozen = True
        return self

    def _compiled(self):
        if self._cache is None or self._cache[0] != self._version:
            from negotiation_sim.games._tree_compile import compile_tree

            self._cache = (self._version, compile_tree(self))
        return self._cache[1]

    def is_perfect_information(self) -> bool:
        """Whether every information set is a single node."""
        return all(len(h.members) == 1 for h in self._compiled().infosets)

    def has_perfect_recall(self) -> bool:
        """Whether every player remembers its own past information sets and actions."""
        return self._compiled().perfect_recall

    # -- conversions and display ---------------------------------------------

    def to_normal_form(self) -> Any:
        """The reduced strategic form, as a :class:`NormalFormGame`.

        A reduced strategy says what the player does at every information set
        its own earlier moves do not exclude; strategies that differ only at
        excluded sets are merged (Gambit's reduced strategic form). Names join
        the actions in order: ``"Threaten/Fight"``. Chance is taken in
        expectation.
        """
        from negotiation_sim.games._tree_compile import reduced_normal_form

        return reduced_normal_form(self)[0]

    def __repr__(self) -> str:
        title = f", title={self.title!r}" if self.title else ""
        n = sum(1 for _ in self.nodes())
        return f"GameTree(players={self.players!r}, nodes={n}{title})"

    def to_tikz(self, equilibrium: Any = None, *, document: bool = False) -> str:
        """The tree as a TikZ picture (:func:`negotiation_sim.latex.tree_to_tikz`)."""
        from negotiation_sim.latex import tree_to_tikz

        return tree_to_tikz(self, equilibrium, document=document)

    def _repr_svg_(self) -> str | None:
        try:
            self.validate()
        except InvalidTreeError:
            return None  # an unfinished tree has no picture; repr() still shows it
        import io

        from matplotlib.figure import Figure

        from negotiation_sim.plotting.tree import game_tree

        fig = Figure(figsize=(7, 4.5))
        game_tree(self, ax=fig.subplots())
        buf = io.StringIO()
        fig.savefig(buf, format="svg", bbox_inches="tight")
        return buf.getvalue()
