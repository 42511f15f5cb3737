"""The subprocess side of the harness: ``python -m benchmarks._worker`` reads a JSON spec on stdin.

It prints one JSON event per line (flushed), which the parent reads with a
deadline per call. Only the standard library is imported before the timed
import of a contender's library, so that a cold run times the whole import.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
import traceback
from typing import Any


def emit(**event: Any) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def _reason(error: BaseException) -> str:
    if isinstance(error, MemoryError):
        return "out of memory (address-space limit)"
    where = traceback.extract_tb(error.__traceback__)[-1:]
    at = f" at {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno}" if where else ""
    return f"{type(error).__name__}: {str(error)[:200]}{at}"


def timed(call: Any) -> tuple[Any, float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    out = call()
    return out, time.process_time() - c0, time.perf_counter() - w0


def main() -> None:
    spec = json.loads(sys.stdin.read())
    from benchmarks.harness import interleave, load_section

    section = load_section(spec["section"])
    contenders = [section.contender(n) for n in spec["contenders"]]
    for c in contenders:  # imports first (a cold run times them)
        emit(ev="start", contender=c.name, phase="import")
        _, cpu, wall = timed(lambda c=c: importlib.import_module(c.module))
        emit(ev="import", contender=c.name, cpu=cpu, wall=wall)
    if spec["mode"] == "import":
        emit(ev="end", maxrss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return
    inputs = section.inputs(spec["params"])
    if spec["mode"] == "cold":
        inputs = inputs[:1]
    calls: dict[str, list] = {}
    alive = []
    for c in contenders:
        emit(ev="start", contender=c.name, phase="prepare")
        try:
            calls[c.name] = [c.prepare(x) for x in inputs]
        except Exception as error:
            emit(ev="error", contender=c.name, reason="preparing the input: " + _reason(error))
            continue
        emit(ev="prepared", contender=c.name)
        alive.append(c)
    phase = "first" if spec["mode"] == "cold" else "warmup"
    for c in list(alive):
        for i, (x, call) in enumerate(zip(inputs, calls[c.name])):
            emit(ev="start", contender=c.name, phase=phase, input=i)
            try:
                out, cpu, wall = timed(call)
                canon = c.canon(out, x) if (c.canon is not None and phase == "warmup") else None
            except Exception as error:
                emit(ev="error", contender=c.name, reason=_reason(error))
                alive.remove(c)
                break
            emit(ev="done", contender=c.name, phase=phase, input=i, cpu=cpu, wall=wall, canon=canon)
    if spec["mode"] == "warm":
        dead: set[str] = set()
        for r, name in interleave([c.name for c in alive], spec["rounds"]):
            if name in dead:
                continue
            for i, call in enumerate(calls[name]):
                emit(ev="start", contender=name, phase="round", round=r, input=i)
                try:
                    _, cpu, wall = timed(call)
                except Exception as error:
                    emit(ev="error", contender=name, reason=_reason(error))
                    dead.add(name)
                    break
                emit(ev="done", contender=name, phase="round", round=r, input=i, cpu=cpu, wall=wall)
    emit(ev="end", maxrss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    main()
