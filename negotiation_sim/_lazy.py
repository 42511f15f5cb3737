"""Lazy package namespaces (PEP 562): a public name is imported on first access.

``import negotiation_sim`` then costs almost nothing: pandas, scipy and
matplotlib load only when a name that needs them is first used. Each
package's ``__init__`` lists its exports (name -> submodule) for
:func:`lazy_exports` and imports the same names under ``TYPE_CHECKING`` so
that mypy and IDEs see them.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


class _LazyPackage(types.ModuleType):
    """A lazy package that pickles by name (see :meth:`__reduce__`)."""

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # By name, as cloudpickle pickles a module (dask ships a notebook's `build` that
        # refers to `ns` this way); its table is keyed by the exact type ModuleType.
        return importlib.import_module, (self.__name__,)


def lazy_exports(
    package: str, exports: Mapping[str, str], modules: Iterable[str] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of a lazy package.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : mapping of str to str
        Public name -> the submodule (relative to ``package``) that defines it.
    modules : iterable of str
        Public submodules (``ns.models``); any other submodule is also
        importable as an attribute, as it was when the ``__init__`` imported it.

    Returns
    -------
    tuple of callable
        ``(__getattr__, __dir__)`` to assign in the package's namespace.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.NormalFormGame.__name__, "solve" in dir(ns)
    ('NormalFormGame', True)
    """
    exports = dict(exports)
    modules = frozenset(modules)
    pkg = sys.modules[package]
    pkg.__class__ = _LazyPackage
    namespace = pkg.__dict__

    def __getattr__(name: str) -> Any:
        if name in exports:
            value = getattr(importlib.import_module(f"{package}.{exports[name]}"), name)
        elif name in modules or (
            not name.startswith("__") and importlib.util.find_spec(f"{package}.{name}") is not None
        ):
            value = importlib.import_module(f"{package}.{name}")
        else:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        namespace[name] = value  # cached: later lookups do not come back here
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *exports, *modules})

    return __getattr__, __dir__
