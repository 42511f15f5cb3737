"""The notebook explorer: sliders for a scenario's parameters, a plot and a table that follow them.

Needs the ``[notebook]`` extra (ipywidgets). In a notebook::

    import negotiation_sim as ns
    ns.explore(ns.scenarios.get("hostage_taker"))
"""

from __future__ import annotations

import math
from typing import Any

from negotiation_sim._params import ParamSpec
from negotiation_sim.errors import MissingDependencyError, UnknownNameError

__all__ = ["explore", "Explorer", "slider_range"]


def slider_range(spec: ParamSpec, value: float) -> tuple[float, float, float]:
    """``(min, max, step)`` of a slider for a parameter: its range, made finite and closed.

    An open bound is moved in by one step; an unbounded side extends to three
    times the current value (at least 1 away from the other end).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> spec = ns.actors.Russia().specs["patience"]
    >>> slider_range(spec, 0.8)
    (0.01, 0.99, 0.01)
    """
    low = spec.low if math.isfinite(spec.low) else min(0.0, value - max(1.0, 3 * abs(value)))
    high = spec.high if math.isfinite(spec.high) else max(low + 1.0, 3 * abs(value), value + 1.0)
    step = 1.0 if spec.integer else round((high - low) / 100, 12)
    if spec.low_open:
        low += step
    if spec.high_open:
        high -= step
    return (round(low, 12), round(high, 12), step)


class Explorer:
    """Sliders for a scenario's parameters, with its main plot and equilibria redrawn on every change.

    Parameters
    ----------
    scenario : Scenario
        The scenario to explore (its current parameters are the sliders' start).
    parameters : sequence of str, optional
        Which parameters get a slider (default: all).

    Attributes
    ----------
    scenario : Scenario
        The scenario at the sliders' current values.
    result : ScenarioResult
        Its solution, recomputed on every change.
    widget : ipywidgets.VBox
        What the notebook displays.
    """

    def __init__(self, scenario: Any, parameters: Any = None) -> None:
        try:
            import ipywidgets as widgets
        except ImportError:
            msg = "ns.explore needs ipywidgets; install the notebook extra: pip install 'negotiation-sim[notebook]'"
            raise MissingDependencyError(msg) from None
        specs = scenario.specs
        chosen = list(specs) if parameters is None else list(parameters)
        for name in chosen:
            if name not in specs:
                msg = f"unknown parameter {name!r} of {type(scenario).__name__}; its parameters are {sorted(specs)}"
                raise UnknownNameError(msg)
        self.scenario = scenario
        self.sliders: dict[str, Any] = {}
        for name in chosen:
            value = getattr(scenario, name)
            low, high, step = slider_range(specs[name], value)
            cls = widgets.IntSlider if specs[name].integer else widgets.FloatSlider
            slider = cls(value=min(max(value, low), high), min=low, max=high, step=step,
                         description=name, continuous_update=False, style={"description_width": "initial"},
                         tooltip=specs[name].doc)
            slider.observe(self._on_change, names="value")
            self.sliders[name] = slider
        self.output = widgets.Output()
        self.widget = widgets.VBox([widgets.HTML(f"<b>{scenario.title}</b>"), *self.sliders.values(), self.output])
        self.n_redraws = 0
        self.result = None
        self.last_png: bytes | None = None
        self.redraw()

    def _on_change(self, change: Any) -> None:
        self.scenario = self.scenario.with_params(**{k: s.value for k, s in self.sliders.items()})
        self.redraw()

    def set(self, **params: Any) -> None:
        """Move sliders programmatically (as a user would), which re-solves and redraws."""
        for name, value in params.items():
            if name not in self.sliders:
                msg = f"no slider for {name!r}; the sliders are {sorted(self.sliders)}"
                raise UnknownNameError(msg)
            self.sliders[name].value = value

    def redraw(self) -> None:
        """Re-solve the scenario and redraw its plot and equilibrium table.

        In a notebook the figure and table go to the widget's output area.
        Elsewhere (scripts, tests, timing) the figure is rendered to PNG bytes
        kept in :attr:`last_png`, so that nothing is printed and the work done
        is the same as a notebook's.
        """
        import io

        import matplotlib.pyplot as plt

        self.result = self.scenario.solve()
        fig, ax = plt.subplots(figsize=(6, 4))
        self.scenario.plot(ax=ax)
        if _in_notebook():
            from IPython.display import HTML, display

            with self.output:
                self.output.clear_output(wait=True)
                display(fig)
                display(HTML(self.result._repr_html_()))
        else:
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png")
            self.last_png = buffer.getvalue()
        plt.close(fig)
        self.n_redraws += 1

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def _in_notebook() -> bool:
    """Whether we run inside an IPython kernel (where widgets can show output)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets depends on IPython
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def explore(scenario: Any, parameters: Any = None) -> Explorer:
    """Sliders for ``scenario``'s parameters; its plot and equilibria follow them.

    Parameters
    ----------
    scenario : Scenario
        For example ``ns.scenarios.get("hostage_taker")``.
    parameters : sequence of str, optional
        Which parameters get a slider (default: all).

    Returns
    -------
    Explorer
        Displays itself in a notebook.

    Raises
    ------
    MissingDependencyError
        Without ipywidgets, naming the ``[notebook]`` extra.

    Examples
    --------
    In a notebook the explorer displays itself; moving a slider (here by
    code) re-solves the scenario and redraws it:

    >>> import negotiation_sim as ns
    >>> explorer = ns.explore(ns.scenarios.get("hostage_taker"), parameters=["leverage"])
    >>> explorer.set(leverage=0.6)
    >>> explorer.result.solution.kind
    'pooling'
    """
    return Explorer(scenario, parameters)
