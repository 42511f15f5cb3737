"""A page students open without Python: one self-contained HTML file with sliders.

:func:`write_page` solves a scenario on a small grid over two of its main
parameters (each slider spans the parameter's valid range,
:meth:`~negotiation_sim.scenarios.Scenario.parameter_range`, at the other
parameters' defaults) and writes one HTML file holding every result: as a
slider moves, the page shows that grid point's outcomes, its equilibria and
its explanation in words, and a chart of the outcomes along the first
parameter with the current point marked. Points outside the valid region
say why. Everything is inline (data, script, style and the scenario's plot
at its defaults as a PNG data URI): the file opens on any laptop with no
network and no Python.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from negotiation_sim._prose import explanation_text, fix_quotes, outcome_text
from negotiation_sim.errors import InvalidParameterError, UnknownNameError

__all__ = ["write_page", "page_grid", "page_data", "MAIN_PARAMETERS", "MAX_POINTS"]

#: The two parameters each article scenario's page puts on sliders.
MAIN_PARAMETERS: dict[str, tuple[str, str]] = {
    "hostage_taker": ("leverage", "audience_cost"),
    "border_standoff": ("russia_war_cost", "nato_war_cost"),
    "maximal_demand": ("win_probability", "cost_b_max"),
    "marathon_talks": ("russia_patience", "west_patience"),
    "mediation": ("mediator_bias", "influence"),
    "coalition_unity": ("cohesion", "russia_war_cost"),
    "security_order": ("p_later", "delta"),
    "reputation": ("prior", "challenger_gain"),
    "european_crisis": ("win_probability", "support"),
}

#: The largest number of values per slider (the page holds every grid point's result).
MAX_POINTS = 41


def _main_parameters(scenario: Any, parameters: Sequence[str] | None) -> tuple[str, ...]:
    specs = scenario.specs
    if parameters is None:
        main = [p for p in MAIN_PARAMETERS.get(scenario.name, ()) if p in specs]
        if len(main) < 2:
            main = [p for p, s in specs.items() if not s.integer][:2]
        return tuple(main)
    if isinstance(parameters, str):
        parameters = (parameters,)
    chosen = tuple(parameters)
    unknown = [p for p in chosen if p not in specs]
    if unknown or not 1 <= len(chosen) <= 2:
        msg = f"parameters must be one or two of {list(specs)}, got {list(chosen)}"
        raise UnknownNameError(msg)
    return chosen


def _axis(scenario: Any, name: str, points: int) -> list[float]:
    """``points`` values across the valid range of ``name`` (capped when unbounded), the default among them."""
    default = float(getattr(scenario, name))
    lo, hi = scenario.parameter_range(name)
    if not math.isfinite(hi):
        hi = max(2 * abs(default), lo + 1.0) if math.isfinite(lo) else default + 1.0
    if not math.isfinite(lo):
        lo = min(-2 * abs(default), hi - 1.0)
    values = np.linspace(lo, hi, points)
    step = (hi - lo) / max(points - 1, 1)
    for k in (0, -1):  # an open end (e.g. a discount factor in (0, 1)) moves inward by a tenth of a step
        if not scenario.is_valid(**{name: float(values[k])}):
            values[k] += 0.1 * step if k == 0 else -0.1 * step
    values[int(np.argmin(np.abs(values - default)))] = default
    return [float(v) for v in values]


def page_grid(scenario: Any, parameters: Sequence[str] | None = None, points: int = 11) -> dict[str, list[float]]:
    """The slider values of a scenario's page: ``{parameter: values}``, one or two parameters.

    Each parameter's values span its valid range at the other parameters'
    current values (an unbounded range is capped at twice the default) and
    include its current value.

    Examples
    --------
    >>> import negotiation_sim as ns
    >>> grid = page_grid(ns.scenarios.get("hostage_taker"), points=5)
    >>> list(grid), grid["leverage"][0], grid["leverage"][-1], 0.3 in grid["leverage"]
    (['leverage', 'audience_cost'], 0.0, 1.0, True)
    """
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 2 <= points <= MAX_POINTS:
        msg = f"points must be an integer from 2 to {MAX_POINTS} (values per slider), got {points!r}"
        raise InvalidParameterError(msg)
    return {name: _axis(scenario, name, int(points)) for name in _main_parameters(scenario, parameters)}


def _point(scenario: Any, changes: dict[str, float]) -> dict[str, Any]:
    from negotiation_sim.report import _html_prose, headline

    try:
        sc = scenario.with_params(**changes)
        result = sc.solve()
    except InvalidParameterError as err:
        return {"valid": False, "reason": str(err)}
    eqs = result.equilibria
    words = [fix_quotes(eq.describe()) for eq in eqs] or [" ".join(eqs.notes) or "Solved in closed form."]
    return {
        "valid": True,
        "outcomes": {k: outcome_text(result, k) for k in result.outcomes},
        "values": {k: (float(v) if math.isfinite(v) else None) for k, v in result.outcomes.items()},
        "headline": [f"{w}: {v}" for w, v in headline(result)],
        "equilibria": [html.escape(w) for w in words],
        "explanation": "".join(f"<p>{_html_prose(p)}</p>" for p in explanation_text(result).split("\n") if p.strip()),
    }


def page_data(scenario: Any, parameters: Sequence[str] | None = None, points: int = 11) -> dict[str, Any]:
    """Everything the page shows: the grid, and each grid point's outcomes, equilibria and explanation.

    ``results[i][j]`` is the point with the first parameter at its ``i``-th
    value and the second at its ``j``-th (a list of one-element lists for a
    single parameter).
    """
    grid = page_grid(scenario, parameters, points)
    names = list(grid)
    first = grid[names[0]]
    second: Sequence[float | None] = grid[names[1]] if len(names) > 1 else [None]
    results = [[_point(scenario, {names[0]: a, **({names[1]: b} if b is not None else {})}) for b in second]
               for a in first]
    start = [first.index(float(getattr(scenario, names[0])))]
    if len(names) > 1:
        start.append(second.index(float(getattr(scenario, names[1]))))
    keys = list(next((r["outcomes"] for row in results for r in row if r["valid"]), {}))
    return {
        "name": scenario.name, "title": scenario.title, "quote": fix_quotes(f"\u201c{scenario.quote}\u201d"),
        "parameters": [{"name": n, "doc": scenario.specs[n].doc, "values": grid[n]} for n in names],
        "start": start, "keys": keys, "results": results,
    }


def _plot_png(scenario: Any) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 4.0), layout="constrained")  # not pyplot's: nothing left in its registry
    FigureCanvasAgg(fig)
    scenario.plot(ax=fig.add_subplot())
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=72)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


_CSS = """
body{font-family:system-ui,sans-serif;max-width:60em;margin:auto;padding:0 1em;line-height:1.45;color:#222}
blockquote{color:#444;border-left:3px solid #bbb;margin-left:0;padding-left:1em}
.controls{display:grid;grid-template-columns:auto 1fr 6em;gap:.4em 1em;align-items:center;background:#f4f6f8;
padding:.8em;border-radius:6px}.controls input{width:100%}.value{font-weight:bold;font-variant-numeric:tabular-nums}
table{border-collapse:collapse}td,th{border:1px solid #aaa;padding:3px 8px;text-align:left}
td.num{font-variant-numeric:tabular-nums}#invalid{color:#a00;font-weight:bold}
.cols{display:flex;flex-wrap:wrap;gap:1.5em}.cols>div{flex:1 1 22em}img{max-width:100%}
.math svg{vertical-align:middle;height:1.3em;width:auto}#headline{font-size:1.15em}
"""

_JS = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const idx = data.start.slice();
  const sliders = data.parameters.map(function (p, k) {
    const s = document.getElementById("slider-" + k);
    s.addEventListener("input", function () { idx[k] = Number(s.value); show(); });
    return s;
  });
  function fmt(v) { return (Math.round(v * 10000) / 10000).toString(); }
  function point(i, j) { return data.results[i][data.parameters.length > 1 ? j : 0]; }
  function chart(j, i) {
    const svg = document.getElementById("chart");
    const W = 560, H = 260, L = 50, R = 150, T = 12, B = 40;
    const xs = data.parameters[0].values, xmin = xs[0], xmax = xs[xs.length - 1];
    const keys = data.keys.filter(function (k) {
      return xs.some(function (_, a) { const r = point(a, j); return r.valid && r.values[k] !== null; });
    }).slice(0, 6);
    let ymin = Infinity, ymax = -Infinity;
    keys.forEach(function (k) { xs.forEach(function (_, a) { const r = point(a, j);
      if (r.valid && r.values[k] !== null) { ymin = Math.min(ymin, r.values[k]); ymax = Math.max(ymax, r.values[k]); } }); });
    if (!isFinite(ymin)) { ymin = 0; ymax = 1; }
    if (ymax - ymin < 1e-9) { ymin -= 0.5; ymax += 0.5; }
    const X = function (x) { return L + (x - xmin) / (xmax - xmin || 1) * (W - L - R); };
    const Y = function (y) { return H - B - (y - ymin) / (ymax - ymin) * (H - T - B); };
    const colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];
    let out = '<line x1="' + L + '" y1="' + (H - B) + '" x2="' + (W - R) + '" y2="' + (H - B) + '" stroke="#444"/>' +
      '<line x1="' + L + '" y1="' + T + '" x2="' + L + '" y2="' + (H - B) + '" stroke="#444"/>' +
      '<text x="' + ((L + W - R) / 2) + '" y="' + (H - 8) + '" text-anchor="middle" font-size="12">' +
      esc(data.parameters[0].name) + '</text>' +
      '<text x="' + (L - 6) + '" y="' + (T + 8) + '" text-anchor="end" font-size="11">' + fmt(ymax) + '</text>' +
      '<text x="' + (L - 6) + '" y="' + (H - B) + '" text-anchor="end" font-size="11">' + fmt(ymin) + '</text>' +
      '<text x="' + L + '" y="' + (H - B + 14) + '" text-anchor="middle" font-size="11">' + fmt(xmin) + '</text>' +
      '<text x="' + (W - R) + '" y="' + (H - B + 14) + '" text-anchor="middle" font-size="11">' + fmt(xmax) + '</text>';
    keys.forEach(function (k, c) {
      let d = "", pen = "M";
      xs.forEach(function (x, a) { const r = point(a, j);
        if (r.valid && r.values[k] !== null) { d += pen + X(x).toFixed(1) + "," + Y(r.values[k]).toFixed(1) + " "; pen = "L"; }
        else { pen = "M"; } });
      out += '<path d="' + d + '" fill="none" stroke="' + colours[c] + '" stroke-width="2"/>' +
        '<text x="' + (W - R + 8) + '" y="' + (T + 14 + 16 * c) + '" font-size="12" fill="' + colours[c] + '">' +
        esc(k) + '</text>';
    });
    out += '<line id="marker" x1="' + X(xs[i]) + '" y1="' + T + '" x2="' + X(xs[i]) + '" y2="' + (H - B) +
      '" stroke="#000" stroke-dasharray="4 3"/>';
    svg.innerHTML = out;
  }
  function esc(t) { const d = document.createElement("div"); d.textContent = t; return d.innerHTML; }
  function show() {
    data.parameters.forEach(function (p, k) {
      sliders[k].value = idx[k];
      document.getElementById("value-" + k).textContent = fmt(p.values[idx[k]]);
    });
    const r = point(idx[0], idx[1] || 0);
    document.getElementById("invalid").textContent = r.valid ? "" : "Not a valid combination: " + r.reason;
    document.getElementById("results").style.visibility = r.valid ? "visible" : "hidden";
    if (r.valid) {
      data.keys.forEach(function (k, n) {
        const cell = document.getElementById("outcome-" + n);
        if (cell) { cell.textContent = r.outcomes[k] === undefined ? "" : r.outcomes[k]; }
      });
      document.getElementById("headline").textContent = r.headline.join("; ");
      document.getElementById("equilibria").innerHTML = r.equilibria.map(function (e) { return "<li>" + e + "</li>"; }).join("");
      document.getElementById("explanation").innerHTML = r.explanation;
    }
    chart(idx[1] || 0, idx[0]);
  }
  show();
})();
"""


def write_page(scenario: Any, path: str | Path, *, parameters: Sequence[str] | None = None,
               points: int = 11) -> Path:
    """Write one self-contained HTML page with sliders over the scenario's main parameters.

    Parameters
    ----------
    scenario : Scenario
        The scenario at the parameter values the sliders start from.
    path : path
        The HTML file to write (its folder is created).
    parameters : sequence of str, optional
        One or two parameters for the sliders (default: :data:`MAIN_PARAMETERS`).
    points : int, default 11
        Values per slider, from 2 to :data:`MAX_POINTS`; the page holds
        ``points ** 2`` solved grid points.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    UnknownNameError
        If ``parameters`` names no parameter of the scenario.
    InvalidParameterError
        If ``points`` is out of range.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import negotiation_sim as ns
    >>> out = ns.scenarios.get("marathon_talks").to_html(pathlib.Path(tempfile.mkdtemp()) / "talks.html", points=3)
    >>> text = out.read_text(encoding="utf-8")
    >>> "<script src" in text, 'id="slider-1"' in text
    (False, True)
    """
    data = page_data(scenario, parameters, points)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    e = html.escape
    controls = "".join(
        f'<label for="slider-{k}">{e(p["name"])}<br><small>{e(p["doc"])}</small></label>'
        f'<input type="range" id="slider-{k}" min="0" max="{len(p["values"]) - 1}" step="1" value="{data["start"][k]}">'
        f'<span class="value" id="value-{k}"></span>'
        for k, p in enumerate(data["parameters"]))
    rows = "".join(f'<tr><td>{e(k)}</td><td class="num" id="outcome-{i}"></td></tr>' for i, k in enumerate(data["keys"]))
    payload = json.dumps(data).replace("</", "<\\/")  # never closes the script element early
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(scenario.title)}</title><style>{_CSS}</style></head><body>
<h1>{e(scenario.title)}</h1>
<blockquote>{e(data["quote"])}</blockquote>
<p>Move a slider: the equilibrium outcome, the equilibria and the explanation below are the library's results at
that point, computed in advance by negotiation_sim on a grid of {len(data["results"]) * len(data["results"][0])}
points (the other parameters stay at their defaults).</p>
<div class="controls">{controls}</div>
<p id="invalid"></p>
<div id="results">
<p id="headline"></p>
<div class="cols"><div><h2>Outcomes</h2><table><tr><th>outcome</th><th>value</th></tr>{rows}</table></div>
<div><h2>Along {e(data["parameters"][0]["name"])}</h2>
<svg id="chart" viewBox="0 0 560 260" width="100%" role="img" aria-label="outcomes along the first parameter"></svg>
</div></div>
<h2>Equilibria in words</h2><ol id="equilibria"></ol>
<h2>In words</h2><div id="explanation"></div>
</div>
<h2>The scenario's plot at its defaults</h2>
<img alt="{e(scenario.title)}" src="{_plot_png(scenario)}">
<script type="application/json" id="page-data">{payload}</script>
<script>{_JS}</script>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path
