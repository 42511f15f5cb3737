"""The four-actor crisis: payoffs from the documented formulas, equilibria against Gambit."""

import numpy as np
import pytest

import negotiation_sim as ns
from tests.oracle import enumpure, same_profile_sets


def test_payoffs_follow_the_documented_formulas():
    """A few entries recomputed by hand from the module's formulas."""
    sc = ns.scenarios.european_crisis()
    g = sc.build()
    s, d, w = sc.stake, sc.demand, sc.win_probability
    # Invade, Align, Resist, Stand firm: war with sigma = min(1, support * 1 * (1 + influence)).
    sigma = min(1.0, sc.support * (1 + sc.influence))
    x = w * (1 - sigma / 2)
    expected = [
        s * x - sc.russia_war_cost * (1 + sigma),
        -abs(x - sc.mediator_bias * d) - sc.france_war_cost / 2,
        -sc.sovereignty_value * x - sc.ukraine_war_cost * (1 - sigma / 2),
        -sc.concession_cost * x - sc.nato_war_cost * sigma / 2,
    ]
    np.testing.assert_allclose(g.payoffs[0, 1, 0, 0], expected)
    # Threaten, Mediate, Resist, Stand firm: France's compromise accepted with probability influence.
    x = sc.influence * sc.mediator_bias * d
    expected = [
        s * x - sc.audience_cost * (1 - sc.influence),
        -abs(x - sc.mediator_bias * d) + sc.influence * sc.influence,
        -sc.sovereignty_value * x,
        -sc.concession_cost * x,
    ]
    np.testing.assert_allclose(g.payoffs[1, 0, 0, 0], expected)
    # Withdraw: status quo, half the audience cost.
    np.testing.assert_allclose(g.payoffs[2, 1, 1, 1], [-sc.audience_cost / 2, -sc.mediator_bias * d, 0, 0])


@pytest.mark.parametrize(
    "params", [{}, {"support": 0.0}, {"support": 0.1, "russia_war_cost": 0.2}, {"influence": 1.0, "audience_cost": 0.1}]
)
def test_pure_equilibria_agree_with_gambit(params):
    """Every pure equilibrium, and nothing else, as pygambit's enumpure finds."""
    game = ns.scenarios.european_crisis(**params).build()
    ours = [e.strategies for e in ns.pure_equilibria(game)]
    missed, spurious = same_profile_sets(ours, enumpure(game.payoffs))
    assert not missed and not spurious


def test_unity_deters_and_its_absence_invites_invasion():
    """At the defaults Russia withdraws; without support it invades and Ukraine capitulates."""
    default = ns.pure_equilibria(ns.scenarios.european_crisis().build())
    assert {e.support("Russia") for e in default} == {("Withdraw",)}
    alone = ns.pure_equilibria(ns.scenarios.european_crisis(support=0.0).build())
    assert all(e.support("Russia") == ("Invade",) for e in alone) and len(alone) > 0
    assert all(e.support("Ukraine") == ("Concede",) for e in alone)
