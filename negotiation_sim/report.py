"""The report a teacher hands out: every article scenario solved at its defaults.

This is the main job of the ``negotiation-sim report`` command. The report
opens with the article's full citation, a summary table (each scenario's
headline outcome in words and numbers) and a table of contents; each
scenario's section then gives the article's sentence it rests on, its plot,
the outcome in words, the equilibria in words, the outcomes, its key
formulas, and its parameters (once, as a table, with their provenance).
Yes/no outcomes read yes or no and numbers carry no float noise. It is
written as Markdown (formulas in LaTeX), HTML (formulas as inline SVG: no
network is needed to view it) and PDF (through matplotlib), and links one
student page with sliders (:mod:`negotiation_sim.page`) per scenario.
"""

from __future__ import annotations

import html
import io
import os
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from negotiation_sim._prose import explanation_text, fix_quotes, format_number, outcome_text, quoted
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.scenarios._registry import get, names

__all__ = ["write_report", "Report", "ARTICLE", "article_citation", "output_directory", "FORMATS"]

#: The formats :func:`write_report` writes.
FORMATS = ("md", "html", "pdf")

#: The article the scenarios model. The stored text (``negotiation_sim/data/article.txt``) ends with its
#: author's signature; it was published as an op-ed by the Kyiv Post after the talks of Monday 7 February 2022.
ARTICLE = {
    "author": "Olivier Védrine",
    "title": "Macron faces a calculating and unbending Putin in Moscow",
    "outlet": "Kyiv Post (opinion, op-ed)",
    "date": "February 2022",
    "url": "https://www.kyivpost.com/article/opinion/op-ed/macron-faces-a-calculating-and-unbending-putin-in-moscow.html",
}

#: Outcomes named in the summary table, per scenario, with the words that say what each is.
HEADLINES: dict[str, list[tuple[str, str]]] = {
    "hostage_taker": [("p_war", "probability of war"), ("p_concede", "probability the West concedes")],
    "border_standoff": [("n_equilibria", "equilibria"), ("p_war", "probability of a collision")],
    "maximal_demand": [("demand", "Russia's demand (share)"), ("p_war", "probability of war")],
    "marathon_talks": [("share_russia", "Russia's share"), ("west_option_binds", "the West's war option binds")],
    "mediation": [("credible", "France credible as a mediator"), ("p_war_with", "probability of war")],
    "coalition_unity": [("p_resist", "probability the coalition resists"), ("attack", "Russia attacks")],
    "security_order": [("war", "preventive war now"), ("margin", "margin for war")],
    "reputation": [("deterred_crises", "crises in which Russia is deterred")],
    "european_crisis": [("n_equilibria", "equilibria"), ("p_war", "probability of war")],
    "troops_signal": [("p_war", "probability of war"), ("p_war_without_troops", "without the troops")],
    "feasible_suggestions": [("max_intervals", "most intervals cheap talk can convey"),
                             ("babbling", "talk conveys nothing")],
    "french_public": [("agreement", "agreement"), ("share_france", "France's share"),
                      ("russia_wedge_gain", "what Russia's wedge gains it")],
    "public_private": [("p_war_private", "probability of war after a private statement"),
                       ("p_war_public", "after a public one")],
    "repeated_crisis": [("restraint_threshold", "patience that sustains restraint (grim trigger)"),
                        ("restraint_sustained", "restraint sustained")],
    "six_hours": [("p_war", "probability the talks fail"), ("expected_delay", "average rounds of delay")],
    "donbas_commitment": [("war", "war"), ("min_side_payment", "side payment that would restore a deal")],
    "cornered_rat": [("takes_gamble", "Russia takes the gamble"),
                     ("takes_gamble_today", "with today's order as its reference")],
}

#: Key formulas per scenario (LaTeX), with what their symbols are; tests/test_report.py recomputes each.
FORMULAS: dict[str, tuple[list[str], str]] = {
    "hostage_taker": ([r"t = \frac{c}{w}", r"p_{\mathrm{war}} = \pi\,\frac{s}{s + a}\ \ (\pi \leq t)"],
                      "t: the West's threshold; c: concession_cost; w: war_cost_target; "
                      "pi: leverage; s: stake; a: audience_cost"),
    "maximal_demand": ([r"x^* = p + \frac{\bar c_B - c_A}{2}", r"P(\mathrm{war}) = \frac{\bar c_B - c_A}{2\,\bar c_B}"],
                       "p: win_probability; c_A: cost_a; c_B bar: cost_b_max (while the demand is interior)"),
    "marathon_talks": ([r"x_R = \frac{1 - \delta_W}{1 - \delta_R\,\delta_W}"],
                       "delta_R, delta_W: russia_patience, west_patience; Russia's share without outside options "
                       "(no_options_share_russia)"),
}


@attrs.frozen
class Report:
    """Where the report was written (a format not written is None)."""

    directory: Path
    markdown: Path | None
    html: Path | None
    images: tuple[Path, ...]
    scenarios: tuple[str, ...]
    pdf: Path | None = None
    pages: tuple[Path, ...] = ()


def article_citation(markup: str = "text") -> str:
    """The article cited in full: author, title, outlet, date and address.

    Examples
    --------
    >>> print(article_citation())
    Olivier Védrine, “Macron faces a calculating and unbending Putin in Moscow”, Kyiv Post (opinion, op-ed), February 2022. https://www.kyivpost.com/article/opinion/op-ed/macron-faces-a-calculating-and-unbending-putin-in-moscow.html
    """
    a = ARTICLE
    if markup == "md":
        return f"{a['author']}, \u201c{a['title']}\u201d, *{a['outlet']}*, {a['date']}. <{a['url']}>"
    if markup == "html":
        return (f"{html.escape(a['author'])}, \u201c{html.escape(a['title'])}\u201d, <i>{html.escape(a['outlet'])}</i>, "
                f"{html.escape(a['date'])}. <a href=\"{a['url']}\">{html.escape(a['url'])}</a>")
    return f"{a['author']}, \u201c{a['title']}\u201d, {a['outlet']}, {a['date']}. {a['url']}"


def output_directory(path: str | os.PathLike | None = None, env: str = "NEGOTIATION_SIM_OUTPUT") -> Path:
    """The directory to write into: ``path``, else ``$NEGOTIATION_SIM_OUTPUT``, else a new temporary one.

    The examples use it so that they never write into the directory they are
    run from unless told to. The directory is created.

    Examples
    --------
    >>> import tempfile
    >>> output_directory(None, env="AN_UNSET_VARIABLE").parent == Path(tempfile.gettempdir())
    True
    """
    chosen = path or os.environ.get(env)
    out = Path(chosen) if chosen else Path(tempfile.mkdtemp(prefix="negotiation_sim_"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def headline(result: Any) -> list[tuple[str, str]]:
    """The summary table's ``(words, value)`` pairs of a result (its first outcomes when not listed)."""
    name = result.scenario.name
    pairs = [(k, w) for k, w in HEADLINES.get(name, []) if k in result.outcomes]
    if not pairs:
        pairs = [(k, k.replace("_", " ")) for k in list(result.outcomes)[:2]]
    return [(words, outcome_text(result, k)) for k, words in pairs]


def _math_svg(tex: str, fontsize: int = 12) -> str:
    """A formula as inline SVG, drawn by matplotlib's mathtext (no script and no network at view time)."""
    from matplotlib.figure import Figure

    fig = Figure()
    fig.text(0, 0, f"${tex}$", fontsize=fontsize)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.02, transparent=True)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    return f'<span class="math" role="img" aria-label="{html.escape(tex)}" title="{html.escape(tex)}">{svg}</span>'


def _html_prose(text: str) -> str:
    """Escape prose, rendering its inline ``$...$`` mathematics as SVG."""
    parts = text.split("$")
    return "".join(_math_svg(p) if k % 2 else html.escape(p) for k, p in enumerate(parts))


def _md_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(v: Any) -> str:
        text = format_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _html_table(header: Sequence[str], rows: Sequence[Sequence[Any]], raw: bool = False) -> str:
    def cell(v: Any) -> str:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return html.escape(format_number(v))
        return str(v) if raw else html.escape(str(v))

    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _plot(scenario: Any, path: Path, dpi: int) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from negotiation_sim.plotting._common import fit_title, legend_covers_data, legend_off_data

    # A figure of its own (not pyplot's): nothing is left in pyplot's registry, whatever the caller's state.
    fig = Figure(figsize=(7.2, 4.6), layout="constrained")
    FigureCanvasAgg(fig)
    ax = scenario.plot(ax=fig.add_subplot())
    if legend_covers_data(ax):  # a scenario's own legend call may sit on its curves
        legend_off_data(ax, outside=True)
    fit_title(ax)
    fig.savefig(path, dpi=dpi, bbox_inches="tight")


@attrs.frozen
class _Section:
    name: str
    scenario: Any
    result: Any
    image: Path
    page: Path | None

    @property
    def explanation(self) -> str:
        return explanation_text(self.result)

    @property
    def equilibria_words(self) -> list[str]:
        eqs = self.result.equilibria
        if not len(eqs):
            return [" ".join(eqs.notes) or "Solved in closed form: there is no game to enumerate."]
        return [fix_quotes(eq.describe()) for eq in eqs]

    @property
    def outcome_rows(self) -> list[list[str]]:
        return [[k, outcome_text(self.result, k)] for k in self.result.outcomes]

    @property
    def parameter_rows(self) -> list[list[Any]]:
        sc = self.scenario
        return [[k, spec.doc, format_number(getattr(sc, k)), _provenance(spec)] for k, spec in sc.specs.items()]


def _provenance(spec: Any) -> str:
    return quoted(spec.quote) if spec.quote else f"Modelling assumption: {spec.note}"


def _section_md(s: _Section) -> str:
    sc = s.scenario
    md = [f'<a id="{s.name}"></a>', "", f"## {sc.title}", "", f"> {quoted(sc.quote)}", "",
          f"![{sc.title}]({s.image.name})", ""]
    if s.page is not None:
        md += [f"Move the parameters yourself: [{s.page.name}]({s.page.parent.name}/{s.page.name}) "
               "(opens in any browser, no Python needed).", ""]
    md += ["### In words", "", *[par + "\n" for par in s.explanation.split("\n") if par.strip()]]
    md += ["### Equilibria in words", "", *[f"{k + 1}. {w}" for k, w in enumerate(s.equilibria_words)], ""]
    md += ["### Outcomes", "", _md_table(["outcome", "value"], s.outcome_rows), ""]
    if s.name in FORMULAS:
        formulas, legend = FORMULAS[s.name]
        md += ["### Key formulas", "", *[f"$$\n{f}\n$$\n" for f in formulas], f"where {legend}.", ""]
    md += ["### Parameters", "", _md_table(["parameter", "meaning", "value", "provenance"], s.parameter_rows), ""]
    return "\n".join(md)


def _section_html(s: _Section) -> str:
    sc = s.scenario
    out = [f'<section id="{s.name}"><h2>{html.escape(sc.title)}</h2>',
           f"<blockquote>{html.escape(quoted(sc.quote))}</blockquote>",
           f'<img src="{s.image.name}" alt="{html.escape(sc.title)}">']
    if s.page is not None:
        out.append(f'<p class="page-link">Move the parameters yourself: <a href="{s.page.parent.name}/{s.page.name}">'
                   f"{html.escape(s.page.name)}</a> (opens in any browser, no Python needed).</p>")
    out.append("<h3>In words</h3>")
    out += [f"<p>{_html_prose(par)}</p>" for par in s.explanation.split("\n") if par.strip()]
    out.append("<h3>Equilibria in words</h3><ol>" +
               "".join(f"<li>{html.escape(w)}</li>" for w in s.equilibria_words) + "</ol>")
    out += ["<h3>Outcomes</h3>", _html_table(["outcome", "value"], s.outcome_rows)]
    if s.name in FORMULAS:
        formulas, legend = FORMULAS[s.name]
        out.append("<h3>Key formulas</h3>" + "".join(f'<p class="formula">{_math_svg(f, 14)}</p>' for f in formulas))
        out.append(f"<p>where {html.escape(legend)}.</p>")
    out += ["<h3>Parameters</h3>", _html_table(["parameter", "meaning", "value", "provenance"], s.parameter_rows),
            "</section>"]
    return "\n".join(out)


_TITLE = "negotiation_sim report: the article's scenarios"
_INTRO = ("Each scenario of the crisis told in the article (Macron's six hours with Putin; Russia bargaining "
          "\u201clike a hostage-taker\u201d) solved at its default parameters. Every equilibrium listed was "
          "verified (its regret, the most a player could gain by deviating, is below tolerance).")
_CSS = ("body{font-family:sans-serif;max-width:62em;margin:auto;padding:0 1em;line-height:1.45}"
        "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:3px 6px;vertical-align:top}"
        "img{max-width:100%}blockquote{color:#444;border-left:3px solid #bbb;margin-left:0;padding-left:1em}"
        ".math svg{vertical-align:middle;height:1.3em;width:auto}.formula .math svg{height:2.6em}"
        "nav ol{columns:2}section{border-top:1px solid #ccc;margin-top:2em}")


def _summary_rows(sections: Sequence[_Section], link: str) -> list[list[str]]:
    rows = []
    for s in sections:
        words = "; ".join(f"{w}: {v}" for w, v in headline(s.result))
        title = s.scenario.title
        if link == "md":
            title = f"[{title}](#{s.name})"
        elif link == "html":
            title = f'<a href="#{s.name}">{html.escape(title)}</a>'
        rows.append([title, html.escape(words) if link == "html" else words])
    return rows


def _write_md(sections: Sequence[_Section], path: Path) -> None:
    md = [f"# {_TITLE}", "", _INTRO, "", f"The article: {article_citation('md')}", "",
          "## Summary", "", _md_table(["scenario", "headline outcome"], _summary_rows(sections, "md")), "",
          "## Contents", "", *[f"{k + 1}. [{s.scenario.title}](#{s.name})" for k, s in enumerate(sections)], ""]
    md += [_section_md(s) for s in sections]
    path.write_text("\n".join(md), encoding="utf-8")


def _write_html(sections: Sequence[_Section], path: Path) -> None:
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(_TITLE)}</title>"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{_CSS}</style></head><body>",
             f"<h1>{html.escape(_TITLE)}</h1>", f"<p>{html.escape(_INTRO)}</p>",
             f"<p class='citation'>The article: {article_citation('html')}</p>",
             "<h2 id='summary'>Summary</h2>",
             _html_table(["scenario", "headline outcome"], _summary_rows(sections, "html"), raw=True),
             "<nav><h2>Contents</h2><ol>" +
             "".join(f'<li><a href="#{s.name}">{html.escape(s.scenario.title)}</a></li>' for s in sections) +
             "</ol></nav>"]
    parts += [_section_html(s) for s in sections]
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def _wrap(text: str, width: int = 100) -> str:
    return "\n".join(textwrap.fill(par, width) for par in text.split("\n") if par.strip())


def _write_pdf(sections: Sequence[_Section], path: Path) -> None:
    """One A4 page of contents and summary, then one page per scenario (text above its plot)."""
    import matplotlib.image as mpimg
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with PdfPages(path) as pdf:
        fig = Figure(figsize=(8.27, 11.69))
        summary = "\n".join(f"{k + 1}. {s.scenario.title}\n     " + "; ".join(f"{w}: {v}" for w, v in headline(s.result))
                            for k, s in enumerate(sections))
        fig.text(0.07, 0.95, _TITLE, fontsize=15, weight="bold", va="top")
        fig.text(0.07, 0.91, _wrap(_INTRO, 105) + "\n\nThe article: " + _wrap(article_citation(), 105),
                 fontsize=8.5, va="top")
        fig.text(0.07, 0.78, "Contents and summary (one page per scenario follows)", fontsize=11, weight="bold")
        fig.text(0.07, 0.76, summary, fontsize=8.5, va="top", linespacing=1.5)
        pdf.savefig(fig)
        for k, s in enumerate(sections):
            fig = Figure(figsize=(8.27, 11.69))
            fig.text(0.07, 0.965, f"{k + 1}. {s.scenario.title}", fontsize=12, weight="bold", va="top")
            words = ["In words", _wrap(s.explanation.replace("$", ""), 110), "",
                     "Outcomes: " + "; ".join(f"{k2} {v}" for k2, v in s.outcome_rows), "",
                     "Parameters: " + "; ".join(f"{r[0]} = {r[2]}" for r in s.parameter_rows)]
            fig.text(0.07, 0.94, _wrap("\n".join(words), 115), fontsize=7.5, va="top", linespacing=1.4)
            ax = fig.add_axes((0.07, 0.04, 0.86, 0.42))
            ax.imshow(mpimg.imread(s.image))
            ax.set_axis_off()
            pdf.savefig(fig)


def _parse_formats(formats: str | Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in (formats.split(",") if isinstance(formats, str) else formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        msg = f"formats must be some of {', '.join(FORMATS)} (comma-separated), got {formats!r}"
        raise InvalidParameterError(msg)
    return chosen


def write_report(out: str | Path = "report", scenarios: Sequence[str] | None = None, progress: bool = False,
                 dpi: int = 110, formats: str | Sequence[str] = ("md", "html"), pages: bool = True) -> Report:
    """Solve every scenario at its defaults and write the report (Markdown, HTML, PDF) with PNG plots.

    Parameters
    ----------
    out : path
        The directory to write into (created if needed).
    scenarios : sequence of str, optional
        Which scenarios (default: all of ``ns.scenarios.names()``).
    progress : bool
        Show a progress bar over the scenarios.
    dpi : int
        Resolution of the PNG plots.
    formats : str or sequence of str, default ("md", "html")
        Any of ``"md"``, ``"html"`` and ``"pdf"`` (a string may list them, comma-separated).
    pages : bool, default True
        Also write one student page with sliders per scenario into ``out/pages``
        (:func:`negotiation_sim.page.write_page`), linked from its section.

    Returns
    -------
    Report
        The paths written.

    Raises
    ------
    InvalidParameterError
        If ``formats`` names an unknown format.
    UnknownNameError
        If a scenario name is not known.
    """
    from tqdm.auto import tqdm

    chosen_formats = _parse_formats(formats)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = list(names() if scenarios is None else scenarios)
    sections = []
    for name in tqdm(chosen, disable=not progress, desc="scenarios"):
        scenario = get(name)
        image = out_dir / f"{name}.png"
        _plot(scenario, image, dpi)
        page = None
        if pages:
            from negotiation_sim.page import write_page

            page = write_page(scenario, out_dir / "pages" / f"{name}.html")
        sections.append(_Section(name, scenario, scenario.solve(), image, page))
    md_path = out_dir / "report.md" if "md" in chosen_formats else None
    html_path = out_dir / "report.html" if "html" in chosen_formats else None
    pdf_path = out_dir / "report.pdf" if "pdf" in chosen_formats else None
    if md_path:
        _write_md(sections, md_path)
    if html_path:
        _write_html(sections, html_path)
    if pdf_path:
        _write_pdf(sections, pdf_path)
    return Report(out_dir, md_path, html_path, tuple(s.image for s in sections), tuple(chosen), pdf_path,
                  tuple(s.page for s in sections if s.page is not None))
