"""Tests for SignalingGame: construction, validation, the ex-ante strategic form, displays."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_sim as ns
from negotiation_sim.errors import DegenerateGameWarning, InvalidGameError
from tests.strategies import signaling_games

#: Beer–quiche (Cho & Kreps 1987): the sender gets 1 for its preferred breakfast
#: (beer if strong, quiche if weak) plus 2 if not challenged; the receiver gets 1
#: for duelling a weak sender or leaving a strong one alone.
BEER_QUICHE = dict(
    types=("Weak", "Strong"), prior=[0.1, 0.9],
    messages=("Beer", "Quiche"), responses=("Duel", "No duel"),
    sender_payoffs=[[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
    receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
)


def beer_quiche(**changes) -> ns.SignalingGame:
    return ns.SignalingGame(**{**BEER_QUICHE, **changes})


class TestConstruction:
    def test_fields_are_readonly_float_arrays(self):
        """Payoffs and prior are stored as read-only float64 arrays."""
        g = beer_quiche()
        for arr in (g.prior, g.sender_payoffs, g.receiver_payoffs):
            assert arr.dtype == np.float64
            assert not arr.flags.writeable
        assert (g.n_types, g.n_messages, g.n_responses) == (2, 2, 2)
        assert g.players == ("Sender", "Receiver")

    def test_with_prior_keeps_everything_else(self):
        """with_prior changes only the prior."""
        g = beer_quiche()
        h = g.with_prior([0.6, 0.4])
        assert h.prior.tolist() == [0.6, 0.4]
        assert h.types == g.types and np.array_equal(h.sender_payoffs, g.sender_payoffs)
        assert g.prior.tolist() == [0.1, 0.9]
        assert h != g and beer_quiche() == g

    def test_repr_and_html(self):
        """The HTML shows one table per type with its prior."""
        g = beer_quiche(title="Beer or quiche")
        html = g._repr_html_()
        assert "type Weak (prior 0.1)" in html and "type Strong (prior 0.9)" in html
        assert "Beer or quiche" in html and "No duel" in html
        assert "Weak" in repr(g)

    def test_dataframe(self):
        """One row per (type, message, response)."""
        df = beer_quiche().to_dataframe()
        assert len(df) == 8
        row = df[(df.type == "Strong") & (df.message == "Beer") & (df.response == "No duel")]
        assert row["payoff Sender"].item() == 3 and row["payoff Receiver"].item() == 1


class TestNormalForm:
    def test_labels(self):
        """Sender strategies name a message per type, receiver strategies a response per message."""
        nf = beer_quiche().to_normal_form()
        assert nf.actions[0][1] == "Weak: Beer; Strong: Quiche"
        assert nf.actions[1][2] == "Beer: No duel; Quiche: Duel"

    @settings(max_examples=40, deadline=None)
    @given(signaling_games(n_types=3, n_messages=2, n_responses=2))
    def test_matches_brute_force_expectation(self, g):
        """Each cell is the prior-weighted payoff of the message plan and response plan."""
        nf = g.to_normal_form()
        plans_s = list(itertools.product(range(g.n_messages), repeat=g.n_types))
        plans_r = list(itertools.product(range(g.n_responses), repeat=g.n_messages))
        for i, sigma in enumerate(plans_s):
            for j, rho in enumerate(plans_r):
                s = sum(g.prior[t] * g.sender_payoffs[t, sigma[t], rho[sigma[t]]] for t in range(g.n_types))
                r = sum(g.prior[t] * g.receiver_payoffs[t, sigma[t], rho[sigma[t]]] for t in range(g.n_types))
                assert nf.payoffs[i, j] == pytest.approx([s, r])

    def test_pure_nash_of_strategic_form_include_pbe(self):
        """Every pure PBE is a Nash equilibrium of the ex-ante strategic form."""
        g = beer_quiche()
        nf = g.to_normal_form()
        nash = {(e.support(0), e.support(1)) for e in ns.pure_equilibria(nf)}
        for eq in ns.solve(g, method="pure"):
            sigma = "; ".join(f"{t}: {g.messages[int(np.argmax(row))]}" for t, row in zip(g.types, eq.sender_behaviour))
            rho = "; ".join(f"{m}: {g.responses[int(np.argmax(row))]}" for m, row in zip(g.messages, eq.receiver_behaviour))
            assert ((sigma,), (rho,)) in nash


def _tree_order(g: ns.SignalingGame, nf: ns.NormalFormGame) -> tuple[list[int], list[int]]:
    """For each strategy of the tree's strategic form, the index of the same plan in ``g``'s.

    The tree names a sender strategy by its message per type and a receiver
    strategy by its response per message, joined by "/" in that order.
    """
    sender = [g.sender_plans().index(tuple(g.messages.index(m) for m in name.split("/")))
              for name in nf.actions[0]]
    receiver = [g.receiver_plans().index(tuple(g.responses.index(r) for r in name.split("/")))
                for name in nf.actions[1]]
    return sender, receiver


class TestTree:
    def test_structure(self):
        """Nature draws the type with the prior; one receiver information set per message spans the types."""
        g = beer_quiche()
        t = g.to_tree()
        assert t.players == g.players and t.root.kind == "chance"
        assert dict(zip(t.root.actions, t.root.probs)) == pytest.approx({"Weak": 0.1, "Strong": 0.9})
        for typ in g.types:
            assert t.node(typ).player == "Sender" and t.node(typ).actions == g.messages
            for m in g.messages:
                assert t.node(f"{typ}/{m}").infoset_label == f"after {m}"
        leaf = t.node("Strong/Beer/No duel")
        assert leaf.payoff.tolist() == [3.0, 1.0]
        assert not t.is_perfect_information() and t.has_perfect_recall()

    @settings(max_examples=30, deadline=None)
    @given(st.one_of(signaling_games(n_types=3, n_messages=2, n_responses=2),
                     signaling_games(n_types=2, n_messages=3, n_responses=2)))
    def test_reduced_normal_form_is_the_strategic_form(self, g):
        """The tree's reduced strategic form has the signalling game's payoff table, up to strategy order."""
        tree_nf = g.to_tree().to_normal_form()
        rows, cols = _tree_order(g, tree_nf)
        assert sorted(rows) == list(range(len(g.sender_plans())))
        assert sorted(cols) == list(range(len(g.receiver_plans())))
        np.testing.assert_allclose(tree_nf.payoffs, g.to_normal_form().payoffs[np.ix_(rows, cols)],
                                   atol=1e-12)

    @settings(max_examples=30, deadline=None)
    @given(signaling_games(n_types=2, n_messages=2, n_responses=2))
    def test_same_nash_equilibria(self, g):
        """ns.solve on the tree's strategic form finds the signalling game's Nash equilibria, no more."""
        from tests.oracle import same_profile_sets

        tree_nf = g.to_tree().to_normal_form()
        rows, cols = _tree_order(g, tree_nf)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            ours = []
            for e in ns.solve(tree_nf):  # back to the signalling game's strategy order
                x, y = np.zeros(len(rows)), np.zeros(len(cols))
                x[rows], y[cols] = e.strategies
                ours.append((x, y))
            theirs = [e.strategies for e in ns.solve(g.to_normal_form())]
        missed, spurious = same_profile_sets(ours, theirs, atol=1e-9)
        assert not missed and not spurious

    def test_type_names_that_clash_with_tree_labels(self):
        """A type named like Nature or a receiver information set is refused, naming types."""
        with pytest.raises(InvalidGameError, match=r"types \['after Beer'\] clash"):
            beer_quiche(types=("Weak", "after Beer")).to_tree()


class TestValidation:
    @pytest.mark.parametrize(
        ("changes", "match"),
        [
            ({"prior": [0.5, 0.6]}, "prior must sum to 1"),
            ({"prior": [0.0, 1.0]}, "prior must have positive entries"),
            ({"prior": [-0.1, 1.1]}, "prior must have positive entries"),
            ({"prior": [0.2, 0.3, 0.5]}, r"prior must have shape \(2,\)"),
            ({"prior": [np.nan, 0.5]}, "prior must be finite"),
            ({"prior": "half"}, "prior must be an array of probabilities"),
            ({"types": ("Weak", "Weak")}, "types must be distinct"),
            ({"types": "Weak"}, "types must be a sequence of names"),
            ({"types": ()}, "types must name at least one"),
            ({"messages": ("Beer", "")}, "messages must be non-empty strings"),
            ({"responses": ("Duel", 3)}, "responses must be non-empty strings"),
            ({"sender_payoffs": [[1, 2], [3, 4]]}, r"sender_payoffs must have shape \(2, 2, 2\)"),
            ({"receiver_payoffs": np.zeros((2, 2, 3))}, r"receiver_payoffs must have shape \(2, 2, 2\)"),
            ({"sender_payoffs": np.full((2, 2, 2), np.inf)}, "sender_payoffs must be finite"),
            ({"receiver_payoffs": [[["a", 1], [1, 1]], [[1, 1], [1, 1]]]}, "receiver_payoffs must be a numeric array"),
            ({"players": ("Russia", "Russia")}, "players must be distinct"),
            ({"players": ("Russia",)}, "players must have 2 names"),
            ({"players": "Russia"}, "players must be a pair of names"),
        ],
    )
    def test_errors_name_the_argument(self, changes, match):
        """Each malformed argument raises InvalidGameError naming it."""
        with pytest.raises(InvalidGameError, match=match):
            beer_quiche(**changes)

    def test_with_prior_validates(self):
        """with_prior applies the same checks as the constructor."""
        with pytest.raises(InvalidGameError, match="prior must sum to 1"):
            beer_quiche().with_prior([0.3, 0.3])

    def test_prior_is_renormalised_within_tolerance(self):
        """A prior off by round-off is renormalised to sum exactly 1."""
        g = beer_quiche(prior=[0.1 + 1e-9, 0.9])
        assert g.prior.sum() == pytest.approx(1.0, abs=1e-15)


def with_terminal(g: ns.SignalingGame, message: int = 0) -> ns.SignalingGame:
    """The same game with ``message`` made terminal: its payoffs become those of the first response."""
    sender, receiver = np.array(g.sender_payoffs), np.array(g.receiver_payoffs)
    sender[:, message, :] = sender[:, message, :1]
    receiver[:, message, :] = receiver[:, message, :1]
    return ns.SignalingGame(types=g.types, prior=g.prior, messages=g.messages, responses=g.responses,
                            sender_payoffs=sender, receiver_payoffs=receiver, players=g.players,
                            terminal_messages=(g.messages[message],))


class TestTerminalMessages:
    """A message after which the game ends (e.g. the status quo in a crisis): the receiver has no move."""

    def test_names_and_strategic_form(self):
        """The receiver's plans and strategy labels cover only the messages after which it moves."""
        g = with_terminal(beer_quiche(), 1)
        assert g.terminal_messages == ("Quiche",) and g.receiver_messages == ("Beer",)
        assert g.terminal_mask.tolist() == [False, True]
        nf = g.to_normal_form()
        assert nf.actions[1] == ("Beer: Duel", "Beer: No duel")
        assert nf.shape == (4, 2)
        assert "terminal_messages=('Quiche',)" in repr(g)
        df = g.to_dataframe()
        assert len(df) == 6 and set(df[df.message == "Quiche"].response) == {"none (the game ends)"}

    def test_tree_ends_at_the_terminal_message(self):
        """In the tree a terminal message leads to a terminal node, with no receiver information set."""
        t = with_terminal(beer_quiche(), 1).to_tree()
        assert t.node("Weak/Quiche").payoff.tolist() == [1.0, 1.0]
        assert t.node("Weak/Beer").infoset_label == "after Beer"

    @settings(max_examples=30, deadline=None)
    @given(st.one_of(signaling_games(n_types=3, n_messages=2, n_responses=2),
                     signaling_games(n_types=2, n_messages=3, n_responses=2)))
    def test_reduced_normal_form_is_the_strategic_form(self, g):
        """With a terminal message, the tree's reduced strategic form is still the signalling game's."""
        g = with_terminal(g)
        tree_nf = g.to_tree().to_normal_form()
        rows, cols = _tree_order_terminal(g, tree_nf)
        np.testing.assert_allclose(tree_nf.payoffs, g.to_normal_form().payoffs[np.ix_(rows, cols)], atol=1e-12)

    @pytest.mark.parametrize(
        ("terminal", "match"),
        [(("Milk",), r"terminal_messages \['Milk'\] are not messages"),
         (("Beer", "Beer"), "terminal_messages must be distinct"),
         (("Beer", "Quiche"), "cannot hold every message"),
         ("Beer", "terminal_messages must be a sequence"),
         (("Beer",), r"sender_payoffs\[:, 0, :\] must not depend on the response")],
    )
    def test_errors(self, terminal, match):
        """Unknown, repeated or all messages, and payoffs that depend on a response that does not exist."""
        with pytest.raises(InvalidGameError, match=match):
            beer_quiche(terminal_messages=terminal)


def _tree_order_terminal(g: ns.SignalingGame, nf: ns.NormalFormGame) -> tuple[list[int], list[int]]:
    """Like _tree_order, for a game whose receiver answers only ``g.receiver_messages``."""
    sender = [g.sender_plans().index(tuple(g.messages.index(m) for m in name.split("/")))
              for name in nf.actions[0]]
    receiver = [g.receiver_plans().index(tuple(g.responses.index(r) for r in name.split("/")))
                for name in nf.actions[1]]
    return sender, receiver
