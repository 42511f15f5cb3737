"""The ``negotiation-sim`` command line.

Each subcommand is one small function ``_cmd_NAME(args) -> int`` registered
by ``_add_NAME(subparsers)``; adding a command (``report``, ``list``) means
adding one such pair to :data:`_COMMANDS`. Errors of the library are printed
as one line on stderr with exit code 2, without a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from negotiation_sim.errors import NegotiationSimError

if TYPE_CHECKING:
    from negotiation_sim.solvers.equilibrium import EquilibriumSet

__all__ = ["main", "build_parser"]

_EPILOG = """examples:
  negotiation-sim report --out report --format md,html,pdf
  negotiation-sim page hostage_taker --out hostage_taker.html
  negotiation-sim list
  negotiation-sim solve examples/games/border_standoff.nfg
  negotiation-sim solve game.json --method lemke_howson --format json
  cat game.nfg | negotiation-sim solve - --format csv
  python -m negotiation_sim solve game.nfg --method pure
"""


def _add_solve(subparsers) -> None:
    from negotiation_sim.solvers._solve import _ALIASES, NORMAL_FORM_METHODS

    methods = ["auto", *NORMAL_FORM_METHODS, *_ALIASES]
    p = subparsers.add_parser(
        "solve",
        help="solve a game file (.nfg, .json) and print its equilibria",
        description="Read a game from a Gambit .nfg or negotiation_sim .json file, "
        "compute its Nash equilibria and describe each in plain language.",
    )
    p.add_argument("file", help="the game file: .nfg (Gambit), .json (negotiation_sim) or .efg; "
                   "- reads the game from standard input (its format is recognised from its first characters)")
    p.add_argument("--method", "-m", default="auto", choices=methods, metavar="METHOD",
                   help=f"solver to use, one of: {', '.join(methods)} (default: auto)")
    p.add_argument("--format", "-f", default="text", choices=("text", "json", "csv"),
                   help="text: plain-language description (default); json: one object with every "
                   "equilibrium; csv: one row per equilibrium")
    p.set_defaults(func=_cmd_solve)


def _read_stdin_game() -> object:
    """A game read from standard input: .nfg, .efg or .json by its first characters."""
    import tempfile
    from pathlib import Path

    from negotiation_sim.errors import FormatError
    from negotiation_sim.io import read_game

    text = sys.stdin.read()
    head = text.lstrip()[:3].upper()
    suffix = {"NFG": ".nfg", "EFG": ".efg"}.get(head, ".json" if head.startswith("{") else None)
    if suffix is None:
        msg = "standard input is not a game: expected an .nfg (NFG ...), .efg (EFG ...) or .json ({...}) game"
        raise FormatError(msg)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"stdin{suffix}"
        path.write_text(text, encoding="utf-8")
        return read_game(path)


def equilibria_json(game: Any, eqs: EquilibriumSet) -> dict:
    """The solved game as a JSON-ready dict: title, method, completeness and each equilibrium.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("R", "C"))
    >>> doc = equilibria_json(g, ns.solve(g, method="pure"))
    >>> doc["complete"], doc["equilibria"][0]["strategies"]["R"]
    (True, {'A1': 1.0, 'A2': 0.0})
    """
    out = []
    for eq in eqs:
        players = eq.players
        out.append({
            "strategies": {p: {a: float(q) for a, q in zip(eq.actions[i], eq.strategies[i], strict=False)}
                           for i, p in enumerate(players)},
            "payoffs": {p: float(v) for p, v in zip(players, eq.payoffs, strict=False)},
            "regret": float(eq.regret), "pure": bool(eq.is_pure), "description": eq.describe(),
        })
    return {"title": getattr(game, "title", ""), "method": eqs.method, "complete": bool(eqs.complete),
            "notes": list(eqs.notes), "equilibria": out}


def _cmd_solve(args: argparse.Namespace) -> int:
    import json
    import warnings

    from negotiation_sim.errors import NegotiationSimWarning
    from negotiation_sim.io import read_game
    from negotiation_sim.solvers._solve import solve

    game = _read_stdin_game() if args.file == "-" else read_game(args.file)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NegotiationSimWarning)
        eqs = solve(game, method=args.method)
    # A warning whose words the result's notes already carry is said once, in the output; any other
    # goes to standard error as one line.
    said = " ".join(eqs.notes)
    for w in caught:
        text = str(w.message).rstrip(".")
        if text not in said:
            print(f"warning: {text}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(equilibria_json(game, eqs), indent=2))
    elif args.format == "csv":
        frame = eqs.to_dataframe()
        frame.index.name = "equilibrium"
        sys.stdout.write(frame.to_csv(lineterminator="\n"))
    else:
        title = getattr(game, "title", "")
        if title:
            print(title)
        print(eqs.describe())
    return 0


def _add_report(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="solve every article scenario and write the report (Markdown, HTML, PDF) with plots and pages",
        description="Run every scenario of the article at its default parameters and write a report "
        "(Markdown, HTML and/or PDF, with one PNG plot and one student page per scenario) into a directory.",
    )
    p.add_argument("--out", "-o", default="report", help="directory to write into (default: report)")
    p.add_argument("--scenario", "-s", action="append", metavar="NAME",
                   help="only this scenario (repeatable; default: all, see `negotiation-sim list`)")
    p.add_argument("--format", "-f", default="md,html",
                   help="comma-separated formats among md, html, pdf (default: md,html)")
    p.add_argument("--no-pages", action="store_true",
                   help="do not write the student pages with sliders (one per scenario, in DIR/pages)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=_cmd_report)


def _check_scenarios(chosen: Sequence[str]) -> None:
    from negotiation_sim.errors import UnknownNameError
    from negotiation_sim.scenarios import names

    unknown = [s for s in chosen if s not in names()]
    if unknown:
        msg = f"unknown scenario(s) {unknown}; the scenarios are {names()}"
        raise UnknownNameError(msg)


def _cmd_report(args: argparse.Namespace) -> int:
    from negotiation_sim.report import write_report

    if args.scenario:
        _check_scenarios(args.scenario)
    report = write_report(args.out, scenarios=args.scenario, progress=not args.quiet, formats=args.format,
                          pages=not args.no_pages)
    if not args.quiet:
        written = [str(p) for p in (report.markdown, report.html, report.pdf) if p is not None]
        print(f"wrote {', '.join(written)}, {len(report.images)} plots and {len(report.pages)} student pages "
              f"for {len(report.scenarios)} scenarios into {report.directory}")
    return 0


def _add_page(subparsers) -> None:
    p = subparsers.add_parser(
        "page",
        help="write one self-contained HTML page with sliders for a scenario",
        description="Solve a scenario on a grid over two of its main parameters and write one HTML file "
        "(no network needed to view it) in which sliders show the equilibrium outcome, a chart and the "
        "explanation at each grid point.",
    )
    p.add_argument("scenario", help="the scenario, see `negotiation-sim list`")
    p.add_argument("--out", "-o", required=True, help="the HTML file to write")
    p.add_argument("--param", "-p", action="append", metavar="NAME",
                   help="a parameter for a slider (at most two; default: the scenario's main two)")
    p.add_argument("--points", "-n", type=int, default=11, help="values per slider (default: 11)")
    p.set_defaults(func=_cmd_page)


def _cmd_page(args: argparse.Namespace) -> int:
    from negotiation_sim.page import write_page
    from negotiation_sim.scenarios import get

    _check_scenarios([args.scenario])
    path = write_page(get(args.scenario), args.out, parameters=args.param, points=args.points)
    print(f"wrote {path}")
    return 0


def _add_list(subparsers) -> None:
    p = subparsers.add_parser("list", help="list the article's scenarios",
                              description="List the scenarios with their titles and the sentence each rests on.")
    p.set_defaults(func=_cmd_list)


def _cmd_list(args: argparse.Namespace) -> int:
    from negotiation_sim.scenarios import get, names

    for name in names():
        scenario = get(name)
        print(f"{name:18} {scenario.title}")
    return 0


#: Subcommand registrars, in the order shown by ``--help``.
_COMMANDS: list[Callable] = [_add_report, _add_page, _add_list, _add_solve]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subparser per command.

    Examples
    --------
    >>> args = build_parser().parse_args(["solve", "standoff.nfg"])
    >>> args.command, args.file, args.method
    ('solve', 'standoff.nfg', 'auto')
    """
    parser = argparse.ArgumentParser(
        prog="negotiation-sim",
        description="Game-theoretic models of coercive bargaining: solve games, "
        "run the article's scenarios.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from negotiation_sim import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in _COMMANDS:
        add(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 2 error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except (NegotiationSimError, OSError) as err:
        # One clear line, no traceback: these are the user's input problems.
        what = type(err).__name__
        text = str(err) if not isinstance(err, OSError) else f"{err.strerror}: {err.filename}"
        print(f"negotiation-sim {args.command}: error: {what}: {text}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
