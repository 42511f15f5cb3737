"""Tests of subgame-perfect equilibria and credibility, from the games' definitions."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings

import negotiation_sim as ns
from negotiation_sim.errors import UnsupportedMethodError
from tests.strategies import game_trees


def entry_game() -> ns.GameTree:
    """Entry deterrence (Selten's chain store, one market): fighting hurts the incumbent too."""
    t = ns.GameTree(players=("Entrant", "Incumbent"))
    entry, out = t.root.move("Entrant", ["Entry", "Stay out"])
    out.payoffs(0, 2)
    fight, acc = entry.move("Incumbent", ["Fight", "Accommodate"])
    fight.payoffs(-1, -1)
    acc.payoffs(1, 1)
    return t


def centipede(n: int, tie_at_end: bool = False) -> ns.GameTree:
    """Rosenthal's centipede: at stage k the mover may take k + 2 (the other gets k) or pass.

    Passing at the last stage gives both n; taking there gives the mover n + 1,
    or n with ``tie_at_end`` (then the last mover is indifferent).
    """
    t = ns.GameTree(players=("P1", "P2"))
    node = t.root
    for k in range(n):
        mover = k % 2
        take, node = node.move(("P1", "P2")[mover], ["Take", "Pass"])
        pay = [0.0, 0.0]
        pay[mover] = n if (tie_at_end and k == n - 1) else k + 2
        pay[1 - mover] = k
        take.payoffs(*pay)
    node.payoffs(n, n)
    return t


def _plan(eq, tree) -> dict[str, str]:
    """A pure tree equilibrium as {node label: action} (perfect information)."""
    out = {}
    for i in range(tree.n_players):
        for label, probs in eq.behaviour(i).items():
            [(action, p)] = [(a, p) for a, p in probs.items() if p > 0]
            assert p == 1
            out[label] = action
    return out


def brute_force_spe(tree) -> set[tuple]:
    """Every pure profile that is a Nash equilibrium in every subgame, by enumeration.

    A profile assigns an action to every decision node (perfect information).
    For each subgame and player, every alternative assignment of that
    player's nodes in the subgame is tried.
    """
    nodes = [n for n in tree.nodes() if n.kind == "decision"]

    def value(node, plan):
        if node.kind == "terminal":
            return node.payoff
        if node.kind == "chance":
            return sum(p * value(c, plan) for p, c in zip(node.probs, node.children, strict=False))
        return value(node[plan[node.label]], plan)

    def subtree(node):
        yield node
        for c in node.children:
            yield from subtree(c)

    found = set()
    for choice in itertools.product(*[n.actions for n in nodes]):
        plan = {n.label: a for n, a in zip(nodes, choice, strict=False)}
        ok = True
        for x in nodes:
            base = value(x, plan)
            for i, p in enumerate(tree.players):
                mine = [n for n in subtree(x) if n.kind == "decision" and n.player == p]
                for dev in itertools.product(*[n.actions for n in mine]):
                    alt = {**plan, **{n.label: a for n, a in zip(mine, dev, strict=False)}}
                    if value(x, alt)[i] > base[i] + 1e-9:
                        ok = False
                        break
                if not ok:
                    break
            if not ok:
                break
        if ok:
            found.add(choice)
    return found


class TestEntryDeterrence:
    def test_spe_is_entry_and_accommodation(self):
        """Backward induction: the incumbent accommodates, so the entrant enters."""
        eqs = ns.solve(entry_game())
        assert eqs.complete and len(eqs) == 1
        assert _plan(eqs[0], entry_game()) == {"root": "Entry", "Entry": "Accommodate"}
        np.testing.assert_array_equal(eqs[0].payoffs, [1, 1])
        assert eqs[0].outcomes == {"Entry/Accommodate": 1.0}

    def test_threat_to_fight_is_not_credible(self):
        """(Stay out, Fight) and (Stay out, Fight half the time) are Nash but rest on a threat to fight.

        Gambit's extreme equilibria of the reduced strategic form are these two
        and the subgame-perfect (Entry, Accommodate), which is not reported. On
        the tree (perfect information) the records are pure, so only the first
        is one; the strategic-form path (kept for imperfect information) gives both.
        """
        from tests.oracle import enummixed

        t = entry_game()
        theirs = enummixed(t.to_normal_form().payoffs)
        assert len(theirs) == 3
        [record] = ns.credibility(t)
        assert record.strategies == {"Entrant": "Stay out", "Incumbent": "Fight"}
        [pure] = record.threats
        assert (pure.player, pure.action, pure.best_action) == ("Incumbent", "Fight", "Accommodate")
        assert pure.values == {"Fight": -1.0, "Accommodate": 1.0} and pure.loss == 2
        assert "Incumbent's threat to Fight after Entry is not credible: at that node Fight gives it -1, Accommodate 1" in record.describe()
        records = strategic_form_records(t)
        assert [r.strategies for r in records] == [
            {"Entrant": "Stay out", "Incumbent": "Fight"},
            {"Entrant": "Stay out", "Incumbent": "Fight with probability 0.5 and Accommodate with probability 0.5"}]
        assert records[0].describe() == record.describe()
        mixed = records[1].threats[0]
        assert mixed.prescribed_value == 0 and mixed.loss == 1  # half of -1 and half of 1

    def test_credible_threat_is_not_reported(self):
        """When fighting pays the incumbent, (Stay out, Fight) is subgame perfect; only mixing is not."""
        t = entry_game()
        t.node("Entry/Fight").payoff = np.array([-1.0, 3.0])
        t._version += 1
        assert ns.credibility(t) == []  # no pure Nash equilibrium rests on a non-credible plan
        [record] = strategic_form_records(t)
        assert record.strategies["Incumbent"] != "Fight"
        [threat] = record.threats
        assert threat.best_action == "Fight" and threat.loss == pytest.approx(3 - 2)
        assert _plan(ns.solve(t)[0], t)["root"] == "Stay out"


def strategic_form_records(tree):
    """The records of the strategic-form path (every extreme Nash equilibrium of the reduced form)."""
    from negotiation_sim.solvers._credibility import _strategic_form_records
    from negotiation_sim.solvers._subgame_perfect import _prepare_tols

    c, atol = _prepare_tols(tree, None)
    return _strategic_form_records(tree, c, float(atol.max()), None)


class TestCentipede:
    @pytest.mark.parametrize("n", [2, 3, 6])
    def test_take_at_first_node(self, n):
        """With strict incentives the unique SPE takes at every node."""
        eqs = ns.subgame_perfect(centipede(n))
        assert len(eqs) == 1
        plan = _plan(eqs[0], centipede(n))
        assert set(plan.values()) == {"Take"}
        assert eqs[0].outcomes == {"Take": 1.0}

    def test_ties_give_several_spe(self):
        """An indifferent last mover gives one SPE per choice there (and brute force agrees)."""
        t = centipede(3, tie_at_end=True)
        eqs = ns.subgame_perfect(t)
        assert len(eqs) > 1
        ours = {tuple(_plan(e, t)[n.label] for n in t.nodes() if n.kind == "decision") for e in eqs}
        assert ours == brute_force_spe(t)


@settings(max_examples=200, deadline=None)
@given(game_trees(max_depth=3, max_actions=2))
def test_backward_induction_matches_brute_force(tree):
    """Every pure SPE found by backward induction, and only those, pass the brute-force test."""
    eqs = ns.subgame_perfect(tree)
    assert eqs.complete
    labels = [n.label for n in tree.nodes() if n.kind == "decision"]
    ours = [tuple(_plan(e, tree)[lab] for lab in labels) for e in eqs]
    assert len(ours) == len(set(ours))
    assert set(ours) == brute_force_spe(tree)


@settings(max_examples=25, deadline=None)
@given(game_trees(max_depth=3, max_actions=2))
def test_credibility_records_are_pure_nash_no_spe_extends(tree):
    """Each record is a pure Nash equilibrium that no brute-force SPE agrees with wherever it says something.

    The strategic-form path, which examines every pure Nash equilibrium, reports it too; its threat (the
    record's one) is an action no brute-force SPE plays at that node, and every other move is optimal in
    its subgame.
    """
    from negotiation_sim.games._tree_compile import reduced_normal_form

    c = tree._compiled()
    game, plans = reduced_normal_form(c)
    labels = [n.label for n in tree.nodes() if n.kind == "decision"]
    spe = [dict(zip(labels, choice, strict=True)) for choice in brute_force_spe(tree)]
    nash = {tuple(int(np.argmax(s)) for s in eq.strategies) for eq in ns.pure_equilibria(game)}
    old = {tuple(int(np.argmax(s)) for s in r.equilibrium.strategies)
           for r in strategic_form_records(tree) if r.equilibrium.is_pure}
    index = {s.label: h for h, s in enumerate(c.infosets)}
    for r in ns.credibility(tree):
        full = _plan(r.equilibrium, tree)
        reduced = []
        for i in range(tree.n_players):
            # the player's plan at the nodes its own moves do not exclude
            mine = {index[lab]: c.infosets[index[lab]].actions.index(a) for lab, a in full.items()
                    if c.infosets[index[lab]].player == i and _reached_by_own(tree.node(lab), full)}
            reduced.append(plans[i].index(mine))
        assert tuple(reduced) in nash and tuple(reduced) in old
        said = {lab: full[lab] for lab in full if _reached_by_own(tree.node(lab), full)}
        assert not any(all(p[k] == v for k, v in said.items()) for p in spe)
        [threat] = r.threats
        assert not any(p[threat.infoset] == threat.action for p in spe)
        for lab in labels:
            if lab != threat.infoset:
                assert _one_shot_gain(tree.node(lab), full) <= 1e-9


def _reached_by_own(node, plan) -> bool:
    """Whether the node's player's own earlier moves (in ``plan``) lead to it."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.player == node.player and parent.kind == "decision" and parent[plan[parent.label]] is not child:
            return False
        child, parent = parent, parent.parent
    return True


def _value(node, plan):
    if node.kind == "terminal":
        return node.payoff
    if node.kind == "chance":
        return sum(p * _value(c, plan) for p, c in zip(node.probs, node.children, strict=True))
    return _value(node[plan[node.label]], plan)


def _one_shot_gain(node, plan) -> float:
    i = node.tree.players.index(node.player)
    return max(_value(c, plan)[i] for c in node.children) - _value(node, plan)[i]


def battle_after_entry(pennies: bool = False) -> ns.GameTree:
    """A chooses Out (2, 2) or In; In leads to a simultaneous game (A moves, B does not see it)."""
    t = ns.GameTree(players=("A", "B"))
    go, out = t.root.move("A", ["In", "Out"])
    out.payoffs(2, 2)
    o, f = go.move("A", ["Opera", "Football"], name="A's choice")
    o1, f1 = o.move("B", ["Opera", "Football"], infoset="B's guess")
    o2, f2 = f.move("B", ["Opera", "Football"], infoset="B's guess")
    if pennies:  # matching pennies: A wins on a match
        o1.payoffs(1, -1)
        f1.payoffs(-1, 1)
        o2.payoffs(-1, 1)
        f2.payoffs(1, -1)
    else:  # battle of the sexes: A prefers Opera, B Football
        o1.payoffs(3, 1)
        f1.payoffs(0, 0)
        o2.payoffs(0, 0)
        f2.payoffs(1, 3)
    return t


def three_by_three_after_entry(a: np.ndarray, b: np.ndarray, outside: float) -> ns.GameTree:
    """A takes Out (``outside``, 0) or In; In leads to the bimatrix (a, b), B not seeing A's row."""
    t = ns.GameTree(players=("A", "B"))
    go, out = t.root.move("A", ["In", "Out"])
    out.payoffs(outside, 0)
    rows = go.move("A", ["T", "M", "D"], name="A's move")
    for r, node in enumerate(rows):
        for c, leaf in enumerate(node.move("B", ["L", "C", "R"], infoset="B's guess")):
            leaf.payoffs(a[r, c], b[r, c])
    return t


class TestImperfectInformation:
    def test_battle_of_the_sexes_subgame(self):
        """Each of the subgame's three equilibria fixes A's first move by comparing with 2.

        The subgame's equilibria are (Opera, Opera) worth 3 to A, (Football,
        Football) worth 1, and the mixed one (A: Opera 3/4, B: Opera 1/4) worth 3/4.
        """
        t = battle_after_entry()
        eqs = ns.subgame_perfect(t)
        got = sorted((e.behaviour("A")["root"]["In"], e.behaviour("A")["A's choice"]["Opera"],
                      e.behaviour("B")["B's guess"]["Opera"], *e.payoffs) for e in eqs)
        assert np.allclose(got, sorted([(1, 1, 1, 3, 1), (0, 0, 0, 2, 2), (0, 0.75, 0.25, 2, 2)]))

    def test_matching_pennies_subgame(self):
        """The subgame is worth 0 to A in its unique (mixed) equilibrium, so A stays Out."""
        eqs = ns.subgame_perfect(battle_after_entry(pennies=True))
        assert len(eqs) == 1
        assert eqs[0].behaviour("A")["root"] == {"In": 0.0, "Out": 1.0}
        assert eqs[0].behaviour("B")["B's guess"] == {"Opera": 0.5, "Football": 0.5}
        assert not eqs[0].is_pure

    def test_three_by_three_subgame_every_extreme_equilibrium(self):
        """A 3x3 post-entry subgame with three equilibria (one pure, two mixed): each gives one SPE.

        Gambit's exact enumeration of the subgame's table is the oracle; A enters
        exactly when the subgame's equilibrium is worth more to it than Out's 2.2.
        """
        from tests.oracle import enummixed, same_profile_sets

        a = np.array([[4, 0, 3], [3, 4, 0], [3, 3, 1]], dtype=float)
        b = np.array([[5, 2, 0], [2, 2, 5], [0, 4, 2]], dtype=float)
        t = three_by_three_after_entry(a, b, outside=2.2)
        theirs = enummixed(np.stack([a, b], axis=-1))
        assert len(theirs) == 3 and sum(len(x[x > 0]) == 3 for x, _ in theirs) == 1
        eqs = ns.subgame_perfect(t)
        assert eqs.complete and len(eqs) == 3
        ours = [(np.array(list(e.behaviour("A")["A's move"].values())),
                 np.array(list(e.behaviour("B")["B's guess"].values()))) for e in eqs]
        missed, spurious = same_profile_sets(ours, theirs, atol=1e-9)
        assert not missed and not spurious
        assert sorted(e.behaviour("A")["root"]["In"] for e in eqs) == [0.0, 1.0, 1.0]
        for e, (x, y) in zip(eqs, ours, strict=True):
            enters = float(x @ a @ y) > 2.2
            assert e.behaviour("A")["root"]["In"] == float(enters)
            expected = (x @ a @ y, x @ b @ y) if enters else (2.2, 0.0)
            np.testing.assert_allclose(e.payoffs, expected, atol=1e-12)



def entry_with_simultaneous_subgame(ff: tuple[float, float] = (-3.0, -1.0)) -> ns.GameTree:
    """Mas-Colell, Whinston & Green (1995), Example 9.B.3: after In, both fight or accommodate at once.

    Payoffs (E, I): Out (0, 2); (F, F) ``ff``; (F, A) (1, -2); (A, F) (-2, -1); (A, A) (3, 1).
    """
    t = ns.GameTree(players=("E", "I"))
    go, out = t.root.move("E", ["In", "Out"])
    out.payoffs(0, 2)
    fight, acc = go.move("E", ["Fight", "Accommodate"], name="E's move")
    pay = {("Fight", "Fight"): ff, ("Fight", "Accommodate"): (1, -2),
           ("Accommodate", "Fight"): (-2, -1), ("Accommodate", "Accommodate"): (3, 1)}
    for e_action, node in (("Fight", fight), ("Accommodate", acc)):
        for i_action, leaf in zip(("Fight", "Accommodate"), node.move("I", ["Fight", "Accommodate"],
                                                                         infoset="I's move")):
            leaf.payoffs(*pay[(e_action, i_action)])
    return t


class TestCredibilityWithImperfectInformation:
    def test_mwg_entry_threat_fails_in_the_post_entry_subgame(self):
        """Staying out against a threat to fight is Nash, but in the subgame E accommodates, so I should.

        By hand: the post-entry game's unique equilibrium is (Accommodate,
        Accommodate) (accommodating is dominant for E); against it I gets -1
        from Fight and 1 from Accommodate. The Nash equilibria that keep E out
        need I to fight with probability at least 3/5 (In/Accommodate gives E
        3 - 5f <= 0); Gambit lists the extreme ones, f = 1 and f = 3/5.
        """
        from tests.oracle import enummixed

        t = entry_with_simultaneous_subgame()
        nf = t.to_normal_form()
        out = nf.actions[0].index("Out")
        theirs = enummixed(nf.payoffs)
        assert sorted(float(y[0]) for x, y in theirs if x[out] == 1) == pytest.approx([0.6, 1.0])
        records = ns.credibility(t)
        assert len(records) == 2 and all(r.strategies["E"] == "Out" for r in records)
        fights = sorted(r.equilibrium.strategies[1][0] for r in records)
        assert fights == pytest.approx([0.6, 1.0])
        for r in records:
            [threat] = r.threats
            f = r.equilibrium.strategies[1][0]
            assert (threat.player, threat.infoset, threat.subgame, threat.path) == ("I", "I's move", "E's move", ("In",))
            assert threat.values == {"Fight": -1.0, "Accommodate": 1.0}
            assert threat.best_action == "Accommodate"
            assert threat.loss == pytest.approx(1 - (f * -1 + (1 - f) * 1))
        assert "I's threat to Fight at I's move is not credible in the subgame after In" in next(
            r for r in records if r.strategies["I"] == "Fight").describe()

    def test_threat_backed_by_another_subgame_equilibrium_is_credible(self):
        """If (Fight, Fight) is also an equilibrium of the post-entry game, deterrence by it is subgame perfect.

        With (F, F) = (-1, 0): E's Fight answers I's Fight (-1 > -2) and I's
        Fight answers E's Fight (0 > -2); E prefers Out (0) to -1. The entrant's
        plan after In, which "Out" leaves open, is completed by that equilibrium.
        """
        t = entry_with_simultaneous_subgame(ff=(-1.0, 0.0))
        spe_outcomes = [e.outcomes for e in ns.subgame_perfect(t)]
        assert {"Out": 1.0} in spe_outcomes
        records = ns.credibility(t)
        assert all(r.strategies != {"E": "Out", "I": "Fight"} for r in records)

    def test_three_by_three_subgame_reports_are_gambit_equilibria_that_stay_out(self):
        """Every equilibrium reported is one of Gambit's, keeps A out, and names a threat."""
        from tests.oracle import enummixed, same_profile_sets

        a = np.array([[4, 0, 3], [3, 4, 0], [3, 3, 1]], dtype=float)
        b = np.array([[5, 2, 0], [2, 2, 5], [0, 4, 2]], dtype=float)
        t = three_by_three_after_entry(a, b, outside=2.2)
        theirs = enummixed(t.to_normal_form().payoffs)
        records = ns.credibility(t)
        ours = [r.equilibrium.strategies for r in records]
        assert not same_profile_sets(ours, theirs, atol=1e-9)[1]
        assert records and all(r.threats for r in records)
        for r in records:
            assert r.equilibrium.strategies[0][r.equilibrium.actions[0].index("Out")] == 1


@settings(max_examples=40, deadline=None)
@given(game_trees(imperfect=True, min_depth=3, max_depth=3, max_actions=2))
def test_imperfect_spe_are_nash_of_the_strategic_form(tree):
    """Every SPE's payoffs are those of a profile no player can improve on in the whole game."""
    from negotiation_sim.games._tree_compile import leaves_below
    from negotiation_sim.solvers.tree_equilibrium import best_response_value, reach_weights

    c = tree._compiled()
    _, prob, pay, seqs = leaves_below(c, 0)
    for eq in ns.subgame_perfect(tree):
        behav = {}
        for i in range(tree.n_players):
            for label, probs in eq.behaviour(i).items():
                h = next(k for k, s in enumerate(c.infosets) if s.label == label)
                behav[h] = np.array(list(probs.values()))
        reach = [reach_weights(seqs[i], behav) for i in range(2)]
        for i in range(2):
            w = prob * reach[1 - i] * pay[:, i]
            assert best_response_value(seqs[i], w) <= float(w @ reach[i]) + 1e-9
            assert np.isclose(float(w @ reach[i]), eq.payoffs[i])


def test_solve_dispatch_and_methods():
    """ns.solve routes trees here; unknown methods are refused by name."""
    assert ns.solve(entry_game(), method="backward_induction")[0].is_pure
    with pytest.raises(UnsupportedMethodError, match="'bogus'"):
        ns.solve(entry_game(), method="bogus")


@settings(max_examples=40, deadline=None)
@given(game_trees(imperfect=True, min_depth=3, max_depth=3, max_actions=2))
def test_every_reported_equilibrium_names_a_profitable_one_shot_deviation(tree):
    """One-shot deviation principle: a Nash equilibrium that fails names an information set where a change pays."""
    for r in ns.credibility(tree):
        assert r.threats and all(t.loss > 0 and t.best_action != t.action for t in r.threats)
        assert r.equilibrium.regret <= r.equilibrium.tol  # it is a Nash equilibrium of the whole game
