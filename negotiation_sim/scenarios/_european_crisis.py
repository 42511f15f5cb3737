"""The four-actor crisis: Russia, France, Ukraine and NATO in one normal-form game.

Actions
-------
- Russia: ``Invade``, ``Threaten`` (keep the troops on the border and press the
  demand), ``Withdraw``.
- France: ``Mediate`` (propose a compromise at its ideal point), ``Align``
  (stand with the allies, adding to Ukraine's support).
- Ukraine: ``Resist``, ``Concede`` (accept a special status for Donbas).
- NATO: ``Stand firm``, ``Accommodate``.

Outcome of a profile
--------------------
Every profile leads to Russia's share ``x`` of the stake, whether there is a
war, how much Russia loses face (``backdown`` in [0, 1]) and whether France's
mediation settled the crisis (``mediated``, a probability):

- Ukraine's effective support ``sigma = min(1, support * n * (1 + influence * f))``
  with ``n = 1`` if NATO stands firm and ``1/2`` if it accommodates, ``f = 1``
  if France aligns, else 0.
- **Invade**: if Ukraine concedes, ``x = 1`` (capitulation). If it resists,
  war: Russia wins with probability ``win_probability * (1 - sigma / 2)``, which
  is ``x`` in expectation.
- **Threaten**: Ukraine conceding gives Russia ``demand / 2``, NATO
  accommodating another ``demand / 2``. If neither concedes and France mediates,
  its compromise (Russia gets ``mediator_bias * demand``) is accepted with
  probability ``influence``; otherwise Russia keeps its troops and loses face
  (``backdown = 1``).
- **Withdraw**: ``x = 0`` and a partial loss of face, ``backdown = 1/2``.

Payoffs (``war`` is 0 or 1)
---------------------------
- Russia: ``stake * x - russia_war_cost * (1 + sigma) * war - audience_cost * backdown``
- Ukraine: ``-sovereignty_value * x - ukraine_war_cost * (1 - sigma / 2) * war``
- NATO: ``-concession_cost * x - nato_war_cost * (sigma / 2) * war``
- France: ``-|x - mediator_bias * demand| - france_war_cost * war / 2 + influence * mediated``
  (a mediator's spatial utility around its ideal point, the cost of a war in
  Europe, and the credit for a settlement it brokered).
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from negotiation_sim._params import parameter, parameter_arrays
from negotiation_sim.actors import (
    AUDIENCE_COST_NOTE,
    NATO,
    Q_1997,
    Q_COLDLY,
    Q_DONBAS,
    Q_HOSTAGE,
    Q_IMPOSSIBLE,
    Q_MEDIATOR,
    Q_NO_INFLUENCE,
    Q_SPHERE,
    Q_SUPPORT,
    Q_TROOPS,
    France,
    Russia,
    Ukraine,
)
from negotiation_sim.games.batch import GameBatch
from negotiation_sim.games.normal_form import NormalFormGame
from negotiation_sim.scenarios._base import Scenario, ScenarioResult, independent_of
from negotiation_sim.solvers._solve import solve
from negotiation_sim.solvers.equilibrium import EquilibriumSet, format_prob
from negotiation_sim.solvers.pure_nash import pure_equilibria

__all__ = ["EuropeanCrisis", "european_crisis"]

PLAYERS = ("Russia", "France", "Ukraine", "NATO")
ACTIONS = (
    ("Invade", "Threaten", "Withdraw"),
    ("Mediate", "Align"),
    ("Resist", "Concede"),
    ("Stand firm", "Accommodate"),
)
_R, _F, _U, _N = Russia(), France(), Ukraine(), NATO()


@attrs.frozen(repr=False)
class EuropeanCrisis(Scenario):
    """Russia, France, Ukraine and NATO in one four-player game (formulas in the module docs).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> sc = ns.scenarios.european_crisis()
    >>> sc.build().shape
    (3, 2, 2, 2)
    >>> res = sc.solve()
    >>> res.outcomes["p_war"]
    0.0
    """

    name = "european_crisis"
    title = "The four-actor crisis: Russia, France, Ukraine and NATO"
    quote = Q_HOSTAGE

    stake: float = parameter(_R.stake, doc="value of the stake to Russia", low=0, low_open=True, quote=Q_1997)
    demand: float = parameter(_R.demand, doc="share of the stake Russia demands", low=0, high=1, quote=Q_IMPOSSIBLE)
    win_probability: float = parameter(
        _R.win_probability, doc="probability Russia wins an unsupported war", low=0, high=1, quote=Q_TROOPS
    )
    russia_war_cost: float = parameter(_R.war_cost, doc="Russia's cost of war (below NATO's)", low=0, quote=Q_COLDLY)
    audience_cost: float = parameter(
        _R.audience_cost, doc="Russia's cost of backing down", low=0, note=AUDIENCE_COST_NOTE
    )
    mediator_bias: float = parameter(
        _F.mediator_bias, doc="France's ideal share of the demand", low=0, high=1, quote=Q_MEDIATOR
    )
    influence: float = parameter(
        _F.influence, doc="France's influence on the settlement and on support", low=0, high=1, quote=Q_NO_INFLUENCE
    )
    france_war_cost: float = parameter(
        _F.war_cost, doc="France's cost of a war in Europe", low=0, quote=_F.specs["war_cost"].quote
    )
    ukraine_war_cost: float = parameter(_U.war_cost, doc="Ukraine's cost of war", low=0, quote=Q_TROOPS)
    sovereignty_value: float = parameter(
        _U.sovereignty_value, doc="Ukraine's value of sovereignty over Donbas", low=0, quote=Q_DONBAS
    )
    support: float = parameter(_U.support, doc="Western support for Ukraine", low=0, high=1, quote=Q_SUPPORT)
    nato_war_cost: float = parameter(_N.war_cost, doc="NATO's cost of war (above Russia's)", low=0, quote=Q_COLDLY)
    concession_cost: float = parameter(
        _N.concession_cost, doc="NATO's cost per unit of Russia's gain", low=0, quote=Q_SPHERE
    )

    @classmethod
    def from_actors(cls, russia: Russia | None = None, france: France | None = None,
                    ukraine: Ukraine | None = None, nato: NATO | None = None) -> EuropeanCrisis:
        """The crisis between four actors' parameters."""
        r, f, u, n = russia or Russia(), france or France(), ukraine or Ukraine(), nato or NATO()
        return cls(
            stake=r.stake, demand=r.demand, win_probability=r.win_probability, russia_war_cost=r.war_cost,
            audience_cost=r.audience_cost, mediator_bias=f.mediator_bias, influence=f.influence,
            france_war_cost=f.war_cost, ukraine_war_cost=u.war_cost, sovereignty_value=u.sovereignty_value,
            support=u.support, nato_war_cost=n.war_cost, concession_cost=n.concession_cost,
        )

    # -- the game ------------------------------------------------------------

    def outcome(self, russia: int, france: int, ukraine: int, nato: int) -> dict[str, float]:
        """``x``, ``war``, ``backdown``, ``mediated`` and ``sigma`` at a pure profile (action indices)."""
        out = _outcomes(self._arrays())
        return {key: float(value[0, russia, france, ukraine, nato]) for key, value in out.items()}

    def payoffs_at(self, outcome: dict[str, float]) -> np.ndarray:
        """The four payoffs (Russia, France, Ukraine, NATO) of an outcome."""
        return _payoffs(self.parameters, **{k: outcome[k] for k in _OUTCOMES})

    def _arrays(self) -> dict[str, np.ndarray]:
        return {name: np.array([value], dtype=np.float64) for name, value in self.parameters.items()}

    def _tensors(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        payoffs, share, war = _tensors(self._arrays())
        return payoffs[0], share[0], war[0]

    def build(self) -> NormalFormGame:
        """The 3x2x2x2 game."""
        return NormalFormGame(self._tensors()[0], players=PLAYERS, actions=ACTIONS, title=self.title)

    @classmethod
    def batch(cls, **params: Any) -> GameBatch:
        """The game at many parameter points at once: a vectorised build for :func:`negotiation_sim.sweep`.

        Each parameter is a scalar or a 1-D array (broadcast together; the
        others take their defaults, range-checked as for one scenario). The
        payoffs of every point come from one evaluation of the formulas on
        arrays of shape (n_points, 3, 2, 2, 2): the same code that
        :meth:`build` runs with one point, so ``batch(...).game(k)`` equals
        ``EuropeanCrisis(**point_k).build()`` exactly.

        Examples
        --------
        >>> import numpy as np
        >>> import negotiation_sim as ns
        >>> batch = ns.scenarios.EuropeanCrisis.batch(support=np.linspace(0, 1, 5), influence=0.5)
        >>> len(batch), batch.payoffs.shape
        (5, (5, 3, 2, 2, 2, 4))
        >>> df = ns.sweep(ns.scenarios.EuropeanCrisis.batch, support=[0.0, 1.0], vectorized=True,
        ...               method="pure", progress=False)
        >>> df[["support", "Russia:Invade", "Russia:Withdraw"]].drop_duplicates().to_numpy().tolist()
        [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]
        """
        payoffs = _tensors(parameter_arrays(cls, params))[0]
        return GameBatch(payoffs, players=PLAYERS, actions=ACTIONS)

    # -- solving -------------------------------------------------------------

    def validate(self) -> None:
        """No constraint between parameters: every point of the parameter box is a well-defined game."""

    def outcomes_of(self, eq: Any) -> dict[str, float]:
        """One equilibrium's outcomes, from its strategies: P(war), Russia's expected share, the payoffs.

        The strategies are independent, so the probability of a pure profile is
        the product of the players' probabilities of its actions.
        """
        _, share, war = self._tensors()
        prob = _profile_probabilities(eq.strategies)
        out = {"p_war": float((prob * war).sum()), "russia_share": float((prob * share).sum())}
        for player, value in zip(PLAYERS, eq.payoffs):
            out[f"payoff {player}"] = float(value)
        return out

    @independent_of()
    def _equilibria(self) -> EquilibriumSet:
        """The game's equilibria, found once per point (the last 32 points kept): :meth:`solve` and
        :meth:`plot` both use them, so that a point solved and drawn (as the explorer does) solves the game
        once (a solver's warning is given when they are found)."""
        return solve(self.build())

    def solve(self) -> ScenarioResult:
        """Pure equilibria (complete), or the QRE-traced mixed one when there is none.

        The headline outcomes are those of the first equilibrium listed (the
        first pure one in the order of the actions above, or the traced mixed
        one); every equilibrium's own outcomes are :meth:`outcomes_of`.
        """
        eqs = self._equilibria()
        outcomes: dict[str, float] = {"n_equilibria": len(eqs), "n_pure": len(eqs.pure())}
        if len(eqs):
            outcomes.update(self.outcomes_of(eqs[0]))
        return ScenarioResult(self, eqs, outcomes, selected=0 if len(eqs) else None)

    def explain_result(self, result: ScenarioResult) -> str:
        eqs = result.equilibria
        lines = [f"{self.title}.", f"The article: \u201c{self.quote}\u201d"]
        if not len(eqs):
            lines.append("No equilibrium was found.")
        else:
            kind = "pure" if eqs[0].is_pure else "mixed (traced by the logit quantal response path)"
            lines.append(f"{len(eqs)} equilibri{'um' if len(eqs) == 1 else 'a'}; the first is {kind}:")
            lines.append(eqs[0].describe())
            lines.append(
                f"Probability of war {format_prob(result.outcomes['p_war'])}; Russia's expected share of the "
                f"stake {format_prob(result.outcomes['russia_share'])}."
            )
        lines.append(
            "What would change it: Russia's cost of war against Ukraine's support (the war branch), and "
            "France's influence (whether mediation can settle a refused demand)."
        )
        lines.append("Parameters and their sources:\n" + self.provenance_text())
        return "\n".join(lines)

    def plot(self, ax: Any = None, **kwargs: Any):
        """Russia against NATO, with France and Ukraine at their actions in the first equilibrium.

        The 2-player slice of the game is drawn with :func:`negotiation_sim.plotting.payoff_matrix`;
        its marked cells are the equilibria of that slice.
        """
        from negotiation_sim.plotting import payoff_matrix

        game = self.build()
        eqs = self._equilibria()
        france, ukraine = (int(np.argmax(eqs[0].strategies[k])) for k in (1, 2)) if len(eqs) else (0, 0)
        title = (f"Russia vs NATO (France: {ACTIONS[1][france]}, Ukraine: {ACTIONS[2][ukraine]})")
        sliced = NormalFormGame(
            game.payoffs[:, france, ukraine, :][..., [0, 3]],
            players=("Russia", "NATO"), actions=(ACTIONS[0], ACTIONS[3]), title=title,
        )
        ax = payoff_matrix(sliced, pure_equilibria(sliced), ax=ax, **kwargs)
        ax.set_title(title)
        return ax


def _profile_probabilities(strategies: tuple[np.ndarray, ...]) -> np.ndarray:
    """The product distribution over pure profiles of independent mixed strategies."""
    prob = np.ones(())
    for s in strategies:
        prob = np.multiply.outer(prob, s)
    return prob


#: What a profile leads to, in the order :meth:`EuropeanCrisis.outcome` lists it.
_OUTCOMES = ("x", "war", "backdown", "mediated", "sigma")
#: Each player's action index, shaped to broadcast over the (3, 2, 2, 2) profiles.
_ACT_R, _ACT_F, _ACT_U, _ACT_N = np.ix_(*(np.arange(len(a)) for a in ACTIONS))


def _outcomes(p: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The module docstring's outcome formulas at every profile of every point: shape (n, 3, 2, 2, 2).

    ``p`` maps each parameter to a 1-D array of its values at the points.
    These lines are the only statement of the formulas: a single scenario
    evaluates them with one point.
    """
    c = {k: np.asarray(v, dtype=np.float64)[:, None, None, None, None] for k, v in p.items()}
    shape = (len(p["support"]), *(len(a) for a in ACTIONS))
    aligned = _ACT_F == 1
    sigma = np.minimum(1.0, c["support"] * np.where(_ACT_N == 0, 1.0, 0.5) * (1 + c["influence"] * aligned))
    invade, threaten, withdraw = _ACT_R == 0, _ACT_R == 1, _ACT_R == 2
    resisted = (_ACT_U == 0) & (_ACT_N == 0)  # neither Ukraine nor NATO gives way
    mediated = np.where(threaten & resisted & ~aligned, c["influence"], 0.0)
    x_threat = np.where(
        resisted & ~aligned,
        c["influence"] * c["mediator_bias"] * c["demand"],
        c["demand"] / 2 * (_ACT_U == 1) + c["demand"] / 2 * (_ACT_N == 1),
    )
    x_invade = np.where(_ACT_U == 1, 1.0, c["win_probability"] * (1 - sigma / 2))
    x = np.where(invade, x_invade, np.where(threaten, x_threat, 0.0))
    war = np.where(invade & (_ACT_U == 0), 1.0, 0.0)
    backdown = np.where(threaten & resisted, 1.0 - mediated, np.where(withdraw, 0.5, 0.0))
    out = {"x": x, "war": war, "backdown": backdown, "mediated": mediated, "sigma": sigma}
    return {k: np.broadcast_to(v, shape) for k, v in out.items()}


def _payoffs(p: dict[str, Any], x: Any, war: Any, backdown: Any, mediated: Any, sigma: Any) -> np.ndarray:
    """The module docstring's payoff formulas; the four payoffs on a new last axis."""
    return np.stack([
        p["stake"] * x - p["russia_war_cost"] * (1 + sigma) * war - p["audience_cost"] * backdown,
        -np.abs(x - p["mediator_bias"] * p["demand"]) - p["france_war_cost"] * war / 2 + p["influence"] * mediated,
        -p["sovereignty_value"] * x - p["ukraine_war_cost"] * (1 - sigma / 2) * war,
        -p["concession_cost"] * x - p["nato_war_cost"] * (sigma / 2) * war,
    ], axis=-1)


def _tensors(p: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Payoffs (n, 3, 2, 2, 2, 4), Russia's share ``x`` and ``war`` (n, 3, 2, 2, 2) at n points."""
    out = _outcomes(p)
    c = {k: np.asarray(v, dtype=np.float64)[:, None, None, None, None] for k, v in p.items()}
    return _payoffs(c, **out), out["x"], out["war"]


def european_crisis(**params: Any) -> EuropeanCrisis:
    """The four-actor crisis at the actors' defaults, with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.european_crisis(influence=0.5).influence
    0.5
    """
    return EuropeanCrisis(**params)
