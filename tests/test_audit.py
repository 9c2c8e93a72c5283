"""The audit columns and rules of issue 11: check dates, date precision, planned versus
actual events, record_checked_until, quotations, judgement flags, sourced waypoints and
the dataset version."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import jxplan
from jxplan import meta
from jxplan.meta import DATA_AS_OF, DATA_VERSION, EVENT_TYPES, TABLES, credit_line
from jxplan.validate import validate

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "000_4a82f9acf3260205.txt"


def _rewrite(path, edit):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _errors(folder, file, column):
    return [p for p in validate(data_dir=folder, geo=False).errors
            if p.file == file and p.column == column]


def _row(rows, key, value):
    return next(r for r in rows if r[key] == value)


# --------------------------------------------------------------------------- shipped data


@pytest.mark.parametrize("name", [t.name for t in TABLES.values() if "checked" in t.fields])
def test_every_fact_row_and_waypoint_says_when_it_was_checked(name):
    frame = jxplan.io.read_table(name)
    assert frame["checked"].notna().all(), name
    assert (frame["checked"] <= pd.Timestamp(DATA_AS_OF)).all(), name


def test_every_project_has_record_checked_until_and_a_note():
    p = jxplan.load_projects(geometry=False)
    assert p["record_checked_until"].notna().all()
    assert (p["record_checked_until"] <= pd.Timestamp(DATA_AS_OF)).all()
    assert p["record_note_en"].notna().all()
    assert p["record_note_en"].str.len().min() > 20


def test_milestone_dates_match_their_precision_and_status_matches_type():
    m = jxplan.load_milestones()
    parts = m["date"].str.count("-") + 1
    assert (parts == m["date_precision"].map({"year": 1, "month": 2, "day": 3})).all()
    assert (m["event_status"] == m["event_type"].map(EVENT_TYPES)).all()
    actual = m[m["event_status"] == "actual"]
    assert (actual["date_start"] <= actual["checked"]).all()


def test_the_known_faults_stay_fixed():
    m = jxplan.load_milestones()
    # a closure notice the day before a planned start is a planned start, not a start
    g320 = m.loc["road-g320-reroute-2"]
    assert (g320["event_type"], g320["event_status"]) == ("planned_start", "planned")
    # a joint ceremony for the Fengnan line's works is not the Xitang line's start
    assert m.loc["rail-xitang-1", "event_type"] == "status_report"
    # a garbled single page graded C is gone; weak single pages are W, never C
    assert "rail-fengnan-1" not in m.index
    assert m.loc["rail-jiaxing-station-1", "confidence"] == "W"
    o = jxplan.load_outcomes()
    # "since the start of the year" has no end month
    assert o.loc["o011", "period_label"] == "2016-01/.."
    assert o.loc["o011", "period_kind"] == "year_to_date"


def test_target_links_say_who_makes_them():
    o = jxplan.load_outcomes()
    linked = o[o["target_id"].notna()]
    assert linked["relation_basis"].notna().all()
    judged = linked[linked["relation_basis"] == "jxplan_judgement"]
    assert judged["relation_reason"].notna().all()
    # the target does not say "from Shanghai": the link is related, not the same indicator
    assert o.loc["o019", "target_relation"] == "related_indicator"


def test_quotations_are_verbatim_in_the_held_text():
    if not SEED.is_file():
        pytest.skip(f"the plan's held text is not available at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    text = re.sub(r"\n+\d+、", "", text)  # the mirror's chunk prefixes
    text = re.sub(r"—15—", "", text)      # page footers
    width = str.maketrans("，、（）；：", ",、();:")

    def norm(s: str) -> str:
        return re.sub(r"\s+", "", s.translate(width))

    body = norm(text)
    p = jxplan.load_projects(geometry=False)
    quoted = p[p["ask_2016_quote_zh"].notna()]
    assert len(quoted) == p["measure_id"].notna().sum()
    assert quoted["ask_2016_section"].str.match(r"^二、\(二\) [456]\.$").all()
    for pid, quote in quoted["ask_2016_quote_zh"].items():
        start = 0
        for part in quote.split("……"):
            at = body.find(norm(part), start)
            assert at >= 0, (pid, part)
            start = at + len(norm(part))


def test_waypoints_are_sourced_and_no_guess_is_drawn():
    w = jxplan.load_waypoints(geometry=False)
    assert set(w["grade"]) <= {"A", "B"}
    assert w["source"].str.len().min() > 10


def test_dataset_version_is_one_value_everywhere():
    assert jxplan.__data_version__ == DATA_VERSION == meta.datapackage()["version"]
    pkg = json.loads((jxplan.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["version"] == DATA_VERSION
    assert pkg["created"].startswith(DATA_AS_OF) and pkg["jxplan:as_of"] == DATA_AS_OF
    readme = (jxplan.data_dir() / "README.md").read_text(encoding="utf-8")
    assert f"Data version {DATA_VERSION}, record as of {DATA_AS_OF}" in readme
    for lang in ("zh", "en"):
        line = credit_line(["milestones"], lang=lang)
        assert DATA_VERSION in line and DATA_AS_OF in line


def test_confidence_vocabulary_keeps_weak_pages_apart():
    assert "W" in meta.CONFIDENCE and meta.CONFIDENCE["W"].startswith("weak")
    # every W row is a single weak page, never relabelled C
    for name in ("milestones", "projects"):
        frame = jxplan.io.read_table(name)
        assert set(frame["confidence"]) <= set(meta.CONFIDENCE)


# --------------------------------------------------------------------------- the validator


def test_validator_refuses_a_waypoint_without_a_source(data_copy):
    _rewrite(data_copy / "waypoints.csv", lambda rows: rows[0].update(source=""))
    errors = _errors(data_copy, "waypoints.csv", "source")
    assert errors and errors[0].line == 2 and "required value is missing" in errors[0].message


def test_validator_refuses_a_guessed_waypoint(data_copy):
    _rewrite(data_copy / "waypoints.csv",
             lambda rows: rows[1].update(source="rough placement from general knowledge"))
    assert any("a guess is not a source" in p.message
               for p in _errors(data_copy, "waypoints.csv", "source"))
    _rewrite(data_copy / "waypoints.csv", lambda rows: rows[2].update(grade="C"))
    assert _errors(data_copy, "waypoints.csv", "grade")


def test_validator_refuses_a_date_finer_than_its_precision(data_copy):
    def edit(rows):
        _row(rows, "milestone_id", "road-wanbei-phase2-4").update(date="2019-12-28")  # month
    _rewrite(data_copy / "milestones.csv", edit)
    errors = _errors(data_copy, "milestones.csv", "date")
    assert any("finer than its date_precision 'month'" in p.message for p in errors), errors


def test_validator_refuses_a_date_coarser_than_stated(data_copy):
    def edit(rows):
        _row(rows, "milestone_id", "air-jiaxing-airport-6").update(date="2025-12")  # day
    _rewrite(data_copy / "milestones.csv", edit)
    errors = _errors(data_copy, "milestones.csv", "date")
    assert any("coarser than its date_precision 'day'" in p.message for p in errors), errors


def test_validator_refuses_a_planned_event_typed_as_an_actual_one(data_copy):
    def edit(rows):
        _row(rows, "milestone_id", "road-g320-reroute-2").update(event_type="construction_started")
    _rewrite(data_copy / "milestones.csv", edit)
    errors = _errors(data_copy, "milestones.csv", "event_status")
    assert any("a planned event cannot have event_type 'construction_started'" in p.message
               for p in errors), errors


def test_validator_refuses_an_actual_event_typed_as_planned_or_in_the_future(data_copy):
    def edit(rows):
        _row(rows, "milestone_id", "air-jiaxing-airport-6").update(event_type="planned_opening")
        _row(rows, "milestone_id", "air-jiaxing-airport-3").update(date="2030-08")
    _rewrite(data_copy / "milestones.csv", edit)
    assert _errors(data_copy, "milestones.csv", "event_status")
    assert any("after the day it was checked" in p.message
               for p in _errors(data_copy, "milestones.csv", "date"))


def test_validator_refuses_a_project_without_record_checked_until(data_copy):
    _rewrite(data_copy / "projects.csv", lambda rows: rows[3].update(record_checked_until=""))
    errors = _errors(data_copy, "projects.csv", "record_checked_until")
    assert [p.line for p in errors] == [5]


def test_validator_refuses_a_fact_row_without_a_check_date(data_copy):
    _rewrite(data_copy / "targets.csv", lambda rows: rows[0].update(checked=""))
    assert [p.line for p in _errors(data_copy, "targets.csv", "checked")] == [2]


def test_validator_refuses_an_unmarked_judgement(data_copy):
    def edit(rows):
        _row(rows, "outcome_id", "o015").update(relation_basis="")
        _row(rows, "outcome_id", "o016").update(relation_reason="")
        _row(rows, "outcome_id", "o013").update(period_kind="year_to_date")
    _rewrite(data_copy / "outcomes.csv", edit)
    assert _errors(data_copy, "outcomes.csv", "relation_basis")
    assert _errors(data_copy, "outcomes.csv", "relation_reason")
    assert _errors(data_copy, "outcomes.csv", "period_label")


def test_a_renamed_column_names_its_new_name(data_copy):
    path = data_copy / "projects.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("ask_2016_quote_zh", "ask_2016_zh", 1),
                    encoding="utf-8")
    messages = [p.message for p in validate(data_dir=data_copy, geo=False).errors]
    assert any("renamed 'ask_2016_quote_zh'" in m for m in messages), messages


def test_a_users_parsed_tables_need_no_check_dates(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    src = jxplan.data_dir() / "measures.csv"
    with open(src, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = [f for f in (reader.fieldnames or []) if f != "checked"]
        rows = [{k: r[k] for k in fields} for r in reader]
    with open(folder / "measures.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert validate(data_dir=folder, geo=False).ok
