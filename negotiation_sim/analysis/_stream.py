"""The sweep pipeline: points evaluated chunk by chunk, each chunk handed to a sink.

:func:`run` serves every sweep (:func:`negotiation_sim.sweep`,
``scenario.sweep``, :func:`negotiation_sim.analysis.monte_carlo`). The points
are split into chunks, solved in point order, serially or on an executor
with a bounded number of chunks in flight (:func:`_in_order`), in two passes:

1. where a chunk is solved (a worker), its rows are sorted, tabulated and
   linked to the rows they continue inside the chunk (:func:`prepare_span`,
   :func:`~negotiation_sim.analysis._tracking.chunk_parents`); the gathering
   process links the chunk's first slab to the rows before it
   (:class:`~negotiation_sim.analysis._tracking.BranchTracker`, which keeps
   one slab of the grid and one key per branch) and holds the table with
   every row's *branch key* (in memory, or on disk as
   ``chunk-NNNNNN.partial.parquet`` when streaming);
2. once the last chunk is in, the branch keys give the final labels; each
   chunk is relabelled, given the final columns and handed to the sink: the
   in-memory frame (:class:`FrameSink`), the folder of Parquet files
   (:class:`FolderSink`, read back by :class:`SweepChunks`) or the user's
   ``reduce`` (:class:`ReduceSink`).

Independent draws (Monte Carlo) are not tracked: their rows are numbered by
rank within each point. The chunks, concatenated, are the same DataFrame
whatever the chunking, executor or sink.
"""

from __future__ import annotations

import collections
import math
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import attrs
import numpy as np

from negotiation_sim.analysis._assemble import ColumnOrder, sort_rows, table, valid_rows
from negotiation_sim.analysis._evaluate import POINT, REASON, VALID, evaluate_span
from negotiation_sim.analysis._tracking import BranchTracker, chunk_parents
from negotiation_sim.errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["STREAM_CHUNKSIZE", "FolderSink", "FrameSink", "ReduceSink", "SweepChunks", "prepare_span", "run"]

#: Default points per chunk of a streamed sweep: fixed, so memory does not grow with the grid.
STREAM_CHUNKSIZE = 20_000
# Chunks are Parquet: data only, so opening a folder someone shares never runs code (a pickle
# would), and dask, polars and Spark read it as it is.
_SUFFIX = ".parquet"
_PATTERN = f"chunk-*{_SUFFIX}"  # also matches the first pass's chunk-NNNNNN.partial.parquet
#: The value of a column in the rows of a chunk that never had it (as the in-memory table fills it).
_FILL: dict[str, Any] = {VALID: True, REASON: "", "selected": False}

S = TypeVar("S")
R_co = TypeVar("R_co", covariant=True)


def _chunk_number(path: Path) -> int | None:
    """N of a finished ``chunk-N.parquet``; None for anything else (a partial chunk of an interrupted run)."""
    digits = path.name[len("chunk-"):-len(_SUFFIX)]
    return int(digits) if digits.isdigit() else None


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _read(path: Path) -> pd.DataFrame:
    import pandas as pd

    return pd.read_parquet(path)


def chunk_spans(n: int, chunksize: int | None, default: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of each chunk of ``n`` points, ``chunksize`` (default ``default``) points each."""
    if chunksize is None:
        chunksize = default
    if isinstance(chunksize, bool) or not isinstance(chunksize, (int, np.integer)) or chunksize < 1:
        msg = f"chunksize must be a positive integer or None, got {chunksize!r}"
        raise InvalidParameterError(msg)
    return [(start, min(n, start + int(chunksize))) for start in range(0, n, int(chunksize))]


def check_executor(executor: Any) -> None:
    """Refuse an executor without ``.submit``, by name."""
    if not callable(getattr(executor, "submit", None)):
        msg = (f"executor must be a concurrent.futures.Executor or a dask.distributed Client "
               f"(anything with .submit), not {type(executor).__name__}")
        raise InvalidParameterError(msg)


@attrs.frozen
class Points:
    """What a sweep solves: ``n`` points, each parameter's value at each point.

    ``axes`` (a grid: the Cartesian product, C order, tracked along its
    ``shape``) or ``values`` (independent draws, one array per parameter,
    not tracked; ``point_name`` names the column of their index).
    """

    names: tuple[str, ...]
    n: int
    shape: tuple[int, ...] | None = None
    axes: tuple[np.ndarray, ...] = ()
    values: tuple[np.ndarray, ...] = ()
    point_name: str | None = None

    @classmethod
    def grid(cls, grid: dict[str, np.ndarray]) -> Points:
        shape = tuple(len(v) for v in grid.values())
        return cls(tuple(grid), math.prod(shape), shape, axes=tuple(grid.values()))

    @classmethod
    def draws(cls, columns: dict[str, np.ndarray], point_name: str) -> Points:
        return cls(tuple(columns), len(next(iter(columns.values()))), values=tuple(columns.values()),
                   point_name=point_name)

    def span(self, start: int, stop: int) -> list[np.ndarray]:
        """Each parameter's value at the points ``start .. stop - 1``."""
        if self.shape is None:
            return [v[start:stop] for v in self.values]
        idx = np.unravel_index(np.arange(start, stop), self.shape)
        return [axis[i] for axis, i in zip(self.axes, idx, strict=True)]


@attrs.frozen
class PreparedChunk:
    """A chunk solved, sorted and tabulated where it was solved; what a worker sends back."""

    start: int
    stop: int
    frame: pd.DataFrame  # the table, columns in the chunk's own order, "equilibrium" still unset
    point: np.ndarray  # each row's point
    parent: np.ndarray | None  # links inside the chunk (chunk_parents); None: not tracked
    observed: tuple  # ColumnOrder.observe of the raw rows
    probabilities: list  # the chunk's probability columns, in the order it sorted and matched by
    valid: np.ndarray  # which rows are equilibria of valid points (the others get no branch)


def prepare_span(build: Callable[..., Any], names: Sequence[str], columns: list[np.ndarray], start: int,
                 method: str, vectorized: bool, shape: tuple[int, ...] | None, point_name: str | None,
                 tick: Callable[[int], Any] | None = None) -> PreparedChunk:
    """Solve the points ``start, ...`` (parameters ``columns``) and do every step that needs no other chunk."""
    stop = start + len(columns[0])
    raw = evaluate_span(build, names, columns, start, method, vectorized, tick)
    local = ColumnOrder()
    observed = local.observe(raw)
    local.add(observed)
    probs = local.probabilities()
    raw = sort_rows(raw, probs)
    point = raw[POINT].to_numpy(dtype=np.int64)
    valid = valid_rows(raw)
    parent = None
    if shape is not None:
        parent = chunk_parents(shape, start, stop, point[valid], raw[probs].to_numpy(dtype=np.float64)[valid])
    params = {name: c[point - start] for name, c in zip(names, columns, strict=True)}
    frame = table(raw, np.full(len(raw), -1, dtype=np.int64), params, local.columns(), point_name)
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


def _in_order(executor: Any, tasks: Iterator[tuple], window: int) -> Iterator[PreparedChunk]:
    """Results of ``prepare_span(*task)`` in task order, with at most ``window`` tasks in flight."""
    pending: collections.deque = collections.deque()
    for task in tasks:
        pending.append(executor.submit(prepare_span, *task))
        if len(pending) >= window:
            break
    while pending:
        result = pending.popleft().result()  # dropping the future frees its result on the cluster
        for task in tasks:
            pending.append(executor.submit(prepare_span, *task))
            break
        yield result


@attrs.frozen(repr=False)
class SweepChunks(Sequence["pd.DataFrame"]):
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
        import pandas as pd

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


def prepare_folder(out: Any) -> Path:
    """``out`` as a folder ready for a sweep's chunks (created if needed; refused if it holds chunks)."""
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


class Sink(Protocol[R_co]):
    """Where the final chunks of a sweep go, in point order; :meth:`result` is what the sweep returns."""

    def put(self, index: int, chunk: pd.DataFrame) -> None: ...

    def result(self) -> R_co: ...


class FrameSink:
    """The in-memory sink: every chunk, concatenated into one DataFrame."""

    def __init__(self) -> None:
        self._frames: list[pd.DataFrame] = []

    def put(self, index: int, chunk: pd.DataFrame) -> None:
        self._frames.append(chunk)

    def result(self) -> pd.DataFrame:
        import pandas as pd

        if len(self._frames) == 1:
            return self._frames[0]
        return pd.concat(self._frames, ignore_index=True)


class FolderSink:
    """The disk sink: one ``chunk-NNNNNN.parquet`` per chunk in ``folder``, read back by :class:`SweepChunks`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._paths: list[Path] = []

    def put(self, index: int, chunk: pd.DataFrame) -> None:
        path = self.folder / f"chunk-{index:06d}{_SUFFIX}"
        _write(chunk, path)
        self._paths.append(path)

    def result(self) -> SweepChunks:
        return SweepChunks(self._paths)


class ReduceSink(Generic[S]):
    """The fold sink: ``summary = function(summary, chunk)`` for each chunk, from ``None``."""

    def __init__(self, function: Callable[[S | None, pd.DataFrame], S]) -> None:
        if not callable(function):
            msg = f"reduce must be a function (summary, chunk) -> summary, not {type(function).__name__}"
            raise InvalidParameterError(msg)
        self.function = function
        self._summary: S | None = None

    def put(self, index: int, chunk: pd.DataFrame) -> None:
        self._summary = self.function(self._summary, chunk)

    def result(self) -> S | None:
        return self._summary


class _Held:
    """The first pass's chunks until their labels are known: in memory, or as partial files in ``folder``."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._items: list[Any] = []

    def put(self, frame: pd.DataFrame) -> None:
        if self.folder is None:
            self._items.append(frame)
            return
        path = self.folder / f"chunk-{len(self._items):06d}.partial{_SUFFIX}"
        _write(frame, path)
        self._items.append(path)

    def drain(self) -> Iterator[pd.DataFrame]:
        """Each chunk once, in order, released (or its partial file deleted) as it is handed over."""
        items, self._items = self._items, []
        for k, item in enumerate(items):
            items[k] = None
            if isinstance(item, Path):
                frame = _read(item)
                item.unlink()
                yield frame
            else:
                yield item


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


def _keys(chunk: PreparedChunk, order: ColumnOrder, tracker: BranchTracker | None) -> pd.DataFrame:
    """The chunk's table with every row's branch key in ``equilibrium`` (its final label if not tracked)."""
    frame, point, valid = chunk.frame, chunk.point, chunk.valid
    keys = np.full(len(frame), -1, dtype=np.int64)
    if tracker is None:  # independent points: equilibria numbered within each point
        starts = np.searchsorted(point, point, side="left")
        keys[valid] = (np.arange(len(point)) - starts)[valid]
        frame["equilibrium"] = keys
        return frame
    probs = order.probabilities()
    parent = chunk.parent
    if not _agrees(chunk, order):  # re-sort by the sweep's order and match everything here
        present = [c for c in probs if c in frame.columns]
        rows = np.lexsort([frame[c].to_numpy(dtype=np.float64) for c in reversed(present)] + [point])
        frame, point, parent = frame.iloc[rows].reset_index(drop=True), point[rows], None
        valid = valid[rows]
    vectors = frame.reindex(columns=probs).to_numpy(dtype=np.float64)
    keys[valid] = tracker.feed(chunk.start, chunk.stop, point[valid], vectors[valid], probs, parent)
    frame["equilibrium"] = keys
    return frame


def _final(frame: pd.DataFrame, tracker: BranchTracker | None, columns: list[str]) -> pd.DataFrame:
    """A held chunk with its final labels and the sweep's columns in order."""
    if tracker is not None:
        keys = frame["equilibrium"].to_numpy()
        labels = np.full(len(keys), -1, dtype=np.int64)
        labels[keys >= 0] = tracker.labels(keys[keys >= 0])
        frame["equilibrium"] = labels
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        frame = frame.assign(**{c: _FILL.get(c, np.nan) for c in missing})
    return frame if list(frame.columns) == columns else frame[columns]


class _Bar:
    """A tqdm bar over the points, or nothing when ``progress`` is off (no tqdm import)."""

    def __init__(self, total: int, progress: bool) -> None:
        self.done = 0
        self.shown = bool(progress)
        self._bar = None
        if progress:
            from tqdm.auto import tqdm

            self._bar = tqdm(total=total, desc="sweep", leave=False)

    def update(self, k: int) -> None:
        self.done += k
        if self._bar is not None:
            self._bar.update(k)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _chunks(build: Callable[..., Any], points: Points, spans: list[tuple[int, int]], method: str,
            vectorized: bool, executor: Any, bar: _Bar) -> Iterator[PreparedChunk]:
    """Every chunk prepared, in point order; the bar advances point by point when serial."""
    def task(a: int, b: int, tick: Callable[[int], Any] | None = None) -> tuple:
        return (build, points.names, points.span(a, b), a, method, vectorized, points.shape, points.point_name, tick)

    if executor is None:
        for a, b in spans:
            before = bar.done
            yield prepare_span(*task(a, b, bar.update if bar.shown else None))
            bar.update((b - a) - (bar.done - before))
        return
    for chunk in _in_order(executor, (task(a, b) for a, b in spans), 2 * executor_slots(executor)):
        yield chunk
        bar.update(chunk.stop - chunk.start)


def run(build: Callable[..., Any], points: Points, sinks: Sequence[Sink[Any]], *, method: str, vectorized: bool,
        executor: Any, chunksize: int | None, progress: bool, hold: Path | str = "memory") -> None:
    """Sweep ``points`` chunk by chunk into ``sinks`` (see the module docstring).

    ``hold`` is where the first pass keeps its chunks: ``"memory"``, a
    folder, or ``"scratch"`` (a temporary folder), the last two keeping
    memory flat. Chunks have ``chunksize`` points; by default 20,000 when
    held on disk, else the whole grid serially and 16 chunks on an executor.
    """
    if executor is not None:
        check_executor(executor)
    if hold == "memory":
        default = points.n if executor is None else max(1, math.ceil(points.n / 16))
    else:
        default = STREAM_CHUNKSIZE
    spans = chunk_spans(points.n, chunksize, default)
    scratch = tempfile.TemporaryDirectory(prefix="ns-sweep-") if hold == "scratch" else None
    try:
        held = _Held(Path(scratch.name) if scratch is not None else None if hold == "memory" else Path(hold))
        tracker = BranchTracker(points.shape) if points.shape is not None else None
        order = ColumnOrder()
        bar = _Bar(points.n, progress)
        try:
            for chunk in _chunks(build, points, spans, method, vectorized, executor, bar):
                order.add(chunk.observed)
                held.put(_keys(chunk, order, tracker))
        finally:
            bar.close()
        columns = [*([points.point_name] if points.point_name else []), *points.names, "equilibrium",
                   *order.columns()]
        for index, frame in enumerate(held.drain()):
            final = _final(frame, tracker, columns)
            for sink in sinks:
                sink.put(index, final)
    finally:
        if scratch is not None:
            scratch.cleanup()
