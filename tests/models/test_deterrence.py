"""Perfect deterrence: the threshold against the built game's equilibria and a direct comparison."""

import itertools

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


def credible_equilibria(game):
    """Pure equilibria (by brute-force deviation checks) where each defender type plays its undominated action."""
    out = []
    u = game.payoffs
    for prof in itertools.product(range(2), repeat=3):
        stable = True
        for i in range(3):
            dev = list(prof)
            dev[i] = 1 - prof[i]
            if u[tuple(dev) + (i,)] > u[prof + (i,)] + 1e-12:
                stable = False
        if stable and prof[1] == 1 and prof[2] == 0:  # credible resists, incredible concedes
            out.append(prof)
    return out


@pytest.mark.parametrize("cred", [0.0, 0.2, 0.49, 0.51, 0.8, 1.0])
@pytest.mark.parametrize(("a_sq", "a_dc", "a_dd"), [(0.0, 1.0, -1.0), (0.5, 2.0, -3.0)])
def test_attack_iff_credibility_below_threshold(cred, a_sq, a_dc, a_dd):
    """Both sides of the threshold: the solver's attack matches the game's credible equilibrium."""
    m = ns.models.PerfectDeterrence(a_sq, a_dc, a_dd, credibility=cred)
    r = m.solve()
    assert r.threshold == pytest.approx((a_dc - a_sq) / (a_dc - a_dd))
    eu_attack = cred * a_dd + (1 - cred) * a_dc
    assert r.attack == (eu_attack > a_sq)
    eqs = credible_equilibria(m.game())
    assert [p[0] for p in eqs] == [int(r.attack)]
    # ns.pure_equilibria finds that profile too.
    found = {tuple(int(np.argmax(s)) for s in e.strategies) for e in ns.pure_equilibria(m.game())}
    assert eqs[0] in found


def test_indifferent_at_threshold():
    """At credibility == threshold the challenger is indifferent and reported as not attacking."""
    r = ns.models.PerfectDeterrence(0.0, 1.0, -1.0, credibility=0.5).solve()
    assert r.indifferent and not r.attack
    assert "indifferent" in r.describe()


def test_invalid_parameters():
    """Conflict better than concession and bad credibility raise naming the parameter."""
    with pytest.raises(InvalidParameterError, match="a_dd"):
        ns.models.PerfectDeterrence(0.0, -1.0, 1.0, credibility=0.5)
    with pytest.raises(InvalidParameterError, match="credibility"):
        ns.models.PerfectDeterrence(0.0, 1.0, -1.0, credibility=-0.1)
