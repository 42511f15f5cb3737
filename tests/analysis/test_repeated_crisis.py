"""Tests for repeated hostage-taker crises: Bayes' rule by hand, and frequencies vs analytic ones."""

from __future__ import annotations

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

CRISIS = {"concession_cost": 1.0, "war_cost_target": 2.0, "audience_cost": 1.0, "stake": 1.0}


def _hand_posterior(belief: float, outcome: str, threshold: float) -> float:
    """Bayes' rule written out: likelihoods of the observation under each type."""
    if belief > threshold + 1e-12:
        threat_u = 1.0  # pooling: both types threaten
    else:
        threat_u = min(1.0, belief * (1 - threshold) / ((1 - belief) * threshold))
    threat_r = 1.0
    if outcome == "war":  # only the resolved type fights
        like_r, like_u = threat_r, 0.0
    elif outcome == "backed down":  # only the unresolved type backs down
        like_r, like_u = 0.0, threat_u
    elif outcome == "concession":
        like_r, like_u = threat_r, threat_u
    else:  # status quo: no threat
        like_r, like_u = 1 - threat_r, 1 - threat_u
    den = belief * like_r + (1 - belief) * like_u
    return belief if den == 0 else belief * like_r / den


class TestBayes:
    def test_worked_example(self):
        """Prior 0.2, threshold 0.5: the bluffer threatens w.p. 0.25, a concession moves the belief to 0.5."""
        res = ns.analysis.repeated_crisis(prior=0.2, n_rounds=1, n_runs=400, rng=3, progress=False,
                                          **CRISIS)
        d = res.data
        np.testing.assert_allclose(d.loc[~d["resolved"], "threat_prob"], 0.25)
        np.testing.assert_allclose(d.loc[d["outcome"] == "concession", "posterior"], 0.2 / (0.2 + 0.8 * 0.25))
        assert set(d["outcome"]) == {"status quo", "concession", "war", "backed down"}

    @pytest.mark.parametrize("prior", [0.05, 0.3, 0.5, 0.7])
    def test_every_posterior_is_bayes_rule(self, prior):
        """Each round's posterior equals Bayes' rule computed by hand from the belief and observation."""
        res = ns.analysis.repeated_crisis(prior=prior, n_rounds=4, n_runs=300, rng=11, progress=False,
                                          **CRISIS)
        threshold = CRISIS["concession_cost"] / CRISIS["war_cost_target"]
        for row in res.data.itertuples():
            assert row.posterior == pytest.approx(_hand_posterior(row.belief, row.outcome, threshold),
                                                  abs=1e-12)
        # The next round starts from the previous posterior.
        d = res.data.sort_values(["run", "round"])
        nxt = d.groupby("run")["belief"].shift(-1)
        np.testing.assert_allclose(nxt.dropna(), d["posterior"][nxt.notna()])

    def test_wars_only_by_resolved_and_bluffs_only_by_unresolved(self):
        """Outcomes respect the types: the unresolved type never fights, the resolved never backs down."""
        d = ns.analysis.repeated_crisis(prior=0.3, n_rounds=3, n_runs=2000, rng=5, progress=False,
                                        **CRISIS).data
        assert d.loc[d["outcome"] == "war", "resolved"].all()
        assert not d.loc[d["outcome"] == "backed down", "resolved"].any()


class TestFrequencies:
    def test_first_and_second_round_match_analytic_probabilities(self):
        """Monte Carlo frequencies are within 4 standard errors of MODELS.md's closed form."""
        n, mu, t = 20000, 0.2, 0.5
        r = CRISIS["stake"] / (CRISIS["stake"] + CRISIS["audience_cost"])
        b = mu * (1 - t) / ((1 - mu) * t)
        res = ns.analysis.repeated_crisis(prior=mu, n_rounds=2, n_runs=n, rng=2024, progress=False,
                                          **CRISIS)
        summary = res.summary()
        expected_1 = {"war": mu * r, "backed_down": (1 - mu) * b * r,
                      "concession": (mu + (1 - mu) * b) * (1 - r), "status_quo": (1 - mu) * (1 - b)}
        for key, p in expected_1.items():
            se = np.sqrt(p * (1 - p) / n)
            assert abs(summary.loc[1, f"p_{key}"] - p) < 4 * se, key
        # Round 2: only after a concession (belief = threshold, both types threaten) can war come,
        # from a resolved challenger (probability t given a concession) resisted w.p. r.
        p_war_2 = (mu + (1 - mu) * b) * (1 - r) * t * r
        assert abs(summary.loc[2, "p_war"] - p_war_2) < 4 * np.sqrt(p_war_2 * (1 - p_war_2) / n)
        # Beliefs are a martingale: the mean posterior is the prior.
        post = res.data.loc[res.data["round"] == 2, "posterior"]
        assert abs(post.mean() - mu) < 4 * post.std() / np.sqrt(n)

    def test_pooling_concedes_every_round(self):
        """Above the threshold both types threaten and the target always concedes; nothing is learnt."""
        d = ns.analysis.repeated_crisis(prior=0.8, n_rounds=3, n_runs=100, rng=0, progress=False,
                                        **CRISIS).data
        assert (d["outcome"] == "concession").all() and (d["kind"] == "pooling").all()
        np.testing.assert_allclose(d["posterior"], 0.8)

    def test_seed_reproducible(self):
        """The same seed gives the same runs."""
        a = ns.analysis.repeated_crisis(prior=0.3, n_runs=50, rng=9, progress=False, **CRISIS).data
        b = ns.analysis.repeated_crisis(prior=0.3, n_runs=50, rng=9, progress=False, **CRISIS).data
        assert a.equals(b)


class TestErrors:
    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [({"prior": 1.5}, "prior must be a probability"),
         ({"prior": 0.2, "n_runs": 0}, "n_runs must be a positive integer"),
         ({"prior": 0.2, "n_rounds": 2.5}, "n_rounds must be a positive integer"),
         ({"prior": 0.2, "concession_cost": 3.0}, "concession_cost .* must be below war_cost_target"),
         ({"prior": 0.2, "war_payoff_unresolved": 0.0}, "war_payoff_unresolved"),
         ({"prior": 0.2, "war_payoff_resolved": -5.0}, "war_payoff_resolved"),
         ({"prior": 0.2, "audience_cost": -1.0}, "audience_cost must be non-negative")],
    )
    def test_bad_parameters(self, kwargs, match):
        """Out-of-range parameters are refused, naming the parameter."""
        with pytest.raises(InvalidParameterError, match=match):
            ns.analysis.repeated_crisis(**{**CRISIS, "progress": False, **kwargs})


class TestOneShotEquilibriumAgainstGenericSolver:
    @pytest.mark.parametrize("prior", [0.05, 0.2, 0.35, 0.39, 0.5, 0.8])
    def test_strategies_played_each_round_are_a_pbe_the_generic_solver_finds(self, prior):
        """Off the threshold, the one-shot play is among the generic PBE solver's equilibria."""
        from tests.analysis.builders import CRISIS, crisis

        eq = ns.models.CrisisSignaling(prior=prior, **CRISIS).strategies(at_threshold="semi-separating")
        found = [(e.sender_behaviour[:, 0].tolist(), float(e.receiver_behaviour[0, 1]))
                 for e in ns.solve(crisis(prior))]
        ours = ([1.0, float(eq["bluff_prob"])], float(eq["resist_prob"]))
        assert any(np.allclose(s, ours[0]) and np.isclose(r, ours[1]) for s, r in found)

    def test_result_keeps_the_model(self):
        """The result carries the one-shot model (with the default unresolved war payoff) and the prior."""
        res = ns.analysis.repeated_crisis(prior=0.3, n_rounds=1, n_runs=5, rng=0, progress=False, **CRISIS)
        assert isinstance(res.model, ns.models.CrisisSignaling) and res.prior == 0.3
        assert res.model.war_payoff_unresolved == -(CRISIS["audience_cost"] + CRISIS["stake"])
