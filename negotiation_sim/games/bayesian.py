"""Bayesian games: simultaneous moves with private types (Harsanyi 1967-68).

Nature draws a profile of types from a common prior; each player learns its
own type and chooses an action; payoffs depend on every type and every
action. A strategy is an action per type, and the game's Bayesian Nash
equilibria are the Nash equilibria of the induced strategic form
(:meth:`BayesianGame.to_normal_form`), solved by
:func:`negotiation_sim.solvers.bayesian_nash.solve_bayesian`.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim.errors import InvalidGameError
from negotiation_sim.games.normal_form import NormalFormGame, _check_names
from negotiation_sim.games.signaling import check_distribution, finite_array

__all__ = ["BayesianGame"]


def _check_payoffs(payoffs: Any) -> np.ndarray:
    arr = finite_array(payoffs, "payoffs", "shape (*n_types, *n_actions, n_players)")
    if arr.ndim < 3 or arr.ndim != 2 * arr.shape[-1] + 1:
        msg = (f"payoffs must have shape (*n_types, *n_actions, n_players): 2 * n_players + 1 axes, "
               f"got shape {arr.shape}")
        raise InvalidGameError(msg)
    if 0 in arr.shape:
        msg = f"payoffs has shape {arr.shape}: every player needs at least one type and one action"
        raise InvalidGameError(msg)
    return readonly(arr)


def _per_player(values: Any, sizes: Sequence[int], players: Sequence[str], what: str,
                prefix: str) -> tuple[tuple[str, ...], ...]:
    if values is None:
        return tuple(_check_names(None, k, what, prefix) for k in sizes)
    if isinstance(values, str) or len(values) != len(sizes):
        msg = f"{what} must give one sequence of names per player ({len(sizes)}), got {values!r}"
        raise InvalidGameError(msg)
    return tuple(_check_names(v, k, f"{what} of {p!r}", prefix) for v, k, p in zip(values, sizes, players, strict=True))


@attrs.frozen(eq=False, repr=False)
class BayesianGame:
    """A finite simultaneous-move game with private types and a common prior.

    Parameters
    ----------
    payoffs : array_like, shape (*n_types, *n_actions, n_players)
        ``payoffs[t1, ..., tN, a1, ..., aN, i]`` is player ``i``'s payoff when
        the types are ``(t1, ..., tN)`` and the actions ``(a1, ..., aN)``.
    prior : array_like, shape n_types
        Common prior over type profiles; every type of every player must
        have positive probability.
    players : sequence of str, optional
    types : sequence of sequences of str, optional
        Type names per player (default ``("T1", "T2", ...)``).
    actions : sequence of sequences of str, optional
        Action names per player (default ``("A1", "A2", ...)``).
    title : str, optional

    Examples
    --------
    Battle of the Sexes in which player 1 does not know whether player 2
    wants to meet or to avoid it (Osborne 2004, section 9.2):

    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> meet = [[[2, 1], [0, 0]], [[0, 0], [1, 2]]]
    >>> avoid = [[[2, 0], [0, 2]], [[0, 1], [1, 0]]]
    >>> g = ns.BayesianGame(np.array([[meet, avoid]]), prior=[[0.5, 0.5]],
    ...                     types=(("-",), ("Meet", "Avoid")),
    ...                     actions=(("B", "S"), ("B", "S")))
    >>> g.to_normal_form().actions[1]
    ('Meet: B; Avoid: B', 'Meet: B; Avoid: S', 'Meet: S; Avoid: B', 'Meet: S; Avoid: S')
    """

    payoffs: np.ndarray = attrs.field(converter=_check_payoffs)
    prior: np.ndarray = attrs.field()
    players: tuple[str, ...] = attrs.field(default=None, kw_only=True)
    types: tuple[tuple[str, ...], ...] = attrs.field(default=None, kw_only=True)
    actions: tuple[tuple[str, ...], ...] = attrs.field(default=None, kw_only=True)
    title: str = attrs.field(default="", converter=str, kw_only=True)

    def __attrs_post_init__(self) -> None:
        n = self.payoffs.shape[-1]
        prior = check_distribution(self.prior, "prior", shape=self.payoffs.shape[:n])
        object.__setattr__(self, "prior", prior)
        players = _check_names(self.players, n, "players", "Player ")
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "types", _per_player(self.types, self.n_types, players, "types", "T"))
        object.__setattr__(self, "actions", _per_player(self.actions, self.shape, players, "actions", "A"))
        for i, p in enumerate(players):
            marginal = self.marginal(i)
            if np.any(marginal <= 0):
                t = self.types[i][int(np.argmin(marginal))]
                msg = f"prior gives type {t!r} of {p!r} probability 0; every type must be possible"
                raise InvalidGameError(msg)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return self.payoffs.shape[-1]

    @property
    def n_types(self) -> tuple[int, ...]:
        """Number of types of each player."""
        return tuple(self.payoffs.shape[: self.n_players])

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(self.payoffs.shape[self.n_players: -1])

    def marginal(self, player: int) -> np.ndarray:
        """The prior probability of each of ``player``'s types."""
        others = tuple(j for j in range(self.n_players) if j != player)
        return self.prior.sum(axis=others)

    def plans(self, player: int) -> list[tuple[int, ...]]:
        """Every pure strategy of ``player``: an action index per type, lexicographic."""
        return list(itertools.product(range(self.shape[player]), repeat=self.n_types[player]))

    def _plan_label(self, player: int, plan: tuple[int, ...]) -> str:
        acts = self.actions[player]
        if len(plan) == 1:
            return acts[plan[0]]
        return "; ".join(f"{t}: {acts[a]}" for t, a in zip(self.types[player], plan, strict=True))

    def to_normal_form(self) -> NormalFormGame:
        """The induced strategic form: a strategy is an action per type; payoffs are ex ante.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.BayesianGame([[[[[1, 1], [0, 0]], [[0, 0], [1, 1]]]]], prior=[[1.0]])
        >>> g.to_normal_form().payoffs[..., 0].tolist()
        [[1.0, 0.0], [0.0, 1.0]]
        """
        n = self.n_players
        letters = iter(string.ascii_letters)
        t_idx = [next(letters) for _ in range(n)]
        a_idx = [next(letters) for _ in range(n)]
        s_idx = [next(letters) for _ in range(n)]
        operands: list[Any] = [self.prior, self.payoffs]
        terms = ["".join(t_idx), "".join(t_idx + a_idx) + "z"]
        for i in range(n):
            plans = np.asarray(self.plans(i))  # (n_plans, n_types_i)
            select = np.zeros((len(plans), self.n_types[i], self.shape[i]))
            rows, cols = np.indices(plans.shape)
            select[rows, cols, plans] = 1.0  # plan s picks action plans[s, t] for type t
            operands.append(select)
            terms.append(s_idx[i] + t_idx[i] + a_idx[i])
        spec = ",".join(terms) + "->" + "".join(s_idx) + "z"
        payoffs = np.einsum(spec, *operands, optimize=True)
        actions = [[self._plan_label(i, p) for p in self.plans(i)] for i in range(n)]
        return NormalFormGame(payoffs, players=self.players, actions=actions, title=self.title)

    def type_game(self, type_profile: Sequence[int]) -> NormalFormGame:
        """The normal-form game the players would play if the types were common knowledge."""
        return NormalFormGame(self.payoffs[tuple(type_profile)], players=self.players,
                              actions=self.actions)

    @property
    def payoff_scale(self) -> float:
        """Largest absolute payoff, at least 1."""
        return float(max(1.0, np.max(np.abs(self.payoffs))))

    def __repr__(self) -> str:
        title = f", title={self.title!r}" if self.title else ""
        return (f"BayesianGame(players={self.players!r}, types={self.types!r}, "
                f"shape={self.shape!r}{title})")

    def _repr_html_(self) -> str:
        from negotiation_sim.display import game_html

        parts = [f"<p><b>{self.title}</b></p>"] if self.title else []
        for profile in np.ndindex(*self.n_types):
            names = ", ".join(self.types[i][t] for i, t in enumerate(profile))
            parts.append(f"<p>types ({names}), probability {float(self.prior[profile]):.4g}</p>")
            parts.append(game_html(self.type_game(profile)))
        return "".join(parts)
