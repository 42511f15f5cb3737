"""Behaviour-strategy equilibria of game trees, and their subgame-perfection check.

A :class:`TreeEquilibrium` gives each player one probability vector over the
concatenation of its information sets' actions (labels ``"infoset: action"``),
so each block, not the whole vector, sums to 1. :func:`subgame_regret` is the
check every tree solver runs: the largest gain any player gets by deviating
in any subgame, computed by a best response over the player's own
information sets (exact under perfect recall).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import clean, clean_distribution, readonly
from negotiation_sim.games._tree_compile import CompiledTree, leaves_below
from negotiation_sim.solvers.equilibrium import Equilibrium, format_prob

__all__ = ["TreeEquilibrium", "action_values", "best_response_value", "kuhn_behaviour",
           "pure_tree_equilibrium", "reach_weights", "subgame_regret"]


def _clean_blocks(strategies: Any) -> tuple[np.ndarray, ...]:
    return tuple(readonly(clean(s)) for s in strategies)


@attrs.frozen(eq=False, repr=False)
class TreeEquilibrium(Equilibrium):
    """An equilibrium of a game tree in behaviour strategies: subgame perfect, or, with
    ``method="nash"`` (the records of :func:`negotiation_sim.credibility`), a Nash
    equilibrium whose ``regret`` is the gain from deviating at the start only.

    Beyond :class:`Equilibrium`: ``infosets`` lists, per player, each
    information set's label and actions (the blocks of its strategy vector),
    and ``outcomes`` maps each terminal node reached with positive
    probability to that probability.
    """

    strategies: tuple[np.ndarray, ...] = attrs.field(kw_only=True, converter=_clean_blocks)
    infosets: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] = attrs.field(kw_only=True, default=())
    outcomes: Mapping[str, float] = attrs.field(kw_only=True, factory=dict)

    @property
    def is_pure(self) -> bool:
        """Whether every information set's action is chosen with probability 1."""
        return all(bool(np.all((s == 0) | (s == 1))) for s in self.strategies)

    def behaviour(self, player: str | int) -> dict[str, dict[str, float]]:
        """``player``'s strategy as ``{infoset: {action: probability}}``."""
        i = self._index(player)
        out, k = {}, 0
        for label, actions in self.infosets[i]:
            out[label] = {a: float(p) for a, p in zip(actions, self.strategies[i][k:k + len(actions)], strict=False)}
            k += len(actions)
        return out

    def _strategy_phrase(self, i: int) -> str:
        parts = []
        for label, probs in self.behaviour(i).items():
            played = [(a, p) for a, p in probs.items() if p > 0]
            if len(played) == 1:
                parts.append(f"{played[0][0]} at {label}")
            else:
                mix = " and ".join(f"{a} with probability {format_prob(p)}" for a, p in played)
                parts.append(f"{mix} at {label}")
        return f"{self.players[i]}: " + (", ".join(parts) if parts else "no move")

    def describe(self) -> str:
        """Each player's plan, the play it leads to, the payoffs and the regret."""
        plans = "; ".join(self._strategy_phrase(i) for i in range(self.n_players))
        if len(self.outcomes) == 1:
            play = f"Play: {next(iter(self.outcomes))}."
        else:
            play = "Outcomes: " + ", ".join(f"{z} {format_prob(p)}" for z, p in self.outcomes.items()) + "."
        pay = ", ".join(f"{p} {format_prob(v)}" for p, v in zip(self.players, self.payoffs, strict=False))
        if self.method == "nash":
            check = (f"Nash equilibrium: no player gains by deviating from the start "
                     f"(regret {format_prob(self.regret)}).")
        else:
            check = (f"Subgame perfect: no player gains by deviating in any subgame "
                     f"(regret {format_prob(self.regret)}).")
        text = f"{plans}. {play} Payoffs: {pay}. {check}"
        return " ".join([text, *self.notes])


def reach_weights(seqs: list[tuple], behav: Mapping[int, np.ndarray]) -> np.ndarray:
    """Probability that one player's behaviour takes its moves on the way to each leaf."""
    return np.array([float(np.prod([behav[h][a] for h, a in seq])) if seq else 1.0 for seq in seqs])


def _own_forest(seqs: list[tuple], w: np.ndarray) -> tuple[float, dict, dict, dict]:
    """A player's information sets as a forest, with what each of its moves is worth directly.

    Returns ``(base, direct, after, actions)``: the weight of leaves reached
    without an own move; ``direct[(h, a)]``, the weight of leaves whose last
    own move is ``(h, a)``; ``after[(h, a)]`` (``after[None]`` for the
    roots), the own information sets that come next; ``actions[h]``, the
    actions of ``h`` on the way to some leaf.
    """
    base = 0.0
    direct: dict[tuple, float] = defaultdict(float)
    after: dict[Any, set] = defaultdict(set)
    actions: dict[int, set] = defaultdict(set)
    for seq, wz in zip(seqs, w, strict=False):
        if not seq:
            base += wz
            continue
        direct[seq[-1]] += wz
        prev = None
        for h, a in seq:
            after[prev].add(h)
            actions[h].add(a)
            prev = (h, a)
    return base, direct, after, actions


def best_response_value(seqs: list[tuple], w: np.ndarray) -> float:
    """The most a player can get when leaf ``z`` is worth ``w[z]`` times its own reach.

    ``seqs[z]`` is the player's own ``(infoset, action)`` moves on the way to
    ``z``. With perfect recall the player's information sets form a forest,
    so the best response is a backward pass over it.
    """
    base, direct, after, actions = _own_forest(seqs, w)
    memo: dict[int, float] = {}

    def value(h: int) -> float:
        if h not in memo:
            memo[h] = max(direct[(h, a)] + sum(value(g) for g in after[(h, a)]) for a in actions[h])
        return memo[h]

    return base + sum(value(h) for h in after[None])


def action_values(seqs: list[tuple], w: np.ndarray, behav: Mapping[int, np.ndarray],
                  n_actions: Mapping[int, int]) -> dict[int, np.ndarray]:
    """What each action of each own information set is worth when the player keeps ``behav`` after it.

    The one-shot deviation values: ``out[h][a]`` is the weight of the leaves
    below ``(h, a)`` times their ``w``, with the player's own later moves
    taken from ``behav``. With ``w`` the leaves' reach probabilities this is
    the probability of reaching ``h`` (the same for every action).
    """
    _, direct, after, _ = _own_forest(seqs, w)
    memo: dict[int, np.ndarray] = {}

    def values(h: int) -> np.ndarray:
        if h not in memo:
            memo[h] = np.array([direct[(h, a)] + sum(float(behav[g] @ values(g)) for g in after[(h, a)])
                                for a in range(n_actions[h])])
        return memo[h]

    return {h: values(h) for h in {h for seq in seqs for h, _ in seq}}


def kuhn_behaviour(c: CompiledTree, plans: list, profile: Any) -> dict[int, np.ndarray]:
    """Kuhn's map from mixed reduced strategies to behaviour strategies.

    Only the information sets that the player's own mixture does not exclude
    get a probability vector (its plans' weight on each action there).
    """
    behav: dict[int, np.ndarray] = {}
    for ps, sigma in zip(plans, profile, strict=True):
        for h in {h for p in ps for h in p}:
            num = np.zeros(len(c.infosets[h].actions))
            for p, q in zip(ps, sigma, strict=True):
                if h in p:
                    num[p[h]] += q
            if num.sum() > 0:
                behav[h] = num / num.sum()
    return behav


def subgame_regret(c: CompiledTree, behav: Mapping[int, np.ndarray]) -> float:
    """The largest gain of a unilateral deviation in any subgame (0 at an SPE).

    ``behav`` maps every information set to a probability vector over its actions.
    """
    worst = 0.0
    n = len(c.players)
    for x in c.subgame_roots:
        _, prob, pay, seqs = leaves_below(c, x)
        reach = [reach_weights(seqs[i], behav) for i in range(n)]
        for i in range(n):
            others = prob.copy()
            for j in range(n):
                if j != i:
                    others *= reach[j]
            w = others * pay[:, i]
            gain = best_response_value(seqs[i], w) - float(w @ reach[i])
            worst = max(worst, gain)
    return worst


def pure_tree_equilibrium(c: CompiledTree, choice: list[int], payoffs: list[float], regret: float,
                          method: str, atol: float) -> TreeEquilibrium:
    """A pure profile of a perfect-information tree (action index per node) as an equilibrium.

    ``regret`` is the profile's largest gain from a deviation, computed by the
    caller: at most ``atol`` in every subgame for ``method="subgame_perfect"``,
    from the root only for ``method="nash"``. A gain above ``atol`` times the
    tree's depth (near-ties, each within ``atol``, can add up along a path)
    raises SolverError.
    """
    from negotiation_sim.errors import SolverError

    depth = int(c.depth.max()) if len(c.depth) else 1
    if regret > atol * max(depth, 1):
        msg = f"{method} produced a profile with regret {regret:.3g} > tolerance {atol:.3g}"
        raise SolverError(msg)
    firsts, starts, labels, sets = c.behaviour_layout
    pick = np.asarray(choice, dtype=np.int64)
    strategies = []
    for i in range(len(c.players)):
        vec = np.zeros(len(labels[i]))
        vec[starts[i] + pick[firsts[i]]] = 1.0
        strategies.append(vec)
    outcomes: dict[str, float] = {}
    stack = [(0, 1.0)]
    while stack:  # the nodes the profile reaches, in preorder
        k, p = stack.pop()
        kids = c.children[k]
        if not kids:
            outcomes[c.labels[k]] = p
        elif choice[k] >= 0:
            stack.append((kids[choice[k]], p))
        else:
            stack.extend((x, p * float(c.prob[x])) for x in reversed(kids) if c.prob[x] > 0)
    return TreeEquilibrium(strategies=strategies, payoffs=payoffs, regret=max(regret, 0.0), players=c.players,
                           actions=labels, tol=atol, method=method, infosets=sets, outcomes=outcomes)


def make_tree_equilibrium(c: CompiledTree, behav: Mapping[int, np.ndarray], method: str,
                          atol: float, notes: tuple[str, ...] = ()) -> TreeEquilibrium:
    """Verify a behaviour profile is subgame perfect and wrap it; raise SolverError if not."""
    from negotiation_sim.errors import SolverError

    behav = {h: clean_distribution(v) for h, v in behav.items()}
    r = subgame_regret(c, behav)
    if r > atol:
        msg = f"{method} produced a profile with subgame regret {r:.3g} > tolerance {atol:.3g}"
        raise SolverError(msg)
    n = len(c.players)
    leaves, prob, pay, seqs = leaves_below(c, 0)
    reach = prob.copy()
    for i in range(n):
        reach *= reach_weights(seqs[i], behav)
    strategies = [np.concatenate([behav[h] for h in c.player_infosets[i]]) if c.player_infosets[i]
                  else np.zeros(0) for i in range(n)]
    return TreeEquilibrium(
        strategies=strategies,
        payoffs=reach @ pay,
        regret=max(r, 0.0),
        players=c.players,
        actions=[c.behaviour_labels(i) for i in range(n)],
        tol=atol,
        method=method,
        notes=notes,
        infosets=tuple(tuple((c.infosets[h].label, c.infosets[h].actions) for h in c.player_infosets[i])
                       for i in range(n)),
        outcomes={c.nodes[z].label: float(p) for z, p in zip(leaves, clean(reach), strict=False) if p > 0},
    )
