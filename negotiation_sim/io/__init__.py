"""Reading and writing games: JSON and Gambit's .nfg and .efg formats."""

__all__: list[str] = []
