"""Choice and outcome probabilities of the crisis trees, against the formulas of the R package ``games``.

The closed forms below are ``makeProbs12``, ``makeProbs122`` and ``makeProbs123`` of Kenkel & Signorino's
``games`` (agent error, unit scale), rewritten here: each choice is ``F(x / sqrt(2))`` with ``F`` the logistic
(``plogis(x, scale = sqrt(2))``) or normal (``pnorm(x, sd = sqrt(2))``) CDF. Our model uses ``F(x)``, so
evaluating ``games``' formulas at utilities ``sqrt(2)`` times ours must give our probabilities.
"""

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, special, stats

import negotiation_sim as ns
from negotiation_sim.estimate import _data, _likelihood
from negotiation_sim.estimate.trees import strategic_game

R2 = np.sqrt(2.0)


def games_cdf(x, link):
    """``games``' link: the CDF of the difference of two unit-variance errors."""
    return stats.logistic.cdf(x, scale=R2) if link == "logit" else stats.norm.cdf(x, scale=R2)


def games_probs(game, u, link):
    """Outcome probabilities by ``games``' makeProbs formulas, utilities ``u`` on ``games``' scale."""
    f = lambda x: games_cdf(x, link)  # noqa: E731
    g = lambda k: u.get(k, 0.0)  # noqa: E731
    if game == "egame12":
        p4 = f(g("u24"))
        p3 = 1 - p4
        p2 = f(p3 * g("u13") + p4 * g("u14") - g("u11"))
        return np.column_stack([1 - p2, p2 * p3, p2 * p4])
    if game == "egame122":
        p6 = f(g("u24"))
        p4 = f(g("u22"))
        p2 = f((1 - p6) * g("u13") + p6 * g("u14") - (1 - p4) * g("u11") - p4 * g("u12"))
        return np.column_stack([(1 - p2) * (1 - p4), (1 - p2) * p4, p2 * (1 - p6), p2 * p6])
    if game == "egame123":
        p6 = f(g("u36"))
        p4 = f((1 - p6) * g("u25") + p6 * g("u26") - g("u23"))
        p2 = f((1 - p4) * g("u13") + p4 * ((1 - p6) * g("u15") + p6 * g("u16")) - g("u11"))
        return np.column_stack([1 - p2, p2 * (1 - p4), p2 * p4 * (1 - p6), p2 * p4 * p6])
    p = f(g("u1"))
    return np.column_stack([1 - p, p])


def random_model(game, rng, n=50):
    """Every utility of ``game`` = const + b * x_u, with random coefficients and covariates."""
    spec = strategic_game(game)
    df = pd.DataFrame({f"x_{u}": rng.standard_normal(n) for u in spec.utilities})
    utils = {u: (f"x_{u}",) for u in spec.utilities}
    beta = rng.normal(0, 1.2, size=2 * len(spec.utilities))
    return spec, df, utils, beta


def our_probs(spec, df, utils, beta, link):
    design = _data.build_design(df, utils, check=False)
    ev = _likelihood.evaluate(spec, design, beta, link, grad=False)
    return _likelihood.outcome_probabilities(spec, ev), design


GAMES = ["one_decision", "egame12", "egame122", "egame123"]


@pytest.mark.parametrize("link", ["logit", "probit"])
@pytest.mark.parametrize("game", GAMES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_probabilities_match_games_formulas(game, link, seed):
    """Our outcome probabilities equal ``games``' makeProbs at sqrt(2) times our utilities."""
    spec, df, utils, beta = random_model(game, np.random.default_rng(seed))
    ours, _ = our_probs(spec, df, utils, beta, link)
    u = {name: R2 * (beta[2 * i] + beta[2 * i + 1] * df[f"x_{name}"].to_numpy())
         for i, name in enumerate(spec.utilities)}
    np.testing.assert_allclose(ours, games_probs(game, u, link), rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(ours.sum(axis=1), 1.0, atol=1e-12)


@pytest.mark.parametrize("link", ["logit", "probit"])
@pytest.mark.parametrize("game", GAMES)
def test_gradient_matches_finite_differences(game, link):
    """The analytic gradient of the log-likelihood agrees with central differences of it."""
    rng = np.random.default_rng(5)
    spec, df, utils, beta = random_model(game, rng)
    design = _data.build_design(df, utils, check=False)
    y = rng.integers(0, spec.n_outcomes, size=len(df))
    _, grad = _likelihood.loglik(spec, design, beta, y, link)
    numeric = optimize.approx_fprime(beta, lambda b: _likelihood.loglik(spec, design, b, y, link, grad=False)[0],
                                     1e-6)
    np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-4)
    rows = _likelihood.score_rows(spec, design, beta, y, link)
    np.testing.assert_allclose(rows.sum(axis=0), grad, rtol=1e-10, atol=1e-10)
    direct = np.log(games_probs(game, {u: R2 * (beta[2 * i] + beta[2 * i + 1] * df[f"x_{u}"].to_numpy())
                                       for i, u in enumerate(spec.utilities)}, link)[np.arange(len(y)), y])
    np.testing.assert_allclose(_likelihood.loglik_rows(spec, design, beta, y, link), direct, rtol=1e-9)


@pytest.mark.parametrize("link", ["logit", "probit"])
@pytest.mark.parametrize("game", ["egame12", "egame123"])
def test_simulate_draws_outcomes_at_the_model_probabilities(game, link):
    """Outcome shares of 200,000 crises at one covariate point match the closed form (5 binomial s.e.)."""
    spec = strategic_game(game)
    coefs = dict(zip(spec.utilities, np.linspace(-0.8, 1.1, len(spec.utilities))))
    params = {f"{u}:const": v for u, v in coefs.items()}
    n = 200_000
    df = ns.estimate.simulate(params, n=n, game=game, link=link, rng=11)
    shares = np.bincount(df["outcome"], minlength=spec.n_outcomes) / n
    expected = games_probs(game, {u: R2 * v for u, v in coefs.items()}, link)[0]
    np.testing.assert_allclose(shares, expected, atol=5 * np.sqrt(0.25 / n))


def test_probit_one_decision_is_a_normal_cdf():
    """With normal agent error a single choice is Phi(u1): errors of variance 1/2 per action."""
    spec, df, utils, beta = random_model("one_decision", np.random.default_rng(3))
    ours, _ = our_probs(spec, df, utils, beta, "probit")
    np.testing.assert_allclose(ours[:, 1], special.ndtr(beta[0] + beta[1] * df["x_u1"]), rtol=1e-12)
