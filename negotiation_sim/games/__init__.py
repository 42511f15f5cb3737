"""Game representations: normal form, extensive form (trees) and signalling games."""

from negotiation_sim.games.extensive_form import GameTree
from negotiation_sim.games.normal_form import NormalFormGame

__all__ = ["GameTree", "NormalFormGame"]
