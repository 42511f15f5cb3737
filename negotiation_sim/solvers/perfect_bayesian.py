"""Perfect Bayesian equilibria of signalling games.

A perfect Bayesian equilibrium (PBE) of a :class:`SignalingGame` is a sender
strategy (a distribution over messages per type), a receiver strategy (a
distribution over responses per message) and beliefs (a distribution over
types per message) such that

1. each type's messages are optimal given the receiver's strategy;
2. the receiver's response to every message, sent or not, is optimal given
   its belief after that message (sequential rationality);
3. beliefs after every message sent with positive probability follow from
   the prior and the sender's strategy by Bayes' rule.

After a *terminal* message (``SignalingGame(terminal_messages=...)``) the
game ends: the receiver has no move there, hence no strategy and no belief.

:func:`perfect_bayesian` lists every *pure* PBE (pooling, separating and, with
three or more types, partially pooling), each with the set of off-path beliefs
that supports it, and, in games with two types and two messages, the
*semi-separating* equilibria in which one type sends one message while the
other mixes and the receiver mixes after the shared message. Every
equilibrium is verified (conditions 1-3) before it is returned, and each is
tested with the Cho–Kreps intuitive criterion.

Whether the list is every PBE of the game is then *checked*, not assumed: for
every support pattern the enumeration does not cover (the receiver mixing
after an off-path message, both types mixing, ...), two linear programmes
decide whether some PBE has that support
(:mod:`negotiation_sim.solvers._pbe_supports`). ``complete`` is True only when
none has; otherwise the notes name the supports of the equilibria not listed
(often continua, e.g. every off-path mixture the receiver may play).

Semi-separating equilibria (two types ``k`` and ``j``, messages ``m*`` and
``m'``): ``k`` sends ``m*``; ``j`` sends ``m*`` with probability ``q`` and
``m'`` otherwise. After ``m'`` the receiver knows it faces ``j`` and plays a
best response ``r'`` to it. After ``m*`` it mixes between two responses
``a`` and ``b`` (probability ``beta`` on ``a``), which needs its posterior
``mu = P(k | m*)`` to make it indifferent::

    mu D_k + (1 - mu) D_j = 0,   D_t = R[t, m*, a] - R[t, m*, b]
    =>  mu = D_j / (D_j - D_k),  q = prior_k (1 - mu) / (prior_j mu)

(``q`` in (0, 1) needs ``prior_k < mu < 1``), and ``beta`` must make ``j``
indifferent between its two messages::

    beta S[j, m*, a] + (1 - beta) S[j, m*, b] = S[j, m', r']
    =>  beta = (S[j, m', r'] - S[j, m*, b]) / (S[j, m*, a] - S[j, m*, b])

It remains to check that ``a`` and ``b`` beat every other response at ``mu``
and that type ``k`` prefers ``m*``. When ``m'`` is terminal the receiver has
no move after it and ``S[j, m', r']`` is the game's fixed payoff there.

References
----------
Fudenberg, D. and Tirole, J. (1991), *Game Theory*, MIT Press, ch. 8.
Cho, I.-K. and Kreps, D. M. (1987), "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102(2), 179–221.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import DEFAULT_TOL
from negotiation_sim.errors import GameTypeError, SolverError, UnsupportedMethodError
from negotiation_sim.games.signaling import SignalingGame
from negotiation_sim.solvers._pbe_supports import (
    describe_pattern,
    n_patterns,
    pattern_feasible,
    patterns,
)
from negotiation_sim.solvers.equilibrium import EquilibriumSet
from negotiation_sim.solvers.intuitive_criterion import intuitive_criterion
from negotiation_sim.solvers.off_path_beliefs import belief_set
from negotiation_sim.solvers.pbe_equilibrium import BeliefSet, PBEquilibrium

__all__ = ["perfect_bayesian", "perfect_bayesian_gen", "solve_signaling", "pbe_regret", "unlisted_supports"]

_METHODS = ("auto", "perfect_bayesian", "pure")

#: Largest number of support patterns checked for completeness (2 types, 2 messages, 2 responses: 81).
MAX_PATTERNS = 100


def _atol(game: SignalingGame, tol: float | None) -> float:
    return (DEFAULT_TOL if tol is None else float(tol)) * game.payoff_scale


def _scales(game: SignalingGame) -> tuple[float, float]:
    """Each player's payoff scale (its largest absolute payoff, at least 1)."""
    return (float(max(1.0, np.abs(game.sender_payoffs).max())), float(max(1.0, np.abs(game.receiver_payoffs).max())))


def _normalised(game: SignalingGame) -> SignalingGame:
    """The game with each player's payoffs divided by its own scale.

    A PBE does not change when a player's payoffs are multiplied by a
    positive number, and comparing each player's payoffs relative to its own
    scale keeps a player with small payoffs from being drowned by the
    other's large ones (e.g. a stake of 1e9 against costs below 1).
    """
    s, r = _scales(game)
    if s == r == 1.0:
        return game
    return attrs.evolve(game, sender_payoffs=game.sender_payoffs / s, receiver_payoffs=game.receiver_payoffs / r)


def _rescaled(eq: PBEquilibrium, game: SignalingGame) -> PBEquilibrium:
    """An equilibrium of :func:`_normalised` with the payoffs, regret and tolerance of ``game``."""
    s, r = _scales(game)
    if s == r == 1.0:
        return eq
    return attrs.evolve(eq, payoffs=np.asarray(eq.payoffs) * [s, r], type_payoffs=eq.type_payoffs * s,
                        regret=eq.regret * max(s, r), tol=eq.tol * max(s, r))


def _check(game: Any) -> SignalingGame:
    if not isinstance(game, SignalingGame):
        msg = f"game must be a SignalingGame, not {type(game).__name__}"
        raise GameTypeError(msg)
    return game


# -- verification -------------------------------------------------------------


def pbe_regret(game: SignalingGame, sigma: np.ndarray, rho: np.ndarray,
               beliefs: np.ndarray) -> tuple[float, float]:
    """How far a profile is from a PBE: (largest regret, largest Bayes-rule error).

    Parameters
    ----------
    game : SignalingGame
    sigma : array (n_types, n_messages)
        Sender behaviour strategy.
    rho : array (n_messages, n_responses)
        Receiver behaviour strategy (rows of terminal messages are ignored).
    beliefs : array (n_messages, n_types)
        Receiver's belief after every message (rows of terminal messages are ignored).

    Returns
    -------
    (float, float)
        The largest gain of any type from another message, or of the
        receiver from another response after any message given its belief;
        and the largest gap between an on-path belief and Bayes' rule.
    """
    rho = _full_rho(game, rho)
    values = np.einsum("tmr,mr->tm", game.sender_payoffs, rho)
    sender = (values.max(axis=1) - (sigma * values).sum(axis=1)).max()
    moves = ~game.terminal_mask
    w = np.einsum("mt,tmr->mr", beliefs, game.receiver_payoffs)[moves]
    receiver = (w.max(axis=1) - (rho[moves] * w).sum(axis=1)).max()
    joint = game.prior[:, None] * sigma  # (n_types, n_messages)
    p_msg = joint.sum(axis=0)
    on = (p_msg > 1e-12) & moves
    bayes = np.abs(beliefs[on] - (joint[:, on] / p_msg[on]).T).max() if on.any() else 0.0
    return float(max(sender, receiver, 0.0)), float(bayes)


def _full_rho(game: SignalingGame, rho: np.ndarray) -> np.ndarray:
    """``rho`` with the rows of terminal messages set to the first response (payoffs do not depend on it)."""
    rho = np.array(rho, dtype=np.float64)
    terminal = game.terminal_mask
    if terminal.any():
        rho[terminal] = 0.0
        rho[terminal, 0] = 1.0
    return rho


def _kind(sigma: np.ndarray) -> str:
    used = len({int(np.argmax(row)) for row in sigma})
    if used == 1:
        return "pooling"
    return "separating" if used == len(sigma) else "partially pooling"


def _equilibrium(game: SignalingGame, sigma: np.ndarray, rho: np.ndarray, beliefs: np.ndarray,
                 off_sets: dict, kind: str, atol: float) -> PBEquilibrium:
    """Verify a profile with beliefs and wrap it as a :class:`PBEquilibrium`."""
    regret, bayes = pbe_regret(game, sigma, rho, beliefs)
    if regret > atol or bayes > 1e-7:
        msg = (f"perfect_bayesian produced a profile with regret {regret:.3g} (tolerance {atol:.3g}) "
               f"and Bayes-rule error {bayes:.3g}; it is not a perfect Bayesian equilibrium")
        raise SolverError(msg)
    rho = _full_rho(game, rho)
    values = np.einsum("tmr,mr->tm", game.sender_payoffs, rho)
    type_payoffs = (sigma * values).sum(axis=1)
    receiver = np.einsum("t,tm,mr,tmr->", game.prior, sigma, rho, game.receiver_payoffs)
    moves = np.flatnonzero(~game.terminal_mask)
    on_path = [m for m in moves if m not in off_sets]
    posterior = {game.messages[m]: {t: float(p) for t, p in zip(game.types, beliefs[m], strict=True)}
                 for m in on_path}
    intuitive, deviations = intuitive_criterion(game, type_payoffs, list(off_sets), atol)
    return PBEquilibrium(
        strategies=(sigma.ravel(), rho[moves].ravel()),
        payoffs=[game.prior @ type_payoffs, receiver],
        regret=regret, players=game.players, tol=atol, method="perfect_bayesian",
        actions=([f"{t}: {m}" for t in game.types for m in game.messages],
                 [f"{m}: {r}" for m in game.receiver_messages for r in game.responses]),
        beliefs=posterior, kind=kind, type_payoffs=type_payoffs,
        types=game.types, messages=game.messages, responses=game.responses,
        terminal_messages=game.terminal_messages,
        off_path_beliefs={game.messages[m]: b for m, b in off_sets.items()},
        intuitive=intuitive, intuitive_deviations=deviations,
    )


# -- pure equilibria -------------------------------------------------------------


def _receiver_options(game: SignalingGame, sigma: np.ndarray, atol: float):
    """Per message: the admissible pure responses, each with its belief (and BeliefSet off path).

    After a terminal message the only "response" is the first (the receiver does not move).
    """
    joint = game.prior[:, None] * sigma
    options: list[list[tuple[int, np.ndarray, BeliefSet | None]]] = []
    for m in range(game.n_messages):
        p_m = joint[:, m].sum()
        if game.terminal_mask[m]:
            options.append([(0, game.prior, None)])
        elif p_m > 0:
            post = joint[:, m] / p_m
            w = post @ game.receiver_payoffs[:, m, :]
            options.append([(int(r), post, None) for r in np.flatnonzero(w >= w.max() - atol)])
        else:
            sets = ((r, belief_set(game, m, r, atol)) for r in range(game.n_responses))
            options.append([(r, b.example, b) for r, b in sets if b is not None])
    return options


def _pure_gen(game: SignalingGame, atol: float) -> Iterator[PBEquilibrium]:
    types = np.arange(game.n_types)
    for plan in game.sender_plans():
        sigma = np.zeros((game.n_types, game.n_messages))
        sigma[types, plan] = 1.0
        for choice in itertools.product(*_receiver_options(game, sigma, atol)):
            resp = np.array([r for r, _, _ in choice])
            values = game.sender_payoffs[:, np.arange(game.n_messages), resp]  # (n_types, n_messages)
            if np.any(values.max(axis=1) > values[types, plan] + atol):
                continue  # some type would rather send another message
            rho = np.zeros((game.n_messages, game.n_responses))
            rho[np.arange(game.n_messages), resp] = 1.0
            beliefs = np.array([mu for _, mu, _ in choice])
            off = {m: b for m, (_, _, b) in enumerate(choice) if b is not None}
            yield _equilibrium(game, sigma, rho, beliefs, off, _kind(sigma), atol)


# -- semi-separating equilibria of 2-type, 2-message games ------------------------


def _hybrid_profile(game: SignalingGame, j: int, m_star: int, pair: tuple[int, int],
                    atol: float) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Profiles where type j mixes, the other type sends m_star and the receiver mixes on ``pair``."""
    k, m_other = 1 - j, 1 - m_star
    if game.terminal_mask[m_star]:
        return  # the receiver cannot mix after a message that ends the game
    a, b = pair
    d = game.receiver_payoffs[:, m_star, a] - game.receiver_payoffs[:, m_star, b]
    if abs(d[j] - d[k]) <= atol:
        return  # no belief makes the receiver indifferent (or every belief does)
    mu_k = d[j] / (d[j] - d[k])
    if not game.prior[k] + 1e-12 < mu_k < 1.0 - 1e-12:
        return  # q would not be strictly between 0 and 1
    post = np.empty(2)
    post[k], post[j] = mu_k, 1.0 - mu_k
    w = post @ game.receiver_payoffs[:, m_star, :]
    if w[a] < w.max() - atol:
        return  # the indifference is between two responses the receiver does not want
    q = game.prior[k] * (1.0 - mu_k) / (game.prior[j] * mu_k)
    w_other = game.receiver_payoffs[j, m_other, :]
    s_a, s_b = game.sender_payoffs[j, m_star, a], game.sender_payoffs[j, m_star, b]
    if abs(s_a - s_b) <= atol:
        return  # type j cannot be made indifferent by the receiver's mixing here
    best_other = [0] if game.terminal_mask[m_other] else np.flatnonzero(w_other >= w_other.max() - atol)
    for r_other in best_other:
        beta = (game.sender_payoffs[j, m_other, r_other] - s_b) / (s_a - s_b)
        if not -1e-12 <= beta <= 1.0 + 1e-12:
            continue
        beta = min(max(beta, 0.0), 1.0)
        sigma = np.zeros((2, 2))
        sigma[k, m_star] = 1.0
        sigma[j, m_star], sigma[j, m_other] = q, 1.0 - q
        rho = np.zeros((2, game.n_responses))
        rho[m_star, a], rho[m_star, b] = beta, 1.0 - beta
        rho[m_other, r_other] = 1.0
        beliefs = np.zeros((2, 2))
        beliefs[m_star] = post
        beliefs[m_other, j] = 1.0
        yield sigma, rho, beliefs


def _hybrid_gen(game: SignalingGame, atol: float) -> Iterator[PBEquilibrium]:
    if (game.n_types, game.n_messages) != (2, 2):
        return
    found: list[PBEquilibrium] = []
    for j, m_star in itertools.product(range(2), range(2)):
        for pair in itertools.combinations(range(game.n_responses), 2):
            for sigma, rho, beliefs in _hybrid_profile(game, j, m_star, pair, atol):
                if pbe_regret(game, sigma, rho, beliefs)[0] > atol:
                    continue  # the pure type would deviate, or a third response is better
                eq = _equilibrium(game, sigma, rho, beliefs, {}, "semi-separating", atol)
                if not any(eq.close_to(other, atol=1e-9) for other in found):
                    found.append(eq)
                    yield eq


# -- public entry points ---------------------------------------------------------


def perfect_bayesian_gen(game: SignalingGame, tol: float | None = None,
                         pure_only: bool = False) -> Iterator[PBEquilibrium]:
    """Yield the pure PBE (lexicographic in the sender's plan), then the semi-separating ones.

    Each player's payoffs are compared relative to its own scale (see :func:`_normalised`).
    """
    game = _check(game)
    norm = _normalised(game)
    atol = _atol(norm, tol)
    for eq in _pure_gen(norm, atol):
        yield _rescaled(eq, game)
    if not pure_only:
        for eq in _hybrid_gen(norm, atol):
            yield _rescaled(eq, game)


def _covered(game: SignalingGame, pattern, atol: float, pure_only: bool) -> bool:
    """Whether the enumeration lists every PBE with this support pattern.

    Pure patterns always; with two types and two messages (and not
    ``pure_only``), also the semi-separating pattern of the module docstring
    (one type pure on ``m*``, the other mixing, the receiver mixing over two
    responses after ``m*`` and pure after ``m'``) when it is not degenerate:
    the receiver's indifference fixes the belief and the mixing type's fixes
    the receiver's mixture, so the enumeration finds its one equilibrium.
    """
    sender, receiver = pattern
    if all(len(x) == 1 for x in sender) and all(len(x) == 1 for x in receiver):
        return True
    if pure_only or (game.n_types, game.n_messages) != (2, 2) or sorted(map(len, sender)) != [1, 2]:
        return False
    k = 0 if len(sender[0]) == 1 else 1
    j, m_star = 1 - k, sender[k][0]
    responds = dict(zip((game.messages.index(m) for m in game.receiver_messages), receiver, strict=True))
    if m_star not in responds or len(responds[m_star]) != 2 or len(responds.get(1 - m_star, (0,))) != 1:
        return False
    a, b = responds[m_star]
    d = game.receiver_payoffs[:, m_star, a] - game.receiver_payoffs[:, m_star, b]
    s = game.sender_payoffs[j, m_star, a] - game.sender_payoffs[j, m_star, b]
    return abs(d[j] - d[k]) > atol and abs(s) > atol


def _unlisted(game: SignalingGame, atol: float) -> list:
    return [p for p in patterns(game) if not _covered(game, p, atol, False) and pattern_feasible(game, p, atol)]


def unlisted_supports(game: SignalingGame, tol: float | None = None) -> list:
    """The support patterns of PBE that :func:`perfect_bayesian` does not enumerate (empty: it lists them all).

    A pattern is ``(messages per type, responses per message after which the
    receiver moves)``, each a tuple of indices, in the order of
    :func:`negotiation_sim.solvers._pbe_supports.patterns`. Only for games
    with at most :data:`MAX_PATTERNS` patterns.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.SignalingGame(types=("Weak", "Strong"), prior=[0.1, 0.9],
    ...     messages=("Beer", "Quiche"), responses=("Duel", "No duel"),
    ...     sender_payoffs=[[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    >>> unlisted_supports(g)   # pooling on beer, the receiver mixing after quiche; and the reverse
    [(((0,), (0,)), ((1,), (0, 1))), (((1,), (1,)), ((0, 1), (1,)))]
    """
    game = _check(game)
    if n_patterns(game) > MAX_PATTERNS:
        msg = f"the game has {n_patterns(game)} support patterns, more than MAX_PATTERNS = {MAX_PATTERNS}"
        raise SolverError(msg)
    norm = _normalised(game)
    return _unlisted(norm, _atol(norm, tol))


def _support(game: SignalingGame, eq: PBEquilibrium):
    recv = [game.messages.index(m) for m in game.receiver_messages]
    rho = eq.receiver_behaviour
    return (tuple(tuple(np.flatnonzero(row > 0).tolist()) for row in eq.sender_behaviour),
            tuple(tuple(np.flatnonzero(rho[m] > 0).tolist()) for m in recv))


def _completeness(game: SignalingGame, eqs: list[PBEquilibrium], atol: float,
                  pure_only: bool) -> tuple[bool, list[str]]:
    """Whether ``eqs`` is every PBE (every pure one for ``pure_only``), and notes that say so."""
    if pure_only:
        return True, ["These are all the pure-strategy perfect Bayesian equilibria (method 'pure'); "
                      "equilibria in which a player mixes were not searched for."]
    count = n_patterns(game)
    if count > MAX_PATTERNS:
        return False, [f"Completeness not checked: the game has {count} support patterns (more than "
                       f"{MAX_PATTERNS}). The list holds every pure PBE"
                       + (" and every semi-separating one of the form above." if
                          (game.n_types, game.n_messages) == (2, 2) else ".")]
    listed = {_support(game, e) for e in eqs}
    missing = _unlisted(game, atol)
    if not missing:
        return True, ["These are all the perfect Bayesian equilibria of the game: every other support "
                      "was checked by linear programming and holds none."]
    texts = [describe_pattern(game, p) + (" (besides the listed one with this support)" if p in listed else "")
             for p in missing]
    shown = "; or ".join(texts[:3]) + (f"; or {len(texts) - 3} more supports" if len(texts) > 3 else "")
    return False, [f"Not every equilibrium is listed: there are also perfect Bayesian equilibria in which {shown}. "
                   "Mixed equilibria like these often form a continuum."]


def perfect_bayesian(game: SignalingGame, tol: float | None = None,
                     pure_only: bool = False) -> EquilibriumSet:
    """Every pure perfect Bayesian equilibrium, the semi-separating ones of 2x2 games,
    and whether that is all of them.

    Parameters
    ----------
    game : SignalingGame
    tol : float, optional
        Regret tolerance relative to the game's payoff scale (default
        :data:`negotiation_sim._numeric.DEFAULT_TOL`).
    pure_only : bool, default False
        Skip the semi-separating equilibria.

    Returns
    -------
    EquilibriumSet of PBEquilibrium
        With ``pure_only``, ``complete`` is True: the set holds every pure
        PBE. Otherwise ``complete`` is True exactly when the set holds every
        PBE of the game, pure or mixed: each support pattern the
        enumeration does not cover is checked by linear programming (games
        with at most :data:`MAX_PATTERNS` patterns; larger games get
        ``complete=False``). The notes name the supports of any equilibria
        not listed.

    Examples
    --------
    Beer–quiche (Cho & Kreps 1987): two pooling equilibria; only "both
    drink beer" survives the intuitive criterion. The list is not every PBE:
    the receiver may also mix after the message no one sends.

    >>> import negotiation_sim as ns
    >>> g = ns.SignalingGame(types=("Weak", "Strong"), prior=[0.1, 0.9],
    ...     messages=("Beer", "Quiche"), responses=("Duel", "No duel"),
    ...     sender_payoffs=[[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    >>> eqs = perfect_bayesian(g)
    >>> [(e.kind, e.sender_behaviour[0].tolist(), e.intuitive) for e in eqs]
    [('pooling', [1.0, 0.0], True), ('pooling', [0.0, 1.0], False)]
    >>> eqs[1].off_path_beliefs["Beer"].interval
    (0.5, 1.0)
    >>> eqs.complete
    False
    """
    game = _check(game)
    norm = _normalised(game)
    eqs = list(perfect_bayesian_gen(game, tol=tol, pure_only=pure_only))
    complete, notes = _completeness(norm, eqs, _atol(norm, tol), pure_only)
    if any(np.array_equal(a.sender_behaviour, b.sender_behaviour) and np.allclose(a.payoffs, b.payoffs)
           for a, b in itertools.combinations(eqs, 2)):
        notes.insert(0, "Each pure strategy pair is listed once, so some equilibria differ only in "
                        "responses that change no one's expected payoff.")
    method = "perfect_bayesian (pure)" if pure_only else "perfect_bayesian"
    return EquilibriumSet(eqs, complete=complete, method=method, game=game, notes=notes)


def solve_signaling(game: SignalingGame, method: str = "auto", **options: Any) -> EquilibriumSet:
    """What :func:`negotiation_sim.solve` calls for a :class:`SignalingGame`.

    ``method`` is ``"auto"`` or ``"perfect_bayesian"`` (pure and
    semi-separating PBE) or ``"pure"`` (pure PBE only); ``options`` may hold ``tol``.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.SignalingGame(types=("A", "B"), prior=[0.5, 0.5], messages=("m",),
    ...     responses=("r", "s"), sender_payoffs=[[[1, 0]], [[0, 1]]],
    ...     receiver_payoffs=[[[1, 0]], [[0, 2]]])
    >>> [e.strategy("Receiver") for e in ns.solve(g)]
    [{'m: r': 0.0, 'm: s': 1.0}]
    """
    game = _check(game)
    if method not in _METHODS:
        msg = f"unknown method {method!r} for a SignalingGame; choose one of {list(_METHODS)}"
        raise UnsupportedMethodError(msg)
    unknown = set(options) - {"tol"}
    if unknown:
        msg = f"unknown options {sorted(unknown)} for a SignalingGame; the only option is 'tol'"
        raise UnsupportedMethodError(msg)
    return perfect_bayesian(game, tol=options.get("tol"), pure_only=method == "pure")
