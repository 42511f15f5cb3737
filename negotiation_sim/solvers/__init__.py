"""Equilibrium solvers, one algorithm per module, behind :func:`solve`."""

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
