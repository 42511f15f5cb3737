"""Plotting helpers. Each takes ``ax=None`` and returns the matplotlib ``Axes`` it drew on."""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.plotting._best_response import best_response
    from negotiation_sim.plotting._payoff_matrix import payoff_matrix
    from negotiation_sim.plotting._payoff_region import payoff_region
    from negotiation_sim.plotting.bargaining import bargaining_range, rubinstein_shares
    from negotiation_sim.plotting.dynamics import trace
    from negotiation_sim.plotting.qre import qre_path
    from negotiation_sim.plotting.signals import (
        cheap_talk_losses,
        cheap_talk_partitions,
        costly_signal,
        two_level,
        war_of_attrition,
    )
    from negotiation_sim.plotting.sweeps import regions, sweep
    from negotiation_sim.plotting.time import (
        indivisible_range,
        prospect_curves,
        screening_rounds,
        spe_region,
    )
    from negotiation_sim.plotting.tree import game_tree

__all__: list[str] = [
    "bargaining_range",
    "best_response",
    "cheap_talk_losses",
    "cheap_talk_partitions",
    "costly_signal",
    "game_tree",
    "indivisible_range",
    "payoff_matrix",
    "payoff_region",
    "prospect_curves",
    "qre_path",
    "regions",
    "rubinstein_shares",
    "screening_rounds",
    "spe_region",
    "sweep",
    "trace",
    "two_level",
    "war_of_attrition",
]

# Imported on first use (PEP 562; see negotiation_sim._lazy): public name -> submodule.
_EXPORTS = {
    "bargaining_range": "bargaining",
    "rubinstein_shares": "bargaining",
    "best_response": "_best_response",
    "trace": "dynamics",
    "payoff_matrix": "_payoff_matrix",
    "payoff_region": "_payoff_region",
    "qre_path": "qre",
    "cheap_talk_losses": "signals",
    "cheap_talk_partitions": "signals",
    "costly_signal": "signals",
    "two_level": "signals",
    "war_of_attrition": "signals",
    "regions": "sweeps",
    "sweep": "sweeps",
    "indivisible_range": "time",
    "prospect_curves": "time",
    "screening_rounds": "time",
    "spe_region": "time",
    "game_tree": "tree",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
