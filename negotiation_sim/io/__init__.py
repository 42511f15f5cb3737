"""Reading and writing games: JSON and Gambit's .nfg and .efg formats."""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.io.files import read_game, write_game

__all__: list[str] = ["read_game", "write_game"]

# Imported on first use (PEP 562; see negotiation_sim._lazy): public name -> submodule.
_EXPORTS = {
    "read_game": "files",
    "write_game": "files",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
