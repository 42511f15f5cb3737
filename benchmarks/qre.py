"""Logit QRE tracing: ``ns.solve(game, method="qre")`` against pygambit's ``logit_solve``.

Both follow the principal branch of the logit quantal response equilibrium
correspondence to its limit, a Nash equilibrium. A call builds the game from
the payoff arrays and traces the branch.
"""

from __future__ import annotations

from typing import Any

from benchmarks import equilibria as eqs
from benchmarks.harness import Contender, Section

OURS = 'ours: ns.solve(game, method="qre")'
GAMBIT = "pygambit logit_solve"


def games(params: dict) -> list:
    """``games`` seeded games of ``shape`` (one action count per player), payoffs standard normal."""
    import numpy as np

    shape = tuple(params["shape"])
    rng = np.random.default_rng([params["seed"], *shape])
    return [rng.normal(size=(*shape, len(shape))) for _ in range(params["games"])]


def _ours(payoffs: Any) -> Any:
    import negotiation_sim as ns

    return lambda: ns.solve(ns.NormalFormGame(payoffs), method="qre")


def _gambit(payoffs: Any) -> Any:
    import pygambit as gbt

    from benchmarks.nash2 import _GambitResult

    arrays = [payoffs[..., i] for i in range(payoffs.shape[-1])]

    def call() -> Any:
        g = getattr(gbt, "StrategicGame", gbt.Game).from_arrays(*arrays)
        return _GambitResult(g, [gbt.nash.logit_solve(g).equilibrium])

    return call


def _check(params: dict, results: dict[str, list]) -> dict[str, dict]:
    """On how many games Gambit's limit is ours (within 1e-4: both stop at a tolerance)."""
    if not results.get(OURS) or not results.get(GAMBIT):
        return {}
    same = sum(eqs.compare(g, o, atol=1e-4) == (0, 0) for g, o in zip(results[GAMBIT], results[OURS]))
    return {GAMBIT: {"note": f"same limit as ours (1e-4) on {same}/{len(results[OURS])}", "agree": same,
                     "compared": len(results[OURS])}}


SECTIONS = {
    "qre": Section(
        "qre", "Logit QRE: tracing the principal branch to its limit",
        "Seeded games with standard normal payoffs. The note compares the two limits within 1e-4.",
        (Contender(OURS, "negotiation_sim", _ours, lambda res, x: eqs.from_ours(res), role="ours"),
         Contender(GAMBIT, "pygambit", _gambit, lambda res, x: eqs.gambit_profiles(res.game, res.profiles))),
        games, _check),
}
