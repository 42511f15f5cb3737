"""The troops on the border as a costly signal: sinking costs to show resolve (after Fearon 1997).

"President Zelensky leads a country on whose border are massed 125,000
Russian soldiers." Massing troops is a *sunk cost*: paid whatever happens
next, it can show the West that Russia would fight if its demands were
refused. Russia's resolve (how much it values its demands) is its private
information; the West decides whether to refuse ("challenge"); refused,
Russia fights or backs down. Solved with :class:`negotiation_sim.models.CostlySignal`
(its least-cost separating equilibrium: the mobilisation reveals exactly the
types that would fight), beside talk alone and tying hands.
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_COLDLY, Q_TROOPS, Q_TROOPS_FIRM
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.models.costly_signal import CostlySignal
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["ResolveSignalling", "TroopsSignal", "troops_signal"]


@attrs.frozen(repr=False)
class ResolveSignalling(Scenario):
    """What the scenarios built on :class:`~negotiation_sim.models.CostlySignal` share: Russia signals to the West.

    Russia's resolve ``v ~ U[0, 1]`` is private; the West's value of refusing ``x ~ U[0, 1]`` too. A refused
    Russia fights (payoff ``p v - c``) or backs down; the West pays ``west_war_cost`` in a war.
    """

    russia_win_prob: float = parameter(
        0.6, doc="Russia's probability of winning a war", low=0, high=1, low_open=True, quote=Q_TROOPS,
    )
    russia_war_cost: float = parameter(
        0.3, doc="Russia's cost of war, in units of its highest value of the stake", low=0, low_open=True,
        note="below russia_win_prob so that some types of Russia would fight; 0.3 makes half of them resolved",
    )
    west_war_cost: float = parameter(
        0.7, doc="the West's cost of war, in units of its highest value of refusing", low=0, high=1,
        low_open=True, high_open=True, quote=Q_COLDLY,
    )

    def validate(self) -> None:
        """Russia's cost of war must be below its probability of winning (else no type would ever fight)."""
        if not self.russia_war_cost < self.russia_win_prob:
            msg = (f"russia_war_cost ({self.russia_war_cost!r}) must be below russia_win_prob "
                   f"({self.russia_win_prob!r}): otherwise no type of Russia would ever fight")
            raise InvalidParameterError(msg)

    def build(self) -> CostlySignal:
        """The :class:`~negotiation_sim.models.CostlySignal` model of the scenario."""
        return CostlySignal(win_prob=self.russia_win_prob, war_cost=self.russia_war_cost,
                            challenger_war_cost=self.west_war_cost)

    def plot(self, ax: Any = None, **kwargs: Any):
        """Talk, sinking costs and tying hands side by side (:func:`negotiation_sim.plotting.costly_signal`)."""
        from negotiation_sim.plotting import costly_signal

        return costly_signal(self.build(), names=("Russia", "the West"), ax=ax, **kwargs)


@attrs.frozen(repr=False)
class TroopsSignal(ResolveSignalling):
    """The 125,000 soldiers as a sunk-cost signal of resolve.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.troops_signal().solve().outcomes
    >>> out["resolve_threshold"], round(out["mobilisation_cost"], 4), round(out["p_war"], 4)
    (0.5, 0.35, 0.15)
    """

    name = "troops_signal"
    title = "125,000 soldiers: the troops as a costly signal"
    quote = Q_TROOPS

    def solve(self) -> ScenarioResult:
        """The sunk-cost equilibrium, with talk alone for comparison."""
        sol = self.build().solve()
        s, n = sol.sunk, sol.none
        outcomes = {
            "resolve_threshold": sol.resolve_threshold, "mobilisation_cost": s.signal, "p_mobilise": s.p_signal,
            "p_refuse": s.p_challenge, "p_back_down": s.p_back_down, "p_war": s.p_war, "expected_cost": s.expected_cost,
            "russia_payoff": s.defender_payoff, "p_refuse_without_troops": n.p_challenge,
            "p_war_without_troops": n.p_war,
        }
        return ScenarioResult(self, closed_form_equilibria(), outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d and \u201c{Q_TROOPS_FIRM}\u201d",
            f"Massing troops costs Russia {format_prob(o['mobilisation_cost'])} whatever happens next. Only a "
            f"Russia whose resolve is at least {format_prob(o['resolve_threshold'])} (one that would fight if "
            f"refused) pays it, so the troops tell the West the truth: it mobilises with probability "
            f"{format_prob(o['p_mobilise'])}.",
            f"The West refuses Russia's demands with probability {format_prob(o['p_refuse'])}, as often as it "
            f"would without the troops ({format_prob(o['p_refuse_without_troops'])}), but now a refused Russia "
            f"backs down with probability {format_prob(o['p_back_down'])}: war follows with probability "
            f"{format_prob(o['p_war'])} instead of {format_prob(o['p_war_without_troops'])}.",
            "What would change it: a higher cost of war for the West makes the mobilisation that separates "
            "the resolved dearer but the war less likely; a higher cost of war for Russia (or a lower chance "
            "of winning) raises the resolve needed to fight, so fewer types mobilise and war is less likely.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])


def troops_signal(**params: Any) -> TroopsSignal:
    """The troops-as-a-costly-signal scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> round(ns.scenarios.troops_signal(west_war_cost=0.9).solve().outcomes["p_war"], 4)
    0.05
    """
    return TroopsSignal(**params)
