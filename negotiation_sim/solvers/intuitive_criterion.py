"""The Cho–Kreps intuitive criterion for equilibria of signalling games.

For an off-path message ``m`` and equilibrium payoffs ``u*(t)``: a type is
*equilibrium-dominated* at ``m`` if even the best response to ``m`` that is a
best response to some belief gives it less than ``u*(t)``. The receiver should
then put no weight on such types. The equilibrium fails the criterion if some
type ``t`` would get more than ``u*(t)`` from ``m`` under every response that
is a best response to some belief on the remaining types: that type would
deviate, and its speech ("I would not send m if I were the other type") is
credible.

References
----------
Cho, I.-K. and Kreps, D. M. (1987), "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102(2), 179–221, section IV.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from negotiation_sim.games.signaling import SignalingGame
from negotiation_sim.solvers.off_path_beliefs import belief_set

__all__ = ["intuitive_criterion"]


def _rationalisable_responses(game: SignalingGame, message: int, atol: float,
                              allowed: np.ndarray) -> list[int]:
    """Responses to ``message`` that are best responses to some belief on ``allowed`` types."""
    return [r for r in range(game.n_responses)
            if belief_set(game, message, r, atol, allowed=allowed) is not None]


def intuitive_criterion(game: SignalingGame, type_payoffs: Sequence[float],
                        off_path: Sequence[int], atol: float) -> tuple[bool, tuple[tuple[str, str], ...]]:
    """Test an equilibrium with the given type payoffs and off-path messages.

    Parameters
    ----------
    game : SignalingGame
    type_payoffs : sequence of float
        The sender's equilibrium payoff by type.
    off_path : sequence of int
        Indices of the messages no type sends.
    atol : float
        Absolute payoff tolerance (a gain must exceed it).

    Returns
    -------
    (bool, tuple of (type, message))
        Whether the equilibrium survives, and the deviations that break it.

    Examples
    --------
    Beer–quiche: pooling on quiche fails, the strong type would drink beer.

    >>> import negotiation_sim as ns
    >>> g = ns.SignalingGame(types=("Weak", "Strong"), prior=[0.1, 0.9],
    ...     messages=("Beer", "Quiche"), responses=("Duel", "No duel"),
    ...     sender_payoffs=[[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    >>> intuitive_criterion(g, [3, 2], [0], 1e-9)
    (False, (('Strong', 'Beer'),))
    """
    u_star = np.asarray(type_payoffs, dtype=np.float64)
    everyone = np.ones(game.n_types, dtype=bool)
    deviations: list[tuple[str, str]] = []
    for m in off_path:
        pay = game.sender_payoffs[:, m, :]
        best = pay[:, _rationalisable_responses(game, m, atol, everyone)].max(axis=1)
        keep = u_star <= best + atol  # types not equilibrium-dominated at m
        if not keep.any():
            continue  # every type is dominated: the criterion puts no restriction on m
        worst = pay[:, _rationalisable_responses(game, m, atol, keep)].min(axis=1)
        deviations += [(game.types[t], game.messages[m])
                       for t in range(game.n_types) if worst[t] > u_star[t] + atol]
    return not deviations, tuple(deviations)
