"""``python -m benchmarks``: negotiation_sim against nashpy, pygambit and QuantEcon, measured honestly.

Sections (``--sections``; default all):

- ``two_player``: every extreme equilibrium of random 2-player games, 2x2 to 15x15;
- ``degenerate``: missed equilibria on degenerate integer games, against an exact oracle;
- ``sweep``: a per-point sweep of 10,000 3x3 games against loops over the peers;
- ``trees``: perfect-information trees of 10^2 to 10^5 nodes, with and without ties;
- ``qre``: logit QRE tracing on 3x3, 5x5 and 3x3x3 games;
- ``import``: ``python -c "import negotiation_sim"`` and the heavy modules it loads;
- ``explorer``: one slider move of the notebook explorer, per scenario;
- ``memory``: peak resident memory of solving one 15x15 game in a fresh process.

Contenders run interleaved in one process (round-robin, the order rotating
each round), on the same inputs; the tables give the median CPU time
(``time.process_time``) and wall time over rounds, their spread, and the first
call measured apart in a fresh process (import, then first call). The ratio
is peer / ours on CPU time: above 1, ours is faster. A contender whose call
exceeds the budget (``--budget``), runs out of memory (``--mem-limit``) or
fails is reported as skipped with the reason; where a peer was stopped in a
call, its wall-time ratio is at least that call's limit over our median wall
time, shown as "> x (stopped; wall)".

``--quick`` is a smoke run (tiny sizes, two rounds; about a minute, most of
it spent importing the libraries in fresh processes);
``--out FILE.json`` or ``--out FILE.md`` writes the results (both may be given).
See docs/explanation/benchmarks.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import harness, startup
from benchmarks.harness import Case, Options, Row

SECTIONS = ("two_player", "degenerate", "sweep", "trees", "qre", "import", "explorer", "memory")

DEFAULTS = {  # full run, then --quick
    "sizes": ([2, 3, 4, 6, 8, 10, 12, 15], [2, 3]),
    "degenerate_sizes": ([4, 6, 8, 10], [4]),
    "points": (10_000, 100),
    "tree_nodes": ([100, 1000, 10_000, 100_000], [30]),
    "qre_shapes": (["3x3", "5x5", "3x3x3"], ["3x3"]),
    "qre_games": (5, 1),
    "degenerate_games": (10, 2),
    "rounds": (5, 2),
    "budget": (10.0, 5.0),
    "import_runs": (7, 1),
    "memory_size": (15, 4),
    "scenarios": (None, 1),  # explorer: every scenario, or the first k
}


def games_per_size(n: int) -> int:
    """Games per 2-player size: fewer where one game takes long."""
    return 5 if n <= 6 else 3 if n <= 10 else 2


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="\n".join(__doc__.splitlines()[2:]))
    p.add_argument("--quick", action="store_true", help="a smoke run: tiny sizes, two rounds")
    p.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS), metavar="SECTION",
                   help=f"which sections to run, of {', '.join(SECTIONS)} (default all)")
    p.add_argument("--sizes", type=int, nargs="+", help="two_player sizes n (n x n games)")
    p.add_argument("--games", type=int, help="games per two_player size (default 5 up to 6x6, 3 up to 10x10, then 2)")
    p.add_argument("--degenerate-sizes", type=int, nargs="+")
    p.add_argument("--degenerate-games", type=int)
    p.add_argument("--values", type=int, default=3, help="degenerate payoffs are 0 .. values-1 (default 3)")
    p.add_argument("--points", type=int, help="sweep points (default 10000)")
    p.add_argument("--nashpy-points", type=int, default=1000,
                   help="sweep: points the nashpy loop is timed on, scaled to --points (default 1000)")
    p.add_argument("--full-nashpy", action="store_true", help="sweep: time the nashpy loop on every point")
    p.add_argument("--tree-nodes", type=int, nargs="+")
    p.add_argument("--qre-shapes", nargs="+", help="e.g. 3x3 5x5 3x3x3")
    p.add_argument("--qre-games", type=int)
    p.add_argument("--import-runs", type=int)
    p.add_argument("--scenarios", type=int, help="explorer: time the first k scenarios (default all)")
    p.add_argument("--memory-size", type=int, help="memory: n of the n x n game (default 15)")
    p.add_argument("--rounds", type=int, help="interleaved warm rounds (default 5)")
    p.add_argument("--budget", type=float, help="seconds one call may take before its contender is skipped (default 10)")
    p.add_argument("--mem-limit", type=float, default=4.0, help="address-space limit of each subprocess, GB (default 4)")
    p.add_argument("--cold", choices=("all", "ours", "first", "none"), default=None,
                   help="first calls in fresh processes: at every case; for ours at every case and for the "
                        "peers at each section's first case; at each section's first case; or never "
                        "(default ours; --quick: none)")
    p.add_argument("--support-max", type=int, default=10, help="largest n for quantecon support_enumeration")
    p.add_argument("--nashpy-max", type=int, default=6, help="largest n for nashpy vertex_enumeration")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--out", action="append", default=[], help="write results to FILE.json or FILE.md")
    p.add_argument("--quiet", action="store_true", help="no progress lines, only the tables")
    args = p.parse_args(argv)
    k = 1 if args.quick else 0
    for key, values in DEFAULTS.items():
        if getattr(args, key) is None:
            setattr(args, key, values[k])
    if args.cold is None:
        args.cold = "none" if args.quick else "ours"
    for out in args.out:
        if Path(out).suffix not in (".json", ".md"):
            p.error(f"--out {out}: the file name must end in .json or .md")
    return args


def _shape(text: str) -> list[int]:
    return [int(x) for x in text.lower().split("x")]


def cases(key: str, args: argparse.Namespace) -> list[Case]:
    seed = args.seed
    if key in ("two_player", "memory"):
        sizes = [args.memory_size] if key == "memory" else args.sizes
        return [Case(f"{n}x{n}", {"n": n, "games": 1 if key == "memory" else (args.games or games_per_size(n)),
                                  "seed": seed, "support_max": args.support_max, "nashpy_max": args.nashpy_max})
                for n in sizes]
    if key == "degenerate":
        return [Case(f"{n}x{n}", {"n": n, "games": args.degenerate_games, "values": args.values, "seed": seed,
                                  "support_max": min(args.support_max, 8), "nashpy_max": args.nashpy_max})
                for n in args.degenerate_sizes]
    if key == "sweep":
        return [Case(f"{args.points:,} points", {"points": args.points, "seed": seed,
                                                 "nashpy_points": args.points if args.full_nashpy
                                                 else min(args.points, args.nashpy_points)})]
    if key == "trees":
        return [Case(f"{n:,} nodes{', ties' if ties else ''}", {"nodes": n, "ties": ties, "seed": seed},
                     series="ties" if ties else "")
                for n in args.tree_nodes for ties in (False, True)]
    if key == "qre":
        return [Case(s, {"shape": _shape(s), "games": args.qre_games, "seed": seed}) for s in args.qre_shapes]
    if key == "explorer":
        return [Case("slider move", {})]
    raise KeyError(key)


def run_timed(key: str, args: argparse.Namespace, opts: Options) -> list[Row]:
    section = harness.load_section(key)
    if key == "explorer":
        from benchmarks import explorer

        names = explorer.names()[: args.scenarios] if args.scenarios else explorer.names()
        section = dataclasses.replace(section, contenders=tuple(explorer.contender(n) for n in names))
    all_cases = cases(key, args)
    rows: list[Row] = []
    for k, case in enumerate(all_cases):
        cold = args.cold in ("all", "ours") or (args.cold == "first" and k == 0)
        roles = ("ours", "ours-ref", "info") if args.cold == "ours" and k > 0 else None
        case_opts = dataclasses.replace(opts, cold=cold, cold_roles=roles, budget=opts.budget * section.budget_factor)
        rows += harness.run_section(section, [case], case_opts, _state(key))
    if key == "explorer":
        for row in rows:
            if row.median_wall is not None:
                verdict = "ok" if row.median_wall < explorer.TARGET else "SLOW"
                row.note = f"{verdict} (target {explorer.TARGET * 1e3:.0f} ms); {row.note}"
    return rows


_STATES: dict[str, dict[tuple[str, str], str]] = {}


def _state(key: str) -> dict[tuple[str, str], str]:
    """Per section: contenders that overran at a smaller case (they are not tried at larger ones)."""
    return _STATES.setdefault(key, {})


def run_memory(args: argparse.Namespace, opts: Options) -> list[Row]:
    """Peak resident memory of a fresh process: import + one solve, and import only."""
    section = harness.load_section("memory")
    case = cases("memory", args)[0]
    rows = []
    for c in section.contenders:
        row = Row("memory", case.label, c.name, c.role)
        try:
            solved = harness.run_cold(section, case, c, opts)
            imported = harness.run_import(section, case, c, opts)
        except harness.Killed as killed:
            solved, imported = {"error": killed.reason}, {}
        if "error" in solved:
            row.status, row.reason = "skipped", solved["error"]
        else:
            row.cold_maxrss_mb = solved["maxrss_mb"]
            row.cold_first_wall = solved["first"][1]
            row.extra["import_maxrss_mb"] = imported.get("maxrss_mb")
        rows.append(row)
        if not args.quiet:
            print(f"  {case.label:<8} {c.name:<52} " + (f"peak {row.cold_maxrss_mb:.0f} MB (import only "
                  f"{row.extra['import_maxrss_mb']:.0f} MB)" if row.status == "ok" else f"skipped: {row.reason}"),
                  flush=True)
    base = rows[0]
    for row in rows:
        if row.cold_maxrss_mb and base.cold_maxrss_mb:
            row.ratio_cpu = row.cold_maxrss_mb / base.cold_maxrss_mb  # a ratio of peaks, not of times
    return rows


# --------------------------------------------------------------------------- output


def _lower_bounds(rows: list[Row]) -> None:
    """Where a peer was stopped in a warm-up or warm call, its ratio is at least (the call's limit) / ours.

    The limit is wall time and ours is CPU time; on a busy machine wall exceeds CPU, so this bound
    uses our median wall time instead, the conservative choice.
    """
    ours = {r.case: r.median_wall for r in rows if r.role == "ours"}
    for r in rows:
        if r.status != "ok" and r.role == "peer" and "stopped_after_s" in r.extra and ours.get(r.case):
            r.extra["ratio_at_least"] = r.extra["stopped_after_s"] / ours[r.case]


def section_text(key: str, title: str, about: str, rows: list[Row], markdown: bool) -> str:
    table = harness.md_table if markdown else harness.text_table
    head = f"## {title}\n\n{about}\n" if markdown else f"\n=== {title} ===\n{about}\n"
    if key == "memory":
        body = [[r.case, r.contender, f"{r.cold_maxrss_mb:.0f} MB" if r.cold_maxrss_mb else "skipped",
                 f"{r.extra.get('import_maxrss_mb') or 0:.0f} MB" if r.status == "ok" else "",
                 harness.fmt_ratio(r.ratio_cpu) if r.role != "ours" else "1", r.reason]
                for r in rows]
        return head + "\n" + table(["case", "contender", "peak RSS", "import only", "ratio peer/ours", "note"],
                                   body) + "\n"
    out = head + "\n"
    if any(r.role in ("peer", "ours-ref") for r in rows):
        header, body = harness.ratio_pivot(rows)
        for cells, name in zip(body, header and [b[0] for b in body]):
            for j, case in enumerate(header[1:], start=1):
                r = next((x for x in rows if x.contender == name and x.case == case), None)
                if r is not None and "ratio_at_least" in r.extra:
                    cells[j] = f"> {r.extra['ratio_at_least']:.3g} (stopped; wall)"
        out += ("Ratios peer / ours, CPU time (above 1: ours is faster; ours: its median CPU time per call)\n\n"
                + table(header, body) + "\n\n")
    out += table(list(harness.COLUMNS), [harness.row_cells(r) for r in rows]) + "\n"
    return out


def _meta(args: argparse.Namespace, elapsed: float) -> dict:
    import importlib.metadata as md

    versions = {}
    for pkg in ("negotiation_sim", "pygambit", "quantecon", "nashpy", "numpy", "numba"):
        try:
            versions[pkg] = md.version(pkg.replace("_", "-"))
        except md.PackageNotFoundError:
            versions[pkg] = None
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {"command": "python -m benchmarks " + " ".join(sys.argv[1:]), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "load_average": load, "versions": versions, "elapsed_s": round(elapsed, 1),
            "rounds": args.rounds, "budget_s": args.budget, "mem_limit_gb": args.mem_limit, "quick": args.quick}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    opts = Options(rounds=args.rounds, budget=args.budget, mem_limit_gb=args.mem_limit, verbose=not args.quiet)
    start = time.perf_counter()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"python -m benchmarks: load average {load[0]:.2f} on {os.cpu_count()} cores; rounds {args.rounds}, "
          f"budget {args.budget:g} s per call, memory limit {args.mem_limit:g} GB"
          f"{', quick' if args.quick else ''}", flush=True)
    results = []
    for key in args.sections:
        if not args.quiet:
            print(f"[{key}]", flush=True)
        if key == "import":
            rows = startup.run(args.import_runs)
            title, about = "Start-up: import time in a fresh interpreter", startup.__doc__.split("\n\n")[1].replace("\n", " ")
        elif key == "memory":
            rows = run_memory(args, dataclasses.replace(opts))
            section = harness.load_section(key)
            title, about = section.title, section.about
        else:
            rows = run_timed(key, args, opts)
            section = harness.load_section(key)
            title, about = section.title, section.about
        _lower_bounds(rows)
        results.append({"key": key, "title": title, "about": about, "rows": rows})
        print(section_text(key, title, about, rows, markdown=False), flush=True)
    meta = _meta(args, time.perf_counter() - start)
    print(f"total {meta['elapsed_s']:.0f} s")
    for out in args.out:
        path = Path(out)
        if path.suffix == ".json":
            data = {"meta": meta, "sections": [{**{k: v for k, v in s.items() if k != "rows"},
                                                "rows": [r.as_dict() for r in s["rows"]]} for s in results]}
            path.write_text(json.dumps(data, indent=1))
        else:
            text = [f"# Benchmarks\n\nCommand: `{meta['command']}` ({meta['date']}, Python {meta['python']}, "
                    f"{meta['cpus']} CPUs, load average {meta['load_average'] and round(meta['load_average'][0], 2)}; "
                    f"{meta['rounds']} rounds, budget {meta['budget_s']:g} s per call; versions "
                    + ", ".join(f"{k} {v}" for k, v in meta["versions"].items() if v) + ").\n"]
            text += [section_text(s["key"], s["title"], s["about"], s["rows"], markdown=True) for s in results]
            path.write_text("\n".join(text))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
