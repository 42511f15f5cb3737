"""Subgame-perfect equilibria of game trees: backward induction over proper subgames.

The tree is cut at its proper subgames (a node whose subtree no information
set leaves). Each subgame is solved bottom-up with the subgames below it
replaced by their equilibrium payoffs: a single decision node by picking
every best action (backward induction, so with perfect information every
pure SPE comes out, ties multiplying them), a chance node by its
expectation, and anything else (simultaneous moves, imperfect information)
by solving the subgame's reduced strategic form with :func:`negotiation_sim.solve`
and turning each mixed equilibrium into behaviour strategies (Kuhn). Every
combination is verified subgame perfect before it is returned.

References
----------
Selten, R. (1975), "Reexamination of the perfectness concept for equilibrium
points in extensive games", *International Journal of Game Theory* 4.
Kuhn, H. W. (1953), "Extensive games and the problem of information".
"""

from __future__ import annotations

import itertools
import warnings
from typing import Any

import numpy as np

from negotiation_sim._numeric import DEFAULT_TOL, regret_atol
from negotiation_sim._validate import positive_int, tolerance
from negotiation_sim.errors import InvalidTreeError, UnsupportedMethodError
from negotiation_sim.games._tree_compile import CompiledTree, reduced_normal_form
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers.equilibrium import EquilibriumSet
from negotiation_sim.solvers.tree_equilibrium import (
    TreeEquilibrium,
    kuhn_behaviour,
    make_tree_equilibrium,
)

__all__ = ["solve_tree", "subgame_perfect", "TreeEquilibrium"]

_SPE_METHODS = ("auto", "subgame_perfect", "spe", "backward_induction")


class _Context:
    """What the recursion shares: the tree, the tolerance, the cap and the honesty flag."""

    def __init__(self, c: CompiledTree, atol: np.ndarray, max_equilibria: int):
        self.c = c
        self.atol = atol
        self.max_equilibria = max_equilibria
        self.complete = True
        self.notes: list[str] = []
        self.memo: dict[tuple, list] = {}
        roots = set(c.subgame_roots)
        self.below = {x: _immediate_subgames(c, x, roots) for x in c.subgame_roots}


def _immediate_subgames(c: CompiledTree, x: int, roots: set[int]) -> list[int]:
    """The subgame roots strictly below ``x`` with no other subgame root in between."""
    out, stack = [], list(reversed(c.children[x]))
    while stack:
        k = stack.pop()
        if k in roots:
            out.append(k)
        else:
            stack.extend(reversed(c.children[k]))
    return out


def _unit(k: int, a: int) -> np.ndarray:
    v = np.zeros(k)
    v[a] = 1.0
    return v


def _leaf_value(c: CompiledTree, k: int, stop: dict[int, np.ndarray]) -> np.ndarray:
    return stop[k] if k in stop else c.nodes[k].payoff


def _solve_node(ctx: _Context, x: int, stop: dict[int, np.ndarray]) -> list[tuple[dict, np.ndarray]]:
    """One node whose children are all leaves or solved subgames: chance or backward induction."""
    c = ctx.c
    values = np.array([_leaf_value(c, k, stop) for k in c.children[x]])
    h = c.node_infoset[x]
    if h < 0:
        return [({}, np.asarray(c.nodes[x].probs) @ values)]
    i = c.infosets[h].player
    best = np.flatnonzero(values[:, i] >= values[:, i].max() - ctx.atol[i])
    return [({h: _unit(len(values), int(a))}, values[a]) for a in best]


def _small_game_profiles(ctx: _Context, game: NormalFormGame) -> list[tuple[np.ndarray, ...]]:
    """Equilibria of a subgame's strategic form, solving only among the players who move."""
    from negotiation_sim.solvers.solve import solve

    active = [i for i, k in enumerate(game.shape) if k > 1]
    if not active:
        return [tuple(np.ones(1) for _ in game.shape)]
    if len(active) == 1:  # one decision maker: every best pure strategy
        i = active[0]
        u = game.payoffs[..., i].reshape(-1)
        return [tuple(_unit(k, int(a)) if j == i else np.ones(1) for j, k in enumerate(game.shape))
                for a in np.flatnonzero(u >= u.max() - ctx.atol[i])]
    sub = game
    if len(active) < game.n_players:  # drop the players with a single strategy
        squeeze = tuple(slice(None) if j in active else 0 for j in range(game.n_players))
        sub = NormalFormGame(game.payoffs[squeeze][..., active],
                             players=[game.players[j] for j in active],
                             actions=[game.actions[j] for j in active])
    # Two players: every extreme equilibrium (vertex enumeration, complete); N players:
    # the pure ones and a traced mixed one, with ``complete`` saying which.
    eqs = solve(sub, method="auto")
    ctx.complete &= eqs.complete
    out = []
    for eq in eqs:
        it = iter(eq.strategies)
        out.append(tuple(next(it) if j in active else np.ones(1) for j in range(game.n_players)))
    return out


def _to_behaviour(c: CompiledTree, game: NormalFormGame, plans: list, profile: tuple) -> dict:
    """Kuhn's map from mixed reduced strategies to behaviour strategies.

    At an information set the player's own mixture never reaches, any choice
    keeps the profile an equilibrium of the subgame; the one taken is that of
    the player's best reduced strategy reaching it.
    """
    behav = kuhn_behaviour(c, plans, profile)
    for i, ps in enumerate(plans):
        values = None
        for h in {h for p in ps for h in p} - behav.keys():
            if values is None:
                values = game.action_values(profile, i)
            best = max((s for s, p in enumerate(ps) if h in p), key=lambda s: values[s])
            behav[h] = _unit(len(c.infosets[h].actions), ps[best][h])
    return behav


def _solve_region(ctx: _Context, x: int, stop: dict[int, np.ndarray]) -> list[tuple[dict, np.ndarray]]:
    c = ctx.c
    key = (x, tuple((k, tuple(v)) for k, v in sorted(stop.items())))
    if key in ctx.memo:
        return ctx.memo[key]
    if all(k in stop or not c.children[k] for k in c.children[x]):
        out = _solve_node(ctx, x, stop)
    else:
        game, plans = reduced_normal_form(c, x, stop)
        out = [(_to_behaviour(c, game, plans, prof), game.expected_payoffs(prof))
               for prof in _small_game_profiles(ctx, game)]
    ctx.memo[key] = out
    return out


def _solve_at(ctx: _Context, x: int) -> list[tuple[dict, np.ndarray]]:
    """Every equilibrium found of the subgame at ``x``: (behaviour by infoset, payoff vector)."""
    if not ctx.c.children[x]:  # a tree that is a single outcome
        return [({}, ctx.c.nodes[x].payoff)]
    below = ctx.below[x]
    parts = [_solve_at(ctx, y) for y in below]
    out: list[tuple[dict, np.ndarray]] = []
    for combo in itertools.product(*parts):
        stop = {y: v for y, (_, v) in zip(below, combo, strict=False)}
        behav: dict[int, np.ndarray] = {}
        for b, _ in combo:
            behav.update(b)
        for b, v in _solve_region(ctx, x, stop):
            out.append(({**behav, **b}, v))
            if len(out) >= ctx.max_equilibria:
                if ctx.complete:
                    ctx.notes.append(f"stopped at max_equilibria={ctx.max_equilibria} equilibria")
                ctx.complete = False
                return out
    return out


def _prepare(tree: Any, tol: float | None) -> tuple[CompiledTree, float]:
    """The compiled tree and the largest of the players' absolute tolerances (:func:`_prepare_tols`)."""
    c, atol = _prepare_tols(tree, tol)
    return c, float(atol.max())


def _prepare_tols(tree: Any, tol: float | None) -> tuple[CompiledTree, np.ndarray]:
    """The compiled tree and each player's absolute tolerance (``tol`` times the spread of
    the player's terminal payoffs, :func:`~negotiation_sim._numeric.regret_atol`)."""
    from negotiation_sim.games.extensive_form import GameTree

    if not isinstance(tree, GameTree):
        msg = f"tree must be a GameTree, not {type(tree).__name__}"
        raise UnsupportedMethodError(msg)
    c = tree._compiled()
    if not c.perfect_recall:
        msg = ("the tree does not have perfect recall (some player forgets what it knew or did); "
               "behaviour strategies and subgame perfection need it")
        raise InvalidTreeError(msg)
    tol = tolerance(tol, DEFAULT_TOL)
    leaves = np.array([n.payoff for n in c.nodes if n.kind == "terminal"], dtype=np.float64)
    return c, regret_atol(leaves.reshape(len(leaves), -1), tol, axis=0)


def subgame_perfect(tree: Any, *, tol: float | None = None,
                    max_equilibria: int = 10_000) -> EquilibriumSet:
    """The subgame-perfect equilibria of a game tree.

    Parameters
    ----------
    tree : GameTree
    tol : float, optional
        Tolerance relative to each player's payoff spread (default
        :data:`negotiation_sim._numeric.DEFAULT_TOL`); actions within it of
        the best count as ties.
    max_equilibria : int, default 10000
        Stop after this many (``complete`` is then False).

    Returns
    -------
    EquilibriumSet of TreeEquilibrium
        With perfect information: every pure SPE (``complete=True``); mixing
        between tied actions gives more, which are not listed. With
        imperfect information: every combination of the equilibria that
        :func:`negotiation_sim.solve` finds in each subgame's reduced
        strategic form. Where two players move, that is every extreme
        equilibrium (vertex enumeration, complete; in a degenerate subgame
        the convex sets between them hold more, which are not listed);
        where three or more move, every pure equilibrium and a traced
        mixed one. ``complete`` is True when every subgame's list was.

    Examples
    --------
    Entry deterrence: the incumbent's threat to fight is not credible.

    >>> import negotiation_sim as ns
    >>> t = ns.GameTree(players=("Entrant", "Incumbent"))
    >>> enter, out = t.root.move("Entrant", ["Enter", "Stay out"])
    >>> _ = out.payoffs(0, 2)
    >>> fight, acc = enter.move("Incumbent", ["Fight", "Accommodate"])
    >>> _ = fight.payoffs(-1, -1); _ = acc.payoffs(1, 1)
    >>> eqs = ns.subgame_perfect(t)
    >>> len(eqs), eqs[0].outcomes
    (1, {'Enter/Accommodate': 1.0})
    """
    c, atol = _prepare_tols(tree, tol)
    max_equilibria = positive_int(max_equilibria, "max_equilibria")
    ctx = _Context(c, atol, max_equilibria)
    with warnings.catch_warnings():
        # Subgames with collapsed payoffs are often degenerate; the set records it below.
        warnings.simplefilter("ignore")
        found = _solve_at(ctx, 0)
    perfect_info = all(len(h.members) == 1 for h in c.infosets)
    notes = list(ctx.notes)
    if perfect_info:
        notes.append("Perfect information: every pure subgame-perfect equilibrium is listed; "
                     "mixtures of tied actions are subgame perfect too.")
    eqs = [make_tree_equilibrium(c, b, "subgame_perfect", float(atol.max())) for b, _ in found]
    return EquilibriumSet(eqs, complete=ctx.complete, method="subgame_perfect", game=tree,
                          notes=notes)


def solve_tree(tree: Any, method: str = "auto", **options: Any) -> EquilibriumSet:
    """``ns.solve`` for a :class:`GameTree`.

    ``method`` is ``"auto"`` (alias ``"subgame_perfect"``, ``"spe"``,
    ``"backward_induction"``): :func:`subgame_perfect`; or ``"nash"``: the
    Nash equilibria of the reduced strategic form (``options`` go to
    ``solve`` of that game).
    """
    if method in _SPE_METHODS:
        return subgame_perfect(tree, **options)
    if method == "nash":
        from negotiation_sim.solvers.solve import solve

        _prepare(tree, None)
        return solve(tree.to_normal_form(), method="auto", **options)
    msg = f"unknown method {method!r} for a GameTree; choose one of {[*_SPE_METHODS, 'nash']}"
    raise UnsupportedMethodError(msg)
