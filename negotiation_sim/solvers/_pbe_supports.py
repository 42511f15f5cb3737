"""Which supports a perfect Bayesian equilibrium of a signalling game can have.

Fix a *support pattern*: for every type ``t`` the set ``S_t`` of messages it
sends with positive probability, and for every message ``m`` after which the
receiver moves the set ``T_m`` of responses it plays with positive
probability. The PBE conditions with that support split into two independent
systems of linear inequalities (Fudenberg & Tirole 1991, ch. 8, definition of
PBE in signalling games):

- on the receiver's strategy ``rho`` alone: every type is indifferent between
  the messages in ``S_t`` and weakly prefers them to the others (the sender's
  values are linear in ``rho``);
- on the sender's strategy ``sigma`` and the off-path beliefs ``mu`` alone:
  after every message the responses in ``T_m`` are best responses to the
  posterior. On path, multiplying by the message's probability makes this
  linear in ``sigma`` (Bayes' rule cleared of its denominator); off path it is
  linear in ``mu``.

A pattern supports an equilibrium exactly when both systems are feasible with
every probability in the support strictly positive: two small linear
programmes that maximise the smallest such probability. The solver uses this
to say honestly whether the equilibria it lists are all there are.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np

from negotiation_sim.games.signaling import SignalingGame

__all__ = ["Pattern", "patterns", "n_patterns", "pattern_witness", "pattern_feasible", "describe_pattern"]

#: A support pattern: messages per type, then responses per receiver message.
Pattern = tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]

#: Smallest probability that counts as "in the support": well above the payoff tolerance and the
#: linear programmes' own feasibility tolerance (1e-7), so that no support is an artefact of either.
_MIN_PROB = 1e-6


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]


def n_patterns(game: SignalingGame) -> int:
    """How many support patterns the game has."""
    n_recv = len(game.receiver_messages)
    return (2**game.n_messages - 1) ** game.n_types * (2**game.n_responses - 1) ** n_recv


def patterns(game: SignalingGame) -> Iterator[Pattern]:
    """Every support pattern (see the module docstring)."""
    per_type = itertools.product(_subsets(game.n_messages), repeat=game.n_types)
    for sender in per_type:
        for receiver in itertools.product(_subsets(game.n_responses), repeat=len(game.receiver_messages)):
            yield sender, receiver


def _max_min_prob(cost_len: int, a_ub: list, b_ub: list, a_eq: list, b_eq: list,
                  bounds: list) -> np.ndarray | None:
    """Maximise the last variable (the smallest support probability); the optimum, or None if below _MIN_PROB."""
    from scipy.optimize import linprog

    c = np.zeros(cost_len)
    c[-1] = -1.0
    res = linprog(c, A_ub=np.array(a_ub) if a_ub else None, b_ub=b_ub or None,
                  A_eq=np.array(a_eq) if a_eq else None, b_eq=b_eq or None, bounds=bounds, method="highs")
    return res.x if res.status == 0 and -res.fun > _MIN_PROB else None


def _receiver_side(game: SignalingGame, pattern: Pattern, atol: float) -> np.ndarray | None:
    """A receiver strategy (n_messages, n_responses) with support ``T`` that makes ``S`` optimal, or None."""
    sender, receiver = pattern
    recv = [game.messages.index(m) for m in game.receiver_messages]
    if all(len(x) == 1 for x in receiver):  # a pure receiver: check the types' choices directly
        pure = game.full_response([x[0] for x in receiver])
        values = game.sender_payoffs[:, np.arange(game.n_messages), pure]
        best = values.max(axis=1)
        if not all(values[t, m] >= best[t] - atol for t, msgs in enumerate(sender) for m in msgs):
            return None
        rho = np.zeros((game.n_messages, game.n_responses))
        rho[np.arange(game.n_messages), pure] = 1.0
        return rho
    index: dict[tuple[int, int], int] = {}  # (message, response) -> variable
    for m, resp in zip(recv, receiver, strict=True):
        for r in resp:
            index[m, r] = len(index)
    n_rho, n = len(index), len(index) + game.n_types + 1
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    for m, resp in zip(recv, receiver, strict=True):
        row = np.zeros(n)
        row[[index[m, r] for r in resp]] = 1.0
        a_eq.append(row)
        b_eq.append(1.0)
        for r in resp:  # rho[m, r] >= eps
            row = np.zeros(n)
            row[index[m, r]], row[-1] = -1.0, 1.0
            a_ub.append(row)
            b_ub.append(0.0)
    for t in range(game.n_types):
        for m in range(game.n_messages):
            # value_t(m) - v_t as coefficients plus a constant
            row, const = np.zeros(n), 0.0
            if game.terminal_mask[m]:
                const = float(game.sender_payoffs[t, m, 0])
            else:
                for r in receiver[recv.index(m)]:
                    row[index[m, r]] = game.sender_payoffs[t, m, r]
            row[n_rho + t] = -1.0
            a_ub.append(row)
            b_ub.append(atol - const)  # value_t(m) <= v_t
            if m in sender[t]:
                a_ub.append(-row)
                b_ub.append(atol + const)  # value_t(m) >= v_t: every message sent is a best one
    bounds = [(0.0, 1.0)] * n_rho + [(None, None)] * game.n_types + [(0.0, 1.0)]
    x = _max_min_prob(n, a_ub, b_ub, a_eq, b_eq, bounds)
    if x is None:
        return None
    rho = np.zeros((game.n_messages, game.n_responses))
    rho[game.terminal_mask, 0] = 1.0
    for (m, r), k in index.items():
        rho[m, r] = x[k]
    return rho


def _best_among(values: np.ndarray, resp: tuple[int, ...], atol: float) -> bool:
    return bool(np.all(values[list(resp)] >= values.max() - atol))


def _off_path_belief(game: SignalingGame, m: int, resp: tuple[int, ...], atol: float) -> np.ndarray | None:
    """A belief after ``m`` at which every response in ``resp`` is a best response, or None."""
    from scipy.optimize import linprog

    pay = game.receiver_payoffs[:, m, :]
    if game.n_types == 2:  # the belief is p = P(first type): the responses' values are lines in p
        lines = np.stack([pay[1], pay[0] - pay[1]])  # value(p) = lines[0] + p lines[1]
        kinks = [0.0, 1.0]
        for r, o in itertools.combinations(range(game.n_responses), 2):
            slope = lines[1, r] - lines[1, o]
            if abs(slope) > 1e-15:
                kinks.append(float(np.clip((lines[0, o] - lines[0, r]) / slope, 0.0, 1.0)))
        # the set where `resp` are all best is an interval whose ends are among the kinks
        for p in kinks:
            if _best_among(lines[0] + p * lines[1], resp, atol):
                return np.array([p, 1.0 - p])
        return None
    # more types: a linear programme over the belief mu (every r in resp at least as good as any other)
    rows = [pay[:, o] - pay[:, r] for r in resp for o in range(game.n_responses) if o != r]
    res = linprog(np.zeros(game.n_types), A_ub=np.array(rows) if rows else None,
                  b_ub=np.full(len(rows), atol) if rows else None, A_eq=np.ones((1, game.n_types)),
                  b_eq=[1.0], bounds=[(0.0, 1.0)] * game.n_types, method="highs")
    return res.x if res.status == 0 else None


def _beliefs(game: SignalingGame, sigma: np.ndarray, off: dict[int, np.ndarray]) -> np.ndarray:
    """Bayes' rule on path, ``off`` off path (the prior after terminal messages, where none is needed)."""
    joint = game.prior[:, None] * sigma
    beliefs = np.tile(game.prior, (game.n_messages, 1))
    for m in range(game.n_messages):
        if joint[:, m].sum() > 0:
            beliefs[m] = joint[:, m] / joint[:, m].sum()
        elif m in off:
            beliefs[m] = off[m]
    return beliefs


def _sender_side(game: SignalingGame, pattern: Pattern,
                 atol: float) -> tuple[np.ndarray, np.ndarray] | None:
    """A sender strategy with support ``S`` and beliefs that make ``T`` optimal, or None."""
    sender, receiver = pattern
    recv = [game.messages.index(m) for m in game.receiver_messages]
    if all(len(x) == 1 for x in sender):  # a pure sender: posteriors are fixed, beliefs off path per message
        sigma = np.zeros((game.n_types, game.n_messages))
        sigma[np.arange(game.n_types), [x[0] for x in sender]] = 1.0
        off: dict[int, np.ndarray] = {}
        for m, resp in zip(recv, receiver, strict=True):
            weight = game.prior * sigma[:, m]
            if weight.sum() > 0:
                if not _best_among(weight @ game.receiver_payoffs[:, m, :], resp, atol):
                    return None
            else:
                mu = _off_path_belief(game, m, resp, atol)
                if mu is None:
                    return None
                off[m] = mu
        return sigma, _beliefs(game, sigma, off)
    index: dict[tuple[str, int, int], int] = {}  # ("s", type, message) or ("mu", type, message) -> variable
    for t, msgs in enumerate(sender):
        for m in msgs:
            index["s", t, m] = len(index)
    unsent = [m for m in recv if not any(m in msgs for msgs in sender)]
    for m in unsent:
        for t in range(game.n_types):
            index["mu", t, m] = len(index)
    n = len(index) + 1
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    for t, msgs in enumerate(sender):
        row = np.zeros(n)
        row[[index["s", t, m] for m in msgs]] = 1.0
        a_eq.append(row)
        b_eq.append(1.0)
        for m in msgs:
            row = np.zeros(n)
            row[index["s", t, m]], row[-1] = -1.0, 1.0
            a_ub.append(row)
            b_ub.append(0.0)
    for m in unsent:
        row = np.zeros(n)
        row[[index["mu", t, m] for t in range(game.n_types)]] = 1.0
        a_eq.append(row)
        b_eq.append(1.0)
    for m, resp in zip(recv, receiver, strict=True):
        # weight of each type in the (unnormalised) belief after m: (variable, coefficient)
        terms: dict[int, tuple[int, float]] = {}
        for t in range(game.n_types):
            if m in unsent:
                terms[t] = (index["mu", t, m], 1.0)
            elif m in sender[t]:
                terms[t] = (index["s", t, m], float(game.prior[t]))
        pay = game.receiver_payoffs[:, m, :]
        # With weights w_t (prior * sigma, or the belief), r beats `other` within the tolerance when
        # sum_t w_t (D_t + atol) >= 0, D = pay[:, r] - pay[:, other]: the tolerance scales with the
        # message's probability, as it would after dividing by it (Bayes' rule).
        for r in resp:
            for other in range(game.n_responses):
                if other == r:
                    continue
                row, mirror = np.zeros(n), np.zeros(n)
                for t, (k, w) in terms.items():
                    row[k] -= w * (pay[t, r] - pay[t, other] + atol)
                    mirror[k] += w * (pay[t, r] - pay[t, other] - atol)
                a_ub.append(row)
                b_ub.append(0.0)  # r at least as good as `other`
                if other in resp:
                    a_ub.append(mirror)
                    b_ub.append(0.0)  # and no better than another response played
    x = _max_min_prob(n, a_ub, b_ub, a_eq, b_eq, [(0.0, 1.0)] * n)
    if x is None:
        return None
    sigma = np.zeros((game.n_types, game.n_messages))
    for key, k in index.items():
        if key[0] == "s":
            sigma[key[1], key[2]] = x[k]
    off_beliefs = {m: np.array([x[index["mu", t, m]] for t in range(game.n_types)]) for m in unsent}
    return sigma, _beliefs(game, sigma, off_beliefs)


def _plausible(game: SignalingGame, pattern: Pattern, atol: float) -> bool:
    """Necessary conditions, checked before any linear programme (most patterns fail them).

    Each type's value of a message lies between its lowest and highest
    payoff over the responses in ``T_m``: the messages a type mixes over need
    overlapping ranges that reach the others' lowest values. After a message,
    the responses in ``T_m`` must be best together at some belief on the
    types that send it (any belief off path).
    """
    sender, receiver = pattern
    responds = dict(zip((game.messages.index(m) for m in game.receiver_messages), receiver, strict=True))
    for t, msgs in enumerate(sender):
        lo, hi = np.empty(game.n_messages), np.empty(game.n_messages)
        for m in range(game.n_messages):
            vals = game.sender_payoffs[t, m, list(responds.get(m, (0,)))]
            lo[m], hi[m] = vals.min(), vals.max()
        top = hi[list(msgs)].min()
        if lo[list(msgs)].max() > top + atol or lo.max() > top + atol:
            return False
    for m, resp in responds.items():
        senders = [t for t, msgs in enumerate(sender) if m in msgs]
        if len(resp) == 1 and len(senders) != 1:
            continue  # a pure response is checked by the programmes (a belief always exists off path)
        if len(senders) == 1:  # the receiver knows the type
            if not _best_among(game.receiver_payoffs[senders[0], m, :], resp, atol):
                return False
        elif _off_path_belief(game, m, resp, atol) is None:
            return False
    return True


def pattern_witness(game: SignalingGame, pattern: Pattern,
                    atol: float) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """A PBE ``(sigma, rho, beliefs)`` with exactly this support pattern, or None when there is none.

    ``sigma`` is (n_types, n_messages), ``rho`` (n_messages, n_responses)
    (rows of terminal messages: the first response), ``beliefs``
    (n_messages, n_types).

    Examples
    --------
    Beer–quiche: pooling on beer with the receiver mixing after quiche is a
    PBE (at the belief 1/2 that leaves it indifferent); separating is not.

    >>> import negotiation_sim as ns
    >>> g = ns.SignalingGame(types=("Weak", "Strong"), prior=[0.1, 0.9],
    ...     messages=("Beer", "Quiche"), responses=("Duel", "No duel"),
    ...     sender_payoffs=[[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    >>> sigma, rho, beliefs = pattern_witness(g, (((0,), (0,)), ((1,), (0, 1))), 1e-9)
    >>> beliefs[1].tolist()   # after quiche: P(Weak) = 1/2 leaves the receiver indifferent
    [0.5, 0.5]
    >>> pattern_witness(g, (((1,), (0,)), ((0,), (1,))), 1e-9) is None
    True
    """
    if not _plausible(game, pattern, atol):
        return None
    sender, receiver = pattern
    if all(len(x) == 1 for x in sender) and not all(len(x) == 1 for x in receiver):
        side = _sender_side(game, pattern, atol)  # the cheap side first
        rho = None if side is None else _receiver_side(game, pattern, atol)
    else:
        rho = _receiver_side(game, pattern, atol)
        side = None if rho is None else _sender_side(game, pattern, atol)
    if rho is None or side is None:
        return None
    return side[0], rho, side[1]


def pattern_feasible(game: SignalingGame, pattern: Pattern, atol: float) -> bool:
    """Whether some PBE of ``game`` has exactly this support pattern (see :func:`pattern_witness`)."""
    return pattern_witness(game, pattern, atol) is not None


def describe_pattern(game: SignalingGame, pattern: Pattern) -> str:
    """A support pattern in words, e.g. "Weak sends Beer; Receiver mixes after Quiche over Duel and No duel"."""
    sender, receiver = pattern

    def names(labels, idx):
        return labels[idx[0]] if len(idx) == 1 else ", ".join(labels[i] for i in idx[:-1]) + f" and {labels[idx[-1]]}"

    parts = []
    for t, msgs in enumerate(sender):
        verb = "sends" if len(msgs) == 1 else "mixes over"
        parts.append(f"{game.types[t]} {verb} {names(game.messages, msgs)}")
    for m, resp in zip(game.receiver_messages, receiver, strict=True):
        if len(resp) == 1:
            parts.append(f"{game.players[1]} plays {game.responses[resp[0]]} after {m}")
        else:
            parts.append(f"{game.players[1]} mixes after {m} over {names(game.responses, resp)}")
    return "; ".join(parts)
