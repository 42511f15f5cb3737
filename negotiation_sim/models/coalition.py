"""Coalition unity: allies who each stand firm or accommodate, and the deterrence it buys.

The coalition's probability of resisting is the credibility that enters
Zagare & Kilgour's (2000) perfect-deterrence threshold
(:class:`~negotiation_sim.models.deterrence.PerfectDeterrence`). The
allies' own choice is an N-player coordination (threshold public-good)
game: standing firm pays only if enough others do (Schelling 1960, ch. 4;
Palfrey & Rosenthal (1984), "Participation and the provision of discrete
public goods", *Journal of Public Economics* 24: 171-193).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from negotiation_sim._validate import check_real, finite, nonnegative, positive
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.models.deterrence import PerfectDeterrence

__all__ = ["CoalitionUnity", "CoalitionResult"]


def _to_probs(value: Any) -> tuple[float, ...]:
    if isinstance(value, (int, float, np.floating, np.integer)) and not isinstance(value, bool):
        return (float(value),)
    return tuple(float(check_real(f"p_firm[{k}]", v)) for k, v in enumerate(value))


def _check_probs(instance: Any, attribute: Any, value: tuple[float, ...]) -> None:
    if len(value) == 0:
        msg = "p_firm must hold at least one ally's probability of standing firm"
        raise InvalidParameterError(msg)
    for k, v in enumerate(value):
        if not 0.0 <= check_real(f"p_firm[{k}]", v) <= 1.0:
            msg = f"p_firm[{k}] must be a probability in [0, 1], got {v!r}"
            raise InvalidParameterError(msg)


def prob_at_least(probs: Sequence[float], k: int) -> float:
    """Probability that at least ``k`` of independent events with probabilities ``probs`` occur.

    The Poisson-binomial distribution by dynamic programming over the allies.
    """
    dist = np.zeros(len(probs) + 1)
    dist[0] = 1.0
    for p in probs:
        dist[1:] = dist[1:] * (1 - p) + dist[:-1] * p
        dist[0] *= 1 - p
    return float(np.clip(dist[k:].sum(), 0.0, 1.0))


@attrs.frozen
class CoalitionResult:
    """The coalition's resistance and the challenger's response in :class:`CoalitionUnity`.

    Attributes
    ----------
    p_resist : float
        Probability that enough allies stand firm for the coalition to resist.
    threshold : float
        The challenger's perfect-deterrence threshold.
    attack : bool
        Whether the challenger attacks (``p_resist < threshold``).
    quota : int
        Number of allies that must stand firm.
    """

    p_resist: float
    threshold: float
    attack: bool
    quota: int

    def describe(self) -> str:
        """Say in plain words whether the coalition deters."""
        verdict = "the challenger attacks, hoping it fractures" if self.attack else "deterrence holds"
        return (
            f"The coalition resists (at least {self.quota} allies stand firm) with probability "
            f"{self.p_resist:.4g}; against the challenger's threshold {self.threshold:.4g}, {verdict}."
        )


@attrs.frozen
class CoalitionUnity:
    """N allies standing firm or accommodating, and whether their unity deters (perfect deterrence).

    Each ally ``i`` stands firm independently with probability ``p_firm[i]``
    (a scalar with ``n_allies`` for identical allies). Under the decision
    rule ``"unanimity"`` the coalition resists iff all stand firm; under
    ``"quota"`` iff at least ``quota`` do. That probability (Poisson
    binomial) is the defender's credibility in
    :class:`PerfectDeterrence`: the challenger attacks iff
    ``p_resist < (a_dc - a_sq)/(a_dc - a_dd)``.

    :meth:`game` builds the allies' own choice: each gets ``benefit`` if the
    coalition holds (at least ``quota`` firm), a firm ally pays
    ``firm_cost`` (< benefit) and, if the coalition fractures, ``exposure``
    more. Its pure equilibria: *unity* (exactly ``quota`` firm, every firm
    ally pivotal; all firm under unanimity) and *fracture* (nobody firm,
    when ``quota >= 2``): Russia's hoped-for outcome.

    Parameters
    ----------
    p_firm : float or sequence of float
        Each ally's probability of standing firm.
    n_allies : int, optional
        Number of allies when ``p_firm`` is a scalar.
    rule : {"unanimity", "quota"}
    quota : int, optional
        Allies needed under ``"quota"`` (1 <= quota <= N).
    a_sq, a_dc, a_dd : float
        The challenger's payoffs (status quo, concession, conflict).
    benefit, firm_cost, exposure : float
        Allies' payoffs in :meth:`game`.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> c = ns.models.CoalitionUnity(0.9, n_allies=3)
    >>> r = c.solve()
    >>> round(r.p_resist, 4), r.attack
    (0.729, False)
    >>> ns.models.CoalitionUnity(0.7, n_allies=3).solve().attack
    True
    >>> round(ns.models.CoalitionUnity(0.7, n_allies=3, rule="quota", quota=2).solve().p_resist, 4)
    0.784
    """

    p_firm: tuple[float, ...] = attrs.field(converter=_to_probs, validator=_check_probs)
    n_allies: int | None = attrs.field(default=None)
    rule: str = attrs.field(default="unanimity")
    quota: int | None = attrs.field(default=None)
    a_sq: float = attrs.field(default=0.0, validator=finite, kw_only=True)
    a_dc: float = attrs.field(default=1.0, validator=finite, kw_only=True)
    a_dd: float = attrs.field(default=-1.0, validator=finite, kw_only=True)
    benefit: float = attrs.field(default=1.0, validator=positive, kw_only=True)
    firm_cost: float = attrs.field(default=0.25, validator=nonnegative, kw_only=True)
    exposure: float = attrs.field(default=0.5, validator=positive, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.n_allies is not None:
            if isinstance(self.n_allies, bool) or not isinstance(self.n_allies, (int, np.integer)) \
                    or self.n_allies < 1:
                msg = f"n_allies must be an integer >= 1, got {self.n_allies!r}"
                raise InvalidParameterError(msg)
            if len(self.p_firm) == 1:
                object.__setattr__(self, "p_firm", self.p_firm * int(self.n_allies))
            elif len(self.p_firm) != self.n_allies:
                msg = f"n_allies is {self.n_allies!r} but p_firm has {len(self.p_firm)} probabilities"
                raise InvalidParameterError(msg)
        if self.rule not in ("unanimity", "quota"):
            msg = f"rule must be 'unanimity' or 'quota', got {self.rule!r}"
            raise InvalidParameterError(msg)
        n = len(self.p_firm)
        if self.rule == "quota":
            q = self.quota
            if isinstance(q, bool) or not isinstance(q, (int, np.integer)) or not 1 <= q <= n:
                msg = f"quota must be an integer between 1 and the number of allies ({n}), got {q!r}"
                raise InvalidParameterError(msg)
        if not self.firm_cost < self.benefit:
            msg = f"firm_cost must be below benefit ({self.benefit!r}), got {self.firm_cost!r}"
            raise InvalidParameterError(msg)
        self.deterrence()  # validates a_sq, a_dc, a_dd

    @property
    def k(self) -> int:
        """Number of allies that must stand firm."""
        if self.rule == "unanimity":
            return len(self.p_firm)
        assert self.quota is not None  # __attrs_post_init__ checked the quota rule's quota
        return int(self.quota)

    def p_resist(self) -> float:
        """Probability that at least :attr:`k` allies stand firm."""
        return prob_at_least(self.p_firm, self.k)

    def deterrence(self) -> PerfectDeterrence:
        """The :class:`PerfectDeterrence` model with the coalition's credibility."""
        return PerfectDeterrence(self.a_sq, self.a_dc, self.a_dd, credibility=self.p_resist())

    def solve(self) -> CoalitionResult:
        """Return the coalition's probability of resisting and the challenger's choice."""
        det = self.deterrence().solve()
        return CoalitionResult(p_resist=det.credibility, threshold=det.threshold,
                               attack=det.attack, quota=self.k)

    def game(self) -> NormalFormGame:
        """Return the N-player stand-firm/accommodate coordination game.

        Actions per ally: ("Accommodate", "Stand firm"). Payoff of ally ``i``:
        ``benefit`` if at least ``k`` allies stand firm, minus ``firm_cost`` if
        ``i`` stands firm, minus ``exposure`` if ``i`` stands firm and the
        coalition fractures.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.models.CoalitionUnity(0.9, n_allies=3).game()
        >>> [e.describe().split(".")[0] for e in ns.pure_equilibria(g)]  # doctest: +NORMALIZE_WHITESPACE
        ['Ally 1 plays Accommodate; Ally 2 plays Accommodate; Ally 3 plays Accommodate',
         'Ally 1 plays Stand firm; Ally 2 plays Stand firm; Ally 3 plays Stand firm']
        """
        n = len(self.p_firm)
        payoffs = np.zeros((2,) * n + (n,))
        for profile in itertools.product((0, 1), repeat=n):
            holds = sum(profile) >= self.k
            for i, firm in enumerate(profile):
                payoffs[profile + (i,)] = (
                    self.benefit * holds - firm * (self.firm_cost + self.exposure * (not holds))
                )
        return NormalFormGame(
            payoffs,
            players=tuple(f"Ally {i + 1}" for i in range(n)),
            actions=(("Accommodate", "Stand firm"),) * n,
            title="Coalition unity",
        )
