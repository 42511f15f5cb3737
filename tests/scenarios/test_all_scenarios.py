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
    """names() lists the nine scenarios of MODELS.md first, in its order (second-wave scenarios follow)."""
    assert NAMES[:9] == [
        "hostage_taker", "border_standoff", "maximal_demand", "marathon_talks", "mediation",
        "coalition_unity", "security_order", "reputation", "european_crisis",
    ]
    assert {"troops_signal", "feasible_suggestions", "french_public", "public_private"} <= set(NAMES)
    assert {"repeated_crisis", "six_hours", "donbas_commitment", "cornered_rat"} <= set(NAMES[9:])


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
    """A small sweep over the first parameter: one row per (point, equilibrium), each with its own outcomes."""
    sc = ns.scenarios.get(name)
    pname, value = next(iter(sc.parameters.items()))
    spec = sc.specs[pname]
    grid = [value] if spec.integer else [value, value * 0.99 if value else 0.01]
    df = sc.sweep(progress=False, **{pname: grid})
    assert isinstance(df, pd.DataFrame) and pname in df.columns
    assert df["valid"].all() and (df["invalid_reason"] == "").all()
    res = sc.solve()
    at_default = df[df[pname] == value]
    if len(res.equilibria):
        # Outcomes belong to equilibria: every row carries its own equilibrium's outcomes, and the
        # headline outcomes sit on the selected row only.
        assert len(at_default) == len(res.equilibria)
        own = set().union(*res.equilibrium_outcomes)
        assert own, f"{name} defines no outcomes_of(eq): its rows would carry no outcomes"
        assert own <= set(df.columns)
        for outs in res.equilibrium_outcomes:
            assert sorted(outs) == sorted(own), "every equilibrium reports the same outcome names"
        assert at_default["selected"].sum() == (res.selected is not None)
    else:
        assert len(at_default) == 1 and set(res.outcomes) <= set(df.columns)


def _documented_grid(spec, value, n=21):
    """n points across the documented range (an infinite side cut at 3x the default), with the default
    and its 1% neighbours."""
    low = spec.low if np.isfinite(spec.low) else min(-1.0, value - 3 * abs(value) - 1)
    high = spec.high if np.isfinite(spec.high) else max(3 * abs(value), value + 2.0)
    grid = np.linspace(low, high, n)
    if spec.low_open:
        grid[0] = low + 1e-6 * max(1.0, abs(low))
    if spec.high_open:
        grid[-1] = high - 1e-6 * max(1.0, abs(high))
    near = [value, value * 0.99, value * 1.01] if value else [value, 0.01, -0.01]
    near = [v for v in near if (spec.low < v or (v == spec.low and not spec.low_open))
            and (v < spec.high or (v == spec.high and not spec.high_open))]
    grid = np.unique(np.concatenate([grid, near]))
    return np.unique(np.round(grid)) if spec.integer else grid


def _params(name):
    sc = ns.scenarios.get(name)
    return [(name, p) for p in sc.specs]


@pytest.mark.parametrize(("name", "pname"), [c for n in NAMES for c in _params(n)])
def test_sweep_across_the_documented_range_never_aborts(name, pname):
    """Each parameter swept across its documented range at the other defaults returns a frame; points
    outside the joint valid region say why; the default's neighbourhood is valid."""
    sc = ns.scenarios.get(name)
    spec, value = sc.specs[pname], getattr(sc, pname)
    grid = _documented_grid(spec, value, n=9 if name in ("european_crisis", "mediation") else 21)
    df = sc.sweep(progress=False, **{pname: grid})
    assert {"valid", "invalid_reason"} <= set(df.columns)
    assert set(df[pname]) == set(grid.tolist())
    low, high = sc.parameter_range(pname)
    for x, rows in df.groupby(pname):
        valid = bool(rows["valid"].iloc[0])
        assert (rows["valid"] == valid).all()
        assert valid == sc.is_valid(**{pname: x}), (pname, x)
        if valid:
            assert (rows["invalid_reason"] == "").all()
        else:
            assert len(rows) == 1 and rows["invalid_reason"].iloc[0]
    near = df[np.isclose(df[pname], value, rtol=0.011, atol=0.011)]
    assert near["valid"].all(), near[[pname, "invalid_reason"]]


@pytest.mark.parametrize(("name", "pname"), [c for n in NAMES for c in _params(n)])
def test_defaults_lie_strictly_inside_the_valid_interval(name, pname):
    """parameter_range brackets the default strictly (off every knife-edge), and its ends are where
    validity changes: just inside is valid, just outside is not (or the documented range ends)."""
    sc = ns.scenarios.get(name)
    spec, value = sc.specs[pname], getattr(sc, pname)
    low, high = sc.parameter_range(pname)
    if spec.integer:  # a count (allies, a quota) may sit at an end of its range without a knife-edge
        assert low <= value <= high, (pname, low, value, high)
    else:
        assert low < value < high, (pname, low, value, high)
    step = 1.0 if spec.integer else 1e-6 * max(1.0, abs(value))
    for end, inward in ((low, +1), (high, -1)):
        if not np.isfinite(end):
            continue
        assert sc.is_valid(**{pname: end + inward * step})
        outside = end - inward * step
        in_documented = spec.low <= outside <= spec.high
        if in_documented and not (spec.integer and outside != round(outside)):
            assert not sc.is_valid(**{pname: outside}), (pname, outside)


@pytest.mark.parametrize("name", NAMES)
def test_explanation_reads_as_prose(name):
    """No Python notation (``**``) and no doubled or nested double quotation marks in what a student reads."""
    sc = ns.scenarios.get(name)
    texts = [sc.solve().explain(), *sc.provenance.values()]
    for text in texts:
        assert "**" not in text
        assert "\u201c\u201c" not in text and "\u201d\u201d" not in text
