"""Every bad-data case raises a project error that names the column (or argument) at fault."""

import numpy as np
import pandas as pd
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import (
    ConvergenceError,
    DataTypeError,
    EstimationError,
    NegotiationSimError,
    UnknownNameError,
)
from negotiation_sim.estimate._simulate import MAX_ROWS

UTILS = {"u11": [], "u14": ["x"], "u24": ["z"]}


@pytest.fixture
def crises():
    truth = {"u11:const": 0.5, "u14:const": -1.0, "u14:x": 1.0, "u24:const": 0.3, "u24:z": 1.0}
    return ns.estimate.simulate(truth, n=400, game="egame12", rng=0)


def fit(df, utils=UTILS, **kw):
    return ns.estimate.strategic_logit(df, "outcome", utils, **kw)


def test_missing_covariate_value_names_the_column(crises):
    """A NaN in a covariate raises naming that column, the count and the rows (nothing is dropped)."""
    crises.loc[[3, 17], "x"] = np.nan
    with pytest.raises(EstimationError, match=r"covariate column 'x' has 2 missing value\(s\) \(rows \[3, 17\]"):
        fit(crises)


def test_infinite_covariate_value_names_the_column(crises):
    crises.loc[5, "z"] = np.inf
    with pytest.raises(EstimationError, match=r"column 'z' has 1 infinite value"):
        fit(crises)


def test_missing_outcome_names_the_column(crises):
    crises["outcome"] = crises["outcome"].astype(float)
    crises.loc[8, "outcome"] = np.nan
    with pytest.raises(EstimationError, match=r"outcome column 'outcome' has 1 missing value"):
        fit(crises)


def test_unknown_outcome_names_the_column_and_value(crises):
    crises["outcome"] = crises["outcome"].map({0: "SQ", 1: "CAP", 2: "WAR"})
    crises.loc[2, "outcome"] = "TRUCE"
    with pytest.raises(EstimationError, match=r"outcome column 'outcome' has values .*'TRUCE'"):
        fit(crises, outcomes=["SQ", "CAP", "WAR"])
    with pytest.raises(EstimationError, match="pass outcomes="):
        fit(crises)  # string labels without outcomes=: none is 0, 1 or 2


def test_never_observed_outcome_names_the_column(crises):
    crises = crises[crises.outcome != 1]
    with pytest.raises(EstimationError, match=r"outcome column 'outcome' never takes the value 1"):
        fit(crises)


def test_collinear_covariate_names_the_column(crises):
    crises["x2"] = 2 * crises["x"] - 1
    with pytest.raises(EstimationError, match=r"covariate column 'x2' \(in u14\) is a linear combination of const, x"):
        fit(crises, {"u11": [], "u14": ["x", "x2"], "u24": ["z"]})


def test_constant_covariate_names_the_column(crises):
    crises["era"] = 1.0
    with pytest.raises(EstimationError, match=r"covariate column 'era' \(in u24\) is constant"):
        fit(crises, {"u11": [], "u14": ["x"], "u24": ["z", "era"]})


def test_regressor_in_all_of_a_players_utilities_names_it(crises):
    """A constant (or column) in u11, u13 and u14 cancels out of player 1's choice (Lewis & Schultz 2003)."""
    with pytest.raises(EstimationError, match=r"the constant enters all of u11, u13, u14"):
        fit(crises, {"u11": [], "u13": [], "u14": ["x"], "u24": ["z"]})


def test_unidentified_combination_names_the_coefficients(crises):
    """Without a covariate in u24, u11:const and u14:const enter only as one combination."""
    with pytest.raises(EstimationError, match=r"do not identify the coefficients (u14:const, u11:const|u11:const, u14:const)"):
        fit(crises, {"u11": [], "u14": ["x"], "u24": []})


def test_separation_is_a_convergence_error_naming_the_node():
    """An outcome perfectly predicted by a covariate: the likelihood has no maximum, and no estimate is returned."""
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"x": rng.standard_normal(200)})
    df["y"] = (df.x > 0).astype(int)
    with pytest.raises(ConvergenceError, match=r"diverged: at player 1's node \(utilities u1\)"):
        ns.estimate.strategic_logit(df, "y", {"u1": ["x"]}, game="one_decision")


def test_non_convergence_within_max_iter_is_an_error(crises):
    with pytest.raises(ConvergenceError, match="did not converge"):
        fit(crises, max_iter=1)


def test_unknown_column_and_utility_are_named(crises):
    with pytest.raises(UnknownNameError, match=r"covariate column 'gdp' is not in the data"):
        fit(crises, {"u11": [], "u14": ["gdp"], "u24": ["z"]})
    with pytest.raises(UnknownNameError, match=r"outcome column 'result' is not in the data"):
        ns.estimate.strategic_logit(crises, "result", UTILS)
    with pytest.raises(UnknownNameError, match=r"\['u31'\] is not a utility of egame12"):
        fit(crises, {"u31": ["x"]})
    with pytest.raises(UnknownNameError, match="game must be one of"):
        fit(crises, game="egame99")
    with pytest.raises(UnknownNameError, match="link must be one of"):
        fit(crises, link="cauchit")


def test_wrong_types_are_type_errors(crises, tmp_path):
    """A non-numeric covariate, data that is not a frame or a path, a bad utilities argument."""
    crises["region"] = "Europe"
    with pytest.raises(DataTypeError, match=r"covariate column 'region' is not numeric") as info:
        fit(crises, {"u11": [], "u14": ["region"], "u24": ["z"]})
    assert isinstance(info.value, TypeError) and isinstance(info.value, NegotiationSimError)
    with pytest.raises(DataTypeError, match="data must be a pandas DataFrame or the path"):
        fit(crises.to_dict())
    with pytest.raises(DataTypeError, match=r"utilities\['u14'\] must be a list of column names"):
        fit(crises, {"u11": [], "u14": "x", "u24": ["z"]})
    with pytest.raises(EstimationError, match="no CSV file at"):
        fit(str(tmp_path / "missing.csv"))


def test_simulate_validates_its_arguments():
    with pytest.raises(UnknownNameError, match="'u99:const' names utility 'u99'"):
        ns.estimate.simulate({"u99:const": 1.0}, n=10)
    with pytest.raises(ns.errors.InvalidParameterError, match="n must be at most"):
        ns.estimate.simulate({"u11:const": 1.0}, n=MAX_ROWS + 1)
    with pytest.raises(ns.errors.InvalidParameterError, match="simulate needs n"):
        ns.estimate.simulate({"u11:const": 1.0})


@pytest.mark.parametrize(("game", "utils", "names"), [
    ("egame122", {"u11": [], "u12": [], "u13": [], "u14": [], "u24": []}, "u11, u12, u13, u14"),
    ("egame123", {"u13": [], "u23": [], "u25": [], "u26": [], "u36": []}, "u23, u25, u26"),
])
def test_unidentified_shift_in_the_four_outcome_games(game, utils, names):
    """Player 1 of egame122 and player 2 of egame123: a constant in all their utilities below their move."""
    df = pd.DataFrame({"outcome": [0, 1, 2, 3] * 5})
    with pytest.raises(EstimationError, match=f"the constant enters all of {names}"):
        ns.estimate.strategic_logit(df, "outcome", utils, game=game)
