"""What every plotting function shares: getting the Axes to draw on."""

from __future__ import annotations

from typing import Any


def get_ax(ax: Any = None, **subplot_kw: Any):
    """Return ``ax``, or a new figure's Axes when ``ax`` is None (never the pyplot current one's side effects)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(**subplot_kw)
    return ax
