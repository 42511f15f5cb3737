"""Sphinx configuration for the negotiation_sim documentation site.

Build (warnings are errors, every page is checked):

    sphinx-build -W --keep-going -b html docs docs/_build/html

Tutorials and some explanation pages are MyST-NB notebooks that are executed
at build time (cached under docs/_build/.jupyter_cache); a failing cell fails
the build. ``-D nb_execution_mode=off`` skips execution (the test suite does
that for its quick build).
"""

from __future__ import annotations

import os
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


def setup(app):
    app.connect("autodoc-process-docstring", _escape_star_shapes, priority=400)
