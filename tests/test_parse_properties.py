"""Property-based tests of the parser (hypothesis): what a copy does to a
plan's layout -- page markers, line breaks inside sentences, full- or
half-width characters, a document-sharing site's chunk prefixes -- must not
change its tables, and every offset must slice the input.

Kept small (few examples, short fixtures) so that the suite stays fast.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis (the test extra) is needed")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jxplan.parse import parse_plan_text  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plans"
NAMES = ["official_notice_plan.txt", "subitems_plan.txt", "task_table_plan.txt",
         "chapters_plan.txt", "halfwidth_pages_plan.txt"]
TEXTS = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in NAMES}
SETTINGS = settings(max_examples=15, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
WIDTH = str.maketrans("0123456789.%(),:", "０１２３４５６７８９．％（），：")
BACK = str.maketrans("０１２３４５６７８９．％（），：", "0123456789.%(),:")


def tables(text: str) -> dict:
    plan = parse_plan_text(text, plan_id="p", year=2033)
    norm = {"actions": [n.translate(BACK) for n in plan.actions["name_zh"]],
            "measures": [(r.measure_id, r.action_id, r.title_zh.translate(BACK), r.text_complete)
                         for r in plan.measures.itertuples()],
            "targets": [(r.indicator_zh.translate(BACK), r.comparator, r.value, r.unit, r.year)
                        for r in plan.targets.itertuples()],
            "errors": sorted(plan.problems.loc[plan.problems["severity"] == "error", "kind"])}
    return norm


EXPECTED = {name: tables(text) for name, text in TEXTS.items()}


def _inner_positions(text: str) -> list[int]:
    """Places inside a sentence of running text where a copy may break a line:
    between two Chinese characters, in a line that holds a 。 and no table,
    not just before something that could read as a marker."""
    out, pos = [], 0
    for line in text.split("\n"):
        if "。" in line and "|" not in line:
            for i in range(pos + 4, pos + len(line) - 1):
                a, b = text[i - 1], text[i]
                if ("\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff"
                        and b not in "一二三四五六七八九十第专" and text[i + 1] != "是"):
                    out.append(i)
        pos += len(line) + 1
    return out


def _line_starts(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?m)^(?=.)", text)][1:]


def _insert(text: str, positions: list[int], pieces: list[str]) -> str:
    for pos, piece in sorted(zip(positions, pieces, strict=True), reverse=True):
        text = text[:pos] + piece + text[pos:]
    return text


def _bare(text: str) -> str:
    """Text without the copy's line breaks, page markers and chunk prefixes."""
    return re.sub(r"\s|—\d+—|- \d+ -|第 \d+ 页", "", re.sub(r"\n\s*\d{1,3}、", "", text))


def _assert_offsets(text: str) -> None:
    plan = parse_plan_text(text, plan_id="p")
    for frame in (plan.parts, plan.actions, plan.measures, plan.targets, plan.problems):
        for start, end in zip(frame["char_start"], frame["char_end"], strict=True):
            assert 0 <= start <= end <= len(text)
    for row in plan.measures.itertuples():
        # the title as read has the copy's line breaks and page markers taken out
        assert _bare(text[row.title_start:row.title_end]) == _bare(row.title_zh)
        if not row.lead_unit_zh:  # a table row starts with its 序号 cell
            assert text[row.char_start:].translate(BACK).startswith(str(row.measure_no))
    for row in plan.targets.itertuples():
        figure = text[row.match_start:row.match_end].translate(BACK)
        assert re.sub(r"^\D*", "", figure).startswith(f"{row.value:g}".split(".")[0])


name_st = st.sampled_from(NAMES)
prose_st = st.sampled_from([n for n in NAMES if _inner_positions(TEXTS[n])])


@SETTINGS
@given(name=name_st, data=st.data())
def test_page_markers_do_not_change_the_tables(name, data):
    text = TEXTS[name]
    starts = _line_starts(text)
    chosen = data.draw(st.lists(st.sampled_from(starts), min_size=1, max_size=4, unique=True))
    markers = data.draw(st.lists(st.sampled_from(["—{n}—\n", "- {n} -\n", "\f", "第 {n} 页\n",
                                                  "—{n}—"]),
                                 min_size=len(chosen), max_size=len(chosen)))
    copy = _insert(text, chosen, [m.format(n=k + 2) for k, m in enumerate(markers)])
    assert tables(copy) == EXPECTED[name]
    _assert_offsets(copy)


@SETTINGS
@given(name=prose_st, data=st.data())
def test_line_breaks_inside_sentences_do_not_change_the_tables(name, data):
    text = TEXTS[name]
    places = _inner_positions(text)
    chosen = data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=6, unique=True))
    breaks = data.draw(st.lists(st.sampled_from(["\n", "\r\n", "\n\n", " \n"]),
                                min_size=len(chosen), max_size=len(chosen)))
    copy = _insert(text, chosen, breaks)
    assert tables(copy) == EXPECTED[name]
    _assert_offsets(copy)


@SETTINGS
@given(name=name_st, full=st.booleans())
def test_width_variants_do_not_change_the_tables(name, full):
    text = TEXTS[name]
    copy = text.translate(WIDTH) if full else text.translate(BACK)
    assert tables(copy) == EXPECTED[name]
    _assert_offsets(copy)


@SETTINGS
@given(name=prose_st, data=st.data())
def test_chunk_prefixes_do_not_change_the_tables(name, data):
    text = TEXTS[name]
    places = _inner_positions(text)
    chosen = sorted(data.draw(st.lists(st.sampled_from(places), min_size=2, max_size=5,
                                       unique=True)))
    first = data.draw(st.integers(min_value=1, max_value=30))
    copy = _insert(text, chosen, [f"\n\n{first + k}、" for k in range(len(chosen))])
    assert tables(copy) == EXPECTED[name]
    _assert_offsets(copy)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from(list("一二三、（）()1234.。，\n|：%个年以上达到第章节专栏是"
                                             "重点任务目标行动")), max_size=120))
def test_every_offset_slices_any_input(text):
    _assert_offsets(text)
