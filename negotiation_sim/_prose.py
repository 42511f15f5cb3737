"""Text shared by the report, the LaTeX export and the student page: numbers, yes/no, quotes, prose.

The scenario explanations are written for a console; these helpers make them
fit for a handout: the parameter list that ``provenance_text`` appends is cut
(the handout prints the parameters once, as a table), Python notation such as
``b**n`` becomes mathematics, nested quotation marks are typeset properly,
yes/no outcomes say yes or no, and numbers never show float noise.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["explanation_text", "fix_quotes", "format_number", "is_yes_no", "outcome_text", "power_to_tex",
           "quoted"]

#: The line with which ``Scenario.provenance_text`` is appended to explanations.
_PARAMETERS_HEAD = "Parameters and their sources:"
_POWER = re.compile(r"\b([A-Za-z_][A-Za-z_0-9]*|\d+(?:\.\d+)?)\*\*\(?([A-Za-z_0-9.+\- ]+?)\)?(?=[\s.,;:)]|$)")


def format_number(value: Any) -> str:
    """A number for a reader: exact decimals as such, else a small fraction, else four decimals; no float noise.

    Examples
    --------
    >>> format_number(9.251859e-18), format_number(1 / 3), format_number(0.35714285714285715)
    ('0', '1/3', '5/14')
    >>> format_number(2.0), format_number(-0.25), format_number(1.5444271909999159), format_number(float("nan"))
    ('2', '-0.25', '1.5444', 'undefined')
    """
    value = float(value)
    if not math.isfinite(value):
        return "undefined" if math.isnan(value) else ("infinite" if value > 0 else "minus infinite")
    text = format_prob(value)  # cleans round-off below 1e-12 and rounds to 4 decimals
    if abs(float(text) - value) < 1e-9:
        return text  # the decimal is exact: 0.25, 2, 0
    frac = Fraction(value).limit_denominator(24)
    if abs(float(frac) - value) < 1e-9:
        return f"{frac.numerator}/{frac.denominator}"
    return text


#: Outcome names that are yes/no answers (stored as 0 or 1) where the model's solution has no bool of that name.
YES_NO_OUTCOMES = frozenset({"agreement", "attack", "babbling", "constraint_binds", "credible", "feasible",
                             "option_binds", "preventive_war", "range_empty", "restraint_sustained",
                             "russia_option_binds", "takes_gamble", "takes_gamble_1997", "takes_gamble_today",
                             "war", "war_indivisible", "west_option_binds"})


def is_yes_no(result: Any, key: str) -> bool:
    """Whether the outcome ``key`` of ``result`` is a yes/no answer: a bool on the model's solution, or a
    0/1 outcome named in :data:`YES_NO_OUTCOMES`."""
    if isinstance(getattr(getattr(result, "solution", None), key, None), bool):
        return True
    return key in YES_NO_OUTCOMES and result.outcomes[key] in (0.0, 1.0)


def outcome_text(result: Any, key: str) -> str:
    """The outcome's value for a reader: ``yes``/``no`` for booleans, else :func:`format_number`."""
    value = result.outcomes[key]
    if is_yes_no(result, key):
        return "yes" if value else "no"
    return format_number(value)


def fix_quotes(text: str) -> str:
    """Typeset quotation marks: a quote ending in a quote gets single inner marks; no doubled marks.

    Examples
    --------
    >>> fix_quotes("\u201cno special \u201csphere of influence\u201d\u201d")
    '\u201cno special \u2018sphere of influence\u2019\u201d'
    >>> fix_quotes("(cost): \u201c\u201cAsk your citizens.\u201d")
    '(cost): \u201cAsk your citizens.\u201d'
    """
    text = re.sub(r"\u201c([^\u201c\u201d]*)\u201c([^\u201c\u201d]*)\u201d\u201d", "\u201c\\1\u2018\\2\u2019\u201d", text)
    return text.replace("\u201c\u201c", "\u201c").replace("\u201d\u201d", "\u201d")


def quoted(text: str) -> str:
    """``text`` in quotation marks, with :func:`fix_quotes` applied."""
    return fix_quotes(f"\u201c{text}\u201d")


def power_to_tex(text: str) -> str:
    """Python powers in prose (``b**n``) as inline LaTeX mathematics (``$b^{n}$``).

    Examples
    --------
    >>> power_to_tex("Russia stays out while its belief exceeds b**n.")
    'Russia stays out while its belief exceeds $b^{n}$.'
    """
    return _POWER.sub(lambda m: f"${m.group(1)}^{{{m.group(2).strip()}}}$", text)


def explanation_text(result: Any) -> str:
    """The result's explanation for a handout, under a heading with the scenario's title and quote.

    Without the parameter list (the handout prints it once, as a table),
    the title line and the article's quotation (the heading shows both),
    with Python powers as mathematics and quotation marks typeset.
    """
    text = result.explain()
    if _PARAMETERS_HEAD in text:
        text = text[: text.index(_PARAMETERS_HEAD)].rstrip()
    sc = result.scenario
    lines = text.split("\n")
    if lines and lines[0].strip() == f"{sc.title}.":  # the handout's heading already says it
        lines = lines[1:]
    quote = f"The article: \u201c{sc.quote}\u201d"  # and its quotation sits under the heading
    lines = [line.replace(quote, "", 1).strip() if line.startswith(quote) else line for line in lines]
    return power_to_tex(fix_quotes("\n".join(line for line in lines if line.strip())))
