"""The commitment problem: a declining power's preventive war.

References: James D. Fearon (1995), "Rationalist Explanations for War",
*International Organization* 49(3): 379-414, section "Preventive war as a
commitment problem", pp. 404-409; Robert Powell (2006), "War as a
Commitment Problem", *International Organization* 60(1): 169-203.
"""

from __future__ import annotations

import attrs

from negotiation_sim.models._validators import nonnegative, probability, unit_open

__all__ = ["PreventiveWar", "PreventiveWarResult"]


@attrs.frozen
class PreventiveWarResult:
    """Whether the declining power fights now in :class:`PreventiveWar`.

    Attributes
    ----------
    war : bool
        Whether A prefers war now to the best deal B can offer.
    margin : float
        ``delta (p_now - p_later) - (1 - delta)(1 - p_now) - (1 - delta)**2 cost_a``
        (> 0: war; this is ``(1 - delta)`` times A's gain from war in
        present value).
    war_value, peace_value : float
        A's present values of war now and of the best peaceful path.
    """

    war: bool
    margin: float
    war_value: float
    peace_value: float

    def describe(self) -> str:
        """Say in plain words why A fights or not."""
        if self.war:
            return (
                f"A fights a preventive war: fighting now is worth {self.war_value:.4g} to it, more than "
                f"the {self.peace_value:.4g} that B can credibly offer once B's power has grown "
                "(B cannot commit today to keep paying tomorrow)."
            )
        return (
            f"No preventive war: the best peaceful path is worth {self.peace_value:.4g} to A, at least "
            f"the {self.war_value:.4g} that war now would bring."
        )


@attrs.frozen
class PreventiveWar:
    """Fearon's (1995) preventive war as a commitment problem, in two-period-shift form.

    Formulation (stated precisely). A and B divide a flow of 1 per period
    forever, discounting by ``delta``. War ends bargaining for good: it
    gives A the share ``p`` of every future period (its probability of
    winning) minus a one-time cost ``cost_a``; so war today is worth
    ``p_now / (1 - delta) - cost_a`` to A. Tomorrow A's power falls to
    ``p_later`` for good, and B, unable to commit to more, will then keep A
    at its war value ``p_later / (1 - delta) - cost_a``. The most B can
    offer A today is the whole of today's flow plus that continuation:
    ``1 + delta (p_later / (1 - delta) - cost_a)``. A fights now iff war is
    worth more; multiplying by ``(1 - delta)``:

    ``delta (p_now - p_later) - (1 - delta)(1 - p_now) > (1 - delta)**2 cost_a``

    (MODELS.md's condition). ``margin`` is the left side minus the right.
    B's cost of war does not enter: B would gladly pay anything up to A's
    war value, but cannot promise it tomorrow.

    Parameters
    ----------
    p_now, p_later : float
        A's probability of winning a war today and after the power shift, in [0, 1].
    delta : float
        Discount factor, in (0, 1).
    cost_a : float
        A's one-time cost of war (>= 0).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> r = ns.models.PreventiveWar(p_now=0.6, p_later=0.2, delta=0.9, cost_a=0.5).solve()
    >>> r.war, round(r.margin, 4)
    (True, 0.315)
    >>> ns.models.PreventiveWar(0.6, 0.58, 0.9, 0.5).solve().war
    False
    """

    p_now: float = attrs.field(validator=probability)
    p_later: float = attrs.field(validator=probability)
    delta: float = attrs.field(validator=unit_open)
    cost_a: float = attrs.field(validator=nonnegative)

    def solve(self) -> PreventiveWarResult:
        """Return whether A fights now, the margin and both present values."""
        d = self.delta
        margin = d * (self.p_now - self.p_later) - (1 - d) * (1 - self.p_now) - (1 - d) ** 2 * self.cost_a
        war_value = self.p_now / (1 - d) - self.cost_a
        peace_value = 1.0 + d * (self.p_later / (1 - d) - self.cost_a)
        return PreventiveWarResult(
            war=bool(margin > 0), margin=float(margin), war_value=float(war_value),
            peace_value=float(peace_value),
        )
