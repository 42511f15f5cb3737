"""Sweeps too large to hold in memory: chunks streamed to disk or folded into a summary.

``sweep(..., out=directory)`` and ``sweep(..., reduce=function)`` evaluate
the grid chunk by chunk (in grid order, serially or on an executor with a
bounded number of chunks in flight), and never hold more than a few chunks:

1. where a chunk is solved (a worker), its rows are sorted, tabulated and
   linked to the rows they continue inside the chunk (:func:`chunk_parents`);
   the gathering process links the chunk's first slab to the rows before it
   (:class:`BranchTracker`, which keeps one slab of the grid and one key per
   branch) and writes the table to ``chunk-NNNNNN.partial.parquet`` with every
   row's *branch key*;
2. once the last chunk is in, the branch keys give the final labels; each
   chunk is read back, relabelled, given the final columns and written as
   ``chunk-NNNNNN.parquet`` (or handed to ``reduce``).

The chunks, concatenated, are exactly the DataFrame the in-memory sweep
returns. :class:`SweepChunks` reads them back lazily.
"""

from __future__ import annotations

import collections
import math
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd

from negotiation_sim.analysis._assemble import ColumnOrder, sort_rows, table, valid_rows
from negotiation_sim.analysis._evaluate import POINT, evaluate_batch, evaluate_points
from negotiation_sim.analysis._tracking import BranchTracker, chunk_parents
from negotiation_sim.errors import InvalidParameterError

__all__ = ["STREAM_CHUNKSIZE", "SweepChunks", "evaluate_span", "prepare_span", "stream_sweep"]

#: Default points per chunk of a streamed sweep: fixed, so memory does not grow with the grid.
STREAM_CHUNKSIZE = 20_000
# Chunks are Parquet: data only, so opening a folder someone shares never runs code (a pickle
# would), and dask, polars and Spark read it as it is.
_SUFFIX = ".parquet"
_PATTERN = f"chunk-*{_SUFFIX}"  # also matches the first pass's chunk-NNNNNN.partial.parquet


def _chunk_number(path: Path) -> int | None:
    """N of a finished ``chunk-N.parquet``; None for anything else (a partial chunk of an interrupted run)."""
    digits = path.name[len("chunk-"):-len(_SUFFIX)]
    return int(digits) if digits.isdigit() else None


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _read(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path)


def span_columns(grid: dict[str, np.ndarray], start: int, stop: int) -> list[np.ndarray]:
    """Each parameter's value at the points ``start .. stop - 1`` of the grid (C order)."""
    shape = tuple(len(v) for v in grid.values())
    idx = np.unravel_index(np.arange(start, stop), shape)
    return [values[i] for values, i in zip(grid.values(), idx, strict=True)]


def evaluate_span(build: Callable[..., Any], grid: dict[str, np.ndarray], start: int, stop: int,
                  method: str, vectorized: bool) -> pd.DataFrame:
    """The raw rows of the points ``start .. stop - 1``: what one task computes on a worker.

    Only the grid's axes travel to the worker (not every point's values).
    """
    columns = span_columns(grid, start, stop)
    if vectorized:
        return evaluate_batch(build, list(grid), columns, start, method)
    points = list(zip(*(c.tolist() for c in columns), strict=True))
    return evaluate_points(build, list(grid), points, start, method)


@attrs.frozen
class PreparedChunk:
    """A chunk solved, sorted and tabulated where it was solved; what a worker sends back."""

    start: int
    stop: int
    frame: pd.DataFrame  # the table, columns in the chunk's own order, "equilibrium" still unset
    point: np.ndarray  # each row's grid point
    parent: np.ndarray  # links inside the chunk (chunk_parents)
    observed: tuple  # ColumnOrder.observe of the raw rows
    probabilities: list  # the chunk's probability columns, in the order it sorted and matched by
    valid: np.ndarray  # which rows are equilibria of valid points (the others get no branch)


def prepare_span(build: Callable[..., Any], grid: dict[str, np.ndarray], start: int, stop: int,
                 method: str, vectorized: bool) -> PreparedChunk:
    """Solve the points ``start .. stop - 1`` and do every step that needs no other chunk."""
    raw = evaluate_span(build, grid, start, stop, method, vectorized)
    local = ColumnOrder()
    observed = local.observe(raw)
    local.add(observed)
    probs = local.probabilities()
    raw = sort_rows(raw, probs)
    point = raw[POINT].to_numpy(dtype=np.int64)
    valid = valid_rows(raw)
    shape = tuple(len(v) for v in grid.values())
    parent = chunk_parents(shape, start, stop, point[valid], raw[probs].to_numpy(dtype=np.float64)[valid])
    idx = np.unravel_index(point, shape)
    params = {name: values[j] for (name, values), j in zip(grid.items(), idx, strict=True)}
    frame = table(raw, np.full(len(raw), -1, dtype=np.int64), params, local.columns())
    return PreparedChunk(start, stop, frame, point, parent, observed, probs, valid)


def executor_slots(executor: Any) -> int:
    """How many tasks ``executor`` runs at once (dask: its workers' threads; a pool: its workers)."""
    nthreads = getattr(executor, "nthreads", None)
    if callable(nthreads):  # dask.distributed.Client
        try:
            return max(1, sum(nthreads().values()))
        except (TypeError, AttributeError, ValueError):
            pass
    workers = getattr(executor, "_max_workers", None)  # concurrent.futures pools
    return workers if isinstance(workers, int) and workers > 0 else (os.cpu_count() or 1)


def _in_order(executor: Any, tasks: list[tuple], window: int) -> Iterator[PreparedChunk]:
    """Results of ``prepare_span(*task)`` in task order, with at most ``window`` tasks in flight."""
    pending: collections.deque = collections.deque()
    todo = iter(tasks)
    for task in todo:
        pending.append(executor.submit(prepare_span, *task))
        if len(pending) >= window:
            break
    while pending:
        result = pending.popleft().result()  # dropping the future frees its result on the cluster
        for task in todo:
            pending.append(executor.submit(prepare_span, *task))
            break
        yield result


@attrs.frozen(repr=False)
class SweepChunks(Sequence[pd.DataFrame]):
    """A sweep streamed to disk: one Parquet file per chunk of the grid, read lazily.

    Only ``chunk-N.parquet`` files are read (data, never code: a pickle
    planted in the folder is ignored).

    Returned by ``sweep(..., out=directory)``. Indexing or iterating reads one
    chunk at a time; :meth:`to_dataframe` reads them all (the DataFrame the
    in-memory sweep returns); :meth:`reduce` folds them one at a time.

    Examples
    --------
    >>> import tempfile
    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     chunks = ns.sweep(ns.scenarios.EuropeanCrisis.batch, vectorized=True, method="pure",
    ...                       support=np.linspace(0, 1, 50), chunksize=20, out=folder, progress=False)
    ...     reopened = ns.SweepChunks.open(folder)
    ...     print(len(chunks), reopened[0]["support"].nunique(), chunks.to_dataframe()["support"].nunique())
    3 20 50
    """

    paths: tuple[Path, ...] = attrs.field(converter=lambda ps: tuple(Path(p) for p in ps))

    @classmethod
    def open(cls, directory: str | os.PathLike) -> SweepChunks:
        """The chunks a streamed sweep wrote to ``directory``, in grid order."""
        folder = Path(directory)
        if not folder.is_dir():
            msg = f"directory must be a folder a streamed sweep wrote to, got {str(directory)!r} (not a folder)"
            raise InvalidParameterError(msg)
        numbered = [(n, p) for p in folder.glob(_PATTERN) if (n := _chunk_number(p)) is not None]
        return cls([p for _, p in sorted(numbered)])

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return SweepChunks(self.paths[index])
        return _read(self.paths[index])

    def to_dataframe(self) -> pd.DataFrame:
        """Every chunk in one DataFrame (equal to what the in-memory sweep returns)."""
        frames = list(self)
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def reduce(self, function: Callable[[Any, pd.DataFrame], Any], initial: Any = None) -> Any:
        """Fold the chunks one at a time: ``summary = function(summary, chunk)``, from ``initial``."""
        summary = initial
        for chunk in self:
            summary = function(summary, chunk)
        return summary

    def __repr__(self) -> str:
        where = self.paths[0].parent if self.paths else "nowhere"
        return f"SweepChunks(n_chunks={len(self)}, directory={str(where)!r})"


def _prepare(out: Any) -> Path:
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        msg = f"out must be a directory to write the sweep's chunks to, got {str(out)!r}, which is a file"
        raise InvalidParameterError(msg)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.glob(_PATTERN)):
        msg = (f"out directory {str(out)!r} already holds a sweep's chunks (chunk-*.parquet); "
               f"choose an empty directory or delete them")
        raise InvalidParameterError(msg)
    return folder


def _prepared_chunks(build: Callable[..., Any], grid: dict[str, np.ndarray], spans: list[tuple[int, int]],
                     method: str, vectorized: bool, executor: Any) -> Iterator[PreparedChunk]:
    tasks = [(build, grid, a, b, method, vectorized) for a, b in spans]
    if executor is None:
        return (prepare_span(*task) for task in tasks)
    return _in_order(executor, tasks, 2 * executor_slots(executor))


def _agrees(chunk: PreparedChunk, order: ColumnOrder) -> bool:
    """Whether the chunk sorted and matched its rows by the sweep's column order.

    Only columns holding a value in the chunk matter (missing ones are ties
    and zeros); they must come in the sweep's order. True unless different
    points' games name their players or actions differently.
    """
    cols, first, _ = chunk.observed
    valued = {c for c, f in zip(cols, first, strict=True) if f >= 0}
    mine = [c for c in chunk.probabilities if c in valued]
    return mine == [c for c in order.probabilities() if c in valued]


def _first_pass(chunks: Iterator[PreparedChunk], grid: dict[str, np.ndarray], folder: Path,
                progress: bool) -> tuple[list[Path], BranchTracker, ColumnOrder]:
    """Link every chunk to the rows before it and write it with its rows' branch keys.

    Between chunks, only one slab of the grid and one key per branch are kept.
    """
    from tqdm.auto import tqdm

    shape = tuple(len(v) for v in grid.values())
    tracker, order, paths = BranchTracker(shape), ColumnOrder(), []
    with tqdm(total=math.prod(shape), desc="sweep", disable=not progress, leave=False) as bar:
        for i, chunk in enumerate(chunks):
            order.add(chunk.observed)
            probs = order.probabilities()
            frame, point, valid = chunk.frame, chunk.point, chunk.valid
            parent: np.ndarray | None = chunk.parent
            if not _agrees(chunk, order):  # re-sort by the sweep's order and match everything here
                present = [c for c in probs if c in frame.columns]
                rows = np.lexsort([frame[c].to_numpy(dtype=np.float64) for c in reversed(present)] + [point])
                frame, point, parent = frame.iloc[rows].reset_index(drop=True), point[rows], None
                valid = valid[rows]
            vectors = frame.reindex(columns=probs).to_numpy(dtype=np.float64)
            keys = np.full(len(frame), -1, dtype=np.int64)
            keys[valid] = tracker.feed(chunk.start, chunk.stop, point[valid], vectors[valid], probs, parent)
            frame["equilibrium"] = keys
            path = folder / f"chunk-{i:06d}.partial{_SUFFIX}"
            _write(frame, path)
            paths.append(path)
            bar.update(chunk.stop - chunk.start)
    return paths, tracker, order


def _final_chunks(paths: list[Path], tracker: BranchTracker, order: ColumnOrder, grid: dict[str, np.ndarray]
                  ) -> Iterator[tuple[Path, pd.DataFrame]]:
    """Each chunk with its final labels and columns, deleting the partial file it came from."""
    columns = [*grid, "equilibrium", *order.columns()]
    for path in paths:
        chunk = _read(path)
        keys = chunk["equilibrium"].to_numpy()
        labels = np.full(len(keys), -1, dtype=np.int64)
        labels[keys >= 0] = tracker.labels(keys[keys >= 0])
        chunk["equilibrium"] = labels
        missing = [c for c in columns if c not in chunk.columns]
        if missing:
            chunk = chunk.assign(**{c: np.nan for c in missing})
        final = path.with_name(path.name.replace(".partial", ""))
        path.unlink()
        yield final, chunk[columns]


def stream_sweep(build: Callable[..., Any], grid: dict[str, np.ndarray], *, method: str, vectorized: bool,
                 executor: Any, chunksize: int | None, progress: bool, out: Any,
                 reduce: Callable[[Any, pd.DataFrame], Any] | None) -> Any:
    """``sweep`` with ``out`` and/or ``reduce``: the grid chunk by chunk (see the module docstring)."""
    from negotiation_sim.analysis.sweep import chunk_spans

    if reduce is not None and not callable(reduce):
        msg = f"reduce must be a function (summary, chunk) -> summary, not {type(reduce).__name__}"
        raise InvalidParameterError(msg)
    spans = chunk_spans(math.prod(len(v) for v in grid.values()), chunksize or STREAM_CHUNKSIZE)
    scratch = tempfile.TemporaryDirectory(prefix="ns-sweep-") if out is None else None
    try:
        folder = Path(scratch.name) if scratch is not None else _prepare(out)
        chunks = _prepared_chunks(build, grid, spans, method, vectorized, executor)
        paths, tracker, order = _first_pass(chunks, grid, folder, progress)
        summary, written = None, []
        for final, chunk in _final_chunks(paths, tracker, order, grid):
            if reduce is not None:
                summary = reduce(summary, chunk)
            if out is not None:
                _write(chunk, final)
                written.append(final)
    finally:
        if scratch is not None:
            scratch.cleanup()
    return summary if reduce is not None else SweepChunks(written)
