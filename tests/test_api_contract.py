"""The public API contract of ../shared/design/API.md: the names and signatures notebooks rely on."""

import inspect

import numpy as np
import pytest
from scipy import stats

import negotiation_sim as ns


def params(func):
    return list(inspect.signature(func).parameters)


def test_games_and_files():
    """Games, their attributes and the file functions exist with the contract's signatures."""
    assert params(ns.NormalFormGame.from_arrays)[-3:] == ["players", "actions", "title"]
    g = ns.NormalFormGame(np.zeros((2, 3, 2)), players=None, actions=None, title="")
    assert g.payoffs.flags.writeable is False and g.payoffs.dtype == np.float64
    assert (g.n_players, g.shape, g.players, g.actions[1]) == (2, (2, 3), ("Player 1", "Player 2"), ("A1", "A2", "A3"))
    assert g.expected_payoffs(["A1", [0.5, 0.5, 0]]).shape == (2,)
    assert isinstance(ns.GameTree(players=("Russia", "NATO")), ns.GameTree)
    assert hasattr(ns.GameTree, "to_normal_form") and hasattr(ns, "SignalingGame")
    assert callable(ns.read_game) and callable(ns.write_game)


def test_solving():
    """solve, the result objects and the helper functions."""
    g = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    eqs = ns.solve(g, method="auto")
    eq = eqs[0]
    assert eqs.complete is True
    assert isinstance(eq.strategies, tuple) and eq.payoffs.shape == (2,)
    assert isinstance(eq.regret, float) and eq.is_pure is False and isinstance(eq.describe(), str)
    assert ns.regret(g, eq.strategies) == pytest.approx(0)
    assert isinstance(ns.pure_equilibria(g), ns.EquilibriumSet)
    reduced, steps = ns.eliminate_dominated(g, strict=True)
    assert isinstance(reduced, ns.NormalFormGame) and steps == []
    assert np.allclose(ns.qre(g, 1.0).strategies[0], [0.5, 0.5])


def test_models_table():
    """Every model of the API table, with its constructor and result fields."""
    m = ns.models
    assert m.Fearon(0.5, 0.1, 0.2).bargaining_range() == pytest.approx((0.4, 0.7))
    rr = m.RiskReturn(0.5, 0.1, stats.uniform(0, 0.4)).solve()
    assert {"demand", "p_war", "expected_utility"} <= set(dir(rr))
    assert {"demand", "p_war"} <= set(dir(m.RiskReturn.two_types(0.5, 0.1, 0.05, 0.3, 0.2).solve()))
    rub = m.Rubinstein(0.9, 0.9, outside_option2=None, horizon=None).solve()
    assert rub.share1 + rub.share2 == pytest.approx(1)
    nb = m.NashBargaining("linear", disagreement=(0, 0), alpha=0.5)
    assert {"u1", "u2"} <= set(dir(nb.solve())) and {"u1", "u2"} <= set(dir(nb.kalai_smorodinsky()))
    assert {"q_min", "q_max", "feasible"} <= set(dir(m.Brinkmanship(2, -4, -8, 1, -2, -10, 0.3).solve()))
    assert {"threshold", "attack"} <= set(dir(m.PerfectDeterrence(0, 1, -1, 0.6).solve()))
    cs = m.ChainStore(2.0, 0.5, 0.1, 4)
    assert {"table", "deterred_markets"} <= set(dir(cs.solve()))
    assert all(callable(getattr(cs, f)) for f in ("p_stay_out", "p_fight_weak", "posterior_after_fight"))
    crisis = m.CrisisSignaling(prior=0.3, concession_cost=0.4, war_cost_target=1.0, audience_cost=0.5,
                               stake=1.0, war_payoff_resolved=0.0, war_payoff_unresolved=None)
    fields = {"threshold", "bluff_prob", "resist_prob", "p_threat", "p_war", "p_concede", "p_bluff_called", "kind"}
    assert fields <= set(dir(crisis.solve())) and isinstance(crisis.game(), ns.SignalingGame)
    assert {"war", "margin"} <= set(dir(m.PreventiveWar(0.6, 0.4, 0.9, 0.1).solve()))
    chicken = m.chicken(0, -1, 1, -10)
    assert chicken.actions == (("Swerve", "Straight"), ("Swerve", "Straight"))
    talk = m.CheapTalk(0.1)  # second wave
    assert isinstance(talk.max_partitions, int) and talk.partition(talk.max_partitions)[[0, -1]].tolist() == [0, 1]
    assert all(hasattr(m, name) for name in ("CostlySignal", "WarOfAttrition", "TwoLevelGame"))


def test_actors_and_scenarios():
    """The four actors, the registry and the scenario interface."""
    for cls in (ns.actors.Russia, ns.actors.France, ns.actors.Ukraine, ns.actors.NATO):
        assert cls().provenance
    assert len(ns.scenarios.names()) >= 9  # the nine of MODELS.md, then second-wave scenarios
    sc = ns.scenarios.get("hostage_taker")
    assert isinstance(ns.scenarios.hostage_taker(leverage=0.5), type(sc))
    assert "leverage" in sc.parameters and sc.with_params(leverage=0.8).leverage == 0.8
    res = sc.solve()
    assert hasattr(res, "equilibria") and isinstance(res.outcomes, dict) and isinstance(res.explain(), str)
    df = sc.sweep(leverage=np.linspace(0, 1, 5), progress=False, executor=None)
    assert {"leverage", "equilibrium", "p_war"} <= set(df.columns)


@pytest.mark.parametrize(
    ("name", "first"),
    [("payoff_matrix", "game"), ("best_response", "game"), ("sweep", "df"), ("regions", "df"),
     ("game_tree", "tree"), ("bargaining_range", "model"), ("qre_path", "game_or_path")],
)
def test_plotting_signatures(name, first):
    """Every plot takes its data first and ax=None, and is in ns.plotting."""
    sig = inspect.signature(getattr(ns.plotting, name))
    assert list(sig.parameters)[0] == first
    assert sig.parameters["ax"].default is None
