"""Iterated elimination of dominated actions, by pure actions or by mixtures.

An action ``a`` of player ``i`` is *strictly dominated* when some mixed
strategy ``σ`` over ``i``'s other actions pays strictly more than ``a``
against every profile of the others' remaining actions; it is *weakly
dominated* when ``σ`` pays at least as much everywhere and strictly more
somewhere. Pure dominators are checked first (one vectorised comparison);
otherwise one linear programme per candidate looks for a dominating mixture
(Fudenberg & Tirole 1991, section 2.1; a strategy is strictly dominated iff
it is never a best response in two-player games, Pearce 1984).

Order. Strict dominance: every round removes *all* actions of *all*
players that are strictly dominated in the game left by the previous round;
the order does not change the result. Weak dominance: the result can depend
on the order, so it is fixed: players in order, each player's actions in
order, and the *first* weakly dominated action found is removed; then the
scan restarts on the reduced game (one elimination per round).

References
----------
Fudenberg, D. and Tirole, J. (1991), *Game Theory*, MIT Press, section 2.1.
Pearce, D. (1984), "Rationalizable strategic behavior and the problem of
perfection", *Econometrica* 52.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import numpy as np

from negotiation_sim._numeric import clean_distribution
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._regret import _check_game, absolute_tol
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["Elimination", "eliminate_dominated", "dominator"]


def _weights_dict(weights: Mapping[str, float]) -> dict[str, float]:
    # Typed, so that the attrs mypy plugin types Elimination's argument (``converter=dict`` cannot).
    return dict(weights)


@attrs.frozen
class Elimination:
    """One step of iterated elimination: which action went, and what dominated it.

    Parameters
    ----------
    player : str
        The player whose action was eliminated.
    action : str
        The eliminated action.
    dominator : dict of str to float
        The dominating strategy as ``{action: probability}`` (one entry with
        probability 1 for a pure dominator).
    strict : bool
        Whether the domination is strict.
    round : int
        The round (from 1) in which the action was eliminated.

    Examples
    --------
    >>> Elimination("Russia", "Wait", {"Threaten": 1.0}, True, 1).describe()
    "Russia's Wait is strictly dominated by Threaten (round 1)."
    """

    player: str
    action: str
    dominator: dict[str, float] = attrs.field(converter=_weights_dict)
    strict: bool = attrs.field(converter=bool)
    round: int = attrs.field(converter=int)

    def describe(self) -> str:
        """One sentence: whose action is dominated, how, by what, in which round."""
        kind = "strictly" if self.strict else "weakly"
        played = [(a, p) for a, p in self.dominator.items() if p > 0]
        if len(played) == 1:
            by = played[0][0]
        else:
            parts = [f"{a} with probability {format_prob(p)}" for a, p in played]
            by = "the mixture of " + ", ".join(parts[:-1]) + f" and {parts[-1]}"
        return f"{self.player}'s {self.action} is {kind} dominated by {by} (round {self.round})."


def _margins(u: np.ndarray, a: int) -> np.ndarray:
    """``u`` has the player's actions on axis 0: payoff differences (other action - a) per profile."""
    flat = u.reshape(u.shape[0], -1)
    return flat - flat[a]


def _pure_dominator(diff: np.ndarray, a: int, strict: bool, atol: float) -> int | None:
    others = [b for b in range(diff.shape[0]) if b != a]
    for b in others:
        if strict and diff[b].min() > atol:
            return b
        if not strict and diff[b].min() >= -atol and diff[b].max() > atol:
            return b
    return None


def _mixed_dominator(diff: np.ndarray, a: int, strict: bool, atol: float) -> np.ndarray | None:
    """Weights over all actions (0 on ``a``) of a dominating mixture, found by one LP, or None."""
    from scipy.optimize import linprog

    others = [b for b in range(diff.shape[0]) if b != a]
    if len(others) < 2:
        return None  # a mixture of one action is the pure case, already checked
    d = diff[others]  # (k, n_profiles)
    k, n_prof = d.shape
    if strict:  # maximise eps subject to dᵀσ ≥ eps, σ in the simplex
        c = np.append(np.zeros(k), -1.0)
        a_ub = np.hstack([-d.T, np.ones((n_prof, 1))])
        a_eq = np.append(np.ones(k), 0.0)[None, :]
        bounds = [(0, None)] * k + [(None, None)]
    else:  # maximise the total gain subject to dᵀσ ≥ 0, σ in the simplex
        c = -d.sum(axis=1)
        a_ub, a_eq, bounds = -d.T, np.ones((1, k)), [(0, None)] * k
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(n_prof), A_eq=a_eq, b_eq=[1.0], bounds=bounds,
                  method="highs")
    if res.status != 0:
        return None
    sigma = clean_distribution(res.x[:k])
    gains = sigma @ d  # re-check with the cleaned weights: nothing unverified is reported
    ok = gains.min() > atol if strict else gains.min() >= -atol and gains.max() > atol
    if not ok:
        return None
    out = np.zeros(diff.shape[0])
    out[others] = sigma
    return out


def dominator(u: np.ndarray, a: int, strict: bool = True, atol: float = 1e-9) -> np.ndarray | None:
    """A strategy that dominates action ``a``, as weights over the player's actions, or None.

    ``u`` holds one player's payoffs with that player's actions on axis 0 and
    the others' profiles on the remaining axes.

    Examples
    --------
    >>> u = np.array([[2.0, -1.0], [0.0, 0.0], [-1.0, 2.0]])
    >>> dominator(u, 1).tolist()
    [0.5, 0.0, 0.5]
    >>> dominator(u, 0) is None
    True
    """
    diff = _margins(u, a)
    b = _pure_dominator(diff, a, strict, atol)
    if b is not None:
        out = np.zeros(u.shape[0])
        out[b] = 1.0
        return out
    return _mixed_dominator(diff, a, strict, atol)


def _player_payoffs(game: NormalFormGame, keep: list[list[int]], i: int) -> np.ndarray:
    """Player ``i``'s payoffs on the remaining actions, with ``i``'s axis first."""
    u = game.payoffs[..., i][np.ix_(*keep)]
    return np.moveaxis(u, i, 0)


def _round(game: NormalFormGame, keep: list[list[int]], strict: bool,
           atol: float) -> list[tuple[int, int, np.ndarray]]:
    """Dominated actions in the current game: all of them (strict) or the first one (weak)."""
    found = []
    for i in range(game.n_players):
        if len(keep[i]) < 2:
            continue
        u = _player_payoffs(game, keep, i)
        for pos in range(len(keep[i])):
            dom = dominator(u, pos, strict, atol)
            if dom is not None:
                found.append((i, pos, dom))
                if not strict:
                    return found
    return found


def eliminate_dominated(
    game: NormalFormGame, strict: bool = True, tol: float | None = None
) -> tuple[NormalFormGame, list[Elimination]]:
    """Iteratively eliminate dominated actions (by pure actions or mixtures).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    strict : bool, default True
        Eliminate strictly dominated actions (the result does not depend on
        the order). With ``False``, weakly dominated actions are eliminated
        one at a time in a fixed order (see the module notes), since with
        weak dominance the order can change the result.
    tol : float, optional
        Tolerance relative to the payoff scale: a strict dominator must win
        by more than this everywhere.

    Returns
    -------
    reduced : NormalFormGame
        The game on the surviving actions (names and title kept).
    eliminations : list of Elimination
        What was removed, in order.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> pd = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     players=("Russia", "NATO"), actions=(("Wait", "Threaten"), ("Wait", "Threaten")))
    >>> reduced, steps = ns.eliminate_dominated(pd)
    >>> reduced.actions
    (('Threaten',), ('Threaten',))
    >>> print(steps[0].describe())
    Russia's Wait is strictly dominated by Threaten (round 1).
    """
    game = _check_game(game)
    if not isinstance(strict, (bool, np.bool_)):
        msg = f"strict must be True or False, not {strict!r}"
        raise InvalidParameterError(msg)
    atol = absolute_tol(game, tol)
    keep = [list(range(k)) for k in game.shape]
    steps: list[Elimination] = []
    round_no = 0
    while True:
        round_no += 1
        found = _round(game, keep, bool(strict), atol)
        if not found:
            break
        for i, pos, dom in found:
            names = game.actions[i]
            weights = {names[keep[i][k]]: float(p) for k, p in enumerate(dom) if p > 0}
            steps.append(Elimination(game.players[i], names[keep[i][pos]], weights, strict, round_no))
        for i, pos, _ in sorted(found, key=lambda t: -t[1]):  # highest position first
            del keep[i][pos]
    payoffs = game.payoffs[np.ix_(*keep, range(game.n_players))]
    actions = [[game.actions[i][k] for k in keep[i]] for i in range(game.n_players)]
    reduced = NormalFormGame(payoffs, players=game.players, actions=actions, title=game.title)
    return reduced, steps
