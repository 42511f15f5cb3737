"""Write docs/reference/*.md: one autodoc entry for every public name.

Run from the repository root after a package's ``__all__`` changes::

    python docs/_tools/generate_reference.py

Each object is documented once, under the subpackage that exports it
(``negotiation_sim.solvers.solve``); the index page maps the top-level names
(``ns.solve``) to those entries, so every name in ``negotiation_sim.__all__``
appears in the reference (tests/test_docs.py checks it).
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import sys
import types

# NS_ROOT: document another checkout (e.g. a trial merge of branches); default this one.
ROOT = os.environ.get("NS_ROOT") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)
OUT = os.path.join(HERE, "reference")

# (subpackage, title, introduction); the order is the order of the site's reference.
PAGES = [
    ("games", "Games", "Game representations: normal form, game trees, signalling and Bayesian games."),
    ("solvers", "Solvers", "One entry point, `solve`, and the algorithms it dispatches to. Every equilibrium they "
     "return has been verified (its regret is below the tolerance it records)."),
    ("models", "Published models", "Closed-form models from the literature on coercive bargaining; each is a frozen "
     "value class whose `solve()` returns a frozen result. See {doc}`../explanation/models`."),
    ("actors", "Actors", "The article's four actors, their documented parameters and the payoff formula of a "
     "two-sided standoff. See {doc}`../explanation/framing`."),
    ("scenarios", "Scenarios", "The article's scenarios, one module each. Every scenario has documented parameters, "
     "`with_params`, `solve()`, `sweep()`, `explain()` and `plot()`."),
    ("analysis", "Analysis", "Parameter sweeps, simulations of learning dynamics, Monte Carlo and repeated crises."),
    ("estimate", "Estimation", "Fitting crisis models to observed crises: strategic logit and probit of small crisis "
     "trees (Signorino 1999; the trees of the R package `games`), the logit QRE precision of observed play, "
     "synthetic crises and the shipped data set. See {doc}`../how-to/fit-a-crisis-model`."),
    ("plotting", "Plotting", "Every function takes `ax=None`, draws on the given (or a new) matplotlib Axes and "
     "returns it."),
    ("io", "Input and output", "Reading and writing games in Gambit's file formats."),
    ("explore", "Interactive exploration", "Sliders for a scenario's parameters in Jupyter (needs the "
     "`[notebook]` extra)."),
    ("errors", "Errors and warnings", "Every error the library raises is a `NegotiationSimError` that also "
     "subclasses the matching built-in (`ValueError`, `TypeError`, ...)."),
]


def public_names(modname: str) -> list[tuple[str, str]]:
    """``(qualified name, directive)`` for every public name of a subpackage.

    A package with an empty ``__all__`` (``io`` before its facade exists) is
    documented through its submodules' ``__all__``.
    """
    mod = importlib.import_module(modname)
    names = list(getattr(mod, "__all__", []))
    entries = [(f"{modname}.{n}", getattr(mod, n)) for n in names]
    if not names and not hasattr(mod, "__path__"):
        # A plain module without __all__: the public names it defines itself.
        names = [n for n, o in vars(mod).items()
                 if not n.startswith("_") and getattr(o, "__module__", None) == modname]
        entries = [(f"{modname}.{n}", getattr(mod, n)) for n in names]
    if not names and hasattr(mod, "__path__"):
        import pkgutil

        for info in pkgutil.iter_modules(mod.__path__):
            if info.name.startswith("_"):
                continue
            sub = importlib.import_module(f"{modname}.{info.name}")
            entries += [(f"{sub.__name__}.{n}", getattr(sub, n)) for n in getattr(sub, "__all__", [])]
    out = []
    for qual, obj in entries:
        if isinstance(obj, types.ModuleType):
            continue
        if inspect.isclass(obj):
            kind = "autoexception" if issubclass(obj, BaseException) else "autoclass"
        elif callable(obj):
            kind = "autofunction"
        else:
            kind = "autodata"
        out.append((qual, kind))
    return out


# Hand-written reference pages listed after the generated ones (not a subpackage's names).
HAND_WRITTEN = ["outputs"]

# Pages whose names live in a private module behind a top-level name (ns.explore is a function).
PRIVATE_MODULES = {"explore": "_explore"}


def write_page(sub: str, title: str, intro: str) -> list[str]:
    modname = f"negotiation_sim.{PRIVATE_MODULES.get(sub, sub)}"
    entries = public_names(modname)
    shown = f"ns.{sub}" if sub in PRIVATE_MODULES else modname
    lines = [f"# {title}: `{shown}`", "", intro, "", "```{eval-rst}",
             f".. automodule:: {modname}", "   :no-members:", "```", ""]
    lines += ["| name | kind |", "| --- | --- |"]
    lines += [f"| {{py:obj}}`~{q}` | {k.removeprefix('auto')} |" for q, k in entries]
    lines.append("")
    for qual, kind in entries:
        lines += [f"## `{qual.rsplit('.', 1)[1]}`", "", "```{eval-rst}", f".. {kind}:: {qual}"]
        if kind in ("autoclass", "autoexception"):
            lines.append("   :members:")
        lines += ["```", ""]
    with open(os.path.join(OUT, f"{sub}.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return [q for q, _ in entries]


def main() -> None:
    import negotiation_sim as ns

    documented: dict[int, str] = {}
    subs = []
    for sub, title, intro in PAGES:
        if importlib.util.find_spec(f"negotiation_sim.{PRIVATE_MODULES.get(sub, sub)}") is None:
            print(f"skipped negotiation_sim.{sub}: not in this checkout")
            continue
        for qual in write_page(sub, title, intro):
            mod, name = qual.rsplit(".", 1)
            documented.setdefault(id(getattr(importlib.import_module(mod), name)), qual)
        subs.append(sub)
    rows = []
    for name in ns.__all__:
        obj = getattr(ns, name)
        if isinstance(obj, types.ModuleType):
            page = obj.__name__.rsplit(".", 1)[1]
            rows.append(f"| `ns.{name}` | the subpackage, see {{doc}}`{page}` |")
        elif id(obj) in documented:
            rows.append(f"| `ns.{name}` | {{py:obj}}`{documented[id(obj)]}` |")
        else:
            msg = f"ns.{name} is not exported by any documented subpackage; add it to one"
            raise SystemExit(msg)
    lines = [
        "# API reference", "",
        "Every public name, generated from the packages' `__all__` by `docs/_tools/generate_reference.py`",
        "and documented from its numpydoc docstring. `import negotiation_sim as ns` is the convention.", "",
        "## The top-level names (`negotiation_sim.__all__`)", "",
        "| name | documented as |", "| --- | --- |", *rows, "",
        "```{toctree}", ":maxdepth: 1", "", *subs, *HAND_WRITTEN, "```", "",
    ]
    with open(os.path.join(OUT, "index.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    main()
