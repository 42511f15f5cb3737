"""The notebook explorer: sliders for a scenario's parameters, a plot and a table that follow them.

Needs the ``[notebook]`` extra (ipywidgets). In a notebook::

    import negotiation_sim as ns
    ns.explore(ns.scenarios.get("hostage_taker"))
"""

from __future__ import annotations

import functools
import math
from typing import Any

from negotiation_sim._params import ParamSpec
from negotiation_sim.errors import MissingDependencyError, NegotiationSimError, UnknownNameError

__all__ = ["explore", "Explorer", "slider_range"]


def slider_range(spec: ParamSpec, value: float) -> tuple[float, float, float]:
    """``(min, max, step)`` of a slider for a parameter: its range, made finite and closed.

    An open bound is moved in by one step; an unbounded side extends to three
    times the current value (at least 1 away from the other end).

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> spec = ns.actors.Russia().specs["patience"]
    >>> slider_range(spec, 0.8)
    (0.01, 0.99, 0.01)
    """
    low = spec.low if math.isfinite(spec.low) else min(0.0, value - max(1.0, 3 * abs(value)))
    high = spec.high if math.isfinite(spec.high) else max(low + 1.0, 3 * abs(value), value + 1.0)
    step = 1.0 if spec.integer else round((high - low) / 100, 12)
    if spec.low_open:
        low += step
    if spec.high_open:
        high -= step
    return (round(low, 12), round(high, 12), step)


class Explorer:
    """Sliders for a scenario's parameters, with its main plot and equilibria redrawn on every change.

    Each slider is bounded to its parameter's valid interval at the other
    parameters' current values (:meth:`Scenario.parameter_range`), and the
    bounds follow every move. A move that still leaves the valid region (a
    value set by code, or a rounded slider step) is not applied: the widget
    shows why in its message line, keeps the last valid scenario and its
    plot, puts the sliders back, and goes on working.

    Parameters
    ----------
    scenario : Scenario
        The scenario to explore (its current parameters are the sliders' start).
    parameters : sequence of str, optional
        Which parameters get a slider (default: all).

    Attributes
    ----------
    scenario : Scenario
        The scenario at the sliders' current values.
    result : ScenarioResult
        Its solution, recomputed on every change.
    error : str or None
        Why the last move was refused (None after a valid one).
    message : ipywidgets.HTML
        The message line of the widget (empty after a valid move).
    widget : ipywidgets.VBox
        What the notebook displays.
    """

    def __init__(self, scenario: Any, parameters: Any = None) -> None:
        try:
            import ipywidgets as widgets
        except ImportError:
            raise MissingDependencyError.for_extra("ns.explore", "ipywidgets", "notebook") from None
        specs = scenario.specs
        chosen = list(specs) if parameters is None else list(parameters)
        for name in chosen:
            if name not in specs:
                msg = f"unknown parameter {name!r} of {type(scenario).__name__}; its parameters are {sorted(specs)}"
                raise UnknownNameError(msg)
        self.scenario = scenario
        self.error: str | None = None
        self._syncing = False
        self.sliders: dict[str, Any] = {}
        for name in chosen:
            value = getattr(scenario, name)
            low, high, step = self._bounds(name)
            cls = widgets.IntSlider if specs[name].integer else widgets.FloatSlider
            slider = cls(value=value, min=low, max=high, step=step,
                         description=name, continuous_update=False, style={"description_width": "initial"},
                         tooltip=specs[name].doc)
            slider.observe(self._on_change, names="value")
            self.sliders[name] = slider
        self.message = widgets.HTML("")
        self.output = widgets.Output()
        self.widget = widgets.VBox([widgets.HTML(f"<b>{scenario.title}</b>"), *self.sliders.values(),
                                    self.message, self.output])
        self.n_redraws = 0
        self._fig: Any = None
        self._ax: Any = None
        self._new_axes: dict[str, Any] = {}
        self._insets: list[tuple[Any, dict[str, Any]]] = []  # the last plot's insets, with how each was made
        self._colorbars: list[tuple[Any, dict[str, Any]]] = []  # the last plot's colour bar Axes, likewise
        self._layout: Any = None
        self.result = None
        self.last_png: bytes | None = None
        self.redraw()

    def _bounds(self, name: str) -> tuple[float, float, float]:
        """A slider's ``(min, max, step)``: its parameter's range made finite, cut to the valid interval."""
        from negotiation_sim.scenarios._base import Scenario, _valid_end

        scenario = self.scenario
        spec, value = scenario.specs[name], getattr(scenario, name)
        low, high, step = slider_range(spec, value)

        checked: dict[float, bool] = {}  # each point built once: the ends the search finds are checked again below

        def ok(x: float) -> bool:
            x = float(x)
            if x not in checked:
                checked[x] = scenario.is_valid(**{name: int(x) if spec.integer else x})
            return checked[x]

        # The valid interval (as Scenario.parameter_range finds it) searched only within the slider's finite
        # range: an end of the slider that is valid ends the search at once (an open or unbounded side of the
        # parameter's own range is not searched up to its limit, to be cut to the slider's end afterwards).
        # A scenario that knows its valid intervals in closed form says them.
        if type(scenario).parameter_range is not Scenario.parameter_range:
            valid_low, valid_high = scenario.parameter_range(name)
            low, high = max(low, valid_low), min(high, valid_high)
        else:
            low = _valid_end(ok, float(value), low, spec.integer, -1.0) if low < value else low
            high = _valid_end(ok, float(value), high, spec.integer, +1.0) if high > value else high
        # A strict constraint's own end is invalid: stay one step inside (never past the current value).
        if low < value and not ok(low):
            low = min(low + step, value)
        if high > value and not ok(high):
            high = max(high - step, value)
        return (low, high, step)

    def _show_scenario(self) -> None:
        """Sliders at the scenario's values, each bounded to its valid interval (without re-solving)."""
        self._syncing = True
        try:
            for name, slider in self.sliders.items():
                low, high, _ = self._bounds(name)
                if low > slider.max:  # ipywidgets refuses min > max: move the far end first
                    slider.max, slider.min = high, low
                else:
                    slider.min, slider.max = low, high
                slider.value = getattr(self.scenario, name)
        finally:
            self._syncing = False

    def _on_change(self, change: Any) -> None:
        if not self._syncing:
            self._apply({k: s.value for k, s in self.sliders.items()})

    def _apply(self, values: dict[str, Any]) -> None:
        """Move to ``values`` if they are valid and solve there; otherwise say why and keep the last state."""
        previous = self.scenario
        try:
            self.scenario = self.scenario.with_params(**values)
            self.redraw()
        except NegotiationSimError as error:
            self.scenario = previous
            self.error = str(error)
            import html

            self.message.value = (f"<p style='color:#a00'><b>Not applied:</b> {html.escape(self.error)} "
                                  f"(showing the last valid point).</p>")
        else:
            self.error = None
            self.message.value = ""
        self._show_scenario()

    def set(self, **params: Any) -> None:
        """Move sliders programmatically (as a user would), which re-solves and redraws.

        A point outside the valid region is not applied; :attr:`error` and
        the widget's message say why (no exception: the explorer goes on).
        """
        for name in params:
            if name not in self.sliders:
                msg = f"no slider for {name!r}; the sliders are {sorted(self.sliders)}"
                raise UnknownNameError(msg)
        self._apply({**{k: s.value for k, s in self.sliders.items()}, **params})

    def redraw(self) -> None:
        """Re-solve the scenario and redraw its plot and equilibrium table.

        The plot is made on the explorer's one figure (its Agg canvas, which
        keeps the glyphs of the strings it drew, and matplotlib's cache of
        text sizes serve every move), on its one Axes emptied when that gives
        what a new Axes would (``_axes``), drawn once and
        encoded to PNG bytes kept in :attr:`last_png`; in a notebook these
        bytes and the equilibrium table go to the widget's output area, so
        scripts, tests and timing do the same work as a notebook. Content
        beyond the axes (a legend beside them, a wrapped title) is never cut
        off: the axes shrink to make room (``tight_layout``), and keep that
        room for the next moves while it is needed.
        """
        from negotiation_sim.plotting._common import deferred_drawing

        result = self.scenario.solve()  # may refuse the point: the caller keeps the last valid state
        fig = self._figure()
        ax = self._axes(fig)
        try:
            with deferred_drawing(fig):
                self.scenario.plot(ax=ax)
        finally:
            vars(ax).pop("inset_axes", None)
            vars(fig).pop("colorbar", None)
        png = self._layout.render_png(fig)
        self.result = result
        self.last_png = png
        if _in_notebook():
            from IPython.display import HTML, Image, display

            with self.output:
                self.output.clear_output(wait=True)
                display(Image(data=png, format="png"))
                display(HTML(result._repr_html_()))
        self.n_redraws += 1

    def _figure(self) -> Any:
        """The explorer's figure, emptied for the next plot (made on first use, without pyplot)."""
        if self._fig is None:
            from matplotlib.figure import Figure

            self._fig = Figure(figsize=(6, 4))
            if _fast_drawing():
                _canvas_class()(self._fig)
            else:
                from matplotlib.backends.backend_agg import FigureCanvasAgg

                FigureCanvasAgg(self._fig)
            self._layout = _Layout(self._fig)
        fig = self._fig
        fig.artists, fig.lines, fig.patches, fig.texts, fig.images, fig.legends = [], [], [], [], [], []
        fig.subplots_adjust(**self._layout.margins)
        return fig

    def _axes(self, fig: Any) -> Any:
        """The Axes for the next plot: the last one emptied, when it is then as a new one would be; else new.

        Making an Axes and its ticks (each tick two lines, a grid line and
        two labels) is much of a move's cost. A plot that left nothing but
        its one Axes (with insets or a colour bar, not a twin) gets that Axes
        back: the colour bar removed and its room given back, the Axes
        cleared (:func:`_empty`: tick parameters as when it was new, its
        ticks kept with a new tick's properties). If anything then differs
        from the new Axes (its place, aspect, scales, limits, what is shown),
        a new Axes is made. While the plot is made on a reused Axes, an inset
        it asks for with the arguments of one of the last plot's is that
        inset, emptied in the same way (:func:`_inset_axes`), and so is the
        Axes of a colour bar placed as one of the last plot's was
        (:func:`_colorbar`).
        """
        ax, new = self._ax, self._new_axes
        extra = [other for other in fig.axes if other is not ax]
        insets: list[tuple[Any, dict[str, Any]]] = []
        bars: list[tuple[Any, dict[str, Any]]] = []
        reuse = False
        if (_fast_drawing() and ax is not None and ax in fig.axes
                and all(hasattr(other, "_colorbar") for other in extra)):
            removed = [_remove_colorbar(other._colorbar) for other in extra]  # (their room given back)
            ax.set_anchor(new["anchor"])  # which a colour bar's room moved
            insets = [(inset, made) for inset, made in self._insets if inset in ax.child_axes]
            bars = [(bar, made) for bar, made in self._colorbars if any(bar is other for other in removed)]
            _empty(ax, new["ticks"])  # (its insets go with Axes.clear)
            reuse = fig.axes == [ax] and _axes_state(ax) == new["state"]
        if not reuse:
            for old in tuple(fig.axes):
                fig.delaxes(old)
            ax = fig.add_subplot()
            self._ax = ax
            self._new_axes = {"state": _axes_state(ax), "ticks": _new_ticks(ax), "anchor": ax.get_anchor()}
            insets, bars = [], []
        self._insets, self._colorbars = [], []
        if _fast_drawing():
            ax.inset_axes = functools.partial(_inset_axes, ax, insets, self._insets)
            fig.colorbar = functools.partial(_colorbar, fig, bars, self._colorbars)
        return ax

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


_SIDES = ("left", "right", "bottom", "top")


class _Layout:
    """The subplot margins of the explorer's figure, widened when content lies beyond the figure.

    matplotlib's ``tight_layout`` makes room; the margins it finds are kept
    for the next plots (a legend beside the axes stays there from one move to
    the next), and the defaults come back once the content would fit in them.
    """

    def __init__(self, fig: Any) -> None:
        self.defaults = {k: getattr(fig.subplotpars, k) for k in (*_SIDES, "wspace", "hspace")}
        self.margins = dict(self.defaults)
        self.residual: dict[str, float] = {}
        self.width, self.height = fig.bbox.width, fig.bbox.height

    def render_png(self, fig: Any) -> bytes:
        """PNG bytes of ``fig`` as ``savefig`` gives them: drawn only if stale, with nothing cut off."""
        if fig.stale:
            fig.canvas.draw()
        beyond = self._beyond(fig)
        if not self._fits(beyond, self.margins):
            fig.tight_layout()
            self.margins = {k: float(getattr(fig.subplotpars, k)) for k in self.margins}
            fig.canvas.draw()
            # What even these margins cannot hold (a label wider than the axes left beside a legend) is
            # tolerated on the next moves rather than fitted again on every one.
            self.residual = self._overflow(self._beyond(fig), self.margins)
        elif self.margins != self.defaults and self._fits(beyond, self.defaults, slack=0.03):
            (fitted, residual), self.margins, self.residual = (self.margins, self.residual), dict(self.defaults), {}
            fig.subplots_adjust(**self.margins)
            fig.canvas.draw()
            if not self._fits(self._beyond(fig), self.margins):  # it did not fit after all: keep the room
                self.margins, self.residual = fitted, residual
                fig.subplots_adjust(**fitted)
                fig.canvas.draw()
        return encode_png(fig.canvas.buffer_rgba(), dpi=fig.dpi)

    def _beyond(self, fig: Any) -> dict[str, float]:
        """How far (pixels) the drawn legends, titles, texts and axis labels reach past the subplots' area.

        (Read from the last draw, without laying the axes out again as
        ``get_tightbbox`` does; tick labels are covered by the axis labels
        placed beyond them.)
        """
        from negotiation_sim.plotting._common import _measuring

        renderer = fig.canvas.get_renderer()
        artists = [*fig.legends, *fig.texts]
        axes = list(fig.axes)
        for ax in axes:
            axes.extend(child for child in ax.child_axes if child not in axes)
            artists += [ax.get_legend(), ax.title, *ax.texts, ax.xaxis.label, ax.yaxis.label,
                        ax.xaxis.get_offset_text(), ax.yaxis.get_offset_text()]
        with _measuring(fig):
            boxes = [ax.get_window_extent(renderer) for ax in axes if ax.get_visible()]
            boxes += [_drawn_extent(a, renderer) for a in artists
                      if a is not None and a.get_visible() and (not hasattr(a, "get_text") or a.get_text())]
        x0, y0 = min(b.x0 for b in boxes), min(b.y0 for b in boxes)
        x1, y1 = max(b.x1 for b in boxes), max(b.y1 for b in boxes)
        m, w, h = self.margins, self.width, self.height
        return {"left": m["left"] * w - x0, "right": x1 - m["right"] * w,
                "bottom": m["bottom"] * h - y0, "top": y1 - m["top"] * h}

    def _overflow(self, beyond: dict[str, float], margins: dict[str, float]) -> dict[str, float]:
        """Pixels by which content reaching ``beyond`` the subplots' area passes each edge of the figure."""
        room = {"left": margins["left"] * self.width, "right": (1 - margins["right"]) * self.width,
                "bottom": margins["bottom"] * self.height, "top": (1 - margins["top"]) * self.height}
        return {side: max(0.0, beyond[side] - room[side]) for side in _SIDES}

    def _fits(self, beyond: dict[str, float], margins: dict[str, float], slack: float = 0.0) -> bool:
        """Whether content reaching ``beyond`` the subplots' area lies inside the figure with ``margins``
        (or passes it no more than the tolerated :attr:`residual`, with the kept margins)."""
        pad = slack * self.width
        tolerated = self.residual if margins is self.margins else {}
        over = self._overflow({k: v + pad for k, v in beyond.items()}, margins)
        return all(over[side] <= tolerated.get(side, 0.0) + 1.0 for side in _SIDES)


#: The matplotlib versions (major, minor) the explorer's fast drawing was checked on, pixel for pixel
#: (``tests/test_explore.py``): its Axes reuse and its text cache rely on matplotlib internals.
FAST_DRAWING_MATPLOTLIB = ((3, 11),)


@functools.cache
def _fast_drawing() -> bool:
    """Whether to reuse the Axes and replay text images: only on a matplotlib version they were checked
    on and that has every internal they use; elsewhere the explorer draws as plain Agg does (slower)."""
    import matplotlib
    from matplotlib.axis import Axis
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import fontManager
    from matplotlib.spines import Spine

    version = tuple(int(part) for part in matplotlib.__version__.split(".")[:2])
    internals = (hasattr(Axis, "_get_tick") and hasattr(Spine, "_ensure_position_is_set")
                 and hasattr(fontManager, "_find_fonts_by_props") and hasattr(RendererAgg, "draw_text")
                 and hasattr(Figure, "_add_axes_internal"))
    return version in FAST_DRAWING_MATPLOTLIB and internals


def _drawn_extent(artist: Any, renderer: Any) -> Any:
    """The window extent of ``artist``; for a legend drawn since its last change, the box its draw placed
    (its frame's bounds: asking the legend would search its best place again)."""
    from matplotlib.legend import Legend
    from matplotlib.transforms import Bbox

    if isinstance(artist, Legend) and not artist.stale:
        frame = artist.legendPatch
        return Bbox.from_bounds(frame.get_x(), frame.get_y(), frame.get_width(), frame.get_height())
    return artist.get_window_extent(renderer)


def _new_ticks(ax: Any) -> dict[str, Any]:
    """What :func:`_empty` puts back: each axis's tick parameters and a major and a minor tick made from them,
    taken from a new Axes (the ticks are kept aside, never drawn nor changed)."""
    return {name: ((dict(axis._major_tick_kw), dict(axis._minor_tick_kw)),
                   (axis._get_tick(major=True), axis._get_tick(major=False)))
            for name, axis in ax._axis_map.items()}


def _empty(ax: Any, new_ticks: dict[str, Any]) -> None:
    """Clear ``ax`` for a new plot, keeping its tick objects but with a new Axes' tick properties.

    ``new_ticks`` (from :func:`_new_ticks`) holds each axis's tick
    parameters as they were when the Axes was new (``Axes.clear`` would keep
    the last plot's ``tick_params``) and a tick of each kind made then.
    Every kept tick takes the properties of the new one (as
    ``Axis.get_major_ticks`` makes more ticks from the first); while the
    Axes clears and places its spines, the tick lists are kept
    (``Axis.reset_ticks`` would throw them away, several times).
    """
    axes = ax._axis_map
    for name, axis in axes.items():
        axis._major_tick_kw, axis._minor_tick_kw = (dict(kw) for kw in new_ticks[name][0])
        for attr, new in zip(("majorTicks", "minorTicks"), new_ticks[name][1]):
            for tick in axis.__dict__.get(attr, ()):  # (a list not made yet is made lazily, from the parameters)
                _copy_tick_props(new, tick)
        axis.reset_ticks = _keep_ticks  # on these axes only, while they are cleared
        axis.set_clip_path = functools.partial(_clip_axis, axis)
    try:
        ax.clear()  # which also clips the ticks it finds to its new patch and sets their grid
        for spine in ax.spines.values():  # placed now, as on a new Axes's first draw (which resets the ticks)
            spine._ensure_position_is_set()
    finally:
        for axis in axes.values():
            del axis.reset_ticks, axis.set_clip_path


def _inset_axes(ax: Any, kept: list[tuple[Any, dict[str, Any]]], made: list[tuple[Any, dict[str, Any]]],
                bounds: Any, **kwargs: Any) -> Any:
    """``ax.inset_axes(bounds, **kwargs)`` while the explorer's plot is made: the last plot's inset made with
    the same arguments, emptied (:func:`_empty`), when it is then as a new one would be; else a new inset.

    Making an inset and the ticks it draws is much of the cost of a move of
    a plot with one. Each inset returned is listed in ``made`` (with its
    arguments and its state and ticks when new) for the next plot's ``kept``.
    """
    from matplotlib.axes import Axes

    # (a transform by identity: the reused Axes keeps its transforms, and a repr would spell out their values)
    key = (tuple(bounds), repr(sorted((k, id(v) if k == "transform" else v) for k, v in kwargs.items())))
    for k, (inset, new) in enumerate(kept):
        if new["key"] == key:
            del kept[k]
            _empty(inset, new["ticks"])
            if _axes_state(inset) == new["state"] and not inset.child_axes:
                ax.add_child_axes(inset)
                made.append((inset, new))
                return inset
            break
    inset = Axes.inset_axes(ax, bounds, **kwargs)
    made.append((inset, {"key": key, "state": _axes_state(inset), "ticks": _new_ticks(inset)}))
    return inset


#: ``Figure.colorbar``'s arguments that place a colour bar's Axes (``make_axes_gridspec`` takes them).
_COLORBAR_PLACE = ("location", "orientation", "fraction", "shrink", "aspect", "anchor", "panchor", "pad")


def _colorbar(fig: Any, kept: list[tuple[Any, dict[str, Any]]], made: list[tuple[Any, dict[str, Any]]],
              mappable: Any, cax: Any = None, ax: Any = None, use_gridspec: bool = True, **kwargs: Any) -> Any:
    """``fig.colorbar(mappable, ...)`` while the explorer's plot is made: the colour bar made by matplotlib on
    the Axes of a colour bar of the last plot placed the same way (its place, size and parent), emptied
    (:func:`_empty`), when that Axes is then as the new one would be; else on a new Axes.

    Making the colour bar's Axes and its ticks is much of the cost of a colour bar. matplotlib's
    ``Figure.colorbar`` does everything else as ever (it steals the room from the parent Axes anew and makes
    a new ``Colorbar``); only the Axes that ``make_axes_gridspec`` asks the figure for is the kept one. Each
    colour bar Axes made is listed in ``made`` (with how it was placed, and its state and ticks when new)
    for the next plot's ``kept``.
    """
    from matplotlib.figure import Figure
    from matplotlib.gridspec import SubplotSpec

    parent = ax if ax is not None else getattr(mappable, "axes", None)
    place = (id(parent), use_gridspec, repr(sorted((k, v) for k, v in kwargs.items() if k in _COLORBAR_PLACE)))

    def add_subplot(*args: Any, **options: Any) -> Any:  # called by make_axes_gridspec for the colour bar's Axes
        if len(args) != 1 or not isinstance(args[0], SubplotSpec):
            return Figure.add_subplot(fig, *args, **options)
        key = (place, args[0].get_geometry(), repr(sorted(options.items())))
        return _colorbar_axes(fig, kept, made, key, args[0], **options)

    if cax is None:
        fig.add_subplot = add_subplot
    try:
        return Figure.colorbar(fig, mappable, cax=cax, ax=ax, use_gridspec=use_gridspec, **kwargs)
    finally:
        vars(fig).pop("add_subplot", None)


def _colorbar_axes(fig: Any, kept: list[tuple[Any, dict[str, Any]]], made: list[tuple[Any, dict[str, Any]]],
                   key: tuple[Any, ...], spec: Any, **options: Any) -> Any:
    """``fig.add_subplot(spec, **options)`` for a colour bar's Axes (see :func:`_colorbar`): the kept Axes
    asked for with the same ``key`` (placement, the subplot spec's geometry, options), emptied and given back
    what a colour bar set on it, when it is then as it was new; else a new Axes."""
    from matplotlib.figure import Figure

    for k, (bar, new) in enumerate(kept):
        if new["key"] == key:
            del kept[k]
            bar.set_subplotspec(spec)  # the same cell of the gridspec make_axes_gridspec made again
            _empty(bar, new["ticks"])
            anchor, box_aspect, adjustable, spines = new["look"]
            bar.set_anchor(anchor)
            bar.set_box_aspect(box_aspect)
            bar.set_adjustable(adjustable)
            for name, visible in spines.items():
                bar.spines[name].set_visible(visible)
            if _axes_state(bar) == new["state"] and not bar.child_axes:
                fig._add_axes_internal(bar, new["projection"])  # as add_subplot adds a new Axes
                made.append((bar, new))
                return bar
            break
    bar = Figure.add_subplot(fig, spec, **options)
    look = (bar.get_anchor(), bar.get_box_aspect(), bar.get_adjustable(),
            {name: spine.get_visible() for name, spine in bar.spines.items()})
    made.append((bar, {"key": key, "state": _axes_state(bar), "ticks": _new_ticks(bar), "look": look,
                       "projection": bar._projection_init}))
    return bar


def _remove_colorbar(colorbar: Any) -> Any:
    """Remove a colour bar (its room given back, as ``Colorbar.remove`` does) and take from its Axes what the
    colour bar put on it (its outline spine, axes locator, view methods); the Axes."""
    bar = colorbar.ax
    colorbar.remove()
    for name in (*colorbar._interactive_funcs, "cla", "_colorbar", "_colorbar_info"):
        vars(bar).pop(name, None)
    if bar.spines.get("outline") is colorbar.outline:
        del bar.spines["outline"]
    bar.set_axes_locator(None)
    return bar


def _keep_ticks() -> None:
    """``Axis.reset_ticks`` while the explorer empties its Axes: the ticks are kept (and reset after)."""


#: What ``Line2D.update_from`` (matplotlib 3.11) copies besides the Artist's properties and the marker.
_LINE_PROPS = ("_linestyle", "_linewidth", "_color", "_gapcolor", "_markersize", "_markerfacecolor",
               "_markerfacecoloralt", "_markeredgecolor", "_markeredgewidth", "_unscaled_dash_pattern",
               "_dash_pattern", "_dashcapstyle", "_dashjoinstyle", "_solidcapstyle", "_solidjoinstyle", "_drawstyle")
#: What ``Axis._copy_tick_props`` (matplotlib 3.11) copies of the tick itself besides its Artist's properties.
_TICK_PROPS = ("_loc", "_size", "_width", "_base_pad", "_labelrotation", "_zorder", "_tickdir")


def _copy_tick_props(src: Any, dest: Any) -> None:
    """``Axis._copy_tick_props(src, dest)``: the properties of tick ``src`` given to tick ``dest``, its lines'
    marker style shared rather than deep-copied (most of the cost of emptying the Axes).

    The share is safe: a ``Line2D`` whose marker or fill style is set makes a
    new ``MarkerStyle``, and a ``MarkerStyle`` does not change once made.
    """
    from matplotlib.artist import Artist

    dest.label1.update_from(src.label1)
    dest.label2.update_from(src.label2)
    for name in ("tick1line", "tick2line", "gridline"):
        line, source = getattr(dest, name), getattr(src, name)
        Artist.update_from(line, source)
        for attr in _LINE_PROPS:
            setattr(line, attr, getattr(source, attr))
        line._marker = source._marker
    dest.update_from(src)
    for attr in _TICK_PROPS:
        setattr(dest, attr, getattr(src, attr))


def _clip_axis(axis: Any, path: Any, transform: Any = None) -> None:
    """``Axis.set_clip_path`` while the explorer empties its Axes: each tick and its grid line get the axis's
    clip box (one box rather than one made for each; the same rectangle), as ``Artist.set_clip_path`` gives it
    for a ``Rectangle``."""
    from matplotlib.artist import Artist
    from matplotlib.axis import Axis
    from matplotlib.patches import Rectangle

    if transform is not None or not isinstance(path, Rectangle):
        return Axis.set_clip_path(axis, path, transform)
    Artist.set_clip_path(axis, path)
    for tick in axis.majorTicks + axis.minorTicks:
        for artist in (tick, tick.gridline):
            artist.clipbox, artist._clippath = axis.clipbox, None
            artist.pchanged()
            artist.stale = True
    axis.stale = True
    return None


def _axes_state(ax: Any) -> tuple[Any, ...]:
    """What of an Axes, besides its content, ``Axes.clear`` might leave from a plot: place, aspect, scales,
    limits, frame and what is shown (compared with the Axes when it was new)."""
    spec = ax.get_subplotspec()
    return (spec.get_geometry() if spec is not None else None,  # placed by its subplot spec (the margins):
            spec is not None and ax.get_position(original=True).bounds == spec.get_position(ax.figure).bounds,
            ax.get_aspect(), ax.get_adjustable(), ax.get_box_aspect(), ax.get_anchor(),
            ax.get_axes_locator(), ax.axison, ax.get_frame_on(), ax.get_visible(), ax.get_navigate(),
            tuple(ax.get_facecolor()), ax.get_zorder(), ax.get_xscale(), ax.get_yscale(), ax.get_xlim(),
            ax.get_ylim(), ax.get_autoscalex_on(), ax.get_autoscaley_on(), ax.margins(),
            ax.xaxis.get_ticks_position(), ax.yaxis.get_ticks_position(), ax.xaxis.get_label_position(),
            ax.yaxis.get_label_position(), ax.xaxis_inverted(), ax.yaxis_inverted(),
            tuple((k, v.get_visible(), v.get_position()) for k, v in ax.spines.items()),
            ax.get_shared_x_axes().get_siblings(ax) == [ax], ax.get_shared_y_axes().get_siblings(ax) == [ax])


def encode_png(rgba: Any, dpi: float = 100.0) -> bytes:
    """PNG bytes of an RGBA image (an ``(h, w, 4)`` uint8 array), losslessly: every pixel as given.

    Each row is stored with PNG's "sub" filter (bytes minus those of the pixel
    to their left) and deflated at level 1, which is about four times faster
    than Pillow's adaptive filtering in ``savefig`` for a plot of flat colours
    and lines, at a similar size. The resolution is recorded in a ``pHYs``
    chunk, as ``savefig`` does.

    Examples
    --------
    >>> import io
    >>> import numpy as np
    >>> from PIL import Image
    >>> rgba = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    >>> (np.asarray(Image.open(io.BytesIO(encode_png(rgba)))) == rgba).all()
    np.True_
    """
    import struct
    import zlib

    import numpy as np

    pixels = np.asarray(rgba, dtype=np.uint8)
    height, width, _ = pixels.shape
    flat = pixels.reshape(height, width * 4)
    rows = np.empty((height, 1 + width * 4), dtype=np.uint8)
    rows[:, 0] = 1  # filter type 1, "sub"
    rows[:, 1:5] = flat[:, :4]
    np.subtract(flat[:, 4:], flat[:, :-4], out=rows[:, 5:])  # modulo 256, as the filter is defined

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    per_metre = round(dpi / 0.0254)
    return b"".join([b"\x89PNG\r\n\x1a\n",
                     chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
                     chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
                     chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)),
                     chunk(b"IEND", b"")])


_MATHTEXT_PARAMS = ("mathtext.fontset", "mathtext.default", "mathtext.fallback", "mathtext.rm", "mathtext.it",
                    "mathtext.bf", "mathtext.bfit", "mathtext.sf", "mathtext.tt", "mathtext.cal")
_TEXT_CACHE_SIZE = 2048  # rasterised strings kept per canvas (a plot has a few dozen; small arrays each)


@functools.cache
def _canvas_class() -> type:
    """An Agg canvas whose renderer keeps the pixels of the strings it drew (made on first use).

    A slider move redraws mostly the same strings at the same places (tick
    labels, axis labels, title, legend entries): rasterising a string glyph by
    glyph costs about 1 ms, replaying its glyph images costs a few
    microseconds. A string is replayed only when everything that shapes its
    pixels is the same: text, font files and size (and mathtext's fonts for a
    formula), angle, position, hinting, antialiasing (its colour and clipping
    come from the current drawing state), so the picture is identical to a
    fresh draw; a formula drawn with rules (a fraction's bar) is not kept.
    The renderer also reads each font's height metrics once per size.
    """
    from collections import OrderedDict

    import matplotlib as mpl
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
    from matplotlib.font_manager import fontManager, get_font

    class _Recorder:
        """Stands in for the C renderer while one string is drawn: forwards every call, keeps the glyphs."""

        def __init__(self, target: Any) -> None:
            self.target = target
            self.glyphs: list[tuple[Any, ...]] | None = []

        def draw_text_image(self, image: Any, x: Any, y: Any, angle: Any, gc: Any) -> None:
            if self.glyphs is not None:
                self.glyphs.append((np.array(image, dtype=np.uint8, copy=True), x, y, angle))
            self.target.draw_text_image(image, x, y, angle, gc)

        def __getattr__(self, name: str) -> Any:  # anything else drawn (a box): not replayable
            self.glyphs = None
            return getattr(self.target, name)

    class _Renderer(RendererAgg):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            self._texts: OrderedDict[tuple[Any, ...], list[tuple[Any, ...]]] = OrderedDict()
            self._heights: dict[tuple[Any, ...], tuple[Any, Any, Any]] = {}

        def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
                      ismath: Any = False, mtext: Any = None) -> None:
            if ismath not in (True, False):  # TeX: another path
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            rc: Any = mpl.rcParams
            key: tuple[Any, ...] = (
                s, x, y, angle, tuple(fontManager._find_fonts_by_props(prop)), prop.get_size_in_points(),
                bool(gc.get_antialiased()), rc["text.hinting"], rc["text.hinting_factor"],
                repr(getattr(mtext, "get_fontfeatures", lambda: None)()),
                repr(getattr(mtext, "get_language", lambda: None)()), ismath)
            if ismath:  # mathtext also depends on its own fonts
                key += (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(),
                        prop.get_stretch(), prop.get_math_fontfamily(), *(repr(rc[k]) for k in _MATHTEXT_PARAMS))
            glyphs = self._texts.get(key)
            if glyphs is not None:
                self._texts.move_to_end(key)
                for image, gx, gy, gangle in glyphs:
                    self._renderer.draw_text_image(image, gx, gy, gangle, gc)
                return None
            recorder = _Recorder(self._renderer)
            self._renderer = recorder
            try:
                super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            finally:
                self._renderer = recorder.target
            if recorder.glyphs is not None:
                self._texts[key] = recorder.glyphs
                if len(self._texts) > _TEXT_CACHE_SIZE:
                    self._texts.popitem(last=False)
            return None

        def _get_font_height_metrics(self, prop: Any) -> tuple[Any, Any, Any]:
            """A font's ascent, descent and line gap at this size (matplotlib asks for them on every text
            layout), read from its tables once per font and size, as ``Text`` reads them without this hook."""
            paths = tuple(fontManager._find_fonts_by_props(prop))
            key = (paths, prop.get_size_in_points())
            metrics = self._heights.get(key)
            if metrics is None:
                metrics = self._heights[key] = _font_height_metrics(get_font(paths), key[1], self.dpi)
            return metrics

    class _Canvas(FigureCanvasAgg):
        def get_renderer(self) -> Any:
            w, h = self.get_width_height(physical=True)
            key = (w, h, self.figure.dpi)
            if self._lastKey != key:
                self.renderer = _Renderer(w, h, self.figure.dpi)
                self._lastKey = key
            return self.renderer

        def draw(self) -> None:
            """Draw the figure, each axis's ticks and tick label boxes found once while nothing they depend
            on changes (:class:`_TicksOnce`; matplotlib finds them again for the title, each axis label and
            the axis itself), the ticks an axis adds made with :func:`_copy_tick_props`, and the best place
            of a legend searched once (:class:`_BestPlaceOnce`)."""
            axes: list[Any] = list(self.figure.axes)
            for ax in axes:
                axes.extend(child for child in ax.child_axes if child not in axes)
            memos: list[Any] = [_TicksOnce(axis) for ax in axes for axis in ax._axis_map.values()]
            memos += [_BestPlaceOnce(ax.get_legend()) for ax in axes if ax.get_legend() is not None]
            try:
                super().draw()
            finally:
                for memo in memos:
                    memo.remove()

    return _Canvas


class _BestPlaceOnce:
    """While one figure is drawn, the best place of an Axes legend (``loc="best"``) searched only for a legend
    size, Axes place and limits not seen before in this draw (matplotlib searches it when it measures the
    legend and again when it draws it; the data it avoids do not move in between)."""

    def __init__(self, legend: Any) -> None:
        self.legend = legend
        self.places: dict[tuple[Any, ...], Any] = {}
        self.search = legend._find_best_position
        legend._find_best_position = self._find_best_position

    def remove(self) -> None:
        del self.legend._find_best_position

    def _find_best_position(self, width: float, height: float, renderer: Any) -> Any:
        ax = self.legend.axes
        key = (width, height, id(renderer), ax.bbox.bounds, tuple(ax.viewLim.bounds),
               self.legend.get_bbox_to_anchor().bounds)
        if key not in self.places:
            self.places[key] = self.search(width, height, renderer)
        return self.places[key]


class _TicksOnce:
    """While one figure is drawn, an axis's ``_update_ticks`` and ``_get_ticklabel_bboxes`` computed again only
    when what they depend on has changed since their last call.

    The ticks to draw (their places and labels) follow from the axis's view
    interval, its Axes' place on the figure, its scale, locators and
    formatters and the tick parameters; while these are unchanged a second
    call sets every tick as it is already set, so the ticks of the first are
    returned. The boxes of their labels then are those measured last for the
    same ticks on the same renderer.
    """

    def __init__(self, axis: Any) -> None:
        self.axis = axis
        self.update_ticks, self.ticklabel_bboxes = axis._update_ticks, axis._get_ticklabel_bboxes
        self.key: Any = None
        self.ticks: Any = None
        self.boxes: Any = None
        axis._update_ticks, axis._get_ticklabel_bboxes = self._update_ticks, self._get_ticklabel_bboxes
        axis._copy_tick_props = _copy_tick_props  # for the ticks an axis makes as it draws more than before

    def remove(self) -> None:
        del self.axis._update_ticks, self.axis._get_ticklabel_bboxes, self.axis._copy_tick_props

    def _update_ticks(self) -> Any:
        axis = self.axis
        key = (tuple(axis.get_view_interval()), axis.axes.bbox.bounds, id(axis._scale),
               id(axis.major.locator), id(axis.major.formatter), id(axis.minor.locator), id(axis.minor.formatter),
               repr(axis._major_tick_kw), repr(axis._minor_tick_kw), len(axis.majorTicks), len(axis.minorTicks))
        if key != self.key or self.ticks is None:
            self.key, self.boxes = None, None
            self.ticks = self.update_ticks()
            self.key = (*key[:-2], len(axis.majorTicks), len(axis.minorTicks))
        return self.ticks

    def _get_ticklabel_bboxes(self, ticks: Any, renderer: Any) -> Any:
        if ticks is not self.ticks or self.key is None:
            return self.ticklabel_bboxes(ticks, renderer)
        if self.boxes is None or self.boxes[0] is not renderer:
            self.boxes = (renderer, self.ticklabel_bboxes(ticks, renderer))
        return self.boxes[1]


def _font_height_metrics(font: Any, size: float, dpi: float) -> tuple[Any, Any, Any]:
    """``(ascent, descent, line gap)`` in pixels from a font's OS/2 or hhea table (None without either), as
    ``matplotlib.text.Text`` computes them for a line's height."""
    for table_name, gap_key, ascent_key, descent_key in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                         ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * size * dpi / 72
        return (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
    return (None, None, None)


def _in_notebook() -> bool:
    """Whether we run inside an IPython kernel (where widgets can show output)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets depends on IPython
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def explore(scenario: Any, parameters: Any = None) -> Explorer:
    """Sliders for ``scenario``'s parameters; its plot and equilibria follow them.

    Parameters
    ----------
    scenario : Scenario
        For example ``ns.scenarios.get("hostage_taker")``.
    parameters : sequence of str, optional
        Which parameters get a slider (default: all).

    Returns
    -------
    Explorer
        Displays itself in a notebook.

    Raises
    ------
    MissingDependencyError
        Without ipywidgets, naming the ``[notebook]`` extra.

    Examples
    --------
    In a notebook the explorer displays itself; moving a slider (here by
    code) re-solves the scenario and redraws it:

    >>> import negotiation_sim as ns
    >>> explorer = ns.explore(ns.scenarios.get("hostage_taker"), parameters=["leverage"])
    >>> explorer.set(leverage=0.6)
    >>> explorer.result.solution.kind
    'pooling'
    """
    return Explorer(scenario, parameters)
