"""strategic_logit: ordinary logit and probit, independent maximisation, parameter recovery, bootstrap, display."""

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

import negotiation_sim as ns
from negotiation_sim.errors import ConvergenceWarning, InvalidParameterError

from .test_likelihood import R2, games_probs

sm = pytest.importorskip("statsmodels.api")

EGAME12_TRUTH = {"u11:const": -1.0, "u14:const": 0.5, "u14:x": 1.0, "u14:w": -2.0,
                 "u24:const": -1.0, "u24:w": 3.0, "u24:x": -1.0}
EGAME12_UTILS = {"u11": [], "u14": ["x", "w"], "u24": ["w", "x"]}


def one_decision_data(seed, n=400):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"x": rng.standard_normal(n), "z": rng.uniform(-1, 2, n)})
    p = 1 / (1 + np.exp(-(0.3 + 1.2 * df.x - 0.7 * df.z)))
    df["y"] = (rng.uniform(size=n) < p).astype(int)
    return df


class TestOneDecision:
    @pytest.mark.parametrize("seed", [0, 1, 2])
    def test_equals_statsmodels_logit(self, seed):
        """one_decision is an ordinary logit: params, std errs and log-likelihood equal statsmodels' Logit."""
        df = one_decision_data(seed)
        fit = ns.estimate.strategic_logit(df, "y", {"u1": ["x", "z"]}, game="one_decision")
        ref = sm.Logit(df["y"], sm.add_constant(df[["x", "z"]])).fit(disp=0)
        np.testing.assert_allclose(fit.params.to_numpy(), ref.params.to_numpy(), rtol=1e-7, atol=1e-9)
        np.testing.assert_allclose(fit.bse.to_numpy(), ref.bse.to_numpy(), rtol=1e-5)
        assert fit.llf == pytest.approx(ref.llf, rel=1e-10)
        assert fit.aic == pytest.approx(ref.aic, rel=1e-10) and fit.bic == pytest.approx(ref.bic, rel=1e-10)
        np.testing.assert_allclose(fit.pvalues.to_numpy(), ref.pvalues.to_numpy(), rtol=1e-4, atol=1e-12)
        np.testing.assert_allclose(fit.conf_int().to_numpy(), ref.conf_int().to_numpy(), rtol=1e-5)
        np.testing.assert_allclose(fit.fitted["Pr(1)"], ref.predict(), rtol=1e-7)
        assert list(fit.params.index) == ["u1:const", "u1:x", "u1:z"]

    def test_probit_equals_statsmodels_probit(self):
        """With link="probit" one_decision equals statsmodels' Probit."""
        df = one_decision_data(4)
        fit = ns.estimate.strategic_logit(df, "y", {"u1": ["x", "z"]}, game="one_decision", link="probit")
        ref = sm.Probit(df["y"], sm.add_constant(df[["x", "z"]])).fit(disp=0)
        np.testing.assert_allclose(fit.params.to_numpy(), ref.params.to_numpy(), rtol=1e-7, atol=1e-9)
        np.testing.assert_allclose(fit.bse.to_numpy(), ref.bse.to_numpy(), rtol=1e-5)
        assert fit.llf == pytest.approx(ref.llf, rel=1e-10)


class TestEgame12:
    def test_maximum_equals_an_independent_maximisation(self):
        """The estimate maximises games' egame12 likelihood (written here), as BFGS on finite differences finds it."""
        df = ns.estimate.simulate(EGAME12_TRUTH, n=800, game="egame12", rng=3)
        fit = ns.estimate.strategic_logit(df, "outcome", EGAME12_UTILS)
        y = df["outcome"].to_numpy()

        def negll(b):
            u = {"u11": b[0], "u14": b[1] + b[2] * df.x + b[3] * df.w, "u24": b[4] + b[5] * df.w + b[6] * df.x}
            p = games_probs("egame12", {k: R2 * np.asarray(v) for k, v in u.items()}, "logit")
            return -np.sum(np.log(p[np.arange(len(y)), y]))

        ref = optimize.minimize(negll, np.full(7, 0.1), method="BFGS", options={"gtol": 1e-7})
        assert -ref.fun <= fit.llf + 1e-8
        np.testing.assert_allclose(fit.params.to_numpy(), ref.x, atol=1e-4)
        # The Hessian of the independent likelihood at the estimate, by central differences of its values.
        h = np.zeros((7, 7))
        e = 1e-4
        b0 = fit.params.to_numpy()
        for i in range(7):
            for j in range(7):
                di, dj = np.eye(7)[i] * e, np.eye(7)[j] * e
                h[i, j] = (negll(b0 + di + dj) - negll(b0 + di - dj) - negll(b0 - di + dj) + negll(b0 - di - dj)) / (4 * e * e)
        np.testing.assert_allclose(fit.bse.to_numpy(), np.sqrt(np.diag(np.linalg.inv(h))), rtol=1e-3)

    def test_fitted_probabilities_and_predict(self):
        """fitted rows are the model's outcome probabilities at the estimate; predict on new data agrees."""
        df = ns.estimate.simulate(EGAME12_TRUTH, n=600, game="egame12", rng=8)
        fit = ns.estimate.strategic_logit(df, "outcome", EGAME12_UTILS)
        b = fit.params
        u = {"u11": np.full(len(df), b["u11:const"]), "u14": b["u14:const"] + b["u14:x"] * df.x + b["u14:w"] * df.w,
             "u24": b["u24:const"] + b["u24:w"] * df.w + b["u24:x"] * df.x}
        expected = games_probs("egame12", {k: R2 * np.asarray(v) for k, v in u.items()}, "logit")
        np.testing.assert_allclose(fit.fitted.to_numpy(), expected, rtol=1e-10)
        np.testing.assert_allclose(fit.predict(df.iloc[:7]).to_numpy(), expected[:7], rtol=1e-10)
        ovf = fit.observed_vs_fitted()
        assert ovf["observed"].to_numpy() == pytest.approx(np.bincount(df.outcome, minlength=3) / len(df))
        assert ovf["fitted"].to_numpy() == pytest.approx(expected.mean(axis=0))

    def test_labels_and_csv(self, tmp_path):
        """String outcome labels (given left to right) and a CSV path give the same fit as integer codes."""
        df = ns.estimate.simulate(EGAME12_TRUTH, n=500, game="egame12", rng=4)
        ints = ns.estimate.strategic_logit(df, "outcome", EGAME12_UTILS)
        labelled = df.assign(outcome=df.outcome.map({0: "SQ", 1: "CAP", 2: "WAR"}))
        path = tmp_path / "crises.csv"
        labelled.to_csv(path, index=False)
        fit = ns.estimate.strategic_logit(path, "outcome", EGAME12_UTILS, outcomes=["SQ", "CAP", "WAR"])
        np.testing.assert_allclose(fit.params.to_numpy(), ints.params.to_numpy(), rtol=1e-8, atol=1e-10)
        assert list(fit.fitted.columns) == ["Pr(SQ)", "Pr(CAP)", "Pr(WAR)"]


def covered(fit, truth, alpha=0.05):
    ci = fit.conf_int(alpha)
    t = pd.Series(truth)[fit.params.index]
    return (ci.iloc[:, 0] <= t) & (t <= ci.iloc[:, 1])


def wald_inside(fit, truth, alpha=0.05):
    """Whether the truth lies in the joint Wald ellipsoid (chi-square with k degrees of freedom)."""
    d = (fit.params - pd.Series(truth)[fit.params.index]).to_numpy()
    return float(d @ np.linalg.solve(fit.cov.to_numpy(), d)) <= stats.chi2.ppf(1 - alpha, len(d))


class TestParameterRecovery:
    """95% intervals cover the truth about 95% of the time on data drawn from known parameters.

    Seeds are independent draws, so per coefficient the number of covering intervals is
    Binomial(S, 0.95) if the standard errors are right; the test fails below its 0.1% quantile.
    """

    @pytest.mark.parametrize(("n", "seeds"), [(500, 30), (5000, 8)])
    def test_egame12_coverage(self, n, seeds):
        hits, joint = [], 0
        for s in range(seeds):
            df = ns.estimate.simulate(EGAME12_TRUTH, n=n, game="egame12", rng=1000 + s)
            fit = ns.estimate.strategic_logit(df, "outcome", EGAME12_UTILS)
            hits.append(covered(fit, EGAME12_TRUTH))
            joint += wald_inside(fit, EGAME12_TRUTH)
        hits = pd.DataFrame(hits)
        low = stats.binom.ppf(0.001, seeds, 0.95)
        assert (hits.sum() >= low).all(), hits.sum().to_dict()
        assert joint >= low
        # Pooled over coefficients: not far above 95% either (standard errors not inflated).
        assert 0.90 <= hits.to_numpy().mean() <= 0.995

    def test_egame123_probit_coverage(self):
        """The four-outcome game with probit error recovers its coefficients too."""
        truth = {"u13:const": 1.0, "u16:const": -1.0, "u16:x": 1.0, "u23:const": -0.5, "u26:const": -1.0,
                 "u26:x": -1.0, "u36:const": 0.3, "u36:x": 1.0}
        utils = {"u13": [], "u16": ["x"], "u23": [], "u26": ["x"], "u36": ["x"]}
        seeds = 10
        hits = []
        for s in range(seeds):
            df = ns.estimate.simulate(truth, n=2000, game="egame123", link="probit", rng=2000 + s)
            fit = ns.estimate.strategic_logit(df, "outcome", utils, game="egame123", link="probit")
            hits.append(covered(fit, truth))
        assert (pd.DataFrame(hits).sum() >= stats.binom.ppf(0.001, seeds, 0.95)).all()

    def test_egame122_recovers(self):
        """egame122 on 5000 crises: every estimate within 4 standard errors of the truth."""
        truth = {"u11:const": 0.4, "u12:const": -0.3, "u12:x": 1.0, "u14:const": 0.8,
                 "u22:const": 0.5, "u22:x": -1.0, "u24:const": -0.2, "u24:x": 1.5}
        utils = {"u11": [], "u12": ["x"], "u14": [], "u22": ["x"], "u24": ["x"]}
        df = ns.estimate.simulate(truth, n=5000, game="egame122", rng=77)
        fit = ns.estimate.strategic_logit(df, "outcome", utils, game="egame122")
        assert (np.abs(fit.params - pd.Series(truth)[fit.params.index]) < 4 * fit.bse).all()


class TestBootstrapAndDisplay:
    def test_bootstrap_is_seeded_and_close_to_the_hessian(self):
        """The bootstrap repeats with its seed, and its standard errors are near the Hessian's."""
        df = ns.estimate.simulate(EGAME12_TRUTH, n=800, game="egame12", rng=21)
        a = ns.estimate.strategic_logit(df, "outcome", EGAME12_UTILS, bootstrap=30, rng=5)
        b = ns.estimate.strategic_logit(df, "outcome", EGAME12_UTILS, bootstrap=3, rng=5)
        pd.testing.assert_frame_equal(a.boot_params.iloc[:3], b.boot_params)
        assert len(a.boot_params) + a.boot_failed == 30
        ratio = a.bse_boot / a.bse
        assert ((ratio > 0.6) & (ratio < 1.5)).all(), ratio.to_dict()
        table = a.table()
        assert {"boot std err", "boot 2.5%", "boot 97.5%"} <= set(table.columns)

    def test_bootstrap_is_bounded(self):
        """More than MAX_BOOTSTRAP replicates, or a negative count, is refused."""
        df = ns.estimate.simulate(EGAME12_TRUTH, n=300, game="egame12", rng=2)
        for bad in (ns.estimate.strategic.MAX_BOOTSTRAP + 1, -3, 2.5, True):
            with pytest.raises(InvalidParameterError, match="bootstrap"):
                ns.estimate.strategic_logit(df, "outcome", EGAME12_UTILS, bootstrap=bad)

    def test_failed_replicates_are_counted_with_a_warning(self):
        """Resamples that lose an outcome are left out, counted, and warned about."""
        df = pd.DataFrame({"y": [1] + [0] * 29})  # one event: a resample misses it with chance (29/30)**30
        with pytest.warns(ConvergenceWarning, match="bootstrap refits failed"):
            fit = ns.estimate.strategic_logit(df, "y", {"u1": []}, game="one_decision", bootstrap=20, rng=1)
        assert fit.boot_failed > 0 and len(fit.boot_params) == 20 - fit.boot_failed
        assert fit.params["u1:const"] == pytest.approx(np.log(1 / 29))

    def test_table_and_summary(self):
        """The tidy table's columns, z = estimate / std err, and a summary for text and notebooks."""
        df = one_decision_data(9)
        fit = ns.estimate.strategic_logit(df, "y", {"u1": ["x"]}, game="one_decision")
        t = fit.table(alpha=0.1)
        assert list(t.columns) == ["estimate", "std err", "z", "p", "5%", "95%"]
        assert t["z"].to_numpy() == pytest.approx((t["estimate"] / t["std err"]).to_numpy())
        z = stats.norm.ppf(0.95)
        assert t["95%"].to_numpy() == pytest.approx((t["estimate"] + z * t["std err"]).to_numpy())
        s = fit.summary()
        text, page = str(s), s._repr_html_()
        assert "one_decision" in text and "u1:x" in text and "Log-likelihood" in text
        assert "<table" in page and "u1:x" in page and fit._repr_html_() == page
        assert "one_decision" in fit.describe() and "400 crises" in fit.describe()
        with pytest.raises(InvalidParameterError, match="alpha"):
            fit.table(alpha=1.0)
