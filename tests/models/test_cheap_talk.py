"""CheapTalk: Crawford-Sobel partitions against the textbook formulas, the equilibrium conditions, simulation and an LP."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, sparse

import negotiation_sim as ns
from negotiation_sim.errors import InvalidParameterError

BIASES = [0.001, 0.01, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.24]


def textbook_n(b):
    """N(b) = ceil(-1/2 + 1/2 sqrt(1 + 2/b)) (Crawford and Sobel 1982, section 4)."""
    return math.ceil(-0.5 + 0.5 * math.sqrt(1 + 2 / b))


def largest_n_by_recursion(b):
    """The largest n whose boundary recursion a_{i+1} = 2 a_i - a_{i-1} + 4b from a_0 = 0, a_n = 1 has a_1 > 0."""
    n = 1
    while True:
        m = n + 1
        # a_m = m a_1 + 2 b m (m - 1) = 1  (sum of the arithmetic steps)
        a1 = (1 - 2 * b * m * (m - 1)) / m
        if a1 <= 0:
            return n
        n = m


def boundaries_by_indifference(b, n):
    """Solve the n - 1 indifference conditions a_i + b = (y_i + y_{i+1})/2, y = interval midpoints, numerically.

    The conditions are affine in the inner boundaries, so evaluating them at 0 and at each unit vector gives the
    linear system, solved by numpy (no use of the closed form).
    """
    def residual(inner):
        a = np.r_[0.0, inner, 1.0]
        y = (a[:-1] + a[1:]) / 2
        return a[1:-1] + b - (y[:-1] + y[1:]) / 2

    if n == 1:
        return np.array([0.0, 1.0])
    c = residual(np.zeros(n - 1))
    A = np.column_stack([residual(e) - c for e in np.eye(n - 1)])
    return np.r_[0.0, np.linalg.solve(A, -c), 1.0]


class TestPartitions:
    @pytest.mark.parametrize("b", BIASES)
    def test_max_partitions_against_the_textbook_formula_and_the_recursion(self, b):
        """max_partitions equals ceil(-1/2 + sqrt(1 + 2/b)/2) and the largest n with a positive first interval."""
        ct = ns.models.CheapTalk(bias=b)
        assert ct.max_partitions == textbook_n(b) == largest_n_by_recursion(b)

    @pytest.mark.parametrize("b", [0.25, 0.26, 0.3, 0.5, 1.0, 10.0])
    def test_babbling_at_a_quarter_or_more(self, b):
        """At b >= 1/4 the only equilibrium is babbling: one interval [0, 1]."""
        ct = ns.models.CheapTalk(bias=b)
        assert ct.max_partitions == 1 == textbook_n(b)
        assert ct.partition(1).tolist() == [0.0, 1.0]
        assert ct.solve().babbling and ct.solve().receiver_loss == pytest.approx(1 / 12)

    def test_just_below_a_quarter_two_intervals(self):
        """Just below 1/4 two intervals are possible, with a_1 = 1/2 - 2b close to 0."""
        ct = ns.models.CheapTalk(bias=0.2499)
        assert ct.max_partitions == 2
        assert ct.partition(2)[1] == pytest.approx(0.5 - 2 * 0.2499)

    def test_knife_edge_bias_excludes_the_degenerate_partition(self):
        """At b = 1/(2 n (n - 1)) the n-interval partition degenerates (a_1 = 0): N(b) = n - 1."""
        for n in (2, 3, 4, 7):
            b = 1 / (2 * n * (n - 1))
            assert ns.models.CheapTalk(bias=b).max_partitions == n - 1

    @pytest.mark.parametrize("b", BIASES)
    def test_boundaries_against_formula_and_numerical_indifference(self, b):
        """Every n-interval partition: a_i = i/n + 2bi(i - n), and the same from solving the indifference conditions."""
        ct = ns.models.CheapTalk(bias=b)
        for n in sorted({1, 2, ct.max_partitions // 2 or 1, ct.max_partitions}):
            if n > 40:
                continue
            i = np.arange(n + 1)
            assert ct.partition(n) == pytest.approx(i / n + 2 * b * i * (i - n), abs=1e-12)
            assert ct.partition(n) == pytest.approx(boundaries_by_indifference(b, n), abs=1e-9)

    @settings(max_examples=60, deadline=None)
    @given(st.floats(1e-3, 0.3))
    def test_equilibrium_conditions_by_direct_evaluation(self, b):
        """Receiver: each action is its interval's mean (best reply, checked on a grid); sender: boundary types tie."""
        ct = ns.models.CheapTalk(bias=b)
        n = min(ct.max_partitions, 30)
        a, y = ct.partition(n), ct.actions(n)
        assert np.all(np.diff(a) > 0)
        grid = np.linspace(-0.5, 1.5, 4001)
        for k in range(n):
            theta = np.linspace(a[k], a[k + 1], 401)
            loss = ((grid[:, None] - theta[None, :]) ** 2).mean(axis=1)
            assert abs(grid[np.argmin(loss)] - y[k]) <= 1e-3
        for k in range(1, n):  # type a_k is indifferent between y_{k-1} and y_k
            assert (y[k - 1] - a[k] - b) ** 2 == pytest.approx((y[k] - a[k] - b) ** 2, abs=1e-12)

    def test_partition_refuses_too_many_intervals(self):
        """n above max_partitions is not an equilibrium; the error names n and the maximum."""
        ct = ns.models.CheapTalk(bias=0.1)
        with pytest.raises(InvalidParameterError, match="max_partitions = 2"):
            ct.partition(3)
        with pytest.raises(InvalidParameterError, match="n must be a positive integer"):
            ct.partition(0)
        with pytest.raises(InvalidParameterError, match="at most"):
            ns.models.CheapTalk(bias=1e-14).partition(2_000_000)


class TestLosses:
    @pytest.mark.parametrize("b", [0.01, 0.05, 0.1, 0.2, 0.3])
    def test_losses_by_seeded_simulation(self, b):
        """Monte Carlo: draw the state, send its interval, act at the midpoint; mean losses match the closed forms."""
        ct = ns.models.CheapTalk(bias=b)
        n = ct.max_partitions
        a = ct.partition(n)
        rng = np.random.default_rng(20260101)
        theta = rng.uniform(0, 1, 400_000)
        k = np.clip(np.searchsorted(a, theta, side="right") - 1, 0, n - 1)
        y = (a[k] + a[k + 1]) / 2
        receiver, sender = (y - theta) ** 2, (y - theta - b) ** 2
        se = receiver.std() / math.sqrt(theta.size)
        assert ct.receiver_loss(n) == pytest.approx(1 / (12 * n**2) + b**2 * (n**2 - 1) / 3)
        assert abs(receiver.mean() - ct.receiver_loss(n)) < 4 * se
        assert abs(sender.mean() - ct.sender_loss(n)) < 4 * sender.std() / math.sqrt(theta.size)

    def test_more_intervals_lower_both_losses(self):
        """Within one bias, the receiver's loss falls with the number of intervals (CS: the finest is best)."""
        ct = ns.models.CheapTalk(bias=0.01)
        losses = [ct.receiver_loss(n) for n in range(1, ct.max_partitions + 1)]
        assert np.all(np.diff(losses) < 0)


def optimal_mediation_lp(b, K, M):
    """Minimal receiver loss over mediation mechanisms on K equally likely states and M actions (an LP).

    Variables q[k, m] = P(state k, recommendation y_m). Honesty: no sender type gains by reporting another
    type; obedience: each recommended y_m is the posterior mean given it (quadratic loss); prior: rows sum to 1/K.
    """
    th = (np.arange(K) + 0.5) / K
    ys = np.linspace(0, 1, M)
    ls = (ys[None, :] - th[:, None] - b) ** 2
    pairs = [(k, j) for k in range(K) for j in range(K) if j != k]
    rows = np.repeat(np.arange(len(pairs)), 2 * M)
    cols = np.concatenate([np.r_[k * M + np.arange(M), j * M + np.arange(M)] for k, j in pairs])
    vals = np.concatenate([np.r_[ls[k], -ls[k]] for k, _ in pairs])
    honesty = sparse.csr_matrix((vals, (rows, cols)), shape=(len(pairs), K * M))
    kk, mm = np.meshgrid(np.arange(K), np.arange(M), indexing="ij")
    obedience = sparse.csr_matrix(((ys[mm] - th[kk]).ravel(), (mm.ravel(), (kk * M + mm).ravel())), shape=(M, K * M))
    prior = sparse.csr_matrix((np.ones(K * M), (kk.ravel(), (kk * M + mm).ravel())), shape=(K, K * M))
    res = optimize.linprog(((ys[mm] - th[kk]) ** 2).ravel(), A_ub=honesty, b_ub=np.zeros(len(pairs)),
                           A_eq=sparse.vstack([obedience, prior]), b_eq=np.r_[np.zeros(M), np.full(K, 1 / K)],
                           bounds=(0, None), method="highs")
    assert res.status == 0
    return res.fun


class TestMediation:
    @pytest.mark.parametrize("b", [0.1, 0.35])
    def test_optimal_mediator_against_an_lp_over_mechanisms(self, b):
        """The LP's optimum on 16 and 32 states, extrapolated (error ~ 1/K), is b(1 - b)/3 within 1.5%."""
        low, high = optimal_mediation_lp(b, 16, 65), optimal_mediation_lp(b, 32, 129)
        extrapolated = 2 * high - low
        ours = ns.models.CheapTalk(bias=b).mediated_receiver_loss()
        assert ours == pytest.approx(b * (1 - b) / 3)
        assert extrapolated == pytest.approx(ours, rel=0.015)

    @pytest.mark.parametrize("b", [0.02, 0.1, 0.2, 0.26, 0.4, 0.49])
    def test_mediation_helps_and_never_hurts(self, b):
        """The mediator's loss is at most the best unmediated one; strictly lower for 1/4 <= b < 1/2 (babbling)."""
        r = ns.models.CheapTalk(bias=b).solve()
        assert r.mediated_receiver_loss <= r.receiver_loss + 1e-15
        assert r.mediated_sender_loss == pytest.approx(r.mediated_receiver_loss + b**2)
        if b >= 0.25:
            assert r.mediation_gain > 0 and "mediator who filters" in r.describe()

    @settings(max_examples=100, deadline=None)
    @given(st.floats(1e-4, 0.6))
    def test_no_equilibrium_of_direct_talk_beats_the_optimal_mediator(self, b):
        """The mediator's loss b(1 - b)/3 is a lower bound on every partition equilibrium's loss (n = 1..N)."""
        ct = ns.models.CheapTalk(bias=b)
        best = min(1 / (12 * n**2) + b**2 * (n**2 - 1) / 3 for n in range(1, ct.max_partitions + 1))
        assert ct.mediated_receiver_loss() <= best + 1e-15

    @pytest.mark.parametrize("b", [0.5, 0.7, 3.0])
    def test_no_mediation_gain_from_a_half(self, b):
        """From b = 1/2 on, no mechanism beats babbling: mediated loss 1/12 (the LP agrees at b = 0.7)."""
        r = ns.models.CheapTalk(bias=b).solve()
        assert r.mediated_receiver_loss == pytest.approx(1 / 12) and r.mediation_gain == 0
        assert "cannot do better" in r.describe()
        if b == 0.7:
            assert optimal_mediation_lp(b, 16, 65) == pytest.approx((1 - 1 / 16**2) / 12, rel=1e-6)


@pytest.mark.parametrize("bad", [0, -0.1, float("nan"), float("inf"), "0.1", True])
def test_bias_must_be_positive_finite(bad):
    """A bias that is not a positive number is refused, naming 'bias'."""
    with pytest.raises(InvalidParameterError, match="bias"):
        ns.models.CheapTalk(bias=bad)


def test_describe_states_the_numbers():
    """describe() gives the number of intervals and the receiver's loss it reports."""
    r = ns.models.CheapTalk(bias=0.05).solve()
    assert "3 intervals" in r.describe() and f"{r.receiver_loss:.4g}" in r.describe()
