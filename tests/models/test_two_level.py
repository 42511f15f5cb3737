"""TwoLevelGame: win-sets and the bargained share against a brute-force search over agreements."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

X = np.linspace(0, 1, 100_001)


def brute_force(reservation, d_a, d_b):
    """Agreements A's median ratifies and both negotiators accept; the one maximising the Nash product.

    Over the grid and the two ends of the acceptable shares (an interval narrower than the grid's spacing,
    as at reservation 1 - 1e-16, holds no grid point)."""
    X = np.union1d(globals()["X"], np.clip([max(reservation, d_a), 1 - d_b], 0.0, 1.0))
    ok = (X >= reservation) & (X >= d_a) & (1 - X >= d_b)
    if not ok.any():
        return np.nan
    nash = np.where(ok, (X - d_a) * (1 - X - d_b), -np.inf)
    return X[np.argmax(nash)]


@settings(max_examples=80, deadline=None)
@given(st.floats(0, 1), st.floats(0, 0.45), st.floats(0, 0.45), st.floats(0, 0.5))
@example(1.0, 0.0, 5.917763025033692e-74, 0.0)  # 1 - d_b rounds to 1: B would get 0 < d_b
@example(0.9999999999999999, 0.0, 5.917763025033692e-74, 0.0)  # B gets 1.1e-16 >= d_b: an agreement
def test_share_against_brute_force(reservation, d_a, d_b, wedge):
    """A's share maximises the Nash product over the ratified agreements (grid of 10^5 + 1 points and
    the ends of the acceptable shares)."""
    r = ns.models.TwoLevelGame(median_reservation=reservation, disagreement_a=d_a, disagreement_b=d_b,
                               wedge=wedge).solve()
    expected = brute_force(reservation - wedge, d_a, d_b)
    assert r.agreement == (not np.isnan(expected))
    if r.agreement:
        assert r.share_a == pytest.approx(expected, abs=2e-5)
        assert r.share_a + r.share_b == pytest.approx(1.0)
        assert r.win_set_a[0] <= r.share_a <= r.win_set_b[1]


@pytest.mark.parametrize("d_b", [0.0, 0.1, 0.3])
def test_schelling_conjecture_as_the_constraint_tightens(d_b):
    """Along a rising reservation: flat at the Nash share, then rising one for one, then no agreement."""
    g = ns.models.TwoLevelGame(median_reservation=0.0, disagreement_a=0.1, disagreement_b=d_b)
    grid = np.linspace(0.0025, 0.9975, 200)  # off the knife-edges x_N and 1 - d_B
    shares = g.shares(grid)
    nash = (1 + 0.1 - d_b) / 2
    expected = np.array([brute_force(r, 0.1, d_b) for r in grid])
    assert np.allclose(shares, expected, atol=2e-5, equal_nan=True)
    assert np.all(np.diff(shares[~np.isnan(shares)]) >= -1e-12)  # the constrained negotiator never loses
    binding = (grid > nash) & (grid <= 1 - d_b)
    assert np.allclose(shares[binding], grid[binding])
    assert np.all(np.isnan(shares[grid > 1 - d_b + 1e-12]))


@pytest.mark.parametrize(("reservation", "wedge"), [(0.6, 0.05), (0.6, 0.2), (0.7, 0.1), (0.4, 0.1), (0.95, 0.1)])
def test_the_wedge_helps_b_only_when_the_constraint_binds(reservation, wedge):
    """Moving A's median down lowers A's share where the constraint binds, and changes nothing where it does not."""
    r = ns.models.TwoLevelGame(median_reservation=reservation, disagreement_a=0.1, disagreement_b=0.1,
                               wedge=wedge).solve()
    before = brute_force(reservation, 0.1, 0.1)
    after = brute_force(reservation - wedge, 0.1, 0.1)
    assert r.share_a_without_wedge == pytest.approx(before, abs=2e-5, nan_ok=True)
    if np.isnan(before):
        assert np.isnan(r.share_a_without_wedge)
        assert r.agreement == (not np.isnan(after))  # the wedge can create an agreement
    else:
        assert r.wedge_gain_b == pytest.approx(before - after, abs=4e-5)
        assert (r.wedge_gain_b > 1e-9) == (reservation > 0.5)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"median_reservation": 1.2}, "median_reservation"),
    ({"median_reservation": 0.5, "disagreement_a": 0.6, "disagreement_b": 0.4}, "disagreement_a"),
    ({"median_reservation": 0.5, "wedge": -0.1}, "wedge"),
    ({"median_reservation": "high"}, "median_reservation"),
])
def test_invalid_parameters_are_named(kwargs, name):
    """Out-of-range parameters raise InvalidParameterError naming the parameter."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.TwoLevelGame(**kwargs)


def test_describe_states_the_binding_constraint_and_breakdown():
    """describe() names the share and says whether the constraint binds or the win-sets do not overlap."""
    binds = ns.models.TwoLevelGame(median_reservation=0.6, disagreement_a=0.1, disagreement_b=0.1).solve()
    assert "binds" in binds.describe() and "0.6" in binds.describe()
    free = ns.models.TwoLevelGame(median_reservation=0.2).solve()
    assert "does not bind" in free.describe()
    none = ns.models.TwoLevelGame(median_reservation=0.95, disagreement_b=0.1).solve()
    assert "do not overlap" in none.describe()
    with pytest.raises(InvalidParameterError, match="reservations"):
        free_game = ns.models.TwoLevelGame(median_reservation=0.2)
        free_game.shares([0.1, float("nan")])
