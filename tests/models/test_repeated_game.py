"""RepeatedCrisis: the SPE payoff set against QuantEcon's Abreu-Sannikov, thresholds against closed forms."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from scipy.spatial import QhullError

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError, InvalidParameterTypeError

qe_gt = pytest.importorskip("quantecon.game_theory")

T, R, P, S = 10.0, 9.0, 3.0, 1.0
PD = ns.NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]], actions=(("C", "D"), ("C", "D")))
CHICKEN = ns.models.chicken(0, -1, 1, -10)
STANDOFF = ns.scenarios.border_standoff().build()


def quantecon_vertices(game, delta):
    """QuantEcon's RepeatedGame(stage, delta).equilibrium_payoffs(): its hull's vertices (counter-clockwise)."""
    a, b = game.payoffs[..., 0], game.payoffs[..., 1]
    stage = qe_gt.NormalFormGame((qe_gt.Player(a), qe_gt.Player(b.T)))
    hull = qe_gt.RepeatedGame(stage, delta).equilibrium_payoffs()
    return hull.points[hull.vertices], hull.equations


def point_segment_distance(x, a, b):
    ab = b - a
    t = np.clip(np.dot(x - a, ab) / max(np.dot(ab, ab), 1e-300), 0, 1)
    return float(np.linalg.norm(x - (a + t * ab)))


def distance_to_hull(x, verts, equations):
    """Distance from x to QuantEcon's hull (0 inside, by its facet equations), else to its edges."""
    if np.all(equations[:, :2] @ x + equations[:, 2] <= 1e-12):
        return 0.0
    n = len(verts)
    return min(point_segment_distance(x, verts[k], verts[(k + 1) % n]) for k in range(n))


def hausdorff(mine, verts, equations):
    """Hausdorff distance, checked at vertices (exact for convex polygons), written here independently."""
    one = max(distance_to_hull(x, verts, equations) for x in mine)
    n = len(mine)
    other = max(
        min(point_segment_distance(y, mine[k], mine[(k + 1) % n]) for k in range(n)) for y in verts
    )
    return max(one, other)


def cross2(u, v):
    return float(u[0] * v[1] - u[1] * v[0])


def dist_to_polygon(x, verts):
    """Distance from x to a counter-clockwise polygon (0 inside: left of every edge), written here."""
    x = np.asarray(x, float)
    n = len(verts)
    if n >= 3 and all(cross2(verts[(k + 1) % n] - verts[k], x - verts[k]) >= -1e-12 for k in range(n)):
        return 0.0
    if n == 1:
        return float(np.linalg.norm(x - verts[0]))
    return min(point_segment_distance(x, verts[k], verts[(k + 1) % n]) for k in range(n))


def signed_area(v):
    x, y = v[:, 0], v[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


@pytest.mark.parametrize("game", [PD, CHICKEN, STANDOFF], ids=["prisoners_dilemma", "chicken", "standoff"])
@pytest.mark.parametrize("delta", [0.5, 0.75, 0.9, 0.95])
def test_spe_set_agrees_with_quantecon(game, delta):
    """Within 1e-6 in Hausdorff distance of QuantEcon's Abreu-Sannikov set (both converge to 1e-10..1e-12)."""
    if game is CHICKEN and delta < 0.9:
        pytest.skip("the Chicken set is a segment here; QuantEcon's Qhull cannot build a flat hull")
    mine = ns.models.RepeatedCrisis(game, delta).equilibrium_payoffs()
    verts, eqs = quantecon_vertices(game, delta)
    assert signed_area(mine) > 0  # counter-clockwise
    assert hausdorff(mine, verts, eqs) < 1e-6 * game.payoff_scale


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=8, max_size=8), st.sampled_from([0.6, 0.8, 0.9]))
def test_random_2x2_games_agree_with_quantecon(values, delta):
    """Random integer 2x2 games: the same set, or both find no pure-strategy SPE."""
    arr = np.array(values, float).reshape(2, 2, 2)
    game = ns.NormalFormGame(arr)
    mine = ns.models.RepeatedCrisis(game, delta).equilibrium_payoffs()
    try:
        verts, eqs = quantecon_vertices(game, delta)
    except (ValueError, QhullError) as err:  # QuantEcon: no incentive-compatible payoff; Qhull: a flat set
        if "incentive-compatible" in str(err):
            assert len(mine) == 0
        else:
            assert len(mine) <= 2 or abs(signed_area(mine)) < 1e-9
        return
    assert hausdorff(mine, verts, eqs) < 1e-6 * game.payoff_scale


def test_no_pure_spe_in_matching_pennies():
    """Matching pennies has no pure stage Nash, hence no pure SPE: an empty set, as QuantEcon says."""
    mp = ns.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    rc = ns.models.RepeatedCrisis(mp, 0.9)
    res = rc.solve()
    assert res.vertices.shape == (0, 2) and np.isnan(res.worst).all()
    # Independently: each pure minmax is 1 but feasible payoffs sum to 0, so no payoff is individually rational.
    assert rc.minmax_values().tolist() == [1.0, 1.0] and len(rc.individually_rational_payoffs()) == 0
    assert "no pure-strategy" in res.describe()


@settings(max_examples=40, deadline=None)
@given(st.floats(0.5, 5), st.floats(0.5, 5), st.floats(0.5, 5))
def test_prisoners_dilemma_threshold_is_the_closed_form(gain, gap, sucker):
    """Grim trigger sustains (C, C) iff delta >= (T - R)/(T - P) (MODELS.md)."""
    p = 0.0
    r, t, s = p + gap, p + gap + gain, p - sucker
    g = ns.NormalFormGame.from_arrays([[r, s], [t, p]], [[r, t], [s, p]])
    rc = ns.models.RepeatedCrisis(g, 0.5)
    expected = (t - r) / (t - p)
    assert rc.grim_trigger_threshold((0, 0)) == pytest.approx(expected, rel=1e-9)
    # (D, D) is the only stage Nash and the minmax: the bound is the same.
    assert rc.grim_trigger_threshold((0, 0), punishment="minmax") == pytest.approx(expected, rel=1e-9)


def discounted(stream_head, tail_value, delta):
    """Normalised value of a payoff stream: the listed head, then tail_value forever (summed, not closed form)."""
    head = sum((1 - delta) * delta**k * x for k, x in enumerate(stream_head))
    return head + delta ** len(stream_head) * tail_value


@pytest.mark.parametrize("delta", [0.3, 0.45, 0.49, 0.51, 0.55, 0.8])
def test_chicken_mutual_restraint_by_summed_streams(delta):
    """In Chicken, grim trigger to 'the deviator swerves' sustains (Swerve, Swerve) iff delta >= (T - R)/(T - S)."""
    rc = ns.models.RepeatedCrisis(CHICKEN, delta)
    thr = rc.grim_trigger_threshold(("Swerve", "Swerve"))
    assert thr == pytest.approx((1 - 0) / (1 - (-1)))
    conform = discounted([0.0] * 200, 0.0, delta)
    deviate = discounted([1.0] + [-1.0] * 199, -1.0, delta)  # straight once, then swerve against straight
    assert (conform >= deviate) == (delta >= thr)


def test_worst_nash_for_the_deviator_is_used():
    """With several stage Nash the punishment is each deviator's worst one, found among mixed ones too."""
    rc = ns.models.RepeatedCrisis(CHICKEN, 0.9)
    pays = [e.payoffs for e in ns.solve(CHICKEN)]
    assert rc.stage_nash_punishment().tolist() == pytest.approx(np.min(pays, axis=0).tolist())
    # Chicken's mixed equilibrium pays (T-R)/... : each side's worst Nash is the one where it swerves (S = -1).
    assert rc.stage_nash_punishment().tolist() == [-1.0, -1.0]


def test_spe_set_contains_restraint_exactly_above_the_threshold():
    """(R, R) is an SPE payoff of the PD iff delta >= (T - R)/(T - P): on QuantEcon's set and ours."""
    thr = (T - R) / (T - P)
    verts, eqs = quantecon_vertices(PD, thr + 0.2)
    assert distance_to_hull(np.array([R, R]), verts, eqs) == 0.0
    for delta in (thr + 0.02, thr + 0.2):  # just above it the set is the segment from (P, P) to (R, R)
        mine = ns.models.RepeatedCrisis(PD, delta).equilibrium_payoffs()
        assert dist_to_polygon([R, R], mine) < 1e-9
    low = ns.models.RepeatedCrisis(PD, thr - 0.02).equilibrium_payoffs()
    assert low.tolist() == [pytest.approx([P, P])]  # below it only mutual defection survives


def in_hull_lp(x, points):
    """Whether x is a convex combination of the points (a feasibility LP, no geometry)."""
    k = len(points)
    res = linprog(np.zeros(k), A_eq=np.vstack([points.T, np.ones(k)]), b_eq=np.append(x, 1.0),
                  bounds=[(0, None)] * k, method="highs")
    return res.status == 0


@pytest.mark.parametrize("game", [PD, CHICKEN, STANDOFF], ids=["prisoners_dilemma", "chicken", "standoff"])
def test_feasible_and_individually_rational_sets_by_lp_on_a_grid(game):
    """A grid point is in the returned polygons iff an LP finds it feasible (and it clears the pure minmax)."""
    rc = ns.models.RepeatedCrisis(game, 0.9)
    pts = game.payoffs.reshape(-1, 2)
    # Pure minmax by brute force: the other's action that minimises my best reply.
    minmax = np.array([min(max(game.payoffs[a, b, 0] for a in range(2)) for b in range(2)),
                       min(max(game.payoffs[a, b, 1] for b in range(2)) for a in range(2))])
    assert rc.minmax_values().tolist() == minmax.tolist()
    feas, ir = rc.feasible_payoffs(), rc.individually_rational_payoffs()
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    for x in itertools.product(np.linspace(lo[0], hi[0], 11), np.linspace(lo[1], hi[1], 11)):
        x = np.array(x)
        inside = in_hull_lp(x, pts)
        d_feas = dist_to_polygon(x, feas)
        d_ir = dist_to_polygon(x, ir) if len(ir) else np.inf
        if inside:
            assert d_feas < 1e-9
            assert (d_ir < 1e-9) == bool(np.all(x >= minmax - 1e-12))
        else:
            assert d_feas > 0 and d_ir > 0


def test_spe_set_lies_in_the_individually_rational_set():
    """Every SPE payoff is feasible and at least the pure minmax (the folk theorem's bound)."""
    for game in (PD, CHICKEN, STANDOFF):
        rc = ns.models.RepeatedCrisis(game, 0.8)
        ir = rc.individually_rational_payoffs()
        assert max(dist_to_polygon(v, ir) for v in rc.equilibrium_payoffs()) < 1e-7


def test_set_grows_with_patience():
    """With public randomisation the SPE set is monotone in delta: each set contains the less patient one's."""
    sets = [ns.models.RepeatedCrisis(STANDOFF, d).equilibrium_payoffs() for d in (0.3, 0.5, 0.9)]
    for small, big in itertools.pairwise(sets):
        assert max(dist_to_polygon(v, big) for v in small) < 1e-7


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"stage_game": [[1, 2]], "delta": 0.5}, InvalidParameterTypeError, "stage_game"),
        ({"stage_game": ns.NormalFormGame(np.zeros((2, 2, 2, 3))), "delta": 0.5}, InvalidParameterError,
         "2 players"),
        ({"stage_game": PD, "delta": 1.0}, InvalidParameterError, "delta"),
        ({"stage_game": PD, "delta": 0.5, "max_iter": 0}, InvalidParameterError, "max_iter"),
        ({"stage_game": PD, "delta": 0.5, "tol": 1.0}, InvalidParameterError, "tol"),
        ({"stage_game": ns.NormalFormGame(np.zeros((21, 21, 2))), "delta": 0.5}, InvalidParameterError,
         "at most 400"),
    ],
)
def test_invalid_arguments(kwargs, error, match):
    """Bad arguments raise the project's errors naming them; a wrong type is also a TypeError."""
    with pytest.raises(error, match=match):
        ns.models.RepeatedCrisis(**kwargs)
    if error is InvalidParameterTypeError:
        with pytest.raises(TypeError):
            ns.models.RepeatedCrisis(**kwargs)


def test_invalid_profiles():
    """Profiles must name one action per player; punishments must be named ones."""
    rc = ns.models.RepeatedCrisis(PD, 0.5)
    with pytest.raises(InvalidParameterError, match="profile"):
        rc.grim_trigger_threshold("C")
    with pytest.raises(ns.errors.UnknownNameError, match="X"):
        rc.grim_trigger_threshold(("C", "X"))
    with pytest.raises(InvalidParameterError, match="punishment"):
        rc.grim_trigger_threshold(("C", "C"), punishment="tit-for-tat")


def test_unsustainable_profile_gives_infinity():
    """A profile worse for a player than its worst stage Nash cannot be sustained by reverting to it."""
    rc = ns.models.RepeatedCrisis(PD, 0.5)
    assert rc.grim_trigger_threshold(("C", "D")) == np.inf  # the row player gets S < P
    assert rc.grim_trigger_threshold(("D", "D")) == 0.0  # a stage Nash needs no patience


@pytest.mark.parametrize("game", [PD, STANDOFF], ids=["prisoners_dilemma", "standoff"])
def test_patient_players_fill_the_individually_rational_set(game):
    """The folk theorem's set: at delta = 0.9 the SPE set is the whole feasible, individually rational set."""
    rc = ns.models.RepeatedCrisis(game, 0.9)
    spe, ir = rc.equilibrium_payoffs(), rc.individually_rational_payoffs()
    one = max(dist_to_polygon(v, ir) for v in spe)
    other = max(dist_to_polygon(v, spe) for v in ir)
    assert max(one, other) < 1e-6


def test_non_convergence_warns_and_returns_an_outer_set():
    """Too few iterations: a ConvergenceWarning, converged False, and a set containing the converged one."""
    rc = ns.models.RepeatedCrisis(STANDOFF, 0.9, max_iter=5)
    with pytest.warns(ns.errors.ConvergenceWarning, match="max_iter=5"):
        rough = rc.solve()
    assert not rough.converged and rough.n_iter == 5
    exact = ns.models.RepeatedCrisis(STANDOFF, 0.9).equilibrium_payoffs()
    assert max(dist_to_polygon(v, rough.vertices) for v in exact) < 1e-9


def test_a_set_is_kept_for_the_very_same_game_delta_and_tolerances():
    """Solving an equal model again gives the kept result (the iteration runs once); a model that differs in its
    payoffs, players, delta (by one bit), tol or max_iter is solved anew, to what it gives when nothing is kept;
    a kept set that did not converge warns at each solve."""
    import warnings

    from negotiation_sim.models import repeated_game

    first = ns.models.RepeatedCrisis(STANDOFF, 0.8).solve()
    assert ns.models.RepeatedCrisis(ns.scenarios.border_standoff().build(), 0.8).solve() is first
    renamed = ns.NormalFormGame(STANDOFF.payoffs, players=("A", "B"), actions=STANDOFF.actions)
    others = [ns.models.RepeatedCrisis(STANDOFF, np.nextafter(0.8, 1)), ns.models.RepeatedCrisis(CHICKEN, 0.8),
              ns.models.RepeatedCrisis(renamed, 0.8), ns.models.RepeatedCrisis(STANDOFF, 0.8, tol=1e-9),
              ns.models.RepeatedCrisis(STANDOFF, 0.8, max_iter=30)]
    for model in others:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ns.errors.ConvergenceWarning)
            result = model.solve()
            fresh = model._iterate()
        assert result is not first
        assert result.players == model.players and result.n_iter == fresh.n_iter
        np.testing.assert_array_equal(result.vertices, fresh.vertices)
    assert len(repeated_game._solved) <= repeated_game._KEPT
    rough = ns.models.RepeatedCrisis(STANDOFF, 0.9, max_iter=5)
    for _ in range(2):
        with pytest.warns(ns.errors.ConvergenceWarning, match="max_iter=5"):
            rough.solve()


def test_a_kept_set_let_go_meanwhile_is_still_returned(monkeypatch):
    """A kept set that another thread lets go between finding it and marking it as recently used is returned
    all the same (no KeyError)."""
    from collections import OrderedDict

    from negotiation_sim.models import repeated_game

    class LetGo(OrderedDict):
        def get(self, key, default=None):
            value = super().get(key, default)
            self.pop(key, None)  # another thread's solve evicts it now
            return value

    model = ns.models.RepeatedCrisis(STANDOFF, 0.7)
    kept = LetGo()
    monkeypatch.setattr(repeated_game, "_solved", kept)
    first = model.solve()
    assert model.solve() is first
