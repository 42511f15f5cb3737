"""The walk over feasible bases (``solvers/_walk.py``) against independent oracles.

The float walk (numpy, whole frontiers at once), the same walk in plain Python (small games),
the exact walk (integers) and pygambit's rational enumeration must agree on the vertices and
on the equilibria, on random, degenerate and ill-conditioned games; whenever floating point is
not sure, the solver must say so (re-solve exactly, or ``complete=False``).
"""

from __future__ import annotations

import importlib
import itertools
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import GameTooLargeError, InvalidParameterError
from negotiation_sim.solvers._polytope import scaled
from negotiation_sim.solvers.exact import exact_extreme_equilibria, exact_matrix
from tests.oracle import enummixed, same_profile_sets

walk = importlib.import_module("negotiation_sim.solvers._walk")
vertex_module = importlib.import_module("negotiation_sim.solvers._vertex_enumeration")


def _polytopes(A: np.ndarray, B: np.ndarray):
    m, n = A.shape
    both, _ = scaled(np.stack([B.ravel(), A.T.ravel()]), 1e-9)
    return [(both[0].reshape(m, n), list(range(m + n))), (both[1].reshape(n, m), [*range(m, m + n), *range(m)])]


def _brute_force_vertices(C: np.ndarray, labels, tight: float = 1e-9) -> set[int]:
    """Every vertex of {z >= 0 : C^T z <= 1} but 0 by solving every choice of r tight
    constraints among the r + c (an independent, exponential oracle), as label words."""
    r, c = C.shape
    rows = np.vstack([np.eye(r), C.T])  # z_i >= 0 and (C^T z)_j <= 1, as rows of a system
    rhs = np.r_[np.zeros(r), np.ones(c)]
    words = set()
    for choice in itertools.combinations(range(r + c), r):
        M = rows[list(choice)]
        if abs(np.linalg.det(M)) < 1e-9:
            continue
        z = np.linalg.solve(M, rhs[list(choice)])
        slack = 1 - C.T @ z
        if z.min() < -tight or slack.min() < -tight or z.max() <= tight:
            continue
        values = np.r_[z, slack]
        words.add(sum(1 << labels[v] for v in range(r + c) if values[v] <= tight))
    return words


def _games(draw_kind: str, rng: np.random.Generator, m: int, n: int):
    if draw_kind == "random":
        return rng.random((m, n)), rng.random((m, n))
    if draw_kind == "degenerate":
        return rng.integers(0, 3, (m, n)).astype(float), rng.integers(0, 3, (m, n)).astype(float)
    A, B = rng.integers(0, 5, (m, n)).astype(float), rng.integers(0, 5, (m, n)).astype(float)
    if draw_kind == "large entry":
        A.flat[rng.integers(m * n)] = 1e7
    elif draw_kind == "perturbed":
        A += rng.integers(-3, 4, (m, n)) * 1e-7
        B += rng.integers(-3, 4, (m, n)) * 1e-7
    else:  # shifted far from zero
        A, B = A + 1e10, B - 1e10
    return A, B


KINDS = ["random", "degenerate", "large entry", "perturbed", "shifted"]


class TestVertices:
    @settings(max_examples=30, deadline=None)
    @given(st.integers(1, 5), st.integers(1, 4), st.integers(0, 2**32 - 1))
    def test_random_polytopes_against_brute_force(self, m, n, seed):
        """On random games both float walks find exactly the vertices that solving every choice of
        tight constraints finds, with no doubt."""
        A, B = np.random.default_rng(seed).random((2, m, n))
        polytopes = _polytopes(A, B)
        for found in (walk.float_vertices(polytopes, 5e-11, 10**6, "ab"),
                      walk.small_float_vertices([(C.tolist(), lab) for C, lab in polytopes], 5e-11, 10**6, "ab")):
            for (C, labels), vertices in zip(polytopes, found, strict=True):
                assert set(np.asarray(vertices.words).tolist()) == _brute_force_vertices(C, labels)
                assert vertices.doubt is None

    @settings(max_examples=40, deadline=None)
    @given(st.sampled_from(KINDS), st.integers(2, 5), st.integers(2, 5), st.integers(0, 2**32 - 1))
    def test_numpy_and_python_walks_decide_alike(self, kind, m, n, seed):
        """The numpy walk and the plain-Python walk visit the same number of bases and find the same
        words; where one is in doubt the other is too, or both find what the exact walk finds."""
        A, B = _games(kind, np.random.default_rng(seed), m, n)
        polytopes = _polytopes(A, B)
        fast = walk.float_vertices(polytopes, 5e-11, 10**6, "ab")
        slow = walk.small_float_vertices([(C.tolist(), lab) for C, lab in polytopes], 5e-11, 10**6, "ab")
        _, exact = exact_extreme_equilibria(exact_matrix(A), exact_matrix(B))
        for a, b, ex in zip(fast, slow, exact, strict=True):
            if a.doubt is None and b.doubt is None:
                assert list(a.words) == list(b.words) == list(ex)
                assert a.bases == b.bases

    @settings(max_examples=40, deadline=None)
    @given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
    def test_degenerate_float_walk_equals_exact_walk(self, m, n, seed):
        """On integer games (mostly degenerate) a float walk without doubt finds the exact walk's
        vertices, word for word, with the same points."""
        rng = np.random.default_rng(seed)
        A, B = rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))
        polytopes = _polytopes(A.astype(float), B.astype(float))
        _, exact = exact_extreme_equilibria(exact_matrix(A), exact_matrix(B))
        for vertices, ex in zip(walk.float_vertices(polytopes, 5e-11, 10**6, "ab"), exact, strict=True):
            if vertices.doubt is None:
                assert list(vertices.words) == list(ex)
                points = np.array(vertices.points).reshape(len(ex), -1)
                ex_points = np.array([[float(v) for v in z] for z in ex.values()]).reshape(points.shape)
                # the scaled polytope is an affine image: compare the normalised points
                norm = points / points.sum(axis=1, keepdims=True)
                np.testing.assert_allclose(norm, ex_points / ex_points.sum(axis=1, keepdims=True), atol=1e-9)

    @settings(max_examples=15, deadline=None)
    @given(st.sampled_from(["random", "degenerate"]), st.integers(2, 6), st.integers(2, 6), st.integers(0, 2**32 - 1))
    def test_frontier_in_chunks_walks_the_same_graph(self, kind, m, n, seed):
        """With frontiers pivoted three bases at a time (a stack of pending chunks, not one level at
        a time), the numpy walk still visits the plain-Python walk's bases and finds its words."""
        A, B = _games(kind, np.random.default_rng(seed), m, n)
        polytopes = _polytopes(A, B)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(walk, "_CHUNK", 3)
            chunked = walk.float_vertices(polytopes, 5e-11, 10**6, "ab")
        for a, b in zip(chunked, walk.small_float_vertices(polytopes, 5e-11, 10**6, "ab"), strict=True):
            if a.doubt is None and b.doubt is None:
                assert (list(a.words), a.bases) == (list(b.words), b.bases)
                np.testing.assert_allclose(a.points, b.points, atol=1e-9)

    @settings(max_examples=25, deadline=None)
    @given(st.sampled_from(KINDS), st.integers(2, 8), st.integers(2, 8), st.integers(0, 2**32 - 1))
    def test_table_of_seen_bases_and_sorted_keys_walk_the_same_graph(self, kind, m, n, seed):
        """Small polytopes find their new bases in a table indexed by key, large ones by sorting the
        keys met: forced to sort, the numpy walk visits the same bases and finds the same words and
        points. (The two may reach a basis by different pivots, so round-off may differ: the
        comparison is where neither is in doubt.)"""
        A, B = _games(kind, np.random.default_rng(seed), m, n)
        polytopes = _polytopes(A, B)
        assert walk._layout(tuple((C.shape, tuple(lab)) for C, lab in polytopes)).shift < 62  # the table
        table = walk.float_vertices(polytopes, 5e-11, 10**6, "ab")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(walk, "_TABLE_BITS", 0)
            walk._layout.cache_clear()
            try:
                sorted_keys = walk.float_vertices(polytopes, 5e-11, 10**6, "ab")
            finally:
                walk._layout.cache_clear()
        for a, b in zip(table, sorted_keys, strict=True):
            if a.doubt is None and b.doubt is None:
                assert (list(a.words), a.bases) == (list(b.words), b.bases)
                np.testing.assert_allclose(a.points, b.points, atol=1e-9)

    def test_more_than_two_polytopes_is_an_error(self):
        """A key has one bit for the polytope's number: three polytopes are refused, by name."""
        C = np.ones((2, 2)) + np.eye(2)
        with pytest.raises(InvalidParameterError, match="polytopes must hold one or two"):
            walk.float_vertices([(C, range(4))] * 3, 5e-11, 10**6, "abc")

    @settings(max_examples=100, deadline=None)
    @given(st.lists(st.integers(0, 63), min_size=0, max_size=12), st.lists(st.integers(0, 63), min_size=0, max_size=12))
    def test_complete_pairs_is_every_covering_pair(self, wp, wq):
        """The lookup-and-superset pairing finds exactly the pairs whose words cover all labels."""
        m, n = 3, 3
        wp, wq = sorted(set(wp)), sorted(set(wq))
        # vertices carry at least as many labels as their dimension
        wp = [w for w in wp if w.bit_count() >= m]
        wq = [w for w in wq if w.bit_count() >= n]
        expected = [(a, b) for a in range(len(wp)) for b in range(len(wq)) if wp[a] | wq[b] == 63]
        for as_given in (list, lambda w: np.array(w, dtype=np.int64)):  # the Python and the numpy lookup
            i, j = walk.complete_pairs(as_given(wp), as_given(wq), m, n)
            assert list(zip(i, j, strict=True)) == expected


def _solve(A, B, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        eqs = ns.solve(ns.NormalFormGame.from_arrays(A, B), **options)
    return eqs, caught


class TestEquilibria:
    @settings(max_examples=25, deadline=None)
    @given(st.sampled_from(KINDS), st.integers(2, 6), st.integers(2, 6), st.integers(0, 2**32 - 1))
    def test_same_as_gambit_or_honestly_incomplete(self, kind, m, n, seed):
        """Random, degenerate and ill-conditioned games (an entry 1e7, perturbations of 1e-7, shifts by
        1e10): the equilibria are Gambit's rational enumeration's (of the unshifted game for shifts,
        where Gambit's own float reading fails), or the set says complete=False."""
        rng = np.random.default_rng(seed)
        A, B = _games(kind, rng, m, n)
        eqs, _ = _solve(A, B)
        if not eqs.complete:
            return
        ref_A, ref_B = (A - 1e10, B + 1e10) if kind == "shifted" else (A, B)
        ref = enummixed(np.stack([ref_A, ref_B], axis=-1))
        assert same_profile_sets([e.strategies for e in eqs], ref, atol=1e-6) == ([], [])

    @pytest.mark.parametrize(("m", "count"), [(6, 4), (7, 2)])
    def test_degenerate_integer_games_match_gambit_and_exact(self, m, count):
        """Payoffs in {0, 1, 2}: zero missed and zero spurious against Gambit and the exact path.
        (Larger sizes, where Gambit's rational enumeration takes seconds, are in the benchmark.)"""
        rng = np.random.default_rng(m)
        for _ in range(count):
            A, B = rng.integers(0, 3, (m, m)).astype(float), rng.integers(0, 3, (m, m)).astype(float)
            eqs, _ = _solve(A, B)
            exact, _ = _solve(A, B, exact=True)
            assert eqs.complete
            ours = [e.strategies for e in eqs]
            assert same_profile_sets(ours, enummixed(np.stack([A, B], axis=-1))) == ([], [])
            assert same_profile_sets(ours, [e.strategies for e in exact]) == ([], [])

    def test_15x15_random_game(self):
        """A random 15 x 15 game (38,814 and 20,704 feasible bases; random 15 x 15 games have 2 to
        13 x 10^4 per polytope) is solved and certified: every equilibrium has zero regret, and the
        count is odd (a nondegenerate game)."""
        rng = np.random.default_rng(17)
        A, B = rng.random((15, 15)), rng.random((15, 15))
        eqs, caught = _solve(A, B)
        game = ns.NormalFormGame.from_arrays(A, B)
        assert eqs.complete and not eqs.degenerate and not caught and eqs.notes == ()
        assert len(eqs) % 2 == 1
        assert all(ns.regret(game, e.strategies) <= 1e-9 * game.payoff_scale for e in eqs)

    def test_small_and_numpy_paths_agree(self, monkeypatch):
        """Games up to 4 x 4 take the plain-Python walk; forcing the numpy walk gives the same
        equilibria in the same order, notes and degeneracy. On ill-conditioned games the two
        arithmetics may differ on whether to re-solve exactly (round-off differs); the
        equilibria and every other note must still agree."""
        rng = np.random.default_rng(3)
        resolved = "Floating point could not certify"
        for k in range(60):
            m, n = (int(v) for v in rng.integers(1, 6, 2))
            kind = KINDS[k % len(KINDS)]
            A, B = _games(kind, rng, m, n)
            small, _ = _solve(A, B)
            monkeypatch.setattr(vertex_module, "_SMALL", 0)
            big, _ = _solve(A, B)
            monkeypatch.undo()
            assert len(small) == len(big)
            assert all(a.close_to(b, atol=1e-12) for a, b in zip(small, big, strict=True))
            assert (small.degenerate, small.complete) == (big.degenerate, big.complete)
            if kind in ("random", "degenerate"):
                assert small.notes == big.notes
            else:
                assert ([t for t in small.notes if not t.startswith(resolved)]
                        == [t for t in big.notes if not t.startswith(resolved)])

    def test_max_bases_in_both_walks(self, monkeypatch):
        """max_bases stops the plain-Python walk and the numpy walk alike, naming the bound."""
        A, B = np.eye(4) + 1, np.eye(4) + 1
        for small in (4, 0):
            monkeypatch.setattr(vertex_module, "_SMALL", small)
            with pytest.raises(GameTooLargeError, match="max_bases=3"):
                ns.solve(ns.NormalFormGame.from_arrays(A, B), max_bases=3)

    @pytest.mark.parametrize("shape", [(2, 9), (9, 2), (3, 7)])
    def test_max_bases_bounds_each_polytope_of_a_joint_walk(self, shape):
        """The two polytopes walked together are bounded one by one, not in sum: at a bound of the
        larger one's bases the walk ends, one below it names that polytope's owner. (The bases of
        both are counted only once their sum passes the bound.)"""
        A, B = np.random.default_rng(7).random((2, *shape))
        polytopes = _polytopes(A, B)
        first, second = walk.float_vertices(polytopes, 5e-11, 10**6, ["Russia", "NATO"])
        assert first.bases != second.bases
        largest = max(first.bases, second.bases)
        owner = "Russia" if first.bases > second.bases else "NATO"
        again = walk.float_vertices(polytopes, 5e-11, largest, ["Russia", "NATO"])
        assert [v.bases for v in again] == [first.bases, second.bases]
        assert first.bases + second.bases > largest  # the sum passes the bound
        with pytest.raises(GameTooLargeError, match=f"max_bases={largest - 1} feasible bases of {owner}'s"):
            walk.float_vertices(polytopes, 5e-11, largest - 1, ["Russia", "NATO"])


class TestWalkKernel:
    def test_traceback_shows_the_generated_source(self):
        """The walk runs as code written per shape; an error raised inside it shows that code's
        line in the traceback (its source is registered with linecache)."""
        import traceback

        with pytest.raises(GameTooLargeError) as info:
            walk.python_walk([[1, 2], [2, 1]], range(4), 1, "Russia")
        text = "".join(traceback.format_exception(info.value))
        assert "<negotiation_sim walk 2x2 exact>" in text
        assert "raise too_many_bases(2, 2, max_bases, who, True)" in text

    @settings(max_examples=40, deadline=None)
    @given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
    def test_exact_walk_against_brute_force(self, r, c, seed):
        """The exact walk (integer pivots, Fractions out) finds exactly the vertices that solving
        every choice of tight constraints finds, on small integer polytopes (often degenerate)."""
        C = np.random.default_rng(seed).integers(1, 4, (r, c))
        found, bases, doubts = walk.python_walk(C.tolist(), list(range(r + c)), 10**6, "ab")
        assert set(found) == _brute_force_vertices(C.astype(float), list(range(r + c)))
        assert doubts == set() and bases >= len(found)
        for z in found.values():  # each point is feasible, exactly
            assert all(v >= 0 for v in z)
            assert all(sum(z[i] * int(C[i, j]) for i in range(r)) <= 1 for j in range(c))


class TestPlainPythonTwins:
    """The single-game path scales, cleans and normalises in plain Python; each helper claims the same
    floats as its numpy original (used by the batches), tried over many orders of magnitude."""

    @settings(max_examples=80, deadline=None)
    @given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1), st.sampled_from([1e-7, 1.0, 1e7]),
           st.sampled_from([0.0, 1e10, -1e10]), st.booleans())
    def test_unit_interval_is_scaled(self, m, n, seed, scale, shift, constant):
        rng = np.random.default_rng(seed)
        M = np.full((m, n), 3.0) if constant else rng.integers(-3, 4, (m, n)) * scale + shift
        theirs, their_atol = scaled(M.ravel()[None], 1e-9)
        for given_as in (M.tolist(), M):  # lists (the small games' path) and an array (the walk's)
            ours, atol = vertex_module._unit_interval(given_as, 1e-9)
            assert np.array_equal(np.array(ours).ravel(), theirs[0]) and atol == float(their_atol[0])

    @settings(max_examples=80, deadline=None)
    @given(st.lists(st.sampled_from([0.0, 1e-13, -1e-16, 1e-3, 0.25, 1.0, 2.0, 1.0 - 1e-15]), min_size=1, max_size=6))
    def test_normalised_is_clean_rows_and_clean_float_is_clean(self, z):
        from negotiation_sim._numeric import clean, clean_float, clean_rows

        assert vertex_module._normalised(z) == clean_rows(np.array([z])).tolist()[0]
        assert [clean_float(v) for v in z] == clean(z).tolist()
        assert all(str(clean_float(v)) == str(c) for v, c in zip(z, clean(z).tolist(), strict=True))  # -0.0 too


@pytest.mark.parametrize("rows", [0, 1, 909, 910, 911, 4_500])
def test_one_core_product_is_the_product_across_block_edges(rows: int) -> None:
    # 2**17 // 144 = 910 rows a block for a 12 x 12 right factor: every row, once, in order
    rng = np.random.default_rng(rows)
    a, b = rng.random((rows, 13))[:, :12], rng.random((12, 12))
    out = walk._one_core_product(a, b)
    assert out.shape == (rows, 12)
    np.testing.assert_allclose(out, a @ b, rtol=1e-14, atol=1e-14)
