"""Six hours of talks: Rubinstein's alternating offers, with war as both sides' outside option.

"President Macron has been talking to me for nearly six hours \u2013 almost
torturing me!" Russia and the West take turns proposing how to divide the
stake (France relays the offers); every round of delay costs each side its
discount factor. A responder may instead walk out to war, which is both
sides' outside option at once: Russia expects ``b_R = p - c_R`` from it, the
West ``b_W = 1 - p_W - c_W``, where ``p`` is Russia's own estimate of its
chance of winning and ``p_W = p - optimism`` the West's estimate of it (each
option floored at 0: a war worth less than nothing is never chosen over a
share of the stake). The model is :class:`negotiation_sim.models.Rubinstein`
with Russia proposing first and both options.

Why alternating offers predict an immediate deal: with complete information
each side knows what the other accepts, and delay shrinks what both get, so
Russia's first offer gives the West exactly what rejecting is worth to it
(waiting, or walking out) and is accepted. Without options Russia gets
``(1 - d_W)/(1 - d_R d_W)``; an option changes the split only when it beats
the value of waiting (the outside option principle). A deal exists as long as
some division gives both at least their options, ``b_R + b_W <= 1``. With war
as both options, ``b_R + b_W = 1 - c_R - c_W + optimism``: while war is
costly and both sides read the balance of force alike, there is always a deal
(Fearon 1995). The article's "no deal" needs ``optimism > c_R + c_W``:
Russia rates its chances of winning higher than the West does by more than
the two costs of war together (mutual optimism: Blainey 1973, *The Causes of
War*; Fearon 1995 on private information). Even then the model predicts an immediate walk-out, not six hours of
talks: delay itself needs private information, which this model does not have.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import NATO, Q_COLDLY, Q_SIX_HOURS, Q_TORTURE, Q_TROOPS, Russia
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["MarathonTalks", "marathon_talks"]

_OPTIMISM_NOTE = (
    "Russia's estimate of its chance of winning a war minus the West's estimate of it (mutual optimism: "
    "Blainey 1973; Fearon 1995, section on private information). 0 = both read the balance of force alike. The article allows that "
    "Putin misjudges (\u201cthis doesn\u2019t mean that he never makes mistakes\u201d) but gives no number."
)


@attrs.frozen(repr=False)
class MarathonTalks(Scenario):
    """Alternating offers between an impatient Russia and a patient West, war as both sides' option.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.marathon_talks().solve().outcomes
    >>> round(out["share_russia"], 4), out["russia_option_binds"]   # 1 - 0.9 * (1 - 0.5)
    (0.55, 1.0)
    >>> round(out["no_options_share_russia"], 4)                    # 0.1 / 0.28
    0.3571
    """

    name = "marathon_talks"
    title = "Six hours of talks: alternating offers with war as an outside option"
    quote = Q_TORTURE

    russia_patience: float = parameter(
        Russia().patience, doc="Russia's discount factor per round", low=0, high=1, low_open=True,
        high_open=True, quote=Q_TORTURE,
    )
    west_patience: float = parameter(
        NATO().patience, doc="the West's discount factor per round", low=0, high=1, low_open=True,
        high_open=True, note=NATO().specs["patience"].note,
    )
    win_probability: float = parameter(
        Russia().win_probability, doc="Russia's estimate of its probability of winning a war", low=0, high=1,
        quote=Q_TROOPS,
    )
    russia_war_cost: float = parameter(
        0.1, doc="Russia's cost of war, as a share of the stake (below the West's)", low=0, quote=Q_COLDLY,
    )
    west_war_cost: float = parameter(
        0.3, doc="the West's cost of war, as a share of the stake (above Russia's)", low=0, quote=Q_COLDLY,
    )
    optimism: float = parameter(
        0.0, doc="Russia's estimate of its chance of winning minus the West's estimate", low=-1, high=1,
        note=_OPTIMISM_NOTE,
    )

    def validate(self) -> None:
        """The West's estimate of Russia's chance of winning, ``win_probability - optimism``, is a probability."""
        west = self.win_probability - self.optimism
        if not 0.0 <= west <= 1.0:
            msg = (
                f"win_probability - optimism (the West's estimate of Russia's chance of winning) must be in "
                f"[0, 1], got {self.win_probability!r} - {self.optimism!r} = {west!r}"
            )
            raise InvalidParameterError(msg)

    @property
    def russia_option(self) -> float:
        """Russia's value of walking out to war: ``max(0, p - c_R)``."""
        return max(0.0, self.win_probability - self.russia_war_cost)

    @property
    def west_option(self) -> float:
        """The West's value of walking out to war by its own estimate: ``max(0, 1 - (p - optimism) - c_W)``."""
        return max(0.0, 1.0 - (self.win_probability - self.optimism) - self.west_war_cost)

    @property
    def outside_option(self) -> float:
        """The West's outside option (the name of the first version; see :attr:`west_option`)."""
        return self.west_option

    def build(self):
        """The :class:`negotiation_sim.models.Rubinstein` model: Russia proposes first, both may walk out."""
        from negotiation_sim.models import Rubinstein

        return Rubinstein(self.russia_patience, self.west_patience, outside_option2=self.west_option,
                          outside_option1=self.russia_option)

    def solve(self) -> ScenarioResult:
        """The first-round outcome: agreement, shares, payoffs, each side's option and whether it binds."""
        model = self.build()
        sol = model.solve()
        plain = attrs.evolve(model, outside_option1=None, outside_option2=None).solve()
        outcomes = {
            "agreement": float(sol.agreement), "share_russia": sol.share1, "share_west": sol.share2,
            "payoff_russia": sol.payoff1, "payoff_west": sol.payoff2,
            "russia_option": self.russia_option, "west_option": self.west_option,
            "russia_option_binds": float(sol.option1_binds), "west_option_binds": float(sol.option_binds),
            "no_options_share_russia": plain.share1,
        }
        return ScenarioResult(self, closed_form_equilibria(), outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        b_r, b_w = o["russia_option"], o["west_option"]
        west_p = self.win_probability - self.optimism
        lines = [
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d Russia discounts each round by {format_prob(self.russia_patience)}, "
            f"the West by {format_prob(self.west_patience)}.",
            f"Walking out means war, both sides' outside option: Russia expects {format_prob(b_r)} from it (it puts "
            f"its chance of winning at {format_prob(self.win_probability)}, its cost of war at "
            f"{format_prob(self.russia_war_cost)}), the West {format_prob(b_w)} (it puts Russia's chance at "
            f"{format_prob(west_p)}, its own cost of war at {format_prob(self.west_war_cost)}).",
        ]
        if o["agreement"]:
            lines.append(
                "Alternating offers predict a deal in the first round: delay shrinks what both get and each side "
                "knows what the other accepts, so Russia offers the West exactly what rejecting is worth to it. "
                f"Russia gets {format_prob(o['share_russia'])} of the stake and the West "
                f"{format_prob(o['share_west'])} (without outside options Russia would get "
                f"{format_prob(o['no_options_share_russia'])})."
            )
            lines.append(self._binding_sentence(o))
        else:
            lines.append(
                f"No deal (\u201c{Q_SIX_HOURS}\u201d): the two options add up to {format_prob(b_r + b_w)}, more "
                "than the stake, so no division gives both what war gives them; the West walks out at the first "
                f"offer, Russia expecting {format_prob(o['payoff_russia'])} and the West "
                f"{format_prob(o['payoff_west'])} from the war."
            )
        lines.append(
            f"A deal exists exactly when the options add up to at most the stake (now {format_prob(b_r + b_w)}); "
            "with both options positive that fails only when Russia's optimism about winning exceeds the two "
            f"costs of war together ({format_prob(self.russia_war_cost + self.west_war_cost)}; optimism is now "
            f"{format_prob(self.optimism)}). Even then the model predicts an immediate walk-out, not six hours "
            "of talks: delay needs private information, which this model leaves out."
        )
        lines.append(
            "What would change it: while no option binds, patience is bargaining power (Russia's share rises with "
            "its discount factor and falls with the West's); once Russia's option binds its share is "
            "1 - d_West (1 - option), which rises with its option and no longer depends on its own patience."
        )
        lines.append("Parameters and their sources:\n" + self.provenance_text())
        return "\n".join(lines)

    def _binding_sentence(self, o: Mapping[str, float]) -> str:
        if o["russia_option_binds"] and o["west_option_binds"]:
            return ("Both options bind: the West gets exactly its option of war and Russia keeps the rest.")
        if o["west_option_binds"]:
            return (f"The West's option of war ({format_prob(o['west_option'])}) binds: it gets exactly that; "
                    f"Russia's ({format_prob(o['russia_option'])}) does not.")
        if o["russia_option_binds"]:
            return (f"Russia's option of war ({format_prob(o['russia_option'])}) binds: when the West proposes it "
                    "must offer Russia that much, more than waiting is worth to Russia, which raises what Russia "
                    f"can ask as first proposer; the West's option ({format_prob(o['west_option'])}) does not bind.")
        return (f"Neither option of war (Russia {format_prob(o['russia_option'])}, the West "
                f"{format_prob(o['west_option'])}) beats the value of waiting, so neither changes the split.")

    def plot(self, ax: Any = None, **kwargs: Any):
        """Shares against Russia's patience (Rubinstein, with both options)."""
        from negotiation_sim.plotting import rubinstein_shares

        return rubinstein_shares(self.build(), players=("Russia", "the West"), ax=ax, **kwargs)


def marathon_talks(**params: Any) -> MarathonTalks:
    """The six-hours-of-talks scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.marathon_talks(optimism=0.45).solve().outcomes["agreement"]   # 0.45 > 0.1 + 0.3
    0.0
    """
    return MarathonTalks(**params)
