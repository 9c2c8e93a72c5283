"""Row rules of the audited record: what a milestone, outcome or waypoint row may claim.

These are the truth rules of the data (issue: the record, true to its
sources): a date no finer than its precision, a planned date never typed as
an actual event, a link to a target that says who makes it, a check date on
every fact row, and a real source on every waypoint.  They sit beside the
schema checks of :mod:`jxplan.schema` and are run by :func:`jxplan.validate.validate`.
"""

from __future__ import annotations

import datetime as _dt

from jxplan.meta import DATE_PRECISIONS, EVENT_TYPES, TABLES
from jxplan.problems import Problem
from jxplan.schema import _check_partial_date

__all__ = ["check_milestone_rows", "check_outcome_relations", "check_audit_columns"]


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
