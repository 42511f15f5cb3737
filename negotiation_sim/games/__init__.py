"""Game representations: normal form, extensive form (trees) and signalling games."""

from negotiation_sim.games.normal_form import NormalFormGame

__all__ = ["NormalFormGame"]
