"""Mediation by a biased mediator: cheap talk is believed only when the bias makes it credible.

Reference: Andrew Kydd (2003), "Which Side Are You On? Bias, Credibility,
and Mediation", *American Journal of Political Science* 47(4): 597-611.
Kydd's logic: a mediator's report that the other side is resolved (so
"moderate your demand") is believed only if the mediator would not say it
falsely, i.e. if it is on the listener's side. The formulation below is our
own tractable version of that logic on Fearon's two-type risk-return model.
"""

from __future__ import annotations

import functools
import math

import attrs

from negotiation_sim._validate import finite, nonnegative, probability
from negotiation_sim.models.risk_return import RiskReturn, RiskReturnResult, TwoTypeCost

__all__ = ["Mediation", "MediationResult"]


@attrs.frozen
class MediationResult:
    """Outcomes of :class:`Mediation` with and without the mediator.

    Attributes
    ----------
    credible : bool
        Whether truthful reporting is an equilibrium (then A believes the mediator).
    ideal_bounds : tuple of float
        ``(low, high)``: the mediator's ideal points (shares for A, in
        [0, 1]) for which it is credible: the interval of the docstring of
        :class:`Mediation` cut to the shares that exist.
    demand_without, p_war_without, utility_without : float
        A's demand, the probability of war and A's expected payoff with no mediator.
    demands_with : tuple of float
        A's demand to the resolved (low-cost) and irresolute (high-cost) B with the mediator.
    demand_with, p_war_with, utility_with : float
        Expected demand, probability of war and A's expected payoff with the mediator.
    """

    credible: bool
    ideal_bounds: tuple[float, float]
    demand_without: float
    p_war_without: float
    utility_without: float
    demands_with: tuple[float, float]
    demand_with: float
    p_war_with: float
    utility_with: float

    def describe(self) -> str:
        """Say in plain words whether the mediator helps and why."""
        low, high = self.ideal_bounds
        if self.credible:
            return (
                f"The mediator is credible (its ideal point lies in [{low:.4g}, {high:.4g}]): A tailors "
                f"its demand to B's resolve, and the probability of war falls from {self.p_war_without:.4g} "
                f"to {self.p_war_with:.4g}."
            )
        return (
            f"The mediator is not credible (credibility needs an ideal point in [{low:.4g}, {high:.4g}]): "
            f"A ignores its message, demands {self.demand_without:.4g}, and war occurs with probability "
            f"{self.p_war_without:.4g} as without it."
        )


@attrs.frozen
class Mediation:
    """A mediator who knows B's resolve and tells A (after Kydd 2003).

    Bargaining is Fearon's two-type risk-return model
    (:meth:`RiskReturn.two_types`): A demands ``x``; B, resolved (cost of war
    ``cost_low``, probability ``prob_low``) or irresolute (``cost_high``),
    accepts iff ``cost_B >= x - p``. The mediator knows B's type and sends A
    a cheap-talk report "resolved" or "irresolute". It likes a settlement
    giving A the share ``x`` by ``-(x - ideal_point)**2`` and war by
    ``-mediator_war_cost``. In the informative equilibrium A believes the
    report and demands ``x_L = min(1, p + cost_low)`` or
    ``x_H = min(1, p + cost_high)``: no war. Truthful reporting is an
    equilibrium iff neither type of mediator gains by lying:

    - irresolute B: reporting "resolved" would get the lower settlement
      ``x_L``; truth needs ``|x_H - m| <= |x_L - m|``, i.e.
      ``m >= (x_L + x_H)/2``;
    - resolved B: reporting "irresolute" would bring the demand ``x_H``,
      which B rejects (war) if ``x_H > p + cost_low``; truth needs
      ``(x_L - m)**2 <= mediator_war_cost``, i.e.
      ``m <= x_L + sqrt(mediator_war_cost)``.

    So the mediator is credible iff its ideal point lies in
    ``[(x_L + x_H)/2, x_L + sqrt(mediator_war_cost)]`` (cut to the shares in
    [0, 1], since an ideal point is a share): it must lean towards
    A, the side it advises to moderate (Kydd's "bias"), but not so far that
    it would rather see war than a low settlement. When it is not credible
    only the babbling equilibrium remains, and the outcome is the one
    without a mediator (:class:`RiskReturn`).

    Parameters
    ----------
    p : float
        Probability A wins a war, in [0, 1].
    cost_a : float
        A's cost of war (>= 0).
    cost_low, cost_high : float
        B's cost of war when resolved and when irresolute (0 <= low <= high).
    prob_low : float
        Probability B is resolved, in [0, 1].
    ideal_point : float
        The mediator's ideal share for A (its bias).
    mediator_war_cost : float
        The mediator's loss from war (>= 0).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> m = ns.models.Mediation(p=0.5, cost_a=0.1, cost_low=0.05, cost_high=0.3, prob_low=0.2,
    ...                         ideal_point=0.7, mediator_war_cost=0.1)
    >>> r = m.solve()
    >>> r.credible, round(r.p_war_without, 4), round(r.p_war_with, 4)
    (True, 0.2, 0.0)
    >>> attrs_evolve = __import__("attrs").evolve
    >>> attrs_evolve(m, ideal_point=0.5).solve().credible
    False
    """

    p: float = attrs.field(validator=probability)
    cost_a: float = attrs.field(validator=nonnegative)
    cost_low: float = attrs.field(validator=nonnegative)
    cost_high: float = attrs.field(validator=nonnegative)
    prob_low: float = attrs.field(validator=probability)
    ideal_point: float = attrs.field(validator=finite)
    mediator_war_cost: float = attrs.field(default=1.0, validator=nonnegative)

    def __attrs_post_init__(self) -> None:
        TwoTypeCost(self.cost_low, self.cost_high, self.prob_low)  # checks cost_high >= cost_low

    def _mediator_utility(self, demand: float, cost_b: float) -> float:
        if demand - self.p > cost_b + 1e-12:  # B rejects: war (round-off tolerated, as in RiskReturn)
            return -float(self.mediator_war_cost)
        return -((demand - self.ideal_point) ** 2)

    def solve(self) -> MediationResult:
        """Return whether the mediator is credible and the outcomes with and without it."""
        alone = _without_mediator(*((type(v), float(v).hex(), v) for v in (self.p, self.cost_a, self.cost_low,
                                                                          self.cost_high, self.prob_low)))
        x_low, x_high = min(1.0, self.p + self.cost_low), min(1.0, self.p + self.cost_high)
        truthful_low = self._mediator_utility(x_low, self.cost_low) >= self._mediator_utility(
            x_high, self.cost_low)
        truthful_high = self._mediator_utility(x_high, self.cost_high) >= self._mediator_utility(
            x_low, self.cost_high)
        credible = truthful_low and truthful_high
        # An ideal point is a share: the credible interval is cut to [0, 1] (its upper end,
        # x_L + sqrt(mediator_war_cost), passes 1 whenever war costs the mediator enough).
        bounds = ((x_low + x_high) / 2.0, min(1.0, x_low + math.sqrt(self.mediator_war_cost)))
        q = self.prob_low
        if credible:
            demands = (x_low, x_high)
            demand_with = q * x_low + (1 - q) * x_high
            p_war_with, utility_with = 0.0, demand_with
        else:
            demands = (alone.demand, alone.demand)
            demand_with, p_war_with, utility_with = alone.demand, alone.p_war, alone.expected_utility
        return MediationResult(
            credible=bool(credible),
            ideal_bounds=(float(bounds[0]), float(bounds[1])),
            demand_without=alone.demand,
            p_war_without=alone.p_war,
            utility_without=alone.expected_utility,
            demands_with=(float(demands[0]), float(demands[1])),
            demand_with=float(demand_with),
            p_war_with=float(p_war_with),
            utility_with=float(utility_with),
        )


@functools.lru_cache(maxsize=64)
def _without_mediator(*keyed: tuple[type, str, float]) -> RiskReturnResult:
    """The bargaining without a mediator (:meth:`RiskReturn.two_types` solved) for ``p, cost_a, cost_low,
    cost_high, prob_low``, each given as ``(type, hex, value)`` so that a solution is reused only for the very
    same numbers (a curve over the mediator's ideal point solves it once, not once per point)."""
    return RiskReturn.two_types(*(value for _, _, value in keyed)).solve()
