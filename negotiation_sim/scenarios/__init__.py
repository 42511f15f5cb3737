"""The article's scenarios, one module each (see ``names()``).

Every scenario is a frozen value class with documented parameters (each
traced to the article), ``with_params``, ``solve()`` -> :class:`ScenarioResult`,
``sweep(...)``, ``explain()`` and ``plot()``.
"""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.scenarios._base import Scenario, ScenarioResult
    from negotiation_sim.scenarios._registry import get, names
    from negotiation_sim.scenarios.border_standoff import BorderStandoff, border_standoff
    from negotiation_sim.scenarios.coalition_unity import CoalitionUnity, coalition_unity
    from negotiation_sim.scenarios.cornered_rat import CorneredRat, cornered_rat
    from negotiation_sim.scenarios.donbas_commitment import DonbasCommitment, donbas_commitment
    from negotiation_sim.scenarios.european_crisis import EuropeanCrisis, european_crisis
    from negotiation_sim.scenarios.feasible_suggestions import (
        FeasibleSuggestions,
        feasible_suggestions,
    )
    from negotiation_sim.scenarios.french_public import FrenchPublic, french_public
    from negotiation_sim.scenarios.hostage_taker import HostageTaker, hostage_taker
    from negotiation_sim.scenarios.marathon_talks import MarathonTalks, marathon_talks
    from negotiation_sim.scenarios.maximal_demand import MaximalDemand, maximal_demand
    from negotiation_sim.scenarios.mediation import Mediation, mediation
    from negotiation_sim.scenarios.public_private import PublicPrivate, public_private
    from negotiation_sim.scenarios.repeated_crisis import LongLivedChallenger, repeated_crisis
    from negotiation_sim.scenarios.reputation import Reputation, reputation
    from negotiation_sim.scenarios.security_order import SecurityOrder, security_order
    from negotiation_sim.scenarios.six_hours import SixHours, six_hours
    from negotiation_sim.scenarios.troops_signal import TroopsSignal, troops_signal

__all__ = [
    "BorderStandoff",
    "CoalitionUnity",
    "CorneredRat",
    "DonbasCommitment",
    "EuropeanCrisis",
    "FeasibleSuggestions",
    "FrenchPublic",
    "HostageTaker",
    "LongLivedChallenger",
    "MarathonTalks",
    "MaximalDemand",
    "Mediation",
    "PublicPrivate",
    "Reputation",
    "Scenario",
    "ScenarioResult",
    "SecurityOrder",
    "SixHours",
    "TroopsSignal",
    "border_standoff",
    "coalition_unity",
    "cornered_rat",
    "donbas_commitment",
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
    "repeated_crisis",
    "reputation",
    "security_order",
    "six_hours",
    "troops_signal",
]

# Imported on first use (PEP 562; see negotiation_sim._lazy): public name -> submodule.
_EXPORTS = {
    "Scenario": "_base",
    "ScenarioResult": "_base",
    "get": "_registry",
    "names": "_registry",
    "BorderStandoff": "border_standoff",
    "border_standoff": "border_standoff",
    "CoalitionUnity": "coalition_unity",
    "coalition_unity": "coalition_unity",
    "CorneredRat": "cornered_rat",
    "cornered_rat": "cornered_rat",
    "DonbasCommitment": "donbas_commitment",
    "donbas_commitment": "donbas_commitment",
    "EuropeanCrisis": "european_crisis",
    "european_crisis": "european_crisis",
    "FeasibleSuggestions": "feasible_suggestions",
    "feasible_suggestions": "feasible_suggestions",
    "FrenchPublic": "french_public",
    "french_public": "french_public",
    "HostageTaker": "hostage_taker",
    "hostage_taker": "hostage_taker",
    "MarathonTalks": "marathon_talks",
    "marathon_talks": "marathon_talks",
    "MaximalDemand": "maximal_demand",
    "maximal_demand": "maximal_demand",
    "Mediation": "mediation",
    "mediation": "mediation",
    "PublicPrivate": "public_private",
    "public_private": "public_private",
    "LongLivedChallenger": "repeated_crisis",
    "repeated_crisis": "repeated_crisis",
    "Reputation": "reputation",
    "reputation": "reputation",
    "SecurityOrder": "security_order",
    "security_order": "security_order",
    "SixHours": "six_hours",
    "six_hours": "six_hours",
    "TroopsSignal": "troops_signal",
    "troops_signal": "troops_signal",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
