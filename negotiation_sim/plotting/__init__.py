"""Plotting helpers. Each takes ``ax=None`` and returns the matplotlib ``Axes`` it drew on."""

from negotiation_sim.plotting.dynamics import trace
from negotiation_sim.plotting.qre import qre_path

__all__: list[str] = ["qre_path", "trace"]
