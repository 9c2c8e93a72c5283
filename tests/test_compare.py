"""Plan comparison (jxplan.compare) and the templates for a user's own plan."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

import jxplan
from jxplan.compare import COLUMNS, NAME_NOT_HELD, action_key, compare_plans
from jxplan.io import read_table
from jxplan.meta import TABLES

REPO = Path(__file__).resolve().parents[1]
DEMO = Path(__file__).resolve().parent / "fixtures" / "plans" / "demo-2030"
TEMPLATES = REPO / "data" / "templates"


def _rows(table: pd.DataFrame, dimension: str) -> dict[str, dict]:
    part = table[table["dimension"] == dimension]
    return {row["key"]: row for row in part.to_dict("records")}


def _status(table: pd.DataFrame, dimension: str) -> dict[str, str]:
    return {k: r["status"] for k, r in _rows(table, dimension).items()}


# --------------------------------------------------------------------------- fixture plan


def test_fixture_files_pass_the_shipped_checks():
    for name in ("actions", "measures", "projects"):
        frame = read_table(name, path=DEMO / f"{name}.csv")
        assert len(frame) > 0
    measures = jxplan.load_measures(path=DEMO / "measures.csv")
    assert set(measures["plan_id"]) == {"demo-2030"}  # the user's own plan, not jx-2016


def test_compare_2016_with_fixture_plan_by_action():
    t = compare_plans("jx-2016", DEMO, by="action")
    rows = _rows(t, "action")
    assert rows["规划政策"]["status"] == "in_both"
    assert rows["规划政策"]["measure_ids_a"] == "jx-2016-m01;jx-2016-m02;jx-2016-m03"
    assert rows["规划政策"]["measure_ids_b"] == "demo-2030-m01"
    assert rows["基础设施"]["status"] == "in_both"
    assert rows["基础设施"]["measure_ids_b"] == "demo-2030-m02;demo-2030-m03"
    assert rows["人才科技"]["status"] == "only_a"
    assert rows["产业合作"]["status"] == "only_b"
    assert (rows["产业合作"]["plan_a"], rows["产业合作"]["plan_b"]) == (pd.NA, "demo-2030") or (
        pd.isna(rows["产业合作"]["plan_a"]) and rows["产业合作"]["plan_b"] == "demo-2030")
    # the 2016 plan has four unnamed action areas: 产业合作 may be one of them
    assert "4 action area(s)" in rows["产业合作"]["note"]
    # unnamed action areas are their own rows, never matched
    unknown = t[t["status"] == "unknown"]
    assert unknown["key"].tolist() == ["jx-2016-a4", "jx-2016-a5", "jx-2016-a6", "jx-2016-a7",
                                       "demo-2030-a4"]
    assert set(unknown["key_en"]) == {NAME_NOT_HELD}
    assert rows["demo-2030-a4"]["measure_ids_b"] == "demo-2030-m05"
    assert pd.isna(rows["demo-2030-a4"]["plan_a"])


def test_compare_2016_with_fixture_plan_by_project():
    t = compare_plans("jx-2016", DEMO, by="project")
    rows = _rows(t, "project")
    assert rows["air-jiaxing-airport"]["status"] == "in_both"
    assert rows["air-jiaxing-airport"]["measure_ids_a"] == "jx-2016-m06"
    assert rows["air-jiaxing-airport"]["measure_ids_b"] == "demo-2030-m03"
    assert rows["rail-hub-plan"]["status"] == "in_both"
    assert rows["rail-fengnan"]["status"] == "only_b"
    assert rows["rail-fengnan"]["measure_ids_b"] == "demo-2030-m02"
    assert rows["rail-huzhahang"]["status"] == "only_a"
    shipped = jxplan.load_projects(geometry=False)
    linked = set(shipped.index[shipped["measure_id"].notna()])
    assert set(rows) == linked | {"rail-fengnan"}
    assert rows["rail-hub-plan"]["key_en"] == "Jiaxing railway hub master plan"


def test_output_is_tidy_sorted_and_deterministic():
    t = compare_plans("jx-2016", DEMO)
    assert tuple(t.columns) == COLUMNS
    assert all(str(dtype) == "string" for dtype in t.dtypes)
    assert t["dimension"].tolist() == sorted(t["dimension"], key=["action", "project"].index)
    assert set(t["status"]) <= {"in_both", "only_a", "only_b", "unknown"}
    for dim in ("action", "project"):
        order = t[t["dimension"] == dim]["status"].map(
            ["in_both", "only_a", "only_b", "unknown"].index)
        assert order.is_monotonic_increasing
    pd.testing.assert_frame_equal(t, compare_plans("jx-2016", DEMO))
    assert not t.duplicated(["dimension", "key"]).any()
    # by= picks and orders the dimensions
    flipped = compare_plans("jx-2016", DEMO, by=("project", "action"))
    assert flipped["dimension"].iloc[0] == "project"
    assert len(flipped) == len(t)


def test_swapping_the_plans_swaps_only_a_and_only_b():
    ab = compare_plans("jx-2016", DEMO)
    ba = compare_plans(DEMO, "jx-2016")
    swap = {"only_a": "only_b", "only_b": "only_a"}
    got = {(r.dimension, r.key): r.status for r in ba.itertuples()}
    expected = {(r.dimension, r.key): swap.get(r.status, r.status) for r in ab.itertuples()}
    assert got == expected


def test_dataframes_give_the_same_answer_as_a_plan_folder():
    measures = jxplan.load_measures(path=DEMO / "measures.csv")
    projects = read_table("projects", path=DEMO / "projects.csv").reset_index()
    links = projects.groupby("measure_id")["project_id"].agg(";".join)
    measures["project_ids"] = measures.index.map(links).astype("string")
    actions = read_table("actions", path=DEMO / "actions.csv")
    measures["action_name_zh"] = measures["action_id"].map(actions["name_zh"])
    measures["action_name_en"] = measures["action_id"].map(actions["name_en"])
    from_frames = compare_plans(jxplan.load_measures(), measures)
    from_folder = compare_plans("jx-2016", DEMO)
    pd.testing.assert_frame_equal(from_frames.drop(columns="note"),
                                  from_folder.drop(columns="note"))


def test_a_plan_path_may_be_the_measures_file_or_a_string():
    by_file = compare_plans("jx-2016", DEMO / "measures.csv")
    by_str = compare_plans("jx-2016", str(DEMO))
    pd.testing.assert_frame_equal(by_file, compare_plans("jx-2016", DEMO))
    pd.testing.assert_frame_equal(by_str, by_file)


def test_table_without_project_links_counts_projects_as_unknown():
    measures = jxplan.load_measures(path=DEMO / "measures.csv").drop(columns="project_ids")
    t = compare_plans("jx-2016", measures, by="project")
    assert set(t["status"]) == {"unknown"}
    assert t["note"].str.contains("no measure-to-project links").all()


# --------------------------------------------------------------------------- shipped plans


def test_compare_2016_with_port_area_plan_uses_its_actions_table():
    t = compare_plans("jx-2016", "jxgq-2017", by="action")
    status = _status(t, "action")
    assert {k for k, s in status.items() if s == "in_both"} == {"基础设施", "人才科技"}
    assert {k for k, s in status.items() if s == "only_a"} == {"规划政策"}
    assert {k for k, s in status.items() if s == "only_b"} == {
        "定位功能", "产业合作", "园区平台", "公共服务", "合作交流"}
    assert {k for k, s in status.items() if s == "unknown"} == {
        f"jx-2016-a{i}" for i in range(4, 8)}
    rows = _rows(t, "action")
    assert rows["基础设施"]["key_en"] == "Infrastructure"  # the bare name's English
    assert pd.isna(rows["基础设施"]["measure_ids_b"])  # the port plan's measures are not held


def test_projects_of_a_plan_without_measures_are_unknown_not_absent():
    t = compare_plans("jx-2016", "jxgq-2017", by="project")
    assert len(t) > 10 and set(t["status"]) == {"unknown"}
    t = compare_plans("jx-2014-2016", "jx-2016")
    assert set(t["status"]) == {"unknown"}  # the three-year plan is known by its title only


def test_a_plan_compared_with_itself():
    t = compare_plans("jx-2016", "jx-2016")
    assert not t["status"].isin(["only_a", "only_b"]).any()
    unknown = t[t["status"] == "unknown"]
    assert unknown["key"].tolist() == [f"jx-2016-a{i}" for i in range(4, 8)]
    assert (unknown["plan_a"] == "jx-2016").all() and (unknown["plan_b"] == "jx-2016").all()


def test_bad_arguments_are_explained():
    with pytest.raises(ValueError, match=r"unknown plan_id 'jx-2061'; did you mean 'jx-2016'"):
        compare_plans("jx-2061", "jx-2016")
    with pytest.raises(ValueError, match=r"unknown dimension 'actions'.*action, project"):
        compare_plans("jx-2016", "jxgq-2017", by="actions")
    with pytest.raises(ValueError, match="no column action_id"):
        compare_plans("jx-2016", pd.DataFrame({"measure_id": ["x-m01"]}))
    with pytest.raises(TypeError, match="plan id, a folder or a measures DataFrame"):
        compare_plans("jx-2016", 2016)
    with pytest.raises(FileNotFoundError):
        compare_plans("jx-2016", DEMO / "nowhere")


@pytest.mark.parametrize("name, key", [
    ("规划政策对接行动", "规划政策"), ("基础设施", "基础设施"), ("一、人才科技对接行动", "人才科技"),
    ("（三）产业合作行动", "产业合作"), (" 公共 服务 ", "公共服务"), ("行动", "行动"),
])
def test_action_key(name, key):
    assert action_key(name) == key


# --------------------------------------------------------------------------- templates


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


@pytest.mark.parametrize("name", ["measures", "actions", "projects"])
def test_template_columns_are_the_schema(name):
    table = TABLES[name]
    header = _header(TEMPLATES / table.path)
    assert header == list(table.fields)  # every column is a schema field, in order
    assert set(table.required) <= set(header)


@pytest.mark.parametrize("name", ["measures", "actions", "projects"])
def test_template_example_rows_are_fictional_and_valid(name):
    frame = read_table(name, path=TEMPLATES / TABLES[name].path).reset_index()
    assert len(frame) == 1
    text = " ".join(str(v) for v in frame.iloc[0].tolist())
    assert "example" in text and ("fictional" in text or "虚构" in text)


def test_template_readme_explains_every_column():
    readme = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    for name in ("measures", "actions", "projects"):
        section = readme.split(f"## `{name}.csv`", 1)[1].split("\n## ", 1)[0]
        documented = set(re.findall(r"`([a-z_0-9]+)`", section))
        missing = set(TABLES[name].fields) - documented
        assert not missing, (name, missing)
        for field in TABLES[name].required:
            line = next(li for li in section.splitlines()
                        if li.startswith("|") and f"`{field}`" in li)
            assert "| yes |" in line, (name, field)


def test_templates_compare_as_a_plan():
    t = compare_plans("jx-2016", TEMPLATES)
    rows = _rows(t, "project")
    assert rows["example-rail-line"]["status"] == "only_b"
    assert rows["example-rail-line"]["plan_b"] == "example-2030"
