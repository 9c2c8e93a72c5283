"""Command line: ``python -m jxplan <command>`` (also installed as ``jxplan``).

Commands
--------
validate     check every table, key and geometry of a data folder
datapackage  write data/datapackage.json and data/README.md's dictionary (or --check)
figures      write the report figures (and, with --format html, interactive ones)
export       write every table as GeoPackage, Excel, CSV or GeoJSON
parse        read a plan's own text into jxplan's CSV tables

``jxplan --version`` prints the version.  Messages are in Chinese with
``--lang zh`` or where the environment asks for Chinese (``LANG=zh_CN.UTF-8``),
in English otherwise (:mod:`jxplan.messages`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from jxplan.messages import cli_lang, message

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
    from jxplan._atomic import write_text
    from jxplan.settings import data_dir

    folder = Path(args.data_dir) if args.data_dir else data_dir()
    stale = 0
    for path, text in _generated_files(folder).items():
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current == text:
            print(message("up_to_date", lang=args.ui_lang, name=path.name))
        elif args.check:
            print(message("out_of_date", lang=args.ui_lang, name=path.name), file=sys.stderr)
            stale += 1
        else:
            write_text(path, text)
            print(message("wrote", lang=args.ui_lang, path=path.name))
    return 1 if stale else 0


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _cmd_figures(args: argparse.Namespace) -> int:
    from jxplan.figures import build_all

    build_all(out_dir=args.out, langs=_split(args.lang), formats=_split(args.format),
              names=_split(args.only) if args.only else None, echo=print, jobs=args.jobs)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from jxplan.exports import export

    if args.encoding == "utf-8-sig" and args.format != "csv":
        raise ValueError(message("bom_only_csv", lang=args.ui_lang))
    for path in export(format=args.format, out=args.out, bom=args.encoding == "utf-8-sig"):
        print(message("wrote", lang=args.ui_lang, path=path))
    return 0


def _cmd_parse(args: argparse.Namespace) -> int:
    from jxplan.parse import add_to_data, parse_plan_file, write_parsed
    from jxplan.readers import DocumentError

    if not args.out and not args.data_out:
        print("jxplan parse: give --out (the plan's own tables) or --data-out (a full data "
              "folder holding the shipped data and this plan)", file=sys.stderr)
        return 2
    try:
        parsed = parse_plan_file(args.file, plan_id=args.plan_id, source_url=args.source_url,
                                 year=args.year, encoding=args.encoding,
                                 relation=args.relation or "context")
    except DocumentError as exc:
        print(f"jxplan parse: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError:
        print(f"jxplan parse: {args.file}: no such file", file=sys.stderr)
        return 2
    print(f"read {parsed.metadata['document']}")
    print(parsed.summary(placed=True))
    if args.strict and (parsed.problems["severity"] == "error").any():
        print("jxplan parse: --strict and the problems above are errors: nothing written",
              file=sys.stderr)
        return 1
    if args.out:
        for path in write_parsed(parsed, out_dir=args.out):
            print(f"wrote {path}")
    if args.data_out:
        report = add_to_data(parsed, out_dir=args.data_out)
        print(report)
    return 0


def _version() -> str:
    import jxplan

    return f"jxplan {jxplan.__version__}"


def build_parser(*, lang: str = "en") -> argparse.ArgumentParser:
    """Return the argument parser (also used to document the commands)."""
    parser = argparse.ArgumentParser(prog="jxplan", description=message("description", lang=lang),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument("--lang", dest="ui_lang", choices=("zh", "en"),
                        help=message("help.lang", lang=lang))
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help=message("help.validate", lang=lang))
    p.add_argument("--data-dir", help="folder to check (default: the shipped data or $JXPLAN_DATA_DIR)")
    p.add_argument("--no-geo", action="store_true", help="skip the geometry checks")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("datapackage", help=message("help.datapackage", lang=lang))
    p.add_argument("--data-dir", help="data folder (default: the shipped data)")
    p.add_argument("--check", action="store_true", help="only check that the file is up to date")
    p.set_defaults(func=_cmd_datapackage)

    p = sub.add_parser("figures", help=message("help.figures", lang=lang))
    p.add_argument("--out", default="figures", help="output folder (default: figures)")
    p.add_argument("--lang", default="zh,en", help="languages, comma-separated (default: zh,en)")
    p.add_argument("--format", default="png,svg,pdf",
                   help="formats, comma-separated: png, svg, pdf, html (default: png,svg,pdf)")
    p.add_argument("--only", help="figure names, comma-separated (default: all)")
    p.add_argument("--jobs", type=int, default=None,
                   help="processes to render in (default: every core); same bytes for any number")
    p.set_defaults(func=_cmd_figures)

    p = sub.add_parser("export", help=message("help.export", lang=lang))
    p.add_argument("--format", required=True, metavar="{gpkg,xlsx,csv,geojson}",
                   help="gpkg or xlsx (one file), csv or geojson (a folder); no Shapefile")
    p.add_argument("--out", required=True, help="output file (gpkg, xlsx) or folder (csv, geojson)")
    p.add_argument("--encoding", choices=("utf-8", "utf-8-sig"), default="utf-8",
                   help=message("help.encoding", lang=lang))
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("parse", help=message("help.parse", lang=lang))
    p.add_argument("file", help="the plan: PDF with a text layer, DOCX, HTML, or text in "
                                "UTF-8, UTF-16 (BOM), GB18030 or Big5 (detected)")
    p.add_argument("--plan-id", required=True, help="identifier for the plan, e.g. jx-2017 "
                                                    "(a shipped id such as jx-2016 extends it)")
    p.add_argument("--out", help="folder for the plan's own tables (actions, measures, targets, "
                                 "plan, problems)")
    p.add_argument("--data-out", help="folder for a full data folder: the shipped data with this "
                                      "plan added (or, for a shipped plan id, extended); point "
                                      "JXPLAN_DATA_DIR at it to run the figures and notebooks")
    p.add_argument("--year", type=int, help="the plan year (default: what the document says)")
    p.add_argument("--source-url", help="where the document comes from (default: file:<name>)")
    p.add_argument("--encoding", help="force the encoding of a text or HTML file")
    p.add_argument("--relation", choices=("this_plan", "cited_basis", "predecessor", "successor",
                                          "context"),
                   help="how the plan relates to the 2016 plan (plans.csv; default context)")
    p.add_argument("--strict", action="store_true",
                   help="write nothing and exit 1 when any problem is an error")
    p.set_defaults(func=_cmd_parse)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> main(["validate", "--no-geo"])  # doctest: +ELLIPSIS
    checked ... files: 0 errors, 0 warnings
    0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = cli_lang(_lang_option(argv))
    args = build_parser(lang=lang).parse_args(argv)
    args.ui_lang = lang
    try:
        return int(args.func(args))
    except (ValueError, OSError, RuntimeError) as exc:
        print(message("error", lang=lang, command=args.command, error=exc), file=sys.stderr)
        return 2


def _lang_option(argv: Sequence[str]) -> str | None:
    """The value of jxplan's own ``--lang`` in ``argv``: before the command name (after it,
    ``figures --lang`` names the figures' languages).  Read before the parser, whose help it sets."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        if argv[i] == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if argv[i].startswith("--lang="):
            return argv[i].split("=", 1)[1]
        i += 1
    return None


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
