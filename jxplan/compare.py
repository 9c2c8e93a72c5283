"""Compare two plans: which action areas and which linkage projects they share.

:func:`compare_plans` lines up two plans by action area (对接行动) and by the
Shanghai-linkage projects their measures name, and says for each item whether
it is in both plans, only in the first, only in the second, or unknown.

A plan is given as

* a plan id from the shipped data (``"jx-2016"``, ``"jxgq-2017"``, ...);
* a folder (or its ``measures.csv``) laid out like ``data/templates/``:
  ``measures.csv`` (required), ``actions.csv`` and ``projects.csv``
  (optional), each read with the same checks as the shipped data; the
  projects a measure names come from the ``measure_id`` column of
  ``projects.csv``, exactly as in the shipped data;
* a measures DataFrame (as returned by :func:`jxplan.load_measures`), with an
  optional ``project_ids`` column (``;``-separated project ids) and optional
  ``action_name_zh`` / ``action_name_en`` columns; without them the action
  names are looked up in the shipped actions table.

Nothing is matched on a guess: an action area whose name the held text does
not give is a row of its own with status ``unknown`` ("name not in held
text"), and an item present on one side only is ``unknown`` rather than
``only_a``/``only_b`` when the other side cannot tell (it holds no action
areas, or no measure-to-project links).

Examples
--------
>>> import jxplan
>>> t = jxplan.compare_plans("jx-2016", "jxgq-2017", by="action")
>>> t.loc[t["status"] == "in_both", "key"].tolist()
['基础设施', '人才科技']
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jxplan.meta import FIELDS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["compare_plans", "action_key", "DIMENSIONS", "STATUSES", "COLUMNS"]

#: What :func:`compare_plans` can align by.
DIMENSIONS: tuple[str, ...] = ("action", "project")
#: Status of a row, in the order rows are sorted.
STATUSES: tuple[str, ...] = ("in_both", "only_a", "only_b", "unknown")
#: Columns of the table :func:`compare_plans` returns.
COLUMNS: tuple[str, ...] = ("dimension", "key", "key_en", "status", "plan_a", "plan_b",
                            "measure_ids_a", "measure_ids_b", "note")

NAME_NOT_HELD = "name not in held text"
_SUFFIXES = ("对接行动", "行动")
_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十百]+[)）]?[、.．:：\s]*")


def action_key(name: str) -> str:
    """Return the key two plans' action areas are matched on.

    White space, a leading Chinese numeral (``一、``) and the suffix
    ``对接行动`` or ``行动`` are removed.

    Examples
    --------
    >>> action_key("规划政策对接行动")
    '规划政策'
    >>> action_key("二、基础设施 对接行动")
    '基础设施'
    >>> action_key("人才科技")
    '人才科技'
    """
    key = re.sub(r"\s+", "", str(name))
    key = _NUMBERING.sub("", key)
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


@dataclass
class _Side:
    """One side of a comparison, reduced to what the alignment needs."""

    label: str
    #: action_id -> (action_no or None, name_zh or None, name_en or None)
    actions: dict[str, tuple[int | None, str | None, str | None]]
    #: measure_id -> action_id (or None)
    measure_actions: dict[str, str | None]
    #: project_id -> measure_ids naming it
    links: dict[str, list[str]]
    knows_projects: bool
    project_names: dict[str, str] = field(default_factory=dict)
    #: project_id -> how the plan names it, from data/mentions.csv (registry plans only)
    mentioned: dict[str, str] = field(default_factory=dict)


def compare_plans(a: Any, b: Any, *, by: Sequence[str] | str = DIMENSIONS) -> pd.DataFrame:
    """Align two plans by action area and by linked project.

    Parameters
    ----------
    a, b : str, path or pandas.DataFrame
        Each a plan id from the shipped data, a folder laid out like
        ``data/templates/`` (or the path of its ``measures.csv``), or a
        measures table (see the module documentation).
    by : {"action", "project"} or sequence of them, default both
        The dimensions to align by, in the order the rows come out.

    Returns
    -------
    pandas.DataFrame
        One row per action area or project (all columns ``string``):

        ``dimension``
            ``action`` or ``project``.
        ``key``
            The action key (:func:`action_key`; for an action area whose
            name is not held, its ``action_id``) or the ``project_id``.
        ``key_en``
            The English name where known; ``name not in held text`` for
            action areas without a name.
        ``status``
            ``in_both``, ``only_a``, ``only_b`` or ``unknown``.
        ``plan_a``, ``plan_b``
            The plan (id, or the ids in a table) where the item is present
            on that side, else missing.
        ``measure_ids_a``, ``measure_ids_b``
            The measures of that side under the action area, or naming the
            project, ``;``-joined; missing where there are none.
        ``note``
            Why a status is ``unknown``, or a caveat on ``only_a``/``only_b``.

        Sorted by dimension (in ``by`` order), status (``in_both``,
        ``only_a``, ``only_b``, ``unknown``), then action number or project id.

    Raises
    ------
    ValueError
        For an unknown plan id (naming the closest ones) or dimension, or a
        table without the columns a dimension needs.
    jxplan.validate.DataValidationError
        When a plan folder's files break the schema.

    Examples
    --------
    >>> t = compare_plans("jx-2016", "jxgq-2017", by="action")
    >>> t[["key", "status", "measure_ids_a"]].head(3).values.tolist()
    [['基础设施', 'in_both', 'jx-2016-m04;jx-2016-m05;jx-2016-m06'],
     ['人才科技', 'in_both', 'jx-2016-m07'],
     ['规划政策', 'only_a', 'jx-2016-m01;jx-2016-m02;jx-2016-m03']]
    >>> t[t["status"] == "unknown"][["key", "key_en", "plan_a"]].head(2).values.tolist()
    [['jx-2016-a4', 'name not in held text', 'jx-2016'], ['jx-2016-a5', 'name not in held text', 'jx-2016']]
    >>> t[t["status"] == "only_b"]["note"].iloc[0]
    'plan a has 4 action area(s) whose names the held text does not give; this may be one of them'
    >>> p = compare_plans("jx-2016", "jxgq-2017", by="project")
    >>> sorted(set(p["status"]))
    ['unknown']
    >>> compare_plans("jx-2061", "jx-2016")
    Traceback (most recent call last):
    ...
    ValueError: unknown plan_id 'jx-2061'; did you mean 'jx-2016' or ...? Valid: ..., jx-2016, ...
    """
    import pandas as pd

    from jxplan.io import check_choice

    dims = [by] if isinstance(by, str) else list(by)
    if not dims:
        raise ValueError(f"by must name at least one of: {', '.join(DIMENSIONS)}")
    dims = [check_choice(d, DIMENSIONS, what="dimension") for d in dict.fromkeys(dims)]
    side_a = _side(a, "a", need_actions="action" in dims)
    side_b = _side(b, "b", need_actions="action" in dims)
    rows: list[dict[str, Any]] = []
    for rank, dim in enumerate(dims):
        align = _align_actions if dim == "action" else _align_projects
        made = align(side_a, side_b)
        rows += [{**r, "_dim": rank} for r in made]
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "_dim", "_order"])
    frame["_status"] = frame["status"].map({s: i for i, s in enumerate(STATUSES)})
    frame = frame.sort_values(["_dim", "_status", "_order", "key"], kind="stable")
    frame = frame[list(COLUMNS)].reset_index(drop=True)
    return frame.astype("string")


# --------------------------------------------------------------------------- sides


_PLAN_ID = re.compile(FIELDS["plan_id"].pattern or r"^[a-z0-9-]+$")


def _side(obj: Any, which: str, *, need_actions: bool) -> _Side:
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        return _frame_side(obj, which, need_actions=need_actions)
    if isinstance(obj, str) and _PLAN_ID.fullmatch(obj):
        return _plan_side(obj)
    if isinstance(obj, (str, os.PathLike)):
        path = Path(obj)
        if path.exists():
            return _path_side(path)
        if isinstance(obj, str):
            return _plan_side(obj)  # raises: unknown plan_id, with the closest ids
        raise FileNotFoundError(f"plan {which}: {path} does not exist")
    raise TypeError(f"plan {which} must be a plan id, a folder or a measures DataFrame, "
                    f"not {type(obj).__name__}")


def _valid_plan_ids() -> set[str]:
    from jxplan.io import load_plans, read_table

    valid = set(load_plans().index)
    for name in ("measures", "actions"):
        valid |= set(read_table(name)["plan_id"].dropna())
    return valid


def _none(value: Any) -> Any:
    import pandas as pd

    missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
    return None if missing else value


def _actions_of(frame: pd.DataFrame) -> dict[str, tuple[int | None, str | None, str | None]]:
    frame = frame.reset_index() if "action_id" not in frame.columns else frame
    out = {}
    for row in frame.itertuples(index=False):
        no = _none(getattr(row, "action_no", None))
        out[str(row.action_id)] = (int(no) if no is not None else None,
                                   _none(getattr(row, "name_zh", None)),
                                   _none(getattr(row, "name_en", None)))
    return out


def _measure_actions(measures: pd.DataFrame) -> dict[str, str | None]:
    return {str(m): (None if _none(a) is None else str(a))
            for m, a in zip(measures["measure_id"], measures["action_id"], strict=True)}


def _links_of(measures: pd.DataFrame) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for mid, raw in zip(measures["measure_id"], measures["project_ids"], strict=True):
        raw = _none(raw)
        for pid in (str(raw).split(";") if raw else []):
            if pid.strip():
                links.setdefault(pid.strip(), []).append(str(mid))
    return links


def _project_names() -> dict[str, str]:
    from jxplan.io import read_table

    return {str(k): str(v) for k, v in read_table("projects")["name_en"].dropna().items()}


def _plan_side(plan_id: str) -> _Side:
    from jxplan.io import check_choice, load_actions, load_measures

    check_choice(plan_id, _valid_plan_ids(), what="plan_id")
    actions = load_actions(plan_id=None)
    actions = actions[actions["plan_id"] == plan_id]
    measures = load_measures(plan_id=None).reset_index()
    measures = measures[measures["plan_id"] == plan_id]
    links = _links_of(measures)
    mentioned = _mentioned(plan_id)
    for pid in mentioned:
        links.setdefault(pid, [])
    return _Side(label=plan_id, actions=_actions_of(actions),
                 measure_actions=_measure_actions(measures),
                 links=links, knows_projects=len(measures) > 0,
                 project_names=_project_names(), mentioned=mentioned)


def _mentioned(plan_id: str) -> dict[str, str]:
    """Projects a registry plan names per data/mentions.csv (a pair not there stays unknown)."""
    from jxplan.io import load_mentions

    m = load_mentions()
    m = m[m["plan_id"] == plan_id]
    return {str(p): str(k) for p, k in zip(m["project_id"], m["mention_kind"])}


def _path_side(path: Path) -> _Side:
    from jxplan.io import load_measures, read_table

    file = path / "measures.csv" if path.is_dir() else path
    if not file.is_file():
        raise FileNotFoundError(f"{path} holds no measures.csv (see data/templates/README.md)")
    folder = file.parent
    measures = load_measures(path=file, plan_id=None).reset_index()
    names = _project_names()
    projects_file = folder / "projects.csv"
    if projects_file.is_file():
        projects = read_table("projects", path=projects_file).reset_index()
        linked = (projects.dropna(subset=["measure_id"]).groupby("measure_id")["project_id"]
                  .agg(";".join))
        measures["project_ids"] = measures["measure_id"].map(linked).astype("string")
        names.update({str(k): str(v) for k, v in zip(projects["project_id"], projects["name_en"], strict=True)
                      if _none(v) is not None})
        knows = True
    else:
        knows = bool(measures["project_ids"].notna().any())
    actions_file = folder / "actions.csv"
    if actions_file.is_file():
        actions = _actions_of(read_table("actions", path=actions_file))
    else:
        actions = _shipped_actions(measures)
    return _Side(label=_label(measures, file.parent.name if path.is_dir() else file.stem),
                 actions=actions,
                 measure_actions=_measure_actions(measures),
                 links=_links_of(measures), knows_projects=knows, project_names=names)


def _shipped_actions(measures: pd.DataFrame) -> dict[str, tuple[int | None, str | None,
                                                                  str | None]]:
    """The shipped action areas of the plans in ``measures`` and those its measures name."""
    from jxplan.io import load_actions

    shipped = load_actions(plan_id=None)
    plans = set(measures["plan_id"].map(_none).dropna()) if "plan_id" in measures else set()
    wanted = set(measures["action_id"].map(_none).dropna())
    keep = shipped["plan_id"].isin(plans) | shipped.index.isin(wanted)
    return _actions_of(shipped[keep])


def _label(measures: pd.DataFrame, fallback: str) -> str:
    plans = sorted(set(measures["plan_id"].dropna())) if "plan_id" in measures else []
    return ";".join(plans) if plans else fallback


def _frame_side(frame: pd.DataFrame, which: str, *, need_actions: bool) -> _Side:
    measures = frame.reset_index() if "measure_id" not in frame.columns else frame.copy()
    needed = ["measure_id"] + (["action_id"] if need_actions else [])
    missing = [c for c in needed if c not in measures.columns]
    if missing:
        raise ValueError(f"measures table {which} has no column {', '.join(missing)}; it needs "
                         f"{', '.join(needed)} (and project_ids to compare by project)")
    if "action_id" not in measures:
        measures["action_id"] = None
    knows = "project_ids" in measures.columns
    if not knows:
        measures["project_ids"] = None
    if "action_name_zh" in measures.columns:
        actions: dict[str, tuple[int | None, str | None, str | None]] = {}
        for row in measures.drop_duplicates("action_id").itertuples(index=False):
            if _none(row.action_id) is None:
                continue
            actions[str(row.action_id)] = (None, _none(row.action_name_zh),
                                           _none(getattr(row, "action_name_en", None)))
    else:
        actions = _shipped_actions(measures)
    return _Side(label=_label(measures, which), actions=actions,
                 measure_actions=_measure_actions(measures),
                 links=_links_of(measures), knows_projects=knows,
                 project_names=_project_names())


# --------------------------------------------------------------------------- alignment


def _joined(ids: Iterable[str]) -> str | None:
    ids = sorted(set(ids))
    return ";".join(ids) if ids else None


@dataclass
class _Group:
    order: int
    names_zh: list[str] = field(default_factory=list)
    names_en: list[str | None] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)


def _action_groups(side: _Side) -> tuple[dict[str, _Group], list[tuple[str, _Group]]]:
    """Named action areas by key, and the action areas (or measures) without a name."""
    named: dict[str, _Group] = {}
    unnamed: dict[str, _Group] = {}
    for i, (aid, (no, zh, en)) in enumerate(side.actions.items()):
        order = no if no is not None else 1000 + i
        if zh:
            group = named.setdefault(action_key(zh), _Group(order))
            group.names_zh.append(zh)
            group.names_en.append(en)
        else:
            unnamed.setdefault(aid, _Group(order))
    by_action: dict[str, str] = {aid: action_key(zh) for aid, (_, zh, _) in side.actions.items()
                                 if zh}
    for mid, action in side.measure_actions.items():
        if action in by_action:
            named[by_action[action]].measures.append(mid)
        else:
            key = action if action else f"{side.label}: no action_id"
            unnamed.setdefault(key, _Group(2000)).measures.append(mid)
    return named, sorted(unnamed.items(), key=lambda kv: (kv[1].order, kv[0]))


def _present(group: _Group | None) -> _Group:
    """A group known to be there (one side of every aligned row has it)."""
    assert group is not None
    return group


def _key_en(key: str, *groups: _Group | None) -> str | None:
    candidates = [(zh, en) for g in groups if g for zh, en in zip(g.names_zh, g.names_en, strict=True)
                  if en]
    for zh, en in candidates:
        if re.sub(r"\s+", "", zh) == key:  # the side whose name is the bare key
            return en
    return candidates[0][1] if candidates else None


def _align_actions(a: _Side, b: _Side) -> list[dict[str, Any]]:
    named_a, unnamed_a = _action_groups(a)
    named_b, unnamed_b = _action_groups(b)
    rows = []
    for key in list(named_a) + [k for k in named_b if k not in named_a]:
        ga, gb = named_a.get(key), named_b.get(key)
        status, note = _status(ga is not None, gb is not None,
                               knows_a=bool(a.actions), knows_b=bool(b.actions),
                               what="action areas")
        if status in ("only_a", "only_b"):
            other = unnamed_b if status == "only_a" else unnamed_a
            n = sum(1 for _, g in other if g.order < 1000)
            if n:
                note = (f"plan {'b' if status == 'only_a' else 'a'} has {n} action area(s) "
                        "whose names the held text does not give; this may be one of them")
        order = ga.order if ga else 100 + _present(gb).order
        rows.append(_row("action", key, _key_en(key, ga, gb), status, a, b, ga is not None,
                         gb is not None, ga.measures if ga else [], gb.measures if gb else [],
                         note, order))
    # an unnamed action area is never matched on a guess; the same action_id on
    # both sides (two versions of one plan) is one row
    ua, ub = dict(unnamed_a), dict(unnamed_b)
    for key in list(ua) + [k for k in ub if k not in ua]:
        ga, gb = ua.get(key), ub.get(key)
        order = ga.order if ga else 10_000 + _present(gb).order
        rows.append(_row("action", key, NAME_NOT_HELD, "unknown", a, b, ga is not None,
                         gb is not None, ga.measures if ga else [], gb.measures if gb else [],
                         "the held text does not name this action area, so it is not matched",
                         order))
    return rows


def _align_projects(a: _Side, b: _Side) -> list[dict[str, Any]]:
    rows = []
    for key in sorted(set(a.links) | set(b.links)):
        in_a, in_b = key in a.links, key in b.links
        status, note = _status(in_a, in_b, knows_a=a.knows_projects, knows_b=b.knows_projects,
                               what="measure-to-project links")
        named = [f"plan {w} names it ({side.mentioned[key]}, per mentions.csv)"
                 for w, side in (("a", a), ("b", b)) if key in side.mentioned]
        if status == "unknown" and (a.mentioned or b.mentioned):
            w = "b" if in_a else "a"
            note = (f"plan {w}: only the projects recorded in mentions.csv are known to be "
                    "named; its text was not read for this one")
        if named:
            note = "; ".join([*([note] if note else []), *named])
        name = a.project_names.get(key) or b.project_names.get(key)
        rows.append(_row("project", key, name, status, a, b, in_a, in_b, a.links.get(key, []),
                         b.links.get(key, []), note, 0))
    return rows


def _status(in_a: bool, in_b: bool, *, knows_a: bool, knows_b: bool,
            what: str) -> tuple[str, str | None]:
    if in_a and in_b:
        return "in_both", None
    if in_a:
        return ("only_a", None) if knows_b else ("unknown", f"plan b: no {what} are known")
    return ("only_b", None) if knows_a else ("unknown", f"plan a: no {what} are known")


def _row(dimension: str, key: str, key_en: str | None, status: str, a: _Side, b: _Side,
         in_a: bool, in_b: bool, measures_a: Iterable[str], measures_b: Iterable[str],
         note: str | None, order: int) -> dict[str, Any]:
    return {"dimension": dimension, "key": key, "key_en": key_en, "status": status,
            "plan_a": a.label if in_a else None, "plan_b": b.label if in_b else None,
            "measure_ids_a": _joined(measures_a), "measure_ids_b": _joined(measures_b),
            "note": note, "_order": order}
