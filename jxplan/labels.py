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

from jxplan.meta import LANGS, VALUE_LABELS, check_lang

__all__ = ["LANGS", "LABELS", "MODE_COLORS", "PRECISION_STYLES", "label", "check_lang", "name_col",
           "value_labels"]

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
    "jiaxing": ("嘉兴市", "Jiaxing"),
    "shanghai": ("上海市", "Shanghai"),
    "hangzhou_bay": ("杭州湾", "Hangzhou Bay"),
    "taihu": ("太湖", "Taihu"),
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
    ['C', 'C-mirror', 'D', 'NF']
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
