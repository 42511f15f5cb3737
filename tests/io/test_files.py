"""Tests for negotiation_sim.io: JSON and Gambit .nfg files, dispatch by extension."""

import io
import json
import string
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import FormatError, UnsupportedMethodError
from negotiation_sim.io.json_format import game_from_json, game_to_json
from negotiation_sim.io.nfg import format_nfg, parse_nfg
from tests.strategies import game_trees, named_games

gbt = pytest.importorskip("pygambit")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "games" / "border_standoff.nfg"

# Gambit 17 reads the escape \\ back as three backslashes (its own files do not round-trip
# them), so names sent to Gambit avoid the backslash; quotes are escaped and kept. Gambit 17
# also refuses labels with leading/trailing or doubled whitespace.
gambit_names = st.text(alphabet=string.ascii_letters + string.digits + ' "-_.', min_size=1,
                       max_size=6).filter(lambda s: s == s.strip() and "  " not in s)


def chicken():
    return ns.NormalFormGame.from_arrays(
        [[0, -1], [1, -10]], [[0, 1], [-1, -10]], players=("Russia", "NATO"),
        actions=(("Swerve", "Straight"), ("Swerve", "Straight")), title="Chicken")


class TestRoundTrips:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(named_games())
    def test_json_exact(self, g):
        """JSON keeps payoffs (bit for bit), names and title."""
        assert game_from_json(game_to_json(g)) == g

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(named_games())
    def test_nfg_exact(self, g):
        """.nfg keeps payoffs (bit for bit), names with quotes and backslashes, and title."""
        assert parse_nfg(format_nfg(g)) == g

    @pytest.mark.parametrize("ext", [".json", ".nfg", ".JSON"])
    def test_files(self, tmp_path, ext):
        """write_game then read_game gives an equal game, for each extension."""
        path = tmp_path / f"game{ext}"
        ns.write_game(chicken(), path)
        assert ns.read_game(str(path)) == chicken()

    def test_example_file(self):
        """The shipped example is a Russia/NATO Chicken with one pure equilibrium per side escalating."""
        g = ns.read_game(EXAMPLE)
        assert g.players == ("Russia", "NATO")
        pure = ns.pure_equilibria(g)
        assert sorted(e.support(0) + e.support(1) for e in pure) == [
            ("De-escalate", "Escalate"), ("Escalate", "De-escalate")]


class TestGambitOracle:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    # Titles from the same alphabet as the names: pygambit 17 reads back a backslash escape wrongly.
    @given(named_games(max_players=4, name_strategy=gambit_names, title_strategy=st.one_of(st.just(""), gambit_names)))
    def test_gambit_reads_our_nfg(self, g):
        """pygambit's read_nfg of our file gives the same payoffs, names and title."""
        gg = gbt.read_nfg(io.StringIO(format_nfg(g)))
        assert gg.title == g.title
        assert tuple(gg.players) == g.players
        assert tuple(tuple(gg.get_strategies(p)) for p in gg.players) == g.actions
        for i, arr in enumerate(gg.to_arrays()):
            assert np.array_equal(np.asarray(arr, dtype=float), g.payoff_array(i))

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(named_games(max_players=4, name_strategy=gambit_names, title_strategy=st.one_of(st.just(""), gambit_names)))
    def test_we_read_gambits_outcome_nfg(self, g):
        """Our reader on Gambit's to_nfg() output (the outcome version) gives the same payoffs."""
        gg = gbt.StrategicGame.from_arrays(*[g.payoff_array(i) for i in range(g.n_players)],
                                           title=g.title)
        ours = parse_nfg(gg.to_nfg())
        assert ours.title == g.title
        assert np.array_equal(ours.payoffs, g.payoffs)
        assert ours.players == tuple(gg.players)

    def test_gambit_payoff_version_with_counts(self):
        """A payoff-version file with strategy counts (Gambit's documented example layout) reads the same in both."""
        text = 'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"\n{ "Player 1" "Player 2" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n'
        ours = parse_nfg(text)
        theirs = gbt.read_nfg(io.StringIO(text))
        for i, arr in enumerate(theirs.to_arrays()):
            assert np.array_equal(np.asarray(arr, dtype=float), ours.payoff_array(i))
        assert ours.actions == (("A1", "A2", "A3"), ("A1", "A2"))


class TestOutcomeVersion:
    def test_hand_written(self):
        """Outcomes are listed once and referenced by number; 0 is the null outcome (all zero).

        Contingencies in order (first player fastest): (U,L) -> 1, (D,L) -> 2, (U,R) -> 0, (D,R) -> 3.
        """
        text = (
            'NFG 1 R "Hand \\"written\\"" { "Russia" "NATO" }\n'
            '{ { "U" "D" } { "L" "R" } }\n'
            '"a comment"\n'
            '{\n'
            '{ "war" -5, -5 }\n'
            '{ "deal" 1/2 3 }\n'
            '{ "" 2.5e1, 0 }\n'
            '}\n'
            '1 2 0 3\n'
        )
        g = parse_nfg(text)
        assert g.title == 'Hand "written"'
        assert g.actions == (("U", "D"), ("L", "R"))
        expected = np.array([[[-5, -5], [0, 0]], [[0.5, 3], [25, 0]]])
        assert np.array_equal(g.payoffs, expected)


class TestMalformed:
    @pytest.mark.parametrize(
        ("text", "match"),
        [
            ("", "line 1: expected 'NFG'"),
            ('EFG 2 R "x" { "a" }', "line 1: expected 'NFG'"),
            ('NFG 2 R "x" { "a" "b" } { 1 1 }\n1 1', "line 1: expected format version 1"),
            ('NFG 1 R "x" { "a" "b" }\n{ 2 2 }\n\n1 2 3', "line 4: expected the payoff of player 2 at contingency 2"),
            ('NFG 1 R "x" { "a" "b" }\n{ 2 x }\n', "line 2: expected the number of strategies of player 2"),
            ('NFG 1 R "x" { "a" "b" }\n{ 1 1 }\n""\n1 2 3', "line 4: expected the end of the file"),
            ('NFG 1 R "x { "a" "b" }', "line 1: unexpected character|line 1: unterminated"),
            ('NFG 1 R "x" { "a" "b" }\n{ 1 1 }\n{\n{ "o" 1, 2 }\n}\n2\n', "line 6: expected an outcome number from 0 to 1"),
            ('NFG 1 R "x" { "a" "b" }\n{ 1 1 }\n{\n{ "o" 1 }\n}\n1\n', "line 4: expected the payoff of player 2 in outcome 1"),
            ('NFG 1 R "x" { "a" "a" }\n{ 1 1 }\n0 0', "invalid game.*distinct"),
            ('NFG 1 R "x" { "a" "b" }\n{ 1 1 }\n0 0 @', "line 3: unexpected character '@'"),
        ],
    )
    def test_nfg(self, text, match):
        """Malformed .nfg text raises FormatError with the failing line."""
        with pytest.raises(FormatError, match=match):
            parse_nfg(text)

    @pytest.mark.parametrize(
        ("doc", "match"),
        [
            ('{"format": "negotiation_sim.normal_form",\n "version": 1,\n "title": "",\n "players": [1, 2,', "line 4: expected valid JSON"),
            ("[1, 2]", "line 1: expected a JSON object"),
            ('{"format": "other"}', "line 1: expected format 'negotiation_sim.normal_form'"),
            ('{"format": "negotiation_sim.normal_form",\n"version": 2}', "line 2: expected version 1"),
            ('{"format": "negotiation_sim.normal_form", "version": 1, "title": ""}', "expected a 'players' field"),
        ],
    )
    def test_json(self, doc, match):
        """Malformed JSON raises FormatError with the failing line."""
        with pytest.raises(FormatError, match=match):
            game_from_json(doc)

    def test_json_invalid_game_names_the_problem(self):
        """A well-formed file of a malformed game (ragged payoffs) is a FormatError."""
        doc = json.loads(game_to_json(chicken()))
        doc["payoffs"][0][0] = [1.0]
        text = json.dumps(doc, indent=1)
        with pytest.raises(FormatError, match="line .*invalid game"):
            game_from_json(text)

    def test_unknown_extension_and_missing_file(self, tmp_path):
        """Unknown extensions are refused by name; missing files raise FileNotFoundError."""
        with pytest.raises(FormatError, match=r"'\.txt'"):
            ns.read_game(tmp_path / "game.txt")
        with pytest.raises(FileNotFoundError):
            ns.read_game(tmp_path / "absent.nfg")

    def test_only_normal_form_to_nfg(self, tmp_path):
        """Writing something other than a NormalFormGame to .nfg/.json is refused."""
        with pytest.raises(UnsupportedMethodError, match="NormalFormGame"):
            ns.write_game({"not": "a game"}, tmp_path / "x.json")

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.function_scoped_fixture])
    @given(tree=game_trees())
    def test_efg_round_trip_through_read_game(self, tmp_path, tree):
        """A GameTree written with write_game(.efg) reads back with the same strategic form."""
        path = tmp_path / "tree.efg"
        ns.write_game(tree, path)
        back = ns.read_game(path)
        assert back.players == tree.players
        assert back.to_normal_form() == tree.to_normal_form()

    def test_efg_is_routed_to_the_efg_module(self, tmp_path, monkeypatch):
        """.efg files go to negotiation_sim.io.efg (a stand-in module here), or raise a clear error."""
        import sys
        import types

        fake = types.ModuleType("negotiation_sim.io.efg")
        fake.read_efg = lambda path: ("read", Path(path).name)
        fake.write_efg = lambda game, path: Path(path).write_text("written")
        monkeypatch.setitem(sys.modules, "negotiation_sim.io.efg", fake)
        assert ns.read_game(tmp_path / "t.efg") == ("read", "t.efg")
        ns.write_game(object(), tmp_path / "t.efg")
        assert (tmp_path / "t.efg").read_text() == "written"
        monkeypatch.setitem(sys.modules, "negotiation_sim.io.efg", None)
        with pytest.raises((UnsupportedMethodError, ImportError)):
            ns.read_game(tmp_path / "t.efg")
