"""Data in: a DataFrame or a CSV path, one row per crisis; every problem named by its column.

Nothing is dropped or coerced silently: a missing value, an outcome that is
not one of the game's, a covariate that is not numeric, a constant or
collinear covariate, an outcome never observed and a regressor that cannot
be identified all raise an :class:`~negotiation_sim.errors.EstimationError`
naming the column.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from negotiation_sim.errors import DataTypeError, EstimationError, UnknownNameError
from negotiation_sim.estimate._likelihood import Design
from negotiation_sim.estimate.trees import StrategicGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["read_data", "check_utilities", "build_design", "encode_outcome", "param_names"]

CONST = "const"


def read_data(data: Any, name: str = "data") -> pd.DataFrame:
    """``data`` as a DataFrame: a DataFrame as it is, a path (str or os.PathLike) read as CSV."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, (str, os.PathLike)):
        try:
            return pd.read_csv(data)
        except FileNotFoundError:
            msg = f"{name}: no CSV file at {os.fspath(data)!r}"
            raise EstimationError(msg) from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
            msg = f"{name}: {os.fspath(data)!r} could not be read as CSV ({err})"
            raise EstimationError(msg) from None
    msg = f"{name} must be a pandas DataFrame or the path of a CSV file, not {type(data).__name__}"
    raise DataTypeError(msg)


def check_utilities(game: StrategicGame, utilities: Any) -> dict[str, tuple[str, ...]]:
    """``{utility: (column, ...)}`` in the game's order; unknown names and bad lists raise."""
    if not isinstance(utilities, Mapping):
        msg = (f"utilities must be a dict from utility names {list(game.utilities)} to lists of "
               f"columns, not {type(utilities).__name__}")
        raise DataTypeError(msg)
    unknown = [u for u in utilities if u not in game.utilities]
    if unknown:
        msg = (f"utilities: {unknown} {'is' if len(unknown) == 1 else 'are'} not a utility of {game.name}; "
               f"its utilities are {list(game.utilities)} ({game.describe()})")
        raise UnknownNameError(msg)
    if not utilities:
        msg = f"utilities is empty: name at least one of {list(game.utilities)} to estimate"
        raise EstimationError(msg)
    out = {}
    for u in game.utilities:
        if u not in utilities:
            continue
        cols = utilities[u]
        if cols is None:
            cols = ()
        if isinstance(cols, str) or not isinstance(cols, Sequence):
            msg = f"utilities[{u!r}] must be a list of column names (e.g. ['x']), got {cols!r}"
            raise DataTypeError(msg)
        cols = tuple(cols)
        for c in cols:
            if not isinstance(c, str):
                msg = f"utilities[{u!r}] must hold column names (strings), got {c!r}"
                raise DataTypeError(msg)
        if CONST in cols:
            msg = f"utilities[{u!r}] lists {CONST!r}: a constant is added to every utility; list covariates only"
            raise EstimationError(msg)
        if len(set(cols)) != len(cols):
            msg = f"utilities[{u!r}] lists a column twice: {list(cols)}"
            raise EstimationError(msg)
        out[u] = cols
    _check_identified(game, out)
    return out


def _check_identified(game: StrategicGame, utilities: dict[str, tuple[str, ...]]) -> None:
    """A regressor in a player's utility at every outcome after its first move cancels out.

    Only differences between a player's utilities enter its choices, so adding
    ``c * x`` to all of them changes no probability (Lewis & Schultz 2003;
    ``games`` refuses such a model too).
    """
    for top in game.top_nodes():
        player = game.nodes[top].player
        names = [game.payoffs[player][o] for o in game.outcomes_below(top)]
        if any(n is None or n not in utilities for n in names):
            continue
        common = set.intersection(*({CONST, *utilities[n]} for n in names))
        for col in sorted(common):
            what = "the constant" if col == CONST else f"column {col!r}"
            msg = (f"{what} enters all of {', '.join(names)} (player {player + 1}'s utilities at every outcome "
                   f"after its first move), so only differences between them are identified: leave one of "
                   f"these utilities out of utilities (fixing it at 0)"
                   + ("" if col == CONST else f" or drop {col!r} from one of them"))
            raise EstimationError(msg)


def _numeric_column(df: pd.DataFrame, col: str, what: str) -> np.ndarray:
    import pandas as pd

    if col not in df.columns:
        msg = f"{what} column {col!r} is not in the data; its columns are {list(map(str, df.columns))}"
        raise UnknownNameError(msg)
    s = df[col]
    if isinstance(s, pd.DataFrame):
        msg = f"the data has more than one column named {col!r}"
        raise EstimationError(msg)
    if s.dtype == bool:
        s = s.astype(float)
    if not pd.api.types.is_numeric_dtype(s):
        msg = (f"{what} column {col!r} is not numeric (dtype {s.dtype}); encode it as numbers, "
               f"e.g. a 0/1 indicator per category")
        raise DataTypeError(msg)
    values = s.to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(values)
    if bad.any():
        rows = list(df.index[bad][:5])
        kind = "missing" if np.isnan(values[bad]).any() else "infinite"
        msg = (f"{what} column {col!r} has {int(bad.sum())} {kind} value(s) (rows {rows}"
               f"{', ...' if bad.sum() > 5 else ''}); drop or fill them first, e.g. data.dropna(subset=[{col!r}])")
        raise EstimationError(msg)
    return values


def param_names(utilities: dict[str, tuple[str, ...]]) -> list[str]:
    """``"u1:const", "u1:x", ...`` in the order of the coefficient vector."""
    return [f"{u}:{c}" for u, cols in utilities.items() for c in (CONST, *cols)]


def build_design(df: pd.DataFrame, utilities: dict[str, tuple[str, ...]], check: bool = True) -> Design:
    """The regressor blocks; with ``check``, constant and collinear covariates raise, naming the column."""
    n = len(df)
    blocks = {}
    start = 0
    for u, cols in utilities.items():
        x = np.column_stack([np.ones(n)] + [_numeric_column(df, c, "covariate") for c in cols])
        if check:
            _check_collinear(x, u, (CONST, *cols))
        blocks[u] = (x, slice(start, start + x.shape[1]))
        start += x.shape[1]
    return Design(blocks, start, n)


def _check_collinear(x: np.ndarray, utility: str, names: tuple[str, ...]) -> None:
    """Raise if a column of ``x`` is (numerically) a linear combination of the ones before it."""
    for j in range(1, x.shape[1]):
        col = x[:, j]
        scale = float(np.linalg.norm(col))
        if np.ptp(col) == 0.0:
            msg = (f"covariate column {names[j]!r} (in {utility}) is constant ({col[0]:g} in every row), "
                   f"so it is collinear with the constant of {utility}; drop it")
            raise EstimationError(msg)
        coef, *_ = np.linalg.lstsq(x[:, :j], col, rcond=None)
        resid = np.linalg.norm(col - x[:, :j] @ coef)
        if resid <= 1e-9 * max(scale, 1.0):
            others = ", ".join(names[:j])
            msg = (f"covariate column {names[j]!r} (in {utility}) is a linear combination of {others} on these "
                   f"rows (collinear), so its coefficient is not identified; drop it")
            raise EstimationError(msg)


def encode_outcome(df: pd.DataFrame, outcome: Any, game: StrategicGame,
                   outcomes: Sequence[Any] | None, require_all: bool = True) -> tuple[np.ndarray, tuple]:
    """The outcome column as ints ``0..K-1`` (the game's terminals, left to right) and the labels."""
    if not isinstance(outcome, str):
        msg = f"outcome must be the name of the outcome column (a string), not {type(outcome).__name__}"
        raise DataTypeError(msg)
    if outcome not in df.columns:
        msg = f"outcome column {outcome!r} is not in the data; its columns are {list(map(str, df.columns))}"
        raise UnknownNameError(msg)
    k = game.n_outcomes
    labels = tuple(range(k)) if outcomes is None else tuple(outcomes)
    if len(labels) != k or len(set(labels)) != k:
        msg = (f"outcomes must list {k} distinct labels, one per outcome of {game.name} (left to right), "
               f"got {list(labels)}")
        raise EstimationError(msg)
    s = df[outcome]
    missing = s.isna().to_numpy()
    if missing.any():
        msg = (f"outcome column {outcome!r} has {int(missing.sum())} missing value(s) "
               f"(rows {list(df.index[missing][:5])}); drop them first")
        raise EstimationError(msg)
    y = np.full(len(s), -1)
    values = s.to_numpy()
    for i, lab in enumerate(labels):
        y[_equal(values, lab)] = i
    unknown = y < 0
    if unknown.any():
        bad = sorted({repr(v) for v in values[unknown]})[:5]
        msg = (f"outcome column {outcome!r} has values that are not outcomes of {game.name}: {', '.join(bad)} "
               f"(rows {list(df.index[unknown][:5])}); the outcomes are {list(labels)}"
               + ("" if outcomes is not None else "; pass outcomes=[...] to name them left to right"))
        raise EstimationError(msg)
    if require_all:
        counts = np.bincount(y, minlength=k)
        for absent in np.flatnonzero(counts == 0):
            msg = (f"outcome column {outcome!r} never takes the value {labels[absent]!r} (outcome {absent} of {game.name}): "
                   f"the likelihood then rises without bound as that outcome's chance goes to 0, "
                   f"so there is no estimate")
            raise EstimationError(msg)
    return y, labels


def _equal(values: np.ndarray, label: Any) -> np.ndarray:
    """Elementwise ``values == label`` that treats 1 and 1.0 alike but never 1 and "1"."""
    out = np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        if isinstance(v, str) != isinstance(label, str):
            continue
        try:
            out[i] = bool(v == label)
        except (TypeError, ValueError):
            out[i] = False
    return out
