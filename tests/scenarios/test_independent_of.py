"""Results reused across moves of one parameter (``independent_of``) equal the ones computed afresh."""

import numpy as np
import pytest

import negotiation_sim as ns

#: (scenario, cached method, the parameter it does not depend on, values of that parameter, another parameter)
CASES = [
    ("cornered_rat", "switch_reference", "reference", (-1.0, 0.0, 0.7), ("loss_aversion", 3.0)),
    ("coalition_unity", "_resist_curve", "cohesion", (0.2, 0.5, 0.9), ("n_allies", None)),
    ("mediation", "_bias_curve", "mediator_bias", (0.1, 0.6), (None, None)),
    ("hostage_taker", "_default_leverage_rows", "leverage", (0.2, 0.7), (None, None)),
]


@pytest.mark.parametrize("name, method, moved, values, other", CASES)
def test_reused_results_are_the_fresh_ones(name, method, moved, values, other):
    """At each value of the moved parameter the (possibly reused) result equals the undecorated method's;
    changing another parameter gives that point's own result, not the reused one."""
    base = ns.scenarios.get(name)
    fresh = getattr(type(base), method).__wrapped__
    for v in values:
        sc = base.with_params(**{moved: v})
        got = getattr(sc, method)()
        assert got == fresh(sc) or np.array_equal(np.asarray(got, dtype=object), np.asarray(fresh(sc), dtype=object))
    pname, value = other
    if pname is not None:
        value = value if value is not None else getattr(base, pname) + 1
        sc = base.with_params(**{pname: value})
        assert getattr(sc, method)() == fresh(sc)


def test_switch_reference_is_the_same_at_every_reference_and_follows_loss_aversion():
    """The switch point does not depend on the current reference point, but it moves with loss aversion
    (recomputed here by the same bisection, without reuse)."""
    sc = ns.scenarios.get("cornered_rat")
    fresh = type(sc).switch_reference.__wrapped__
    a = [sc.with_params(reference=r).switch_reference() for r in (-1.5, 0.0, 1.5)]
    assert a[0] == a[1] == a[2] == fresh(sc)
    other = sc.with_params(loss_aversion=4.0)
    assert other.switch_reference() == fresh(other)


def test_signed_zero_is_a_different_point():
    """0.0 and -0.0 are kept apart (the key uses the floats' bits)."""
    from negotiation_sim.scenarios._base import _exact

    assert _exact(0.0) != _exact(-0.0)
    assert _exact(3) == 3


#: (scenario, curve method, the parameter along the curve, grid size, what the curve holds at one point)
CURVES = [
    ("hostage_taker", "_default_leverage_rows", "leverage", 201,
     lambda sc: {"leverage": sc.leverage, **{k: getattr(sc.build().solve(), k)
                                             for k in ns.scenarios.get("hostage_taker").leverage_curve().columns
                                             if k != "leverage"}}),
    ("mediation", "_bias_curve", "mediator_bias", 201, lambda sc: sc.build().solve()),
    ("coalition_unity", "_resist_curve", "cohesion", 101, lambda sc: sc.build().p_resist()),
]


@pytest.mark.parametrize("name, method, along, n, point", CURVES)
def test_curves_are_the_scenario_rebuilt_at_each_point(name, method, along, n, point):
    """A curve drawn over one parameter holds, at each grid value, what the scenario rebuilt there (validated
    with_params, its own build) gives, also away from the defaults."""
    base = ns.scenarios.get(name)
    for sc in (base, base.with_params(**{p: base.parameter_range(p)[0] + 0.7 * (getattr(base, p) -
                                                                                 base.parameter_range(p)[0])
                                         for p in list(base.specs)[1:3] if not base.specs[p].integer})):
        curve = getattr(sc, method)()
        assert len(curve) == n
        for i in (0, 13, n // 2, n - 1):
            assert curve[i] == point(sc.with_params(**{along: float(np.linspace(0, 1, n)[i])}))


def test_a_result_let_go_meanwhile_is_still_returned():
    """A kept result that another thread lets go between finding it and marking it as recently used is
    returned all the same (no KeyError)."""
    from collections import OrderedDict

    class LetGo(OrderedDict):
        def __getitem__(self, key):
            value = super().__getitem__(key)
            self.pop(key, None)  # another thread evicts it now
            return value

    sc = ns.scenarios.get("cornered_rat")
    method = type(sc).switch_reference
    saved = vars(method)["kept"]
    vars(method)["kept"] = LetGo()
    try:
        first = sc.switch_reference()
        assert sc.switch_reference() == first == method.__wrapped__(sc)
    finally:
        vars(method)["kept"] = saved
