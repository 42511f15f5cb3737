"""Euro-Atlantic unity: per-equilibrium outcomes, joint validity and every sentence, checked independently."""

import itertools
import math
import re

import numpy as np
import pytest
from scipy import stats

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


def brute_force_equilibria(n, quota, benefit=1.0, cost=0.25, exposure=0.5):
    """Pure Nash equilibria of the allies' game by checking every unilateral deviation (1 = stand firm)."""
    def pay(profile, i):
        holds = sum(profile) >= quota
        return benefit * holds - profile[i] * (cost + exposure * (not holds))

    out = []
    for prof in itertools.product((0, 1), repeat=n):
        if all(pay(prof, i) >= pay(prof[:i] + (1 - prof[i],) + prof[i + 1:], i) - 1e-12 for i in range(n)):
            out.append(prof)
    return out


POINTS = [{}, {"cohesion": 0.8}, {"quota": 2}, {"quota": 1}, {"n_allies": 5, "quota": 3, "cohesion": 0.7},
          {"n_allies": 4, "quota": 4, "cohesion": 0.95}, {"russia_war_cost": 0.2}, {"stake": 3.0, "cohesion": 0.99}]


@pytest.mark.parametrize("params", POINTS)
def test_each_equilibrium_carries_its_own_outcomes(params):
    """n_firm, coalition_holds and attack_if_played are read off each equilibrium's own profile."""
    sc = ns.scenarios.coalition_unity(**params)
    res = sc.solve()
    expected = sorted(brute_force_equilibria(sc.n_allies, sc.quota))
    ours = sorted(tuple(int(np.argmax(s)) for s in e.strategies) for e in res.equilibria)
    assert ours == expected
    threshold = sc.stake / (sc.stake + sc.russia_war_cost)
    for eq, outs in zip(res.equilibria, res.equilibrium_outcomes, strict=True):
        firm = sum(int(np.argmax(s)) for s in eq.strategies)
        assert outs["n_firm"] == firm
        assert outs["coalition_holds"] == float(firm >= sc.quota)
        assert outs["attack_if_played"] == float((1.0 if firm >= sc.quota else 0.0) < threshold)
    assert res.selected is None  # the headline is the cohesion model's, no equilibrium's


@pytest.mark.parametrize("params", POINTS)
def test_explanation_numbers(params):
    """Every number in the explanation: the binomial tail (scipy), the threshold, the equilibrium count."""
    sc = ns.scenarios.coalition_unity(**params)
    lines = sc.solve().explain().split("\n")
    nums = [float(v) for v in re.findall(r"-?\d+\.?\d*", lines[2])]
    p = stats.binom(sc.n_allies, sc.cohesion).sf(sc.quota - 1)
    threshold = sc.stake / (sc.stake + sc.russia_war_cost)
    assert nums == pytest.approx([sc.n_allies, sc.cohesion, sc.quota, p, threshold], abs=6e-5)
    assert ("Russia attacks, betting on fracture" in lines[2]) == (p < threshold)
    assert ("deterrence holds" in lines[2]) == (p >= threshold)
    n_eq = len(brute_force_equilibria(sc.n_allies, sc.quota))
    assert n_eq == (math.comb(sc.n_allies, sc.quota) + (sc.quota >= 2))
    assert int(re.search(r"has (\d+) pure", lines[3]).group(1)) == n_eq
    assert ("fracture (nobody firm)" in lines[3]) == (sc.quota >= 2)


@pytest.mark.parametrize("n", [2, 3, 5])
def test_the_directions_of_what_would_change_it(n):
    """Unanimity: p_resist = cohesion ** n (compounding); a lower quota raises p_resist (0 < cohesion < 1)."""
    for c in (0.5, 0.8, 0.95):
        sc = ns.scenarios.coalition_unity(n_allies=n, quota=n, cohesion=c)
        assert sc.solve().outcomes["p_resist"] == pytest.approx(c**n)
        tails = [ns.scenarios.coalition_unity(n_allies=n, quota=q, cohesion=c).solve().outcomes["p_resist"]
                 for q in range(n, 0, -1)]
        assert np.all(np.diff(tails) > 0)


def test_joint_validity_quota_within_the_allies():
    """quota > n_allies is refused naming both; the sweep marks those points invalid and solves the others."""
    with pytest.raises(InvalidParameterError, match="quota.*n_allies"):
        ns.scenarios.coalition_unity(quota=4)
    sc = ns.scenarios.coalition_unity()
    assert sc.parameter_range("quota") == (1, 3)
    df = sc.sweep(progress=False, quota=[2, 3, 4])
    assert df.groupby("quota")["valid"].first().tolist() == [True, True, False]
    assert "n_allies" in df.loc[df["quota"] == 4, "invalid_reason"].iloc[0]


def test_n_allies_provenance_is_an_assumption():
    """n_allies is marked as a modelling assumption that names the three allied capitals the article mentions."""
    spec = ns.scenarios.coalition_unity().specs["n_allies"]
    assert spec.quote is None and spec.note
    assert all(city in spec.note for city in ("Washington", "Paris", "Berlin")) and "not an ally" in spec.note
