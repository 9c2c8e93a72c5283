"""Interactive (plotly) scorecard and lineage figures, from the same data as the static ones.

Each figure is a short composition of the layers in
:mod:`jxplan.interactive_layers_record` over the layout tables of
:mod:`jxplan.layers_record`.  Only cartesian traces are used, so the HTML that
:func:`jxplan.interactive.write_html` writes works offline and is
byte-identical for the same data.  Hover an ask for its quotation, jxplan's
summary, both verdicts, their basis, reason and evidence; hover a mark of the
lineage for the plan, how it names the project, and the source.

Examples
--------
>>> from jxplan import interactive_record as ir
>>> fig = ir.scorecard(lang="en")
>>> fig.layout.title.text
'Did the 2016 plan deliver? Every ask, at its deadline and today'
>>> sorted({t.legendgroup for t in fig.data if t.legendgroup})[:2]
['done_by_deadline', 'done_late']
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from jxplan.labels import label

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = ["scorecard", "lineage", "FIGURES"]

#: The figures this module builds, for :func:`jxplan.interactive.build`.
FIGURES: tuple[str, ...] = ("scorecard", "lineage")


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=False)


def scorecard(*, lang: str = "zh", as_of: Any = None) -> go.Figure:
    """The scorecard as a plotly figure: verdict columns and lateness bars, one row per ask.

    Examples
    --------
    >>> fig = scorecard(lang="zh")
    >>> len(fig.layout.yaxis.ticktext) == len(fig.layout.yaxis.tickvals)
    True
    """
    from plotly.subplots import make_subplots

    from jxplan import interactive_layers_record as il
    from jxplan.labels import check_lang
    from jxplan.layers_record import scorecard_layout
    from jxplan.scorecard import scorecard as card_of

    check_lang(lang)
    card = card_of(as_of=as_of)
    rows = scorecard_layout(card, lang=lang)
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.3, 0.7],
                        horizontal_spacing=0.02)
    il.verdict_markers(fig, rows, card, lang=lang, row=1, col=1)
    il.lateness_bars(fig, rows, card, lang=lang, row=1, col=2)
    il.ask_axis(fig, rows, lang=lang, date=str(card["as_of"].iloc[0].date()))
    subtitle = (_esc(label("scorecard.sub", lang=lang)) + "<br>"
                + _esc(label("scorecard.judged_note", lang=lang)))
    fig.update_layout(**il.layout(label("figure.scorecard", lang=lang), subtitle, lang=lang,
                                  height=1500), barmode="overlay", shapes=il.group_bands(rows))
    return fig


def lineage(*, lang: str = "zh") -> go.Figure:
    """The line of plans as a plotly figure: projects down the side, plans and milestones on
    one time axis, the 2014-2016 window shaded.

    Examples
    --------
    >>> fig = lineage(lang="en")
    >>> fig.layout.shapes[0].x0, fig.layout.shapes[0].x1
    (2014.0, 2017.0)
    """
    import plotly.graph_objects as go

    from jxplan import interactive_layers_record as il
    from jxplan.labels import check_lang
    from jxplan.layers_record import lineage_layout

    check_lang(lang)
    lay = lineage_layout(lang=lang)
    fig = go.Figure()
    il.mention_marks(fig, lay["mentions"], lay["plans"], lang=lang)
    il.milestone_marks(fig, lay["milestones"], lang=lang)
    il.project_axis(fig, lay["projects"])
    listing = label("lineage.plans", lang=lang) + "  ".join(
        f"{p.number} {p.label}" for p in lay["plans"].itertuples())
    subtitle = _esc(label("lineage.sub", lang=lang)) + "<br>" + _esc(listing)
    fig.update_layout(**il.layout(label("figure.lineage", lang=lang), subtitle, lang=lang,
                                  height=900),
                      shapes=il.lineage_shapes(lay["plans"]),
                      annotations=il.plan_numbers(lay["plans"], lang=lang))
    fig.update_xaxes(range=[2008.5, 2027.0], dtick=2, title_text=label("lineage.year", lang=lang))
    return fig
