"""A per-point sweep of a parameterised 3x3 game: ``ns.sweep(build, t=grid)`` against loops over the peers.

``build(t)`` returns one ``NormalFormGame`` per point (the natural way to
write a sweep); the vectorised ``build_batch`` returning a ``GameBatch`` is
shown for reference. The peers loop over the same points, building each game
and solving it. A call is the whole sweep.
"""

from __future__ import annotations

from typing import Any

from benchmarks import equilibria as eqs
from benchmarks.harness import Contender, Section

OURS = "ours: ns.sweep(build, t=grid), build -> NormalFormGame"
VECTOR = "ours: ns.sweep(build_batch, t=grid, vectorized=True)"
NASHPY = "nashpy loop: Game(A, B).support_enumeration()"
GAMBIT = "pygambit loop: enummixed_solve(rational=False)"


def _matrices(seed: int) -> Any:
    import numpy as np

    return np.random.default_rng(seed).normal(size=(4, 3, 3))


def grid(params: dict) -> list:
    """One input: the grid of ``points`` values of t in [-3, 3] and the game's coefficient matrices."""
    import numpy as np

    return [(np.linspace(-3.0, 3.0, params["points"]), _matrices(params["seed"]), params["nashpy_points"])]


def nashpy_subset(points: int, subset: int) -> Any:
    """Indices of ``subset`` evenly spaced points of ``points`` (the nashpy loop is timed on them)."""
    import numpy as np

    return np.unique(np.linspace(0, points - 1, subset).round().astype(int))


def _ours(inp: tuple) -> Any:
    import negotiation_sim as ns

    ts, (a0, a1, b0, b1), _ = inp

    def build(t: float) -> Any:
        return ns.NormalFormGame.from_arrays(a0 + t * a1, b0 + t * b1)

    return lambda: ns.sweep(build, t=ts, progress=False)


def _vector(inp: tuple) -> Any:
    import numpy as np

    import negotiation_sim as ns

    ts, (a0, a1, b0, b1), _ = inp

    def build_batch(t: Any) -> Any:
        t = np.asarray(t, dtype=float)[:, None, None]
        return ns.GameBatch.from_arrays(a0 + t * a1, b0 + t * b1)

    return lambda: ns.sweep(build_batch, t=ts, vectorized=True, progress=False)


def _frame_canon(df: Any, inp: tuple) -> list:
    """Per point, the list of equilibria in the sweep's frame (columns "<player>:<action>")."""
    import numpy as np

    ts = inp[0]
    cols = [c for c in df.columns if ":" in c]
    p1 = [c for c in cols if c.startswith(cols[0].split(":")[0] + ":")]
    p2 = [c for c in cols if c not in p1]
    point = np.searchsorted(ts, df["t"].to_numpy())
    out: list = [[] for _ in ts]
    for k, x, y in zip(point, df[p1].to_numpy(), df[p2].to_numpy()):
        out[k].append([x.tolist(), y.tolist()])
    return out


def _nashpy(inp: tuple) -> Any:
    import warnings

    import nashpy

    ts, (a0, a1, b0, b1), subset = inp
    idx = nashpy_subset(len(ts), subset)
    ts = ts[idx]

    def call() -> list:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # nashpy's default tol=1e-16 misses equilibria of generic games; 1e-10 finds them.
            return [list(nashpy.Game(a0 + t * a1, b0 + t * b1).support_enumeration(tol=1e-10)) for t in ts]

    return call


def _gambit(inp: tuple) -> Any:
    import pygambit as gbt

    from benchmarks.nash2 import _gambit_game

    ts, (a0, a1, b0, b1), _ = inp

    def call() -> list:
        out = []
        for t in ts:
            g = _gambit_game(a0 + t * a1, b0 + t * b1)
            out.append((g, gbt.nash.enummixed_solve(g, rational=False).equilibria))
        return out

    return call


def _check(params: dict, results: dict[str, list]) -> dict[str, dict]:
    """On how many points each contender's equilibria are the per-point sweep's (within 1e-6)."""
    ref = results.get(OURS)
    if not ref:
        return {}
    ref = ref[0]
    out = {}
    for name, res in results.items():
        if name == OURS or not res:
            continue
        pairs = list(zip(res[0], ref))
        note = ""
        if name == NASHPY:
            idx = nashpy_subset(params["points"], params["nashpy_points"])
            pairs = [(res[0][j], ref[k]) for j, k in enumerate(idx)]
            if len(idx) < params["points"]:
                note = f"; timed on {len(idx):,} of {params['points']:,} points, time scaled by their ratio"
        same = sum(eqs.compare(f, r) == (0, 0) for f, r in pairs)
        out[name] = {"note": f"same equilibria as ours at {same}/{len(pairs)} points{note}", "agree": same,
                     "compared": len(pairs)}
    return out


SECTIONS = {
    "sweep": Section(
        "sweep", "Per-point sweep of a parameterised 3x3 game",
        "A 3x3 game whose payoffs move linearly in t (1 or 3 equilibria as t moves), at every point of "
        "a grid. A call is the whole sweep; times are per sweep. The note compares each contender's "
        "equilibria with the per-point sweep's at every point.",
        (Contender(OURS, "negotiation_sim", _ours, _frame_canon, role="ours"),
         Contender(VECTOR, "negotiation_sim", _vector, _frame_canon, role="ours-ref"),
         Contender(GAMBIT, "pygambit", _gambit,
                   lambda res, inp: [eqs.gambit_profiles(g, e) for g, e in res]),
         Contender(NASHPY, "nashpy", _nashpy, lambda res, inp: [eqs.arrays(e) for e in res],
                   time_scale=lambda p: p["points"] / len(nashpy_subset(p["points"], p["nashpy_points"])))),
        grid, _check, budget_factor=6.0),
}
