"""The data behind each figure, as tidy pandas DataFrames.

Every figure in :mod:`jxplan.plot` draws one or more of the tables built
here, so what a figure shows can be checked (and re-used) without looking at
pixels.  The rules the tables follow:

* a count is a count: where no project touches a county, ``n_projects`` is
  a real ``0``;
* what no source reports stays missing (``<NA>``), never zero: a target
  year without a linked outcome has ``value`` NA and ``status``
  ``"not_reported"``; a project without an opening date has NA dates;
* rows come out in a fixed, documented order (no randomness).

Examples
--------
>>> from jxplan import analysis
>>> counts = analysis.county_project_counts()
>>> int(counts.query("adcode == '330411' and mode == 'air'")["n_projects"].iloc[0])
1
>>> analysis.measure_coverage()["n_measures_held"].tolist()
[3, 3, 1, 0, 0, 0, 0]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from jxplan.labels import LABELS
from jxplan.meta import MODES
from jxplan.ordering import project_order
from jxplan.scorecard import data_as_of, lineage_summary, mention_grid, scorecard, scorecard_counts

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "WINDOW_END", "MILESTONE_KINDS", "TIMELINE_PLANS",
    "county_project_counts", "county_project_table", "measure_coverage",
    "plan_periods", "project_order", "project_timeline", "first_milestones",
    "map_projects", "targets_vs_outcomes", "short_ask",
    "scorecard", "scorecard_counts", "mention_grid", "lineage_summary", "data_as_of",
]

#: Last day of the 2014-2016 three-year plan's window.
WINDOW_END = "2016-12-31"
#: Event types whose distance from the window's end is measured.
MILESTONE_KINDS: tuple[str, ...] = ("approved", "construction_started", "opened", "completed")
#: Plans drawn as bands on the timeline, in drawing order.
TIMELINE_PLANS: tuple[str, ...] = ("jx-2010-guidance", "jx-2014-2016", "jx-2016",
                                   "jsjx-2018-2020", "jx-14fyp")


def _years_after_window(dates: pd.Series, window_end: str = WINDOW_END) -> pd.Series:
    """Years (365.25 days) from *window_end* to each date; NA stays NA."""
    import pandas as pd

    days = (pd.to_datetime(dates) - pd.Timestamp(window_end)).dt.days
    return (days.astype("Float64") / 365.25).round(3)


def _study_names() -> pd.DataFrame:
    """adcode, name_zh, name_en, city of the ten study units, in STUDY_ADCODES order."""
    import pandas as pd

    from jxplan.geo import STUDY_ADCODES, load_counties

    counties = load_counties(shanghai=True).set_index("adcode")
    rows = [{"adcode": a, "name_zh": counties.at[a, "name_zh"],
             "name_en": counties.at[a, "name_en"], "city_zh": counties.at[a, "city"],
             "city_en": counties.at[a, "city_en"]} for a in STUDY_ADCODES]
    return pd.DataFrame(rows).astype("string")


def _project_adcode_pairs(counties_from: str, projects: pd.DataFrame) -> pd.DataFrame:
    """(project_id, adcode) pairs under the chosen counting rule."""
    import pandas as pd

    from jxplan.io import check_choice

    check_choice(counties_from, ("declared", "geometry"), what="counties_from")
    if counties_from == "declared":
        declared = projects["adcodes"].dropna().str.split(";").explode()
        pairs = pd.DataFrame({"project_id": declared.index, "adcode": declared.to_numpy()})
    else:
        from jxplan.geo import project_counties

        pc = project_counties()
        pc = pc[pc["project_id"].isin(projects.index)]
        pairs = pc[["project_id", "adcode"]]
    return pairs.astype("string").drop_duplicates().reset_index(drop=True)


def county_project_counts(
    *,
    counties_from: Literal["declared", "geometry"] = "declared",
    include_successors: bool = True,
) -> pd.DataFrame:
    """Count the linkage projects touching each study county, by mode.

    Parameters
    ----------
    counties_from : {"declared", "geometry"}, default "declared"
        ``"declared"`` uses the counties each project lists in
        ``projects.adcodes`` (so projects whose location is not published
        but whose counties are known count too); ``"geometry"`` uses the
        counties each drawn geometry touches (:func:`jxplan.project_counties`);
        projects without a geometry are not counted then, and a schematic
        line counts wherever its drawing runs.
    include_successors : bool, default True
        Also count the later projects that carry a 2016 item on
        (``successor_of`` set; they are not named in the 2016 plan).

    Returns
    -------
    pandas.DataFrame
        One row per study county (7 Jiaxing + 3 Shanghai units, in
        :data:`jxplan.geo.STUDY_ADCODES` order) and mode (:data:`jxplan.meta.MODES`
        order): ``adcode``, ``name_zh``, ``name_en``, ``mode``, ``n_projects``
        (a real count: 0 where none) and ``project_ids`` (``;``-joined, sorted;
        empty string where none).  Counties outside the study area that a
        project declares (e.g. 奉贤 310120) are not rows.

    Examples
    --------
    >>> c = county_project_counts()
    >>> len(c)  # 10 counties x 5 modes
    50
    >>> air = c[(c["adcode"] == "330411") & (c["mode"] == "air")]
    >>> air[["n_projects", "project_ids"]].values.tolist()
    [[1, 'air-jiaxing-airport']]
    >>> int(c.loc[c["adcode"] == "310118", "n_projects"].sum())  # Qingpu: none, a real zero
    0
    """
    import pandas as pd

    from jxplan.io import load_projects

    projects = load_projects(geometry=False)
    if not include_successors:
        projects = projects[projects["successor_of"].isna()]
    pairs = _project_adcode_pairs(counties_from, projects)
    pairs["mode"] = pairs["project_id"].map(projects["mode"]).astype("string")
    names = _study_names()
    grid = names[["adcode", "name_zh", "name_en"]].merge(
        pd.DataFrame({"mode": list(MODES)}, dtype="string"), how="cross")
    grouped = (pairs.sort_values("project_id").groupby(["adcode", "mode"])["project_id"]
               .agg(list))
    ids = [grouped.get((a, m), []) for a, m in zip(grid["adcode"], grid["mode"], strict=True)]
    grid["n_projects"] = pd.array([len(i) for i in ids], dtype="Int64")
    grid["project_ids"] = pd.array([";".join(i) for i in ids], dtype="string")
    return grid


def county_project_table(
    *,
    counties_from: Literal["declared", "geometry"] = "declared",
    include_successors: bool = True,
) -> pd.DataFrame:
    """The counts of :func:`county_project_counts` as a wide county x mode table.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``adcode`` (study order), with ``name_zh``, ``name_en``,
        ``city_zh``, ``city_en``, one ``Int64`` column per mode and ``total``
        (distinct projects: each project has one mode, so the sum).

    Examples
    --------
    >>> t = county_project_table()
    >>> t.loc["310116", ["bus", "total"]].tolist()
    [3, 7]
    >>> t.loc["330411", "total"]
    np.int64(3)
    """
    counts = county_project_counts(counties_from=counties_from,
                                   include_successors=include_successors)
    wide = counts.pivot(index="adcode", columns="mode", values="n_projects")
    names = _study_names().set_index("adcode")
    wide = wide.reindex(index=names.index, columns=list(MODES))
    wide.columns.name = None
    out = names.join(wide)
    out["total"] = wide.sum(axis=1).astype("Int64")
    return out


def measure_coverage(*, plan_id: str = "jx-2016") -> pd.DataFrame:
    """What the held text says about each action area of the 2016 plan.

    Returns
    -------
    pandas.DataFrame
        One row per action area (1-7): ``action_id``, ``action_no``,
        ``numeral_zh``, ``name_zh``/``name_en`` (NA where the held text does
        not give the name), ``in_held_text``, ``n_measures_held`` (a count of
        measures in the held text: 0 for areas 4-7), ``measure_nos``,
        ``measure_titles_zh``/``_en`` (``;``-joined; empty where none),
        ``measures_complete`` (True when every held measure's text is
        complete, False when one breaks off, NA without measures) and
        ``n_projects`` (linkage projects its measures name).

    Examples
    --------
    >>> mc = measure_coverage()
    >>> mc["name_zh"].isna().tolist()
    [False, False, False, True, True, True, True]
    >>> mc.loc[mc["action_no"] == 3, ["measure_nos", "measures_complete"]].values.tolist()
    [['7', False]]
    """
    import pandas as pd

    from jxplan.io import load_actions, load_measures, load_projects

    actions = load_actions(plan_id=plan_id).reset_index().sort_values("action_no")
    measures = load_measures(plan_id=plan_id).reset_index().sort_values("measure_no")
    projects = load_projects(geometry=False)
    per_measure = projects.groupby("measure_id").size()
    rows = []
    for a in actions.itertuples(index=False):
        m = measures[measures["action_id"] == a.action_id]
        complete = pd.NA if m.empty else bool(m["text_complete"].fillna(False).all())
        rows.append({
            "action_id": a.action_id, "action_no": a.action_no, "numeral_zh": a.numeral_zh,
            "name_zh": a.name_zh, "name_en": a.name_en, "in_held_text": a.in_held_text,
            "n_measures_held": len(m),
            "measure_nos": ";".join(str(n) for n in m["measure_no"]),
            "measure_titles_zh": ";".join(m["title_zh"]),
            "measure_titles_en": ";".join(m["title_en"].fillna("")),
            "measures_complete": complete,
            "n_projects": int(sum(per_measure.get(i, 0) for i in m["measure_id"])),
        })
    out = pd.DataFrame(rows)
    return out.astype({"action_id": "string", "action_no": "Int64", "numeral_zh": "string",
                       "name_zh": "string", "name_en": "string", "in_held_text": "boolean",
                       "n_measures_held": "Int64", "measure_nos": "string",
                       "measure_titles_zh": "string", "measure_titles_en": "string",
                       "measures_complete": "boolean", "n_projects": "Int64"})


def plan_periods(*, plan_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Plan periods for the timeline's bands.

    Parameters
    ----------
    plan_ids : iterable of str, optional
        Keep these plans, in this order (default: every plan with a known
        period, by start year).  :data:`TIMELINE_PLANS` lists the figure's.

    Returns
    -------
    pandas.DataFrame
        ``plan_id``, ``label_zh``, ``label_en`` (short), ``start``, ``end``
        (years, inclusive), ``period_basis`` (``"stated"`` or ``"derived"``:
        the 2010 guidance's 2010-2012 is derived from "three-year" and its
        year of issue), ``kind``, ``relation_to_2016``.  Plans whose period
        is not known are left out.

    Examples
    --------
    >>> p = plan_periods(plan_ids=TIMELINE_PLANS)
    >>> p[["plan_id", "start", "end", "period_basis"]].values.tolist()[:2]
    [['jx-2010-guidance', 2010, 2012, 'derived'], ['jx-2014-2016', 2014, 2016, 'stated']]
    """
    import pandas as pd

    from jxplan.io import check_choice, load_plans

    plans = load_plans()
    known = plans[plans["period_start"].notna() & plans["period_end"].notna()]
    if plan_ids is None:
        order = known.sort_values(["period_start", "period_end"], kind="stable").index.tolist()
    else:
        order = [check_choice(p, known.index, what="plan_id with a known period")
                 for p in plan_ids]
    rows = []
    for pid in order:
        p = known.loc[pid]
        if f"plan.{pid}" in LABELS:  # a short name for the band, from the catalogue
            zh, en = LABELS[f"plan.{pid}"]
        else:
            zh, en = p["title_zh"], p["title_en"]
        rows.append({"plan_id": pid, "label_zh": zh, "label_en": en,
                     "start": p["period_start"], "end": p["period_end"],
                     "period_basis": p["period_basis"], "kind": p["plan_kind"],
                     "relation_to_2016": p["relation_to_2016"]})
    return pd.DataFrame(rows).astype({"plan_id": "string", "label_zh": "string",
                                      "label_en": "string", "start": "Int64", "end": "Int64",
                                      "period_basis": "string", "kind": "string",
                                      "relation_to_2016": "string"})


def short_ask(text: str | None, *, min_chars: int | None = None) -> str | None:
    """Shorten a 2016 ask to its leading clauses, marking a cut with "…".

    Clauses (split at ``;``/``,``/``；``/``，``) are kept until the text has
    at least *min_chars* characters (default: 8 for Chinese, 20 otherwise).

    Examples
    --------
    >>> short_ask("Draw up the connection scheme, fixing alignment and mode")
    'Draw up the connection scheme …'
    >>> short_ask("Press on; get the feasibility study approved soon")
    'Press on; get the feasibility study approved soon'
    >>> short_ask("加快推进，力争超额完成年度任务")
    '加快推进，力争超额完成年度任务'
    >>> short_ask("开工建设")
    '开工建设'
    """
    import pandas as pd

    if text is None or pd.isna(text):
        return None
    text = str(text).strip()
    cjk = bool(re.search(r"[\u4e00-\u9fff]", text))
    if min_chars is None:
        min_chars = 8 if cjk else 20
    parts = re.split(r"(?<=[;,；，])\s*", text)
    out = ""
    for i, part in enumerate(parts):
        out += part if (not out or cjk) else " " + part
        if len(out.rstrip(";,；，")) >= min_chars and i < len(parts) - 1:
            return out.rstrip(";,；， ") + ("…" if cjk else " …")
    return text


def _precision(date: str) -> str:
    return {4: "year", 7: "month"}.get(len(date), "day")


def project_timeline(*, window_end: str = WINDOW_END) -> pd.DataFrame:
    """Every project milestone, with its project, as a timeline table.

    Parameters
    ----------
    window_end
        The day ``years_after_window`` counts from (default the end of the
        2014-2016 window, :data:`WINDOW_END`).

    Returns
    -------
    pandas.DataFrame
        One row per milestone, sorted by project (:func:`project_order`) then
        date: ``milestone_id``, ``project_id``, ``name_zh``, ``name_en``,
        ``mode``, ``measure_id``, ``successor_of``, ``ask_2016_quote_zh``,
        ``ask_2016_en``, ``event_type``, ``event_zh``, ``event_en``, ``date``
        (as precise as the source: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``),
        ``date_precision`` (year/month/day), ``date_start`` (its first day),
        ``year`` and ``years_after_window``: years (of 365.25 days) from the
        end of the 2014-2016 window (:data:`WINDOW_END`) to ``date_start``
        for the event types in :data:`MILESTONE_KINDS` (negative = before
        the window ended), NA for other events.

    Examples
    --------
    >>> t = project_timeline()
    >>> opened = t[(t["project_id"] == "air-jiaxing-airport") & (t["event_type"] == "opened")]
    >>> opened[["date", "years_after_window"]].values.tolist()
    [['2025-12-26', 8.986]]
    """
    import pandas as pd

    from jxplan.io import load_milestones

    order = project_order().set_index("project_id")
    ms = load_milestones().reset_index()
    ms = ms[ms["project_id"].isin(order.index)]
    for col in ("name_zh", "name_en", "mode", "measure_id", "successor_of", "ask_2016_quote_zh",
                "ask_2016_en"):
        ms[col] = ms["project_id"].map(order[col]).astype("string")
    ms["date_precision"] = ms["date"].map(_precision).astype("string")
    years = _years_after_window(ms["date_start"], window_end)
    ms["years_after_window"] = years.where(ms["event_type"].isin(MILESTONE_KINDS).to_numpy(), pd.NA)
    ms["_order"] = ms["project_id"].map(order["order"])
    ms = ms.sort_values(["_order", "date_start", "milestone_id"], kind="stable")
    cols = ["milestone_id", "project_id", "name_zh", "name_en", "mode", "measure_id",
            "successor_of", "ask_2016_quote_zh", "ask_2016_en", "event_type", "event_zh", "event_en",
            "date", "date_precision", "date_start", "year", "years_after_window"]
    return ms[cols].reset_index(drop=True)


def first_milestones(*, window_end: str = WINDOW_END) -> pd.DataFrame:
    """For each project, its first approval, construction start and opening.

    Parameters
    ----------
    window_end
        The day ``<kind>_years_after_window`` counts from
        (:func:`project_timeline`).

    Returns
    -------
    pandas.DataFrame
        One row per project (all projects, :func:`project_order` order):
        ``project_id``, ``name_zh``, ``name_en``, ``mode``, ``successor_of``,
        ``ask_2016_quote_zh``, ``ask_2016_en``, ``ask_short_zh`` (a shortened quotation, in
        quotation marks), ``ask_short_en`` (jxplan's summary, shortened),
        ``n_milestones``, then for each of ``approved``,
        ``construction_started`` and ``opened`` (the first ``opened`` *or*
        ``completed`` event; ``opened_event`` says which): ``<kind>_date`` (as
        precise as the source), ``<kind>_date_start`` and
        ``<kind>_years_after_window``.  NA where no such event is recorded,
        never zero.

    Examples
    --------
    >>> f = first_milestones().set_index("project_id")
    >>> f.loc["air-jiaxing-airport", ["approved_date", "opened_date"]].tolist()
    ['2021-08', '2025-12-26']
    >>> bus = f.loc["bus-xincang-langxia"]  # no milestone found: NA, never 0
    >>> bool(bus[["approved_date", "opened_years_after_window"]].isna().all())
    True
    """
    import pandas as pd

    order = project_order()
    tl = project_timeline(window_end=window_end)
    out = order[["project_id", "name_zh", "name_en", "mode", "successor_of", "ask_2016_quote_zh",
                 "ask_2016_en"]].copy()
    out["ask_short_zh"] = (out["ask_2016_quote_zh"].map(short_ask, na_action="ignore")
                           .map(lambda q: f"“{q}”", na_action="ignore").astype("string"))
    out["ask_short_en"] = out["ask_2016_en"].map(short_ask, na_action="ignore").astype("string")
    counts = tl.groupby("project_id").size()
    out["n_milestones"] = out["project_id"].map(counts).fillna(0).astype("Int64")
    groups = {"approved": ("approved",), "construction_started": ("construction_started",),
              "opened": ("opened", "completed")}
    for kind, types in groups.items():
        sub = (tl[tl["event_type"].isin(types)]
               .sort_values(["date_start", "milestone_id"], kind="stable")
               .drop_duplicates("project_id").set_index("project_id"))
        out[f"{kind}_date"] = out["project_id"].map(sub["date"]).astype("string")
        out[f"{kind}_date_start"] = pd.to_datetime(out["project_id"].map(sub["date_start"]))
        out[f"{kind}_years_after_window"] = (out["project_id"].map(sub["years_after_window"])
                                             .astype("Float64"))
        if kind == "opened":
            out["opened_event"] = out["project_id"].map(sub["event_type"]).astype("string")
    return out.reset_index(drop=True)


def map_projects() -> pd.DataFrame:
    """Which projects the map draws, and which it lists in its note instead.

    Returns
    -------
    pandas.DataFrame
        One row per project (:func:`project_order` order): ``project_id``,
        ``name_zh``, ``name_en``, ``mode``, ``geometry_precision``,
        ``geometry_type`` (Point/LineString, NA where none), ``drawn``
        (True where a geometry exists), ``key_no`` (the number the map
        gives a drawn project, 1.., NA otherwise) and ``note`` (NA for drawn
        projects; ``"not_published"`` or ``"not_spatial"`` for the ones
        listed in the map's note box).

    Examples
    --------
    >>> mp = map_projects()
    >>> sorted(mp.loc[mp["note"] == "not_spatial", "project_id"])
    ['rail-hub-plan', 'rail-network-plan']
    >>> bool(mp.loc[mp["drawn"], "note"].isna().all())
    True
    """
    import pandas as pd

    from jxplan.io import load_projects

    order = project_order()
    geoms = load_projects()
    geometry = order["project_id"].map(geoms.geometry)
    drawn = geometry.map(lambda g: g is not None and not isinstance(g, float) and not g.is_empty)
    drawn = drawn.astype(bool)
    out = order[["project_id", "name_zh", "name_en", "mode", "geometry_precision"]].copy()
    out["geometry_type"] = pd.array([g.geom_type if d else pd.NA for g, d in
                                     zip(geometry, drawn, strict=True)], dtype="string")
    out["drawn"] = pd.array(drawn.to_numpy(), dtype="boolean")
    key = drawn.cumsum().where(drawn)
    out["key_no"] = pd.array([int(k) if k == k else pd.NA for k in key], dtype="Int64")
    note = out["geometry_precision"].where(~drawn)
    out["note"] = note.astype("string")
    return out


def targets_vs_outcomes(*, years: Iterable[int] = range(2016, 2020)) -> pd.DataFrame:
    """Each 2016 target against the outcomes reported for it, year by year.

    Parameters
    ----------
    years : iterable of int, default 2016-2019
        The years to show.

    Returns
    -------
    pandas.DataFrame
        For each target (target order) and year: the reported single-year
        outcomes linked to the target (``target_relation`` same_indicator
        or related_indicator), city-wide first, then county figures.  The
        city always has a row: where no city figure is linked, a row with
        ``status`` ``"not_reported"`` and ``value`` NA (never 0) stands for
        the gap (``outcome_id`` is the recorded ``not_found`` row if there
        is one).  County rows appear only where a figure was reported.

        Columns: ``target_id``, ``indicator_zh``, ``indicator_en``,
        ``comparator``, ``target_value``, ``unit``, ``unit_zh``,
        ``target_year``, ``year``, ``scope`` ("city" or "county"),
        ``adcode``, ``scope_zh``, ``scope_en``, ``relation``,
        ``outcome_id``, ``metric_zh``, ``metric_en``, ``value``,
        ``value_qualifier``, ``period_label``, ``status``, ``confidence``,
        ``source_url``.

    Examples
    --------
    >>> tvo = targets_vs_outcomes()
    >>> city16 = tvo[(tvo["year"] == 2016) & (tvo["scope"] == "city")]
    >>> city16["status"].unique().tolist(), bool(city16["value"].isna().all())
    (['not_reported'], True)
    >>> t1 = tvo[tvo["target_id"] == "jx-2016-t1"]
    >>> row = t1[(t1["year"] == 2017) & (t1["scope"] == "city")]
    >>> row[["value", "relation"]].values.tolist()
    [[319.0, 'related_indicator']]
    """
    import pandas as pd

    from jxplan.io import load_outcomes, load_targets

    years = [int(y) for y in years]
    targets = load_targets().reset_index()
    outcomes = load_outcomes().reset_index()
    linked = outcomes[outcomes["target_id"].notna()
                      & (outcomes["period_start"] == outcomes["period_end"])]
    rows = []
    for t in targets.itertuples(index=False):
        base = {"target_id": t.target_id, "indicator_zh": t.indicator_zh,
                "indicator_en": t.indicator_en, "comparator": t.comparator,
                "target_value": t.value, "unit": t.unit, "unit_zh": t.unit_zh,
                "target_year": t.year}
        mine = linked[linked["target_id"] == t.target_id]
        for year in years:
            in_year = mine[mine["period_end"] == year].sort_values("outcome_id")
            reported = in_year[in_year["status"] == "reported"]
            city = reported[reported["adcode"].isna()]
            county = reported[reported["adcode"].notna()]
            for o in city.itertuples(index=False):
                rows.append({**base, "year": year, "scope": "city", **_outcome_fields(o)})
            if city.empty:
                gap = in_year[(in_year["status"] == "not_found") & in_year["adcode"].isna()]
                g = next(gap.itertuples(index=False), None)
                rows.append({**base, "year": year, "scope": "city", "adcode": pd.NA,
                             "scope_zh": g.scope_zh if g else "嘉兴市",
                             "scope_en": g.scope_en if g else "Jiaxing city",
                             "relation": g.target_relation if g else pd.NA,
                             "outcome_id": g.outcome_id if g else pd.NA,
                             "metric_zh": g.metric_zh if g else pd.NA,
                             "metric_en": g.metric_en if g else pd.NA,
                             "value": pd.NA, "value_qualifier": pd.NA, "period_label": str(year),
                             "status": "not_reported",
                             "confidence": g.confidence if g else pd.NA,
                             "source_url": g.source_url if g else pd.NA})
            for o in county.sort_values(["adcode", "outcome_id"]).itertuples(index=False):
                rows.append({**base, "year": year, "scope": "county", **_outcome_fields(o)})
    out = pd.DataFrame(rows)
    strings = ["target_id", "indicator_zh", "indicator_en", "comparator", "unit", "unit_zh",
               "scope", "adcode", "scope_zh", "scope_en", "relation", "outcome_id", "metric_zh",
               "metric_en", "value_qualifier", "period_label", "status", "confidence",
               "source_url"]
    out = out.astype({**{c: "string" for c in strings}, "target_value": "Float64",
                      "target_year": "Int64", "year": "Int64", "value": "Float64"})
    return out


def _outcome_fields(o) -> dict:
    return {"adcode": o.adcode, "scope_zh": o.scope_zh, "scope_en": o.scope_en,
            "relation": o.target_relation, "outcome_id": o.outcome_id, "metric_zh": o.metric_zh,
            "metric_en": o.metric_en, "value": o.value, "value_qualifier": o.value_qualifier,
            "period_label": o.period_label, "status": "reported", "confidence": o.confidence,
            "source_url": o.source_url}
