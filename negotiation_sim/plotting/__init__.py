"""Plotting helpers. Each takes ``ax=None`` and returns the matplotlib ``Axes`` it drew on."""

from negotiation_sim.plotting.bargaining import bargaining_range, rubinstein_shares
from negotiation_sim.plotting.best_response import best_response
from negotiation_sim.plotting.dynamics import trace
from negotiation_sim.plotting.payoff_matrix import payoff_matrix
from negotiation_sim.plotting.qre import qre_path
from negotiation_sim.plotting.signals import (
    cheap_talk_losses,
    cheap_talk_partitions,
    costly_signal,
    two_level,
    war_of_attrition,
)
from negotiation_sim.plotting.sweeps import regions, sweep
from negotiation_sim.plotting.tree import game_tree

__all__: list[str] = [
    "bargaining_range",
    "best_response",
    "cheap_talk_losses",
    "cheap_talk_partitions",
    "costly_signal",
    "game_tree",
    "payoff_matrix",
    "qre_path",
    "regions",
    "rubinstein_shares",
    "sweep",
    "trace",
    "two_level",
    "war_of_attrition",
]
