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

Each step predicts along the unit tangent, evaluates the analytic Jacobian
of these equations once at the predicted point (``_System``: for two
players a constant matrix times ``sigma``; for N players one contraction of
the differenced payoff tensor per pair of players), inverts the bordered
matrix ``[J; t]`` and corrects by chord-Newton iterations on the hyperplane
orthogonal to ``t``; the inverse's last column is the next tangent
(Allgower & Georg 1990, *Numerical Continuation Methods*; Gambit's tracer
likewise evaluates one Jacobian per step, at the predicted point). Because the
parameter is arc length and not ``lam``, the tracer follows the branch
through turning points where ``lam`` falls back. The tangent is oriented by
continuity with the previous one (not by the sign of a determinant, which
flips at a bifurcation), and steps whose tangent turns sharply or whose
corrector struggles are rejected and halved, so at a pitchfork (symmetric
games such as Chicken) the tracer stays on the smooth principal branch
instead of jumping onto a branch that crosses it. Easy steps grow ``h`` (at most doubling it).

By default tracing stops at the first QRE whose largest regret is at most
``1e-8`` of the game's payoff range (Gambit's ``logit_solve`` rule); the
limit is then the exact equilibrium on the support that QRE suggests,
returned only if its regret verifies.

Payoffs are divided by the game's payoff scale while tracing, so the tracer
behaves the same on a game and on the game with every payoff multiplied by
1000; ``lam`` in results is in the game's own units (multiplying payoffs by
``c > 0`` divides it by ``c``).
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import readonly
from negotiation_sim._validate import number_in, positive_int
from negotiation_sim._warnings import warn
from negotiation_sim.errors import ConvergenceWarning, SolverError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._multilinear import action_values, offsets, split
from negotiation_sim.solvers._regret import _check_game, verified_equilibrium
from negotiation_sim.solvers._support_polish import candidate_supports, solve_support
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet

__all__ = ["QREResult", "QREPath", "qre", "qre_path", "qre_solve", "logit_response"]

METHOD = "logit_qre"
#: Largest turn (cosine of the angle) between successive tangents in one accepted step.
_MIN_COS = 0.99
_MAX_CORRECTOR = 10
#: Step-size target: the first correction as a fraction of the step.
_TARGET_RATIO = 0.1
#: Chord-Newton corrections stop below this step (2-norm in (log sigma, lam)); the point
#: then solves the equations to about the last step times the contraction rate.
_CORRECTOR_TOL = 1e-10
#: The same when only the limit is wanted (``qre_solve``): the points are not returned, and the
#: polisher makes the end exact (Gambit's tracer corrects to 1e-4).
_LIMIT_CORRECTOR_TOL = 1e-5
#: Default stop: the largest regret at most this times the payoff range (Gambit's maxregret).
_STOP_REGRET = 1e-8
#: Default cap on the scaled lam when the regret rule does not stop the tracer first.
_LAM_CAP = 1e9

_MINUS_ONE = np.array([-1.0])

try:  # the gufunc behind numpy.linalg.inv (see _inverse); public inv if numpy moves it
    from numpy.linalg import _umath_linalg

    _INV_UFUNC: Any = _umath_linalg.inv
except (ImportError, AttributeError):  # pragma: no cover - depends on the numpy build
    _INV_UFUNC = None


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
    ``n - N`` log-odds rows ``x_ij - x_i0 - lam * g_ij`` with the gains
    ``g_ij = U_ij - U_i0``, ``j > 0``. Everything that does not depend on
    the point is built once here, so one evaluation is a handful of matrix
    products. ``M[(i, j), (k, b)] = d g_ij / d sigma_kb`` is a constant
    matrix for two players, linear in sigma for three (one product with a
    precomputed matrix), and one contraction of the differenced payoff tensor
    per pair of players beyond. ``g_i`` is multilinear and does not depend on
    ``sigma_i``, so ``M @ sigma = (N - 1) g`` (Euler's theorem for functions
    of degree 1 in each other player's strategy).
    """

    def __init__(self, payoffs: np.ndarray, shape: tuple[int, ...]) -> None:
        self.payoffs, self.shape = payoffs, tuple(shape)
        n_players, off = len(shape), offsets(shape)
        n = int(off[-1])
        self.n, self.n_players = n, n_players
        self.starts = off[:-1]
        base = np.repeat(self.starts, shape)  # each action's player's action 0
        rest = np.arange(n) != base
        self.non_base = np.flatnonzero(rest)  # actions j > 0: row N + r of H is non_base[r]
        rows = np.arange(n_players, n)
        # Whole (n, n) matrices, the normalisation rows included, so that one
        # evaluation is a few matrix operations (see ``evaluate``):
        # rz @ sigma gives the sums, dz @ x the log-odds x_ij - x_i0; ``linear`` stacks
        # them with the constants, to multiply (sigma, x, -1).
        self.rz = np.zeros((n, n))
        self.rz[np.repeat(np.arange(n_players), shape), np.arange(n)] = 1.0
        self.dz = np.zeros((n, n))
        self.dz[rows, self.non_base] = 1.0
        self.dz[rows, base[rest]] = -1.0
        self.linear = np.hstack([self.rz, self.dz, (np.arange(n) < n_players).astype(float)[:, None]])
        # g as a tensor: player i's payoffs differenced along its own axis.
        tensors = [np.take(payoffs[..., i], range(1, k), axis=i) - np.take(payoffs[..., i], [0], axis=i)
                   for i, k in enumerate(shape)]
        # For each pair {i, k}: the blocks (i, k) and (k, i) of M stacked, to multiply
        # by the outer product of the other players' strategies; ``targets`` are their
        # flat positions in the (n, n) matrix whose first N rows are zero.
        row_off = n_players + offsets([k - 1 for k in shape])
        self.pairs: list[tuple[np.ndarray, tuple[int, ...]]] = []
        targets = []
        for i in range(n_players):
            for k in range(i + 1, n_players):
                others = tuple(j for j in range(n_players) if j not in (i, k))
                width = int(np.prod([shape[j] for j in others]))
                mats = []
                for a, b in ((i, k), (k, i)):
                    t = np.transpose(tensors[a], (a, b, *others))
                    mats.append(t.reshape(t.shape[0] * t.shape[1], width))
                    rows_a = np.arange(row_off[a], row_off[a + 1]) * n
                    targets.append(np.add.outer(rows_a, np.arange(off[b], off[b + 1])).ravel())
                self.pairs.append((np.concatenate(mats), others))
        self.targets = np.concatenate(targets) if targets else np.zeros(0, dtype=int)
        self.mz_const: np.ndarray | None = None
        self.mz_linear: np.ndarray | None = None
        if n_players == 2:  # M is constant
            flat = np.zeros(n * n)
            flat[self.targets] = self.pairs[0][0].ravel()
            self.mz_const = flat.reshape(n, n)
        elif n_players == 3:  # M is linear in sigma: M.ravel() = mz_linear @ sigma
            self.mz_linear = np.zeros((n * n, n))
            pos = 0
            for mat, others in self.pairs:
                j = others[0]
                self.mz_linear[self.targets[pos:pos + mat.shape[0]], off[j]:off[j + 1]] = mat
                pos += mat.shape[0]

    def sigmas(self, x: np.ndarray) -> list[np.ndarray]:
        return [np.exp(v) for v in split(x, self.shape)]

    def _m(self, sig: np.ndarray) -> np.ndarray:
        """``M`` at ``sig`` (see the class docstring), with ``N`` zero rows on top."""
        if self.mz_const is not None:
            return self.mz_const
        if self.mz_linear is not None:
            return (self.mz_linear @ sig).reshape(self.n, self.n)
        parts = []
        for mat, others in self.pairs:
            v = sig[self.starts[others[0]]:self.starts[others[0]] + self.shape[others[0]]]
            for j in others[1:]:
                v = np.multiply.outer(v, sig[self.starts[j]:self.starts[j] + self.shape[j]]).ravel()
            parts.append(mat @ v)
        flat = np.zeros(self.n * self.n)
        flat[self.targets] = np.concatenate(parts)
        return flat.reshape(self.n, self.n)

    def evaluate(self, y: np.ndarray, jac: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(H(y), g)`` at ``y = (x, lam)``, ``g`` with ``N`` leading zeros; with
        ``jac`` (shape ``(>= n, n + 1)``), write ``dH/dy`` (analytic) into its first ``n`` rows."""
        n = self.n
        x, lam = y[:n], y[n]
        sig = np.exp(x)
        mz = self._m(sig)
        gains = mz @ sig
        if self.n_players > 2:
            gains *= 1.0 / (self.n_players - 1)
        # The sums minus 1 and the log-odds x_ij - x_i0 in one product, then -lam g.
        res = self.linear @ np.concatenate((sig, x, _MINUS_ONE)) - lam * gains
        if jac is not None:
            # d/dx of sum_a sigma_ia is sigma; of x_ij - x_i0 the constant dz;
            # of -lam g the chain rule through sigma = exp(x): -lam M * sigma.
            jac[:n, :n] = (self.rz - lam * mz) * sig + self.dz
            jac[:n, n] = -gains
        return res, gains

    def residual(self, y: np.ndarray) -> np.ndarray:
        return self.evaluate(y)[0]

    def jacobian(self, y: np.ndarray) -> np.ndarray:
        """d H / d (x, lam), shape (n, n + 1), analytic."""
        jac = np.empty((self.n, self.n + 1))
        self.evaluate(y, jac)
        return jac

    def regret(self, y: np.ndarray, gains: np.ndarray) -> float:
        """Largest regret, in scaled payoffs, of the QRE ``y = (x, lam)`` on the branch.

        On the branch ``U_ij - U_ik = (x_ij - x_ik) / lam``, so player ``i``'s
        regret is ``(max_j x_ij - sum_j sigma_ij x_ij) / lam``: far out that is
        accurate where the payoff differences themselves (of the order of
        ``1 / lam``) are not. ``gains`` (from ``evaluate``) are used at ``lam = 0``.
        """
        n, lam = self.n, float(y[self.n])
        x = y[:n]
        weights = np.exp(x)
        if lam <= 0:  # the same formula, with the payoff differences in place of the log-odds
            x, lam = np.zeros(n), 1.0
            x[self.non_base] = gains[self.n_players:]
        gaps = np.maximum.reduceat(x, self.starts) - np.add.reduceat(weights * x, self.starts)
        return float(gaps.max()) / lam


def _newton_fixed_lam(system: _System, y: np.ndarray, max_iter: int = 40) -> np.ndarray | None:
    """Newton in x alone at the lam stored in ``y[-1]``; the most accurate iterate, or None."""
    y = y.copy()
    best, best_res, stalled = None, np.inf, 0
    floor = 1e-15 * (1 + abs(y[-1])) * len(y)  # round-off in lam * U
    for _ in range(max_iter):
        jac = np.empty((system.n, system.n + 1))
        res_vec, _ = system.evaluate(y, jac)
        res = float(np.max(np.abs(res_vec)))
        if res < best_res:
            best, best_res, stalled = y.copy(), res, 0
        else:
            stalled += 1
        if best_res <= floor or stalled >= 3:
            break
        try:
            dx = np.linalg.solve(jac[:, :-1], -res_vec)
        except np.linalg.LinAlgError:
            break
        y[:-1] += dx
        if not np.all(np.isfinite(y)):
            break
    return best if best_res < 1e-8 * (1 + abs(y[-1])) else None


def _inverse(a: np.ndarray) -> np.ndarray:
    """``inv(a)``, not finite when ``a`` is singular (the corrector then rejects the step).

    numpy's ``linalg.inv`` spends most of its time on small matrices in
    argument checks and an ``errstate`` block; its gufunc alone costs a
    fraction of that, which matters at one inverse per continuation step.
    Call it inside ``np.errstate(invalid="ignore", divide="ignore", over="ignore")``.
    """
    if _INV_UFUNC is None:
        try:
            return np.linalg.inv(a)
        except np.linalg.LinAlgError:
            return np.full_like(a, np.nan)
    return _INV_UFUNC(a, signature="d->d")


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
           first_step: float = 0.03, stop_regret: float | None = None,
           corrector_tol: float = _CORRECTOR_TOL) -> _Trace:
    """Follow the principal branch from lam = 0 until it first reaches ``lam_stop``.

    With ``stop_regret``, stop earlier at the first point whose regret (in
    scaled payoffs) is at most that: the profile is then that close to a
    Nash equilibrium, and the polisher finds the exact one.

    One step (Allgower & Georg 1990; Turocy 2005): predict
    ``y + h t``; evaluate the analytic Jacobian there once, invert the
    bordered matrix ``[J; t]``, and run chord-Newton corrections within the
    hyperplane orthogonal to ``t`` (residuals only). The last column of that
    inverse solves ``J z = 0, t @ z = 1``: the next tangent, oriented by
    continuity. A step is rejected and halved when the first correction is
    large against ``h``, the corrections stop contracting, or the tangent
    turns sharply; easy steps grow ``h``.
    """
    y = _start(system)
    points = [y]
    n = system.n
    if lam_stop <= 0.0:
        return _Trace(points, y, 0, True)
    aug = np.zeros((n + 1, n + 1))
    _, gains = system.evaluate(y, aug)
    if stop_regret is not None and system.regret(y, gains) <= stop_regret:
        return _Trace(points, y, 0, True)
    aug[n, n] = 1.0  # at lam = 0, dH/dx is regular: the branch starts upwards
    t = np.linalg.solve(aug, aug[n])
    t /= math.sqrt(t @ t)
    h, n_iter, refreshed = first_step, 0, True
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=max_steps, desc="tracing QRE branch")
    evaluate, regret, inverse, sqrt = system.evaluate, system.regret, _inverse, math.sqrt  # loop locals
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # for _inverse
        try:
            while n_iter < max_steps and h > 1e-12 * (1.0 + abs(y[n])):
                y_new = y + h * t
                res, gains = evaluate(y_new, aug)
                aug[n] = t
                inv = inverse(aug)
                step = inv[:, :n]
                first, last, ok = 0.0, math.inf, False
                tol = corrector_tol * (1.0 + 1e-6 * abs(y_new[n]))
                for it in range(_MAX_CORRECTOR):
                    dy = step @ res
                    size = sqrt(dy @ dy)
                    # A first correction large against the step means the prediction left
                    # the branch's neighbourhood (but the point it starts from is only
                    # corrected to tol: allow that); a slowly shrinking one means the
                    # chord iteration is not contracting.
                    if not math.isfinite(size) or size > (max(0.5 * h, 100.0 * tol) if it == 0 else 0.5 * last):
                        break
                    if it == 0:
                        first = size
                    y_new = y_new - dy
                    # The chord iteration contracts linearly: the next correction would be
                    # about size * (size / last); stop when that is below the tolerance.
                    if size <= tol or (it > 0 and size * size <= tol * last):
                        ok = True
                        break
                    last = size
                    res, gains = evaluate(y_new)
                if not ok:
                    h *= 0.5
                    continue
                z = inv[:, n]
                t_new = z / sqrt(z @ z)
                cos = float(t_new @ t)
                if cos < _MIN_COS:
                    # The branch turned too sharply, or the tangent kept from the last
                    # step (computed at its predicted point) is stale: refresh it here
                    # once, then halve the step until the turn is seen.
                    if not refreshed:
                        refreshed = True
                        evaluate(y, aug)
                        aug[n] = t
                        fresh = inverse(aug)[:, n]
                        if np.all(np.isfinite(fresh)):
                            t = fresh / sqrt(fresh @ fresh)
                        continue
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
                y, t, refreshed = y_new, t_new, False
                points.append(y)
                n_iter += 1
                if bar is not None:
                    bar.update(1)
                if stop_regret is not None and regret(y, gains) <= stop_regret:
                    return _Trace(points, y, n_iter, True)
                # Easy steps grow the step: far out the branch is nearly straight.
                # The first correction grows like h^2 (the branch's curvature): aim the
                # next one at _TARGET_RATIO of the step, at most doubling the step.
                ratio = first / h
                if ratio < 0.01 and cos > 0.9999:
                    h *= 2.0
                elif ratio < _TARGET_RATIO:
                    h *= min(1.6, math.sqrt(_TARGET_RATIO / ratio))
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


def _path_frame(game: NormalFormGame, points: list):
    import pandas as pd

    columns = [f"{p}:{a}" for p, acts in zip(game.players, game.actions, strict=True) for a in acts]
    ys = np.array(points)
    probs = np.exp(ys[:, :-1])
    data = {"lam": ys[:, -1] / game.payoff_scale}
    data.update({c: probs[:, j] for j, c in enumerate(columns)})
    return pd.DataFrame(data)


def _polish_limit(game: NormalFormGame, system: _System, approx: list[np.ndarray],
                  tol: float | None, notes: tuple[str, ...]) -> Equilibrium | None:
    """The exact equilibrium on the first support ``approx`` suggests that verifies, or None.

    The same candidates as :func:`~negotiation_sim.solvers._support_polish.polish`,
    solved one at a time (stopping at the first that verifies) and with the
    profile on its support tried before ``approx`` itself: a tracer stopped at
    a small regret has tiny but non-zero probabilities off the support, and
    the limit should not keep them.
    """
    for supp in candidate_supports(approx):
        solved: list[np.ndarray] | None
        if all(len(a) == 1 for a in supp):  # a pure profile: nothing to solve
            solved = [np.eye(k)[a[0]] for k, a in zip(system.shape, supp, strict=True)]
        else:
            solved = solve_support(system.payoffs, approx, supp)
        if solved is None:
            continue
        try:
            return verified_equilibrium(game, solved, method=METHOD, tol=tol, notes=notes)
        except SolverError:
            continue
    try:
        return verified_equilibrium(game, approx, method=METHOD, tol=tol, notes=notes)
    except SolverError:
        return None


def _limit(game: NormalFormGame, lam_max: float | None, max_steps: int, progress: bool,
           tol: float | None, corrector_tol: float = _CORRECTOR_TOL,
           caller: str = "qre_path") -> tuple[_Trace, Equilibrium | None]:
    """Trace the branch (to ``lam_max``, or until the regret rule stops it) and polish its end."""
    lam_max = None if lam_max is None else number_in(lam_max, "lam_max", 0.0)
    max_steps = positive_int(max_steps, "max_steps")
    system = _system(game)
    if lam_max is None:
        stop = _STOP_REGRET * float(np.ptp(game.payoffs)) / game.payoff_scale
        traced = _trace(system, _LAM_CAP, max_steps, progress, stop_regret=stop, corrector_tol=corrector_tol)
    else:
        traced = _trace(system, lam_max * game.payoff_scale, max_steps, progress, corrector_tol=corrector_tol)
    end = [s / s.sum() for s in system.sigmas(traced.end[:-1])]
    lam_end = float(traced.end[-1]) / game.payoff_scale
    note = (f"Limit of the principal logit QRE branch (McKelvey & Palfrey 1995), traced to lam={lam_end:.3g}.",)
    limit = _polish_limit(game, system, end, tol, note)
    # In degenerate games the branch can become so ill-conditioned far out that the
    # corrector stalls early; the point where it settled still identifies the limit
    # when it polishes to a verified equilibrium. Only an unverified end is a failure.
    if limit is None:
        if traced.n_iter >= max_steps:
            why = f"max_steps={max_steps} ran out"
        elif not traced.reached:
            why = "the corrector stalled"
        else:
            why = "the stopping rule was met" if lam_max is None else "lam_max was reached"
        msg = (f"{caller}: the branch was traced to lam={lam_end:.6g} in {traced.n_iter} steps "
               f"({why}) and no equilibrium near its end verified")
        warn(msg, ConvergenceWarning)
    return traced, limit


def qre_path(game: NormalFormGame, lam_max: float | None = None, max_steps: int = 10_000,
             progress: bool = False, tol: float | None = None) -> QREPath:
    """Trace the principal logit QRE branch from ``lam = 0`` and find its limit.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    lam_max : float, optional
        Where to stop tracing, in the game's payoff units. By default the
        tracer stops at the first QRE whose largest regret is at most
        ``1e-8`` times the game's payoff range (largest minus smallest
        payoff: the rule of Gambit's ``logit_solve``, ``maxregret=1e-8``),
        or at ``lam = 1e9 / game.payoff_scale``. The limit is polished from there.
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
        profile at the end of the path is only close to it, so the limit is
        the solution of the indifference equations on the support that
        profile suggests, and it is returned only when its regret verifies.

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
    traced, limit = _limit(game, lam_max, max_steps, progress, tol)
    return QREPath(
        path=_path_frame(game, traced.points), limit=limit,
        converged=limit is not None, n_iter=traced.n_iter,
        tol=limit.tol if limit is not None else np.nan,
    )


def qre_solve(game: NormalFormGame, tol: float | None = None, *, lam_max: float | None = None,
              max_steps: int = 10_000, progress: bool = False) -> EquilibriumSet:
    """``solve(game, method="qre")``: the limit of the principal logit QRE branch.

    The options are those of :func:`qre_path`. The path itself is not
    kept, so its points are corrected only to about ``1e-5`` (those of
    :func:`qre_path` to about ``1e-10``; Gambit's tracer corrects to
    ``1e-4``): the limit is the same exact, verified equilibrium. The set holds one
    equilibrium (or none, with a note, if the limit could not be verified)
    and is never complete.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> mp = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eqs = ns.solve(mp, method="qre")
    >>> eqs[0].strategies, eqs.complete
    ((array([0.5, 0.5]), array([0.5, 0.5])), False)
    """
    game = _check_game(game)
    _, limit = _limit(game, lam_max, max_steps, progress, tol, _LIMIT_CORRECTOR_TOL, "qre_solve")
    notes = ["The logit QRE traces one equilibrium; others may exist."]
    if limit is None:
        notes.append("The traced limit did not verify as an equilibrium; none is returned.")
    return EquilibriumSet(
        [] if limit is None else [limit], complete=False, method="qre",
        game=game, notes=notes,
    )
