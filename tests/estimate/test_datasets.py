"""The shipped synthetic crises: reproducible from the script, and recovering the coefficients they were drawn from."""

import pathlib
import subprocess
import sys

import numpy as np
import pandas as pd

import negotiation_sim as ns

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_shipped_file_is_what_the_script_writes(tmp_path):
    """docs/_tools/make_crises_data.py, run afresh, writes the shipped CSV byte for byte."""
    out = tmp_path / "crises.csv"
    subprocess.run([sys.executable, str(ROOT / "docs" / "_tools" / "make_crises_data.py"), str(out)],
                   check=True, timeout=120)
    assert out.read_bytes() == (ROOT / "negotiation_sim" / "data" / "crises.csv").read_bytes()


def test_load_crises_columns_and_labels():
    df = ns.estimate.load_crises()
    assert list(df.columns) == ["crisis", "advantage", "support", "outcome"] and len(df) == 500
    assert set(df["outcome"]) == set(ns.estimate.CRISES_OUTCOMES)
    assert df["support"].between(0, 1).all() and df["crisis"].is_unique


def test_fit_covers_the_truth():
    """Fitting the shipped crises puts every true coefficient within 2.6 standard errors (99%)."""
    fit = ns.estimate.strategic_logit(ns.estimate.load_crises(), "outcome", dict(ns.estimate.CRISES_UTILITIES),
                                      game="egame12", outcomes=ns.estimate.CRISES_OUTCOMES)
    truth = pd.Series(dict(ns.estimate.CRISES_TRUTH))[fit.params.index]
    assert (np.abs(fit.params - truth) < 2.6 * fit.bse).all(), ((fit.params - truth) / fit.bse).to_dict()
