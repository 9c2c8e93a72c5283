"""Geography: county polygons, project geometries and the join between them.

All geometries are true WGS84 (EPSG:4326).  The county polygons were
converted from GCJ-02 when the shipped file was built
(``tools/build_geodata.py``); nothing here shifts coordinates.  Areas and
lengths are computed in UTM zone 51N (EPSG:32651), never in degrees.

Examples
--------
>>> import jxplan
>>> counties = jxplan.load_counties(shanghai=False)
>>> counties["adcode"].tolist()
['330402', '330411', '330421', '330424', '330481', '330482', '330483']
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jxplan._memo import remembered
from jxplan.io import check_choice, load_project_waypoints, load_projects, load_waypoints
from jxplan.meta import GEO_RESOURCES
from jxplan.problems import Problem
from jxplan.settings import resolve_data_dir
from jxplan.shapes import project_geometries

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

__all__ = ["PROJECTED_CRS", "STUDY_ADCODES", "JIAXING_ADCODES", "SHANGHAI_ADCODES",
           "STUDY_BOUNDS", "load_counties", "load_context", "attach_geometry",
           "project_counties", "geo_problems"]

#: Projected CRS for areas and lengths: UTM zone 51N (WGS84).
PROJECTED_CRS = "EPSG:32651"
#: The seven county-level units of Jiaxing.
JIAXING_ADCODES: tuple[str, ...] = ("330402", "330411", "330421", "330424", "330481", "330482",
                                    "330483")
#: The three neighbouring Shanghai districts (金山, 松江, 青浦).
SHANGHAI_ADCODES: tuple[str, ...] = ("310116", "310117", "310118")
STUDY_ADCODES: tuple[str, ...] = JIAXING_ADCODES + SHANGHAI_ADCODES
#: (min lon, min lat, max lon, max lat) that every project geometry must lie in.
STUDY_BOUNDS: tuple[float, float, float, float] = (119.8, 30.1, 121.9, 31.5)


def _read_geojson(name: str, folder: str | os.PathLike | None = None) -> gpd.GeoDataFrame:
    import geopandas as gpd

    path = resolve_data_dir(folder) / GEO_RESOURCES[name]["path"]
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; run `make data` to rebuild the geodata")
    data = path.read_bytes()

    def parse() -> gpd.GeoDataFrame:
        features = json.loads(data.decode("utf-8"))["features"]
        return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    return remembered(("geojson", data), parse).copy()


def load_counties(*, shanghai: bool = True, names: Sequence[str] | None = None,
                  land: bool = True, context: bool = False,
                  data_dir: str | os.PathLike | None = None) -> gpd.GeoDataFrame:
    """Load county-level boundaries in WGS84, with their areas.

    Parameters
    ----------
    shanghai : bool, default True
        Include the neighbouring Shanghai districts 金山, 松江 and 青浦.
    names : sequence of str, optional
        Keep only these units, given by Chinese or English name or adcode;
        an unknown name raises ValueError with the closest matches.
    land : bool, default True
        Land-only polygons (Hangzhou Bay sea removed). False returns the
        upstream polygons, which include sea for 海盐, 平湖 and 金山.
    context : bool, default False
        Also include neighbouring Hangzhou, Huzhou and Suzhou units
        (``role == "context"``).
    data_dir : path, optional
        The data folder; default :func:`jxplan.settings.data_dir`.

    Returns
    -------
    geopandas.GeoDataFrame
        ``adcode`` (string), ``name_zh``, ``name_en``, ``city``, ``city_en``,
        ``role``, ``area_km2`` (computed in EPSG:32651) and geometry in
        EPSG:4326, sorted by adcode.

    Examples
    --------
    >>> c = load_counties(names=["南湖区", "Jinshan District"])
    >>> c[["adcode", "name_en"]].values.tolist()
    [['310116', 'Jinshan District'], ['330402', 'Nanhu District']]
    >>> load_counties(names=["南胡区"])
    Traceback (most recent call last):
    ...
    ValueError: unknown county '南胡区'; did you mean '南湖区'? ...
    """
    frame = _read_geojson("counties_land" if land else "counties", data_dir)
    frame = frame.rename(columns={"city_zh": "city"})
    keep = frame["role"].eq("study") if not context else frame["role"].isin(["study", "context"])
    if not shanghai:
        keep &= ~frame["adcode"].isin(SHANGHAI_ADCODES)
    frame = frame[keep]
    if names is not None:
        lookup: dict[str, str] = {}
        for row in frame.itertuples():
            lookup.update({row.adcode: row.adcode, row.name_zh: row.adcode, row.name_en: row.adcode})
        wanted = {lookup[check_choice(n, lookup, what="county")] for n in names}
        frame = frame[frame["adcode"].isin(wanted)]
    frame = frame.assign(adcode=frame["adcode"].astype(str))
    frame["area_km2"] = frame.geometry.to_crs(PROJECTED_CRS).area / 1e6
    columns = ["adcode", "name_zh", "name_en", "city", "city_en", "role", "area_km2", "geometry"]
    return frame[columns].sort_values("adcode").reset_index(drop=True)


def load_context(*, data_dir: str | os.PathLike | None = None) -> gpd.GeoDataFrame:
    """Load map context (GSHHG land and lakes) clipped to the study box.

    Examples
    --------
    >>> ctx = load_context()
    >>> sorted(set(ctx["kind"]))  # doctest: +ELLIPSIS
    [...'lake'...]
    """
    return _read_geojson("context", data_dir)


def attach_geometry(projects: pd.DataFrame, *,
                    data_dir: str | os.PathLike | None = None) -> gpd.GeoDataFrame:
    """Give each project the geometry built from its ordered waypoints.

    A project with one waypoint becomes a point, one with several a line
    through them in order; a project without waypoints (its location is not
    published, or it is not a physical line) gets an empty geometry.  The
    waypoints are read from ``data_dir`` (default
    :func:`jxplan.settings.data_dir`); :func:`jxplan.shapes.project_geometries`
    does the same from tables you give it.

    Examples
    --------
    >>> from jxplan.io import load_projects
    >>> p = attach_geometry(load_projects(geometry=False))
    >>> bool(p.loc["rail-l4l5-docking"].geometry is None)
    True
    """
    return project_geometries(projects, waypoints=load_waypoints(geometry=False, data_dir=data_dir),
                              project_waypoints=load_project_waypoints(data_dir=data_dir))


def project_counties(*, projects: gpd.GeoDataFrame | None = None,
                     counties: gpd.GeoDataFrame | None = None,
                     data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Which counties each mapped project touches, and its length in each.

    Parameters
    ----------
    projects, counties : GeoDataFrame, optional
        Default: :func:`jxplan.load_projects` and land-only
        :func:`load_counties` (with context units, so that a line leaving
        the study area is accounted for).
    data_dir : path, optional
        Where the defaults are read from; default
        :func:`jxplan.settings.data_dir`.

    Returns
    -------
    pandas.DataFrame
        One row per (project, county): ``project_id``, ``adcode``,
        ``name_zh``, ``name_en``, ``geometry_type`` and ``length_km`` (lines;
        computed in EPSG:32651) or ``present`` (points).  Projects without a
        geometry do not appear.  A schematic line's length is the length of
        the drawing, not of the project.

    Examples
    --------
    >>> pc = project_counties()
    >>> pc.loc[pc["project_id"] == "rail-xitang", "adcode"].tolist()
    ['330421']
    """
    import pandas as pd

    if projects is None:
        projects = load_projects(data_dir=data_dir)
    if counties is None:
        counties = load_counties(context=True, data_dir=data_dir)
        counties = _with_upstream_sea(counties, data_dir=data_dir)
    mapped = projects[projects.geometry.notna() & ~projects.geometry.is_empty]
    p = mapped.to_crs(PROJECTED_CRS).reset_index()[["project_id", "geometry"]]
    c = counties.to_crs(PROJECTED_CRS)[["adcode", "name_zh", "name_en", "geometry"]]
    rows = []
    for proj in p.itertuples():
        for county in c.itertuples():
            if not proj.geometry.intersects(county.geometry):
                continue
            piece = proj.geometry.intersection(county.geometry)
            is_point = proj.geometry.geom_type == "Point"
            length = None if is_point else round(piece.length / 1000, 3)
            if length == 0:
                continue
            rows.append({"project_id": proj.project_id, "adcode": county.adcode,
                         "name_zh": county.name_zh, "name_en": county.name_en,
                         "geometry_type": proj.geometry.geom_type,
                         "length_km": length, "present": True})
    out = pd.DataFrame(rows, columns=["project_id", "adcode", "name_zh", "name_en",
                                      "geometry_type", "length_km", "present"])
    return out.astype({"adcode": "string", "length_km": "Float64"}).sort_values(
        ["project_id", "adcode"], ignore_index=True)


def _with_upstream_sea(land: gpd.GeoDataFrame, *,
                       data_dir: str | os.PathLike | None = None) -> gpd.GeoDataFrame:
    """Land polygons can miss a schematic line that crosses a bay or river;
    use the upstream polygon (which includes water) for the join."""
    upstream = load_counties(context=True, land=False, data_dir=data_dir).set_index("adcode").geometry
    out = land.copy()
    out["geometry"] = out["adcode"].map(upstream)
    return out.set_geometry("geometry")


def declared_vs_computed(*, folder: str | os.PathLike | None = None,
                         data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Compare each mapped project's declared counties with those its geometry touches.

    Parameters
    ----------
    data_dir : path, optional
        The data folder; default :func:`jxplan.settings.data_dir`.
    folder : path, optional
        The older name of ``data_dir`` (used when ``data_dir`` is not given).

    Returns
    -------
    pandas.DataFrame
        ``project_id``, ``geometry_precision``, ``declared``, ``computed``,
        ``missing`` (declared but farther from the geometry than its location
        tolerance, :data:`GRADE_TOLERANCE_KM`) and ``extra`` (touched but not
        declared), each a ``;``-joined string.

    Examples
    --------
    >>> d = declared_vs_computed()
    >>> d.set_index("project_id").loc["air-jiaxing-airport", "missing"]
    ''
    """
    import pandas as pd

    if data_dir is None:
        data_dir = folder
    projects = load_projects(data_dir=data_dir)
    mapped = projects[projects.geometry.notna() & ~projects.geometry.is_empty]
    touched = project_counties(projects=mapped, data_dir=data_dir)
    near = _counties_within_tolerance(mapped, data_dir=data_dir)
    rows = []
    for pid, row in mapped.iterrows():
        declared = set(str(row["adcodes"]).split(";")) if not pd.isna(row["adcodes"]) else set()
        got = set(touched.loc[touched["project_id"] == pid, "adcode"])
        rows.append({"project_id": pid, "geometry_precision": row["geometry_precision"],
                     "declared": ";".join(sorted(declared)), "computed": ";".join(sorted(got)),
                     "missing": ";".join(sorted(declared - near.get(pid, set()))),
                     "extra": ";".join(sorted(got - declared))})
    return pd.DataFrame(rows)


#: How far (km) a declared county may lie from a geometry built from waypoints
#: of a given grade and still count as touched (location uncertainty).
GRADE_TOLERANCE_KM: dict[str, float] = {"A": 0.5, "B": 0.5, "C": 3.0}


def _counties_within_tolerance(mapped: gpd.GeoDataFrame, *,
                               data_dir: str | os.PathLike | None = None) -> dict[str, set[str]]:
    """Counties within the location tolerance of each project's geometry."""
    counties = _with_upstream_sea(load_counties(context=True, data_dir=data_dir),
                                  data_dir=data_dir).to_crs(PROJECTED_CRS)
    out: dict[str, set[str]] = {}
    for pid, row in mapped.to_crs(PROJECTED_CRS).iterrows():
        reach = GRADE_TOLERANCE_KM.get(str(row["waypoint_grade_worst"]), 0.5) * 1000
        near = counties[counties.geometry.distance(row.geometry) <= reach]
        out[pid] = set(near["adcode"])
    return out


def geo_problems(*, data_dir: str | os.PathLike | None = None) -> list[Problem]:
    """Geometry checks used by :func:`jxplan.validate.validate`.

    Checks that every geodata file exists, is valid, is EPSG:4326 with the
    study units present; that project geometries lie within
    :data:`STUDY_BOUNDS`; that every waypoint lies in the box; and that the
    counties a project declares are the ones its geometry touches (a
    declared county not touched is an error for site and station-to-station
    geometries and a warning for schematic ones; a touched county not
    declared is a warning).
    """
    folder = Path(data_dir) if data_dir is not None else None
    problems: list[Problem] = []
    for name, resource in GEO_RESOURCES.items():
        try:
            frame = _read_geojson(name, folder)
        except FileNotFoundError as exc:
            problems.append(Problem(resource["path"], 0, "", str(exc)))
            continue
        bad = frame.index[~frame.geometry.is_valid].tolist()
        for i in bad:
            problems.append(Problem(resource["path"], 0, "geometry", f"feature {i} is not valid"))
        if "adcode" in frame:
            missing = set(STUDY_ADCODES) - set(frame["adcode"].astype(str))
            if missing:
                problems.append(Problem(resource["path"], 0, "adcode",
                                        f"study units missing: {', '.join(sorted(missing))}"))
    if problems:
        return problems
    return _project_geometry_problems(folder)


def _project_geometry_problems(folder: Path | None) -> list[Problem]:
    problems: list[Problem] = []
    projects = load_projects(data_dir=folder)
    minx, miny, maxx, maxy = STUDY_BOUNDS
    for pid, geom in projects.geometry.items():
        if geom is None or geom.is_empty:
            continue
        x0, y0, x1, y1 = geom.bounds
        if x0 < minx or y0 < miny or x1 > maxx or y1 > maxy:
            problems.append(Problem("project_waypoints.csv", 0, "waypoint_id",
                                    f"{pid}: geometry leaves the study area {STUDY_BOUNDS}"))
    for row in declared_vs_computed(data_dir=folder).itertuples():
        strict = row.geometry_precision in ("site", "station_to_station")
        if row.missing:
            problems.append(Problem(
                "projects.csv", 0, "adcodes",
                f"{row.project_id}: declares {row.missing} but its geometry does not touch it",
                "error" if strict else "warning"))
        if row.extra:
            problems.append(Problem(
                "projects.csv", 0, "adcodes",
                f"{row.project_id}: its {row.geometry_precision} geometry also touches "
                f"{row.extra}, which it does not declare", "warning"))
    return problems
