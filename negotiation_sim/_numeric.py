"""Numerical conventions shared by the whole package.

One default tolerance (:data:`DEFAULT_TOL`) is used everywhere a float is
compared: a profile is an equilibrium when each player's regret is at most
:func:`regret_atol` of that player's payoffs, ``DEFAULT_TOL`` times the
player's payoff spread (largest minus smallest payoff), so that adding a
constant to a player's payoffs or scaling them by a positive factor does not
change the answer. The tolerance never falls below the round-off level of
the payoffs' magnitude (:data:`ROUNDOFF` times the largest absolute payoff).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidParameterTypeError

__all__ = ["DEFAULT_TOL", "CLEAN_TOL", "ROUNDOFF", "regret_atol", "clean", "clean_float", "clean_distribution", "clean_rows", "as_rng", "readonly"]

#: Default tolerance on regret, relative to the game's payoff scale.
DEFAULT_TOL: float = 1e-9

#: Round-off below this is cleaned to exactly 0 (and 1 - x to exactly 1).
CLEAN_TOL: float = 1e-12


#: Relative round-off of sums of a few dozen products of payoffs (64 machine epsilons).
ROUNDOFF: float = 64 * float(np.finfo(np.float64).eps)


def regret_atol(values: Any, tol: float, axis: Any = None) -> np.ndarray:
    """Absolute regret tolerance for payoffs ``values``: ``tol`` times their spread along
    ``axis`` (all axes by default), at least :data:`ROUNDOFF` times their largest absolute value.

    Shift- and scale-invariant: adding a constant to the payoffs leaves it unchanged (down to
    round-off), multiplying them by ``c > 0`` multiplies it by ``c``.

    Examples
    --------
    >>> float(regret_atol([[3, 0], [5, 1]], 1e-9))
    5e-09
    >>> bool(regret_atol(np.array([[3, 0], [5, 1]]) + 1e10, 1e-9) < 1e-3)  # (C, C)'s regret 2 is not within it
    True
    """
    arr = np.asarray(values, dtype=np.float64)
    high, low = arr.max(axis=axis), arr.min(axis=axis)
    return np.maximum(tol * (high - low), ROUNDOFF * np.maximum(np.abs(high), np.abs(low)))


def readonly(array: Any) -> np.ndarray:
    """Return a read-only float64 copy of ``array``."""
    out = np.array(array, dtype=np.float64, copy=True)
    out.setflags(write=False)
    return out


def clean(values: Any, tol: float = CLEAN_TOL) -> np.ndarray:
    """Return ``values`` as float64 with round-off cleaned.

    Entries within ``tol`` of an integer are snapped to that integer, so
    ``1e-17`` becomes ``0.0`` and ``0.9999999999999998`` becomes ``1.0``.

    Examples
    --------
    >>> clean([1e-17, 0.9999999999999998, 1 / 3])
    array([0.        , 1.        , 0.33333333])
    """
    arr = np.array(values, dtype=np.float64, copy=True)
    rounded = np.round(arr)
    near = np.abs(arr - rounded) <= tol
    arr[near] = rounded[near]
    arr[arr == 0] = 0.0  # turn -0.0 into 0.0
    return arr


def clean_float(value: float, tol: float = CLEAN_TOL) -> float:
    """:func:`clean` for one float, in plain Python (for the few values of one small result).

    Examples
    --------
    >>> clean_float(0.9999999999999998), clean_float(-1e-17), clean_float(1 / 3)
    (1.0, 0.0, 0.3333333333333333)
    """
    rounded = float(round(value))
    return (rounded if abs(value - rounded) <= tol else value) + 0.0  # + 0.0 turns -0.0 into 0.0


def clean_distribution(values: Any, tol: float = CLEAN_TOL) -> np.ndarray:
    """Clean a probability vector: drop round-off, clip at 0 and renormalise.

    Examples
    --------
    >>> clean_distribution([0.5 + 1e-15, 0.5, -1e-16])
    array([0.5, 0.5, 0. ])
    """
    arr = np.array(values, dtype=np.float64, copy=True)
    arr[np.abs(arr) <= tol] = 0.0
    arr = np.clip(arr, 0.0, None)
    total = arr.sum()
    if total > 0:
        arr = arr / total
    return clean(arr, tol)


def clean_rows(values: np.ndarray, tol: float = CLEAN_TOL) -> np.ndarray:
    """:func:`clean_distribution` applied to every row of a 2-D array at once (same steps).

    Examples
    --------
    >>> clean_rows(np.array([[0.5 + 1e-15, 0.5, -1e-16], [1.0, 1e-13, 0.0]]))
    array([[0.5, 0.5, 0. ],
           [1. , 0. , 0. ]])
    """
    x = np.where(values > tol, values, 0.0)  # round-off and negatives become exact zeros
    total = x.sum(axis=1, keepdims=True)
    total[total == 0] = 1.0
    x /= total
    # A normalised probability can only be near the integers 0 and 1.
    return np.where(x >= 1.0 - tol, 1.0, np.where(x <= tol, 0.0, x))


def as_rng(rng: np.random.Generator | int | None, name: str = "rng") -> np.random.Generator:
    """Normalise ``rng`` (a Generator, a seed or None) to a ``numpy.random.Generator``.

    Examples
    --------
    >>> bool(as_rng(3).integers(10) == as_rng(3).integers(10))
    True
    """
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    if isinstance(rng, np.random.Generator):
        return rng
    msg = f"{name} must be a numpy.random.Generator, an int seed or None, not {type(rng).__name__}"
    raise InvalidParameterTypeError(msg)
