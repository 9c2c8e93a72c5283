"""Exports (jxplan.exports): every format round-trips, and nothing is half-written."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

import jxplan
from jxplan import exports
from jxplan.exports import SPATIAL_TABLES, export, export_tables
from jxplan.meta import FIELDS, GEO_RESOURCES, SOURCES, TABLES
from jxplan.validate import DataValidationError, read_raw, validate

EXPECTED_LAYERS = [*TABLES, *GEO_RESOURCES, "sources", "fields"]
TOLERANCE = 1e-9  # degrees: far below the 1e-6 grid of the shipped coordinates


@pytest.fixture(scope="module")
def expected() -> dict[str, pd.DataFrame]:
    return export_tables()


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, tuple[Path, list[Path]]]:
    """One export per single-file format for the read-only tests of this module:
    ``{format: (the out= given, what export() returned)}``.  Do not modify."""
    folder = tmp_path_factory.mktemp("exported")
    out = {}
    for fmt in ("gpkg", "xlsx"):
        target = folder / f"jxplan.{fmt}"
        out[fmt] = (target, export(format=fmt, out=target))
    return out


def _typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Bring a read-back frame to the dtypes the loaders give (meta types)."""
    out = pd.DataFrame(index=range(len(frame)))
    for col in frame.columns:
        if col == "geometry":
            continue
        kind = FIELDS[col].type if (name in TABLES and col in FIELDS) else "string"
        values = frame[col].reset_index(drop=True)
        if kind == "integer":
            out[col] = pd.to_numeric(values).astype("Float64").astype("Int64")
        elif kind == "number":
            out[col] = pd.to_numeric(values).astype("Float64")
        elif kind == "boolean":
            out[col] = values.map({True: True, False: False, "true": True,
                                   "false": False, "True": True, "False": False},
                                  na_action="ignore").astype("boolean")
        elif kind == "date":
            out[col] = pd.to_datetime(values).astype("datetime64[us]")
        else:
            out[col] = values.map(lambda v: v if v is None or isinstance(v, str) or pd.isna(v)
                                  else str(v)).astype("string").replace({"": pd.NA})
    return out


def _assert_same_values(got: pd.DataFrame, want: pd.DataFrame, name: str) -> None:
    want_attrs = _typed(want.drop(columns="geometry", errors="ignore"), name)
    got_attrs = _typed(got[[c for c in want.columns if c != "geometry"]], name)
    assert list(got_attrs.columns) == list(want_attrs.columns), name
    pd.testing.assert_frame_equal(got_attrs, want_attrs, check_dtype=True, obj=name)


def _assert_same_geometries(got, want, name: str) -> None:
    got, want = list(got), list(want)
    assert len(got) == len(want), name
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        if w is None or w.is_empty:
            assert g is None or g.is_empty, (name, i)
        else:
            assert shapely.equals_exact(shapely.normalize(g), shapely.normalize(w),
                                        tolerance=TOLERANCE), (name, i)


# --------------------------------------------------------------------------- round trips


def test_gpkg_round_trip(exported, expected):
    out, written = exported["gpkg"]
    assert written == [out]
    layers = dict(pyogrio.list_layers(out))
    assert sorted(layers) == sorted(EXPECTED_LAYERS)
    for name in SPATIAL_TABLES:
        assert layers[name] is not None, name  # spatial layer
    for name in [*TABLES, "sources", "fields"]:
        if name not in SPATIAL_TABLES:
            assert layers[name] is None, name  # attribute (non-spatial) layer
    for name, want in expected.items():
        got = gpd.read_file(out, layer=name, engine="pyogrio")
        assert len(got) == len(want), name
        _assert_same_values(got, want, name)
        if name in SPATIAL_TABLES:
            assert got.crs.to_epsg() == 4326, name
            _assert_same_geometries(got.geometry, want.geometry, name)
    counties = gpd.read_file(out, layer="counties", engine="pyogrio")
    assert counties["adcode"].map(type).eq(str).all()
    assert "330402" in set(counties["adcode"])
    projects = gpd.read_file(out, layer="projects", engine="pyogrio").set_index("project_id")
    assert projects.loc["rail-l4l5-docking"].geometry is None  # not published: no geometry
    assert projects.loc["air-jiaxing-airport"].geometry.geom_type == "Point"
    sources = pyogrio.read_dataframe(out, layer="sources")
    assert sources["source_id"].tolist() == list(SOURCES)
    fields = pyogrio.read_dataframe(out, layer="fields")
    assert {(t.name, f) for t in TABLES.values() for f in t.fields} <= set(
        zip(fields["table"], fields["field"], strict=True))


def test_gpkg_layers_are_described(exported):
    out, _ = exported["gpkg"]
    with sqlite3.connect(f"file:{out}?mode=ro", uri=True) as con:
        rows = dict(con.execute("SELECT table_name, description FROM gpkg_contents"))
    assert rows["measures"] == TABLES["measures"].description
    assert rows["counties_land"].startswith("The same units")


def test_xlsx_round_trip(exported, expected):
    out, written = exported["xlsx"]
    assert written == [out]
    sheets = pd.read_excel(out, sheet_name=None, engine="openpyxl", dtype=str)
    assert list(sheets) == EXPECTED_LAYERS
    for name, want in expected.items():
        got = sheets[name]
        assert len(got) == len(want), name
        _assert_same_values(got, want, name)
        if name in SPATIAL_TABLES:
            parts = sorted((c for c in got.columns if c.startswith("geometry_wkt")),
                           key=lambda c: int(c.rsplit("_", 1)[1]) if c[-1].isdigit() else 1)
            wkt = got[parts].fillna("").astype(str).agg("".join, axis=1)
            geoms = [shapely.from_wkt(w) if w else None for w in wkt]
            _assert_same_geometries(geoms, want.geometry, name)
            assert got[parts].map(lambda v: len(v) if isinstance(v, str) else 0).max().max() \
                <= exports.EXCEL_CELL_LIMIT
    assert sheets["sources"]["source_id"].tolist() == list(SOURCES)
    assert set(sheets["fields"]["table"]) == set(expected)


def test_xlsx_keeps_codes_and_dates_as_what_they_are(exported):
    from openpyxl import load_workbook

    out, _ = exported["xlsx"]
    book = load_workbook(out)
    stats = book["county_stats"]
    header = [c.value for c in stats[1]]
    cell = stats.cell(row=2, column=header.index("adcode") + 1)
    assert cell.data_type == "s" and cell.value == "330402"  # text, leading digits kept
    plans = book["plans"]
    header = [c.value for c in plans[1]]
    issued = [r[header.index("issue_date")] for r in plans.iter_rows(min_row=2)]
    assert any(c.is_date and c.number_format == "yyyy-mm-dd" for c in issued)
    assert book.properties.creator == "jxplan"


def test_xlsx_text_starting_with_equals_is_not_a_formula(tmp_path, data_copy):
    path = data_copy / "targets.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    rows[0]["comparator"] = "="
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "x.xlsx"
    export(format="xlsx", out=out)
    targets = pd.read_excel(out, sheet_name="targets", dtype=str)
    assert targets["comparator"].iloc[0] == "="


def test_xlsx_export_is_byte_identical_when_repeated(tmp_path, exported):
    one, two = exported["xlsx"][0], tmp_path / "two.xlsx"
    export(format="xlsx", out=two)
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"1980-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_csv_export_is_a_valid_data_package(tmp_path):
    out = tmp_path / "csv"
    written = export(format="csv", out=out)
    names = sorted(p.name for p in written)
    assert names == sorted(p.name for p in out.iterdir())
    assert {t.path for t in TABLES.values()} <= set(names)
    assert {g["path"] for g in GEO_RESOURCES.values()} <= set(names)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor == jxplan.meta.datapackage()
    # same rows and values as the shipped files, read as text
    for table in TABLES.values():
        got = pd.read_csv(out / table.path, dtype=str, keep_default_na=False)
        _header, rows = read_raw(jxplan.data_dir() / table.path)
        want = pd.DataFrame([[r.get(f, "") for f in table.fields] for r in rows],
                            columns=list(table.fields))
        pd.testing.assert_frame_equal(got, want, obj=table.name)
        assert got.columns.tolist() == list(table.fields)
        pd.testing.assert_frame_equal(jxplan.io.read_table(table.name, path=out / table.path),
                                      jxplan.io.read_table(table.name), obj=table.name)
    stats = pd.read_csv(out / "county_stats.csv", dtype=str)
    assert stats["adcode"].iloc[0] == "330402"
    # the exported folder passes jxplan's own validator, geometry included
    report = validate(data_dir=out)
    assert report.ok, str(report)
    frictionless = pytest.importorskip("frictionless")
    result = frictionless.validate(str(out / "datapackage.json"))
    errors = [e.message for task in result.tasks for e in task.errors][:5]
    assert result.valid, errors


def test_geojson_round_trip(tmp_path, expected):
    out = tmp_path / "geojson"
    written = export(format="geojson", out=out)
    assert [p.name for p in written] == [f"{n}.geojson" for n in SPATIAL_TABLES]
    for name in SPATIAL_TABLES:
        path = out / f"{name}.geojson"
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert raw["type"] == "FeatureCollection" and "crs" not in raw
        got = gpd.read_file(path, engine="pyogrio")
        want = expected[name]
        assert len(got) == len(want) == len(raw["features"]), name
        _assert_same_values(got, want, name)
        _assert_same_geometries(got.geometry, want.geometry, name)
        if "adcode" in want:
            assert all(isinstance(f["properties"]["adcode"], str) for f in raw["features"])
    projects = json.loads((out / "projects.geojson").read_text(encoding="utf-8"))
    unpublished = [f for f in projects["features"]
                   if f["properties"]["geometry_precision"] == "not_published"]
    assert unpublished and all(f["geometry"] is None for f in unpublished)


def test_export_writes_missing_parent_folders(tmp_path):
    out = tmp_path / "a" / "b" / "jxplan.gpkg"
    export(format="gpkg", out=out)
    assert out.is_file()


# --------------------------------------------------------------------------- format errors


def test_unknown_format_lists_the_valid_ones(tmp_path):
    with pytest.raises(ValueError, match=r"unknown format 'gpgk'; did you mean 'gpkg'\? "
                                         r"Valid: csv, geojson, gpkg, xlsx"):
        export(format="gpgk", out=tmp_path / "x")
    with pytest.raises(ValueError, match="Valid: csv, geojson, gpkg, xlsx"):
        export(format="parquet", out=tmp_path / "x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["shp", "Shapefile", "ESRI Shapefile", ".shp"])
def test_shapefile_is_refused_with_the_reason(tmp_path, fmt):
    with pytest.raises(ValueError) as info:
        export(format=fmt, out=tmp_path / "x.shp")
    message = str(info.value)
    assert "10 characters" in message and "UTF-8" in message and "gpkg" in message
    assert list(tmp_path.iterdir()) == []


def test_file_name_must_match_the_format(tmp_path):
    with pytest.raises(ValueError, match=r"x.xlsx ends with '.xlsx' but the format is gpkg: "
                                         r"name it x.gpkg"):
        export(format="gpkg", out=tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_format_names_are_case_insensitive(tmp_path):
    assert export(format="GPKG", out=tmp_path / "x.gpkg")[0].is_file()


# --------------------------------------------------------------------------- atomicity


def _failing_after(n: int, real):
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > n:
            raise RuntimeError("simulated failure mid-way")
        return real(*args, **kwargs)
    return wrapper


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_failed_gpkg_export_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(pyogrio, "write_dataframe", _failing_after(3, pyogrio.write_dataframe))
    with pytest.raises(RuntimeError, match="mid-way"):
        export(format="gpkg", out=tmp_path / "jxplan.gpkg")
    assert _leftovers(tmp_path, set()) == []


def test_failed_export_keeps_the_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "jxplan.xlsx"
    out.write_bytes(b"previous export")

    def boom(path, stamp):
        raise RuntimeError("simulated failure mid-way")
    monkeypatch.setattr(exports, "_fix_zip_times", boom)
    with pytest.raises(RuntimeError, match="mid-way"):
        export(format="xlsx", out=out)
    assert out.read_bytes() == b"previous export"
    assert _leftovers(tmp_path, {"jxplan.xlsx"}) == []


@pytest.mark.parametrize("fmt, target, patch", [
    ("csv", "csv", "_write_csv_rows"),
    ("geojson", "geojson", "feature_collection"),
])
def test_failed_folder_export_leaves_nothing(tmp_path, monkeypatch, fmt, target, patch):
    monkeypatch.setattr(exports, patch, _failing_after(2, getattr(exports, patch)))
    with pytest.raises(RuntimeError, match="mid-way"):
        export(format=fmt, out=tmp_path / target)
    assert _leftovers(tmp_path, set()) == []


def test_failed_folder_export_keeps_the_previous_export(tmp_path, monkeypatch):
    out = tmp_path / "csv"
    export(format="csv", out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(exports, "_write_csv_rows",
                        _failing_after(3, exports._write_csv_rows))
    with pytest.raises(RuntimeError, match="mid-way"):
        export(format="csv", out=out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _leftovers(tmp_path, {"csv"}) == []


def test_a_repeated_folder_export_replaces_the_previous_one(tmp_path):
    out = tmp_path / "geojson"
    export(format="geojson", out=out)
    (out / "projects.geojson").write_text("stale", encoding="utf-8")
    export(format="geojson", out=out)
    assert json.loads((out / "projects.geojson").read_text(encoding="utf-8"))["features"]
    assert _leftovers(tmp_path, {"geojson"}) == []


def test_a_folder_with_other_files_is_not_replaced(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(FileExistsError, match=r"thesis\.docx"):
        export(format="csv", out=out)
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]
    assert _leftovers(tmp_path, {"mine"}) == []


def test_a_file_format_into_a_folder_is_refused(tmp_path):
    with pytest.raises(FileExistsError, match="is a folder"):
        export(format="gpkg", out=tmp_path)


def test_bad_data_writes_nothing(tmp_path, data_copy):
    path = data_copy / "measures.csv"
    text = path.read_text(encoding="utf-8").replace(",jx-2016-m02,", ",jx-2016-m01,")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"measures\.csv, line 3, column measure_id"):
        export(format="gpkg", out=tmp_path / "out" / "x.gpkg")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_read_only_folder_gives_a_clear_message(tmp_path, monkeypatch, capsys):
    real_access = os.access
    folder = tmp_path / "readonly"
    folder.mkdir()
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k:
                        False if Path(p) == folder and mode == os.W_OK else
                        real_access(p, mode, *a, **k))
    with pytest.raises(PermissionError, match=r"cannot write to .*readonly: the folder is "
                                              r"read-only"):
        export(format="gpkg", out=folder / "x.gpkg")
    from jxplan.cli import main

    assert main(["export", "--format", "csv", "--out", str(folder / "csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jxplan export: cannot write to") and "Traceback" not in err
    assert list(folder.iterdir()) == []


def test_permission_error_while_writing_is_explained_and_cleaned_up(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(pyogrio, "write_dataframe", denied)
    with pytest.raises(PermissionError, match=r"cannot write to .*read-only"):
        export(format="gpkg", out=tmp_path / "x.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_cli_export_writes_and_reports(tmp_path, capsys):
    from jxplan.cli import main

    assert main(["export", "--format", "geojson", "--out", str(tmp_path / "gj")]) == 0
    assert f"wrote {tmp_path / 'gj' / 'projects.geojson'}" in capsys.readouterr().out


def test_cli_explains_why_there_is_no_shapefile(tmp_path, capsys):
    from jxplan.cli import main

    assert main(["export", "--format", "shp", "--out", str(tmp_path / "x.shp")]) == 2
    assert "does not export Shapefile" in capsys.readouterr().err
