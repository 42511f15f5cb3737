"""Estimation: fit crisis models to observed crises.

``strategic_logit`` fits the utilities of a small crisis tree, linear in
covariates, to one row per crisis by maximum likelihood with agent error
(Signorino 1999; the trees of Kenkel & Signorino's R package ``games``);
``qre_fit`` fits the logit QRE precision of a normal-form game to observed
action counts; ``simulate`` draws synthetic crises from known coefficients;
``load_crises`` reads the synthetic data set shipped with the package.

Examples
--------
>>> import negotiation_sim as ns
>>> ns.estimate.strategic_game("one_decision").utilities
('u1',)
"""

from typing import TYPE_CHECKING

from negotiation_sim._lazy import lazy_exports

if TYPE_CHECKING:
    from negotiation_sim.estimate._qre_fit import QREFit, qre_fit
    from negotiation_sim.estimate._simulate import simulate
    from negotiation_sim.estimate.datasets import (
        CRISES_OUTCOMES,
        CRISES_TRUTH,
        CRISES_UTILITIES,
        load_crises,
        make_crises,
    )
    from negotiation_sim.estimate.results import FitSummary, StrategicFit
    from negotiation_sim.estimate.strategic import strategic_logit
    from negotiation_sim.estimate.trees import StrategicGame, strategic_game

__all__ = [
    "CRISES_OUTCOMES",
    "CRISES_TRUTH",
    "CRISES_UTILITIES",
    "FitSummary",
    "QREFit",
    "StrategicFit",
    "StrategicGame",
    "load_crises",
    "make_crises",
    "qre_fit",
    "simulate",
    "strategic_game",
    "strategic_logit",
]

# Imported on first use (PEP 562; see negotiation_sim._lazy): public name -> submodule.
_EXPORTS = {
    "CRISES_OUTCOMES": "datasets",
    "CRISES_TRUTH": "datasets",
    "CRISES_UTILITIES": "datasets",
    "load_crises": "datasets",
    "make_crises": "datasets",
    "QREFit": "_qre_fit",
    "qre_fit": "_qre_fit",
    "FitSummary": "results",
    "StrategicFit": "results",
    "simulate": "_simulate",
    "strategic_logit": "strategic",
    "StrategicGame": "trees",
    "strategic_game": "trees",
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
