"""The crisis trees that :func:`strategic_logit` estimates, as Kenkel & Signorino's ``games`` names them.

Each tree is a finite game of perfect information in which every decision
node has two actions, L and R. Utilities are named as in the R package
``games`` (Kenkel & Signorino 2014): ``u<player><node>``, where the node is
the number of the terminal in that package's figures. A utility that the
game fixes at 0 (as a normalisation: only differences of utilities are
identified) has no name and can never be estimated.

``one_decision``
    One actor chooses between outcome 0 (utility 0) and outcome 1 (``u1``).
``egame12``
    The three-outcome game of ``egame12`` in ``games``, Signorino's (1999)
    simple crisis interaction model: player 1 moves L (outcome 0, ``u11``:
    the status quo) or R (a challenge); player 2 then moves L (outcome 1:
    ``u13`` for 1, 0 for 2; it concedes) or R (outcome 2: ``u14`` for 1,
    ``u24`` for 2; it fights).
``egame122``
    Player 1 moves L or R, then player 2 moves L or R after either: outcomes
    0-3 are LL, LR, RL, RR, with ``u11, u12, u13, u14`` for player 1 and
    ``0, u22, 0, u24`` for player 2.
``egame123``
    The four-outcome crisis (deterrence) game, ``egame123`` in ``games``:
    player 1 keeps the status quo (outcome 0, ``u11``) or challenges; player
    2 concedes (outcome 1: ``u13``, ``u23``) or resists; player 3 then backs
    down (outcome 2: ``u15``, ``u25``, 0) or goes to war (outcome 3:
    ``u16``, ``u26``, ``u36``). Player 3 is the third *agent*: read as a
    deterrence game it is the challenger moving a second time, and the
    agent-error model gives each node its own error and its own utility
    equation, so ``u36`` is estimated separately from ``u16 - u15``.

References
----------
Signorino, C. S. (1999). "Strategic Interaction and the Statistical Analysis
of International Conflict." *APSR* 93(2): 279-297.
Kenkel, B. & Signorino, C. S. (2014). ``games``: Statistical Estimation of
Game-Theoretic Models, R package (``egame12``, ``egame122``, ``egame123``).
Lewis, J. B. & Schultz, K. A. (2003). "Revealing Preferences: Empirical
Estimation of a Crisis Bargaining Game with Incomplete Information."
*Political Analysis* 11(4): 345-367 (identification).

Examples
--------
>>> from negotiation_sim.estimate import strategic_game
>>> g = strategic_game("egame12")
>>> g.utilities
('u11', 'u13', 'u14', 'u24')
>>> print(g.describe())
egame12: 2 players, 3 outcomes. Player 1 chooses L (outcome 0) or R; after R, player 2 chooses L (outcome 1) or R (outcome 2). Utilities (player 1, player 2): outcome 0: u11, -; outcome 1: u13, 0; outcome 2: u14, u24.
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim.errors import UnknownNameError

__all__ = ["StrategicGame", "strategic_game", "GAMES"]


@attrs.frozen
class Node:
    """A decision node: its owner and its two children (``("node", j)`` or ``("outcome", k)``)."""

    player: int
    left: tuple[str, int]
    right: tuple[str, int]


@attrs.frozen(eq=False)
class StrategicGame:
    """A binary-choice crisis tree whose utilities are estimated.

    Attributes
    ----------
    name : str
    n_players : int
    nodes : tuple of Node
        Root first; every child node comes after its parent.
    payoffs : tuple of tuple
        ``payoffs[player][outcome]``: the utility's name, ``None`` for one
        fixed at 0, or ``"-"`` where the player has no move after that
        outcome could still be changed (unidentified, so never used).
    summary : str
        One sentence on the moves.
    """

    name: str
    n_players: int
    nodes: tuple[Node, ...]
    payoffs: tuple[tuple[Any, ...], ...]
    summary: str

    @property
    def n_outcomes(self) -> int:
        return len(self.payoffs[0])

    @property
    def utilities(self) -> tuple[str, ...]:
        """The names of the utilities that can be estimated, in ``games``' order."""
        return _ORDER[self.name]

    def outcomes_below(self, node: int) -> tuple[int, ...]:
        """The outcomes reachable from ``node``, left to right."""
        out: list[int] = []
        for kind, j in (self.nodes[node].left, self.nodes[node].right):
            out += [j] if kind == "outcome" else list(self.outcomes_below(j))
        return tuple(out)

    def path(self, outcome: int) -> tuple[tuple[int, int], ...]:
        """The ``(node, action)`` pairs (action 0 = L, 1 = R) that lead to ``outcome``."""
        for i, node in enumerate(self.nodes):
            for side, child in enumerate((node.left, node.right)):
                if child == ("outcome", outcome):
                    return (*self._path_to(i), (i, side))
        msg = f"{self.name} has no outcome {outcome}"
        raise UnknownNameError(msg)

    def _parent(self, node: int) -> int | None:
        for i, nd in enumerate(self.nodes):
            if ("node", node) in (nd.left, nd.right):
                return i
        return None

    def _path_to(self, node: int) -> tuple[tuple[int, int], ...]:
        """The ``(node, action)`` pairs from the root down to (and into) ``node``."""
        parent = self._parent(node)
        if parent is None:
            return ()
        side = 0 if self.nodes[parent].left == ("node", node) else 1
        return (*self._path_to(parent), (parent, side))

    def top_nodes(self) -> tuple[int, ...]:
        """The nodes with no ancestor of the same player.

        Shifting that player's utility at every outcome below such a node by
        one amount changes none of its choices, so the shift is not identified.
        """
        return tuple(i for i, nd in enumerate(self.nodes)
                     if all(self.nodes[a].player != nd.player for a, _ in self._path_to(i)))

    def describe(self) -> str:
        """The tree and its utilities in words."""
        cells = []
        for k in range(self.n_outcomes):
            vals = ", ".join("0" if self.payoffs[p][k] is None else self.payoffs[p][k]
                             for p in range(self.n_players))
            cells.append(f"outcome {k}: {vals}")
        who = ", ".join(f"player {p + 1}" for p in range(self.n_players))
        return (f"{self.name}: {self.n_players} player{'s' if self.n_players > 1 else ''}, "
                f"{self.n_outcomes} outcomes. {self.summary} Utilities ({who}): {'; '.join(cells)}.")


_N, _O = "node", "outcome"

GAMES: dict[str, StrategicGame] = {
    "one_decision": StrategicGame(
        "one_decision", 1, (Node(0, (_O, 0), (_O, 1)),), ((None, "u1"),),
        "Player 1 chooses L (outcome 0) or R (outcome 1)."),
    "egame12": StrategicGame(
        "egame12", 2, (Node(0, (_O, 0), (_N, 1)), Node(1, (_O, 1), (_O, 2))),
        (("u11", "u13", "u14"), ("-", None, "u24")),
        "Player 1 chooses L (outcome 0) or R; after R, player 2 chooses L (outcome 1) or R (outcome 2)."),
    "egame122": StrategicGame(
        "egame122", 2, (Node(0, (_N, 1), (_N, 2)), Node(1, (_O, 0), (_O, 1)), Node(1, (_O, 2), (_O, 3))),
        (("u11", "u12", "u13", "u14"), (None, "u22", None, "u24")),
        "Player 1 chooses L or R; then player 2 chooses L or R (after L: outcomes 0, 1; after R: outcomes 2, 3)."),
    "egame123": StrategicGame(
        "egame123", 3, (Node(0, (_O, 0), (_N, 1)), Node(1, (_O, 1), (_N, 2)), Node(2, (_O, 2), (_O, 3))),
        (("u11", "u13", "u15", "u16"), ("-", "u23", "u25", "u26"), ("-", "-", None, "u36")),
        "Player 1 chooses L (outcome 0) or R; after R, player 2 chooses L (outcome 1) or R; "
        "after that, player 3 chooses L (outcome 2) or R (outcome 3)."),
}

_ORDER = {
    "one_decision": ("u1",),
    "egame12": ("u11", "u13", "u14", "u24"),
    "egame122": ("u11", "u12", "u13", "u14", "u22", "u24"),
    "egame123": ("u11", "u13", "u15", "u16", "u23", "u25", "u26", "u36"),
}


def strategic_game(name: str) -> StrategicGame:
    """The tree ``name`` (``"one_decision"``, ``"egame12"``, ``"egame122"`` or ``"egame123"``).

    Parameters
    ----------
    name : str

    Returns
    -------
    StrategicGame

    Raises
    ------
    UnknownNameError
        For any other name.

    Examples
    --------
    >>> strategic_game("egame123").utilities
    ('u11', 'u13', 'u15', 'u16', 'u23', 'u25', 'u26', 'u36')
    """
    if isinstance(name, StrategicGame):
        return name
    if name not in GAMES:
        msg = f"game must be one of {sorted(GAMES)}, got {name!r}"
        raise UnknownNameError(msg)
    return GAMES[name]
