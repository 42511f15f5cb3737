"""negotiation_sim's own JSON format for normal-form games (lossless).

.. code-block:: json

    {"format": "negotiation_sim.normal_form", "version": 1, "title": "...",
     "players": ["Russia", "NATO"],
     "actions": [["Swerve", "Straight"], ["Swerve", "Straight"]],
     "payoffs": [[[0.0, 0.0], [-1.0, 1.0]], [[1.0, -1.0], [-10.0, -10.0]]]}

``payoffs`` is the nested list of the payoff tensor, shape
``(*n_actions, n_players)``. Python's JSON writes floats with the shortest
text that reads back as the same double, so a round trip is exact.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from negotiation_sim.errors import FormatError, InvalidGameError
from negotiation_sim.games.normal_form import NormalFormGame

__all__ = ["FORMAT", "VERSION", "game_to_json", "game_from_json"]

FORMAT = "negotiation_sim.normal_form"
VERSION = 1


def game_to_json(game: NormalFormGame) -> str:
    """The JSON text of ``game``.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[1, 0]], [[2, 3]], title="T")
    >>> game_from_json(game_to_json(g)) == g
    True
    """
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "title": game.title,
        "players": list(game.players),
        "actions": [list(a) for a in game.actions],
        "payoffs": np.asarray(game.payoffs).tolist(),
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def _line_of(text: str, key: str) -> int:
    """The line where ``"key"`` first appears (1 if it does not)."""
    at = text.find(f'"{key}"')
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _field(doc: dict, text: str, key: str, kind: type | tuple[type, ...], expected: str) -> Any:
    if key not in doc:
        msg = f"line 1: expected a {key!r} field ({expected}) in the JSON object"
        raise FormatError(msg)
    value = doc[key]
    if not isinstance(value, kind):
        msg = f"line {_line_of(text, key)}: expected {key!r} to be {expected}, found {value!r:.60}"
        raise FormatError(msg)
    return value


def game_from_json(text: str) -> NormalFormGame:
    """Parse the JSON text of a game written by :func:`game_to_json`."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        msg = f"line {err.lineno}: expected valid JSON ({err.msg}, column {err.colno})"
        raise FormatError(msg) from None
    if not isinstance(doc, dict):
        msg = "line 1: expected a JSON object with a 'format' field"
        raise FormatError(msg)
    fmt = _field(doc, text, "format", str, f"the string {FORMAT!r}")
    if fmt != FORMAT:
        msg = f"line {_line_of(text, 'format')}: expected format {FORMAT!r}, found {fmt!r}"
        raise FormatError(msg)
    version = _field(doc, text, "version", int, f"the integer {VERSION}")
    if version != VERSION:
        msg = f"line {_line_of(text, 'version')}: expected version {VERSION}, found {version!r} (written by a newer negotiation_sim?)"
        raise FormatError(msg)
    title = _field(doc, text, "title", str, "a string")
    players = _field(doc, text, "players", list, "a list of player names")
    actions = _field(doc, text, "actions", list, "a list of lists of action names")
    payoffs = _field(doc, text, "payoffs", list, "a nested list of numbers")
    try:
        return NormalFormGame(payoffs, players=players, actions=actions, title=title)
    except InvalidGameError as err:
        msg = f"line {_line_of(text, 'payoffs')}: the file describes an invalid game: {err}"
        raise FormatError(msg) from None
