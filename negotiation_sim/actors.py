"""The four actors of the article: Russia, France, Ukraine and NATO.

Each actor is a frozen value class whose parameters are documented, range
checked, and traced to the article: ``actor.provenance`` maps every parameter
to the sentence it rests on (quoted verbatim) or to an explicit note that it
is a modelling assumption. Change a parameter with ``actor.with_params(...)``.

The payoffs an actor brings to a two-sided standoff follow one documented
formula (:meth:`Actor.standoff_payoffs`): winning the standoff is worth the
actor's stake, a war costs it its cost of war, and backing down costs it its
cost of conceding. :meth:`Actor.payoff_matrix` shows the matrix two actors'
parameters produce.

Examples
--------
>>> import negotiation_sim as ns
>>> russia, nato = ns.actors.Russia(), ns.actors.NATO()
>>> russia.war_cost < nato.war_cost   # "they would not coldly choose to use force"
True
>>> g = russia.payoff_matrix(nato)
>>> g.actions
(('Hold firm', 'Back down'), ('Hold firm', 'Back down'))
>>> [float(v) for v in g.payoffs[0, 0]]   # both hold firm: war
[-0.6, -1.0]
"""

from __future__ import annotations

from typing import ClassVar

import attrs
import numpy as np

from negotiation_sim._params import HasParameters, parameter, parameter_table
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.games.normal_form import NormalFormGame

__all__ = ["Actor", "Russia", "France", "Ukraine", "NATO", "all_actors", "parameter_table", "standoff_game"]

# The article's sentences behind the parameters, verbatim (tests check each is in the article).
Q_COLDLY = "He knows that, unlike him, they would not coldly choose to use force, and he makes the most of this."
Q_HOSTAGE = (
    "Like a hostage-taker, he plays on the fact that others believe he is capable of taking action "
    "to increase the pressure in negotiations."
)
Q_1997 = (
    "He wants to revert to a Europe of that time \u2013 a time when the countries of Central and "
    "Eastern Europe were not yet members of NATO."
)
Q_IMPOSSIBLE = "Is he asking the impossible in the hope that he will at least gain something?"
Q_NO_CONCESSIONS = "However, Putin made no concessions about withdrawing military forces from the border with Ukraine."
Q_TORTURE = "President Macron has been talking to me for nearly six hours \u2013 almost torturing me!"
Q_TROOPS = (
    "President Zelensky leads a country on whose border are massed 125,000 Russian soldiers "
    "\u2013 I am sure it\u2019s a cause for nervousness,"
)
Q_CALCULATIVE = "Putin is extremely calculative, but this doesn\u2019t mean that he never makes mistakes."
Q_UNITY = (
    "Instead of fracture and disharmony in the West and in NATO, we see Euro-Atlantic unity on all "
    "the key questions regarding relations with Russia."
)
Q_SPHERE = "The West has told Putin in no uncertain terms that Russia will gain no special \u201csphere of influence\u201d"
Q_MEDIATOR = "In this balance of power, President Macron tries to maintain the position of mediator."
Q_SIX_HOURS = (
    "The French president\u2019s 6 hour t\u00eate \u00e0 t\u00eate with his counterpart in the "
    "Kremlin did not reap any miracles."
)
Q_NO_INFLUENCE = (
    "But the result must have been a bitter recognition for President Macron that he had not been "
    "able to influence President Putin before visiting Ukraine on Tuesday morning and Berlin that "
    "same afternoon."
)
Q_DONBAS = (
    "Ukraine is firmer than ever in its rejection of any special status for Donbas, where Russian "
    "proxies are operating."
)
Q_SUPPORT = "We see an unprecedented level of support for Ukraine"
Q_FEASIBLE = "In my opinion, some of his (Macron\u2019s) suggestions are feasible and could serve as a foundation."

Q_EVALUATES = (
    "He evaluates his interlocutors, partners or adversaries \u2013 depending on whether they are in "
    "Kyiv, Washington or Paris."
)
Q_TIME_MACHINE = (
    "Putin\u2019s permanent hope is that this time machine could return things to the moment in 1997 "
    "\u2013 the year of the otherwise unimportant agreement between NATO and Russia."
)
Q_2014 = "a level which, had it been shown in 2014, would have avoided the annexation of Crimea"
Q_CANNOT_QUESTION = (
    "he is dreaming of a time machine, while the West, through the voice of Emmanuel Macron responds "
    "that you cannot question what already exists."
)
Q_ASK_CITIZENS = "Ask your citizens whether they want France to enter into a war with Russia."
Q_TROOPS_FIRM = (
    "the Russian president welcomed suggestions from the French president but remained firm about keeping "
    "Russian troops on the border with Ukraine."
)
Q_PRESS_CONFERENCE = (
    "During the strangely ambiguous press conference in the Kremlin, as well as politics, there was a "
    "great deal of psychology."
)
Q_READY_TO_COMPROMISE = "Vladimir Putin said he was ready to compromise and that he welcomed suggestions from the French president."
Q_RAT = "Putin mentions how scared he was when the cornered rat rushed at him."
Q_OLD_STATUS_QUO = "Or is he really hoping for a return to an old status quo."

STANDOFF_ACTIONS = ("Hold firm", "Back down")

#: Why an autocracy's cost of backing down is an assumption, not the article's finding.
AUDIENCE_COST_NOTE = (
    "the article reports only that Russia did not back down (\u201cPutin made no concessions about "
    "withdrawing military forces from the border\u201d), which is consistent with a cost of backing down "
    "but neither shows nor measures one; that an autocrat pays a domestic price for a climb-down is an "
    "assumption from the literature (Fearon 1994 for audience costs; Weeks 2008, \u201cAutocratic Audience "
    "Costs\u201d, International Organization 62(1), for autocracies). 0.5 (half the stake) is ours."
)


@attrs.frozen
class Actor(HasParameters):
    """Base class of the article's actors.

    Subclasses declare their parameters with :func:`negotiation_sim._params.parameter`.
    Every actor exposes the three numbers a standoff needs through
    :meth:`standoff_payoffs`.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> nato = ns.actors.NATO()
    >>> isinstance(nato, ns.actors.Actor), nato.standoff_payoffs()
    (True, (0.4, -1.0, -0.4))
    >>> nato.provenance["cohesion"][:40]
    '“Instead of fracture and disharmony in t'
    """

    name: ClassVar[str] = "Actor"
    description: ClassVar[str] = ""

    # -- the standoff formula ---------------------------------------------------

    def standoff_payoffs(self) -> tuple[float, float, float]:
        """``(win, war, back_down)``: the actor's payoffs when the other side backs down,
        when both hold firm (war), and when it backs down alone. Both backing down is 0."""
        raise NotImplementedError  # pragma: no cover - every actor defines it

    def payoff_matrix(self, opponent: Actor) -> NormalFormGame:
        """The 2x2 standoff between this actor (rows) and ``opponent`` (columns).

        Actions are ("Hold firm", "Back down"). With each side's
        ``(win, war, back_down)`` from :meth:`standoff_payoffs`:

        ============  ====================  ======================
        row \\ col     Hold firm             Back down
        ============  ====================  ======================
        Hold firm     (war_r, war_c)        (win_r, back_down_c)
        Back down     (back_down_r, win_c)  (0, 0)
        ============  ====================  ======================

        It is a game of Chicken whenever ``win > 0 > back_down > war`` for both.
        """
        if not isinstance(opponent, Actor):
            msg = f"opponent must be an Actor (Russia, France, Ukraine or NATO), not {type(opponent).__name__}"
            raise InvalidParameterError(msg)
        return standoff_game(self.standoff_payoffs(), opponent.standoff_payoffs(), players=(self.name, opponent.name))


def standoff_game(
    row: tuple[float, float, float],
    col: tuple[float, float, float],
    players: tuple[str, str],
    title: str | None = None,
) -> NormalFormGame:
    """The 2x2 standoff from each side's ``(win, war, back_down)`` (see :meth:`Actor.payoff_matrix`).

    Examples
    --------
    >>> g = standoff_game((1, -0.6, -0.5), (0.4, -1, -0.4), players=("Russia", "NATO"))
    >>> [float(v) for v in g.payoffs[1, 0]]   # Russia backs down, NATO holds firm
    [-0.5, 0.4]
    """
    win_r, war_r, back_r = row
    win_c, war_c, back_c = col
    payoffs = np.array([[[war_r, war_c], [win_r, back_c]], [[back_r, win_c], [0.0, 0.0]]], dtype=float)
    return NormalFormGame(
        payoffs,
        players=players,
        actions=(STANDOFF_ACTIONS, STANDOFF_ACTIONS),
        title=title if title is not None else f"Standoff: {players[0]} vs {players[1]}",
    )


@attrs.frozen
class Russia(Actor):
    """The challenger: "extremely calculative", troops massed on the border, a hostage-taker.

    Parameters
    ----------
    stake : float, default 1.0
        Value to Russia of getting its way (the unit of every payoff).
    war_cost : float, default 0.6
        Russia's cost of a war, in units of the stake; lower than the West's: it would
        "coldly choose to use force".
    audience_cost : float, default 0.5
        Cost of backing down after a public threat (a modelling assumption, see
        :data:`AUDIENCE_COST_NOTE`).
    patience : float, default 0.8
        Discount factor per round of talks.
    demand : float, default 0.7
        Share of the stake Russia demands.
    win_probability : float, default 0.6
        Probability that Russia wins a war, as its share of the stake in expectation.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.actors.Russia().with_params(patience=0.6).patience
    0.6
    """

    name: ClassVar[str] = "Russia"
    description: ClassVar[str] = "The challenger, bargaining like a hostage-taker."

    stake: float = parameter(1.0, doc="value of the stake to Russia", low=0, low_open=True, quote=Q_1997)
    war_cost: float = parameter(0.6, doc="Russia's cost of war", low=0, quote=Q_COLDLY)
    audience_cost: float = parameter(
        0.5, doc="cost to Russia of backing down after a threat", low=0, note=AUDIENCE_COST_NOTE,
    )
    patience: float = parameter(
        0.8, doc="Russia's discount factor per round of talks", low=0, high=1, low_open=True,
        high_open=True, quote=Q_TORTURE,
    )
    demand: float = parameter(
        0.7, doc="share of the stake Russia demands", low=0, high=1, quote=Q_IMPOSSIBLE,
    )
    win_probability: float = parameter(
        0.6, doc="probability Russia wins a war", low=0, high=1, quote=Q_TROOPS,
    )

    def standoff_payoffs(self) -> tuple[float, float, float]:
        """Win: the stake; war: minus its cost of war; backing down: minus its audience cost."""
        return (self.stake, -self.war_cost, -self.audience_cost)


@attrs.frozen
class NATO(Actor):
    """The West: united, restrained ("would not coldly choose to use force").

    Parameters
    ----------
    war_cost : float, default 1.0
        The West's cost of a war, in units of Russia's stake; high: restraint.
    concession_cost : float, default 0.4
        Cost to the West of conceding Russia's demand.
    cohesion : float, default 0.9
        Probability that each member stands firm.
    belief_resolve : float, default 0.3
        The West's belief that Russia is resolved: the hostage-taker's leverage.
    patience : float, default 0.9
        Discount factor per round of talks.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> nato = ns.actors.NATO()
    >>> nato.concession_cost / nato.war_cost   # the belief above which it concedes
    0.4
    """

    name: ClassVar[str] = "NATO"
    description: ClassVar[str] = "The West: united and restrained."

    war_cost: float = parameter(1.0, doc="the West's cost of war", low=0, low_open=True, quote=Q_COLDLY)
    concession_cost: float = parameter(
        0.4, doc="the West's cost of conceding", low=0, quote=Q_SPHERE,
    )
    cohesion: float = parameter(
        0.9, doc="probability each member stands firm", low=0, high=1, quote=Q_UNITY,
    )
    belief_resolve: float = parameter(
        0.3, doc="the West's belief that Russia is resolved (leverage)", low=0, high=1, quote=Q_HOSTAGE,
    )
    patience: float = parameter(
        0.9, doc="the West's discount factor per round of talks", low=0, high=1, low_open=True,
        high_open=True,
        note="the West is under less time pressure than the side massing troops; 0.9 > Russia's 0.8.",
    )

    def standoff_payoffs(self) -> tuple[float, float, float]:
        """What is at stake for the West is its cost of conceding: winning gains it,
        backing down loses it, war costs the cost of war:
        ``(concession_cost, -war_cost, -concession_cost)``."""
        return (self.concession_cost, -self.war_cost, -self.concession_cost)


@attrs.frozen
class France(Actor):
    """The mediator: "tries to maintain the position of mediator".

    Parameters
    ----------
    mediator_bias : float, default 0.45
        France's ideal point: the share of the stake to Russia it would find fair.
    influence : float, default 0.2
        Weight of France's proposal on the settlement (0: none).
    war_cost : float, default 0.8
        France's cost of a war in Europe.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.actors.France().mediator_bias
    0.45
    """

    name: ClassVar[str] = "France"
    description: ClassVar[str] = "The mediator."

    mediator_bias: float = parameter(
        0.45, doc="France's ideal share of the stake to Russia", low=0, high=1, quote=Q_MEDIATOR,
    )
    influence: float = parameter(
        0.2, doc="weight of France's proposal on the outcome", low=0, high=1, quote=Q_NO_INFLUENCE,
    )
    war_cost: float = parameter(
        0.8, doc="France's cost of a war in Europe", low=0,
        quote="\u201cAsk your citizens whether they want France to enter into a war with Russia.",
    )

    def standoff_payoffs(self) -> tuple[float, float, float]:
        """A mediator is no party to the standoff: winning and backing down are both 0 to it,
        a war costs it its cost of war (so its matrix is degenerate, by design)."""
        return (0.0, -self.war_cost, 0.0)


@attrs.frozen
class Ukraine(Actor):
    """The target on whose border 125,000 soldiers are massed.

    Parameters
    ----------
    war_cost : float, default 0.8
        Ukraine's cost of a war (it is fought on its soil).
    sovereignty_value : float, default 1.5
        Value of refusing a special status for Donbas (above the stake's unit: "firmer than ever").
    support : float, default 0.8
        Support received from the West (probability it materialises).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.actors.Ukraine().support
    0.8
    """

    name: ClassVar[str] = "Ukraine"
    description: ClassVar[str] = "The target, firmer than ever."

    war_cost: float = parameter(0.8, doc="Ukraine's cost of war", low=0, quote=Q_TROOPS)
    sovereignty_value: float = parameter(
        1.5, doc="value of refusing special status for Donbas", low=0, quote=Q_DONBAS,
    )
    support: float = parameter(
        0.8, doc="probability Western support materialises", low=0, high=1, quote=Q_SUPPORT,
    )

    def standoff_payoffs(self) -> tuple[float, float, float]:
        """Win: its sovereignty, as far as support makes it good
        (``support * sovereignty_value``); war: minus its cost of war, halved at full
        support (``-war_cost * (1 - support / 2)``); backing down: minus its sovereignty value."""
        return (
            self.support * self.sovereignty_value,
            -self.war_cost * (1 - self.support / 2),
            -self.sovereignty_value,
        )


def all_actors() -> tuple[Actor, ...]:
    """The four actors with their default parameters.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> [a.name for a in ns.actors.all_actors()]
    ['Russia', 'France', 'Ukraine', 'NATO']
    """
    return (Russia(), France(), Ukraine(), NATO())
