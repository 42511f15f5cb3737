"""Plots of the signalling models: each draws on the Axes given, names the actors and keeps its legend off the data."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

CT = ns.models.CheapTalk(bias=0.05)
CS = ns.models.CostlySignal(win_prob=0.8, war_cost=0.4, challenger_war_cost=0.6)
WA = ns.models.WarOfAttrition(audience_rate_1=0.2, audience_rate_2=0.1, war_payoff_1=-2.0, war_payoff_2=-2.0)
TL = ns.models.TwoLevelGame(median_reservation=0.6, disagreement_a=0.1, disagreement_b=0.1, wedge=0.15)

CASES = [
    (ns.plotting.cheap_talk_partitions, CT, ("Putin", "Macron")),
    (ns.plotting.costly_signal, CS, ("Russia", "the West")),
    (ns.plotting.war_of_attrition, WA, ("Russia", "the West")),
    (ns.plotting.two_level, TL, ("France", "Russia")),
]


def data_top(ax):
    """The highest y value any line or bar of the plot reaches."""
    tops = [np.nanmax(np.asarray(line.get_ydata(), dtype=float)) for line in ax.get_lines()
            if len(line.get_ydata()) and line.get_xdata() is not None and len(np.unique(line.get_xdata())) > 1]
    tops += [bar.get_height() for container in ax.containers for bar in container]
    return max(tops)


@pytest.mark.parametrize(("plot", "model", "names"), CASES)
def test_draws_on_the_given_axes_with_names_title_and_legend(plot, model, names):
    """The Axes given is returned, the title is set, both names appear, the legend sits above the data."""
    _, ax = plt.subplots()
    assert plot(model, names=names, ax=ax) is ax
    assert ax.get_title()
    text = " ".join([ax.get_xlabel(), ax.get_ylabel(), ax.get_title()]
                    + [t.get_text() for t in ax.get_legend().get_texts()])
    assert names[0] in text or names[1] in text
    from negotiation_sim.plotting._common import legend_covers_data

    assert not legend_covers_data(ax)
    if plot is not ns.plotting.two_level:  # shares end at 1: the two-level plot keeps no head room
        assert data_top(ax) < ax.get_ylim()[1] - 0.2 * np.ptp(ax.get_ylim())  # head room holds the legend
    assert plot(model) is not None


def test_costly_signal_bars_are_the_models_numbers():
    """The bars are p_challenge, p_war and the defender's payoff of each instrument."""
    ax = ns.plotting.costly_signal(CS)
    r = CS.solve()
    heights = [bar.get_height() for container in ax.containers for bar in container]
    expected = [getattr(getattr(r, i), f) for f in ("p_challenge", "p_war", "defender_payoff")
                for i in ("none", "sunk", "tie")]
    assert heights == pytest.approx(expected)


def test_costly_signal_selects_instruments():
    """instruments= picks the groups drawn; an unknown instrument is refused naming the argument."""
    ax = ns.plotting.costly_signal(CS, instruments=("none", "tie"))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["talk only", "tying hands"]
    with pytest.raises(InvalidParameterError, match="instruments"):
        ns.plotting.costly_signal(CS, instruments=("bribe",))


def test_cheap_talk_losses_curves():
    """The two curves are the models' receiver losses; they meet at 1/12 from b = 1/2."""
    b = np.array([0.1, 0.3, 0.55])
    ax = ns.plotting.cheap_talk_losses(b)
    talk, mediated = ax.get_lines()[:2]
    assert talk.get_ydata() == pytest.approx([ns.models.CheapTalk(bias=v).solve().receiver_loss for v in b])
    assert mediated.get_ydata()[-1] == pytest.approx(1 / 12)


@pytest.mark.parametrize(("plot", "model", "names"), CASES)
def test_wrong_model_or_names_are_refused(plot, model, names):
    """Another model, or names that are not two strings, raise InvalidParameterError naming the argument."""
    with pytest.raises(InvalidParameterError, match="model"):
        plot(ns.models.Fearon(0.5, 0.1, 0.1))
    with pytest.raises(InvalidParameterError, match="names"):
        plot(model, names=("only one",))
    with pytest.raises(InvalidParameterError, match="biases"):
        ns.plotting.cheap_talk_losses([-1.0])
