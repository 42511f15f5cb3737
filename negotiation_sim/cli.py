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

from negotiation_sim.errors import NegotiationSimError

__all__ = ["main", "build_parser"]

_EPILOG = """examples:
  negotiation-sim report --out report
  negotiation-sim list
  negotiation-sim solve examples/games/border_standoff.nfg
  negotiation-sim solve game.json --method lemke_howson
  python -m negotiation_sim solve game.nfg --method pure
"""


def _add_solve(subparsers) -> None:
    from negotiation_sim.solvers.solve import _ALIASES, NORMAL_FORM_METHODS

    methods = ["auto", *NORMAL_FORM_METHODS, *_ALIASES]
    p = subparsers.add_parser(
        "solve",
        help="solve a game file (.nfg, .json) and print its equilibria",
        description="Read a game from a Gambit .nfg or negotiation_sim .json file, "
        "compute its Nash equilibria and describe each in plain language.",
    )
    p.add_argument("file", help="the game file: .nfg (Gambit), .json (negotiation_sim) or .efg")
    p.add_argument("--method", "-m", default="auto", choices=methods, metavar="METHOD",
                   help=f"solver to use, one of: {', '.join(methods)} (default: auto)")
    p.set_defaults(func=_cmd_solve)


def _cmd_solve(args: argparse.Namespace) -> int:
    from negotiation_sim.io import read_game
    from negotiation_sim.solvers.solve import solve

    game = read_game(args.file)
    title = getattr(game, "title", "")
    if title:
        print(title)
    print(solve(game, method=args.method).describe())
    return 0


def _add_report(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="solve every article scenario and write report.md, report.html and PNG plots",
        description="Run every scenario of the article at its default parameters and write a report "
        "(Markdown and HTML, with one PNG plot per scenario) into a directory.",
    )
    p.add_argument("--out", "-o", default="report", help="directory to write into (default: report)")
    p.add_argument("--scenario", "-s", action="append", metavar="NAME",
                   help="only this scenario (repeatable; default: all, see `negotiation-sim list`)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=_cmd_report)


def _cmd_report(args: argparse.Namespace) -> int:
    from negotiation_sim.report import write_report
    from negotiation_sim.scenarios import names

    if args.scenario:
        unknown = [s for s in args.scenario if s not in names()]
        if unknown:
            from negotiation_sim.errors import UnknownNameError

            msg = f"unknown scenario(s) {unknown}; the scenarios are {names()}"
            raise UnknownNameError(msg)
    report = write_report(args.out, scenarios=args.scenario, progress=not args.quiet)
    if not args.quiet:
        print(f"wrote {report.markdown}, {report.html} and {len(report.images)} plots "
              f"for {len(report.scenarios)} scenarios")
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
_COMMANDS: list[Callable] = [_add_report, _add_list, _add_solve]


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
