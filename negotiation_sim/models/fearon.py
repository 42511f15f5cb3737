"""Fearon's bargaining range: why a deal that both prefer to war exists.

Reference: James D. Fearon (1995), "Rationalist Explanations for War",
*International Organization* 49(3): 379-414, section "War as a costly
lottery" and Figure 1.
"""

from __future__ import annotations

import attrs

from negotiation_sim._validate import nonnegative, probability

__all__ = ["Fearon", "FearonResult"]


@attrs.frozen
class FearonResult:
    """The bargaining range of :class:`Fearon` for A's share of the stake.

    Attributes
    ----------
    low, high : float
        The range of A's shares that both sides prefer to war, clipped to [0, 1].
    war_payoff_a, war_payoff_b : float
        Each side's expected payoff from war, ``p - cost_a`` and ``1 - p - cost_b``.
    width : float
        ``high - low``; the unclipped width ``cost_a + cost_b`` is the surplus war destroys.
    """

    low: float
    high: float
    war_payoff_a: float
    war_payoff_b: float
    width: float

    def describe(self) -> str:
        """Say in plain words which deals both sides prefer to war."""
        return (
            f"Both sides prefer any deal giving A a share between {self.low:.4g} and {self.high:.4g} "
            f"to war, which gives A {self.war_payoff_a:.4g} and B {self.war_payoff_b:.4g} in "
            f"expectation; the range is {self.width:.4g} wide because war is costly."
        )


@attrs.frozen
class Fearon:
    """Fearon's (1995) bargaining model with complete information.

    Two states divide a stake of size 1. War is a costly lottery: A wins the
    whole stake with probability ``p`` and each side pays its cost of war, so
    A expects ``p - cost_a`` and B expects ``1 - p - cost_b``. With
    risk-neutral states, a division giving A the share ``x`` is preferred to
    war by both exactly when ``p - cost_a <= x <= p + cost_b`` (Fearon 1995,
    p. 388 and Figure 1): because ``cost_a + cost_b > 0`` the range is never
    empty, so under complete information war is not rational.

    Parameters
    ----------
    p : float
        Probability that A wins a war, in [0, 1].
    cost_a, cost_b : float
        Each side's cost of war, in units of the stake (>= 0).

    Notes
    -----
    Assumptions: risk neutrality, a perfectly divisible stake, war ends the
    game. The range is clipped to the feasible shares [0, 1].

    References
    ----------
    J. D. Fearon (1995), "Rationalist Explanations for War", *International
    Organization* 49(3): 379-414.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> m = ns.models.Fearon(p=0.6, cost_a=0.1, cost_b=0.2)
    >>> tuple(round(v, 4) for v in m.bargaining_range())
    (0.5, 0.8)
    >>> round(m.solve().width, 4)
    0.3
    """

    p: float = attrs.field(validator=probability)
    cost_a: float = attrs.field(validator=nonnegative)
    cost_b: float = attrs.field(validator=nonnegative)

    def bargaining_range(self) -> tuple[float, float]:
        """Return ``(low, high)``: the shares for A that both sides prefer to war, within [0, 1]."""
        low = max(0.0, self.p - self.cost_a)
        high = min(1.0, self.p + self.cost_b)
        return float(low), float(high)

    def solve(self) -> FearonResult:
        """Return the bargaining range with the war payoffs."""
        low, high = self.bargaining_range()
        return FearonResult(
            low=low,
            high=high,
            war_payoff_a=float(self.p - self.cost_a),
            war_payoff_b=float(1.0 - self.p - self.cost_b),
            width=float(high - low),
        )
