"""The game of Chicken, symmetric and asymmetric, with its mixed equilibrium in closed form.

Reference: Anatol Rapoport & Albert M. Chammah (1966), "The Game of
Chicken", *American Behavioral Scientist* 10(3): 10-28; Avinash Dixit, Susan
Skeath & David Reiley, *Games of Strategy* (4th ed., 2015), ch. 4 and 7
(the mixed equilibrium of Chicken from each player's indifference).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from negotiation_sim._validate import check_real
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.games.normal_form import NormalFormGame

__all__ = ["ChickenMixed", "chicken", "chicken_asymmetric", "chicken_mixed"]

ACTIONS = ("Swerve", "Straight")


def _check_order(name: str, payoffs: Sequence[float]) -> tuple[float, float, float, float]:
    if len(payoffs) != 4:
        msg = f"{name} must be four payoffs (R, S, T, P), got {payoffs!r}"
        raise InvalidParameterError(msg)
    r, s, t, p = (check_real(f"{name}[{k}]", v) for k, v in enumerate(payoffs))
    if not t > r > s > p:
        msg = f"{name} must satisfy T > R > S > P for a game of Chicken, got (R, S, T, P) = {(r, s, t, p)!r}"
        raise InvalidParameterError(msg)
    return r, s, t, p


def chicken(R: float, S: float, T: float, P: float, *, players: Sequence[str] | None = None,
            title: str = "Chicken") -> NormalFormGame:
    """Return the symmetric 2x2 game of Chicken.

    Each player's payoff is ``R`` when both swerve, ``S`` when it swerves
    and the other goes straight, ``T`` when it goes straight and the other
    swerves, ``P`` when both go straight (the collision), with
    ``T > R > S > P``. Its equilibria: the two pure ones in which one player
    goes straight and the other swerves, and the symmetric mixed one in which
    each goes straight with probability ``(T - R) / ((T - R) + (S - P))``
    (see :func:`chicken_mixed`).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.models.chicken(0, -1, 1, -10)
    >>> g.actions[0]
    ('Swerve', 'Straight')
    >>> [e.describe().split(".")[0] for e in ns.pure_equilibria(g)]
    ['Player 1 plays Swerve; Player 2 plays Straight', 'Player 1 plays Straight; Player 2 plays Swerve']
    """
    return chicken_asymmetric((R, S, T, P), (R, S, T, P), players=players, title=title)


def chicken_asymmetric(row: Sequence[float], column: Sequence[float], *,
                       players: Sequence[str] | None = None, title: str = "Chicken") -> NormalFormGame:
    """Return Chicken in which each player has its own payoffs ``(R, S, T, P)``.

    ``row`` and ``column`` are each player's ``(R, S, T, P)`` as in
    :func:`chicken`; an asymmetric cost of collision is a different ``P``.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.models.chicken_asymmetric((0, -1, 1, -10), (0, -1, 1, -2), players=("Russia", "NATO"))
    >>> float(g.payoffs[1, 1, 0]), float(g.payoffs[1, 1, 1])
    (-10.0, -2.0)
    """
    r1, s1, t1, p1 = _check_order("row", row)
    r2, s2, t2, p2 = _check_order("column", column)
    a = [[r1, s1], [t1, p1]]
    b = [[r2, t2], [s2, p2]]
    return NormalFormGame.from_arrays(a, b, players=players, actions=(ACTIONS, ACTIONS), title=title)


@attrs.frozen
class ChickenMixed:
    """The completely mixed equilibrium of a (possibly asymmetric) game of Chicken.

    Attributes
    ----------
    p_straight_row, p_straight_column : float
        Each player's probability of going straight.
    p_collision : float
        Probability that both go straight.
    payoff_row, payoff_column : float
        Each player's expected payoff (equal to its payoff from swerving).
    """

    p_straight_row: float
    p_straight_column: float
    p_collision: float
    payoff_row: float
    payoff_column: float

    def describe(self) -> str:
        """Say in plain words what each side does and why."""
        return (
            f"Row goes straight with probability {self.p_straight_row:.4g} and column with probability "
            f"{self.p_straight_column:.4g}, each making the other indifferent between swerving and going "
            f"straight; they collide with probability {self.p_collision:.4g}."
        )


def chicken_mixed(row: Sequence[float], column: Sequence[float] | None = None) -> ChickenMixed:
    """Return the mixed equilibrium of Chicken from each player's indifference.

    Row's probability ``q`` of going straight makes column indifferent:
    ``(1 - q) R_c + q S_c = (1 - q) T_c + q P_c``, so
    ``q = (T_c - R_c) / ((T_c - R_c) + (S_c - P_c))``, and symmetrically.
    A player's mixing is set by its *opponent's* payoffs, so a larger cost
    of collision for one side makes the *other* go straight less often (it
    needs less risk to keep the fearful side indifferent).

    Parameters
    ----------
    row, column : sequence of 4 floats
        Each player's ``(R, S, T, P)``; ``column`` defaults to ``row``.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> m = ns.models.chicken_mixed((0, -1, 1, -10))
    >>> round(m.p_straight_row, 4), round(m.p_collision, 4)
    (0.1, 0.01)
    """
    r1, s1, t1, p1 = _check_order("row", row)
    r2, s2, t2, p2 = _check_order("column", row if column is None else column)
    q_row = (t2 - r2) / ((t2 - r2) + (s2 - p2))
    q_col = (t1 - r1) / ((t1 - r1) + (s1 - p1))
    return ChickenMixed(
        p_straight_row=q_row,
        p_straight_column=q_col,
        p_collision=q_row * q_col,
        payoff_row=(1 - q_col) * r1 + q_col * s1,
        payoff_column=(1 - q_row) * r2 + q_row * s2,
    )
