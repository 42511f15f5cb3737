"""The time machine: the commitment problem behind a demand to return to the 1997 order.

"Putin's permanent hope is that this time machine could return things to the
moment in 1997." A power whose relative strength is falling (from
``p_now`` to ``p_later``) fears that whatever it is promised today will not be
honoured once it is weaker: no one can commit to it. It fights now iff
``delta (p_now - p_later) - (1 - delta)(1 - p_now) > (1 - delta)**2 cost``
(Fearon 1995; :class:`negotiation_sim.models.PreventiveWar`).
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_COLDLY, Q_TIME_MACHINE, Q_TORTURE, Q_TROOPS, Russia
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["SecurityOrder", "security_order"]


@attrs.frozen(repr=False)
class SecurityOrder(Scenario):
    """Preventive war as a commitment problem for a declining power.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.security_order().solve().outcomes["war"]
    0.0
    >>> ns.scenarios.security_order(p_later=0.3).solve().outcomes["war"]
    1.0
    """

    name = "security_order"
    title = "The time machine: a declining power's commitment problem"
    quote = Q_TIME_MACHINE

    p_now: float = parameter(
        Russia().win_probability, doc="Russia's probability of winning a war today", low=0, high=1, quote=Q_TROOPS
    )
    p_later: float = parameter(
        0.5, doc="Russia's probability of winning after its relative decline", low=0, high=1, quote=Q_TIME_MACHINE
    )
    delta: float = parameter(
        Russia().patience, doc="Russia's discount factor per period", low=0, high=1, low_open=True,
        high_open=True, quote=Q_TORTURE,
    )
    cost: float = parameter(0.1, doc="Russia's one-time cost of war (per-period units)", low=0, quote=Q_COLDLY)

    def build(self):
        """The :class:`negotiation_sim.models.PreventiveWar` model."""
        from negotiation_sim.models import PreventiveWar

        return PreventiveWar(self.p_now, self.p_later, self.delta, self.cost)

    def solve(self) -> ScenarioResult:
        """Whether Russia fights now, and by what margin."""
        sol = self.build().solve()
        outcomes = {"war": float(sol.war), "margin": sol.margin, "war_value": sol.war_value,
                    "peace_value": sol.peace_value, "critical_p_later": self.critical_p_later()}
        eqs = closed_form_equilibria()
        return ScenarioResult(self, eqs, outcomes, solution=sol)

    def critical_p_later(self) -> float:
        """The future power below which preventive war pays (the margin is linear in ``p_later``)."""
        d = self.delta
        value = self.p_now - ((1 - d) * (1 - self.p_now) + (1 - d) ** 2 * self.cost) / d
        return float(np.clip(value, 0.0, 1.0))

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        verdict = "fights now" if o["war"] else "does not fight"
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            f"Russia's chance of winning falls from {format_prob(self.p_now)} to {format_prob(self.p_later)}. "
            f"Since no one can promise it today what it could only enforce while strong, it {verdict} "
            f"(margin {format_prob(o['margin'])}).",
            f"What would change it: preventive war pays once the expected decline takes its future strength "
            f"below {format_prob(o['critical_p_later'])}; more patience makes the future loss loom larger.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    def plot(self, ax: Any = None, **kwargs: Any):
        """The margin for war against Russia's future strength."""
        from negotiation_sim.plotting._common import get_ax

        ax = get_ax(ax)
        grid = np.linspace(0, self.p_now, 101)
        margins = [self.with_params(p_later=float(q)).build().solve().margin for q in grid]
        ax.plot(grid, margins, **kwargs)
        ax.axhline(0, color="grey", linewidth=1)
        ax.axvline(self.p_later, color="black", linestyle=":", linewidth=1)
        ax.fill_between(grid, margins, 0, where=np.asarray(margins) > 0, alpha=0.2, color="tab:red",
                        label="preventive war")
        ax.set_xlabel("p_later: Russia's future probability of winning")
        ax.set_ylabel("margin for war now")
        ax.set_title("The commitment problem of a declining power")
        ax.legend()
        return ax


def security_order(**params: Any) -> SecurityOrder:
    """The time-machine scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> round(ns.scenarios.security_order().critical_p_later(), 4)
    0.495
    """
    return SecurityOrder(**params)
