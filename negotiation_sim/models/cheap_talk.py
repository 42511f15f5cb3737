"""Cheap talk: when does costless talk carry information, and how much (Crawford and Sobel 1982).

References: Vincent P. Crawford and Joel Sobel (1982), "Strategic Information
Transmission", *Econometrica* 50(6): 1431-1451, section 4 (the
uniform-quadratic example); Maria Goltsman, Johannes Hörner, Gregory Pavlov
and Francesco Squintani (2009), "Mediation, arbitration and negotiation",
*Journal of Economic Theory* 144(4): 1397-1420 (optimal mediation in the same
example).
"""

from __future__ import annotations

import math

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim._validate import positive, positive_int
from negotiation_sim.errors import InvalidParameterError

__all__ = ["CheapTalk", "CheapTalkResult"]

#: The largest partition :meth:`CheapTalk.partition` builds (its array has n + 1 entries).
MAX_INTERVALS = 1_000_000


@attrs.frozen
class CheapTalkResult:
    """The most informative equilibrium of :class:`CheapTalk`, and the optimal mediator's.

    Attributes
    ----------
    bias : float
        The sender's bias ``b``.
    max_partitions : int
        The largest number of intervals an equilibrium can have (1: only babbling).
    boundaries : numpy.ndarray
        The boundaries ``a_0 = 0 < a_1 < ... < a_N = 1`` of the most informative equilibrium.
    receiver_loss, sender_loss : float
        Expected quadratic losses of receiver and sender in it.
    babbling : bool
        Whether talk carries no information (``max_partitions == 1``, i.e. ``b >= 1/4``).
    mediated_receiver_loss, mediated_sender_loss : float
        The losses under the optimal mediator (Goltsman et al. 2009).
    """

    bias: float
    max_partitions: int
    boundaries: np.ndarray = attrs.field(converter=readonly)
    receiver_loss: float
    sender_loss: float
    babbling: bool
    mediated_receiver_loss: float
    mediated_sender_loss: float

    @property
    def mediation_gain(self) -> float:
        """How much the optimal mediator lowers the receiver's expected loss (>= 0)."""
        return float(self.receiver_loss - self.mediated_receiver_loss)

    def describe(self) -> str:
        """Say in plain words how much the talk reveals."""
        if self.babbling:
            head = (f"With a bias of {self.bias:.4g} (at least 1/4) talk is babbling: the receiver learns "
                    "nothing and acts on its prior, losing 1/12 in expectation.")
        else:
            head = (f"With a bias of {self.bias:.4g} the most informative equilibrium splits the state into "
                    f"{self.max_partitions} intervals; the receiver's expected loss is {self.receiver_loss:.4g} "
                    f"(1/12 = 0.08333 without talk).")
        if self.mediation_gain > 1e-12:
            tail = (f" An optimal mediator who filters and adds noise lowers it to "
                    f"{self.mediated_receiver_loss:.4g}.")
        else:
            tail = " A mediator cannot do better here."
        return head + tail


@attrs.frozen
class CheapTalk:
    """Crawford and Sobel's (1982) cheap-talk game, uniform-quadratic case.

    A sender observes the state ``theta ~ U[0, 1]`` and sends a costless
    message; the receiver then picks an action ``y``. The receiver's payoff
    is ``-(y - theta)**2``, the sender's ``-(y - theta - b)**2``: the sender
    wants an action higher by its bias ``b > 0``. Every equilibrium is a
    partition of [0, 1] into intervals; the receiver's best response to an
    interval is its midpoint, and each boundary type is indifferent between
    the two neighbouring midpoints, ``a_{i+1} - a_i = a_i - a_{i-1} + 4b``
    (CS 1982, section 4). Hence the n-interval equilibrium has boundaries
    ``a_i = i/n + 2 b i (i - n)``, ``i = 0..n``; it exists iff
    ``2 b n (n - 1) < 1``, so the largest number of intervals is
    ``N(b) = ceil(-1/2 + 1/2 sqrt(1 + 2/b))``, which is 1 (babbling) once
    ``b >= 1/4``. Expected losses in the n-interval equilibrium: receiver
    ``1/(12 n**2) + b**2 (n**2 - 1)/3``; sender the receiver's plus ``b**2``
    (the action equals the conditional mean of the state, so
    ``E[(y - theta - b)**2] = E[(y - theta)**2] + b**2``).

    The mediated variant (the article's France relaying messages) is the
    *optimal mediator* of Goltsman, Hörner, Pavlov and Squintani (2009): a
    neutral third party who collects the sender's report and makes a
    non-binding recommendation to the receiver, designed to minimise the
    receiver's expected loss subject to honesty and obedience. In the
    uniform-quadratic case they show it achieves the receiver's loss
    ``b (1 - b)/3`` for ``b < 1/2`` (and nothing beats babbling, ``1/12``, for
    ``b >= 1/2``); the sender's loss is again the receiver's plus ``b**2``.
    Mediation therefore helps even where unmediated talk is babbling
    (``1/4 <= b < 1/2``).

    Parameters
    ----------
    bias : float
        The sender's bias ``b`` (> 0).

    Raises
    ------
    InvalidParameterError
        If ``bias`` is not a positive finite number.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ct = ns.models.CheapTalk(bias=0.05)
    >>> ct.max_partitions
    3
    >>> [round(float(a), 4) for a in ct.partition(3)]
    [0.0, 0.1333, 0.4667, 1.0]
    >>> ns.models.CheapTalk(bias=0.3).max_partitions   # b >= 1/4: babbling
    1
    >>> round(ct.solve().mediated_receiver_loss, 4)   # b (1 - b) / 3
    0.0158
    """

    bias: float = attrs.field(validator=positive)

    @property
    def max_partitions(self) -> int:
        """The largest number of intervals an equilibrium can have: ``ceil(-1/2 + sqrt(1 + 2/b)/2)``."""
        n = math.ceil(-0.5 + 0.5 * math.sqrt(1.0 + 2.0 / self.bias))
        # The n-interval equilibrium needs 2 b n (n - 1) < 1 (strictly: a_1 > 0); guard round-off at knife-edges.
        while n > 1 and 2.0 * self.bias * n * (n - 1) >= 1.0:
            n -= 1
        while 2.0 * self.bias * (n + 1) * n < 1.0:
            n += 1
        return int(n)

    def _check_n(self, n: int) -> int:
        n = positive_int(n, "n")
        if n > MAX_INTERVALS:
            msg = f"n must be at most {MAX_INTERVALS} (the partition is an array of n + 1 numbers), got {n}"
            raise InvalidParameterError(msg)
        if n > self.max_partitions:
            msg = (f"n = {n} intervals is not an equilibrium at bias {self.bias!r}: the most an equilibrium "
                   f"can have is max_partitions = {self.max_partitions}")
            raise InvalidParameterError(msg)
        return n

    def partition(self, n: int) -> np.ndarray:
        """The boundaries ``a_i = i/n + 2 b i (i - n)``, ``i = 0..n``, of the n-interval equilibrium.

        Parameters
        ----------
        n : int
            Number of intervals, ``1 <= n <= max_partitions``.

        Returns
        -------
        numpy.ndarray
            ``n + 1`` increasing boundaries from 0 to 1 (read-only).

        Raises
        ------
        InvalidParameterError
            If ``n`` is not a positive integer or exceeds ``max_partitions``.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> ns.models.CheapTalk(bias=0.1).partition(2).tolist()
        [0.0, 0.3, 1.0]
        """
        n = self._check_n(n)
        i = np.arange(n + 1, dtype=np.float64)
        a = i / n + 2.0 * self.bias * i * (i - n)
        a[0], a[-1] = 0.0, 1.0
        return readonly(a)

    def actions(self, n: int) -> np.ndarray:
        """The receiver's actions in the n-interval equilibrium: the midpoints of the intervals."""
        a = self.partition(n)
        return readonly((a[:-1] + a[1:]) / 2.0)

    def receiver_loss(self, n: int) -> float:
        """``1/(12 n**2) + b**2 (n**2 - 1)/3``: the receiver's expected loss with n intervals."""
        n = self._check_n(n)
        return float(1.0 / (12.0 * n**2) + self.bias**2 * (n**2 - 1) / 3.0)

    def sender_loss(self, n: int) -> float:
        """The sender's expected loss with n intervals: the receiver's plus ``b**2``."""
        return float(self.receiver_loss(n) + self.bias**2)

    def mediated_receiver_loss(self) -> float:
        """The receiver's expected loss under the optimal mediator: ``b (1 - b)/3`` below 1/2, else 1/12."""
        b = self.bias
        return float(b * (1.0 - b) / 3.0) if b < 0.5 else 1.0 / 12.0

    def solve(self) -> CheapTalkResult:
        """The most informative equilibrium and the optimal mediator's losses.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> r = ns.models.CheapTalk(bias=0.1).solve()
        >>> r.max_partitions, round(r.receiver_loss, 4), round(r.sender_loss, 4)
        (2, 0.0308, 0.0408)
        """
        n = self.max_partitions
        mediated = self.mediated_receiver_loss()
        return CheapTalkResult(
            bias=float(self.bias),
            max_partitions=n,
            boundaries=self.partition(n),
            receiver_loss=self.receiver_loss(n),
            sender_loss=self.sender_loss(n),
            babbling=n == 1,
            mediated_receiver_loss=mediated,
            mediated_sender_loss=float(mediated + self.bias**2),
        )
