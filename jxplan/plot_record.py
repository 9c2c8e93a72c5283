"""The scorecard and lineage figures: did the 2016 plan deliver, and the line of plans.

Built in three tiers, so each part can be reused:

* **data** -- :func:`scorecard_layout` and :func:`lineage_layout` turn the
  tables of :mod:`jxplan.scorecard` into the rows a figure draws (positions,
  labels, verdicts), testable without drawing;
* **layers** -- public functions that draw one thing on a given axes from
  the data they are given and load nothing (:func:`draw_verdicts`,
  :func:`draw_lateness`, :func:`draw_ask_labels`, :func:`draw_verdict_legend`,
  :func:`draw_window`, :func:`draw_plan_lines`, :func:`draw_mentions`,
  :func:`draw_milestones`, :func:`draw_project_labels`,
  :func:`draw_lineage_legend`);
* **figures** -- :func:`scorecard` and :func:`lineage`, each a short
  function that starts the frame, loads the defaults and calls the layers.

Every word a figure shows is in :data:`TEXT` (key -> (zh, en)), except the
titles, which are ``figure.scorecard`` and ``figure.lineage`` of
:data:`jxplan.labels.LABELS` like every figure's; the colours
and markers of a verdict or a kind of mention are in :data:`VERDICT_STYLE`
and :data:`MENTION_STYLE`.  Figures are drawn inside ``matplotlib.rc_context``
and give their texts an explicit font family, so the user's rcParams are the
same after a call as before.

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
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "TEXT", "VERDICT_STYLE", "MENTION_STYLE", "EVENT_STYLE", "FIGURE_SIZES", "text",
    "scorecard_layout", "lineage_layout", "draw_ask_labels", "draw_verdicts", "draw_lateness",
    "draw_verdict_legend", "draw_window", "draw_plan_lines", "draw_mentions", "draw_milestones",
    "draw_project_labels", "draw_lineage_legend", "scorecard", "lineage",
]

#: The export size of each figure (a name in :data:`jxplan.export.SIZES`).
FIGURE_SIZES: dict[str, str] = {"scorecard": "report-tall", "lineage": "report-tall"}

#: Every word the two figures show: key -> (zh, en).
TEXT: dict[str, tuple[str, str]] = {
    "sub.scorecard": ("所持文本（预览第1–5页）中的目标与措施1–7；“未知”表示记录无法判断，不等于“未完成”",
                      "Goals and measures 1-7 of the held text (preview pp. 1-5); 'unknown' means "
                      "the record cannot tell, not 'not done'"),
    "sub.lineage": ("只标出有记录的提及；空白表示未知（规划文本未读到），而非未提及",
                    "Only recorded mentions are marked; a blank is unknown (the plan's text was "
                    "not read), not 'not named'"),
    "col.deadline": ("期限时", "at deadline"),
    "col.as_of": ("截至{date}", "as of {date}"),
    "col.late": ("逾期（年）", "years late"),
    "late.range": ("日期只精确到年或月：浅色为可能的范围", "date only to the year or month: "
                   "the light part is the possible range"),
    "late.bound": ("记录显示不晚于此时完成，是否按期未知", "done by then at the latest; "
                   "on time or not is unknown"),
    "legend.verdict": ("状态", "Verdict"),
    "verdict.done_by_deadline": ("按期完成", "done by deadline"),
    "verdict.done_late": ("逾期完成", "done late"),
    "verdict.in_progress": ("进行中", "in progress"),
    "verdict.not_done": ("未完成", "not done"),
    "verdict.superseded": ("被后续项目或规划承接", "carried on by another project or plan"),
    "verdict.unknown": ("未知（无记录）", "unknown (no record)"),
    "basis.judgement": ("＊为jxplan的判断（理由与证据见 ask_verdicts.csv）",
                        "* marks jxplan's judgement (reason and evidence in ask_verdicts.csv)"),
    "group.goal": ("目标{n}", "Goal {n}"),
    "group.measure": ("措施{n}", "Measure {n}"),
    "cutoff": ("（文本在此中断）", " (text breaks off)"),
    "window": ("三年行动计划期（2014–2016），内容未知", "2014-2016 three-year plan: content unknown"),
    "legend.mention": ("规划如何提及", "How a plan names it"),
    "legend.event": ("项目进程（里程碑）", "What the project did"),
    "mention.study": ("研究、编制方案", "study or plan it"),
    "mention.reserve_corridor": ("预留通道", "reserve the corridor"),
    "mention.plan": ("列入规划", "list it as planned"),
    "mention.prepare": ("推进前期、争取批复", "prepare, seek approval"),
    "mention.start": ("开工", "start building"),
    "mention.build": ("推进建设", "build, speed up"),
    "mention.open": ("开通", "open"),
    "mention.coordinate": ("协调对接", "coordinate"),
    "mention.named": ("提及", "named"),
    "event.approved": ("批复", "approved"),
    "event.construction_started": ("开工", "construction started"),
    "event.opened": ("建成、投用", "opened or completed"),
    "plans": ("规划：", "Plans: "),
    "judged": ("匹配为jxplan的判断", "match is jxplan's judgement"),
    "plan.jx-2016": ("2016年实施方案", "2016 plan"),
    "plan.jx-2017-master-plan": ("城市总规（2017年修订）", "Master plan, 2017 revision"),
    "plan.jsjx-2018-2020": ("金山—嘉兴三年行动计划", "Jinshan-Jiaxing plan 2018-20"),
    "plan.jx-2020-hub": ("“枢纽嘉兴”实施意见", "'Hub Jiaxing' opinions, 2020"),
    "plan.jx-14fyp-transport": ("“十四五”综合交通规划", "14th FYP transport plan"),
    "year": ("年份", "year"),
    "judged_mark": (" ＊", " *"),
    "hover.ask": ("任务", "Ask"),
    "hover.quote": ("原文（引文）", "The plan's words (quotation)"),
    "hover.summary": ("概述（jxplan撰写）", "Summary (jxplan's words)"),
    "hover.basis": ("依据", "Basis"),
    "hover.reason": ("理由", "Reason"),
    "hover.evidence": ("证据", "Evidence"),
    "hover.source": ("来源", "Source"),
    "hover.late": ("逾期", "Late by"),
    "hover.years": ("{a}–{b}年", "{a}-{b} years"),
    "hover.bound": ("不晚于", "no later than"),
    "hover.plan": ("规划", "Plan"),
    "hover.kind": ("提及方式", "How it names it"),
    "hover.event": ("事件", "Event"),
    "hover.date": ("日期", "Date"),
    "hover.note": ("说明", "Note"),
    "basis.rule": ("规则（由里程碑或数据计算）", "rule (computed from milestones or figures)"),
    "basis.judgement_short": ("jxplan的判断", "jxplan's judgement"),
    "basis.none": ("无记录", "no record"),
}

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
_INK, _MUTED, _BAND = "#222222", "#666666", "#f1e6c8"


def text(key: str, *, lang: str, **fields: Any) -> str:
    """The word of *key* in *lang*, with ``{fields}`` filled in.

    Examples
    --------
    >>> text("col.as_of", lang="zh", date="2025-12-26")
    '截至2025-12-26'
    """
    from jxplan.labels import check_lang

    zh, en = TEXT[key]
    out = zh if check_lang(lang) == "zh" else en
    return out.format(**fields) if fields else out


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
        head = text(f"group.{first['group_kind']}", lang=lang, n=int(first["group_no"]))
        sep = "：" if lang == "zh" else ": "
        rows.append({"row_kind": "group", "group_id": gid, "ask_id": None,
                     "label": head + sep + titles.get(gid, "")})
        for a in asks.itertuples():
            words = a.quote_zh if lang == "zh" else a.summary_en
            label = f"{a.group_no}.{a.ask_no} " + _short(str(words), lang, 52)
            bound = None
            if not pd.isna(a.done_no_later_than):
                bound = round((_first_day(a.done_no_later_than) - a.deadline).days / 365.25, 2)
            rows.append({"row_kind": "ask", "group_id": gid, "ask_id": a.ask_id, "label": label,
                         "judged": a.basis == "judgement",
                         "verdict_at_deadline": a.verdict_at_deadline,
                         "verdict_as_of": a.verdict_as_of, "years_late": a.years_late,
                         "years_late_max": a.years_late_max, "bound_years": bound})
    out = pd.DataFrame(rows)
    out.insert(0, "y", range(len(out)))
    return out.astype({"judged": "boolean", "years_late": "Float64", "years_late_max": "Float64",
                       "bound_years": "Float64"})


def _plan_label(plan_id: str, lang: str) -> str:
    key = f"plan.{plan_id}"
    if key in TEXT:
        return text(key, lang=lang)
    from jxplan import analysis

    short = getattr(analysis, "_PLAN_SHORT", {}).get(plan_id)
    return short[0 if lang == "zh" else 1] if short else plan_id


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
    [[1, '2016 plan'], [2, 'Master plan, 2017 revision']]
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


def draw_ask_labels(ax: Axes, rows: pd.DataFrame, *, lang: str, fontsize: float = 5.2) -> None:
    """Draw the group headers (on a band) and the ask labels down *ax*'s left side;
    a star marks a verdict that is jxplan's judgement."""
    family = _family()
    star = text("judged_mark", lang=lang)
    for r in rows.itertuples():
        head = r.row_kind == "group"
        label = r.label + (star if not head and bool(r.judged) else "")
        if head:  # a band, not bold type: the CJK font has one weight
            ax.axhspan(r.y - 0.5, r.y + 0.5, color="#ececec", lw=0, zorder=0)
        ax.text(0.0 if head else 0.03, r.y, label, ha="left", va="center", fontsize=fontsize,
                color=_INK, fontfamily=family)
    ax.set_xlim(0, 1)
    ax.axis("off")


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
    ax.set_xlabel(text("col.late", lang=lang), fontsize=6, fontfamily=_family())


def draw_verdict_legend(ax: Axes, *, lang: str, fontsize: float = 5.5, ncol: int = 3) -> None:
    """Draw the verdict legend (and what a bracket and ＊ mean) below *ax*."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], ls="none", marker=s["marker"], markersize=4.5,
                      markerfacecolor=s["color"] if s["filled"] else "white",
                      markeredgecolor=s["color"], label=text(f"verdict.{v}", lang=lang))
               for v, s in VERDICT_STYLE.items()]
    handles.append(Line2D([], [], ls="none", marker="|", markersize=6,
                          color=VERDICT_STYLE["unknown"]["color"],
                          label=text("late.bound", lang=lang)))
    leg = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.01), ncol=ncol,
                    fontsize=fontsize, frameon=False, title=text("legend.verdict", lang=lang),
                    title_fontsize=fontsize, prop={"family": _family(), "size": fontsize},
                    alignment="left")
    leg.get_title().set_fontfamily(_family())


def draw_window(ax: Axes, *, lang: str, start: float = 2014.0, end: float = 2017.0) -> None:
    """Shade the 2014-2016 three-year plan's window and say its content is unknown."""
    ax.axvspan(start, end, color=_BAND, zorder=0, lw=0)
    ax.text((start + end) / 2, 1.0, text("window", lang=lang), transform=ax.get_xaxis_transform(),
            ha="center", va="bottom", fontsize=5, color=_MUTED, fontfamily=_family())


def draw_plan_lines(ax: Axes, plans: pd.DataFrame) -> None:
    """A dotted vertical line per naming plan, numbered at the top."""
    for p in plans.itertuples():
        ax.axvline(float(p.x), color="#bbbbbb", lw=0.6, ls=":", zorder=1)
        ax.text(float(p.x), -0.9, str(p.number), ha="center", va="bottom", fontsize=5.5,
                color=_INK, fontfamily=_family())


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


def draw_project_labels(ax: Axes, projects: pd.DataFrame, *, fontsize: float = 5.2) -> None:
    """Project names down the y axis, coloured by mode."""
    from jxplan.labels import MODE_COLORS

    ax.set_yticks(projects["y"], projects["label"], fontsize=fontsize, fontfamily=_family())
    for tick, mode in zip(ax.get_yticklabels(), projects["mode"], strict=True):
        tick.set_color(MODE_COLORS.get(mode, _INK))
    ax.set_ylim(len(projects) - 0.4, -1.2)


def draw_lineage_legend(ax: Axes, plans: pd.DataFrame, *, lang: str,
                        fontsize: float = 5.2) -> None:
    """The legend of mention kinds and milestone marks, and the numbered plan list, below *ax*."""
    from matplotlib.lines import Line2D

    fam = _family()
    kinds = [Line2D([], [], ls="none", marker=s["marker"], markersize=4.5,
                    markerfacecolor=s["color"], markeredgecolor=s["color"],
                    label=text(f"mention.{k}", lang=lang)) for k, s in MENTION_STYLE.items()]
    kinds.append(Line2D([], [], ls="none", marker="o", markersize=4.5, markerfacecolor="white",
                        markeredgecolor=MENTION_STYLE["study"]["color"],
                        label=text("judged", lang=lang)))
    events = [Line2D([], [], ls="none", marker=m, markersize=4.5, color=_INK,
                     label=text(f"event.{g}", lang=lang)) for g, (_t, m) in EVENT_STYLE.items()]
    first = ax.legend(handles=kinds + events, loc="upper left", bbox_to_anchor=(0.0, -0.06),
                      ncol=4, frameon=False, prop={"family": fam, "size": fontsize})
    ax.add_artist(first)
    listing = text("plans", lang=lang) + "  ".join(f"{p.number} {p.label}"
                                                   for p in plans.itertuples())
    ax.text(0.0, -0.2, "\n".join(textwrap.wrap(listing, 120 if lang == "en" else 70)),
            transform=ax.transAxes, ha="left", va="top", fontsize=fontsize, color=_INK,
            fontfamily=fam)


# --------------------------------------------------------------------------- figures


@contextlib.contextmanager
def _frame(name: str, lang: str, sources: list[str], fig: Figure | None) -> Iterator[Figure]:
    """Check *lang*, keep the user's rcParams, and give the figure with its sources."""
    import matplotlib as mpl

    from jxplan import fonts
    from jxplan.export import attach_sources
    from jxplan.labels import check_lang

    check_lang(lang)
    with mpl.rc_context(fonts.rc_params()):
        if fig is None:
            fig = _new_figure(name)
        attach_sources(fig, sources)
        yield fig


def _new_figure(name: str) -> Figure:
    """A new constrained-layout figure of *name*'s size: in pyplot, or outside it when
    :func:`jxplan.plot.without_pyplot` is active (as in ``python -m jxplan figures``)."""
    from jxplan import plot
    from jxplan.export import SIZES

    size = SIZES[FIGURE_SIZES[name]]
    if plot._USE_PYPLOT.get():
        import matplotlib.pyplot as plt

        return plt.figure(figsize=size, layout="constrained")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


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
    """
    from jxplan.labels import label
    from jxplan.scorecard import scorecard as card_of

    with _frame("scorecard", lang, ["asks", "ask_verdicts", "milestones", "outcomes",
                                    "mentions"], fig) as fig:
        card = card_of(as_of=as_of)
        rows = scorecard_layout(card, lang=lang)
        grid = fig.add_gridspec(1, 3, width_ratios=[5.2, 1.3, 2.0], wspace=0.02)
        ax_text, ax_v = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
        ax_late = fig.add_subplot(grid[2], sharey=ax_v)
        draw_ask_labels(ax_text, rows, lang=lang)
        draw_verdicts(ax_v, rows, column="verdict_at_deadline", x=0)
        draw_verdicts(ax_v, rows, column="verdict_as_of", x=1)
        draw_lateness(ax_late, rows, lang=lang)
        date = str(card["as_of"].iloc[0].date())
        ax_v.set_xticks([0, 1], [text("col.deadline", lang=lang),
                                 text("col.as_of", lang=lang, date=date)],
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
        draw_verdict_legend(ax_text, lang=lang)
        fig.suptitle(label("figure.scorecard", lang=lang), x=0.01, ha="left", fontsize=10,
                     fontfamily=_family())
        ax_text.set_title(text("sub.scorecard", lang=lang) + "\n" + text("basis.judgement",
                                                                         lang=lang),
                          loc="left", fontsize=5.5, color=_MUTED, fontfamily=_family())
    return fig


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
    """
    from jxplan.labels import label

    sources = ["mentions", "plans", "asks", "milestones", "projects"]
    with _frame("lineage", lang, sources, None if ax is None else _root(ax)) as fig:
        ax = ax if ax is not None else fig.add_subplot()
        lay = lineage_layout(lang=lang)
        draw_window(ax, lang=lang)
        draw_plan_lines(ax, lay["plans"])
        draw_mentions(ax, lay["mentions"])
        draw_milestones(ax, lay["milestones"])
        draw_project_labels(ax, lay["projects"])
        ax.set_xlim(2008.5, 2027.0)
        ax.set_xticks(range(2009, 2027, 2))
        ax.tick_params(axis="x", labelsize=5.5)
        ax.grid(axis="y", color="#eeeeee", lw=0.5, zorder=0)
        ax.spines[["right", "top"]].set_visible(False)
        draw_lineage_legend(ax, lay["plans"], lang=lang)
        fig.suptitle(label("figure.lineage", lang=lang), x=0.01, ha="left", fontsize=10,
                     fontfamily=_family())
        ax.set_title(text("sub.lineage", lang=lang), loc="left", fontsize=5.5, color=_MUTED,
                     fontfamily=_family(), pad=12)
    return fig


def _root(ax: Axes) -> Figure:
    try:
        return ax.get_figure(root=True)
    except TypeError:  # matplotlib < 3.10
        return ax.figure.figure
