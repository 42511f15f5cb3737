"""``payoff_region``: the payoffs that correlated equilibria can give a 2-player game, with the Nash payoffs."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from negotiation_sim.plotting._common import get_ax
from negotiation_sim.plotting._payoff_matrix import check_two_player

__all__ = ["payoff_region"]


def payoff_region(game: Any, *, coarse: bool = False, n_directions: int = 72, ax: Any = None, **kwargs: Any):
    """Draw the set of payoff pairs of a 2-player game's correlated equilibria, and its Nash payoffs.

    The region is a convex polygon (the image of the correlated-equilibrium
    polytope under the payoff map), found by maximising ``n_directions``
    weighted sums of the payoffs
    (:func:`~negotiation_sim.solvers.correlated.ce_payoff_region`). Every
    Nash equilibrium is a correlated equilibrium, so its payoffs lie inside.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game.
    coarse : bool, default False
        Coarse correlated equilibria instead (a larger region).
    n_directions : int, default 72
        Objectives maximised to find the polygon's vertices.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to the ``fill`` call that draws the region.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> chicken = ns.NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]], players=("Russia", "Ukraine"))
    >>> ax = ns.plotting.payoff_region(chicken)
    >>> ax.get_xlabel()
    "Russia's payoff"
    """
    from negotiation_sim.solvers._solve import solve
    from negotiation_sim.solvers.correlated import ce_payoff_region

    game = check_two_player(game, "payoff_region")
    ax = get_ax(ax)
    poly = ce_payoff_region(game, n_directions=n_directions, coarse=coarse)
    kind = "coarse correlated" if coarse else "correlated"
    style = {"alpha": 0.35, "color": "tab:blue", "label": f"{kind} equilibrium payoffs", **kwargs}
    if len(poly) >= 3:
        ax.fill(poly[:, 0], poly[:, 1], **style)
    else:
        style.pop("alpha", None)
        ax.plot(poly[:, 0], poly[:, 1], marker="s", **style)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a degenerate game's warning is not the plot's business
        nash = np.array([e.payoffs for e in solve(game)]).reshape(-1, 2)
    ax.scatter(nash[:, 0], nash[:, 1], color="black", zorder=3, label="Nash equilibrium payoffs")
    ax.set_xlabel(f"{game.players[0]}'s payoff")
    ax.set_ylabel(f"{game.players[1]}'s payoff")
    title = game.title or f"{game.players[0]} vs {game.players[1]}"
    ax.set_title(f"Payoffs of {kind} equilibria: {title}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return ax
