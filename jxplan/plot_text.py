"""The policy-instrument figure of a plan (static, matplotlib).

Composed of the layers in :mod:`jxplan.layers_text` from the tables of
:mod:`jxplan.text`.  The coding it shows is jxplan's judgement, not a fact
from a source, and it covers only the held text (5 of 24 pages): the figure
says both.

Examples
--------
>>> import matplotlib; matplotlib.use("Agg")
>>> fig = instruments(lang="en")
>>> len(fig.axes)
2
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jxplan.labels import label
from jxplan.style import _styled

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["instruments", "matrix_columns", "SOURCES"]

#: Tables the figure is drawn from (its credit line).
SOURCES = ["instrument_codes", "instrument_codebook", "actions"]


def matrix_columns(matrix: pd.DataFrame, *, lang: str, plan_id: str = "jx-2016",
                   width: int = 7) -> dict[str, str]:
    """Column labels of :func:`jxplan.text.instrument_matrix`: the goals first, then
    each action area by its name (wrapped), in the plan's order.

    Examples
    --------
    >>> from jxplan import text
    >>> list(matrix_columns(text.instrument_matrix(), lang="en", width=20).values())[:2]
    ['Goals section', 'Planning and policy alignment']
    """
    from jxplan.io import load_actions
    from jxplan.textwrap_cjk import wrap, wrap_balanced

    names = load_actions(plan_id=plan_id)[f"name_{lang}"]
    out = {"goals": label("instruments.goals", lang=lang)} if "goals" in matrix.columns else {}
    for action_id, name in names.items():
        if action_id in matrix.columns:
            lines = wrap_balanced(str(name), width * 2) if lang == "zh" else wrap(str(name), 2 * width)
            out[str(action_id)] = "\n".join(lines)
    return out


@_styled
def instruments(*, lang: str = "zh", fig: Figure | None = None,
                codes: pd.DataFrame | None = None, other: pd.DataFrame | None = None,
                names: tuple[str, str] | None = None, plan_id: str = "jx-2016") -> Figure:
    """The instrument mix of a plan (by type and sub-type) and the sub-type × action-area matrix.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    fig : matplotlib.figure.Figure, optional
        Draw into this figure (two axes are added) instead of a new one.
    codes : DataFrame, optional
        A coding with ``unit_id`` and ``instrument_code`` (default: jxplan's
        coding of the held plan, :func:`jxplan.text.load_instrument_codes`).
    other : DataFrame, optional
        A second coding (another plan, or a student's) shown beside in the bars.
    names : (str, str), optional
        Legend names of ``codes`` and ``other``.
    plan_id : str
        The plan whose action areas head the matrix.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from jxplan import layers_text, text
    from jxplan.plot import _start_figure
    from jxplan.textwrap_cjk import wrap

    figure, owned = _start_figure("instruments", lang, SOURCES, fig=fig)
    chosen = text.load_instrument_codes(plan_id=plan_id) if codes is None else codes
    mix = text.instrument_mix(chosen, plan_id=plan_id)
    matrix = text.instrument_matrix(chosen, plan_id=plan_id)
    ax_bars, ax_matrix = figure.subplots(1, 2, width_ratios=[1.25, 1.0])
    other_mix = None if other is None else text.instrument_mix(other, plan_id=plan_id)
    layers_text.instrument_bars(ax_bars, mix, lang=lang, other=other_mix, names=names or ())
    ax_bars.set_title(label("instruments.mix", lang=lang), loc="left", fontsize=7.5)
    layers_text.instrument_heatmap(ax_matrix, matrix, lang=lang,
                                   columns=matrix_columns(matrix, lang=lang, plan_id=plan_id))
    handles, texts = ax_bars.get_legend_handles_labels()
    extra = list(zip(handles, texts, strict=True)) if other is not None else []
    layers_text.type_legend(ax_bars, lang=lang, extra=extra)
    if owned:
        engine: Any = figure.get_layout_engine()
        engine.set(rect=(0, 0.05, 1, 0.95))  # a band at the bottom for the note
        figure.suptitle(label("figure.instruments", lang=lang), x=0.01, ha="left", fontsize=11)
        note = "\n".join(wrap(label("instruments.note", lang=lang), 180))
        figure.text(0.01, 0.008, note, ha="left", va="bottom", fontsize=5.5, color="#555555")
    return figure
