"""The cornered rat: a crisis choice valued by cumulative prospect theory, and gambling for resurrection.

References: Amos Tversky & Daniel Kahneman (1992), "Advances in Prospect
Theory: Cumulative Representation of Uncertainty", *Journal of Risk and
Uncertainty* 5(4): 297-323 (value function and weighting function, eqs. on
pp. 309 and 300-301; parameters alpha = beta = 0.88, lambda = 2.25,
gamma = 0.61, delta = 0.69, p. 312); George W. Downs & David M. Rocke (1994),
"Conflict, Agency, and Gambling for Resurrection: The Principal-Agent Problem
Goes to War", *American Journal of Political Science* 38(2): 362-380; Jack S.
Levy (1992), "Prospect Theory and International Relations", *Political
Psychology* 13(2): 283-310 (the domain of losses in crises).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import attrs
import numpy as np
from numpy.typing import ArrayLike

from negotiation_sim._validate import check_real, finite, positive
from negotiation_sim.errors import InvalidParameterError

__all__ = ["ProspectCrisis", "ProspectResult", "ResurrectionResult"]

#: Most outcomes a gamble may have.
MAX_OUTCOMES = 100
_PROB_TOL = 1e-9


def _in(low: float, high: float, what: str):
    def check(instance: object, attribute: attrs.Attribute, value: object) -> None:
        if not low <= check_real(attribute.name, value) <= high:
            msg = f"{attribute.name} must be in [{low}, {high}] ({what}), got {value!r}"
            raise InvalidParameterError(msg)

    return check


def _outcomes(value: object) -> tuple[float, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        msg = f"outcomes must be a sequence of numbers, got {value!r}"
        raise InvalidParameterError(msg)
    out = tuple(check_real(f"outcomes[{k}]", v) for k, v in enumerate(value))
    if not 1 <= len(out) <= MAX_OUTCOMES:
        msg = f"outcomes must have 1 to {MAX_OUTCOMES} entries, got {len(out)}"
        raise InvalidParameterError(msg)
    return out


def _probs(value: object) -> tuple[float, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        msg = f"probs must be a sequence of probabilities, got {value!r}"
        raise InvalidParameterError(msg)
    out = tuple(check_real(f"probs[{k}]", v) for k, v in enumerate(value))
    if any(p < 0 for p in out) or abs(sum(out) - 1.0) > _PROB_TOL:
        msg = f"probs must be non-negative and sum to 1, got {value!r}"
        raise InvalidParameterError(msg)
    return out


def _tk_weight(p: np.ndarray, c: float) -> np.ndarray:
    """Tversky and Kahneman's probability weight with curvature ``c`` of probabilities ``p`` in [0, 1]."""
    return p**c / (p**c + (1 - p) ** c) ** (1 / c)


@functools.lru_cache(maxsize=256)
def _decision_weights(ps: tuple[float, ...], c: float, c_repr: str, gain: bool) -> np.ndarray:
    """The rank-dependent decision weights of outcomes ranked best first (gains) or worst first (losses) with
    probabilities ``ps``: the weight of "at least this extreme" minus that of "strictly more extreme".

    They depend on the ranked probabilities and the curvature only, so a gamble valued at many reference
    points (which only move its outcomes) computes them once per split into gains and losses. (``c_repr``
    keeps apart curvatures that compare equal but are not the same number, such as 1 and 1.0.) Read-only.
    """
    cum = np.cumsum(np.array(ps, dtype=np.float64))
    if gain:
        pi = _tk_weight(np.minimum(cum, 1.0), c) - _tk_weight(np.concatenate([[0.0], np.minimum(cum[:-1], 1.0)]), c)
    else:
        pi = _tk_weight(np.minimum(cum, 1.0), c) - _tk_weight(np.minimum(np.concatenate([[0.0], cum[:-1]]), 1.0), c)
    pi.flags.writeable = False
    return pi


@attrs.frozen
class ProspectResult:
    """The choice between the sure outcome and the gamble in :class:`ProspectCrisis`.

    Attributes
    ----------
    value_gamble, value_sure : float
        Prospect values (cumulative prospect theory) relative to the reference.
    takes_gamble : bool
        Whether the gamble's prospect value is strictly higher.
    expected_gamble, expected_sure : float
        Expected outcomes (what a risk-neutral decision maker compares).
    domain : str
        Where the sure outcome lies relative to the reference: ``"gains"``,
        ``"losses"`` or ``"reference"``.
    risk_attitude : str
        ``"risk seeking"`` (gambles although the expected outcome is no
        higher), ``"risk averse"`` (strictly prefers the sure outcome to a
        gamble whose expected outcome is at least as high) or ``"as expected
        value"`` (the choice an expected-value maximiser would make).
    """

    value_gamble: float
    value_sure: float
    takes_gamble: bool
    expected_gamble: float
    expected_sure: float
    domain: str
    risk_attitude: str

    def describe(self) -> str:
        """Say in plain words which option is chosen and why."""
        choice = "takes the gamble" if self.takes_gamble else "takes the sure outcome"
        return (
            f"In the domain of {self.domain if self.domain != 'reference' else 'neither gains nor losses'}, "
            f"the decision maker {choice}: prospect values {self.value_gamble:.4g} (gamble) and "
            f"{self.value_sure:.4g} (sure); expected outcomes {self.expected_gamble:.4g} and "
            f"{self.expected_sure:.4g}, so it is {self.risk_attitude}."
        )


@attrs.frozen
class ResurrectionResult:
    """Gambling for resurrection: the leader's choice against the country's (Downs and Rocke 1994).

    Attributes
    ----------
    leader_gambles, country_gambles : bool
        Whether the leader (who also values office) and the country (the
        principal, who values only the outcome) prefer the gamble, by expected value.
    gambling_for_resurrection : bool
        The leader gambles while the country would not.
    leader_gain, country_gain : float
        Expected payoff of the gamble minus that of the sure outcome, for each.
    """

    leader_gambles: bool
    country_gambles: bool
    gambling_for_resurrection: bool
    leader_gain: float
    country_gain: float

    def describe(self) -> str:
        """Say in plain words whether the leader gambles for resurrection."""
        if self.gambling_for_resurrection:
            return (
                "The leader gambles for resurrection: settling would cost it office for sure, so a small "
                f"chance of a saving victory is worth {self.leader_gain:.4g} to it, although the gamble "
                f"costs the country {-self.country_gain:.4g} in expectation."
            )
        who = "both take" if self.leader_gambles else "neither takes"
        return f"Leader and country agree: {who} the gamble (gains {self.leader_gain:.4g} and {self.country_gain:.4g})."


@attrs.frozen
class ProspectCrisis:
    """A sure outcome against a gamble, valued by cumulative prospect theory around a reference point.

    Formulation (Tversky and Kahneman 1992). Outcomes are measured
    relative to ``reference``: ``x = outcome - reference``. Value:
    ``v(x) = x**alpha`` for ``x >= 0`` and ``v(x) = -loss_aversion (-x)**beta``
    for ``x < 0``. Probability weights: ``w(p) = p**c / (p**c + (1 - p)**c)**(1/c)``
    with ``c = gamma`` for gains and ``c = delta`` for losses. A gamble's
    value is rank-dependent: gains ranked from the best, each with decision
    weight ``w+(P(X >= x)) - w+(P(X > x))``; losses ranked from the worst,
    with ``w-(P(X <= x)) - w-(P(X < x))``; ``V = sum_i pi_i v(x_i)``. The
    decision maker takes the gamble iff its value is strictly higher than the
    sure outcome's ``v(sure - reference)``. Moving the reference point
    ("the 1997 order" rather than today's status quo) moves the same
    outcomes from the domain of gains to that of losses, where ``v`` is
    convex and the chooser is risk seeking.

    Parameters
    ----------
    outcomes, probs : sequence of float
        The gamble (at most 100 outcomes; ``probs`` sum to 1).
    sure : float
        The sure outcome (e.g. backing down, accepting today's order).
    reference : float, default 0.0
        The reference point.
    alpha, beta : float, default 0.88
        Curvature for gains and losses, in (0, 1].
    loss_aversion : float, default 2.25
        lambda > 0 (losses loom larger when above 1).
    gamma, delta : float, default 0.61 and 0.69
        Weighting curvature for gains and losses, in [0.28, 1] (below about
        0.279 the weighting function is not increasing).

    Raises
    ------
    InvalidParameterError
        A parameter outside its range, probabilities that do not sum to 1,
        outcomes and probabilities of different lengths.

    Examples
    --------
    Tversky and Kahneman's parameters: a 50-50 gamble between +100 and -100 is refused.

    >>> import negotiation_sim as ns
    >>> pc = ns.models.ProspectCrisis(outcomes=(100, -100), probs=(0.5, 0.5), sure=0)
    >>> round(float(pc.value(100)), 4), round(float(pc.weight(0.5)), 4)
    (57.544, 0.4206)
    >>> pc.solve().takes_gamble
    False
    """

    outcomes: tuple[float, ...] = attrs.field(converter=_outcomes)
    probs: tuple[float, ...] = attrs.field(converter=_probs)
    sure: float = attrs.field(validator=finite)
    reference: float = attrs.field(default=0.0, validator=finite)
    alpha: float = attrs.field(default=0.88, validator=_in(1e-6, 1.0, "curvature for gains"))
    beta: float = attrs.field(default=0.88, validator=_in(1e-6, 1.0, "curvature for losses"))
    loss_aversion: float = attrs.field(default=2.25, validator=positive)
    gamma: float = attrs.field(default=0.61, validator=_in(0.28, 1.0, "weighting of gains"))
    delta: float = attrs.field(default=0.69, validator=_in(0.28, 1.0, "weighting of losses"))

    def __attrs_post_init__(self) -> None:
        if len(self.outcomes) != len(self.probs):
            msg = f"outcomes and probs must have the same length, got {len(self.outcomes)} and {len(self.probs)}"
            raise InvalidParameterError(msg)

    def value(self, x: ArrayLike) -> np.ndarray:
        """Tversky-Kahneman value of ``x``, a gain (x > 0) or loss (x < 0) relative to the reference.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> pc = ns.models.ProspectCrisis((1.0,), (1.0,), sure=0)
        >>> pc.value([1.0, -1.0]).tolist()
        [1.0, -2.25]
        """
        x = np.asarray(x, dtype=np.float64)
        gains = np.abs(x) ** self.alpha
        losses = -self.loss_aversion * np.abs(x) ** self.beta
        return np.where(x >= 0, gains, losses)

    def weight(self, p: ArrayLike, gain: bool = True) -> np.ndarray:
        """Tversky-Kahneman weight of probability ``p`` (curvature ``gamma`` for gains, ``delta`` for losses).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> pc = ns.models.ProspectCrisis((1.0,), (1.0,), sure=0)
        >>> pc.weight([0.0, 1.0]).tolist(), bool(pc.weight(0.01) > 0.01)   # small chances loom large
        ([0.0, 1.0], True)
        """
        p = np.asarray(p, dtype=np.float64)
        if np.any((p < 0) | (p > 1)) or not np.all(np.isfinite(p)):
            msg = f"p must be probabilities in [0, 1], got {p!r}"
            raise InvalidParameterError(msg)
        return self._weight(p, gain)

    def _weight(self, p: np.ndarray, gain: bool) -> np.ndarray:
        """:meth:`weight` of probabilities ``p`` (a float array) known to lie in [0, 1]."""
        return _tk_weight(p, self.gamma if gain else self.delta)

    def prospect_value(self, outcomes: Sequence[float], probs: Sequence[float]) -> float:
        """Cumulative-prospect-theory value of a gamble with absolute ``outcomes`` (rank-dependent weights).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> pc = ns.models.ProspectCrisis((1.0,), (1.0,), sure=0)
        >>> round(pc.prospect_value((2.0, 1.0), (0.5, 0.5)), 4)
        1.3535
        """
        x = np.asarray(_outcomes(outcomes)) - self.reference
        p = np.asarray(_probs(probs))
        if len(x) != len(p):
            msg = f"outcomes and probs must have the same length, got {len(x)} and {len(p)}"
            raise InvalidParameterError(msg)
        return self._prospect_value(x, p)

    def _prospect_value(self, x: np.ndarray, p: np.ndarray) -> float:
        """:meth:`prospect_value` of outcomes ``x`` relative to the reference with probabilities ``p``
        (float arrays of one length, ``p`` non-negative and summing to 1)."""
        total = 0.0
        gains = x > 0
        if gains.any():  # best first: the weight of "at least this good" minus "strictly better"
            order = np.argsort(-x[gains], kind="stable")
            xs, ps = x[gains][order], p[gains][order]
            pi = _decision_weights(tuple(ps.tolist()), self.gamma, repr(self.gamma), True)
            total += float(np.dot(pi, self.value(xs)))
        losses = x < 0
        if losses.any():  # worst first
            order = np.argsort(x[losses], kind="stable")
            xs, ps = x[losses][order], p[losses][order]
            pi = _decision_weights(tuple(ps.tolist()), self.delta, repr(self.delta), False)
            total += float(np.dot(pi, self.value(xs)))
        return total

    def gap_at(self, reference: float) -> float:
        """The gamble's prospect value minus the sure outcome's, with the reference point moved to ``reference``:
        ``value_gamble - value_sure`` of :meth:`solve` for that reference, computed without a new model.

        Raises
        ------
        InvalidParameterError
            If ``reference`` is not a finite real number (an
            :class:`~negotiation_sim.errors.InvalidParameterTypeError`, also a ``TypeError``, when it is not
            a number).

        Examples
        --------
        >>> import attrs
        >>> import negotiation_sim as ns
        >>> pc = ns.models.ProspectCrisis(outcomes=(1, -2), probs=(0.5, 0.5), sure=-0.6)
        >>> sol = attrs.evolve(pc, reference=1.0).solve()
        >>> pc.gap_at(1.0) == sol.value_gamble - sol.value_sure
        True
        """
        reference = check_real("reference", reference)
        x = np.asarray(self.outcomes) - reference  # (the fields hold the floats their converters checked)
        return self._prospect_value(x, np.asarray(self.probs)) - float(self.value(self.sure - reference))

    def solve(self) -> ProspectResult:
        """Compare the gamble and the sure outcome.

        Examples
        --------
        The same gamble, the reference moved above every outcome: now taken.

        >>> import negotiation_sim as ns
        >>> pc = ns.models.ProspectCrisis(outcomes=(1, -2), probs=(0.5, 0.5), sure=-0.6)
        >>> pc.solve().takes_gamble, attrs.evolve(pc, reference=1.0).solve().takes_gamble
        (False, True)
        """
        v_g = self.prospect_value(self.outcomes, self.probs)
        v_s = float(self.value(self.sure - self.reference))
        ev_g = float(np.dot(self.outcomes, self.probs))
        rel = self.sure - self.reference
        domain = "gains" if rel > 0 else "losses" if rel < 0 else "reference"
        takes = bool(v_g > v_s)
        if takes and ev_g <= self.sure:
            attitude = "risk seeking"
        elif not takes and ev_g >= self.sure and v_g < v_s:
            attitude = "risk averse"
        else:
            attitude = "as expected value"
        return ProspectResult(value_gamble=v_g, value_sure=v_s, takes_gamble=takes, expected_gamble=ev_g,
                              expected_sure=float(self.sure), domain=domain, risk_attitude=attitude)

    def resurrection(self, office_value: float, removal_below: float) -> ResurrectionResult:
        """Downs and Rocke's (1994) gambling for resurrection, by expected value.

        Formulation (a stylised version of their mechanism). The country (the
        principal) values the outcome only; the leader (the agent) values the
        outcome plus ``office_value`` if it keeps office, and the country
        removes it whenever the outcome is below ``removal_below``. When the
        sure outcome (settling) is below that line, settling costs the leader
        office for sure, while the gamble's good outcomes save it: the leader
        can prefer a gamble with a lower expected outcome than settling.

        Parameters
        ----------
        office_value : float
            The leader's value of keeping office (>= 0).
        removal_below : float
            Outcomes below this remove the leader.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> pc = ns.models.ProspectCrisis(outcomes=(1, -2), probs=(0.3, 0.7), sure=-0.6)
        >>> pc.resurrection(office_value=3.0, removal_below=0.0).gambling_for_resurrection
        True
        """
        if check_real("office_value", office_value) < 0:
            msg = f"office_value must be non-negative, got {office_value!r}"
            raise InvalidParameterError(msg)
        cut = check_real("removal_below", removal_below)
        x, p = np.asarray(self.outcomes), np.asarray(self.probs)
        country = float(np.dot(x, p)) - self.sure
        kept = float(np.dot(p, x >= cut))
        leader = country + office_value * (kept - float(self.sure >= cut))
        return ResurrectionResult(leader_gambles=leader > 0, country_gambles=country > 0,
                                  gambling_for_resurrection=leader > 0 >= country,
                                  leader_gain=leader, country_gain=country)

    def describe(self) -> str:
        """Say in plain words what the model compares."""
        gamble = ", ".join(f"{x:.4g} with probability {p:.4g}" for x, p in zip(self.outcomes, self.probs, strict=True))
        return (f"A sure {self.sure:.4g} against a gamble ({gamble}), valued by cumulative prospect theory "
                f"around the reference point {self.reference:.4g}.")
