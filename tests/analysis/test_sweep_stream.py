"""Streamed sweeps (out= / reduce=): equal to the in-memory DataFrame, in flat memory, on every executor."""

from __future__ import annotations

import multiprocessing
import tracemalloc
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.analysis._tracking import BranchTracker, track_branches
from negotiation_sim.errors import InvalidParameterError
from tests.analysis import builders

CRISIS = {"support": np.linspace(0, 1, 9), "influence": np.linspace(0, 1, 4),
          "russia_war_cost": np.linspace(0.1, 3.0, 5)}


def _crisis(**kwargs):
    return ns.sweep(builders.crisis_grid_batch, vectorized=True, method="pure", progress=False, **CRISIS, **kwargs)


@pytest.fixture(scope="module")
def crisis_frame():
    return _crisis()


class TestStreamedEqualsInMemory:
    @pytest.mark.parametrize("chunksize", [2, 7, 20, 45, 1000])
    def test_out_directory(self, crisis_frame, tmp_path, chunksize):
        """Chunks on disk, concatenated, are the in-memory frame (labels tracked across chunk boundaries)."""
        chunks = _crisis(out=tmp_path / "run", chunksize=chunksize)
        assert isinstance(chunks, ns.SweepChunks) and len(chunks) == -(-180 // chunksize)
        pd.testing.assert_frame_equal(chunks.to_dataframe(), crisis_frame, check_exact=True)
        assert crisis_frame["equilibrium"].nunique() > 10  # the labels are a real test
        assert not list((tmp_path / "run").glob("*.partial.parquet"))

    def test_reduce_sees_the_final_chunks_in_order(self, crisis_frame):
        """reduce folds the same chunks, in grid order, with final labels."""
        chunks = _crisis(reduce=builders.concat_chunks, chunksize=13)
        assert len(chunks) == 14
        pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), crisis_frame, check_exact=True)
        counts = _crisis(reduce=builders.count_russia, chunksize=50)
        np.testing.assert_array_equal(
            counts, crisis_frame[["Russia:Invade", "Russia:Threaten", "Russia:Withdraw"]].sum().to_numpy())

    def test_reduce_and_out_together(self, crisis_frame, tmp_path):
        """With both, the summary is returned and the chunks are kept."""
        counts = _crisis(reduce=builders.count_russia, out=tmp_path, chunksize=60)
        assert len(ns.SweepChunks.open(tmp_path)) == 3
        pd.testing.assert_frame_equal(ns.SweepChunks.open(tmp_path).to_dataframe(), crisis_frame)
        assert counts.sum() == len(crisis_frame)

    @pytest.mark.parametrize(("build", "grid"), [
        (builders.chicken, {"cost_row": np.linspace(0.5, 5, 7), "cost_col": [0.5, 1.0, 4.0]}),
        (builders.deterrence, {"credibility": np.linspace(0, 1, 11), "a_dc": [1.5, 3.0]}),
        (builders.PenniesScenario, {"stake": [1.0, 2.0, 3.0]}),
        (builders.changing, {"t": np.linspace(0, 1, 11)}),
    ], ids=["games", "models", "scenarios", "columns-appear-mid-sweep"])
    def test_per_point_builds(self, tmp_path, build, grid):
        """Per-point builds of every kind stream to the in-memory frame, in chunks of 2 points."""
        memory = ns.sweep(build, progress=False, **grid)
        streamed = ns.sweep(build, progress=False, out=tmp_path, chunksize=2, **grid).to_dataframe()
        pd.testing.assert_frame_equal(streamed, memory, check_exact=True)


class TestExecutors:
    def test_thread_pool(self, crisis_frame, tmp_path):
        with ThreadPoolExecutor(2) as ex:
            chunks = _crisis(out=tmp_path, executor=ex, chunksize=11)
        pd.testing.assert_frame_equal(chunks.to_dataframe(), crisis_frame, check_exact=True)

    def test_process_pool(self, crisis_frame):
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(2, mp_context=ctx) as ex:
            chunks = _crisis(reduce=builders.concat_chunks, executor=ex, chunksize=17)
        pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), crisis_frame, check_exact=True)

    def test_dask_client(self, crisis_frame, tmp_path):
        distributed = pytest.importorskip("dask.distributed")
        with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                      dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
            chunks = _crisis(out=tmp_path, executor=client, chunksize=23)
        pd.testing.assert_frame_equal(chunks.to_dataframe(), crisis_frame, check_exact=True)


def _peak(n_slabs: int, stream: bool = True) -> int:
    """Peak traced memory of a sweep over ``n_slabs`` identical 400-point slabs (streamed: in 1 chunk each)."""
    grid = {"replicate": np.arange(n_slabs), "support": np.linspace(0, 1, 20), "influence": np.linspace(0, 1, 20)}
    options = {"reduce": builders.count_russia, "chunksize": 400} if stream else {}
    tracemalloc.start()
    try:
        ns.sweep(builders.crisis_replicated, vectorized=True, method="pure", progress=False, **options, **grid)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_peak_memory_stays_flat_as_the_grid_grows():
    """Peak traced memory of a streamed sweep stays flat when the grid grows 8-fold (not a timing test).

    Every chunk holds the same games, so any growth would be rows piling up.
    """
    _peak(1)  # first use: imports and caches, not the sweep's own memory
    small, large = _peak(3), _peak(24)  # 1,200 and 9,600 points
    assert large < 1.1 * small, (small, large)
    assert _peak(24, stream=False) > 3 * large  # the measure is sensitive: holding every row costs far more


class TestTracker:
    @settings(max_examples=80, deadline=None)
    @given(data=st.data())
    def test_chunked_tracker_equals_whole_grid_tracking(self, data):
        """Any split of any grid into chunks gives track_branches' labels (ties and empty points included)."""
        shape = tuple(data.draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
        n = int(np.prod(shape))
        counts = data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
        point = np.repeat(np.arange(n), counts)
        values = data.draw(st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=2 * len(point),
                                    max_size=2 * len(point)))
        vectors = np.array(values).reshape(len(point), 2)
        expected = track_branches(point, vectors, shape)
        cuts = sorted(set(data.draw(st.lists(st.integers(1, max(1, n - 1)), max_size=4))) - {n})
        tracker, keys = BranchTracker(shape), []
        for a, b in zip([0, *cuts], [*cuts, n], strict=True):
            rows = (point >= a) & (point < b)
            keys.append(tracker.feed(a, b, point[rows], vectors[rows]))
        np.testing.assert_array_equal(tracker.labels(np.concatenate(keys)), expected)

    def test_chunks_out_of_order_are_refused(self):
        tracker = BranchTracker((4,))
        with pytest.raises(ValueError, match="grid order"):
            tracker.feed(2, 4, np.array([2]), np.zeros((1, 1)))


class TestSweepChunksAndErrors:
    def test_reader(self, tmp_path, crisis_frame):
        """open() finds the chunks again; indexing, slicing, reduce and repr."""
        _crisis(out=tmp_path, chunksize=100)
        chunks = ns.SweepChunks.open(tmp_path)
        assert len(chunks) == 2 and len(chunks[1:]) == 1
        pd.testing.assert_frame_equal(chunks[1].reset_index(drop=True),
                                      crisis_frame[crisis_frame["support"] > chunks[0]["support"].max()]
                                      .reset_index(drop=True), check_exact=True)
        assert chunks.reduce(lambda n, c: n + len(c), 0) == len(crisis_frame)
        assert repr(chunks).startswith("SweepChunks(n_chunks=2, directory=")

    def test_bad_arguments(self, tmp_path):
        """out must be a fresh directory, reduce a function, chunksize positive; each named."""
        _crisis(out=tmp_path, chunksize=100)
        with pytest.raises(InvalidParameterError, match="already holds a sweep's chunks"):
            _crisis(out=tmp_path)
        (tmp_path / "file").write_text("x")
        with pytest.raises(InvalidParameterError, match="out must be a directory"):
            _crisis(out=tmp_path / "file")
        with pytest.raises(InvalidParameterError, match="reduce must be a function"):
            _crisis(reduce=3)
        with pytest.raises(InvalidParameterError, match="chunksize"):
            _crisis(reduce=builders.count_russia, chunksize=0)
        with pytest.raises(InvalidParameterError, match="executor must be"):
            _crisis(reduce=builders.count_russia, executor=object())
        with pytest.raises(InvalidParameterError, match="not a folder"):
            ns.SweepChunks.open(tmp_path / "nowhere")


def test_scenario_sweep_streams(tmp_path):
    """Scenario.sweep passes chunksize, out and reduce on: the same frame, streamed."""
    sc = ns.scenarios.get("hostage_taker")
    grid = {"leverage": np.linspace(0.05, 0.95, 7)}
    memory = sc.sweep(progress=False, **grid)
    chunks = sc.sweep(progress=False, out=tmp_path, chunksize=3, **grid)
    pd.testing.assert_frame_equal(chunks.to_dataframe(), memory, check_exact=True)
    reduced = sc.sweep(progress=False, reduce=builders.concat_chunks, chunksize=2, **grid)
    pd.testing.assert_frame_equal(pd.concat(reduced, ignore_index=True), memory, check_exact=True)


def test_open_skips_partial_chunks_and_sorts_by_number(tmp_path):
    """A chunk left half-done by an interrupted run is not read; chunk 1000000 comes after 999999."""
    frame = pd.DataFrame({"x": [1]})
    for name in ("chunk-1000000.parquet", "chunk-999999.parquet", "chunk-000003.partial.parquet",
                 "other.parquet"):
        frame.assign(x=len(name)).to_parquet(tmp_path / name)
    chunks = ns.SweepChunks.open(tmp_path)
    assert [p.name for p in chunks.paths] == ["chunk-999999.parquet", "chunk-1000000.parquet"]


class _Planted:
    """Unpickling this object writes a file: what a malicious chunk would do."""

    def __init__(self, target):
        self.target = str(target)

    def __reduce__(self):
        return (Path.write_text, (Path(self.target), "code ran"))


def test_opening_a_folder_never_unpickles(tmp_path):
    """A pickle planted in a sweep folder, under a chunk's name, is never loaded: chunks are Parquet."""
    import pickle

    folder = tmp_path / "shared"
    chunks = ns.sweep(builders.chicken, cost_row=[2.0, 3.0], out=folder, progress=False)
    target = tmp_path / "pwned.txt"
    planted = pickle.dumps(_Planted(target))
    (folder / "chunk-000001.pkl").write_bytes(planted)
    (folder / "chunk-000000.partial.pkl").write_bytes(planted)
    reopened = ns.SweepChunks.open(folder)
    assert [p.suffix for p in reopened.paths] == [".parquet"] * len(chunks)
    frame = reopened.to_dataframe()
    pd.testing.assert_frame_equal(frame, chunks.to_dataframe())
    assert not target.exists()
    # The files really are Parquet (magic bytes PAR1 at both ends), not pickles.
    for path in reopened.paths:
        data = path.read_bytes()
        assert data[:4] == data[-4:] == b"PAR1"
