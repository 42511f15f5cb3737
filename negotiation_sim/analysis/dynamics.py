"""Learning dynamics on N-player normal-form games: how play evolves round by round.

:func:`simulate` runs one of four classic dynamics and returns a frozen
:class:`Trace` (strategies and expected payoffs by round):

- ``"fictitious_play"`` (Brown 1951; Robinson 1951): each round every player
  best responds to the empirical frequencies of the others' past play; the
  recorded strategies are those frequencies, which converge to equilibrium
  in two-player zero-sum games. Variants ``"simultaneous"`` and
  ``"alternating"`` (players update in turn, each seeing the others' latest
  move). Ties are broken at random with ``rng``.
- ``"best_response"``: pure best-response dynamics; ``"simultaneous"`` (all at
  once) or ``"sequential"`` (in turn). A player keeps its action if it is
  still a best response, so a pure equilibrium is a rest point.
- ``"replicator"``: the multi-population (asymmetric) replicator dynamic
  ``d sigma_i(a)/dt = sigma_i(a) (U_i(a) - sigma_i . U_i)`` (Taylor 1979),
  one population per player. ``"discrete"`` takes steps of size ``step`` in
  ``(0, 1]`` on payoffs scaled to a range of 1, which keeps every strategy
  exactly on the simplex; ``"ode"`` integrates the ODE with
  :func:`scipy.integrate.solve_ivp` and samples it at ``t = step * round``.
- ``"logit"``: smoothed best response, ``sigma <- (1 - step) sigma + step *
  logit(lam U)``, whose rest points are the logit QRE at ``lam``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import as_rng, readonly
from negotiation_sim._validate import number_in, positive_int
from negotiation_sim.errors import UnknownNameError
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.solvers._multilinear import action_values
from negotiation_sim.solvers._regret import _check_game, regret

__all__ = ["Trace", "simulate", "DYNAMICS"]

#: The dynamics :func:`simulate` knows, with their variants (the first is the default).
DYNAMICS: dict[str, tuple[str, ...]] = {
    "fictitious_play": ("simultaneous", "alternating"),
    "best_response": ("simultaneous", "sequential"),
    "replicator": ("discrete", "ode"),
    "logit": ("simultaneous",),
}


def _profile_tuple(value: Any) -> tuple[np.ndarray, ...]:
    return tuple(readonly(v) for v in value)


@attrs.frozen(eq=False)
class Trace:
    """The rounds of one run of a learning dynamic.

    Attributes
    ----------
    data : pandas.DataFrame
        One row per round (round 0 is the start): ``round``, one
        ``"Player:Action"`` probability column per action, and one
        ``"payoff Player"`` expected-payoff column per player.
    converged : bool
        Fictitious play: the empirical profile's regret is at most ``tol``
        times the payoff scale. The others: the profile moved less than
        ``tol`` (largest change of a probability) in the last round, i.e. it
        reached a rest point.
    n_iter : int
        Rounds played (the run stops early at a rest point).
    tol : float
    method : str
        The dynamic's name.
    variant : str
    final : tuple of numpy.ndarray
        The last profile.
    """

    data: Any
    converged: bool = attrs.field(converter=bool)
    n_iter: int = attrs.field(converter=int)
    tol: float = attrs.field(converter=float)
    method: str
    variant: str
    final: tuple[np.ndarray, ...] = attrs.field(converter=_profile_tuple)


# -- the dynamics: each returns (first profile, step: profile -> next profile) ---------


def _best(values: np.ndarray, rng: np.random.Generator, current: int | None = None) -> int:
    """A best action: ``current`` if it is one, else one of them at random."""
    best = np.flatnonzero(values >= values.max() - 1e-12)
    if current is not None and current in best:
        return current
    return int(rng.choice(best))


def _fictitious_play(pay, start, rng, variant, opts) -> tuple[list, Callable]:
    # Each player's first move is drawn from the start profile; the counts are the beliefs.
    counts = [np.eye(len(s))[rng.choice(len(s), p=s)] for s in start]

    def step(_profile):
        order = [list(range(len(counts)))] if variant == "simultaneous" else [[i] for i in range(len(counts))]
        for group in order:
            freqs = [c / c.sum() for c in counts]
            values = action_values(pay, freqs)
            for i in group:
                counts[i][_best(values[i], rng)] += 1.0
        return [c / c.sum() for c in counts]

    return [c / c.sum() for c in counts], step


def _best_response(pay, start, rng, variant, opts) -> tuple[list, Callable]:
    n = len(start)
    init = [np.eye(len(s))[rng.choice(len(s), p=s)] for s in start]

    def step(profile):
        profile = [p.copy() for p in profile]
        groups = [list(range(n))] if variant == "simultaneous" else [[i] for i in range(n)]
        for group in groups:
            values = action_values(pay, profile)
            for i in group:
                a = _best(values[i], rng, current=int(np.argmax(profile[i])))
                profile[i] = np.eye(len(profile[i]))[a]
        return profile

    return init, step


def _replicator(pay, start, rng, variant, opts) -> tuple[list, Callable]:
    spread = float(np.ptp(pay)) or 1.0
    scaled = pay / spread  # now |U_i(a) - mean| <= 1, so step <= 1 keeps sigma >= 0
    size = opts["step"]

    def step(profile):
        values = action_values(scaled, profile)
        out = []
        for s, u in zip(profile, values, strict=True):
            new = s * (1.0 + size * (u - s @ u))
            out.append(np.clip(new, 0.0, None) / np.clip(new, 0.0, None).sum())
        return out

    return [np.asarray(s, dtype=float) for s in start], step


def _logit(pay, start, rng, variant, opts) -> tuple[list, Callable]:
    lam, size = opts["lam"], opts["step"]

    def step(profile):
        out = []
        for s, u in zip(profile, action_values(pay, profile), strict=True):
            e = np.exp(lam * (u - u.max()))
            out.append((1.0 - size) * s + size * e / e.sum())
        return out

    return [np.asarray(s, dtype=float) for s in start], step


_KERNELS = {
    "fictitious_play": _fictitious_play,
    "best_response": _best_response,
    "replicator": _replicator,
    "logit": _logit,
}


def _replicator_ode(pay, start, rounds, size):
    """Every round's profile of the replicator ODE, sampled at t = size * round."""
    from scipy.integrate import solve_ivp

    shape = [len(s) for s in start]
    cuts = np.cumsum(shape)[:-1]
    scaled = pay / (float(np.ptp(pay)) or 1.0)

    def rhs(_t, flat):
        sig = np.split(flat, cuts)
        return np.concatenate([s * (u - s @ u) for s, u in zip(sig, action_values(scaled, sig), strict=True)])

    times = size * np.arange(rounds + 1)
    sol = solve_ivp(rhs, (0.0, times[-1]), np.concatenate(start), t_eval=times,
                    rtol=1e-9, atol=1e-12, method="LSODA")
    # The ODE keeps the simplex; the integrator only approximately: clean each sample.
    out = []
    for flat in sol.y.T:
        pieces = [np.clip(p, 0.0, None) for p in np.split(flat, cuts)]
        out.append([p / p.sum() for p in pieces])
    return out


# -- validation and the driver -------------------------------------------------


def _check_names(dynamics: Any, variant: Any) -> tuple[str, str]:
    if not isinstance(dynamics, str) or dynamics not in DYNAMICS:
        msg = f"unknown dynamics {dynamics!r}; choose one of {list(DYNAMICS)}"
        raise UnknownNameError(msg)
    variants = DYNAMICS[dynamics]
    variant = variants[0] if variant is None else variant
    if variant not in variants:
        msg = f"unknown variant {variant!r} of {dynamics!r}; choose one of {list(variants)}"
        raise UnknownNameError(msg)
    return dynamics, variant


def _start(game: NormalFormGame, start: Any, dynamics: str, rng: np.random.Generator):
    if start is not None:
        return [np.asarray(s, dtype=float) for s in game.as_profile(start)]
    if dynamics in ("fictitious_play", "best_response"):
        return [np.full(k, 1.0 / k) for k in game.shape]  # first moves drawn uniformly
    return [rng.dirichlet(np.ones(k)) for k in game.shape]  # a random interior point


def _frame(game: NormalFormGame, profiles: list):
    import pandas as pd

    flat = np.array([np.concatenate(p) for p in profiles])
    pays = np.array([[s @ u for s, u in zip(p, action_values(game.payoffs, p), strict=True)] for p in profiles])
    frame = pd.DataFrame(flat, columns=[f"{p}:{a}" for p, acts in zip(game.players, game.actions, strict=True)
                                        for a in acts])
    for i, p in enumerate(game.players):
        frame[f"payoff {p}"] = pays[:, i]
    frame.insert(0, "round", np.arange(len(profiles)))
    return frame


def _run(step, initial, rounds: int, tol: float, stop_at_rest: bool, progress: bool) -> tuple[list, bool]:
    from tqdm.auto import tqdm

    profiles = [initial]
    for _ in tqdm(range(rounds), disable=not progress, desc="simulating"):
        new = step(profiles[-1])
        profiles.append(new)
        moved = max(float(np.max(np.abs(a - b))) for a, b in zip(new, profiles[-2], strict=True))
        if stop_at_rest and moved <= tol:
            return profiles, True
    return profiles, False


def simulate(game: NormalFormGame, dynamics: str = "fictitious_play", rounds: int = 1000,
             start: Any = None, rng: np.random.Generator | int | None = None, *,
             variant: str | None = None, step: float = 0.1, lam: float = 10.0,
             tol: float | None = None, progress: bool = False) -> Trace:
    """Run a learning dynamic on ``game`` for up to ``rounds`` rounds.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    dynamics : {"fictitious_play", "best_response", "replicator", "logit"}
    rounds : int, default 1000
        Most rounds; every dynamic but fictitious play stops early at a rest point.
    start : profile, optional
        One strategy per player. Fictitious play and best response draw each
        player's first move from it (default: uniformly); replicator and
        logit start from it (default: a random interior profile).
    rng : numpy.random.Generator, int or None
        Randomness (first moves, tie-breaking, default start); a seed makes
        the run reproducible.
    variant : str, optional
        See :data:`DYNAMICS`; the first listed is the default.
    step : float, default 0.1
        Replicator: time step (``(0, 1]`` for ``"discrete"``, any positive
        value for ``"ode"``). Logit: weight of the new response, in ``(0, 1]``.
    lam : float, default 10
        Logit precision, in the game's payoff units.
    tol : float, optional
        Convergence tolerance (see :attr:`Trace.converged`); default 1e-2
        (relative regret) for fictitious play, 1e-9 (movement) otherwise.
    progress : bool, default False
        Show a tqdm bar.

    Returns
    -------
    Trace

    References
    ----------
    Brown (1951), "Iterative solution of games by fictitious play";
    Robinson (1951), "An iterative method of solving a game", Annals of Math. 54;
    Taylor (1979), "Evolutionarily stable strategies with two types of player";
    Fudenberg & Levine (1998), *The Theory of Learning in Games*, ch. 2-4.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> mp = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
    ...                                   players=("Row", "Col"))
    >>> tr = ns.simulate(mp, "fictitious_play", rounds=2000, rng=0)
    >>> [round(float(p), 1) for p in tr.final[0]], ns.regret(mp, tr.final) < 0.05
    ([0.5, 0.5], True)
    >>> list(tr.data.columns)
    ['round', 'Row:A1', 'Row:A2', 'Col:A1', 'Col:A2', 'payoff Row', 'payoff Col']
    """
    game = _check_game(game)
    dynamics, variant = _check_names(dynamics, variant)
    rounds = positive_int(rounds, "rounds")
    step_high = np.inf if (dynamics, variant) == ("replicator", "ode") else 1.0
    opts = {"step": number_in(step, "step", 0.0, step_high),
            "lam": number_in(lam, "lam", 0.0, np.inf, low_open=False)}
    gen = as_rng(rng)
    fp = dynamics == "fictitious_play"
    tol = (1e-2 if fp else 1e-9) if tol is None else number_in(tol, "tol", 0.0, np.inf)
    first = _start(game, start, dynamics, gen)
    pay = game.payoffs / game.payoff_scale
    if (dynamics, variant) == ("replicator", "ode"):
        profiles = _replicator_ode(pay, first, rounds, opts["step"])
        moved = max(float(np.max(np.abs(a - b))) for a, b in zip(profiles[-1], profiles[-2], strict=True))
        converged = moved <= tol
    else:
        # logit uses lam in the game's own units, so it gets the unscaled payoffs
        initial, stepper = _KERNELS[dynamics](
            game.payoffs if dynamics == "logit" else pay, first, gen, variant, opts)
        profiles, converged = _run(stepper, initial, rounds, tol, not fp, progress)
    if fp:
        converged = regret(game, profiles[-1]) <= tol * game.payoff_scale
    return Trace(data=_frame(game, profiles), converged=converged, n_iter=len(profiles) - 1,
                 tol=tol, method=dynamics, variant=variant, final=profiles[-1])
