"""The package's validation: numbers, counts, tolerances, and the attrs validators of the models.

A value of the wrong type raises :class:`~negotiation_sim.errors.InvalidParameterTypeError`
(also a ``TypeError``); a value of the right type out of range raises
:class:`~negotiation_sim.errors.InvalidParameterError` (also a ``ValueError``). Every
message names the argument, what was expected and the value that came, so that a
seminar user who types ``Fearon(p=1.2, ...)`` reads ``p must be a probability
in [0, 1], got 1.2`` rather than a numpy traceback.

Functions take ``(value, name)`` and return the checked value; the attrs
validators (``finite``, ``probability``, ...) take attrs' ``(instance,
attribute, value)`` and check the same way.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidParameterError, InvalidParameterTypeError

__all__ = [
    "check_real",
    "finite",
    "interval_text",
    "is_number",
    "nonnegative",
    "number_in",
    "positive",
    "positive_count",
    "positive_int",
    "probability",
    "tolerance",
    "unit_open",
]


def is_number(value: Any) -> bool:
    """Whether ``value`` is a real number (Python or numpy), booleans excluded.

    Examples
    --------
    >>> is_number(2), is_number(np.float32(0.5)), is_number(True), is_number("1")
    (True, True, False, False)
    """
    return not isinstance(value, (bool, np.bool_)) and isinstance(value, (Real, np.floating, np.integer))


def _number(value: Any, name: str) -> float:
    if not is_number(value):
        msg = f"{name} must be a number, got {value!r} ({type(value).__name__})"
        raise InvalidParameterTypeError(msg)
    return float(value)


def interval_text(low: float, high: float, low_open: bool = False, high_open: bool = False) -> str:
    """An interval as the messages write it: ``(0, inf]``, ``[0, 1]``.

    Examples
    --------
    >>> interval_text(0.0, 1.0), interval_text(0.0, math.inf, low_open=True)
    ('[0, 1]', '(0, inf]')
    """
    return f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"


def positive_int(value: Any, name: str) -> int:
    """``value`` as an int if it is a positive integer (not a bool), else an error naming ``name``.

    Examples
    --------
    >>> positive_int(3, "rounds")
    3
    >>> positive_int("3", "rounds")
    Traceback (most recent call last):
    ...
    negotiation_sim.errors.InvalidParameterTypeError: rounds must be a positive integer, got '3' (str)
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        msg = f"{name} must be a positive integer, got {value!r} ({type(value).__name__})"
        raise InvalidParameterTypeError(msg)
    if value < 1:
        msg = f"{name} must be a positive integer, got {value!r}"
        raise InvalidParameterError(msg)
    return int(value)


def number_in(value: Any, name: str, low: float, high: float = np.inf, low_open: bool = True,
              *, high_open: bool = False) -> float:
    """``value`` as a finite float in ``(low, high]`` (or ``[low, high]``), else an error naming ``name``.

    ``low_open`` and ``high_open`` say whether each bound is excluded.

    Examples
    --------
    >>> number_in(0.5, "step", 0.0, 1.0)
    0.5
    >>> number_in(1.0, "share", 0.0, 1.0, high_open=True)
    Traceback (most recent call last):
    ...
    negotiation_sim.errors.InvalidParameterError: share must be a finite number in (0, 1), got 1.0
    """
    v = _number(value, name)
    below = v <= low if low_open else v < low
    above = v >= high if high_open else v > high
    if not math.isfinite(v) or below or above:
        msg = f"{name} must be a finite number in {interval_text(low, high, low_open, high_open)}, got {value!r}"
        raise InvalidParameterError(msg)
    return v


def tolerance(value: Any, default: float, name: str = "tol", high: float = 1e-2) -> float:
    """A relative tolerance: ``default`` when ``value`` is None, else a number in (0, high].

    Examples
    --------
    >>> tolerance(None, 1e-9), tolerance(1e-6, 1e-9)
    (1e-09, 1e-06)
    >>> tolerance(-1e-9, 1e-9)
    Traceback (most recent call last):
    ...
    negotiation_sim.errors.InvalidParameterError: tol must be a positive number at most 0.01 (relative ...
    """
    if value is None:
        return default
    v = _number(value, name)
    if not (math.isfinite(v) and 0.0 < v <= high):
        msg = f"{name} must be a positive number at most {high} (relative to the payoff spread), got {value!r}"
        raise InvalidParameterError(msg)
    return v


def check_real(name: str, value: Any) -> float:
    """``value`` as a float, or an error naming ``name`` when it is not a finite real number.

    Examples
    --------
    >>> check_real("cost", 2)
    2.0
    >>> check_real("cost", float("inf"))
    Traceback (most recent call last):
    ...
    negotiation_sim.errors.InvalidParameterError: cost must be finite, got inf
    """
    out = _number(value, name)
    if not math.isfinite(out):
        msg = f"{name} must be finite, got {value!r}"
        raise InvalidParameterError(msg)
    return out


# attrs validators: `attrs.field(validator=probability)` checks the field by its name.
def _fail(name: str, expected: str, value: Any) -> None:
    msg = f"{name} must be {expected}, got {value!r}"
    raise InvalidParameterError(msg)


def finite(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a finite real number."""
    check_real(attribute.name, value)


def probability(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a probability in [0, 1].

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.models.Fearon(p=1.2, cost_a=0.1, cost_b=0.1)
    Traceback (most recent call last):
    ...
    negotiation_sim.errors.InvalidParameterError: p must be a probability in [0, 1], got 1.2
    """
    if not 0.0 <= check_real(attribute.name, value) <= 1.0:
        _fail(attribute.name, "a probability in [0, 1]", value)


def unit_open(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a number strictly between 0 and 1 (a discount factor)."""
    if not 0.0 < check_real(attribute.name, value) < 1.0:
        _fail(attribute.name, "strictly between 0 and 1", value)


def nonnegative(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a finite number >= 0 (a cost)."""
    if check_real(attribute.name, value) < 0.0:
        _fail(attribute.name, "non-negative (a cost is entered as a positive number)", value)


def positive(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a finite number > 0."""
    if check_real(attribute.name, value) <= 0.0:
        _fail(attribute.name, "positive", value)


def positive_count(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a positive integer (a count, a horizon), checked by :func:`positive_int`."""
    positive_int(value, attribute.name)
