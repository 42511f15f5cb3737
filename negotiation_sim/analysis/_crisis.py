"""The one-shot hostage-taker crisis in closed form, vectorised over beliefs.

This is the closed form of MODELS.md ("The hostage-taker crisis, exactly"),
kept private to :mod:`negotiation_sim.analysis.repeated_crisis`.
``negotiation_sim.models.CrisisSignaling`` implements the same formulas as a
public model; when it is on main, :func:`crisis_equilibrium` should delegate
to it so that there is one implementation.

Nature makes the challenger resolved with probability ``prior``. With
``threshold = concession_cost / war_cost_target``:

- ``prior > threshold``: pooling -- both types threaten, the target concedes;
- ``prior <= threshold``: semi-separating -- the resolved type threatens, the
  unresolved one bluffs with ``bluff_prob = prior (1 - threshold) /
  ((1 - prior) threshold)`` (the target is then indifferent), and the target
  resists with ``resist_prob = stake / (stake + audience_cost)`` (the bluffer
  is then indifferent). At ``prior == threshold`` the target is indifferent
  and we take the semi-separating limit (``bluff_prob = 1``), following
  "the target resists exactly when its belief is at most the threshold".
"""

from __future__ import annotations

import attrs
import numpy as np

from negotiation_sim._numeric import CLEAN_TOL
from negotiation_sim.errors import InvalidParameterError

__all__ = ["CrisisParameters", "crisis_equilibrium"]


def _positive(instance, attribute, value) -> None:
    if not (np.isfinite(value) and value > 0):
        msg = f"{attribute.name} must be a positive finite number, got {value!r}"
        raise InvalidParameterError(msg)


@attrs.frozen
class CrisisParameters:
    """Payoffs of the hostage-taker crisis (MODELS.md); ``prior`` is not part of them.

    ``war_payoff_unresolved`` defaults to ``-audience_cost - 1``: the unresolved
    type must prefer backing down to war (``war_payoff_unresolved < -audience_cost``).
    """

    concession_cost: float = attrs.field(converter=float, validator=_positive)
    war_cost_target: float = attrs.field(converter=float, validator=_positive)
    audience_cost: float = attrs.field(converter=float, validator=_positive)
    stake: float = attrs.field(default=1.0, converter=float, validator=_positive)
    war_payoff_resolved: float = attrs.field(default=0.0, converter=float)
    war_payoff_unresolved: float | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.war_payoff_unresolved is None:
            object.__setattr__(self, "war_payoff_unresolved", -self.audience_cost - 1.0)
        object.__setattr__(self, "war_payoff_unresolved", float(self.war_payoff_unresolved))
        if self.concession_cost >= self.war_cost_target:
            msg = (f"concession_cost ({self.concession_cost}) must be below war_cost_target "
                   f"({self.war_cost_target}): otherwise the target always resists (threshold >= 1)")
            raise InvalidParameterError(msg)
        if self.war_payoff_resolved < -self.audience_cost:
            msg = (f"war_payoff_resolved ({self.war_payoff_resolved}) must be at least "
                   f"-audience_cost ({-self.audience_cost}): the resolved type prefers war")
            raise InvalidParameterError(msg)
        if self.war_payoff_unresolved >= -self.audience_cost:
            msg = (f"war_payoff_unresolved ({self.war_payoff_unresolved}) must be below "
                   f"-audience_cost ({-self.audience_cost}): the unresolved type prefers backing down")
            raise InvalidParameterError(msg)
        # MODELS.md also requires the resolved type to prefer threatening at the
        # resistance resist_prob: r * war_payoff_resolved + (1 - r) * stake >= 0. With
        # r = stake / (stake + audience_cost) that is war_payoff_resolved >= -audience_cost,
        # checked above, so it needs no test of its own.

    @property
    def threshold(self) -> float:
        """The belief at or below which the target resists."""
        return self.concession_cost / self.war_cost_target

    @property
    def resist_prob(self) -> float:
        """The target's resistance probability in the semi-separating equilibrium."""
        return self.stake / (self.stake + self.audience_cost)


def crisis_equilibrium(params: CrisisParameters, belief: np.ndarray) -> dict[str, np.ndarray]:
    """The one-shot equilibrium at each belief: threat and resistance probabilities by type.

    Returns arrays ``pooling`` (bool), ``threat_resolved``, ``threat_unresolved``
    (probabilities that each type threatens) and ``resist`` (probability that the
    target resists a threat).

    Examples
    --------
    >>> p = CrisisParameters(concession_cost=1, war_cost_target=2, audience_cost=1)
    >>> eq = crisis_equilibrium(p, np.array([0.2, 0.8]))
    >>> eq["threat_unresolved"].tolist(), eq["resist"].tolist()
    ([0.25, 1.0], [0.5, 0.0])
    """
    belief = np.asarray(belief, dtype=np.float64)
    t = params.threshold
    pooling = belief > t + CLEAN_TOL
    with np.errstate(divide="ignore", invalid="ignore"):
        bluff = np.clip(belief * (1 - t) / ((1 - belief) * t), 0.0, 1.0)
    return {
        "pooling": pooling,
        "threat_resolved": np.ones_like(belief),
        "threat_unresolved": np.where(pooling, 1.0, bluff),
        "resist": np.where(pooling, 0.0, params.resist_prob),
    }
