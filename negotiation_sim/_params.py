"""Documented, range-checked parameters for actors and scenarios.

An actor's or a scenario's parameters are attrs fields made by
:func:`parameter`: each carries its meaning, its range, and where it comes
from: a sentence quoted from the article, or an explicit note that it is a
modelling assumption. One mechanism serves both, so every parameter of the
library can be listed in one table (:func:`parameter_table`).
"""

from __future__ import annotations

import functools
import math
from typing import Any

import attrs

from negotiation_sim._validate import interval_text, is_number, number_in
from negotiation_sim.errors import (
    InvalidParameterError,
    InvalidParameterTypeError,
    UnknownNameError,
)

__all__ = [
    "HasParameters",
    "ParamSpec",
    "evolve_params",
    "parameter",
    "parameter_arrays",
    "parameter_specs",
    "parameter_table",
    "parameter_values",
]


@attrs.frozen
class ParamSpec:
    """What a parameter means, its range and its provenance."""

    name: str
    doc: str
    low: float
    high: float
    low_open: bool
    high_open: bool
    quote: str | None
    note: str | None
    integer: bool

    @property
    def range_text(self) -> str:
        return interval_text(self.low, self.high, self.low_open, self.high_open)

    @property
    def provenance(self) -> str:
        """The article's words behind the parameter, or the modelling note."""
        if self.quote:
            from negotiation_sim._prose import quoted

            return quoted(self.quote)
        return f"Modelling assumption: {self.note}"


def _check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    spec: ParamSpec = attribute.metadata["spec"]
    name = f"{type(instance).__name__} parameter {attribute.name!r} ({spec.doc})"
    number_in(value, name, spec.low, spec.high, spec.low_open, high_open=spec.high_open)
    if spec.integer and not float(value).is_integer():
        msg = f"{name} must be a whole number, got {value!r}"
        raise InvalidParameterError(msg)


def parameter(
    default: float,
    *,
    doc: str,
    low: float = -math.inf,
    high: float = math.inf,
    low_open: bool = False,
    high_open: bool = False,
    quote: str | None = None,
    note: str | None = None,
    integer: bool = False,
) -> Any:
    """An attrs field for a documented parameter.

    Parameters
    ----------
    default : float
    doc : str
        What the parameter means, in a few words.
    low, high : float
        Its range; ``low_open``/``high_open`` exclude the bound.
    quote : str, optional
        The article's words behind it, verbatim.
    note : str, optional
        Required when there is no quote: why the parameter is a modelling
        assumption and what its default rests on.
    integer : bool
        Whether it must be a whole number.
    """
    if not quote and not note:
        msg = f"parameter {doc!r} needs a quote from the article or a modelling note"
        raise ValueError(msg)
    spec = ParamSpec("", doc, low, high, low_open, high_open, quote, note, integer)

    def convert(value: Any) -> Any:
        if not is_number(value) or (integer and not float(value).is_integer()):
            return value  # the validator reports it with the parameter's name
        return int(value) if integer else float(value)

    return attrs.field(default=default, converter=convert, validator=_check, metadata={"spec": spec})


def parameter_specs(cls_or_obj: Any) -> dict[str, ParamSpec]:
    """The :class:`ParamSpec` of every documented parameter of an actor or scenario."""
    cls = cls_or_obj if isinstance(cls_or_obj, type) else type(cls_or_obj)
    return dict(_class_specs(cls))


@functools.cache
def _class_specs(cls: type) -> dict[str, ParamSpec]:
    # A class's fields never change: computed once (with_params is called in sweeps and slider bounds).
    return {
        f.name: attrs.evolve(f.metadata["spec"], name=f.name)
        for f in attrs.fields(cls)
        if "spec" in f.metadata
    }


def parameter_values(obj: Any) -> dict[str, float]:
    """``{name: value}`` of every documented parameter of ``obj``."""
    return {name: getattr(obj, name) for name in parameter_specs(obj)}


def evolve_params(obj: Any, **changes: Any) -> Any:
    """A copy of ``obj`` with some parameters changed; unknown names raise :class:`UnknownNameError`."""
    known = parameter_specs(obj)
    others = {f.name for f in attrs.fields(type(obj))} - set(known)
    for name in changes:
        if name not in known and name not in others:
            msg = f"unknown parameter {name!r} of {type(obj).__name__}; its parameters are {sorted(known)}"
            raise UnknownNameError(msg)
    return attrs.evolve(obj, **changes)


def parameter_table(*objects: Any):
    """A pandas DataFrame listing the parameters of actors or scenarios with their provenance.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> table = parameter_table(ns.actors.Russia())
    >>> list(table.columns)
    ['owner', 'parameter', 'value', 'range', 'meaning', 'provenance']
    """
    import pandas as pd

    rows = []
    for obj in objects:
        owner = getattr(obj, "name", type(obj).__name__)
        for name, spec in parameter_specs(obj).items():
            rows.append(
                {
                    "owner": owner,
                    "parameter": name,
                    "value": getattr(obj, name),
                    "range": spec.range_text,
                    "meaning": spec.doc,
                    "provenance": spec.provenance,
                }
            )
    return pd.DataFrame(rows, columns=["owner", "parameter", "value", "range", "meaning", "provenance"])


class HasParameters:
    """What actors and scenarios share: their documented parameters, read and changed by name.

    Mixed into attrs classes whose fields are made by :func:`parameter`.
    """

    @property
    def parameters(self) -> dict[str, float]:
        """``{name: value}`` of every parameter."""
        return parameter_values(self)

    @property
    def specs(self) -> dict[str, ParamSpec]:
        """Meaning, range and provenance of every parameter."""
        return parameter_specs(self)

    @property
    def provenance(self) -> dict[str, str]:
        """``{parameter: the article's sentence behind it (quoted) or the modelling note}``."""
        return {name: spec.provenance for name, spec in self.specs.items()}

    def with_params(self, **changes: Any) -> Any:
        """A copy with some parameters changed (validated; unknown names raise :class:`UnknownNameError`)."""
        return evolve_params(self, **changes)

    def parameter_table(self):
        """A DataFrame of the parameters: value, range, meaning, provenance."""
        return parameter_table(self)

    def _repr_html_(self) -> str:
        import html

        title = getattr(self, "title", "") or getattr(self, "name", type(self).__name__)
        table = parameter_table(self).drop(columns="owner").to_html(index=False, escape=True)
        return f"<p><b>{html.escape(str(title))}</b></p>{table}"


def _check_array(owner: str, spec: ParamSpec, values: Any) -> Any:
    """``values`` as a float array, range-checked as the scalar validator checks one value."""
    import numpy as np

    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{owner} parameter {spec.name!r} must be finite numbers in {spec.range_text}, got {values!r}"
        raise InvalidParameterTypeError(msg) from None
    below = arr <= spec.low if spec.low_open else arr < spec.low
    above = arr >= spec.high if spec.high_open else arr > spec.high
    bad = below | above | ~np.isfinite(arr)
    if spec.integer:
        bad |= np.isfinite(arr) & (arr != np.round(arr))
    if bad.any():
        first = arr[bad].flat[0]
        kind = "whole numbers" if spec.integer else "finite numbers"
        msg = (f"{owner} parameter {spec.name!r} ({spec.doc}) must be {kind} in {spec.range_text}, "
               f"got {float(first)!r} (among {int(bad.sum())} bad values)")
        raise InvalidParameterError(msg)
    return arr


def parameter_arrays(cls: type, values: dict[str, Any]) -> dict[str, Any]:
    """Every documented parameter of ``cls`` as a 1-D float array with one entry per point.

    The given ``values`` (scalars or 1-D arrays) are broadcast together; the
    other parameters take their defaults. Every value is range-checked as a
    single instance's parameter is, and unknown names raise
    :class:`UnknownNameError`. This is what a vectorised builder (e.g.
    :meth:`negotiation_sim.scenarios.EuropeanCrisis.batch`) evaluates its
    formulas on.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> p = parameter_arrays(ns.actors.Russia, {"stake": [1.0, 2.0]})
    >>> p["stake"].tolist(), p["demand"].shape
    ([1.0, 2.0], (2,))
    """
    import numpy as np

    specs = parameter_specs(cls)
    unknown = sorted(set(values) - set(specs))
    if unknown:
        msg = f"unknown parameter {unknown[0]!r} of {cls.__name__}; its parameters are {sorted(specs)}"
        raise UnknownNameError(msg)
    given = {name: _check_array(cls.__name__, specs[name], v) for name, v in values.items()}
    try:
        shape = np.broadcast_shapes((1,), *(a.shape for a in given.values()))
    except ValueError:
        shapes = {name: a.shape for name, a in given.items()}
        msg = f"{cls.__name__} parameters must be scalars or 1-D arrays of one length, got shapes {shapes}"
        raise InvalidParameterError(msg) from None
    if len(shape) != 1:
        msg = f"{cls.__name__} parameters must be scalars or 1-D arrays, got broadcast shape {shape}"
        raise InvalidParameterError(msg)
    defaults = attrs.fields_dict(cls)
    return {
        name: np.broadcast_to(given[name] if name in given else np.float64(defaults[name].default), shape)
        for name in specs
    }
