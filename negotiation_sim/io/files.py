"""``read_game`` and ``write_game``: choose the format by the file's extension."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from negotiation_sim.errors import FormatError, UnsupportedMethodError
from negotiation_sim.games.normal_form import NormalFormGame

__all__ = ["read_game", "write_game", "read_text"]

_EXTENSIONS = (".json", ".nfg", ".efg")


def _extension(path: Any) -> str:
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path must be a str or os.PathLike, not {type(path).__name__}"
        raise FormatError(msg)
    ext = Path(path).suffix.lower()
    if ext not in _EXTENSIONS:
        msg = f"path {str(path)!r} has extension {ext!r}; expected one of {list(_EXTENSIONS)}"
        raise FormatError(msg)
    return ext


def read_text(path: Any) -> str:
    """The text of a file: UTF-8, or Latin-1 for older Gambit files."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _efg(name: str):
    # Extensive-form files are handled by negotiation_sim.io.efg, imported only when needed.
    try:
        module = importlib.import_module("negotiation_sim.io.efg")
    except ModuleNotFoundError as err:
        if err.name != "negotiation_sim.io.efg":
            raise
        msg = ".efg files need negotiation_sim.io.efg, which this installation does not have"
        raise UnsupportedMethodError(msg) from None
    return getattr(module, name)


def read_game(path: str | os.PathLike) -> Any:
    """Read a game from a ``.json``, ``.nfg`` or ``.efg`` file (chosen by extension).

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    NormalFormGame
        For ``.json`` and ``.nfg``; a ``GameTree`` for ``.efg``.

    Raises
    ------
    FormatError
        If the extension is unknown or the file is malformed; the message
        starts with the line where parsing failed (``"line 3: expected ..."``).
    FileNotFoundError
        If the file does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import negotiation_sim as ns
    >>> g = ns.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="PD")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = pathlib.Path(d) / "pd.nfg"
    ...     ns.write_game(g, path)
    ...     ns.read_game(path) == g
    True
    """
    ext = _extension(path)
    if ext == ".efg":
        return _efg("read_efg")(path)
    text = read_text(path)
    if ext == ".json":
        from negotiation_sim.io.json_format import game_from_json

        return game_from_json(text)
    from negotiation_sim.io.nfg import parse_nfg

    return parse_nfg(text)


def write_game(game: Any, path: str | os.PathLike) -> None:
    """Write a game to a ``.json``, ``.nfg`` or ``.efg`` file (chosen by extension).

    ``.json`` is negotiation_sim's own lossless format; ``.nfg`` is Gambit's
    payoff version (names and title kept); ``.efg`` is for game trees.
    Reading the file back with :func:`read_game` gives an equal game.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import negotiation_sim as ns
    >>> g = ns.models.chicken(0, -1, 1, -10)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "chicken.nfg"
    >>> ns.write_game(g, path)
    >>> ns.read_game(path) == g
    True
    """
    ext = _extension(path)
    if ext == ".efg":
        _efg("write_efg")(game, path)
        return
    if not isinstance(game, NormalFormGame):
        msg = f"only a NormalFormGame can be written to {ext}, not a {type(game).__name__} (use .efg for trees)"
        raise UnsupportedMethodError(msg)
    if ext == ".json":
        from negotiation_sim.io.json_format import game_to_json

        text = game_to_json(game)
    else:
        from negotiation_sim.io.nfg import format_nfg

        text = format_nfg(game)
    Path(path).write_text(text, encoding="utf-8")
