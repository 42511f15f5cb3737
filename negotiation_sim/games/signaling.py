"""Signalling games: a sender with private types, a message, a receiver's response.

Nature draws the sender's type from a common prior; the sender sees it and
sends a message; the receiver sees the message (not the type) and responds,
except after a *terminal* message, which ends the game (the receiver has no
move after it; e.g. keeping the status quo in a crisis). Payoffs depend on
the type, the message and the response. The game's perfect
Bayesian equilibria are computed by
:func:`negotiation_sim.solvers.perfect_bayesian.perfect_bayesian`
(``ns.solve(game)``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import ArrayLike

from negotiation_sim._numeric import readonly
from negotiation_sim.errors import InvalidGameError
from negotiation_sim.games.normal_form import NormalFormGame, _check_names

__all__ = ["SignalingGame", "check_distribution", "finite_array"]

_SUM_TOL = 1e-6


def _given_prior(prior: ArrayLike) -> ArrayLike:
    # The prior as given: this converter only types SignalingGame's argument for the attrs mypy
    # plugin. __attrs_post_init__ checks it against the number of types and stores an ndarray.
    return prior


def check_distribution(values: Any, name: str, shape: tuple[int, ...] | None = None,
                       positive: bool = False) -> np.ndarray:
    """Validate a probability array (finite, non-negative, sums to 1) and renormalise it.

    Raises :class:`InvalidGameError` naming ``name`` when it is not one.

    Examples
    --------
    >>> check_distribution([0.25, 0.75], "prior")
    array([0.25, 0.75])
    """
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{name} must be an array of probabilities; could not convert {values!r}"
        raise InvalidGameError(msg) from None
    if shape is not None and arr.shape != shape:
        msg = f"{name} must have shape {shape}, got shape {arr.shape}"
        raise InvalidGameError(msg)
    if not np.all(np.isfinite(arr)):
        msg = f"{name} must be finite; got {arr.tolist()}"
        raise InvalidGameError(msg)
    if positive and np.any(arr <= 0):
        msg = f"{name} must have positive entries (every type must be possible); got {arr.tolist()}"
        raise InvalidGameError(msg)
    if np.any(arr < 0):
        msg = f"{name} must be non-negative; got {arr.tolist()}"
        raise InvalidGameError(msg)
    if abs(arr.sum() - 1.0) > _SUM_TOL:
        msg = f"{name} must sum to 1; its entries sum to {arr.sum():.6g}"
        raise InvalidGameError(msg)
    return readonly(arr / arr.sum())


def finite_array(values: Any, name: str, expected: str) -> np.ndarray:
    """Convert ``values`` to a float64 array and check that it is finite.

    Raises :class:`InvalidGameError` naming ``name`` (``expected`` describes
    the array in the message) and the first non-finite entry.

    Examples
    --------
    >>> finite_array([[1, 2]], "payoffs", "a matrix").shape
    (1, 2)
    """
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{name} must be a numeric array of {expected}; could not convert it"
        raise InvalidGameError(msg) from None
    if arr.size and not np.all(np.isfinite(arr)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        msg = f"{name} must be finite; {name}{list(bad)} is {arr[bad]}"
        raise InvalidGameError(msg)
    return arr


def _check_payoff_array(values: Any, name: str, shape: tuple[int, ...]) -> np.ndarray:
    arr = finite_array(values, name, f"shape {shape}")
    if arr.shape != shape:
        msg = f"{name} must have shape {shape} (n_types, n_messages, n_responses), got {arr.shape}"
        raise InvalidGameError(msg)
    return readonly(arr)


def _names(values: Any, what: str) -> tuple[str, ...]:
    if values is None or isinstance(values, str) or not hasattr(values, "__len__"):
        msg = f"{what} must be a sequence of names, got {values!r}"
        raise InvalidGameError(msg)
    if len(values) == 0:
        msg = f"{what} must name at least one entry; got an empty sequence"
        raise InvalidGameError(msg)
    return _check_names(values, len(values), what, "")


@attrs.frozen(eq=False, repr=False)
class SignalingGame:
    """A sender–receiver game with private sender types.

    Parameters
    ----------
    types : sequence of str
        The sender's types (distinct names).
    prior : array_like, shape (n_types,)
        The common prior over types: positive entries summing to 1.
    messages : sequence of str
        The sender's messages.
    responses : sequence of str
        The receiver's responses (the same set after every message that is
        not terminal).
    sender_payoffs, receiver_payoffs : array_like, shape (n_types, n_messages, n_responses)
        ``sender_payoffs[t, m, r]`` is the sender's payoff when its type is
        ``t``, it sends ``m`` and the receiver responds ``r``; likewise the
        receiver's. Finite; stored read-only. After a terminal message the
        payoffs must not depend on ``r`` (the receiver does not move).
    players : pair of str, default ("Sender", "Receiver")
    title : str, optional
    terminal_messages : sequence of str, default ()
        Messages that end the game: the receiver has no move after them, so
        it has no strategy and no belief there. At least one message must
        leave the receiver a move.

    See Also
    --------
    negotiation_sim.solvers.perfect_bayesian.perfect_bayesian : its perfect Bayesian equilibria.

    Examples
    --------
    The beer–quiche game (Cho & Kreps 1987): a weak or strong sender has beer
    or quiche for breakfast; the receiver duels or not.

    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> sender = [[[0, 2], [1, 3]],   # Weak: beer (duel, no duel), quiche (duel, no duel)
    ...           [[1, 3], [0, 2]]]   # Strong
    >>> receiver = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]
    >>> g = ns.SignalingGame(types=("Weak", "Strong"), prior=[0.1, 0.9],
    ...                      messages=("Beer", "Quiche"), responses=("Duel", "No duel"),
    ...                      sender_payoffs=sender, receiver_payoffs=receiver)
    >>> g
    SignalingGame(types=('Weak', 'Strong'), messages=('Beer', 'Quiche'), responses=('Duel', 'No duel'))
    >>> g.to_normal_form().shape
    (4, 4)

    A terminal message ends the game: the receiver answers only the other one.

    >>> crisis = ns.SignalingGame(types=("Resolved", "Bluffer"), prior=[0.3, 0.7],
    ...     messages=("Status quo", "Threaten"), responses=("Concede", "Resist"),
    ...     sender_payoffs=[[[0, 0], [1, 0.2]], [[0, 0], [1, -0.5]]],
    ...     receiver_payoffs=[[[0, 0], [-0.4, -1]], [[0, 0], [-0.4, 0]]],
    ...     terminal_messages=("Status quo",))
    >>> crisis.receiver_messages, crisis.to_normal_form().actions[1]
    (('Threaten',), ('Threaten: Concede', 'Threaten: Resist'))
    """

    types: tuple[str, ...] = attrs.field(converter=lambda v: _names(v, "types"))
    prior: np.ndarray = attrs.field(converter=_given_prior)
    messages: tuple[str, ...] = attrs.field(converter=lambda v: _names(v, "messages"))
    responses: tuple[str, ...] = attrs.field(converter=lambda v: _names(v, "responses"))
    sender_payoffs: np.ndarray = attrs.field()
    receiver_payoffs: np.ndarray = attrs.field()
    players: tuple[str, ...] = attrs.field(default=("Sender", "Receiver"))
    title: str = attrs.field(default="", converter=str)
    terminal_messages: tuple[str, ...] = attrs.field(default=(), kw_only=True)

    def __attrs_post_init__(self) -> None:
        shape = (len(self.types), len(self.messages), len(self.responses))
        prior = check_distribution(self.prior, "prior", shape=(shape[0],), positive=True)
        object.__setattr__(self, "prior", prior)
        for name in ("sender_payoffs", "receiver_payoffs"):
            object.__setattr__(self, name, _check_payoff_array(getattr(self, name), name, shape))
        object.__setattr__(self, "terminal_messages", self._check_terminal(self.terminal_messages))
        if isinstance(self.players, str) or not hasattr(self.players, "__len__"):
            msg = f"players must be a pair of names (sender, receiver), got {self.players!r}"
            raise InvalidGameError(msg)
        object.__setattr__(self, "players", _check_names(self.players, 2, "players", ""))

    def _check_terminal(self, values: Any) -> tuple[str, ...]:
        if isinstance(values, str) or not hasattr(values, "__iter__"):
            msg = f"terminal_messages must be a sequence of message names, got {values!r}"
            raise InvalidGameError(msg)
        names = tuple(values)
        unknown = [m for m in names if m not in self.messages]
        if unknown:
            msg = f"terminal_messages {unknown!r} are not messages; the messages are {list(self.messages)}"
            raise InvalidGameError(msg)
        if len(set(names)) != len(names):
            msg = f"terminal_messages must be distinct, got {list(names)}"
            raise InvalidGameError(msg)
        if set(names) == set(self.messages):
            msg = "terminal_messages cannot hold every message: the receiver must have a move after at least one"
            raise InvalidGameError(msg)
        for m in names:
            k = self.messages.index(m)
            for arr_name in ("sender_payoffs", "receiver_payoffs"):
                block = getattr(self, arr_name)[:, k, :]
                if np.any(block != block[:, :1]):
                    msg = (f"{arr_name}[:, {k}, :] must not depend on the response: the receiver has no move "
                           f"after the terminal message {m!r}")
                    raise InvalidGameError(msg)
        return tuple(m for m in self.messages if m in names)  # in message order

    # -- shape --------------------------------------------------------------

    @property
    def n_types(self) -> int:
        """Number of sender types."""
        return len(self.types)

    @property
    def n_messages(self) -> int:
        """Number of messages."""
        return len(self.messages)

    @property
    def n_responses(self) -> int:
        """Number of receiver responses."""
        return len(self.responses)

    @property
    def terminal_mask(self) -> np.ndarray:
        """Boolean array (n_messages,): True for the messages that end the game."""
        return np.array([m in self.terminal_messages for m in self.messages], dtype=bool)

    @property
    def receiver_messages(self) -> tuple[str, ...]:
        """The messages after which the receiver moves (every message that is not terminal)."""
        return tuple(m for m in self.messages if m not in self.terminal_messages)

    @property
    def payoff_scale(self) -> float:
        """Largest absolute payoff, at least 1: the scale that tolerances are relative to."""
        both = np.concatenate([self.sender_payoffs.ravel(), self.receiver_payoffs.ravel()])
        return float(max(1.0, np.max(np.abs(both))))

    # -- variants -----------------------------------------------------------

    def with_prior(self, prior: Sequence[float]) -> SignalingGame:
        """The same game with another prior over types.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.SignalingGame(types=("A", "B"), prior=[0.5, 0.5], messages=("m",),
        ...                      responses=("r",), sender_payoffs=[[[0]], [[0]]],
        ...                      receiver_payoffs=[[[0]], [[0]]])
        >>> g.with_prior([0.2, 0.8]).prior
        array([0.2, 0.8])
        """
        return attrs.evolve(self, prior=prior)

    # -- other forms --------------------------------------------------------

    def sender_plans(self) -> list[tuple[int, ...]]:
        """Every pure sender strategy: one message index per type, lexicographic."""
        return list(itertools.product(range(self.n_messages), repeat=self.n_types))

    def receiver_plans(self) -> list[tuple[int, ...]]:
        """Every pure receiver strategy: one response index per message in
        :attr:`receiver_messages` (terminal messages get none), lexicographic."""
        return list(itertools.product(range(self.n_responses), repeat=len(self.receiver_messages)))

    def full_response(self, plan: Sequence[int]) -> np.ndarray:
        """A receiver plan as one response index per message (0 after a terminal message,
        where the response does not matter)."""
        resp = np.zeros(self.n_messages, dtype=int)
        resp[~self.terminal_mask] = np.asarray(plan, dtype=int)
        return resp

    def to_normal_form(self) -> NormalFormGame:
        """The ex-ante strategic form.

        A sender strategy names a message per type (``"Weak: Quiche; Strong:
        Beer"``), a receiver strategy a response per message that is not
        terminal (``"Beer: Duel; Quiche: No duel"``); payoffs are expected
        over the prior (the sender's ex-ante expected payoff).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.SignalingGame(types=("A", "B"), prior=[0.25, 0.75], messages=("x", "y"),
        ...                      responses=("r",), sender_payoffs=[[[1], [0]], [[0], [2]]],
        ...                      receiver_payoffs=[[[0], [0]], [[0], [0]]])
        >>> nf = g.to_normal_form()
        >>> nf.actions[0]
        ('A: x; B: x', 'A: x; B: y', 'A: y; B: x', 'A: y; B: y')
        >>> [float(v) for v in nf.payoffs[1, 0]]
        [1.75, 0.0]
        """
        plans_s, plans_r = self.sender_plans(), self.receiver_plans()
        types = np.arange(self.n_types)
        both = np.stack([self.sender_payoffs, self.receiver_payoffs], axis=-1)
        out = np.empty((len(plans_s), len(plans_r), 2))
        for i, sigma in enumerate(plans_s):
            sigma_arr = np.asarray(sigma)
            for j, rho in enumerate(plans_r):
                resp = self.full_response(rho)[sigma_arr]
                out[i, j] = self.prior @ both[types, sigma_arr, resp]
        label_s = ["; ".join(f"{t}: {self.messages[m]}" for t, m in zip(self.types, s, strict=True)) for s in plans_s]
        label_r = ["; ".join(f"{m}: {self.responses[r]}" for m, r in zip(self.receiver_messages, p, strict=True))
                   for p in plans_r]
        return NormalFormGame(out, players=self.players, actions=(label_s, label_r), title=self.title)

    def to_tree(self) -> Any:
        """The game in extensive form, as a :class:`~negotiation_sim.games.extensive_form.GameTree`.

        A chance node (``"Nature"``) draws the type with the prior; the sender
        moves at one node per type (its information set is labelled by the
        type); the receiver moves at one information set per message,
        ``"after <message>"``, which holds that message's node under every
        type; a terminal message leads straight to a terminal node. Its
        reduced strategic form is :meth:`to_normal_form`, with the
        strategies named by the tree (``"Beer/Quiche"``: a message per type,
        in type order).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.SignalingGame(types=("A", "B"), prior=[0.25, 0.75], messages=("x", "y"),
        ...                      responses=("r", "s"), sender_payoffs=[[[1, 0], [0, 0]], [[0, 0], [2, 0]]],
        ...                      receiver_payoffs=[[[0, 1], [0, 0]], [[1, 0], [0, 1]]])
        >>> t = g.to_tree()
        >>> t.node("A/x").infoset_label, t.node("B/x").infoset_label
        ('after x', 'after x')
        >>> t.to_normal_form().actions[0]
        ('x/x', 'x/y', 'y/x', 'y/y')
        """
        from negotiation_sim.games.extensive_form import GameTree

        taken = {"Nature", *(f"after {m}" for m in self.receiver_messages)}.intersection(self.types)
        if taken:
            msg = (f"types {sorted(taken)} clash with the tree's labels for Nature and the receiver's "
                   "information sets ('after <message>'); rename them to build the tree")
            raise InvalidGameError(msg)
        tree = GameTree(players=self.players, title=self.title)
        by_type = tree.root.chance(dict(zip(self.types, self.prior.tolist(), strict=True)), name="Nature")
        for t, node in enumerate(by_type):
            for m, sent in enumerate(node.move(self.players[0], self.messages)):
                if self.terminal_mask[m]:
                    sent.payoffs(self.sender_payoffs[t, m, 0], self.receiver_payoffs[t, m, 0])
                    continue
                answers = sent.move(self.players[1], self.responses, infoset=f"after {self.messages[m]}")
                for r, leaf in enumerate(answers):
                    leaf.payoffs(self.sender_payoffs[t, m, r], self.receiver_payoffs[t, m, r])
        return tree.freeze()

    def to_dataframe(self):
        """One row per (type, message, response): the prior and both payoffs.

        A terminal message gets one row per type, with the response
        ``"none (the game ends)"``.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.SignalingGame(types=("A", "B"), prior=[0.5, 0.5], messages=("m",),
        ...                      responses=("r",), sender_payoffs=[[[1]], [[2]]],
        ...                      receiver_payoffs=[[[3]], [[4]]])
        >>> g.to_dataframe()["payoff Receiver"].tolist()
        [3.0, 4.0]
        """
        import pandas as pd

        rows = []
        for t, m, r in np.ndindex(self.n_types, self.n_messages, self.n_responses):
            if self.terminal_mask[m] and r > 0:
                continue  # one row: the game ends, whatever the receiver would have done
            rows.append({
                "type": self.types[t], "prior": float(self.prior[t]),
                "message": self.messages[m],
                "response": "none (the game ends)" if self.terminal_mask[m] else self.responses[r],
                f"payoff {self.players[0]}": float(self.sender_payoffs[t, m, r]),
                f"payoff {self.players[1]}": float(self.receiver_payoffs[t, m, r]),
            })
        return pd.DataFrame(rows)

    # -- comparison and display ---------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SignalingGame):
            return NotImplemented
        return (
            (self.types, self.messages, self.responses, self.players, self.title, self.terminal_messages)
            == (other.types, other.messages, other.responses, other.players, other.title,
                other.terminal_messages)
            and bool(np.array_equal(self.prior, other.prior))
            and bool(np.array_equal(self.sender_payoffs, other.sender_payoffs))
            and bool(np.array_equal(self.receiver_payoffs, other.receiver_payoffs))
        )

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        title = f", title={self.title!r}" if self.title else ""
        terminal = f", terminal_messages={self.terminal_messages!r}" if self.terminal_messages else ""
        return (f"SignalingGame(types={self.types!r}, messages={self.messages!r}, "
                f"responses={self.responses!r}{terminal}{title})")

    def _repr_html_(self) -> str:
        from negotiation_sim.display import signaling_game_html

        return signaling_game_html(self)
