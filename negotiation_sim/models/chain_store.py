"""Kreps & Wilson's chain-store game: a reputation for toughness deters entry.

Reference: David M. Kreps & Robert Wilson (1982), "Reputation and Imperfect
Information", *Journal of Economic Theory* 27(2): 253-279, section 3 and
the sequential equilibrium of Proposition 1 (the entrant stays out iff
``p_n > b**n``); see also Fudenberg & Tirole (1991), *Game Theory*, §9.2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from negotiation_sim._validate import check_real, positive_count, probability
from negotiation_sim.errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ChainStore", "ChainStoreResult"]

_TOL = 1e-12


def _check_a(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if not check_real("a", value) > 1.0:
        msg = f"a must be greater than 1 (a market kept free is worth more than a fight costs), got {value!r}"
        raise InvalidParameterError(msg)


#: Most markets: ``solve`` builds one table row per market (10,000 rows take well under a second).
MAX_MARKETS = 10_000


def _check_n_markets(instance: object, attribute: attrs.Attribute, value: Any) -> None:
    positive_count(instance, attribute, value)
    if value > MAX_MARKETS:
        msg = (f"n_markets must be at most {MAX_MARKETS:,} (the solution has one table row per market), "
               f"got {value!r}; with more markets, only the last ones, where b**n exceeds the reputation, "
               "see entry, so a smaller n_markets shows the same end game")
        raise InvalidParameterError(msg)


def _check_b(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if not 0.0 < check_real("b", value) < 1.0:
        msg = f"b must be strictly between 0 and 1 (entry pays b if accommodated, b - 1 if fought), got {value!r}"
        raise InvalidParameterError(msg)


@attrs.frozen
class ChainStoreResult:
    """The equilibrium path of :class:`ChainStore` when the incumbent fights every entry.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per market, from ``n_markets`` left down to 1: ``markets_left``,
        ``reputation`` (belief the incumbent is tough), ``p_enter`` and
        ``p_fight_weak``.
    deterred_markets : int
        Markets in which the entrant stays out for sure along that path.
    """

    table: pd.DataFrame
    deterred_markets: int

    def describe(self) -> str:
        """Say in plain words how long the reputation deters entry."""
        n = len(self.table)
        return (
            f"Along the path where the incumbent fights every entry, entrants stay out for sure in "
            f"{self.deterred_markets} of {n} markets: the belief that the incumbent is tough keeps "
            "entry unprofitable until the last markets, where the weak incumbent's reputation no "
            "longer pays for a fight."
        )


@attrs.frozen
class ChainStore:
    """Kreps & Wilson's (1982) chain store with a tough incumbent type.

    An incumbent faces ``n_markets`` entrants in turn. An entrant gets 0 by
    staying out, ``b`` if it enters and the incumbent acquiesces, ``b - 1``
    if it fights (``0 < b < 1``). A weak incumbent gets ``a`` (> 1) in a
    market left to it, 0 from acquiescing and -1 from fighting; a tough one
    (prior probability ``prior``) always fights. With ``n`` markets left and
    reputation ``p`` (the entrants' belief the incumbent is tough), the
    sequential equilibrium is:

    - entrant: stays out if ``p > b**n``, enters if ``p < b**n``, stays out
      with probability ``1/a`` if ``p = b**n``;
    - weak incumbent, after entry: acquiesces when ``n = 1``; fights if
      ``p >= b**(n-1)``; otherwise fights with probability
      ``beta = p (1 - b**(n-1)) / ((1 - p) b**(n-1))``, which makes the
      posterior after a fight exactly ``b**(n-1)``;
    - beliefs: after a fight, Bayes' rule ``p / (p + (1 - p) beta)``
      (``= max(p, b**(n-1))``); after acquiescence 0; no entry leaves ``p``.

    With these the entrant facing ``p < b**(n-1)`` expects a fight with
    probability ``p / b**(n-1)``, so it stays out iff ``p > b**n``.

    Parameters
    ----------
    a : float
        Weak incumbent's payoff from a market left to it (> 1).
    b : float
        Entrant's payoff from accommodated entry, in (0, 1).
    prior : float
        Prior probability that the incumbent is tough, in [0, 1].
    n_markets : int
        Number of markets, from 1 to :data:`MAX_MARKETS` (10,000).

    Notes
    -----
    With no tough type (``reputation = 0``) a fight is off the equilibrium
    path; its posterior is taken to be 0 (no reputation can be built).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> m = ns.models.ChainStore(a=2.0, b=0.5, prior=0.1, n_markets=6)
    >>> m.p_stay_out(3, 0.2), m.p_stay_out(3, 0.1)
    (1.0, 0.0)
    >>> round(m.posterior_after_fight(4, 0.1), 4)
    0.125
    >>> m.solve().deterred_markets
    3
    """

    a: float = attrs.field(validator=_check_a)
    b: float = attrs.field(validator=_check_b)
    prior: float = attrs.field(validator=probability)
    n_markets: int = attrs.field(validator=_check_n_markets)

    def _check_state(self, n: int, reputation: float) -> float:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            msg = f"n (markets left) must be an integer >= 1, got {n!r}"
            raise InvalidParameterError(msg)
        rep = check_real("reputation", reputation)
        if not 0.0 <= rep <= 1.0:
            msg = f"reputation must be a probability in [0, 1], got {reputation!r}"
            raise InvalidParameterError(msg)
        return rep

    def p_stay_out(self, n: int, reputation: float) -> float:
        """Probability that the entrant with ``n`` markets left stays out."""
        rep = self._check_state(n, reputation)
        cut = self.b**n
        if abs(rep - cut) <= _TOL:
            return 1.0 / self.a
        return 1.0 if rep > cut else 0.0

    def p_fight_weak(self, n: int, reputation: float) -> float:
        """Probability that the weak incumbent fights an entry with ``n`` markets left."""
        rep = self._check_state(n, reputation)
        if n == 1:
            return 0.0
        cut = self.b ** (n - 1)
        if rep >= cut - _TOL:
            return 1.0
        return float(rep * (1.0 - cut) / ((1.0 - rep) * cut))

    def posterior_after_fight(self, n: int, reputation: float) -> float:
        """Belief that the incumbent is tough after it fights an entry with ``n`` markets left (Bayes)."""
        rep = self._check_state(n, reputation)
        if rep == 0.0:
            return 0.0
        beta = self.p_fight_weak(n, rep)
        return float(rep / (rep + (1.0 - rep) * beta))

    def solve(self) -> ChainStoreResult:
        """Return the path table and the number of deterred markets.

        The table follows the path on which the incumbent fights every entry
        that has positive probability; the reputation moves only after such
        an entry (to the posterior after a fight).
        """
        import pandas as pd

        rows = []
        rep = float(self.prior)
        for n in range(self.n_markets, 0, -1):
            p_enter = 1.0 - self.p_stay_out(n, rep)
            rows.append({"markets_left": n, "reputation": rep, "p_enter": p_enter,
                         "p_fight_weak": self.p_fight_weak(n, rep)})
            if p_enter > 0:
                rep = self.posterior_after_fight(n, rep)
        table = pd.DataFrame(rows, columns=["markets_left", "reputation", "p_enter", "p_fight_weak"])
        return ChainStoreResult(table=table, deterred_markets=int((table["p_enter"] == 0).sum()))
