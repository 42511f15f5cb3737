"""Perfect Bayesian equilibria of signalling games, as results.

A :class:`PBEquilibrium` is an :class:`~negotiation_sim.solvers.equilibrium.Equilibrium`
whose two strategies are behaviour strategies: the sender's is one probability
vector over messages per type (concatenated, labelled ``"Type: message"``),
the receiver's one vector over responses per message after which it moves
(``"message: response"``; a terminal message ends the game and has none).
It also carries the beliefs: the posterior after every message sent with
positive probability, and for every message no type sends, the
:class:`BeliefSet` of off-path beliefs that keep the receiver's response optimal.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import CLEAN_TOL, clean, readonly
from negotiation_sim.solvers.equilibrium import Equilibrium, _str_tuple, format_prob

__all__ = ["BeliefSet", "PBEquilibrium", "prob_text"]


def prob_text(p: float) -> str:
    """A probability as :func:`format_prob` prints it, plus its fraction when simple.

    Examples
    --------
    >>> prob_text(3 / 7), prob_text(0.5), prob_text(1.0), prob_text(0.123456789)
    ('0.4286 (3/7)', '0.5 (1/2)', '1', '0.1235')
    """
    p = float(p)
    text = format_prob(p)
    frac = Fraction(p).limit_denominator(100)
    if frac.denominator > 1 and abs(float(frac) - p) <= 1e-9 and text != str(frac):
        text += f" ({frac})"
    return text


def _readonly_rows(values: Any) -> np.ndarray:
    arr = np.array(values, dtype=np.float64, ndmin=2)
    arr.setflags(write=False)
    return arr


def _behaviour(values: Any) -> tuple[np.ndarray, ...]:
    # Behaviour strategies are several distributions side by side: clean round-off
    # without renormalising the whole vector to 1 (Equilibrium's converter would).
    out = []
    for s in values:
        arr = clean(np.clip(np.asarray(s, dtype=np.float64), 0.0, None))
        arr[np.abs(arr) <= CLEAN_TOL] = 0.0
        out.append(readonly(arr))
    return tuple(out)


@attrs.frozen(eq=False, repr=False)
class BeliefSet:
    """The off-path beliefs after ``message`` that make ``response`` a best response.

    The set is ``{mu in the simplex over types : constraints @ mu >= 0}`` (one
    row per other response: the receiver must not prefer it).

    Parameters
    ----------
    message, response : str
    types : tuple of str
    constraints : numpy.ndarray, shape (k, n_types)
    example : numpy.ndarray, shape (n_types,)
        One supporting belief: the one closest to the prior (L1 distance).
    interval : tuple of float, optional
        With two types, the set as an interval ``[lo, hi]`` of the probability
        of the first type, ``P(types[0] | message)``.

    Examples
    --------
    >>> b = BeliefSet("Beer", "Duel", ("Weak", "Strong"), [[1.0, -1.0]], [0.5, 0.5], (0.5, 1.0))
    >>> b.contains([0.7, 0.3]), b.contains([0.2, 0.8])
    (True, False)
    >>> b.describe()
    'P(Weak | Beer) in [0.5 (1/2), 1]'
    """

    message: str = attrs.field(converter=str)
    response: str = attrs.field(converter=str)
    types: tuple[str, ...] = attrs.field(converter=_str_tuple)
    constraints: np.ndarray = attrs.field(converter=_readonly_rows)
    example: np.ndarray = attrs.field(converter=readonly)
    interval: tuple[float, float] | None = attrs.field(
        default=None, converter=lambda v: None if v is None else (float(v[0]), float(v[1])))

    def contains(self, belief: Any, tol: float = 1e-9) -> bool:
        """Whether ``belief`` (a distribution over types) supports the response."""
        mu = np.asarray(belief, dtype=np.float64)
        return bool(np.all(self.constraints @ mu >= -tol))

    def describe(self) -> str:
        """The set in words: an interval for two types, else the inequalities and an example."""
        if self.interval is not None:
            lo, hi = self.interval
            return f"P({self.types[0]} | {self.message}) in [{prob_text(lo)}, {prob_text(hi)}]"
        rows = []
        for a in self.constraints:
            terms = " + ".join(f"{format_prob(c)}*mu({t})" for c, t in zip(a, self.types, strict=True) if c != 0)
            rows.append(f"{terms or '0'} >= 0")
        example = ", ".join(f"{t}: {prob_text(p)}" for t, p in zip(self.types, self.example, strict=True))
        cons = "; ".join(rows) if rows else "any belief"
        return f"beliefs mu after {self.message} with {cons} (e.g. {example})"


@attrs.frozen(eq=False, repr=False)
class PBEquilibrium(Equilibrium):
    """A perfect Bayesian equilibrium of a :class:`SignalingGame`.

    ``payoffs`` is (sender's ex-ante expected payoff, receiver's expected
    payoff); ``beliefs`` maps each on-path message to the posterior
    ``{type: probability}``.

    Parameters
    ----------
    kind : str
        "pooling", "separating", "partially pooling" or "semi-separating".
    off_path_beliefs : mapping of str to BeliefSet
        For every message sent with probability 0.
    intuitive : bool or None
        Whether it survives the Cho–Kreps intuitive criterion (True when no
        message is off path); None when not examined.
    intuitive_deviations : tuple of (type, message)
        Why it fails: types that would gain by sending the off-path message
        once the receiver rules out the types that could not gain from it.
    type_payoffs : numpy.ndarray, shape (n_types,)
        The sender's expected payoff by type.
    types, messages, responses : tuple of str
        The game's names.
    terminal_messages : tuple of str
        The messages that end the game (the receiver has no move after them).
    """

    strategies: tuple[np.ndarray, ...] = attrs.field(kw_only=True, converter=_behaviour)
    kind: str = attrs.field(kw_only=True)
    type_payoffs: np.ndarray = attrs.field(kw_only=True, converter=lambda p: readonly(clean(p)))
    types: tuple[str, ...] = attrs.field(kw_only=True, converter=_str_tuple)
    messages: tuple[str, ...] = attrs.field(kw_only=True, converter=_str_tuple)
    responses: tuple[str, ...] = attrs.field(kw_only=True, converter=_str_tuple)
    terminal_messages: tuple[str, ...] = attrs.field(kw_only=True, default=(), converter=_str_tuple)
    off_path_beliefs: Mapping[str, BeliefSet] = attrs.field(kw_only=True, factory=dict)
    intuitive: bool | None = attrs.field(kw_only=True, default=None)
    intuitive_deviations: tuple[tuple[str, str], ...] = attrs.field(
        kw_only=True, default=(), converter=lambda v: tuple(tuple(x) for x in v))

    @property
    def sender_behaviour(self) -> np.ndarray:
        """The sender's strategy as an array (n_types, n_messages)."""
        return self.strategies[0].reshape(len(self.types), len(self.messages))

    @property
    def receiver_messages(self) -> tuple[str, ...]:
        """The messages after which the receiver moves."""
        return tuple(m for m in self.messages if m not in self.terminal_messages)

    @property
    def receiver_behaviour(self) -> np.ndarray:
        """The receiver's strategy as an array (n_messages, n_responses), indexed by message.

        The row of a terminal message is all zeros: the receiver does not move there.
        """
        moves = [self.messages.index(m) for m in self.receiver_messages]
        out = np.zeros((len(self.messages), len(self.responses)))
        out[moves] = self.strategies[1].reshape(len(moves), len(self.responses))
        return readonly(out)

    @property
    def is_pure(self) -> bool:
        """Whether every type sends one message and every message meets one response."""
        return all(bool(np.all((s == 0) | (s == 1))) for s in self.strategies)

    def off_path(self) -> tuple[str, ...]:
        """The messages no type sends."""
        return tuple(self.off_path_beliefs)

    # -- words --------------------------------------------------------------

    def _sender_words(self) -> list[str]:
        sigma = self.sender_behaviour
        words = []
        groups: dict[int, list[str]] = {}
        for t, name in enumerate(self.types):
            sent = np.flatnonzero(sigma[t])
            if len(sent) == 1:
                groups.setdefault(int(sent[0]), []).append(name)
                continue
            parts = [f"{self.messages[m]} with probability {prob_text(sigma[t, m])}" for m in sent]
            words.append(f"the {name} type sends " + ", ".join(parts[:-1]) + f" and {parts[-1]}")
        pure_words = []
        for m, names in groups.items():
            if len(names) == len(self.types) > 1:
                who = "every type sends"
            elif len(names) == 1:
                who = f"the {names[0]} type sends"
            else:
                who = "types " + ", ".join(names) + " send"
            pure_words.append(f"{who} {self.messages[m]}")
        return pure_words + words

    def _receiver_words(self) -> list[str]:
        rho, receiver = self.receiver_behaviour, self.players[1]
        words = []
        for m, msg in enumerate(self.messages):
            if msg in self.terminal_messages:
                continue  # the game ends there: nothing to respond
            played = np.flatnonzero(rho[m])
            if len(played) == 1:
                text = f"{receiver} plays {self.responses[played[0]]} after {msg}"
            else:
                parts = [f"{self.responses[r]} with probability {prob_text(rho[m, r])}" for r in played]
                text = f"{receiver} mixes after {msg}: " + ", ".join(parts[:-1]) + f" and {parts[-1]}"
            if msg in self.off_path_beliefs:
                text += f" (off path, supported by {self.off_path_beliefs[msg].describe()})"
            words.append(text)
        return words

    def describe(self) -> str:
        """The equilibrium as a story: who sends what, how the receiver responds and believes.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.SignalingGame(types=("Weak", "Strong"), prior=[0.1, 0.9],
        ...     messages=("Beer", "Quiche"), responses=("Duel", "No duel"),
        ...     sender_payoffs=[[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
        ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
        >>> print(ns.solve(g)[0].describe())  # doctest: +NORMALIZE_WHITESPACE
        Pooling equilibrium: every type sends Beer; Receiver plays No duel after Beer;
        Receiver plays Duel after Quiche (off path, supported by P(Weak | Quiche) in [0.5 (1/2), 1]).
        After Beer Receiver believes Weak with probability 0.1 (1/10), Strong with
        probability 0.9 (9/10). Expected payoffs: Sender 2.9 (Weak 2, Strong 3),
        Receiver 0.9. It survives the intuitive criterion.
        """
        sender, receiver = self.players
        text = f"{self.kind.capitalize()} equilibrium: " + "; ".join(
            self._sender_words() + self._receiver_words()) + "."
        for msg, post in (self.beliefs or {}).items():
            believed = ", ".join(f"{t} with probability {prob_text(p)}" for t, p in post.items() if p > 0)
            text += f" After {msg} {receiver} believes {believed}."
        by_type = ", ".join(f"{t} {format_prob(v)}" for t, v in zip(self.types, self.type_payoffs, strict=True))
        text += (f" Expected payoffs: {sender} {format_prob(self.payoffs[0])} ({by_type}), "
                 f"{receiver} {format_prob(self.payoffs[1])}.")
        if self.intuitive is True:
            text += " It survives the intuitive criterion."
        elif self.intuitive is False:
            why = "; ".join(f"the {t} type would send {m}" for t, m in self.intuitive_deviations)
            text += f" It fails the intuitive criterion: {why}."
        for note in self.notes:
            text += f" {note}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Flat mapping of probabilities, payoffs (also by type), kind and intuitive."""
        out: dict[str, Any] = super().to_dict()
        for t, v in zip(self.types, self.type_payoffs, strict=True):
            out[f"payoff {self.players[0]} ({t})"] = float(v)
        out["kind"] = self.kind
        out["intuitive"] = self.intuitive
        return out

    def __repr__(self) -> str:
        strat = ", ".join("[" + ", ".join(format_prob(p) for p in s) + "]" for s in self.strategies)
        pay = ", ".join(format_prob(v) for v in self.payoffs)
        return (f"PBEquilibrium(kind={self.kind!r}, strategies=({strat}), payoffs=[{pay}], "
                f"intuitive={self.intuitive})")
