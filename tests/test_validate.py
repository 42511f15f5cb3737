"""One validation module, wrong types as TypeErrors, and solve's registry of callables."""

import ast
import pathlib

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim import _validate
from negotiation_sim._numeric import as_rng
from negotiation_sim.errors import (
    DataTypeError,
    InvalidParameterError,
    InvalidParameterTypeError,
    InvalidTreeError,
    TreeArgumentTypeError,
    UnsupportedMethodError,
)
from negotiation_sim.latex import game_to_latex
from negotiation_sim.solvers._solve import NORMAL_FORM_METHODS, is_game

PACKAGE = pathlib.Path(ns.__file__).parent
PENNIES = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def test_one_positive_int_in_the_package():
    """Exactly one function called positive_int is defined, in _validate, and models/_validators is gone."""
    defined = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == "positive_int"
    ]
    assert defined == ["_validate.py"]
    assert not (PACKAGE / "models" / "_validators.py").exists()


@pytest.mark.parametrize(
    ("build", "error", "match"),
    [
        (lambda: ns.models.Fearon("0.5", 0.1, 0.2), InvalidParameterTypeError, r"p must be a number, got '0.5' \(str\)"),
        (lambda: ns.models.Fearon(None, 0.1, 0.2), InvalidParameterTypeError, "p must be a number"),
        (lambda: ns.models.ChainStore(2.0, 0.5, 0.1, 2.5), InvalidParameterTypeError, "n_markets must be a positive integer"),
        (lambda: ns.models.ChainStore(2.0, 0.5, 0.1, True), InvalidParameterTypeError, "n_markets must be a positive integer"),
        (lambda: ns.scenarios.get("hostage_taker", leverage="0.5"), InvalidParameterTypeError, "'leverage'"),
        (lambda: ns.scenarios.get("six_hours", n_rounds=None), InvalidParameterTypeError, "'n_rounds'"),
        (lambda: as_rng("seed"), InvalidParameterTypeError, "rng must be a numpy.random.Generator"),
        (lambda: game_to_latex([[1, 0], [0, 1]]), InvalidParameterTypeError, "game must be a NormalFormGame, not list"),
        (lambda: ns.plotting.qre_path("game"), InvalidParameterTypeError, "game_or_path must be a NormalFormGame"),
        (lambda: ns.plotting.trace([0.5, 0.5]), InvalidParameterTypeError, "trace must be a Trace"),
    ],
)
def test_wrong_types_are_type_errors(build, error, match):
    """A value of the wrong type raises an error that is a TypeError and a project error, naming the argument."""
    with pytest.raises(error, match=match) as info:
        build()
    assert isinstance(info.value, TypeError) and isinstance(info.value, InvalidParameterError)


@pytest.mark.parametrize(
    ("solver", "match"),
    [
        (lambda: ns.solvers.vertex_enumeration([[1, 0], [0, 1]]), "game must be a NormalFormGame, not list"),
        (lambda: ns.subgame_perfect("tree"), "tree must be a GameTree, not str"),
        (lambda: ns.solvers.solve(ns.NormalFormGame.from_arrays([[1]], [[1]]).payoffs), "game must be"),
    ],
)
def test_a_solver_given_the_wrong_kind_of_game_raises_a_type_error(solver, match):
    """The wrong kind of game is a GameTypeError, or another project error, that is also a TypeError."""
    from negotiation_sim.errors import NegotiationSimError

    with pytest.raises(TypeError, match=match) as info:
        solver()
    assert isinstance(info.value, NegotiationSimError)


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: ns.models.Fearon(1.2, 0.1, 0.2), r"p must be a probability in \[0, 1\], got 1.2"),
        (lambda: ns.models.Fearon(np.inf, 0.1, 0.2), "p must be finite"),
        (lambda: ns.models.ChainStore(2.0, 0.5, 0.1, 0), "n_markets must be a positive integer, got 0"),
        (lambda: ns.scenarios.get("six_hours", n_rounds=2.5), "'n_rounds'.* must be a whole number, got 2.5"),
        (lambda: ns.scenarios.get("six_hours", n_rounds=201), r"'n_rounds'.* must be a finite number in \[1, 200\]"),
        (lambda: ns.scenarios.get("hostage_taker", leverage=np.nan), "'leverage'.* must be a finite number"),
    ],
)
def test_out_of_range_values_are_value_errors_only(build, match):
    """A number out of range is an InvalidParameterError (a ValueError), not a TypeError."""
    with pytest.raises(InvalidParameterError, match=match) as info:
        build()
    assert not isinstance(info.value, TypeError)


def test_numbers_of_any_numeric_type_are_accepted():
    """numpy scalars and whole floats are valid values; a whole float becomes an int for an integer parameter."""
    assert ns.scenarios.get("six_hours", n_rounds=np.float64(3.0)).n_rounds == 3
    assert type(ns.scenarios.get("six_hours", n_rounds=3.0).n_rounds) is int
    assert ns.scenarios.get("hostage_taker", leverage=np.float32(0.25)).leverage == 0.25
    assert ns.models.ChainStore(2.0, 0.5, 0.1, np.int64(3)).n_markets == 3
    assert _validate.number_in(1, "x", 0.0, 1.0) == 1.0
    with pytest.raises(InvalidParameterError, match=r"x must be a finite number in \(0, 1\), got 1"):
        _validate.number_in(1, "x", 0.0, 1.0, high_open=True)


def test_every_wrong_type_error_is_an_invalid_parameter_type_error():
    """The tree and data type errors keep their families and are also the package's one wrong-type error."""
    for cls, family in ((TreeArgumentTypeError, InvalidTreeError), (DataTypeError, ns.errors.EstimationError)):
        assert issubclass(cls, InvalidParameterTypeError) and issubclass(cls, family) and issubclass(cls, TypeError)
    tree = ns.GameTree(players=("Russia", "NATO"))
    with pytest.raises(InvalidParameterTypeError, match="node.chance"):
        tree.root.chance(["Resolved", "Unresolved"], [0.3, 0.7])


@pytest.mark.parametrize("method", ["vertex_enumeration", "all", "enummixed", "lemke_howson", "lp", "qre", "gambit"])
def test_each_method_finds_the_mixed_equilibrium_of_matching_pennies(method):
    """Every registered method solves matching pennies to its one equilibrium, (1/2, 1/2) for both (closed form)."""
    eqs = ns.solve(PENNIES, method=method)
    assert len(eqs) == 1
    for strategy in eqs[0].strategies:
        assert np.allclose(strategy, [0.5, 0.5], atol=1e-6)


def test_the_registry_holds_callables():
    """NORMAL_FORM_METHODS maps each name to a function solve calls; pure finds nothing in matching pennies."""
    assert all(callable(f) for f in NORMAL_FORM_METHODS.values())
    assert NORMAL_FORM_METHODS["pure"] is ns.pure_equilibria
    assert NORMAL_FORM_METHODS["vertex_enumeration"] is ns.vertex_enumeration
    assert len(ns.solve(PENNIES, method="pure")) == 0


def test_requests_solve_refuses():
    """Unknown methods, exact=True where unavailable, non-games and non-string methods get clear errors."""
    with pytest.raises(UnsupportedMethodError, match=r"unknown method 'nope' for a NormalFormGame; choose one of \['auto'"):
        ns.solve(PENNIES, method="nope")
    with pytest.raises(UnsupportedMethodError, match="exact=True is available for 2-player games"):
        ns.solve(PENNIES, method="lemke_howson", exact=True)
    with pytest.raises(UnsupportedMethodError, match="this game has 3 players"):
        ns.solve(ns.NormalFormGame(np.zeros((2, 2, 2, 3))), exact=True)
    with pytest.raises(InvalidParameterTypeError, match="method must be a string, not int"):
        ns.solve(PENNIES, method=1)

    class GameTree:  # a foreign class of the same name is not a game
        pass

    for not_a_game in ([[1, 0], [0, 1]], GameTree()):
        assert not is_game(not_a_game)
        with pytest.raises(InvalidParameterTypeError, match="game must be a NormalFormGame, GameTree"):
            ns.solve(not_a_game)


def test_game_types_dispatch_by_class():
    """Trees, signalling games and subclasses are routed by isinstance; a tree gets its subgame-perfect equilibrium."""
    tree = ns.GameTree(players=("Russia", "NATO"))
    stay, enter = tree.root.move("Russia", ["Stay", "Enter"])
    stay.payoffs(0, 2)
    fight, concede = enter.move("NATO", ["Fight", "Yield"])
    fight.payoffs(-1, -1)
    concede.payoffs(1, 1)
    eqs = ns.solve(tree)
    # backward induction by hand: NATO yields (1 > -1), so Russia enters (1 > 0)
    assert len(eqs) == 1 and eqs[0].behaviour("Russia")["root"]["Enter"] == 1.0
    assert is_game(tree)

    class Labelled(ns.NormalFormGame):
        pass

    sub = Labelled(np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], dtype=float).transpose(1, 2, 0))
    assert is_game(sub) and np.allclose(ns.solve(sub)[0].strategies[0], [0.5, 0.5])
