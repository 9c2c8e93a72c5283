"""Did the plan deliver? Verdicts on every ask, and the line of plans that named each project.

The data behind the scorecard and lineage figures (re-exported by
:mod:`jxplan.analysis`).  Two kinds of verdict meet here, and the tables
always say which one a row carries (``basis``):

``rule``
    computed from the data: an actual milestone (``event_status``; planned
    dates never count) of the type the ask's ``delivered_by`` names
    happened on date D, read at its ``date_precision`` (:data:`KIND_EVENTS` says which event types can
    deliver which kind of ask), or the year's reported figure against a
    quantitative target;
``judgement``
    jxplan's own verdict from ``data/ask_verdicts.csv``, with its reason and
    its evidence (milestone, outcome or mention ids, or a source URL and grade);
``none``
    neither: the verdict is ``unknown``.

``unknown`` is never ``not_done``: an ask is ``not_done`` only where a record
shows it was not done (e.g. its first approval came later), and the counts
keep the two apart.

Examples
--------
>>> from jxplan import scorecard as sc
>>> card = sc.scorecard()
>>> card.set_index("ask_id").loc["jx-2016-m05-k1", ["basis", "verdict_at_deadline"]].tolist()
['rule', 'done_by_deadline']
>>> int((card["verdict_as_of"] == "unknown").sum()) > int((card["verdict_as_of"] == "not_done").sum())
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "VERDICTS", "DEADLINE_VERDICTS", "KIND_EVENTS", "ASK_TO_MENTION", "data_as_of",
    "actual_milestones", "check_verdicts", "scorecard", "scorecard_counts", "mention_grid",
    "lineage_summary",
]

#: The fixed vocabulary of a verdict, in the order the figures list it.
VERDICTS: tuple[str, ...] = ("done_by_deadline", "done_late", "in_progress", "not_done",
                             "superseded", "unknown")
#: The verdicts possible at the deadline itself (nothing can be late yet).
DEADLINE_VERDICTS: tuple[str, ...] = ("done_by_deadline", "in_progress", "not_done",
                                      "superseded", "unknown")
#: Which milestone event types can deliver which kind of ask (``asks.delivered_by``).
KIND_EVENTS: dict[str, tuple[str, ...]] = {
    "plan_study": ("plan_published", "approved"),
    "approval": ("approved", "design_approved"),
    "construction_start": ("construction_started",),
    "opening": ("opened", "completed"),
    "service": ("opened",),
}
#: How a 2016 ask names its project, as a kind of mention (for the lineage).
ASK_TO_MENTION: dict[str, str] = {
    "plan_study": "study", "approval": "prepare", "construction_start": "start",
    "opening": "open", "service": "open", "institution": "coordinate", "policy": "named",
    "progress": "build", "quantity": "named", "aim": "named",
}
_NO_RULE = "no milestone can decide this ask and jxplan holds no judgement on it"


# --------------------------------------------------------------------------- dates


def _first_day(date: Any) -> pd.Timestamp | None:
    import pandas as pd

    if _missing(date):
        return None
    if isinstance(date, pd.Timestamp):
        return date
    text = str(date)
    return pd.Timestamp({4: text + "-01-01", 7: text + "-01"}.get(len(text), text))


def _last_day(date: Any) -> pd.Timestamp | None:
    import pandas as pd

    first = _first_day(date)
    if first is None or isinstance(date, pd.Timestamp):
        return first
    text = str(date)
    if len(text) == 4:
        return pd.Timestamp(f"{text}-12-31")
    if len(text) == 7:
        return first + pd.offsets.MonthEnd(0)
    return first


def _years(later: pd.Timestamp, earlier: pd.Timestamp) -> float:
    return round((later - earlier).days / 365.25, 2)


def data_as_of() -> pd.Timestamp:
    """The as-of date of the shipped record: :data:`jxplan.meta.DATA_AS_OF`.

    The default date of the scorecard's second verdict, the date its figures
    name in their "as of" column, and the date of every figure's credit line.

    Examples
    --------
    >>> import pandas as pd
    >>> from jxplan import meta
    >>> data_as_of() == pd.Timestamp(meta.DATA_AS_OF)
    True
    """
    import pandas as pd

    from jxplan import meta

    return pd.Timestamp(meta.DATA_AS_OF)


def actual_milestones(milestones: pd.DataFrame) -> pd.DataFrame:
    """Keep the milestones that are actual events, not planned dates.

    The audited record types every milestone (``event_status``: ``actual``
    or ``planned``, and :data:`jxplan.meta.EVENT_TYPES` gives each event
    type its one status, e.g. ``planned_start`` is planned).  A row is kept
    only where both say ``actual``; a table without ``event_status`` (a
    user's parsed table) is judged by its event types alone.

    Examples
    --------
    >>> import pandas as pd
    >>> ms = pd.DataFrame({"event_type": ["opened", "opened", "planned_opening"],
    ...                    "event_status": ["planned", "actual", "planned"]})
    >>> actual_milestones(ms)["event_status"].tolist()
    ['actual']
    """
    from jxplan.meta import EVENT_TYPES

    keep = milestones["event_type"].map(EVENT_TYPES).eq("actual")
    if "event_status" in milestones.columns:
        keep &= milestones["event_status"].astype("string").eq("actual").fillna(False)
    return milestones[keep.fillna(False).astype(bool)]


def _span(row) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day a milestone's date can mean, from its ``date_precision``."""
    import pandas as pd

    text = str(row["date"])
    precision = row.get("date_precision")
    if _missing(precision):
        return _first_day(text), _last_day(text)
    first = pd.Timestamp(text[:{"year": 4, "month": 7}.get(precision, 10)]
                         + {"year": "-01-01", "month": "-01"}.get(precision, ""))
    last = {"year": first + pd.offsets.YearEnd(0),
            "month": first + pd.offsets.MonthEnd(0)}.get(precision, first)
    return first, last


# --------------------------------------------------------------------------- rules


def _rule_from_milestone(ask, ms_by_project: dict, deadline, as_of) -> dict | None:
    """The verdict the milestones give an ask whose ``delivered_by`` is set (None: undecided)."""
    event, project = ask.get("delivered_by"), ask.get("project_id")
    if _missing(event) or _missing(project):
        return None
    ms = ms_by_project.get(project)
    if ms is None:
        return None
    hits = ms[ms["event_type"] == event]
    if hits.empty:
        return None
    first = hits.iloc[0]
    start, end = _span(first)
    out = {"evidence_ids": first["milestone_id"], "delivered_date": first["date"],
           "source_url": first["source_url"], "confidence": first["confidence"],
           "years_late": None, "years_late_max": None}
    what = f"{event} on {first['date']} ({first['milestone_id']})"
    if first["confidence"] == "W":
        what += ", on one weak page (grade W) only"
    if end <= deadline:
        at = "done_by_deadline"
    elif start > deadline:
        at = "not_done"
    else:
        at = "unknown"
    if start > as_of:
        now = "not_done"
    elif end <= as_of:
        now = {"done_by_deadline": "done_by_deadline", "not_done": "done_late"}.get(at, "unknown")
    else:
        now = "unknown"
    if now == "done_late":
        out["years_late"] = _years(start, deadline)
        out["years_late_max"] = _years(end, deadline)
    reasons = {"done_by_deadline": f"rule: {what}, by the deadline",
               "not_done": f"rule: first {what}, after the deadline",
               "unknown": f"rule: {what} is dated too coarsely to tell"}
    out.update(verdict_at_deadline=at, verdict_as_of=now, reason_en=reasons[at])
    return out


def _rule_from_outcomes(ask, outcomes: pd.DataFrame, targets: pd.DataFrame,
                        deadline) -> dict | None:
    """A quantitative ask against the city-wide figure reported for its deadline year."""
    tid = ask.get("target_id")
    if _missing(tid) or tid not in targets.index:
        return None
    year = deadline.year
    rows = outcomes[(outcomes["target_id"] == tid) & (outcomes["period_start"] == year)
                    & (outcomes["period_end"] == year) & outcomes["adcode"].isna()
                    & (outcomes["target_relation"] == "same_indicator")]
    if rows.empty:
        return None
    reported = rows[rows["status"] == "reported"]
    target = targets.loc[tid]
    if reported.empty:
        ids = ";".join(rows.index)
        return {"verdict_at_deadline": "unknown", "verdict_as_of": "unknown",
                "evidence_ids": ids, "delivered_date": None, "years_late": None,
                "source_url": None, "confidence": "NF",
                "reason_en": f"rule: no city-wide {year} figure was found for the target "
                             f"({ids}); unknown, not 'not done'"}
    o = reported.iloc[0]
    value, goal = float(o["value"]), float(target["value"])
    met = {">=": value >= goal, ">": value > goal, "<=": value <= goal, "<": value < goal,
           "=": value == goal}[target["comparator"]]
    verdict = "done_by_deadline" if met else "not_done"
    return {"verdict_at_deadline": verdict, "verdict_as_of": verdict,
            "evidence_ids": reported.index[0], "delivered_date": str(year) if met else None,
            "years_late": None, "source_url": o["source_url"], "confidence": o["confidence"],
            "reason_en": f"rule: {value:g} reported for {year} against {target['comparator']} "
                         f"{goal:g}"}


def _missing(value: Any) -> bool:
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


# --------------------------------------------------------------------------- judgements


def check_verdicts(verdicts: pd.DataFrame | None = None, *,
                   asks: pd.DataFrame | None = None) -> list[str]:
    """Problems in the hand-coded verdicts (an empty list when there are none).

    A verdict other than ``unknown`` needs evidence (ids or a source URL);
    every evidence id must exist among the milestones, outcomes or mentions;
    ``done_late`` needs a ``delivered_date`` after the deadline and
    ``done_by_deadline`` one on or before it; the as-of verdict cannot undo
    the verdict at the deadline; a verdict whose evidence is graded ``W``
    (one weak page) throughout is graded ``W`` itself and says so in its
    reason.

    Examples
    --------
    >>> check_verdicts()
    []
    >>> import pandas as pd
    >>> bad = pd.DataFrame({"verdict_at_deadline": ["not_done"], "verdict_as_of": ["not_done"],
    ...                     "evidence_ids": [pd.NA], "source_url": [pd.NA],
    ...                     "delivered_date": [pd.NA], "done_no_later_than": [pd.NA]},
    ...                    index=pd.Index(["jx-2016-m04-k6"], name="ask_id"))
    >>> check_verdicts(bad)
    ['jx-2016-m04-k6: verdict not_done/not_done names no evidence']
    """
    from jxplan.io import load_ask_verdicts, load_asks, load_mentions, load_milestones, load_outcomes

    verdicts = load_ask_verdicts() if verdicts is None else verdicts
    asks = load_asks(plan_id=None) if asks is None else asks
    grades: dict[str, str] = {}
    for table in (load_milestones(), load_outcomes(), load_mentions()):
        grades.update(table["confidence"].astype("string").to_dict())
    known = set(grades)
    problems: list[str] = []
    for ask_id, v in verdicts.iterrows():
        at, now = v["verdict_at_deadline"], v["verdict_as_of"]
        ids = [] if _missing(v["evidence_ids"]) else [i for i in str(v["evidence_ids"]).split(";")
                                                       if i]
        has_url = not _missing(v["source_url"]) and str(v["source_url"]).startswith("http")
        if (at != "unknown" or now != "unknown") and not ids and not has_url:
            problems.append(f"{ask_id}: verdict {at}/{now} names no evidence")
        problems += [f"{ask_id}: evidence id {i!r} is not a milestone, outcome or mention"
                     for i in ids if i not in known]
        if at != "unknown" or now != "unknown":
            problems += _weak_only(ask_id, v, [grades[i] for i in ids if i in grades]
                                   + ([v["confidence"]] if has_url else []))
        if ask_id not in asks.index:
            problems.append(f"{ask_id}: no such ask")
            continue
        problems += _date_problems(ask_id, v, asks.at[ask_id, "deadline"])
    return problems


def _date_problems(ask_id: str, v, deadline) -> list[str]:
    """The verdict's dates against its deadline (see :func:`check_verdicts`)."""
    at, now = v["verdict_at_deadline"], v["verdict_as_of"]
    delivered = v["delivered_date"]
    problems: list[str] = []
    if now == "done_late" and (_missing(delivered) or _first_day(delivered) <= deadline):
        problems.append(f"{ask_id}: done_late needs a delivered_date after the deadline")
    if "done_by_deadline" in (at, now) and (_missing(delivered)
                                            or _last_day(delivered) > deadline):
        problems.append(f"{ask_id}: done_by_deadline needs a delivered_date on or before "
                        "the deadline")
    if at == "done_by_deadline" and now != "done_by_deadline":
        problems.append(f"{ask_id}: done by the deadline, so the as-of verdict must say so")
    if at != "done_by_deadline" and now == "done_by_deadline":
        problems.append(f"{ask_id}: as-of verdict done_by_deadline contradicts {at} at the "
                        "deadline")
    if not _missing(v["done_no_later_than"]) and now != "unknown":
        problems.append(f"{ask_id}: done_no_later_than is for verdicts that stay unknown")
    return problems


def _weak_only(ask_id: str, v, cited: list[str]) -> list[str]:
    """A verdict resting on W-graded pages only is graded W and says so in its reason."""
    if not cited or set(cited) != {"W"}:
        return []
    if v["confidence"] == "W" and "grade W" in str(v["reason_en"]):
        return []
    return [f"{ask_id}: rests on weak pages only, so its grade is W and its reason says "
            "'grade W'"]


def _judgement(v, deadline, as_of) -> dict:
    at, now = v["verdict_at_deadline"], v["verdict_as_of"]
    reason = str(v["reason_en"])
    described = _first_day(v["verdict_date"])
    if as_of < deadline:
        at_out, now_out = at, "unknown"
        reason = f"judgement describes {v['verdict_date']}; {reason}"
    elif as_of < described:
        at_out, now_out = at, "unknown"
        reason = f"judgement describes {v['verdict_date']}, after the date asked for; {reason}"
        delivered = v["delivered_date"]
        if now == "done_late" and at == "not_done" and not _missing(delivered):
            if _first_day(delivered) > as_of:
                now_out = "not_done"  # the record dates the delivery after the date asked for
            elif _last_day(delivered) <= as_of:
                now_out = "done_late"
    else:
        at_out, now_out = at, now
    delivered = v["delivered_date"]
    late = late_max = None
    if now_out == "done_late" and not _missing(delivered):
        late = _years(_first_day(delivered), deadline)
        late_max = _years(_last_day(delivered), deadline)
    return {"verdict_at_deadline": at_out, "verdict_as_of": now_out,
            "evidence_ids": None if _missing(v["evidence_ids"]) else v["evidence_ids"],
            "delivered_date": None if _missing(delivered) else delivered,
            "done_no_later_than": None if _missing(v["done_no_later_than"])
            else v["done_no_later_than"],
            "source_url": v["source_url"], "confidence": v["confidence"], "years_late": late,
            "years_late_max": late_max, "reason_en": reason}


# --------------------------------------------------------------------------- the scorecard


_COLUMNS = ("ask_id", "plan_id", "group_id", "group_kind", "group_no", "ask_no", "quote_zh",
            "summary_en", "deliverable_kind", "project_id", "deadline", "deadline_basis",
            "as_of", "basis", "verdict_at_deadline", "verdict_as_of", "delivered_date",
            "years_late", "years_late_max", "done_no_later_than", "evidence_ids", "source_url",
            "confidence", "reason_en", "conflict")


def scorecard(*, as_of: Any = None, plan_id: str = "jx-2016") -> pd.DataFrame:
    """One row per ask: its verdict at the deadline and as of a date, with the evidence.

    Parameters
    ----------
    as_of : date-like, optional
        The date of the second verdict (default: :func:`data_as_of`, i.e.
        ``jxplan.meta.DATA_AS_OF``, the as-of date of the record).  Rule verdicts are recomputed for it; a
        judgement made for a later date than ``as_of`` gives ``unknown`` for it.
    plan_id : str, default "jx-2016"

    Returns
    -------
    pandas.DataFrame
        Goals first, then measures, in the plan's order.  Columns:
        ``ask_id``, ``plan_id``, ``group_id`` (measure or goal), ``group_kind``
        (``goal``/``measure``), ``group_no``, ``ask_no``, ``quote_zh`` (a
        quotation of the plan), ``summary_en`` (jxplan's words),
        ``deliverable_kind``, ``project_id``, ``deadline``, ``deadline_basis``,
        ``as_of``, ``basis`` (``rule``, ``judgement`` or ``none``),
        ``verdict_at_deadline``, ``verdict_as_of`` (:data:`VERDICTS`),
        ``delivered_date`` (as precise as the source), ``years_late`` and
        ``years_late_max`` (the least and the most lateness the date's
        precision allows, for ``done_late`` only, NA otherwise),
        ``done_no_later_than`` (the
        record shows it done by then, but not when: the verdict stays
        unknown), ``evidence_ids``, ``source_url``, ``confidence``,
        ``reason_en`` and ``conflict`` (set where a judgement row disagrees
        with the rule, which wins).

    Raises
    ------
    ValueError
        When the hand-coded verdicts break a rule of :func:`check_verdicts`.

    Examples
    --------
    >>> card = scorecard().set_index("ask_id")
    >>> row = card.loc["jx-2016-m04-k3"]
    >>> row["verdict_as_of"], float(row["years_late"]), float(row["years_late_max"])
    ('done_late', 1.0, 2.0)
    >>> card.loc["jx-2016-g3-k2", ["basis", "verdict_as_of", "evidence_ids"]].tolist()
    ['rule', 'unknown', 'o006']
    >>> scorecard(as_of="2017-06-30").set_index("ask_id").loc["jx-2016-m04-k3", "verdict_as_of"]
    'not_done'
    """
    import pandas as pd

    from jxplan.io import load_ask_verdicts, load_asks, load_milestones, load_outcomes, load_targets

    problems = check_verdicts()
    if problems:
        raise ValueError("ask_verdicts.csv: " + "; ".join(problems))
    when = data_as_of() if as_of is None else pd.Timestamp(as_of)
    asks = load_asks(plan_id=plan_id)
    verdicts = load_ask_verdicts()
    ms = actual_milestones(load_milestones().reset_index())
    ms = ms.assign(_start=[_span(r)[0] for _, r in ms.iterrows()])
    ms = ms.sort_values(["_start", "milestone_id"], kind="stable")
    by_project = {p: g for p, g in ms.groupby("project_id", sort=False)}
    outcomes, targets = load_outcomes(), load_targets(plan_id=None)
    rows = []
    for ask_id, ask in asks.iterrows():
        deadline = ask["deadline"]
        rule = (_rule_from_milestone(ask, by_project, deadline, when)
                or _rule_from_outcomes(ask, outcomes, targets, deadline))
        judged = _judgement(verdicts.loc[ask_id], deadline, when) if ask_id in verdicts.index \
            else None
        conflict = None
        if rule is not None:
            basis, got = "rule", rule
            if judged is not None:
                pairs = [("at the deadline", "verdict_at_deadline"), ("as of", "verdict_as_of")]
                diff = [f"{label}: judgement {judged[k]} vs rule {rule[k]}" for label, k in pairs
                        if judged[k] != rule[k] and judged[k] != "unknown"]
                conflict = "; ".join(diff) or None
        elif judged is not None:
            basis, got = "judgement", judged
        else:
            basis = "none"
            got = {"verdict_at_deadline": "unknown", "verdict_as_of": "unknown",
                   "reason_en": _NO_RULE}
        group_kind = "goal" if _missing(ask["measure_id"]) else "measure"
        rows.append({
            "ask_id": ask_id, "plan_id": ask["plan_id"], "group_id": ask["group_id"],
            "group_kind": group_kind, "group_no": int(str(ask["group_id"]).rsplit("-", 1)[1][1:]),
            "ask_no": ask["ask_no"], "quote_zh": ask["quote_zh"], "summary_en": ask["summary_en"],
            "deliverable_kind": ask["deliverable_kind"], "project_id": ask["project_id"],
            "deadline": deadline, "deadline_basis": ask["deadline_basis"], "as_of": when,
            "basis": basis, "conflict": conflict,
            **{k: got.get(k) for k in ("verdict_at_deadline", "verdict_as_of", "delivered_date",
                                       "years_late", "years_late_max", "done_no_later_than",
                                       "evidence_ids",
                                       "source_url", "confidence", "reason_en")},
        })
    out = pd.DataFrame(rows, columns=list(_COLUMNS))
    out["_g"] = (out["group_kind"] == "measure").astype(int)
    out = out.sort_values(["_g", "group_no", "ask_no"], kind="stable").drop(columns="_g")
    strings = [c for c in _COLUMNS if c not in ("group_no", "ask_no", "deadline", "as_of",
                                                "years_late", "years_late_max")]
    out = out.astype({**{c: "string" for c in strings}, "group_no": "Int64", "ask_no": "Int64",
                      "years_late": "Float64", "years_late_max": "Float64"})
    return out.reset_index(drop=True)


def scorecard_counts(*, as_of: Any = None, card: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts of asks by measure (or goal) and verdict, at the deadline and as of a date.

    Every verdict of :data:`VERDICTS` gets a row for every group, so a zero is
    a real zero; ``unknown`` is its own row and is never added to
    ``not_done``.  The last group, ``all``, is the plan's total.

    Examples
    --------
    >>> c = scorecard_counts()
    >>> total = c[c["group_id"] == "all"].set_index("verdict")
    >>> int(total["n_as_of"].sum()) == len(scorecard())
    True
    >>> int(total.loc["unknown", "n_as_of"]) > int(total.loc["not_done", "n_as_of"])
    True
    """
    import pandas as pd

    card = scorecard(as_of=as_of) if card is None else card
    groups = list(dict.fromkeys(card["group_id"])) + ["all"]
    rows = []
    for g in groups:
        sub = card if g == "all" else card[card["group_id"] == g]
        kind = "all" if g == "all" else sub["group_kind"].iloc[0]
        for verdict in VERDICTS:
            rows.append({"group_id": g, "group_kind": kind, "verdict": verdict,
                         "n_at_deadline": int((sub["verdict_at_deadline"] == verdict).sum()),
                         "n_as_of": int((sub["verdict_as_of"] == verdict).sum())})
    return pd.DataFrame(rows).astype({"group_id": "string", "group_kind": "string",
                                      "verdict": "string", "n_at_deadline": "Int64",
                                      "n_as_of": "Int64"})


# --------------------------------------------------------------------------- the line of plans


def _decimal_year(ts: pd.Timestamp | None) -> float | None:
    if ts is None:
        return None
    start = type(ts)(year=ts.year, month=1, day=1)
    end = type(ts)(year=ts.year + 1, month=1, day=1)
    return round(ts.year + (ts - start) / (end - start), 4)


def _plan_dated(plan) -> str | None:
    if not _missing(plan["issue_date"]):
        return str(plan["issue_date"].date())
    return None


def mention_grid(*, plan_ids: Iterable[str] | None = None,
                 project_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Every plan of the registry against every linkage project: named how, or unknown.

    The 2016 plan's mentions come from its asks (:data:`ASK_TO_MENTION`),
    the others from ``mentions.csv``.  A pair without a record is
    ``unknown`` (its ``status``); ``not_named`` is given only where jxplan
    holds a plan's full text (``text_held == "full"``).  The 2014-2016 plan
    is known by its title only, so all its pairs are unknown.

    Returns
    -------
    pandas.DataFrame
        ``plan_id``, ``project_id``, ``status`` (``named``, ``not_named``,
        ``unknown``), ``mention_kind`` (NA unless named), ``plan_dated``
        (as precise as the source), ``plan_year`` (a decimal year for the
        axis, NA where the plan is undated), ``via``, ``match_is_judgement``,
        ``evidence`` (mention id or ask ids), ``source_url``, ``confidence``,
        ``note``.

    Examples
    --------
    >>> g = mention_grid()
    >>> g[(g["plan_id"] == "jx-2016") & (g["project_id"] == "rail-huzhahang")][
    ...     ["status", "mention_kind", "evidence"]].values.tolist()
    [['named', 'build', 'jx-2016-m04-k4;jx-2016-m04-k5']]
    >>> sorted(set(g.loc[g["plan_id"] == "jx-2014-2016", "status"]))
    ['unknown']
    """
    import pandas as pd

    from jxplan.io import load_asks, load_mentions, load_plans
    from jxplan.ordering import project_order

    plans = load_plans()
    order = project_order()["project_id"].tolist()
    plan_list = list(plans.index) if plan_ids is None else list(plan_ids)
    proj_list = order if project_ids is None else list(project_ids)
    # looked up by (plan, project): one mention row at most (mentions.csv), the asks in file order
    mentions = {(m["plan_id"], m["project_id"]): m
                for m in load_mentions().reset_index().to_dict("records")}
    asks = load_asks(plan_id=None).reset_index()
    asks = asks[asks["project_id"].notna()]
    asks_of = {key: group for key, group in asks.groupby(["plan_id", "project_id"], sort=False)}
    no_asks = asks.iloc[:0]
    rows = []
    for pid in plan_list:
        plan = plans.loc[pid]
        dated = _plan_dated(plan)
        for proj in proj_list:
            row: dict[str, Any] = {"plan_id": pid, "project_id": proj, "mention_kind": None,
                                   "plan_dated": dated, "via": None,
                                   "match_is_judgement": None, "evidence": None,
                                   "source_url": None, "confidence": None, "note": None}
            mine = asks_of.get((pid, proj), no_asks)
            if (pid, proj) in mentions:
                m = mentions[(pid, proj)]
                row.update(status="named", mention_kind=m["mention_kind"],
                           plan_dated=m["plan_dated"], via=m["mention_via"],
                           match_is_judgement=bool(m["match_is_judgement"]),
                           evidence=m["mention_id"], source_url=m["source_url"],
                           confidence=m["confidence"], note=m["note_en"])
            elif not mine.empty:
                kinds = [ASK_TO_MENTION[k] for k in mine.sort_values("ask_no")["deliverable_kind"]]
                rank = ("start", "open", "build", "prepare", "study", "coordinate", "named")
                row.update(status="named", mention_kind=min(kinds, key=rank.index),
                           via="plan_text", match_is_judgement=False,
                           evidence=";".join(mine.sort_values("ask_no")["ask_id"]),
                           source_url=mine["source_url"].iloc[0], confidence="C")
            elif plan["text_held"] == "full":
                row.update(status="not_named", note="not named in the plan's full text")
            else:
                note = ("only the plan's title is known" if plan["text_held"] == "title_only"
                        else "not named in the part of the text jxplan holds")
                row.update(status="unknown", note=note)
            row["plan_year"] = _decimal_year(_first_day(row["plan_dated"]))
            rows.append(row)
    out = pd.DataFrame(rows, columns=["plan_id", "project_id", "status", "mention_kind",
                                      "plan_dated", "plan_year", "via", "match_is_judgement",
                                      "evidence", "source_url", "confidence", "note"])
    strings = [c for c in out.columns if c not in ("plan_year", "match_is_judgement")]
    return out.astype({**{c: "string" for c in strings}, "plan_year": "Float64",
                       "match_is_judgement": "boolean"})


def lineage_summary() -> pd.DataFrame:
    """For each project: how long plans asked for it before it started and opened.

    Returns
    -------
    pandas.DataFrame
        One row per project (`jxplan.analysis.project_order` order):
        ``project_id``, ``n_plans_naming``, ``plan_ids`` (``;``-joined, by
        date), ``first_named`` (date of the earliest naming plan),
        ``first_construction`` and ``first_opened`` (first actual milestone of
        each, as precise as the source; ``opened`` or ``completed``),
        ``years_named_before_start`` (NA where either end is unknown, never 0;
        negative where works had started before the first plan in the record
        named the project -- the record of plans is not complete).

    Examples
    --------
    >>> s = lineage_summary().set_index("project_id")
    >>> s.loc["road-wanbei-phase2", ["first_named", "first_construction"]].tolist()
    ['2016-05-16', '2016-07-01']
    >>> bool(s[["years_named_before_start"]].loc["bus-xindai-jinshanbei"].isna().all())
    True
    """
    import pandas as pd

    from jxplan.io import load_milestones
    from jxplan.ordering import project_order

    grid = mention_grid()
    named = grid[(grid["status"] == "named") & grid["plan_year"].notna()]
    ms = actual_milestones(load_milestones().reset_index())
    ms = ms.assign(_start=ms["date"].map(_first_day)).sort_values("_start", kind="stable")
    rows = []
    for pid in project_order()["project_id"]:
        mine = named[named["project_id"] == pid].sort_values("plan_year", kind="stable")
        starts = ms[(ms["project_id"] == pid) & (ms["event_type"] == "construction_started")]
        opens = ms[(ms["project_id"] == pid) & ms["event_type"].isin(["opened", "completed"])]
        first = mine["plan_dated"].iloc[0] if len(mine) else None
        start = starts["date"].iloc[0] if len(starts) else None
        years = (_years(_first_day(start), _first_day(first))
                 if first is not None and start is not None else None)
        rows.append({"project_id": pid, "n_plans_naming": len(mine),
                     "plan_ids": ";".join(mine["plan_id"]), "first_named": first,
                     "first_construction": start,
                     "first_opened": opens["date"].iloc[0] if len(opens) else None,
                     "years_named_before_start": years})
    out = pd.DataFrame(rows)
    return out.astype({"project_id": "string", "n_plans_naming": "Int64", "plan_ids": "string",
                       "first_named": "string", "first_construction": "string",
                       "first_opened": "string", "years_named_before_start": "Float64"})
