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
    eqs = ns.solve(g)
    # Sender strategy: per type over (Status quo, Threaten); receiver: per message over (Concede, Resist).
    want_sender = [0.0, 1.0, 1 - r.bluff_prob, r.bluff_prob]
    matches = [
        e for e in eqs
        if np.allclose(e.strategies[0], want_sender, atol=1e-7)
        and np.allclose(e.strategies[1][2:], [1 - r.resist_prob, r.resist_prob], atol=1e-7)
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
