"""Tests for the negotiation-sim command line (negotiation_sim.cli)."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

import negotiation_sim as ns
from negotiation_sim.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "games" / "border_standoff.nfg"


def pd_game():
    return ns.NormalFormGame.from_arrays(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Russia", "NATO"),
        actions=(("Wait", "Threaten"), ("Wait", "Threaten")), title="Dilemma")


class TestSolve:
    def test_solves_the_example_nfg(self, capsys):
        """The shipped Chicken file prints its title and both pure equilibria."""
        assert main(["solve", str(EXAMPLE), "--method", "pure"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Border standoff")
        assert "Russia plays Escalate; NATO plays De-escalate" in out
        assert "Russia plays De-escalate; NATO plays Escalate" in out

    def test_solves_json_with_a_method(self, tmp_path, capsys):
        """A .json game solved by Lemke-Howson prints the unique equilibrium."""
        path = tmp_path / "pd.json"
        ns.write_game(pd_game(), path)
        assert main(["solve", str(path), "-m", "lemke_howson"]) == 0
        out = capsys.readouterr().out
        assert "Russia plays Threaten; NATO plays Threaten" in out

    def test_missing_file(self, tmp_path, capsys):
        """A missing file is one line on stderr and exit code 2."""
        code = main(["solve", str(tmp_path / "absent.nfg")])
        err = capsys.readouterr().err
        assert code == 2
        assert err.count("\n") == 1 and "absent.nfg" in err and "Traceback" not in err

    def test_malformed_file(self, tmp_path, capsys):
        """A FormatError is reported with its line number, exit code 2."""
        path = tmp_path / "bad.nfg"
        path.write_text('NFG 1 R "x" { "a" "b" }\n{ 2 2 }\n1 2 3\n')
        assert main(["solve", str(path)]) == 2
        err = capsys.readouterr().err
        assert "FormatError" in err and "line 3" in err and err.count("\n") == 1

    def test_library_error(self, tmp_path, capsys):
        """Any NegotiationSimError (here: LP on a non-zero-sum game) is one line, exit code 2."""
        path = tmp_path / "pd.nfg"
        ns.write_game(pd_game(), path)
        assert main(["solve", str(path), "--method", "lp"]) == 2
        err = capsys.readouterr().err
        assert "UnsupportedMethodError" in err and "zero-sum" in err and err.count("\n") == 1

    def test_unknown_method_is_a_usage_error(self, capsys):
        """argparse refuses an unknown method with exit code 2 and lists the choices."""
        with pytest.raises(SystemExit) as exc:
            main(["solve", str(EXAMPLE), "--method", "magic"])
        assert exc.value.code == 2
        assert "lemke_howson" in capsys.readouterr().err


class TestHelp:
    def test_help_lists_solve(self, capsys):
        """--help describes the program and its solve command with an example."""
        with pytest.raises(SystemExit) as exc:
            main(["--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "solve" in out and "negotiation-sim solve" in out

    def test_no_command(self, capsys):
        """No command prints the usage on stderr and exits with 2."""
        assert main([]) == 2
        assert "usage" in capsys.readouterr().err

    def test_python_dash_m(self):
        """python -m negotiation_sim runs the same command."""
        res = subprocess.run([sys.executable, "-m", "negotiation_sim", "solve", str(EXAMPLE), "-m", "pure"],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert res.returncode == 0 and "2 equilibria" in res.stdout


class TestReportAndList:
    def test_report_writes_into_the_directory(self, tmp_path, capsys):
        """`report --out DIR` writes report.md, report.html and one PNG per scenario chosen."""
        out = tmp_path / "rep"
        assert main(["report", "--out", str(out), "-s", "hostage_taker", "-s", "reputation", "-q"]) == 0
        assert (out / "report.md").exists() and (out / "report.html").exists()
        assert sorted(p.name for p in out.glob("*.png")) == ["hostage_taker.png", "reputation.png"]
        assert capsys.readouterr().out == ""

    def test_report_unknown_scenario_is_one_line(self, tmp_path, capsys):
        """An unknown scenario name is a one-line error with exit code 2."""
        assert main(["report", "--out", str(tmp_path), "-s", "nope"]) == 2
        err = capsys.readouterr().err
        assert "UnknownNameError" in err and "nope" in err and err.count("\n") == 1

    def test_list_names_every_scenario(self, capsys):
        """`list` prints every scenario's name and title."""
        assert main(["list"]) == 0
        out = capsys.readouterr().out
        for name in ns.scenarios.names():
            assert name in out and ns.scenarios.get(name).title in out


class TestMachineReadable:
    """`solve --format json|csv` and reading standard input with `-`."""

    @staticmethod
    def brute_force_pure(game):
        """Every cell where each player's action is a best response (the oracle for method=pure)."""
        a, b = game.payoff_array(0), game.payoff_array(1)
        return {(r, c) for r in range(a.shape[0]) for c in range(a.shape[1])
                if a[r, c] >= a[:, c].max() - 1e-12 and b[r, c] >= b[r, :].max() - 1e-12}

    def test_json_lists_the_pure_equilibria(self, capsys):
        """The JSON names every pure equilibrium that brute force finds, with payoffs and regret."""
        import json

        assert main(["solve", str(EXAMPLE), "--method", "pure", "--format", "json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        game = ns.read_game(EXAMPLE)
        cells = set()
        for eq in doc["equilibria"]:
            r = max(range(2), key=lambda k: eq["strategies"][game.players[0]][game.actions[0][k]])
            c = max(range(2), key=lambda k: eq["strategies"][game.players[1]][game.actions[1][k]])
            cells.add((r, c))
            assert eq["pure"] and eq["regret"] <= 1e-9
            assert eq["payoffs"][game.players[0]] == pytest.approx(game.payoff_array(0)[r, c])
        assert cells == self.brute_force_pure(game)
        assert doc["complete"] is True and doc["title"] == game.title

    def test_csv_has_one_row_per_equilibrium(self, capsys):
        """The CSV parses, with one row per equilibrium and one column per player-action."""
        import csv

        assert main(["solve", str(EXAMPLE), "--format", "csv"]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        game = ns.read_game(EXAMPLE)
        assert len(rows) == len(ns.solve(game))
        for p, acts in zip(game.players, game.actions):
            for a in acts:
                assert f"{p}:{a}" in rows[0]
        for row in rows:
            total = sum(float(row[f"{game.players[0]}:{a}"]) for a in game.actions[0])
            assert total == pytest.approx(1.0)

    def test_standard_input(self):
        """`solve -` reads the game from standard input and prints what `solve FILE` prints."""
        text = EXAMPLE.read_text(encoding="utf-8")
        run = [sys.executable, "-m", "negotiation_sim", "solve"]
        from_stdin = subprocess.run([*run, "-", "-m", "pure"], input=text, capture_output=True, text=True,
                                    cwd=ROOT, timeout=60)
        from_file = subprocess.run([*run, str(EXAMPLE), "-m", "pure"], capture_output=True, text=True,
                                   cwd=ROOT, timeout=60)
        assert from_stdin.returncode == 0 and from_stdin.stdout == from_file.stdout

    def test_standard_input_that_is_not_a_game(self, monkeypatch, capsys):
        """Text that is no game format is one FormatError line, exit code 2."""
        monkeypatch.setattr(sys, "stdin", io.StringIO("hello"))
        assert main(["solve", "-"]) == 2
        err = capsys.readouterr().err
        assert "FormatError" in err and err.count("\n") == 1


class TestPage:
    def test_page_writes_and_says_where(self, tmp_path, capsys):
        """`page SCENARIO --out FILE` writes one HTML file and prints its path."""
        out = tmp_path / "talks.html"
        assert main(["page", "marathon_talks", "--out", str(out), "--points", "3"]) == 0
        assert capsys.readouterr().out.strip() == f"wrote {out}"
        text = out.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>") and 'id="slider-0"' in text

    @pytest.mark.parametrize("args, what", [
        (["page", "nope", "--out", "x.html"], "UnknownNameError"),
        (["page", "marathon_talks", "--out", "x.html", "--points", "1000"], "InvalidParameterError"),
        (["page", "marathon_talks", "--out", "x.html", "--param", "nope"], "UnknownNameError"),
    ])
    def test_errors_are_one_line(self, tmp_path, capsys, args, what, monkeypatch):
        """A bad scenario, grid size or parameter is one line on stderr, exit code 2, nothing written."""
        monkeypatch.chdir(tmp_path)
        assert main(args) == 2
        err = capsys.readouterr().err
        assert what in err and err.count("\n") == 1
        assert not (tmp_path / "x.html").exists()

    def test_report_formats_and_where(self, tmp_path, capsys):
        """`report --format pdf` writes the PDF and says where it wrote."""
        out = tmp_path / "rep"
        assert main(["report", "--out", str(out), "-s", "marathon_talks", "--format", "pdf", "--no-pages"]) == 0
        said = capsys.readouterr().out
        assert str(out / "report.pdf") in said and (out / "report.pdf").exists()
        assert not (out / "report.md").exists()


def test_solve_says_a_degeneracy_once(tmp_path, capsys):
    """The textbook entry game is degenerate: the CLI says so once (in the notes), not also as a warning."""
    from negotiation_sim.cli import main

    path = tmp_path / "entry.nfg"
    path.write_text('NFG 1 R "Entry" { "Entrant" "Incumbent" } { 2 2 }\n0 2 1 1 0 2 -1 -1\n')
    assert main(["solve", str(path)]) == 0
    out, err = capsys.readouterr()
    assert (out + err).count("The game is degenerate") == 1 and err == ""
