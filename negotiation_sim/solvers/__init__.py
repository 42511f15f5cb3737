"""Equilibrium solvers, one algorithm per module, behind :func:`solve`."""

from negotiation_sim.solvers.dominance import Elimination, eliminate_dominated
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet
from negotiation_sim.solvers.pure_nash import pure_equilibria
from negotiation_sim.solvers.regret import best_responses, regret
from negotiation_sim.solvers.solve import solve

__all__ = [
    "Elimination",
    "Equilibrium",
    "EquilibriumSet",
    "best_responses",
    "eliminate_dominated",
    "pure_equilibria",
    "regret",
    "solve",
]
