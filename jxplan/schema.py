"""Schema checks: one table's rows against :mod:`jxplan.meta`, and keys across tables.

Pure functions on raw CSV text (``header, rows`` as :func:`read_raw`
returns them): nothing here loads pandas or reads a whole data folder.  The
loaders (:mod:`jxplan.io`) run these checks on what they read, and the
validator (:mod:`jxplan.validate`) runs them on a folder.  Every problem names
the file, the line and the column.

Examples
--------
>>> from jxplan.settings import data_dir
>>> header, rows = read_raw(data_dir() / "plans.csv")
>>> check_table(TABLES["plans"], header, rows, file="plans.csv")
[]
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from jxplan.meta import ADCODE_PATTERN, FIELDS, GEO_RESOURCES, RENAMED_FIELDS, TABLES, Field, Table
from jxplan.problems import Problem

__all__ = ["read_raw", "check_table", "check_references", "check_semantics",
           "check_county_codes", "known_adcodes"]

_TRUE = {"true", "True", "TRUE", "1"}
_FALSE = {"false", "False", "FALSE", "0"}
_EARLIEST = _dt.date(1990, 1, 1)
#: Latest date a planned milestone may carry (actual ones stop at the day checked:
#: :func:`jxplan.rules.check_milestone_rows`).
_LATEST_PLANNED = _dt.date(2050, 12, 31)


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


def _typed(raw: str, type_: str) -> object:
    """``raw`` as a value of ``type_`` (raises ValueError when it is not one)."""
    if type_ == "integer":
        return int(raw)
    if type_ == "number":
        return float(raw)
    if type_ == "date":
        return _dt.date.fromisoformat(raw)
    return raw


def _type_problem(raw: str, type_: str) -> tuple[object, str | None]:
    """``(value, why)``: the typed value, and why ``raw`` is not of ``type_`` (or None)."""
    if type_ == "boolean":
        return raw, None if raw in _TRUE | _FALSE else f"{raw!r} is not a boolean (true/false)"
    try:
        value = _typed(raw, type_)
    except ValueError:
        return raw, f"{raw!r} is not a valid {type_}"
    if isinstance(value, _dt.date) and not _EARLIEST <= value <= _dt.date.today():
        return value, f"date {raw} is out of range ({_EARLIEST} to today)"
    return value, None


def _range_problem(raw: str, value: object, f: Field) -> str | None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    if f.minimum is not None and value < f.minimum:
        return f"{raw} is below the minimum {f.minimum:g}"
    if f.maximum is not None and value > f.maximum:
        return f"{raw} is above the maximum {f.maximum:g}"
    return None


def _check_value(raw: str, name: str) -> str | None:
    """Return why ``raw`` is not a valid value of field ``name``, or None."""
    f = FIELDS[name]
    value, why = _type_problem(raw, f.type)
    if why:
        return why
    if f.enum and raw not in f.enum:
        return f"{raw!r} is not one of: {', '.join(f.enum)}"
    if f.pattern and not re.fullmatch(f.pattern, raw):
        return f"{raw!r} does not match the pattern {f.pattern}"
    why = _range_problem(raw, value, f)
    if why:
        return why
    if name == "date":
        return _check_partial_date(raw)
    return None


def _check_partial_date(raw: str) -> str | None:
    parts = [int(p) for p in raw.split("-")]
    try:
        first = _dt.date(parts[0], parts[1] if len(parts) > 1 else 1,
                         parts[2] if len(parts) > 2 else 1)
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
    >>> [p.message for p in check_table(TABLES["project_waypoints"], ["plan_id"], rows,
    ...                                 file="f.csv")]
    ['required column is missing', 'required column is missing', 'required column is missing',
     "column 'plan_id' is not in the schema of project_waypoints"]
    """
    problems = _column_problems(table, header, file=file)
    if any(n in table.required for n in table.fields if n not in header):
        return problems
    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        line = i + 2
        problems.extend(_row_problems(table, row, file=file, line=line))
        key = tuple((row.get(k) or "").strip() for k in table.primary_key)
        if not all(key):
            continue
        if key in seen:
            problems.append(Problem(file, line, ",".join(table.primary_key),
                                    f"duplicate key {'/'.join(key)} (first on line {seen[key]})"))
        else:
            seen[key] = line
    return problems


def _column_problems(table: Table, header: list[str], *, file: str) -> list[Problem]:
    """Required columns that are missing, and columns the schema does not know."""
    problems = [Problem(file, 0, name, "required column is missing")
                for name in table.fields if name not in header and name in table.required]
    problems += [Problem(file, 0, name, f"column {name!r} is not in the schema of {table.name}"
                         + _renamed_hint(name))
                 for name in header if name not in table.fields]
    return problems


def _renamed_hint(name: str) -> str:
    """Tell a user with an old file what a renamed column is now called."""
    return f"; it was renamed {RENAMED_FIELDS[name]!r} in data 2026.12" if name in RENAMED_FIELDS else ""


def _row_problems(table: Table, row: dict[str, str], *, file: str, line: int) -> list[Problem]:
    """Missing required values and invalid values of one row."""
    problems: list[Problem] = []
    for name in table.fields:
        raw = (row.get(name) or "").strip()
        if not raw:
            if name in table.required and not _source_may_be_empty(table, name, row):
                problems.append(Problem(file, line, name, "required value is missing"))
            continue
        why = _check_value(raw, name)
        if why:
            problems.append(Problem(file, line, name, why))
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


def check_semantics(tables: dict[str, tuple[list[str], list[dict[str, str]]]], *,
                    files: dict[str, str]) -> list[Problem]:
    """Rules that span columns: periods, not-found and reported outcome rows."""
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
