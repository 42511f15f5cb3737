"""Backward induction on perfect-information trees, in time linear in the tree.

One pass over the compiled tree in reverse preorder (every child before its
parent) gives each node's value vector and the first optimal action of
each decision node. Where some decision node has two optimal actions
(within the tolerance), a second pass counts the pure subgame-perfect
equilibria exactly: each node gets a map from value vector to the number of
pure profiles of its subtree that are subgame perfect there and give that
vector. An action ``a`` of player ``i`` at node ``x`` is subgame perfect
with a profile of ``x``'s subtrees when its child's value ``v`` satisfies
``v[i] >= w[i] - atol[i]`` for every other child's value ``w``, so

    count_x[v] = sum over a of count_a[v] * prod over b != a of #{profiles of b with w[i] <= v[i] + atol[i]}

and at a chance node the maps combine by expectation. The same maps drive
a lazy enumeration of the equilibria (an explicit-stack depth-first search,
so deep trees do not recurse), in which every branch ends in an equilibrium.

A tie changes the values above only when the tied actions give different
vectors; ties between actions with equal vectors only multiply the count.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from math import prod
from typing import Any

import numpy as np

from negotiation_sim.games._tree_compile import CompiledTree, paused_gc
from negotiation_sim.solvers.tree_equilibrium import TreeEquilibrium

__all__ = ["PerfectInformationSolver", "TooManyValuesError"]

#: Most distinct value vectors one subtree may hold while counting; a chance node
#: combines its children's vectors by products, so ties below chance can multiply them.
MAX_VALUES = 100_000


class TooManyValuesError(Exception):
    """A subtree's subgame-perfect profiles give more than :data:`MAX_VALUES` value vectors."""


class PerfectInformationSolver:
    """Backward induction, counting and enumeration of the pure SPE of one compiled tree.

    Parameters
    ----------
    c : CompiledTree
        A perfect-information tree (every information set a single node).
    atol : numpy.ndarray
        Each player's absolute tolerance: actions within it of the best are ties.
    """

    def __init__(self, c: CompiledTree, atol: np.ndarray):
        with paused_gc():
            self._setup(c, atol)

    def _setup(self, c: CompiledTree, atol: np.ndarray) -> None:
        self.c = c
        self.atol = [float(a) for a in atol]
        self.n_players = len(c.players)
        self.kids = c.children
        self.mover = c.mover.tolist()
        self.prob = c.prob.tolist()
        # Internal nodes, children first: (node, children, mover, chance probabilities or None).
        self._order = [(k, kids, self.mover[k], None if self.mover[k] >= 0 else [self.prob[x] for x in kids])
                       for k, kids in zip(range(len(self.kids) - 1, -1, -1), reversed(self.kids)) if kids]
        self.choice, self.cols, self.tied = self._canonical()
        self._maps: dict[int, dict[tuple, int]] | None = None
        self._combos: dict[int, dict[tuple, list[tuple]]] = {}

    # -- the canonical equilibrium ------------------------------------------------

    def _canonical(self) -> tuple[list[int], list[list[float]], list[bool]]:
        """First optimal action everywhere; values; whether a tie lies in each subtree."""
        n = len(self.kids)
        cols = [self.c.payoff[:, j].tolist() for j in range(self.n_players)]
        choice = [-1] * n
        tied = [False] * n
        kids_of, mover, prob, atol = self.kids, self.mover, self.prob, self.atol
        for k in range(n - 1, -1, -1):
            kids = kids_of[k]
            if not kids:
                continue
            i = mover[k]
            below = any([tied[x] for x in kids])
            if i >= 0:
                col = cols[i]
                vals = [col[x] for x in kids]
                thr = max(vals) - atol[i]
                best = [a for a, v in enumerate(vals) if v >= thr]
                tied[k] = below or len(best) > 1
                f = kids[best[0]]
                choice[k] = best[0]
                for col in cols:
                    col[k] = col[f]
            else:
                tied[k] = below
                ps = [prob[x] for x in kids]
                for col in cols:
                    col[k] = sum([p * col[x] for p, x in zip(ps, kids, strict=True)])
        return choice, cols, tied

    def values(self, choice: list[int]) -> list[list[float]]:
        """Every node's value vector (one list per player) under the pure profile ``choice``."""
        if choice is self.choice:
            return self.cols
        cols = [self.c.payoff[:, j].tolist() for j in range(self.n_players)]
        for k, kids, _, ps in self._order:
            if ps is None:
                f = kids[choice[k]]
                for col in cols:
                    col[k] = col[f]
            else:
                for col in cols:
                    col[k] = sum([p * col[x] for p, x in zip(ps, kids, strict=True)])
        return cols

    def regret(self, choice: list[int], cols: list[list[float]]) -> float:
        """The largest gain of a unilateral deviation in any subgame (every node heads one).

        Each player's best-response value in every subtree, against the
        others' ``choice``, minus the profile's value there.
        """
        brs = self.best_responses(choice, cols)
        return max(0.0, *(float(np.max(np.subtract(br, col))) for br, col in zip(brs, cols, strict=True)))

    def best_responses(self, choice: list[int], cols: list[list[float]]) -> list[list[float]]:
        """Each player's best-response value in every subtree against the others' ``choice``
        (``cols``: the profile's values, :meth:`values`)."""
        out = []
        for i in range(self.n_players):
            br = list(cols[i])
            for k, kids, j, ps in self._order:
                if ps is not None:
                    br[k] = sum([p * br[x] for p, x in zip(ps, kids, strict=True)])
                elif j == i:
                    br[k] = max([br[x] for x in kids])
                else:
                    br[k] = br[kids[choice[k]]]
            out.append(br)
        return out

    def credible_actions(self, k: int) -> list[bool]:
        """For each action at decision node ``k``: whether some SPE of the subgame at ``k`` plays it.

        Action ``a`` is played by one when some equilibrium of its child's
        subtree is worth at least, to the mover, what every other child's
        worst equilibrium is worth to it, less the tolerance.
        """
        i = self.mover[k]
        kids = self.kids[k]
        if self.tied[k]:
            with paused_gc():
                self._build_maps()
            kid_maps = [self._map(x) for x in kids]
            hi = [max(v[i] for v in m) for m in kid_maps]
            lo = [min(v[i] for v in m) for m in kid_maps]
        else:
            hi = lo = [self.cols[i][x] for x in kids]
        return [hi[a] >= max([lo[b] for b in range(len(kids)) if b != a], default=-np.inf) - self.atol[i]
                for a in range(len(kids))]

    # -- counting -------------------------------------------------------------------

    def _key(self, k: int) -> tuple:
        return tuple(col[k] for col in self.cols)

    def _map(self, k: int) -> dict[tuple, int]:
        assert self._maps is not None
        return self._maps[k] if self.tied[k] else {self._key(k): 1}

    def _build_maps(self) -> dict[int, dict[tuple, int]]:
        """The value-vector maps of every subtree holding a tie (reverse preorder)."""
        if self._maps is not None:
            return self._maps
        self._maps = maps = {}
        for k in range(len(self.kids) - 1, -1, -1):
            if not self.tied[k]:
                continue
            kid_maps = [self._map(x) for x in self.kids[k]]
            i = self.mover[k]
            if i >= 0:
                maps[k] = self._decision_map(kid_maps, i)
            else:
                maps[k] = self._chance_map(k, kid_maps)
            if len(maps[k]) > MAX_VALUES:
                raise TooManyValuesError
        return maps

    def _below(self, kid_maps: list[dict[tuple, int]], i: int) -> list[tuple[list[float], list[int]]]:
        """Per child: its values for player ``i``, sorted, and the running count of profiles."""
        out = []
        for m in kid_maps:
            items = sorted((v[i], cnt) for v, cnt in m.items())
            run = [0]
            for _, cnt in items:
                run.append(run[-1] + cnt)
            out.append(([v for v, _ in items], run))
        return out

    def _decision_map(self, kid_maps: list[dict[tuple, int]], i: int) -> dict[tuple, int]:
        below = self._below(kid_maps, i)
        tol = self.atol[i]
        out: dict[tuple, int] = {}
        for a, m in enumerate(kid_maps):
            others = [b for b in range(len(kid_maps)) if b != a]
            for v, cnt in m.items():
                t = v[i] + tol
                total = cnt
                for b in others:
                    vals, run = below[b]
                    total *= run[bisect_right(vals, t)]
                    if not total:
                        break
                if total:
                    out[v] = out.get(v, 0) + total
        return out

    def _chance_map(self, k: int, kid_maps: list[dict[tuple, int]]) -> dict[tuple, int]:
        if prod(len(m) for m in kid_maps) > MAX_VALUES:
            raise TooManyValuesError
        ps = [self.prob[x] for x in self.kids[k]]
        out: dict[tuple, int] = {}
        combos: dict[tuple, list[tuple]] = {}
        keys: list[tuple[tuple, ...]] = [()]
        for m in kid_maps:
            keys = [ks + (v,) for ks in keys for v in m]
        for ks in keys:
            v = tuple(sum([p * w[j] for p, w in zip(ps, ks, strict=True)]) for j in range(self.n_players))
            out[v] = out.get(v, 0) + prod(m[w] for m, w in zip(kid_maps, ks, strict=True))
            combos.setdefault(v, []).append(ks)
        self._combos[k] = combos
        return out

    def count(self) -> int:
        """The number of pure subgame-perfect equilibria (profiles of one action per decision node).

        Raises :class:`TooManyValuesError` when counting would hold more than
        :data:`MAX_VALUES` value vectors for one subtree.
        """
        if not self.tied[0]:
            return 1
        with paused_gc():
            return sum(self._build_maps()[0].values())

    # -- enumeration ----------------------------------------------------------------

    def _options(self, k: int, v: tuple) -> Iterator[tuple[tuple, list[tuple[int, list[tuple]]]]]:
        """Ways for the tied subtree at ``k`` to give ``v``: (assignments, tasks (node, candidate values))."""
        kids = self.kids[k]  # the maps are built (by profiles)
        i = self.mover[k]
        if i < 0:
            for ks in self._combos[k][v]:
                yield (), [(x, [w]) for x, w in zip(kids, ks, strict=True) if self.tied[x]]
            return
        t = v[i] + self.atol[i]
        kid_maps = [self._map(x) for x in kids]
        allowed = [[w for w in m if w[i] <= t] for m in kid_maps]
        for a, x in enumerate(kids):
            if v not in kid_maps[a] or not all(allowed[b] for b in range(len(kids)) if b != a):
                continue
            tasks = [(x, [v])] if self.tied[x] else []
            tasks += [(y, allowed[b]) for b, y in enumerate(kids) if b != a and self.tied[y]]
            yield ((k, a),), tasks

    def profiles(self) -> Iterator[list[int]]:
        """Every pure subgame-perfect profile (action index per decision node, -1 elsewhere), lazily."""
        if not self.tied[0]:
            yield self.choice
            return
        with paused_gc():
            root = list(self._build_maps()[0])
        # Depth-first over choice points, each a lazy iterator of its branches; pending
        # tasks and assignments are linked lists (head, rest) that branches share.
        stack: list[Iterator[tuple[Any, Any]]] = [iter([(((0, root), None), None)])]
        while True:
            with paused_gc():  # not across the yield: the caller's code runs there
                choice = self._next_profile(stack)
            if choice is None:
                return
            yield choice

    def _next_profile(self, stack: list[Iterator[tuple[Any, Any]]]) -> list[int] | None:
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                continue
            pending, assigned = step
            if pending is None:
                choice = list(self.choice)
                while assigned is not None:
                    (k, a), assigned = assigned
                    choice[k] = a
                return choice
            stack.append(self._branches(pending, assigned))
        return None

    def _branches(self, pending: Any, assigned: Any) -> Iterator[tuple[Any, Any]]:
        (k, cands), rest = pending
        for v in cands:
            for adds, tasks in self._options(k, v):
                new_pending, new_assigned = rest, assigned
                for task in reversed(tasks):
                    new_pending = (task, new_pending)
                for pair in adds:
                    new_assigned = (pair, new_assigned)
                yield new_pending, new_assigned

    # -- results ----------------------------------------------------------------------

    def equilibrium(self, choice: list[int], method: str = "subgame_perfect") -> TreeEquilibrium:
        """The pure profile ``choice`` as a verified :class:`TreeEquilibrium`."""
        from negotiation_sim.solvers.tree_equilibrium import pure_tree_equilibrium

        with paused_gc():
            cols = self.values(choice)
            regret = self.regret(choice, cols)
        return pure_tree_equilibrium(self.c, choice, [col[0] for col in cols], regret,
                                     method, max(self.atol))
