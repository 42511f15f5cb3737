"""Published closed-form models of coercive bargaining (Fearon, Rubinstein, ...).

Each model is a frozen attrs class validated on construction; ``solve()``
returns a frozen result with a ``describe()`` method. Models that are finite
games also build the game (``.game()``) so the generic solvers can be checked
against the closed form.
"""

from negotiation_sim.models.brinkmanship import Brinkmanship, BrinkmanshipResult
from negotiation_sim.models.chain_store import ChainStore, ChainStoreResult
from negotiation_sim.models.cheap_talk import CheapTalk, CheapTalkResult
from negotiation_sim.models.chicken import ChickenMixed, chicken, chicken_asymmetric, chicken_mixed
from negotiation_sim.models.coalition import CoalitionResult, CoalitionUnity
from negotiation_sim.models.costly_signal import CostlySignal, CostlySignalResult, SignalOutcome
from negotiation_sim.models.crisis_signaling import CrisisResult, CrisisSignaling
from negotiation_sim.models.deterrence import DeterrenceResult, PerfectDeterrence
from negotiation_sim.models.fearon import Fearon, FearonResult
from negotiation_sim.models.mediation import Mediation, MediationResult
from negotiation_sim.models.nash_bargaining import BargainingSolution, NashBargaining
from negotiation_sim.models.preventive_war import PreventiveWar, PreventiveWarResult
from negotiation_sim.models.risk_return import RiskReturn, RiskReturnResult, TwoTypeCost
from negotiation_sim.models.rubinstein import Rubinstein, RubinsteinResult
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
    "Mediation",
    "MediationResult",
    "NashBargaining",
    "PerfectDeterrence",
    "PreventiveWar",
    "PreventiveWarResult",
    "RiskReturn",
    "RiskReturnResult",
    "Rubinstein",
    "RubinsteinResult",
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
