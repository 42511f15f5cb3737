"""The Nash bargaining solution (symmetric and asymmetric) and the Kalai-Smorodinsky solution.

References: John F. Nash (1950), "The Bargaining Problem", *Econometrica*
18(2): 155-162; Alvin E. Roth (1979), *Axiomatic Models of Bargaining*
(the asymmetric solution maximising ``(u1 - d1)**alpha (u2 - d2)**(1 - alpha)``);
Ehud Kalai & Meir Smorodinsky (1975), "Other Solutions to Nash's Bargaining
Problem", *Econometrica* 43(3): 513-518.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs
import numpy as np

from negotiation_sim._validate import check_real, probability
from negotiation_sim.errors import InvalidParameterError

__all__ = ["NashBargaining", "BargainingSolution"]

_CHECK_POINTS = 201  # points at which a callable frontier is checked (finite, decreasing)


def _linear(u1: float) -> float:
    return 1.0 - u1


def _check_frontier(instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, str):
        if value != "linear":
            msg = f"frontier must be a callable u2 = f(u1) or the string 'linear', got {value!r}"
            raise InvalidParameterError(msg)
    elif not callable(value):
        msg = f"frontier must be a callable u2 = f(u1) or the string 'linear', got {value!r}"
        raise InvalidParameterError(msg)


def _as_tuple(values: Iterable[float]) -> tuple[float, ...]:
    # Typed, so that the attrs mypy plugin types the argument (``converter=tuple`` cannot);
    # _check_disagreement then checks it is a pair of reals.
    return tuple(values)


def _check_disagreement(instance: Any, attribute: Any, value: Any) -> None:
    if len(value) != 2:
        msg = f"disagreement must be a pair (d1, d2), got {value!r}"
        raise InvalidParameterError(msg)
    for k, v in enumerate(value):
        check_real(f"disagreement[{k}]", v)


@attrs.frozen
class BargainingSolution:
    """A point on the bargaining frontier chosen by a solution concept.

    Attributes
    ----------
    u1, u2 : float
        The players' utilities at the solution.
    concept : str
        ``"nash"`` or ``"kalai-smorodinsky"``.
    disagreement : tuple of float
        The disagreement point it improves on.
    """

    u1: float
    u2: float
    concept: str
    disagreement: tuple[float, float]

    def describe(self) -> str:
        """Say in plain words what each side gets relative to disagreement."""
        d1, d2 = self.disagreement
        name = "Nash bargaining solution" if self.concept == "nash" else "Kalai-Smorodinsky solution"
        return (
            f"The {name} gives player 1 {self.u1:.4g} and player 2 {self.u2:.4g}, gains of "
            f"{self.u1 - d1:.4g} and {self.u2 - d2:.4g} over disagreement ({d1:.4g}, {d2:.4g})."
        )


@attrs.frozen
class NashBargaining:
    """Nash's (1950) bargaining solution on a frontier ``u2 = f(u1)``, with a disagreement point.

    The (asymmetric) Nash solution maximises the Nash product
    ``(u1 - d1)**alpha (u2 - d2)**(1 - alpha)`` over the frontier points
    that beat disagreement; ``alpha = 0.5`` is Nash's symmetric solution.
    On the linear frontier ``u2 = 1 - u1`` it is
    ``u1 = d1 + alpha (1 - d1 - d2)`` (projected onto [0, 1]). The
    Kalai-Smorodinsky solution is the frontier point on the segment from the
    disagreement point to the ideal point (each player's best utility among
    the individually rational points).

    For war as disagreement, :meth:`war` uses Fearon's war payoffs
    ``(p - c_A, 1 - p - c_B)``.

    Parameters
    ----------
    frontier : callable or "linear"
        A decreasing function ``u2 = f(u1)`` on ``[0, u1_max]`` (concave for
        a unique Nash solution), or "linear" (``u2 = 1 - u1`` on [0, 1]).
    disagreement : pair of float
        The payoffs if bargaining fails; some frontier point must beat it.
    alpha : float
        Player 1's bargaining weight, in [0, 1].
    u1_max : float
        Right end of the frontier's domain (> 0); ignored for "linear".

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> s = ns.models.NashBargaining("linear", disagreement=(0.2, 0.0)).solve()
    >>> round(s.u1, 4), round(s.u2, 4)
    (0.6, 0.4)
    >>> import numpy as np
    >>> nb = ns.models.NashBargaining(lambda u: np.sqrt(1 - u))
    >>> round(nb.solve().u1, 4), round(nb.kalai_smorodinsky().u1, 4)
    (0.6667, 0.618)
    >>> round(ns.models.NashBargaining.war(0.6, 0.1, 0.1).solve().u1, 4)
    0.6
    """

    frontier: Callable[[float], float] | str = attrs.field(validator=_check_frontier)
    disagreement: tuple[float, float] = attrs.field(
        default=(0.0, 0.0), converter=_as_tuple, validator=_check_disagreement
    )
    alpha: float = attrs.field(default=0.5, validator=probability)
    u1_max: float = attrs.field(default=1.0, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not check_real("u1_max", self.u1_max) > 0:
            msg = f"u1_max must be positive, got {self.u1_max!r}"
            raise InvalidParameterError(msg)
        grid = np.linspace(0.0, self._u1_max, _CHECK_POINTS)
        values = np.array([self._f(u) for u in grid])
        if not np.all(np.isfinite(values)):
            bad = float(grid[~np.isfinite(values)][0])
            msg = f"frontier must be finite on [0, u1_max]; f({bad!r}) is not"
            raise InvalidParameterError(msg)
        steps = np.diff(values)
        if np.any(steps > 1e-12 * max(1.0, float(np.max(np.abs(values))))) or not values[-1] < values[0]:
            k = int(np.argmax(steps))
            msg = (
                "frontier must be decreasing in u1 (more for player 1 leaves less for player 2); "
                f"f({grid[k]:.4g}) = {values[k]:.4g} but f({grid[k + 1]:.4g}) = {values[k + 1]:.4g}"
            )
            raise InvalidParameterError(msg)
        d1, d2 = self.disagreement
        if not (d1 < self._hi() and self._f(max(0.0, d1)) > d2):
            msg = f"disagreement {self.disagreement!r} must be beaten by some frontier point for both players"
            raise InvalidParameterError(msg)

    @classmethod
    def war(cls, p: float, cost_a: float, cost_b: float, frontier: Any = "linear",
            alpha: float = 0.5) -> NashBargaining:
        """Bargaining in the shadow of war: disagreement ``(p - cost_a, 1 - p - cost_b)``."""
        from negotiation_sim.models.fearon import Fearon  # validates p and the costs

        fe = Fearon(p, cost_a, cost_b)
        return cls(frontier, disagreement=(fe.p - fe.cost_a, 1.0 - fe.p - fe.cost_b), alpha=alpha)

    @property
    def _u1_max(self) -> float:
        return 1.0 if isinstance(self.frontier, str) else float(self.u1_max)

    def _f(self, u1: float) -> float:
        fn = _linear if isinstance(self.frontier, str) else self.frontier
        return float(fn(u1))

    def _lo(self) -> float:
        return max(0.0, float(self.disagreement[0]))

    def _hi(self) -> float:
        """The largest u1 on the frontier that still gives player 2 at least d2."""
        from scipy import optimize

        d2 = float(self.disagreement[1])
        if self._f(self._u1_max) >= d2:
            return self._u1_max
        if self._f(0.0) < d2:
            return 0.0
        return float(optimize.brentq(lambda u: self._f(u) - d2, 0.0, self._u1_max, xtol=1e-14))

    def _point(self, u1: float, concept: str) -> BargainingSolution:
        d = (float(self.disagreement[0]), float(self.disagreement[1]))
        return BargainingSolution(float(u1), self._f(u1), concept, d)

    def solve(self) -> BargainingSolution:
        """Return the (asymmetric) Nash bargaining solution ``u1``, ``u2``."""
        from scipy import optimize

        d1, d2 = (float(v) for v in self.disagreement)
        lo, hi = self._lo(), self._hi()
        if self.alpha in (0.0, 1.0):
            return self._point(hi if self.alpha == 1.0 else lo, "nash")
        if isinstance(self.frontier, str):
            # log of the Nash product is strictly concave along the line, so
            # the constrained optimum is the projection of the interior one.
            return self._point(float(np.clip(d1 + self.alpha * (1 - d1 - d2), lo, hi)), "nash")

        def neg_log_product(u: float) -> float:
            g1, g2 = u - d1, self._f(u) - d2
            if g1 <= 0 or g2 <= 0:
                return np.inf
            return -(self.alpha * np.log(g1) + (1 - self.alpha) * np.log(g2))

        # The ends count: the constraint u1 >= 0 can bind when d1 < 0.
        grid = np.linspace(lo, hi, 2001)
        values = [neg_log_product(u) for u in grid]
        k = int(np.argmin(values))
        a, b = (grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)])
        res = optimize.minimize_scalar(neg_log_product, bounds=(a, b), method="bounded",
                                       options={"xatol": 1e-12})
        return self._point(float(res.x) if res.fun <= values[k] else float(grid[k]), "nash")

    def kalai_smorodinsky(self) -> BargainingSolution:
        """Return the Kalai-Smorodinsky solution ``u1``, ``u2``."""
        from scipy import optimize

        d1, d2 = (float(v) for v in self.disagreement)
        lo, hi = self._lo(), self._hi()
        ideal1, ideal2 = hi, self._f(lo)

        def gap(u: float) -> float:
            return (self._f(u) - d2) / (ideal2 - d2) - (u - d1) / (ideal1 - d1)

        if gap(lo) <= 0:
            return self._point(lo, "kalai-smorodinsky")
        return self._point(float(optimize.brentq(gap, lo, hi, xtol=1e-14)), "kalai-smorodinsky")
