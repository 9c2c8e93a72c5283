"""Tests of jxplan.parse: reading a plan's own text into jxplan's tables.

The seed is a scraped five-page preview of the 2016 plan kept outside the
repository (``../shared/seeds/``); the tests that need it skip without it.
The fixtures in ``tests/fixtures/plans/`` are fictional plans written for
these tests in the same official style.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli

from jxplan.parse import (
    ACTION_COLUMNS,
    MEASURE_COLUMNS,
    PROBLEM_COLUMNS,
    TARGET_COLUMNS,
    PlanTextError,
    parse_plan_file,
    parse_plan_text,
    write_parsed,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plans"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_4a82f9acf3260205.txt"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("the seed preview ../shared/seeds/000_4a82f9acf3260205.txt is not present")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text):
    return parse_plan_text(seed_text, plan_id="jx-2016", year=2016)


def read_back(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


# --------------------------------------------------------------------------- the seed


def test_seed_parts_and_actions(seed):
    parts = seed.parts[seed.parts["level"] == 1]
    assert list(zip(parts["numeral_zh"], parts["name_zh"], strict=True)) == [("一", "工作目标"),
                                                                 ("二", "重点任务")]
    assert seed.actions[["action_id", "action_no", "numeral_zh", "name_zh"]].values.tolist() == [
        ["jx-2016-a1", 1, "一", "规划政策对接行动"],
        ["jx-2016-a2", 2, "二", "基础设施对接行动"],
        ["jx-2016-a3", 3, "三", "人才科技对接行动"],
    ]
    assert seed.actions["in_held_text"].tolist() == [True] * 3
    assert set(seed.actions["name_en"]) == {""}
    assert seed.title == "2016年嘉兴市深化接轨上海工作实施方案"


def test_seed_measures(seed):
    m = seed.measures
    assert m["measure_no"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert m["title_zh"].tolist() == ["联合开展规划编制", "加强政策规则衔接", "改进政府服务供给",
                                      "推进轨道铁路网建设", "推进公路公交网建设",
                                      "推进航空航道网建设", "加强高端人才引进"]
    assert m["measure_id"].tolist() == [f"jx-2016-m{n:02d}" for n in range(1, 8)]
    assert m["action_id"].tolist() == ["jx-2016-a1"] * 3 + ["jx-2016-a2"] * 3 + ["jx-2016-a3"]
    assert m["source_page"].tolist() == [3, 3, 3, 4, 4, 4, 5]
    assert m["text_complete"].tolist() == [True] * 6 + [False]
    assert m["source_section"].tolist() == ["二、(一) 1.", "二、(一) 2.", "二、(一) 3.",
                                            "二、(二) 4.", "二、(二) 5.", "二、(二) 6.",
                                            "二、(三) 7."]
    assert seed.truncated


def test_seed_cleaning_removes_site_debris(seed):
    texts = "".join(seed.measures["text_zh"])
    assert "—15—" not in texts and "当前文档最多预览" not in texts
    # chunk prefixes (5、 6、 …) are gone, numbered measures are kept
    assert "建立与上海统一的市场准入" in seed.measures.loc[1, "text_zh"]
    assert "政策规则衔接" in texts and "8、" not in texts and "5、" not in texts
    # measure 3 runs on across the page footer
    assert "探索建设政府服务“单一窗口”,全面推行" in seed.measures.loc[2, "text_zh"]


def test_seed_targets(seed):
    t = seed.targets
    assert t[["indicator_zh", "value", "unit_zh", "unit", "comparator", "comparator_zh"]
             ].values.tolist() == [
        ["全年招引高层次人才", 100.0, "人", "persons", ">=", "以上"],
        ["引进规上投资项目", 200.0, "个", "items", ">=", "以上"],
        ["金融资本", 40.0, "亿元", "cny_100m", ">=", "以上"],
    ]
    assert t["target_id"].tolist() == ["jx-2016-t1", "jx-2016-t2", "jx-2016-t3"]
    assert t["source_section"].tolist() == ["一、工作目标"] * 3
    assert t["source_page"].tolist() == [2, 2, 2]
    assert t["year"].tolist() == [2016] * 3
    assert set(t["qualifier_zh"]) == {""}


def test_seed_offsets_index_the_original(seed, seed_text):
    for row in seed.measures.itertuples():
        assert row.title_zh in seed_text[row.char_start:row.char_end]
        assert seed_text[row.title_start:row.title_end] == row.title_zh
        assert seed_text[row.char_start:].startswith(f"{row.measure_no}.")
    for row in seed.targets.itertuples():
        sentence = seed_text[row.char_start:row.char_end]
        assert row.indicator_zh in sentence and sentence.endswith("。")
        assert seed_text[row.match_start:row.match_end].startswith(str(int(row.value)))
    for row in seed.actions.itertuples():
        assert seed_text[row.char_start:].startswith(f"({row.numeral_zh}){row.name_zh}")


def test_seed_problems_only_the_cut(seed, seed_text):
    assert seed.problems["kind"].tolist() == ["truncated"]
    assert set(seed.problems["severity"]) == {"warning"}
    start = seed.problems.loc[0, "char_start"]
    assert seed_text[start:].lstrip().startswith("当前文档最多预览")
    assert "7 measure(s) (1 cut off), 3 target(s)" in seed.summary()


def test_seed_matches_shipped_measures(seed):
    import jxplan

    shipped = jxplan.load_measures(plan_id="jx-2016").reset_index()
    columns = ["measure_no", "title_zh", "action_id", "source_page", "text_complete"]
    parsed = seed.measures[columns].astype(object)
    merged = parsed.merge(shipped[["measure_id", *columns]].astype(object), on="measure_no",
                          how="left", suffixes=("", "_shipped"), validate="one_to_one")
    assert merged["measure_id"].notna().all(), "a parsed measure is missing from the shipped data"
    for col in columns[1:]:
        assert merged[col].tolist() == merged[f"{col}_shipped"].tolist(), col


def test_seed_write_parsed_round_trip(seed, tmp_path):
    written = write_parsed(seed, out_dir=tmp_path / "out")
    assert [p.name for p in written] == ["actions.csv", "measures.csv", "targets.csv",
                                         "plan.csv", "problems.csv"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in written)
    actions, measures, targets = (read_back(tmp_path / "out" / f"{n}.csv")
                                  for n in ("actions", "measures", "targets"))
    assert tuple(actions.columns) == ACTION_COLUMNS
    assert tuple(measures.columns) == MEASURE_COLUMNS
    assert tuple(targets.columns) == TARGET_COLUMNS
    assert tuple(read_back(tmp_path / "out" / "problems.csv").columns) == PROBLEM_COLUMNS
    assert measures["title_zh"].tolist() == seed.measures["title_zh"].tolist()
    assert measures["text_complete"].tolist() == ["true"] * 6 + ["false"]
    assert measures["source_page"].tolist() == ["3", "3", "3", "4", "4", "4", "5"]
    assert targets[["value", "unit", "year"]].values.tolist() == [
        ["100", "persons", "2016"], ["200", "items", "2016"], ["40", "cny_100m", "2016"]]
    assert actions["in_held_text"].tolist() == ["true"] * 3
    assert set(actions["confidence"]) == {"C"}
    typed = pd.read_csv(tmp_path / "out" / "measures.csv")
    assert typed["text_complete"].tolist() == [True] * 6 + [False]


# --------------------------------------------------------------------------- fixtures


def test_subitems_under_measures():
    plan = parse_plan_text(fixture_text("subitems_plan.txt"), plan_id="demo-2030")
    assert plan.title == "2030年示例市深化接轨上海工作实施方案"
    assert plan.measures["title_zh"].tolist() == ["共同编制跨界规划", "健全规划衔接机制",
                                                  "推进城际轨道建设", "优化跨界公交线路"]
    assert plan.measures["n_subitems"].tolist() == [3, 0, 2, 0]
    assert plan.measures["action_id"].tolist() == ["demo-2030-a1"] * 2 + ["demo-2030-a2"] * 2
    assert "（3）建立规划信息共享平台" in plan.measures.loc[0, "text_zh"]
    assert plan.actions["name_zh"].tolist() == ["规划协同行动", "交通互联行动"]
    # （一）（二） under 保障措施 are sub-headings, not action areas
    level2 = plan.parts[plan.parts["level"] == 2]
    assert level2[["part_numeral_zh", "name_zh"]].values.tolist() == [
        ["三", "加强组织领导"], ["三", "强化考核督查"]]
    assert plan.problems.empty


def test_subitems_plan_targets():
    plan = parse_plan_text(fixture_text("subitems_plan.txt"), plan_id="demo-2030", year=2030)
    t = plan.targets
    assert t[["indicator_zh", "comparator", "comparator_zh", "value", "unit", "qualifier_zh"]
             ].values.tolist() == [
        ["全年新增对沪合作项目", ">=", "不少于", 30.0, "items", ""],
        ["跨界通勤时间", "<=", "以内", 45.0, "minutes", ""],
        ["引进上海研发机构", ">=", "以上", 15.0, "entities", "力争"],
        ["区域创新投入占比", "=", "达到", 3.5, "pct", "力争"],
        ["新开通跨界公交线路", ">=", "以上", 5.0, "lines", ""],
    ]
    # 2030年, 4号线, “十五五”, 第3个季度 and 两个中心 are not targets
    assert t["source_section"].tolist() == ["一、工作目标"] * 4 + ["二、(二) 4."]


def test_plan_without_action_areas():
    plan = parse_plan_text(fixture_text("no_actions_plan.txt"), plan_id="demo-county")
    assert plan.actions.empty and list(plan.actions.columns)[:len(ACTION_COLUMNS)] == list(ACTION_COLUMNS)
    assert plan.measures["action_id"].tolist() == ["", "", ""]
    assert plan.measures["source_section"].tolist() == ["二、1.", "二、2.", "二、3."]
    assert plan.measures["title_zh"].tolist() == ["深化产业合作", "推进公共服务共享",
                                                  "加强生态环境共保"]
    assert plan.parts["name_zh"].tolist() == ["总体要求", "主要任务", "保障措施"]
    assert plan.targets[["value", "unit_zh", "comparator", "comparator_zh"]].values.tolist() == [
        [200.0, "人", ">=", "以上"], [3.0, "个", "=", ""]]
    assert plan.problems.empty


def test_plan_with_a_table_of_targets():
    plan = parse_plan_text(fixture_text("table_plan.txt"), plan_id="demo-2032")
    t = plan.targets
    assert t[["indicator_zh", "comparator", "comparator_zh", "value", "unit_zh", "unit"]
             ].values.tolist() == [
        ["跨界轨道交通运营里程", ">=", "不少于", 60.0, "公里", "km"],
        ["引进上海企业", ">=", "以上", 120.0, "家", "entities"],
        ["研发经费支出占生产总值比重", ">=", "≥", 3.2, "%", "pct"],
        ["沪示两地通勤人数", "=", "", 25.0, "万人次", "person_times_10k"],
    ]
    assert t["from_table"].all()
    assert set(t["source_section"]) == {"一、发展目标"}
    assert plan.measures["title_zh"].tolist() == ["共建产业合作园区", "承接上海产业转移",
                                                  "共建科技创新平台"]
    assert plan.problems.empty


def test_tab_separated_table():
    text = ("一、发展目标\n主要指标如下：\n指标\t目标值\n新增就业岗位\t5000个以上\n城镇化率\t75%\n"
            "二、重点任务\n1.稳定就业。稳定重点群体就业。\n")
    plan = parse_plan_text(text, plan_id="demo")
    assert plan.targets[["indicator_zh", "value", "unit", "comparator"]].values.tolist() == [
        ["新增就业岗位", 5000.0, "items", ">="], ["城镇化率", 75.0, "pct", "="]]
    for row in plan.targets.itertuples():
        assert text[row.char_start:row.char_end].startswith(row.indicator_zh)


def test_half_width_line_breaks_and_page_markers():
    text = fixture_text("halfwidth_pages_plan.txt")
    plan = parse_plan_text(text, plan_id="demo-2033")
    assert plan.actions["name_zh"].tolist() == ["交通对接行动", "产业对接行动"]
    m = plan.measures
    assert m["title_zh"].tolist() == ["推进跨界道路建设", "完善跨界公交网络", "共建产业合作平台",
                                      "加强科技创新合作"]
    assert m["source_page"].tolist() == [1, 1, 2, 3]
    assert m["source_section"].tolist() == ["二、(一) 1.", "二、(一) 2.", "二、(二) 3.",
                                            "二、(二) 4."]
    # measure 2 runs on across the -3- page break: the span holds the marker,
    # the cleaned text does not, and the broken line is joined again
    assert "-3-" in text[m.loc[1, "char_start"]:m.loc[1, "char_end"]]
    assert "优化毗邻地区公交线路布局,推动公交一卡通在两地互联互通" in m.loc[1, "text_zh"]
    assert m["text_complete"].all() and not plan.truncated
    assert plan.targets[["indicator_zh", "value", "unit_zh", "comparator"]].values.tolist() == [
        ["全年实施对接项目", 40.0, "项", ">="], ["新增跨界公交线路", 6.0, "条", "="],
        ["新增共建研发中心", 10.0, "家", ">="]]
    assert plan.problems.empty


def test_broken_structure_gives_messages():
    plan = parse_plan_text(fixture_text("broken_plan.txt"), plan_id="demo-2034")
    problems = plan.problems.set_index("kind")
    assert {"title_end", "action_gap", "measure_sequence", "target_no_unit"} <= set(problems.index)
    assert "(二) is missing" in problems.loc["action_gap", "message"]
    assert "measure 3. is missing" in problems.loc["measure_sequence", "message"]
    assert "加强政策衔接" in problems.loc["title_end", "message"]
    assert "12" in problems.loc["target_no_unit", "message"]
    # no guessed title, no invented measure 3, no unit-less target
    assert plan.measures[["measure_no", "title_zh"]].values.tolist() == [
        [1, "联合编制专项规划"], [2, ""], [4, "推进跨界道路建设"]]
    assert plan.targets.empty
    assert "4 problem(s)" in plan.summary()


def test_broken_structure_strict_raises():
    with pytest.raises(PlanTextError) as info:
        parse_plan_text(fixture_text("broken_plan.txt"), plan_id="demo-2034", strict=True)
    message = str(info.value)
    assert "3 structural problem(s)" in message
    assert "measure 3. is missing" in message and "(二) is missing" in message
    assert "target_no_unit" not in message  # warnings do not make it fail
    assert len(info.value.problems) == 4


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_fixture_offsets_map_back(name):
    text = fixture_text(name)
    plan = parse_plan_text(text, plan_id="demo")
    assert not plan.measures.empty
    for row in plan.measures.itertuples():
        span = text[row.char_start:row.char_end]
        assert row.title_zh in span and span.startswith(str(row.measure_no))
        assert text[row.title_start:row.title_end] == row.title_zh
    for row in plan.actions.itertuples():
        assert row.name_zh in text[row.char_start:row.char_end]
    for row in plan.problems.itertuples():
        assert 0 <= row.char_start <= row.char_end <= len(text)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_fixture_write_parsed_round_trip(name, tmp_path):
    plan = parse_plan_text(fixture_text(name), plan_id="demo", source_url="https://example.org/p")
    written = write_parsed(plan, out_dir=tmp_path)
    for table, columns in (("actions", ACTION_COLUMNS), ("measures", MEASURE_COLUMNS),
                           ("targets", TARGET_COLUMNS)):
        back = read_back(tmp_path / f"{table}.csv")
        assert tuple(back.columns) == columns
        assert len(back) == len(getattr(plan, table))
        assert set(back["source_url"]) <= {"https://example.org/p"}
    assert (tmp_path / "problems.csv" in written) == (not plan.problems.empty)
    assert not list(tmp_path.glob(".*tmp*"))  # jxplan._atomic's temporary names: .NAME.tmp-TOKEN.EXT


# --------------------------------------------------------------------------- odds and ends


def test_write_parsed_is_all_or_nothing(tmp_path, monkeypatch):
    plan = parse_plan_text(fixture_text("no_actions_plan.txt"), plan_id="demo")
    write_parsed(plan, out_dir=tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    other = parse_plan_text(fixture_text("table_plan.txt"), plan_id="other")
    calls = {"n": 0}
    original = pd.DataFrame.to_csv

    def failing_to_csv(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", failing_to_csv)
    with pytest.raises(OSError, match="disk full"):
        write_parsed(other, out_dir=tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_stale_problems_file_is_removed(tmp_path):
    broken = parse_plan_text(fixture_text("broken_plan.txt"), plan_id="demo")
    write_parsed(broken, out_dir=tmp_path)
    assert (tmp_path / "problems.csv").is_file()
    write_parsed(parse_plan_text(fixture_text("no_actions_plan.txt"), plan_id="demo"),
                 out_dir=tmp_path)
    assert not (tmp_path / "problems.csv").exists()


def test_chunk_prefixes_removed_but_own_lists_kept():
    scraped = ("某网站文库\n\n1、一、工作目标\n全年引进人才100人以上，引进项目\n\n"
               "2、20个以上。\n二、重点任务\n1.编制规划。正文。\n")
    plan = parse_plan_text(scraped, plan_id="demo")
    assert plan.targets[["indicator_zh", "value"]].values.tolist() == [
        ["全年引进人才", 100.0], ["引进项目", 20.0]]
    assert plan.measures["title_zh"].tolist() == ["编制规划"]
    own = "一、任务\n1.丙项。主要包括：\n1、甲。\n2、乙。\n2.丁项。正文。\n"
    plan = parse_plan_text(own, plan_id="demo")
    assert plan.measures["title_zh"].tolist() == ["丙项", "丁项"]
    assert "1、甲。" in plan.measures.loc[0, "text_zh"]
    assert "2、乙。" in plan.measures.loc[0, "text_zh"]


def test_inline_headings_without_line_breaks():
    text = ("方案全文。一、工作目标按照要求,全年新增项目20个以上。二、重点任务"
            "(一)规划对接行动按照要求推进。1.编制规划。正文。"
            "(二)交通对接行动积极推进。2.建设道路。正文")
    plan = parse_plan_text(text, plan_id="demo")
    assert plan.parts["name_zh"].tolist() == ["工作目标", "重点任务"]
    assert plan.actions["name_zh"].tolist() == ["规划对接行动", "交通对接行动"]
    assert plan.measures["text_complete"].tolist() == [True, False]


def test_not_targets():
    text = ("一、工作目标\n按照“两个无差别、三个更好”的要求，推进“七大对接行动”，"
            "在“十三五”开局之年，推进轨道交通4号、5号线对接，2016年完成320国道改线方案，"
            "第2批项目6个月内开工。\n")
    assert parse_plan_text(text, plan_id="demo").targets.empty


def test_no_parts_and_empty_text():
    plan = parse_plan_text("示例市接轨上海工作方案\n1.甲项工作。正文。\n", plan_id="demo")
    assert plan.measures["title_zh"].tolist() == ["甲项工作"]
    assert "no_parts" in plan.problems["kind"].tolist()
    empty = parse_plan_text("", plan_id="demo")
    assert empty.measures.empty and empty.targets.empty
    assert list(empty.tables()["measures"].columns) == list(MEASURE_COLUMNS)


def test_parse_plan_file_reads_gb18030(tmp_path):
    file = tmp_path / "plan.txt"
    file.write_bytes(fixture_text("no_actions_plan.txt").encode("gb18030"))
    plan = parse_plan_file(file, plan_id="demo")
    assert plan.measures["title_zh"].tolist()[0] == "深化产业合作"


def test_cli_parse_output_is_accepted_by_validate_and_load_measures(seed_text, tmp_path):
    import jxplan

    source = tmp_path / "plan.txt"
    source.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "parsed"
    run = run_cli("parse", str(source), "--plan-id", "jx-2016", "--year", "2016",
                  "--out", str(out))
    assert run.returncode == 0, run.stderr
    check = run_cli("validate", "--data-dir", str(out))
    assert check.returncode == 0, check.stdout
    assert "checked 3 files: 0 errors" in check.stdout
    measures = jxplan.load_measures(path=out / "measures.csv")
    assert measures["measure_no"].tolist() == list(range(1, 8))
