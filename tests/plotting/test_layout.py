"""Plots a teacher projects: measured with the renderer, not just saved.

Every check draws the figure (``fig.canvas.draw()``) and compares window
extents: no two texts overlap, the legend lies over no data point, nothing
drawn falls outside the saved figure, titles and names are present.
"""

from __future__ import annotations

import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection

import negotiation_sim as ns

GENERIC = re.compile(r"\b(player [12]|Player [12]|A's|B's|A/B)\b")


def _sampled(points: np.ndarray, n: int = 30) -> np.ndarray:
    """Points along a polyline in display coordinates, ``n`` between consecutive vertices."""
    if len(points) < 2:
        return points
    t = np.linspace(0, 1, n)[:, None, None]
    return (points[:-1][None] * (1 - t) + points[1:][None] * t).reshape(-1, 2)


def data_display_points(ax) -> np.ndarray:
    """Every line (sampled), line-collection segment (sampled) and marker of ``ax``, in pixels."""
    out = [np.empty((0, 2))]
    for line in ax.get_lines():
        xy = np.asarray(line.get_xydata(), float)
        xy = xy[np.isfinite(xy).all(axis=1)]
        disp = line.get_transform().transform(xy) if len(xy) else xy
        out.append(disp if line.get_linestyle() in ("None", "none", "") else _sampled(disp))
    for coll in ax.collections:
        if isinstance(coll, LineCollection):
            out += [_sampled(coll.get_transform().transform(np.asarray(s, float))) for s in coll.get_segments()]
        elif len(coll.get_offsets()) and type(coll).__name__ == "PathCollection":
            out.append(coll.get_offset_transform().transform(np.asarray(coll.get_offsets(), float)))
    return np.concatenate(out)


def assert_projectable(ax, *, names: bool = True) -> None:
    """Title; legend over no data; no overlapping texts; every artist inside the saved figure."""
    fig = ax.figure
    fig.savefig(io.BytesIO(), format="png", dpi=100)  # savefig as a user would: no bbox_inches
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert ax.get_title().strip(), "the plot has a title"
    legend = ax.get_legend()
    if legend is not None:
        box = legend.get_window_extent(renderer)
        pts = data_display_points(ax)
        inside = (pts[:, 0] > box.x0) & (pts[:, 0] < box.x1) & (pts[:, 1] > box.y0) & (pts[:, 1] < box.y1)
        assert not inside.any(), f"the legend covers {inside.sum()} data points"
        for t in ax.texts:
            assert not t.get_window_extent(renderer).overlaps(box), f"the legend covers {t.get_text()!r}"
    texts = [t for t in ax.texts if t.get_text().strip() and t.get_visible()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), f"{texts[i].get_text()!r} overlaps {texts[j].get_text()!r}"
    figure_box = fig.bbox
    for a in fig.axes:
        tight = a.get_tightbbox(renderer)
        assert tight.x0 >= figure_box.x0 - 1 and tight.y0 >= figure_box.y0 - 1, "clipped at the left or bottom"
        assert tight.x1 <= figure_box.x1 + 1 and tight.y1 <= figure_box.y1 + 1, "clipped at the right or top"
    if names:
        words = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), *(t.get_text() for t in ax.texts)]
        if legend is not None:
            words += [t.get_text() for t in legend.get_texts()]
        generic = [w for w in words if GENERIC.search(w)]
        assert not generic, f"generic names where actors have names: {generic}"


OTHERS: dict[str, str] = {}  # scenarios whose plot is known to fail a check (none)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=OTHERS[n])) if n in OTHERS else n
    for n in ns.scenarios.names()])
def test_every_scenario_plot_is_projectable(name):
    """Each scenario's plot at its defaults passes every layout check and uses the actors' names."""
    assert_projectable(ns.scenarios.get(name).plot())


def test_crisis_plot_legend_at_a_high_war_cost():
    """The crisis plot at war_cost_target=2 (its curves move) keeps its legend off them."""
    assert_projectable(ns.scenarios.get("hostage_taker").with_params(war_cost_target=2).plot())


def test_maximal_demand_shades_the_range_the_table_reports():
    """The dark span is Fearon's range at the West's mean cost [p - c_A, p + c_max / 2], as in the table."""
    sc = ns.scenarios.get("maximal_demand")
    ax = sc.plot()
    p, ca, cmax = sc.win_probability, sc.cost_a, sc.cost_b_max
    expected = (p - ca, min(1.0, p + cmax / 2))  # the uniform cost's mean is cmax / 2
    spans = {patch.get_label(): patch.get_path().transformed(patch.get_patch_transform()).get_extents().intervalx
             for patch in ax.patches}
    dark = spans["bargaining range at the West's mean cost"]
    assert tuple(dark) == pytest.approx(expected)
    out = sc.solve().outcomes
    assert (out["range_low"], out["range_high"]) == pytest.approx(expected)
    assert "Russia" in ax.get_xlabel()


def test_marathon_talks_names_the_sides():
    """The Rubinstein plot of the talks has a title and says Russia and the West."""
    ax = ns.scenarios.get("marathon_talks").plot()
    labels = [line.get_label() for line in ax.lines]
    assert labels[:2] == ["Russia (proposes first)", "the West"]
    assert ax.get_title()


class TestPayoffMatrix:
    def test_colour_key_title_and_names_inside_the_figure(self):
        """A colour bar keys the colours; the title names both players; the row player's name is not cut."""
        g = ns.NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]],
                                          players=("Russia", "NATO"), actions=(("Swerve", "Straight"),) * 2)
        ax = ns.plotting.payoff_matrix(g, ns.solve(g))
        assert_projectable(ax)
        bars = [a for a in ax.figure.axes if a is not ax]
        assert len(bars) == 1 and "colour" in bars[0].get_ylabel()
        assert "Russia" in ax.get_title() and "NATO" in ax.get_title()
        ax.figure.canvas.draw()
        label = ax.yaxis.label.get_window_extent(ax.figure.canvas.get_renderer())
        assert label.x0 >= 0 and ax.get_ylabel() == "Russia"


class TestQREPath:
    @pytest.mark.parametrize("game", [ns.models.chicken(0, -1, 1, -10),
                                      ns.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[0, 1], [1, 0]])])
    def test_one_legend_entry_per_visible_line(self, game):
        """Curves that coincide (a symmetric game's two sides) are one line with one entry."""
        path = ns.qre_path(game).path
        columns = list(path.columns[1:])
        distinct = []
        for c in columns:
            if not any(np.allclose(path[c], path[d], atol=1e-9, rtol=0) for d in distinct):
                distinct.append(c)
        ax = ns.plotting.qre_path(game)
        assert len(ax.get_legend().get_texts()) == len(ax.lines) == len(distinct)
        assert_projectable(ax, names=False)


class TestTree:
    @staticmethod
    def crisis():
        t = ns.GameTree(players=("Russia", "NATO"), title="Threat and response")
        threaten, wait = t.root.move("Russia", ["Threaten", "Status quo"])
        wait.payoffs(0, 0)
        concede, resist = threaten.move("NATO", ["Accommodate", "Resist with force"])
        concede.payoffs(1, -1)
        fight, back = resist.move("Russia", ["Fight", "Back down"])
        fight.payoffs(-5, -5)
        back.payoffs(-2, 0)
        return t

    def test_labels_never_overlap_and_edges_miss_the_names(self):
        """Text boxes are disjoint and no edge runs through a label other than its own end nodes'."""
        t = self.crisis()
        ax = ns.plotting.game_tree(t, ns.solve(t)[0])
        assert_projectable(ax)
        fig = ax.figure
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        boxes = [(tx, tx.get_window_extent(r)) for tx in ax.texts]
        base = next(c for c in ax.collections if isinstance(c, LineCollection))
        for seg in base.get_segments():
            ends = ax.transData.transform(np.asarray(seg, float))
            own = [b for _, b in boxes if any(b.contains(*e) for e in ends)]  # the end nodes' own boxes
            for p in _sampled(ends, 200):
                if any(b.contains(*p) for b in own):
                    continue
                hit = [tx.get_text() for tx, b in boxes if b.contains(*p)]
                assert not hit, f"an edge runs through {hit}"

    def test_whole_strategy_on_and_off_the_path(self):
        """Every chosen action is drawn: solid on the path of play, dashed at nodes never reached.

        The oracle walks the tree with the equilibrium's behaviour: the root's
        choice is on the path; NATO's and Russia's later choices are off it
        when Russia keeps the status quo.
        """
        t = self.crisis()
        eq = ns.solve(t)[0]
        behaviour = {**eq.behaviour("Russia"), **eq.behaviour("NATO")}
        assert behaviour["root"]["Status quo"] == 1  # the textbook answer: the threat is not credible
        ax = ns.plotting.game_tree(t, eq)
        thick = [c for c in ax.collections if isinstance(c, LineCollection) and c.get_linewidths()[0] > 2]
        solid = [c for c in thick if c.get_linestyle()[0][1] is None]
        dashed = [c for c in thick if c.get_linestyle()[0][1] is not None]
        assert sum(len(c.get_segments()) for c in solid) == 1
        assert sum(len(c.get_segments()) for c in dashed) == 2  # Resist with force, then Back down
        legend = [x.get_text() for x in ax.get_legend().get_texts()]
        assert any("on the path" in x for x in legend) and any("off the path" in x for x in legend)

    def test_information_sets_and_chance(self):
        """An information set is a dotted line with a legend entry; chance edges carry probabilities."""
        t = ns.GameTree(players=("Russia", "NATO"))
        resolved, unresolved = t.root.chance({"Resolved": 0.3, "Unresolved": 0.7})
        nodes = []
        for node in (resolved, unresolved):
            threat, quiet = node.move("Russia", ["Threaten", "Stay quiet"], infoset=f"Russia {node.action}")
            quiet.payoffs(0, 0)
            nodes.append(threat)
        for k, node in enumerate(nodes):
            give, stand = node.move("NATO", ["Concede", "Stand firm"], infoset="NATO after a threat")
            give.payoffs(1, -1)
            stand.payoffs(-1 + 2 * k, -2)
        eq = ns.solve(t)[0]
        ax = ns.plotting.game_tree(t, eq)
        assert_projectable(ax)
        texts = {x.get_text() for x in ax.texts}
        assert {"Resolved (0.3)", "Unresolved (0.7)"} <= texts
        dotted = [line for line in ax.lines if line.get_linestyle() == ":"]
        assert len(dotted) == 1  # one arc joining NATO's two nodes
        ends = {(round(dotted[0].get_xdata()[i], 9), round(dotted[0].get_ydata()[i], 9)) for i in (0, -1)}
        assert len(ends) == 2
        assert any("information set of NATO" in x.get_text() for x in ax.get_legend().get_texts())

    def test_small_axes_shrink_the_labels_rather_than_overlap(self):
        """Given a cramped Axes, the labels get smaller until none overlap."""
        t = self.crisis()
        fig, ax = plt.subplots(figsize=(3.4, 2.7), layout="constrained")
        ns.plotting.game_tree(t, ns.solve(t)[0], ax=ax)
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        boxes = [x.get_window_extent(r) for x in ax.texts]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
        assert ax.texts[0].get_fontsize() < 8


@pytest.mark.parametrize("make", [
    lambda: ns.plotting.best_response(ns.models.chicken(0, -1, 1, -10)),
    lambda: ns.plotting.bargaining_range(ns.models.Fearon(0.6, 0.1, 0.2), players=("Russia", "the West")),
    lambda: ns.plotting.rubinstein_shares(ns.models.Rubinstein(0.8, 0.9), players=("Russia", "the West")),
], ids=["best_response", "bargaining_range", "rubinstein_shares"])
def test_model_plots_are_projectable(make):
    """The model plots pass the same checks with the names they are given."""
    assert_projectable(make(), names=False)


@pytest.mark.parametrize("side", ["right", "below"])
def test_a_legend_moved_beside_the_axes_is_the_one_made_there(side):
    """When no corner is free, legend_off_data moves its legend beside the axes: pixel for pixel the legend
    that ``ax.legend`` makes there, with the same place, anchor and padding."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from negotiation_sim.plotting._common import legend_off_data

    def figure():
        fig = Figure(figsize=(5, 3))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        x = np.linspace(0, 1, 50)
        for level in np.linspace(0.02, 0.98, 8):  # lines through every corner: none is free
            ax.plot(x, np.full_like(x, level), label=f"level {level:.2f}")
        return fig, ax

    fig, ax = figure()
    moved = legend_off_data(ax, side=side)
    other, other_ax = figure()
    loc, anchor = ("upper center", (0.5, -0.02)) if side == "below" else ("upper left", (1.02, 1.0))
    made = other_ax.legend(loc=loc, bbox_to_anchor=anchor, borderaxespad=0.0, fontsize="small")
    for f in (fig, other):
        f.canvas.draw()
    assert moved.get_window_extent().bounds == made.get_window_extent().bounds
    np.testing.assert_array_equal(np.asarray(fig.canvas.buffer_rgba()), np.asarray(other.canvas.buffer_rgba()))
