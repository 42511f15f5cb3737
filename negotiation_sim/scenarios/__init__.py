"""The article's scenarios, one module each (see ``names()``).

Every scenario is a frozen value class with documented parameters (each
traced to the article), ``with_params``, ``solve()`` -> :class:`ScenarioResult`,
``sweep(...)``, ``explain()`` and ``plot()``.
"""

from negotiation_sim.scenarios._base import Scenario, ScenarioResult
from negotiation_sim.scenarios._registry import get, names
from negotiation_sim.scenarios.border_standoff import BorderStandoff, border_standoff
from negotiation_sim.scenarios.coalition_unity import CoalitionUnity, coalition_unity
from negotiation_sim.scenarios.european_crisis import EuropeanCrisis, european_crisis
from negotiation_sim.scenarios.feasible_suggestions import FeasibleSuggestions, feasible_suggestions
from negotiation_sim.scenarios.french_public import FrenchPublic, french_public
from negotiation_sim.scenarios.hostage_taker import HostageTaker, hostage_taker
from negotiation_sim.scenarios.marathon_talks import MarathonTalks, marathon_talks
from negotiation_sim.scenarios.maximal_demand import MaximalDemand, maximal_demand
from negotiation_sim.scenarios.mediation import Mediation, mediation
from negotiation_sim.scenarios.public_private import PublicPrivate, public_private
from negotiation_sim.scenarios.reputation import Reputation, reputation
from negotiation_sim.scenarios.security_order import SecurityOrder, security_order
from negotiation_sim.scenarios.troops_signal import TroopsSignal, troops_signal

__all__ = [
    "BorderStandoff",
    "CoalitionUnity",
    "EuropeanCrisis",
    "FeasibleSuggestions",
    "FrenchPublic",
    "HostageTaker",
    "MarathonTalks",
    "MaximalDemand",
    "Mediation",
    "PublicPrivate",
    "Reputation",
    "Scenario",
    "ScenarioResult",
    "SecurityOrder",
    "TroopsSignal",
    "border_standoff",
    "coalition_unity",
    "european_crisis",
    "feasible_suggestions",
    "french_public",
    "get",
    "hostage_taker",
    "marathon_talks",
    "maximal_demand",
    "mediation",
    "names",
    "public_private",
    "reputation",
    "security_order",
    "troops_signal",
]
