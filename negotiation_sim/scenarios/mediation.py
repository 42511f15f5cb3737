"""The mediator: France's messages are believed only when its bias makes them credible.

"In this balance of power, President Macron tries to maintain the position of
mediator." Russia demands a share of the stake without knowing whether the
West is resolved (a low cost of war) or not. France knows, and tells Russia.
After Kydd (2003), its advice to moderate is believed only if France leans
towards Russia enough that it would not say so falsely, and not so far that it
would rather see war than a low settlement
(:class:`negotiation_sim.models.Mediation`): credible iff France's ideal point
lies in ``[(x_L + x_H) / 2, x_L + sqrt(france_war_cost)]``.

Beside it, Russia, France and Ukraine play a three-player game: France
proposes a compromise (Ukraine's line: nothing; France's line:
``mediator_bias * demand``; Russia's line: ``demand``), and Russia and Ukraine
each accept or reject it. If both accept, the compromise holds: Russia gets
``stake * x``, Ukraine ``-sovereignty_value * x``, France
``influence - (x - mediator_bias * demand)**2``. Otherwise the crisis goes on
to war: Russia ``win_probability * stake - russia_war_cost``, Ukraine
``-ukraine_war_cost - win_probability * sovereignty_value``, France
``-france_war_cost``.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import (
    Q_COLDLY,
    Q_DONBAS,
    Q_EVALUATES,
    Q_IMPOSSIBLE,
    Q_MEDIATOR,
    Q_NO_INFLUENCE,
    Q_TROOPS,
    France,
    Russia,
    Ukraine,
)
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.scenarios._base import Scenario, ScenarioResult
from negotiation_sim.solvers.equilibrium import format_prob
from negotiation_sim.solvers.pure_nash import pure_equilibria

__all__ = ["Mediation", "mediation"]

PLAYERS = ("France", "Russia", "Ukraine")
PROPOSALS = ("Ukraine's line", "France's line", "Russia's line")
_R, _F, _U = Russia(), France(), Ukraine()


@attrs.frozen(repr=False)
class Mediation(Scenario):
    """France as a mediator: credibility of its advice, and the compromise game.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.mediation().solve().outcomes
    >>> out["credible"]     # France leans towards the West: Russia does not believe it
    0.0
    >>> ns.scenarios.mediation(mediator_bias=0.85).solve().outcomes["credible"]
    1.0
    """

    name = "mediation"
    title = "The mediator: when France's advice is believed"
    quote = Q_MEDIATOR

    mediator_bias: float = parameter(
        _F.mediator_bias, doc="France's ideal share of the stake for Russia", low=0, high=1, quote=Q_MEDIATOR
    )
    influence: float = parameter(
        _F.influence, doc="France's gain from brokering a compromise", low=0, high=1, quote=Q_NO_INFLUENCE
    )
    france_war_cost: float = parameter(
        _F.war_cost, doc="France's cost of a war", low=0, quote=_F.specs["war_cost"].quote
    )
    win_probability: float = parameter(
        _R.win_probability, doc="probability Russia wins a war", low=0, high=1, quote=Q_TROOPS
    )
    russia_war_cost: float = parameter(0.1, doc="Russia's cost of war, as a share of the stake", low=0,
                                       quote=Q_COLDLY)
    west_cost_low: float = parameter(
        0.05, doc="the West's cost of war if resolved", low=0, quote=Q_EVALUATES,
    )
    west_cost_high: float = parameter(
        0.3, doc="the West's cost of war if irresolute", low=0, quote=Q_EVALUATES,
    )
    prob_resolved: float = parameter(
        0.5, doc="Russia's prior that the West is resolved", low=0, high=1,
        note="no information either way: 1/2.",
    )
    demand: float = parameter(_R.demand, doc="Russia's demand in the compromise game", low=0, high=1,
                              quote=Q_IMPOSSIBLE)
    sovereignty_value: float = parameter(
        _U.sovereignty_value, doc="Ukraine's value per unit of the stake conceded", low=0, quote=Q_DONBAS
    )
    ukraine_war_cost: float = parameter(_U.war_cost, doc="Ukraine's cost of war", low=0, quote=Q_TROOPS)

    def validate(self) -> None:
        if self.west_cost_low > self.west_cost_high:
            msg = f"west_cost_low ({self.west_cost_low}) must not exceed west_cost_high ({self.west_cost_high})"
            raise InvalidParameterError(msg)

    def build(self):
        """The :class:`negotiation_sim.models.Mediation` model (Russia is A, the West B)."""
        from negotiation_sim.models import Mediation as Model

        return Model(
            p=self.win_probability, cost_a=self.russia_war_cost, cost_low=self.west_cost_low,
            cost_high=self.west_cost_high, prob_low=self.prob_resolved, ideal_point=self.mediator_bias,
            mediator_war_cost=self.france_war_cost,
        )

    def compromise_game(self) -> NormalFormGame:
        """France proposes; Russia and Ukraine accept or reject (formulas in the module docs)."""
        shares = np.array([0.0, self.mediator_bias * self.demand, self.demand])
        war = [
            -self.france_war_cost,
            self.win_probability - self.russia_war_cost,
            -self.ukraine_war_cost - self.win_probability * self.sovereignty_value,
        ]
        payoffs = np.empty((3, 2, 2, 3))
        payoffs[:] = war
        for k, x in enumerate(shares):
            payoffs[k, 0, 0] = [
                self.influence - (x - self.mediator_bias * self.demand) ** 2, x, -self.sovereignty_value * x,
            ]
        return NormalFormGame(payoffs, players=PLAYERS, actions=(PROPOSALS, ("Accept", "Reject"), ("Accept", "Reject")),
                              title="France proposes, Russia and Ukraine respond")

    def solve(self) -> ScenarioResult:
        """The mediator's credibility and outcomes; the compromise game's pure equilibria."""
        sol = self.build().solve()
        eqs = pure_equilibria(self.compromise_game())
        deals = [e for e in eqs if e.support("Russia") == ("Accept",) and e.support("Ukraine") == ("Accept",)]
        outcomes = {
            "credible": float(sol.credible), "p_war_without": sol.p_war_without, "p_war_with": sol.p_war_with,
            "demand_without": sol.demand_without, "demand_with": sol.demand_with,
            "credible_low": sol.ideal_bounds[0], "credible_high": sol.ideal_bounds[1],
            "n_equilibria": len(eqs), "n_compromises": len(deals),
        }
        return ScenarioResult(self, eqs, outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        if o["credible"]:
            verdict = (f"France's ideal point {format_prob(self.mediator_bias)} lies in the credible range "
                       f"[{format_prob(o['credible_low'])}, {format_prob(o['credible_high'])}]: Russia believes "
                       f"its advice, tailors its demand, and the probability of war falls from "
                       f"{format_prob(o['p_war_without'])} to {format_prob(o['p_war_with'])}.")
        else:
            verdict = (f"France's ideal point {format_prob(self.mediator_bias)} lies outside the credible range "
                       f"[{format_prob(o['credible_low'])}, {format_prob(o['credible_high'])}]: Russia discounts "
                       f"its advice as that of a Western partisan, demands {format_prob(o['demand_without'])} as it "
                       f"would alone, and war remains as likely ({format_prob(o['p_war_without'])}) as without a "
                       "mediator. The article: \u201c" + Q_NO_INFLUENCE + "\u201d")
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            verdict,
            f"In the compromise game, {int(o['n_compromises'])} of its {int(o['n_equilibria'])} pure equilibria "
            "are compromises both sides accept; in the others nobody is pivotal and talks fail.",
            "What would change it (Kydd 2003): a mediator is believed by the side it would be expected to favour "
            "less; its advice carries weight when it leans towards the side it asks to moderate.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    def plot(self, ax: Any = None, **kwargs: Any):
        """Probability of war with and without the mediator against France's bias."""
        from negotiation_sim.plotting._common import get_ax

        ax = get_ax(ax)
        grid = np.linspace(0, 1, 201)
        sols = [self.with_params(mediator_bias=float(b)).build().solve() for b in grid]
        ax.plot(grid, [s.p_war_with for s in sols], label="with France", **kwargs)
        ax.plot(grid, [s.p_war_without for s in sols], linestyle="--", label="without a mediator")
        low, high = sols[0].ideal_bounds
        ax.axvspan(low, min(high, 1.0), alpha=0.15, color="tab:green", label="France credible")
        ax.axvline(self.mediator_bias, color="black", linestyle=":", linewidth=1)
        ax.set_xlabel("France's ideal share for Russia (its bias)")
        ax.set_ylabel("probability of war")
        ax.set_ylim(-0.02, 1.02)
        ax.set_title("A mediator is believed only when its bias makes it credible")
        ax.legend()
        return ax


def mediation(**params: Any) -> Mediation:
    """The mediation scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.mediation(influence=0.5).influence
    0.5
    """
    return Mediation(**params)
