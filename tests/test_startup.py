"""Start-up: the packages import their public names lazily, and heavy libraries only on use."""

import importlib
import inspect
import subprocess
import sys
import types

import pytest

import negotiation_sim as ns

PACKAGES = [
    "negotiation_sim", "negotiation_sim.analysis", "negotiation_sim.estimate", "negotiation_sim.games",
    "negotiation_sim.io", "negotiation_sim.models", "negotiation_sim.plotting", "negotiation_sim.scenarios",
    "negotiation_sim.solvers",
]
HEAVY = ("pandas", "scipy", "matplotlib", "ipywidgets", "statsmodels", "pygambit")


def loaded_after(code: str) -> list[str]:
    """The heavy libraries and lazy subpackages a fresh interpreter holds after running ``code``."""
    watch = (*HEAVY, "negotiation_sim.analysis", "negotiation_sim._explore")
    probe = f"{code}\nimport sys\nprint(sorted(m for m in {watch!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return eval(out.stdout)  # a printed list of str


def test_import_loads_no_heavy_library():
    """`import negotiation_sim` loads neither pandas, scipy, matplotlib nor the sweep or explorer modules."""
    assert loaded_after("import negotiation_sim") == []


def test_games_and_solve_load_no_heavy_library():
    """Building and solving a normal-form game needs numpy only."""
    code = ("import negotiation_sim as ns\n"
            "g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])\n"
            "assert len(ns.solve(g)) == 1 and len(ns.solve(g, method='pure')) == 0")
    assert loaded_after(code) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_is_importable(package):
    """Each name of ``__all__`` is an attribute, importable with ``from ... import``, and listed by dir()."""
    pkg = importlib.import_module(package)
    assert len(pkg.__all__) == len(set(pkg.__all__))
    assert set(pkg._EXPORTS) <= set(pkg.__all__)  # no export is left out of __all__
    for name in pkg.__all__:
        assert getattr(pkg, name) is not None
        namespace: dict = {}
        exec(f"from {package} import {name}", namespace)  # the statement itself, not importlib
        assert namespace[name] is getattr(pkg, name)
    assert set(pkg.__all__) <= set(dir(pkg))


def test_unknown_names_raise_attribute_error():
    """A name the package does not have is an AttributeError naming it (hasattr stays usable)."""
    with pytest.raises(AttributeError, match="'negotiation_sim' has no attribute 'nope'"):
        ns.nope  # noqa: B018
    assert not hasattr(ns.solvers, "nope")


def test_no_function_shadows_its_module():
    """No package attribute shares its name with a submodule unless it is that submodule:
    ``import negotiation_sim.x.y as m`` always gives a module (the modules behind functions
    of the same name are private, ``_y``)."""
    import pkgutil

    clashes = []
    for info in pkgutil.walk_packages(ns.__path__, "negotiation_sim."):
        parent, _, leaf = info.name.rpartition(".")
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        if getattr(importlib.import_module(parent), leaf) is not module:
            clashes.append(info.name)
    assert clashes == []
    assert inspect.isfunction(ns.solvers.vertex_enumeration) and inspect.isfunction(ns.scenarios.mediation)
    assert isinstance(ns.models, types.ModuleType) and ns.models.Mediation.__name__ == "Mediation"
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("negotiation_sim.solvers.vertex_enumeration")


def test_packages_pickle_by_name():
    """A lazy package pickles as a reference to itself, so dask can ship functions that use ``ns``."""
    import pickle

    assert pickle.loads(pickle.dumps(ns.solvers)) is ns.solvers
    cloudpickle = pytest.importorskip("cloudpickle")

    def build(t):
        return ns.NormalFormGame.from_arrays([[t, 0], [0, 1]], [[1, 0], [0, t]])

    assert cloudpickle.loads(cloudpickle.dumps(build))(2.0).payoffs[0, 0, 0] == 2.0
