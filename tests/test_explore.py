"""The notebook explorer: sliders re-solve and redraw; a clear message without ipywidgets."""

import importlib
import io
import sys

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import MissingDependencyError, UnknownNameError

pytest.importorskip("ipywidgets")


def test_moving_a_slider_resolves_the_scenario():
    """Setting a slider changes the scenario, its result and redraws once."""
    explorer = ns.explore(ns.scenarios.get("hostage_taker"))
    assert explorer.n_redraws == 1
    assert explorer.result.solution.kind == "semi-separating"
    explorer.set(leverage=0.7)
    assert explorer.scenario.leverage == pytest.approx(0.7)
    assert explorer.result.solution.kind == "pooling"
    assert explorer.n_redraws == 2


@pytest.mark.parametrize("name", ns.scenarios.names())
def test_every_scenario_gets_sliders_within_its_ranges(name):
    """Each parameter gets a slider whose range lies inside the parameter's range."""
    scenario = ns.scenarios.get(name)
    explorer = ns.explore(scenario)
    for pname, slider in explorer.sliders.items():
        spec = scenario.specs[pname]
        assert spec.low <= slider.min <= slider.value <= slider.max <= spec.high


def test_unknown_slider_names():
    """Unknown parameter names are refused, naming them."""
    with pytest.raises(UnknownNameError, match="nope"):
        ns.explore(ns.scenarios.get("hostage_taker"), parameters=["nope"])
    explorer = ns.explore(ns.scenarios.get("hostage_taker"), parameters=["leverage"])
    with pytest.raises(UnknownNameError, match="stake"):
        explorer.set(stake=2.0)


def test_without_ipywidgets_the_error_names_the_extra(monkeypatch):
    """A missing ipywidgets gives MissingDependencyError naming the [notebook] extra."""
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(MissingDependencyError, match=r"\[notebook\]"):
        ns.explore(ns.scenarios.get("hostage_taker"))


def test_redraw_renders_a_png_outside_a_notebook(capsys):
    """Outside a kernel the redraw renders the figure to PNG bytes and prints nothing."""
    explorer = ns.explore(ns.scenarios.get("reputation"))
    explorer.set(prior=0.5)
    assert explorer.last_png[:8] == b"\x89PNG\r\n\x1a\n"
    assert capsys.readouterr().out == ""


def _moves(scenario):
    """A scripted sequence: for every parameter a move below and above its valid interval, each followed
    by a valid move; for the first two parameters, a move to each finite end of the interval too."""
    moves = []
    for k, (pname, value) in enumerate(scenario.parameters.items()):
        low, high = scenario.parameter_range(pname)
        moves += [(pname, low - 1.0 if np.isfinite(low) else -1e9), (pname, high + 1.0 if np.isfinite(high) else 1e9)]
        if k < 2:
            moves += [(pname, end) for end in (low, high) if np.isfinite(end)]
        moves.append((pname, value))
    return moves


@pytest.mark.parametrize("name", ns.scenarios.names())
def test_explorer_survives_invalid_and_valid_moves(name):
    """Invalid moves are refused with a message and keep the last valid scenario; valid ones apply after."""
    scenario = ns.scenarios.get(name)
    explorer = ns.explore(scenario)
    for pname, target in _moves(scenario):
        before = explorer.scenario
        explorer.set(**{pname: int(target) if scenario.specs[pname].integer else target})
        if scenario.with_params().is_valid(**{**before.parameters, pname: target}):
            assert explorer.error is None and explorer.message.value == ""
            assert getattr(explorer.scenario, pname) == pytest.approx(target)
        else:
            assert explorer.error and "Not applied" in explorer.message.value
            assert explorer.scenario == before
        # Sliders always show the current (valid) scenario, inside their bounds.
        for p, slider in explorer.sliders.items():
            assert slider.min <= slider.value <= slider.max
            assert slider.value == pytest.approx(getattr(explorer.scenario, p), abs=slider.step)
    explorer.set(**{pname: getattr(scenario, pname)})
    assert explorer.error is None and explorer.result is not None


@pytest.mark.parametrize("name", ns.scenarios.names())
def test_slider_bounds_are_valid_points(name):
    """Every slider's ends are points where the scenario can be built (bounds follow parameter_range)."""
    scenario = ns.scenarios.get(name)
    explorer = ns.explore(scenario)
    for pname, slider in explorer.sliders.items():
        for end in (slider.min, slider.max):
            assert scenario.is_valid(**{pname: end}), (pname, end)


def _pixels(png):
    """The RGBA pixels of PNG bytes (decoded by matplotlib's reader)."""
    import io

    from matplotlib.image import imread

    return imread(io.BytesIO(png), format="png")


def _ordinary_drawing(explorer):
    """The explorer's current plot made the ordinary way: a new figure at the explorer's margins, a new Axes,
    saved with ``savefig``; the figure and its PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4))
    FigureCanvasAgg(fig)
    fig.subplots_adjust(**explorer._layout.margins)
    explorer.scenario.plot(ax=fig.add_subplot())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return fig, buffer.getvalue()


#: A legend inside and beside the axes (shrunk to fit), a colour bar with a note below, an inset, no legend.
_DRAWING_CASES = ["hostage_taker", "maximal_demand", "european_crisis", "cornered_rat", "coalition_unity"]


@pytest.mark.parametrize("name", _DRAWING_CASES)
def test_a_move_draws_once_and_shows_the_ordinary_drawing(name, monkeypatch):
    """After the first move, each move draws the figure once; its PNG is, pixel for pixel, the plot made the
    ordinary way (drawn at every layout pass, saved with ``savefig``) on the same figure; nothing is cut off."""
    from matplotlib.figure import Figure

    scenario = ns.scenarios.get(name)
    explorer = ns.explore(scenario)
    pname, slider = next(iter(explorer.sliders.items()))
    draws = []
    original = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda fig, renderer: (draws.append(fig), original(fig, renderer))[1])
    for fraction in (0.35, 0.65):
        explorer.set(**{pname: slider.min + fraction * (slider.max - slider.min)})
    explorer.set(**{pname: slider.min + 0.65 * (slider.max - slider.min)})  # the same point again: same room
    draws.clear()
    explorer.set(**{pname: slider.min + 0.35 * (slider.max - slider.min)})
    explorer.set(**{pname: slider.min + 0.65 * (slider.max - slider.min)})
    assert len(draws) == 2, [type(f).__name__ for f in draws]
    monkeypatch.undo()

    fig, png = _ordinary_drawing(explorer)
    np.testing.assert_array_equal(_pixels(explorer.last_png), _pixels(png))
    box = fig.get_tightbbox().transformed(fig.dpi_scale_trans)
    assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= fig.bbox.x1 + 1 and box.y1 <= fig.bbox.y1 + 1, box


@pytest.mark.parametrize("name", ["marathon_talks", "mediation", "repeated_crisis", "donbas_commitment", "hostage_taker"])
def test_slider_bounds_are_the_valid_interval_cut_to_the_slider_range(name):
    """Each slider spans the parameter's valid interval (Scenario.parameter_range, searched over the parameter's
    whole range) cut to its finite slider range, one step inside an end that is itself invalid."""
    from negotiation_sim._explore import slider_range

    explorer = ns.explore(ns.scenarios.get(name))
    for pname, slider in explorer.sliders.items():  # a point off the defaults, where constraints bind
        explorer.set(**{pname: slider.min + 0.3 * (slider.max - slider.min)})
    scenario = explorer.scenario
    for pname, slider in explorer.sliders.items():
        value = getattr(scenario, pname)
        low, high, step = slider_range(scenario.specs[pname], value)
        valid_low, valid_high = scenario.parameter_range(pname)
        low, high = max(low, valid_low), min(high, valid_high)
        if low < value and not scenario.is_valid(**{pname: low}):
            low = min(low + step, value)
        if high > value and not scenario.is_valid(**{pname: high}):
            high = max(high - step, value)
        assert (slider.min, slider.max) == pytest.approx((low, high), rel=1e-8, abs=1e-9), pname


def test_the_explorer_canvas_lays_out_and_draws_text_as_agg_does():
    """Texts (multi-line, rotated, a formula) measure and draw, pixel for pixel, as on matplotlib's Agg canvas,
    also when drawn again from the explorer canvas's kept glyphs and font metrics, and when a text then moves
    or changes colour."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from negotiation_sim._explore import _canvas_class

    def draw(canvas_class):
        fig = Figure(figsize=(3, 2))
        canvas = canvas_class(fig)
        ax = fig.add_subplot()
        texts = [ax.set_title("two lines\nof a title", fontsize=9), ax.set_ylabel("rotated label"),
                 ax.text(0.2, 0.5, r"$p - c_A$ and $\frac{1}{2}$", color="tab:red"), ax.text(0.1, 0.2, "moves")]
        images = []
        for step in range(3):  # the second draw replays what the first kept; the third moves a text
            if step == 2:
                texts[3].set_position((0.4137, 0.3))
                texts[2].set_color("tab:blue")
            canvas.draw()
            images.append(np.asarray(canvas.buffer_rgba()).copy())
        return [t.get_window_extent().bounds for t in texts], images

    plain_boxes, plain = draw(FigureCanvasAgg)
    boxes, ours = draw(_canvas_class())
    assert boxes == plain_boxes
    for a, b in zip(ours, plain):
        np.testing.assert_array_equal(a, b)


def test_an_emptied_axes_draws_as_a_new_one():
    """The explorer's Axes, emptied after a plot that changed its ticks (label size, ticks on top, fixed tick
    labels, an inset), draws the next plot pixel for pixel as a new Axes does; its state is the new one's."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from negotiation_sim._explore import _axes_state, _empty, _new_ticks

    def second_plot(ax):
        ax.plot([0, 3], [1, 2], label="a line")
        ax.set_title("the next plot")
        ax.legend()

    def image(fig):
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).copy()

    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    new_state, new_ticks = _axes_state(ax), _new_ticks(ax)
    ax.plot(range(30), range(30))
    ax.tick_params(labelsize=15, labelrotation=30, length=9)
    ax.xaxis.tick_top()
    ax.set_yticks([3, 20], ["three", "twenty"])
    ax.inset_axes([0.6, 0.1, 0.3, 0.3]).plot([0, 1])
    image(fig)
    _empty(ax, new_ticks)
    assert _axes_state(ax) == new_state and not ax.child_axes
    second_plot(ax)

    fresh = Figure(figsize=(4, 3))
    FigureCanvasAgg(fresh)
    second_plot(fresh.add_subplot())
    np.testing.assert_array_equal(image(fig), image(fresh))


@pytest.mark.parametrize("name", ["six_hours", "troops_signal", "cornered_rat", "european_crisis"])
def test_moves_reuse_the_axes_and_show_the_ordinary_drawing(name):
    """Moves of plots with fixed ticks, tick labels, an inset or a colour bar reuse the explorer's Axes (and its
    inset and colour bar Axes), and each PNG is the plot drawn on a new Axes of a new figure."""

    explorer = ns.explore(ns.scenarios.get(name))
    ax = explorer._ax
    insets = list(ax.child_axes)
    bars = [other for other in explorer._fig.axes if other is not ax]
    for (pname, slider), fraction in zip(explorer.sliders.items(), (0.35, 0.65)):
        value = slider.min + fraction * (slider.max - slider.min)
        explorer.set(**{pname: round(value) if isinstance(slider.value, int) else value})
        assert explorer._ax is ax
        assert ax.child_axes == insets  # an inset made again with the same arguments: the last one, emptied
        assert explorer._fig.axes == [ax, *bars]  # and so is a colour bar's Axes
        np.testing.assert_array_equal(_pixels(explorer.last_png), _pixels(_ordinary_drawing(explorer)[1]))


@pytest.mark.parametrize("name", ["hostage_taker", "maximal_demand", "cornered_rat"])
def test_the_layout_reads_a_drawn_legend_where_matplotlib_places_it(name):
    """After a move the layout check reads each drawn legend's box from its frame: the very box the legend's
    own extent gives (which searches the best place again)."""
    from negotiation_sim._explore import _drawn_extent

    explorer = ns.explore(ns.scenarios.get(name))
    pname, slider = next(iter(explorer.sliders.items()))
    explorer.set(**{pname: slider.min + 0.4 * (slider.max - slider.min)})
    renderer = explorer._fig.canvas.get_renderer()
    legends = [ax.get_legend() for ax in explorer._ax.child_axes + [explorer._ax] if ax.get_legend() is not None]
    assert legends
    for legend in legends:
        assert not legend.stale
        assert _drawn_extent(legend, renderer).bounds == legend.get_window_extent(renderer).bounds


def test_on_an_unchecked_matplotlib_the_explorer_draws_as_plain_agg(monkeypatch):
    """The Axes reuse and the text cache rely on matplotlib internals, so they run only on the matplotlib
    versions they were checked on; on another version the explorer makes a new Axes on a plain Agg canvas
    each move, and shows the same picture."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    explore_module = importlib.import_module("negotiation_sim._explore")
    fast = ns.explore(ns.scenarios.get("troops_signal"))
    monkeypatch.setattr(explore_module, "_fast_drawing", lambda: False)
    plain = ns.explore(ns.scenarios.get("troops_signal"))
    assert type(plain._fig.canvas) is FigureCanvasAgg and type(fast._fig.canvas) is not FigureCanvasAgg
    pname, slider = next(iter(plain.sliders.items()))
    axes = []
    for fraction in (0.35, 0.65):
        value = slider.min + fraction * (slider.max - slider.min)
        value = round(value) if isinstance(slider.value, int) else value
        plain.set(**{pname: value})
        fast.set(**{pname: value})
        axes.append(plain._ax)
        np.testing.assert_array_equal(_pixels(plain.last_png), _pixels(fast.last_png))
    assert axes[0] is not axes[1]  # a new Axes each move


def _props(artist):
    """An artist's properties as ``update_from`` copies them: its attributes, a marker style by its content."""
    from matplotlib.artist import Artist
    from matplotlib.markers import MarkerStyle
    from matplotlib.path import Path

    out = {}
    for key, value in vars(artist).items():
        if key in ("_callbacks", "_remove_method", "stale_callback", "_axes", "figure", "_parent_figure"):
            continue
        if isinstance(value, MarkerStyle):
            value = (value.get_marker(), value.get_fillstyle(), value.get_path().vertices.tolist(),
                     value.get_transform().get_matrix().tolist(), value.get_joinstyle(), value.get_capstyle())
        elif isinstance(value, Path):
            value = (value.vertices.tolist(), value.codes)
        elif isinstance(value, Artist):  # a tick's own lines and labels: compared one by one
            value = type(value)
        out[key] = repr(value) if isinstance(value, np.ndarray) else value
    return out


def test_the_explorer_copies_tick_properties_as_matplotlib_does():
    """The explorer's tick copy (marker styles shared) leaves every tick line, label and the tick itself with
    the properties ``Axis._copy_tick_props`` gives, after the ticks were restyled."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from negotiation_sim._explore import _copy_tick_props

    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    source = ax.xaxis._get_tick(major=True)
    ax.tick_params(direction="inout", length=9, width=3, color="tab:red", labelsize=15, labelrotation=30,
                   grid_linestyle=":", pad=7)
    ours, theirs = ax.xaxis.get_major_ticks(3)[1:]  # two ticks made alike (from the first)
    assert _props(ours.tick1line) != _props(source.tick1line)
    _copy_tick_props(source, ours)
    ax.xaxis._copy_tick_props(source, theirs)
    for part in ("tick1line", "tick2line", "gridline", "label1", "label2", None):
        a, b = (getattr(t, part) if part else t for t in (ours, theirs))
        assert _props(a) == _props(b), part
    assert ours.tick1line._marker is source.tick1line._marker


def test_the_explorer_canvas_finds_ticks_once_and_draws_as_agg_does():
    """On the explorer's canvas, whose draw finds each axis's ticks once while nothing they depend on changes,
    a figure with aligned labels of two Axes, a log scale, a title over ticks on top and an inset that
    autoscales when drawn draws pixel for pixel as on matplotlib's Agg canvas, also after its limits, scale and
    tick parameters change and an axis makes more ticks as it draws; the axes keep no trace of it after a draw."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    from negotiation_sim._explore import _canvas_class

    def draw(canvas_class):
        fig = Figure(figsize=(5, 4))
        canvas = canvas_class(fig)
        top, bottom = fig.subplots(2)
        top.plot([1, 10, 1000], [3, 1, 2])
        top.set_xscale("log")
        top.xaxis.tick_top()
        top.set_title("a title over ticks on top")
        bottom.plot([0, 1], [-5e6, 5e6])  # an offset text on the y axis
        bottom.set_ylabel("aligned")
        top.set_ylabel("labels")
        fig.align_ylabels()
        inset = bottom.inset_axes([0.6, 0.1, 0.3, 0.3])
        inset.plot([0, 7], [0, 3])
        inset.set_title("inset", fontsize=6)
        images = []
        for step in range(3):
            if step == 1:
                top.set_xlim(2, 500)
                inset.plot([0, 30], [0, -40])  # pending autoscale, applied when the inset draws
            if step == 2:
                bottom.set_yscale("symlog")
                top.tick_params(labelsize=14, length=8)
                inset.tick_params(direction="in", color="tab:red", width=2)
                inset.xaxis.set_major_locator(MaxNLocator(14))  # more ticks, made as the inset draws
            canvas.draw()
            images.append(np.asarray(canvas.buffer_rgba()).copy())
        for ax in (top, bottom, inset):
            for axis in (ax.xaxis, ax.yaxis):
                assert not {"_update_ticks", "_get_ticklabel_bboxes", "_copy_tick_props"} & set(vars(axis))
        return images

    for ours, plain in zip(draw(_canvas_class()), draw(FigureCanvasAgg)):
        np.testing.assert_array_equal(ours, plain)


def test_ticks_found_once_are_found_again_when_what_they_depend_on_changes():
    """While an axis finds its ticks once, a second call gives the first's ticks (and label boxes); after its
    limits, its Axes' place, its scale, its locator or its tick parameters change, the ticks (places, labels
    and label boxes) are those matplotlib finds."""
    from matplotlib.axis import Axis
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MultipleLocator

    from negotiation_sim._explore import _TicksOnce

    fig = Figure()
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.add_subplot()
    ax.plot([1, 50], [0, 1])
    axis = ax.xaxis
    memo = _TicksOnce(axis)

    def found():
        ticks = axis._update_ticks()
        return ticks, [(t.get_loc(), t.label1.get_text()) for t in ticks], axis._get_ticklabel_bboxes(ticks, renderer)

    ticks, _, boxes = found()
    assert axis._update_ticks() is ticks and axis._get_ticklabel_bboxes(ticks, renderer) is boxes
    changes = [lambda: ax.set_xlim(3, 7), lambda: fig.subplots_adjust(left=0.4), lambda: ax.set_xscale("log"),
               lambda: axis.set_major_locator(MultipleLocator(2)), lambda: ax.tick_params(labelsize=20)]
    for change in changes:
        change()
        _, labels, boxes = found()
        plain = Axis._update_ticks(axis)
        assert labels == [(t.get_loc(), t.label1.get_text()) for t in plain]
        assert [b.bounds for b in boxes[0]] == [b.bounds for b in Axis._get_ticklabel_bboxes(axis, plain, renderer)[0]]
    memo.remove()
    assert "_update_ticks" not in vars(axis)


def test_a_legend_placed_best_is_searched_once_per_draw_and_follows_the_data():
    """On the explorer's canvas a legend at ``loc="best"`` searches its place once per draw (matplotlib: twice)
    and draws pixel for pixel as on the Agg canvas, also after the data it avoids and the limits move."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

    from negotiation_sim._explore import _canvas_class

    searches = []
    original = Legend._find_best_position

    def counted(legend, *args):
        searches.append(legend)
        return original(legend, *args)

    def draw(canvas_class):
        fig = Figure(figsize=(4, 3))
        canvas = canvas_class(fig)
        ax = fig.add_subplot()
        line, = ax.plot([0, 1], [1, 0], label="falling")
        ax.plot([0, 1], [0.9, 0.9], label="flat")
        ax.legend(loc="best")
        images = []
        for step in range(3):
            if step == 1:
                line.set_data([0, 1], [0, 1])  # now rising: the best corner changes
            if step == 2:
                ax.set_ylim(-2, 1.2)
            searches.clear()
            canvas.draw()
            images.append((np.asarray(canvas.buffer_rgba()).copy(), len(searches)))
        assert "_find_best_position" not in vars(ax.get_legend())
        return images

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Legend, "_find_best_position", counted)
        ours, plain = draw(_canvas_class()), draw(FigureCanvasAgg)
    for (image, n_ours), (plain_image, n_plain) in zip(ours, plain):
        np.testing.assert_array_equal(image, plain_image)
        assert (n_ours, n_plain) == (1, 2)


def test_a_colour_bar_axes_is_reused_over_moves_and_draws_as_a_new_figure(monkeypatch):
    """A plot's colour bar placed as the last plot's was is drawn on that colour bar's Axes, emptied; one placed
    elsewhere (or a plot without one) gets a new Axes or none. After each move (the colour range, label, extend,
    ticks and place change) the PNG is, pixel for pixel, the plot drawn on a new figure."""
    scenario = ns.scenarios.get("european_crisis")

    def plot(self, ax=None, **kwargs):
        values = np.outer(np.linspace(-1, 2, 4), np.linspace(0, 1, 3)) * self.stake
        image = ax.imshow(values, cmap="viridis" if self.support < 0.5 else "RdYlGn", aspect="auto")
        if self.influence < 0.8:  # a plot without a colour bar
            place = {"location": "bottom", "shrink": 0.7} if self.demand > 0.6 else {"shrink": 0.9}
            ax.figure.colorbar(image, ax=ax, label=f"stake {self.stake:.3g}", extend="max" if self.stake > 1 else
                               "neither", ticks=[0, self.stake] if self.support > 0.7 else None, **place)
        ax.set_title(f"demand {self.demand:.3g}")
        return ax

    monkeypatch.setattr(type(scenario), "plot", plot)
    explorer = ns.explore(scenario, parameters=["stake", "demand", "support", "influence"])
    moves = [{"stake": 2.5, "demand": 0.3}, {"stake": 0.7, "support": 0.3}, {"demand": 0.9},
             {"stake": 3.0, "support": 0.8}, {"demand": 0.3}, {"influence": 0.9}, {"influence": 0.1, "support": 0.2},
             {"stake": 1.7}]
    reused = []
    for move in moves:
        before = [bar for bar in explorer._fig.axes if bar is not explorer._ax]
        explorer.set(**move)
        assert explorer.error is None
        bars = [bar for bar in explorer._fig.axes if bar is not explorer._ax]
        reused.append(bool(before and bars) and bars[0] is before[0])
        np.testing.assert_array_equal(_pixels(explorer.last_png), _pixels(_ordinary_drawing(explorer)[1]))
    # kept while placed the same; new at a new place or after a plot without one
    assert reused == [False, True, False, True, False, False, False, True]


@pytest.mark.parametrize("name", ["european_crisis", "repeated_crisis", "cornered_rat"])
def test_slider_bounds_build_each_point_once(name, monkeypatch):
    """Searching a slider's bounds (of a scenario without valid intervals in closed form) checks each point
    once: the ends found are not built again."""
    from negotiation_sim.scenarios._base import Scenario

    explorer = ns.explore(ns.scenarios.get(name))
    checked = []
    original = Scenario.is_valid
    monkeypatch.setattr(Scenario, "is_valid", lambda self, **changes: (checked.append(changes), original(self, **changes))[1])
    for pname in explorer.sliders:
        checked.clear()
        explorer._bounds(pname)
        points = [tuple(sorted(changes.items())) for changes in checked]
        assert points and len(points) == len(set(points)), (pname, points)
