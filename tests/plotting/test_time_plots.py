"""plotting.time: each plot draws on the Axes given, with a title, axis names and a legend."""

import matplotlib.pyplot as plt
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterTypeError

MODELS = {
    "spe_region": lambda: ns.models.RepeatedCrisis(ns.scenarios.repeated_crisis().build().stage_game, 0.8),
    "screening_rounds": lambda: ns.models.Screening(delta=0.8, n_rounds=6),
    "prospect_curves": lambda: ns.models.ProspectCrisis((1.0, -1.0), (0.4, 0.6), sure=0.0, reference=1.0),
    "indivisible_range": lambda: ns.models.Indivisibility(0.4, 0.1, 0.2, divisions=(0.0, 0.9)),
}


@pytest.mark.parametrize("name", list(MODELS))
def test_draws_on_the_given_axes_with_names_and_legend(name):
    """The returned Axes is the one given; title, x label and legend labels are set."""
    func = getattr(ns.plotting, name)
    _, ax = plt.subplots()
    assert func(MODELS[name](), ax=ax) is ax
    assert ax.get_title() and ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) >= 2 and all(labels)
    assert func(MODELS[name]()) is not None  # a new figure when ax is None


def test_spe_region_names_players_and_profiles():
    """Axis labels name the players; each stage payoff is labelled with its action profile."""
    ax = ns.plotting.spe_region(MODELS["spe_region"]())
    assert "Russia" in ax.get_xlabel() and "NATO" in ax.get_ylabel()
    notes = {t.get_text() for t in ax.texts}
    assert "Back down / Back down" in notes and "Hold firm / Hold firm" in notes


def test_screening_rounds_legend_states_the_failure_probability():
    """The failure line's label carries the model's probability of war."""
    model = MODELS["screening_rounds"]()
    ax = ns.plotting.screening_rounds(model)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(f"{model.solve().p_war:.3g}" in s for s in labels)


@pytest.mark.parametrize("name", list(MODELS))
def test_wrong_model_type_is_a_type_error(name):
    """Handing a plot the wrong object raises InvalidParameterTypeError (a TypeError) naming the argument."""
    with pytest.raises(InvalidParameterTypeError, match="model"):
        getattr(ns.plotting, name)(object())
    with pytest.raises(TypeError):
        getattr(ns.plotting, name)(object())


@pytest.mark.parametrize("n_rounds", [1, 6, 12, 13, 70, 200])
def test_screening_rounds_draws_a_bar_per_round_and_a_readable_round_axis(n_rounds):
    """One patch holds a bar per round (0.8 wide, as high as that round's probability of agreement); every round
    has a tick label up to 12 rounds, beyond that round 1 and whole rounds spread over all of them."""
    model = ns.models.Screening(delta=0.9, n_rounds=n_rounds)
    ax = ns.plotting.screening_rounds(model)
    (bars,) = [p for p in ax.patches if p.get_label() == "probability of agreement in the round"]
    rects = bars.get_path().vertices.reshape(-1, 5, 2)
    assert len(rects) == n_rounds
    p_agree = model.solve().p_agree
    for r, rect in enumerate(rects, start=1):
        assert rect[:, 0].min() == pytest.approx(r - 0.4) and rect[:, 0].max() == pytest.approx(r + 0.4)
        assert rect[:, 1].min() == 0 and rect[:, 1].max() == pytest.approx(p_agree[r - 1])
    ticks = list(ax.get_xticks())
    if n_rounds <= 12:
        assert ticks == list(range(1, n_rounds + 1))
    else:
        assert ticks[0] == 1 and all(float(t).is_integer() and 1 <= t <= n_rounds for t in ticks)
        assert 5 <= len(ticks) <= 12 and max(ticks) >= 0.8 * n_rounds
    plt.close(ax.figure)


@pytest.mark.parametrize("gamma", [0.28, 0.45, 0.61, 0.8, 1.0])
@pytest.mark.parametrize("delta", [0.28, 0.69, 1.0])
def test_prospect_inset_legend_covers_no_weight_curve(gamma, delta):
    """The inset's legend sits in its upper left corner, clear of both weighting curves and the diagonal,
    over the whole range of the weighting parameters."""
    from negotiation_sim.plotting._common import legend_covers_data

    model = ns.models.ProspectCrisis((1.0, -1.0), (0.4, 0.6), sure=0.0, gamma=gamma, delta=delta)
    ax = ns.plotting.prospect_curves(model)
    (inset,) = ax.child_axes
    fig = ax.figure
    # What the legend's size depends on, in the message: once in a parallel run this failed, never alone.
    assert not legend_covers_data(inset), (fig.get_size_inches().tolist(), fig.dpi, inset.get_legend().get_window_extent(),
                                           plt.rcParams["font.family"], plt.rcParams["font.size"])
    plt.close(fig)
