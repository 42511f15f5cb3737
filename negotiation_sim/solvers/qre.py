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
_MAX_CORRECTOR = 10


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


class _System:
    """The QRE equations H(x, lam) = 0 on a payoff tensor scaled to at most 1.

    The ``N`` normalisation rows ``sum_a exp(x_ia) - 1`` come first, then the
    ``n - N`` log-odds rows ``x_ij - x_i0 - lam * (U_ij - U_i0)``, ``j > 0``.
    Everything that does not depend on the point is built once here, so one
    evaluation is a handful of matrix products: ``M[(i, j), (k, b)]``,
    the derivative of ``U_ij - U_i0`` with respect to ``sigma_kb``, is a
    constant matrix for two players and one contraction of the differenced
    payoff tensor per pair of players otherwise. ``U_i`` is multilinear and
    does not depend on ``sigma_i``, so ``M @ sigma = (N - 1) (U_ij - U_i0)``
    (Euler's theorem for functions of degree 1 in each other player's strategy).
    """

    def __init__(self, payoffs: np.ndarray, shape: tuple[int, ...]) -> None:
        self.payoffs, self.shape = payoffs, tuple(shape)
        n_players, off = len(shape), offsets(shape)
        n = int(off[-1])
        self.n, self.n_players = n, n_players
        self.starts = off[:-1]
        owner = np.repeat(np.arange(n_players), shape)
        self.sum_rows = (owner[None, :] == np.arange(n_players)[:, None]).astype(float)
        row_off = offsets([k - 1 for k in shape])
        rest = np.ones(n, dtype=bool)
        rest[self.starts] = False
        self.non_base = np.flatnonzero(rest)  # columns of actions j > 0, in row order
        self.diff = np.zeros((n - n_players, n))
        self.diff[np.arange(n - n_players), self.non_base] = 1.0
        self.diff[np.arange(n - n_players), np.repeat(self.starts, [k - 1 for k in shape])] = -1.0
        # U_ij - U_i0 as a tensor: player i's payoffs differenced along its own axis.
        tensors = [np.take(payoffs[..., i], range(1, k), axis=i) - np.take(payoffs[..., i], [0], axis=i)
                   for i, k in enumerate(shape)]
        self.pairs: list[tuple[np.ndarray, tuple[int, ...], np.ndarray]] = []
        targets = []
        for i in range(n_players):
            for k in range(i + 1, n_players):
                others = tuple(j for j in range(n_players) if j not in (i, k))
                mats, idx = [], []
                for a, b in ((i, k), (k, i)):
                    t = np.transpose(tensors[a], (a, b, *others))
                    mats.append(t.reshape(t.shape[0] * t.shape[1], int(np.prod([shape[j] for j in others]))))
                    rows, cols = np.meshgrid(np.arange(row_off[a], row_off[a + 1]),
                                             np.arange(off[b], off[b + 1]), indexing="ij")
                    idx.append((rows * n + cols).ravel())
                self.pairs.append((np.ascontiguousarray(np.vstack(mats)), others, np.concatenate(idx)))
                targets.append(np.concatenate(idx))
        self.targets = np.concatenate(targets) if targets else np.zeros(0, dtype=int)
        self.const_m = None
        if n_players == 2:
            m = np.zeros(((n - n_players) * n,))
            m[self.targets] = self.pairs[0][0].ravel()
            self.const_m = m.reshape(n - n_players, n)
        self.jac_template = np.zeros((n, n + 1))

    def sigmas(self, x: np.ndarray) -> list[np.ndarray]:
        return [np.exp(v) for v in split(x, self.shape)]

    def _m(self, sig: np.ndarray) -> np.ndarray:
        if self.const_m is not None:
            return self.const_m
        parts = []
        for mat, others, _ in self.pairs:
            v = sig[self.starts[others[0]]:self.starts[others[0]] + self.shape[others[0]]]
            for j in others[1:]:
                v = np.multiply.outer(v, sig[self.starts[j]:self.starts[j] + self.shape[j]]).ravel()
            parts.append(mat @ v)
        m = np.zeros(self.diff.size)
        m[self.targets] = np.concatenate(parts)
        return m.reshape(self.diff.shape)

    def evaluate(self, y: np.ndarray, jacobian: bool) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
        """``(H(y), dH/dy or None, U_ij - U_i0)`` at ``y = (x, lam)``."""
        n, n_players = self.n, self.n_players
        x, lam = y[:n], y[n]
        sig = np.exp(x)
        m = self._m(sig)
        gains = m @ sig
        if n_players > 2:
            gains /= n_players - 1
        res = np.empty(n)
        res[:n_players] = self.sum_rows @ sig - 1.0
        res[n_players:] = self.diff @ x - lam * gains
        if not jacobian:
            return res, None, gains
        jac = np.empty((n, n + 1))
        jac[:n_players, :n] = self.sum_rows * sig
        jac[:n_players, n] = 0.0
        jac[n_players:, :n] = self.diff - lam * (m * sig)
        jac[n_players:, n] = -gains
        return res, jac, gains

    def residual(self, y: np.ndarray) -> np.ndarray:
        return self.evaluate(y, False)[0]

    def jacobian(self, y: np.ndarray) -> np.ndarray:
        """d H / d (x, lam), shape (n, n + 1), analytic."""
        jac = self.evaluate(y, True)[1]
        assert jac is not None
        return jac

    def regret(self, x: np.ndarray, gains: np.ndarray) -> float:
        """Largest regret of the profile ``exp(x)`` (in scaled payoffs), from the gains ``U_ij - U_i0``."""
        sig = np.exp(x)
        values = np.zeros(self.n)
        values[self.non_base] = gains
        best = np.maximum.reduceat(values, self.starts)
        return float(np.max(best - np.add.reduceat(sig * values, self.starts) / np.add.reduceat(sig, self.starts)))


def _newton_fixed_lam(system: _System, y: np.ndarray, max_iter: int = 40) -> np.ndarray | None:
    """Newton in x alone at the lam stored in ``y[-1]``; the most accurate iterate, or None."""
    y = y.copy()
    best, best_res, stalled = None, np.inf, 0
    floor = 1e-15 * (1 + abs(y[-1])) * len(y)  # round-off in lam * U
    for _ in range(max_iter):
        res_vec, jac, _ = system.evaluate(y, True)
        res = float(np.max(np.abs(res_vec)))
        if res < best_res:
            best, best_res, stalled = y.copy(), res, 0
        else:
            stalled += 1
        if best_res <= floor or stalled >= 3:
            break
        assert jac is not None
        try:
            dx = np.linalg.solve(jac[:, :-1], -res_vec)
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


def _null_vector(jac: np.ndarray, previous: np.ndarray) -> np.ndarray | None:
    """Unit ``t`` with ``jac @ t = 0`` and ``t @ previous > 0``, from the bordered system."""
    n = jac.shape[0]
    aug = np.empty((n + 1, n + 1))
    aug[:n], aug[n] = jac, previous
    rhs = np.zeros(n + 1)
    rhs[n] = 1.0
    try:
        z = np.linalg.solve(aug, rhs)
    except np.linalg.LinAlgError:
        return None
    return z / np.sqrt(z @ z)


def _trace(system: _System, lam_stop: float, max_steps: int, progress: bool,
           first_step: float = 0.03, stop_regret: float | None = None) -> _Trace:
    """Follow the principal branch from lam = 0 until it first reaches ``lam_stop``.

    With ``stop_regret``, stop earlier at the first point whose regret (in
    scaled payoffs) is at most that: the profile is then that close to a
    Nash equilibrium, and the polisher finds the exact one.

    One step: predict ``y + h t``; evaluate the analytic Jacobian there once,
    invert the bordered matrix ``[J; t]``, and run chord-Newton corrections
    within the hyperplane orthogonal to ``t`` (residuals only); the last
    column of that inverse is the next tangent, already oriented by
    continuity (``t_new @ t > 0``).
    """
    y = _start(system)
    points = [y]
    n = system.n
    if lam_stop <= 0.0:
        return _Trace(points, y, 0, True)
    _, jac, gains = system.evaluate(y, True)
    if stop_regret is not None and system.regret(y[:n], gains) <= stop_regret:
        return _Trace(points, y, 0, True)
    assert jac is not None
    up = np.zeros(n + 1)
    up[n] = 1.0
    t = _null_vector(jac, up)  # at lam = 0, dH/dx is regular: the branch starts upwards
    assert t is not None
    h, n_iter = first_step, 0
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=max_steps, desc="tracing QRE branch")
    aug = np.empty((n + 1, n + 1))
    try:
        while n_iter < max_steps and h > 1e-12 * (1.0 + abs(y[n])):
            y_pred = y + h * t
            res, jac, gains = system.evaluate(y_pred, True)
            aug[:n] = jac
            aug[n] = t
            try:
                inv = np.linalg.inv(aug)
            except np.linalg.LinAlgError:
                h *= 0.5
                continue
            step = inv[:, :n]
            y_new, first, last, ok = y_pred, 0.0, np.inf, False
            tol = 1e-11 + 1e-14 * abs(y_pred[n])
            for it in range(_MAX_CORRECTOR):
                dy = step @ res
                size = float(np.sqrt(dy @ dy))
                if not np.isfinite(size):
                    break
                # A first correction large against the step means the prediction left
                # the branch's neighbourhood; a slowly shrinking one means the chord
                # iteration is not contracting.
                if it == 0:
                    first = size
                    if size > 0.5 * h:
                        break
                elif size > 0.5 * last:
                    break
                y_new = y_new - dy
                last = size
                if size <= tol:
                    ok = True
                    break
                res, _, gains = system.evaluate(y_new, False)
            if not ok:
                h *= 0.5
                continue
            z = inv[:, n]
            t_new = z / np.sqrt(z @ z)
            cos = float(t_new @ t)
            if cos < _MIN_COS:  # the branch turned too sharply: a smaller step sees the turn
                h *= 0.5
                continue
            if y_new[n] >= lam_stop:
                frac = (lam_stop - y[n]) / (y_new[n] - y[n])
                guess = y + frac * (y_new - y)
                guess[n] = lam_stop
                landed = _newton_fixed_lam(system, guess)
                if landed is None:
                    h *= 0.5
                    continue
                points.append(landed)
                if bar is not None:
                    bar.update(1)
                return _Trace(points, landed, n_iter + 1, True)
            y, t = y_new, t_new
            points.append(y)
            n_iter += 1
            if bar is not None:
                bar.update(1)
            if stop_regret is not None and system.regret(y[:n], gains) <= stop_regret:
                return _Trace(points, y, n_iter, True)
            # Easy steps grow the step: far out the branch is nearly straight.
            ratio = first / h
            if ratio < 0.01 and cos > 0.9999:
                h *= 2.0
            elif ratio < 0.1:
                h *= 1.25
    finally:
        if bar is not None:
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
