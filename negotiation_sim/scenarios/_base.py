"""What every scenario shares: parameters, solving, sweeping, explaining.

A scenario is a frozen value class whose fields are documented parameters
(:func:`negotiation_sim._params.parameter`), with the article's words behind
each. Subclasses say how to build their game or model (:meth:`Scenario.build`),
which numbers they report (:meth:`Scenario.outcomes`), how to tell the result
in words (:meth:`Scenario.explain_result`) and what to draw (:meth:`Scenario.plot`).

Two rules keep what a student reads true:

- *Outcomes belong to equilibria.* :meth:`Scenario.outcomes_of` computes the
  outcomes (probability of war, payoffs, ...) from ONE equilibrium's
  strategies and beliefs; a result keeps them per equilibrium
  (:attr:`ScenarioResult.equilibrium_outcomes`), and its headline
  :attr:`ScenarioResult.outcomes` describe the equilibrium it names
  (:attr:`ScenarioResult.selected`), which is checked when the result is made.
- *Joint validity.* :meth:`Scenario.validate` rejects every point outside the
  region where the scenario's model holds (constraints between parameters),
  :meth:`Scenario.parameter_range` gives the valid interval of one parameter
  at the others' values, and a sweep gives invalid points a row that says why
  (``valid``, ``invalid_reason``) instead of aborting.
"""

from __future__ import annotations

import contextlib
import functools
import html
import math
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import attrs

from negotiation_sim._params import HasParameters
from negotiation_sim.errors import InvalidParameterError, SolverError, UnknownNameError
from negotiation_sim.solvers.equilibrium import EquilibriumSet, format_prob

__all__ = ["Scenario", "ScenarioResult", "closed_form_equilibria", "independent_of"]

#: How many points of the other parameters :func:`independent_of` keeps a result for, per method.
_KEPT = 32


def independent_of(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a scenario's argument-free method whose result does not depend on the parameters ``names``.

    The result is computed once per point of the scenario's other fields
    (exact values: floats by their bits) and reused for the last
    ``_KEPT`` such points, so that moving one of ``names`` (an explorer's
    slider) does not recompute, for instance, a curve drawn over that
    parameter's whole range. Results must be immutable (tuples, floats).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> sc = ns.scenarios.get("cornered_rat")
    >>> sc.switch_reference() == sc.with_params(reference=0.5).switch_reference()
    True
    """

    def decorate(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def cached(self: Any) -> Any:
            kept: OrderedDict[tuple, Any] = vars(cached)["kept"]
            key = (type(self), *(_exact(getattr(self, f.name)) for f in attrs.fields(type(self))
                                 if f.name not in names))
            try:
                value = kept[key]
            except TypeError:  # an unhashable field: no reuse
                return method(self)
            except KeyError:
                value = kept[key] = method(self)
                if len(kept) > _KEPT:
                    with contextlib.suppress(KeyError):  # (emptied meanwhile by another thread)
                        kept.popitem(last=False)
            else:
                with contextlib.suppress(KeyError):  # (let go meanwhile by another thread)
                    kept.move_to_end(key)
            return value

        vars(cached)["kept"] = OrderedDict()  # the results kept, most recently used last
        return cached

    return decorate


def _exact(value: Any) -> Any:
    """A key for ``value`` that tells apart floats that compare equal (0.0 and -0.0)."""
    return value.hex() if isinstance(value, float) else value


def closed_form_equilibria(note: str = "Solved in closed form.") -> EquilibriumSet:
    """The (empty) equilibrium set of a scenario solved by a published closed form, not a game."""
    return EquilibriumSet([], complete=True, method="closed form", notes=(note,))


def _float_dict(d: Mapping[str, Any]) -> dict[str, float]:
    return {str(k): float(v) for k, v in d.items()}


def _each_equilibrium_outcomes(result: ScenarioResult) -> tuple[dict[str, float], ...]:
    return tuple(_float_dict(result.scenario.outcomes_of(eq)) for eq in result.equilibria)


def _check_selected(result: ScenarioResult, attribute: attrs.Attribute, value: int | None) -> None:
    if value is None:
        return
    n = len(result.equilibria)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < n:
        msg = f"selected must be None or the index of one of the {n} equilibria, got {value!r}"
        raise InvalidParameterError(msg)


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
        The headline numbers: probabilities of war and concession, shares,
        payoffs. With equilibria, they describe the equilibrium
        :attr:`selected` names (and agree with its
        :attr:`equilibrium_outcomes` on every shared name); without, the
        closed form's solution.
    solution : object
        The underlying model's result object, when there is one.
    selected : int or None
        Index in :attr:`equilibria` of the equilibrium the headline outcomes
        describe (e.g. the one a closed form names); None when there is no
        game, or when no single equilibrium is singled out.
    equilibrium_outcomes : tuple of dict
        One mapping per equilibrium, in the order of :attr:`equilibria`:
        the outcomes computed from that equilibrium's own strategies (and
        beliefs) by :meth:`Scenario.outcomes_of`. A sweep's rows carry these.

    Raises
    ------
    SolverError
        When the headline outcomes contradict the selected equilibrium's own
        outcomes (a scenario's bug, never a user's).
    """

    scenario: Any
    equilibria: EquilibriumSet
    outcomes: Mapping[str, float] = attrs.field(converter=_float_dict)
    solution: Any = None
    selected: int | None = attrs.field(default=None, validator=_check_selected)
    equilibrium_outcomes: tuple[dict[str, float], ...] = attrs.field(
        default=attrs.Factory(_each_equilibrium_outcomes, takes_self=True),
        converter=lambda rows: tuple(_float_dict(r) for r in rows),
    )

    def __attrs_post_init__(self) -> None:
        if len(self.equilibrium_outcomes) != len(self.equilibria):
            msg = (f"equilibrium_outcomes must hold one mapping per equilibrium ({len(self.equilibria)}), "
                   f"got {len(self.equilibrium_outcomes)}")
            raise InvalidParameterError(msg)
        if self.selected is None:
            return
        own = self.equilibrium_outcomes[self.selected]
        for name in own.keys() & self.outcomes.keys():
            a, b = self.outcomes[name], own[name]
            if not (math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-9) or (math.isnan(a) and math.isnan(b))):
                msg = (f"{type(self.scenario).__name__}: headline outcome {name}={a!r} contradicts the "
                       f"selected equilibrium {self.selected}, whose strategies give {b!r}")
                raise SolverError(msg)

    @property
    def selected_equilibrium(self) -> Any:
        """The equilibrium the headline outcomes describe, or None."""
        return None if self.selected is None else self.equilibria[self.selected]

    def explain(self) -> str:
        """The result in words, tied back to the article's quotes (quotations within them in single marks)."""
        from negotiation_sim._prose import fix_quotes

        return fix_quotes(self.scenario.explain_result(self))

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
        """Check constraints between parameters (each one's range is checked on its own).

        Raises
        ------
        InvalidParameterError
            At a point outside the scenario's joint valid region, naming the
            parameters and the constraint. Subclasses define the region.
        """

    # -- what subclasses provide --------------------------------------------

    def build(self) -> Any:
        """The game or model the scenario is made of."""
        raise NotImplementedError  # pragma: no cover - subclasses define it

    def solve(self) -> ScenarioResult:
        """Solve the scenario: equilibria and named outcomes."""
        raise NotImplementedError  # pragma: no cover - subclasses define it

    def outcomes_of(self, eq: Any) -> dict[str, float]:
        """The outcomes of ONE equilibrium, computed from its strategies (and beliefs).

        :class:`ScenarioResult` calls it for each equilibrium
        (:attr:`ScenarioResult.equilibrium_outcomes`), and a sweep's rows
        carry what it returns. Scenarios with a game define it; the base
        class reports no outcomes.
        """
        return {}

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

    def is_valid(self, **changes: Any) -> bool:
        """Whether the scenario with ``changes`` lies in its valid region (no error raised)."""
        try:
            self.with_params(**changes)
        except InvalidParameterError:
            return False
        return True

    def parameter_range(self, name: str) -> tuple[float, float]:
        """The valid interval of one parameter at the other parameters' current values.

        The parameter's own range intersected with the joint valid region
        (:meth:`validate`): the interval of values around the current one at
        which the scenario can be built. Found by scanning from the current
        value towards each end of the parameter's range and bisecting the
        first change from valid to invalid to within about ``1e-9`` of the
        parameter's scale; an unbounded side that stays valid up to
        ``1e6`` times the scale is reported as infinite.

        Parameters
        ----------
        name : str
            One of :attr:`parameters`.

        Returns
        -------
        tuple of float
            ``(low, high)``, the closure of the valid interval: an end can
            itself be invalid when the constraint there is strict (as a
            ``low_open`` range is).

        Raises
        ------
        UnknownNameError
            If ``name`` is not a parameter of the scenario.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> sc = ns.scenarios.get("hostage_taker")
        >>> low, high = sc.parameter_range("leverage")
        >>> 0 <= low <= sc.leverage <= high <= 1
        True
        """
        specs = self.specs
        if name not in specs:
            msg = f"unknown parameter {name!r} of {type(self).__name__}; its parameters are {sorted(specs)}"
            raise UnknownNameError(msg)
        spec = specs[name]
        value = float(getattr(self, name))

        def ok(x: float) -> bool:
            return self.is_valid(**{name: int(x) if spec.integer else x})

        return (_valid_end(ok, value, spec.low, spec.integer, -1.0),
                _valid_end(ok, value, spec.high, spec.integer, +1.0))

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
        from negotiation_sim.analysis._sweep import sweep

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


#: How far an unbounded side of a parameter is searched, in units of its scale.
_SEARCH_SPAN = 1e6


def _valid_end(ok: Callable[[float], bool], value: float, bound: float, integer: bool, direction: float) -> float:
    """The end of the valid interval around ``value`` on one side (``direction`` -1 or +1).

    ``ok(value)`` is true. Steps out from ``value`` (geometrically towards an
    infinite ``bound``, in 16 equal steps towards a finite one) until a value
    is invalid or the bound is reached, then bisects between the last valid
    and the first invalid value.
    """
    scale = max(1.0, abs(value))
    if math.isinf(bound):
        inside, step = value, scale
        while True:
            trial = value + direction * step
            if not ok(trial):
                outside = trial
                break
            inside = trial
            if step > _SEARCH_SPAN * scale:
                return direction * math.inf
            step *= 4.0
    else:
        if ok(bound):
            return float(bound)
        inside, outside = value, float(bound)
        for k in range(1, 16):
            trial = value + (bound - value) * k / 16
            if not ok(trial):
                outside = trial
                break
            inside = trial
    if integer:
        lo, hi = int(inside), int(outside)
        while abs(hi - lo) > 1:
            middle = (lo + hi) // 2
            if ok(middle):
                lo = middle
            else:
                hi = middle
        return float(lo)
    tol = 1e-9 * max(scale, abs(outside))
    while abs(outside - inside) > tol:
        mid = 0.5 * (inside + outside)
        if ok(mid):
            inside = mid
        else:
            outside = mid
    return float(outside)
