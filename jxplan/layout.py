"""Pure layout tables for the figures: where things go, computed without drawing.

The middle tier between the data (:mod:`jxplan.analysis`) and the layers
(:mod:`jxplan.layers`): extents, label points and spots on the map, the
lines of its note, colour classes, the rows of the timeline.  Nothing here
loads data or draws, so every function can be tested, and reused, on its own.

Examples
--------
>>> from shapely.geometry import LineString, Point
>>> spots = label_spots({"a": Point(0, 0), "b": LineString([(0, 0), (10_000, 0)])},
...                     (-5_000, -5_000, 15_000, 5_000))
>>> {k: tuple(round(v) for v in xy) for k, xy in spots.items()}
{'a': (495, 495), 'b': (5000, 0)}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jxplan.meta import MODES, check_lang
from jxplan.textwrap_cjk import wrap_balanced

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TimelineLayout", "count_classes", "date_position", "decimal_year", "label_point",
           "label_spots",
           "map_note", "measure_rows", "study_extent", "timeline_layout"]

Extent = tuple[float, float, float, float]


def study_extent(counties: Any, *, pad_km: float = 3.0) -> Extent:
    """``(x0, y0, x1, y1)`` of the study counties (``role == "study"``), padded.

    *counties* must be in a projected CRS in metres (e.g. EPSG:32651).
    """
    study = counties[counties["role"] == "study"]
    x0, y0, x1, y1 = study.total_bounds
    pad = pad_km * 1000
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def label_point(geom: Any) -> Any:
    """A well-inside point of a (multi)polygon: the pole of inaccessibility of its largest part.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> pt = label_point(box(0, 0, 4000, 2000))
    >>> round(pt.y), box(0, 0, 4000, 2000).contains(pt)
    (1000, True)
    """
    from shapely.ops import polylabel

    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    return polylabel(part, tolerance=200.0)


def label_spots(geoms: Mapping[str, Any], extent: Extent,
                obstacles: Iterable[tuple[float, float]] = ()) -> dict[str, tuple[float, float]]:
    """A deterministic, non-overlapping spot for each project's number.

    Parameters
    ----------
    geoms
        project id -> Point or LineString, in the map's (metre) CRS, in key order.
    extent
        The map's ``(x0, y0, x1, y1)``: the minimum gap is 4.5 % of its width.
    obstacles
        Points the numbers keep clear of (e.g. the county labels).

    Returns
    -------
    dict
        project id -> ``(x, y)``: beside a point, on a line (its middle if free).
    """
    x0, _, x1, _ = extent
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


def decimal_year(ts: Any) -> float:
    """A timestamp as a decimal year (NaN for a missing one).

    Examples
    --------
    >>> import pandas as pd
    >>> decimal_year(pd.Timestamp("2016-07-02"))
    2016.5
    """
    import pandas as pd

    if ts is None or pd.isna(ts):
        return float("nan")
    start = pd.Timestamp(year=ts.year, month=1, day=1)
    days = 366 if ts.is_leap_year else 365
    return float(ts.year + (ts - start).days / days)


def date_position(date: str) -> Any:
    """Where a milestone is drawn on a timeline: its day, or the middle of the month or year.

    A date known only to the year or month (``YYYY``, ``YYYY-MM``, as the source
    gives it) is drawn at the middle of that period, never at its first day,
    which would claim a precision the source does not have.  Both timelines,
    static and interactive, use this.

    Examples
    --------
    >>> [str(date_position(d).date()) for d in ("2018", "2025-08", "2021-08-06")]
    ['2018-07-02', '2025-08-15', '2021-08-06']
    """
    import pandas as pd

    if len(date) == 4:
        return pd.Timestamp(f"{date}-07-02")
    if len(date) == 7:
        return pd.Timestamp(f"{date}-01") + pd.Timedelta(days=14)
    return pd.Timestamp(date)


#: Wrap widths (display columns) of the timeline's names and asks, per language.
_TIMELINE_WIDTHS = {"zh": (44, 60), "en": (72, 80)}
#: Height of one ask line, in name-line units.
_ASK_LINE = 0.9


@dataclass(frozen=True)
class TimelineLayout:
    """The vertical layout of the timeline, in name-line units (y grows downwards).

    Attributes
    ----------
    plan_y
        plan id -> centre of its band's lane.
    plans_bottom
        The line under the plan lanes.
    rows
        One row per mode heading and per project (see :func:`timeline_layout`).
    total
        The bottom of the last row.
    """

    plan_y: dict[str, float]
    plans_bottom: float
    rows: pd.DataFrame
    total: float


def timeline_layout(plans: pd.DataFrame, firsts: pd.DataFrame, *, lang: str) -> TimelineLayout:
    """Lay out the timeline: plan lanes on top, then a heading per mode and a row per project.

    Parameters
    ----------
    plans
        Plan bands, e.g. :func:`jxplan.analysis.plan_periods` (``plan_id``).
    firsts
        Projects, e.g. :func:`jxplan.analysis.first_milestones` (``project_id``,
        ``mode``, ``successor_of``, ``name_<lang>``, ``ask_short_<lang>`` and
        the ``*_years_after_window`` columns), in row order.
    lang
        ``"zh"`` or ``"en"``: names and asks are wrapped for it.

    Returns
    -------
    TimelineLayout
        ``rows`` has ``kind`` ("mode" or "project"), ``mode``, ``project_id``
        (NA for a heading), ``top``, ``centre``, ``height``, ``name_lines``
        and ``ask_lines`` (tuples of str), and each project's
        ``approved_``, ``construction_started_`` and
        ``opened_years_after_window``.

    Examples
    --------
    >>> from jxplan.analysis import TIMELINE_PLANS, first_milestones, plan_periods
    >>> lay = timeline_layout(plan_periods(plan_ids=TIMELINE_PLANS), first_milestones(),
    ...                       lang="en")
    >>> lay.rows[["kind", "mode"]].iloc[0].tolist(), lay.plan_y["jx-2010-guidance"]
    (['mode', 'rail'], 0.6)
    """
    import pandas as pd

    check_lang(lang)
    name_w, ask_w = _TIMELINE_WIDTHS[lang]
    y = 0.0
    plan_y: dict[str, float] = {}
    for pid in plans["plan_id"]:
        plan_y[pid] = y + 0.6
        y += 1.2
    plans_bottom = y + 0.1
    y += 2.5  # room for the right-hand column headings
    kinds = ("approved", "construction_started", "opened")
    rows: list[dict] = []
    for mode in MODES:
        sub = firsts[firsts["mode"] == mode]
        if sub.empty:
            continue
        rows.append({"kind": "mode", "mode": mode, "project_id": pd.NA, "top": y,
                     "centre": y + 0.65, "height": 1.3, "name_lines": (), "ask_lines": ()})
        y += 1.3
        for r in sub.itertuples():
            prefix = "└ " if isinstance(r.successor_of, str) else ""
            name_lines = wrap_balanced(prefix + getattr(r, f"name_{lang}"), name_w)
            ask = getattr(r, f"ask_short_{lang}")
            ask_lines = wrap_balanced(ask, ask_w) if isinstance(ask, str) else []
            height = len(name_lines) + len(ask_lines) * _ASK_LINE + 0.3
            row = {"kind": "project", "mode": r.mode, "project_id": r.project_id, "top": y,
                   "centre": y + height / 2, "height": height, "name_lines": tuple(name_lines),
                   "ask_lines": tuple(ask_lines)}
            row.update({f"{k}_years_after_window": getattr(r, f"{k}_years_after_window")
                        for k in kinds})
            rows.append(row)
            y += height
    return TimelineLayout(plan_y=plan_y, plans_bottom=plans_bottom, rows=pd.DataFrame(rows),
                          total=y)


def map_note(table: pd.DataFrame, *, lang: str, schematic: bool = False) -> list[str]:
    """The lines of the map's note box: projects not drawn, plans that are not lines, caveat.

    *table* is :func:`jxplan.analysis.map_projects` (``note``, ``name_<lang>``);
    *schematic* adds the line saying the map draws no administrative boundary.
    """
    from jxplan.labels import label
    from jxplan.textwrap_cjk import wrap

    name = f"name_{check_lang(lang)}"
    sep = label("sep.list", lang=lang)
    unpublished = table[table["note"] == "not_published"][name].tolist()
    plans = table[table["note"] == "not_spatial"][name].tolist()
    width = 140 if lang == "en" else 122
    lines = wrap(label("not_published_note", lang=lang) + sep.join(unpublished), width)
    lines += wrap(label("not_spatial_note", lang=lang) + sep.join(plans), width)
    lines += wrap(label("map.sub", lang=lang), width)
    if schematic:
        lines += wrap(label("map.schematic_note", lang=lang), width)
    return lines


def count_classes(counts: pd.Series, *, cmap: str = "YlOrBr") -> tuple[Any, Any, dict[str, str]]:
    """One colour class per whole count 0..max: ``(colormap, norm, {index: hex colour})``.

    Zero keeps a pale tint (not white), so that it differs from "no data".

    Examples
    --------
    >>> import pandas as pd
    >>> _, norm, colors = count_classes(pd.Series({"a": 0, "b": 2}))
    >>> norm.boundaries.tolist(), colors["a"] != colors["b"]
    ([-0.5, 0.5, 1.5, 2.5], True)
    """
    import matplotlib as mpl
    import numpy as np

    vmax = max(int(counts.max()), 1)
    colormap = mpl.colormaps[cmap].resampled(vmax + 1)
    bounds = np.arange(-0.5, vmax + 1.5)
    norm = mpl.colors.BoundaryNorm(bounds, colormap.N)
    colors = {a: mpl.colors.to_hex(colormap(norm(v))) for a, v in counts.items()}
    return colormap, norm, colors


def measure_rows(actions: pd.DataFrame,
                 measures: pd.DataFrame) -> list[tuple[int, dict[str, Any] | None]]:
    """The rows of the measures figure: one per held measure, one per area without any.

    *actions* is :func:`jxplan.analysis.measure_coverage` (``action_no``,
    ``action_id``); *measures* has ``action_id`` and ``measure_no``.  Returns
    ``(action_no, measure as a dict or None)`` per row.

    Examples
    --------
    >>> from jxplan.analysis import measure_coverage
    >>> from jxplan.io import load_measures
    >>> rows = measure_rows(measure_coverage(), load_measures().reset_index())
    >>> [int(no) for no, m in rows if m is None]
    [4, 5, 6, 7]
    """
    rows: list[tuple[int, dict[str, Any] | None]] = []
    ordered = measures.sort_values("measure_no")
    for a in actions.itertuples():
        m = ordered[ordered["action_id"] == a.action_id]
        if m.empty:
            rows.append((a.action_no, None))
        for r in m.itertuples():
            rows.append((a.action_no, r._asdict()))
    return rows
