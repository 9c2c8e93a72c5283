"""Layers of the policy-instrument figures: each draws one thing on a given axes.

Data come from :func:`jxplan.text.instrument_mix` and
:func:`jxplan.text.instrument_matrix`; the layers load nothing.  Words come
from the catalogue (:func:`jxplan.labels.label`): the instrument types and
sub-types from the codebook's own zh/en columns.

Examples
--------
>>> import matplotlib; matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> from jxplan import text
>>> ax = Figure().subplots()
>>> bars = instrument_bars(ax, text.instrument_mix(), lang="en")
>>> len(bars) == len(text.load_instrument_codebook())
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jxplan.labels import label
from jxplan.layers import COLORS, styled

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["TYPE_COLORS", "instrument_bars", "instrument_heatmap", "type_legend"]

#: Colour of each instrument type.
TYPE_COLORS: dict[str, str] = {"supply": "#3a6ea5", "environment": "#0b7a75", "demand": "#e6550d"}


def _row_labels(mix: pd.DataFrame, *, lang: str) -> list[str]:
    return [str(v) for v in mix[f"subtype_{lang}"]]


@styled
def instrument_bars(ax: Axes, mix: pd.DataFrame, *, lang: str,
                    other: pd.DataFrame | None = None,
                    names: Sequence[str] = ()) -> list[Any]:
    """Horizontal bars: the number of codes per sub-type, coloured by type.

    Parameters
    ----------
    ax
        The axes to draw on.
    mix
        :func:`jxplan.text.instrument_mix` (codebook order; zeros included).
    lang
        ``"zh"`` or ``"en"``.
    other
        A second mix (another plan, another coder) drawn as hatched bars beside.
    names
        Legend names of ``mix`` and ``other`` when ``other`` is given.

    Returns
    -------
    list
        One bar per sub-type of ``mix``.
    """
    n = len(mix)
    ys = list(range(n))[::-1]
    height = 0.38 if other is not None else 0.7
    shift = height / 2 if other is not None else 0.0
    colours = [TYPE_COLORS[str(t)] for t in mix["instrument_type"]]
    bars = ax.barh([y + shift for y in ys], mix["n_codes"].astype(int), height=height,
                   color=colours, label=names[0] if names else None)
    if other is not None:
        counts = other.reindex(mix.index)["n_codes"].fillna(0).astype(int)
        ax.barh([y - shift for y in ys], counts, height=height, color="white",
                edgecolor=colours, hatch="////", linewidth=0.6,
                label=names[1] if len(names) > 1 else None)
    for y, value in zip(ys, mix["n_codes"].astype(int), strict=True):
        ax.text(value + 0.08, y + shift, str(value), va="center", fontsize=6, color=COLORS["ink"])
    ax.set_yticks(ys, _row_labels(mix, lang=lang), fontsize=6.5)
    ax.set_xlabel(label("instruments.count", lang=lang), fontsize=7)
    ax.tick_params(axis="x", labelsize=6)
    ax.set_xlim(0, max(int(mix["n_codes"].max()), 1) + 1.2)
    ax.set_ylim(-0.5, n - 0.5)  # one unit per row, as the matrix beside it
    from matplotlib.ticker import MaxNLocator  # matplotlib is loaded once a figure is drawn

    locator = ax.xaxis.get_major_locator()
    if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
        locator.set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return list(bars)


@styled
def instrument_heatmap(ax: Axes, matrix: pd.DataFrame, *, lang: str,
                       columns: Mapping[str, str]) -> Any:
    """The sub-type × action-area matrix, its counts written in the cells (blank: none).

    Parameters
    ----------
    ax
        The axes to draw on.
    matrix
        :func:`jxplan.text.instrument_matrix` (rows: instrument codes).
    lang
        ``"zh"`` or ``"en"`` (used for the cell text only).
    columns
        Column label of each action-area id, in the order to draw.

    Returns
    -------
    matplotlib.image.AxesImage
    """
    import numpy as np

    cols = [c for c in columns if c in matrix.columns]
    values = matrix[cols].astype(int).to_numpy()
    image = ax.imshow(np.ma.masked_equal(values, 0), cmap="Blues", vmin=0,
                      vmax=max(int(values.max()), 1), aspect="auto")
    for (r, c), v in np.ndenumerate(values):
        if v:
            ax.text(c, r, str(v), ha="center", va="center", fontsize=6,
                    color="white" if v >= values.max() * 0.6 else COLORS["ink"])
    ax.set_xticks(range(len(cols)), [columns[c] for c in cols], fontsize=6, rotation=0)
    ax.set_yticks([])
    ax.set_xticks(np.arange(-0.5, len(cols)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(values)), minor=True)
    ax.grid(which="minor", color="#dddddd", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    ax.set_title(label("instruments.matrix", lang=lang), loc="left", fontsize=7.5)
    return image


@styled
def type_legend(ax: Axes, *, lang: str, extra: Sequence[tuple[Any, str]] = ()) -> Any:
    """The legend of the three instrument types (and any *extra* handles)."""
    from matplotlib.patches import Patch

    handles: list[Any] = [Patch(color=c, label=label(f"instrument_type.{t}", lang=lang))
                          for t, c in TYPE_COLORS.items()]
    texts = [h.get_label() for h in handles]
    for handle, text_ in extra:
        handles.append(handle)
        texts.append(text_)
    return ax.legend(handles, texts, loc="lower right", fontsize=6, frameon=False)
