"""Bayesian Nash equilibria: Nash equilibria of a Bayesian game's induced strategic form.

A Bayesian Nash equilibrium assigns each type of each player an action (or a
mixture) that is a best response, in expectation over the other players'
types given its own, to the others' strategies. Because every type has
positive prior probability, these are exactly the Nash equilibria of the
ex-ante strategic form whose strategies are action-per-type plans
(Harsanyi 1967-68), so the generic normal-form solvers apply.

References
----------
Harsanyi, J. C. (1967-68), "Games with incomplete information played by
'Bayesian' players", *Management Science* 14, parts I–III.
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim.errors import GameTypeError
from negotiation_sim.games.bayesian import BayesianGame
from negotiation_sim.solvers.equilibrium import EquilibriumSet

__all__ = ["solve_bayesian"]


def solve_bayesian(game: BayesianGame, method: str = "auto", **options: Any) -> EquilibriumSet:
    """Bayesian Nash equilibria via the induced strategic form.

    Parameters
    ----------
    game : BayesianGame
    method : str, default "auto"
        ``"auto"``: with two players every extreme equilibrium of the induced
        form (vertex enumeration), with more every pure equilibrium; any
        normal-form method of :func:`negotiation_sim.solve` is passed on.
    **options
        Passed to the normal-form solver.

    Returns
    -------
    EquilibriumSet
        Equilibria of the induced form (strategies over action-per-type
        plans, labelled ``"type: action; ..."``), with ``game`` set to the
        Bayesian game.

    Examples
    --------
    >>> import numpy as np
    >>> import negotiation_sim as ns
    >>> meet = [[[2, 1], [0, 0]], [[0, 0], [1, 2]]]
    >>> avoid = [[[2, 0], [0, 2]], [[0, 1], [1, 0]]]
    >>> g = ns.BayesianGame(np.array([[meet, avoid]]), prior=[[0.5, 0.5]],
    ...                     types=(("-",), ("Meet", "Avoid")), actions=(("B", "S"), ("B", "S")))
    >>> [e.support(0) + e.support(1) for e in ns.solve(g, method="pure")]
    [('B', 'Meet: B; Avoid: S')]
    """
    from negotiation_sim.solvers._solve import solve

    if not isinstance(game, BayesianGame):
        msg = f"game must be a BayesianGame, not {type(game).__name__}"
        raise GameTypeError(msg)
    induced = game.to_normal_form()
    if method == "auto" and game.n_players > 2:
        method = "pure"
    result = solve(induced, method=method, **options)
    note = "Strategies are plans over the induced strategic form: an action for each type."
    return attrs.evolve(result, game=game, method=f"bayesian/{result.method}",
                        notes=(*result.notes, note))
