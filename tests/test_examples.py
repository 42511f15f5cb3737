"""Every example script runs and every notebook executes top to bottom."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
NOTEBOOKS = sorted(EXAMPLES.rglob("*.ipynb"))


def test_one_script_per_scenario():
    """examples/ has a runnable script for every scenario."""
    import negotiation_sim as ns

    assert {p.stem for p in SCRIPTS} >= set(ns.scenarios.names())


@pytest.fixture(autouse=True)
def _package_importable(monkeypatch):
    """Subprocesses import the package from this checkout even where it is not installed."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("MPLBACKEND", "Agg")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_script_runs(script, tmp_path):
    """The script exits 0 and writes its figure."""
    run = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert list(tmp_path.glob("*.png")), "the script saves a figure"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(notebook):
    """The notebook runs top to bottom without an error."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(notebook, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}
    )
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


def test_scripts_never_write_into_the_directory_they_run_from(tmp_path, monkeypatch):
    """Without an argument, a script writes into $NEGOTIATION_SIM_OUTPUT, else into a new temporary folder."""
    cwd, target = tmp_path / "cwd", tmp_path / "named"
    cwd.mkdir()
    script = EXAMPLES / "marathon_talks.py"
    monkeypatch.setenv("NEGOTIATION_SIM_OUTPUT", str(target))
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=cwd)
    assert run.returncode == 0, run.stderr[-2000:]
    assert list(target.glob("*.png")) and not list(cwd.iterdir())
    monkeypatch.delenv("NEGOTIATION_SIM_OUTPUT")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=cwd)
    assert run.returncode == 0, run.stderr[-2000:]
    written = Path(run.stdout.strip().splitlines()[-1].removeprefix("wrote the figures into "))
    assert list(written.glob("*.png")) and not list(cwd.iterdir())
    assert written.parent == Path(tempfile.gettempdir())
