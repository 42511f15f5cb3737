"""Warnings name the user's line, not the library's internals."""

import warnings

import negotiation_sim as ns
from negotiation_sim.errors import DegenerateGameWarning


def test_degenerate_warning_points_at_the_caller():
    """ns.solve dispatches through several modules; the warning is still attributed to this file."""
    game = ns.NormalFormGame.from_arrays([[1, 1], [1, 1]], [[1, 0], [0, 1]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ns.solve(game)
    [w] = [w for w in caught if issubclass(w.category, DegenerateGameWarning)]
    assert w.filename == __file__
