"""Tests for the perfect Bayesian equilibrium solver of signalling games.

Known answers come from the literature (beer–quiche, Spence's job market) and
from the closed form of the hostage-taker crisis in MODELS.md; random games
are checked against an independent brute-force enumeration.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings

import negotiation_sim as ns
from negotiation_sim.errors import UnsupportedMethodError
from negotiation_sim.solvers.perfect_bayesian import perfect_bayesian
from tests.games.test_signaling import beer_quiche
from tests.strategies import signaling_games


def pure_plan(eq) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(message per type, response per message) of a pure equilibrium."""
    return (tuple(int(np.argmax(r)) for r in eq.sender_behaviour),
            tuple(int(np.argmax(r)) for r in eq.receiver_behaviour))


def independent_check(g, eq, tol=1e-9) -> None:
    """Check the PBE conditions directly, with loops, from the game's definition."""
    sigma, rho = eq.sender_behaviour, np.array(eq.receiver_behaviour)
    moves = [m for m in range(g.n_messages) if g.messages[m] not in g.terminal_messages]
    assert np.allclose(sigma.sum(axis=1), 1) and np.allclose(rho[moves].sum(axis=1), 1)
    for m in set(range(g.n_messages)) - set(moves):  # the game ends: no response, a fixed payoff
        assert not rho[m].any()
        rho[m, 0] = 1.0
    for t in range(g.n_types):
        value = [sum(rho[m, r] * g.sender_payoffs[t, m, r] for r in range(g.n_responses))
                 for m in range(g.n_messages)]
        for m in range(g.n_messages):
            if sigma[t, m] > 0:  # every message a type sends is one of its best
                assert value[m] >= max(value) - tol
    for m in moves:
        msg = g.messages[m]
        p_m = sum(g.prior[t] * sigma[t, m] for t in range(g.n_types))
        if p_m > 0:
            belief = np.array([g.prior[t] * sigma[t, m] / p_m for t in range(g.n_types)])
            assert [eq.beliefs[msg][t] for t in g.types] == pytest.approx(belief, abs=1e-9)
        else:
            belief = eq.off_path_beliefs[msg].example
            assert eq.off_path_beliefs[msg].contains(belief)
        w = [belief @ g.receiver_payoffs[:, m, r] for r in range(g.n_responses)]
        for r in range(g.n_responses):
            if rho[m, r] > 0:
                assert w[r] >= max(w) - tol


class TestBeerQuiche:
    """Cho & Kreps (1987), section II: the beer–quiche example."""

    def test_two_pooling_equilibria_and_no_separating(self):
        """Both-beer and both-quiche pooling, nothing else pure (no separating, no hybrid)."""
        eqs = ns.solve(beer_quiche())
        assert [e.kind for e in eqs] == ["pooling", "pooling"]
        assert {pure_plan(e) for e in eqs} == {((0, 0), (1, 0)), ((1, 1), (0, 1))}
        assert not [e for e in eqs if e.kind == "separating"]

    def test_not_complete_the_receiver_may_mix_off_path(self):
        """Pooling on beer with a duel after quiche w.p. d in [1/2, 1) at P(Weak | Quiche) = 1/2 is a PBE too:
        the set says it is not complete, and names that support, without contradicting itself."""
        g = beer_quiche()
        eqs = ns.solve(g)
        assert not eqs.complete
        text = eqs.describe()
        assert text.startswith("2 equilibria (the list may not be exhaustive).")
        assert "(complete)" not in text
        assert ("Weak sends Beer; Strong sends Beer; Receiver plays No duel after Beer; "
                "Receiver mixes after Quiche over Duel and No duel") in text
        # by hand: at belief 1/2 after quiche the receiver is indifferent (1/2 * 1 = 1/2 * 1); with duel
        # probability d the weak type gets d * 1 + (1 - d) * 3 from quiche against 2 from beer: d >= 1/2;
        # the strong type 2 (1 - d) against 3: always beer. So every d in [1/2, 1) works.
        for d in (0.5, 0.7, 0.9):
            assert d + (1 - d) * 3 <= 2 + 1e-12 and (1 - d) * 2 <= 3
            sigma = np.array([[1.0, 0.0], [1.0, 0.0]])
            rho = np.array([[0.0, 1.0], [d, 1 - d]])
            for t in range(2):
                values = [rho[m] @ g.sender_payoffs[t, m] for m in range(2)]
                assert values[int(np.argmax(sigma[t]))] >= max(values) - 1e-12
            assert 0.5 * g.receiver_payoffs[0, 1, 0] + 0.5 * g.receiver_payoffs[1, 1, 0] == pytest.approx(
                0.5 * g.receiver_payoffs[0, 1, 1] + 0.5 * g.receiver_payoffs[1, 1, 1])
            assert not any(np.allclose(e.receiver_behaviour, rho) for e in eqs)

    def test_intuitive_criterion(self):
        """Quiche pooling fails (the strong type would drink beer); beer pooling survives."""
        by_message = {pure_plan(e)[0][0]: e for e in ns.solve(beer_quiche())}
        beer, quiche = by_message[0], by_message[1]
        assert beer.intuitive is True and beer.intuitive_deviations == ()
        assert quiche.intuitive is False
        assert quiche.intuitive_deviations == (("Strong", "Beer"),)
        assert "fails the intuitive criterion: the Strong type would send Beer" in quiche.describe()

    def test_off_path_beliefs(self):
        """The off-path message must make a duel optimal: P(Weak | off-path) >= 1/2."""
        by_message = {pure_plan(e)[0][0]: e for e in ns.solve(beer_quiche())}
        assert by_message[0].off_path_beliefs["Quiche"].interval == pytest.approx((0.5, 1.0))
        assert by_message[1].off_path_beliefs["Beer"].interval == pytest.approx((0.5, 1.0))
        assert by_message[1].off_path_beliefs["Beer"].response == "Duel"

    def test_payoffs(self):
        """Pooling on beer: weak 2, strong 3, receiver 0.9 (it does not duel)."""
        eq = ns.solve(beer_quiche())[0]
        assert eq.type_payoffs.tolist() == [2, 3]
        assert eq.payoffs.tolist() == pytest.approx([0.1 * 2 + 0.9 * 3, 0.9])
        assert eq.beliefs == {"Beer": {"Weak": pytest.approx(0.1), "Strong": pytest.approx(0.9)}}
        assert eq.is_pure and eq.regret == 0

    def test_high_prior_of_weak_breaks_pooling(self):
        """With P(weak) > 1/2 the receiver duels on path, and no pooling equilibrium remains."""
        eqs = ns.solve(beer_quiche(prior=[0.6, 0.4]))
        assert not [e for e in eqs if e.kind == "pooling"]
        for eq in eqs:
            independent_check(beer_quiche(prior=[0.6, 0.4]), eq)


def crisis_game(prior, concession_cost, war_cost_target, audience_cost, stake,
                war_payoff_resolved, war_payoff_unresolved) -> ns.SignalingGame:
    """MODELS.md's hostage-taker crisis with its last stage reduced by sequential rationality.

    A resisted challenger fights if resolved (war_payoff_resolved > -audience_cost)
    and backs down if not (war_payoff_unresolved < -audience_cost), so the
    "Resist" outcome is war for the resolved type and a called bluff otherwise.
    The status quo ends the game (a terminal message: NATO has no move after it).
    """
    assert war_payoff_resolved > -audience_cost > war_payoff_unresolved
    sender = [[[stake, war_payoff_resolved], [0, 0]],   # Resolved: Threaten, Status quo
              [[stake, -audience_cost], [0, 0]]]        # Unresolved
    receiver = [[[-concession_cost, -war_cost_target], [0, 0]],
                [[-concession_cost, 0], [0, 0]]]
    return ns.SignalingGame(types=("Resolved", "Unresolved"), prior=[prior, 1 - prior],
                            messages=("Threaten", "Status quo"), responses=("Concede", "Resist"),
                            sender_payoffs=sender, receiver_payoffs=receiver,
                            players=("Russia", "NATO"), terminal_messages=("Status quo",))


CRISES = [
    dict(concession_cost=0.3, war_cost_target=1.0, audience_cost=1.0, stake=1.0,
         war_payoff_resolved=0.5, war_payoff_unresolved=-2.0),
    dict(concession_cost=2.0, war_cost_target=5.0, audience_cost=0.5, stake=2.0,
         war_payoff_resolved=0.0, war_payoff_unresolved=-1.0),
]


class TestHostageTakerCrisis:
    """The closed form of MODELS.md, "The hostage-taker crisis, exactly"."""

    @pytest.mark.parametrize("params", CRISES)
    @pytest.mark.parametrize("ratio", [0.2, 0.5, 0.9, 1.1, 1.6, 2.2])
    def test_closed_form(self, params, ratio):
        """Pooling above the threshold, semi-separating below, with MODELS.md's probabilities."""
        threshold = params["concession_cost"] / params["war_cost_target"]
        prior = ratio * threshold
        g = crisis_game(prior, **params)
        eqs = ns.solve(g)
        for eq in eqs:
            independent_check(g, eq)
        # which equilibrium carries the closed form, and the outcome probabilities it implies
        if prior > threshold:
            closed = [e for e in eqs if e.kind == "pooling" and e.sender_behaviour[:, 0].tolist() == [1, 1]]
            assert closed and all(e.receiver_behaviour[0].tolist() == [1, 0] for e in closed)
            expected = dict(p_war=0.0, p_concede=1.0, p_bluff_called=0.0)
        else:
            bluff = prior * (1 - threshold) / ((1 - prior) * threshold)
            resist = params["stake"] / (params["stake"] + params["audience_cost"])
            p_threat = prior + (1 - prior) * bluff
            closed = [e for e in eqs if e.kind == "semi-separating"]
            assert closed
            for e in closed:
                assert e.sender_behaviour.ravel().tolist() == pytest.approx([1, 0, bluff, 1 - bluff])
                assert e.receiver_behaviour[0].tolist() == pytest.approx([1 - resist, resist])
                assert e.beliefs["Threaten"]["Resolved"] == pytest.approx(threshold)
            expected = dict(p_war=prior * resist, p_concede=p_threat * (1 - resist),
                            p_bluff_called=(1 - prior) * bluff * resist)
        for e in closed:
            sigma, rho = e.sender_behaviour, e.receiver_behaviour
            assert prior * sigma[0, 0] * rho[0, 1] == pytest.approx(expected["p_war"])
            assert (1 - prior) * sigma[1, 0] * rho[0, 1] == pytest.approx(expected["p_bluff_called"])
            p_threat = prior * sigma[0, 0] + (1 - prior) * sigma[1, 0]
            assert p_threat * rho[0, 0] == pytest.approx(expected["p_concede"])

    @pytest.mark.parametrize("ratio", [0.3, 0.8, 1.2, 2.0])
    def test_only_the_closed_form_when_war_pays_the_resolved(self, ratio):
        """With war_payoff_resolved > 0 the closed form's is the one PBE, and the set knows it is complete."""
        params = CRISES[0]
        prior = ratio * params["concession_cost"] / params["war_cost_target"]
        eqs = ns.solve(crisis_game(prior, **params))
        assert [e.kind for e in eqs] == (["pooling"] if ratio > 1 else ["semi-separating"])
        assert eqs.complete and eqs.describe().startswith("1 equilibrium (complete).")
        assert "These are all the perfect Bayesian equilibria" in eqs.describe()
        assert "not" not in " ".join(eqs.notes)

    def test_the_status_quo_ends_the_game(self):
        """NATO has no strategy and no belief after the status quo, and its behaviour row there is zero."""
        (eq,) = ns.solve(crisis_game(0.1, **CRISES[0]))
        assert eq.actions[1] == ("Threaten: Concede", "Threaten: Resist")
        assert set(eq.beliefs) == {"Threaten"}
        assert eq.receiver_behaviour[1].tolist() == [0.0, 0.0]
        assert "after Status quo" not in eq.describe()

    def test_knife_edge_war_payoff_zero_adds_pooling_on_the_status_quo(self):
        """war_payoff_resolved = 0: the resolved type is indifferent between war and the status quo, so
        both keep the status quo while NATO would resist (belief in resolve at most the threshold 0.4)."""
        params = CRISES[1]  # threshold 2 / 5
        eqs = ns.solve(crisis_game(0.2, **params))
        status_quo = [e for e in eqs if e.kind == "pooling"]
        assert len(status_quo) == 1 and status_quo[0].sender_behaviour[:, 1].tolist() == [1, 1]
        assert status_quo[0].off_path_beliefs["Threaten"].interval == pytest.approx((0.0, 0.4))
        assert [e.kind for e in eqs] == ["pooling", "semi-separating"]

    def test_describe_tells_the_story(self):
        """The semi-separating story gives the bluff and resistance probabilities as fractions."""
        params = dict(CRISES[0], concession_cost=0.3)
        eq = [e for e in ns.solve(crisis_game(0.2, **params)) if e.kind == "semi-separating"][0]
        text = eq.describe()
        bluff = 0.2 * 0.7 / (0.8 * 0.3)  # = 7/12
        assert bluff == pytest.approx(7 / 12)
        assert "the Unresolved type sends Threaten with probability 0.5833 (7/12)" in text
        assert "NATO mixes after Threaten: Concede with probability 0.5 (1/2) and Resist with probability 0.5 (1/2)" in text
        assert text.startswith("Semi-separating equilibrium: the Resolved type sends Threaten")


def spence(prior_high, cost_high, cost_low, wage_high=2.0, wage_low=1.0) -> ns.SignalingGame:
    """Spence's (1973) job-market signalling, two types, written from the definition.

    A worker of high or low ability chooses education (cost ``cost_high`` or
    ``cost_low``) or none; the employer pays a high or low wage and wants the
    wage to match productivity (payoff 0 on a match, -1 otherwise), so it pays
    high exactly when P(High) >= 1/2. Education does not raise productivity.
    Separating (High educates, Low does not) is a PBE iff
    ``cost_high <= wage_high - wage_low <= cost_low`` (Gibbons 1992, section 4.2.B).
    """
    sender = [[[wage_high - cost_high, wage_low - cost_high], [wage_high, wage_low]],
              [[wage_high - cost_low, wage_low - cost_low], [wage_high, wage_low]]]
    receiver = [[[0, -1], [0, -1]], [[-1, 0], [-1, 0]]]
    return ns.SignalingGame(types=("High", "Low"), prior=[prior_high, 1 - prior_high],
                            messages=("Educate", "No education"), responses=("High wage", "Low wage"),
                            sender_payoffs=sender, receiver_payoffs=receiver, players=("Worker", "Employer"))


class TestSpence:
    @pytest.mark.parametrize(("cost_high", "cost_low", "separates"),
                             [(0.5, 1.5, True), (0.2, 3.0, True), (0.5, 0.8, False), (1.5, 2.0, False)])
    def test_separating_equilibrium_exists_iff_costs_straddle_the_wage_gap(self, cost_high, cost_low, separates):
        """High educates and Low does not exactly when c_H <= w_H - w_L <= c_L."""
        g = spence(0.3, cost_high, cost_low)
        eqs = ns.solve(g)
        sep = [e for e in eqs if e.kind == "separating" and pure_plan(e)[0] == (0, 1)]
        assert bool(sep) == separates
        for eq in eqs:
            independent_check(g, eq)
        if separates:
            (eq,) = sep
            assert pure_plan(eq)[1] == (0, 1)  # high wage to the educated, low to the others
            assert eq.type_payoffs.tolist() == pytest.approx([2 - cost_high, 1])
            assert eq.beliefs["Educate"]["High"] == 1 and eq.intuitive is True
            assert eq.off_path_beliefs == {}


def brute_force_pbe(g, grid):
    """Pure PBE of a 2-type game by enumeration of strategy pairs and a grid of off-path beliefs."""
    found = {}
    for sigma in itertools.product(range(g.n_messages), repeat=2):
        for rho in itertools.product(range(g.n_responses), repeat=g.n_messages):
            # types optimise against rho
            ok = all(g.sender_payoffs[t, sigma[t], rho[sigma[t]]]
                     >= max(g.sender_payoffs[t, m, rho[m]] for m in range(g.n_messages)) - 1e-9
                     for t in range(2))
            intervals = {}
            for m in range(g.n_messages):
                if not ok:
                    break
                senders = [t for t in range(2) if sigma[t] == m]
                if senders:
                    p = sum(g.prior[t] for t in senders if t == 0) / sum(g.prior[t] for t in senders)
                    beliefs = np.array([p])
                else:
                    beliefs = grid
                values = beliefs[:, None] * g.receiver_payoffs[0, m] + (1 - beliefs[:, None]) * g.receiver_payoffs[1, m]
                good = values[:, rho[m]] >= values.max(axis=1) - 1e-9
                ok = bool(good.any())
                if not senders and ok:
                    intervals[m] = (beliefs[good].min(), beliefs[good].max())
            if ok:
                found[(sigma, rho)] = intervals
    return found


#: Every fraction with denominator at most 12 lies on this grid, and so does every
#: belief threshold of a game with payoffs in -3..3.
GRID = np.arange(27721) / 27720


class TestBruteForce:
    @settings(max_examples=100, deadline=None)
    @given(signaling_games(n_types=2, n_messages=2, n_responses=2))
    def test_pure_pbe_match_brute_force(self, g):
        """The solver's pure PBE are exactly the strategy pairs the brute force accepts, with the same intervals."""
        eqs = perfect_bayesian(g)
        pure = {pure_plan(e): e for e in eqs if e.is_pure}
        assert len(pure) == len(eqs.pure())
        brute = brute_force_pbe(g, GRID)
        assert set(pure) == set(brute)
        for key, eq in pure.items():
            for m, (lo, hi) in brute[key].items():
                assert eq.off_path_beliefs[g.messages[m]].interval == pytest.approx((lo, hi), abs=1e-9)
        for eq in eqs:
            independent_check(g, eq)

    @settings(max_examples=50, deadline=None)
    @given(signaling_games(n_types=2, n_messages=2, n_responses=3))
    def test_semi_separating_are_equilibria(self, g):
        """Every semi-separating equilibrium passes the independent check and really mixes."""
        for eq in perfect_bayesian(g):
            independent_check(g, eq)
            if eq.kind == "semi-separating":
                assert not eq.is_pure and eq.off_path_beliefs == {}
                mixing = [t for t in range(2) if 0 < eq.sender_behaviour[t, 0] < 1]
                assert len(mixing) == 1

    @settings(max_examples=30, deadline=None)
    @given(signaling_games(n_types=3, n_messages=2, n_responses=2))
    def test_three_types_pure_pbe_are_equilibria(self, g):
        """With three types every returned PBE passes the independent check and is a Nash equilibrium of the strategic form."""
        nf = g.to_normal_form()
        for eq in perfect_bayesian(g):
            independent_check(g, eq)
            sigma, rho = pure_plan(eq)
            i = list(itertools.product(range(2), repeat=3)).index(sigma)
            j = list(itertools.product(range(2), repeat=2)).index(rho)
            assert ns.regret(nf, [i, j]) <= 1e-9


class TestThreeTypes:
    def game(self):
        """Types A and B want response r1 and dislike m2; C only cares to send m2; m3 is costly for all."""
        sender = np.array([[[2, 0], [-3, -3], [-5, -5]],
                           [[2, 0], [-3, -3], [-5, -5]],
                           [[-3, -3], [0, 0], [-5, -5]]], dtype=float)
        receiver = np.array([[[1, 0], [1, 0], [1, 0]],
                             [[1, 0], [1, 0], [1, 0]],
                             [[0, 1], [0, 1], [0, 1]]], dtype=float)
        return ns.SignalingGame(types=("A", "B", "C"), prior=[0.2, 0.3, 0.5],
                                messages=("m1", "m2", "m3"), responses=("r1", "r2"),
                                sender_payoffs=sender, receiver_payoffs=receiver)

    def test_partially_pooling(self):
        """A and B pool on m1, C sends m2; m3 is off path with an LP-described belief set."""
        g = self.game()
        eqs = ns.solve(g)
        assert eqs and all(e.kind == "partially pooling" for e in eqs)
        for eq in eqs:
            independent_check(g, eq)
            assert pure_plan(eq)[0] == (0, 0, 1)
            assert eq.beliefs["m1"] == pytest.approx({"A": 0.4, "B": 0.6, "C": 0.0})
            beliefs = eq.off_path_beliefs["m3"]
            assert beliefs.interval is None and beliefs.contains(beliefs.example)
            assert beliefs.constraints.shape == (1, 3)
            assert "beliefs mu after m3" in beliefs.describe()
        # r1 after m3 needs mu(A) + mu(B) >= 1/2: the prior (mass 1/2 on A, B) already qualifies
        r1 = [e for e in eqs if pure_plan(e)[1][2] == 0][0].off_path_beliefs["m3"]
        assert r1.example.tolist() == pytest.approx([0.2, 0.3, 0.5])
        assert r1.contains([0.5, 0.0, 0.5]) and not r1.contains([0.1, 0.1, 0.8])


class TestSolveDispatch:
    def test_methods(self):
        """'pure' drops the semi-separating equilibria; unknown methods and options are refused."""
        g = crisis_game(0.1, **CRISES[0])
        assert {e.kind for e in ns.solve(g, method="pure")} <= {"pooling", "separating"}
        assert any(e.kind == "semi-separating" for e in ns.solve(g, method="perfect_bayesian"))
        with pytest.raises(UnsupportedMethodError, match="unknown method 'qre' for a SignalingGame"):
            ns.solve(g, method="qre")
        with pytest.raises(UnsupportedMethodError, match="unknown options"):
            ns.solve(g, rng=3)
        with pytest.raises(UnsupportedMethodError, match="game must be a SignalingGame"):
            perfect_bayesian(g.to_normal_form())

    def test_results_display(self):
        """The set describes every equilibrium and renders as HTML; to_dict has kind and type payoffs."""
        eqs = ns.solve(beer_quiche())
        assert eqs.describe().startswith("2 equilibria (the list may not be exhaustive).")
        assert "Weak: Beer" in eqs._repr_html_()
        row = eqs[0].to_dict()
        assert row["kind"] == "pooling" and row["payoff Sender (Strong)"] == 3
        assert repr(eqs[0]).startswith("PBEquilibrium(kind='pooling'")
        assert len(eqs.pure()) == 2 and len(eqs.mixed()) == 0


def grid_pbe(g, n: int = 6) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every PBE (sigma, rho) of a 2x2x2 game with probabilities on the grid k/n, from the definition.

    For each grid strategy of the sender: after each message the receiver may play a response
    with positive probability only if it is best at the posterior (on path) or at some belief of
    GRID (off path); then every type must get its best value from each message it sends.
    """
    grid = np.arange(n + 1) / n
    supports = ((0,), (1,), (0, 1))
    off_path = []  # per message: which response supports some belief of GRID makes best
    for m in range(2):
        w = np.stack([GRID, 1 - GRID], axis=1) @ g.receiver_payoffs[:, m, :]
        best = w >= w.max(axis=1, keepdims=True) - 1e-12
        off_path.append({need: bool(best[:, list(need)].all(axis=1).any()) for need in supports})
    found = []
    for s0, s1 in itertools.product(grid, repeat=2):
        sigma = np.array([[s0, 1 - s0], [s1, 1 - s1]])
        options = []
        for m in range(2):
            weight = g.prior * sigma[:, m]
            if weight.sum() > 0:
                w = (weight / weight.sum()) @ g.receiver_payoffs[:, m, :]
                ok = {need: bool(np.all(w[list(need)] >= w.max() - 1e-12)) for need in supports}
            else:
                ok = off_path[m]
            # P(r0 | m) on the grid, allowed when the responses it plays are best together
            options.append(np.array([a for a in grid if ok[tuple(r for r, p in ((0, a), (1, 1 - a)) if p > 0)]]))
        a0, a1 = (x.ravel() for x in np.meshgrid(*options, indexing="ij"))
        rho = np.stack([np.stack([a0, 1 - a0], -1), np.stack([a1, 1 - a1], -1)], axis=1)  # (k, 2, 2)
        values = np.einsum("tmr,kmr->ktm", g.sender_payoffs, rho)
        good = np.all((sigma[None] == 0) | (values >= values.max(axis=2, keepdims=True) - 1e-12), axis=(1, 2))
        found += [(sigma, r) for r in rho[good]]
    return found


def support_of(sigma, rho):
    return (tuple(tuple(np.flatnonzero(row > 0).tolist()) for row in sigma),
            tuple(tuple(np.flatnonzero(row > 0).tolist()) for row in rho))


class TestTerminalMessage:
    @settings(max_examples=40, deadline=None)
    @given(signaling_games(n_types=2, n_messages=2, n_responses=2))
    def test_pure_pbe_are_those_of_the_game_with_an_idle_response(self, g):
        """Pure PBE of the game with a terminal message are the brute-force PBE of the same game in which
        the receiver does answer that message (every answer is then equally good), without that answer."""
        from tests.games.test_signaling import with_terminal

        term = with_terminal(g, 0)
        idle = ns.SignalingGame(types=g.types, prior=g.prior, messages=g.messages, responses=g.responses,
                                sender_payoffs=term.sender_payoffs, receiver_payoffs=term.receiver_payoffs)
        expected = {(sigma, rho[1:]) for sigma, rho in brute_force_pbe(idle, GRID)}
        got = [pure_plan(e) for e in ns.solve(term, method="pure")]
        assert len(got) == len(set(got))  # no duplicate for an answer that does not exist
        assert {(sigma, rho[1:]) for sigma, rho in got} == expected



class TestCompleteness:
    """``complete`` and the notes against a grid search from the definition, and witnesses checked by loops."""

    @settings(max_examples=25, deadline=None)
    @given(signaling_games(n_types=2, n_messages=2, n_responses=2))
    def test_grid_equilibria_are_listed_or_named(self, g):
        """Every PBE on the grid is a listed one or has a support the notes name; none is missed when complete."""
        from negotiation_sim.solvers.perfect_bayesian import unlisted_supports

        eqs = perfect_bayesian(g)
        unlisted = unlisted_supports(g)
        assert eqs.complete == (not unlisted)
        for sigma, rho in grid_pbe(g):
            listed = any(np.allclose(e.sender_behaviour, sigma, atol=1e-9)
                         and np.allclose(e.receiver_behaviour, rho, atol=1e-9) for e in eqs)
            if listed:
                continue
            assert not eqs.complete, f"complete, yet the grid PBE {sigma.tolist()}, {rho.tolist()} is not listed"
            assert support_of(sigma, rho) in unlisted

    @settings(max_examples=25, deadline=None)
    @given(signaling_games(n_types=2, n_messages=2, n_responses=2))
    def test_every_named_support_has_a_checked_witness(self, g):
        """Each support a note names comes with a profile that passes the PBE conditions, checked by loops."""
        import types

        from negotiation_sim.solvers._pbe_supports import describe_pattern, pattern_witness
        from negotiation_sim.solvers.perfect_bayesian import unlisted_supports

        eqs = perfect_bayesian(g)
        atol = 1e-9 * g.payoff_scale
        named = unlisted_supports(g)
        for p in named[:3]:  # the notes name the first three
            assert describe_pattern(g, p) in " ".join(eqs.notes)
        for p in named:
            sigma, rho, beliefs = pattern_witness(g, p, atol)
            assert support_of(sigma, rho) == p
            posterior = {m: dict(zip(g.types, beliefs[k])) for k, m in enumerate(g.messages)
                         if (g.prior * sigma[:, k]).sum() > 0}
            off = {m: types.SimpleNamespace(example=beliefs[k], contains=lambda mu: True)
                   for k, m in enumerate(g.messages) if m not in posterior}
            independent_check(g, types.SimpleNamespace(sender_behaviour=sigma, receiver_behaviour=rho,
                                                       beliefs=posterior, off_path_beliefs=off), tol=1e-7)

    @settings(max_examples=15, deadline=None)
    @given(signaling_games(n_types=2, n_messages=2, n_responses=2))
    def test_pruning_agrees_with_the_linear_programmes(self, g):
        """The cheap necessary conditions never reject a support the two linear programmes accept."""
        from negotiation_sim.solvers import _pbe_supports as sup

        atol = 1e-9 * g.payoff_scale
        for p in sup.patterns(g):
            full = sup._receiver_side(g, p, atol) is not None and sup._sender_side(g, p, atol) is not None
            assert full == sup.pattern_feasible(g, p, atol)

    def test_large_games_are_not_certified(self):
        """Beyond MAX_PATTERNS support patterns the set says completeness was not checked."""
        from negotiation_sim.solvers._pbe_supports import n_patterns
        from negotiation_sim.solvers.perfect_bayesian import MAX_PATTERNS

        g = TestThreeTypes().game()
        assert n_patterns(g) > MAX_PATTERNS
        eqs = ns.solve(g)
        assert not eqs.complete and "Completeness not checked" in eqs.describe()

    def test_pure_method_is_complete_for_pure_equilibria(self):
        """method='pure' promises every pure PBE and says that mixed ones were not searched for."""
        eqs = ns.solve(beer_quiche(), method="pure")
        assert eqs.complete and "were not searched for" in eqs.describe()
