"""Plot the principal logit QRE branch: each action's probability against lam."""

from __future__ import annotations

from typing import Any

from negotiation_sim.plotting._common import get_ax

__all__ = ["qre_path"]


def qre_path(game_or_path: Any, *, ax: Any = None, **kwargs: Any):
    """Draw one line per player-action: its probability along the QRE branch.

    Parameters
    ----------
    game_or_path : NormalFormGame or QREPath
        A game (its path is traced with :func:`negotiation_sim.qre_path`) or a
        traced path.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    **kwargs
        Passed to every ``Axes.plot`` call (e.g. ``linewidth``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> mp = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> ax = ns.plotting.qre_path(mp)
    >>> len(ax.lines), ax.get_xscale()
    (4, 'symlog')
    """
    from negotiation_sim.errors import InvalidParameterError
    from negotiation_sim.games.normal_form import NormalFormGame
    from negotiation_sim.solvers.qre import QREPath
    from negotiation_sim.solvers.qre import qre_path as trace

    if isinstance(game_or_path, NormalFormGame):
        game_or_path = trace(game_or_path)
    if not isinstance(game_or_path, QREPath):
        msg = f"game_or_path must be a NormalFormGame or a QREPath, not {type(game_or_path).__name__}"
        raise InvalidParameterError(msg)
    frame = game_or_path.path
    ax = get_ax(ax)
    for column in frame.columns[1:]:
        ax.plot(frame["lam"], frame[column], label=column, **kwargs)
    # lam spans many decades, and 0: linear near 0, logarithmic beyond 1.
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_xlabel("precision λ")
    ax.set_ylabel("probability")
    ax.set_ylim(-0.02, 1.02)
    ax.legend(loc="best", fontsize="small")
    return ax
