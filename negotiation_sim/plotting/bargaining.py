"""Plots of bargaining models: Fearon's bargaining range and Rubinstein's shares against patience."""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.models.fearon import Fearon
from negotiation_sim.models.risk_return import RiskReturn, TwoTypeCost
from negotiation_sim.models.rubinstein import Rubinstein
from negotiation_sim.plotting._common import get_ax

__all__ = ["bargaining_range", "rubinstein_shares"]


def _upper_cost(model: RiskReturn) -> float:
    if isinstance(model.cost_b, TwoTypeCost):
        return model.cost_b.high
    hi = float(model.cost_b.support()[1])
    return hi if np.isfinite(hi) else float(model.cost_b.ppf(0.99))


def bargaining_range(model: Fearon | RiskReturn, *, ax: Any = None, **kwargs: Any):
    """Draw the bargaining range for A's share on [0, 1], with the war payoffs.

    For :class:`~negotiation_sim.models.Fearon` the shaded span is
    ``[p - c_A, p + c_B]``; the dashed lines mark A's war payoff and the
    share that leaves B its war payoff. For
    :class:`~negotiation_sim.models.RiskReturn` the span runs from
    ``p - c_A`` to ``p`` plus B's largest cost, the curve is B's probability
    of accepting each demand, and the vertical line is A's optimal demand,
    labelled with the probability of war.

    Parameters
    ----------
    model : Fearon or RiskReturn
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``ax.axvspan`` (the shaded range).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.bargaining_range(ns.models.Fearon(0.6, 0.1, 0.2))
    >>> tuple(float(v) for v in ax.get_xlim())
    (0.0, 1.0)
    """
    if not isinstance(model, (Fearon, RiskReturn)):
        msg = f"model must be a Fearon or RiskReturn model, got {type(model).__name__}"
        raise InvalidParameterError(msg)
    ax = get_ax(ax)
    p, ca = model.p, model.cost_a
    if isinstance(model, Fearon):
        low, high = model.bargaining_range()
        b_war = model.p + model.cost_b
        title = f"Bargaining range [{low:.3g}, {high:.3g}] for A's share"
    else:
        low, high = max(0.0, p - ca), min(1.0, p + _upper_cost(model))
        b_war = None
    ax.axvspan(low, high, **({"alpha": 0.25, "color": "tab:green", "label": "bargaining range"} | kwargs))
    ax.axvline(p - ca, color="tab:red", ls="--", label="A's war payoff $p - c_A$")
    if b_war is not None:
        ax.axvline(b_war, color="tab:blue", ls="--", label="B's war payoff as A's share $p + c_B$")
    ax.axvline(p, color="grey", ls=":", label="$p$")
    if isinstance(model, RiskReturn):
        x = np.linspace(0, 1, 501)
        ax.plot(x, model.p_accept(x), color="tab:blue", label="P(B accepts demand)")
        res = model.solve()
        ax.axvline(res.demand, color="black", label=f"A's demand {res.demand:.3g}")
        title = f"Risk-return trade-off: P(war) = {res.p_war:.3g}"
        ax.set_ylabel("probability")
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("A's share of the stake")
    ax.set_title(title)
    ax.legend(loc="best", fontsize="small")
    return ax


def rubinstein_shares(model_or_deltas: Rubinstein | Any, *, ax: Any = None, **kwargs: Any):
    """Draw the Rubinstein shares against patience.

    Given a :class:`~negotiation_sim.models.Rubinstein` model, the shares are
    drawn against player 1's discount factor with player 2's (and its outside
    option) held fixed, and the model's own point is marked. Given an array
    of discount factors, both players share that common factor, so player 1
    gets ``1/(1 + delta)``.

    Parameters
    ----------
    model_or_deltas : Rubinstein or array-like of floats in (0, 1)
    ax : matplotlib Axes, optional
    **kwargs
        Passed to the ``ax.plot`` call of player 1's share.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.rubinstein_shares(np.linspace(0.1, 0.95, 20))
    >>> len(ax.lines)
    2
    """
    ax = get_ax(ax)
    if isinstance(model_or_deltas, Rubinstein):
        model = model_or_deltas
        deltas = np.linspace(0.01, 0.99, 197)
        share1 = np.array([attrs.evolve(model, delta1=float(d)).solve().share1 for d in deltas])
        res = model.solve()
        ax.plot(deltas, share1, **({"label": "player 1 (first proposer)"} | kwargs))
        ax.plot(deltas, 1 - share1, label="player 2")
        ax.plot([model.delta1], [res.share1], "o", color="black", label="this model")
        ax.set_xlabel(f"player 1's discount factor (player 2's fixed at {model.delta2:.3g})")
    else:
        deltas = np.asarray(model_or_deltas, dtype=float)
        if deltas.ndim != 1 or deltas.size == 0 or np.any((deltas <= 0) | (deltas >= 1)):
            msg = "model_or_deltas must be a Rubinstein model or a 1-D array of discount factors in (0, 1)"
            raise InvalidParameterError(msg)
        share1 = 1.0 / (1.0 + deltas)
        ax.plot(deltas, share1, **({"label": "player 1 (first proposer)"} | kwargs))
        ax.plot(deltas, 1 - share1, label="player 2")
        ax.set_xlabel("common discount factor")
    ax.set_ylabel("share of the stake")
    ax.set_ylim(0.0, 1.0)
    ax.legend(loc="best", fontsize="small")
    return ax
