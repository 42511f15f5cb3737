"""Zagare & Kilgour's deterrence threshold: the Rudimentary Asymmetric Deterrence Game.

Reference: Frank C. Zagare & D. Marc Kilgour (2000), *Perfect Deterrence*,
Cambridge University Press, section 3.4 and appendix 3 (the Rudimentary
Asymmetric Deterrence Game with incomplete information: ``a_DD < a_SQ <
a_DC``; the defender is Hard, preferring conflict to conceding, with
probability ``p_B``). The challenger initiates iff the defender's
credibility is below ``(a_DC - a_SQ)/(a_DC - a_DD)``. Their full Unilateral
Deterrence Game, with Hard and Soft challengers as well, is
:class:`~negotiation_sim.models.unilateral_deterrence.UnilateralDeterrence`.
"""

from __future__ import annotations

import attrs
import numpy as np

from negotiation_sim._validate import finite, probability
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.games.normal_form import NormalFormGame

__all__ = ["PerfectDeterrence", "DeterrenceResult"]

_TOL = 1e-12

# Defender payoffs used only by .game(): status quo best, then (credible type)
# conflict before concession, (incredible type) concession before conflict.
_DEFENDER = {"sq": 0.0, "concede": -1.0, "credible_conflict": -0.5, "incredible_conflict": -2.0}


@attrs.frozen
class DeterrenceResult:
    """The challenger's choice in :class:`PerfectDeterrence`.

    Attributes
    ----------
    threshold : float
        ``(a_dc - a_sq)/(a_dc - a_dd)``: the credibility below which the challenger attacks.
    attack : bool
        Whether the challenger attacks (False at the threshold, where it is indifferent).
    indifferent : bool
        Whether the credibility equals the threshold.
    credibility : float
        The defender's credibility (probability it would resist).
    """

    threshold: float
    attack: bool
    indifferent: bool
    credibility: float

    def describe(self) -> str:
        """Say in plain words whether deterrence holds and why."""
        if self.indifferent:
            return (
                f"The defender's credibility {self.credibility:.4g} equals the challenger's threshold "
                f"{self.threshold:.4g}: the challenger is indifferent between attacking and the status quo."
            )
        verb = "attacks" if self.attack else "is deterred"
        rel = "below" if self.attack else "above"
        return (
            f"The challenger {verb}: the defender's credibility {self.credibility:.4g} is {rel} the "
            f"threshold {self.threshold:.4g} at which attacking and the status quo pay the same."
        )


@attrs.frozen
class PerfectDeterrence:
    """Zagare & Kilgour's (2000, sec. 3.4) Rudimentary Asymmetric Deterrence Game: one threshold.

    This is the one-sided case of perfect deterrence: only the defender's
    type is uncertain, and the challenger, once it attacks, is committed (it
    is Hard, in the terms of :class:`~negotiation_sim.models.UnilateralDeterrence`, whose Hard
    challenger has exactly this threshold). The challenger keeps the status quo (payoff ``a_sq``) or attacks; a
    defender who is *credible* (with probability ``credibility``) resists,
    giving conflict (``a_dd``); otherwise it concedes (``a_dc``). Attacking
    pays ``credibility a_dd + (1 - credibility) a_dc``, so the challenger
    attacks iff

    ``credibility < threshold = (a_dc - a_sq) / (a_dc - a_dd)``

    and is indifferent at equality (reported as no attack). A threshold
    outside [0, 1] means deterrence always holds (<= 0) or never does (> 1).

    Parameters
    ----------
    a_sq, a_dc, a_dd : float
        Challenger's payoffs from the status quo, the defender's concession
        and conflict; conflict must be worse than concession (``a_dc > a_dd``).
    credibility : float
        Probability the defender would resist, in [0, 1].

    References
    ----------
    F. C. Zagare & D. M. Kilgour (2000), *Perfect Deterrence*, Cambridge
    University Press, section 3.4 and appendix 3. The two-sided game (Hard
    and Soft challengers, credible and incredible defenders) is
    :class:`~negotiation_sim.models.unilateral_deterrence.UnilateralDeterrence`.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> d = ns.models.PerfectDeterrence(a_sq=0.0, a_dc=1.0, a_dd=-1.0, credibility=0.4)
    >>> r = d.solve()
    >>> round(r.threshold, 4), r.attack
    (0.5, True)
    >>> ns.models.PerfectDeterrence(0.0, 1.0, -1.0, credibility=0.6).solve().attack
    False
    """

    a_sq: float = attrs.field(validator=finite)
    a_dc: float = attrs.field(validator=finite)
    a_dd: float = attrs.field(validator=finite)
    credibility: float = attrs.field(validator=probability)

    def __attrs_post_init__(self) -> None:
        if not self.a_dc > self.a_dd:
            msg = (
                "a_dd must be below a_dc (conflict must be worse for the challenger than the "
                f"defender's concession), got a_dc={self.a_dc!r}, a_dd={self.a_dd!r}"
            )
            raise InvalidParameterError(msg)

    @property
    def threshold(self) -> float:
        """``(a_dc - a_sq)/(a_dc - a_dd)``."""
        return float((self.a_dc - self.a_sq) / (self.a_dc - self.a_dd))

    def solve(self) -> DeterrenceResult:
        """Return the threshold and whether the challenger attacks."""
        t = self.threshold
        indifferent = abs(self.credibility - t) <= _TOL * max(1.0, abs(t))
        return DeterrenceResult(
            threshold=t,
            attack=bool(self.credibility < t and not indifferent),
            indifferent=bool(indifferent),
            credibility=float(self.credibility),
        )

    def game(self) -> NormalFormGame:
        """Return the agent normal form of the deterrence game (3 players).

        Players: the Challenger (Status quo, Attack) and the defender's two
        types as separate agents, "Defender (credible)" and "Defender
        (incredible)" (Concede, Resist) (Harsanyi's agent form). The
        challenger's payoff is its expectation over the types with weights
        ``credibility`` and ``1 - credibility``; each type's payoff counts
        only its own play: status quo 0, concession -1, conflict -0.5 for the
        credible type and -2 for the incredible one. In the Nash equilibria
        where each type plays its undominated action (the credible type
        resists, the incredible one concedes: the subgame-perfect ones), the
        challenger attacks iff ``credibility < threshold``. Other Nash
        equilibria rest on the incredible type's non-credible threat to
        resist, which perfect deterrence rules out.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.models.PerfectDeterrence(0.0, 1.0, -1.0, credibility=0.4).game()
        >>> g.players
        ('Challenger', 'Defender (credible)', 'Defender (incredible)')
        """
        c = self.credibility
        pay = np.zeros((2, 2, 2, 3))
        chall = {0: self.a_dc, 1: self.a_dd}  # defender concedes (0) / resists (1)
        for r_cred in (0, 1):
            for r_inc in (0, 1):
                pay[0, r_cred, r_inc] = [self.a_sq, _DEFENDER["sq"], _DEFENDER["sq"]]
                pay[1, r_cred, r_inc, 0] = c * chall[r_cred] + (1 - c) * chall[r_inc]
                pay[1, r_cred, r_inc, 1] = (
                    _DEFENDER["credible_conflict"] if r_cred else _DEFENDER["concede"]
                )
                pay[1, r_cred, r_inc, 2] = (
                    _DEFENDER["incredible_conflict"] if r_inc else _DEFENDER["concede"]
                )
        return NormalFormGame(
            pay,
            players=("Challenger", "Defender (credible)", "Defender (incredible)"),
            actions=(("Status quo", "Attack"), ("Concede", "Resist"), ("Concede", "Resist")),
            title="Perfect deterrence (agent normal form)",
        )
