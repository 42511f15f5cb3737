"""Maximising a smooth log-likelihood and its Hessian: BFGS, then Newton steps, then checks.

The optimiser is told the analytic gradient; the Hessian is the central
difference of that gradient (step ``1e-5 * max(1, |b|)`` per coefficient,
error of order ``h**2``), symmetrised. An estimate is returned only when the
gradient has vanished to a tolerance and the Hessian is negative definite.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import numpy as np

from negotiation_sim.errors import ConvergenceError, EstimationError

__all__ = ["Maximum", "maximise", "numerical_hessian", "GRAD_TOL"]

#: The largest |gradient of the mean log-likelihood| accepted at a maximum.
GRAD_TOL = 1e-6
_MAX_NEWTON = 20


@attrs.frozen(eq=False)
class Maximum:
    beta: np.ndarray
    llf: float
    hessian: np.ndarray
    n_iter: int
    grad_max: float


def numerical_hessian(grad: Callable[[np.ndarray], np.ndarray], beta: np.ndarray) -> np.ndarray:
    """Central differences of ``grad`` around ``beta``, symmetrised."""
    k = len(beta)
    h = np.empty((k, k))
    for j in range(k):
        step = 1e-5 * max(1.0, abs(beta[j]))
        up, down = beta.copy(), beta.copy()
        up[j] += step
        down[j] -= step
        h[:, j] = (grad(up) - grad(down)) / (2 * step)
    return 0.5 * (h + h.T)


def maximise(fun: Callable[[np.ndarray], tuple[float, np.ndarray]], start: np.ndarray, n_rows: int,
             names: list[str], max_iter: int = 2000,
             check_bounds: Callable[[np.ndarray], None] | None = None,
             scores: Callable[[np.ndarray], np.ndarray] | None = None) -> Maximum:
    """Maximise ``fun`` (log-likelihood, gradient) from ``start``.

    Raises ConvergenceError when BFGS and Newton do not reach a point where
    the mean gradient is below :data:`GRAD_TOL`, and EstimationError when the
    coefficients named in the message are not identified there: the rows'
    scores (``scores(beta)``, one gradient per row) have a null direction, or
    the Hessian is not negative definite.
    """
    from scipy import optimize


    def neg_mean(b: np.ndarray) -> tuple[float, np.ndarray]:
        f, g = fun(b)
        if not np.isfinite(f):
            return np.inf, np.zeros_like(b)
        return -f / n_rows, -g / n_rows

    def mean_grad(b: np.ndarray) -> np.ndarray:
        return fun(b)[1] / n_rows

    res = optimize.minimize(neg_mean, start, jac=True, method="BFGS",
                            options={"gtol": 1e-9, "maxiter": max_iter})
    beta = np.asarray(res.x, dtype=float)
    if check_bounds is not None:
        check_bounds(beta)
    n_iter = int(res.nit)
    # Newton from where BFGS stopped: quadratic convergence near the maximum (within max_iter in all).
    for _ in range(max(0, min(_MAX_NEWTON, max_iter - n_iter))):
        g = mean_grad(beta)
        if np.max(np.abs(g)) < 1e-3 * GRAD_TOL:  # BFGS usually gets here by itself
            break
        hess = numerical_hessian(mean_grad, beta)
        try:
            step = np.linalg.solve(hess, -g)
        except np.linalg.LinAlgError:
            break
        f0 = neg_mean(beta)[0]
        t = 1.0
        while t > 1e-4 and neg_mean(beta + t * step)[0] > f0 + 1e-15 * abs(f0):
            t *= 0.5
        if t <= 1e-4:
            break
        beta = beta + t * step
        n_iter += 1
    g = mean_grad(beta)
    grad_max = float(np.max(np.abs(g)))
    if check_bounds is not None:
        check_bounds(beta)
    if not np.isfinite(grad_max) or grad_max > GRAD_TOL:
        worst = names[int(np.nanargmax(np.abs(g)))] if np.isfinite(g).any() else names[0]
        msg = (f"the maximisation did not converge: after {n_iter} iterations the gradient of the mean "
               f"log-likelihood is {grad_max:.3g} (tolerance {GRAD_TOL:g}), largest for {worst}; "
               f"try other start values, rescale the covariates, or simplify the utilities")
        raise ConvergenceError(msg)
    if scores is not None:
        _check_scores(scores(beta), names)
    hess = numerical_hessian(mean_grad, beta) * n_rows
    _check_definite(hess, names)
    llf = float(fun(beta)[0])
    return Maximum(beta, llf, hess, n_iter, grad_max)


#: Smallest singular value of the score matrix, relative to the largest, of an identified model.
_RANK_TOL = 1e-8


def _flat(vec: np.ndarray, names: list[str]) -> str:
    return ", ".join(names[i] for i in np.argsort(-np.abs(vec)) if abs(vec[i]) > 0.1 * np.max(np.abs(vec)))


def _check_scores(s: np.ndarray, names: list[str]) -> None:
    """A direction in which no row's likelihood moves is not identified, whatever the curvature says.

    The scores are analytic, so such a direction shows as a singular value at
    round-off level (1e-16 relative), far below :data:`_RANK_TOL`, while the
    central-difference Hessian would blur it to about 1e-9.
    """
    _, sv, vt = np.linalg.svd(s, full_matrices=False)
    if sv[0] > 0 and sv[-1] > _RANK_TOL * sv[0]:
        return
    msg = (f"the data do not identify the coefficients {_flat(vt[-1], names)}: a combination of them changes "
           f"no crisis's likelihood (for instance a utility that enters only through a choice probability "
           f"that does not vary across crises); add a covariate that varies that probability, drop one of "
           f"these coefficients, or fix one of these utilities at 0")
    raise EstimationError(msg)


def _check_definite(hess: np.ndarray, names: list[str]) -> None:
    """The observed information ``-hess`` must be positive definite; else name the flat direction."""
    info = -hess
    vals, vecs = np.linalg.eigh(info)
    top = max(float(vals[-1]), 1e-300)
    if vals[0] > 1e-10 * top:
        return
    msg = (f"the information matrix is not positive definite at the point reached (smallest eigenvalue "
           f"{vals[0]:.3g}, largest {top:.3g}): the data do not identify the combination of "
           f"{_flat(vecs[:, 0], names)}; drop one of these covariates or fix one of these utilities at 0")
    raise EstimationError(msg)
