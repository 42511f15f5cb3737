"""Logit quantal response equilibrium: the principal branch, traced from lam = 0.

At precision ``lam`` a logit QRE is a profile in which every player mixes
with probabilities proportional to ``exp(lam * U_i(a, sigma_-i))``
(McKelvey & Palfrey 1995). At ``lam = 0`` the unique QRE is uniform play; as
``lam`` grows, the *principal branch* of the QRE correspondence leads from it
to a Nash equilibrium (the limit as ``lam -> inf``).

The branch is traced by predictor-corrector arc-length continuation in the
log-probabilities ``x = log sigma`` (Turocy 2005): the unknowns are
``(x, lam)`` and the equations, for every player ``i`` and action ``j > 0``,

    sum_a exp(x_ia) = 1,   x_ij - x_i0 = lam * (U_ij - U_i0).

Each step predicts along the tangent (the null vector of the Jacobian), then
corrects with Newton's method on the hyperplane orthogonal to it. Because the
parameter is arc length and not ``lam``, the tracer follows the branch
through turning points where ``lam`` falls back. The tangent is oriented by
continuity with the previous one (not by the sign of a determinant, which
flips at a bifurcation), and steps whose tangent turns sharply or whose
corrector struggles are rejected and halved, so at a pitchfork (symmetric
games such as Chicken) the tracer stays on the smooth principal branch
instead of jumping onto a branch that crosses it.

Payoffs are divided by the game's payoff scale while tracing, so the tracer
behaves the same on a game and on the game with every payoff multiplied by
1000; ``lam`` in results is in the game's own units.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim._validate import number_in, positive_int
from negotiation_sim._warnings import warn
from negotiation_sim.errors import ConvergenceWarning
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._multilinear import action_values, offsets, split, value_blocks
from negotiation_sim.solvers._support_polish import polish
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet
from negotiation_sim.solvers.regret import _check_game

__all__ = ["QREResult", "QREPath", "qre", "qre_path", "qre_solve", "logit_response"]

METHOD = "logit_qre"
#: Largest turn (cosine of the angle) between successive tangents in one accepted step.
_MIN_COS = 0.99
_MAX_CORRECTOR = 8


def _tuple_of_arrays(value: Any) -> tuple[np.ndarray, ...]:
    return tuple(readonly(v) for v in value)


def logit_response(game: NormalFormGame, profile: Any, lam: float) -> tuple[np.ndarray, ...]:
    """Each player's logit response ``exp(lam * U_i) / sum exp(lam * U_i)`` to ``profile``.

    A profile is a logit QRE at ``lam`` exactly when it is its own logit response.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> [s.round(4).tolist() for s in logit_response(g, [[1, 0], [0.5, 0.5]], lam=2.0)]
    [[0.5, 0.5], [0.8808, 0.1192]]
    """
    game = _check_game(game)
    vecs = game.as_profile(profile)
    out = []
    for u in action_values(game.payoffs, vecs):
        z = lam * (u - u.max())  # shift for overflow safety; the ratio is unchanged
        e = np.exp(z)
        out.append(e / e.sum())
    return tuple(out)


@attrs.frozen(eq=False)
class QREResult:
    """A logit quantal response equilibrium at one precision.

    Attributes
    ----------
    strategies : tuple of numpy.ndarray
        One mixed strategy per player.
    lam : float
        The precision (in the game's payoff units).
    converged : bool
        Whether the tracer reached ``lam`` and the fixed point holds to ``tol``.
    n_iter : int
        Continuation steps taken.
    tol : float
        Target on the fixed-point residual.
    method : str
    residual : float
        ``max |sigma - logit_response(sigma)|``, measured on the returned profile.
    players, actions : tuple
        Names, as in the game.
    """

    strategies: tuple[np.ndarray, ...] = attrs.field(converter=_tuple_of_arrays)
    lam: float = attrs.field(converter=float)
    converged: bool = attrs.field(converter=bool)
    n_iter: int = attrs.field(converter=int)
    tol: float = attrs.field(converter=float)
    method: str = attrs.field(default=METHOD)
    residual: float = attrs.field(default=0.0, converter=float)
    players: tuple[str, ...] = attrs.field(default=())
    actions: tuple[tuple[str, ...], ...] = attrs.field(default=())

    def to_dict(self) -> dict[str, float]:
        """``{"Player:Action": probability}``."""
        return {
            f"{p}:{a}": float(x)
            for p, acts, s in zip(self.players, self.actions, self.strategies, strict=True)
            for a, x in zip(acts, s, strict=True)
        }


@attrs.frozen(eq=False)
class QREPath:
    """The principal branch of the logit QRE correspondence and its limit.

    Attributes
    ----------
    path : pandas.DataFrame
        One row per accepted step: ``lam``, then one ``"Player:Action"``
        probability column per action.
    limit : Equilibrium or None
        The Nash equilibrium the branch leads to, verified (polished on the
        support the path suggests); None, with a ``ConvergenceWarning``, if
        none could be verified.
    converged : bool
        Whether the limit verified. The tracer normally reaches ``lam_max``;
        in degenerate games it may stall earlier where the branch has
        settled (the path's last ``lam`` says where), which is fine as long
        as the point there polishes to a verified equilibrium.
    n_iter : int
        Continuation steps taken.
    tol : float
        The absolute regret tolerance the limit was verified with (the
        relative ``tol`` times the payoff scale; NaN when there is no limit).
    method : str
    """

    path: Any
    limit: Equilibrium | None
    converged: bool = attrs.field(converter=bool)
    n_iter: int = attrs.field(converter=int)
    tol: float = attrs.field(converter=float)
    method: str = attrs.field(default=METHOD)


# -- the homotopy system ------------------------------------------------------


@attrs.frozen
class _System:
    """The QRE equations H(x, lam) = 0 on a payoff tensor scaled to at most 1."""

    payoffs: np.ndarray
    shape: tuple[int, ...]

    def sigmas(self, x: np.ndarray) -> list[np.ndarray]:
        return [np.exp(v) for v in split(x, self.shape)]

    def residual(self, y: np.ndarray) -> np.ndarray:
        x, lam = y[:-1], y[-1]
        sig = self.sigmas(x)
        out = []
        for xi, si, ui in zip(split(x, self.shape), sig, action_values(self.payoffs, sig), strict=True):
            out.append([si.sum() - 1.0])
            out.append(xi[1:] - xi[0] - lam * (ui[1:] - ui[0]))
        return np.concatenate(out)

    def jacobian(self, y: np.ndarray) -> np.ndarray:
        """d H / d (x, lam), shape (n, n + 1)."""
        x, lam = y[:-1], y[-1]
        sig = self.sigmas(x)
        blocks = value_blocks(self.payoffs, sig)
        # U_i is linear in any other player's strategy: read it off a block.
        values = [blocks[i][(i + 1) % len(sig)] @ sig[(i + 1) % len(sig)] for i in range(len(sig))]
        off = offsets(self.shape)
        n = off[-1]
        jac = np.zeros((n, n + 1))
        for i, k_i in enumerate(self.shape):
            r = off[i]
            jac[r, off[i]:off[i + 1]] = sig[i]
            rows = slice(r + 1, r + k_i)
            jac[rows, off[i] + 1:off[i + 1]] = np.eye(k_i - 1)
            jac[rows, off[i]] = -1.0
            for k in range(len(self.shape)):
                if k != i:
                    d = blocks[i][k]
                    assert d is not None  # value_blocks leaves only the diagonal (k == i) empty
                    # d/dx = d/dsigma * sigma (chain rule through sigma = exp(x))
                    jac[rows, off[k]:off[k + 1]] = -lam * (d[1:] - d[0]) * sig[k]
            jac[rows, n] = -(values[i][1:] - values[i][0])
        return jac


def _tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """Unit null vector of ``jac``, oriented to continue ``previous`` (or to raise lam)."""
    q, _ = np.linalg.qr(jac.T, mode="complete")
    t = q[:, -1]
    ref = t @ previous if previous is not None else t[-1]
    return -t if ref < 0 else t


def _correct(system: _System, y_pred: np.ndarray, t: np.ndarray, h: float):
    """Newton on ``H = 0`` within the hyperplane through ``y_pred`` orthogonal to ``t``.

    Returns (point, iterations) or (None, iterations) when the corrector
    moves too far (a sign of jumping to another branch) or fails to contract.
    """
    y = y_pred.copy()
    last = np.inf
    for it in range(1, _MAX_CORRECTOR + 1):
        res = system.residual(y)
        aug = np.vstack([system.jacobian(y), t])
        try:
            dy = np.linalg.solve(aug, -np.append(res, 0.0))
        except np.linalg.LinAlgError:
            return None, it
        size = float(np.linalg.norm(dy))
        done = size <= 1e-11 * (1 + np.linalg.norm(y))
        if not np.isfinite(size):
            return None, it
        # A first correction large against the step means the prediction left
        # the branch's neighbourhood; a growing one means Newton is not contracting.
        if not done and ((it == 1 and size > 0.5 * h) or size > 0.5 * last):
            return None, it
        y = y + dy
        last = size
        if done:
            return y, it
    return None, _MAX_CORRECTOR


def _newton_fixed_lam(system: _System, y: np.ndarray, max_iter: int = 40) -> np.ndarray | None:
    """Newton in x alone at the lam stored in ``y[-1]``; the most accurate iterate, or None."""
    y = y.copy()
    best, best_res, stalled = None, np.inf, 0
    floor = 1e-15 * (1 + abs(y[-1])) * len(y)  # round-off in lam * U
    for _ in range(max_iter):
        res = float(np.max(np.abs(system.residual(y))))
        if res < best_res:
            best, best_res, stalled = y.copy(), res, 0
        else:
            stalled += 1
        if best_res <= floor or stalled >= 3:
            break
        try:
            dx = np.linalg.solve(system.jacobian(y)[:, :-1], -system.residual(y))
        except np.linalg.LinAlgError:
            break
        y[:-1] += dx
        if not np.all(np.isfinite(y)):
            break
    return best if best_res < 1e-8 * (1 + abs(y[-1])) else None


def _start(system: _System) -> np.ndarray:
    """Uniform play at lam = 0, as (log-probabilities, lam)."""
    return np.concatenate([np.full(k, -np.log(k)) for k in system.shape] + [[0.0]])


@attrs.define
class _Trace:
    """What the tracer hands back: visited points, the end point, steps, success."""

    points: list
    end: np.ndarray
    n_iter: int
    reached: bool


def _trace(system: _System, lam_stop: float, max_steps: int, progress: bool,
           first_step: float = 0.03) -> _Trace:
    """Follow the principal branch from lam = 0 until it first reaches ``lam_stop``."""
    from tqdm.auto import tqdm

    y = _start(system)
    points = [y]
    if lam_stop <= 0.0:
        return _Trace(points, y, 0, True)
    t = _tangent(system.jacobian(y), None)
    h, n_iter = first_step, 0
    bar = tqdm(total=max_steps, disable=not progress, desc="tracing QRE branch")
    try:
        while n_iter < max_steps and h > 1e-12:
            y_new, iters = _correct(system, y + h * t, t, h)
            if y_new is None:
                h *= 0.5
                continue
            t_new = _tangent(system.jacobian(y_new), t)
            cos = float(t_new @ t)
            if cos < _MIN_COS:  # the branch turned too sharply: a smaller step sees the turn
                h *= 0.5
                continue
            if y_new[-1] >= lam_stop:
                frac = (lam_stop - y[-1]) / (y_new[-1] - y[-1])
                guess = y + frac * (y_new - y)
                guess[-1] = lam_stop
                landed = _newton_fixed_lam(system, guess)
                if landed is None:
                    h *= 0.5
                    continue
                points.append(landed)
                bar.update(1)
                return _Trace(points, landed, n_iter + 1, True)
            y, t = y_new, t_new
            points.append(y)
            n_iter += 1
            bar.update(1)
            # Easy steps grow the step: far out the branch is nearly straight.
            if iters <= 2 and cos > 0.9999:
                h *= 2.0
            elif iters <= 4:
                h *= 1.25
    finally:
        bar.close()
    return _Trace(points, y, n_iter, False)


# -- public functions ---------------------------------------------------------


def _system(game: NormalFormGame) -> _System:
    return _System(game.payoffs / game.payoff_scale, game.shape)


def qre(game: NormalFormGame, lam: float, tol: float = 1e-12, *, max_steps: int = 10_000,
        progress: bool = False) -> QREResult:
    """The logit QRE at precision ``lam`` on the principal branch.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    lam : float
        Precision, ``>= 0``, in the game's payoff units: 0 is uniform play,
        large values approach a Nash equilibrium.
    tol : float, default 1e-12
        Target on the fixed-point residual ``max |sigma - logit_response(sigma)|``.
    max_steps : int
        Most continuation steps before giving up (with a ``ConvergenceWarning``).
    progress : bool
        Show a tqdm bar.

    Returns
    -------
    QREResult
        Where the branch, traced from ``lam = 0``, first reaches ``lam``
        (after a turning point a branch can pass the same ``lam`` again).

    References
    ----------
    McKelvey & Palfrey (1995), eq. (2): ``sigma_ij = exp(lam U_ij) / sum_k exp(lam U_ik)``.
    Turocy (2005), section 3: the principal branch as a homotopy path.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> mp = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> r = ns.qre(mp, 0.0)
    >>> [s.tolist() for s in r.strategies]
    [[0.5, 0.5], [0.5, 0.5]]
    >>> r = ns.qre(mp, 5.0)
    >>> r.converged, r.residual < 1e-10
    (True, True)
    >>> round(float(r.strategies[1][0]), 4)   # pygambit logit_solve_lambda agrees: 0.34993
    0.3499
    """
    game = _check_game(game)
    lam = number_in(lam, "lam", 0.0, low_open=False)
    tol = number_in(tol, "tol", 0.0)
    system = _system(game)
    traced = _trace(system, lam * game.payoff_scale, positive_int(max_steps, "max_steps"), progress)
    sigmas = [s / s.sum() for s in system.sigmas(traced.end[:-1])]
    resid = float(max(np.max(np.abs(a - b)) for a, b in zip(sigmas, logit_response(game, sigmas, lam), strict=True)))
    converged = traced.reached and resid <= max(tol, 1e-14)
    if not converged:
        reached = float(traced.end[-1]) / game.payoff_scale
        msg = (f"qre: stopped at lam={reached:.6g} after {traced.n_iter} steps "
               f"(target lam={lam:.6g}, residual {resid:.3g}); the profile is not the QRE at lam")
        warn(msg, ConvergenceWarning)
    return QREResult(
        strategies=sigmas, lam=float(traced.end[-1]) / game.payoff_scale, converged=converged,
        n_iter=traced.n_iter, tol=tol, residual=resid, players=game.players, actions=game.actions,
    )


def _path_frame(game: NormalFormGame, system: _System, points: list):
    import pandas as pd

    columns = [f"{p}:{a}" for p, acts in zip(game.players, game.actions, strict=True) for a in acts]
    lam = np.array([y[-1] for y in points]) / game.payoff_scale
    probs = np.exp(np.array([y[:-1] for y in points]))
    frame = pd.DataFrame(probs, columns=columns)
    frame.insert(0, "lam", lam)
    return frame


def qre_path(game: NormalFormGame, lam_max: float | None = None, max_steps: int = 10_000,
             progress: bool = False, tol: float | None = None) -> QREPath:
    """Trace the principal logit QRE branch from ``lam = 0`` and find its limit.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    lam_max : float, optional
        Where to stop tracing, in the game's payoff units; default
        ``1e6 / game.payoff_scale``. The limit is polished from there.
    max_steps : int, default 10000
        Most continuation steps.
    progress : bool, default False
        Show a tqdm bar.
    tol : float, optional
        Regret tolerance (relative to the payoff scale) the limit is verified with.

    Returns
    -------
    QREPath
        ``path`` (a DataFrame: ``lam`` and ``"Player:Action"`` columns) and
        ``limit``, the verified Nash equilibrium the branch leads to. The
        profile at ``lam_max`` is only close to it, so the limit is the
        solution of the indifference equations on the support that profile
        suggests, and it is returned only when its regret verifies.

    References
    ----------
    Turocy (2005), "A dynamic homotopy interpretation of the logistic quantal
    response equilibrium correspondence", GEB 51, sections 3-4.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> chicken = ns.NormalFormGame.from_arrays(
    ...     [[0, -1], [1, -10]], [[0, 1], [-1, -10]],
    ...     actions=(("Swerve", "Straight"),) * 2)
    >>> res = ns.qre_path(chicken)
    >>> res.limit.strategy("Player 1")   # the symmetric mixed equilibrium, not a pure one
    {'Swerve': 0.9, 'Straight': 0.1}
    >>> list(res.path.columns)
    ['lam', 'Player 1:Swerve', 'Player 1:Straight', 'Player 2:Swerve', 'Player 2:Straight']
    """
    game = _check_game(game)
    lam_max = 1e6 / game.payoff_scale if lam_max is None else number_in(lam_max, "lam_max", 0.0)
    system = _system(game)
    traced = _trace(system, lam_max * game.payoff_scale, positive_int(max_steps, "max_steps"), progress)
    end = [s / s.sum() for s in system.sigmas(traced.end[:-1])]
    note = (f"Limit of the principal logit QRE branch (McKelvey & Palfrey 1995), "
            f"traced to lam={float(traced.end[-1]) / game.payoff_scale:.3g}.",)
    limit = polish(game, end, method=METHOD, tol=tol, notes=note)
    # In degenerate games the branch can become so ill-conditioned far out that the
    # corrector stalls before lam_max; the point where it settled still identifies the
    # limit when it polishes to a verified equilibrium. Only an unverified end is a failure.
    if limit is None:
        msg = (f"qre_path: the branch was traced to lam={float(traced.end[-1]) / game.payoff_scale:.6g} "
               f"in {traced.n_iter} steps (target {lam_max:.6g}) and no equilibrium near its end verified")
        warn(msg, ConvergenceWarning)
    return QREPath(
        path=_path_frame(game, system, traced.points), limit=limit,
        converged=limit is not None, n_iter=traced.n_iter,
        tol=limit.tol if limit is not None else np.nan,
    )


def qre_solve(game: NormalFormGame, tol: float | None = None, **options: Any) -> EquilibriumSet:
    """``solve(game, method="qre")``: the limit of the principal logit QRE branch.

    ``options`` go to :func:`qre_path` (``lam_max``, ``max_steps``,
    ``progress``). The set holds one equilibrium (or none, with a note, if
    the limit could not be verified) and is never complete.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> mp = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eqs = ns.solve(mp, method="qre")
    >>> eqs[0].strategies, eqs.complete
    ((array([0.5, 0.5]), array([0.5, 0.5])), False)
    """
    result = qre_path(game, tol=tol, **options)
    notes = ["The logit QRE traces one equilibrium; others may exist."]
    if result.limit is None:
        notes.append("The traced limit did not verify as an equilibrium; none is returned.")
    return EquilibriumSet(
        [] if result.limit is None else [result.limit], complete=False, method="qre",
        game=game, notes=notes,
    )
