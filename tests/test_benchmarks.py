"""The benchmark harness's own logic: interleaving, matching equilibria, and a tiny end-to-end run.

No timing is asserted (speed is what ``python -m benchmarks`` measures); only
that the run completes, its output parses and its ratios are positive numbers.
"""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmarks/ is a folder of the checkout, not an installed package
    sys.path.append(str(ROOT))

from benchmarks import equilibria  # noqa: E402
from benchmarks.harness import Row, interleave, ratio_pivot  # noqa: E402


def test_interleave_rotates_the_first_contender_and_runs_each_once_per_round():
    order = list(interleave(["ours", "gambit", "qe"], 4))
    assert order == [(0, "ours"), (0, "gambit"), (0, "qe"),
                     (1, "gambit"), (1, "qe"), (1, "ours"),
                     (2, "qe"), (2, "ours"), (2, "gambit"),
                     (3, "ours"), (3, "gambit"), (3, "qe")]
    for r in range(4):
        assert Counter(n for k, n in order if k == r) == Counter(["ours", "gambit", "qe"])


def test_interleave_edge_cases():
    assert list(interleave([], 3)) == []
    assert list(interleave(["a"], 2)) == [(0, "a"), (1, "a")]
    assert list(interleave(["a", "b"], 0)) == []


def test_compare_counts_missed_and_extra_within_tolerance():
    pure = [[1.0, 0.0], [0.0, 1.0]]
    mixed = [[0.5, 0.5], [0.25, 0.75]]
    near = [[0.5 + 1e-9, 0.5 - 1e-9], [0.25, 0.75]]
    other = [[0.0, 1.0], [1.0, 0.0]]
    assert equilibria.compare([pure, near], [pure, mixed]) == (0, 0)
    assert equilibria.compare([pure], [pure, mixed]) == (1, 0)
    assert equilibria.compare([pure, other], [pure]) == (0, 1)
    assert equilibria.compare([pure, pure, pure], [pure]) == (0, 0)  # repeats are not extra
    assert equilibria.compare([[[0.5, 0.5], [0.2, 0.8]]], [mixed]) == (1, 1)


def test_ratio_pivot_marks_skipped_contenders():
    ours = Row("s", "3x3", "ours", "ours", warm_cpu=[2.0, 2.0])
    peer = Row("s", "3x3", "peer", "peer", warm_cpu=[4.0], ratio_cpu=2.0)
    slow = Row("s", "3x3", "slow", "peer", status="skipped", reason="a call took more than 5 s")
    header, body = ratio_pivot([ours, peer, slow])
    assert header == ["contender", "3x3"]
    assert body == [["ours", "1 (2.00 s)"], ["peer", "2"], ["slow", "skipped"]]


def test_quick_run_parses_and_gives_positive_ratios(tmp_path):
    """``python -m benchmarks --quick`` on a tiny QRE case: cold and warm rows, JSON and Markdown written."""
    out_json, out_md = tmp_path / "b.json", tmp_path / "b.md"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--sections", "qre", "--qre-shapes", "2x2",
         "--qre-games", "1", "--rounds", "2", "--cold", "first", "--budget", "60",
         "--out", str(out_json), "--out", str(out_md)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=280)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Ratios peer / ours" in proc.stdout
    data = json.loads(out_json.read_text())
    rows = data["sections"][0]["rows"]
    by = {r["contender"]: r for r in rows}
    ours = next(r for r in rows if r["role"] == "ours")
    assert ours["status"] == "ok" and ours["median_cpu"] > 0 and len(ours["warm_cpu"]) == 2
    assert ours["cold_first_wall"] > 0 and ours["cold_import_wall"] > 0
    gambit = by["pygambit logit_solve"]
    if gambit["status"] == "ok":  # pygambit is in the test extra; a skip would carry its reason
        assert gambit["ratio_cpu"] > 0 and gambit["ratio_wall"] > 0
        assert "same limit as ours" in gambit["note"]
    else:
        assert gambit["reason"]
    md = out_md.read_text()
    assert md.startswith("# Benchmarks") and "| contender |" in md
