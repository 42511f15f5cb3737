"""Lessons of 2014: reputation in a chain of crises (Kreps & Wilson's chain store).

"We see an unprecedented level of support for Ukraine (a level which, had it
been shown in 2014, would have avoided the annexation of Crimea ...)". The
West faces a challenge from Russia in each of ``n_crises`` crises. A tough
West (prior probability ``prior``) always resists; a weak one resists only
to build a reputation. Russia challenges with ``n`` crises left iff its belief
that the West is tough is below ``b**n`` (Kreps & Wilson 1982;
:class:`negotiation_sim.models.ChainStore`). A weak response (acquiescing)
reveals the West as weak: the belief drops to 0 and every later crisis is
challenged.
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_2014, Q_UNITY
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["Reputation", "reputation"]


@attrs.frozen(repr=False)
class Reputation(Scenario):
    """A chain of crises in which the West's responses build or spend its reputation.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.reputation().solve().outcomes["deterred_crises"]
    3.0
    """

    name = "reputation"
    title = "Lessons of 2014: reputation across a chain of crises"
    quote = Q_2014

    prior: float = parameter(
        0.1, doc="Russia's prior belief that the West is tough (always resists)", low=0, high=1, quote=Q_UNITY
    )
    n_crises: int = parameter(
        6, doc="number of crises ahead", low=1, high=50, integer=True, quote=Q_2014,
    )
    challenger_gain: float = parameter(
        0.5, doc="Russia's gain from an unresisted challenge (b; resisted: b - 1)", low=0, high=1,
        low_open=True, high_open=True,
        note="a challenge that meets resistance costs Russia more than an unresisted one gains it.",
    )
    defender_value: float = parameter(
        2.0, doc="a weak West's value of a crisis not challenged (a > 1; resisting costs 1)", low=1,
        low_open=True, note="deterrence is worth more to the West than one crisis's cost of resisting.",
    )

    def build(self):
        """The :class:`negotiation_sim.models.ChainStore` model."""
        from negotiation_sim.models import ChainStore

        return ChainStore(a=self.defender_value, b=self.challenger_gain, prior=self.prior, n_markets=self.n_crises)

    def solve(self) -> ScenarioResult:
        """Deterred crises on the path where the West always resists; the effect of one weak response."""
        model = self.build()
        sol = model.solve()
        table = sol.table
        outcomes = {
            "deterred_crises": sol.deterred_markets,
            "p_challenge_first": float(table["p_enter"].iloc[0]),
            "challenged_after_weak_response": float(self.n_crises - 1),
        }
        eqs = closed_form_equilibria("Sequential equilibrium in closed form.")
        return ScenarioResult(self, eqs, outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            f"With a prior of {format_prob(self.prior)} that the West is tough and {self.n_crises} crises ahead, "
            f"a West that keeps resisting deters Russia in {int(o['deterred_crises'])} of them: early on even a "
            "weak West resists to keep its reputation, and Russia stays out while its belief exceeds b**n.",
            f"A weak response (acquiescing, as in 2014) reveals the West as weak: Russia's belief drops to 0 and it "
            f"challenges in every one of the remaining {int(o['challenged_after_weak_response'])} crises.",
            "What would change it: a higher prior of toughness (unity) or more crises ahead (more reputation to "
            "protect) deter more challenges.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    def plot(self, ax: Any = None, **kwargs: Any):
        """Russia's belief and its probability of challenging, crisis by crisis."""
        from negotiation_sim.plotting._common import get_ax

        ax = get_ax(ax)
        table = self.build().solve().table
        crisis = range(1, len(table) + 1)
        ax.plot(crisis, table["reputation"], marker="o", label="belief the West is tough", **kwargs)
        ax.plot(crisis, table["p_enter"], marker="s", label="probability Russia challenges", **kwargs)
        ax.set_xlabel("crisis")
        ax.set_ylabel("probability")
        ax.set_ylim(-0.02, 1.02)
        ax.set_title("Reputation along the path where the West always resists")
        ax.legend()
        return ax


def reputation(**params: Any) -> Reputation:
    """The lessons-of-2014 scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.reputation(prior=0.9).solve().outcomes["deterred_crises"]
    6.0
    """
    return Reputation(**params)
