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
from typing import Any

import numpy as np

from negotiation_sim._numeric import CLEAN_TOL, DEFAULT_TOL, clean
from negotiation_sim._validate import number_in, positive_int, tolerance
from negotiation_sim._warnings import warn
from negotiation_sim.errors import (
    DegenerateGameWarning,
    GameTooLargeError,
    InvalidGameError,
    InvalidParameterTypeError,
    PrecisionWarning,
    SolverError,
    UnsupportedMethodError,
)
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._polytope import (
    LABEL_TOL_FACTOR,
    _order_one_game,
    extreme_pairs,
    extreme_profiles,
    profile_regrets,
    vertex_labels,
)
from negotiation_sim.solvers._small_game import tiny_pairs
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet, format_prob
from negotiation_sim.solvers.exact import DEFAULT_MAX_BASES, exact_extreme_equilibria
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
# The certification's second pass (see _loose_words): a slack within this (payoffs scaled to
# [1, 2]) binds, and bases are singular only below this fraction of the usual |det| threshold.
_LOOSE_LABEL_TOL = 1e-6
_LOOSE_SINGULAR = 1e-6
#: Default bound on the memory (bytes) of the float enumeration of one game.
DEFAULT_MAX_MEMORY: float = 2e9


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
    return tolerance(tol, DEFAULT_TOL)


def batch_vertex_enumeration(A, B, tol: float | None = None) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """Every extreme Nash equilibrium of each of a stack of bimatrix games, in one pass.

    All games are solved together: the candidate bases of every game form
    one stack of linear systems per support size, so sweeping a parameter
    over thousands of small games costs a few numpy calls rather than
    thousands of solver calls. Unlike :func:`vertex_enumeration`, the batch
    is not certified (no second pass, no exact re-solve): every profile is
    verified, but a game whose vertices rounding decides can miss one; solve
    such a game alone for a certified answer.

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
    game, x, y, atol, P, Q = extreme_profiles(A, B, tol, split=batch)
    regret, payoffs = profile_regrets(A, B, game, x, y, batch)
    limit = atol[game]
    bad = np.flatnonzero((regret > limit).any(axis=1))
    if len(bad):
        k = int(bad[0])
        msg = (f"vertex enumeration produced a profile of game {offset + int(game[k])} with regrets "
               f"{regret[k].tolist()} above the tolerances {limit[k].tolist()}; it is not an equilibrium")
        raise SolverError(msg)
    for arr in (x, y, payoffs := clean(payoffs)):
        arr.setflags(write=False)
    return game, x, y, payoffs, regret.max(axis=1), limit.max(axis=1), P, Q


def _verified_tiny(A: np.ndarray, B: np.ndarray, tol: float):
    """:func:`_verified_stack` for ONE game of at most ``_TINY`` actions per player (A and B
    of shape (m, n)): the vertices come from the plain-Python kernel
    :func:`~negotiation_sim.solvers._small_game.tiny_pairs` (same numbers, bit for bit), and
    ordering and verification are the same operations as on the general path. Returns
    ``(x, y, payoffs, regret, tols, P, Q)``, ``regret`` and ``tols`` lists of floats (each
    profile's largest regret, and the largest tolerance it was checked against).
    """
    m, n = A.shape
    atol, (wp, xp), (wq, yq), pairs = tiny_pairs(A, B, tol, LABEL_TOL_FACTOR * tol)
    x = np.array([xp[i] for i, _ in pairs], dtype=np.float64).reshape(len(pairs), m)
    y = np.array([yq[j] for _, j in pairs], dtype=np.float64).reshape(len(pairs), n)
    if len(pairs) > 1:
        order = _order_one_game(x, y)
        x, y = x[order], y[order]
    Ay, xB = y @ A.T, x @ B  # as profile_regrets(..., batch=False), then the rest in Python
    u1, u2 = np.einsum("pm,pm->p", x, Ay).tolist(), np.einsum("pn,pn->p", y, xB).tolist()
    regret = []
    for a, b, p1, p2 in zip(Ay.tolist(), xB.tolist(), u1, u2, strict=True):
        r1, r2 = max(max(a) - p1, 0.0), max(max(b) - p2, 0.0)
        if r1 > atol[0] or r2 > atol[1]:
            msg = (f"vertex enumeration produced a profile of game 0 with regrets {[r1, r2]} "
                   f"above the tolerances {list(atol)}; it is not an equilibrium")
            raise SolverError(msg)
        regret.append(max(r1, r2))
    payoffs = np.array([[_clean_float(p1), _clean_float(p2)] for p1, p2 in zip(u1, u2, strict=True)],
                       dtype=np.float64).reshape(len(pairs), 2)
    for arr in (x, y, payoffs):
        arr.setflags(write=False)
    return x, y, payoffs, regret, [max(atol)] * len(regret), _TinyVertices(wp, xp), _TinyVertices(wq, yq)


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
        game, x, y, pay, _, _, _, _ = _verified_stack(A[lo : lo + step], B[lo : lo + step], tol, True, lo)
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


def estimated_memory(m: int, n: int) -> float:
    """Bytes the float enumeration of one m x n game needs, estimated from its bases.

    Every basis of both polytopes (``C(m, k) C(n, k)`` of each size k) carries cached index
    tables (about ``k^2 + k max(m, n)`` integers) and, while its group is solved, a ``k x k``
    matrix and its solution. Twice that count of bytes: measured peaks (resident memory) of
    random 8 x 8 to 10 x 10 games were 1.8 times the count.

    Examples
    --------
    >>> round(estimated_memory(10, 10) / 1e9, 2), round(estimated_memory(15, 15) / 1e9)
    (0.77, 1257)
    """
    K, cmax = min(m, n), max(m, n)
    tables = work = 0.0
    for k in range(1, K + 1):
        bases = 2.0 * min(math.comb(m, k) * math.comb(n, k), 10**300)
        size = max(k, 3) if k <= 3 else k
        tables += bases * 8.0 * (size * size + size * cmax + 2 * size + cmax + 4)
        work = max(work, bases * 8.0 * (2 * size * size + 3 * size + 2 * cmax))
    return 2.0 * (tables + work)


def _check_memory(game: NormalFormGame, max_memory: float) -> None:
    m, n = game.shape
    need = estimated_memory(m, n)
    if need > max_memory:
        msg = (f"a {m} x {n} game has {2 * (math.comb(m + n, m) - 1):,} candidate bases; vertex enumeration "
               f"would need about {need / 1e9:.3g} GB, above max_memory={max_memory:.3g} bytes. Use "
               "method='lemke_howson' for one equilibrium, method='gambit' (pygambit's enumeration), "
               "exact=True (exact enumeration, whose work follows the number of vertices), or raise "
               "max_memory if the machine has the memory")
        raise GameTooLargeError(msg)


def _words(vertices) -> set[int]:
    return set(vertices.words if isinstance(vertices, _TinyVertices) else vertices[2].tolist())


def _loose_words(A: np.ndarray, B: np.ndarray, tol: float) -> tuple[set[int], set[int]]:
    """The vertices' label words of a second, looser pass: slacks within ``_LOOSE_LABEL_TOL``
    bind and only bases with |det| below ``_LOOSE_SINGULAR`` times the usual threshold are
    singular. Where these differ from the first pass, rounding decides which vertices exist."""
    m, n = A.shape
    if m <= _TINY and n <= _TINY:
        _, (wp, _), (wq, _), _ = tiny_pairs(A, B, tol, _LOOSE_LABEL_TOL, _LOOSE_SINGULAR)
        return set(wp), set(wq)
    _, _, _, _, P, Q = extreme_pairs(A[None], B[None], tol, False, label_tol=_LOOSE_LABEL_TOL,
                                     singular_factor=_LOOSE_SINGULAR)
    return _words(P), _words(Q)


def _float_equilibria(game: NormalFormGame, tol: float):
    """The float pass: (equilibria, P, Q, doubt), ``doubt`` None when floating point is
    certain of the vertices, else why it is not."""
    A, B = game.payoffs[..., 0], game.payoffs[..., 1]
    m, n = game.shape
    try:
        if m <= _TINY and n <= _TINY:
            x, y, payoffs, regret, tols, P, Q = _verified_tiny(A, B, tol)
        else:
            _, x, y, payoffs, regret, tols, P, Q = _verified_stack(A[None], B[None], tol, False)
            regret, tols = regret.tolist(), tols.tolist()
    except SolverError as err:
        return [], None, None, f"a profile failed verification ({err})"
    eqs = [Equilibrium._trusted((x[k], y[k]), payoffs[k], r, game.players, game.actions, t, _METHOD)
           for k, (r, t) in enumerate(zip(regret, tols, strict=True))]
    if not eqs:
        return eqs, P, Q, "no equilibrium was found, which Nash's theorem rules out"
    if _loose_words(A, B, tol) != (_words(P), _words(Q)):
        return eqs, P, Q, ("rounding could change the vertices of the best-response polytopes (a basis "
                           "is nearly singular, or a constraint is within 1e-6 of binding, relative to "
                           "the payoff spreads)")
    return eqs, P, Q, None


def _exact_equilibria(game: NormalFormGame, max_bases: int):
    """Every extreme equilibrium in rational arithmetic, as Equilibrium objects with exact
    strategies and payoffs, in canonical order; also the vertices (for :func:`_degeneracy`)."""
    A, B = game.exact_arrays()
    pairs, (P, Q) = exact_extreme_equilibria(A, B, max_bases)
    m, n = game.shape
    x = np.array([[float(v) for v in p[0]] for p in pairs], dtype=np.float64).reshape(len(pairs), m)
    y = np.array([[float(v) for v in p[1]] for p in pairs], dtype=np.float64).reshape(len(pairs), n)
    order = _order_one_game(x, y) if len(pairs) > 1 else range(len(pairs))
    eqs = []
    for k in order:
        ex, ey = pairs[k]
        pay = (sum(ex[i] * A[i][j] * ey[j] for i in range(m) for j in range(n)),
               sum(ex[i] * B[i][j] * ey[j] for i in range(m) for j in range(n)))
        eqs.append(Equilibrium((x[k], y[k]), [float(v) for v in pay], 0.0, game.players, game.actions,
                               tol=0.0, method=_METHOD, exact_strategies=(ex, ey), exact_payoffs=pay))

    def arrays(vertices: dict, r: int):
        words = np.array(list(vertices), dtype=np.int64)
        z = np.array([[float(v) for v in p] for p in vertices.values()], dtype=np.float64).reshape(len(words), r)
        return np.zeros(len(words), dtype=np.int64), z, words

    return eqs, arrays(P, m), arrays(Q, n)


def _solve_game(game: object, tol: float | None, exact: bool = False, max_memory: float | None = None,
                max_bases: int | None = None) -> tuple[list[Equilibrium], tuple[str, ...], bool, bool]:
    """Validate, solve, verify, certify and warn: (equilibria, notes, complete, degenerate)."""
    game = _check_game(game)
    if game.n_players != 2:
        msg = f"game must have 2 players for vertex enumeration, but it has {game.n_players}"
        raise UnsupportedMethodError(msg)
    tol = _regret_tol(tol)
    max_memory = DEFAULT_MAX_MEMORY if max_memory is None else number_in(max_memory, "max_memory", 0.0)
    max_bases = DEFAULT_MAX_BASES if max_bases is None else positive_int(max_bases, "max_bases")
    if not isinstance(exact, (bool, np.bool_)):
        msg = f"exact must be True or False, not {exact!r}"
        raise InvalidParameterTypeError(msg)
    notes: list[str] = []
    complete = True
    if exact:
        eqs, P, Q = _exact_equilibria(game, max_bases)
        notes.append("Solved in exact rational arithmetic.")
    else:
        _check_memory(game, max_memory)
        eqs, P, Q, doubt = _float_equilibria(game, tol)
        if doubt is not None:
            try:
                eqs, P, Q = _exact_equilibria(game, max_bases)
                notes.append(f"Floating point could not certify the result ({doubt}); the game was "
                             "re-solved in exact rational arithmetic.")
            except GameTooLargeError as err:
                complete = False
                why = (f"floating point could not certify that the list is complete ({doubt}), and the exact "
                       f"re-solve stopped: {err}")
                warn(why[0].upper() + why[1:], PrecisionWarning)
                notes.append(why[0].upper() + why[1:] + ".")
    note = _degeneracy(game, P, Q) if P is not None else None
    if note is not None:
        note = note[0].upper() + note[1:]
        warn(note, DegenerateGameWarning)
        notes.insert(0, note + ".")
    return eqs, tuple(notes), complete, note is not None


def vertex_enumeration_gen(game: NormalFormGame, tol: float | None = None, **options: Any) -> Iterator[Equilibrium]:
    """Yield every extreme Nash equilibrium of a 2-player game (see :func:`vertex_enumeration`).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [e.support(0) for e in vertex_enumeration_gen(g)]
    [('A1',), ('A2',), ('A1', 'A2')]
    """
    yield from _solve_game(game, tol, **options)[0]


def vertex_enumeration(game: NormalFormGame, tol: float | None = None, exact: bool = False,
                       max_memory: float | None = None, max_bases: int | None = None) -> EquilibriumSet:
    """Every extreme Nash equilibrium of a 2-player game, degenerate games included.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game (a player may have a single action).
    tol : float, optional
        Regret tolerance relative to each player's payoff spread (default
        1e-9): adding a constant to a player's payoffs, or scaling them by a
        positive factor, does not change the answer.
    exact : bool, default False
        Solve in exact rational arithmetic (:mod:`negotiation_sim.solvers.exact`):
        payoffs are read as rationals (floats by their decimal ``repr``), and
        each equilibrium has ``exact_strategies`` and ``exact_payoffs`` as
        :class:`fractions.Fraction`.
    max_memory : float, optional
        Bytes the float enumeration may use (default 2e9), estimated before
        it starts by :func:`estimated_memory`.
    max_bases : int, optional
        Feasible bases the exact enumeration may visit per polytope
        (default :data:`~negotiation_sim.solvers.exact.DEFAULT_MAX_BASES`).

    Returns
    -------
    EquilibriumSet
        Every extreme equilibrium, each verified, ordered by total support
        size, then by the supports' action indices. In floating point the
        result is certified: a second pass with looser thresholds must find
        the same vertices (no decision within rounding error), at least one
        equilibrium must be found, and every profile must pass verification;
        otherwise the game is re-solved exactly (a note says so). Only if
        that re-solve exceeds ``max_bases`` is ``complete=False``, with a
        :class:`~negotiation_sim.errors.PrecisionWarning` that says why. In a
        degenerate game equilibria can form continua (segments, polytopes);
        the set then holds their extreme points, ``degenerate=True``, and a
        :class:`~negotiation_sim.errors.DegenerateGameWarning` names a
        strategy with more best responses than the size of its support.

    Raises
    ------
    UnsupportedMethodError
        If ``game`` is not a 2-player :class:`NormalFormGame`.
    GameTooLargeError
        If the float enumeration would need more than ``max_memory``, or the
        exact one (``exact=True``) more than ``max_bases`` bases.
    InvalidParameterError
        If ``tol``, ``max_memory`` or ``max_bases`` is out of range (an
        :class:`~negotiation_sim.errors.InvalidParameterTypeError`, also a
        ``TypeError``, when of the wrong type).

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
    eqs, notes, complete, degenerate = _solve_game(game, tol, exact, max_memory, max_bases)
    return EquilibriumSet(eqs, complete=complete, method=_METHOD, game=game, degenerate=degenerate, notes=notes)
