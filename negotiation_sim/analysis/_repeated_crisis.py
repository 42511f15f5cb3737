"""Repeated crises: the target learns the challenger's resolve by Bayes' rule.

A challenger of fixed type (resolved with probability ``prior``, drawn once
per run) faces the same target in ``n_rounds`` successive hostage-taker
crises (MODELS.md). In every round both play the one-shot equilibrium at the
target's current belief, and the target then updates its belief by Bayes'
rule from what it saw:

- no threat (status quo), a threat met by a concession: the likelihood of
  each type is its equilibrium probability of threatening (or not);
- a bluff called (the challenger backed down): only the unresolved type backs
  down, so the belief drops to 0;
- a war: only the resolved type fights, so the belief jumps to 1.

An observation that has probability 0 under the equilibrium (off the path)
leaves the belief unchanged.

The one-shot equilibrium is :meth:`negotiation_sim.models.CrisisSignaling.strategies`,
evaluated for every run's belief at once. After a concession in the
semi-separating equilibrium the posterior is exactly the threshold, where the
target is indifferent; which equilibrium is played there decides whether
learning goes on. We take the semi-separating one (both types threaten, the
target still resists with ``resist_prob``), following MODELS.md's "the target
resists exactly when its belief is at most the threshold";
``CrisisSignaling.solve()`` reports the pooling one there.
"""

from __future__ import annotations

import attrs
import numpy as np
import pandas as pd

from negotiation_sim._numeric import as_rng
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.models.crisis_signaling import CrisisSignaling

__all__ = ["repeated_crisis", "RepeatedCrisisResult", "OUTCOMES"]

#: What the target can observe in one round.
OUTCOMES = ("status quo", "concession", "war", "backed down")


@attrs.frozen(eq=False)
class RepeatedCrisisResult:
    """Outcomes of a Monte Carlo over repeated crises.

    Attributes
    ----------
    data : pandas.DataFrame
        One row per (run, round): ``run``, ``round`` (from 1), ``resolved``
        (the challenger's true type), ``belief`` (the target's belief before
        the round), ``kind`` ("pooling" or "semi-separating"),
        ``threat_prob`` (the challenger's type's probability of threatening),
        ``resist_prob``, ``outcome`` (one of :data:`OUTCOMES`), ``posterior``
        (the belief after the round), ``payoff challenger``, ``payoff target``.
    model : negotiation_sim.models.CrisisSignaling
        The one-shot crisis at the initial belief (its payoffs are every round's).
    n_runs, n_rounds : int
    """

    data: pd.DataFrame
    model: CrisisSignaling
    n_runs: int
    n_rounds: int

    @property
    def prior(self) -> float:
        """The initial belief, also the probability that a run's challenger is resolved."""
        return float(self.model.prior)

    def summary(self) -> pd.DataFrame:
        """By round: mean belief, frequency of each outcome (with its standard error), mean payoffs.

        Examples
        --------
        >>> res = repeated_crisis(prior=0.3, concession_cost=1, war_cost_target=2,
        ...                       audience_cost=1, n_rounds=2, n_runs=200, rng=0, progress=False)
        >>> list(res.summary().columns)[:3]
        ['belief', 'p_status_quo', 'se_status_quo']
        """
        grouped = self.data.groupby("round")
        out = pd.DataFrame({"belief": grouped["belief"].mean()})
        for outcome in OUTCOMES:
            key = outcome.replace(" ", "_")
            freq = grouped["outcome"].apply(_share, outcome=outcome)
            out[f"p_{key}"] = freq
            out[f"se_{key}"] = np.sqrt(freq * (1 - freq) / self.n_runs)
        out["payoff challenger"] = grouped["payoff challenger"].mean()
        out["payoff target"] = grouped["payoff target"].mean()
        return out


def _share(outcomes: pd.Series, outcome: str) -> float:
    """The fraction of ``outcomes`` equal to ``outcome``."""
    return float((outcomes == outcome).mean())


def bayes_update(prior: np.ndarray, like_resolved: np.ndarray,
                 like_unresolved: np.ndarray) -> np.ndarray:
    """Posterior that the challenger is resolved; unchanged where the observation had probability 0.

    Examples
    --------
    >>> bayes_update(np.array([0.2]), np.array([1.0]), np.array([0.25])).tolist()
    [0.5]
    """
    num = prior * like_resolved
    den = num + (1 - prior) * like_unresolved
    with np.errstate(divide="ignore", invalid="ignore"):
        post = np.where(den > 0, num / np.where(den > 0, den, 1.0), prior)
    return np.clip(post, 0.0, 1.0)


def _play_round(model: CrisisSignaling, belief: np.ndarray, resolved: np.ndarray,
                rng: np.random.Generator) -> dict[str, np.ndarray]:
    """One crisis for every run at once: draws, outcome, payoffs and the updated belief."""
    eq = model.strategies(belief, at_threshold="semi-separating")
    t_unres, resist = eq["bluff_prob"], eq["resist_prob"]
    t_res = np.ones_like(t_unres)  # the resolved type always threatens
    u_threat, u_resist = rng.random((2, len(belief)))
    threat = u_threat < np.where(resolved, t_res, t_unres)
    resisted = threat & (u_resist < resist)
    code = np.where(~threat, 0, np.where(~resisted, 1, np.where(resolved, 2, 3)))
    # Likelihood of the observation under each type (the target's response cancels out).
    like_res = np.choose(code, [1 - t_res, t_res, t_res, np.zeros_like(t_res)])
    like_unres = np.choose(code, [1 - t_unres, t_unres, np.zeros_like(t_unres), t_unres])
    war_payoff = np.where(resolved, model.war_payoff_resolved, model.war_payoff_unresolved)
    return {
        "kind": np.where(eq["pooling"], "pooling", "semi-separating"),
        "threat_prob": np.where(resolved, t_res, t_unres),
        "resist_prob": resist,
        "code": code,
        "posterior": bayes_update(belief, like_res, like_unres),
        "payoff challenger": np.choose(code, [0.0, model.stake, war_payoff, -model.audience_cost]),
        "payoff target": np.choose(code, [0.0, -model.concession_cost, -model.war_cost_target, 0.0]),
    }


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        msg = f"{name} must be a positive integer, got {value!r}"
        raise InvalidParameterError(msg)
    return int(value)


def repeated_crisis(*, prior: float, concession_cost: float, war_cost_target: float,
                    audience_cost: float, stake: float = 1.0, war_payoff_resolved: float = 0.0,
                    war_payoff_unresolved: float | None = None, n_rounds: int = 5,
                    n_runs: int = 1000, rng: np.random.Generator | int | None = None,
                    progress: bool = True) -> RepeatedCrisisResult:
    """Simulate sequences of hostage-taker crises with Bayesian learning by the target.

    Parameters
    ----------
    prior : float
        The target's initial belief that the challenger is resolved (the
        leverage), and the probability that a run's challenger is resolved.
    concession_cost, war_cost_target, audience_cost, stake, war_payoff_resolved, war_payoff_unresolved : float
        The crisis payoffs, validated as in ``ns.models.CrisisSignaling``
        (MODELS.md). ``war_payoff_unresolved`` defaults to ``-(audience_cost + stake)``.
    n_rounds : int, default 5
        Crises per run.
    n_runs : int, default 1000
        Independent runs (each with its own challenger type).
    rng : numpy.random.Generator, int or None
        Randomness; a seed makes the simulation reproducible.
    progress : bool, default True
        Show a tqdm bar over rounds.

    Returns
    -------
    RepeatedCrisisResult
        ``.data`` by run and round and ``.summary()`` by round.

    Examples
    --------
    A called bluff reveals an unresolved challenger; a war a resolved one:

    >>> res = repeated_crisis(prior=0.2, concession_cost=1, war_cost_target=2,
    ...                       audience_cost=1, n_rounds=3, n_runs=500, rng=1, progress=False)
    >>> d = res.data
    >>> sorted(d.loc[d["outcome"] == "backed down", "posterior"].unique().tolist())
    [0.0]
    >>> sorted(d.loc[d["outcome"] == "war", "posterior"].unique().tolist())
    [1.0]
    """
    from tqdm.auto import tqdm

    unresolved = {} if war_payoff_unresolved is None else {"war_payoff_unresolved": war_payoff_unresolved}
    model = CrisisSignaling(prior=prior, concession_cost=concession_cost, war_cost_target=war_cost_target,
                            audience_cost=audience_cost, stake=stake,
                            war_payoff_resolved=war_payoff_resolved, **unresolved)
    n_rounds, n_runs = _check_count("n_rounds", n_rounds), _check_count("n_runs", n_runs)
    gen = as_rng(rng)
    resolved = gen.random(n_runs) < prior
    belief = np.full(n_runs, float(prior))
    frames = []
    for rnd in tqdm(range(1, n_rounds + 1), desc="crises", disable=not progress, leave=False):
        step = _play_round(model, belief, resolved, gen)
        code = step.pop("code")
        frames.append(pd.DataFrame({
            "run": np.arange(n_runs), "round": rnd, "resolved": resolved, "belief": belief,
            **{k: step[k] for k in ("kind", "threat_prob", "resist_prob")},
            "outcome": np.asarray(OUTCOMES, dtype=object)[code],
            **{k: step[k] for k in ("posterior", "payoff challenger", "payoff target")},
        }))
        belief = step["posterior"]
    data = pd.concat(frames, ignore_index=True).sort_values(["run", "round"], kind="stable")
    return RepeatedCrisisResult(data.reset_index(drop=True), model, n_runs, n_rounds)
