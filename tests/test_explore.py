"""The notebook explorer: sliders re-solve and redraw; a clear message without ipywidgets."""

import sys

import pytest

import negotiation_sim as ns
from negotiation_sim.errors import MissingDependencyError, UnknownNameError

pytest.importorskip("ipywidgets")


def test_moving_a_slider_resolves_the_scenario():
    """Setting a slider changes the scenario, its result and redraws once."""
    explorer = ns.explore(ns.scenarios.get("hostage_taker"))
    assert explorer.n_redraws == 1
    assert explorer.result.solution.kind == "semi-separating"
    explorer.set(leverage=0.7)
    assert explorer.scenario.leverage == pytest.approx(0.7)
    assert explorer.result.solution.kind == "pooling"
    assert explorer.n_redraws == 2


@pytest.mark.parametrize("name", ns.scenarios.names())
def test_every_scenario_gets_sliders_within_its_ranges(name):
    """Each parameter gets a slider whose range lies inside the parameter's range."""
    scenario = ns.scenarios.get(name)
    explorer = ns.explore(scenario)
    for pname, slider in explorer.sliders.items():
        spec = scenario.specs[pname]
        assert spec.low <= slider.min <= slider.value <= slider.max <= spec.high


def test_unknown_slider_names():
    """Unknown parameter names are refused, naming them."""
    with pytest.raises(UnknownNameError, match="nope"):
        ns.explore(ns.scenarios.get("hostage_taker"), parameters=["nope"])
    explorer = ns.explore(ns.scenarios.get("hostage_taker"), parameters=["leverage"])
    with pytest.raises(UnknownNameError, match="stake"):
        explorer.set(stake=2.0)


def test_without_ipywidgets_the_error_names_the_extra(monkeypatch):
    """A missing ipywidgets gives MissingDependencyError naming the [notebook] extra."""
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(MissingDependencyError, match=r"\[notebook\]"):
        ns.explore(ns.scenarios.get("hostage_taker"))


def test_redraw_renders_a_png_outside_a_notebook(capsys):
    """Outside a kernel the redraw renders the figure to PNG bytes and prints nothing."""
    explorer = ns.explore(ns.scenarios.get("reputation"))
    explorer.set(prior=0.5)
    assert explorer.last_png[:8] == b"\x89PNG\r\n\x1a\n"
    assert capsys.readouterr().out == ""
