"""What every scenario promises: parameters with provenance, solve, explain, plot, sweep."""

from pathlib import Path

import matplotlib.axes
import numpy as np
import pandas as pd
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, UnknownNameError

ARTICLE = (Path(ns.__file__).parent / "data" / "article.txt").read_text(encoding="utf-8")
NAMES = ns.scenarios.names()


def test_the_nine_scenarios_of_the_design():
    """names() lists the nine scenarios of MODELS.md, in its order."""
    assert NAMES == [
        "hostage_taker", "border_standoff", "maximal_demand", "marathon_talks", "mediation",
        "coalition_unity", "security_order", "reputation", "european_crisis",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_parameters_have_provenance(name):
    """Every parameter quotes the article verbatim or is marked as a modelling assumption."""
    sc = ns.scenarios.get(name)
    assert sc.quote in ARTICLE
    for pname, spec in sc.specs.items():
        assert (spec.quote and spec.quote in ARTICLE) or spec.note, f"{name}.{pname}"


@pytest.mark.parametrize("name", NAMES)
def test_solve_explain_and_plot(name):
    """Solving gives finite outcomes; the explanation quotes the article; plot returns the Axes given."""
    import matplotlib.pyplot as plt

    sc = ns.scenarios.get(name)
    res = sc.solve()
    assert res.outcomes and all(np.isfinite(v) for v in res.outcomes.values())
    for eq in res.equilibria:
        assert eq.regret <= eq.tol
    text = res.explain()
    assert sc.quote in text and "What would change it" in text
    _, ax = plt.subplots()
    assert sc.plot(ax=ax) is ax
    assert isinstance(sc.plot(), matplotlib.axes.Axes)
    assert "<table>" in res._repr_html_()


@pytest.mark.parametrize("name", NAMES)
def test_with_params_validates(name):
    """Unknown names and out-of-range values are refused with the parameter's name."""
    sc = ns.scenarios.get(name)
    with pytest.raises(UnknownNameError, match="no_such_parameter"):
        sc.with_params(no_such_parameter=1.0)
    pname, spec = next((k, s) for k, s in sc.specs.items() if np.isfinite(s.low))
    with pytest.raises(InvalidParameterError, match=pname):
        sc.with_params(**{pname: spec.low - 1})


@pytest.mark.parametrize("name", NAMES)
def test_sweep_returns_tidy_frame(name):
    """A small sweep over the first parameter gives one row per (point, equilibrium) with outcomes."""
    sc = ns.scenarios.get(name)
    pname, value = next(iter(sc.parameters.items()))
    spec = sc.specs[pname]
    grid = [value] if spec.integer else [value, value * 0.99 if value else 0.01]
    df = sc.sweep(progress=False, **{pname: grid})
    assert isinstance(df, pd.DataFrame) and pname in df.columns
    assert set(sc.solve().outcomes) <= set(df.columns)
