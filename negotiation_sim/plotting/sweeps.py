"""Plots of sweeps: equilibrium branches along a parameter, and regions over two parameters.

Both take the tidy DataFrame of :func:`negotiation_sim.sweep` (or of
``scenario.sweep``): one row per (point, equilibrium) with an
``equilibrium`` branch label and a ``kind`` column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from negotiation_sim.errors import UnknownNameError
from negotiation_sim.plotting._common import fit_title, get_ax, legend_off_data

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["sweep", "regions"]

_STYLE = {"pure": {"linestyle": "-", "marker": "o"}, "mixed": {"linestyle": "--", "marker": "x"}}


def _check_columns(df: Any, **columns: str | None) -> pd.DataFrame:
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        msg = f"df must be a pandas DataFrame from ns.sweep, not {type(df).__name__}"
        raise UnknownNameError(msg)
    for arg, col in columns.items():
        if col is not None and col not in df.columns:
            msg = f"{arg}={col!r} is not a column of df; the columns are {list(df.columns)}"
            raise UnknownNameError(msg)
    return df


def _runs(kinds: np.ndarray) -> list[tuple[int, int]]:
    """Index ranges of consecutive equal kinds, so a branch changing kind changes style there."""
    cuts = np.flatnonzero(kinds[1:] != kinds[:-1]) + 1
    bounds = [0, *cuts.tolist(), len(kinds)]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def sweep(df: pd.DataFrame, x: str, y: str, *, hue: str | None = None, ax: Any = None,
          **kwargs: Any):
    """Draw each tracked equilibrium branch of a sweep as a line of ``y`` against ``x``.

    Pure stretches are solid with round markers, mixed ones dashed with
    crosses; each branch gets its own colour (or, with ``hue``, each value of
    ``hue`` its colour) and a legend entry.

    Parameters
    ----------
    df : pandas.DataFrame
        A sweep's result, with an ``equilibrium`` column (``kind`` optional).
    x, y : str
        Columns for the horizontal and vertical axes.
    hue : str, optional
        A column (e.g. a second swept parameter) whose values get one colour each.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.plot`` (e.g. ``linewidth``, ``markersize``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"c": [1, 2, 1, 2], "equilibrium": [0, 0, 1, 1],
    ...                    "kind": ["pure", "pure", "mixed", "mixed"], "p": [1, 1, 0.5, 0.25]})
    >>> ax = sweep(df, "c", "p")
    >>> [line.get_linestyle() for line in ax.get_lines()]
    ['-', '--']
    """
    import pandas as pd

    _check_columns(df, x=x, y=y, hue=hue, equilibrium="equilibrium")
    ax = get_ax(ax)
    keys = [hue, "equilibrium"] if hue is not None else ["equilibrium"]
    colours: dict[Any, str] = {}
    for key, branch in df.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        colour_key = key[0]
        colour = colours.setdefault(colour_key, f"C{len(colours) % 10}")
        branch = branch.sort_values(x, kind="stable")
        kinds = (branch["kind"] if "kind" in branch else pd.Series(["pure"] * len(branch)))
        kinds = kinds.fillna("").astype(str).to_numpy()
        for a, b in _runs(kinds):
            style = dict(_STYLE.get(kinds[a], {"linestyle": "-", "marker": "."}))
            label = (f"{hue}={key[0]}, " if hue is not None else "") + f"equilibrium {key[-1]}"
            label += f" ({kinds[a]})" if kinds[a] else ""
            ax.plot(branch[x].to_numpy()[a:b], branch[y].to_numpy()[a:b], color=colour,
                    label=label, **{**style, **kwargs})
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(f"{y} against {x}, by equilibrium")
    legend_off_data(ax)
    fit_title(ax)
    return ax


def signatures(df: pd.DataFrame, x: str, y: str, by: str | None = None) -> pd.Series:
    """The category of each (x, y) point: its equilibrium set, or the values of ``by``.

    Without ``by``: the count of pure and mixed equilibria (``"2 pure + 1 mixed"``)
    when ``kind`` is pure/mixed, else the sorted set of ``kind`` values
    (a model's own kind, e.g. ``"pooling"``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [0, 0, 0, 1], "b": [0, 0, 0, 0],
    ...                    "kind": ["pure", "pure", "mixed", "pure"]})
    >>> signatures(df, "a", "b").tolist()
    ['2 pure + 1 mixed', '1 pure']
    """
    col = by if by is not None else "kind"

    def one(group: pd.Series) -> str:
        values = group.dropna().astype(str)
        if by is None and set(values) <= {"pure", "mixed"}:
            counts = [(int((values == k).sum()), k) for k in ("pure", "mixed")]
            return " + ".join(f"{c} {k}" for c, k in counts if c) or "none"
        return ", ".join(sorted(set(values))) or "none"

    return df.groupby([x, y], sort=True)[col].apply(one)


def regions(df: pd.DataFrame, x: str, y: str, *, by: str | None = None, ax: Any = None,
            **kwargs: Any):
    """Map which equilibrium type holds where over two swept parameters.

    Each grid point is categorised by its equilibrium set (e.g. ``"1 pure"``,
    ``"2 pure + 1 mixed"``), by a model's ``kind`` (``"pooling"``,
    ``"semi-separating"``), or by the values of the column ``by``, and drawn
    as a coloured cell with ``pcolormesh``; a legend names the categories.

    Parameters
    ----------
    df : pandas.DataFrame
        A sweep over (at least) ``x`` and ``y``.
    x, y : str
        The two parameter columns.
    by : str, optional
        A column to categorise by instead of the equilibrium set.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.pcolormesh`` (e.g. ``alpha``, ``edgecolors``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [0, 0, 1, 1], "b": [0, 1, 0, 1],
    ...                    "kind": ["pure", "mixed", "mixed", "mixed"]})
    >>> ax = regions(df, "a", "b")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['1 mixed', '1 pure']
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    _check_columns(df, x=x, y=y, by=by)
    ax = get_ax(ax)
    sig = signatures(df, x, y, by)
    categories = sorted(sig.unique())
    codes = sig.map({c: k for k, c in enumerate(categories)})
    grid = codes.unstack(x)  # rows: y values, columns: x values
    xs, ys = grid.columns.to_numpy(dtype=float), grid.index.to_numpy(dtype=float)
    colours = [f"C{k % 10}" for k in range(len(categories))]
    cmap = ListedColormap(colours)
    values = np.ma.masked_invalid(grid.to_numpy(dtype=float))
    ax.pcolormesh(xs, ys, values, cmap=cmap, vmin=-0.5, vmax=len(categories) - 0.5,
                  **{"shading": "nearest", **kwargs})
    # The cells fill the axes: the legend goes beside them.
    ax.legend(handles=[Patch(color=c, label=lab) for c, lab in zip(colours, categories, strict=True)],
              loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, fontsize="small",
              title=by or "equilibria")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(f"Which equilibria hold where, over {x} and {y}")
    return fit_title(ax)
