"""Hypothesis strategies shared by the tests: random and degenerate games."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from negotiation_sim import NormalFormGame


@st.composite
def bimatrix_games(draw, min_actions: int = 1, max_actions: int = 4, integer: bool | None = None):
    """Random 2-player games; with small integer payoffs (often degenerate) about half the time."""
    m = draw(st.integers(min_actions, max_actions))
    n = draw(st.integers(min_actions, max_actions))
    use_int = draw(st.booleans()) if integer is None else integer
    if use_int:
        elements = st.integers(-3, 3).map(float)
    else:
        elements = st.floats(-10, 10, allow_nan=False, allow_infinity=False, width=32)
    payoffs = draw(hnp.arrays(np.float64, (m, n, 2), elements=elements))
    return NormalFormGame(payoffs)


@st.composite
def n_player_games(draw, min_players: int = 2, max_players: int = 4, max_actions: int = 3):
    """Random N-player games with small integer payoffs (ties, hence many pure equilibria)."""
    k = draw(st.integers(min_players, max_players))
    shape = tuple(draw(st.integers(1, max_actions)) for _ in range(k))
    payoffs = draw(hnp.arrays(np.float64, (*shape, k), elements=st.integers(-3, 3).map(float)))
    return NormalFormGame(payoffs)


@st.composite
def chicken_payoffs(draw):
    """Four payoffs ``(R, S, T, P)`` with ``T > R > S > P`` (a game of Chicken), well separated."""
    gaps = draw(st.lists(st.floats(0.05, 10.0), min_size=3, max_size=3))
    p = draw(st.floats(-20.0, 0.0))
    s = p + gaps[0]
    r = s + gaps[1]
    t = r + gaps[2]
    return (r, s, t, p)


#: Discount factors bounded away from 0 and 1 so closed forms stay well conditioned.
discount_factors = st.floats(0.01, 0.99)
