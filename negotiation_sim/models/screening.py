"""Talks that last and fail: an uninformed West screens Russia's reservation value over several rounds.

References: Joel Sobel & Ichiro Takahashi (1983), "A Multistage Model of
Bargaining", *Review of Economic Studies* 50(3): 411-426 (the finite-horizon
skimming equilibrium with a continuum of types, linear in the remaining
types); Drew Fudenberg, David Levine & Jean Tirole (1985), "Infinite-Horizon
Models of Bargaining with One-Sided Incomplete Information", in A. Roth
(ed.), *Game-Theoretic Models of Bargaining*, Cambridge UP, 73-98 (the
skimming property); Drew Fudenberg & Jean Tirole (1991), *Game Theory*,
MIT Press, §10.2.1 (two types, two periods) and §10.2.2 (the linear
equilibrium with values uniform on [0, 1]).
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim._validate import check_real, positive_count, unit_open
from negotiation_sim.errors import InvalidParameterError

__all__ = ["Screening", "ScreeningResult"]

#: Most rounds a uniform screening problem may have (the recursion is linear in them).
MAX_ROUNDS = 200


def _check_rounds(instance: object, attribute: attrs.Attribute, value: Any) -> None:
    positive_count(instance, attribute, value)
    if value > MAX_ROUNDS:
        msg = f"n_rounds must be at most {MAX_ROUNDS}, got {value!r}"
        raise InvalidParameterError(msg)


def _optional_unit(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if value is not None and not 0.0 <= check_real(attribute.name, value) <= 1.0:
        msg = f"{attribute.name} must be in [0, 1], got {value!r}"
        raise InvalidParameterError(msg)


@attrs.frozen(eq=False)
class ScreeningResult:
    """The skimming equilibrium of :class:`Screening`.

    Attributes
    ----------
    offers : numpy.ndarray
        The West's offer (Russia's share of the stake) in each round, rising
        as the talks go on.
    cutoffs : numpy.ndarray
        After each round, the highest reservation value that has agreed: every
        type with a reservation at most this has accepted by then.
    p_agree : numpy.ndarray
        Probability that agreement comes in each round (unconditional).
    p_war : float
        Probability that no offer is ever accepted (war after the last round).
    expected_delay : float
        Expected number of rounds lost before agreement, given agreement.
    west_payoff : float
        The West's expected discounted share (war gives it 0).
    kind : str
        ``"uniform"`` or ``"two types"``.
    """

    offers: np.ndarray = attrs.field(converter=readonly)
    cutoffs: np.ndarray = attrs.field(converter=readonly)
    p_agree: np.ndarray = attrs.field(converter=readonly)
    p_war: float
    expected_delay: float
    west_payoff: float
    kind: str

    def describe(self) -> str:
        """Say in plain words how the talks go."""
        offers = ", ".join(f"{x:.4g}" for x in self.offers)
        agree = ", ".join(f"{p:.4g}" for p in self.p_agree)
        return (
            f"The West offers {offers} in successive rounds; Russia agrees in each round with probability "
            f"{agree} (those with the lowest reservation values first), and the talks fail (war) with "
            f"probability {self.p_war:.4g}. Expected delay before an agreement: {self.expected_delay:.4g} rounds."
        )


def _summary(offers: list[float], cutoffs: list[float], agree: list[float], delta: float,
             west: float, kind: str) -> ScreeningResult:
    agree_arr = np.asarray(agree, dtype=np.float64)
    total = float(agree_arr.sum())
    delay = float(np.dot(np.arange(len(agree_arr)), agree_arr) / total) if total > 0 else 0.0
    return ScreeningResult(offers=offers, cutoffs=cutoffs, p_agree=agree_arr, p_war=max(0.0, 1.0 - total),
                           expected_delay=delay, west_payoff=float(west), kind=kind)


@attrs.frozen
class Screening:
    """The West makes offers to a Russia whose reservation value it does not know (skimming).

    Formulation. A stake worth 1 is to be divided. In each of ``n_rounds``
    rounds the West offers Russia a share ``x_t``; Russia accepts (the talks
    end: Russia gets ``x_t``, the West ``1 - x_t``, both discounted by
    ``delta**(t - 1)``) or rejects. If the last offer is rejected the talks
    fail: Russia gets its reservation value ``r`` (what it expects from war or
    the standoff) and the West 0. Russia knows ``r``; the West does not. In
    the buyer-seller language of the sources the West is the seller, the
    deal's "price" is ``1 - x_t`` and Russia's value of the deal is
    ``b = 1 - r``; types with a low reservation (high ``b``) accept first
    (the skimming property, Fudenberg, Levine and Tirole 1985).

    - *Continuum* (default: ``r`` uniform on [0, 1]; Sobel and Takahashi
      1983; Fudenberg and Tirole 1991, §10.2.2). With ``n`` rounds left and
      the types ``b`` in ``[0, k]`` still talking, the West's price is
      ``alpha_n k`` and types ``b >= beta_n k`` accept. With ``a_n = 1 -
      delta (1 - alpha_{n-1})``: ``beta_n = a_n / (2 (a_n - delta gamma_{n-1}))``,
      ``alpha_n = a_n beta_n``, ``gamma_n = a_n beta_n (1 - beta_n) + delta
      gamma_{n-1} beta_n**2`` (the West's value is ``gamma_n k**2``), from
      ``alpha_0 = 1, gamma_0 = 0``. The marginal type is indifferent
      between accepting now and the next, lower price.
    - *Two types* (Fudenberg and Tirole 1991, §10.2.1; one or two rounds):
      ``r`` is ``reservation_low`` (a ploy: "asking the impossible in the
      hope that he will at least gain something") with probability
      ``prob_low``, else ``reservation_high`` (a sincere wish to return to
      the old order). In the last round the West offers the high
      reservation (all accept) unless ``prob_low (1 - r_low) > 1 - r_high``,
      when it offers the low one (only the ploy accepts). With two rounds it
      takes the best of: (A) offer ``r_high`` at once; (B) the screening
      offer that the ploy type accepts for sure, ``x_1 = r_low + delta
      (r_high - r_low)``, then ``r_high``; (C) when the ploy type is likely
      enough, offer ``r_low`` twice, the ploy type accepting in the first
      round with the probability that leaves the West indifferent in the
      second (the sincere type never accepts: war).

    Parameters
    ----------
    delta : float
        Common discount factor per round, in (0, 1).
    n_rounds : int, default 3
        Rounds of offers (1 to 200; at most 2 with two types).
    reservation_low, reservation_high, prob_low : float, optional
        The two types (all three or none), ``0 <= reservation_low < reservation_high <= 1``,
        ``prob_low`` in (0, 1).

    Raises
    ------
    InvalidParameterError
        A parameter outside its range, some but not all two-type parameters,
        or more than 2 rounds with two types.

    Examples
    --------
    One round is Fearon's take-it-or-leave-it offer: half the types accept.

    >>> import negotiation_sim as ns
    >>> r = ns.models.Screening(delta=0.9, n_rounds=1).solve()
    >>> r.offers.tolist(), round(r.p_war, 4)
    ([0.5], 0.5)
    >>> r = ns.models.Screening(delta=0.9, n_rounds=3).solve()
    >>> bool(np.all(np.diff(r.offers) > 0)), round(r.p_war, 4)   # offers rise; less war
    (True, 0.3547)
    """

    delta: float = attrs.field(validator=unit_open)
    n_rounds: int = attrs.field(default=3, validator=_check_rounds)
    reservation_low: float | None = attrs.field(default=None, validator=_optional_unit, kw_only=True)
    reservation_high: float | None = attrs.field(default=None, validator=_optional_unit, kw_only=True)
    prob_low: float | None = attrs.field(default=None, validator=_optional_unit, kw_only=True)

    def __attrs_post_init__(self) -> None:
        low, high, prob = self.reservation_low, self.reservation_high, self.prob_low
        if low is None or high is None or prob is None:
            if not (low is None and high is None and prob is None):
                msg = "reservation_low, reservation_high and prob_low must be given together (two types) or not at all"
                raise InvalidParameterError(msg)
        else:
            if not low < high:
                msg = f"reservation_low must be below reservation_high, got {low!r} and {high!r}"
                raise InvalidParameterError(msg)
            if not 0.0 < prob < 1.0:
                msg = f"prob_low must be strictly between 0 and 1, got {prob!r}"
                raise InvalidParameterError(msg)
            if self.n_rounds > 2:
                msg = f"n_rounds must be 1 or 2 with two types (Fudenberg-Tirole's closed form), got {self.n_rounds}"
                raise InvalidParameterError(msg)

    @property
    def two_types(self) -> bool:
        return self.prob_low is not None

    def coefficients(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(alpha_n, beta_n, gamma_n)`` for ``n = 1..n_rounds`` rounds left (the continuum case).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> a, b, g = ns.models.Screening(delta=0.5, n_rounds=2).coefficients()
        >>> a.tolist(), b.tolist(), g.tolist()
        ([0.5, 0.45], [0.5, 0.6], [0.25, 0.225])
        """
        d = self.delta
        alpha, gamma = 1.0, 0.0
        out = []
        for _ in range(self.n_rounds):
            a = 1.0 - d * (1.0 - alpha)
            beta = a / (2.0 * (a - d * gamma))
            alpha, gamma = a * beta, a * beta * (1.0 - beta) + d * gamma * beta**2
            out.append((alpha, beta, gamma))
        arr = np.array(out)
        return arr[:, 0], arr[:, 1], arr[:, 2]

    def _solve_uniform(self) -> ScreeningResult:
        alpha, beta, gamma = self.coefficients()
        k, offers, cutoffs, agree = 1.0, [], [], []
        for t in range(self.n_rounds):
            n = self.n_rounds - 1 - t  # index of "n rounds left"
            offers.append(1.0 - alpha[n] * k)
            nxt = beta[n] * k
            agree.append(k - nxt)
            cutoffs.append(1.0 - nxt)
            k = nxt
        return _summary(offers, cutoffs, agree, self.delta, gamma[-1], "uniform")

    def _solve_two_types(self) -> ScreeningResult:
        low, high, prob = self.reservation_low, self.reservation_high, self.prob_low
        assert low is not None and high is not None and prob is not None  # two_types: all given (__attrs_post_init__)
        d, mu = self.delta, float(prob)
        b_hi, b_lo = 1.0 - low, 1.0 - high  # values of a deal
        r_lo, r_hi = float(low), float(high)
        if self.n_rounds == 1:
            if mu * b_hi > b_lo:
                return _summary([r_lo], [r_lo], [mu], d, mu * b_hi, "two types")
            return _summary([r_hi], [r_hi], [1.0], d, b_lo, "two types")
        options = {"A": b_lo, "B": mu * (b_hi - d * (b_hi - b_lo)) + (1 - mu) * d * b_lo}
        threshold = b_lo / b_hi  # the West's last-round indifference belief
        if mu > threshold:
            accept = mu - threshold * (1 - mu) / (1 - threshold)
            options["C"] = accept * b_hi + (1 - accept) * d * b_lo
        best = max(options, key=lambda key: (options[key], key == "A"))  # ties: the peaceful offer
        if best == "A":
            return _summary([r_hi], [r_hi], [1.0], d, options["A"], "two types")
        if best == "B":
            x1 = r_lo + d * (r_hi - r_lo)
            return _summary([x1, r_hi], [r_lo, r_hi], [mu, 1 - mu], d, options["B"], "two types")
        return _summary([r_lo, r_lo], [r_lo, r_lo], [accept, mu - accept], d, options["C"], "two types")

    def solve(self) -> ScreeningResult:
        """The equilibrium offers, agreement by round, war and delay.

        Examples
        --------
        A likely ploy and an impatient West: screen, then concede to the sincere type.

        >>> import negotiation_sim as ns
        >>> r = ns.models.Screening(delta=0.5, n_rounds=2, reservation_low=0.2, reservation_high=0.6,
        ...                         prob_low=0.7).solve()
        >>> r.offers.tolist(), r.p_agree.round(4).tolist(), r.p_war
        ([0.4, 0.6], [0.7, 0.3], 0.0)
        """
        return self._solve_two_types() if self.two_types else self._solve_uniform()

    def describe(self) -> str:
        """Say in plain words what the model is."""
        types = (f"two types (reservation {self.reservation_low:.4g} with probability {self.prob_low:.4g}, "
                 f"else {self.reservation_high:.4g})" if self.two_types else "a reservation value uniform on [0, 1]")
        return (f"The West makes up to {self.n_rounds} offers, discounting by {self.delta:.4g} a round, to a Russia "
                f"with {types} it does not know; solve() gives the skimming equilibrium.")
