"""The five report figures, in Chinese or English.

Each function draws one figure from the tables of :mod:`jxplan.analysis`,
records the data tables it used (:func:`jxplan.export.attach_sources`, so
that :func:`jxplan.export.save_figure` can write the credit line) and
returns the matplotlib Figure.  ``lang="zh"`` gives a Chinese figure,
``lang="en"`` an English one (Chinese characters appear in it only inside
parentheses, e.g. a document number).

=========================== ========================================== ============
function                    what it shows                              size
=========================== ========================================== ============
project_map                 projects on a land-only county map         report-tall
county_projects             projects touching each county (declared)   report
measures_by_action          the 7 action areas and the 7 measures held report
timeline_three_year_plan    milestones against the 2014-2016 window    report-tall
targets_outcomes            the 2016 targets and outcomes reported     report
=========================== ========================================== ============

Sizes are names in :data:`jxplan.export.SIZES`; :data:`FIGURE_SIZES` maps
each figure to its size.  Maps are drawn in UTM zone 51N (EPSG:32651), so
distances on them are true and the scale bar is exact.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from jxplan import plot
>>> fig = plot.measures_by_action(lang="en")
>>> fig.get_suptitle()
'The 2016 plan: seven action areas and their measures'
>>> from jxplan.export import get_sources
>>> get_sources(fig)
('actions', 'measures', 'projects')
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

import contextlib
import contextvars
import textwrap
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jxplan.labels import MODE_COLORS, PRECISION_STYLES, check_lang, label
from jxplan.meta import MODES

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FIGURE_SIZES", "project_map", "county_projects", "measures_by_action",
           "timeline_three_year_plan", "targets_outcomes", "figure_texts", "without_pyplot"]

#: The export size (a name in :data:`jxplan.export.SIZES`) each figure is drawn for.
FIGURE_SIZES: dict[str, str] = {
    "project_map": "report-tall",
    "county_projects": "report",
    "measures_by_action": "report",
    "timeline_three_year_plan": "report-tall",
    "targets_outcomes": "report",
    "scorecard": "report-tall",  # jxplan.plot_record
    "lineage": "report-tall",  # jxplan.plot_record
}

# Figure-specific wording (zh, en); shared labels live in jxplan.labels.
_TEXT: dict[str, tuple[str, str]] = {
    "north": ("北", "N"),
    "km": ("公里", "km"),
    "legend.mode": ("交通方式", "Mode"),
    "legend.geometry": ("线形依据", "How it is drawn"),
    "legend.area": ("区域", "Area"),
    "legend.key": ("图中编号", "Numbered on the map"),
    "area.jiaxing": ("嘉兴市各县（市、区）", "Jiaxing counties"),
    "area.shanghai": ("上海市相邻区", "Neighbouring Shanghai districts"),
    "area.context": ("其他周边区县", "Other neighbouring units"),
    "area.water": ("海域、湖泊", "Sea and lakes"),
    "site": ("点位（站点、机场）", "site (station, airport)"),
    "not_spatial_note": ("规划方案，非线路：", "Plans, not lines: "),
    "map.sub": ("线路为示意：虚线仅表示连接的城镇，不代表走向",
                "Dashed lines only show which towns a project links, not its route"),
    "county.choropleth": ("合计（各交通方式）", "All modes"),
    "county.bars": ("按交通方式", "By mode"),
    "county.n": ("项目数", "Number of projects"),
    "county.rule": ("按各项目所列县（市、区）计数（含位置未公布的项目）；"
                    "一个项目可涉及多个县区。{n}个项目未列县区，未计入。",
                    "Counted from the counties each project declares (including projects "
                    "whose route is not published); a project can touch several counties. "
                    "{n} projects declare no county and are not counted."),
    "measures.col_action": ("对接行动", "Action area"),
    "measures.col_measure": ("重点任务（所持文本）", "Measures in the held text"),
    "measures.col_projects": ("所列接轨项目", "Linkage projects named"),
    "measures.cutoff": ("所持文本在此中断", "the held text breaks off here"),
    "measures.not_held": ("所持文本（预览第1–5页，共24页）未含其措施",
                          "Their measures are not in the held text (preview pp. 1-5 of 24)"),
    "measures.sub": ("嘉委办发〔2016〕27号，2016年5月16日", "(嘉委办发〔2016〕27号), 16 May 2016"),
    "measures.n_projects": ("{n}项", "{n}"),
    "timeline.window": ("三年行动计划期（2014–2016年）", "three-year plan window, 2014-2016"),
    "timeline.window_end": ("窗口期结束（2016年12月31日）", "end of the window, 31 Dec 2016"),
    "timeline.after": ("距2016年底（年）", "years after\nend of 2016"),
    "timeline.col_approved": ("批复", "appr."),
    "timeline.col_started": ("开工", "start"),
    "timeline.col_opened": ("投用", "open"),
    "timeline.plans": ("规划", "Plans"),
    "timeline.derived": ("（年限系推算）", " (period derived)"),
    "timeline.ask": ("2016年要求：", "2016 ask: "),
    "timeline.ask_marker": ("2016年方案的要求（2016年5月）", "2016 plan's ask (May 2016)"),
    "timeline.successor": ("└ 承接上一项的后续项目", "└ later project carrying on the item above"),
    "timeline.none": ("无记录", "none found"),
    "event.approved": ("批复（可研等）", "approved"),
    "event.design_approved": ("初步设计批复", "design approved"),
    "event.construction_started": ("开工", "construction started"),
    "event.opened": ("通车、通航（投用）", "opened"),
    "event.completed": ("建成、验收（投用）", "completed"),
    "event.other": ("其他事件（列入、协议等）", "other event (listed, agreement, ...)"),
    "targets.city_same": ("嘉兴全市，同一指标", "Jiaxing city, same indicator"),
    "targets.city_related": ("嘉兴全市，相关指标", "Jiaxing city, related indicator"),
    "targets.county_related": ("仅平湖市，相关指标", "Pinghu only, related indicator"),
    "targets.note": ("相关指标：口径不同（如“亿元以上内资项目”），不能直接与目标比较。"
                     "平湖市数据为2016年1–7月及2017年全年。",
                     "Related indicator: a different count (e.g. domestic projects of 100m yuan "
                     "or more), not directly comparable with the target. Pinghu: Jan-Jul 2016 "
                     "and 2017."),
    "unit.persons": ("人", "persons"),
    "unit.items": ("个", "items"),
    "unit.cny_100m": ("亿元", "100m yuan"),
}

_USE_PYPLOT: contextvars.ContextVar[bool] = contextvars.ContextVar("jxplan_use_pyplot",
                                                                  default=True)

# Map colours.
_SEA = "#d6e7f2"
_LAKE_EDGE = "#9fc4dc"
_LAND = "#f3f2ee"
_JIAXING = "#fbefd6"
_SHANGHAI = "#ebe6f2"
_CONTEXT = "#e6e5e1"
_EDGE = "#b3a88f"
_INK = "#222222"
_MUTED = "#666666"


def _t(key: str, lang: str) -> str:
    zh, en = _TEXT[key]
    return zh if check_lang(lang) == "zh" else en


def _wrap(text: str, width: int) -> list[str]:
    """Wrap at *width* columns; CJK characters count as two and may break anywhere."""
    if not any(_is_wide(c) for c in text):
        return textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]
    lines, line, cols = [], "", 0
    for ch in text:
        w = 2 if _is_wide(ch) else 1
        if cols + w > width and line and ch not in _NO_LINE_START:
            lines.append(line)
            line, cols = "", 0
        line += ch
        cols += w
    lines.append(line)
    return lines


_NO_LINE_START = "）》」』】〕，。、；：！？”’)]},.;:!?"


def _wrap_balanced(text: str, width: int) -> list[str]:
    """Wrap into as few lines as :func:`_wrap` would, but of even length (no orphans)."""
    n = len(_wrap(text, width))
    best = width
    for w in range(width, 0, -1):
        if len(_wrap(text, w)) > n:
            break
        best = w
    return _wrap(text, best)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


@contextlib.contextmanager
def without_pyplot() -> Iterator[None]:
    """Create figures as plain Agg figures, outside pyplot, inside this block.

    Used by :func:`jxplan.figures.build_all`, so that building files never
    touches a notebook's or GUI backend.
    """
    token = _USE_PYPLOT.set(False)
    try:
        yield
    finally:
        _USE_PYPLOT.reset(token)


def _new_figure(name: str, *, layout: str | None = "constrained") -> Figure:
    from jxplan.export import SIZES

    size = SIZES[FIGURE_SIZES[name]]
    if _USE_PYPLOT.get():
        import matplotlib.pyplot as plt

        return plt.figure(figsize=size, layout=layout)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout=layout)
    FigureCanvasAgg(fig)
    return fig


def _root(ax: Axes) -> Figure:
    """The top-level figure of *ax* (also when it sits in a subfigure)."""
    try:
        return ax.get_figure(root=True)
    except TypeError:  # matplotlib < 3.10
        return ax.figure.figure


def _title(fig: Figure, ax: Axes | None, text: str, *, owned: bool) -> None:
    if owned:
        fig.suptitle(text, x=0.01, ha="left", fontsize=11)
    else:
        ax.set_title(text, loc="left", fontsize=10)


def _start_figure(name: str, lang: str, sources: list[str], *, fig: Figure | None = None,
                  ax: Axes | None = None) -> tuple[Figure, bool]:
    """Check *lang*, apply the style and return ``(figure, owned)`` with *sources* attached.

    The figure is *ax*'s when given, else *fig* (given a constrained layout
    if it has none), else a new one of size ``FIGURE_SIZES[name]``; *owned*
    says it is new, so the caller lays out its axes and the figure-level texts.
    """
    from jxplan import fonts
    from jxplan.export import attach_sources

    check_lang(lang)
    fonts.use_style()
    owned = fig is None and ax is None
    if ax is not None:
        fig = _root(ax)
    elif owned:
        fig = _new_figure(name)
    elif fig.get_layout_engine() is None:
        fig.set_layout_engine("constrained")
    attach_sources(fig, sources)
    return fig, owned


def figure_texts(fig: Figure) -> list[str]:
    """Every non-empty text drawn in *fig* (titles, labels, ticks, legends, notes).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); _ = fig.suptitle("嘉兴")
    >>> figure_texts(fig)
    ['嘉兴']
    """
    from matplotlib.text import Text

    out, seen = [], set()
    for artist in fig.findobj(Text):
        text = artist.get_text()
        if id(artist) in seen or not text or not artist.get_visible():
            continue
        seen.add(id(artist))
        out.append(text)
    return out


# --------------------------------------------------------------------------- map helpers


def _map_layers():
    """Counties (land, with context units) and context, in EPSG:32651."""
    from jxplan.geo import PROJECTED_CRS, load_context, load_counties

    counties = load_counties(context=True).to_crs(PROJECTED_CRS)
    context = load_context().to_crs(PROJECTED_CRS)
    return counties, context


def _study_extent(counties, pad_km: float = 3.0) -> tuple[float, float, float, float]:
    study = counties[counties["role"] == "study"]
    x0, y0, x1, y1 = study.total_bounds
    pad = pad_km * 1000
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def _polygon_path(geom):
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


def _add_polygons(ax: Axes, geoms, *, facecolor, edgecolor="none", linewidth=0.0,
                  zorder: float = 1) -> None:
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


def _draw_base(ax: Axes, counties, context, extent, *, fills: dict | None = None,
               lang: str, label_context: bool = True) -> None:
    """Sea, land, county polygons (land only), lakes, city outline."""
    x0, y0, x1, y1 = extent
    ax.set_facecolor(_SEA)
    land = context[context["kind"] == "land"]
    _add_polygons(ax, list(land.geometry), facecolor=_LAND, zorder=0)
    ctx_units = counties[counties["role"] == "context"]
    _add_polygons(ax, list(ctx_units.geometry), facecolor=_CONTEXT, edgecolor="white",
                  linewidth=0.5, zorder=1)
    study = counties[counties["role"] == "study"]
    if fills is None:
        colors = [_JIAXING if a.startswith("3304") else _SHANGHAI for a in study["adcode"]]
    else:
        colors = [fills[a] for a in study["adcode"]]
    _add_polygons(ax, list(study.geometry), facecolor=colors, edgecolor=_EDGE, linewidth=0.5,
                  zorder=2)
    # outline of the two cities' study parts
    for prefix in ("3304", "3101"):
        part = study[study["adcode"].str.startswith(prefix)].geometry.union_all()
        _add_polygons(ax, [part], facecolor="none", edgecolor="#6f6a5f", linewidth=0.9,
                      zorder=3)
    lakes = context[context["kind"] == "lake"]
    _add_polygons(ax, list(lakes.geometry), facecolor=_SEA, edgecolor=_LAKE_EDGE, linewidth=0.3,
                  zorder=4)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.6)
        spine.set_color("#888888")
    if label_context:
        _label_context(ax, counties, context, extent, lang=lang)


def _halo(width: float = 2.0):
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground="white")]


def _label_context(ax: Axes, counties, context, extent, *, lang: str) -> None:
    from shapely.geometry import box

    frame = box(*extent)
    name = f"name_{lang}"
    # neighbouring units: small grey names where enough of them is visible
    for row in counties[counties["role"] == "context"].sort_values("adcode").itertuples():
        visible = row.geometry.intersection(frame)
        if visible.area < 60e6:
            continue
        pt = visible.representative_point()
        t = ax.text(pt.x, pt.y, getattr(row, name), fontsize=5.5, color="#8a8a8a",
                    ha="center", va="center", zorder=6, path_effects=_halo(1.5))
        t._jxplan_background = True
    # named lakes and the bay
    for row in context[context["kind"] == "lake"].sort_values("name_en").itertuples():
        visible = row.geometry.intersection(frame)
        if not isinstance(row.name_en, str) or not row.name_en or visible.area < 15e6:
            continue
        pt = visible.representative_point()
        key = "taihu" if row.name_en.startswith("Taihu") else None
        text = label(key, lang=lang) if key else getattr(row, name)
        t = ax.text(pt.x, pt.y, text, fontsize=5.5, color="#3f77a0", style="italic",
                    ha="center", va="center", zorder=6)
        t._jxplan_background = True
    x0, y0, x1, y1 = extent
    ax.text(x0 + 0.625 * (x1 - x0), y0 + 0.07 * (y1 - y0), label("hangzhou_bay", lang=lang),
            fontsize=7, color="#3f77a0", style="italic", ha="center", va="center", zorder=6)


def _label_point(geom):
    """A well-inside point of a (multi)polygon: the pole of inaccessibility of its largest part."""
    from shapely.ops import polylabel

    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    return polylabel(part, tolerance=200.0)


def _label_study(ax: Axes, counties, *, lang: str, extra: dict | None = None,
                 fontsize: float = 6.5) -> None:
    name = f"name_{lang}"
    for row in counties[counties["role"] == "study"].sort_values("adcode").itertuples():
        pt = _label_point(row.geometry)
        text = getattr(row, name)
        if lang == "en":
            text = text.replace(" District", "").replace(" County", "").replace(" City", "")
        if extra is not None:
            text = f"{text}\n{extra[row.adcode]}"
        ax.text(pt.x, pt.y, text, fontsize=fontsize, color=_INK, ha="center", va="center",
                zorder=11, path_effects=_halo(1.8), linespacing=1.1)


def _scale_bar(ax: Axes, extent, *, lang: str) -> None:
    from matplotlib.patches import Rectangle

    x0, y0, x1, y1 = extent
    left = x0 + 0.04 * (x1 - x0)
    base = y0 + 0.045 * (y1 - y0)
    h = 0.010 * (y1 - y0)
    for i in range(2):
        ax.add_patch(Rectangle((left + i * 10_000, base), 10_000, h, facecolor=_INK if i == 0
                               else "white", edgecolor=_INK, linewidth=0.6, zorder=8))
    for i, value in enumerate((0, 10, 20)):
        text = f"{value} {_t('km', lang)}" if value == 20 else str(value)
        ax.text(left + i * 10_000, base + 1.8 * h, text, fontsize=6, ha="center", va="bottom",
                color=_INK, zorder=8, path_effects=_halo(1.5))


def _north_arrow(ax: Axes, *, lang: str) -> None:
    ax.annotate(_t("north", lang), xy=(0.955, 0.965), xytext=(0.955, 0.885),
                xycoords="axes fraction", textcoords="axes fraction", ha="center", va="center",
                fontsize=7, color=_INK, zorder=9,
                arrowprops={"arrowstyle": "-|>", "color": _INK, "linewidth": 0.9,
                            "shrinkA": 4, "shrinkB": 0, "mutation_scale": 9})


def _label_spots(geoms, extent, obstacles=()) -> dict[str, tuple[float, float]]:
    """A deterministic, non-overlapping spot for each project's number."""
    x0, y0, x1, y1 = extent
    min_gap = 0.045 * (x1 - x0)
    placed: list[tuple[float, float]] = list(obstacles)
    spots: dict[str, tuple[float, float]] = {}
    points = [(g.x, g.y) for g in geoms.values() if g.geom_type == "Point"]
    for pid, geom in geoms.items():
        if geom.geom_type == "Point":
            candidates = [(geom.x + dx * min_gap, geom.y + dy * min_gap)
                          for dx, dy in ((0.55, 0.55), (-0.55, 0.55), (0.55, -0.55),
                                         (-0.55, -0.55))]
        else:
            candidates = [(p.x, p.y) for p in (geom.interpolate(f, normalized=True)
                          for f in (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9, 0.0, 1.0))]
        best, best_gap = candidates[0], -1.0
        for cx, cy in candidates:
            others = placed + [p for p in points if p != (getattr(geom, "x", None),
                                                            getattr(geom, "y", None))]
            gap = min((((cx - ox) ** 2 + (cy - oy) ** 2) ** 0.5 for ox, oy in others),
                      default=float("inf"))
            if gap >= min_gap:
                best = (cx, cy)
                break
            if gap > best_gap:
                best, best_gap = (cx, cy), gap
        spots[pid] = best
        placed.append(best)
    return spots


def _hide_covered_labels(ax: Axes, legends) -> None:
    """Hide background labels (context names) that a legend box would cut through."""
    boxes = [leg.get_window_extent() for leg in legends]
    for text in ax.texts:
        if getattr(text, "_jxplan_background", False):
            ext = text.get_window_extent()
            if any(ext.overlaps(b) for b in boxes):
                text.set_visible(False)


_LINE_WIDTH = {"rail": 2.2, "road": 1.7, "bus": 1.3, "air": 1.5, "waterway": 2.0}
_POINT_MARKER = {"rail": "s", "air": "^"}


def project_map(*, lang: str = "zh", ax: Axes | None = None) -> Figure:
    """Map the linkage projects across Jiaxing's counties and the Shanghai border.

    Land-only county polygons (Jiaxing, the three neighbouring Shanghai
    districts and greyer context units) over GSHHG land, sea and lakes, in
    UTM 51N; each drawn project in its mode's colour, solid where it is
    drawn between documented stations, dashed where it is only schematic
    (through towns), and a marker for a site.  Projects are numbered on the
    map with a key below; the projects whose location is not published (and
    the plans that are not lines) are listed in a note box, not drawn.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    ax : matplotlib.axes.Axes, optional
        Draw into this axes; the legends and notes go below it.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = project_map(lang="en")
    >>> any("Location not published" in t for t in figure_texts(fig))
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import offset_copy

    from jxplan.analysis import map_projects
    from jxplan.geo import PROJECTED_CRS
    from jxplan.io import load_projects

    fig, owned = _start_figure(
        "project_map", lang,
        ["projects", "waypoints", "project_waypoints", "counties_land", "context"], ax=ax)
    if owned:
        # the map, and below it a flat holder for the key and the note: the
        # layout engine makes room for what hangs below the holder
        ax, holder = fig.subplots(2, 1, height_ratios=[200, 1])
        holder.axis("off")
    counties, context = _map_layers()
    extent = _study_extent(counties)
    _draw_base(ax, counties, context, extent, lang=lang)
    _label_study(ax, counties, lang=lang)

    table = map_projects()
    geoms_all = load_projects().to_crs(PROJECTED_CRS).geometry
    drawn = table[table["drawn"]].sort_values("key_no")
    geoms = {pid: geoms_all[pid] for pid in drawn["project_id"]}
    name = f"name_{lang}"
    key_handles = []
    for row in drawn.itertuples():
        geom = geoms[row.project_id]
        color = MODE_COLORS[row.mode]
        if geom.geom_type == "Point":
            marker = _POINT_MARKER.get(row.mode, "o")
            ax.plot(geom.x, geom.y, marker=marker, markersize=7, color=color,
                    markeredgecolor="white", markeredgewidth=0.8, zorder=12, linestyle="none")
            handle = Line2D([], [], marker=marker, color=color, markersize=6, linestyle="none",
                            markeredgecolor="white", markeredgewidth=0.6)
        else:
            style = PRECISION_STYLES[row.geometry_precision]
            xs, ys = geom.xy
            ax.plot(xs, ys, color="white", linewidth=_LINE_WIDTH[row.mode] + 1.4,
                    solid_capstyle="round", zorder=9, alpha=0.9)
            ax.plot(xs, ys, color=color, linewidth=_LINE_WIDTH[row.mode], linestyle=style,
                    dash_capstyle="butt", solid_capstyle="round", zorder=10)
            handle = Line2D([], [], color=color, linewidth=1.6, linestyle=style)
        key_handles.append((handle, f"{row.key_no}  {getattr(row, name)}"))

    study = counties[counties["role"] == "study"]
    obstacles = [(p.x, p.y) for p in study.geometry.map(_label_point)]
    for pid, (x, y) in _label_spots(geoms, extent, obstacles).items():
        row = drawn[drawn["project_id"] == pid].iloc[0]
        ax.text(x, y, str(row["key_no"]), fontsize=5.5, color="white", ha="center",
                va="center", zorder=14,
                bbox={"boxstyle": "circle,pad=0.18", "facecolor": MODE_COLORS[row["mode"]],
                      "edgecolor": "white", "linewidth": 0.6})

    _scale_bar(ax, extent, lang=lang)
    _north_arrow(ax, lang=lang)

    # legends: areas and modes/precision inside the sea (lower right), key and note below
    mode_handles = [Line2D([], [], color=MODE_COLORS[m], linewidth=2.2) for m in MODES]
    mode_labels = [label(f"mode.{m}", lang=lang) for m in MODES]
    prec_handles = [Line2D([], [], color=_INK, linewidth=1.4, linestyle="solid"),
                    Line2D([], [], color=_INK, linewidth=1.4, linestyle="dashed"),
                    (Line2D([], [], color=_INK, marker="s", markersize=4.5, linestyle="none"),
                     Line2D([], [], color=_INK, marker="^", markersize=5, linestyle="none"))]
    prec_labels = [label("precision.station_to_station", lang=lang),
                   label("precision.schematic", lang=lang), _t("site", lang)]
    area_handles = [Patch(facecolor=c, edgecolor=_EDGE, linewidth=0.5)
                    for c in (_JIAXING, _SHANGHAI, _CONTEXT, _SEA)]
    area_labels = [_t(k, lang) for k in ("area.jiaxing", "area.shanghai", "area.context",
                                        "area.water")]
    legend_kw = {"fontsize": 6, "title_fontsize": 6.5, "frameon": True, "framealpha": 0.92,
                 "edgecolor": "#bbbbbb", "borderpad": 0.5, "handlelength": 2.2,
                 "labelspacing": 0.3, "alignment": "left"}
    modes_leg = ax.legend(mode_handles + prec_handles, mode_labels + prec_labels,
                          title=f"{_t('legend.mode', lang)} / {_t('legend.geometry', lang)}",
                          loc="lower right", bbox_to_anchor=(0.995, 0.005),
                          handler_map={tuple: HandlerTuple(ndivide=None, pad=0.6)}, **legend_kw)
    modes_leg.set_zorder(20)
    ax.add_artist(modes_leg)
    area_leg = ax.legend(area_handles, area_labels, title=_t("legend.area", lang),
                         loc="upper left", bbox_to_anchor=(0.005, 0.995), **legend_kw)
    area_leg.set_zorder(20)
    ax.add_artist(area_leg)

    # numbered key, just below the map (offsets in points, so they survive resizing)
    if owned:
        below = holder.transAxes
    else:
        holder = ax
        below = offset_copy(ax.transAxes, fig=fig, x=0, y=-5, units="points")
    key = holder.legend([h for h, _ in key_handles], [t for _, t in key_handles],
                        title=_t("legend.key", lang), loc="upper left",
                        bbox_to_anchor=(0.0, 1.0 if owned else 0.0),
                        bbox_transform=below, ncols=2, fontsize=6, title_fontsize=6.5,
                        frameon=False, handlelength=2.0, columnspacing=1.5,
                        labelspacing=0.35, borderaxespad=0, borderpad=0, alignment="left")
    holder.add_artist(key)
    fig.draw_without_rendering()
    key_height_pt = key.get_window_extent().height * 72 / fig.dpi

    # note box: the projects that are not drawn
    sep = "；" if lang == "zh" else "; "
    unpublished = table[table["note"] == "not_published"][name].tolist()
    plans = table[table["note"] == "not_spatial"][name].tolist()
    width = 140 if lang == "en" else 122
    lines = _wrap(label("not_published_note", lang=lang) + sep.join(unpublished), width)
    lines += _wrap(_t("not_spatial_note", lang) + sep.join(plans), width)
    lines += _wrap(_t("map.sub", lang), width)
    drop = (0 if owned else 5) + key_height_pt + 9
    holder.annotate("\n".join(lines), xy=(0, 1 if owned else 0), xycoords="axes fraction",
                    xytext=(3, -drop), textcoords="offset points", ha="left", va="top",
                    fontsize=6, linespacing=1.4, color="#333333", annotation_clip=False,
                    clip_on=False,
                    bbox={"boxstyle": "round,pad=0.5,rounding_size=0.3",
                          "facecolor": "#f7f7f7", "edgecolor": "#bbbbbb", "linewidth": 0.6})
    _hide_covered_labels(ax, [area_leg, modes_leg])

    _title(fig, ax, label("figure.project_map", lang=lang), owned=owned)
    return fig


# --------------------------------------------------------------------------- county counts


def county_projects(*, lang: str = "zh", fig: Figure | None = None) -> Figure:
    """Choropleth of the projects touching each county, and their modes.

    Left: the total number of linkage projects that declare each study
    county (a real zero where none does); right: the same counts split by
    mode, as stacked bars.  Counting rule: :func:`jxplan.analysis.county_project_counts`
    with ``counties_from="declared"``.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    fig : matplotlib.figure.Figure, optional
        Draw into this (empty) figure; default a new ``report``-size figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = county_projects(lang="en")
    >>> "Qingpu\\n0" in figure_texts(fig)
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib as mpl
    import numpy as np

    from jxplan.analysis import county_project_table
    from jxplan.io import load_projects

    fig, owned = _start_figure("county_projects", lang, ["projects", "counties_land", "context"],
                               fig=fig)
    ax_map, ax_bar = fig.subplots(1, 2, width_ratios=[1.05, 1])
    table = county_project_table(counties_from="declared")
    counts = table["total"].astype(int)
    vmax = max(int(counts.max()), 1)
    cmap = mpl.colormaps["YlOrBr"].resampled(vmax + 1)
    bounds = np.arange(-0.5, vmax + 1.5)
    norm = mpl.colors.BoundaryNorm(bounds, cmap.N)
    # keep zero distinguishable from "no data": the lightest class is a pale tint, not white
    colors = {a: mpl.colors.to_hex(cmap(norm(v))) for a, v in counts.items()}
    counties, context = _map_layers()
    extent = _study_extent(counties, pad_km=1.5)
    _draw_base(ax_map, counties, context, extent, fills=colors, lang=lang, label_context=False)
    _label_study(ax_map, counties, lang=lang, extra=counts.to_dict(), fontsize=5.5)
    sm = mpl.cm.ScalarMappable(norm=norm, cmap=cmap)
    # a compact key over the sea, lower right (each county is also labelled)
    cax = ax_map.inset_axes((0.6, 0.045, 0.37, 0.032))
    cbar = fig.colorbar(sm, cax=cax, orientation="horizontal", ticks=range(0, vmax + 1))
    cax.tick_params(labelsize=5.5, length=0, pad=1.5)
    cbar.outline.set_linewidth(0.4)
    cax.set_title(_t("county.n", lang), fontsize=5.5, color=_MUTED, pad=2)
    ax_map.set_title(_t("county.choropleth", lang), fontsize=8, loc="left")

    # stacked bars by mode
    name = f"name_{lang}"
    labels_ = [n.replace(" District", "").replace(" County", "").replace(" City", "")
               if lang == "en" else n for n in table[name]]
    n_jx = sum(1 for a in table.index if a.startswith("3304"))
    y = np.array([i if i < n_jx else i + 0.6 for i in range(len(table))], dtype=float)
    left = np.zeros(len(table))
    for mode in MODES:
        values = table[mode].astype(int).to_numpy()
        ax_bar.barh(y, values, left=left, color=MODE_COLORS[mode], height=0.72,
                    label=label(f"mode.{mode}", lang=lang), edgecolor="white", linewidth=0.4)
        left += values
    for yi, total in zip(y, table["total"].astype(int), strict=True):
        ax_bar.text(total + 0.15, yi, str(total), va="center", ha="left", fontsize=6.5,
                    color=_INK)
    ax_bar.set_yticks(y, labels_, fontsize=7)
    ax_bar.invert_yaxis()
    ax_bar.set_xlim(0, vmax + 1.2)
    ax_bar.xaxis.set_major_locator(mpl.ticker.MultipleLocator(2))
    ax_bar.set_xlabel(_t("county.n", lang), fontsize=7)
    ax_bar.grid(axis="x", color="#e4e4e4", linewidth=0.5)
    ax_bar.set_axisbelow(True)
    for yi, key in ((-0.75, "jiaxing"), (n_jx - 0.15, "shanghai")):
        ax_bar.text(-0.02, yi, label(key, lang=lang), transform=ax_bar.get_yaxis_transform(),
                    ha="right", va="center", fontsize=6.5, color=_MUTED)
    ax_bar.set_title(_t("county.bars", lang), fontsize=8, loc="left", pad=22)
    ax_bar.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=5 if lang == "zh" else 3,
                  fontsize=6, handlelength=1.0, handleheight=0.8, columnspacing=1.0,
                  frameon=False, borderaxespad=0.2, borderpad=0)

    projects = load_projects(geometry=False)
    n_none = int(projects["adcodes"].isna().sum())
    text = "\n".join(_wrap(_t("county.rule", lang).format(n=n_none), 150 if lang == "en" else 140))
    if owned:
        fig.suptitle(label("figure.county_projects", lang=lang), x=0.01, ha="left", fontsize=11)
        fig.supxlabel(text, x=0.01, ha="left", fontsize=6, color="#444444")
    else:
        ax_map.annotate(text, (0, -0.12), xycoords="axes fraction", fontsize=6,
                        color="#444444", va="top")
    return fig


# --------------------------------------------------------------------------- measures


def measures_by_action(*, lang: str = "zh", ax: Axes | None = None) -> Figure:
    """The seven action areas of the 2016 plan and the measures the held text gives.

    Action areas 1-3 with their seven measures (and the number of linkage
    projects each transport measure names); areas 4-7, whose names the held
    text does not give, drawn hatched and grey; measure 7 marked as cut off.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = measures_by_action(lang="zh")
    >>> sum("（所持文本未含名称）" in t for t in figure_texts(fig))
    4
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    from matplotlib.patches import FancyBboxPatch, Rectangle

    from jxplan.analysis import measure_coverage
    from jxplan.io import load_measures, load_projects

    fig, owned = _start_figure("measures_by_action", lang, ["actions", "measures", "projects"],
                               ax=ax)
    if owned:
        ax = fig.add_subplot()
    cov = measure_coverage()
    measures = load_measures().reset_index().sort_values("measure_no")
    per_measure = load_projects(geometry=False).groupby("measure_id").size()

    # rows: one per held measure, one per area without measures
    rows: list[tuple[int, dict | None]] = []
    for a in cov.itertuples():
        m = measures[measures["action_id"] == a.action_id]
        if m.empty:
            rows.append((a.action_no, None))
        for r in m.itertuples():
            rows.append((a.action_no, r._asdict()))
    n_rows = len(rows)
    gap = 0.18
    col_a = (0.0, 3.9)
    col_m = (4.05, 8.75)
    col_p = (8.9, 10.0)
    ax.set_xlim(0, 10)
    ax.set_ylim(n_rows + 0.1, -0.9)
    ax.axis("off")
    name_col = f"name_{lang}"
    title_col = f"title_{lang}"
    hdr = {"fontsize": 7, "color": _MUTED, "va": "bottom"}
    ax.text(col_a[0], -0.15, _t("measures.col_action", lang), ha="left", **hdr)
    ax.text(col_m[0], -0.15, _t("measures.col_measure", lang), ha="left", **hdr)
    ax.text(col_p[1], -0.15, _t("measures.col_projects", lang), ha="right", **hdr)

    accent = "#4d6a8a"
    for a in cov.itertuples():
        idx = [i for i, (no, _) in enumerate(rows) if no == a.action_no]
        top, bottom = idx[0], idx[-1] + 1
        known = a.in_held_text and isinstance(a.name_zh, str)
        box = FancyBboxPatch((col_a[0], top + gap / 2), col_a[1] - col_a[0], bottom - top - gap,
                             boxstyle="round,pad=0,rounding_size=0.12", mutation_aspect=1 / 3,
                             facecolor="#e3ebf3" if known else "#f0f0f0",
                             edgecolor=accent if known else "#aaaaaa", linewidth=0.7,
                             hatch=None if known else "////")
        if not known and hasattr(box, "set_hatch_linewidth"):  # matplotlib >= 3.10
            box.set_hatch_linewidth(0.4)
        ax.add_patch(box)
        numeral = a.numeral_zh if lang == "zh" else f"{a.action_no}."
        text = getattr(a, name_col) if known else label("not_in_held_text", lang=lang)
        cy = (top + bottom) / 2
        ax.text(col_a[0] + 0.15, cy, numeral, ha="left", va="center", fontsize=8,
                color=accent if known else "#777777",
                bbox=None if known else {"facecolor": "#f0f0f0", "edgecolor": "none", "pad": 0.8})
        ax.text(col_a[0] + 0.55, cy, "\n".join(_wrap(text, 44)), ha="left", va="center",
                fontsize=7.2 if known else 6.8, color=_INK if known else "#666666",
                bbox={"facecolor": "#f0f0f0", "edgecolor": "none", "pad": 0.8} if not known
                else None)

    # measures
    for i, (no, m) in enumerate(rows):
        if m is None:
            continue
        complete = bool(m["text_complete"])
        rect = FancyBboxPatch((col_m[0], i + gap / 2), col_m[1] - col_m[0], 1 - gap,
                              boxstyle="round,pad=0,rounding_size=0.1", mutation_aspect=1 / 3,
                              facecolor="white", edgecolor=accent, linewidth=0.6,
                              linestyle="solid" if complete else (0, (3, 2)))
        ax.add_patch(rect)
        ax.text(col_m[0] + 0.15, i + 0.5, str(m["measure_no"]), ha="left", va="center",
                fontsize=7.5, color=accent)
        text = m[title_col]
        if complete:
            ax.text(col_m[0] + 0.5, i + 0.5, text, ha="left", va="center", fontsize=7,
                    color=_INK)
        else:
            ax.text(col_m[0] + 0.5, i + 0.37, text + " …", ha="left", va="center", fontsize=7,
                    color=_INK)
            cut = f"（{_t('measures.cutoff', lang)}）" if lang == "zh" else \
                f"({_t('measures.cutoff', lang)})"
            ax.text(col_m[0] + 0.5, i + 0.72, cut, ha="left", va="center", fontsize=5.8,
                    color=_MUTED, style="italic")
        n = int(per_measure.get(m["measure_id"], 0))
        if n:
            ax.text(col_p[1] - 0.2, i + 0.5, _t("measures.n_projects", lang).format(n=n),
                    ha="right", va="center", fontsize=7, color=_INK,
                    bbox={"boxstyle": "round,pad=0.25", "facecolor": "#fdf1dc",
                          "edgecolor": "#d9b26f", "linewidth": 0.5})
    # areas without held measures: one hatched box across their rows
    empty = [i for i, (_, m) in enumerate(rows) if m is None]
    if empty:
        top, bottom = empty[0], empty[-1] + 1
        ax.add_patch(Rectangle((col_m[0], top + gap / 2), col_p[1] - col_m[0],
                               bottom - top - gap, facecolor="#f4f4f4", edgecolor="#aaaaaa",
                               linewidth=0.6, hatch="////"))
        ax.text((col_m[0] + col_p[1]) / 2, (top + bottom) / 2, _t("measures.not_held", lang),
                ha="center", va="center", fontsize=7, color="#555555",
                bbox={"facecolor": "#f4f4f4", "edgecolor": "none", "pad": 2})
    _title(fig, ax, label("figure.measures_by_action", lang=lang), owned=owned)
    if owned:
        ax.set_title(_t("measures.sub", lang) if lang == "zh"
                     else "2016 implementation plan " + _t("measures.sub", lang),
                     loc="left", fontsize=7.5, color=_MUTED)
    return fig


# --------------------------------------------------------------------------- timeline


def _decimal_year(ts) -> float:
    import pandas as pd

    if ts is None or pd.isna(ts):
        return float("nan")
    start = pd.Timestamp(year=ts.year, month=1, day=1)
    days = 366 if ts.is_leap_year else 365
    return ts.year + (ts - start).days / days


_EVENT_STYLE: dict[str, dict] = {
    "approved": {"marker": "s", "filled": True, "size": 4.6},
    "design_approved": {"marker": "s", "filled": False, "size": 4.6},
    "construction_started": {"marker": "^", "filled": True, "size": 5.2},
    "opened": {"marker": "o", "filled": True, "size": 5.2},
    "completed": {"marker": "o", "filled": False, "size": 5.2},
}


def _fmt_years(value, lang: str) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return "–"
    return f"{float(value):+.1f}"


def timeline_three_year_plan(*, lang: str = "zh", ax: Axes | None = None) -> Figure:
    """Linkage projects' milestones against the 2014-2016 three-year plan.

    Plan bands on top (the 2010-2012 guidance's period is derived and drawn
    hatched; the 2014-2016 window is shaded through the whole chart and its
    end, 2016-12-31, is a dashed line), then one row per project grouped by
    mode (later projects under the 2016 item they carry on), milestone
    markers by event type (dates known only to the month or year are drawn
    at their first day), the 2016 plan's ask (a diamond at May 2016 and its
    wording, in grey, under the name) and, at the right, how many years after
    the window's end each project was first approved, started and opened.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = timeline_three_year_plan(lang="en")
    >>> "+9.0" in figure_texts(fig)  # the airport opened about 9 years after the window
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib as mpl
    import pandas as pd
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    from jxplan.analysis import TIMELINE_PLANS, first_milestones, plan_periods, project_timeline
    from jxplan.io import load_plans

    fig, owned = _start_figure("timeline_three_year_plan", lang,
                               ["plans", "projects", "milestones"], ax=ax)
    if owned:
        # the names column is wider in English: give the columns their room
        ax, cols = fig.subplots(1, 2, width_ratios=[4.6 if lang == "zh" else 3.6, 1],
                                sharey=True,
                                gridspec_kw={"wspace": 0.0})
    else:
        cols = ax.inset_axes((1.01, 0.0, 0.2, 1.0), sharey=ax)
    x_min, x_max = 2008.6, 2027.0
    plans = plan_periods(plan_ids=TIMELINE_PLANS)
    firsts = first_milestones()
    events = project_timeline()
    issue = load_plans().loc["jx-2016", "issue_date"]
    ask_x = _decimal_year(issue)
    window_color, window_edge = "#fff1c9", "#b8860b"

    name_w, ask_w = (44, 60) if lang == "zh" else (72, 80)
    fs_name, fs_ask = 6.0, 5.3
    ask_line = 0.9  # an ask line, in name-line units

    # ---- vertical layout, in name-line units (y grows downwards)
    y = 0.0
    plan_y: dict[str, float] = {}
    for p in plans.itertuples():
        plan_y[p.plan_id] = y + 0.6
        y += 1.2
    plans_bottom = y + 0.1
    y += 2.5  # room for the right-hand column headings
    rows = []  # (kind, payload, top, centre, height)
    for mode in MODES:
        sub = firsts[firsts["mode"] == mode]
        if sub.empty:
            continue
        rows.append(("mode", mode, y, y + 0.65, 1.3))
        y += 1.3
        for r in sub.itertuples():
            prefix = "└ " if isinstance(r.successor_of, str) else ""
            name_lines = _wrap_balanced(prefix + getattr(r, f"name_{lang}"), name_w)
            ask = getattr(r, f"ask_short_{lang}")
            ask_lines = _wrap_balanced(ask, ask_w) if isinstance(ask, str) else []
            height = len(name_lines) + len(ask_lines) * ask_line + 0.3
            rows.append(("project", (r, name_lines, ask_lines), y, y + height / 2, height))
            y += height
    total = y

    ax.set_xlim(x_min, x_max)
    ax.set_ylim(total + 0.1, -0.3)
    ax.spines[["left", "right", "top"]].set_visible(False)
    ax.tick_params(axis="y", left=False, labelleft=False)
    ax.xaxis.set_major_locator(mpl.ticker.MultipleLocator(2))
    ax.xaxis.set_minor_locator(mpl.ticker.MultipleLocator(1))
    ax.tick_params(axis="x", labelsize=6.5, top=True, labeltop=True, which="both")
    ax.grid(axis="x", which="major", color="#e8e8e8", linewidth=0.5)
    ax.set_axisbelow(True)
    blended = mpl.transforms.blended_transform_factory(ax.transAxes, ax.transData)
    out = {"transform": blended, "clip_on": False}

    # the 2014-2016 window and its end
    ax.axvspan(2014, 2017, color=window_color, zorder=0, linewidth=0)
    ax.axvline(2017, color=window_edge, linewidth=0.8, linestyle=(0, (4, 2)), zorder=1)

    # plan bands, one lane each
    ax.text(-0.015, plan_y[plans["plan_id"].iloc[0]], _t("timeline.plans", lang), ha="right",
            va="center", fontsize=7, color=_INK, **out)
    for p in plans.itertuples():
        start, end = float(p.start), float(p.end) + 1
        face = {"jx-2014-2016": "#e0a526", "jx-2016": "#4d6a8a"}.get(p.plan_id, "#bdbdbd")
        derived = p.period_basis == "derived"
        yc = plan_y[p.plan_id]
        ax.add_patch(Rectangle((start, yc - 0.42), end - start, 0.84,
                               facecolor="white" if derived else face,
                               edgecolor=face if not derived else "#8c8c8c",
                               hatch="//////" if derived else None, linewidth=0.6, zorder=3))
        text = getattr(p, f"label_{lang}")
        text += f" {p.start}–{p.end}" if p.start != p.end else f" {p.start}"
        if derived:
            text += _t("timeline.derived", lang)
        if start > 2017.5:  # later plans: label on the left, where the lane is free
            ax.text(start - 0.2, yc, text, ha="right", va="center", fontsize=5.8, color=_INK,
                    zorder=4, in_layout=False)
        else:
            ax.text(end + 0.2, yc, text, ha="left", va="center", fontsize=5.8, color=_INK,
                    zorder=4, in_layout=False)
    ax.axhline(plans_bottom, color="#bbbbbb", linewidth=0.5)

    # right-hand columns (their own axes): years after the window's end
    cols.set_xlim(0, 3)
    cols.axis("off")
    col_x = {"approved": 0.5, "construction_started": 1.5, "opened": 2.5}
    cols.text(1.5, plans_bottom + 1.4, _t("timeline.after", lang), ha="center", va="bottom",
              fontsize=5.8, color=_MUTED, linespacing=1.0)
    for kind, key in (("approved", "timeline.col_approved"),
                      ("construction_started", "timeline.col_started"),
                      ("opened", "timeline.col_opened")):
        cols.text(col_x[kind], plans_bottom + 2.0, _t(key, lang), ha="center", va="center",
                  fontsize=5.8, color=_MUTED)

    for kind, payload, top, cy, height in rows:
        if kind == "mode":
            ax.text(-0.015, cy, label(f"mode.{payload}", lang=lang), ha="right", va="center",
                    fontsize=7.2, color=MODE_COLORS[payload], **out)
            ax.axhline(top + 0.1, color="#d0d0d0", linewidth=0.5, zorder=1)
            cols.axhline(top + 0.1, color="#d0d0d0", linewidth=0.5, zorder=1)
            continue
        r, name_lines, ask_lines = payload
        color = MODE_COLORS[r.mode]
        text_top = top + 0.15
        ax.text(-0.015, text_top, "\n".join(name_lines), ha="right", va="top",
                fontsize=fs_name, color=_INK, linespacing=1.0, **out)
        if ask_lines:
            ax.text(-0.015, text_top + len(name_lines) + 0.02, "\n".join(ask_lines), ha="right",
                    va="top", fontsize=fs_ask, color="#808080", linespacing=1.0, **out)
            ax.plot(ask_x, cy, marker="D", markersize=3.4, markerfacecolor="white",
                    markeredgecolor=_INK, markeredgewidth=0.7, linestyle="none", zorder=6)
        mine = events[events["project_id"] == r.project_id]
        xs = [_decimal_year(t) for t in mine["date_start"]]
        if len(xs) >= 2:
            ax.plot([min(xs), max(xs)], [cy, cy], color=color, linewidth=0.8, alpha=0.45,
                    zorder=4, solid_capstyle="butt")
        for ev, x in zip(mine["event_type"], xs, strict=True):
            style = _EVENT_STYLE.get(ev)
            if style is None:
                ax.plot(x, cy, marker="o", markersize=2.6, color="#8c8c8c", linestyle="none",
                        zorder=5)
                continue
            ax.plot(x, cy, marker=style["marker"], markersize=style["size"],
                    markerfacecolor=color if style["filled"] else "white",
                    markeredgecolor=color, markeredgewidth=0.9, linestyle="none", zorder=7)
        for kind_, x in col_x.items():
            value = getattr(r, f"{kind_}_years_after_window")
            cols.text(x, cy, _fmt_years(value, lang), ha="center", va="center", fontsize=5.8,
                      color=_INK if not pd.isna(value) else "#b0b0b0")
        ax.axhline(top + height, color="#efefef", linewidth=0.4, zorder=1)

    # legend
    handles, texts = [], []
    for ev, style in _EVENT_STYLE.items():
        handles.append(Line2D([], [], marker=style["marker"], markersize=style["size"],
                              markerfacecolor="#555555" if style["filled"] else "white",
                              markeredgecolor="#555555", linestyle="none"))
        texts.append(_t(f"event.{ev}", lang))
    handles.append(Line2D([], [], marker="o", markersize=2.6, color="#8c8c8c", linestyle="none"))
    texts.append(_t("event.other", lang))
    handles.append(Line2D([], [], marker="D", markersize=3.4, markerfacecolor="white",
                          markeredgecolor=_INK, linestyle="none"))
    texts.append(_t("timeline.ask_marker", lang))
    handles.append(Patch(facecolor=window_color, edgecolor="none"))
    texts.append(_t("timeline.window", lang))
    handles.append(Line2D([], [], color=window_edge, linewidth=0.8, linestyle=(0, (4, 2))))
    texts.append(_t("timeline.window_end", lang))
    handles.append(Line2D([], [], linestyle="none"))
    texts.append(_t("timeline.successor", lang))
    legend_kw = {"ncols": 3, "fontsize": 5.8, "frameon": False, "handlelength": 1.4,
                 "columnspacing": 1.2, "labelspacing": 0.45}
    if owned:
        fig.legend(handles, texts, loc="outside lower center", **legend_kw)
    else:
        ax.legend(handles, texts, loc="upper center", bbox_to_anchor=(0.5, -0.03),
                  borderaxespad=0, **legend_kw)
    _title(fig, ax, label("figure.timeline_three_year_plan", lang=lang), owned=owned)
    return fig


# --------------------------------------------------------------------------- targets


_SCOPE_COLORS = {"city": "#2b6a99", "county": "#e08a3c"}


def targets_outcomes(*, lang: str = "zh", fig: Figure | None = None) -> Figure:
    """Small multiples: each 2016 target against the outcomes reported for it.

    One panel per target: the 2016 target as a dashed reference line, the
    linked outcomes by year as bars (city-wide in blue, Pinghu only in
    orange; a hatched bar marks a *related* rather than the same indicator),
    and years without a city-wide figure as an explicit "not reported"
    slot, never as a zero bar.  Data: :func:`jxplan.analysis.targets_vs_outcomes`.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    fig : matplotlib.figure.Figure, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = targets_outcomes(lang="en")
    >>> sum(t == "not reported" for t in figure_texts(fig))  # 7 empty slots + the legend
    8
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib as mpl
    from matplotlib.patches import Patch, Rectangle

    from jxplan.analysis import targets_vs_outcomes

    fig, owned = _start_figure("targets_outcomes", lang, ["targets", "outcomes"], fig=fig)
    data = targets_vs_outcomes()
    targets = data.drop_duplicates("target_id")
    years = sorted(int(y) for y in data["year"].unique())
    axes = fig.subplots(1, len(targets), squeeze=False)[0]
    width = 0.3
    for ax, t in zip(axes, targets.itertuples(), strict=True):
        sub = data[data["target_id"] == t.target_id]
        values = sub["value"].dropna()
        ymax = max(float(t.target_value), float(values.max()) if len(values) else 0.0) * 1.22
        ax.set_ylim(0, ymax)
        for i, year in enumerate(years):
            in_year = sub[sub["year"] == year]
            city = in_year[in_year["scope"] == "city"]
            county = in_year[in_year["scope"] == "county"]
            slots = [("city", r) for r in city.itertuples()] + \
                    [("county", r) for r in county.itertuples()]
            offsets = [0.0] if len(slots) == 1 else [-width / 2 - 0.08, width / 2 + 0.08]
            for (scope, r), dx in zip(slots, offsets, strict=False):
                x = i + dx
                if r.status == "not_reported":
                    ax.add_patch(Rectangle((x - width / 2, 0), width, ymax * 0.5,
                                           facecolor="#fafafa", edgecolor="#c4c4c4",
                                           linewidth=0.6, linestyle=(0, (2, 2)),
                                           hatch="\\\\\\", zorder=1))
                    nr = label("not_reported", lang=lang)
                    ax.text(x, ymax * 0.25, "\n".join(nr) if lang == "zh" else nr,
                            rotation=0 if lang == "zh" else 90, linespacing=1.0,
                            ha="center", va="center", fontsize=6, color="#666666",
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8},
                            zorder=6)
                    continue
                related = r.relation == "related_indicator"
                color = _SCOPE_COLORS[scope]
                ax.bar(x, float(r.value), width=width, color=color if not related else "white",
                       edgecolor=color, linewidth=0.9, hatch="////" if related else None,
                       zorder=2)
                value = float(r.value)
                text = f"{value:g}"
                ax.text(x, value + ymax * 0.02, text, ha="center", va="bottom", fontsize=6,
                        color=_INK, zorder=6,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4})
        target = float(t.target_value)
        ax.axhline(target, color="#c0392b", linewidth=1.0, linestyle=(0, (5, 2)), zorder=4)
        comp = "≥" if t.comparator == ">=" else t.comparator
        unit = t.unit_zh if lang == "zh" else _t(f"unit.{t.unit}", lang)
        ax.annotate(f"{comp} {target:g}", (1.0, target), xycoords=("axes fraction", "data"),
                    xytext=(2, 0), textcoords="offset points", ha="left", va="center",
                    fontsize=6.2, color="#c0392b", annotation_clip=False, clip_on=False)
        ax.set_xticks(range(len(years)), [str(y) for y in years], fontsize=6.5)
        ax.set_xlim(-0.6, len(years) - 0.4)
        ax.tick_params(axis="y", labelsize=6.5)
        ax.set_ylabel(unit, fontsize=7)
        indicator = getattr(t, f"indicator_{lang}")
        ax.set_title("\n".join(_wrap(indicator, 30 if lang == "en" else 26)), fontsize=7.5,
                     loc="left")
        ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(5, integer=True))
    handles = [Patch(facecolor=_SCOPE_COLORS["city"], edgecolor=_SCOPE_COLORS["city"]),
               Patch(facecolor="white", edgecolor=_SCOPE_COLORS["city"], hatch="////"),
               Patch(facecolor="white", edgecolor=_SCOPE_COLORS["county"], hatch="////"),
               Patch(facecolor="none", edgecolor="#b5b5b5", hatch="\\\\\\\\", linestyle="--"),
               mpl.lines.Line2D([], [], color="#c0392b", linestyle=(0, (5, 2)))]
    texts = [_t("targets.city_same", lang), _t("targets.city_related", lang),
             _t("targets.county_related", lang), label("not_reported", lang=lang),
             label("target", lang=lang)]
    note = "\n".join(_wrap(_t("targets.note", lang), 150 if lang == "en" else 136))
    if owned:
        # keep a band at the bottom for the legend and the note (fractions of the
        # figure, with room to spare when the export adds its credit line)
        band = 0.17
        fig.get_layout_engine().set(rect=(0, band, 1, 1 - band))
        fig.suptitle(label("figure.targets_outcomes", lang=lang), x=0.01, ha="left",
                     fontsize=11)
        fig.legend(handles, texts, loc="upper left", bbox_to_anchor=(0.005, band),
                   bbox_transform=fig.transSubfigure, ncols=3, fontsize=6.5,
                   handlelength=1.6, columnspacing=1.5, frameon=False, borderaxespad=0.2)
        fig.text(0.01, 0.012, note, ha="left", va="bottom", fontsize=6, color="#444444",
                 linespacing=1.25)
    else:
        axes[0].legend(handles, texts, fontsize=6, loc="upper left")
    return fig
