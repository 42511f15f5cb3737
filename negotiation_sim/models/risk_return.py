"""Fearon's risk-return trade-off: a demand made without knowing the rival's cost of war.

Reference: James D. Fearon (1995), "Rationalist Explanations for War",
*International Organization* 49(3): 379-414, section "Private information
and incentives to misrepresent", pp. 392-395.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._validate import check_real, nonnegative, probability
from negotiation_sim.errors import InvalidParameterError

__all__ = ["RiskReturn", "RiskReturnResult", "TwoTypeCost"]

_TIE_TOL = 1e-12  # round-off allowed when B compares its cost with demand - p
_GRID = 4001  # grid points of the numeric search before the local refinement


@attrs.frozen
class TwoTypeCost:
    """B's cost of war when it takes two values: ``low`` with probability ``prob_low``, else ``high``."""

    low: float = attrs.field(validator=nonnegative)
    high: float = attrs.field(validator=nonnegative)
    prob_low: float = attrs.field(validator=probability)

    def __attrs_post_init__(self) -> None:
        if self.high < self.low:
            msg = f"cost_high must be at least cost_low ({self.low!r}), got {self.high!r}"
            raise InvalidParameterError(msg)


def _check_cost_b(instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, TwoTypeCost):
        return
    if not (hasattr(value, "dist") and hasattr(value, "cdf") and hasattr(value, "support")):
        msg = (
            "cost_b must be a frozen scipy.stats distribution (e.g. scipy.stats.uniform(0, 0.4)) "
            f"or use RiskReturn.two_types(...); got {value!r}"
        )
        raise InvalidParameterError(msg)
    if not hasattr(value.dist, "pdf"):
        msg = f"cost_b must be a continuous scipy.stats distribution; {value.dist.name} is discrete (use RiskReturn.two_types for two types)"
        raise InvalidParameterError(msg)
    low, _ = value.support()
    if not low >= 0.0:
        msg = f"cost_b must be a distribution of non-negative costs; its support starts at {float(low)!r}"
        raise InvalidParameterError(msg)


@attrs.frozen
class RiskReturnResult:
    """A's optimal demand in :class:`RiskReturn`.

    Attributes
    ----------
    demand : float
        A's optimal take-it-or-leave-it demand (its share of the stake).
    p_war : float
        Probability that B rejects the demand, so that war follows.
    expected_utility : float
        A's expected payoff at the optimal demand.
    method : str
        ``"uniform closed form"``, ``"two-type closed form"`` or ``"numeric"``.
    """

    demand: float
    p_war: float
    expected_utility: float
    method: str

    def describe(self) -> str:
        """Say in plain words what A demands and what risk it runs."""
        return (
            f"A demands {self.demand:.4g} of the stake; B rejects and war follows with probability "
            f"{self.p_war:.4g}; A expects {self.expected_utility:.4g} ({self.method}). A accepts this "
            "risk of war because a larger demand pays more whenever B turns out to have a high cost of war."
        )


@attrs.frozen
class RiskReturn:
    """Fearon's (1995) risk-return trade-off with private information about B's cost of war.

    A makes a take-it-or-leave-it demand ``x`` (its share of a stake of
    size 1); B, whose cost of war ``c_B`` only B knows, accepts iff
    ``1 - x >= 1 - p - c_B``, i.e. iff ``c_B >= x - p``; otherwise they fight
    and A gets ``p - c_A``. A chooses ``x`` to maximise

    ``U(x) = (1 - F(x - p)) x + F(x - p) (p - c_A)``

    (Fearon 1995, p. 395, footnote 30), where ``F`` is the distribution of
    ``c_B``. Closed forms:

    - ``c_B ~ U[0, cbar]``: ``x* = p + max(0, (cbar - c_A)/2)`` while interior,
      so ``p_war = max(0, (cbar - c_A)/(2 cbar))`` does not depend on ``p``; the
      general ``U[lo, hi]`` gives ``x* = p + max(lo, (hi - c_A)/2)``; the corner
      ``x* = 1`` binds when this exceeds the whole stake.
    - two types (``c_low`` with probability ``q``, else ``c_high``): A demands
      ``p + c_low`` (accepted by both) or ``p + c_high`` (rejected by the
      low-cost type), whichever pays more; at a tie A takes the safe demand.

    Any other continuous ``scipy.stats`` distribution is solved numerically
    (a grid of 4001 demands refined by bounded Brent search).

    Parameters
    ----------
    p : float
        Probability that A wins a war, in [0, 1].
    cost_a : float
        A's cost of war (>= 0).
    cost_b : scipy.stats frozen continuous distribution or TwoTypeCost
        B's cost of war, with non-negative support. Build two types with
        :meth:`two_types`.

    Notes
    -----
    Assumptions: risk neutrality; B accepts when indifferent; demands are
    shares in [0, 1].

    References
    ----------
    J. D. Fearon (1995), "Rationalist Explanations for War", *International
    Organization* 49(3): 379-414.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> from scipy import stats
    >>> r = ns.models.RiskReturn(0.5, 0.1, stats.uniform(0, 0.4)).solve()
    >>> round(r.demand, 4), round(r.p_war, 4)
    (0.65, 0.375)
    >>> r2 = ns.models.RiskReturn.two_types(0.5, 0.1, cost_low=0.05, cost_high=0.3, prob_low=0.2).solve()
    >>> round(r2.demand, 4), round(r2.p_war, 4)
    (0.8, 0.2)
    """

    p: float = attrs.field(validator=probability)
    cost_a: float = attrs.field(validator=nonnegative)
    cost_b: Any = attrs.field(validator=_check_cost_b)

    @classmethod
    def two_types(
        cls, p: float, cost_a: float, cost_low: float, cost_high: float, prob_low: float
    ) -> RiskReturn:
        """B's cost of war is ``cost_low`` with probability ``prob_low`` and ``cost_high`` otherwise."""
        for name, value in (("cost_low", cost_low), ("cost_high", cost_high)):
            if check_real(name, value) < 0:
                msg = f"{name} must be non-negative (a cost is entered as a positive number), got {value!r}"
                raise InvalidParameterError(msg)
        if not 0.0 <= check_real("prob_low", prob_low) <= 1.0:
            msg = f"prob_low must be a probability in [0, 1], got {prob_low!r}"
            raise InvalidParameterError(msg)
        return cls(p, cost_a, TwoTypeCost(cost_low, cost_high, prob_low))

    def p_accept(self, demand: float | np.ndarray) -> float | np.ndarray:
        """Probability that B accepts ``demand``: ``P(c_B >= demand - p)``."""
        z = np.asarray(demand, dtype=float) - self.p
        if isinstance(self.cost_b, TwoTypeCost):
            c = self.cost_b
            # B accepts when indifferent; the tolerance keeps p + cost - p == cost
            # (up to round-off) an acceptance.
            z = z - _TIE_TOL
            out = c.prob_low * (c.low >= z) + (1.0 - c.prob_low) * (c.high >= z)
        else:
            out = self.cost_b.sf(z)
        return out if np.ndim(out) else float(out)

    def expected_utility(self, demand: float | np.ndarray) -> float | np.ndarray:
        """A's expected payoff ``U(x)`` from demanding ``demand``."""
        acc = self.p_accept(demand)
        return acc * np.asarray(demand, dtype=float) + (1.0 - acc) * (self.p - self.cost_a)

    def _result(self, demand: float, method: str) -> RiskReturnResult:
        demand = float(demand)
        acc = float(self.p_accept(demand))
        return RiskReturnResult(
            demand=demand,
            p_war=float(np.clip(1.0 - acc, 0.0, 1.0)),
            expected_utility=float(self.expected_utility(demand)),
            method=method,
        )

    def solve(self) -> RiskReturnResult:
        """Return A's optimal demand, the probability of war and A's expected payoff."""
        if isinstance(self.cost_b, TwoTypeCost):
            c = self.cost_b
            safe, risky = min(1.0, self.p + c.low), min(1.0, self.p + c.high)
            best = risky if self.expected_utility(risky) > self.expected_utility(safe) else safe
            return self._result(best, "two-type closed form")
        if self.cost_b.dist.name == "uniform":
            lo, hi = (float(v) for v in self.cost_b.support())
            demand = min(1.0, self.p + max(lo, (hi - self.cost_a) / 2.0))
            return self._result(demand, "uniform closed form")
        return self._result(self._numeric_demand(), "numeric")

    def _numeric_demand(self) -> float:
        # Demands below p + (lowest cost) are accepted for sure, so the optimum
        # is at least there; above p + (highest cost) war is certain.
        from scipy import optimize

        lo_c, hi_c = (float(v) for v in self.cost_b.support())
        start = min(1.0, self.p + lo_c)
        stop = min(1.0, self.p + hi_c) if np.isfinite(hi_c) else 1.0
        if stop <= start:
            return start
        grid = np.linspace(start, stop, _GRID)
        values = np.asarray(self.expected_utility(grid))
        k = int(np.argmax(values))
        a, b = grid[max(k - 1, 0)], grid[min(k + 1, _GRID - 1)]
        res = optimize.minimize_scalar(
            lambda x: -float(self.expected_utility(x)), bounds=(a, b), method="bounded",
            options={"xatol": 1e-12},
        )
        return float(res.x) if -res.fun >= values[k] else float(grid[k])
