"""Perfect-information game trees: building, subgame perfection, Gambit on the exported tree, credibility.

A tree of about ``nodes`` nodes is grown breadth first from a seed: each
decision node gets 2 or 3 actions and the two players alternate by depth;
leaves get payoffs drawn from a normal distribution (no ties) or from
{0, 1, 2} (ties, hence several subgame-perfect equilibria).
"""

from __future__ import annotations

from typing import Any

from benchmarks.harness import Contender, Section

BUILD = "ours: build the GameTree (builder API)"
OURS = "ours: ns.solve(tree)"
GAMBIT = "pygambit lcp_solve(rational=False) on the .efg"
CREDIBILITY = "ours: ns.credibility(tree)"


def tree_spec(params: dict) -> list:
    """One input: the tree as plain data, (children counts in breadth-first order, leaf payoffs)."""
    import numpy as np

    rng = np.random.default_rng([params["seed"], params["nodes"], int(params["ties"])])
    branching: list[int] = []
    count, frontier = 1, 1  # nodes so far; nodes waiting for a decision or a leaf
    while frontier:
        b = int(rng.integers(2, 4))
        frontier -= 1
        if count + b <= params["nodes"]:
            branching.append(b)
            count += b
            frontier += b
        else:
            branching.append(0)
    leaves = branching.count(0)
    payoffs = rng.integers(0, 3, size=(leaves, 2)).astype(float) if params["ties"] \
        else np.round(rng.normal(size=(leaves, 2)), 6)
    return [(branching, payoffs)]


def build(spec: tuple) -> Any:
    """The GameTree of ``spec`` through the public builder (``node.move``, ``node.payoffs``)."""
    import negotiation_sim as ns

    branching, payoffs = spec
    tree = ns.GameTree(players=("P1", "P2"))
    queue = [(tree.root, 0)]
    leaf = 0
    for (node, depth), b in zip(queue, branching):  # queue grows while zip walks it: breadth first
        if b:
            queue += [(child, depth + 1) for child in
                      node.move(("P1", "P2")[depth % 2], [f"a{j}" for j in range(b)])]
        else:
            node.payoffs(*payoffs[leaf])
            leaf += 1
    return tree


def _build(spec: tuple) -> Any:
    return lambda: build(spec)


def _solve(spec: tuple) -> Any:
    import negotiation_sim as ns

    tree = build(spec)
    return lambda: ns.solve(tree)


def _credibility(spec: tuple) -> Any:
    import negotiation_sim as ns

    tree = build(spec)
    return lambda: ns.credibility(tree)


def _gambit(spec: tuple) -> Any:
    import os
    import tempfile

    import pygambit as gbt

    import negotiation_sim as ns

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "tree.efg")
        ns.write_game(build(spec), path)
        game = gbt.read_efg(path)
    return lambda: gbt.nash.lcp_solve(game, rational=False)


def _only_at(nodes: int):
    def limit(params: dict) -> str | None:
        return None if params["nodes"] == nodes else f"run on the {nodes:,}-node tree only"

    return limit


SECTIONS = {
    "trees": Section(
        "trees", "Perfect-information game trees",
        "Seeded random trees (2 or 3 actions per node, players alternating). 'build' is the builder "
        "API from plain data (no ratio); ns.solve gives every subgame-perfect equilibrium by backward "
        "induction. pygambit's lcp_solve on the tree written by ns.write_game finds one Nash "
        "equilibrium of the sequence form (not necessarily subgame perfect): a different guarantee, "
        "shown for scale. ns.credibility runs on the 1,000-node tree.",
        (Contender(BUILD, "negotiation_sim", _build, role="info"),
         Contender(OURS, "negotiation_sim", _solve, lambda res, spec: len(res), role="ours"),
         Contender(GAMBIT, "pygambit", _gambit),
         Contender(CREDIBILITY, "negotiation_sim", _credibility, lambda res, spec: len(res), role="info",
                   limit=_only_at(1000))),
        tree_spec,
        lambda params, res: {n: {"note": f"{'equilibria' if n == OURS else 'records'}: {r[0]}", "count": r[0]}
                             for n, r in res.items() if n in (OURS, CREDIBILITY) and r}),
}
