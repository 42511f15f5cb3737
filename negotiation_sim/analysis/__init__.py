"""Analysis: comparative-statics sweeps, learning dynamics, simulations and Monte Carlo."""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.analysis._monte_carlo import monte_carlo
    from negotiation_sim.analysis._repeated_crisis import RepeatedCrisisResult, repeated_crisis
    from negotiation_sim.analysis._stream import SweepChunks
    from negotiation_sim.analysis._sweep import sweep
    from negotiation_sim.analysis.dynamics import Trace, simulate

__all__: list[str] = ["RepeatedCrisisResult", "SweepChunks", "Trace", "monte_carlo", "repeated_crisis", "simulate", "sweep"]

# Imported on first use (PEP 562; see negotiation_sim._lazy): public name -> submodule.
_EXPORTS = {
    "SweepChunks": "_stream",
    "Trace": "dynamics",
    "simulate": "dynamics",
    "monte_carlo": "_monte_carlo",
    "RepeatedCrisisResult": "_repeated_crisis",
    "repeated_crisis": "_repeated_crisis",
    "sweep": "_sweep",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
