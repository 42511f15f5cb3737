"""The report a teacher hands out: every scenario, summary, contents, citation, clean numbers, MD/HTML/PDF."""

from __future__ import annotations

import io
import re
import struct

import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.report import ARTICLE, FORMULAS, write_report

NAMES = ns.scenarios.names()


def png_size(path):
    """Width and height from a PNG's IHDR chunk (and a check of its signature)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return write_report(tmp_path_factory.mktemp("report"), formats="md,html,pdf", pages=False)


@pytest.fixture(scope="module")
def md(report):
    return report.markdown.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def htm(report):
    return report.html.read_text(encoding="utf-8")


def test_report_has_every_scenario_and_real_images(report, md, htm):
    """report.md and report.html name every scenario and link an image of sensible size for each."""
    assert report.scenarios == tuple(NAMES)
    for name in NAMES:
        scenario = ns.scenarios.get(name)
        assert scenario.title in md and f"{name}.png" in md
        assert f'src="{name}.png"' in htm
        width, height = png_size(report.directory / f"{name}.png")
        assert 300 <= width <= 3000 and 200 <= height <= 3000
        assert (report.directory / f"{name}.png").stat().st_size > 5000
    assert "What would change it" in md and "<table>" in htm


def test_summary_and_contents_link_every_section(md, htm):
    """A summary table and a table of contents come first, each linking every section's anchor."""
    summary, contents = md.index("## Summary"), md.index("## Contents")
    first_section = md.index('<a id="')
    assert summary < contents < first_section
    for name in NAMES:
        title = ns.scenarios.get(name).title
        assert md[summary:first_section].count(f"[{title}](#{name})") == 2  # summary row and contents entry
        assert f'<a id="{name}"></a>' in md and f'<section id="{name}">' in htm
        assert htm.count(f'href="#{name}"') == 2


def test_summary_states_each_headline_in_words_and_numbers(md):
    """Each summary row gives the headline outcomes with their values, as the section's outcomes table does."""
    table = md[md.index("## Summary"):md.index("## Contents")]
    result = ns.scenarios.get("maximal_demand").solve()
    demand = result.outcomes["demand"]
    # The closed form recomputed: x* = p + (c_max - c_A) / 2 with the defaults 0.6, 0.5, 0.1.
    assert demand == pytest.approx(0.6 + (0.5 - 0.1) / 2)
    assert "Russia's demand (share): 0.8" in table
    assert re.search(r"probability of war: 0\.2\b", table)  # hostage_taker's p_war at the defaults


def test_parameters_are_listed_once_not_in_the_explanation(md):
    """The explanation no longer repeats the parameter list; the parameters table lists each parameter once."""
    assert "Parameters and their sources" not in md
    for name in NAMES:
        sc = ns.scenarios.get(name)
        start = md.index(f'<a id="{name}"></a>')
        end = md.find('<a id="', start + 1)
        section = md[start:end if end > 0 else None]
        for param in sc.specs:
            assert section.count(f"| {param} |") == 1, (name, param)
            assert f"- {param} = " not in section


def test_yes_no_outcomes_and_no_float_noise(md, htm):
    """Booleans read yes/no (from the model's own bool); no number shows float noise."""
    sol = ns.scenarios.get("security_order").solve().solution
    assert isinstance(sol.war, bool)
    assert f"| war | {'yes' if sol.war else 'no'} |" in md
    talks = ns.scenarios.get("marathon_talks").solve().solution
    assert isinstance(talks.option_binds, bool)  # the West's option, reported as west_option_binds
    assert f"| west_option_binds | {'yes' if talks.option_binds else 'no'} |" in md
    body = md.replace(ARTICLE["url"], "")
    noise = r"\d\.\d{7,}|\de-\d"  # round-off digits or exponent notation, in prose or tables
    assert not re.search(noise, body), re.search(r".{30}(" + noise + ").{10}", body)
    assert not re.search(noise, re.sub(r"<svg.*?</svg>", "", htm, flags=re.S))
    cells = [line for line in md.splitlines() if line.startswith("| ")]
    assert not any(re.search(r"\d\.\d{5,}", line) for line in cells)  # tables: at most four decimals


def test_prose_has_no_python_notation_or_doubled_quotes(md):
    """``b**n`` is typeset as mathematics and quotation marks are never doubled."""
    assert "**n" not in md and "b**" not in md
    assert "\u201c\u201c" not in md and "\u201d\u201d" not in md


def test_article_cited_in_full_everywhere(report, md, htm):
    """Author, title, outlet and date of the article appear in every format."""
    from tests.test_latex import pdf_text

    text = pdf_text(report.pdf.read_bytes())
    for part in (ARTICLE["author"], ARTICLE["title"], "Kyiv Post", ARTICLE["date"]):
        assert part in md and part in htm
        assert part in text.replace("\n", " ")


def test_pdf_has_a_page_per_scenario(report):
    """The PDF (read back with pypdf) has a contents page and one page per scenario, titled."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(report.pdf.read_bytes()))
    assert len(reader.pages) == 1 + len(NAMES)
    for k, name in enumerate(NAMES):
        page = " ".join(reader.pages[k + 1].extract_text().split())
        assert ns.scenarios.get(name).title.split(":")[0] in page


def test_formulas_render_in_both_formats(md, htm):
    """Key formulas are LaTeX display maths in Markdown and inline SVG (no script, no network) in HTML."""
    for formulas, _ in FORMULAS.values():
        for tex in formulas:
            assert f"$$\n{tex}\n$$" in md
    assert htm.count('class="formula"') == sum(len(f) for f, _ in FORMULAS.values())
    assert "<script" not in htm and "<svg" in htm


@pytest.mark.parametrize("changes", [{}, {"leverage": 0.1, "audience_cost": 0.8, "concession_cost": 0.3}])
def test_hostage_taker_formulas_hold(changes):
    """t = c / w and, below t, p_war = pi s / (s + a): recomputed from the parameters (MODELS.md)."""
    sc = ns.scenarios.get("hostage_taker", **changes)
    out = sc.solve().outcomes
    t = sc.concession_cost / sc.war_cost_target
    assert out["threshold"] == pytest.approx(t)
    assert sc.leverage <= t
    assert out["p_war"] == pytest.approx(sc.leverage * sc.stake / (sc.stake + sc.audience_cost))


@pytest.mark.parametrize("changes", [{}, {"win_probability": 0.4, "cost_a": 0.05, "cost_b_max": 0.3}])
def test_maximal_demand_formulas_hold(changes):
    """x* = p + (c_max - c_A)/2 and P(war) = (c_max - c_A) / (2 c_max) at interior demands."""
    sc = ns.scenarios.get("maximal_demand", **changes)
    out = sc.solve().outcomes
    p, ca, cm = sc.win_probability, sc.cost_a, sc.cost_b_max
    assert out["demand"] == pytest.approx(p + (cm - ca) / 2)
    assert out["p_war"] == pytest.approx((cm - ca) / (2 * cm))


@pytest.mark.parametrize("changes", [{}, {"russia_patience": 0.5, "west_patience": 0.6}])
def test_marathon_talks_formula_holds(changes):
    """Russia's share (1 - d_W) / (1 - d_R d_W) without outside options (Rubinstein 1982)."""
    sc = ns.scenarios.get("marathon_talks", **changes)
    out = sc.solve().outcomes
    dr, dw = sc.russia_patience, sc.west_patience
    assert out["no_options_share_russia"] == pytest.approx((1 - dw) / (1 - dr * dw))


def test_unknown_format_is_refused(tmp_path):
    """An unknown format is an InvalidParameterError naming the formats."""
    with pytest.raises(InvalidParameterError, match="md, html, pdf"):
        write_report(tmp_path, scenarios=["marathon_talks"], formats="md,docx")


def test_only_the_formats_asked_for(tmp_path):
    """formats='pdf' writes the PDF and the plots, and no Markdown or HTML."""
    report = write_report(tmp_path, scenarios=["marathon_talks"], formats="pdf", pages=False)
    assert report.markdown is None and report.html is None
    assert report.pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["marathon_talks.png", "report.pdf"]


def test_every_scenario_has_headline_words():
    """The summary names each scenario's headline outcomes in words (never a raw key), and yes/no
    outcomes are 0/1 answers."""
    import negotiation_sim as ns
    from negotiation_sim._prose import YES_NO_OUTCOMES
    from negotiation_sim.report import HEADLINES

    assert set(HEADLINES) == set(ns.scenarios.names())
    for name in ns.scenarios.names():
        outcomes = ns.scenarios.get(name).solve().outcomes
        for key, _words in HEADLINES[name]:
            assert key in outcomes, (name, key)
            if key in YES_NO_OUTCOMES:
                assert outcomes[key] in (0.0, 1.0), (name, key)
