"""The hostage-taker crisis: Russia's leverage is the West's belief that it would use force.

"Like a hostage-taker, he plays on the fact that others believe he is capable
of taking action to increase the pressure in negotiations." Nature makes
Russia resolved with prior probability ``leverage`` (the West's belief); Russia
threatens or keeps the status quo (which ends the crisis); the West concedes
or resists a threat; a resisted Russia fights (if resolved) or backs down,
paying an audience cost. The model is
:class:`negotiation_sim.models.CrisisSignaling` (closed form); the generic
perfect Bayesian equilibrium solver runs on the signalling game it builds,
and every outcome a result or a sweep reports for an equilibrium is computed
from that equilibrium's own strategies (:meth:`HostageTaker.outcomes_of`).

With ``threshold = concession_cost / war_cost_target``, the West resists
exactly when its belief is at most the threshold. Above it, both types
threaten and the West concedes (no war). Below it, the unresolved type
bluffs just often enough to leave the West indifferent, and the West resists
just often enough to leave the bluffer indifferent: war happens when a
resolved Russia is resisted, ``p_war = leverage * stake / (stake + audience_cost)``,
which rises with leverage up to the threshold and drops to zero beyond.
The West's restraint ("they would not coldly choose to use force") is a large
``war_cost_target``: it lowers the threshold, so less leverage suffices.
The audience cost does not move the bluffing rate; it lowers the West's
resistance ``stake / (stake + audience_cost)``.

The valid region (:meth:`HostageTaker.validate`): ``concession_cost <
war_cost_target`` (else the West never concedes), a resolved Russia prefers
war to the status quo and to backing down (``war_payoff_resolved >
max(0, -audience_cost)``), an unresolved one backs down rather than fight
(``war_payoff_unresolved < -audience_cost``). There a resolved Russia always
prefers threatening, at any resistance, so the closed form holds everywhere
in the region.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._numeric import DEFAULT_TOL, clean
from negotiation_sim._params import parameter
from negotiation_sim.actors import (
    AUDIENCE_COST_NOTE,
    NATO,
    Q_1997,
    Q_CALCULATIVE,
    Q_COLDLY,
    Q_HOSTAGE,
    Q_SPHERE,
    Russia,
)
from negotiation_sim.errors import InvalidParameterError, SolverError
from negotiation_sim.scenarios._base import (
    Scenario,
    ScenarioResult,
    closed_form_equilibria,
    independent_of,
)
from negotiation_sim.solvers._solve import solve
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["HostageTaker", "hostage_taker"]

_R, _N = Russia(), NATO()
OUTCOMES = ("p_war", "p_concede", "p_bluff_called", "p_threat", "bluff_prob", "resist_prob", "threshold")
#: How close the generic solver's strategies must be to the closed form's to be the equilibrium it names.
_MATCH_TOL = 1e-7


@attrs.frozen(repr=False)
class HostageTaker(Scenario):
    """The hostage-taker crisis (a signalling game with one-sided incomplete information).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> res = ns.scenarios.hostage_taker().solve()
    >>> res.solution.kind, len(res.equilibria), res.equilibria.complete, res.selected
    ('semi-separating', 1, True, 0)
    >>> round(res.outcomes["p_war"], 4)          # 0.3 * 1 / (1 + 0.5)
    0.2
    >>> ns.scenarios.hostage_taker(leverage=0.6).solve().outcomes["p_war"]   # above the threshold 0.4
    0.0
    >>> ns.scenarios.hostage_taker().parameter_range("audience_cost")   # an unresolved Russia must back down
    (0.0, 1.0)
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
        _R.audience_cost, doc="Russia's cost of backing down after a threat", low=0, note=AUDIENCE_COST_NOTE
    )
    war_payoff_resolved: float = parameter(
        0.2,
        doc="a resolved Russia's payoff from war (above the status quo's 0: for it, war pays)",
        low=0, low_open=True, quote=Q_CALCULATIVE,
    )
    war_payoff_unresolved: float = parameter(
        -1.0,
        doc="an unresolved Russia's payoff from war",
        high=0, high_open=True,
        note="an unresolved Russia finds war worse than backing down (below -audience_cost); -1 = losing the stake.",
    )

    @classmethod
    def from_actors(cls, russia: Russia | None = None, nato: NATO | None = None) -> HostageTaker:
        """The crisis between two actors' parameters (leverage = NATO's belief in Russia's resolve).

        The actors carry no type-specific war payoffs (Russia's expected war
        payoff ``win_probability * stake - war_cost`` is 0 at their defaults,
        exactly the status quo's: the knife-edge the types must avoid), so the
        two types' war payoffs keep the scenario's values.
        """
        r, n = russia or Russia(), nato or NATO()
        return cls(
            leverage=n.belief_resolve, stake=r.stake, concession_cost=n.concession_cost,
            war_cost_target=n.war_cost, audience_cost=r.audience_cost,
        )

    def parameter_range(self, name: str) -> tuple[float, float]:
        """The valid interval of one parameter at the others' values, in closed form (see :meth:`validate`).

        ``concession_cost`` in ``(0, war_cost_target)``, ``war_cost_target``
        in ``(concession_cost, inf)``, ``audience_cost`` in
        ``[0, -war_payoff_unresolved)``, ``war_payoff_resolved`` in
        ``(max(0, -audience_cost), inf)``, ``war_payoff_unresolved`` in
        ``(-inf, -audience_cost)``; ``leverage`` in [0, 1] and ``stake`` in
        ``(0, inf)``. Returned as closures ``(low, high)``.
        """
        bounds = {
            "concession_cost": (0.0, self.war_cost_target),
            "war_cost_target": (self.concession_cost, np.inf),
            "audience_cost": (0.0, -self.war_payoff_unresolved),
            "war_payoff_resolved": (max(0.0, -self.audience_cost), np.inf),
            "war_payoff_unresolved": (-np.inf, -self.audience_cost),
        }
        if name in bounds:
            low, high = bounds[name]
            return float(low), float(high)
        return super().parameter_range(name)

    def validate(self) -> None:
        """The joint valid region of MODELS.md's crisis.

        Raises
        ------
        InvalidParameterError
            When ``concession_cost >= war_cost_target`` (the West would never
            concede), ``war_payoff_resolved <= max(0, -audience_cost)`` (a
            resolved Russia must prefer war to the status quo and to backing
            down) or ``war_payoff_unresolved >= -audience_cost`` (an
            unresolved Russia must back down rather than fight), naming the
            parameters.
        """
        if not self.concession_cost < self.war_cost_target:
            msg = (f"concession_cost ({self.concession_cost!r}) must be below war_cost_target "
                   f"({self.war_cost_target!r}): otherwise the West never concedes and there is no crisis")
            raise InvalidParameterError(msg)
        if not self.war_payoff_resolved > max(0.0, -self.audience_cost):
            msg = (f"war_payoff_resolved ({self.war_payoff_resolved!r}) must exceed max(0, -audience_cost) = "
                   f"{max(0.0, -self.audience_cost)!r}: a resolved Russia prefers war to the status quo and to "
                   "backing down")
            raise InvalidParameterError(msg)
        if not self.war_payoff_unresolved < -self.audience_cost:
            msg = (f"war_payoff_unresolved ({self.war_payoff_unresolved!r}) must be below -audience_cost = "
                   f"{0.0 - self.audience_cost!r}: an unresolved Russia backs down rather than fight (lower "
                   "audience_cost or war_payoff_unresolved)")
            raise InvalidParameterError(msg)
        self.build()  # the model's own checks agree; they raise the same errors

    def build(self):
        """The published model, :class:`negotiation_sim.models.CrisisSignaling`."""
        from negotiation_sim.models import CrisisSignaling

        return CrisisSignaling(
            prior=self.leverage, concession_cost=self.concession_cost, war_cost_target=self.war_cost_target,
            audience_cost=self.audience_cost, stake=self.stake, war_payoff_resolved=self.war_payoff_resolved,
            war_payoff_unresolved=self.war_payoff_unresolved,
        )

    def solve(self) -> ScenarioResult:
        """Every PBE of the signalling game, and the closed form's outcomes as the headline.

        The headline outcomes are the closed form's (:meth:`CrisisSignaling.solve`),
        and ``selected`` names the equilibrium of the generic solver they
        describe. At leverage exactly 0 or 1 there is no uncertainty left and
        no signalling game to solve; the closed form still applies.
        """
        model = self.build()
        sol = model.solve()
        outcomes = self._outcomes(model, 1.0, sol.bluff_prob, sol.resist_prob)
        if not 0 < self.leverage < 1:
            note = "No uncertainty at leverage 0 or 1: no signalling game; the closed form applies."
            return ScenarioResult(self, closed_form_equilibria(note), outcomes, solution=sol)
        eqs = solve(model.game(), tol=self._tolerance())
        return ScenarioResult(self, eqs, outcomes, solution=sol, selected=self._closed_form_index(eqs, sol))

    def _tolerance(self) -> float:
        """The generic solver's relative tolerance: DEFAULT_TOL, made finer when the payoffs span many
        orders of magnitude (a stake of 1e9 against costs below 1), so that the smallest payoff still
        counts; never below 1e-14, where float64 rounding of the largest would take over."""
        sizes = [abs(v) for v in (self.stake, self.concession_cost, self.war_cost_target, self.audience_cost,
                                  self.war_payoff_resolved, self.war_payoff_unresolved) if v != 0]
        return float(min(DEFAULT_TOL, max(1e-14, DEFAULT_TOL * min(sizes) / max(sizes))))

    def _outcomes(self, model: Any, threat_resolved: float, bluff: float, resist: float) -> dict[str, float]:
        o = {k: float(clean(v)) for k, v in model.outcomes(threat_resolved, bluff, resist).items()}  # 1e-17 -> 0
        out = {k: o[k] for k in OUTCOMES if k in o}
        out.update(threshold=model.threshold, p_status_quo=o["p_status_quo"], payoff_resolved=o["payoff_resolved"],
                   payoff_unresolved=o["payoff_unresolved"], payoff_west=o["payoff_target"])
        return out

    def outcomes_of(self, eq: Any) -> dict[str, float]:
        """The outcomes of one equilibrium of the signalling game, from its own strategies.

        ``p_war`` is the probability that a resolved Russia threatens and is
        resisted, ``p_bluff_called`` that an unresolved one threatens and is
        resisted, ``p_concede`` that a threat meets a concession,
        ``p_status_quo`` that no threat is made; ``bluff_prob`` and
        ``resist_prob`` are the unresolved type's probability of
        threatening and the West's of resisting a threat; the payoffs are
        expected under those strategies. ``threshold`` is the scenario's.

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> res = ns.scenarios.hostage_taker().solve()
        >>> o = res.scenario.outcomes_of(res.equilibria[0])
        >>> round(o["bluff_prob"], 4), round(o["resist_prob"], 4), round(o["p_war"], 4)
        (0.6429, 0.6667, 0.2)
        """
        sigma, rho = eq.sender_behaviour, eq.receiver_behaviour
        threat, resist = eq.messages.index("Threaten"), eq.responses.index("Resist")
        return self._outcomes(self.build(), sigma[0, threat], sigma[1, threat], rho[threat, resist])

    @staticmethod
    def _closed_form_index(eqs: Any, sol: Any) -> int:
        for k, eq in enumerate(eqs):
            sigma, rho = eq.sender_behaviour, eq.receiver_behaviour
            if np.allclose([sigma[0, 1], sigma[1, 1], rho[1, 1]], [1.0, sol.bluff_prob, sol.resist_prob],
                           atol=_MATCH_TOL):
                return k
        msg = f"the generic PBE solver did not find the closed form's equilibrium ({sol.kind}) among {len(eqs)}"
        raise SolverError(msg)

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
                "the West concedes. No war, no called bluff: the hostage-taker's threat works on belief alone. "
                "The audience cost plays no part here: no threat is resisted."
            )
        else:
            resist = ("resists every threat" if o["resist_prob"] == 1.0 else
                      f"resists with probability {format_prob(o['resist_prob'])}, just enough to leave a bluffer "
                      "indifferent")
            lines.append(
                f"The leverage is below the threshold: a resolved Russia threatens; an unresolved one bluffs with "
                f"probability {format_prob(o['bluff_prob'])}, just enough to leave the West indifferent; the West "
                f"{resist}. War with probability {format_prob(o['p_war'])}, a bluff called with probability "
                f"{format_prob(o['p_bluff_called'])}, a concession with probability {format_prob(o['p_concede'])}."
            )
            if self.audience_cost == 0:
                lines.append("With no audience cost a resisted bluffer loses nothing, so it is indifferent whenever "
                             "the West resists for sure: any bluffing rate from this one up is an equilibrium too.")
            lines.append(
                f"Audience costs: the bluffing rate does not depend on the audience cost "
                f"({format_prob(self.audience_cost)}), only on the leverage and the threshold; a larger audience "
                f"cost lowers the West's resistance, stake / (stake + audience_cost) = {format_prob(o['resist_prob'])}, "
                "and with it the probabilities of war and of a called bluff."
            )
        lines.append(
            "What would change it: more leverage raises the probability of war until the threshold, where it "
            "drops to zero as the West gives in; a larger West cost of war (\u201cthey would not coldly choose to "
            "use force\u201d) lowers the threshold, so less leverage suffices."
        )
        lines.append(self._equilibria_text(result))
        lines.append("Parameters and their sources:\n" + self.provenance_text())
        return "\n".join(lines)

    @staticmethod
    def _equilibria_text(result: ScenarioResult) -> str:
        eqs = result.equilibria
        if result.selected is None:
            return "At leverage 0 or 1 there is no signalling game: the closed form alone applies."
        n = len(eqs)
        if eqs.complete and n == 1:
            return ("The generic perfect Bayesian solver finds this equilibrium and no other: it is the game's "
                    "only one.")
        found = (f"The generic perfect Bayesian solver lists {n} equilibri{'um' if n == 1 else 'a'} of the "
                 f"signalling game; the closed form's is number {result.selected + 1}.")
        if eqs.complete:
            return found + " These are all of them."
        return f"{found} {eqs.notes[-1]}"

    def leverage_curve(self, leverage: Any = None):
        """Outcomes of the closed form over a grid of leverage (default 201 points on [0, 1]).

        Returns
        -------
        pandas.DataFrame
            Columns ``leverage`` and the outcome names (``p_war``, ``p_concede``, ...).
        """
        import pandas as pd

        if leverage is None:
            return pd.DataFrame(self._default_leverage_rows())
        return pd.DataFrame(self._leverage_rows(np.asarray(leverage, dtype=float)))

    @independent_of("leverage")
    def _default_leverage_rows(self) -> tuple[dict[str, float], ...]:
        return self._leverage_rows(np.linspace(0, 1, 201))

    def _leverage_rows(self, grid: np.ndarray) -> tuple[dict[str, float], ...]:
        rows = []
        model = self.build()  # the leverage is the model's prior; the scenario's other checks do not involve it
        for q, sol in zip(grid, model.solve_at([float(q) for q in grid]), strict=True):
            rows.append({"leverage": float(q), **{k: getattr(sol, k) for k in OUTCOMES}})
        return tuple(rows)

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
