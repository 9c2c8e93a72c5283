"""Check data files against the metadata in :mod:`jxplan.meta`.

Every problem names the file, the line and the column, so a user who edits a
CSV by hand can find it.  The loaders run the same checks on what they read;
``python -m jxplan validate`` runs them on a whole data folder, including the
checks across tables (foreign keys) and, where the geodata is present, the
geometry checks of :mod:`jxplan.geo`.

Examples
--------
>>> report = validate()
>>> report.ok
True
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jxplan.meta import (ADCODE_PATTERN, DATE_PRECISIONS, EVENT_TYPES, FIELDS, GEO_RESOURCES,
                         RENAMED_FIELDS, TABLES, Table)

__all__ = ["Problem", "Report", "DataValidationError", "read_raw", "check_table",
           "check_references", "check_county_codes", "check_milestone_rows",
           "check_outcome_relations", "check_audit_columns", "known_adcodes", "validate",
           "validate_data"]

_TRUE = {"true", "True", "TRUE", "1"}
_FALSE = {"false", "False", "FALSE", "0"}
_EARLIEST = _dt.date(1990, 1, 1)
#: Latest date a planned milestone may carry (actual ones stop at the day checked).
_LATEST_PLANNED = _dt.date(2050, 12, 31)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file.

    ``line`` is the line number in the file (the header is line 1); 0 means
    the problem concerns the whole file or column.  ``severity`` is
    ``error``, ``warning`` or ``info``.
    """

    file: str
    line: int
    column: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        where += f", column {self.column}" if self.column else ""
        return f"{self.severity}: {where}: {self.message}"


@dataclass
class Report:
    """The problems found in a data folder."""

    problems: list[Problem] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems of severity ``warning``."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"checked {len(self.checked)} files: {len(self.errors)} errors, "
                     f"{len(self.warnings)} warnings")
        return "\n".join(lines)


class DataValidationError(ValueError):
    """Raised by a loader when a file breaks its schema; ``problems`` lists why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{shown}{more}")


def read_raw(path: str | os.PathLike) -> tuple[list[str], list[dict[str, str]]]:
    """Read a UTF-8 CSV as strings: ``(header, rows)``; nothing is converted.

    Examples
    --------
    >>> from jxplan.settings import data_dir
    >>> header, rows = read_raw(data_dir() / "plans.csv")
    >>> header[0]
    'plan_id'
    """
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [dict(r) for r in reader]
        return list(reader.fieldnames or []), rows


def _check_value(raw: str, name: str) -> str | None:
    """Return why ``raw`` is not a valid value of field ``name``, or None."""
    f = FIELDS[name]
    value: object = raw
    try:
        if f.type == "integer":
            value = int(raw)
        elif f.type == "number":
            value = float(raw)
        elif f.type == "boolean":
            if raw not in _TRUE | _FALSE:
                return f"{raw!r} is not a boolean (true/false)"
        elif f.type == "date":
            day = _dt.date.fromisoformat(raw)
            if not _EARLIEST <= day <= _dt.date.today():
                return f"date {raw} is out of range ({_EARLIEST} to today)"
    except ValueError:
        return f"{raw!r} is not a valid {f.type}"
    if f.enum and raw not in f.enum:
        return f"{raw!r} is not one of: {', '.join(f.enum)}"
    if f.pattern and not re.fullmatch(f.pattern, raw):
        return f"{raw!r} does not match the pattern {f.pattern}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if f.minimum is not None and value < f.minimum:
            return f"{raw} is below the minimum {f.minimum:g}"
        if f.maximum is not None and value > f.maximum:
            return f"{raw} is above the maximum {f.maximum:g}"
    if name == "date":
        return _check_partial_date(raw)
    return None


def _check_partial_date(raw: str) -> str | None:
    parts = [int(p) for p in raw.split("-")]
    try:
        first = _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return f"{raw!r} is not a real date"
    if not _EARLIEST <= first <= _LATEST_PLANNED:
        return f"date {raw} is out of range ({_EARLIEST} to {_LATEST_PLANNED})"
    return None


def check_table(table: Table, header: list[str], rows: list[dict[str, str]], *,
                file: str) -> list[Problem]:
    """Check one table's rows against its schema (no cross-table checks).

    Parameters
    ----------
    table : jxplan.meta.Table
        The schema.
    header, rows : list
        As returned by :func:`read_raw`.
    file : str
        File name used in the messages.

    Returns
    -------
    list of Problem

    Examples
    --------
    >>> rows = [{"plan_id": "x", "waypoint_id": "a", "seq": "1"}]
    >>> [p.message for p in check_table(TABLES["project_waypoints"], ["plan_id"], rows, file="f.csv")]
    ['required column is missing', 'required column is missing', 'required column is missing', "column 'plan_id' is not in the schema of project_waypoints"]
    """
    problems: list[Problem] = []
    missing = [n for n in table.fields if n not in header]
    for name in missing:
        if name in table.required:
            problems.append(Problem(file, 0, name, "required column is missing"))
    for name in header:
        if name not in table.fields:
            hint = (f"; it was renamed {RENAMED_FIELDS[name]!r} in data 2026.12"
                    if name in RENAMED_FIELDS else "")
            problems.append(Problem(file, 0, name, f"column {name!r} is not in the schema of "
                                    f"{table.name}{hint}"))
    if any(n in table.required for n in missing):
        return problems
    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        line = i + 2
        for name in table.fields:
            raw = (row.get(name) or "").strip()
            if not raw:
                if name in table.required and not _source_may_be_empty(table, name, row):
                    problems.append(Problem(file, line, name, "required value is missing"))
                continue
            why = _check_value(raw, name)
            if why:
                problems.append(Problem(file, line, name, why))
        key = tuple((row.get(k) or "").strip() for k in table.primary_key)
        if all(key):
            if key in seen:
                problems.append(Problem(file, line, ",".join(table.primary_key),
                                        f"duplicate key {'/'.join(key)} (first on line {seen[key]})"))
            else:
                seen[key] = line
    return problems


def _source_may_be_empty(table: Table, name: str, row: dict[str, str]) -> bool:
    if name != "source_url":
        return False
    return any((row.get(col) or "") == val for col, val in table.source_optional_when)


def check_references(tables: dict[str, tuple[list[str], list[dict[str, str]]]], *,
                     files: dict[str, str]) -> list[Problem]:
    """Check foreign keys between tables that are all present in ``tables``."""
    problems: list[Problem] = []
    for name, (_header, rows) in tables.items():
        for fk in TABLES[name].foreign_keys:
            if fk.table not in tables:
                continue
            valid = {(r.get(fk.reference_fields) or "").strip() for r in tables[fk.table][1]}
            for i, row in enumerate(rows):
                raw = (row.get(fk.fields) or "").strip()
                values = raw.split(";") if fk.multiple else [raw]
                for value in values:
                    if value and value not in valid:
                        problems.append(Problem(
                            files[name], i + 2, fk.fields,
                            f"{value!r} is not a {fk.reference_fields} in {files[fk.table]}"))
    return problems


def _semantic_checks(tables: dict, files: dict[str, str]) -> list[Problem]:
    """Rules that span columns: periods, not-found rows, plan-less actions."""
    problems: list[Problem] = []
    for i, row in enumerate(tables.get("plans", ([], []))[1]):
        start, end = row.get("period_start", ""), row.get("period_end", "")
        if start and end and start.isdigit() and end.isdigit() and int(start) > int(end):
            problems.append(Problem(files["plans"], i + 2, "period_end",
                                    f"period ends ({end}) before it starts ({start})"))
    for i, row in enumerate(tables.get("outcomes", ([], []))[1]):
        if row.get("status") == "not_found" and row.get("value"):
            problems.append(Problem(files["outcomes"], i + 2, "value",
                                    "a not_found row must leave value empty"))
        if row.get("status") == "reported" and not row.get("value"):
            problems.append(Problem(files["outcomes"], i + 2, "value",
                                    "a reported row needs a value"))
    return problems


def check_milestone_rows(rows: list[dict[str, str]], *, file: str) -> list[Problem]:
    """Date precision and planned-versus-actual rules of milestone rows.

    * ``date`` has exactly as many parts as ``date_precision`` says: a date
      finer than its precision (a day where the source gives a month) and a
      date coarser than stated are both errors;
    * ``event_status`` is the one :data:`jxplan.meta.EVENT_TYPES` gives for
      ``event_type``: a planned date is never typed as an actual event;
    * an actual event is not dated after the day its row was checked.

    Examples
    --------
    >>> rows = [{"date": "2016-07-01", "date_precision": "month", "event_type": "opened",
    ...          "event_status": "planned", "checked": "2026-12-01"}]
    >>> [p.column for p in check_milestone_rows(rows, file="m.csv")]
    ['date', 'event_status']
    """
    problems: list[Problem] = []
    for i, row in enumerate(rows):
        line = i + 2
        date = (row.get("date") or "").strip()
        precision = (row.get("date_precision") or "").strip()
        if date and precision in DATE_PRECISIONS:
            parts, allowed = len(date.split("-")), DATE_PRECISIONS[precision]
            if parts > allowed:
                problems.append(Problem(file, line, "date", f"{date} is finer than its "
                                        f"date_precision {precision!r} allows"))
            elif parts < allowed:
                problems.append(Problem(file, line, "date", f"{date} is coarser than its "
                                        f"date_precision {precision!r} states"))
        kind = (row.get("event_type") or "").strip()
        status = (row.get("event_status") or "").strip()
        if kind in EVENT_TYPES and status and status != EVENT_TYPES[kind]:
            hint = ("a date announced in advance is a planned_* event"
                    if status == "planned" else "planned_* types are for dates announced in advance")
            problems.append(Problem(file, line, "event_status", f"a {status} event cannot have "
                                    f"event_type {kind!r} (it is always {EVENT_TYPES[kind]}); {hint}"))
        if status == "actual" and date and not _check_partial_date(date):
            first = _dt.date(*[int(p) for p in (date.split("-") + ["1", "1"])[:3]])
            try:
                limit = _dt.date.fromisoformat((row.get("checked") or "").strip())
            except ValueError:
                limit = _dt.date.today()
            if first > limit:
                problems.append(Problem(file, line, "date", f"an actual event dated {date} lies "
                                        f"after the day it was checked ({limit})"))
    return problems


def check_outcome_relations(rows: list[dict[str, str]], *, file: str) -> list[Problem]:
    """A link to a target says who makes it; jxplan's judgements give a reason.

    Examples
    --------
    >>> rows = [{"target_id": "t1", "target_relation": "same_indicator",
    ...          "relation_basis": "jxplan_judgement", "relation_reason": ""}]
    >>> [p.column for p in check_outcome_relations(rows, file="o.csv")]
    ['relation_reason']
    """
    problems: list[Problem] = []
    for i, row in enumerate(rows):
        line = i + 2
        target, relation = (row.get("target_id") or "").strip(), (row.get("target_relation") or "").strip()
        basis, reason = (row.get("relation_basis") or "").strip(), (row.get("relation_reason") or "").strip()
        if bool(target) != bool(relation):
            problems.append(Problem(file, line, "target_relation",
                                    "target_id and target_relation go together"))
        if relation and not basis:
            problems.append(Problem(file, line, "relation_basis", "a link to a target must say "
                                    "whether the source or jxplan makes it"))
        if basis and not relation:
            problems.append(Problem(file, line, "relation_basis", "relation_basis without a "
                                    "target_relation"))
        if basis == "jxplan_judgement" and not reason:
            problems.append(Problem(file, line, "relation_reason", "jxplan's judgement needs its "
                                    "reason"))
        label, kind = (row.get("period_label") or "").strip(), (row.get("period_kind") or "").strip()
        if kind == "year_to_date" and not label.endswith("/.."):
            problems.append(Problem(file, line, "period_label", "a figure 'since the start of the "
                                    "year' has no end month: write the period as YYYY-MM/.."))
        if label.endswith("/..") and kind != "year_to_date":
            problems.append(Problem(file, line, "period_kind", "an open period is year_to_date"))
    return problems


#: Words that mark a coordinate as a guess rather than a sourced point.
_GUESS_WORDS = ("general knowledge", "rough placement", "unverified", "guess")


def check_audit_columns(tables: dict, files: dict[str, str]) -> list[Problem]:
    """What jxplan's own data folder must carry: a check date on every fact row and
    waypoint, a record_checked_until on every project, a real source on every waypoint.

    Examples
    --------
    >>> tables = {"waypoints": (["waypoint_id"], [{"waypoint_id": "x", "source": "general knowledge"}])}
    >>> [p.column for p in check_audit_columns(tables, {"waypoints": "waypoints.csv"})]
    ['checked', 'source']
    """
    problems: list[Problem] = []
    for name, (_header, rows) in tables.items():
        table = TABLES[name]
        if "checked" in table.fields:
            for i, row in enumerate(rows):
                if not (row.get("checked") or "").strip():
                    problems.append(Problem(files[name], i + 2, "checked", "every row of jxplan's "
                                            "data says when it was last checked (YYYY-MM-DD)"))
    for i, row in enumerate(tables.get("projects", ([], []))[1]):
        for col in ("record_checked_until", "record_note_en"):
            if not (row.get(col) or "").strip():
                problems.append(Problem(files["projects"], i + 2, col, "every project says how far "
                                        "its record was searched, and what was found"))
    for i, row in enumerate(tables.get("waypoints", ([], []))[1]):
        source = (row.get("source") or "").strip().lower()
        if source and any(w in source for w in _GUESS_WORDS):
            problems.append(Problem(files["waypoints"], i + 2, "source", "a guess is not a source: "
                                    "locate the point from a public dataset or page"))
    return problems


def known_adcodes(folder: str | os.PathLike) -> frozenset[str] | None:
    """County codes of the units in ``folder``'s counties geodata (None if it is missing).

    Examples
    --------
    >>> from jxplan.settings import data_dir
    >>> {"330402", "310116"} <= known_adcodes(data_dir())
    True
    """
    path = Path(folder) / GEO_RESOURCES["counties"]["path"]
    if not path.is_file():
        return None
    return _adcodes_in(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _adcodes_in(path: str, _mtime: int) -> frozenset[str]:
    with open(path, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return frozenset(str(f["properties"]["adcode"]) for f in features)


def check_county_codes(table: Table, rows: list[dict[str, str]], *, file: str,
                       known: Iterable[str]) -> list[Problem]:
    """Well-formed ``adcode``/``adcodes`` values that are not a known county.

    (Malformed codes are reported by :func:`check_table`.)

    Examples
    --------
    >>> rows = [{"adcodes": "330402;339999"}]
    >>> [str(p) for p in check_county_codes(TABLES["projects"], rows, file="p.csv",
    ...                                     known={"330402"})]  # doctest: +ELLIPSIS
    ['error: p.csv, line 2, column adcodes: unknown county code(s): 339999; ...']
    """
    known = set(known)
    problems: list[Problem] = []
    for col in ("adcode", "adcodes"):
        if col not in table.fields:
            continue
        for i, row in enumerate(rows):
            codes = [c.strip() for c in (row.get(col) or "").split(";") if c.strip()]
            unknown = [c for c in codes if c not in known and re.fullmatch(ADCODE_PATTERN, c)]
            if unknown:
                problems.append(Problem(
                    file, i + 2, col, f"unknown county code(s): {', '.join(unknown)}; the known "
                    f"units are those in {GEO_RESOURCES['counties']['path']}"))
    return problems


def validate(*, data_dir: str | os.PathLike | None = None, geo: bool = True) -> Report:
    """Validate every table in a data folder, and the references between them.

    Parameters
    ----------
    data_dir : path, optional
        The folder to check; default :func:`jxplan.settings.data_dir`.
    geo : bool, default True
        Also run the geometry checks (needs geopandas and the geodata files).

    Returns
    -------
    Report
        ``report.ok`` is False when any error was found.

    Examples
    --------
    >>> validate(geo=False).ok
    True
    """
    from jxplan.settings import data_dir as _default_dir

    folder = Path(data_dir) if data_dir is not None else _default_dir()
    report = Report()
    # A folder without plans.csv holds a user's own tables (e.g. the output of
    # `jxplan parse`): check the tables it has, and do not ask for the rest.
    partial = not (folder / TABLES["plans"].path).is_file()
    tables: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    files: dict[str, str] = {}
    for table in TABLES.values():
        path = folder / table.path
        files[table.name] = table.path
        if not path.is_file():
            if not partial:
                report.problems.append(Problem(table.path, 0, "", "file is missing"))
            continue
        header, rows = read_raw(path)
        report.checked.append(table.path)
        report.problems.extend(check_table(table, header, rows, file=table.path))
        tables[table.name] = (header, rows)
    report.problems.extend(check_references(tables, files=files))
    report.problems.extend(_semantic_checks(tables, files))
    if "milestones" in tables:
        report.problems.extend(check_milestone_rows(tables["milestones"][1], file=files["milestones"]))
    if "outcomes" in tables:
        report.problems.extend(check_outcome_relations(tables["outcomes"][1], file=files["outcomes"]))
    if not partial:
        report.problems.extend(check_audit_columns(tables, files))
    known = known_adcodes(folder)
    if known is None:  # e.g. a folder of parsed tables: use the shipped geodata
        try:
            known = known_adcodes(_default_dir())
        except FileNotFoundError:
            known = None
    if known is not None:
        for name, (_header, rows) in tables.items():
            report.problems.extend(check_county_codes(TABLES[name], rows, file=files[name],
                                                      known=known))
    if partial:
        report.problems.append(Problem(str(folder.name), 0, "", "no plans.csv: checked only the "
                                       f"{len(report.checked)} tables present", "info"))
    elif geo and report.ok:
        from jxplan.geo import geo_problems

        report.problems.extend(geo_problems(data_dir=folder))
        report.checked.extend(_present_geo_files(folder))
    return report


def _present_geo_files(folder: Path) -> Iterable[str]:
    from jxplan.meta import GEO_RESOURCES

    return [g["path"] for g in GEO_RESOURCES.values() if (folder / g["path"]).is_file()]


#: ``jxplan.validate_data``: the same function under a name that does not clash
#: with this module's (``jxplan.validate`` is the module).
validate_data = validate
