"""Plotting helpers. Each takes ``ax=None`` and returns the matplotlib ``Axes`` it drew on."""

from negotiation_sim.plotting.bargaining import bargaining_range, rubinstein_shares

__all__: list[str] = ["bargaining_range", "rubinstein_shares"]
