"""Kreps & Wilson's chain store: Bayes' rule step by step and every player's sequential rationality."""

import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

A, B = 2.0, 0.5


def weak_value(model, n, rep):
    """Weak incumbent's equilibrium value with n markets left, by recursion over the model's strategies."""
    if n == 0:
        return 0.0
    s = model.p_stay_out(n, rep)
    fight = -1.0 + weak_value(model, n - 1, model.posterior_after_fight(n, rep))
    acquiesce = 0.0 + weak_value(model, n - 1, 0.0)
    beta = model.p_fight_weak(n, rep)
    after_entry = beta * fight + (1 - beta) * acquiesce
    return s * (A + weak_value(model, n - 1, rep)) + (1 - s) * after_entry


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("rep", [0.0, 0.03, 0.1, 0.2, 0.3, 0.6, 1.0])
def test_bayes_rule_step_by_step(n, rep):
    """posterior = P(tough) * 1 / (P(tough) * 1 + P(weak) * P(weak fights))."""
    m = ns.models.ChainStore(A, B, prior=rep, n_markets=6)
    beta = m.p_fight_weak(n, rep)
    post = m.posterior_after_fight(n, rep)
    if rep == 0.0:
        assert post == 0.0
    else:
        assert post == pytest.approx(rep * 1.0 / (rep * 1.0 + (1 - rep) * beta))
        if n > 1:
            assert post == pytest.approx(max(rep, B ** (n - 1)))


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("rep", [0.01, 0.05, 0.1, 0.2, 0.4, 0.7])
def test_entrant_and_weak_incumbent_are_sequentially_rational(n, rep):
    """Entry pays b - P(fight); the weak incumbent mixes only when fighting and acquiescing pay the same."""
    m = ns.models.ChainStore(A, B, prior=rep, n_markets=n)
    beta = m.p_fight_weak(n, rep)
    p_fight = rep + (1 - rep) * beta
    gain_enter = B * (1 - p_fight) + (B - 1) * p_fight
    stay = m.p_stay_out(n, rep)
    if gain_enter > 1e-12:
        assert stay == 0.0
    elif gain_enter < -1e-12:
        assert stay == 1.0
    fight = -1 + weak_value(m, n - 1, m.posterior_after_fight(n, rep))
    acquiesce = weak_value(m, n - 1, 0.0)
    if 0 < beta < 1:
        assert fight == pytest.approx(acquiesce, abs=1e-12)
    elif beta == 1:
        assert fight >= acquiesce - 1e-12
    else:
        assert acquiesce >= fight - 1e-12


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_entry_threshold_both_sides(n):
    """The entrant stays out iff reputation > b**n, randomising 1/a exactly at it."""
    m = ns.models.ChainStore(A, B, prior=0.1, n_markets=5)
    assert m.p_stay_out(n, B**n * 1.01) == 1.0
    assert m.p_stay_out(n, B**n * 0.99) == 0.0
    assert m.p_stay_out(n, B**n) == pytest.approx(1 / A)


@pytest.mark.parametrize(("prior", "n_markets"), [(0.1, 6), (0.3, 10), (0.01, 20), (0.9, 3)])
def test_solve_table_and_deterred_markets(prior, n_markets):
    """Entrants stay out while prior > b**n; the table follows Bayes' rule after fights."""
    res = ns.models.ChainStore(A, B, prior, n_markets).solve()
    t = res.table
    assert list(t.columns) == ["markets_left", "reputation", "p_enter", "p_fight_weak"]
    assert t["markets_left"].tolist() == list(range(n_markets, 0, -1))
    assert res.deterred_markets == sum(1 for n in range(1, n_markets + 1) if B**n < prior)
    for (_, row), (_, nxt) in zip(t.iloc[:-1].iterrows(), t.iloc[1:].iterrows(), strict=True):
        _n, rep = int(row["markets_left"]), row["reputation"]
        if row["p_enter"] == 0:
            assert nxt["reputation"] == rep
        else:
            beta = row["p_fight_weak"]
            assert nxt["reputation"] == pytest.approx(rep / (rep + (1 - rep) * beta))
    assert "markets" in res.describe()


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"a": 0.5}, "a"), ({"b": 1.0}, "b"), ({"prior": 1.1}, "prior"), ({"n_markets": 0}, "n_markets")],
)
def test_invalid_parameters(kwargs, name):
    """Invalid parameters raise InvalidParameterError naming them."""
    base = {"a": A, "b": B, "prior": 0.1, "n_markets": 3} | kwargs
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.ChainStore(**base)
    with pytest.raises(InvalidParameterError, match="reputation"):
        ns.models.ChainStore(A, B, 0.1, 3).p_stay_out(2, 1.5)
