"""Module-level builders for sweep tests (picklable, so process pools can run them)."""

from __future__ import annotations

import types

import attrs
import numpy as np

import negotiation_sim as ns


def chicken(cost_row: float, cost_col: float = 10.0) -> ns.NormalFormGame:
    """Asymmetric Chicken: both swerve 0, straight vs swerve 1 / -1, crash -cost each."""
    return ns.NormalFormGame.from_arrays(
        [[0, -1], [1, -cost_row]], [[0, 1], [-1, -cost_col]],
        players=("Russia", "NATO"), actions=(("Swerve", "Straight"),) * 2)


def crossing(s: float) -> ns.NormalFormGame:
    """3x3 coordination game whose mixed equilibria on {1,2} and {1,3} cross in Row:A1 at s=1."""
    b = np.diag([1.0, s, 2.0 - s])
    return ns.NormalFormGame.from_arrays(np.eye(3), b, players=("Row", "Col"))


def shifted_3x3(t: float, u: float = 0.0) -> ns.NormalFormGame:
    """A 3x3 game with generic payoffs moving linearly in t and u (1 or 3 equilibria)."""
    rng = np.random.default_rng(7)
    a0, a1, b0, b1 = rng.normal(size=(4, 3, 3))
    return ns.NormalFormGame.from_arrays(a0 + t * a1 + u, b0 + t * b1 - u)


def shifted_3x3_batch(t: np.ndarray, u: np.ndarray | float = 0.0) -> ns.GameBatch:
    """shifted_3x3 at every point at once: the vectorised build of the same games."""
    rng = np.random.default_rng(7)
    a0, a1, b0, b1 = rng.normal(size=(4, 3, 3))
    t = np.asarray(t, dtype=float)[:, None, None]
    u = np.broadcast_to(np.asarray(u, dtype=float), t.shape[:1])[:, None, None]
    return ns.GameBatch.from_arrays(a0 + t * a1 + u, b0 + t * b1 - u)


def chicken_batch(cost_row: np.ndarray, cost_col: np.ndarray) -> ns.GameBatch:
    """chicken at every point at once (degenerate at cost 1: a tie)."""
    one = np.ones_like(cost_row)
    a = np.array([[0 * one, -one], [one, -cost_row]]).transpose(2, 0, 1)
    b = np.array([[0 * one, one], [-one, -cost_col]]).transpose(2, 0, 1)
    return ns.GameBatch.from_arrays(a, b, players=("Russia", "NATO"), actions=(("Swerve", "Straight"),) * 2)


def not_a_batch(t: np.ndarray) -> list:
    """A vectorised build that breaks the protocol (returns a list of games)."""
    return [shifted_3x3(v) for v in t]


def short_batch(t: np.ndarray) -> ns.GameBatch:
    """A vectorised build that returns one game too few."""
    return shifted_3x3_batch(t[1:])


@attrs.frozen
class DeterrenceResult:
    threshold: float
    attack: bool
    kind: str
    note: str = "closed form"


@attrs.frozen
class Deterrence:
    """Zagare & Kilgour style: the challenger attacks iff credibility < threshold."""

    a_sq: float
    a_dc: float
    a_dd: float
    credibility: float

    def solve(self) -> DeterrenceResult:
        threshold = (self.a_dc - self.a_sq) / (self.a_dc - self.a_dd)
        attack = self.credibility < threshold
        return DeterrenceResult(threshold, attack, "attack" if attack else "deterred")


def deterrence(credibility: float, a_dc: float = 2.0) -> Deterrence:
    return Deterrence(a_sq=1.0, a_dc=a_dc, a_dd=-1.0, credibility=credibility)


class PenniesScenario:
    """A scenario-like object: .solve() gives .equilibria and .outcomes."""

    def __init__(self, stake: float):
        self.game = ns.NormalFormGame.from_arrays(
            [[stake, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("Row", "Col"))

    def solve(self):
        eqs = ns.solve(self.game)
        return types.SimpleNamespace(equilibria=eqs, outcomes={"p_match": 0.5, "n": len(eqs)})


CRISIS = {"concession_cost": 2.0, "war_cost_target": 5.0, "audience_cost": 0.5, "stake": 2.0,
          "war_payoff_resolved": 0.0, "war_payoff_unresolved": -1.0}


def crisis(prior: float) -> ns.SignalingGame:
    """MODELS.md's hostage-taker crisis as a SignalingGame (the PBE solver's test game)."""
    from tests.solvers.test_perfect_bayesian import crisis_game

    return crisis_game(prior, **CRISIS)


@attrs.frozen
class PerGame:
    """A game solved one by one with ns.solve(game, method): the per-game reference of the bulk paths."""

    game: ns.NormalFormGame
    method: str

    def solve(self) -> ns.EquilibriumSet:
        return ns.solve(self.game, method=self.method)


def crisis_per_game(support: float, russia_war_cost: float, method: str = "pure") -> PerGame:
    """The four-actor crisis at one point, solved game by game."""
    return PerGame(ns.scenarios.european_crisis(support=support, russia_war_cost=russia_war_cost).build(), method)


def _trio_payoffs(t: np.ndarray) -> np.ndarray:
    """Three-player matching pennies (Jordan 1993) plus t times a common-interest game: no pure equilibrium for small t."""
    pennies = np.zeros((2, 2, 2, 3))
    for a in np.ndindex(2, 2, 2):
        pennies[a] = [1 if a[0] == a[1] else -1, 1 if a[1] == a[2] else -1, 1 if a[2] != a[0] else -1]
    common = np.zeros((2, 2, 2, 3))
    common[0, 0, 0] = common[1, 1, 1] = 1.0
    return pennies + np.asarray(t, dtype=float).reshape(-1, 1, 1, 1, 1) * common


def trio(t: float, method: str = "auto") -> PerGame:
    return PerGame(ns.NormalFormGame(_trio_payoffs(np.array([t]))[0], players=("A", "B", "C")), method)


def trio_game(t: float) -> ns.NormalFormGame:
    return ns.NormalFormGame(_trio_payoffs(np.array([t]))[0], players=("A", "B", "C"))


def trio_batch(t: np.ndarray) -> ns.GameBatch:
    return ns.GameBatch(_trio_payoffs(t), players=("A", "B", "C"))


def changing(t: float) -> ns.NormalFormGame:
    """A 2x2 game below t = 0.5 and a 3x3 one above: probability columns appear mid-sweep."""
    if t < 0.5:
        return ns.NormalFormGame.from_arrays([[1, 0], [0, t]], [[t, 0], [0, 1]], players=("Row", "Col"))
    return crossing(t + 0.5)


def crisis_grid_batch(support, influence, russia_war_cost):
    """EuropeanCrisis.batch over three of its parameters (a module-level, picklable vectorised build)."""
    return ns.scenarios.EuropeanCrisis.batch(support=support, influence=influence, russia_war_cost=russia_war_cost)


def concat_chunks(summary, chunk):
    """A reducer that keeps every chunk (to compare a reduced sweep with the in-memory one)."""
    return [chunk] if summary is None else [*summary, chunk]


def count_russia(summary, chunk):
    """A flat-memory reducer: how many rows have Russia invading, threatening, withdrawing."""
    counts = chunk[["Russia:Invade", "Russia:Threaten", "Russia:Withdraw"]].sum().to_numpy()
    return counts if summary is None else summary + counts


def crisis_replicated(replicate, support, influence):
    """EuropeanCrisis.batch that ignores ``replicate``: a grid of identical slabs, so every chunk is alike."""
    return ns.scenarios.EuropeanCrisis.batch(support=support, influence=influence)


def chicken_checked(cost_row: float, cost_col: float = 10.0) -> ns.NormalFormGame:
    """chicken, refusing a crash that costs less than swerving (outside its valid region: not Chicken)."""
    from negotiation_sim.errors import InvalidParameterError

    if cost_row <= 1:
        msg = f"cost_row must exceed 1 for the game to be Chicken, got {cost_row!r}"
        raise InvalidParameterError(msg)
    return chicken(cost_row, cost_col)


def chicken_checked_batch(cost_row: np.ndarray, cost_col: np.ndarray) -> ns.GameBatch:
    """chicken_checked at every point at once: the whole batch is refused if one point is outside."""
    from negotiation_sim.errors import InvalidParameterError

    if np.any(np.asarray(cost_row) <= 1):
        msg = "cost_row must exceed 1 for the game to be Chicken"
        raise InvalidParameterError(msg)
    return chicken_batch(np.asarray(cost_row, dtype=float), np.asarray(cost_col, dtype=float))
