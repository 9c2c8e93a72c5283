"""Show a table in the reader's language: Chinese headings and value labels.

:func:`localize` returns a copy of a table whose column headings and coded
values (``persons``, ``cny_100m``, ``not_reported``, ``same_indicator``,
``C-mirror`` ...) read in the chosen language; :func:`show` wraps that copy
for display in a notebook, with long text shown whole (pandas cuts cell text
at 50 characters by default, which hides the notes that carry an exercise's
answer).  The table passed in is never changed, and nothing here changes a
pandas option.

In Chinese each heading is two lines, the Chinese label above the column's
name (``状态`` over ``status``), so a reader still sees the name to use in
code; coded values are replaced by their labels.  In English the headings and
values stay the codes the data uses.

.. note:: **For the lead to fold in.**  The Chinese column headings
   (:data:`COLUMN_LABELS_ZH`) and value labels (:data:`VALUE_LABELS_ZH`) live
   here until ``jxplan.meta`` carries them (the ``house`` branch moves value
   labels into meta with one ``label()`` API); then these two tables go and
   :func:`_value_label` / :func:`_column_label` call meta.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"status": ["reported", "not_reported"], "unit": ["persons", "cny_100m"]})
>>> localize(df, lang="zh").to_dict("list")
{('状态', 'status'): ['已报道', '未见报道'], ('单位', 'unit'): ['人', '亿元']}
>>> df["status"].tolist()          # the data itself is unchanged
['reported', 'not_reported']
>>> localize(df, lang="en").equals(df)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jxplan.labels import LABELS, check_lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["COLUMN_LABELS_ZH", "VALUE_LABELS_ZH", "Table", "localize", "show"]

# --------------------------------------------------------------------------- catalogue
# FOR THE LEAD TO FOLD INTO jxplan.meta (see the module docstring).

_BOOL_ZH = {True: "是", False: "否"}

#: field -> {code: Chinese label}
VALUE_LABELS_ZH: dict[str, dict[Any, str]] = {
    "confidence": {"C": "C 原页证实", "C-mirror": "C-mirror 转载页证实", "D": "D 推算",
                   "NF": "NF 未找到"},
    "status": {"reported": "已报道", "not_found": "未找到", "not_reported": "未见报道",
               "in_both": "两者皆有", "only_a": "仅方案甲", "only_b": "仅方案乙", "unknown": "未知"},
    "relation": {"same_indicator": "同一指标", "related_indicator": "相关指标"},
    "unit": {"persons": "人", "items": "个", "cny_100m": "亿元", "usd_100m": "亿美元",
             "times": "次", "events": "场", "centres": "个（中心）", "stations": "个（站）",
             "schools": "所", "hospitals": "家"},
    "value_qualifier": {"exact": "确数", "more_than": "以上", "about": "约"},
    "mode": {m: LABELS[f"mode.{m}"][0] for m in ("rail", "road", "bus", "air", "waterway")},
    "geometry_precision": {p: LABELS[f"precision.{p}"][0] for p in
                           ("site", "station_to_station", "schematic", "not_published",
                            "not_spatial")},
    "text_held": {"full": "全文", "partial": "部分", "title_only": "仅标题"},
    "relation_to_2016": {"this_plan": "本方案", "cited_basis": "所依据的规划", "predecessor": "此前的规划",
                         "successor": "此后的规划", "context": "背景"},
    "period_basis": {"stated": "原文载明", "derived": "推算", "not_found": "未找到"},
    "plan_kind": {"strategy": "战略", "guidance": "指导意见", "action_plan": "行动计划",
                  "implementation_plan": "实施方案", "five_year_plan": "五年规划", "decision": "决定",
                  "designation": "批复/命名", "joint_plan": "联合方案"},
    "level": {"city": "市级", "county": "县级", "district": "区级", "cross_border": "跨界",
              "province": "省级"},
    "scope": {"city": "全市", "counties": "县（市、区）", "county": "县（市、区）"},
    "comparator": {">=": "不少于", ">": "多于", "<=": "不超过", "<": "少于", "=": "等于"},
    "event_type": {"proposed": "提出", "listed": "列入计划", "plan_published": "规划公布",
                   "agreement": "签署协议", "approved": "获批", "design_approved": "设计获批",
                   "construction_started": "开工", "opened": "建成通车/通航", "completed": "完工",
                   "status_report": "进展报道", "renamed": "更名"},
    "dimension": {"action": "对接行动", "project": "项目"},
    "geometry_type": {"Point": "点", "LineString": "线", "MultiLineString": "多段线"},
}
# Fields whose codes are the same kind as another field's.
_SAME_CODES = {"target_relation": "relation", "kind_plan": "plan_kind"}
_BOOLEAN_FIELDS = ("in_held_text", "text_complete", "measures_complete", "drawn", "present")

#: column -> Chinese heading
COLUMN_LABELS_ZH: dict[str, str] = {
    # identifiers and names
    "plan_id": "方案编号", "action_id": "行动编号", "measure_id": "措施编号", "goal_id": "目标编号",
    "target_id": "指标编号", "outcome_id": "成效编号", "project_id": "项目编号",
    "milestone_id": "节点编号", "adcode": "行政区划代码", "adcodes": "所涉区划代码",
    "name_zh": "名称", "name_en": "英文名称", "title_zh": "标题", "title_en": "英文标题",
    "label_zh": "名称", "label_en": "英文名称", "key": "对接行动", "key_en": "英文名称",
    "numeral_zh": "序号", "action_no": "行动序号", "measure_no": "措施序号", "goal_no": "目标序号",
    "key_no": "图中编号", "city_zh": "所属市", "city_en": "所属市（英文）",
    # plans
    "issuer_zh": "发文机关", "doc_number": "文号", "issue_date": "发布日期",
    "period_start": "起始年", "period_end": "终止年", "period_basis": "期限依据",
    "plan_kind": "文件类型", "level": "层级", "text_held": "所持文本",
    "relation_to_2016": "与2016年方案的关系", "start": "起", "end": "止", "kind": "类型",
    # structure of the plan
    "in_held_text": "所持文本中有", "n_measures_held": "所持措施数", "measure_nos": "措施序号",
    "measure_titles_zh": "措施标题", "measure_titles_en": "措施标题（英文）",
    "measures_complete": "措施完整", "n_projects": "项目数", "summary_en": "英文摘要",
    "source_section": "原文位置", "source_page": "页码", "text_complete": "文字完整",
    # targets and outcomes
    "indicator_zh": "指标", "indicator_en": "指标（英文）", "comparator": "比较",
    "comparator_zh": "比较词", "value": "数值", "target_value": "目标值", "unit": "单位",
    "unit_zh": "单位（原文）", "year": "年份", "target_year": "目标年份", "scope": "范围",
    "scope_zh": "范围", "scope_en": "范围（英文）", "relation": "与目标的关系",
    "target_relation": "与目标的关系", "metric_zh": "统计口径", "metric_en": "统计口径（英文）",
    "value_qualifier": "数值限定", "period_label": "统计期", "status": "状态",
    # projects, geography, milestones
    "mode": "方式", "geometry_precision": "几何精度", "waypoint_grade_worst": "途经点最低等级",
    "successor_of": "承接的2016年项目", "ask_2016_zh": "2016年要求", "ask_2016_en": "2016年要求（英文）",
    "shanghai_counterpart_zh": "上海方对应", "length_km_reported": "报道长度（千米）",
    "geometry_type": "几何类型", "drawn": "已绘制", "note": "说明", "length_km": "长度（千米）",
    "present": "存在", "rail": "铁路", "road": "公路", "bus": "公交", "air": "机场",
    "waterway": "航道", "total": "合计", "declared": "声明的县", "computed": "几何所及的县",
    "missing": "缺少", "extra": "多出", "geometry": "几何计数",
    "approved_date": "获批日期", "construction_started_date": "开工日期", "opened_date": "通车/通航日期",
    "opened_years_after_window": "窗口期后年数（通车）", "n_milestones": "节点数",
    "date": "日期", "event_type": "事件类型", "event_zh": "事件", "event_en": "事件（英文）",
    # comparison
    "dimension": "维度", "plan_a": "方案甲", "plan_b": "方案乙",
    "measure_ids_a": "方案甲措施", "measure_ids_b": "方案乙措施",
    # provenance
    "source_url": "来源网址", "confidence": "可信度", "note_en": "备注（英文）", "count": "计数",
    "site": "网站",
}


def _value_label(column: str, value: Any, *, lang: str) -> Any:
    """The label of one coded value (the value itself where it has none)."""
    if lang != "zh":
        return value
    if column in _BOOLEAN_FIELDS and isinstance(value, bool):
        return _BOOL_ZH[value]
    labels = VALUE_LABELS_ZH.get(_SAME_CODES.get(column, column), {})
    try:
        return labels.get(value, value)
    except TypeError:  # unhashable cell
        return value


def _column_label(column: Any, *, lang: str) -> Any:
    """A column's heading: (Chinese label, name) in Chinese, the name in English."""
    if lang != "zh" or not isinstance(column, str):
        return column
    return (COLUMN_LABELS_ZH.get(column, ""), column)


def localize(frame: pd.DataFrame | pd.Series, *, lang: str) -> pd.DataFrame:
    """Return a copy of ``frame`` with headings and coded values in ``lang``.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        Any jxplan table (a Series, e.g. a ``value_counts()``, becomes a
        one-column frame).  It is not changed.
    lang : {"zh", "en"}
        ``"zh"``: two-level headings (Chinese label, column name) and the
        Chinese labels of coded values, index labels included; booleans of
        yes/no columns become 是/否.  ``"en"``: an unchanged copy.

    Returns
    -------
    pandas.DataFrame
        For display; compute on the original table, which keeps the codes.

    Examples
    --------
    >>> import jxplan
    >>> t = localize(jxplan.load_targets()[["unit", "value"]], lang="zh")
    >>> t.columns.tolist()
    [('单位', 'unit'), ('数值', 'value')]
    >>> t.iloc[:, 0].tolist()
    ['人', '个', '亿元']
    """
    import pandas as pd

    check_lang(lang)
    out = frame.to_frame() if isinstance(frame, pd.Series) else frame.copy()
    if "geometry" in out.columns and hasattr(out, "geometry"):
        out = pd.DataFrame(out)
    if lang == "en":
        return out
    for col in out.columns:
        if isinstance(col, str) and (col in VALUE_LABELS_ZH or col in _SAME_CODES
                                     or col in _BOOLEAN_FIELDS):
            out[col] = out[col].astype(object).map(
                lambda v, c=col: _value_label(c, v, lang=lang)).astype(
                    "string" if col not in _BOOLEAN_FIELDS else object)
    name = out.index.name
    if isinstance(name, str) and name in VALUE_LABELS_ZH:
        out.index = out.index.map(lambda v: _value_label(name, v, lang=lang))
    if isinstance(name, str):
        out.index.name = " ".join(x for x in _column_label(name, lang=lang) if x)
    out.columns = pd.MultiIndex.from_tuples([_column_label(c, lang=lang) if isinstance(c, str)
                                             else ("", str(c)) for c in out.columns])
    return out


_STYLE = ("<style>.jxplan-table td{white-space:normal;text-align:left;max-width:36em}"
          ".jxplan-table th{text-align:left}</style>")


class Table:
    """A localized table for display; ``.frame`` holds it as a DataFrame.

    In a notebook it shows as HTML with every cell's text whole; printed, as
    text without the 50-character cut.
    """

    def __init__(self, frame: pd.DataFrame, *, max_rows: int = 200) -> None:
        self.frame = frame
        self.max_rows = max_rows

    def _options(self):
        import pandas as pd

        return pd.option_context("display.max_colwidth", None, "display.max_rows", self.max_rows,
                                 "display.max_columns", None, "display.width", 200)

    def _repr_html_(self) -> str:
        with self._options():
            body = self.frame.to_html(classes="jxplan-table", max_rows=self.max_rows,
                                      na_rep="<NA>")
        return _STYLE + body

    def __repr__(self) -> str:
        with self._options():
            return self.frame.to_string(max_rows=self.max_rows)

    def __len__(self) -> int:
        return len(self.frame)


def show(frame: pd.DataFrame | pd.Series, *, lang: str, max_rows: int = 200) -> Table:
    """Return ``frame`` ready to display in ``lang``, long text not cut.

    Use it as the last line of a notebook cell: ``show(tvo, lang=LANG)``.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        The table to show; it is not changed.
    lang : {"zh", "en"}
        See :func:`localize`.
    max_rows : int, default 200
        More rows than this are shown as head and tail.

    Returns
    -------
    Table
        Displays as HTML in a notebook; ``.frame`` is the localized DataFrame.

    Examples
    --------
    >>> import jxplan
    >>> note = jxplan.compare_plans("jx-2016", "jxgq-2017", by="action")[["key", "note"]]
    >>> text = repr(show(note, lang="en"))
    >>> "this may be one of them" in text       # pandas alone would cut it at 50 characters
    True
    >>> "状态" in repr(show(jxplan.load_outcomes()[["status"]], lang="zh"))
    True
    """
    return Table(localize(frame, lang=lang), max_rows=max_rows)

