"""Correlated and coarse correlated equilibria of N-player games, by linear programming.

A mediator draws an action profile ``a`` from a distribution ``p`` and tells
each player only its own action. ``p`` is a *correlated equilibrium*
(Aumann 1974) when no player gains by disobeying a recommendation: for every
player ``i`` and actions ``r != d``,

    sum over a_-i of  p(r, a_-i) * (u_i(r, a_-i) - u_i(d, a_-i))  >=  0.

A *coarse* correlated equilibrium (Moulin and Vial 1978) only asks that no
player gains by committing to an action ``d`` before hearing anything:
``sum_a p(a) (u_i(a) - u_i(d, a_-i)) >= 0``. Both sets are polytopes, so
the best one for a linear objective (total payoff, one player's payoff, or
weighted payoffs) is a linear program, solved here by HiGHS
(``scipy.optimize.linprog``) on payoffs rescaled by each player's spread and
then verified.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import DEFAULT_TOL, clean, readonly
from negotiation_sim.errors import InvalidParameterError, InvalidParameterTypeError, SolverError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._regret import _check_game, player_tols
from negotiation_sim.solvers.equilibrium import _str_tuple, format_prob

__all__ = ["CorrelatedEquilibrium", "correlated_equilibrium", "incentive_constraints", "MAX_PROFILES"]

#: Most action profiles (LP variables) accepted.
MAX_PROFILES = 200_000


@attrs.frozen(eq=False, repr=False)
class CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium: a distribution over action profiles.

    Parameters
    ----------
    distribution : numpy.ndarray, shape game.shape
        Probability of each action profile.
    payoffs : numpy.ndarray, shape (n_players,)
        Each player's expected payoff.
    binding : tuple of (str, str, str)
        The incentive constraints that hold with equality, as ``(player,
        recommended action, deviation)``; for a coarse equilibrium the
        recommended action is ``"any"``.
    regret : float
        The largest gain from disobeying (verified at most the tolerance).
    coarse : bool
    objective : str
        What was maximised, in words.
    players, actions : names from the game.
    """

    distribution: np.ndarray = attrs.field(converter=readonly)
    payoffs: np.ndarray = attrs.field(converter=readonly)
    binding: tuple[tuple[str, str, str], ...] = attrs.field(converter=lambda v: tuple(tuple(b) for b in v))
    regret: float = attrs.field(converter=float)
    coarse: bool = attrs.field(converter=bool)
    objective: str = attrs.field(converter=str)
    players: tuple[str, ...] = attrs.field(converter=_str_tuple)
    actions: tuple[tuple[str, ...], ...] = attrs.field(converter=lambda v: tuple(tuple(a) for a in v))

    def support(self) -> list[tuple[tuple[str, ...], float]]:
        """The profiles drawn with positive probability, with their probabilities."""
        return [(tuple(self.actions[i][a] for i, a in enumerate(idx)), float(self.distribution[idx]))
                for idx in np.ndindex(*self.distribution.shape) if self.distribution[idx] > 0]

    def describe(self) -> str:
        """The mediator's lottery, the payoffs and the binding constraints in words.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> chicken = ns.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]],
        ...     actions=(("Yield", "Dare"), ("Yield", "Dare")))
        >>> print(ns.correlated_equilibrium(chicken).describe())
        A correlated equilibrium maximising total payoff: the mediator draws (Yield, Yield) with
        probability 0.5, (Yield, Dare) with probability 0.25, (Dare, Yield) with probability 0.25,
        and tells each player only its own action. Expected payoffs: Player 1 5.25, Player 2 5.25.
        Binding incentives: Player 1 told Yield is indifferent to Dare; Player 2 told Yield is
        indifferent to Dare.
        """
        kind = "coarse correlated equilibrium" if self.coarse else "correlated equilibrium"
        draws = ", ".join(f"({', '.join(prof)}) with probability {format_prob(p)}" for prof, p in self.support())
        tell = ("and each player commits to obey before hearing anything" if self.coarse
                else "and tells each player only its own action")
        pay = ", ".join(f"{p} {format_prob(v)}" for p, v in zip(self.players, self.payoffs, strict=True))
        text = f"A {kind} maximising {self.objective}: the mediator draws {draws}, {tell}. Expected payoffs: {pay}."
        if self.binding:
            parts = [f"{p} told {r} is indifferent to {d}" if r != "any" else f"{p} is indifferent to always {d}"
                     for p, r, d in self.binding]
            text += " Binding incentives: " + "; ".join(parts) + "."
        return text

    def __repr__(self) -> str:
        pay = ", ".join(format_prob(v) for v in self.payoffs)
        return f"CorrelatedEquilibrium(coarse={self.coarse}, payoffs=[{pay}], support={len(self.support())} profiles)"


def incentive_constraints(game: NormalFormGame, coarse: bool = False):
    """The incentive constraints as rows ``G`` with ``G @ p.ravel() >= 0``, and their labels.

    Row for player i, recommendation r, deviation d: the gain from obeying,
    ``p(r, a_-i) (u_i(r, a_-i) - u_i(d, a_-i))`` summed over ``a_-i``
    (coarse: ``p(a) (u_i(a) - u_i(d, a_-i))`` summed over all ``a``).
    Payoffs are divided by each player's spread so that rows are comparable.
    """
    shape, n = game.shape, game.n_players
    rows, labels = [], []
    for i in range(n):
        u = game.payoffs[..., i]
        spread = float(np.ptp(u)) or 1.0
        u = u / spread
        for d in range(shape[i]):
            dev = np.take(u, [d], axis=i)  # u_i(d, a_-i), broadcast along axis i
            gain = u - dev
            if coarse:
                rows.append(gain.ravel())
                labels.append((game.players[i], "any", game.actions[i][d]))
                continue
            for r in range(shape[i]):
                if r == d:
                    continue
                mask = np.zeros(shape)
                mask[(slice(None),) * i + (r,)] = 1.0
                rows.append((gain * mask).ravel())
                labels.append((game.players[i], game.actions[i][r], game.actions[i][d]))
    return np.array(rows).reshape(len(rows), -1), labels


def _weights(game: NormalFormGame, objective: Any) -> tuple[np.ndarray, str]:
    n = game.n_players
    if isinstance(objective, str) and objective == "welfare":
        return np.ones(n), "total payoff"
    if isinstance(objective, str) or (isinstance(objective, (int, np.integer)) and not isinstance(objective, bool)):
        i = game.player_index(objective)
        w = np.zeros(n)
        w[i] = 1.0
        return w, f"{game.players[i]}'s payoff"
    try:
        weights: np.ndarray | None = np.asarray(objective, dtype=float)
    except (TypeError, ValueError):
        weights = None
    if weights is None or weights.shape != (n,) or not np.all(np.isfinite(weights)):
        msg = (f"objective must be 'welfare', a player's name or index, or {n} weights, got {objective!r}")
        raise InvalidParameterTypeError(msg) if weights is None else InvalidParameterError(msg)
    return weights, "the weighted payoffs " + ", ".join(f"{format_prob(v)} x {p}" for v, p in zip(weights, game.players, strict=True))


def correlated_equilibrium(game: NormalFormGame, objective: Any = "welfare", coarse: bool = False,
                           tol: float | None = None) -> CorrelatedEquilibrium:
    """The correlated (or coarse correlated) equilibrium that maximises ``objective``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    objective : "welfare", str, int or sequence of float, default "welfare"
        ``"welfare"`` maximises the sum of payoffs; a player's name or index
        maximises that player's payoff; a sequence of weights maximises the
        weighted sum (negative weights minimise).
    coarse : bool, default False
        Coarse correlated equilibrium (deviations decided before the draw).
    tol : float, optional
        Verification tolerance relative to each player's payoff spread.

    Returns
    -------
    CorrelatedEquilibrium
        With ``distribution`` (shape ``game.shape``), ``payoffs`` and the
        ``binding`` incentive constraints.

    Raises
    ------
    InvalidParameterError
        For an unknown objective, or a game with more than
        :data:`MAX_PROFILES` action profiles.
    SolverError
        If the LP fails or its answer does not verify.

    References
    ----------
    Aumann, R. J. (1974). "Subjectivity and correlation in randomized
    strategies." *Journal of Mathematical Economics* 1: 67-96 (the Chicken
    example of section 3). Moulin, H. and Vial, J.-P. (1978). "Strategically
    zero-sum games." *International Journal of Game Theory* 7: 201-221.

    Examples
    --------
    Aumann's Chicken: the welfare-best correlated equilibrium gives each
    player 21/4, more than any Nash equilibrium's total of 9 or 28/3.

    >>> import negotiation_sim as ns
    >>> chicken = ns.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> ce = ns.correlated_equilibrium(chicken)
    >>> ce.distribution.round(4).tolist(), ce.payoffs.tolist()
    ([[0.5, 0.25], [0.25, 0.0]], [5.25, 5.25])
    """
    from scipy.optimize import linprog

    from negotiation_sim._validate import tolerance

    game = _check_game(game)
    if not isinstance(coarse, (bool, np.bool_)):
        msg = f"coarse must be True or False, not {coarse!r}"
        raise InvalidParameterTypeError(msg)
    tols = player_tols(game, tolerance(tol, DEFAULT_TOL))
    size = int(np.prod(game.shape))
    if size > MAX_PROFILES:
        msg = (f"the game has {size:,} action profiles, more than MAX_PROFILES={MAX_PROFILES:,} LP variables; "
               "solve a smaller game")
        raise InvalidParameterError(msg)
    w, words = _weights(game, objective)
    G, labels = incentive_constraints(game, bool(coarse))
    flat = game.payoffs.reshape(size, game.n_players)
    spread = np.ptp(flat, axis=0)
    spread[spread == 0] = 1.0
    c = -(flat @ w)  # maximise the weighted payoffs, rescaled as a whole (not player by player)
    c = c / (float(np.ptp(c)) or 1.0)
    res = linprog(c, A_ub=-G if len(G) else None, b_ub=np.zeros(len(G)) if len(G) else None,
                  A_eq=np.ones((1, size)), b_eq=[1.0], bounds=(0, None), method="highs")
    if res.status != 0:
        msg = f"the correlated-equilibrium LP failed: {res.message}"
        raise SolverError(msg)
    p = clean(np.clip(res.x, 0.0, None))
    p = p / p.sum()
    slack = G @ p if len(G) else np.zeros(0)
    # Gains from disobeying, back in payoff units, checked against each player's tolerance.
    owner = np.array([game.players.index(lab[0]) for lab in labels], dtype=int)
    gains = np.maximum(-slack, 0.0) * spread[owner] if len(G) else np.zeros(0)
    # HiGHS's feasibility tolerance is 1e-7 on the rescaled rows.
    if len(gains) and np.any(gains > tols[owner] + 1e-7 * spread[owner]):
        msg = f"the correlated-equilibrium LP's answer violates an incentive constraint by {gains.max():.3g}"
        raise SolverError(msg)
    binding = [lab for lab, s in zip(labels, slack, strict=True) if abs(s) <= 1e-9]
    if not coarse:  # a constraint on a recommendation never made binds trivially: leave it out
        drawn = [set(np.flatnonzero(p.reshape(game.shape).sum(axis=tuple(j for j in range(game.n_players) if j != i))
                                    > 0).tolist()) for i in range(game.n_players)]
        binding = [b for b in binding
                   if game.actions[game.players.index(b[0])].index(b[1]) in drawn[game.players.index(b[0])]]
    payoffs = clean(p @ flat)
    return CorrelatedEquilibrium(distribution=p.reshape(game.shape), payoffs=payoffs, binding=binding,
                                 regret=float(gains.max()) if len(gains) else 0.0, coarse=coarse, objective=words,
                                 players=game.players, actions=game.actions)


def ce_payoff_region(game: NormalFormGame, n_directions: int = 72, coarse: bool = False) -> np.ndarray:
    """Vertices (counter-clockwise, shape (k, 2)) of the set of payoff pairs of a 2-player game's
    correlated equilibria, found by maximising ``n_directions`` weighted objectives
    ``cos(t) u1 + sin(t) u2`` (an inner approximation that is exact once every vertex is hit).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> chicken = ns.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> sorted(map(tuple, ce_payoff_region(chicken).round(4).tolist()))
    [(2.0, 7.0), (3.6, 3.6), (5.25, 5.25), (7.0, 2.0)]
    """
    from negotiation_sim._validate import positive_int

    game = _check_game(game)
    if game.n_players != 2:
        msg = f"the payoff region is drawn for 2-player games; this one has {game.n_players}"
        raise InvalidParameterError(msg)
    k = positive_int(n_directions, "n_directions")
    points = []
    for t in np.linspace(0, 2 * np.pi, k, endpoint=False):
        points.append(correlated_equilibrium(game, [np.cos(t), np.sin(t)], coarse=coarse).payoffs)
    pts = np.unique(np.round(np.array(points), 9), axis=0)
    if len(pts) <= 2:
        return pts
    return _hull(pts)


def _hull(points: np.ndarray) -> np.ndarray:
    """Convex hull (Andrew's monotone chain), counter-clockwise, collinear points dropped."""
    pts = sorted(map(tuple, points))

    def cross(o: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    upper: list = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 1e-12:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 1e-12:
            upper.pop()
        upper.append(p)
    return np.array(lower[:-1] + upper[:-1])

