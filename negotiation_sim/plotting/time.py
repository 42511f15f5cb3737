"""Plots of time, commitment and risk: the SPE payoff region, screening offers, prospect-theory curves.

Each function takes ``ax=None`` and returns the matplotlib ``Axes`` it drew on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidParameterTypeError
from negotiation_sim.models.indivisibility import Indivisibility
from negotiation_sim.models.prospect import ProspectCrisis
from negotiation_sim.models.repeated_game import RepeatedCrisis
from negotiation_sim.models.screening import Screening
from negotiation_sim.plotting._common import get_ax, legend_off_data

__all__ = ["indivisible_range", "prospect_curves", "screening_rounds", "spe_region"]


def _check(model: Any, cls: type, name: str) -> None:
    if not isinstance(model, cls):
        msg = f"{name} must be a {cls.__name__}, not {type(model).__name__}"
        raise InvalidParameterTypeError(msg)


def _polygon(ax: Any, verts: np.ndarray, **kwargs: Any) -> None:
    if len(verts) == 0:
        return
    closed = np.vstack([verts, verts[:1]])
    if len(verts) >= 3:
        ax.fill(closed[:, 0], closed[:, 1], **kwargs)
    else:
        ax.plot(closed[:, 0], closed[:, 1], marker="o", linewidth=3, color=kwargs.get("color"),
                alpha=kwargs.get("alpha"), label=kwargs.get("label"))


def spe_region(model: RepeatedCrisis, *, ax: Any = None, **kwargs: Any):
    """Draw the feasible set, the individually rational set and the SPE payoff region of a repeated game.

    Stage payoffs are marked with their action profiles; ``kwargs`` go to the
    fill of the SPE region.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> rc = ns.models.RepeatedCrisis(ns.models.chicken(0, -1, 1, -10), 0.9)
    >>> ax = ns.plotting.spe_region(rc)
    >>> ax.get_xlabel()
    "Player 1's average payoff"
    """
    _check(model, RepeatedCrisis, "model")
    ax = get_ax(ax)
    game = model.stage_game
    a, b = game.players
    _polygon(ax, model.feasible_payoffs(), color="lightgrey", alpha=0.5, label="feasible payoffs")
    _polygon(ax, model.individually_rational_payoffs(), color="tab:blue", alpha=0.2,
             label="feasible and individually rational")
    res = model.solve()
    fill = {"color": "tab:red", "alpha": 0.5, "label": f"SPE payoffs at delta = {model.delta:.3g}"} | kwargs
    _polygon(ax, res.vertices, **fill)
    for idx in np.ndindex(*game.shape):
        x, y = game.payoffs[idx]
        ax.plot(x, y, "k.", markersize=6)
        ax.annotate(f"{game.actions[0][idx[0]]} / {game.actions[1][idx[1]]}", (x, y), fontsize=7,
                    textcoords="offset points", xytext=(3, 3))
    ax.set_xlabel(f"{a}'s average payoff")
    ax.set_ylabel(f"{b}'s average payoff")
    ax.set_title(f"Repeated {game.title or 'stage game'}: what the future can sustain")
    legend_off_data(ax, fontsize=8)
    return ax


#: Up to this many rounds, each round has its tick label.
_EVERY_ROUND_TICKED = 12


def screening_rounds(model: Screening, *, ax: Any = None, **kwargs: Any):
    """Draw the West's offer and the probability of agreement in each round of a screening model.

    Bars give the probability of agreement in each round, a line with a marker
    per round the West's offer; every round is labelled on the x axis up to
    12 rounds, beyond that the first and whole rounds at a readable spacing.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.screening_rounds(ns.models.Screening(delta=0.8, n_rounds=6))
    >>> ax.get_xlabel()
    'round of talks'
    """
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path
    from matplotlib.ticker import MaxNLocator

    _check(model, Screening, "model")
    ax = get_ax(ax)
    res = model.solve()
    rounds = np.arange(1, len(res.offers) + 1)
    # The bars as one patch (one artist, also for the legend's search of a free corner), drawn as ``ax.bar``
    # would draw them: width 0.8, from 0 up to each round's probability.
    left, right, height = rounds - 0.4, rounds + 0.4, np.asarray(res.p_agree, dtype=float)
    zero = np.zeros_like(height)
    corners = np.stack([np.column_stack(c) for c in
                        ((left, zero), (right, zero), (right, height), (left, height), (left, zero))], axis=1)
    codes = np.tile([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY], len(rounds))
    bars = PathPatch(Path(corners.reshape(-1, 2), codes), facecolor="tab:green", edgecolor="none", alpha=0.5,
                     label="probability of agreement in the round")
    ax.add_patch(bars)
    ax.plot(rounds, res.offers, marker="o", color="tab:blue", label="West's offer (Russia's share)", **kwargs)
    ax.axhline(res.p_war, color="tab:red", linestyle="--", label=f"probability talks fail: {res.p_war:.3g}")
    if len(rounds) <= _EVERY_ROUND_TICKED:
        ax.set_xticks(rounds)
    else:  # one label per round would overlap: the first round, then whole rounds at a readable spacing
        steps = np.asarray(MaxNLocator(nbins=10, integer=True).tick_values(1, len(rounds)), dtype=float)
        ax.set_xticks(np.unique(np.r_[1, steps[(steps > 1) & (steps <= len(rounds))]]).astype(int))
    ax.set_xlabel("round of talks")
    ax.set_ylabel("share / probability")
    ax.set_ylim(0, 1.02)
    ax.set_title("Screening: offers rise as the least demanding types settle")
    legend_off_data(ax, fontsize=8)
    return ax


def prospect_curves(model: ProspectCrisis, *, ax: Any = None, span: float = 2.0, **kwargs: Any):
    """Draw the value function around the reference point, with the sure outcome and the gamble marked.

    The main axes show ``v(x)`` for ``x`` in ``[-span, span]`` (outcomes minus
    the reference); an inset shows the probability weights for gains and losses.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.prospect_curves(ns.models.ProspectCrisis((1, -2), (0.3, 0.7), sure=0))
    >>> ax.get_ylabel()
    'value v(x)'
    """
    _check(model, ProspectCrisis, "model")
    ax = get_ax(ax)
    x = np.linspace(-span, span, 401)
    ax.plot(x, model.value(x), color="black", label="value v(x) (Tversky-Kahneman 1992)", **kwargs)
    rel = np.asarray(model.outcomes) - model.reference
    ax.plot(rel, model.value(rel), "v", color="tab:red", label="gamble's outcomes")
    s = model.sure - model.reference
    ax.plot([s], model.value([s]), "o", color="tab:blue", label="sure outcome")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlabel(f"outcome minus the reference point ({model.reference:.3g})")
    ax.set_ylabel("value v(x)")
    ax.set_title("Prospect theory: losses loom larger than gains")
    inset = ax.inset_axes([0.6, 0.08, 0.36, 0.36])
    p = np.linspace(0, 1, 201)
    inset.plot(p, model.weight(p), label="w+ (gains)")
    inset.plot(p, model.weight(p, gain=False), label="w- (losses)")
    inset.plot(p, p, color="grey", linewidth=0.6)
    inset.set_xlabel("p", fontsize=7)
    inset.set_title("probability weights", fontsize=7)
    inset.tick_params(labelsize=6)
    inset.legend(fontsize=6, loc="upper left")  # (above both weights and the diagonal for any inverse-S or S weighting)
    legend_off_data(ax, fontsize=8)
    return ax


def indivisible_range(model: Indivisibility, *, names: Sequence[str] = ("A", "B"), ax: Any = None,
                      **kwargs: Any):
    """Draw the bargaining range for A's share with the feasible divisions marked on it.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.indivisible_range(ns.models.Indivisibility(0.5, 0.1, 0.1))
    >>> ax.get_xlabel()
    "A's share of the stake (the rest is B's)"
    """
    _check(model, Indivisibility, "model")
    ax = get_ax(ax)
    res = model.solve()
    ax.axvspan(res.low, res.high, color="tab:green", alpha=0.3, label="bargaining range (both prefer to war)")
    divs = np.asarray(model.divisions)
    inside = np.isin(divs, res.feasible_deals)
    ax.plot(divs[~inside], np.zeros((~inside).sum()), "x", color="tab:red", markersize=10,
            label="feasible divisions outside the range", **kwargs)
    ax.plot(divs[inside], np.zeros(inside.sum()), "o", color="tab:green", markersize=8,
            label="feasible divisions inside the range")
    ax.axvline(model.p, color="black", linestyle=":", label=f"war odds p = {model.p:.3g}")
    ax.set_xlim(-0.02, 1.02)
    ax.set_yticks([])
    ax.set_xlabel(f"{names[0]}'s share of the stake (the rest is {names[1]}'s)")
    ax.set_title("An indivisible stake can empty the bargaining range")
    legend_off_data(ax, fontsize=8)
    return ax
