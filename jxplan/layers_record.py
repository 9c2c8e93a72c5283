"""Layout tables and layers of the scorecard and lineage figures (:mod:`jxplan.plot_record`).

Two tiers of the figures' three (the figures themselves are in
:mod:`jxplan.plot_record`, the interactive ones in :mod:`jxplan.interactive_record`):

* **layout tables** -- :func:`scorecard_layout` and :func:`lineage_layout`
  turn the tables of :mod:`jxplan.scorecard` into the rows a figure draws
  (positions, labels, verdicts), testable without drawing;
* **layers** -- functions that draw one thing on a given axes from the data
  they are given, load nothing, and draw inside jxplan's style
  (:func:`jxplan.layers.styled`): :func:`draw_ask_labels`,
  :func:`draw_verdicts`, :func:`draw_lateness`, :func:`draw_verdict_legend`,
  :func:`draw_window`, :func:`draw_plan_lines`, :func:`draw_mentions`,
  :func:`draw_milestones`, :func:`draw_project_labels`,
  :func:`draw_lineage_legend`.

Every word comes from the catalogue (:func:`jxplan.labels.label`: keys
``scorecard.*``, ``lineage.*``, ``plan.*`` and the value labels of
``verdict_as_of`` and ``mention_kind``); colours and markers are in
:data:`VERDICT_STYLE`, :data:`MENTION_STYLE` and :data:`EVENT_STYLE`.

Examples
--------
>>> from matplotlib.figure import Figure
>>> from jxplan.scorecard import scorecard
>>> rows = scorecard_layout(scorecard(), lang="en")
>>> ax = Figure().add_subplot()
>>> draw_verdicts(ax, rows, column="verdict_as_of", x=0)
>>> sum(len(c.get_offsets()) for c in ax.collections) == int((rows["row_kind"] == "ask").sum())
True
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from jxplan.labels import label
from jxplan.layers import styled

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = [
    "VERDICT_STYLE", "MENTION_STYLE", "EVENT_STYLE", "scorecard_layout", "lineage_layout",
    "draw_ask_labels", "draw_verdicts", "draw_lateness", "draw_verdict_legend", "draw_window",
    "draw_plan_lines", "draw_mentions", "draw_milestones", "draw_project_labels",
    "draw_lineage_legend",
]

#: Colour, marker and fill of each verdict (shapes differ, so greyscale still reads).
VERDICT_STYLE: dict[str, dict[str, Any]] = {
    "done_by_deadline": {"color": "#1b7837", "marker": "o", "filled": True},
    "done_late": {"color": "#e08214", "marker": "s", "filled": True},
    "in_progress": {"color": "#4393c3", "marker": ">", "filled": True},
    "not_done": {"color": "#b2182b", "marker": "X", "filled": True},
    "superseded": {"color": "#8073ac", "marker": "D", "filled": True},
    "unknown": {"color": "#9a9a9a", "marker": "o", "filled": False},
}
#: Marker of each kind of mention in the lineage figure.
MENTION_STYLE: dict[str, dict[str, Any]] = {
    "study": {"marker": "o", "color": "#6a51a3"},
    "reserve_corridor": {"marker": "h", "color": "#807dba"},
    "plan": {"marker": "p", "color": "#9e9ac8"},
    "prepare": {"marker": "v", "color": "#3f007d"},
    "start": {"marker": "^", "color": "#54278f"},
    "build": {"marker": "P", "color": "#54278f"},
    "open": {"marker": "*", "color": "#3f007d"},
    "coordinate": {"marker": "d", "color": "#9e9ac8"},
    "named": {"marker": ".", "color": "#6a51a3"},
}
#: Milestone groups drawn in the lineage figure: group -> (event types, marker).
EVENT_STYLE: dict[str, tuple[tuple[str, ...], str]] = {
    "approved": (("approved", "design_approved"), "|"),
    "construction_started": (("construction_started",), "s"),
    "opened": (("opened", "completed"), "*"),
}
_INK, _MUTED = "#222222", "#666666"


def _family() -> list[str]:
    from jxplan.fonts import font_params

    return list(font_params()["font.sans-serif"])


# --------------------------------------------------------------------------- data


def _group_titles(lang: str) -> dict[str, str]:
    from jxplan.io import load_goals, load_measures

    col = "title_zh" if lang == "zh" else "title_en"
    out = {gid: str(g["name_zh" if lang == "zh" else "name_en"]) for gid, g in load_goals().iterrows()}
    out.update({mid: str(m[col]) for mid, m in load_measures().iterrows()})
    return out


def _short(label: str, lang: str, width: int) -> str:
    if lang == "zh":
        return label if len(label) <= width // 2 else label[: width // 2 - 1] + "…"
    return textwrap.shorten(label, width=width, placeholder=" …")


def scorecard_layout(card: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """The rows the scorecard draws: a header per measure or goal, then its asks.

    Parameters
    ----------
    card : pandas.DataFrame
        As returned by :func:`jxplan.scorecard.scorecard`.
    lang : {"zh", "en"}

    Returns
    -------
    pandas.DataFrame
        One row per line, top first: ``y`` (0 at the top, growing down),
        ``row_kind`` (``group`` or ``ask``), ``group_id``, ``ask_id``,
        ``label`` (the group's title, or the ask's number and short words:
        the quotation in Chinese, jxplan's summary in English), ``judged``
        (the verdict is jxplan's judgement), ``verdict_at_deadline``,
        ``verdict_as_of``, ``years_late``, ``years_late_max``,
        ``bound_years`` (years from the deadline to ``done_no_later_than``,
        NA where none).

    Examples
    --------
    >>> from jxplan.scorecard import scorecard
    >>> rows = scorecard_layout(scorecard(), lang="en")
    >>> rows[["row_kind", "label"]].head(2).values.tolist()
    [['group', 'Goal 1: Breakthrough in infrastructure connectivity'], ['ask', '1.1 Build the transport network towards Shanghai faster.']]
    """
    import pandas as pd

    from jxplan.scorecard import _first_day

    titles = _group_titles(lang)
    rows: list[dict[str, Any]] = []
    for gid, asks in card.groupby("group_id", sort=False):
        first = asks.iloc[0]
        head = label(f"scorecard.group_{first['group_kind']}", lang=lang)
        head = head.format(n=int(first["group_no"]))
        sep = label("sep.field", lang=lang)
        rows.append({"row_kind": "group", "group_id": gid, "ask_id": None,
                     "label": head + sep + titles.get(gid, "")})
        for a in asks.itertuples():
            words = a.quote_zh if lang == "zh" else a.summary_en
            line = f"{a.group_no}.{a.ask_no} " + _short(str(words), lang, 52)
            bound = None
            if not pd.isna(a.done_no_later_than):
                bound = round((_first_day(a.done_no_later_than) - a.deadline).days / 365.25, 2)
            rows.append({"row_kind": "ask", "group_id": gid, "ask_id": a.ask_id, "label": line,
                         "judged": a.basis == "judgement",
                         "verdict_at_deadline": a.verdict_at_deadline,
                         "verdict_as_of": a.verdict_as_of, "years_late": a.years_late,
                         "years_late_max": a.years_late_max, "bound_years": bound})
    out = pd.DataFrame(rows)
    out.insert(0, "y", range(len(out)))
    return out.astype({"judged": "boolean", "years_late": "Float64", "years_late_max": "Float64",
                       "bound_years": "Float64"})


def _plan_label(plan_id: str, lang: str) -> str:
    from jxplan.labels import LABELS, label

    return label(f"plan.{plan_id}", lang=lang) if f"plan.{plan_id}" in LABELS else plan_id


def lineage_layout(*, lang: str = "zh") -> dict[str, pd.DataFrame]:
    """The rows, marks and plan lines the lineage figure draws.

    Returns
    -------
    dict of pandas.DataFrame
        ``projects``: ``project_id``, ``y`` (0 at the top), ``label``,
        ``mode``, ``is_successor``; ``mentions``: the named pairs of
        :func:`jxplan.scorecard.mention_grid` with ``y`` and ``x`` (the
        plan's decimal year); ``milestones``: actual milestones of the groups
        in :data:`EVENT_STYLE` with ``y``, ``x`` (decimal year of the date's
        first day) and ``x_end`` (of its last day: the date's precision);
        ``plans``: each naming plan's ``plan_id``, ``x``, ``number`` (1..,
        by date) and ``label``.

    Examples
    --------
    >>> lay = lineage_layout(lang="en")
    >>> lay["plans"][["number", "label"]].values.tolist()[:2]
    [[1, '2016 implementation plan'], [2, 'Master plan, 2017 revision']]
    >>> m = lay["milestones"]
    >>> bool((m["x_end"] >= m["x"]).all())
    True
    """
    import pandas as pd

    from jxplan.analysis import project_order
    from jxplan.io import load_milestones
    from jxplan.scorecard import _decimal_year, _first_day, _last_day, actual_milestones
    from jxplan.scorecard import mention_grid

    order = project_order()
    name = "name_zh" if lang == "zh" else "name_en"
    projects = order[["project_id", "mode", "is_successor"]].copy()
    projects["label"] = [("└ " if s else "") + _short(str(n), lang, 46)
                         for n, s in zip(order[name], order["is_successor"], strict=True)]
    projects.insert(1, "y", range(len(projects)))
    ys = projects.set_index("project_id")["y"]
    grid = mention_grid()
    mentions = grid[grid["status"] == "named"].copy()
    mentions["y"] = mentions["project_id"].map(ys)
    mentions["x"] = mentions["plan_year"]
    ms = actual_milestones(load_milestones().reset_index())
    groups = {t: g for g, (types, _m) in EVENT_STYLE.items() for t in types}
    ms = ms[ms["event_type"].isin(list(groups)) & ms["project_id"].isin(ys.index)].copy()
    ms["group"] = ms["event_type"].map(groups)
    ms["y"] = ms["project_id"].map(ys)
    ms["x"] = [_decimal_year(_first_day(d)) for d in ms["date"]]
    ms["x_end"] = [_decimal_year(_last_day(d)) for d in ms["date"]]
    plans = (mentions.drop_duplicates("plan_id").sort_values(["x", "plan_id"])[["plan_id", "x"]]
             .reset_index(drop=True))
    plans["number"] = range(1, len(plans) + 1)
    plans["label"] = [_plan_label(p, lang) for p in plans["plan_id"]]
    numbers = plans.set_index("plan_id")["number"]
    mentions["number"] = mentions["plan_id"].map(numbers)
    cols = ["project_id", "plan_id", "number", "mention_kind", "match_is_judgement", "y", "x",
            "plan_dated", "source_url", "confidence", "note"]
    return {"projects": projects.reset_index(drop=True),
            "mentions": mentions[cols].reset_index(drop=True),
            "milestones": ms[["milestone_id", "project_id", "event_type", "group", "date", "y",
                              "x", "x_end", "source_url", "confidence"]].reset_index(drop=True),
            "plans": plans.astype({"number": "Int64", "x": "Float64"})}


# --------------------------------------------------------------------------- layers


@styled
def draw_ask_labels(ax: Axes, rows: pd.DataFrame, *, lang: str, fontsize: float = 5.2) -> None:
    """Draw the group headers (on a band) and the ask labels down *ax*'s left side;
    a star marks a verdict that is jxplan's judgement."""
    family = _family()
    star = label("scorecard.judged_mark", lang=lang)
    for r in rows.itertuples():
        head = r.row_kind == "group"
        words = r.label + (star if not head and bool(r.judged) else "")
        if head:  # a band, not bold type: the CJK font has one weight
            ax.axhspan(r.y - 0.5, r.y + 0.5, color="#ececec", lw=0, zorder=0)
        ax.text(0.0 if head else 0.03, r.y, words, ha="left", va="center", fontsize=fontsize,
                color=_INK, fontfamily=family)
    ax.set_xlim(0, 1)
    ax.axis("off")


@styled
def draw_verdicts(ax: Axes, rows: pd.DataFrame, *, column: str, x: float,
                  size: float = 16) -> None:
    """Draw one marker per ask at *x*, styled by its verdict in *column*."""
    asks = rows[rows["row_kind"] == "ask"]
    for verdict, style in VERDICT_STYLE.items():
        sub = asks[asks[column] == verdict]
        if sub.empty:
            continue
        face = style["color"] if style["filled"] else "white"
        ax.scatter([x] * len(sub), sub["y"], s=size, marker=style["marker"], c=face,
                   edgecolors=style["color"], linewidths=0.8, zorder=3)


@styled
def draw_lateness(ax: Axes, rows: pd.DataFrame, *, lang: str, height: float = 0.55) -> None:
    """Draw how late each late ask was (solid: at least; light: the date's possible range),
    and a bracket where the record only bounds the date."""
    late = rows[rows["years_late"].notna()]
    color = VERDICT_STYLE["done_late"]["color"]
    ax.barh(late["y"], late["years_late"].astype(float), height=height, color=color, zorder=2)
    spread = (late["years_late_max"] - late["years_late"]).astype(float)
    ax.barh(late["y"], spread, left=late["years_late"].astype(float), height=height,
            color=color, alpha=0.35, zorder=2)
    bound = rows[rows["bound_years"].notna()]
    ax.scatter(bound["bound_years"].astype(float), bound["y"], marker="|", s=30,
               c=VERDICT_STYLE["unknown"]["color"], zorder=3)
    ax.set_xlabel(label("scorecard.col_late", lang=lang), fontsize=6, fontfamily=_family())


@styled
def draw_verdict_legend(ax: Axes, *, lang: str, fontsize: float = 5.5, ncol: int = 3) -> None:
    """Draw the verdict legend (and what a bracket and ＊ mean) below *ax*."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], ls="none", marker=s["marker"], markersize=4.5,
                      markerfacecolor=s["color"] if s["filled"] else "white",
                      markeredgecolor=s["color"], label=label(f"verdict_as_of.{v}", lang=lang))
               for v, s in VERDICT_STYLE.items()]
    handles.append(Line2D([], [], ls="none", marker="|", markersize=6,
                          color=VERDICT_STYLE["unknown"]["color"],
                          label=label("scorecard.late_bound", lang=lang)))
    leg = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.01), ncol=ncol,
                    fontsize=fontsize, frameon=False, title=label("scorecard.legend", lang=lang),
                    title_fontsize=fontsize, prop={"family": _family(), "size": fontsize},
                    alignment="left")
    leg.get_title().set_fontfamily(_family())


@styled
def draw_window(ax: Axes, *, lang: str, start: float = 2014.0, end: float = 2017.0) -> None:
    """The 2014-2016 window (:func:`jxplan.layers.window_band`), saying its content is unknown."""
    from jxplan.layers import window_band

    window_band(ax, start=start, end=end)
    ax.text((start + end) / 2, 1.0, label("lineage.window", lang=lang),
            transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=5,
            color=_MUTED, fontfamily=_family())


@styled
def draw_plan_lines(ax: Axes, plans: pd.DataFrame) -> None:
    """A dotted vertical line per naming plan, numbered at the top."""
    for p in plans.itertuples():
        ax.axvline(float(p.x), color="#bbbbbb", lw=0.6, ls=":", zorder=1)
        ax.text(float(p.x), -0.9, str(p.number), ha="center", va="bottom", fontsize=5.5,
                color=_INK, fontfamily=_family())


@styled
def draw_mentions(ax: Axes, mentions: pd.DataFrame, *, size: float = 26) -> None:
    """One mark per mention, at the plan's date on the project's row, shaped by kind;
    hollow where the match to the project is jxplan's judgement."""
    for kind, style in MENTION_STYLE.items():
        sub = mentions[mentions["mention_kind"] == kind]
        for judged, face in ((False, style["color"]), (True, "white")):
            part = sub[sub["match_is_judgement"].fillna(False) == judged]
            if len(part):
                ax.scatter(part["x"].astype(float), part["y"] - 0.18, s=size,
                           marker=style["marker"], c=face, edgecolors=style["color"],
                           linewidths=0.8, zorder=4)


@styled
def draw_milestones(ax: Axes, milestones: pd.DataFrame, *, size: float = 14) -> None:
    """The project's own milestones on its row (below the mentions); a line shows a date's
    precision when it is only a year or a month."""
    for group, (_types, marker) in EVENT_STYLE.items():
        sub = milestones[milestones["group"] == group]
        for r in sub.itertuples():
            if r.x_end - r.x > 0.02:
                ax.plot([r.x, r.x_end], [r.y + 0.2] * 2, color=_INK, lw=0.6, alpha=0.5, zorder=3)
        ax.scatter(sub["x"].astype(float), sub["y"] + 0.2, s=size, marker=marker, c=_INK,
                   linewidths=0.9, zorder=4)


@styled
def draw_project_labels(ax: Axes, projects: pd.DataFrame, *, fontsize: float = 5.2) -> None:
    """Project names down the y axis, coloured by mode."""
    from jxplan.labels import MODE_COLORS

    ax.set_yticks(projects["y"], projects["label"], fontsize=fontsize, fontfamily=_family())
    for tick, mode in zip(ax.get_yticklabels(), projects["mode"], strict=True):
        tick.set_color(MODE_COLORS.get(mode, _INK))
    ax.set_ylim(len(projects) - 0.4, -1.2)


@styled
def draw_lineage_legend(ax: Axes, plans: pd.DataFrame, *, lang: str,
                        fontsize: float = 5.2) -> None:
    """The legend of mention kinds and milestone marks, and the numbered plan list, below *ax*."""
    from matplotlib.lines import Line2D

    fam = _family()
    kinds = [Line2D([], [], ls="none", marker=s["marker"], markersize=4.5,
                    markerfacecolor=s["color"], markeredgecolor=s["color"],
                    label=label(f"mention_kind.{k}", lang=lang)) for k, s in MENTION_STYLE.items()]
    kinds.append(Line2D([], [], ls="none", marker="o", markersize=4.5, markerfacecolor="white",
                        markeredgecolor=MENTION_STYLE["study"]["color"],
                        label=label("lineage.judged", lang=lang)))
    events = [Line2D([], [], ls="none", marker=m, markersize=4.5, color=_INK,
                     label=label(f"lineage.event_{g}", lang=lang))
              for g, (_t, m) in EVENT_STYLE.items()]
    first = ax.legend(handles=kinds + events, loc="upper left", bbox_to_anchor=(0.0, -0.06),
                      ncol=4, frameon=False, prop={"family": fam, "size": fontsize})
    ax.add_artist(first)
    listing = label("lineage.plans", lang=lang) + "  ".join(f"{p.number} {p.label}"
                                                   for p in plans.itertuples())
    ax.text(0.0, -0.2, "\n".join(textwrap.wrap(listing, 120 if lang == "en" else 70)),
            transform=ax.transAxes, ha="left", va="top", fontsize=fontsize, color=_INK,
            fontfamily=fam)


