"""Benchmark: a 10,000-point sweep of a parameterised 3x3 game, ns.sweep vs nashpy and pygambit loops.

Run from the repository root::

    python benchmarks/bench_sweep.py [--points 10000] [--nashpy-subset 1000 | --full-nashpy]

It times, in one run,

- ``ns.sweep(build_batch, t=..., vectorized=True)``: the vectorised build
  returns a ``GameBatch`` of every point's game, solved in one
  ``batch_extreme_profiles`` call, verified and tracked, with no Python
  object per point (the fast path);
- ``ns.sweep(build, t=..., progress=False)``: one ``NormalFormGame`` per
  point, then the same batched solve;
- a loop of ``nashpy.Game(A, B).support_enumeration()`` (over a subset of the
  points, extrapolated to all of them, unless ``--full-nashpy``);
- a loop of pygambit's ``enummixed_solve(rational=False)``,

and checks that the three give the same equilibria at every point timed
(the same count and the same profiles within 1e-6).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import negotiation_sim as ns  # noqa: E402 - after making the checkout importable

_RNG = np.random.default_rng(20240207)
A0, A1, B0, B1 = _RNG.normal(size=(4, 3, 3))


def build(t: float) -> ns.NormalFormGame:
    """A generic 3x3 game whose payoffs move linearly in t (1 or 3 equilibria as t moves)."""
    return ns.NormalFormGame.from_arrays(A0 + t * A1, B0 + t * B1)


def build_batch(t: np.ndarray) -> ns.GameBatch:
    """``build`` at every point at once (a vectorised build for ``ns.sweep(..., vectorized=True)``)."""
    t = np.asarray(t, dtype=float)[:, None, None]
    return ns.GameBatch.from_arrays(A0 + t * A1, B0 + t * B1)


def payoffs(t: float) -> tuple[np.ndarray, np.ndarray]:
    return A0 + t * A1, B0 + t * B1


def time_sweep(ts: np.ndarray):
    start = time.perf_counter()
    df = ns.sweep(build, t=ts, progress=False)
    elapsed = time.perf_counter() - start
    probs = df[[c for c in df.columns if ":" in c]].to_numpy()
    point = np.searchsorted(ts, df["t"].to_numpy())
    per_point = [[] for _ in ts]
    for k, row in zip(point, probs, strict=True):
        per_point[k].append((row[:3], row[3:]))
    return elapsed, per_point


def time_nashpy(ts: np.ndarray):
    import nashpy

    out = []
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for t in ts:
            a, b = payoffs(t)
            # nashpy's default tol=1e-16 misses equilibria of generic games; 1e-10 finds them.
            out.append(list(nashpy.Game(a, b).support_enumeration(tol=1e-10)))
    return time.perf_counter() - start, out


def time_gambit(ts: np.ndarray):
    import pygambit as gbt

    out = []
    start = time.perf_counter()
    for t in ts:
        a, b = payoffs(t)
        game = gbt.StrategicGame.from_arrays(a, b)
        out.append((game, gbt.nash.enummixed_solve(game, rational=False).equilibria))
    elapsed = time.perf_counter() - start
    profiles = []
    for game, eqs in out:
        p1, p2 = game.players
        profiles.append([
            (np.array([float(eq[p1][s]) for s in game.get_strategies(p1)]),
             np.array([float(eq[p2][s]) for s in game.get_strategies(p2)])) for eq in eqs])
    return elapsed, profiles


def contains(ours, theirs, atol: float = 1e-6) -> bool:
    """Every profile in ``theirs`` matches a distinct profile in ``ours`` within atol."""
    unused = list(ours)
    for x, y in theirs:
        hit = next((k for k, (u, v) in enumerate(unused)
                    if np.allclose(x, u, atol=atol) and np.allclose(y, v, atol=atol)), None)
        if hit is None:
            return False
        unused.pop(hit)
    return True


def same(ours, theirs, atol: float = 1e-6) -> bool:
    """Same number of equilibria and a one-to-one match of profiles within atol."""
    return len(ours) == len(theirs) and contains(ours, theirs, atol)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--nashpy-subset", type=int, default=1_000,
                        help="points timed for nashpy, extrapolated to --points")
    parser.add_argument("--full-nashpy", action="store_true", help="time nashpy on every point")
    args = parser.parse_args(argv)
    ts = np.linspace(-3.0, 3.0, args.points)
    ns.sweep(build, t=ts[:50], progress=False)  # warm up imports and caches
    ns.sweep(build_batch, t=ts[:50], vectorized=True, progress=False)
    t_pp, ours = time_sweep(ts)
    start = time.perf_counter()
    fast = ns.sweep(build_batch, t=ts, vectorized=True, progress=False)
    t_ns = time.perf_counter() - start
    identical = fast.equals(ns.sweep(build, t=ts, progress=False))
    t_gb, gambit = time_gambit(ts)
    n_nash = args.points if args.full_nashpy else min(args.nashpy_subset, args.points)
    idx = np.linspace(0, args.points - 1, n_nash).round().astype(int)
    t_np_sub, nash = time_nashpy(ts[idx])
    t_np = t_np_sub * args.points / n_nash
    counts = np.bincount([len(e) for e in ours])
    print(f"{args.points} points of a parameterised 3x3 game; equilibria per point: "
          + ", ".join(f"{k}: {c} points" for k, c in enumerate(counts) if c))
    print(f"ns.sweep, vectorized build (GameBatch): {t_ns:8.3f} s   (frame identical to per-point: {identical})")
    print(f"ns.sweep, per-point build:             {t_pp:8.3f} s   ratio {t_pp / t_ns:6.1f}x")
    print(f"pygambit enummixed_solve loop:         {t_gb:8.3f} s   ratio {t_gb / t_ns:6.1f}x")
    how = "all points" if n_nash == args.points else f"{n_nash} points timed ({t_np_sub:.2f} s), extrapolated"
    print(f"nashpy support_enumeration loop:       {t_np:8.3f} s   ratio {t_np / t_ns:6.1f}x  ({how})")
    bad_gb = [k for k in range(args.points) if not same(ours[k], gambit[k])]
    bad_np = [int(k) for j, k in enumerate(idx) if not same(ours[k], nash[j])]
    print(f"identical equilibria vs pygambit: {args.points - len(bad_gb)}/{args.points} points"
          + (f" (differ at t={ts[bad_gb[:5]]})" if bad_gb else ""))
    # nashpy's support_enumeration tests best responses by exact float equality, so it
    # drops some mixed equilibria; where it differs, check it only missed ones Gambit has.
    missed = [k for k in bad_np if contains(ours[k], nash[list(idx).index(k)]) and same(ours[k], gambit[k])]
    print(f"identical equilibria vs nashpy:   {n_nash - len(bad_np)}/{n_nash} points"
          + (f"; at the other {len(bad_np)} nashpy finds a strict subset of ours (it misses "
             f"{len(missed)} times a mixed equilibrium that Gambit confirms)" if bad_np else ""))
    targets = (t_np / t_ns >= 300, t_gb / t_ns >= 30)
    print(f"targets (vectorized): >= 300x nashpy {'met' if targets[0] else 'NOT met'}; "
          f">= 30x pygambit {'met' if targets[1] else 'NOT met'}")
    return 0 if identical and not bad_gb and len(missed) == len(bad_np) else 1


if __name__ == "__main__":
    raise SystemExit(main())
