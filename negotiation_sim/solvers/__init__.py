"""Equilibrium solvers, one algorithm per module, behind :func:`solve`."""

from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet
from negotiation_sim.solvers.pure_nash import pure_equilibria
from negotiation_sim.solvers.regret import best_responses, regret
from negotiation_sim.solvers.solve import solve
from negotiation_sim.solvers.vertex_enumeration import (
    batch_vertex_enumeration,
    vertex_enumeration,
)

__all__ = [
    "Equilibrium",
    "EquilibriumSet",
    "batch_vertex_enumeration",
    "best_responses",
    "pure_equilibria",
    "regret",
    "solve",
    "vertex_enumeration",
]
