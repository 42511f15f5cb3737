"""Every extreme Nash equilibrium of a 2-player game, by vertex enumeration.

The payoffs are shifted and scaled to lie in [1, 2] (one affine map per
player, which changes no equilibrium). Player 1's mixed strategies then
correspond to the best-response polytope ``P = {x >= 0 : B^T x <= 1}`` and
player 2's to ``Q = {y >= 0 : A y <= 1}``. A point of ``P`` carries the label
``i`` when ``x_i = 0`` and the label ``m + j`` when column ``j`` is a best
response (``(B^T x)_j = 1``); labels of ``Q`` are ``i`` when row ``i`` is a
best response and ``m + j`` when ``y_j = 0``. A pair of nonzero points is a
Nash equilibrium (after normalising) exactly when together they carry every
label, and the extreme equilibria are the completely labelled pairs of
vertices (von Stengel 2002, Theorem 2.11; Avis et al. 2010, section 3).

Vertices are found without a loop over candidates: a vertex of ``P`` with
support of size ``k`` solves ``B[S, T]^T x_S = 1`` for some row set ``S`` and
column set ``T`` of size ``k``, and every such choice (``C(m + n, m)`` bases
in all, grouped by ``k``) is solved at once as a stack of ``k x k`` linear
systems, for every game of a batch together. Feasible solutions are kept,
deduplicated by their full set of tight constraints (a degenerate vertex
arises from several bases) and paired by a matrix product of their
label-complement indicators.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from negotiation_sim._numeric import CLEAN_TOL, DEFAULT_TOL, clean
from negotiation_sim._warnings import warn
from negotiation_sim.errors import (
    DegenerateGameWarning,
    InvalidGameError,
    InvalidParameterError,
    SolverError,
    UnsupportedMethodError,
)
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._polytope import (
    LABEL_TOL_FACTOR,
    _order_one_game,
    extreme_profiles,
    profile_regrets,
    vertex_labels,
)
from negotiation_sim.solvers._small_game import tiny_pairs
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet, format_prob
from negotiation_sim.solvers.regret import _check_game

__all__ = [
    "vertex_enumeration",
    "vertex_enumeration_gen",
    "batch_vertex_enumeration",
    "batch_extreme_profiles",
]

_METHOD = "vertex_enumeration"
# Games per chunk of a batch are chosen so that a chunk holds about this many bases.
_BASES_PER_CHUNK = 400_000
# A single game with at most this many actions per player is solved by the plain-Python kernel
# (numpy's cost per call dominates there); tests set it to 0 to compare with the general path.
_TINY = 3


def _as_stack(value, name: str) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{name} must be a numeric array of shape (n_games, m, n); could not convert it"
        raise InvalidGameError(msg) from None
    if arr.ndim != 3 or 0 in arr.shape:
        msg = f"{name} must have shape (n_games, m, n) with m, n >= 1, got shape {arr.shape}"
        raise InvalidGameError(msg)
    if not np.all(np.isfinite(arr)):
        msg = f"{name} must be finite; it has {int(np.sum(~np.isfinite(arr)))} non-finite entries"
        raise InvalidGameError(msg)
    return arr


def _regret_tol(tol: float | None) -> float:
    tol = DEFAULT_TOL if tol is None else tol
    if not (isinstance(tol, (int, float, np.floating)) and 0 < tol < 1e-2):
        msg = f"tol must be a positive float below 1e-2 (relative to the payoff scale), got {tol!r}"
        raise InvalidParameterError(msg)
    return float(tol)


def batch_vertex_enumeration(A, B, tol: float | None = None) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """Every extreme Nash equilibrium of each of a stack of bimatrix games, in one pass.

    All games are solved together: the candidate bases of every game form
    one stack of linear systems per support size, so sweeping a parameter
    over thousands of small games costs a few numpy calls rather than
    thousands of solver calls.

    Parameters
    ----------
    A, B : array_like, shape (n_games, m, n)
        Row and column players' payoff matrices, one per game.
    tol : float, optional
        Regret tolerance relative to each game's payoff scale (largest
        absolute payoff, at least 1); default 1e-9.

    Returns
    -------
    list of list of (numpy.ndarray, numpy.ndarray)
        For each game, its extreme equilibria ``(x, y)`` in the same order as
        :func:`vertex_enumeration` returns them; each has been checked to have
        regret below the tolerance.

    Raises
    ------
    InvalidGameError
        If ``A`` or ``B`` is not a finite array of shape (n_games, m, n), or
        their shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[[1, -1], [-1, 1]], [[2, 0], [0, 1]]])  # matching pennies, coordination
    >>> B = np.array([[[-1, 1], [1, -1]], [[1, 0], [0, 2]]])
    >>> [len(eqs) for eqs in batch_vertex_enumeration(A, B)]
    [1, 3]
    >>> x, y = batch_vertex_enumeration(A, B)[1][2]
    >>> x.round(4).tolist(), y.round(4).tolist()
    ([0.6667, 0.3333], [0.3333, 0.6667])
    """
    game, x, y, _ = batch_extreme_profiles(A, B, tol)
    bounds = np.searchsorted(game, np.arange(len(np.asarray(A)) + 1)).tolist()
    return [list(zip(x[lo:hi], y[lo:hi], strict=True)) for lo, hi in zip(bounds, bounds[1:])]


def _verified_stack(A: np.ndarray, B: np.ndarray, tol: float, batch: bool, offset: int = 0):
    """Extreme profiles of a stack of games, verified all at once: (game, x, y, payoffs, regret, P, Q).

    Strategies and payoffs come cleaned as the :class:`Equilibrium` constructor would clean
    them, and read-only.
    """
    game, x, y, scale, P, Q = extreme_profiles(A, B, tol, split=batch)
    regret, payoffs = profile_regrets(A, B, game, x, y, batch)
    bad = np.flatnonzero(regret > tol * scale[game])
    if len(bad):
        k = int(bad[0])
        msg = (f"vertex enumeration produced a profile of game {offset + int(game[k])} with regret "
               f"{regret[k]:.3g} > tolerance {tol * scale[game[k]]:.3g}; it is not an equilibrium")
        raise SolverError(msg)
    for arr in (x, y, payoffs := clean(payoffs)):
        arr.setflags(write=False)
    return game, x, y, payoffs, regret, P, Q


def _verified_tiny(A: np.ndarray, B: np.ndarray, tol: float):
    """:func:`_verified_stack` for ONE game of at most ``_TINY`` actions per player (A and B
    of shape (m, n)): the vertices come from the plain-Python kernel
    :func:`~negotiation_sim.solvers._small_game.tiny_pairs` (same numbers, bit for bit), and
    ordering and verification are the same operations as on the general path. Returns
    ``(x, y, payoffs, regret, scale, P, Q)``, ``regret`` a list of floats and ``scale`` the
    payoff scale (largest absolute payoff, at least 1: ``game.payoff_scale``).
    """
    m, n = A.shape
    scale, (wp, xp), (wq, yq), pairs = tiny_pairs(A, B, tol, LABEL_TOL_FACTOR * tol)
    x = np.array([xp[i] for i, _ in pairs], dtype=np.float64).reshape(len(pairs), m)
    y = np.array([yq[j] for _, j in pairs], dtype=np.float64).reshape(len(pairs), n)
    if len(pairs) > 1:
        order = _order_one_game(x, y)
        x, y = x[order], y[order]
    Ay, xB = y @ A.T, x @ B  # as profile_regrets(..., batch=False), then the rest in Python
    u1, u2 = np.einsum("pm,pm->p", x, Ay).tolist(), np.einsum("pn,pn->p", y, xB).tolist()
    regret = [max(max(max(a) - p1, max(b) - p2), 0.0)
              for a, b, p1, p2 in zip(Ay.tolist(), xB.tolist(), u1, u2, strict=True)]
    limit = tol * scale
    for r in regret:
        if r > limit:
            msg = (f"vertex enumeration produced a profile of game 0 with regret "
                   f"{r:.3g} > tolerance {limit:.3g}; it is not an equilibrium")
            raise SolverError(msg)
    payoffs = np.array([[_clean_float(p1), _clean_float(p2)] for p1, p2 in zip(u1, u2, strict=True)],
                       dtype=np.float64).reshape(len(pairs), 2)
    for arr in (x, y, payoffs):
        arr.setflags(write=False)
    return x, y, payoffs, regret, scale, _TinyVertices(wp, xp), _TinyVertices(wq, yq)


def _clean_float(v: float, tol: float = CLEAN_TOL) -> float:
    """:func:`~negotiation_sim._numeric.clean` for one float (same steps: snap to the nearest
    integer, half to even as ``np.round``, within ``tol``; no negative zero)."""
    if not math.isfinite(v):
        return v
    rounded = float(round(v))
    if abs(v - rounded) <= tol:
        v = rounded
    return 0.0 if v == 0 else v


class _TinyVertices(tuple):
    """A polytope's vertices from the tiny path, ``(words, points)`` as lists; :meth:`arrays` gives
    the ``(game, points, words)`` arrays of the general path for
    :func:`_degeneracy`, built only when asked for (only degenerate games need them)."""

    __slots__ = ()

    def __new__(cls, words: list[int], points: list[list[float]]):
        return super().__new__(cls, (words, points))

    @property
    def words(self) -> list[int]:
        return self[0]

    def arrays(self):
        words, points = self
        return (np.zeros(len(words), dtype=np.int64), np.array(points, dtype=np.float64),
                np.array(words, dtype=np.int64))


def batch_extreme_profiles(A, B, tol: float | None = None):
    """Every extreme Nash equilibrium of each of a stack of bimatrix games, as flat arrays.

    The array form of :func:`batch_vertex_enumeration`, for code that
    processes thousands of games (e.g. :func:`negotiation_sim.sweep`): no
    Python object is made per game or per equilibrium.

    Parameters
    ----------
    A, B : array_like, shape (n_games, m, n)
        Row and column players' payoff matrices, one per game.
    tol : float, optional
        Regret tolerance relative to each game's payoff scale; default 1e-9.

    Returns
    -------
    game : numpy.ndarray of int, shape (k,)
        The game of each equilibrium (ascending).
    x, y : numpy.ndarray, shapes (k, m) and (k, n)
        The players' strategies; within a game, equilibria are in the order
        :func:`vertex_enumeration` gives.
    payoffs : numpy.ndarray, shape (k, 2)
        Expected payoffs. Every profile has been verified: its regret is at
        most ``tol`` times its game's payoff scale.

    Raises
    ------
    InvalidGameError
        As :func:`batch_vertex_enumeration`.

    Examples
    --------
    Matching pennies and a coordination game:

    >>> import numpy as np
    >>> game, x, y, payoffs = batch_extreme_profiles([[[1, -1], [-1, 1]], [[2, 0], [0, 1]]],
    ...                                              [[[-1, 1], [1, -1]], [[1, 0], [0, 2]]])
    >>> game.tolist()
    [0, 1, 1, 1]
    >>> x[3].round(4).tolist(), payoffs[3].round(4).tolist()
    ([0.6667, 0.3333], [0.6667, 0.6667])
    """
    A, B = _as_stack(A, "A"), _as_stack(B, "B")
    if A.shape != B.shape:
        msg = f"A and B must have the same shape (n_games, m, n); got {A.shape} and {B.shape}"
        raise InvalidGameError(msg)
    tol = _regret_tol(tol)
    # Chunks of many games bound the memory (the stack of bases grows as C(m + n, m) per game).
    step = max(1, _BASES_PER_CHUNK // math.comb(A.shape[1] + A.shape[2], A.shape[1]))
    parts = []
    for lo in range(0, len(A), step):
        game, x, y, pay, _, _, _ = _verified_stack(A[lo : lo + step], B[lo : lo + step], tol, True, lo)
        parts.append((game + lo, x, y, pay))
    if len(parts) == 1:
        return parts[0]
    return tuple(np.concatenate(p) for p in zip(*parts, strict=True))


def _describe_strategy(game: NormalFormGame, player: int, z: np.ndarray) -> str:
    p = z / z.sum()
    parts = [f"{a}: {format_prob(v)}" for a, v in zip(game.actions[player], p, strict=True) if v > 0]
    return "(" + ", ".join(parts) + ")"


def _degeneracy(game: NormalFormGame, P, Q) -> str | None:
    """Describe one witness of degeneracy: a vertex with more tight constraints than its dimension."""
    m, n = game.shape
    for me, vertices, dim in ((0, P, m), (1, Q, n)):
        word_list = vertices.words if isinstance(vertices, _TinyVertices) else vertices[2].tolist()
        over = [k for k, w in enumerate(word_list) if w.bit_count() > dim]
        if not over:
            continue
        _, z, words = vertices.arrays() if isinstance(vertices, _TinyVertices) else vertices
        other = 1 - me
        z, lab = z[over[0]], vertex_labels(words[over[:1]], me, m, n)[0]
        best = [a for a, t in zip(game.actions[other], lab[dim:], strict=True) if t]
        support = int(np.count_nonzero(~lab[:dim]))
        who = game.players[other]
        return (
            f"the game is degenerate: {who}'s actions {', '.join(best)} are all best responses to "
            f"{game.players[me]}'s strategy {_describe_strategy(game, me, z)}, which mixes only "
            f"{support} action{'s' if support > 1 else ''}; equilibria may form a continuum; "
            "the extreme points are returned"
        )
    return None


def _solve_game(game: object, tol: float | None) -> tuple[list[Equilibrium], str | None, float]:
    """Validate, solve, verify (all profiles at once) and warn: the equilibria and the degeneracy note."""
    game = _check_game(game)
    if game.n_players != 2:
        msg = f"game must have 2 players for vertex enumeration, but it has {game.n_players}"
        raise UnsupportedMethodError(msg)
    tol = _regret_tol(tol)
    m, n = game.shape
    if m <= _TINY and n <= _TINY:
        x, y, payoffs, regret, scale, P, Q = _verified_tiny(game.payoffs[..., 0], game.payoffs[..., 1], tol)
    else:
        A, B = game.payoffs[None, ..., 0], game.payoffs[None, ..., 1]
        _, x, y, payoffs, regret, P, Q = _verified_stack(A, B, tol, False)
        regret, scale = regret.tolist(), game.payoff_scale
    note = _degeneracy(game, P, Q)
    if note is not None:
        warn(note[0].upper() + note[1:], DegenerateGameWarning)
    atol = tol * scale
    eqs = [Equilibrium._trusted((x[k], y[k]), payoffs[k], r, game.players, game.actions, atol, _METHOD)
           for k, r in enumerate(regret)]
    return eqs, note, tol


def vertex_enumeration_gen(game: NormalFormGame, tol: float | None = None) -> Iterator[Equilibrium]:
    """Yield every extreme Nash equilibrium of a 2-player game (see :func:`vertex_enumeration`).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [e.support(0) for e in vertex_enumeration_gen(g)]
    [('A1',), ('A2',), ('A1', 'A2')]
    """
    yield from _solve_game(game, tol)[0]


def vertex_enumeration(game: NormalFormGame, tol: float | None = None) -> EquilibriumSet:
    """Every extreme Nash equilibrium of a 2-player game, degenerate games included.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game (a player may have a single action).
    tol : float, optional
        Regret tolerance relative to the payoff scale (default 1e-9).

    Returns
    -------
    EquilibriumSet
        ``complete=True``: every extreme equilibrium, each verified, ordered
        by total support size, then by the supports' action indices. In a
        degenerate game equilibria can form continua (segments, polytopes);
        the set then holds their extreme points, ``degenerate=True``, and a
        :class:`~negotiation_sim.errors.DegenerateGameWarning` names a
        strategy with more best responses than the size of its support.

    Raises
    ------
    UnsupportedMethodError
        If ``game`` is not a 2-player :class:`NormalFormGame`.

    References
    ----------
    Avis, Rosenberg, Savani and von Stengel (2010), "Enumeration of Nash
    equilibria for two-player games", *Economic Theory* 42, section 3.
    von Stengel (2002), "Computing equilibria for two-person games",
    *Handbook of Game Theory* 3, ch. 45, Theorem 2.11 and section 6.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = vertex_enumeration(g)
    >>> [e.strategies[0].round(4).tolist() for e in eqs]
    [[1.0, 0.0], [0.0, 1.0], [0.6667, 0.3333]]
    >>> eqs.complete, eqs.degenerate
    (True, False)
    """
    eqs, note, _ = _solve_game(game, tol)
    notes = () if note is None else (note[0].upper() + note[1:] + ".",)
    return EquilibriumSet(eqs, complete=True, method=_METHOD, game=game,
                          degenerate=note is not None, notes=notes)
