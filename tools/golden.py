"""The golden manifest: sha256 of every file jxplan writes, and of every analysis table.

Usage (from the repository root; ``make golden`` runs the first)::

    python tools/golden.py --write     # rebuild everything, write tests/golden/manifest.json
    python tools/golden.py --check     # rebuild everything, compare, list what differs

What is hashed:

``figures/<lang>/<name>.<ext>``
    Every file of ``python -m jxplan figures --format png,svg,pdf,html``
    (every figure in zh and en as PNG, SVG and PDF, and the HTML figures).
``export/csv/...``, ``export/geojson/...``, ``export/jxplan.xlsx``
    The files of ``python -m jxplan export`` (these formats are written
    byte-deterministically).
``export/jxplan.gpkg#<layer>``
    A GeoPackage is an SQLite file whose bytes depend on the SQLite library
    and on page layout, not only on the data, so it is hashed in a
    normalised form: each layer read back and written as CSV (geometry as
    WKT), one hash per layer, plus ``export/jxplan.gpkg#layers`` for the
    list of layers.
``analysis/<function>.csv``
    ``DataFrame.to_csv()`` of each table of :mod:`jxplan.analysis`, called
    with its defaults (geometry, where present, as WKT).

Bytes depend on the libraries that draw and write them, so the manifest
records their versions (:func:`library_versions`); ``tests/test_golden.py``
compares only where they all match and otherwise skips, naming the ones that
differ.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / "tests" / "golden" / "manifest.json"

#: Distributions whose versions decide the bytes of figures, exports and tables.
DISTRIBUTIONS = ("matplotlib", "plotly", "numpy", "pandas", "geopandas", "shapely", "pyproj",
                 "pyogrio", "openpyxl", "pylopdf-fonts-zh-cn", "pillow", "fonttools")

#: Tables of jxplan.analysis, hashed as CSV: name -> call.
ANALYSIS_TABLES = {
    "county_project_counts": lambda a: a.county_project_counts(),
    "county_project_counts_geometry": lambda a: a.county_project_counts(counties_from="geometry"),
    "county_project_table": lambda a: a.county_project_table(),
    "county_project_table_geometry": lambda a: a.county_project_table(counties_from="geometry"),
    "measure_coverage": lambda a: a.measure_coverage(),
    "plan_periods": lambda a: a.plan_periods(),
    "plan_periods_timeline": lambda a: a.plan_periods(plan_ids=a.TIMELINE_PLANS),
    "project_order": lambda a: a.project_order(),
    "project_timeline": lambda a: a.project_timeline(),
    "first_milestones": lambda a: a.first_milestones(),
    "map_projects": lambda a: a.map_projects(),
    "targets_vs_outcomes": lambda a: a.targets_vs_outcomes(),
    "scorecard": lambda a: a.scorecard(),
    "scorecard_counts": lambda a: a.scorecard_counts(),
    "mention_grid": lambda a: a.mention_grid(),
    "lineage_summary": lambda a: a.lineage_summary(),
}


def library_versions() -> dict[str, str]:
    """Versions of Python, the byte-deciding packages and their native libraries."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": ".".join(map(str, sys.version_info[:3]))}
    for dist in DISTRIBUTIONS:
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "absent"
    import matplotlib.ft2font
    import pyogrio
    import pyproj
    import shapely

    out["freetype"] = matplotlib.ft2font.__freetype_version__
    out["geos"] = shapely.geos_version_string
    out["proj"] = pyproj.proj_version_str
    out["gdal"] = pyogrio.__gdal_version_string__
    return out


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _run(*args: str) -> None:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    subprocess.run([sys.executable, "-m", "jxplan", *args], check=True, cwd=REPO, env=env,
                   stdout=subprocess.DEVNULL)


def _hash_tree(folder: Path, prefix: str) -> dict[str, str]:
    return {f"{prefix}/{p.relative_to(folder).as_posix()}": _sha(p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _frame_csv(frame) -> bytes:
    import pandas as pd

    frame = pd.DataFrame(frame)  # a plain copy: geometry becomes WKT text below
    if "geometry" in frame.columns:
        frame["geometry"] = [None if g is None else g.wkt for g in frame["geometry"]]
    buf = io.StringIO()
    frame.to_csv(buf, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def _gpkg_hashes(path: Path, key: str) -> dict[str, str]:
    import pyogrio

    layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    out = {f"{key}#layers": _sha("\n".join(layers).encode("utf-8"))}
    for layer in layers:
        frame = pyogrio.read_dataframe(path, layer=layer)
        out[f"{key}#{layer}"] = _sha(_frame_csv(frame))
    return out


def figure_hashes(out: Path, *, formats: str = "png,svg,pdf,html",
                  only: str | None = None, jobs: int | None = None) -> dict[str, str]:
    """Build the figures with the CLI into *out*; return ``{"figures/...": sha256}``."""
    args = ["figures", "--out", str(out), "--format", formats]
    if only:
        args += ["--only", only]
    if jobs is not None:
        args += ["--jobs", str(jobs)]
    _run(*args)
    return _hash_tree(out, "figures")


def export_hashes(out: Path) -> dict[str, str]:
    """Write every export format into *out*; return their hashes (gpkg normalised)."""
    hashes: dict[str, str] = {}
    for fmt, target in (("csv", out / "csv"), ("geojson", out / "geojson"),
                        ("xlsx", out / "jxplan.xlsx"), ("gpkg", out / "jxplan.gpkg")):
        _run("export", "--format", fmt, "--out", str(target))
    hashes.update(_hash_tree(out / "csv", "export/csv"))
    hashes.update(_hash_tree(out / "geojson", "export/geojson"))
    hashes["export/jxplan.xlsx"] = _sha((out / "jxplan.xlsx").read_bytes())
    hashes.update(_gpkg_hashes(out / "jxplan.gpkg", "export/jxplan.gpkg"))
    return hashes


def analysis_hashes() -> dict[str, str]:
    """``{"analysis/<name>.csv": sha256}`` of every table in :data:`ANALYSIS_TABLES`."""
    from jxplan import analysis

    return {f"analysis/{name}.csv": _sha(_frame_csv(call(analysis)))
            for name, call in ANALYSIS_TABLES.items()}


def compute(workdir: Path | None = None) -> dict[str, str]:
    """Every hash of the manifest, computed afresh."""
    with tempfile.TemporaryDirectory(prefix="jxplan-golden-") as tmp:
        root = Path(workdir or tmp)
        hashes = figure_hashes(root / "figures")
        hashes.update(export_hashes(root / "export"))
    hashes.update(analysis_hashes())
    return dict(sorted(hashes.items()))


def load_manifest(path: Path = MANIFEST) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def version_mismatch(manifest: dict) -> list[str]:
    """``name: recorded != installed`` for every library whose version differs."""
    now = library_versions()
    return [f"{k}: manifest {v} != installed {now.get(k, 'absent')}"
            for k, v in manifest["versions"].items() if now.get(k) != v]


def diff(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """Human-readable differences between two ``{key: sha256}`` maps."""
    out = [f"missing: {k}" for k in expected if k not in actual]
    out += [f"new: {k}" for k in actual if k not in expected]
    out += [f"changed: {k}" for k in expected if k in actual and expected[k] != actual[k]]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="write tests/golden/manifest.json")
    group.add_argument("--check", action="store_true", help="compare with the manifest")
    args = parser.parse_args(argv)
    hashes = compute()
    if args.write:
        MANIFEST.parent.mkdir(parents=True, exist_ok=True)
        doc = {"comment": "sha256 of every file jxplan writes and every analysis table; "
                          "regenerate with `make golden` (tools/golden.py --write) only "
                          "in a commit that says the bytes change",
               "versions": library_versions(), "files": hashes}
        MANIFEST.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")
        print(f"wrote {MANIFEST.relative_to(REPO)} ({len(hashes)} hashes)")
        return 0
    manifest = load_manifest()
    for line in version_mismatch(manifest):
        print(f"version differs: {line}")
    problems = diff(manifest["files"], hashes)
    for line in problems:
        print(line)
    print(f"{len(hashes)} hashes, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
