"""The article's scenarios, one module each (see ``names()``).

Every scenario is a frozen value class with documented parameters (each
traced to the article), ``with_params``, ``solve()`` -> :class:`ScenarioResult`,
``sweep(...)``, ``explain()`` and ``plot()``.
"""

from negotiation_sim.scenarios._base import Scenario, ScenarioResult
from negotiation_sim.scenarios._registry import get, names
from negotiation_sim.scenarios.border_standoff import BorderStandoff, border_standoff
from negotiation_sim.scenarios.european_crisis import EuropeanCrisis, european_crisis

__all__ = [
    "BorderStandoff",
    "EuropeanCrisis",
    "Scenario",
    "ScenarioResult",
    "border_standoff",
    "european_crisis",
    "get",
    "names",
]
