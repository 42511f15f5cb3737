"""Value and optimal (maximin) strategies of a 2-player zero-sum game by linear programming.

In a zero-sum game with row payoff matrix ``A`` the row player's maximin
strategy solves the linear programme

    maximise v  subject to  (xᵀA)_j ≥ v for every column j,  Σ x = 1,  x ≥ 0,

and the column player's minimax strategy solves the dual, minimise v subject
to ``(Ay)_i ≤ v``. By von Neumann's minimax theorem the two optimal values are
equal: that common number is the value of the game, and the pair of optimal
strategies is a Nash equilibrium. Constant-sum games (payoffs summing to the
same constant everywhere) are solved the same way.

References
----------
von Neumann, J. (1928), "Zur Theorie der Gesellschaftsspiele",
*Mathematische Annalen* 100. Dantzig, G. B. (1951), "A proof of the
equivalence of the programming problem and the game problem".
"""

from __future__ import annotations

import attrs
import numpy as np

from negotiation_sim.errors import SolverError, UnsupportedMethodError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._regret import _check_game, verified_equilibrium
from negotiation_sim.solvers._support_polish import polish
from negotiation_sim.solvers.equilibrium import EquilibriumSet, format_prob

__all__ = ["ZeroSumSolution", "linear_programming", "maximin"]

_METHOD = "lp"


@attrs.frozen(eq=False, repr=False)
class ZeroSumSolution(EquilibriumSet):
    """An :class:`EquilibriumSet` that also carries the value of a zero-sum game.

    ``value`` is the row player's (player 1's) payoff under optimal play; the
    column player gets ``constant - value`` where ``constant`` is the sum of
    the payoffs (0 for a zero-sum game).
    """

    value: float = attrs.field(default=float("nan"), converter=float)
    constant: float = attrs.field(default=0.0, converter=float)


def maximin(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """The maximin mixed strategy of the row player of ``matrix`` and its guaranteed payoff.

    Solves ``max v`` subject to ``(xᵀM)_j ≥ v``, ``Σ x = 1``, ``x ≥ 0`` with
    HiGHS' dual simplex, which returns a vertex (an exact-looking solution).

    Examples
    --------
    >>> x, v = maximin(np.array([[1.0, -1.0], [-1.0, 1.0]]))
    >>> x.round(6).tolist(), round(v, 6)
    ([0.5, 0.5], 0.0)
    """
    from scipy.optimize import linprog

    m, n = matrix.shape
    # Conditioning: HiGHS' tolerances are absolute, so the payoffs are shifted and scaled to [0, 1]
    # (their spread, not their size: 1e10 + PD and 1e-11 * PD are the same game). The maximin
    # strategy is invariant under that affine change; the value is recomputed below.
    low, spread = float(np.min(matrix)), float(np.ptp(matrix))
    mat = (matrix - low) / spread if spread > 0 else np.zeros_like(matrix, dtype=float)
    c = np.zeros(m + 1)
    c[-1] = -1.0  # variables (x_1..x_m, v); maximise v
    a_ub = np.hstack([-mat.T, np.ones((n, 1))])  # v - (xᵀM)_j ≤ 0
    a_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    bounds = [(0, None)] * m + [(None, None)]
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(n), A_eq=a_eq, b_eq=[1.0], bounds=bounds,
                  method="highs-ds")
    if res.status != 0:
        msg = f"the maximin linear programme failed: {res.message}"
        raise SolverError(msg)
    x = np.clip(res.x[:m], 0.0, None)
    x = x / x.sum()
    # The guaranteed payoff of x itself, recomputed rather than read from the LP.
    return x, float(np.min(x @ matrix))


def _check_zero_sum(game: NormalFormGame) -> NormalFormGame:
    game = _check_game(game)
    name = repr(game.title) if game.title else "this game"
    if game.n_players != 2:
        msg = f"method 'lp' needs a 2-player zero-sum game; {name} has {game.n_players} players"
        raise UnsupportedMethodError(msg)
    if not game.is_zero_sum():
        totals = game.payoffs.sum(axis=-1)
        msg = (
            f"method 'lp' needs a zero-sum (or constant-sum) game, but in {name} the payoffs "
            f"sum to values between {format_prob(totals.min())} and {format_prob(totals.max())}; "
            "use method='auto' or 'lemke_howson'"
        )
        raise UnsupportedMethodError(msg)
    return game


def _certified_fallback(game: NormalFormGame, approx: list[np.ndarray], tol: float | None):
    """An equilibrium when the LP's answer is too coarse to verify (payoffs of very different scales).

    In a zero-sum game every Nash equilibrium is a pair of optimal strategies, so the first
    extreme equilibrium of the certified vertex enumeration (which re-solves doubtful games
    exactly) serves. Too large a game for it keeps the LP's error, which names the regrets.
    """
    import warnings

    from negotiation_sim.errors import DegenerateGameWarning, GameTooLargeError
    from negotiation_sim.solvers._vertex_enumeration import vertex_enumeration

    try:
        with warnings.catch_warnings():
            # One optimal pair is returned, not the extreme points the enumeration's warning speaks of.
            warnings.simplefilter("ignore", DegenerateGameWarning)
            eqs = vertex_enumeration(game)
    except GameTooLargeError:
        return verified_equilibrium(game, approx, _METHOD, tol=tol)
    if not len(eqs):
        return verified_equilibrium(game, approx, _METHOD, tol=tol)
    best = eqs[0]
    return verified_equilibrium(game, list(best.strategies), _METHOD, tol=tol,
                                notes=("The LP's optimal strategies were too coarse to verify; these come from "
                                       "the certified vertex enumeration.",))


def linear_programming(game: NormalFormGame, tol: float | None = None) -> ZeroSumSolution:
    """Solve a 2-player zero-sum (or constant-sum) game by linear programming.

    Parameters
    ----------
    game : NormalFormGame
        Two players whose payoffs sum to the same constant at every profile.
    tol : float, optional
        Regret tolerance relative to the payoff scale.

    Returns
    -------
    ZeroSumSolution
        One equilibrium (a pair of optimal strategies), ``complete=False``
        because optimal strategies need not be unique; ``value`` is the row
        player's value of the game, also stated in ``notes``.

    Raises
    ------
    UnsupportedMethodError
        If the game has more than two players or is not constant-sum.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> rps = ns.NormalFormGame.from_arrays(
    ...     [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
    >>> sol = ns.solve(rps, method="lp")
    >>> round(sol.value, 9), sol[0].strategies[0].round(4).tolist()
    (0.0, [0.3333, 0.3333, 0.3333])
    """
    game = _check_zero_sum(game)
    a = np.array(game.payoff_array(0))
    constant = float(np.mean(game.payoffs.sum(axis=-1)))
    x, _ = maximin(a)
    y, _ = maximin(-a.T)  # the column player maximises -A, i.e. minimises the row payoff
    # HiGHS is accurate to its own absolute tolerances (about 1e-7 of the payoff spread): the
    # optimal strategies are re-solved on their supports before they are verified.
    eq = polish(game, [x, y], _METHOD, tol=tol)
    if eq is None:
        eq = _certified_fallback(game, [x, y], tol)
    value = float(eq.strategies[0] @ a @ eq.strategies[1])
    note = (
        f"Value of the game: {game.players[0]} can guarantee {format_prob(value)} and "
        f"{game.players[1]} can guarantee {format_prob(constant - value)}."
    )
    return ZeroSumSolution([eq], complete=False, method=_METHOD, game=game, notes=(note,),
                           value=value, constant=constant)
