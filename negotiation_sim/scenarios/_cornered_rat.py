"""The cornered rat: a Russia in the domain of losses takes a gamble it would refuse from today's order.

"In his book "The First Person", published in 2000, Putin describes an
episode from his childhood ... Putin mentions how scared he was when the
cornered rat rushed at him." A side with no exit accepts risks it would
otherwise refuse. Russia chooses between backing down (accepting today's
order, outcome 0) and escalating: with probability ``p_win`` it gains
``win_gain`` (back towards the 1997 order), otherwise it loses
``war_loss``. It values outcomes by cumulative prospect theory
(:class:`negotiation_sim.models.ProspectCrisis`, Tversky and Kahneman 1992)
around a reference point: ``reference = 0`` is today's order ("you cannot
question what already exists"); ``reference = win_gain`` is the 1997 order
("this time machine could return things to the moment in 1997"), from
which backing down is a loss. The same gamble, refused from today, is taken
from 1997. Gambling for resurrection (Downs and Rocke 1994) is shown beside
it: a leader who keeps office (worth ``office_value``) only if escalation
succeeds, a climb-down removing it, gambles even when the country would not.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_CALCULATIVE, Q_CANNOT_QUESTION, Q_RAT, Q_TIME_MACHINE
from negotiation_sim.scenarios._base import (
    Scenario,
    ScenarioResult,
    closed_form_equilibria,
    independent_of,
)
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["CorneredRat", "cornered_rat"]


@attrs.frozen(repr=False)
class CorneredRat(Scenario):
    """Escalation valued by prospect theory, from today's order or from the 1997 order.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.cornered_rat().solve().outcomes
    >>> out["takes_gamble"], out["takes_gamble_today"], out["takes_gamble_1997"]
    (1.0, 0.0, 1.0)
    """

    name = "cornered_rat"
    title = "The cornered rat: risk seeking in the domain of losses"
    quote = Q_RAT

    reference: float = parameter(
        1.0, doc="Russia's reference point (0: today's order; win_gain: the 1997 order)", low=-2, high=2,
        quote=Q_TIME_MACHINE,
    )
    p_win: float = parameter(0.4, doc="probability that escalation succeeds", low=0, high=1, quote=Q_CALCULATIVE)
    win_gain: float = parameter(1.0, doc="gain from a successful escalation (return towards 1997)", low=0,
                                low_open=True, high=10, quote=Q_TIME_MACHINE)
    war_loss: float = parameter(1.0, doc="loss from a failed escalation", low=0, low_open=True, high=10,
                                note="a failed escalation costs as much as the stake would bring (1): the "
                                     "article gives no figure for it.")
    loss_aversion: float = parameter(
        2.25, doc="how much more a loss weighs than a gain of the same size", low=0, low_open=True, high=10,
        note="Tversky and Kahneman's (1992) estimate, 2.25.",
    )
    office_value: float = parameter(
        1.0, doc="the leader's value of keeping office (kept only if escalation succeeds)", low=0,
        high=10, note="Downs and Rocke (1994): leaders removed after a bad outcome; the size is illustrative.",
    )

    def build(self):
        """The :class:`negotiation_sim.models.ProspectCrisis` at this reference point."""
        from negotiation_sim.models import ProspectCrisis

        return ProspectCrisis(outcomes=(self.win_gain, -self.war_loss), probs=(self.p_win, 1 - self.p_win),
                              sure=0.0, reference=self.reference, loss_aversion=self.loss_aversion)

    @independent_of("reference")
    def switch_reference(self) -> float:
        """The reference point above which the gamble is taken (NaN if it is never or always taken on [-2, 2]).

        Found by scanning [-2, 2] (81 points, up to the first change of sign
        of the gamble's prospect value minus the sure outcome's) and bisecting
        that change until the bracket's ends are adjacent floats.
        """
        model = self.build()  # built once: only its reference point moves
        grid = np.linspace(-2.0, 2.0, 81)
        previous = model.gap_at(float(grid[0]))
        for k in range(1, len(grid)):
            gap = model.gap_at(float(grid[k]))
            if previous <= 0 < gap:
                lo, hi = grid[k - 1], grid[k]
                break
            previous = gap
        else:
            return float("nan")
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            if mid == lo or mid == hi:  # adjacent floats: no further step would change the bracket
                break
            lo, hi = (mid, hi) if model.gap_at(mid) <= 0 else (lo, mid)
        return float(hi)

    def solve(self) -> ScenarioResult:
        """Whether Russia escalates at its reference point, from today's order and from 1997."""
        model = self.build()
        sol = model.solve()
        res = model.resurrection(office_value=self.office_value, removal_below=self.win_gain)
        outcomes = {
            "takes_gamble": float(sol.takes_gamble),
            "value_gamble": sol.value_gamble, "value_sure": sol.value_sure,
            "expected_gamble": sol.expected_gamble,
            "takes_gamble_today": float(attrs.evolve(model, reference=0.0).solve().takes_gamble),
            "takes_gamble_1997": float(attrs.evolve(model, reference=self.win_gain).solve().takes_gamble),
            "switch_reference": self.switch_reference(),
            "gambling_for_resurrection": float(res.gambling_for_resurrection),
        }
        if np.isnan(outcomes["switch_reference"]):
            outcomes["switch_reference"] = float("inf") if outcomes["takes_gamble_today"] == 0 else float("-inf")
        return ScenarioResult(self, closed_form_equilibria("A single decision valued by prospect theory."),
                              outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        choice = "escalates" if o["takes_gamble"] else "backs down"
        ev = "below" if o["expected_gamble"] < 0 else "at least"
        lines = [
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            f"Escalation gains {format_prob(self.win_gain)} with probability {format_prob(self.p_win)} and loses "
            f"{format_prob(self.war_loss)} otherwise: its expected outcome, {format_prob(o['expected_gamble'])}, is "
            f"{ev} that of backing down (0).",
            f"From the reference point {format_prob(self.reference)} Russia {choice} (prospect values "
            f"{format_prob(o['value_gamble'])} for escalating, {format_prob(o['value_sure'])} for backing down).",
            f"From today's order (\u201c{Q_CANNOT_QUESTION}\u201d) it "
            f"{'escalates' if o['takes_gamble_today'] else 'backs down'}; from the 1997 order, where backing down "
            f"is a loss, it {'escalates' if o['takes_gamble_1997'] else 'backs down'}.",
        ]
        if np.isfinite(o["switch_reference"]):
            lines.append(f"It escalates exactly when its reference point lies above "
                         f"{format_prob(o['switch_reference'])}.")
        lines += [
            ("A leader who keeps office only if escalation succeeds gambles for resurrection: it escalates "
             "although the country, valuing the expected outcome only, would not."
             if o["gambling_for_resurrection"] else
             "A leader who keeps office only if escalation succeeds does not gamble against the country's "
             "interest here: both judge the gamble alike by expected value."),
            "What would change it: a reference point below the switch (accepting what already exists) makes "
            "Russia back down; a larger loss aversion makes the mixed gamble from today's order less attractive.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ]
        return "\n".join(lines)

    def plot(self, ax: Any = None, **kwargs: Any):
        """The value function around the reference point with the two options marked."""
        from negotiation_sim.plotting.time import prospect_curves

        return prospect_curves(self.build(), ax=ax, **kwargs)


def cornered_rat(**params: Any) -> CorneredRat:
    """The cornered-rat scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.cornered_rat(reference=0.0).solve().outcomes["takes_gamble"]
    0.0
    """
    return CorneredRat(**params)
