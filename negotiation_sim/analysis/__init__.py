"""Analysis: comparative-statics sweeps, simulations and Monte Carlo."""

from negotiation_sim.analysis.dynamics import Trace, simulate

__all__: list[str] = ["Trace", "simulate"]
