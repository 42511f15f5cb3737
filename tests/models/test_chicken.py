"""Chicken: pure equilibria by ns.pure_equilibria and brute force; the mixed one by indifference."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from tests.strategies import chicken_payoffs


def brute_force_pure(game):
    """Pure equilibria by checking every unilateral deviation (no library solver)."""
    out = []
    for a, b in itertools.product(range(2), range(2)):
        u = game.payoffs
        if u[a, b, 0] >= u[1 - a, b, 0] and u[a, b, 1] >= u[a, 1 - b, 1]:
            out.append((a, b))
    return out


@settings(max_examples=60, deadline=None)
@given(chicken_payoffs(), chicken_payoffs())
def test_pure_equilibria_are_the_two_asymmetric_ones(row, col):
    """Exactly (Swerve, Straight) and (Straight, Swerve), by brute force and ns.pure_equilibria."""
    g = ns.models.chicken_asymmetric(row, col)
    assert brute_force_pure(g) == [(0, 1), (1, 0)]
    found = sorted(tuple(int(np.argmax(s)) for s in e.strategies) for e in ns.pure_equilibria(g))
    assert found == [(0, 1), (1, 0)]


@settings(max_examples=60, deadline=None)
@given(chicken_payoffs(), chicken_payoffs())
def test_mixed_equilibrium_makes_each_side_indifferent(row, col):
    """At the closed-form mixture each player's two actions pay the same, so regret is 0."""
    g = ns.models.chicken_asymmetric(row, col)
    m = ns.models.chicken_mixed(row, col)
    profile = ([1 - m.p_straight_row, m.p_straight_row], [1 - m.p_straight_column, m.p_straight_column])
    for player in (0, 1):
        values = g.action_values(profile, player)
        assert values[0] == pytest.approx(values[1], abs=1e-9 * g.payoff_scale)
    assert ns.regret(g, profile) <= 1e-9 * g.payoff_scale
    pay = g.expected_payoffs(profile)
    assert (m.payoff_row, m.payoff_column) == pytest.approx(tuple(pay), abs=1e-9 * g.payoff_scale)
    assert m.p_collision == pytest.approx(m.p_straight_row * m.p_straight_column)


def test_symmetric_closed_form():
    """Symmetric Chicken: straight with probability (T-R)/((T-R)+(S-P)) (MODELS.md)."""
    R, S, T, P = 3, 1, 4, 0
    m = ns.models.chicken_mixed((R, S, T, P))
    assert m.p_straight_row == pytest.approx((T - R) / ((T - R) + (S - P)))
    assert m.p_straight_row == pytest.approx(m.p_straight_column)
    g = ns.models.chicken(R, S, T, P, players=("Russia", "NATO"))
    assert g.players == ("Russia", "NATO")
    assert g.actions == (("Swerve", "Straight"), ("Swerve", "Straight"))


def test_collision_cost_moves_the_other_sides_mixing():
    """Raising NATO's cost of collision lowers Russia's mixing (which keeps NATO indifferent) only."""
    calm = ns.models.chicken_mixed((0, -1, 1, -5), (0, -1, 1, -5))
    scared = ns.models.chicken_mixed((0, -1, 1, -5), (0, -1, 1, -50))
    # q_row = (T_c - R_c)/((T_c - R_c) + (S_c - P_c)) = 1/(1 + 4) and 1/(1 + 49).
    assert calm.p_straight_row == pytest.approx(0.2)
    assert scared.p_straight_row == pytest.approx(0.02)
    assert scared.p_straight_column == pytest.approx(calm.p_straight_column)
    assert scared.p_collision < calm.p_collision


@pytest.mark.parametrize(
    ("args", "name"), [((1, 2, 3, 0), "row"), ((0, -1, 1), "row"), ((0, -1, float("inf"), -2), "row")]
)
def test_invalid_payoffs(args, name):
    """Payoffs that are not Chicken (T > R > S > P) raise InvalidParameterError naming them."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.chicken_mixed(args)
    with pytest.raises(InvalidParameterError, match="column"):
        ns.models.chicken_asymmetric((0, -1, 1, -5), args)


@settings(max_examples=60, deadline=None)
@given(chicken_payoffs(), chicken_payoffs())
def test_generic_solver_finds_the_closed_form_mixed_equilibrium(row, col):
    """ns.solve (vertex enumeration) returns exactly three equilibria: the two pure ones and the closed form's."""
    g = ns.models.chicken_asymmetric(row, col)
    eqs = ns.solve(g)
    assert eqs.complete and len(eqs) == 3
    mixed = eqs.mixed()
    assert len(mixed) == 1
    m = ns.models.chicken_mixed(row, col)
    assert mixed[0].strategies[0][1] == pytest.approx(m.p_straight_row, abs=1e-9)
    assert mixed[0].strategies[1][1] == pytest.approx(m.p_straight_column, abs=1e-9)
