"""Comparative statics: solve a game, model or scenario over a grid of parameters.

:func:`sweep` evaluates ``build(**params)`` at every point of the Cartesian
product of the given parameter arrays, solves what it returns (the protocol
is in :func:`sweep`'s docstring), and returns one tidy table with the
equilibria *tracked*: an equilibrium keeps its branch label from one point to
the next, so a plot draws each branch as one continuous line even where two
branches cross.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from negotiation_sim.analysis._evaluate import POINT, evaluate_batch, evaluate_points
from negotiation_sim.analysis._tracking import track_branches
from negotiation_sim.errors import InvalidParameterError

__all__ = ["sweep"]


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


def grid_columns(grid: dict[str, np.ndarray]) -> list[np.ndarray]:
    """Each parameter's value at every point of the grid, in C order (the first parameter slowest)."""
    return [m.ravel() for m in np.meshgrid(*grid.values(), indexing="ij")]


def grid_points(grid: dict[str, np.ndarray]) -> list[tuple[Any, ...]]:
    """Every point of the grid in C order (the first parameter varies slowest)."""
    return list(zip(*(c.tolist() for c in grid_columns(grid)), strict=True))


def _chunks(n: int, chunksize: int | None) -> list[tuple[int, int]]:
    if chunksize is None:
        chunksize = max(1, math.ceil(n / 16))
    if isinstance(chunksize, bool) or not isinstance(chunksize, (int, np.integer)) or chunksize < 1:
        msg = f"chunksize must be a positive integer or None, got {chunksize!r}"
        raise InvalidParameterError(msg)
    return [(start, min(n, start + int(chunksize))) for start in range(0, n, int(chunksize))]


def evaluate_all(build: Callable[..., Any], names: Sequence[str], points: list[tuple[Any, ...]],
                 method: str, progress: bool, executor: Any, chunksize: int | None,
                 columns: list[np.ndarray] | None = None) -> pd.DataFrame:
    """Every point's rows, serially (one call) or in chunks on ``executor``.

    With ``columns`` (the parameters as one array per name) ``build`` is
    vectorised: called once per chunk with arrays (:func:`evaluate_batch`).
    """
    if executor is None:
        if columns is not None:
            return evaluate_batch(build, names, columns, 0, method, progress)
        return evaluate_points(build, names, points, 0, method, progress)
    if not callable(getattr(executor, "submit", None)):
        msg = (f"executor must be a concurrent.futures.Executor or a dask.distributed Client "
               f"(anything with .submit), not {type(executor).__name__}")
        raise InvalidParameterError(msg)
    from tqdm.auto import tqdm

    spans = _chunks(len(points), chunksize)
    if columns is not None:
        futures = [executor.submit(evaluate_batch, build, list(names), [c[a:b] for c in columns], a, method)
                   for a, b in spans]
    else:
        futures = [executor.submit(evaluate_points, build, list(names), points[a:b], a, method)
                   for a, b in spans]
    frames = []
    with tqdm(total=len(points), desc="sweep", disable=not progress, leave=False) as bar:
        for (a, b), future in zip(spans, futures, strict=True):
            frames.append(future.result())
            bar.update(b - a)
    return pd.concat(frames, ignore_index=True)


def _category(column: str) -> int:
    if column.startswith("payoff "):
        return 2
    return 1 if ":" in column else 3


def _column_order(frame: pd.DataFrame) -> list[str]:
    """kind, probabilities, payoffs, outcomes; each in the order the columns first appear."""
    cols = [c for c in frame.columns if c not in (POINT, "kind")]
    notna = frame[cols].notna().to_numpy()
    if len(frame) == 0:
        return ["kind", *cols]
    first = np.where(notna.any(axis=0), notna.argmax(axis=0), len(frame))
    order = sorted(range(len(cols)), key=lambda j: (_category(cols[j]), first[j], j))
    return ["kind"] + [cols[j] for j in order]


def assemble(raw: pd.DataFrame, grid: dict[str, np.ndarray], point_values: list[tuple[Any, ...]],
             shape: tuple[int, ...] | None, point_name: str | None = None) -> pd.DataFrame:
    """Sort rows canonically, label branches (tracked over ``shape``, or by rank), add parameters.

    With ``point_name``, the point index is the first column, under that name.
    """
    if "kind" not in raw.columns:
        raw = raw.assign(kind=None)
    cols = _column_order(raw)
    probs = [c for c in cols if _category(c) == 1]
    # Canonical order within a point: by strategy vector, so labels never depend on solver order.
    raw = raw.sort_values([POINT, *probs], kind="stable", na_position="last").reset_index(drop=True)
    point = raw[POINT].to_numpy(dtype=np.int64)
    if shape is None:
        starts = np.searchsorted(point, point, side="left")
        labels = np.arange(len(point)) - starts
    else:
        labels = track_branches(point, raw[probs].to_numpy(dtype=np.float64), shape)
    # Each parameter's value at every point, then at every row (no Python loop over rows).
    params = {name: np.asarray([p[j] for p in point_values], dtype=values.dtype)[point]
              for j, (name, values) in enumerate(grid.items())}
    out = pd.DataFrame({point_name: point, **params} if point_name else params)
    out["equilibrium"] = labels
    kind = raw["kind"].to_numpy(dtype=object)
    out["kind"] = pd.Series([k if isinstance(k, str) else None for k in kind], dtype="str")
    for c in cols[1:]:
        out[c] = raw[c].to_numpy()
    return out


def sweep(build: Callable[..., Any], progress: bool = True, executor: Any = None,
          chunksize: int | None = None, method: str = "auto", vectorized: bool = False,
          **grid: Any) -> pd.DataFrame:
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
        Points per chunk with ``executor``; default: the grid in 16 chunks.
    vectorized : bool, default False
        Declare ``build`` vectorised: it is called ONCE (once per chunk with
        ``executor``) with every parameter as a 1-D array holding its value
        at each grid point (C order, the first parameter slowest), and returns
        a :class:`~negotiation_sim.GameBatch` with one 2-player game per point
        (``GameBatch.from_arrays(A, B, players=..., actions=...)`` with
        ``A``, ``B`` of shape (n_points, m, n)). With ``method="auto"`` the
        batch is solved in one call, without a Python object per point: the
        fastest way to sweep thousands of points. The result is the same as
        with the equivalent per-point ``build``.
    method : str, default "auto"
        How games are solved. ``"auto"`` solves two-player normal-form games
        of one shape in a single batched call of
        ``batch_vertex_enumeration`` (the fast path; every profile is
        verified) and anything else with ``solve(game, "auto")``; any other
        name is passed to :func:`negotiation_sim.solve` game by game (so
        ``"vertex_enumeration"`` is the per-game reference for the fast path).
        Models and scenarios are solved with their own ``.solve()``.
    **grid : 1-D array_like
        One array of values per parameter; the Cartesian product is swept.
        ``progress``, ``executor``, ``chunksize``, ``method`` and
        ``vectorized`` cannot be parameter names.

    Returns
    -------
    pandas.DataFrame
        One row per (grid point, equilibrium), in grid order (the first
        parameter varies slowest): the parameter columns; ``equilibrium``,
        the tracked branch label (an int: the same equilibrium keeps its label
        from point to point, matched by a minimum-distance assignment of
        strategy vectors along the first parameter, row starts chained along
        the next ones; a new branch gets a new label); ``kind`` (``"pure"`` or
        ``"mixed"``; an equilibrium's or a model's own ``kind`` when it has
        one, e.g. ``"pooling"``/``"semi-separating"`` for signalling games); the probabilities
        ``"Player:Action"``; the payoffs ``"payoff Player"``; outcome columns.

    Raises
    ------
    InvalidParameterError
        For an empty grid, a parameter that is not a non-empty 1-D array, or a
        ``build`` that returns something outside the protocol.

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
    shape = tuple(len(v) for v in grid.values())
    columns = grid_columns(grid)
    points = list(zip(*(c.tolist() for c in columns), strict=True))
    raw = evaluate_all(build, list(grid), points, method, progress, executor, chunksize,
                       columns=columns if vectorized else None)
    return assemble(raw, grid, points, shape)
