"""What every plotting function shares: the Axes to draw on, and a legend that covers no data."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["get_ax", "legend_off_data", "data_points", "legend_covers_data", "fit_title"]


def get_ax(ax: Any = None, **subplot_kw: Any):
    """Return ``ax``, or a new figure's Axes when ``ax`` is None.

    A new figure uses matplotlib's tight layout, so that titles, axis
    labels and legends placed beside the axes stay inside the figure when it
    is saved (``savefig`` without ``bbox_inches`` does not clip them).
    """
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    subplot_kw.setdefault("layout", "tight")
    _, ax = plt.subplots(**subplot_kw)
    return ax


def _draw(fig: Any) -> None:
    """Lay the figure out (legend positions, text extents) without rendering pixels."""
    fig.draw_without_rendering()


def data_points(ax: Any, samples: int = 24) -> np.ndarray:
    """Display coordinates of the data drawn on ``ax``: lines and line collections (sampled along each
    segment) and markers.

    Lines are sampled ``samples`` times between consecutive vertices, so a
    legend lying across a segment is found even far from any vertex.
    """
    pts: list[np.ndarray] = []
    for line in ax.get_lines():
        if not line.get_visible() or line.get_label() == "_legend_hidden":
            continue
        xy = np.asarray(line.get_xydata(), dtype=float)
        xy = xy[np.all(np.isfinite(xy), axis=1)]
        if not len(xy):
            continue
        disp = line.get_transform().transform(xy)
        if line.get_linestyle() not in ("None", "none", "", " ") and len(disp) > 1:
            t = np.linspace(0.0, 1.0, samples)[:, None, None]
            disp = (disp[:-1][None] * (1 - t) + disp[1:][None] * t).reshape(-1, 2)
        pts.append(disp)
    from matplotlib.collections import LineCollection

    for coll in ax.collections:
        if isinstance(coll, LineCollection) and coll.get_visible():
            for seg in coll.get_segments():
                disp = coll.get_transform().transform(np.asarray(seg, dtype=float))
                t = np.linspace(0.0, 1.0, samples)[:, None, None]
                pts.append((disp[:-1][None] * (1 - t) + disp[1:][None] * t).reshape(-1, 2))
            continue
        offsets = np.asarray(coll.get_offsets(), dtype=float)
        if offsets.size and coll.get_visible() and not hasattr(coll, "get_coordinates"):
            pts.append(coll.get_offset_transform().transform(offsets))
    return np.concatenate(pts) if pts else np.empty((0, 2))


def legend_covers_data(ax: Any, legend: Any = None) -> bool:
    """Whether the legend of ``ax`` lies over a data point or a text written on the axes."""
    legend = legend if legend is not None else ax.get_legend()
    if legend is None:
        return False
    _draw(ax.figure)
    box = legend.get_window_extent()
    pts = data_points(ax)
    inside = (pts[:, 0] >= box.x0) & (pts[:, 0] <= box.x1) & (pts[:, 1] >= box.y0) & (pts[:, 1] <= box.y1)
    if inside.any():
        return True
    return any(t.get_visible() and t.get_text() and t.get_window_extent().overlaps(box) for t in ax.texts)


def legend_off_data(ax: Any, handles: Any = None, *, outside: bool = False, side: str = "right",
                    **kwargs: Any):
    """Put the legend of ``ax`` where it covers no data; return it (None when nothing is labelled).

    The best free corner inside the axes is used when there is one; otherwise
    (or with ``outside=True``) the legend goes beside the axes: on the right,
    or below them with ``side="below"`` (for wide plots without an x axis, such as trees).
    ``handles`` are the legend's entries (default: the labelled artists of
    ``ax``); ``kwargs`` go to :meth:`matplotlib.axes.Axes.legend` (e.g. ``title``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 1], label="rising")
    >>> legend_covers_data(ax, legend_off_data(ax))
    False
    >>> plt.close(fig)
    """
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    else:
        labels = [h.get_label() for h in handles]
    if not handles:
        return None
    kwargs.setdefault("fontsize", "small")
    if not outside:
        legend = ax.legend(handles, labels, loc="best", **kwargs)
        if not legend_covers_data(ax, legend):
            return legend
    if side == "below":
        return ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.02), borderaxespad=0.0,
                         **kwargs)
    return ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
                     **kwargs)


def fit_title(ax: Any, margin: float = 4.0):
    """Wrap the title of ``ax`` until it fits inside the figure and about its axes' width; return ``ax``.

    A title wider than its figure is cut when saved: matplotlib centres it on
    the axes and no layout engine moves it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2))
    >>> _ = ax.set_title("a title much too long to fit across a figure only three inches wide")
    >>> fit_title(ax).get_title().count("\\n") >= 1
    True
    >>> plt.close(fig)
    """
    import textwrap

    title = ax.title
    lines = [" ".join(line.split()) for line in title.get_text().split("\n")]
    if not any(lines):
        return ax
    fig = ax.figure
    width = max(map(len, lines))
    while width > 8:
        _draw(fig)
        box = title.get_window_extent()
        inside = box.x0 >= fig.bbox.x0 + margin and box.x1 <= fig.bbox.x1 - margin
        if inside and box.width <= 1.15 * ax.bbox.width:  # nor across a neighbouring panel's title
            break
        width = int(width * 0.85)
        title.set_text("\n".join(textwrap.fill(line, width, break_long_words=False) for line in lines))
    return ax
