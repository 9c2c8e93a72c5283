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
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from jxplan import layers
from jxplan.analysis import TIMELINE_PLANS
from jxplan.labels import check_lang, label, with_map_note
from jxplan.layout import (
    count_classes,
    decimal_year,
    label_point,
    label_spots,
    map_note,
    measure_rows,
    study_extent,
    timeline_layout,
)
from jxplan.style import _styled, style_context, use_style
from jxplan.textwrap_cjk import wrap

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FIGURE_SIZES", "project_map", "county_projects", "measures_by_action",
           "timeline_three_year_plan", "targets_outcomes", "figure_texts", "without_pyplot",
           "style_context", "use_style"]

#: The export size (a name in :data:`jxplan.export.SIZES`) each figure is drawn for.
FIGURE_SIZES: dict[str, str] = {
    "project_map": "report-tall",
    "county_projects": "report",
    "measures_by_action": "report",
    "timeline_three_year_plan": "report-tall",
    "targets_outcomes": "report",
    "instruments": "report",
    "scorecard": "report-tall",  # jxplan.plot_record
    "lineage": "report-tall",  # jxplan.plot_record
}

_USE_PYPLOT: contextvars.ContextVar[bool] = contextvars.ContextVar("jxplan_use_pyplot",
                                                                  default=True)

_INK = layers.COLORS["ink"]
_MUTED = layers.COLORS["muted"]


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


def _new_figure(name: str, *, layout: Literal["constrained"] | None = "constrained") -> Figure:
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
        fig = ax.get_figure(root=True)
    except TypeError:  # matplotlib < 3.10
        fig = ax.figure.figure
    assert fig is not None, "the axes belongs to no figure"
    return fig


def _title(fig: Figure, ax: Axes | None, text: str, *, owned: bool) -> None:
    if owned:
        fig.suptitle(text, x=0.01, ha="left", fontsize=11)
    else:
        assert ax is not None, "a figure drawn into a given figure has an axes"
        ax.set_title(text, loc="left", fontsize=10)


def _start_figure(name: str, lang: str, sources: list[str], *, fig: Figure | None = None,
                  ax: Axes | None = None) -> tuple[Figure, bool]:
    """Check *lang* and return ``(figure, owned)`` with *sources* attached.

    The figure is *ax*'s when given, else *fig* (given a constrained layout
    if it has none), else a new one of size ``FIGURE_SIZES[name]``; *owned*
    says it is new, so the caller lays out its axes and the figure-level texts.
    """
    from jxplan.export import attach_sources

    check_lang(lang)
    owned = fig is None and ax is None
    if ax is not None:
        fig = _root(ax)
    elif fig is None:
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


# --------------------------------------------------------------------------- map


def _map_layers() -> tuple[Any, Any]:
    """Counties (land, with context units) and context, in EPSG:32651."""
    from jxplan.geo import PROJECTED_CRS, load_context, load_counties

    counties = load_counties(context=True).to_crs(PROJECTED_CRS)
    context = load_context().to_crs(PROJECTED_CRS)
    return counties, context


@with_map_note
@_styled
def project_map(*, lang: str = "zh", ax: Axes | None = None,
                projects: Iterable[str] | None = None, boundaries: bool = True) -> Figure:
    """Map the linkage projects across Jiaxing's counties and the Shanghai border.

    Land-only county polygons (Jiaxing, the three neighbouring Shanghai
    districts and greyer context units) over GSHHG land, sea and lakes, in
    UTM 51N; each drawn project in its mode's colour, solid where it is
    drawn between documented stations, dashed where it is only schematic
    (through towns), and a marker for a site.  Projects are numbered on the
    map with a key below; the projects whose location is not published (and
    the plans that are not lines) are listed in a note box, not drawn.
    Composed of the layers of :mod:`jxplan.layers`.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    ax : matplotlib.axes.Axes, optional
        Draw into this axes; the legends and notes go below it.
    projects : iterable of str, optional
        Draw only these project ids (default: every project with a
        geometry, :func:`jxplan.analysis.map_projects`); they keep their key numbers.
    boundaries : bool, default True
        False draws a schematic: land, sea and lakes only, with no county or
        city polygon and so no administrative boundary line; the county
        names stay as place names, the areas legend shows land and water,
        and the note box says the map is a schematic.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    {map_publication_note}

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = project_map(lang="en")
    >>> any("Not drawn (location not published" in t for t in figure_texts(fig))
    True
    >>> schematic = project_map(lang="en", boundaries=False)
    >>> "Schematic: no administrative boundary" in " ".join(figure_texts(schematic))
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig); plt.close(schematic)
    """
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
    assert ax is not None  # given, or made above
    counties, context = _map_layers()
    extent = study_extent(counties)
    layers.base_map(ax, counties, context, extent=extent, boundaries=boundaries)
    layers.context_labels(ax, counties, context, extent=extent, lang=lang)
    layers.county_labels(ax, counties, lang=lang)

    table = map_projects()
    drawn = table[table["drawn"]].sort_values("key_no")
    if projects is not None:
        drawn = drawn[drawn["project_id"].isin(list(projects))]
    geoms_all = load_projects().to_crs(PROJECTED_CRS).geometry
    geoms = {pid: geoms_all[pid] for pid in drawn["project_id"]}
    entries = layers.project_geometries(ax, drawn, geoms, lang=lang)
    study = counties[counties["role"] == "study"]
    obstacles = [(p.x, p.y) for p in study.geometry.map(label_point)]
    layers.key_numbers(ax, drawn, label_spots(geoms, extent, obstacles))
    layers.scale_bar(ax, extent=extent, lang=lang)
    layers.north_arrow(ax, lang=lang)
    legends = layers.map_legends(ax, lang=lang, boundaries=boundaries)

    # numbered key just below the map, then the note (offsets in points survive resizing)
    if owned:
        below = holder.transAxes
    else:
        holder = ax
        below = offset_copy(ax.transAxes, fig=fig, x=0, y=-5, units="points")
    key = layers.key_legend(holder, entries, lang=lang, transform=below, y=1.0 if owned else 0.0)
    fig.draw_without_rendering()
    key_height_pt = key.get_window_extent().height * 72 / fig.dpi
    layers.note_box(holder, map_note(table, lang=lang, schematic=not boundaries),
                    y=1 if owned else 0,
                    drop=(0 if owned else 5) + key_height_pt + 9)
    layers.hide_covered_labels(ax, legends)
    _title(fig, ax, label("figure.project_map", lang=lang), owned=owned)
    return fig


# --------------------------------------------------------------------------- county counts


@with_map_note
@_styled
def county_projects(*, lang: str = "zh", fig: Figure | None = None,
                    counties_from: Literal["declared", "geometry"] = "declared",
                    boundaries: bool = True) -> Figure:
    """Choropleth of the projects touching each county, and their modes.

    Left: the total number of linkage projects that touch each study
    county (a real zero where none does); right: the same counts split by
    mode, as stacked bars.  Counting rule: :func:`jxplan.analysis.county_project_counts`.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    fig : matplotlib.figure.Figure, optional
        Draw into this (empty) figure; default a new ``report``-size figure.
    counties_from : {"declared", "geometry"}, default "declared"
        Count the counties each project declares, or the ones its drawn
        geometry crosses.
    boundaries : bool, default True
        False draws the left panel as a schematic: no county polygons (a
        choropleth's fills would trace the boundaries), plain land, and each
        county's name and count in a small box of its class colour at a
        point well inside it; the note says it is a schematic.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    {map_publication_note}

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = county_projects(lang="en")
    >>> "Qingpu\\n0" in figure_texts(fig)
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    from jxplan.analysis import county_project_table
    from jxplan.io import load_projects

    fig, owned = _start_figure("county_projects", lang, ["projects", "counties_land", "context"],
                               fig=fig)
    ax_map, ax_bar = fig.subplots(1, 2, width_ratios=[1.05, 1])
    table = county_project_table(counties_from=counties_from)
    counts = table["total"].astype(int)
    cmap, norm, colors = count_classes(counts)
    counties, context = _map_layers()
    extent = study_extent(counties, pad_km=1.5)
    layers.base_map(ax_map, counties, context, extent=extent,
                    fills=colors if boundaries else None, boundaries=boundaries)
    layers.county_labels(ax_map, counties, lang=lang, extra=counts.to_dict(), fontsize=5.5,
                         boxes=None if boundaries else colors)
    layers.count_colorbar(ax_map, cmap, norm, lang=lang)
    ax_map.set_title(label("county.choropleth", lang=lang), fontsize=8, loc="left")
    layers.mode_bars(ax_bar, table, lang=lang)

    if counties_from == "declared":
        n_none = int(load_projects(geometry=False)["adcodes"].isna().sum())
        rule = label("county.rule", lang=lang).format(n=n_none)
    else:
        rule = label("county.rule_geometry", lang=lang)
    if not boundaries:
        rule += " " * (lang == "en") + label("map.schematic_note", lang=lang)
    text = "\n".join(wrap(rule, 150 if lang == "en" else 140))
    if owned:
        fig.suptitle(label("figure.county_projects", lang=lang), x=0.01, ha="left", fontsize=11)
        fig.supxlabel(text, x=0.01, ha="left", fontsize=6, color="#444444")
    else:
        ax_map.annotate(text, (0, -0.12), xycoords="axes fraction", fontsize=6,
                        color="#444444", va="top")
    return fig


# --------------------------------------------------------------------------- measures


@_styled
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
    from jxplan.analysis import measure_coverage
    from jxplan.io import load_measures, load_projects

    fig, owned = _start_figure("measures_by_action", lang, ["actions", "measures", "projects"],
                               ax=ax)
    if owned:
        ax = fig.add_subplot()
    assert ax is not None  # given, or made above
    cov = measure_coverage()
    rows = measure_rows(cov, load_measures().reset_index())
    per_measure = load_projects(geometry=False).groupby("measure_id").size()
    layers.measure_grid(ax, len(rows), lang=lang)
    layers.action_boxes(ax, cov, rows, lang=lang)
    layers.measure_boxes(ax, rows, per_measure.to_dict(), lang=lang)
    layers.not_held_box(ax, rows, lang=lang)
    _title(fig, ax, label("figure.measures_by_action", lang=lang), owned=owned)
    if owned:
        ax.set_title(label("measures.sub", lang=lang) if lang == "zh"
                     else "2016 implementation plan " + label("measures.sub", lang=lang),
                     loc="left", fontsize=7.5, color=_MUTED)
    return fig


# --------------------------------------------------------------------------- timeline


@_styled
def timeline_three_year_plan(*, lang: str = "zh", ax: Axes | None = None,
                             projects: Iterable[str] | None = None,
                             plans: Sequence[str] = TIMELINE_PLANS,
                             window: tuple[int, int] = (2014, 2016),
                             ask_plan: str | None = "jx-2016") -> Figure:
    """Linkage projects' milestones against the 2014-2016 three-year plan.

    Plan bands on top (the 2010-2012 guidance's period is derived and drawn
    hatched; the 2014-2016 window is shaded through the whole chart and its
    end, 2016-12-31, is a dashed line), then one row per project grouped by
    mode (later projects under the 2016 item they carry on), milestone
    markers by event type (dates known only to the month or year are drawn
    at the middle of that month or year, as in the interactive timeline), the
    2016 plan's ask (a diamond at May 2016 and its wording, in grey, under the
    name) and, at the right, how many years after
    the window's end each project was first approved, started and opened.
    Composed of the layers of :mod:`jxplan.layers`.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    ax : matplotlib.axes.Axes, optional
    projects : iterable of str, optional
        Project ids to show (default all, :func:`jxplan.analysis.project_order`).
    plans : sequence of str, default :data:`jxplan.analysis.TIMELINE_PLANS`
        Plans drawn as bands, top to bottom.
    window : (int, int), default (2014, 2016)
        First and last year of the shaded window; the years-after columns
        count from 31 December of the last.
    ask_plan : str or None, default "jx-2016"
        The plan whose issue date the ask diamonds mark; None for none.

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
    from jxplan.analysis import first_milestones, plan_periods, project_timeline
    from jxplan.io import load_plans

    fig, owned = _start_figure("timeline_three_year_plan", lang,
                               ["plans", "projects", "milestones"], ax=ax)
    if owned:
        # the names column is wider in English: give the columns their room
        ax, cols = fig.subplots(1, 2, width_ratios=[4.6 if lang == "zh" else 3.6, 1],
                                sharey=True, gridspec_kw={"wspace": 0.0})
    else:
        assert ax is not None  # a given axes (not owned)
        cols = ax.inset_axes((1.01, 0.0, 0.2, 1.0), sharey=ax)
    window_end = f"{window[1]}-12-31"
    bands = plan_periods(plan_ids=plans)
    firsts = first_milestones(window_end=window_end)
    if projects is not None:
        firsts = firsts[firsts["project_id"].isin(list(projects))]
    events = project_timeline(window_end=window_end)
    ask_x = decimal_year(load_plans().loc[ask_plan, "issue_date"]) if ask_plan else None
    lay = timeline_layout(bands, firsts, lang=lang)

    layers.timeline_frame(ax, x_range=(2008.6, 2027.0), total=lay.total)
    layers.window_band(ax, start=window[0], end=window[1] + 1)
    layers.plan_bands(ax, bands, lay.plan_y, lang=lang, bottom=lay.plans_bottom)
    words = _window_words(window, lang=lang)
    layers.year_columns(cols, lay, lang=lang, heading=words.get("heading"))
    layers.milestone_rows(ax, lay, events, lang=lang, ask_x=ask_x)
    layers.timeline_legend(fig if owned else ax, lang=lang, below=not owned,
                           window_text=words.get("window"), window_end_text=words.get("end"))
    _title(fig, ax, label("figure.timeline_three_year_plan", lang=lang), owned=owned)
    return fig


def _window_words(window: tuple[int, int], *, lang: str) -> dict[str, str]:
    """The legend's and the columns' words for a window other than 2014-2016."""
    if tuple(window) == (2014, 2016):
        return {}
    start, end = window
    return {"window": label("timeline.window_other", lang=lang).format(start=start, end=end),
            "end": label("timeline.window_end_other", lang=lang).format(end=end),
            "heading": label("timeline.after_other", lang=lang).format(end=end)}


# --------------------------------------------------------------------------- targets


@_styled
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
    from jxplan.analysis import targets_vs_outcomes

    fig, owned = _start_figure("targets_outcomes", lang, ["targets", "outcomes"], fig=fig)
    data = targets_vs_outcomes()
    targets = data.drop_duplicates("target_id")
    years = sorted(int(y) for y in data["year"].unique())
    axes = fig.subplots(1, len(targets), squeeze=False)[0]
    for ax, t in zip(axes, targets.itertuples(), strict=True):
        layers.target_panel(ax, t, data[data["target_id"] == t.target_id], years, lang=lang)
    handles, texts = layers.target_legend_entries(lang=lang)
    note = "\n".join(wrap(label("targets.note", lang=lang), 150 if lang == "en" else 136))
    if owned:
        # keep a band at the bottom for the legend and the note (fractions of the
        # figure, with room to spare when the export adds its credit line)
        band = 0.17
        engine: Any = fig.get_layout_engine()
        engine.set(rect=(0, band, 1, 1 - band))
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
