"""Session 8 (docs/seminar/session8_time_and_commitment.md): each answer from the library, checked independently."""

import numpy as np
import pytest

import negotiation_sim as ns

W_GAIN, W_LOSS = 0.61, 0.69


def tk_w(p, c):
    return p**c / (p**c + (1 - p) ** c) ** (1 / c)


def tk_v(x, lam=2.25):
    return x**0.88 if x >= 0 else -lam * (-x) ** 0.88


class TestSession8:
    def test_exercise_8_1_grim_trigger(self):
        """8.1: (T - R)/(T - P) = 1/7 for the PD; 2/3 for restraint in the standoff (Russia binds)."""
        T, R, P, S = 10.0, 9.0, 3.0, 1.0
        pd_ = ns.NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]], actions=(("C", "D"),) * 2)
        assert ns.models.RepeatedCrisis(pd_, 0.5).grim_trigger_threshold(("C", "C")) == pytest.approx(1 / 7)
        # Summed streams at deltas either side of 1/7: cooperate R forever vs T once then P forever.
        for delta in (0.13, 0.15):
            deviate = (1 - delta) * T + delta * P
            assert (R >= deviate) == (delta >= 1 / 7)
        sc = ns.scenarios.repeated_crisis()
        rc = sc.build()
        stake, aud, conc = sc.stake, sc.russia_audience_cost, sc.nato_concession_cost
        expected = max(stake / (stake + aud), conc / (2 * conc))
        assert expected == pytest.approx(2 / 3)
        assert rc.grim_trigger_threshold(("Back down", "Back down")) == pytest.approx(expected)

    def test_exercise_8_2_the_spe_region(self):
        """8.2: the triangle of the two minmax values and the two pure equilibria, as QuantEcon finds."""
        qe_gt = pytest.importorskip("quantecon.game_theory")
        g = ns.scenarios.repeated_crisis().build().stage_game
        for delta in (0.5, 0.9):
            mine = ns.models.RepeatedCrisis(g, delta).equilibrium_payoffs()
            stage = qe_gt.NormalFormGame((qe_gt.Player(g.payoffs[..., 0]), qe_gt.Player(g.payoffs[..., 1].T)))
            hull = qe_gt.RepeatedGame(stage, delta).equilibrium_payoffs()
            theirs = hull.points[hull.vertices]
            key = lambda v: (round(v[0], 6), round(v[1], 6))  # noqa: E731
            assert sorted(map(key, mine)) == sorted(map(key, theirs)) == sorted(
                [(-0.5, -0.4), (1.0, -0.4), (-0.5, 0.4)])
        # War pays each less than its minmax: outside the individually rational set.
        war = g.payoffs[0, 0]
        assert war[0] < -0.5 and war[1] < -0.4

    def test_exercise_8_3_six_rounds(self):
        """8.3: one round 1/2 and 1/2; two rounds at delta 0.5: offers 0.55, 0.7; agreement 0.4, 0.3; failure 0.3."""
        one = ns.models.Screening(delta=0.5, n_rounds=1).solve()
        assert one.offers[0] == pytest.approx(0.5) and one.p_war == pytest.approx(0.5)
        two = ns.models.Screening(delta=0.5, n_rounds=2).solve()
        # Brute force: the first-round cutoff c on a fine grid, with price 0.75 c and continuation 0.5 (c/2)^2.
        c = np.linspace(0, 1, 100_001)
        value = 0.75 * c * (1 - c) + 0.5 * (c / 2) ** 2
        c_star = c[np.argmax(value)]
        assert c_star == pytest.approx(0.6, abs=1e-4)
        assert two.offers.tolist() == pytest.approx([1 - 0.75 * c_star, 1 - c_star / 2], abs=1e-4)
        assert two.p_agree.tolist() == pytest.approx([1 - c_star, c_star / 2], abs=1e-4)
        assert two.p_war == pytest.approx(c_star / 2, abs=1e-4)
        outs = [ns.scenarios.six_hours(n_rounds=n).solve().outcomes for n in (1, 3, 6)]
        assert outs[0]["p_war"] > outs[1]["p_war"] > outs[2]["p_war"]
        assert outs[0]["expected_delay"] < outs[1]["expected_delay"] < outs[2]["expected_delay"]

    @pytest.mark.parametrize(("delta", "offers", "p_war"), [(0.5, [0.4, 0.6], 0.0), (0.9, [0.2, 0.2], 0.3)])
    def test_exercise_8_4_ploy_or_sincere(self, delta, offers, p_war):
        """8.4: the three options' payoffs by hand; the best is the equilibrium the model returns."""
        b_h, b_l, mu = 0.8, 0.4, 0.7
        concede = b_l
        screen = mu * (b_h - delta * (b_h - b_l)) + (1 - mu) * delta * b_l
        accept = mu - (b_l / b_h) * (1 - mu) / (1 - b_l / b_h)
        hold_out = accept * b_h + (1 - accept) * delta * b_l
        best = max(concede, screen, hold_out)
        res = ns.models.Screening(delta=delta, n_rounds=2, reservation_low=0.2, reservation_high=0.6,
                                  prob_low=mu).solve()
        assert res.west_payoff == pytest.approx(best)
        assert res.offers.tolist() == pytest.approx(offers) and res.p_war == pytest.approx(p_war)

    def test_exercise_8_5_indivisible_status_and_shift(self):
        """8.5: range [0.3, 0.6], side payment 0.3, lottery 0.4/0.9, critical future chance 0.4 - 0.061/0.9."""
        sc = ns.scenarios.donbas_commitment()
        res = sc.build().solve()
        assert (res.low, res.high) == pytest.approx((0.3, 0.6)) and res.range_empty
        assert res.min_side_payment == pytest.approx(0.3)
        assert res.lottery == pytest.approx((0.0, 0.9, 0.4 / 0.9))
        crit = 0.4 - (0.1 * 0.6 + 0.01 * 0.1) / 0.9
        assert sc.solve().outcomes["critical_p_later"] == pytest.approx(crit)
        horizon = 0.9 ** np.arange(3000)
        for p_later in (crit - 0.01, crit + 0.01):  # present values summed, both sides
            war = (0.4 * horizon).sum() - 0.1
            peace = 1 + 0.9 * ((p_later * horizon).sum() - 0.1)
            assert sc.with_params(p_later=p_later).solve().outcomes["preventive_war"] == float(war > peace)

    def test_exercise_8_6_cornered_rat(self):
        """8.6: values from today's order and from 1997 by the published formulas; the switch near 0.825."""
        today_gamble = tk_w(0.4, W_GAIN) * tk_v(1.0) + tk_w(0.6, W_LOSS) * tk_v(-1.0)
        from_1997 = tk_w(0.6, W_LOSS) * tk_v(-2.0)  # the win is the reference itself: value 0
        assert today_gamble < 0 and from_1997 > tk_v(-1.0)
        sc = ns.scenarios.cornered_rat()
        out = sc.solve().outcomes
        assert out["value_gamble"] == pytest.approx(from_1997) and out["value_sure"] == pytest.approx(-2.25)
        assert sc.with_params(reference=0.0).solve().outcomes["value_gamble"] == pytest.approx(today_gamble)
        # Bisection written here on the recomputed difference, for reference points between 0 and 1.
        def gap(r):
            gains = [(x - r, p) for x, p in ((1.0, 0.4), (-1.0, 0.6))]
            total = 0.0
            for x, p in gains:
                if x > 0:
                    total += tk_w(p, W_GAIN) * tk_v(x)
                elif x < 0:
                    worse = sum(q for y, q in gains if y < x)
                    total += (tk_w(worse + p, W_LOSS) - tk_w(worse, W_LOSS)) * tk_v(x)
            return total - tk_v(-r)
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if gap(mid) <= 0 else (lo, mid)
        assert out["switch_reference"] == pytest.approx(hi, abs=1e-9)
        assert hi == pytest.approx(0.825, abs=1e-3)

    @pytest.mark.parametrize(("office", "gambles"), [(0.45, False), (0.55, True)])
    def test_exercise_8_7_gambling_for_resurrection(self, office, gambles):
        """8.7: the leader escalates against the country's interest iff -0.2 + 0.4 R > 0, i.e. R > 0.5."""
        out = ns.scenarios.cornered_rat(office_value=office).solve().outcomes
        assert out["gambling_for_resurrection"] == float(gambles) == float(-0.2 + 0.4 * office > 0)
