"""The hostage-taker crisis: every PBE condition checked directly (Bayes' rule and best responses)."""

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

BASE = {"concession_cost": 0.4, "war_cost_target": 1.0, "audience_cost": 0.5, "stake": 1.0,
        "war_payoff_resolved": 0.2}


def check_pbe(m, r):
    """Verify the reported strategies form a PBE of the game described in MODELS.md."""
    q, s, a = m.prior, m.stake, m.audience_cost
    # Target: belief after a threat by Bayes' rule, then its best response.
    p_threat = q + (1 - q) * r.bluff_prob
    belief = q / p_threat if p_threat > 0 else 0.0  # no threat at prior 0: any belief <= threshold
    resist_value = -belief * m.war_cost_target  # unresolved backs down: target gets 0
    concede_value = -m.concession_cost
    if 0 < r.resist_prob < 1 and p_threat > 0:
        assert resist_value == pytest.approx(concede_value, abs=1e-12)
    elif r.resist_prob == 0:
        assert concede_value >= resist_value - 1e-12
    # Challenger types, given the target's response (last stage by sequential rationality).
    threat_resolved = r.resist_prob * m.war_payoff_resolved + (1 - r.resist_prob) * s
    threat_unresolved = -r.resist_prob * a + (1 - r.resist_prob) * s
    assert threat_resolved >= -1e-12  # the resolved type threatens for sure
    if 0 < r.bluff_prob < 1:
        assert threat_unresolved == pytest.approx(0.0, abs=1e-12)
    elif r.bluff_prob == 1:
        assert threat_unresolved >= -1e-12
    assert r.p_threat == pytest.approx(p_threat)
    assert r.p_war == pytest.approx(q * r.resist_prob)
    assert r.p_concede == pytest.approx(p_threat * (1 - r.resist_prob))
    assert r.p_bluff_called == pytest.approx((1 - q) * r.bluff_prob * r.resist_prob)
    assert r.p_war + r.p_concede + r.p_bluff_called + (1 - p_threat) == pytest.approx(1.0)


@pytest.mark.parametrize("prior", [0.0, 0.05, 0.2, 0.39, 0.41, 0.6, 1.0])
def test_equilibrium_both_sides_of_threshold(prior):
    """Below the threshold 0.4: semi-separating; above: pooling with concession. Both are PBE."""
    m = ns.models.CrisisSignaling(prior=prior, **BASE)
    r = m.solve()
    assert r.threshold == pytest.approx(0.4)
    assert r.kind == ("semi-separating" if prior < 0.4 else "pooling")
    check_pbe(m, r)
    if r.kind == "semi-separating":
        assert r.resist_prob == pytest.approx(1 / 1.5)
        assert r.bluff_prob == pytest.approx(prior * 0.6 / ((1 - prior) * 0.4))
    else:
        assert (r.p_war, r.p_concede) == (0.0, 1.0)


def test_at_the_threshold_reports_pooling():
    """prior == threshold: the documented choice is pooling with concession."""
    r = ns.models.CrisisSignaling(prior=0.4, **BASE).solve()
    assert r.kind == "pooling"


def test_larger_war_cost_lowers_threshold():
    """The West's restraint (larger war_cost_target) lowers the threshold and can flip the outcome."""
    low = ns.models.CrisisSignaling(prior=0.3, **BASE).solve()
    high = ns.models.CrisisSignaling(prior=0.3, **(BASE | {"war_cost_target": 2.0})).solve()
    assert high.threshold < low.threshold
    assert low.kind == "semi-separating" and high.kind == "pooling"


@pytest.mark.parametrize("war_payoff", [-0.5, -0.49, 0.0, 0.3])
def test_resolved_type_threatens_exactly_when_it_prefers_war(war_payoff):
    """MODELS.md's condition r w + (1 - r) s >= 0 at r = s/(s + a) holds iff w > -a; else refused."""
    params = {"concession_cost": 0.4, "war_cost_target": 1.0, "audience_cost": 0.5, "stake": 0.1,
              "war_payoff_resolved": war_payoff}
    r = 0.1 / 0.6
    if r * war_payoff + (1 - r) * 0.1 > 0:
        m = ns.models.CrisisSignaling(prior=0.1, **params)
        check_pbe(m, m.solve())
    else:
        with pytest.raises(InvalidParameterError, match="war_payoff_resolved"):
            ns.models.CrisisSignaling(prior=0.1, **params)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"prior": -0.1}, "prior"), ({"concession_cost": 0.0}, "concession_cost"),
     ({"war_cost_target": -1.0}, "war_cost_target"), ({"audience_cost": -0.5}, "audience_cost"),
     ({"stake": 0.0}, "stake"), ({"concession_cost": 2.0}, "concession_cost"),
     ({"war_payoff_resolved": -0.6}, "war_payoff_resolved"),
     ({"war_payoff_unresolved": 0.0}, "war_payoff_unresolved")],
)
def test_invalid_parameters(kwargs, name):
    """Invalid parameters raise InvalidParameterError naming them."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.CrisisSignaling(**({"prior": 0.3} | BASE | kwargs))


def test_positional_arguments_are_refused():
    """The constructor is keyword-only, as MODELS.md specifies."""
    with pytest.raises(TypeError):
        ns.models.CrisisSignaling(0.3, 0.4, 1.0, 0.5)


@pytest.mark.parametrize("prior", [0.1, 0.3, 0.39, 0.41, 0.7])
@pytest.mark.parametrize("war_payoff", [0.0, 0.2])
def test_generic_pbe_solver_finds_the_closed_form(prior, war_payoff):
    """ns.solve on .game() (the generic SignalingGame solver) finds the closed-form equilibrium."""
    m = ns.models.CrisisSignaling(prior=prior, **(BASE | {"war_payoff_resolved": war_payoff}))
    r = m.solve()
    g = m.game()
    assert g.types == ("Resolved", "Unresolved")
    assert g.messages == ("Status quo", "Threaten")
    assert g.responses == ("Concede", "Resist")
    assert g.terminal_messages == ("Status quo",)
    eqs = ns.solve(g)
    # Sender strategy: per type over (Status quo, Threaten); receiver: after Threaten over (Concede, Resist).
    want_sender = [0.0, 1.0, 1 - r.bluff_prob, r.bluff_prob]
    matches = [
        e for e in eqs
        if np.allclose(e.strategies[0], want_sender, atol=1e-7)
        and np.allclose(e.strategies[1], [1 - r.resist_prob, r.resist_prob], atol=1e-7)
    ]
    assert matches, f"closed form {r} not among {[e.strategies for e in eqs]}"
    eq = matches[0]
    assert eq.payoffs[1] == pytest.approx(r.payoff_target, abs=1e-9)
    assert tuple(eq.type_payoffs) == pytest.approx((r.payoff_resolved, r.payoff_unresolved), abs=1e-9)


class TestStrategies:
    def test_vectorised_over_beliefs_matches_models_md(self):
        """Each belief gets MODELS.md's bluff and resistance probabilities (pooling above 0.4)."""
        q = np.array([0.0, 0.1, 0.25, 0.39, 0.41, 0.9, 1.0])
        s = ns.models.CrisisSignaling(prior=0.3, **BASE).strategies(q)
        semi = q < 0.4
        np.testing.assert_array_equal(s["pooling"], ~semi)
        bluff = [b * 0.6 / ((1 - b) * 0.4) if b < 0.4 else 1.0 for b in q]
        np.testing.assert_allclose(s["bluff_prob"], bluff)
        np.testing.assert_allclose(s["resist_prob"], np.where(semi, 1 / 1.5, 0.0))

    def test_semi_separating_choice_at_the_threshold_is_a_pbe(self):
        """At belief 0.4 both types threaten; resisting w.p. s/(s+a) leaves target and bluffer indifferent."""
        m = ns.models.CrisisSignaling(prior=0.4, **BASE)
        s = m.strategies(at_threshold="semi-separating")
        bluff, resist = float(s["bluff_prob"]), float(s["resist_prob"])
        assert not s["pooling"] and bluff == pytest.approx(1.0) and resist == pytest.approx(1 / 1.5)
        posterior = 0.4 / (0.4 + 0.6 * bluff)  # Bayes' rule after a threat
        assert -posterior * BASE["war_cost_target"] == pytest.approx(-BASE["concession_cost"])
        assert (1 - resist) * BASE["stake"] - resist * BASE["audience_cost"] == pytest.approx(0.0)
        assert resist * BASE["war_payoff_resolved"] + (1 - resist) * BASE["stake"] > 0
        assert not m.strategies(at_threshold="pooling")["resist_prob"]

    @pytest.mark.parametrize(
        ("args", "kwargs", "match"),
        [(([0.2, 1.5],), {}, "belief must be probabilities"), (([np.nan],), {}, "belief"),
         ((), {"at_threshold": "mixed"}, "at_threshold must be")],
    )
    def test_bad_arguments(self, args, kwargs, match):
        """Beliefs outside [0, 1] and unknown threshold choices are refused by name."""
        with pytest.raises(InvalidParameterError, match=match):
            ns.models.CrisisSignaling(prior=0.3, **BASE).strategies(*args, **kwargs)


# -- every PBE of the crisis, worked out by hand ---------------------------------------------------
#
# Write x = P(Resolved threatens), y = P(Unresolved threatens), r = P(Target resists a threat), q the
# prior, t = c / W the threshold, r* = s / (s + a). The status quo ends the game (0 for both), so the
# target's only move is after a threat, with belief mu = q x / (q x + (1 - q) y).
# - Target: resisting gives -mu W, conceding -c: resist iff mu < t, indifferent at mu = t.
# - Resolved: threatening gives r w_R + (1 - r) s, the status quo 0.
# - Unresolved: threatening gives s - r (s + a): threaten iff r < r*, indifferent at r = r*.
# With w_R > 0 the resolved type threatens whatever r is (x = 1), so a threat is always on path.
#   y = 0: mu = 1 > t, the target concedes, and then the unresolved type would threaten: no PBE.
#   y = 1: mu = q. If q > t the target concedes (r = 0 < r*): pooling, the closed form. If q < t it
#          resists (r = 1), which is above r* when a > 0: no PBE; at a = 0 (r* = 1) the bluffer is
#          indifferent and "both threaten, the target resists" is a PBE. If q = t every r in [0, r*] is.
#   0 < y < 1: the bluffer is indifferent, r = r*, which needs the target indifferent, mu = t, i.e.
#          y = y* = q (1 - t) / ((1 - q) t), in (0, 1) iff q < t: the closed form. At a = 0, r = 1 is a
#          best response for every mu <= t, so every y in [y*, 1] is a PBE (a continuum).
# With w_R = 0 the resolved type also keeps the status quo when r = 1 (indifferent): both keep the
# status quo and the target would resist (off-path belief mu <= t) is a PBE; the resolved type
# mixing needs r = 1, then y = 0 and mu = 1 > t contradicts r = 1: nothing else is added.
# With -a < w_R < 0 the resolved type is indifferent at r_R = s / (s - w_R) < 1: both keep the status
# quo is a PBE for every r in [r_R, 1] (r < 1 needs the off-path belief mu = t): a continuum beside the
# pure one with r = 1.


def hand_equilibria(q, concession_cost, war_cost_target, audience_cost, stake, war_payoff_resolved):
    """The PBE above as (x, y, r) triples (r = None: no threat is sent), and whether that is all of them."""
    t, a, w = concession_cost / war_cost_target, audience_cost, war_payoff_resolved
    r_star = stake / (stake + a)
    eqs, complete = [], True
    if q > t:
        eqs.append((1.0, 1.0, 0.0))
    elif q < t:
        eqs.append((1.0, q * (1 - t) / ((1 - q) * t), r_star))
        if a == 0:
            eqs.append((1.0, 1.0, 1.0))
            complete = False  # every bluffing rate in between
    else:
        eqs.append((1.0, 1.0, 0.0))
        complete = False  # every resistance in [0, r*]
    if w <= 0:
        eqs.append((0.0, 0.0, 1.0))
        complete = complete and w == 0
    return eqs, complete


def solver_triples(eqs):
    """(x, y, r) of each equilibrium the solver lists (r after a threat; 1 when none is sent but the
    target would resist, as the off-path plan says)."""
    out = []
    for e in eqs:
        sigma, rho = e.sender_behaviour, e.receiver_behaviour
        out.append((float(sigma[0, 1]), float(sigma[1, 1]), float(rho[1, 1])))
    return out


CASES = [
    # (prior, changes from BASE): both sides of the threshold 0.4, the threshold itself,
    # the baseline a = 0, and the resolved type's war payoff at and below the status quo's 0.
    (0.1, {}), (0.3, {}), (0.39, {}), (0.41, {}), (0.7, {}), (0.4, {}),
    (0.3, {"audience_cost": 0.0}), (0.6, {"audience_cost": 0.0}),
    (0.3, {"war_payoff_resolved": 0.0}), (0.6, {"war_payoff_resolved": 0.0}),
    (0.3, {"war_payoff_resolved": -0.3}), (0.6, {"war_payoff_resolved": -0.3}),
]


class TestEveryEquilibrium:
    @pytest.mark.parametrize(("prior", "changes"), CASES)
    def test_generic_solver_lists_the_hand_list(self, prior, changes):
        """The generic PBE solver's list (and its complete flag) is the list worked out by hand above."""
        params = BASE | changes
        m = ns.models.CrisisSignaling(prior=prior, **params)
        eqs = ns.solve(m.game())
        want, complete = hand_equilibria(prior, **{k: params[k] for k in (
            "concession_cost", "war_cost_target", "audience_cost", "stake", "war_payoff_resolved")})
        got = solver_triples(eqs)
        assert len(got) == len(want)
        for triple in want:
            assert any(np.allclose(triple, g, atol=1e-9) for g in got), (triple, got)
        assert eqs.complete is complete
        assert ("(complete)" in eqs.describe()) is complete
        if not complete:
            assert "Not every equilibrium is listed" in eqs.describe()

    @pytest.mark.parametrize("prior", [0.1, 0.3, 0.6, 0.9])
    def test_at_the_defaults_one_equilibrium_with_no_beliefs_to_support(self, prior):
        """Default model: exactly one PBE; the status quo ends the game, so no off-path belief is needed."""
        (eq,) = ns.solve(ns.models.CrisisSignaling(prior=prior, concession_cost=0.4, war_cost_target=1.0,
                                                   audience_cost=0.5).game())
        assert eq.off_path_beliefs == {} and set(eq.beliefs) == {"Threaten"}

    def test_audience_cost_zero_is_a_valid_baseline(self):
        """audience_cost = 0 solves: the target resists every threat, war whenever Russia is resolved."""
        r = ns.models.CrisisSignaling(prior=0.3, concession_cost=0.4, war_cost_target=1.0, audience_cost=0.0).solve()
        assert r.resist_prob == 1.0 and r.p_war == pytest.approx(0.3) and r.p_concede == 0.0


def paths(m, x, y, r):
    """Probability of each terminal outcome of the crisis tree, by enumerating its paths."""
    out = {"war": 0.0, "concession": 0.0, "bluff called": 0.0, "status quo": 0.0}
    for resolved, p_type, p_threat in ((True, m.prior, x), (False, 1 - m.prior, y)):
        out["status quo"] += p_type * (1 - p_threat)
        out["concession"] += p_type * p_threat * (1 - r)
        out["war" if resolved else "bluff called"] += p_type * p_threat * r
    return out


class TestOutcomes:
    @pytest.mark.parametrize(("prior", "changes"), CASES)
    def test_outcomes_of_every_equilibrium_match_its_tree_and_payoffs(self, prior, changes):
        """outcomes(x, y, r) of each listed PBE: the tree's path probabilities and the solver's payoffs."""
        m = ns.models.CrisisSignaling(prior=prior, **(BASE | changes))
        for eq, (x, y, r) in zip(ns.solve(m.game()), solver_triples(ns.solve(m.game())), strict=True):
            o, tree = m.outcomes(x, y, r), paths(m, x, y, r)
            assert o["p_war"] == pytest.approx(tree["war"]) and o["p_concede"] == pytest.approx(tree["concession"])
            assert o["p_bluff_called"] == pytest.approx(tree["bluff called"])
            assert o["p_status_quo"] == pytest.approx(tree["status quo"])
            assert (o["payoff_resolved"], o["payoff_unresolved"]) == pytest.approx(tuple(eq.type_payoffs), abs=1e-9)
            assert o["payoff_target"] == pytest.approx(eq.payoffs[1], abs=1e-9)

    def test_nobody_threatens_no_war(self):
        """Pooling on the status quo: no war whatever the target would do after a threat."""
        m = ns.models.CrisisSignaling(prior=0.3, **(BASE | {"war_payoff_resolved": 0.0}))
        assert m.outcomes(0.0, 0.0, 1.0)["p_war"] == 0.0


class TestAudienceCost:
    @pytest.mark.parametrize("prior", [0.05, 0.2, 0.35])
    def test_bluffing_does_not_depend_on_it_resistance_falls(self, prior):
        """Below the threshold: bluff_prob is the same for every audience cost, resist_prob = s/(s+a) falls."""
        runs = [ns.models.CrisisSignaling(prior=prior, **(BASE | {"audience_cost": a})).solve()
                for a in (0.0, 0.25, 0.5, 1.0, 2.0)]
        assert np.ptp([r.bluff_prob for r in runs]) == 0
        assert np.all(np.diff([r.resist_prob for r in runs]) < 0)
        assert [r.resist_prob for r in runs] == pytest.approx([1 / (1 + a) for a in (0.0, 0.25, 0.5, 1.0, 2.0)])

    @pytest.mark.parametrize("prior", [0.45, 0.8])
    def test_above_the_threshold_it_changes_nothing(self, prior):
        """Above the threshold both types threaten and the target concedes, whatever the audience cost."""
        runs = [ns.models.CrisisSignaling(prior=prior, **(BASE | {"audience_cost": a})).solve() for a in (0.0, 1.0)]
        assert all((r.bluff_prob, r.resist_prob, r.p_war) == (1.0, 0.0, 0.0) for r in runs)


@pytest.mark.parametrize(("concession_cost", "war_cost_target", "audience_cost", "stake"),
                         [(0.5, 1.0, 1.0, 1.0), (0.3, 0.7, 0.2, 2.5), (0.01, 0.9, 3.0, 0.4)])
def test_solve_at_is_solve_at_each_prior(concession_cost, war_cost_target, audience_cost, stake):
    """``solve_at`` gives, belief by belief, exactly what ``solve`` gives with the prior moved there: on a grid,
    at 0 and 1, and at, within and just beyond the tolerance around the threshold where the kind switches."""
    import attrs

    model = ns.models.CrisisSignaling(prior=0.5, concession_cost=concession_cost, war_cost_target=war_cost_target,
                                      audience_cost=audience_cost, stake=stake)
    t = model.threshold
    beliefs = [*np.linspace(0, 1, 201), t, np.nextafter(t, 0), np.nextafter(t, 1), t - 1e-12, t + 1e-12,
               t - 2e-12, t + 2e-12, t - 1e-9, t + 1e-9, 1 - 1e-15]
    expected = [attrs.evolve(model, prior=float(q)).solve() for q in beliefs]
    assert {r.kind for r in expected} == {"pooling", "semi-separating"}
    assert model.solve_at(beliefs) == expected


@pytest.mark.parametrize(("beliefs", "error"), [([1.5], ns.errors.InvalidParameterError),
                                                ([float("nan")], ns.errors.InvalidParameterError),
                                                ("often", ns.errors.InvalidParameterTypeError)])
def test_solve_at_and_strategies_refuse_bad_beliefs_naming_them(beliefs, error):
    m = ns.models.CrisisSignaling(prior=0.2, concession_cost=0.5, war_cost_target=1.0, audience_cost=1.0)
    with pytest.raises(error, match="^beliefs must be probabilities"):
        m.solve_at(beliefs)
    with pytest.raises(error, match="^belief must be probabilities"):
        m.strategies(beliefs)
