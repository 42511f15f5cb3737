"""N-player games in normal (strategic) form.

A game is one payoff tensor of shape ``(*n_actions, n_players)``:
``payoffs[a1, ..., aN, i]`` is player ``i``'s payoff when each player ``j``
plays action ``aj``. Players and actions carry names, and every method that
takes a player or an action accepts its name or its index.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any, Union

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim.errors import InvalidGameError, InvalidStrategyError, UnknownNameError

__all__ = ["NormalFormGame", "Strategy", "Profile"]

#: One player's strategy: an action name, an action index, or a mixed strategy.
Strategy = Union[str, int, Sequence[float], np.ndarray]
#: One strategy per player.
Profile = Sequence[Strategy]

_PROB_TOL = 1e-9


def _check_payoffs(payoffs: Any) -> np.ndarray:
    try:
        arr = np.asarray(payoffs, dtype=np.float64)
    except (TypeError, ValueError) as err:
        msg = f"payoffs must be a numeric array of shape (*n_actions, n_players); could not convert it ({err})"
        raise InvalidGameError(msg) from None
    if arr.ndim < 2:
        msg = f"payoffs must have shape (*n_actions, n_players) with at least 2 dimensions, got shape {arr.shape}"
        raise InvalidGameError(msg)
    n_players = arr.shape[-1]
    if n_players != arr.ndim - 1:
        msg = (
            f"payoffs has shape {arr.shape}: its last axis must hold one payoff per player, "
            f"so it should have length {arr.ndim - 1} (one axis per player), not {n_players}"
        )
        raise InvalidGameError(msg)
    if 0 in arr.shape:
        empty = [i for i, n in enumerate(arr.shape[:-1]) if n == 0]
        msg = f"payoffs has shape {arr.shape}: player(s) {empty} have no actions; every player needs at least one"
        raise InvalidGameError(msg)
    if not np.isfinite(arr).all():
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        msg = f"payoffs must be finite; payoffs{list(bad)} is {arr[bad]}"
        raise InvalidGameError(msg)
    return readonly(arr)


def _exact_source(payoffs: Any) -> np.ndarray | None:
    """``payoffs`` as a read-only integer or object array when every entry is exact (an
    integer, a Fraction or a Decimal), else None. Converted to Fractions only when asked
    (:meth:`NormalFormGame.exact_arrays`), so that float games pay nothing."""
    if isinstance(payoffs, np.ndarray) and payoffs.dtype.kind not in "iuO":
        return None
    try:
        arr = np.array(payoffs, copy=True)
    except (TypeError, ValueError):
        return None
    if arr.dtype.kind == "O":
        if not all(isinstance(v, (Rational, Decimal, np.integer)) and not isinstance(v, bool) for v in arr.flat):
            return None
    elif arr.dtype.kind not in "iu":
        return None
    arr.setflags(write=False)
    return arr


@functools.lru_cache(maxsize=256)
def _default_names(prefix: str, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{k + 1}" for k in range(count))


def _check_names(names: Any, expected: int, what: str, default_prefix: str) -> tuple[str, ...]:
    if names is None:
        return _default_names(default_prefix, expected)
    if isinstance(names, str):
        msg = f"{what} must be a sequence of {expected} names, not the single string {names!r}"
        raise InvalidGameError(msg)
    names = tuple(names)
    if len(names) != expected:
        msg = f"{what} must have {expected} names, got {len(names)}: {names!r}"
        raise InvalidGameError(msg)
    for name in names:
        if not isinstance(name, str) or not name:
            msg = f"{what} must be non-empty strings; got {name!r}"
            raise InvalidGameError(msg)
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        msg = f"{what} must be distinct; duplicated: {dupes}"
        raise InvalidGameError(msg)
    return names


# The ``players=`` and ``actions=`` arguments as given (None: the default names). These converters
# change nothing: they type the constructor's arguments, which the attrs mypy plugin takes from a
# field's converter. __attrs_post_init__ checks the names against the payoffs' shape and stores
# tuples of str, the fields' declared types. GameBatch reuses them.
def _given_players(names: Sequence[str] | None) -> Sequence[str] | None:
    return names


def _given_actions(names: Sequence[Sequence[str]] | None) -> Sequence[Sequence[str]] | None:
    return names


@attrs.frozen(eq=False, repr=False)
class NormalFormGame:
    """A finite game in normal form with any number of players.

    Parameters
    ----------
    payoffs : array_like, shape (*n_actions, n_players)
        ``payoffs[a1, ..., aN, i]`` is player ``i``'s payoff at the action
        profile ``(a1, ..., aN)``. Stored as a read-only float64 array; when
        every entry is an integer, a :class:`~fractions.Fraction` or a
        :class:`~decimal.Decimal`, the exact values are kept too
        (:attr:`exact_payoffs`, used by ``ns.solve(game, exact=True)``).
    players : sequence of str, optional
        Player names; default ``("Player 1", "Player 2", ...)``.
    actions : sequence of sequences of str, optional
        Action names per player; default ``("A1", "A2", ...)`` for each.
    title : str, optional
        A title shown in displays and reports.

    See Also
    --------
    NormalFormGame.from_arrays : build a game from one payoff array per player.
    negotiation_sim.solve : compute the game's equilibria.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays(
    ...     [[0, -1], [1, -10]], [[0, 1], [-1, -10]],
    ...     players=("Russia", "NATO"),
    ...     actions=(("Swerve", "Straight"), ("Swerve", "Straight")),
    ... )
    >>> g
    NormalFormGame(players=('Russia', 'NATO'), shape=(2, 2))
    >>> g.expected_payoffs(["Straight", "Swerve"])
    array([ 1., -1.])
    >>> g.expected_payoffs([[0.5, 0.5], "Swerve"])
    array([ 0.5, -0.5])
    """

    payoffs: np.ndarray = attrs.field(converter=_check_payoffs)
    players: tuple[str, ...] = attrs.field(default=None, converter=_given_players)
    actions: tuple[tuple[str, ...], ...] = attrs.field(default=None, converter=_given_actions)
    title: str = attrs.field(default="", converter=lambda t: "" if t is None else str(t))
    # Set by __attrs_pre_init__ from the raw payoffs (not by __init__: no default).
    _exact: np.ndarray | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_pre_init__(self, payoffs: Any, *args: Any, **kwargs: Any) -> None:
        object.__setattr__(self, "_exact", _exact_source(payoffs))

    def __attrs_post_init__(self) -> None:
        n = self.payoffs.shape[-1]
        object.__setattr__(self, "players", _check_names(self.players, n, "players", "Player "))
        shape = self.payoffs.shape[:-1]
        if self.actions is None:
            actions = tuple(_check_names(None, k, "actions", "A") for k in shape)
        else:
            if isinstance(self.actions, str) or len(tuple(self.actions)) != n:
                msg = f"actions must give one sequence of action names per player ({n}), got {self.actions!r}"
                raise InvalidGameError(msg)
            actions = tuple(
                _check_names(names, k, f"actions of {player!r}", "A")
                for names, k, player in zip(self.actions, shape, self.players)
            )
        object.__setattr__(self, "actions", actions)

    # -- construction -------------------------------------------------------

    @classmethod
    def from_arrays(
        cls,
        *arrays: Any,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """Build a game from one payoff array per player.

        Parameters
        ----------
        *arrays : array_like
            ``arrays[i]`` has shape ``n_actions`` and holds player ``i``'s
            payoffs. For two players these are the row and column matrices
            ``A`` and ``B`` of a bimatrix game.
        players, actions, title
            As for :class:`NormalFormGame`.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.shape, g.players
        ((2, 2), ('Player 1', 'Player 2'))
        """
        if len(arrays) < 1:
            msg = "from_arrays needs one payoff array per player; none were given"
            raise InvalidGameError(msg)
        mats = []
        for i, a in enumerate(arrays):
            try:
                mats.append(np.asarray(a, dtype=np.float64))
            except (TypeError, ValueError):
                msg = f"arrays[{i}] (payoffs of player {i + 1}) is not a rectangular numeric array"
                raise InvalidGameError(msg) from None
        if len(arrays) == 1:
            msg = "from_arrays needs one payoff array per player; got 1 (a one-player game is a decision, not a game)"
            raise InvalidGameError(msg)
        shape = mats[0].shape
        for i, m in enumerate(mats):
            if m.ndim != len(arrays):
                msg = (
                    f"arrays[{i}] (payoffs of player {i + 1}) must have {len(arrays)} dimensions, "
                    f"one per player, but has shape {m.shape}"
                )
                raise InvalidGameError(msg)
            if m.shape != shape:
                msg = f"arrays[{i}] has shape {m.shape} but arrays[0] has shape {shape}; all must match"
                raise InvalidGameError(msg)
        exact = [e for e in map(_exact_source, arrays) if e is not None]
        if len(exact) == len(arrays):
            payoffs = np.stack(exact, axis=-1)
        else:  # the float stack, filled in place (np.stack's checks cost more than the copy here)
            payoffs = np.empty((*shape, len(mats)))
            for i, m in enumerate(mats):
                payoffs[..., i] = m
        return cls(payoffs, players=players, actions=actions, title=title)

    # -- shape and names ----------------------------------------------------

    @property
    def n_players(self) -> int:
        """Number of players."""
        return self.payoffs.shape[-1]

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(self.payoffs.shape[:-1])

    def player_index(self, player: str | int | np.integer) -> int:
        """Return the index of ``player``, given by name or index.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.NormalFormGame.from_arrays([[1]], [[1]], players=("Russia", "NATO"))
        >>> g.player_index("NATO"), g.player_index(0)
        (1, 0)
        """
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < self.n_players:
                return int(player)
            msg = f"player index {player} is out of range for a {self.n_players}-player game"
            raise UnknownNameError(msg)
        if isinstance(player, str):
            try:
                return self.players.index(player)
            except ValueError:
                msg = f"unknown player {player!r}; the players are {list(self.players)}"
                raise UnknownNameError(msg) from None
        msg = f"player must be a name (str) or an index (int), not {type(player).__name__}"
        raise UnknownNameError(msg)

    def action_index(self, player: str | int | np.integer, action: str | int | np.integer) -> int:
        """Return the index of one of ``player``'s actions, given by name or index.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.NormalFormGame.from_arrays([[1, 2]], [[1, 2]], actions=(("Up",), ("Left", "Right")))
        >>> g.action_index("Player 2", "Right")
        1
        """
        i = self.player_index(player)
        names = self.actions[i]
        if isinstance(action, (int, np.integer)) and not isinstance(action, bool):
            if 0 <= action < len(names):
                return int(action)
            msg = f"action index {action} is out of range: {self.players[i]!r} has {len(names)} actions"
            raise UnknownNameError(msg)
        if isinstance(action, str):
            try:
                return names.index(action)
            except ValueError:
                msg = f"unknown action {action!r} of {self.players[i]!r}; its actions are {list(names)}"
                raise UnknownNameError(msg) from None
        msg = f"action must be a name (str) or an index (int), not {type(action).__name__}"
        raise UnknownNameError(msg)

    # -- strategies ---------------------------------------------------------

    def as_strategy(self, player: str | int, strategy: Strategy) -> np.ndarray:
        """Return ``strategy`` of ``player`` as a mixed-strategy vector.

        ``strategy`` may be an action name, an action index, or a probability
        vector over the player's actions (validated: right length, entries
        in [0, 1], sum 1).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.NormalFormGame.from_arrays([[1, 2]], [[1, 2]], actions=(("Up",), ("Left", "Right")))
        >>> g.as_strategy(1, "Right")
        array([0., 1.])
        """
        i = self.player_index(player)
        k = self.shape[i]
        if isinstance(strategy, (str, int, np.integer)) and not isinstance(strategy, bool):
            out = np.zeros(k)
            out[self.action_index(i, strategy)] = 1.0
            return out
        try:
            vec = np.asarray(strategy, dtype=np.float64)
        except (TypeError, ValueError):
            msg = f"strategy of {self.players[i]!r} must be an action name, an index or a probability vector; got {strategy!r}"
            raise InvalidStrategyError(msg) from None
        if vec.shape != (k,):
            msg = f"strategy of {self.players[i]!r} must have {k} probabilities (one per action), got shape {vec.shape}"
            raise InvalidStrategyError(msg)
        if not np.all(np.isfinite(vec)) or np.any(vec < -_PROB_TOL):
            msg = f"strategy of {self.players[i]!r} must have finite, non-negative probabilities; got {vec.tolist()}"
            raise InvalidStrategyError(msg)
        if abs(vec.sum() - 1.0) > 1e-6:
            msg = f"strategy of {self.players[i]!r} must sum to 1; its probabilities {vec.tolist()} sum to {vec.sum():.6g}"
            raise InvalidStrategyError(msg)
        return np.clip(vec, 0.0, None) / np.clip(vec, 0.0, None).sum()

    def as_profile(self, profile: Profile) -> tuple[np.ndarray, ...]:
        """Return ``profile`` as a tuple of mixed-strategy vectors, one per player."""
        if isinstance(profile, (str, bytes)) or not hasattr(profile, "__len__"):
            msg = f"profile must be a sequence with one strategy per player ({self.n_players}); got {profile!r}"
            raise InvalidStrategyError(msg)
        if len(profile) != self.n_players:
            msg = f"profile must have one strategy per player ({self.n_players}), got {len(profile)}"
            raise InvalidStrategyError(msg)
        return tuple(self.as_strategy(i, s) for i, s in enumerate(profile))

    # -- payoffs ------------------------------------------------------------

    def payoff_array(self, player: str | int) -> np.ndarray:
        """Return ``player``'s payoffs as an array of shape ``self.shape`` (read-only view)."""
        return self.payoffs[..., self.player_index(player)]

    def expected_payoffs(self, profile: Profile) -> np.ndarray:
        """Expected payoff of every player at a (mixed or pure) profile.

        Parameters
        ----------
        profile : sequence
            One strategy per player: an action name, an index or a
            probability vector.

        Returns
        -------
        numpy.ndarray, shape (n_players,)
        """
        vecs = self.as_profile(profile)
        out = self.payoffs
        for vec in vecs:  # contract the leading (player) axis each time
            out = np.tensordot(vec, out, axes=(0, 0))
        return np.asarray(out, dtype=np.float64)

    def action_values(self, profile: Profile, player: str | int) -> np.ndarray:
        """Expected payoff of each of ``player``'s actions against the others' strategies.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.action_values([[1, 0], [0.5, 0.5]], player=0)
        array([1.5, 3. ])
        """
        i = self.player_index(player)
        vecs = self.as_profile(profile)
        out = self.payoffs[..., i]
        for j in reversed(range(self.n_players)):  # contract trailing axes, keep axis i
            if j != i:
                out = np.tensordot(out, vecs[j], axes=(j, 0))
        return np.asarray(out, dtype=np.float64)

    @property
    def exact_payoffs(self) -> np.ndarray | None:
        """The payoffs as an object array of :class:`~fractions.Fraction` (same shape as
        :attr:`payoffs`) when the game was given exact payoffs (integers, fractions,
        decimals), else None.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> from fractions import Fraction
        >>> g = ns.NormalFormGame.from_arrays([[Fraction(1, 3), 0]], [[1, 2]])
        >>> g.exact_payoffs[0, 0, 0], ns.NormalFormGame.from_arrays([[0.5]], [[1.0]]).exact_payoffs
        (Fraction(1, 3), None)
        """
        if self._exact is None:
            return None
        out = np.empty(self._exact.shape, dtype=object)
        out.flat[:] = [v if isinstance(v, Fraction) else Fraction(int(v) if isinstance(v, np.integer) else v)
                       for v in self._exact.flat]
        out.setflags(write=False)
        return out

    def exact_arrays(self) -> tuple[list[list[Fraction]], ...]:
        """Each player's payoffs as nested lists of Fractions, for exact solvers.

        Exact payoffs are used as given; float payoffs are read as the decimals their
        ``repr`` shows (``0.1`` is 1/10), as Gambit reads them.
        """
        from negotiation_sim.solvers.exact import to_fraction

        exact = self.exact_payoffs
        src = exact if exact is not None else self.payoffs
        conv = (lambda v: v) if exact is not None else to_fraction
        return tuple(np.vectorize(conv, otypes=[object])(src[..., i]).tolist() for i in range(self.n_players))

    @property
    def payoff_scale(self) -> float:
        """Largest absolute payoff, at least 1: the scale that tolerances are relative to."""
        return float(max(1.0, np.max(np.abs(self.payoffs))))

    def is_zero_sum(self, tol: float = 1e-9) -> bool:
        """Whether payoffs sum to a constant at every profile (constant-sum games count)."""
        totals = self.payoffs.sum(axis=-1)
        return bool(np.ptp(totals) <= tol * self.payoff_scale)

    # -- variants -----------------------------------------------------------

    def with_payoffs(self, payoffs: Any) -> NormalFormGame:
        """Return a copy of the game with new payoffs (of the same shape) and the same names."""
        new_shape = _check_payoffs(payoffs).shape
        if new_shape != self.payoffs.shape:
            msg = f"payoffs must have the game's shape {self.payoffs.shape} to keep its names, got shape {new_shape}"
            raise InvalidGameError(msg)
        return NormalFormGame(payoffs, players=self.players, actions=self.actions, title=self.title)

    def permute(
        self,
        players: Sequence[int] | None = None,
        actions: Sequence[Sequence[int]] | None = None,
    ) -> NormalFormGame:
        """Return the same game with players and/or actions reordered.

        ``players[k]`` is the index (or name) of the player who becomes
        player ``k``; ``actions[i]`` is the new order of the actions of the
        player who is player ``i`` *before* the permutation (old indices).
        Names travel with their players and actions.
        """
        n = self.n_players
        order = list(range(n)) if players is None else [self.player_index(p) for p in players]
        if sorted(order) != list(range(n)):
            msg = f"players must be a permutation of range({n}), got {list(order)}"
            raise InvalidGameError(msg)
        pay = self.payoffs if self._exact is None else self._exact
        names = list(self.actions)
        if actions is not None:
            if len(actions) != n:
                msg = f"actions must give one order per player ({n}), got {len(actions)}"
                raise InvalidGameError(msg)
            for i, perm in enumerate(actions):
                perm = list(perm)
                if sorted(perm) != list(range(self.shape[i])):
                    msg = f"actions[{i}] must be a permutation of range({self.shape[i]}), got {perm}"
                    raise InvalidGameError(msg)
                pay = np.take(pay, perm, axis=i)
                names[i] = tuple(names[i][k] for k in perm)
        pay = np.transpose(pay, [*order, n])[..., order]
        return NormalFormGame(
            pay,
            players=[self.players[k] for k in order],
            actions=[names[k] for k in order],
            title=self.title,
        )

    # -- comparison and display ---------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self.payoffs.shape == other.payoffs.shape
            and bool(np.array_equal(self.payoffs, other.payoffs))
            and self.players == other.players
            and self.actions == other.actions
            and self.title == other.title
        )

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        title = f", title={self.title!r}" if self.title else ""
        return f"NormalFormGame(players={self.players!r}, shape={self.shape!r}{title})"

    def to_dataframe(self):
        """One row per pure profile: the players' actions, then their payoffs.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.NormalFormGame.from_arrays([[1, 0]], [[2, 3]], players=("R", "C"))
        >>> g.to_dataframe()
            R   C  payoff R  payoff C
        0  A1  A1       1.0       2.0
        1  A1  A2       0.0       3.0
        """
        import pandas as pd

        index = np.array(list(np.ndindex(*self.shape)), dtype=int).reshape(-1, self.n_players)
        data: dict[str, list[str] | np.ndarray] = {
            p: [self.actions[i][k] for k in index[:, i]] for i, p in enumerate(self.players)}
        flat = self.payoffs.reshape(-1, self.n_players)
        for i, p in enumerate(self.players):
            data[f"payoff {p}"] = flat[:, i]
        return pd.DataFrame(data)

    def to_latex(self, equilibria: Any = None, *, document: bool = False) -> str:
        """The game as a LaTeX table with its names, equilibria boxed (:func:`negotiation_sim.latex.game_to_latex`)."""
        from negotiation_sim.latex import game_to_latex

        return game_to_latex(self, equilibria, document=document)

    def _repr_html_(self) -> str:
        from negotiation_sim.display import game_html

        return game_html(self)
