"""``solve(game)`` for three or more players: every pure equilibrium, and a traced mixed one.

Enumerating every mixed equilibrium of an N-player game means solving
systems of polynomial equations on every support profile, which this
package does not do. What it does guarantee: every pure equilibrium (a
complete list, from :func:`pure_equilibria`), and, when there is none, the
limit of the principal logit QRE branch (:func:`qre_path`), which is a
verified mixed equilibrium. Each equilibrium keeps the ``method`` that found
it (``"pure"`` or ``"logit_qre"``). ``complete`` is True only when no mixed
equilibrium can be missing: when at most one player has a choice and its
best action is unique (a decision problem with one optimum).
"""

from __future__ import annotations

from typing import Any

from negotiation_sim.solvers._qre import qre_path
from negotiation_sim.solvers._regret import _check_game
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet
from negotiation_sim.solvers.pure_nash import pure_equilibria

__all__ = ["n_player_auto"]

METHOD = "n_player_auto"


def _dedupe(equilibria: list[Equilibrium]) -> list[Equilibrium]:
    out: list[Equilibrium] = []
    for eq in equilibria:
        if not any(eq.close_to(seen) for seen in out):
            out.append(eq)
    return out


def _is_decision(game) -> bool:
    """At most one player has a real choice, so pure best responses say everything."""
    return sum(k > 1 for k in game.shape) <= 1


def n_player_auto(game, tol: float | None = None, **options: Any) -> EquilibriumSet:
    """Every pure equilibrium, plus the QRE-traced mixed one when no pure one exists.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (two-player games work too, but
        ``solve(game)`` sends them to vertex enumeration, which finds all).
    tol : float, optional
        Regret tolerance relative to the payoff scale.
    **options
        Passed to :func:`negotiation_sim.qre_path` (``lam_max``,
        ``max_steps``, ``progress``).

    Returns
    -------
    EquilibriumSet
        ``complete`` is True only when the game has pure equilibria and at
        most one player with more than one action, with no payoff ties for
        that player (then no mixed equilibrium exists); otherwise False, and
        the notes say which equilibria may be missing.

    Examples
    --------
    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> # Three-player matching pennies (Jordan 1993): no pure equilibrium.
    >>> pay = np.zeros((2, 2, 2, 3))
    >>> for a in np.ndindex(2, 2, 2):
    ...     pay[a] = [1 if a[0] == a[1] else -1, 1 if a[1] == a[2] else -1, 1 if a[2] != a[0] else -1]
    >>> eqs = ns.solve(ns.NormalFormGame(pay))
    >>> [s.tolist() for s in eqs[0].strategies], eqs.complete
    ([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]], False)
    """
    game = _check_game(game)
    pure = list(pure_equilibria(game, tol=tol))
    notes: list[str] = []
    found = list(pure)
    if not pure:
        traced = qre_path(game, tol=tol, **options)
        if traced.limit is not None:
            found.append(traced.limit)
            notes.append("No pure equilibrium exists; the mixed equilibrium shown is the limit "
                         "of the principal logit QRE branch.")
        else:
            notes.append("No pure equilibrium exists and the logit QRE tracer found no verified "
                         "mixed equilibrium; try method='gambit'.")
    complete = bool(pure) and _is_decision(game) and len(pure) == 1
    if not complete:
        notes.append("Every pure equilibrium is listed; mixed equilibria may be missing "
                     "(finding them all in games of three or more players is not attempted).")
    return EquilibriumSet(_dedupe(found), complete=complete, method=METHOD, game=game, notes=notes)

