"""The scorecard and lineage figures: did the 2016 plan deliver, and the line of plans.

=========== ============================================================= ============
function    what it shows                                                 size
=========== ============================================================= ============
scorecard   every ask by measure/goal: its verdict at the deadline and    report-tall
            as of the record's date, how late the late ones were, and
            unknown drawn as unknown
lineage     projects down the side, plans on a time axis with a mark per  report-tall
            mention (its kind), the projects' milestones on the same
            axis, and the 2014-2016 window (content unknown)
=========== ============================================================= ============

Each figure is a few calls: it starts the frame (:func:`jxplan.plot._start_figure`),
loads its layout table (:mod:`jxplan.layers_record`) and calls the layers
there; it draws inside jxplan's style, so the user's rcParams are unchanged.
``python -m jxplan figures`` builds both (``scorecard``, ``lineage``) through
:func:`jxplan.export.save_figure`.

Examples
--------
>>> import matplotlib; matplotlib.use("Agg")
>>> from jxplan import plot_record
>>> fig = plot_record.scorecard(lang="en")
>>> fig.get_suptitle()
'Did the 2016 plan deliver? Every ask, at its deadline and today'
>>> from jxplan.export import get_sources
>>> get_sources(fig)
('asks', 'ask_verdicts', 'milestones', 'outcomes', 'mentions')
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jxplan.labels import label
from jxplan.style import _styled as styled  # a figure's: keeps its style when drawn later

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["scorecard", "lineage"]

_MUTED = "#666666"
SCORECARD_SOURCES = ["asks", "ask_verdicts", "milestones", "outcomes", "mentions"]
LINEAGE_SOURCES = ["mentions", "plans", "asks", "milestones", "projects"]


def _family() -> list[str]:
    from jxplan.fonts import font_params

    return list(font_params()["font.sans-serif"])


def _tidy_scorecard_axes(ax_text, ax_v, ax_late, rows, *, lang: str, date: str) -> None:
    ax_v.set_xticks([0, 1], [label("scorecard.col_deadline", lang=lang),
                             label("scorecard.col_as_of", lang=lang).format(date=date)],
                    fontsize=5.5, fontfamily=_family(), rotation=30, ha="left")
    ax_v.xaxis.tick_top()
    ax_v.set_xlim(-0.6, 1.6)
    for ax in (ax_text, ax_v, ax_late):
        ax.set_ylim(len(rows) - 0.5, -0.7)
    ax_v.tick_params(left=False, labelleft=False, length=0)
    ax_late.tick_params(left=False, labelleft=False, labelsize=5.5)
    ax_late.set_xlim(0, max(6.0, float(rows["years_late_max"].max() or 0) + 0.5))
    for ax in (ax_v, ax_late):
        ax.spines[["left", "right", "top"]].set_visible(False)
    ax_v.spines["bottom"].set_visible(False)


@styled
def scorecard(*, lang: str = "zh", as_of: Any = None, fig: Figure | None = None) -> Figure:
    """The scorecard: every ask by measure, its verdict at the deadline and today, how late.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    as_of : date-like, optional
        The date of the second column (default: the record's as-of date).
    fig : matplotlib.figure.Figure, optional
        Draw into this figure (three axes are added) instead of a new one.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = scorecard(lang="zh")
    >>> len(fig.axes)
    3
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    from jxplan import layers_record as lr
    from jxplan.plot import _start_figure
    from jxplan.scorecard import scorecard as card_of

    fig, _owned = _start_figure("scorecard", lang, SCORECARD_SOURCES, fig=fig)
    card = card_of(as_of=as_of)
    rows = lr.scorecard_layout(card, lang=lang)
    grid = fig.add_gridspec(1, 3, width_ratios=[5.2, 1.3, 2.0], wspace=0.02)
    ax_text, ax_v = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
    ax_late = fig.add_subplot(grid[2], sharey=ax_v)
    lr.draw_ask_labels(ax_text, rows, lang=lang)
    lr.draw_verdicts(ax_v, rows, column="verdict_at_deadline", x=0)
    lr.draw_verdicts(ax_v, rows, column="verdict_as_of", x=1)
    lr.draw_lateness(ax_late, rows, lang=lang)
    _tidy_scorecard_axes(ax_text, ax_v, ax_late, rows, lang=lang,
                         date=str(card["as_of"].iloc[0].date()))
    lr.draw_verdict_legend(ax_text, lang=lang)
    fig.suptitle(label("figure.scorecard", lang=lang), x=0.01, ha="left", fontsize=10,
                 fontfamily=_family())
    ax_text.set_title(label("scorecard.sub", lang=lang) + "\n"
                      + label("scorecard.judged_note", lang=lang),
                      loc="left", fontsize=5.5, color=_MUTED, fontfamily=_family())
    return fig


@styled
def lineage(*, lang: str = "zh", ax: Axes | None = None) -> Figure:
    """The line of plans: projects down the side, plans on a time axis, a mark per mention,
    the projects' own milestones on the same axis, and the 2014-2016 window.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"
    ax : matplotlib.axes.Axes, optional
        Draw on this axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = lineage(lang="en")
    >>> bool(fig.axes[0].get_xlim()[0] <= 2009)
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    from jxplan import layers_record as lr
    from jxplan.plot import _start_figure

    fig, owned = _start_figure("lineage", lang, LINEAGE_SOURCES, ax=ax)
    if owned:
        ax = fig.add_subplot()
    assert ax is not None  # given, or just added to the new figure
    lay = lr.lineage_layout(lang=lang)
    lr.draw_window(ax, lang=lang)
    lr.draw_plan_lines(ax, lay["plans"])
    lr.draw_mentions(ax, lay["mentions"])
    lr.draw_milestones(ax, lay["milestones"])
    lr.draw_project_labels(ax, lay["projects"])
    ax.set_xlim(2008.5, 2027.0)
    ax.set_xticks(range(2009, 2027, 2))
    ax.tick_params(axis="x", labelsize=5.5)
    ax.grid(axis="y", color="#eeeeee", lw=0.5, zorder=0)
    ax.spines[["right", "top"]].set_visible(False)
    lr.draw_lineage_legend(ax, lay["plans"], lang=lang)
    if owned:
        fig.suptitle(label("figure.lineage", lang=lang), x=0.01, ha="left", fontsize=10,
                     fontfamily=_family())
    ax.set_title(label("lineage.sub", lang=lang), loc="left", fontsize=5.5, color=_MUTED,
                 fontfamily=_family(), pad=12)
    return fig
