"""The extra exercises of docs/seminar/exercises_correlation.md (France as the correlation device).

Each answer the page states is computed with ``negotiation_sim`` and compared with a computation by hand written
here (Aumann's 1974 Chicken), never with numbers copied from the library's output.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import negotiation_sim as ns

PAGE = (Path(__file__).resolve().parents[1] / "docs" / "seminar" / "exercises_correlation.md").read_text()
U_RUSSIA = np.array([[6, 2], [7, 0]])
U_WEST = np.array([[6, 7], [2, 0]])


def game():
    return ns.NormalFormGame.from_arrays(U_RUSSIA, U_WEST, players=("Russia", "West"),
                                         actions=(("Hold back", "Escalate"), ("Hold back", "Escalate")))


def obeys(p: np.ndarray) -> bool:
    """Both sides' obedience conditions for a lottery p over (Russia, West) plans, written out."""
    for told in range(2):
        other = 1 - told
        russia_obeys = p[told] @ U_RUSSIA[told] >= p[told] @ U_RUSSIA[other] - 1e-12
        west_obeys = p[:, told] @ U_WEST[:, told] >= p[:, told] @ U_WEST[:, other] - 1e-12
        if not (russia_obeys and west_obeys):
            return False
    return True


def test_exercise_c1_nash():
    """C.1: pure equilibria (7, 2) and (2, 7); mixed: hold back with 2/3, payoff 14/3, war 1/9."""
    eqs = ns.solve(game(), exact=True)
    pays = sorted(e.exact_payoffs for e in eqs)
    assert pays == [(2, 7), (Fraction(14, 3), Fraction(14, 3)), (7, 2)]
    mixed = [e for e in eqs if not e.is_pure][0]
    # Indifference by hand: 6q + 2(1 - q) = 7q gives q = 2/3.
    assert mixed.exact_strategies[0] == (Fraction(2, 3), Fraction(1, 3))
    assert mixed.exact_strategies[0][1] * mixed.exact_strategies[1][1] == Fraction(1, 9)
    assert "14/3" in PAGE and "1/9" in PAGE


def test_exercise_c2_frances_lottery():
    """C.2: Aumann's 1/3-1/3-1/3 lottery is obeyed (4 > 3.5 after 'Hold back', 7 > 6 after 'Escalate'),
    gives 5 each and no war."""
    p = np.array([[1, 1], [1, 0]]) / 3
    assert obeys(p)
    assert (p * U_RUSSIA).sum() == pytest.approx(5) and (p * U_WEST).sum() == pytest.approx(5)
    assert (6 + 2) / 2 == 4 and (7 + 0) / 2 == 3.5
    ce = ns.correlated_equilibrium(game())
    assert ce.payoffs.sum() >= 10 - 1e-9  # France can do at least as well as the 1/3 lottery
    assert "**5**" in PAGE


def test_exercise_c3_best_lottery():
    """C.3: maximising 12a + 9(b + c) subject to 2b >= a, 2c >= a (told 'Hold back') and a + b + c = 1
    gives a = 1/2, b = c = 1/4 and 21/4 each; the binding constraints are 'told Hold back' for both."""
    best = max(((a, (1 - a) / 2) for a in np.linspace(0, 1, 10001) if 2 * (1 - a) / 2 >= a - 1e-12),
               key=lambda t: 12 * t[0] + 18 * t[1])
    assert best[0] == pytest.approx(0.5, abs=1e-4)
    ce = ns.correlated_equilibrium(game())
    assert np.allclose(ce.distribution, [[0.5, 0.25], [0.25, 0]])
    assert np.allclose(ce.payoffs, [21 / 4, 21 / 4])
    assert set(ce.binding) == {("Russia", "Hold back", "Escalate"), ("West", "Hold back", "Escalate")}
    assert "21/4 = 5.25" in PAGE


def test_exercise_c3_region():
    """C.3(c): the region's corners are (2, 7), (3.6, 3.6), (7, 2), (5.25, 5.25) and the Nash payoffs lie inside."""
    from negotiation_sim.solvers.correlated import ce_payoff_region

    corners = sorted(map(tuple, ce_payoff_region(game()).round(9).tolist()))
    assert corners == [(2, 7), (3.6, 3.6), (5.25, 5.25), (7, 2)]
    # The lowest corner by hand: minimise 12a + 9(b + c) with a = 0, b = c, d = 1 - 2b and b >= 2d (told
    # 'Escalate' the side must still prefer it): b = 2/5, d = 1/5, 9 * 2/5 = 3.6 each.
    assert 9 * 0.4 == pytest.approx(3.6)
    ax = ns.plotting.payoff_region(game())
    assert ax.get_xlabel() == "Russia's payoff"
    assert "(3.6, 3.6)" in PAGE


def test_exercise_c4_public_announcement():
    """C.4: a public lottery can only mix Nash equilibria, so its best total is the largest Nash total,
    28/3 (the mixed one: 2 * 14/3); a coin between the pure ones gives 9; privacy adds 21/2 - 28/3 = 7/6."""
    eqs = ns.solve(game(), exact=True)
    assert max(sum(e.exact_payoffs) for e in eqs) == Fraction(28, 3)
    coin = (U_RUSSIA[1, 0] + U_RUSSIA[0, 1]) / 2, (U_WEST[1, 0] + U_WEST[0, 1]) / 2
    assert coin == (4.5, 4.5)
    best = ns.correlated_equilibrium(game()).payoffs.sum()
    assert best - 28 / 3 == pytest.approx(7 / 6)
    assert "total 28/3" in PAGE and "9/2 each, total 9" in PAGE and "7/6 in total" in PAGE
