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
sans-serif"; in a notebook any installed CJK font renders the Chinese text,
and the HTML files embed a subset of the packaged Noto Sans SC
(:func:`embedded_font_css`), so they read the same on a machine without one.

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

import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from jxplan import interactive_layers as il
from jxplan._atomic import write_text
from jxplan.interactive_layers import (  # noqa: F401 - re-exported for the tests and users
    _EDGE,
    _FILL,
    FONT_FAMILY,
    _confidence_label,
    _esc,
    _event_label,
    _field,
    _missing,
    _sep,
    _short_url,
    _wrap_html,
    base_layout,
)
from jxplan.labels import check_lang, label, with_map_note
from jxplan.meta import MODES
from jxplan.textwrap_cjk import IDEOGRAPHIC_SPACE

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go

__all__ = ["FONT_FAMILY", "HTML_FIGURES", "project_map", "timeline", "build", "write_html",
           "embedded_font_css"]

#: Figures that :func:`write_html` writes, by file name.
HTML_FIGURES: tuple[str, ...] = ("project_map", "timeline_three_year_plan", "scorecard",
                                 "lineage", "instruments")


def _check_modes(modes: Iterable[str] | str | None) -> list[str]:
    from jxplan.io import check_choice

    if modes is None:
        return list(MODES)
    if isinstance(modes, str):
        modes = [modes]
    chosen = {check_choice(m, MODES, what="mode") for m in modes}
    return [m for m in MODES if m in chosen]


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
    def t(key: str) -> str:
        return label(key, lang=lang)

    mode = t(f"mode.{row['mode']}")
    precision = t(f"precision.{row['geometry_precision']}")
    lines.append(_field(t("html.mode"), mode, w, lang=lang) + t("sep.list")
                 + _esc(f"{t('html.precision')}{_sep(lang)}{precision}"))
    if _missing(row["measure_id"]):
        lines.append(_field(t("html.measure"), t("html.measure.none"), w, lang=lang))
        if not _missing(row["successor_of"]):
            parent = names.get(str(row["successor_of"]), str(row["successor_of"]))
            lines.append(_field(t("html.successor_of"), parent, w, lang=lang))
    else:
        m = measures.loc[row["measure_id"]]
        number = t("html.measure.no").format(n=int(m["measure_no"]))
        title = "" if _missing(m[f"title_{lang}"]) else f" {m[f'title_{lang}']}"
        lines.append(_field(t("html.measure"), number + title, w, lang=lang))
        ask = row["ask_2016_quote_zh"] if lang == "zh" else row["ask_2016_en"]
        if not _missing(ask):  # zh: the plan's own words, marked as a quotation with its locator
            if lang == "zh":
                ask = t("html.quote").format(quote=ask, locator=row["ask_2016_section"])
            lines.append(_field(t("html.ask"), ask, w, lang=lang))
    if latest is None:
        lines.append(_field(t("html.latest"), t("html.none"), w, lang=lang))
    else:
        kind = _event_label(latest["event_type"], lang)
        when = t("html.qualified").format(text=latest["date"], what=kind)
        lines.append(_field(t("html.latest"), when, w, lang=lang))
        lines.append(IDEOGRAPHIC_SPACE + _wrap_html(latest[f"event_{lang}"], w - 2,
                                                    indent=IDEOGRAPHIC_SPACE))
        url = latest["source_url"]
        lines.append(_esc(f"{t('html.source')}{_sep(lang)}"
                          f"{'–' if _missing(url) else _short_url(url)}"))
        lines.append(_field(t("html.confidence"), _confidence_label(latest["confidence"], lang),
                            w, lang=lang))
    return "<br>".join(lines)


@with_map_note
def project_map(*, lang: str = "zh", modes: Iterable[str] | None = None,
                fig: go.Figure | None = None, boundaries: bool = True) -> go.Figure:
    """The Shanghai-linkage projects on a county map, as an interactive figure.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
        Language of every label and hover text.
    modes : iterable of str, optional
        Draw only these transport modes (:data:`jxplan.meta.MODES`); default
        all.  An unknown mode raises ValueError listing the valid ones.
    fig : plotly.graph_objects.Figure, optional
        Add the map's traces to this figure (after its own) and set its
        layout; default a new figure.  Composed of :mod:`jxplan.interactive_layers`.
    boundaries : bool, default True
        False draws a schematic: the land in one colour (GSHHG, no county or
        city polygon and so no administrative boundary line, and no county
        hover), sea, lakes, the projects and the county names as place
        names; the note under the map says it is a schematic.

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
    ['air', 'rail']
    >>> schematic = project_map(lang="en", boundaries=False)
    >>> [t.name for t in schematic.data if t.name in ("outline", "land")][:1]
    ['land']

    Notes
    -----
    {map_publication_note}
    """
    import plotly.graph_objects as go

    from jxplan.geo import load_context, load_counties
    from jxplan.io import load_projects

    lang = check_lang(lang)
    chosen = _check_modes(modes)
    projects = load_projects()
    shown = projects[projects["mode"].isin(chosen)]
    order = _project_order()
    context = load_context()
    counties = il.county_roles(load_counties(context=True))
    hovers = _project_hovers(shown, projects, lang=lang)
    fig = go.Figure() if fig is None else fig
    if boundaries:
        il.sea(fig, context)
        il.county_polygons(fig, counties, lang=lang, hovers=il.county_hovers(
            counties, _declared(shown), lang=lang, modes_chosen=modes is not None))
        il.city_outlines(fig, counties)
    else:  # a schematic: one land, no administrative unit
        il.land(fig, context)
        il.sea(fig, context)
    il.lakes(fig, context, lang=lang)
    il.project_traces(fig, shown, order, lang=lang, hovers=hovers, modes=chosen)
    il.county_names(fig, il.county_label_points(counties, lang=lang))
    il.precision_key(fig, lang=lang)
    il.sea_name(fig, lang=lang)

    layout = base_layout(label("figure.project_map", lang=lang),
                          label("html.map.subtitle", lang=lang), lang=lang)
    lat0 = math.radians(sum(il.MAP_Y) / 2)
    layout.update({
        "height": 880,
        "margin": {"l": 20, "r": 20, "t": 92, "b": 165},
        "xaxis": {"range": list(il.MAP_X), "visible": False, "constrain": "domain",
                  "domain": [0.0, 0.74], "fixedrange": False},
        "yaxis": {"range": list(il.MAP_Y), "visible": False, "constrain": "domain",
                  "scaleanchor": "x", "scaleratio": round(1 / math.cos(lat0), 6)},
        "dragmode": "pan",
        "legend": {"title": {"text": label("html.legend.modes", lang=lang)}, "x": 0.76,
                   "xanchor": "left", "y": 1.0, "yanchor": "top", "itemclick": "toggle",
                   "itemdoubleclick": "toggleothers", "bgcolor": "rgba(255,255,255,0.9)",
                   "font": {"size": 13}, "groupclick": "togglegroup"},
        "legend2": {"title": {"text": label("html.legend.key", lang=lang)}, "x": 0.76,
                    "xanchor": "left", "y": 0.58, "yanchor": "top",
                    "bgcolor": "rgba(255,255,255,0.9)", "font": {"size": 12}},
        "annotations": il.map_notes(shown, order, lang=lang, schematic=not boundaries),
        "uirevision": "jxplan-map",
    })
    fig.update_layout(layout)
    return fig


def _declared(shown: pd.DataFrame) -> dict[str, int]:
    """adcode -> number of the *shown* projects that declare it."""
    declared: dict[str, int] = {}
    for codes in shown["adcodes"].dropna():
        for code in str(codes).split(";"):
            declared[code] = declared.get(code, 0) + 1
    return declared


def _project_hovers(shown: pd.DataFrame, projects: pd.DataFrame, *, lang: str) -> dict[str, str]:
    """project id -> hover HTML of each shown project (latest milestone, source, grade)."""
    from jxplan.io import load_measures

    names = {pid: str(n) for pid, n in projects[f"name_{lang}"].items()}
    measures = load_measures(plan_id=None)
    milestones = _milestone_table()
    latest = {pid: grp.sort_values(["date_start", "milestone_id"], kind="stable").iloc[-1]
              for pid, grp in milestones.groupby("project_id")}
    return {pid: _project_hover(pid, shown.loc[pid], lang=lang, names=names, measures=measures,
                                latest=latest.get(pid)) for pid in shown.index}


# ---------------------------------------------------------------------- timeline


def _plan_bands(plans: Iterable[str] | None = None) -> pd.DataFrame:
    from jxplan.analysis import TIMELINE_PLANS, plan_periods

    return plan_periods(plan_ids=TIMELINE_PLANS if plans is None else list(plans))


def timeline(*, lang: str = "zh", fig: go.Figure | None = None,
             projects: Iterable[str] | None = None,
             plans: Iterable[str] | None = None) -> go.Figure:
    """Each project's milestones against the 2014-2016 three-year plan.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
        Language of every label and hover text.
    fig : plotly.graph_objects.Figure, optional
        Add the traces to this figure and set its layout; default a new one.
    projects : iterable of str, optional
        Project ids to show, in the default order (default all).
    plans : iterable of str, optional
        Plans drawn as bands (default :data:`jxplan.analysis.TIMELINE_PLANS`).

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
    import plotly.graph_objects as go

    from jxplan.io import load_projects

    lang = check_lang(lang)
    table = load_projects(geometry=False)
    order = _project_order()
    if projects is not None:
        keep = set(projects)
        order = [p for p in order if p in keep]
    points = il.timeline_points(_milestone_table(), order)
    fig = go.Figure() if fig is None else fig
    il.mode_lines(fig, points, order, table, lang=lang)
    il.date_ranges(fig, points, lang=lang)
    il.milestone_markers(fig, points, table, lang=lang)
    shapes, band_notes, n_lanes = il.plan_band_shapes(_plan_bands(plans), lang=lang)
    key, key_lines = il.mode_key(table.loc[order, "mode"], lang=lang)
    annotations = [*il.empty_row_notes(points, order, lang=lang), *band_notes, key]

    n = len(order)
    top = 98 + max(18 * n_lanes, 18 * (key_lines - 1)) + 8
    bottom = 120
    layout = base_layout(label("figure.timeline_three_year_plan", lang=lang),
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
        "yaxis": {"tickvals": list(range(n)), "ticktext": il.row_labels(order, table, lang=lang),
                  "range": [n - 0.5, -0.5], "showgrid": True, "gridcolor": "#f0f0f0",
                  "zeroline": False, "automargin": True, "tickfont": {"size": 12},
                  "fixedrange": True},
        "shapes": shapes,
        "annotations": annotations,
        "legend": {"title": {"text": label("html.legend.events", lang=lang) + _sep(lang),
                             "side": "left"},
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
    if name == "instruments":
        from jxplan.interactive_text import instruments

        return instruments(lang=lang)
    if name in ("scorecard", "lineage"):
        from jxplan import interactive_record

        return getattr(interactive_record, name)(lang=lang)
    return timeline(lang=lang)


_HTML_CONFIG = {
    "displaylogo": False,
    # plotly.js 3 shows a "send to cloud" button by default, which would post the
    # figure's data to a web service: an offline figure offers no such thing.
    "showSendToCloud": False,
    "responsive": True,
    "scrollZoom": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    # No geo traces are used, so no topojsonURL is needed; MathJax is not
    # included (include_mathjax=False), so no script is fetched at all.
}


#: Runs after the plot is drawn: once the embedded font is loaded, draw again, so
#: that legends and margins are measured with it.
_REDRAW_WHEN_FONTS_LOADED = ("document.fonts.ready.then(function () "
                             "{ Plotly.redraw(document.getElementById('{plot_id}')); });")


def embedded_font_css(fig: go.Figure) -> str:
    """A CSS ``@font-face`` that embeds the packaged font, cut to the characters *fig* uses.

    The face is named like the first family of :data:`FONT_FAMILY` ("Noto
    Sans SC"), so the page draws its Chinese (and Latin) text with it on any
    machine, with or without a Chinese font installed.  The subset (a WOFF
    file, base64 in a ``data:`` URL; tens of kB) is made with fontTools and
    is the same bytes for the same characters.

    Examples
    --------
    >>> css = embedded_font_css(build("project_map", lang="zh"))
    >>> css.startswith('@font-face{font-family:"Noto Sans SC";'), len(css) < 400_000
    (True, True)
    """
    import base64
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    from jxplan.fonts import PACKAGED_SANS, font_path

    chars: set[str] = set()

    def walk(obj: object) -> None:
        if isinstance(obj, str):
            chars.update(obj)
        elif isinstance(obj, dict):
            for value in obj.values():
                walk(value)
        elif isinstance(obj, (list, tuple)):
            for value in obj:
                walk(value)

    walk(fig.to_plotly_json())
    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.recalc_timestamp = False
    buffer = io.BytesIO()
    with TTFont(font_path(), recalcTimestamp=False) as font:  # closes the font file
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(chars)))
        subsetter.subset(font)
        font.flavor = "woff"
        font.save(buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'@font-face{{font-family:"{PACKAGED_SANS}";'
            f'src:url(data:font/woff;base64,{data}) format("woff");}}')


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
                       default_width="100%", default_height="100%", validate=True,
                       post_script=_REDRAW_WHEN_FONTS_LOADED)
    title = _esc(fig.layout.title.text or name)
    text = text.replace("<html>", f"<html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\">", 1)
    text = text.replace('<meta charset="utf-8" />',
                        f'<meta charset="utf-8" />\n    <title>{title}</title>\n'
                        f'    <style>{embedded_font_css(fig)}</style>', 1)
    folder = Path(out_dir) / lang
    folder.mkdir(parents=True, exist_ok=True)
    return write_text(folder / f"{name}.html", text, newline="\n")
