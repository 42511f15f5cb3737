"""One equilibrium of a 2-player game by the Lemke–Howson algorithm (via nashpy).

Lemke–Howson follows a path of almost-complementary vertices of the two
best-response polytopes from the artificial equilibrium, after dropping one
label, to an equilibrium (von Stengel 2002, section 3.4). It is fast but finds
one equilibrium per dropped label, and on degenerate games nashpy's pivoting
can end at a profile that is not an equilibrium (or at ``nan``). Every result
is therefore checked by :func:`verified_equilibrium`; when no initial label
gives a verified profile, the solver falls back to vertex enumeration and says
so in the result's ``notes``.

References
----------
Lemke, C. E. and Howson, J. T. (1964), "Equilibrium points of bimatrix
games", *Journal of the Society for Industrial and Applied Mathematics* 12.
von Stengel, B. (2002), "Computing equilibria for two-person games",
*Handbook of Game Theory* vol. 3, ch. 45.
"""

from __future__ import annotations

import warnings

import numpy as np

from negotiation_sim.errors import InvalidParameterError, SolverError, UnsupportedMethodError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._regret import _check_game, verified_equilibrium
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet

__all__ = ["lemke_howson"]

_METHOD = "lemke_howson"


def _check_two_players(game: NormalFormGame) -> NormalFormGame:
    game = _check_game(game)
    if game.n_players != 2:
        msg = (
            f"method 'lemke_howson' needs a 2-player game; {game.title or 'this game'!s} "
            f"has {game.n_players} players (use method='auto', 'qre' or 'gambit')"
        )
        raise UnsupportedMethodError(msg)
    return game


def _labels(game: NormalFormGame, initial_dropped_label: int | None) -> list[int]:
    n_labels = sum(game.shape)
    if initial_dropped_label is None:
        return list(range(n_labels))
    if isinstance(initial_dropped_label, bool) or not isinstance(initial_dropped_label, (int, np.integer)):
        msg = f"initial_dropped_label must be an int in range({n_labels}) or None, got {initial_dropped_label!r}"
        raise InvalidParameterError(msg)
    if not 0 <= initial_dropped_label < n_labels:
        msg = (
            f"initial_dropped_label must be in range({n_labels}) (row actions, then column "
            f"actions), got {initial_dropped_label}"
        )
        raise InvalidParameterError(msg)
    # The requested label first, then the others as a safety net for degenerate games.
    return [int(initial_dropped_label)] + [k for k in range(n_labels) if k != initial_dropped_label]


def _pivot(a: np.ndarray, b: np.ndarray, label: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """nashpy's Lemke–Howson loop (``nashpy.algorithms.lemke_howson``) with a pivot limit.

    nashpy's own loop has no limit and never ends on some degenerate games
    (e.g. when a player has a single action); the path of a nondegenerate
    game is far shorter than the bound used here. Returns candidate strategy
    pairs for the caller to verify (none when the path did not end).
    """
    from nashpy.linalg import create_col_tableau, create_row_tableau

    col_tableau = create_col_tableau(a, True)
    row_tableau = create_row_tableau(b, True)
    if label in row_tableau.non_basic_variables:
        order = (row_tableau, col_tableau)
    else:
        order = (col_tableau, row_tableau)
    full_labels = col_tableau.labels
    entering = label
    for step in range(_max_pivots(*a.shape)):
        entering = order[step % 2].pivot_and_drop_label(entering)
        if col_tableau.non_basic_variables | row_tableau.non_basic_variables == full_labels:
            out = [_from_labels(a, b, row_tableau.non_basic_variables,
                                col_tableau.non_basic_variables)]
            try:  # nashpy's own reading, a second candidate for degenerate games
                out.append((row_tableau.to_strategy(col_tableau.non_basic_variables),
                            col_tableau.to_strategy(row_tableau.non_basic_variables)))
            except Exception:  # noqa: BLE001 - its shape errors are what the check is for
                pass
            return [c for c in out if c is not None]
    return []


def _from_labels(a: np.ndarray, b: np.ndarray, x_labels: set, y_labels: set):
    """The strategy pair at a completely labelled vertex pair, solved from its supports.

    nashpy reads the strategies off its fraction-free tableau with exact
    float comparisons, which round-off breaks on games with non-integer
    payoffs; the labels themselves are reliable. A row action that is not a
    label of x is in x's support (likewise for y), and on the supports each
    player makes the other indifferent (von Stengel 2002, Theorem 2.11).
    """
    m, n = a.shape
    sx = [i for i in range(m) if i not in x_labels]
    sy = [j for j in range(n) if m + j not in y_labels]
    if not sx or not sy:
        return None
    x = np.zeros(m)
    y = np.zeros(n)
    x[sx] = _indifference(b[np.ix_(sx, sy)].T)
    y[sy] = _indifference(a[np.ix_(sx, sy)])
    return x, y


def _indifference(payoffs: np.ndarray) -> np.ndarray:
    """Weights w (summing to 1) that equalise every row of ``payoffs @ w``."""
    k, s = payoffs.shape
    lhs = np.vstack([np.hstack([payoffs, -np.ones((k, 1))]), np.append(np.ones(s), 0.0)])
    rhs = np.append(np.zeros(k), 1.0)
    return np.linalg.lstsq(lhs, rhs, rcond=None)[0][:s]


def _max_pivots(m: int, n: int) -> int:
    return 50 * (m + n) + 100


def _try_label(game: NormalFormGame, label: int, tol: float | None) -> Equilibrium | None:
    """The verified equilibrium that dropping ``label`` leads to, or None if the path fails."""
    a, b = np.array(game.payoff_array(0)), np.array(game.payoff_array(1))
    with warnings.catch_warnings():
        # nashpy warns on degenerate games and numpy on 0/0; both are handled by the check below.
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            try:
                candidates = _pivot(a, b, label)
            except Exception:  # noqa: BLE001 - nashpy raises assorted errors on degenerate input
                return None
    note = f"found by Lemke-Howson with initial dropped label {label}"
    for x, y in candidates:
        profile = _as_profile(game, x, y)
        if profile is None:
            continue
        try:
            return verified_equilibrium(game, profile, _METHOD, tol=tol, notes=(note,))
        except SolverError:
            continue
    return None


def _as_profile(game: NormalFormGame, x, y) -> list[np.ndarray] | None:
    """``(x, y)`` normalised to probability vectors, or None if they cannot be."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != (game.shape[0],) or y.shape != (game.shape[1],):
        return None
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return None
    if np.any(x < -1e-9) or np.any(y < -1e-9) or x.sum() <= 0 or y.sum() <= 0:
        return None
    x, y = np.clip(x, 0, None), np.clip(y, 0, None)
    return [x / x.sum(), y / y.sum()]


def lemke_howson(
    game: NormalFormGame, initial_dropped_label: int | None = None, tol: float | None = None
) -> EquilibriumSet:
    """One Nash equilibrium of a 2-player game, by Lemke–Howson pivoting.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game.
    initial_dropped_label : int, optional
        The label dropped first: ``0 .. m-1`` are the row player's actions,
        ``m .. m+n-1`` the column player's. By default labels are tried in
        order until one leads to a verified equilibrium.
    tol : float, optional
        Regret tolerance relative to the payoff scale.

    Returns
    -------
    EquilibriumSet
        One equilibrium, ``complete=False``. If no label gives a verified
        equilibrium (degenerate games), the first equilibrium found by vertex
        enumeration is returned instead, and ``notes`` says so.

    Raises
    ------
    UnsupportedMethodError
        If the game does not have exactly two players.
    InvalidParameterError
        If ``initial_dropped_label`` is out of range.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> pennies = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eqs = ns.solve(pennies, method="lemke_howson")
    >>> eqs[0].strategies, eqs.complete
    ((array([0.5, 0.5]), array([0.5, 0.5])), False)
    """
    game = _check_two_players(game)
    labels = _labels(game, initial_dropped_label)
    if min(game.shape) == 1:
        return _single_action(game, tol)
    for label in labels:
        eq = _try_label(game, label, tol)
        if eq is not None:
            return EquilibriumSet([eq], complete=False, method=_METHOD, game=game)
    return _fallback(game, labels, tol)


def _single_action(game: NormalFormGame, tol: float | None) -> EquilibriumSet:
    """A player with one action: the other best-responds (nashpy's pivoting never ends here)."""
    a, b = game.payoff_array(0), game.payoff_array(1)
    if game.shape[0] == 1:
        profile = [0, int(np.argmax(b[0]))]
    else:
        profile = [int(np.argmax(a[:, 0])), 0]
    note = "a player has a single action, so the other's best response is an equilibrium"
    eq = verified_equilibrium(game, profile, _METHOD, tol=tol, notes=(note,))
    return EquilibriumSet([eq], complete=False, method=_METHOD, game=game)


def _fallback(game: NormalFormGame, labels: list[int], tol: float | None) -> EquilibriumSet:
    from negotiation_sim.solvers._solve import solve

    found = solve(game, "vertex_enumeration", tol=tol)
    if not len(found):  # a finite game always has one; this guards a solver bug, not the game
        msg = "lemke_howson: neither Lemke-Howson nor vertex enumeration found an equilibrium"
        raise SolverError(msg)
    note = (
        f"Lemke-Howson (nashpy) gave no verified equilibrium for initial labels {labels} "
        "(the game is probably degenerate); this equilibrium comes from vertex enumeration."
    )
    return EquilibriumSet(
        [found[0]], complete=False, method=_METHOD, game=game, degenerate=True, notes=(note,)
    )
