"""The hostage-taker crisis against MODELS.md's closed form, per-equilibrium outcomes, the valid region
and every sentence of its explanation, on both sides of the threshold."""

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.scenarios._base import Scenario
from negotiation_sim.solvers.equilibrium import format_prob

X, Y, R = "Challenger:Resolved: Threaten", "Challenger:Unresolved: Threaten", "Target:Threaten: Resist"


def closed_form(q, concession_cost, war_cost_target, audience_cost, stake=1.0):
    """MODELS.md, "The hostage-taker crisis, exactly", written out independently (at the threshold
    itself, within 1e-12, the pooling equilibrium, as the model documents)."""
    t = concession_cost / war_cost_target
    if q >= t - 1e-12:
        return {"p_war": 0.0, "p_concede": 1.0, "p_bluff_called": 0.0, "bluff_prob": 1.0, "resist_prob": 0.0}
    bluff = q * (1 - t) / ((1 - q) * t)
    resist = stake / (stake + audience_cost)
    p_threat = q + (1 - q) * bluff
    return {
        "p_war": q * resist,
        "p_concede": p_threat * (1 - resist),
        "p_bluff_called": (1 - q) * bluff * resist,
        "bluff_prob": bluff,
        "resist_prob": resist,
    }


def from_strategies(q, x, y, r):
    """Outcome probabilities of one profile: resolved threatens w.p. x, unresolved y, resisted w.p. r."""
    return {"p_war": q * x * r, "p_bluff_called": (1 - q) * y * r, "p_concede": (q * x + (1 - q) * y) * (1 - r),
            "p_status_quo": 1 - q * x - (1 - q) * y, "bluff_prob": y, "resist_prob": r}


@pytest.mark.parametrize("leverage", [0.0, 0.05, 0.2, 0.3, 0.39, 0.41, 0.6, 0.95, 1.0])
def test_outcomes_match_closed_form_on_both_sides_of_the_threshold(leverage):
    """At priors below and above the West's threshold (0.4 at the defaults), and at 0 and 1."""
    sc = ns.scenarios.hostage_taker(leverage=leverage)
    out = sc.solve().outcomes
    expected = closed_form(leverage, sc.concession_cost, sc.war_cost_target, sc.audience_cost, sc.stake)
    for key, value in expected.items():
        assert out[key] == pytest.approx(value, abs=1e-12), key


class TestDefaultCrisis:
    def test_one_equilibrium_and_a_description_that_agrees_with_complete(self):
        """At the defaults the generic solver lists one PBE, says it is complete, and nothing contradicts it."""
        res = ns.scenarios.get("hostage_taker").solve()
        eqs = res.equilibria
        assert len(eqs) == 1 and eqs.complete and res.selected == 0
        text = eqs.describe()
        assert text.startswith("1 equilibrium (complete).")
        assert "not enumerated" not in text and "Not every" not in text and "may not" not in text
        assert eqs[0].off_path_beliefs == {}  # the status quo ends the game: no belief to support

    def test_war_payoff_is_off_the_knife_edges(self):
        """A resolved Russia strictly prefers war to the status quo (0) and to backing down; an
        unresolved one strictly prefers backing down."""
        sc = ns.scenarios.get("hostage_taker")
        assert sc.war_payoff_resolved > max(0.0, -sc.audience_cost)
        assert sc.war_payoff_unresolved < -sc.audience_cost

    def test_audience_cost_zero_solves(self):
        """audience_cost = 0 is a valid baseline: the West resists every threat, war w.p. the leverage."""
        res = ns.scenarios.hostage_taker(audience_cost=0.0).solve()
        assert res.outcomes["resist_prob"] == 1.0 and res.outcomes["p_war"] == pytest.approx(0.3)


class TestOutcomesBelongToEquilibria:
    @pytest.mark.parametrize("leverage", [0.1, 0.3, 0.4, 0.6])
    @pytest.mark.parametrize("audience_cost", [0.0, 0.5])
    def test_each_equilibrium_outcomes_come_from_its_strategies(self, leverage, audience_cost):
        """equilibrium_outcomes[k] is computed from equilibrium k's strategies; the headline is the selected one's."""
        res = ns.scenarios.hostage_taker(leverage=leverage, audience_cost=audience_cost).solve()
        for eq, own in zip(res.equilibria, res.equilibrium_outcomes, strict=True):
            s, r = eq.sender_behaviour, eq.receiver_behaviour
            for key, value in from_strategies(leverage, s[0, 1], s[1, 1], r[1, 1]).items():
                assert own[key] == pytest.approx(value, abs=1e-12), key
            assert (own["payoff_resolved"], own["payoff_unresolved"]) == pytest.approx(tuple(eq.type_payoffs))
            assert own["payoff_west"] == pytest.approx(eq.payoffs[1])
        closed = closed_form(leverage, 0.4, 1.0, audience_cost)
        for key, value in closed.items():
            assert res.equilibrium_outcomes[res.selected][key] == pytest.approx(value, abs=1e-9), key
            assert res.outcomes[key] == pytest.approx(value, abs=1e-12)

    def test_sweep_rows_carry_their_own_equilibrium(self):
        """Every sweep row's outcome columns follow from that row's strategy columns."""
        df = ns.scenarios.get("hostage_taker").sweep(leverage=np.linspace(0.05, 0.95, 19),
                                                     audience_cost=[0.0, 0.5], progress=False)
        assert df["valid"].all()
        for _, row in df.iterrows():
            want = from_strategies(row["leverage"], row[X], row[Y], row[R])
            for key, value in want.items():
                assert row[key] == pytest.approx(value, abs=1e-12), (key, row["leverage"])
        # one selected row per point, and it is the closed form's
        assert (df.groupby(["leverage", "audience_cost"])["selected"].sum() == 1).all()
        sel = df[df["selected"]]
        for _, row in sel.iterrows():
            closed = closed_form(row["leverage"], 0.4, 1.0, row["audience_cost"])
            assert row["p_war"] == pytest.approx(closed["p_war"], abs=1e-9)

    def test_sweep_over_audience_cost_never_aborts(self):
        """audience_cost on [0, 2]: valid below 1 (= -war_payoff_unresolved), a reason above."""
        df = ns.scenarios.get("hostage_taker").sweep(audience_cost=np.linspace(0, 2, 21), progress=False)
        valid = df.groupby("audience_cost")["valid"].first()
        assert (valid == (valid.index < 1 - 1e-12)).all()
        reasons = df[~df["valid"]]["invalid_reason"]
        assert reasons.str.contains("war_payoff_unresolved").all() and reasons.str.contains("audience_cost").all()


class TestValidRegion:
    """The joint region of MODELS.md: c < W, w_R > max(0, -a), w_U < -a."""

    @pytest.mark.parametrize("point", [{}, {"concession_cost": 0.9, "war_cost_target": 1.2},
                                       {"audience_cost": 0.0, "war_payoff_unresolved": -0.1},
                                       {"audience_cost": 2.0, "war_payoff_unresolved": -3.0, "stake": 2.0}])
    def test_parameter_range_is_the_hand_computed_interval(self, point):
        """parameter_range equals the bounds computed by hand and the base class's bisection."""
        sc = ns.scenarios.hostage_taker(**point)
        c, w, a = sc.concession_cost, sc.war_cost_target, sc.audience_cost
        hand = {"leverage": (0, 1), "stake": (0, np.inf), "concession_cost": (0, w),
                "war_cost_target": (c, np.inf), "audience_cost": (0, -sc.war_payoff_unresolved),
                "war_payoff_resolved": (max(0, -a), np.inf), "war_payoff_unresolved": (-np.inf, -a)}
        assert set(hand) == set(sc.parameters)
        for name, (lo, hi) in hand.items():
            assert sc.parameter_range(name) == pytest.approx((lo, hi)), name
            assert Scenario.parameter_range(sc, name) == pytest.approx((lo, hi), rel=1e-8, abs=1e-8), name
            value = getattr(sc, name)
            if point == {}:  # the defaults lie strictly inside, except leverage's closed range
                assert lo < value < hi or name == "leverage", name

    @pytest.mark.parametrize(
        ("name", "low", "high", "inside"),
        [("war_payoff_resolved", 0, np.inf, {"war_payoff_resolved": 1e-9}),
         ("war_payoff_unresolved", -np.inf, 0, {"war_payoff_unresolved": -1e-9, "audience_cost": 0.0}),
         ("audience_cost", 0, np.inf, {"audience_cost": 1e6, "war_payoff_unresolved": -2e6}),
         ("concession_cost", 0, np.inf, {"concession_cost": 1e6, "war_cost_target": 2e6}),
         ("war_cost_target", 0, np.inf, {"war_cost_target": 1e-9, "concession_cost": 1e-10}),
         ("stake", 0, np.inf, {"stake": 1e-9}), ("leverage", 0, 1, {"leverage": 1.0})],
    )
    def test_per_parameter_ranges_are_the_true_ones(self, name, low, high, inside):
        """Each documented range is the parameter's own limit: a value at its edge is valid for some others."""
        spec = ns.scenarios.get("hostage_taker").specs[name]
        assert (spec.low, spec.high) == (low, high)
        assert ns.scenarios.get("hostage_taker").is_valid(**inside)

    @pytest.mark.parametrize(
        ("changes", "match"),
        [({"concession_cost": 1.5}, "concession_cost .* must be below war_cost_target"),
         ({"concession_cost": 1.0}, "concession_cost"),
         ({"audience_cost": 1.0}, "war_payoff_unresolved .* must be below -audience_cost"),
         ({"war_payoff_resolved": 0.0}, "war_payoff_resolved"),
         ({"war_payoff_unresolved": 0.1}, "war_payoff_unresolved")],
    )
    def test_outside_the_region_a_reason_names_the_parameters(self, changes, match):
        with pytest.raises(InvalidParameterError, match=match):
            ns.scenarios.hostage_taker(**changes)

    @pytest.mark.parametrize("a", [0.0, 0.3, 0.9])
    @pytest.mark.parametrize("w", [1e-6, 0.2, 3.0])
    def test_the_resolved_type_prefers_threatening_everywhere_in_the_region(self, a, w):
        """MODELS.md's condition r w_R + (1 - r) s >= 0 at r = s / (s + a) holds in the whole region."""
        sc = ns.scenarios.hostage_taker(audience_cost=a, war_payoff_resolved=w)
        r = sc.stake / (sc.stake + a)
        assert r * w + (1 - r) * sc.stake > 0


class TestExplanation:
    """Each sentence of explain() with a number or a direction, computed at several points."""

    @pytest.mark.parametrize(("c", "w"), [(0.4, 1.0), (0.3, 2.0), (0.9, 1.0)])
    @pytest.mark.parametrize("q", [0.1, 0.5, 0.9])
    def test_threshold_and_the_kind_of_equilibrium(self, c, w, q):
        """The threshold is c / W; below it the semi-separating numbers, above it no war."""
        res = ns.scenarios.hostage_taker(leverage=q, concession_cost=c, war_cost_target=w).solve()
        text = res.explain()
        t = c / w
        assert f"concession_cost / war_cost_target = {format_prob(t)}." in text
        closed = closed_form(q, c, w, 0.5)
        if q < t:
            assert "The leverage is below the threshold" in text
            for key, words in (("bluff_prob", "bluffs with probability"), ("resist_prob", "resists with probability"),
                               ("p_war", "War with probability"), ("p_bluff_called", "a bluff called with probability"),
                               ("p_concede", "a concession with probability")):
                assert f"{words} {format_prob(closed[key])}" in text, key
        else:
            assert "The leverage is above the threshold" in text and "No war, no called bluff" in text
            assert res.outcomes["p_war"] == 0 and res.outcomes["p_bluff_called"] == 0
            assert res.outcomes["p_concede"] == 1

    @pytest.mark.parametrize(("c", "w"), [(0.4, 1.0), (0.2, 1.0), (0.4, 2.0)])
    def test_war_rises_with_leverage_to_the_threshold_then_drops_to_zero(self, c, w):
        """From the selected equilibrium of the generic solver at each point of a sweep."""
        grid = np.linspace(0.01, 0.99, 50)
        df = ns.scenarios.hostage_taker(concession_cost=c, war_cost_target=w).sweep(leverage=grid, progress=False)
        p_war = df[df["selected"]].set_index("leverage")["p_war"]
        t = c / w
        below, above = p_war[p_war.index < t], p_war[p_war.index > t]
        assert len(below) > 2 and len(above) > 2
        assert np.all(np.diff(below.to_numpy()) > 0)
        assert (above == 0).all()
        assert below.iloc[-1] > 0  # a drop, not a slope to zero

    def test_a_larger_war_cost_lowers_the_threshold(self):
        """West restraint: thresholds fall with war_cost_target, and a fixed leverage flips to concession."""
        costs = [0.5, 1.0, 2.0, 4.0]
        thresholds = [ns.scenarios.HostageTaker.from_actors(nato=ns.actors.NATO(war_cost=x)).solve().outcomes["threshold"]
                      for x in costs]
        assert thresholds == pytest.approx([0.4 / x for x in costs])
        assert np.all(np.diff(thresholds) < 0)
        kinds = [ns.scenarios.hostage_taker(leverage=0.3, war_cost_target=x).solve().solution.kind
                 for x in (0.8, 1.0, 1.5, 2.0)]  # thresholds 0.5, 0.4, 0.267, 0.2
        assert kinds == ["semi-separating", "semi-separating", "pooling", "pooling"]

    @pytest.mark.parametrize("q", [0.05, 0.2, 0.35])
    def test_audience_cost_moves_resistance_not_bluffing(self, q):
        """Below the threshold: the same bluff_prob at every audience cost; resistance s/(s+a), war and called
        bluffs fall as it rises (from the generic solver's selected equilibrium); the sentence says so."""
        costs = [0.0, 0.2, 0.5, 0.9]
        runs = [ns.scenarios.hostage_taker(leverage=q, audience_cost=a).solve() for a in costs]
        own = [r.equilibrium_outcomes[r.selected] for r in runs]
        assert np.ptp([o["bluff_prob"] for o in own]) < 1e-12
        assert [o["resist_prob"] for o in own] == pytest.approx([1 / (1 + a) for a in costs])
        for key in ("resist_prob", "p_war", "p_bluff_called"):
            assert np.all(np.diff([o[key] for o in own]) < 0), key
        for a, r in zip(costs, runs, strict=True):
            text = r.explain()
            assert "the bluffing rate does not depend on the audience cost" in text
            assert f"stake / (stake + audience_cost) = {format_prob(1 / (1 + a))}" in text

    @pytest.mark.parametrize("q", [0.45, 0.8])
    def test_above_the_threshold_the_audience_cost_plays_no_part(self, q):
        """Pooling: the same outcomes at every audience cost, and the text says so."""
        runs = [ns.scenarios.hostage_taker(leverage=q, audience_cost=a).solve() for a in (0.0, 0.5, 0.9)]
        assert all(r.outcomes == runs[0].outcomes for r in runs)
        assert all("The audience cost plays no part here" in r.explain() for r in runs)

    @pytest.mark.parametrize("q", [0.1, 0.3])
    def test_without_audience_cost_any_higher_bluffing_rate_is_an_equilibrium(self, q):
        """a = 0: every y in [y*, 1] with the West resisting for sure is a PBE (checked from the definition)."""
        sc = ns.scenarios.hostage_taker(leverage=q, audience_cost=0.0)
        res = sc.solve()
        assert "any bluffing rate from this one up is an equilibrium too" in res.explain()
        assert not res.equilibria.complete and "Not every equilibrium is listed" in res.explain()
        t, y_star = 0.4, q * 0.6 / ((1 - q) * 0.4)
        for y in (y_star, (y_star + 1) / 2, 1.0):
            mu = q / (q + (1 - q) * y)
            assert -mu * sc.war_cost_target >= -sc.concession_cost - 1e-12  # resisting is a best response
            assert sc.stake * 0 - 1 * sc.audience_cost == 0  # a resisted bluffer gets 0, as from the status quo
            assert 1 * sc.war_payoff_resolved > 0  # the resolved type threatens
        assert mu <= t

    @pytest.mark.parametrize(("changes", "unique"), [({}, True), ({"leverage": 0.7}, True),
                                                     ({"audience_cost": 0.0}, False), ({"leverage": 0.4}, False)])
    def test_the_equilibria_sentence_agrees_with_complete(self, changes, unique):
        """"this equilibrium and no other" exactly when the set is complete with one member."""
        res = ns.scenarios.hostage_taker(**changes).solve()
        text = res.explain()
        assert ("finds this equilibrium and no other" in text) is unique
        assert (res.equilibria.complete and len(res.equilibria) == 1) is unique
        if not unique:
            assert f"the closed form's is number {res.selected + 1}" in text


def test_the_west_must_prefer_conceding_to_war():
    """A concession costlier than war leaves no crisis: a clear error naming the parameters."""
    with pytest.raises(ns.errors.InvalidParameterError, match="concession_cost"):
        ns.scenarios.hostage_taker(concession_cost=1.5, war_cost_target=1.0)


@pytest.mark.parametrize("changes", [{"stake": 1e9}, {"war_payoff_resolved": 1e9}, {"war_payoff_unresolved": -1e9},
                                     {"war_cost_target": 1e9}, {"concession_cost": 1e-9}, {"stake": 1e-9}])
def test_payoffs_many_orders_of_magnitude_apart_still_solve(changes):
    """Far from the defaults the generic solver still finds exactly the closed form's equilibrium."""
    sc = ns.scenarios.hostage_taker(**changes)
    res = sc.solve()
    assert len(res.equilibria) == 1 and res.equilibria.complete and res.selected == 0
    closed = closed_form(sc.leverage, sc.concession_cost, sc.war_cost_target, sc.audience_cost, sc.stake)
    assert res.equilibrium_outcomes[0]["p_war"] == pytest.approx(closed["p_war"], rel=1e-6, abs=1e-12)


def test_a_pooling_equilibrium_in_which_nobody_threatens_shows_no_war():
    """outcomes_of reads the equilibrium's own strategies: nobody threatening means no war, whatever the
    West's plan after a threat (the knife-edge war_payoff_resolved = 0 of the model, outside the scenario)."""
    sc = ns.scenarios.get("hostage_taker")
    model = ns.models.CrisisSignaling(prior=sc.leverage, concession_cost=sc.concession_cost,
                                      war_cost_target=sc.war_cost_target, audience_cost=sc.audience_cost,
                                      war_payoff_resolved=0.0)
    [quiet] = [e for e in ns.solve(model.game()) if e.sender_behaviour[:, 1].sum() == 0]
    assert quiet.receiver_behaviour[1, 1] == 1  # the West would resist a threat
    out = sc.outcomes_of(quiet)
    assert out["p_war"] == 0 and out["p_bluff_called"] == 0 and out["p_concede"] == 0
    assert out["p_status_quo"] == 1 and out["resist_prob"] == 1
