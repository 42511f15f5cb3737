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


#: Priors whose posteriors and belief thresholds stay on a grid of small denominators.
SIMPLE_PRIORS = (1 / 10, 1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 4, 9 / 10)


@st.composite
def signaling_games(draw, n_types: int = 2, n_messages: int = 2, n_responses: int = 2):
    """Random signalling games with small integer payoffs (ties included) and a simple prior."""
    from negotiation_sim import SignalingGame

    shape = (n_types, n_messages, n_responses)
    ints = st.integers(-3, 3).map(float)
    if n_types == 2:
        p = draw(st.sampled_from(SIMPLE_PRIORS))
        prior = [p, 1 - p]
    else:
        weights = draw(st.lists(st.integers(1, 4), min_size=n_types, max_size=n_types))
        prior = [w / sum(weights) for w in weights]
    return SignalingGame(
        types=[f"T{k}" for k in range(n_types)], prior=prior,
        messages=[f"m{k}" for k in range(n_messages)], responses=[f"r{k}" for k in range(n_responses)],
        sender_payoffs=draw(hnp.arrays(np.float64, shape, elements=ints)),
        receiver_payoffs=draw(hnp.arrays(np.float64, shape, elements=ints)),
    )
