"""Shared pytest configuration: a non-interactive matplotlib backend and figure cleanup."""

import os

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")

# In CI the property tests run a fixed, reproducible set of examples (a failure there is
# one anyone can replay); locally they keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test opened, so tests do not leak memory or state."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
