"""negotiation_sim: game-theoretic models of coercive bargaining.

Build games (normal form, trees, signalling games) from actors whose
parameters come from the article's framing of credible threat versus
restraint, solve them for verified equilibria, and plot how the
hostage-taker's leverage shifts the outcome.

Examples
--------
>>> import negotiation_sim as ns
>>> g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                   actions=(("Cooperate", "Defect"),) * 2)
>>> print(ns.solve(g, method="pure")[0].describe())
Player 1 plays Defect; Player 2 plays Defect. Expected payoffs: Player 1 1, Player 2 1. No player can gain by deviating alone (regret 0).
"""

from negotiation_sim import errors
from negotiation_sim.games import NormalFormGame
from negotiation_sim.io import read_game, write_game
from negotiation_sim.solvers import (
    Equilibrium,
    EquilibriumSet,
    best_responses,
    eliminate_dominated,
    pure_equilibria,
    regret,
    solve,
)

__version__ = "0.1.0"

__all__ = [
    "Equilibrium",
    "EquilibriumSet",
    "NormalFormGame",
    "best_responses",
    "eliminate_dominated",
    "errors",
    "pure_equilibria",
    "read_game",
    "regret",
    "solve",
    "write_game",
]
