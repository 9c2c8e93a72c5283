"""Tests of reading plan documents as users hold them (issue #14).

Three kinds of input:

- real openings of public plan documents in ``../shared/reference/plan-texts/``
  (outside the repository; each test skips, with the reason, where absent),
  checked against what that folder's ``INDEX.md`` says a correct parse gives;
- the repository's own fixtures in ``tests/fixtures/plans/`` (fictional plans
  written in the official style), also turned into PDF, DOCX and HTML here;
- the held seed preview of the 2016 plan (``../shared/seeds/``) with an
  invented continuation, for the "fuller copy of a shipped plan" flow.
"""

from __future__ import annotations

import atexit
import functools
import io
import re
import shutil
import string
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli

import jxplan
from jxplan.parse import (
    PLAN_COLUMNS,
    PROBLEM_COLUMNS,
    PlanTextError,
    add_to_data,
    parse_plan_file,
    parse_plan_text,
    write_parsed,
)
from jxplan.readers import DocumentError, decode_text, html_to_text, read_document

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "plans"
SHARED = HERE.parents[1] / "shared"
OPENINGS = SHARED / "reference" / "plan-texts"
SEED = SHARED / "seeds" / "000_4a82f9acf3260205.txt"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def opening(name: str) -> tuple[str, str]:
    """(source URL, text) of a real opening; skip when the folder is absent."""
    path = OPENINGS / name
    if not path.is_file():
        pytest.skip(f"the real plan opening {path} is not present (../shared/reference/"
                    "plan-texts/ is kept outside the repository)")
    first, text = path.read_text(encoding="utf-8").split("\n", 1)
    return first.removeprefix("# source:").strip(), text


def parse_opening(name: str, **kw):
    url, text = opening(name)
    return parse_plan_text(text, plan_id="real", source_url=url, **kw), text


def target_list(plan) -> list[tuple]:
    return [(r.indicator_zh, r.comparator, r.value, r.unit_zh) for r in plan.targets.itertuples()]


def tables_of(plan) -> dict:
    """What a format must not change: the tables' content, not the offsets."""
    return {"title": plan.title,
            "actions": plan.actions[["action_id", "name_zh"]].values.tolist(),
            "measures": plan.measures[["measure_id", "action_id", "title_zh",
                                       "text_complete"]].values.tolist(),
            "targets": plan.targets[["indicator_zh", "comparator", "value", "unit", "year",
                                     "direction"]].astype(object).values.tolist(),
            "errors": plan.problems.loc[plan.problems["severity"] == "error", "kind"].tolist()}


def assert_offsets_slice(plan, text: str) -> None:
    for frame in (plan.parts, plan.actions, plan.measures, plan.targets, plan.problems):
        for start, end in zip(frame["char_start"], frame["char_end"], strict=True):
            assert 0 <= start <= end <= len(text)
    for row in plan.measures.itertuples():
        assert text[row.title_start:row.title_end] == row.title_zh


# --------------------------------------------------------------------------- real openings


def test_real_01_notice_title_and_non_task_sections():
    plan, text = parse_opening("01_jx-2019-csj-action-plan.txt")
    assert plan.title == "嘉兴市推进长江三角洲区域一体化发展行动计划"
    parts = plan.parts
    assert parts[parts["level"] == 1][["numeral_zh", "name_zh"]].values.tolist() == [
        ["一", "总体要求"]]
    assert parts[parts["level"] == 2]["name_zh"].tolist() == ["指导思想", "基本原则"]
    assert set(parts["role"]) == {"nontask"}
    assert plan.actions.empty and plan.measures.empty and plan.targets.empty
    assert plan.truncated
    meta = plan.metadata
    assert meta["issuers"] == ["中共嘉兴市委", "嘉兴市人民政府"]
    assert meta["issue_date"] == "2019-09-18"
    assert meta["addressees"].startswith("各县(市、区)委")
    assert plan.plan.loc[0, "plan_kind"] == "action_plan"
    assert_offsets_slice(plan, text)


def test_real_03_flattened_task_table_with_lost_dots():
    plan, text = parse_opening("03_jx-11th-fyp-task-breakdown.txt")
    assert plan.title == "《嘉兴市国民经济和社会发展第十一个五年规划纲要》主要目标任务分解落实方案"
    parts = plan.parts[plan.parts["level"] == 1]
    assert parts["name_zh"].tolist() == ["主要发展指标", "产业优化升级"]
    m = plan.measures
    assert m["measure_no"].tolist() == list(range(1, 12))
    assert m["part_numeral_zh"].tolist() == ["一"] * 9 + ["二"] * 2
    assert m.loc[0, "title_zh"] == "地区生产总值年均增长12%左右,人均生产总值达到6万元左右"
    assert m.loc[1, "title_zh"] == "服务业增加值占生产总值比重达到40%"
    assert m.loc[9, "title_zh"].startswith("积极推进技术创新,")
    assert m.loc[9, "title_zh"].endswith("先进生产技术")
    assert m.loc[0, "lead_unit_zh"] == "市发展改革委" and m.loc[9, "lead_unit_zh"] == "市科技局"
    assert not m.loc[10, "text_complete"]
    t = plan.targets
    assert [(r.value, r.unit_zh, r.comparator) for r in t.itertuples()] == [
        (12.0, "%", "="), (6.0, "万元", "="), (40.0, "%", "="), (12.0, "%", "="),
        (8.0, "%", "="), (13.0, "%", "="), (12.0, "%", ">="), (15.0, "%", "="),
        (65.0, "亿美元", "="), (20.0, "%", "="), (10.0, "%", "=")]
    assert t["indicator_zh"].tolist()[:3] == ["地区生产总值年均增长", "人均生产总值",
                                              "服务业增加值占生产总值比重"]
    assert t.loc[8, "indicator_zh"] == "五年外商直接投资实际到位金额"
    assert t.loc[8, "unit"] == "usd_100m"
    assert t.loc[9, "indicator_zh"].startswith("单位生产总值综合能耗")
    assert t.loc[9, "direction"] == "decrease"
    assert t.loc[10, "indicator_zh"] == "高技术产业增加值比重" and t.loc[10, "year"] == 2010
    assert plan.metadata["period"] == (2006, 2010)
    assert_offsets_slice(plan, text)


def test_real_05_chapters_and_a_review_give_no_targets():
    plan, text = parse_opening("05_jx-13th-fyp.txt")
    assert plan.title == "嘉兴市国民经济和社会发展第十三个五年规划纲要"
    assert plan.parts[["level", "name_zh"]].values.tolist() == [
        [1, "开创科学发展新局面"], [2, "过去五年发展成就"]]
    assert plan.measures.empty and plan.targets.empty
    left_out = plan.problems[plan.problems["kind"] == "not_a_target"]["message"]
    for figure in ("3517.1亿元", "8.6%", "1.23万美元", "350.4亿元", "13.2%"):
        assert left_out.str.contains(figure, regex=False).any(), figure
    assert set(plan.problems.loc[plan.problems["kind"] == "not_a_target", "severity"]) == {"info"}
    assert plan.plan.loc[0, "plan_kind"] == "five_year_plan"
    assert (plan.plan.loc[0, "period_start"], plan.plan.loc[0, "period_end"]) == (2016, 2020)
    assert_offsets_slice(plan, text)


def test_real_08_pipe_task_table():
    plan, text = parse_opening("08_jx-2022-goal-task-table.txt")
    m = plan.measures
    assert m["measure_no"].tolist() == list(range(1, 17))
    assert m.loc[0, "title_zh"] == "地区生产总值突破1万亿元"
    assert m.loc[0, "lead_unit_zh"] == "市发展改革委"
    assert m["text_complete"].tolist() == [True] * 15 + [False]
    got = target_list(plan)
    expected = [("地区生产总值", ">", 1.0, "万亿元"), ("规上工业总产值", ">", 2.0, "万亿元"),
                ("财政总收入", ">", 1700.0, "亿元"), ("一般公共预算收入", ">", 1000.0, "亿元"),
                ("累计实际利用外资", ">", 160.0, "亿美元"), ("研发投入强度", "=", 3.8, "%"),
                ("人才资源总量", ">", 150.0, "万人"), ("国家高新技术企业", ">", 5500.0, "家"),
                ("城乡居民人均可支配收入", "=", 9.5, "万元"),
                ("城乡居民人均可支配收入", "=", 6.0, "万元"),
                ("家庭年可支配收入10-50万元群体比例", ">=", 81.0, "%"),
                ("20-60万元群体比例", ">=", 46.0, "%")]
    assert got[:12] == expected
    assert all(g[3] in ("项",) for g in got[12:])  # row 15's counts are optional
    # no responsible unit leaks into an indicator
    assert not plan.targets["indicator_zh"].str.contains("市.{1,6}局|发展改革委").any()
    assert_offsets_slice(plan, text)


def test_real_11_aggregator_page():
    plan, text = parse_opening("11_huzhou-14th-csj-plan.txt")
    assert plan.title == "湖州市“十四五”时期推进长三角一体化发展实施计划"
    assert plan.parts[["level", "name_zh", "role"]].values.tolist() == [
        [1, "总体思路", "nontask"], [2, "指导思想", "nontask"]]
    assert plan.actions.empty and plan.measures.empty and plan.targets.empty
    assert_offsets_slice(plan, text)


def test_real_13_targets_with_the_noun_after_the_number_and_their_own_years():
    plan, text = parse_opening("13_jiading-2024-sponge-city-plan.txt")
    assert plan.title == "嘉定区系统化全域推进海绵城市建设的实施方案"
    assert plan.parts["name_zh"].tolist() == ["工作目标"]
    assert plan.measures.empty
    t = plan.targets
    assert [(r.comparator, r.value, r.unit, r.year) for r in t.itertuples()] == [
        (">=", 50.0, "km2", 2025), (">=", 80.0, "km2", 2030)]
    assert t["indicator_zh"].str.contains("建设用地面积").all()
    meta = plan.metadata
    assert meta["doc_number"] == "嘉府办发〔2024〕23号"
    assert meta["issue_date"] == "2024-10-10"
    assert meta["issuers"] == ["上海市嘉定区人民政府办公室"]
    assert plan.plan.loc[0, "level"] == "district"
    assert_offsets_slice(plan, text)


def test_real_15_review_list_is_not_measures():
    plan, text = parse_opening("15_sh-inland-opening-14th-plan.txt")
    assert plan.parts[["level", "name_zh"]].values.tolist() == [
        [1, "“十四五”发展的基础与趋势"], [2, "过去五年主要成就"]]
    assert plan.measures.empty and plan.targets.empty and plan.actions.empty
    assert "80%以上" in " ".join(plan.problems["message"])
    assert_offsets_slice(plan, text)


def test_real_17_flattened_lists_are_headings():
    plan, text = parse_opening("17_taicang-13th-fyp.txt")
    assert plan.title == "太仓市国民经济和社会发展第十三个五年规划纲要"
    assert plan.parts["name_zh"].tolist() == ["“十三五”发展基础与环境", "“十三五”发展基础"]
    assert plan.measures.empty and plan.targets.empty
    assert_offsets_slice(plan, text)


@pytest.mark.parametrize("name", ["01_jx-2019-csj-action-plan.txt",
                                  "03_jx-11th-fyp-task-breakdown.txt", "05_jx-13th-fyp.txt",
                                  "08_jx-2022-goal-task-table.txt",
                                  "11_huzhou-14th-csj-plan.txt",
                                  "13_jiading-2024-sponge-city-plan.txt",
                                  "15_sh-inland-opening-14th-plan.txt", "17_taicang-13th-fyp.txt"])
def test_real_openings_are_strict_clean_and_say_what_was_placed(name):
    plan, _ = parse_opening(name)
    assert not (plan.problems["severity"] == "error").any(), plan.summary()
    parse_opening(name, strict=True)  # does not raise
    line = plan.placed_line()
    assert line.startswith("text placed: ") and "% of the body" in line


# --------------------------------------------------------------------------- own fixtures


def test_official_notice_plan_metadata():
    plan = parse_plan_text(fixture_text("official_notice_plan.txt"), plan_id="demo-2031",
                           source_url="file:official_notice_plan.txt")
    assert plan.title == "示例市深化接轨上海三年行动计划（2031—2033年）"
    row = plan.plan.iloc[0]
    assert list(plan.plan.columns) == list(PLAN_COLUMNS)
    assert row["title_zh"] == "《示例市深化接轨上海三年行动计划（2031—2033年）》"
    assert row["issuer_zh"] == "中共示例市委办公室；示例市人民政府办公室"
    assert row["doc_number"] == "示委办发〔2031〕8号"
    assert row["issue_date"] == "2031-03-06"
    assert (row["period_start"], row["period_end"], row["period_basis"]) == (2031, 2033, "stated")
    assert (row["plan_kind"], row["level"], row["text_held"]) == ("action_plan", "city", "full")
    assert plan.metadata["addressees"] == "各县（市、区）委、县（市、区）人民政府，市级机关各部门"


def test_official_notice_plan_structure():
    text = fixture_text("official_notice_plan.txt")
    plan = parse_plan_text(text, plan_id="demo-2031")
    level1 = plan.parts[plan.parts["level"] == 1]
    assert level1[["name_zh", "role"]].values.tolist() == [
        ["总体要求", "nontask"], ["发展基础", "review"], ["主要目标", "nontask"],
        ["重点任务", "task"], ["保障措施", "nontask"]]
    # 基本原则's numbered list is not measures; 保障措施's (一) is not an action area
    assert plan.actions["name_zh"].tolist() == ["交通互联行动", "产业协作行动"]
    m = plan.measures
    assert m[["measure_no", "title_zh", "action_id"]].values.tolist() == [
        [1, "推进跨界道路建设", "demo-2031-a1"], [2, "优化跨界公交网络", "demo-2031-a1"],
        [3, "共建产业合作园区", "demo-2031-a2"]]
    assert m.loc[0, "n_subitems"] == 2  # 一是 / 二是
    listed = plan.problems[plan.problems["kind"] == "list_not_measures"]
    assert listed["message"].tolist() == [
        "2 numbered item(s) under (二)基本原则 (a non-task section) are read as its text, "
        "not as measures"]
    assert text[listed["char_start"].iloc[0]:].startswith("1.坚持规划引领")
    box = plan.parts[plan.parts["role"] == "box"]
    assert box[["numeral_zh", "name_zh"]].values.tolist() == [["专栏1", "交通重点项目"]]
    assert plan.problems[plan.problems["severity"] != "info"].empty
    assert_offsets_slice(plan, text)


def test_official_notice_plan_targets_years_directions_and_left_out_figures():
    plan = parse_plan_text(fixture_text("official_notice_plan.txt"), plan_id="demo-2031")
    t = plan.targets
    got = [(r.indicator_zh, r.comparator, r.value, r.unit, r.year, r.direction, r.from_table)
           for r in t.itertuples()]
    assert got == [
        ("新增对沪合作项目", ">=", 60.0, "items", 2033, "level", False),
        ("跨界公交线路", "=", 12.0, "lines", 2033, "level", False),
        ("单位生产总值能耗下降", "=", 15.0, "pct", 2033, "decrease", False),
        ("跨界通勤时间", "<=", 45.0, "minutes", 2033, "cap", False),
        # the table: baseline column 2030年（基期） left out, one target per year column
        ("跨界轨道交通里程", "=", 40.0, "km", 2031, "level", True),
        ("跨界轨道交通里程", "=", 60.0, "km", 2033, "level", True),
        ("对沪合作项目", "=", 30.0, "items", 2031, "level", True),
        ("对沪合作项目", ">=", 60.0, "items", 2033, "level", True),
        ("建成跨界道路", "=", 3.0, "lines", 2032, "level", False),
        ("新开通跨界公交线路", ">=", 5.0, "lines", 2033, "level", False),
        ("与上海园区共建合作园区", "=", 2.0, "items", 2033, "level", False),
    ]
    notes = plan.problems[plan.problems["kind"] == "not_a_target"]
    assert set(notes["severity"]) == {"info"}
    text = " ".join(notes["message"])
    for figure in ("320个", "85亿元", "40家", "基期"):
        assert figure in text, figure
    assert "预计" in text and "review section" in text


def test_task_table_rows_become_measures_with_unit_and_deadline():
    text = fixture_text("task_table_plan.txt")
    plan = parse_plan_text(text, plan_id="demo-county")
    m = plan.measures
    assert m[["measure_no", "title_zh", "lead_unit_zh", "deadline_zh"]].values.tolist() == [
        [1, "新增对沪合作项目30个以上", "县发展改革局", "2032年12月"],
        [2, "开通跨界公交线路2条", "县交通运输局", "2032年6月"],
        [3, "建设跨界绿道，长度达到15公里", "县住房城乡建设局", "2032年底"]]
    assert m["text_complete"].all()
    assert target_list(plan) == [("新增对沪合作项目", ">=", 30.0, "个"),
                                 ("开通跨界公交线路", "=", 2.0, "条"), ("长度", "=", 15.0, "公里")]
    assert plan.targets["year"].tolist() == [2032] * 3
    assert plan.plan.loc[0, "level"] == "county"
    assert plan.problems.empty
    assert_offsets_slice(plan, text)


def test_chapters_and_sections():
    text = fixture_text("chapters_plan.txt")
    plan = parse_plan_text(text, plan_id="demo-16th")
    assert plan.parts[["level", "name_zh", "role"]].values.tolist() == [
        [1, "发展基础", "review"], [1, "总体要求", "nontask"], [2, "指导思想", "nontask"],
        [2, "主要目标", "nontask"], [1, "推进交通互联", "task"]]
    assert plan.actions["name_zh"].tolist() == ["建设轨道交通", "完善公路网络"]
    assert plan.measures["source_section"].tolist() == ["第三章第一节 1.", "第三章第一节 2.",
                                                        "第三章第二节 3."]
    assert target_list(plan)[:2] == [("地区生产总值", "=", 1800.0, "亿元"),
                                     ("研发经费投入强度", "=", 3.5, "%")]
    assert plan.targets["year"].tolist() == [2035] * 5  # the 16th plan's last year
    assert not plan.targets["value"].isin([6.5, 1200.0]).any()  # the review's outcomes
    assert_offsets_slice(plan, text)


def test_traditional_script_is_matched_and_kept():
    text = fixture_text("traditional_plan.txt")
    plan = parse_plan_text(text, plan_id="demo-trad")
    assert plan.title == "示例市接軌上海工作實施方案"
    assert plan.measures["title_zh"].tolist() == ["聯合編製規劃", "推進交通對接"]
    assert target_list(plan) == [("全年引進高層次人才", ">=", 100.0, "人"),
                                 ("新增合作項目", "=", 20.0, "個"), ("金融資本", ">=", 40.0, "億元"),
                                 ("新開通跨界公交線路", "=", 3.0, "條")]
    assert plan.targets["unit"].tolist() == ["persons", "items", "cny_100m", "lines"]


@pytest.mark.parametrize("title,kind", [
    ("示例市接轨上海指导意见", "guidance"), ("示例市接轨上海实施计划", "implementation_plan"),
    ("示例市国民经济和社会发展第十五个五年规划纲要", "five_year_plan"),
    ("示例市接轨上海“十五五”规划", "five_year_plan"), ("示例市接轨上海行动方案", "action_plan")])
def test_title_endings(title, kind):
    plan = parse_plan_text(f"{title}\n一、重点任务\n1.编制规划。正文。\n", plan_id="demo")
    assert plan.title == title
    assert plan.plan.loc[0, "plan_kind"] == kind


def test_the_documents_task_headings_decide_where_measures_are():
    text = ("示例市接轨上海工作方案\n一、主要目标\n1.经济合作更加紧密。新增项目20个以上。\n"
            "2.交通联系更加便捷。\n二、重点任务\n1 推进跨界道路建设。正文。\n"
            "2 优化跨界公交网络。正文。\n")
    plan = parse_plan_text(text, plan_id="demo")
    # the goals' 1. 2. are not measures; the tasks' numbers without a dot are
    assert plan.measures[["measure_no", "title_zh", "part_numeral_zh"]].values.tolist() == [
        [1, "推进跨界道路建设", "二"], [2, "优化跨界公交网络", "二"]]
    assert target_list(plan) == [("新增项目", ">=", 20.0, "个")]
    assert "list_not_measures" in plan.problems["kind"].tolist()
    assert not (plan.problems["severity"] == "error").any()


def test_table_of_contents_is_skipped():
    text = ("示例市接轨上海实施方案\n目录\n一、总体要求……1\n二、重点任务……2\n"
            "一、总体要求\n坚持协同发展。\n二、重点任务\n（一）交通对接行动\n1.建设道路。正文。\n")
    plan = parse_plan_text(text, plan_id="demo")
    assert plan.parts[plan.parts["level"] == 1]["name_zh"].tolist() == ["总体要求", "重点任务"]
    assert plan.actions["name_zh"].tolist() == ["交通对接行动"]
    assert "table_of_contents" in plan.problems["kind"].tolist()


def test_strict_fails_on_any_error_and_problems_have_pages():
    text = "一、重点任务\n1.甲项。正文。\f3.丙项。正文。\n二、保障措施\n一、重复\n"
    plan = parse_plan_text(text, plan_id="demo")
    assert list(plan.problems.columns) == list(PROBLEM_COLUMNS)
    errors = plan.problems[plan.problems["severity"] == "error"]
    assert errors[["kind", "page"]].values.tolist() == [["measure_sequence", 2],
                                                        ["part_sequence", 2]]
    for row in errors.itertuples():
        assert text[row.char_start:row.char_end] in ("3.", "一、")
    with pytest.raises(PlanTextError):
        parse_plan_text(text, plan_id="demo", strict=True)


def test_unknown_structure_is_an_error_not_an_empty_success():
    text = "各位代表：\n" + "今年以来，我们坚持稳中求进，推动经济持续向好，人民生活不断改善。" * 10
    plan = parse_plan_text(text, plan_id="demo")
    assert "nothing_read" in plan.problems["kind"].tolist()
    with pytest.raises(PlanTextError):
        parse_plan_text(text, plan_id="demo", strict=True)


def test_write_parsed_writes_the_plan_row(tmp_path):
    plan = parse_plan_text(fixture_text("official_notice_plan.txt"), plan_id="demo-2031")
    written = write_parsed(plan, out_dir=tmp_path)
    assert [p.name for p in written] == ["actions.csv", "measures.csv", "targets.csv",
                                         "plan.csv", "problems.csv"]
    row = pd.read_csv(tmp_path / "plan.csv", dtype=str, keep_default_na=False)
    assert list(row.columns) == list(PLAN_COLUMNS)
    assert row.loc[0, "period_start"] == "2031" and row.loc[0, "doc_number"] == "示委办发〔2031〕8号"


# --------------------------------------------------------------------------- formats


@functools.cache
def _typeset_chars() -> frozenset[str]:
    """The characters of every text this module typesets as PDF (the fixtures, the real
    openings and the seed, where present), and the footers' characters."""
    texts = [p.read_text(encoding="utf-8") for folder in (FIXTURES, OPENINGS)
             if folder.is_dir() for p in sorted(folder.glob("*.txt"))]
    if SEED.is_file():
        texts.append(SEED.read_text(encoding="utf-8"))
    return frozenset("".join(texts)) | frozenset(string.printable + "—")


@functools.cache
def _cut_font(chars: frozenset[str]) -> str:
    """A file of the packaged CJK font cut to ``chars`` (removed when the tests end)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from jxplan.fonts import font_path

    folder = tempfile.mkdtemp(prefix="jxplan-typeset-")
    atexit.register(shutil.rmtree, folder, True)
    path = Path(folder) / "NotoSansSC-typeset.otf"
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    with TTFont(font_path(family="sans"), recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(chars)))
        subsetter.subset(font)
        font.save(path)
    return str(path)


def _typesetting_font(text: str) -> str:
    """The packaged CJK font, cut once to the characters this module typesets.

    Cut, because matplotlib embeds a subset of the font in each PDF (one for every 256
    characters under its default ``ps.fonttype``), and cutting the whole 8 MB font takes
    about 0.3 s each time; a PDF typeset with the cut font holds the same glyphs, widths
    and text layer."""
    known = _typeset_chars()
    return _cut_font(known if known.issuperset(text) else known | frozenset(text))


@functools.cache
def _pdf_bytes(text: str, *, lines_per_page: int = 14, width: int = 34) -> bytes:
    """A PDF with a text layer, typeset from ``text`` by matplotlib with the
    packaged CJK font (cut: ``_typesetting_font``): long lines wrapped, a —N— footer
    on every page (typeset once per text: tests that read the same text as PDF share
    the bytes)."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=_typesetting_font(text))
    lines = []
    for line in text.split("\n"):
        while len(line) > width and "|" not in line:
            lines.append(line[:width])
            line = line[width:]
        lines.append(line)
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(buf) as pdf:
        for n, page in enumerate(pages, start=1):
            fig = Figure(figsize=(8.27, 11.69))
            for k, line in enumerate(page):
                fig.text(0.08, 0.92 - 0.05 * k, line or " ", fontproperties=font, fontsize=11)
            fig.text(0.5, 0.04, f"—{n}—", fontproperties=font, fontsize=10)
            pdf.savefig(fig)
    return buf.getvalue()


def _docx_bytes(text: str) -> bytes:
    docx = pytest.importorskip("docx", reason="python-docx (the test extra) writes the DOCX")
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    table_rows: list[list[str]] = []

    def flush():
        if table_rows:
            width = max(len(r) for r in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            for i, cells in enumerate(table_rows):
                for j, cell in enumerate(cells):
                    table.cell(i, j).text = cell
            table_rows.clear()

    for k, line in enumerate(text.split("\n")):
        if "|" in line:
            table_rows.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        flush()
        paragraph = document.add_paragraph(line)
        if k == 12:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    flush()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _html_bytes(text: str) -> bytes:
    body, rows = [], []
    for line in text.split("\n"):
        if "|" in line:
            cells = "".join(f"<td>{c.strip()}</td>" for c in line.strip().strip("|").split("|"))
            rows.append(f"<tr>{cells}</tr>")
            continue
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows = []
        tag = "h2" if len(line) < 24 and "。" not in line else "p"
        body.append(f"<{tag}>{line}</{tag}>" if line else "<br/>")
    if rows:
        body.append("<table>" + "".join(rows) + "</table>")
    page = ('<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=gb2312"><title>示例市人民政府</title><script>var a="一、假的";</script>'
            '</head><body><nav><a>首页</a> | <a>政务公开</a> | <a>一、导航</a></nav>'
            '<div class="header">示例市人民政府门户网站</div>'
            '<div class="article-content"><div class="position">当前位置：首页 &gt; 政务公开 &gt; '
            '一、规划计划</div>'
            f'{"".join(body)}<div class="share-bar">分享到：微信 微博</div></div>'
            '<footer>主办：示例市人民政府办公室 版权所有</footer></body></html>')
    return page.encode("gb18030")


@pytest.mark.parametrize("name", ["official_notice_plan.txt", "task_table_plan.txt",
                                  "chapters_plan.txt", "subitems_plan.txt"])
@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_formats_give_the_same_tables_as_the_text(name, fmt, tmp_path):
    text = fixture_text(name)
    make = {"pdf": _pdf_bytes, "docx": _docx_bytes, "html": _html_bytes}[fmt]
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes(make(text))
    plan = parse_plan_file(path, plan_id="demo")
    expected = parse_plan_text(text, plan_id="demo")
    assert tables_of(plan) == tables_of(expected)
    doc = read_document(path)
    assert doc.format == fmt
    assert_offsets_slice(plan, doc.text)
    if fmt == "pdf" and len(text.split("\n")) > 14:
        assert doc.n_pages > 1
        pages = plan.measures["source_page"]
        assert pages.is_monotonic_increasing and 1 < pages.max() <= doc.n_pages
        # each measure is on the page the PDF has it on
        page_texts = doc.text.split("\f")
        for row in plan.measures.itertuples():
            assert row.title_zh[:4] in page_texts[row.source_page - 1]


def test_html_reader_drops_navigation_and_keeps_cells():
    text = html_to_text(_html_bytes("一、重点任务\n指标 | 单位\n1.编制规划。正文。").decode("gb18030"))
    assert text == "一、重点任务\n指标 | 单位\n1.编制规划。正文。\n"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_text_encodings_are_detected_and_reported(codec, tmp_path):
    text = fixture_text("official_notice_plan.txt")
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode(codec))
    doc = read_document(path)
    assert doc.text == text and doc.encoding == codec
    assert tables_of(parse_plan_file(path, plan_id="demo")) == tables_of(
        parse_plan_text(text, plan_id="demo"))


def test_big5_traditional_text(tmp_path):
    text = fixture_text("traditional_plan.txt")
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("big5"))
    doc = read_document(path)
    assert doc.encoding == "big5" and doc.text == text
    assert len(parse_plan_file(path, plan_id="demo").targets) == 4


def _ofd_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
    return buf.getvalue()


def _xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


def _scanned_pdf_bytes() -> bytes:
    import numpy as np
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    buf = io.BytesIO()
    with PdfPages(buf) as pdf:
        fig = Figure(figsize=(4, 4))
        fig.figimage(np.random.default_rng(0).random((50, 50)))
        pdf.savefig(fig)
    return buf.getvalue()


@pytest.mark.parametrize("name,data,words", [
    ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ["legacy Word", "docx"]),
    ("plan.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), [".wps", "convert-to docx"]),
    ("plan.ofd", None, ["OFD", "PDF"]),
    ("plan.xlsx", None, ["Excel"]),
    ("scan.pdf", None, ["text layer", "OCR"]),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(100), ["PNG", "OCR"]),
    ("plan.bin", bytes(range(256)) * 4, ["not text"]),
])
def test_refusals_name_the_file_and_the_remedy(name, data, words, tmp_path):
    data = data if data is not None else {"plan.ofd": _ofd_bytes, "plan.xlsx": _xlsx_bytes,
                                          "scan.pdf": _scanned_pdf_bytes}[name]()
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        parse_plan_file(path, plan_id="demo")
    message = str(info.value)
    assert name in message
    for word in words:
        assert word in message, (word, message)


def test_decode_text_gives_a_clear_error():
    with pytest.raises(DocumentError, match=re.escape("x.txt cannot be read as ascii")):
        decode_text("接轨".encode(), name="x.txt", encoding="ascii")


# --------------------------------------------------------------------------- command line


def _run(*args: str):
    """A ``jxplan`` command, run in this process (conftest.run_cli)."""
    return run_cli(*args)


def test_cli_parse_reads_gb18030_and_pdf(tmp_path):
    text = fixture_text("official_notice_plan.txt")
    gb = tmp_path / "计划.txt"
    gb.write_bytes(text.encode("gb18030"))
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(_pdf_bytes(text))
    for source in (gb, pdf):
        out = tmp_path / source.suffix.lstrip(".")
        run = _run("parse", str(source), "--plan-id", "demo-2031", "--out", str(out))
        assert run.returncode == 0, run.stderr
        assert "text placed:" in run.stdout
        assert ("(gb18030)" if source is gb else "pdf, ") in run.stdout.splitlines()[0]
        measures = pd.read_csv(out / "measures.csv", dtype=str, keep_default_na=False)
        assert measures["title_zh"].tolist() == ["推进跨界道路建设", "优化跨界公交网络",
                                                 "共建产业合作园区"]
        assert (out / "plan.csv").is_file()
        assert set(measures["source_url"]) == {f"file:{source.name}"}


def test_cli_parse_refuses_a_doc_without_a_traceback(tmp_path):
    doc = tmp_path / "方案.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    run = _run("parse", str(doc), "--plan-id", "demo", "--out", str(tmp_path / "o"))
    assert run.returncode == 2
    assert "方案.doc" in run.stderr and "docx" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "o").exists()


def test_cli_parse_strict_writes_nothing_on_errors(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text(fixture_text("broken_plan.txt"), encoding="utf-8")
    run = _run("parse", str(broken), "--plan-id", "demo", "--out", str(tmp_path / "o"),
               "--strict")
    assert run.returncode == 1 and "measure_sequence" in run.stdout
    assert not (tmp_path / "o").exists()


# --------------------------------------------------------------------------- a fuller copy

# An invented continuation of the held preview, for the test only: it is not
# the plan's text (jxplan holds only the 5-page preview).  It completes
# measure 7 and adds action areas (四)–(五) and measures 8–9.
CONTINUATION = (
    "作。测试用续文。\n"
    "（四）测试甲对接行动\n"
    "8.测试甲项措施。测试用正文，新增测试项目12个以上。\n"
    "（五）测试乙对接行动\n"
    "9.测试乙项措施。测试用正文。\n")


@pytest.fixture(scope="module")
def fuller_copy(tmp_path_factory):
    if not SEED.is_file():
        pytest.skip("the seed preview ../shared/seeds/000_4a82f9acf3260205.txt is not present")
    seed = SEED.read_text(encoding="utf-8")
    cut = seed.index("当前文档最多预览")
    text = seed[:cut].rstrip() + CONTINUATION
    path = tmp_path_factory.mktemp("full") / "full_plan.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_fuller_copy_extends_the_shipped_plan(fuller_copy, tmp_path):
    from jxplan.settings import data_dir
    from jxplan.validate import validate

    report = add_to_data(fuller_copy, plan_id="jx-2016", out_dir=tmp_path / "data")
    assert "measures: 7 confirmed (1 completed), 2 added" in report
    assert "action areas: 3 confirmed, 2 named from the document, 0 added" in report
    assert "targets: 3 confirmed, 1 added" in report
    assert validate(data_dir=tmp_path / "data", geo=False).ok
    shipped = pd.read_csv(data_dir() / "measures.csv", dtype=str, keep_default_na=False)
    new = pd.read_csv(tmp_path / "data" / "measures.csv", dtype=str, keep_default_na=False)
    mine = new[new["plan_id"] == "jx-2016"].set_index("measure_no")
    old = shipped[shipped["plan_id"] == "jx-2016"].set_index("measure_no")
    # shipped provenance and translations kept where both agree
    for no in map(str, range(1, 8)):
        assert mine.loc[no, "source_url"] == old.loc[no, "source_url"]
        assert mine.loc[no, "title_en"] == old.loc[no, "title_en"]
    assert mine.loc["7", "text_complete"] == "true"
    assert mine.loc["8", "title_zh"] == "测试甲项措施"
    assert mine.loc["8", "action_id"] == "jx-2016-a4"
    assert set(mine.loc[["8", "9"], "source_url"]) == {"file:full_plan.txt"}
    actions = pd.read_csv(tmp_path / "data" / "actions.csv", dtype=str, keep_default_na=False)
    a4 = actions[actions["action_id"] == "jx-2016-a4"].iloc[0]
    assert (a4["name_zh"], a4["in_held_text"], a4["source_url"]) == (
        "测试甲对接行动", "true", "file:full_plan.txt")
    targets = pd.read_csv(tmp_path / "data" / "targets.csv", dtype=str, keep_default_na=False)
    assert targets[targets["plan_id"] == "jx-2016"]["target_id"].tolist() == [
        "jx-2016-t1", "jx-2016-t2", "jx-2016-t3", "jx-2016-t4"]
    # every other table is the shipped one
    assert (tmp_path / "data" / "projects.csv").read_bytes() == (
        data_dir() / "projects.csv").read_bytes()


def test_fuller_copy_by_the_command_line_flows_into_the_loaders(fuller_copy, tmp_path,
                                                                monkeypatch):
    out = tmp_path / "data"
    run = _run("parse", str(fuller_copy), "--plan-id", "jx-2016", "--data-out", str(out))
    assert run.returncode == 0, run.stderr
    assert "JXPLAN_DATA_DIR" in run.stdout
    # the folder the command names, selected as it says: the loaders read it
    monkeypatch.setenv("JXPLAN_DATA_DIR", str(out))
    from jxplan.analysis import measure_coverage

    m = jxplan.load_measures()
    c = measure_coverage().set_index("action_no")
    # the data behind the measures-by-action figure now holds the added areas and measures
    assert [len(m), m["title_zh"].iloc[-1], c.loc[4, "name_zh"], c.loc[4, "measure_nos"]] == [
        9, "测试乙项措施", "测试甲对接行动", "8"]
    check = _run("validate", "--data-dir", str(out), "--no-geo")
    assert check.returncode == 0, check.stdout


def test_a_new_plan_goes_into_a_full_data_folder(tmp_path, monkeypatch):
    from jxplan.validate import validate

    text = ("示例县人民政府办公室关于印发《示例县2026年接轨上海工作要点》的通知\n"
            "各乡镇人民政府，县级各部门：\n现印发给你们，请认真贯彻执行。\n"
            "示例县人民政府办公室\n2026年2月3日\n示例县2026年接轨上海工作要点\n"
            "一、重点任务\n（一）交通对接行动\n1.推进跨界道路。建成道路2条。\n")
    plan = parse_plan_text(text, plan_id="demo-2026", source_url="file:demo.txt")
    assert plan.plan.loc[0, "issue_date"] == "2026-02-03"
    report = add_to_data(plan, out_dir=tmp_path)
    assert report.startswith("demo-2026: a new plan")
    assert validate(data_dir=tmp_path, geo=False).ok
    plans = pd.read_csv(tmp_path / "plans.csv", dtype=str, keep_default_na=False)
    assert plans["plan_id"].tolist()[-1] == "demo-2026"
    assert plans.iloc[-1]["level"] == "county"
    # the registry and the comparison take it as they take a shipped plan
    monkeypatch.setenv("JXPLAN_DATA_DIR", str(tmp_path))
    p = jxplan.load_plans().reset_index()
    assert str(p.loc[p["plan_id"] == "demo-2026", "issue_date"].iloc[0]).startswith("2026-02-03")
    c = jxplan.compare_plans("jx-2016", "demo-2026", by="action")
    assert "only_b" in set(c["status"])


def test_docx_automatic_list_numbers_are_read(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx (the test extra) writes the DOCX")
    document = docx.Document()
    for line in ("示例市接轨上海工作方案", "一、重点任务"):
        document.add_paragraph(line)
    # Word's own numbering: the "1." "2." are not in the paragraphs' text
    document.add_paragraph("推进跨界道路建设。加快建设示沪快速路。", style="List Number")
    document.add_paragraph("优化跨界公交网络。新开通跨界公交线路5条以上。", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(path)
    assert "\n1.推进跨界道路建设。" in read_document(path).text
    plan = parse_plan_file(path, plan_id="demo")
    assert plan.measures[["measure_no", "title_zh"]].values.tolist() == [
        [1, "推进跨界道路建设"], [2, "优化跨界公交网络"]]


def test_a_page_break_is_a_line_break():
    # PDF pages are joined with a form feed and no newline: the heading that
    # opens a page must not run into the sentence that closed the last one
    text = ("一、重点任务\n（一）甲对接行动\n1.推进甲项合作。正文，力争投资达到1\n2亿元。"
            "\f（二）乙对接行动\n2.推进乙项合作。正文。\n")
    plan = parse_plan_text(text, plan_id="demo")
    assert plan.actions["name_zh"].tolist() == ["甲对接行动", "乙对接行动"]
    assert plan.measures[["measure_no", "source_page"]].values.tolist() == [[1, 1], [2, 2]]
    assert target_list(plan) == [("投资", "=", 12.0, "亿元")]
    assert plan.problems.empty


@pytest.mark.parametrize("name", ["01_jx-2019-csj-action-plan.txt",
                                  "03_jx-11th-fyp-task-breakdown.txt",
                                  "08_jx-2022-goal-task-table.txt",
                                  "13_jiading-2024-sponge-city-plan.txt",
                                  "17_taicang-13th-fyp.txt"])
def test_real_openings_typeset_as_pdf_give_the_same_tables(name, tmp_path):
    _, text = opening(name)
    path = tmp_path / "opening.pdf"
    path.write_bytes(_pdf_bytes(text))
    assert tables_of(parse_plan_file(path, plan_id="real")) == tables_of(
        parse_plan_text(text, plan_id="real"))


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_the_seed_in_other_formats_parses_as_today(fmt, tmp_path):
    if not SEED.is_file():
        pytest.skip("the seed preview ../shared/seeds/000_4a82f9acf3260205.txt is not present")
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / f"seed.{fmt}"
    path.write_bytes(_pdf_bytes(text) if fmt == "pdf" else _html_bytes(text))
    plan = parse_plan_file(path, plan_id="jx-2016", year=2016)
    assert plan.measures["title_zh"].tolist() == [
        "联合开展规划编制", "加强政策规则衔接", "改进政府服务供给", "推进轨道铁路网建设",
        "推进公路公交网建设", "推进航空航道网建设", "加强高端人才引进"]
    assert [(r.value, r.unit) for r in plan.targets.itertuples()] == [
        (100.0, "persons"), (200.0, "items"), (40.0, "cny_100m")]
    assert plan.title == "2016年嘉兴市深化接轨上海工作实施方案"


def test_running_heads_of_a_paginated_text_are_page_furniture():
    body = fixture_text("official_notice_plan.txt").split("\n")
    pages = ["\n".join(body[i:i + 8]) for i in range(0, len(body), 8)]
    paged = "\f".join(f"示例市人民政府公报\n{page}\n第{n}页" for n, page in enumerate(pages, 1))
    plan = parse_plan_text(paged, plan_id="demo")
    assert tables_of(plan) == tables_of(parse_plan_text(fixture_text("official_notice_plan.txt"),
                                                        plan_id="demo"))
    assert "公报" not in "".join(plan.measures["text_zh"])
    for row in plan.measures.itertuples():
        assert row.title_zh in pages[row.source_page - 1]


def test_spaced_out_extraction_is_read():
    text = fixture_text("task_table_plan.txt")
    # what some PDF extractions give: a space between every two Chinese characters
    spaced = re.sub(r"(?<=[\u4e00-\u9fff，。、])(?=[\u4e00-\u9fff，。、])", " ", text)
    assert "示 例 县" in spaced
    plan = parse_plan_text(spaced, plan_id="demo")
    assert plan.title == "示例县2032年接轨上海重点工作任务分解表"
    assert tables_of(plan) == tables_of(parse_plan_text(text, plan_id="demo"))
    for row in plan.measures.itertuples():  # the offsets hold the spaced-out title
        assert spaced[row.title_start:row.title_end].replace(" ", "") == row.title_zh


def test_traditional_front_matter_keeps_its_script():
    text = ("示例市人民政府辦公室關於印發《示例市接軌上海工作實施方案》的通知\n"
            "示政辦發〔2026〕5號\n各縣（市、區）人民政府，市級各部門：\n現印發給你們。\n"
            "示例市人民政府辦公室\n2026年4月1日\n示例市接軌上海工作實施方案\n"
            "一、重點任務\n1.推進交通對接。新開通跨界公交線路3條。\n")
    meta = parse_plan_text(text, plan_id="demo").metadata
    assert meta["title"] == "示例市接軌上海工作實施方案"
    assert meta["issuers"] == ["示例市人民政府辦公室"]
    assert meta["doc_number"] == "示政辦發〔2026〕5號"
    assert meta["addressees"] == "各縣（市、區）人民政府，市級各部門"
    assert meta["issue_date"] == "2026-04-01"


def test_a_title_set_on_two_lines_is_joined_when_the_notice_names_it():
    text = fixture_text("official_notice_plan.txt").replace(
        "\n示例市深化接轨上海三年行动计划（2031—2033年）\n",
        "\n示例市深化接轨上海\n三年行动计划（2031—2033年）\n")
    plan = parse_plan_text(text, plan_id="demo")
    assert plan.title == "示例市深化接轨上海三年行动计划（2031—2033年）"
    # without a notice naming it, a line above a title is not taken into it
    chrome = "规划计划\n示例市深化接轨上海工作实施方案\n一、重点任务\n1.编制规划。正文。\n"
    assert parse_plan_text(chrome, plan_id="demo").title == "示例市深化接轨上海工作实施方案"


def test_docx_content_controls_are_opened(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx (the test extra) writes the DOCX")
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("一、重点任务")
    paragraph = document.add_paragraph("1.编制规划。正文。")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    paragraph._p.addprevious(sdt)
    sdt.append(content)
    content.append(paragraph._p)  # the measure now sits inside a content control
    path = tmp_path / "sdt.docx"
    document.save(path)
    assert parse_plan_file(path, plan_id="demo").measures["title_zh"].tolist() == ["编制规划"]


def test_parts_named_di_x_bufen():
    text = ("示例市接轨上海工作实施方案\n第一部分  总体要求\n坚持协同发展。\n第二部分  重点任务\n"
            "（一）交通对接行动\n1.推进跨界道路建设。正文。\n（二）产业对接行动\n"
            "2.共建产业园区。正文。\n第三部分  保障措施\n加强组织领导。\n")
    plan = parse_plan_text(text, plan_id="demo")
    parts = plan.parts[plan.parts["level"] == 1]
    assert parts[["numeral_zh", "name_zh", "role"]].values.tolist() == [
        ["一", "总体要求", "nontask"], ["二", "重点任务", "task"], ["三", "保障措施", "nontask"]]
    assert plan.actions["name_zh"].tolist() == ["交通对接行动", "产业对接行动"]
    assert plan.measures["source_section"].tolist() == ["第二部分(一) 1.", "第二部分(二) 2."]
    assert plan.problems.empty
