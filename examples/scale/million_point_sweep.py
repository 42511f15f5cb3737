"""A million-point sweep of the four-actor crisis on a dask.distributed LocalCluster, in flat memory.

The grid: Western support for Ukraine x France's influence x Russia's cost of
war x Russia's audience cost (support varies slowest; the other three make a
10,000-point *slab*). Every point's game is built by the vectorised
``EuropeanCrisis.batch``, its pure equilibria found and verified in bulk
(``method="pure"``), branches tracked across chunks, and the chunks folded
into a small summary as they arrive (``reduce=``), so neither the client nor
a worker ever holds the whole result.

Run from the repository root::

    python examples/scale/million_point_sweep.py                    # 10**6 points, 2 worker processes
    python examples/scale/million_point_sweep.py --points 100000    # 10 slabs
    python examples/scale/million_point_sweep.py --serial           # no cluster: chunks in this process
    python examples/scale/million_point_sweep.py --out chunks/      # also keep every chunk on disk

``--points`` must be a multiple of 10,000 (one slab). It prints the wall
time, points per second, peak resident memory of the client and of each
worker, the load average, and the share of the grid where Russia invades,
threatens or withdraws in equilibrium.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for the script and its workers

import negotiation_sim as ns  # noqa: E402  (after making the checkout importable)

SLAB = {"influence": 20, "russia_war_cost": 25, "audience_cost": 20}  # 10,000 points per support value
ACTIONS = ("Invade", "Threaten", "Withdraw")
#: glibc malloc settings for the worker processes. Dask sets MALLOC_TRIM_THRESHOLD_=65536, which
#: also fixes the mmap threshold at 128 KiB: every chunk's arrays are then mapped and unmapped
#: afresh, and the page faults cost a third of the workers' time here. Arrays below 64 MiB from
#: the heap, trimmed when 256 MiB lie free at its top, keep the memory bounded without that.
WORKER_MALLOC = {"MALLOC_MMAP_THRESHOLD_": 2**26, "MALLOC_TRIM_THRESHOLD_": 2**28}
#: Names of the summary's rows: the set of Russia's actions across a point's pure equilibria, as a bit mask.
OUTCOMES = {1: "invades in every equilibrium", 2: "threatens in every equilibrium",
            4: "withdraws in every equilibrium"}


def make_grid(n_support: int, slab: dict[str, int] = SLAB) -> dict[str, np.ndarray]:
    """The swept values: ``n_support`` levels of support (slowest), then the slab's parameters."""
    return {
        "support": np.linspace(0.0, 1.0, n_support),
        "influence": np.linspace(0.0, 1.0, slab["influence"]),
        "russia_war_cost": np.linspace(0.1, 3.0, slab["russia_war_cost"]),
        "audience_cost": np.linspace(0.0, 2.0, slab["audience_cost"]),
    }


def fold(summary: dict | None, chunk: pd.DataFrame) -> dict:
    """Add one chunk to the running summary: counts of points by Russia's actions, and war.

    Rows of one point are consecutive; a point's mask is the OR of its
    equilibria's bits (1 Invade, 2 Threaten, 4 Withdraw).
    """
    summary = summary or {"points": 0, "rows": 0, "masks": np.zeros(8, dtype=np.int64), "war": 0, "branches": 0,
                          "actions": np.zeros(3, dtype=np.int64)}
    params = chunk[list(make_grid(1))].to_numpy()
    new_point = np.r_[True, (params[1:] != params[:-1]).any(axis=1)] if len(chunk) else np.zeros(0, bool)
    starts = np.flatnonzero(new_point)
    russia = chunk[[f"Russia:{a}" for a in ACTIONS]].to_numpy()
    bits = (1 << russia.argmax(axis=1)).astype(np.int64)
    war = ((russia[:, 0] == 1) & (chunk["Ukraine:Resist"].to_numpy() == 1)).astype(np.int64)
    if len(starts):
        summary["masks"] += np.bincount(np.bitwise_or.reduceat(bits, starts), minlength=8)
        summary["war"] += int(np.maximum.reduceat(war, starts).sum())
        summary["branches"] = max(summary["branches"], int(chunk["equilibrium"].max()) + 1)
    summary["actions"] += np.bincount(russia.argmax(axis=1), minlength=3)
    summary["points"] += len(starts)
    summary["rows"] += len(chunk)
    return summary


def run(grid: dict[str, np.ndarray], executor=None, chunksize: int = 20_000, out: str | None = None) -> dict:
    """The streamed sweep of the crisis over ``grid``; its summary (see :func:`fold`)."""
    return ns.sweep(ns.scenarios.EuropeanCrisis.batch, vectorized=True, method="pure", executor=executor,
                    chunksize=chunksize, reduce=fold, out=out, progress=False, **grid)


def table(summary: dict, n_points: int) -> pd.DataFrame:
    """The share of the grid's points in each outcome class."""
    masks = summary["masks"]
    counts = {name: int(masks[m]) for m, name in OUTCOMES.items()}
    counts["several outcomes (multiple equilibria)"] = int(masks.sum() - sum(masks[m] for m in OUTCOMES))
    counts["no pure equilibrium"] = n_points - summary["points"]
    counts["war in some equilibrium"] = summary["war"]
    frame = pd.DataFrame({"points": counts})
    frame["share"] = (frame["points"] / n_points).round(4)
    return frame


def action_table(summary: dict) -> pd.DataFrame:
    """Russia's action across all the grid's pure equilibria."""
    frame = pd.DataFrame({"equilibria": dict(zip(ACTIONS, summary["actions"].tolist(), strict=True))})
    frame["share"] = (frame["equilibria"] / summary["rows"]).round(4)
    return frame


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 2**10)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000, help="grid size, a multiple of 10,000")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the LocalCluster")
    parser.add_argument("--chunksize", type=int, default=20_000, help="grid points per task")
    parser.add_argument("--serial", action="store_true", help="no cluster: evaluate chunks in this process")
    parser.add_argument("--out", default=None, help="also keep every chunk in this directory")
    parser.add_argument("--dask-malloc", action="store_true",
                        help="keep dask's malloc setting for workers (MALLOC_TRIM_THRESHOLD_=65536) instead of WORKER_MALLOC")
    args = parser.parse_args(argv)
    slab = int(np.prod(list(SLAB.values())))
    if args.points % slab:
        parser.error(f"--points must be a multiple of {slab:,}")
    grid = make_grid(args.points // slab)
    n_points = args.points
    print(f"{n_points:,} points: " + " x ".join(f"{k} ({len(v)})" for k, v in grid.items()))
    print(f"chunks of {args.chunksize:,} points; load average before: {_load()}")
    client = cluster = None
    if not args.serial:
        import dask
        from dask.distributed import Client, LocalCluster

        if not args.dask_malloc:
            dask.config.set({f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in WORKER_MALLOC.items()})
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0")  # a free port: None still takes 8787
        client = Client(cluster)
        client.run(lambda: __import__("negotiation_sim"))  # workers import the package before timing
    base = peak_rss_mib()
    worker_base = client.run(peak_rss_mib) if client is not None else {}
    start = time.perf_counter()
    summary = run(grid, executor=client, chunksize=args.chunksize, out=args.out)
    elapsed = time.perf_counter() - start
    load = _load()
    workers = client.run(peak_rss_mib) if client is not None else {}
    print(f"wall time {elapsed:.1f} s, {n_points / elapsed:,.0f} points/s")
    print(f"rows (point, equilibrium): {summary['rows']:,}; branches tracked: {summary['branches']:,}")
    print(f"peak RSS: client {peak_rss_mib():.0f} MiB (before the sweep {base:.0f} MiB)"
          + "".join(f"; worker {i} {m:.0f} MiB (before {b:.0f} MiB)"
                    for i, (m, b) in enumerate(zip(workers.values(), worker_base.values(), strict=True))))
    print(f"load average after: {load}")
    print(table(summary, n_points).to_string())
    print(action_table(summary).to_string())
    if client is not None:
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()
