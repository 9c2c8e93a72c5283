"""County polygons, waypoints, project geometries and the spatial join."""

from __future__ import annotations

import csv
import json

import geopandas as gpd
import pytest
from shapely.geometry import Point

import jxplan
from jxplan.geo import JIAXING_ADCODES, PROJECTED_CRS, STUDY_ADCODES
from jxplan.validate import validate


@pytest.fixture(scope="module")
def counties():
    return jxplan.load_counties()


def test_counties_are_the_ten_study_units_in_wgs84(counties):
    assert counties["adcode"].tolist() == sorted(STUDY_ADCODES)
    assert counties.crs.to_epsg() == 4326
    assert counties["adcode"].map(type).eq(str).all()
    assert counties.geometry.is_valid.all()
    assert set(counties["city"]) == {"嘉兴市", "上海市"}
    assert not jxplan.load_counties(shanghai=False)["adcode"].str.startswith("31").any()


@pytest.mark.parametrize("name, lon, lat, adcode", [
    ("嘉兴站", 120.7589, 30.7665, "330402"),
    ("金山北站", 121.0849, 30.8964, "310116"),
    ("嘉善南站", 120.9315, 30.7905, "330421"),
    ("桐乡站", 120.5632, 30.5394, "330483"),
    ("松江南站", 121.2267, 30.9872, "310117"),
])
def test_well_known_points_fall_in_the_right_county(counties, name, lon, lat, adcode):
    hit = counties[counties.contains(Point(lon, lat))]["adcode"].tolist()
    assert hit == [adcode], name


def test_coordinates_are_wgs84_not_gcj02(counties):
    """GCJ-02 data sits ~480 m east-south-east of the truth; a station 300-600 m
    inside a border would flip county. 嘉兴站 must be inside 南湖 by more than
    the GCJ offset would shift it, measured in metres."""
    nanhu = counties.set_index("adcode").to_crs(PROJECTED_CRS).geometry["330402"]
    station = gpd.GeoSeries([Point(120.7589, 30.7665)], crs=4326).to_crs(PROJECTED_CRS).iloc[0]
    assert nanhu.contains(station)
    provenance = json.loads((jxplan.data_dir() / "geodata_provenance.json").read_text("utf-8"))
    assert "GCJ-02" in json.dumps(provenance, ensure_ascii=False)


def test_land_areas_match_official_figures():
    """Computed in UTM 51N; 海宁 is ~5% low because GSHHG's Qiantang bank
    predates land reclamation (see data/README.md)."""
    areas = jxplan.load_counties(shanghai=False).set_index("adcode")["area_km2"]
    official = jxplan.io.load_county_stats()["area_km2"].astype(float)
    ratio = (areas / official).loc[list(JIAXING_ADCODES)]
    assert ((ratio - 1).abs() < 0.06).all(), ratio.round(3).to_dict()
    assert ((ratio.drop("330481") - 1).abs() < 0.02).all()


def test_land_polygons_drop_hangzhou_bay_sea():
    land = jxplan.load_counties(land=True).set_index("adcode")["area_km2"]
    upstream = jxplan.load_counties(land=False).set_index("adcode")["area_km2"]
    assert upstream["330424"] - land["330424"] > 300  # 海盐: the upstream polygon includes sea
    assert abs(upstream["330402"] - land["330402"]) < 1  # 南湖 is inland


def test_unknown_county_name_suggests_the_closest():
    with pytest.raises(ValueError, match="南湖区"):
        jxplan.load_counties(names=["南胡区"])


def test_waypoints_are_points_with_grades():
    w = jxplan.load_waypoints()
    assert w.crs.to_epsg() == 4326 and (w.geom_type == "Point").all()
    assert set(w["grade"]) <= {"A", "B", "C"}


def test_project_geometries_follow_precision():
    p = jxplan.load_projects()
    assert p.crs.to_epsg() == 4326
    empty = p.geometry.isna() | p.geometry.is_empty
    unmapped = set(p.index[p["geometry_precision"].isin(["not_published", "not_spatial"])])
    assert set(p.index[empty]) == unmapped
    assert p.loc["air-jiaxing-airport"].geometry.geom_type == "Point"
    assert p.loc["rail-jinping"].geometry.geom_type == "LineString"


def test_project_counties_lengths_in_km():
    pc = jxplan.project_counties()
    assert pc["adcode"].map(type).eq(str).all()
    xitang = pc[pc["project_id"] == "rail-xitang"]
    assert xitang["adcode"].tolist() == ["330421"]
    # the drawing's length in degrees would be ~0.2; in km it is ~17
    assert 10 < float(xitang["length_km"].iloc[0]) < 25
    airport = pc[pc["project_id"] == "air-jiaxing-airport"]
    assert airport["length_km"].isna().all() and airport["present"].all()
    assert not pc["project_id"].isin(["rail-l4l5-docking", "wat-dingzhu"]).any()


def _set_waypoint(folder, waypoint_id, lon, lat):
    path = folder / "waypoints.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["waypoint_id"] == waypoint_id:
            row["lon"], row["lat"] = str(lon), str(lat)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_validator_catches_a_site_in_the_wrong_county(data_copy):
    _set_waypoint(data_copy, "jiaxing-airport", 121.20, 30.95)  # moved into 松江
    errors = [str(p) for p in validate(data_dir=data_copy).errors]
    assert any("air-jiaxing-airport: declares 330411" in e for e in errors), errors


def test_validator_catches_geometry_outside_the_study_area(data_copy):
    _set_waypoint(data_copy, "jinshanwei-town", 122.3, 30.8)  # out at sea, east of the box
    errors = [str(p) for p in validate(data_dir=data_copy).errors]
    assert any("rail-jinping: geometry leaves the study area" in e for e in errors), errors


class _GuardedEnviron(dict):
    """os.environ stand-in that fails the test when code under test changes it
    (pytest's own PYTEST_* bookkeeping excepted)."""

    def __setitem__(self, key, value):
        if not key.startswith("PYTEST_"):
            raise AssertionError(f"os.environ[{key!r}] was set")
        super().__setitem__(key, value)

    def __delitem__(self, key):
        if not key.startswith("PYTEST_"):
            raise AssertionError(f"os.environ[{key!r}] was deleted")
        super().__delitem__(key)

    def pop(self, key, *default):
        if not key.startswith("PYTEST_"):
            raise AssertionError(f"os.environ.pop({key!r}) was called")
        return super().pop(key, *default)


def test_geo_checks_of_a_given_folder_leave_the_environment_alone(data_folder, monkeypatch):
    import os

    _set_waypoint(data_folder, "jiaxing-airport", 121.20, 30.95)  # moved into 松江
    monkeypatch.setattr(os, "environ", _GuardedEnviron(os.environ))
    errors = [str(p) for p in validate(data_dir=data_folder).errors]
    assert any("air-jiaxing-airport: declares 330411" in e for e in errors), errors
    moved = jxplan.load_projects(mode="air", data_dir=data_folder).geometry.iloc[0]
    assert (round(moved.x, 2), round(moved.y, 2)) == (121.20, 30.95)
    assert jxplan.load_projects(mode="air").geometry.iloc[0].x != moved.x
