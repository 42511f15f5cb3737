"""Plotting helpers. Each takes ``ax=None`` and returns the matplotlib ``Axes`` it drew on."""

from negotiation_sim.plotting.bargaining import bargaining_range, rubinstein_shares
from negotiation_sim.plotting.dynamics import trace
from negotiation_sim.plotting.qre import qre_path
from negotiation_sim.plotting.sweeps import regions, sweep
from negotiation_sim.plotting.tree import game_tree

__all__: list[str] = ["bargaining_range", "game_tree", "qre_path", "regions", "rubinstein_shares", "sweep", "trace"]
