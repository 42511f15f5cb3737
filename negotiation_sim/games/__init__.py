"""Game representations: normal form, extensive form (trees) and signalling games."""

from negotiation_sim.games.batch import GameBatch
from negotiation_sim.games.bayesian import BayesianGame
from negotiation_sim.games.extensive_form import GameTree
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.games.signaling import SignalingGame

__all__ = ["BayesianGame", "GameBatch", "GameTree", "NormalFormGame", "SignalingGame"]
