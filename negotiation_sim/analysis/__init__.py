"""Analysis: comparative-statics sweeps, learning dynamics, simulations and Monte Carlo."""

from negotiation_sim.analysis._stream import SweepChunks
from negotiation_sim.analysis.dynamics import Trace, simulate
from negotiation_sim.analysis.monte_carlo import monte_carlo
from negotiation_sim.analysis.repeated_crisis import RepeatedCrisisResult, repeated_crisis
from negotiation_sim.analysis.sweep import sweep

__all__: list[str] = ["RepeatedCrisisResult", "SweepChunks", "Trace", "monte_carlo", "repeated_crisis", "simulate", "sweep"]
