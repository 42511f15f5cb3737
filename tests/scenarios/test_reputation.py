"""Lessons of 2014: every outcome recomputed from Kreps & Wilson's formulas, written out here."""

import math

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.solvers.equilibrium import format_prob


def kw_enter(n, p, a, b):
    """Kreps-Wilson entrant with n markets left and belief p: enter for sure below b**n, mix (1 - 1/a) at it."""
    cut = b**n
    if math.isclose(p, cut, rel_tol=0, abs_tol=1e-12):
        return 1 - 1 / a
    return 1.0 if p < cut else 0.0


def kw_fight(n, p, b):
    """Weak incumbent: acquiesce in the last market; fight if p >= b**(n-1); else the mixing that makes Bayes b**(n-1)."""
    if n == 1:
        return 0.0
    cut = b ** (n - 1)
    return 1.0 if p >= cut - 1e-12 else p * (1 - cut) / ((1 - p) * cut)


def bayes_after_fight(p, beta):
    return 0.0 if p == 0 else p / (p + (1 - p) * beta)


def challenges(n, p, a, b, tough):
    """Expected number of challenges from n markets left, by exact recursion on the formulas above."""
    if n == 0:
        return 0.0
    e = kw_enter(n, p, a, b)
    f = 1.0 if tough else kw_fight(n, p, b)
    # Russia updates with the weak type's equilibrium mixing, whatever the West's true type.
    post = bayes_after_fight(p, kw_fight(n, p, b))
    later = f * challenges(n - 1, post, a, b, tough) + (1 - f) * challenges(n - 1, 0.0, a, b, tough)
    return e * (1 + later) + (1 - e) * challenges(n - 1, p, a, b, tough)


def simulate(sc, tough, runs, rng):
    """Mean number of challenges in seeded plays of the equilibrium strategies (for a Monte Carlo check)."""
    a, b = sc.defender_value, sc.challenger_gain
    total = 0
    for _ in range(runs):
        p = sc.prior
        for n in range(sc.n_crises, 0, -1):
            if rng.random() < kw_enter(n, p, a, b):
                total += 1
                beta = 1.0 if tough else kw_fight(n, p, b)
                p = bayes_after_fight(p, kw_fight(n, p, b)) if rng.random() < beta else 0.0
    return total / runs


POINTS = [{}, {"prior": 0.05}, {"prior": 0.26}, {"prior": 0.6}, {"prior": 0.0}, {"n_crises": 1},
          {"challenger_gain": 0.3, "n_crises": 8}, {"defender_value": 5.0}, {"prior": 0.25}]


@pytest.mark.parametrize("params", POINTS)
def test_outcomes_from_the_kreps_wilson_formulas(params):
    """Deterred crises, the first contest, the weak response and expected challenges, recomputed here."""
    sc = ns.scenarios.reputation(**params)
    a, b, prior, big_n = sc.defender_value, sc.challenger_gain, sc.prior, sc.n_crises
    out = sc.solve().outcomes
    # Path where the West resists: the belief moves only after a challenge.
    p, path = prior, []
    for n in range(big_n, 0, -1):
        e = kw_enter(n, p, a, b)
        path.append((n, p, e))
        if e > 0:
            p = bayes_after_fight(p, kw_fight(n, p, b))
    assert out["deterred_crises"] == sum(e == 0 for _, _, e in path)
    assert out["p_challenge_first"] == path[0][2]
    contested = [k for k, (_, _, e) in enumerate(path) if e > 0]
    if contested:
        k = contested[0]
        n, p, e = path[k]
        assert out["first_contested_crisis"] == k + 1
        assert out["p_challenge_first_contest"] == pytest.approx(e)
        assert out["p_weak_resists_first_contest"] == pytest.approx(kw_fight(n, p, b))
        assert out["belief_after_resistance"] == pytest.approx(bayes_after_fight(p, kw_fight(n, p, b)))
        # After acquiescence the belief is 0 < b**m: every remaining crisis is challenged.
        assert out["challenged_after_weak_response"] == n - 1
    else:
        assert np.isnan(out["first_contested_crisis"]) and out["challenged_after_weak_response"] == 0
    assert out["expected_challenges_weak"] == pytest.approx(challenges(big_n, prior, a, b, tough=False))
    assert out["expected_challenges_tough"] == pytest.approx(challenges(big_n, prior, a, b, tough=True))


@pytest.mark.parametrize("tough", [False, True])
def test_expected_challenges_against_a_seeded_simulation(tough):
    """Monte Carlo plays of the equilibrium agree with the exact expectation within 4 standard errors."""
    sc = ns.scenarios.reputation()
    runs = 4_000
    rng = np.random.default_rng(7)
    mean = simulate(sc, tough, runs, rng)
    exact = sc.solve().outcomes["expected_challenges_tough" if tough else "expected_challenges_weak"]
    assert abs(mean - exact) < 4 * sc.n_crises / (2 * math.sqrt(runs))


@pytest.mark.parametrize("prior", [0.05, 0.1, 0.2, 0.26, 0.49, 0.51, 0.9])
def test_deterred_crises_formula(prior):
    """Along the resisting path Russia stays out for sure in #{n <= N : b**n < prior} crises."""
    out = ns.scenarios.reputation(prior=prior).solve().outcomes
    assert out["deterred_crises"] == sum(0.5**n < prior for n in range(1, 7))


def test_what_would_change_it_directions():
    """Deterred crises never fall with the prior or the number of crises and never rise with the challenger's gain."""
    def deterred(**kw):
        return ns.scenarios.reputation(**kw).solve().outcomes["deterred_crises"]

    assert np.all(np.diff([deterred(prior=p) for p in np.linspace(0, 1, 41)]) >= 0)
    assert np.all(np.diff([deterred(n_crises=n) for n in range(1, 20)]) >= 0)
    assert np.all(np.diff([deterred(challenger_gain=g) for g in np.linspace(0.05, 0.95, 19)]) <= 0)
    # The weak West's value a moves nothing but the indifferent challenger's mixing 1/a.
    base, rich = ns.scenarios.reputation(), ns.scenarios.reputation(defender_value=5.0)
    assert deterred() == rich.solve().outcomes["deterred_crises"]
    assert base.solve().outcomes["expected_challenges_weak"] != rich.solve().outcomes["expected_challenges_weak"]
    table = rich.build().solve().table
    assert (table["p_enter"] == 1 - 1 / 5.0).any()


def test_explanation_states_the_assumption_and_the_numbers():
    """The explanation says the challenger is long-lived and quotes the computed outcomes."""
    for params in ({}, {"prior": 0.9}, {"prior": 0.26}):
        sc = ns.scenarios.reputation(**params)
        out, text = sc.solve().outcomes, sc.explain()
        assert "short-lived entrant" in text and "different game" in text
        assert f"deters it in {int(out['deterred_crises'])} of the {sc.n_crises} crises" in text
        if np.isnan(out["first_contested_crisis"]):
            assert "no weak response is ever tested" in text
        else:
            k = int(out["first_contested_crisis"])
            assert f"In crisis {k} Russia challenges with probability {format_prob(out['p_challenge_first_contest'])}" in text
            assert f"it challenges in {format_prob(out['challenged_after_weak_response'])} of the {sc.n_crises - k}" in text


@pytest.mark.parametrize(("gain", "n", "ok"), [(0.5, 29, True), (0.5, 30, False), (0.1, 8, True), (0.1, 10, False)])
def test_joint_validity_of_the_last_cutoff(gain, n, ok):
    """b**n must stay above 1e-9, the chain store's tie tolerance with room; the error names both parameters."""
    if ok:
        ns.scenarios.reputation(challenger_gain=gain, n_crises=n).solve()
    else:
        with pytest.raises(InvalidParameterError, match="challenger_gain \\*\\* n_crises"):
            ns.scenarios.reputation(challenger_gain=gain, n_crises=n)


@pytest.mark.parametrize(("gain", "most"), [(0.5, 29), (0.2, 12), (0.9, 50)])
def test_parameter_range_of_n_crises(gain, most):
    """n_crises runs from 1 to the largest n with b**n > 1e-9 (or the documented 50)."""
    lo, hi = ns.scenarios.reputation(challenger_gain=gain).parameter_range("n_crises")
    assert (lo, hi) == (1, most)
