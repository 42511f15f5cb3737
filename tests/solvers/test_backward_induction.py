"""Perfect-information trees: backward induction over arrays, exact counts of SPE, lazy listing.

Oracles written here: backward induction by brute force over nested tuples (every combination of the
subtrees' equilibria, every optimal action), closed-form counts, and Gambit's regret of each profile.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import GameTooLargeError, UnsupportedMethodError
from negotiation_sim.solvers._subgame_perfect import count_subgame_perfect, iter_subgame_perfect


def nested_trees(n_players: int):
    """Nested tuples: ("leaf", payoffs), ("move", player, kids) or ("chance", weights, kids)."""
    leaf = st.tuples(st.just("leaf"), st.tuples(*[st.integers(-2, 2)] * n_players))

    def grow(kids):
        move = st.tuples(st.just("move"), st.integers(0, n_players - 1), st.lists(kids, min_size=1, max_size=3))
        chance = st.lists(st.tuples(st.integers(1, 3), kids), min_size=2, max_size=2).map(
            lambda ws: ("chance", tuple(w for w, _ in ws), [k for _, k in ws]))
        return st.one_of(move, move, chance)

    return st.recursive(leaf, grow, max_leaves=10).filter(lambda t: t[0] != "leaf")


def build(spec, n_players: int) -> ns.GameTree:
    tree = ns.GameTree(players=[f"P{i + 1}" for i in range(n_players)])

    def grow(node, spec):
        if spec[0] == "leaf":
            node.payoffs(*spec[1])
        elif spec[0] == "move":
            for child, sub in zip(node.move(f"P{spec[1] + 1}", [f"a{j}" for j in range(len(spec[2]))]),
                                  spec[2], strict=True):
                grow(child, sub)
        else:
            total = sum(spec[1])
            events = {f"e{j}": w / total for j, w in enumerate(spec[1])}
            for child, sub in zip(node.chance(events), spec[2], strict=True):
                grow(child, sub)

    grow(tree.root, spec)
    return tree


def oracle_spe(spec, path=()):
    """Every pure SPE of the nested tree: (value vector, frozenset of (node label, action))."""
    label = "/".join(path) or "root"
    if spec[0] == "leaf":
        return [(tuple(float(v) for v in spec[1]), frozenset())]
    if spec[0] == "move":
        i, kids = spec[1], spec[2]
        subs = [oracle_spe(k, (*path, f"a{j}")) for j, k in enumerate(kids)]
        out = []
        for combo in itertools.product(*subs):
            best = max(v[i] for v, _ in combo)
            below = frozenset().union(*(p for _, p in combo))
            out += [(v, below | {(label, f"a{j}")}) for j, (v, _) in enumerate(combo) if v[i] >= best - 1e-9]
        return out
    total = sum(spec[1])
    subs = [oracle_spe(k, (*path, f"e{j}")) for j, k in enumerate(spec[2])]
    out = []
    for combo in itertools.product(*subs):
        value = tuple(sum(w / total * v[k] for w, (v, _) in zip(spec[1], combo, strict=True))
                      for k in range(len(combo[0][0])))
        out.append((value, frozenset().union(*(p for _, p in combo))))
    return out


def plan(eq) -> frozenset:
    """A pure tree equilibrium as a set of (node label, action)."""
    out = set()
    for i in range(eq.n_players):
        for label, probs in eq.behaviour(i).items():
            [action] = [a for a, p in probs.items() if p == 1]
            out.add((label, action))
    return frozenset(out)


@pytest.mark.parametrize("n_players", [2, 3])
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_every_pure_spe_and_its_count_match_brute_force_backward_induction(n_players, data):
    """The listed equilibria are exactly the oracle's, with its payoffs; the count is their number."""
    spec = data.draw(nested_trees(n_players))
    tree = build(spec, n_players)
    theirs = {p: v for v, p in oracle_spe(spec)}
    eqs = ns.subgame_perfect(tree)
    assert eqs.complete
    ours = {plan(e): tuple(e.payoffs) for e in eqs}
    assert len(ours) == len(eqs) == count_subgame_perfect(tree) == len(oracle_spe(spec))
    assert ours.keys() == theirs.keys()
    for p, v in ours.items():
        np.testing.assert_allclose(v, theirs[p], atol=1e-9)
    assert [plan(e) for e in iter_subgame_perfect(tree)] == [plan(e) for e in eqs]


def full_tree(depth: int, branching: int = 2, payoff=(0.0, 0.0)) -> ns.GameTree:
    t = ns.GameTree(players=("A", "B"))
    frontier = [t.root]
    for d in range(depth):
        frontier = [c for node in frontier for c in node.move("AB"[d % 2], [f"x{j}" for j in range(branching)])]
    for node in frontier:
        node.payoffs(*payoff)
    return t


def test_indifference_everywhere_counts_every_profile():
    """All payoffs equal: every one of the 2**15 pure profiles of a 15-node binary tree is subgame perfect."""
    t = full_tree(4)
    assert count_subgame_perfect(t) == 2**15
    eqs = ns.subgame_perfect(t, max_equilibria=5)
    assert len(eqs) == 5 and not eqs.complete
    assert len({plan(e) for e in eqs}) == 5
    assert any("32768 pure subgame-perfect equilibria" in n for n in eqs.notes)
    assert any("max_equilibria=5" in n for n in eqs.notes)


def chain(n: int, tie: bool) -> ns.GameTree:
    """n alternating movers; each may Stop (leaf) or Go on; the end pays (0, 0).

    With ``tie`` every Stop pays (0, 0) too (2**n pure SPE); else the mover gets 1 by stopping.
    """
    t = ns.GameTree(players=("A", "B"))
    node = t.root
    for k in range(n):
        stop, node = node.move("AB"[k % 2], ["Stop", "Go"])
        stop.payoffs(0, 0) if tie else stop.payoffs(*((1, 0) if k % 2 == 0 else (0, 1)))
    node.payoffs(0, 0)
    return t


def test_deep_trees_do_not_recurse():
    """A chain 1,500 moves deep (beyond Python's recursion limit): one SPE if strict (stop at once), 2**1500 if tied."""
    strict = ns.subgame_perfect(chain(1500, tie=False))
    assert len(strict) == 1 and strict.complete and strict[0].outcomes == {"Stop": 1.0}
    tied = chain(1500, tie=True)
    assert count_subgame_perfect(tied) == 2**1500
    first = list(itertools.islice(iter_subgame_perfect(tied), 3))
    assert len({plan(e) for e in first}) == 3
    assert any("about 3.507e+451 pure" in n for n in ns.subgame_perfect(tied).notes)


def test_ties_that_change_nothing_above_only_multiply():
    """B is indifferent at each of A's three branches with equal vectors; A strictly prefers one: 2**3 SPE."""
    t = ns.GameTree(players=("A", "B"))
    for k, node in enumerate(t.root.move("A", ["l", "m", "r"])):
        for leaf in node.move("B", ["x", "y"]):
            leaf.payoffs(k, 0)
    eqs = ns.subgame_perfect(t)
    assert count_subgame_perfect(t) == len(eqs) == 8 and eqs.complete
    assert {e.outcomes.keys() == {"r/x"} or e.outcomes.keys() == {"r/y"} for e in eqs} == {True}


def test_too_many_value_vectors_below_chance_is_refused_or_noted():
    """A chance node over 18 tied choices, each worth 0 or 2**j to B: 2**18 value vectors, above the cap."""
    t = ns.GameTree(players=("A", "B"))
    events = t.root.chance({f"e{j}": 1 / 18 for j in range(18)})
    for j, node in enumerate(events):
        low, high = node.move("A", ["low", "high"])
        low.payoffs(0, 0)
        high.payoffs(0, 2**j)
    with pytest.raises(GameTooLargeError, match="distinct payoff vectors"):
        count_subgame_perfect(t)
    eqs = ns.subgame_perfect(t)
    assert len(eqs) == 1 and not eqs.complete and "count" in eqs.notes[0]


def test_imperfect_information_is_refused_by_name():
    t = ns.GameTree(players=("A", "B"))
    a, b = t.root.move("A", ["L", "R"])
    for node in (a, b):
        for leaf in node.move("B", ["l", "r"], infoset="B's guess"):
            leaf.payoffs(0, 0)
    with pytest.raises(UnsupportedMethodError, match="imperfect information"):
        count_subgame_perfect(t)
    with pytest.raises(UnsupportedMethodError, match="imperfect information"):
        iter_subgame_perfect(t)


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_every_spe_is_a_nash_equilibrium_for_gambit(tmp_path_factory, data):
    """Gambit's regret of each listed profile, in the whole game, is zero."""
    from negotiation_sim.io.efg import write_efg
    from tests.oracle import gbt

    tree = build(data.draw(nested_trees(2)), 2)
    path = tmp_path_factory.mktemp("efg") / "tree.efg"
    write_efg(tree, path)
    game = gbt.read_efg(str(path))
    for eq in ns.subgame_perfect(tree):
        blocks = [[list(eq.behaviour(i)[label].values()) for label, _ in eq.infosets[i]] for i in range(2)]
        assert game.mixed_behavior_profile(blocks).max_regret() <= 1e-9
