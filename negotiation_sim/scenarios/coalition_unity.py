"""Euro-Atlantic unity: a coalition's cohesion as the credibility that deters.

"Instead of fracture and disharmony in the West and in NATO, we see
Euro-Atlantic unity on all the key questions regarding relations with
Russia." Each of ``n_allies`` allies stands firm with probability
``cohesion``; the coalition resists when at least ``quota`` do. That
probability is the West's credibility in Zagare & Kilgour's perfect
deterrence: Russia attacks iff it is below
``(a_dc - a_sq) / (a_dc - a_dd)`` (here ``stake / (stake + war_cost)``).
The allies' own choice is an N-player coordination game with a unity
equilibrium and a fracture equilibrium, the one Russia hopes for
(:class:`negotiation_sim.models.CoalitionUnity`).
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import NATO, Q_1997, Q_COLDLY, Q_EVALUATES, Q_UNITY, Russia
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.scenarios._base import Scenario, ScenarioResult
from negotiation_sim.solvers.equilibrium import format_prob
from negotiation_sim.solvers.pure_nash import pure_equilibria

__all__ = ["CoalitionUnity", "coalition_unity"]


@attrs.frozen(repr=False)
class CoalitionUnity(Scenario):
    """Whether the allies' cohesion deters Russia, and the unity/fracture game among them.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.coalition_unity().solve().outcomes
    >>> round(out["p_resist"], 4), round(out["threshold"], 4), out["attack"]
    (0.6561, 0.625, 0.0)
    """

    name = "coalition_unity"
    title = "Euro-Atlantic unity: cohesion as the credibility that deters"
    quote = Q_UNITY

    cohesion: float = parameter(NATO().cohesion, doc="probability each ally stands firm", low=0, high=1, quote=Q_UNITY)
    n_allies: int = parameter(
        4, doc="number of allies whose stance counts", low=1, high=8, integer=True, quote=Q_EVALUATES,
    )
    quota: int = parameter(
        4, doc="allies that must stand firm for the coalition to resist (n_allies = unanimity)", low=1,
        high=8, integer=True, note="NATO decides by consensus: by default every ally must stand firm.",
    )
    stake: float = parameter(Russia().stake, doc="Russia's gain if the West concedes (a_dc)", low=0,
                             low_open=True, quote=Q_1997)
    russia_war_cost: float = parameter(
        Russia().war_cost, doc="Russia's cost of a conflict (a_dd = -war_cost)", low=0, low_open=True, quote=Q_COLDLY,
    )

    def validate(self) -> None:
        if self.quota > self.n_allies:
            msg = f"quota ({self.quota}) must not exceed n_allies ({self.n_allies})"
            raise InvalidParameterError(msg)

    def build(self):
        """The :class:`negotiation_sim.models.CoalitionUnity` model."""
        from negotiation_sim.models import CoalitionUnity as Model

        return Model(
            self.cohesion, n_allies=self.n_allies, rule="quota", quota=self.quota,
            a_sq=0.0, a_dc=self.stake, a_dd=-self.russia_war_cost,
        )

    def solve(self) -> ScenarioResult:
        """Probability the coalition resists, the threshold, Russia's choice; the allies' game."""
        model = self.build()
        sol = model.solve()
        eqs = pure_equilibria(model.game())
        firm = [int(sum(np.argmax(s) for s in e.strategies)) for e in eqs]  # allies standing firm
        outcomes = {
            "p_resist": sol.p_resist, "threshold": sol.threshold, "attack": float(sol.attack),
            "n_equilibria": len(eqs), "fracture_equilibrium": float(0 in firm),
        }
        return ScenarioResult(self, eqs, outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        verdict = (
            "Russia attacks, betting on fracture" if o["attack"] else "deterrence holds: Russia keeps the status quo"
        )
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            f"Each of {self.n_allies} allies stands firm with probability {format_prob(self.cohesion)}; the "
            f"coalition resists (at least {self.quota} firm) with probability {format_prob(o['p_resist'])}. Russia "
            f"attacks only if that is below stake / (stake + war cost) = {format_prob(o['threshold'])}: {verdict}.",
            f"Among the allies, standing firm pays only if enough others do: the coordination game has "
            f"{int(o['n_equilibria'])} pure equilibria"
            + (", among them fracture (nobody firm), Russia's hope." if o["fracture_equilibrium"] else "."),
            "What would change it: a little less cohesion per ally compounds under unanimity; a quota rule "
            "(fewer allies needed) makes resistance more likely.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    def plot(self, ax: Any = None, **kwargs: Any):
        """The coalition's probability of resisting against cohesion, with Russia's deterrence threshold."""
        from negotiation_sim.plotting._common import get_ax

        ax = get_ax(ax)
        grid = np.linspace(0, 1, 101)
        p_resist = [self.with_params(cohesion=float(c)).build().p_resist() for c in grid]
        threshold = self.build().solve().threshold
        ax.plot(grid, p_resist, label=f"P(at least {self.quota} of {self.n_allies} stand firm)", **kwargs)
        ax.axhline(threshold, color="tab:red", linestyle="--", label="Russia's deterrence threshold")
        ax.axvline(self.cohesion, color="black", linestyle=":", linewidth=1)
        ax.set_xlabel("cohesion: probability each ally stands firm")
        ax.set_ylabel("probability the coalition resists")
        ax.set_ylim(-0.02, 1.02)
        ax.set_title("Unity as deterrence")
        ax.legend(loc="upper left")
        return ax


def coalition_unity(**params: Any) -> CoalitionUnity:
    """The Euro-Atlantic unity scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.coalition_unity(cohesion=0.8).solve().outcomes["attack"]
    1.0
    """
    return CoalitionUnity(**params)
