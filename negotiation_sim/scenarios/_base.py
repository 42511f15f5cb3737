"""What every scenario shares: parameters, solving, sweeping, explaining.

A scenario is a frozen value class whose fields are documented parameters
(:func:`negotiation_sim._params.parameter`), with the article's words behind
each. Subclasses say how to build their game or model (:meth:`Scenario.build`),
which numbers they report (:meth:`Scenario.outcomes`), how to tell the result
in words (:meth:`Scenario.explain_result`) and what to draw (:meth:`Scenario.plot`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from negotiation_sim._params import HasParameters
from negotiation_sim.solvers.equilibrium import EquilibriumSet, format_prob

__all__ = ["Scenario", "ScenarioResult", "closed_form_equilibria"]


def closed_form_equilibria(note: str = "Solved in closed form.") -> EquilibriumSet:
    """The (empty) equilibrium set of a scenario solved by a published closed form, not a game."""
    return EquilibriumSet([], complete=True, method="closed form", notes=(note,))


@attrs.frozen(eq=False, repr=False)
class ScenarioResult:
    """The solved scenario: its equilibria, named outcomes and an explanation.

    Attributes
    ----------
    scenario : Scenario
        The scenario that was solved (with its parameters).
    equilibria : EquilibriumSet
        The equilibria of the game the scenario builds (empty for models
        solved in closed form without a game).
    outcomes : dict of str to float
        Named numbers: probabilities of war and concession, shares, payoffs.
    solution : object
        The underlying model's result object, when there is one.
    """

    scenario: Any
    equilibria: EquilibriumSet
    outcomes: Mapping[str, float] = attrs.field(converter=lambda d: {k: float(v) for k, v in d.items()})
    solution: Any = None

    def explain(self) -> str:
        """The result in words, tied back to the article's quotes."""
        return self.scenario.explain_result(self)

    def __repr__(self) -> str:
        outs = ", ".join(f"{k}={format_prob(v)}" for k, v in self.outcomes.items())
        return f"ScenarioResult({self.scenario.name!r}, {outs}, equilibria={len(self.equilibria)})"

    def to_latex(self, *, document: bool = False) -> str:
        """The result as a LaTeX section (:func:`negotiation_sim.latex.result_to_latex`)."""
        from negotiation_sim.latex import result_to_latex

        return result_to_latex(self, document=document)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{format_prob(v)}</td></tr>" for k, v in self.outcomes.items()
        )
        parts = [
            f"<h4>{html.escape(self.scenario.title)}</h4>",
            f"<table><tr><th>outcome</th><th>value</th></tr>{rows}</table>",
        ]
        if len(self.equilibria):
            parts.append(self.equilibria._repr_html_())
        parts.append("<p>" + html.escape(self.explain()).replace("\n", "<br>") + "</p>")
        return "".join(parts)


@attrs.frozen
class Scenario(HasParameters):
    """Base class of the article's scenarios.

    Class attributes
    ----------------
    name : str
        The registry name (``ns.scenarios.get(name)``).
    title : str
        A one-line title.
    quote : str
        The article's sentence the scenario is built on.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> sc = ns.scenarios.get("border_standoff")
    >>> isinstance(sc, ns.scenarios.Scenario), sorted(sc.parameters)[:2]
    (True, ['nato_concession_cost', 'nato_war_cost'])
    >>> res = sc.with_params(russia_war_cost=0.3).solve()
    >>> res.outcomes["n_equilibria"]
    1.0
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    quote: ClassVar[str] = ""

    def __attrs_post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check constraints between parameters (each one's range is checked on its own)."""

    # -- what subclasses provide --------------------------------------------

    def build(self) -> Any:
        """The game or model the scenario is made of."""
        raise NotImplementedError  # pragma: no cover - subclasses define it

    def solve(self) -> ScenarioResult:
        """Solve the scenario: equilibria and named outcomes."""
        raise NotImplementedError  # pragma: no cover - subclasses define it

    def explain_result(self, result: ScenarioResult) -> str:
        """The words of :meth:`ScenarioResult.explain`."""
        raise NotImplementedError  # pragma: no cover - subclasses define it

    def plot(self, ax: Any = None, **kwargs: Any):
        """Draw the scenario's main plot and return the Axes."""
        raise NotImplementedError  # pragma: no cover - subclasses define it

    # -- shared behaviour ---------------------------------------------------

    def explain(self) -> str:
        """Solve and explain (a shortcut for ``solve().explain()``)."""
        return self.solve().explain()

    def sweep(self, progress: bool = True, executor: Any = None, **grid: Any):
        """Sweep parameters over a grid: a tidy DataFrame, one row per (point, equilibrium).

        Parameters
        ----------
        progress : bool
            Show a progress bar.
        executor : concurrent.futures.Executor, optional
            Split the grid into chunks run on it (a dask Client works too).
        **grid : array_like
            One 1-D array per parameter to sweep; the Cartesian product is
            swept. The options ``chunksize``, ``out`` and ``reduce`` of
            :func:`negotiation_sim.sweep` are passed on to it (``out`` and
            ``reduce`` stream a grid too large for memory).
        """
        from negotiation_sim.analysis.sweep import sweep

        options = {k: grid.pop(k) for k in ("chunksize", "out", "reduce") if k in grid}
        return sweep(self.with_params, progress=progress, executor=executor, **options, **grid)

    def to_html(self, path: Any, **options: Any) -> Any:
        """Write a self-contained HTML page with sliders for students (:func:`negotiation_sim.page.write_page`)."""
        from negotiation_sim.page import write_page

        return write_page(self, path, **options)

    def provenance_text(self) -> str:
        """One line per parameter: its value and the article's words behind it."""
        lines = []
        for name, spec in self.specs.items():
            lines.append(f"- {name} = {format_prob(getattr(self, name))} ({spec.doc}): {spec.provenance}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={format_prob(v)}" for k, v in self.parameters.items())
        return f"{type(self).__name__}({args})"
