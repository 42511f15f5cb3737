"""Tests for negotiation_sim.games.normal_form.NormalFormGame."""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidGameError, InvalidStrategyError, UnknownNameError
from tests.strategies import n_player_games

NFG = ns.NormalFormGame


def game():
    return NFG(np.arange(12.0).reshape(2, 3, 2), players=("Russia", "NATO"),
               actions=(("Wait", "Threaten"), ("Concede", "Resist", "Escalate")), title="Crisis")


class TestPayoffValidation:
    @pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
    def test_non_finite(self, bad):
        """A non-finite payoff is refused, naming its position."""
        pay = np.zeros((2, 2, 2))
        pay[1, 0, 1] = bad
        with pytest.raises(InvalidGameError, match=r"payoffs must be finite; payoffs\[1, 0, 1\]"):
            NFG(pay)

    def test_non_finite_from_arrays(self):
        """from_arrays checks finiteness too."""
        with pytest.raises(InvalidGameError, match="payoffs must be finite"):
            NFG.from_arrays([[1, np.nan]], [[1, 2]])

    def test_ragged(self):
        """A ragged nested list is not a payoff array."""
        with pytest.raises(InvalidGameError, match="payoffs must be a numeric array"):
            NFG([[[1, 2], [3, 4]], [[5, 6]]])

    def test_non_numeric(self):
        """Strings are not payoffs."""
        with pytest.raises(InvalidGameError, match="payoffs must be a numeric array"):
            NFG([[["a", "b"]]])

    def test_too_few_dimensions(self):
        """A vector is not a game."""
        with pytest.raises(InvalidGameError, match="at least 2 dimensions, got shape \\(3,\\)"):
            NFG(np.zeros(3))

    def test_wrong_last_axis(self):
        """The last axis must have one entry per player."""
        with pytest.raises(InvalidGameError, match="last axis.*should have length 2.*not 3"):
            NFG(np.zeros((2, 2, 3)))

    def test_empty_action_set(self):
        """A player with no actions is refused, naming the player."""
        with pytest.raises(InvalidGameError, match=r"player\(s\) \[1\] have no actions"):
            NFG(np.zeros((2, 0, 2)))

    def test_payoffs_read_only_float64(self):
        """Payoffs are stored as a read-only float64 copy."""
        src = np.ones((2, 2, 2), dtype=int)
        g = NFG(src)
        assert g.payoffs.dtype == np.float64 and not g.payoffs.flags.writeable
        src[0, 0, 0] = 5
        assert g.payoffs[0, 0, 0] == 1


class TestFromArrays:
    def test_ragged(self):
        """A ragged array is named by its position."""
        with pytest.raises(InvalidGameError, match=r"arrays\[0\] \(payoffs of player 1\) is not a rectangular"):
            NFG.from_arrays([[1, 2], [3]], [[1, 2], [3, 4]])

    def test_mismatched_shapes(self):
        """All arrays must have the same shape."""
        with pytest.raises(InvalidGameError, match=r"arrays\[1\] has shape \(2, 3\) but arrays\[0\] has shape \(2, 2\)"):
            NFG.from_arrays(np.zeros((2, 2)), np.zeros((2, 3)))

    def test_wrong_dimensions(self):
        """Each array has one axis per player."""
        with pytest.raises(InvalidGameError, match=r"arrays\[1\].*must have 2 dimensions"):
            NFG.from_arrays(np.zeros((2, 2)), np.zeros((2, 2, 2)))

    @pytest.mark.parametrize("arrays", [(), ([[1, 2]],)])
    def test_too_few_arrays(self, arrays):
        """Zero or one array is not a game."""
        with pytest.raises(InvalidGameError, match="from_arrays needs one payoff array per player"):
            NFG.from_arrays(*arrays)

    def test_stacks_player_last(self):
        """payoffs[..., i] is the i-th array."""
        a, b, c = (np.random.default_rng(k).normal(size=(2, 3, 4)) for k in range(3))
        g = NFG.from_arrays(a, b, c)
        assert g.shape == (2, 3, 4) and g.n_players == 3
        assert np.array_equal(g.payoff_array(2), c)


class TestNames:
    def test_defaults(self):
        """Players default to 'Player k', actions to 'Ak'."""
        g = NFG(np.zeros((2, 3, 2)))
        assert g.players == ("Player 1", "Player 2")
        assert g.actions == (("A1", "A2"), ("A1", "A2", "A3"))

    def test_duplicate_players(self):
        """Player names must be distinct."""
        with pytest.raises(InvalidGameError, match=r"players must be distinct; duplicated: \['NATO'\]"):
            NFG(np.zeros((2, 2, 2)), players=("NATO", "NATO"))

    def test_duplicate_actions(self):
        """Action names must be distinct within a player, naming the player."""
        with pytest.raises(InvalidGameError, match=r"actions of 'NATO' must be distinct; duplicated: \['Wait'\]"):
            NFG(np.zeros((2, 2, 2)), players=("Russia", "NATO"), actions=(("a", "b"), ("Wait", "Wait")))

    def test_wrong_number_of_names(self):
        """Counts of names must match the shape."""
        with pytest.raises(InvalidGameError, match="players must have 2 names, got 3"):
            NFG(np.zeros((2, 2, 2)), players=("a", "b", "c"))
        with pytest.raises(InvalidGameError, match="actions of 'Player 1' must have 2 names, got 1"):
            NFG(np.zeros((2, 2, 2)), actions=(("a",), ("b", "c")))
        with pytest.raises(InvalidGameError, match="actions must give one sequence of action names per player"):
            NFG(np.zeros((2, 2, 2)), actions=(("a", "b"),))

    @pytest.mark.parametrize("players", [("a", 3), ("a", "")])
    def test_names_are_non_empty_strings(self, players):
        """Names must be non-empty strings."""
        with pytest.raises(InvalidGameError, match="players must be non-empty strings"):
            NFG(np.zeros((2, 2, 2)), players=players)

    def test_single_string(self):
        """A single string is not a sequence of names."""
        with pytest.raises(InvalidGameError, match="players must be a sequence of 2 names, not the single string"):
            NFG(np.zeros((2, 2, 2)), players="ab")

    def test_unknown_player(self):
        """Unknown player names and out-of-range indices are UnknownNameError, listing the players."""
        with pytest.raises(UnknownNameError, match=r"unknown player 'France'; the players are \['Russia', 'NATO'\]"):
            game().player_index("France")
        with pytest.raises(UnknownNameError, match="player index 2 is out of range"):
            game().player_index(2)
        with pytest.raises(UnknownNameError, match="player must be a name"):
            game().player_index(1.0)

    def test_unknown_action(self):
        """Unknown action names and out-of-range indices are UnknownNameError, naming the player."""
        with pytest.raises(UnknownNameError, match="unknown action 'Bluff' of 'Russia'"):
            game().action_index("Russia", "Bluff")
        with pytest.raises(UnknownNameError, match="action index 3 is out of range: 'NATO' has 3 actions"):
            game().action_index("NATO", 3)

    def test_title_none_is_empty(self):
        """title=None means no title (not the text 'None')."""
        assert NFG(np.zeros((1, 1, 2)), title=None).title == ""


class TestStrategies:
    @pytest.mark.parametrize(
        ("strategy", "match"),
        [
            ([0.5, 0.6], r"strategy of 'Russia' must sum to 1; its probabilities \[0.5, 0.6\] sum to 1.1"),
            ([0.5, 0.25, 0.25], r"strategy of 'Russia' must have 2 probabilities \(one per action\), got shape \(3,\)"),
            ([1.5, -0.5], r"strategy of 'Russia' must have finite, non-negative probabilities"),
            ([np.nan, 1.0], r"strategy of 'Russia' must have finite, non-negative probabilities"),
            (["x", "y"], r"strategy of 'Russia' must be an action name, an index or a probability vector"),
        ],
    )
    def test_bad_strategy(self, strategy, match):
        """A malformed mixed strategy is refused, naming the player and the problem."""
        with pytest.raises(InvalidStrategyError, match=match):
            game().expected_payoffs([strategy, 0])

    def test_bad_profile(self):
        """A profile needs one strategy per player."""
        with pytest.raises(InvalidStrategyError, match=r"profile must have one strategy per player \(2\), got 1"):
            game().expected_payoffs(["Wait"])
        with pytest.raises(InvalidStrategyError, match="profile must be a sequence"):
            game().expected_payoffs("Wait")

    def test_names_and_indices(self):
        """Names, indices and vectors give the same strategy."""
        g = game()
        assert np.array_equal(g.as_strategy("NATO", "Resist"), [0, 1, 0])
        assert np.array_equal(g.as_strategy(1, 1), [0, 1, 0])
        assert np.allclose(g.as_strategy("NATO", [0.2, 0.3, 0.5]), [0.2, 0.3, 0.5])


class TestExpectedPayoffs:
    def test_brute_force_three_players(self):
        """expected_payoffs equals the sum over pure profiles of prob x payoff, for random 3-player games."""
        rng = np.random.default_rng(0)
        for _ in range(30):
            shape = tuple(rng.integers(1, 4, size=3))
            g = NFG(rng.normal(size=(*shape, 3)))
            profile = [rng.dirichlet(np.ones(k)) for k in shape]
            expected = np.zeros(3)
            for idx in itertools.product(*(range(k) for k in shape)):
                prob = np.prod([profile[i][a] for i, a in enumerate(idx)])
                expected += prob * g.payoffs[idx]
            assert np.allclose(g.expected_payoffs(profile), expected, atol=1e-12)

    def test_action_values_brute_force(self):
        """action_values(profile, i)[a] is the expected payoff of i playing a against the others."""
        rng = np.random.default_rng(1)
        g = NFG(rng.normal(size=(2, 3, 4, 3)))
        profile = [rng.dirichlet(np.ones(k)) for k in g.shape]
        for i in range(3):
            for a in range(g.shape[i]):
                deviated = list(profile)
                deviated[i] = a
                assert g.action_values(profile, i)[a] == pytest.approx(g.expected_payoffs(deviated)[i])

    def test_pure_names(self):
        """Pure profiles may be given by names."""
        assert np.array_equal(game().expected_payoffs(["Threaten", "Escalate"]), game().payoffs[1, 2])


class TestVariants:
    @settings(max_examples=50, deadline=None)
    @given(n_player_games(max_players=3), st.randoms(use_true_random=False))
    def test_permute_round_trip(self, g, rnd):
        """Permuting players and actions, then applying the inverse, gives the same game back;
        payoffs travel with their names."""
        n = g.n_players
        order = list(range(n))
        rnd.shuffle(order)
        perms = []
        for k in g.shape:
            p = list(range(k))
            rnd.shuffle(p)
            perms.append(p)
        h = g.permute(players=order, actions=perms)
        # the same named profile has the same named payoffs
        for idx in itertools.product(*(range(k) for k in g.shape)):
            names = {g.players[i]: g.actions[i][a] for i, a in enumerate(idx)}
            new_idx = tuple(h.action_index(p, names[p]) for p in h.players)
            for p in h.players:
                assert h.payoffs[new_idx][h.player_index(p)] == g.payoffs[idx][g.player_index(p)]
        inverse_players = list(np.argsort(order))
        inverse_actions = [list(np.argsort(perms[order[k]])) for k in range(n)]
        assert h.permute(players=inverse_players, actions=inverse_actions) == g

    def test_permute_by_names(self):
        """Players can be given by name."""
        h = game().permute(players=["NATO", "Russia"])
        assert h.players == ("NATO", "Russia") and h.shape == (3, 2)
        assert h.payoffs[2, 1, 1] == game().payoffs[1, 2, 0]

    def test_permute_errors(self):
        """Non-permutations are refused, naming the argument."""
        with pytest.raises(InvalidGameError, match=r"players must be a permutation of range\(2\)"):
            game().permute(players=[0, 0])
        with pytest.raises(InvalidGameError, match=r"actions\[1\] must be a permutation of range\(3\)"):
            game().permute(actions=[[0, 1], [0, 1, 1]])

    def test_with_payoffs(self):
        """with_payoffs keeps names; a different shape is refused."""
        g = game().with_payoffs(np.ones((2, 3, 2)))
        assert g.players == game().players and g.title == "Crisis"
        with pytest.raises(InvalidGameError, match=r"payoffs must have the game's shape \(2, 3, 2\)"):
            game().with_payoffs(np.ones((3, 3, 2)))

    def test_zero_sum(self):
        """Zero- and constant-sum games are recognised; others are not."""
        a = np.arange(4.0).reshape(2, 2)
        assert NFG.from_arrays(a, -a).is_zero_sum()
        assert NFG.from_arrays(a, 7 - a).is_zero_sum()
        assert not NFG.from_arrays(a, a).is_zero_sum()


class TestDisplay:
    def test_to_dataframe(self):
        """One row per pure profile in lexicographic order, names then payoffs."""
        df = game().to_dataframe()
        assert list(df.columns) == ["Russia", "NATO", "payoff Russia", "payoff NATO"]
        assert len(df) == 6
        row = df.iloc[5]
        assert (row["Russia"], row["NATO"]) == ("Threaten", "Escalate")
        assert (row["payoff Russia"], row["payoff NATO"]) == (10.0, 11.0)
        assert isinstance(df, pd.DataFrame)

    def test_repr_html_contains_names(self):
        """The HTML table shows the title, players and actions (escaped)."""
        g = NFG(np.zeros((2, 2, 2)), players=("Russia", "<NATO>"), actions=(("Wait", "Threaten"), ("A&B", "C")),
                title="Crisis")
        text = g._repr_html_()
        for name in ("Crisis", "Russia", "&lt;NATO&gt;", "Wait", "Threaten", "A&amp;B"):
            assert name in text

    def test_repr_html_three_players(self):
        """Three players: one table per action of the third player, captioned with it."""
        g = NFG(np.zeros((2, 2, 2, 3)), players=("R", "N", "France"), actions=(("a", "b"), ("c", "d"), ("Mediate", "Stay out")))
        text = g._repr_html_()
        assert "France: Mediate" in text and "France: Stay out" in text

    def test_equality_and_repr(self):
        """Equal games compare equal; repr names players, shape and title."""
        assert game() == game()
        assert game() != game().with_payoffs(np.zeros((2, 3, 2)))
        assert repr(game()) == "NormalFormGame(players=('Russia', 'NATO'), shape=(2, 3), title='Crisis')"


class TestExactPayoffs:
    """NormalFormGame keeps exact payoffs (integers, Fractions, Decimals) beside the float array."""

    def test_integers_fractions_and_decimals_are_kept(self):
        """Each exact kind of entry comes back as the same Fraction."""
        from decimal import Decimal
        from fractions import Fraction

        g = ns.NormalFormGame.from_arrays([[1, Fraction(2, 7)]], [[Decimal("0.1"), -3]])
        assert g.exact_payoffs.tolist() == [[[Fraction(1), Fraction(1, 10)], [Fraction(2, 7), Fraction(-3)]]]
        assert g.payoffs[0, 1, 0] == pytest.approx(2 / 7)
        payoffs = np.array([[[1, 2], [3, 4]]])
        assert ns.NormalFormGame(payoffs).exact_payoffs.tolist() == payoffs.tolist()

    def test_floats_are_not_exact(self):
        """A float entry anywhere makes the game a float game (exact_payoffs is None)."""
        assert ns.NormalFormGame.from_arrays([[1, 0.5]], [[1, 2]]).exact_payoffs is None
        assert ns.NormalFormGame(np.zeros((1, 1, 2))).exact_payoffs is None

    def test_permute_keeps_exact_payoffs(self):
        """Reordering players and actions carries the exact payoffs along with the floats."""
        from fractions import Fraction

        g = ns.NormalFormGame.from_arrays([[Fraction(1, 3), 2], [3, 4]], [[5, 6], [7, Fraction(8, 9)]])
        p = g.permute(players=[1, 0], actions=[[1, 0], [0, 1]])
        assert np.array_equal(p.exact_payoffs.astype(float), p.payoffs)
        assert p.exact_payoffs[0, 1, 1] == Fraction(1, 3)  # the old first player's payoff at (A1, A1)

    def test_exact_payoffs_are_read_only(self):
        """The exact payoffs cannot be changed in place."""
        g = ns.NormalFormGame.from_arrays([[1, 2]], [[3, 4]])
        with pytest.raises(ValueError, match="read-only"):
            g.exact_payoffs[0, 0, 0] = 5
