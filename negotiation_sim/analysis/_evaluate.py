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

Games of one shape and names are solved together, in bulk (the fast path),
whether ``build`` returned them one per point or as one
:class:`~negotiation_sim.GameBatch`: two-player games in batched calls of
``batch_extreme_profiles`` when ``method="auto"``; games of any number of
players for their pure equilibria in one regret tensor when ``method="pure"``,
and so are games of three or more players with ``method="auto"`` (whose games
without a pure equilibrium then go to ``solve(game, "auto")`` one by one, as
the per-game path does).

What the two-player batch certifies (:func:`vertex_stack_rows`): every
profile it returns is verified (regret within tolerance). It does not track,
as the per-game walk does, the decisions that rounding could change (the
per-game path then re-solves the game in exact arithmetic). So a game is taken out of the batch
and solved alone with ``solve(game, "auto")`` (verified, certified, re-solved
exactly where floating point is in doubt) when its batch answer shows a tie
or a near-tie: no equilibrium found, a best response outside an
equilibrium's support (within 1e-6 of the payoff spread), supports of
unequal sizes, or a probability within 1e-6 of zero; and when a profile of
the batch fails verification. Other games keep the batch's verified answer;
``method="vertex_enumeration"`` certifies every game.
"""

from __future__ import annotations

import dataclasses
import numbers
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from negotiation_sim.errors import DegenerateGameWarning, InvalidParameterError, SolverError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._solve import solve
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["evaluate_span", "point_rows", "solve_stack", "vertex_stack_rows"]

POINT = "_point"
VALID, REASON = "valid", "invalid_reason"
#: A best response within this fraction of a player's payoff spread, or a probability below it,
#: counts as a tie: such a game leaves the batch for the certified per-game solve.
TIE_TOL = 1e-6


def _is_game(obj: Any) -> bool:
    from negotiation_sim.games import BayesianGame, GameTree, SignalingGame

    return isinstance(obj, (NormalFormGame, GameTree, SignalingGame, BayesianGame))


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


def _batch_profiles(a: np.ndarray, b: np.ndarray) -> tuple[list[tuple[np.ndarray, ...]], list[int]]:
    """``batch_extreme_profiles`` on a stack, halving it where a profile fails verification.

    Returns the parts (game indices already offset into the stack) and the
    games the batch refused alone (solved per game by the caller).
    """
    from negotiation_sim.solvers._vertex_enumeration import batch_extreme_profiles

    try:
        return [batch_extreme_profiles(a, b)], []
    except SolverError:
        if len(a) == 1:
            return [], [0]
    mid = len(a) // 2
    left, bad_left = _batch_profiles(a[:mid], b[:mid])
    right, bad_right = _batch_profiles(a[mid:], b[mid:])
    right = [(g + mid, *rest) for g, *rest in right]
    return left + right, bad_left + [k + mid for k in bad_right]


def tied_games(a: np.ndarray, b: np.ndarray, game_of: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The games of a stack whose batch answer shows a tie (see the module docstring), ascending.

    Examples
    --------
    Matching pennies (no tie) and a game where the row player is indifferent
    (every action a best response):

    >>> a = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[0.0, 0.0], [0.0, 0.0]]])
    >>> b = np.array([[[-1.0, 1.0], [1.0, -1.0]], [[1.0, 0.0], [0.0, 1.0]]])
    >>> tied_games(a, b, np.array([0, 1]), np.array([[0.5, 0.5], [1.0, 0.0]]),
    ...            np.array([[0.5, 0.5], [1.0, 0.0]])).tolist()
    [1]
    """
    ga, gb = a[game_of], b[game_of]
    tol_a = TIE_TOL * np.ptp(a.reshape(len(a), -1), axis=1)[game_of]
    tol_b = TIE_TOL * np.ptp(b.reshape(len(b), -1), axis=1)[game_of]
    values_a = np.einsum("kmn,kn->km", ga, y)  # the row player's payoff of each action
    values_b = np.einsum("kmn,km->kn", gb, x)
    best_a = values_a >= values_a.max(axis=1, keepdims=True) - tol_a[:, None]
    best_b = values_b >= values_b.max(axis=1, keepdims=True) - tol_b[:, None]
    sx, sy = x > 0, y > 0
    tie = ((best_a & ~sx).any(axis=1) | (best_b & ~sy).any(axis=1)
           | (sx.sum(axis=1) != sy.sum(axis=1))
           | (sx & (x < TIE_TOL)).any(axis=1) | (sy & (y < TIE_TOL)).any(axis=1))
    found = np.zeros(len(a), dtype=bool)
    found[game_of] = True
    return np.union1d(np.unique(game_of[tie]), np.flatnonzero(~found))


def vertex_stack_rows(payoffs: np.ndarray, players: Sequence[str], actions: Sequence[Sequence[str]],
                      where: Callable[[int], str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Every extreme equilibrium of a stack of 2-player games of one shape: the rows and each row's game.

    The games are solved in batches; the games the batch cannot vouch for
    (see the module docstring) are solved alone, with ``solve(game, "auto")``
    as the per-game path does. The rows (``kind``, strategy and payoff
    columns) are the values the per-game path gives, without a Python object
    per game in the batch.
    """
    import pandas as pd

    a, b = payoffs[..., 0], payoffs[..., 1]
    parts, refused = _batch_profiles(a, b)
    m, n = a.shape[1:]
    game_of, x, y, pay = (np.concatenate(p) for p in zip(*parts, strict=True)) if parts else (
        np.empty(0, dtype=np.int64), np.empty((0, m)), np.empty((0, n)), np.empty((0, 2)))
    alone = np.union1d(tied_games(a, b, game_of, x, y), np.asarray(refused, dtype=np.int64))
    keep = ~np.isin(game_of, alone)
    game_of, x, y, pay = game_of[keep], x[keep], y[keep], pay[keep]
    (p1, p2), (acts1, acts2) = players, actions
    pure = (np.count_nonzero(x, axis=1) == 1) & (np.count_nonzero(y, axis=1) == 1)
    data: dict[str, Any] = {"kind": np.where(pure, "pure", "mixed").astype(object)}
    for j, act in enumerate(acts1):
        data[f"{p1}:{act}"] = x[:, j]
    for j, act in enumerate(acts2):
        data[f"{p2}:{act}"] = y[:, j]
    data[f"payoff {p1}"], data[f"payoff {p2}"] = pay[:, 0], pay[:, 1]
    frame = pd.DataFrame(data)
    if not len(alone):
        return game_of, frame
    rows, row_games = _alone_rows(payoffs, alone, players, actions, where)
    return (np.concatenate([game_of, row_games]),
            pd.concat([frame, pd.DataFrame(rows, columns=list(data))], ignore_index=True))


def _alone_rows(payoffs: np.ndarray, games: Iterable[int], players: Sequence[str],
                actions: Sequence[Sequence[str]], where: Callable[[int], str]
                ) -> tuple[list[dict[str, Any]], np.ndarray]:
    """``solve(game, "auto")`` on each of ``games`` of a stack: rows and their games.

    Degeneracy warnings are not repeated for every point of a sweep (its
    rows carry no notes); a PrecisionWarning (an uncertified list) still shows.
    """
    rows: list[dict[str, Any]] = []
    row_games: list[int] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        for k in games:
            game = NormalFormGame(payoffs[k], players=players, actions=actions)
            for row in point_rows(game, "auto", where(int(k))):
                row.pop(VALID), row.pop(REASON)
                rows.append(row)
                row_games.append(int(k))
    return rows, np.asarray(row_games, dtype=np.int64)


def pure_stack_rows(payoffs: np.ndarray, players: Sequence[str], actions: Sequence[Sequence[str]]
                    ) -> tuple[np.ndarray, pd.DataFrame]:
    """Every pure equilibrium of a stack of N-player games, verified in bulk, tabulated as the per-game path does."""
    import pandas as pd

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
    import pandas as pd

    how = bulk_method(payoffs.shape[-1], method)
    if how == "vertex":
        return vertex_stack_rows(payoffs, players, actions, where)
    game_of, frame = pure_stack_rows(payoffs, players, actions)
    if how == "pure":
        return game_of, frame
    missing = np.setdiff1d(np.arange(len(payoffs)), game_of)
    if not len(missing):
        return game_of, frame
    rows, row_games = _alone_rows(payoffs, missing, players, actions, where)
    return np.concatenate([game_of, row_games]), pd.concat([frame, pd.DataFrame(rows)], ignore_index=True)


def _no_rows() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({POINT: np.array([], dtype=np.int64)})


def evaluate_span(build: Callable[..., Any], names: Sequence[str], columns: Sequence[np.ndarray], start: int,
                  method: str, vectorized: bool, tick: Callable[[int], Any] | None = None) -> pd.DataFrame:
    """The raw rows of the points ``start, start + 1, ...`` whose parameters are ``columns`` (one array per name).

    Rows carry the point's global index in ``_point``. A vectorised
    ``build`` is called once with the arrays; otherwise once per point
    (``tick(1)`` after each, for a progress bar). The rows depend only on
    each point, never on which other points share the call, so any split of
    the points gives the same rows.
    """
    if vectorized:
        return _evaluate_batch(build, names, columns, start, method)
    return _evaluate_points(build, names, columns, start, method, tick)


def _evaluate_points(build: Callable[..., Any], names: Sequence[str], columns: Sequence[np.ndarray],
                     offset: int, method: str, tick: Callable[[int], Any] | None) -> pd.DataFrame:
    """Build every point; solve the games that can take the fast path together, the rest one by one."""
    import pandas as pd

    points = list(zip(*(c.tolist() for c in columns), strict=True))
    frames: list[pd.DataFrame] = []
    # Games of one shape and names, grouped: the points and their payoffs (only the arrays are
    # kept, so the game objects are freed at once and the garbage collector has less to scan).
    groups: dict[tuple, tuple[list[int], list[np.ndarray]]] = {}
    two, more = (bulk_method(n, method) is not None for n in (2, 3))  # bulk for 2, for 3+ players?
    rows: list[dict[str, Any]] = []
    row_points: list[int] = []
    for k, values in enumerate(points):
        params = dict(zip(names, values, strict=True))
        try:
            obj = build(**params)
        except InvalidParameterError as error:
            rows.append(invalid_row(error))
            row_points.append(offset + k)
        else:
            if isinstance(obj, NormalFormGame) and (two if obj.payoffs.ndim == 3 else more):
                members, stack = groups.setdefault((obj.payoffs.shape, obj.players, obj.actions), ([], []))
                members.append(k)
                stack.append(obj.payoffs)
            else:
                for row in point_rows(obj, method, f"at {params}"):
                    rows.append(row)
                    row_points.append(offset + k)
        if tick is not None:
            tick(1)
    if rows:
        frames.append(pd.DataFrame(rows).assign(**{POINT: row_points}))
    for (_, players, actions), (members, stack) in groups.items():
        payoffs = np.stack(stack)

        def where(k: int, m: list[int] = members) -> str:
            return f"at {dict(zip(names, points[m[k]], strict=True))}"

        game_of, frame = solve_stack(payoffs, players, actions, method, where)
        frames.append(frame.assign(valid=True, invalid_reason="", **{POINT: offset + np.asarray(members)[game_of]}))
    if not frames:
        return _no_rows()
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _evaluate_batch(build: Callable[..., Any], names: Sequence[str], columns: Sequence[np.ndarray],
                    offset: int, method: str) -> pd.DataFrame:
    """A vectorised ``build``: called once with every point's parameters as arrays.

    ``build`` must return a :class:`~negotiation_sim.games.batch.GameBatch`
    with one game per point. With ``method="auto"`` or ``"pure"`` the whole
    batch is solved in bulk (:func:`solve_stack`); any other method solves
    game by game with :func:`negotiation_sim.solve` (the reference path).
    """
    import pandas as pd

    from negotiation_sim.games.batch import GameBatch

    n_points = len(columns[0])
    try:
        batch = build(**dict(zip(names, columns, strict=True)))
    except InvalidParameterError:
        return _batch_with_invalid_points(build, names, columns, offset, method)
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
    for k in range(n_points):
        for row in point_rows(batch.game(k), method, f"at point {offset + k}"):
            rows.append(row)
            row_points.append(offset + k)
    if not rows:
        return _no_rows()
    return pd.DataFrame(rows).assign(**{POINT: row_points})


def _batch_with_invalid_points(build: Callable[..., Any], names: Sequence[str], columns: Sequence[np.ndarray],
                               offset: int, method: str) -> pd.DataFrame:
    """A vectorised ``build`` refused some points: find them one by one, solve the rest in one batch."""
    import pandas as pd

    reasons: dict[int, str] = {}
    for k in range(len(columns[0])):
        try:
            build(**{n: c[k:k + 1] for n, c in zip(names, columns, strict=True)})
        except InvalidParameterError as error:
            reasons[k] = str(error)
    good = np.array([k for k in range(len(columns[0])) if k not in reasons], dtype=np.int64)
    frames = []
    if len(good):
        frame = _evaluate_batch(build, names, [c[good] for c in columns], 0, method)
        frames.append(frame.assign(**{POINT: offset + good[frame[POINT].to_numpy(dtype=np.int64)]}))
    if reasons:
        bad = pd.DataFrame([invalid_row(InvalidParameterError(r)) for r in reasons.values()])
        frames.append(bad.assign(**{POINT: offset + np.fromiter(reasons, dtype=np.int64)}))
    return pd.concat(frames, ignore_index=True)
