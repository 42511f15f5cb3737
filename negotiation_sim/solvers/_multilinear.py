"""Expected action values of an N-player game and their derivatives, on plain arrays.

The logit QRE tracer, the support polisher and the learning dynamics all need
each player's expected payoff from every one of its actions against the
others' mixed strategies, ``U_i(a) = sum_{a_-i} u_i(a, a_-i) prod_j sigma_j(a_j)``,
and (for Newton steps) the derivative of ``U_i`` with respect to another
player's strategy, which is the payoff tensor contracted on every axis but two.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["action_values", "value_blocks", "offsets", "split"]


def _contract_except(tensor: np.ndarray, sigmas: Sequence[np.ndarray], keep: set[int]) -> np.ndarray:
    """Contract ``tensor`` (one axis per player) with every sigma whose axis is not in ``keep``.

    The kept axes come out in increasing order. One ``einsum`` call does the
    whole contraction (a chain of ``tensordot`` calls costs several times more
    on the small tensors of teaching games).
    """
    n = len(sigmas)
    operands: list = [tensor, list(range(n))]
    for j in range(n):
        if j not in keep:
            operands += [sigmas[j], [j]]
    return np.einsum(*operands, sorted(keep), optimize=False)


def action_values(payoffs: np.ndarray, sigmas: Sequence[np.ndarray]) -> list[np.ndarray]:
    """``U[i][a]``: player ``i``'s expected payoff from action ``a`` against the others.

    Examples
    --------
    >>> import numpy as np
    >>> pay = np.stack([np.array([[3., 0.], [5., 1.]]), np.array([[3., 5.], [0., 1.]])], axis=-1)
    >>> [u.tolist() for u in action_values(pay, [np.array([1., 0.]), np.array([.5, .5])])]
    [[1.5, 3.0], [3.0, 5.0]]
    """
    return [_contract_except(payoffs[..., i], sigmas, {i}) for i in range(len(sigmas))]


def value_blocks(payoffs: np.ndarray, sigmas: Sequence[np.ndarray]) -> list[list[np.ndarray | None]]:
    """``D[i][k][a, b] = dU_i(a) / dsigma_k(b)`` for ``k != i`` (``None`` on the diagonal).

    ``U_i`` does not depend on player ``i``'s own strategy, and it is linear
    in each other player's, so each block is the payoff tensor contracted with
    every strategy except players ``i`` and ``k``.
    """
    n = len(sigmas)
    blocks: list[list[np.ndarray | None]] = [[None] * n for _ in range(n)]
    for i in range(n):
        for k in range(n):
            if k != i:
                block = _contract_except(payoffs[..., i], sigmas, {i, k})
                blocks[i][k] = block if i < k else block.T
    return blocks


def offsets(shape: Sequence[int]) -> np.ndarray:
    """Start of each player's block in a flat vector of all players' probabilities."""
    return np.concatenate([[0], np.cumsum(shape)]).astype(int)


def split(flat: np.ndarray, shape: Sequence[int]) -> list[np.ndarray]:
    """Cut a flat vector into one piece per player."""
    off = offsets(shape)
    return [flat[off[i]:off[i + 1]] for i in range(len(shape))]
