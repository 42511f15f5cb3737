"""Equilibrium results: one verified equilibrium, and a set of them.

Every solver returns an :class:`EquilibriumSet` of :class:`Equilibrium`. An
equilibrium records its strategies (one probability vector per player, over
that player's actions, or over behaviour-strategy components for trees), the
expected payoffs, the regret it was verified with and the tolerance used.
Numbers are cleaned of round-off when the equilibrium is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, overload

import attrs
import numpy as np

from negotiation_sim._numeric import DEFAULT_TOL, clean, clean_distribution, readonly

__all__ = ["Equilibrium", "EquilibriumSet", "format_prob"]


def format_prob(p: float) -> str:
    """Format a probability or payoff compactly: ``1``, ``0.5``, ``0.3333``.

    Examples
    --------
    >>> format_prob(1 / 3), format_prob(1.0), format_prob(-2.5)
    ('0.3333', '1', '-2.5')
    """
    p = float(clean([p])[0])
    text = f"{p:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _clean_strategies(strategies: Sequence[Any]) -> tuple[np.ndarray, ...]:
    return tuple(readonly(clean_distribution(s)) for s in strategies)


def _as_names(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value)


def _as_labels(value: Any) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(a) for a in acts) for acts in value)


# Typed converters: the attrs mypy plugin types an __init__ argument from its converter's
# parameter, and ``converter=tuple`` would make it ``Iterable[_T_co]``.
def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _equilibrium_tuple(values: Iterable[Equilibrium]) -> tuple[Equilibrium, ...]:
    return tuple(values)


@attrs.frozen(eq=False, repr=False)
class Equilibrium:
    """One equilibrium, verified by its regret.

    Parameters
    ----------
    strategies : tuple of numpy.ndarray
        One probability vector per player (cleaned of round-off, read-only).
    payoffs : numpy.ndarray, shape (n_players,)
        Expected payoffs.
    regret : float
        The largest gain any player could get by a unilateral deviation.
    players : tuple of str
        Player names.
    actions : tuple of tuple of str
        Labels of the components of each player's strategy vector.
    tol : float
        The tolerance the regret was verified against (absolute).
    method : str
        The solver that found it.
    beliefs : mapping, optional
        Beliefs at information sets (for perfect Bayesian equilibria).
    notes : tuple of str
        Remarks a solver attaches (e.g. non-credible threats it rules out).
    exact_strategies : tuple of tuple of Fraction, optional
        The strategies in exact rational arithmetic, when an exact solver
        found them (``ns.solve(game, exact=True)``); then :meth:`describe`
        and the HTML display show fractions.
    exact_payoffs : tuple of Fraction, optional
        The expected payoffs, exactly, with ``exact_strategies``.
    refinements : mapping of str to bool or None
        Labels set by :meth:`EquilibriumSet.refine` (``"perfect"``,
        ``"payoff_dominant"``, ``"risk_dominant"``); read them as
        :attr:`is_perfect`, :attr:`payoff_dominant`, :attr:`risk_dominant`.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
    ...                                   players=("Row", "Col"))
    >>> eq = ns.solve(g)[0]
    >>> eq.strategies
    (array([0.5, 0.5]), array([0.5, 0.5]))
    >>> eq.is_pure
    False
    """

    strategies: tuple[np.ndarray, ...] = attrs.field(converter=_clean_strategies)
    payoffs: np.ndarray = attrs.field(converter=lambda p: readonly(clean(p)))
    regret: float = attrs.field(converter=float)
    players: tuple[str, ...] = attrs.field(converter=_as_names)
    actions: tuple[tuple[str, ...], ...] = attrs.field(converter=_as_labels)
    tol: float = attrs.field(default=DEFAULT_TOL, converter=float)
    method: str = attrs.field(default="", converter=str)
    beliefs: Mapping[str, Any] | None = attrs.field(default=None)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    exact_strategies: tuple[tuple[Fraction, ...], ...] | None = attrs.field(
        default=None, converter=lambda v: None if v is None else tuple(tuple(Fraction(p) for p in s) for s in v))
    exact_payoffs: tuple[Fraction, ...] | None = attrs.field(
        default=None, converter=lambda v: None if v is None else tuple(Fraction(p) for p in v))
    refinements: Mapping[str, bool | None] = attrs.field(factory=dict)

    @classmethod
    def _trusted(cls, strategies: tuple[np.ndarray, ...], payoffs: np.ndarray, regret: float,
                 players: tuple[str, ...], actions: tuple[tuple[str, ...], ...], tol: float,
                 method: str, notes: tuple[str, ...] = ()) -> Equilibrium:
        """Build without running the converters, for a solver that verified and cleaned in bulk.

        The caller guarantees what the converters would: cleaned, read-only
        float64 vectors and payoffs, float ``regret`` and ``tol``, tuples of
        str. A vectorised solver uses it to skip re-cleaning one equilibrium
        at a time (tests check it gives the same objects as the constructor).
        """
        self = object.__new__(cls)
        for name, value in (("strategies", strategies), ("payoffs", payoffs), ("regret", regret),
                            ("players", players), ("actions", actions), ("tol", tol),
                            ("method", method), ("beliefs", None), ("notes", notes),
                            ("exact_strategies", None), ("exact_payoffs", None), ("refinements", {})):
            object.__setattr__(self, name, value)
        return self

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def is_perfect(self) -> bool | None:
        """Whether it is trembling-hand perfect (for two players: neither strategy is weakly
        dominated); None until computed by :meth:`EquilibriumSet.refine`."""
        return self.refinements.get("perfect")

    @property
    def payoff_dominant(self) -> bool | None:
        """Whether it gives every player strictly more than every other equilibrium of its set;
        None until computed by :meth:`EquilibriumSet.refine`."""
        return self.refinements.get("payoff_dominant")

    @property
    def risk_dominant(self) -> bool | None:
        """Whether it is the risk-dominant one of two strict equilibria of a 2 x 2 game
        (Harsanyi and Selten 1988); None when not computed or not applicable."""
        return self.refinements.get("risk_dominant")

    @property
    def is_pure(self) -> bool:
        """Whether every player puts probability 1 on one action."""
        return all(np.count_nonzero(s) == 1 for s in self.strategies)

    def support(self, player: str | int) -> tuple[str, ...]:
        """Names of the actions ``player`` plays with positive probability."""
        i = self._index(player)
        return tuple(a for a, p in zip(self.actions[i], self.strategies[i]) if p > 0)

    def strategy(self, player: str | int) -> dict[str, float]:
        """``player``'s strategy as ``{action: probability}``."""
        i = self._index(player)
        return {a: float(p) for a, p in zip(self.actions[i], self.strategies[i])}

    def _index(self, player: str | int) -> int:
        from negotiation_sim.errors import UnknownNameError

        if isinstance(player, (int, np.integer)) and 0 <= player < self.n_players:
            return int(player)
        if player in self.players:
            return self.players.index(player)
        msg = f"unknown player {player!r}; the players are {list(self.players)}"
        raise UnknownNameError(msg)

    def close_to(self, other: Equilibrium, atol: float = 1e-6) -> bool:
        """Whether two equilibria have the same strategies within ``atol``."""
        return len(self.strategies) == len(other.strategies) and all(
            a.shape == b.shape and np.allclose(a, b, atol=atol, rtol=0)
            for a, b in zip(self.strategies, other.strategies)
        )

    # -- words --------------------------------------------------------------

    def prob_text(self, player: int, action: int) -> str:
        """``player``'s probability of ``action`` (indices) as text: a fraction such as
        ``2/7`` when the equilibrium is exact, else :func:`format_prob`."""
        if self.exact_strategies is not None:
            return str(self.exact_strategies[player][action])
        return format_prob(self.strategies[player][action])

    def payoff_text(self, player: int) -> str:
        """``player``'s expected payoff as text (a fraction when exact)."""
        if self.exact_payoffs is not None:
            return str(self.exact_payoffs[player])
        return format_prob(self.payoffs[player])

    def _strategy_phrase(self, i: int) -> str:
        probs = self.strategies[i]
        played = [(a, k) for k, (a, p) in enumerate(zip(self.actions[i], probs)) if p > 0]
        if len(played) == 1:
            return f"{self.players[i]} plays {played[0][0]}"
        parts = [f"{a} with probability {self.prob_text(i, k)}" for a, k in played]
        return f"{self.players[i]} mixes " + ", ".join(parts[:-1]) + f" and {parts[-1]}"

    def describe(self) -> str:
        """A plain-language account of the equilibrium.

        Says who plays what with what probability, what each player expects
        to get, and why no one deviates (a mixing player is indifferent
        between the actions it mixes).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]],
        ...                                   players=("Russia", "NATO"),
        ...                                   actions=(("Threaten", "Wait"), ("Resist", "Concede")))
        >>> print(ns.solve(g)[0].describe())
        Russia plays Threaten; NATO plays Resist. Expected payoffs: Russia 2, NATO 1. No player can gain by deviating alone (regret 0).
        """
        sentence = "; ".join(self._strategy_phrase(i) for i in range(self.n_players)) + "."
        pay = ", ".join(f"{p} {self.payoff_text(i)}" for i, p in enumerate(self.players[: len(self.payoffs)]))
        why = []
        for i in range(self.n_players):
            if np.count_nonzero(self.strategies[i]) > 1 and len(self.payoffs) > i:
                why.append(
                    f"{self.players[i]} mixes because it is indifferent between "
                    f"{' and '.join(self.support(i))} (each gives it {self.payoff_text(i)})"
                )
        text = f"{sentence} Expected payoffs: {pay}."
        if why:
            text += " " + "; ".join(why) + "."
        text += f" No player can gain by deviating alone (regret {format_prob(self.regret)})."
        for note in self.notes:
            text += f" {note}"
        return text

    def to_dict(self) -> dict[str, float]:
        """Flat mapping ``{"Player:Action": probability, "payoff Player": value}``."""
        out: dict[str, float] = {}
        for i, p in enumerate(self.players):
            for a, prob in zip(self.actions[i], self.strategies[i]):
                out[f"{p}:{a}"] = float(prob)
        for p, v in zip(self.players, self.payoffs):
            out[f"payoff {p}"] = float(v)
        out["regret"] = self.regret
        return out

    def __repr__(self) -> str:
        strat = ", ".join(
            "[" + ", ".join(format_prob(p) for p in s) + "]" for s in self.strategies
        )
        pay = ", ".join(format_prob(v) for v in self.payoffs)
        return f"Equilibrium(strategies=({strat}), payoffs=[{pay}], regret={self.regret:.2g})"

    def _repr_html_(self) -> str:
        from negotiation_sim.display import equilibrium_html

        return equilibrium_html(self)


@attrs.frozen(eq=False, repr=False)
class EquilibriumSet(Sequence[Equilibrium]):
    """The equilibria a solver found, with what it guarantees about them.

    Parameters
    ----------
    equilibria : tuple of Equilibrium
    complete : bool
        True when the set is known to hold every equilibrium the method
        promises (every extreme equilibrium for enumeration, every pure one
        for ``method="pure"``).
    method : str
        The solver used.
    game : object
        The game that was solved.
    degenerate : bool
        Whether the game was found degenerate (equilibria may form continua,
        of which the set lists the extreme points).
    notes : tuple of str
        What the solver wants the reader to know.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = ns.solve(g, method="pure")
    >>> len(eqs), eqs.complete
    (2, True)
    """

    equilibria: tuple[Equilibrium, ...] = attrs.field(converter=_equilibrium_tuple)
    complete: bool = attrs.field(converter=bool)
    method: str = attrs.field(default="", converter=str)
    game: Any = attrs.field(default=None)
    degenerate: bool = attrs.field(default=False, converter=bool)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)

    @overload
    def __getitem__(self, index: int) -> Equilibrium: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Equilibrium, ...]: ...

    def __getitem__(self, index):
        return self.equilibria[index]

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def pure(self) -> EquilibriumSet:
        """The pure equilibria only (``complete`` carries over)."""
        return attrs.evolve(self, equilibria=[e for e in self if e.is_pure])

    def mixed(self) -> EquilibriumSet:
        """The equilibria in which some player mixes."""
        return attrs.evolve(self, equilibria=[e for e in self if not e.is_pure])

    def components(self, max_subsets: int | None = None) -> list:
        """The maximal Nash subsets of a 2-player game spanned by these extreme equilibria.

        Each is a :class:`~negotiation_sim.solvers.components.NashSubset`
        ``conv(U) x conv(V)`` with ``.vertices`` (its extreme equilibria) and
        ``.describe()`` ("a continuum of equilibria in which ..."); every
        profile in it is an equilibrium, and together they cover every
        equilibrium when the set is complete (Avis, Rosenberg, Savani and
        von Stengel 2010). Subsets that share points have the same
        ``component``.

        Examples
        --------
        >>> import negotiation_sim as ns, warnings
        >>> g = ns.NormalFormGame.from_arrays([[1, 1], [0, 0]], [[1, 1], [1, 1]])
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     [len(c.vertices) for c in ns.solve(g).components()]
        [2]
        """
        from negotiation_sim._validate import positive_int
        from negotiation_sim.solvers.components import MAX_SUBSETS, nash_subsets

        limit = MAX_SUBSETS if max_subsets is None else positive_int(max_subsets, "max_subsets")
        players = getattr(self.game, "players", None)
        return nash_subsets(self.equilibria, players, limit)

    def refine(self) -> EquilibriumSet:
        """The same set with each equilibrium labelled trembling-hand perfect or not, payoff
        dominant or not, and (2 x 2 games) risk dominant or not, each explained in its notes;
        see :func:`negotiation_sim.solvers.refinements.refine`.

        Examples
        --------
        >>> import negotiation_sim as ns, warnings
        >>> g = ns.NormalFormGame.from_arrays([[-1, 1], [0, 0]], [[-1, 1], [2, 2]])
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     [e.is_perfect for e in ns.solve(g).refine()]
        [True, False, False]
        """
        from negotiation_sim.solvers.refinements import refine

        return refine(self)

    def describe(self) -> str:
        """Every equilibrium's :meth:`Equilibrium.describe`, numbered."""
        if not self.equilibria:
            return "No equilibrium found."
        head = f"{len(self)} equilibri{'um' if len(self) == 1 else 'a'}"
        head += " (complete)." if self.complete else " (the list may not be exhaustive)."
        lines = [head] + [f"{k + 1}. {e.describe()}" for k, e in enumerate(self)]
        lines += list(self.notes)
        return "\n".join(lines)

    def to_dataframe(self):
        """One row per equilibrium: probabilities, payoffs and regret.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("R", "C"))
        >>> ns.solve(g, method="pure").to_dataframe()[["R:A1", "C:A1", "payoff R"]]
           R:A1  C:A1  payoff R
        0   1.0   1.0       2.0
        1   0.0   0.0       1.0
        """
        import pandas as pd

        return pd.DataFrame([e.to_dict() for e in self])

    def __repr__(self) -> str:
        body = "".join(f"\n  {e!r}," for e in self)
        extra = ", degenerate=True" if self.degenerate else ""
        return f"EquilibriumSet([{body}\n], complete={self.complete}, method={self.method!r}{extra})"

    def to_latex(self, *, document: bool = False) -> str:
        """The equilibria as a LaTeX table (:func:`negotiation_sim.latex.equilibria_to_latex`)."""
        from negotiation_sim.latex import equilibria_to_latex

        return equilibria_to_latex(self, document=document)

    def _repr_html_(self) -> str:
        from negotiation_sim.display import equilibrium_set_html

        return equilibrium_set_html(self)
