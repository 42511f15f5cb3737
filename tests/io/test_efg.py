"""Tests of the Gambit .efg reader and writer."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import negotiation_sim as ns
from negotiation_sim.errors import FormatError
from negotiation_sim.io.efg import read_efg, write_efg
from tests.strategies import game_trees


def _structure(tree):
    return [(n.label, n.kind, n.player, n.actions, n.probs, n.infoset,
             None if n.payoff is None else n.payoff.tolist()) for n in tree.nodes()]


@settings(max_examples=60, deadline=None)
@given(game_trees(imperfect=True, n_players=3, integer=False))
def test_round_trip(tmp_path_factory, tree):
    """write_efg then read_efg gives back the same tree, node for node."""
    tree.title = 'a "quoted" title'
    path = tmp_path_factory.mktemp("efg") / "t.efg"
    write_efg(tree, path)
    back = read_efg(path)
    assert back.players == tree.players and back.title == tree.title
    assert _structure(back) == _structure(tree)


def test_reads_gambit_written_file(tmp_path):
    """A file as Gambit writes it (shared outcome numbers, inner outcomes) reads as the same game."""
    text = '''EFG 2 R "Entry" { "Entrant" "Incumbent" }
"a comment"

p "" 1 1 "E" { "In" "Out" } 1 "bonus" { 1, 0 }
p "" 2 1 "I" { "Fight" "Accommodate" } 0
t "" 2 "F" { -2, -1 }
t "" 3 "A" { 0, 1 }
t "" 4 "O" { -1 2 }
'''
    path = tmp_path / "entry.efg"
    path.write_text(text)
    t = read_efg(path)
    assert t.node("In/Fight").payoff.tolist() == [-1, -1]  # the inner outcome is added
    assert t.node("Out").payoff.tolist() == [0, 2]
    assert ns.solve(t)[0].outcomes == {"In/Accommodate": 1.0}


@pytest.mark.parametrize("text, match", [
    ('NFG 1 R "x" { "A" }\n', "line 1: expected 'EFG'"),
    ('EFG 2 R "x" { "A" "B" }\n""\n\nt "" 1 "o" { 1 2 3 }\n', "line 4: outcome 1 has 3 payoffs"),
    ('EFG 2 R "x" { "A" "B" }\n""\n\np "" 3 1 "" { "a" } 0\nt "" 1 "" { 1 2 }\n', "line 4: expected a player number from 1 to 2"),
    ('EFG 2 R "x" { "A" "B" }\n""\n\nc "" 1 "" { "a" 1/2 "b" 1/3 } 0\nt "" 1 "" { 1 2 }\nt "" 2 "" { 1 2 }\n', "sum to 1"),
    ('EFG 2 R "x" { "A" "B" }\n""\n\np "" 1 1 "" { "a" "b" } 0\nt "" 1 "" { 1 2 }\n', "expected a node type"),
    ('EFG 2 R "x" { "A" "B" }\n""\n\nq "" 1 1\n', "line 4: expected a node type p, c or t"),
    ('EFG 2 R "x" { "A" "B" }\n""\n\nt "" 1 "" { 1 2 }\nt "" 2 "" { 1 2 }\n', "line 5: expected the end of the file"),
    ('EFG 2 R "x" { "A" "B" }\n""\n\nt "" 1 "" { 1 two }\n', "line 4: expected a payoff"),
])
def test_malformed_files(tmp_path, text, match):
    """Malformed files raise FormatError naming the line."""
    path = tmp_path / "bad.efg"
    path.write_text(text)
    with pytest.raises(FormatError, match=match):
        read_efg(path)


def test_missing_file(tmp_path):
    """A missing file is a FormatError, not an OSError traceback."""
    with pytest.raises(FormatError, match="cannot read"):
        read_efg(tmp_path / "nope.efg")


def test_gambit_reads_our_probabilities(tmp_path):
    """Chance probabilities written as fractions are read exactly by Gambit."""
    from tests.oracle import gbt

    t = ns.GameTree(players=("A", "B"))
    for k, child in enumerate(t.root.chance({"x": 1 / 3, "y": 2 / 3})):
        child.payoffs(3 * k, 0)
    write_efg(t, tmp_path / "c.efg")
    arrays = gbt.read_efg(str(tmp_path / "c.efg")).to_arrays()
    assert np.isclose(float(arrays[0][0, 0]), 2.0)
