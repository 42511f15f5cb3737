"""Indivisible stakes and the commitment problem: when no deal exists, or none can be kept.

References: James D. Fearon (1995), "Rationalist Explanations for War",
*International Organization* 49(3): 379-414, section "Issue
indivisibilities", pp. 389-390 (a finite set of feasible settlements can
miss the bargaining range; lotteries and side payments restore it), and
"Preventive war as a commitment problem", pp. 404-409 (through
:class:`negotiation_sim.models.PreventiveWar`).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np

from negotiation_sim._validate import check_real, nonnegative, probability, unit_open
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.models.preventive_war import PreventiveWar

__all__ = ["Indivisibility", "IndivisibilityResult"]

#: Most feasible divisions a stake may have.
MAX_DIVISIONS = 10_000
_TOL = 1e-12


def _divisions(value: object) -> tuple[float, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        msg = f"divisions must be a sequence of A's feasible shares in [0, 1], got {value!r}"
        raise InvalidParameterError(msg)
    out = tuple(sorted({check_real(f"divisions[{k}]", v) for k, v in enumerate(value)}))
    if not 1 <= len(out) <= MAX_DIVISIONS:
        msg = f"divisions must have 1 to {MAX_DIVISIONS} distinct shares, got {len(out)}"
        raise InvalidParameterError(msg)
    if out[0] < 0 or out[-1] > 1:
        msg = f"divisions must be shares in [0, 1], got {value!r}"
        raise InvalidParameterError(msg)
    return out


def _optional(check):
    def run(instance: object, attribute: attrs.Attribute, value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return run


@attrs.frozen
class IndivisibilityResult:
    """What bargaining over an indivisible stake can reach in :class:`Indivisibility`.

    Attributes
    ----------
    low, high : float
        The bargaining range for A's share, ``[p - cost_a, p + cost_b]`` (clipped to [0, 1]).
    feasible_deals : tuple of float
        The feasible divisions inside the range (both prefer them to war).
    range_empty : bool
        No feasible division lies in the range.
    lottery : tuple of float
        ``(share_low, share_high, prob_high)``: a lottery between two adjacent
        feasible divisions whose expected share for A is ``p`` (war's odds
        without its costs) or, if the divisions cannot average to ``p``, the
        share in the range nearest to it; both sides prefer it to war. NaNs
        when no average of feasible divisions lies in the range.
    min_side_payment : float
        The smallest transfer (in units of the stake) that, added to some
        feasible division, puts A's net share in the range.
    side_payments_restore : bool
        ``min_side_payment <= side_payment_max``.
    war_indivisible : bool
        The range is empty and neither remedy is allowed (lotteries off,
        side payments too small).
    preventive_war : bool or None
        A fights now because B cannot commit to its future offers
        (Fearon's commitment problem); None when no power shift is given.
    war : bool
        Either cause of war.
    """

    low: float
    high: float
    feasible_deals: tuple[float, ...]
    range_empty: bool
    lottery: tuple[float, float, float]
    min_side_payment: float
    side_payments_restore: bool
    war_indivisible: bool
    preventive_war: bool | None
    war: bool

    def describe(self) -> str:
        """Say in plain words whether a deal exists and can be kept."""
        parts = [f"The bargaining range for A's share is [{self.low:.4g}, {self.high:.4g}]."]
        if not self.range_empty:
            parts.append(f"{len(self.feasible_deals)} feasible division(s) lie in it, so a deal exists.")
        elif self.war_indivisible:
            parts.append("No feasible division lies in it and no lottery or large enough side payment is "
                         "available: the indivisible stake leads to war.")
        else:
            parts.append("No feasible division lies in it, but a lottery or a side payment of at least "
                         f"{self.min_side_payment:.4g} restores a deal.")
        if self.preventive_war is not None:
            parts.append("The shift in power makes any deal impossible to commit to: A fights now."
                         if self.preventive_war else "The shift in power is too small for a preventive war.")
        return " ".join(parts)


@attrs.frozen
class Indivisibility:
    """Bargaining over a stake that can be divided only in some ways, with an optional shift in power.

    Formulation (Fearon 1995, pp. 389-390). A and B dispute a stake worth 1;
    war gives A the whole with probability ``p`` and costs ``cost_a`` and
    ``cost_b``; both are risk neutral, so A prefers a division ``x`` (its
    share) to war iff ``x >= p - cost_a`` and B iff ``x <= p + cost_b``: the
    bargaining range is ``[p - cost_a, p + cost_b]``. If only the shares in
    ``divisions`` are feasible (e.g. ``(0, 1)``: all or nothing, like a
    refused "special status") the range can contain none of them. Two
    remedies Fearon names: a *lottery* between feasible divisions (with
    risk-neutral sides, one with expected share ``p`` is war's gamble without
    its costs, so both prefer it: allowed when ``lotteries=True``) and a
    *side payment* ``t`` in another good (worth 1 per unit to both), which
    restores a deal iff some feasible ``x`` is within ``t`` of the range.

    The commitment problem is the other rationalist path to war and is shown
    beside it: given ``p_later`` and ``delta``, A's power moves from ``p`` to
    ``p_later``, and :class:`negotiation_sim.models.PreventiveWar` decides
    whether A fights now because B cannot commit to keep paying what A can
    only enforce while strong. No lottery or side payment today cures that.

    Parameters
    ----------
    p : float
        A's probability of winning a war, in [0, 1].
    cost_a, cost_b : float
        Costs of war (>= 0), in units of the stake.
    divisions : sequence of float, default (0.0, 1.0)
        A's feasible shares, in [0, 1] (at most 10000).
    lotteries : bool, default False
        Whether a lottery over divisions can be agreed.
    side_payment_max : float, default 0.0
        The largest side payment available (>= 0).
    p_later : float, optional
        A's probability of winning after the power shift (enables the commitment part).
    delta : float, optional
        Discount factor per period, in (0, 1) (needed with ``p_later``).

    Raises
    ------
    InvalidParameterError
        A parameter outside its range, or only one of ``p_later`` and ``delta``.

    Examples
    --------
    All or nothing, with costs too small to reach either end: war, unless a lottery is allowed.

    >>> import negotiation_sim as ns
    >>> m = ns.models.Indivisibility(p=0.5, cost_a=0.1, cost_b=0.1)
    >>> r = m.solve()
    >>> r.range_empty, r.war, r.lottery, round(r.min_side_payment, 4)
    (True, True, (0.0, 1.0, 0.5), 0.4)
    >>> ns.models.Indivisibility(p=0.5, cost_a=0.1, cost_b=0.1, lotteries=True).solve().war
    False
    """

    p: float = attrs.field(validator=probability)
    cost_a: float = attrs.field(validator=nonnegative)
    cost_b: float = attrs.field(validator=nonnegative)
    divisions: tuple[float, ...] = attrs.field(default=(0.0, 1.0), converter=_divisions)
    lotteries: bool = attrs.field(default=False, kw_only=True)
    side_payment_max: float = attrs.field(default=0.0, validator=nonnegative, kw_only=True)
    p_later: float | None = attrs.field(default=None, validator=_optional(probability), kw_only=True)
    delta: float | None = attrs.field(default=None, validator=_optional(unit_open), kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.lotteries, bool):
            msg = f"lotteries must be True or False, got {self.lotteries!r}"
            raise InvalidParameterError(msg)
        if (self.p_later is None) != (self.delta is None):
            msg = "p_later and delta must be given together (the power shift and the discount factor)"
            raise InvalidParameterError(msg)

    def bargaining_range(self) -> tuple[float, float]:
        """``(p - cost_a, p + cost_b)`` clipped to [0, 1].

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> ns.models.Indivisibility(0.7, 0.2, 0.5).bargaining_range()
        (0.5, 1.0)
        """
        return max(0.0, self.p - self.cost_a), min(1.0, self.p + self.cost_b)

    def _lottery(self, low: float, high: float) -> tuple[float, float, float]:
        divs = np.asarray(self.divisions)
        left, right = max(low, divs[0]), min(high, divs[-1])
        if left > right + _TOL:
            return (np.nan, np.nan, np.nan)
        target = float(np.clip(self.p, left, right))  # war's odds when reachable, else the nearest share
        k = int(np.searchsorted(divs, target - _TOL, side="left"))
        if abs(divs[k] - target) <= _TOL:
            return (float(divs[k]), float(divs[k]), 1.0)
        lo, hi = float(divs[k - 1]), float(divs[k])
        return (lo, hi, (target - lo) / (hi - lo))

    def solve(self) -> IndivisibilityResult:
        """The range, the feasible deals, the remedies, and the commitment problem."""
        low, high = self.bargaining_range()
        divs = np.asarray(self.divisions)
        inside = (divs >= low - _TOL) & (divs <= high + _TOL)
        gap = np.maximum(low - divs, divs - high).clip(min=0.0)
        min_side = float(gap.min())
        restore = min_side <= self.side_payment_max + _TOL
        lottery = self._lottery(low, high)
        empty = not bool(inside.any())
        war_indiv = empty and not restore and not (self.lotteries and not np.isnan(lottery[2]))
        preventive = None
        if self.p_later is not None and self.delta is not None:  # given together (__attrs_post_init__)
            preventive = PreventiveWar(self.p, self.p_later, self.delta, self.cost_a).solve().war
        return IndivisibilityResult(
            low=low, high=high, feasible_deals=tuple(float(x) for x in divs[inside]), range_empty=empty,
            lottery=lottery, min_side_payment=min_side, side_payments_restore=bool(restore),
            war_indivisible=bool(war_indiv), preventive_war=preventive, war=bool(war_indiv or preventive),
        )

    def describe(self) -> str:
        """Say in plain words what the model is."""
        return (f"A (winning with probability {self.p:.4g}) and B bargain over a stake divisible only as "
                f"{len(self.divisions)} share(s) for A, with war costs {self.cost_a:.4g} and {self.cost_b:.4g}.")
