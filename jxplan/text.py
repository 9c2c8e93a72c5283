"""Reading a plan as text: policy-instrument coding, terms and similarity.

The standard method of Chinese policy-text research codes a plan's measures
by policy instrument: Rothwell & Zegveld's supply-side (供给型),
environment-side (环境型) and demand-side (需求型) instruments, each with its
sub-types.  This module holds

* the codebook (:func:`load_instrument_codebook`) and the keyword dictionary
  behind the suggester (:func:`load_instrument_keywords`);
* jxplan's own coding of the held 2016 plan (:func:`load_instrument_codes`),
  which is a *judgement* (``coded_by == "jxplan"``), not a fact from a source;
* :func:`suggest_instruments`, a rule-based suggester for any plan, whose
  output is a list of suggestions for a human coder, with the terms that
  triggered each; :func:`coding_template` and :func:`load_coding` let a coder
  accept or change them and load the result back, validated;
* :func:`agreement`: Cohen's kappa between two codings, with the
  disagreements listed;
* text measures: :func:`user_dictionary` (every name jxplan knows, as a
  jieba or HanLP user dictionary), :func:`segment`, :func:`term_frequencies`
  and :func:`similarity` (TF-IDF cosine between two plans' measures).

What such numbers can say about seven measures is little: a count of codes
describes how the plan is *worded*, not what was done.

Texts are given as a :class:`pandas.Series` of strings indexed by unit id
(a measure or goal id).  :func:`unit_texts` cuts them from a plan's own text,
e.g. the preview a user holds; jxplan does not ship the plan's text.

Examples
--------
>>> import pandas as pd
>>> from jxplan import text
>>> texts = pd.Series({"m1": "编制完成嘉兴市轨道交通线网规划，抓紧推进沪乍杭铁路建设。"})
>>> text.suggest_instruments(texts)[["unit_id", "instrument_code", "terms"]]
  unit_id            instrument_code       terms
0      m1      supply-infrastructure  铁路;轨道交通;线网
1      m1  environment-goal-planning       规划;编制
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "INSTRUMENT_TYPES", "STOPWORDS", "CODER_CONVENTION", "load_instrument_codebook",
    "load_instrument_keywords", "load_instrument_codes", "unit_texts", "user_dictionary",
    "segment", "term_frequencies", "similarity", "compare_wording", "suggest_instruments",
    "coding_template",
    "load_coding", "agreement", "instrument_mix", "instrument_matrix",
]

#: The three instrument types, in the literature's order.
INSTRUMENT_TYPES: tuple[str, ...] = ("supply", "environment", "demand")

#: How jxplan codes (written down so that a second coder can follow it).
CODER_CONVENTION = (
    "v1: the unit is a measure (or a goal of the goals section), because the held text is not "
    "split into asks in the instrument coding. A unit gets one code per instrument it uses, "
    "as many as it uses; each code names the words of the plan that carry it (a short "
    "quotation with its section and page) and a reason in jxplan's words. A deliverable that "
    "is a plan, scheme or study is environment-goal-planning; building works are "
    "supply-infrastructure; a coordinating body or mechanism is environment-institutional; "
    "cooperation with Shanghai is coded demand-regional-cooperation only where the unit "
    "asks for joint work, not merely because it concerns Shanghai (every unit does)."
)

#: Words left out of term counts and ignored by the suggester.  They are the
#: plan's own frame (every measure links with Shanghai) and the verbs of
#: official style that carry no instrument: counting them would say only that
#: the plan is a Shanghai-linkage plan written in official style.
STOPWORDS: frozenset[str] = frozenset({
    "上海", "上海市", "嘉兴", "嘉兴市", "我市", "接轨", "对接", "深化", "推进", "推动", "加快", "加强",
    "积极", "着力", "全面", "进一步", "实现", "开展", "做好", "力争", "争取", "尽快", "尽早",
    "抓紧", "主动", "以及", "等", "和", "与", "及", "的", "在", "为", "对", "以", "一批", "相关",
    "方面", "重点", "工作", "进行", "形成", "建立", "完善", "健全", "不断", "领域", "等方面",
    "有关", "完成", "以上", "突破", "新突破",
})

_CJK = re.compile(r"[\u3400-\u9fff]")
_CHUNK = re.compile(r"\n+\d+、")
_BRACKET_TAIL = re.compile(r"(.+?)[（(]([^）)]+)[）)]")
_HEADING = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")
_JIEBA_WORD = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")  # what jieba keeps in one piece


# --------------------------------------------------------------------------- loaders
def load_instrument_codebook(*, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Return the codebook of policy instruments, indexed by ``instrument_code``.

    Three types (supply, environment, demand) with their sub-types, each with
    a definition in zh and en written by jxplan and the literature it follows.

    Examples
    --------
    >>> book = load_instrument_codebook()
    >>> sorted(book["instrument_type"].unique())
    ['demand', 'environment', 'supply']
    >>> book.loc["supply-infrastructure", "subtype_zh"]
    '基础设施建设'
    """
    from jxplan.io import read_table

    return read_table("instrument_codebook", data_dir=data_dir)


def load_instrument_keywords(*, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Return the suggester's keyword dictionary (one row per term and code).

    Examples
    --------
    >>> kw = load_instrument_keywords()
    >>> kw.index.names
    FrozenList(['instrument_code', 'term_zh'])
    >>> "规划" in kw.loc["environment-goal-planning"].index
    True
    """
    from jxplan.io import read_table

    return read_table("instrument_keywords", data_dir=data_dir)


def load_instrument_codes(*, plan_id: str | None = "jx-2016",
                          data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Return jxplan's instrument coding of a plan, indexed by ``coding_id``.

    Each row is a judgement by jxplan (``coded_by``), with the words of the
    plan that carry the code (``quote_zh``, a short quotation located by
    ``source_section`` and ``source_page``) and a reason in jxplan's words.

    Examples
    --------
    >>> codes = load_instrument_codes()
    >>> set(codes["coded_by"])
    {'jxplan'}
    >>> codes.loc["jx-2016-m04-i1", "instrument_code"]
    'supply-infrastructure'
    """
    from jxplan.io import read_table

    frame = read_table("instrument_codes", data_dir=data_dir)
    if plan_id is not None:
        frame = frame[frame["plan_id"] == plan_id]
    return frame


# --------------------------------------------------------------------------- texts
def unit_texts(text: str, *, plan_id: str = "jx-2016", data_dir: str | os.PathLike | None = None
               ) -> pd.Series:
    """Cut the text of each measure and goal of a shipped plan from its own text.

    The text is a copy of the plan a user holds (e.g. the preview).  Each
    measure runs from its numbered title to the next measure's (or the next
    part heading); each goal from its name to the next goal's.  Units whose
    title is not in the text are left out.

    Parameters
    ----------
    text : str
        The plan's text, as read from the user's file.
    plan_id : str
        The shipped plan whose measure titles and goal names anchor the cut.
    data_dir : path, optional
        Read the measures and goals from this data folder instead of the shipped one.

    Returns
    -------
    pandas.Series
        Text per unit id (``string`` dtype), in the plan's order.

    Examples
    --------
    >>> sample = ("一、工作目标基础设施互联互通实现新突破。建成交通网。"
    ...           "二、重点任务4.推进轨道铁路网建设。编制规划。")
    >>> units = unit_texts(sample)
    >>> units["jx-2016-g1"], units["jx-2016-m04"]
    ('基础设施互联互通实现新突破。建成交通网。', '4.推进轨道铁路网建设。编制规划。')
    """
    import pandas as pd

    from jxplan.io import load_goals, load_measures
    from jxplan.parse import _TRUNCATION  # the parser's own preview-cut markers

    flat = _CHUNK.sub("", "\n" + text).replace("\n", "").replace("\u3000", "")
    cut_at = _TRUNCATION.search(flat)
    if cut_at:
        flat = flat[:cut_at.start()]
    anchors: list[tuple[int, str]] = []
    for goal_id, row in load_goals(plan_id=plan_id, data_dir=data_dir).iterrows():
        pos = flat.find(str(row["name_zh"]))
        if pos >= 0:
            anchors.append((pos, str(goal_id)))
    for measure_id, row in load_measures(plan_id=plan_id, data_dir=data_dir).iterrows():
        title = f"{int(row['measure_no'])}.{row['title_zh']}"
        pos = flat.find(title)
        if pos >= 0:
            anchors.append((pos, str(measure_id)))
    anchors.sort()
    stops = [m.start() for m in _HEADING.finditer(flat)]
    out: dict[str, str] = {}
    for i, (pos, unit) in enumerate(anchors):
        end = anchors[i + 1][0] if i + 1 < len(anchors) else len(flat)
        cut = [s for s in stops if pos < s < end]
        out[unit] = flat[pos:cut[0] if cut else end]
    return pd.Series(out, dtype="string", name="text")


# --------------------------------------------------------------------------- dictionary
def _add_name(names: dict[str, str], value: Any, tag: str) -> None:
    text = "" if value is None else str(value).strip().strip("《》")
    if len(text) >= 2 and _CJK.search(text) and text not in names and text != "<NA>":
        names[text] = tag


def _county_names(folder: Path) -> list[str]:
    import json

    with open(folder / "counties.geojson", encoding="utf-8") as fh:
        return [str(f["properties"].get("name_zh") or "") for f in json.load(fh)["features"]]


@lru_cache(maxsize=4)
def _names(data_dir: str | None = None) -> dict[str, str]:
    """Every name jxplan knows, with a part-of-speech tag (ns place, nt body, nz other)."""
    from jxplan.io import load_plans, load_projects, load_waypoints
    from jxplan.settings import data_dir as _data_dir

    folder = Path(data_dir) if data_dir is not None else _data_dir()
    plans = load_plans(data_dir=folder)
    bodies = [b for v in plans["issuer_zh"].dropna() for b in re.split(r"[、，,；;]", str(v))]
    groups: list[tuple[str, Iterable[Any]]] = [
        ("nz", load_projects(geometry=False, data_dir=folder)["name_zh"].dropna()),
        ("ns", load_waypoints(geometry=False, data_dir=folder)["name_zh"].dropna()),
        ("ns", _county_names(folder)),
        ("nz", plans["title_zh"].dropna()),
        ("nt", bodies),
    ]
    names: dict[str, str] = {}
    for tag, values in groups:
        for value in values:
            _add_name(names, value, tag)
    # A plan writes 杭州湾跨海大桥北接线 without the data's qualifier （二期）: the name
    # without its bracketed tail, and a bracketed short name (沪乍杭高铁), are names too.
    for name, tag in list(names.items()):
        tail = _BRACKET_TAIL.fullmatch(name)
        if tail:
            _add_name(names, tail.group(1), tag)
            if len(tail.group(2)) >= 3:
                _add_name(names, tail.group(2), tag)
    return dict(sorted(names.items()))


def user_dictionary(*, fmt: str = "jieba", path: str | os.PathLike | None = None) -> str:
    """Return every project, place, plan and institution name as a user dictionary.

    jieba and HanLP split names such as 沪乍杭铁路 or 杭州湾跨海大桥北接线
    into pieces unless given them; this is the dictionary to give them.

    Parameters
    ----------
    fmt : {"jieba", "hanlp"}
        ``jieba``: ``word freq tag`` per line (``jieba.load_userdict``);
        ``hanlp``: ``word tag freq`` per line (HanLP's custom dictionary).
    path : path, optional
        Also write the text there (UTF-8, atomically).

    Returns
    -------
    str
        The dictionary, one name per line, sorted.

    Examples
    --------
    >>> lines = user_dictionary().splitlines()
    >>> any(line.startswith("沪乍杭铁路 ") for line in lines)
    True
    >>> user_dictionary(fmt="hanlp").splitlines()[0].count(" ")
    2
    """
    if fmt not in ("jieba", "hanlp"):
        raise ValueError(f"fmt must be 'jieba' or 'hanlp', not {fmt!r}")
    freq = 100000
    names = _names()
    if fmt == "jieba":
        body = "".join(f"{word} {freq} {tag}\n" for word, tag in names.items())
    else:
        body = "".join(f"{word} {tag} {freq}\n" for word, tag in names.items())
    if path is not None:
        from jxplan._atomic import write_text

        write_text(path, body, newline="\n")
    return body


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()  # a private instance: the user's jieba.dt is left as it is
    for word in _names():
        tok.add_word(word, freq=100000)
    for term in load_instrument_keywords().index.get_level_values("term_zh"):
        tok.add_word(str(term), freq=50000)
    # jieba cuts at brackets and other marks whatever its dictionary says, so
    # names that hold them (京杭运河（嘉兴段）三级航道整治) are matched first.
    marked = sorted((w for w in _names() if not _JIEBA_WORD.fullmatch(w)), key=len, reverse=True)
    whole = re.compile("(" + "|".join(map(re.escape, marked)) + ")") if marked else None
    return tok, whole


def segment(text: str) -> list[str]:
    """Split Chinese text into words with jieba, keeping jxplan's names whole.

    Uses a private :class:`jieba.Tokenizer` loaded with :func:`user_dictionary`,
    so the user's own jieba state is not changed.

    Examples
    --------
    >>> segment("抓紧推进沪乍杭铁路建设")
    ['抓紧', '推进', '沪乍杭铁路', '建设']
    """
    tok, whole = _tokenizer()
    words: list[str] = []
    for i, piece in enumerate(whole.split(text) if whole is not None else [text]):
        if i % 2:  # a name jieba would cut at its brackets: kept whole
            words.append(piece)
        else:
            words += [w for w in tok.lcut(piece) if w.strip()]
    return words


def _terms(text: str) -> list[str]:
    return [w for w in segment(text) if len(w) >= 2 and _CJK.search(w) and w not in STOPWORDS]


def term_frequencies(texts: pd.Series | Mapping[str, str], *, top: int | None = None
                     ) -> pd.DataFrame:
    """Count the words of each unit (jieba with jxplan's names; :data:`STOPWORDS` left out).

    Parameters
    ----------
    texts : Series or mapping
        Text per unit id.
    top : int, optional
        Keep each unit's ``top`` most frequent words.

    Returns
    -------
    pandas.DataFrame
        Columns ``unit_id``, ``term``, ``count``; sorted by unit, count (descending), term.

    Examples
    --------
    >>> term_frequencies({"m1": "编制规划，编制方案"})
      unit_id term  count
    0      m1   编制      2
    1      m1   方案      1
    2      m1   规划      1
    """
    import pandas as pd

    rows = []
    for unit, body in _items(texts):
        counts = Counter(_terms(body))
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        rows += [(unit, term, n) for term, n in (ranked[:top] if top else ranked)]
    return pd.DataFrame(rows, columns=["unit_id", "term", "count"]).astype(
        {"unit_id": "string", "term": "string", "count": "Int64"})


def _items(texts: pd.Series | Mapping[str, str]) -> list[tuple[str, str]]:
    items = texts.items() if hasattr(texts, "items") else dict(texts).items()
    return [(str(k), "" if v is None or str(v) == "<NA>" else str(v)) for k, v in items]


def similarity(a: pd.Series | Mapping[str, str], b: pd.Series | Mapping[str, str]
               ) -> pd.DataFrame:
    """TF-IDF cosine similarity between the units of two plans.

    Each unit is a document; words are :func:`term_frequencies`' words; IDF
    is computed over the units of both plans together (smoothed:
    ``ln((1 + n) / (1 + df)) + 1``).  Scores run from 0 (no shared word) to 1.
    With a handful of short units the scores are rough: read them as "shares
    vocabulary with", not "says the same as".

    Returns
    -------
    pandas.DataFrame
        Units of ``a`` as rows, units of ``b`` as columns.

    Examples
    --------
    >>> s = similarity({"a1": "编制轨道交通规划"}, {"b1": "轨道交通规划编制", "b2": "人才引进"})
    >>> s.round(2).loc["a1"].tolist()
    [1.0, 0.0]
    """
    import numpy as np
    import pandas as pd

    docs_a = [(u, Counter(_terms(t))) for u, t in _items(a)]
    docs_b = [(u, Counter(_terms(t))) for u, t in _items(b)]
    docs = docs_a + docs_b
    vocab = sorted({w for _, c in docs for w in c})
    index = {w: i for i, w in enumerate(vocab)}
    n = len(docs)
    df = Counter(w for _, c in docs for w in c)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in vocab])

    def matrix(group: list[tuple[str, Counter]]) -> Any:
        m = np.zeros((len(group), len(vocab)))
        for r, (_, c) in enumerate(group):
            for w, k in c.items():
                m[r, index[w]] = k
        m = m * idf
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)

    scores = matrix(docs_a) @ matrix(docs_b).T
    return pd.DataFrame(scores, index=pd.Index([u for u, _ in docs_a], name="unit_a"),
                        columns=pd.Index([u for u, _ in docs_b], name="unit_b"))


def _measure_texts(plan: Any, texts: pd.Series | Mapping[str, str] | None,
                   data_dir: str | os.PathLike | None) -> pd.Series:
    """Text per measure: the given texts, else each measure's title, of a shipped plan id
    or a measures DataFrame (e.g. a parsed plan's)."""
    import pandas as pd

    from jxplan.io import load_measures

    if texts is not None:
        return pd.Series(dict(_items(texts)), dtype="string")
    measures = load_measures(plan_id=plan, data_dir=data_dir) if isinstance(plan, str) else plan
    key = measures.get("measure_id", measures.index)
    return pd.Series([str(t) for t in measures["title_zh"]], index=[str(k) for k in key],
                     dtype="string")


def compare_wording(a: Any, b: Any, *, texts_a: pd.Series | Mapping[str, str] | None = None,
                    texts_b: pd.Series | Mapping[str, str] | None = None,
                    data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """For each measure of plan *a*, the measure of plan *b* whose wording is closest.

    Evidence beside :func:`jxplan.compare_plans`, which aligns plans by action
    area and by the projects their measures name: this table says how much two
    measures share their *words* (TF-IDF cosine, :func:`similarity`), which is
    not the same as asking for the same thing.  It never changes a
    ``compare_plans`` status.

    Parameters
    ----------
    a, b : str or DataFrame
        A shipped plan id, or a measures table (e.g. a parsed plan's ``measures``).
    texts_a, texts_b : Series or mapping, optional
        The measures' own texts (e.g. :func:`unit_texts` of a held copy); without
        them the measure titles are compared.
    data_dir : path, optional
        Data folder for plan ids.

    Returns
    -------
    pandas.DataFrame
        ``measure_id_a``, ``measure_id_b`` (the best match, empty when no word
        is shared), ``similarity`` (0-1), ``shared_terms`` (``;``-separated) and
        ``compared`` (``titles`` or ``texts``).

    Examples
    --------
    >>> w = compare_wording("jx-2016", "jx-2016")
    >>> bool((w["measure_id_a"] == w["measure_id_b"]).all()), round(float(w["similarity"].min()), 6)
    (True, 1.0)
    """
    import pandas as pd

    ta = _measure_texts(a, texts_a, data_dir)
    tb = _measure_texts(b, texts_b, data_dir)
    scores = similarity(ta, tb)
    compared = "texts" if texts_a is not None and texts_b is not None else "titles"
    rows = []
    for unit in scores.index:
        row = scores.loc[unit]
        best = str(row.idxmax()) if len(row) and float(row.max()) > 0 else None
        shared = (sorted(set(_terms(str(ta[unit]))) & set(_terms(str(tb[best]))))
                  if best is not None else [])
        rows.append((unit, best, float(row.max()) if len(row) else 0.0, ";".join(shared),
                     compared))
    cols = ["measure_id_a", "measure_id_b", "similarity", "shared_terms", "compared"]
    return pd.DataFrame(rows, columns=cols).astype(
        {"measure_id_a": "string", "measure_id_b": "string", "similarity": "Float64",
         "shared_terms": "string", "compared": "string"})


# --------------------------------------------------------------------------- suggester
def suggest_instruments(texts: pd.Series | Mapping[str, str], *, min_terms: int = 1
                        ) -> pd.DataFrame:
    """Suggest policy-instrument codes for each unit from the keyword dictionary.

    A code is suggested for a unit when at least ``min_terms`` of its
    keywords (:func:`load_instrument_keywords`) occur in the unit's text.
    These are **suggestions for a human coder**, not a coding: the dictionary
    cannot tell "build a railway" from "study a railway".

    Returns
    -------
    pandas.DataFrame
        One row per unit and suggested code: ``unit_id``, ``instrument_code``,
        ``instrument_type``, ``terms`` (the keywords found, ``;``-separated, in
        dictionary order), ``n_terms``, ``strength`` of the suggestion (``high`` with three or
        more distinct terms, ``medium`` with two, ``low`` with one) and
        ``coded_by`` = ``"jxplan-suggester"``.

    Examples
    --------
    >>> s = suggest_instruments({"m7": "加大柔性引才力度，建设孵化器"})
    >>> s[["instrument_code", "terms", "strength"]].to_dict("records")
    [{'instrument_code': 'supply-talent', 'terms': '柔性引才;孵化器', 'strength': 'medium'}]
    """
    import pandas as pd

    by_code: dict[str, list[str]] = {}
    for code, term in load_instrument_keywords().index:
        by_code.setdefault(str(code), []).append(str(term))
    book = load_instrument_codebook()
    rows = []
    for unit, body in _items(texts):
        for code in book.index:
            terms = by_code.get(str(code), [])
            found = _found_terms(body, terms)
            if len(found) >= min_terms and found:
                n = len(found)
                rows.append((unit, code, book.loc[code, "instrument_type"], ";".join(found), n,
                             "high" if n >= 3 else "medium" if n == 2 else "low",
                             "jxplan-suggester"))
    cols = ["unit_id", "instrument_code", "instrument_type", "terms", "n_terms", "strength",
            "coded_by"]
    frame = pd.DataFrame(rows, columns=cols)
    return frame.astype({c: "string" for c in cols if c != "n_terms"} | {"n_terms": "Int64"})


def _found_terms(body: str, terms: list[str]) -> list[str]:
    """Terms found in ``body``; a term inside a longer found term counts once (the longer)."""
    hits = [t for t in terms if t in body]
    return [t for t in hits if not any(t != o and t in o and o in body for o in hits)]


def coding_template(suggestions: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write suggestions as a coding sheet (CSV or Excel by suffix) for a human coder.

    The coder fills ``decision`` (``accept`` / ``reject`` / ``change``), puts
    the chosen code in ``final_code`` when changing, and gives a reason; new
    rows (codes the suggester missed) may be added with ``decision`` =
    ``add``.  :func:`load_coding` reads the sheet back and validates it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> s = suggest_instruments({"m1": "编制规划"})
    >>> out = coding_template(s, pathlib.Path(tempfile.mkdtemp()) / "coding.csv")
    >>> out.read_text(encoding="utf-8-sig").splitlines()[0]
    'unit_id,instrument_code,terms,strength,decision,final_code,quote_zh,reason_en,coder'
    """
    sheet = suggestions[["unit_id", "instrument_code", "terms", "strength"]].copy()
    for col in ("decision", "final_code", "quote_zh", "reason_en", "coder"):
        sheet[col] = ""
    from jxplan._atomic import atomic_path

    out = Path(path)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise ValueError(f"{out}: the coding sheet must be .csv or .xlsx")
    with atomic_path(out) as tmp:
        if out.suffix.lower() == ".xlsx":
            sheet.to_excel(tmp, index=False, engine="openpyxl")
        else:
            sheet.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    return out


class CodingError(ValueError):
    """A coding sheet breaks its rules; the message lists every row at fault."""


def load_coding(path: str | os.PathLike) -> pd.DataFrame:
    """Read a filled coding sheet back, validated, as the coder's final codes.

    Rules: ``decision`` is one of accept / reject / change / add; a change or
    an addition names a ``final_code`` that is in the codebook; every kept code
    has a reason; the coder is named.

    Returns
    -------
    pandas.DataFrame
        Columns ``unit_id``, ``instrument_code``, ``quote_zh``, ``reason_en``,
        ``coded_by`` (the coder), one row per kept code.

    Raises
    ------
    CodingError
        Listing each row (1-based, header = row 1) and what is wrong.
    """
    import pandas as pd

    src = Path(path)
    if src.suffix.lower() == ".xlsx":
        sheet = pd.read_excel(src, dtype=str, keep_default_na=False)
    else:
        sheet = pd.read_csv(src, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    book = set(load_instrument_codebook().index)
    problems, rows = [], []
    for i, rec in enumerate(sheet.to_dict("records"), start=2):
        decision = rec.get("decision", "").strip()
        if decision not in ("accept", "reject", "change", "add"):
            problems.append(f"row {i}: decision must be accept, reject, change or add, "
                            f"not {decision!r}")
            continue
        if decision == "reject":
            continue
        code = rec.get("instrument_code", "") if decision == "accept" else rec.get("final_code", "")
        code = code.strip()
        if code not in book:
            problems.append(f"row {i}: code {code!r} is not in the codebook")
        if not rec.get("reason_en", "").strip():
            problems.append(f"row {i}: a kept code needs a reason")
        if not rec.get("coder", "").strip():
            problems.append(f"row {i}: name the coder")
        rows.append((rec.get("unit_id", ""), code, rec.get("quote_zh", ""),
                     rec.get("reason_en", ""), rec.get("coder", "")))
    if problems:
        raise CodingError(f"{src.name}: " + "; ".join(problems))
    cols = ["unit_id", "instrument_code", "quote_zh", "reason_en", "coded_by"]
    return pd.DataFrame(rows, columns=cols, dtype="string")


# --------------------------------------------------------------------------- agreement
def agreement(a: pd.DataFrame, b: pd.DataFrame, *, units: Iterable[str] | None = None,
              level: str = "code") -> dict[str, Any]:
    """Cohen's kappa between two codings, with every disagreement listed.

    Each (unit, code) pair is a yes/no decision: did the coder give this unit
    this code?  ``level="type"`` compares instrument types instead of
    sub-types.  Units are those of both codings unless ``units`` is given
    (give it, so a unit one coder left uncoded counts as "no code").

    Returns
    -------
    dict
        ``kappa``, ``observed`` (share of decisions agreed), ``expected``
        (agreement by chance), ``n`` (decisions), and ``disagreements``
        (a DataFrame: unit_id, code, in_a, in_b).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"unit_id": ["u1", "u2"], "instrument_code": ["supply-talent", "supply-funding"]})
    >>> b = pd.DataFrame({"unit_id": ["u1", "u2"], "instrument_code": ["supply-talent", "supply-talent"]})
    >>> r = agreement(a, b)
    >>> r["n"], len(r["disagreements"])
    (28, 2)
    """
    import pandas as pd

    book = load_instrument_codebook()
    if level not in ("code", "type"):
        raise ValueError(f"level must be 'code' or 'type', not {level!r}")

    def pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
        out = set()
        for unit, code in zip(frame["unit_id"], frame["instrument_code"], strict=True):
            key = str(code) if level == "code" else str(book.loc[str(code), "instrument_type"])
            out.add((str(unit), key))
        return out

    pa, pb = pairs(a), pairs(b)
    unit_list = sorted(set(units) if units is not None else {u for u, _ in pa | pb})
    labels = list(book.index) if level == "code" else list(INSTRUMENT_TYPES)
    decisions = [(u, c, (u, c) in pa, (u, c) in pb) for u in unit_list for c in labels]
    n = len(decisions)
    agree = sum(x == y for _, _, x, y in decisions)
    ya = sum(x for _, _, x, _ in decisions) / n if n else 0.0
    yb = sum(y for _, _, _, y in decisions) / n if n else 0.0
    observed = agree / n if n else math.nan
    expected = ya * yb + (1 - ya) * (1 - yb)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else math.nan
    dis = pd.DataFrame([(u, c, x, y) for u, c, x, y in decisions if x != y],
                       columns=["unit_id", "code", "in_a", "in_b"])
    return {"kappa": kappa, "observed": observed, "expected": expected, "n": n,
            "disagreements": dis}


# --------------------------------------------------------------------------- mixes
def _unit_area(plan_id: str) -> dict[str, str]:
    from jxplan.io import load_goals, load_measures

    areas = {str(k): str(v) for k, v in load_measures(plan_id=plan_id)["action_id"].items()}
    areas |= {str(k): "goals" for k in load_goals(plan_id=plan_id).index}
    return areas


def instrument_mix(codes: pd.DataFrame | None = None, *, plan_id: str = "jx-2016"
                   ) -> pd.DataFrame:
    """Count codes by instrument type and sub-type (every sub-type listed, zeros included).

    A zero here means jxplan's coding found no such instrument in the held
    text, not that the plan has none: the held text is 5 of 24 pages.

    Examples
    --------
    >>> mix = instrument_mix()
    >>> int(mix["n_codes"].sum()) == len(load_instrument_codes())
    True
    """
    import pandas as pd

    codes = load_instrument_codes(plan_id=plan_id) if codes is None else codes
    book = load_instrument_codebook()
    counts = Counter(str(c) for c in codes["instrument_code"])
    frame = book[["instrument_type", "type_zh", "type_en", "subtype_zh", "subtype_en"]].copy()
    frame["n_codes"] = pd.array([counts.get(str(c), 0) for c in frame.index], dtype="Int64")
    total = int(frame["n_codes"].sum())
    frame["share"] = (frame["n_codes"].astype("Float64") / total) if total else pd.NA
    return frame


def instrument_matrix(codes: pd.DataFrame | None = None, *, plan_id: str = "jx-2016"
                      ) -> pd.DataFrame:
    """Instrument sub-type × action area: the count matrix policy papers show.

    Rows are instrument codes (codebook order), columns the plan's action
    areas that have coded units (goals of the goals section as ``goals``).

    Examples
    --------
    >>> m = instrument_matrix()
    >>> list(m.columns)
    ['goals', 'jx-2016-a1', 'jx-2016-a2', 'jx-2016-a3']
    """
    import pandas as pd

    codes = load_instrument_codes(plan_id=plan_id) if codes is None else codes
    areas = _unit_area(plan_id)
    book = load_instrument_codebook()
    cols = sorted({areas.get(str(u), "other") for u in codes["unit_id"]})
    m = pd.DataFrame(0, index=book.index, columns=cols, dtype="Int64")
    for unit, code in zip(codes["unit_id"], codes["instrument_code"], strict=True):
        m.loc[str(code), areas.get(str(unit), "other")] += 1
    m.columns.name = "action_id"
    return m
