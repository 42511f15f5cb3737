"""The Donbas commitment: an all-or-nothing status and a shifting balance of power.

"Ukraine is firmer than ever in its rejection of any special status for
Donbas": the status is indivisible, either granted (Russia gets
``special_status_share`` of the stake) or refused (0). Fearon's (1995)
bargaining range for Russia's share is ``[p - russia_war_cost, p +
ukraine_war_cost]``; when neither status lies in it, no feasible deal beats
war for both, unless a side payment in another good of at least the gap
(``side_payment_max``) is available. The West "responds that you cannot
question what already exists": with Western support growing, Russia's
chance of winning falls from ``p`` to ``p_later``, and a deal today cannot
bind Ukraine tomorrow: the commitment problem (preventive war), shown
beside the indivisibility (:class:`negotiation_sim.models.Indivisibility`).
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import (
    Q_CANNOT_QUESTION,
    Q_COLDLY,
    Q_DONBAS,
    Q_FEASIBLE,
    Q_SUPPORT,
    Q_TORTURE,
    Q_TROOPS,
)
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["DonbasCommitment", "donbas_commitment"]


@attrs.frozen(repr=False)
class DonbasCommitment(Scenario):
    """An indivisible special status for Donbas, and Russia's declining power.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.donbas_commitment().solve().outcomes
    >>> out["range_empty"], out["war_indivisible"], out["preventive_war"]
    (1.0, 1.0, 0.0)
    """

    name = "donbas_commitment"
    title = "The Donbas commitment: an indivisible status and a shifting balance of power"
    quote = Q_DONBAS

    p: float = parameter(0.4, doc="Russia's probability of winning a war over Donbas today", low=0, high=1,
                         quote=Q_TROOPS)
    russia_war_cost: float = parameter(0.1, doc="Russia's cost of war, in units of the stake", low=0,
                                       quote=Q_COLDLY)
    ukraine_war_cost: float = parameter(0.2, doc="Ukraine's cost of war, in units of the stake", low=0,
                                        quote=Q_SUPPORT)
    special_status_share: float = parameter(
        0.9, doc="Russia's share of the stake if Donbas gets a special status (else 0)", low=0, high=1,
        low_open=True, quote=Q_DONBAS,
    )
    side_payment_max: float = parameter(
        0.1, doc="largest side payment available in another good (units of the stake)", low=0, high=1,
        quote=Q_FEASIBLE,
    )
    p_later: float = parameter(0.36, doc="Russia's probability of winning once Western support has grown",
                               low=0, high=1, quote=Q_CANNOT_QUESTION)
    delta: float = parameter(0.9, doc="discount factor per period", low=0, high=1, low_open=True, high_open=True,
                             quote=Q_TORTURE)

    def validate(self) -> None:
        """The shift is a decline of Russia's power (the commitment problem of a declining side)."""
        if self.p_later > self.p:
            msg = (f"p_later ({self.p_later!r}) must be at most p ({self.p!r}): the scenario's power shift is "
                   "Russia's decline as support for Ukraine grows")
            raise InvalidParameterError(msg)

    def build(self):
        """The :class:`negotiation_sim.models.Indivisibility` model with the two statuses and the shift."""
        from negotiation_sim.models import Indivisibility

        return Indivisibility(self.p, self.russia_war_cost, self.ukraine_war_cost,
                              divisions=(0.0, self.special_status_share), side_payment_max=self.side_payment_max,
                              p_later=self.p_later, delta=self.delta)

    def critical_p_later(self) -> float:
        """Russia's future strength below which preventive war pays (the time-machine scenario's formula)."""
        from negotiation_sim.scenarios._security_order import SecurityOrder

        return SecurityOrder(p_now=self.p, p_later=self.p_later, delta=self.delta,
                             cost=self.russia_war_cost).critical_p_later()

    def solve(self) -> ScenarioResult:
        """The range, whether either status lies in it, the side payment needed, and preventive war."""
        sol = self.build().solve()
        outcomes = {
            "range_low": sol.low, "range_high": sol.high, "range_empty": float(sol.range_empty),
            "min_side_payment": sol.min_side_payment, "war_indivisible": float(sol.war_indivisible),
            "preventive_war": float(bool(sol.preventive_war)), "war": float(sol.war),
            "critical_p_later": self.critical_p_later(),
        }
        return ScenarioResult(self, closed_form_equilibria(), outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        lines = [
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            f"Both prefer a deal to war when Russia's share lies in [{format_prob(o['range_low'])}, "
            f"{format_prob(o['range_high'])}]; the status is all or nothing: 0 (refused) or "
            f"{format_prob(self.special_status_share)} (granted).",
        ]
        if not o["range_empty"]:
            lines.append("One of the two statuses lies in the range, so the indivisibility alone does not cause war.")
        elif o["war_indivisible"]:
            lines.append(f"Neither status lies in the range and the side payments available "
                         f"({format_prob(self.side_payment_max)}) are below the {format_prob(o['min_side_payment'])} "
                         "needed: the indivisible stake leaves no deal both prefer to war.")
        else:
            lines.append(f"Neither status lies in the range, but a side payment of {format_prob(o['min_side_payment'])} "
                         "(available) restores a deal.")
        verdict = "fights now" if o["preventive_war"] else "does not fight a preventive war"
        lines += [
            f"\u201c{Q_CANNOT_QUESTION}\u201d As support for Ukraine grows, Russia's chance falls from "
            f"{format_prob(self.p)} to {format_prob(self.p_later)}; no deal today binds tomorrow, and Russia {verdict} "
            f"(preventive war pays once its future chance falls below {format_prob(o['critical_p_later'])}).",
            "What would change it: a side payment at least the gap, or a status closer to the range, restores a "
            "deal; a steeper decline of Russia's power (p_later below the critical value) brings preventive war "
            "that no division cures.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ]
        return "\n".join(lines)

    def plot(self, ax: Any = None, **kwargs: Any):
        """The bargaining range with the two statuses marked."""
        from negotiation_sim.plotting.time import indivisible_range

        return indivisible_range(self.build(), names=("Russia", "Ukraine"), ax=ax, **kwargs)


def donbas_commitment(**params: Any) -> DonbasCommitment:
    """The Donbas commitment scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.donbas_commitment(side_payment_max=0.5).solve().outcomes["war"]
    0.0
    """
    return DonbasCommitment(**params)
