"""The hostage-taker crisis: a challenger whose resolve is private threatens a target.

References: James D. Fearon (1994), "Domestic Political Audiences and the
Escalation of International Disputes", *American Political Science Review*
88(3): 577-592 (audience costs of backing down); Kenneth A. Schultz (2001),
*Democracy and Coercive Diplomacy*, ch. 3 (the crisis-bargaining game with
one-sided incomplete information and its semi-separating equilibrium);
Fudenberg & Tirole (1991), *Game Theory*, ch. 8 (perfect Bayesian
equilibrium). The exact game is the one of MODELS.md, "The hostage-taker
crisis, exactly".
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._validate import finite, nonnegative, positive, probability
from negotiation_sim.errors import InvalidParameterError, InvalidParameterTypeError

__all__ = ["CrisisSignaling", "CrisisResult"]

_TOL = 1e-12


@attrs.frozen
class CrisisResult:
    """The perfect Bayesian equilibrium of :class:`CrisisSignaling`.

    Attributes
    ----------
    threshold : float
        ``concession_cost / war_cost_target``: the target resists exactly when
        its belief that the challenger is resolved is at most this.
    bluff_prob : float
        Probability that the unresolved challenger threatens.
    resist_prob : float
        Probability that the target resists a threat.
    p_threat, p_war, p_concede, p_bluff_called : float
        Probabilities of a threat, of war, of the target's concession and of
        an unresolved challenger's threat being resisted (it then backs down).
    kind : str
        ``"pooling"`` or ``"semi-separating"``.
    payoff_resolved, payoff_unresolved, payoff_target : float
        Expected payoffs of each challenger type and of the target.
    """

    threshold: float
    bluff_prob: float
    resist_prob: float
    p_threat: float
    p_war: float
    p_concede: float
    p_bluff_called: float
    kind: str
    payoff_resolved: float
    payoff_unresolved: float
    payoff_target: float

    def describe(self) -> str:
        """Say in plain words what happens in the crisis and why."""
        if self.kind == "pooling":
            return (
                "Both types of challenger threaten and the target concedes: its belief that the "
                f"challenger is resolved exceeds its threshold {self.threshold:.4g}, so resisting "
                "would cost more in expected war than conceding. No war."
            )
        return (
            f"The resolved challenger threatens; the unresolved one bluffs with probability "
            f"{self.bluff_prob:.4g}, just enough to leave the target indifferent at its threshold "
            f"{self.threshold:.4g}; the target resists with probability {self.resist_prob:.4g}, just "
            f"enough to leave the bluffer indifferent. War occurs with probability {self.p_war:.4g}, "
            f"concession with {self.p_concede:.4g}, and a bluff is called with {self.p_bluff_called:.4g}."
        )


def _default_unresolved(instance: Any) -> float:
    return -(instance.audience_cost + instance.stake)


# war_payoff_unresolved as given; None asks for _default_unresolved, which __attrs_post_init__
# sets, so the field is a float once the model is made. The converter changes nothing: it types
# the constructor's argument (float | None) for the attrs mypy plugin. The validator is
# attrs.validators.optional(finite) written out, because that one would type the field float | None.
def _given_unresolved(value: float | None) -> float | None:
    return value


def _finite_or_none(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        finite(instance, attribute, value)


@attrs.frozen(kw_only=True)
class CrisisSignaling:
    """The hostage-taker crisis of MODELS.md in closed form.

    Nature makes the challenger resolved with probability ``prior``. The
    challenger keeps the status quo (both get 0, and the game ends: the
    target has no move) or threatens. The target concedes (challenger
    ``stake``, target ``-concession_cost``) or resists. A resisted challenger
    fights (challenger ``war_payoff_resolved`` or ``war_payoff_unresolved`` by
    type, target ``-war_cost_target``) or backs down (challenger
    ``-audience_cost``, target 0). The last stage is reduced by sequential
    rationality: the resolved type fights
    (``war_payoff_resolved > -audience_cost``) and the unresolved one backs
    down (``war_payoff_unresolved < -audience_cost``). MODELS.md's resolved
    type also prefers war to the status quo, ``war_payoff_resolved > 0``, as
    the default 0.2 does. With ``-audience_cost < war_payoff_resolved <= 0``
    the closed form below is still an equilibrium but not the only one: both
    types may then keep the status quo, deterred by a resistance that the
    resolved type would rather not risk (the generic solver on :meth:`game`
    lists them).

    With ``t = concession_cost / war_cost_target`` (the target resists iff
    its belief in resolve is at most ``t``):

    - ``prior > t``: pooling. Both types threaten; the target concedes.
    - ``prior < t``: semi-separating. The resolved type threatens, the
      unresolved bluffs with ``bluff_prob = prior (1 - t) / ((1 - prior) t)``
      (target indifferent), the target resists with
      ``resist_prob = stake / (stake + audience_cost)`` (bluffer indifferent);
      ``p_war = prior resist_prob``, ``p_threat = prior + (1 - prior) bluff_prob``,
      ``p_concede = p_threat (1 - resist_prob)``,
      ``p_bluff_called = (1 - prior) bluff_prob resist_prob``. This needs the
      resolved type to prefer threatening,
      ``resist_prob war_payoff_resolved + (1 - resist_prob) stake >= 0``.
      That expression equals
      ``stake (war_payoff_resolved + audience_cost)/(stake + audience_cost)``,
      so it holds exactly when the resolved type prefers war to backing
      down; the constructor refuses parameters where it does not (an
      InvalidParameterError naming ``war_payoff_resolved``), so no numbers
      are ever returned for a game this closed form does not describe.
      The bluffing rate does not depend on ``audience_cost``; the
      resistance falls as it rises.
    - ``prior == t`` (within 1e-12): the target is indifferent at the
      pooling belief. We report the pooling equilibrium with concession (the
      limit from above); the semi-separating limit from below has the same
      ``bluff_prob = 1`` but ``resist_prob = stake/(stake + audience_cost)``,
      and every resistance in between is an equilibrium too.

    With ``war_payoff_resolved > 0`` and ``prior`` off the threshold, this is
    the game's only perfect Bayesian equilibrium, except at
    ``audience_cost = 0`` (a valid baseline): the target then resists every
    threat (``resist_prob = 1``) and the bluffer, indifferent between
    bluffing and the status quo, may bluff with any probability from
    ``bluff_prob`` up to 1; the model reports the least.

    Parameters
    ----------
    prior : float
        Probability the challenger is resolved (the leverage), in [0, 1].
    concession_cost, war_cost_target : float
        Target's cost of conceding and of war (> 0), with
        ``concession_cost < war_cost_target`` (else it never concedes).
    audience_cost : float
        Challenger's cost of backing down after a threat (>= 0).
    stake : float
        Challenger's gain from a concession (> 0).
    war_payoff_resolved : float, default 0.2
        Resolved challenger's war payoff (> -audience_cost; above 0, the
        status quo, for MODELS.md's resolved type).
    war_payoff_unresolved : float, optional
        Unresolved challenger's war payoff (< -audience_cost); default
        ``-(audience_cost + stake)``.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> m = ns.models.CrisisSignaling(prior=0.2, concession_cost=0.5, war_cost_target=1.0,
    ...                               audience_cost=1.0)
    >>> r = m.solve()
    >>> r.kind, round(r.bluff_prob, 4), round(r.resist_prob, 4), round(r.p_war, 4)
    ('semi-separating', 0.25, 0.5, 0.1)
    >>> m2 = ns.models.CrisisSignaling(prior=0.6, concession_cost=0.5, war_cost_target=1.0, audience_cost=1.0)
    >>> m2.solve().kind
    'pooling'
    """

    prior: float = attrs.field(validator=probability)
    concession_cost: float = attrs.field(validator=positive)
    war_cost_target: float = attrs.field(validator=positive)
    audience_cost: float = attrs.field(validator=nonnegative)
    stake: float = attrs.field(default=1.0, validator=positive)
    war_payoff_resolved: float = attrs.field(default=0.2, validator=finite)
    war_payoff_unresolved: float = attrs.field(
        default=None, converter=_given_unresolved, validator=_finite_or_none
    )

    def __attrs_post_init__(self) -> None:
        if self.war_payoff_unresolved is None:  # API.md: None means the default below -audience_cost
            object.__setattr__(self, "war_payoff_unresolved", _default_unresolved(self))
        if not self.concession_cost < self.war_cost_target:
            msg = (
                f"concession_cost ({self.concession_cost!r}) must be below war_cost_target "
                f"({self.war_cost_target!r}); otherwise the target never concedes and there is no crisis to model"
            )
            raise InvalidParameterError(msg)
        if not self.war_payoff_resolved > -self.audience_cost:
            msg = (
                f"war_payoff_resolved must exceed -audience_cost = {0.0 - self.audience_cost!r} (the resolved "
                f"type prefers war to backing down), got {self.war_payoff_resolved!r}"
            )
            raise InvalidParameterError(msg)
        if not self.war_payoff_unresolved < -self.audience_cost:
            msg = (
                f"war_payoff_unresolved must be below -audience_cost = {0.0 - self.audience_cost!r} (the "
                f"unresolved type prefers backing down to war), got {self.war_payoff_unresolved!r}"
            )
            raise InvalidParameterError(msg)

    @property
    def threshold(self) -> float:
        """``concession_cost / war_cost_target``."""
        return float(self.concession_cost / self.war_cost_target)

    def outcomes(self, threat_resolved: float, bluff: float, resist: float) -> dict[str, float]:
        """The outcome probabilities and payoffs of any strategy profile (not only the equilibrium's).

        Parameters
        ----------
        threat_resolved, bluff : float
            Probabilities that the resolved and the unresolved type threaten.
        resist : float
            Probability that the target resists a threat.

        Returns
        -------
        dict of float
            ``p_threat``, ``p_war`` (a resolved challenger resisted),
            ``p_concede``, ``p_bluff_called`` (an unresolved one resisted),
            ``p_status_quo``, ``bluff_prob``, ``resist_prob`` and the expected
            payoffs ``payoff_resolved``, ``payoff_unresolved``, ``payoff_target``.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> m = ns.models.CrisisSignaling(prior=0.5, concession_cost=0.5, war_cost_target=1.0,
        ...                               audience_cost=1.0)
        >>> m.outcomes(0.0, 0.0, 1.0)["p_war"]   # nobody threatens: no war, whatever the target would do
        0.0
        """
        return self._outcomes_at(float(self.prior), threat_resolved, bluff, resist)

    def _outcomes_at(self, q: float, threat_resolved: float, bluff: float, resist: float) -> dict[str, float]:
        """:meth:`outcomes` with the prior belief ``q`` in place of the model's."""
        tr, b, r = float(threat_resolved), float(bluff), float(resist)
        p_threat = q * tr + (1 - q) * b
        return {
            "p_threat": p_threat, "p_war": q * tr * r, "p_concede": p_threat * (1 - r),
            "p_bluff_called": (1 - q) * b * r, "p_status_quo": 1 - p_threat, "bluff_prob": b, "resist_prob": r,
            "payoff_resolved": tr * (r * self.war_payoff_resolved + (1 - r) * self.stake),
            "payoff_unresolved": b * ((1 - r) * self.stake - r * self.audience_cost),
            "payoff_target": -p_threat * (1 - r) * self.concession_cost - q * tr * r * self.war_cost_target,
        }

    def _outcome(self, kind: str, bluff: float, resist: float, prior: float | None = None) -> CrisisResult:
        q = float(self.prior if prior is None else prior)
        o = self._outcomes_at(q, 1.0, bluff, resist)  # the resolved type threatens in both equilibria
        return CrisisResult(threshold=self.threshold, kind=kind,
                            **{k: float(v) for k, v in o.items() if k != "p_status_quo"})

    def strategies(self, belief: Any = None, *, at_threshold: str = "pooling") -> dict[str, np.ndarray]:
        """The equilibrium strategies at each belief, vectorised: the closed form's one home.

        Parameters
        ----------
        belief : array_like, optional
            The target's prior belief(s) that the challenger is resolved, in
            [0, 1]; default ``self.prior``. The other parameters are the model's.
        at_threshold : {"pooling", "semi-separating"}
            Which equilibrium to report where the belief equals the threshold
            (within 1e-12), where the target is indifferent and both types
            threaten: ``"pooling"`` (the target concedes; the limit from
            above, as :meth:`solve` reports) or ``"semi-separating"`` (the
            target resists with ``resist_prob``; the limit from below, and
            MODELS.md's "resists exactly when its belief is at most the
            threshold"). Both are perfect Bayesian equilibria.

        Returns
        -------
        dict of numpy.ndarray
            ``pooling`` (bool), ``bluff_prob`` (the unresolved type's
            probability of threatening; the resolved type always threatens)
            and ``resist_prob`` (the target's probability of resisting a
            threat), each shaped like ``belief``.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> m = ns.models.CrisisSignaling(prior=0.2, concession_cost=0.5, war_cost_target=1.0,
        ...                               audience_cost=1.0)
        >>> s = m.strategies([0.2, 0.5, 0.8])
        >>> s["bluff_prob"].tolist(), s["resist_prob"].tolist()
        ([0.25, 1.0, 1.0], [0.5, 0.0, 0.0])
        >>> m.strategies([0.5], at_threshold="semi-separating")["resist_prob"].tolist()
        [0.5]
        """
        if at_threshold not in ("pooling", "semi-separating"):
            msg = f"at_threshold must be 'pooling' or 'semi-separating', got {at_threshold!r}"
            raise InvalidParameterError(msg)
        q = _beliefs(self.prior if belief is None else belief, "belief")
        t = self.threshold
        pooling = q >= t - _TOL if at_threshold == "pooling" else q > t + _TOL
        with np.errstate(divide="ignore", invalid="ignore"):
            # Pooling rows are overwritten below, so their division by 1 - q = 0 is harmless.
            bluff = np.clip(q * (1 - t) / ((1 - q) * t), 0.0, 1.0)
        resist = self.stake / (self.stake + self.audience_cost)
        return {
            "pooling": pooling,
            "bluff_prob": np.where(pooling, 1.0, bluff),
            "resist_prob": np.where(pooling, 0.0, resist),
        }

    def solve(self) -> CrisisResult:
        """Return the perfect Bayesian equilibrium (pooling or semi-separating)."""
        s = self.strategies()
        kind = "pooling" if s["pooling"] else "semi-separating"
        return self._outcome(kind, float(s["bluff_prob"]), float(s["resist_prob"]))

    def solve_at(self, beliefs: Any) -> list[CrisisResult]:
        """:meth:`solve` of the model with its prior moved to each of ``beliefs`` (the same results, with the
        strategies found for all beliefs at once).

        Examples
        --------
        >>> import attrs
        >>> import negotiation_sim as ns
        >>> m = ns.models.CrisisSignaling(prior=0.2, concession_cost=0.5, war_cost_target=1.0,
        ...                               audience_cost=1.0)
        >>> m.solve_at([0.2, 0.7]) == [attrs.evolve(m, prior=q).solve() for q in (0.2, 0.7)]
        True

        Parameters
        ----------
        beliefs : array_like
            Priors in [0, 1] (flattened).

        Returns
        -------
        list of CrisisResult
            One per belief, in order.

        Raises
        ------
        InvalidParameterError
            If a belief is not in [0, 1] (an :class:`~negotiation_sim.errors.InvalidParameterTypeError`,
            also a ``TypeError``, when ``beliefs`` is not numeric).
        """
        q = _beliefs(beliefs, "beliefs").ravel()
        s = self.strategies(q)
        return [self._outcome("pooling" if pooling else "semi-separating", float(bluff), float(resist), prior)
                for pooling, bluff, resist, prior in zip(s["pooling"], s["bluff_prob"], s["resist_prob"],
                                                         q.tolist(), strict=True)]

    def game(self) -> Any:
        """Return the crisis as a :class:`~negotiation_sim.games.signaling.SignalingGame`.

        Types ("Resolved", "Unresolved") with prior ``(prior, 1 - prior)``;
        messages ("Status quo", "Threaten"); responses ("Concede", "Resist").
        "Status quo" is terminal: the game ends there (both get 0) and the
        target responds only to a threat. The challenger's last move is
        folded into the payoffs by sequential rationality: after "Resist",
        the resolved type fights (``war_payoff_resolved``, target
        ``-war_cost_target``) and the unresolved one backs down
        (``-audience_cost``, target 0). The SignalingGame needs a prior
        strictly inside (0, 1). Its generic PBE solver finds the closed-form
        equilibrium of :meth:`solve`, and, with ``war_payoff_resolved > 0``,
        ``audience_cost > 0`` and the prior off the threshold, nothing else.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> m = ns.models.CrisisSignaling(prior=0.2, concession_cost=0.5, war_cost_target=1.0,
        ...                               audience_cost=1.0)
        >>> g = m.game()
        >>> g.types, g.messages, g.responses, g.terminal_messages
        (('Resolved', 'Unresolved'), ('Status quo', 'Threaten'), ('Concede', 'Resist'), ('Status quo',))
        >>> eqs = ns.solve(g)
        >>> len(eqs), eqs.complete, eqs[0].kind
        (1, True, 'semi-separating')
        """
        from negotiation_sim.games.signaling import SignalingGame

        sender = np.zeros((2, 2, 2))
        receiver = np.zeros((2, 2, 2))
        sender[:, 1, 0] = self.stake
        receiver[:, 1, 0] = -self.concession_cost
        sender[0, 1, 1], receiver[0, 1, 1] = self.war_payoff_resolved, -self.war_cost_target
        sender[1, 1, 1], receiver[1, 1, 1] = -self.audience_cost, 0.0
        return SignalingGame(
            types=("Resolved", "Unresolved"),
            prior=(float(self.prior), 1.0 - float(self.prior)),
            messages=("Status quo", "Threaten"),
            responses=("Concede", "Resist"),
            sender_payoffs=sender,
            receiver_payoffs=receiver,
            players=("Challenger", "Target"),
            title="Hostage-taker crisis",
            terminal_messages=("Status quo",),
        )


def _beliefs(value: Any, name: str) -> np.ndarray:
    """``value`` as a float array of probabilities, or an error naming ``name``."""
    try:
        q = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{name} must be probabilities in [0, 1], got {value!r}, which is not numeric"
        raise InvalidParameterTypeError(msg) from None
    if not np.all((q >= 0.0) & (q <= 1.0)):  # also refuses NaN
        msg = f"{name} must be probabilities in [0, 1], got {value!r}"
        raise InvalidParameterError(msg)
    return q
