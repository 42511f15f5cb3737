"""Evaluate what a sweep's ``build`` returns at each point, as rows of a tidy table.

The protocol (documented in :func:`negotiation_sim.sweep`):

- a **game** (a :class:`NormalFormGame`, or a ``GameTree``/``SignalingGame``/
  ``BayesianGame``) is solved with :func:`negotiation_sim.solve`; one row per
  equilibrium with ``"Player:Action"`` probabilities, ``"payoff Player"``
  and ``kind`` (``"pure"``/``"mixed"``, unless the equilibrium's ``to_dict``
  gives its own, as perfect Bayesian equilibria do);
- an object with a ``.solve()`` method is solved, and what comes back decides:
  an :class:`EquilibriumSet` gives rows as for a game; a *scenario result*
  (has ``.equilibria`` and ``.outcomes``) gives a row per equilibrium whose
  outcome columns are that equilibrium's own (``.equilibrium_outcomes``, one
  mapping per equilibrium, as :class:`~negotiation_sim.scenarios.ScenarioResult`
  has; or ``.outcomes`` given as such a sequence), with ``selected`` true on
  the equilibrium the headline outcomes describe; a result without
  equilibria gives one row of its ``.outcomes``; a *model result* (an attrs or
  dataclass instance) gives one row whose numeric and boolean fields are
  outcome columns and whose string field ``kind``, if any, is the ``kind``;
- a point at which ``build`` (or the ``.solve()`` of the model or scenario it
  returns) raises :class:`~negotiation_sim.errors.InvalidParameterError` lies
  outside the valid region: it gives one row with ``valid`` false and the
  error's text in ``invalid_reason``, and the sweep goes on. Every other row
  has ``valid`` true and ``invalid_reason`` ``""``.

Games of one shape and names are solved together, in bulk (the fast path):
two-player games in one batched call of ``batch_extreme_profiles`` when
``method="auto"``; games of any number of players for their pure equilibria
in one regret tensor when ``method="pure"``, and so are games of three or
more players with ``method="auto"`` (whose games without a pure equilibrium
then go to ``solve(game, "auto")`` one by one, as the per-game path does).
"""

from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import pandas as pd

from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet
from negotiation_sim.solvers.solve import _GAME_DISPATCH, solve

__all__ = ["evaluate_points", "evaluate_batch", "batch_solver", "solve_stack", "stack_rows"]

POINT = "_point"
VALID, REASON = "valid", "invalid_reason"


def batch_solver() -> Callable:
    """The batched 2-player solver of the fast path: flat, verified arrays."""
    from negotiation_sim.solvers.vertex_enumeration import batch_extreme_profiles

    return batch_extreme_profiles


def _is_game(obj: Any) -> bool:
    if isinstance(obj, NormalFormGame):
        return True
    return any(
        c.__name__ in _GAME_DISPATCH and c.__module__.startswith("negotiation_sim.")
        for c in type(obj).__mro__
    )


def _kind(strategies: Sequence[np.ndarray]) -> str:
    return "pure" if all(np.count_nonzero(s) == 1 for s in strategies) else "mixed"


def _equilibrium_row(eq: Equilibrium) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": _kind(eq.strategies)}
    row.update(eq.to_dict())
    row.pop("regret", None)
    return row


def _model_row(result: Any) -> dict[str, Any]:
    items: Iterable[tuple[str, Any]]
    if attrs.has(type(result)):
        items = attrs.asdict(result, recurse=False).items()
    else:
        items = ((f.name, getattr(result, f.name)) for f in dataclasses.fields(result))
    row: dict[str, Any] = {"kind": None}
    for name, value in items:
        if name == "kind" and isinstance(value, str):
            row["kind"] = value
        elif isinstance(value, (bool, np.bool_)):
            row[name] = bool(value)
        elif isinstance(value, numbers.Real):
            row[name] = float(value)
        elif isinstance(value, np.ndarray) and value.ndim == 0:
            row[name] = value.item()
    return row


def _scenario_rows(result: Any, where: str) -> list[dict[str, Any]]:
    eqs = list(result.equilibria)
    own = getattr(result, "equilibrium_outcomes", None)
    outcomes = result.outcomes if own is None else own
    if not eqs:
        if not isinstance(result.outcomes, Mapping):
            msg = f"{where}: a result without equilibria needs .outcomes as a mapping of named values"
            raise InvalidParameterError(msg)
        return [{"kind": None, **dict(result.outcomes)}]
    if isinstance(outcomes, Sequence) and not isinstance(outcomes, str) and len(outcomes) == len(eqs):
        per_row = [dict(o) for o in outcomes]
    elif isinstance(outcomes, Mapping) and len(eqs) == 1:
        per_row = [dict(outcomes)]
    else:
        msg = (f"{where}: a result with {len(eqs)} equilibria needs one mapping of outcomes per "
               f"equilibrium (.equilibrium_outcomes, or .outcomes as a sequence), got "
               f"{type(outcomes).__name__}; outcomes belong to the equilibrium on their row")
        raise InvalidParameterError(msg)
    selected = getattr(result, "selected", None)
    return [{**_equilibrium_row(eq), **out, "selected": k == selected}
            for k, (eq, out) in enumerate(zip(eqs, per_row, strict=True))]


def invalid_row(error: InvalidParameterError) -> dict[str, Any]:
    """The one row of a point outside the valid region."""
    return {"kind": None, VALID: False, REASON: str(error)}


def point_rows(obj: Any, method: str, where: str) -> list[dict[str, Any]]:
    """Rows for one object returned by ``build`` (the protocol in the module docstring)."""
    if _is_game(obj):
        return [{**_equilibrium_row(eq), VALID: True, REASON: ""} for eq in solve(obj, method=method)]
    if callable(getattr(obj, "solve", None)):
        try:
            result = obj.solve()
        except InvalidParameterError as error:  # the model refuses this point: outside its valid region
            return [invalid_row(error)]
        return [{**row, VALID: True, REASON: ""} for row in _result_rows(obj, result, where)]
    msg = (f"{where}: build must return a game (e.g. NormalFormGame), a model or a scenario "
           f"(anything with a .solve() method), not {type(obj).__name__}")
    raise InvalidParameterError(msg)


def _result_rows(obj: Any, result: Any, where: str) -> list[dict[str, Any]]:
    if isinstance(result, EquilibriumSet):
        return [_equilibrium_row(eq) for eq in result]
    if hasattr(result, "equilibria") and hasattr(result, "outcomes"):
        return _scenario_rows(result, where)
    if attrs.has(type(result)) or dataclasses.is_dataclass(result):
        return [_model_row(result)]
    msg = (f"{where}: build returned a {type(obj).__name__} whose .solve() returned a "
           f"{type(result).__name__}; expected an EquilibriumSet, a result with "
           f".equilibria and .outcomes, or an attrs/dataclass result")
    raise InvalidParameterError(msg)


def stack_rows(a: np.ndarray, b: np.ndarray, players: Sequence[str], actions: Sequence[Sequence[str]],
               solver: Callable) -> tuple[np.ndarray, pd.DataFrame]:
    """Solve a stack of 2-player games of one shape in one batched call and tabulate.

    Returns the game index of each row and the rows (``kind``, strategy and
    payoff columns): the values the per-game path gives, without a Python
    object per game. The solver verifies every profile and cleans it as
    :class:`~negotiation_sim.Equilibrium` does.
    """
    game_of, x, y, pay = solver(a, b)
    (p1, p2), (acts1, acts2) = players, actions
    data: dict[str, Any] = {}
    pure = (np.count_nonzero(x, axis=1) == 1) & (np.count_nonzero(y, axis=1) == 1)
    data["kind"] = np.where(pure, "pure", "mixed").astype(object)
    for j, act in enumerate(acts1):
        data[f"{p1}:{act}"] = x[:, j]
    for j, act in enumerate(acts2):
        data[f"{p2}:{act}"] = y[:, j]
    data[f"payoff {p1}"], data[f"payoff {p2}"] = pay[:, 0], pay[:, 1]
    return game_of, pd.DataFrame(data)


def pure_stack_rows(payoffs: np.ndarray, players: Sequence[str], actions: Sequence[Sequence[str]]
                    ) -> tuple[np.ndarray, pd.DataFrame]:
    """Every pure equilibrium of a stack of N-player games, verified in bulk, tabulated as the per-game path does."""
    from negotiation_sim.solvers.pure_nash import batch_pure_profiles

    game_of, chosen, values, _ = batch_pure_profiles(payoffs)
    data: dict[str, Any] = {"kind": np.full(len(game_of), "pure", dtype=object)}
    for i, (player, acts) in enumerate(zip(players, actions, strict=True)):
        for j, act in enumerate(acts):
            data[f"{player}:{act}"] = (chosen[:, i] == j).astype(np.float64)
    for i, player in enumerate(players):
        data[f"payoff {player}"] = values[:, i]
    return game_of, pd.DataFrame(data)


def bulk_method(n_players: int, method: str) -> str | None:
    """How a stack of games with ``n_players`` is solved in bulk for ``method`` (None: game by game)."""
    if method == "auto":
        return "vertex" if n_players == 2 else "pure+auto"
    return "pure" if method == "pure" else None


def solve_stack(payoffs: np.ndarray, players: Sequence[str], actions: Sequence[Sequence[str]], method: str,
                where: Callable[[int], str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Solve a stack of games of one shape in bulk, as :func:`bulk_method` says; rows and each row's game.

    With ``"pure+auto"`` (N players, ``method="auto"``) the games without a
    pure equilibrium are solved one by one with ``solve(game, "auto")``, as
    the per-game path solves them; ``where(k)`` names game ``k`` in errors.
    """
    how = bulk_method(payoffs.shape[-1], method)
    if how == "vertex":
        return stack_rows(payoffs[..., 0], payoffs[..., 1], players, actions, batch_solver())
    game_of, frame = pure_stack_rows(payoffs, players, actions)
    if how == "pure":
        return game_of, frame
    missing = np.setdiff1d(np.arange(len(payoffs)), game_of)
    rows: list[dict[str, Any]] = []
    row_games: list[int] = []
    for k in missing.tolist():
        game = NormalFormGame(payoffs[k], players=players, actions=actions)
        for row in point_rows(game, "auto", where(k)):
            rows.append(row)
            row_games.append(k)
    if not rows:
        return game_of, frame
    return (np.concatenate([game_of, np.asarray(row_games, dtype=np.int64)]),
            pd.concat([frame, pd.DataFrame(rows)], ignore_index=True))


def _batch_key(obj: Any, method: str) -> tuple | None:
    if isinstance(obj, NormalFormGame) and bulk_method(obj.n_players, method) is not None:
        return (obj.shape, obj.players, obj.actions)
    return None


def evaluate_points(build: Callable[..., Any], names: Sequence[str], points: Sequence[Sequence[Any]],
                    offset: int, method: str, progress: bool = False) -> pd.DataFrame:
    """Build and solve every point; rows carry the point's global index in ``_point``.

    Games that can take the fast path are built first and solved together;
    everything else is solved point by point. The rows depend only on each
    point, never on which other points share the call, so chunked runs give
    the same rows as one serial run.
    """
    from tqdm.auto import tqdm

    frames: list[pd.DataFrame] = []
    groups: dict[tuple, list[int]] = {}
    objects: list[Any] = []
    iterator = tqdm(points, desc="sweep", disable=not progress, leave=False)
    rows: list[dict[str, Any]] = []
    row_points: list[int] = []
    for k, values in enumerate(iterator):
        params = dict(zip(names, values, strict=True))
        try:
            obj = build(**params)
        except InvalidParameterError as error:
            objects.append(None)
            rows.append(invalid_row(error))
            row_points.append(offset + k)
            continue
        objects.append(obj)
        key = _batch_key(obj, method)
        if key is not None:
            groups.setdefault(key, []).append(k)
            continue
        for row in point_rows(obj, method, f"at {params}"):
            rows.append(row)
            row_points.append(offset + k)
    if rows:
        frames.append(pd.DataFrame(rows).assign(**{POINT: row_points}))
    for (_, players, actions), members in groups.items():
        payoffs = np.stack([objects[k].payoffs for k in members])

        def where(k: int, m: list[int] = members) -> str:
            return f"at {dict(zip(names, points[m[k]], strict=True))}"

        game_of, frame = solve_stack(payoffs, players, actions, method, where)
        frames.append(frame.assign(valid=True, invalid_reason="", **{POINT: offset + np.asarray(members)[game_of]}))
    if not frames:
        return pd.DataFrame({POINT: np.array([], dtype=np.int64)})
    return pd.concat(frames, ignore_index=True)


def evaluate_batch(build: Callable[..., Any], names: Sequence[str], columns: Sequence[np.ndarray],
                   offset: int, method: str, progress: bool = False) -> pd.DataFrame:
    """A vectorised ``build``: called once with every point's parameters as arrays; rows carry ``_point``.

    ``build`` must return a :class:`~negotiation_sim.games.batch.GameBatch`
    with one game per point. With ``method="auto"`` or ``"pure"`` the whole
    batch is solved in bulk (:func:`solve_stack`); any other method solves
    game by game with :func:`negotiation_sim.solve` (the reference path).
    """
    from tqdm.auto import tqdm

    from negotiation_sim.games.batch import GameBatch

    n_points = len(columns[0])
    try:
        batch = build(**dict(zip(names, columns, strict=True)))
    except InvalidParameterError:
        return _batch_with_invalid_points(build, names, columns, offset, method, progress)
    if not isinstance(batch, GameBatch):
        msg = (f"a vectorized build must return a GameBatch (one game per grid point), "
               f"not {type(batch).__name__}")
        raise InvalidParameterError(msg)
    if len(batch) != n_points:
        msg = f"a vectorized build must return one game per grid point ({n_points}), got {len(batch)}"
        raise InvalidParameterError(msg)
    if bulk_method(batch.n_players, method) is not None:
        game_of, frame = solve_stack(batch.payoffs, batch.players, batch.actions, method,
                                     lambda k: f"at point {offset + k}")
        return frame.assign(valid=True, invalid_reason="", **{POINT: offset + game_of})
    rows: list[dict[str, Any]] = []
    row_points: list[int] = []
    for k in tqdm(range(n_points), desc="sweep", disable=not progress, leave=False):
        for row in point_rows(batch.game(k), method, f"at point {offset + k}"):
            rows.append(row)
            row_points.append(offset + k)
    if not rows:
        return pd.DataFrame({POINT: np.array([], dtype=np.int64)})
    return pd.DataFrame(rows).assign(**{POINT: row_points})


def _batch_with_invalid_points(build: Callable[..., Any], names: Sequence[str], columns: Sequence[np.ndarray],
                               offset: int, method: str, progress: bool) -> pd.DataFrame:
    """A vectorised ``build`` refused some points: find them one by one, solve the rest in one batch."""
    reasons: dict[int, str] = {}
    for k in range(len(columns[0])):
        try:
            build(**{n: c[k:k + 1] for n, c in zip(names, columns, strict=True)})
        except InvalidParameterError as error:
            reasons[k] = str(error)
    good = np.array([k for k in range(len(columns[0])) if k not in reasons], dtype=np.int64)
    frames = []
    if len(good):
        frame = evaluate_batch(build, names, [c[good] for c in columns], 0, method, progress)
        frames.append(frame.assign(**{POINT: offset + good[frame[POINT].to_numpy(dtype=np.int64)]}))
    if reasons:
        bad = pd.DataFrame([invalid_row(InvalidParameterError(r)) for r in reasons.values()])
        frames.append(bad.assign(**{POINT: offset + np.fromiter(reasons, dtype=np.int64)}))
    return pd.concat(frames, ignore_index=True)
