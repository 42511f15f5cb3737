"""Plotting helpers. Each takes ``ax=None`` and returns the matplotlib ``Axes`` it drew on."""

from negotiation_sim.plotting.sweeps import regions, sweep

__all__: list[str] = ["regions", "sweep"]
