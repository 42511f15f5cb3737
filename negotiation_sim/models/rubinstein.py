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

import attrs
import numpy as np
import pandas as pd

from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.models._validators import check_real, unit_open

__all__ = ["Rubinstein", "RubinsteinResult"]


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
    """The subgame-perfect division in :class:`Rubinstein` (agreement in the first round).

    Attributes
    ----------
    share1, share2 : float
        The shares of player 1 (the first proposer) and player 2.
    option_binds : bool
        Whether player 2's outside option raises its share above the Rubinstein one.
    horizon : int or None
        Number of rounds (None: infinite).
    """

    share1: float
    share2: float
    option_binds: bool
    horizon: int | None

    def describe(self) -> str:
        """Say in plain words who gets what and why."""
        why = (
            "player 2's outside option binds, so player 1 offers exactly its value"
            if self.option_binds
            else "each side's share reflects how costly it finds delay"
        )
        rounds = "with no deadline" if self.horizon is None else f"with at most {self.horizon} rounds"
        return (
            f"Player 1 proposes {self.share1:.4g} for itself and {self.share2:.4g} for player 2, "
            f"who accepts at once ({rounds}); {why}."
        )


@attrs.frozen
class Rubinstein:
    """Rubinstein's (1982) alternating-offers bargaining over a stake of size 1.

    Player 1 proposes in rounds 1, 3, 5, ...; player 2 in rounds 2, 4, ....
    The responder accepts or rejects; a rejection costs a round, discounting
    each player's payoffs by ``delta_i``. The unique subgame-perfect
    equilibrium (Rubinstein 1982, Theorem) gives the first proposer

    ``share1 = (1 - delta2) / (1 - delta1 delta2)``

    at once. **Outside option** (Binmore, Shaked & Sutton 1989): when
    responding to player 1, player 2 may quit and take ``outside_option2``.
    The option does not matter while ``b2 <= delta2 (1 - delta1)/(1 - delta1 delta2)``
    (player 2's Rubinstein share); otherwise player 1 offers exactly
    ``b2`` and keeps ``1 - b2``. **Finite horizon** ``T``: if round ``T``
    ends without agreement both get 0; backward induction from the last
    proposer taking everything, with player 2's acceptance value
    ``max(b2, delta2 * share2 as next proposer)``, converges to the
    infinite-horizon shares as ``T`` grows.

    Parameters
    ----------
    delta1, delta2 : float
        Discount factors per round, in (0, 1).
    outside_option2 : float or None
        Player 2's outside option (a share of the stake), or None.
    horizon : int or None
        Number of rounds, or None for no deadline.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> r = ns.models.Rubinstein(0.9, 0.9).solve()
    >>> round(r.share1, 4), round(r.share2, 4)
    (0.5263, 0.4737)
    >>> round(ns.models.Rubinstein(0.9, 0.9, outside_option2=0.6).solve().share1, 4)
    0.4
    >>> round(ns.models.Rubinstein(0.9, 0.9, horizon=2).solve().share1, 4)
    0.1
    """

    delta1: float = attrs.field(validator=unit_open)
    delta2: float = attrs.field(validator=unit_open)
    outside_option2: float | None = attrs.field(default=None, validator=_check_option)
    horizon: int | None = attrs.field(default=None, validator=_check_horizon)

    @property
    def option_threshold(self) -> float:
        """The largest outside option that leaves the shares unchanged: ``delta2 (1 - delta1)/(1 - delta1 delta2)``."""
        return self.delta2 * (1 - self.delta1) / (1 - self.delta1 * self.delta2)

    def _infinite_share1(self) -> float:
        rubinstein = (1 - self.delta2) / (1 - self.delta1 * self.delta2)
        b2 = self.outside_option2
        return rubinstein if b2 is None or b2 <= self.option_threshold else 1.0 - b2

    def _finite_share1(self, horizon: int) -> float:
        # v = the proposer's share in the current round, computed from the last round back.
        b2 = 0.0 if self.outside_option2 is None else self.outside_option2
        # The last proposer takes everything the responder's alternative (0, or
        # player 2's option when player 1 proposes last) leaves.
        v = 1.0 - b2 if horizon % 2 == 1 else 1.0
        for t in range(horizon - 1, 0, -1):
            if t % 2 == 1:  # player 1 proposes; player 2 needs its next-round value (or quits)
                v = 1.0 - max(b2, self.delta2 * v)
            else:  # player 2 proposes; player 1 needs its next-round value
                v = 1.0 - self.delta1 * v
        return v

    def solve(self) -> RubinsteinResult:
        """Return the first-round agreement: ``share1``, ``share2`` and whether the option binds."""
        share1 = (
            self._infinite_share1() if self.horizon is None else self._finite_share1(self.horizon)
        )
        b2 = self.outside_option2
        binds = b2 is not None and np.isclose(1.0 - share1, b2) and b2 > 0
        return RubinsteinResult(float(share1), float(1.0 - share1), bool(binds), self.horizon)

    def shares_by_horizon(self, horizons: Iterable[int] = range(1, 31)) -> pd.DataFrame:
        """Return a DataFrame of ``horizon``, ``share1``, ``share2`` (and the limit in ``share1_limit``).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> df = ns.models.Rubinstein(0.8, 0.8).shares_by_horizon(range(1, 4))
        >>> df["share1"].round(4).tolist()
        [1.0, 0.2, 0.84]
        """
        limit = self._infinite_share1()
        rows = []
        for h in horizons:
            res = attrs.evolve(self, horizon=int(h)).solve()
            rows.append({"horizon": int(h), "share1": res.share1, "share2": res.share2,
                         "share1_limit": limit})
        return pd.DataFrame(rows, columns=["horizon", "share1", "share2", "share1_limit"])
