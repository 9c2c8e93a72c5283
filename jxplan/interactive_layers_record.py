"""Plotly layers of the scorecard and lineage figures (:mod:`jxplan.interactive_record`).

Each function adds one thing to a given plotly figure from the layout tables
of :mod:`jxplan.layers_record` and loads nothing: the verdict markers, the
lateness bars, the ask axis and its group bands; the mention marks, the
milestone marks, the window and plan lines, the project axis.  Words come
from the catalogue (:func:`jxplan.labels.label`).  Only cartesian traces.

Examples
--------
>>> import plotly.graph_objects as go
>>> from jxplan.layers_record import scorecard_layout
>>> from jxplan.scorecard import scorecard
>>> card = scorecard()
>>> fig = go.Figure()
>>> verdict_markers(fig, scorecard_layout(card, lang="en"), card, lang="en")
>>> sum(len(t.x) for t in fig.data) == 2 * len(card)
True
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from jxplan.labels import label

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go

__all__ = ["verdict_markers", "lateness_bars", "ask_axis", "group_bands", "mention_marks",
           "milestone_marks", "lineage_shapes", "plan_numbers", "project_axis", "layout"]

#: matplotlib marker -> plotly symbol, so both figures draw the same shapes.
SYMBOLS: dict[str, str] = {"o": "circle", "s": "square", ">": "triangle-right", "X": "x",
                           "D": "diamond", "h": "hexagon", "p": "pentagon", "v": "triangle-down",
                           "^": "triangle-up", "P": "cross", "*": "star", "d": "diamond",
                           ".": "circle", "|": "line-ns-open"}


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=False)


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def layout(title: str, subtitle: str, *, lang: str, height: int) -> dict:
    """The common layout; *subtitle* is HTML (its parts escaped by the caller)."""
    from jxplan.interactive_layers import FONT_FAMILY

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


def _mention_hover(m, *, lang: str, plan_label: str) -> str:
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


def verdict_markers(fig: go.Figure, rows: pd.DataFrame, card: pd.DataFrame, *, lang: str,
                    row: int | None = None, col: int | None = None) -> None:
    """One marker per ask and verdict column (x 0: at the deadline, x 1: as of), by verdict."""
    import plotly.graph_objects as go

    from jxplan.layers_record import VERDICT_STYLE

    by_ask = card.set_index("ask_id", drop=False)
    asks = rows[rows["row_kind"] == "ask"]
    cell = {"row": row, "col": col} if row is not None else {}
    for verdict, style in VERDICT_STYLE.items():
        for x, column in ((0, "verdict_at_deadline"), (1, "verdict_as_of")):
            sub = asks[asks[column] == verdict]
            if sub.empty:
                continue
            symbol = SYMBOLS[style["marker"]] + ("" if style["filled"] else "-open")
            fig.add_trace(go.Scatter(
                x=[x] * len(sub), y=sub["y"].tolist(), mode="markers",
                name=label(f"verdict_as_of.{verdict}", lang=lang), legendgroup=verdict,
                showlegend=x == 0 or verdict not in set(asks["verdict_at_deadline"]),
                marker={"symbol": symbol, "size": 11, "color": style["color"],
                        "line": {"width": 1.2, "color": style["color"]}},
                hovertext=[_ask_hover(by_ask.loc[r.ask_id], lang=lang) for r in sub.itertuples()],
                hoverinfo="text"), **cell)


def lateness_bars(fig: go.Figure, rows: pd.DataFrame, card: pd.DataFrame, *, lang: str,
                  row: int | None = None, col: int | None = None) -> None:
    """How late the late asks were (solid: at least; light: the date's range), and a tick
    where the record only bounds the date."""
    import plotly.graph_objects as go

    from jxplan.layers_record import VERDICT_STYLE

    by_ask = card.set_index("ask_id", drop=False)
    cell = {"row": row, "col": col} if row is not None else {}
    asks = rows[rows["row_kind"] == "ask"]
    late = asks[asks["years_late"].notna()]
    color = VERDICT_STYLE["done_late"]["color"]
    hover = [_ask_hover(by_ask.loc[r.ask_id], lang=lang) for r in late.itertuples()]
    least = late["years_late"].astype(float)
    fig.add_trace(go.Bar(x=least.tolist(), y=late["y"].tolist(), orientation="h",
                         marker={"color": color}, showlegend=False, hovertext=hover,
                         hoverinfo="text"), **cell)
    fig.add_trace(go.Bar(x=(late["years_late_max"].astype(float) - least).tolist(),
                         base=least.tolist(), y=late["y"].tolist(), orientation="h",
                         marker={"color": color, "opacity": 0.35},
                         name=label("scorecard.late_range", lang=lang), hovertext=hover,
                         hoverinfo="text"), **cell)
    bound = asks[asks["bound_years"].notna()]
    fig.add_trace(go.Scatter(x=bound["bound_years"].astype(float).tolist(),
                             y=bound["y"].tolist(), mode="markers",
                             marker={"symbol": "line-ns-open", "size": 12, "color": "#9a9a9a"},
                             name=label("scorecard.late_bound", lang=lang),
                             hovertext=[_ask_hover(by_ask.loc[r.ask_id], lang=lang)
                                        for r in bound.itertuples()], hoverinfo="text"), **cell)


def ask_axis(fig: go.Figure, rows: pd.DataFrame, *, lang: str, date: str) -> None:
    """The ask labels down the side (a star for judgements) and the two verdict columns."""
    star = label("scorecard.judged_mark", lang=lang)
    ticks = [("<b>" + _esc(r.label) + "</b>") if r.row_kind == "group"
             else _esc(r.label) + (star if bool(r.judged) else "") for r in rows.itertuples()]
    fig.update_yaxes(tickvals=rows["y"].tolist(), ticktext=ticks, autorange="reversed",
                     tickfont={"size": 10}, row=1, col=1)
    fig.update_xaxes(tickvals=[0, 1],
                     ticktext=[label("scorecard.col_deadline", lang=lang),
                               label("scorecard.col_as_of", lang=lang).format(date=date)],
                     range=[-0.6, 1.6], side="top", row=1, col=1)
    fig.update_xaxes(title_text=label("scorecard.col_late", lang=lang), rangemode="tozero",
                     row=1, col=2)


def group_bands(rows: pd.DataFrame) -> list[dict]:
    """A light band behind each measure's or goal's header row (layout shapes)."""
    return [{"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y - 0.5,
             "y1": y + 0.5, "fillcolor": "#ececec", "line": {"width": 0}, "layer": "below"}
            for y in rows.loc[rows["row_kind"] == "group", "y"]]


def mention_marks(fig: go.Figure, mentions: pd.DataFrame, plans: pd.DataFrame, *,
                  lang: str) -> None:
    """A mark per mention at the plan's date on the project's row, by kind; hollow where
    the match is jxplan's judgement."""
    import plotly.graph_objects as go

    from jxplan.layers_record import MENTION_STYLE

    labels = plans.set_index("plan_id")["label"]
    for kind, style in MENTION_STYLE.items():
        sub = mentions[mentions["mention_kind"] == kind]
        if sub.empty:
            continue
        judged = sub["match_is_judgement"].fillna(False).astype(bool).tolist()
        fig.add_trace(go.Scatter(
            x=sub["x"].astype(float).tolist(), y=(sub["y"] - 0.18).tolist(), mode="markers",
            name=label(f"mention_kind.{kind}", lang=lang), legendgroup=f"mention.{kind}",
            marker={"symbol": [SYMBOLS[style["marker"]] + ("-open" if j else "") for j in judged],
                    "size": 11, "color": style["color"]},
            hovertext=[_mention_hover(m, lang=lang, plan_label=labels[m.plan_id])
                       for m in sub.itertuples()], hoverinfo="text"))


def milestone_marks(fig: go.Figure, milestones: pd.DataFrame, *, lang: str) -> None:
    """The projects' own approvals, construction starts and openings, below the mentions."""
    import plotly.graph_objects as go

    from jxplan.layers_record import EVENT_STYLE

    date_word = label("lineage.hover_date", lang=lang)
    source_word = label("lineage.hover_source", lang=lang)
    for group, (_types, marker) in EVENT_STYLE.items():
        sub = milestones[milestones["group"] == group]
        fig.add_trace(go.Scatter(
            x=sub["x"].astype(float).tolist(), y=(sub["y"] + 0.2).tolist(), mode="markers",
            name=label(f"lineage.event_{group}", lang=lang), legendgroup=f"event.{group}",
            marker={"symbol": SYMBOLS[marker], "size": 9, "color": "#222222"},
            hovertext=[f"<b>{_esc(r.milestone_id)}</b><br>" + date_word + f": {_esc(r.date)}<br>"
                       + source_word + f": {_esc(str(r.source_url)[:70])} [{r.confidence}]"
                       for r in sub.itertuples()], hoverinfo="text"))


def lineage_shapes(plans: pd.DataFrame, *, window: tuple[float, float] = (2014.0, 2017.0)
                   ) -> list[dict]:
    """The window band and a dotted line per naming plan (layout shapes)."""
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": window[0], "x1": window[1],
               "y0": 0, "y1": 1, "fillcolor": "#f1e6c8", "line": {"width": 0}, "layer": "below"}]
    return shapes + [{"type": "line", "xref": "x", "yref": "paper", "x0": float(p.x),
                      "x1": float(p.x), "y0": 0, "y1": 1,
                      "line": {"width": 1, "dash": "dot", "color": "#bbbbbb"}}
                     for p in plans.itertuples()]


def plan_numbers(plans: pd.DataFrame, *, lang: str,
                 window: tuple[float, float] = (2014.0, 2017.0)) -> list[dict]:
    """The window's note and each plan's number at the top (layout annotations)."""
    notes = [{"x": sum(window) / 2, "y": 1.0, "xref": "x", "yref": "paper", "yanchor": "bottom",
              "text": _esc(label("lineage.window", lang=lang)), "showarrow": False,
              "font": {"size": 10, "color": "#666666"}}]
    return notes + [{"x": float(p.x), "y": 1.03, "xref": "x", "yref": "paper",
                     "showarrow": False, "text": str(p.number), "hovertext": _esc(p.label),
                     "font": {"size": 11}} for p in plans.itertuples()]


def project_axis(fig: go.Figure, projects: pd.DataFrame) -> None:
    """Project names down the side, coloured by mode."""
    from jxplan.labels import MODE_COLORS

    ticks = [f"<span style=\"color:{MODE_COLORS.get(m, '#222222')}\">{_esc(t)}</span>"
             for t, m in zip(projects["label"], projects["mode"], strict=True)]
    fig.update_yaxes(tickvals=projects["y"].tolist(), ticktext=ticks, autorange="reversed",
                     showgrid=True, gridcolor="#eeeeee")
