"""Two-level games: a negotiator whose agreement must be ratified at home (Putnam 1988).

Reference: Robert D. Putnam (1988), "Diplomacy and Domestic Politics: The
Logic of Two-Level Games", *International Organization* 42(3): 427-460.
Putnam: at Level I the negotiators bargain; at Level II each side's
constituents must ratify. A *win-set* is the set of Level I agreements that
would be ratified; agreement is possible only if the win-sets overlap, and
a negotiator with a larger win-set can be pushed around by the other side,
so that a small domestic win-set is a bargaining advantage (Schelling's
conjecture, which Putnam discusses). Putnam also discusses negotiators who
reach over the table to the other side's constituents to change their
win-set: the article's "Ask your citizens whether they want France to enter
into a war with Russia".
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim._validate import nonnegative, probability
from negotiation_sim.errors import InvalidParameterError

__all__ = ["TwoLevelGame", "TwoLevelResult"]


@attrs.frozen
class TwoLevelResult:
    """The bargained outcome of :class:`TwoLevelGame`.

    Attributes
    ----------
    agreement : bool
        Whether the win-sets overlap (an agreement both sides ratify exists).
    share_a, share_b : float
        The shares of A and B in the agreement (NaN without agreement).
    unconstrained_share_a : float
        A's share without a ratification constraint: the Nash bargaining solution ``(1 + d_A - d_B)/2``.
    win_set_a, win_set_b : tuple of float
        ``(low, high)``: the agreements A's median ratifies (and A's negotiator accepts), and those B accepts.
    constraint_binds : bool
        Whether A's domestic constraint raises A's share above the unconstrained one.
    effective_reservation : float
        The median's reservation after the wedge: ``median_reservation - wedge``.
    share_a_without_wedge : float
        A's share if the median's reservation were not moved (NaN without agreement).
    """

    agreement: bool
    share_a: float
    share_b: float
    unconstrained_share_a: float
    win_set_a: tuple[float, float]
    win_set_b: tuple[float, float]
    constraint_binds: bool
    effective_reservation: float
    share_a_without_wedge: float

    @property
    def wedge_gain_b(self) -> float:
        """What B gains from moving A's median: ``share_a_without_wedge - share_a`` (NaN if either has no deal)."""
        return float(self.share_a_without_wedge - self.share_a)

    def describe(self) -> str:
        """Say in plain words what the domestic constraint does."""
        if not self.agreement:
            return (f"No agreement: A's median ratifies only shares of at least {self.win_set_a[0]:.4g}, more "
                    f"than B accepts to concede ({self.win_set_b[1]:.4g}); the win-sets do not overlap.")
        if self.constraint_binds:
            how = (f"A's domestic constraint binds: its median ratifies nothing below {self.win_set_a[0]:.4g}, so "
                   f"A gets {self.share_a:.4g} instead of {self.unconstrained_share_a:.4g} (Schelling's "
                   "conjecture: the constrained negotiator gains).")
        else:
            how = (f"A's domestic constraint does not bind: the negotiators split at the Nash solution, A "
                   f"getting {self.share_a:.4g}.")
        return how


@attrs.frozen(kw_only=True)
class TwoLevelGame:
    """Putnam's (1988) two-level game on a one-dimensional stake.

    Level I: negotiators A and B divide a stake of 1; an agreement gives A the
    share ``x`` and B ``1 - x``; with no agreement they get ``d_A`` and
    ``d_B`` (``d_A + d_B < 1``). Level II: A's agreement must be ratified
    by its domestic median voter, who accepts ``x`` iff
    ``x >= median_reservation - wedge`` (the median's value of no
    agreement, lowered by ``wedge`` when the other side persuades A's
    public that no agreement means war). B's constituents ratify what B's
    negotiator accepts. So the win-sets are
    ``W_A = [max(d_A, median_reservation - wedge), 1]`` and
    ``W_B = [0, 1 - d_B]``. If they overlap the negotiators reach the Nash
    bargaining solution on the overlap: the unconstrained ``x_N =
    (1 + d_A - d_B)/2`` clipped to ``W_A`` and ``W_B``. A's share therefore
    rises one for one with its median's reservation once that exceeds
    ``x_N`` (Schelling's conjecture), until the win-sets stop overlapping
    and there is no agreement.

    Parameters
    ----------
    median_reservation : float
        The smallest share for A that A's median ratifies, in [0, 1].
    disagreement_a, disagreement_b : float
        The negotiators' payoffs from no agreement (>= 0, summing to less than 1).
    wedge : float
        How far the other side moves A's median's reservation down (>= 0).

    Raises
    ------
    InvalidParameterError
        If a parameter is out of range or ``disagreement_a + disagreement_b >= 1``.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.models.TwoLevelGame(median_reservation=0.6, disagreement_a=0.1, disagreement_b=0.1)
    >>> r = g.solve()
    >>> r.agreement, round(r.share_a, 4), round(r.unconstrained_share_a, 4)   # the constraint binds
    (True, 0.6, 0.5)
    >>> round(g.with_wedge(0.15).solve().share_a, 4)   # the wedge moves the median: A gets less
    0.5
    >>> ns.models.TwoLevelGame(median_reservation=0.95, disagreement_b=0.1).solve().agreement
    False
    """

    median_reservation: float = attrs.field(validator=probability)
    disagreement_a: float = attrs.field(default=0.0, validator=nonnegative)
    disagreement_b: float = attrs.field(default=0.0, validator=nonnegative)
    wedge: float = attrs.field(default=0.0, validator=nonnegative)

    def __attrs_post_init__(self) -> None:
        if not self.disagreement_a + self.disagreement_b < 1.0:
            msg = (f"disagreement_a + disagreement_b must be below 1 (the stake), got {self.disagreement_a!r} + "
                   f"{self.disagreement_b!r}: otherwise there are no gains from agreement")
            raise InvalidParameterError(msg)

    def with_wedge(self, wedge: float) -> TwoLevelGame:
        """The same game with the other side's wedge set to ``wedge``."""
        return attrs.evolve(self, wedge=wedge)

    def shares(self, reservations: Any) -> np.ndarray:
        """A's bargained share at each effective reservation of its median (NaN where there is no agreement).

        Parameters
        ----------
        reservations : array_like
            Effective reservations (after any wedge), any real numbers.

        Returns
        -------
        numpy.ndarray
            A's share, shaped like ``reservations`` (read-only).
        """
        r = np.asarray(reservations, dtype=np.float64)
        if not np.all(np.isfinite(r)):
            msg = f"reservations must be finite numbers, got {reservations!r}"
            raise InvalidParameterError(msg)
        low = np.maximum(self.disagreement_a, r)
        high = 1.0 - self.disagreement_b
        x_nash = (1.0 + self.disagreement_a - self.disagreement_b) / 2.0
        # B accepts A's least ratified share when what is left is at least its disagreement payoff, compared
        # as B computes it (1 - low >= d_b): low <= 1 - d_b rounds 1 - 6e-74 up to 1 and would call a
        # share of 0 for B an agreement.
        return readonly(np.where(1.0 - low >= self.disagreement_b, np.clip(x_nash, low, high), np.nan))

    def solve(self) -> TwoLevelResult:
        """The win-sets and the bargained outcome, with and without the wedge."""
        eff = float(self.median_reservation - self.wedge)
        x, x0 = (float(v) for v in self.shares([eff, self.median_reservation]))
        x_nash = (1.0 + self.disagreement_a - self.disagreement_b) / 2.0
        low = max(self.disagreement_a, eff)
        agreement = not np.isnan(x)
        return TwoLevelResult(
            agreement=bool(agreement),
            share_a=x,
            share_b=float(1.0 - x),
            unconstrained_share_a=float(x_nash),
            win_set_a=(float(low), 1.0),
            win_set_b=(0.0, float(1.0 - self.disagreement_b)),
            constraint_binds=bool(agreement and x > x_nash + 1e-12),
            effective_reservation=eff,
            share_a_without_wedge=x0,
        )
