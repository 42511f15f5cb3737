"""The commitment problem: a declining power's preventive war.

References: James D. Fearon (1995), "Rationalist Explanations for War",
*International Organization* 49(3): 379-414, section "Preventive war as a
commitment problem", pp. 404-409; Robert Powell (2006), "War as a
Commitment Problem", *International Organization* 60(1): 169-203.
"""

from __future__ import annotations

import attrs

from negotiation_sim._validate import nonnegative, probability, unit_open

__all__ = ["PreventiveWar", "PreventiveWarResult"]


@attrs.frozen
class PreventiveWarResult:
    """Whether the declining power fights now in :class:`PreventiveWar`.

    Attributes
    ----------
    war : bool
        Whether A prefers war now to the best deal B can offer.
    margin : float
        ``(1 - delta) * (war_value - peace_value)`` (> 0: war). While
        ``p_later >= (1 - delta) cost_a`` (A's war value after the shift is
        not negative) it equals MODELS.md's
        ``delta (p_now - p_later) - (1 - delta)(1 - p_now) - (1 - delta)**2 cost_a``.
    war_value, peace_value : float
        A's present values of war now and of the best peaceful path (B gives
        A the whole of today's flow, then the least A accepts for good).
    share_later : float
        The per-period share, in [0, 1], that B gives A after the shift:
        ``max(0, p_later - (1 - delta) cost_a)``.
    share_now : float
        The share of today's flow, in [0, 1], that B offers A to keep the
        peace; ``nan`` when no share in [0, 1] does (war).
    """

    war: bool
    margin: float
    war_value: float
    peace_value: float
    share_later: float
    share_now: float

    def describe(self) -> str:
        """Say in plain words why A fights or not."""
        if self.war:
            return (
                f"A fights a preventive war: fighting now is worth {self.war_value:.4g} to it, more than "
                f"the {self.peace_value:.4g} that B can credibly offer (all of today's flow, then a share of "
                f"{self.share_later:.4g} per period once B's power has grown: B cannot commit today to pay more "
                "tomorrow)."
            )
        return (
            f"No preventive war: B keeps the peace by offering A {self.share_now:.4g} of today's flow and "
            f"{self.share_later:.4g} per period after the shift; the best peaceful path is worth "
            f"{self.peace_value:.4g} to A, at least the {self.war_value:.4g} that war now would bring."
        )


@attrs.frozen
class PreventiveWar:
    """Fearon's (1995) preventive war as a commitment problem, in two-period-shift form.

    Formulation (stated precisely). A and B divide a flow of 1 per period
    forever; each period's division gives A a share in [0, 1]; both discount
    by ``delta``. War ends bargaining for good: it gives A the expected share
    ``p`` of every future period (its probability of winning) minus a
    one-time cost ``cost_a``; so war today is worth

    ``war_value = p_now / (1 - delta) - cost_a``.

    From tomorrow on A's power is ``p_later`` for good, and B, unable to
    commit to more, will then give A the least it accepts rather than fight:
    the per-period share ``share_later = max(0, p_later - (1 - delta) cost_a)``
    (zero when war after the shift would be worth less than nothing to A:
    a share cannot be negative). The most B can offer A today is the whole of
    today's flow plus that continuation:

    ``peace_value = 1 + delta * share_later / (1 - delta)``.

    A fights now iff ``war_value > peace_value``. While
    ``p_later >= (1 - delta) cost_a`` this is, multiplied by ``(1 - delta)``,
    MODELS.md's condition

    ``delta (p_now - p_later) - (1 - delta)(1 - p_now) > (1 - delta)**2 cost_a``;

    below it the condition is ``p_now / (1 - delta) - cost_a > 1``.
    ``margin`` is ``(1 - delta)(war_value - peace_value)``. B's cost of war
    does not enter: any peaceful division leaves B at least its own war
    value (war destroys ``cost_a`` plus B's cost), so B prefers the offer,
    but B cannot promise more tomorrow. This is the structure of Fearon's
    (1995, section "Preventive war as a commitment problem", pp. 404-409)
    argument, in which the declining state's best peaceful payoff is all of
    today's flow plus the discounted post-shift settlement; the shift
    happens once, as in Powell's (2006) simplest case.

    Parameters
    ----------
    p_now, p_later : float
        A's probability of winning a war today and after the power shift, in [0, 1].
    delta : float
        Discount factor, in (0, 1).
    cost_a : float
        A's one-time cost of war (>= 0), in units of one period's flow.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> r = ns.models.PreventiveWar(p_now=0.6, p_later=0.2, delta=0.9, cost_a=0.5).solve()
    >>> r.war, round(r.margin, 4)
    (True, 0.315)
    >>> ns.models.PreventiveWar(0.6, 0.58, 0.9, 0.5).solve().war
    False

    A war that would cost more than it could ever win is never preventive
    (the issue's case: every share stays in [0, 1]):

    >>> r = ns.models.PreventiveWar(0.3, 0.0, 0.9, 5).solve()
    >>> r.war, round(r.war_value, 4), round(r.peace_value, 4), r.share_later
    (False, -2.0, 1.0, 0.0)
    """

    p_now: float = attrs.field(validator=probability)
    p_later: float = attrs.field(validator=probability)
    delta: float = attrs.field(validator=unit_open)
    cost_a: float = attrs.field(validator=nonnegative)

    def solve(self) -> PreventiveWarResult:
        """Return whether A fights now, the margin, both present values and the shares."""
        d = self.delta
        war_value = self.p_now / (1 - d) - self.cost_a
        share_later = max(0.0, self.p_later - (1 - d) * self.cost_a)
        continuation = share_later / (1 - d)
        peace_value = 1.0 + d * continuation
        margin = (1 - d) * (war_value - peace_value)
        war = bool(margin > 0)
        # Peace needs today's share x with x + d * continuation >= war_value, x in [0, 1].
        share_now = float("nan") if war else float(min(1.0, max(0.0, war_value - d * continuation)))
        return PreventiveWarResult(
            war=war, margin=float(margin), war_value=float(war_value),
            peace_value=float(peace_value), share_later=float(share_later), share_now=share_now,
        )
