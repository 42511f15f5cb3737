"""The mediator: France's advice is believed only when its bias makes it credible.

"In this balance of power, President Macron tries to maintain the position of
mediator." Two pieces.

*Kydd (2003).* Russia demands a share of the stake without knowing whether
the West is resolved (a low cost of war) or not. France knows, and tells
Russia. Kydd's result (p. 597): "Only mediators who are effectively 'on your
side' will be believed if they counsel restraint": advice to moderate a
demand is believed only from a mediator biased towards the side it advises.
Here (:class:`negotiation_sim.models.Mediation`) France is credible iff its
ideal share for Russia lies in ``[(x_L + x_H) / 2, x_L + sqrt(france_war_cost)]``:
towards Russia, the side it asks to moderate, but not so far that it would
rather see war than a low settlement.

*The compromise game* (:meth:`Mediation.compromise_game`), a sequential game
of perfect information. France proposes a division: Russia's share ``x`` of
the disputed stake, one of ``n_proposals`` equally spaced values from 0
(Ukraine's line) to ``demand`` (Russia's line) -- a finite grid, a modelling
assumption. Russia, having seen ``x``, accepts or rejects; if it accepts,
Ukraine, having seen ``x``, accepts or rejects. If both accept the division
holds: Russia gets ``x``, Ukraine ``-sovereignty_value * x``, France
``influence - (x - mediator_bias)**2``. A rejection means war: Russia
``win_probability - russia_war_cost``, Ukraine
``-ukraine_war_cost - win_probability * sovereignty_value``, France
``-france_war_cost``. Solved for its subgame-perfect equilibria by backward
induction (:func:`negotiation_sim.solve`). Russia accepts ``x`` iff
``x >= win_probability - russia_war_cost`` and Ukraine iff
``x <= win_probability + ukraine_war_cost / sovereignty_value``, so a
compromise both accept is an equilibrium iff some proposal on the grid lies
in that range and France prefers the best of them to war; otherwise every
subgame-perfect equilibrium ends in war. (The order of the two answers does
not matter: either way a division holds iff both prefer it to war.)
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter
from negotiation_sim.actors import (
    Q_COLDLY,
    Q_DONBAS,
    Q_IMPOSSIBLE,
    Q_MEDIATOR,
    Q_NO_INFLUENCE,
    Q_TROOPS,
    France,
    Russia,
    Ukraine,
)
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.games.extensive_form import GameTree
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, independent_of
from negotiation_sim.solvers._solve import solve
from negotiation_sim.solvers._subgame_perfect import count_subgame_perfect
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["Mediation", "mediation"]

PLAYERS = ("France", "Russia", "Ukraine")
KYDD = ("credible", "p_war_without", "p_war_with", "demand_without", "demand_with", "credible_low", "credible_high")
_R, _F, _U = Russia(), France(), Ukraine()


@attrs.frozen(repr=False)
class Mediation(Scenario):
    """France as a mediator: credibility of its advice, and the compromise game.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> res = ns.scenarios.mediation().solve()
    >>> res.outcomes["credible"]     # France leans towards the West: Russia does not believe its advice
    0.0
    >>> res.outcomes["p_compromise"], res.outcomes["proposal"]   # but both accept France's 0.5
    (1.0, 0.5)
    >>> ns.scenarios.mediation(mediator_bias=0.85).solve().outcomes["credible"]
    1.0
    """

    name = "mediation"
    title = "The mediator: when France's advice is believed, and which compromise both accept"
    quote = Q_MEDIATOR

    mediator_bias: float = parameter(
        _F.mediator_bias, doc="France's ideal share of the stake for Russia", low=0, high=1, quote=Q_MEDIATOR
    )
    influence: float = parameter(
        _F.influence, doc="France's gain from brokering a compromise", low=0, high=1, quote=Q_NO_INFLUENCE
    )
    france_war_cost: float = parameter(
        _F.war_cost, doc="France's cost of a war", low=0, quote=_F.specs["war_cost"].quote
    )
    win_probability: float = parameter(
        _R.win_probability, doc="probability Russia wins a war", low=0, high=1, quote=Q_TROOPS
    )
    russia_war_cost: float = parameter(
        0.15, doc="Russia's cost of war, as a share of the stake", low=0, quote=Q_COLDLY,
    )
    west_cost_low: float = parameter(
        0.05, doc="the West's cost of war if resolved", low=0,
        note="the article gives no figure: a resolved West pays little for war (0.05, below the irresolute 0.3).",
    )
    west_cost_high: float = parameter(
        0.3, doc="the West's cost of war if irresolute", low=0,
        note="the article gives no figure: an irresolute West pays more for war than a resolved one.",
    )
    prob_resolved: float = parameter(
        0.5, doc="Russia's prior that the West is resolved", low=0, high=1,
        note="no information either way: 1/2.",
    )
    demand: float = parameter(_R.demand, doc="Russia's demand: the largest division France may propose", low=0,
                              high=1, low_open=True, quote=Q_IMPOSSIBLE)
    sovereignty_value: float = parameter(
        _U.sovereignty_value, doc="Ukraine's value per unit of the stake conceded", low=0, low_open=True,
        quote=Q_DONBAS,
    )
    ukraine_war_cost: float = parameter(_U.war_cost, doc="Ukraine's cost of war", low=0, quote=Q_TROOPS)
    n_proposals: int = parameter(
        8, doc="number of divisions France may propose (equally spaced from 0 to demand)", low=2, high=101,
        integer=True, note="a finite grid of proposals (0, 0.1, ..., 0.7 at the defaults) so the game is finite.",
    )

    def validate(self) -> None:
        if self.west_cost_low > self.west_cost_high:
            msg = (f"west_cost_low ({self.west_cost_low}) must not exceed west_cost_high "
                   f"({self.west_cost_high}): the resolved West is the one with the lower cost of war")
            raise InvalidParameterError(msg)

    def build(self):
        """The :class:`negotiation_sim.models.Mediation` model (Russia is A, the West B)."""
        from negotiation_sim.models import Mediation as Model

        return Model(
            p=self.win_probability, cost_a=self.russia_war_cost, cost_low=self.west_cost_low,
            cost_high=self.west_cost_high, prob_low=self.prob_resolved, ideal_point=self.mediator_bias,
            mediator_war_cost=self.france_war_cost,
        )

    # -- the compromise game ---------------------------------------------------

    def proposals(self) -> np.ndarray:
        """France's possible proposals: Russia's share, ``n_proposals`` points from 0 to ``demand``."""
        return np.round(np.linspace(0.0, self.demand, self.n_proposals), 12)  # 0.5, not 0.49999999999999994

    def proposal_names(self) -> tuple[str, ...]:
        """The names of France's actions, ``"Propose x"``."""
        return tuple(f"Propose {float(f'{x:.12g}'):g}" for x in self.proposals())

    def war_payoffs(self) -> tuple[float, float, float]:
        """(France, Russia, Ukraine) if a proposal is rejected."""
        return (-self.france_war_cost, self.win_probability - self.russia_war_cost,
                -self.ukraine_war_cost - self.win_probability * self.sovereignty_value)

    def deal_payoffs(self, x: float) -> tuple[float, float, float]:
        """(France, Russia, Ukraine) if both accept the division ``x``."""
        return (self.influence - (x - self.mediator_bias) ** 2, x, -self.sovereignty_value * x)

    def acceptable_range(self) -> tuple[float, float]:
        """``(low, high)``: Russia prefers a division ``x`` to war iff ``x > low``, Ukraine iff ``x < high``.

        ``low = win_probability - russia_war_cost`` and
        ``high = win_probability + ukraine_war_cost / sovereignty_value``.
        """
        low = self.win_probability - self.russia_war_cost
        high = self.win_probability + self.ukraine_war_cost / self.sovereignty_value
        return (low, high)

    def compromise_game(self) -> GameTree:
        """France proposes a division; Russia, then Ukraine, having seen it, accept or reject (perfect information).

        Examples
        --------
        >>> import negotiation_sim as ns
        >>> t = ns.scenarios.mediation().compromise_game()
        >>> t.title
        'France proposes a division; Russia and Ukraine, having seen it, accept or reject'
        >>> t.root.actions[:3]
        ('Propose 0', 'Propose 0.1', 'Propose 0.2')
        """
        tree = GameTree(players=PLAYERS,
                        title="France proposes a division; Russia and Ukraine, having seen it, accept or reject")
        war = self.war_payoffs()
        for node, x, name in zip(tree.root.move("France", self.proposal_names()), self.proposals(),
                                 self.proposal_names(), strict=True):
            accept, reject = node.move("Russia", ["Accept", "Reject"])
            reject.payoffs(war, name=f"War: Russia rejects {name[8:]}")
            yes, no = accept.move("Ukraine", ["Accept", "Reject"])
            no.payoffs(war, name=f"War: Ukraine rejects {name[8:]}")
            yes.payoffs(self.deal_payoffs(float(x)), name=f"Deal at {name[8:]}")
        return tree

    def outcomes_of(self, eq: Any) -> dict[str, float]:
        """One subgame-perfect equilibrium's outcomes, from its behaviour strategies.

        ``p_compromise`` is the probability that both accept France's
        proposal, ``proposal`` France's expected proposal (Russia's share),
        ``p_war_talks`` the probability that a rejection ends the talks in
        war. Scenario-level constants: Kydd's credibility outcomes, the
        acceptable range and the numbers of equilibria.
        """
        names = self.proposal_names()
        france = eq.behaviour("France")["root"]
        russia, ukraine = eq.behaviour("Russia"), eq.behaviour("Ukraine")
        p_deal, proposal = 0.0, 0.0
        for name, x in zip(names, self.proposals(), strict=True):
            pf = france[name]
            proposal += pf * float(x)
            p_deal += pf * russia[name]["Accept"] * ukraine[f"{name}/Accept"]["Accept"]
        return {"p_compromise": p_deal, "p_war_talks": 1.0 - p_deal, "proposal": proposal,
                **self._constants()}

    def _constants(self) -> dict[str, float]:
        sol = self.build().solve()
        low, high = self.acceptable_range()
        return {"credible": float(sol.credible), "p_war_without": sol.p_war_without,
                "p_war_with": sol.p_war_with, "demand_without": sol.demand_without,
                "demand_with": sol.demand_with, "credible_low": sol.ideal_bounds[0],
                "credible_high": sol.ideal_bounds[1], "russia_accepts_from": low, "ukraine_accepts_up_to": high}

    def solve(self) -> ScenarioResult:
        """Kydd's credibility outcomes, and the compromise game's subgame-perfect equilibria.

        The headline outcomes are those of the selected equilibrium: the
        first (in the solver's order) in which both accept France's proposal,
        else the first. ``n_equilibria`` counts every pure subgame-perfect
        equilibrium, ``n_listed`` those the solver lists (fewer when ties
        make too many to list), and ``n_compromises`` the listed ones in which
        both accept.
        """
        tree = self.compromise_game()
        eqs = solve(tree)
        per_eq = [self.outcomes_of(e) for e in eqs]
        deals = [k for k, o in enumerate(per_eq) if o["p_compromise"] > 1 - 1e-9]
        selected = deals[0] if deals else 0
        outcomes = dict(per_eq[selected])
        total = len(eqs) if eqs.complete else count_subgame_perfect(tree)
        outcomes.update({"n_equilibria": float(total), "n_listed": len(eqs), "n_compromises": len(deals)})
        return ScenarioResult(self, eqs, outcomes, solution=self.build().solve(), selected=selected)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        bounds = f"[{format_prob(o['credible_low'])}, {format_prob(o['credible_high'])}]"
        head = (f"In Russia's demand to the West (Kydd's model), France's ideal point "
                f"{format_prob(self.mediator_bias)} lies")
        if o["credible"]:
            if o["p_war_without"] > o["p_war_with"]:
                effect = (f"the probability of war falls from {format_prob(o['p_war_without'])} to "
                          f"{format_prob(o['p_war_with'])}")
            else:  # alone, Russia would already make the demand every West accepts
                effect = f"the probability of war stays at {format_prob(o['p_war_with'])}, as without a mediator"
            verdict = (f"{head} in the credible range {bounds}: Russia believes its advice, tailors its demand, "
                       f"and {effect}.")
        else:
            verdict = (f"{head} outside the credible range {bounds}: Russia discounts its advice, demands "
                       f"{format_prob(o['demand_without'])} as it would alone, and war remains as likely "
                       f"({format_prob(o['p_war_without'])}) as without a mediator.")
        low, high = o["russia_accepts_from"], o["ukraine_accepts_up_to"]
        rules = (f"In the compromise game France proposes and both answer having seen the proposal: Russia "
                 f"accepts a share above {format_prob(low)}, Ukraine a share below {format_prob(high)}; ")
        n_all, n_listed = int(o["n_equilibria"]), int(o["n_listed"])
        # With too many (tied) equilibria to list, a count or an "every" speaks only of the listed ones.
        of = (f"of its {n_all} subgame-perfect equilibria" if n_listed == n_all else
              f"of the first {n_listed} listed of its {n_all} pure subgame-perfect equilibria")
        if o["n_compromises"]:
            game = (f"{rules}in {int(o['n_compromises'])} {of} both accept France's proposal of "
                    f"{format_prob(o['proposal'])}.")
        elif n_listed == n_all:
            game = (f"{rules}no proposal on France's grid that France prefers to war lies in that range, so in "
                    "every subgame-perfect equilibrium the talks end in war. The article: \u201c"
                    + Q_NO_INFLUENCE + "\u201d")
        else:
            game = f"{rules}in each {of} the talks end in war."
        return "\n".join([
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            verdict,
            game,
            "What would change it (Kydd 2003, p. 597): \u201cOnly mediators who are effectively \u2018on your "
            "side\u2019 will be believed if they counsel restraint\u201d: France's advice to Russia to moderate "
            "its demand would carry weight only if France leaned towards Russia.",
            "Parameters and their sources:\n" + self.provenance_text(),
        ])

    @independent_of("mediator_bias")
    def _bias_curve(self) -> tuple[Any, ...]:
        """The mediation model's solutions at 201 values of France's bias on [0, 1]."""
        model = self.build()  # France's bias is the model's ideal point
        return tuple(attrs.evolve(model, ideal_point=float(b)).solve() for b in np.linspace(0, 1, 201))

    def plot(self, ax: Any = None, **kwargs: Any):
        """Probability of war with and without the mediator against France's bias."""
        from negotiation_sim.plotting._common import fit_title, get_ax, legend_off_data

        ax = get_ax(ax)
        grid = np.linspace(0, 1, 201)
        sols = self._bias_curve()
        ax.plot(grid, [s.p_war_with for s in sols], label="with France's advice", **kwargs)
        ax.plot(grid, [s.p_war_without for s in sols], linestyle="--", label="without a mediator")
        low, high = sols[0].ideal_bounds
        ax.axvspan(low, min(high, 1.0), alpha=0.15, color="tab:green", label="France credible to Russia")
        ax.axvline(self.mediator_bias, color="black", linestyle=":", linewidth=1, label="France's bias")
        ax.set_xlabel("France's ideal share for Russia (its bias)")
        ax.set_ylabel("probability of war (Russia's demand to the West)")
        ax.set_ylim(-0.02, 1.02)
        ax.set_title("A mediator is believed only when its bias makes it credible")
        legend_off_data(ax)
        return fit_title(ax)


def mediation(**params: Any) -> Mediation:
    """The mediation scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.mediation(influence=0.5).influence
    0.5
    """
    return Mediation(**params)
