"""Strategic logit and probit: maximum-likelihood estimation of a crisis tree's utilities.

Each estimated utility is linear in covariates, ``u = b0 + b1 x1 + ...``;
every agent of the tree chooses with agent error (Signorino 1999), so that
the chance of each action is ``F(EU(R) - EU(L))`` with ``F`` the logistic or
standard normal CDF and the expected utilities taken backwards through the
tree. The likelihood of a crisis is the chance of its observed outcome, the
product of the choices on the outcome's path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from negotiation_sim._numeric import as_rng
from negotiation_sim._validate import positive_int
from negotiation_sim._warnings import warn
from negotiation_sim.errors import (
    ConvergenceError,
    ConvergenceWarning,
    EstimationError,
    InvalidParameterError,
    UnknownNameError,
)
from negotiation_sim.estimate import _data, _inference, _likelihood
from negotiation_sim.estimate.results import StrategicFit
from negotiation_sim.estimate.trees import StrategicGame, strategic_game

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["strategic_logit", "MAX_BOOTSTRAP"]

#: Most bootstrap replicates one call may ask for.
MAX_BOOTSTRAP = 2000
#: Largest |EU(R) - EU(L)| at a node before a chance is 1 to double precision (logit: e**-36 ~ 2e-16).
_SATURATED = {"logit": 36.0, "probit": 8.2}


def _check_link(link: Any) -> str:
    if link not in _likelihood.LINKS:
        msg = f"link must be one of {list(_likelihood.LINKS)}, got {link!r}"
        raise UnknownNameError(msg)
    return link


def _start_vector(start: Any, names: list[str]) -> np.ndarray:
    beta = np.zeros(len(names))
    if start is None:
        return beta
    if not isinstance(start, Mapping):
        msg = f"start must be None or a dict from coefficient names ({names[0]!r}, ...) to numbers"
        raise InvalidParameterError(msg)
    for key, value in start.items():
        if key not in names:
            msg = f"start: {key!r} is not a coefficient of this model; its coefficients are {names}"
            raise UnknownNameError(msg)
        beta[names.index(key)] = float(value)
    return beta


def _saturation_check(game: StrategicGame, design: _likelihood.Design, link: str, index: Any):
    """A callable that raises when some node's choice is certain to double precision (separation)."""

    def check(beta: np.ndarray) -> None:
        ev = _likelihood.evaluate(game, design, beta, link, grad=False)
        for j, nd in enumerate(game.nodes):
            # |log P(L)| or |log P(R)| beyond the saturation point: the chance is 1 to round-off.
            worst = np.minimum(ev.log_l[j], ev.log_r[j])
            bound = _likelihood._log_cdf(np.array([-_SATURATED[link]]), link)[0]
            if np.any(worst < bound):
                row = index[int(np.argmin(worst))]
                names = sorted({game.payoffs[nd.player][o] for o in game.outcomes_below(j)} - {None, "-"})
                msg = (f"the maximisation diverged: at player {nd.player + 1}'s node (utilities "
                       f"{', '.join(names)}) the chance of one action reaches 1 to double precision "
                       f"(row {row!r}); the likelihood keeps rising as coefficients grow, which happens when "
                       f"a covariate separates the outcomes (perfect prediction); drop or recode that covariate")
                raise ConvergenceError(msg)

    return check


def _fit(game: StrategicGame, design: _likelihood.Design, y: np.ndarray, link: str, names: list[str],
         start: np.ndarray, index: Any, max_iter: int) -> _inference.Maximum:
    def fun(b: np.ndarray) -> tuple[float, np.ndarray]:
        return _likelihood.loglik(game, design, b, y, link)

    def scores(b: np.ndarray) -> np.ndarray:
        return _likelihood.score_rows(game, design, b, y, link)

    return _inference.maximise(fun, start, design.n_rows, names, max_iter=max_iter,
                               check_bounds=_saturation_check(game, design, link, index), scores=scores)


def strategic_logit(data: Any, outcome: str, utilities: Mapping[str, Sequence[str]], game: str = "egame12",
                    link: str = "logit", *, outcomes: Sequence[Any] | None = None,
                    start: Mapping[str, float] | None = None, bootstrap: int = 0,
                    rng: np.random.Generator | int | None = None, max_iter: int = 2000) -> StrategicFit:
    """Fit a crisis tree's utilities, linear in covariates, by maximum likelihood with agent error.

    Parameters
    ----------
    data : pandas.DataFrame or str or os.PathLike
        One row per crisis (a path is read as CSV): the covariates and the
        observed outcome. Rows are never dropped: a missing value raises.
    outcome : str
        The column of observed outcomes (terminals of the tree).
    utilities : dict
        From each utility to estimate (see :func:`strategic_game`: ``"u1"``
        for ``"one_decision"``; ``"u11", "u13", "u14", "u24"`` for
        ``"egame12"``, ...) to its list of covariate columns; a constant is
        added to each. A utility of the game left out is fixed at 0.
    game : str, default "egame12"
        ``"one_decision"``, ``"egame12"``, ``"egame122"`` or ``"egame123"``
        (:mod:`negotiation_sim.estimate.trees` draws them).
    link : {"logit", "probit"}, default "logit"
        Extreme-value (logit) or normal (probit, Signorino 1999) agent error.
    outcomes : sequence, optional
        The labels of the tree's outcomes, left to right, as they appear in
        the outcome column; default ``0, 1, ..., K-1``.
    start : dict, optional
        Start values by coefficient name; default all 0 (every agent 50-50).
    bootstrap : int, default 0
        Nonparametric bootstrap replicates (rows resampled with replacement,
        each refitted from the estimate), at most :data:`MAX_BOOTSTRAP`.
    rng : numpy.random.Generator or int or None
        Randomness of the bootstrap.
    max_iter : int, default 2000
        Most iterations (BFGS, then up to 20 Newton steps) before a ``ConvergenceError``.

    Returns
    -------
    StrategicFit
        ``params`` (a Series indexed ``"u11:const"``, ``"u11:x"``, ...),
        ``bse``, ``llf``, ``fitted``, ``table()``, ``summary()``.

    Raises
    ------
    EstimationError
        Naming the column: a missing or infinite value, an outcome not in
        ``outcomes`` or never observed, a constant or collinear covariate,
        a regressor in all of a player's utilities (not identified), or a
        singular information matrix at the maximum.
    DataTypeError
        ``data`` not a DataFrame or path, or a non-numeric covariate (also a ``TypeError``).
    UnknownNameError
        A utility the game does not have, a column not in the data, an unknown game or link.
    ConvergenceError
        The maximisation did not converge or diverged (separation); no estimate is returned.

    Notes
    -----
    The chance of action R at a node is ``F(EU(R) - EU(L))``: each action's
    error is standard extreme-value (logit) or normal with variance 1/2
    (probit), so that one decision is an ordinary logit or probit. Signorino
    (1999) and the R package ``games`` give each action's error variance 1
    (``F((EU(R) - EU(L)) / sqrt(2))``), so their coefficients are ``sqrt(2)``
    times these. Standard errors invert the observed information, the
    central-difference Hessian of the analytic gradient. Start values of 0
    are ``games``' ``startvals="zero"``; strategic likelihoods can have more
    than one local maximum, so try other ``start`` values when in doubt.

    References
    ----------
    Signorino, C. S. (1999). "Strategic Interaction and the Statistical
    Analysis of International Conflict." *APSR* 93(2): 279-297.
    Kenkel, B. & Signorino, C. S. (2014). ``games`` R package: ``egame12``,
    ``egame122``, ``egame123``.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> crises = ns.estimate.load_crises()          # 500 synthetic crises, egame12
    >>> fit = ns.estimate.strategic_logit(
    ...     crises, "outcome", {"u11": [], "u14": ["advantage", "support"], "u24": ["support", "advantage"]},
    ...     game="egame12", outcomes=["status quo", "concession", "war"])
    >>> list(fit.params.index)
    ['u11:const', 'u14:const', 'u14:advantage', 'u14:support', 'u24:const', 'u24:support', 'u24:advantage']
    >>> round(float(fit.params["u24:support"]), 2), round(float(fit.bse["u24:support"]), 2)   # truth: 3.0
    (3.55, 0.54)
    """
    import pandas as pd

    spec = strategic_game(game)
    link = _check_link(link)
    df = _data.read_data(data)
    if len(df) == 0:
        msg = "data has no rows"
        raise EstimationError(msg)
    utils = _data.check_utilities(spec, utilities)
    y, labels = _data.encode_outcome(df, outcome, spec, outcomes)
    design = _data.build_design(df, utils)
    names = _data.param_names(utils)
    n_boot = _bootstrap_count(bootstrap)
    best = _fit(spec, design, y, link, names, _start_vector(start, names), df.index,
                positive_int(max_iter, "max_iter"))
    cov = np.linalg.inv(-best.hessian)
    ev = _likelihood.evaluate(spec, design, best.beta, link, grad=False)
    fitted = pd.DataFrame(_likelihood.outcome_probabilities(spec, ev), index=df.index,
                          columns=[f"Pr({lab})" for lab in labels])
    boot, failed = (None, 0) if n_boot == 0 else _bootstrap(spec, design, y, link, names, best.beta, n_boot, rng)
    return StrategicFit(
        game=spec, link=link, outcome=outcome, outcomes=labels, utilities=utils,
        params=pd.Series(best.beta, index=names, name="estimate"),
        cov=pd.DataFrame(cov, index=names, columns=names), llf=best.llf, nobs=len(df), fitted=fitted,
        n_iter=best.n_iter, grad_max=best.grad_max,
        observed=tuple(int(c) for c in np.bincount(y, minlength=spec.n_outcomes)),
        boot_params=boot, boot_failed=failed,
    )


def _bootstrap_count(value: Any) -> int:
    if value == 0 and not isinstance(value, bool):
        return 0
    n = positive_int(value, "bootstrap")
    if n > MAX_BOOTSTRAP:
        msg = f"bootstrap must be at most {MAX_BOOTSTRAP} replicates, got {n}"
        raise InvalidParameterError(msg)
    return n


def _bootstrap(spec: StrategicGame, design: _likelihood.Design, y: np.ndarray, link: str, names: list[str],
               beta: np.ndarray, n_boot: int, rng: Any) -> tuple[pd.DataFrame, int]:
    """Refit on ``n_boot`` resamples of the rows; failed refits are counted, not kept."""
    import pandas as pd

    gen = as_rng(rng)
    n = design.n_rows
    rows, failed = [], 0
    for _ in range(n_boot):
        idx = gen.integers(0, n, size=n)
        yb = y[idx]
        if np.bincount(yb, minlength=spec.n_outcomes).min() == 0:
            failed += 1
            continue
        sub = _likelihood.Design({u: (x[idx], sl) for u, (x, sl) in design.blocks.items()}, design.n_params, n)
        try:
            rows.append(_fit(spec, sub, yb, link, names, beta.copy(), np.arange(n), 2000).beta)
        except (EstimationError, ConvergenceError):
            failed += 1
    if failed:
        warn(f"strategic_logit: {failed} of {n_boot} bootstrap refits failed (a resample missing an outcome, "
             f"or no maximum) and are left out of the bootstrap columns", ConvergenceWarning)
    if not rows:
        msg = f"every one of the {n_boot} bootstrap refits failed; there is no bootstrap estimate"
        raise ConvergenceError(msg)
    return pd.DataFrame(np.array(rows), columns=names), failed
