"""Reading and writing games: JSON and Gambit's .nfg and .efg formats."""

from negotiation_sim.io.files import read_game, write_game

__all__: list[str] = ["read_game", "write_game"]
