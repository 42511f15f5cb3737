"""Tests for ns.sweep: closed forms, branch tracking, executors, fast path, protocol, errors."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from tests.analysis import builders
from tests.oracle import enummixed, same_profile_sets


class TestClosedForm:
    def test_chicken_mixed_equilibrium_matches_indifference_formula(self):
        """Asymmetric Chicken: Russia goes straight w.p. 1/c_NATO, NATO w.p. 1/c_Russia (MODELS.md)."""
        costs = np.linspace(1.5, 12.0, 15)
        df = ns.sweep(builders.chicken, cost_row=costs, cost_col=[4.0, 9.0], progress=False)
        mixed = df[df["kind"] == "mixed"]
        assert len(mixed) == 30 and len(df[df["kind"] == "pure"]) == 60
        np.testing.assert_allclose(mixed["Russia:Straight"], 1 / mixed["cost_col"], atol=1e-12)
        np.testing.assert_allclose(mixed["NATO:Straight"], 1 / mixed["cost_row"], atol=1e-12)
        np.testing.assert_allclose(mixed["payoff Russia"], -1 / mixed["cost_row"], atol=1e-12)
        np.testing.assert_allclose(mixed["payoff NATO"], -1 / mixed["cost_col"], atol=1e-12)

    def test_columns_and_grid_order(self):
        """Parameters, then equilibrium, kind, probabilities, payoffs; the first parameter slowest."""
        df = ns.sweep(builders.chicken, cost_row=[2.0, 3.0], cost_col=[4.0, 5.0], progress=False)
        assert list(df.columns) == [
            "cost_row", "cost_col", "equilibrium", "kind", "Russia:Swerve", "Russia:Straight",
            "NATO:Swerve", "NATO:Straight", "payoff Russia", "payoff NATO", "valid", "invalid_reason"]
        points = df[["cost_row", "cost_col"]].drop_duplicates().to_numpy().tolist()
        assert points == [[2.0, 4.0], [2.0, 5.0], [3.0, 4.0], [3.0, 5.0]]


def _support_pattern(df: pd.DataFrame) -> pd.Series:
    probs = df[["Row:A1", "Row:A2", "Row:A3", "Col:A1", "Col:A2", "Col:A3"]] > 0
    return probs.astype(int).astype(str).agg("".join, axis=1)


class TestTracking:
    def test_labels_follow_continuity_when_branches_cross(self):
        """The mixed equilibria on supports {1,2} and {1,3} swap sort order at s=1; labels do not."""
        s = np.linspace(0.5, 1.5, 21)
        df = ns.sweep(builders.crossing, s=s, progress=False)
        assert (df.groupby("s").size() == 7).all()
        # Each label keeps one support all along the sweep.
        assert (df.assign(sup=_support_pattern(df)).groupby("equilibrium")["sup"].nunique() == 1).all()
        a12 = df[_support_pattern(df) == "110110"]
        a13 = df[_support_pattern(df) == "101101"]
        np.testing.assert_allclose(a12["Row:A1"], s / (1 + s))
        np.testing.assert_allclose(a13["Row:A1"], (2 - s) / (3 - s))
        # The branches really cross: sort rank by Row:A1 changes, the labels do not.
        before, after = a12["Row:A1"].to_numpy() < a13["Row:A1"].to_numpy(), s < 1
        np.testing.assert_array_equal(before, after)
        assert a12["equilibrium"].nunique() == 1 and a13["equilibrium"].nunique() == 1

    def test_two_dimensional_grid_labels_are_consistent_across_rows(self):
        """On a 2-D grid the same branch has the same label in every row of the second parameter."""
        df = ns.sweep(builders.chicken, cost_row=np.linspace(2, 5, 4), cost_col=np.linspace(2, 5, 5),
                      progress=False)
        pattern = (df[["Russia:Straight", "NATO:Straight"]] > 0).astype(int).astype(str).agg("".join, axis=1)
        assert (df.assign(p=pattern).groupby("equilibrium")["p"].nunique() == 1).all()
        assert sorted(df["equilibrium"].unique()) == [0, 1, 2]

    def test_new_branch_gets_new_label_and_old_labels_are_not_reused(self):
        """When equilibria appear (1 -> 3) the survivor keeps its label and the others get fresh ones."""
        from negotiation_sim.analysis._tracking import track_branches

        vec = np.array([[0.0], [0.1], [0.0], [0.5], [0.9], [0.1], [0.95]])
        point = np.array([0, 1, 2, 2, 2, 3, 3])
        labels = track_branches(point, vec, (4,))
        assert labels.tolist() == [0, 0, 0, 1, 2, 0, 2]


def _frame(executor=None, chunksize=None):
    return ns.sweep(builders.shifted_3x3, t=np.linspace(-2, 2, 9), u=[0.0, 0.5, 1.0],
                    progress=False, executor=executor, chunksize=chunksize)


class TestExecutors:
    def test_thread_pool_identical_to_serial(self):
        """Chunked thread-pool runs give exactly the serial DataFrame."""
        serial = _frame()
        with ThreadPoolExecutor(2) as ex:
            for chunksize in (1, 4, None, 1000):
                pd.testing.assert_frame_equal(_frame(ex, chunksize), serial)

    def test_process_pool_identical_to_serial(self):
        """A forked process pool gives the serial frame."""
        serial = _frame()
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(2, mp_context=ctx) as ex:
            pd.testing.assert_frame_equal(_frame(ex, 5), serial)

    def test_dask_local_cluster_identical_to_serial(self):
        """A dask.distributed Client (threads) gives the serial frame."""
        distributed = pytest.importorskip("dask.distributed")
        serial = _frame()
        with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster, \
                distributed.Client(cluster) as client:
            pd.testing.assert_frame_equal(_frame(client, 4), serial)

    def test_models_identical_with_executor(self):
        """Closed-form models also give identical frames in chunks."""
        kw = {"credibility": np.linspace(0, 1, 11), "a_dc": [1.5, 3.0], "progress": False}
        with ThreadPoolExecutor(2) as ex:
            pd.testing.assert_frame_equal(ns.sweep(builders.deterrence, executor=ex, chunksize=3, **kw),
                                          ns.sweep(builders.deterrence, **kw))


class TestFastPath:
    def test_batched_path_equals_per_game_path(self):
        """method="auto" (one batched call) and per-game vertex enumeration give the same equilibria."""
        grid = {"t": np.linspace(-2, 2, 25), "u": [0.0, 1.0]}
        fast = ns.sweep(builders.shifted_3x3, progress=False, **grid)
        ref = ns.sweep(builders.shifted_3x3, progress=False, method="vertex_enumeration", **grid)
        pd.testing.assert_frame_equal(fast, ref, check_exact=False, atol=1e-9, rtol=0)

    def test_every_point_agrees_with_gambit(self):
        """At each point the sweep's equilibria are exactly Gambit's extreme equilibria."""
        t = np.linspace(-2, 2, 9)
        df = ns.sweep(builders.shifted_3x3, t=t, progress=False)
        for value, rows in df.groupby("t"):
            game = builders.shifted_3x3(value)
            ours = [(r[:3], r[3:6]) for r in rows.iloc[:, 3:9].to_numpy()]
            missed, spurious = same_profile_sets(ours, enummixed(game.payoffs), atol=1e-7)
            assert not missed and not spurious


class TestVectorized:
    """sweep(vectorized=True): build called once with arrays, returning a GameBatch."""

    GRID = {"t": np.linspace(-2, 2, 41), "u": [0.0, 0.5, 1.0]}

    def test_identical_to_per_point_build(self):
        """The same frame, value for value, as the per-point build of the same games."""
        fast = ns.sweep(builders.shifted_3x3_batch, vectorized=True, progress=False, **self.GRID)
        slow = ns.sweep(builders.shifted_3x3, progress=False, **self.GRID)
        pd.testing.assert_frame_equal(fast, slow, check_exact=True)

    def test_same_as_reference_solver(self):
        """The batched solve equals per-game vertex enumeration (the reference path), on a degenerate grid."""
        grid = {"cost_row": np.linspace(0.5, 3.0, 11), "cost_col": [1.0, 2.0]}  # cost 1 is degenerate
        fast = ns.sweep(builders.chicken_batch, vectorized=True, progress=False, **grid)
        with pytest.warns(ns.errors.DegenerateGameWarning):
            ref = ns.sweep(builders.chicken_batch, vectorized=True, progress=False,
                           method="vertex_enumeration", **grid)
        pd.testing.assert_frame_equal(fast, ref, check_exact=False, atol=1e-12, rtol=0)
        slow = ns.sweep(builders.chicken, progress=False, **grid)
        pd.testing.assert_frame_equal(fast, slow, check_exact=True)

    def test_chunks_on_an_executor(self):
        """Chunks of the grid on an executor give the serial frame."""
        serial = ns.sweep(builders.shifted_3x3_batch, vectorized=True, progress=False, **self.GRID)
        with ThreadPoolExecutor(2) as ex:
            chunked = ns.sweep(builders.shifted_3x3_batch, vectorized=True, progress=False,
                               executor=ex, chunksize=17, **self.GRID)
        pd.testing.assert_frame_equal(chunked, serial, check_exact=True)

    def test_build_must_return_a_batch_per_point(self):
        """Anything but a GameBatch of one game per point is refused by name."""
        t = np.linspace(0, 1, 4)
        with pytest.raises(InvalidParameterError, match="must return a GameBatch"):
            ns.sweep(builders.not_a_batch, t=t, vectorized=True, progress=False)
        with pytest.raises(InvalidParameterError, match=r"one game per grid point \(4\), got 3"):
            ns.sweep(builders.short_batch, t=t, vectorized=True, progress=False)


class TestNPlayerBatches:
    """Vectorised builds of N-player games: pure equilibria in bulk, the same frame as game by game."""

    CRISIS = {"support": np.linspace(0, 1, 21), "russia_war_cost": np.linspace(0.1, 3.0, 7)}

    def test_crisis_pure_in_bulk_equals_game_by_game(self):
        """EuropeanCrisis.batch swept with method="pure" equals pure_equilibria solved game by game."""
        fast = ns.sweep(ns.scenarios.EuropeanCrisis.batch, vectorized=True, method="pure", progress=False,
                        **self.CRISIS)
        slow = ns.sweep(builders.crisis_per_game, progress=False, **self.CRISIS)
        pd.testing.assert_frame_equal(fast, slow, check_exact=True)
        assert set(fast["kind"]) == {"pure"} and fast["Russia:Invade"].any() and fast["Russia:Withdraw"].any()
        # Per-point builds of N-player games take the bulk path too.
        grouped = ns.sweep(lambda support, russia_war_cost: builders.crisis_per_game(support, russia_war_cost).game,
                           method="pure", progress=False, **self.CRISIS)
        pd.testing.assert_frame_equal(grouped, slow, check_exact=True)

    def test_crisis_points_agree_with_gambit(self):
        """At a sample of points the bulk pure equilibria are exactly Gambit's enumpure."""
        from tests.oracle import enumpure

        df = ns.sweep(ns.scenarios.EuropeanCrisis.batch, vectorized=True, method="pure", progress=False,
                      support=[0.0, 0.3, 0.7], russia_war_cost=[0.1, 2.0], influence=[0.0, 1.0])
        probs = [c for c in df.columns if ":" in c]
        for (support, cost, influence), rows in df.groupby(["support", "russia_war_cost", "influence"]):
            game = ns.scenarios.european_crisis(support=support, russia_war_cost=cost, influence=influence).build()
            ours = [(r[:3], r[3:5], r[5:7], r[7:9]) for r in rows[probs].to_numpy()]
            missed, spurious = same_profile_sets(ours, enumpure(game.payoffs))
            assert not missed and not spurious

    def test_auto_falls_back_game_by_game_where_no_pure_equilibrium(self):
        """method="auto": bulk pure equilibria, and the QRE-traced one where there is none, as solve() gives."""
        t = np.linspace(0.0, 3.0, 13)
        fast = ns.sweep(builders.trio_batch, t=t, vectorized=True, progress=False)
        slow = ns.sweep(builders.trio, t=t, progress=False)
        pd.testing.assert_frame_equal(fast, slow, check_exact=True)
        assert set(fast["kind"]) == {"pure", "mixed"}
        grouped = ns.sweep(builders.trio_game, t=t, progress=False)
        pd.testing.assert_frame_equal(grouped, slow, check_exact=True)

    def test_two_player_pure_in_bulk(self):
        """method="pure" on a 2-player batch: the bulk pure path equals pure_equilibria game by game."""
        grid = {"cost_row": np.linspace(0.5, 3.0, 11), "cost_col": [1.0, 2.0]}
        fast = ns.sweep(builders.chicken_batch, vectorized=True, method="pure", progress=False, **grid)
        slow = ns.sweep(lambda cost_row, cost_col: builders.PerGame(builders.chicken(cost_row, cost_col), "pure"),
                        progress=False, **grid)
        pd.testing.assert_frame_equal(fast, slow, check_exact=True)

    def test_chunks_on_an_executor(self):
        """N-player batches in chunks on an executor give the serial frame."""
        serial = ns.sweep(ns.scenarios.EuropeanCrisis.batch, vectorized=True, method="pure", progress=False,
                          **self.CRISIS)
        with ThreadPoolExecutor(2) as ex:
            chunked = ns.sweep(ns.scenarios.EuropeanCrisis.batch, vectorized=True, method="pure",
                               progress=False, executor=ex, chunksize=10, **self.CRISIS)
        pd.testing.assert_frame_equal(chunked, serial, check_exact=True)


class TestProtocol:
    def test_model_fields_become_outcome_columns(self):
        """A model's numeric and bool fields are columns; its kind is the kind; strings are dropped."""
        df = ns.sweep(builders.deterrence, credibility=[0.2, 0.9], progress=False)
        assert list(df.columns) == ["credibility", "equilibrium", "kind", "threshold", "attack",
                                    "valid", "invalid_reason"]
        np.testing.assert_allclose(df["threshold"], 1 / 3)
        assert df["attack"].tolist() == [True, False]
        assert df["kind"].tolist() == ["attack", "deterred"]

    def test_scenario_outcomes_repeated_on_equilibrium_rows(self):
        """A scenario gives one row per equilibrium with its outcomes beside the strategies."""
        df = ns.sweep(builders.PenniesScenario, stake=[1.0, 3.0], progress=False)
        np.testing.assert_allclose(df["Col:A1"], 2 / (df["stake"] + 3))
        assert df["p_match"].tolist() == [0.5, 0.5] and df["kind"].tolist() == ["mixed"] * 2


class TestErrors:
    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [({}, "at least one parameter"),
         ({"cost_row": [[1, 2]]}, "'cost_row' must be a 1-D array"),
         ({"cost_row": []}, "'cost_row' has no values"),
         ({"cost_row": [2.0], "chunksize": 0, "executor": "threads"}, "chunksize"),
         ({"cost_row": [2.0], "executor": object()}, "executor must be")],
    )
    def test_bad_arguments(self, kwargs, match):
        """Bad grids and options name the argument."""
        with ThreadPoolExecutor(1) as pool, pytest.raises(InvalidParameterError, match=match):
            if kwargs.get("executor") == "threads":
                kwargs = {**kwargs, "executor": pool}
            ns.sweep(builders.chicken, progress=False, **kwargs)

    def test_build_must_return_something_solvable(self):
        """A build that returns a number is refused, naming build and the point."""
        with pytest.raises(InvalidParameterError, match=r"at \{'x': 1\}: build must return a game"):
            ns.sweep(lambda x: x, x=[1], progress=False)
        with pytest.raises(InvalidParameterError, match="build must be a callable"):
            ns.sweep(3, x=[1], progress=False)

    def test_solve_returning_unknown_result(self):
        """A .solve() returning something outside the protocol is refused."""

        class Odd:
            def solve(self):
                return 42

        with pytest.raises(InvalidParameterError, match=r"\.solve\(\) returned a int"):
            ns.sweep(lambda x: Odd(), x=[1], progress=False)


class TestSignalingGames:
    def test_sweep_over_crisis_prior_uses_equilibrium_kinds(self):
        """A SignalingGame builder: rows carry the PBE kind, and the bluff probability follows MODELS.md."""
        threshold = builders.CRISIS["concession_cost"] / builders.CRISIS["war_cost_target"]
        priors = np.linspace(0.05, 0.7, 8)
        df = ns.sweep(builders.crisis, prior=priors, progress=False)
        semi = df[df["kind"] == "semi-separating"]
        assert set(semi["prior"]) == {p for p in priors if p < threshold}
        np.testing.assert_allclose(semi["Russia:Unresolved: Threaten"],
                                   semi["prior"] * (1 - threshold) / ((1 - semi["prior"]) * threshold))
        assert "payoff Russia (Resolved)" in df.columns


def test_sweeping_the_crisis_model_reproduces_its_closed_form():
    """ns.sweep over CrisisSignaling's prior: every point's outcomes equal MODELS.md's formulas."""
    grid = np.linspace(0.02, 0.98, 25)
    df = ns.sweep(
        lambda prior: ns.models.CrisisSignaling(prior=prior, concession_cost=0.4, war_cost_target=1.0,
                                                audience_cost=0.5),
        prior=grid, progress=False,
    )
    assert list(df["prior"]) == list(grid)
    t, resist = 0.4, 1 / 1.5
    for q, row in zip(grid, df.itertuples()):
        if q >= t:
            assert (row.p_war, row.p_concede, row.kind) == (0.0, 1.0, "pooling")
        else:
            bluff = q * (1 - t) / ((1 - q) * t)
            assert row.bluff_prob == pytest.approx(bluff, abs=1e-12)
            assert row.p_war == pytest.approx(q * resist, abs=1e-12)
            assert row.p_concede == pytest.approx((q + (1 - q) * bluff) * (1 - resist), abs=1e-12)
            assert row.kind == "semi-separating"
