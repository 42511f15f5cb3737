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


#: Names for players and actions: printable text, quotes included (Gambit's escapes are tested).
names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8
)


@st.composite
def named_games(draw, max_players: int = 3, max_actions: int = 3, name_strategy=names):
    """Random N-player games with arbitrary (distinct) player and action names and a title."""
    k = draw(st.integers(2, max_players))
    shape = tuple(draw(st.integers(1, max_actions)) for _ in range(k))
    payoffs = draw(hnp.arrays(np.float64, (*shape, k),
                              elements=st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)))
    players = draw(st.lists(name_strategy, min_size=k, max_size=k, unique=True))
    actions = [draw(st.lists(name_strategy, min_size=n, max_size=n, unique=True)) for n in shape]
    title = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))
    return NormalFormGame(payoffs, players=players, actions=actions, title=title)
