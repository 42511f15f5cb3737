"""attrs validators shared by the published models.

Each validator raises :class:`~negotiation_sim.errors.InvalidParameterError`
naming the parameter, what was expected and the value that came, so that a
seminar user who types ``Fearon(p=1.2, ...)`` reads ``p must be a probability
in [0, 1], got 1.2`` rather than a numpy traceback.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from negotiation_sim.errors import InvalidParameterError

__all__ = [
    "check_real",
    "finite",
    "nonnegative",
    "positive",
    "positive_int",
    "probability",
    "unit_open",
]


def check_real(name: str, value: Any) -> float:
    """Return ``value`` as a float, or raise naming ``name`` when it is not a finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"{name} must be a real number, got {value!r} ({type(value).__name__})"
        raise InvalidParameterError(msg)
    out = float(value)
    if not math.isfinite(out):
        msg = f"{name} must be finite, got {value!r}"
        raise InvalidParameterError(msg)
    return out


def _fail(name: str, expected: str, value: Any) -> None:
    msg = f"{name} must be {expected}, got {value!r}"
    raise InvalidParameterError(msg)


def finite(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a finite real number."""
    check_real(attribute.name, value)


def probability(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a probability in [0, 1]."""
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


def positive_int(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        _fail(attribute.name, "an integer >= 1", value)
