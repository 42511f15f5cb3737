"""Analysis: comparative-statics sweeps, simulations and Monte Carlo."""

__all__: list[str] = []
