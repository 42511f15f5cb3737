"""Costly signals of resolve: tying hands versus sinking costs (after Fearon 1997).

Reference: James D. Fearon (1997), "Signaling Foreign Policy Interests: Tying
Hands versus Sinking Costs", *Journal of Conflict Resolution* 41(1): 68-90.
Fearon's game: a state with private interests chooses a costly signal, either
*sinking costs* (an action such as mobilising troops, paid ex ante whatever
happens) or *tying hands* (creating an audience cost suffered ex post only if
it backs down); the other state updates and decides whether to challenge;
a challenged state fights or backs down. His two results: in equilibrium
leaders never bluff with either signal (they do not pay a cost and then back
down), and tying hands gives the signaller a higher expected payoff but a
greater ex ante risk of war than sinking costs. The distributions and
payoffs below are a tractable version of that game (ours, stated exactly in
:class:`CostlySignal`); it reproduces both results, which the tests check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from negotiation_sim._validate import positive, unit_open
from negotiation_sim.errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CostlySignal", "CostlySignalResult", "SignalOutcome"]

INSTRUMENTS = ("none", "sunk", "tie")


@attrs.frozen
class SignalOutcome:
    """One instrument's equilibrium in :class:`CostlySignal`.

    Attributes
    ----------
    instrument : str
        ``"none"`` (talk only), ``"sunk"`` (sinking costs) or ``"tie"`` (tying hands).
    cutoff : float
        The lowest resolve that sends the signal (1.0 for ``"none"``: nobody does).
    signal : float
        The size of the signal: the sunk cost ``m*`` or the audience cost ``a*`` (0 for ``"none"``).
    p_signal, p_challenge, p_war, p_back_down : float
        Probabilities that the defender signals, that it is challenged, that war follows, and that a
        challenged defender backs down.
    p_challenge_after_signal : float
        Probability that a defender who signalled is challenged (``1 - k`` when the signal reveals that it fights).
    defender_payoff, challenger_payoff : float
        Ex ante expected payoffs.
    expected_cost : float
        The defender's expected cost actually paid for signalling (sunk costs are always paid; tied hands
        only on backing down, which a signaller never does).
    """

    instrument: str
    cutoff: float
    signal: float
    p_signal: float
    p_challenge: float
    p_war: float
    p_back_down: float
    p_challenge_after_signal: float
    defender_payoff: float
    challenger_payoff: float
    expected_cost: float


@attrs.frozen
class CostlySignalResult:
    """The three instruments of :class:`CostlySignal` side by side.

    Attributes
    ----------
    none, sunk, tie : SignalOutcome
        Cheap talk only (no credible signal), sinking costs, tying hands.
    resolve_threshold : float
        ``c / p``: the lowest resolve that fights a challenge without tied hands.
    """

    none: SignalOutcome
    sunk: SignalOutcome
    tie: SignalOutcome
    resolve_threshold: float

    def table(self) -> pd.DataFrame:
        """One row per instrument, one column per outcome."""
        import pandas as pd

        rows = [attrs.asdict(getattr(self, k)) for k in INSTRUMENTS]
        return pd.DataFrame(rows).set_index("instrument")

    def describe(self) -> str:
        """Say in plain words what each instrument does."""
        s, t, n = self.sunk, self.tie, self.none
        return (
            f"Talk alone signals nothing: the defender is challenged with probability {n.p_challenge:.4g} and war "
            f"follows with probability {n.p_war:.4g}. Sinking a cost of {s.signal:.4g} separates the resolved "
            f"(resolve at least {s.cutoff:.4g}) from the rest: war {s.p_war:.4g}, expected cost "
            f"{s.expected_cost:.4g}. Tying hands with an audience cost of {t.signal:.4g} commits every type from "
            f"{t.cutoff:.4g} up, never paid in equilibrium: war {t.p_war:.4g}, the defender's payoff "
            f"{t.defender_payoff:.4g} against {s.defender_payoff:.4g} with sunk costs. Nobody bluffs: every "
            "defender who signals fights if challenged."
        )


@attrs.frozen(kw_only=True)
class CostlySignal:
    """A defender of private resolve signals by sinking costs or tying hands (after Fearon 1997).

    The game (our tractable version of Fearon's; the sequence and the two
    instruments are his):

    1. The defender's resolve ``v ~ U[0, 1]`` (its value of the interest) is
       its private information. It chooses a signal: a *sunk cost* ``m >= 0``
       paid at once, or (in the other game) an *audience cost* ``a >= 0``
       paid only if it later backs down. Talk alone is the signal ``0``.
    2. The challenger, whose value ``x ~ U[0, 1]`` of the interest is its
       private information, sees the signal and challenges or not.
    3. A challenged defender fights (war) or backs down.

    Payoffs (defender, challenger): no challenge ``(v, 0)``; the defender
    backs down ``(0, x)``; war ``(p v - c, x - k)``; the sunk cost is
    subtracted from every defender payoff, the audience cost only from
    backing down. So without tied hands the defender fights iff
    ``v >= v_r = c/p`` (resolved), with hands tied at ``a`` iff
    ``p v - c >= -a``; and a challenger who believes the defender fights
    with probability ``pi`` challenges iff ``x > pi k``, i.e. with
    probability ``1 - pi k``.

    Equilibria (off the path, an unexpected signal is read as coming from a
    defender who backs down):

    - *none* (cheap talk): every type wants to be thought resolved, so talk
      is babbling; ``pi = 1 - v_r``.
    - *sunk*: the least-cost separating equilibrium. Resolved types sink
      ``m* = k v_r``, the smallest cost an irresolute type would not mimic
      (mimicking buys it ``k v`` of deterrence); they are challenged with
      probability ``1 - k`` and fight. ``p_war = (1 - v_r)(1 - k)``.
    - *tie*: types ``v >= v_t = (1 - k) c / (k + (1 - k) p)`` tie hands at
      ``a* = c - p v_t``, exactly enough to make each of them fight; the
      cutoff type is indifferent between that and not signalling (then it is
      challenged for sure and backs down). Since ``v_t < v_r``, tying hands
      commits types who would otherwise back down: ``p_war = (1 - v_t)(1 - k)``
      exceeds the sunk-cost risk, while the defender pays nothing on the
      equilibrium path and does better on average (Fearon's second result).

    Parameters
    ----------
    win_prob : float
        ``p``: the defender's probability of winning a war, in (0, 1].
    war_cost : float
        ``c``: the defender's cost of war (> 0, below ``win_prob`` so that some types are resolved).
    challenger_war_cost : float
        ``k``: the challenger's cost of war, in (0, 1).

    Raises
    ------
    InvalidParameterError
        If a parameter is out of range, or ``war_cost >= win_prob`` (no type would ever fight).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> r = ns.models.CostlySignal(win_prob=0.8, war_cost=0.4, challenger_war_cost=0.6).solve()
    >>> round(r.sunk.cutoff, 4), round(r.sunk.signal, 4), round(r.sunk.p_war, 4)
    (0.5, 0.3, 0.2)
    >>> round(r.tie.cutoff, 4), round(r.tie.signal, 4), round(r.tie.p_war, 4)
    (0.1739, 0.2609, 0.3304)
    >>> r.tie.defender_payoff > r.sunk.defender_payoff and r.tie.p_war > r.sunk.p_war
    True
    """

    win_prob: float = attrs.field(validator=positive)
    war_cost: float = attrs.field(validator=positive)
    challenger_war_cost: float = attrs.field(validator=unit_open)

    def __attrs_post_init__(self) -> None:
        if self.win_prob > 1.0:
            msg = f"win_prob must be a probability in (0, 1], got {self.win_prob!r}"
            raise InvalidParameterError(msg)
        if not self.war_cost < self.win_prob:
            msg = (f"war_cost ({self.war_cost!r}) must be below win_prob ({self.win_prob!r}); otherwise no "
                   "type of defender would ever fight (p v - c < 0 for every resolve v in [0, 1])")
            raise InvalidParameterError(msg)

    @property
    def resolve_threshold(self) -> float:
        """``v_r = c / p``: the lowest resolve that fights without tied hands."""
        return float(self.war_cost / self.win_prob)

    @property
    def tie_cutoff(self) -> float:
        """``v_t = (1 - k) c / (k + (1 - k) p)``: the lowest resolve that ties its hands."""
        k, p, c = self.challenger_war_cost, self.win_prob, self.war_cost
        return float((1 - k) * c / (k + (1 - k) * p))

    def _war_integral(self, low: float) -> float:
        """``int_low^1 (p v - c) dv``."""
        return self.win_prob * (1 - low**2) / 2 - self.war_cost * (1 - low)

    def _none(self) -> SignalOutcome:
        k, vr = self.challenger_war_cost, self.resolve_threshold
        pi = 1 - vr
        q = 1 - k * pi
        return SignalOutcome(
            instrument="none", cutoff=1.0, signal=0.0, p_signal=0.0, p_challenge=q, p_war=pi * q,
            p_back_down=vr, p_challenge_after_signal=q,
            defender_payoff=(1 - q) / 2 + q * self._war_integral(vr),
            challenger_payoff=(1 - k * pi) ** 2 / 2, expected_cost=0.0,
        )

    def _separating(self, instrument: str, cutoff: float, signal: float) -> SignalOutcome:
        """Types from ``cutoff`` up signal and fight (challenged with prob. 1 - k); the rest are challenged and yield."""
        k = self.challenger_war_cost
        mass = 1 - cutoff
        # signallers: not challenged (prob. k) -> v; challenged -> war p v - c
        signallers = k * (1 - cutoff**2) / 2 + (1 - k) * self._war_integral(cutoff)
        cost = mass * signal if instrument == "sunk" else 0.0
        return SignalOutcome(
            instrument=instrument, cutoff=float(cutoff), signal=float(signal), p_signal=mass,
            p_challenge=cutoff + mass * (1 - k), p_war=mass * (1 - k), p_back_down=cutoff / (cutoff + mass * (1 - k)),
            p_challenge_after_signal=1 - k, defender_payoff=signallers - cost,
            # the challenger facing a sure fighter challenges iff x > k: E max(0, x - k) = (1 - k)^2 / 2
            challenger_payoff=cutoff * 0.5 + mass * (1 - k) ** 2 / 2, expected_cost=cost,
        )

    def solve(self) -> CostlySignalResult:
        """The equilibria of the three instruments (see the class docstring)."""
        vr, vt = self.resolve_threshold, self.tie_cutoff
        return CostlySignalResult(
            none=self._none(),
            sunk=self._separating("sunk", vr, self.challenger_war_cost * vr),
            tie=self._separating("tie", vt, self.war_cost - self.win_prob * vt),
            resolve_threshold=vr,
        )
