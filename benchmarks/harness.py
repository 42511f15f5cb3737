"""The measuring machinery: interleaved rounds, cold runs in fresh processes, budgets, ratios.

How a case is measured (``run_case``):

1. **Cold**: for each contender, a fresh subprocess imports the contender's
   library and makes its first call on the case's first input; the import and
   the first call are timed separately (CPU with ``time.process_time`` and wall
   with ``time.perf_counter``), and the process's peak resident memory
   (``ru_maxrss``) is recorded.
2. **Warm**: one subprocess holds every contender that passed step 1. Each
   contender first makes one untimed call per input (the warm-up, whose results
   are kept to compare the contenders' equilibria), then ``rounds`` rounds
   follow: each round runs every contender once on every input, the order of
   the contenders rotating from round to round (``interleave``). A contender's
   time in a round is its mean per input; the table gives the median over
   rounds and the spread (min and max).

Every subprocess runs under an address-space limit (``--mem-limit``) and every
call under a time budget enforced by the parent, which stops the worker when a
call overruns and starts it again without that contender. A contender that is
stopped, runs out of memory or raises is reported as skipped with the reason,
and is skipped at the later (larger) cases of the same section.

The ratio of a row is its median warm CPU time over the baseline's (the
section's "ours" contender) on the same case: above 1, ours is faster.
"""

from __future__ import annotations

import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Contender:
    """One way of computing a case's answer.

    ``prepare(input)`` runs untimed and returns the zero-argument call that is
    timed; ``canon(result, input)`` turns its result into plain lists for the
    section's agreement check; ``limit(params)`` says why the contender does
    not run at a case (or None). ``role`` is "ours" for the section's
    baseline, "ours-ref" for another path of ours shown for reference, "peer"
    for another library and "info" for a row without a ratio.
    """

    name: str
    module: str
    prepare: Callable[[Any], Callable[[], Any]]
    canon: Callable[[Any, Any], Any] | None = None
    limit: Callable[[dict], str | None] | None = None
    role: str = "peer"
    first_call_allowance: float = 10.0  # extra seconds a first call may take (numba compiles on it)
    time_scale: Callable[[dict], float] | None = None  # times are multiplied by it (a call timed on a subset)


@dataclass(frozen=True)
class Section:
    """A group of cases timed with the same contenders."""

    key: str
    title: str
    about: str
    contenders: tuple[Contender, ...]
    inputs: Callable[[dict], list]
    check: Callable[[dict, dict[str, list]], dict[str, dict]] | None = None  # name -> {'note': ..., numbers}
    make_contender: Callable[[str], Contender] | None = None  # for contenders named at run time
    budget_factor: float = 1.0  # a call of this section may take budget_factor * --budget

    def contender(self, name: str) -> Contender:
        found = next((c for c in self.contenders if c.name == name), None)
        if found is None and self.make_contender is not None:
            return self.make_contender(name)
        if found is None:
            raise KeyError(name)
        return found

    @property
    def baseline(self) -> str | None:
        return next((c.name for c in self.contenders if c.role == "ours"), None)


@dataclass(frozen=True)
class Case:
    """A case's label, its JSON parameters (workers rebuild the inputs from them), and its series.

    A contender stopped at a case is not tried at later cases of the same series.
    """

    label: str
    params: dict
    series: str = ""


@dataclass
class Row:
    """One contender on one case: what the tables and the JSON report."""

    section: str
    case: str
    contender: str
    role: str
    status: str = "ok"  # "ok" or "skipped"
    reason: str = ""
    warm_cpu: list[float] = field(default_factory=list)  # seconds per input, one per round
    warm_wall: list[float] = field(default_factory=list)
    cold_import_cpu: float | None = None
    cold_import_wall: float | None = None
    cold_first_cpu: float | None = None
    cold_first_wall: float | None = None
    cold_maxrss_mb: float | None = None
    ratio_cpu: float | None = None
    ratio_wall: float | None = None
    note: str = ""
    inputs: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def median_cpu(self) -> float | None:
        return statistics.median(self.warm_cpu) if self.warm_cpu else None

    @property
    def median_wall(self) -> float | None:
        return statistics.median(self.warm_wall) if self.warm_wall else None

    def as_dict(self) -> dict:
        out = asdict(self)
        out["median_cpu"], out["median_wall"] = self.median_cpu, self.median_wall
        return out


@dataclass
class Options:
    rounds: int = 5
    budget: float = 10.0  # seconds a single call may take (a section may scale it: Section.budget_factor)
    mem_limit_gb: float = 4.0
    cold: bool = True
    cold_roles: tuple[str, ...] | None = None  # if given, only contenders of these roles get a cold run
    setup_allowance: float = 180.0  # seconds for imports and input preparation in a worker
    verbose: bool = True


def interleave(names: Sequence[str], rounds: int) -> Iterator[tuple[int, str]]:
    """The order of a round-robin: ``(round, name)`` pairs, every name once per round.

    The first name of round ``r`` is ``names[r % len(names)]``, so no
    contender always runs first (after another one warmed the caches) or last.

    Examples
    --------
    >>> list(interleave(["a", "b", "c"], 2))
    [(0, 'a'), (0, 'b'), (0, 'c'), (1, 'b'), (1, 'c'), (1, 'a')]
    """
    names = list(names)
    for r in range(rounds):
        k = r % len(names) if names else 0
        for name in names[k:] + names[:k]:
            yield r, name


# --------------------------------------------------------------------------- subprocesses


def _limits(mem_limit_gb: float) -> Callable[[], None]:
    def apply() -> None:
        import resource

        limit = int(mem_limit_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("MPLBACKEND", "Agg")
    env["PYTHONWARNINGS"] = "ignore"
    return env


_PHASES = {"import": "the import", "prepare": "preparing the input", "first": "the first call",
           "warmup": "a warm-up call", "round": "a call", "setup": "the setup"}


def _setup_phase(event: dict) -> bool:
    return event.get("phase") in ("import", "prepare")


class Killed(Exception):
    """A worker stopped: the contender at fault (if known), why, and the limit it overran (seconds)."""

    def __init__(self, contender: str | None, reason: str, limit: float | None = None) -> None:
        super().__init__(reason)
        self.contender, self.reason, self.limit = contender, reason, limit


def _run_worker(spec: dict, opts: Options, deadline_for: Callable[[dict], float]) -> list[dict]:
    """Run ``python -m benchmarks._worker`` on ``spec``; return its events.

    ``deadline_for(start_event)`` gives the seconds the call announced by a
    "start" event may take; between calls, ``opts.setup_allowance`` applies.
    Raises ``Killed`` (naming the contender at fault, if any) when a call
    overruns or the worker dies.
    """
    with tempfile.TemporaryFile(mode="w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "benchmarks._worker"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=err, env=_env(), cwd=ROOT,
                                preexec_fn=_limits(opts.mem_limit_gb))
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps(spec).encode())
        proc.stdin.close()
        events: list[dict] = []
        current: dict | None = None
        limit = opts.setup_allowance
        since = time.monotonic()
        fd, pending = proc.stdout.fileno(), b""
        try:
            while True:
                # Read the pipe's bytes ourselves: a buffered readline could hold a "start" event
                # unseen while the call it announces runs (and charge that call to the wrong phase).
                if b"\n" not in pending:
                    left = since + limit - time.monotonic()
                    ready, _, _ = select.select([fd], [], [], max(0.0, left))
                    if not ready:
                        who = current["contender"] if current else None
                        what = current.get("phase", "call") if current else "setup"
                        raise Killed(who, f"{_PHASES.get(what, what)} took more than {limit:.0f} s (stopped)",
                                     limit if what in ("warmup", "round") else None)
                    chunk = os.read(fd, 1 << 16)
                    if not chunk:
                        proc.wait()
                        err.seek(0)
                        tail = err.read()[-300:].strip().replace("\n", " | ")
                        who = current["contender"] if current else None
                        raise Killed(who, f"worker died (exit code {proc.returncode}; out of memory?) {tail}")
                    pending += chunk
                    continue
                line, pending = pending.split(b"\n", 1)
                event = json.loads(line)
                events.append(event)
                since = time.monotonic()
                if event["ev"] == "start":
                    current, limit = event, deadline_for(event)
                elif event["ev"] == "end":
                    proc.wait()
                    return events
                else:
                    current, limit = None, opts.setup_allowance
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def run_cold(section: Section, case: Case, contender: Contender, opts: Options) -> dict:
    """Import + first call in a fresh process: {"import": (cpu, wall), "first": (cpu, wall), "maxrss_mb": ...}.

    Raises ``Killed`` if the first call overruns its budget or the process dies;
    a Python exception in the call is returned as {"error": reason}.
    """
    spec = {"mode": "cold", "section": section.key, "params": case.params, "contenders": [contender.name]}
    events = _run_worker(spec, opts, lambda ev: opts.setup_allowance if _setup_phase(ev)
                         else opts.budget + contender.first_call_allowance)
    out: dict = {}
    for ev in events:
        if ev["ev"] == "import":
            out["import"] = (ev["cpu"], ev["wall"])
        elif ev["ev"] == "done" and ev.get("phase") == "first":
            out["first"] = (ev["cpu"], ev["wall"])
        elif ev["ev"] == "error":
            out["error"] = ev["reason"]
        elif ev["ev"] == "end":
            out["maxrss_mb"] = ev["maxrss_mb"]
    return out


def run_import(section: Section, case: Case, contender: Contender, opts: Options) -> dict:
    """Only the import, in a fresh process: {"maxrss_mb": ...}."""
    spec = {"mode": "import", "section": section.key, "params": case.params, "contenders": [contender.name]}
    events = _run_worker(spec, opts, lambda ev: opts.setup_allowance)
    return {"maxrss_mb": next(ev["maxrss_mb"] for ev in events if ev["ev"] == "end")}


def run_warm(section: Section, case: Case, names: list[str], opts: Options,
             first_call: dict[str, float]) -> tuple[dict[str, dict], dict[str, str]]:
    """Interleaved warm rounds; returns ({name: {"cpu": [...], "wall": [...], "canon": [...]}}, {name: skip reason}).

    A contender whose call overruns is dropped and the worker restarted without it.
    """
    skipped: dict[str, str] = {}
    stopped: dict[str, float] = {}  # contender -> the limit of the warm call it was stopped in
    names = list(names)
    while names:
        spec = {"mode": "warm", "section": section.key, "params": case.params, "contenders": names,
                "rounds": opts.rounds}

        def deadline(ev: dict) -> float:
            c = section.contender(ev["contender"])
            if _setup_phase(ev):
                return opts.setup_allowance
            if ev.get("phase") == "warmup":
                return max(opts.budget, 2 * first_call.get(c.name, 0.0)) + c.first_call_allowance
            return opts.budget

        try:
            events = _run_worker(spec, opts, deadline)
        except Killed as killed:
            if killed.contender is None:
                skipped.update({n: killed.reason for n in names})
                return {}, skipped
            skipped[killed.contender] = killed.reason
            if killed.limit is not None:
                stopped[killed.contender] = killed.limit
            names.remove(killed.contender)
            continue
        results: dict[str, dict] = {n: {"cpu": [], "wall": [], "canon": []} for n in names}
        per_round: dict[tuple[str, int], list[tuple[float, float]]] = {}
        for ev in events:
            if ev["ev"] == "error":
                skipped[ev["contender"]] = ev["reason"]
            elif ev["ev"] == "done" and ev["phase"] == "warmup":
                results[ev["contender"]]["canon"].append(ev.get("canon"))
            elif ev["ev"] == "done" and ev["phase"] == "round":
                per_round.setdefault((ev["contender"], ev["round"]), []).append((ev["cpu"], ev["wall"]))
        for (name, _), calls in sorted(per_round.items(), key=lambda kv: kv[0][1]):
            results[name]["cpu"].append(sum(c for c, _ in calls) / len(calls))
            results[name]["wall"].append(sum(w for _, w in calls) / len(calls))
        for name, limit in stopped.items():
            results[name] = {"stopped_after_s": limit}
        return {n: r for n, r in results.items() if n not in skipped or n in stopped}, skipped
    return {n: {"stopped_after_s": t} for n, t in stopped.items()}, skipped


def run_section(section: Section, cases: Sequence[Case], opts: Options,
                too_slow: dict[tuple[str, str], str] | None = None) -> list[Row]:
    """Every case of a section (in order: later cases are assumed larger), cold then warm.

    ``too_slow`` ((contender, series) -> reason) collects the contenders not to try at
    later cases; pass the same dict to later calls for the same section.
    """
    rows: list[Row] = []
    too_slow = {} if too_slow is None else too_slow
    for case in cases:
        case_rows: dict[str, Row] = {}
        runnable: list[str] = []
        first_call: dict[str, float] = {}
        for c in section.contenders:
            row = Row(section.key, case.label, c.name, c.role)
            case_rows[c.name] = row
            reason = c.limit(case.params) if c.limit else None
            if reason is None and (c.name, case.series) in too_slow:
                reason = too_slow[(c.name, case.series)]
            if reason is not None:
                row.status, row.reason = "skipped", reason
                continue
            if opts.cold and (opts.cold_roles is None or c.role in opts.cold_roles):
                try:
                    cold = run_cold(section, case, c, opts)
                except Killed as killed:
                    cold = {"error": killed.reason, "killed": True}
                if "error" in cold:
                    row.status, row.reason = "skipped", f"first call: {cold['error']}"
                    too_slow[(c.name, case.series)] = f"skipped after {case.label} ({cold['error']})"
                    continue
                row.cold_import_cpu, row.cold_import_wall = cold["import"]
                row.cold_first_cpu, row.cold_first_wall = cold["first"]
                row.cold_maxrss_mb = cold.get("maxrss_mb")
                first_call[c.name] = cold["first"][1]
            runnable.append(c.name)
        results, skipped = run_warm(section, case, runnable, opts, first_call) if runnable else ({}, {})
        for name, reason in skipped.items():
            case_rows[name].status, case_rows[name].reason = "skipped", f"warm: {reason}"
            too_slow[(name, case.series)] = f"skipped after {case.label} ({reason})"
        for name, res in results.items():
            row = case_rows[name]
            if "stopped_after_s" in res:
                row.extra["stopped_after_s"] = res["stopped_after_s"]
                continue
            scale_by = section.contender(name).time_scale
            k = scale_by(case.params) if scale_by else 1.0
            row.warm_cpu, row.warm_wall = [t * k for t in res["cpu"]], [t * k for t in res["wall"]]
            row.inputs = len(res["canon"])
            if k != 1.0:
                row.extra["time_scale"] = k
        base = case_rows.get(section.baseline or "")
        for row in case_rows.values():
            if base is None:
                break
            if row.role != "info" and row.median_cpu is not None and base.median_cpu:
                row.ratio_cpu = row.median_cpu / base.median_cpu
                row.ratio_wall = (row.median_wall or 0.0) / (base.median_wall or float("nan"))
        if section.check is not None:
            notes = section.check(case.params, {n: r["canon"] for n, r in results.items() if r.get("canon")})
            for name, info in notes.items():
                if name in case_rows:
                    info = dict(info)
                    case_rows[name].note = info.pop("note", "")
                    case_rows[name].extra.update(info)
        rows += case_rows.values()
        if opts.verbose:
            for row in case_rows.values():
                print("  " + format_row_line(row), flush=True)
    return rows


SECTION_MODULES = {
    "two_player": "benchmarks.nash2", "degenerate": "benchmarks.nash2", "memory": "benchmarks.nash2",
    "sweep": "benchmarks.sweep", "trees": "benchmarks.trees", "qre": "benchmarks.qre",
    "explorer": "benchmarks.explorer",
}


def load_section(key: str) -> Section:
    """The timed section ``key`` (its module defines ``SECTIONS``, a dict key -> Section)."""
    import importlib

    return importlib.import_module(SECTION_MODULES[key]).SECTIONS[key]


# --------------------------------------------------------------------------- formatting


def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "-"
    if s < 1e-3:
        return f"{s * 1e6:.0f} us"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def fmt_ratio(r: float | None) -> str:
    if r is None or r != r:
        return "-"
    return f"{r:.3g}"


def spread(row: Row) -> str:
    """The range of the per-round times, as +/- percent of the median."""
    med = row.median_cpu
    if not row.warm_cpu or not med:
        return "-"
    return f"{min(row.warm_cpu) / med * 100 - 100:+.0f}%/{max(row.warm_cpu) / med * 100 - 100:+.0f}%"


def format_row_line(row: Row) -> str:
    if row.status != "ok":
        return f"{row.case:<14} {row.contender:<52} skipped: {row.reason}"
    cold = f"cold: import {fmt_seconds(row.cold_import_wall)}, first call {fmt_seconds(row.cold_first_wall)}" \
        if row.cold_first_wall is not None else ""
    return (f"{row.case:<14} {row.contender:<52} warm cpu {fmt_seconds(row.median_cpu):>9} "
            f"({spread(row)}) wall {fmt_seconds(row.median_wall):>9}  ratio {fmt_ratio(row.ratio_cpu):>6}  "
            f"{cold}  {row.note}")


COLUMNS = ("case", "contender", "warm CPU (median)", "spread", "warm wall", "ratio CPU", "ratio wall",
           "cold import", "cold first call", "note")


def row_cells(row: Row) -> list[str]:
    if row.status != "ok":
        return [row.case, row.contender, "skipped", "", "", "", "", "", "", row.reason]
    return [row.case, row.contender, fmt_seconds(row.median_cpu), spread(row), fmt_seconds(row.median_wall),
            fmt_ratio(row.ratio_cpu), fmt_ratio(row.ratio_wall), fmt_seconds(row.cold_import_wall),
            fmt_seconds(row.cold_first_wall), row.note]


def ratio_pivot(rows: Sequence[Row]) -> tuple[list[str], list[list[str]]]:
    """Contenders x cases: CPU ratio peer/ours ("skipped" where a contender did not run)."""
    cases = list(dict.fromkeys(r.case for r in rows))
    names = list(dict.fromkeys(r.contender for r in rows if r.role != "info"))
    by = {(r.contender, r.case): r for r in rows}
    body = []
    for name in names:
        cells = [name]
        for case in cases:
            r = by.get((name, case))
            if r is None:
                cells.append("")
            elif r.status != "ok":
                cells.append("skipped")
            elif r.role == "ours":
                cells.append(f"1 ({fmt_seconds(r.median_cpu)})")
            else:
                cells.append(fmt_ratio(r.ratio_cpu))
        body.append(cells)
    return ["contender", *cases], body


def text_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *body)]
    widths = [min(w, 70) for w in widths]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(header, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(cells, widths)) for cells in body]
    return "\n".join(lines)


def md_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    def esc(x: object) -> str:
        return str(x).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(esc(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(esc(c) for c in cells) + " |" for cells in body]
    return "\n".join(lines)
