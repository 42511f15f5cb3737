"""The estimation names of API.md ("estimation (ns.estimate)"), and invariants of the trees' probabilities."""

import inspect
import subprocess
import sys

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

import negotiation_sim as ns
from negotiation_sim.estimate import _data, _likelihood
from negotiation_sim.estimate.trees import GAMES


def test_signatures_and_result_fields():
    """strategic_logit(data, outcome, utilities, game="egame12", link="logit"), qre_fit(game, counts), simulate."""
    sig = inspect.signature(ns.estimate.strategic_logit)
    assert list(sig.parameters)[:5] == ["data", "outcome", "utilities", "game", "link"]
    assert sig.parameters["game"].default == "egame12" and sig.parameters["link"].default == "logit"
    assert list(inspect.signature(ns.estimate.qre_fit).parameters)[:2] == ["game", "counts"]
    assert callable(ns.estimate.simulate)
    df = ns.estimate.simulate({"u1:const": 0.2, "u1:x": 1.0}, n=300, game="one_decision", rng=2)
    fit = ns.estimate.strategic_logit(df, "outcome", {"u1": ["x"]}, game="one_decision")
    assert isinstance(fit.params, pd.Series) and list(fit.params.index) == ["u1:const", "u1:x"]
    assert isinstance(fit.bse, pd.Series) and isinstance(fit.llf, float) and hasattr(fit.summary(), "_repr_html_")
    q = ns.estimate.qre_fit(ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]), [[20, 40], [25, 35]])
    assert isinstance(q.lam, float) and isinstance(q.llf, float)


def test_import_does_not_load_scipy_stats():
    """import negotiation_sim (which imports ns.estimate) leaves scipy.stats unloaded."""
    code = "import sys, negotiation_sim; print('scipy.stats' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "False"


@settings(max_examples=60, deadline=None)
@given(game=st.sampled_from(sorted(GAMES)), link=st.sampled_from(["logit", "probit"]),
       values=st.lists(st.floats(-30, 30, allow_nan=False), min_size=8, max_size=8))
def test_outcome_probabilities_are_a_distribution(game, link, values):
    """For any utilities, outcome chances lie in [0, 1] and sum to 1; each path product matches exp(log)."""
    spec = GAMES[game]
    utils = {u: () for u in spec.utilities}
    design = _data.build_design(pd.DataFrame(index=range(1)), utils, check=False)
    beta = np.array(values[: len(spec.utilities)])
    ev = _likelihood.evaluate(spec, design, beta, link, grad=False)
    p = _likelihood.outcome_probabilities(spec, ev)
    assert np.all((p >= 0) & (p <= 1)) and abs(p.sum() - 1) < 1e-12
    if game == "one_decision" and link == "logit":
        assert abs(p[0, 1] - expit(beta[0])) < 1e-15
