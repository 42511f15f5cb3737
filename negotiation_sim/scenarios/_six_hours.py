"""The six hours as screening: a West that does not know what Russia would settle for makes rising offers.

"The French president's 6 hour tête à tête with his counterpart in the
Kremlin did not reap any miracles." Alternating offers with complete
information (``marathon_talks``) predict an immediate deal; delay needs
private information. Here the West does not know Russia's reservation value
(uniform on [0, 1]: from a ploy, "asking the impossible in the hope that he
will at least gain something", to a sincere wish "for a return to an old
status quo") and makes ``n_rounds`` offers, one an hour, discounting by
``delta`` per round. In the skimming equilibrium of Sobel and Takahashi
(1983) (:class:`negotiation_sim.models.Screening`) the least demanding
types settle first, offers rise, and the most demanding never settle: the
talks fail with positive probability.
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_IMPOSSIBLE, Q_OLD_STATUS_QUO, Q_SIX_HOURS, Q_TORTURE
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["SixHours", "six_hours"]


@attrs.frozen(repr=False)
class SixHours(Scenario):
    """Six rounds of offers by a West screening Russia's reservation value.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.six_hours().solve().outcomes
    >>> round(out["p_war"], 4), round(out["expected_delay"], 4)
    (0.1984, 2.3993)
    """

    name = "six_hours"
    title = "Six hours of talks as screening: offers rise, and talks can fail"
    quote = Q_SIX_HOURS

    n_rounds: int = parameter(6, doc="rounds of offers (one an hour)", low=1, high=200, integer=True, quote=Q_SIX_HOURS)
    delta: float = parameter(0.9, doc="weight of the next round relative to this one (both sides)", low=0, high=1,
                             low_open=True, high_open=True, quote=Q_TORTURE)

    def build(self):
        """The :class:`negotiation_sim.models.Screening` model (reservation values uniform on [0, 1])."""
        from negotiation_sim.models import Screening

        return Screening(delta=self.delta, n_rounds=self.n_rounds)

    def solve(self) -> ScenarioResult:
        """Offers, agreement by round, the probability that the talks fail and the expected delay."""
        sol = self.build().solve()
        outcomes = {
            "first_offer": sol.offers[0], "last_offer": sol.offers[-1], "p_agree_first": sol.p_agree[0],
            "p_war": sol.p_war, "expected_delay": sol.expected_delay, "west_payoff": sol.west_payoff,
        }
        eqs = closed_form_equilibria("Skimming equilibrium in closed form (Sobel and Takahashi 1983).")
        return ScenarioResult(self, eqs, outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d The West does not know what Russia would settle for: "
            f"\u201c{Q_IMPOSSIBLE}\u201d \u201c{Q_OLD_STATUS_QUO}\u201d",
            f"Over {self.n_rounds} round(s) the West's offer rises from {format_prob(o['first_offer'])} to "
            f"{format_prob(o['last_offer'])} of the stake; a Russia with a low reservation value settles early "
            f"(probability {format_prob(o['p_agree_first'])} in the first round), a demanding one holds out.",
            f"The talks fail with probability {format_prob(o['p_war'])}; an agreement comes after "
            f"{format_prob(o['expected_delay'])} rounds of delay on average.",
            "What would change it: more rounds lower the probability that the talks fail and raise the expected "
            "delay; a single round is a take-it-or-leave-it offer that fails half the time.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    def plot(self, ax: Any = None, **kwargs: Any):
        """The West's offer and the probability of agreement, round by round."""
        from negotiation_sim.plotting.time import screening_rounds

        return screening_rounds(self.build(), ax=ax, **kwargs)


def six_hours(**params: Any) -> SixHours:
    """The six-hours screening scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.six_hours(n_rounds=1).solve().outcomes["p_war"]
    0.5
    """
    return SixHours(**params)
