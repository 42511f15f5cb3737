"""Tests for ns.analysis.monte_carlo."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from tests.analysis import builders


class TestMonteCarlo:
    def test_attack_frequency_converges_to_threshold(self):
        """Credibility ~ U(0, 1): the challenger attacks with probability threshold = 1/3 (4 s.e.)."""
        n = 4000
        df = ns.analysis.monte_carlo(builders.deterrence, {"credibility": stats.uniform(0, 1)},
                                     n=n, rng=1, progress=False)
        p = 1 / 3
        assert abs(df["attack"].mean() - p) < 4 * np.sqrt(p * (1 - p) / n)

    def test_columns_are_the_sweep_columns_plus_draw(self):
        """One row per draw and equilibrium, with the sweep's columns after ``draw``."""
        df = ns.analysis.monte_carlo(builders.chicken, {"cost_row": stats.uniform(2, 3)}, n=20, rng=0,
                                     fixed={"cost_col": 4.0}, progress=False)
        sw = ns.sweep(builders.chicken, cost_row=[2.5], cost_col=[4.0], progress=False)
        assert list(df.columns) == ["draw", *sw.columns]
        assert len(df) == 60 and (df["cost_col"] == 4.0).all()
        assert all(list(g) == [0, 1, 2] for _, g in df.groupby("draw")["equilibrium"])
        mixed = df[df["kind"] == "mixed"]
        np.testing.assert_allclose(mixed["NATO:Straight"], 1 / mixed["cost_row"], atol=1e-12)

    def test_seeded_and_executor_identical(self):
        """The same seed gives the same frame, serially or on an executor."""
        kw = {"distributions": {"credibility": stats.beta(2, 3), "a_dc": stats.uniform(1.5, 2)},
              "n": 60, "progress": False}
        serial = ns.analysis.monte_carlo(builders.deterrence, rng=5, **kw)
        with ThreadPoolExecutor(2) as ex:
            chunked = ns.analysis.monte_carlo(builders.deterrence, rng=5, executor=ex, chunksize=7, **kw)
        pd.testing.assert_frame_equal(serial, chunked)
        assert not serial.equals(ns.analysis.monte_carlo(builders.deterrence, rng=6, **kw))

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [({"distributions": {}}, "distributions must be a non-empty dict"),
         ({"distributions": {"credibility": 0.5}}, r"distributions\['credibility'\] must be a frozen"),
         ({"distributions": {"credibility": stats.uniform()}, "n": 0}, "n must be a positive integer"),
         ({"distributions": {"credibility": stats.uniform()}, "fixed": {"credibility": 1.0}},
          "both give parameter"),
         ({"distributions": {"credibility": stats.uniform()}, "fixed": [1]}, "fixed must be a dict")],
    )
    def test_bad_arguments(self, kwargs, match):
        """Bad distributions, counts and fixed values name the argument."""
        with pytest.raises(InvalidParameterError, match=match):
            ns.analysis.monte_carlo(builders.deterrence, progress=False, **kwargs)
