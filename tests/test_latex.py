"""LaTeX and TikZ export: each output compiles with a real TeX engine and says what the game says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.latex import escape

ENGINE = shutil.which("pdflatex")


def compile_tex(source: str, tmp_path) -> bytes:
    """Compile ``source`` with pdflatex; return the PDF (fail with the log's error on failure).

    Skipped only where no engine is installed and CI is not set; in CI
    (.ci/run installs TeX Live) a missing engine is a failure.
    """
    if ENGINE is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but pdflatex is not installed (.ci/run installs texlive-latex-base)")
        pytest.skip("no pdflatex on this machine (install texlive-latex-base and texlive-pictures)")
    tex = tmp_path / "doc.tex"
    tex.write_text(source, encoding="utf-8")
    run = subprocess.run([ENGINE, "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, "\n".join(line for line in run.stdout.splitlines() if line.startswith("!"))[:2000]
    pdf = (tmp_path / "doc.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    return pdf


def pdf_text(pdf: bytes) -> str:
    import io

    pypdf = pytest.importorskip("pypdf")
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def chicken():
    return ns.NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]], players=("Russia", "NATO"),
                                         actions=(("Swerve", "Straight"),) * 2, title="Chicken & co")


def test_escape_covers_the_special_characters():
    """Every LaTeX special character is escaped; an escaped name compiles (checked below)."""
    assert escape("a_b & 50% #1 {x} ~ ^ $") == r"a\_b \& 50\% \#1 \{x\} \textasciitilde{} \textasciicircum{} \$"


def test_game_to_latex_compiles_with_names_and_boxed_equilibria(tmp_path):
    """The matrix names players and actions; exactly the pure equilibria's cells are boxed."""
    g = chicken()
    eqs = ns.solve(g)
    tex = g.to_latex(eqs)
    boxed = re.findall(r"\\fbox\{\$([^$]*)\$\}", tex)
    # Oracle: the pure equilibria of Chicken are the two cells where exactly one swerves.
    assert sorted(boxed) == ["-1, 1", "1, -1"]
    assert "Mixed equilibrium 1" in tex
    text = pdf_text(compile_tex(g.to_latex(eqs, document=True), tmp_path))
    for word in ("Russia", "NATO", "Swerve", "Straight", "Chicken & co"):
        assert word in text


def test_n_player_game_gives_one_table_per_profile_of_the_others(tmp_path):
    """A 3-player game is one table per action of the third player, each compiled."""
    rng = np.random.default_rng(0)
    g = ns.NormalFormGame(rng.integers(-3, 4, size=(2, 2, 2, 3)).astype(float),
                          players=("Russia", "NATO", "France"))
    tex = g.to_latex(document=True)
    assert tex.count(r"\begin{tabular}") == 2 and "France plays A1" in tex and "France plays A2" in tex
    compile_tex(tex, tmp_path)


def test_tree_to_tikz_draws_chance_infosets_and_the_whole_strategy(tmp_path):
    """Chance probabilities, one dashed information-set link, and on- and off-path equilibrium edges."""
    t = ns.GameTree(players=("Russia", "NATO"), title="Unknown resolve")
    hi, lo = t.root.chance({"Resolved": 0.3, "Unresolved": 0.7})
    for node, resisted in ((hi, (0.5, -3)), (lo, (-1, 1))):
        threaten, quiet = node.move("Russia", ["Threaten", "Stay quiet"], infoset=f"Russia {node.action}")
        quiet.payoffs(0, 0)
        concede, resist = threaten.move("NATO", ["Concede", "Resist"], infoset="NATO after a threat")
        concede.payoffs(1, -1)
        resist.payoffs(*resisted)
    eq = ns.solve(t)[0]
    tex = t.to_tikz(eq)
    assert "Resolved ($0.3$)" in tex and "Unresolved ($0.7$)" in tex
    assert tex.count("bend left") == 1  # NATO's two nodes, one link
    assert "[$0.5$]" in tex  # NATO mixes 1/2-1/2 (by hand: the bluffer's indifference)
    compile_tex(t.to_tikz(eq, document=True), tmp_path)


def test_tree_off_path_threat_is_dashed():
    """In the entry-deterrence tree solved to Status quo, the later choices are thick and dashed."""
    t = ns.GameTree(players=("Russia", "NATO"))
    threaten, wait = t.root.move("Russia", ["Threaten", "Status quo"])
    wait.payoffs(0, 0)
    concede, resist = threaten.move("NATO", ["Concede", "Resist"])
    concede.payoffs(1, -1)
    fight, back = resist.move("Russia", ["Fight", "Back down"])
    fight.payoffs(-5, -5)
    back.payoffs(-2, 0)
    tex = t.to_tikz(ns.solve(t)[0])
    drawn = re.findall(r"\\draw\[([^\]]*)\] \(n\d+\) -- node\[[^\]]*\] \{([^}]*)\}", tex)
    styles = {label: style for style, label in drawn}
    assert "dashed" not in styles["Status quo"] and "very thick" in styles["Status quo"]
    assert "dashed" in styles["Resist"] and "dashed" in styles["Back down"]


def test_equilibria_and_result_to_latex_compile(tmp_path):
    """An equilibrium set and a solved scenario compile; yes/no outcomes read yes/no, no float noise."""
    eqs = ns.solve(chicken())
    assert eqs.to_latex().count(r"\\") >= len(eqs) + 1
    compile_tex(eqs.to_latex(document=True), tmp_path)
    result = ns.scenarios.get("security_order").solve()
    tex = result.to_latex(document=True)
    assert re.search(r"war & (yes|no)\\\\", tex)
    assert "e-1" not in tex and "Parameters and their sources" not in tex
    text = pdf_text(compile_tex(tex, tmp_path))
    assert "Explanation" in text and "Parameters" in text


@pytest.mark.parametrize("name", ns.scenarios.names())
def test_every_scenario_result_compiles(name, tmp_path):
    """Every scenario's result is valid LaTeX (quotes, percent signs and names escaped)."""
    compile_tex(ns.scenarios.get(name).solve().to_latex(document=True), tmp_path)
