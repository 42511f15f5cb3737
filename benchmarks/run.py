"""Every speed comparison of negotiation_sim against its peers, in one process, as one table.

Run from the repository root::

    python -m benchmarks [--quick] [--sections two_player sweep n_player tree explorer]
                         [--sizes 3 4 5 6 7 8 9 10] [--games 20] [--points 10000]
    python benchmarks/run.py ...          # the same

Sections (each row: our median, the peer's median, peer / ours, and whether
the answers agree):

- ``two_player``: every extreme equilibrium of random n x n games (payoffs
  uniform on [0, 1], 3 decimals) with ``ns.solve(game)`` against pygambit
  ``enummixed_solve(rational=False)``, QuantEcon ``support_enumeration``
  (after its JIT warm-up) and nashpy ``support_enumeration`` (only up to
  6x6, on ``--slow-games`` games: it is slow). Per game, the best of a few
  repeats; per size, the median over games. ``missed`` counts equilibria of
  Gambit's exact (rational) enumeration that a solver did not return, on
  ``--exact-games`` games per size (exact arithmetic is slow at 9x9, 10x10).
- ``sweep``: a 10,000-point sweep of a parameterised 3x3 game
  (``benchmarks/bench_sweep.py``): ``ns.sweep`` with a vectorised build
  (``GameBatch``) and with a per-point build, against loops of pygambit
  ``enummixed_solve`` and nashpy ``support_enumeration`` (nashpy on a
  subset, extrapolated, unless ``--full-nashpy``).
- ``n_player``: pure equilibria (``ns.pure_equilibria``) against pygambit
  ``enumpure_solve``, and QRE tracing (``ns.qre_path``) against pygambit
  ``logit_solve``, on random 3- and 4-player games.
- ``scale``: the four-actor crisis (4 players, 3x2x2x2) over ``--scale-points``
  grid points (default 100,000): ``ns.sweep(EuropeanCrisis.batch,
  vectorized=True, method="pure")`` streamed chunk by chunk into a summary
  (``reduce=``) against the same sweep held in memory, with each one's peak
  traced memory (tracemalloc, in a separate run) and whether their counts
  agree. The million-point run on a dask cluster is
  ``examples/scale/million_point_sweep.py`` (minutes of setup and memory
  figures do not fit a quick table).
- ``tree``: ``ns.solve(tree)`` (subgame-perfect equilibrium by backward
  induction) on a random perfect-information tree, against pygambit
  ``lcp_solve`` on the same tree (every equilibrium its sequence-form LCP
  finds, not a subgame-perfect one: a different guarantee, shown for scale;
  timed once, it is slow).

The machine's load average is printed first: on a shared machine, compare
ratios from one run, not times across runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import negotiation_sim as ns  # noqa: E402  (after making the checkout importable)
from benchmarks import bench_solvers, bench_sweep  # noqa: E402

SECTIONS = ("two_player", "sweep", "n_player", "scale", "tree", "explorer")


def best_of(fn, repeats: int) -> tuple[float, object]:
    """Best wall time of ``repeats`` calls and the last result."""
    return bench_solvers.best_time(fn, repeats)


def median_time(solve, objects, repeats: int) -> tuple[float, list]:
    """Median over objects of the best of ``repeats`` timed calls; and the results."""
    times, results = [], []
    for obj in objects:
        t, out = best_of(lambda obj=obj: solve(obj), repeats)
        times.append(t)
        results.append(out)
    return statistics.median(times), results


class Table:
    """Rows of (section, case, solver, seconds, ratio to ours, agreement)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, float, float | None, str]] = []

    def add(self, section, case, solver, seconds, ours=None, note=""):
        ratio = None if ours is None else seconds / ours
        self.rows.append((section, case, solver, seconds, ratio, note))
        unit = f"{seconds * 1e3:10.3f} ms" if seconds < 1 else f"{seconds:10.3f} s "
        rtxt = "" if ratio is None else f"{ratio:8.2f}x"
        print(f"{section:<11} {case:<22} {solver:<40} {unit} {rtxt:>9}  {note}", flush=True)


def two_player(args, table: Table) -> None:
    g_prepare, g_float, g_exact = bench_solvers.gambit_solvers()
    n_prepare, n_support, _ = bench_solvers.nashpy_solvers()
    qe = bench_solvers.quantecon_solver()
    rng = np.random.default_rng(args.seed)
    for n in args.sizes:
        pay = rng.integers(0, 1001, size=(args.games, n, n, 2)) / 1000
        exact_count = min(args.games, args.exact_games if n <= 8 else max(1, args.exact_games // 3))
        exact = [g_exact(g_prepare(p)) for p in pay[:exact_count]]
        repeats = args.repeats if n <= 8 else 1
        case = f"{n}x{n} ({args.games} games)"
        games = [ns.NormalFormGame(p) for p in pay]
        t_ours, found = median_time(lambda g: [e.strategies for e in ns.solve(g)], games, repeats)
        miss = sum(bench_solvers.missed(f, e) for f, e in zip(found, exact))
        table.add("two_player", case, "ns.solve (vertex enumeration)", t_ours, None,
                  f"missed {miss}/{sum(map(len, exact))} exact eqs on {exact_count} games")
        peers = [("pygambit enummixed_solve (float)", g_prepare, g_float, args.games)]
        if qe is not None:
            peers.append(("quantecon support_enumeration", qe[0], qe[1], args.games))
        if n <= 6:
            peers.append(("nashpy support_enumeration", n_prepare, n_support, min(args.slow_games, args.games)))
        for name, prepare, solve, count in peers:
            objs = [prepare(p) for p in pay[:count]]
            t, res = median_time(solve, objs, repeats if count == args.games else 1)
            k = min(count, exact_count)
            miss = sum(bench_solvers.missed(r, e) for r, e in zip(res[:k], exact[:k]))
            label = name if count == args.games else f"{name} ({count} games)"
            table.add("two_player", case, label, t, t_ours, f"missed {miss} on {k} games")
        # the batched solver, per game (what a sweep or Monte Carlo pays)
        from negotiation_sim.solvers.vertex_enumeration import batch_extreme_profiles

        t, _ = best_of(lambda pay=pay: batch_extreme_profiles(pay[..., 0], pay[..., 1]), repeats)
        table.add("two_player", case, "ours, batch_extreme_profiles (per game)", t / args.games, t_ours)


def sweep(args, table: Table) -> None:
    ts = np.linspace(-3.0, 3.0, args.points)
    ns.sweep(bench_sweep.build_batch, t=ts[:50], vectorized=True, progress=False)  # warm caches
    ns.sweep(bench_sweep.build, t=ts[:50], progress=False)
    reps = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        fast = ns.sweep(bench_sweep.build_batch, t=ts, vectorized=True, progress=False)
        reps.append(time.perf_counter() - start)
    t_vec = statistics.median(reps)
    t_pp, ours = bench_sweep.time_sweep(ts)
    same_frames = fast.equals(ns.sweep(bench_sweep.build, t=ts, progress=False))
    case = f"{args.points} points, 3x3"
    table.add("sweep", case, "ns.sweep(vectorized=True), GameBatch", t_vec, None,
              f"median of {args.repeats}; frame identical to per-point: {same_frames}")
    table.add("sweep", case, "ns.sweep, per-point build", t_pp, t_vec)
    t_gb, gambit = bench_sweep.time_gambit(ts)
    bad_gb = sum(not bench_sweep.same(o, g) for o, g in zip(ours, gambit))
    table.add("sweep", case, "pygambit enummixed_solve loop", t_gb, t_vec,
              f"differs at {bad_gb}/{args.points} points")
    n_nash = args.points if args.full_nashpy else min(args.nashpy_subset, args.points)
    idx = np.linspace(0, args.points - 1, n_nash).round().astype(int)
    t_sub, nash = bench_sweep.time_nashpy(ts[idx])
    # nashpy compares best responses by float equality and drops some mixed equilibria:
    # count points where it finds something ours does not (a real disagreement).
    extra = sum(not bench_sweep.contains(ours[k], nash[j]) for j, k in enumerate(idx))
    how = "all points" if n_nash == args.points else f"{n_nash} points, extrapolated"
    table.add("sweep", case, "nashpy support_enumeration loop", t_sub * args.points / n_nash, t_vec,
              f"{how}; finds an eq. ours lacks at {extra} points")


def _crisis_grid(points: int) -> dict[str, np.ndarray]:
    """``points`` grid points of the crisis: support slowest, then a 1,000-point slab."""
    return {"support": np.linspace(0, 1, max(1, points // 1000)), "influence": np.linspace(0, 1, 10),
            "russia_war_cost": np.linspace(0.1, 3.0, 10), "audience_cost": np.linspace(0, 2, 10)}


def _count_russia(summary, chunk):
    counts = np.append(chunk[["Russia:Invade", "Russia:Threaten", "Russia:Withdraw"]].sum().to_numpy(), len(chunk))
    return counts if summary is None else summary + counts


def _traced_peak(fn) -> float:
    import tracemalloc

    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def scale(args, table: Table) -> None:
    """A streamed sweep (reduce=) against the in-memory sweep: time and peak traced memory."""
    grid = _crisis_grid(args.scale_points)
    n = int(np.prod([len(v) for v in grid.values()]))
    kw = {"vectorized": True, "method": "pure", "progress": False, **grid}
    build = ns.scenarios.EuropeanCrisis.batch

    def streamed():
        return ns.sweep(build, reduce=_count_russia, **kw)

    def in_memory():
        return ns.sweep(build, **kw)

    streamed(), in_memory()  # warm imports and caches
    t_stream, counts = best_of(streamed, args.repeats)
    t_mem, frame = best_of(in_memory, args.repeats)
    expected = np.append(frame[["Russia:Invade", "Russia:Threaten", "Russia:Withdraw"]].sum().to_numpy(), len(frame))
    agree = bool(np.array_equal(counts, expected))
    del frame
    peak_stream, peak_mem = _traced_peak(streamed), _traced_peak(in_memory)
    case = f"crisis, {n:,} points"
    table.add("scale", case, "ns.sweep(reduce=...), streamed", t_stream, None,
              f"peak traced {peak_stream:.0f} MiB; counts equal in-memory: {agree}")
    table.add("scale", case, "ns.sweep, in memory", t_mem, t_stream, f"peak traced {peak_mem:.0f} MiB")


def _gambit_profiles(game, eqs):
    return [tuple(np.array([float(eq[p][s]) for s in game.get_strategies(p)]) for p in game.players)
            for eq in eqs]


def n_player(args, table: Table) -> None:
    import pygambit as gbt

    rng = np.random.default_rng(args.seed + 1)
    for k, shape in ((3, (4, 4, 4)), (4, (3, 3, 3, 3))):
        pays = rng.integers(-3, 4, size=(args.nplayer_games, *shape, k)).astype(float)
        games = [ns.NormalFormGame(p) for p in pays]
        ggames = [gbt.StrategicGame.from_arrays(*[p[..., i] for i in range(k)]) for p in pays]
        case = f"{k} players {'x'.join(map(str, shape))}"
        t_ours, ours = median_time(ns.pure_equilibria, games, args.repeats)
        t_g, theirs = median_time(gbt.nash.enumpure_solve, ggames, args.repeats)
        agree = all(len(o) == len(t.equilibria) for o, t in zip(ours, theirs))
        table.add("n_player", case, "ns.pure_equilibria", t_ours, None, f"same count as Gambit: {agree}")
        table.add("n_player", case, "pygambit enumpure_solve", t_g, t_ours)
        cont = rng.normal(size=(max(2, args.nplayer_games // 4), *shape, k))
        games = [ns.NormalFormGame(p) for p in cont]
        ggames = [gbt.StrategicGame.from_arrays(*[p[..., i] for i in range(k)]) for p in cont]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t_ours, paths = median_time(lambda g: ns.qre_path(g), games, 1)
        t_g, logits = median_time(lambda g: gbt.nash.logit_solve(g, use_strategic=True), ggames, 1)
        close = 0
        for path, res, gg in zip(paths, logits, ggames):
            limit = _gambit_profiles(gg, [res.equilibrium])
            close += path.limit is not None and bool(limit) and all(
                np.allclose(a, b, atol=1e-4) for a, b in zip(path.limit.strategies, limit[0]))
        table.add("n_player", case, "ns.qre_path", t_ours, None,
                  f"same limit as Gambit on {close}/{len(games)} games")
        table.add("n_player", case, "pygambit logit_solve", t_g, t_ours)


def random_tree(rng: np.random.Generator, depth: int, branching: int) -> ns.GameTree:
    """A perfect-information tree: two players alternate, random payoffs at the leaves."""
    tree = ns.GameTree(players=("P1", "P2"))
    frontier = [tree.root]
    for level in range(depth):
        nxt = []
        for node in frontier:
            nxt += node.move(("P1", "P2")[level % 2], [f"a{j}" for j in range(branching)])
        frontier = nxt
    for node in frontier:
        node.payoffs(*np.round(rng.normal(size=2), 3))
    return tree


def tree(args, table: Table) -> None:
    import pygambit as gbt

    from negotiation_sim.io.efg import write_efg

    rng = np.random.default_rng(args.seed + 2)
    t = random_tree(rng, args.tree_depth, args.tree_branching)
    case = f"depth {args.tree_depth}, {args.tree_branching}^{args.tree_depth} leaves"
    t_ours, eqs = best_of(lambda: ns.solve(t), args.repeats)
    table.add("tree", case, "ns.solve(tree) (subgame perfect)", t_ours, None, f"{len(eqs)} equilibria")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "tree.efg")
        write_efg(t, path)
        game = gbt.read_efg(path)
    t_g, _ = best_of(lambda: gbt.nash.lcp_solve(game, rational=False), 1)  # slow: one run
    table.add("tree", case, "pygambit lcp_solve (sequence form)", t_g, t_ours)


def explorer(args, table: Table) -> None:
    """The explorer's re-solve and redraw after a slider moves (target: under 100 ms)."""
    from benchmarks import bench_explorer

    for name in ns.scenarios.names():
        seconds = statistics.median(bench_explorer.slider_times(name, max(3, args.repeats)))
        table.add("explorer", name, "slider move: re-solve + redraw (PNG)", seconds, None,
                  "ok (< 100 ms)" if seconds < 0.1 else "SLOW (>= 100 ms)")


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and counts (about a minute)")
    parser.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="2-player sizes n (n x n)")
    parser.add_argument("--games", type=int, default=None, help="2-player games per size")
    parser.add_argument("--slow-games", type=int, default=5, help="games per size for nashpy")
    parser.add_argument("--exact-games", type=int, default=None, help="games per size checked against exact Gambit")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--points", type=int, default=None, help="sweep points (default 10000)")
    parser.add_argument("--nashpy-subset", type=int, default=1000)
    parser.add_argument("--full-nashpy", action="store_true")
    parser.add_argument("--nplayer-games", type=int, default=None)
    parser.add_argument("--scale-points", type=int, default=None, help="crisis grid points (default 100000)")
    parser.add_argument("--tree-depth", type=int, default=None)
    parser.add_argument("--tree-branching", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    quick = args.quick
    defaults = {"sizes": [3, 6, 8] if quick else list(range(3, 11)), "games": 10 if quick else 20,
                "exact_games": 3 if quick else 6, "points": 2000 if quick else 10_000,
                "nplayer_games": 8 if quick else 20, "tree_depth": 4 if quick else 5,
                "scale_points": 20_000 if quick else 100_000}
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if quick:
        args.nashpy_subset = min(args.nashpy_subset, 200)
    return args


def main(argv=None) -> int:
    args = parse(argv)
    warnings.simplefilter("ignore")  # degenerate-game warnings from every library; we only time
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores; "
          f"sections {', '.join(args.sections)}{' (quick)' if args.quick else ''}")
    print(f"{'section':<11} {'case':<22} {'solver':<40} {'median':>13} {'vs ours':>9}  agreement")
    table = Table()
    runners = {"two_player": two_player, "sweep": sweep, "n_player": n_player, "scale": scale, "tree": tree,
               "explorer": explorer}
    for name in args.sections:
        runners[name](args, table)
    print("vs ours = that solver's time / ours (above 1: ours is faster); each row times the"
          " same inputs; ours is the first row of each case.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
