"""Tests for BayesianGame and its Bayesian Nash equilibria (via the induced strategic form)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import negotiation_sim as ns
from negotiation_sim.errors import InvalidGameError, UnsupportedMethodError
from negotiation_sim.solvers.bayesian_nash import solve_bayesian

# Osborne (2004), An Introduction to Game Theory, section 9.2, "BoS with uncertainty
# about player 2's preferences": player 2 wishes to meet player 1 or to avoid it,
# each with probability 1/2; player 1 has one type. Payoffs (player 1, player 2).
MEET = [[[2, 1], [0, 0]], [[0, 0], [1, 2]]]
AVOID = [[[2, 0], [0, 2]], [[0, 1], [1, 0]]]


def bos(p_meet=0.5) -> ns.BayesianGame:
    return ns.BayesianGame(np.array([[MEET, AVOID]]), prior=[[p_meet, 1 - p_meet]],
                           players=("P1", "P2"), types=(("-",), ("Meet", "Avoid")),
                           actions=(("B", "S"), ("B", "S")))


class TestBattleOfTheSexesWithUncertainty:
    def test_unique_pure_equilibrium(self):
        """Osborne: the unique pure Bayesian Nash equilibrium is (B, (B, S))."""
        eqs = ns.solve(bos(), method="pure")
        assert [(e.support(0), e.support(1)) for e in eqs] == [(("B",), ("Meet: B; Avoid: S",))]
        assert isinstance(eqs.game, ns.BayesianGame)
        assert eqs.method == "bayesian/pure"

    def test_induced_payoffs(self):
        """Against (B, S), player 1 gets 1/2*2 + 1/2*0 = 1 from B and 1/2*0 + 1/2*1 = 1/2 from S."""
        nf = bos().to_normal_form()
        col = nf.actions[1].index("Meet: B; Avoid: S")
        assert nf.payoffs[:, col, 0].tolist() == [1.0, 0.5]
        assert nf.payoffs[0, col, 1] == pytest.approx(0.5 * 1 + 0.5 * 2)

    def test_auto_two_players_includes_pure(self):
        """With vertex enumeration, 'auto' returns every extreme equilibrium, the pure one among them."""
        eqs = ns.solve(bos())
        assert any(e.is_pure and e.support(1) == ("Meet: B; Avoid: S",) for e in eqs)


def brute_force_induced(g: ns.BayesianGame) -> np.ndarray:
    """The induced strategic form's payoffs by explicit sums over type and plan profiles."""
    n = g.n_players
    plans = [list(itertools.product(range(g.shape[i]), repeat=g.n_types[i])) for i in range(n)]
    out = np.zeros((*[len(p) for p in plans], n))
    for idx in itertools.product(*[range(len(p)) for p in plans]):
        for types in itertools.product(*[range(k) for k in g.n_types]):
            acts = tuple(plans[i][idx[i]][types[i]] for i in range(n))
            out[idx] += g.prior[types] * g.payoffs[(*types, *acts)]
    return out


@st.composite
def bayesian_games(draw):
    n = draw(st.integers(2, 3))
    n_types = tuple(draw(st.integers(1, 2)) for _ in range(n))
    n_actions = tuple(draw(st.integers(1, 2)) for _ in range(n))
    payoffs = draw(hnp.arrays(np.float64, (*n_types, *n_actions, n),
                              elements=st.integers(-3, 3).map(float)))
    weights = draw(hnp.arrays(np.float64, n_types, elements=st.integers(1, 4).map(float)))
    return ns.BayesianGame(payoffs, prior=weights / weights.sum())


class TestInducedForm:
    @settings(max_examples=40, deadline=None)
    @given(bayesian_games())
    def test_matches_brute_force(self, g):
        """to_normal_form agrees with the explicit expectation over types."""
        assert np.allclose(g.to_normal_form().payoffs, brute_force_induced(g))

    @settings(max_examples=30, deadline=None)
    @given(bayesian_games())
    def test_pure_equilibria_are_type_by_type_best_responses(self, g):
        """Each type's action is optimal given its conditional belief about the others' types."""
        nf = g.to_normal_form()
        for eq in ns.solve(g, method="pure"):
            plan = [g.plans(i)[int(np.argmax(s))] for i, s in enumerate(eq.strategies)]
            for i in range(g.n_players):
                for ti in range(g.n_types[i]):
                    value = np.zeros(g.shape[i])
                    for types in itertools.product(*[range(k) for k in g.n_types]):
                        if types[i] != ti:
                            continue
                        for a in range(g.shape[i]):
                            acts = [plan[j][types[j]] for j in range(g.n_players)]
                            acts[i] = a
                            value[a] += g.prior[types] * g.payoffs[(*types, *acts, i)]
                    assert value[plan[i][ti]] >= value.max() - 1e-9
        assert nf.n_players == g.n_players

    def test_auto_for_three_players_is_pure(self):
        """With more than two players 'auto' returns the pure equilibria (complete)."""
        payoffs = np.zeros((1, 1, 1, 2, 2, 2, 3))
        payoffs[0, 0, 0, 1, 1, 1] = 1  # everyone likes all playing A2
        g = ns.BayesianGame(payoffs, prior=np.ones((1, 1, 1)))
        eqs = solve_bayesian(g)
        assert eqs.complete and eqs.method == "bayesian/pure"
        assert any(e.support(0) == ("A2",) and e.support(2) == ("A2",) for e in eqs)

    def test_labels_and_display(self):
        """Default names, plan labels, type games and HTML."""
        g = bos()
        assert g.n_types == (1, 2) and g.shape == (2, 2)
        assert g.marginal(1).tolist() == [0.5, 0.5]
        assert g.to_normal_form().actions[0] == ("B", "S")
        assert np.array_equal(g.type_game((0, 1)).payoffs, np.array(AVOID, dtype=float))
        html = g._repr_html_()
        assert "types (-, Avoid), probability 0.5" in html
        assert "BayesianGame(players=('P1', 'P2')" in repr(g)


class TestValidation:
    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            (dict(payoffs=np.zeros((2, 2, 2))), r"2 \* n_players \+ 1 axes"),
            (dict(payoffs=np.full((1, 1, 1, 1, 2), np.nan)), "payoffs must be finite"),
            (dict(payoffs=np.zeros((1, 0, 1, 1, 2))), "at least one type and one action"),
            (dict(payoffs="x"), "payoffs must be a numeric array"),
            (dict(prior=[[0.5, 0.6]]), "prior must sum to 1"),
            (dict(prior=[0.5, 0.5]), r"prior must have shape \(1, 2\)"),
            (dict(prior=[[1.0, 0.0]]), "prior gives type 'Avoid' of 'P2' probability 0"),
            (dict(prior=[[-0.5, 1.5]]), "prior must be non-negative"),
            (dict(types=(("-",), ("Meet", "Meet"))), "types of 'P2' must be distinct"),
            (dict(types=(("-",),)), "types must give one sequence of names per player"),
            (dict(actions=(("B", "S"), ("B",))), "actions of 'P2' must have 2 names"),
            (dict(players=("P1",)), "players must have 2 names"),
        ],
    )
    def test_errors_name_the_argument(self, kwargs, match):
        """Each malformed argument raises InvalidGameError naming it."""
        base = dict(payoffs=np.array([[MEET, AVOID]]), prior=[[0.5, 0.5]], players=("P1", "P2"),
                    types=(("-",), ("Meet", "Avoid")), actions=(("B", "S"), ("B", "S")))
        base.update(kwargs)
        payoffs, prior = base.pop("payoffs"), base.pop("prior")
        if np.shape(payoffs) != (1, 2, 2, 2, 2) and "prior" not in kwargs:
            base = {}
            prior = np.ones(np.shape(payoffs)[: np.shape(payoffs)[-1]]) if np.ndim(payoffs) > 1 else [1.0]
            prior = prior / max(np.sum(prior), 1)
        with pytest.raises(InvalidGameError, match=match):
            ns.BayesianGame(payoffs, prior, **base)

    def test_solver_refuses_other_games(self):
        """solve_bayesian takes only a BayesianGame."""
        with pytest.raises(UnsupportedMethodError, match="game must be a BayesianGame"):
            solve_bayesian(bos().to_normal_form())
