"""Equilibria as plain lists, and how two lists of them are matched (with a tolerance).

Every contender's result is turned into a list of profiles, each a list of one
mixed strategy (a list of floats) per player, so that the parent process can
compare contenders that ran in another process.
"""

from __future__ import annotations

from typing import Any

ATOL = 1e-6


def from_ours(eqs: Any, _input: Any = None) -> list:
    """negotiation_sim's ``EquilibriumSet`` (``eq.strategies``)."""
    return [[[float(p) for p in s] for s in eq.strategies] for eq in eqs]


def gambit_profiles(game: Any, profiles: Any) -> list:
    """pygambit mixed-strategy profiles of ``game`` (any number of players)."""
    return [[[float(eq[p][s]) for s in game.get_strategies(p)] for p in game.players] for eq in profiles]


def arrays(profiles: Any, _input: Any = None) -> list:
    """Tuples of arrays, one per player (QuantEcon, nashpy)."""
    return [[[float(p) for p in s] for s in prof] for prof in profiles]


def _close(a: list, b: list, atol: float) -> bool:
    return len(a) == len(b) and all(
        len(x) == len(y) and all(abs(u - v) <= atol for u, v in zip(x, y)) for x, y in zip(a, b))


def unique(profiles: list, atol: float = ATOL) -> list:
    """``profiles`` without repeats (within ``atol``), in their first order."""
    out: list = []
    for p in profiles:
        if not any(_close(p, q, atol) for q in out):
            out.append(p)
    return out


def compare(found: list, reference: list, atol: float = ATOL) -> tuple[int, int]:
    """(missed, extra): reference profiles with no match in ``found``, and the reverse (repeats ignored).

    Examples
    --------
    >>> compare([[[1.0, 0.0], [0.0, 1.0]]], [[[1.0, 0.0], [0.0, 1.0]], [[0.5, 0.5], [0.5, 0.5]]])
    (1, 0)
    """
    found, reference = unique(found, atol), unique(reference, atol)
    missed = sum(not any(_close(r, f, atol) for f in found) for r in reference)
    extra = sum(not any(_close(f, r, atol) for r in reference) for f in found)
    return missed, extra


def agreement(results: dict[str, list], reference_order: list[str], atol: float = ATOL) -> dict[str, dict]:
    """Per contender, on how many inputs its equilibria are exactly the reference's (within ``atol``).

    The reference is the first name of ``reference_order`` with results.
    """
    ref = next((n for n in reference_order if results.get(n)), None)
    if ref is None:
        return {}
    out = {}
    for name, per_input in results.items():
        if name == ref or not per_input:
            continue
        same = sum(compare(f, r, atol) == (0, 0) for f, r in zip(per_input, results[ref]))
        out[name] = {"note": f"same equilibria as {short(ref)} on {same}/{len(per_input)}",
                     "agree": same, "compared": len(per_input)}
    return out


def short(name: str) -> str:
    """A contender's name up to its first parenthesis or colon."""
    return name.split(" (")[0].split(":")[0]
