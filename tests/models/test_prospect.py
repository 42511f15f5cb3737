"""ProspectCrisis: Tversky-Kahneman (1992) values, weights and rank-dependent sums recomputed here."""

import math

import attrs
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


def tk_value(x, alpha=0.88, beta=0.88, lam=2.25):
    """Tversky and Kahneman (1992), p. 309: x**alpha for gains, -lambda (-x)**beta for losses."""
    return x**alpha if x >= 0 else -lam * (-x) ** beta


def tk_weight(p, c):
    """Tversky and Kahneman (1992), p. 309: w(p) = p**c / (p**c + (1 - p)**c)**(1/c)."""
    return p**c / (p**c + (1 - p) ** c) ** (1 / c)


def cpt_value(outcomes, probs, reference=0.0, alpha=0.88, beta=0.88, lam=2.25, gamma=0.61, delta=0.69):
    """CPT by its definition, one outcome at a time: pi = w(P(X >= x)) - w(P(X > x)) for gains,
    w(P(X <= x)) - w(P(X < x)) for losses (ties pooled: equal outcomes share one weight)."""
    xs = [x - reference for x in outcomes]
    total = 0.0
    for x in set(xs):
        p_here = sum(p for y, p in zip(xs, probs) if y == x)
        if x > 0:
            better = sum(p for y, p in zip(xs, probs) if y > x)
            pi = tk_weight(min(better + p_here, 1.0), gamma) - tk_weight(better, gamma)
        elif x < 0:
            worse = sum(p for y, p in zip(xs, probs) if y < x)
            pi = tk_weight(min(worse + p_here, 1.0), delta) - tk_weight(worse, delta)
        else:
            pi = 0.0
        total += pi * tk_value(x, alpha, beta, lam)
    return total


def test_published_parameters_are_the_defaults():
    """alpha = beta = 0.88, lambda = 2.25, gamma = 0.61, delta = 0.69 (Tversky and Kahneman 1992, p. 312)."""
    pc = ns.models.ProspectCrisis((1.0,), (1.0,), sure=0.0)
    assert (pc.alpha, pc.beta, pc.loss_aversion, pc.gamma, pc.delta) == (0.88, 0.88, 2.25, 0.61, 0.69)


@settings(max_examples=80, deadline=None)
@given(st.floats(-1000, 1000), st.floats(0.3, 1), st.floats(0.3, 1), st.floats(0.5, 5))
def test_value_is_the_published_formula(x, alpha, beta, lam):
    """value(x) equals the formula, for gains and losses."""
    pc = ns.models.ProspectCrisis((1.0,), (1.0,), sure=0.0, alpha=alpha, beta=beta, loss_aversion=lam)
    assert float(pc.value(x)) == pytest.approx(tk_value(x, alpha, beta, lam), rel=1e-12, abs=1e-12)


@settings(max_examples=80, deadline=None)
@given(st.floats(0, 1), st.floats(0.28, 1), st.floats(0.28, 1))
def test_weight_is_the_published_formula(p, gamma, delta):
    """weight(p) uses gamma for gains and delta for losses."""
    pc = ns.models.ProspectCrisis((1.0,), (1.0,), sure=0.0, gamma=gamma, delta=delta)
    assert float(pc.weight(p)) == pytest.approx(tk_weight(p, gamma), abs=1e-12)
    assert float(pc.weight(p, gain=False)) == pytest.approx(tk_weight(p, delta), abs=1e-12)


def test_weights_overweight_small_and_underweight_large_probabilities():
    """The inverse-S shape at the published parameters: w(0.05) > 0.05, w(0.9) < 0.9 (both domains)."""
    pc = ns.models.ProspectCrisis((1.0,), (1.0,), sure=0.0)
    for gain in (True, False):
        assert pc.weight(0.05, gain=gain) > 0.05 and pc.weight(0.9, gain=gain) < 0.9


gambles = st.integers(1, 5).flatmap(lambda n: st.tuples(
    st.lists(st.integers(-20, 20).map(float), min_size=n, max_size=n),
    st.lists(st.floats(0.01, 1), min_size=n, max_size=n),
))


@settings(max_examples=100, deadline=None)
@given(gambles, st.floats(-10, 10))
@example(([4.0, 4.0, 4.0, 4.0, 5.0], [1.0, 1.0, 1.0, 0.5, 0.875]), 0.0)  # cumulative 1 - 1e-16: w moves 1e-9
def test_rank_dependent_value_matches_the_definition(gamble, reference):
    """prospect_value equals CPT computed outcome by outcome (with tied outcomes pooled)."""
    outcomes, raw = gamble
    probs = [p / sum(raw) for p in raw]
    probs[-1] = 1.0 - sum(probs[:-1])
    if probs[-1] < 0:
        return
    pc = ns.models.ProspectCrisis(outcomes, probs, sure=0.0, reference=reference)
    # w has an infinite slope at 1: a cumulative probability summed in another order (1 - 1e-16 for 1) moves a
    # weight by up to (4 eps)^0.61 = 4e-10, so the two sums agree to that times the largest value.
    scale = max(1.0, *(abs(tk_value(x - reference)) for x in outcomes))
    assert pc.prospect_value(outcomes, probs) == pytest.approx(cpt_value(outcomes, probs, reference), abs=5e-9 * scale)


@settings(max_examples=60, deadline=None)
@given(gambles)
def test_linear_preferences_give_the_expected_value(gamble):
    """With alpha = beta = gamma = delta = lambda = 1, the CPT value is the expected value."""
    outcomes, raw = gamble
    probs = [p / sum(raw) for p in raw]
    pc = ns.models.ProspectCrisis(outcomes, probs, sure=0.0, alpha=1, beta=1, loss_aversion=1, gamma=1, delta=1)
    assert pc.prospect_value(outcomes, probs) == pytest.approx(float(np.dot(outcomes, probs)), abs=1e-9)


@pytest.mark.parametrize("prize", [50.0, 100.0, 400.0])
def test_reflection_refused_in_gains_taken_in_losses(prize):
    """A 50-50 gamble against its expected value for sure: refused for gains, taken for losses."""
    gains = ns.models.ProspectCrisis((prize, 0.0), (0.5, 0.5), sure=prize / 2)
    losses = ns.models.ProspectCrisis((-prize, 0.0), (0.5, 0.5), sure=-prize / 2)
    g, lo = gains.solve(), losses.solve()
    # Recomputed: w+(0.5) v(prize) vs v(prize/2); w-(0.5) v(-prize) vs v(-prize/2).
    assert g.value_gamble == pytest.approx(tk_weight(0.5, 0.61) * tk_value(prize))
    assert lo.value_gamble == pytest.approx(tk_weight(0.5, 0.69) * tk_value(-prize))
    assert (g.takes_gamble, g.domain, g.risk_attitude) == (False, "gains", "risk averse")
    assert (lo.takes_gamble, lo.domain, lo.risk_attitude) == (True, "losses", "risk seeking")


def test_moving_the_reference_point_moves_the_choice():
    """The same outcomes: the sure one is a gain from a low reference and a loss from a high one."""
    base = ns.models.ProspectCrisis((1.0, -1.0), (0.5, 0.5), sure=0.0)
    choices = {}
    for ref in (-0.5, 0.5, 1.0):
        pc = attrs.evolve(base, reference=ref)
        x = [1.0 - ref, -1.0 - ref]
        expected = cpt_value([1.0, -1.0], [0.5, 0.5], ref) > tk_value(0.0 - ref)
        choices[ref] = pc.solve().takes_gamble
        assert choices[ref] == expected, x
    assert choices[-0.5] is False and choices[1.0] is True


@pytest.mark.parametrize(
    ("p_win", "office", "expected"),
    [(0.3, 3.0, True), (0.3, 0.5, False), (0.1, 3.0, False), (0.45, 3.0, True), (0.6, 3.0, False)],
)
def test_gambling_for_resurrection(p_win, office, expected):
    """The leader gambles while the country would not iff p W + (1-p) L - s <= 0 < that + office * p."""
    win, lose, sure = 1.0, -2.0, -0.6
    pc = ns.models.ProspectCrisis((win, lose), (p_win, 1 - p_win), sure=sure)
    res = pc.resurrection(office_value=office, removal_below=0.0)
    country = p_win * win + (1 - p_win) * lose - sure
    leader = country + office * p_win  # settling (sure < 0) removes it; only the win keeps office
    assert res.country_gain == pytest.approx(country) and res.leader_gain == pytest.approx(leader)
    assert res.gambling_for_resurrection is expected
    assert res.gambling_for_resurrection == (leader > 0 >= country)


def test_no_resurrection_motive_when_settling_keeps_office():
    """If settling keeps the leader in office, office only adds to the sure outcome's side."""
    pc = ns.models.ProspectCrisis((1.0, -2.0), (0.3, 0.7), sure=0.5)
    res = pc.resurrection(office_value=10.0, removal_below=0.0)
    assert not res.leader_gambles and res.leader_gain == pytest.approx(0.3 - 1.4 - 0.5 + 10 * (0.3 - 1))


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"probs": (0.5, 0.6)}, "probs"), ({"outcomes": (1.0,)}, "same length"),
     ({"outcomes": (1.0, math.inf)}, r"outcomes\[1\]"), ({"alpha": 1.2}, "alpha"), ({"beta": 0.0}, "beta"),
     ({"loss_aversion": -1.0}, "loss_aversion"), ({"gamma": 0.2}, "gamma"), ({"delta": 1.5}, "delta"),
     ({"sure": math.nan}, "sure"), ({"outcomes": tuple(range(101)), "probs": (1 / 101,) * 101}, "1 to 100")],
)
def test_invalid_parameters(kwargs, name):
    """Invalid parameters raise InvalidParameterError naming them."""
    args = {"outcomes": (1.0, -1.0), "probs": (0.5, 0.5), "sure": 0.0} | kwargs
    with pytest.raises(InvalidParameterError, match=name):
        ns.models.ProspectCrisis(**args)
    pc = ns.models.ProspectCrisis((1.0,), (1.0,), sure=0.0)
    with pytest.raises(InvalidParameterError, match="office_value"):
        pc.resurrection(office_value=-1.0, removal_below=0.0)
    with pytest.raises(InvalidParameterError, match="p must be"):
        pc.weight(1.5)


@pytest.mark.parametrize(("outcomes", "probs", "sure"), [((1.0, -1.0), (0.4, 0.6), 0.0),
                                                         ((3.0, 0.5, -2.0), (0.2, 0.5, 0.3), -0.25),
                                                         ((100.0, -100.0), (0.5, 0.5), 0.0)])
def test_gap_at_is_what_solve_gives_at_that_reference(outcomes, probs, sure):
    """``gap_at(r)`` is ``value_gamble - value_sure`` of the model moved to reference ``r``, to the bit: on a grid,
    at the outcomes themselves (where an outcome passes between gains and losses), beside them, and on both
    sides of the reference where the choice switches."""
    model = ns.models.ProspectCrisis(outcomes=outcomes, probs=probs, sure=sure, loss_aversion=1.7)

    def solved(r):
        sol = attrs.evolve(model, reference=r).solve()
        return sol.value_gamble - sol.value_sure

    points = [*np.linspace(-3.0, 3.0, 61), *outcomes, sure]
    points += [np.nextafter(x, d) for x in (*outcomes, sure) for d in (-np.inf, np.inf)]
    grid = np.linspace(-150.0, 150.0, 3001)
    signs = np.sign([solved(r) for r in grid])
    switches = np.flatnonzero(signs[:-1] != signs[1:])
    assert len(switches)
    for k in switches:  # a switch: bisect it, check the floats around it
        lo, hi = grid[k], grid[k + 1]
        for _ in range(80):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if np.sign(solved(mid)) == signs[k] else (lo, mid)
        points += [lo, hi, np.nextafter(lo, -np.inf), np.nextafter(hi, np.inf)]
    for r in points:
        assert model.gap_at(r) == solved(r), r


def test_decision_weights_are_reused_only_for_the_same_ranked_probabilities_and_curvature():
    """The rank-dependent weights kept per ranked probabilities and curvature are, to the bit, the differences of
    ``weight`` the definition takes, computed afresh or kept, after other gambles and curvatures in between
    (1 and 1.0 kept apart)."""
    from negotiation_sim.models.prospect import _decision_weights

    def fresh(model, ps, gain):
        cum = np.cumsum(ps)
        before = np.concatenate([[0.0], cum[:-1]])
        return model.weight(np.minimum(cum, 1.0), gain=gain) - model.weight(np.minimum(before, 1.0), gain=gain)

    cases = [((0.3, 0.7), 0.61, True), ((0.7, 0.3), 0.61, True), ((0.2, 0.5, 0.3), 0.69, False),
             ((0.3, 0.7), 0.69, False), ((0.3, 0.7), 1, True), ((0.3, 0.7), 1.0, True), ((0.25, 0.75), 0.28, False)]
    _decision_weights.cache_clear()
    for _ in range(2):  # afresh, then kept
        for ps, c, gain in cases:
            model = ns.models.ProspectCrisis((1.0,), (1.0,), sure=0, gamma=c if gain else 0.61,
                                             delta=c if not gain else 0.69)
            kept = _decision_weights(ps, c, repr(c), gain)
            assert kept.tolist() == fresh(model, np.array(ps), gain).tolist(), (ps, c, gain)
            assert not kept.flags.writeable
    assert _decision_weights.cache_info().hits == len(cases)


@pytest.mark.parametrize(("reference", "error"), [(float("nan"), ns.errors.InvalidParameterError),
                                                  (float("inf"), ns.errors.InvalidParameterError),
                                                  ("high", ns.errors.InvalidParameterTypeError)])
def test_gap_at_refuses_a_bad_reference_naming_it(reference, error):
    pc = ns.models.ProspectCrisis(outcomes=(1, -2), probs=(0.5, 0.5), sure=-0.6)
    with pytest.raises(error, match="^reference must be"):
        pc.gap_at(reference)
