"""Analysis: comparative-statics sweeps, simulations and Monte Carlo."""

from negotiation_sim.analysis.monte_carlo import monte_carlo
from negotiation_sim.analysis.repeated_crisis import RepeatedCrisisResult, repeated_crisis
from negotiation_sim.analysis.sweep import sweep

__all__: list[str] = ["RepeatedCrisisResult", "monte_carlo", "repeated_crisis", "sweep"]
