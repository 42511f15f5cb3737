"""Points outside the valid region: a row that says why, never an aborted sweep, on every path."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import negotiation_sim as ns
from tests.analysis import builders

COSTS = np.array([0.5, 1.0, 1.5, 2.0, 3.0])  # the first two are not Chicken


def _reference(cost_col):
    """The valid points solved one by one with ns.solve: the oracle for the valid rows."""
    rows = []
    for c in COSTS[COSTS > 1]:
        for eq in ns.solve(builders.chicken(c, cost_col)):
            rows.append((c, *np.concatenate(eq.strategies)))
    return sorted(rows)


def _check(df, cost_col=10.0):
    assert set(df.columns) >= {"valid", "invalid_reason"}
    bad = df[~df["valid"]]
    assert sorted(bad["cost_row"]) == [0.5, 1.0]
    assert all("must exceed 1" in r for r in bad["invalid_reason"])
    assert (bad["equilibrium"] == -1).all() and bad["kind"].isna().all()
    assert bad[[c for c in df.columns if ":" in c]].isna().all().all()
    good = df[df["valid"]]
    assert (good["invalid_reason"] == "").all() and (good["equilibrium"] >= 0).all()
    probs = ["Russia:Swerve", "Russia:Straight", "NATO:Swerve", "NATO:Straight"]
    got = sorted(tuple(r) for r in good[["cost_row", *probs]].to_numpy().tolist())
    np.testing.assert_allclose(got, _reference(cost_col), atol=1e-12)
    assert df["valid"].dtype == bool


def test_in_memory():
    """Invalid points give one row each with the builder's reason; the valid ones are solved."""
    _check(ns.sweep(builders.chicken_checked, cost_row=COSTS, progress=False))


def test_on_an_executor():
    with ThreadPoolExecutor(2) as pool:
        df = ns.sweep(builders.chicken_checked, cost_row=COSTS, executor=pool, chunksize=2, progress=False)
    _check(df)
    pd.testing.assert_frame_equal(df, ns.sweep(builders.chicken_checked, cost_row=COSTS, progress=False))


@pytest.mark.parametrize("chunksize", [1, 2, 5])
def test_streamed_equals_in_memory(tmp_path, chunksize):
    """Streamed chunks, concatenated, equal the in-memory frame, invalid rows and labels included."""
    whole = ns.sweep(builders.chicken_checked, cost_row=COSTS, cost_col=[4.0, 9.0], progress=False)
    chunks = ns.sweep(builders.chicken_checked, cost_row=COSTS, cost_col=[4.0, 9.0], progress=False,
                      out=tmp_path / "run", chunksize=chunksize)
    pd.testing.assert_frame_equal(chunks.to_dataframe(), whole, check_exact=True)


def test_vectorized_build_refusing_some_points():
    """A vectorised build that refuses the batch is asked point by point; the rest are solved in bulk."""
    df = ns.sweep(builders.chicken_checked_batch, cost_row=COSTS, cost_col=[10.0], vectorized=True,
                  progress=False)
    _check(df)
    per_point = ns.sweep(builders.chicken_checked, cost_row=COSTS, cost_col=[10.0], progress=False)
    pd.testing.assert_frame_equal(df.drop(columns="invalid_reason"), per_point.drop(columns="invalid_reason"),
                                  check_exact=False, atol=1e-12)


def test_every_point_invalid():
    """A grid entirely outside the region still returns one explained row per point."""
    df = ns.sweep(builders.chicken_checked, cost_row=[0.1, 0.2], progress=False)
    assert len(df) == 2 and not df["valid"].any() and (df["equilibrium"] == -1).all()


def test_protocol_errors_still_raise():
    """A build outside the protocol is a programming error, not a point outside the region."""
    from negotiation_sim.errors import InvalidParameterError, UnsupportedMethodError

    with pytest.raises(InvalidParameterError, match="build must return a game"):
        ns.sweep(lambda x: x, x=[1], progress=False)
    with pytest.raises(UnsupportedMethodError, match="unknown method 'no_such_method'"):
        ns.sweep(builders.chicken, cost_row=[2.0], method="no_such_method", progress=False)
