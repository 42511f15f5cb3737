"""The million-point example (examples/scale/million_point_sweep.py) at a tiny size, so it cannot rot."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

import negotiation_sim as ns

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "scale" / "million_point_sweep.py"
SLAB = {"influence": 5, "russia_war_cost": 8, "audience_cost": 10}  # 400 points per support value


@pytest.fixture(scope="module")
def example():
    spec = importlib.util.spec_from_file_location("million_point_sweep", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _expected(grid):
    """The summary's counts recomputed from the in-memory sweep with pandas (an independent path)."""
    df = ns.sweep(ns.scenarios.EuropeanCrisis.batch, vectorized=True, method="pure", progress=False, **grid)
    action = df[["Russia:Invade", "Russia:Threaten", "Russia:Withdraw"]].to_numpy().argmax(axis=1)
    df = df.assign(action=action, war=(action == 0) & (df["Ukraine:Resist"] == 1))
    per_point = df.groupby(list(grid), sort=False).agg(actions=("action", frozenset), war=("war", "any"))
    return df, per_point


def test_summary_matches_the_in_memory_sweep(example):
    """2,000 points in chunks of 300: the streamed summary equals pandas on the whole frame."""
    grid = example.make_grid(5, SLAB)
    summary = example.run(grid, chunksize=300)
    df, per_point = _expected(grid)
    n_points = 2000
    assert summary["rows"] == len(df) and summary["points"] == len(per_point)
    assert summary["branches"] == df["equilibrium"].nunique()
    assert summary["war"] == int(per_point["war"].sum())
    table = example.table(summary, n_points)
    for bit, name in example.OUTCOMES.items():
        assert table.loc[name, "points"] == int((per_point["actions"] == frozenset({bit.bit_length() - 1})).sum())
    assert table.loc["no pure equilibrium", "points"] == n_points - len(per_point)
    assert table["points"].iloc[:5].sum() == n_points
    np.testing.assert_array_equal(summary["actions"], np.bincount(df["action"], minlength=3))


def test_on_a_dask_cluster(example):
    """The same summary with a dask Client as the executor (threads, to stay quick)."""
    distributed = pytest.importorskip("dask.distributed")
    grid = example.make_grid(5, SLAB)
    serial = example.run(grid, chunksize=300)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        clustered = example.run(grid, executor=client, chunksize=300)
    for key, value in serial.items():
        np.testing.assert_array_equal(clustered[key], value)


def test_main_prints_the_figures(example, capsys):
    """The command line, serially at one slab (10,000 points): times, memory, the tables."""
    example.main(["--points", "10000", "--serial", "--chunksize", "2500"])
    out = capsys.readouterr().out
    for text in ("10,000 points", "points/s", "peak RSS: client", "load average after",
                 "withdraws in every equilibrium", "Invade"):
        assert text in out
    with pytest.raises(SystemExit):
        example.main(["--points", "12345", "--serial"])
