"""Rubinstein bargaining against value iteration and an independent long finite horizon."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from tests.strategies import discount_factors


def value_iteration(d1, d2, b2=0.0, tol=1e-13):
    """Iterate the stationary SPE conditions x = 1 - max(b2, d2 y), y = 1 - d1 x to a fixed point.

    Gauss-Seidel order (y from the new x): monotone, so round-off cannot cycle.
    """
    x, y = 0.5, 0.5
    for _ in range(200_000):
        x_new = 1 - max(b2, d2 * y)
        y_new = 1 - d1 * x_new
        if abs(x_new - x) + abs(y_new - y) < tol:
            return x_new
        x, y = x_new, y_new
    raise AssertionError("value iteration did not converge")


def finite_horizon(d1, d2, horizon, b2=0.0):
    """Player 1's share with a deadline, computed forward over rounds as a list of proposer shares."""
    shares = [None] * (horizon + 1)
    for t in range(horizon, 0, -1):
        proposer_is_1 = t % 2 == 1
        if t == horizon:
            responder_value = b2 if proposer_is_1 else 0.0
        elif proposer_is_1:
            responder_value = max(b2, d2 * shares[t + 1])
        else:
            responder_value = d1 * shares[t + 1]
        shares[t] = 1 - responder_value
    return shares[1]


@settings(max_examples=80, deadline=None)
@given(discount_factors, discount_factors, st.one_of(st.none(), st.floats(0, 1)))
def test_infinite_horizon_matches_value_iteration(d1, d2, b2):
    """The closed form (with the outside-option rule) is the fixed point of the SPE conditions."""
    r = ns.models.Rubinstein(d1, d2, outside_option2=b2).solve()
    assert r.share1 == pytest.approx(value_iteration(d1, d2, b2 or 0.0), abs=1e-9)
    assert r.share1 + r.share2 == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(discount_factors, discount_factors, st.integers(1, 60), st.floats(0, 1))
def test_finite_horizon_matches_independent_backward_induction(d1, d2, horizon, b2):
    """Finite horizons agree with a separately written backward induction."""
    r = ns.models.Rubinstein(d1, d2, outside_option2=b2, horizon=horizon).solve()
    assert r.share1 == pytest.approx(finite_horizon(d1, d2, horizon, b2), abs=1e-12)


@pytest.mark.parametrize(("d1", "d2"), [(0.9, 0.9), (0.5, 0.8), (0.95, 0.6)])
def test_long_horizon_converges_to_closed_form(d1, d2):
    """A long deadline gives (almost) Rubinstein's (1 - d2)/(1 - d1 d2)."""
    closed = (1 - d2) / (1 - d1 * d2)
    assert ns.models.Rubinstein(d1, d2, horizon=2000).solve().share1 == pytest.approx(closed, abs=1e-9)
    df = ns.models.Rubinstein(d1, d2).shares_by_horizon(range(1, 400))
    assert list(df.columns) == ["horizon", "share1", "share2", "share1_limit"]
    assert abs(df["share1"].iloc[-1] - closed) < abs(df["share1"].iloc[0] - closed)


@pytest.mark.parametrize("b2", [0.2, 0.4, 0.5, 0.6, 0.9])
def test_outside_option_both_sides_of_threshold(b2):
    """Unchanged while b2 <= d2(1 - d1)/(1 - d1 d2) (= 0.4737 at 0.9, 0.9); binding pays exactly b2."""
    d = 0.9
    r = ns.models.Rubinstein(d, d, outside_option2=b2).solve()
    threshold = d * (1 - d) / (1 - d * d)
    if b2 <= threshold:
        assert r.share1 == pytest.approx((1 - d) / (1 - d * d))
        assert not r.option_binds
    else:
        assert r.share2 == pytest.approx(b2)
        assert r.option_binds


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"delta1": 1.0, "delta2": 0.5}, "delta1"), ({"delta1": 0.5, "delta2": 0.0}, "delta2"),
     ({"delta1": 0.5, "delta2": 0.5, "outside_option2": -0.1}, "outside_option2"),
     ({"delta1": 0.5, "delta2": 0.5, "horizon": 0}, "horizon"),
     ({"delta1": 0.5, "delta2": 0.5, "horizon": 2.5}, "horizon")],
)
def test_invalid_parameters(kwargs, name):
    """Invalid parameters raise InvalidParameterError naming them."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.Rubinstein(**kwargs)


def value_iteration_two_sided(d1, d2, b1, b2, tol=1e-13):
    """Iterate x = 1 - max(b2, d2 (1 - y)), y = max(b1, d1 x) (both responders may quit) to a fixed point."""
    x = 0.5
    for _ in range(400_000):
        y = max(b1, d1 * x)
        x_new = 1 - max(b2, d2 * (1 - y))
        if abs(x_new - x) < tol:
            return x_new
        x = x_new
    raise AssertionError("value iteration did not converge")


def backward_induction_two_sided(d1, d2, b1, b2, horizon):
    """Payoffs (v1, v2) and round-1 agreement of the finite game, written out round by round.

    Round t's proposer offers the responder the least it accepts, max(option, discounted next value), unless
    the proposer does better when the offer is refused (the responder then quits or waits, whichever pays more).
    """
    v = (0.0, 0.0)
    agreed = True
    for t in range(horizon, 0, -1):
        if t % 2 == 1:  # Russia-like player 1 proposes
            w1, w2 = d1 * v[0], d2 * v[1]
            refused = (b1, b2) if b2 >= w2 else (w1, w2)
            agreed = 1 - max(b2, w2) >= refused[0]
            v = (1 - max(b2, w2), max(b2, w2)) if agreed else refused
        else:
            w1, w2 = d1 * v[0], d2 * v[1]
            refused = (b1, b2) if b1 >= w1 else (w1, w2)
            agreed = 1 - max(b1, w1) >= refused[1]
            v = (max(b1, w1), 1 - max(b1, w1)) if agreed else refused
    return agreed, v


options = st.floats(0, 1)


@settings(max_examples=100, deadline=None)
@given(discount_factors, discount_factors, options, options)
def test_two_sided_options_match_value_iteration(d1, d2, b1, b2):
    """With both options and b1 + b2 <= 1 the first offer is accepted at the SPE fixed point; above 1, none."""
    r = ns.models.Rubinstein(d1, d2, outside_option2=b2, outside_option1=b1).solve()
    if b1 + b2 <= 1:
        assert r.agreement
        assert r.share1 == pytest.approx(value_iteration_two_sided(d1, d2, b1, b2), abs=1e-9)
        assert r.share1 >= b1 - 1e-12 and r.share2 >= b2 - 1e-12
        assert (r.payoff1, r.payoff2) == pytest.approx((r.share1, r.share2))
    else:
        assert not r.agreement and np.isnan(r.share1) and np.isnan(r.share2)
        assert (r.payoff1, r.payoff2) == (pytest.approx(b1), pytest.approx(b2))


@settings(max_examples=80, deadline=None)
@given(discount_factors, discount_factors, options, options, st.integers(1, 40))
def test_two_sided_finite_horizon_matches_backward_induction(d1, d2, b1, b2, horizon):
    """Finite horizons with both options agree with the backward induction written in the test."""
    r = ns.models.Rubinstein(d1, d2, outside_option2=b2, horizon=horizon, outside_option1=b1).solve()
    agreed, (v1, v2) = backward_induction_two_sided(d1, d2, b1, b2, horizon)
    assert r.agreement == agreed
    assert (r.payoff1, r.payoff2) == (pytest.approx(v1, abs=1e-12), pytest.approx(v2, abs=1e-12))


@pytest.mark.parametrize(("b1", "b2"), [(0.2, 0.1), (0.5, 0.1), (0.1, 0.6), (0.5, 0.45), (0.6, 0.39)])
def test_long_horizon_converges_with_both_options(b1, b2):
    """A long deadline gives the infinite-horizon outcome with both options (b1 + b2 <= 1)."""
    inf = ns.models.Rubinstein(0.8, 0.9, outside_option2=b2, outside_option1=b1).solve()
    fin = ns.models.Rubinstein(0.8, 0.9, outside_option2=b2, outside_option1=b1, horizon=3001).solve()
    assert fin.share1 == pytest.approx(inf.share1, abs=1e-9)


@pytest.mark.parametrize("b1", [0.1, 0.25, 0.3, 0.5, 0.7])
def test_player1_option_both_sides_of_its_threshold(b1):
    """Player 1's option leaves the split alone while b1 <= d1 (1 - d2)/(1 - d1 d2); above, share1 = 1 - d2 (1 - b1)."""
    d1, d2 = 0.8, 0.9
    m = ns.models.Rubinstein(d1, d2, outside_option1=b1)
    r = m.solve()
    threshold = d1 * (1 - d2) / (1 - d1 * d2)
    assert m.option1_threshold == pytest.approx(threshold)
    if b1 <= threshold:
        assert r.share1 == pytest.approx((1 - d2) / (1 - d1 * d2)) and not r.option1_binds
    else:
        assert r.share1 == pytest.approx(1 - d2 * (1 - b1)) and r.option1_binds


@pytest.mark.parametrize(("b1", "b2", "agree"), [(0.5, 0.49, True), (0.5, 0.5, True), (0.5, 0.51, False),
                                                 (0.9, 0.2, False)])
def test_no_agreement_exactly_when_options_exceed_the_stake(b1, b2, agree):
    """An agreement needs a division worth both options: b1 + b2 <= 1 (checked on both sides)."""
    r = ns.models.Rubinstein(0.8, 0.9, outside_option2=b2, outside_option1=b1).solve()
    assert r.agreement is agree
    assert "No agreement" in r.describe() if not agree else "accepts at once" in r.describe()
