"""Many normal-form games of one shape as one payoff stack, for vectorised sweeps.

A :class:`GameBatch` is what a *vectorised* ``build`` returns to
:func:`negotiation_sim.sweep` (``vectorized=True``): instead of one
:class:`~negotiation_sim.NormalFormGame` per grid point, one array holds the
payoffs of every point, so building and solving 10,000 games costs a few
numpy calls. Players and actions are shared by every game of the batch; any
number of players (two-player batches have the fastest solver, every
equilibrium by vertex enumeration; N-player batches are solved for their
pure equilibria in bulk).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim.errors import InvalidGameError
from negotiation_sim.games.normal_form import NormalFormGame, _given_actions, _given_players

__all__ = ["GameBatch"]


def _check_stack(payoffs: Any) -> np.ndarray:
    try:
        arr = np.asarray(payoffs, dtype=np.float64)
    except (TypeError, ValueError) as err:
        msg = ("payoffs must be a numeric array of shape (n_games, m, n, 2), or (n_games, *n_actions, "
               f"n_players) for N players; could not convert it ({err})")
        raise InvalidGameError(msg) from None
    if arr.ndim < 4 or arr.shape[-1] != arr.ndim - 2 or 0 in arr.shape:
        msg = ("payoffs must have shape (n_games, m, n, 2), or (n_games, *n_actions, n_players) with one "
               f"action axis per player, every size at least 1; got shape {arr.shape}")
        raise InvalidGameError(msg)
    if not np.all(np.isfinite(arr)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        msg = f"payoffs must be finite; payoffs{list(bad)} is {arr[bad]}"
        raise InvalidGameError(msg)
    return readonly(arr)


@attrs.frozen(eq=False, repr=False)
class GameBatch:
    """A stack of normal-form games that share a shape and names.

    Parameters
    ----------
    payoffs : array_like, shape ``(n_games, m, n, 2)`` or ``(n_games, *n_actions, n_players)``
        ``payoffs[k]`` is the payoff array of game ``k``, as
        :class:`~negotiation_sim.NormalFormGame` takes it (one action axis
        per player, then the players' payoffs).
    players, actions : optional
        Names, as for :class:`~negotiation_sim.NormalFormGame` (validated the
        same way), shared by every game.

    See Also
    --------
    negotiation_sim.sweep : ``vectorized=True`` takes a ``build`` that returns a GameBatch.

    Examples
    --------
    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> t = np.array([0.0, 1.0, 2.0])
    >>> A = np.array([[2.0, 0.0], [0.0, 1.0]]) + t[:, None, None]
    >>> batch = ns.GameBatch.from_arrays(A, np.ones((3, 2, 2)), players=("Row", "Col"))
    >>> len(batch), batch.shape, batch.players
    (3, (2, 2), ('Row', 'Col'))
    >>> batch.game(1).payoff_array("Row").tolist()
    [[3.0, 1.0], [1.0, 2.0]]

    Three players, 2x2x2, four games:

    >>> trio = ns.GameBatch(np.zeros((4, 2, 2, 2, 3)))
    >>> len(trio), trio.shape, trio.n_players
    (4, (2, 2, 2), 3)
    """

    payoffs: np.ndarray = attrs.field(converter=_check_stack)
    players: tuple[str, ...] = attrs.field(default=None, converter=_given_players)
    actions: tuple[tuple[str, ...], ...] = attrs.field(default=None, converter=_given_actions)

    def __attrs_post_init__(self) -> None:
        # One template game validates the names exactly as NormalFormGame does.
        template = NormalFormGame(self.payoffs[0], players=self.players, actions=self.actions)
        object.__setattr__(self, "players", template.players)
        object.__setattr__(self, "actions", template.actions)

    @classmethod
    def from_arrays(cls, A: Any, B: Any, players: Sequence[str] | None = None,
                    actions: Sequence[Sequence[str]] | None = None) -> GameBatch:
        """Build a batch from the row and column players' stacks of matrices, shape (n_games, m, n)."""
        try:
            a, b = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
        except (TypeError, ValueError) as err:
            msg = f"A and B must be numeric arrays of shape (n_games, m, n); could not convert them ({err})"
            raise InvalidGameError(msg) from None
        if a.shape != b.shape or a.ndim != 3:
            msg = f"A and B must have one shape (n_games, m, n); got {a.shape} and {b.shape}"
            raise InvalidGameError(msg)
        return cls(np.stack([a, b], axis=-1), players=players, actions=actions)

    def __len__(self) -> int:
        return self.payoffs.shape[0]

    @property
    def shape(self) -> tuple[int, ...]:
        """Numbers of actions of every game: (m, n) for two players, one per player in general."""
        return tuple(self.payoffs.shape[1:-1])

    @property
    def n_players(self) -> int:
        """Number of players of every game."""
        return self.payoffs.shape[-1]

    def game(self, k: int) -> NormalFormGame:
        """Game ``k`` of the batch as a :class:`~negotiation_sim.NormalFormGame`."""
        return NormalFormGame(self.payoffs[k], players=self.players, actions=self.actions)

    def __repr__(self) -> str:
        return f"GameBatch(n_games={len(self)}, players={self.players!r}, shape={self.shape})"
