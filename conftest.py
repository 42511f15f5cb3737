"""pytest configuration for every collected item, the tests and the package's docstring examples alike:
a non-interactive matplotlib backend, and every figure an item opened closed after it (a doctest that
plots would otherwise leave its figure open for the tests that run after it in the same worker)."""

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test or a docstring example opened, so that none leaks memory or state."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
