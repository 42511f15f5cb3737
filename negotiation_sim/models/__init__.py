"""Published closed-form models of coercive bargaining (Fearon, Rubinstein, ...).

Each model is a frozen attrs class validated on construction; ``solve()``
returns a frozen result with a ``describe()`` method. Models that are finite
games also build the game (``.game()``) so the generic solvers can be checked
against the closed form.
"""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.models._chicken import (
        ChickenMixed,
        chicken,
        chicken_asymmetric,
        chicken_mixed,
    )
    from negotiation_sim.models.brinkmanship import Brinkmanship, BrinkmanshipResult
    from negotiation_sim.models.chain_store import ChainStore, ChainStoreResult
    from negotiation_sim.models.cheap_talk import CheapTalk, CheapTalkResult
    from negotiation_sim.models.coalition import CoalitionResult, CoalitionUnity
    from negotiation_sim.models.costly_signal import CostlySignal, CostlySignalResult, SignalOutcome
    from negotiation_sim.models.crisis_signaling import CrisisResult, CrisisSignaling
    from negotiation_sim.models.deterrence import DeterrenceResult, PerfectDeterrence
    from negotiation_sim.models.fearon import Fearon, FearonResult
    from negotiation_sim.models.indivisibility import Indivisibility, IndivisibilityResult
    from negotiation_sim.models.mediation import Mediation, MediationResult
    from negotiation_sim.models.nash_bargaining import BargainingSolution, NashBargaining
    from negotiation_sim.models.preventive_war import PreventiveWar, PreventiveWarResult
    from negotiation_sim.models.prospect import ProspectCrisis, ProspectResult, ResurrectionResult
    from negotiation_sim.models.repeated_game import RepeatedCrisis, RepeatedCrisisResult
    from negotiation_sim.models.risk_return import RiskReturn, RiskReturnResult, TwoTypeCost
    from negotiation_sim.models.rubinstein import Rubinstein, RubinsteinResult
    from negotiation_sim.models.screening import Screening, ScreeningResult
    from negotiation_sim.models.two_level import TwoLevelGame, TwoLevelResult
    from negotiation_sim.models.unilateral_deterrence import (
        DeterrenceEquilibrium,
        UnilateralDeterrence,
        UnilateralDeterrenceResult,
    )
    from negotiation_sim.models.war_of_attrition import WarOfAttrition, WarOfAttritionResult

__all__ = [
    "BargainingSolution",
    "Brinkmanship",
    "BrinkmanshipResult",
    "ChainStore",
    "ChainStoreResult",
    "CheapTalk",
    "CheapTalkResult",
    "ChickenMixed",
    "CoalitionResult",
    "CoalitionUnity",
    "CostlySignal",
    "CostlySignalResult",
    "CrisisResult",
    "CrisisSignaling",
    "DeterrenceEquilibrium",
    "DeterrenceResult",
    "Fearon",
    "FearonResult",
    "Indivisibility",
    "IndivisibilityResult",
    "Mediation",
    "MediationResult",
    "NashBargaining",
    "PerfectDeterrence",
    "PreventiveWar",
    "PreventiveWarResult",
    "ProspectCrisis",
    "ProspectResult",
    "RepeatedCrisis",
    "RepeatedCrisisResult",
    "ResurrectionResult",
    "RiskReturn",
    "RiskReturnResult",
    "Rubinstein",
    "RubinsteinResult",
    "Screening",
    "ScreeningResult",
    "SignalOutcome",
    "TwoLevelGame",
    "TwoLevelResult",
    "TwoTypeCost",
    "WarOfAttrition",
    "WarOfAttritionResult",
    "UnilateralDeterrence",
    "UnilateralDeterrenceResult",
    "chicken",
    "chicken_asymmetric",
    "chicken_mixed",
]

# Imported on first use (PEP 562; see negotiation_sim._lazy): public name -> submodule.
_EXPORTS = {
    "Brinkmanship": "brinkmanship",
    "BrinkmanshipResult": "brinkmanship",
    "ChainStore": "chain_store",
    "ChainStoreResult": "chain_store",
    "CheapTalk": "cheap_talk",
    "CheapTalkResult": "cheap_talk",
    "ChickenMixed": "_chicken",
    "chicken": "_chicken",
    "chicken_asymmetric": "_chicken",
    "chicken_mixed": "_chicken",
    "CoalitionResult": "coalition",
    "CoalitionUnity": "coalition",
    "CostlySignal": "costly_signal",
    "CostlySignalResult": "costly_signal",
    "SignalOutcome": "costly_signal",
    "CrisisResult": "crisis_signaling",
    "CrisisSignaling": "crisis_signaling",
    "DeterrenceResult": "deterrence",
    "PerfectDeterrence": "deterrence",
    "Fearon": "fearon",
    "FearonResult": "fearon",
    "Indivisibility": "indivisibility",
    "IndivisibilityResult": "indivisibility",
    "Mediation": "mediation",
    "MediationResult": "mediation",
    "BargainingSolution": "nash_bargaining",
    "NashBargaining": "nash_bargaining",
    "PreventiveWar": "preventive_war",
    "PreventiveWarResult": "preventive_war",
    "ProspectCrisis": "prospect",
    "ProspectResult": "prospect",
    "ResurrectionResult": "prospect",
    "RepeatedCrisis": "repeated_game",
    "RepeatedCrisisResult": "repeated_game",
    "RiskReturn": "risk_return",
    "RiskReturnResult": "risk_return",
    "TwoTypeCost": "risk_return",
    "Rubinstein": "rubinstein",
    "RubinsteinResult": "rubinstein",
    "Screening": "screening",
    "ScreeningResult": "screening",
    "TwoLevelGame": "two_level",
    "TwoLevelResult": "two_level",
    "DeterrenceEquilibrium": "unilateral_deterrence",
    "UnilateralDeterrence": "unilateral_deterrence",
    "UnilateralDeterrenceResult": "unilateral_deterrence",
    "WarOfAttrition": "war_of_attrition",
    "WarOfAttritionResult": "war_of_attrition",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
