"""Synthetic crises from an agent-error tree with known coefficients."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from negotiation_sim._numeric import as_rng
from negotiation_sim._validate import positive_int
from negotiation_sim.errors import EstimationError, InvalidParameterError, UnknownNameError
from negotiation_sim.estimate import _data, _likelihood
from negotiation_sim.estimate.strategic import _check_link
from negotiation_sim.estimate.trees import strategic_game

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["simulate", "MAX_ROWS"]

#: Most crises one call may draw.
MAX_ROWS = 10_000_000


def _parse_params(params: Any, utilities_order: tuple[str, ...]) -> dict[str, dict[str, float]]:
    """``{"u14:x": 1.0, ...}`` as ``{"u14": {"const": ..., "x": 1.0}}`` in the game's order."""
    if not isinstance(params, Mapping) or not params:
        msg = "params must be a non-empty dict from coefficient names such as 'u14:const' or 'u14:x' to numbers"
        raise InvalidParameterError(msg)
    out: dict[str, dict[str, float]] = {}
    for key, value in params.items():
        if not isinstance(key, str) or ":" not in key:
            msg = f"params: {key!r} is not a coefficient name of the form 'utility:column' (e.g. 'u14:x')"
            raise UnknownNameError(msg)
        u, col = key.split(":", 1)
        if u not in utilities_order:
            msg = f"params: {key!r} names utility {u!r}, which is not one of {list(utilities_order)}"
            raise UnknownNameError(msg)
        try:
            v = float(value)
        except (TypeError, ValueError):
            msg = f"params[{key!r}] must be a number, got {value!r}"
            raise InvalidParameterError(msg) from None
        if not np.isfinite(v):
            msg = f"params[{key!r}] must be finite, got {value!r}"
            raise InvalidParameterError(msg)
        out.setdefault(u, {})[col] = v
    return {u: out[u] for u in utilities_order if u in out}


def simulate(params: Mapping[str, float], n: int | None = None, *, game: str = "egame12", link: str = "logit",
             data: Any = None, outcome: str = "outcome", outcomes: Sequence[Any] | None = None,
             rng: np.random.Generator | int | None = None, probabilities: bool = False) -> pd.DataFrame:
    """Draw synthetic crises from a tree whose utilities have known coefficients.

    Each agent, in each crisis, adds an independent error to the expected
    utility of each of its actions and takes the larger (the agent-error
    model of :func:`strategic_logit`): standard extreme-value errors for
    ``link="logit"``, normal errors of variance 1/2 for ``"probit"``.

    Parameters
    ----------
    params : dict
        Coefficients by name, ``{"u14:const": -1.0, "u14:x": 1.0, ...}``
        (the form of ``StrategicFit.params``); a utility with no coefficient
        is fixed at 0, a missing ``const`` is 0.
    n : int, optional
        How many crises; required without ``data``, at most :data:`MAX_ROWS`.
    game : str, default "egame12"
        As in :func:`strategic_logit`.
    link : {"logit", "probit"}
    data : DataFrame or path, optional
        Covariates to use, one row per crisis (with ``n``, the first ``n``
        rows). Without it, each covariate named in ``params`` is drawn
        independently from the standard normal.
    outcome : str, default "outcome"
        The name of the drawn outcome column.
    outcomes : sequence, optional
        Labels of the outcomes, left to right; default ``0, ..., K-1``.
    rng : numpy.random.Generator or int or None
    probabilities : bool, default False
        Also return each crisis's true chance of each outcome (``"Pr(<label>)"`` columns).

    Returns
    -------
    pandas.DataFrame
        The covariates and the outcome column.

    Raises
    ------
    InvalidParameterError, UnknownNameError, EstimationError
        Bad coefficients, sizes, labels or covariate columns (named).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> df = ns.estimate.simulate({"u1:const": 0.0, "u1:x": 2.0}, n=5, game="one_decision", rng=0)
    >>> list(df.columns), len(df)
    (['x', 'outcome'], 5)
    """
    import pandas as pd

    spec = strategic_game(game)
    link = _check_link(link)
    coefs = _parse_params(params, spec.utilities)
    gen = as_rng(rng)
    covariates = list(dict.fromkeys(c for cs in coefs.values() for c in cs if c != _data.CONST))
    if data is None:
        if n is None:
            msg = "simulate needs n (how many crises) when no data is given"
            raise InvalidParameterError(msg)
        rows = _rows(n)
        df = pd.DataFrame({c: gen.standard_normal(rows) for c in covariates})
        df.index = pd.RangeIndex(rows)
    else:
        df = _data.read_data(data)
        if n is not None:
            df = df.iloc[:_rows(n)]
        df = df.copy()
    if len(df) == 0:
        msg = "simulate: there are no rows to draw crises for"
        raise EstimationError(msg)
    utils = {u: tuple(c for c in cs if c != _data.CONST) for u, cs in coefs.items()}
    design = _data.build_design(df, utils, check=False)
    beta = np.array([coefs[u].get(c, 0.0) for u, cols in utils.items() for c in (_data.CONST, *cols)])
    labels = tuple(range(spec.n_outcomes)) if outcomes is None else tuple(outcomes)
    if len(labels) != spec.n_outcomes or len(set(labels)) != spec.n_outcomes:
        msg = f"outcomes must list {spec.n_outcomes} distinct labels for {spec.name}, got {list(labels)}"
        raise EstimationError(msg)
    ev = _likelihood.evaluate(spec, design, beta, link, grad=False)
    drawn = _draw(spec, ev, link, len(df), gen)
    df[outcome] = np.array(labels, dtype=object)[drawn] if outcomes is not None else drawn
    if probabilities:
        probs = _likelihood.outcome_probabilities(spec, ev)
        for k, lab in enumerate(labels):
            df[f"Pr({lab})"] = probs[:, k]
    return df


def _rows(n: Any) -> int:
    rows = positive_int(n, "n")
    if rows > MAX_ROWS:
        msg = f"n must be at most {MAX_ROWS} crises, got {rows}"
        raise InvalidParameterError(msg)
    return rows


def _draw(spec: Any, ev: Any, link: str, n: int, gen: np.random.Generator) -> np.ndarray:
    """Walk each crisis down the tree: at each node the agent takes the action of larger utility plus error."""
    where = np.zeros(n, dtype=int)  # the node each crisis is at, or -1 - outcome once it has ended
    for j, nd in enumerate(spec.nodes):
        at = where == j
        delta = ev.delta[j][at]  # EU(R) - EU(L) under the later agents' choice probabilities
        if link == "logit":
            eps = gen.gumbel(size=(int(at.sum()), 2))
        else:
            eps = gen.normal(scale=np.sqrt(0.5), size=(int(at.sum()), 2))
        right = delta + eps[:, 1] > eps[:, 0]
        for side, child in ((False, nd.left), (True, nd.right)):
            idx = np.flatnonzero(at)[right == side]
            where[idx] = child[1] if child[0] == "node" else -1 - child[1]
    return -1 - where
