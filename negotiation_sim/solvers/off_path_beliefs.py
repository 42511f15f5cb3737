"""The beliefs after a message that make a response optimal for the receiver.

After message ``m``, response ``r`` is a best response to a belief ``mu`` over
the sender's types when, for every other response ``r'``,
``sum_t mu[t] (R[t, m, r] - R[t, m, r']) >= 0``: a polyhedron in the simplex.
With two types it is an interval of ``P(first type)``; with more, a linear
program finds whether it is empty and the member closest to the prior.
"""

from __future__ import annotations

import numpy as np

from negotiation_sim._numeric import clean
from negotiation_sim.errors import SolverError
from negotiation_sim.games.signaling import SignalingGame
from negotiation_sim.solvers.pbe_equilibrium import BeliefSet

__all__ = ["belief_set", "best_response_constraints"]


def best_response_constraints(game: SignalingGame, message: int, response: int) -> np.ndarray:
    """Rows ``a`` with ``a @ mu >= 0`` iff ``response`` is a best response to ``mu`` after ``message``."""
    pay = game.receiver_payoffs[:, message, :]  # (n_types, n_responses)
    others = [r for r in range(game.n_responses) if r != response]
    return (pay[:, [response]] - pay[:, others]).T.reshape(len(others), game.n_types)


def _interval(rows: np.ndarray, atol: float) -> tuple[float, float] | None:
    """The interval of p = P(first type) with ``a0 p + a1 (1 - p) >= 0`` for every row."""
    lo, hi = 0.0, 1.0
    for a0, a1 in rows:
        slope = a0 - a1
        if abs(slope) <= atol:
            if min(a0, a1) < -atol:
                return None
            continue
        bound = -a1 / slope
        if slope > 0:
            lo = max(lo, bound)
        else:
            hi = min(hi, bound)
    if lo > hi + 1e-9:
        return None
    lo, hi = clean([min(lo, hi), max(lo, hi)])
    return float(lo), float(hi)


def _closest_feasible(rows: np.ndarray, allowed: np.ndarray, target: np.ndarray) -> np.ndarray | None:
    """The belief on ``allowed`` types satisfying ``rows @ mu >= 0`` nearest ``target`` (L1)."""
    from scipy.optimize import linprog

    n = len(target)
    # variables: mu (n) then u (n) with u >= |mu - target|; minimise sum(u)
    cost = np.concatenate([np.zeros(n), np.ones(n)])
    eye = np.eye(n)
    a_ub = np.vstack([np.hstack([eye, -eye]), np.hstack([-eye, -eye]),
                      np.hstack([-rows, np.zeros((len(rows), n))])])
    b_ub = np.concatenate([target, -target, np.zeros(len(rows))])
    a_eq = np.concatenate([np.ones(n), np.zeros(n)])[None, :]
    bounds = [(0.0, 1.0 if ok else 0.0) for ok in allowed] + [(0.0, None)] * n
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=bounds, method="highs")
    if res.status == 2:  # infeasible
        return None
    if res.status != 0:
        msg = f"the belief linear program failed: {res.message}"
        raise SolverError(msg)
    mu = np.clip(res.x[:n], 0.0, None)
    return clean(mu / mu.sum())


def belief_set(game: SignalingGame, message: int, response: int, atol: float,
               allowed: np.ndarray | None = None) -> BeliefSet | None:
    """The beliefs (on ``allowed`` types) after ``message`` that support ``response``.

    Parameters
    ----------
    game : SignalingGame
    message, response : int
        Indices.
    atol : float
        Absolute payoff tolerance.
    allowed : numpy.ndarray of bool, optional
        Restrict beliefs to these types (default: all).

    Returns
    -------
    BeliefSet or None
        None when no such belief exists.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.SignalingGame(types=("Weak", "Strong"), prior=[0.1, 0.9],
    ...     messages=("Beer", "Quiche"), responses=("Duel", "No duel"),
    ...     sender_payoffs=[[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    >>> belief_set(g, 0, 0, 1e-9).interval
    (0.5, 1.0)
    """
    rows = best_response_constraints(game, message, response)
    allowed = np.ones(game.n_types, dtype=bool) if allowed is None else np.asarray(allowed, bool)
    names = (game.types, game.messages[message], game.responses[response])
    if game.n_types == 2 and allowed.all():
        interval = _interval(rows, atol)
        if interval is None:
            return None
        p = min(max(float(game.prior[0]), interval[0]), interval[1])
        return BeliefSet(names[1], names[2], names[0], rows, [p, 1.0 - p], interval)
    target = np.where(allowed, game.prior, 0.0)
    mu = _closest_feasible(rows, allowed, target / target.sum())
    if mu is None:
        return None
    return BeliefSet(names[1], names[2], names[0], rows, mu)
