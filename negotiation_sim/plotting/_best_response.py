"""``best_response``: both players' best-response correspondences of a 2x2 game."""

from __future__ import annotations

from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidGameError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.plotting._common import fit_title, get_ax, legend_off_data
from negotiation_sim.plotting._payoff_matrix import check_two_player
from negotiation_sim.solvers._regret import absolute_tol

__all__ = ["best_response", "correspondence"]


def correspondence(d_at_0: float, d_at_1: float, atol: float = 0.0) -> tuple[list, list]:
    """The graph of a best response in a 2x2 game as a polyline ``(t, own)``.

    ``d(t) = d_at_0 (1 - t) + d_at_1 t`` is the player's payoff advantage of
    its first action over its second when the opponent plays its first
    action with probability ``t``; ``own`` is the best-response probability of
    the first action (1 when ``d > 0``, 0 when ``d < 0``, anything when
    ``d = 0``). Returns ``([], [])`` when ``d`` is identically 0 (every
    strategy is a best response).

    Examples
    --------
    >>> correspondence(-1.0, 1.0)   # indifferent at t = 1/2
    ([0.0, 0.5, 0.5, 1.0], [0.0, 0.0, 1.0, 1.0])
    """
    d0 = 0.0 if abs(d_at_0) <= atol else float(d_at_0)
    d1 = 0.0 if abs(d_at_1) <= atol else float(d_at_1)
    if d0 == 0 and d1 == 0:
        return [], []
    knots = [0.0, 1.0]
    if d0 * d1 < 0:
        knots.insert(1, d0 / (d0 - d1))
    ts: list[float] = []
    owns: list[float] = []
    for a, b in zip(knots[:-1], knots[1:], strict=True):
        mid = 0.5 * (a + b)
        own = 1.0 if d0 * (1 - mid) + d1 * mid > 0 else 0.0
        ts += [a, b]
        owns += [own, own]
    if d0 == 0:  # indifferent at t = 0: the whole segment own in [0, 1]
        ts.insert(0, 0.0)
        owns.insert(0, 1.0 - owns[0])
    if d1 == 0:
        ts.append(1.0)
        owns.append(1.0 - owns[-1])
    return ts, owns


def _advantages(game: NormalFormGame) -> tuple[tuple[float, float], tuple[float, float]]:
    a, b = game.payoff_array(0), game.payoff_array(1)
    # Row: advantage of row action 1 when the column plays action 2 (t = 0) and action 1 (t = 1).
    row = (float(a[0, 1] - a[1, 1]), float(a[0, 0] - a[1, 0]))
    col = (float(b[1, 0] - b[1, 1]), float(b[0, 0] - b[0, 1]))
    return row, col


def best_response(game: NormalFormGame, equilibria: Any = None, *, ax: Any = None, **kwargs: Any):
    """Draw both players' best-response correspondences of a 2x2 game in the unit square.

    ``x`` is the probability that the row player plays its first action,
    ``y`` that the column player plays its first action. The row player's
    correspondence (x as a function of y) and the column player's (y as a
    function of x) cross exactly at the Nash equilibria, drawn as points. A
    player who is indifferent whatever the other does has the whole square
    as its correspondence, drawn shaded.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game with two actions each.
    equilibria : EquilibriumSet or sequence of Equilibrium, optional
        The equilibria to draw; computed with :func:`negotiation_sim.solve`
        when None.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot` for both correspondences
        (e.g. ``linewidth``).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        If the game is not 2x2.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> ax = ns.plotting.best_response(g, ns.solve(g, method="lemke_howson"))
    >>> len(ax.lines)  # two correspondences and the equilibrium points
    3
    """
    game = check_two_player(game, "best_response")
    if game.shape != (2, 2):
        msg = f"best_response draws 2x2 games; this game has shape {game.shape}"
        raise InvalidGameError(msg)
    if equilibria is None:
        from negotiation_sim.solvers._solve import solve

        equilibria = solve(game)
    ax = get_ax(ax)
    atol = absolute_tol(game)
    (r0, r1), (c0, c1) = _advantages(game)
    rows, cols = game.actions
    for who, (d0, d1), colour in ((0, (r0, r1), "C0"), (1, (c0, c1), "C3")):
        label = f"{game.players[who]}'s best response"
        ts, owns = correspondence(d0, d1, atol)
        if not ts:  # indifferent everywhere: the correspondence is the whole square
            ax.fill([0, 1, 1, 0], [0, 0, 1, 1], color=colour, alpha=0.15, label=label + " (any)")
            continue
        xs, ys = (owns, ts) if who == 0 else (ts, owns)
        ax.plot(xs, ys, color=colour, label=label, **kwargs)
    points = np.array([[eq.strategies[0][0], eq.strategies[1][0]] for eq in equilibria]).reshape(-1, 2)
    ax.plot(points[:, 0], points[:, 1], "o", color="black", markersize=8, linestyle="none",
            label="Nash equilibria")
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel(f"P({game.players[0]} plays {rows[0]})")
    ax.set_ylabel(f"P({game.players[1]} plays {cols[0]})")
    ax.set_title(game.title or f"Best responses of {game.players[0]} and {game.players[1]}")
    legend_off_data(ax)
    fit_title(ax)
    return ax
