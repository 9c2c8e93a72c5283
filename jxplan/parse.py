"""Read the text of a Shanghai-linkage plan into jxplan's tables.

Jiaxing's linkage plans (and the county and district plans made from the same
template) share one official structure::

    一、工作目标                   part
    二、重点任务                   part
    （一）规划政策对接行动         action area
    1.联合开展规划编制。……        numbered measure: the title ends at the first 。
    （1）……                        sub-item of a measure (counted, kept in its text)

and state their quantitative targets as a number and a unit with 以上, 不少于,
力争 and the like.  :func:`parse_plan_text` reads such a text -- including the
untidy copies found online, with page footers (``—15—``), line breaks inside
sentences, full- and half-width punctuation and the ``2、`` chunk prefixes of
document-sharing sites -- and returns the plan's parts, action areas,
measures and targets in the layout of the shipped ``actions.csv``,
``measures.csv`` and ``targets.csv``.  Whatever it cannot place is reported
in a ``problems`` table instead of being dropped or guessed.

Beyond that template the parser reads the other official structures users
meet: a 印发/转发 notice around the plan (its title, issuers, 文号, date and
addressees become a ``plans.csv`` row), chapters and sections (第一章 /
第一节), ``1、`` numbering, 一是/二是 lists, 专栏 boxes, task tables (序号 |
任务 | 责任单位 | 完成时限), task numbers that lost their dot in a flattened
table, indicator tables with a baseline column and target-year columns, and
Traditional script.  Sections that hold no tasks (总体要求, 指导思想, 基本原则,
保障措施 …) and reviews of the past (发展基础, 过去五年主要成就 …) are
recognised by their headings: they never become action areas or measures,
and a review's figures are reported as left-out outcomes, not targets.
Documents (PDF, DOCX, HTML, any common encoding) are opened by
:mod:`jxplan.readers`.

How it works, one step per function group:

1. cleaning (:func:`_clean`) deletes page markers, chunk prefixes, edge
   spaces and line breaks inside sentences, and keeps a map from every kept
   character back to its offset in the input, so that all reported
   ``char_start``/``char_end`` index the text as given;
2. heading detection (:func:`_scan_structure`) accepts 一、 / （一） / 1.
   markers only at a sentence boundary and only when they continue the
   numbering, and names each heading;
3. measure segmentation (:func:`_measure_rows`) cuts the text between
   accepted markers and reads each title up to its first 。;
4. target extraction (:func:`_prose_targets`, :func:`_table_targets`) reads
   number + unit + comparator from sentences and from ``|`` or tab tables.

Examples
--------
>>> plan = parse_plan_text("一、工作目标\\n新增岗位50个以上。\\n", plan_id="demo")
>>> plan.targets[["value", "unit_zh", "comparator"]].values.tolist()
[[50.0, '个', '>=']]
"""

from __future__ import annotations

import datetime as _dt

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from jxplan.meta import TABLES

__all__ = ["ParsedPlan", "PlanTextError", "parse_plan_text", "parse_plan_file", "write_parsed",
           "add_to_data", "PLAN_COLUMNS",
           "ACTION_COLUMNS", "MEASURE_COLUMNS", "TARGET_COLUMNS", "PROBLEM_COLUMNS"]

#: Column order of the shipped ``actions.csv`` (from :mod:`jxplan.meta`).
ACTION_COLUMNS = TABLES["actions"].fields
#: Column order of the shipped ``measures.csv`` (from :mod:`jxplan.meta`).
MEASURE_COLUMNS = TABLES["measures"].fields
#: Column order of the shipped ``targets.csv`` (from :mod:`jxplan.meta`).
TARGET_COLUMNS = TABLES["targets"].fields
#: Column order of the shipped ``plans.csv`` (from :mod:`jxplan.meta`).
PLAN_COLUMNS = TABLES["plans"].fields
#: Column order of ``problems.csv`` (not a shipped table).
PROBLEM_COLUMNS = ("kind", "severity", "message", "page", "char_start", "char_end")
PART_COLUMNS = ("plan_id", "level", "no", "numeral_zh", "name_zh", "part_numeral_zh", "role",
                "source_page", "char_start", "char_end")

_CONFIDENCE = "C"  # every row is read from the text itself


# --------------------------------------------------------------------------- results


class PlanTextError(ValueError):
    """A plan text whose structure could not be read without guessing.

    Raised by :func:`parse_plan_text` with ``strict=True``; ``problems``
    holds the problems table.

    Examples
    --------
    >>> text = "一、任务\\n1.甲项。正文。\\n3.丙项。正文。\\n"
    >>> try:
    ...     parse_plan_text(text, plan_id="x", strict=True)
    ... except PlanTextError as err:
    ...     print(err)
    plan 'x': 1 structural problem(s):
      - measure_sequence: measure 3. follows 1. (page 1); measure 2. is missing
    """

    def __init__(self, plan_id: str, problems: pd.DataFrame):
        errors = problems[problems["severity"] == "error"]
        lines = [f"plan {plan_id!r}: {len(errors)} structural problem(s):"]
        lines += [f"  - {k}: {m}" for k, m in zip(errors["kind"], errors["message"])]
        super().__init__("\n".join(lines))
        self.problems = problems


@dataclass(frozen=True, eq=False)
class ParsedPlan:
    """A plan's structure as read from its text.

    Attributes
    ----------
    plan_id, title, source_url, year, truncated
        The plan id given, the plan title found before the first part (or
        ""), the source URL and plan year given, and whether the text breaks
        off (a preview cut or a last sentence without its end).
    parts : pandas.DataFrame
        Part headings (``level`` 1: 一、二、) and sub-headings that are not
        action areas (``level`` 2, e.g. （一） under 保障措施).
    actions, measures, targets : pandas.DataFrame
        The shipped CSV columns first, then extra columns (``char_start``,
        ``char_end`` -- offsets into the input text -- and more).
    problems : pandas.DataFrame
        ``kind, severity, message, page, char_start, char_end``; severity
        ``error``: the tables may be wrong (``strict=True`` raises);
        ``warning``: worth a look; ``info``: what was left out on purpose
        (a past outcome or a forecast not taken as a target, a skipped 目录).
    plan : pandas.DataFrame
        One row in the layout of the shipped ``plans.csv``: title, issuers,
        document number, issue date, period, kind of plan (derived from the
        title), how much text is held.
    metadata : dict
        What the front matter gives: ``title``, ``issuers``, ``doc_number``,
        ``issue_date``, ``addressees``, ``period``, ``plan_year``; from
        :func:`parse_plan_file` also ``format``, ``encoding``, ``n_pages``
        and ``document`` (one line saying what was read).
    placed : dict
        Characters of the text (white space not counted) by where they were
        placed: ``measures``, ``headings``, ``targets``, ``tables``,
        ``non-task sections``, ``front matter``, ``not placed``, ``after the cut``.

    Examples
    --------
    >>> text = "一、重点任务\\n（一）规划对接行动\\n1.联合编制规划。正文。\\n"
    >>> plan = parse_plan_text(text, plan_id="demo")
    >>> plan.summary()
    'demo: 1 part(s), 1 action area(s), 1 measure(s), 0 target(s), no problems'
    >>> sorted(plan.tables())
    ['actions', 'measures', 'plan', 'problems', 'targets']
    """

    plan_id: str
    title: str
    source_url: str
    year: int | None
    truncated: bool
    parts: pd.DataFrame
    actions: pd.DataFrame
    measures: pd.DataFrame
    targets: pd.DataFrame
    problems: pd.DataFrame
    plan: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(PLAN_COLUMNS)))
    metadata: dict = field(default_factory=dict)
    placed: dict = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables in the shipped CSV layout (no extra columns).

        Returns
        -------
        dict of str to pandas.DataFrame
            ``actions``, ``measures``, ``targets``, ``problems`` and ``plan``
            (one row in the ``plans.csv`` layout).

        Examples
        --------
        >>> plan = parse_plan_text("一、目标\\n引进项目20个以上。\\n", plan_id="demo")
        >>> list(plan.tables()["targets"].columns) == list(TARGET_COLUMNS)
        True
        """
        return {"actions": self.actions.loc[:, list(ACTION_COLUMNS)],
                "measures": self.measures.loc[:, list(MEASURE_COLUMNS)],
                "targets": self.targets.loc[:, list(TARGET_COLUMNS)],
                "problems": self.problems.loc[:, list(PROBLEM_COLUMNS)],
                "plan": self.plan.loc[:, list(PLAN_COLUMNS)]}

    def summary(self, *, placed: bool = False) -> str:
        """Return a short account of what was read, one problem per line.

        Problems of severity ``info`` (figures left out on purpose) are
        counted as notes, not listed.

        Parameters
        ----------
        placed : bool, default False
            Add the line of :meth:`placed_line`.

        Examples
        --------
        >>> plan = parse_plan_text("一、任务\\n1.甲项。正文", plan_id="demo")
        >>> print(plan.summary())  # doctest: +ELLIPSIS
        demo: 1 part(s), 0 action area(s), 1 measure(s) (1 cut off), 0 target(s), 1 problem(s)...
          - truncated: the text breaks off mid-sentence on page 1...
        """
        cut = int((~self.measures["text_complete"].astype(bool)).sum())
        title = self.title if self.title.startswith("《") else f"《{self.title}》"
        name = f"{self.plan_id} {title}" if self.title else self.plan_id
        counts = (f"{name}: {(self.parts['level'] == 1).sum()} part(s), "
                  f"{len(self.actions)} action area(s), {len(self.measures)} measure(s)"
                  + (f" ({cut} cut off)" if cut else "") + f", {len(self.targets)} target(s), ")
        shown = self.problems[self.problems["severity"] != "info"]
        notes = len(self.problems) - len(shown)
        note = f", {notes} note(s) (see problems, severity info)" if notes else ""
        tail = [self.placed_line()] if placed else []
        if shown.empty:
            return "\n".join([counts + "no problems" + note, *tail])
        lines = [f"  - {k}: {m}" for k, m in zip(shown["kind"], shown["message"])]
        return "\n".join([counts + f"{len(shown)} problem(s)" + note, *lines, *tail])

    def placed_line(self) -> str:
        """Say in one line how much of the text was placed.

        Every character (white space aside) of the body is counted once, by
        the first of: a heading, a measure, a table row, a target's sentence,
        a non-task section; what remains is "not placed".

        Examples
        --------
        >>> text = "示例市工作方案\\n一、重点任务\\n1.编制规划。正文。\\n"
        >>> parse_plan_text(text, plan_id="demo").placed_line()
        'text placed: 100% of the body (16 characters: measures 62%, headings 38%); front matter 7 characters'
        """
        counts = dict(self.placed)
        front = counts.pop("front matter", 0)
        cut = counts.pop("after the cut", 0)
        total = sum(counts.values())
        if not total:
            return f"text placed: no body text; front matter {front} characters"
        unplaced = counts.get("not placed", 0)
        shares = ", ".join(f"{k} {round(100 * v / total)}%" for k, v in
                           sorted(counts.items(), key=lambda kv: -kv[1]) if k != "not placed")
        line = (f"text placed: {round(100 * (total - unplaced) / total)}% of the body "
                f"({total} characters: {shares}"
                + (f"; not placed {round(100 * unplaced / total)}%" if unplaced else "") + ")")
        line += f"; front matter {front} characters"
        return line + (f"; {cut} characters of site text after the cut" if cut else "")


# --------------------------------------------------------------------------- public API


def parse_plan_text(text: str, *, plan_id: str, source_url: str | None = None,
                    year: int | None = None, strict: bool = False,
                    relation: str = "context") -> ParsedPlan:
    """Read a plan's parts, action areas, measures and targets from its text.

    Parameters
    ----------
    text : str
        The plan as plain text: a clean copy, or a scraped one with site
        boilerplate, page markers (``—15—``, ``-3-`` on its own line, form
        feeds), line breaks inside sentences and chunk prefixes (``2、``).
    plan_id : str
        Id used to build ``action_id`` (``{plan_id}-a1``), ``measure_id``
        (``{plan_id}-m01``) and ``target_id`` (``{plan_id}-t1``).
    source_url : str, optional
        Written into every row's ``source_url`` (empty when not given).
    year : int, optional
        The plan year.  A target takes the year its own sentence or table
        column names (到2025年底 …); the others take ``year``, or, when not
        given, the year the document gives (its title's year; for a
        five-year plan the period's last year).  Figures about years before
        the plan year are past outcomes, not targets.
    strict : bool, default False
        Raise :class:`PlanTextError` when any problem of severity ``error``
        was found, instead of returning the tables with it.
    relation : str, default "context"
        The plan row's ``relation_to_2016`` (see ``plans.csv``).

    Returns
    -------
    ParsedPlan
        All offsets (``char_start``, ``char_end``) index ``text`` as given.

    Raises
    ------
    PlanTextError
        With ``strict=True``, when numbering gaps, unclosed titles or
        unplaced measures were found.

    Examples
    --------
    >>> text = ("一、工作目标\\n全年引进人才100人以上。\\n"
    ...         "二、重点任务\\n（一）规划对接行动\\n"
    ...         "1.联合编制规划。共同编制规划。\\n2.衔接政策规则。比较政策差异。\\n")
    >>> plan = parse_plan_text(text, plan_id="demo", year=2030)
    >>> plan.measures[["measure_id", "title_zh", "action_id", "source_section"]].values.tolist()
    [['demo-m01', '联合编制规划', 'demo-a1', '二、(一) 1.'], ['demo-m02', '衔接政策规则', 'demo-a1', '二、(一) 2.']]
    >>> plan.targets[["indicator_zh", "value", "unit", "comparator", "year"]].values.tolist()
    [['全年引进人才', 100.0, 'persons', '>=', 2030]]
    >>> start, end = plan.measures.loc[0, ["char_start", "char_end"]]
    >>> text[start:end]
    '1.联合编制规划。共同编制规划。'
    """
    cl = _clean(text)
    problems = _Problems(cl)
    body = _find_body(cl, problems)
    rows = _task_rows(cl, body, problems)
    nodes = _scan_structure(cl, body, problems, rows, other=_other_parts(cl, body, rows))
    _classify_sections(nodes, problems)
    meta = _metadata(cl, body, year)
    ctx = _Context(plan_id=plan_id, source_url=source_url or "", year=year, cl=cl, body=body,
                   nodes=nodes, problems=problems, meta=meta, rows=tuple(rows),
                   locator=_Locator(nodes))
    parts, actions, measures = _part_rows(ctx), _action_rows(ctx), _measure_rows(ctx)
    targets = _target_rows(ctx)
    placed = _placed(ctx, measures, targets)
    if (not len(measures) and not len(targets) and not any(n.role != "task" for n in nodes)
            and placed.get("not placed", 0) > 200):
        problems.add("nothing_read", f"{placed['not placed']} characters of text but no part, "
                     "measure, target or known section could be read: the tables are empty "
                     "because the structure is not one jxplan knows", body.start, body.end)
    plan_row = pd.DataFrame([_plan_row(ctx, relation)], columns=list(PLAN_COLUMNS))
    plan_row = plan_row.astype({"period_start": "Int64", "period_end": "Int64"})
    parsed = ParsedPlan(
        plan_id=plan_id, title=body.title, source_url=ctx.source_url,
        year=year if year is not None else meta["plan_year"], truncated=body.truncated,
        parts=parts, actions=actions, measures=measures, targets=targets,
        problems=problems.frame(), plan=plan_row, metadata=meta, placed=placed)
    if strict and (parsed.problems["severity"] == "error").any():
        raise PlanTextError(plan_id, parsed.problems)
    return parsed


def parse_plan_file(path: str | os.PathLike, *, plan_id: str, source_url: str | None = None,
                    year: int | None = None, encoding: str | None = None,
                    strict: bool = False, relation: str = "context") -> ParsedPlan:
    """Read a plan document -- text, PDF, DOCX or HTML -- into jxplan's tables.

    The file is opened by :func:`jxplan.readers.read_document` (see there
    what is read and what is refused, and why), then parsed by
    :func:`parse_plan_text`.  ``jxplan parse`` does exactly the same.

    Parameters
    ----------
    path : path
        The document.
    plan_id, year, strict, relation
        As for :func:`parse_plan_text`.
    source_url : str, optional
        Default ``file:<file name>``.
    encoding : str, optional
        For text and HTML: force an encoding instead of detecting it
        (UTF-8 with or without BOM, UTF-16 with BOM, GB18030, Big5).

    Returns
    -------
    ParsedPlan
        Offsets index the document's text as read (``Document.text``); pages
        are counted from the PDF's pages or the DOCX's page breaks.

    Raises
    ------
    jxplan.readers.DocumentError
        For a legacy .doc/.wps, an OFD, a scanned PDF, or a file that is not
        text (a ``ValueError``; the message names the file and the remedy).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     file = Path(tmp) / "plan.txt"
    ...     _ = file.write_bytes("一、重点任务\\n1.编制规划。正文。\\n".encode("gb18030"))
    ...     parse_plan_file(file, plan_id="demo").measures["title_zh"].tolist()
    ['编制规划']
    """
    from jxplan.readers import read_document

    doc = read_document(path, encoding=encoding)
    parsed = parse_plan_text(doc.text, plan_id=plan_id,
                             source_url=source_url or f"file:{Path(path).name}", year=year,
                             strict=strict, relation=relation)
    parsed.metadata.update(document=doc.describe(), format=doc.format, encoding=doc.encoding,
                           n_pages=doc.n_pages)
    return parsed


def write_parsed(parsed: ParsedPlan, *, out_dir: str | os.PathLike) -> list[Path]:
    """Write ``actions``, ``measures``, ``targets``, ``plan`` (and ``problems``) ``.csv``.

    ``plan.csv`` holds the plan's one row in the layout of the shipped
    ``plans.csv`` (it is not named ``plans.csv``: a folder with a
    ``plans.csv`` is checked by ``jxplan validate`` as a complete data
    folder; :func:`add_to_data` writes one).

    The files are UTF-8 without index, in the shipped column order, with
    ``true``/``false`` flags and whole numbers without ``.0``.  Each table is
    first written to a temporary name in ``out_dir``; the files are renamed
    into place only when all of them were written, so a failure leaves the
    previous files untouched.  ``problems.csv`` is written when there are
    problems; a stale one from an earlier run is removed when there are none.

    Parameters
    ----------
    parsed : ParsedPlan
        The result of :func:`parse_plan_text`.
    out_dir : path
        Folder to write into; created if missing.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> plan = parse_plan_text("一、重点任务\\n1.编制规划。正文。\\n", plan_id="demo")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_parsed(plan, out_dir=tmp)]
    ['actions.csv', 'measures.csv', 'targets.csv', 'plan.csv']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = parsed.tables()
    names = ["actions", "measures", "targets", "plan"] + (
        ["problems"] if len(tables["problems"]) else [])
    written: list[tuple[Path, Path]] = []
    try:
        for name in names:
            tmp = out / f".{name}.csv.{os.getpid()}.tmp"
            written.append((tmp, out / f"{name}.csv"))
            _csv_ready(tables[name]).to_csv(tmp, index=False, encoding="utf-8")
    except BaseException:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in written:
        os.replace(tmp, final)
    if "problems" not in names:
        (out / "problems.csv").unlink(missing_ok=True)
    return [final for _, final in written]


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Format flags as true/false and whole floats without a trailing .0."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].map(_number_text)
    return out


def _number_text(value: float) -> str:
    if pd.isna(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --------------------------------------------------------------------------- 1. cleaning

_SENT_END = "。！？!?"
_LINE_END = _SENT_END + "；;：:"
_CLOSERS = "”’」』)）"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
# Traditional -> Simplified, one character for one, for matching only (the
# stored text keeps the document's script): the characters of the units,
# comparators, headings and metadata words the parser looks for, and the
# commonest others.
_TRAD = ("個億萬項條輛戶臺處棟噸標時點畝頃鐘於達過內爭減長增幣財稅資額節專欄務論優勢環態護"
         "質衛醫療養險價貿運輸車機場碼頭園創術學職訓練員應對滬興蘇灣橋樓層參與協調統籌組織"
         "書記計劃畫圖準檢測監檔類別單責負擔約權稱並從開關閉問題將復雜難讓認識證議讀說話語"
         "請談選擇還邊遠週區總體導則礎顧錄預累來間較發轉號辦會縣規綱見實際現狀歷極顯數據農"
         "鄉戰網線鐵軌門級產業設經濟領廣電進國們為這牽動態態歸齊聯結構綜營務")
_SIMP = ("个亿万项条辆户台处栋吨标时点亩顷钟于达过内争减长增币财税资额节专栏务论优势环态护"
         "质卫医疗养险价贸运输车机场码头园创术学职训练员应对沪兴苏湾桥楼层参与协调统筹组织"
         "书记计划画图准检测监档类别单责负担约权称并从开关闭问题将复杂难让认识证议读说话语"
         "请谈选择还边远周区总体导则础顾录预累来间较发转号办会县规纲见实际现状历极显数据农"
         "乡战网线铁轨门级产业设经济领广电进国们为这牵动态态归齐联结构综营务")
assert len(_TRAD) == len(_SIMP)
_NORM = str.maketrans({**{ord(a): b for a, b in zip("０１２３４５６７８９．％", "0123456789.%")},
                       **{ord(a): b for a, b in zip(_TRAD, _SIMP)}})
_ZH_NUMERAL = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_PAGE_MARKER = re.compile(
    r"—\s?\d{1,4}\s?—"                                                 # —15— anywhere
    r"|^[ \t　]*[-－–]{1,2}[ \t　]*\d{1,4}[ \t　]*[-－–]{1,2}[ \t　]*$"  # -3- on its own line
    r"|^[ \t　]*第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?[ \t　]*$"
    r"|\f", re.M)
_CHUNK_PREFIX = re.compile(r"^[ \t　]*(\d{1,3})、", re.M)
_EDGE_SPACE = re.compile(r"^[ \t　\u00a0]+|[ \t　\u00a0]+$", re.M)
_LINE_MARKER = re.compile(
    rf"(?:{_ZH_NUMERAL}、|[(（]{_ZH_NUMERAL}[)）]|[(（]\d{{1,2}}[)）]|\d{{1,2}}[.、](?!\d)"
    rf"|第{_ZH_NUMERAL}(?:[章节篇]|部分)|专栏|{_ZH_NUMERAL}是)")
#: How plan titles end (longest first where one holds another).
_TITLE_ENDS = ("实施方案", "行动计划", "工作方案", "实施意见", "工作要点", "指导意见", "实施计划",
               "行动方案", "实施细则", "规划纲要", "分解落实方案", "纲要", "规划", "方案", "计划",
               "意见", "要点", "决定", "任务分解表", "分解表", "任务清单", "工作清单")
_TITLE_END_ALT = "|".join(sorted(_TITLE_ENDS, key=len, reverse=True))
_TITLE_PERIOD = r"(?:[(（][^()（）\n]{4,16}[)）])?"
_TITLE_LINE = re.compile(
    rf"^(?:《[^》\n]{{2,60}}》)?[^。，,；;：:\n|]{{1,60}}?(?:{_TITLE_END_ALT}){_TITLE_PERIOD}》?$")
_SIGNATURE_LINE = re.compile(
    r"^(?:[^\s。，,；;：:|]{2,20}?(?:委员会|人民政府|政府|办公室|办公厅|委|局|厅|办|管委会)"
    r"[\s　]*){1,4}$")
_DATE_ONLY = re.compile(r"^\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日$")
_TABLE_SEP = re.compile(r"[|｜\t]")
_DIGIT_MARKER = re.compile(r"\d{1,3}[.、](?!\d)")
_MAX_TITLE = 40


@dataclass(frozen=True)
class _Cleaned:
    """Cleaned text plus the map back to the input.

    ``offsets[i]`` is the input offset of ``text[i]``; one extra entry (the
    input length) closes the list.  ``norm`` is ``text`` with full-width
    digits, ．and ％ made half-width (same length, for matching only).
    """

    text: str
    norm: str
    offsets: tuple[int, ...]
    page_breaks: tuple[int, ...]  # cleaned positions where a new page begins

    def page(self, pos: int) -> int:
        return 1 + bisect.bisect_right(self.page_breaks, pos)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Input offsets of cleaned ``[start, end)``, trailing space dropped."""
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _clean(original: str) -> _Cleaned:
    """Delete page markers, chunk prefixes, edge spaces and inner line breaks."""
    text, offsets = original, list(range(len(original) + 1))
    text, offsets = _drop(text, offsets, [(m.start(), m.end()) for m in re.finditer("\r", text)])
    text, offsets = _drop(text, offsets, _running_head_spans(text) + _cjk_space_spans(text))
    markers = [(m.start(), m.end()) for m in _PAGE_MARKER.finditer(text)]
    breaks = [offsets[s] for s, _ in markers]
    # a form feed (a PDF's or DOCX's page break) is also a line break: it is
    # kept as one, the other markers are deleted
    text, offsets = _drop(text, offsets, [(s, e) for s, e in markers if text[s:e] != "\f"])
    text = text.replace("\f", "\n")
    for find in (_chunk_prefix_spans, _edge_space_spans, _newline_spans):
        text, offsets = _drop(text, offsets, find(text))
    page_breaks: list[int] = []
    for b in sorted(bisect.bisect_left(offsets, b, 0, len(text)) for b in breaks):
        # a footer —3— and the form feed after it are one page break
        if not page_breaks or text[page_breaks[-1]:b].strip():
            page_breaks.append(b)
    return _Cleaned(text, text.translate(_NORM), tuple(offsets), tuple(page_breaks))


def _running_head_spans(text: str) -> list[tuple[int, int]]:
    """Running heads and footers of a paginated text (PDF, DOCX): a short
    line that opens or closes at least three pages and half of them is page
    furniture, not the plan's text (嘉兴市人民政府公报 …)."""
    if text.count("\f") < 2:
        return []
    pages, pos = [], 0
    for page in text.split("\f"):
        pages.append((pos, page))
        pos += len(page) + 1
    edges: dict[str, list[tuple[int, int]]] = {}
    for start, page in pages:
        lines = [(m.start() + start, m.end() + start, m.group().strip())
                 for m in re.finditer(r"[^\n]+", page) if m.group().strip()]
        for s, e, line in {id(x): x for x in (lines[:1] + lines[-1:])}.values():
            key = re.sub(r"\d+", "#", line)  # 第3页 / 第4页 are one running line
            if len(line) <= 30 and not _starts_with_marker(line) and "。" not in line:
                edges.setdefault(key, []).append((s, e))
    need = max(3, (len(pages) + 1) // 2)
    return sorted(span for spans in edges.values() if len(spans) >= need for span in spans)


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、；：“”（）《》]) (?=[\u4e00-\u9fff，。、；：“”（）《》])")


def _cjk_space_spans(text: str) -> list[tuple[int, int]]:
    """Single spaces between Chinese characters in a text whose extraction
    spaced every character out (一 、 工 作 目 标): taken out when most
    neighbouring Chinese characters are spaced, never in a normal text."""
    gaps = [m.start() for m in _CJK_GAP.finditer(text)]
    pairs = len(re.findall(r"[\u4e00-\u9fff](?=[\u4e00-\u9fff])", text))
    if len(gaps) < 20 or len(gaps) < 2 * pairs:
        return []
    return [(g, g + 1) for g in gaps]


def _drop(text: str, offsets: list[int], spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """Remove the ``[start, end)`` spans from ``text`` and its offset map."""
    if not spans:
        return text, offsets
    keep = [True] * len(text)
    for start, end in spans:
        keep[start:end] = [False] * (end - start)
    chars = [c for c, k in zip(text, keep) if k]
    kept = [o for o, k in zip(offsets, keep) if k]
    return "".join(chars), kept + [offsets[len(text)]]


def _chunk_prefix_spans(text: str) -> list[tuple[int, int]]:
    """Find the ``N、`` prefixes a document-sharing site puts before each chunk.

    Candidates are ``N、`` at a line start.  Consecutive ones (1, 2, 3, …)
    form a run; a run is removed when at least half of its members split a
    sentence (the text before them ends neither a sentence nor a heading
    line).  A document's own ``1、`` list after a full stop is kept.
    """
    runs: list[list[tuple[int, int, bool]]] = []
    last_no = None
    for m in _CHUNK_PREFIX.finditer(text):
        no = int(m.group(1))
        item = (m.start(1), m.end(), _splits_sentence(text, m.start()))
        if last_no is not None and no == last_no + 1:
            runs[-1].append(item)
        else:
            runs.append([item])
        last_no = no
    spans = []
    for run in runs:
        if 2 * sum(mid for _, _, mid in run) >= len(run) and any(mid for _, _, mid in run):
            spans += [(s, e) for s, e, _ in run]
    return spans


def _splits_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    if not before:
        return False
    last_line = before.rsplit("\n", 1)[-1].strip()
    if _DIGIT_MARKER.match(last_line.translate(_NORM)) and "。" not in last_line:
        return True  # a measure's title cut before its 。
    return not _ends_sentence(before, _LINE_END) and not _is_heading_line(last_line)


def _edge_space_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _EDGE_SPACE.finditer(text)]


def _newline_spans(text: str) -> list[tuple[int, int]]:
    """Line breaks to delete: blank lines and breaks inside sentences.

    A break is kept after a line that ends a sentence (。！？；：), after a
    heading, title or table line, and before a line that starts with a
    heading marker or is a table row.
    """
    lines = text.split("\n")
    following_line = [""] * len(lines)  # the next non-empty line after each line
    for k in range(len(lines) - 2, -1, -1):
        following_line[k] = lines[k + 1] or following_line[k + 1]
    spans, pos, joined_until = [], 0, -1
    for k, line in enumerate(lines[:-1]):
        end = pos + len(line)
        following = following_line[k]
        joined_until = max(joined_until, _title_run_on(lines, k))
        if k < joined_until or not _keep_break(line, following):
            spans.append((end, end + 1))
        pos = end + 1
    return spans


def _title_run_on(lines: list[str], k: int) -> int:
    """For a measure's title broken over lines (1.推进 / 跨界道路建设。…),
    the index of the line holding its closing 。, else -1."""
    norm = lines[k].translate(_NORM)
    if not _DIGIT_MARKER.match(norm) or "。" in norm:
        return -1
    length = len(norm)
    for j in range(k + 1, len(lines)):
        nxt = lines[j]
        if nxt and (_starts_with_marker(nxt) or _is_table_row(nxt)):
            return -1
        stop = nxt.find("。")
        if stop >= 0:
            ok = length + stop <= _MAX_TITLE and not re.search("[，,；;：:]", nxt[:stop])
            return j if ok else -1
        if re.search("[，,；;：:]", nxt):
            return -1
        length += len(nxt)
        if length > _MAX_TITLE:
            return -1
    return -1


def _keep_break(line: str, following: str) -> bool:
    if not line:
        return False
    norm = line.translate(_NORM)
    return (_ends_sentence(line, _LINE_END) or _is_heading_line(line) or _is_table_row(line)
            or bool(_TITLE_LINE.match(norm)) or bool(_SIGNATURE_LINE.match(norm))
            or bool(_DATE_ONLY.match(norm)) or norm.endswith("通知")
            or _starts_with_marker(following) or _is_table_row(following)
            or bool(_TITLE_LINE.match(following.translate(_NORM))))


def _ends_sentence(text: str, ends: str = _SENT_END) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in ends


def _starts_with_marker(line: str) -> bool:
    return bool(_LINE_MARKER.match(line.translate(_NORM)))


def _is_heading_line(line: str) -> bool:
    """A line holding only a heading: marker, short name, no 。."""
    return _starts_with_marker(line) and "。" not in line and len(line) <= 40


def _is_table_row(line: str) -> bool:
    return len([c for c in _TABLE_SEP.split(line) if c.strip()]) >= 2


# --------------------------------------------------------------------------- problems


class _Problems:
    """Collects problems with cleaned offsets; reports input offsets."""

    def __init__(self, cl: _Cleaned):
        self.cl = cl
        self.rows: list[dict] = []

    def add(self, kind: str, message: str, start: int, end: int, *, severity: str = "error"):
        char_start, char_end = self.cl.span(start, max(start, end))
        self.rows.append({"kind": kind, "severity": severity, "message": message,
                          "page": self.cl.page(start), "char_start": char_start,
                          "char_end": char_end})

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows, columns=list(PROBLEM_COLUMNS))
        frame = frame.sort_values("char_start", kind="stable").reset_index(drop=True)
        return frame.astype({"char_start": "int64", "char_end": "int64", "page": "int64"})


# --------------------------------------------------------------------------- 2. headings

_PART_RE = re.compile(rf"({_ZH_NUMERAL})、")
_SECTION_RE = re.compile(rf"[(（]({_ZH_NUMERAL})[)）]")
_CHAPTER_RE = re.compile(rf"第({_ZH_NUMERAL})(章|篇|部分)")
_JIE_RE = re.compile(rf"第({_ZH_NUMERAL})节")
_MEASURE_RE = re.compile(r"(?<![\d.])(\d{1,3})([.、])(?!\d)")
_SPACED_RE = re.compile(r"(?m)^(\d{1,3})[ \t　]+(?=[\u4e00-\u9fff])")  # "1 推进…": no dot
_LOST_RE = re.compile(r"(?<![\d.%])(\d{1,3})(?=[\u4e00-\u9fff])")
_BOX_RE = re.compile(rf"专栏\s*(?:\d{{1,2}}|{_ZH_NUMERAL})?")
_SUBITEM_RE = re.compile(rf"[(（](\d{{1,2}})[)）]|(?<=[。；;，,\n])\s*{_ZH_NUMERAL}是|^{_ZH_NUMERAL}是")
_TRUNCATION = re.compile(
    r"当前文档最多预览|下载文档查看全文|还剩\s*\d+\s*页未读|继续阅读全文|点击(?:查看|阅读)全文"
    r"|展开阅读全文|此文档下载收益归作者所有|本文档由用户上传|阅读已结束")
_TITLE_RE = re.compile(
    rf"(?:《[^》\n]{{2,60}}》)?[^。，,；;：:《》“”\n|]{{2,60}}?(?:{_TITLE_END_ALT}){_TITLE_PERIOD}")
_NOTICE_TITLE = re.compile(
    rf"关于(?:印发|转发|颁布|下发)\s*《([^》\n]{{2,80}}?(?:{_TITLE_END_ALT}){_TITLE_PERIOD})》")
_DATE_LINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日$")
_NAME_STOP = re.compile(rf"[\n。，,：:；;]|[(（]{_ZH_NUMERAL}[)）]|(?<![\d.])\d{{1,2}}[.、](?!\d)")
_NAME_SUFFIX = re.compile(
    r".{0,20}?(?:行动|目标|任务|措施|保障|要求|机制|原则|思路|工程|领域|计划)+")
_MAX_NAME = 30
_MIN_RUN_ON = 3  # a name ending (行动…) is a cut only when this much text follows it
_MAX_GAP = 3  # a number may skip at most this many before it is read as text
_LEVEL = {"part": "part", "section": "action area", "measure": "measure"}
#: Headings of sections that review the past: their figures are outcomes.
_REVIEW = re.compile(r"发展基础|基础与|回顾|成就|成效|过去|基本情况|发展现状|现状与|发展环境|面临的形势"
                     r"|形势与|机遇与挑战|工作总结")
#: Headings of sections that hold no tasks (no action areas, no measures).
_NONTASK = re.compile(r"总体要求|总体思路|指导思想|基本原则|发展定位|战略定位|总体定位|保障措施|保障机制"
                      r"|组织实施|组织保障|组织领导|实施保障|规划实施|目录|前言|序言|附件|附表"
                      r"|名词解释|编制说明|重要意义|主要依据|工作原则|实施步骤|工作步骤|进度安排"
                      r"|工作要求|附则")
#: A task table's header: 序号 | 任务 | 责任单位 (| 完成时限).
_TASK_HEAD = re.compile(r"任务|工作内容|主要内容|事项|举措|工作措施|具体措施|项目名称|工作重点")
_UNIT_HEAD = re.compile(r"责任单位|牵头单位|责任部门|牵头部门|主办单位|责任主体")
_DEADLINE_HEAD = re.compile(r"完成时限|完成时间|时间节点|时限|进度安排|时间安排")
_FLAT_TASK_HEAD = re.compile(r"序号.{0,12}?(?:任务|事项|内容).{0,12}?(?:责任单位|牵头单位)")
_UNIT_TOKEN = re.compile(
    r"(?:市|县|区|省)[\u4e00-\u9fff]{1,8}?(?:委员会|政府|局|委|办|院|中心|集团|公司)")
_ISSUER_TOKEN = (r"(?:中共)?[\u4e00-\u9fff（）()]{2,14}?(?:人民政府办公室|人民政府办公厅|市委办公室"
                 r"|县委办公室|区委办公室|委员会办公室|人民政府|委员会|办公室|办公厅|管委会|市委"
                 r"|县委|区委|局|厅|办)")
_ISSUERS = re.compile(rf"(?:{_ISSUER_TOKEN}\s*)+")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［][12]\d{3}[〕\]］]\s?\d{1,4}\s?号")
_ZH_DATE = re.compile(r"(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日")
_LABEL_DATE = re.compile(r"(?:发文日期|成文日期|印发日期)\s*[:：|]*\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_LABEL_ISSUER = re.compile(r"(?:发布机构|发文机关|发文单位)\s*[:：|]*\s*([^|\s:：]{2,30})")
_ADDRESSEES = re.compile(r"(?:^|通知|号|\n)\s*(各[^。：:\n|]{1,120}?)[：:]")
_FYP = re.compile(r"第?十([一二三四五六])(?:个)?五(?:年)?|“十([一二三四五六])五”")
_PERIOD = re.compile(r"[(（]?(20\d{2}|19\d{2})\s?[-—－–~至到]?\s?(20\d{2})\s?年?[)）]?")
_TOC = re.compile(r"^目\s*录$", re.M)


@dataclass(frozen=True)
class _Body:
    start: int
    end: int
    truncated: bool
    title: str
    title_start: int = 0
    lost_dots: bool = False  # a flattened task table: numbers without dots
    chapters: bool = False   # 第X章 / 第X节 headings


@dataclass
class _Node:
    """An accepted heading or measure marker (cleaned offsets)."""

    kind: str          # "part", "section", "action", "measure", "heading" or "box"
    no: int
    numeral: str       # as written: "二" or "4"
    start: int
    marker_end: int
    name: str = ""
    name_end: int = 0
    part: int | None = None      # index of the enclosing part node
    section: int | None = None   # index of the enclosing section/action node
    end: int = 0
    style: str = ""    # 一、 （一） 第章 第节 . 、 lost row 专栏
    role: str = "task"  # "task", "nontask" or "review"
    task: tuple[int, int] | None = None  # a table row's task cell
    lead_unit: str = ""
    deadline: str = ""

    def label(self) -> str:
        if self.style.startswith("第") and self.style != "第节":
            return f"第{self.numeral}{self.style[1:]}"
        if self.style == "第节":
            return f"第{self.numeral}节"
        if self.kind == "box":
            return self.numeral
        return f"{self.numeral}、" if self.kind == "part" else (
            f"({self.numeral})" if self.kind in ("section", "action") else f"{self.numeral}.")


def _role(name: str, inherited: str = "task") -> str:
    norm = name.translate(_NORM)
    if _REVIEW.search(norm):
        return "review"
    if _NONTASK.search(norm):
        return "nontask"
    return inherited


def _find_body(cl: _Cleaned, problems: _Problems) -> _Body:
    """Locate the plan body: from the first part heading to a preview cut."""
    breaks = set(cl.page_breaks)
    found = {m.group(2) for m in _CHAPTER_RE.finditer(cl.norm) if _at_boundary(cl.norm, m.start(),
                                                                              breaks)}
    # 第X部分 are the parts only where the document has no 一、 parts under them
    chapters = bool(found - {"部分"}) or ("部分" in found and not any(
        _at_boundary(cl.norm, m.start(), breaks) for m in _PART_RE.finditer(cl.norm)))
    lost = bool(_FLAT_TASK_HEAD.search(cl.norm)) and not any(
        _is_table_row(line) for line in cl.norm.split("\n"))
    skip = _toc_end(cl, problems)
    first_part = _body_start(cl, problems, chapters=chapters, lost=lost, after=skip)
    start = first_part if first_part is not None else skip
    cut = _TRUNCATION.search(cl.norm, start)
    end = cut.start() if cut else len(cl.text)
    while end > start and cl.text[end - 1].isspace():
        end -= 1
    truncated = bool(cut) or not _ends_complete(cl.text[start:end])
    if truncated and end > start:
        why = "the site's preview stops here" if cut else "no closing 。"
        problems.add("truncated", f"the text breaks off mid-sentence on page {cl.page(end - 1)} "
                     f"({why}); the measure it ends in gets text_complete=False", end,
                     len(cl.text), severity="warning")
    title, t_start, t_end = _find_title(cl, end if first_part is None else start)
    if first_part is None and title:
        start = max(start, t_end)
    if not title and start > 0:
        problems.add("no_title", "no plan title (…方案/计划/意见/纲要/规划) found before the "
                     "body; title_zh is left empty", 0, 0, severity="info")
    return _Body(start, end, truncated, title, t_start, lost, chapters)


def _toc_end(cl: _Cleaned, problems: _Problems) -> int:
    """Where the body may start: after a 目录 (table of contents), if any."""
    toc = _TOC.search(cl.norm)
    if not toc:
        return 0
    lines = cl.norm[toc.end():].split("\n")
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    entry = re.sub(r"[.…·．\s]*\d+$", "", first).strip()
    again = cl.norm.find(entry, toc.end() + 1 + len(first)) if entry else -1
    while again > 0 and cl.norm[again - 1] not in "\n":
        again = cl.norm.find(entry, again + 1)
    if again < 0:
        return 0
    problems.add("table_of_contents", "a 目录 (table of contents) was skipped; the body starts "
                 f"where its first entry {entry!r} comes again", toc.start(), again,
                 severity="info")
    return again


def _body_start(cl: _Cleaned, problems: _Problems, *, chapters: bool, lost: bool,
                after: int = 0) -> int | None:
    """Offset of the first part heading (一、 or 第一章 preferred), None without parts."""
    first_any = None
    pattern = _CHAPTER_RE if chapters else _PART_RE
    for m in pattern.finditer(cl.norm, after):
        if not (lost or _at_boundary(cl.norm, m.start(), set(cl.page_breaks))):
            continue
        if _zh_to_int(m.group(1)) == 1:
            return m.start()
        first_any = m if first_any is None else first_any
    if first_any is not None:
        problems.add("part_sequence", f"no part {'第一章' if chapters else '一、'} was found; "
                     f"reading from {first_any.group()} on page {cl.page(first_any.start())}",
                     first_any.start(), first_any.end())
        return first_any.start()
    problems.add("no_parts", "no part headings (一、二、… or 第一章…) found: reading the text "
                 "after the title (or all of it) as one part", after, after, severity="warning")
    return None


def _ends_complete(body: str) -> bool:
    lines = body.rstrip().rsplit("\n", 2)
    last_line = lines[-1]
    if _is_table_row(last_line):
        if last_line.rstrip().endswith(tuple("，,、的和与及")):
            return False
        before = lines[-2] if len(lines) > 1 else ""
        if _is_table_row(before):
            return len(_cells(last_line, 0)) >= len(_cells(before, 0))
        return True
    return _ends_sentence(last_line) or bool(_DATE_LINE.search(last_line))


def _find_title(cl: _Cleaned, limit: int) -> tuple[str, int, int]:
    """The title and its cleaned span: the last title line before ``limit``,
    else the title named by a 印发/转发 notice, else a run-in title."""
    best = None
    pos, prev = 0, None
    for line in cl.text[:limit].split("\n"):
        stripped = line.strip()
        norm = stripped.translate(_NORM)
        if (_TITLE_LINE.match(norm) and not norm.startswith("关于") and not _DATE_ONLY.match(norm)
                and not _SIGNATURE_LINE.match(norm)):
            at = pos + line.index(stripped)
            title = stripped[1:-1] if stripped.startswith("《") and stripped.endswith("》") and \
                stripped.count("《") == 1 else stripped
            best = (title, at, at + len(stripped))
            # a title set on two lines (示例市深化接轨上海 / 三年行动计划): joined when
            # the document names the whole title elsewhere (its notice, its preamble)
            if prev is not None and prev[0] and not re.search(r"[\s。，,；;：:|]", prev[0]):
                whole = prev[0] + title
                rest = cl.text[:prev[1]] + cl.text[at + len(stripped):]
                if whole in rest:
                    best = (whole, prev[1], at + len(stripped))
        if stripped:
            prev = (stripped, pos + line.index(stripped))
        pos += len(line) + 1
    if best:
        return best
    notice = _NOTICE_TITLE.search(cl.norm, 0, limit)
    if notice:
        return cl.text[notice.start(1):notice.end(1)], notice.start(1), notice.end(1)
    starts = sorted({0, *cl.page_breaks, *(i + 1 for i, c in enumerate(cl.text[:limit])
                                           if c in "\n。")})
    found = ("", 0, 0)
    for s in starts:
        m = _TITLE_RE.match(cl.norm, s, limit)
        if m and cl.norm[m.end():m.end() + 1] != "》":
            found = (cl.text[m.start():m.end()], m.start(), m.end())
    return found


def _at_boundary(norm: str, pos: int, heading_ends: set[int]) -> bool:
    """Whether a marker at ``pos`` starts a sentence or follows a heading."""
    j = pos
    while j > 0 and norm[j - 1] in " \t　":
        j -= 1
    if j == 0 or j in heading_ends or pos in heading_ends:
        return True
    prev = norm[j - 1]
    if prev in _SENT_END or prev == "\n":
        return True
    return prev in _CLOSERS and j >= 2 and norm[j - 2] in _SENT_END


def _zh_to_int(numeral: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" not in numeral:
        return digits[numeral]
    tens, _, ones = numeral.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def _candidates(cl: _Cleaned, body: _Body, rows: list[_TaskRow]
                ) -> list[tuple[int, str, int, str, int, str]]:
    norm, start, end = cl.norm, body.start, body.end
    found = []
    if body.chapters:
        found += [(m.start(), "part", _zh_to_int(m.group(1)), m.group(1), m.end(),
                   "第" + m.group(2)) for m in _CHAPTER_RE.finditer(norm, start, end)]
        found += [(m.start(), "section", _zh_to_int(m.group(1)), m.group(1), m.end(), "第节")
                  for m in _JIE_RE.finditer(norm, start, end)]
    else:
        found += [(m.start(), "part", _zh_to_int(m.group(1)), m.group(1), m.end(), "一、")
                  for m in _PART_RE.finditer(norm, start, end)]
    found += [(m.start(), "section", _zh_to_int(m.group(1)), m.group(1), m.end(), "（一）")
              for m in _SECTION_RE.finditer(norm, start, end)]
    found += [(m.start(), "measure", int(m.group(1)), m.group(1), m.end(), m.group(2))
              for m in _MEASURE_RE.finditer(norm, start, end)]
    if body.lost_dots:
        found += [(m.start(), "measure", int(m.group(1)), m.group(1), m.end(), "lost")
                  for m in _LOST_RE.finditer(norm, start, end)]
    found += [(m.start(), "measure", int(m.group(1)), m.group(1), m.end(), "sp")
              for m in _SPACED_RE.finditer(norm, start, end)]
    found += [(m.start(), "box", 0, m.group(), m.end(), "专栏")
              for m in _BOX_RE.finditer(norm, start, end)]
    # task-table rows replace the markers inside them (a part row 一、 stays)
    spans = [(r.start, r.end) for r in rows]
    found = [c for c in found if not any(s <= c[0] < e for s, e in spans)
             or (c[1] != "measure" and c[0] == _first_cell_start(rows, c[0]))]
    found += [(r.start, "measure", r.no, str(r.no), r.task[0], "row") for r in rows]
    return sorted(found)


def _first_cell_start(rows: list[_TaskRow], pos: int) -> int:
    for r in rows:
        if r.start <= pos < r.end:
            return r.first_text
    return -1


@dataclass
class _ScanState:
    nodes: list[_Node] = field(default_factory=list)
    heading_ends: set[int] = field(default_factory=set)
    part: int | None = None
    section: int | None = None
    last: dict[str, int] = field(default_factory=lambda: {"part": 0, "section": 0, "measure": 0})
    moved: bool = True  # a new part or section since the last measure
    style: str = ""     # the measures' numbering style, fixed by the first one
    role: str = "task"  # role of the innermost heading
    box: bool = False   # inside a 专栏 box
    skipped: dict = field(default_factory=dict)  # heading index -> list items not measures


_TASK_PART = re.compile(r"任务|举措|重点工作|工作重点|行动|工程|主要工作|工作措施|具体措施")


def _other_parts(cl: _Cleaned, body: _Body, rows: list[_TaskRow]) -> set[int]:
    """Parts (一、 style) that hold no tasks because the document names its
    task parts: when a part is called 重点任务/主要任务/…行动, numbered lists
    in parts named otherwise (主要目标 …) are not measures."""
    if body.chapters:
        return set()
    parts = [n for n in _scan_structure(cl, body, _Problems(cl), rows) if n.kind == "part"]
    named = [n for n in parts if n.role == "task" and _TASK_PART.search(n.name.translate(_NORM))]
    if not named:
        return set()
    return {n.start for n in parts if n.role == "task" and n not in named}


def _scan_structure(cl: _Cleaned, body: _Body, problems: _Problems,
                    rows: list[_TaskRow], other: set[int] = frozenset()) -> list[_Node]:
    """Accept the heading and measure markers of the body, in order.

    ``other``: starts of parts that hold no tasks (see :func:`_other_parts`).
    """
    st = _ScanState(heading_ends=set(cl.page_breaks))
    by_start = {r.start: r for r in rows}
    for start, kind, no, numeral, marker_end, style in _candidates(cl, body, rows):
        row = by_start.get(start) if style == "row" else None
        free = style in ("lost", "row")
        if not free and not (body.lost_dots and kind == "part") and \
                not _at_boundary(cl.norm, start, st.heading_ends):
            continue
        if st.nodes and start < st.nodes[-1].marker_end:
            continue
        node = _Node(kind, no, numeral, start, marker_end, part=st.part, section=st.section,
                     style=style)
        if kind == "box":
            _name_heading(node, cl, body.end, problems, quiet=True)
            st.heading_ends.add(node.name_end)
            st.box = True
            st.nodes.append(node)
            continue
        if kind == "measure":
            if style in (".", "、", "sp") and st.style and style != st.style:
                continue  # a list of the other style inside a measure
            if style == "sp" and no != st.last["measure"] + 1:
                continue  # a number at a line start that does not go on counting
            opening = st.part is None and st.section is None and not st.last["measure"]
            if st.role != "task" or (opening and _heading_like_review(cl, node)):
                if _heading_like(cl, node):
                    _name_heading(node, cl, body.end, problems, quiet=True)
                    node.kind, node.role = "heading", _role(node.name, st.role)
                    st.role = node.role
                    st.heading_ends.add(node.name_end)
                    st.nodes.append(node)
                elif style != "lost":
                    st.skipped.setdefault(_innermost(st), []).append(node)
                continue
            if style == "lost" and no != st.last["measure"] + 1:
                continue
            if st.box and no != st.last["measure"] + 1:
                continue
        if not _continues_numbering(node, st, cl, problems):
            continue
        if kind == "measure":
            st.box = False
            st.style = st.style or (style if style in (".", "、", "sp") else "")
            if row is not None:
                node.task, node.lead_unit, node.deadline = row.task, row.unit, row.deadline
        else:
            _name_heading(node, cl, body.end, problems, lost=body.lost_dots)
            st.heading_ends.add(node.name_end)
            parent = st.nodes[st.part].role if kind == "section" and st.part is not None else "task"
            node.role = _role(node.name, parent)
            if kind == "part" and start in other:
                node.role = "nontask"
            st.role, st.box = node.role, False
        _enter(node, st)
    for i, node in enumerate(st.nodes):
        node.end = _node_end(st.nodes, i, body.end)
    for where, items in st.skipped.items():
        head = st.nodes[where] if where is not None else None
        name = f"{head.label()}{head.name}" if head else "the opening"
        what = "a review" if head is not None and head.role == "review" else "a non-task section"
        problems.add("list_not_measures", f"{len(items)} numbered item(s) under {name} "
                     f"({what}) are read as its text, not as measures",
                     items[0].start, items[-1].marker_end, severity="info")
    return st.nodes


def _innermost(st: _ScanState) -> int | None:
    """Index of the innermost heading node the scan is in (for reports)."""
    for i in range(len(st.nodes) - 1, -1, -1):
        if st.nodes[i].kind in ("part", "section", "heading"):
            return i
    return None


def _line_rest(cl: _Cleaned, node: _Node) -> str:
    stop = cl.norm.find("\n", node.marker_end)
    return cl.norm[node.marker_end:stop if stop >= 0 else len(cl.norm)].strip()


def _heading_like(cl: _Cleaned, node: _Node) -> bool:
    """A marker followed by a short line without 。 (a heading, not a sentence)."""
    rest = _line_rest(cl, node)
    return bool(rest) and "。" not in rest and len(rest) <= 30 and node.style in (".", "、")


def _heading_like_review(cl: _Cleaned, node: _Node) -> bool:
    return _heading_like(cl, node) and _role(_line_rest(cl, node)) != "task"


def _continues_numbering(node: _Node, st: _ScanState, cl: _Cleaned, problems: _Problems) -> bool:
    """Accept a marker that continues its level's numbering; report the rest."""
    last = st.last[node.kind]
    where = f"page {cl.page(node.start)}"
    level = _LEVEL[node.kind]
    kind = {"part": "part_sequence", "section": "action_gap", "measure": "measure_sequence"}
    if node.no == last + 1:
        return True
    if node.kind == "measure" and node.no == 1 and st.moved and last:
        problems.add("measure_restart", f"measure numbering restarts at 1. ({where}); measure "
                     "ids are scoped by action area or part", node.start, node.marker_end,
                     severity="warning")
        return True
    shown = _render(node.kind, last) if last else "none"
    if last < node.no <= last + 1 + _MAX_GAP:
        missing = ", ".join(_render(node.kind, n) for n in range(last + 1, node.no))
        problems.add(kind[node.kind], f"{level} {_render(node.kind, node.no)} follows "
                     f"{shown} ({where}); {level} {missing} is missing", node.start,
                     node.marker_end)
        return True
    if st.role != "task" and node.kind == "measure":
        return False  # a list inside a non-task section: running text
    problems.add(kind[node.kind].replace("_gap", "_sequence"),
                 f"{_render(node.kind, node.no)} at {where} does not continue the {level} "
                 f"numbering (last was {shown}); read as running text", node.start,
                 node.marker_end)
    return False


def _render(kind: str, no: int) -> str:
    if kind == "measure":
        return f"{no}."
    zh = "零一二三四五六七八九"
    numeral = zh[no] if no < 10 else (zh[no // 10] if no >= 20 else "") + "十" + (
        zh[no % 10] if no % 10 else "")
    return f"{numeral}、" if kind == "part" else f"({numeral})"


def _enter(node: _Node, st: _ScanState) -> None:
    index = len(st.nodes)
    st.nodes.append(node)
    st.last[node.kind] = node.no
    if node.kind == "part":
        st.part, st.section, st.last["section"], st.moved = index, None, 0, True
        node.part, node.section = index, None
    elif node.kind == "section":
        st.section, st.moved = index, True
        node.section = index
    else:
        st.moved = False


def _name_heading(node: _Node, cl: _Cleaned, limit: int, problems: _Problems, *,
                  quiet: bool = False, lost: bool = False) -> None:
    """Read a heading's name: to the line end or the next marker; in a copy
    that has lost its line breaks, to a name ending such as 行动/目标 that is
    followed by running text, else to the first 。."""
    start = node.marker_end
    while start < limit and cl.text[start] in " \t　":
        start += 1
    window = cl.norm[start:min(limit, start + _MAX_NAME)]
    stop = _NAME_STOP.search(window)
    if lost:
        digit = re.search(r"\d", window)
        if digit and (stop is None or digit.start() < stop.start()):
            stop = digit
    cut = stop.start() if stop else len(window)
    clear = stop is not None and (stop.group() == "\n" or len(stop.group()) > 1 or lost)
    if not clear:
        suffix = _NAME_SUFFIX.match(window[:cut])
        if suffix and cut - suffix.end() >= _MIN_RUN_ON:
            cut, clear = suffix.end(), True
        else:
            clear = (stop is not None and stop.group() == "。") or start + len(window) == limit
    node.name, node.name_end = " ".join(cl.text[start:start + cut].split()), start + cut
    if (not clear or not node.name) and not quiet:
        problems.add("heading_name", f"the name of {node.label()} on page {cl.page(node.start)} "
                     f"may run into its text: {node.name!r}", node.start, node.name_end,
                     severity="warning")


def _node_end(nodes: list[_Node], i: int, body_end: int) -> int:
    """A node ends where the next node of the same or a higher level starts."""
    rank = {"part": 0, "section": 1, "action": 1, "heading": 2, "box": 2, "measure": 2}
    for later in nodes[i + 1:]:
        if rank[later.kind] <= rank[nodes[i].kind]:
            return later.start
    return body_end


def _classify_sections(nodes: list[_Node], problems: _Problems) -> None:
    """Sections become action areas in the parts that hold the measures.

    Sections whose heading (or whose part's heading) names a non-task or a
    review section (指导思想, 基本原则, 发展基础, 保障措施 …) never do.  With
    no measures at all, sections named …行动 are taken as action areas.
    Action numbers must be unique in a plan: when a later part starts again
    at （一）, all action areas are renumbered in order and a warning says so.
    """
    sections = [n for n in nodes if n.kind == "section" and n.role == "task"
                and (n.part is None or nodes[n.part].role == "task")]
    parts = {n.part for n in nodes if n.kind == "measure"}
    if not parts:
        parts = {n.part for n in sections if "行动" in n.name}
    actions = [n for n in sections if n.part in parts]
    for n in actions:
        n.kind = "action"
    if len({n.no for n in actions}) < len(actions):
        problems.add("action_renumbered", "action-area numbering restarts in a later part; "
                     "action_no counts all action areas in order", actions[0].start,
                     actions[0].marker_end, severity="warning")
        for k, n in enumerate(actions, start=1):
            n.no = k


# ------------------------------------------------------------------ 2b. task tables


@dataclass(frozen=True)
class _TaskRow:
    start: int
    end: int
    no: int
    first_text: int          # start of the first cell
    task: tuple[int, int]    # the task cell
    unit: str
    deadline: str


def _task_rows(cl: _Cleaned, body: _Body, problems: _Problems) -> list[_TaskRow]:
    """Rows of task tables (序号 | 任务 | 责任单位 | 完成时限) in the body."""
    found: list[_TaskRow] = []
    cols = None
    for start, end, cells in _table_rows(cl, body):
        texts = [re.sub(r"\s+", "", c) for c, _, _ in cells]
        if any("序号" in t for t in texts) and any(_TASK_HEAD.search(t) for t in texts):
            task_col = next(i for i, t in enumerate(texts) if _TASK_HEAD.search(t))
            cols = (texts.index(next(t for t in texts if "序号" in t)), task_col,
                    next((i for i, t in enumerate(texts) if _UNIT_HEAD.search(t)), None),
                    next((i for i, t in enumerate(texts) if _DEADLINE_HEAD.search(t)), None))
            continue
        if cols is None:
            continue
        no_col, task_col, unit_col, dl_col = cols
        no_text = texts[no_col] if no_col < len(texts) else ""
        if not re.fullmatch(r"\d{1,3}", no_text):
            if not _PART_RE.match(cells[0][0].translate(_NORM)) and not \
                    _SECTION_RE.match(cells[0][0].translate(_NORM)):
                cols = None if not texts[0] else cols
            continue
        if task_col >= len(cells) or not cells[task_col][0]:
            problems.add("task_row", f"task table row {no_text} on page {cl.page(start)} has no "
                         "task text; not recorded", start, end)
            continue
        unit = cells[unit_col][0].lstrip("*＊ ") if unit_col is not None and unit_col < len(cells) \
            else ""
        deadline = cells[dl_col][0] if dl_col is not None and dl_col < len(cells) else ""
        found.append(_TaskRow(start, end, int(no_text), cells[0][1],
                              (cells[task_col][1], cells[task_col][2]), " ".join(unit.split()),
                              deadline))
    return found


# --------------------------------------------------------------------------- metadata


def _metadata(cl: _Cleaned, body: _Body, year: int | None) -> dict:
    """Title, issuers, number, date, addressees, period and plan year."""
    front = cl.norm[:max(body.start, body.title_start)]
    before_title = cl.norm[:body.title_start] if body.title else front
    number = _DOC_NUMBER.search(before_title) or _DOC_NUMBER.search(front)
    issuers, date = _issuers_and_date(cl, front)
    if not issuers:
        label = _LABEL_ISSUER.search(front)
        issuers = [cl.text[label.start(1):label.end(1)]] if label else []
    addressees = _ADDRESSEES.search(front)
    title_norm = body.title.translate(_NORM)
    period, basis = _period(title_norm, cl.norm[body.title_start:body.title_start + 400])
    title_year = re.search(r"(?<![\d—－–-])((?:19|20)\d{2})年(?!\s?[—－–-])", title_norm)
    plan_year = year or (int(title_year.group(1)) if title_year else None) or (
        period[0] if period else None) or (int(date[:4]) if date else None)
    if not period and title_year:
        period, basis = (int(title_year.group(1)), int(title_year.group(1))), "stated"
    return {"title": body.title, "issuers": issuers,
            "doc_number": re.sub(r"\s", "", cl.text[number.start():number.end()]) if number
            else "", "issue_date": date,
            "addressees": cl.text[addressees.start(1):addressees.end(1)].strip() if addressees
            else "",
            "period": period, "period_basis": basis, "plan_year": plan_year,
            "five_year": bool(_FYP.search(title_norm))}


def _issuers_and_date(cl: _Cleaned, front: str) -> tuple[list[str], str]:
    for m in _ZH_DATE.finditer(front):
        seg_start = max(_last_index(front, "。：:|", m.start()) + 1, 0)
        segment = front[seg_start:m.start()]
        issuers = re.search(rf"(?:{_ISSUER_TOKEN}\s*)+$", segment)
        line_start = front.rfind("\n", 0, m.start()) + 1
        standalone = _DATE_ONLY.match(front[line_start:front.find("\n", m.start()) if
                                            front.find("\n", m.start()) >= 0 else len(front)]
                                      .strip())
        if issuers or standalone:
            base = seg_start + issuers.start() if issuers else 0
            names = [cl.text[base + t.start():base + t.end()].strip()  # as written
                     for t in re.finditer(_ISSUER_TOKEN, issuers.group())] if issuers else []
            date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            return names, date
    label = _LABEL_DATE.search(front)
    if label:
        return [], f"{int(label.group(1)):04d}-{int(label.group(2)):02d}-{int(label.group(3)):02d}"
    return [], ""


def _period(title: str, opening: str) -> tuple[tuple[int, int] | None, str]:
    fyp = _FYP.search(title)
    m = _PERIOD.search(title)
    if m and m.group(2) and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 15:
        return (int(m.group(1)), int(m.group(2))), "stated"
    if fyp:
        start = _fyp_start(11 + "一二三四五六".index(fyp.group(1) or fyp.group(2)))
        return (start, start + 4), "derived"
    return None, "not_found"


def _fyp_start(n: int) -> int:
    """First year of the n-th five-year plan (the 3rd began in 1966, after 1963-65)."""
    return 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)


def _plan_row(ctx: _Context, relation: str) -> dict:
    meta = ctx.meta
    title = meta["title"].replace("《", "〈").replace("》", "〉")
    kind = _plan_kind(meta["title"], meta["five_year"])
    who = "".join(meta["issuers"]) + meta["title"]
    if "县" in who:
        level = "county"
    elif re.search(r"区(?:人民政府|委|政府)", who) or re.match(r"^[\u4e00-\u9fff]{2,3}区", who):
        level = "district"
    elif "省" in who or who.startswith(("上海市人民政府", "上海")):
        level = "province"
    else:
        level = "city"
    period = meta["period"] or (None, None)
    return {"plan_id": ctx.plan_id, "title_zh": f"《{title}》" if title else "",
            "title_en": f"(not translated) plan {ctx.plan_id}",
            "issuer_zh": "；".join(meta["issuers"]), "doc_number": meta["doc_number"],
            "issue_date": meta["issue_date"],
            "period_start": period[0], "period_end": period[1],
            "period_basis": meta["period_basis"], "plan_kind": kind, "level": level,
            "text_held": "partial" if ctx.body.truncated else "full",
            "relation_to_2016": relation, "source_url": ctx.source_url,
            "confidence": _CONFIDENCE,
            "note_en": ("Row written by jxplan parse from the document's own text; plan_kind and "
                        "level are derived from its title and issuer, and text_held full only "
                        "means that the text does not break off"
                        + (f"; addressed to {meta['addressees']}" if meta["addressees"] else "")
                        + (f"; the period is derived from {'the five-year plan number'}"
                           if meta["period_basis"] == "derived" else ""))}


def _plan_kind(title: str, five_year: bool) -> str:
    title = re.sub(r"[(（][^()（）]*[)）]$", "", title)
    if five_year or title.endswith("纲要"):
        return "five_year_plan"
    if re.search(r"指导意见$|意见$", title):
        return "guidance"
    if re.search(r"行动计划$|行动方案$", title):
        return "action_plan"
    if title.endswith("决定"):
        return "decision"
    return "implementation_plan"


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class _Context:
    plan_id: str
    source_url: str
    year: int | None
    cl: _Cleaned
    body: _Body
    nodes: list[_Node]
    problems: _Problems
    meta: dict = field(default_factory=dict)
    rows: tuple = ()
    locator: _Locator | None = None

    def enclosing(self, node: _Node) -> tuple[_Node | None, _Node | None]:
        """The node's part and its action area (None when not an action)."""
        part = self.nodes[node.part] if node.part is not None else None
        section = self.nodes[node.section] if node.section is not None else None
        return part, section if section is not None and section.kind == "action" else None

    def base(self) -> dict:
        return {"plan_id": self.plan_id, "source_url": self.source_url, "confidence": _CONFIDENCE}

    @property
    def target_year(self) -> int | None:
        """The year a target without its own year applies to: the given year,
        else the last year of the plan's period, else the plan year."""
        if self.year is not None:
            return self.year
        period = self.meta.get("period")
        if period:
            return period[1]
        return self.meta.get("plan_year")


def _section_label(part: _Node | None, action: _Node | None, measure: _Node | None) -> str:
    """``二、(二) 4.``, ``二、4.``, ``一、工作目标`` (part name when nothing below)."""
    label = part.label() if part else ""
    if action:
        label += action.label()
    if measure:
        label += (" " if action else "") + measure.label()
    if part and not action and not measure:
        label += part.name
    return label


def _part_rows(ctx: _Context) -> pd.DataFrame:
    rows = []
    for node in ctx.nodes:
        if node.kind not in ("part", "section", "heading", "box"):
            continue
        part, _ = ctx.enclosing(node)
        start, end = ctx.cl.span(node.start, node.end)
        level = {"part": 1, "section": 2}.get(node.kind, 3)
        rows.append({"plan_id": ctx.plan_id, "level": level, "no": node.no,
                     "numeral_zh": node.numeral, "name_zh": node.name,
                     "part_numeral_zh": part.numeral if part and node.kind != "part" else "",
                     "role": node.role if node.kind != "box" else "box",
                     "source_page": ctx.cl.page(node.start), "char_start": start, "char_end": end})
    return pd.DataFrame(rows, columns=list(PART_COLUMNS))


def _action_rows(ctx: _Context) -> pd.DataFrame:
    rows = []
    for node in (n for n in ctx.nodes if n.kind == "action"):
        part, _ = ctx.enclosing(node)
        start, end = ctx.cl.span(node.start, node.end)
        rows.append({**ctx.base(), "action_id": f"{ctx.plan_id}-a{node.no}",
                     "action_no": node.no, "numeral_zh": node.numeral, "name_zh": node.name,
                     "name_en": "", "in_held_text": True,
                     "part_numeral_zh": part.numeral if part else "",
                     "source_page": ctx.cl.page(node.start), "char_start": start, "char_end": end})
    return pd.DataFrame(rows, columns=[*ACTION_COLUMNS, "part_numeral_zh", "source_page",
                                       "char_start", "char_end"])


# --------------------------------------------------------------------------- 3. measures



def _measure_rows(ctx: _Context) -> pd.DataFrame:
    measures = [n for n in ctx.nodes if n.kind == "measure"]
    scoped = len({n.no for n in measures}) < len(measures)
    rows = [_measure_row(ctx, node, scoped) for node in measures]
    if not measures and ctx.body.end > ctx.body.start and not any(
            n.role != "task" for n in ctx.nodes):
        ctx.problems.add("no_measures", "no numbered measures (1. 2. …) found", ctx.body.start,
                         ctx.body.start, severity="warning")
    extra = ["part_numeral_zh", "action_numeral_zh", "n_subitems", "lead_unit_zh",
             "deadline_zh", "char_start", "char_end", "title_start", "title_end", "text_zh"]
    return pd.DataFrame(rows, columns=[*MEASURE_COLUMNS, *extra])


def _measure_row(ctx: _Context, node: _Node, scoped: bool) -> dict:
    cl = ctx.cl
    part, action = ctx.enclosing(node)
    _check_placed(ctx, node, part, action)
    title, t_start, t_end = _measure_title(ctx, node)
    start, end = cl.span(node.start, node.end)
    title_start, title_end = cl.span(t_start, t_end)
    if title and title_end - title_start != len(title) and node.task is None:
        ctx.problems.add("title_joined", f"measure {node.no}. on page {cl.page(node.start)}: "
                         f"its title {title!r} runs over a line or page break in the input and "
                         "was joined; check that it is one title", t_start, t_end,
                         severity="warning")
    complete = not (ctx.body.truncated and node.end >= ctx.body.end)
    text_end = node.task[1] if node.task else node.end
    return {**ctx.base(), "measure_id": _measure_id(ctx.plan_id, node, part, action, scoped),
            "action_id": f"{ctx.plan_id}-a{action.no}" if action else "",
            "measure_no": node.no, "title_zh": title, "title_en": "", "summary_en": "",
            "scope": "", "adcodes": "", "source_section": _section_label(part, action, node),
            "source_page": cl.page(node.start), "text_complete": complete,
            "part_numeral_zh": part.numeral if part else "",
            "action_numeral_zh": action.numeral if action else "",
            "n_subitems": len(_SUBITEM_RE.findall(cl.norm, node.marker_end, text_end)),
            "lead_unit_zh": node.lead_unit, "deadline_zh": node.deadline,
            "char_start": start, "char_end": end, "title_start": title_start,
            "title_end": title_end, "text_zh": cl.text[node.start:node.end].strip()}


def _measure_id(plan_id: str, node: _Node, part: _Node | None, action: _Node | None,
                scoped: bool) -> str:
    if not scoped:
        return f"{plan_id}-m{node.no:02d}"
    scope = f"a{action.no}" if action else f"p{part.no if part else 0}"
    return f"{plan_id}-{scope}-m{node.no:02d}"


def _check_placed(ctx: _Context, node: _Node, part: _Node | None, action: _Node | None) -> None:
    has_actions = any(n.kind == "action" and n.part == node.part for n in ctx.nodes)
    if has_actions and action is None:
        ctx.problems.add("unplaced", f"measure {node.no}. on page {ctx.cl.page(node.start)} "
                         f"stands before the first action area of part "
                         f"{part.numeral if part else '?'}、; its action_id is left empty",
                         node.start, node.end)


def _measure_title(ctx: _Context, node: _Node) -> tuple[str, int, int]:
    """The title: from the number to the first 。 (exclusive), else "".

    A task-table row's title is its task sentence (to the first 。 or the
    cell's end); a task whose number lost its dot ends at its first 。 or
    where its responsible unit starts, which then becomes ``lead_unit_zh``.
    """
    cl = ctx.cl
    if node.task is not None:
        start, end = node.task
        stop = cl.text.find("。", start, end)
        return cl.text[start:stop if stop >= 0 else end], start, stop if stop >= 0 else end
    start = node.marker_end
    while start < node.end and cl.text[start] in " \t　":
        start += 1
    stop = cl.text.find("。", start, node.end)
    if node.style == "lost":
        unit = _UNIT_TOKEN.search(cl.norm, start, stop if stop >= 0 else node.end)
        if unit and (stop < 0 or unit.start() < stop):
            stop = unit.start()
        rest = cl.norm[stop + (cl.text[stop] == "。"):node.end] if stop >= 0 else ""
        lead = re.match(rf"(?:{_UNIT_TOKEN.pattern})", rest)
        node.lead_unit = lead.group() if lead else ""
        if stop >= 0:
            return cl.text[start:stop], start, stop
    candidate = cl.text[start:stop if stop >= 0 else node.end]
    line = candidate.split("\n", 1)[0]
    where = f"measure {node.no}. on page {cl.page(node.start)}"
    if stop >= 0 and "\n" not in candidate and len(candidate) <= _MAX_TITLE:
        if re.search("[，,]", candidate):
            ctx.problems.add("title_end", f"{where}: its title {candidate!r} holds a comma; "
                             "check that no 。 is missing", start, stop, severity="warning")
        return candidate, start, stop
    severity = "error"
    if stop < 0 and ctx.body.truncated and node.end >= ctx.body.end and "\n" not in candidate:
        why = "the text breaks off before its closing 。"
        severity = "warning"
    else:
        why = "no 。 closes its title" + (" on its line" if "\n" in candidate else
                                          f" within {_MAX_TITLE} characters")
    ctx.problems.add("title_end", f"{where}: {why}; title left empty (it reads "
                     f"{line[:_MAX_TITLE]!r})", node.start, start + len(line), severity=severity)
    return "", start, start


# --------------------------------------------------------------------------- 4. targets

_UNITS = {
    "人": "persons", "名": "persons", "人次": "person_times", "个": "items", "项": "items",
    "家": "entities", "所": "institutions", "条": "lines", "座": "facilities", "辆": "vehicles",
    "户": "households", "套": "sets", "台": "units", "艘": "vessels", "处": "sites",
    "栋": "buildings", "元": "cny", "美元": "usd", "公里": "km", "千米": "km", "km": "km",
    "米": "m", "平方公里": "km2", "平方米": "m2", "公顷": "ha", "亩": "mu", "吨": "t",
    "标箱": "teu", "千瓦": "kw", "千瓦时": "kwh", "%": "pct", "％": "pct", "‰": "permille",
    "个百分点": "pct_points", "百分点": "pct_points", "倍": "times", "小时": "hours",
    "分钟": "minutes", "次": "times",
}
_SCALE = {"万": "10k", "亿": "100m", "千": "1k", "万亿": "1t"}
_SPECIAL_UNITS = {"亿元": "cny_100m", "万元": "cny_10k", "万人": "persons_10k",
                  "亿美元": "usd_100m", "万美元": "usd_10k", "万亿元": "cny_1t"}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_NUMBER = r"(?<![\d.第A-Za-z])(?P<num>\d+(?:\.\d+)?)"
_TARGET_RE = re.compile(
    rf"{_NUMBER}\s?(?:(?P<unit>(?:万亿|[万亿千])?(?:{_UNIT_ALT}))(?!月|工作日)"
    rf"|(?P<other>[\u4e00-\u9fff]{{1,2}}?)(?=以上|以下|以内))\s?(?P<suf>以上|以下|以内|左右)?")
_UNITLESS_RE = re.compile(
    rf"{_NUMBER}(?P<suf>以上|以下|以内)"
    rf"|(?P<pre>不少于|不低于|不超过|超过|达到|突破)\s?(?P<num2>\d+(?:\.\d+)?)(?![\d.年月日号])")
_PREFIX = {"不少于": ">=", "不低于": ">=", "大于等于": ">=", "≥": ">=", "不超过": "<=",
           "不高于": "<=", "≤": "<=", "控制在": "<=", "超过": ">", "突破": ">", "高于": ">",
           "多于": ">", "大于": ">", ">": ">", "＞": ">", "低于": "<", "少于": "<", "小于": "<",
           "<": "<", "＜": "<", "达到": "="}
_PREFIX_LONGEST_FIRST = sorted(_PREFIX, key=len, reverse=True)
_SUFFIX = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "="}
_CLAUSE_END = "，,；;：:" + _SENT_END + "\n|"
_QUALIFIERS = ("力争", "争取")
_DECREASE = re.compile(r"(?:下降|降低|减少|压减|削减|缩短|降至|减排|压缩)(?:到|至)?$")
_INCREASE = re.compile(r"(?:增长|提高|提升|增加|增至|扩大|翻番)(?:到|至)?$")
_RANGE_BEFORE = re.compile(r"\d\s?[-－—–~～至]\s?$")
_TARGET_YEAR = re.compile(r"(?<![比较自从与\d])(?:到|至|于|在)?\s?((?:19|20)\d{2})\s?年")
_FORECAST = re.compile(r"预计|预期将|估计")
_ACHIEVED = re.compile(r"已(?:经|达|有|建成|完成|实现|超过|突破|累计)?")
_PAST_SPAN = re.compile(r"过去五年|五年来|以来|期间|时期|期末|年末")


def _target_rows(ctx: _Context) -> pd.DataFrame:
    tables = [t for t in _table_rows(ctx.cl, ctx.body)
              if not any(r.start == t[0] for r in ctx.rows)]
    found = _table_targets(ctx, tables) + _prose_targets(ctx, tables)
    found.sort(key=lambda row: row["match_start"])
    for n, row in enumerate(found, start=1):
        row["target_id"] = f"{ctx.plan_id}-t{n}"
    extra = ["direction", "qualifier_zh", "from_table", "char_start", "char_end", "match_start",
             "match_end"]
    frame = pd.DataFrame(found, columns=[*TARGET_COLUMNS, *extra])
    frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
    return frame.astype({"value": "float64"})


def _unit_en(unit_zh: str) -> str:
    unit_zh = unit_zh.translate(_NORM)
    if unit_zh in _SPECIAL_UNITS:
        return _SPECIAL_UNITS[unit_zh]
    if unit_zh in _UNITS:
        return _UNITS[unit_zh]
    for scale in ("万亿", "万", "亿", "千"):
        if unit_zh.startswith(scale) and unit_zh[len(scale):] in _UNITS:
            return f"{_UNITS[unit_zh[len(scale):]]}_{_SCALE[scale]}"
    return unit_zh


def _excluded_spans(ctx: _Context, tables: list[tuple[int, int, list]]) -> list[tuple[int, int]]:
    """Indicator-table rows and the non-task cells of task-table rows."""
    spans = [(s, e) for s, e, _ in tables]
    for row in ctx.rows:
        spans += [(row.start, row.task[0]), (row.task[1], row.end)]
    return spans


def _clause_starts(ctx: _Context) -> list[int]:
    starts = set()
    for n in ctx.nodes:
        starts.update((n.marker_end, n.name_end if n.name_end else n.marker_end))
        if n.task:
            starts.add(n.task[0])
    return sorted(starts)


def _prose_targets(ctx: _Context, tables: list[tuple[int, int, list]]) -> list[dict]:
    """Number + unit (+ 以上/以内…) in the body's sentences, tables excluded."""
    cl, rows = ctx.cl, []
    excluded = _excluded_spans(ctx, tables)
    covered: list[tuple[int, int]] = []
    starts = _clause_starts(ctx)
    prev_end, prev_sentence, prev_indicator = ctx.body.start, -1, ""
    for m in _TARGET_RE.finditer(cl.norm, ctx.body.start, ctx.body.end):
        if any(s <= m.start() < e for s, e in excluded):
            continue
        covered.append((m.start(), m.end()))
        if _RANGE_BEFORE.search(cl.norm[max(0, m.start() - 4):m.start()]):
            continue  # the upper end of a range (10-50万元): part of an indicator's words
        unit_zh = cl.text[m.start("unit"):m.end("unit")] if m.group("unit") else m.group("other")
        k = bisect.bisect_right(starts, m.start())
        node_start = starts[k - 1] if k else 0
        clause = max(_last_index(cl.norm, _CLAUSE_END, m.start()) + 1, prev_end, node_start)
        row = _target_row(ctx, m, unit_zh, clause, node_start, after=clause == prev_end)
        if row is None:
            prev_end = m.end()
            continue
        if not row["indicator_zh"] and row["char_start"] == prev_sentence and prev_indicator:
            row["indicator_zh"] = prev_indicator
        if not row["indicator_zh"]:
            ctx.problems.add("target_indicator", f"{m.group()!r} on page {cl.page(m.start())}: "
                             "no indicator found before or after the figure; recorded with an "
                             "empty indicator", m.start(), m.end())
        rows.append(row)
        prev_end, prev_sentence, prev_indicator = m.end(), row["char_start"], row["indicator_zh"]
    _report_unitless(ctx, covered, excluded)
    return rows


def _target_row(ctx: _Context, m: re.Match, unit_zh: str, clause: int,
                node_start: int, *, after: bool = False) -> dict | None:
    cl = ctx.cl
    lead_norm = cl.norm[clause:m.start()].rstrip()
    pre = next((p for p in _PREFIX_LONGEST_FIRST if lead_norm.endswith(p)), "")
    indicator = cl.text[clause:clause + len(lead_norm) - len(pre)].strip()
    indicator = indicator.lstrip("、和及与并 " if after else "、 ")
    ind_norm = indicator.translate(_NORM)
    qualifier = next((q for q in _QUALIFIERS if ind_norm.startswith(q)), "")
    indicator = indicator[len(qualifier):]
    ind_norm = ind_norm[len(qualifier):]
    for word in ("分别", "要", "将"):
        if ind_norm.endswith(word) and len(ind_norm) > len(word):
            indicator, ind_norm = indicator[:-len(word)], ind_norm[:-len(word)]
    sentence_start = max(_last_index(cl.norm, _SENT_END + "\n|", m.start()) + 1, node_start
                         if node_start <= m.start() else 0)
    lead_sentence = cl.norm[sentence_start:m.start()]
    qualifier = qualifier or next((q for q in _QUALIFIERS if q in lead_sentence), "")
    if not indicator:
        indicator = _noun_after(cl, m.end(), ctx.body.end)
    elif ind_norm in _VERBS:
        indicator = indicator + _noun_after(cl, m.end(), ctx.body.end)
    suffix = m.group("suf") or ""
    year = _sentence_year(lead_sentence)
    why = _not_a_target(ctx, m.start(), lead_sentence, cl.norm[clause:m.start()], year)
    value = float(m.group("num"))
    if why:
        ctx.problems.add("not_a_target", f"{m.group()!r} on page {cl.page(m.start())} {why}; "
                         "not recorded as a target", m.start(), m.end(), severity="info")
        return None
    return _target_dict(ctx, indicator=indicator, pre=pre, suffix=suffix, value=value,
                        unit_zh=unit_zh, qualifier=qualifier, year=year,
                        sentence=(sentence_start, _sentence_end(cl.norm, m.end(), ctx.body.end)),
                        match=(m.start(), m.end()), from_table=False)


_VERBS = {"实施", "新增", "建成", "建设", "完成", "引进", "培育", "打造", "新建", "开通", "推进",
          "创建", "举办", "组织", "招引", "形成", "设立"}


def _sentence_year(lead: str) -> int | None:
    """The year a target's own sentence gives it: the last year named before
    the figure (到2025年底); of a period (2021-2025年) its last year; a base
    year (比2020年, 较…, 自…) is not one.

    Examples
    --------
    >>> _sentence_year("到2025年底，"), _sentence_year("（2021-2025年）期间累计新增")
    (2025, 2025)
    >>> _sentence_year("比2020年") is None
    True
    """
    years = [int(y.group(1)) for y in _TARGET_YEAR.finditer(lead)]
    return years[-1] if years else None


def _noun_after(cl: _Cleaned, pos: int, limit: int) -> str:
    """The indicator when the noun follows the number (50平方公里以上建设用地面积…)."""
    limit = min(limit, pos + 200)  # an indicator is a short noun phrase
    ends = [i for i in (cl.norm.find(c, pos, limit) for c in _CLAUSE_END + "和及") if i >= 0]
    end = min(ends) if ends else limit
    return cl.text[pos:end].strip().lstrip("的")


def _not_a_target(ctx: _Context, pos: int, sentence: str, clause: str,
                  year: int | None) -> str:
    """Why a figure is an outcome or a forecast rather than a target ("" if it is one)."""
    part, section, _, heading, _ = ctx.locator.at(pos)
    for node in (section, part, heading):
        if node is not None and node.role == "review":
            return f"is in a review section ({node.label()}{node.name}): a past outcome"
    plan_year = ctx.meta.get("plan_year")
    if year is not None and plan_year and year < plan_year:
        return f"refers to {year}, before the plan's year {plan_year}: a past outcome"
    if _FORECAST.search(sentence):
        return "is a forecast (预计): not a commitment"
    if _ACHIEVED.search(clause):
        return "is stated as already achieved (已…): a past outcome"
    fyp = _FYP.search(sentence)
    if fyp and _PAST_SPAN.search(sentence) and plan_year:
        n = 11 + "一二三四五六".index(fyp.group(1) or fyp.group(2))
        if _fyp_start(n) + 4 < plan_year:
            return f"describes the {fyp.group()} period: a past outcome"
    if re.search(r"过去五年|五年来", sentence):
        return "describes the past five years: a past outcome"
    return ""


def _direction(indicator: str, comparator: str, pre: str) -> str:
    norm = indicator.translate(_NORM)
    if _DECREASE.search(norm):
        return "decrease"
    if _INCREASE.search(norm):
        return "increase"
    if comparator in ("<=", "<") or pre == "控制在":
        return "cap"
    return "level"


def _target_dict(ctx: _Context, *, indicator: str, pre: str, suffix: str, value: float,
                 unit_zh: str, qualifier: str, sentence: tuple[int, int],
                 match: tuple[int, int], from_table: bool, year: int | None = None) -> dict:
    cl = ctx.cl
    part, action, measure, _, box = ctx.locator.at(match[0])
    comparator = _SUFFIX[suffix] if suffix else _PREFIX.get(pre.translate(_NORM), "=")
    char_start, char_end = cl.span(*sentence)
    match_start, match_end = cl.span(*match)
    target_year = year if year is not None else ctx.target_year
    section = _section_label(part, action, measure)
    return {**ctx.base(), "target_id": "", "goal_id": "", "indicator_zh": indicator,
            "indicator_en": "", "comparator": comparator, "comparator_zh": suffix or pre,
            "value": value, "unit": _unit_en(unit_zh) if unit_zh else "", "unit_zh": unit_zh,
            "year": target_year if target_year is not None else pd.NA,
            "source_section": f"{section} {box.numeral}".strip() if box else section,
            "source_page": cl.page(match[0]),
            "direction": _direction(indicator, comparator, pre), "qualifier_zh": qualifier,
            "from_table": from_table, "char_start": char_start, "char_end": char_end,
            "match_start": match_start, "match_end": match_end}


def _report_unitless(ctx: _Context, covered: list[tuple[int, int]],
                     in_table: list[tuple[int, int]]) -> None:
    merged: list[list[int]] = []
    for s, e in sorted(covered + in_table):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [s for s, _ in merged]
    for m in _UNITLESS_RE.finditer(ctx.cl.norm, ctx.body.start, ctx.body.end):
        k = bisect.bisect_left(starts, m.end()) - 1
        if k >= 0 and merged[k][1] > m.start():
            continue
        part, section, _, _, _ = ctx.locator.at(m.start())
        if any(n is not None and n.role == "review" for n in (part, section)):
            continue
        number = m.group("num") or m.group("num2")
        ctx.problems.add("target_no_unit", f"{m.group()!r} on page {ctx.cl.page(m.start())} "
                         f"looks like a target but {number} has no unit; not recorded",
                         m.start(), m.end(), severity="warning")


class _Locator:
    """Which part, action area (or section), measure, numbered heading and
    专栏 box hold a cleaned offset: one bisection instead of a scan."""

    def __init__(self, nodes: list[_Node]):
        self.starts = [n.start for n in nodes]
        self.states = []
        part = action = measure = heading = box = None
        for node in nodes:
            if node.kind == "part":
                part, action, measure, heading = node, None, None, None
            elif node.kind in ("section", "action"):
                action, measure, heading = node, None, None
            elif node.kind == "measure":
                measure = node
            elif node.kind == "heading":
                heading = node
            elif node.kind == "box":
                box = node
            self.states.append((part, action, measure, heading, box))

    def at(self, pos: int) -> tuple:
        """(part, action area or non-task section, measure, heading, box) at ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return None, None, None, None, None
        part, action, measure, heading, box = self.states[i]
        measure = measure if measure is not None and pos < measure.end else None
        heading = heading if heading is not None and pos < heading.end else None
        box = box if box is not None and box.start <= pos < box.end else None
        if action is not None and action.kind != "action" and action.role == "task":
            action = None
        return part, action, measure, heading, box


def _last_index(text: str, chars: str, before: int, window: int = 1000) -> int:
    """The last of ``chars`` before ``before``; a run without any of them is
    cut ``window`` characters back (no sentence is that long)."""
    found = max(text.rfind(c, max(0, before - window), before) for c in chars)
    return found if found >= 0 else max(-1, before - window - 1)


def _sentence_end(norm: str, pos: int, limit: int) -> int:
    limit = min(limit, pos + 1000)  # no sentence is longer
    ends = [i for i in (norm.find(c, pos, limit) for c in _SENT_END + "\n") if i >= 0]
    return min(ends) + 1 if ends else limit


# ------------------------------------------------------------------ 4b. target tables

_CELL_RE = re.compile(r"^(?P<pre>≥|≤|>|<|＞|＜|不少于|不低于|不超过|超过|达到|突破|控制在)?\s*"
                      r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]*?)\s*(?P<suf>以上|以下|以内|左右)?$")
_UNIT_NOTE = re.compile(r"[(（]([^()（）]{1,6})[)）]$")
_YEAR_HEAD = re.compile(r"((?:19|20)\d{2})\s?年?")
_BASELINE_HEAD = re.compile(r"基期|基数|基准|现状|基础值|实际|完成值|现值|基年")


def _table_rows(cl: _Cleaned, body: _Body) -> list[tuple[int, int, list]]:
    """Rows of ``|``/tab tables in the body: (start, end, [(cell, start, end)])."""
    rows, pos = [], body.start
    for line in cl.norm[body.start:body.end].split("\n"):
        if _is_table_row(line) and not re.fullmatch(r"[\s|｜:\-—]+", line):
            rows.append((pos, pos + len(line), _cells(line, pos, cl.text)))
        pos += len(line) + 1
    return rows


def _cells(line: str, pos: int, text: str | None = None) -> list[tuple[str, int, int]]:
    """Cells with their offsets; empty cells inside the row are kept so that
    columns stay aligned, the empty edges of ``| a | b |`` are not."""
    bounds = [-1, *(m.start() for m in _TABLE_SEP.finditer(line)), len(line)]
    cells = []
    for a, b in zip(bounds, bounds[1:]):
        raw = line[a + 1:b]
        lead = len(raw) - len(raw.lstrip())
        s, e = pos + a + 1 + lead, pos + a + 1 + len(raw.rstrip())
        cells.append((text[s:e] if text is not None else raw.strip(), s, e))
    if line.lstrip().startswith(("|", "｜")):
        cells = cells[1:]
    if line.rstrip().endswith(("|", "｜")):
        cells = cells[:-1]
    return cells


def _table_targets(ctx: _Context, rows: list[tuple[int, int, list]]) -> list[dict]:
    """Targets of indicator tables: indicator in the first text cell; one
    target per target-year column (baseline columns -- 基期, 现状, or a year
    before the plan's -- are left out), else the first cell with a digit."""
    found, header = [], None
    for k, (start, end, cells) in enumerate(rows):
        if k == 0 or rows[k - 1][1] + 1 != start:
            header = None
        texts = [c.translate(_NORM) for c, _, _ in cells]
        digits = [t for t in texts[1:] if re.search(r"\d", t)]
        if not digits or (header is None and len(_year_columns(texts)) == len(digits)):
            header = texts
            continue
        found += _table_target(ctx, (start, end), cells, header)
    return found


def _year_columns(header: list[str] | None) -> dict[int, int]:
    """Header columns that name a year: {column: year}."""
    out = {}
    for i, h in enumerate((header or [])[1:], start=1):
        m = _YEAR_HEAD.match(h.strip())
        if m and (m.group().endswith("年") or re.fullmatch(r"(?:19|20)\d{2}", h.strip())):
            out[i] = int(m.group(1))
    return out


def _table_target(ctx: _Context, span: tuple[int, int], cells: list, header: list | None):
    texts = [c.translate(_NORM) for c, _, _ in cells]
    first = 1 if re.fullmatch(r"\d+", texts[0]) and len(texts) > 2 else 0
    unit_col = next((i for i, h in enumerate(header or []) if "单位" in h), None)
    years = _year_columns(header)
    plan_year = ctx.meta.get("plan_year")
    if years:
        columns = []
        for i, y in years.items():
            if i >= len(texts) or i == unit_col:
                continue
            if _BASELINE_HEAD.search(header[i]) or (plan_year and y < plan_year):
                if re.search(r"\d", texts[i]):
                    ctx.problems.add("not_a_target", f"table column {header[i]!r}: "
                                     f"{texts[i]!r} is a baseline, not a target; not recorded",
                                     cells[i][1], cells[i][2], severity="info")
                continue
            columns.append((i, y))
    else:
        value_col = next((i for i in range(first + 1, len(texts))
                          if i != unit_col and re.search(r"\d", texts[i])), None)
        columns = [(value_col, None)] if value_col is not None else []
    out = []
    indicator = cells[first][0]
    for value_col, year in columns:
        m = _CELL_RE.match(texts[value_col]) if value_col is not None else None
        if m is None:
            if value_col is not None and not texts[value_col]:
                continue
            ctx.problems.add("target_table", f"table row {' | '.join(texts)!r} on page "
                             f"{ctx.cl.page(span[0])}: no single number found; not recorded",
                             *span, severity="warning")
            continue
        unit_zh = m.group("unit") or _table_unit(texts, header, unit_col, value_col, indicator)
        if not unit_zh:
            ctx.problems.add("target_no_unit", f"table row {' | '.join(texts)!r}: the value has "
                             "no unit; recorded with an empty unit", *span, severity="warning")
        cell_start, cell_end = cells[value_col][1], cells[value_col][2]
        out.append(_target_dict(ctx, indicator=_UNIT_NOTE.sub("", indicator).strip(),
                                pre=m.group("pre") or "", suffix=m.group("suf") or "",
                                value=float(m.group("num")), unit_zh=unit_zh, qualifier="",
                                sentence=span, match=(cell_start, cell_end), from_table=True,
                                year=year))
    return out


def _table_unit(texts: list[str], header: list | None, unit_col: int | None, value_col: int,
                indicator: str) -> str:
    if unit_col is not None and unit_col < len(texts) and texts[unit_col] not in ("", "-", "—"):
        return texts[unit_col]
    for cell in ([header[value_col]] if header and value_col < len(header) else []) + [indicator]:
        note = _UNIT_NOTE.search(cell)
        if note:
            return note.group(1)
    return ""


# --------------------------------------------------------------------------- coverage


def _placed(ctx: _Context, measures: pd.DataFrame, targets: pd.DataFrame) -> dict[str, int]:
    """Characters (not counting white space) of the cleaned text by where they were placed."""
    cl, body = ctx.cl, ctx.body
    label = [""] * len(cl.text)

    def mark(start: int, end: int, what: str) -> None:
        for i in range(max(start, 0), min(end, len(label))):
            if not label[i]:
                label[i] = what

    for node in ctx.nodes:
        if node.kind != "measure":
            mark(node.start, node.name_end or node.marker_end, "headings")
    for node in ctx.nodes:
        if node.kind == "measure":
            mark(node.start, node.end, "measures")
    for s, e, _ in _table_rows(cl, body):
        mark(s, e, "tables")
    offsets = cl.offsets
    for s, e in zip(targets.get("char_start", []), targets.get("char_end", [])):
        mark(bisect.bisect_left(offsets, s), bisect.bisect_left(offsets, e), "targets")
    for node in ctx.nodes:
        if node.role != "task":
            mark(node.start, node.end, "non-task sections")
    counts: dict[str, int] = {}
    for i, c in enumerate(cl.text):
        if c.isspace():
            continue
        what = label[i] or ("front matter" if i < body.start else
                            "after the cut" if i >= body.end else "not placed")
        counts[what] = counts.get(what, 0) + 1
    return counts


# --------------------------------------------------------------------------- 5. a data folder


def add_to_data(parsed: ParsedPlan | str | os.PathLike, *, out_dir: str | os.PathLike,
                plan_id: str | None = None, data_dir: str | os.PathLike | None = None) -> str:
    """Write a full data folder: the shipped data with a parsed plan added or extended.

    This is how a user who holds a fuller copy of a shipped plan (all 24
    pages of the 2016 plan, say) runs every figure, notebook and comparison
    on it: ``jxplan parse FULL.pdf --plan-id jx-2016 --data-out mydata``, or
    this function, then ``JXPLAN_DATA_DIR=mydata``.

    For a plan id that is not shipped, the plan's row goes into
    ``plans.csv`` and its action areas, measures and targets are appended.
    For a shipped plan id, the parsed tables *extend* the shipped plan:

    - a shipped row that the document confirms (same number and name or
      title) is kept as it is, with its shipped provenance;
    - what only the document gives -- action-area names missing from the
      shipped data, measures and targets beyond the shipped ones, a measure
      the shipped text had cut off -- is added with the document as its
      ``source_url`` (``file:<name>`` unless a URL was given);
    - where the document and the shipped data disagree, the shipped value is
      kept and the disagreement is listed in the returned report.

    Parameters
    ----------
    parsed : ParsedPlan or path
        A parsed plan, or a document to parse with :func:`parse_plan_file`
        (then ``plan_id`` is required).
    out_dir : path
        The data folder to write (created; files in it are replaced).
    plan_id : str, optional
        For a document path: the plan id.
    data_dir : path, optional
        The data to start from (default: the shipped data).

    Returns
    -------
    str
        A report: what was kept, added and found to disagree.

    Examples
    --------
    >>> import tempfile
    >>> text = "示例县2031年接轨上海工作要点\\n一、主要任务\\n1.深化产业合作。正文。\\n"
    >>> plan = parse_plan_text(text, plan_id="demo-2031", source_url="file:demo.txt")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     print(add_to_data(plan, out_dir=tmp).splitlines()[0])
    ...     from jxplan.validate import validate
    ...     validate(data_dir=tmp, geo=False).ok
    demo-2031: a new plan: 1 plans row, 0 action area(s), 1 measure(s), 0 target(s) added
    True
    """
    import shutil

    from jxplan.settings import data_dir as _default_dir

    if not isinstance(parsed, ParsedPlan):
        if plan_id is None:
            raise ValueError("add_to_data: give plan_id= with a document path")
        parsed = parse_plan_file(parsed, plan_id=plan_id)
    source = Path(data_dir) if data_dir is not None else _default_dir()
    out = Path(out_dir)
    if out.resolve() == source.resolve():
        raise ValueError(f"add_to_data: {out} is the data folder itself; write to another folder")
    shutil.copytree(source, out, dirs_exist_ok=True)
    shipped = {name: pd.read_csv(source / f"{name}.csv", dtype=str, keep_default_na=False)
               for name in ("plans", "actions", "measures", "targets")}
    new = {name: _csv_ready(frame).astype(str).replace({"<NA>": "", "nan": ""})
           for name, frame in parsed.tables().items()}
    # the rows read from the user's document were checked against it today
    today = _dt.date.today().isoformat()
    for frame in new.values():
        if "confidence" in frame.columns:
            frame["checked"] = today
    pid = parsed.plan_id
    if pid in set(shipped["plans"]["plan_id"]):
        merged, lines = _extend_shipped(shipped, new, pid, parsed)
    else:
        merged = {name: pd.concat([shipped[name], new["plan" if name == "plans" else name]
                                   .loc[:, list(shipped[name].columns)]], ignore_index=True)
                  for name in shipped}
        lines = [f"{pid}: a new plan: 1 plans row, {len(new['actions'])} action area(s), "
                 f"{len(new['measures'])} measure(s), {len(new['targets'])} target(s) added"]
    for name, frame in merged.items():
        frame.to_csv(out / f"{name}.csv", index=False, encoding="utf-8")
    lines.append(f"wrote a full data folder to {out}; set JXPLAN_DATA_DIR={out} to use it")
    return "\n".join(lines)


def _extend_shipped(shipped: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame], pid: str,
                    parsed: ParsedPlan) -> tuple[dict[str, pd.DataFrame], list[str]]:
    src = parsed.source_url or "the document"
    lines = [f"{pid}: extending the shipped plan with {src}"]
    out = {k: v.copy() for k, v in shipped.items()}
    # action areas: by number
    acts = out["actions"]
    added = kept = filled = 0
    for row in new["actions"].to_dict("records"):
        mask = (acts["plan_id"] == pid) & (acts["action_no"] == row["action_no"])
        if not mask.any():
            acts = pd.concat([acts, pd.DataFrame([row])[acts.columns]], ignore_index=True)
            added += 1
            continue
        i = acts.index[mask][0]
        if not acts.at[i, "name_zh"]:
            acts.loc[i, ["name_zh", "in_held_text", "source_url", "confidence", "checked"]] = [
                row["name_zh"], "true", row["source_url"], row["confidence"], row["checked"]]
            filled += 1
        elif acts.at[i, "name_zh"] == row["name_zh"]:
            kept += 1
        else:
            lines.append(f"  action {row['action_no']}: shipped name {acts.at[i, 'name_zh']!r}, "
                         f"the document says {row['name_zh']!r}; kept the shipped one")
    out["actions"] = acts
    lines.append(f"  action areas: {kept} confirmed, {filled} named from the document, "
                 f"{added} added")
    # measures: by number
    meas = out["measures"]
    added = kept = completed = 0
    for row in new["measures"].to_dict("records"):
        mask = (meas["plan_id"] == pid) & (meas["measure_no"] == row["measure_no"])
        if not mask.any():
            meas = pd.concat([meas, pd.DataFrame([row])[meas.columns]], ignore_index=True)
            added += 1
            continue
        i = meas.index[mask][0]
        if meas.at[i, "title_zh"] != row["title_zh"]:
            lines.append(f"  measure {row['measure_no']}: shipped title {meas.at[i, 'title_zh']!r},"
                         f" the document says {row['title_zh']!r}; kept the shipped one")
            continue
        kept += 1
        if meas.at[i, "text_complete"] == "false" and row["text_complete"] == "true":
            meas.at[i, "text_complete"] = "true"
            completed += 1
            lines.append(f"  measure {row['measure_no']}: its text, cut off in the shipped "
                         f"source, is complete in {src}")
    out["measures"] = meas
    lines.append(f"  measures: {kept} confirmed ({completed} completed), {added} added")
    # targets: the same indicator, value and unit is the same target
    tgts = out["targets"]
    own = tgts[tgts["plan_id"] == pid]
    seen = set(zip(own["indicator_zh"], own["value"], own["unit"]))
    numbers = [int(m.group(1)) for m in (re.search(r"-t(\d+)$", t) for t in own["target_id"]) if m]
    next_no = max(numbers, default=0) + 1
    added = kept = 0
    for row in new["targets"].to_dict("records"):
        if (row["indicator_zh"], row["value"], row["unit"]) in seen:
            kept += 1
            continue
        row["target_id"] = f"{pid}-t{next_no}"
        next_no += 1
        tgts = pd.concat([tgts, pd.DataFrame([row])[tgts.columns]], ignore_index=True)
        added += 1
    out["targets"] = tgts
    lines.append(f"  targets: {kept} confirmed, {added} added")
    if not parsed.truncated:
        plans = out["plans"]
        i = plans.index[plans["plan_id"] == pid][0]
        plans.at[i, "text_held"] = "full"
        plans.at[i, "note_en"] = (plans.at[i, "note_en"] + " " if plans.at[i, "note_en"] else "") \
            + f"Extended from a full copy of the text ({src}) by jxplan parse."
        lines.append("  plans: text_held is now full")
    return out, lines
