"""The exceptions and warnings that negotiation_sim raises.

Every exception derives from :class:`NegotiationSimError` and also from the
built-in exception that fits (``ValueError``, ``TypeError``, ...), so code that
catches the built-in keeps working. Messages name the argument and say what was
expected and what came.

Examples
--------
>>> import negotiation_sim as ns
>>> try:
...     ns.NormalFormGame.from_arrays([[1, 2]], [[1, 2, 3]])
... except ns.errors.InvalidGameError as err:
...     print(type(err).__name__)
InvalidGameError
"""

from __future__ import annotations

__all__ = [
    "NegotiationSimError",
    "InvalidGameError",
    "InvalidTreeError",
    "TreeArgumentTypeError",
    "InvalidStrategyError",
    "UnknownNameError",
    "InvalidParameterError",
    "InvalidParameterTypeError",
    "UnsupportedMethodError",
    "GameTypeError",
    "SolverError",
    "GameTooLargeError",
    "FormatError",
    "MissingDependencyError",
    "EstimationError",
    "DataTypeError",
    "ConvergenceError",
    "NegotiationSimWarning",
    "DegenerateGameWarning",
    "ConvergenceWarning",
    "PrecisionWarning",
]


class NegotiationSimError(Exception):
    """Base class of every error raised by negotiation_sim."""


class InvalidGameError(NegotiationSimError, ValueError):
    """A game's definition is malformed (shapes, payoffs, names)."""


class InvalidTreeError(InvalidGameError):
    """A game tree is malformed (unreachable node, bad chance probabilities, ...)."""


class InvalidStrategyError(NegotiationSimError, ValueError):
    """A strategy or profile is malformed (wrong length, not a distribution)."""


class UnknownNameError(NegotiationSimError, ValueError):
    """A player, action, parameter or scenario name is not known."""


class InvalidParameterError(NegotiationSimError, ValueError):
    """A model, actor or scenario parameter is out of its range."""


class InvalidParameterTypeError(InvalidParameterError, TypeError):
    """A parameter has the wrong type (e.g. a string where a number is expected).

    Every wrong-type error of the package is one: :class:`TreeArgumentTypeError` and
    :class:`DataTypeError` add the family of error they also belong to.
    """


class TreeArgumentTypeError(InvalidTreeError, InvalidParameterTypeError):
    """A tree-building method got an argument of the wrong kind; the message shows the right call."""


class UnsupportedMethodError(NegotiationSimError, ValueError):
    """A solver method does not exist or does not apply to this game."""


class GameTypeError(UnsupportedMethodError, TypeError):
    """A solver was given an object that is not the kind of game it solves."""


class GameTooLargeError(UnsupportedMethodError):
    """The game is too large for this method within its work or memory limit; the message
    says how large it is and which method to use instead."""


class SolverError(NegotiationSimError, RuntimeError):
    """A solver failed to produce a verified answer."""


class FormatError(NegotiationSimError, ValueError):
    """A game file could not be parsed; the message gives the line."""


class MissingDependencyError(NegotiationSimError, ImportError):
    """An optional dependency is needed; the message names the extra to install."""

    @classmethod
    def for_extra(cls, what: str, package: str, extra: str) -> MissingDependencyError:
        """The error for ``what`` needing ``package``, with the install line that works from a checkout.

        negotiation_sim is installed from its repository, not from a package
        index, so the line is ``pip install -e '.[extra]'`` run from the
        repository root.

        Examples
        --------
        >>> print(MissingDependencyError.for_extra("ns.explore", "ipywidgets", "notebook"))
        ns.explore needs ipywidgets, which is not installed; from the repository root run: pip install -e '.[notebook]'
        """
        return cls(f"{what} needs {package}, which is not installed; from the repository root run: "
                   f"pip install -e '.[{extra}]'")


class EstimationError(NegotiationSimError, ValueError):
    """Data cannot support an estimate (a missing value, an unknown outcome, collinear covariates).

    The message names the column of the data that is at fault.
    """


class DataTypeError(EstimationError, InvalidParameterTypeError):
    """The data, or one of its columns, has the wrong type (the message names the column)."""


class ConvergenceError(SolverError):
    """An estimator's maximisation did not converge; no estimate is returned."""


class NegotiationSimWarning(UserWarning):
    """Base class of every warning issued by negotiation_sim."""


class DegenerateGameWarning(NegotiationSimWarning):
    """The game is degenerate: equilibria may form continua (extreme points are returned)."""


class ConvergenceWarning(NegotiationSimWarning):
    """An iterative method stopped before reaching its tolerance."""


class PrecisionWarning(NegotiationSimWarning):
    """Floating point could not certify a result (e.g. that a list of equilibria is complete);
    the message says why and what to use instead."""
