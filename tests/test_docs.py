"""The documentation site: every public name has a reference entry, and the site builds with -W."""

from __future__ import annotations

import importlib
import os
import pathlib
import re
import subprocess
import sys

import pytest

import negotiation_sim as ns

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SUBPACKAGES = ("games", "solvers", "models", "analysis", "scenarios", "plotting", "io", "actors", "errors")
SUBPACKAGES += ("estimate",)


def _reference_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((DOCS / "reference").glob("*.md")))


def _mentioned(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text) is not None


def test_every_top_level_name_has_a_reference_entry():
    """Each name in ``negotiation_sim.__all__`` appears in some page under docs/reference/."""
    text = _reference_text()
    missing = [name for name in ns.__all__ if not _mentioned(name, text)]
    assert not missing, f"not in docs/reference/*.md (run docs/_tools/generate_reference.py): {missing}"


@pytest.mark.parametrize("sub", SUBPACKAGES)
def test_every_subpackage_name_has_an_autodoc_entry(sub):
    """Each name in a subpackage's ``__all__`` has an autodoc directive on its reference page."""
    try:
        mod = importlib.import_module(f"negotiation_sim.{sub}")
    except ImportError:
        pytest.skip(f"negotiation_sim.{sub} is not in this checkout")
    page = DOCS / "reference" / f"{sub}.md"
    assert page.exists(), f"docs/reference/{sub}.md is missing"
    text = page.read_text(encoding="utf-8")
    missing = [
        n for n in getattr(mod, "__all__", [])
        if not re.search(rf"\.\. auto\w+:: negotiation_sim\.{sub}(\.\w+)*\.{re.escape(n)}\s*$", text, re.M)
        and not isinstance(getattr(mod, n), type(ns))
    ]
    assert not missing, f"no autodoc entry in docs/reference/{sub}.md for {missing}"


def test_the_site_builds_without_warnings(tmp_path):
    """``sphinx-build -W`` succeeds, executing every tutorial and how-to page (a cell error fails it)."""
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_nb")
    pytest.importorskip("sphinx_book_theme")
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
           "-D", "nb_execution_mode=force", "-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / "html")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=900, env=env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (tmp_path / "html" / "index.html").exists()
