"""Closed-form scenarios checked against computations that do not share their code."""

import itertools

import numpy as np
import pytest

import negotiation_sim as ns


@pytest.mark.parametrize("params", [{}, {"win_probability": 0.3}, {"cost_a": 0.3, "cost_b_max": 0.4}])
def test_maximal_demand_against_a_dense_grid(params):
    """Russia's demand maximises (1 - F(x - p)) x + F(x - p)(p - c_A), found on a fine grid."""
    sc = ns.scenarios.maximal_demand(**params)
    out = sc.solve().outcomes
    x = np.linspace(0, 1, 200_001)
    F = np.clip((x - sc.win_probability) / sc.cost_b_max, 0, 1)
    u = (1 - F) * x + F * (sc.win_probability - sc.cost_a)
    k = int(np.argmax(u))
    assert out["demand"] == pytest.approx(x[k], abs=1e-4)
    assert out["p_war"] == pytest.approx(F[k], abs=1e-3)


def test_maximal_demand_war_risk_does_not_depend_on_p():
    """Fearon: with a uniform cost the probability of war is independent of p (while interior)."""
    risks = [ns.scenarios.maximal_demand(win_probability=p).solve().outcomes["p_war"] for p in (0.2, 0.3, 0.4)]
    assert np.ptp(risks) < 1e-12


@pytest.mark.parametrize("p_later", [0.1, 0.3, 0.45, 0.5, 0.55])
def test_security_order_against_present_values(p_later):
    """War now iff p_now/(1-d) - c > 1 + d (p_later/(1-d) - c), summed directly."""
    sc = ns.scenarios.security_order(p_later=p_later)
    d = sc.delta
    horizon = np.arange(2000)
    war = (sc.p_now * d**horizon).sum() - sc.cost
    peace = 1 + d * ((p_later * d**horizon).sum() - sc.cost)
    assert bool(sc.solve().outcomes["war"]) == (war > peace)


@pytest.mark.parametrize("cohesion", [0.5, 0.8, 0.9, 0.95])
@pytest.mark.parametrize(("n", "quota"), [(4, 4), (4, 3), (3, 1)])
def test_coalition_against_enumeration(cohesion, n, quota):
    """P(at least quota firm) by enumerating the 2**n stances; Russia attacks iff below the threshold."""
    sc = ns.scenarios.coalition_unity(cohesion=cohesion, n_allies=n, quota=quota)
    p = sum(
        np.prod([cohesion if f else 1 - cohesion for f in stances])
        for stances in itertools.product([0, 1], repeat=n)
        if sum(stances) >= quota
    )
    out = sc.solve().outcomes
    assert out["p_resist"] == pytest.approx(p, abs=1e-12)
    threshold = sc.stake / (sc.stake + sc.russia_war_cost)
    assert out["threshold"] == pytest.approx(threshold)
    assert bool(out["attack"]) == (p < threshold)


def test_reputation_path_by_bayes_rule():
    """Along the always-resist path the belief after a resisted challenge follows Bayes' rule."""
    sc = ns.scenarios.reputation(prior=0.1, n_crises=6)
    table = sc.build().solve().table
    b = sc.challenger_gain
    for row in range(len(table) - 1):
        n, p = int(table["markets_left"].iloc[row]), float(table["reputation"].iloc[row])
        if p < b ** (n - 1) and p > 0:
            beta = p * (1 - b ** (n - 1)) / ((1 - p) * b ** (n - 1))
            posterior = p / (p + (1 - p) * beta)
            if table["p_enter"].iloc[row] > 0:
                assert table["reputation"].iloc[row + 1] == pytest.approx(posterior)
    assert sc.solve().outcomes["deterred_crises"] == sum(0.1 > b**n for n in range(1, 7))


def test_mediation_credibility_by_checking_both_lies():
    """France is credible iff neither a truthful report can be profitably replaced by a lie (brute force)."""
    for bias in np.linspace(0, 1, 41):
        sc = ns.scenarios.mediation(mediator_bias=float(bias))
        p, lo, hi = sc.win_probability, sc.west_cost_low, sc.west_cost_high
        x_l, x_h = min(1, p + lo), min(1, p + hi)

        def utility(x, cost, sc=sc, p=p, bias=bias):
            return -sc.france_war_cost if x - p > cost + 1e-12 else -((x - bias) ** 2)

        credible = utility(x_l, lo) >= utility(x_h, lo) and utility(x_h, hi) >= utility(x_l, hi)
        assert bool(sc.solve().outcomes["credible"]) == credible


def test_mediation_compromise_game_against_gambit():
    """The SPE of a small compromise game (proposals 0, 0.35, 0.7) is among pygambit's pure Nash equilibria."""
    from tests.oracle import enumpure

    sc = ns.scenarios.mediation(n_proposals=3)
    game = sc.compromise_game().to_normal_form()
    nash = [tuple(int(np.argmax(s)) for s in prof) for prof in enumpure(game.payoffs)]
    spe = sc.solve().equilibria
    assert len(spe) == 1 and list(spe[0].outcomes) == ["Deal at 0.7"]  # 0.35 is below Russia's 0.45
    # Gambit's Nash set holds profiles whose play is the SPE's (and others resting on incredible rejections).
    deal_payoffs = sc.deal_payoffs(0.7)
    assert any(np.allclose(game.payoffs[prof], deal_payoffs) for prof in nash)
    assert any(not np.allclose(game.payoffs[prof], deal_payoffs) for prof in nash)
