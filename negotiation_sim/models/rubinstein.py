"""Rubinstein's alternating offers, with an outside option for the responder and a finite horizon.

References: Ariel Rubinstein (1982), "Perfect Equilibrium in a Bargaining
Model", *Econometrica* 50(1): 97-109, Theorem (p. 107); Ken Binmore, Avner
Shaked & John Sutton (1989), "An Outside Option Experiment", *Quarterly
Journal of Economics* 104(4): 753-770 (the outside option principle);
Martin J. Osborne & Ariel Rubinstein (1990), *Bargaining and Markets*,
ch. 3 and 5.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs
import numpy as np

from negotiation_sim._validate import check_real, unit_open
from negotiation_sim.errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Rubinstein", "RubinsteinResult"]

_TOL = 1e-12  # round-off allowed when an option is compared with the value of waiting


def _check_option(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if value is not None and not 0.0 <= check_real(attribute.name, value) <= 1.0:
        msg = f"{attribute.name} must be None or a share of the stake in [0, 1], got {value!r}"
        raise InvalidParameterError(msg)


def _check_horizon(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        msg = f"horizon must be None (infinite) or an integer number of rounds >= 1, got {value!r}"
        raise InvalidParameterError(msg)


@attrs.frozen
class RubinsteinResult:
    """The subgame-perfect outcome of :class:`Rubinstein`: an agreement in the first round, or none.

    Attributes
    ----------
    share1, share2 : float
        The agreed shares of player 1 (the first proposer) and player 2; NaN
        when there is no agreement.
    option_binds : bool
        Whether player 2's outside option, not the value of waiting, is what
        player 1 must offer it (``b2 > delta2 (1 - y)``, with ``y`` player 1's
        share when player 2 proposes).
    horizon : int or None
        Number of rounds (None: infinite).
    option1_binds : bool
        Whether player 1's outside option is what player 2 must offer it when
        player 2 proposes (``b1 > delta1 x``, with ``x`` player 1's share as
        proposer). It raises ``share1`` even though that offer is never made.
    agreement : bool
        Whether the first offer is accepted. With ``b1 + b2 > 1`` no division
        gives both their options: player 2 takes its option at once.
    payoff1, payoff2 : float
        What each player gets: its share, or its outside option without agreement.
    """

    share1: float
    share2: float
    option_binds: bool
    horizon: int | None
    option1_binds: bool = False
    agreement: bool = True
    payoff1: float = float("nan")
    payoff2: float = float("nan")

    def describe(self) -> str:
        """Say in plain words who gets what and why."""
        rounds = "with no deadline" if self.horizon is None else f"with at most {self.horizon} rounds"
        if not self.agreement:
            return (
                f"No agreement ({rounds}): no division gives both players what their outside options give "
                f"them, so player 2 takes its option at once; payoffs {self.payoff1:.4g} and {self.payoff2:.4g}."
            )
        why = []
        if self.option_binds:
            why.append("player 2's outside option binds, so player 1 offers exactly its value")
        if self.option1_binds:
            why.append("player 1's outside option sets what player 2 would have to offer it")
        if not why:
            why.append("each side's share reflects how costly it finds delay")
        return (
            f"Player 1 proposes {self.share1:.4g} for itself and {self.share2:.4g} for player 2, "
            f"who accepts at once ({rounds}); {' and '.join(why)}."
        )


@attrs.frozen
class Rubinstein:
    """Rubinstein's (1982) alternating-offers bargaining over a stake of size 1.

    Player 1 proposes in rounds 1, 3, 5, ...; player 2 in rounds 2, 4, ....
    The responder accepts or rejects; a rejection costs a round, discounting
    each player's payoffs by ``delta_i``. The unique subgame-perfect
    equilibrium (Rubinstein 1982, Theorem) gives the first proposer

    ``share1 = (1 - delta2) / (1 - delta1 delta2)``

    at once. **Outside options** (Binmore, Shaked & Sutton 1989; Osborne &
    Rubinstein 1990, ch. 3): a responder may, instead of accepting or
    rejecting, quit and end the game, which gives each player its own option
    (``outside_option1`` = ``b1`` and ``outside_option2`` = ``b2``, whoever
    quits: war, for instance, is both sides' outside option at once). With
    ``x`` player 1's share when it proposes and ``y`` its share when player 2
    proposes, the stationary conditions are

    ``x = 1 - max(b2, delta2 (1 - y))``,  ``y = max(b1, delta1 x)``

    (the *outside option principle*: an option matters only when it beats
    the value of waiting). Their unique solution, when ``b1 + b2 <= 1``, is
    one of ``x = (1 - delta2)/(1 - delta1 delta2)`` (neither option binds;
    ``b2`` does not bind while ``b2 <= delta2 (1 - delta1)/(1 - delta1 delta2)``),
    ``x = 1 - b2`` (player 2's option binds) or ``x = 1 - delta2 (1 - b1)``
    (only player 1's binds), and the first offer is accepted. When
    ``b1 + b2 > 1`` no division gives both their options: any offer player 2
    accepts leaves player 1 less than ``b1``, and player 2 can get no more
    than ``b2`` by waiting, so it quits at once (payoffs ``b1, b2``). The
    two-sided version is the same Shaked-Sutton argument applied to both
    responders (Muthoo 1999, ch. 5); letting players quit only *after* a
    rejection instead gives many equilibria, some with delay (Ponsati &
    Sakovics 1998). **Finite horizon** ``T``: if round ``T`` ends without
    agreement both get 0; backward induction from the last round (each
    responder accepts an offer worth at least ``max(b_j, delta_j V_j)``,
    ``V_j`` its value in the next round) converges to the infinite-horizon
    outcome as ``T`` grows.

    Parameters
    ----------
    delta1, delta2 : float
        Discount factors per round, in (0, 1).
    outside_option2 : float or None
        Player 2's outside option (a share of the stake), or None (0).
    horizon : int or None
        Number of rounds, or None for no deadline.
    outside_option1 : float or None
        Player 1's outside option when it responds to player 2, or None (0).

    References
    ----------
    A. Rubinstein (1982), *Econometrica* 50(1): 97-109; K. Binmore, A. Shaked &
    J. Sutton (1989), *QJE* 104(4): 753-770; M. J. Osborne & A. Rubinstein (1990),
    *Bargaining and Markets*, ch. 3; A. Muthoo (1999), *Bargaining Theory
    with Applications*, ch. 5; C. Ponsati & J. Sakovics (1998), "Rubinstein
    bargaining with two-sided outside options", *Economic Theory* 11: 667-672.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> r = ns.models.Rubinstein(0.9, 0.9).solve()
    >>> round(r.share1, 4), round(r.share2, 4)
    (0.5263, 0.4737)
    >>> round(ns.models.Rubinstein(0.9, 0.9, outside_option2=0.6).solve().share1, 4)
    0.4
    >>> round(ns.models.Rubinstein(0.9, 0.9, outside_option1=0.6).solve().share1, 4)   # 1 - 0.9 * 0.4
    0.64
    >>> ns.models.Rubinstein(0.9, 0.9, outside_option1=0.6, outside_option2=0.5).solve().agreement
    False
    >>> round(ns.models.Rubinstein(0.9, 0.9, horizon=2).solve().share1, 4)
    0.1
    """

    delta1: float = attrs.field(validator=unit_open)
    delta2: float = attrs.field(validator=unit_open)
    outside_option2: float | None = attrs.field(default=None, validator=_check_option)
    horizon: int | None = attrs.field(default=None, validator=_check_horizon)
    outside_option1: float | None = attrs.field(default=None, validator=_check_option)

    @property
    def option_threshold(self) -> float:
        """The largest ``b2`` that leaves the shares unchanged (with ``b1`` not binding):
        ``delta2 (1 - delta1)/(1 - delta1 delta2)``."""
        return self.delta2 * (1 - self.delta1) / (1 - self.delta1 * self.delta2)

    @property
    def option1_threshold(self) -> float:
        """The largest ``b1`` that leaves the shares unchanged (with ``b2`` not binding):
        ``delta1 (1 - delta2)/(1 - delta1 delta2)``, player 1's share when player 2 proposes."""
        return self.delta1 * (1 - self.delta2) / (1 - self.delta1 * self.delta2)

    def _options(self) -> tuple[float, float]:
        return (float(self.outside_option1 or 0.0), float(self.outside_option2 or 0.0))

    def _infinite_share1(self) -> float:
        """``x``: the fixed point of ``x -> 1 - max(b2, delta2 (1 - max(b1, delta1 x)))`` (b1 + b2 <= 1).

        That map is piecewise: constant ``1 - b2``, constant ``1 - delta2 (1 - b1)``, or
        ``1 - delta2 + delta1 delta2 x``; its unique fixed point is one of the three pieces' values.
        """
        b1, b2 = self._options()
        d1, d2 = self.delta1, self.delta2

        def step(x: float) -> float:
            return 1.0 - max(b2, d2 * (1.0 - max(b1, d1 * x)))

        candidates = ((1 - d2) / (1 - d1 * d2), 1.0 - b2, 1.0 - d2 * (1.0 - b1))
        return min(candidates, key=lambda x: abs(step(x) - x))

    def _finite_values(self, horizon: int) -> tuple[bool, float, float, bool, bool]:
        """Backward induction from round ``horizon``: agreement in round 1, both payoffs, and
        whether player 2's option binds in round 1 and player 1's in round 2."""
        b = self._options()
        d = (self.delta1, self.delta2)
        value = [0.0, 0.0]  # both players' payoffs after the deadline
        agree, binds = True, {}
        for t in range(horizon, 0, -1):
            i = 0 if t % 2 == 1 else 1  # the proposer
            j = 1 - i
            wait = [d[0] * value[0], d[1] * value[1]]
            reserve = max(b[j], wait[j])
            binds[t] = b[j] > wait[j] + _TOL
            # An unacceptable offer: the responder quits if waiting is worth no more than its option.
            refuse = [b[0], b[1]] if b[j] >= wait[j] else wait
            agree = 1.0 - reserve >= refuse[i]
            if agree:
                value = [0.0, 0.0]
                value[i], value[j] = 1.0 - reserve, reserve
            else:
                value = refuse
        return agree, value[0], value[1], binds[1], binds.get(2, False)

    def solve(self) -> RubinsteinResult:
        """Return the first-round outcome: shares (or no agreement), payoffs and which options bind."""
        b1, b2 = self._options()
        if self.horizon is None:
            agreement = b1 + b2 <= 1.0
            share1 = self._infinite_share1() if agreement else float("nan")
            pay1, pay2 = (share1, 1.0 - share1) if agreement else (b1, b2)
            # Player 1's share when player 2 proposes decides player 2's value of waiting.
            y = max(b1, self.delta1 * share1) if agreement else b1
            binds2 = b2 > self.delta2 * (1.0 - y) + _TOL
            binds1 = b1 > self.delta1 * share1 + _TOL if agreement else False
        else:
            agreement, pay1, pay2, binds2, binds1 = self._finite_values(self.horizon)
            share1 = pay1
        if not agreement:
            nan = float("nan")
            return RubinsteinResult(nan, nan, False, self.horizon, False, False, float(pay1), float(pay2))
        return RubinsteinResult(float(share1), float(1.0 - share1), bool(binds2), self.horizon, bool(binds1), True,
                                float(pay1), float(pay2))

    def shares_by_horizon(self, horizons: Iterable[int] = range(1, 31)) -> pd.DataFrame:
        """Return a DataFrame of ``horizon``, ``share1``, ``share2`` (and the limit in ``share1_limit``).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> df = ns.models.Rubinstein(0.8, 0.8).shares_by_horizon(range(1, 4))
        >>> df["share1"].round(4).tolist()
        [1.0, 0.2, 0.84]
        """
        import pandas as pd

        limit = self._infinite_share1()
        rows = []
        for h in horizons:
            res = attrs.evolve(self, horizon=int(h)).solve()
            rows.append({"horizon": int(h), "share1": res.share1, "share2": res.share2,
                         "share1_limit": limit})
        return pd.DataFrame(rows, columns=["horizon", "share1", "share2", "share1_limit"])
