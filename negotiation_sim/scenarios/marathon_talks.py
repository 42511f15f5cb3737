"""Six hours of talks: Rubinstein's alternating offers with war as the West's outside option.

"President Macron has been talking to me for nearly six hours \u2013 almost
torturing me!" Russia and the West take turns proposing how to divide the
stake (France relays the offers); every round of delay costs each side its
discount factor. With Russia proposing first, its share is
``(1 - d_west) / (1 - d_russia d_west)`` (Rubinstein 1982): the more
impatient side gets less. The West may walk out to war, worth
``b = max(0, 1 - p - c_west)`` to it; the option changes nothing while
``b <= d_west (1 - d_russia) / (1 - d_russia d_west)`` and, when it binds,
gives the West exactly ``b``. The model is :class:`negotiation_sim.models.Rubinstein`.
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import NATO, Q_COLDLY, Q_TORTURE, Q_TROOPS, Russia
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["MarathonTalks", "marathon_talks"]


@attrs.frozen(repr=False)
class MarathonTalks(Scenario):
    """Alternating offers between an impatient Russia and a patient West.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> round(ns.scenarios.marathon_talks().solve().outcomes["share_russia"], 4)   # 0.1 / 0.28
    0.3571
    """

    name = "marathon_talks"
    title = "Six hours of talks: alternating offers with war as an outside option"
    quote = Q_TORTURE

    russia_patience: float = parameter(
        Russia().patience, doc="Russia's discount factor per round", low=0, high=1, low_open=True,
        high_open=True, quote=Q_TORTURE,
    )
    west_patience: float = parameter(
        NATO().patience, doc="the West's discount factor per round", low=0, high=1, low_open=True,
        high_open=True, note=NATO().specs["patience"].note,
    )
    win_probability: float = parameter(
        Russia().win_probability, doc="probability Russia wins a war", low=0, high=1, quote=Q_TROOPS
    )
    west_war_cost: float = parameter(
        0.1, doc="the West's cost of war, as a share of the stake", low=0, quote=Q_COLDLY
    )

    @property
    def outside_option(self) -> float:
        """The West's value of walking out to war: ``max(0, 1 - p - c_west)``."""
        return max(0.0, 1.0 - self.win_probability - self.west_war_cost)

    def build(self):
        """The :class:`negotiation_sim.models.Rubinstein` model (Russia proposes first)."""
        from negotiation_sim.models import Rubinstein

        return Rubinstein(self.russia_patience, self.west_patience, outside_option2=self.outside_option)

    def solve(self) -> ScenarioResult:
        """Shares of Russia and the West, and whether the war option binds."""
        model = self.build()
        sol = model.solve()
        outcomes = {
            "share_russia": sol.share1, "share_west": sol.share2, "outside_option": self.outside_option,
            "option_binds": float(sol.option_binds), "option_threshold": model.option_threshold,
        }
        eqs = closed_form_equilibria()
        return ScenarioResult(self, eqs, outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        binding = (
            f"The West's option of war ({format_prob(o['outside_option'])}) binds: it gets exactly that."
            if o["option_binds"]
            else f"The West's option of war ({format_prob(o['outside_option'])}) is below "
            f"{format_prob(o['option_threshold'])}, so it does not change the split."
        )
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d Russia discounts each round by {format_prob(self.russia_patience)}, "
            f"the West by {format_prob(self.west_patience)}.",
            f"Russia, proposing first, gets {format_prob(o['share_russia'])} of the stake and the West "
            f"{format_prob(o['share_west'])}, agreed at once. {binding}",
            "What would change it: patience is bargaining power; the side the talks \u201ctorture\u201d more concedes more.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    def plot(self, ax: Any = None, **kwargs: Any):
        """Shares against patience (Rubinstein)."""
        from negotiation_sim.plotting import rubinstein_shares

        return rubinstein_shares(self.build(), players=("Russia", "the West"), ax=ax, **kwargs)


def marathon_talks(**params: Any) -> MarathonTalks:
    """The six-hours-of-talks scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.marathon_talks(win_probability=0.1, west_war_cost=0.0).solve().outcomes["option_binds"]
    1.0
    """
    return MarathonTalks(**params)
