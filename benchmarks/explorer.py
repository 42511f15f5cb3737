"""The notebook explorer: one slider move (re-solve + redraw with the Agg backend) per scenario.

Every scenario is a contender of one case, so that the scenarios' moves are
interleaved. A call moves the next slider (in turn) to 35% or 65% of its
current range, alternately, through ``Explorer.set`` as a user's drag would.
There is no peer: the note gives the target (100 ms).
"""

from __future__ import annotations

from benchmarks.harness import Contender, Section

TARGET = 0.1  # seconds


def names() -> list[str]:
    """The scenarios (the run lists them before the worker starts: contenders are named at run time)."""
    import negotiation_sim as ns

    return list(ns.scenarios.names())


class _Mover:
    """Calls that move an explorer's sliders one after the other, and count the refused moves."""

    def __init__(self, name: str) -> None:
        import matplotlib

        matplotlib.use("Agg")
        import negotiation_sim as ns

        self.explorer = ns.explore(ns.scenarios.get(name))
        self.names = list(self.explorer.sliders)
        self.k = 0
        self.refused = 0

    def __call__(self) -> int:
        name = self.names[self.k % len(self.names)]
        slider = self.explorer.sliders[name]
        frac = 0.35 if (self.k // len(self.names)) % 2 == 0 else 0.65
        value = slider.min + frac * (slider.max - slider.min)
        if isinstance(slider.value, int) and not isinstance(slider.value, bool):
            value = round(value)
        self.k += 1
        self.explorer.set(**{name: value})
        self.refused += self.explorer.error is not None
        return self.refused


def contender(name: str) -> Contender:
    return Contender(name, "negotiation_sim", lambda _x, name=name: _Mover(name),
                     lambda refused, _x: refused, role="info")


def _check(params: dict, results: dict[str, list]) -> dict[str, dict]:
    return {n: {"note": f"refused moves during warm-up: {r[0]}"} for n, r in results.items() if r}


SECTIONS = {
    "explorer": Section(
        "explorer", "Explorer: one slider move per scenario (re-solve + redraw, Agg)",
        "Each scenario's explorer is built untimed; a call is one slider move. Target: under 100 ms; "
        "no peer, so no ratio.",
        (), lambda params: [None], _check, make_contender=contender),
}
