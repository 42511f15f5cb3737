"""Tête-à-tête versus press conference: the same statement is free in private and costly in public.

Said in the six-hour tête-à-tête, a statement of resolve is cheap talk: every
type of Russia would like the West to believe it resolved, so the words carry
no information. Said at the press conference, the same statement ties hands:
backing down after it would cost an audience cost (after Fearon 1997; solved
with :class:`negotiation_sim.models.CostlySignal`, its "none" and "tie"
instruments).
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim.actors import Q_PRESS_CONFERENCE, Q_SIX_HOURS
from negotiation_sim.scenarios._base import ScenarioResult, closed_form_equilibria
from negotiation_sim.scenarios._troops_signal import ResolveSignalling
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["PublicPrivate", "public_private"]


@attrs.frozen(repr=False)
class PublicPrivate(ResolveSignalling):
    """The same statement in private (cheap talk) and in public (tied hands).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.public_private().solve().outcomes
    >>> round(out["p_refuse_private"], 4), round(out["p_refuse_public"], 4)
    (0.65, 0.3716)
    """

    name = "public_private"
    title = "T\u00eate-\u00e0-t\u00eate or press conference: cheap talk versus tied hands"
    quote = Q_PRESS_CONFERENCE

    def solve(self) -> ScenarioResult:
        """Talk alone (private) and tying hands (public), side by side."""
        sol = self.build().solve()
        n, t = sol.none, sol.tie
        outcomes = {
            "p_refuse_private": n.p_challenge, "p_war_private": n.p_war, "russia_payoff_private": n.defender_payoff,
            "audience_cost": t.signal, "public_cutoff": t.cutoff, "p_commit_public": t.p_signal,
            "p_refuse_public": t.p_challenge, "p_war_public": t.p_war, "russia_payoff_public": t.defender_payoff,
            "resolve_threshold": sol.resolve_threshold,
        }
        return ScenarioResult(self, closed_form_equilibria(), outcomes, solution=sol)

    def plot(self, ax: Any = None, **kwargs: Any):
        """Talk only (in private) against tying hands (in public) (:func:`negotiation_sim.plotting.costly_signal`)."""
        from negotiation_sim.plotting import costly_signal

        return costly_signal(self.build(), names=("Russia", "the West"), instruments=("none", "tie"), ax=ax,
                             **kwargs)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        war_change = "raises" if o["p_war_public"] > o["p_war_private"] else "lowers"
        payoff_change = "raises" if o["russia_payoff_public"] > o["russia_payoff_private"] else "lowers"
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{Q_SIX_HOURS}\u201d and \u201c{self.quote}\u201d",
            f"In private, words cost nothing and every type of Russia would like to be thought resolved, so "
            f"the talk is babbling: the West refuses with probability {format_prob(o['p_refuse_private'])} and "
            f"war follows with probability {format_prob(o['p_war_private'])}.",
            f"In public, the same statement ties Russia's hands: backing down afterwards would cost it "
            f"{format_prob(o['audience_cost'])}, so every type with resolve at least "
            f"{format_prob(o['public_cutoff'])} commits itself and would fight, and no type bluffs. The West "
            f"refuses with probability {format_prob(o['p_refuse_public'])}, and war follows with probability "
            f"{format_prob(o['p_war_public'])}: going public {war_change} the risk of war and {payoff_change} Russia's "
            f"expected payoff from {format_prob(o['russia_payoff_private'])} to "
            f"{format_prob(o['russia_payoff_public'])}.",
            "What would change it: a higher cost of war for the West makes it refuse less often in both "
            "settings; a higher cost of war for Russia shrinks the set of types that commit in public.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])


def public_private(**params: Any) -> PublicPrivate:
    """The public-versus-private scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.public_private(west_war_cost=0.5).solve().outcomes["p_war_public"] > 0
    True
    """
    return PublicPrivate(**params)
