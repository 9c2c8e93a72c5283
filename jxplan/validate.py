"""Check a data folder against the metadata in :mod:`jxplan.meta`.

Every problem names the file, the line and the column, so a user who edits a
CSV by hand can find it.  The loaders run the same per-table checks
(:mod:`jxplan.schema`) on what they read; ``python -m jxplan validate`` runs
them on a whole data folder, including the checks across tables (foreign
keys) and, where the geodata is present, the geometry checks of
:mod:`jxplan.geo`.

This module sits on top of the data layer: it imports the schema checks and
the geography, and nothing below imports it.  The records and per-table
checks it re-exports (:class:`Problem`, :func:`check_table`, ...) live in
:mod:`jxplan.problems` and :mod:`jxplan.schema`.

Examples
--------
>>> report = validate()
>>> report.ok
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from jxplan.geo import geo_problems
from jxplan.meta import GEO_RESOURCES, TABLES
from jxplan.problems import DataValidationError, Problem, Report
from jxplan.rules import check_audit_columns, check_milestone_rows, check_outcome_relations
from jxplan.schema import (
    check_county_codes,
    check_references,
    check_semantics,
    check_table,
    known_adcodes,
    read_raw,
)
from jxplan.settings import data_dir as _default_dir

__all__ = ["Problem", "Report", "DataValidationError", "read_raw", "check_table",
           "check_references", "check_county_codes", "check_milestone_rows",
           "check_outcome_relations", "check_audit_columns", "known_adcodes", "validate",
           "validate_data"]


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
    report.problems.extend(check_semantics(tables, files=files))
    report.problems.extend(_row_rules(tables, files, partial=partial))
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
        report.problems.extend(geo_problems(data_dir=folder))
        report.checked.extend(_present_geo_files(folder))
    return report


def _row_rules(tables: dict, files: dict[str, str], *, partial: bool) -> list[Problem]:
    """The audited record's row rules (:mod:`jxplan.rules`); the check dates only of
    jxplan's own folder, not of a user's parsed tables."""
    problems: list[Problem] = []
    if "milestones" in tables:
        problems += check_milestone_rows(tables["milestones"][1], file=files["milestones"])
    if "outcomes" in tables:
        problems += check_outcome_relations(tables["outcomes"][1], file=files["outcomes"])
    if not partial:
        problems += check_audit_columns(tables, files)
    return problems


def _present_geo_files(folder: Path) -> Iterable[str]:
    return [g["path"] for g in GEO_RESOURCES.values() if (folder / g["path"]).is_file()]


#: ``jxplan.validate_data``: the same function under a name that does not clash
#: with this module's (``jxplan.validate`` is the module).
validate_data = validate
