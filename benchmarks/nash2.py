"""Two-player games: all extreme equilibria (random games), missed equilibria (degenerate games), memory.

Every contender's timed call starts from the two payoff matrices as NumPy
arrays and ends with the list of equilibria: building the library's game
object is part of the call, as it is for a user.
"""

from __future__ import annotations

from typing import Any

from benchmarks import equilibria as eqs
from benchmarks.harness import Contender, Section

OURS = "ours: ns.solve(NormalFormGame.from_arrays(A, B))"
OURS_EXACT = "ours: ns.solve(..., exact=True)"
GAMBIT = "pygambit enummixed_solve(rational=False)"
GAMBIT_EXACT = "pygambit enummixed_solve(rational=True)"
QE_VERTEX = "quantecon vertex_enumeration"
QE_SUPPORT = "quantecon support_enumeration"
NASHPY = "nashpy vertex_enumeration"

#: Sizes above which the slow peers are not run (support enumeration grows as 4^n; nashpy's vertex
#: enumeration in pure Python takes seconds per 6x6 game). Change them with --support-max, --nashpy-max.
LIMITS = {"support_max": 10, "nashpy_max": 6}


def random_games(params: dict) -> list:
    """``games`` seeded games of size n x n, payoffs uniform on [0, 1) (generic: non-degenerate)."""
    import numpy as np

    rng = np.random.default_rng([params["seed"], params["n"]])
    return [tuple(rng.random((2, params["n"], params["n"]))) for _ in range(params["games"])]


def integer_games(params: dict) -> list:
    """``games`` seeded n x n games with payoffs in {0, ..., values - 1}: degenerate almost always."""
    import numpy as np

    rng = np.random.default_rng([params["seed"], params["n"], params["values"]])
    n = params["n"]
    return [tuple(rng.integers(0, params["values"], size=(2, n, n)).astype(float))
            for _ in range(params["games"])]


# --------------------------------------------------------------------------- contenders' calls


def _ours(exact: bool = False):
    def prepare(game: tuple) -> Any:
        import negotiation_sim as ns

        a, b = game
        options = {"exact": True} if exact else {}  # the default call is the user's plain path
        return lambda: ns.solve(ns.NormalFormGame.from_arrays(a, b), **options)

    return prepare


def _gambit_game(a: Any, b: Any) -> Any:
    import pygambit as gbt

    # pygambit 17 builds strategic games with StrategicGame.from_arrays (Game.from_arrays before).
    return getattr(gbt, "StrategicGame", gbt.Game).from_arrays(a, b)


class _GambitResult:
    """The game and pygambit's profiles, so that ``canon`` can read them by strategy."""

    def __init__(self, game: Any, profiles: Any) -> None:
        self.game, self.profiles = game, profiles


def _gambit(rational: bool):
    def prepare(game: tuple) -> Any:
        import pygambit as gbt

        a, b = game

        def call() -> _GambitResult:
            g = _gambit_game(a, b)
            return _GambitResult(g, gbt.nash.enummixed_solve(g, rational=rational).equilibria)

        return call

    return prepare


def _gambit_canon(res: _GambitResult, _input: Any) -> list:
    return eqs.gambit_profiles(res.game, res.profiles)


def _quantecon(which: str):
    def prepare(game: tuple) -> Any:
        import numpy as np
        import quantecon.game_theory as gt

        solver = getattr(gt, which)
        payoffs = np.stack(game, axis=-1)
        return lambda: solver(gt.NormalFormGame(payoffs))

    return prepare


def _nashpy(game: tuple) -> Any:
    import nashpy

    a, b = game
    return lambda: list(nashpy.Game(a, b).vertex_enumeration())


def _ours_canon(res: Any, _input: Any) -> list:
    return eqs.from_ours(res)


def _above(key: str, what: str):
    def limit(params: dict) -> str | None:
        top = params.get(key, LIMITS[key])
        return f"not run above {top}x{top} ({what}; --{key.replace('_', '-')})" if params["n"] > top else None

    return limit


def _contenders(exact: bool) -> tuple[Contender, ...]:
    out = [Contender(OURS, "negotiation_sim", _ours(), _ours_canon, role="ours")]
    if exact:
        out.append(Contender(OURS_EXACT, "negotiation_sim", _ours(exact=True), _ours_canon, role="ours-ref"))
    out.append(Contender(GAMBIT, "pygambit", _gambit(False), _gambit_canon))
    if exact:
        out.append(Contender(GAMBIT_EXACT, "pygambit", _gambit(True), _gambit_canon))
    out += [
        Contender(QE_VERTEX, "quantecon", _quantecon("vertex_enumeration"), eqs.arrays,
                  first_call_allowance=120.0),
        Contender(QE_SUPPORT, "quantecon", _quantecon("support_enumeration"), eqs.arrays,
                  limit=_above("support_max", "support enumeration grows as 4^n"), first_call_allowance=120.0),
        Contender(NASHPY, "nashpy", _nashpy, eqs.arrays,
                  limit=_above("nashpy_max", "pure Python, seconds per 6x6 game")),
    ]
    return tuple(out)


def _check_random(params: dict, results: dict[str, list]) -> dict[str, dict]:
    return eqs.agreement(results, [OURS, GAMBIT, QE_VERTEX])


def _check_degenerate(params: dict, results: dict[str, list]) -> dict[str, dict]:
    """Missed and extra equilibria of each contender against the exact oracle (Gambit's rational enummixed)."""
    oracle = next((n for n in (GAMBIT_EXACT, OURS_EXACT) if results.get(n)), None)
    if oracle is None:
        return {n: {"note": "no exact oracle ran"} for n in results}
    out = {}
    total = sum(len(eqs.unique(r)) for r in results[oracle])
    for name, per_game in results.items():
        missed = extra = games_missing = 0
        for found, ref in zip(per_game, results[oracle]):
            m, e = eqs.compare(found, ref)
            missed, extra, games_missing = missed + m, extra + e, games_missing + (m > 0)
        note = "oracle" if name == oracle else (
            f"missed {missed}/{total} (on {games_missing}/{len(per_game)} games), extra {extra}")
        out[name] = {"note": note, "missed": missed, "extra": extra, "oracle_total": total,
                     "oracle": oracle, "games": len(per_game)}
    return out


SECTIONS = {
    "two_player": Section(
        "two_player", "2-player games: every extreme equilibrium of random games",
        "Seeded games with payoffs uniform on [0, 1) (non-degenerate), the same games for every "
        "contender. A call builds the library's game from the two NumPy matrices and lists every "
        "extreme equilibrium. The note compares each contender's equilibria with ours (within 1e-6).",
        _contenders(exact=False), random_games, _check_random),
    "degenerate": Section(
        "degenerate", "2-player degenerate games: missed equilibria against an exact oracle",
        "Seeded games with integer payoffs in {0, 1, 2} (degenerate). The oracle is pygambit's "
        "enummixed_solve(rational=True) (exact rational arithmetic); 'missed' counts its extreme "
        "equilibria a contender does not return within 1e-6, 'extra' the contender's equilibria it "
        "does not list.",
        _contenders(exact=True), integer_games, _check_degenerate),
    "memory": Section(
        "memory", "Peak memory of solving one random game (ru_maxrss of a fresh process)",
        "A fresh process imports the library and solves one seeded random game; 'import only' is the "
        "same process without the solve. Ratio = peer's peak / ours (above 1: we use less).",
        tuple(c for c in _contenders(exact=False) if c.name in (OURS, GAMBIT, QE_VERTEX)),
        random_games),
}
