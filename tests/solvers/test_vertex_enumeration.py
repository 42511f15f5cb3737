"""Tests for the 2-player all-extreme-equilibria solver (vertex enumeration)."""

from __future__ import annotations

import importlib
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import (
    DegenerateGameWarning,
    InvalidGameError,
    InvalidParameterError,
    UnsupportedMethodError,
)
from negotiation_sim.solvers._vertex_enumeration import (
    batch_vertex_enumeration,
    vertex_enumeration,
    vertex_enumeration_gen,
)
from tests.oracle import enummixed, same_profile_sets
from tests.strategies import bimatrix_games


def _solve_quietly(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return vertex_enumeration(game)


def _profiles(eqs):
    return [e.strategies for e in eqs]


def _random_game(rng: np.random.Generator, kind: str) -> np.ndarray:
    """A payoff tensor (m, n, 2) of one of the oracle test's kinds of game."""
    m, n = (int(v) for v in rng.integers(2, 7, size=2))
    if kind == "generic":  # two decimals keep Gambit's exact arithmetic fast
        return np.round(rng.normal(size=(m, n, 2)), 2)
    if kind == "integer":  # small integers: ties everywhere, mostly degenerate
        return rng.integers(-2, 3, size=(m, n, 2)).astype(float)
    if kind == "repeated":  # copies of rows and columns
        pay = rng.integers(-2, 3, size=(m, n, 2)).astype(float)
        pay[-1] = pay[0]
        pay[:, -1] = pay[:, 0]
        return pay
    if kind == "constant":  # one player indifferent everywhere
        pay = rng.integers(-2, 3, size=(m, n, 2)).astype(float)
        pay[..., int(rng.integers(2))] = float(rng.integers(-2, 3))
        return pay
    # one player has a single action
    shape = (1, n, 2) if rng.integers(2) else (m, 1, 2)
    return rng.integers(-2, 3, size=shape).astype(float)


KINDS = ["generic", "integer", "repeated", "constant", "one_action"]
# 250 generic (nondegenerate) and 250 degenerate games: 100 per kind, split
# into seeds of 20 so a failure names its batch.
ORACLE_CASES = [("generic", seed) for seed in range(5, 10)] + [
    (kind, seed) for kind in KINDS for seed in range(5)
]


class TestAgainstGambit:
    """Agreement with pygambit's exact enumeration of extreme equilibria."""

    @pytest.mark.parametrize(("kind", "seed"), ORACLE_CASES)
    def test_same_extreme_equilibria_as_enummixed(self, kind, seed):
        """Zero missed and zero spurious equilibria on 20 seeded games per case."""
        rng = np.random.default_rng([seed, KINDS.index(kind)])
        for _ in range(20):
            pay = _random_game(rng, kind)
            ours = _profiles(_solve_quietly(ns.NormalFormGame(pay)))
            missed, spurious = same_profile_sets(ours, enummixed(pay), atol=1e-6)
            assert not missed and not spurious, (pay, missed, spurious)


class TestLiterature:
    """Known answers from the literature, with the source named."""

    def test_von_stengel_nondegenerate_3x2(self):
        """von Stengel (2007), Algorithmic Game Theory ch. 3, the 3x2 example: three equilibria."""
        A = [[3, 3], [2, 5], [0, 6]]
        B = [[3, 2], [2, 6], [3, 1]]
        eqs = vertex_enumeration(ns.NormalFormGame.from_arrays(A, B))
        expected = [
            ([1, 0, 0], [1, 0]),
            ([Fraction(4, 5), Fraction(1, 5), 0], [Fraction(2, 3), Fraction(1, 3)]),
            ([0, Fraction(1, 3), Fraction(2, 3)], [Fraction(1, 3), Fraction(2, 3)]),
        ]
        expected = [tuple(np.array(v, dtype=float) for v in p) for p in expected]
        assert same_profile_sets(_profiles(eqs), expected, atol=1e-12) == ([], [])
        assert not eqs.degenerate

    def test_von_stengel_degenerate_segment(self):
        """von Stengel (2007), AGT ch. 3, degenerate variant (B's first row 3, 3).

        Row 1 then has both columns as best responses, and the equilibria
        (x = (1, 0, 0), y) for y on the segment from (2/3, 1/3) to (1, 0) form a
        continuum: its two endpoints and the isolated ((0, 1/3, 2/3), (1/3, 2/3))
        are the extreme equilibria. (Check: A y = (3, 5 - 3p, 6 - 6p) for
        y = (p, 1 - p), so row 1 is a best response exactly when p >= 2/3.)
        """
        A = [[3, 3], [2, 5], [0, 6]]
        B = [[3, 3], [2, 6], [3, 1]]
        with pytest.warns(DegenerateGameWarning, match="continuum"):
            eqs = vertex_enumeration(ns.NormalFormGame.from_arrays(A, B))
        expected = [
            (np.array([1.0, 0, 0]), np.array([1.0, 0])),
            (np.array([1.0, 0, 0]), np.array([2 / 3, 1 / 3])),
            (np.array([0, 1 / 3, 2 / 3]), np.array([1 / 3, 2 / 3])),
        ]
        assert same_profile_sets(_profiles(eqs), expected, atol=1e-12) == ([], [])
        assert eqs.degenerate and eqs.complete

    def test_rock_paper_scissors(self):
        """Rock-paper-scissors has the unique equilibrium (1/3, 1/3, 1/3) for both players."""
        A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
        eqs = vertex_enumeration(ns.NormalFormGame.from_arrays(A, -A))
        assert len(eqs) == 1
        assert all(np.allclose(s, 1 / 3) for s in eqs[0].strategies)

    def test_battle_of_the_sexes_order(self):
        """Battle of the sexes: pure equilibria first, then the mixed (2/3, 1/3), (1/3, 2/3)."""
        g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        eqs = vertex_enumeration(g)
        assert [e.is_pure for e in eqs] == [True, True, False]
        assert np.allclose(eqs[2].strategies[0], [2 / 3, 1 / 3])
        assert np.allclose(eqs[2].strategies[1], [1 / 3, 2 / 3])

    def test_constant_game_lists_every_pure_profile(self):
        """In a game where nobody cares, every profile is an equilibrium; the extreme ones are the pure ones."""
        g = ns.NormalFormGame(np.zeros((2, 3, 2)))
        with pytest.warns(DegenerateGameWarning):
            eqs = vertex_enumeration(g)
        assert len(eqs) == 6 and all(e.is_pure for e in eqs)

    def test_one_action_player(self):
        """With one action for player 1, player 2 picks its best columns (all tied ones are extreme)."""
        g = ns.NormalFormGame.from_arrays([[1, 2, 3]], [[5, 1, 5]])
        with pytest.warns(DegenerateGameWarning):
            eqs = vertex_enumeration(g)
        assert [e.support(1) for e in eqs] == [("A1",), ("A3",)]


class TestProperties:
    """Invariants on random and degenerate games."""

    @settings(max_examples=80, deadline=None)
    @given(bimatrix_games(max_actions=5))
    def test_every_profile_has_tiny_regret(self, game):
        """Every returned profile is verified: regret below 1e-9 times the payoff scale."""
        eqs = _solve_quietly(game)
        assert len(eqs) >= 1 and eqs.complete
        for e in eqs:
            assert ns.regret(game, e.strategies) <= 1e-9 * game.payoff_scale

    @settings(max_examples=60, deadline=None)
    @given(bimatrix_games(max_actions=4))
    def test_invariant_under_swapping_players(self, game):
        """Swapping the players swaps the strategies of every equilibrium."""
        ours = [(y, x) for x, y in _profiles(_solve_quietly(game))]
        swapped = _profiles(_solve_quietly(game.permute(players=[1, 0])))
        assert same_profile_sets(swapped, ours) == ([], [])

    @settings(max_examples=60, deadline=None)
    @given(bimatrix_games(max_actions=4), st.randoms(use_true_random=False))
    def test_invariant_under_relabelling_actions(self, game, rnd):
        """Reordering the actions reorders every equilibrium's probabilities the same way."""
        perms = [rnd.sample(range(k), k) for k in game.shape]
        expected = [(x[perms[0]], y[perms[1]]) for x, y in _profiles(_solve_quietly(game))]
        permuted = _profiles(_solve_quietly(game.permute(actions=perms)))
        assert same_profile_sets(permuted, expected) == ([], [])

    @settings(max_examples=60, deadline=None)
    @given(
        bimatrix_games(max_actions=4),
        st.integers(0, 1),
        st.floats(0.01, 100),
        st.floats(-100, 100),
    )
    def test_invariant_under_affine_payoffs(self, game, player, a, b):
        """A positive affine change of one player's payoffs leaves the equilibria unchanged (where
        floating point keeps it affine: a shift of 1 wipes out a spread of 1e-38)."""
        pay = np.array(game.payoffs)
        old = pay[..., player].copy()
        pay[..., player] = a * old + b
        spread = float(old.max() - old.min())
        assume(np.allclose((pay[..., player] - b) / a, old, rtol=0.0, atol=1e-6 * spread))
        changed = _profiles(_solve_quietly(game.with_payoffs(pay)))
        assert same_profile_sets(changed, _profiles(_solve_quietly(game))) == ([], [])


class TestDegeneracyWarning:
    """The DegenerateGameWarning is issued for degenerate games and only for them."""

    def test_warns_on_degenerate_game(self):
        """A pure strategy with two pure best responses makes the game degenerate."""
        g = ns.NormalFormGame.from_arrays([[1, 1], [0, 2]], [[1, 1], [0, 2]],
                                          players=("Row", "Col"))
        with pytest.warns(DegenerateGameWarning, match=r"Col's actions A1, A2 are all best responses"):
            eqs = vertex_enumeration(g)
        assert eqs.degenerate and "continuum" in eqs.notes[0]

    def test_silent_on_nondegenerate_game(self):
        """Matching pennies is nondegenerate: no warning, degenerate=False."""
        g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            eqs = vertex_enumeration(g)
        assert not eqs.degenerate and eqs.notes == ()

    def test_generator_matches_function(self):
        """vertex_enumeration_gen yields the same equilibria in the same order."""
        g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        gen = list(vertex_enumeration_gen(g))
        assert [e.strategies[0].tolist() for e in gen] == [
            e.strategies[0].tolist() for e in vertex_enumeration(g)
        ]


class TestBadInput:
    """Bad input raises a negotiation_sim error naming the argument."""

    def test_three_players(self):
        """Vertex enumeration is for 2 players only."""
        g = ns.NormalFormGame(np.zeros((2, 2, 2, 3)))
        with pytest.raises(UnsupportedMethodError, match="game must have 2 players"):
            vertex_enumeration(g)

    def test_not_a_game(self):
        """A bare array is not a game."""
        with pytest.raises(UnsupportedMethodError, match="game must be a NormalFormGame"):
            vertex_enumeration(np.zeros((2, 2, 2)))

    def test_bad_tol(self):
        """tol must be a small positive number."""
        g = ns.NormalFormGame(np.zeros((2, 2, 2)))
        with pytest.raises(InvalidParameterError, match="tol must be a positive number"):
            vertex_enumeration(g, tol=-1)

    def test_batch_shapes(self):
        """A and B must be stacks of matrices of one shape."""
        with pytest.raises(InvalidGameError, match="A must have shape"):
            batch_vertex_enumeration(np.zeros((2, 2)), np.zeros((2, 2)))
        with pytest.raises(InvalidGameError, match="same shape"):
            batch_vertex_enumeration(np.zeros((1, 2, 2)), np.zeros((1, 2, 3)))
        with pytest.raises(InvalidGameError, match="B must be finite"):
            batch_vertex_enumeration(np.zeros((1, 2, 2)), np.full((1, 2, 2), np.nan))


class TestBatch:
    """The batched entry point agrees with the one-game solver."""

    @pytest.mark.parametrize(("m", "n", "integer"), [(2, 2, True), (3, 3, False), (3, 5, True),
                                                     (4, 4, True), (5, 3, False), (1, 4, True)])
    def test_same_as_one_game_at_a_time(self, m, n, integer):
        """Exactly the same equilibria, in the same order, game by game."""
        rng = np.random.default_rng(m * 10 + n)
        if integer:
            pay = rng.integers(-2, 3, size=(40, m, n, 2)).astype(float)
        else:
            pay = rng.normal(size=(40, m, n, 2))
        batch = batch_vertex_enumeration(pay[..., 0], pay[..., 1])
        assert len(batch) == 40
        for g, found in enumerate(batch):
            single = _solve_quietly(ns.NormalFormGame(pay[g]))
            assert len(found) == len(single)
            for (x, y), e in zip(found, single, strict=True):
                assert np.allclose(x, e.strategies[0], atol=1e-12)
                assert np.allclose(y, e.strategies[1], atol=1e-12)

    def test_chunks_give_the_same_answer(self, monkeypatch):
        """Splitting a batch into chunks of games (to bound memory) changes nothing."""
        # the package re-exports the function under the module's name, so fetch the module itself
        module = importlib.import_module("negotiation_sim.solvers._vertex_enumeration")
        pay = np.random.default_rng(7).integers(-2, 3, size=(25, 3, 3, 2)).astype(float)
        whole = batch_vertex_enumeration(pay[..., 0], pay[..., 1])
        monkeypatch.setattr(module, "_BASES_PER_CHUNK", 3 * 20)  # 3 games per chunk
        chunked = batch_vertex_enumeration(pay[..., 0], pay[..., 1])
        assert [len(e) for e in chunked] == [len(e) for e in whole]
        for a, b in zip(chunked, whole, strict=True):
            for (x1, y1), (x2, y2) in zip(a, b, strict=True):
                assert np.array_equal(x1, x2) and np.array_equal(y1, y2)

    def test_batch_is_silent(self):
        """The batch does not warn about degeneracy: a sweep would drown in warnings."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out = batch_vertex_enumeration(np.zeros((3, 2, 2)), np.zeros((3, 2, 2)))
        assert [len(eqs) for eqs in out] == [4, 4, 4]
