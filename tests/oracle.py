"""pygambit as an independent oracle for the tests.

pygambit 17 labels players and strategies with strings; these adapters turn
numpy payoff arrays into Gambit games and Gambit's answers back into lists of
numpy strategy profiles, so that tests compare like with like.
"""

from __future__ import annotations

import numpy as np
import pytest

gbt = pytest.importorskip("pygambit")


def gambit_game(payoffs: np.ndarray):
    """A Gambit strategic game from a payoff tensor of shape (*n_actions, n_players)."""
    payoffs = np.asarray(payoffs, dtype=float)
    n = payoffs.shape[-1]
    return gbt.StrategicGame.from_arrays(*[payoffs[..., i] for i in range(n)])


def _profiles(game, equilibria) -> list[tuple[np.ndarray, ...]]:
    out = []
    for eq in equilibria:
        out.append(
            tuple(
                np.array([float(eq[p][s]) for s in game.get_strategies(p)])
                for p in game.players
            )
        )
    return out


def enummixed(payoffs: np.ndarray) -> list[tuple[np.ndarray, ...]]:
    """Every extreme equilibrium of a 2-player game, by Gambit's exact enumeration (rationals)."""
    game = gambit_game(payoffs)
    return _profiles(game, gbt.nash.enummixed_solve(game, rational=True).equilibria)


def enumpure(payoffs: np.ndarray) -> list[tuple[np.ndarray, ...]]:
    """Every pure equilibrium of an N-player game, by Gambit's enumpure_solve."""
    game = gambit_game(payoffs)
    return _profiles(game, gbt.nash.enumpure_solve(game).equilibria)


def same_profile_sets(ours, theirs, atol: float = 1e-6) -> tuple[list, list]:
    """Match two lists of profiles; return (missed by ours, spurious in ours)."""

    def close(a, b):
        return all(np.allclose(x, y, atol=atol, rtol=0) for x, y in zip(a, b))

    missed = [t for t in theirs if not any(close(o, t) for o in ours)]
    spurious = [o for o in ours if not any(close(o, t) for t in theirs)]
    return missed, spurious


def enummixed_exact(A, B) -> set[tuple[tuple, tuple]]:
    """Gambit's rational enumeration of a bimatrix game as a set of profiles of Fractions.

    ``A`` and ``B`` may hold ints, Fractions or floats (Gambit reads a float as its decimal).
    """
    from fractions import Fraction

    A, B = np.asarray(A), np.asarray(B)
    if A.dtype == object or B.dtype == object:  # Fractions: give Gambit exact rationals
        A = np.vectorize(lambda v: gbt.Rational(Fraction(v).numerator, Fraction(v).denominator),
                         otypes=[object])(A)
        B = np.vectorize(lambda v: gbt.Rational(Fraction(v).numerator, Fraction(v).denominator),
                         otypes=[object])(B)
    game = gbt.StrategicGame.from_arrays(A, B)
    out = set()
    for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        out.add(tuple(tuple(Fraction(str(eq[p][s])) for s in game.get_strategies(p)) for p in game.players))
    return out
