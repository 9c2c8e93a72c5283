"""Interactive (plotly) scorecard and lineage figures, from the same data as the static ones.

Both figures use the layout tables and the words of :mod:`jxplan.plot_record`
and only cartesian ``go.Scatter``/``go.Bar`` traces, so the HTML that
:func:`jxplan.interactive.write_html` writes works offline and is
byte-identical for the same data.  Hover an ask for its quotation, jxplan's
summary, both verdicts, their basis, reason and evidence; hover a mark of
the lineage for the plan, how it names the project, and the source.

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

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go

__all__ = ["scorecard", "lineage", "FIGURES"]

#: name -> builder, for :func:`jxplan.interactive.build`.
FIGURES: tuple[str, ...] = ("scorecard", "lineage")


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=False)


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _layout(title: str, subtitle: str, *, lang: str, height: int) -> dict:
    """The common layout; *subtitle* is HTML (its parts escaped by the caller)."""
    from jxplan.interactive import FONT_FAMILY

    return {
        "title": {"text": _esc(title), "x": 0.01, "xanchor": "left",
                  "subtitle": {"text": subtitle, "font": {"size": 12, "color": "#555555"}},
                  "font": {"size": 20, "color": "#1a1a1a"}},
        "font": {"family": FONT_FAMILY, "size": 12, "color": "#222222"},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "hovermode": "closest",
        "hoverlabel": {"bgcolor": "white", "align": "left", "namelength": -1,
                       "font": {"family": FONT_FAMILY, "size": 12}},
        "height": height, "margin": {"l": 20, "r": 20, "t": 110, "b": 60},
        "legend": {"orientation": "h", "y": -0.07, "yanchor": "top", "x": 0, "font": {"size": 11}},
        "meta": {"jxplan_lang": lang},
    }


def _ask_hover(card_row, *, lang: str) -> str:
    from jxplan.labels import label

    def lab(key: str) -> str:
        return label(key, lang=lang)

    date = str(card_row["as_of"].date())
    parts = [f"<b>{_esc(card_row['ask_id'])}</b>",
             f"{lab('scorecard.hover_quote')}: “{_esc(card_row['quote_zh'])}”",
             f"{lab('scorecard.hover_summary')}: {_esc(card_row['summary_en'])}",
             f"{lab('scorecard.col_deadline')}: "
             + label(f"verdict_as_of.{card_row['verdict_at_deadline']}", lang=lang),
             label("scorecard.col_as_of", lang=lang).format(date=date) + ": "
             + label(f"verdict_as_of.{card_row['verdict_as_of']}", lang=lang),
             f"{lab('scorecard.hover_basis')}: "
             + label(f"scorecard.basis_{card_row['basis']}", lang=lang)]
    if not _missing(card_row["years_late"]):
        parts.append(f"{lab('scorecard.hover_late')}: " + lab("scorecard.hover_years").format(
            a=f"{card_row['years_late']:.1f}", b=f"{card_row['years_late_max']:.1f}"))
    if not _missing(card_row["done_no_later_than"]):
        parts.append(f"{lab('scorecard.hover_bound')}: {_esc(card_row['done_no_later_than'])}")
    for key, col in (("scorecard.hover_reason", "reason_en"),
                     ("scorecard.hover_evidence", "evidence_ids")):
        if not _missing(card_row[col]):
            parts.append(f"{lab(key)}: {_esc(card_row[col])}")
    if not _missing(card_row["source_url"]):
        grade = "" if _missing(card_row["confidence"]) else f" [{card_row['confidence']}]"
        parts.append(f"{lab('scorecard.hover_source')}: {_esc(str(card_row['source_url'])[:70])}"
                     + grade)
    return "<br>".join(parts)


def scorecard(*, lang: str = "zh", as_of: Any = None) -> go.Figure:
    """The scorecard as a plotly figure: verdict columns and lateness bars, one row per ask.

    Examples
    --------
    >>> fig = scorecard(lang="zh")
    >>> len(fig.layout.yaxis.ticktext) == len(fig.layout.yaxis.tickvals)
    True
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from jxplan.labels import check_lang, label
    from jxplan.layers_record import VERDICT_STYLE, scorecard_layout
    from jxplan.scorecard import scorecard as card_of

    check_lang(lang)
    card = card_of(as_of=as_of)
    rows = scorecard_layout(card, lang=lang)
    by_ask = card.set_index("ask_id", drop=False)
    date = str(card["as_of"].iloc[0].date())
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.3, 0.7],
                        horizontal_spacing=0.02)
    asks = rows[rows["row_kind"] == "ask"]
    for verdict, style in VERDICT_STYLE.items():
        for x, col in ((0, "verdict_at_deadline"), (1, "verdict_as_of")):
            sub = asks[asks[col] == verdict]
            if sub.empty:
                continue
            fig.add_trace(go.Scatter(
                x=[x] * len(sub), y=sub["y"].tolist(), mode="markers",
                name=label(f"verdict_as_of.{verdict}", lang=lang), legendgroup=verdict,
                showlegend=x == 0 or verdict not in set(asks["verdict_at_deadline"]),
                marker={"symbol": {"o": "circle", "s": "square", ">": "triangle-right",
                                   "X": "x", "D": "diamond"}[style["marker"]]
                        + ("" if style["filled"] else "-open"),
                        "size": 11, "color": style["color"], "line": {"width": 1.2,
                                                                     "color": style["color"]}},
                hovertext=[_ask_hover(by_ask.loc[r.ask_id], lang=lang)
                           for r in sub.itertuples()], hoverinfo="text"), row=1, col=1)
    late = asks[asks["years_late"].notna()]
    color = VERDICT_STYLE["done_late"]["color"]
    hover = [_ask_hover(by_ask.loc[r.ask_id], lang=lang) for r in late.itertuples()]
    fig.add_trace(go.Bar(x=late["years_late"].astype(float).tolist(), y=late["y"].tolist(),
                         orientation="h", marker={"color": color}, showlegend=False,
                         hovertext=hover, hoverinfo="text"), row=1, col=2)
    fig.add_trace(go.Bar(x=(late["years_late_max"] - late["years_late"]).astype(float).tolist(),
                         base=late["years_late"].astype(float).tolist(), y=late["y"].tolist(),
                         orientation="h", marker={"color": color, "opacity": 0.35},
                         name=label("scorecard.late_range", lang=lang), hovertext=hover,
                         hoverinfo="text"), row=1, col=2)
    bound = asks[asks["bound_years"].notna()]
    fig.add_trace(go.Scatter(x=bound["bound_years"].astype(float).tolist(),
                             y=bound["y"].tolist(), mode="markers",
                             marker={"symbol": "line-ns-open", "size": 12, "color": "#9a9a9a"},
                             name=label("scorecard.late_bound", lang=lang),
                             hovertext=[_ask_hover(by_ask.loc[r.ask_id], lang=lang)
                                        for r in bound.itertuples()], hoverinfo="text"),
                  row=1, col=2)
    star = label("scorecard.judged_mark", lang=lang)
    ticks = [("<b>" + _esc(r.label) + "</b>") if r.row_kind == "group"
             else _esc(r.label) + (star if bool(r.judged) else "") for r in rows.itertuples()]
    fig.update_yaxes(tickvals=rows["y"].tolist(), ticktext=ticks, autorange="reversed",
                     tickfont={"size": 10}, row=1, col=1)
    fig.update_xaxes(tickvals=[0, 1], ticktext=[label("scorecard.col_deadline", lang=lang),
                                                label("scorecard.col_as_of", lang=lang).format(date=date)],
                     range=[-0.6, 1.6], side="top", row=1, col=1)
    fig.update_xaxes(title_text=label("scorecard.col_late", lang=lang), rangemode="tozero", row=1, col=2)
    sub_text = (_esc(label("scorecard.sub", lang=lang)) + "<br>"
                + _esc(label("scorecard.judged_note", lang=lang)))
    bands = [{"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y - 0.5,
              "y1": y + 0.5, "fillcolor": "#ececec", "line": {"width": 0}, "layer": "below"}
             for y in rows.loc[rows["row_kind"] == "group", "y"]]
    fig.update_layout(**_layout(label("figure.scorecard", lang=lang), sub_text, lang=lang,
                                height=1500), barmode="overlay", shapes=bands)
    return fig


def _mention_hover(m, *, lang: str, plan_label: str) -> str:
    from jxplan.labels import label

    kind = label(f"mention_kind.{m.mention_kind}", lang=lang)
    parts = [f"<b>{_esc(plan_label)}</b> ({_esc(m.plan_dated)})",
             label("lineage.hover_kind", lang=lang) + ": " + kind]
    if bool(m.match_is_judgement):
        parts.append(label("lineage.judged", lang=lang))
    if not _missing(m.note):
        parts.append(label("lineage.hover_note", lang=lang) + ": " + _esc(m.note))
    if not _missing(m.source_url):
        parts.append(label("lineage.hover_source", lang=lang) + ": "
                     + _esc(str(m.source_url)[:70]) + f" [{m.confidence}]")
    return "<br>".join(parts)


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

    from jxplan.labels import MODE_COLORS, check_lang, label
    from jxplan.layers_record import EVENT_STYLE, MENTION_STYLE, lineage_layout

    check_lang(lang)
    lay = lineage_layout(lang=lang)
    labels = lay["plans"].set_index("plan_id")["label"]
    fig = go.Figure()
    symbols = {"o": "circle", "h": "hexagon", "p": "pentagon", "v": "triangle-down",
               "^": "triangle-up", "P": "cross", "*": "star", "d": "diamond", ".": "circle",
               "|": "line-ns-open", "s": "square"}
    for kind, style in MENTION_STYLE.items():
        sub = lay["mentions"][lay["mentions"]["mention_kind"] == kind]
        if sub.empty:
            continue
        judged = sub["match_is_judgement"].fillna(False).astype(bool).tolist()
        fig.add_trace(go.Scatter(
            x=sub["x"].astype(float).tolist(), y=(sub["y"] - 0.18).tolist(), mode="markers",
            name=label(f"mention_kind.{kind}", lang=lang), legendgroup=f"mention.{kind}",
            marker={"symbol": [symbols[style["marker"]] + ("-open" if j else "") for j in judged],
                    "size": 11, "color": style["color"]},
            hovertext=[_mention_hover(m, lang=lang, plan_label=labels[m.plan_id])
                       for m in sub.itertuples()], hoverinfo="text"))
    date_word = label("lineage.hover_date", lang=lang)
    source_word = label("lineage.hover_source", lang=lang)
    for group, (_types, marker) in EVENT_STYLE.items():
        sub = lay["milestones"][lay["milestones"]["group"] == group]
        fig.add_trace(go.Scatter(
            x=sub["x"].astype(float).tolist(), y=(sub["y"] + 0.2).tolist(), mode="markers",
            name=label(f"lineage.event_{group}", lang=lang), legendgroup=f"event.{group}",
            marker={"symbol": symbols[marker], "size": 9, "color": "#222222"},
            hovertext=[f"<b>{_esc(r.milestone_id)}</b><br>" + date_word + f": {_esc(r.date)}<br>"
                       + source_word + f": {_esc(str(r.source_url)[:70])} [{r.confidence}]"
                       for r in sub.itertuples()], hoverinfo="text"))
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": 2014.0, "x1": 2017.0,
               "y0": 0, "y1": 1, "fillcolor": "#f1e6c8", "line": {"width": 0}, "layer": "below"}]
    shapes += [{"type": "line", "xref": "x", "yref": "paper", "x0": float(p.x), "x1": float(p.x),
                "y0": 0, "y1": 1, "line": {"width": 1, "dash": "dot", "color": "#bbbbbb"}}
               for p in lay["plans"].itertuples()]
    notes = [{"x": 2015.5, "y": 1.0, "xref": "x", "yref": "paper", "yanchor": "bottom",
              "text": _esc(label("lineage.window", lang=lang)), "showarrow": False,
              "font": {"size": 10, "color": "#666666"}}]
    notes += [{"x": float(p.x), "y": 1.03, "xref": "x", "yref": "paper", "showarrow": False,
               "text": str(p.number), "hovertext": _esc(p.label), "font": {"size": 11}}
              for p in lay["plans"].itertuples()]
    projects = lay["projects"]
    ticks = [f"<span style=\"color:{MODE_COLORS.get(m, '#222222')}\">{_esc(t)}</span>"
             for t, m in zip(projects["label"], projects["mode"], strict=True)]
    listing = label("lineage.plans", lang=lang) + "  ".join(f"{p.number} {p.label}"
                                                   for p in lay["plans"].itertuples())
    fig.update_layout(**_layout(label("figure.lineage", lang=lang),
                                _esc(label("lineage.sub", lang=lang)) + "<br>" + _esc(listing),
                                lang=lang, height=900),
                      shapes=shapes, annotations=notes)
    fig.update_yaxes(tickvals=projects["y"].tolist(), ticktext=ticks, autorange="reversed",
                     showgrid=True, gridcolor="#eeeeee")
    fig.update_xaxes(range=[2008.5, 2027.0], dtick=2, title_text=label("lineage.year", lang=lang))
    return fig
