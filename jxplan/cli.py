"""Command line: ``python -m jxplan <command>`` (also installed as ``jxplan``).

Commands
--------
validate     check every table, key and geometry of a data folder
datapackage  write data/datapackage.json and data/README.md's dictionary (or --check)
figures      write the report figures (and, with --format html, interactive ones)
export       write every table as GeoPackage, Excel, CSV or GeoJSON
parse        read a plan's own text into jxplan's CSV tables
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]


def _cmd_validate(args: argparse.Namespace) -> int:
    from jxplan.validate import validate

    report = validate(data_dir=args.data_dir, geo=not args.no_geo)
    print(report)
    return 0 if report.ok else 1


def _generated_files(folder: Path) -> dict[Path, str]:
    """The files generated from jxplan.meta, with their exact new text."""
    from jxplan.meta import data_dictionary, datapackage_json

    readme = folder / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- dictionary:start -->", "<!-- dictionary:end -->"
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    new_readme = f"{head}{start}\n{data_dictionary()}{end}{tail}"
    return {folder / "datapackage.json": datapackage_json(), readme: new_readme}


def _cmd_datapackage(args: argparse.Namespace) -> int:
    from jxplan.settings import data_dir

    folder = Path(args.data_dir) if args.data_dir else data_dir()
    stale = 0
    for path, text in _generated_files(folder).items():
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current == text:
            print(f"{path.name} is up to date")
        elif args.check:
            print(f"{path.name} is out of date: run `make datapackage`", file=sys.stderr)
            stale += 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.name}")
    return 1 if stale else 0


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _cmd_figures(args: argparse.Namespace) -> int:
    from jxplan.figures import build_all

    build_all(out_dir=args.out, langs=_split(args.lang), formats=_split(args.format),
              names=_split(args.only) if args.only else None, echo=print)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from jxplan.exports import export

    for path in export(format=args.format, out=args.out):
        print(f"wrote {path}")
    return 0


def _cmd_parse(args: argparse.Namespace) -> int:
    from jxplan.parse import parse_plan_text, write_parsed

    text = Path(args.file).read_text(encoding="utf-8")
    parsed = parse_plan_text(text, plan_id=args.plan_id, source_url=args.source_url or
                             f"file:{Path(args.file).name}", year=args.year)
    print(parsed.summary())
    for path in write_parsed(parsed, out_dir=args.out):
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (also used to document the commands)."""
    parser = argparse.ArgumentParser(prog="jxplan", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check the data folder")
    p.add_argument("--data-dir", help="folder to check (default: the shipped data or $JXPLAN_DATA_DIR)")
    p.add_argument("--no-geo", action="store_true", help="skip the geometry checks")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("datapackage",
                       help="write data/datapackage.json and the data dictionary from jxplan.meta")
    p.add_argument("--data-dir", help="data folder (default: the shipped data)")
    p.add_argument("--check", action="store_true", help="only check that the file is up to date")
    p.set_defaults(func=_cmd_datapackage)

    p = sub.add_parser("figures", help="write the report figures")
    p.add_argument("--out", default="figures", help="output folder (default: figures)")
    p.add_argument("--lang", default="zh,en", help="languages, comma-separated (default: zh,en)")
    p.add_argument("--format", default="png,svg,pdf",
                   help="formats, comma-separated: png, svg, pdf, html (default: png,svg,pdf)")
    p.add_argument("--only", help="figure names, comma-separated (default: all)")
    p.set_defaults(func=_cmd_figures)

    p = sub.add_parser("export", help="write every table for GIS, spreadsheet or data users")
    p.add_argument("--format", required=True, metavar="{gpkg,xlsx,csv,geojson}",
                   help="gpkg or xlsx (one file), csv or geojson (a folder); no Shapefile")
    p.add_argument("--out", required=True, help="output file (gpkg, xlsx) or folder (csv, geojson)")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("parse", help="read a plan's text into jxplan's CSV tables")
    p.add_argument("file", help="UTF-8 text file of the plan")
    p.add_argument("--plan-id", required=True, help="identifier for the plan, e.g. jx-2017")
    p.add_argument("--out", required=True, help="folder for the CSV tables")
    p.add_argument("--year", type=int, help="the year the plan's targets apply to")
    p.add_argument("--source-url", help="where the text comes from (default: file:<name>)")
    p.set_defaults(func=_cmd_parse)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> main(["validate", "--no-geo"])  # doctest: +ELLIPSIS
    checked 14 files: 0 errors, 0 warnings
    0
    """
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"jxplan {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
