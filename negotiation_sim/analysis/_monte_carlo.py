"""Monte Carlo: solve a game, model or scenario at parameters drawn from distributions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from negotiation_sim._numeric import as_rng
from negotiation_sim.analysis._stream import FrameSink, Points, run
from negotiation_sim.errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["monte_carlo"]


def _check_distributions(distributions: Any) -> dict[str, Any]:
    if not isinstance(distributions, Mapping) or not distributions:
        msg = ("distributions must be a non-empty dict {parameter name: frozen scipy.stats "
               f"distribution}}, got {distributions!r}")
        raise InvalidParameterError(msg)
    for name, dist in distributions.items():
        if not callable(getattr(dist, "rvs", None)):
            msg = (f"distributions[{name!r}] must be a frozen scipy.stats distribution "
                   f"(with .rvs), e.g. scipy.stats.uniform(0, 1), not {type(dist).__name__}")
            raise InvalidParameterError(msg)
    return dict(distributions)


def _check_fixed(fixed: Any, drawn: dict[str, Any]) -> dict[str, Any]:
    if fixed is None:
        return {}
    if not isinstance(fixed, Mapping):
        msg = f"fixed must be a dict {{parameter name: value}} or None, not {type(fixed).__name__}"
        raise InvalidParameterError(msg)
    both = sorted(set(fixed) & set(drawn))
    if both:
        msg = f"fixed and distributions both give parameter(s) {both}; give each once"
        raise InvalidParameterError(msg)
    return dict(fixed)


def monte_carlo(build: Callable[..., Any], distributions: Mapping[str, Any], n: int = 1000,
                rng: np.random.Generator | int | None = None, fixed: Mapping[str, Any] | None = None,
                progress: bool = True, executor: Any = None, chunksize: int | None = None,
                method: str = "auto") -> pd.DataFrame:
    """Solve ``build(**params)`` at ``n`` parameter draws.

    Parameters
    ----------
    build : callable
        As for :func:`negotiation_sim.sweep`: returns a game, a model or a scenario.
    distributions : dict
        ``{parameter name: frozen scipy.stats distribution}``; each draw takes
        one value of every parameter, independently, in the dict's order.
    n : int, default 1000
        Number of draws.
    rng : numpy.random.Generator, int or None
        Randomness; a seed makes the draws reproducible.
    fixed : dict, optional
        Parameters held at one value for every draw.
    progress, executor, chunksize, method
        As for :func:`negotiation_sim.sweep`.

    Returns
    -------
    pandas.DataFrame
        The columns of a sweep (parameters, ``equilibrium``, ``kind``,
        probabilities, payoffs, outcomes) plus ``draw`` (0 to ``n - 1``).
        Draws are not neighbours, so ``equilibrium`` numbers a draw's
        equilibria in order of their strategy vectors rather than tracking
        branches.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import stats
    >>> import negotiation_sim as ns
    >>> def chicken(cost):
    ...     return ns.NormalFormGame.from_arrays(
    ...         [[0, -1], [1, -cost]], [[0, 1], [-1, -cost]], players=("Russia", "NATO"),
    ...         actions=(("Swerve", "Straight"),) * 2)
    >>> df = ns.analysis.monte_carlo(chicken, {"cost": stats.uniform(2, 8)}, n=50, rng=0,
    ...                              method="pure", progress=False)
    >>> len(df), df["draw"].nunique(), bool(df["cost"].between(2, 10).all())
    (100, 50, True)
    """
    dists = _check_distributions(distributions)
    fixed = _check_fixed(fixed, dists)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        msg = f"n must be a positive integer, got {n!r}"
        raise InvalidParameterError(msg)
    if not callable(build):
        msg = f"build must be a callable that takes the parameters, not {type(build).__name__}"
        raise InvalidParameterError(msg)
    gen = as_rng(rng)
    columns = {name: np.asarray(dist.rvs(size=int(n), random_state=gen)) for name, dist in dists.items()}
    columns.update({name: np.full(int(n), value) for name, value in fixed.items()})
    sink = FrameSink()
    run(build, Points.draws(columns, "draw"), [sink], method=method, vectorized=False, executor=executor,
        chunksize=chunksize, progress=progress)
    return sink.result()
