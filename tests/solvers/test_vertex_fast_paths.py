"""The fast paths of vertex enumeration give what the reference paths give.

The single-game solver verifies all profiles in one vectorised check and
builds its equilibria without the constructor's converters; batches of many
games solve every candidate basis of every game at once (``_polytope``), whatever
the batch size, where one game walks its feasible bases (``_walk``). Each is compared
here with the slow, obvious path, and with Gambit's exact enumeration.
"""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim._numeric import clean_distribution, clean_rows
from negotiation_sim.errors import DegenerateGameWarning, InvalidGameError
from negotiation_sim.solvers._regret import verified_equilibrium
from negotiation_sim.solvers._vertex_enumeration import (
    batch_extreme_profiles,
    batch_vertex_enumeration,
    vertex_enumeration,
)
from tests.oracle import enummixed, same_profile_sets
from tests.strategies import bimatrix_games

polytope = importlib.import_module("negotiation_sim.solvers._polytope")


def _quiet(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return vertex_enumeration(game)


class TestLeanEquilibria:
    """Equilibria built in bulk equal those the constructor and verified_equilibrium build."""

    @settings(max_examples=60, deadline=None)
    @given(bimatrix_games(max_actions=5))
    def test_same_as_verified_equilibrium(self, game):
        """Strategies, payoffs, regret, names, tolerance and method agree with the reference builder."""
        for eq in _quiet(game):
            ref = verified_equilibrium(game, eq.strategies, method="vertex_enumeration")
            for ours, theirs in zip(eq.strategies, ref.strategies, strict=True):
                assert ours.dtype == np.float64 and not ours.flags.writeable
                np.testing.assert_allclose(ours, theirs, atol=1e-15, rtol=0)
            np.testing.assert_allclose(eq.payoffs, ref.payoffs, atol=1e-12 * game.payoff_scale, rtol=0)
            assert not eq.payoffs.flags.writeable
            assert eq.regret == pytest.approx(ref.regret, abs=1e-12 * game.payoff_scale)
            # An equilibrium from the exact re-solve (a doubtful float answer) is exact: tolerance 0.
            tol = 0.0 if eq.exact_strategies is not None else ref.tol
            assert (eq.players, eq.actions, eq.tol, eq.method, eq.beliefs, eq.notes) == (
                ref.players, ref.actions, tol, ref.method, ref.beliefs, ref.notes)
            assert isinstance(eq.regret, float) and isinstance(eq.tol, float)

    @settings(max_examples=100, deadline=None)
    @given(st.lists(st.lists(st.floats(-1e-9, 2.0), min_size=3, max_size=3), min_size=1, max_size=6))
    def test_clean_rows_is_clean_distribution_per_row(self, rows):
        """The vectorised cleaning gives exactly what clean_distribution gives row by row."""
        arr = np.array(rows)
        out = clean_rows(arr)
        for row, cleaned in zip(arr, out, strict=True):
            np.testing.assert_array_equal(cleaned, clean_distribution(row))


def _integer_stack(rng, n_games, m, n):
    return rng.integers(-2, 3, size=(n_games, m, n, 2)).astype(float)


class TestBatchLayout:
    """Batches (every candidate basis) agree with single games (the walk over feasible bases)."""

    @pytest.mark.parametrize(("m", "n"), [(2, 2), (3, 3), (4, 4), (6, 5), (7, 7), (2, 7)])
    def test_batch_equals_single_games(self, m, n):
        """Same equilibria in the same order, on generic and degenerate integer games."""
        rng = np.random.default_rng(100 + 10 * m + n)
        count = 30 if m * n <= 16 else 12
        pay = _integer_stack(rng, count, m, n)
        pay[: count // 2] = rng.normal(size=(count // 2, m, n, 2))  # half generic
        game, x, y, payoffs = batch_extreme_profiles(pay[..., 0], pay[..., 1])
        for g in range(count):
            single = _quiet(ns.NormalFormGame(pay[g]))
            rows = np.flatnonzero(game == g)
            assert len(rows) == len(single)
            for k, eq in zip(rows, single, strict=True):
                np.testing.assert_allclose(x[k], eq.strategies[0], atol=1e-12, rtol=0)
                np.testing.assert_allclose(y[k], eq.strategies[1], atol=1e-12, rtol=0)
                np.testing.assert_allclose(payoffs[k], eq.payoffs, atol=1e-12, rtol=0)

    def test_result_does_not_depend_on_the_batch(self):
        """A game's equilibria are bit for bit the same alone or among others (chunked sweeps rely on it)."""
        pay = np.random.default_rng(5).normal(size=(40, 3, 3, 2))
        whole = batch_extreme_profiles(pay[..., 0], pay[..., 1])
        for g in (0, 17, 39):
            alone = batch_extreme_profiles(pay[g : g + 1, ..., 0], pay[g : g + 1, ..., 1])
            rows = whole[0] == g
            for a, b in zip(alone[1:], whole[1:], strict=True):
                assert np.array_equal(a, b[rows])

    def test_flat_and_list_forms_agree(self):
        """batch_vertex_enumeration is batch_extreme_profiles split by game."""
        pay = _integer_stack(np.random.default_rng(3), 50, 3, 4)
        game, x, y, _ = batch_extreme_profiles(pay[..., 0], pay[..., 1])
        lists = batch_vertex_enumeration(pay[..., 0], pay[..., 1])
        assert [len(e) for e in lists] == np.bincount(game, minlength=50).tolist()
        flat = [pair for eqs in lists for pair in eqs]
        for (u, v), a, b in zip(flat, x, y, strict=True):
            assert np.array_equal(u, a) and np.array_equal(v, b)

    @pytest.mark.parametrize("seed", range(2))
    def test_large_batch_matches_gambit(self, seed):
        """Zero missed and zero spurious against Gambit's exact enumeration, batch path, 5x5 and 7x7."""
        rng = np.random.default_rng(seed)
        for m in (5, 7):
            pay = np.round(rng.normal(size=(6, m, m, 2)), 2)
            pay[-1] = rng.integers(-1, 2, size=(m, m, 2))  # one degenerate game
            game, x, y, _ = batch_extreme_profiles(pay[..., 0], pay[..., 1])
            for g in (0, len(pay) - 1):
                ours = [(x[k], y[k]) for k in np.flatnonzero(game == g)]
                assert same_profile_sets(ours, enummixed(pay[g]), atol=1e-6) == ([], [])


class TestEdges:
    def test_tiny_payoffs_are_preferences(self):
        """Tolerances are relative to the spread: 1e-39 against 0 is a strict preference, as 1 against 0."""
        pay = np.zeros((2, 1, 2))
        pay[0, 0, 0] = 1e-39
        eqs = _quiet(ns.NormalFormGame(pay))
        assert sorted(e.strategies[0].tolist() for e in eqs) == [[1.0, 0.0]]

    def test_round_off_payoffs_count_as_constant(self):
        """Payoffs that differ only in the last bits of their magnitude are ties: every profile is returned."""
        pay = np.ones((2, 1, 2))
        pay[0, 0, 0] = 1.0 + 2.0**-52
        eqs = _quiet(ns.NormalFormGame(pay))
        assert sorted(e.strategies[0].tolist() for e in eqs) == [[0.0, 1.0], [1.0, 0.0]]

    def test_too_many_actions(self):
        """Label sets are packed into 64-bit words; a shape beyond that is refused by name."""
        with pytest.raises(InvalidGameError, match="too large for vertex enumeration"):
            vertex_enumeration(ns.NormalFormGame(np.zeros((1, 62, 2))))

    @settings(max_examples=50, deadline=None)
    @given(st.integers(1, 6), st.integers(1, 12), st.sampled_from([np.minimum, np.maximum, np.add]))
    def test_row_reduce(self, rows, cols, ufunc):
        """The column-wise reduction equals numpy's own along axis 1."""
        a = np.random.default_rng(rows * cols).normal(size=(rows, cols))
        np.testing.assert_allclose(polytope._row_reduce(ufunc, a), ufunc.reduce(a, axis=1))
