"""Interleaved CPU-time benchmark: ours vs pygambit enummixed (float) and QuantEcon vertex_enumeration.

Run: PYTHONPATH=$PWD python tmp_bench_vertex.py [sizes...] [--rounds R] [--degenerate]
Prints, per size, median CPU time of each contender over R rounds (contenders alternate inside
each round, several games per round) and the ratios peer/ours (above 1: we are faster).
"""
import statistics
import sys
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")
import negotiation_sim as ns  # noqa: E402
import pygambit as gbt  # noqa: E402
import quantecon.game_theory as qgt  # noqa: E402


def ours(A, B):
    return [e.strategies for e in ns.solve(ns.NormalFormGame.from_arrays(A, B))]


def gambit(A, B, rational=False):
    g = gbt.StrategicGame.from_arrays(A, B) if not rational else gbt.StrategicGame.from_arrays(
        A.astype(int), B.astype(int))
    res = gbt.nash.enummixed_solve(g, rational=rational).equilibria
    return [tuple(np.array([float(eq[p][s]) for s in g.get_strategies(p)]) for p in g.players) for eq in res]


def quantecon(A, B):
    g = qgt.NormalFormGame((qgt.Player(A), qgt.Player(B.T)))
    return qgt.vertex_enumeration(g)


def cpu(f, games, reps):
    t = time.process_time()
    for _ in range(reps):
        for A, B in games:
            f(A, B)
    return (time.process_time() - t) / (reps * len(games))


def speed(sizes, rounds):
    rng = np.random.default_rng(2026)
    for A, B in [(rng.random((3, 3)), rng.random((3, 3)))]:  # JIT compile and caches, not counted
        ours(A, B), gambit(A, B), quantecon(A, B)
    print(f"{'size':>5} {'ours ms':>9} {'gambit ms':>9} {'qe ms':>9} {'gambit/ours':>11} {'qe/ours':>8}")
    for m in sizes:
        games = [(rng.random((m, m)), rng.random((m, m))) for _ in range(3 if m >= 12 else 10)]
        reps = 1 if m >= 10 else (5 if m >= 6 else 30)
        times = {"ours": [], "gambit": [], "qe": []}
        for _ in range(rounds):
            for name, f in (("ours", ours), ("gambit", gambit), ("qe", quantecon)):
                if name == "gambit" and m >= 15 and "--gambit15" not in sys.argv:
                    continue
                times[name].append(cpu(f, games, reps))
        med = {k: statistics.median(v) if v else float("nan") for k, v in times.items()}
        print(f"{m:>5} {med['ours'] * 1e3:9.3f} {med['gambit'] * 1e3:9.3f} {med['qe'] * 1e3:9.3f} "
              f"{med['gambit'] / med['ours']:11.2f} {med['qe'] / med['ours']:8.2f}", flush=True)


def same(a, b, atol=1e-6):
    return all(np.allclose(u, v, atol=atol) for u, v in zip(a, b))


def misses(found, ref):
    return sum(not any(same(r, f) for f in found) for r in ref)


def degenerate(sizes, count):
    rng = np.random.default_rng(7)
    print(f"{'size':>5} {'games':>5} {'eqs':>6} {'ours missed':>11} {'ours exact missed':>17} {'qe missed':>9}")
    for m in sizes:
        total = ours_missed = exact_missed = qe_missed = 0
        for _ in range(count):
            A = rng.integers(0, 3, (m, m)).astype(float)
            B = rng.integers(0, 3, (m, m)).astype(float)
            ref = gambit(A, B, rational=True)
            total += len(ref)
            ours_missed += misses(ours(A, B), ref)
            exact = [e.strategies for e in ns.solve(ns.NormalFormGame.from_arrays(A, B), exact=True)]
            exact_missed += misses(exact, ref)
            qe_missed += misses(quantecon(A, B), ref)
        print(f"{m:>5} {count:>5} {total:>6} {ours_missed:>11} {exact_missed:>17} {qe_missed:>9}", flush=True)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rounds = 3
    if "--rounds" in sys.argv:
        rounds = int(sys.argv[sys.argv.index("--rounds") + 1])
        args.remove(str(rounds))
    count = 10
    if "--count" in sys.argv:
        count = int(sys.argv[sys.argv.index("--count") + 1])
        args.remove(str(count))
    if "--degenerate" in sys.argv:
        degenerate([int(a) for a in args] or [6, 8, 10], count)
    else:
        speed([int(a) for a in args] or [2, 3, 4, 6, 8, 10, 12, 15], rounds)
