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

The Chinese column headings are :data:`jxplan.meta.COLUMN_LABELS_ZH`, and the
labels of the few codes that only analysis and comparison results carry
(``not_reported``, ``in_both`` ...) are :data:`jxplan.meta.DERIVED_VALUE_LABELS`,
both beside ``VALUE_LABELS``; ``jxplan.display.COLUMN_LABELS_ZH`` is the same
dict and :data:`DERIVED_VALUE_LABELS_ZH` the Chinese side of the derived labels.

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
from jxplan.meta import COLUMN_LABELS_ZH, DERIVED_VALUE_LABELS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["COLUMN_LABELS_ZH", "DERIVED_VALUE_LABELS_ZH", "Table", "localize", "notebook_figure",
           "show"]

# --------------------------------------------------------------------------- catalogue

_BOOL_ZH = {True: "是", False: "否"}
_BOOLEAN_FIELDS = ("in_held_text", "text_complete", "measures_complete", "drawn", "present",
                   "match_is_judgement")
#: Codes shown with their label (the prose and the data dictionary name them by code).
_WITH_CODE = ("confidence",)

#: column -> the value-label fields of jxplan.meta it may hold, in the order they are tried.
_COLUMN_FIELDS: dict[str, tuple[str, ...]] = {
    "relation": ("target_relation",),
    "kind": ("kind", "plan_kind"),  # plan_periods() gives a plan's kind in "kind"
}

#: column -> {code: Chinese label} of the codes only analysis and comparison results
#: carry: the Chinese side of :data:`jxplan.meta.DERIVED_VALUE_LABELS`.
DERIVED_VALUE_LABELS_ZH: dict[str, dict[str, str]] = {
    column: {code: zh for code, (zh, _en) in codes.items()}
    for column, codes in DERIVED_VALUE_LABELS.items()}


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
    index_labels = _labels_zh(name) if isinstance(name, str) else {}
    if index_labels:
        out.index = out.index.map(lambda v: _lookup(index_labels, v))
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
