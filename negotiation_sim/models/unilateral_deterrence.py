"""Zagare & Kilgour's Unilateral Deterrence Game with two-sided incomplete information.

Reference: Frank C. Zagare & D. Marc Kilgour (2000), *Perfect Deterrence*,
Cambridge University Press, Part II ("Direct deterrence"). The simpler
Rudimentary Asymmetric Deterrence Game (their section 3.4 and appendix 3) is
:class:`~negotiation_sim.models.deterrence.PerfectDeterrence`.
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim._validate import check_real, finite
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.games.extensive_form import GameTree

__all__ = ["UnilateralDeterrence", "UnilateralDeterrenceResult", "DeterrenceEquilibrium"]

TYPES_CH = ("Hard", "Soft")
TYPES_DEF = ("Credible", "Incredible")


def _open_probability(instance: Any, attribute: Any, value: Any) -> None:
    if not 0.0 < check_real(attribute.name, value) < 1.0:
        msg = f"{attribute.name} must be a probability strictly between 0 and 1 (both types possible), got {value!r}"
        raise InvalidParameterError(msg)


@attrs.frozen
class DeterrenceEquilibrium:
    """One perfect Bayesian equilibrium (class) of :class:`UnilateralDeterrence`.

    Attributes
    ----------
    kind : str
        ``"status quo"``, ``"separating"``, ``"attack"`` or ``"bluff"``.
    challenge_hard, challenge_soft : float
        Probability that a Hard / Soft Challenger challenges.
    resist_incredible : float
        Probability that an incredible Defender resists a challenge (for the
        status quo, the off-path plan ``1``: the belief after the unexpected
        challenge is at most ``beta``, which makes every challenge unprofitable).
    belief_hard : float
        The Defender's belief that a challenger is Hard (Bayes' rule on path;
        for the status quo, the off-path belief ``0``).
    p_sq, p_dc, p_cd, p_dd : float
        Probabilities of the outcomes Status Quo, Defender Concedes,
        Challenger Defeated (backs down) and Conflict.
    """

    kind: str
    challenge_hard: float
    challenge_soft: float
    resist_incredible: float
    belief_hard: float
    p_sq: float
    p_dc: float
    p_cd: float
    p_dd: float


@attrs.frozen
class UnilateralDeterrenceResult:
    """Thresholds and perfect Bayesian equilibria of :class:`UnilateralDeterrence`.

    Attributes
    ----------
    alpha_hard, alpha_soft : float
        The resistance probabilities below which a Hard / Soft Challenger gains by challenging.
    beta : float
        The belief that a challenger is Hard below which an incredible Defender resists.
    equilibria : tuple of DeterrenceEquilibrium
        The equilibrium classes that exist at these parameters (the status quo always does).
    """

    alpha_hard: float
    alpha_soft: float
    beta: float
    equilibria: tuple[DeterrenceEquilibrium, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of the equilibria, in order."""
        return tuple(e.kind for e in self.equilibria)

    def describe(self) -> str:
        """Say in plain words which equilibria exist and why."""
        others = [e for e in self.equilibria if e.kind != "status quo"]
        if not others:
            return (f"Deterrence is certain: the Defender's credibility is above {self.alpha_hard:.4g}, so even a "
                    "Hard Challenger prefers the status quo.")
        e = others[0]
        return (f"Besides the status quo (held by the belief that an unexpected challenger is Soft), the "
                f"{e.kind} equilibrium: a Hard Challenger challenges with probability {e.challenge_hard:.4g}, a "
                f"Soft one with probability {e.challenge_soft:.4g}; conflict occurs with probability {e.p_dd:.4g}.")


@attrs.frozen(kw_only=True)
class UnilateralDeterrence:
    """Zagare & Kilgour's (2000) Unilateral Deterrence Game with Hard/Soft challengers and (in)credible defenders.

    The game. Nature draws the Challenger's type, Hard with probability
    ``p_hard`` (else Soft), and the Defender's, Credible with probability
    ``credibility`` (else Incredible); each player knows only its own type.
    The Challenger keeps the Status Quo (SQ) or challenges; the Defender
    concedes (outcome DC) or resists; a resisted Challenger backs down
    (outcome CD, "Challenger defeated") or fights (Conflict, DD). Payoffs:
    Challenger ``c_sq, c_dc, c_cd`` and ``c_dd_hard`` / ``c_dd_soft`` for
    conflict by type; Defender ``d_sq, d_dc, d_cd`` and ``d_dd_credible`` /
    ``d_dd_incredible``. The types differ exactly where the book's do: a Hard
    Challenger prefers conflict to backing down, a Soft one the reverse; a
    Credible Defender prefers conflict to conceding, an Incredible one the
    reverse. Required order (checked):
    ``c_dc > c_sq > c_dd_hard > c_cd > c_dd_soft`` and
    ``d_sq > d_cd > d_dd_credible > d_dc > d_dd_incredible``.

    Equilibrium conditions (perfect Bayesian; derived here on this tree and
    checked in the tests by the generic solver on :meth:`tree`; we could not
    retrieve the book's own statement of them to compare). Let

    - ``alpha_hard = (c_dc - c_sq) / (c_dc - c_dd_hard)`` and
      ``alpha_soft = (c_dc - c_sq) / (c_dc - c_cd)`` (< alpha_hard): a type
      challenges iff the probability of resistance is below its alpha;
    - ``beta = (d_cd - d_dc) / (d_cd - d_dd_incredible)``: an Incredible
      Defender resists iff its belief that the challenger is Hard is below beta.

    A resisted Hard Challenger fights and a Soft one backs down; a Credible
    Defender always resists. Then, off knife-edges:

    - *status quo*: nobody challenges; it exists at every parameter, held by
      the off-path belief that a challenger is Soft (then even an Incredible
      Defender resists); with the opposite belief it needs
      ``credibility > alpha_hard``;
    - *separating*: Hard challenges, Soft does not, the Incredible Defender
      concedes; iff ``alpha_soft < credibility < alpha_hard``;
    - *attack*: both types challenge, the Incredible Defender concedes; iff
      ``credibility < alpha_soft`` and ``p_hard > beta``;
    - *bluff*: Hard challenges, Soft challenges with probability
      ``p_hard (1 - beta) / ((1 - p_hard) beta)`` (which makes the Defender's
      belief exactly beta), the Incredible Defender resists with probability
      ``(alpha_soft - credibility) / (1 - credibility)`` (which makes the Soft
      type indifferent); iff ``credibility < alpha_soft`` and ``p_hard < beta``.

    With a challenger known to be Hard this reduces to the Rudimentary
    Asymmetric Deterrence Game of :class:`~negotiation_sim.models.PerfectDeterrence`: the Challenger
    challenges iff ``credibility < alpha_hard``, its threshold.

    Parameters
    ----------
    p_hard, credibility : float
        Probabilities of a Hard Challenger and a Credible Defender, in (0, 1).
    c_sq, c_dc, c_cd, c_dd_hard, c_dd_soft : float
        The Challenger's payoffs (defaults 0, 1, -1, -0.5, -2).
    d_sq, d_dc, d_cd, d_dd_credible, d_dd_incredible : float
        The Defender's payoffs (defaults 0, -1, -0.2, -0.6, -2).

    Raises
    ------
    InvalidParameterError
        If a probability is not in (0, 1) or the payoffs break the order above.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> r = ns.models.UnilateralDeterrence(p_hard=0.3, credibility=0.6).solve()
    >>> round(r.alpha_soft, 4), round(r.alpha_hard, 4), r.kinds
    (0.5, 0.6667, ('status quo', 'separating'))
    >>> ns.models.UnilateralDeterrence(p_hard=0.3, credibility=0.8).solve().kinds
    ('status quo',)
    >>> ns.models.UnilateralDeterrence(p_hard=0.3, credibility=0.2).solve().kinds
    ('status quo', 'bluff')
    """

    p_hard: float = attrs.field(validator=_open_probability)
    credibility: float = attrs.field(validator=_open_probability)
    c_sq: float = attrs.field(default=0.0, validator=finite)
    c_dc: float = attrs.field(default=1.0, validator=finite)
    c_cd: float = attrs.field(default=-1.0, validator=finite)
    c_dd_hard: float = attrs.field(default=-0.5, validator=finite)
    c_dd_soft: float = attrs.field(default=-2.0, validator=finite)
    d_sq: float = attrs.field(default=0.0, validator=finite)
    d_dc: float = attrs.field(default=-1.0, validator=finite)
    d_cd: float = attrs.field(default=-0.2, validator=finite)
    d_dd_credible: float = attrs.field(default=-0.6, validator=finite)
    d_dd_incredible: float = attrs.field(default=-2.0, validator=finite)

    def __attrs_post_init__(self) -> None:
        for who, names in (("Challenger", ("c_dc", "c_sq", "c_dd_hard", "c_cd", "c_dd_soft")),
                           ("Defender", ("d_sq", "d_cd", "d_dd_credible", "d_dc", "d_dd_incredible"))):
            values = [getattr(self, n) for n in names]
            if not all(a > b for a, b in zip(values, values[1:], strict=False)):
                order = " > ".join(names)
                got = ", ".join(f"{n}={v!r}" for n, v in zip(names, values, strict=True))
                msg = f"the {who}'s payoffs must satisfy {order}; got {got}"
                raise InvalidParameterError(msg)

    @property
    def alpha_hard(self) -> float:
        """``(c_dc - c_sq) / (c_dc - c_dd_hard)``."""
        return float((self.c_dc - self.c_sq) / (self.c_dc - self.c_dd_hard))

    @property
    def alpha_soft(self) -> float:
        """``(c_dc - c_sq) / (c_dc - c_cd)``."""
        return float((self.c_dc - self.c_sq) / (self.c_dc - self.c_cd))

    @property
    def beta(self) -> float:
        """``(d_cd - d_dc) / (d_cd - d_dd_incredible)``."""
        return float((self.d_cd - self.d_dc) / (self.d_cd - self.d_dd_incredible))

    def _equilibrium(self, kind: str, xh: float, xs: float, y: float, mu: float) -> DeterrenceEquilibrium:
        ph, pc = self.p_hard, self.credibility
        r = pc + (1 - pc) * y  # probability of resistance
        hard, soft = ph * xh, (1 - ph) * xs
        return DeterrenceEquilibrium(
            kind=kind, challenge_hard=xh, challenge_soft=xs, resist_incredible=y, belief_hard=mu,
            p_sq=1 - hard - soft, p_dc=(hard + soft) * (1 - r), p_cd=soft * r, p_dd=hard * r,
        )

    def solve(self) -> UnilateralDeterrenceResult:
        """Return the thresholds and the equilibrium classes that exist."""
        ah, as_, b, pc, ph = self.alpha_hard, self.alpha_soft, self.beta, self.credibility, self.p_hard
        eqs = [self._equilibrium("status quo", 0.0, 0.0, 1.0, 0.0)]
        if as_ < pc < ah:
            eqs.append(self._equilibrium("separating", 1.0, 0.0, 0.0, 1.0))
        if pc < as_ and ph > b:
            eqs.append(self._equilibrium("attack", 1.0, 1.0, 0.0, ph))
        if pc < as_ and ph < b:
            xs = ph * (1 - b) / ((1 - ph) * b)
            eqs.append(self._equilibrium("bluff", 1.0, xs, (as_ - pc) / (1 - pc), b))
        return UnilateralDeterrenceResult(alpha_hard=ah, alpha_soft=as_, beta=b, equilibria=tuple(eqs))

    def tree(self) -> GameTree:
        """The game tree: Nature draws both types; information sets hide the other's type.

        Players ("Challenger", "Defender"). Information sets: the Challenger's
        first and last moves are labelled by its type ("Hard", "Hard
        resisted", ...), the Defender's by its type ("Credible",
        "Incredible"). Terminal names are the outcomes SQ, DC, CD, DD.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> t = ns.models.UnilateralDeterrence(p_hard=0.3, credibility=0.6).tree()
        >>> t.players, t.is_perfect_information()
        (('Challenger', 'Defender'), False)
        """
        tree = GameTree(players=("Challenger", "Defender"), title="Unilateral Deterrence Game (Zagare & Kilgour)")
        probs = {f"{tc} Challenger, {td} Defender": pt * pd
                 for tc, pt in zip(TYPES_CH, (self.p_hard, 1 - self.p_hard), strict=True)
                 for td, pd in zip(TYPES_DEF, (self.credibility, 1 - self.credibility), strict=True)}
        for node, label in zip(tree.root.chance(probs), probs, strict=True):
            tc, td = label.split(" Challenger, ")[0], label.split(", ")[1].split()[0]
            c_dd = self.c_dd_hard if tc == "Hard" else self.c_dd_soft
            d_dd = self.d_dd_credible if td == "Credible" else self.d_dd_incredible
            sq, challenge = node.move("Challenger", ["Status quo", "Challenge"], infoset=tc)
            sq.payoffs(self.c_sq, self.d_sq)
            concede, resist = challenge.move("Defender", ["Concede", "Resist"], infoset=td)
            concede.payoffs(self.c_dc, self.d_dc)
            back, fight = resist.move("Challenger", ["Back down", "Fight"], infoset=f"{tc} resisted")
            back.payoffs(self.c_cd, self.d_cd)
            fight.payoffs(c_dd, d_dd)
        return tree
