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

from negotiation_sim import actors, analysis, errors, estimate, models, plotting, scenarios
from negotiation_sim.analysis import SweepChunks, Trace, simulate, sweep
from negotiation_sim.explore import explore
from negotiation_sim.games import BayesianGame, GameBatch, GameTree, NormalFormGame, SignalingGame
from negotiation_sim.io import read_game, write_game
from negotiation_sim.solvers import (
    Equilibrium,
    EquilibriumSet,
    QREPath,
    QREResult,
    best_responses,
    credibility,
    eliminate_dominated,
    pure_equilibria,
    qre,
    qre_path,
    regret,
    solve,
    subgame_perfect,
    vertex_enumeration,
)

__version__ = "0.1.0"

__all__ = [
    "BayesianGame",
    "Equilibrium",
    "EquilibriumSet",
    "GameBatch",
    "GameTree",
    "NormalFormGame",
    "QREPath",
    "QREResult",
    "SignalingGame",
    "SweepChunks",
    "Trace",
    "actors",
    "analysis",
    "best_responses",
    "credibility",
    "eliminate_dominated",
    "errors",
    "estimate",
    "explore",
    "models",
    "plotting",
    "pure_equilibria",
    "qre",
    "qre_path",
    "read_game",
    "regret",
    "scenarios",
    "simulate",
    "solve",
    "subgame_perfect",
    "sweep",
    "vertex_enumeration",
    "write_game",
]
