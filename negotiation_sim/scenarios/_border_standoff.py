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
S, T, P) gives the probability of holding firm: ``(T - R) / ((T - R) + (S - P))``:
Russia holds firm with ``q = k_N / c_N`` and NATO with
``r = s / (s + c_R - a_R)``.

**The mixed-strategy paradox.** Each side's probability of holding firm is
set by the *other* side's payoffs, because it must leave the other
indifferent: NATO's ``r`` contains only Russia's numbers, Russia's ``q`` only
NATO's. That NATO "holds firm" with 0.91 at the defaults says that Russia's
stake is large against its net cost of war, not that NATO is resolved; a NATO
that fears war more (larger ``c_N``) makes *Russia* hold firm less often and
leaves its own probability unchanged.

When Russia's cost of war falls below its audience cost, holding firm becomes
dominant for it ("they would not coldly choose to use force"; Russia would)
and NATO backs down for sure; when NATO's cost of war falls below its cost of
backing down, holding firm is dominant for NATO; when both, they go to war.
On the two ties (``russia_war_cost == russia_audience_cost`` or
``nato_war_cost == nato_concession_cost``) the game is degenerate, with a
continuum of equilibria: the scenario lists its extreme points and singles
none out.
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import (
    AUDIENCE_COST_NOTE,
    NATO,
    Q_1997,
    Q_COLDLY,
    Q_SPHERE,
    Russia,
    standoff_game,
)
from negotiation_sim.errors import DegenerateGameWarning
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.scenarios._base import Scenario, ScenarioResult
from negotiation_sim.solvers._solve import solve
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["BorderStandoff", "border_standoff"]

_R, _N = Russia(), NATO()
_TIE = 1e-9  # closer than this to a tie, the game is degenerate


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
    russia_war_cost: float = parameter(
        _R.war_cost, doc="Russia's cost of war (below NATO's)", low=0, quote=Q_COLDLY
    )
    nato_war_cost: float = parameter(_N.war_cost, doc="NATO's cost of war (above Russia's)", low=0, quote=Q_COLDLY)
    russia_audience_cost: float = parameter(
        _R.audience_cost, doc="Russia's cost of backing down", low=0, note=AUDIENCE_COST_NOTE
    )
    nato_concession_cost: float = parameter(
        _N.concession_cost, doc="NATO's cost of backing down (and its gain if Russia does)", low=0, low_open=True,
        quote=Q_SPHERE,
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

    def validate(self) -> None:
        """No constraint between parameters: every point of the parameter box is a well-defined standoff.

        On the two ties (a side's cost of war equal to its cost of backing down)
        the game is degenerate; the scenario then lists the extreme equilibria
        of the continuum and singles none out (see :attr:`region`).
        """

    @property
    def region(self) -> str:
        """Which game the parameters make: ``"chicken"``, ``"russia dominant"``, ``"nato dominant"``, ``"war"``,
        or ``"degenerate"`` on a tie between a side's cost of war and its cost of backing down."""
        if (np.isclose(self.russia_war_cost, self.russia_audience_cost, rtol=0, atol=_TIE)
                or np.isclose(self.nato_war_cost, self.nato_concession_cost, rtol=0, atol=_TIE)):
            return "degenerate"
        russia_firm = self.russia_war_cost < self.russia_audience_cost
        nato_firm = self.nato_war_cost < self.nato_concession_cost
        return {(False, False): "chicken", (True, False): "russia dominant",
                (False, True): "nato dominant", (True, True): "war"}[(russia_firm, nato_firm)]

    def build(self) -> NormalFormGame:
        """The 2x2 standoff game (the formula of ``Russia().payoff_matrix(NATO())``)."""
        return standoff_game(
            (self.stake, -self.russia_war_cost, -self.russia_audience_cost),
            (self.nato_concession_cost, -self.nato_war_cost, -self.nato_concession_cost),
            players=("Russia", "NATO"),
            title=self.title,
        )

    def mixed_closed_form(self) -> tuple[float, float]:
        """``(q, r)``: Russia's and NATO's probabilities of holding firm in Chicken's mixed equilibrium.

        From each side's indifference: NATO is indifferent when Russia holds firm with
        ``q = k_N / c_N``, Russia when NATO holds firm with ``r = s / (s + c_R - a_R)``
        (Chicken's ``(T - R) / ((T - R) + (S - P))`` for each). Only an equilibrium in
        the Chicken region.
        """
        q = self.nato_concession_cost / self.nato_war_cost
        r = self.stake / (self.stake + self.russia_war_cost - self.russia_audience_cost)
        return q, r

    def outcomes_of(self, eq: Any) -> dict[str, float]:
        """The outcomes of one equilibrium, from its strategies: war is both holding firm."""
        russia, nato = (float(eq.strategies[k][0]) for k in (0, 1))
        return {
            "p_war": russia * nato,
            "p_russia_holds": russia,
            "p_nato_holds": nato,
            "payoff_russia": float(eq.payoffs[0]),
            "payoff_nato": float(eq.payoffs[1]),
        }

    def _selected(self, eqs: Any) -> int | None:
        """The equilibrium the headline describes: Chicken's mixed one (its closed form), the unique one
        where one side's holding firm is dominant, none on a degenerate tie."""
        if self.region == "degenerate":
            return None
        if self.region != "chicken":
            return 0
        target = np.array(self.mixed_closed_form())
        gaps = [np.abs(np.array([e.strategies[0][0], e.strategies[1][0]]) - target).max() for e in eqs]
        return int(np.argmin(gaps))

    def solve(self) -> ScenarioResult:
        """All equilibria; headline outcomes of the mixed one in Chicken, of the unique one otherwise
        (on a degenerate tie, only the number of extreme equilibria)."""
        with warnings.catch_warnings():
            # A tie is reported by region and explain(); the warning would repeat it at every sweep point.
            warnings.simplefilter("ignore", DegenerateGameWarning)
            eqs = solve(self.build())
        k = self._selected(eqs)
        outcomes = {"n_equilibria": len(eqs), **(self.outcomes_of(eqs[k]) if k is not None else {})}
        return ScenarioResult(self, eqs, outcomes, selected=k)

    def explain_result(self, result: ScenarioResult) -> str:
        out = result.outcomes
        c_r, c_n = self.russia_war_cost, self.nato_war_cost
        order = "below" if c_r < c_n else ("equal to" if c_r == c_n else "above")
        lines = [
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d Russia's cost of war ({format_prob(c_r)}) is {order} "
            f"NATO's ({format_prob(c_n)})" + ("." if c_r < c_n else ", against the article's asymmetry."),
        ]
        region = self.region
        if region == "degenerate":
            lines.append(
                "A side's cost of war equals its cost of backing down: against the other's holding firm it is "
                f"indifferent, the game is degenerate and its equilibria form a continuum; the "
                f"{int(out['n_equilibria'])} listed are its extreme points, and none is singled out."
            )
            lines.append("What would change it: any move off the tie gives a game with isolated equilibria.")
        elif region == "russia dominant":
            lines.append(
                "Russia prefers war to backing down, so holding firm is dominant for it: "
                "NATO backs down in the only equilibrium."
            )
            lines.append(
                f"What would change it: if Russia's cost of war rose above its cost of backing down "
                f"({format_prob(self.russia_audience_cost)}), the standoff would become Chicken."
            )
        elif region == "nato dominant":
            lines.append(
                "NATO prefers war to backing down, so holding firm is dominant for it: "
                "Russia backs down in the only equilibrium."
            )
            lines.append(
                f"What would change it: if NATO's cost of war rose above its cost of backing down "
                f"({format_prob(self.nato_concession_cost)}), the standoff would become Chicken."
            )
        elif region == "war":
            lines.append(
                "Both prefer war to backing down, so holding firm is dominant for both: they go to war for sure."
            )
            lines.append(
                "What would change it: a cost of war above its cost of backing down, for either side, "
                "would make that side give way."
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
                "The mixed-strategy paradox: each side's probability of holding firm is set by the other side's "
                f"payoffs, since it must leave the other indifferent. NATO's {format_prob(out['p_nato_holds'])} "
                "= s / (s + c_R - a_R) comes from Russia's stake and costs, not from NATO's resolve; Russia's "
                f"{format_prob(out['p_russia_holds'])} = k_N / c_N comes from NATO's. A NATO that fears war more "
                "makes Russia hold firm less often and leaves its own probability unchanged; a Russia that fears "
                "war more makes NATO hold firm less often."
            )
            lines.append(
                "What would change it: if Russia's cost of war fell below its cost of backing down "
                f"({format_prob(self.russia_audience_cost)}), holding firm would become dominant for Russia; "
                "in the mixed equilibrium the probability of war falls as either side's cost of war rises."
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
