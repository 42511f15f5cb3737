"""Analysis: comparative-statics sweeps, simulations and Monte Carlo."""

from negotiation_sim.analysis.sweep import sweep

__all__: list[str] = ["sweep"]
