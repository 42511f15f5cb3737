"""Gambit's ``.nfg`` strategic-game format: read both versions, write the payoff version.

A file starts with ``NFG 1 R "title" { "Player 1" "Player 2" }``, then the
strategies, either as counts ``{ 3 2 }`` or as names
``{ { "U" "D" } { "L" "C" "R" } }``, then an optional comment string. Two
bodies follow:

- the *payoff version*: every player's payoff at every contingency, the
  first player's strategy changing fastest;
- the *outcome version*: a list of outcomes ``{ "name" 1, 5 }`` between
  braces, then one outcome number per contingency (``0`` is the null outcome,
  paying everyone 0).

Strings are double-quoted with ``\\"`` and ``\\\\`` as escapes; numbers may be
integers, decimals, exponents or rationals ``3/2``.

References
----------
The Gambit Project, "Game representation formats", in *Gambit: Software Tools
for Game Theory* (documentation of the ``.nfg`` format).
"""

from __future__ import annotations

import re
from fractions import Fraction

import attrs
import numpy as np

from negotiation_sim.errors import FormatError, InvalidGameError
from negotiation_sim.games.normal_form import NormalFormGame

__all__ = ["parse_nfg", "format_nfg", "read_nfg", "write_nfg"]

_TOKEN = re.compile(
    r'(?P<space>[ \t\r\f\v]+)|(?P<newline>\n)|(?P<string>"(?:[^"\\]|\\.)*")'
    r"|(?P<brace>[{}])|(?P<comma>,)"
    r"|(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?)"
    r"|(?P<word>[A-Za-z_]\w*)"
)


@attrs.frozen
class _Token:
    kind: str
    text: str
    line: int


def _tokenize(text: str) -> list[_Token]:
    tokens, line, pos = [], 1, 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            snippet = text[pos : pos + 10].split("\n")[0]
            if text[pos] == '"':
                msg = f"line {line}: unterminated string starting {snippet!r}"
            else:
                msg = f"line {line}: unexpected character {text[pos]!r} in {snippet!r}"
            raise FormatError(msg)
        kind = match.lastgroup or ""
        if kind == "newline":
            line += 1
        elif kind == "string":
            raw = match.group()
            tokens.append(_Token(kind, re.sub(r"\\(.)", r"\1", raw[1:-1]), line))
            line += raw.count("\n")
        elif kind != "space":
            tokens.append(_Token(kind, match.group(), line))
        pos = match.end()
    return tokens


class _Parser:
    """A cursor over the tokens, with errors that name the line."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def fail(self, expected: str) -> FormatError:
        tok = self.peek()
        if tok is None:
            last = self.tokens[-1].line if self.tokens else 1
            return FormatError(f"line {last}: expected {expected}, found the end of the file")
        return FormatError(f"line {tok.line}: expected {expected}, found {tok.text!r}")

    def take(self, kind: str, expected: str, text: str | None = None) -> _Token:
        tok = self.peek()
        if tok is None or tok.kind != kind or (text is not None and tok.text != text):
            raise self.fail(expected)
        self.pos += 1
        return tok

    def at(self, kind: str, text: str | None = None) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == kind and (text is None or tok.text == text)

    def number(self, expected: str = "a number") -> float:
        tok = self.take("number", expected)
        return float(Fraction(tok.text)) if "/" in tok.text else float(tok.text)

    def strings(self, what: str) -> list[str]:
        """``{ "a" "b" ... }``."""
        self.take("brace", f"'{{' opening the {what}", "{")
        out = []
        while not self.at("brace", "}"):
            out.append(self.take("string", f"a quoted name in the {what} or '}}'").text)
        self.pos += 1
        return out


def _header(p: _Parser) -> tuple[str, list[str]]:
    p.take("word", "'NFG' at the start of a Gambit .nfg file", "NFG")
    version = p.take("number", "the format version 1 after 'NFG'")
    if version.text != "1":
        msg = f"line {version.line}: expected format version 1, found {version.text!r}"
        raise FormatError(msg)
    if not (p.at("word", "R") or p.at("word", "D")):
        raise p.fail("'R' or 'D' (number type) after 'NFG 1'")
    p.pos += 1
    title = p.take("string", "the quoted game title").text
    return title, p.strings("list of players")


def _strategies(p: _Parser, n_players: int) -> tuple[list[int], list[list[str]] | None]:
    p.take("brace", "'{' opening the strategies", "{")
    if p.at("brace", "{"):  # names
        names = []
        for k in range(n_players):
            names.append(p.strings(f"strategies of player {k + 1}"))
        p.take("brace", f"'}}' closing the strategies of {n_players} players", "}")
        return [len(s) for s in names], names
    counts = []
    for k in range(n_players):
        tok = p.take("number", f"the number of strategies of player {k + 1}")
        if not tok.text.isdigit() or int(tok.text) < 1:
            msg = f"line {tok.line}: expected a positive whole number of strategies, found {tok.text!r}"
            raise FormatError(msg)
        counts.append(int(tok.text))
    p.take("brace", f"'}}' closing the strategy counts of {n_players} players", "}")
    return counts, None


def _outcome_body(p: _Parser, n_players: int, n_profiles: int) -> np.ndarray:
    p.take("brace", "'{' opening the list of outcomes", "{")
    outcomes: list[list[float]] = []
    while p.at("brace", "{"):
        p.pos += 1
        if p.at("string"):
            p.pos += 1  # the outcome's name is not kept: payoffs live in the profile table
        pays: list[float] = []
        for k in range(n_players):
            pays.append(p.number(f"the payoff of player {k + 1} in outcome {len(outcomes) + 1}"))
            if p.at("comma"):
                p.pos += 1
        p.take("brace", f"'}}' closing outcome {len(outcomes) + 1} ({n_players} payoffs)", "}")
        outcomes.append(pays)
    p.take("brace", "'{' opening an outcome or '}' closing the list of outcomes", "}")
    table = np.vstack([np.zeros((1, n_players)), np.array(outcomes).reshape(-1, n_players)])
    data = np.empty((n_profiles, n_players))
    for k in range(n_profiles):
        tok = p.take("number", f"the outcome number of contingency {k + 1} of {n_profiles}")
        if not tok.text.isdigit() or int(tok.text) >= len(table):
            msg = f"line {tok.line}: expected an outcome number from 0 to {len(outcomes)}, found {tok.text!r}"
            raise FormatError(msg)
        data[k] = table[int(tok.text)]
    return data


def _payoff_body(p: _Parser, n_players: int, n_profiles: int) -> np.ndarray:
    flat = []
    for k in range(n_profiles * n_players):
        profile, player = divmod(k, n_players)
        flat.append(p.number(f"the payoff of player {player + 1} at contingency {profile + 1} "
                             f"of {n_profiles}"))
        if p.at("comma"):
            p.pos += 1
    return np.array(flat).reshape(n_profiles, n_players)


def parse_nfg(text: str) -> NormalFormGame:
    """Parse the text of a Gambit ``.nfg`` file (payoff or outcome version).

    Examples
    --------
    >>> g = parse_nfg('NFG 1 R "PD" { "Row" "Col" } { { "C" "D" } { "C" "D" } }\\n'
    ...               '3 3 5 0 0 5 1 1')
    >>> g.payoffs[1, 0].tolist(), g.actions[0]
    ([5.0, 0.0], ('C', 'D'))
    """
    p = _Parser(_tokenize(text))
    title, players = _header(p)
    counts, names = _strategies(p, len(players))
    if p.at("string"):
        p.pos += 1  # the comment
    n_profiles = int(np.prod(counts))
    if p.at("brace", "{"):
        data = _outcome_body(p, len(players), n_profiles)
    else:
        data = _payoff_body(p, len(players), n_profiles)
    if p.peek() is not None:
        raise p.fail("the end of the file after the last payoff")
    # The first player's strategy changes fastest: Fortran order over the strategy axes.
    k = len(counts)
    payoffs = np.transpose(data.reshape(*counts[::-1], k), [*range(k - 1, -1, -1), k])
    try:
        return NormalFormGame(payoffs, players=players, actions=names, title=title)
    except InvalidGameError as err:
        raise FormatError(f"the file describes an invalid game: {err}") from None


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(x: float) -> str:
    # Positional notation (no exponent) that round-trips the double exactly.
    return np.format_float_positional(x, unique=True, trim="-")


def format_nfg(game: NormalFormGame) -> str:
    """The payoff-version ``.nfg`` text of ``game`` (names and title kept).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[1, 0]], [[2, 0.5]], title="T")
    >>> print(format_nfg(g))
    NFG 1 R "T" { "Player 1" "Player 2" }
    { { "A1" } { "A1" "A2" } }
    ""
    1 2 0 0.5
    <BLANKLINE>
    """
    players = " ".join(_quote(p) for p in game.players)
    actions = " ".join("{ " + " ".join(_quote(a) for a in acts) + " }" for acts in game.actions)
    k = game.n_players
    data = np.transpose(game.payoffs, [*range(k - 1, -1, -1), k]).reshape(-1, k)
    body = " ".join(_number(x) for x in data.ravel())
    return f'NFG 1 R {_quote(game.title)} {{ {players} }}\n{{ {actions} }}\n""\n{body}\n'


def read_nfg(path) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file."""
    from negotiation_sim.io.files import read_text

    return parse_nfg(read_text(path))


def write_nfg(game: NormalFormGame, path) -> None:
    """Write ``game`` as a payoff-version Gambit ``.nfg`` file."""
    from pathlib import Path

    Path(path).write_text(format_nfg(game), encoding="utf-8")
