"""Validation of numeric options (counts, step sizes, precisions) with errors that name them.

A value of the wrong type raises :class:`~negotiation_sim.errors.InvalidParameterTypeError`
(also a ``TypeError``); a value of the right type out of range raises
:class:`~negotiation_sim.errors.InvalidParameterError` (also a ``ValueError``).
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidParameterError, InvalidParameterTypeError

__all__ = ["positive_int", "number_in", "tolerance"]


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
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        msg = f"{name} must be a positive integer, got {value!r} ({type(value).__name__})"
        raise InvalidParameterTypeError(msg)
    if value < 1:
        msg = f"{name} must be a positive integer, got {value!r}"
        raise InvalidParameterError(msg)
    return int(value)


def number_in(value: Any, name: str, low: float, high: float = np.inf, low_open: bool = True) -> float:
    """``value`` as a finite float in ``(low, high]`` (or ``[low, high]``), else an error naming ``name``.

    Examples
    --------
    >>> number_in(0.5, "step", 0.0, 1.0)
    0.5
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.floating, np.integer)):
        msg = f"{name} must be a number, not {type(value).__name__}"
        raise InvalidParameterTypeError(msg)
    v = float(value)
    if not (np.isfinite(v) and (v > low if low_open else v >= low) and v <= high):
        bracket = "(" if low_open else "["
        msg = f"{name} must be a finite number in {bracket}{low}, {high}], got {value!r}"
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
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.floating, np.integer)):
        msg = f"{name} must be a number, not {type(value).__name__}"
        raise InvalidParameterTypeError(msg)
    v = float(value)
    if not (np.isfinite(v) and 0.0 < v <= high):
        msg = f"{name} must be a positive number at most {high} (relative to the payoff spread), got {value!r}"
        raise InvalidParameterError(msg)
    return v
