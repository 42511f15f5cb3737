"""Rubinstein bargaining against value iteration and an independent long finite horizon."""

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
