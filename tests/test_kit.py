"""The seminar kit a teacher runs: install lines that work from a checkout, and a student docs edition."""

from __future__ import annotations

import configparser
import pathlib
import re
import runpy

import pytest

from negotiation_sim.errors import MissingDependencyError

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXTRAS = configparser.ConfigParser()
EXTRAS.read(ROOT / "setup.cfg")


def extra(name: str) -> str:
    return EXTRAS["options.extras_require"][name]


class _Tags:
    def __init__(self, *names: str):
        self.names = set(names)

    def has(self, name: str) -> bool:
        return name in self.names


def conf(*tags: str) -> dict:
    """docs/conf.py executed as Sphinx executes it, with these tags (-t NAME)."""
    return runpy.run_path(str(DOCS / "conf.py"), init_globals={"tags": _Tags(*tags)})


def source_docs(cfg: dict) -> set[str]:
    """The documents Sphinx would read under ``cfg`` (its own matcher over exclude_patterns)."""
    from sphinx.util.matching import Matcher

    excluded = Matcher(cfg["exclude_patterns"])
    docs = {p.relative_to(DOCS).with_suffix("").as_posix() for p in DOCS.rglob("*.md")}
    return {d for d in docs if not excluded(d + ".md")}


def test_install_lines_in_the_docs_work_from_a_checkout():
    """No page tells users to install negotiation_sim[...] from an index; the kit's line is pip install -e."""
    for page in [*DOCS.rglob("*.md"), ROOT / "CONTRIBUTING.md"]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"pip install \S*negotiation[-_]sim\[", text), page
    assert "pip install -e '.[notebook]'" in (DOCS / "seminar" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("what, package, name", [("ns.explore", "ipywidgets", "notebook"),
                                                  ("method 'gambit'", "pygambit", "gambit")])
def test_missing_dependency_hint_names_a_real_extra(what, package, name):
    """The hint is pip install -e '.[extra]', and that extra really installs the package."""
    text = str(MissingDependencyError.for_extra(what, package, name))
    assert f"pip install -e '.[{name}]'" in text and "repository root" in text
    assert package in extra(name)


def test_explore_hint_is_the_checkout_line(monkeypatch):
    """Without ipywidgets, ns.explore's error carries the working install line."""
    import builtins

    import negotiation_sim as ns

    real_import = builtins.__import__

    def no_widgets(name, *args, **kwargs):
        if name == "ipywidgets":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_widgets)
    with pytest.raises(MissingDependencyError, match=re.escape("pip install -e '.[notebook]'")):
        ns.explore(ns.scenarios.get("marathon_talks"))


def test_student_edition_has_no_solution_page():
    """With -t student no page under seminar/solutions is a source; without it every one is."""
    pytest.importorskip("sphinx")
    solutions = {p.relative_to(DOCS).with_suffix("").as_posix() for p in (DOCS / "seminar" / "solutions").glob("*.md")}
    assert solutions, "the kit has solution pages"
    student, instructor = source_docs(conf("student")), source_docs(conf())
    assert not student & solutions
    assert solutions <= instructor
    assert "seminar/index" in student and "tutorials/chance-and-information-sets" in student


def test_student_edition_pages_do_not_link_the_solutions():
    """The student edition's seminar pages, as Sphinx reads them, neither link nor list a solution page."""
    cfg = conf("student")
    for page in (DOCS / "seminar").glob("*.md"):
        text = cfg["strip_solutions"](page.read_text(encoding="utf-8"))
        assert "solutions/" not in text, page.name
    index = cfg["strip_solutions"]((DOCS / "seminar" / "index.md").read_text(encoding="utf-8"))
    assert "{toctree}" in index and "session1_credible_threats" in index  # the sessions stay


def test_instructor_edition_is_unchanged():
    """Without the tag nothing is excluded beyond the build folders and nothing is rewritten."""
    cfg = conf()
    assert cfg["SOLUTIONS"] not in cfg["exclude_patterns"] and cfg["STUDENT"] is False
