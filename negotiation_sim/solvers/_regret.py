"""Regret, best responses, and the verification every solver runs before returning.

The regret of a profile is the largest gain any player could get by a
unilateral deviation to a pure action; a profile is a Nash equilibrium exactly
when its regret is 0. Solvers call :func:`verified_equilibrium`, which refuses
to return a profile whose regret exceeds the tolerance.
"""

from __future__ import annotations

import numpy as np

from negotiation_sim._numeric import DEFAULT_TOL, regret_atol
from negotiation_sim._validate import tolerance
from negotiation_sim.errors import GameTypeError, SolverError
from negotiation_sim.games.normal_form import NormalFormGame, Profile
from negotiation_sim.solvers.equilibrium import Equilibrium

__all__ = ["regret", "player_regrets", "best_responses", "verified_equilibrium", "absolute_tol", "player_tols"]


def _check_game(game: object, name: str = "game") -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        msg = f"{name} must be a NormalFormGame, not {type(game).__name__}"
        raise GameTypeError(msg)
    return game


def player_tols(game: NormalFormGame, tol: float | None = None) -> np.ndarray:
    """Each player's absolute regret tolerance: ``tol`` (validated; default
    :data:`~negotiation_sim._numeric.DEFAULT_TOL`) times the player's payoff spread, at
    least the round-off level (:func:`~negotiation_sim._numeric.regret_atol`).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[30, 50], [0, 10]])
    >>> player_tols(g).tolist()
    [5e-09, 5e-08]
    """
    tol = tolerance(tol, DEFAULT_TOL)
    flat = game.payoffs.reshape(-1, game.n_players)
    return regret_atol(flat, tol, axis=0)


def absolute_tol(game: NormalFormGame, tol: float | None = None) -> float:
    """The largest of the players' absolute regret tolerances (:func:`player_tols`)."""
    return float(player_tols(game, tol).max())


def _regrets_and_payoffs(game: NormalFormGame, vecs: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Each player's regret and expected payoff at an already validated profile."""
    n = game.n_players
    values: tuple[np.ndarray, ...]
    if n == 2:  # the common case, two matrix-vector products
        values = (game.payoffs[..., 0] @ vecs[1], vecs[0] @ game.payoffs[..., 1])
    else:
        values = tuple(game.action_values(vecs, i) for i in range(n))
    payoffs = np.array([values[i] @ vecs[i] for i in range(n)])
    regrets = np.array([max(0.0, float(values[i].max() - payoffs[i])) for i in range(n)])
    return regrets, payoffs


def player_regrets(game: NormalFormGame, profile: Profile) -> np.ndarray:
    """Each player's regret: best pure-action value minus expected payoff.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> player_regrets(g, [0, 0])
    array([2., 2.])
    """
    game = _check_game(game)
    return _regrets_and_payoffs(game, game.as_profile(profile))[0]


def regret(game: NormalFormGame, profile: Profile) -> float:
    """The largest gain any player gets from a unilateral deviation.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence
        One strategy per player (action name, index or probability vector).

    Returns
    -------
    float
        0 at a Nash equilibrium.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> pd = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> ns.regret(pd, [1, 1]), ns.regret(pd, [0, 0])
    (0.0, 2.0)
    """
    return float(player_regrets(game, profile).max())


def best_responses(game: NormalFormGame, profile: Profile, player: str | int,
                   tol: float | None = None) -> tuple[str, ...]:
    """Names of ``player``'s pure best responses to the others' strategies in ``profile``.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> ns.best_responses(g, [0, 0], player=0)
    ('A2',)
    """
    game = _check_game(game)
    i = game.player_index(player)
    values = game.action_values(profile, i)
    best = values >= values.max() - player_tols(game, tol)[i]
    return tuple(a for a, b in zip(game.actions[i], best) if b)


def verified_equilibrium(game: NormalFormGame, profile: Profile, method: str,
                         tol: float | None = None, notes: tuple[str, ...] = ()) -> Equilibrium:
    """Build an :class:`Equilibrium` after checking its regret against the tolerance.

    Raises
    ------
    SolverError
        If some player's regret exceeds its tolerance (:func:`player_tols`):
        a solver must never return something that is not an equilibrium.
    """
    vecs = game.as_profile(profile)
    regrets, payoffs = _regrets_and_payoffs(game, vecs)
    r = float(regrets.max())
    tols = player_tols(game, tol)
    atol = float(tols.max())
    if np.any(regrets > tols):
        msg = (f"{method} produced a profile with regrets {regrets.tolist()} above the tolerances "
               f"{tols.tolist()}; it is not an equilibrium")
        raise SolverError(msg)
    return Equilibrium(
        strategies=vecs,
        payoffs=payoffs,
        regret=r,
        players=game.players,
        actions=game.actions,
        tol=atol,
        method=method,
        notes=notes,
    )
