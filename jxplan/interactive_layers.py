"""Public layers of the interactive (plotly) figures: each adds one thing to a given figure.

The plotly counterpart of :mod:`jxplan.layers`.  A layer takes the
``plotly.graph_objects.Figure`` to draw on and the data to draw, adds its
traces in a fixed order, and loads nothing; :func:`jxplan.interactive.project_map`
and :func:`jxplan.interactive.timeline` load the defaults and call these.
Coordinates are longitude/latitude (EPSG:4326) on cartesian axes.

Layout parts (shapes and annotations) are returned as lists of dicts for the
figure to put in its layout in one place, so that the same data give the
same bytes:

===============================  ==============================================
map layer                        adds
===============================  ==============================================
:func:`sea`                      the sea, under everything
:func:`county_polygons`          a filled polygon per county with its hover, and
                                 one legend entry per kind of county
:func:`city_outlines`            the outline of each city's study part
:func:`lakes`                    the lakes, with their names on hover
:func:`project_traces`           each project's line or site, by mode, with a
                                 legend entry per mode
:func:`county_names`             the county names (see :func:`county_label_points`)
:func:`precision_key`            the line-style key
:func:`sea_name`                 "Hangzhou Bay"
:func:`map_notes`                (annotations) the projects not drawn, the credit
===============================  ==============================================

===============================  ==============================================
timeline layer                   adds
===============================  ==============================================
:func:`mode_lines`               a faint line through each project's milestones
:func:`date_ranges`              bars over dates known only to the year or month
:func:`milestone_markers`        one marker trace per event type, with hovers
:func:`empty_row_notes`          (annotations) rows without any milestone
:func:`plan_band_shapes`         (shapes, annotations) the plan periods and labels
:func:`mode_key`                 (annotation) the modes' colour key
:func:`row_labels`               (tick texts) the project names, wrapped
===============================  ==============================================

Examples
--------
>>> import plotly.graph_objects as go
>>> fig = go.Figure()
>>> sea_name(fig, lang="en")
>>> fig.data[0].text
('Hangzhou Bay',)
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jxplan.labels import LABELS, MODE_COLORS, PRECISION_STYLES, label
from jxplan.layout import date_position
from jxplan.meta import MODES, VALUE_LABELS
from jxplan.textwrap_cjk import IDEOGRAPHIC_SPACE, display_width, pack, wrap_words

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd
    import plotly.graph_objects as go

__all__ = ["MAP_X", "MAP_Y", "map_box", "land", "sea", "county_roles", "county_hovers",
           "county_polygons", "county_label_points", "city_outlines", "lakes", "project_traces",
           "county_names", "precision_key", "sea_name", "map_notes", "timeline_points",
           "mode_lines", "date_ranges", "milestone_markers", "empty_row_notes",
           "plan_band_shapes", "mode_key", "row_labels"]

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
    "closed": ("x", "#6b6b6b"),
    "status_report": ("circle", "#a3a3a3"),
    "renamed": ("hexagon-open", "#8c510a"),
    "planned_start": ("triangle-up-open", "#e6550d"),
    "planned_opening": ("star-open", "#1a7f37"),
    "planned_completion": ("star-square-open", "#1a7f37"),
}

_COUNTY_KEY = {"jiaxing": "area.jiaxing", "shanghai": "area.shanghai",
               "context": "area.context"}
_DASH = {"solid": "solid", "dashed": "dash", "dotted": "dot", "dashdot": "dashdot"}
_FILL = {"jiaxing": "#f6efdc", "shanghai": "#e3ecf5", "context": "#efefef"}
_EDGE = {"jiaxing": "#b5a47e", "shanghai": "#8fa6bf", "context": "#ffffff"}
_SEA = "#eef5fb"
_LAND = "#f4f2ec"
_LAKE = ("#b7d4ec", "#8cb6da")
_GREY = "#555555"
_HALO = "1px 1px 2px white, -1px -1px 2px white, 1px -1px 2px white, -1px 1px 2px white"

# The map's extent: the study counties plus a margin (lon/lat).
MAP_X = (120.22, 121.52)
MAP_Y = (30.27, 31.34)
_MAP_X, _MAP_Y = MAP_X, MAP_Y
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



def _clipped(context: Any, kind: str, box: Any, *, margin: float) -> Iterator[tuple[Any, Any]]:
    """``(row, geometry)`` of each *kind* polygon of *context* that reaches *box* grown by
    *margin* degrees: clipped to it and simplified (rows that miss it are skipped)."""
    import shapely

    for row in context[context["kind"] == kind].itertuples():
        geom = row.geometry.intersection(box.buffer(margin))
        if not geom.is_empty:
            yield row, shapely.simplify(geom, _SIMPLIFY_DEG)  # keeps the topology


def _xy(geom) -> tuple[np.ndarray, np.ndarray]:
    """x and y of a geometry's rings (or lines), NaN-separated, as float32.

    A NaN starts a new sub-path (plotly fills each ring; holes keep the
    opposite orientation, so they stay empty).  float32 keeps ~1 m at these
    longitudes; numpy arrays are validated fast by plotly and written
    compactly (base64) into the HTML.
    """
    import numpy as np

    chunks: list[np.ndarray] = []
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




def _go() -> Any:
    import plotly.graph_objects as go

    return go


# --------------------------------------------------------------------------- map layers


def map_box() -> Any:
    """The map's extent as a shapely box (lon/lat)."""
    import shapely

    return shapely.box(MAP_X[0], MAP_Y[0], MAP_X[1], MAP_Y[1])


def land(fig: go.Figure, context: Any, *, box: Any = None) -> None:
    """The land polygons of *context* (``kind == "land"``, GSHHG) near *box*, in one colour.

    The ground of a schematic map, drawn instead of the county polygons: no
    administrative unit, no boundary line, not hoverable.
    """
    go = _go()
    for _row, geom in _clipped(context, "land", map_box() if box is None else box, margin=0.2):
        xs, ys = _xy(geom)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=_LAND,
                                 line={"width": 0, "color": _LAND}, hoverinfo="skip",
                                 showlegend=False, name="land"))


def sea(fig: go.Figure, context: Any, *, box: Any = None) -> None:
    """The sea polygons of *context* (``kind == "sea"``), clipped near *box*, unhoverable."""
    go = _go()
    for _row, geom in _clipped(context, "sea", map_box() if box is None else box, margin=0.2):
        xs, ys = _xy(geom)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=_SEA,
                                 line={"width": 0, "color": _SEA}, hoverinfo="skip",
                                 showlegend=False, name="sea"))


def county_roles(counties: Any) -> Any:
    """*counties* with a ``_role`` column: "jiaxing", "shanghai" or "context"."""
    return counties.assign(_role=[_county_role(r) for _, r in counties.iterrows()])


def county_hovers(counties: Any, declared: Mapping[str, int], *, lang: str,
                  modes_chosen: bool = False) -> dict[str, str]:
    """adcode -> hover text of each county: name, code, city, area, projects declaring it.

    *counties* has ``_role`` (:func:`county_roles`); *declared* maps adcode
    -> number of projects; *modes_chosen* says the count covers only the modes shown.
    """
    sep = _sep(lang)
    out = {}
    for _, row in counties.iterrows():
        role = row["_role"]
        name = row[f"name_{lang}"]
        city = row["city"] if lang == "zh" else row["city_en"]
        head = label("html.name_code", lang=lang).format(name=f"<b>{_esc(name)}</b>",
                                                          code=row["adcode"])
        lines = [head, _esc(city),
                 f"{label('html.county.area', lang=lang)}{sep}{row['area_km2']:,.0f} km²"]
        n = declared.get(row["adcode"], 0)
        suffix = label("html.county.projects_modes", lang=lang) if modes_chosen else ""
        if role == "context":
            lines.append(label("html.county.context_note", lang=lang))
            if n:
                lines.append(f"{label('html.county.projects', lang=lang)}{suffix}{sep}{n}")
        else:
            lines.append(f"{label('html.county.projects', lang=lang)}{suffix}{sep}{n}")
        out[str(row["adcode"])] = "<br>".join(lines)
    return out


_ROLES = ("context", "jiaxing", "shanghai")


def county_polygons(fig: go.Figure, counties: Any, *, lang: str,
                    hovers: Mapping[str, str]) -> None:
    """A filled, hoverable polygon per county (context, then Jiaxing, then Shanghai).

    Each kind of county gets one legend entry (in ``legend2``) that toggles
    its polygons.  *counties* has ``_role`` (:func:`county_roles`); *hovers*
    maps adcode -> hover text (:func:`county_hovers`).
    """
    import shapely

    go = _go()
    legend_done: set[str] = set()
    for role in _ROLES:
        for _, row in counties[counties["_role"] == role].iterrows():
            geom = shapely.simplify(row.geometry, _SIMPLIFY_DEG, preserve_topology=True)
            xs, ys = _xy(geom)
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
                hoveron="fills", hoverinfo="text", text=hovers[str(row["adcode"])],
                name=str(row[f"name_{lang}"]), legend="legend2",
                legendgroup=f"county-{role}", showlegend=False,
                meta={"adcode": str(row["adcode"]), "role": role}))


def county_label_points(counties: Any, *, lang: str,
                        box: Any = None) -> list[tuple[str, str, float, float]]:
    """``(role, name, x, y)`` for each county of which enough shows inside *box*."""
    import shapely

    box = map_box() if box is None else box
    rows = []
    for role in _ROLES:
        for _, row in counties[counties["_role"] == role].iterrows():
            visible = row.geometry.intersection(box)
            if not visible.is_empty and visible.area > 0.004:
                point = shapely.point_on_surface(max(getattr(visible, "geoms", [visible]),
                                                     key=lambda g: g.area))
                rows.append((role, row[f"name_{lang}"], point.x, point.y))
    return rows


def city_outlines(fig: go.Figure, counties: Any) -> None:
    """The outline of each city's study part (the provincial border stands out)."""
    import shapely

    go = _go()
    study = counties[counties["_role"] != "context"]
    for _city, group in study.groupby("city", sort=True):
        outline = shapely.simplify(shapely.union_all(group.geometry.to_list()),
                                   _SIMPLIFY_DEG, preserve_topology=True)
        xs, ys = _xy(outline)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"width": 1.8, "color": "#6e6e6e"},
                                 hoverinfo="skip", showlegend=False, name="outline"))


def lakes(fig: go.Figure, context: Any, *, lang: str, box: Any = None) -> None:
    """The lakes of *context* (``kind == "lake"``) near *box*, named on hover."""
    go = _go()
    for row, geom in _clipped(context, "lake", map_box() if box is None else box, margin=0.3):
        xs, ys = _xy(geom)
        lake = row.name_zh if lang == "zh" else row.name_en
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=_LAKE[0],
                                 line={"width": 0.6, "color": _LAKE[1]}, hoveron="fills",
                                 hoverinfo="text", text=_esc(lake), showlegend=False,
                                 name=str(row.name_en)))


def project_traces(fig: go.Figure, projects: Any, order: Sequence[str], *, lang: str,
                   hovers: Mapping[str, str], modes: Sequence[str] = MODES) -> None:
    """Each project with a geometry, mode by mode: a legend entry, then its lines or sites.

    Parameters
    ----------
    fig
        The figure.
    projects
        GeoDataFrame indexed by project id (``mode``, ``geometry``,
        ``geometry_precision``, ``name_<lang>``), lon/lat.
    order
        Project ids in drawing order (:func:`jxplan.analysis.project_order`).
    lang
        ``"zh"`` or ``"en"``.
    hovers
        project id -> hover HTML.
    modes
        The modes to draw, in legend order.
    """
    import shapely

    go = _go()
    names = {pid: str(n) for pid, n in projects[f"name_{lang}"].items()}
    for mode in modes:
        colour = MODE_COLORS[mode]
        mode_name = label(f"mode.{mode}", lang=lang)
        in_mode = [p for p in order if p in projects.index
                   and projects.at[p, "mode"] == mode]
        drawn = [p for p in in_mode if projects.at[p, "geometry"] is not None
                 and not projects.at[p, "geometry"].is_empty]
        if not drawn:
            continue
        # legend entry of the mode: a solid line (a point marker for point-only modes)
        point_only = all(projects.at[p, "geometry"].geom_type == "Point" for p in drawn)
        fig.add_trace(go.Scatter(
            x=[None], y=[None], name=mode_name, legendgroup=mode, showlegend=True,
            mode="markers" if point_only else "lines",
            line={"color": colour, "width": 4},
            marker={"color": colour, "size": 16, "symbol": "star"} if point_only else None,
            hoverinfo="skip", meta={"legend_entry": mode}))
        for pid in drawn:
            row = projects.loc[pid]
            geom = row["geometry"]
            meta = {"project_id": pid, "mode": mode}
            # plotly reads only "%{...}" in a template; a bare "%" is shown as is
            template = hovers[pid] + "<extra></extra>"
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


def county_names(fig: go.Figure, points: Sequence[tuple[str, str, float, float]]) -> None:
    """One text trace per kind of county (:func:`county_label_points`)."""
    go = _go()
    for role, size, colour in (("context", 11, "#8a8a8a"), ("jiaxing", 13, "#4a4030"),
                               ("shanghai", 13, "#33465a")):
        rows = [r for r in points if r[0] == role]
        if rows:
            fig.add_trace(go.Scatter(
                x=[round(r[2], _ROUND) for r in rows], y=[round(r[3], _ROUND) for r in rows],
                text=[_esc(r[1]) for r in rows], mode="text", hoverinfo="skip",
                textfont={"size": size, "color": colour, "shadow": _HALO}, showlegend=False,
                name=f"labels-{role}"))


def precision_key(fig: go.Figure, *, lang: str) -> None:
    """Legend entries (``legend2``) of the line styles: station to station, schematic."""
    go = _go()
    for key, dash in (("station_to_station", "solid"), ("schematic", "dash")):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines",
                                 line={"color": _GREY, "width": 3, "dash": dash},
                                 name=label(f"precision.{key}", lang=lang), legend="legend2",
                                 legendgroup=f"precision-{key}", hoverinfo="skip",
                                 meta={"legend_entry": f"precision-{key}"}))


def sea_name(fig: go.Figure, *, lang: str, x: float = 121.2, y: float = 30.4) -> None:
    """"Hangzhou Bay" in the sea."""
    go = _go()
    fig.add_trace(go.Scatter(x=[x], y=[y], mode="text",
                             text=[_esc(label("hangzhou_bay", lang=lang))], hoverinfo="skip",
                             textfont={"size": 13, "color": "#6f93b3", "shadow": _HALO},
                             showlegend=False,
                             name="hangzhou-bay"))


def _credit_parts(credit: str) -> list[str]:
    """The credit line cut after each separator, so that lines break between sources."""
    cuts = "|".join(f"(?<={re.escape(sep)})" for sep in LABELS["sep.list"])
    return [part for part in re.split(cuts, credit) if part]


def map_notes(projects: Any, order: Sequence[str], *, lang: str,
              schematic: bool = False) -> list[dict]:
    """Annotations under the map: the projects not drawn, listed, and the credit line.

    *schematic* puts first in the box the line saying that no administrative
    boundary is drawn.
    """
    from jxplan.meta import credit_line

    w = 116 if lang == "zh" else 128
    notes = [_esc(label("map.schematic_note", lang=lang))] if schematic else []
    for precision, key in (("not_published", "not_published_note"),
                           ("not_spatial", "not_spatial_note")):
        ids = [p for p in order if p in projects.index
               and projects.at[p, "geometry_precision"] == precision]
        if not ids:
            continue
        head = label(key, lang=lang)
        items = [str(projects.at[p, f"name_{lang}"]) for p in ids]
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


# --------------------------------------------------------------------------- timeline layers


def _span(date: str) -> tuple[Any, Any]:
    import pandas as pd

    start = pd.Timestamp(date + ("-01-01" if len(date) == 4 else "-01" if len(date) == 7 else ""))
    if len(date) == 4:
        return start, start + pd.DateOffset(years=1)
    if len(date) == 7:
        return start, start + pd.DateOffset(months=1)
    return start, start


def _iso(ts: Any) -> str:
    return ts.strftime("%Y-%m-%d")


def timeline_points(milestones: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """The milestones of the projects in *order*, with where they are drawn.

    Adds ``x_draw`` (the day, or the middle of the month or year a date is
    known to) and ``y_row`` (the project's row, 0 at the top).
    """
    row_of = {pid: i for i, pid in enumerate(order)}
    ms = milestones[milestones["project_id"].isin(row_of)].copy()
    ms["x_draw"] = [date_position(d) for d in ms["date"]]
    ms["y_row"] = ms["project_id"].map(row_of)
    return ms


def mode_lines(fig: go.Figure, points: pd.DataFrame, order: Sequence[str], projects: Any, *,
               lang: str, modes: Sequence[str] = MODES) -> None:
    """Per mode, one faint line in its colour from each project's first to last milestone."""
    go = _go()
    row_of = {pid: i for i, pid in enumerate(order)}
    for mode in modes:
        ids = [p for p in order if projects.at[p, "mode"] == mode]
        if not ids:
            continue
        xs: list = []
        ys: list = []
        for pid in ids:
            sub = points[points["project_id"] == pid]
            if len(sub) >= 2:
                xs += [_iso(sub["x_draw"].min()), _iso(sub["x_draw"].max()), None]
                ys += [row_of[pid], row_of[pid], None]
        fig.add_trace(go.Scatter(
            x=xs or [None], y=ys or [None], mode="lines",
            line={"color": MODE_COLORS[mode], "width": 5}, opacity=0.35,
            name=label(f"mode.{mode}", lang=lang), showlegend=False,
            hoverinfo="skip", meta={"mode": mode}))


def date_ranges(fig: go.Figure, points: pd.DataFrame, *, lang: str) -> None:
    """A bar over each date known only to the year or month (its possible range)."""
    import pandas as pd

    go = _go()
    xs, ys = [], []
    for row in points.itertuples():
        if len(row.date) < 10:
            start, end = _span(row.date)
            xs += [_iso(start), _iso(end - pd.Timedelta(days=1)), None]
            ys += [row.y_row, row.y_row, None]
    if xs:
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#555555", "width": 1.5},
                                 name=label("html.whisker", lang=lang), legendrank=2000,
                                 legendgroup="whisker", hoverinfo="skip"))


def _milestone_hover(row: Any, name: str, event_name: str, *, lang: str) -> str:
    w = 40 if lang == "zh" else 58
    sep = _sep(lang)
    date = str(row.date)
    if len(date) < 10:
        precision = label(f"html.precision.{'year' if len(date) == 4 else 'month'}", lang=lang)
        date = label("html.qualified", lang=lang).format(text=date, what=precision)
    url: Any = getattr(row, "source_url", None)
    years: Any = getattr(row, "years_after_window", None)
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
                        _confidence_label(getattr(row, "confidence", None), lang), w, lang=lang))
    return "<br>".join(lines)


def milestone_markers(fig: go.Figure, points: pd.DataFrame, projects: Any, *,
                      lang: str) -> None:
    """One marker trace per event type (legend order), hover: date as precise as the
    source, event, years after the window, source and confidence."""
    go = _go()
    for event_type, (symbol, colour) in _EVENTS.items():
        event_name = _event_label(event_type, lang)
        sub = points[points["event_type"] == event_type]
        if sub.empty:
            continue
        texts = [_milestone_hover(row, projects.at[row.project_id, f"name_{lang}"], event_name,
                                  lang=lang) for row in sub.itertuples()]
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


def empty_row_notes(points: pd.DataFrame, order: Sequence[str], *, lang: str,
                    x: str = "2017-02-01") -> list[dict]:
    """Annotations "no milestone found" on the rows of projects without any."""
    seen = set(points["project_id"])
    return [{"x": x, "y": i, "xref": "x", "yref": "y",
             "text": f"<i>{label('html.no_milestone', lang=lang)}</i>", "showarrow": False,
             "xanchor": "left", "font": {"size": 11, "color": "#8a8a8a"}}
            for i, pid in enumerate(order) if pid not in seen]


def plan_band_shapes(bands: pd.DataFrame, *, lang: str, strong: str = "jx-2014-2016",
                     this: str = "jx-2016") -> tuple[list[dict], list[dict], int]:
    """Shaded plan periods and their labels above the plot, in lanes that do not overlap.

    Returns ``(shapes, annotations, number of lanes)``.  *strong* (the
    three-year plan) is drawn strongest and placed first, *this* (the 2016
    plan) on top.
    """
    shapes: list[dict] = []
    annotations: list[dict] = []
    lanes: list[list[tuple[float, float]]] = []  # per lane: the spans (in years) it holds
    first = sorted(range(len(bands)), key=lambda i: bands["plan_id"].iloc[i] != strong)
    for band in (bands.iloc[i] for i in first):
        pid = str(band["plan_id"])
        start, end = int(band["start"]), int(band["end"])
        is_strong, is_this = pid == strong, pid == this
        fill = "#f4b266" if is_strong else "#d9534f" if is_this else "#bdbdbd"
        opacity = 0.30 if is_strong else 0.18 if is_this else 0.22
        derived = str(band["period_basis"]) == "derived"
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": f"{start}-01-01",
                       "x1": f"{end + 1}-01-01", "y0": 0, "y1": 1, "fillcolor": fill,
                       "opacity": opacity, "layer": "below",
                       "line": {"width": 1 if derived else 0, "dash": "dot", "color": "#777777"},
                       "name": f"plan-{pid}"})
        years_text = f"{start}–{end}" if end != start else f"{start}"
        text = f"{band[f'label_{lang}']} {years_text}"
        if derived:
            text += label("period.derived", lang=lang)
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
            "text": f"<b>{_esc(text)}</b>" if is_strong else _esc(text),
            "font": {"size": 12, "color": "#8a4b00" if is_strong else "#a3302c" if is_this
                     else "#555555"},
            "name": f"plan-{pid}"})
    shapes.sort(key=lambda shape: shape["name"] == f"plan-{this}")  # the 2016 plan on top
    return shapes, annotations, len(lanes)


def mode_key(modes_present: Iterable[str], *, lang: str) -> tuple[dict, int]:
    """The annotation naming each mode beside a dot in its colour; and its number of lines."""
    present = set(modes_present)
    key = [f"<b>{_esc(label('legend.mode', lang=lang))}</b>"]
    key += [f'<span style="color:{MODE_COLORS[m]}">●</span> '
            f"{_esc(label(f'mode.{m}', lang=lang))}" for m in MODES if m in present]
    return ({"text": "<br>".join(key), "xref": "paper", "yref": "paper", "x": 0,
             "y": 1.0, "xanchor": "right", "yanchor": "bottom", "xshift": -12,
             "yshift": 4, "align": "left", "showarrow": False,
             "font": {"size": 12, "color": "#333333"}, "name": "mode-key"}, len(key))


def row_labels(order: Sequence[str], projects: Any, *, lang: str) -> list[str]:
    """Tick texts of the rows: a dot in the mode's colour, "↳ " for a successor, the name."""
    ticktext = []
    for pid in order:
        name = str(projects.at[pid, f"name_{lang}"])
        successor = not _missing(projects.at[pid, "successor_of"])
        lines = wrap_words(name, 34 if lang == "zh" else 44)
        dot = f"<span style=\"color:{MODE_COLORS[projects.at[pid, 'mode']]}\">●</span> "
        prefix = "↳ " if successor else ""
        ticktext.append(dot + prefix + "<br>".join(_esc(line) for line in lines))
    return ticktext


#: Font stack of every figure: the packaged Noto Sans SC first, then common
#: system CJK fonts.
FONT_FAMILY = "Noto Sans SC, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"


def base_layout(title: str, subtitle: str, *, lang: str) -> dict:
    """The layout every jxplan HTML figure starts from: title and subtitle, fonts, hover style."""
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
