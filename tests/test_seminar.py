"""The seminar kit's exercises: every answer computed with the library and checked independently.

Each test names its exercise (docs/seminar/sessionN_*.md) and compares what ``negotiation_sim`` computes with a
closed form written here, a brute-force computation, or pygambit (tests/oracle.py) — never with numbers copied from
the library's output.
"""

import itertools
import math

import numpy as np
import pytest
from scipy import optimize, stats

import negotiation_sim as ns
import tests.test_seminar_signals as signals_kit  # session 7's exercises (not collected twice: module import)
import tests.test_seminar_time as time_kit  # session 8's


def crisis_tree(russia_war=-5.0):
    """The threat tree of session 1."""
    t = ns.GameTree(players=("Russia", "NATO"))
    threaten, wait = t.root.move("Russia", ["Threaten", "Status quo"])
    wait.payoffs(0, 0)
    concede, resist = threaten.move("NATO", ["Concede", "Resist"])
    concede.payoffs(1, -1)
    fight, back = resist.move("Russia", ["Fight", "Back down"])
    fight.payoffs(russia_war, -5)
    back.payoffs(-2, 0)
    return t


def backward_induction_outcome(russia_war):
    """Backward induction on the threat tree by hand: the terminal reached."""
    fight_or_back = ("Fight", russia_war) if russia_war > -2 else ("Back down", -2)
    nato_resist = -5 if fight_or_back[0] == "Fight" else 0
    nato = "Concede" if -1 > nato_resist else "Resist"
    russia_threat = 1 if nato == "Concede" else fight_or_back[1]
    return f"Threaten/{nato}" if russia_threat > 0 else "Status quo"


def pure_nash_brute_force(payoffs):
    """Every pure Nash equilibrium of a payoff tensor (*n_actions, n_players), by checking each deviation."""
    payoffs = np.asarray(payoffs)
    shape = payoffs.shape[:-1]
    out = []
    for prof in itertools.product(*map(range, shape)):
        ok = True
        for i, n in enumerate(shape):
            best = max(payoffs[prof[:i] + (a,) + prof[i + 1:]][i] for a in range(n))
            ok &= payoffs[prof][i] >= best - 1e-12
        if ok:
            out.append(prof)
    return out


class TestSession1:
    def test_exercise_1_1_spe_and_non_credible_threat(self):
        """Exercise 1.1: the SPE keeps the status quo; (Threaten/Fight, Concede) rests on a non-credible threat."""
        tree = crisis_tree()
        assert ns.subgame_perfect(tree)[0].outcomes == {backward_induction_outcome(-5): 1.0} == {"Status quo": 1.0}
        # credibility() reports mixed equilibria too; the exercise asks about the pure one.
        [record] = [r for r in ns.credibility(tree) if r.equilibrium.is_pure]
        assert record.strategies == {"Russia": "Threaten/Fight", "NATO": "Concede"}
        assert record.threats[0].loss == pytest.approx(3.0)  # -2 - (-5)
        nf = tree.to_normal_form()
        ours = {tuple(int(np.argmax(s)) for s in e.strategies) for e in ns.pure_equilibria(nf)}
        assert ours == set(pure_nash_brute_force(nf.payoffs))

    @pytest.mark.parametrize("w", [-4.0, -2.5, -1.5, -1.0, 0.5])
    def test_exercise_1_2_threat_credible_iff_w_above_minus_2(self, w):
        """Exercise 1.2: the SPE outcome switches to Threaten/Concede exactly when w > -2."""
        assert ns.subgame_perfect(crisis_tree(w))[0].outcomes == {backward_induction_outcome(w): 1.0}

    def test_exercise_1_2_nato_threat_not_credible_at_w_minus_1(self):
        """Exercise 1.2(c): with w = -1, (Status quo, Resist) rests on NATO's non-credible threat to resist."""
        records = [r for r in ns.credibility(crisis_tree(-1.0)) if r.equilibrium.is_pure]
        assert [r.strategies["NATO"] for r in records] == ["Resist"]
        assert records[0].threats[0].player == "NATO"

    @pytest.mark.parametrize("params", [{}, {"nato_war_cost": 2.0, "russia_war_cost": 0.9},
                                        {"stake": 2.0, "nato_concession_cost": 0.7, "russia_audience_cost": 0.2}])
    def test_exercise_1_3_mixed_equilibrium_closed_form(self, params):
        """Exercise 1.3: q = k_N / c_N, r = s / (s + c_R - a_R), war q r."""
        sc = ns.scenarios.border_standoff(**params)
        p, out = sc.parameters, sc.solve().outcomes
        q = p["nato_concession_cost"] / p["nato_war_cost"]
        r = p["stake"] / (p["stake"] + p["russia_war_cost"] - p["russia_audience_cost"])
        assert out["p_russia_holds"] == pytest.approx(q)
        assert out["p_nato_holds"] == pytest.approx(r)
        assert out["p_war"] == pytest.approx(q * r)

    @pytest.mark.parametrize(("change", "moved"), [({"nato_war_cost": 2.0}, "p_russia_holds"),
                                                   ({"nato_war_cost": 0.5}, "p_russia_holds"),
                                                   ({"russia_war_cost": 1.2}, "p_nato_holds"),
                                                   ({"stake": 2.0}, "p_nato_holds")])
    def test_exercise_1_3_d_mixed_strategy_paradox(self, change, moved):
        """Exercise 1.3(d): a change in one side's payoffs moves only the OTHER side's probability of holding firm."""
        base = ns.scenarios.border_standoff()
        sc = base.with_params(**change)
        p, before, after = sc.parameters, base.solve().outcomes, sc.solve().outcomes
        q = p["nato_concession_cost"] / p["nato_war_cost"]
        r = p["stake"] / (p["stake"] + p["russia_war_cost"] - p["russia_audience_cost"])
        assert (after["p_russia_holds"], after["p_nato_holds"]) == (pytest.approx(q), pytest.approx(r))
        kept = "p_nato_holds" if moved == "p_russia_holds" else "p_russia_holds"
        assert after[kept] == pytest.approx(before[kept])
        assert after[moved] != pytest.approx(before[moved])

    def test_exercise_1_4_war_falls_with_russias_cost(self):
        """Exercise 1.4: no war below a_R = 0.5 (one equilibrium), 0.4 / (0.5 + c_R) above (three)."""
        grid = np.linspace(0.3, 1.5, 24)
        df = ns.scenarios.get("border_standoff").sweep(russia_war_cost=grid, progress=False)
        chosen = df[df["selected"]].set_index("russia_war_cost")
        assert np.allclose(chosen.loc[grid, "p_war"], np.where(grid > 0.5, 0.4 / (0.5 + grid), 0.0))
        # one row per equilibrium: count them, and check each row's p_war against its own strategies
        counts = df.groupby("russia_war_cost").size().loc[grid].to_numpy()
        assert np.array_equal(counts, np.where(grid > 0.5, 3, 1))
        assert np.allclose(df["p_war"], df["Russia:Hold firm"] * df["NATO:Hold firm"])


class TestSession2:
    def test_exercise_2_1_range_and_nash_midpoint(self):
        """Exercise 2.1: range [p - c_A, min(1, p + c_B)]; the Nash solution is its midpoint."""
        assert ns.models.Fearon(p=0.6, cost_a=0.1, cost_b=0.25).bargaining_range() == pytest.approx((0.5, 0.85))
        assert ns.models.Fearon(p=0.6, cost_a=0.1, cost_b=0.5).bargaining_range() == pytest.approx((0.5, 1.0))
        nash = ns.models.NashBargaining.war(p=0.6, cost_a=0.1, cost_b=0.25).solve()
        res = optimize.minimize_scalar(lambda u: -(u - 0.5) * (1 - u - 0.15), bounds=(0.5, 0.85), method="bounded",
                                       options={"xatol": 1e-10})
        assert nash.u1 == pytest.approx(0.675) == pytest.approx(res.x, abs=1e-6)

    def test_exercise_2_2_uniform_risk_return(self):
        """Exercise 2.2: x* = p + (cbar - c_A)/2, P(war) = (cbar - c_A)/(2 cbar), also by grid search."""
        demand = ns.scenarios.get("maximal_demand")
        p, ca, cbar = 0.6, 0.1, 0.5
        x = np.linspace(p, 1, 200001)
        F = np.clip((x - p) / cbar, 0, 1)
        x_grid = x[np.argmax((1 - F) * x + F * (p - ca))]
        out = demand.solve().outcomes
        assert out["demand"] == pytest.approx(p + (cbar - ca) / 2) == pytest.approx(x_grid, abs=1e-5)
        assert out["p_war"] == pytest.approx((cbar - ca) / (2 * cbar))
        assert out["expected_utility"] == pytest.approx(0.68)
        for p_ in (0.4, 0.5):  # (d) the probability of war does not depend on p
            assert demand.with_params(win_probability=p_).solve().outcomes["p_war"] == pytest.approx(0.4)

    @pytest.mark.parametrize("q", [0.5, 0.69, 0.71, 0.9])
    def test_exercise_2_3_two_types_switch_at_0_7(self, q):
        """Exercise 2.3: the safe demand 0.65 beats the risky 1 (payoff 1 - q/2) iff q > 0.7."""
        out = ns.scenarios.get("maximal_demand").with_params(prob_low=q).solve().outcomes
        assert out["two_type_demand"] == pytest.approx(0.65 if q > 0.7 else 1.0)

    @staticmethod
    def _stationary_share(d_r, d_w, b_r, b_w):
        """Russia's share from the stationary conditions x = 1 - max(b_W, d_W (1 - y)), y = max(b_R, d_R x)."""
        x = 0.5
        for _ in range(10_000):
            x = 1 - max(b_w, d_w * (1 - max(b_r, d_r * x)))
        return x

    def test_exercise_2_4_rubinstein_and_outside_option(self):
        """Exercise 2.4(a-c): 5/14 without options; thresholds 9/14 (West) and 2/7 (Russia); Russia's binds: 0.55."""
        talks = ns.scenarios.get("marathon_talks")
        out = talks.solve().outcomes
        d_r, d_w = 0.8, 0.9
        assert out["no_options_share_russia"] == pytest.approx(5 / 14)
        assert talks.build().option_threshold == pytest.approx(9 / 14)
        assert talks.build().option1_threshold == pytest.approx(2 / 7)
        assert (out["russia_option"], out["west_option"]) == (pytest.approx(0.5), pytest.approx(0.1))
        assert out["russia_option_binds"] == 1 and out["west_option_binds"] == 0
        assert out["share_russia"] == pytest.approx(0.55) == pytest.approx(self._stationary_share(d_r, d_w, 0.5, 0.1))

    @pytest.mark.parametrize("optimism", [0.0, 0.2, 0.34, 0.36, 0.39, 0.399, 0.41, 0.5])
    def test_exercise_2_4_d_no_deal_above_both_costs(self, optimism):
        """Exercise 2.4(d-e): a deal iff 0.6 + optimism <= 1; Russia's share 0.55, then 0.9 - optimism above 0.35."""
        out = ns.scenarios.get("marathon_talks").with_params(optimism=optimism).solve().outcomes
        b_r, b_w = 0.6 - 0.1, 1 - (0.6 - optimism) - 0.3
        assert bool(out["agreement"]) == (b_r + b_w <= 1 + 1e-12) == (optimism <= 0.4 + 1e-12)
        if out["agreement"]:
            expected = 0.55 if optimism <= 0.35 else 0.9 - optimism
            assert out["share_russia"] == pytest.approx(expected)
            assert out["share_russia"] == pytest.approx(self._stationary_share(0.8, 0.9, b_r, b_w))
        else:
            assert (out["payoff_russia"], out["payoff_west"]) == (pytest.approx(b_r), pytest.approx(b_w))

    def test_exercise_2_5_finite_horizon_backward_induction(self):
        """Exercise 2.5: the finite-horizon shares equal a hand-written backward induction."""
        d1, d2 = 0.8, 0.9

        def share_first(T):
            share = 1.0
            for t in range(T - 1, 0, -1):
                share = 1 - (d2 if t % 2 == 1 else d1) * share
            return share

        lib = ns.models.Rubinstein(delta1=d1, delta2=d2).shares_by_horizon(range(1, 61))["share1"].to_numpy()
        assert np.allclose(lib, [share_first(T) for T in range(1, 61)])
        assert abs(lib[-1] - 5 / 14) < 0.01 * 5 / 14


class TestSession3:
    def test_exercise_3_1_bluff_probability_is_3_8(self):
        """Exercise 3.1: at prior 0.2 the unresolved type bluffs with probability 3/8 (MODELS.md formula)."""
        out = ns.scenarios.get("hostage_taker").with_params(leverage=0.2).solve().outcomes
        prior, t = 0.2, 0.4
        assert out["threshold"] == pytest.approx(t)
        assert out["bluff_prob"] == pytest.approx(prior * (1 - t) / ((1 - prior) * t)) == pytest.approx(3 / 8)

    def test_exercise_3_2_resistance_war_bluffs_concessions(self):
        """Exercise 3.2: r = 2/3, war 2/15, called bluff 1/5, concession 1/6."""
        out = ns.scenarios.get("hostage_taker").with_params(leverage=0.2).solve().outcomes
        assert out["resist_prob"] == pytest.approx(2 / 3)
        assert out["p_war"] == pytest.approx(2 / 15)
        assert out["p_bluff_called"] == pytest.approx(1 / 5)
        assert out["p_concede"] == pytest.approx(1 / 6)
        low = ns.scenarios.get("hostage_taker").with_params(leverage=0.2, audience_cost=0.1).solve().outcomes
        assert low["resist_prob"] == pytest.approx(1 / 1.1)
        # (c) war and called bluffs rise, concessions fall; the bluffing probability is unchanged (3/8)
        assert low["p_war"] > out["p_war"] and low["p_bluff_called"] > out["p_bluff_called"]
        assert low["p_concede"] < out["p_concede"]
        assert low["bluff_prob"] == pytest.approx(out["bluff_prob"]) == pytest.approx(3 / 8)

    def test_exercise_3_3_quiche_pooling_fails_intuitive_criterion(self):
        """Exercise 3.3: pooling on quiche needs P(Weak | Beer) >= 1/2 and fails; checked by hand."""
        g = ns.SignalingGame(types=("Weak", "Strong"), prior=[0.1, 0.9], messages=("Beer", "Quiche"),
                             responses=("Duel", "No duel"), sender_payoffs=[[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
                             receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
        S = np.asarray(g.sender_payoffs)
        eqs = ns.solve(g)
        [quiche] = [e for e in eqs if e.sender_behaviour[0, 1] == 1]
        [beer] = [e for e in eqs if e.sender_behaviour[0, 0] == 1]
        # by hand: equilibrium payoffs 3 (weak), 2 (strong); at Beer the weak type's best (2) < 3: dominated
        eq_pay = S[:, 1, 1]
        dominated = S[:, 0, :].max(axis=1) < eq_pay
        assert dominated.tolist() == [True, False]
        assert S[1, 0, 1] > S[1, 1, 1]  # the strong type gains from beer if not dueled
        assert not quiche.intuitive and beer.intuitive
        assert quiche.off_path_beliefs["Beer"].interval == pytest.approx((0.5, 1.0))

    def test_exercise_3_4_generic_solver_matches_closed_form(self):
        """Exercise 3.4: one PBE, semi-separating (threat 1 and 3/8, resist 2/3), and the list is complete."""
        game = ns.models.CrisisSignaling(prior=0.2, concession_cost=0.4, war_cost_target=1.0, audience_cost=0.5).game()
        eqs = ns.solve(game)
        assert len(eqs) == 1 and eqs.complete and eqs[0].kind == "semi-separating"
        assert np.allclose(eqs[0].sender_behaviour[:, 1], [1, 0.2 * 0.6 / (0.8 * 0.4)])
        assert eqs[0].receiver_behaviour[1, 1] == pytest.approx(1 / (1 + 0.5))
        assert eqs[0].beliefs["Threaten"]["Resolved"] == pytest.approx(0.4)

    def test_exercise_3_4_c_knife_edge_adds_pooling_on_the_status_quo(self):
        """Exercise 3.4(c): with war_payoff_resolved = 0, nobody threatening is a PBE for beliefs mu <= c / W."""
        game = ns.models.CrisisSignaling(prior=0.2, concession_cost=0.4, war_cost_target=1.0, audience_cost=0.5,
                                         war_payoff_resolved=0.0).game()
        eqs = ns.solve(game)
        [quiet] = [e for e in eqs if e.kind == "pooling"]
        assert np.allclose(quiet.sender_behaviour[:, 1], [0, 0]) and quiet.receiver_behaviour[1, 1] == 1
        assert quiet.off_path_beliefs["Threaten"].interval == pytest.approx((0.0, 0.4 / 1.0))
        # by hand: a resisted resolved Russia gets its war payoff 0, the same as the status quo
        assert game.sender_payoffs[0, 1, 1] == 0 == game.sender_payoffs[0, 0, 0]
        assert quiet.intuitive

    @pytest.mark.parametrize("cost", [1.0, 2.0, 4.0])
    def test_exercise_3_5_restraint_lowers_the_threshold(self, cost):
        """Exercise 3.5: P(war) = prior * 2/3 below t = 0.4 / cost, 0 above."""
        grid = np.linspace(0.005, 0.995, 100)
        df = ns.scenarios.get("hostage_taker").with_params(war_cost_target=cost).sweep(leverage=grid, progress=False)
        curve = df[df["selected"]].set_index("leverage")["p_war"].to_numpy()
        assert np.allclose(curve, np.where(grid < 0.4 / cost, grid * 2 / 3, 0.0))


class TestSession4:
    @pytest.mark.parametrize("prior", [0.05, 0.1, 0.2, 0.26, 0.6])
    def test_exercise_4_1_deterred_markets(self, prior):
        """Exercise 4.1: the entrant stays out for sure in #{n : b**n < prior} markets."""
        lib = ns.models.ChainStore(a=2.0, b=0.5, prior=prior, n_markets=6).solve().deterred_markets
        assert lib == sum(0.5**n < prior for n in range(1, 7))

    def test_exercise_4_2_mixing_and_bayes(self):
        """Exercise 4.2: beta = 1/3 and the posterior after a fight is b**2 = 0.25 by Bayes' rule."""
        store = ns.models.ChainStore(a=2.0, b=0.5, prior=0.1, n_markets=6)
        beta = store.p_fight_weak(3, 0.1)
        assert beta == pytest.approx(0.1 * 0.75 / (0.9 * 0.25)) == pytest.approx(1 / 3)
        assert store.posterior_after_fight(3, 0.1) == pytest.approx(0.1 / (0.1 + 0.9 * beta)) == pytest.approx(0.25)

    @pytest.mark.parametrize(("prior", "deterred"), [(0.24, 4), (0.26, 5), (0.49, 5), (0.51, 6)])
    def test_exercise_4_3_reputation_needed(self, prior, deterred):
        """Exercise 4.3: five crises deterred iff prior > b**2, six iff prior > b."""
        out = ns.scenarios.get("reputation").with_params(prior=prior).solve().outcomes
        assert out["deterred_crises"] == deterred == sum(0.5**n < prior for n in range(1, 7))

    @pytest.mark.parametrize("prior", [0.05, 0.1, 0.2, 0.3])
    def test_exercise_4_3_b_first_challenge_and_weak_response(self, prior):
        """Exercise 4.3(b): the first challenge comes at the largest n with b**n >= prior; acquiescing there leaves
        a belief of 0 < b**m, so every later crisis is challenged."""
        out = ns.scenarios.get("reputation").with_params(prior=prior).solve().outcomes
        n_first = max(n for n in range(1, 7) if 0.5**n >= prior)
        assert out["first_contested_crisis"] == 6 - n_first + 1
        assert out["challenged_after_weak_response"] == n_first - 1

    def test_exercise_4_3_c_the_assumption_is_stated(self):
        """Exercise 4.3(c): the scenario's explanation states the short-lived entrant assumption."""
        text = ns.scenarios.get("reputation").explain()
        assert "short-lived entrant" in text and "long-lived Russia" in text and "different game" in text

    def test_exercise_4_4_repeated_crises_first_round(self):
        """Exercise 4.4: first-round frequencies within 4 standard errors of session 3's closed forms."""
        sim = ns.analysis.repeated_crisis(prior=0.2, concession_cost=0.4, war_cost_target=1.0, audience_cost=0.5,
                                          n_rounds=2, n_runs=4000, rng=1, progress=False)
        first = sim.summary().loc[1]
        beta, r = 3 / 8, 2 / 3
        closed = {"status_quo": 0.8 * (1 - beta), "concession": (0.2 + 0.8 * beta) * (1 - r),
                  "war": 0.2 * r, "backed_down": 0.8 * beta * r}
        assert sum(closed.values()) == pytest.approx(1)
        for k, v in closed.items():
            assert abs(first["p_" + k] - v) < 4 * first["se_" + k]
        d = sim.data[sim.data["round"] == 1].groupby("outcome")["posterior"]
        assert d.min()["concession"] == pytest.approx(0.2 / (0.2 + 0.8 * beta))
        assert d.max()["concession"] == pytest.approx(0.4)
        assert d.max()["backed down"] == 0 and d.min()["war"] == 1


class TestSession5:
    def test_exercise_5_1_credible_mediator_range(self):
        """Exercise 5.1: credible iff (x_L + x_H)/2 <= m <= x_L + sqrt(w); France at 0.45 is not."""
        med = ns.scenarios.get("mediation")
        out = med.solve().outcomes
        assert out["credible_low"] == pytest.approx((0.65 + 0.9) / 2)
        assert 0.65 + math.sqrt(0.8) > 1  # the truth condition's end passes 1: every share above 0.775 is credible
        assert out["credible_high"] == 1.0
        # alone, Russia compares 0.65 for sure with 0.5 * 0.9 + 0.5 * (0.6 - 0.15): it demands 0.9, war 1/2
        assert 0.5 * 0.9 + 0.5 * (0.6 - 0.15) > 0.65
        assert not out["credible"] and out["p_war_with"] == pytest.approx(0.5)
        assert out["demand_without"] == pytest.approx(0.9)
        assert med.with_params(mediator_bias=0.8).solve().outcomes["p_war_with"] == 0

    @pytest.mark.parametrize(("params", "deal"), [({}, 0.5), ({"win_probability": 0.9}, None),
                                                  ({"win_probability": 0.8}, 0.7)])
    def test_exercise_5_1_compromise_by_backward_induction(self, params, deal):
        """Exercise 5.1 (d): backward induction by hand on the grid 0, 0.1, ..., 0.7 against the solver."""
        med = ns.scenarios.get("mediation").with_params(**params)
        p, c_r = med.win_probability, med.russia_war_cost
        xs = [k / 10 for k in range(8)]
        accepted = [x for x in xs if x > p - c_r + 1e-12 and -1.5 * x > -0.8 - 1.5 * p + 1e-12]
        france = {x: 0.2 - (x - 0.45) ** 2 for x in accepted}
        expected = max(france, key=france.get) if france and max(france.values()) > -0.8 else None
        assert expected == deal
        res = med.solve()
        plays = [next(iter(eq.outcomes)) for eq in res.equilibria]
        if deal is None:
            assert all(z.startswith("War") for z in plays) and res.outcomes["p_compromise"] == 0
            assert len(plays) == 8  # France indifferent between proposals that all end in war
        else:
            assert plays == [f"Deal at {deal:g}"] and res.outcomes["proposal"] == pytest.approx(deal)

    def test_exercise_5_2_cohesion(self):
        """Exercise 5.2: unanimity of 3 deters iff c**3 >= 1/1.6; quota 2 of 3 is a binomial tail."""
        unity = ns.scenarios.get("coalition_unity")
        assert unity.n_allies == 3 and unity.quota == 3
        c_min = 0.625 ** (1 / 3)
        assert unity.with_params(cohesion=c_min - 0.01).solve().outcomes["attack"] == 1
        assert unity.with_params(cohesion=c_min + 0.01).solve().outcomes["attack"] == 0
        assert unity.with_params(quota=2).solve().outcomes["p_resist"] == pytest.approx(stats.binom(3, 0.9).sf(1))
        assert stats.binom(3, 0.9).sf(1) == pytest.approx(0.972)

    @pytest.mark.parametrize("quota", [2, 3])
    def test_exercise_5_3_unity_and_fracture(self, quota):
        """Exercise 5.3: the allies' pure equilibria equal those of the payoff rule written here."""
        game = ns.scenarios.get("coalition_unity").with_params(quota=quota).build().game()
        firm = game.actions[0].index("Stand firm")

        def payoff(profile, i):
            n_firm = sum(a == firm for a in profile)
            holds = n_firm >= quota
            f = profile[i] == firm
            return 1.0 * holds - 0.25 * f - 0.5 * f * (not holds)

        mine = np.array([[payoff(p, i) for i in range(3)] for p in itertools.product(range(2), repeat=3)])
        expected = set(pure_nash_brute_force(mine.reshape(2, 2, 2, 3)))
        ours = {tuple(int(np.argmax(s)) for s in e.strategies) for e in ns.pure_equilibria(game)}
        assert ours == expected
        n_unity = math.comb(3, quota)
        assert len(expected) == n_unity + 1  # exactly `quota` firm, or nobody firm

    @pytest.mark.parametrize(("params", "first_removed"), [({}, None), ({"support": 0.0}, ("Russia", "Withdraw")),
                                                           ({"russia_war_cost": 0.1}, ("Russia", "Withdraw"))])
    def test_exercise_5_4_dominance(self, params, first_removed):
        """Exercise 5.4: the first strictly dominated action, found by brute force over pure dominators."""
        from tests.oracle import enumpure

        game = ns.scenarios.get("european_crisis").with_params(**params).build()
        steps = ns.eliminate_dominated(game)[1]
        dominated = []
        for i, player in enumerate(game.players):
            u = np.moveaxis(game.payoffs[..., i], i, 0)
            for a, b in itertools.permutations(range(game.shape[i]), 2):
                if np.all(u[b] > u[a] + 1e-9):
                    dominated.append((player, game.actions[i][a]))
        if first_removed is None:
            assert steps == [] and dominated == []
        else:
            assert first_removed in dominated
            assert (steps[0].player, steps[0].action) in dominated
        assert len(ns.pure_equilibria(game)) == len(enumpure(game.payoffs))

    def test_exercise_5_4_no_pure_equilibrium_then_mixed(self):
        """Exercise 5.4(c): with Russia's war cost 0.1 no pure equilibrium exists; the solver returns a mixed one."""
        game = ns.scenarios.get("european_crisis").with_params(russia_war_cost=0.1).build()
        assert pure_nash_brute_force(game.payoffs) == []
        steps = ns.eliminate_dominated(game)[1]
        assert [(s.player, s.action) for s in steps] == [("Russia", "Withdraw"), ("Ukraine", "Concede")]
        eqs = ns.solve(game)
        assert len(eqs) >= 1 and not eqs[0].is_pure
        assert ns.regret(game, eqs[0].strategies) < 1e-6


class TestSession6:
    chicken = ns.models.chicken(0, -1, 1, -10)

    @pytest.mark.parametrize("lam", [0.5, 1.0, 5.0, 20.0])
    def test_exercise_6_1_symmetric_qre(self, lam):
        """Exercise 6.1: ns.qre equals the root of q = 1 / (1 + exp(-lam (1 - 10 q)))."""
        mine = optimize.brentq(lambda q: q - 1 / (1 + np.exp(-lam * (1 - 10 * q))), 0, 1, xtol=1e-14)
        r = ns.qre(self.chicken, lam)
        assert r.strategies[0][1] == pytest.approx(mine, abs=1e-9)
        assert r.strategies[1][1] == pytest.approx(mine, abs=1e-9)

    def test_exercise_6_1_limit_is_mixed_nash(self):
        """Exercise 6.1(b): the branch tends to q = (T - R)/((T - R) + (S - P)) = 0.1."""
        limit = ns.qre_path(self.chicken).limit
        assert limit.strategies[0][1] == pytest.approx(0.1) and limit.strategies[1][1] == pytest.approx(0.1)

    def test_exercise_6_2_selection_in_the_standoff(self):
        """Exercise 6.2: leanings at lam = 0 by hand (0.2 vs -0.25; -0.3 vs -0.2); the limit is (Hold, Back down)."""
        st = ns.scenarios.get("border_standoff").build()
        A, B = st.payoff_array(0), st.payoff_array(1)
        assert A @ [0.5, 0.5] == pytest.approx([0.2, -0.25])
        assert np.array([0.5, 0.5]) @ B == pytest.approx([-0.3, -0.2])
        limit = ns.qre_path(st).limit
        assert limit.strategies[0][0] == pytest.approx(1) and limit.strategies[1][1] == pytest.approx(1)
        assert len(pure_nash_brute_force(st.payoffs)) == 2  # it is one of the two pure equilibria

    def test_exercise_6_3_fictitious_play_ends_near_equilibrium(self):
        """Exercise 6.3: every run's empirical profile has regrets (computed here) below 1% of the payoff scale."""
        st = ns.scenarios.get("border_standoff").build()
        A, B = st.payoff_array(0), st.payoff_array(1)
        for seed in range(5):
            x, y = ns.simulate(st, "fictitious_play", rounds=2000, rng=seed).final
            assert max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y) <= 0.01

    def test_exercise_6_4_qre_fixed_point_and_war(self):
        """Exercise 6.4: ns.qre agrees with fsolve on the logit equations; war below the mixed Nash 0.3636."""
        st = ns.scenarios.get("border_standoff").build()
        A, B = st.payoff_array(0), st.payoff_array(1)

        def eqs(z, lam):
            x, y = z
            ur, un = A @ [y, 1 - y], np.array([x, 1 - x]) @ B
            return [x - 1 / (1 + np.exp(-lam * (ur[0] - ur[1]))), y - 1 / (1 + np.exp(-lam * (un[0] - un[1])))]

        for lam in (0.5, 1.0, 2.0, 5.0):
            mine = optimize.fsolve(eqs, [0.5, 0.5], args=(lam,), xtol=1e-13)
            r = ns.qre(st, lam)
            assert np.allclose(mine, [r.strategies[0][0], r.strategies[1][0]], atol=1e-8)
            assert mine[0] * mine[1] < 0.4 / 1.1


def test_every_exercise_has_a_test():
    """Each exercise numbered in docs/seminar has a test here named after it."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    numbers = set()
    for page in (root / "docs" / "seminar").glob("session*.md"):
        numbers |= set(re.findall(r"### Exercise (\d\.\d)", page.read_text()))
    assert len(numbers) >= 6 * 3
    tested = {name.replace("test_exercise_", "").split("_")[0] + "." + name.replace("test_exercise_", "").split("_")[1]
              for cls in (TestSession1, TestSession2, TestSession3, TestSession4, TestSession5, TestSession6,
                          signals_kit.TestSession7, time_kit.TestSession8)
              for name in dir(cls) if name.startswith("test_exercise_")}
    assert numbers <= tested
