"""``payoff_matrix``: a two-player game as a coloured table with its equilibria marked."""

from __future__ import annotations

from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidGameError, UnsupportedMethodError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.plotting._common import fit_title, get_ax
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["payoff_matrix", "check_two_player"]


def check_two_player(game: Any, what: str) -> NormalFormGame:
    """``game`` if it is a 2-player NormalFormGame, else a clear error naming ``what``."""
    if not isinstance(game, NormalFormGame):
        msg = f"{what} needs a NormalFormGame, not {type(game).__name__}"
        raise UnsupportedMethodError(msg)
    if game.n_players != 2:
        msg = f"{what} draws 2-player games; this game has {game.n_players} players"
        raise InvalidGameError(msg)
    return game


def _colours(game: NormalFormGame, player: str | int | None) -> tuple[np.ndarray, str]:
    if player is None:
        return game.payoffs.sum(axis=-1), "Sum of both payoffs"
    i = game.player_index(player)
    return np.array(game.payoff_array(i)), f"{game.players[i]}'s payoff"


def _outline(ax, row: int, col: int, inset: float = 0.0, **style: Any) -> None:
    from matplotlib.patches import Rectangle

    side = 1 - 2 * inset
    ax.add_patch(Rectangle((col - 0.5 + inset, row - 0.5 + inset), side, side, fill=False, **style))


def _mark(ax, eq, k: int, n_mixed: int) -> str:
    """Outline a pure equilibrium's cell; a mixed one's support cells, dashed; return the mixed one's key."""
    rows = np.flatnonzero(eq.strategies[0] > 0)
    cols = np.flatnonzero(eq.strategies[1] > 0)
    if eq.is_pure:
        _outline(ax, rows[0], cols[0], 0.03, edgecolor="black", linewidth=3)
        return ""
    inset = 0.1 + 0.06 * (n_mixed % 5)  # nested outlines keep several mixed equilibria apart
    for r in rows:
        for c in cols:
            _outline(ax, int(r), int(c), inset, edgecolor="black", linestyle="--", linewidth=1.5)
    return f"mixed equilibrium {k + 1} (dashed): " + "\n    ".join(
        f"{eq.players[i]}: " + ", ".join(f"{a} {format_prob(p)}" for a, p in eq.strategy(i).items() if p > 0)
        for i in range(2)
    )


def payoff_matrix(game: NormalFormGame, equilibria: Any = None, *, ax: Any = None,
                  player: str | int | None = None, **kwargs: Any):
    """Draw a 2-player game as a coloured payoff table.

    Each cell shows ``"a, b"`` (the row and column player's payoffs) over a
    colour that encodes one player's payoff, or the sum of both when
    ``player`` is None. Pure equilibria are outlined in bold; the support
    cells of mixed ones are outlined dashed and their probabilities written
    under the table.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game.
    equilibria : EquilibriumSet or sequence of Equilibrium, optional
        The equilibria to mark (none are computed here).
    ax : matplotlib.axes.Axes, optional
        The Axes to draw on; a new figure's when None.
    player : str or int, optional
        Colour by this player's payoffs; by default by the sum of both.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow` (e.g. ``cmap``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    >>> ax = ns.plotting.payoff_matrix(g, ns.solve(g, method="pure"))
    >>> len(ax.texts), len(ax.patches)
    (4, 2)
    """
    game = check_two_player(game, "payoff_matrix")
    ax = get_ax(ax)
    values, label = _colours(game, player)
    kwargs.setdefault("cmap", "RdYlGn")
    kwargs.setdefault("aspect", "auto")
    image = ax.imshow(values, **kwargs)
    shades = image.cmap(image.norm(values))  # every cell's colour at once, as for each cell alone
    for r in range(game.shape[0]):
        for c in range(game.shape[1]):
            shade = shades[r, c]
            dark = 0.299 * shade[0] + 0.587 * shade[1] + 0.114 * shade[2] < 0.5
            text = ", ".join(format_prob(v) for v in game.payoffs[r, c])
            ax.text(c, r, text, ha="center", va="center", color="white" if dark else "black")
    ax.set_xticks(range(game.shape[1]), game.actions[1])
    ax.set_yticks(range(game.shape[0]), game.actions[0])
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set_xlabel(game.players[1])
    ax.set_ylabel(game.players[0])
    title = game.title or f"{game.players[0]} (rows) vs {game.players[1]} (columns)"
    key = f"each cell: {game.players[0]}'s payoff, {game.players[1]}'s payoff"
    if equilibria:
        key += "; outlined: equilibria"
    ax.set_title(f"{title}\n{key}", fontsize="medium")
    ax.figure.colorbar(image, ax=ax, label=f"colour: {label}", shrink=0.9)
    keys: list[str] = []
    for k, eq in enumerate(equilibria or ()):
        keys.append(_mark(ax, eq, k, len([key for key in keys if key])))
    if any(keys):  # under the table, one line per player, so that it never runs wider than the figure
        ax.annotate("\n".join(key for key in keys if key), xy=(0, -0.03), xycoords="axes fraction",
                    fontsize="small", va="top")
    return fit_title(ax)
