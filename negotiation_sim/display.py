"""Rich displays for Jupyter: HTML tables for games and equilibria.

The game and result classes delegate their ``_repr_html_`` here so that
presentation stays out of the value classes.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np

from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["game_html", "equilibrium_html", "equilibrium_set_html", "signaling_game_html"]

_TABLE = 'style="border-collapse:collapse;text-align:center"'
_CELL = 'style="border:1px solid #999;padding:4px 8px"'
_HEAD = 'style="border:1px solid #999;padding:4px 8px;background:#f0f0f0"'


def _e(text: Any) -> str:
    return html.escape(str(text))


def _bimatrix_html(game: Any, matrix: np.ndarray, caption: str = "") -> str:
    """``matrix`` has shape (rows, cols, k): each cell lists its k payoffs."""
    rows, cols = game.actions[0], game.actions[1]
    out = [f"<table {_TABLE}>"]
    if caption:
        out.append(f"<caption>{_e(caption)}</caption>")
    out.append(f"<tr><th {_HEAD}>{_e(game.players[0])} \\ {_e(game.players[1])}</th>")
    out += [f"<th {_HEAD}>{_e(c)}</th>" for c in cols]
    out.append("</tr>")
    for r, name in enumerate(rows):
        out.append(f"<tr><th {_HEAD}>{_e(name)}</th>")
        for c in range(len(cols)):
            cell = ", ".join(format_prob(v) for v in matrix[r, c])
            out.append(f"<td {_CELL}>{_e(cell)}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def game_html(game: Any) -> str:
    """HTML for a :class:`NormalFormGame`: a bimatrix, or one table per slice for N > 2."""
    title = f"<p><b>{_e(game.title)}</b></p>" if game.title else ""
    if game.n_players == 2:
        return title + _bimatrix_html(game, game.payoffs)
    # For N players, one bimatrix of the first two players per action profile of the others;
    # each cell lists every player's payoff.
    parts = [title]
    for rest in np.ndindex(*game.shape[2:]):
        label = ", ".join(
            f"{game.players[k + 2]}: {game.actions[k + 2][a]}" for k, a in enumerate(rest)
        )
        index = (slice(None), slice(None), *rest)
        parts.append(_bimatrix_html(game, game.payoffs[index], label))
    return "<br>".join(p for p in parts if p)


def signaling_game_html(game: Any) -> str:
    """HTML for a :class:`SignalingGame`: one message-by-response table per sender type."""
    from types import SimpleNamespace

    title = f"<p><b>{_e(game.title)}</b></p>" if game.title else ""
    labels = SimpleNamespace(players=game.players, actions=(game.messages, game.responses))
    tables = []
    for t, name in enumerate(game.types):
        matrix = np.stack([game.sender_payoffs[t], game.receiver_payoffs[t]], axis=-1)
        caption = f"type {name} (prior {format_prob(game.prior[t])})"
        tables.append(_bimatrix_html(labels, matrix, caption))
    return title + "<br>".join(tables)


def equilibrium_html(eq: Any) -> str:
    """HTML for one :class:`Equilibrium`: each player's strategy and payoff."""
    out = [f"<table {_TABLE}><tr><th {_HEAD}>player</th><th {_HEAD}>strategy</th><th {_HEAD}>payoff</th></tr>"]
    for i, p in enumerate(eq.players):
        strat = _strategy_text(eq, i)
        pay = eq.payoff_text(i) if i < len(eq.payoffs) else ""
        out.append(f"<tr><td {_CELL}>{_e(p)}</td><td {_CELL}>{_e(strat)}</td><td {_CELL}>{_e(pay)}</td></tr>")
    out.append("</table>")
    out.append(f"<p>{_e(eq.describe())}</p>")
    return "".join(out)


def _strategy_text(eq: Any, i: int) -> str:
    """Player i's strategy as "action: probability" over its support (fractions when exact)."""
    return ", ".join(f"{a}: {eq.prob_text(i, k)}" for k, (a, q) in enumerate(zip(eq.actions[i], eq.strategies[i]))
                     if q > 0)


def equilibrium_set_html(eqs: Any) -> str:
    """HTML for an :class:`EquilibriumSet`: one row per equilibrium.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> equilibrium_set_html(ns.solve(g))[:34]
    '<p>1 equilibrium (complete; method'
    """
    status = "complete" if eqs.complete else "may not be exhaustive"
    noun = "equilibrium" if len(eqs) == 1 else "equilibria"
    out = [f"<p>{len(eqs)} {noun} ({_e(status)}; method {_e(eqs.method)})</p>"]
    if len(eqs):
        players = eqs[0].players
        out.append(f"<table {_TABLE}><tr><th {_HEAD}>#</th>")
        out += [f"<th {_HEAD}>{_e(p)}</th>" for p in players]
        out += [f"<th {_HEAD}>payoff {_e(p)}</th>" for p in players[: len(eqs[0].payoffs)]]
        out.append("</tr>")
        for k, eq in enumerate(eqs):
            out.append(f"<tr><td {_CELL}>{k + 1}</td>")
            for i in range(len(players)):
                out.append(f"<td {_CELL}>{_e(_strategy_text(eq, i))}</td>")
            out += [f"<td {_CELL}>{_e(eq.payoff_text(i))}</td>" for i in range(len(eq.payoffs))]
            out.append("</tr>")
        out.append("</table>")
    out += [f"<p>{_e(n)}</p>" for n in eqs.notes]
    return "".join(out)
