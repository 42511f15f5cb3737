"""The logit QRE precision that best fits observed action counts in a normal-form game.

The log-likelihood of counts ``n_ia`` (how often player ``i`` was seen to
play action ``a``) at precision ``lam`` is ``sum n_ia log sigma_ia(lam)``,
where ``sigma(lam)`` is the logit QRE on the principal branch
(McKelvey & Palfrey 1995, section 5). The branch is traced once from
``lam = 0`` with the library's QRE tracer (:func:`negotiation_sim.solvers.qre`);
the best traced point is then refined by a bounded one-dimensional search in
``lam``, each trial point corrected onto the branch by Newton's method at
fixed ``lam``. As in Gambit's ``logit_estimate``, the result is the global
maximiser along the principal branch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim._validate import number_in, positive_int
from negotiation_sim._warnings import warn
from negotiation_sim.errors import ConvergenceWarning, EstimationError, InvalidStrategyError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._multilinear import split
from negotiation_sim.solvers._qre import (  # the module, not ns.qre
    _newton_fixed_lam,
    _system,
    _trace,
)
from negotiation_sim.solvers._regret import _check_game

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["QREFit", "qre_fit"]


@attrs.frozen(eq=False, repr=False)
class QREFit:
    """The maximum-likelihood logit QRE of a game given observed action counts.

    Attributes
    ----------
    lam : float
        The best-fitting precision, in the game's payoff units.
    llf : float
        The log-likelihood there, ``sum n_ia log sigma_ia``.
    strategies : tuple of numpy.ndarray
        The QRE at ``lam``: one mixed strategy per player.
    profile : pandas.DataFrame
        The likelihood profile along the traced branch: columns ``lam`` and ``llf``.
    counts : tuple of numpy.ndarray
        The counts fitted.
    converged : bool
        False when the likelihood was still rising at the end of the traced
        branch (``lam_max``): the counts are best fitted by play closer to
        the Nash limit than any traced point, and ``lam`` is only a lower bound.
    n_iter : int
        Continuation steps of the tracer.
    players, actions : tuple
        Names, as in the game.
    """

    lam: float
    llf: float
    strategies: tuple[np.ndarray, ...]
    profile: pd.DataFrame
    counts: tuple[np.ndarray, ...]
    converged: bool
    n_iter: int
    players: tuple[str, ...] = ()
    actions: tuple[tuple[str, ...], ...] = ()

    def to_dict(self) -> dict[str, float]:
        """``{"Player:Action": fitted probability}``."""
        return {f"{p}:{a}": float(x) for p, acts, s in zip(self.players, self.actions, self.strategies)
                for a, x in zip(acts, s)}

    def describe(self) -> str:
        """One sentence on the fit."""
        where = "" if self.converged else " (a lower bound: the likelihood still rose at the end of the branch)"
        return (f"Logit QRE fit to {int(sum(c.sum() for c in self.counts))} observed actions: "
                f"lam = {self.lam:.6g}{where}, log-likelihood {self.llf:.6g}.")

    def __repr__(self) -> str:
        return f"<QREFit {self.describe()}>"


def _counts(game: NormalFormGame, counts: Any) -> tuple[np.ndarray, ...]:
    if isinstance(counts, Mapping):
        counts = [counts.get(p, counts.get(i)) for i, p in enumerate(game.players)]
        if any(c is None for c in counts):
            msg = f"counts: a dict needs one entry per player {list(game.players)}"
            raise InvalidStrategyError(msg)
    if isinstance(counts, (str, bytes)) or not isinstance(counts, Sequence) or len(counts) != game.n_players:
        msg = f"counts must hold one sequence of action counts per player ({game.n_players}), got {counts!r}"
        raise InvalidStrategyError(msg)
    out = []
    for i, (c, k) in enumerate(zip(counts, game.shape)):
        if isinstance(c, Mapping):
            unknown = [a for a in c if a not in game.actions[i]]
            if unknown:
                msg = f"counts for {game.players[i]}: {unknown} not among its actions {list(game.actions[i])}"
                raise InvalidStrategyError(msg)
            c = [c.get(a, 0) for a in game.actions[i]]
        try:
            arr = np.asarray(c, dtype=float)
        except (TypeError, ValueError):
            msg = f"counts for {game.players[i]} must be numbers, got {c!r}"
            raise InvalidStrategyError(msg) from None
        if arr.shape != (k,) or not np.all(np.isfinite(arr)) or np.any(arr < 0):
            msg = (f"counts for {game.players[i]} must be {k} finite non-negative numbers "
                   f"(one per action {list(game.actions[i])}), got {c!r}")
            raise InvalidStrategyError(msg)
        out.append(arr)
    if sum(a.sum() for a in out) <= 0:
        msg = "counts are all zero: there is nothing to fit"
        raise EstimationError(msg)
    return tuple(out)


def _loglik(x: np.ndarray, shape: tuple[int, ...], counts: tuple[np.ndarray, ...]) -> float:
    """``sum n log sigma`` at log-probabilities ``x`` (normalised per player against round-off)."""
    from scipy import special

    total = 0.0
    for xi, ni in zip(split(x, shape), counts):
        logp = xi - special.logsumexp(xi)
        total += float(np.sum(ni[ni > 0] * logp[ni > 0]))
    return total


def qre_fit(game: NormalFormGame, counts: Any, *, lam_max: float | None = None,
            max_steps: int = 10_000) -> QREFit:
    """The logit QRE precision ``lam`` that maximises the likelihood of observed action counts.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    counts : sequence or dict
        One entry per player (in order, or a dict by player name): that
        player's count of each action, as a sequence or ``{action: count}``.
        Counts, not frequencies, give the log-likelihood its scale.
    lam_max : float, optional
        How far to trace the principal branch (game payoff units); default
        ``1e6 / game.payoff_scale``.
    max_steps : int, default 10000
        Most continuation steps.

    Returns
    -------
    QREFit
        ``lam``, ``llf``, the fitted ``strategies`` and the likelihood ``profile``.

    Raises
    ------
    InvalidStrategyError
        Counts of the wrong shape, negative or not finite.
    EstimationError
        All counts zero, or a game whose QRE does not move with ``lam``.

    Notes
    -----
    When the counts are best fitted at the end of the branch (play looks
    like the Nash limit), ``converged`` is False and a ``ConvergenceWarning``
    says that ``lam`` is only a lower bound. On generic games it agrees with
    pygambit's ``logit_estimate`` (``tests/estimate/test_qre_fit.py``). Where
    the principal branch bifurcates (a game symmetric under swapping the
    players and their actions, such as Battle of the Sexes with mirrored
    payoffs), this tracer stays on the smooth symmetric branch while Gambit 17
    perturbs onto one side of the bifurcation, so the two estimates can differ.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). "Quantal Response Equilibria for
    Normal Form Games." *GEB* 10(1): 6-38, section 5 (maximum likelihood).
    Bland, J. R. & Turocy, T. L. (2023). "Quantal response equilibrium as a
    structural model for estimation: the missing manual." SSRN 4425515.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> pd_game = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                        actions=(("Cooperate", "Defect"),) * 2)
    >>> fit = ns.estimate.qre_fit(pd_game, [[20, 40], [25, 35]])
    >>> fit.converged, round(fit.lam, 4)      # pygambit's logit_estimate: 0.37151
    (True, 0.3715)
    >>> round(fit.to_dict()["Player 1:Defect"], 4)   # the pooled share of Defect, (40 + 35) / 120
    0.625
    """
    import pandas as pd
    from scipy import special

    game = _check_game(game)
    n = _counts(game, counts)
    lam_max = 1e6 / game.payoff_scale if lam_max is None else number_in(lam_max, "lam_max", 0.0)
    system = _system(game)
    scale = game.payoff_scale
    traced = _trace(system, lam_max * scale, positive_int(max_steps, "max_steps"), False)
    points = traced.points
    lams = np.array([y[-1] for y in points]) / scale
    ll = np.array([_loglik(y[:-1], game.shape, n) for y in points])
    best = int(np.argmax(ll))
    tol = 1e-9 * max(1.0, abs(float(ll[best])))
    if len(points) > 1 and np.ptp(ll) <= tol:
        msg = ("qre_fit: the logit QRE of this game does not change with lam (every player is indifferent "
               "at uniform play), so the counts carry no information about lam")
        raise EstimationError(msg)
    # Still rising (or level, to round-off) at the end of the branch: the supremum is at the Nash limit.
    at_end = len(points) > 1 and float(ll[-1]) >= float(ll[best]) - tol
    if at_end:
        best = len(points) - 1
    y_best, ll_best = points[best], float(ll[best])
    refined = None if at_end else _refine(system, points, best, game.shape, n)
    if refined is not None and refined[1] > ll_best + 1e-12 * max(1.0, abs(ll_best)):
        y_best, ll_best = refined
    if at_end:
        warn(f"qre_fit: the likelihood still rises at the end of the traced branch (lam={lams[-1]:.6g}); "
             f"the counts are fitted best near the Nash limit and lam is only a lower bound", ConvergenceWarning)
    strategies = tuple(readonly(np.exp(v - special.logsumexp(v))) for v in split(y_best[:-1], game.shape))
    return QREFit(
        lam=float(y_best[-1]) / scale, llf=ll_best, strategies=strategies,
        profile=pd.DataFrame({"lam": lams, "llf": ll}), counts=tuple(readonly(c) for c in n),
        converged=not at_end, n_iter=traced.n_iter, players=game.players, actions=game.actions,
    )


def _refine(system: Any, points: list, best: int, shape: tuple[int, ...], n: tuple[np.ndarray, ...]):
    """Maximise the likelihood in lam between the traced neighbours of the best point."""
    from scipy import optimize

    lo, hi = max(best - 1, 0), min(best + 1, len(points) - 1)
    seg = [points[i] for i in range(lo, hi + 1)]
    lam_seg = np.array([y[-1] for y in seg])
    if len(seg) < 2 or np.any(np.diff(lam_seg) <= 0):
        return None  # a turning point of the branch: lam does not parametrise it here

    def on_branch(lam: float) -> np.ndarray | None:
        i = int(np.clip(np.searchsorted(lam_seg, lam) - 1, 0, len(seg) - 2))
        a, b = seg[i], seg[i + 1]
        t = (lam - a[-1]) / (b[-1] - a[-1])
        guess = a + t * (b - a)
        guess[-1] = lam
        return _newton_fixed_lam(system, guess)

    def neg(lam: float) -> float:
        y = on_branch(lam)
        return np.inf if y is None else -_loglik(y[:-1], shape, n)

    res = optimize.minimize_scalar(neg, bounds=(lam_seg[0], lam_seg[-1]), method="bounded",
                                   options={"xatol": 1e-10 * max(1.0, lam_seg[-1])})
    y = on_branch(float(res.x))
    return None if y is None else (y, _loglik(y[:-1], shape, n))
