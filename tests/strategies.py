"""Hypothesis strategies shared by the tests: random and degenerate games."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from negotiation_sim import NormalFormGame


@st.composite
def bimatrix_games(draw, min_actions: int = 1, max_actions: int = 4, integer: bool | None = None):
    """Random 2-player games; with small integer payoffs (often degenerate) about half the time."""
    m = draw(st.integers(min_actions, max_actions))
    n = draw(st.integers(min_actions, max_actions))
    use_int = draw(st.booleans()) if integer is None else integer
    if use_int:
        elements = st.integers(-3, 3).map(float)
    else:
        elements = st.floats(-10, 10, allow_nan=False, allow_infinity=False, width=32)
    payoffs = draw(hnp.arrays(np.float64, (m, n, 2), elements=elements))
    return NormalFormGame(payoffs)


@st.composite
def n_player_games(draw, min_players: int = 2, max_players: int = 4, max_actions: int = 3):
    """Random N-player games with small integer payoffs (ties, hence many pure equilibria)."""
    k = draw(st.integers(min_players, max_players))
    shape = tuple(draw(st.integers(1, max_actions)) for _ in range(k))
    payoffs = draw(hnp.arrays(np.float64, (*shape, k), elements=st.integers(-3, 3).map(float)))
    return NormalFormGame(payoffs)


#: Names for players and actions: printable text, quotes included (Gambit's escapes are tested).
game_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8
)


@st.composite
def named_games(draw, max_players: int = 3, max_actions: int = 3, name_strategy=game_names,
                title_strategy=None):
    """Random N-player games with arbitrary (distinct) player and action names and a title."""
    k = draw(st.integers(2, max_players))
    shape = tuple(draw(st.integers(1, max_actions)) for _ in range(k))
    payoffs = draw(hnp.arrays(np.float64, (*shape, k),
                              elements=st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)))
    players = draw(st.lists(name_strategy, min_size=k, max_size=k, unique=True))
    actions = [draw(st.lists(name_strategy, min_size=n, max_size=n, unique=True)) for n in shape]
    if title_strategy is None:
        title_strategy = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
    title = draw(title_strategy)
    return NormalFormGame(payoffs, players=players, actions=actions, title=title)


def _grow_tree(draw, tree, node, depth: int, max_actions: int, chance: bool, payoff):
    """Finish ``node`` randomly: a terminal at depth 0 (or by chance), else a move or chance event."""
    kind = "terminal" if depth == 0 else draw(
        st.sampled_from(["decision", "decision", "terminal"] + (["chance"] if chance else [])))
    if kind == "terminal":
        node.payoffs(*[draw(payoff) for _ in tree.players])
        return
    k = draw(st.integers(2, max_actions))
    names = [f"a{j}" for j in range(k)]
    if kind == "chance":
        weights = draw(st.lists(st.integers(1, 4), min_size=k, max_size=k))
        children = node.chance({f"c{j}": w / sum(weights) for j, w in enumerate(weights)})
    else:
        children = node.move(draw(st.sampled_from(tree.players)), names)
    for child in children:
        _grow_tree(draw, tree, child, depth - 1, max_actions, chance, payoff)


@st.composite
def game_trees(draw, n_players: int = 2, max_depth: int = 3, max_actions: int = 3, min_depth: int = 1,
               chance: bool = True, imperfect: bool = False, integer: bool = True):
    """Random finite game trees.

    Perfect information by default; with ``imperfect=True`` random pairs of
    decision nodes of one player with the same actions are merged into
    information sets whenever perfect recall survives. Integer payoffs in
    [-3, 3] (many ties) unless ``integer=False``. Chance probabilities are
    multiples of 1/k for small k, so that Gambit reads them exactly.
    """
    from negotiation_sim import GameTree

    payoff = (st.integers(-3, 3).map(float) if integer
              else st.floats(-10, 10, allow_nan=False, width=32).map(float))
    tree = GameTree(players=[f"P{i + 1}" for i in range(n_players)])
    _grow_tree(draw, tree, tree.root, draw(st.integers(min_depth, max_depth)), max_actions, chance, payoff)
    if imperfect:
        _merge_infosets(draw, tree)
    tree.validate()
    return tree


def _set_infosets(tree, decisions, labels) -> None:
    for n in decisions:
        n.infoset = labels[id(n)]
    tree._version += 1  # the tree caches its validation by version


def _own_moves(node) -> tuple:
    """The moves the node's player made on the way to it (equal for perfect-recall partners)."""
    out, child, parent = [], node, node.parent
    while parent is not None:
        if parent.player == node.player:
            out.append((parent.infoset_label, child.action))
        child, parent = parent, parent.parent
    return tuple(out)


def _merge_infosets(draw, tree) -> None:
    """Merge random pairs of information sets, keeping each merge only if perfect recall holds."""
    from negotiation_sim.errors import InvalidTreeError

    decisions = [n for n in tree.nodes() if n.kind == "decision"]
    labels = {id(n): n.label for n in decisions}
    pairs = [(a, b) for k, a in enumerate(decisions) for b in decisions[k + 1:]
             if a.player == b.player and a.actions == b.actions
             and _own_moves(a) == _own_moves(b)]
    for _ in range(draw(st.integers(0, 4)) if pairs else 0):
        a, b = draw(st.sampled_from(pairs))
        la, lb = labels[id(a)], labels[id(b)]
        if la == lb:
            continue
        trial = {k: (la if v == lb else v) for k, v in labels.items()}
        _set_infosets(tree, decisions, trial)
        try:
            ok = tree.has_perfect_recall()
        except InvalidTreeError:  # a node and its ancestor in one set
            ok = False
        if ok:
            labels = trial
    _set_infosets(tree, decisions, labels)


#: Priors whose posteriors and belief thresholds stay on a grid of small denominators.
SIMPLE_PRIORS = (1 / 10, 1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 4, 9 / 10)


@st.composite
def signaling_games(draw, n_types: int = 2, n_messages: int = 2, n_responses: int = 2):
    """Random signalling games with small integer payoffs (ties included) and a simple prior."""
    from negotiation_sim import SignalingGame

    shape = (n_types, n_messages, n_responses)
    ints = st.integers(-3, 3).map(float)
    if n_types == 2:
        p = draw(st.sampled_from(SIMPLE_PRIORS))
        prior = [p, 1 - p]
    else:
        weights = draw(st.lists(st.integers(1, 4), min_size=n_types, max_size=n_types))
        prior = [w / sum(weights) for w in weights]
    return SignalingGame(
        types=[f"T{k}" for k in range(n_types)], prior=prior,
        messages=[f"m{k}" for k in range(n_messages)], responses=[f"r{k}" for k in range(n_responses)],
        sender_payoffs=draw(hnp.arrays(np.float64, shape, elements=ints)),
        receiver_payoffs=draw(hnp.arrays(np.float64, shape, elements=ints)),
    )


@st.composite
def chicken_payoffs(draw):
    """Four payoffs ``(R, S, T, P)`` with ``T > R > S > P`` (a game of Chicken), well separated."""
    gaps = draw(st.lists(st.floats(0.05, 10.0), min_size=3, max_size=3))
    p = draw(st.floats(-20.0, 0.0))
    s = p + gaps[0]
    r = s + gaps[1]
    t = r + gaps[2]
    return (r, s, t, p)


#: Discount factors bounded away from 0 and 1 so closed forms stay well conditioned.
discount_factors = st.floats(0.01, 0.99)
