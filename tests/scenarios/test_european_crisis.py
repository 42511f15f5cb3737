"""The four-actor crisis: payoffs from the documented formulas, equilibria against Gambit."""

import numpy as np
import pytest

import negotiation_sim as ns
from tests.oracle import enumpure, same_profile_sets


def test_payoffs_follow_the_documented_formulas():
    """A few entries recomputed by hand from the module's formulas."""
    sc = ns.scenarios.european_crisis()
    g = sc.build()
    s, d, w = sc.stake, sc.demand, sc.win_probability
    # Invade, Align, Resist, Stand firm: war with sigma = min(1, support * 1 * (1 + influence)).
    sigma = min(1.0, sc.support * (1 + sc.influence))
    x = w * (1 - sigma / 2)
    expected = [
        s * x - sc.russia_war_cost * (1 + sigma),
        -abs(x - sc.mediator_bias * d) - sc.france_war_cost / 2,
        -sc.sovereignty_value * x - sc.ukraine_war_cost * (1 - sigma / 2),
        -sc.concession_cost * x - sc.nato_war_cost * sigma / 2,
    ]
    np.testing.assert_allclose(g.payoffs[0, 1, 0, 0], expected)
    # Threaten, Mediate, Resist, Stand firm: France's compromise accepted with probability influence.
    x = sc.influence * sc.mediator_bias * d
    expected = [
        s * x - sc.audience_cost * (1 - sc.influence),
        -abs(x - sc.mediator_bias * d) + sc.influence * sc.influence,
        -sc.sovereignty_value * x,
        -sc.concession_cost * x,
    ]
    np.testing.assert_allclose(g.payoffs[1, 0, 0, 0], expected)
    # Withdraw: status quo, half the audience cost.
    np.testing.assert_allclose(g.payoffs[2, 1, 1, 1], [-sc.audience_cost / 2, -sc.mediator_bias * d, 0, 0])


@pytest.mark.parametrize(
    "params", [{}, {"support": 0.0}, {"support": 0.1, "russia_war_cost": 0.2}, {"influence": 1.0, "audience_cost": 0.1}]
)
def test_pure_equilibria_agree_with_gambit(params):
    """Every pure equilibrium, and nothing else, as pygambit's enumpure finds."""
    game = ns.scenarios.european_crisis(**params).build()
    ours = [e.strategies for e in ns.pure_equilibria(game)]
    missed, spurious = same_profile_sets(ours, enumpure(game.payoffs))
    assert not missed and not spurious


def test_unity_deters_and_its_absence_invites_invasion():
    """At the defaults Russia withdraws; without support it invades and Ukraine capitulates."""
    default = ns.pure_equilibria(ns.scenarios.european_crisis().build())
    assert {e.support("Russia") for e in default} == {("Withdraw",)}
    alone = ns.pure_equilibria(ns.scenarios.european_crisis(support=0.0).build())
    assert all(e.support("Russia") == ("Invade",) for e in alone) and len(alone) > 0
    assert all(e.support("Ukraine") == ("Concede",) for e in alone)


def _reference_payoffs(sc) -> np.ndarray:
    """The payoff tensor profile by profile, in scalar arithmetic straight from the module docstring."""
    out = np.empty((3, 2, 2, 2, 4))
    for r, f, u, n in np.ndindex(3, 2, 2, 2):
        aligned = f == 1
        sigma = min(1.0, sc.support * (1.0 if n == 0 else 0.5) * (1 + sc.influence * aligned))
        x, war, back, med = 0.0, 0.0, 0.0, 0.0
        if r == 0:
            x, war = (1.0, 0.0) if u == 1 else (sc.win_probability * (1 - sigma / 2), 1.0)
        elif r == 1:
            x = sc.demand / 2 * (u == 1) + sc.demand / 2 * (n == 1)
            if u == 0 and n == 0:
                if not aligned:
                    med = sc.influence
                    x = sc.influence * sc.mediator_bias * sc.demand
                back = 1.0 - med
        else:
            back = 0.5
        out[r, f, u, n] = [
            sc.stake * x - sc.russia_war_cost * (1 + sigma) * war - sc.audience_cost * back,
            -abs(x - sc.mediator_bias * sc.demand) - sc.france_war_cost * war / 2 + sc.influence * med,
            -sc.sovereignty_value * x - sc.ukraine_war_cost * (1 - sigma / 2) * war,
            -sc.concession_cost * x - sc.nato_war_cost * (sigma / 2) * war,
        ]
    return out


def _random_points(rng, n):
    """n random parameter points inside every parameter's documented range."""
    specs = ns.scenarios.EuropeanCrisis().specs
    points = {}
    for name, spec in specs.items():
        high = spec.high if np.isfinite(spec.high) else 5.0
        values = rng.uniform(spec.low, high, size=n)
        values[rng.random(n) < 0.1] = spec.low if not spec.low_open else high  # edges and ties
        points[name] = values
    return points


class TestBatch:
    def test_batch_equals_per_point_build_exactly(self):
        """EuropeanCrisis.batch at random points equals each point's build(), bit for bit."""
        points = _random_points(np.random.default_rng(3), 60)
        batch = ns.scenarios.EuropeanCrisis.batch(**points)
        assert batch.payoffs.shape == (60, 3, 2, 2, 2, 4)
        assert batch.players == ("Russia", "France", "Ukraine", "NATO")
        for k in range(60):
            sc = ns.scenarios.european_crisis(**{name: float(v[k]) for name, v in points.items()})
            np.testing.assert_array_equal(batch.payoffs[k], sc.build().payoffs)
            assert batch.game(k).actions == sc.build().actions

    def test_formulas_match_a_scalar_reimplementation(self):
        """The vectorised formulas agree with a profile-by-profile scalar version of the docstring."""
        points = _random_points(np.random.default_rng(4), 25)
        for k in range(25):
            sc = ns.scenarios.european_crisis(**{name: float(v[k]) for name, v in points.items()})
            np.testing.assert_allclose(sc.build().payoffs, _reference_payoffs(sc), rtol=0, atol=1e-12)
            out = sc.outcome(0, 1, 0, 0)
            np.testing.assert_allclose(sc.payoffs_at(out), _reference_payoffs(sc)[0, 1, 0, 0], atol=1e-12)

    def test_scalars_broadcast_and_defaults_fill_in(self):
        """Scalars broadcast against arrays; parameters not given take the scenario's defaults."""
        batch = ns.scenarios.EuropeanCrisis.batch(support=[0.1, 0.9], influence=0.25)
        for k, support in enumerate([0.1, 0.9]):
            ref = ns.scenarios.european_crisis(support=support, influence=0.25).build()
            np.testing.assert_array_equal(batch.payoffs[k], ref.payoffs)
        assert len(ns.scenarios.EuropeanCrisis.batch()) == 1

    @pytest.mark.parametrize(("params", "error", "match"), [
        ({"support": [0.5, 1.5]}, ns.errors.InvalidParameterError, r"'support' .* must be finite numbers in \[0, 1\]"),
        ({"stake": [0.0]}, ns.errors.InvalidParameterError, r"'stake'.*\(0, inf\]"),
        ({"support": [0.1, 0.2], "influence": [0.1, 0.2, 0.3]}, ns.errors.InvalidParameterError, "shapes"),
        ({"suport": [0.1]}, ns.errors.UnknownNameError, "unknown parameter 'suport'"),
        ({"support": [[0.1]]}, ns.errors.InvalidParameterError, "1-D"),
    ])
    def test_bad_parameters(self, params, error, match):
        """Out-of-range values, mismatched lengths and unknown names are refused by name."""
        with pytest.raises(error, match=match):
            ns.scenarios.EuropeanCrisis.batch(**params)


def _share(sc, r, f, u, n):
    """Russia's share x at a pure profile, from the module docstring, in scalar arithmetic."""
    sigma = min(1.0, sc.support * (1.0 if n == 0 else 0.5) * (1 + sc.influence * (f == 1)))
    if r == 0:
        return 1.0 if u == 1 else sc.win_probability * (1 - sigma / 2)
    if r == 2:
        return 0.0
    if u == 0 and n == 0 and f == 0:
        return sc.influence * sc.mediator_bias * sc.demand
    return sc.demand / 2 * (u == 1) + sc.demand / 2 * (n == 1)


@pytest.mark.parametrize(
    "params", [{}, {"support": 0.0}, {"support": 0.1, "russia_war_cost": 0.2}, {"influence": 1.0, "audience_cost": 0.1},
               {"support": 0.3, "russia_war_cost": 0.1}]
)
def test_outcomes_of_each_equilibrium_from_its_strategies(params):
    """P(war) sums the Invade/Resist profiles, the share is x in expectation, each weighted by the strategies."""
    import itertools

    sc = ns.scenarios.european_crisis(**params)
    res = sc.solve()
    assert len(res.equilibria) >= 1
    for eq in res.equilibria:
        out = sc.outcomes_of(eq)
        p_war = share = 0.0
        for r, f, u, n in itertools.product(range(3), range(2), range(2), range(2)):
            prob = eq.strategies[0][r] * eq.strategies[1][f] * eq.strategies[2][u] * eq.strategies[3][n]
            p_war += prob * (r == 0 and u == 0)
            share += prob * _share(sc, r, f, u, n)
        assert out["p_war"] == pytest.approx(p_war) and out["russia_share"] == pytest.approx(share)
        np.testing.assert_allclose([out[f"payoff {p}"] for p in ("Russia", "France", "Ukraine", "NATO")],
                                   sc.build().expected_payoffs(eq.strategies), atol=1e-12)
    # The headline describes the first equilibrium listed.
    first = sc.outcomes_of(res.equilibria[0])
    assert all(res.outcomes[k] == pytest.approx(v) for k, v in first.items())
    assert res.outcomes["n_equilibria"] == len(res.equilibria)


def test_explanation_quotes_the_first_equilibriums_numbers():
    """The explanation's P(war) and share are the first equilibrium's, at several points."""
    from negotiation_sim.solvers.equilibrium import format_prob

    for params in ({}, {"support": 0.0}, {"support": 0.3, "russia_war_cost": 0.1}):
        sc = ns.scenarios.european_crisis(**params)
        res = sc.solve()
        first = sc.outcomes_of(res.equilibria[0])
        text = res.explain()
        assert f"Probability of war {format_prob(first['p_war'])}" in text
        assert f"stake {format_prob(first['russia_share'])}" in text
        assert f"{len(res.equilibria)} equilibri" in text


def test_a_point_solved_and_drawn_solves_its_game_once(monkeypatch):
    """solve() and plot() at one point (as the explorer calls them) find the game's equilibria once: those the
    solver finds for the point's game afresh; a point one bit apart finds its own."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from negotiation_sim.scenarios import _european_crisis as module

    calls = []
    original = module.solve
    monkeypatch.setattr(module, "solve", lambda game: (calls.append(game), original(game))[1])
    sc = ns.scenarios.european_crisis(support=0.123456789, demand=0.9)  # a point no other test solves
    result = sc.solve()
    fig = Figure()
    FigureCanvasAgg(fig)
    sc.plot(ax=fig.add_subplot())
    assert len(calls) == 1
    fresh = original(sc.build())
    assert len(result.equilibria) == len(fresh) > 0
    for got, want in zip(result.equilibria, fresh):
        for a, b in zip(got.strategies, want.strategies):
            np.testing.assert_array_equal(a, b)
    other = sc.with_params(support=float(np.nextafter(sc.support, 1)))
    other.solve()
    assert len(calls) == 2
