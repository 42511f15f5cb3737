"""Equilibrium solvers, one algorithm per module, behind :func:`solve`."""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.solvers._credibility import credibility
    from negotiation_sim.solvers._qre import QREPath, QREResult, qre, qre_path
    from negotiation_sim.solvers._regret import best_responses, regret
    from negotiation_sim.solvers._solve import solve
    from negotiation_sim.solvers._subgame_perfect import subgame_perfect
    from negotiation_sim.solvers._vertex_enumeration import (
        batch_vertex_enumeration,
        vertex_enumeration,
    )
    from negotiation_sim.solvers.components import NashSubset
    from negotiation_sim.solvers.correlated import CorrelatedEquilibrium, correlated_equilibrium
    from negotiation_sim.solvers.dominance import Elimination, eliminate_dominated
    from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet
    from negotiation_sim.solvers.n_player import n_player_auto
    from negotiation_sim.solvers.pure_nash import pure_equilibria

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
    "credibility": "_credibility",
    "Elimination": "dominance",
    "eliminate_dominated": "dominance",
    "Equilibrium": "equilibrium",
    "EquilibriumSet": "equilibrium",
    "n_player_auto": "n_player",
    "pure_equilibria": "pure_nash",
    "QREPath": "_qre",
    "QREResult": "_qre",
    "qre": "_qre",
    "qre_path": "_qre",
    "best_responses": "_regret",
    "regret": "_regret",
    "solve": "_solve",
    "subgame_perfect": "_subgame_perfect",
    "batch_vertex_enumeration": "_vertex_enumeration",
    "vertex_enumeration": "_vertex_enumeration",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
