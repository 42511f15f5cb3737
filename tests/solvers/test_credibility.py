"""ns.credibility names a non-credible plan a threat only when it punishes, a promise when it rewards.

Each tree's classification is worked out by hand in the test's docstring from the payoffs at the node.
"""

import pytest

import negotiation_sim as ns
from negotiation_sim.solvers._credibility import plan_kind


def one_move_tree(players, first, out_payoffs, second, leaves):
    """First mover: In or Out (Out ends with ``out_payoffs``); after In the second mover picks a leaf."""
    t = ns.GameTree(players=players)
    enter, out = t.root.move(first, ["In", "Out"])
    out.payoffs(*out_payoffs)
    for node, pay in zip(enter.move(second, list(leaves)), leaves.values()):
        node.payoffs(*pay)
    return t


def pure_records(tree):
    return [r for r in ns.credibility(tree) if r.equilibrium.is_pure]


def test_entry_deterrence_fight_is_a_threat():
    """(Out, Fight): fighting gives the entrant -1 against 1 from accommodating, so it punishes: a threat."""
    t = one_move_tree(("Entrant", "Incumbent"), "Entrant", (0, 2), "Incumbent",
                      {"Fight": (-1, -1), "Accommodate": (1, 1)})
    [record] = pure_records(t)
    [plan] = record.threats
    assert plan.kind == "threat" and plan.others == {"Entrant": (-1.0, 1.0)}
    assert "Incumbent's threat to Fight after In is not credible" in record.describe()


def test_accommodating_when_fighting_pays_is_a_promise_not_a_threat():
    """Fight now pays the incumbent (3 > 1): the Nash mixture with Accommodate gives the entrant 0 > -1, a promise.

    By hand: the entrant stays out while the incumbent fights with probability >= 1/2; at f = 1/2 the
    incumbent's mixture gives it 2 < 3 (not credible) and the entrant (1/2)(-1) + (1/2)(1) = 0 > -1.
    Those equilibria are mixed, so only the strategic-form path reports them. On the tree, imposing
    Accommodate after In makes the entrant enter (1 > 0), where the incumbent would not accommodate: no
    pure Nash equilibrium rests on the promise, and there is no record.
    """
    from tests.solvers.test_subgame_perfect import strategic_form_records

    t = one_move_tree(("Entrant", "Incumbent"), "Entrant", (0, 2), "Incumbent",
                      {"Fight": (-1, 3), "Accommodate": (1, 1)})
    assert ns.credibility(t) == []
    records = strategic_form_records(t)
    assert records
    for r in records:
        for plan in r.threats:
            assert plan.best_action == "Fight"
            assert plan.kind == "promise"
            assert "threat to Accommodate" not in r.describe() and "threat to mix" not in r.describe()
            assert "promise to" in r.describe()


def test_a_plan_to_reward_is_a_promise():
    """(Out, Reward): rewarding gives A 2 against 0 from keeping, and costs B 1: a non-credible promise."""
    t = one_move_tree(("A", "B"), "A", (3, 0), "B", {"Reward": (2, 0), "Keep": (0, 1)})
    [record] = pure_records(t)
    [plan] = record.threats
    assert plan.kind == "promise" and plan.others == {"A": (2.0, 0.0)}
    assert "B's promise to Reward after In is not credible" in record.describe()


def test_a_plan_that_leaves_the_other_indifferent_is_a_plan():
    """(Out, X): X gives A the same 1 as Y but costs B 1: neither threat nor promise, a plan."""
    t = one_move_tree(("A", "B"), "A", (3, 0), "B", {"X": (1, 0), "Y": (1, 1)})
    [record] = pure_records(t)
    [plan] = record.threats
    assert plan.kind == "plan" and plan.others == {"A": (1.0, 1.0)}
    assert "B's plan to X after In is not credible" in record.describe()


@pytest.mark.parametrize(("w", "player", "kind"), [(-5.0, "Russia", "threat"), (-1.0, "NATO", "threat")])
def test_the_seminar_crisis_tree(w, player, kind):
    """Russia's Fight gives NATO -5 < 0 (back down); at w = -1 NATO's Resist gives Russia -1 < 1: both threats."""
    t = ns.GameTree(players=("Russia", "NATO"))
    threaten, wait = t.root.move("Russia", ["Threaten", "Status quo"])
    wait.payoffs(0, 0)
    concede, resist = threaten.move("NATO", ["Concede", "Resist"])
    concede.payoffs(1, -1)
    fight, back = resist.move("Russia", ["Fight", "Back down"])
    fight.payoffs(w, -5)
    back.payoffs(-2, 0)
    [record] = pure_records(t)
    [plan] = record.threats
    assert (plan.player, plan.kind) == (player, kind)


@pytest.mark.parametrize(("others", "kind"), [
    ({"X": (-1.0, 0.0)}, "threat"), ({"X": (0.5, 0.0)}, "promise"), ({"X": (0.0, 0.0)}, "plan"),
    ({"X": (-1.0, 0.0), "Y": (0.0, 0.0)}, "threat"), ({"X": (-1.0, 0.0), "Y": (1.0, 0.0)}, "plan"),
    ({"X": (1e-12, 0.0)}, "plan"),
])
def test_plan_kind_definition(others, kind):
    """Threat: nobody better off, someone worse; promise: the reverse; plan: the rest (up to the tolerance)."""
    assert plan_kind(others, atol=1e-9) == kind


def test_a_thousand_node_tree():
    """Credibility on a 1,093-node ternary tree (random payoffs, seeded), checked by recursion written here.

    Each record's profile gives no player a gain from deviating (best response computed here), its one
    threat loses the player what the test's own values say, and no two records share a node and action.
    """
    import numpy as np

    rng = np.random.default_rng(7)
    t = ns.GameTree(players=("A", "B"))
    frontier = [t.root]
    for d in range(6):
        frontier = [c for node in frontier for c in node.move("AB"[d % 2], ["x", "y", "z"])]
    for node in frontier:
        node.payoffs(*rng.integers(0, 10, size=2))
    assert sum(1 for _ in t.nodes()) == 1093
    records = ns.credibility(t)
    assert len({(r.threats[0].infoset, r.threats[0].action) for r in records}) == len(records) >= 5

    def plan_of(eq):
        return {lab: next(a for a, p in probs.items() if p == 1)
                for i in range(2) for lab, probs in eq.behaviour(i).items()}

    def value(node, plan):
        return node.payoff if node.kind == "terminal" else value(node[plan[node.label]], plan)

    def best(node, plan, i):
        if node.kind == "terminal":
            return node.payoff[i]
        if node.player == t.players[i]:
            return max(best(c, plan, i) for c in node.children)
        return best(node[plan[node.label]], plan, i)

    for r in records[:: max(1, len(records) // 12)]:
        plan = plan_of(r.equilibrium)
        for i in range(2):
            assert best(t.root, plan, i) <= value(t.root, plan)[i]
        [threat] = r.threats
        node = t.node(threat.infoset)
        i = t.players.index(threat.player)
        values = {a: value(node[a], plan)[i] for a in node.actions}
        assert threat.values == values and threat.loss == max(values.values()) - values[threat.action] > 0
