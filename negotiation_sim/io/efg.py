"""Gambit's extensive-form file format (.efg, version 4) for :class:`GameTree`.

A file is a header (``EFG 2 R "title" { "P1" "P2" }`` and a comment string)
followed by the nodes in preorder, one per line::

    p "name" player infoset "infoset name" { "action" ... } outcome "outcome name" { payoffs }
    c "name" infoset "infoset name" { "event" prob ... } outcome
    t "name" outcome "outcome name" { payoffs }

An information set's name and actions, and an outcome's payoffs, may be
given only at their first appearance. ``write_efg`` then ``read_efg`` gives
back the same tree (names, information sets, payoffs, probabilities). Gambit
files may attach outcomes to inner nodes: their payoffs are added to every
leaf below, which is the same game. Probabilities that are simple fractions
are written as ``1/3`` so that Gambit reads them exactly.
"""

from __future__ import annotations

import os
import re
from fractions import Fraction
from typing import Any

from negotiation_sim.errors import FormatError, InvalidTreeError

__all__ = ["read_efg", "write_efg"]

_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([{}])|([^\s{},"]+)|(,))')


def _tokens(text: str, path: str) -> list[tuple[str, str, int]]:
    """``(kind, value, line)`` with kind ``str``, ``brace`` or ``word``; commas are dropped."""
    out, pos, line = [], 0, 1
    while text[pos:].strip():
        m = _TOKEN.match(text, pos)
        if m is None:
            start = len(text) - len(text[pos:].lstrip())
            line += text.count("\n", pos, start)
            msg = f"{path}, line {line}: cannot read {text[start:start + 20]!r}"
            raise FormatError(msg)
        start = m.start(m.lastindex or 0)
        line += text.count("\n", pos, start)
        if m.group(1) is not None:
            out.append(("str", m.group(1).replace('\\"', '"'), line))
        elif m.group(2):
            out.append(("brace", m.group(2), line))
        elif m.group(3):
            out.append(("word", m.group(3), line))
        line += text.count("\n", start, m.end())
        pos = m.end()
    return out


class _Reader:
    def __init__(self, text: str, path: str):
        self.toks = _tokens(text, path)
        self.pos = 0
        self.path = path
        self.infosets: dict[tuple[int, int], tuple[str, tuple[str, ...], tuple[float, ...]]] = {}
        self.outcomes: dict[int, tuple[float, ...]] = {}
        self.auto: set[str] = set()  # labels made up for unnamed information sets

    def fail(self, expected: str) -> FormatError:
        if self.pos < len(self.toks):
            kind, value, line = self.toks[self.pos]
            return FormatError(f"{self.path}, line {line}: expected {expected}, got {value!r}")
        line = self.toks[-1][2] if self.toks else 1
        return FormatError(f"{self.path}, line {line}: expected {expected}, got the end of the file")

    def peek(self, kind: str, value: str | None = None) -> bool:
        if self.pos >= len(self.toks):
            return False
        k, v, _ = self.toks[self.pos]
        return k == kind and (value is None or v == value)

    def take(self, kind: str, expected: str, value: str | None = None) -> str:
        if not self.peek(kind, value):
            raise self.fail(expected)
        self.pos += 1
        return self.toks[self.pos - 1][1]

    def number(self, expected: str) -> float:
        word = self.take("word", expected)
        try:
            return float(Fraction(word))
        except (ValueError, ZeroDivisionError):
            self.pos -= 1
            raise self.fail(expected) from None

    def integer(self, expected: str) -> int:
        word = self.take("word", expected)
        if not word.isdigit():
            self.pos -= 1
            raise self.fail(expected)
        return int(word)

    def braced(self, item) -> list:
        self.take("brace", "'{'", "{")
        out = []
        while not self.peek("brace", "}"):
            if self.pos >= len(self.toks):
                raise self.fail("'}'")
            out.append(item())
        self.pos += 1
        return out

    def outcome(self, n_players: int) -> tuple[float, ...] | None:
        number = self.integer("an outcome number")
        if self.peek("str"):
            self.pos += 1
            line = self.toks[self.pos][2] if self.pos < len(self.toks) else 0
            pay = tuple(self.braced(lambda: self.number("a payoff")))
            if len(pay) != n_players:
                msg = f"{self.path}, line {line}: outcome {number} has {len(pay)} payoffs for {n_players} players"
                raise FormatError(msg)
            self.outcomes[number] = pay
        if number == 0:
            return None
        if number not in self.outcomes:
            raise self.fail(f"the payoffs of outcome {number}, which has not been defined")
        return self.outcomes[number]


def _add(a: tuple[float, ...] | None, b: tuple[float, ...] | None) -> tuple[float, ...] | None:
    if a is None or b is None:
        return a if b is None else b
    return tuple(x + y for x, y in zip(a, b, strict=False))


def _read_node(r: _Reader, tree: Any, node: Any, carried: tuple[float, ...] | None) -> None:
    kind = r.take("word", "a node type p, c or t")
    if kind not in ("p", "c", "t"):
        r.pos -= 1
        raise r.fail("a node type p, c or t")
    name = r.take("str", "a node name in quotes") or None
    n = tree.n_players
    if kind == "t":
        pay = _add(carried, r.outcome(n))
        node.payoffs(*(pay or (0.0,) * n), name=name)
        return
    player = 0 if kind == "c" else r.integer("a player number")
    if kind == "p" and not 1 <= player <= n:
        r.pos -= 1
        raise r.fail(f"a player number from 1 to {n}")
    number = r.integer("an information set number")
    if r.peek("str"):
        label = r.take("str", "an information set name")
        if kind == "c":
            items = r.braced(lambda: (r.take("str", "an event name"), r.number("a probability")))
            acts, probs = tuple(a for a, _ in items), tuple(p for _, p in items)
        else:
            acts, probs = tuple(r.braced(lambda: r.take("str", "an action name"))), ()
        r.infosets[(player, number)] = (label, acts, probs)
    if (player, number) not in r.infosets:
        raise r.fail(f"the name and actions of information set {number}, which has not been defined")
    label, acts, probs = r.infosets[(player, number)]
    carried = _add(carried, r.outcome(n))
    if kind == "c":
        children = node.chance(dict(zip(acts, probs, strict=False)), name=name)
    else:
        if not label:
            label = f"{tree.players[player - 1]} {number}"
            r.auto.add(label)
        children = node.move(tree.players[player - 1], acts, name=name, infoset=label)
    for child in children:
        _read_node(r, tree, child, carried)


def _singletons(tree: Any, auto: set[str]) -> None:
    """Unnamed information sets with one node become plain singletons (no label)."""
    counts: dict[str, int] = {}
    for node in tree.nodes():
        if node.infoset is not None:
            counts[node.infoset] = counts.get(node.infoset, 0) + 1
    for node in tree.nodes():
        if node.infoset in auto and counts[node.infoset] == 1:
            node.infoset = None


def read_efg(path: str | os.PathLike) -> Any:
    """Read a Gambit .efg file into a :class:`GameTree`.

    Raises
    ------
    FormatError
        Naming the file and the line of the first problem.

    Examples
    --------
    >>> import tempfile, pathlib, negotiation_sim as ns
    >>> from negotiation_sim.io.efg import read_efg, write_efg
    >>> t = ns.GameTree(players=("Entrant", "Incumbent"), title="Entry")
    >>> enter, out = t.root.move("Entrant", ["Enter", "Stay out"])
    >>> _ = out.payoffs(0, 2)
    >>> fight, acc = enter.move("Incumbent", ["Fight", "Accommodate"])
    >>> _ = fight.payoffs(-1, -1); _ = acc.payoffs(1, 1)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "entry.efg"
    >>> write_efg(t, path)
    >>> read_efg(path).to_normal_form().actions
    (('Enter', 'Stay out'), ('Fight', 'Accommodate'))
    """
    from negotiation_sim.games.extensive_form import GameTree

    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as err:
        msg = f"cannot read {path!r}: {err.strerror}"
        raise FormatError(msg) from None
    r = _Reader(text, path)
    r.take("word", "'EFG'", "EFG")
    r.take("word", "the version 2", "2")
    if not (r.peek("word", "R") or r.peek("word", "D")):
        raise r.fail("'R' or 'D'")
    r.pos += 1
    title = r.take("str", "the game's title in quotes")
    players = r.braced(lambda: r.take("str", "a player name in quotes"))
    if r.peek("str"):
        r.pos += 1  # the comment
    try:
        tree = GameTree(players=players, title=title)
        _read_node(r, tree, tree.root, None)
        _singletons(tree, r.auto)
        tree.validate()
    except InvalidTreeError as err:
        line = r.toks[min(r.pos, len(r.toks)) - 1][2] if r.toks else 1
        msg = f"{path}, line {line}: {err}"
        raise FormatError(msg) from None
    if r.pos < len(r.toks):
        raise r.fail("the end of the file")
    return tree


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def _num(x: float) -> str:
    x = float(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    frac = Fraction(x).limit_denominator(1000)
    return f"{frac.numerator}/{frac.denominator}" if float(frac) == x else repr(x)


def write_efg(tree: Any, path: str | os.PathLike) -> None:
    """Write ``tree`` to ``path`` in Gambit's .efg format (see :func:`read_efg`)."""
    c = tree._compiled()
    numbers: dict[int, int] = {}  # infoset -> its number among its player's sets
    count: dict[int, int] = {}  # player -> information sets numbered so far
    lines = [f"EFG 2 R {_quote(tree.title)} {{ {' '.join(_quote(p) for p in tree.players)} }}", '""', ""]
    chance = outcome = 0
    for k, node in enumerate(c.nodes):
        name = _quote(node.name or "")
        if node.kind == "terminal":
            outcome += 1
            pay = ", ".join(_num(v) for v in node.payoff)
            lines.append(f't {name} {outcome} "" {{ {pay} }}')
        elif node.kind == "chance":
            chance += 1
            events = " ".join(f"{_quote(a)} {_num(p)}" for a, p in zip(node.actions, node.probs, strict=False))
            lines.append(f'c {name} {chance} "" {{ {events} }} 0')
        else:
            h = c.node_infoset[k]
            player = c.infosets[h].player
            first = h not in numbers
            if first:  # numbered in order of first appearance, per player
                count[player] = numbers[h] = count.get(player, 0) + 1
            head = f"p {name} {player + 1} {numbers[h]}"
            if first:
                acts = " ".join(_quote(a) for a in node.actions)
                label = c.infosets[h].label if len(c.infosets[h].members) > 1 else node.infoset or ""
                head += f" {_quote(label)} {{ {acts} }}"
            lines.append(head + " 0")
    with open(os.fspath(path), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
