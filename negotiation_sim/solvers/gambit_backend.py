"""Gambit's solvers (pygambit) as an alternative backend, with our verification.

pygambit is an optional dependency (the ``[gambit]`` extra). Its answers are
converted to negotiation_sim's :class:`EquilibriumSet`: every profile passes
through :func:`verified_equilibrium`, and a profile whose regret exceeds the
tolerance is dropped (and counted in the notes), so nothing unverified is
returned.

Algorithms: ``"enummixed"`` (2 players: every extreme equilibrium, exact
rational arithmetic, complete), ``"enumpure"`` (every pure equilibrium,
complete), ``"gnm"`` (global Newton method of Govindan & Wilson, some mixed
equilibria, not complete), ``"logit"`` (the limit of the principal logit QRE
branch, one equilibrium), and ``"auto"``: enummixed for 2 players, otherwise
enumpure plus gnm.

References
----------
McKelvey, R. D., McLennan, A. M. and Turocy, T. L., *Gambit: Software Tools
for Game Theory* (pygambit 17). Govindan, S. and Wilson, R. (2003), "A global
Newton method to compute Nash equilibria", *Journal of Economic Theory* 110.
"""

from __future__ import annotations

import numpy as np

from negotiation_sim.errors import MissingDependencyError, SolverError, UnsupportedMethodError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._regret import _check_game, verified_equilibrium
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet

__all__ = ["gambit_solve", "ALGORITHMS"]

#: The algorithms :func:`gambit_solve` accepts.
ALGORITHMS = ("auto", "enummixed", "enumpure", "gnm", "logit")


def _pygambit():
    try:
        import pygambit
    except ImportError:
        raise MissingDependencyError.for_extra("method 'gambit'", "pygambit", "gambit") from None
    return pygambit


def _to_gambit(gbt, game: NormalFormGame):
    arrays = [np.array(game.payoff_array(i)) for i in range(game.n_players)]
    return gbt.StrategicGame.from_arrays(*arrays, title=game.title)


def _profiles(gbt_game, equilibria) -> list[list[np.ndarray]]:
    """Gambit's mixed profiles as lists of float vectors (strategies in Gambit's order = ours)."""
    return [
        [np.array([float(eq[p][s]) for s in gbt_game.get_strategies(p)]) for p in gbt_game.players]
        for eq in equilibria
    ]


def _run(gbt, gbt_game, algorithm: str) -> list[list[np.ndarray]]:
    nash = gbt.nash
    if algorithm == "enummixed":
        return _profiles(gbt_game, nash.enummixed_solve(gbt_game, rational=True).equilibria)
    if algorithm == "enumpure":
        return _profiles(gbt_game, nash.enumpure_solve(gbt_game).equilibria)
    if algorithm == "gnm":
        return _profiles(gbt_game, nash.gnm_solve(gbt_game).equilibria)
    return _profiles(gbt_game, [nash.logit_solve(gbt_game, maxregret=1e-12).equilibrium])


def _verified(game: NormalFormGame, profiles, method: str, tol) -> tuple[list[Equilibrium], int]:
    kept: list[Equilibrium] = []
    dropped = 0
    for profile in profiles:
        try:
            eq = verified_equilibrium(game, profile, method, tol=tol)
        except SolverError:
            dropped += 1
            continue
        if not any(eq.close_to(other) for other in kept):
            kept.append(eq)
    return kept, dropped


def gambit_solve(game: NormalFormGame, algorithm: str = "auto", tol: float | None = None) -> EquilibriumSet:
    """Solve a normal-form game with pygambit and verify every answer.

    Parameters
    ----------
    game : NormalFormGame
    algorithm : {"auto", "enummixed", "enumpure", "gnm", "logit"}
        ``"auto"``: ``"enummixed"`` for two players (complete), otherwise
        ``"enumpure"`` followed by ``"gnm"`` (not complete).
    tol : float, optional
        Regret tolerance relative to the payoff scale.

    Returns
    -------
    EquilibriumSet
        ``method="gambit"``; ``complete`` is True for enummixed (every
        extreme equilibrium) and enumpure (every pure equilibrium).

    Raises
    ------
    MissingDependencyError
        If pygambit is not installed (the ``[gambit]`` extra).
    UnsupportedMethodError
        If ``algorithm`` is unknown, or ``"enummixed"`` is asked of more than two players.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eqs = ns.solve(g, method="gambit")
    >>> eqs[0].strategies, eqs.complete
    ((array([0.5, 0.5]), array([0.5, 0.5])), True)
    """
    game = _check_game(game)
    if algorithm not in ALGORITHMS:
        msg = f"algorithm must be one of {list(ALGORITHMS)}, got {algorithm!r}"
        raise UnsupportedMethodError(msg)
    if algorithm == "enummixed" and game.n_players != 2:
        msg = f"algorithm 'enummixed' needs a 2-player game, this one has {game.n_players} players"
        raise UnsupportedMethodError(msg)
    gbt = _pygambit()
    gbt_game = _to_gambit(gbt, game)
    if algorithm == "auto":
        steps = ["enummixed"] if game.n_players == 2 else ["enumpure", "gnm"]
    else:
        steps = [algorithm]
    profiles = [p for step in steps for p in _run(gbt, gbt_game, step)]
    kept, dropped = _verified(game, profiles, "gambit", tol)
    notes = [f"computed by pygambit ({' + '.join(steps)})"]
    if dropped:
        notes.append(f"{dropped} profile(s) from pygambit failed the regret check and were dropped")
    complete = steps in (["enummixed"], ["enumpure"]) and not dropped
    return EquilibriumSet(kept, complete=complete, method="gambit", game=game, notes=notes)
