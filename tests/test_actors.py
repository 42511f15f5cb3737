"""Tests of the four actors: provenance, validation and the standoff formula."""

from pathlib import Path

import numpy as np
import pytest

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, UnknownNameError

PACKAGED = Path(ns.__file__).parent / "data" / "article.txt"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "article.txt"
ARTICLE = (SHARED if SHARED.exists() else PACKAGED).read_text(encoding="utf-8")
ACTORS = [ns.actors.Russia, ns.actors.France, ns.actors.Ukraine, ns.actors.NATO]


def test_packaged_article_is_the_article():
    """The copy shipped with the package is the article itself."""
    assert PACKAGED.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize("cls", ACTORS)
def test_every_parameter_has_provenance(cls):
    """Each parameter quotes the article verbatim or says it is a modelling assumption."""
    actor = cls()
    assert actor.specs, "an actor has parameters"
    for name, spec in actor.specs.items():
        if spec.quote:
            assert spec.quote in ARTICLE, f"{cls.name}.{name}: quote not found in the article"
        else:
            assert spec.note and actor.provenance[name].startswith("Modelling assumption")


@pytest.mark.parametrize("cls", ACTORS)
def test_defaults_are_in_range_and_documented(cls):
    """Defaults validate and every parameter appears in the table with its meaning."""
    table = cls().parameter_table()
    assert set(table["parameter"]) == set(cls().parameters)
    assert table["meaning"].str.len().min() > 3


@pytest.mark.parametrize(
    ("cls", "name", "value"),
    [
        (ns.actors.Russia, "audience_cost", -0.5),
        (ns.actors.Russia, "patience", 1.0),
        (ns.actors.Russia, "war_cost", -0.1),
        (ns.actors.NATO, "cohesion", -0.2),
        (ns.actors.NATO, "war_cost", 0.0),
        (ns.actors.France, "influence", 2.0),
        (ns.actors.Ukraine, "support", float("nan")),
        (ns.actors.Ukraine, "war_cost", "high"),
    ],
)
def test_out_of_range_raises_naming_the_parameter(cls, name, value):
    """Out-of-range values raise InvalidParameterError that names the parameter."""
    with pytest.raises(InvalidParameterError, match=name):
        cls(**{name: value})
    with pytest.raises(InvalidParameterError, match=name):
        cls().with_params(**{name: value})


def test_unknown_parameter_is_named():
    """with_params rejects names the actor does not have."""
    with pytest.raises(UnknownNameError, match="leverage"):
        ns.actors.Russia().with_params(leverage=0.5)


def test_payoff_matrix_follows_the_documented_formula():
    """Every entry is one of the two sides' (win, war, back down) numbers, or 0."""
    russia, nato = ns.actors.Russia(war_cost=0.7, audience_cost=0.2), ns.actors.NATO(concession_cost=0.3)
    g = russia.payoff_matrix(nato)
    expected = np.array([[[-0.7, -1.0], [1.0, -0.3]], [[-0.2, 0.3], [0.0, 0.0]]])
    np.testing.assert_allclose(g.payoffs, expected)
    assert g.players == ("Russia", "NATO")


def test_default_standoff_is_chicken_with_two_pure_equilibria():
    """At the defaults Russia vs NATO is a Chicken: each prefers backing down to war."""
    g = ns.actors.Russia().payoff_matrix(ns.actors.NATO())
    eqs = ns.pure_equilibria(g)
    supports = sorted(e.support(0) + e.support(1) for e in eqs)
    assert supports == [("Back down", "Hold firm"), ("Hold firm", "Back down")]


def test_payoff_matrix_rejects_non_actor():
    """The opponent must be an actor."""
    with pytest.raises(InvalidParameterError, match="opponent"):
        ns.actors.Russia().payoff_matrix("NATO")


def test_actors_and_scenarios_display_their_parameters_in_jupyter():
    """The HTML display lists every parameter with its provenance."""
    text = ns.actors.NATO()._repr_html_()
    assert "<table" in text and "cohesion" in text and "Euro-Atlantic unity" in text
    assert "leverage" in ns.scenarios.get("hostage_taker")._repr_html_()


ALIASES = {"Russia": ("Russia()", "_R", "r", "russia"), "NATO": ("NATO()", "_N", "n", "nato"),
           "France": ("France()", "_F", "f", "france"), "Ukraine": ("Ukraine()", "_U", "u", "ukraine")}


@pytest.mark.parametrize("cls", ACTORS)
def test_every_parameter_is_read_by_a_scenario(cls):
    """Each actor parameter is read by some scenario (an unused parameter would be provenance for nothing)."""
    import re

    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(ns.__file__).parent / "scenarios").glob("*.py"))
    aliases = "|".join(re.escape(a) for a in ALIASES[cls.name])
    for name in cls().parameters:
        assert re.search(rf"(?<![\w.])(?:{aliases})\.{name}\b", source), f"{cls.name}.{name} is used nowhere"


def test_audience_cost_is_marked_as_an_assumption():
    """An autocracy's audience cost is a modelling assumption with a note, not the troop-withdrawal sentence."""
    spec = ns.actors.Russia().specs["audience_cost"]
    assert spec.quote is None and "Weeks 2008" in spec.note
    assert ns.actors.Russia().provenance["audience_cost"].startswith("Modelling assumption")


def test_coldly_backs_one_direction_everywhere():
    """'They would not coldly choose to use force' backs only costs of war: Russia's below the West's, everywhere."""
    assert ns.actors.Russia().war_cost < ns.actors.NATO().war_cost
    for name in ns.scenarios.names():
        sc = ns.scenarios.get(name)
        backed = {k: (sc.specs[k].doc, v) for k, v in sc.parameters.items() if sc.specs[k].quote == ns.actors.Q_COLDLY}
        russian = [v for doc, v in backed.values() if doc.startswith("Russia's") and "cost of" in doc]
        western = [v for doc, v in backed.values()
                   if not doc.startswith("Russia's") and ("West" in doc or "NATO" in doc) and "cost of war" in doc]
        assert len(russian) + len(western) == len(backed), f"{name}: the quote backs something else: {backed}"
        if russian and western:
            assert max(russian) < min(western), f"{name}: Russia's cost of war is not below the West's: {backed}"
