"""What every plotting function shares: the Axes to draw on, and a legend that covers no data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import numpy as np

__all__ = ["get_ax", "legend_off_data", "data_points", "legend_covers_data", "fit_title", "deferred_drawing"]

#: The figure whose caller draws it once a plot is made (see :func:`deferred_drawing`).
_DEFERRED: ContextVar[Any] = ContextVar("_DEFERRED", default=None)


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
    """Lay the figure out (legend positions, text extents), unless nothing changed since its last draw.

    Inside :func:`deferred_drawing` for this figure its caller draws it once
    the plot is made: a figure without a layout engine is only brought up to
    date (the first steps of drawing each Axes), and any other is rendered,
    so that the caller can keep its pixels when the plot changes nothing
    afterwards.
    """
    if not fig.stale:  # drawn since its last change: the layout is current
        return
    if _DEFERRED.get() is not fig:
        fig.draw_without_rendering()
    elif _fixed_layout(fig):
        renderer = fig.canvas.get_renderer()
        axes = list(fig.axes)
        for ax in axes:  # parents before their insets, whose place follows the parent's
            axes.extend(child for child in ax.child_axes if child not in axes)
            # What Axes.draw does before drawing: pending autoscaling, then the aspect and place of the box.
            ax.viewLim  # noqa: B018 - reading it applies pending autoscaling
            locator = ax.get_axes_locator()
            ax.apply_aspect(locator(ax, renderer) if locator else None)
    else:
        fig.canvas.draw()


def _fixed_layout(fig: Any) -> bool:
    """Whether ``fig`` has no layout engine that moves its axes when drawn."""
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = fig.get_layout_engine()
    return engine is None or isinstance(engine, PlaceHolderLayoutEngine)


@contextmanager
def _measuring(fig: Any) -> Iterator[None]:
    """Measure sizes and positions on ``fig`` without making it look changed.

    Asking a legend or a text for its extent marks artists stale although
    nothing moves; a figure drawn just before stays marked as current, so
    that the next layout pass (or a caller keeping its pixels) skips a draw.
    """
    fresh = not fig.stale
    try:
        yield
    finally:
        if fresh:
            fig.stale = False


@contextmanager
def deferred_drawing(fig: Any) -> Iterator[Any]:
    """While active, plots on ``fig`` leave its drawing to the caller, who draws it once they are made.

    A plot that places its legend or wraps its title lays the figure out to
    measure it. In this context a figure whose axes stay put when drawn
    (no layout engine) is measured without drawing; any
    other is rendered on its canvas, and the caller draws again only if it is
    stale. So the explorer draws once per slider move.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
    >>> fig = Figure()
    >>> canvas = FigureCanvasAgg(fig)
    >>> ax = fig.add_subplot()
    >>> _ = ax.plot([0, 1], [0, 1], label="rising")
    >>> with deferred_drawing(fig):
    ...     legend = legend_off_data(ax)
    >>> canvas.draw()   # the one draw
    >>> legend_covers_data(ax, legend)
    False
    """
    token = _DEFERRED.set(fig)
    try:
        yield fig
    finally:
        _DEFERRED.reset(token)


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
    with _measuring(ax.figure):
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
    loc, anchor = ("upper center", (0.5, -0.02)) if side == "below" else ("upper left", (1.02, 1.0))
    if not outside:
        legend = ax.legend(handles, labels, loc="best", **kwargs)
        if not legend_covers_data(ax, legend):
            return legend
        # Moved beside the axes: the legend a call with these places would make, without making it again.
        legend.set_loc(loc)
        legend.set_bbox_to_anchor(anchor)
        legend.borderaxespad = 0.0
        return legend
    return ax.legend(handles, labels, loc=loc, bbox_to_anchor=anchor, borderaxespad=0.0, **kwargs)


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
        with _measuring(fig):
            box = title.get_window_extent()
        inside = box.x0 >= fig.bbox.x0 + margin and box.x1 <= fig.bbox.x1 - margin
        if inside and box.width <= 1.15 * ax.bbox.width:  # nor across a neighbouring panel's title
            break
        width = int(width * 0.85)
        title.set_text("\n".join(textwrap.fill(line, width, break_long_words=False) for line in lines))
    return ax
