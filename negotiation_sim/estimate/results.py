"""The result of :func:`strategic_logit`: coefficients, standard errors, fitted probabilities, a summary."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from negotiation_sim._validate import number_in
from negotiation_sim.errors import InvalidParameterError
from negotiation_sim.estimate import _data, _likelihood
from negotiation_sim.estimate.trees import StrategicGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["StrategicFit", "FitSummary"]


@attrs.frozen(eq=False, repr=False)
class FitSummary:
    """A printable and notebook-displayable summary: a header and the coefficient table.

    ``str()`` gives plain text; Jupyter shows ``_repr_html_``.
    """

    title: str
    header: tuple[tuple[str, str], ...]
    table: pd.DataFrame
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        width = max(len(k) for k, _ in self.header)
        lines = [self.title, "=" * len(self.title)]
        lines += [f"{k:<{width}}  {v}" for k, v in self.header]
        lines += ["", self.table.to_string(float_format=lambda v: f"{v:.4g}")]
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        head = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                       for k, v in self.header)
        notes = "".join(f"<p><i>Note:</i> {html.escape(n)}</p>" for n in self.notes)
        table = self.table.to_html(float_format=lambda v: f"{v:.4g}", border=0)
        return f"<div><p><b>{html.escape(self.title)}</b></p><table>{head}</table>{table}{notes}</div>"


@attrs.frozen(eq=False, repr=False)
class StrategicFit:
    """A fitted agent-error crisis model (:func:`strategic_logit`).

    Attributes
    ----------
    game : StrategicGame
        The tree (``game.describe()`` gives its moves and utilities).
    link : str
        ``"logit"`` or ``"probit"``.
    outcome : str
        The outcome column.
    outcomes : tuple
        The outcome labels, one per terminal of the tree, left to right.
    utilities : dict
        ``{utility: (covariate, ...)}`` as estimated; each also has a constant.
        Utilities of the game that are not keys are fixed at 0.
    params : pandas.Series
        The maximum-likelihood coefficients, indexed ``"u11:const"``, ``"u11:x"``, ...
    cov : pandas.DataFrame
        Their covariance, the inverse of the observed information (minus
        the Hessian of the log-likelihood at the maximum).
    llf : float
        The maximised log-likelihood.
    nobs : int
        Rows (crises) used.
    fitted : pandas.DataFrame
        Each row's fitted chance of each outcome (columns ``"Pr(<label>)"``,
        the data's index).
    n_iter : int
        Optimiser iterations (BFGS, then Newton).
    grad_max : float
        ``max |gradient of the mean log-likelihood|`` at the estimate.
    observed : tuple of int
        How many rows ended in each outcome.
    boot_params : pandas.DataFrame or None
        One row of coefficients per successful bootstrap replicate.
    boot_failed : int
        Replicates whose refit failed (e.g. a resample missing an outcome).
    """

    game: StrategicGame
    link: str
    outcome: str
    outcomes: tuple
    utilities: dict
    params: pd.Series
    cov: pd.DataFrame
    llf: float
    nobs: int
    fitted: pd.DataFrame
    n_iter: int
    grad_max: float
    observed: tuple = ()
    boot_params: pd.DataFrame | None = None
    boot_failed: int = 0

    @property
    def bse(self) -> pd.Series:
        """Standard errors from the Hessian: ``sqrt(diag(cov))``."""
        import pandas as pd

        return pd.Series(np.sqrt(np.diag(self.cov.to_numpy())), index=self.params.index, name="std err")

    @property
    def bse_boot(self) -> pd.Series | None:
        """Bootstrap standard errors (the replicates' standard deviation), or None without a bootstrap."""
        if self.boot_params is None:
            return None
        return self.boot_params.std(ddof=1).rename("boot std err")

    @property
    def zvalues(self) -> pd.Series:
        """``params / bse``."""
        return (self.params / self.bse).rename("z")

    @property
    def pvalues(self) -> pd.Series:
        """Two-sided p-values of ``z`` under the standard normal."""
        import pandas as pd
        from scipy import special

        return pd.Series(2 * special.ndtr(-np.abs(self.zvalues.to_numpy())), index=self.params.index, name="p")

    @property
    def aic(self) -> float:
        """``2 k - 2 llf``."""
        return 2 * len(self.params) - 2 * self.llf

    @property
    def bic(self) -> float:
        """``k log(n) - 2 llf``."""
        return len(self.params) * np.log(self.nobs) - 2 * self.llf

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Wald intervals ``params -/+ z_(1 - alpha/2) * bse``; columns name the quantiles."""
        import pandas as pd
        from scipy import special

        alpha = _alpha(alpha)
        z = special.ndtri(1 - alpha / 2)
        lo, hi = _quantile_names(alpha)
        return pd.DataFrame({lo: self.params - z * self.bse, hi: self.params + z * self.bse})

    def table(self, alpha: float = 0.05) -> pd.DataFrame:
        """The tidy coefficient table: estimate, std err, z, p, the interval, and bootstrap columns if any."""
        import pandas as pd

        alpha = _alpha(alpha)
        out = pd.DataFrame({"estimate": self.params, "std err": self.bse, "z": self.zvalues, "p": self.pvalues})
        out = out.join(self.conf_int(alpha))
        if self.boot_params is not None:
            lo, hi = _quantile_names(alpha)
            out["boot std err"] = self.bse_boot
            out[f"boot {lo}"] = self.boot_params.quantile(alpha / 2)
            out[f"boot {hi}"] = self.boot_params.quantile(1 - alpha / 2)
        out.index.name = "coefficient"
        return out

    def predict(self, data: Any = None) -> pd.DataFrame:
        """Each row's chance of each outcome at the estimates, for ``data`` (default: the fitted data)."""
        import pandas as pd

        if data is None:
            return self.fitted
        df = _data.read_data(data)
        design = _data.build_design(df, self.utilities, check=False)
        ev = _likelihood.evaluate(self.game, design, self.params.to_numpy(), self.link, grad=False)
        probs = _likelihood.outcome_probabilities(self.game, ev)
        return pd.DataFrame(probs, index=df.index, columns=[f"Pr({lab})" for lab in self.outcomes])

    def observed_vs_fitted(self) -> pd.DataFrame:
        """Per outcome: the observed share of rows and the mean fitted chance over the rows."""
        import pandas as pd

        obs = np.asarray(self.observed, dtype=float) / self.nobs
        return pd.DataFrame({"observed": obs, "fitted": self.fitted.mean().to_numpy()},
                            index=pd.Index(list(self.outcomes), name="outcome"))

    def summary(self, alpha: float = 0.05) -> FitSummary:
        """Header (game, link, rows, log-likelihood, AIC) and :meth:`table`."""
        fixed = [u for u in self.game.utilities if u not in self.utilities]
        header = (
            ("Game", self.game.name),
            ("Link", f"{self.link} (agent error)"),
            ("Outcome column", f"{self.outcome}: {', '.join(map(str, self.outcomes))}"),
            ("Observations", str(self.nobs)),
            ("Log-likelihood", f"{self.llf:.4f}"),
            ("AIC", f"{self.aic:.2f}"),
            ("Fixed at 0", ", ".join(fixed) if fixed else "none"),
        )
        notes = [f"Standard errors from the Hessian; intervals at the {100 * (1 - alpha):g}% level."]
        if self.boot_params is not None:
            notes.append(f"Bootstrap: {len(self.boot_params)} replicates"
                         + (f" ({self.boot_failed} failed and were left out)" if self.boot_failed else "") + ".")
        return FitSummary(f"Strategic {self.link} fit of {self.game.name}", header, self.table(alpha), tuple(notes))

    def describe(self) -> str:
        """One sentence: the game, the data and the fit."""
        return (f"{self.game.name} ({self.link} agent error) fitted to {self.nobs} crises: "
                f"{len(self.params)} coefficients, log-likelihood {self.llf:.4f}.")

    def __repr__(self) -> str:
        return f"<StrategicFit {self.describe()}>"

    def _repr_html_(self) -> str:
        return self.summary()._repr_html_()


def _alpha(alpha: Any) -> float:
    value = number_in(alpha, "alpha", 0.0, 1.0)
    if value >= 1.0:
        msg = f"alpha must be in (0, 1), got {alpha!r}"
        raise InvalidParameterError(msg)
    return value


def _quantile_names(alpha: float) -> tuple[str, str]:
    return f"{100 * alpha / 2:g}%", f"{100 * (1 - alpha / 2):g}%"
