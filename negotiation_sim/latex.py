"""LaTeX and TikZ export for slides and handouts.

:func:`game_to_latex` writes a two-player (or N-player, one table per
profile of the others) normal-form game as a ``tabular`` with the players'
and actions' names, equilibria marked; :func:`tree_to_tikz` a game tree as a
``tikzpicture`` with chance probabilities, information sets and, if given,
an equilibrium's whole strategy; :func:`equilibria_to_latex` and
:func:`result_to_latex` an equilibrium set and a solved scenario. The output
needs only standard packages (``amsmath``; ``tikz`` for trees); with
``document=True`` it is a complete document that ``pdflatex`` compiles.
The classes carry thin methods: ``game.to_latex()``, ``tree.to_tikz()``,
``eqs.to_latex()``, ``result.to_latex()``.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from negotiation_sim.errors import InvalidParameterTypeError
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["escape", "game_to_latex", "tree_to_tikz", "equilibria_to_latex", "result_to_latex", "document"]

_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
            "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
            "\u201c": "``", "\u201d": "''", "\u2018": "`", "\u2019": "'", "\u2013": "--", "\u2014": "---",
            "\u2212": "-"}
_SPECIAL_RE = re.compile("|".join(re.escape(k) for k in _SPECIAL))


def escape(text: Any) -> str:
    r"""``text`` with LaTeX's special characters escaped, typographic quotes as LaTeX quotes.

    Examples
    --------
    >>> escape("R&D: 50% of $x_1$")
    'R\\&D: 50\\% of \\$x\\_1\\$'
    """
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], str(text))


def _prose(text: str) -> str:
    """Escape prose but keep its inline mathematics (``$...$``) as mathematics."""
    parts = re.split(r"(\$[^$]+\$)", text)
    return "".join(p if p.startswith("$") and p.endswith("$") and len(p) > 1 else escape(p) for p in parts)


def _num(value: float) -> str:
    return f"${format_prob(value)}$"


def document(body: str, *, tikz: bool = False) -> str:
    """A complete ``article`` document around ``body`` (``tikz`` loads the TikZ package)."""
    packages = [r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}", r"\usepackage{amsmath}"]
    if tikz:
        packages.append(r"\usepackage{tikz}")
    return "\n".join([r"\documentclass{article}", *packages, r"\begin{document}", body, r"\end{document}", ""])


def _pure_cells(equilibria: Any) -> set[tuple[int, ...]]:
    cells = set()
    for eq in equilibria or ():
        if eq.is_pure:
            cells.add(tuple(int(np.argmax(s)) for s in eq.strategies))
    return cells


def game_to_latex(game: Any, equilibria: Any = None, *, document: bool = False) -> str:
    r"""A normal-form game as a LaTeX ``tabular``: rows the first player's actions, columns the second's.

    Each cell lists every player's payoff, in the players' order. A pure
    equilibrium's cell is boxed; mixed equilibria are listed under the table.
    With more than two players, one table per action profile of the others.

    Parameters
    ----------
    game : NormalFormGame
    equilibria : EquilibriumSet or sequence of Equilibrium, optional
        The equilibria to mark (none are computed here).
    document : bool, default False
        Return a complete document instead of a fragment.

    Returns
    -------
    str

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Russia", "NATO"),
    ...                                   actions=(("Wait", "Threaten"), ("Wait", "Threaten")))
    >>> tex = g.to_latex(ns.solve(g))
    >>> r"\fbox{$1, 1$}" in tex and "Russia" in tex
    True
    """
    from negotiation_sim.games.normal_form import NormalFormGame

    if not isinstance(game, NormalFormGame):
        msg = f"game must be a NormalFormGame, not {type(game).__name__}"
        raise InvalidParameterTypeError(msg)
    boxed = _pure_cells(equilibria)
    rows, cols = game.actions[0], game.actions[1]
    blocks = []
    for rest in np.ndindex(*game.shape[2:]):
        lines = []
        if rest:
            others = ", ".join(f"{escape(game.players[k + 2])} plays {escape(game.actions[k + 2][a])}"
                               for k, a in enumerate(rest))
            lines.append(rf"\textit{{{others}}}\\[2pt]")
        lines.append(r"\begin{tabular}{r|" + "c" * len(cols) + "}")
        lines.append(rf"\multicolumn{{1}}{{c}}{{}} & \multicolumn{{{len(cols)}}}{{c}}{{{escape(game.players[1])}}}\\")
        lines.append(rf"{escape(game.players[0])} & " + " & ".join(escape(c) for c in cols) + r"\\ \hline")
        for r, name in enumerate(rows):
            cells = []
            for c in range(len(cols)):
                cell = (r, c, *rest)  # named: mypy misreads a starred tuple inside [] as 3.11 syntax
                payoff = ", ".join(format_prob(v) for v in game.payoffs[cell])
                cells.append(rf"\fbox{{${payoff}$}}" if cell in boxed else f"${payoff}$")
            lines.append(f"{escape(name)} & " + " & ".join(cells) + r"\\")
        lines.append(r"\end{tabular}")
        blocks.append("\n".join(lines))
    head = [r"\begin{center}"]
    if game.title:
        head.append(rf"\textbf{{{escape(game.title)}}}\\[4pt]")
    key = "Each cell: " + ", ".join(f"{escape(p)}'s payoff" for p in game.players) + "."
    if boxed:
        key += " Boxed: a pure Nash equilibrium."
    mixed = [eq for eq in equilibria or () if not eq.is_pure]
    tail = [r"\\[4pt]", rf"\small {key}"]
    for k, eq in enumerate(mixed):
        tail.append(rf"\\ Mixed equilibrium {k + 1}: " + _strategies(eq) + ".")
    body = "\n".join([*head, "\n\\qquad\n".join(blocks), *tail, r"\end{center}"])
    return _finish(body, document)


def _strategies(eq: Any) -> str:
    parts = []
    for i, player in enumerate(eq.players):
        played = [(a, q) for a, q in zip(eq.actions[i], eq.strategies[i], strict=False) if q > 0]
        parts.append(f"{escape(player)}: " + ", ".join(f"{escape(a)} {_num(q)}" for a, q in played))
    return "; ".join(parts)


def _finish(body: str, as_document: bool, tikz: bool = False) -> str:
    return document(body, tikz=tikz) if as_document else body


def equilibria_to_latex(eqs: Any, *, document: bool = False) -> str:
    r"""An equilibrium set as a LaTeX table: one row per equilibrium, strategies and payoffs.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("R", "C"))
    >>> print(ns.solve(g, method="pure").to_latex().splitlines()[0])
    \begin{tabular}{rllrr}
    """
    rows = []
    if len(eqs):
        players = eqs[0].players
        n_pay = len(eqs[0].payoffs)
        head = ["\\#", *(escape(p) for p in players), *(f"payoff {escape(p)}" for p in players[:n_pay])]
        rows.append(" & ".join(head) + r"\\ \hline")
        for k, eq in enumerate(eqs):
            strategies = []
            for i in range(len(players)):
                played = [(a, q) for a, q in zip(eq.actions[i], eq.strategies[i], strict=False) if q > 0]
                strategies.append(", ".join(f"{escape(a)} {_num(q)}" if q < 1 else escape(a) for a, q in played))
            rows.append(" & ".join([str(k + 1), *strategies, *(_num(v) for v in eq.payoffs)]) + r"\\")
        spec = "r" + "l" * len(players) + "r" * n_pay
    else:
        rows.append(r"No equilibrium (the scenario is solved in closed form).\\")
        spec = "l"
    status = "complete" if eqs.complete else "may not be exhaustive"
    n = len(eqs)
    caption = rf"\multicolumn{{{len(spec)}}}{{l}}{{\small {n} equilibri{'um' if n == 1 else 'a'} ({status}; method {escape(eqs.method)})}}\\"
    body = "\n".join([rf"\begin{{tabular}}{{{spec}}}", *rows, r"\hline", caption, r"\end{tabular}"])
    return _finish(body, document)


def _tikz_layout(tree: Any) -> tuple[Any, np.ndarray, np.ndarray]:
    from negotiation_sim.plotting.tree import _layout

    c = tree._compiled()
    x, y = _layout(c)
    return c, x, y


def tree_to_tikz(tree: Any, equilibrium: Any = None, *, document: bool = False, xscale: float = 2.2,
                 yscale: float = 1.8) -> str:
    r"""A game tree as a TikZ picture: players at nodes, actions on edges, chance, information sets, payoffs.

    Chance edges carry their probabilities; the nodes of an information set
    are joined by a dashed line; leaves show the payoff vectors. Given an
    equilibrium, every action it chooses is drawn thick: solid on the path
    of play, dashed off it; a mixed action carries its probability in
    brackets.

    Parameters
    ----------
    tree : GameTree
    equilibrium : TreeEquilibrium, optional
    document : bool, default False
        Return a complete document (with ``\usepackage{tikz}``).
    xscale, yscale : float
        Centimetres between neighbouring leaves and between levels.

    Returns
    -------
    str

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> t = ns.GameTree(players=("Russia", "NATO"))
    >>> hi, lo = t.root.chance({"Resolved": 0.3, "Unresolved": 0.7})
    >>> for n in (hi, lo):
    ...     for leaf in n.move("NATO", ["Concede", "Resist"], infoset="NATO"):
    ...         _ = leaf.payoffs(1, -1)
    >>> tex = t.to_tikz()
    >>> "Resolved ($0.3$)" in tex, "dashed" in tex
    (True, True)
    """
    from negotiation_sim.plotting.tree import _strategy

    c, x, y = _tikz_layout(tree)
    probs, reached = _strategy(c, equilibrium)
    lines = [rf"\begin{{tikzpicture}}[x={xscale}cm, y={yscale}cm, every node/.style={{font=\small}}]"]
    for k, node in enumerate(c.nodes):
        at = f"({x[k]:.3f},{y[k]:.3f})"
        if node.kind == "terminal":
            pay = ", ".join(format_prob(v) for v in node.payoff)
            lines.append(rf"\node[circle, fill, inner sep=1.2pt, label=below:{{$({pay})$}}] (n{k}) at {at} {{}};")
        elif node.kind == "chance":
            lines.append(rf"\node[draw, rectangle, fill=black!10] (n{k}) at {at} {{Chance}};")
        else:
            lines.append(rf"\node[draw, rounded corners, fill=white] (n{k}) at {at} {{{escape(node.player)}}};")
    for k, node in enumerate(c.nodes):
        for a, j in enumerate(c.children[k]):
            label = escape(node.actions[a])
            p = probs.get((k, a), 0.0)
            if node.kind == "chance":
                label += f" (${format_prob(node.probs[a])}$)"
            elif 0 < p < 1:
                label += f" [${format_prob(p)}$]"
            style = ["very thick", "red"] + ([] if k in reached else ["dashed"]) if p > 0 else []
            side = "left" if x[j] < x[k] else "right"
            opts = f"[{', '.join(style)}]" if style else ""
            lines.append(rf"\draw{opts} (n{k}) -- node[midway, {side}, black] {{{label}}} (n{j});")
    for h in c.infosets:
        if len(h.members) > 1:
            members = sorted(h.members, key=lambda m: x[m])
            for a, b in zip(members[:-1], members[1:], strict=False):
                lines.append(rf"\draw[dashed, thick, blue] (n{a}) to[bend left=20] (n{b});")
    lines.append(r"\end{tikzpicture}")
    body = "\n".join(lines)
    if tree.title:
        body = rf"\begin{{center}}\textbf{{{escape(tree.title)}}}\\[4pt]" + "\n" + body + "\n" + r"\end{center}"
    return _finish(body, document, tikz=True)


def result_to_latex(result: Any, *, document: bool = False) -> str:
    r"""A solved scenario as a LaTeX section: the quote, outcomes, equilibria, explanation, parameters.

    Yes/no outcomes read yes or no, numbers carry no float noise, and the
    explanation is printed without its parameter list (the table lists the
    parameters once).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> tex = ns.scenarios.get("marathon_talks").solve().to_latex()
    >>> tex.startswith(r"\section*{Six hours of talks")
    True
    """
    from negotiation_sim._prose import explanation_text, outcome_text, quoted

    sc = result.scenario
    out = [rf"\section*{{{escape(sc.title)}}}", r"\begin{quote}" + escape(quoted(sc.quote)) + r"\end{quote}"]
    out += [r"\subsection*{Outcomes}", r"\begin{tabular}{lr}", r"outcome & value\\ \hline"]
    out += [rf"{escape(k)} & {escape(outcome_text(result, k))}\\" for k in result.outcomes]
    out.append(r"\end{tabular}")
    if len(result.equilibria):
        out += [r"\subsection*{Equilibria}", equilibria_to_latex(result.equilibria)]
    out += [r"\subsection*{Explanation}"]
    out += [_prose(par) + "\n" for par in explanation_text(result).split("\n") if par.strip()]
    out += [r"\subsection*{Parameters}", r"\begin{tabular}{lp{7.5cm}r}", r"parameter & meaning & value\\ \hline"]
    out += [rf"{escape(k)} & {escape(spec.doc)} & {_num(getattr(sc, k))}\\" for k, spec in sc.specs.items()]
    out.append(r"\end{tabular}")
    return _finish("\n".join(out), document)
