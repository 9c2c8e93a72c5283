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

Coded values take their labels from :data:`jxplan.meta.VALUE_LABELS`
through :func:`jxplan.labels.value_labels`, the one catalogue of value labels.

.. note:: **For the lead to fold in.**  Two small tables still live here:
   the Chinese column headings (:data:`COLUMN_LABELS_ZH`; ``meta.Field`` has
   no Chinese label yet) and the labels of the few codes that only analysis
   and comparison results use, not a data field (:data:`DERIVED_VALUE_LABELS_ZH`:
   ``not_reported``, ``in_both`` ...).  Both belong in ``jxplan.meta`` beside
   ``VALUE_LABELS``.

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

from jxplan.labels import check_lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["COLUMN_LABELS_ZH", "DERIVED_VALUE_LABELS_ZH", "Table", "localize", "notebook_figure",
           "show"]

# --------------------------------------------------------------------------- catalogue

_BOOL_ZH = {True: "是", False: "否"}
_BOOLEAN_FIELDS = ("in_held_text", "text_complete", "measures_complete", "drawn", "present")
#: Codes shown with their label (the prose and the data dictionary name them by code).
_WITH_CODE = ("confidence",)

#: column -> the value-label fields of jxplan.meta it may hold, in the order they are tried.
_COLUMN_FIELDS: dict[str, tuple[str, ...]] = {
    "relation": ("target_relation",),
    "kind": ("kind", "plan_kind"),  # plan_periods() gives a plan's kind in "kind"
}

# FOR THE LEAD TO FOLD INTO jxplan.meta (see the module docstring).
#: column -> {code: Chinese label} for codes of analysis and comparison results only.
DERIVED_VALUE_LABELS_ZH: dict[str, dict[str, str]] = {
    "status": {"not_reported": "未见报道", "in_both": "两方案都有", "only_a": "仅方案甲有",
               "only_b": "仅方案乙有", "unknown": "无法判断"},
    "scope": {"county": "县（市、区）"},  # targets_vs_outcomes() rows for one county
    "dimension": {"action": "对接行动", "project": "项目"},
    "geometry_type": {"Point": "点", "LineString": "线", "MultiLineString": "多段线"},
}


def _labels_zh(column: str) -> dict[Any, str]:
    """Every Chinese value label a column may need (meta first, then derived codes)."""
    from jxplan.labels import value_labels
    from jxplan.meta import VALUE_LABELS

    labels: dict[Any, str] = {}
    for field in _COLUMN_FIELDS.get(column, (column,)):
        if field in VALUE_LABELS:
            for code, text in value_labels(field, lang="zh").items():
                labels.setdefault(code, f"{code} {text}" if field in _WITH_CODE else text)
    labels.update(DERIVED_VALUE_LABELS_ZH.get(column, {}))
    if column in _BOOLEAN_FIELDS:
        labels.update(_BOOL_ZH)
    return labels


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
    "period_kind": "统计期类型", "reported_date": "报道日期", "relation_basis": "关联依据",
    "relation_reason": "关联理由",
    # projects, geography, milestones
    "mode": "方式", "geometry_precision": "几何精度", "waypoint_grade_worst": "途经点最低等级",
    "successor_of": "承接的2016年项目", "ask_2016_zh": "2016年要求", "ask_2016_en": "2016年要求（英文）",
    "ask_2016_quote_zh": "2016年方案原文（引文）", "ask_2016_section": "引文位置",
    "record_checked_until": "记录核查至", "record_note_en": "记录说明（英文）",
    "shanghai_counterpart_zh": "上海方对应", "length_km_reported": "报道长度（千米）",
    "geometry_type": "几何类型", "drawn": "已绘制", "note": "说明", "length_km": "长度（千米）",
    "present": "存在", "rail": "铁路", "road": "公路", "bus": "公交", "air": "机场",
    "waterway": "航道", "total": "合计", "declared": "声明的县", "computed": "几何所及的县",
    "missing": "缺少", "extra": "多出", "geometry": "几何计数",
    "approved_date": "获批日期", "construction_started_date": "开工日期", "opened_date": "通车/通航日期",
    "opened_years_after_window": "窗口期后年数（通车）", "n_milestones": "节点数",
    "date": "日期", "event_type": "事件类型", "event_zh": "事件", "event_en": "事件（英文）",
    "date_precision": "日期精度", "event_status": "实际/计划",
    # comparison
    "dimension": "维度", "plan_a": "方案甲", "plan_b": "方案乙",
    "measure_ids_a": "方案甲措施", "measure_ids_b": "方案乙措施",
    # provenance
    "source_url": "来源网址", "confidence": "可信度", "checked": "核查日期",
    "note_en": "备注（英文）", "count": "计数",
    "site": "网站",
}


def _value_label(column: str, value: Any, *, lang: str) -> Any:
    """The label of one coded value (the value itself where it has none)."""
    if lang != "zh":
        return value
    try:
        return _labels_zh(column).get(value, value)
    except TypeError:  # unhashable cell
        return value


def _lookup(labels: dict[Any, str], value: Any) -> Any:
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
        labels = _labels_zh(col) if isinstance(col, str) else {}
        if labels:
            values = out[col].astype(object)
            out[col] = values.map(lambda v, m=labels: _lookup(m, v)).astype(
                object if col in _BOOLEAN_FIELDS else "string")
    name = out.index.name
    if isinstance(name, str) and _labels_zh(name):
        out.index = out.index.map(lambda v, m=_labels_zh(name): _lookup(m, v))
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



def notebook_figure(fig: Figure, *, dpi: float | None = None) -> Figure:
    """Give *fig* a screen resolution at which a notebook shows every label readably.

    jxplan's own figures get it by themselves when the notebook's inline
    backend shows them (:data:`jxplan.style.INLINE_DPI`); use this for a
    figure you composed from :mod:`jxplan.layers` at a report size, or drew
    with ``ax=``/``fig=``.  Only ``fig.dpi`` changes: the size in inches,
    the layout and the files :func:`jxplan.export.save_figure` writes stay
    as they are.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    dpi : float, optional
        Pixels per inch on screen; default :data:`jxplan.style.INLINE_DPI`
        (160: a 6.3-inch report figure is about 1,010 px wide, 5.3-pt text
        12 px high).

    Returns
    -------
    matplotlib.figure.Figure
        *fig*, for chaining (leave it as a cell's last expression to show it).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = notebook_figure(Figure(figsize=(6.3, 4.2)))
    >>> fig.dpi, fig.get_size_inches().tolist()
    (160.0, [6.3, 4.2])
    """
    from jxplan.style import INLINE_DPI

    fig.set_dpi(float(INLINE_DPI if dpi is None else dpi))
    return fig
