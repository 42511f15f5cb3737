"""Plots of signals, talk and domestic audiences: cheap talk, costly signals, wars of attrition, two-level games."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.models.cheap_talk import CheapTalk
from negotiation_sim.models.costly_signal import INSTRUMENTS, CostlySignal
from negotiation_sim.models.two_level import TwoLevelGame
from negotiation_sim.models.war_of_attrition import WarOfAttrition
from negotiation_sim.plotting._common import fit_title, get_ax, legend_off_data

__all__ = ["cheap_talk_losses", "cheap_talk_partitions", "costly_signal", "two_level", "war_of_attrition"]

_INSTRUMENT_LABELS = {"none": "talk only", "sunk": "sinking costs", "tie": "tying hands"}


def _check(model: Any, cls: type, name: str = "model") -> None:
    if not isinstance(model, cls):
        msg = f"{name} must be a {cls.__name__}, got {type(model).__name__}"
        raise InvalidParameterError(msg)


def _legend_above(ax: Any, ncol: int = 2) -> None:
    """Make head room above the data and put the legend there, so it never covers a line or bar."""
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + 0.4 * (high - low))
    ax.legend(loc="upper center", ncol=ncol, fontsize="small", frameon=False)


def _two_names(names: Sequence[str], what: str) -> tuple[str, str]:
    if isinstance(names, str) or len(names) != 2 or not all(isinstance(n, str) for n in names):
        msg = f"names must be two strings ({what}), got {names!r}"
        raise InvalidParameterError(msg)
    return str(names[0]), str(names[1])


def cheap_talk_partitions(model: CheapTalk, *, max_rows: int = 8, names: Sequence[str] = ("sender", "receiver"),
                          ax: Any = None, **kwargs: Any):
    """Draw every equilibrium partition of :class:`~negotiation_sim.models.CheapTalk`, one row per size.

    Row ``n`` shows the ``n``-interval equilibrium: its boundaries ``a_i`` (ticks) and the receiver's actions
    (the midpoints, dots), for ``n = 1 .. min(max_partitions, max_rows)``.

    Parameters
    ----------
    model : CheapTalk
    max_rows : int
        The most partitions drawn (the finest ones are dropped beyond it).
    names : pair of str
        The sender's and the receiver's names, used in the labels.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``ax.hlines`` (the intervals).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.cheap_talk_partitions(ns.models.CheapTalk(bias=0.05))
    >>> len(ax.get_yticks())
    3
    """
    _check(model, CheapTalk)
    sender, receiver = _two_names(names, "sender, receiver")
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or not 1 <= max_rows <= 50:
        msg = f"max_rows must be an integer from 1 to 50, got {max_rows!r}"
        raise InvalidParameterError(msg)
    ax = get_ax(ax)
    rows = list(range(1, min(model.max_partitions, max_rows) + 1))
    for n in rows:
        a, y = model.partition(n), model.actions(n)
        ax.hlines(n, 0, 1, color="lightgrey", linewidth=6, **kwargs)
        ax.plot(a, np.full_like(a, n), "|", color="black", markersize=14,
                label="interval boundary a_i" if n == rows[0] else None)
        ax.plot(y, np.full_like(y, n), "o", color="tab:blue",
                label=f"{receiver}'s action (interval midpoint)" if n == rows[0] else None)
    ax.set_yticks(rows)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel(f"state known to {sender}")
    ax.set_ylabel("intervals in the equilibrium")
    ax.set_title(f"Cheap talk with bias {model.bias:.3g}: at most {model.max_partitions} intervals")
    _legend_above(ax, ncol=1)
    return ax


def cheap_talk_losses(biases: Any = None, *, names: Sequence[str] = ("sender", "receiver"), ax: Any = None,
                      **kwargs: Any):
    """The receiver's expected loss against the bias: the most informative cheap talk and the optimal mediator.

    Parameters
    ----------
    biases : array_like, optional
        Positive biases (default 200 points from 0.005 to 0.6).
    names : pair of str
        The sender's and the receiver's names.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``ax.plot`` (the cheap-talk curve).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.cheap_talk_losses()
    >>> [line.get_label() for line in ax.get_lines()][:2]
    ['cheap talk (most informative equilibrium)', 'optimal mediator']
    """
    _, receiver = _two_names(names, "sender, receiver")
    b = np.linspace(0.005, 0.6, 200) if biases is None else np.asarray(biases, dtype=np.float64).ravel()
    if b.size == 0 or b.size > 100_000 or not np.all(np.isfinite(b) & (b > 0)):
        msg = f"biases must be 1 to 100,000 positive finite numbers, got {biases!r}"
        raise InvalidParameterError(msg)
    ax = get_ax(ax)
    results = [CheapTalk(bias=float(v)).solve() for v in b]
    ax.plot(b, [r.receiver_loss for r in results], label="cheap talk (most informative equilibrium)", **kwargs)
    ax.plot(b, [r.mediated_receiver_loss for r in results], linestyle="--", label="optimal mediator")
    ax.axhline(1 / 12, color="grey", linewidth=1, label="no information (1/12)")
    ax.axvline(0.25, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel("sender's bias b")
    ax.set_ylabel(f"{receiver}'s expected loss")
    ax.set_title("What talk conveys: babbling from b = 1/4, a mediator helps up to b = 1/2")
    _legend_above(ax, ncol=1)
    return ax


def costly_signal(model: CostlySignal, *, names: Sequence[str] = ("defender", "challenger"),
                  instruments: Sequence[str] = INSTRUMENTS, ax: Any = None, **kwargs: Any):
    """Talk, sinking costs and tying hands side by side: challenge, war and the defender's payoff.

    Parameters
    ----------
    model : CostlySignal
    names : pair of str
        The defender's (signaller's) and the challenger's names.
    instruments : sequence of str
        Which of ``"none"`` (talk only), ``"sunk"`` and ``"tie"`` to show, in that order of groups.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``ax.bar``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> m = ns.models.CostlySignal(win_prob=0.8, war_cost=0.4, challenger_war_cost=0.6)
    >>> ax = ns.plotting.costly_signal(m)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['talk only', 'sinking costs', 'tying hands']
    """
    _check(model, CostlySignal)
    defender, challenger = _two_names(names, "defender, challenger")
    chosen = [instruments] if isinstance(instruments, str) else list(instruments)
    if not chosen or any(i not in INSTRUMENTS for i in chosen):
        msg = f"instruments must be a non-empty selection of {INSTRUMENTS}, got {instruments!r}"
        raise InvalidParameterError(msg)
    ax = get_ax(ax)
    r = model.solve()
    outcomes = [(f"{challenger} challenges", "p_challenge"), ("war", "p_war"),
                (f"{defender}'s expected payoff", "defender_payoff")]
    x = np.arange(len(chosen))
    width = 0.8 / len(outcomes)
    for k, (label, field) in enumerate(outcomes):
        values = [getattr(getattr(r, inst), field) for inst in chosen]
        ax.bar(x + (k - 1) * width, values, width, label=label, **kwargs)
    ax.set_xticks(x)
    ax.set_xticklabels([_INSTRUMENT_LABELS[i] for i in chosen])
    ax.set_ylabel("probability / payoff")
    ax.set_title(f"How {defender} signals resolve to {challenger}")
    _legend_above(ax, ncol=3)
    return ax


def war_of_attrition(model: WarOfAttrition, *, names: Sequence[str] = ("side 1", "side 2"), ax: Any = None,
                     **kwargs: Any):
    """Each side's probability of backing down in each period, and the chance the crisis is still on.

    Parameters
    ----------
    model : WarOfAttrition
    names : pair of str
        The two sides' names.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``ax.plot`` (the hazards).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> m = ns.models.WarOfAttrition(audience_rate_1=0.2, audience_rate_2=0.1, war_payoff_1=-2.0,
    ...                              war_payoff_2=-2.0)
    >>> ax = ns.plotting.war_of_attrition(m, names=("Russia", "the West"))
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:1]
    ['Russia backs down (hazard)']
    """
    _check(model, WarOfAttrition)
    one, two = _two_names(names, "side 1, side 2")
    ax = get_ax(ax)
    table = model.solve().table()
    t = table["period"].to_numpy()
    ax.plot(t, table["hazard_1"], marker="o", label=f"{one} backs down (hazard)", **kwargs)
    ax.plot(t, table["hazard_2"], marker="s", label=f"{two} backs down (hazard)", **kwargs)
    ax.plot(t, table["p_reached"], color="grey", linestyle="--", label="crisis still on at the period's start")
    ax.set_xticks(t if len(t) <= 20 else ax.get_xticks())
    ax.set_xlabel("period of the crisis")
    ax.set_ylabel("probability")
    ax.set_title(f"War of attrition: war with probability {model.solve().p_war:.3g} at the horizon")
    _legend_above(ax, ncol=1)
    return ax


def two_level(model: TwoLevelGame, *, names: Sequence[str] = ("A", "B"), ax: Any = None, **kwargs: Any):
    """A's bargained share as its median's reservation rises; the model's reservation, with and without the wedge.

    Parameters
    ----------
    model : TwoLevelGame
    names : pair of str
        The two negotiators' names (A's median ratifies).
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``ax.plot`` (the share curve).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ax = ns.plotting.two_level(ns.models.TwoLevelGame(median_reservation=0.6, wedge=0.1))
    >>> print(ax.get_xlabel())
    A's median's reservation
    (the smallest share it ratifies)
    """
    _check(model, TwoLevelGame)
    a, b = _two_names(names, "A, B")
    ax = get_ax(ax)
    grid = np.linspace(0, 1, 401)
    shares = model.shares(grid)
    ax.plot(grid, shares, label=f"{a}'s share of the agreement", **kwargs)
    ax.axhline(model.solve().unconstrained_share_a, color="grey", linewidth=1,
               label=f"{a}'s share with no domestic constraint")
    r = model.solve()
    ax.axvline(model.median_reservation, color="black", linestyle=":", label="median's reservation")
    if model.wedge > 0:
        ax.axvline(r.effective_reservation, color="tab:red", linestyle=":", label=f"after {b}'s wedge")
    ax.axvspan(1 - model.disagreement_b, 1, color="tab:red", alpha=0.1, label="no agreement (win-sets apart)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(f"{a}'s median's reservation\n(the smallest share it ratifies)")
    ax.set_ylabel(f"{a}'s share")
    ax.set_title(f"Two-level game: a tighter domestic constraint helps {a} (Schelling)")
    legend_off_data(ax)  # shares end at 1: no head room above them, a free corner or beside the axes
    return fit_title(ax)
