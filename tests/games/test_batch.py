"""Tests for GameBatch, the payoff stack a vectorised sweep builds."""

from __future__ import annotations

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidGameError


class TestGameBatch:
    def test_games_are_the_slices(self):
        """game(k) is the NormalFormGame of slice k, with the batch's names."""
        pay = np.random.default_rng(0).normal(size=(4, 2, 3, 2))
        batch = ns.GameBatch(pay, players=("Row", "Col"), actions=(("U", "D"), ("L", "C", "R")))
        assert len(batch) == 4 and batch.shape == (2, 3)
        g = batch.game(2)
        assert np.array_equal(g.payoffs, pay[2])
        assert g.players == ("Row", "Col") and g.actions == (("U", "D"), ("L", "C", "R"))
        assert not batch.payoffs.flags.writeable
        assert repr(batch) == "GameBatch(n_games=4, players=('Row', 'Col'), shape=(2, 3))"

    def test_from_arrays(self):
        """from_arrays stacks the two players' matrices on the last axis."""
        a, b = np.zeros((3, 2, 2)), np.ones((3, 2, 2))
        batch = ns.GameBatch.from_arrays(a, b)
        assert batch.payoffs.shape == (3, 2, 2, 2)
        assert batch.players == ("Player 1", "Player 2")
        assert np.array_equal(batch.payoffs[..., 1], b)

    @pytest.mark.parametrize(("payoffs", "match"), [
        (np.zeros((2, 2, 2)), "shape \\(n_games, m, n, 2\\)"),
        (np.zeros((2, 2, 2, 2, 2)), "one action axis per player"),
        (np.zeros((2, 2, 2, 3)), "shape \\(n_games, m, n, 2\\)"),
        (np.zeros((0, 2, 2, 2)), "at least 1"),
        (np.full((1, 2, 2, 2), np.inf), "must be finite"),
        ([["a"]], "could not convert"),
    ])
    def test_bad_payoffs(self, payoffs, match):
        """Bad stacks are refused with an error naming payoffs."""
        with pytest.raises(InvalidGameError, match=match):
            ns.GameBatch(payoffs)

    def test_bad_names_and_shapes(self):
        """Names are validated as NormalFormGame validates them; A and B must match."""
        with pytest.raises(InvalidGameError, match="players must have 2 names"):
            ns.GameBatch(np.zeros((1, 2, 2, 2)), players=("only",))
        with pytest.raises(InvalidGameError, match="one shape"):
            ns.GameBatch.from_arrays(np.zeros((1, 2, 2)), np.zeros((1, 2, 3)))
