"""Non-credible threats and promises: the Nash equilibria that subgame perfection rules out.

A Nash equilibrium of a tree may rest on a plan that the player would not
carry out if the moment came. Following Schelling (1960, ch. 2) and Selten
(1965, 1975), a plan is *credible* when carrying it out is optimal in the
subgame where it is to be carried out, that is, when some subgame-perfect
equilibrium of that subgame prescribes it.

**Perfect information** (every information set a single node; chance
allowed). The records are computed on the tree, in time about linear in
it per record. Let ``σ*`` be the first subgame-perfect equilibrium that
:func:`negotiation_sim.subgame_perfect` lists. For each decision node ``x``
and each action ``a`` at ``x`` that no subgame-perfect equilibrium of the
subgame at ``x`` plays there, ``τ(x, a)`` is backward induction with the
plan "``a`` at ``x``" imposed: ``σ*`` below ``x`` and off the path from the
root to ``x``; on that path, each mover's optimal action given the play
below (``σ*``'s when it stays optimal; where a mover is indifferent between
heading to ``x`` and not, not). ``τ(x, a)`` is reported when it is a Nash
equilibrium and ``x`` is not excluded by its own player's moves (a plan a
player's own strategy never reaches is not part of its reduced strategy).
Each record then holds exactly one non-credible plan, the one at ``x``:
every other move of ``τ(x, a)`` is optimal in its subgame. A record is a
pure Nash equilibrium of the reduced strategic form that no
subgame-perfect equilibrium completes; Nash equilibria resting on several
non-credible plans at once, and mixed ones, are not listed (there can be
exponentially many).

**Imperfect information.** The Nash equilibria of the reduced strategic
form are examined (for two players every extreme one, by vertex
enumeration; for more, the pure ones), so the cost grows with the
strategic form, exponentially in the tree: each equilibrium that no
completion by the subgame-perfect equilibria makes subgame perfect is
reported, with the information sets where its prescribed play is not
optimal. By the one-shot deviation principle (perfect recall), a profile
that is not an equilibrium of some subgame has an information set,
reached with positive probability inside it, where a change of action
alone pays; each such set is reported once, in the smallest proper
subgame that reaches it. A reduced strategy says nothing at the
information sets the player's own moves exclude; there the play of a
subgame-perfect equilibrium completes it.

Each non-credible plan is named by what it would do to the *other*
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

References
----------
Schelling, T. C. (1960), *The Strategy of Conflict*, Harvard University Press, ch. 2.
Selten, R. (1965), "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121.
Selten, R. (1975), "Reexamination of the perfectness concept for equilibrium
points in extensive games", *International Journal of Game Theory* 4.
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


def _reduced_names(c: CompiledTree, choice: list[int]) -> dict[str, str]:
    """Each player's reduced strategy under a pure profile: its actions at the nodes its own
    moves do not exclude, in preorder, joined by ``/`` (``-`` for a player with none)."""
    names: list[list[str]] = [[] for _ in c.players]
    stack = [(0, (False,) * len(c.players))]
    while stack:
        k, out = stack.pop()
        m = int(c.mover[k])
        kids = c.children[k]
        if m >= 0 and not out[m]:
            names[m].append(c.nodes[k].actions[choice[k]])
        if m >= 0:
            gone = tuple(True if j == m else o for j, o in enumerate(out))
            stack.extend((x, out if a == choice[k] else gone) for a, x in reversed(list(enumerate(kids))))
        else:
            stack.extend((x, out) for x in reversed(kids))
    return {p: "/".join(ns) or "-" for p, ns in zip(c.players, names, strict=True)}


def _imposed(solver: Any, brs: list[list[float]], x: int, a: int) -> tuple[dict[int, int], list, list] | None:
    """Backward induction with ``a`` imposed at ``x`` (see the module): the changed actions,
    and the profile's value and best-response values at the root; None if ``x`` is then
    excluded by its own player's moves."""
    c, cols, choice, atol = solver.c, solver.cols, solver.choice, solver.atol
    n = solver.n_players
    i = solver.mover[x]
    kid = solver.kids[x][a]
    v = [cols[j][kid] for j in range(n)]
    b = [max(brs[j][y] for y in solver.kids[x]) if j == i else brs[j][kid] for j in range(n)]
    changed = {x: a}
    node = x
    while node:
        y = int(c.parent[node])
        kids = solver.kids[y]
        pos = int(c.action[node])
        m = solver.mover[y]
        if m < 0:
            ps = [solver.prob[z] for z in kids]
            v = [sum(p * (v[j] if z == node else cols[j][z]) for p, z in zip(ps, kids, strict=True))
                 for j in range(n)]
            b = [sum(p * (b[j] if z == node else brs[j][z]) for p, z in zip(ps, kids, strict=True))
                 for j in range(n)]
            node = y
            continue
        vals = [v[m] if z == node else cols[m][z] for z in kids]
        thr = max(vals) - atol[m]
        opt = [t for t, val in enumerate(vals) if val >= thr]
        away = [t for t in opt if t != pos]
        if away and pos in opt:  # indifferent: stay away from x, so that the plan deters
            pick = choice[y] if choice[y] in away else away[0]
        else:
            pick = choice[y] if choice[y] in opt else opt[0]
        if pick != choice[y]:
            changed[y] = pick
        if m == i and pick != pos:
            return None  # x's player itself steers away: the plan is not in its reduced strategy
        head = [b[j] if z == node else brs[j][z] for z in kids for j in range(n)]
        best_m = max(head[t * n + m] for t in range(len(kids)))
        if pick != pos:
            v = [cols[j][kids[pick]] for j in range(n)]
        b = [best_m if j == m else head[pick * n + j] for j in range(n)]
        node = y
    return changed, v, b


def _perfect_information_records(c: CompiledTree, atol: np.ndarray, max_records: int) -> list[CredibilityRecord]:
    """The records of a perfect-information tree, computed on the tree (see the module)."""
    from negotiation_sim.errors import GameTooLargeError, NegotiationSimWarning
    from negotiation_sim.solvers._backward_induction import (
        MAX_VALUES,
        PerfectInformationSolver,
        TooManyValuesError,
    )
    from negotiation_sim.solvers.tree_equilibrium import pure_tree_equilibrium

    solver = PerfectInformationSolver(c, atol)
    brs = solver.best_responses(solver.choice, solver.cols)
    cols, tol = solver.cols, float(np.max(atol))
    records: list[CredibilityRecord] = []
    for x in range(len(c.nodes)):
        i = solver.mover[x]
        if i < 0:
            continue
        try:
            credible = solver.credible_actions(x)
        except TooManyValuesError:
            msg = (f"cannot tell which plans are credible: some subtree's subgame-perfect equilibria "
                   f"give more than {MAX_VALUES} distinct payoff vectors (ties below chance nodes)")
            raise GameTooLargeError(msg) from None
        for a, ok in enumerate(credible):
            if ok:
                continue
            found = _imposed(solver, brs, x, a)
            if found is None:
                continue
            changed, v, b = found
            if any(b[j] > v[j] + solver.atol[j] for j in range(solver.n_players)):
                continue  # not a Nash equilibrium: the plan would be carried out, or the player's own
            if len(records) == max_records:
                warnings.warn(f"credibility stopped at max_records={max_records} records; more "
                              f"non-credible plans support Nash equilibria", NegotiationSimWarning,
                              stacklevel=3)
                return records
            choice = list(solver.choice)
            for k, act in changed.items():
                choice[k] = act
            eq = pure_tree_equilibrium(c, choice, v, max(0.0, *(bj - vj for bj, vj in zip(b, v, strict=True))),
                                       "nash", tol)
            kids = solver.kids[x]
            best = solver.choice[x]
            acts = c.nodes[x].actions
            others = {c.players[j]: (cols[j][kids[a]], cols[j][kids[best]])
                      for j in range(solver.n_players) if j != i}
            threat = NonCredibleThreat(
                player=c.players[i], infoset=c.labels[x], subgame=c.labels[x], path=c.nodes[x].path,
                action=acts[a], best_action=acts[best],
                values={act: cols[i][z] for act, z in zip(acts, kids, strict=True)},
                prescribed_value=cols[i][kids[a]], others=others, kind=plan_kind(others, tol))
            records.append(CredibilityRecord(eq, _reduced_names(c, choice), (threat,)))
    return records


def credibility(tree: Any, *, tol: float | None = None, max_records: int = 10_000) -> list[CredibilityRecord]:
    """The Nash equilibria of ``tree`` that rest on non-credible plans, with those plans.

    Parameters
    ----------
    tree : GameTree
        Perfect recall; information may be imperfect (the proper subgames
        are where credibility is judged).
    tol : float, optional
        Tolerance relative to each player's payoff spread (as in
        :func:`negotiation_sim.subgame_perfect`).
    max_records : int, default 10000
        With perfect information, stop after this many records (with a
        :class:`~negotiation_sim.errors.NegotiationSimWarning`).

    Returns
    -------
    list of CredibilityRecord
        With perfect information, computed on the tree (see the module for
        the precise definition): one record per decision node and
        non-credible action there whose imposition, with backward induction
        everywhere else, is a Nash equilibrium, in preorder of the nodes;
        each record's ``equilibrium`` is that pure profile (a
        :class:`~negotiation_sim.solvers.tree_equilibrium.TreeEquilibrium`
        with ``method="nash"``) and its one threat the plan at that node.
        With imperfect information, one per Nash equilibrium of the reduced
        strategic form that no subgame-perfect equilibrium completes, in the
        order the solver gives them: with two players every extreme
        equilibrium (vertex enumeration; in a degenerate strategic form, the
        points between them are not examined one by one); with more, every
        pure equilibrium.
        Each names the information sets where the prescribed play is not
        optimal, the proper subgame where that shows, the loss, and whether
        the plan is a threat (it punishes the others), a promise (it rewards
        them) or neither.

    Raises
    ------
    GameTooLargeError
        With perfect information, if ties below chance nodes give some
        subtree's equilibria too many distinct payoff vectors to tell which
        plans are credible.

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
    from negotiation_sim._validate import positive_int
    from negotiation_sim.solvers._subgame_perfect import _prepare_tols

    c, atols = _prepare_tols(tree, tol)
    max_records = positive_int(max_records, "max_records")
    if c.perfect_information:
        return _perfect_information_records(c, atols, max_records)
    return _strategic_form_records(tree, c, float(atols.max()), tol)


def _strategic_form_records(tree: Any, c: CompiledTree, atol: float, tol: float | None) -> list[CredibilityRecord]:
    """The records from the Nash equilibria of the reduced strategic form (any small tree)."""
    from negotiation_sim.solvers._solve import solve
    from negotiation_sim.solvers._subgame_perfect import subgame_perfect
    from negotiation_sim.solvers.pure_nash import pure_equilibria

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
