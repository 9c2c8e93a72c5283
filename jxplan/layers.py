"""Public layers of the static figures: each draws one thing on a given axes.

A layer takes the axes to draw on and the data to draw, and loads nothing;
the figures of :mod:`jxplan.plot` are a few lines that load the defaults and
call these in order.  Use them to draw jxplan's county base map under your
own layer, or a timeline of other projects::

    import matplotlib.pyplot as plt
    from jxplan import layers
    from jxplan.geo import PROJECTED_CRS, load_context, load_counties
    from jxplan.layout import study_extent

    counties = load_counties(context=True).to_crs(PROJECTED_CRS)
    context = load_context().to_crs(PROJECTED_CRS)
    fig, ax = plt.subplots()
    extent = study_extent(counties)
    layers.base_map(ax, counties, context, extent=extent)
    layers.county_labels(ax, counties, lang="zh")
    my_points.to_crs(PROJECTED_CRS).plot(ax=ax, color="crimson", zorder=12)
    layers.scale_bar(ax, extent=extent, lang="zh")

Map layers want data in a projected CRS in metres (jxplan uses UTM 51N,
:data:`jxplan.geo.PROJECTED_CRS`).  Every layer draws inside jxplan's style
(:func:`jxplan.plot.style_context`) and leaves the user's rcParams as they were.

=============================  ================================================
map layer                      draws
=============================  ================================================
:func:`base_map`               sea, land, county polygons, city outlines, lakes
:func:`context_labels`         neighbouring units, lakes, Hangzhou Bay
:func:`county_labels`          the study counties' names (and a value)
:func:`project_geometries`     each project's line or site, in its mode colour
:func:`key_numbers`            the numbered circles of the projects
:func:`scale_bar`              a 0-10-20 km bar
:func:`north_arrow`            an arrow and "N"
:func:`map_legends`            modes/geometry and areas legends
:func:`key_legend`             the numbered key below the map
:func:`note_box`               a framed note below the map
=============================  ================================================

=============================  ================================================
timeline layer                 draws
=============================  ================================================
:func:`timeline_frame`         limits, year ticks and grid of the timeline axes
:func:`window_band`            the shaded plan window and its end
:func:`plan_bands`             one lane per plan, hatched where derived
:func:`milestone_rows`         names, asks, milestone markers per project row
:func:`year_columns`           years after the window, per project row
:func:`timeline_legend`        the markers' legend
=============================  ================================================

County figure: :func:`count_colorbar` (the classes' key) and :func:`mode_bars`
(stacked bars per county and mode).  Measures figure: :func:`measure_grid`,
:func:`action_boxes`, :func:`measure_boxes`, :func:`not_held_box`.  Targets
figure: :func:`target_panel` (one target and its outcomes),
:func:`not_reported_slot` (a year without a figure: words in a frame, not a bar) and
:func:`target_legend_entries`.

Examples
--------
>>> from matplotlib.figure import Figure
>>> ax = Figure().add_subplot()
>>> window_band(ax, start=2014, end=2017)
>>> [round(x) for x in ax.lines[0].get_xdata()]
[2017, 2017]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jxplan.labels import MODE_COLORS, PRECISION_STYLES, label
from jxplan.layout import date_position, decimal_year
from jxplan.meta import MODES, check_lang
from jxplan.style import styled

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.legend import Legend
    from matplotlib.text import Annotation, Text

    from jxplan.layout import TimelineLayout

__all__ = [
    "COLORS", "EVENT_STYLE",
    "base_map", "context_labels", "county_labels", "project_geometries", "key_numbers",
    "scale_bar", "north_arrow", "map_legends", "key_legend", "note_box", "hide_covered_labels",
    "timeline_frame", "window_band", "plan_bands", "milestone_rows", "year_columns",
    "timeline_legend", "count_colorbar", "mode_bars", "styled",
    "MEASURE_COLUMNS", "measure_grid", "action_boxes", "measure_boxes", "not_held_box",
    "SCOPE_COLORS", "NOT_REPORTED_EDGE", "target_panel", "not_reported_slot",
    "target_legend_entries",
]

Extent = tuple[float, float, float, float]

#: The map's and the timeline's colours.
COLORS: dict[str, str] = {
    "sea": "#d6e7f2",
    "lake_edge": "#9fc4dc",
    "land": "#f3f2ee",
    "jiaxing": "#fbefd6",
    "shanghai": "#ebe6f2",
    "context": "#e6e5e1",
    "edge": "#b3a88f",
    "ink": "#222222",
    "muted": "#666666",
    "window": "#fff1c9",
    "window_edge": "#b8860b",
}
_INK = COLORS["ink"]

#: Marker of each milestone kind on the static timeline.
EVENT_STYLE: dict[str, dict] = {
    "approved": {"marker": "s", "filled": True, "size": 4.6},
    "design_approved": {"marker": "s", "filled": False, "size": 4.6},
    "construction_started": {"marker": "^", "filled": True, "size": 5.2},
    "opened": {"marker": "o", "filled": True, "size": 5.2},
    "completed": {"marker": "o", "filled": False, "size": 5.2},
}

_LINE_WIDTH = {"rail": 2.2, "road": 1.7, "bus": 1.3, "air": 1.5, "waterway": 2.0}
_POINT_MARKER = {"rail": "s", "air": "^"}
_PLAN_FACE = {"jx-2014-2016": "#e0a526", "jx-2016": "#4d6a8a"}


def _halo(width: float = 2.0) -> list:
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground="white")]


# --------------------------------------------------------------------------- polygons


def _polygon_path(geom: Any) -> Any:
    """A matplotlib Path for a (multi)polygon, holes included."""
    import numpy as np
    from matplotlib.path import Path

    verts, codes = [], []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            verts.append(xy)
            ring_codes = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
            ring_codes[0] = Path.MOVETO
            ring_codes[-1] = Path.CLOSEPOLY
            codes.append(ring_codes)
    if not verts:
        return None
    return Path(np.concatenate(verts), np.concatenate(codes))


def _add_polygons(ax: Axes, geoms: Sequence[Any], *, facecolor: Any, edgecolor: str = "none",
                  linewidth: float = 0.0, zorder: float = 1) -> None:
    """Draw polygons as one PathCollection (no pyplot, no intermediate redraws)."""
    from matplotlib.collections import PathCollection

    paths, faces = [], []
    colors = facecolor if isinstance(facecolor, (list, tuple)) else [facecolor] * len(geoms)
    for geom, color in zip(geoms, colors, strict=True):
        path = _polygon_path(geom)
        if path is not None:
            paths.append(path)
            faces.append(color)
    if not paths:
        return
    coll = PathCollection(paths, facecolors=faces, edgecolors=edgecolor, linewidths=linewidth,
                          zorder=zorder)
    ax.add_collection(coll, autolim=False)


# --------------------------------------------------------------------------- map layers


@styled
def base_map(ax: Axes, counties: Any, context: Any, *, extent: Extent,
             fills: Mapping[str, str] | None = None, boundaries: bool = True) -> None:
    """Sea, land, county polygons (land only), the two cities' outlines and lakes.

    Parameters
    ----------
    ax
        The axes; its limits are set to *extent*, its aspect to equal, its ticks removed.
    counties
        GeoDataFrame with ``adcode`` and ``role`` ("study" or "context"), e.g.
        :func:`jxplan.geo.load_counties` with ``context=True``, in a metre CRS.
    context
        GeoDataFrame with ``kind`` ("land", "lake", ...), e.g. :func:`jxplan.geo.load_context`.
    extent
        ``(x0, y0, x1, y1)``, e.g. :func:`jxplan.layout.study_extent`.
    fills
        adcode -> colour of each study county (a choropleth); default Jiaxing
        cream and Shanghai lilac.
    boundaries
        False for a schematic: land, sea and lakes only, no county or city
        polygon and so no administrative boundary line (nor a change of
        colour that would trace one); *fills* must then be None.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from jxplan.geo import PROJECTED_CRS, load_context, load_counties
    >>> from jxplan.layout import study_extent
    >>> counties = load_counties(context=True).to_crs(PROJECTED_CRS)
    >>> context = load_context().to_crs(PROJECTED_CRS)
    >>> ax = Figure().add_subplot()
    >>> base_map(ax, counties, context, extent=study_extent(counties))
    >>> ax.get_aspect(), len(ax.collections) >= 4
    (1.0, True)
    """
    x0, y0, x1, y1 = extent
    ax.set_facecolor(COLORS["sea"])
    land = context[context["kind"] == "land"]
    _add_polygons(ax, list(land.geometry), facecolor=COLORS["land"], zorder=0)
    if boundaries:
        _county_polygons(ax, counties, fills)
    elif fills is not None:
        raise ValueError("fills colour the counties, so they draw their boundaries: "
                         "pass fills=None with boundaries=False")
    lakes = context[context["kind"] == "lake"]
    _add_polygons(ax, list(lakes.geometry), facecolor=COLORS["sea"],
                  edgecolor=COLORS["lake_edge"], linewidth=0.3, zorder=4)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.6)
        spine.set_color("#888888")


def _county_polygons(ax: Axes, counties: Any, fills: Mapping[str, str] | None) -> None:
    """Context units, study counties (filled) and the outline of each city's study part."""
    ctx_units = counties[counties["role"] == "context"]
    _add_polygons(ax, list(ctx_units.geometry), facecolor=COLORS["context"], edgecolor="white",
                  linewidth=0.5, zorder=1)
    study = counties[counties["role"] == "study"]
    if fills is None:
        colors = [COLORS["jiaxing"] if a.startswith("3304") else COLORS["shanghai"]
                  for a in study["adcode"]]
    else:
        colors = [fills[a] for a in study["adcode"]]
    _add_polygons(ax, list(study.geometry), facecolor=colors, edgecolor=COLORS["edge"],
                  linewidth=0.5, zorder=2)
    # outline of the two cities' study parts
    for prefix in ("3304", "3101"):
        part = study[study["adcode"].str.startswith(prefix)].geometry.union_all()
        _add_polygons(ax, [part], facecolor="none", edgecolor="#6f6a5f", linewidth=0.9,
                      zorder=3)


@styled
def context_labels(ax: Axes, counties: Any, context: Any, *, extent: Extent,
                   lang: str) -> list[Text]:
    """Grey names of the neighbouring units, blue names of lakes and of Hangzhou Bay.

    Only units and lakes of which enough is visible inside *extent* are named.
    The unit and lake names are marked as background (:func:`hide_covered_labels`
    hides them under a legend).  Returns the texts drawn.
    """
    from shapely.geometry import box

    check_lang(lang)
    frame = box(*extent)
    name = f"name_{lang}"
    out = []
    for row in counties[counties["role"] == "context"].sort_values("adcode").itertuples():
        visible = row.geometry.intersection(frame)
        if visible.area < 60e6:
            continue
        pt = visible.representative_point()
        t = ax.text(pt.x, pt.y, getattr(row, name), fontsize=5.5, color="#8a8a8a",
                    ha="center", va="center", zorder=6, path_effects=_halo(1.5))
        t._jxplan_background = True  # type: ignore[attr-defined]
        out.append(t)
    for row in context[context["kind"] == "lake"].sort_values("name_en").itertuples():
        visible = row.geometry.intersection(frame)
        if not isinstance(row.name_en, str) or not row.name_en or visible.area < 15e6:
            continue
        pt = visible.representative_point()
        key = "taihu" if row.name_en.startswith("Taihu") else None
        text = label(key, lang=lang) if key else getattr(row, name)
        t = ax.text(pt.x, pt.y, text, fontsize=5.5, color="#3f77a0", style="italic",
                    ha="center", va="center", zorder=6)
        t._jxplan_background = True  # type: ignore[attr-defined]
        out.append(t)
    x0, y0, x1, y1 = extent
    out.append(ax.text(x0 + 0.625 * (x1 - x0), y0 + 0.07 * (y1 - y0),
                       label("hangzhou_bay", lang=lang), fontsize=7, color="#3f77a0",
                       style="italic", ha="center", va="center", zorder=6))
    return out


def _dark(color: str) -> bool:
    """Whether white text reads better than black on *color* (relative luminance)."""
    from matplotlib.colors import to_rgb

    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18


@styled
def county_labels(ax: Axes, counties: Any, *, lang: str, extra: Mapping[str, Any] | None = None,
                  fontsize: float = 6.5, boxes: Mapping[str, str] | None = None) -> list[Text]:
    """The name of each study county at a well-inside point, with *extra* below it.

    Parameters
    ----------
    ax, counties
        As for :func:`base_map` (only ``role == "study"`` rows are named).
    lang
        ``"zh"`` or ``"en"`` (English names drop "District", "County", "City").
    extra
        adcode -> a value written under the name (e.g. a count).
    fontsize
        Points.
    boxes
        adcode -> colour of a small box behind each name (a choropleth's
        classes on a schematic map without county polygons); default none.
    """
    from jxplan.layout import label_point

    check_lang(lang)
    name = f"name_{lang}"
    out = []
    for row in counties[counties["role"] == "study"].sort_values("adcode").itertuples():
        pt = label_point(row.geometry)
        text = getattr(row, name)
        if lang == "en":
            text = text.replace(" District", "").replace(" County", "").replace(" City", "")
        if extra is not None:
            text = f"{text}\n{extra[row.adcode]}"
        style: dict[str, Any] = {"color": _INK, "path_effects": _halo(1.8)}
        if boxes is not None:
            face = boxes[row.adcode]
            style = {"color": "white" if _dark(face) else _INK,
                     "bbox": {"boxstyle": "round,pad=0.3", "facecolor": face,
                              "edgecolor": "#8a8170", "linewidth": 0.4}}
        out.append(ax.text(pt.x, pt.y, text, fontsize=fontsize, ha="center",
                           va="center", zorder=11, linespacing=1.1, **style))
    return out


@styled
def project_geometries(ax: Axes, projects: pd.DataFrame, geometries: Mapping[str, Any], *,
                       lang: str) -> list[tuple[Any, str]]:
    """Each project's line (solid or dashed by precision, on a white halo) or site marker.

    Parameters
    ----------
    ax
        The map axes.
    projects
        One row per project to draw, in key order: ``project_id``, ``mode``,
        ``geometry_precision``, ``key_no``, ``name_<lang>`` (e.g. the drawn
        rows of :func:`jxplan.analysis.map_projects`).
    geometries
        project id -> Point or LineString, in the axes' CRS.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    list of (handle, text)
        One legend entry per project, ``"<key_no>  <name>"``, for :func:`key_legend`.
    """
    from matplotlib.lines import Line2D

    name = f"name_{check_lang(lang)}"
    entries = []
    for row in projects.itertuples():
        geom = geometries[row.project_id]
        color = MODE_COLORS[row.mode]
        if geom.geom_type == "Point":
            marker = _POINT_MARKER.get(row.mode, "o")
            ax.plot(geom.x, geom.y, marker=marker, markersize=7, color=color,
                    markeredgecolor="white", markeredgewidth=0.8, zorder=12, linestyle="none")
            handle = Line2D([], [], marker=marker, color=color, markersize=6, linestyle="none",
                            markeredgecolor="white", markeredgewidth=0.6)
        else:
            style: Any = PRECISION_STYLES[row.geometry_precision]
            xs, ys = geom.xy
            ax.plot(xs, ys, color="white", linewidth=_LINE_WIDTH[row.mode] + 1.4,
                    solid_capstyle="round", zorder=9, alpha=0.9)
            ax.plot(xs, ys, color=color, linewidth=_LINE_WIDTH[row.mode], linestyle=style,
                    dash_capstyle="butt", solid_capstyle="round", zorder=10)
            handle = Line2D([], [], color=color, linewidth=1.6, linestyle=style)
        entries.append((handle, f"{row.key_no}  {getattr(row, name)}"))
    return entries


@styled
def key_numbers(ax: Axes, projects: pd.DataFrame,
                spots: Mapping[str, tuple[float, float]]) -> list[Text]:
    """A numbered circle in its mode's colour at each project's spot.

    *projects* has ``project_id``, ``key_no`` and ``mode``; *spots* maps
    project id -> ``(x, y)`` (:func:`jxplan.layout.label_spots`).
    """
    out = []
    for pid, (x, y) in spots.items():
        row = projects[projects["project_id"] == pid].iloc[0]
        out.append(ax.text(x, y, str(row["key_no"]), fontsize=5.5, color="white", ha="center",
                           va="center", zorder=14,
                           bbox={"boxstyle": "circle,pad=0.18",
                                 "facecolor": MODE_COLORS[row["mode"]], "edgecolor": "white",
                                 "linewidth": 0.6}))
    return out


@styled
def scale_bar(ax: Axes, *, extent: Extent, lang: str, step_km: float = 10) -> None:
    """A two-segment scale bar (0, *step_km*, 2 x *step_km* km) in the lower left.

    The axes must be in a metre CRS with an equal aspect.
    """
    from matplotlib.patches import Rectangle

    x0, y0, x1, y1 = extent
    left = x0 + 0.04 * (x1 - x0)
    base = y0 + 0.045 * (y1 - y0)
    h = 0.010 * (y1 - y0)
    step = step_km * 1000
    for i in range(2):
        ax.add_patch(Rectangle((left + i * step, base), step, h, facecolor=_INK if i == 0
                               else "white", edgecolor=_INK, linewidth=0.6, zorder=8))
    for i, value in enumerate((0, step_km, 2 * step_km)):
        value = int(value) if float(value).is_integer() else value
        text = f"{value} {label('map.km', lang=lang)}" if i == 2 else str(value)
        ax.text(left + i * step, base + 1.8 * h, text, fontsize=6, ha="center", va="bottom",
                color=_INK, zorder=8, path_effects=_halo(1.5))


@styled
def north_arrow(ax: Axes, *, lang: str, x: float = 0.955, y: float = 0.965,
                text_y: float = 0.885) -> Annotation:
    """An arrow up to (*x*, *y*), the letter for north at (*x*, *text_y*), in axes fractions."""
    return ax.annotate(label("map.north", lang=lang), xy=(x, y), xytext=(x, text_y),
                       xycoords="axes fraction", textcoords="axes fraction", ha="center",
                       va="center", fontsize=7, color=_INK, zorder=9,
                       arrowprops={"arrowstyle": "-|>", "color": _INK, "linewidth": 0.9,
                                   "shrinkA": 4, "shrinkB": 0, "mutation_scale": 9})


_LEGEND_KW: dict[str, Any] = {
    "fontsize": 6, "title_fontsize": 6.5, "frameon": True, "framealpha": 0.92,
    "edgecolor": "#bbbbbb", "borderpad": 0.5, "handlelength": 2.2,
    "labelspacing": 0.3, "alignment": "left",
}


@styled
def map_legends(ax: Axes, *, lang: str, modes: Sequence[str] = MODES,
                boundaries: bool = True) -> tuple[Legend, Legend]:
    """The modes-and-geometry legend (lower right) and the areas legend (upper left).

    With *boundaries* False (a schematic :func:`base_map`) the areas legend
    has land and water only.  Returns ``(modes_legend, areas_legend)``, both
    added to *ax* as artists.
    """
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    mode_handles: list[Any] = [Line2D([], [], color=MODE_COLORS[m], linewidth=2.2) for m in modes]
    mode_labels = [label(f"mode.{m}", lang=lang) for m in modes]
    prec_handles: list[Any] = [Line2D([], [], color=_INK, linewidth=1.4, linestyle="solid"),
                    Line2D([], [], color=_INK, linewidth=1.4, linestyle="dashed"),
                    (Line2D([], [], color=_INK, marker="s", markersize=4.5, linestyle="none"),
                     Line2D([], [], color=_INK, marker="^", markersize=5, linestyle="none"))]
    prec_labels = [label("precision.station_to_station", lang=lang),
                   label("precision.schematic", lang=lang), label("map.site", lang=lang)]
    areas = (("jiaxing", "shanghai", "context", "sea") if boundaries else ("land", "sea"))
    area_handles: list[Any] = [Patch(facecolor=COLORS[c], edgecolor=COLORS["edge"], linewidth=0.5)
                    for c in areas]
    area_labels = [label("area.water" if c == "sea" else f"area.{c}", lang=lang) for c in areas]
    title = f"{label('legend.mode', lang=lang)} / {label('map.legend.geometry', lang=lang)}"
    modes_leg = ax.legend(mode_handles + prec_handles, mode_labels + prec_labels, title=title,
                          loc="lower right", bbox_to_anchor=(0.995, 0.005),
                          handler_map={tuple: HandlerTuple(ndivide=None, pad=0.6)},
                          **_LEGEND_KW)
    modes_leg.set_zorder(20)
    ax.add_artist(modes_leg)
    area_leg = ax.legend(area_handles, area_labels, title=label("map.legend.area", lang=lang),
                         loc="upper left", bbox_to_anchor=(0.005, 0.995), **_LEGEND_KW)
    area_leg.set_zorder(20)
    ax.add_artist(area_leg)
    return modes_leg, area_leg


@styled
def key_legend(ax: Axes, entries: Sequence[tuple[Any, str]], *, lang: str,
               transform: Any = None, y: float = 0.0) -> Legend:
    """The numbered key: two columns of *entries* (:func:`project_geometries`).

    Its upper left corner is at ``(0, y)`` in *transform* (default: below *ax*).
    """
    key = ax.legend([h for h, _ in entries], [t for _, t in entries],
                    title=label("map.legend.key", lang=lang), loc="upper left",
                    bbox_to_anchor=(0.0, y), bbox_transform=transform or ax.transAxes, ncols=2,
                    fontsize=6, title_fontsize=6.5, frameon=False, handlelength=2.0,
                    columnspacing=1.5, labelspacing=0.35, borderaxespad=0, borderpad=0,
                    alignment="left")
    ax.add_artist(key)
    return key


@styled
def note_box(ax: Axes, lines: Sequence[str], *, y: float = 0.0, drop: float = 0.0) -> Annotation:
    """A framed grey note, its top left at ``(0, y)`` in axes fractions, *drop* points lower."""
    return ax.annotate("\n".join(lines), xy=(0, y), xycoords="axes fraction",
                       xytext=(3, -drop), textcoords="offset points", ha="left", va="top",
                       fontsize=6, linespacing=1.4, color="#333333", annotation_clip=False,
                       clip_on=False,
                       bbox={"boxstyle": "round,pad=0.5,rounding_size=0.3",
                             "facecolor": "#f7f7f7", "edgecolor": "#bbbbbb", "linewidth": 0.6})


def hide_covered_labels(ax: Axes, legends: Iterable[Legend]) -> None:
    """Hide background labels (:func:`context_labels`) that a legend box would cut through.

    Needs a drawn figure (``fig.draw_without_rendering()``) for the extents.
    """
    boxes = [leg.get_window_extent() for leg in legends]
    for text in ax.texts:
        if getattr(text, "_jxplan_background", False):
            ext = text.get_window_extent()
            if any(ext.overlaps(b) for b in boxes):
                text.set_visible(False)


# --------------------------------------------------------------------------- timeline layers


@styled
def timeline_frame(ax: Axes, *, x_range: tuple[float, float], total: float) -> None:
    """Limits (*total* name-line units, downwards), year ticks above and below, grid."""
    import matplotlib as mpl

    ax.set_xlim(*x_range)
    ax.set_ylim(total + 0.1, -0.3)
    ax.spines[["left", "right", "top"]].set_visible(False)
    ax.tick_params(axis="y", left=False, labelleft=False)
    ax.xaxis.set_major_locator(mpl.ticker.MultipleLocator(2))
    ax.xaxis.set_minor_locator(mpl.ticker.MultipleLocator(1))
    ax.tick_params(axis="x", labelsize=6.5, top=True, labeltop=True, which="both")
    ax.grid(axis="x", which="major", color="#e8e8e8", linewidth=0.5)
    ax.set_axisbelow(True)


@styled
def window_band(ax: Axes, *, start: float = 2014, end: float = 2017) -> None:
    """The plan window shaded from *start* to *end* (decimal years), its end dashed.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> window_band(ax)
    >>> len(ax.patches), len(ax.lines)
    (1, 1)
    """
    ax.axvspan(start, end, color=COLORS["window"], zorder=0, linewidth=0)
    ax.axvline(end, color=COLORS["window_edge"], linewidth=0.8, linestyle=(0, (4, 2)), zorder=1)


def _out_of_axes(ax: Axes) -> dict[str, Any]:
    import matplotlib as mpl

    return {"transform": mpl.transforms.blended_transform_factory(ax.transAxes, ax.transData),
            "clip_on": False}


@styled
def plan_bands(ax: Axes, plans: pd.DataFrame, plan_y: Mapping[str, float], *, lang: str,
               bottom: float) -> None:
    """One lane per plan: a bar over its period (hatched where derived) and its label.

    *plans* has ``plan_id``, ``label_<lang>``, ``start``, ``end`` and
    ``period_basis`` (:func:`jxplan.analysis.plan_periods`); *plan_y* gives
    each lane's centre (:func:`jxplan.layout.timeline_layout`); a line is
    drawn under the lanes at *bottom*.
    """
    from matplotlib.patches import Rectangle

    out = _out_of_axes(ax)
    ax.text(-0.015, plan_y[plans["plan_id"].iloc[0]], label("timeline.plans", lang=lang),
            ha="right", va="center", fontsize=7, color=_INK, **out)
    for p in plans.itertuples():
        start, end = float(p.start), float(p.end) + 1
        face = _PLAN_FACE.get(p.plan_id, "#bdbdbd")
        derived = p.period_basis == "derived"
        yc = plan_y[p.plan_id]
        ax.add_patch(Rectangle((start, yc - 0.42), end - start, 0.84,
                               facecolor="white" if derived else face,
                               edgecolor=face if not derived else "#8c8c8c",
                               hatch="//////" if derived else None, linewidth=0.6, zorder=3))
        text = getattr(p, f"label_{lang}")
        text += f" {p.start}–{p.end}" if p.start != p.end else f" {p.start}"
        if derived:
            text += label("period.derived", lang=lang)
        if start > 2017.5:  # later plans: label on the left, where the lane is free
            ax.text(start - 0.2, yc, text, ha="right", va="center", fontsize=5.8, color=_INK,
                    zorder=4, in_layout=False)
        else:
            ax.text(end + 0.2, yc, text, ha="left", va="center", fontsize=5.8, color=_INK,
                    zorder=4, in_layout=False)
    ax.axhline(bottom, color="#bbbbbb", linewidth=0.5)


@styled
def milestone_rows(ax: Axes, layout: TimelineLayout, events: pd.DataFrame, *, lang: str,
                   ask_x: float | None = None) -> None:
    """Each row of *layout*: mode headings, project names, asks and milestone markers.

    Parameters
    ----------
    ax
        The timeline axes (x in decimal years, y in layout units).
    layout
        :func:`jxplan.layout.timeline_layout`.
    events
        Milestones (``project_id``, ``event_type``, ``date`` as precise as the
        source), e.g. :func:`jxplan.analysis.project_timeline`; a date known to
        the year or month is drawn at its middle (:func:`jxplan.layout.date_position`).
    lang
        ``"zh"`` or ``"en"``.
    ask_x
        Where the ask diamond goes (decimal year); None for no diamond.
    """
    out = _out_of_axes(ax)
    for r in layout.rows.itertuples():
        if r.kind == "mode":
            ax.text(-0.015, r.centre, label(f"mode.{r.mode}", lang=lang), ha="right",
                    va="center", fontsize=7.2, color=MODE_COLORS[r.mode], **out)
            ax.axhline(r.top + 0.1, color="#d0d0d0", linewidth=0.5, zorder=1)
            continue
        color = MODE_COLORS[r.mode]
        text_top = r.top + 0.15
        ax.text(-0.015, text_top, "\n".join(r.name_lines), ha="right", va="top",
                fontsize=6.0, color=_INK, linespacing=1.0, **out)
        if r.ask_lines:
            ax.text(-0.015, text_top + len(r.name_lines) + 0.02, "\n".join(r.ask_lines),
                    ha="right", va="top", fontsize=5.3, color="#808080", linespacing=1.0, **out)
            if ask_x is not None:
                ax.plot(ask_x, r.centre, marker="D", markersize=3.4, markerfacecolor="white",
                        markeredgecolor=_INK, markeredgewidth=0.7, linestyle="none", zorder=6)
        mine = events[events["project_id"] == r.project_id]
        xs = [decimal_year(date_position(d)) for d in mine["date"]]
        if len(xs) >= 2:
            ax.plot([min(xs), max(xs)], [r.centre, r.centre], color=color, linewidth=0.8,
                    alpha=0.45, zorder=4, solid_capstyle="butt")
        for ev, x in zip(mine["event_type"], xs, strict=True):
            style = EVENT_STYLE.get(ev)
            if style is None:
                ax.plot(x, r.centre, marker="o", markersize=2.6, color="#8c8c8c",
                        linestyle="none", zorder=5)
                continue
            ax.plot(x, r.centre, marker=style["marker"], markersize=style["size"],
                    markerfacecolor=color if style["filled"] else "white",
                    markeredgecolor=color, markeredgewidth=0.9, linestyle="none", zorder=7)
        ax.axhline(r.top + r.height, color="#efefef", linewidth=0.4, zorder=1)


def _fmt_years(value: Any) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return "–"
    return f"{float(value):+.1f}"


@styled
def year_columns(ax: Axes, layout: TimelineLayout, *, lang: str,
                 heading: str | None = None) -> None:
    """Columns of years from the window's end to each project's first approval, start, opening.

    *ax* is its own axes beside the timeline (sharing its y); a dash marks
    an event not recorded (never a zero).  *heading* replaces the catalogue's
    heading (which names the end of 2016).
    """
    import pandas as pd

    ax.set_xlim(0, 3)
    ax.axis("off")
    col_x = {"approved": 0.5, "construction_started": 1.5, "opened": 2.5}
    top = layout.plans_bottom
    ax.text(1.5, top + 1.4, heading or label("timeline.after", lang=lang), ha="center",
            va="bottom",
            fontsize=5.8, color=COLORS["muted"], linespacing=1.0)
    for kind, key in (("approved", "timeline.col_approved"),
                      ("construction_started", "timeline.col_started"),
                      ("opened", "timeline.col_opened")):
        ax.text(col_x[kind], top + 2.0, label(key, lang=lang), ha="center", va="center",
                fontsize=5.8, color=COLORS["muted"])
    for r in layout.rows.itertuples():
        if r.kind == "mode":
            ax.axhline(r.top + 0.1, color="#d0d0d0", linewidth=0.5, zorder=1)
            continue
        for kind, x in col_x.items():
            value = getattr(r, f"{kind}_years_after_window")
            ax.text(x, r.centre, _fmt_years(value), ha="center", va="center", fontsize=5.8,
                    color=_INK if not pd.isna(value) else "#b0b0b0")


@styled
def timeline_legend(target: Any, *, lang: str, below: bool = False,
                    window_text: str | None = None, window_end_text: str | None = None) -> Legend:
    """The legend of the markers, the ask, the window and the successor sign.

    *target* is a Figure (legend below the axes, ``loc="outside lower center"``)
    or an Axes (legend under it when *below*).  *window_text* and
    *window_end_text* replace the catalogue's words for the default window.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    texts: list[str] = []
    for ev, style in EVENT_STYLE.items():
        handles.append(Line2D([], [], marker=style["marker"], markersize=style["size"],
                              markerfacecolor="#555555" if style["filled"] else "white",
                              markeredgecolor="#555555", linestyle="none"))
        texts.append(label(f"event_type.{ev}", lang=lang))
    handles.append(Line2D([], [], marker="o", markersize=2.6, color="#8c8c8c", linestyle="none"))
    texts.append(label("timeline.event.other", lang=lang))
    handles.append(Line2D([], [], marker="D", markersize=3.4, markerfacecolor="white",
                          markeredgecolor=_INK, linestyle="none"))
    texts.append(label("timeline.ask_marker", lang=lang))
    handles.append(Patch(facecolor=COLORS["window"], edgecolor="none"))
    texts.append(window_text or label("timeline.window", lang=lang))
    handles.append(Line2D([], [], color=COLORS["window_edge"], linewidth=0.8,
                          linestyle=(0, (4, 2))))
    texts.append(window_end_text or label("timeline.window_end", lang=lang))
    handles.append(Line2D([], [], linestyle="none"))
    texts.append(label("timeline.successor", lang=lang))
    legend_kw = {"ncols": 3, "fontsize": 5.8, "frameon": False, "handlelength": 1.4,
                 "columnspacing": 1.2, "labelspacing": 0.45}
    if not below:
        return target.legend(handles, texts, loc="outside lower center", **legend_kw)
    return target.legend(handles, texts, loc="upper center", bbox_to_anchor=(0.5, -0.03),
                         borderaxespad=0, **legend_kw)


# --------------------------------------------------------------------------- county layers


@styled
def count_colorbar(ax: Axes, cmap: Any, norm: Any, *, lang: str) -> Any:
    """A compact horizontal key of the count classes over the sea, lower right of *ax*.

    *cmap* and *norm* come from :func:`jxplan.layout.count_classes`.  Returns the colorbar.
    """
    import matplotlib as mpl

    vmax = len(norm.boundaries) - 2
    sm = mpl.cm.ScalarMappable(norm=norm, cmap=cmap)
    cax = ax.inset_axes((0.6, 0.045, 0.37, 0.032))
    fig = ax.get_figure()
    assert fig is not None, "the axes belongs to no figure"
    cbar = fig.colorbar(sm, cax=cax, orientation="horizontal", ticks=range(vmax + 1))
    cax.tick_params(labelsize=5.5, length=0, pad=1.5)
    cbar.outline.set_linewidth(0.4)
    cax.set_title(label("county.n", lang=lang), fontsize=5.5, color=COLORS["muted"], pad=2)
    return cbar


@styled
def mode_bars(ax: Axes, table: pd.DataFrame, *, lang: str,
              modes: Sequence[str] = MODES) -> None:
    """Stacked horizontal bars of the projects per county and mode, with totals.

    *table* is :func:`jxplan.analysis.county_project_table` (index adcode,
    ``name_<lang>``, one column per mode, ``total``); Jiaxing's counties
    (adcode 3304..) first, then a gap and Shanghai's districts.
    """
    import matplotlib as mpl
    import numpy as np

    name = f"name_{check_lang(lang)}"
    vmax = max(int(table["total"].astype(int).max()), 1)
    labels_ = [n.replace(" District", "").replace(" County", "").replace(" City", "")
               if lang == "en" else n for n in table[name]]
    n_jx = sum(1 for a in table.index if a.startswith("3304"))
    y = np.array([i if i < n_jx else i + 0.6 for i in range(len(table))], dtype=float)
    left = np.zeros(len(table))
    for mode in modes:
        values = table[mode].astype(int).to_numpy()
        ax.barh(y, values, left=left, color=MODE_COLORS[mode], height=0.72,
                label=label(f"mode.{mode}", lang=lang), edgecolor="white", linewidth=0.4)
        left += values
    for yi, total in zip(y, table["total"].astype(int), strict=True):
        ax.text(total + 0.15, yi, str(total), va="center", ha="left", fontsize=6.5, color=_INK)
    ax.set_yticks(y, labels_, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, vmax + 1.2)
    ax.xaxis.set_major_locator(mpl.ticker.MultipleLocator(2))
    ax.set_xlabel(label("county.n", lang=lang), fontsize=7)
    ax.grid(axis="x", color="#e4e4e4", linewidth=0.5)
    ax.set_axisbelow(True)
    for yi, key in ((-0.75, "jiaxing"), (n_jx - 0.15, "shanghai")):
        ax.text(-0.02, yi, label(key, lang=lang), transform=ax.get_yaxis_transform(),
                ha="right", va="center", fontsize=6.5, color=COLORS["muted"])
    ax.set_title(label("county.bars", lang=lang), fontsize=8, loc="left", pad=22)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=5 if lang == "zh" else 3,
              fontsize=6, handlelength=1.0, handleheight=0.8, columnspacing=1.0,
              frameon=False, borderaxespad=0.2, borderpad=0)


# --------------------------------------------------------------------------- measures layers

#: Columns of the measures figure, in x units of a 0-10 axes.
MEASURE_COLUMNS = {"action": (0.0, 3.9), "measure": (4.05, 8.75), "projects": (8.9, 10.0)}
_ACCENT = "#4d6a8a"
_ROW_GAP = 0.18


@styled
def measure_grid(ax: Axes, n_rows: int, *, lang: str) -> None:
    """Limits (*n_rows* rows, downwards), no axis, and the three column headings."""
    col_a, col_m, col_p = (MEASURE_COLUMNS[k] for k in ("action", "measure", "projects"))
    ax.set_xlim(0, 10)
    ax.set_ylim(n_rows + 0.1, -0.9)
    ax.axis("off")
    hdr: dict[str, Any] = {"fontsize": 7, "color": COLORS["muted"], "va": "bottom"}
    ax.text(col_a[0], -0.15, label("measures.col_action", lang=lang), ha="left", **hdr)
    ax.text(col_m[0], -0.15, label("measures.col_measure", lang=lang), ha="left", **hdr)
    ax.text(col_p[1], -0.15, label("measures.col_projects", lang=lang), ha="right", **hdr)


@styled
def action_boxes(ax: Axes, actions: pd.DataFrame, rows: Sequence[tuple[int, Any]], *,
                 lang: str) -> None:
    """One box per action area across its rows; grey and hatched where its name is not held.

    *actions* is :func:`jxplan.analysis.measure_coverage`; *rows* is
    :func:`jxplan.layout.measure_rows`.
    """
    from matplotlib.patches import FancyBboxPatch

    from jxplan.textwrap_cjk import wrap

    col_a = MEASURE_COLUMNS["action"]
    name_col = f"name_{check_lang(lang)}"
    for a in actions.itertuples():
        idx = [i for i, (no, _) in enumerate(rows) if no == a.action_no]
        top, bottom = idx[0], idx[-1] + 1
        known = a.in_held_text and isinstance(a.name_zh, str)
        box = FancyBboxPatch((col_a[0], top + _ROW_GAP / 2), col_a[1] - col_a[0],
                             bottom - top - _ROW_GAP,
                             boxstyle="round,pad=0,rounding_size=0.12", mutation_aspect=1 / 3,
                             facecolor="#e3ebf3" if known else "#f0f0f0",
                             edgecolor=_ACCENT if known else "#aaaaaa", linewidth=0.7,
                             hatch=None if known else "////")
        if not known and hasattr(box, "set_hatch_linewidth"):  # matplotlib >= 3.10
            box.set_hatch_linewidth(0.4)
        ax.add_patch(box)
        numeral = a.numeral_zh if lang == "zh" else f"{a.action_no}."
        text = getattr(a, name_col) if known else label("not_in_held_text", lang=lang)
        cy = (top + bottom) / 2
        ax.text(col_a[0] + 0.15, cy, numeral, ha="left", va="center", fontsize=8,
                color=_ACCENT if known else "#777777",
                bbox=None if known else {"facecolor": "#f0f0f0", "edgecolor": "none", "pad": 0.8})
        ax.text(col_a[0] + 0.55, cy, "\n".join(wrap(text, 44)), ha="left", va="center",
                fontsize=7.2 if known else 6.8, color=_INK if known else "#666666",
                bbox={"facecolor": "#f0f0f0", "edgecolor": "none", "pad": 0.8} if not known
                else None)


@styled
def measure_boxes(ax: Axes, rows: Sequence[tuple[int, Any]], counts: Mapping[str, int], *,
                  lang: str) -> None:
    """One box per held measure (dashed and marked where the text breaks off), its number
    of linkage projects (*counts*: measure id -> n) in a badge."""
    from matplotlib.patches import FancyBboxPatch

    col_m, col_p = MEASURE_COLUMNS["measure"], MEASURE_COLUMNS["projects"]
    title_col = f"title_{check_lang(lang)}"
    for i, (_no, m) in enumerate(rows):
        if m is None:
            continue
        complete = bool(m["text_complete"])
        rect = FancyBboxPatch((col_m[0], i + _ROW_GAP / 2), col_m[1] - col_m[0], 1 - _ROW_GAP,
                              boxstyle="round,pad=0,rounding_size=0.1", mutation_aspect=1 / 3,
                              facecolor="white", edgecolor=_ACCENT, linewidth=0.6,
                              linestyle="solid" if complete else (0, (3, 2)))
        ax.add_patch(rect)
        ax.text(col_m[0] + 0.15, i + 0.5, str(m["measure_no"]), ha="left", va="center",
                fontsize=7.5, color=_ACCENT)
        text = m[title_col]
        if complete:
            ax.text(col_m[0] + 0.5, i + 0.5, text, ha="left", va="center", fontsize=7,
                    color=_INK)
        else:
            ax.text(col_m[0] + 0.5, i + 0.37, text + " …", ha="left", va="center", fontsize=7,
                    color=_INK)
            ax.text(col_m[0] + 0.5, i + 0.72, label("measures.cutoff", lang=lang), ha="left",
                    va="center", fontsize=5.8, color=COLORS["muted"], style="italic")
        n = int(counts.get(m["measure_id"], 0))
        if n:
            ax.text(col_p[1] - 0.2, i + 0.5, label("measures.n_projects", lang=lang).format(n=n),
                    ha="right", va="center", fontsize=7, color=_INK,
                    bbox={"boxstyle": "round,pad=0.25", "facecolor": "#fdf1dc",
                          "edgecolor": "#d9b26f", "linewidth": 0.5})


@styled
def not_held_box(ax: Axes, rows: Sequence[tuple[int, Any]], *, lang: str) -> None:
    """One hatched box across the rows of the areas whose measures the held text lacks."""
    from matplotlib.patches import Rectangle

    col_m, col_p = MEASURE_COLUMNS["measure"], MEASURE_COLUMNS["projects"]
    empty = [i for i, (_, m) in enumerate(rows) if m is None]
    if not empty:
        return
    top, bottom = empty[0], empty[-1] + 1
    ax.add_patch(Rectangle((col_m[0], top + _ROW_GAP / 2), col_p[1] - col_m[0],
                           bottom - top - _ROW_GAP, facecolor="#f4f4f4", edgecolor="#aaaaaa",
                           linewidth=0.6, hatch="////"))
    ax.text((col_m[0] + col_p[1]) / 2, (top + bottom) / 2, label("measures.not_held", lang=lang),
            ha="center", va="center", fontsize=7, color="#555555",
            bbox={"facecolor": "#f4f4f4", "edgecolor": "none", "pad": 2})


# --------------------------------------------------------------------------- targets layers

#: Bar colour per outcome scope.
SCOPE_COLORS = {"city": "#2b6a99", "county": "#e08a3c"}
_TARGET_RED = "#c0392b"


@styled
def target_panel(ax: Axes, target: Any, outcomes: pd.DataFrame, years: Sequence[int], *,
                 lang: str, width: float = 0.3) -> None:
    """One target: its value as a dashed line, the outcomes by year as bars.

    A hatched bar is a related (not the same) indicator; a year without a
    figure gets an explicit "not reported" slot (:func:`not_reported_slot`:
    the words in a dashed frame at mid-height), never a bar.

    Parameters
    ----------
    ax
        The panel.
    target
        One row (namedtuple) of :func:`jxplan.analysis.targets_vs_outcomes`
        (``target_value``, ``comparator``, ``unit``, ``unit_zh``, ``indicator_<lang>``).
    outcomes
        That target's rows of the same table (``year``, ``scope``, ``status``,
        ``relation``, ``value``).
    years
        The x positions, in order.
    lang
        ``"zh"`` or ``"en"``.
    width
        Bar width.
    """
    import matplotlib as mpl

    from jxplan.textwrap_cjk import wrap

    values = outcomes["value"].dropna()
    ymax = max(float(target.target_value), float(values.max()) if len(values) else 0.0) * 1.22
    ax.set_ylim(0, ymax)
    for i, year in enumerate(years):
        in_year = outcomes[outcomes["year"] == year]
        city = in_year[in_year["scope"] == "city"]
        county = in_year[in_year["scope"] == "county"]
        slots = [("city", r) for r in city.itertuples()] + \
                [("county", r) for r in county.itertuples()]
        offsets = [0.0] if len(slots) == 1 else [-width / 2 - 0.08, width / 2 + 0.08]
        for (scope, r), dx in zip(slots, offsets, strict=False):
            x = i + dx
            if r.status == "not_reported":
                not_reported_slot(ax, x, lang=lang)
                continue
            related = r.relation == "related_indicator"
            color = SCOPE_COLORS[scope]
            ax.bar(x, float(r.value), width=width, color=color if not related else "white",
                   edgecolor=color, linewidth=0.9, hatch="////" if related else None,
                   zorder=2)
            value = float(r.value)
            ax.text(x, value + ymax * 0.02, f"{value:g}", ha="center", va="bottom", fontsize=6,
                    color=_INK, zorder=6,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4})
    value = float(target.target_value)
    ax.axhline(value, color=_TARGET_RED, linewidth=1.0, linestyle=(0, (5, 2)), zorder=4)
    comp = "≥" if target.comparator == ">=" else target.comparator
    unit = target.unit_zh if lang == "zh" else label(f"unit.{target.unit}", lang=lang)
    ax.annotate(f"{comp} {value:g}", (1.0, value), xycoords=("axes fraction", "data"),
                xytext=(2, 0), textcoords="offset points", ha="left", va="center",
                fontsize=6.2, color=_TARGET_RED, annotation_clip=False, clip_on=False)
    ax.set_xticks(range(len(years)), [str(y) for y in years], fontsize=6.5)
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.tick_params(axis="y", labelsize=6.5)
    ax.set_ylabel(unit, fontsize=7)
    indicator = getattr(target, f"indicator_{lang}")
    ax.set_title("\n".join(wrap(indicator, 30 if lang == "en" else 26)), fontsize=7.5,
                 loc="left")
    ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(5, integer=True))


#: The outline of a "not reported" slot: dashed grey, no fill.
NOT_REPORTED_EDGE = "#a8a8a8"
_SLOT_Y = 0.5  # the middle of the panel, in axes fractions: not a data height


@styled
def not_reported_slot(ax: Axes, x: float, *, lang: str) -> Text:
    """The words "not reported" in a dashed frame, floating at the middle of the panel.

    Not a bar: nothing stands on the baseline, nothing is filled with a
    colour, and the frame sits at the same place in every panel (half its
    height, in axes fractions) whatever the values, so it cannot be read as
    a quantity.  Returns the text; its frame is the text's bbox patch.
    """
    words = label("not_reported", lang=lang)
    return ax.text(x, _SLOT_Y, "\n".join(words) if lang == "zh" else words,
                   transform=ax.get_xaxis_transform(), rotation=0 if lang == "zh" else 90,
                   linespacing=1.0, ha="center", va="center", fontsize=6, color="#666666",
                   zorder=6, gid="not_reported",
                   bbox={"boxstyle": "square,pad=0.45", "facecolor": "white",
                         "edgecolor": NOT_REPORTED_EDGE, "linewidth": 0.6,
                         "linestyle": (0, (2, 2))})


def target_legend_entries(*, lang: str) -> tuple[list[Any], list[str]]:
    """Handles and texts of the targets legend (same, related, Pinghu, not reported, target)."""
    import matplotlib as mpl
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=SCOPE_COLORS["city"], edgecolor=SCOPE_COLORS["city"]),
               Patch(facecolor="white", edgecolor=SCOPE_COLORS["city"], hatch="////"),
               Patch(facecolor="white", edgecolor=SCOPE_COLORS["county"], hatch="////"),
               Patch(fill=False, edgecolor=NOT_REPORTED_EDGE, linestyle=(0, (2, 2)),
                     linewidth=0.6),
               mpl.lines.Line2D([], [], color=_TARGET_RED, linestyle=(0, (5, 2)))]
    texts = [label("targets.city_same", lang=lang), label("targets.city_related", lang=lang),
             label("targets.county_related", lang=lang), label("not_reported", lang=lang),
             label("target", lang=lang)]
    return handles, texts
