"""The second-wave scenarios of time and commitment: each sentence of explain() checked on both sides."""

import itertools

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from tests.models.test_prospect import cpt_value, tk_value
from tests.models.test_screening import brute_force_offers_scaled

# -- the repeated crisis ---------------------------------------------------------


def standoff_payoffs(sc):
    """The standoff table of border_standoff, written out: (Russia, NATO) by (Russia's, NATO's) action."""
    s, wr, ar = sc.stake, sc.russia_war_cost, sc.russia_audience_cost
    c, wn = sc.nato_concession_cost, sc.nato_war_cost
    return {("H", "H"): (-wr, -wn), ("H", "B"): (s, -c), ("B", "H"): (-ar, c), ("B", "B"): (0.0, 0.0)}


def worst_nash_payoffs(table):
    """Each side's worst payoff over the pure Nash equilibria and the mixed one of this Chicken."""
    pure = [a for a in table if table[a][0] >= table[("B" if a[0] == "H" else "H", a[1])][0]
            and table[a][1] >= table[(a[0], "B" if a[1] == "H" else "H")][1]]
    pays = [table[a] for a in pure]
    # Mixed: each side's payoff equals its payoff from backing down against the other's mixture.
    (rh_h, _), (rh_b, _) = table[("H", "H")], table[("H", "B")]
    (rb_h, _), (rb_b, _) = table[("B", "H")], table[("B", "B")]
    q_nato = (rh_b - rb_b) / ((rh_b - rb_b) + (rb_h - rh_h))  # NATO holds with q: Russia indifferent
    (_, nh_h), (_, nb_h) = table[("H", "H")], table[("H", "B")]
    (_, nh_b), (_, nb_b) = table[("B", "H")], table[("B", "B")]
    q_russia = (nh_b - nb_b) / ((nh_b - nb_b) + (nb_h - nh_h))
    pays.append((q_nato * rb_h + (1 - q_nato) * rb_b, q_russia * nb_h + (1 - q_russia) * nb_b))
    return np.min(pays, axis=0)


def restraint_holds_by_streams(sc, delta):
    """Both prefer restraint forever to deviating once then the worst stage Nash forever (summed streams)."""
    table = standoff_payoffs(sc)
    worst = worst_nash_payoffs(table)
    horizon = delta ** np.arange(3000) * (1 - delta)
    ok = []
    for i, dev in ((0, ("H", "B")), (1, ("B", "H"))):
        conform = 0.0
        deviate = horizon[0] * table[dev][i] + horizon[1:].sum() * worst[i]
        ok.append(conform >= deviate - 1e-12)
    return all(ok)


@pytest.mark.parametrize("params", [{}, {"stake": 2.0}, {"russia_audience_cost": 0.1},
                                    {"russia_audience_cost": 0.55, "stake": 0.3}])
def test_repeated_crisis_threshold_and_verdict_on_both_sides(params):
    """The threshold is where summed streams flip; restraint_sustained says which side delta is on."""
    sc = ns.scenarios.repeated_crisis(**params)
    thr = sc.solve().outcomes["restraint_threshold"]
    assert thr == pytest.approx(max(sc.stake / (sc.stake + sc.russia_audience_cost), 0.5))
    for delta in (thr - 0.05, thr - 0.01, thr + 0.01, thr + 0.05):
        if not 0 < delta < 1:
            continue
        out = sc.with_params(delta=delta).solve().outcomes
        assert out["restraint_sustained"] == float(restraint_holds_by_streams(sc, delta))
        assert out["restraint_sustained"] == float(delta >= thr)
        text = sc.with_params(delta=delta).solve().explain()
        assert ("restraint is sustained" in text) == (delta >= thr)


def test_repeated_crisis_bounds_match_quantecon():
    """The SPE payoff bounds equal those of QuantEcon's Abreu-Sannikov set at two patiences."""
    qe_gt = pytest.importorskip("quantecon.game_theory")
    for delta in (0.6, 0.8):
        sc = ns.scenarios.repeated_crisis(delta=delta)
        g = sc.build().stage_game
        stage = qe_gt.NormalFormGame((qe_gt.Player(g.payoffs[..., 0]), qe_gt.Player(g.payoffs[..., 1].T)))
        hull = qe_gt.RepeatedGame(stage, delta).equilibrium_payoffs()
        pts = hull.points[hull.vertices]
        out = sc.solve().outcomes
        got = [out["russia_worst"], out["nato_worst"], out["russia_best"], out["nato_best"]]
        assert got == pytest.approx([*pts.min(axis=0), *pts.max(axis=0)], abs=1e-6)


def test_repeated_crisis_directions():
    """A higher cost of backing down lowers Russia's threshold; a larger stake raises it."""
    base = ns.scenarios.repeated_crisis()
    r = [base.with_params(russia_audience_cost=a).thresholds()[0] for a in (0.2, 0.4, 0.55)]
    assert r[0] > r[1] > r[2]
    s = [base.with_params(stake=x).thresholds()[0] for x in (0.5, 1.0, 2.0)]
    assert s[0] < s[1] < s[2]
    for a, x in itertools.product((0.2, 0.55), (0.5, 2.0)):  # the model agrees with the closed form
        sc = base.with_params(russia_audience_cost=a, stake=x)
        assert sc.solve().outcomes["restraint_threshold"] == pytest.approx(max(sc.thresholds()))


def test_repeated_crisis_joint_region():
    """Outside Chicken (backing down worse than war) the scenario refuses, naming both parameters."""
    with pytest.raises(InvalidParameterError, match="russia_audience_cost.*russia_war_cost"):
        ns.scenarios.repeated_crisis(russia_audience_cost=0.7)
    with pytest.raises(InvalidParameterError, match="nato_concession_cost.*nato_war_cost"):
        ns.scenarios.repeated_crisis(nato_concession_cost=1.2)
    low, high = ns.scenarios.repeated_crisis().parameter_range("russia_audience_cost")
    assert low == pytest.approx(0.0, abs=1e-6) and high == pytest.approx(0.6, abs=1e-6)


@pytest.mark.parametrize("seed", range(5))
def test_repeated_crisis_closed_form_ranges_match_the_search(seed):
    """The closed-form valid intervals are those the generic scan and bisection find, at random points."""
    from negotiation_sim.scenarios._base import Scenario

    rng = np.random.default_rng(seed)
    war_r, war_n = rng.uniform(0.2, 3.0, 2)
    sc = ns.scenarios.repeated_crisis(
        delta=rng.uniform(0.05, 0.95), stake=rng.uniform(0.1, 3.0), russia_war_cost=war_r, nato_war_cost=war_n,
        russia_audience_cost=war_r * rng.uniform(0.1, 0.9), nato_concession_cost=war_n * rng.uniform(0.1, 0.9))
    for name in sc.specs:
        closed, searched = sc.parameter_range(name), Scenario.parameter_range(sc, name)
        assert closed == pytest.approx(searched, abs=1e-6), name


# -- six hours as screening ---------------------------------------------------


@pytest.mark.parametrize(("n_rounds", "delta"), [(1, 0.9), (3, 0.5), (6, 0.9), (6, 0.6), (12, 0.95)])
def test_six_hours_numbers_against_price_search(n_rounds, delta):
    """First offer and the West's value from a fine price search; offers rise; the demanding hold out."""
    sc = ns.scenarios.six_hours(n_rounds=n_rounds, delta=delta)
    res = sc.solve()
    price, _, value = brute_force_offers_scaled(delta, n_rounds)
    assert res.outcomes["first_offer"] == pytest.approx(1 - price, abs=1e-4)
    assert res.outcomes["west_payoff"] == pytest.approx(value, abs=1e-6)
    sol = res.solution
    assert np.all(np.diff(sol.offers) > 0) and np.all(np.diff(sol.cutoffs) > 0)
    assert res.outcomes["last_offer"] >= res.outcomes["first_offer"]


def test_six_hours_failure_and_delay_by_simulation():
    """Types drawn uniformly and best-responding to the offers fail and delay as reported."""
    sc = ns.scenarios.six_hours()
    out, offers = sc.solve().outcomes, sc.solve().solution.offers
    rng = np.random.default_rng(11)
    r = rng.random(300_000)
    gains = np.array([sc.delta**t * (offers[t] - r) for t in range(len(offers))])
    agree = gains.max(axis=0) >= 0
    when = gains.argmax(axis=0)
    assert np.mean(~agree) == pytest.approx(out["p_war"], abs=0.004)
    assert np.mean(when[agree]) == pytest.approx(out["expected_delay"], abs=0.02)
    assert np.mean(agree & (when == 0)) == pytest.approx(out["p_agree_first"], abs=0.004)


@pytest.mark.parametrize("delta", [0.3, 0.7, 0.95])
def test_six_hours_more_rounds_less_failure_more_delay(delta):
    """More rounds lower the probability of failure and raise the delay; one round fails half the time."""
    outs = [ns.scenarios.six_hours(n_rounds=n, delta=delta).solve().outcomes for n in (1, 2, 6, 20)]
    assert outs[0]["p_war"] == pytest.approx(0.5)
    assert all(a["p_war"] > b["p_war"] for a, b in itertools.pairwise(outs))
    assert all(a["expected_delay"] < b["expected_delay"] for a, b in itertools.pairwise(outs))


# -- the Donbas commitment ----------------------------------------------------


def present_values(p_now, p_later, delta, cost):
    horizon = delta ** np.arange(3000)
    return (p_now * horizon).sum() - cost, 1 + delta * ((p_later * horizon).sum() - cost)


@pytest.mark.parametrize("side", [0.0, 0.29, 0.31, 0.6])
def test_donbas_side_payments_on_both_sides_of_the_gap(side):
    """At the defaults the range is [0.3, 0.6], both statuses 0.3 away: a side payment of 0.3 restores it."""
    sc = ns.scenarios.donbas_commitment(side_payment_max=side)
    o = sc.solve().outcomes
    assert (o["range_low"], o["range_high"]) == pytest.approx((sc.p - sc.russia_war_cost, sc.p + sc.ukraine_war_cost))
    gap = min(abs(0.0 - o["range_low"]), abs(sc.special_status_share - o["range_high"]))
    assert o["min_side_payment"] == pytest.approx(gap)
    assert o["war_indivisible"] == float(side < gap)
    text = sc.solve().explain()
    assert ("indivisible stake leaves no deal" in text) == (side < gap)
    assert ("restores a deal." in text) == (side >= gap)


@pytest.mark.parametrize("share", [0.5, 0.65, 0.9])
def test_donbas_status_in_the_range(share):
    """A special status worth a share inside [p - c_R, p + c_U] is a deal both prefer to war."""
    sc = ns.scenarios.donbas_commitment(special_status_share=share)
    o = sc.solve().outcomes
    inside = sc.p - sc.russia_war_cost <= share <= sc.p + sc.ukraine_war_cost
    assert o["range_empty"] == float(not inside)
    assert ("does not cause war" in sc.solve().explain()) == inside


def test_donbas_preventive_war_on_both_sides_of_the_critical_decline():
    """Russia fights now iff its future chance falls below the critical value (summed present values)."""
    sc = ns.scenarios.donbas_commitment()
    crit = sc.solve().outcomes["critical_p_later"]
    for p_later in (crit - 0.05, crit - 0.005, crit + 0.005, crit + 0.05):
        s2 = sc.with_params(p_later=p_later)
        war, peace = present_values(s2.p, p_later, s2.delta, s2.russia_war_cost)
        o = s2.solve().outcomes
        assert o["preventive_war"] == float(war > peace) == float(p_later < crit)
        assert ("Russia fights now" in s2.solve().explain()) == (p_later < crit)
    with pytest.raises(InvalidParameterError, match="p_later"):
        sc.with_params(p_later=0.5)


# -- the cornered rat ---------------------------------------------------------


def takes(sc, reference):
    """Escalation's CPT value beats backing down's, recomputed from the published formulas."""
    gamble = cpt_value([sc.win_gain, -sc.war_loss], [sc.p_win, 1 - sc.p_win], reference, lam=sc.loss_aversion)
    return gamble > tk_value(0.0 - reference, lam=sc.loss_aversion)


@pytest.mark.parametrize("params", [{}, {"p_win": 0.45}, {"war_loss": 1.2, "p_win": 0.45}, {"loss_aversion": 1.5}])
def test_cornered_rat_switch_reference_on_both_sides(params):
    """Escalation is taken exactly above the switch reference point (recomputed CPT on both sides)."""
    sc = ns.scenarios.cornered_rat(**params)
    o = sc.solve().outcomes
    r_star = o["switch_reference"]
    assert np.isfinite(r_star)
    for r in (r_star - 0.05, r_star - 0.002, r_star + 0.002, r_star + 0.05):
        assert takes(sc, r) == (r > r_star)
        assert sc.with_params(reference=r).solve().outcomes["takes_gamble"] == float(r > r_star)
    assert o["takes_gamble_today"] == float(takes(sc, 0.0))
    assert o["takes_gamble_1997"] == float(takes(sc, sc.win_gain))


def test_cornered_rat_defaults_refused_today_taken_from_1997():
    """At the defaults the same gamble, with an expected outcome below backing down, flips with the frame."""
    sc = ns.scenarios.cornered_rat()
    o = sc.solve().outcomes
    assert o["expected_gamble"] == pytest.approx(0.4 * 1 - 0.6 * 1) and o["expected_gamble"] < 0
    assert (o["takes_gamble_today"], o["takes_gamble_1997"]) == (0.0, 1.0)
    text = sc.solve().explain()
    assert "is below that of backing down" in text and "it backs down; from the 1997 order" in text


@pytest.mark.parametrize(("office", "expected"), [(0.0, False), (0.4, False), (0.6, True), (3.0, True)])
def test_cornered_rat_gambling_for_resurrection(office, expected):
    """Leader gains EV + office * p_win (a climb-down removes it); the country EV = -0.2: the leader
    gambles against the country iff office > 0.2 / 0.4 = 0.5."""
    sc = ns.scenarios.cornered_rat(office_value=office)
    o = sc.solve().outcomes
    leader = (0.4 - 0.6) + office * 0.4
    assert o["gambling_for_resurrection"] == float(leader > 0 >= -0.2) == float(expected)
    assert ("gambles for resurrection" in sc.solve().explain()) == expected


def test_cornered_rat_loss_aversion_direction():
    """More loss aversion lowers the mixed gamble's value from today's order relative to backing down."""
    gaps = []
    for lam in (1.0, 2.25, 4.0):
        sc = ns.scenarios.cornered_rat(loss_aversion=lam, reference=0.0)
        o = sc.solve().outcomes
        gaps.append(o["value_gamble"] - o["value_sure"])
        assert o["value_gamble"] == pytest.approx(cpt_value([1.0, -1.0], [0.4, 0.6], 0.0, lam=lam))
    assert gaps[0] > gaps[1] > gaps[2]


def test_reports_render_the_new_scenarios(tmp_path):
    """write_report renders the four new scenarios (registered, so in the default report too) with their plots."""
    from negotiation_sim.report import write_report

    names = ["repeated_crisis", "six_hours", "donbas_commitment", "cornered_rat"]
    write_report(tmp_path, scenarios=names)
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    for name in names:
        sc = ns.scenarios.get(name)
        assert sc.title in text
    assert len(list(tmp_path.rglob("*.png"))) >= len(names)
