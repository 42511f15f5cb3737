"""Audience costs as a war of attrition (after Fearon 1994), in discrete time.

Reference: James D. Fearon (1994), "Domestic Political Audiences and the
Escalation of International Disputes", *American Political Science Review*
88(3): 577-592. Fearon models a crisis as a political war of attrition in
continuous time: at each moment each leader may attack, back down or
escalate, and a leader who backs down pays an audience cost that grows the
longer the public confrontation lasts; both sides' preferences are private.
The model below keeps that structure in discrete time with two types per
side (stated in :class:`WarOfAttrition`); it is ours, not Fearon's exact
game, and its equilibrium is the standard mixed war of attrition (each
irresolute side backs down at the rate that keeps the other indifferent).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim._validate import finite, positive, positive_count, probability
from negotiation_sim.errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["WarOfAttrition", "WarOfAttritionResult"]

#: The longest horizon accepted (periods); the solution is an array per period.
MAX_HORIZON = 100_000


@attrs.frozen
class WarOfAttritionResult:
    """The equilibrium of :class:`WarOfAttrition`, period by period.

    Attributes
    ----------
    hazards : numpy.ndarray
        Shape ``(horizon, 2)``: ``hazards[t - 1, i]`` is the probability that side ``i`` backs down in period
        ``t`` given that the crisis reached it (as the other side sees it).
    quit_probs : numpy.ndarray
        Shape ``(horizon, 2)``: the irresolute type's probability of backing down in period ``t`` if it has not yet.
    beliefs : numpy.ndarray
        Shape ``(horizon + 1, 2)``: the probability that side ``i`` is resolved, given that the crisis has
        lasted into period ``t`` (row ``t - 1``; the last row is after period ``horizon``).
    p_war : float
        Probability that neither backs down by the horizon: war.
    p_backs_down_first : tuple of float
        Probability that side 1 (side 2) backs down while the other stands firm.
    p_both_back_down : float
        Probability that both back down in the same period.
    expected_duration : float
        Expected number of periods the crisis lasts.
    """

    hazards: np.ndarray = attrs.field(converter=readonly)
    quit_probs: np.ndarray = attrs.field(converter=readonly)
    beliefs: np.ndarray = attrs.field(converter=readonly)
    p_war: float
    p_backs_down_first: tuple[float, float]
    p_both_back_down: float
    expected_duration: float

    def table(self) -> pd.DataFrame:
        """One row per period: the chance the crisis reaches it, each side's hazard and each side's reputation."""
        import pandas as pd

        h = self.hazards
        reach = np.r_[1.0, np.cumprod((1 - h[:, 0]) * (1 - h[:, 1]))[:-1]]
        return pd.DataFrame({
            "period": np.arange(1, len(h) + 1), "p_reached": reach,
            "hazard_1": h[:, 0], "hazard_2": h[:, 1],
            "belief_resolved_1": self.beliefs[:-1, 0], "belief_resolved_2": self.beliefs[:-1, 1],
        })

    def describe(self) -> str:
        """Say in plain words who backs down and how the crisis ends."""
        b1, b2 = self.p_backs_down_first
        return (
            f"Each irresolute side backs down at the rate that keeps the other indifferent. Side 1 backs down "
            f"first with probability {b1:.4g}, side 2 with {b2:.4g}, both at once with {self.p_both_back_down:.4g}; "
            f"the crisis ends in war with probability {self.p_war:.4g} after {self.expected_duration:.4g} periods "
            "on average."
        )


@attrs.frozen(kw_only=True)
class WarOfAttrition:
    """A crisis as a discrete-time war of attrition with growing audience costs (after Fearon 1994).

    Two sides face off for at most ``horizon`` periods. In each period
    ``t = 1, 2, ...`` both choose at once to stand firm or back down.
    Backing down in period ``t`` costs side ``i`` the audience cost
    ``audience_rate_i * t`` (it grows with the time the crisis has been
    public) and hands the stake (worth 1) to the other side if the other
    stands firm; if both back down in the same period, each pays its
    audience cost and nobody gets the stake. If both stand firm through the
    horizon, there is war.

    Two-sided private information: side ``i`` is *resolved* with probability
    ``resolved_i`` (its war payoff is 0, above every audience cost, so it
    never backs down) or *irresolute*, with war payoff ``war_payoff_i``
    below ``-audience_rate_i * horizon`` (it would back down rather than
    fight even at the end).

    Equilibrium (perfect Bayesian, the irresolute types mixing): the
    irresolute ``i`` must be indifferent between backing down in ``t`` and
    in ``t + 1``, ``-a_i t = h_j(t) + (1 - h_j(t)) (-a_i (t + 1))``, so the
    other side backs down in ``t < horizon`` with hazard
    ``h_j(t) = a_i / (1 + a_i (t + 1))``, and in the last period with
    ``h_j(T) = (-a_i T - w_i) / (1 - w_i)`` (indifference between backing
    down and war). These hazards need enough irresolute types:
    ``j`` stands firm throughout with probability
    ``prod_t (1 - h_j(t)) = (1 + a_i)/(1 - w_i)``, which must be at least
    ``resolved_j`` (the constructor refuses parameters where it is not). So

    - ``p_war = (1 + a_1)(1 + a_2) / ((1 - w_1)(1 - w_2))``;
    - a larger audience-cost rate ``a_i`` makes the *other* side back down
      faster before the last period (``h_j(t)`` rises with ``a_i``): a
      leader who can be punished at home escalates credibly; but it also
      raises the chance that nobody backs down in time, and war.

    Unlike Fearon's continuous-time game, this one does not always make the
    side with the larger audience-cost rate the less likely to back down
    first (the last period's hazards run the other way); only the two
    directions above are claimed, and tested.

    Parameters
    ----------
    audience_rate_1, audience_rate_2 : float
        ``a_i`` (> 0): each side's audience cost per period of crisis.
    war_payoff_1, war_payoff_2 : float
        ``w_i``: the irresolute type's war payoff, below ``-a_i * horizon``.
    resolved_1, resolved_2 : float
        Prior probability that each side is resolved, at most ``(1 + a_other)/(1 - w_other)``.
    horizon : int
        ``T``: the number of periods before war (1 to 100,000).

    Raises
    ------
    InvalidParameterError
        If a parameter is out of range or the parameters leave the mixed equilibrium above.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> m = ns.models.WarOfAttrition(audience_rate_1=0.2, audience_rate_2=0.1, war_payoff_1=-2.0,
    ...                              war_payoff_2=-2.0, resolved_1=0.2, resolved_2=0.2, horizon=5)
    >>> r = m.solve()
    >>> round(r.p_war, 4)   # (1.2)(1.1) / (3 * 3)
    0.1467
    >>> [round(float(h), 4) for h in r.hazards[:2, 1]]   # side 2 backs down at a_1 / (1 + a_1 (t + 1))
    [0.1429, 0.125]
    """

    audience_rate_1: float = attrs.field(validator=positive)
    audience_rate_2: float = attrs.field(validator=positive)
    war_payoff_1: float = attrs.field(validator=finite)
    war_payoff_2: float = attrs.field(validator=finite)
    resolved_1: float = attrs.field(default=0.2, validator=probability)
    resolved_2: float = attrs.field(default=0.2, validator=probability)
    horizon: int = attrs.field(default=5, validator=positive_count)

    def __attrs_post_init__(self) -> None:
        if self.horizon > MAX_HORIZON:
            msg = f"horizon must be at most {MAX_HORIZON} periods, got {self.horizon!r}"
            raise InvalidParameterError(msg)
        for i in (1, 2):
            a, w = getattr(self, f"audience_rate_{i}"), getattr(self, f"war_payoff_{i}")
            if not w < -a * self.horizon:
                msg = (f"war_payoff_{i} must be below -audience_rate_{i} * horizon = {-a * self.horizon!r} (the "
                       f"irresolute side {i} prefers backing down to war even at the horizon), got {w!r}")
                raise InvalidParameterError(msg)
        for i, j in ((1, 2), (2, 1)):
            r = getattr(self, f"resolved_{i}")
            cap = self.firm_throughout(i)
            if r > cap:
                msg = (f"resolved_{i} ({r!r}) must be at most (1 + audience_rate_{j})/(1 - war_payoff_{j}) = "
                       f"{cap:.6g}: otherwise side {i} has too few irresolute types to back down at the rate that "
                       f"keeps side {j} indifferent, and this mixed equilibrium does not exist")
                raise InvalidParameterError(msg)

    def _side(self, i: int) -> tuple[float, float]:
        return float(getattr(self, f"audience_rate_{i}")), float(getattr(self, f"war_payoff_{i}"))

    def firm_throughout(self, i: int) -> float:
        """Probability that side ``i`` never backs down: ``(1 + a_j)/(1 - w_j)`` with ``j`` the other side."""
        a, w = self._side(2 if i == 1 else 1)
        return float((1 + a) / (1 - w))

    def _hazards_of(self, i: int) -> np.ndarray:
        """Side i's hazards: they keep the other (irresolute) side indifferent."""
        a, w = self._side(2 if i == 1 else 1)
        t = np.arange(1, self.horizon + 1, dtype=np.float64)
        h = a / (1 + a * (t + 1))
        h[-1] = (-a * self.horizon - w) / (1 - w)
        return h

    def solve(self) -> WarOfAttritionResult:
        """The mixed equilibrium: hazards, the irresolute types' quitting rates, reputations and outcomes."""
        h = np.column_stack([self._hazards_of(1), self._hazards_of(2)])
        survive = np.vstack([np.ones((1, 2)), np.cumprod(1 - h, axis=0)])  # P(side has not backed down before t)
        prior = np.array([self.resolved_1, self.resolved_2])
        beliefs = prior / survive  # Bayes: resolved types never back down
        irresolute_left = 1 - beliefs[:-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            quit_probs = np.where(irresolute_left > 0, h / np.where(irresolute_left > 0, irresolute_left, 1), 0.0)
        reach = np.r_[1.0, np.cumprod((1 - h[:, 0]) * (1 - h[:, 1]))]  # reach[t - 1] = P(crisis reaches t)
        r = reach[:-1]
        first = (float(np.sum(r * h[:, 0] * (1 - h[:, 1]))), float(np.sum(r * h[:, 1] * (1 - h[:, 0]))))
        return WarOfAttritionResult(
            hazards=h,
            quit_probs=np.clip(quit_probs, 0.0, 1.0),
            beliefs=beliefs,
            p_war=float(reach[-1]),
            p_backs_down_first=first,
            p_both_back_down=float(np.sum(r * h[:, 0] * h[:, 1])),
            expected_duration=float(np.sum(reach[:-1] * 1.0)),
        )
