"""Game representations: normal form, extensive form (trees) and signalling games."""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.games.batch import GameBatch
    from negotiation_sim.games.bayesian import BayesianGame
    from negotiation_sim.games.extensive_form import GameTree
    from negotiation_sim.games.normal_form import NormalFormGame
    from negotiation_sim.games.signaling import SignalingGame

__all__ = ["BayesianGame", "GameBatch", "GameTree", "NormalFormGame", "SignalingGame"]

# Imported on first use (PEP 562; see negotiation_sim._lazy): public name -> submodule.
_EXPORTS = {
    "GameBatch": "batch",
    "BayesianGame": "bayesian",
    "GameTree": "extensive_form",
    "NormalFormGame": "normal_form",
    "SignalingGame": "signaling",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
