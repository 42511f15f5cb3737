"""Sphinx configuration for the negotiation_sim documentation site.

Build (warnings are errors, every page is checked). Two editions:

    # instructor edition: everything, with the seminar's worked solutions
    sphinx-build -W --keep-going -b html docs docs/_build/html
    # student edition: the same site without the solutions (tag "student")
    sphinx-build -W --keep-going -t student -b html docs docs/_build/student

In the student edition the pages under ``seminar/solutions/`` are excluded
and every reference to them is taken out of the pages that link them
(:func:`strip_solutions`), so the build stays free of warnings.

Tutorials and some explanation pages are MyST-NB notebooks that are executed
at build time (cached under docs/_build/.jupyter_cache); a failing cell fails
the build. ``-D nb_execution_mode=off`` skips execution (the test suite does
that for its quick build).
"""

from __future__ import annotations

import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
# The docs document the package in this checkout, not an installed copy.
sys.path.insert(0, ROOT)
# Executed notebooks run in a kernel whose cwd is the page's folder: give it the checkout too.
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH", "")) if p)

import negotiation_sim  # noqa: E402  (needs the path set above)

project = "negotiation_sim"
author = "negotiation_sim developers"
copyright = "2026, negotiation_sim developers"
release = negotiation_sim.__version__
version = release

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
]

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints", "jupyter_execute"]

#: The seminar's worked solutions, left out of the student edition (``-t student``).
SOLUTIONS = "seminar/solutions/**"
STUDENT = "tags" in globals() and tags.has("student")  # noqa: F821  (Sphinx injects ``tags`` into conf.py)
if STUDENT:
    exclude_patterns.append(SOLUTIONS)
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb", ".rst": "restructuredtext"}

# Broken cross-references to third-party types in docstrings are not errors
# (nitpicky off); everything else Sphinx warns about is, under -W.
nitpicky = False

# MyST: $...$ and $$...$$ maths, ::: fences, definition lists, heading anchors.
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3

# Notebook execution: cached, a cell error fails the build, a stuck cell times out.
nb_execution_mode = "cache"
nb_execution_timeout = 300
# Keep the cache with the build (the default, beside the output folder, can be shared between checkouts).
nb_execution_cache_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_build", ".jupyter_cache")
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# autodoc + napoleon: the package's docstrings are numpydoc.
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_mock_imports = ["pygambit"]
napoleon_numpy_docstring = True
napoleon_google_docstring = False
# "Attributes" sections become :ivar: fields, so they do not duplicate attrs fields autodoc lists.
napoleon_use_ivar = True
napoleon_use_rtype = False

# No intersphinx: the build must work offline.
# "ref.python": a numpydoc type such as "array_like, shape (n,)" makes Sphinx try to
# cross-reference the word "shape", which several classes define; that is noise, not a broken link.
suppress_warnings = ["config.cache", "ref.python"]

html_theme = "sphinx_book_theme"
html_title = f"negotiation_sim {release}"
html_theme_options = {
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
html_static_path: list[str] = []


def _escape_star_shapes(app, what, name, obj, options, lines):
    """Escape the star in numpydoc types like ``shape (*n_actions, n_players)``.

    reStructuredText reads ``(*n`` as the start of emphasis; the docstrings
    are right for ``help()`` and the doctests, so the fix belongs here.
    """
    for i, line in enumerate(lines):
        if "shape (*" in line:
            lines[i] = line.replace("(*", "(\\*").replace(", *", ", \\*")


_SOLUTION_TEXT = [
    # the seminar index's toctree of solutions
    (re.compile(r"```\{toctree\}\n(?:[^`]*\n)*?:caption: Solutions[^`]*?```\n?"), ""),
    # the "Worked solutions" bullet of the seminar index (up to the next bullet)
    (re.compile(r"- \*\*Worked solutions\*\*.*?(?=\n- )", re.S), ""),
    # each session page's pointer to its solutions
    (re.compile(r"; worked solutions: `[^`]*`\s+and \[the derivations\]\(solutions/[^)]*\)"), ""),
    (re.compile(r"\[([^\]]*)\]\(solutions/[^)]*\)"), r"\1 (instructor edition)"),
]


def strip_solutions(text: str) -> str:
    """A seminar page's source without its references to the worked solutions (student edition)."""
    for pattern, replacement in _SOLUTION_TEXT:
        text = pattern.sub(replacement, text)
    return text


def _student_source(app, docname, source):
    if docname.startswith("seminar/"):
        source[0] = strip_solutions(source[0])


def setup(app):
    app.connect("autodoc-process-docstring", _escape_star_shapes, priority=400)
    if STUDENT:
        app.connect("source-read", _student_source)
