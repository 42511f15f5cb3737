"""The natural positional guess for a chance node gets a clear error that shows the right call."""

import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidTreeError, TreeArgumentTypeError


def test_positional_guess_names_the_right_call():
    """``chance(events, probs)`` is a TypeError (and a project error) whose message is the call to write."""
    t = ns.GameTree(players=("Russia", "NATO"))
    with pytest.raises(TreeArgumentTypeError) as info:
        t.root.chance(["Resolved", "Unresolved"], [0.3, 0.7])
    err = info.value
    assert isinstance(err, TypeError) and isinstance(err, InvalidTreeError)
    assert "node.chance({'Resolved': 0.3, 'Unresolved': 0.7})" in str(err)
    assert t.root.kind is None  # nothing was half-built: the suggested call now works
    hi, lo = t.root.chance({"Resolved": 0.3, "Unresolved": 0.7})
    assert (hi.action, lo.action) == ("Resolved", "Unresolved")


@pytest.mark.parametrize("args", [(["a", "b"],), ([0.5, 0.5],), ("ab", [0.5, 0.5]), (["a"], [0.5, 0.5])])
def test_other_non_mappings_are_type_errors(args):
    """A list alone, or events and probabilities that do not pair up, is a TypeError with the general form."""
    t = ns.GameTree(players=("A", "B"))
    with pytest.raises(TypeError, match=r"takes one mapping \{event: probability\}"):
        t.root.chance(*args)
