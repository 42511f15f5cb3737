"""Border standoff: Russia and NATO as a game of Chicken with asymmetric costs of war.

Each side holds firm or backs down. The payoffs are the actors' standoff
numbers (:meth:`negotiation_sim.actors.Actor.standoff_payoffs`):

==========  =========================================  ==========================================
            NATO holds firm                            NATO backs down
==========  =========================================  ==========================================
Russia      (-russia_war_cost, -nato_war_cost)         (stake, -nato_concession_cost)
holds firm
Russia      (-russia_audience_cost, nato_concession_   (0, 0)
backs down  cost)
==========  =========================================  ==========================================

While each side prefers backing down to war (``audience_cost < war_cost``
for Russia, ``concession_cost < war_cost`` for NATO) this is Chicken: two pure
equilibria in which one side backs down, and a mixed one in which each holds
firm with the probability that leaves the other indifferent, so that they
collide (war) with positive probability. Chicken's closed form (row payoffs R,
S, T, P) gives the probability of holding firm: ``(T - R) / ((T - R) + (S - P))``.
When Russia's cost of war falls below its audience cost, holding firm becomes
dominant for it ("they would not coldly choose to use force"; Russia would)
and NATO backs down for sure.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import (
    NATO,
    Q_1997,
    Q_COLDLY,
    Q_NO_CONCESSIONS,
    Q_SPHERE,
    Russia,
    standoff_game,
)
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.scenarios._base import Scenario, ScenarioResult
from negotiation_sim.solvers.equilibrium import format_prob
from negotiation_sim.solvers.solve import solve

__all__ = ["BorderStandoff", "border_standoff"]

_R, _N = Russia(), NATO()


@attrs.frozen(repr=False)
class BorderStandoff(Scenario):
    """Russia vs NATO at the border: Chicken with asymmetric costs of war.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> res = ns.scenarios.border_standoff().solve()
    >>> round(res.outcomes["p_war"], 4)   # in the mixed equilibrium: 0.4 * 1 / 1.1
    0.3636
    >>> res.outcomes["n_equilibria"]
    3.0
    """

    name = "border_standoff"
    title = "Border standoff: Chicken at the Ukrainian border"
    quote = Q_COLDLY

    stake: float = parameter(_R.stake, doc="value to Russia of NATO backing down", low=0, low_open=True, quote=Q_1997)
    russia_war_cost: float = parameter(_R.war_cost, doc="Russia's cost of war", low=0, quote=Q_COLDLY)
    nato_war_cost: float = parameter(_N.war_cost, doc="NATO's cost of war", low=0, quote=Q_COLDLY)
    russia_audience_cost: float = parameter(
        _R.audience_cost, doc="Russia's cost of backing down", low=0, quote=Q_NO_CONCESSIONS
    )
    nato_concession_cost: float = parameter(
        _N.concession_cost, doc="NATO's cost of backing down (and its gain if Russia does)", low=0, quote=Q_SPHERE
    )

    @classmethod
    def from_actors(cls, russia: Russia | None = None, nato: NATO | None = None) -> BorderStandoff:
        """The standoff between two actors' parameters."""
        russia, nato = russia or Russia(), nato or NATO()
        return cls(
            stake=russia.stake,
            russia_war_cost=russia.war_cost,
            nato_war_cost=nato.war_cost,
            russia_audience_cost=russia.audience_cost,
            nato_concession_cost=nato.concession_cost,
        )

    def build(self) -> NormalFormGame:
        """The 2x2 standoff game (the formula of ``Russia().payoff_matrix(NATO())``)."""
        return standoff_game(
            (self.stake, -self.russia_war_cost, -self.russia_audience_cost),
            (self.nato_concession_cost, -self.nato_war_cost, -self.nato_concession_cost),
            players=("Russia", "NATO"),
            title=self.title,
        )

    def solve(self) -> ScenarioResult:
        """All equilibria; outcomes of the most violent one (the mixed one when it exists)."""
        game = self.build()
        eqs = solve(game)
        war = [float(e.strategies[0][0] * e.strategies[1][0]) for e in eqs]
        k = int(np.argmax(war)) if war else None
        outcomes = {
            "n_equilibria": len(eqs),
            "p_war": war[k] if k is not None else 0.0,
            "p_russia_holds": float(eqs[k].strategies[0][0]) if k is not None else 0.0,
            "p_nato_holds": float(eqs[k].strategies[1][0]) if k is not None else 0.0,
        }
        return ScenarioResult(self, eqs, outcomes)

    def explain_result(self, result: ScenarioResult) -> str:
        out = result.outcomes
        lines = [
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d Russia's cost of war ({format_prob(self.russia_war_cost)}) "
            f"is set below NATO's ({format_prob(self.nato_war_cost)}).",
        ]
        if self.russia_war_cost < self.russia_audience_cost:
            lines.append(
                "Russia prefers war to backing down, so holding firm is dominant for it: "
                "NATO backs down in the only equilibrium."
            )
        else:
            lines.append(
                f"Each side prefers backing down to war, so the standoff is Chicken with "
                f"{int(out['n_equilibria'])} equilibria: in two of them one side backs down; in the mixed one "
                f"Russia holds firm with probability {format_prob(out['p_russia_holds'])} and NATO with "
                f"probability {format_prob(out['p_nato_holds'])}, and they collide (war) with probability "
                f"{format_prob(out['p_war'])}."
            )
            lines.append(
                "What would change it: if Russia's cost of war fell below its cost of backing down "
                f"({format_prob(self.russia_audience_cost)}), holding firm would become dominant for Russia."
            )
        lines.append("Parameters and their sources:\n" + self.provenance_text())
        return "\n".join(lines)

    def plot(self, ax: Any = None, **kwargs: Any):
        """Both sides' best responses in the unit square, equilibria marked."""
        from negotiation_sim.plotting import best_response

        return best_response(self.build(), ax=ax, **kwargs)


def border_standoff(**params: Any) -> BorderStandoff:
    """The border standoff at the actors' defaults, with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.border_standoff(russia_war_cost=0.4).solve().outcomes["n_equilibria"]
    1.0
    """
    return BorderStandoff(**params)
