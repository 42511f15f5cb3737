"""Euro-Atlantic unity: a coalition's cohesion as the credibility that deters.

"Instead of fracture and disharmony in the West and in NATO, we see
Euro-Atlantic unity on all the key questions regarding relations with
Russia." Each of ``n_allies`` allies stands firm with probability
``cohesion``; the coalition resists when at least ``quota`` do. That
probability is the West's credibility in Zagare & Kilgour's deterrence
threshold (:class:`negotiation_sim.models.PerfectDeterrence`, the
Rudimentary Asymmetric Deterrence Game): Russia attacks iff it is below
``(a_dc - a_sq) / (a_dc - a_dd)`` (here ``stake / (stake + war_cost)``).
Those are the headline outcomes; they come from the cohesion model, not from
an equilibrium of the allies' game, so no equilibrium is ``selected``.
The allies' own choice is an N-player coordination game
(:class:`negotiation_sim.models.CoalitionUnity`): its pure equilibria are
*unity* (exactly ``quota`` allies firm, each pivotal) and, when
``quota >= 2``, *fracture* (nobody firm), the one Russia hopes for. Each
equilibrium's own outcomes (:meth:`CoalitionUnity.outcomes_of`) say how many
allies stand firm in it, whether the coalition then holds, and whether
Russia, facing that certain stance, attacks.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import NATO, Q_1997, Q_COLDLY, Q_UNITY, Russia
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, independent_of
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
    (0.729, 0.625, 0.0)
    """

    name = "coalition_unity"
    title = "Euro-Atlantic unity: cohesion as the credibility that deters"
    quote = Q_UNITY

    cohesion: float = parameter(NATO().cohesion, doc="probability each ally stands firm", low=0, high=1, quote=Q_UNITY)
    n_allies: int = parameter(
        3, doc="number of allies whose stance counts", low=1, high=8, integer=True,
        note=("the article gives no number. 3: the allied capitals it names, Washington and Paris (Putin "
              "evaluates his interlocutors 'in Kyiv, Washington or Paris'; Kyiv is the target, not an ally) "
              "and Berlin (Macron's visit); NATO's thirty members are reduced to these three."),
    )
    quota: int = parameter(
        3, doc="allies that must stand firm for the coalition to resist (n_allies = unanimity)", low=1,
        high=8, integer=True, note="NATO decides by consensus: by default every ally must stand firm.",
    )
    stake: float = parameter(Russia().stake, doc="Russia's gain if the West concedes (a_dc)", low=0,
                             low_open=True, quote=Q_1997)
    russia_war_cost: float = parameter(
        Russia().war_cost, doc="Russia's cost of a conflict (a_dd = -war_cost)", low=0, low_open=True, quote=Q_COLDLY,
    )

    def validate(self) -> None:
        if self.quota > self.n_allies:
            msg = (f"quota ({self.quota}) must not exceed n_allies ({self.n_allies}): the coalition cannot need "
                   "more allies standing firm than it has")
            raise InvalidParameterError(msg)

    def build(self):
        """The :class:`negotiation_sim.models.CoalitionUnity` model."""
        from negotiation_sim.models import CoalitionUnity as Model

        return Model(
            self.cohesion, n_allies=self.n_allies, rule="quota", quota=self.quota,
            a_sq=0.0, a_dc=self.stake, a_dd=-self.russia_war_cost,
        )

    def outcomes_of(self, eq: Any) -> dict[str, float]:
        """One pure equilibrium of the allies' game: allies firm, whether the coalition holds, Russia's reply.

        ``n_firm`` counts the allies whose strategy is "Stand firm";
        ``coalition_holds`` is 1 when at least ``quota`` do; facing that
        certain stance (credibility 1 or 0), Russia attacks (``attack_if_played``)
        iff the coalition does not hold, since the threshold lies strictly
        between 0 and 1. Beside them, the same on every row of a point and
        named so that no one reads them as this equilibrium's: the cohesion
        model's ``cohesion_p_resist`` and ``cohesion_attack`` (allies standing
        firm independently, not this equilibrium's play), and ``threshold``.
        """
        firm_index = eq.actions[0].index("Stand firm")
        n_firm = float(sum(float(s[firm_index]) for s in eq.strategies))
        holds = float(n_firm >= self.quota - 1e-9)
        det = self.build().deterrence()
        credibility_attack = attrs.evolve(det, credibility=holds).solve().attack
        sol = self.build().solve()
        return {"n_firm": n_firm, "coalition_holds": holds, "attack_if_played": float(credibility_attack),
                "cohesion_p_resist": sol.p_resist, "cohesion_attack": float(sol.attack), "threshold": sol.threshold}

    def _constants(self) -> dict[str, float]:
        sol = self.build().solve()
        return {"p_resist": sol.p_resist, "threshold": sol.threshold, "attack": float(sol.attack)}

    def solve(self) -> ScenarioResult:
        """Probability the coalition resists, the threshold, Russia's choice; the allies' game."""
        model = self.build()
        eqs = pure_equilibria(model.game())
        n_firm = [self.outcomes_of(e)["n_firm"] for e in eqs]
        outcomes = {**self._constants(), "n_equilibria": len(eqs), "fracture_equilibrium": float(0 in n_firm)}
        return ScenarioResult(self, eqs, outcomes, solution=model.solve(), selected=None)

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
            "What would change it: under unanimity the coalition resists with probability cohesion to the power n_allies, "
            "so a little less cohesion per ally compounds; a lower quota (fewer allies needed) makes resistance "
            "more likely.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    @independent_of("cohesion")
    def _resist_curve(self) -> tuple[float, ...]:
        """The probability the coalition resists at 101 values of cohesion on [0, 1]."""
        model = self.build()  # every ally stands firm with probability cohesion
        return tuple(attrs.evolve(model, p_firm=(float(c),) * len(model.p_firm)).p_resist()
                     for c in np.linspace(0, 1, 101))

    def plot(self, ax: Any = None, **kwargs: Any):
        """The coalition's probability of resisting against cohesion, with Russia's deterrence threshold."""
        from negotiation_sim.plotting._common import get_ax

        ax = get_ax(ax)
        grid = np.linspace(0, 1, 101)
        p_resist = self._resist_curve()
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
