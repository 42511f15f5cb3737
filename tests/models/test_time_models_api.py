"""The second-wave models of time and commitment: API.md's names and signatures, and describe() texts."""

import inspect

import numpy as np
import pytest

import negotiation_sim as ns


def test_api_md_signatures():
    """RepeatedCrisis(stage_game, delta); ProspectCrisis's published defaults; value and weight(p, gain=True)."""
    params = inspect.signature(ns.models.RepeatedCrisis).parameters
    assert list(params)[:2] == ["stage_game", "delta"]
    pc = inspect.signature(ns.models.ProspectCrisis).parameters
    assert {k: pc[k].default for k in ("alpha", "beta", "loss_aversion", "gamma", "delta")} == {
        "alpha": 0.88, "beta": 0.88, "loss_aversion": 2.25, "gamma": 0.61, "delta": 0.69}
    assert inspect.signature(ns.models.ProspectCrisis.weight).parameters["gain"].default is True
    for name in ("Screening", "Indivisibility", "RepeatedCrisis", "ProspectCrisis"):
        assert name in ns.models.__all__


def test_equilibrium_payoffs_shape_and_orientation():
    """An array (k, 2), counter-clockwise (positive signed area), read-only."""
    g = ns.scenarios.repeated_crisis().build().stage_game
    v = ns.models.RepeatedCrisis(g, 0.8).equilibrium_payoffs()
    x, y = v[:, 0], v[:, 1]
    assert v.shape[1] == 2 and 0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y) > 0
    with pytest.raises(ValueError):
        v[0, 0] = 1.0


def test_describe_texts_state_the_results():
    """Each result's describe() carries its own numbers (formatted to 4 significant digits)."""
    r = ns.models.Screening(delta=0.8, n_rounds=3).solve()
    text = r.describe()
    assert all(f"{x:.4g}" in text for x in r.offers) and f"{r.p_war:.4g}" in text
    i = ns.models.Indivisibility(0.5, 0.1, 0.1).solve()
    assert "[0.4, 0.6]" in i.describe() and "leads to war" in i.describe()
    assert "a deal exists" in ns.models.Indivisibility(0.5, 0.1, 0.1, divisions=(0.0, 0.5, 1.0)).solve().describe()
    p = ns.models.ProspectCrisis((100.0, 0.0), (0.5, 0.5), sure=50.0).solve()
    assert "takes the sure outcome" in p.describe() and "risk averse" in p.describe()
    g = ns.scenarios.repeated_crisis().build().stage_game
    rc = ns.models.RepeatedCrisis(g, 0.8).solve()
    assert "3 vertices" in rc.describe() and "Russia gets between -0.5 and 1" in rc.describe()
    res = ns.models.ProspectCrisis((1.0, -2.0), (0.3, 0.7), sure=-0.6).resurrection(3.0, 0.0)
    assert "gambles for resurrection" in res.describe()
