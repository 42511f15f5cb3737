"""Comparative statics: solve a game, model or scenario over a grid of parameters.

:func:`sweep` evaluates ``build(**params)`` at every point of the Cartesian
product of the given parameter arrays, solves what it returns (the protocol
is in :func:`sweep`'s docstring), and returns one tidy table with the
equilibria *tracked*: an equilibrium keeps its branch label from one point to
the next, so a plot draws each branch as one continuous line even where two
branches cross. The pipeline behind it is in ``_stream``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import numpy as np

from negotiation_sim.analysis._stream import (
    FolderSink,
    FrameSink,
    Points,
    ReduceSink,
    SweepChunks,
    check_executor,
    chunk_spans,
    prepare_folder,
    run,
)
from negotiation_sim.errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["sweep"]

S = TypeVar("S")


def _check_grid(grid: dict[str, Any]) -> dict[str, np.ndarray]:
    if not grid:
        msg = ("sweep needs at least one parameter to sweep, given as a keyword argument with "
               "an array of values, e.g. sweep(build, leverage=np.linspace(0, 1, 11))")
        raise InvalidParameterError(msg)
    out = {}
    for name, values in grid.items():
        arr = np.asarray(values)
        if arr.ndim != 1:
            msg = f"parameter {name!r} must be a 1-D array of values, got shape {arr.shape}"
            raise InvalidParameterError(msg)
        if arr.size == 0:
            msg = f"parameter {name!r} has no values; give at least one"
            raise InvalidParameterError(msg)
        out[name] = arr
    return out


@overload
def sweep(build: Callable[..., Any], progress: bool = ..., executor: Any = ..., chunksize: int | None = ...,
          method: str = ..., vectorized: bool = ..., out: None = ..., reduce: None = ...,
          **grid: Any) -> pd.DataFrame: ...


@overload
def sweep(build: Callable[..., Any], progress: bool = ..., executor: Any = ..., chunksize: int | None = ...,
          method: str = ..., vectorized: bool = ..., *, out: str | os.PathLike, reduce: None = ...,
          **grid: Any) -> SweepChunks: ...


@overload
def sweep(build: Callable[..., Any], progress: bool = ..., executor: Any = ..., chunksize: int | None = ...,
          method: str = ..., vectorized: bool = ..., out: str | os.PathLike | None = ..., *,
          reduce: Callable[[S | None, pd.DataFrame], S], **grid: Any) -> S | None: ...


def sweep(build: Callable[..., Any], progress: bool = True, executor: Any = None,
          chunksize: int | None = None, method: str = "auto", vectorized: bool = False,
          out: str | os.PathLike | None = None, reduce: Callable[[Any, pd.DataFrame], Any] | None = None,
          **grid: Any) -> pd.DataFrame | SweepChunks | Any:
    """Solve ``build(**params)`` at every point of a parameter grid; track the equilibria.

    Parameters
    ----------
    build : callable
        Called with one keyword argument per swept parameter. It may return

        - a **game** — a :class:`~negotiation_sim.NormalFormGame` (or a
          ``GameTree``, ``SignalingGame`` or ``BayesianGame``), solved with
          :func:`negotiation_sim.solve` and ``method``;
        - a **model** — anything whose ``.solve()`` returns an attrs (or
          dataclass) result: its numeric and boolean fields become outcome
          columns and its string field ``kind``, if any, the ``kind`` column;
        - a **scenario** — anything whose ``.solve()`` returns an object with
          ``.equilibria`` (a sequence of :class:`~negotiation_sim.Equilibrium`)
          and ``.outcomes`` (a mapping of named values, repeated on every row,
          or one mapping per equilibrium); a ``.solve()`` that returns an
          :class:`~negotiation_sim.EquilibriumSet` is treated like a game.

        With ``executor`` it must be picklable for process pools (a
        module-level function, not a lambda).
    progress : bool, default True
        Show a tqdm progress bar.
    executor : concurrent.futures.Executor or dask.distributed.Client, optional
        Evaluate chunks of the grid in parallel (anything with ``.submit``).
        Branches are tracked after gathering, so the result is identical to
        a serial run.
    chunksize : int, optional
        Points per chunk; default: the whole grid in one chunk, the grid in
        16 chunks with ``executor``, 20,000 points with ``out`` or ``reduce``.
    vectorized : bool, default False
        Declare ``build`` vectorised: it is called once per chunk (once in
        all unless ``chunksize``, ``executor``, ``out`` or ``reduce`` split
        the grid) with every parameter as a 1-D
        array holding its value at each grid point (C order, the first
        parameter slowest), and returns a :class:`~negotiation_sim.GameBatch`
        with one game per point: 2-player (``GameBatch.from_arrays(A, B,
        players=..., actions=...)`` with ``A``, ``B`` of shape (n_points, m,
        n)) or N-player (e.g. :meth:`negotiation_sim.scenarios.EuropeanCrisis.batch`).
        The batch is solved in bulk (see ``method``), without a Python object
        per point: the fastest way to sweep thousands of points. The result is
        the same as with the equivalent per-point ``build``.
    method : str, default "auto"
        How games are solved. Games of one shape and names are solved
        together, in bulk, and every profile is verified: with ``"auto"``,
        two-player games in one batched vertex enumeration (every extreme
        equilibrium) and games of three or more players by their pure
        equilibria, the games without one then with ``solve(game, "auto")``;
        with ``"pure"``, the pure equilibria of games of any number of
        players. This holds whether ``build`` returns one game per point or a
        ``GameBatch``: games returned one by one are stacked and solved
        together too. The batch verifies every profile; a 2-player game whose
        batch answer shows a tie (a best response outside an equilibrium's
        support, within 1e-6 of the payoff spread; supports of unequal
        sizes; a probability within 1e-6 of zero; no equilibrium), or whose
        profile fails verification, is solved alone with ``solve(game,
        "auto")``, which certifies the list and re-solves it in exact
        arithmetic where rounding could decide. The batch does not run that
        certification on the other games (a vertex lost to a nearly singular
        basis away from every equilibrium found would go unnoticed); use
        ``"vertex_enumeration"`` to certify every game. Anything else is solved with ``solve(game, "auto")``, and any
        other name is passed to :func:`negotiation_sim.solve` game by game
        (so ``"vertex_enumeration"`` is the per-game reference for the fast
        path). Models and scenarios are solved with their own ``.solve()``.
    **grid : 1-D array_like
        One array of values per parameter; the Cartesian product is swept.
        ``progress``, ``executor``, ``chunksize``, ``method``,
        ``vectorized``, ``out`` and ``reduce`` cannot be parameter names.
    out : str or path-like, optional
        Stream the result to this directory instead of returning it: one
        Parquet file per chunk (``chunk-000000.parquet``, ...), written as
        chunks are solved, so memory stays flat however large the grid (see
        Notes). Returns a :class:`~negotiation_sim.SweepChunks` that reads
        them lazily. The directory is created if needed and must not hold a
        sweep's chunks already.
    reduce : callable, optional
        Fold the result chunk by chunk instead of returning it:
        ``summary = reduce(summary, chunk)`` for each chunk's DataFrame in
        grid order, starting from ``summary=None``; the sweep returns the
        last summary. Memory stays flat (see Notes). With ``out`` too, the
        chunks are also kept on disk.

    Returns
    -------
    pandas.DataFrame or SweepChunks or the summary
        One row per (grid point, equilibrium), in grid order (the first
        parameter varies slowest): the parameter columns; ``equilibrium``,
        the tracked branch label (an int: the same equilibrium keeps its label
        from point to point, matched by a minimum-distance assignment of
        strategy vectors along the first parameter, row starts chained along
        the next ones; a new branch gets a new label); ``kind`` (``"pure"`` or
        ``"mixed"``; an equilibrium's or a model's own ``kind`` when it has
        one, e.g. ``"pooling"``/``"semi-separating"`` for signalling games); the probabilities
        ``"Player:Action"``; the payoffs ``"payoff Player"``; outcome columns.

        With ``out`` (and no ``reduce``): a :class:`~negotiation_sim.SweepChunks`
        of that DataFrame's rows in grid order; with ``reduce``: its summary.

    Raises
    ------
    InvalidParameterError
        For an empty grid, a parameter that is not a non-empty 1-D array, or a
        ``build`` that returns something outside the protocol; for an ``out``
        that is a file or already holds chunks, or a ``reduce`` that is not callable.

    Notes
    -----
    *Streaming* (``out`` or ``reduce``) evaluates the grid chunk by chunk in
    grid order, with at most two chunks per worker in flight on an
    ``executor``, and tracks branches across chunk boundaries: the chunks,
    concatenated, equal the DataFrame the sweep returns without streaming,
    labels included. Between chunks it holds the rows of one *slab* of the
    grid (the points that share a value of the first parameter: the farthest
    a point's tracking predecessor can be) and one integer per branch; a
    second pass over the chunks on disk (a temporary directory for
    ``reduce`` alone) writes the final labels. So peak memory is set by the
    chunk size and the slab, not by the grid: put the parameter with the
    most values first.

    Examples
    --------
    Chicken between Russia and NATO as the cost of a crash grows: the two
    pure equilibria (one side goes straight, the other swerves) persist, each
    keeping its label.

    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> def chicken(cost):
    ...     return ns.NormalFormGame.from_arrays(
    ...         [[0, -1], [1, -cost]], [[0, 1], [-1, -cost]], players=("Russia", "NATO"),
    ...         actions=(("Swerve", "Straight"),) * 2)
    >>> df = ns.sweep(chicken, cost=[2.0, 5.0], method="pure", progress=False)
    >>> df[["cost", "equilibrium", "kind", "Russia:Straight", "payoff Russia"]]
       cost  equilibrium  kind  Russia:Straight  payoff Russia
    0   2.0            0  pure              1.0            1.0
    1   2.0            1  pure              0.0           -1.0
    2   5.0            0  pure              1.0            1.0
    3   5.0            1  pure              0.0           -1.0

    The same sweep with a vectorised ``build`` (one call, all points at once):

    >>> def chicken_batch(cost):
    ...     one, c = np.ones_like(cost), -cost
    ...     A = np.array([[0 * one, -one], [one, c]]).transpose(2, 0, 1)  # (n_points, 2, 2)
    ...     B = np.array([[0 * one, one], [-one, c]]).transpose(2, 0, 1)
    ...     return ns.GameBatch.from_arrays(A, B, players=("Russia", "NATO"),
    ...                                     actions=(("Swerve", "Straight"),) * 2)
    >>> fast = ns.sweep(chicken_batch, cost=[2.0, 5.0], vectorized=True, progress=False)
    >>> fast[["cost", "equilibrium", "kind", "Russia:Straight"]].head(3)
       cost  equilibrium   kind  Russia:Straight
    0   2.0            0   pure              1.0
    1   2.0            1  mixed              0.5
    2   2.0            2   pure              0.0
    """
    grid = _check_grid(grid)
    if not callable(build):
        msg = f"build must be a callable that takes the swept parameters, not {type(build).__name__}"
        raise InvalidParameterError(msg)
    chunk_spans(1, chunksize, 1)  # validate the options before any work
    if executor is not None:
        check_executor(executor)
    sinks: list[Any] = []
    if reduce is not None:
        sinks.append(ReduceSink(reduce))
    hold: Path | str = "memory"
    if out is not None:
        hold = prepare_folder(out)
        sinks.insert(0, FolderSink(hold))
    elif reduce is not None:
        hold = "scratch"
    else:
        sinks.append(FrameSink())
    run(build, Points.grid(grid), sinks, method=method, vectorized=vectorized, executor=executor,
        chunksize=chunksize, progress=progress, hold=hold)
    return sinks[-1].result()
