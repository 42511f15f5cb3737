"""Session 7 of the seminar kit (docs/seminar/session7_signals_and_talk.md): each answer computed with the library
and checked against an independent computation written here (a closed form, brute force or simulation)."""

import math

import numpy as np
import pytest

import negotiation_sim as ns
from tests.models.test_cheap_talk import boundaries_by_indifference
from tests.models.test_costly_signal import TYPES, analyse, profile
from tests.models.test_two_level import brute_force as two_level_brute_force
from tests.models.test_war_of_attrition import plan_payoffs


class TestSession7:
    def test_exercise_7_1_partitions_losses_and_mediator(self):
        """Exercise 7.1: N = 3; a = (0, 0.1333, 0.4667, 1); losses 0.01593 and 0.01843; mediator b(1 - b)/3."""
        ct = ns.models.CheapTalk(bias=0.05)
        n = ct.max_partitions
        assert n == math.ceil(-0.5 + math.sqrt(41) / 2) == 3
        a = ct.partition(3)
        assert a == pytest.approx([0, 2 / 15, 7 / 15, 1]) and a == pytest.approx(boundaries_by_indifference(0.05, 3))
        y = (a[:-1] + a[1:]) / 2
        assert a[1] + 0.05 == pytest.approx((y[0] + y[1]) / 2) and a[2] + 0.05 == pytest.approx((y[1] + y[2]) / 2)
        theta = np.random.default_rng(3).uniform(size=500_000)
        action = y[np.searchsorted(a, theta, side="right") - 1]
        r = ct.solve()
        assert r.receiver_loss == pytest.approx(np.mean((action - theta) ** 2), abs=2e-4)
        assert r.sender_loss == pytest.approx(np.mean((action - theta - 0.05) ** 2), abs=2e-4)
        assert round(r.receiver_loss, 5) == 0.01593 and round(r.sender_loss, 5) == 0.01843
        assert [ns.models.CheapTalk(bias=b).max_partitions for b in (0.2499, 0.25, 0.3)] == [2, 1, 1]
        assert r.mediated_receiver_loss == pytest.approx(0.05 * 0.95 / 3)
        at_03 = ns.models.CheapTalk(bias=0.3).solve()
        assert at_03.babbling and at_03.mediated_receiver_loss == pytest.approx(0.07)

    def test_exercise_7_2_sunk_costs_and_tied_hands(self):
        """Exercise 7.2: v_r = 0.5, m* = 0.3, war 0.2; v_t = 0.16/0.92, a* = 0.2609, war 0.3304; payoffs compared."""
        m = ns.models.CostlySignal(win_prob=0.8, war_cost=0.4, challenger_war_cost=0.6)
        r = m.solve()
        assert r.resolve_threshold == pytest.approx(0.5)
        assert (r.sunk.signal, r.sunk.p_war) == pytest.approx((0.3, 0.2))
        assert r.tie.cutoff == pytest.approx(0.16 / 0.92) and r.tie.signal == pytest.approx(0.4 - 0.8 * 0.16 / 0.92)
        assert r.tie.p_war == pytest.approx((1 - 0.16 / 0.92) * 0.4)
        tries = np.linspace(0, 1.2, 241)
        sunk = analyse(m, "sunk", profile(0.5, 0.3), np.r_[tries, 0.3])
        tie = analyse(m, "tie", profile(r.tie.cutoff, r.tie.signal), np.r_[tries, r.tie.signal])
        assert sunk["gain"] < 1e-3 and tie["gain"] < 1e-3
        assert sunk["defender_payoff"] == pytest.approx(r.sunk.defender_payoff, abs=2e-3)
        assert tie["defender_payoff"] == pytest.approx(r.tie.defender_payoff, abs=2e-3)
        assert tie["defender_payoff"] > sunk["defender_payoff"] and tie["p_war"] > sunk["p_war"]
        assert round(r.tie.defender_payoff, 4) == 0.3139 and round(r.sunk.defender_payoff, 4) == 0.115

    def test_exercise_7_3_war_of_attrition(self):
        """Exercise 7.3: h_2(t) = a_1/(1 + a_1 (t + 1)), h_2(5) = 1/3; war 0.1467; with a_1 = 0.3 war 0.1589."""
        base = {"audience_rate_2": 0.1, "war_payoff_1": -2.0, "war_payoff_2": -2.0, "resolved_1": 0.2,
                "resolved_2": 0.2, "horizon": 5}
        m = ns.models.WarOfAttrition(audience_rate_1=0.2, **base)
        r = m.solve()
        t = np.arange(1, 5)
        assert r.hazards[:4, 1] == pytest.approx(0.2 / (1 + 0.2 * (t + 1)))
        assert r.hazards[4, 1] == pytest.approx(1 / 3)
        irresolute_russia = plan_payoffs(m, 0, -2.0)
        assert np.ptp(irresolute_russia) < 1e-12  # indifferent across every period and war
        assert r.p_war == pytest.approx(0.4 * 1.1 / 3) and round(r.p_war, 4) == 0.1467
        high = ns.models.WarOfAttrition(audience_rate_1=0.3, **base).solve()
        assert high.hazards[:4, 1] == pytest.approx(0.3 / (1 + 0.3 * (t + 1)))
        assert np.all(high.hazards[:4, 1] > r.hazards[:4, 1])
        assert high.hazards[:, 0] == pytest.approx(r.hazards[:, 0])
        assert high.p_war == pytest.approx(1.3 * 1.1 / 9) and round(high.p_war, 4) == 0.1589

    def test_exercise_7_4_french_median(self):
        """Exercise 7.4: x_N = 0.5; constrained 0.6; the appeal is worth 0.1; at 0.95 it creates an agreement at 0.85."""
        g = ns.models.TwoLevelGame(median_reservation=0.6, disagreement_a=0.1, disagreement_b=0.1)
        assert g.solve().unconstrained_share_a == pytest.approx(0.5) == pytest.approx(two_level_brute_force(0, .1, .1))
        assert g.solve().share_a == pytest.approx(0.6) == pytest.approx(two_level_brute_force(0.6, 0.1, 0.1), abs=1e-4)
        out = ns.scenarios.french_public().solve().outcomes
        assert out["russia_wedge_gain"] == pytest.approx(
            two_level_brute_force(0.6, 0.1, 0.1) - two_level_brute_force(0.45, 0.1, 0.1), abs=1e-4)
        far = ns.scenarios.french_public(median_reservation=0.95, wedge=0.1).solve().outcomes
        assert np.isnan(two_level_brute_force(0.95, 0.1, 0.1)) and np.isnan(far["share_france_without_wedge"])
        assert far["share_france"] == pytest.approx(0.85) == pytest.approx(two_level_brute_force(0.85, .1, .1), abs=1e-4)

    def test_exercise_7_5_public_and_private(self):
        """Exercise 7.5: private refusal 0.65, war 0.325; public a* = 0.2386, cutoff 0.1023, war 0.2693; k = 0.1 flips."""
        o = ns.scenarios.public_private().solve().outcomes
        private = analyse(ns.scenarios.public_private().build(), "tie", np.zeros_like(TYPES), np.zeros(1))
        assert o["p_refuse_private"] == pytest.approx(private["p_challenge"], abs=2e-3) == pytest.approx(0.65)
        assert o["p_war_private"] == pytest.approx(0.325)
        assert o["public_cutoff"] == pytest.approx(0.09 / 0.88) and o["audience_cost"] == pytest.approx(0.3 - 0.6 * 0.09 / 0.88)
        assert o["p_refuse_public"] == pytest.approx(0.09 / 0.88 + (1 - 0.09 / 0.88) * 0.3)
        assert o["p_war_public"] == pytest.approx((1 - 0.09 / 0.88) * 0.3) and o["p_war_public"] < o["p_war_private"]
        low = ns.scenarios.public_private(west_war_cost=0.1).solve().outcomes
        assert low["public_cutoff"] == pytest.approx(0.27 / 0.64)
        assert low["p_war_public"] == pytest.approx((1 - 0.27 / 0.64) * 0.9)
        assert low["p_war_private"] == pytest.approx(0.475) and low["p_war_public"] > low["p_war_private"]


def test_every_session7_exercise_has_a_test():
    """Each exercise numbered in the session 7 page has a test here named after it."""
    import re
    from pathlib import Path

    page = Path(__file__).resolve().parents[1] / "docs" / "seminar" / "session7_signals_and_talk.md"
    numbers = set(re.findall(r"### Exercise (\d\.\d)", page.read_text(encoding="utf-8")))
    tested = {".".join(name.split("_")[2:4]) for name in dir(TestSession7) if name.startswith("test_exercise_")}
    assert numbers == tested == {"7.1", "7.2", "7.3", "7.4", "7.5"}
