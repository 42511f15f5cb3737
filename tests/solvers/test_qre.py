"""Tests for the logit QRE tracer (negotiation_sim.solvers.qre).

Independent checks: the logit fixed point is recomputed here by brute force
over pure profiles; limits are checked against closed forms (symmetric
Chicken, matching pennies), against Gambit's exact enumeration (2 players)
and against pygambit's own logit tracer at moderate precision.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, UnsupportedMethodError
from tests.oracle import enummixed, gambit_game, gbt
from tests.strategies import n_player_games

# A 2x2x2 game whose principal branch turns back in lam (found by a seeded search).
TURNING = np.array(
    [[[[-0.1, -0.5, 0.7], [1.1, 0.8, 2.0]], [[1.1, 1.3, -0.5], [0.1, 0.6, -0.0]]],
     [[[0.3, 0.4, 0.8], [-0.1, -0.3, -0.8]], [[-0.9, 1.2, -0.1], [0.8, -1.3, -1.9]]]]
)


def brute_values(payoffs: np.ndarray, profile) -> list[np.ndarray]:
    """Each player's action values by summing over every pure profile."""
    shape = payoffs.shape[:-1]
    out = [np.zeros(k) for k in shape]
    for idx in itertools.product(*(range(k) for k in shape)):
        for i in range(len(shape)):
            weight = np.prod([profile[j][idx[j]] for j in range(len(shape)) if j != i])
            out[i][idx[i]] += weight * payoffs[idx + (i,)]
    return out


def brute_logit(payoffs, profile, lam):
    """The logit response, written from McKelvey & Palfrey (1995) eq. (2)."""
    res = []
    for u in brute_values(payoffs, profile):
        w = np.exp(lam * u - np.max(lam * u))
        res.append(w / w.sum())
    return res


def brute_regret(payoffs, profile) -> float:
    return max(float(u.max() - u @ s) for u, s in zip(brute_values(payoffs, profile), profile, strict=True))


def chicken(R, S, T, P):
    A = np.array([[R, S], [T, P]], dtype=float)
    return ns.NormalFormGame.from_arrays(A, A.T, actions=(("Swerve", "Straight"),) * 2)


MATCHING_PENNIES = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def random_game(rng, n_players, max_actions=3):
    shape = tuple(int(k) for k in rng.integers(2, max_actions + 1, size=n_players))
    return ns.NormalFormGame(rng.normal(size=(*shape, n_players)))


class TestFixedPoint:
    """``qre`` returns a logit fixed point on the principal branch."""

    @pytest.mark.parametrize("lam", [0.1, 0.5, 1.0, 3.0, 10.0, 50.0])
    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_fixed_point_random_3_player(self, lam, seed):
        """The profile equals its own logit response (recomputed by brute force) to 1e-10."""
        game = random_game(np.random.default_rng(seed), 3)
        res = ns.qre(game, lam)
        assert res.converged and res.lam == pytest.approx(lam)
        again = brute_logit(game.payoffs, res.strategies, lam)
        assert max(np.max(np.abs(a - b)) for a, b in zip(again, res.strategies, strict=True)) < 1e-10

    @pytest.mark.parametrize("lam", [0.2, 0.5, 0.6, 2.0, 100.0])
    def test_fixed_point_chicken_through_the_pitchfork(self, lam):
        """Before and after the pitchfork (near lam 0.5) the QRE of Chicken is symmetric and exact."""
        game = chicken(0, -1, 1, -10)
        res = ns.qre(game, lam)
        again = brute_logit(game.payoffs, res.strategies, lam)
        assert max(np.max(np.abs(a - b)) for a, b in zip(again, res.strategies, strict=True)) < 1e-10
        np.testing.assert_allclose(res.strategies[0], res.strategies[1], atol=1e-10)

    def test_lam_zero_is_uniform(self):
        """At lam = 0 everyone mixes uniformly."""
        game = random_game(np.random.default_rng(7), 4)
        res = ns.qre(game, 0.0)
        for s, k in zip(res.strategies, game.shape, strict=True):
            np.testing.assert_allclose(s, np.full(k, 1 / k), atol=1e-15)

    def test_scale_invariance(self):
        """Multiplying payoffs by 1000 and dividing lam by 1000 gives the same QRE."""
        game = random_game(np.random.default_rng(11), 3)
        big = game.with_payoffs(game.payoffs * 1000)
        a, b = ns.qre(game, 4.0), ns.qre(big, 0.004)
        for x, y in zip(a.strategies, b.strategies, strict=True):
            np.testing.assert_allclose(x, y, atol=1e-10)

    @pytest.mark.parametrize("lam", [0.5, 2.0, 5.0])
    @pytest.mark.parametrize("seed", [0, 1, 2, 3])
    def test_matches_pygambit_logit(self, lam, seed):
        """pygambit's logit_solve_lambda (strategic form) agrees at moderate lam."""
        game = random_game(np.random.default_rng(100 + seed), 2 + seed % 2)
        g = gambit_game(game.payoffs)
        theirs = gbt.qre.logit_solve_lambda(g, [lam], use_strategic=True)[0]
        assert theirs.lam == pytest.approx(lam, rel=1e-6)
        probs = [np.array([float(theirs.profile[p][s]) for s in g.get_strategies(p)]) for p in g.players]
        ours = ns.qre(game, lam)
        for x, y in zip(ours.strategies, probs, strict=True):
            np.testing.assert_allclose(x, y, atol=1e-6)

    def test_turning_point(self):
        """A branch that turns back in lam is followed; every path point is a QRE at its lam."""
        game = ns.NormalFormGame(TURNING)
        res = ns.qre_path(game)
        lam = res.path["lam"].to_numpy()
        assert np.min(np.diff(lam)) < -0.05  # the branch really turns back
        probs = res.path.drop(columns="lam").to_numpy()
        cuts = np.cumsum(game.shape)[:-1]
        for row_lam, row in zip(lam[::5], probs[::5], strict=True):
            prof = np.split(row, cuts)
            again = brute_logit(game.payoffs, prof, row_lam)
            assert max(np.max(np.abs(a - b)) for a, b in zip(again, prof, strict=True)) < 1e-7
        assert brute_regret(game.payoffs, res.limit.strategies) < 1e-9


class TestLimit:
    """``qre_path`` ends at a verified Nash equilibrium."""

    @pytest.mark.parametrize("params", [(0, -1, 1, -10), (3, 1, 4, 0), (6, 2, 7, 0), (-1, -2, 5, -20)])
    def test_symmetric_chicken(self, params):
        """The principal branch stays symmetric through the pitchfork to p = (S-P)/(S-P+T-R).

        (pygambit 17's logit_solve stops at this bifurcation without an equilibrium.)
        """
        R, S, T, P = params
        res = ns.qre_path(chicken(*params))
        p = (S - P) / (S - P + T - R)
        assert res.converged
        for s in res.limit.strategies:
            np.testing.assert_allclose(s, [p, 1 - p], atol=1e-9)
        assert brute_regret(chicken(*params).payoffs, res.limit.strategies) < 1e-6

    def test_matching_pennies(self):
        """Matching pennies leads to (1/2, 1/2) for both players."""
        res = ns.qre_path(MATCHING_PENNIES)
        for s in res.limit.strategies:
            np.testing.assert_allclose(s, [0.5, 0.5], atol=1e-12)

    def test_random_3_and_4_player_games(self):
        """100 seeded random games (2-3 actions each): the limit's brute-force regret is < 1e-6."""
        rng = np.random.default_rng(2024)
        mixed = 0
        for k in range(100):
            game = random_game(rng, 3 if k < 60 else 4)
            res = ns.qre_path(game)
            assert res.converged, k
            assert brute_regret(game.payoffs, res.limit.strategies) < 1e-6, k
            mixed += not res.limit.is_pure
        assert mixed >= 20  # the test exercises mixed limits, not only pure ones

    @pytest.mark.parametrize("seed", range(15))
    def test_two_player_limit_is_a_gambit_equilibrium(self, seed):
        """On 2-player games the limit is one of Gambit's enummixed equilibria."""
        rng = np.random.default_rng(500 + seed)
        game = ns.NormalFormGame(rng.integers(-5, 6, size=(3, 3, 2)) + rng.normal(scale=0.01, size=(3, 3, 2)))
        res = ns.qre_path(game)
        theirs = enummixed(game.payoffs)
        assert any(
            all(np.allclose(a, np.asarray(b, dtype=float), atol=1e-8) for a, b in zip(res.limit.strategies, t, strict=True))
            for t in theirs
        )

    @settings(max_examples=30, deadline=None)
    @given(n_player_games(min_players=2, max_players=3, max_actions=3))
    def test_degenerate_integer_games(self, game):
        """On tie-ridden integer games (one-action players included) the limit is an equilibrium."""
        res = ns.qre_path(game)
        assert res.converged
        assert brute_regret(game.payoffs, res.limit.strategies) <= 1e-9 * game.payoff_scale


class TestPathAndSolve:
    """The path frame, the solve() entry point and bad input."""

    def test_path_frame(self):
        """Columns are lam then Player:Action; the first row is uniform play at lam 0."""
        game = chicken(0, -1, 1, -10)
        res = ns.qre_path(game, lam_max=50.0)
        assert list(res.path.columns) == [
            "lam", "Player 1:Swerve", "Player 1:Straight", "Player 2:Swerve", "Player 2:Straight"]
        assert res.path["lam"].iloc[0] == 0.0 and res.path["lam"].iloc[-1] == pytest.approx(50.0)
        np.testing.assert_allclose(res.path.iloc[0, 1:], 0.5)
        assert res.n_iter == len(res.path) - 1 and res.method == "logit_qre"

    def test_solve_qre(self):
        """solve(method='qre') gives the traced limit in an incomplete set."""
        eqs = ns.solve(chicken(0, -1, 1, -10), method="qre")
        assert len(eqs) == 1 and not eqs.complete
        np.testing.assert_allclose(eqs[0].strategies[0], [0.9, 0.1])

    def test_frozen(self):
        """Results are frozen."""
        res = ns.qre(MATCHING_PENNIES, 1.0)
        with pytest.raises(AttributeError):
            res.lam = 2.0
        with pytest.raises(ValueError):
            res.strategies[0][0] = 1.0

    @pytest.mark.parametrize("lam", [-1.0, np.nan, np.inf, "big"])
    def test_bad_lam(self, lam):
        """A negative, non-finite or non-numeric lam is refused, naming lam."""
        with pytest.raises(InvalidParameterError, match="lam"):
            ns.qre(MATCHING_PENNIES, lam)

    def test_bad_options(self):
        """Bad lam_max, max_steps and game types are refused by name."""
        with pytest.raises(InvalidParameterError, match="lam_max"):
            ns.qre_path(MATCHING_PENNIES, lam_max=0)
        with pytest.raises(InvalidParameterError, match="max_steps"):
            ns.qre_path(MATCHING_PENNIES, max_steps=0)
        with pytest.raises(UnsupportedMethodError, match="game"):
            ns.qre([[1, 0], [0, 1]], 1.0)

    def test_too_few_steps_warns(self):
        """Running out of steps warns and reports converged=False."""
        with pytest.warns(ns.errors.ConvergenceWarning, match="stopped"):
            res = ns.qre(chicken(0, -1, 1, -10), 100.0, max_steps=3)
        assert not res.converged


def test_stalled_branch_in_a_degenerate_game_still_gives_its_limit():
    """Found by hypothesis: the corrector stalls far out (lam ~ 1e3), where the branch has settled.

    Player 2's second and third actions are payoff-identical to everyone, so the
    branch keeps them equal; player 3 is then indifferent at (1/2, 1/2) and player
    2's first action costs it -1/2. The limit is ((1), (0, 1/2, 1/2), (1/2, 1/2)).
    """
    payoffs = np.zeros((1, 3, 2, 3))
    payoffs[0, 0, 1] = (0, -1, 0)
    payoffs[0, 1, 1] = (0, 0, 1)
    payoffs[0, 2, 1] = (0, 0, -1)
    res = ns.qre_path(ns.NormalFormGame(payoffs))
    assert res.converged
    np.testing.assert_allclose(res.limit.strategies[1], [0, 0.5, 0.5], atol=1e-12)
    np.testing.assert_allclose(res.limit.strategies[2], [0.5, 0.5], atol=1e-12)
