"""Plot a learning dynamic's run: each action's probability by round."""

from __future__ import annotations

from typing import Any

from negotiation_sim.plotting._common import fit_title, get_ax, legend_off_data

__all__ = ["trace"]


def trace(trace: Any, *, ax: Any = None, payoffs: bool = False, **kwargs: Any):
    """Draw one line per player-action (or per player's payoff) against the round.

    Parameters
    ----------
    trace : Trace
        From :func:`negotiation_sim.simulate`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    payoffs : bool, default False
        Plot the expected payoffs instead of the probabilities.
    **kwargs
        Passed to every ``Axes.plot`` call.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> mp = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> ax = ns.plotting.trace(ns.simulate(mp, rounds=100, rng=0))
    >>> len(ax.lines)
    4
    """
    from negotiation_sim.analysis.dynamics import Trace
    from negotiation_sim.errors import InvalidParameterTypeError

    if not isinstance(trace, Trace):
        msg = f"trace must be a Trace from negotiation_sim.simulate, not {type(trace).__name__}"
        raise InvalidParameterTypeError(msg)
    frame = trace.data
    columns = [c for c in frame.columns[1:] if c.startswith("payoff ") == bool(payoffs)]
    ax = get_ax(ax)
    for column in columns:
        ax.plot(frame["round"], frame[column], label=column, **kwargs)
    ax.set_xlabel("round")
    ax.set_ylabel("expected payoff" if payoffs else "probability")
    ax.set_title(f"{trace.method.replace('_', ' ')} ({trace.variant})")
    legend_off_data(ax)
    fit_title(ax)
    return ax
