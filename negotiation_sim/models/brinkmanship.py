"""Brinkmanship: a probabilistic threat must be large enough to work and small enough to bear.

References: Thomas C. Schelling (1960), *The Strategy of Conflict*, ch. 8
("The threat that leaves something to chance"); Avinash Dixit, Susan Skeath
& David Reiley, *Games of Strategy* (4th ed., 2015), ch. 14 ("Brinkmanship:
the Cuban missile crisis"), section 5, the effectiveness and acceptability
conditions.
"""

from __future__ import annotations

import math

import attrs

from negotiation_sim._validate import finite, probability
from negotiation_sim.errors import InvalidParameterError

__all__ = ["Brinkmanship", "BrinkmanshipResult"]


@attrs.frozen
class BrinkmanshipResult:
    """The window of effective and acceptable risks in :class:`Brinkmanship`.

    Attributes
    ----------
    q_min : float
        Smallest risk of disaster that makes the soft target comply (effectiveness).
    q_max : float
        Largest risk the threatener prefers to acquiescing (acceptability), capped at 1.
    feasible : bool
        Whether some risk in [q_min, q_max] exists.
    """

    q_min: float
    q_max: float
    feasible: bool

    def describe(self) -> str:
        """Say in plain words whether brinkmanship can work."""
        if self.feasible:
            return (
                f"A risk of disaster between {self.q_min:.4g} (enough to make the soft target comply) "
                f"and {self.q_max:.4g} (the most the threatener can bear) makes brinkmanship work."
            )
        return (
            f"Brinkmanship cannot work: the target complies only at a risk of at least {self.q_min:.4g}, "
            f"but the threatener bears at most {self.q_max:.4g}."
        )


@attrs.frozen
class Brinkmanship:
    """Dixit & Skeath's brinkmanship model (after Schelling's threat that leaves something to chance).

    The threatener demands compliance and, if defied, lets the crisis run a
    risk ``q`` of mutual disaster (otherwise it acquiesces). The target is
    hard-line with probability ``p_hard`` (it defies whatever the risk) and
    soft otherwise. The soft target complies iff
    ``target_comply >= q target_disaster + (1 - q) target_win`` (effectiveness):

    ``q >= q_min = (target_win - target_comply) / (target_win - target_disaster)``.

    The threatener prefers the threat to acquiescing iff
    ``p_hard [q threat_disaster + (1 - q) threat_acquiesce] + (1 - p_hard) threat_comply >= threat_acquiesce``
    (acceptability):

    ``q <= q_max = (1 - p_hard)(threat_comply - threat_acquiesce) / (p_hard (threat_acquiesce - threat_disaster))``

    (Dixit & Skeath's ``q <= 0.375 (1 - p)/p`` for the Cuban missile crisis
    numbers), capped at 1 (and 1 when ``p_hard = 0``).

    Parameters
    ----------
    target_win, target_comply, target_disaster : float
        The soft target's payoffs from defying unpunished, complying and
        disaster; ``target_win > target_comply > target_disaster``.
    threat_comply, threat_acquiesce, threat_disaster : float
        The threatener's payoffs from compliance, acquiescing to defiance and
        disaster; ``threat_comply > threat_acquiesce > threat_disaster``.
    p_hard : float
        Probability the target is hard-line, in [0, 1].

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> b = ns.models.Brinkmanship(2, -4, -8, 1, -2, -10, p_hard=0.2)
    >>> r = b.solve()
    >>> round(r.q_min, 4), round(r.q_max, 4), r.feasible
    (0.6, 1.0, True)
    >>> ns.models.Brinkmanship(2, -4, -8, 1, -2, -10, p_hard=0.5).solve().feasible
    False
    """

    target_win: float = attrs.field(validator=finite)
    target_comply: float = attrs.field(validator=finite)
    target_disaster: float = attrs.field(validator=finite)
    threat_comply: float = attrs.field(validator=finite)
    threat_acquiesce: float = attrs.field(validator=finite)
    threat_disaster: float = attrs.field(validator=finite)
    p_hard: float = attrs.field(validator=probability)

    def __attrs_post_init__(self) -> None:
        if not self.target_win > self.target_comply > self.target_disaster:
            msg = (
                "target payoffs must satisfy target_win > target_comply > target_disaster, got "
                f"target_win={self.target_win!r}, target_comply={self.target_comply!r}, "
                f"target_disaster={self.target_disaster!r}"
            )
            raise InvalidParameterError(msg)
        if not self.threat_comply > self.threat_acquiesce > self.threat_disaster:
            msg = (
                "threatener payoffs must satisfy threat_comply > threat_acquiesce > threat_disaster, got "
                f"threat_comply={self.threat_comply!r}, threat_acquiesce={self.threat_acquiesce!r}, "
                f"threat_disaster={self.threat_disaster!r}"
            )
            raise InvalidParameterError(msg)

    def solve(self) -> BrinkmanshipResult:
        """Return ``q_min``, ``q_max`` and whether the window is non-empty."""
        q_min = (self.target_win - self.target_comply) / (self.target_win - self.target_disaster)
        gain = (1 - self.p_hard) * (self.threat_comply - self.threat_acquiesce)
        loss = self.p_hard * (self.threat_acquiesce - self.threat_disaster)
        # gain >= loss covers p_hard == 0 and a loss that underflows to 0 for tiny p_hard.
        q_max = 1.0 if gain >= loss else gain / loss
        feasible = q_min <= q_max or math.isclose(q_min, q_max, rel_tol=1e-12)
        return BrinkmanshipResult(q_min=float(q_min), q_max=float(q_max), feasible=bool(feasible))
