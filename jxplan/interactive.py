"""Interactive plotly figures: the project map and the project timeline.

Two figures, each in Chinese (``lang="zh"``) or English (``lang="en"``):

* :func:`project_map`: county polygons of Jiaxing and the neighbouring
  Shanghai districts with the Shanghai-linkage projects drawn by mode;
  hover a county or a project for its facts, click a legend entry to hide
  or show a mode;
* :func:`timeline`: one row per project, its milestones against the
  2014-2016 three-year plan and the other plan periods.

:func:`write_html` writes either one as a standalone, self-contained HTML
file (``<out_dir>/<lang>/<name>.html``) that works when opened from disk
with no network: plotly.js is inlined (no CDN), and only plain cartesian
``go.Scatter`` traces are used.  Map tiles, MapLibre traces
(``Choroplethmap``/``Scattermap``: blank from ``file://``) and geo traces
(which fetch topojson from a CDN) are deliberately avoided; coordinates stay
in longitude/latitude and the y axis is scaled by 1/cos(latitude) so that
the map keeps its true shape.  The same figure gives the same bytes on
every run.

In JupyterLab
-------------
``fig.show()`` (or leaving ``fig`` as the last expression of a cell) works
with plotly's default renderer: in JupyterLab that is the
``application/vnd.plotly.v1+json`` mimetype, drawn by the plotly.js that the
JupyterLab extension bundles, so nothing is fetched from a CDN.  This module
does not change ``plotly.io.renderers`` or any other global setting.  The map
pans on drag; for zooming with the mouse wheel in a notebook too, use
``fig.show(config={"scrollZoom": True})`` (the HTML files have it on).  Fonts:
the figures ask for "Noto Sans SC, Noto Sans CJK SC, WenQuanYi Micro Hei,
sans-serif", so any installed CJK font renders the Chinese text.

Static images (optional)
------------------------
PNG/SVG/PDF copies need kaleido (``pip install 'jxplan[export]'``) and a
Chromium or Chrome on the machine (e.g. the Debian package ``chromium``)::

    fig = jxplan.interactive.project_map(lang="zh")
    fig.write_image("map.png", width=1200, height=900, scale=2)

Chromium finds CJK fonts through fontconfig, not through matplotlib: install
a CJK font package or point ``FONTCONFIG_FILE`` at a fonts.conf whose
``<dir>`` is the folder of :func:`jxplan.fonts.font_path`.  None of this is
needed for the HTML files.  The report figures (PNG/SVG/PDF) are drawn with
matplotlib instead, see :mod:`jxplan.export`.

Examples
--------
>>> from jxplan import interactive
>>> fig = interactive.project_map(lang="en", modes=["air"])
>>> sorted({t.legendgroup for t in fig.data if t.legendgroup in ("rail", "air")})
['air']
>>> interactive.project_map(modes=["train"])
Traceback (most recent call last):
...
ValueError: unknown mode 'train'; did you mean ...? Valid: air, bus, rail, road, waterway
"""

from __future__ import annotations

import contextlib
import html
import math
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from jxplan.labels import LABELS, MODE_COLORS, PRECISION_STYLES, check_lang, label
from jxplan.meta import MODES, VALUE_LABELS
from jxplan.textwrap_cjk import IDEOGRAPHIC_SPACE, display_width, pack, wrap_words

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd
    import plotly.graph_objects as go

__all__ = ["FONT_FAMILY", "HTML_FIGURES", "project_map", "timeline", "build", "write_html"]

#: Figures that :func:`write_html` writes, by file name.
HTML_FIGURES: tuple[str, ...] = ("project_map", "timeline_three_year_plan", "scorecard",
                                 "lineage")

#: Font stack of every figure: the packaged Noto Sans SC first, then common
#: system CJK fonts.
FONT_FAMILY = "Noto Sans SC, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"

# Interface text that is not in jxplan.labels: key -> (zh, en).

# event type -> (plotly symbol, colour); the order is the legend's.  The
# words are the value labels of jxplan.meta.VALUE_LABELS["event_type"].
_EVENTS: dict[str, tuple[str, str]] = {
    "proposed": ("circle-open", "#6b6b6b"),
    "listed": ("square-open", "#3a6ea5"),
    "plan_published": ("square", "#3a6ea5"),
    "agreement": ("diamond-open", "#0b7a75"),
    "approved": ("diamond", "#0b7a75"),
    "design_approved": ("diamond-wide", "#35a89f"),
    "construction_started": ("triangle-up", "#e6550d"),
    "opened": ("star", "#1a7f37"),
    "completed": ("star-square", "#1a7f37"),
    "status_report": ("circle", "#a3a3a3"),
    "renamed": ("hexagon-open", "#8c510a"),
}

_COUNTY_KEY = {"jiaxing": "html.county.jiaxing", "shanghai": "area.shanghai",
               "context": "html.county.context"}
_DASH = {"solid": "solid", "dashed": "dash", "dotted": "dot", "dashdot": "dashdot"}
_FILL = {"jiaxing": "#f6efdc", "shanghai": "#e3ecf5", "context": "#efefef"}
_EDGE = {"jiaxing": "#b5a47e", "shanghai": "#8fa6bf", "context": "#ffffff"}
_SEA = "#eef5fb"
_LAKE = ("#b7d4ec", "#8cb6da")
_GREY = "#555555"
_HALO = "1px 1px 2px white, -1px -1px 2px white, 1px -1px 2px white, -1px 1px 2px white"

# The map's extent: the study counties plus a margin (lon/lat).
_MAP_X = (120.22, 121.52)
_MAP_Y = (30.27, 31.34)
_SIMPLIFY_DEG = 0.0002  # ~20 m: invisible at this scale, halves the HTML
_DENSIFY_DEG = 0.004  # hover anywhere along a line, not only at its vertices
_ROUND = 5  # decimals of degrees kept (~1 m)

def _field(name: str, value, width: int, *, lang: str) -> str:
    """One hover line "name: value", wrapped as a whole, continuation lines indented."""
    lines = wrap_words(f"{name}{_sep(lang)}{value}", width)
    return ("<br>" + IDEOGRAPHIC_SPACE).join(_esc(line) for line in lines)


def _esc(text) -> str:
    return html.escape(str(text), quote=False)


def _wrap_html(text: str, width: int, *, indent: str = "") -> str:
    return ("<br>" + indent).join(_esc(line) for line in wrap_words(text, width))


def _short_url(url: str, limit: int = 64) -> str:
    url = str(url)
    bare = re.sub(r"^https?://", "", url)
    return bare if len(bare) <= limit else bare[: limit - 1] + "…"


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _check_modes(modes: Iterable[str] | str | None) -> list[str]:
    from jxplan.io import check_choice

    if modes is None:
        return list(MODES)
    if isinstance(modes, str):
        modes = [modes]
    chosen = {check_choice(m, MODES, what="mode") for m in modes}
    return [m for m in MODES if m in chosen]


def _event_label(event_type: str, lang: str) -> str:
    if event_type not in VALUE_LABELS["event_type"]:
        return event_type
    return label(f"event_type.{event_type}", lang=lang)


def _confidence_label(grade, lang: str) -> str:
    """"C，来源页面明示" / "C, stated at the source": the grade and its label."""
    if _missing(grade):
        return "–"
    grade = str(grade)
    if grade not in VALUE_LABELS["confidence"]:
        return grade
    return label("html.graded", lang=lang).format(grade=grade,
                                                  label=label(f"confidence.{grade}", lang=lang))


def _sep(lang: str) -> str:
    return label("sep.field", lang=lang)


def _base_layout(title: str, subtitle: str, *, lang: str) -> dict:
    return {
        "title": {"text": _esc(title), "x": 0.01, "xanchor": "left", "y": 0.985,
                  "yanchor": "top", "font": {"size": 22, "color": "#1a1a1a"},
                  "subtitle": {"text": _esc(subtitle), "font": {"size": 13, "color": "#555555"}}},
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hovermode": "closest",
        "hoverlabel": {"bgcolor": "white", "font": {"family": FONT_FAMILY, "size": 12,
                                                    "color": "#222222"},
                       "align": "left", "namelength": -1},
        "separators": ".,",
        "meta": {"jxplan_lang": lang},
    }


# --------------------------------------------------------------------------- map


def _xy(geom) -> tuple[np.ndarray, np.ndarray]:
    """x and y of a geometry's rings (or lines), NaN-separated, as float32.

    A NaN starts a new sub-path (plotly fills each ring; holes keep the
    opposite orientation, so they stay empty).  float32 keeps ~1 m at these
    longitudes; numpy arrays are validated fast by plotly and written
    compactly (base64) into the HTML.
    """
    import numpy as np

    chunks = []
    for part in getattr(geom, "geoms", [geom]):
        rings = [part.exterior, *part.interiors] if hasattr(part, "exterior") else [part]
        for ring in rings:
            if chunks:
                chunks.append(np.full((1, 2), np.nan))
            chunks.append(np.asarray(ring.coords, dtype=float)[:, :2])
    xy = np.concatenate(chunks) if chunks else np.empty((0, 2))
    return xy[:, 0].astype("f4"), xy[:, 1].astype("f4")


def _county_role(row) -> str:
    if row["role"] != "study":
        return "context"
    return "shanghai" if str(row["adcode"]).startswith("31") else "jiaxing"


def _milestone_table() -> pd.DataFrame:
    """Milestones with project, source and confidence, oldest first per project."""
    from jxplan.analysis import project_timeline
    from jxplan.io import load_milestones

    raw = load_milestones().reset_index()
    table = project_timeline()
    extra = [c for c in ("source_url", "confidence", "note_en") if c not in table]
    if extra:
        table = table.merge(raw[["milestone_id", *extra]], on="milestone_id", how="left")
    return table


def _project_order() -> list[str]:
    from jxplan.analysis import project_order

    return project_order()["project_id"].tolist()


def _project_hover(pid: str, row, *, lang: str, names: dict, measures, latest) -> str:
    w = 50 if lang == "zh" else 62
    lines = [f"<b>{_wrap_html(row[f'name_{lang}'], w)}</b>"]
    mode = label("mode." + row["mode"], lang=lang)
    precision = label("precision." + row["geometry_precision"], lang=lang)
    lines.append(_field(label("html.mode", lang=lang), mode, w, lang=lang) + label("sep.list", lang=lang)
                 + _esc(f"{label('html.precision', lang=lang)}{_sep(lang)}{precision}"))
    if _missing(row["measure_id"]):
        lines.append(_field(label("html.measure", lang=lang), label("html.measure.none", lang=lang), w, lang=lang))
        if not _missing(row["successor_of"]):
            parent = names.get(str(row["successor_of"]), str(row["successor_of"]))
            lines.append(_field(label("html.successor_of", lang=lang), parent, w, lang=lang))
    else:
        m = measures.loc[row["measure_id"]]
        number = label("html.measure.no", lang=lang).format(n=int(m["measure_no"]))
        title = "" if _missing(m[f"title_{lang}"]) else f" {m[f'title_{lang}']}"
        lines.append(_field(label("html.measure", lang=lang), number + title, w, lang=lang))
        if not _missing(row[f"ask_2016_{lang}"]):
            lines.append(_field(label("html.ask", lang=lang), row[f"ask_2016_{lang}"], w, lang=lang))
    if latest is None:
        lines.append(_field(label("html.latest", lang=lang), label("html.none", lang=lang), w, lang=lang))
    else:
        kind = _event_label(latest["event_type"], lang)
        when = label("html.qualified", lang=lang).format(text=latest["date"], what=kind)
        lines.append(_field(label("html.latest", lang=lang), when, w, lang=lang))
        lines.append(IDEOGRAPHIC_SPACE + _wrap_html(latest[f"event_{lang}"], w - 2,
                                                    indent=IDEOGRAPHIC_SPACE))
        url = latest["source_url"]
        lines.append(_esc(f"{label('html.source', lang=lang)}{_sep(lang)}"
                          f"{'–' if _missing(url) else _short_url(url)}"))
        lines.append(_field(label("html.confidence", lang=lang), _confidence_label(latest["confidence"], lang),
                            w, lang=lang))
    return "<br>".join(lines)


def project_map(*, lang: str = "zh", modes: Iterable[str] | None = None) -> go.Figure:
    """The Shanghai-linkage projects on a county map, as an interactive figure.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
        Language of every label and hover text.
    modes : iterable of str, optional
        Draw only these transport modes (:data:`jxplan.meta.MODES`); default
        all.  An unknown mode raises ValueError listing the valid ones.

    Returns
    -------
    plotly.graph_objects.Figure
        Cartesian ``Scatter`` traces only, longitude on x and latitude on y
        with the y axis scaled by 1/cos(latitude) (fixed aspect):

        * one filled polygon per county (study counties in colour,
          surrounding context units grey), hover: name, adcode, computed
          land area and the number of projects declaring the county;
        * sea and lakes (GSHHG) and county name labels;
        * one trace per drawn project, ``legendgroup`` = its mode, so a
          click on the legend hides or shows a mode; schematic geometries
          are dashed; hover: name, mode, 2016 measure and ask, latest
          milestone with its source and confidence, geometry precision;
        * the airport as a point;
        * projects whose location is not published (and plans that are not
          lines) are listed in an annotation below the map, not drawn.

    Examples
    --------
    >>> fig = project_map(lang="zh")
    >>> fig.layout.title.text
    '嘉兴接轨上海交通项目分布'
    >>> sorted({t.legendgroup for t in fig.data if t.meta and t.meta.get("project_id")})
    ['air', 'bus', 'rail', 'road', 'waterway']
    """
    import plotly.graph_objects as go
    import shapely

    from jxplan.geo import load_context, load_counties
    from jxplan.io import load_measures, load_projects

    lang = check_lang(lang)
    chosen = _check_modes(modes)
    sep = _sep(lang)

    projects = load_projects()
    shown = projects[projects["mode"].isin(chosen)]
    names = {pid: str(n) for pid, n in projects[f"name_{lang}"].items()}
    measures = load_measures(plan_id=None)
    milestones = _milestone_table()
    latest = {pid: grp.sort_values(["date_start", "milestone_id"], kind="stable").iloc[-1]
              for pid, grp in milestones.groupby("project_id")}

    declared: dict[str, int] = {}
    for codes in shown["adcodes"].dropna():
        for code in str(codes).split(";"):
            declared[code] = declared.get(code, 0) + 1

    fig = go.Figure()
    box = shapely.box(_MAP_X[0], _MAP_Y[0], _MAP_X[1], _MAP_Y[1])

    # sea (under everything) and, later, lakes
    context = load_context()
    for row in context[context["kind"] == "sea"].itertuples():
        geom = shapely.simplify(row.geometry.intersection(box.buffer(0.2)), _SIMPLIFY_DEG)
        xs, ys = _xy(geom)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=_SEA,
                                 line={"width": 0, "color": _SEA}, hoverinfo="skip",
                                 showlegend=False, name="sea"))

    counties = load_counties(context=True)
    counties = counties.assign(_role=[_county_role(r) for _, r in counties.iterrows()])
    legend_done: set[str] = set()
    label_rows = []
    for role in ("context", "jiaxing", "shanghai"):
        for _, row in counties[counties["_role"] == role].iterrows():
            geom = shapely.simplify(row.geometry, _SIMPLIFY_DEG, preserve_topology=True)
            xs, ys = _xy(geom)
            name = row[f"name_{lang}"]
            city = row["city"] if lang == "zh" else row["city_en"]
            head = label("html.name_code", lang=lang).format(name=f"<b>{_esc(name)}</b>",
                                                              code=row["adcode"])
            lines = [head, _esc(city),
                     f"{label('html.county.area', lang=lang)}{sep}{row['area_km2']:,.0f} km²"]
            n = declared.get(row["adcode"], 0)
            suffix = label("html.county.projects_modes", lang=lang) if modes is not None else ""
            if role == "context":
                lines.append(label("html.county.context_note", lang=lang))
                if n:
                    lines.append(f"{label('html.county.projects', lang=lang)}{suffix}{sep}{n}")
            else:
                lines.append(f"{label('html.county.projects', lang=lang)}{suffix}{sep}{n}")
            if role not in legend_done:  # legend entry: a filled square, toggles the group
                legend_done.add(role)
                fig.add_trace(go.Scatter(
                    x=[None], y=[None], mode="markers", name=label(_COUNTY_KEY[role], lang=lang),
                    marker={"symbol": "square", "size": 15, "color": _FILL[role],
                            "line": {"color": _EDGE[role] if role != "context" else "#cfcfcf",
                                     "width": 1.5}},
                    legend="legend2", legendgroup=f"county-{role}", hoverinfo="skip",
                    meta={"legend_entry": f"county-{role}"}))
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", fillcolor=_FILL[role],
                line={"width": 1.0 if role != "context" else 1.2, "color": _EDGE[role]},
                hoveron="fills", hoverinfo="text", text="<br>".join(lines),
                name=str(row[f"name_{lang}"]), legend="legend2",
                legendgroup=f"county-{role}", showlegend=False,
                meta={"adcode": str(row["adcode"]), "role": role}))
            visible = row.geometry.intersection(box)
            if not visible.is_empty and visible.area > 0.004:
                point = shapely.point_on_surface(max(getattr(visible, "geoms", [visible]),
                                                     key=lambda g: g.area))
                label_rows.append((role, name, point.x, point.y))

    # city outlines (Jiaxing, Shanghai study districts): the provincial border stands out
    study = counties[counties["_role"] != "context"]
    for _city, group in study.groupby("city", sort=True):
        outline = shapely.simplify(shapely.union_all(group.geometry.to_list()),
                                   _SIMPLIFY_DEG, preserve_topology=True)
        xs, ys = _xy(outline)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"width": 1.8, "color": "#6e6e6e"},
                                 hoverinfo="skip", showlegend=False, name="outline"))

    for row in context[context["kind"] == "lake"].itertuples():
        geom = row.geometry.intersection(box.buffer(0.3))
        if geom.is_empty:
            continue
        xs, ys = _xy(shapely.simplify(geom, _SIMPLIFY_DEG, preserve_topology=True))
        lake = row.name_zh if lang == "zh" else row.name_en
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=_LAKE[0],
                                 line={"width": 0.6, "color": _LAKE[1]}, hoveron="fills",
                                 hoverinfo="text", text=_esc(lake), showlegend=False,
                                 name=str(row.name_en)))

    # project geometries, by mode
    order = _project_order()
    for mode in chosen:
        colour = MODE_COLORS[mode]
        mode_name = label(f"mode.{mode}", lang=lang)
        in_mode = [p for p in order if p in shown.index
                   and shown.at[p, "mode"] == mode]
        drawn = [p for p in in_mode
                 if shown.at[p, "geometry"] is not None and not shown.at[p, "geometry"].is_empty]
        if not drawn:
            continue
        # legend entry of the mode: a solid line (a point marker for point-only modes)
        point_only = all(shown.at[p, "geometry"].geom_type == "Point" for p in drawn)
        fig.add_trace(go.Scatter(
            x=[None], y=[None], name=mode_name, legendgroup=mode, showlegend=True,
            mode="markers" if point_only else "lines",
            line={"color": colour, "width": 4},
            marker={"color": colour, "size": 16, "symbol": "star"} if point_only else None,
            hoverinfo="skip", meta={"legend_entry": mode}))
        for pid in drawn:
            row = shown.loc[pid]
            geom = row["geometry"]
            hover = _project_hover(pid, row, lang=lang, names=names, measures=measures,
                                   latest=latest.get(pid))
            meta = {"project_id": pid, "mode": mode}
            # plotly reads only "%{...}" in a template; a bare "%" is shown as is
            template = hover + "<extra></extra>"
            if geom.geom_type == "Point":
                is_airport = mode == "air"
                fig.add_trace(go.Scatter(
                    x=[round(geom.x, _ROUND)], y=[round(geom.y, _ROUND)],
                    mode="markers+text" if is_airport else "markers",
                    text=[label("html.airport", lang=lang)] if is_airport else None,
                    textposition="bottom center",
                    textfont={"size": 12, "color": colour, "shadow": _HALO},
                    marker={"color": colour, "size": 20 if is_airport else 12,
                            "symbol": "star" if is_airport else "square",
                            "line": {"color": "white", "width": 1.5}},
                    name=names[pid], legendgroup=mode, showlegend=False,
                    hovertemplate=template, hoverlabel={"bordercolor": colour}, meta=meta))
                continue
            dash = _DASH[PRECISION_STYLES.get(row["geometry_precision"], "solid")]
            dense = shapely.segmentize(geom, _DENSIFY_DEG)
            xs, ys = _xy(dense)
            vertices = {(round(x, _ROUND), round(y, _ROUND)) for x, y in geom.coords}
            sizes = [7 if (round(x, _ROUND), round(y, _ROUND)) in vertices else 0
                     for x, y in dense.coords]
            fig.add_trace(go.Scatter(  # white halo: keeps the line readable on any fill
                x=xs, y=ys, mode="lines", line={"color": "white", "width": 7},
                hoverinfo="skip", legendgroup=mode, showlegend=False, name=f"halo {pid}"))
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines+markers",
                line={"color": colour, "width": 3.5, "dash": dash},
                marker={"size": sizes, "color": "white", "line": {"color": colour, "width": 2}},
                name=names[pid], legendgroup=mode, showlegend=False,
                hovertemplate=template, hoverlabel={"bordercolor": colour}, meta=meta))

    # county name labels
    for role, size, colour in (("context", 11, "#8a8a8a"), ("jiaxing", 13, "#4a4030"),
                               ("shanghai", 13, "#33465a")):
        rows = [r for r in label_rows if r[0] == role]
        if rows:
            fig.add_trace(go.Scatter(
                x=[round(r[2], _ROUND) for r in rows], y=[round(r[3], _ROUND) for r in rows],
                text=[_esc(r[1]) for r in rows], mode="text", hoverinfo="skip",
                textfont={"size": size, "color": colour, "shadow": _HALO}, showlegend=False,
                name=f"labels-{role}"))

    # key of line styles
    for key, dash in (("station_to_station", "solid"), ("schematic", "dash")):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines",
                                 line={"color": _GREY, "width": 3, "dash": dash},
                                 name=label(f"precision.{key}", lang=lang), legend="legend2",
                                 legendgroup=f"precision-{key}", hoverinfo="skip",
                                 meta={"legend_entry": f"precision-{key}"}))

    # sea name
    fig.add_trace(go.Scatter(x=[121.2], y=[30.4], mode="text",
                             text=[_esc(label("hangzhou_bay", lang=lang))], hoverinfo="skip",
                             textfont={"size": 13, "color": "#6f93b3", "shadow": _HALO},
                             showlegend=False,
                             name="hangzhou-bay"))

    layout = _base_layout(label("figure.project_map", lang=lang), label("html.map.subtitle", lang=lang),
                          lang=lang)
    lat0 = math.radians(sum(_MAP_Y) / 2)
    layout.update({
        "height": 880,
        "margin": {"l": 20, "r": 20, "t": 92, "b": 165},
        "xaxis": {"range": list(_MAP_X), "visible": False, "constrain": "domain",
                  "domain": [0.0, 0.74], "fixedrange": False},
        "yaxis": {"range": list(_MAP_Y), "visible": False, "constrain": "domain",
                  "scaleanchor": "x", "scaleratio": round(1 / math.cos(lat0), 6)},
        "dragmode": "pan",
        "legend": {"title": {"text": label("html.legend.modes", lang=lang)}, "x": 0.76, "xanchor": "left",
                   "y": 1.0, "yanchor": "top", "itemclick": "toggle",
                   "itemdoubleclick": "toggleothers", "bgcolor": "rgba(255,255,255,0.9)",
                   "font": {"size": 13}, "groupclick": "togglegroup"},
        "legend2": {"title": {"text": label("html.legend.key", lang=lang)}, "x": 0.76, "xanchor": "left",
                    "y": 0.58, "yanchor": "top", "bgcolor": "rgba(255,255,255,0.9)",
                    "font": {"size": 12}},
        "annotations": _map_notes(shown, order, lang=lang),
        "uirevision": "jxplan-map",
    })
    fig.update_layout(layout)
    return fig


def _map_notes(shown, order: list[str], *, lang: str) -> list[dict]:
    """The not-drawn projects, listed under the map, and the credit line."""
    from jxplan.meta import credit_line

    w = 116 if lang == "zh" else 128
    notes = []
    for precision, key in (("not_published", "not_published_note"),
                           ("not_spatial", "html.not_spatial_note")):
        ids = [p for p in order if p in shown.index
               and shown.at[p, "geometry_precision"] == precision]
        if not ids:
            continue
        head = label(key, lang=lang)
        items = [str(shown.at[p, f"name_{lang}"]) for p in ids]
        lines = pack(items, label("sep.list", lang=lang), w, used=display_width(head))
        notes.append(f"<b>{_esc(head)}</b>" + "<br>".join(_esc(line) for line in lines))
    annotations = []
    box_px = 0
    if notes:
        text = "<br>".join(notes)
        box_px = 16 * (text.count("<br>") + 1) + 2 * 6 + 2  # lines, padding, border
        annotations.append({
            "text": text, "xref": "paper", "yref": "paper", "x": 0.0, "y": -0.02,
            "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
            "font": {"size": 12, "color": "#333333"}, "bordercolor": "#cccccc", "borderwidth": 1,
            "borderpad": 6, "bgcolor": "#fafafa", "name": "not-drawn"})
    credit = credit_line(["projects", "milestones", "waypoints", "counties_land", "context"],
                         lang=lang)
    annotations.append({
        "text": "<br>".join(_esc(line) for line in
                            pack(_credit_parts(credit), "", 130 if lang == "zh" else 150)),
        "xref": "paper",
        "yref": "paper", "x": 0.0, "y": -0.02, "yshift": -(box_px + 8), "xanchor": "left",
        "yanchor": "top",
        "showarrow": False, "align": "left", "font": {"size": 10, "color": "#7a7a7a"},
        "name": "credit"})
    return annotations


def _credit_parts(credit: str) -> list[str]:
    """The credit line cut after each separator, so that lines break between sources."""
    cuts = "|".join(f"(?<={re.escape(sep)})" for sep in LABELS["sep.list"])
    return [part for part in re.split(cuts, credit) if part]


# ---------------------------------------------------------------------- timeline


def _plan_bands() -> pd.DataFrame:
    from jxplan.analysis import TIMELINE_PLANS, plan_periods

    return plan_periods(plan_ids=TIMELINE_PLANS)


def _mid_date(date: str):
    """Where a milestone is drawn: its day, or the middle of its month or year."""
    import pandas as pd

    if len(date) == 4:
        return pd.Timestamp(f"{date}-07-02")
    if len(date) == 7:
        return pd.Timestamp(f"{date}-01") + pd.Timedelta(days=14)
    return pd.Timestamp(date)


def _span(date: str):
    import pandas as pd

    start = pd.Timestamp(date + ("-01-01" if len(date) == 4 else "-01" if len(date) == 7 else ""))
    if len(date) == 4:
        return start, start + pd.DateOffset(years=1)
    if len(date) == 7:
        return start, start + pd.DateOffset(months=1)
    return start, start


def _iso(ts) -> str:
    return ts.strftime("%Y-%m-%d")


def timeline(*, lang: str = "zh") -> go.Figure:
    """Each project's milestones against the 2014-2016 three-year plan.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
        Language of every label and hover text.

    Returns
    -------
    plotly.graph_objects.Figure
        One row per project (grouped by mode; later projects under the 2016
        item they carry on).  Plan periods are shaded bands (layout shapes
        named ``plan-<plan_id>``) labelled above the plot, the 2014-2016
        three-year plan strongest.  One marker per milestone, one trace per
        event type (legend); a date known only to the year or month is
        drawn at the middle of that period with a bar over it.  Hover: the
        date as precise as the source, event, source URL, confidence and the
        years after the 2014-2016 window.  Row labels carry a dot in their
        mode's colour; a second legend names the modes.

    Examples
    --------
    >>> fig = timeline(lang="en")
    >>> [s.name for s in fig.layout.shapes if s.name == "plan-jx-2014-2016"]
    ['plan-jx-2014-2016']
    """
    import pandas as pd
    import plotly.graph_objects as go

    from jxplan.io import load_projects

    lang = check_lang(lang)
    sep = _sep(lang)
    projects = load_projects(geometry=False)
    order = _project_order()
    row_of = {pid: i for i, pid in enumerate(order)}
    ms = _milestone_table()
    ms = ms[ms["project_id"].isin(row_of)].copy()
    ms["x_draw"] = [_mid_date(d) for d in ms["date"]]
    ms["y_row"] = ms["project_id"].map(row_of)

    fig = go.Figure()
    w = 40 if lang == "zh" else 58

    # mode: a faint line through each project's milestones, in the mode's colour
    for mode in MODES:
        ids = [p for p in order if projects.at[p, "mode"] == mode]
        if not ids:
            continue
        xs: list = []
        ys: list = []
        for pid in ids:
            sub = ms[ms["project_id"] == pid]
            if len(sub) >= 2:
                xs += [_iso(sub["x_draw"].min()), _iso(sub["x_draw"].max()), None]
                ys += [row_of[pid], row_of[pid], None]
        fig.add_trace(go.Scatter(
            x=xs or [None], y=ys or [None], mode="lines",
            line={"color": MODE_COLORS[mode], "width": 5}, opacity=0.35,
            name=label(f"mode.{mode}", lang=lang), showlegend=False,
            hoverinfo="skip", meta={"mode": mode}))

    # bars over dates known only to the year or month
    xs, ys = [], []
    for row in ms.itertuples():
        if len(row.date) < 10:
            start, end = _span(row.date)
            xs += [_iso(start), _iso(end - pd.Timedelta(days=1)), None]
            ys += [row.y_row, row.y_row, None]
    if xs:
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#555555", "width": 1.5},
                                 name=label("html.whisker", lang=lang), legendrank=2000,
                                 legendgroup="whisker", hoverinfo="skip"))

    # one marker trace per event type
    for event_type, (symbol, colour) in _EVENTS.items():
        event_name = _event_label(event_type, lang)
        sub = ms[ms["event_type"] == event_type]
        if sub.empty:
            continue
        texts = []
        for row in sub.itertuples():
            name = projects.at[row.project_id, f"name_{lang}"]
            date = str(row.date)
            if len(date) < 10:
                precision = label(f"html.precision.{'year' if len(date) == 4 else 'month'}",
                                  lang=lang)
                date = label("html.qualified", lang=lang).format(text=date, what=precision)
            url = getattr(row, "source_url", None)
            years = getattr(row, "years_after_window", None)
            lines = [f"<b>{_wrap_html(name, w)}</b>",
                     _field(label("html.date", lang=lang), date, w, lang=lang),
                     _field(label("html.event_type", lang=lang), event_name, w, lang=lang),
                     _field(label("html.event", lang=lang), getattr(row, f"event_{lang}"), w, lang=lang)]
            if not _missing(years):
                lines.append(_field(label("html.after_window", lang=lang),
                                    label("html.years", lang=lang).format(v=float(years)), w, lang=lang))
            lines.append(_esc(f"{label('html.source', lang=lang)}{sep}"
                              f"{'–' if _missing(url) else _short_url(url)}"))
            lines.append(_field(label("html.confidence", lang=lang),
                                _confidence_label(getattr(row, "confidence", None), lang),
                                w, lang=lang))
            texts.append("<br>".join(lines))
        open_symbol = symbol.endswith("-open")
        fig.add_trace(go.Scatter(
            x=[_iso(x) for x in sub["x_draw"]], y=sub["y_row"].tolist(), mode="markers",
            marker={"symbol": symbol, "size": 13 if event_type != "status_report" else 10,
                    "color": colour,
                    "line": {"color": colour if open_symbol else "white",
                             "width": 2 if open_symbol else 1}},
            name=_esc(event_name), legendgroup=f"event-{event_type}",
            text=texts, hovertemplate="%{text}<extra></extra>", hoverlabel={"bordercolor": colour},
            customdata=sub["milestone_id"].tolist(),
            meta={"event_type": event_type}))

    # rows without any milestone
    empty = [pid for pid in order if pid not in set(ms["project_id"])]
    annotations: list[dict] = []
    for pid in empty:
        annotations.append({"x": "2017-02-01", "y": row_of[pid], "xref": "x", "yref": "y",
                            "text": f"<i>{label('html.no_milestone', lang=lang)}</i>", "showarrow": False,
                            "xanchor": "left", "font": {"size": 11, "color": "#8a8a8a"}})

    # plan bands; their labels sit above the plot in lanes that do not overlap
    bands = _plan_bands()
    shapes: list[dict] = []
    lanes: list[list[tuple[float, float]]] = []  # per lane: the spans (in years) it holds
    first = sorted(range(len(bands)), key=lambda i: bands["plan_id"].iloc[i] != "jx-2014-2016")
    for band in (bands.iloc[i] for i in first):
        pid = str(band["plan_id"])
        start, end = int(band["start"]), int(band["end"])
        strong = pid == "jx-2014-2016"
        this = pid == "jx-2016"
        fill = "#f4b266" if strong else "#d9534f" if this else "#bdbdbd"
        opacity = 0.30 if strong else 0.18 if this else 0.22
        derived = str(band["period_basis"]) == "derived"
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": f"{start}-01-01",
                       "x1": f"{end + 1}-01-01", "y0": 0, "y1": 1, "fillcolor": fill,
                       "opacity": opacity, "layer": "below",
                       "line": {"width": 1 if derived else 0, "dash": "dot", "color": "#777777"},
                       "name": f"plan-{pid}"})
        years_text = f"{start}–{end}" if end != start else f"{start}"
        text = f"{band[f'label_{lang}']} {years_text}"
        if derived:
            text += label("html.period.derived", lang=lang)
        # Labels of late plans end at the band's end, so they stay inside the plot.
        # Their length in years is estimated for a narrow plot (~22 px a year).
        right = start >= 2018
        length = (display_width(text) * 6.3 + 10) / 22
        span = (end + 1 - length, end + 1.0) if right else (float(start), start + length)
        lane = next((i for i, spans in enumerate(lanes)
                     if all(span[1] <= a or span[0] >= b for a, b in spans)), len(lanes))
        if lane == len(lanes):
            lanes.append([])
        lanes[lane].append(span)
        annotations.append({
            "x": f"{end + 1}-01-01" if right else f"{start}-01-01", "xref": "x",
            "xanchor": "right" if right else "left", "yref": "paper",
            "y": 1.0, "yanchor": "bottom", "yshift": 3 + 18 * lane, "showarrow": False,
            "text": f"<b>{_esc(text)}</b>" if strong else _esc(text),
            "font": {"size": 12, "color": "#8a4b00" if strong else "#a3302c" if this
                     else "#555555"},
            "name": f"plan-{pid}"})
    shapes.sort(key=lambda shape: shape["name"] == "plan-jx-2016")  # 2016 on top

    # mode key, above the row labels
    key = [f"<b>{_esc(label('legend.mode', lang=lang))}</b>"]
    key += [f'<span style="color:{MODE_COLORS[m]}">●</span> '
            f"{_esc(label('mode.' + m, lang=lang))}" for m in MODES if m in set(projects["mode"])]
    annotations.append({"text": "<br>".join(key), "xref": "paper", "yref": "paper", "x": 0,
                        "y": 1.0, "xanchor": "right", "yanchor": "bottom", "xshift": -12,
                        "yshift": 4, "align": "left", "showarrow": False,
                        "font": {"size": 12, "color": "#333333"}, "name": "mode-key"})

    ticktext = []
    for pid in order:
        name = str(projects.at[pid, f"name_{lang}"])
        successor = not _missing(projects.at[pid, "successor_of"])
        lines = wrap_words(name, 34 if lang == "zh" else 44)
        dot = f"<span style=\"color:{MODE_COLORS[projects.at[pid, 'mode']]}\">●</span> "
        prefix = "↳ " if successor else ""
        ticktext.append(dot + prefix + "<br>".join(_esc(line) for line in lines))
    n = len(order)
    top = 98 + max(18 * len(lanes), 18 * (len(key) - 1)) + 8
    bottom = 120
    layout = _base_layout(label("figure.timeline_three_year_plan", lang=lang),
                          label("html.timeline.subtitle", lang=lang), lang=lang)
    layout.update({
        "height": top + bottom + 31 * n,
        "margin": {"l": 20, "r": 24, "t": top, "b": bottom},
        "xaxis": {"type": "date", "range": ["2008-07-01", "2026-07-01"], "dtick": "M24",
                  "tick0": "2008-01-01", "tickformat": "%Y", "showgrid": True,
                  "gridcolor": "#e4e4e4", "ticks": "outside", "showline": True,
                  "linecolor": "#999999", "automargin": True, "tickangle": 0,
                  "minor": {"dtick": "M12", "ticks": "outside", "ticklen": 3,
                            "showgrid": True, "gridcolor": "#f3f3f3"}},
        "yaxis": {"tickvals": list(range(n)), "ticktext": ticktext,
                  "range": [n - 0.5, -0.5], "showgrid": True, "gridcolor": "#f0f0f0",
                  "zeroline": False, "automargin": True, "tickfont": {"size": 12},
                  "fixedrange": True},
        "shapes": shapes,
        "annotations": annotations,
        "legend": {"title": {"text": label("html.legend.events", lang=lang) + _sep(lang), "side": "left"},
                   "orientation": "h", "x": 0.0, "xref": "container", "xanchor": "left",
                   "y": 0.0, "yref": "container", "yanchor": "bottom", "font": {"size": 12},
                   "entrywidthmode": "pixels", "entrywidth": 0, "tracegroupgap": 0,
                   "itemwidth": 30},
        "dragmode": "zoom",
    })
    fig.update_layout(layout)
    return fig


# ------------------------------------------------------------------------- HTML


def build(name: str, *, lang: str = "zh") -> go.Figure:
    """Build one of :data:`HTML_FIGURES` by its file name.

    Examples
    --------
    >>> build("timeline_three_year_plan", lang="en").layout.title.text
    'Linkage projects against the 2014–2016 three-year plan'
    """
    from jxplan.io import check_choice

    check_choice(name, HTML_FIGURES, what="figure")
    check_lang(lang)
    if name == "project_map":
        return project_map(lang=lang)
    if name in ("scorecard", "lineage"):
        from jxplan import interactive_record

        return getattr(interactive_record, name)(lang=lang)
    return timeline(lang=lang)


_HTML_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    # No geo traces are used, so no topojsonURL is needed; MathJax is not
    # included (include_mathjax=False), so no script is fetched at all.
}


def write_html(name: str, *, lang: str, out_dir: str | os.PathLike) -> Path:
    """Write one figure as a self-contained HTML file: ``<out_dir>/<lang>/<name>.html``.

    plotly.js is inlined (about 4.8 MB; no CDN, no MathJax), the div id is
    fixed (``jxplan-<name>-<lang>``), so the same data give byte-identical
    files; the file is written under a temporary name and then renamed, so
    a reader never sees half a file.

    Parameters
    ----------
    name : str
        One of :data:`HTML_FIGURES`.
    lang : {"zh", "en"}
        Language.
    out_dir : path
        Folder; ``<lang>/`` is created inside it.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_html("project_map", lang="en", out_dir=folder)
    ...     path.relative_to(folder).as_posix(), path.stat().st_size > 4_000_000
    ('en/project_map.html', True)
    """
    import plotly.io as pio

    fig = build(name, lang=lang)
    config = dict(_HTML_CONFIG)
    config["toImageButtonOptions"] = {"filename": f"{name}_{lang}", "format": "png", "scale": 2}
    text = pio.to_html(fig, include_plotlyjs=True, include_mathjax=False, full_html=True,
                       div_id=f"jxplan-{name}-{lang}", config=config,
                       default_width="100%", default_height="100%", validate=True)
    title = _esc(fig.layout.title.text or name)
    text = text.replace("<html>", f"<html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\">", 1)
    text = text.replace('<meta charset="utf-8" />',
                        f'<meta charset="utf-8" />\n    <title>{title}</title>', 1)
    folder = Path(out_dir) / lang
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.html"
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".html.tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
