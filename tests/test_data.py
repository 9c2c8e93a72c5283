"""The shipped tables: schema, keys, provenance, and truth rules."""

from __future__ import annotations

import csv
import subprocess
import sys

import pandas as pd
import pytest
from conftest import run_cli

import jxplan
from jxplan.meta import FIELDS, TABLES, datapackage_json
from jxplan.validate import DataValidationError, validate


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_loads_with_its_key_and_dtypes(name):
    frame = jxplan.io.read_table(name)
    table = TABLES[name]
    assert list(frame.index.names) == list(table.primary_key)
    assert frame.index.is_unique
    for col in frame.columns:
        kind = FIELDS[col].type
        expected = {"string": "string", "integer": "Int64", "number": "Float64",
                    "boolean": "boolean"}.get(kind)
        if expected:
            assert str(frame[col].dtype) == expected, (name, col)


@pytest.mark.parametrize("name", [t.name for t in TABLES.values() if t.is_fact_table])
def test_every_fact_row_has_source_and_confidence(name):
    frame = jxplan.io.read_table(name).reset_index()
    assert frame["confidence"].notna().all()
    found = frame if "status" not in frame else frame[frame["status"] == "reported"]
    assert found["source_url"].str.startswith("http").all(), name


def test_no_guess_is_stored_as_fact():
    for name in TABLES:
        frame = jxplan.io.read_table(name)
        if "confidence" in frame:
            assert not frame["confidence"].isin(["G", "I", "U"]).any()
    # no rough placement is stored: every waypoint is located from a named dataset or page
    wp = jxplan.load_waypoints(geometry=False)
    assert set(wp["grade"]) <= {"A", "B"}
    assert wp["source"].notna().all()
    assert not wp["source"].str.contains("general knowledge|unverified", case=False).any()
    routes = jxplan.io.load_project_waypoints().reset_index()
    assert routes["waypoint_id"].isin(wp.index).all()


def test_plan_registry():
    plans = jxplan.load_plans()
    p = plans.loc["jx-2016"]
    assert p["doc_number"] == "嘉委办发〔2016〕27号"
    assert p["issue_date"] == pd.Timestamp("2016-05-16")
    assert p["text_held"] == "partial"
    three = plans.loc["jx-2014-2016"]
    assert (three["period_start"], three["period_end"]) == (2014, 2016)
    assert three["text_held"] == "title_only"
    assert pd.isna(three["issue_date"])  # unknown stays unknown
    assert {"predecessor", "successor"} <= set(plans["relation_to_2016"])


def test_actions_keep_the_four_unknown_names_empty():
    actions = jxplan.load_actions()
    assert actions["action_no"].tolist() == list(range(1, 8))
    named = actions[actions["name_zh"].notna()]
    assert named["name_zh"].tolist() == ["规划政策对接行动", "基础设施对接行动", "人才科技对接行动"]
    assert actions.loc[actions["action_no"] > 3, ["name_zh", "name_en"]].isna().all().all()
    assert not actions.loc[actions["action_no"] > 3, "in_held_text"].any()


def test_measures_one_to_seven():
    m = jxplan.load_measures()
    assert m["measure_no"].tolist() == list(range(1, 8))
    assert m.loc["jx-2016-m01", "title_zh"] == "联合开展规划编制"
    assert m["text_complete"].tolist() == [True] * 6 + [False]
    assert m["action_id"].str[-2:].tolist() == ["a1"] * 3 + ["a2"] * 3 + ["a3"]
    assert m.loc["jx-2016-m06", "project_ids"].split(";")[0] == "air-jiaxing-airport"


def test_targets_and_goals():
    goals = jxplan.load_goals()
    assert len(goals) == 5 and goals["name_zh"].str.endswith("实现新突破").all()
    t = jxplan.load_targets()
    assert t["year"].tolist() == [2016] * 3
    assert t["unit_zh"].tolist() == ["人", "个", "亿元"]


def test_outcomes_never_fill_gaps_with_zero():
    o = jxplan.load_outcomes()
    assert not (o["value"] == 0).any()
    gaps = o[o["status"] == "not_found"]
    assert gaps["value"].isna().all() and len(gaps) >= 5
    assert set(gaps.loc[gaps["period_start"] == 2016, "target_id"].dropna()) == {
        "jx-2016-t1", "jx-2016-t2", "jx-2016-t3"}


def test_projects_cover_the_items_of_measures_4_to_6():
    p = jxplan.load_projects(geometry=False)
    named = p[p["measure_id"].notna()]
    assert set(named["measure_id"]) == {"jx-2016-m04", "jx-2016-m05", "jx-2016-m06"}
    assert set(p["mode"]) == {"rail", "road", "bus", "air", "waterway"}
    assert (named["mode"] == "bus").sum() == 3
    for pid in ("rail-l4l5-docking", "wat-dingzhu"):
        assert p.loc[pid, "geometry_precision"] == "not_published"
    successors = p[p["successor_of"].notna()]
    assert successors["successor_of"].isin(p.index).all()


def test_unknown_names_suggest_valid_ones():
    with pytest.raises(ValueError, match="jx-2016"):
        jxplan.load_measures(plan_id="jx-2061")
    with pytest.raises(ValueError, match="air, bus, rail, road, waterway"):
        jxplan.load_projects(mode="train", geometry=False)


def test_datapackage_and_dictionary_are_generated_from_meta():
    assert (jxplan.data_dir() / "datapackage.json").read_text(encoding="utf-8") == datapackage_json()
    out = run_cli("datapackage", "--check")
    assert out.returncode == 0, out.stderr


def test_datapackage_validates_with_frictionless():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(jxplan.data_dir() / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors


def _rewrite(path, edit):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_validator_passes_shipped_data():
    assert validate(geo=False).ok


def test_validator_names_file_line_and_column_of_a_duplicate_key(data_copy):
    _rewrite(data_copy / "measures.csv", lambda rows: rows.append(dict(rows[0])))
    report = validate(data_dir=data_copy, geo=False)
    assert not report.ok
    assert any(p.file == "measures.csv" and p.line == 9 and "duplicate key jx-2016-m01" in p.message
               for p in report.errors), str(report)


def test_validator_flags_missing_required_value_and_bad_reference(data_copy):
    def edit(rows):
        rows[1]["source_url"] = ""
        rows[2]["measure_id"] = "jx-2016-m99"
    _rewrite(data_copy / "projects.csv", edit)
    messages = [str(p) for p in validate(data_dir=data_copy, geo=False).errors]
    assert any("projects.csv, line 3, column source_url: required value is missing" in m
               for m in messages), messages
    assert any("line 4, column measure_id" in m and "jx-2016-m99" in m for m in messages)


def test_loader_refuses_bad_file(data_copy):
    _rewrite(data_copy / "targets.csv", lambda rows: rows[0].update(value="many"))
    with pytest.raises(DataValidationError, match=r"targets\.csv, line 2, column value"):
        jxplan.load_targets()


def test_cli_validate_exit_codes(data_copy):
    ok = run_cli("validate", "--no-geo")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # the exit code of a real process (`python -m jxplan`)
    _rewrite(data_copy / "plans.csv", lambda rows: rows[0].update(plan_id=rows[1]["plan_id"]))
    bad = subprocess.run([sys.executable, "-m", "jxplan", "validate", "--no-geo"],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "plans.csv, line 3, column plan_id: duplicate key" in bad.stdout


def test_loaders_read_the_folder_they_are_given(data_folder):
    _rewrite(data_folder / "plans.csv", lambda rows: rows[0].update(title_en="An edited title"))
    edited = jxplan.load_plans(data_dir=data_folder)
    assert edited["title_en"].iloc[0] == "An edited title"
    assert jxplan.load_plans()["title_en"].iloc[0] != "An edited title"


def test_a_given_folder_is_checked_and_the_shipped_one_is_not_affected(data_folder):
    _rewrite(data_folder / "targets.csv", lambda rows: rows[0].update(value="many"))
    with pytest.raises(DataValidationError, match=r"targets\.csv, line 2, column value"):
        jxplan.load_targets(data_dir=data_folder)
    assert len(jxplan.load_targets()) == 3
