"""Plots of bargaining models: Fearon's bargaining range and Rubinstein's shares against patience."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.models.fearon import Fearon
from negotiation_sim.models.risk_return import RiskReturn, TwoTypeCost
from negotiation_sim.models.rubinstein import Rubinstein
from negotiation_sim.plotting._common import fit_title, get_ax, legend_off_data
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["bargaining_range", "rubinstein_shares"]


def _cost_range(model: RiskReturn) -> tuple[float, float]:
    """B's mean cost of war and its largest (the 99th percentile of an unbounded distribution)."""
    if isinstance(model.cost_b, TwoTypeCost):
        cb = model.cost_b
        return cb.prob_low * cb.low + (1 - cb.prob_low) * cb.high, cb.high
    hi = float(model.cost_b.support()[1])
    return float(model.cost_b.mean()), hi if np.isfinite(hi) else float(model.cost_b.ppf(0.99))


def _check_players(players: Any) -> tuple[str, str]:
    if isinstance(players, str) or len(players) != 2 or not all(isinstance(p, str) and p for p in players):
        msg = f"players must be two non-empty names (the first side's, then the second's), got {players!r}"
        raise InvalidParameterError(msg)
    return players[0], players[1]


def bargaining_range(model: Fearon | RiskReturn, *, players: Sequence[str] = ("A", "B"), ax: Any = None,
                     **kwargs: Any):
    """Draw the bargaining range for the first side's share on [0, 1], with the war payoffs.

    For :class:`~negotiation_sim.models.Fearon` the shaded span is
    ``[p - c_A, p + c_B]``; the dashed lines mark A's war payoff and the
    share that leaves B its war payoff. For
    :class:`~negotiation_sim.models.RiskReturn` B's cost is uncertain: the
    dark span is the bargaining range at B's mean cost, ``[p - c_A, p + E c_B]``,
    the light one the further demands that B accepts only when its cost is
    high (up to ``p`` plus B's largest cost); the curve is B's probability
    of accepting each demand and the vertical line A's optimal demand.

    Parameters
    ----------
    model : Fearon or RiskReturn
    players : pair of str, default ("A", "B")
        The two sides' names, used in the title, labels and legend.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``ax.axvspan`` (the shaded range).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidParameterError
        If ``model`` is neither model, or ``players`` is not two names.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.bargaining_range(ns.models.Fearon(0.6, 0.1, 0.2), players=("Russia", "the West"))
    >>> tuple(float(v) for v in ax.get_xlim()), ax.get_xlabel()
    ((0.0, 1.0), "Russia's share of the stake")
    """
    if not isinstance(model, (Fearon, RiskReturn)):
        msg = f"model must be a Fearon or RiskReturn model, got {type(model).__name__}"
        raise InvalidParameterError(msg)
    a, b = _check_players(players)
    ax = get_ax(ax)
    p, ca = model.p, model.cost_a
    if isinstance(model, Fearon):
        low, high = model.bargaining_range()
        title = f"Bargaining range [{format_prob(low)}, {format_prob(high)}] for {a}'s share"
        span_label = "bargaining range"
        b_war, b_war_label = model.p + model.cost_b, f"{b}'s war payoff, as {a}'s share: $p + c_B$"
    else:
        mean_cost, top_cost = _cost_range(model)
        low, high = max(0.0, p - ca), min(1.0, p + mean_cost)
        span_label = f"bargaining range at {b}'s mean cost"
        b_war, b_war_label = None, ""
    ax.axvspan(low, high, **({"alpha": 0.3, "color": "tab:green", "label": span_label} | kwargs))
    if isinstance(model, RiskReturn) and min(1.0, p + top_cost) > high:
        ax.axvspan(high, min(1.0, p + top_cost), alpha=0.12, color="tab:green",
                   label=f"accepted only if {b}'s cost is high")
    ax.axvline(p - ca, color="tab:red", ls="--", label=f"{a}'s war payoff $p - c_A$")
    if b_war is not None:
        ax.axvline(b_war, color="tab:blue", ls="--", label=b_war_label)
    ax.axvline(p, color="grey", ls=":", label=f"$p$: probability {a} wins a war")
    if isinstance(model, RiskReturn):
        x = np.linspace(0, 1, 501)
        ax.plot(x, model.p_accept(x), color="tab:blue", label=f"P({b} accepts the demand)")
        res = model.solve()
        ax.axvline(res.demand, color="black", label=f"{a}'s demand {format_prob(res.demand)}")
        title = f"{a}'s demand risks war: P(war) = {format_prob(res.p_war)}"
        ax.set_ylabel("probability")
        ax.set_ylim(0.0, 1.05)
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel(f"{a}'s share of the stake")
    ax.set_title(title)
    legend_off_data(ax)
    fit_title(ax)
    return ax


def rubinstein_shares(model_or_deltas: Rubinstein | Any, *, players: Sequence[str] = ("Player 1", "Player 2"),
                      ax: Any = None, **kwargs: Any):
    """Draw the Rubinstein shares against patience.

    Given a :class:`~negotiation_sim.models.Rubinstein` model, the shares are
    drawn against the first proposer's discount factor with the other's (and
    its outside option) held fixed, and the model's own point is marked.
    Given an array of discount factors, both players share that common
    factor, so the first proposer gets ``1/(1 + delta)``.

    Parameters
    ----------
    model_or_deltas : Rubinstein or array-like of floats in (0, 1)
    players : pair of str, default ("Player 1", "Player 2")
        The first proposer's name, then the responder's.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to the ``ax.plot`` call of the first proposer's share.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidParameterError
        If the discount factors are not in (0, 1), or ``players`` is not two names.

    Examples
    --------
    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.rubinstein_shares(np.linspace(0.1, 0.95, 20), players=("Russia", "the West"))
    >>> len(ax.lines), ax.lines[0].get_label()
    (2, 'Russia (proposes first)')
    """
    first, second = _check_players(players)
    ax = get_ax(ax)
    if isinstance(model_or_deltas, Rubinstein):
        model = model_or_deltas
        deltas = np.linspace(0.01, 0.99, 197)
        share1 = np.array([attrs.evolve(model, delta1=float(d)).solve().share1 for d in deltas])
        res = model.solve()
        ax.plot(deltas, share1, **({"label": f"{first} (proposes first)"} | kwargs))
        ax.plot(deltas, 1 - share1, label=second)
        ax.plot([model.delta1], [res.share1], "o", color="black",
                label=f"these parameters: {first} gets {format_prob(res.share1)}")
        ax.set_xlabel(f"{first}'s discount factor ({second}'s fixed at {format_prob(model.delta2)})")
        ax.set_title("Alternating offers: patience is bargaining power")
    else:
        deltas = np.asarray(model_or_deltas, dtype=float)
        if deltas.ndim != 1 or deltas.size == 0 or np.any((deltas <= 0) | (deltas >= 1)):
            msg = "model_or_deltas must be a Rubinstein model or a 1-D array of discount factors in (0, 1)"
            raise InvalidParameterError(msg)
        share1 = 1.0 / (1.0 + deltas)
        ax.plot(deltas, share1, **({"label": f"{first} (proposes first)"} | kwargs))
        ax.plot(deltas, 1 - share1, label=second)
        ax.set_xlabel("common discount factor")
        ax.set_title("Alternating offers with a common discount factor")
    ax.set_ylabel("share of the stake")
    ax.set_ylim(0.0, 1.0)
    legend_off_data(ax)
    fit_title(ax)
    return ax
