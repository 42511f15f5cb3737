"""The estimation exercises (docs/seminar/exercises_estimation.md): each answer checked independently.

The outcome probabilities of egame12 are written out here in closed form and the likelihood is maximised here with
scipy's BFGS on finite differences, so the library's estimates and predictions are compared with a computation that
does not use them. The numbers are the ones the page states.
"""

import numpy as np
import pandas as pd
import pytest
from scipy import optimize
from scipy.special import expit

import negotiation_sim as ns
from negotiation_sim.errors import ConvergenceError, EstimationError

TWO = pd.DataFrame({"crisis": ["Crimea 2014", "Ukraine 2022"], "advantage": [1.0, 0.5], "support": [0.2, 0.7],
                    "outcome": ["concession", "war"]})
OUTCOMES = ("status quo", "concession", "war")
UTILS = {"u11": [], "u14": ["advantage", "support"], "u24": ["support", "advantage"]}
NAMES = ["u11:const", "u14:const", "u14:advantage", "u14:support", "u24:const", "u24:support", "u24:advantage"]


def probs(b, df):
    """egame12 with logit agent error, u13 = 0: (status quo, concession, war) for each row."""
    adv, sup = df["advantage"].to_numpy(), df["support"].to_numpy()
    u11 = b[0]
    u14 = b[1] + b[2] * adv + b[3] * sup
    u24 = b[4] + b[5] * sup + b[6] * adv
    p4 = expit(u24)
    p2 = expit(p4 * u14 - u11)
    return np.column_stack([1 - p2, p2 * (1 - p4), p2 * p4])


def independent_mle(df):
    y = df["outcome"].map({o: i for i, o in enumerate(OUTCOMES)}).to_numpy()
    res = optimize.minimize(lambda b: -np.sum(np.log(probs(b, df)[np.arange(len(y)), y])), np.full(7, 0.1),
                            method="BFGS", options={"gtol": 1e-7})
    return res.x, -res.fun


@pytest.fixture(scope="module")
def combined():
    crises = ns.estimate.load_crises()
    both = pd.concat([crises, TWO], ignore_index=True)
    fit = ns.estimate.strategic_logit(both, "outcome", UTILS, outcomes=OUTCOMES)
    base = ns.estimate.strategic_logit(crises, "outcome", UTILS, outcomes=OUTCOMES)
    b, llf = independent_mle(both)
    return fit, base, b, llf


def test_e1_likelihood_of_two_crises():
    """E.1: the two crises' likelihood is [p2 (1 - p4)]_2014 [p2 p4]_2022, as the library's rows give it."""
    b = np.array([-1.0, 0.5, 1.0, -2.0, -1.0, 3.0, -1.0])
    p = probs(b, TWO)
    adv, sup = TWO["advantage"].to_numpy(), TWO["support"].to_numpy()
    p4 = expit(b[4] + b[5] * sup + b[6] * adv)
    p2 = expit(p4 * (b[1] + b[2] * adv + b[3] * sup) - b[0])
    assert p[0, 1] * p[1, 2] == pytest.approx(p2[0] * (1 - p4[0]) * p2[1] * p4[1])
    sim = ns.estimate.simulate(dict(zip(NAMES, b)), game="egame12", data=TWO[["advantage", "support"]],
                               probabilities=True, rng=0)
    np.testing.assert_allclose(sim[["Pr(0)", "Pr(1)", "Pr(2)"]].to_numpy(), p, rtol=1e-12)


def test_e2_two_crises_alone_have_no_estimate():
    """E.2: no status quo observed -> EstimationError; one decision separated by support -> ConvergenceError."""
    with pytest.raises(EstimationError, match="never takes the value 'status quo'"):
        ns.estimate.strategic_logit(TWO, "outcome", UTILS, outcomes=OUTCOMES)
    defender = TWO.assign(fight=(TWO["outcome"] == "war").astype(int))
    with pytest.raises(ConvergenceError, match="separates the outcomes"):
        ns.estimate.strategic_logit(defender, "fight", {"u1": ["support"]}, game="one_decision")
    # Independently: the likelihood of the separated one-decision logit keeps rising along c1 -> infinity.
    ll = [np.log(1 - expit(c * (0.2 - 0.45))) + np.log(expit(c * (0.7 - 0.45))) for c in (1, 10, 100)]
    assert ll[0] < ll[1] < ll[2] < 0


def test_e3_estimates_and_fitted_chances(combined):
    """E.3: the fit with the two crises is the independent MLE; they move no coefficient by 0.07 s.e.; chances."""
    fit, base, b, llf = combined
    np.testing.assert_allclose(fit.params[NAMES].to_numpy(), b, atol=1e-4)
    assert fit.llf == pytest.approx(llf, abs=1e-7)
    assert np.max(np.abs((fit.params - base.params) / base.bse)) < 0.07
    p = probs(fit.params[NAMES].to_numpy(), TWO)
    np.testing.assert_allclose(fit.predict(TWO).to_numpy(), p, rtol=1e-10)
    indep = probs(b, TWO)
    assert indep[0] == pytest.approx([0.161, 0.729, 0.109], abs=1e-3)  # the page's three decimals
    assert indep[1] == pytest.approx([0.393, 0.238, 0.369], abs=1e-3)
    contrib = np.log([indep[0, 1], indep[1, 2]])
    assert contrib == pytest.approx([-0.316, -0.998], abs=1e-3)


def test_e4_counterfactual_support_in_2014(combined):
    """E.4: 2014 with 2022's support: concession about halves, the status quo nearly doubles, war triples."""
    fit, _, b, _ = combined
    cf = TWO.iloc[[0]].assign(support=0.7)
    before, after = probs(b, TWO.iloc[[0]])[0], probs(b, cf)[0]
    np.testing.assert_allclose(fit.predict(cf).to_numpy()[0], probs(fit.params[NAMES].to_numpy(), cf)[0], rtol=1e-10)
    assert after == pytest.approx([0.291, 0.373, 0.336], abs=1e-3)
    assert 0.45 < after[1] / before[1] < 0.55          # "about halves"
    assert 1.7 < after[0] / before[0] < 2.0            # "nearly doubles"
    assert 2.8 < after[2] / before[2] < 3.3            # "triples"
