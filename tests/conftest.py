"""Shared pytest configuration: a non-interactive matplotlib backend and figure cleanup."""

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test opened, so tests do not leak memory or state."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
