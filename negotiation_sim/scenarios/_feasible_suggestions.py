"""Feasible suggestions: how much costless talk can tell (Crawford and Sobel 1982).

"In my opinion, some of his (Macron's) suggestions are feasible and could
serve as a foundation." Putin knows how far Russia would really compromise
(the state, uniform on [0, 1]); his words cost nothing, and he would like
the West to believe Russia's position is further from compromise than it is
(his bias). Talk then conveys only which of a few ranges the position lies
in, and nothing once the bias reaches 1/4
(:class:`negotiation_sim.models.CheapTalk`). France, relaying messages as a
mediator who filters and adds noise (Goltsman et al. 2009), can convey more.
"""

from __future__ import annotations

from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_FEASIBLE, Q_MEDIATOR, Q_READY_TO_COMPROMISE
from negotiation_sim.models.cheap_talk import CheapTalk
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["FeasibleSuggestions", "feasible_suggestions"]


@attrs.frozen(repr=False)
class FeasibleSuggestions(Scenario):
    """Putin's talk as Crawford-Sobel cheap talk, with France as a possible mediator.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.feasible_suggestions().solve().outcomes
    >>> out["max_intervals"], round(out["west_loss"], 4), round(out["west_loss_mediated"], 4)
    (2.0, 0.0308, 0.03)
    """

    name = "feasible_suggestions"
    title = "Feasible suggestions: what costless talk can convey"
    quote = Q_FEASIBLE

    bias: float = parameter(
        0.1, doc="how far Putin would like the West to place Russia's position beyond the truth", low=0,
        low_open=True, quote=Q_READY_TO_COMPROMISE,
    )

    def build(self) -> CheapTalk:
        """The :class:`~negotiation_sim.models.CheapTalk` model."""
        return CheapTalk(bias=self.bias)

    def solve(self) -> ScenarioResult:
        """The most informative equilibrium and the optimal mediator."""
        sol = self.build().solve()
        outcomes = {
            "max_intervals": sol.max_partitions, "babbling": float(sol.babbling),
            "first_boundary": float(sol.boundaries[1]), "west_loss": sol.receiver_loss,
            "russia_loss": sol.sender_loss, "west_loss_mediated": sol.mediated_receiver_loss,
            "mediation_gain": sol.mediation_gain, "west_loss_no_talk": 1.0 / 12.0,
        }
        return ScenarioResult(self, closed_form_equilibria(), outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        n = int(o["max_intervals"])
        if o["babbling"]:
            talk = (f"With a bias of {format_prob(self.bias)} (at least 1/4) the talk is babbling: \u201cfeasible\u201d "
                    "tells the West nothing, and its expected loss stays at 1/12 = 0.08333.")
        else:
            talk = (f"With a bias of {format_prob(self.bias)} the most the talk can do is say in which of {n} "
                    f"ranges Russia's position lies (the first ends at {format_prob(o['first_boundary'])}); the "
                    f"West's expected loss is {format_prob(o['west_loss'])} instead of 1/12 = 0.08333 without talk.")
        if o["mediation_gain"] > 1e-12:
            med = (f"With France relaying the messages as an optimal mediator (\u201c{Q_MEDIATOR}\u201d) the loss "
                   f"falls to {format_prob(o['west_loss_mediated'])}.")
        else:
            med = "From a bias of 1/2 on, not even an optimal mediator can get information across."
        return "\n".join([
            f"{self.title}.",
            f"The article: {self.quote}",  # the quote carries its own quotation marks
            talk,
            med,
            "What would change it: a larger bias never adds ranges (at most ceil(-1/2 + sqrt(1 + 2/b)/2) "
            "of them); talk becomes babbling at a bias of 1/4, mediated talk at 1/2.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    def plot(self, ax: Any = None, **kwargs: Any):
        """The equilibrium partitions (:func:`negotiation_sim.plotting.cheap_talk_partitions`)."""
        from negotiation_sim.plotting import cheap_talk_partitions

        return cheap_talk_partitions(self.build(), names=("Putin", "the West"), ax=ax, **kwargs)


def feasible_suggestions(**params: Any) -> FeasibleSuggestions:
    """The cheap-talk scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.feasible_suggestions(bias=0.3).solve().outcomes["babbling"]
    1.0
    """
    return FeasibleSuggestions(**params)
