"""Tests of GameTree: the builder, validation, and the reduced strategic form."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import negotiation_sim as ns
from negotiation_sim.errors import InvalidTreeError
from tests.strategies import game_trees


def threat_game() -> ns.GameTree:
    """Russia threatens or not; NATO concedes or resists; a resisted Russia fights or backs down."""
    t = ns.GameTree(players=("Russia", "NATO"))
    threaten, wait = t.root.move("Russia", ["Threaten", "Status quo"])
    wait.payoffs(0, 0)
    concede, resist = threaten.move("NATO", ["Concede", "Resist"])
    concede.payoffs(1, -1)
    fight, back = resist.move("Russia", ["Fight", "Back down"])
    fight.payoffs(-5, -5)
    back.payoffs(-2, 0)
    return t


class TestBuilder:
    def test_labels_are_paths(self):
        """Nodes are labelled by the actions leading to them; the root is 'root'."""
        t = threat_game()
        assert t.root.label == "root"
        assert t.root["Threaten"]["Resist"].label == "Threaten/Resist"
        assert t.node("Threaten/Resist/Fight").payoff.tolist() == [-5, -5]

    def test_reduced_normal_form_by_hand(self):
        """Russia's plans Threaten/Fight, Threaten/Back down and Status quo (the last merged)."""
        g = threat_game().to_normal_form()
        assert g.actions == (("Threaten/Fight", "Threaten/Back down", "Status quo"),
                             ("Concede", "Resist"))
        np.testing.assert_array_equal(g.payoff_array("Russia"), [[1, -5], [1, -2], [0, 0]])
        np.testing.assert_array_equal(g.payoff_array("NATO"), [[-1, -5], [-1, 0], [0, 0]])

    def test_chance_is_taken_in_expectation(self):
        """A chance move at the root averages the payoffs with its probabilities."""
        t = ns.GameTree(players=("A", "B"))
        hi, lo = t.root.chance({"Resolved": 0.3, "Unresolved": 0.7})
        x, y = hi.move("A", ["x", "y"], infoset="A")
        x2, y2 = lo.move("A", ["x", "y"], infoset="A")
        x.payoffs(10, 0)
        y.payoffs(0, 0)
        x2.payoffs(0, 0)
        y2.payoffs(0, 10)
        g = t.to_normal_form()
        assert g.actions[0] == ("x", "y") and g.shape == (2, 1)
        np.testing.assert_allclose(g.payoffs[:, 0], [[3, 0], [0, 7]])

    def test_same_infoset(self):
        """same_infoset joins decision nodes into one information set."""
        t = ns.GameTree(players=("A", "B"))
        left, r = t.root.move("A", ["L", "R"])
        a = left.move("B", ["u", "d"])
        b = r.move("B", ["u", "d"])
        for leaf in (*a, *b):
            leaf.payoffs(0, 0)
        t.same_infoset(left, r, label="B's guess")
        assert not t.is_perfect_information()
        assert t.to_normal_form().actions[1] == ("u", "d")

    def test_frozen_tree_refuses_changes(self):
        """freeze() validates, then forbids building."""
        t = ns.GameTree(players=("A", "B"))
        t.root.payoffs(1, 2)
        t.freeze()
        with pytest.raises(InvalidTreeError, match="frozen"):
            t.same_infoset(t.root, t.root)


class TestValidation:
    def test_unfinished_node(self):
        """A node with neither a move nor payoffs is named."""
        t = ns.GameTree(players=("A", "B"))
        left, _ = t.root.move("A", ["L", "R"])
        left.payoffs(0, 0)
        with pytest.raises(InvalidTreeError, match="node 'R' is unfinished"):
            t.validate()

    @pytest.mark.parametrize("probs, match", [
        ({"a": 0.5, "b": 0.6}, "sum to 1"),
        ({"a": -0.5, "b": 1.5}, "non-negative"),
        ({"a": float("nan"), "b": 1.0}, "finite"),
    ])
    def test_bad_chance_probabilities(self, probs, match):
        """Chance probabilities must be non-negative and sum to 1."""
        t = ns.GameTree(players=("A", "B"))
        with pytest.raises(InvalidTreeError, match=match):
            t.root.chance(probs)

    def test_chance_changed_after_building(self):
        """validate() rechecks probabilities changed behind the builder's back."""
        t = ns.GameTree(players=("A", "B"))
        for child in t.root.chance({"a": 0.5, "b": 0.5}):
            child.payoffs(0, 0)
        t.root.probs = (0.5, 0.1)
        t._version += 1
        with pytest.raises(InvalidTreeError, match="node 'root'.*sum to 1"):
            t.validate()

    def test_payoff_length(self):
        """A payoff vector needs one number per player."""
        t = ns.GameTree(players=("A", "B"))
        with pytest.raises(InvalidTreeError, match="one number per player"):
            t.root.payoffs(1, 2, 3)

    def test_unknown_player(self):
        """Moves name one of the tree's players."""
        t = ns.GameTree(players=("Russia", "NATO"))
        with pytest.raises(InvalidTreeError, match="unknown player 'Ukraine'"):
            t.root.move("Ukraine", ["a", "b"])

    def test_infoset_with_two_players(self):
        """One information set cannot hold nodes of different players."""
        t = ns.GameTree(players=("A", "B"))
        left, r = t.root.move("A", ["L", "R"])
        for leaf in (*left.move("A", ["u", "d"], infoset="I"), *r.move("B", ["u", "d"], infoset="I")):
            leaf.payoffs(0, 0)
        with pytest.raises(InvalidTreeError, match="information set 'I' has nodes of different players"):
            t.validate()

    def test_infoset_with_different_actions(self):
        """Nodes of one information set offer the same actions."""
        t = ns.GameTree(players=("A", "B"))
        left, r = t.root.move("A", ["L", "R"])
        for leaf in (*left.move("B", ["u", "d"], infoset="I"), *r.move("B", ["u", "x"], infoset="I")):
            leaf.payoffs(0, 0)
        with pytest.raises(InvalidTreeError, match="different actions"):
            t.validate()

    def test_duplicate_names(self):
        """Node names must be unique."""
        t = ns.GameTree(players=("A", "B"))
        left, r = t.root.move("A", ["L", "R"])
        left.payoffs(0, 0, name="end")
        r.payoffs(1, 1, name="end")
        with pytest.raises(InvalidTreeError, match="two nodes are labelled 'end'"):
            t.validate()

    def test_node_finished_twice(self):
        """A node is finished once."""
        t = ns.GameTree(players=("A", "B"))
        t.root.payoffs(0, 0)
        with pytest.raises(InvalidTreeError, match="already a terminal node"):
            t.root.move("A", ["x"])

    def test_perfect_recall(self):
        """A player who forgets its own earlier move lacks perfect recall."""
        t = ns.GameTree(players=("A", "B"))
        left, r = t.root.move("A", ["L", "R"])
        for leaf in (*left.move("A", ["u", "d"], infoset="I"), *r.move("A", ["u", "d"], infoset="I")):
            leaf.payoffs(0, 0)
        assert not t.has_perfect_recall()
        with pytest.raises(InvalidTreeError, match="perfect recall"):
            ns.subgame_perfect(t)


def _slice_signature(payoffs: np.ndarray) -> list:
    """Invariants of a payoff tensor under reordering each player's strategies."""
    n = payoffs.shape[-1]
    sig = [sorted(map(tuple, payoffs.reshape(-1, n).round(9).tolist()))]
    for i in range(n):
        moved = np.moveaxis(payoffs, i, 0)
        sig.append(sorted(sorted(map(tuple, s.reshape(-1, n).round(9).tolist())) for s in moved))
    return sig


@settings(max_examples=60, deadline=None)
@given(game_trees(imperfect=True, min_depth=3, max_depth=4, max_actions=2))
def test_reduced_form_matches_gambit(tmp_path_factory, tree):
    """Our reduced strategic form equals Gambit's, up to the order of strategies."""
    from negotiation_sim.io.efg import write_efg
    from tests.oracle import gbt

    path = tmp_path_factory.mktemp("efg") / "tree.efg"
    write_efg(tree, path)
    theirs = gbt.read_efg(str(path))
    arrays = [np.array(a, dtype=float) for a in theirs.to_arrays()]
    gambit_payoffs = np.stack(arrays, axis=-1)
    ours = tree.to_normal_form().payoffs
    assert ours.shape == gambit_payoffs.shape
    assert _slice_signature(ours) == _slice_signature(gambit_payoffs)
