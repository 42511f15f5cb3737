"""The sets of equilibria of a 2-player game: maximal Nash subsets, from the extreme equilibria.

In a degenerate bimatrix game equilibria form convex sets. Draw a bipartite
graph whose left nodes are player 1's strategies that occur in some extreme
equilibrium, whose right nodes are player 2's, and with an edge for each
extreme equilibrium. For every complete bipartite subgraph ``U x V`` (every
pair in it an extreme equilibrium), every profile of ``conv(U) x conv(V)``
is an equilibrium: the best-response conditions are linear in each player's
strategy separately. The maximal such subgraphs (maximal bicliques) give the
*maximal Nash subsets* ``conv(U) x conv(V)``, and the set of all Nash
equilibria is their union (Winkels 1979; Jansen 1981; Avis, Rosenberg, Savani
and von Stengel 2010, section 4 and the EEE algorithm's clique step).
Maximal Nash subsets that share a point lie in one topologically connected
component; ``component`` numbers those (the connected components of the graph).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from negotiation_sim.errors import GameTooLargeError, UnsupportedMethodError
from negotiation_sim.solvers.equilibrium import (
    Equilibrium,
    _equilibrium_tuple,
    _str_tuple,
    format_prob,
)

__all__ = ["NashSubset", "nash_subsets", "MAX_SUBSETS"]

#: Most maximal Nash subsets enumerated (their number can grow exponentially with the game).
MAX_SUBSETS = 10_000


def _mix_text(eq: Equilibrium, player: int) -> str:
    acts = eq.actions[player]
    parts = [f"{acts[k]} {eq.prob_text(player, k)}" for k, p in enumerate(eq.strategies[player]) if p > 0]
    return parts[0].rsplit(" ", 1)[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"


@attrs.frozen(eq=False, repr=False)
class NashSubset:
    """One maximal Nash subset ``conv(U) x conv(V)`` of a 2-player game.

    Parameters
    ----------
    vertices : tuple of Equilibrium
        The extreme equilibria ``(u, v)`` for ``u`` in ``U`` and ``v`` in ``V``
        (every such pair is one).
    row_strategies, column_strategies : tuple of Equilibrium
        One equilibrium per distinct strategy of ``U`` (player 1) and of ``V``
        (player 2), whose strategy for that player is it.
    component : int
        The connected component of the equilibrium set it lies in (subsets
        with the same number share points).
    players : tuple of str
    """

    vertices: tuple[Equilibrium, ...] = attrs.field(converter=_equilibrium_tuple)
    row_strategies: tuple[Equilibrium, ...] = attrs.field(converter=_equilibrium_tuple)
    column_strategies: tuple[Equilibrium, ...] = attrs.field(converter=_equilibrium_tuple)
    component: int = attrs.field(converter=int)
    players: tuple[str, ...] = attrs.field(converter=_str_tuple)

    @property
    def is_singleton(self) -> bool:
        """Whether the subset is one equilibrium (no continuum)."""
        return len(self.vertices) == 1

    @property
    def dimension(self) -> int:
        """Affine dimension of ``conv(U) x conv(V)`` (0 for one equilibrium)."""
        def rank(eqs: Sequence[Equilibrium], i: int) -> int:
            z = np.array([e.strategies[i] for e in eqs])
            return int(np.linalg.matrix_rank(z[1:] - z[0], tol=1e-9)) if len(z) > 1 else 0
        return rank(self.row_strategies, 0) + rank(self.column_strategies, 1)

    def point(self, row_weights: Sequence[float], column_weights: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
        """The profile ``(sum_k a_k u_k, sum_l b_l v_l)`` for convex weights a over ``U`` and b over ``V``."""
        a, b = np.asarray(row_weights, dtype=float), np.asarray(column_weights, dtype=float)
        if a.shape != (len(self.row_strategies),) or b.shape != (len(self.column_strategies),) \
                or a.min() < 0 or b.min() < 0 or not np.isclose(a.sum(), 1) or not np.isclose(b.sum(), 1):
            msg = (f"row_weights and column_weights must be probability vectors of lengths "
                   f"{len(self.row_strategies)} and {len(self.column_strategies)}")
            from negotiation_sim.errors import InvalidParameterError

            raise InvalidParameterError(msg)
        x = a @ np.array([e.strategies[0] for e in self.row_strategies])
        y = b @ np.array([e.strategies[1] for e in self.column_strategies])
        return x, y

    def describe(self) -> str:
        """The subset in words.

        Examples
        --------
        >>> import negotiation_sim as ns, warnings
        >>> g = ns.NormalFormGame.from_arrays([[-1, 1], [0, 0]], [[-1, 1], [2, 2]],
        ...     players=("Entrant", "Incumbent"), actions=(("Enter", "Stay out"), ("Fight", "Accommodate")))
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     subsets = ns.solve(g, exact=True).components()
        >>> print(subsets[1].describe())
        A continuum of equilibria in which Entrant plays Stay out and Incumbent plays any mixture of Fight and (Fight 1/2, Accommodate 1/2): Entrant gets 0 and Incumbent 2 throughout.
        """
        p1, p2 = self.players
        rows = [_mix_text(e, 0) for e in self.row_strategies]
        cols = [_mix_text(e, 1) for e in self.column_strategies]
        if self.is_singleton:
            return f"A single equilibrium: {self.vertices[0].describe()}"

        def who(name: str, options: list[str]) -> str:
            if len(options) == 1:
                return f"{name} plays {options[0]}"
            return f"{name} plays any mixture of " + ", ".join(options[:-1]) + f" and {options[-1]}"

        text = f"A continuum of equilibria in which {who(p1, rows)} and {who(p2, cols)}"
        pay = np.array([e.payoffs for e in self.vertices])
        constant = [bool(np.allclose(pay[:, i], pay[0, i], atol=1e-9, rtol=1e-9)) for i in range(2)]
        v = self.vertices[0]
        if all(constant):
            text += f": {p1} gets {v.payoff_text(0)} and {p2} {v.payoff_text(1)} throughout."
        else:
            ranges = [f"{p} gets between {format_prob(pay[:, i].min())} and {format_prob(pay[:, i].max())}"
                      for i, p in enumerate(self.players)]
            text += ": " + " and ".join(ranges) + "."
        return text

    def __repr__(self) -> str:
        return (f"NashSubset({len(self.row_strategies)} x {len(self.column_strategies)} extreme strategies, "
                f"dimension {self.dimension}, component {self.component})")


def _key(eq: Equilibrium, i: int) -> Any:
    if eq.exact_strategies is not None:
        return eq.exact_strategies[i]
    return tuple(np.round(eq.strategies[i], 9).tolist())


def nash_subsets(equilibria: Sequence[Equilibrium], players: Sequence[str] | None = None,
                 max_subsets: int = MAX_SUBSETS) -> list[NashSubset]:
    """The maximal Nash subsets spanned by a list of extreme equilibria of a 2-player game.

    Maximal bicliques of the bipartite graph (see the module docstring):
    each is a set ``V`` of player 2's strategies that is an intersection of
    neighbourhoods ``N(u)`` of player 1's strategies, with ``U`` every ``u``
    whose neighbourhood contains ``V``. Ordered by component, then by the
    first equilibrium they contain.

    Raises
    ------
    UnsupportedMethodError
        If an equilibrium is not of a 2-player game.
    GameTooLargeError
        If there are more than ``max_subsets`` maximal subsets.
    """
    eqs = list(equilibria)
    if any(e.n_players != 2 for e in eqs):
        msg = "components (maximal Nash subsets) are defined here for 2-player games only"
        raise UnsupportedMethodError(msg)
    if not eqs:
        return []
    players = tuple(players or eqs[0].players)
    xs: dict[Any, int] = {}
    ys: dict[Any, int] = {}
    edge: dict[tuple[int, int], int] = {}
    for k, e in enumerate(eqs):
        i, j = xs.setdefault(_key(e, 0), len(xs)), ys.setdefault(_key(e, 1), len(ys))
        edge.setdefault((i, j), k)
    nbr = [frozenset(j for (i2, j) in edge if i2 == i) for i in range(len(xs))]
    # Every intersection of neighbourhoods (closed under intersection), nonempty.
    closed: set[frozenset] = set()
    frontier = set(nbr)
    while frontier:
        closed |= frontier
        if len(closed) > max_subsets:
            msg = (f"the equilibria form more than max_subsets={max_subsets} maximal Nash subsets; "
                   "pass a larger max_subsets")
            raise GameTooLargeError(msg)
        frontier = {a & b for a in frontier for b in nbr if a & b} - closed
    parent = list(range(len(xs) + len(ys)))  # union-find over the graph's nodes

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, j in edge:
        parent[find(i)] = find(len(xs) + j)
    roots: dict[int, int] = {}
    out = []
    for V in closed:
        U = [i for i in range(len(xs)) if V <= nbr[i]]
        cols = sorted(V)
        verts = sorted(edge[(i, j)] for i in U for j in cols)
        comp = roots.setdefault(find(U[0]), len(roots))
        out.append((comp, verts[0], NashSubset(
            vertices=[eqs[k] for k in verts], row_strategies=[eqs[edge[(i, cols[0])]] for i in U],
            column_strategies=[eqs[edge[(U[0], j)]] for j in cols], component=comp, players=players)))
    # Number components in order of their first equilibrium.
    first: dict[int, int] = {}
    for comp, k, _ in out:
        first[comp] = min(first.get(comp, k), k)
    rank = {c: r for r, c in enumerate(sorted(first, key=first.__getitem__))}
    out.sort(key=lambda t: (rank[t[0]], t[1], len(t[2].vertices)))
    return [attrs.evolve(s, component=rank[c]) for c, _, s in out]
