"""Perfect deterrence: the threshold against the built game's equilibria and a direct comparison."""

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError


def credible_equilibria(game):
    """Pure equilibria (by brute-force deviation checks) where each defender type plays its undominated action."""
    out = []
    u = game.payoffs
    for prof in itertools.product(range(2), repeat=3):
        stable = True
        for i in range(3):
            dev = list(prof)
            dev[i] = 1 - prof[i]
            if u[tuple(dev) + (i,)] > u[prof + (i,)] + 1e-12:
                stable = False
        if stable and prof[1] == 1 and prof[2] == 0:  # credible resists, incredible concedes
            out.append(prof)
    return out


@pytest.mark.parametrize("cred", [0.0, 0.2, 0.49, 0.51, 0.8, 1.0])
@pytest.mark.parametrize(("a_sq", "a_dc", "a_dd"), [(0.0, 1.0, -1.0), (0.5, 2.0, -3.0)])
def test_attack_iff_credibility_below_threshold(cred, a_sq, a_dc, a_dd):
    """Both sides of the threshold: the solver's attack matches the game's credible equilibrium."""
    m = ns.models.PerfectDeterrence(a_sq, a_dc, a_dd, credibility=cred)
    r = m.solve()
    assert r.threshold == pytest.approx((a_dc - a_sq) / (a_dc - a_dd))
    eu_attack = cred * a_dd + (1 - cred) * a_dc
    assert r.attack == (eu_attack > a_sq)
    eqs = credible_equilibria(m.game())
    assert [p[0] for p in eqs] == [int(r.attack)]
    # ns.pure_equilibria finds that profile too.
    found = {tuple(int(np.argmax(s)) for s in e.strategies) for e in ns.pure_equilibria(m.game())}
    assert eqs[0] in found


def test_indifferent_at_threshold():
    """At credibility == threshold the challenger is indifferent and reported as not attacking."""
    r = ns.models.PerfectDeterrence(0.0, 1.0, -1.0, credibility=0.5).solve()
    assert r.indifferent and not r.attack
    assert "indifferent" in r.describe()


def test_invalid_parameters():
    """Conflict better than concession and bad credibility raise naming the parameter."""
    with pytest.raises(InvalidParameterError, match="a_dd"):
        ns.models.PerfectDeterrence(0.0, -1.0, 1.0, credibility=0.5)
    with pytest.raises(InvalidParameterError, match="credibility"):
        ns.models.PerfectDeterrence(0.0, 1.0, -1.0, credibility=-0.1)


# -- the Unilateral Deterrence Game ------------------------------------------------------------------

PAYOFFS = [
    {},  # the defaults: alpha_soft 0.5, alpha_hard 2/3, beta 4/9
    {"c_sq": 0.2, "c_dc": 2.0, "c_cd": -0.5, "c_dd_hard": 0.0, "c_dd_soft": -3.0,
     "d_sq": 1.0, "d_dc": -0.5, "d_cd": 0.5, "d_dd_credible": 0.0, "d_dd_incredible": -1.0},
]


def pbe_signatures(model):
    """The generic solver's equilibria of the tree, kept when sequentially rational everywhere, as signatures.

    A resisted Hard challenger must fight and a Soft one back down, and a Credible defender must resist
    (strictly best whatever it believes), on and off the path; the Incredible defender's plan matters only
    when a challenge happens. Signature: (P(Hard challenges), P(Soft challenges), P(Incredible resists) or None).
    """
    out = set()
    for eq in ns.solve(model.tree()):
        ch, de = eq.behaviour("Challenger"), eq.behaviour("Defender")
        if ch["Hard resisted"]["Fight"] < 1 - 1e-9 or ch["Soft resisted"]["Back down"] < 1 - 1e-9:
            continue
        if de["Credible"]["Resist"] < 1 - 1e-9:
            continue
        xh, xs = ch["Hard"]["Challenge"], ch["Soft"]["Challenge"]
        y = de["Incredible"]["Resist"] if xh + xs > 1e-9 else None
        out.add((round(xh, 6), round(xs, 6), None if y is None else round(y, 6)))
    return out


def closed_signatures(result):
    return {(round(e.challenge_hard, 6), round(e.challenge_soft, 6),
             None if e.kind == "status quo" else round(e.resist_incredible, 6)) for e in result.equilibria}


@pytest.mark.parametrize("payoffs", PAYOFFS)
@pytest.mark.parametrize("p_hard", [0.1, 0.3, 0.6, 0.9])
@pytest.mark.parametrize("cred", [0.05, 0.2, 0.35, 0.55, 0.62, 0.75, 0.95])
def test_unilateral_deterrence_against_the_generic_solver(payoffs, p_hard, cred):
    """Every sequentially rational equilibrium the tree solver finds is one the stated conditions name, and back."""
    m = ns.models.UnilateralDeterrence(p_hard=p_hard, credibility=cred, **payoffs)
    r = m.solve()
    for t in (r.alpha_soft, r.alpha_hard):
        if abs(cred - t) < 1e-3:
            pytest.skip("knife-edge")
    if abs(p_hard - r.beta) < 1e-3:
        pytest.skip("knife-edge")
    assert pbe_signatures(m) == closed_signatures(r)


@pytest.mark.parametrize("payoffs", PAYOFFS)
def test_unilateral_thresholds_and_outcomes_recomputed(payoffs):
    """alpha and beta from the indifference conditions; outcome probabilities sum along the tree."""
    m = ns.models.UnilateralDeterrence(p_hard=0.3, credibility=0.2, **payoffs)
    r = m.solve()
    # a type is indifferent between SQ and challenging at resistance alpha: alpha c_X + (1 - alpha) c_dc = c_sq
    assert r.alpha_hard * m.c_dd_hard + (1 - r.alpha_hard) * m.c_dc == pytest.approx(m.c_sq)
    assert r.alpha_soft * m.c_cd + (1 - r.alpha_soft) * m.c_dc == pytest.approx(m.c_sq)
    # the incredible defender is indifferent at belief beta: beta d_dd- + (1 - beta) d_cd = d_dc
    assert r.beta * m.d_dd_incredible + (1 - r.beta) * m.d_cd == pytest.approx(m.d_dc)
    for e in r.equilibria:
        assert e.p_sq + e.p_dc + e.p_cd + e.p_dd == pytest.approx(1)
    eqs = ns.solve(m.tree())
    for e in r.equilibria:
        if e.kind == "status quo":
            continue
        match = [q for q in eqs if abs(q.behaviour("Challenger")["Soft"]["Challenge"] - e.challenge_soft) < 1e-6
                 and abs(q.behaviour("Challenger")["Hard"]["Challenge"] - e.challenge_hard) < 1e-6]
        assert match
        reach = match[0].outcomes
        assert sum(p for z, p in reach.items() if z.endswith("Fight")) == pytest.approx(e.p_dd)
        assert sum(p for z, p in reach.items() if z.endswith("Back down")) == pytest.approx(e.p_cd)
        assert sum(p for z, p in reach.items() if z.endswith("Concede")) == pytest.approx(e.p_dc)


@pytest.mark.parametrize("cred", [0.1, 0.4, 0.6, 0.7, 0.9])
def test_perfect_deterrence_is_the_known_hard_challenger_case(cred):
    """With a challenger almost surely Hard, the UDG's Hard challenger challenges iff PerfectDeterrence attacks."""
    m = ns.models.UnilateralDeterrence(p_hard=0.999, credibility=cred)
    simple = ns.models.PerfectDeterrence(m.c_sq, m.c_dc, m.c_dd_hard, credibility=cred).solve()
    assert simple.threshold == pytest.approx(m.solve().alpha_hard)
    challenges = any(e.challenge_hard > 0 for e in m.solve().equilibria)
    assert challenges == simple.attack


def test_unilateral_invalid_parameters():
    """Probabilities outside (0, 1) and payoffs out of order are refused, naming the parameter."""
    with pytest.raises(InvalidParameterError, match="p_hard"):
        ns.models.UnilateralDeterrence(p_hard=0.0, credibility=0.5)
    with pytest.raises(InvalidParameterError, match="credibility"):
        ns.models.UnilateralDeterrence(p_hard=0.5, credibility=1.2)
    with pytest.raises(InvalidParameterError, match="c_dd_hard"):
        ns.models.UnilateralDeterrence(p_hard=0.5, credibility=0.5, c_dd_hard=0.5)
    with pytest.raises(InvalidParameterError, match="d_dd_credible"):
        ns.models.UnilateralDeterrence(p_hard=0.5, credibility=0.5, d_dd_credible=-1.5)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-5, 5), min_size=5, max_size=5, unique=True),
       st.lists(st.floats(-5, 5), min_size=5, max_size=5, unique=True),
       st.floats(0.02, 0.98), st.floats(0.02, 0.98))
def test_unilateral_deterrence_random_payoffs(ch, de, p_hard, cred):
    """Random payoffs in the required order: the solver's sequentially rational equilibria are the stated ones."""
    c_dd_soft, c_cd, c_dd_hard, c_sq, c_dc = sorted(ch)
    d_dd_incredible, d_dc, d_dd_credible, d_cd, d_sq = sorted(de)
    m = ns.models.UnilateralDeterrence(
        p_hard=p_hard, credibility=cred, c_sq=c_sq, c_dc=c_dc, c_cd=c_cd, c_dd_hard=c_dd_hard, c_dd_soft=c_dd_soft,
        d_sq=d_sq, d_dc=d_dc, d_cd=d_cd, d_dd_credible=d_dd_credible, d_dd_incredible=d_dd_incredible)
    r = m.solve()
    assume(min(abs(cred - r.alpha_soft), abs(cred - r.alpha_hard), abs(p_hard - r.beta)) > 1e-3)
    assume(min(np.diff(sorted(ch)).min(), np.diff(sorted(de)).min()) > 1e-2)
    assert pbe_signatures(m) == closed_signatures(r)
