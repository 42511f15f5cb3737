"""Validation of numeric options (counts, step sizes, precisions) with errors that name them."""

from __future__ import annotations

from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidParameterError

__all__ = ["positive_int", "number_in"]


def positive_int(value: Any, name: str) -> int:
    """``value`` as an int if it is a positive integer (not a bool), else an error naming ``name``.

    Examples
    --------
    >>> positive_int(3, "rounds")
    3
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
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
    try:
        v = float(value)
    except (TypeError, ValueError):
        msg = f"{name} must be a number, not {type(value).__name__}"
        raise InvalidParameterError(msg) from None
    if not (np.isfinite(v) and (v > low if low_open else v >= low) and v <= high):
        bracket = "(" if low_open else "["
        msg = f"{name} must be a finite number in {bracket}{low}, {high}], got {value!r}"
        raise InvalidParameterError(msg)
    return v
