"""``solve``: one entry point that dispatches a game to the right algorithm.

Each algorithm lives in its own module (``vertex_enumeration``, ``pure_nash``,
``lemke_howson``, ...). This module only validates the request and routes it.
"""

from __future__ import annotations

import importlib
from typing import Any

from negotiation_sim.errors import UnsupportedMethodError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers.equilibrium import EquilibriumSet

__all__ = ["solve", "NORMAL_FORM_METHODS"]

#: Methods for normal-form games: name -> "module:function" (imported on first use).
NORMAL_FORM_METHODS: dict[str, str] = {
    "pure": "negotiation_sim.solvers.pure_nash:pure_equilibria",
    "vertex_enumeration": "negotiation_sim.solvers.vertex_enumeration:vertex_enumeration",
    "lemke_howson": "negotiation_sim.solvers.lemke_howson:lemke_howson",
    "lp": "negotiation_sim.solvers.linear_programming:linear_programming",
    "qre": "negotiation_sim.solvers.qre:qre_solve",
    "gambit": "negotiation_sim.solvers.gambit_backend:gambit_solve",
}
_ALIASES = {"all": "vertex_enumeration", "enummixed": "vertex_enumeration"}

#: Other game types: class name -> "module:function(game, method, **options)".
_GAME_DISPATCH: dict[str, str] = {
    "GameTree": "negotiation_sim.solvers.subgame_perfect:solve_tree",
    "SignalingGame": "negotiation_sim.solvers.perfect_bayesian:solve_signaling",
    "BayesianGame": "negotiation_sim.solvers.bayesian_nash:solve_bayesian",
}


def _load(target: str):
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def _solve_normal_form(game: NormalFormGame, method: str, **options: Any) -> EquilibriumSet:
    method = _ALIASES.get(method, method)
    if options.get("exact") and (game.n_players != 2 or method not in ("auto", "vertex_enumeration")):
        msg = (f"exact=True is available for 2-player games with method='auto' or 'vertex_enumeration' "
               f"(this game has {game.n_players} players, method={method!r})")
        raise UnsupportedMethodError(msg)
    if method == "auto":
        if game.n_players == 2:
            return _load(NORMAL_FORM_METHODS["vertex_enumeration"])(game, **options)
        return _load("negotiation_sim.solvers.n_player:n_player_auto")(game, **options)
    if method not in NORMAL_FORM_METHODS:
        known = ["auto", *NORMAL_FORM_METHODS, *_ALIASES]
        msg = f"unknown method {method!r} for a NormalFormGame; choose one of {known}"
        raise UnsupportedMethodError(msg)
    return _load(NORMAL_FORM_METHODS[method])(game, **options)


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
        raise UnsupportedMethodError(msg)
    if isinstance(game, NormalFormGame):
        return _solve_normal_form(game, method, **options)
    for cls in type(game).__mro__:
        if cls.__name__ in _GAME_DISPATCH and cls.__module__.startswith("negotiation_sim."):
            return _load(_GAME_DISPATCH[cls.__name__])(game, method, **options)
    msg = (
        f"game must be a NormalFormGame, GameTree, SignalingGame or BayesianGame, "
        f"not {type(game).__name__}"
    )
    raise UnsupportedMethodError(msg)
