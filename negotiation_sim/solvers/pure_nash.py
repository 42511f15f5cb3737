"""Every pure Nash equilibrium of an N-player game, vectorised over the payoff tensor."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from negotiation_sim._numeric import DEFAULT_TOL, clean, readonly, regret_atol
from negotiation_sim._validate import tolerance
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._regret import _check_game, player_tols
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet

__all__ = ["batch_pure_profiles", "pure_equilibria", "pure_equilibria_gen", "pure_profiles"]


def pure_profiles(payoffs: np.ndarray, atol: float) -> np.ndarray:
    """Indices of the pure equilibria of a payoff tensor, shape ``(k, n_players)``.

    A profile is an equilibrium when each player's payoff is within ``atol``
    of the best it could get by changing its own action: one ``max`` along
    each player's axis, no loop over profiles.
    """
    n = payoffs.shape[-1]
    ok = np.ones(payoffs.shape[:-1], dtype=bool)
    for i in range(n):
        u = payoffs[..., i]
        ok &= u >= u.max(axis=i, keepdims=True) - atol
    return np.argwhere(ok)


def _pure_regrets(payoffs: np.ndarray, atol: np.ndarray, first_axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The regret of every pure profile (each player's best gain by changing its own action,
    the largest over players), and whether every player's gain is within its tolerance.

    Player ``i``'s actions run along axis ``first_axis + i`` (1 for a stack of games);
    ``atol[..., i]`` is player i's absolute tolerance (shape (n_players,), or
    (n_games, n_players) for a stack).
    """
    n = payoffs.shape[-1]
    regret = np.zeros(payoffs.shape[:-1])
    ok = np.ones(payoffs.shape[:-1], dtype=bool)
    for i in range(n):
        u = payoffs[..., i]
        gain = u.max(axis=first_axis + i, keepdims=True) - u
        np.maximum(regret, gain, out=regret)
        ok &= gain <= atol[..., i].reshape(atol.shape[:-1] + (1,) * (gain.ndim - first_axis))
    return regret, ok


def batch_pure_profiles(payoffs: np.ndarray, tol: float | None = None
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every pure equilibrium of each game of a stack, verified in bulk.

    Parameters
    ----------
    payoffs : numpy.ndarray, shape (n_games, *n_actions, n_players)
    tol : float, optional
        Regret tolerance relative to each game's payoff scale, as for
        :func:`pure_equilibria`.

    Returns
    -------
    game_of : numpy.ndarray of int, shape (k,)
        The game of each equilibrium (games in order; within a game, the
        equilibria in lexicographic order of actions, as :func:`pure_equilibria`
        lists them).
    actions : numpy.ndarray of int, shape (k, n_players)
        Each player's action.
    values : numpy.ndarray, shape (k, n_players)
        The payoffs, cleaned as :class:`~negotiation_sim.Equilibrium` cleans them.
    regret : numpy.ndarray, shape (k,)
        Each equilibrium's regret (at most its game's absolute tolerance).

    Examples
    --------
    >>> import numpy as np
    >>> chicken = np.array([[[0, 0], [-1, 1]], [[1, -1], [-9, -9]]], dtype=float)
    >>> game_of, actions, values, regret = batch_pure_profiles(np.stack([chicken, -chicken]))
    >>> game_of.tolist(), actions.tolist()
    ([0, 0, 1, 1], [[0, 1], [1, 0], [0, 0], [1, 1]])
    """
    n_games = payoffs.shape[0]
    # Each game's and player's absolute tolerance, as player_tols computes it for one game.
    atol = regret_atol(payoffs.reshape(n_games, -1, payoffs.shape[-1]), tolerance(tol, DEFAULT_TOL), axis=1)
    regret, ok = _pure_regrets(payoffs, atol, first_axis=1)
    found = np.argwhere(ok)
    index = tuple(found.T)
    return found[:, 0], found[:, 1:], clean(payoffs[index]), regret[index]


def pure_equilibria_gen(game: NormalFormGame, tol: float | None = None) -> Iterator[Equilibrium]:
    """Yield every pure Nash equilibrium of ``game`` in lexicographic order of actions.

    Every profile's regret is computed at once (the verification, in bulk),
    so each equilibrium is built directly: its strategies are exact unit
    vectors and its payoffs entries of the payoff tensor.
    """
    game = _check_game(game)
    tols = player_tols(game, tol)
    atol = float(tols.max())
    regret, ok = _pure_regrets(game.payoffs, tols)
    found = np.argwhere(ok)
    units = [readonly(np.eye(k)) for k in game.shape]
    payoffs = readonly(clean(game.payoffs[tuple(found.T)]))
    for row, idx in enumerate(found.tolist()):
        strategies = tuple(units[i][a] for i, a in enumerate(idx))
        yield Equilibrium._trusted(strategies, payoffs[row], float(regret[tuple(idx)]), game.players,
                                   game.actions, atol, "pure")


def pure_equilibria(game: NormalFormGame, tol: float | None = None) -> EquilibriumSet:
    """Every pure Nash equilibrium of an N-player game (a complete list).

    Parameters
    ----------
    game : NormalFormGame
    tol : float, optional
        Regret tolerance relative to the payoff scale (default
        :data:`negotiation_sim._numeric.DEFAULT_TOL`).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> chicken = ns.NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]],
    ...     actions=(("Swerve", "Straight"), ("Swerve", "Straight")))
    >>> [e.support(0) + e.support(1) for e in ns.pure_equilibria(chicken)]
    [('Swerve', 'Straight'), ('Straight', 'Swerve')]
    """
    return EquilibriumSet(list(pure_equilibria_gen(game, tol)), complete=True, method="pure", game=game)
