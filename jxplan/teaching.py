"""Answer checks for the teaching case (``notebooks/zh/05_teaching_case.ipynb`` and its English edition).

Each ``check_exercise_<n>`` compares a student's answer with the value
computed from the shipped data by jxplan's own loaders and analysis
functions -- no expected number is written into this module, so the checks
stay right when the data are corrected.  A check never raises on a wrong or
oddly typed answer: it returns a short bilingual :class:`Feedback` that
starts with ``✓`` (correct) or ``✗`` (with a hint).

=====  ================================================================
n      question
=====  ================================================================
1      How many of the 2016 plan's action areas have a name in the held text?
2      Which counties does the schematic drawing of the Jinshan-Pinghu
       city-region railway (``rail-jinping``) touch?
3      Which of Jiaxing's seven county-level units is named by the most
       linkage projects (counting the counties the projects declare)?
4      How many years after the end of the 2014-2016 window did the
       Jiaxing airport open?
5      For the talent target (jx-2016-t1), which years 2016-2019 have a
       reported city-wide figure, and which do not?
6      Which action areas of the 2017 Port Area plan (jxgq-2017) share
       their theme with a named action area of the 2016 plan?
7      Code one ask's verdict from its evidence: the lines 4/5 connection
       scheme (ask ``jx-2016-m04-k3``), at its deadline and as of the data's
       as-of date.
8      Code measures 4 and 7 of the 2016 plan by policy instrument yourself;
       how far does your coding agree with jxplan's (Cohen's kappa)?
=====  ================================================================

Examples
--------
>>> from jxplan.teaching import check_exercise_1
>>> check_exercise_1(3)
✓ 正确 / Correct: ...
>>> check_exercise_1(7).ok
False
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, Literal

__all__ = ["Feedback", "EXERCISES", "check_exercise_1", "check_exercise_2", "check_exercise_3",
           "check_exercise_4", "check_exercise_5", "check_exercise_6", "check_exercise_7",
           "check_exercise_8", "VERDICT_ASK", "EXERCISE_8_UNITS"]

#: Exercise number -> (question in Chinese, question in English).
EXERCISES: dict[int, tuple[str, str]] = {
    1: ("2016年实施方案的七大对接行动中，所持文本给出了几项的名称？",
        "How many of the 2016 plan's action areas have a name in the held text?"),
    2: ("金山至平湖市域铁路（rail-jinping）的示意线经过哪些县（市、区）？",
        "Which counties does the schematic drawing of the Jinshan-Pinghu railway touch?"),
    3: ("按项目声明的所涉县（市、区）计，嘉兴七个县（市、区）中哪一个涉及的接轨项目最多？",
        "Which of Jiaxing's seven counties is named by the most linkage projects (declared)?"),
    4: ("嘉兴机场在2014–2016三年行动计划期末（2016-12-31）之后多少年通航？",
        "How many years after the end of the 2014-2016 window did the Jiaxing airport open?"),
    5: ("人才目标（jx-2016-t1）在2016–2019年中，哪些年份有全市数据报道，哪些没有？",
        "For the talent target, which years 2016-2019 have a city-wide figure, which do not?"),
    6: ("2017年嘉兴港区实施方案的哪些对接行动与2016年方案中有名称的行动主题相同？",
        "Which action areas of the 2017 Port Area plan share a theme with a named 2016 area?"),
    7: ("根据证据为一项任务编码：嘉兴轨道交通4号、5号线对接方案（jx-2016-m04-k3）"
        "在期限时和数据截止日各是什么状态？",
        "Code one ask's verdict from its evidence: the lines 4/5 connection scheme "
        "(jx-2016-m04-k3), at its deadline and as of the data's as-of date."),
    8: ("按政策工具为2016年方案的措施4和措施7编码：你的编码与 jxplan 的编码一致程度如何（Cohen's kappa）？",
        "Code measures 4 and 7 by policy instrument: how far does your coding agree with jxplan's?"),
}


class Feedback(str):
    """A check's message; ``ok`` says whether the answer was right.

    It prints without quotes, so it reads well as the last line of a cell.

    Examples
    --------
    >>> fb = Feedback("✓ 正确 / Correct", ok=True)
    >>> fb, fb.ok
    (✓ 正确 / Correct, True)
    """

    ok: bool

    def __new__(cls, text: str, *, ok: bool) -> Feedback:
        obj = super().__new__(cls, text)
        obj.ok = ok
        return obj

    def __repr__(self) -> str:
        return str(self)


def _right(zh: str, en: str) -> Feedback:
    return Feedback(f"✓ 正确 / Correct: {zh} / {en}", ok=True)


def _hint(zh: str, en: str) -> Feedback:
    return Feedback(f"✗ 还不对 / Not yet. 提示：{zh} / Hint: {en}", ok=False)


def _no_answer(n: int) -> Feedback:
    return Feedback(f"✗ 还没有答案 / No answer yet. 提示：在 answer_{n} 中写下你的答案，再运行本检查。 / "
                    f"Hint: write your answer in answer_{n}, then run this check again.", ok=False)


def _as_number(answer: Any) -> float | None:
    """A finite float from an int, float, numpy scalar or numeric string; else None."""
    if isinstance(answer, bool):
        return None
    try:
        value = float(str(answer).strip()) if isinstance(answer, str) else float(answer)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _as_items(answer: Any) -> list | None:
    """A list from any iterable that is not a string; a lone value as one item; None for a mapping."""
    if isinstance(answer, Mapping):
        return None
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return [answer]
    return list(answer)


def _county_lookup() -> dict[str, str]:
    """Ways of writing each study county (adcode, 南湖区, 南湖, Nanhu District, nanhu) -> adcode."""
    from jxplan.geo import load_counties

    lookup: dict[str, str] = {}
    for row in load_counties(shanghai=True).itertuples():
        short_en = re.sub(r"\s+(District|County|City)$", "", row.name_en)
        for form in (row.adcode, row.name_zh, row.name_zh[:-1], row.name_en, short_en):
            lookup[_norm(form)] = row.adcode
    return lookup


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _county_codes(answer: Any) -> tuple[set[str], list[str]] | None:
    """The adcodes named in ``answer`` and the items that name no study county."""
    items = _as_items(answer)
    if items is None:
        return None
    lookup = _county_lookup()
    codes, unknown = set(), []
    for item in items:
        code = lookup.get(_norm(item))
        if code is None:
            unknown.append(str(item))
        else:
            codes.add(code)
    return codes, unknown


def _missing_extra(expected: set, got: set, *, missing_zh: str,
                   unit_zh: str) -> tuple[str, str]:
    """How many of ``expected`` ``got`` lacks and how many it adds, in Chinese and English.

    >>> _missing_extra({1, 2}, {2, 3, 4}, missing_zh="缺少", unit_zh="个")
    ('缺少 1 个，多了 2 个', '1 missing; 2 extra')
    """
    missing, extra = expected - got, got - expected
    zh = [f"{missing_zh} {len(missing)} {unit_zh}" if missing else "",
          f"多了 {len(extra)} {unit_zh}" if extra else ""]
    en = [f"{len(missing)} missing" if missing else "", f"{len(extra)} extra" if extra else ""]
    return "，".join(z for z in zh if z), "; ".join(e for e in en if e)


def _county_names(codes: Iterable[str]) -> tuple[str, str]:
    from jxplan.geo import load_counties

    c = load_counties(shanghai=True).set_index("adcode")
    codes = sorted(codes)
    return "、".join(c.loc[codes, "name_zh"]), ", ".join(c.loc[codes, "name_en"])


# --------------------------------------------------------------------------- exercise 1


def _named_action_areas() -> tuple[int, int]:
    from jxplan.io import load_actions

    actions = load_actions(plan_id="jx-2016")
    return int(actions["name_zh"].notna().sum()), len(actions)


def check_exercise_1(answer: Any) -> Feedback:
    """Exercise 1: how many of the 2016 plan's action areas are named in the held text?

    Parameters
    ----------
    answer : int
        The number of action areas of ``jx-2016`` whose ``name_zh`` is not
        missing (:func:`jxplan.load_actions`).

    Returns
    -------
    Feedback
        ``✓ ...`` when right, else ``✗ ...`` with a hint.

    Examples
    --------
    >>> check_exercise_1(3).ok
    True
    >>> check_exercise_1(7)
    ✗ 还不对 / Not yet. 提示：...
    >>> check_exercise_1("three").ok
    False
    """
    if answer is None:
        return _no_answer(1)
    named, total = _named_action_areas()
    value = _as_number(answer)
    if value is None:
        return _hint("请给出一个整数，例如 check_exercise_1(5)。",
                     "give a whole number, e.g. check_exercise_1(5).")
    if value == named:
        return _right(f"方案共有{total}项对接行动，所持文本只给出了前{named}项的名称。",
                      f"the plan has {total} action areas; the held text names only {named}.")
    if value == total:
        return _hint(f"方案确有{total}项行动，但问的是有名称的几项：数一数 name_zh 不缺失的行。",
                     f"the plan has {total} areas, but how many have a name_zh that is not <NA>?")
    if value == total - named:
        return _hint("这是缺少名称的行动数；问的是有名称的。",
                     "that is the number of areas without a name; count the named ones.")
    return _hint("用 jxplan.load_actions() 读取行动表，数一数 name_zh 不缺失的行（.notna().sum()）。",
                 "load jxplan.load_actions() and count rows whose name_zh is not missing "
                 "(.notna().sum()).")


# --------------------------------------------------------------------------- exercise 2

_JINPING = "rail-jinping"


def _jinping_counties() -> set[str]:
    from jxplan.geo import project_counties

    pc = project_counties()
    return set(pc.loc[pc["project_id"] == _JINPING, "adcode"].astype(str))


def check_exercise_2(answer: Any) -> Feedback:
    """Exercise 2: the counties the Jinshan-Pinghu railway's schematic line touches.

    Parameters
    ----------
    answer : iterable of str
        Counties, by adcode, Chinese or English name (``"330482"``,
        ``"平湖市"``, ``"Pinghu"`` are all fine), in any order.

    Returns
    -------
    Feedback
        ``✓ ...`` when the set is right; otherwise a hint says how many
        counties are missing or extra (without naming the missing ones).

    Examples
    --------
    >>> check_exercise_2(["金山区", "Pinghu", "330424"]).ok
    True
    >>> check_exercise_2(["平湖市"])
    ✗ 还不对 / Not yet. 提示：缺少 2 个...
    """
    if answer is None:
        return _no_answer(2)
    expected = _jinping_counties()
    parsed = _county_codes(answer)
    if parsed is None:
        return _hint("请给出县（市、区）名称或代码的列表，例如 ['南湖区', '秀洲区']。",
                     "give a list of county names or adcodes, e.g. ['Nanhu', 'Xiuzhou'].")
    codes, unknown = parsed
    if unknown:
        return _hint(f"无法识别：{'、'.join(unknown)}。请用研究区内的县（市、区）名称或6位代码。",
                     f"not recognised: {', '.join(unknown)}. Use study-area county names or "
                     "6-digit adcodes.")
    if codes == expected:
        zh, en = _county_names(expected)
        return _right(f"示意线经过{zh}。注意这是示意线：说明项目连接哪些地方，不代表实际走向。",
                      f"the drawing touches {en}. It is schematic: it shows which places the line "
                      "links, not where it runs.")
    zh, en = _missing_extra(expected, codes, missing_zh="缺少", unit_zh="个")
    return _hint(zh + f"。用 jxplan.project_counties() 筛选 project_id == '{_JINPING}' 的行。",
                 en + f". Filter jxplan.project_counties() for project_id == '{_JINPING}'.")


# --------------------------------------------------------------------------- exercise 3


def _most_projects(counties_from: Literal["declared", "geometry"]) -> tuple[set[str], int]:
    from jxplan.analysis import county_project_table
    from jxplan.geo import JIAXING_ADCODES

    table = county_project_table(counties_from=counties_from).loc[list(JIAXING_ADCODES)]
    top = int(table["total"].max())
    return set(table.index[table["total"] == top].astype(str)), top


def check_exercise_3(answer: Any) -> Feedback:
    """Exercise 3: the Jiaxing county named by the most linkage projects.

    Counts follow :func:`jxplan.analysis.county_project_table` with the
    counties each project declares (``counties_from="declared"``), over the
    seven county-level units of Jiaxing (not the Shanghai districts).

    Parameters
    ----------
    answer : str
        A county by adcode, Chinese or English name.

    Returns
    -------
    Feedback
        ``✓ ...`` when right; a hint otherwise -- a specific one when the
        answer is right only under the other counting rule (drawn geometry).

    Examples
    --------
    >>> check_exercise_3("平湖市").ok
    True
    >>> check_exercise_3("Jinshan")
    ✗ 还不对 / Not yet. 提示：金山区属于上海...
    """
    if answer is None:
        return _no_answer(3)
    expected, top = _most_projects("declared")
    parsed = _county_codes(answer)
    if parsed is None or len(parsed[0]) + len(parsed[1]) != 1:
        return _hint("请只给出一个县（市、区）的名称或代码。", "give one county name or adcode.")
    code = next(iter(parsed[0]), None)
    if code is None:
        return _hint(f"无法识别“{parsed[1][0]}”，请用县（市、区）名称或6位代码。",
                     f"{parsed[1][0]!r} is not a study-area county; use a name or adcode.")
    if code in expected:
        zh, en = _county_names([code])
        return _right(f"{zh}涉及{top}个接轨项目（按项目声明的县计）。",
                      f"{en} is named by {top} linkage projects (declared counties).")
    from jxplan.geo import SHANGHAI_ADCODES

    if code in SHANGHAI_ADCODES:
        return _hint("金山区属于上海；题目只问嘉兴的七个县（市、区）。" if code == "310116"
                     else "这是上海的区；题目只问嘉兴的七个县（市、区）。",
                     "that is a Shanghai district; the question asks about Jiaxing's seven units.")
    if code in _most_projects("geometry")[0]:
        return _hint("按示意几何计数时它最多；本题按项目声明的县计（counties_from='declared'）。",
                     "that is the top county when counting drawn geometries; this exercise "
                     "counts declared counties (counties_from='declared').")
    return _hint("用 jxplan.analysis.county_project_table() 的 total 列，只看嘉兴七个县（市、区）。",
                 "use the total column of jxplan.analysis.county_project_table(), Jiaxing rows "
                 "only.")


# --------------------------------------------------------------------------- exercise 4

_AIRPORT = "air-jiaxing-airport"


def _airport_years() -> tuple[float, str]:
    from jxplan.analysis import first_milestones

    row = first_milestones().set_index("project_id").loc[_AIRPORT]
    return float(row["opened_years_after_window"]), str(row["opened_date"])


def check_exercise_4(answer: Any) -> Feedback:
    """Exercise 4: years from the end of the 2014-2016 window to the airport's opening.

    Parameters
    ----------
    answer : float
        Years (of 365.25 days) from 2016-12-31 (:data:`jxplan.analysis.WINDOW_END`)
        to the opening date; whole years are accepted when within half a year.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> check_exercise_4(9).ok
    True
    >>> check_exercise_4(10)
    ✗ 还不对 / Not yet. 提示：...
    """
    if answer is None:
        return _no_answer(4)
    years, date = _airport_years()
    value = _as_number(answer)
    if value is None:
        return _hint("请给出一个数字（年）。", "give a number of years.")
    if abs(value - years) <= 0.5:
        return _right(f"机场于{date}通航，距2016年末约{years:.2f}年。",
                      f"the airport opened on {date}, about {years:.2f} years after the end of 2016.")
    if abs(value - (years + 1)) <= 0.5:
        return _hint("从窗口的最后一天（2016-12-31）算起，而不是从2016年初算起。",
                     "count from the last day of the window (2016-12-31), not from the start of 2016.")
    return _hint("用 jxplan.analysis.first_milestones()，看 air-jiaxing-airport 的 "
                 "opened_years_after_window。",
                 "look up opened_years_after_window for air-jiaxing-airport in "
                 "jxplan.analysis.first_milestones().")


# --------------------------------------------------------------------------- exercise 5

_TALENT = "jx-2016-t1"


def _talent_years() -> tuple[set[int], set[int]]:
    from jxplan.analysis import targets_vs_outcomes

    tvo = targets_vs_outcomes()
    city = tvo[(tvo["target_id"] == _TALENT) & (tvo["scope"] == "city")]
    reported = set(int(y) for y in city.loc[city["status"] == "reported", "year"])
    return reported, set(int(y) for y in city["year"]) - reported


def _year_set(values: Any) -> set[int] | None:
    items = _as_items(values)
    if items is None:
        return None
    years = [_as_number(v) for v in items]
    whole = [int(y) for y in years if y is not None and y == int(y)]
    return set(whole) if len(whole) == len(years) else None


def check_exercise_5(answer: Any) -> Feedback:
    """Exercise 5: which years have a reported city-wide figure for the talent target.

    Parameters
    ----------
    answer : mapping
        Either ``{"reported": [...], "not_reported": [...]}`` (years
        2016-2019), or year -> value as read from the data (``None``/NA
        where nothing was reported), e.g. a pandas Series.

    Returns
    -------
    Feedback
        A year given as ``0`` instead of missing gets its own hint: a year
        with no report is unknown, not zero.

    Examples
    --------
    >>> check_exercise_5({"reported": [2017, 2018], "not_reported": [2016, 2019]}).ok
    True
    >>> check_exercise_5({2016: 0, 2017: 319, 2018: 350, 2019: 0})
    ✗ 还不对 / Not yet. 提示：...不是0...
    """
    if answer is None:
        return _no_answer(5)
    reported, missing = _talent_years()
    if not isinstance(answer, Mapping) and hasattr(answer, "to_dict"):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        return _hint("请给出字典：{'reported': [...], 'not_reported': [...]}。",
                     "give a dict: {'reported': [...], 'not_reported': [...]}.")
    if set(answer) == {"reported", "not_reported"}:
        got, gap = _year_set(answer["reported"]), _year_set(answer["not_reported"])
        if got is None or gap is None:
            return _hint("年份请写成整数列表，例如 [2016, 2017]。",
                         "write the years as lists of whole numbers, e.g. [2016, 2017].")
    else:
        values = {int(y): _as_number(v) for y, v in answer.items()
                  if _as_number(y) is not None}
        zeros = sorted(y for y, v in values.items() if v == 0)
        if zeros and set(zeros) & missing:
            return _hint(f"{zeros} 年没有报道数字：那是“未知”，不是0。请用 None 或 NA。",
                         f"no figure was reported for {zeros}: that is unknown, not 0. Use None "
                         "or NA.")
        got = {y for y, v in values.items() if v is not None}
        gap = set(values) - got
    if got == reported and gap == missing:
        return _right(f"有全市数据的年份：{sorted(reported)}；没有的：{sorted(missing)}。缺数据不等于零。",
                      f"city-wide figures exist for {sorted(reported)}, not for {sorted(missing)}. "
                      "A missing year is unknown, not zero.")
    return _hint("用 jxplan.analysis.targets_vs_outcomes()，筛选 target_id == 'jx-2016-t1' 且 "
                 "scope == 'city'，看 status 列。只算全市数据，不算平湖等县的数字。",
                 "filter jxplan.analysis.targets_vs_outcomes() for target_id == 'jx-2016-t1' and "
                 "scope == 'city' and read the status column. County figures (Pinghu) do not count.")


# --------------------------------------------------------------------------- exercise 6

_PLAN_A, _PLAN_B = "jx-2016", "jxgq-2017"


def _shared_themes() -> tuple[set[str], dict[str, str]]:
    """Keys in both plans, and a lookup from ways of naming a theme to its key."""
    from jxplan.compare import action_key, compare_plans
    from jxplan.io import load_actions

    table = compare_plans(_PLAN_A, _PLAN_B, by="action")
    shared = set(table.loc[table["status"] == "in_both", "key"].astype(str))
    lookup: dict[str, str] = {}
    for plan in (_PLAN_A, _PLAN_B):
        for row in load_actions(plan_id=plan).dropna(subset=["name_zh"]).itertuples():
            key = action_key(row.name_zh)
            for form in (key, row.name_zh, row.name_en):
                lookup[_norm(form)] = key
            if plan == _PLAN_B:
                lookup[_norm(row.action_no)] = key
    return shared, lookup


def check_exercise_6(answer: Any) -> Feedback:
    """Exercise 6: the Port Area plan's action areas that share a theme with a named 2016 area.

    The expected themes are the rows of
    ``jxplan.compare_plans("jx-2016", "jxgq-2017", by="action")`` with
    status ``in_both``.

    Parameters
    ----------
    answer : iterable
        Themes by Chinese name (with or without 对接行动), English name, or
        the Port Area plan's action numbers.

    Returns
    -------
    Feedback
        The right answer's message also says why the Port Area's other areas
        are not certainly absent from the 2016 plan: four 2016 names are not
        held, and any of them could match.

    Examples
    --------
    >>> check_exercise_6(["基础设施", "人才科技"]).ok
    True
    >>> check_exercise_6([2, 3]).ok
    True
    >>> check_exercise_6(["基础设施"])
    ✗ 还不对 / Not yet. 提示：少了 1 项...
    """
    if answer is None:
        return _no_answer(6)
    shared, lookup = _shared_themes()
    items = _as_items(answer)
    if items is None:
        return _hint("请给出行动名称或编号的列表，例如 ['规划政策']。",
                     "give a list of action-area names or numbers, e.g. ['规划政策'].")
    keys = {lookup.get(_norm(i)) for i in items}
    unknown = [str(i) for i in items if lookup.get(_norm(i)) is None]
    if unknown:
        return _hint(f"无法识别：{'、'.join(unknown)}。用 jxplan.load_actions(plan_id='{_PLAN_B}') "
                     "中的名称或编号。",
                     f"not recognised: {', '.join(unknown)}. Use names or numbers from "
                     f"jxplan.load_actions(plan_id='{_PLAN_B}').")
    if keys == shared:
        return _right(f"{'、'.join(sorted(shared))}两项相同。其余港区行动可能对应2016年方案中未见名称的"
                      "四项行动——只能说“未知”。",
                      f"{len(shared)} themes are shared. The Port Area's other areas may match one "
                      "of the four 2016 areas whose names are not held: unknown, not absent.")
    zh, en = _missing_extra(shared, keys, missing_zh="少了", unit_zh="项")
    return _hint(zh + "。看 jxplan.compare_plans('jx-2016', 'jxgq-2017', by='action') 中 status "
                 "为 in_both 的行。",
                 en + ". Read the rows of jxplan.compare_plans('jx-2016', 'jxgq-2017', "
                 "by='action') whose status is in_both.")


# --------------------------------------------------------------------------- exercise 7

#: The ask whose verdict exercise 7 asks for.
VERDICT_ASK = "jx-2016-m04-k3"
_VERDICT_WORDS = {
    "done_by_deadline": ("done_by_deadline", "按期完成", "done by deadline", "on time", "done"),
    "done_late": ("done_late", "逾期完成", "延期完成", "done late", "late"),
    "in_progress": ("in_progress", "进行中", "in progress"),
    "not_done": ("not_done", "未完成", "not done"),
    "superseded": ("superseded", "被替代", "已被替代"),
    "unknown": ("unknown", "未知", "不明"),
}


def _verdict_word(text: Any) -> str | None:
    norm = re.sub(r"[\s_\-]+", " ", str(text).strip().lower())
    for code, words in _VERDICT_WORDS.items():
        if norm in {re.sub(r"[\s_\-]+", " ", w.lower()) for w in words}:
            return code
    return None


def _two_verdicts(answer: Any) -> tuple[str | None, str | None] | None:
    if isinstance(answer, Mapping):
        keys = {str(k).lower(): v for k, v in answer.items()}
        at = next((keys[k] for k in ("at_deadline", "verdict_at_deadline", "deadline") if k in keys),
                  None)
        now = next((keys[k] for k in ("as_of", "verdict_as_of", "now", "today") if k in keys),
                   None)
        return (_verdict_word(at) if at is not None else None,
                _verdict_word(now) if now is not None else None)
    if isinstance(answer, str):
        parts = [p for p in re.split(r"[,，;；/|]+", answer) if p.strip()]
    else:
        parts = _as_items(answer) or []
    if len(parts) != 2:
        return None
    return _verdict_word(parts[0]), _verdict_word(parts[1])


def _verdict_evidence() -> dict[str, Any]:
    from jxplan.scorecard import scorecard

    row = scorecard().set_index("ask_id").loc[VERDICT_ASK]
    return {"at": str(row["verdict_at_deadline"]), "now": str(row["verdict_as_of"]),
            "basis": str(row["basis"]), "evidence": str(row["evidence_ids"]),
            "date": str(row["delivered_date"]), "as_of": str(row["as_of"].date())}


def check_exercise_7(answer: Any) -> Feedback:
    """Exercise 7: the verdict on one ask at its deadline and as of the data's as-of date.

    The expected answer is computed from the data by
    :func:`jxplan.scorecard.scorecard`, never written here: by rule where an
    actual milestone of the type the ask's ``delivered_by`` names exists,
    else from jxplan's judgement in ``ask_verdicts.csv`` (on the audited
    record the lines 4/5 scheme is a judgement: the 2018 report is a status
    report, not a published plan).

    Parameters
    ----------
    answer : pair or dict
        ``(verdict at the deadline, verdict as of the as-of date)``, each a
        code of :data:`jxplan.scorecard.VERDICTS` or its Chinese word
        (按期完成, 逾期完成, 进行中, 未完成, 被替代, 未知); or a dict with keys
        ``at_deadline`` and ``as_of``; or one string ``"not_done, done_late"``.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> check_exercise_7(("not_done", "done_late")).ok
    True
    >>> check_exercise_7({"at_deadline": "未完成", "as_of": "逾期完成"}).ok
    True
    >>> check_exercise_7(("unknown", "unknown"))
    ✗ 还不对 / Not yet. 提示：...
    """
    if answer is None:
        return _no_answer(7)
    got = _two_verdicts(answer)
    if got is None or None in got:
        return _hint("给出两个状态：(期限时, 截止日)，例如 (\"in_progress\", \"done_late\")；"
                     "可用的状态见 jxplan.scorecard.VERDICTS。",
                     "give two verdicts, (at the deadline, as of the as-of date), e.g. "
                     "(\"in_progress\", \"done_late\"); the codes are in jxplan.scorecard.VERDICTS.")
    e = _verdict_evidence()
    at, now = got
    if (at, now) == (e["at"], e["now"]):
        if e["basis"] == "rule":
            return _right(f"里程碑 {e['evidence']}（{e['date']}）对照期限 2016-12-31："
                          f"期限时为 {e['at']}，截至 {e['as_of']} 为 {e['now']}。",
                          f"milestone {e['evidence']} ({e['date']}) against the 2016-12-31 "
                          f"deadline: {e['at']} at the deadline, {e['now']} as of {e['as_of']}.")
        return _right(f"jxplan的判断（ask_verdicts.csv）：证据 {e['evidence']} 把交付定在"
                      f" {e['date']}，对照期限 2016-12-31：期限时为 {e['at']}，"
                      f"截至 {e['as_of']} 为 {e['now']}。",
                      f"jxplan's judgement (ask_verdicts.csv): evidence {e['evidence']} dates "
                      f"the deliverable to {e['date']}; against the 2016-12-31 deadline: "
                      f"{e['at']} at the deadline, {e['now']} as of {e['as_of']}.")
    if "unknown" in got and e["basis"] == "rule":
        return _hint("有一条里程碑能判定这项任务：看 load_asks() 中它的 delivered_by 和 project_id，"
                     "再在 load_milestones() 中找这一事件。",
                     "a milestone decides this ask: read its delivered_by and project_id in "
                     "load_asks(), then find that event in load_milestones().")
    if "unknown" in got and e["basis"] == "judgement":
        return _hint("没有里程碑规则能判定它，但记录给出了交付的年份：在 load_milestones() 中读"
                     "这个项目的状态报告（event_en 与 note_en），看方案是哪一年编成的。",
                     "no milestone rule decides it, but the record dates the deliverable: read "
                     "the project's status reports in load_milestones() (event_en, note_en) "
                     "for the year the scheme was drawn up.")
    if at != e["at"]:
        return _hint("期限时的状态只看期限（2016-12-31）当天之前的记录；里程碑的日期只精确到它给出的程度。",
                     "the verdict at the deadline uses only what had happened by 2016-12-31; "
                     "a milestone's date is only as precise as it is written.")
    return _hint("如今的状态：事件已经发生了吗？发生在期限之前还是之后？",
                 "the verdict today: has the event happened, and before or after the deadline?")


# --------------------------------------------------------------------------- exercise 8

#: The two measures students code in exercise 8 (rail network; talent).
EXERCISE_8_UNITS: tuple[str, ...] = ("jx-2016-m04", "jx-2016-m07")


def _unit_lookup() -> dict[str, str]:
    """Ways of naming the exercise's measures (jx-2016-m04, m04, m4, 4, 措施4) -> measure id."""
    lookup: dict[str, str] = {}
    for unit in EXERCISE_8_UNITS:
        no = int(unit.rsplit("-m", 1)[1])
        for form in (unit, f"m{no:02d}", f"m{no}", str(no), f"措施{no}", f"measure {no}"):
            lookup[_norm(form)] = unit
    return lookup


def _code_lookup() -> tuple[dict[str, str], set[str]]:
    """Ways of naming an instrument sub-type (code, Chinese or English name) -> code; the types."""
    from jxplan.text import INSTRUMENT_TYPES, load_instrument_codebook

    lookup: dict[str, str] = {}
    for code, row in load_instrument_codebook().iterrows():
        for form in (code, row["subtype_zh"], row["subtype_en"]):
            lookup[_norm(form)] = str(code)
    types = {_norm(t) for t in INSTRUMENT_TYPES}
    for zh, en in (("供给型", "supply-side"), ("环境型", "environment-side"), ("需求型", "demand-side")):
        types |= {_norm(zh), _norm(en)}
    return lookup, types


def _jxplan_codes() -> dict[str, set[str]]:
    from jxplan.text import load_instrument_codes

    codes = load_instrument_codes()
    return {u: set(codes.loc[codes["unit_id"] == u, "instrument_code"].astype(str))
            for u in EXERCISE_8_UNITS}


def _student_coding(answer: Any) -> dict[str, set[str]] | Feedback:
    """The answer as measure id -> set of codes, or the feedback that says what is wrong with it."""
    if not isinstance(answer, Mapping) and hasattr(answer, "to_dict"):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        return _hint("请给出字典：{'jx-2016-m04': [代码, ...], 'jx-2016-m07': [代码, ...]}。",
                     "give a dict: {'jx-2016-m04': [codes ...], 'jx-2016-m07': [codes ...]}.")
    units, (codes, types) = _unit_lookup(), _code_lookup()
    coding: dict[str, set[str]] = {}
    for key, value in answer.items():
        unit = units.get(_norm(key))
        if unit is None:
            return _hint(f"无法识别“{key}”：本题只为措施4和措施7编码（jx-2016-m04、jx-2016-m07）。",
                         f"{key!r} is not one of the two measures: code jx-2016-m04 and "
                         "jx-2016-m07 only.")
        items = _as_items(value)
        if items is None:
            return _hint("每项措施给一个代码列表。", "give each measure a list of codes.")
        if any(_norm(i) in types for i in items):
            return _hint("请给出子类（例如 supply-infrastructure 或“基础设施建设”），而不只是类型。",
                         "give sub-types (e.g. supply-infrastructure), not only the type.")
        unknown = [str(i) for i in items if _norm(i) not in codes]
        if unknown:
            return _hint(f"编码表中没有：{'、'.join(unknown)}。代码见 jxplan.load_instrument_codebook()。",
                         f"not in the codebook: {', '.join(unknown)}. The codes are in "
                         "jxplan.load_instrument_codebook().")
        coding.setdefault(unit, set()).update(codes[_norm(i)] for i in items)
    missing = [u for u in EXERCISE_8_UNITS if u not in coding]
    if missing:
        return _hint(f"还缺 {'、'.join(missing)} 的编码：两项措施都要编码（一项也没有就写空列表）。",
                     f"no coding for {', '.join(missing)}: code both measures (an empty list if "
                     "you find no instrument).")
    return coding


def check_exercise_8(answer: Any) -> Feedback:
    """Exercise 8: code measures 4 and 7 by policy instrument, then compare with jxplan's coding.

    The comparison is :func:`jxplan.text.agreement` between the student's
    coding and :func:`jxplan.text.load_instrument_codes` over the two
    measures (14 sub-types each: 28 yes/no decisions).  jxplan's coding is a
    judgement too: a disagreement is a question to argue, so the hint gives
    the kappa and, per measure, how many codes of which type differ -- not the
    codes themselves.

    Parameters
    ----------
    answer : mapping
        Measure -> list of instrument sub-types.  Measures as ``"jx-2016-m04"``,
        ``"m04"`` or ``4``; sub-types by code (``"supply-infrastructure"``) or
        by name in Chinese or English (``"基础设施建设"``, ``"infrastructure"``).

    Returns
    -------
    Feedback
        ``✓ ...`` when the coding is jxplan's; otherwise ``✗ ...`` with the
        kappa, what differs by type, and where to read jxplan's reasons.

    Examples
    --------
    >>> check_exercise_8({4: ["supply-infrastructure", "目标规划"],
    ...                   "m07": ["talent", "environment-institutional"]}).ok
    True
    >>> check_exercise_8({4: ["supply-infrastructure"], 7: ["supply-talent"]})
    ✗ 与 jxplan 的编码不同 / Differs from jxplan's coding. 提示：kappa = ...
    >>> check_exercise_8({4: ["supply"], 7: []}).ok
    False
    """
    if answer is None:
        return _no_answer(8)
    coding = _student_coding(answer)
    if isinstance(coding, Feedback):
        return coding
    import pandas as pd

    from jxplan.text import agreement, load_instrument_codebook

    expected = _jxplan_codes()

    def frame(c: dict[str, set[str]]) -> pd.DataFrame:
        rows = [(u, code) for u in sorted(c) for code in sorted(c[u])]
        return pd.DataFrame(rows, columns=["unit_id", "instrument_code"])

    result = agreement(frame(coding), frame(expected), units=EXERCISE_8_UNITS)
    n, n_dis = result["n"], len(result["disagreements"])
    if coding == expected:
        return _right(f"与 jxplan 的编码完全一致（{n}个判断，kappa = 1.00）。一致不等于“对”："
                      "jxplan 的编码也是判断，理由见 jxplan.load_instrument_codes() 的 reason_en。",
                      f"the same as jxplan's coding ({n} decisions, kappa = 1.00). Agreeing is not "
                      "being right: jxplan's coding is a judgement too; its reasons are in the "
                      "reason_en column of jxplan.load_instrument_codes().")
    kind = load_instrument_codebook()["instrument_type"].astype(str)
    type_zh = {"supply": "供给型", "environment": "环境型", "demand": "需求型"}
    zh_parts, en_parts = [], []
    for unit in EXERCISE_8_UNITS:
        no = int(unit.rsplit("-m", 1)[1])
        sides = (("jxplan 给了而你没给的", "jxplan gives", "you do not", expected[unit] - coding[unit]),
                 ("你给了而 jxplan 没给的", "you give", "jxplan does not", coding[unit] - expected[unit]))
        for zh, en, en_not, codes in sides:
            by_type = sorted(Counter(kind[c] for c in codes).items())
            if by_type:
                zh_parts.append(f"措施{no}中，{zh}："
                                + "、".join(f"{k}个{type_zh[t]}代码" for t, k in by_type))
                en_parts.append(f"measure {no}: {en} " + ", ".join(
                    f"{k} {t}-side code{'s' if k > 1 else ''}" for t, k in by_type) + f" {en_not}")
    kappa = result["kappa"]
    kappa_text = "nan" if math.isnan(kappa) else f"{kappa:.2f}".replace("-0.00", "0.00")
    return Feedback(
        f"✗ 与 jxplan 的编码不同 / Differs from jxplan's coding. 提示：kappa = {kappa_text}（{n}个判断中"
        f"{n_dis}个不一致）；{'；'.join(zh_parts)}。不同不一定是你错了：对照 text.CODER_CONVENTION 的规则，"
        "再读 jxplan.load_instrument_codes() 中这两项措施的 quote_zh 和 reason_en，写下谁的理由更站得住。 / "
        f"Hint: kappa = {kappa_text} ({n_dis} of {n} decisions differ); {'; '.join(en_parts)}. "
        "A difference is not necessarily your mistake: check the rules of text.CODER_CONVENTION, "
        "read quote_zh and reason_en of these two measures in jxplan.load_instrument_codes(), and "
        "write down whose reason holds.", ok=False)
