"""Plotting helpers. Each takes ``ax=None`` and returns the matplotlib ``Axes`` it drew on."""

from negotiation_sim.plotting.best_response import best_response
from negotiation_sim.plotting.payoff_matrix import payoff_matrix

__all__: list[str] = ["best_response", "payoff_matrix"]
