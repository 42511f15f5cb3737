"""A crisis repeated forever: grim-trigger thresholds and the subgame-perfect payoff set.

References: James W. Friedman (1971), "A Non-cooperative Equilibrium for
Supergames", *Review of Economic Studies* 38(1): 1-12 (grim trigger: revert to
a stage Nash equilibrium forever); Dilip Abreu, David Pearce & Ennio
Stacchetti (1990), "Toward a Theory of Discounted Repeated Games with
Imperfect Monitoring", *Econometrica* 58(5): 1041-1063 (the operator ``B`` and
self-generation, here with perfect monitoring); Dilip Abreu & Yuliy Sannikov
(2014), "An algorithm for two-player repeated games with perfect monitoring",
*Theoretical Economics* 9(2): 313-338 (the set computed: pure-strategy
subgame-perfect equilibrium payoffs with public randomisation); George J.
Mailath & Larry Samuelson (2006), *Repeated Games and Reputations*, ch. 2-3.

This is the repeated game itself (a long-lived challenger facing the same
defender crisis after crisis). :func:`negotiation_sim.analysis._repeated_crisis.repeated_crisis`
is a different idea: a Monte Carlo of one-shot hostage-taker crises in which
the target learns the challenger's type by Bayes' rule.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim._validate import positive_count, unit_open
from negotiation_sim._warnings import warn
from negotiation_sim.errors import (
    ConvergenceWarning,
    InvalidParameterError,
    InvalidParameterTypeError,
)
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.models._polygon import (
    clip_below,
    clip_pts,
    convex_hull,
    hausdorff_pts,
    hull_pts,
)

__all__ = ["RepeatedCrisis", "RepeatedCrisisResult"]

#: Largest stage game (action profiles): every iteration clips the set once per profile.
MAX_PROFILES = 400
#: Largest number of iterations of the APS operator a user may ask for.
MAX_ITER_LIMIT = 100_000
PUNISHMENTS = ("nash", "minmax")
#: How many SPE payoff sets :meth:`RepeatedCrisis.solve` keeps, for the very same game, delta and tolerances.
_KEPT = 32
_solved: OrderedDict[tuple[Any, ...], RepeatedCrisisResult] = OrderedDict()


def _check_stage_game(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if not isinstance(value, NormalFormGame):
        msg = f"stage_game must be a NormalFormGame, not {type(value).__name__}"
        raise InvalidParameterTypeError(msg)
    if value.n_players != 2:
        msg = f"stage_game must have 2 players (Abreu-Sannikov's algorithm is for two), got {value.n_players}"
        raise InvalidParameterError(msg)
    if int(np.prod(value.shape)) > MAX_PROFILES:
        msg = f"stage_game has {int(np.prod(value.shape))} action profiles; at most {MAX_PROFILES} are supported"
        raise InvalidParameterError(msg)


def _check_max_iter(instance: object, attribute: attrs.Attribute, value: Any) -> None:
    positive_count(instance, attribute, value)
    if value > MAX_ITER_LIMIT:
        msg = f"max_iter must be at most {MAX_ITER_LIMIT}, got {value!r}"
        raise InvalidParameterError(msg)


def _check_tol(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1e-15 <= value <= 1e-2:
        msg = f"tol must be a number in [1e-15, 1e-2] (relative to the payoff scale), got {value!r}"
        raise InvalidParameterError(msg)


@attrs.frozen(eq=False)
class RepeatedCrisisResult:
    """The subgame-perfect payoff set of a :class:`RepeatedCrisis` and how it was computed.

    Attributes
    ----------
    vertices : numpy.ndarray
        Shape ``(k, 2)``: the vertices of the set of pure-strategy SPE payoffs
        with public randomisation, counter-clockwise (``k = 0``: no pure SPE).
    worst : numpy.ndarray
        Shape ``(2,)``: each player's lowest SPE payoff (its harshest credible
        punishment); NaN when the set is empty.
    best : numpy.ndarray
        Shape ``(2,)``: each player's highest SPE payoff.
    players : tuple of str
    delta : float
    converged : bool
        Whether two successive iterates came within ``tol`` (Hausdorff distance).
    n_iter : int
    tol : float
        The absolute tolerance used (relative tolerance times the payoff scale).
    method : str
    """

    vertices: np.ndarray = attrs.field(converter=readonly)
    worst: np.ndarray = attrs.field(converter=readonly)
    best: np.ndarray = attrs.field(converter=readonly)
    players: tuple[str, str]
    delta: float
    converged: bool
    n_iter: int
    tol: float
    method: str = "APS operator with exact polygon clipping"

    def describe(self) -> str:
        """Say in plain words what the future can sustain at this patience."""
        a, b = self.players
        if len(self.vertices) == 0:
            return f"At delta = {self.delta:.4g} no pure-strategy subgame-perfect equilibrium exists."
        return (
            f"At delta = {self.delta:.4g} the subgame-perfect equilibrium payoffs form a polygon with "
            f"{len(self.vertices)} vertices: {a} gets between {self.worst[0]:.4g} and {self.best[0]:.4g}, "
            f"{b} between {self.worst[1]:.4g} and {self.best[1]:.4g}; the lowest values are the harshest "
            "punishments the future makes credible."
        )


@attrs.frozen(eq=False)
class RepeatedCrisis:
    """A 2-player stage game repeated forever with perfect monitoring and a common discount factor.

    Formulation. Each period both players choose actions of ``stage_game``,
    see them, and may condition on a public randomisation device; payoffs
    are normalised discounted sums ``(1 - delta) sum_t delta**t g(a_t)``.

    - *Grim trigger* (Friedman 1971) plays the pure profile ``a`` until
      someone deviates, then a stage Nash equilibrium forever. Player ``i``
      does not deviate iff ``v_i >= (1 - delta) d_i + delta p_i`` with ``v_i``
      its payoff at ``a``, ``d_i`` its best one-shot deviation payoff and
      ``p_i`` its punishment payoff: ``delta >= (d_i - v_i)/(d_i - p_i)``
      when ``d_i > p_i`` (MODELS.md). The punishment used is the stage Nash
      equilibrium (pure or mixed) *worst for the deviator*, chosen
      separately for each deviator: reverting to any stage Nash forever is
      subgame perfect, so with several Nash equilibria the harshest one is
      credible. ``punishment="minmax"`` uses instead the deviator's minmax
      value forever: no strategy profile (and no SPE) can sustain ``a``
      forever at a lower ``delta``, so it is a lower bound on every
      strategy's threshold (tight when the minmax is itself a stage Nash
      payoff, as in the Prisoner's Dilemma).
    - *The SPE payoff set* ``V*`` (pure-strategy SPE with public
      randomisation, as in Abreu and Sannikov 2014) is the largest fixed
      point of APS's operator ``B(W) = co U_a [(1 - delta) g(a) + delta (W ∩ Q_a(W))]``
      with ``Q_a(W) = {w : w_i >= min_{x in W} x_i + (1 - delta)/delta (d_i(a) - g_i(a))}``.
      Starting from the feasible set ``co g(A)``, which contains ``V*``,
      ``B`` is iterated with exact polygon clipping until successive sets
      are within ``tol`` (relative to the payoff scale) in Hausdorff
      distance; APS show the iterates decrease to ``V*``.

    Parameters
    ----------
    stage_game : NormalFormGame
        The 2-player stage game (at most 400 action profiles).
    delta : float
        The common discount factor, in (0, 1).
    tol : float, default 1e-10
        Convergence tolerance of the SPE set, relative to the payoff scale.
    max_iter : int, default 20000
        Iteration limit (at most 100000); iterates converge about like ``delta**n``.

    Raises
    ------
    InvalidParameterTypeError
        ``stage_game`` is not a :class:`NormalFormGame` (also a ``TypeError``).
    InvalidParameterError
        Not 2 players, too many profiles, ``delta`` outside (0, 1), bad ``tol``/``max_iter``.

    Examples
    --------
    The Prisoner's Dilemma with T, R, P, S = 10, 9, 3, 1: cooperation needs
    ``delta >= (T - R)/(T - P) = 1/7``.

    >>> import negotiation_sim as ns
    >>> pd_ = ns.NormalFormGame.from_arrays([[9, 1], [10, 3]], [[9, 10], [1, 3]],
    ...                                     actions=(("C", "D"), ("C", "D")))
    >>> rc = ns.models.RepeatedCrisis(pd_, 0.75)
    >>> round(rc.grim_trigger_threshold(("C", "C")), 4)
    0.1429
    >>> rc.equilibrium_payoffs().round(4).tolist()
    [[3.0, 3.0], [9.75, 3.0], [9.0, 9.0], [3.0, 9.75]]
    """

    stage_game: NormalFormGame = attrs.field(validator=_check_stage_game)
    delta: float = attrs.field(validator=unit_open, converter=float)
    tol: float = attrs.field(default=1e-10, validator=_check_tol, kw_only=True)
    max_iter: int = attrs.field(default=20_000, validator=_check_max_iter, kw_only=True)

    # -- stage-game quantities -------------------------------------------------

    @property
    def players(self) -> tuple[str, str]:
        return self.stage_game.players  # type: ignore[return-value]

    def _own(self, i: int) -> np.ndarray:
        """Player i's payoffs indexed (own action, other's action)."""
        u = self.stage_game.payoffs[..., i]
        return u if i == 0 else u.T

    def _profile(self, profile: Sequence[str | int]) -> tuple[int, int]:
        if isinstance(profile, str) or not isinstance(profile, Sequence) or len(profile) != 2:
            msg = f"profile must be one action (name or index) per player, e.g. ('C', 'C'), got {profile!r}"
            raise InvalidParameterError(msg)
        return tuple(self.stage_game.action_index(i, a) for i, a in enumerate(profile))  # type: ignore[return-value]

    def deviation_payoffs(self, profile: Sequence[str | int]) -> np.ndarray:
        """Each player's best one-shot deviation payoff ``d_i`` against the other's action in ``profile``.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> g = ns.models.chicken(0, -1, 1, -10)
        >>> ns.models.RepeatedCrisis(g, 0.5).deviation_payoffs(("Swerve", "Swerve")).tolist()
        [1.0, 1.0]
        """
        a = self._profile(profile)
        return np.array([self._own(i)[:, a[1 - i]].max() for i in (0, 1)])

    def stage_nash_punishment(self) -> np.ndarray:
        """Each player's lowest payoff over the stage game's Nash equilibria (pure and mixed).

        Each player's payoff is bilinear, so its minimum over a component of
        Nash equilibria is at an extreme equilibrium, all of which
        :func:`negotiation_sim.solve` returns.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> ns.models.RepeatedCrisis(ns.models.chicken(0, -1, 1, -10), 0.5).stage_nash_punishment().tolist()
        [-1.0, -1.0]
        """
        from negotiation_sim.solvers._solve import solve

        pays = np.array([e.payoffs for e in solve(self.stage_game)])
        return pays.min(axis=0)

    def minmax_values(self, mixed: bool = False) -> np.ndarray:
        """Each player's minmax value: the least the other can hold it to, pure or mixed.

        Pure: ``min_{a_j} max_{a_i} g_i``; mixed: the value of the zero-sum game
        in ``g_i`` (by the minimax theorem, ``min_y max_{a_i}`` equals the maximin).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> mp = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> rc = ns.models.RepeatedCrisis(mp, 0.9)
        >>> rc.minmax_values().tolist(), rc.minmax_values(mixed=True).round(6).tolist()
        ([1.0, 1.0], [0.0, 0.0])
        """
        if not mixed:
            return np.array([self._own(i).max(axis=0).min() for i in (0, 1)])
        from negotiation_sim.solvers.linear_programming import maximin

        return np.array([maximin(self._own(i))[1] for i in (0, 1)])

    def grim_trigger_threshold(self, profile: Sequence[str | int], punishment: str = "nash") -> float:
        """The smallest ``delta`` at which the punishment forever sustains ``profile`` (``inf``: none).

        Parameters
        ----------
        profile : pair of action names or indices
        punishment : {"nash", "minmax"}
            ``"nash"``: grim trigger to the stage Nash equilibrium worst for the
            deviator; ``"minmax"``: the deviator's pure minmax forever, the
            lower bound for any strategy (see the class docstring).

        Returns
        -------
        float
            ``max_i (d_i - v_i)/(d_i - p_i)`` over players with a profitable
            deviation (0 when neither has one). ``inf`` when some player's
            punishment is no worse than deviating (``p_i >= d_i > v_i``)
            or the ratio is 1 or more: no ``delta < 1`` sustains it.
            (A profile paying a player less than its punishment is sustained
            for no ``delta`` above ``(v_i - d_i)/(p_i - d_i)``; this method
            reports only the lower end, so it returns ``inf`` for those too.)

        Examples
        --------
        Mutual restraint in Chicken is sustained by the threat of the
        equilibrium in which the deviator must swerve: ``(T - R)/(T - S)``.

        >>> import negotiation_sim as ns
        >>> rc = ns.models.RepeatedCrisis(ns.models.chicken(0, -1, 1, -10), 0.9)
        >>> rc.grim_trigger_threshold(("Swerve", "Swerve"))
        0.5
        """
        if punishment not in PUNISHMENTS:
            msg = f"punishment must be one of {PUNISHMENTS}, got {punishment!r}"
            raise InvalidParameterError(msg)
        a = self._profile(profile)
        v = self.stage_game.payoffs[a]
        d = self.deviation_payoffs(profile)
        p = self.stage_nash_punishment() if punishment == "nash" else self.minmax_values()
        scale = self.stage_game.payoff_scale * 1e-12
        need = 0.0
        for i in (0, 1):
            if v[i] < p[i] - scale:
                return np.inf
            if d[i] - v[i] <= scale:
                continue
            ratio = (d[i] - v[i]) / (d[i] - p[i]) if d[i] - p[i] > scale else np.inf
            need = max(need, ratio)
        return float(need) if need < 1.0 else np.inf

    # -- payoff sets ----------------------------------------------------------

    def feasible_payoffs(self) -> np.ndarray:
        """Vertices (counter-clockwise) of the feasible set, the convex hull of the stage payoffs.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> ns.models.RepeatedCrisis(ns.models.chicken(0, -1, 1, -10), 0.5).feasible_payoffs().tolist()
        [[-10.0, -10.0], [1.0, -1.0], [-1.0, 1.0]]

        (Both swerving, (0, 0), lies on the edge between the two pure equilibria.)
        """
        return convex_hull(self.stage_game.payoffs.reshape(-1, 2), self._abs_tol)

    def individually_rational_payoffs(self, mixed: bool = False) -> np.ndarray:
        """Vertices of the feasible payoffs at or above both minmax values (the folk theorem's set).

        With ``mixed=False`` the pure minmax, the bound for pure-strategy SPE
        (every SPE payoff lies in this set, and as ``delta -> 1`` the SPE set
        fills it when it has an interior, Fudenberg and Maskin 1986).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> pd_ = ns.NormalFormGame.from_arrays([[9, 1], [10, 3]], [[9, 10], [1, 3]])
        >>> ns.models.RepeatedCrisis(pd_, 0.5).individually_rational_payoffs().round(4).tolist()
        [[3.0, 3.0], [9.75, 3.0], [9.0, 9.0], [3.0, 9.75]]
        """
        m = self.minmax_values(mixed=mixed)
        poly = self.feasible_payoffs()
        for i in (0, 1):
            poly = clip_below(poly, i, m[i])
        return convex_hull(poly, self._abs_tol)

    @property
    def _abs_tol(self) -> float:
        return self.tol * self.stage_game.payoff_scale

    def _operator(self, w: list[tuple[float, float]], profiles: list[tuple[float, float, float, float]],
                  tol: float) -> list[tuple[float, float]]:
        """APS's B(W) for a convex polygon W: clip by each profile's incentive constraints, shrink, hull."""
        d = self.delta
        u1, u2 = min(x for x, _ in w), min(y for _, y in w)
        pieces: list[tuple[float, float]] = []
        for g1, g2, h1, h2 in profiles:
            poly = clip_pts(w, 0, u1 + (1 - d) / d * h1)
            if poly:
                poly = clip_pts(poly, 1, u2 + (1 - d) / d * h2)
            pieces.extend(((1 - d) * g1 + d * x, (1 - d) * g2 + d * y) for x, y in poly)
        return hull_pts(pieces, tol)

    def solve(self) -> RepeatedCrisisResult:
        """Iterate APS's operator from the feasible set to the SPE payoff set.

        The iteration stops when two successive sets are within ``tol``
        (Hausdorff distance); since the iterates shrink to ``V*`` about
        geometrically, the returned polygon is an outer approximation whose
        distance to ``V*`` is of the order of ``tol / (1 - delta)``.

        The set is computed once for the very same stage payoffs, players,
        ``delta``, ``tol`` and ``max_iter`` (floats by their bits) and reused
        for the last 32 such models (a scenario solved and then drawn at the
        same point iterates once); a set that did not converge warns each time.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> r = ns.models.RepeatedCrisis(ns.models.chicken(0, -1, 1, -10), 0.3).solve()
        >>> r.converged, r.worst.round(4).tolist()
        (True, [-1.0, -1.0])
        """
        game = self.stage_game
        key = (game.payoffs.shape, game.payoffs.tobytes(), game.players, self.delta.hex(), float(self.tol).hex(),
               self.max_iter)
        result = _solved.get(key)
        if result is None:
            result = _solved[key] = self._iterate()
            if len(_solved) > _KEPT:
                _solved.popitem(last=False)
        else:
            with contextlib.suppress(KeyError):  # (let go meanwhile by another thread's solve)
                _solved.move_to_end(key)
        if not result.converged:
            msg = (f"the SPE payoff set did not converge in max_iter={self.max_iter} iterations at delta = "
                   f"{self.delta:g} (iterates shrink about like delta**n); the set returned contains the true one")
            warn(msg, ConvergenceWarning)
        return result

    def _iterate(self) -> RepeatedCrisisResult:
        """APS's operator iterated from the feasible set (:meth:`solve`, computed)."""
        n1, n2 = self.stage_game.shape
        u = self.stage_game.payoffs
        profiles = [
            (float(u[a, b, 0]), float(u[a, b, 1]),
             float(self._own(0)[:, b].max() - u[a, b, 0]), float(self._own(1)[:, a].max() - u[a, b, 1]))
            for a in range(n1) for b in range(n2)
        ]
        tol = self._abs_tol
        w = [tuple(v) for v in self.feasible_payoffs().tolist()]
        converged, n_iter = False, 0
        while n_iter < self.max_iter:
            n_iter += 1
            new = self._operator(w, profiles, tol)
            if not new:
                w, converged = new, True
                break
            step = hausdorff_pts(w, new)
            w = new
            if step <= tol:
                converged = True
                break
        verts = convex_hull(np.array(w).reshape(-1, 2), 1e3 * tol)  # merge what the tolerance cannot tell apart
        if len(verts):
            worst, top = verts.min(axis=0), verts.max(axis=0)
        else:
            worst = top = np.full(2, np.nan)
        return RepeatedCrisisResult(
            vertices=verts, worst=worst, best=top, players=self.players, delta=self.delta,
            converged=converged, n_iter=n_iter, tol=tol,
        )

    def equilibrium_payoffs(self) -> np.ndarray:
        """Vertices of the SPE payoff set, shape ``(k, 2)``, counter-clockwise (see :meth:`solve`).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> pd_ = ns.NormalFormGame.from_arrays([[9, 1], [10, 3]], [[9, 10], [1, 3]])
        >>> ns.models.RepeatedCrisis(pd_, 0.1).equilibrium_payoffs().tolist()   # below 1/7: only (D, D)
        [[3.0, 3.0]]
        """
        return self.solve().vertices

    def describe(self) -> str:
        """Say in plain words what the model computes."""
        a, b = self.players
        return (
            f"{a} and {b} play the {self.stage_game.shape[0]}x{self.stage_game.shape[1]} stage game forever "
            f"with discount factor {self.delta:.4g}, seeing each other's actions; solve() gives the set of "
            "subgame-perfect equilibrium payoffs (pure strategies, public randomisation)."
        )
