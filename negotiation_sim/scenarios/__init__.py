"""The article's scenarios, one module each (see ``names()``).

Every scenario is a frozen value class with documented parameters (each
traced to the article), ``with_params``, ``solve()`` -> :class:`ScenarioResult`,
``sweep(...)``, ``explain()`` and ``plot()``.
"""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.scenarios._base import Scenario, ScenarioResult
    from negotiation_sim.scenarios._border_standoff import BorderStandoff, border_standoff
    from negotiation_sim.scenarios._coalition_unity import CoalitionUnity, coalition_unity
    from negotiation_sim.scenarios._cornered_rat import CorneredRat, cornered_rat
    from negotiation_sim.scenarios._donbas_commitment import DonbasCommitment, donbas_commitment
    from negotiation_sim.scenarios._european_crisis import EuropeanCrisis, european_crisis
    from negotiation_sim.scenarios._feasible_suggestions import (
        FeasibleSuggestions,
        feasible_suggestions,
    )
    from negotiation_sim.scenarios._french_public import FrenchPublic, french_public
    from negotiation_sim.scenarios._hostage_taker import HostageTaker, hostage_taker
    from negotiation_sim.scenarios._marathon_talks import MarathonTalks, marathon_talks
    from negotiation_sim.scenarios._maximal_demand import MaximalDemand, maximal_demand
    from negotiation_sim.scenarios._mediation import Mediation, mediation
    from negotiation_sim.scenarios._public_private import PublicPrivate, public_private
    from negotiation_sim.scenarios._registry import get, names
    from negotiation_sim.scenarios._repeated_crisis import LongLivedChallenger, repeated_crisis
    from negotiation_sim.scenarios._reputation import Reputation, reputation
    from negotiation_sim.scenarios._security_order import SecurityOrder, security_order
    from negotiation_sim.scenarios._six_hours import SixHours, six_hours
    from negotiation_sim.scenarios._troops_signal import TroopsSignal, troops_signal

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
    "BorderStandoff": "_border_standoff",
    "border_standoff": "_border_standoff",
    "CoalitionUnity": "_coalition_unity",
    "coalition_unity": "_coalition_unity",
    "CorneredRat": "_cornered_rat",
    "cornered_rat": "_cornered_rat",
    "DonbasCommitment": "_donbas_commitment",
    "donbas_commitment": "_donbas_commitment",
    "EuropeanCrisis": "_european_crisis",
    "european_crisis": "_european_crisis",
    "FeasibleSuggestions": "_feasible_suggestions",
    "feasible_suggestions": "_feasible_suggestions",
    "FrenchPublic": "_french_public",
    "french_public": "_french_public",
    "HostageTaker": "_hostage_taker",
    "hostage_taker": "_hostage_taker",
    "MarathonTalks": "_marathon_talks",
    "marathon_talks": "_marathon_talks",
    "MaximalDemand": "_maximal_demand",
    "maximal_demand": "_maximal_demand",
    "Mediation": "_mediation",
    "mediation": "_mediation",
    "PublicPrivate": "_public_private",
    "public_private": "_public_private",
    "LongLivedChallenger": "_repeated_crisis",
    "repeated_crisis": "_repeated_crisis",
    "Reputation": "_reputation",
    "reputation": "_reputation",
    "SecurityOrder": "_security_order",
    "security_order": "_security_order",
    "SixHours": "_six_hours",
    "six_hours": "_six_hours",
    "TroopsSignal": "_troops_signal",
    "troops_signal": "_troops_signal",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
