"""The synthetic crisis data set shipped with the package, and the script that makes it.

``negotiation_sim/data/crises.csv`` holds 500 synthetic crises drawn by
:func:`make_crises` (seed 2014) from Signorino's simple crisis game
(``egame12``) with the known coefficients :data:`CRISES_TRUTH`. The data are
invented: no row is a real crisis. Columns:

``crisis``
    An identifier, ``"C001"`` to ``"C500"``.
``advantage``
    The challenger's local military advantage (standard normal).
``support``
    Outside support for the defender visible before the crisis, from 0
    (none) to 1 (the most any defender gets), uniform.
``outcome``
    ``"status quo"`` (the challenger does not challenge), ``"concession"``
    (it challenges and the defender gives in) or ``"war"`` (the defender resists).

The challenger's utility of the defender's concession is fixed at 0
(``u13``); its status quo utility ``u11`` is a constant; its war utility
``u14`` rises with ``advantage`` and falls with ``support``; the
defender's war utility ``u24`` (relative to conceding) rises with
``support`` and falls with ``advantage``.

Regenerate the file with ``python docs/_tools/make_crises_data.py`` (``tests/estimate/test_datasets.py``
checks that the shipped file is exactly what it writes).

Examples
--------
>>> from negotiation_sim.estimate import load_crises
>>> df = load_crises()
>>> df.shape, sorted(df["outcome"].unique())
((500, 4), ['concession', 'status quo', 'war'])
"""

from __future__ import annotations

import os
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from negotiation_sim.estimate._simulate import simulate

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CRISES_TRUTH", "CRISES_UTILITIES", "CRISES_OUTCOMES", "load_crises", "make_crises"]

#: The coefficients the shipped crises were drawn from (logit agent error, ``egame12``).
CRISES_TRUTH = MappingProxyType({
    "u11:const": -1.0,
    "u14:const": 0.5, "u14:advantage": 1.0, "u14:support": -2.0,
    "u24:const": -1.0, "u24:support": 3.0, "u24:advantage": -1.0,
})
#: The ``utilities`` argument of :func:`~negotiation_sim.estimate.strategic_logit` that matches the truth.
CRISES_UTILITIES = MappingProxyType({"u11": (), "u14": ("advantage", "support"), "u24": ("support", "advantage")})
#: The outcome labels of ``egame12``, left to right.
CRISES_OUTCOMES = ("status quo", "concession", "war")

_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "crises.csv")


def make_crises(n: int = 500, seed: int = 2014) -> pd.DataFrame:
    """Draw the synthetic crises: covariates, then outcomes by :func:`~negotiation_sim.estimate.simulate`.

    Parameters
    ----------
    n : int, default 500
    seed : int, default 2014
        The shipped file is ``make_crises()`` with the defaults.

    Returns
    -------
    pandas.DataFrame
        Columns ``crisis``, ``advantage``, ``support``, ``outcome``.

    Examples
    --------
    >>> make_crises(n=3).columns.tolist()
    ['crisis', 'advantage', 'support', 'outcome']
    """
    import pandas as pd

    rng = np.random.default_rng(seed)
    cov = pd.DataFrame({
        "crisis": [f"C{i + 1:03d}" for i in range(n)],
        "advantage": np.round(rng.standard_normal(n), 4),
        "support": np.round(rng.uniform(0.0, 1.0, n), 4),
    })
    return simulate(dict(CRISES_TRUTH), game="egame12", data=cov, outcomes=CRISES_OUTCOMES, rng=rng)


def load_crises() -> pd.DataFrame:
    """The shipped synthetic crises (``negotiation_sim/data/crises.csv``) as a DataFrame.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> load_crises()["outcome"].value_counts().index[0]
    'status quo'
    """
    import pandas as pd

    return pd.read_csv(_PATH)

