"""Which equilibria of a 2-player game survive refinement or selection, in plain words.

- **Trembling-hand perfect** (Selten 1975): the equilibrium is a limit of
  best responses to small trembles. For two players this holds exactly when
  neither player's strategy is weakly dominated by another mixed strategy
  (van Damme 1991, *Stability and Perfection of Nash Equilibria*, Theorem
  3.2.2), which one linear program per player decides: maximise the total
  gain of some mixed strategy ``x'`` over ``x`` against every opponent action,
  subject to ``x'`` doing at least as well against each.
- **Payoff dominance** (Harsanyi and Selten 1988): an equilibrium that gives
  every player strictly more than every other equilibrium.
- **Risk dominance** (Harsanyi and Selten 1988, section 3.9), for 2 x 2 games
  with two strict pure equilibria ``(r, c)`` and ``(r', c')`` on a diagonal:
  the one with the larger product of the players' losses from deviating
  alone, ``(A[r,c] - A[r',c]) (B[r,c] - B[r,c'])``.
"""

from __future__ import annotations

import types

import attrs
import numpy as np

from negotiation_sim.errors import UnsupportedMethodError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._regret import player_tols
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet, format_prob

__all__ = ["dominating_strategy", "refine"]


#: Gains below this fraction of a player's payoff spread do not count as domination (the LP
#: solver's feasibility tolerance is 1e-7 on the rescaled payoffs).
DOMINANCE_TOL = 1e-6


def dominating_strategy(game: NormalFormGame, player: int, strategy: np.ndarray,
                        rtol: float = DOMINANCE_TOL) -> np.ndarray | None:
    """A mixed strategy of ``player`` that weakly dominates ``strategy`` (at least as good against
    every action of the other player, better against one by more than ``rtol`` times the
    player's payoff spread), or None.

    Solved as one LP (HiGHS) on the payoffs rescaled to [0, 1]: maximise
    ``sum_j ((x' - x) U)_j`` over mixed ``x'`` with ``(x' - x) U >= 0``, where ``U`` is the
    player's payoff matrix with its own actions as rows.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[-1, 1], [0, 0]], [[-1, 1], [2, 2]])
    >>> dominating_strategy(g, 1, np.array([1.0, 0.0])).tolist()  # Fight, by Accommodate
    [0.0, 1.0]
    """
    from scipy.optimize import linprog

    U = game.payoffs[..., 0] if player == 0 else game.payoffs[..., 1].T
    spread = float(np.ptp(U))
    if spread == 0:
        return None
    U = (U - U.min()) / spread
    base = strategy @ U
    k = U.shape[0]
    res = linprog(-U.sum(axis=1), A_ub=-U.T, b_ub=-base, A_eq=np.ones((1, k)), b_eq=[1.0],
                  bounds=(0, None), method="highs")
    if res.status != 0:  # x itself is feasible, so only numerical trouble gets here
        return None
    gain = res.x @ U - base
    return res.x if gain.max() > rtol and gain.min() >= -rtol else None


def _risk_dominance(game: NormalFormGame, eqs: list[Equilibrium]) -> dict[int, bool]:
    """Index -> risk dominant?, for the two strict pure diagonal equilibria of a 2 x 2 game."""
    if game.shape != (2, 2):
        return {}
    A, B = game.payoffs[..., 0], game.payoffs[..., 1]
    pure = [(k, int(e.strategies[0].argmax()), int(e.strategies[1].argmax())) for k, e in enumerate(eqs) if e.is_pure]
    strict = [(k, r, c) for k, r, c in pure if A[r, c] > A[1 - r, c] and B[r, c] > B[r, 1 - c]]
    if len(strict) != 2 or strict[0][1] == strict[1][1] or strict[0][2] == strict[1][2]:
        return {}
    loss = {k: (A[r, c] - A[1 - r, c]) * (B[r, c] - B[r, 1 - c]) for k, r, c in strict}
    (k1, l1), (k2, l2) = loss.items()
    if np.isclose(l1, l2, rtol=1e-12, atol=0):
        return {k1: False, k2: False}
    return {k1: bool(l1 > l2), k2: bool(l2 > l1)}


def _profile_text(e: Equilibrium) -> str:
    return "(" + ", ".join(e._strategy_phrase(i) for i in range(e.n_players)) + ")"


def refine(eqs: EquilibriumSet) -> EquilibriumSet:
    """The same equilibria labelled with perfection, payoff dominance and risk dominance.

    Parameters
    ----------
    eqs : EquilibriumSet
        Equilibria of a 2-player :class:`NormalFormGame` (``eqs.game``).

    Returns
    -------
    EquilibriumSet
        Each equilibrium's ``is_perfect``, ``payoff_dominant`` and
        ``risk_dominant`` are set (``risk_dominant`` stays None outside 2 x 2
        games with two strict pure equilibria), each gets a note saying why
        in plain words, and the set's notes explain the three criteria.

    Raises
    ------
    UnsupportedMethodError
        If the set is not of a 2-player normal-form game.

    Examples
    --------
    The stag hunt: (Stag, Stag) pays more, (Hare, Hare) is safer.

    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]],
    ...                                   actions=(("Stag", "Hare"), ("Stag", "Hare")))
    >>> r = ns.solve(g).refine()
    >>> [(e.is_perfect, e.payoff_dominant, e.risk_dominant) for e in r]
    [(True, True, False), (True, False, True), (True, False, None)]
    """
    game = eqs.game
    if not isinstance(game, NormalFormGame) or game.n_players != 2:
        msg = "refine needs the equilibria of a 2-player NormalFormGame (eqs.game)"
        raise UnsupportedMethodError(msg)
    tols = player_tols(game)
    risk = _risk_dominance(game, list(eqs))
    out = []
    for k, e in enumerate(eqs):
        notes = list(e.notes)
        doms = [dominating_strategy(game, i, e.strategies[i]) for i in range(2)]
        perfect = all(d is None for d in doms)
        if perfect:
            notes.append("It is trembling-hand perfect: neither player uses a weakly dominated strategy, so "
                         "each strategy stays a best response when the other player makes small mistakes.")
        else:
            i, dom = next((i, d) for i, d in enumerate(doms) if d is not None)
            used = [(a, p) for a, p in zip(game.actions[i], dom, strict=True) if p > 1e-9]
            better = used[0][0] if len(used) == 1 else "the mix (" + ", ".join(
                f"{a} {format_prob(p)}" for a, p in used) + ")"
            notes.append(f"It is not trembling-hand perfect: {game.players[i]}'s strategy is weakly dominated by "
                         f"{better}, which never does worse and does better against some action of the other "
                         "player, so any small mistake by that player makes the strategy a mistake too.")
        others = [o for o in eqs if o is not e]
        dominant = bool(others) and all(np.all(e.payoffs > o.payoffs + tols) for o in others)
        if dominant:
            notes.append("It payoff-dominates every other equilibrium: each player gets strictly more.")
        rd = risk.get(k)
        if rd is not None:
            notes.append("It is risk dominant: deviating from it costs the players more (the product of "
                         "their losses is larger), so it is the safer bet." if rd else
                         "It is not risk dominant: the other strict equilibrium's deviation losses are larger.")
        labels = types.MappingProxyType({"perfect": perfect, "payoff_dominant": dominant, "risk_dominant": rd})
        out.append(attrs.evolve(e, notes=tuple(notes), refinements=labels))
    explain = ("Refinements: trembling-hand perfect (Selten 1975) means, for two players, that neither strategy "
               "is weakly dominated (van Damme 1991, Theorem 3.2.2); payoff dominance (Harsanyi and Selten "
               "1988) means every player gets strictly more than in any other equilibrium; risk dominance "
               "(Harsanyi and Selten 1988), for 2 x 2 games with two strict equilibria, picks the one with the "
               "larger product of deviation losses.")
    return attrs.evolve(eqs, equilibria=out, notes=(*eqs.notes, explain))
