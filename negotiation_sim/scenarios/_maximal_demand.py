"""Asking the impossible: Fearon's risk-return trade-off behind a maximal demand.

"Is he asking the impossible in the hope that he will at least gain
something?" Russia makes a take-it-or-leave-it demand ``x`` (its share of the
European security order) without knowing the West's cost of war ``c_B``. The
West accepts iff ``c_B >= x - p``. A higher demand gains more when accepted
but is rejected, and means war, more often: with ``c_B ~ U[0, cost_b_max]``
the optimal demand is ``x* = p + (cost_b_max - cost_a) / 2`` (while interior)
and the probability of war ``(cost_b_max - cost_a) / (2 cost_b_max)``, whatever
``p`` (Fearon 1995). The model is :class:`negotiation_sim.models.RiskReturn`;
the two-type version (the West's cost is ``cost_low`` with probability
``prob_low``, else ``cost_b_max``) is reported beside it. At the corner
(``p + (cost_b_max - cost_a)/2 >= 1``) Russia demands everything and the
probability of war, ``(1 - p)/cost_b_max``, does depend on ``p``; when
``cost_a >= cost_b_max`` Russia demands ``p``, which every West accepts.
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_COLDLY, Q_EVALUATES, Q_IMPOSSIBLE, Q_TROOPS, Russia
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["MaximalDemand", "maximal_demand"]


@attrs.frozen(repr=False)
class MaximalDemand(Scenario):
    """Russia's optimal demand under uncertainty about the West's cost of war.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.maximal_demand().solve().outcomes
    >>> round(out["demand"], 4), round(out["p_war"], 4)     # 0.6 + (0.5 - 0.1)/2, 0.4/1.0
    (0.8, 0.4)
    """

    name = "maximal_demand"
    title = "Asking the impossible: the risk-return trade-off of a maximal demand"
    quote = Q_IMPOSSIBLE

    win_probability: float = parameter(
        Russia().win_probability, doc="probability Russia wins a war (p)", low=0, high=1, quote=Q_TROOPS
    )
    cost_a: float = parameter(
        0.1, doc="Russia's cost of war, as a share of the stake (below the West's)", low=0, quote=Q_COLDLY,
    )
    cost_b_max: float = parameter(
        0.5, doc="the largest cost of war the West may have (uniform on [0, max])", low=0, low_open=True,
        quote=Q_EVALUATES,
    )
    cost_low: float = parameter(
        0.05, doc="the West's cost of war if it is the low-cost type (two-type version; at most cost_b_max)",
        low=0, note="a West that would bear war cheaply; with probability prob_low.",
    )
    prob_low: float = parameter(
        0.5, doc="probability the West has the low cost (two-type version)", low=0, high=1,
        note="Russia's uncertainty between the two types; 1/2 = no information.",
    )

    def validate(self) -> None:
        """The low-cost type's cost of war is at most the high one (``cost_low <= cost_b_max``)."""
        if self.cost_low > self.cost_b_max:
            msg = (
                f"cost_low ({self.cost_low!r}, the low-cost West's cost of war) must be at most cost_b_max "
                f"({self.cost_b_max!r}, the high-cost West's)"
            )
            raise InvalidParameterError(msg)

    @property
    def interior(self) -> bool:
        """Whether the uniform-cost demand is interior: ``cost_a < cost_b_max`` and ``p + (cost_b_max - cost_a)/2 < 1``."""
        return self.cost_a < self.cost_b_max and self.win_probability + (self.cost_b_max - self.cost_a) / 2 < 1

    def build(self):
        """The uniform-cost :class:`negotiation_sim.models.RiskReturn` model."""
        from scipy import stats

        from negotiation_sim.models import RiskReturn

        return RiskReturn(self.win_probability, self.cost_a, stats.uniform(0, self.cost_b_max))

    def solve(self) -> ScenarioResult:
        """Optimal demand and probability of war, uniform and two-type; the bargaining range at the mean cost."""
        from negotiation_sim.models import Fearon, RiskReturn

        sol = self.build().solve()
        two = RiskReturn.two_types(
            self.win_probability, self.cost_a, cost_low=self.cost_low, cost_high=self.cost_b_max,
            prob_low=self.prob_low,
        ).solve()
        low, high = Fearon(self.win_probability, self.cost_a, self.cost_b_max / 2).bargaining_range()
        outcomes = {
            "demand": sol.demand, "p_war": sol.p_war, "expected_utility": sol.expected_utility,
            "two_type_demand": two.demand, "two_type_p_war": two.p_war,
            "range_low": low, "range_high": high,
        }
        return ScenarioResult(self, closed_form_equilibria(), outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        p = self.win_probability
        if o["p_war"] > 0:
            gamble = (
                f"Its best demand is {format_prob(o['demand'])} of the stake, more than its war value "
                f"{format_prob(p - self.cost_a)}: it accepts a {format_prob(o['p_war'])} probability of war in "
                "exchange for a larger share when the West gives in."
            )
        elif self.cost_a < self.cost_b_max:  # p = 1: Russia would win any war for sure
            gamble = "It would win any war for sure, so it demands the whole stake and every West accepts."
        else:
            gamble = (
                f"Its best demand is {format_prob(o['demand'])} of the stake (= p), which every West accepts: "
                f"its own cost of war ({format_prob(self.cost_a)}) is at least the largest the West may have, so "
                "no larger demand is worth the risk of war."
            )
        if self.interior:
            change = (
                "What would change it: the probability of war, (cost_b_max - cost_a) / (2 cost_b_max), depends on "
                "the spread of the West's possible costs against Russia's own cost, not on Russia's military edge "
                "p, which only shifts the demand."
            )
        elif self.cost_a >= self.cost_b_max:
            change = (
                "What would change it: a West cost of war that could exceed Russia's own would make a demand "
                "above p, and a risk of war, worth it."
            )
        else:
            change = (
                "What would change it: Russia already demands the whole stake; here the probability of war, "
                "(1 - p) / cost_b_max, falls as Russia's military edge p rises."
            )
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            f"Russia wins a war with probability {format_prob(p)} and does not know the West's "
            f"cost of war (anywhere up to {format_prob(self.cost_b_max)}). " + gamble,
            f"Knowing the West's expected cost, any share for Russia in [{format_prob(o['range_low'])}, "
            f"{format_prob(o['range_high'])}] would beat war for both.",
            f"With two types of West (cost {format_prob(self.cost_low)} with probability {format_prob(self.prob_low)}, "
            f"else {format_prob(self.cost_b_max)}), the demand is {format_prob(o['two_type_demand'])} and the "
            f"probability of war {format_prob(o['two_type_p_war'])}.",
            change,
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    def plot(self, ax: Any = None, **kwargs: Any):
        """The bargaining range, war payoffs, demand and probability of war."""
        from negotiation_sim.plotting import bargaining_range

        return bargaining_range(self.build(), players=("Russia", "the West"), ax=ax, **kwargs)


def maximal_demand(**params: Any) -> MaximalDemand:
    """The maximal-demand scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> round(ns.scenarios.maximal_demand(win_probability=0.3).solve().outcomes["p_war"], 4)
    0.4
    """
    return MaximalDemand(**params)
