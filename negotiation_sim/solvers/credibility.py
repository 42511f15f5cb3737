"""Non-credible threats and promises: the Nash equilibria that subgame perfection rules out.

A Nash equilibrium of a tree's strategic form may rest on a plan that the
player would not carry out if the moment came: play in a proper subgame
off the path that is not an equilibrium of that subgame. :func:`credibility`
examines every Nash equilibrium of the reduced strategic form (for two
players every extreme one, by vertex enumeration; for more, the pure ones)
and reports each that is not subgame perfect, with the information sets
where its prescribed play is not optimal.

Each such non-credible plan is named by what it would do to the *other*
players, compared with the alternative the player would in fact choose
there (its best action, the one a subgame-perfect completion plays):

- a **threat** if carrying it out *punishes*: it gives no other player more
  and at least one other player less than the alternative (the incumbent's
  plan to fight an entry);
- a **promise** if it *rewards*: no other player less and at least one more
  (a plan to accommodate when fighting would pay);
- a **plan** otherwise (it helps one player and hurts another, or leaves
  every other player's payoff unchanged).

Payoffs are compared at that information set, given that it is reached and
every other move is as prescribed, with the tolerance of the solve.

A reduced strategy says nothing at the information sets the player's own
moves exclude (the entrant who stays out has no plan for the post-entry
game). There the play of a subgame-perfect equilibrium completes it: an
equilibrium is reported only when no completion by the subgame-perfect
equilibria of :func:`negotiation_sim.subgame_perfect` makes it subgame
perfect, and the failures are read off the completion that comes closest.
By the one-shot deviation principle (perfect recall), a profile that is
not an equilibrium of some subgame has an information set, reached with
positive probability inside it, where a change of action alone pays; each
such set is reported once, in the smallest proper subgame that reaches it.
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np

from negotiation_sim.errors import DegenerateGameWarning
from negotiation_sim.games._tree_compile import CompiledTree, leaves_below, reduced_normal_form
from negotiation_sim.solvers.equilibrium import Equilibrium, format_prob
from negotiation_sim.solvers.tree_equilibrium import (
    action_values,
    kuhn_behaviour,
    reach_weights,
    subgame_regret,
)

__all__ = ["credibility", "NonCredibleThreat", "CredibilityRecord", "plan_kind"]


@attrs.frozen
class NonCredibleThreat:
    """Prescribed play at an information set that is not optimal in the subgame containing it.

    ``values`` gives each action's expected payoff to the player at that
    information set (given the others' play and the player's own later
    play); ``prescribed_value`` is what the prescribed play (an action or a
    mixture) gets; ``loss`` is what carrying it out costs the player there.
    ``subgame`` and ``path`` name the smallest proper subgame that reaches
    the information set (its root's label and path of actions).
    ``others`` gives every other player's payoff there under the prescribed
    play and under ``best_action``; ``kind`` says what the plan does to them
    (see the module: ``"threat"`` punishes, ``"promise"`` rewards, ``"plan"``
    neither). The class keeps its first name for every kind.
    """

    player: str
    infoset: str
    subgame: str
    path: tuple[str, ...]
    action: str
    best_action: str
    values: dict[str, float]
    prescribed_value: float
    others: dict[str, tuple[float, float]] = attrs.field(factory=dict)
    kind: str = "threat"

    @property
    def loss(self) -> float:
        """How much the player loses at that information set by carrying out the plan."""
        return self.values[self.best_action] - self.prescribed_value

    def describe(self) -> str:
        """One sentence: whose threat (promise, plan), where, and what each choice gives."""
        where = "/".join(self.path) or "the start"
        best = f"{self.best_action} {format_prob(self.values[self.best_action])}"
        mixed = self.action not in self.values
        what = f"{self.kind} to mix ({self.action})" if mixed else f"{self.kind} to {self.action}"
        gives = "it" if mixed else self.action
        if self.infoset == self.subgame:  # a single node heading its own subgame
            return (f"{self.player}'s {what} after {where} is not credible: at that node {gives} "
                    f"gives it {format_prob(self.prescribed_value)}, {best}.")
        return (f"{self.player}'s {what} at {self.infoset} is not credible in the subgame after "
                f"{where}: there {gives} gives it {format_prob(self.prescribed_value)}, {best}.")


def plan_kind(others: dict[str, tuple[float, float]], atol: float) -> str:
    """``"threat"``, ``"promise"`` or ``"plan"`` from the other players' (prescribed, alternative) payoffs.

    Examples
    --------
    >>> plan_kind({"Entrant": (-1.0, 1.0)}, 1e-9), plan_kind({"Entrant": (1.0, -1.0)}, 1e-9)
    ('threat', 'promise')
    >>> plan_kind({"A": (0.0, 1.0), "B": (2.0, 1.0)}, 1e-9), plan_kind({"A": (1.0, 1.0)}, 1e-9)
    ('plan', 'plan')
    """
    diffs = [now - alt for now, alt in others.values()]
    lower = any(d < -atol for d in diffs)
    higher = any(d > atol for d in diffs)
    if lower and not higher:
        return "threat"
    if higher and not lower:
        return "promise"
    return "plan"


@attrs.frozen
class CredibilityRecord:
    """A Nash equilibrium that is not subgame perfect, with its non-credible plans.

    ``threats`` holds every non-credible plan, whatever its kind (threat,
    promise or plan; see :class:`NonCredibleThreat`).
    """

    equilibrium: Equilibrium
    strategies: dict[str, str]
    threats: tuple[NonCredibleThreat, ...]

    def describe(self) -> str:
        """The equilibrium in words, then each plan (threat, promise) that is not credible."""
        plays = "; ".join(f"{p} plays {s}" for p, s in self.strategies.items())
        head = f"The Nash equilibrium ({plays}) is not subgame perfect."
        return " ".join([head, *(t.describe() for t in self.threats)])


def _mix_phrase(names: tuple[str, ...], probs: np.ndarray) -> str:
    played = [(n, p) for n, p in zip(names, probs, strict=True) if p > 0]
    if len(played) == 1:
        return played[0][0]
    return " and ".join(f"{n} with probability {format_prob(p)}" for n, p in played)


def _threats(c: CompiledTree, behav: dict[int, np.ndarray], atol: float) -> list[NonCredibleThreat]:
    """The information sets where ``behav`` is not optimal, each in the smallest subgame reaching it."""
    n = len(c.players)
    sizes = {h: len(s.actions) for h, s in enumerate(c.infosets)}
    seen: set[int] = set()
    found = []
    for x in sorted(c.subgame_roots, reverse=True):  # preorder indices: deeper subgames first
        _, prob, pay, seqs = leaves_below(c, x)
        reach = [reach_weights(seqs[i], behav) for i in range(n)]
        for i in range(n):
            others = prob * np.prod([reach[j] for j in range(n) if j != i], axis=0)
            mass = action_values(seqs[i], others, behav, sizes)
            worth = action_values(seqs[i], others * pay[:, i], behav, sizes)
            for h in sorted(mass.keys() - seen):
                p_h = float(mass[h][0])
                if p_h <= 0:
                    continue  # not reached in this subgame; a larger one may reach it
                seen.add(h)
                u = worth[h] / p_h
                best, now = int(np.argmax(u)), float(behav[h] @ u)
                if u[best] - now > atol:
                    acts = c.infosets[h].actions
                    others_now = {}
                    for k in range(n):  # what the plan does to each other player, against the best action
                        if k != i:
                            uk = action_values(seqs[i], others * pay[:, k], behav, sizes)[h] / p_h
                            others_now[c.players[k]] = (float(behav[h] @ uk), float(uk[best]))
                    found.append(NonCredibleThreat(
                        player=c.players[i], infoset=c.infosets[h].label, subgame=c.nodes[x].label,
                        path=c.nodes[x].path, action=_mix_phrase(acts, behav[h]), best_action=acts[best],
                        values={a: float(v) for a, v in zip(acts, u, strict=True)}, prescribed_value=now,
                        others=others_now, kind=plan_kind(others_now, atol)))
    return sorted(found, key=lambda t: (len(t.path), t.path))  # top-down reads more naturally


def _completions(c: CompiledTree, spe: Any) -> list[dict[int, np.ndarray]]:
    """Each subgame-perfect equilibrium's behaviour, by information-set index."""
    index = {s.label: h for h, s in enumerate(c.infosets)}
    out = []
    for eq in spe:
        behav = {}
        for i in range(len(c.players)):
            for label, probs in eq.behaviour(i).items():
                behav[index[label]] = np.array(list(probs.values()))
        out.append(behav)
    return out


def credibility(tree: Any, *, tol: float | None = None) -> list[CredibilityRecord]:
    """Every Nash equilibrium of ``tree`` that is not subgame perfect, with its non-credible plans.

    Parameters
    ----------
    tree : GameTree
        Perfect recall; information may be imperfect (the proper subgames
        are where credibility is judged).
    tol : float, optional
        Tolerance relative to the largest absolute payoff.

    Returns
    -------
    list of CredibilityRecord
        One per Nash equilibrium of the reduced strategic form that no
        subgame-perfect equilibrium completes, in the order the solver gives
        them. With two players these are every extreme equilibrium (vertex
        enumeration; in a degenerate strategic form, the points between them
        are not examined one by one); with more, every pure equilibrium.
        Each names the information sets where the prescribed play is not
        optimal, the proper subgame where that shows, the loss, and whether
        the plan is a threat (it punishes the others), a promise (it rewards
        them) or neither.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> t = ns.GameTree(players=("Entrant", "NATO"))
    >>> entry, out = t.root.move("Entrant", ["Entry", "Stay out"])
    >>> _ = out.payoffs(0, 2)
    >>> fight, acc = entry.move("NATO", ["Fight", "Accommodate"])
    >>> _ = fight.payoffs(-1, -1); _ = acc.payoffs(1, 1)
    >>> records = ns.credibility(t)
    >>> print(records[0].describe())
    The Nash equilibrium (Entrant plays Stay out; NATO plays Fight) is not subgame perfect. NATO's threat to Fight after Entry is not credible: at that node Fight gives it -1, Accommodate 1.
    """
    from negotiation_sim.solvers.pure_nash import pure_equilibria
    from negotiation_sim.solvers.solve import solve
    from negotiation_sim.solvers.subgame_perfect import _prepare, subgame_perfect

    c, atol = _prepare(tree, tol)
    game, plans = reduced_normal_form(c)
    with warnings.catch_warnings():
        # Strategic forms of trees are often degenerate; the extreme equilibria are examined.
        warnings.simplefilter("ignore", DegenerateGameWarning)
        nash = solve(game, method="auto", tol=tol) if game.n_players == 2 else pure_equilibria(game, tol=tol)
    completions = _completions(c, subgame_perfect(tree, tol=tol))
    records = []
    for eq in nash:
        own = kuhn_behaviour(c, plans, eq.strategies)
        candidates = [{**fill, **own} for fill in completions] or [own]
        regrets = [subgame_regret(c, b) if len(b) == len(c.infosets) else np.inf for b in candidates]
        k = int(np.argmin(regrets))
        if regrets[k] <= atol:
            continue
        threats = _threats(c, candidates[k], atol)
        names = {p: _mix_phrase(game.actions[i], eq.strategies[i]) for i, p in enumerate(game.players)}
        records.append(CredibilityRecord(eq, names, tuple(threats)))
    return records
