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

One game is solved by walking each polytope's graph of feasible bases
(:mod:`negotiation_sim.solvers._walk`; every tied pivot taken, so degenerate
polytopes are covered), the same walk in floating point and, with
``exact=True`` or when floating point cannot certify its answer, in exact
rational arithmetic (:mod:`negotiation_sim.solvers.exact`): the work and the
memory follow the number of feasible bases, not the ``C(m + n, m)`` candidate
bases. Vertices are deduplicated by their full word of tight constraints (a
degenerate vertex arises from several bases) and paired when their words
cover every label.

A stack of many small games (a parameter sweep) is solved by
:mod:`negotiation_sim.solvers._polytope` instead: every candidate basis of
every game at once, as stacks of ``k x k`` linear systems, which costs a few
numpy calls for thousands of games.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from operator import mul
from typing import Any

import numpy as np

from negotiation_sim._numeric import CLEAN_TOL, DEFAULT_TOL, ROUNDOFF, clean, clean_float
from negotiation_sim._validate import positive_int, tolerance
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
    extreme_profiles,
    profile_regrets,
    vertex_labels,
)
from negotiation_sim.solvers._regret import _check_game
from negotiation_sim.solvers._walk import (
    complete_pairs,
    float_vertices,
    small_float_vertices,
)
from negotiation_sim.solvers.equilibrium import Equilibrium, EquilibriumSet, format_prob
from negotiation_sim.solvers.exact import DEFAULT_MAX_BASES, exact_extreme_equilibria

__all__ = [
    "vertex_enumeration",
    "vertex_enumeration_gen",
    "batch_vertex_enumeration",
    "batch_extreme_profiles",
]

_METHOD = "vertex_enumeration"
# Games per chunk of a batch are chosen so that a chunk holds about this many bases.
_BASES_PER_CHUNK = 400_000
# Games with at most this many actions per player are walked in plain Python (numpy's cost per
# call outweighs the arithmetic there). Measured, whole solves, Python walk against numpy walk:
# random 4 x 4 0.38 against 0.75 ms, 5 x 5 1.18 ms either way; degenerate (payoffs in {0, 1, 2})
# 4 x 4 1.2 against 1.9 ms, 5 x 5 1.9 against 1.4 ms.
_SMALL = 4
# Up to this many vertices of the two polytopes, their words are paired and checked for
# degeneracy as lists in plain Python: measured, 40 against 50 us for the 110 words of a
# random 6 x 6 game, 170 against 50 us for the 500 of an 8 x 8 one.
_FEW_WORDS = 160
#: Default bound on the feasible bases the float walk visits per polytope (a random 15 x 15
#: game has about 10^5; each costs about 0.3 kB while the walk runs).
DEFAULT_MAX_FLOAT_BASES: int = 1_000_000


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
    is not certified (no watch on rounding, no exact re-solve): every profile is
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


def _verified_stack(A: np.ndarray, B: np.ndarray, tol: float, offset: int = 0):
    """Extreme profiles of a stack of games, verified all at once: (game, x, y, payoffs).

    Strategies and payoffs come cleaned as the :class:`Equilibrium` constructor would clean
    them, and read-only.
    """
    game, x, y, atol, _, _ = extreme_profiles(A, B, tol)
    regret, payoffs = profile_regrets(A, B, game, x, y)
    limit = atol[game]
    bad = np.flatnonzero((regret > limit).any(axis=1))
    if len(bad):
        k = int(bad[0])
        msg = (f"vertex enumeration produced a profile of game {offset + int(game[k])} with regrets "
               f"{regret[k].tolist()} above the tolerances {limit[k].tolist()}; it is not an equilibrium")
        raise SolverError(msg)
    for arr in (x, y, payoffs := clean(payoffs)):
        arr.setflags(write=False)
    return game, x, y, payoffs


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
        game, x, y, pay = _verified_stack(A[lo : lo + step], B[lo : lo + step], tol, lo)
        parts.append((game + lo, x, y, pay))
    if len(parts) == 1:
        return parts[0]
    return tuple(np.concatenate(p) for p in zip(*parts, strict=True))


def _describe_strategy(game: NormalFormGame, player: int, z: np.ndarray) -> str:
    p = z / z.sum()
    parts = [f"{a}: {format_prob(v)}" for a, v in zip(game.actions[player], p, strict=True) if v > 0]
    return "(" + ", ".join(parts) + ")"


def _degeneracy(game: NormalFormGame, P, Q) -> str | None:
    """Describe one witness of degeneracy: a vertex with more tight constraints than its
    dimension (the first, by word). ``P`` and ``Q`` are each polytope's ``(points, words)``
    (sequences: a point per word)."""
    m, n = game.shape
    for me, (points, words), dim in ((0, P, m), (1, Q, n)):
        if isinstance(words, np.ndarray):
            over = np.flatnonzero(np.bitwise_count(words) > dim).tolist()
        elif max(map(int.bit_count, words), default=0) > dim:
            over = [k for k, w in enumerate(words) if w.bit_count() > dim]
        else:
            over = []
        if not over:
            continue
        other = 1 - me
        z = np.asarray(points[over[0]], dtype=np.float64)
        lab = vertex_labels(np.array([words[over[0]]], dtype=np.int64), me, m, n)[0]
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


def _unit_interval(M: Any, tol: float) -> tuple[Any, float]:
    """One payoff matrix mapped affinely onto [1, 2], and its player's absolute regret
    tolerance: :func:`~negotiation_sim.solvers._polytope.scaled` for one game (the same
    operations in the same order, so the same floats). ``M`` is a list of rows, mapped in plain
    Python (about 20 us less than ``scaled`` for a 2 x 2 game, where the whole solve takes about
    150 us), or a 2-D array, mapped in numpy (for the walk's sizes: 8 against 17 us at 6 x 6)."""
    array = isinstance(M, np.ndarray)
    low, high = (float(M.min()), float(M.max())) if array else (min(map(min, M)), max(map(max, M)))
    spread = high - low
    atol = max(tol * spread, ROUNDOFF * max(abs(high), abs(low)))
    if spread <= ROUNDOFF * max(-low, high):  # indifferent everywhere: no strict preference to stretch
        return (np.ones(M.shape) if array else [[1.0] * len(row) for row in M]), atol
    return (1.0 + (M - low) / spread if array else [[1.0 + (v - low) / spread for v in row] for row in M]), atol


def _normalised(z: list[float]) -> list[float]:
    """A vertex as a probability vector, cleaned as :func:`~negotiation_sim._numeric.clean_rows`
    cleans a row (the same steps, for one row in plain Python)."""
    x = [v if v > CLEAN_TOL else 0.0 for v in z]
    total = sum(x) or 1.0
    x = [v / total for v in x]
    return [1.0 if v >= 1.0 - CLEAN_TOL else 0.0 if v <= CLEAN_TOL else v for v in x]


def _pick(points, rows: list[int]) -> list:
    """The points of ``rows`` as lists, from a (V, r) array or a list of V points."""
    return points[rows].tolist() if isinstance(points, np.ndarray) else [points[k] for k in rows]


def _float_equilibria(game: NormalFormGame, tol: float, max_bases: int):
    """The float walk: (equilibria, P, Q, doubt), ``doubt`` None when floating point is
    certain of the vertices, else why it is not; P and Q as :func:`_degeneracy` takes them.

    After the walk, everything is done for the few vertex pairs in plain Python (pairing,
    normalising, ordering, verifying): numpy's cost per call outweighs that arithmetic
    for every size the walk can reach (a 15 x 15 game has a few dozen equilibria).
    """
    m, n = game.shape
    label_tol = LABEL_TOL_FACTOR * tol
    labels = range(m + n), [*range(m, m + n), *range(m)]
    if max(m, n) <= _SMALL:
        cells = game.payoffs.tolist()
        A = [[cell[0] for cell in row] for row in cells]
        B = [[cell[1] for cell in row] for row in cells]
        (Bs, atol2), (As, atol1) = _unit_interval(B, tol), _unit_interval(A, tol)
        At = [list(col) for col in zip(*As, strict=True)]
        P, Q = small_float_vertices([(Bs, labels[0]), (At, labels[1])], label_tol, max_bases, game.players)
    else:
        (Bs, atol2), (As, atol1) = _unit_interval(game.payoffs[..., 1], tol), _unit_interval(game.payoffs[..., 0], tol)
        P, Q = float_vertices([(Bs, labels[0]), (As.T, labels[1])], label_tol, max_bases, game.players)
        A, B = game.payoffs[..., 0].tolist(), game.payoffs[..., 1].tolist()
    words_p, words_q = P.words, Q.words
    if isinstance(words_p, np.ndarray) and len(words_p) + len(words_q) <= _FEW_WORDS:
        words_p, words_q = words_p.tolist(), words_q.tolist()
    vertices = (P.points, words_p), (Q.points, words_q)
    i, j = complete_pairs(words_p, words_q, m, n)
    xs, ys = [_normalised(z) for z in _pick(P.points, i)], [_normalised(z) for z in _pick(Q.points, j)]
    if len(xs) > 1:
        order = _order_one_game(xs, ys)
        xs, ys = [xs[k] for k in order], [ys[k] for k in order]
    Bt = [list(col) for col in zip(*B, strict=True)]
    regrets, payoffs = [], []
    for x, y in zip(xs, ys, strict=True):
        Ay = [sum(map(mul, row, y)) for row in A]
        xB = [sum(map(mul, col, x)) for col in Bt]
        u1, u2 = sum(map(mul, x, Ay)), sum(map(mul, y, xB))
        r1, r2 = max(max(Ay) - u1, 0.0), max(max(xB) - u2, 0.0)
        if r1 > atol1 or r2 > atol2:
            return [], *vertices, (f"a profile failed verification (regrets {[r1, r2]} above the "
                                   f"tolerances {[atol1, atol2]})")
        regrets.append(max(r1, r2))
        payoffs.append((u1, u2))
    if not xs:
        return [], *vertices, "no equilibrium was found, which Nash's theorem rules out"
    X, Y, pay = np.array(xs), np.array(ys), np.array([[clean_float(u) for u in p] for p in payoffs])
    for arr in (X, Y, pay):
        arr.setflags(write=False)
    limit = max(atol1, atol2)
    eqs = [Equilibrium._trusted((X[k], Y[k]), pay[k], r, game.players, game.actions, limit, _METHOD)
           for k, r in enumerate(regrets)]
    return eqs, *vertices, P.doubt or Q.doubt


def _exact_equilibria(game: NormalFormGame, max_bases: int):
    """Every extreme equilibrium in rational arithmetic, as Equilibrium objects with exact
    strategies and payoffs, in canonical order; also the vertices (for :func:`_degeneracy`)."""
    A, B = game.exact_arrays()
    pairs, (P, Q) = exact_extreme_equilibria(A, B, max_bases)
    m, n = game.shape
    x = np.array([[float(v) for v in p[0]] for p in pairs], dtype=np.float64).reshape(len(pairs), m)
    y = np.array([[float(v) for v in p[1]] for p in pairs], dtype=np.float64).reshape(len(pairs), n)
    order = _order_one_game(x.tolist(), y.tolist()) if len(pairs) > 1 else range(len(pairs))
    eqs = []
    for k in order:
        ex, ey = pairs[k]
        pay = (sum(ex[i] * A[i][j] * ey[j] for i in range(m) for j in range(n)),
               sum(ex[i] * B[i][j] * ey[j] for i in range(m) for j in range(n)))
        eqs.append(Equilibrium((x[k], y[k]), [float(v) for v in pay], 0.0, game.players, game.actions,
                               tol=0.0, method=_METHOD, exact_strategies=(ex, ey), exact_payoffs=pay))

    def floats(vertices: dict) -> tuple[list, list[int]]:
        return [[float(v) for v in p] for p in vertices.values()], list(vertices)

    return eqs, floats(P), floats(Q)


def _solve_game(game: object, tol: float | None, exact: bool = False,
                max_bases: int | None = None) -> tuple[list[Equilibrium], tuple[str, ...], bool, bool]:
    """Validate, solve, verify, certify and warn: (equilibria, notes, complete, degenerate)."""
    game = _check_game(game)
    if game.n_players != 2:
        msg = f"game must have 2 players for vertex enumeration, but it has {game.n_players}"
        raise UnsupportedMethodError(msg)
    m, n = game.shape
    if m + n > 62:  # label sets are packed into one int64
        msg = f"game shape {m} x {n} is too large for vertex enumeration: m + n must be at most 62"
        raise InvalidGameError(msg)
    tol = _regret_tol(tol)
    if max_bases is not None:
        max_bases = positive_int(max_bases, "max_bases")
    if not isinstance(exact, (bool, np.bool_)):
        msg = f"exact must be True or False, not {exact!r}"
        raise InvalidParameterTypeError(msg)
    exact_bases = DEFAULT_MAX_BASES if max_bases is None else max_bases
    notes: list[str] = []
    complete = True
    if exact:
        eqs, P, Q = _exact_equilibria(game, exact_bases)
        notes.append("Solved in exact rational arithmetic.")
    else:
        eqs, P, Q, doubt = _float_equilibria(game, tol, DEFAULT_MAX_FLOAT_BASES if max_bases is None else max_bases)
        if doubt is not None:
            try:
                eqs, P, Q = _exact_equilibria(game, exact_bases)
                notes.append(f"Floating point could not certify the result ({doubt}); the game was "
                             "re-solved in exact rational arithmetic.")
            except GameTooLargeError as err:
                complete = False
                why = (f"floating point could not certify that the list is complete ({doubt}), and the exact "
                       f"re-solve stopped: {err}")
                warn(why[0].upper() + why[1:], PrecisionWarning)
                notes.append(why[0].upper() + why[1:] + ".")
    note = _degeneracy(game, P, Q)
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
                       max_bases: int | None = None) -> EquilibriumSet:
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
    max_bases : int, optional
        Feasible bases the enumeration may visit per polytope: its time and
        memory follow them. Default :data:`DEFAULT_MAX_FLOAT_BASES` (10^6)
        in floating point, and
        :data:`~negotiation_sim.solvers.exact.DEFAULT_MAX_BASES` (10^5)
        in exact arithmetic, which the exact re-solve of an uncertified float
        answer uses too.

    Returns
    -------
    EquilibriumSet
        Every extreme equilibrium, each verified, ordered by total support
        size, then by the supports' action indices. In floating point the
        result is certified: no decision of the walk (a zero value, a tie in a
        ratio test, a pivot element) may lie within its tableau's round-off
        bound, each vertex's tight constraints are recomputed from the payoffs,
        at least one equilibrium must be found, and every profile must pass verification;
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
        If the enumeration visits more than ``max_bases`` bases of a polytope.
    InvalidParameterError
        If ``tol`` or ``max_bases`` is out of range (an
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
    eqs, notes, complete, degenerate = _solve_game(game, tol, exact, max_bases)
    return EquilibriumSet(eqs, complete=complete, method=_METHOD, game=game, degenerate=degenerate, notes=notes)
