"""Screening: the skimming equilibrium against brute-force backward induction over offers on a grid."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

GRID = np.linspace(0.0, 1.0, 2001)


def brute_force_uniform(delta, n_rounds):
    """Backward induction on a grid: remaining deal values b in [0, k]; the West searches every price.

    Stage by stage (one round left first), for every k on the grid and every price on the grid, the
    marginal type c accepting now is found from the continuation's price function (c - p = delta (c - P(c)),
    or c = p in the last round); the West's value is p (k - c) + delta V(c). No closed form is used.
    """
    ks = GRID
    price_fn = None  # next round's equilibrium price as a function of the next k
    value_fn = np.zeros_like(ks)
    first = None
    for stage in range(n_rounds):
        prices = np.empty_like(ks)
        values = np.empty_like(ks)
        cuts = np.empty_like(ks)
        for j, k in enumerate(ks):
            cand_c = ks[: j + 1]
            if price_fn is None:  # last round: types b >= p accept
                c = np.clip(GRID, 0, k)
                v = GRID * (k - c)
            else:
                # For each candidate cutoff c, the price that makes it indifferent; keep grid prices only.
                p_of_c = cand_c - delta * (cand_c - price_fn[: j + 1])
                v_of_c = p_of_c * (k - cand_c) + delta * value_fn[: j + 1]
                best = int(np.argmax(v_of_c))
                prices[j], values[j], cuts[j] = p_of_c[best], v_of_c[best], cand_c[best]
                continue
            best = int(np.argmax(v))
            prices[j], values[j], cuts[j] = GRID[best], v[best], c[best]
        price_fn, value_fn = prices, values
        first = (prices[-1], cuts[-1], values[-1])
        if stage == n_rounds - 1:
            break
    return price_fn, value_fn, first


@pytest.mark.parametrize("delta", [0.3, 0.6, 0.9])
@pytest.mark.parametrize("n_rounds", [1, 2])
def test_uniform_matches_brute_force(delta, n_rounds):
    """First offer, first cutoff and the West's value agree with grid backward induction (grid step 1/2000)."""
    res = ns.models.Screening(delta=delta, n_rounds=n_rounds).solve()
    price, cut, value = brute_force_uniform(delta, n_rounds)[2]
    assert res.offers[0] == pytest.approx(1 - price, abs=2e-3)
    assert res.cutoffs[0] == pytest.approx(1 - cut, abs=2e-3)
    assert res.west_payoff == pytest.approx(value, abs=1e-5)


def brute_force_offers_scaled(delta, n_rounds, n_grid=200_001):
    """The West's best price each stage by searching a fine price grid, using only that the uniform
    problem on [0, k] is the one on [0, 1] scaled by k (continuation price A c, value G c**2).

    A price p makes the type c = p / (1 - delta + delta A) indifferent between now and the next price A c
    (c capped at 1); the West gets p (1 - c) + delta G c**2. Returns the first-round price, cutoff, value.
    """
    prices = np.linspace(0, 1, n_grid)
    a_coef, g_coef = 1.0, 0.0  # "no next round": the marginal type accepts iff the price is below its value
    for _ in range(n_rounds):
        c = np.minimum(prices / (1 - delta + delta * a_coef), 1.0)
        v = prices * (1 - c) + delta * g_coef * c**2
        best = int(np.argmax(v))
        a_coef, g_coef, cut = prices[best], v[best], c[best]
    return a_coef, cut, g_coef


@pytest.mark.parametrize("delta", [0.2, 0.6, 0.9, 0.97])
@pytest.mark.parametrize("n_rounds", [1, 3, 6, 12])
def test_uniform_matches_price_search(delta, n_rounds):
    """Many rounds: the same first offer, cutoff and value as a fine search over prices stage by stage."""
    res = ns.models.Screening(delta=delta, n_rounds=n_rounds).solve()
    price, cut, value = brute_force_offers_scaled(delta, n_rounds)
    assert res.offers[0] == pytest.approx(1 - price, abs=1e-4)
    assert res.cutoffs[0] == pytest.approx(1 - cut, abs=1e-4)
    assert res.west_payoff == pytest.approx(value, abs=1e-6)


def simulate_uniform(res, delta, n, rng):
    """Draw reservation values and let each type accept the first offer at least as good as waiting."""
    r = rng.random(n)
    offers = res.offers
    # A type's best round to accept: maximise delta**t (x_t - r) over rounds with x_t >= r, else war (r).
    gains = np.array([delta**t * (offers[t] - r) for t in range(len(offers))])  # rounds x draws
    best = gains.argmax(axis=0)
    agree = gains.max(axis=0) >= 0  # war leaves the type its reservation: a surplus of 0
    return best, agree


def test_types_accept_when_the_equilibrium_says():
    """A Monte Carlo of types best-responding to the offer path reproduces p_agree by round and p_war."""
    delta, n_rounds = 0.8, 4
    res = ns.models.Screening(delta=delta, n_rounds=n_rounds).solve()
    best, agree = simulate_uniform(res, delta, 200_000, np.random.default_rng(3))
    freq = np.array([np.mean(agree & (best == t)) for t in range(n_rounds)])
    assert freq == pytest.approx(res.p_agree, abs=0.005)
    assert np.mean(~agree) == pytest.approx(res.p_war, abs=0.005)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.05, 0.95), st.integers(1, 30))
def test_uniform_identities(delta, n_rounds):
    """Offers rise (skimming); probabilities add to 1; the West's value is its discounted price times agreement."""
    res = ns.models.Screening(delta=delta, n_rounds=n_rounds).solve()
    assert np.all(np.diff(res.offers) > 0)
    assert res.p_agree.sum() + res.p_war == pytest.approx(1.0)
    disc = delta ** np.arange(n_rounds)
    assert res.west_payoff == pytest.approx(float(np.sum(disc * (1 - res.offers) * res.p_agree)))
    # The marginal type of each round is indifferent between this offer and the next.
    for t in range(n_rounds - 1):
        r = res.cutoffs[t]
        assert res.offers[t] - r == pytest.approx(delta * (res.offers[t + 1] - r), abs=1e-12)
    assert res.cutoffs[-1] == pytest.approx(res.offers[-1])  # last round: accept iff the offer beats war


def test_more_rounds_less_war_more_delay():
    """With more rounds the talks fail less often but agreement comes later on average."""
    wars = [ns.models.Screening(delta=0.9, n_rounds=n).solve() for n in (1, 2, 4, 8)]
    assert all(a.p_war > b.p_war for a, b in zip(wars, wars[1:]))
    assert all(a.expected_delay < b.expected_delay for a, b in zip(wars, wars[1:]))


def brute_force_two_types(delta, r_lo, r_hi, mu, n_rounds):
    """The West's best equilibrium payoff by search: offers on a grid, the ploy type's acceptance on a grid.

    For each first offer x1 and each probability s that the ploy type accepts it, the posterior fixes
    the West's best second offer (ties allowed either way); the pair is kept only if the ploy type's
    acceptance is optimal against it (accept for sure, mix only if indifferent, reject only if waiting is
    better) and the sincere type accepts iff the offer is at least its reservation.
    """
    if n_rounds == 1:
        return max(mu * (1 - r_lo), 1 - r_hi)
    best = -np.inf
    xs = np.unique(np.concatenate([np.linspace(r_lo, r_hi, 401), [r_lo + delta * (r_hi - r_lo)]]))
    for x1 in xs:
        sincere_now = x1 >= r_hi - 1e-12
        if sincere_now:  # everyone accepts an offer the sincere type accepts (the ploy has more to lose)
            best = max(best, 1 - x1)
            continue
        for s in np.linspace(0, 1, 401):
            accept = mu * s
            post = (mu - accept) / (1 - accept)
            # Last round: offer r_lo (only the ploy accepts) or r_hi (all accept).
            v_lo, v_hi = post * (1 - r_lo), 1 - r_hi
            for x2, v2 in ((r_lo, v_lo), (r_hi, v_hi)):
                if v2 < max(v_lo, v_hi) - 1e-12:
                    continue  # not the West's best reply
                now, later = x1 - r_lo, delta * (x2 - r_lo)
                ok = (s == 1 and now >= later - 1e-12) or (s == 0 and now <= later + 1e-12) or \
                     (0 < s < 1 and abs(now - later) <= 1e-12)
                if ok:
                    best = max(best, accept * (1 - x1) + (1 - accept) * delta * v2)
    return best


@pytest.mark.parametrize(
    ("delta", "r_lo", "r_hi", "mu"),
    [(0.5, 0.2, 0.6, 0.7), (0.9, 0.2, 0.6, 0.7), (0.9, 0.1, 0.5, 0.3), (0.3, 0.0, 0.8, 0.9),
     (0.7, 0.3, 0.5, 0.5), (0.95, 0.2, 0.9, 0.95)],
)
@pytest.mark.parametrize("n_rounds", [1, 2])
def test_two_types_match_brute_force(delta, r_lo, r_hi, mu, n_rounds):
    """The West's equilibrium payoff equals the best one found by searching offers and acceptances."""
    res = ns.models.Screening(delta=delta, n_rounds=n_rounds, reservation_low=r_lo, reservation_high=r_hi,
                              prob_low=mu).solve()
    assert res.west_payoff == pytest.approx(brute_force_two_types(delta, r_lo, r_hi, mu, n_rounds), abs=2e-3)
    disc = delta ** np.arange(len(res.offers))
    assert res.west_payoff == pytest.approx(float(np.sum(disc * (1 - res.offers) * res.p_agree)))
    assert res.p_agree.sum() + res.p_war == pytest.approx(1.0)


def test_two_type_war_only_when_the_west_gambles_on_the_ploy():
    """War has positive probability exactly when the West makes only offers the sincere type refuses."""
    gamble = ns.models.Screening(delta=0.9, n_rounds=1, reservation_low=0.1, reservation_high=0.5, prob_low=0.7)
    safe = ns.models.Screening(delta=0.9, n_rounds=1, reservation_low=0.1, reservation_high=0.5, prob_low=0.5)
    # mu (1 - r_lo) vs 1 - r_hi: 0.63 > 0.5 gambles; 0.45 < 0.5 concedes.
    assert gamble.solve().p_war == pytest.approx(0.3) and safe.solve().p_war == 0.0


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"delta": 1.0}, "delta"), ({"delta": 0.5, "n_rounds": 0}, "n_rounds"),
     ({"delta": 0.5, "n_rounds": 201}, "n_rounds"),
     ({"delta": 0.5, "reservation_low": 0.2}, "together"),
     ({"delta": 0.5, "reservation_low": 0.6, "reservation_high": 0.2, "prob_low": 0.5}, "reservation_low"),
     ({"delta": 0.5, "reservation_low": 0.1, "reservation_high": 0.2, "prob_low": 1.0}, "prob_low"),
     ({"delta": 0.5, "reservation_low": 0.1, "reservation_high": 1.2, "prob_low": 0.5}, "reservation_high"),
     ({"delta": 0.5, "n_rounds": 3, "reservation_low": 0.1, "reservation_high": 0.2, "prob_low": 0.5}, "n_rounds")],
)
def test_invalid_parameters(kwargs, name):
    """Invalid parameters raise InvalidParameterError naming them."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.Screening(**kwargs)
