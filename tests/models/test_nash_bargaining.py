"""Nash and Kalai-Smorodinsky solutions against a dense grid over the frontier."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

U = np.linspace(0, 1, 400_001)


def grid_nash(f, d, alpha):
    """Maximise the Nash product over a dense grid of frontier points."""
    u2 = f(U)
    g1, g2 = U - d[0], u2 - d[1]
    ok = (g1 > 0) & (g2 > 0)
    prod = np.where(ok, np.abs(g1) ** alpha * np.abs(g2) ** (1 - alpha), -1)
    k = int(np.argmax(prod))
    return U[k], u2[k]


FRONTIERS = {
    "linear": ("linear", lambda u: 1 - u),
    "sqrt": (lambda u: np.sqrt(1 - u), lambda u: np.sqrt(1 - u)),
    "circle": (lambda u: np.sqrt(1 - u**2), lambda u: np.sqrt(1 - u**2)),
}


@pytest.mark.parametrize("name", list(FRONTIERS))
@settings(max_examples=25, deadline=None)
@given(alpha=st.floats(0.05, 0.95), d1=st.floats(-0.3, 0.4), d2=st.floats(-0.3, 0.4))
def test_nash_matches_grid(name, alpha, d1, d2):
    """The Nash solution maximises the (asymmetric) Nash product over the frontier."""
    frontier, f = FRONTIERS[name]
    s = ns.models.NashBargaining(frontier, disagreement=(d1, d2), alpha=alpha).solve()
    u1, u2 = grid_nash(f, (d1, d2), alpha)
    assert s.u1 == pytest.approx(u1, abs=2e-4)
    assert s.u2 == pytest.approx(f(s.u1), abs=1e-12)


@pytest.mark.parametrize("name", list(FRONTIERS))
def test_kalai_smorodinsky_on_the_ideal_ray(name):
    """KS: the frontier point where gains are proportional to the ideal gains (grid check)."""
    frontier, f = FRONTIERS[name]
    d = (0.1, 0.05)
    s = ns.models.NashBargaining(frontier, disagreement=d).kalai_smorodinsky()
    ideal1 = U[f(U) >= d[1]].max()
    ideal2 = f(U[U >= d[0]]).max()
    gap = np.abs((U - d[0]) / (ideal1 - d[0]) - (f(U) - d[1]) / (ideal2 - d[1]))
    assert s.u1 == pytest.approx(U[int(np.argmin(gap))], abs=1e-4)


def test_war_disagreement_point():
    """Bargaining in the shadow of war splits the surplus c_A + c_B over (p - c_A, 1 - p - c_B)."""
    m = ns.models.NashBargaining.war(0.7, 0.1, 0.3)
    assert m.disagreement == pytest.approx((0.6, 0.0))
    s = m.solve()
    assert (s.u1, s.u2) == pytest.approx((0.6 + 0.2, 0.2))


def test_symmetric_linear_equals_ks():
    """On the linear frontier the symmetric Nash and KS solutions coincide."""
    m = ns.models.NashBargaining("linear", disagreement=(0.3, 0.1))
    assert m.solve().u1 == pytest.approx(m.kalai_smorodinsky().u1)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"frontier": lambda u: u}, "frontier"), ({"frontier": "concave"}, "frontier"),
     ({"frontier": 3}, "frontier"), ({"frontier": lambda u: np.inf if u == 0.5 else 1 - u}, "frontier"),
     ({"frontier": "linear", "alpha": 1.5}, "alpha"),
     ({"frontier": "linear", "disagreement": (0.7, 0.5)}, "disagreement"),
     ({"frontier": "linear", "disagreement": (0.1,)}, "disagreement")],
)
def test_invalid_parameters(kwargs, name):
    """An increasing or broken frontier, a bad weight or an unbeatable disagreement point raise."""
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.NashBargaining(**kwargs)
