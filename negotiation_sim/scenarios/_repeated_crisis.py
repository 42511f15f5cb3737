"""The repeated crisis: a long-lived Russia meets the West in the same standoff, crisis after crisis.

"We see an unprecedented level of support for Ukraine (a level which, had it
been shown in 2014, would have avoided the annexation of Crimea ...)". The
reputation scenario (``reputation``) lets the West face short-lived
challengers (Kreps and Wilson); here Russia is long-lived: the border
standoff (Chicken, :func:`negotiation_sim.scenarios.border_standoff`) is
played again and again (2014, now, ...) and both discount the next crisis
by ``delta``. :class:`negotiation_sim.models.RepeatedCrisis` gives the
patience at which grim trigger sustains mutual restraint (both back down:
the status quo) and the set of subgame-perfect payoffs.

With the standoff's payoffs, a Russia that holds firm against a restrained
West gains ``stake`` once; the harshest stage equilibrium for it is the one
in which it backs down against a firm West (``-russia_audience_cost``), so it
needs ``delta >= stake / (stake + russia_audience_cost)``. NATO gains its
``nato_concession_cost`` by holding firm against a restrained Russia and is
punished by ``-nato_concession_cost``: it needs ``delta >= 1/2``.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import (
    NATO,
    Q_1997,
    Q_2014,
    Q_COLDLY,
    Q_NO_CONCESSIONS,
    Q_SPHERE,
    Russia,
    standoff_game,
)
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["LongLivedChallenger", "repeated_crisis"]

_R, _N = Russia(), NATO()
RESTRAINT = ("Back down", "Back down")


@attrs.frozen(repr=False)
class LongLivedChallenger(Scenario):
    """The border standoff repeated forever between a long-lived Russia and the West.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.repeated_crisis().solve().outcomes
    >>> round(out["restraint_threshold"], 4), out["restraint_sustained"]   # stake / (stake + audience cost)
    (0.6667, 1.0)
    """

    name = "repeated_crisis"
    title = "The repeated crisis: a long-lived challenger, crisis after crisis"
    quote = Q_2014

    delta: float = parameter(
        0.8, doc="weight of the next crisis relative to this one (both sides; at most 0.99: the SPE set's "
        "iterations grow like 1/(1 - delta))", low=0, high=0.99, low_open=True, quote=Q_2014,
    )
    stake: float = parameter(_R.stake, doc="value to Russia of NATO backing down", low=0, low_open=True, quote=Q_1997)
    russia_war_cost: float = parameter(_R.war_cost, doc="Russia's cost of war", low=0, quote=Q_COLDLY)
    nato_war_cost: float = parameter(_N.war_cost, doc="NATO's cost of war", low=0, quote=Q_COLDLY)
    russia_audience_cost: float = parameter(
        _R.audience_cost, doc="Russia's cost of backing down", low=0, low_open=True, quote=Q_NO_CONCESSIONS
    )
    nato_concession_cost: float = parameter(
        _N.concession_cost, doc="NATO's cost of backing down (and its gain if Russia does)", low=0, low_open=True,
        quote=Q_SPHERE,
    )

    def parameter_range(self, name: str) -> tuple[float, float]:
        """The valid interval of one parameter at the others' values, in closed form (see :meth:`validate`).

        ``russia_audience_cost`` in ``(0, russia_war_cost)``, ``russia_war_cost`` in
        ``(russia_audience_cost, inf)``, ``nato_concession_cost`` in ``(0, nato_war_cost)``,
        ``nato_war_cost`` in ``(nato_concession_cost, inf)``; ``delta`` in ``(0, 0.99]`` and ``stake``
        in ``(0, inf)``, their own ranges. Returned as closures ``(low, high)``.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> ns.scenarios.repeated_crisis().parameter_range("russia_audience_cost")
        (0.0, 0.6)
        """
        bounds = {
            "russia_audience_cost": (0.0, self.russia_war_cost),
            "russia_war_cost": (self.russia_audience_cost, np.inf),
            "nato_concession_cost": (0.0, self.nato_war_cost),
            "nato_war_cost": (self.nato_concession_cost, np.inf),
        }
        if name in bounds:
            low, high = bounds[name]
            return float(low), float(high)
        if name in ("delta", "stake"):  # no joint constraint: the parameter's own range
            spec = self.specs[name]
            return float(spec.low), float(spec.high)
        return super().parameter_range(name)

    def validate(self) -> None:
        """Each side must prefer backing down to war (the stage game is Chicken), as in the standoff."""
        if not self.russia_audience_cost < self.russia_war_cost:
            msg = (f"russia_audience_cost ({self.russia_audience_cost!r}) must be below russia_war_cost "
                   f"({self.russia_war_cost!r}): otherwise holding firm is dominant for Russia and there is "
                   "no restraint to sustain")
            raise InvalidParameterError(msg)
        if not self.nato_concession_cost < self.nato_war_cost:
            msg = (f"nato_concession_cost ({self.nato_concession_cost!r}) must be below nato_war_cost "
                   f"({self.nato_war_cost!r}): otherwise holding firm is dominant for NATO")
            raise InvalidParameterError(msg)

    def build(self):
        """The :class:`negotiation_sim.models.RepeatedCrisis` of the standoff game."""
        from negotiation_sim.models import RepeatedCrisis

        game = standoff_game(
            (self.stake, -self.russia_war_cost, -self.russia_audience_cost),
            (self.nato_concession_cost, -self.nato_war_cost, -self.nato_concession_cost),
            players=("Russia", "NATO"), title="border standoff",
        )
        return RepeatedCrisis(game, self.delta)

    def thresholds(self) -> tuple[float, float]:
        """Russia's and NATO's grim-trigger thresholds for mutual restraint, in closed form."""
        return self.stake / (self.stake + self.russia_audience_cost), 0.5

    def solve(self) -> ScenarioResult:
        """Thresholds for mutual restraint and the bounds of the SPE payoff set."""
        model = self.build()
        sol = model.solve()
        thr = model.grim_trigger_threshold(RESTRAINT)
        outcomes = {
            "restraint_threshold": thr,
            "restraint_threshold_minmax": model.grim_trigger_threshold(RESTRAINT, punishment="minmax"),
            "restraint_sustained": float(self.delta >= thr),
            "russia_worst": sol.worst[0], "russia_best": sol.best[0],
            "nato_worst": sol.worst[1], "nato_best": sol.best[1],
            "n_vertices": len(sol.vertices),
        }
        eqs = closed_form_equilibria("The SPE payoff set is a region (APS's operator), not a list of equilibria.")
        return ScenarioResult(self, eqs, outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        t_r, t_n = self.thresholds()
        verdict = ("is sustained: a deviation would trigger the stage equilibrium worst for the deviator"
                   if o["restraint_sustained"] else "cannot be sustained: the future weighs too little against "
                   "the one-time gain from holding firm")
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d Russia is long-lived: the same standoff recurs, and the next "
            f"crisis weighs {format_prob(self.delta)} of this one.",
            f"Grim trigger sustains mutual restraint (both back down) for every discount factor of at least "
            f"{format_prob(o['restraint_threshold'])}: Russia needs stake / (stake + audience cost) = "
            f"{format_prob(t_r)}, NATO needs {format_prob(t_n)}.",
            f"At {format_prob(self.delta)} restraint {verdict}.",
            f"The subgame-perfect payoffs form a region with {int(o['n_vertices'])} vertices: Russia gets between "
            f"{format_prob(o['russia_worst'])} and {format_prob(o['russia_best'])}, NATO between "
            f"{format_prob(o['nato_worst'])} and {format_prob(o['nato_best'])}.",
            "What would change it: a discount factor below the threshold ends restraint; a higher cost of backing "
            "down for Russia lowers Russia's threshold, a larger stake raises it.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    def plot(self, ax: Any = None, **kwargs: Any):
        """The SPE payoff region inside the feasible and individually rational sets."""
        from negotiation_sim.plotting.time import spe_region

        return spe_region(self.build(), ax=ax, **kwargs)


def repeated_crisis(**params: Any) -> LongLivedChallenger:
    """The repeated-crisis scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.repeated_crisis(delta=0.5).solve().outcomes["restraint_sustained"]
    0.0
    """
    return LongLivedChallenger(**params)
