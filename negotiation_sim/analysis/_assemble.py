"""Raw evaluated rows to a sweep's tidy table: column order, canonical row order, parameters.

The pipeline (``_stream``) applies these steps chunk by chunk: the column
order is learnt as chunks arrive (:class:`ColumnOrder`) and rows are sorted
within each point, so any chunking gives the same table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from negotiation_sim.analysis._evaluate import POINT, REASON, VALID

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ColumnOrder", "sort_rows", "table", "valid_rows"]


def valid_rows(raw: pd.DataFrame) -> np.ndarray:
    """Which rows hold an equilibrium of a valid point (an invalid point's row has no branch: label -1)."""
    if VALID not in raw.columns:
        return np.ones(len(raw), dtype=bool)
    return raw[VALID].fillna(True).to_numpy(dtype=bool)


def _category(column: str) -> int:
    if column.startswith("payoff "):
        return 2
    return 1 if ":" in column else 3


class ColumnOrder:
    """A sweep's columns in order: ``kind``, probabilities, payoffs, outcomes.

    Within each group, columns come in the order they first hold a value
    (the first row, in evaluation order, where they are not missing), ties
    broken by the order they first appear. :meth:`add` learns from one
    chunk of raw rows at a time (what :meth:`observe` found where the chunk
    was solved); the order of the columns already seen never changes (a
    column seen later sorts after them or holds no value yet).

    Examples
    --------
    >>> import pandas as pd
    >>> order = ColumnOrder()
    >>> order.add(order.observe(pd.DataFrame({"kind": ["pure"], "p": [1.0], "payoff A": [2.0], "A:x": [1.0]})))
    >>> order.columns()
    ['kind', 'A:x', 'payoff A', 'p']
    """

    def __init__(self) -> None:
        self._position: dict[str, int] = {}
        self._first: dict[str, int] = {}
        self._rows = 0

    @staticmethod
    def observe(raw: pd.DataFrame) -> tuple[list[str], list[int], int]:
        """What :meth:`add` needs of raw rows (in evaluation order): their columns, in order;
        each column's first row holding a value (-1: none); the number of rows."""
        cols = [c for c in raw.columns if c not in (POINT, "kind")]
        notna = raw[cols].notna().to_numpy()
        first = np.where(notna.any(axis=0), notna.argmax(axis=0), -1) if len(raw) else [-1] * len(cols)
        return cols, [int(f) for f in first], len(raw)

    def add(self, observed: tuple[list[str], list[int], int]) -> None:
        """Learn the columns of the next chunk of raw rows from :meth:`observe`."""
        cols, first, n_rows = observed
        for c, f in zip(cols, first, strict=True):
            self._position.setdefault(c, len(self._position))
            if c not in self._first and f >= 0:
                self._first[c] = self._rows + f
        self._rows += n_rows

    def columns(self) -> list[str]:
        """``kind`` and every column seen so far, in order."""
        def key(c: str) -> tuple[int, float, int]:
            return _category(c), self._first.get(c, math.inf), self._position[c]

        return ["kind", *sorted(self._position, key=key)]

    def probabilities(self) -> list[str]:
        """The probability columns (``"Player:Action"``) seen so far, in order."""
        return [c for c in self.columns()[1:] if _category(c) == 1]


def sort_rows(raw: pd.DataFrame, probabilities: list[str]) -> pd.DataFrame:
    """Rows by point, and within a point by strategy vector, so labels never depend on solver order."""
    if "kind" not in raw.columns:
        raw = raw.assign(kind=None)
    present = [c for c in probabilities if c in raw.columns]
    # np.lexsort: stable, the last key first, NaN (a probability the row's game lacks) last.
    keys = [raw[c].to_numpy(dtype=np.float64) for c in reversed(present)]
    order = np.lexsort([*keys, raw[POINT].to_numpy(dtype=np.int64)])
    return raw.take(order).reset_index(drop=True)


def table(raw: pd.DataFrame, labels: np.ndarray, params: Mapping[str, np.ndarray], columns: list[str],
          point_name: str | None = None) -> pd.DataFrame:
    """The tidy table of sorted raw rows: [point,] parameters, equilibrium, kind, then ``columns[1:]``."""
    import pandas as pd

    n = len(raw)
    data: dict[str, Any] = {point_name: raw[POINT].to_numpy(dtype=np.int64)} if point_name else {}
    data.update(params)
    data["equilibrium"] = labels
    data["kind"] = pd.Series(raw["kind"].to_numpy(dtype=object), dtype="str")  # None and NaN: missing
    for c in columns[1:]:
        data[c] = raw[c].to_numpy() if c in raw.columns else np.full(n, np.nan)
    # One dtype whatever the chunking: bool (invalid rows and rows of results without equilibria
    # select nothing; a missing ``valid`` is true), and str for the reason ("" when valid).
    for c, fill in ((VALID, True), ("selected", False)):
        if c in data:
            values = np.asarray(data[c], dtype=object)
            data[c] = np.where(pd.isna(values), fill, values).astype(bool)
    if REASON in data:
        data[REASON] = pd.Series(np.asarray(data[REASON], dtype=object), dtype="str").fillna("")
    out = pd.DataFrame(data)
    return out
