"""CostlySignal: each instrument's equilibrium checked by brute force over the defender's signals on a grid."""

import functools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

PARAMS = [
    {"win_prob": 0.8, "war_cost": 0.4, "challenger_war_cost": 0.6},
    {"win_prob": 1.0, "war_cost": 0.3, "challenger_war_cost": 0.2},
    {"win_prob": 0.5, "war_cost": 0.45, "challenger_war_cost": 0.9},
]
TYPES = (np.arange(4000) + 0.5) / 4000          # the defender's resolve, a fine midpoint grid of U[0, 1]
CHALLENGERS = (np.arange(20000) + 0.5) / 20000  # the challenger's value x ~ U[0, 1]


def challenge_prob(pi, k):
    """Share of challenger types whose challenge payoff (1 - pi) x + pi (x - k) beats 0, by brute force."""
    return _challenge_prob(round(pi, 12), k)


@functools.lru_cache(maxsize=4096)
def _challenge_prob(pi, k):
    return float(np.mean((1 - pi) * CHALLENGERS + pi * (CHALLENGERS - k) > 0))


def analyse(model, instrument, signal_of_type, signals_to_try):
    """The profile 'type v sends signal_of_type[v]' evaluated from first principles.

    Returns the largest gain any type gets from any signal in ``signals_to_try`` (beliefs by Bayes' rule on the
    path, 'backs down' off it), and the outcome probabilities and payoffs the profile produces.
    """
    p, c, k = model.win_prob, model.war_cost, model.challenger_war_cost
    v = TYPES
    tie = instrument == "tie"

    def fights(s):
        return p * v - c >= (-s if tie else 0.0) - 1e-12

    def payoff(s, pi):
        q = challenge_prob(pi, k)
        return (1 - q) * v + q * np.maximum(p * v - c, -s if tie else 0.0) - (0.0 if tie else s), q

    own, challenged, war = (np.empty_like(v) for _ in range(3))
    on_path = {}
    for s in np.unique(signal_of_type):
        senders = np.isclose(signal_of_type, s)
        on_path[float(s)] = pi = float(fights(s)[senders].mean())
        u, q = payoff(s, pi)
        own[senders], challenged[senders], war[senders] = u[senders], q, q * fights(s)[senders]
    tries = np.asarray(signals_to_try, dtype=float)[:, None]
    q0 = challenge_prob(0.0, k)  # off the path the signal is read as a yielder's
    best = ((1 - q0) * v + q0 * np.maximum(p * v - c, -tries if tie else 0.0) - (0.0 if tie else tries)).max(axis=0)
    for s, pi in on_path.items():
        best = np.maximum(best, payoff(s, pi)[0])
    return {"gain": float(np.max(best - own)), "p_war": war.mean(), "p_challenge": challenged.mean(),
            "defender_payoff": own.mean()}


def profile(cutoff, signal):
    return np.where(TYPES >= cutoff, signal, 0.0)


@pytest.mark.parametrize("params", PARAMS)
@pytest.mark.parametrize("instrument", ["sunk", "tie"])
def test_closed_form_is_an_equilibrium_with_matching_outcomes(params, instrument):
    """No type gains from any of 400 signals; p_war, p_challenge and the payoff match the grid's averages."""
    model = ns.models.CostlySignal(**params)
    out = getattr(model.solve(), instrument)
    tries = np.r_[np.linspace(0, 1.2, 400), out.signal]
    res = analyse(model, instrument, profile(out.cutoff, out.signal), tries)
    assert res["gain"] < 1e-3  # grid resolution (the cutoff falls between grid types)
    for key in ("p_war", "p_challenge", "defender_payoff"):
        assert res[key] == pytest.approx(getattr(out, key), abs=2e-3), key


@pytest.mark.parametrize("params", PARAMS)
def test_talk_alone_is_babbling(params):
    """With costless messages every type sends whichever is believed most resolved: no two messages can coexist."""
    model = ns.models.CostlySignal(**params)
    out = model.solve().none
    # a two-message profile 'types >= u say "resolved"' (free): some type always gains by switching message
    for u in np.linspace(0.05, 0.95, 19):
        senders = TYPES >= u
        fight = model.win_prob * TYPES - model.war_cost >= 0
        q_hi, q_lo = (challenge_prob(fight[m].mean(), model.challenger_war_cost) for m in (senders, ~senders))
        assert q_hi != q_lo  # the message with fewer challenges attracts every type: not an equilibrium
    pi = float((model.win_prob * TYPES - model.war_cost >= 0).mean())
    q = challenge_prob(pi, model.challenger_war_cost)
    assert out.p_challenge == pytest.approx(q, abs=1e-3)
    assert out.p_war == pytest.approx(pi * q, abs=1e-3)


@pytest.mark.parametrize("params", PARAMS)
def test_tying_hands_cutoff_found_by_brute_force(params):
    """Over 400 cutoffs u with a(u) = c - p u (exactly committing types >= u), the equilibria sit at v_t."""
    model = ns.models.CostlySignal(**params)
    tries = np.linspace(0, 1.2, 241)
    passing = []
    for u in np.linspace(0.0, model.resolve_threshold, 400, endpoint=False):  # u = v_r: a = 0, no signal
        a = model.war_cost - model.win_prob * u
        if analyse(model, "tie", profile(u, a), np.r_[tries, a])["gain"] < 2e-3:
            passing.append(u)
    assert passing and max(abs(np.array(passing) - model.tie_cutoff)) < 0.01


@pytest.mark.parametrize("params", PARAMS)
def test_sunk_cost_of_the_separating_equilibrium_found_by_brute_force(params):
    """Among sunk costs m sent by exactly the resolved types, only m = k v_r survives every deviation."""
    model = ns.models.CostlySignal(**params)
    vr = model.resolve_threshold
    tries = np.linspace(0, 1.2, 241)
    grid = np.linspace(0.002, 1, 500)  # m > 0: m = 0 is the no-signal profile
    passing = [m for m in grid if analyse(model, "sunk", profile(vr, m), np.r_[tries, m])["gain"] < 2e-3]
    assert passing and max(abs(np.array(passing) - model.challenger_war_cost * vr)) < 0.01


@pytest.mark.parametrize("params", PARAMS)
def test_outcomes_by_seeded_simulation(params):
    """Draw both sides' types, play the equilibrium strategies, count challenges and wars."""
    model = ns.models.CostlySignal(**params)
    rng = np.random.default_rng(7)
    n = 400_000
    v, x = rng.uniform(size=n), rng.uniform(size=n)
    p, c, k = model.win_prob, model.war_cost, model.challenger_war_cost
    r = model.solve()
    for out, back in ((r.sunk, 0.0), (r.tie, None)):
        signals = v >= out.cutoff
        pi = np.where(signals, 1.0, 0.0)  # the signal reveals fighters; no signal: yielders
        challenge = x > pi * k
        fight = p * v - c >= (-out.signal if back is None else 0.0) * signals
        war = challenge & fight
        assert challenge.mean() == pytest.approx(out.p_challenge, abs=4e-3)
        assert war.mean() == pytest.approx(out.p_war, abs=4e-3)
        assert not np.any(signals & challenge & ~fight)  # nobody bluffs


@settings(max_examples=60, deadline=None)
@given(st.floats(0.1, 1.0), st.floats(0.01, 0.99), st.floats(0.01, 0.99))
def test_fearons_two_results(p, c_share, k):
    """Tying hands: more war than sinking costs, a better payoff for the defender; v_t < v_r."""
    m = ns.models.CostlySignal(win_prob=p, war_cost=c_share * p, challenger_war_cost=k)
    r = m.solve()
    assert r.tie.cutoff < r.sunk.cutoff == pytest.approx(c_share)
    assert r.tie.p_war > r.sunk.p_war
    assert r.tie.defender_payoff > r.sunk.defender_payoff
    assert r.tie.expected_cost == 0 and r.sunk.expected_cost == pytest.approx((1 - c_share) * k * c_share)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"win_prob": 0.5, "war_cost": 0.5, "challenger_war_cost": 0.5}, "war_cost"),
    ({"win_prob": 1.2, "war_cost": 0.5, "challenger_war_cost": 0.5}, "win_prob"),
    ({"win_prob": 0.8, "war_cost": 0.0, "challenger_war_cost": 0.5}, "war_cost"),
    ({"win_prob": 0.8, "war_cost": 0.3, "challenger_war_cost": 1.0}, "challenger_war_cost"),
    ({"win_prob": 0.8, "war_cost": "0.3", "challenger_war_cost": 0.5}, "war_cost"),
])
def test_invalid_parameters_are_named(kwargs, name):
    """Out-of-range or non-numeric parameters raise InvalidParameterError naming the parameter."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.CostlySignal(**kwargs)


def test_table_and_describe():
    """The table has one row per instrument; describe() quotes the cutoffs and war probabilities it reports."""
    r = ns.models.CostlySignal(**PARAMS[0]).solve()
    assert list(r.table().index) == ["none", "sunk", "tie"]
    text = r.describe()
    for value in (r.sunk.cutoff, r.tie.cutoff, r.sunk.p_war, r.tie.p_war, r.none.p_war):
        assert f"{value:.4g}" in text
