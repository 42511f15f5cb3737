"""Start-up: the wall time of ``python -c "import X"`` in fresh interpreters, and what importing us loads.

The runs are interleaved (round-robin over the modules, the order rotating),
each in a new process; CPU time is the children's user + system time. The
bare interpreter (``python -c pass``) is measured too: every figure includes it.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time

from benchmarks.harness import ROOT, Row, _env, interleave

OURS = "ours: import negotiation_sim"
MODULES = {OURS: "negotiation_sim", "import pygambit": "pygambit", "import quantecon": "quantecon",
           "import nashpy": "nashpy", "python -c pass (the interpreter alone)": None}
#: Modules that users should only pay for when they use them (issue 17's list, and their big cousins).
HEAVY = ("scipy", "pandas", "matplotlib", "ipywidgets", "IPython", "pygambit", "statsmodels", "numba",
         "sympy", "dask", "pyarrow", "quantecon", "nashpy", "networkx", "PIL")


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(runs: int, timeout: float = 120.0) -> list[Row]:
    """Median over ``runs`` interleaved fresh interpreters for every module; ratio = peer / ours."""
    times: dict[str, list[tuple[float, float]]] = {n: [] for n in MODULES}
    failed: dict[str, str] = {}
    for _, name in interleave(list(MODULES), runs):
        if name in failed:
            continue
        module = MODULES[name]
        code = "pass" if module is None else f"import {module}"
        c0, w0 = _child_cpu(), time.perf_counter()
        try:
            proc = subprocess.run([sys.executable, "-c", code], env=_env(), cwd=ROOT, capture_output=True,
                                  text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            failed[name] = f"took more than {timeout:.0f} s"
            continue
        wall, cpu = time.perf_counter() - w0, _child_cpu() - c0
        if proc.returncode != 0:
            failed[name] = (proc.stderr.strip().splitlines() or ["failed"])[-1][:200]
            continue
        times[name].append((cpu, wall))
    rows = []
    for name in MODULES:
        row = Row("import", f"{runs} fresh runs", name, "ours" if name == OURS else ("info" if MODULES[name] is None else "peer"))
        if name in failed:
            row.status, row.reason = "skipped", failed[name]
        else:
            row.warm_cpu, row.warm_wall = [c for c, _ in times[name]], [w for _, w in times[name]]
        rows.append(row)
    base = rows[0]
    for row in rows:
        if row.role == "peer" and row.warm_wall and base.warm_wall:
            row.ratio_cpu = statistics.median(row.warm_cpu) / statistics.median(base.warm_cpu)
            row.ratio_wall = statistics.median(row.warm_wall) / statistics.median(base.warm_wall)
    base.note, base.extra["heavy_modules"] = _heavy()
    return rows


def _heavy() -> tuple[str, list[str]]:
    """Which of HEAVY ``import negotiation_sim`` loads, as a note and a list."""
    code = ("import json, sys, negotiation_sim; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    proc = subprocess.run([sys.executable, "-c", code], env=_env(), cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    if proc.returncode != 0:
        return "could not list the modules it loads", []
    loaded = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    heavy = [m for m in HEAVY if m in loaded]
    return ("loads " + ", ".join(heavy) if heavy else "loads none of " + ", ".join(HEAVY[:6]) + ", ..."), heavy
