"""Choice probabilities, outcome probabilities and the log-likelihood of an agent-error tree.

With agent error (Signorino 1999), the agent at a
node adds an independent error to the expected utility of each of its two
actions and takes the larger. With type-I extreme-value errors the chance of
R is the logistic function of the difference ``EU(R) - EU(L)``; with normal
errors of variance 1/2 it is the standard normal CDF of that difference. So
in both links ``P(R) = F(EU(R) - EU(L))``, and one decision is an ordinary
logit or probit. (Signorino 1999 and ``games`` give each action's error
variance 1, so their ``P(R) = F((EU(R) - EU(L)) / sqrt(2))``: their
coefficients are ``sqrt(2)`` times these.) Expected utilities are taken
backwards through the tree with the later agents' choice probabilities.

Everything is computed for all rows at once, together with its derivative
with respect to the coefficients (forward mode), which gives the analytic
gradient of the log-likelihood.
"""

from __future__ import annotations

from typing import Any, Literal, overload

import attrs
import numpy as np

from negotiation_sim.estimate.trees import StrategicGame

__all__ = ["Design", "LINKS", "evaluate"]

LINKS = ("logit", "probit")
_LOG_SQRT_2PI = 0.5 * np.log(2 * np.pi)


@attrs.frozen(eq=False)
class Design:
    """The regressors of the estimated utilities: ``blocks[name] = (X, slice into beta)``."""

    blocks: dict[str, tuple[np.ndarray, slice]]
    n_params: int
    n_rows: int


def _log_cdf(x: np.ndarray, link: str) -> np.ndarray:
    from scipy import special

    return -np.logaddexp(0.0, -x) if link == "logit" else special.log_ndtr(x)


def _dlog_cdf(x: np.ndarray, link: str) -> np.ndarray:
    """d/dx log F(x) = f(x) / F(x), computed without overflow."""
    from scipy import special

    if link == "logit":
        return special.expit(-x)
    return np.exp(-0.5 * x * x - _LOG_SQRT_2PI - special.log_ndtr(x))


def cdf(x: np.ndarray, link: str) -> np.ndarray:
    from scipy import special

    return special.expit(x) if link == "logit" else special.ndtr(x)


@attrs.define
class _Eval:
    """Per node: ``EU(R) - EU(L)``, the log chance of L and of R (and gradients), the chance of R."""

    delta: list
    log_l: list
    log_r: list
    dlog_l: list
    dlog_r: list
    p_r: list


def evaluate(game: StrategicGame, design: Design, beta: np.ndarray, link: str, grad: bool = True) -> _Eval:
    """Backward induction over ``game`` for every row at coefficients ``beta``."""
    n, k = design.n_rows, design.n_params
    utils: dict[str, tuple[np.ndarray, Any]] = {}
    for name, (x, sl) in design.blocks.items():
        d = None
        if grad:
            d = np.zeros((n, k))
            d[:, sl] = x
        utils[name] = (x @ beta[sl], d)
    zero = (np.zeros(n), np.zeros((n, k)) if grad else None)
    nn = len(game.nodes)
    out = _Eval([None] * nn, [None] * nn, [None] * nn, [None] * nn, [None] * nn, [None] * nn)
    memo: dict[tuple[tuple[str, int], int], tuple[np.ndarray, Any]] = {}

    def value(child: tuple[str, int], player: int) -> tuple[np.ndarray, Any]:
        """Player's expected utility (and gradient) at ``child`` under later agents' choices."""
        key = (child, player)
        if key in memo:
            return memo[key]
        kind, j = child
        if kind == "outcome":
            name = game.payoffs[player][j]
            res = zero if name is None or name not in utils else utils[name]
        else:
            node(j)
            node_ = game.nodes[j]
            (vl, dl), (vr, dr) = value(node_.left, player), value(node_.right, player)
            p = out.p_r[j]
            v = vl + p * (vr - vl)
            d = None
            if grad:
                dp = p[:, None] * (out.dlog_r[j])  # dp = p * dlog p
                d = dl + p[:, None] * (dr - dl) + dp * (vr - vl)[:, None]
            res = (v, d)
        memo[key] = res
        return res

    def node(j: int) -> None:
        if out.p_r[j] is not None:
            return
        nd = game.nodes[j]
        (vl, dl), (vr, dr) = value(nd.left, nd.player), value(nd.right, nd.player)
        delta = vr - vl
        out.delta[j] = delta
        out.p_r[j] = cdf(delta, link)
        out.log_r[j] = _log_cdf(delta, link)
        out.log_l[j] = _log_cdf(-delta, link)
        if grad:
            dd = dr - dl
            out.dlog_r[j] = _dlog_cdf(delta, link)[:, None] * dd
            out.dlog_l[j] = -_dlog_cdf(-delta, link)[:, None] * dd

    for j in range(nn):
        node(j)
    return out


def outcome_probabilities(game: StrategicGame, ev: _Eval) -> np.ndarray:
    """``(n_rows, n_outcomes)``: the chance of each outcome, the product of the choices on its path."""
    cols = []
    for o in range(game.n_outcomes):
        logp = sum((ev.log_r[j] if side else ev.log_l[j]) for j, side in game.path(o))
        cols.append(np.exp(logp))
    return np.column_stack(cols)


@overload
def loglik(game: StrategicGame, design: Design, beta: np.ndarray, y: np.ndarray, link: str,
           grad: Literal[True] = ...) -> tuple[float, np.ndarray]: ...


@overload
def loglik(game: StrategicGame, design: Design, beta: np.ndarray, y: np.ndarray, link: str,
           grad: bool) -> tuple[float, np.ndarray | None]: ...


def loglik(game: StrategicGame, design: Design, beta: np.ndarray, y: np.ndarray, link: str,
           grad: bool = True) -> tuple[float, np.ndarray | None]:
    """The log-likelihood of outcomes ``y`` (ints) and, if asked, its gradient."""
    ev = evaluate(game, design, beta, link, grad)
    total = 0.0
    g = np.zeros(design.n_params) if grad else None
    for o in range(game.n_outcomes):
        rows = y == o
        if not rows.any():
            continue
        for j, side in game.path(o):
            total += float(np.sum((ev.log_r[j] if side else ev.log_l[j])[rows]))
            if grad:
                g += (ev.dlog_r[j] if side else ev.dlog_l[j])[rows].sum(axis=0)
    return total, g


def score_rows(game: StrategicGame, design: Design, beta: np.ndarray, y: np.ndarray, link: str) -> np.ndarray:
    """``(n_rows, n_params)``: each row's gradient of its log-likelihood (analytic)."""
    ev = evaluate(game, design, beta, link, grad=True)
    out = np.zeros((design.n_rows, design.n_params))
    for o in range(game.n_outcomes):
        rows = y == o
        for j, side in game.path(o):
            out[rows] += (ev.dlog_r[j] if side else ev.dlog_l[j])[rows]
    return out


def loglik_rows(game: StrategicGame, design: Design, beta: np.ndarray, y: np.ndarray, link: str) -> np.ndarray:
    """Each row's log-likelihood contribution."""
    ev = evaluate(game, design, beta, link, grad=False)
    out = np.zeros(design.n_rows)
    for o in range(game.n_outcomes):
        rows = y == o
        for j, side in game.path(o):
            out[rows] += (ev.log_r[j] if side else ev.log_l[j])[rows]
    return out
