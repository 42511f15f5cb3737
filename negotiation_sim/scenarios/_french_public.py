"""The French public: a two-level game, and Russia's wedge aimed at French voters (Putnam 1988).

"Ask your citizens whether they want France to enter into a war with
Russia." Whatever Macron agrees must be ratified at home. If the French
median voter will ratify only a deal that keeps enough of the European
security order, that constraint strengthens Macron's hand (Schelling's
conjecture); Putin's question is aimed over Macron's head at that median,
to make no agreement look like war and so lower what the public insists on
(:class:`negotiation_sim.models.TwoLevelGame`).
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_ASK_CITIZENS, Q_CANNOT_QUESTION, Q_IMPOSSIBLE, Q_UNITY
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.models.two_level import TwoLevelGame
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["FrenchPublic", "french_public"]


@attrs.frozen(repr=False)
class FrenchPublic(Scenario):
    """France's agreement with Russia must be ratified by the French median voter.

    The stake is the European security order: France's share is how much of it the agreement keeps.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.french_public().solve().outcomes
    >>> out["share_france_without_wedge"], out["share_france"], round(out["russia_wedge_gain"], 4)
    (0.6, 0.5, 0.1)
    """

    name = "french_public"
    title = "The French public: a two-level game and Russia's wedge"
    quote = Q_ASK_CITIZENS

    median_reservation: float = parameter(
        0.6, doc="the smallest share of the security order the French median voter ratifies", low=0, high=1,
        quote=Q_CANNOT_QUESTION,
    )
    france_disagreement: float = parameter(
        0.1, doc="France's payoff if there is no agreement", low=0, high=1, high_open=True, quote=Q_UNITY,
    )
    russia_disagreement: float = parameter(
        0.1, doc="Russia's payoff if there is no agreement", low=0, high=1, high_open=True, quote=Q_IMPOSSIBLE,
    )
    wedge: float = parameter(
        0.15, doc="how far Russia's appeal lowers the French median's reservation", low=0, quote=Q_ASK_CITIZENS,
    )

    def validate(self) -> None:
        """The two sides' disagreement payoffs must leave gains from agreement (sum below 1)."""
        if not self.france_disagreement + self.russia_disagreement < 1.0:
            msg = (f"france_disagreement + russia_disagreement must be below 1, got {self.france_disagreement!r} + "
                   f"{self.russia_disagreement!r}: there would be nothing to agree on")
            raise InvalidParameterError(msg)

    def build(self) -> TwoLevelGame:
        """The :class:`~negotiation_sim.models.TwoLevelGame` with France as A."""
        return TwoLevelGame(median_reservation=self.median_reservation, disagreement_a=self.france_disagreement,
                            disagreement_b=self.russia_disagreement, wedge=self.wedge)

    def solve(self) -> ScenarioResult:
        """France's share with and without the wedge."""
        sol = self.build().solve()
        outcomes = {
            "agreement": float(sol.agreement), "share_france": sol.share_a, "share_russia": sol.share_b,
            "share_france_without_wedge": sol.share_a_without_wedge,
            "russia_wedge_gain": sol.wedge_gain_b, "unconstrained_share_france": sol.unconstrained_share_a,
            "constraint_binds": float(sol.constraint_binds), "effective_reservation": sol.effective_reservation,
        }
        return ScenarioResult(self, closed_form_equilibria(), outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        r = result.solution
        ceiling = 1.0 - self.russia_disagreement
        lines = [f"{self.title}.", f"The article: \u201c{self.quote}\u201d"]
        if not r.agreement:
            lines.append(
                f"The French median ratifies only deals keeping at least {format_prob(r.win_set_a[0])} of the "
                f"security order, more than Russia would concede ({format_prob(ceiling)}): the win-sets do not "
                "overlap and there is no agreement.")
        elif r.constraint_binds:
            lines.append(
                f"Even after Russia's appeal the French median ratifies nothing below "
                f"{format_prob(o['effective_reservation'])}, so Macron's hands are tied and France keeps "
                f"{format_prob(o['share_france'])} instead of {format_prob(o['unconstrained_share_france'])}.")
        else:
            lines.append(
                f"The French median's reservation, after Russia's appeal "
                f"{format_prob(o['effective_reservation'])}, does not bind: the sides split at the Nash solution "
                f"and France keeps {format_prob(o['share_france'])}.")
        if o["share_france_without_wedge"] == o["share_france_without_wedge"]:  # not NaN: a deal without the wedge
            lines.append(
                f"Without the appeal France would keep {format_prob(o['share_france_without_wedge'])}: the wedge "
                f"is worth {format_prob(o['russia_wedge_gain'])} to Russia.")
        lines.append(
            "What would change it: above the Nash share "
            f"({format_prob(o['unconstrained_share_france'])}), every point of the median's reservation is a point "
            f"for France, up to {format_prob(ceiling)}, beyond which there is no agreement; the wedge helps Russia "
            "only where the French constraint would bind (or block any agreement) without it.")
        lines.append("Parameters and their sources:\n" + self.provenance_text())
        return "\n".join(lines)

    def plot(self, ax: Any = None, **kwargs: Any):
        """France's share against its median's reservation (:func:`negotiation_sim.plotting.two_level`)."""
        from negotiation_sim.plotting import two_level

        return two_level(self.build(), names=("France", "Russia"), ax=ax, **kwargs)


def french_public(**params: Any) -> FrenchPublic:
    """The two-level scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.french_public(wedge=0.0).solve().outcomes["share_france"]
    0.6
    """
    return FrenchPublic(**params)
