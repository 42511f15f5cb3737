"""Speed and completeness of negotiation_sim's vertex enumeration against nashpy, Gambit and QuantEcon.

Run from the repository root::

    python benchmarks/bench_solvers.py [--games 40] [--sizes 3 6 8] [--seed 2024]

On seeded random games (payoffs uniform on [0, 1]) it times, per game, the
median over games of the best of a few repeats of:

- ours: ``negotiation_sim.solvers.vertex_enumeration.vertex_enumeration``
  (a full, verified ``EquilibriumSet``), and ``batch_vertex_enumeration`` over
  all games of a size at once, per game;
- nashpy ``support_enumeration`` and ``vertex_enumeration`` (on fewer games:
  they are slow);
- pygambit ``enummixed_solve(rational=False)`` on a prebuilt Gambit game;
- QuantEcon ``support_enumeration`` (if quantecon imports; JIT warmed first).

Every solver's equilibria are compared with Gambit's exact (rational)
enumeration: ``missed`` counts exact equilibria a solver did not find (within
1e-6). The ratios are their time over ours.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import negotiation_sim as ns  # noqa: E402  (after the path tweak, to run from a checkout)
from negotiation_sim.solvers.vertex_enumeration import (  # noqa: E402
    batch_vertex_enumeration,
    vertex_enumeration,
)


def best_time(fn, repeats: int) -> tuple[float, object]:
    """Best wall time of ``repeats`` calls (robust on a shared machine) and the last result."""
    best, out = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def missed(found, exact, atol: float = 1e-6) -> int:
    """How many exact equilibria have no match among the ones found."""
    def close(a, b):
        return all(np.allclose(np.asarray(u, float), v, atol=atol) for u, v in zip(a, b, strict=True))

    return sum(not any(close(f, e) for f in found) for e in exact)


def gambit_solvers():
    import pygambit as gbt

    def to_profiles(game, eqs):
        return [tuple(np.array([float(eq[p][s]) for s in game.get_strategies(p)]) for p in game.players)
                for eq in eqs]

    def prepare(pay):
        return gbt.StrategicGame.from_arrays(pay[..., 0], pay[..., 1])

    def floats(game):
        return to_profiles(game, gbt.nash.enummixed_solve(game, rational=False).equilibria)

    def exact(game):
        return to_profiles(game, gbt.nash.enummixed_solve(game, rational=True).equilibria)

    return prepare, floats, exact


def nashpy_solvers():
    import nashpy

    def prepare(pay):
        return nashpy.Game(pay[..., 0], pay[..., 1])

    return prepare, lambda g: list(g.support_enumeration()), lambda g: list(g.vertex_enumeration())


def quantecon_solver():
    try:
        import quantecon.game_theory as gt
    except ImportError:
        return None
    warm = gt.NormalFormGame(np.random.default_rng(0).random((3, 3, 2)))
    gt.support_enumeration(warm)  # compile the numba kernels before timing
    return gt.NormalFormGame, gt.support_enumeration


def ours(game):
    return [e.strategies for e in vertex_enumeration(game)]


def run_size(n: int, n_games: int, slow_games: int, rng: np.random.Generator, repeats: int):
    """Rows of the table for n x n games: {solver: (median seconds, n equilibria, n missed)}."""
    payoffs = rng.random((n_games, n, n, 2))
    g_prepare, g_float, g_exact = gambit_solvers()
    n_prepare, n_support, n_vertex = nashpy_solvers()
    qe = quantecon_solver()
    exact = [g_exact(g_prepare(p)) for p in payoffs]
    solvers = {
        "ours": (lambda p: ns.NormalFormGame(p), ours, n_games),
        "gambit enummixed (float)": (g_prepare, g_float, n_games),
        "nashpy support_enumeration": (n_prepare, n_support, slow_games),
        "nashpy vertex_enumeration": (n_prepare, n_vertex, slow_games),
    }
    if qe is not None:
        solvers["quantecon support_enumeration"] = (qe[0], qe[1], n_games)
    rows = {}
    for name, (prepare, solve, count) in solvers.items():
        times, found, miss = [], 0, 0
        for p, ex in zip(payoffs[:count], exact[:count], strict=True):
            game = prepare(p)
            t, eqs = best_time(lambda game=game, solve=solve: solve(game), repeats if count == n_games else 1)
            times.append(t)
            found += len(eqs)
            miss += missed(eqs, ex)
        rows[name] = (statistics.median(times), found, miss, count, sum(len(e) for e in exact[:count]))
    t, batch = best_time(lambda: batch_vertex_enumeration(payoffs[..., 0], payoffs[..., 1]), repeats)
    rows["ours, batched (per game)"] = (
        t / n_games, sum(len(b) for b in batch),
        sum(missed(b, ex) for b, ex in zip(batch, exact, strict=True)), n_games,
        sum(len(e) for e in exact),
    )
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=40, help="games per size (default 40)")
    parser.add_argument("--slow-games", type=int, default=None,
                        help="games per size for nashpy (default: 10, 5 at 8x8)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 6, 8])
    parser.add_argument("--repeats", type=int, default=3, help="timing repeats per game (best taken)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # nashpy warns on degenerate games; we only time here
    rng = np.random.default_rng(args.seed)
    header = f"{'size':>5}  {'solver':<31} {'median ms':>10} {'ratio':>8} {'games':>6} {'eqs':>5} {'exact':>6} {'missed':>6}"
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        slow = args.slow_games if args.slow_games is not None else (5 if n >= 8 else 10)
        rows = run_size(n, args.games, min(slow, args.games), rng, args.repeats)
        base = rows["ours"][0]
        for name, (t, found, miss, count, n_exact) in rows.items():
            print(f"{n}x{n:<3} {name:<31} {t * 1e3:>10.3f} {t / base:>8.2f} {count:>6} {found:>5} {n_exact:>6} {miss:>6}")
        print()
    print("ratio = that solver's median time per game / ours (above 1: ours is faster);")
    print("exact = equilibria found by Gambit's exact rational enummixed on the same games;")
    print("missed = exact equilibria the solver did not return (within 1e-6).")


if __name__ == "__main__":
    main()
