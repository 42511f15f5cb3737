"""Coalition unity: resisting probability by enumeration; the allies' game by brute force and ns.pure_equilibria."""

import itertools

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


def enumerate_resist(probs, k):
    """P(at least k allies firm) by summing over all 2**N outcomes."""
    total = 0.0
    for outcome in itertools.product((0, 1), repeat=len(probs)):
        if sum(outcome) >= k:
            total += np.prod([p if o else 1 - p for p, o in zip(probs, outcome, strict=True)])
    return total


def brute_pure(game):
    """Pure equilibria by checking every unilateral deviation."""
    n, u, out = game.n_players, game.payoffs, []
    for prof in itertools.product((0, 1), repeat=n):
        if all(u[prof + (i,)] >= u[prof[:i] + (1 - prof[i],) + prof[i + 1:] + (i,)] - 1e-12
               for i in range(n)):
            out.append(prof)
    return out


@pytest.mark.parametrize("probs", [(0.9, 0.8, 0.7), (0.5, 0.5, 0.5, 0.5), (0.99, 0.2)])
@pytest.mark.parametrize("rule", ["unanimity", "quota"])
def test_p_resist_by_enumeration(probs, rule):
    """The Poisson-binomial probability matches enumeration over all outcomes."""
    quota = 2 if rule == "quota" else None
    c = ns.models.CoalitionUnity(probs, rule=rule, quota=quota)
    k = len(probs) if rule == "unanimity" else 2
    assert c.solve().p_resist == pytest.approx(enumerate_resist(probs, k))


@pytest.mark.parametrize("p", [0.7, 0.78, 0.8, 0.9])
def test_deterrence_both_sides(p):
    """Unanimity of 3 allies deters iff p**3 >= threshold 0.5 (p >= 0.7937)."""
    r = ns.models.CoalitionUnity(p, n_allies=3).solve()
    assert r.attack == (p**3 < 0.5)


@pytest.mark.parametrize(("n", "rule", "quota"), [(3, "unanimity", None), (4, "quota", 2), (3, "quota", 1)])
def test_game_has_unity_and_fracture(n, rule, quota):
    """Pure equilibria: exactly-k-firm profiles (unity) and, if k >= 2, nobody firm (fracture)."""
    g = ns.models.CoalitionUnity(0.9, n_allies=n, rule=rule, quota=quota).game()
    k = n if rule == "unanimity" else quota
    expected = [p for p in itertools.product((0, 1), repeat=n) if sum(p) == k or (k >= 2 and sum(p) == 0)]
    assert sorted(brute_pure(g)) == sorted(expected)
    found = sorted(tuple(int(np.argmax(s)) for s in e.strategies) for e in ns.pure_equilibria(g))
    assert found == sorted(expected)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"p_firm": [0.5, 1.2]}, r"p_firm\[1\]"), ({"p_firm": 0.5, "n_allies": 0}, "n_allies"),
     ({"p_firm": [0.5, 0.5], "n_allies": 3}, "n_allies"), ({"p_firm": 0.5, "rule": "majority"}, "rule"),
     ({"p_firm": [0.5, 0.5], "rule": "quota", "quota": 3}, "quota"),
     ({"p_firm": 0.5, "firm_cost": 2.0}, "firm_cost"), ({"p_firm": 0.5, "a_dd": 2.0}, "a_dd")],
)
def test_invalid_parameters(kwargs, name):
    """Invalid parameters raise InvalidParameterError naming them."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.CoalitionUnity(**kwargs)
