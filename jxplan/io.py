"""Loaders: the shipped tables as typed pandas objects.

Each loader reads one CSV from the data folder (its ``data_dir=`` keyword;
by default :func:`jxplan.settings.data_dir`, which honours
``$JXPLAN_DATA_DIR``), checks it against its schema in :mod:`jxplan.meta`
(with the checks of :mod:`jxplan.schema`),
and returns a DataFrame indexed by its primary key with proper dtypes:
strings as ``string``, whole numbers as nullable ``Int64``, flags as
``boolean``, dates as ``datetime64``.  An empty cell stays missing (``<NA>``),
never zero.

Examples
--------
>>> import jxplan
>>> measures = jxplan.load_measures(plan_id="jx-2016")
>>> measures.loc["jx-2016-m04", "title_zh"]
'推进轨道铁路网建设'
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from jxplan._memo import remembered
from jxplan.meta import FIELDS, MODES, TABLES, Table
from jxplan.problems import DataValidationError
from jxplan.schema import check_county_codes, check_references, check_table, known_adcodes, read_raw
from jxplan.settings import resolve_data_dir

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["read_table", "load_plans", "load_actions", "load_measures", "load_goals",
           "load_targets", "load_outcomes", "load_projects", "load_milestones",
           "load_waypoints", "load_project_waypoints", "load_county_stats", "load_asks",
           "load_ask_verdicts", "load_mentions", "check_choice"]

_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def check_choice(value: str, valid: Iterable[str], *, what: str) -> str:
    """Return ``value`` if valid, else raise a ValueError naming close matches.

    Examples
    --------
    >>> check_choice("jx-2061", ["jx-2016", "jx-2014-2016"], what="plan_id")
    Traceback (most recent call last):
    ...
    ValueError: unknown plan_id 'jx-2061'; did you mean 'jx-2016'...? Valid: jx-2014-2016, jx-2016
    """
    choices = sorted(set(valid))
    if value in choices:
        return value
    close = difflib.get_close_matches(str(value), choices, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    listed = ", ".join(choices) if len(choices) <= 30 else ", ".join(choices[:30]) + ", ..."
    raise ValueError(f"unknown {what} {value!r}{hint} Valid: {listed}")


def read_table(name: str, *, path: str | os.PathLike | None = None,
               data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read, check and type one table.

    Parameters
    ----------
    name : str
        A table name from :data:`jxplan.meta.TABLES`.
    path : path, optional
        Read this file instead of the shipped one (same schema and checks).
        Tables beside it with the schema's names are used for its references.
    data_dir : path, optional
        The data folder to read (and to check references and county codes
        against); default :func:`jxplan.settings.data_dir`.

    Returns
    -------
    pandas.DataFrame
        Indexed by the primary key (a single key becomes the index name).

    Raises
    ------
    DataValidationError
        When the file breaks its schema; the message names file, line and column.

    Examples
    --------
    >>> read_table("plans").index.name
    'plan_id'
    """
    table = TABLES[check_choice(name, TABLES, what="table")]
    folder = resolve_data_dir(data_dir)
    file = Path(path) if path is not None else folder / table.path
    if not file.is_file():
        raise FileNotFoundError(f"{file} does not exist")
    header, rows = read_raw(file)
    label = str(file.name if path is None else file)
    # a row with too many or too few fields (csv's None key or value) is checked afresh
    values = (None if any(None in row or None in row.values() for row in rows)
              else tuple(tuple(row[col] for col in header) for row in rows))
    if values is None:
        problems = check_table(table, header, rows, file=label)
    else:  # the schema's verdict on these rows depends on nothing else
        problems = list(remembered(("checked", table.name, label, tuple(header), values),
                                   lambda: check_table(table, header, rows, file=label)))
    if not problems:
        problems = _reference_problems(table.name, file, header, rows, folder=folder,
                                       user_file=path is not None)
    if not problems and {"adcode", "adcodes"} & set(table.fields):
        known = known_adcodes(folder)
        if known is not None:
            problems = check_county_codes(table, rows, known=known, file=label)
    if problems:
        raise DataValidationError(problems)
    if values is None:
        return _typed_frame(table, header, rows)
    # the frame is made of the header's columns only: they are its key, with the header
    key = ("table", table.name, tuple(header), values)
    return remembered(key, lambda: _typed_frame(table, header, rows)).copy()


def _typed_frame(table: Table, header: list[str], rows: list[dict[str, str]]) -> pd.DataFrame:
    """The typed table of checked ``rows``: the schema's columns and types, its key as index."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=header, dtype="string")
    for col in table.fields:
        if col not in frame:
            frame[col] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame = frame[list(table.fields)]
    frame = frame.replace({"": pd.NA})
    for col in table.fields:
        frame[col] = _convert(frame[col], FIELDS[col].type)
    return frame.set_index(list(table.primary_key))


def _convert(series: pd.Series, type_: str) -> pd.Series:
    import pandas as pd

    if type_ == "boolean":
        return series.map({"true": True, "false": False, "True": True, "False": False,
                           "1": True, "0": False}, na_action="ignore").astype("boolean")
    if type_ == "date":
        return pd.to_datetime(series, format="%Y-%m-%d")
    if type_ in ("integer", "number"):
        return pd.to_numeric(series).astype(_DTYPES[type_])
    return series.astype("string")


def _reference_problems(name: str, file: Path, header: list[str], rows: list[dict[str, str]], *,
                        folder: Path, user_file: bool) -> list:
    """Foreign keys of one table: against the shipped tables and, for a user's
    file, against tables of the same names beside it."""
    tables = {name: (header, rows)}
    files = {name: file.name}
    for fk in TABLES[name].foreign_keys:
        if fk.table == name:
            continue
        sibling = file.parent / TABLES[fk.table].path
        if user_file and fk.table == "plans" and not sibling.is_file():
            continue  # a user's new plan need not be registered in the shipped plans
        source = sibling if sibling.is_file() else folder / TABLES[fk.table].path
        tables[fk.table] = read_raw(source)
        files[fk.table] = source.name
    return check_references(tables, files=files)


def _filter(frame: pd.DataFrame, column: str, value: str | None, *, what: str) -> pd.DataFrame:
    if value is None:
        return frame
    values = frame.index.get_level_values(column) if column in frame.index.names else frame[column]
    check_choice(value, values.dropna().unique(), what=what)
    return frame[(values == value)]


def load_plans(*, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load the registry of Jiaxing's Shanghai-linkage plans.

    Returns
    -------
    pandas.DataFrame
        One row per plan, indexed by ``plan_id``; ``text_held`` says how much
        of each plan's text the sources hold (full / partial / title_only).

    Examples
    --------
    >>> plans = load_plans()
    >>> plans.loc["jx-2014-2016", "text_held"]
    'title_only'
    """
    return read_table("plans", data_dir=data_dir)


def load_actions(*, plan_id: str | None = "jx-2016",
                 data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load a plan's action areas (对接行动).

    Parameters
    ----------
    plan_id : str or None, default "jx-2016"
        The plan; None for every plan.

    Examples
    --------
    >>> actions = load_actions(plan_id="jx-2016")
    >>> len(actions), int(actions["name_zh"].notna().sum())
    (7, 3)
    """
    return _filter(read_table("actions", data_dir=data_dir), "plan_id", plan_id, what="plan_id")


def load_measures(*, plan_id: str | None = "jx-2016",
                  path: str | os.PathLike | None = None,
                  data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load a plan's numbered measures, with the projects each one names.

    Parameters
    ----------
    plan_id : str or None, default "jx-2016"
        The plan; None for every plan in the file.
    path : path, optional
        A measures file of your own in the same layout (see
        ``data/templates/``); it gets the same checks as the shipped data.
    data_dir : path, optional
        The data folder; default :func:`jxplan.settings.data_dir`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``measure_id``; ``project_ids`` (derived from the projects
        table) lists the linkage projects each measure names.

    Examples
    --------
    >>> m = load_measures()
    >>> bool(m.loc["jx-2016-m07", "text_complete"])
    False
    >>> m.loc["jx-2016-m05", "project_ids"]  # doctest: +ELLIPSIS
    'road-wanbei-phase2;road-g320-reroute;...'
    """
    frame = read_table("measures", path=path, data_dir=data_dir)
    if path is not None and plan_id == "jx-2016" and "jx-2016" not in set(frame["plan_id"]):
        plan_id = None  # a user's file holds its own plan
    frame = _filter(frame, "plan_id", plan_id, what="plan_id")
    projects = read_table("projects", data_dir=data_dir)
    linked = (projects.reset_index().dropna(subset=["measure_id"])
              .groupby("measure_id")["project_id"].agg(";".join))
    frame["project_ids"] = frame.index.map(linked).astype("string")
    return frame


def load_goals(*, plan_id: str | None = "jx-2016",
               data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load the goals (新突破) of the 2016 plan.

    Examples
    --------
    >>> load_goals()["name_en"].iloc[0]
    'Breakthrough in infrastructure connectivity'
    """
    return _filter(read_table("goals", data_dir=data_dir), "plan_id", plan_id, what="plan_id")


def load_targets(*, plan_id: str | None = "jx-2016",
                 data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load the quantitative targets found in a plan's text.

    Examples
    --------
    >>> t = load_targets()
    >>> t[["value", "unit", "comparator"]].values.tolist()
    [[100.0, 'persons', '>='], [200.0, 'items', '>='], [40.0, 'cny_100m', '>=']]
    """
    return _filter(read_table("targets", data_dir=data_dir), "plan_id", plan_id, what="plan_id")


def load_outcomes(*, status: str | None = None,
                  data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load reported outcome figures by year.

    Parameters
    ----------
    status : {"reported", "not_found"} or None
        Keep only rows with a reported figure, or only the recorded gaps.

    Examples
    --------
    >>> o = load_outcomes(status="not_found")
    >>> bool(o["value"].isna().all())
    True
    """
    frame = read_table("outcomes", data_dir=data_dir)
    if status is not None:
        check_choice(status, FIELDS["status"].enum or (), what="status")
        frame = frame[frame["status"] == status]
    return frame


def load_projects(*, mode: str | None = None, geometry: bool = True,
                  data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load the Shanghai-linkage projects.

    Parameters
    ----------
    mode : {"rail", "road", "bus", "air", "waterway"}, optional
        Keep one mode only.
    geometry : bool, default True
        Return a GeoDataFrame (EPSG:4326) whose geometry is built from each
        project's ordered waypoints; empty where the location is not
        published.  False returns the attribute table only (no geopandas).
    data_dir : path, optional
        The data folder (projects, waypoints and their order are all read
        from it); default :func:`jxplan.settings.data_dir`.

    Examples
    --------
    >>> p = load_projects(mode="air")
    >>> p.crs.to_epsg(), p.geometry.iloc[0].geom_type
    (4326, 'Point')
    >>> load_projects(mode="train")
    Traceback (most recent call last):
    ...
    ValueError: unknown mode 'train'; did you mean 'rail'...? Valid: air, bus, rail, road, waterway
    """
    if mode is not None:
        check_choice(mode, MODES, what="mode")
    frame = read_table("projects", data_dir=data_dir)
    if mode is not None:
        frame = frame[frame["mode"] == mode]
    if not geometry:
        return frame
    from jxplan.shapes import project_geometries

    return project_geometries(frame, waypoints=load_waypoints(geometry=False, data_dir=data_dir),
                              project_waypoints=load_project_waypoints(data_dir=data_dir))


def load_milestones(*, project_id: str | None = None,
                    data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load dated project milestones, oldest first.

    ``date`` keeps the precision the source gives (``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``); ``date_start`` is its first day and ``year`` its year.

    Examples
    --------
    >>> m = load_milestones(project_id="air-jiaxing-airport")
    >>> m.loc[m["event_type"] == "opened", "date"].tolist()
    ['2025-12-26']
    """
    import pandas as pd

    frame = read_table("milestones", data_dir=data_dir)
    frame = _filter(frame, "project_id", project_id, what="project_id")
    frame["date_start"] = pd.to_datetime(frame["date"].map(_first_day), format="%Y-%m-%d")
    frame["year"] = frame["date_start"].dt.year.astype("Int64")
    return frame.sort_values(["date_start", "project_id"], kind="stable")


def _first_day(date: str) -> str:
    """``2019`` -> ``2019-01-01``; ``2019-12`` -> ``2019-12-01``; full dates unchanged."""
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


def load_waypoints(*, geometry: bool = True,
                   data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load located places (stations, towns, junctions, the airport site).

    Examples
    --------
    >>> w = load_waypoints()
    >>> w.crs.to_epsg(), w.loc["jiaxing-station", "grade"]
    (4326, 'A')
    """
    frame = read_table("waypoints", data_dir=data_dir)
    if not geometry:
        return frame
    import geopandas as gpd

    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                            crs="EPSG:4326")


def load_project_waypoints(*, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load the ordered waypoints of every mapped project.

    Examples
    --------
    >>> load_project_waypoints().index.names
    FrozenList(['project_id', 'seq'])
    """
    return read_table("project_waypoints", data_dir=data_dir)


def load_county_stats(*, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load official county areas (to check computed polygon areas).

    Examples
    --------
    >>> float(load_county_stats().loc["330424", "area_km2"])
    534.73
    """
    return read_table("county_stats", data_dir=data_dir)


def load_asks(*, plan_id: str | None = "jx-2016", measure_id: str | None = None) -> pd.DataFrame:
    """Load the asks of a plan: one verb and one deliverable each.

    ``quote_zh`` is a short quotation of the plan (with its locator in
    ``source_section`` and ``source_page``); ``summary_en`` is jxplan's own
    wording.  Each ask belongs to a measure (``measure_id``) or to a goal of
    the goals section (``goal_id``); ``group_id`` is whichever is set.

    Parameters
    ----------
    plan_id : str or None, default "jx-2016"
        The plan; None for every plan.
    measure_id : str, optional
        Keep the asks of one measure (or of one goal: a ``goal_id`` works too).

    Examples
    --------
    >>> asks = load_asks(measure_id="jx-2016-m04")
    >>> asks.loc["jx-2016-m04-k5", ["deliverable_kind", "project_id"]].tolist()
    ['approval', 'rail-huzhahang']
    >>> str(asks["deadline"].max().date())
    '2016-12-31'
    """
    frame = _filter(read_table("asks"), "plan_id", plan_id, what="plan_id")
    frame["group_id"] = frame["measure_id"].fillna(frame["goal_id"]).astype("string")
    if measure_id is not None:
        check_choice(measure_id, frame["group_id"].dropna().unique(), what="measure_id or goal_id")
        frame = frame[frame["group_id"] == measure_id]
    return frame


def load_ask_verdicts() -> pd.DataFrame:
    """Load jxplan's hand-coded verdicts on asks (its judgement, with reason and evidence).

    Examples
    --------
    >>> v = load_ask_verdicts()
    >>> v.loc["jx-2016-m04-k5", ["verdict_at_deadline", "verdict_as_of"]].tolist()
    ['not_done', 'superseded']
    """
    return read_table("ask_verdicts")


def load_mentions(*, plan_id: str | None = None,
                  project_id: str | None = None) -> pd.DataFrame:
    """Load which plan names which linkage project, and how.

    A plan-project pair without a row is unknown (the plan's text was not
    read for it), never "not named".  The 2016 plan's own mentions are its
    asks (:func:`load_asks`); :func:`jxplan.analysis.mention_grid` puts both
    together with the unknown pairs.

    Examples
    --------
    >>> m = load_mentions(project_id="rail-huzhahang")
    >>> m["plan_id"].tolist()
    ['jx-2017-master-plan', 'jsjx-2018-2020', 'jx-2020-hub']
    >>> m["mention_kind"].tolist()
    ['reserve_corridor', 'coordinate', 'build']
    """
    frame = read_table("mentions")
    frame = _filter(frame, "plan_id", plan_id, what="plan_id")
    return _filter(frame, "project_id", project_id, what="project_id")
