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

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["ParsedPlan", "PlanTextError", "parse_plan_text", "parse_plan_file", "write_parsed",
           "ACTION_COLUMNS", "MEASURE_COLUMNS", "TARGET_COLUMNS", "PROBLEM_COLUMNS"]

#: Column order of the shipped ``actions.csv``.
ACTION_COLUMNS = ("plan_id", "action_id", "action_no", "numeral_zh", "name_zh", "name_en",
                  "in_held_text", "source_url", "confidence")
#: Column order of the shipped ``measures.csv``.
MEASURE_COLUMNS = ("plan_id", "measure_id", "action_id", "measure_no", "title_zh", "title_en",
                   "summary_en", "scope", "adcodes", "source_section", "source_page",
                   "text_complete", "source_url", "confidence")
#: Column order of the shipped ``targets.csv``.
TARGET_COLUMNS = ("plan_id", "target_id", "goal_id", "indicator_zh", "indicator_en", "comparator",
                  "comparator_zh", "value", "unit", "unit_zh", "year", "source_section",
                  "source_page", "source_url", "confidence")
#: Column order of ``problems.csv``.
PROBLEM_COLUMNS = ("kind", "message", "char_start", "char_end")
PART_COLUMNS = ("plan_id", "level", "no", "numeral_zh", "name_zh", "part_numeral_zh",
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
        ``kind, message, char_start, char_end`` and ``severity``
        (``error``: the tables may be wrong; ``warning``: worth a look).

    Examples
    --------
    >>> text = "一、重点任务\\n（一）规划对接行动\\n1.联合编制规划。正文。\\n"
    >>> plan = parse_plan_text(text, plan_id="demo")
    >>> plan.summary()
    'demo: 1 part(s), 1 action area(s), 1 measure(s), 0 target(s), no problems'
    >>> sorted(plan.tables())
    ['actions', 'measures', 'problems', 'targets']
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

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables in the shipped CSV layout (no extra columns).

        Returns
        -------
        dict of str to pandas.DataFrame
            ``actions``, ``measures``, ``targets`` and ``problems``.

        Examples
        --------
        >>> plan = parse_plan_text("一、目标\\n引进项目20个以上。\\n", plan_id="demo")
        >>> list(plan.tables()["targets"].columns) == list(TARGET_COLUMNS)
        True
        """
        return {"actions": self.actions.loc[:, list(ACTION_COLUMNS)],
                "measures": self.measures.loc[:, list(MEASURE_COLUMNS)],
                "targets": self.targets.loc[:, list(TARGET_COLUMNS)],
                "problems": self.problems.loc[:, list(PROBLEM_COLUMNS)]}

    def summary(self) -> str:
        """Return a short account of what was read, one problem per line.

        Examples
        --------
        >>> plan = parse_plan_text("一、任务\\n1.甲项。正文", plan_id="demo")
        >>> print(plan.summary())  # doctest: +ELLIPSIS
        demo: 1 part(s), 0 action area(s), 1 measure(s) (1 cut off), 0 target(s), 1 problem(s)
          - truncated: the text breaks off mid-sentence on page 1...
        """
        cut = int((~self.measures["text_complete"].astype(bool)).sum())
        name = f"{self.plan_id} 《{self.title}》" if self.title else self.plan_id
        counts = (f"{name}: {(self.parts['level'] == 1).sum()} part(s), "
                  f"{len(self.actions)} action area(s), {len(self.measures)} measure(s)"
                  + (f" ({cut} cut off)" if cut else "") + f", {len(self.targets)} target(s), ")
        if self.problems.empty:
            return counts + "no problems"
        lines = [f"  - {k}: {m}" for k, m in zip(self.problems["kind"], self.problems["message"])]
        return "\n".join([counts + f"{len(self.problems)} problem(s)", *lines])


# --------------------------------------------------------------------------- public API


def parse_plan_text(text: str, *, plan_id: str, source_url: str | None = None,
                    year: int | None = None, strict: bool = False) -> ParsedPlan:
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
        The plan year, written into the targets' ``year`` column.
    strict : bool, default False
        Raise :class:`PlanTextError` when a structural problem (severity
        ``error``) was found, instead of returning the tables with it.

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
    nodes = _scan_structure(cl, body, problems)
    _classify_sections(nodes, problems)
    ctx = _Context(plan_id=plan_id, source_url=source_url or "", year=year, cl=cl, body=body,
                   nodes=nodes, problems=problems)
    parsed = ParsedPlan(
        plan_id=plan_id, title=body.title, source_url=ctx.source_url, year=year,
        truncated=body.truncated, parts=_part_rows(ctx), actions=_action_rows(ctx),
        measures=_measure_rows(ctx), targets=_target_rows(ctx), problems=problems.frame())
    if strict and (parsed.problems["severity"] == "error").any():
        raise PlanTextError(plan_id, parsed.problems)
    return parsed


def parse_plan_file(path: str | os.PathLike, *, plan_id: str, source_url: str | None = None,
                    year: int | None = None, encoding: str | None = None,
                    strict: bool = False) -> ParsedPlan:
    """Read a plan text file (UTF-8, or GB18030 as Chinese Windows saves it).

    Parameters
    ----------
    path : path
        The text file.
    plan_id, source_url, year, strict
        As for :func:`parse_plan_text`.
    encoding : str, optional
        Force an encoding; by default UTF-8 (with or without BOM) is tried
        first, then GB18030.

    Returns
    -------
    ParsedPlan
        Offsets index the decoded text.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     file = Path(tmp) / "plan.txt"
    ...     _ = file.write_bytes("一、重点任务\\n1.编制规划。正文。\\n".encode("gb18030"))
    ...     parse_plan_file(file, plan_id="demo").measures["title_zh"].tolist()
    ['编制规划']
    """
    raw = Path(path).read_bytes()
    if encoding is None:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
    else:
        text = raw.decode(encoding)
    return parse_plan_text(text, plan_id=plan_id, source_url=source_url, year=year, strict=strict)


def write_parsed(parsed: ParsedPlan, *, out_dir: str | os.PathLike) -> list[Path]:
    """Write ``actions.csv``, ``measures.csv``, ``targets.csv`` (and ``problems.csv``).

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
    ['actions.csv', 'measures.csv', 'targets.csv']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = parsed.tables()
    names = ["actions", "measures", "targets"] + (["problems"] if len(tables["problems"]) else [])
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
_ZH_NUMERAL = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_PAGE_MARKER = re.compile(
    r"—\s?\d{1,4}\s?—"                                                 # —15— anywhere
    r"|^[ \t　]*[-－–]{1,2}[ \t　]*\d{1,4}[ \t　]*[-－–]{1,2}[ \t　]*$"  # -3- on its own line
    r"|^[ \t　]*第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?[ \t　]*$"
    r"|\f", re.M)
_CHUNK_PREFIX = re.compile(r"^[ \t　]*(\d{1,3})、", re.M)
_EDGE_SPACE = re.compile(r"^[ \t　\u00a0]+|[ \t　\u00a0]+$", re.M)
_LINE_MARKER = re.compile(
    rf"(?:{_ZH_NUMERAL}、|[(（]{_ZH_NUMERAL}[)）]|[(（]\d{{1,2}}[)）]|\d{{1,2}}\.(?!\d))")
_TITLE_LINE = re.compile(r"^[^。，,；;：:]{2,60}?(?:实施方案|行动计划|工作方案|实施意见|工作要点)$")
_TABLE_SEP = re.compile(r"[|｜\t]")


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
    markers = [(m.start(), m.end()) for m in _PAGE_MARKER.finditer(text)]
    breaks = [offsets[s] for s, _ in markers]
    text, offsets = _drop(text, offsets, markers)
    for find in (_chunk_prefix_spans, _edge_space_spans, _newline_spans):
        text, offsets = _drop(text, offsets, find(text))
    page_breaks = tuple(bisect.bisect_left(offsets, b, 0, len(text)) for b in breaks)
    return _Cleaned(text, text.translate(_FULLWIDTH), tuple(offsets), page_breaks)


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
    spans, pos = [], 0
    for k, line in enumerate(lines[:-1]):
        end = pos + len(line)
        following = next((x for x in lines[k + 1:] if x), "")
        if not _keep_break(line, following):
            spans.append((end, end + 1))
        pos = end + 1
    return spans


def _keep_break(line: str, following: str) -> bool:
    if not line:
        return False
    return (_ends_sentence(line, _LINE_END) or _is_heading_line(line) or _is_table_row(line)
            or bool(_TITLE_LINE.match(line)) or _starts_with_marker(following)
            or _is_table_row(following))


def _ends_sentence(text: str, ends: str = _SENT_END) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in ends


def _starts_with_marker(line: str) -> bool:
    return bool(_LINE_MARKER.match(line.translate(_FULLWIDTH)))


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
        self.rows.append({"kind": kind, "message": message, "char_start": char_start,
                          "char_end": char_end, "severity": severity})

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows, columns=[*PROBLEM_COLUMNS, "severity"])
        frame = frame.sort_values("char_start", kind="stable").reset_index(drop=True)
        return frame.astype({"char_start": "int64", "char_end": "int64"})


# --------------------------------------------------------------------------- 2. headings

_PART_RE = re.compile(rf"({_ZH_NUMERAL})、")
_SECTION_RE = re.compile(rf"[(（]({_ZH_NUMERAL})[)）]")
_MEASURE_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(?!\d)")
_SUBITEM_RE = re.compile(r"[(（](\d{1,2})[)）]")
_TRUNCATION = re.compile(
    r"当前文档最多预览|下载文档查看全文|还剩\s*\d+\s*页未读|继续阅读全文|点击(?:查看|阅读)全文"
    r"|展开阅读全文|此文档下载收益归作者所有|本文档由用户上传|阅读已结束")
_TITLE_RE = re.compile(r"[^。，,；;：:《》“”\n]{2,60}?(?:实施方案|行动计划|工作方案|实施意见|工作要点)")
_DATE_LINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日$")
_NAME_STOP = re.compile(rf"[\n。，,：:；;]|[(（]{_ZH_NUMERAL}[)）]|(?<![\d.])\d{{1,2}}\.(?!\d)")
_NAME_SUFFIX = re.compile(
    r".{0,20}?(?:行动|目标|任务|措施|保障|要求|机制|原则|思路|工程|领域|计划)+")
_MAX_NAME = 30
_MIN_RUN_ON = 3  # a name ending (行动…) is a cut only when this much text follows it
_MAX_GAP = 3  # a number may skip at most this many before it is read as text
_LEVEL = {"part": "part", "section": "action area", "measure": "measure"}


@dataclass(frozen=True)
class _Body:
    start: int
    end: int
    truncated: bool
    title: str


@dataclass
class _Node:
    """An accepted heading or measure marker (cleaned offsets)."""

    kind: str          # "part", "section", "action" or "measure"
    no: int
    numeral: str       # as written: "二" or "4"
    start: int
    marker_end: int
    name: str = ""
    name_end: int = 0
    part: int | None = None      # index of the enclosing part node
    section: int | None = None   # index of the enclosing section/action node
    end: int = 0

    def label(self) -> str:
        return f"{self.numeral}、" if self.kind == "part" else (
            f"({self.numeral})" if self.kind in ("section", "action") else f"{self.numeral}.")


def _find_body(cl: _Cleaned, problems: _Problems) -> _Body:
    """Locate the plan body: from the first part heading to a preview cut."""
    first_part = _body_start(cl, problems)
    start = first_part or 0
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
    title = _find_title(cl, end if first_part is None else start)
    if first_part is None and title:
        start = cl.text.find(title) + len(title)
    return _Body(start, end, truncated, title)


def _body_start(cl: _Cleaned, problems: _Problems) -> int | None:
    """Offset of the first part heading (一、 preferred), None without parts."""
    first_any = None
    for m in _PART_RE.finditer(cl.norm):
        if not _at_boundary(cl.norm, m.start(), set()):
            continue
        if _zh_to_int(m.group(1)) == 1:
            return m.start()
        first_any = m if first_any is None else first_any
    if first_any is not None:
        problems.add("part_sequence", f"no part 一、 was found; reading from "
                     f"{first_any.group()} on page {cl.page(first_any.start())}",
                     first_any.start(), first_any.end())
        return first_any.start()
    problems.add("no_parts", "no part headings (一、二、…) found: reading the text after the "
                 "title (or all of it) as one part", 0, 0, severity="warning")
    return None


def _ends_complete(body: str) -> bool:
    last_line = body.rstrip().rsplit("\n", 1)[-1]
    return (_ends_sentence(last_line) or _is_table_row(last_line)
            or bool(_DATE_LINE.search(last_line)))


def _find_title(cl: _Cleaned, limit: int) -> str:
    """The last plan-like title that starts at a boundary before ``limit``."""
    starts = sorted({0, *cl.page_breaks, *(i + 1 for i, c in enumerate(cl.text[:limit])
                                           if c in "\n。")})
    best = ""
    for s in starts:
        m = _TITLE_RE.match(cl.text, s, limit)
        if m and cl.text[m.end():m.end() + 1] != "》":
            best = m.group()
    return best


def _at_boundary(norm: str, pos: int, heading_ends: set[int]) -> bool:
    """Whether a marker at ``pos`` starts a sentence or follows a heading."""
    j = pos
    while j > 0 and norm[j - 1] in " \t":
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


def _candidates(norm: str, start: int, end: int) -> list[tuple[int, str, int, str, int]]:
    found = [(m.start(), "part", _zh_to_int(m.group(1)), m.group(1), m.end())
             for m in _PART_RE.finditer(norm, start, end)]
    found += [(m.start(), "section", _zh_to_int(m.group(1)), m.group(1), m.end())
              for m in _SECTION_RE.finditer(norm, start, end)]
    found += [(m.start(), "measure", int(m.group(1)), m.group(1), m.end())
              for m in _MEASURE_RE.finditer(norm, start, end)]
    return sorted(found)


@dataclass
class _ScanState:
    nodes: list[_Node] = field(default_factory=list)
    heading_ends: set[int] = field(default_factory=set)
    part: int | None = None
    section: int | None = None
    last: dict[str, int] = field(default_factory=lambda: {"part": 0, "section": 0, "measure": 0})
    moved: bool = True  # a new part or section since the last measure


def _scan_structure(cl: _Cleaned, body: _Body, problems: _Problems) -> list[_Node]:
    """Accept the heading and measure markers of the body, in order."""
    st = _ScanState()
    for start, kind, no, numeral, marker_end in _candidates(cl.norm, body.start, body.end):
        if not _at_boundary(cl.norm, start, st.heading_ends):
            continue
        node = _Node(kind, no, numeral, start, marker_end, part=st.part, section=st.section)
        if not _continues_numbering(node, st, cl, problems):
            continue
        if kind != "measure":
            _name_heading(node, cl, body.end, problems)
            st.heading_ends.add(node.name_end)
        _enter(node, st)
    for i, node in enumerate(st.nodes):
        node.end = _node_end(st.nodes, i, body.end)
    return st.nodes


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


def _name_heading(node: _Node, cl: _Cleaned, limit: int, problems: _Problems) -> None:
    """Read a heading's name: to the line end or the next marker; in a copy
    that has lost its line breaks, to a name ending such as 行动/目标 that is
    followed by running text, else to the first 。."""
    start = node.marker_end
    while start < limit and cl.text[start] in " \t":
        start += 1
    window = cl.norm[start:min(limit, start + _MAX_NAME)]
    stop = _NAME_STOP.search(window)
    cut = stop.start() if stop else len(window)
    clear = stop is not None and (stop.group() == "\n" or len(stop.group()) > 1)
    if not clear:
        suffix = _NAME_SUFFIX.match(window[:cut])
        if suffix and cut - suffix.end() >= _MIN_RUN_ON:
            cut, clear = suffix.end(), True
        else:
            clear = (stop is not None and stop.group() == "。") or start + len(window) == limit
    node.name, node.name_end = cl.text[start:start + cut].strip(), start + cut
    if not clear or not node.name:
        problems.add("heading_name", f"the name of {node.label()} on page {cl.page(node.start)} "
                     f"may run into its text: {node.name!r}", node.start, node.name_end,
                     severity="warning")


def _node_end(nodes: list[_Node], i: int, body_end: int) -> int:
    """A node ends where the next node of the same or a higher level starts."""
    rank = {"part": 0, "section": 1, "action": 1, "measure": 2}
    for later in nodes[i + 1:]:
        if rank[later.kind] <= rank[nodes[i].kind]:
            return later.start
    return body_end


def _classify_sections(nodes: list[_Node], problems: _Problems) -> None:
    """Sections become action areas in the parts that hold the measures.

    With no measures at all, sections named …行动 (else all sections) are
    taken as action areas.  Action numbers must be unique in a plan: when a
    later part starts again at （一）, all action areas are renumbered in
    order and a warning says so.
    """
    sections = [n for n in nodes if n.kind == "section"]
    parts = {n.part for n in nodes if n.kind == "measure"}
    if not parts:
        parts = {n.part for n in sections if "行动" in n.name} or {n.part for n in sections}
    actions = [n for n in sections if n.part in parts]
    for n in actions:
        n.kind = "action"
    if len({n.no for n in actions}) < len(actions):
        problems.add("action_renumbered", "action-area numbering restarts in a later part; "
                     "action_no counts all action areas in order", actions[0].start,
                     actions[0].marker_end, severity="warning")
        for k, n in enumerate(actions, start=1):
            n.no = k


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

    def enclosing(self, node: _Node) -> tuple[_Node | None, _Node | None]:
        """The node's part and its action area (None when not an action)."""
        part = self.nodes[node.part] if node.part is not None else None
        section = self.nodes[node.section] if node.section is not None else None
        return part, section if section is not None and section.kind == "action" else None

    def base(self) -> dict:
        return {"plan_id": self.plan_id, "source_url": self.source_url, "confidence": _CONFIDENCE}


def _section_label(part: _Node | None, action: _Node | None, measure: _Node | None) -> str:
    """``二、(二) 4.``, ``二、4.``, ``一、工作目标`` (part name when nothing below)."""
    label = f"{part.numeral}、" if part else ""
    if action:
        label += f"({action.numeral})"
    if measure:
        label += (" " if action else "") + f"{measure.numeral}."
    if part and not action and not measure:
        label += part.name
    return label


def _part_rows(ctx: _Context) -> pd.DataFrame:
    rows = []
    for node in ctx.nodes:
        if node.kind not in ("part", "section"):
            continue
        part, _ = ctx.enclosing(node)
        start, end = ctx.cl.span(node.start, node.end)
        rows.append({"plan_id": ctx.plan_id, "level": 1 if node.kind == "part" else 2,
                     "no": node.no, "numeral_zh": node.numeral, "name_zh": node.name,
                     "part_numeral_zh": part.numeral if part else "",
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

_MAX_TITLE = 40


def _measure_rows(ctx: _Context) -> pd.DataFrame:
    measures = [n for n in ctx.nodes if n.kind == "measure"]
    scoped = len({n.no for n in measures}) < len(measures)
    rows = [_measure_row(ctx, node, scoped) for node in measures]
    if not measures and ctx.body.end > ctx.body.start:
        ctx.problems.add("no_measures", "no numbered measures (1. 2. …) found", ctx.body.start,
                         ctx.body.start, severity="warning")
    extra = ["part_numeral_zh", "action_numeral_zh", "n_subitems", "char_start", "char_end",
             "title_start", "title_end", "text_zh"]
    return pd.DataFrame(rows, columns=[*MEASURE_COLUMNS, *extra])


def _measure_row(ctx: _Context, node: _Node, scoped: bool) -> dict:
    cl = ctx.cl
    part, action = ctx.enclosing(node)
    _check_placed(ctx, node, part, action)
    title, t_start, t_end = _measure_title(ctx, node)
    start, end = cl.span(node.start, node.end)
    title_start, title_end = cl.span(t_start, t_end)
    complete = not (ctx.body.truncated and node.end >= ctx.body.end)
    return {**ctx.base(), "measure_id": _measure_id(ctx.plan_id, node, part, action, scoped),
            "action_id": f"{ctx.plan_id}-a{action.no}" if action else "",
            "measure_no": node.no, "title_zh": title, "title_en": "", "summary_en": "",
            "scope": "", "adcodes": "", "source_section": _section_label(part, action, node),
            "source_page": cl.page(node.start), "text_complete": complete,
            "part_numeral_zh": part.numeral if part else "",
            "action_numeral_zh": action.numeral if action else "",
            "n_subitems": len(_SUBITEM_RE.findall(cl.norm, node.marker_end, node.end)),
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
    """The title: from the number to the first 。 (exclusive), else ""."""
    cl = ctx.cl
    start = node.marker_end
    while start < node.end and cl.text[start] in " \t":
        start += 1
    stop = cl.text.find("。", start, node.end)
    candidate = cl.text[start:stop if stop >= 0 else node.end]
    line = candidate.split("\n", 1)[0]
    where = f"measure {node.no}. on page {cl.page(node.start)}"
    if stop >= 0 and "\n" not in candidate and len(candidate) <= _MAX_TITLE:
        if re.search("[，,]", candidate):
            ctx.problems.add("title_end", f"{where}: its title {candidate!r} holds a comma; "
                             "check that no 。 is missing", start, stop, severity="warning")
        return candidate, start, stop
    if stop < 0 and ctx.body.truncated and node.end >= ctx.body.end and "\n" not in candidate:
        why = "the text breaks off before its closing 。"
    else:
        why = "no 。 closes its title" + (" on its line" if "\n" in candidate else
                                          f" within {_MAX_TITLE} characters")
    ctx.problems.add("title_end", f"{where}: {why}; title left empty (it reads "
                     f"{line[:_MAX_TITLE]!r})", node.start, start + len(line))
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
_SCALE = {"万": "10k", "亿": "100m", "千": "1k"}
_SPECIAL_UNITS = {"亿元": "cny_100m", "万元": "cny_10k", "万人": "persons_10k"}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_NUMBER = r"(?<![\d.第A-Za-z])(?P<num>\d+(?:\.\d+)?)"
_TARGET_RE = re.compile(
    rf"{_NUMBER}\s?(?:(?P<unit>(?:[万亿千])?(?:{_UNIT_ALT}))(?!月|工作日)"
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
_CLAUSE_END = "，,；;：:" + _SENT_END + "\n"
_QUALIFIERS = ("力争", "争取")


def _target_rows(ctx: _Context) -> pd.DataFrame:
    tables = _table_rows(ctx.cl, ctx.body)
    found = _table_targets(ctx, tables) + _prose_targets(ctx, tables)
    found.sort(key=lambda row: row["match_start"])
    for n, row in enumerate(found, start=1):
        row["target_id"] = f"{ctx.plan_id}-t{n}"
    extra = ["qualifier_zh", "from_table", "char_start", "char_end", "match_start", "match_end"]
    frame = pd.DataFrame(found, columns=[*TARGET_COLUMNS, *extra])
    frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
    return frame.astype({"value": "float64"})


def _unit_en(unit_zh: str) -> str:
    if unit_zh in _SPECIAL_UNITS:
        return _SPECIAL_UNITS[unit_zh]
    if unit_zh in _UNITS:
        return _UNITS[unit_zh]
    if unit_zh[:1] in _SCALE and unit_zh[1:] in _UNITS:
        return f"{_UNITS[unit_zh[1:]]}_{_SCALE[unit_zh[0]]}"
    return unit_zh


def _prose_targets(ctx: _Context, tables: list[tuple[int, int, list]]) -> list[dict]:
    """Number + unit (+ 以上/以内…) in the body's sentences, tables excluded."""
    cl, rows = ctx.cl, []
    in_table = [(s, e) for s, e, _ in tables]
    covered: list[tuple[int, int]] = []
    prev_end = ctx.body.start
    for m in _TARGET_RE.finditer(cl.norm, ctx.body.start, ctx.body.end):
        if any(s <= m.start() < e for s, e in in_table):
            continue
        unit_zh = cl.text[m.start("unit"):m.end("unit")] if m.group("unit") else m.group("other")
        clause = max(_last_index(cl.norm, _CLAUSE_END, m.start()) + 1, prev_end)
        rows.append(_target_row(ctx, m, unit_zh, clause))
        covered.append((m.start(), m.end()))
        prev_end = m.end()
    _report_unitless(ctx, covered, in_table)
    return rows


def _target_row(ctx: _Context, m: re.Match, unit_zh: str, clause: int) -> dict:
    cl = ctx.cl
    lead = cl.text[clause:m.start()].rstrip()
    pre = next((p for p in _PREFIX_LONGEST_FIRST if lead.endswith(p)), "")
    indicator = lead[:len(lead) - len(pre)].strip().lstrip("、和及与并 ")
    qualifier = next((q for q in _QUALIFIERS if indicator.startswith(q)), "")
    indicator = indicator[len(qualifier):]
    sentence_start = _last_index(cl.norm, _SENT_END + "\n", m.start()) + 1
    qualifier = qualifier or next(
        (q for q in _QUALIFIERS if q in cl.text[sentence_start:m.start()]), "")
    suffix = m.group("suf") or ""
    return _target_dict(ctx, indicator=indicator, pre=pre, suffix=suffix,
                        value=float(m.group("num")), unit_zh=unit_zh, qualifier=qualifier,
                        sentence=(sentence_start, _sentence_end(cl.norm, m.end(), ctx.body.end)),
                        match=(m.start(), m.end()), from_table=False)


def _target_dict(ctx: _Context, *, indicator: str, pre: str, suffix: str, value: float,
                 unit_zh: str, qualifier: str, sentence: tuple[int, int],
                 match: tuple[int, int], from_table: bool) -> dict:
    cl = ctx.cl
    part, action, measure = _context_at(ctx.nodes, match[0])
    comparator = _SUFFIX[suffix] if suffix else _PREFIX.get(pre, "=")
    char_start, char_end = cl.span(*sentence)
    match_start, match_end = cl.span(*match)
    return {**ctx.base(), "target_id": "", "goal_id": "", "indicator_zh": indicator,
            "indicator_en": "", "comparator": comparator, "comparator_zh": suffix or pre,
            "value": value, "unit": _unit_en(unit_zh) if unit_zh else "", "unit_zh": unit_zh,
            "year": ctx.year if ctx.year is not None else pd.NA,
            "source_section": _section_label(part, action, measure),
            "source_page": cl.page(match[0]), "qualifier_zh": qualifier,
            "from_table": from_table, "char_start": char_start, "char_end": char_end,
            "match_start": match_start, "match_end": match_end}


def _report_unitless(ctx: _Context, covered: list[tuple[int, int]],
                     in_table: list[tuple[int, int]]) -> None:
    for m in _UNITLESS_RE.finditer(ctx.cl.norm, ctx.body.start, ctx.body.end):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in covered + in_table):
            continue
        number = m.group("num") or m.group("num2")
        ctx.problems.add("target_no_unit", f"{m.group()!r} on page {ctx.cl.page(m.start())} "
                         f"looks like a target but {number} has no unit; not recorded",
                         m.start(), m.end(), severity="warning")


def _context_at(nodes: list[_Node], pos: int) -> tuple[_Node | None, _Node | None, _Node | None]:
    """The part, action area and measure that hold cleaned offset ``pos``."""
    part = action = measure = None
    for node in nodes:
        if node.start > pos:
            break
        if node.kind == "part":
            part, action, measure = node, None, None
        elif node.kind in ("section", "action"):
            action, measure = (node if node.kind == "action" else None), None
        else:
            measure = node if pos < node.end else None
    return part, action, measure


def _last_index(text: str, chars: str, before: int) -> int:
    return max(text.rfind(c, 0, before) for c in chars)


def _sentence_end(norm: str, pos: int, limit: int) -> int:
    ends = [i for i in (norm.find(c, pos, limit) for c in _SENT_END + "\n") if i >= 0]
    return min(ends) + 1 if ends else limit


# ------------------------------------------------------------------ 4b. target tables

_CELL_RE = re.compile(r"^(?P<pre>≥|≤|>|<|＞|＜|不少于|不低于|不超过|超过|达到)?\s*"
                      r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]*?)\s*(?P<suf>以上|以下|以内|左右)?$")
_UNIT_NOTE = re.compile(r"[(（]([^()（）]{1,6})[)）]$")


def _table_rows(cl: _Cleaned, body: _Body) -> list[tuple[int, int, list]]:
    """Rows of ``|``/tab tables in the body: (start, end, [(cell, start, end)])."""
    rows, pos = [], body.start
    for line in cl.norm[body.start:body.end].split("\n"):
        if _is_table_row(line) and not re.fullmatch(r"[\s|｜:\-—]+", line):
            rows.append((pos, pos + len(line), _cells(line, pos)))
        pos += len(line) + 1
    return rows


def _cells(line: str, pos: int) -> list[tuple[str, int, int]]:
    """Cells with their offsets; empty cells inside the row are kept so that
    columns stay aligned, the empty edges of ``| a | b |`` are not."""
    bounds = [-1, *(m.start() for m in _TABLE_SEP.finditer(line)), len(line)]
    cells = []
    for a, b in zip(bounds, bounds[1:]):
        raw = line[a + 1:b]
        lead = len(raw) - len(raw.lstrip())
        cells.append((raw.strip(), pos + a + 1 + lead, pos + a + 1 + len(raw.rstrip())))
    if line.lstrip().startswith(("|", "｜")):
        cells = cells[1:]
    if line.rstrip().endswith(("|", "｜")):
        cells = cells[:-1]
    return cells


def _table_targets(ctx: _Context, rows: list[tuple[int, int, list]]) -> list[dict]:
    """One target per data row: indicator in the first text cell, the number
    in the first cell holding a digit; the unit from that cell, a 单位
    column, or a （单位） note in the header or indicator cell."""
    found, header = [], None
    for k, (start, end, cells) in enumerate(rows):
        if k == 0 or rows[k - 1][1] + 1 != start:
            header = None
        if not any(re.search(r"\d", c) for c, _, _ in cells[1:]):
            header = [c for c, _, _ in cells]
            continue
        row = _table_target(ctx, (start, end), cells, header)
        if row:
            found.append(row)
    return found


def _table_target(ctx: _Context, span: tuple[int, int], cells: list, header: list | None):
    texts = [c for c, _, _ in cells]
    first = 1 if re.fullmatch(r"\d+", texts[0]) and len(texts) > 2 else 0
    unit_col = next((i for i, h in enumerate(header or []) if "单位" in h), None)
    value_col = next((i for i in range(first + 1, len(texts))
                      if i != unit_col and re.search(r"\d", texts[i])), None)
    m = _CELL_RE.match(texts[value_col]) if value_col is not None else None
    if m is None:
        ctx.problems.add("target_table", f"table row {' | '.join(texts)!r} on page "
                         f"{ctx.cl.page(span[0])}: no single number found; not recorded",
                         *span, severity="warning")
        return None
    indicator = texts[first]
    unit_zh = m.group("unit") or _table_unit(texts, header, unit_col, value_col, indicator)
    indicator = _UNIT_NOTE.sub("", indicator).strip()
    if not unit_zh:
        ctx.problems.add("target_no_unit", f"table row {' | '.join(texts)!r}: the value has no "
                         "unit; recorded with an empty unit", *span, severity="warning")
    cell_start, cell_end = cells[value_col][1], cells[value_col][2]
    return _target_dict(ctx, indicator=indicator, pre=m.group("pre") or "",
                        suffix=m.group("suf") or "", value=float(m.group("num")),
                        unit_zh=unit_zh, qualifier="", sentence=span,
                        match=(cell_start, cell_end), from_table=True)


def _table_unit(texts: list[str], header: list | None, unit_col: int | None, value_col: int,
                indicator: str) -> str:
    if unit_col is not None and unit_col < len(texts) and texts[unit_col] not in ("", "-", "—"):
        return texts[unit_col]
    for cell in ([header[value_col]] if header and value_col < len(header) else []) + [indicator]:
        note = _UNIT_NOTE.search(cell)
        if note:
            return note.group(1)
    return ""
