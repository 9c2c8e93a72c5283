"""Geometry assembly: each project's shape built from its ordered waypoints.

Pure: :func:`project_geometries` is given the three tables and reads
nothing, so the loaders (:mod:`jxplan.io`) and the geography
(:mod:`jxplan.geo`) share it without importing each other.

Examples
--------
>>> import pandas as pd
>>> projects = pd.DataFrame({"mode": ["rail", "air"]},
...                         index=pd.Index(["line", "site"], name="project_id"))
>>> waypoints = pd.DataFrame({"lon": [120.7, 120.9], "lat": [30.7, 30.8], "grade": ["A", "C"]},
...                          index=pd.Index(["a", "b"], name="waypoint_id"))
>>> routes = pd.DataFrame({"project_id": ["line", "line", "site"], "seq": [1, 2, 1],
...                        "waypoint_id": ["a", "b", "a"]}).set_index(["project_id", "seq"])
>>> g = project_geometries(projects, waypoints=waypoints, project_waypoints=routes)
>>> g.geometry.geom_type.tolist(), g["waypoint_grade_worst"].tolist()
(['LineString', 'Point'], ['C', 'A'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

__all__ = ["project_geometries"]


def project_geometries(projects: pd.DataFrame, *, waypoints: pd.DataFrame,
                       project_waypoints: pd.DataFrame) -> gpd.GeoDataFrame:
    """Give each project the geometry built from its ordered waypoints.

    A project with one waypoint becomes a point, one with several a line
    through them in order; a project without waypoints (its location is not
    published, or it is not a physical line) gets an empty geometry.

    Parameters
    ----------
    projects : pandas.DataFrame
        Indexed by ``project_id`` (as :func:`jxplan.load_projects` with
        ``geometry=False`` returns it).
    waypoints : pandas.DataFrame
        Indexed by ``waypoint_id`` with ``lon``, ``lat`` (WGS84) and ``grade``.
    project_waypoints : pandas.DataFrame
        Indexed by ``(project_id, seq)`` with ``waypoint_id``.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``projects`` in EPSG:4326 with a geometry column and
        ``waypoint_grade_worst`` (the worst location grade among the
        waypoints a geometry is built from; missing without geometry).
    """
    import geopandas as gpd
    from shapely.geometry import LineString, Point

    routes = project_waypoints.reset_index().sort_values(["project_id", "seq"])
    shapes = {}
    for pid, group in routes.groupby("project_id"):
        coords = [(float(waypoints.at[w, "lon"]), float(waypoints.at[w, "lat"]))
                  for w in group["waypoint_id"]]
        shapes[pid] = Point(coords[0]) if len(coords) == 1 else LineString(coords)
    geometry = [shapes.get(pid) for pid in projects.index]
    grades = routes.assign(grade=routes["waypoint_id"].map(waypoints["grade"]))
    worst = grades.groupby("project_id")["grade"].max()
    out = gpd.GeoDataFrame(projects.copy(), geometry=geometry, crs="EPSG:4326")
    out["waypoint_grade_worst"] = out.index.map(worst).astype("string")
    return out
