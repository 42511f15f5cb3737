"""Subgame-perfect equilibria of game trees: backward induction over proper subgames.

With perfect information (every information set a single node; chance
allowed) this is backward induction over the compiled tree's arrays, in
time linear in the tree, with the pure equilibria counted exactly and
listed lazily when ties make several (:mod:`negotiation_sim.solvers._backward_induction`).

Otherwise the tree is cut at its proper subgames (a node whose subtree no information
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
import math
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from negotiation_sim._numeric import DEFAULT_TOL, regret_atol
from negotiation_sim._validate import positive_int, tolerance
from negotiation_sim.errors import GameTypeError, InvalidTreeError, UnsupportedMethodError
from negotiation_sim.games._tree_compile import CompiledTree, reduced_normal_form
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers.equilibrium import EquilibriumSet
from negotiation_sim.solvers.tree_equilibrium import (
    TreeEquilibrium,
    kuhn_behaviour,
    make_tree_equilibrium,
)

__all__ = ["count_subgame_perfect", "iter_subgame_perfect", "solve_tree", "subgame_perfect", "TreeEquilibrium"]

_SPE_METHODS = ("auto", "subgame_perfect", "spe", "backward_induction")

#: Most (equilibria listed) x (nodes) in one EquilibriumSet of a perfect-information tree:
#: each equilibrium holds a strategy entry per action and is verified by a pass over the tree.
LISTING_BUDGET = 300_000


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
    from negotiation_sim.solvers._solve import solve

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
        raise GameTypeError(msg)
    c = tree._compiled()
    if not c.perfect_recall:
        msg = ("the tree does not have perfect recall (some player forgets what it knew or did); "
               "behaviour strategies and subgame perfection need it")
        raise InvalidTreeError(msg)
    tol = tolerance(tol, DEFAULT_TOL)
    return c, regret_atol(c.payoff[c.mover == -2], tol, axis=0)


def _solver(tree: Any, tol: float | None):
    from negotiation_sim.solvers._backward_induction import PerfectInformationSolver

    c, atol = _prepare_tols(tree, tol)
    if not c.perfect_information:
        msg = ("the tree has imperfect information (an information set with several nodes); "
               "use ns.subgame_perfect(tree), which solves such subgames as strategic-form games")
        raise UnsupportedMethodError(msg)
    return PerfectInformationSolver(c, atol)


def count_subgame_perfect(tree: Any, *, tol: float | None = None) -> int:
    """The number of pure subgame-perfect equilibria of a perfect-information tree.

    A pure profile picks one action at every decision node (a behaviour
    strategy of pure actions, so profiles that differ only off the path of
    play count separately). Counted exactly by dynamic programming over the
    tree, without listing them.

    Parameters
    ----------
    tree : GameTree
        Perfect information (chance nodes allowed).
    tol : float, optional
        Relative tolerance for ties, as in :func:`subgame_perfect`.

    Returns
    -------
    int

    Raises
    ------
    UnsupportedMethodError
        If the tree has imperfect information.
    GameTooLargeError
        If some subtree's equilibria give more than
        :data:`~negotiation_sim.solvers._backward_induction.MAX_VALUES`
        distinct payoff vectors (ties below chance nodes multiply them).

    Examples
    --------
    B is indifferent between X and Y, which give A 0 and 2; R gives A 2. After
    X, A takes R; after Y, A is indifferent too: (R, X), (R, Y) and (L, Y).

    >>> import negotiation_sim as ns
    >>> t = ns.GameTree(players=("A", "B"))
    >>> left, right = t.root.move("A", ["L", "R"])
    >>> _ = right.payoffs(2, 1)
    >>> x, y = left.move("B", ["X", "Y"])
    >>> _ = x.payoffs(0, 2); _ = y.payoffs(2, 2)
    >>> count_subgame_perfect(t)
    3
    """
    from negotiation_sim.errors import GameTooLargeError
    from negotiation_sim.solvers._backward_induction import MAX_VALUES, TooManyValuesError

    solver = _solver(tree, tol)
    try:
        return solver.count()
    except TooManyValuesError:
        msg = (f"cannot count the subgame-perfect equilibria: some subtree's give more than "
               f"{MAX_VALUES} distinct payoff vectors (ties below chance nodes)")
        raise GameTooLargeError(msg) from None


def iter_subgame_perfect(tree: Any, *, tol: float | None = None) -> Iterator[TreeEquilibrium]:
    """The pure subgame-perfect equilibria of a perfect-information tree, one at a time.

    Lazy: each is built (and verified) when asked for, so the first few of
    a tree with astronomically many come at once. Same order as
    :func:`subgame_perfect` lists them.

    Parameters
    ----------
    tree : GameTree
        Perfect information (chance nodes allowed).
    tol : float, optional
        Relative tolerance for ties, as in :func:`subgame_perfect`.

    Yields
    ------
    TreeEquilibrium

    Raises
    ------
    UnsupportedMethodError
        If the tree has imperfect information.
    GameTooLargeError
        As :func:`count_subgame_perfect` (raised by the first ``next``).

    Examples
    --------
    >>> import itertools
    >>> import negotiation_sim as ns
    >>> t = ns.GameTree(players=("A", "B"))
    >>> nodes = t.root.move("A", ["a", "b", "c"])
    >>> for node in nodes:
    ...     for leaf in node.move("B", ["x", "y"]):
    ...         _ = leaf.payoffs(0, 0)
    >>> [e.outcomes for e in itertools.islice(iter_subgame_perfect(t), 2)]
    [{'a/x': 1.0}, {'a/x': 1.0}]
    """
    return _iterate(_solver(tree, tol))


def _iterate(solver: Any) -> Iterator[TreeEquilibrium]:
    from negotiation_sim.errors import GameTooLargeError
    from negotiation_sim.solvers._backward_induction import MAX_VALUES, TooManyValuesError

    try:
        for choice in solver.profiles():
            yield solver.equilibrium(choice)
    except TooManyValuesError:
        msg = (f"cannot list the subgame-perfect equilibria: some subtree's give more than "
               f"{MAX_VALUES} distinct payoff vectors (ties below chance nodes)")
        raise GameTooLargeError(msg) from None


def _count_text(count: int) -> str:
    """``count`` in words for a note: exact up to 10**15, else rounded (``about 1.23e+4567``).

    Examples
    --------
    >>> _count_text(12), _count_text(3**10000)
    ('12', 'about 1.631e+4771')
    """
    if count < 10**15:
        return str(count)
    e = int(math.log10(count))
    while 10**e > count:  # log10 of a huge int can round up
        e -= 1
    return f"about {count // 10 ** (e - 3) / 1000:.3f}e+{e}"


def _perfect_information(tree: Any, c: CompiledTree, atol: np.ndarray, max_equilibria: int) -> EquilibriumSet:
    """Backward induction over arrays: the pure SPE, counted, listed up to the caps."""
    from negotiation_sim.solvers._backward_induction import (
        PerfectInformationSolver,
        TooManyValuesError,
    )

    solver = PerfectInformationSolver(c, atol)
    budget = max(1, LISTING_BUDGET // len(c.nodes))
    try:
        count: int | None = solver.count()
    except TooManyValuesError:
        count = None
    eqs: list[TreeEquilibrium] = []
    notes: list[str] = []
    if count is None:
        eqs.append(solver.equilibrium(solver.choice))
        notes.append("Too many distinct payoff vectors below chance nodes to count the pure "
                     "subgame-perfect equilibria; one is listed.")
    else:
        for choice in itertools.islice(solver.profiles(), min(max_equilibria, budget, count)):
            eqs.append(solver.equilibrium(choice))
    if count == 1:
        notes.append("Perfect information without ties: this is the only subgame-perfect "
                     "equilibrium, mixed ones included.")
    elif count is not None:
        notes.append(f"{_count_text(count)} pure subgame-perfect equilibria (one action at each decision node)"
                     + (f"; the first {len(eqs)} are listed" if len(eqs) < count else "") + ".")
        if len(eqs) < count and len(eqs) == max_equilibria:
            notes.append(f"stopped at max_equilibria={max_equilibria} equilibria")
        elif len(eqs) < count:
            notes.append(f"Listing stops at {budget} for a tree of {len(c.nodes)} nodes (each "
                         f"equilibrium stores and verifies a whole profile); "
                         f"iter_subgame_perfect(tree) yields them all one at a time.")
        notes.append("Only pure equilibria are listed; where a player is indifferent, mixing "
                     "between the tied actions can give further subgame-perfect equilibria.")
    return EquilibriumSet(eqs, complete=count is not None and len(eqs) == count,
                          method="subgame_perfect", game=tree, notes=notes)


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
    if c.perfect_information:
        from negotiation_sim.games._tree_compile import paused_gc

        with paused_gc():  # a few objects per node and per equilibrium; no user code runs
            return _perfect_information(tree, c, atol, max_equilibria)
    ctx = _Context(c, atol, max_equilibria)
    with warnings.catch_warnings():
        # Subgames with collapsed payoffs are often degenerate; the set records it below.
        warnings.simplefilter("ignore")
        found = _solve_at(ctx, 0)
    notes = list(ctx.notes)
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
        from negotiation_sim.solvers._solve import solve

        _prepare(tree, None)
        return solve(tree.to_normal_form(), method="auto", **options)
    msg = f"unknown method {method!r} for a GameTree; choose one of {[*_SPE_METHODS, 'nash']}"
    raise UnsupportedMethodError(msg)
