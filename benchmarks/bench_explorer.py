"""Time the explorer's re-solve and redraw after a slider moves, for every scenario.

Run: python benchmarks/bench_explorer.py [--repeats N]

Each slider move re-solves the scenario and renders its plot to PNG (the work a
notebook does); the median over moves of the first parameter's slider is printed
against the 100 ms target.
"""

import argparse
import time

import matplotlib

matplotlib.use("Agg")
import numpy as np

import negotiation_sim as ns


def slider_times(name: str, repeats: int) -> list[float]:
    """Seconds for each of ``repeats`` moves of the first slider of scenario ``name``."""
    explorer = ns.explore(ns.scenarios.get(name))
    pname, slider = next(iter(explorer.sliders.items()))
    times = []
    for k in range(repeats):
        value = slider.min + (slider.max - slider.min) * (0.2 + 0.6 * k / max(1, repeats - 1))
        start = time.perf_counter()
        explorer.set(**{pname: value})
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(f"{'scenario':18} {'median ms':>10} {'max ms':>8}  target 100 ms")
    worst = 0.0
    for name in ns.scenarios.names():
        times = slider_times(name, args.repeats)
        med, top = 1000 * float(np.median(times)), 1000 * max(times)
        worst = max(worst, med)
        print(f"{name:18} {med:10.1f} {top:8.1f}  {'ok' if med < 100 else 'SLOW'}")
    print(f"slowest median: {worst:.1f} ms")


if __name__ == "__main__":
    main()
