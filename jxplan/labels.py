"""Bilingual labels and the colour of each mode, shared by static and interactive figures.

Examples
--------
>>> label("mode.rail", lang="zh"), label("mode.rail", lang="en")
('铁路与轨道交通', 'Rail')
>>> MODE_COLORS["waterway"]
'#1f78b4'
"""

from __future__ import annotations

__all__ = ["LANGS", "LABELS", "MODE_COLORS", "PRECISION_STYLES", "label", "check_lang", "name_col"]

#: Supported languages.
LANGS: tuple[str, ...] = ("zh", "en")

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

#: key -> (zh, en)
LABELS: dict[str, tuple[str, str]] = {
    "mode.rail": ("铁路与轨道交通", "Rail"),
    "mode.road": ("公路", "Road"),
    "mode.bus": ("跨界公交", "Cross-border bus"),
    "mode.air": ("机场", "Airport"),
    "mode.waterway": ("航道", "Waterway"),
    "precision.site": ("点位", "site"),
    "precision.station_to_station": ("站点间连线", "station to station"),
    "precision.schematic": ("示意线（经过城镇）", "schematic, through towns"),
    "precision.not_published": ("位置未公布", "location not published"),
    "precision.not_spatial": ("规划方案（非线路）", "plan or scheme, not a line"),
    "not_published_note": ("位置未公布、未绘制：", "Location not published, not drawn: "),
    "unknown": ("未知", "unknown"),
    "not_in_held_text": ("（所持文本未含名称）", "(name not in the held text)"),
    "not_reported": ("未见报道", "not reported"),
    "target": ("2016年目标", "2016 target"),
    "figure.project_map": ("嘉兴接轨上海交通项目分布", "Shanghai-linkage transport projects across Jiaxing"),
    "figure.county_projects": ("各县（市、区）涉及的接轨项目数", "Linkage projects touching each county"),
    "figure.measures_by_action": ("2016年实施方案：七大对接行动与措施", "The 2016 plan: seven action areas and their measures"),
    "figure.timeline_three_year_plan": ("接轨项目进程与三年行动计划（2014–2016）", "Linkage projects against the 2014–2016 three-year plan"),
    "figure.targets_outcomes": ("2016年量化目标与此后报道的成果", "2016 targets and the outcomes reported since"),
    "figure.scorecard": ("方案兑现了吗？2016年方案逐项任务在期限时与如今的状态", "Did the 2016 plan deliver? Every ask, at its deadline and today"),
    "figure.lineage": ("历次规划如何提及各接轨项目，及项目本身的进程", "Which plans asked for each linkage project, and what the project did"),
    "jiaxing": ("嘉兴市", "Jiaxing"),
    "shanghai": ("上海市", "Shanghai"),
    "hangzhou_bay": ("杭州湾", "Hangzhou Bay"),
    "taihu": ("太湖", "Taihu"),
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise ValueError naming the valid ones.

    Examples
    --------
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of zh, en, not 'fr'
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def label(key: str, *, lang: str) -> str:
    """Return the label for ``key`` in ``lang`` ("zh" or "en")."""
    zh, en = LABELS[key]
    return zh if check_lang(lang) == "zh" else en


def name_col(base: str, *, lang: str) -> str:
    """Column holding ``base`` in ``lang``: ``name_col("name", lang="zh") == "name_zh"``.

    Examples
    --------
    >>> name_col("title", lang="en")
    'title_en'
    """
    return f"{base}_{check_lang(lang)}"
