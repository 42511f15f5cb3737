"""``solve``: one entry point that dispatches a game to the right algorithm.

Each algorithm lives in its own module (``vertex_enumeration``, ``pure_nash``,
``lemke_howson``, ...). This module only validates the request and routes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from negotiation_sim.errors import InvalidParameterTypeError, UnsupportedMethodError
from negotiation_sim.games.bayesian import BayesianGame
from negotiation_sim.games.extensive_form import GameTree
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.games.signaling import SignalingGame
from negotiation_sim.solvers._vertex_enumeration import vertex_enumeration
from negotiation_sim.solvers.equilibrium import EquilibriumSet
from negotiation_sim.solvers.gambit_backend import gambit_solve
from negotiation_sim.solvers.lemke_howson import lemke_howson
from negotiation_sim.solvers.pure_nash import pure_equilibria

__all__ = ["solve", "is_game", "NORMAL_FORM_METHODS"]

Solver = Callable[..., EquilibriumSet]


# The solvers below import their modules on first call: together they would double the
# cost of the first `solve` (scipy.optimize for "lp", the QRE tracer, trees, signalling games).
def _linear_programming(game: NormalFormGame, **options: Any) -> EquilibriumSet:
    from negotiation_sim.solvers.linear_programming import linear_programming

    return linear_programming(game, **options)


def _qre(game: NormalFormGame, **options: Any) -> EquilibriumSet:
    from negotiation_sim.solvers._qre import qre_solve

    return qre_solve(game, **options)


def _n_player_auto(game: NormalFormGame, **options: Any) -> EquilibriumSet:
    from negotiation_sim.solvers.n_player import n_player_auto

    return n_player_auto(game, **options)


def _solve_tree(game: GameTree, method: str, **options: Any) -> EquilibriumSet:
    from negotiation_sim.solvers._subgame_perfect import solve_tree

    return solve_tree(game, method, **options)


def _solve_signaling(game: SignalingGame, method: str, **options: Any) -> EquilibriumSet:
    from negotiation_sim.solvers.perfect_bayesian import solve_signaling

    return solve_signaling(game, method, **options)


def _solve_bayesian(game: BayesianGame, method: str, **options: Any) -> EquilibriumSet:
    from negotiation_sim.solvers.bayesian_nash import solve_bayesian

    return solve_bayesian(game, method, **options)


#: Methods for normal-form games: name -> solver(game, **options).
NORMAL_FORM_METHODS: dict[str, Solver] = {
    "pure": pure_equilibria,
    "vertex_enumeration": vertex_enumeration,
    "lemke_howson": lemke_howson,
    "lp": _linear_programming,
    "qre": _qre,
    "gambit": gambit_solve,
}
_ALIASES = {"all": "vertex_enumeration", "enummixed": "vertex_enumeration"}


def _solve_normal_form(game: NormalFormGame, method: str, **options: Any) -> EquilibriumSet:
    method = _ALIASES.get(method, method)
    if options.get("exact") and (game.n_players != 2 or method not in ("auto", "vertex_enumeration")):
        msg = (f"exact=True is available for 2-player games with method='auto' or 'vertex_enumeration' "
               f"(this game has {game.n_players} players, method={method!r})")
        raise UnsupportedMethodError(msg)
    if method == "auto":
        return (vertex_enumeration if game.n_players == 2 else _n_player_auto)(game, **options)
    if method not in NORMAL_FORM_METHODS:
        known = ["auto", *NORMAL_FORM_METHODS, *_ALIASES]
        msg = f"unknown method {method!r} for a NormalFormGame; choose one of {known}"
        raise UnsupportedMethodError(msg)
    return NORMAL_FORM_METHODS[method](game, **options)


#: Game types: class -> solver(game, method, **options); a subclass uses its nearest base's.
_GAME_SOLVERS: dict[type, Solver] = {
    NormalFormGame: _solve_normal_form,
    GameTree: _solve_tree,
    SignalingGame: _solve_signaling,
    BayesianGame: _solve_bayesian,
}
def _game_solver(game: Any) -> Solver | None:
    return next((_GAME_SOLVERS[c] for c in type(game).__mro__ if c in _GAME_SOLVERS), None)


def is_game(obj: Any) -> bool:
    """Whether :func:`solve` accepts ``obj``: a normal-form, tree, signalling or Bayesian game.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> from negotiation_sim.solvers._solve import is_game
    >>> is_game(ns.GameTree(players=("Russia", "NATO"))), is_game([[1, 0], [0, 1]])
    (True, False)
    """
    return _game_solver(obj) is not None


def solve(game: Any, method: str = "auto", **options: Any) -> EquilibriumSet:
    """Compute the equilibria of a game.

    Parameters
    ----------
    game : NormalFormGame, GameTree, SignalingGame or BayesianGame
    method : str, default "auto"
        For a :class:`NormalFormGame`:

        - ``"auto"``: two players, every extreme Nash equilibrium by vertex
          enumeration (degenerate games included, ``complete=True``); more
          players, every pure equilibrium plus a mixed one traced by the
          logit QRE path when no pure one exists.
        - ``"pure"``: every pure equilibrium (any number of players).
        - ``"vertex_enumeration"`` (alias ``"all"``): two players, all extreme equilibria.
        - ``"lemke_howson"``: two players, one equilibrium (fast).
        - ``"lp"``: two-player zero-sum games, by linear programming.
        - ``"qre"``: the limit of the principal logit QRE branch.
        - ``"gambit"``: pygambit's solvers (needs the ``[gambit]`` extra).

        Trees are solved for subgame-perfect equilibria and signalling games
        for perfect Bayesian equilibria; see those classes.
    **options
        Passed to the algorithm (e.g. ``tol``). For 2-player games,
        ``exact=True`` solves in exact rational arithmetic: each
        equilibrium's ``exact_strategies`` are tuples of
        :class:`fractions.Fraction`, and ``describe()`` shows fractions.

    Returns
    -------
    EquilibriumSet
        Every equilibrium in it has been verified (regret below tolerance).

    Raises
    ------
    InvalidParameterTypeError
        If ``game`` is none of the game classes above or ``method`` is not a
        string (also a ``TypeError``).
    UnsupportedMethodError
        If ``method`` is unknown for this kind of game, or ``exact=True`` is
        asked where it is not available.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> eqs = ns.solve(g, method="pure")
    >>> [e.support(0) for e in eqs]
    [('A2',)]
    >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 5]], [[5, 0], [0, 2]])
    >>> ns.solve(g, exact=True)[2].exact_strategies
    ((Fraction(2, 7), Fraction(5, 7)), (Fraction(5, 7), Fraction(2, 7)))
    """
    if not isinstance(method, str):
        msg = f"method must be a string, not {type(method).__name__}"
        raise InvalidParameterTypeError(msg)
    solver = _game_solver(game)
    if solver is None:
        msg = (
            f"game must be a NormalFormGame, GameTree, SignalingGame or BayesianGame, "
            f"not {type(game).__name__}"
        )
        raise InvalidParameterTypeError(msg)
    return solver(game, method, **options)
