"""Lessons of 2014: reputation in a chain of crises (Kreps & Wilson's chain store).

"We see an unprecedented level of support for Ukraine (a level which, had it
been shown in 2014, would have avoided the annexation of Crimea ...)". The
West faces a challenge from Russia in each of ``n_crises`` crises. A tough
West (prior probability ``prior``) always resists; a weak one resists only
to build a reputation. Russia challenges with ``n`` crises left iff its belief
that the West is tough is below ``b**n`` (Kreps & Wilson 1982;
:class:`negotiation_sim.models.ChainStore`). A weak response (acquiescing)
reveals the West as weak: the belief drops to 0 and every later crisis is
challenged.

The assumption that makes this Kreps & Wilson's game: their entrants are
**short-lived**, a new one in each market, each caring only about its own
market, so each enters iff entry pays in that market. Here one long-lived
Russia challenges in every crisis; the scenario assumes that it weighs each
crisis on its own, as a new entrant would (it does not challenge now to learn
the West's type, or hold back to shape later crises). A long-lived challenger
that weighs the later crises plays a different game, with reputation and
learning on both sides (see Fudenberg & Levine 1989 for one long-lived player
facing short-lived ones, and Schmidt 1993, "Reputation and equilibrium
characterization in repeated games with conflicting interests",
*Econometrica* 61(2), for two long-lived players); it is not solved here.

Every outcome is computed from the equilibrium strategies of
:class:`~negotiation_sim.models.ChainStore` (``p_stay_out``, ``p_fight_weak``,
``posterior_after_fight``); after acquiescence the belief is Bayes' rule with
a tough West that never acquiesces: 0.
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from negotiation_sim._params import parameter
from negotiation_sim.actors import Q_2014, Q_UNITY
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, closed_form_equilibria
from negotiation_sim.solvers.equilibrium import format_prob

__all__ = ["Reputation", "reputation"]

#: Smallest cut-off ``b**n`` the chain store's tie tolerance (1e-12) resolves with room to spare.
_MIN_CUTOFF = 1e-9

LONG_LIVED_ASSUMPTION = (
    "Kreps and Wilson's chain store has a new, short-lived entrant in each market; here one Russia challenges "
    "in all {n} crises. The scenario assumes that Russia weighs each crisis on its own, as a new entrant would; "
    "a long-lived Russia that also weighs the later crises (probing to learn the West's type, say) plays a "
    "different game, which is not solved here."
)


def _after_acquiescence(reputation: float, p_fight_weak: float) -> float:
    """Bayes' rule after the West acquiesces; a tough West never does, so the belief is 0.

    When the weak West fights for sure acquiescence is off the path, and Kreps & Wilson
    set the belief there to 0 as well.
    """
    tough_acquiesces = 0.0
    numerator = reputation * tough_acquiesces
    denominator = numerator + (1.0 - reputation) * (1.0 - p_fight_weak)
    return numerator / denominator if denominator > 0 else 0.0


@attrs.frozen(repr=False)
class Reputation(Scenario):
    """A chain of crises in which the West's responses build or spend its reputation.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.reputation().solve().outcomes
    >>> out["deterred_crises"], out["first_contested_crisis"], out["challenged_after_weak_response"]
    (3.0, 4.0, 2.0)
    """

    name = "reputation"
    title = "Lessons of 2014: reputation across a chain of crises"
    quote = Q_2014

    prior: float = parameter(
        0.1, doc="Russia's prior belief that the West is tough (always resists); low after 2014", low=0, high=1,
        quote=Q_2014,
    )
    n_crises: int = parameter(
        6, doc="number of crises ahead", low=1, high=50, integer=True,
        note="the article names one earlier crisis (2014) and implies more to come, but not how many; 6 is ours.",
    )
    challenger_gain: float = parameter(
        0.5, doc="Russia's gain from an unresisted challenge (b; resisted: b - 1)", low=0, high=1,
        low_open=True, high_open=True,
        note="a challenge that meets resistance costs Russia more than an unresisted one gains it.",
    )
    defender_value: float = parameter(
        2.0, doc="a weak West's value of a crisis not challenged (a > 1; resisting costs 1)", low=1,
        low_open=True, note="deterrence is worth more to the West than one crisis's cost of resisting.",
    )

    def validate(self) -> None:
        """The last cut-off ``challenger_gain ** n_crises`` must exceed 1e-9.

        The chain store treats a belief within 1e-12 of a cut-off as a tie; below
        1e-9 a belief of 0 (after acquiescence) could not be told from the cut-off.
        """
        cutoff = self.challenger_gain**self.n_crises
        if not cutoff > _MIN_CUTOFF:
            most = math.floor(math.log(_MIN_CUTOFF) / math.log(self.challenger_gain))
            msg = (
                f"challenger_gain ** n_crises = {cutoff:.3g} is below {_MIN_CUTOFF:g}, too small a cut-off for the "
                f"chain store's tolerance; with challenger_gain = {self.challenger_gain!r} use n_crises <= {most}"
            )
            raise InvalidParameterError(msg)

    def build(self):
        """The :class:`negotiation_sim.models.ChainStore` model."""
        from negotiation_sim.models import ChainStore

        return ChainStore(a=self.defender_value, b=self.challenger_gain, prior=self.prior, n_markets=self.n_crises)

    def expected_challenges(self, tough: bool) -> float:
        """Expected number of crises Russia challenges, against a tough or a weak West, in equilibrium.

        Exact recursion over the equilibrium strategies: with ``n`` crises left
        and belief ``p`` Russia challenges with probability ``1 - p_stay_out(n, p)``;
        a tough West resists, a weak one with ``p_fight_weak(n, p)``; the belief
        moves to ``posterior_after_fight(n, p)`` after resistance and to 0 after
        acquiescence, and stays after no challenge.
        """
        model = self.build()
        memo: dict[tuple[int, float], float] = {}

        def value(n: int, rep: float) -> float:
            if n == 0:
                return 0.0
            key = (n, rep)
            if key not in memo:
                enter = 1.0 - model.p_stay_out(n, rep)
                fight = 1.0 if tough else model.p_fight_weak(n, rep)
                after = fight * value(n - 1, model.posterior_after_fight(n, rep)) + (1.0 - fight) * value(
                    n - 1, _after_acquiescence(rep, fight))
                memo[key] = enter * (1.0 + after) + (1.0 - enter) * value(n - 1, rep)
            return memo[key]

        return value(self.n_crises, float(self.prior))

    def solve(self) -> ScenarioResult:
        """Outcomes along the path where the West resists, the effect of one weak response, expected challenges."""
        model = self.build()
        sol = model.solve()
        table = sol.table
        contested = table.index[table["p_enter"] > 0]
        outcomes = {
            "deterred_crises": sol.deterred_markets,
            "p_challenge_first": float(table["p_enter"].iloc[0]),
            "first_contested_crisis": float("nan"),
            "p_challenge_first_contest": 0.0,
            "p_weak_resists_first_contest": float("nan"),
            "belief_after_resistance": float("nan"),
            "challenged_after_weak_response": 0.0,
            "expected_challenges_weak": self.expected_challenges(tough=False),
            "expected_challenges_tough": self.expected_challenges(tough=True),
        }
        if len(contested):
            k = int(contested[0])
            n, rep = int(table["markets_left"].iloc[k]), float(table["reputation"].iloc[k])
            beta = model.p_fight_weak(n, rep)
            zero = _after_acquiescence(rep, beta)
            outcomes.update({
                "first_contested_crisis": float(k + 1),
                "p_challenge_first_contest": float(table["p_enter"].iloc[k]),
                "p_weak_resists_first_contest": beta,
                "belief_after_resistance": model.posterior_after_fight(n, rep),
                # After acquiescence the belief is 0: count the later challenges at that belief.
                "challenged_after_weak_response": sum(1.0 - model.p_stay_out(m, zero) for m in range(1, n)),
            })
        return ScenarioResult(self, closed_form_equilibria("Sequential equilibrium in closed form."), outcomes,
                              solution=sol)

    def explain_result(self, result: ScenarioResult) -> str:
        o = result.outcomes
        b = self.challenger_gain
        lines = [
            f"{self.title}.",
            f"The article: \u201c{self.quote}\u201d",
            LONG_LIVED_ASSUMPTION.format(n=self.n_crises),
            f"Russia's belief that the West is tough starts at {format_prob(self.prior)}. With n crises left Russia "
            f"stays out for sure while its belief exceeds {format_prob(b)} to the power n, so a West that keeps resisting "
            f"deters it in {int(o['deterred_crises'])} of the {self.n_crises} crises.",
        ]
        if math.isnan(o["first_contested_crisis"]):
            lines.append("Russia challenges in none of them: no weak response is ever tested.")
        else:
            k = int(o["first_contested_crisis"])
            lines.append(
                f"In crisis {k} Russia challenges with probability {format_prob(o['p_challenge_first_contest'])}; "
                f"a weak West resists with probability {format_prob(o['p_weak_resists_first_contest'])}, so that "
                f"after resistance Russia's belief is {format_prob(o['belief_after_resistance'])}."
            )
            lines.append(
                "A weak response there (acquiescing, as in 2014) reveals the West as weak: Russia's belief drops "
                f"to 0 and it challenges in {format_prob(o['challenged_after_weak_response'])} of the "
                f"{self.n_crises - k} crises left."
            )
        lines.append(
            f"Expected challenges: {format_prob(o['expected_challenges_weak'])} against a weak West, "
            f"{format_prob(o['expected_challenges_tough'])} against a tough one."
        )
        lines.append(
            "What would change it: a higher prior of toughness (\u201c" + Q_UNITY + "\u201d), more crises ahead or "
            "a smaller gain from an unresisted challenge deter at least as many crises; the weak West's value of "
            f"deterrence ({format_prob(self.defender_value)}) matters only where Russia is indifferent, which it "
            f"then leaves unchallenged with probability 1/{format_prob(self.defender_value)}."
        )
        lines.append("Parameters and their sources:\n" + self.provenance_text())
        return "\n".join(lines)

    def plot(self, ax: Any = None, **kwargs: Any):
        """Russia's belief and its probability of challenging, crisis by crisis."""
        from negotiation_sim.plotting._common import get_ax

        ax = get_ax(ax)
        table = self.build().solve().table
        crisis = range(1, len(table) + 1)
        ax.plot(crisis, table["reputation"], marker="o", label="belief the West is tough", **kwargs)
        ax.plot(crisis, table["p_enter"], marker="s", label="probability Russia challenges", **kwargs)
        ax.set_xlabel("crisis")
        ax.set_ylabel("probability")
        ax.set_ylim(-0.02, 1.02)
        ax.set_title("Reputation along the path where the West always resists")
        ax.legend()
        return ax


def reputation(**params: Any) -> Reputation:
    """The lessons-of-2014 scenario with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.reputation(prior=0.9).solve().outcomes["deterred_crises"]
    6.0
    """
    return Reputation(**params)
