"""Maximal Nash subsets, ``eqs.components()``: checked by sampling, by maximality, and by brute force on grids."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
from scipy.optimize import linprog

import negotiation_sim as ns
from negotiation_sim.errors import UnsupportedMethodError


def _solve(game, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ns.solve(game, **options)


def _degenerate_games(count: int, seed: int, high: int = 2, max_actions: int = 4):
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < count:
        m, n = (int(v) for v in rng.integers(2, max_actions + 1, 2))
        g = ns.NormalFormGame.from_arrays(rng.integers(0, high + 1, (m, n)), rng.integers(0, high + 1, (m, n)))
        eqs = _solve(g)
        if eqs.degenerate:
            out.append((g, eqs))
    return out


def _tol(game):
    return 1e-9 * max(1.0, float(np.ptp(game.payoffs)))


def _in_hull(point, vertices) -> bool:
    """Whether ``point`` is a convex combination of ``vertices`` (an LP feasibility problem)."""
    V = np.asarray(vertices, dtype=float)
    A_eq = np.vstack([V.T, np.ones(len(V))])
    b_eq = np.append(point, 1.0)
    res = linprog(np.zeros(len(V)), A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    return res.status == 0


class TestSubsetsAreEquilibria:
    def test_random_convex_combinations(self):
        """Random convex combinations in each subset of 40 degenerate games have zero regret."""
        rng = np.random.default_rng(7)
        checked = 0
        for game, eqs in _degenerate_games(40, seed=1):
            for sub in eqs.components():
                for _ in range(5):
                    a = rng.dirichlet(np.ones(len(sub.row_strategies)))
                    b = rng.dirichlet(np.ones(len(sub.column_strategies)))
                    assert ns.regret(game, sub.point(a, b)) <= _tol(game)
                    checked += 1
        assert checked > 200

    def test_every_extreme_equilibrium_is_covered(self):
        """Each extreme equilibrium is a vertex of some maximal subset."""
        for _, eqs in _degenerate_games(30, seed=2):
            covered = {id(v) for sub in eqs.components() for v in sub.vertices}
            assert covered == {id(e) for e in eqs}


class TestMaximality:
    def test_no_subset_can_be_enlarged(self):
        """Adding any other extreme strategy of either player to a subset breaks an equilibrium pair,
        checked by computing regrets directly (brute force over all extreme strategies)."""
        for game, eqs in _degenerate_games(40, seed=3):
            xs = {tuple(e.strategies[0].round(9)): e.strategies[0] for e in eqs}
            ys = {tuple(e.strategies[1].round(9)): e.strategies[1] for e in eqs}
            for sub in eqs.components():
                U = {tuple(e.strategies[0].round(9)) for e in sub.row_strategies}
                V = {tuple(e.strategies[1].round(9)) for e in sub.column_strategies}
                for key, x in xs.items():
                    if key not in U:
                        assert any(ns.regret(game, (x, ys[v])) > _tol(game) for v in V)
                for key, y in ys.items():
                    if key not in V:
                        assert any(ns.regret(game, (xs[u], y)) > _tol(game) for u in U)

    def test_subsets_are_distinct_and_not_nested(self):
        """No maximal subset is contained in another."""
        for _, eqs in _degenerate_games(30, seed=4):
            sets = [frozenset(id(v) for v in sub.vertices) for sub in eqs.components()]
            assert all(not (a <= b) for a, b in itertools.permutations(sets, 2))


class TestBruteForceGrid:
    @pytest.mark.parametrize("seed", range(6))
    def test_every_grid_equilibrium_lies_in_a_subset(self, seed):
        """On a grid of mixed profiles (step 1/12) of small degenerate games, every profile with zero
        regret lies in conv(U) x conv(V) for some maximal subset (membership by an LP)."""
        game, eqs = _degenerate_games(1, seed=100 + seed, high=1, max_actions=3)[0]
        m, n = game.shape
        steps = 12

        def simplex(k):
            return [np.array(c) / steps for c in itertools.product(range(steps + 1), repeat=k) if sum(c) == steps]

        subsets = eqs.components()
        X, Y = np.array(simplex(m)), np.array(simplex(n))
        A, B = game.payoffs[..., 0], game.payoffs[..., 1]
        AY, XB = Y @ A.T, X @ B  # (|Y|, m) and (|X|, n)
        r1 = AY.max(axis=1)[None, :] - X @ AY.T
        r2 = XB.max(axis=1)[:, None] - XB @ Y.T
        eq_x, eq_y = np.nonzero(np.maximum(r1, r2) <= 1e-12)
        found = len(eq_x)
        in_u = {(s, k): _in_hull(X[k], [e.strategies[0] for e in sub.row_strategies])
                for s, sub in enumerate(subsets) for k in set(eq_x.tolist())}
        in_v = {(s, k): _in_hull(Y[k], [e.strategies[1] for e in sub.column_strategies])
                for s, sub in enumerate(subsets) for k in set(eq_y.tolist())}
        for kx, ky in zip(eq_x.tolist(), eq_y.tolist()):
            assert any(in_u[s, kx] and in_v[s, ky] for s in range(len(subsets))), (X[kx], Y[ky])
        assert found > 0


class TestTextbook:
    def test_entry_game(self):
        """The entry game's strategic form: (Enter, Accommodate) alone, and Stay out against any
        Fight probability of at least 1/2 (Selten's imperfect equilibria), exactly."""
        g = ns.NormalFormGame.from_arrays([[-1, 1], [0, 0]], [[-1, 1], [2, 2]],
                                          players=("Entrant", "Incumbent"),
                                          actions=(("Enter", "Stay out"), ("Fight", "Accommodate")))
        subsets = _solve(g, exact=True).components()
        assert len(subsets) == 2 and subsets[0].is_singleton and not subsets[1].is_singleton
        assert {e.exact_strategies[1] for e in subsets[1].column_strategies} == {
            (Fraction(1), Fraction(0)), (Fraction(1, 2), Fraction(1, 2))}
        text = subsets[1].describe()
        assert text.startswith("A continuum of equilibria in which Entrant plays Stay out")
        assert "1/2" in text and subsets[1].dimension == 1
        assert subsets[0].component != subsets[1].component

    def test_overlapping_subsets_share_a_component(self):
        """A game whose two segments meet at a common equilibrium: one component, two maximal subsets."""
        # Column player indifferent everywhere; row player's A1 is best against y1 and y2 ties against A2.
        A = [[1, 0], [0, 0]]
        B = [[0, 0], [0, 0]]
        subsets = _solve(ns.NormalFormGame.from_arrays(A, B)).components()
        assert len(subsets) == 2 and len({s.component for s in subsets}) == 1

    def test_two_players_only(self):
        """Three-player sets are refused by name."""
        eqs = _solve(ns.NormalFormGame(np.zeros((2, 2, 2, 3))), method="pure")
        with pytest.raises(UnsupportedMethodError, match="2-player"):
            eqs.components()
