"""Equilibrium solvers, one algorithm per module, behind :func:`solve`."""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.solvers.components import NashSubset
    from negotiation_sim.solvers.correlated import CorrelatedEquilibrium, correlated_equilibrium
    from negotiation_sim.solvers.credibility import credibility
    from negotiation_sim.solvers.dominance import Elimination, eliminate_dominated
    from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet
    from negotiation_sim.solvers.n_player import n_player_auto
    from negotiation_sim.solvers.pure_nash import pure_equilibria
    from negotiation_sim.solvers.qre import QREPath, QREResult, qre, qre_path
    from negotiation_sim.solvers.regret import best_responses, regret
    from negotiation_sim.solvers.solve import solve
    from negotiation_sim.solvers.subgame_perfect import subgame_perfect
    from negotiation_sim.solvers.vertex_enumeration import (
        batch_vertex_enumeration,
        vertex_enumeration,
    )

__all__ = [
    "CorrelatedEquilibrium",
    "Elimination",
    "Equilibrium",
    "EquilibriumSet",
    "NashSubset",
    "QREPath",
    "QREResult",
    "batch_vertex_enumeration",
    "best_responses",
    "correlated_equilibrium",
    "credibility",
    "eliminate_dominated",
    "n_player_auto",
    "pure_equilibria",
    "qre",
    "qre_path",
    "regret",
    "solve",
    "subgame_perfect",
    "vertex_enumeration",
]

# Imported on first use (PEP 562; see negotiation_sim._lazy): public name -> submodule.
_EXPORTS = {
    "NashSubset": "components",
    "CorrelatedEquilibrium": "correlated",
    "correlated_equilibrium": "correlated",
    "credibility": "credibility",
    "Elimination": "dominance",
    "eliminate_dominated": "dominance",
    "Equilibrium": "equilibrium",
    "EquilibriumSet": "equilibrium",
    "n_player_auto": "n_player",
    "pure_equilibria": "pure_nash",
    "QREPath": "qre",
    "QREResult": "qre",
    "qre": "qre",
    "qre_path": "qre",
    "best_responses": "regret",
    "regret": "regret",
    "solve": "solve",
    "subgame_perfect": "subgame_perfect",
    "batch_vertex_enumeration": "vertex_enumeration",
    "vertex_enumeration": "vertex_enumeration",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
