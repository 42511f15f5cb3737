"""The scenario registry: names in the order of the design (MODELS.md), built lazily."""

from __future__ import annotations

import importlib
from typing import Any

from negotiation_sim.errors import UnknownNameError

__all__ = ["names", "get"]

#: scenario name -> "module:builder function" (imported on first use).
_SCENARIOS: dict[str, str] = {
    "hostage_taker": "negotiation_sim.scenarios._hostage_taker:hostage_taker",
    "border_standoff": "negotiation_sim.scenarios._border_standoff:border_standoff",
    "maximal_demand": "negotiation_sim.scenarios._maximal_demand:maximal_demand",
    "marathon_talks": "negotiation_sim.scenarios._marathon_talks:marathon_talks",
    "mediation": "negotiation_sim.scenarios._mediation:mediation",
    "coalition_unity": "negotiation_sim.scenarios._coalition_unity:coalition_unity",
    "security_order": "negotiation_sim.scenarios._security_order:security_order",
    "reputation": "negotiation_sim.scenarios._reputation:reputation",
    "european_crisis": "negotiation_sim.scenarios._european_crisis:european_crisis",
    "troops_signal": "negotiation_sim.scenarios._troops_signal:troops_signal",
    "feasible_suggestions": "negotiation_sim.scenarios._feasible_suggestions:feasible_suggestions",
    "french_public": "negotiation_sim.scenarios._french_public:french_public",
    "public_private": "negotiation_sim.scenarios._public_private:public_private",
    "repeated_crisis": "negotiation_sim.scenarios._repeated_crisis:repeated_crisis",
    "six_hours": "negotiation_sim.scenarios._six_hours:six_hours",
    "donbas_commitment": "negotiation_sim.scenarios._donbas_commitment:donbas_commitment",
    "cornered_rat": "negotiation_sim.scenarios._cornered_rat:cornered_rat",
}


def names() -> list[str]:
    """The names of the article's scenarios, in the order of the design.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> "border_standoff" in ns.scenarios.names()
    True
    """
    return list(_SCENARIOS)


def get(name: str, **params: Any):
    """The scenario called ``name``, at its defaults with any parameter changed.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> ns.scenarios.get("border_standoff", stake=2.0).stake
    2.0
    """
    if name not in _SCENARIOS:
        msg = f"unknown scenario {name!r}; the scenarios are {names()}"
        raise UnknownNameError(msg)
    module, func = _SCENARIOS[name].split(":")
    return getattr(importlib.import_module(module), func)(**params)
