"""The hostage-taker crisis: Russia's leverage is the West's belief that it would use force.

"Like a hostage-taker, he plays on the fact that others believe he is capable
of taking action to increase the pressure in negotiations." Nature makes
Russia resolved with prior probability ``leverage`` (the West's belief); Russia
threatens or keeps the status quo; the West concedes or resists; a resisted
Russia fights (if resolved) or backs down, paying an audience cost. The model
is :class:`negotiation_sim.models.CrisisSignaling` (closed form); the generic
perfect Bayesian equilibrium solver runs on the signalling game it builds.

With ``threshold = concession_cost / war_cost_target``, the West resists
exactly when its belief is at most the threshold. Above it, both types
threaten and the West concedes (no war). Below it, the unresolved type
bluffs just often enough to leave the West indifferent, and the West resists
just often enough to leave the bluffer indifferent: war happens when a
resolved Russia is resisted, ``p_war = leverage * stake / (stake + audience_cost)``,
which rises with leverage up to the threshold and drops to zero beyond.
The West's restraint ("they would not coldly choose to use force") is a large
``war_cost_target``: it lowers the threshold, so less leverage suffices.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import (
    NATO,
    Q_1997,
    Q_CALCULATIVE,
    Q_COLDLY,
    Q_HOSTAGE,
    Q_NO_CONCESSIONS,
    Q_SPHERE,
    Russia,
)
from negotiation_sim.scenarios._base import Scenario, ScenarioResult
from negotiation_sim.solvers.equilibrium import EquilibriumSet, format_prob
from negotiation_sim.solvers.solve import solve

__all__ = ["HostageTaker", "hostage_taker"]

_R, _N = Russia(), NATO()
OUTCOMES = ("p_war", "p_concede", "p_bluff_called", "p_threat", "bluff_prob", "resist_prob", "threshold")


@attrs.frozen(repr=False)
class HostageTaker(Scenario):
    """The hostage-taker crisis (a signalling game with one-sided incomplete information).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> res = ns.scenarios.hostage_taker().solve()
    >>> res.solution.kind
    'semi-separating'
    >>> round(res.outcomes["p_war"], 4)          # 0.3 * 1 / (1 + 0.5)
    0.2
    >>> ns.scenarios.hostage_taker(leverage=0.6).solve().outcomes["p_war"]   # above the threshold 0.4
    0.0
    """

    name = "hostage_taker"
    title = "The hostage-taker crisis: leverage from a belief in Russia's resolve"
    quote = Q_HOSTAGE

    leverage: float = parameter(
        _N.belief_resolve, doc="the West's belief that Russia is resolved", low=0, high=1, quote=Q_HOSTAGE
    )
    stake: float = parameter(_R.stake, doc="value to Russia of a concession", low=0, low_open=True, quote=Q_1997)
    concession_cost: float = parameter(
        _N.concession_cost, doc="the West's cost of conceding", low=0, low_open=True, quote=Q_SPHERE
    )
    war_cost_target: float = parameter(
        _N.war_cost, doc="the West's cost of war (its restraint)", low=0, low_open=True, quote=Q_COLDLY
    )
    audience_cost: float = parameter(
        _R.audience_cost, doc="Russia's cost of backing down after a threat", low=0, quote=Q_NO_CONCESSIONS
    )
    war_payoff_resolved: float = parameter(
        _R.win_probability * _R.stake - _R.war_cost,
        doc="a resolved Russia's payoff from war (win_probability * stake - war_cost)",
        quote=Q_CALCULATIVE,
    )
    war_payoff_unresolved: float = parameter(
        -1.0,
        doc="an unresolved Russia's payoff from war",
        note="an unresolved Russia finds war worse than backing down (below -audience_cost); -1 = losing the stake.",
    )

    @classmethod
    def from_actors(cls, russia: Russia | None = None, nato: NATO | None = None) -> HostageTaker:
        """The crisis between two actors' parameters (leverage = NATO's belief in Russia's resolve)."""
        r, n = russia or Russia(), nato or NATO()
        return cls(
            leverage=n.belief_resolve, stake=r.stake, concession_cost=n.concession_cost,
            war_cost_target=n.war_cost, audience_cost=r.audience_cost,
            war_payoff_resolved=r.win_probability * r.stake - r.war_cost,
        )

    def validate(self) -> None:
        """The model's own checks (e.g. the West's concession must cost less than war)."""
        self.build()

    def build(self):
        """The published model, :class:`negotiation_sim.models.CrisisSignaling`."""
        from negotiation_sim.models import CrisisSignaling

        return CrisisSignaling(
            prior=self.leverage, concession_cost=self.concession_cost, war_cost_target=self.war_cost_target,
            audience_cost=self.audience_cost, stake=self.stake, war_payoff_resolved=self.war_payoff_resolved,
            war_payoff_unresolved=self.war_payoff_unresolved,
        )

    def solve(self) -> ScenarioResult:
        """The closed-form equilibrium's outcomes, and every PBE of the signalling game.

        At leverage exactly 0 or 1 there is no uncertainty left and no
        signalling game to solve; the closed form still applies.
        """
        model = self.build()
        sol = model.solve()
        if 0 < self.leverage < 1:
            eqs = solve(model.game())
        else:
            eqs = EquilibriumSet([], complete=False, method="none", notes=("No uncertainty: no signalling game.",))
        outcomes = {k: getattr(sol, k) for k in OUTCOMES}
        outcomes.update(
            payoff_resolved=sol.payoff_resolved, payoff_unresolved=sol.payoff_unresolved,
            payoff_west=sol.payoff_target,
        )
        return ScenarioResult(self, eqs, outcomes, solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o, sol = result.outcomes, result.solution
        lines = [
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d The West's belief that Russia is resolved (the leverage) "
            f"is {format_prob(self.leverage)}; the West would concede rather than fight once that belief "
            f"exceeds concession_cost / war_cost_target = {format_prob(o['threshold'])}.",
        ]
        if sol.kind == "pooling":
            lines.append(
                "The leverage is above the threshold: both a resolved and an unresolved Russia threaten, and "
                "the West concedes. No war, no called bluff: the hostage-taker's threat works on belief alone."
            )
        else:
            lines.append(
                f"The leverage is below the threshold: a resolved Russia threatens; an unresolved one bluffs with "
                f"probability {format_prob(o['bluff_prob'])}, just enough to leave the West indifferent; the West "
                f"resists with probability {format_prob(o['resist_prob'])}, just enough to leave a bluffer "
                f"indifferent. War with probability {format_prob(o['p_war'])}, a bluff called with probability "
                f"{format_prob(o['p_bluff_called'])}, a concession with probability {format_prob(o['p_concede'])}."
            )
        lines.append(
            "What would change it: more leverage raises the probability of war until the threshold, where it "
            "drops to zero as the West gives in; a larger West cost of war (\u201cthey would not coldly choose to "
            "use force\u201d) lowers the threshold, so less leverage suffices."
        )
        if len(result.equilibria):
            lines.append(
                f"The generic perfect Bayesian solver finds {len(result.equilibria)} equilibri"
                f"{'um' if len(result.equilibria) == 1 else 'a'} of the signalling game, the closed form's among them."
            )
        lines.append("Parameters and their sources:\n" + self.provenance_text())
        return "\n".join(lines)

    def leverage_curve(self, leverage: Any = None):
        """Outcomes of the closed form over a grid of leverage (default 201 points on [0, 1]).

        Returns
        -------
        pandas.DataFrame
            Columns ``leverage`` and the outcome names (``p_war``, ``p_concede``, ...).
        """
        import pandas as pd

        grid = np.linspace(0, 1, 201) if leverage is None else np.asarray(leverage, dtype=float)
        rows = []
        for q in grid:
            sol = self.with_params(leverage=float(q)).build().solve()
            rows.append({"leverage": float(q), **{k: getattr(sol, k) for k in OUTCOMES}})
        return pd.DataFrame(rows)

    def plot(self, ax: Any = None, **kwargs: Any):
        """Probabilities of war, concession and a called bluff against the leverage."""
        from negotiation_sim.plotting._common import get_ax, legend_off_data

        ax = get_ax(ax)
        df = self.leverage_curve()
        for col, label in (("p_war", "war"), ("p_concede", "West concedes"), ("p_bluff_called", "bluff called")):
            ax.plot(df["leverage"], df[col], label=label, **kwargs)
        threshold = float(df["threshold"].iloc[0])
        ax.axvline(threshold, color="grey", linestyle="--", linewidth=1)
        ax.annotate("West's threshold", (threshold, 0.95), textcoords="offset points", xytext=(4, 0), fontsize=8)
        ax.axvline(self.leverage, color="black", linestyle=":", linewidth=1)
        ax.set_xlabel("leverage: the West's belief that Russia is resolved")
        ax.set_ylabel("probability")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.02)
        ax.set_title("How the hostage-taker's leverage shifts the outcome")
        legend_off_data(ax)
        return ax


def hostage_taker(**params: Any) -> HostageTaker:
    """The hostage-taker crisis at the actors' defaults, with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.hostage_taker(war_cost_target=2.0).solve().outcomes["threshold"]
    0.2
    """
    return HostageTaker(**params)
