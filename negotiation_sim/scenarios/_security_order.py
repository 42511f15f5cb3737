"""The time machine: the commitment problem behind a demand to return to the 1997 order.

"Putin's permanent hope is that this time machine could return things to the
moment in 1997." A power whose relative strength is falling (from
``p_now`` to ``p_later``) fears that whatever it is promised today will not be
honoured once it is weaker: no one can commit to it. With every period's
share in [0, 1], it fights now iff war now, ``p_now / (1 - delta) - cost``,
is worth more than the best peace, all of today's flow and then
``max(0, p_later - (1 - delta) cost)`` per period; while the post-shift share
is positive that is
``delta (p_now - p_later) - (1 - delta)(1 - p_now) > (1 - delta)**2 cost``
(Fearon 1995; :class:`negotiation_sim.models.PreventiveWar`). Solved in
closed form: there is no game, so no equilibrium list.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_COLDLY, Q_TIME_MACHINE, Q_TORTURE, Q_TROOPS, Russia
from negotiation_sim.errors import InvalidParameterError
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
        0.55, doc="Russia's probability of winning after its relative decline", low=0, high=1, quote=Q_TIME_MACHINE
    )
    delta: float = parameter(
        Russia().patience, doc="Russia's discount factor per period", low=0, high=1, low_open=True,
        high_open=True, quote=Q_TORTURE,
    )
    cost: float = parameter(0.1, doc="Russia's one-time cost of war (per-period units)", low=0, quote=Q_COLDLY)

    def validate(self) -> None:
        if self.p_later > self.p_now:
            msg = (f"p_later ({self.p_later}) must not exceed p_now ({self.p_now}): the scenario is about a "
                   "declining Russia, whose chance of winning falls")
            raise InvalidParameterError(msg)

    def build(self):
        """The :class:`negotiation_sim.models.PreventiveWar` model."""
        from negotiation_sim.models import PreventiveWar

        return PreventiveWar(self.p_now, self.p_later, self.delta, self.cost)

    def solve(self) -> ScenarioResult:
        """Whether Russia fights now, and by what margin."""
        sol = self.build().solve()
        outcomes = {"war": float(sol.war), "margin": sol.margin, "war_value": sol.war_value,
                    "peace_value": sol.peace_value, "share_later": sol.share_later,
                    "critical_p_later": self.critical_p_later()}
        eqs = closed_form_equilibria()
        return ScenarioResult(self, eqs, outcomes, solution=sol, selected=None)

    def critical_p_later(self) -> float:
        """The future power below which preventive war pays; 0 when no decline makes it pay.

        War pays iff ``max(0, p_later - (1 - d) c) < (1 - d)(war_value - 1) / d``; when the right side is
        positive that is ``p_later < (p_now - (1 - d) - (1 - d)**2 c) / d`` (at most ``p_now``), otherwise
        war is worth less than today's whole flow and no ``p_later`` makes it pay.
        """
        d, c = self.delta, self.cost
        if self.p_now / (1 - d) - c <= 1.0:
            return 0.0
        return float(np.clip((self.p_now - (1 - d) - (1 - d) ** 2 * c) / d, 0.0, self.p_now))

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        verdict = "fights now" if o["war"] else "does not fight"
        if o["critical_p_later"] > 0:
            change = (f"What would change it: preventive war pays once the expected decline takes its future "
                      f"strength below {format_prob(o['critical_p_later'])}; more patience (a higher delta) raises "
                      "the margin for war: the future loss looms larger.")
        else:
            change = (f"What would change it: no decline, however deep, makes war pay here, since war now is worth "
                      f"{format_prob(o['war_value'])}, not more than today's whole flow (1); more patience (a "
                      "higher delta) raises the margin for war: the future loss looms larger.")
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            f"Russia's chance of winning falls from {format_prob(self.p_now)} to {format_prob(self.p_later)}. "
            f"Since no one can promise it today what it could only enforce while strong, it {verdict}: war now "
            f"is worth {format_prob(o['war_value'])}, the best peace {format_prob(o['peace_value'])} (all of "
            f"today's flow, then a share of {format_prob(o['share_later'])} per period; margin "
            f"{format_prob(o['margin'])}).",
            change,
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
