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


def test_how_to_claims_about_the_shipped_fit():
    """docs/how-to/fit-a-crisis-model.md: intervals cover the truth except u11:const's and u14:const's; by support quintile the
    mean fitted chance of concession falls and those of war and the status quo rise, as the observed shares do
    from the first quintile to the last."""
    crises = ns.estimate.load_crises()
    fit = ns.estimate.strategic_logit(crises, "outcome", dict(ns.estimate.CRISES_UTILITIES),
                                      game="egame12", outcomes=ns.estimate.CRISES_OUTCOMES)
    truth = pd.Series(dict(ns.estimate.CRISES_TRUTH))[fit.params.index]
    ci = fit.conf_int()
    inside = (ci["2.5%"] <= truth) & (truth <= ci["97.5%"])
    assert list(inside[~inside].index) == ["u11:const", "u14:const"]
    assert fit.params["u24:support"] - 1.96 * fit.bse["u24:support"] > 0
    groups = pd.qcut(crises["support"], 5)
    fitted = fit.fitted.groupby(groups, observed=True).mean()
    assert fitted["Pr(concession)"].is_monotonic_decreasing
    assert fitted["Pr(war)"].is_monotonic_increasing and fitted["Pr(status quo)"].is_monotonic_increasing
    observed = pd.crosstab(groups, crises["outcome"], normalize="index")
    first, last = observed.iloc[0], observed.iloc[-1]
    assert last["concession"] < first["concession"] and last["war"] > first["war"]
    assert last["status quo"] > first["status quo"]
