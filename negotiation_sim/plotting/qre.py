"""Plot the principal logit QRE branch: each action's probability against lam."""

from __future__ import annotations

from typing import Any

import numpy as np

from negotiation_sim.plotting._common import fit_title, get_ax, legend_off_data

__all__ = ["qre_path"]


def _distinct_curves(frame: Any, atol: float = 1e-9) -> list[list[str]]:
    """The path's player-action columns grouped by curve: columns that coincide share one line."""
    groups: list[list[str]] = []
    for column in frame.columns[1:]:
        values = frame[column].to_numpy()
        for group in groups:
            if np.allclose(frame[group[0]].to_numpy(), values, rtol=0.0, atol=atol):
                group.append(column)
                break
        else:
            groups.append([column])
    return groups


def qre_path(game_or_path: Any, *, ax: Any = None, **kwargs: Any):
    """Draw each player-action's probability along the QRE branch, one legend entry per line.

    Player-actions whose probabilities coincide all along the path (the two
    sides of a symmetric game) share one line, labelled ``"A:x = B:x"``.

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
    >>> chicken = ns.models.chicken(0, -1, 1, -10)    # symmetric: both sides' curves coincide
    >>> [line.get_label() for line in ns.plotting.qre_path(chicken).lines]
    ['Player 1:Swerve = Player 2:Swerve', 'Player 1:Straight = Player 2:Straight']
    """
    from negotiation_sim.errors import InvalidParameterTypeError
    from negotiation_sim.games.normal_form import NormalFormGame
    from negotiation_sim.solvers._qre import QREPath
    from negotiation_sim.solvers._qre import qre_path as trace

    title = "Logit quantal response equilibrium path"
    if isinstance(game_or_path, NormalFormGame):
        if game_or_path.title:
            title = f"{game_or_path.title}: logit QRE path"
        game_or_path = trace(game_or_path)
    if not isinstance(game_or_path, QREPath):
        msg = f"game_or_path must be a NormalFormGame or a QREPath, not {type(game_or_path).__name__}"
        raise InvalidParameterTypeError(msg)
    frame = game_or_path.path
    ax = get_ax(ax)
    for columns in _distinct_curves(frame):
        label = " = ".join(columns)
        ax.plot(frame["lam"], frame[columns[0]], label=label, **kwargs)
    # lam spans many decades, and 0: linear near 0, logarithmic beyond 1.
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_xlabel("precision λ (0: random play; large: Nash equilibrium)")
    ax.set_ylabel("probability of the action")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title(title)
    legend_off_data(ax)
    fit_title(ax)
    return ax
