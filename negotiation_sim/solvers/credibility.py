"""Non-credible threats: the Nash equilibria that subgame perfection rules out.

A Nash equilibrium of a tree's strategic form may rest on a threat that the
player would not carry out if the moment came: an action off the path of
play that is worse for it, at that node, than another. :func:`credibility`
lists every pure Nash equilibrium of the reduced strategic form that is not
subgame perfect, and for each the threats that are not credible.

The check runs bottom-up. At each decision node the action the equilibrium
prescribes is compared with the best action given the play below (where
that play was itself found not credible, the credible choice replaces it).
An off-path prescription that is worse is a non-credible threat; if none is
found, the equilibrium's choices extend to a subgame-perfect equilibrium.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim.errors import UnsupportedMethodError
from negotiation_sim.games._tree_compile import CompiledTree, reduced_normal_form
from negotiation_sim.solvers.equilibrium import Equilibrium, format_prob

__all__ = ["credibility", "NonCredibleThreat", "CredibilityRecord"]


@attrs.frozen
class NonCredibleThreat:
    """A prescribed off-path action the player would not carry out.

    ``values`` gives, at that node, each action's payoff to the player when
    play below is credible; ``loss`` is what carrying out the threat costs it.
    """

    player: str
    node: str
    path: tuple[str, ...]
    action: str
    best_action: str
    values: dict[str, float]

    @property
    def loss(self) -> float:
        """How much the player loses by carrying out the threat."""
        return self.values[self.best_action] - self.values[self.action]

    def describe(self) -> str:
        """One sentence: whose threat, where, and what each action gives."""
        where = "/".join(self.path)
        return (f"{self.player}'s threat to {self.action} after {where} is not credible: at that "
                f"node {self.action} gives it {format_prob(self.values[self.action])}, "
                f"{self.best_action} {format_prob(self.values[self.best_action])}.")


@attrs.frozen
class CredibilityRecord:
    """A Nash equilibrium that is not subgame perfect, with its non-credible threats."""

    equilibrium: Equilibrium
    strategies: dict[str, str]
    threats: tuple[NonCredibleThreat, ...]

    def describe(self) -> str:
        """The equilibrium in words, then each threat that is not credible."""
        plays = "; ".join(f"{p} plays {s}" for p, s in self.strategies.items())
        head = f"The Nash equilibrium ({plays}) is not subgame perfect."
        return " ".join([head, *(t.describe() for t in self.threats)])


def _on_path(c: CompiledTree, plans: list[dict[int, int]]) -> list[bool]:
    on = [False] * len(c.nodes)
    on[0] = True
    for k, node in enumerate(c.nodes):  # preorder: a parent is settled before its children
        if not on[k] or not c.children[k]:
            continue
        h = c.node_infoset[k]
        if h < 0:
            for a, child in enumerate(c.children[k]):
                on[child] = node.probs[a] > 0
        else:
            on[c.children[k][plans[c.infosets[h].player][h]]] = True
    return on


def _threats(c: CompiledTree, plans: list[dict[int, int]], atol: float) -> list[NonCredibleThreat]:
    on = _on_path(c, plans)
    value: list[Any] = [None] * len(c.nodes)
    found = []
    for k in reversed(range(len(c.nodes))):  # reversed preorder: children before parents
        node = c.nodes[k]
        if node.kind == "terminal":
            value[k] = node.payoff
            continue
        vals = np.array([value[child] for child in c.children[k]])
        h = c.node_infoset[k]
        if h < 0:
            value[k] = np.asarray(node.probs) @ vals
            continue
        i = c.infosets[h].player
        u = vals[:, i]
        best = int(np.argmax(u))
        a = plans[i].get(h, best)
        if u[a] < u[best] - atol:
            if not on[k]:
                found.append(NonCredibleThreat(
                    player=c.players[i], node=node.label, path=node.path, action=node.actions[a],
                    best_action=node.actions[best],
                    values={x: float(v) for x, v in zip(node.actions, u, strict=False)}))
            a = best
        value[k] = vals[a]
    return found[::-1]  # top-down order reads more naturally


def credibility(tree: Any, *, tol: float | None = None) -> list[CredibilityRecord]:
    """Every pure Nash equilibrium of ``tree`` that is not subgame perfect, with its threats.

    Parameters
    ----------
    tree : GameTree
        With perfect information (chance nodes allowed).
    tol : float, optional
        Tolerance relative to the largest absolute payoff.

    Returns
    -------
    list of CredibilityRecord
        One per pure Nash equilibrium of the reduced strategic form that no
        subgame-perfect equilibrium extends, in the strategic form's order;
        each names the off-path actions that are not credible (mixed Nash
        equilibria are not examined).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> t = ns.GameTree(players=("Entrant", "NATO"))
    >>> entry, out = t.root.move("Entrant", ["Entry", "Stay out"])
    >>> _ = out.payoffs(0, 2)
    >>> fight, acc = entry.move("NATO", ["Fight", "Accommodate"])
    >>> _ = fight.payoffs(-1, -1); _ = acc.payoffs(1, 1)
    >>> [r] = ns.credibility(t)
    >>> print(r.describe())
    The Nash equilibrium (Entrant plays Stay out; NATO plays Fight) is not subgame perfect. NATO's threat to Fight after Entry is not credible: at that node Fight gives it -1, Accommodate 1.
    """
    from negotiation_sim.solvers.pure_nash import pure_equilibria
    from negotiation_sim.solvers.subgame_perfect import _prepare

    c, atol = _prepare(tree, tol)
    if any(len(h.members) > 1 for h in c.infosets):
        msg = ("credibility needs a tree with perfect information (every information set a "
               "single node); solve trees with imperfect information with ns.subgame_perfect")
        raise UnsupportedMethodError(msg)
    game, plans = reduced_normal_form(c)
    records = []
    for eq in pure_equilibria(game, tol=tol):
        idx = [int(np.argmax(s)) for s in eq.strategies]
        threats = _threats(c, [plans[i][s] for i, s in enumerate(idx)], atol)
        if threats:
            names = {p: game.actions[i][s] for i, (p, s) in enumerate(zip(game.players, idx, strict=False))}
            records.append(CredibilityRecord(eq, names, tuple(threats)))
    return records
