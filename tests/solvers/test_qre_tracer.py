"""Tests for the logit QRE tracer's internals and its agreement with Gambit.

Independent checks, all recomputed here from the payoff tensor: the homotopy
equations H(x, lam) written out by brute force over pure profiles (their
finite-difference Jacobian is the oracle for the tracer's analytic one); the
logit fixed point at every returned path point; pygambit's ``logit_solve``
limit; and the invariances the definition implies (logit probabilities
depend on payoff differences times lam only).
"""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from tests.oracle import gambit_game, gbt
from tests.solvers.test_qre import brute_logit, brute_regret, brute_values
from tests.strategies import n_player_games

# ``negotiation_sim.solvers.qre`` the attribute is the function; the module is imported by name.
qre_module = importlib.import_module("negotiation_sim.solvers._qre")


def brute_homotopy(payoffs: np.ndarray, y: np.ndarray) -> np.ndarray:
    """H(x, lam) with the tracer's row order: sum_a exp(x_ia) - 1 for every player, then
    x_ij - x_i0 - lam (U_ij - U_i0) for every player and j > 0 (Turocy 2005)."""
    shape = payoffs.shape[:-1]
    cuts = np.cumsum(shape)[:-1]
    xs = np.split(y[:-1], cuts)
    lam = y[-1]
    sig = [np.exp(x) for x in xs]
    values = brute_values(payoffs, sig)
    sums = [s.sum() - 1.0 for s in sig]
    odds = [x[j] - x[0] - lam * (u[j] - u[0]) for x, u in zip(xs, values, strict=True) for j in range(1, len(x))]
    return np.array(sums + odds)


@st.composite
def games_and_points(draw):
    """A random 2-, 3- or 4-player game (1-3 actions each, 1-2 for 4) and a point (x, lam) near the simplex.

    Each number of players takes its own path in the tracer's Jacobian (constant,
    linear in sigma, contracted pair by pair)."""
    n_players = draw(st.integers(2, 4))
    shape = tuple(draw(st.integers(1, 3 if n_players < 4 else 2)) for _ in range(n_players))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    payoffs = rng.normal(size=(*shape, n_players))
    x = np.log(rng.uniform(0.05, 1.0, size=sum(shape)))
    lam = draw(st.floats(0.0, 20.0))
    return payoffs, np.append(x, lam)


class TestHomotopySystem:
    """The tracer's equations and their analytic Jacobian."""

    @settings(max_examples=50, deadline=None)
    @given(games_and_points())
    def test_residual_is_the_logit_homotopy(self, case):
        """The tracer's H equals the equations written out here by brute force."""
        payoffs, y = case
        system = qre_module._System(payoffs, payoffs.shape[:-1])
        np.testing.assert_allclose(system.residual(y), brute_homotopy(payoffs, y), atol=1e-12)

    @settings(max_examples=50, deadline=None)
    @given(games_and_points())
    def test_analytic_jacobian_matches_finite_differences(self, case):
        """dH/d(x, lam) agrees with central differences of the brute-force H to 1e-6."""
        payoffs, y = case
        system = qre_module._System(payoffs, payoffs.shape[:-1])
        jac = system.jacobian(y)
        eps = 1e-6
        fd = np.empty_like(jac)
        for k in range(len(y)):
            step = np.zeros_like(y)
            step[k] = eps
            fd[:, k] = (brute_homotopy(payoffs, y + step) - brute_homotopy(payoffs, y - step)) / (2 * eps)
        np.testing.assert_allclose(jac, fd, atol=1e-6 * (1 + abs(y[-1])))


def path_profiles(game, path):
    cuts = np.cumsum(game.shape)[:-1]
    probs = path.drop(columns="lam").to_numpy()
    return path["lam"].to_numpy(), [np.split(row, cuts) for row in probs]


@pytest.mark.parametrize(("shape", "seed"), [((3, 3), 0), ((3, 3), 9), ((5, 5), 1), ((3, 3, 3), 0), ((2, 3, 2), 4)])
def test_every_path_point_is_a_logit_qre(shape, seed):
    """Each returned point solves the logit equations (McKelvey & Palfrey 1995, eq. 2) at its lam.

    Two measures, both from the payoffs here: the log-odds equations
    ``log p_ij - log p_ir = lam (U_ij - U_ir)`` on the actions played, to
    ``1e-9 (1 + lam)`` of the payoff scale (beyond lam ~ 1, a backward error:
    each point is the exact QRE of a game within 1e-9 of the payoff scale);
    and ``p = logit_response(p)`` to 1e-8 up to lam = 1e3 (far out, the
    logit map multiplies any round-off in ``p`` by lam). The seeds cover pure
    limits (traced to lam ~ 20-400) and mixed ones (lam ~ 1e7).
    """
    rng = np.random.default_rng(seed)
    game = ns.NormalFormGame(rng.normal(size=(*shape, len(shape))) * 3)
    scale = float(np.max(np.abs(game.payoffs)))
    res = ns.qre_path(game)
    lams, profiles = path_profiles(game, res.path)
    assert len(lams) > 10 and lams[0] == 0.0
    for lam, prof in zip(lams, profiles, strict=True):
        for p, u in zip(prof, brute_values(game.payoffs, prof), strict=True):
            played = p > 0
            r = int(np.argmax(p))
            odds = np.log(p[played]) - np.log(p[r]) - lam * (u[played] - u[r])
            assert np.max(np.abs(odds)) <= 1e-9 * (1 + lam * scale)
        if lam * scale <= 1e3:
            again = brute_logit(game.payoffs, prof, lam)
            assert max(float(np.max(np.abs(a - b))) for a, b in zip(again, prof, strict=True)) < 1e-8
    assert lams[-1] * scale > 1e6 or res.limit.is_pure


@pytest.mark.parametrize("shape", [(3, 3), (5, 5), (3, 3, 3)])
@pytest.mark.parametrize("seed", range(3))
def test_limit_is_gambits_logit_limit(shape, seed):
    """qre_solve's equilibrium is the profile pygambit's logit_solve ends at (its regret <= 1e-8 of the range)."""
    rng = np.random.default_rng(1000 + 10 * seed + len(shape))
    payoffs = rng.normal(size=(*shape, len(shape)))
    game = ns.NormalFormGame(payoffs)
    ours = ns.solve(game, method="qre")[0]
    g = gambit_game(payoffs)
    theirs = gbt.nash.logit_solve(g, use_strategic=True).equilibrium
    probs = [np.array([float(theirs[p][s]) for s in g.get_strategies(p)]) for p in g.players]
    for a, b in zip(ours.strategies, probs, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-5)
    assert brute_regret(payoffs, ours.strategies) < 1e-9 * np.ptp(payoffs)  # polished, not just close


def test_default_stop_is_the_first_point_within_the_regret_rule():
    """Tracing stops at the first QRE whose regret is at most 1e-8 of the payoff range."""
    for seed, shape in enumerate([(3, 3), (3, 3, 3), (4, 4)]):
        rng = np.random.default_rng(77 + seed)
        game = ns.NormalFormGame(rng.normal(size=(*shape, len(shape))) * 5)
        lams, profiles = path_profiles(game, ns.qre_path(game).path)
        bound = 1e-8 * np.ptp(game.payoffs)
        regrets = [brute_regret(game.payoffs, p) for p in profiles]
        assert regrets[-1] <= 1.01 * bound
        assert min(regrets[:-1]) > 0.99 * bound


class TestInvariance:
    """Logit choice depends on lam times payoff differences: what that implies for the results.

    ``lam`` is in the game's own payoff units (the tracer divides payoffs by
    their scale internally and multiplies lam back), so multiplying every
    payoff by ``c > 0`` divides lam by ``c``, and adding a constant to a
    player's payoffs changes nothing.
    """

    @pytest.mark.parametrize("factor", [1e-3, 0.5, 7.0, 1e4])
    def test_positive_scaling_divides_lam(self, factor):
        """The QRE of c * game at lam / c is the QRE of the game at lam; the limit is the same."""
        rng = np.random.default_rng(5)
        game = ns.NormalFormGame(rng.normal(size=(3, 2, 3, 3)))
        scaled = game.with_payoffs(game.payoffs * factor)
        for lam in (0.7, 6.0):
            a, b = ns.qre(game, lam), ns.qre(scaled, lam / factor)
            for x, y in zip(a.strategies, b.strategies, strict=True):
                np.testing.assert_allclose(x, y, atol=1e-9)
        for x, y in zip(ns.qre_path(game).limit.strategies, ns.qre_path(scaled).limit.strategies, strict=True):
            np.testing.assert_allclose(x, y, atol=1e-9)

    @pytest.mark.parametrize("shift", [-50.0, 3.0, 1e3])
    def test_shifting_a_players_payoffs_changes_nothing(self, shift):
        """Adding a constant to one player's payoffs leaves every QRE and the limit unchanged."""
        rng = np.random.default_rng(6)
        game = ns.NormalFormGame(rng.normal(size=(3, 3, 2)))
        pay = game.payoffs.copy()
        pay[..., 1] += shift
        shifted = game.with_payoffs(pay)
        for lam in (0.4, 3.0):
            a, b = ns.qre(game, lam), ns.qre(shifted, lam)
            for x, y in zip(a.strategies, b.strategies, strict=True):
                np.testing.assert_allclose(x, y, atol=1e-9)
        for x, y in zip(ns.qre_path(game).limit.strategies, ns.qre_path(shifted).limit.strategies, strict=True):
            np.testing.assert_allclose(x, y, atol=1e-9)


@pytest.mark.parametrize("shape", [(3, 3), (4, 4), (2, 3, 3)])
def test_solve_and_path_give_the_same_limit(shape):
    """qre_solve (points corrected loosely, as Gambit's tracer) and qre_path reach the same equilibrium."""
    rng = np.random.default_rng(31 + len(shape))
    for _ in range(4):
        game = ns.NormalFormGame(rng.normal(size=(*shape, len(shape))))
        ours = ns.solve(game, method="qre")[0]
        for a, b in zip(ours.strategies, ns.qre_path(game).limit.strategies, strict=True):
            np.testing.assert_allclose(a, b, atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(n_player_games(min_players=2, max_players=3, max_actions=3))
def test_solve_on_degenerate_integer_games(game):
    """On tie-ridden integer games (one-action players included) qre_solve's limit is an equilibrium."""
    eqs = ns.solve(game, method="qre")
    assert len(eqs) == 1
    assert brute_regret(game.payoffs, eqs[0].strategies) <= 1e-9 * game.payoff_scale


def test_solve_out_of_steps_warns_and_returns_nothing():
    """Too few steps for the regret rule: a ConvergenceWarning naming max_steps, an empty set with a note."""
    game = ns.NormalFormGame(np.random.default_rng(1).normal(size=(3, 3, 2)))
    with pytest.warns(ns.errors.ConvergenceWarning, match="max_steps=3 ran out"):
        eqs = ns.solve(game, method="qre", max_steps=3)
    assert len(eqs) == 0 and not eqs.complete
    assert any("did not verify" in note for note in eqs.notes)


@pytest.mark.parametrize(("shape", "index"), [((10, 10), 9), ((3, 3, 3), 13)])
def test_stale_tangent_does_not_stall_the_loose_tracer(shape, index):
    """Found by the benchmark: qre_solve's loosely corrected points left a stale tangent, and every
    smaller step was rejected as a sharp turn (lam ~ 76 and ~ 18). Both games now reach the limit
    qre_path reaches, and it verifies."""
    rng = np.random.default_rng(sum(shape) * 7 + len(shape))
    payoffs = [rng.normal(size=(*shape, len(shape))) for _ in range(index + 1)][-1]
    game = ns.NormalFormGame(payoffs)
    eqs = ns.solve(game, method="qre")
    assert len(eqs) == 1
    assert brute_regret(payoffs, eqs[0].strategies) <= 1e-9 * np.ptp(payoffs)
    for a, b in zip(eqs[0].strategies, ns.qre_path(game).limit.strategies, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-12)
