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

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim import actors, analysis, errors, estimate, models, plotting, scenarios
    from negotiation_sim._explore import explore
    from negotiation_sim.analysis import SweepChunks, Trace, simulate, sweep
    from negotiation_sim.games import (
        BayesianGame,
        GameBatch,
        GameTree,
        NormalFormGame,
        SignalingGame,
    )
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
    from negotiation_sim.solvers.components import NashSubset
    from negotiation_sim.solvers.correlated import CorrelatedEquilibrium, correlated_equilibrium

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
__all__ += ["CorrelatedEquilibrium", "NashSubset", "correlated_equilibrium"]

# Imported on first use (PEP 562; see negotiation_sim._lazy): public name -> submodule.
_EXPORTS = {
    "SweepChunks": "analysis",
    "Trace": "analysis",
    "simulate": "analysis",
    "sweep": "analysis",
    "explore": "_explore",
    "BayesianGame": "games",
    "GameBatch": "games",
    "GameTree": "games",
    "NormalFormGame": "games",
    "SignalingGame": "games",
    "read_game": "io",
    "write_game": "io",
    "Equilibrium": "solvers",
    "EquilibriumSet": "solvers",
    "QREPath": "solvers",
    "QREResult": "solvers",
    "best_responses": "solvers",
    "credibility": "solvers",
    "eliminate_dominated": "solvers",
    "pure_equilibria": "solvers",
    "qre": "solvers",
    "qre_path": "solvers",
    "regret": "solvers",
    "solve": "solvers",
    "subgame_perfect": "solvers",
    "vertex_enumeration": "solvers",
    "NashSubset": "solvers.components",
    "CorrelatedEquilibrium": "solvers.correlated",
    "correlated_equilibrium": "solvers.correlated",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__, _EXPORTS, ("actors", "analysis", "errors", "estimate", "models", "plotting", "scenarios")
    )
