"""Open the documents a researcher downloads and return their text.

One function, :func:`read_document`, opens a plan as users hold it and
returns a :class:`Document`: its text, the format and encoding found, and
the page breaks.  :func:`jxplan.parse.parse_plan_file` and ``jxplan parse``
both go through it, so the API and the command line read exactly the same
inputs.

What is read
------------
``.txt`` (and any other name holding text)
    UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, GB18030 (what Chinese
    Windows saves; GBK and GB2312 are subsets) and Big5.  A BOM decides;
    otherwise strict UTF-8, then GB18030 and Big5, the choice between the
    two by ``charset-normalizer`` when both decode.  The encoding found is
    reported in ``Document.encoding``.
``.pdf`` with a text layer
    Through ``pypdf`` (pure Python, BSD licence); each page's text is joined
    with a form feed, which the parser counts as a page break.  A PDF whose
    pages hold no text (a scan) raises :class:`DocumentError` saying so: run
    OCR first (e.g. ``ocrmypdf -l chi_sim in.pdf out.pdf``).
``.docx``
    With the standard library (``zipfile`` and ``xml.etree``): paragraphs and
    table rows in body order, each table row as one line with its cells
    joined by `` | ``, so a task table keeps its columns; Word's automatic
    list numbers (一、 1. （1）, from ``numbering.xml`` and the styles) are
    written in front of their paragraphs.  Reading the XML directly needs no
    compiled dependency (python-docx pulls lxml) and keeps paragraphs and
    tables in their true order.  Explicit page breaks become form feeds.
``.html`` / ``.htm``
    With the standard library's :mod:`html.parser`: headings, paragraphs,
    list items and line breaks become lines, table rows become `` | ``
    lines; ``script``, ``style``, ``nav``, ``header``, ``footer``,
    ``aside`` and ``form`` are dropped, and so is any element whose class
    or id names page chrome (nav, menu, breadcrumb, position, share,
    footer …).  When the page marks an article
    body (``article``, ``main``, or an element whose id or class holds
    ``content``, ``article``, ``zoom``, ``TRS_Editor``…) only that is read.
    The charset comes from a BOM, the ``<meta charset>`` or the bytes.

What is refused (with :class:`DocumentError` naming what to do)
    legacy Word ``.doc`` and WPS ``.wps`` (OLE2 files): save as .docx, e.g.
    ``soffice --headless --convert-to docx plan.doc``; OFD (the Chinese
    fixed-layout format, a zip holding ``OFD.xml``): no maintained Python
    reader exists, export it to PDF with the OFD reader (数科/福昕 OFD);
    images, spreadsheets and any other binary file.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = Path(tmp) / "plan.txt"
...     _ = path.write_bytes("一、工作目标\\n".encode("gb18030"))
...     doc = read_document(path)
>>> doc.format, doc.encoding, doc.text
('text', 'gb18030', '一、工作目标\\n')
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["Document", "DocumentError", "read_document", "decode_text"]

PAGE_BREAK = "\f"


class DocumentError(ValueError):
    """A file that cannot be read as a plan; the message says why and what to do."""


@dataclass(frozen=True)
class Document:
    """The text of a document and how it was read.

    Attributes
    ----------
    path : str
        The file's name as given.
    format : str
        ``text``, ``pdf``, ``docx`` or ``html``.
    encoding : str
        The encoding the text was decoded with (``""`` for PDF and DOCX).
    text : str
        The text; pages are separated by form feeds (``\\f``).
    n_pages : int
        Number of pages (1 where the format has none).
    """

    path: str
    format: str
    encoding: str
    text: str
    n_pages: int

    def describe(self) -> str:
        """One line saying what was read.

        Examples
        --------
        >>> Document("a.pdf", "pdf", "", "x", 3).describe()
        'a.pdf: pdf, 3 page(s), 1 characters'
        """
        enc = f" ({self.encoding})" if self.encoding else ""
        return (f"{self.path}: {self.format}{enc}, {self.n_pages} page(s), "
                f"{len(self.text)} characters")


# --------------------------------------------------------------------------- entry point

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGIC = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                 b"GIF8": "a GIF image", b"II*\x00": "a TIFF image", b"MM\x00*": "a TIFF image",
                 b"Rar!": "a RAR archive", b"7z\xbc\xaf": "a 7-Zip archive"}


def read_document(path: str | os.PathLike, *, encoding: str | None = None) -> Document:
    """Open a plan document (text, PDF, DOCX or HTML) and return its text.

    The format is decided by the file's bytes (a PDF, zip or OLE2 signature,
    HTML markup), not by its name alone.

    Parameters
    ----------
    path : path
        The file.
    encoding : str, optional
        For text and HTML: force this encoding instead of detecting it.

    Returns
    -------
    Document

    Raises
    ------
    DocumentError
        For a legacy .doc/.wps, an OFD, a scanned PDF without text, an
        undecodable text, or another binary file; the message names the file
        and what to do.
    FileNotFoundError
        When the file does not exist.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "plan.doc"
    ...     _ = path.write_bytes(_OLE2 + bytes(100))
    ...     read_document(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jxplan.readers.DocumentError: plan.doc is a legacy Word (.doc) or WPS (.wps) file...
    """
    file = Path(path)
    raw = file.read_bytes()
    name = file.name
    head = raw[:8]
    if head.startswith(b"%PDF"):
        return _read_pdf(file, raw)
    if head.startswith(_OLE2):
        raise DocumentError(
            f"{name} is a legacy Word (.doc) or WPS (.wps) file, which jxplan does not read: "
            "save it as .docx (Word or WPS: 另存为 .docx; LibreOffice: "
            "`soffice --headless --convert-to docx " + name + "`) and parse the .docx")
    if head.startswith(b"PK\x03\x04"):
        return _read_zip(file, raw)
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise DocumentError(f"{name} is {what}, not a text document: a scanned page needs "
                                "OCR first (e.g. ocrmypdf -l chi_sim), then parse the PDF")
    text, found = decode_text(raw, name=name, encoding=encoding)
    if _looks_like_html(text) or file.suffix.lower() in (".html", ".htm", ".shtml", ".xhtml"):
        if encoding is None:
            declared = _declared_charset(raw)
            if declared and found not in ("utf-8-sig", "utf-16", "utf-32"):
                try:
                    text, found = decode_text(raw, name=name, encoding=declared)
                except DocumentError:  # a wrong <meta charset>: keep what the bytes say
                    pass
        return Document(name, "html", found, html_to_text(text), 1)
    return Document(name, "text", found, text, 1 + text.count(PAGE_BREAK))


# --------------------------------------------------------------------------- text

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(raw: bytes, *, name: str = "the text", encoding: str | None = None
                ) -> tuple[str, str]:
    """Decode ``raw`` and return ``(text, encoding)``.

    Examples
    --------
    >>> decode_text("接轨上海".encode("utf-16"))
    ('接轨上海', 'utf-16')
    >>> decode_text("接軌上海".encode("big5"))
    ('接軌上海', 'big5')
    >>> decode_text(b"\\xff\\xff\\xff", name="x.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jxplan.readers.DocumentError: x.txt is not text in UTF-8, UTF-16, GB18030 or Big5...
    """
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise DocumentError(f"{name} cannot be read as {encoding}: {exc}; leave the "
                                "encoding out to have it detected") from None
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = {}
    for codec in ("gb18030", "big5"):
        try:
            decoded[codec] = raw.decode(codec)
        except UnicodeDecodeError:
            continue
    if "\x00" in "".join(decoded.values()) or not decoded:
        raise DocumentError(f"{name} is not text in UTF-8, UTF-16, GB18030 or Big5 (nor a PDF, "
                            "DOCX or HTML file); save it as UTF-8 text or give its encoding")
    if len(decoded) == 2:
        codec = _choose_cjk_codec(raw, decoded)
        return decoded[codec], codec
    codec = next(iter(decoded))
    return decoded[codec], codec


def _choose_cjk_codec(raw: bytes, decoded: dict[str, str]) -> str:
    """GB18030 or Big5 for bytes that decode both ways."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a core dependency
        best = None
    else:
        best = from_bytes(raw, cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding in ("big5", "gb18030"):
        return best.encoding
    # fall back on the share of very common characters in either reading
    common = set("的一是在不了有和人中大为上个国以要时来用们生到作地于出就分对成会可主发年动同工也能下"
                 "過個國發會們對動時來這經為與實進產業區設總務")
    score = {c: sum(ch in common for ch in t) for c, t in decoded.items()}
    return max(score, key=lambda c: (score[c], c == "gb18030"))


# --------------------------------------------------------------------------- PDF


def _read_pdf(file: Path, raw: bytes) -> Document:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a core dependency
        raise DocumentError(f"{file.name} is a PDF; reading PDFs needs pypdf: "
                            "pip install pypdf (it is a dependency of jxplan)") from None
    import io
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise DocumentError(f"{file.name} is an encrypted PDF; open it and save an "
                                    "unprotected copy first") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(f"{file.name} could not be read as a PDF ({exc})") from None
    pages = [p.replace(PAGE_BREAK, "\n") for p in pages]
    if not any(p.strip() for p in pages):
        raise DocumentError(
            f"{file.name}: none of its {len(pages)} page(s) has a text layer (a scanned PDF); "
            "run OCR first, e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`, then parse the result")
    return Document(file.name, "pdf", "", PAGE_BREAK.join(pages), len(pages))


# --------------------------------------------------------------------------- DOCX and OFD

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_zip(file: Path, raw: bytes) -> Document:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise DocumentError(f"{file.name} looks like a zip file but cannot be opened") from None
    if "OFD.xml" in names:
        raise DocumentError(f"{file.name} is an OFD document (版式文件), which jxplan does not "
                            "read (no maintained Python reader exists): export it as PDF with an "
                            "OFD reader, then parse the PDF")
    if "word/document.xml" not in names:
        what = ("an Excel workbook" if "xl/workbook.xml" in names else
                "a PowerPoint file" if "ppt/presentation.xml" in names else "a zip archive")
        raise DocumentError(f"{file.name} is {what}, not a plan document (PDF, DOCX, HTML, text)")
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    except ElementTree.ParseError as exc:
        raise DocumentError(f"{file.name}: its document.xml is broken ({exc})") from None
    body = root.find(f"{_W}body")
    numbering = _DocxNumbering(archive, names)
    lines: list[str] = []
    for block in _docx_blocks(body):
        if block.tag == f"{_W}p":
            lines.append(numbering.label(block) + _docx_paragraph(block))
        elif block.tag == f"{_W}tbl":
            lines += _docx_table(block)
    text = "\n".join(lines)
    return Document(file.name, "docx", "", text, 1 + text.count(PAGE_BREAK))


def _docx_blocks(body):
    """The body's paragraphs and tables in order, content controls opened."""
    for block in (body if body is not None else []):
        if block.tag == f"{_W}sdt":
            yield from _docx_blocks(block.find(f"{_W}sdtContent"))
        else:
            yield block


class _DocxNumbering:
    """Word's automatic list numbers (一、 1. （1） …), which are not in the text.

    The number format and label of each list level come from
    ``word/numbering.xml``; a paragraph's list is set on the paragraph or on
    its style (``word/styles.xml``, following ``basedOn``).  Counters run per
    list, and a level restarts when a higher level moves on.
    """

    def __init__(self, archive: zipfile.ZipFile, names: set[str]):
        from xml.etree import ElementTree

        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.styles: dict[str, tuple[str | None, int | None, str | None]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            if "word/numbering.xml" in names:
                self._read_numbering(ElementTree.fromstring(archive.read("word/numbering.xml")))
            if "word/styles.xml" in names:
                self._read_styles(ElementTree.fromstring(archive.read("word/styles.xml")))
        except ElementTree.ParseError:  # numbering is a help, not a must
            self.levels, self.styles = {}, {}

    def _read_numbering(self, root) -> None:
        abstract = {}
        for a in root.findall(f"{_W}abstractNum"):
            lv = {}
            for lvl in a.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                lv[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1)
            abstract[a.get(f"{_W}abstractNumId")] = lv
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId")] = abstract.get(ref.get(f"{_W}val"), {})

    def _read_styles(self, root) -> None:
        for style in root.findall(f"{_W}style"):
            num_id, ilvl = self._num_pr(style.find(f"{_W}pPr"))
            based = style.find(f"{_W}basedOn")
            self.styles[style.get(f"{_W}styleId")] = (
                num_id, ilvl, based.get(f"{_W}val") if based is not None else None)

    @staticmethod
    def _num_pr(ppr) -> tuple[str | None, int | None]:
        pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if pr is None:
            return None, None
        num_id, ilvl = pr.find(f"{_W}numId"), pr.find(f"{_W}ilvl")
        return (num_id.get(f"{_W}val") if num_id is not None else None,
                int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else None)

    def label(self, p) -> str:
        ppr = p.find(f"{_W}pPr")
        num_id, ilvl = self._num_pr(ppr)
        style = ppr.find(f"{_W}pStyle") if ppr is not None else None
        style_id = style.get(f"{_W}val") if style is not None else None
        for _ in range(10):  # follow basedOn, not forever
            if num_id is not None or style_id is None or style_id not in self.styles:
                break
            s_num, s_lvl, style_id = self.styles[style_id]
            num_id, ilvl = s_num, ilvl if ilvl is not None else s_lvl
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        ilvl = ilvl or 0
        levels = self.levels[num_id]
        fmt, text, _ = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt in ("bullet", "none") or not text:
            return ""
        counters = self.counters.setdefault(
            num_id, [levels.get(k, ("", "", 1))[2] - 1 for k in range(9)])
        counters[ilvl] += 1
        for k in range(ilvl + 1, 9):
            counters[k] = levels.get(k, ("", "", 1))[2] - 1
        return re.sub(r"%([1-9])", lambda m: _list_number(
            counters[int(m.group(1)) - 1], levels.get(int(m.group(1)) - 1, ("decimal",))[0]),
            text)


def _list_number(n: int, fmt: str) -> str:
    """A list number in Word's format.

    Examples
    --------
    >>> [_list_number(n, "chineseCounting") for n in (1, 10, 12, 20)]
    ['一', '十', '十二', '二十']
    >>> _list_number(3, "decimal"), _list_number(3, "lowerLetter"), _list_number(4, "upperRoman")
    ('3', 'c', 'IV')
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand"):
        zh = "零一二三四五六七八九"
        if n < 10:
            return zh[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else zh[tens]) + "十" + (zh[ones] if ones else "")
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, rest = "", n
        for v, r in vals:
            while rest >= v:
                out, rest = out + r, rest - v
        return out.upper() if fmt == "upperRoman" else out
    return str(n)


def _docx_paragraph(p) -> str:
    out = []
    for node in p.iter():
        if node.tag == f"{_W}t":
            out.append(node.text or "")
        elif node.tag == f"{_W}tab":
            out.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            out.append(PAGE_BREAK if node.get(f"{_W}type") == "page" else "\n")
        elif node.tag == f"{_W}lastRenderedPageBreak":
            continue
    return "".join(out)


def _docx_table(tbl) -> list[str]:
    rows = []
    for tr in tbl.iter(f"{_W}tr"):
        cells = []
        for tc in tr.findall(f"{_W}tc"):
            text = "".join(_docx_paragraph(p) for p in tc.findall(f"{_W}p"))
            cells.append(" ".join(text.split()))
        rows.append(" | ".join(cells))
    return rows


# --------------------------------------------------------------------------- HTML

_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<meta|<body|<div|<p[ >]|<table)", re.I)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000])) or (
        "</p>" in text[:20000].lower() and "<" in text[:200])


def _declared_charset(raw: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", raw[:4096], re.I)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return "gb18030" if name in ("gb2312", "gbk", "gb18030") else name


_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "blockquote", "pre", "dd", "dt", "ul", "ol", "hr", "title", "center"}
_DROP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "select",
         "button", "iframe", "svg", "template"}
_BODY_HINT = re.compile(r"(?:^|[\s_-])(?:content|article|zoom|trs_editor|main|text|detail|"
                        r"pages_content|wzy|zw|body)(?:$|[\s_-])", re.I)
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "wbr", "source"}
#: class or id of page chrome to drop wherever it stands
_CHROME_HINT = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|share|"
                          r"toolbar|footer|copyright|position|location)(?:$|[\s_-])", re.I)


class _HTMLText(HTMLParser):
    """Collect text lines; remember where marked article bodies start and end."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.drop = 0
        self.stack: list[tuple[str, bool]] = []
        self.bodies: list[list[int]] = []  # [start index in parts, end index]
        self.cells: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br":
                self._emit("\n")
            return
        attrs = dict(attrs)
        hint = " ".join(filter(None, (attrs.get("id"), attrs.get("class"))))
        is_body = tag in ("article", "main") or bool(_BODY_HINT.search(hint))
        chrome = tag in _DROP or bool(_CHROME_HINT.search(hint))
        self.stack.append((tag, is_body, chrome))
        if chrome:
            self.drop += 1
        if is_body and not self.drop:
            self.bodies.append([len(self.parts), -1])
        if tag == "tr":
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cell = []
        elif tag in _BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        while self.stack:
            open_tag, is_body, chrome = self.stack.pop()
            if chrome:
                self.drop -= 1
            if is_body and not self.drop:
                for span in reversed(self.bodies):
                    if span[1] < 0:
                        span[1] = len(self.parts)
                        break
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.cells is not None:
            self.cells.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.cells is not None:
            cells, self.cells = self.cells, None
            if any(cells):
                self._emit("\n" + " | ".join(cells) + "\n")
        elif tag in _BLOCK:
            self._emit("\n")

    def handle_data(self, data):
        if self.drop:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self._emit(data)

    def _emit(self, text):
        if not self.drop:
            self.parts.append(text)


def html_to_text(html: str) -> str:
    """The text of an HTML page: one line per heading, paragraph or table row.

    Examples
    --------
    >>> page = ('<html><body><nav>首页 | 政务公开</nav><div class="article-content">'
    ...         '<h1>示例市工作方案</h1><p>一、工作目标</p><table><tr><td>指标</td>'
    ...         '<td>目标值</td></tr></table></div><footer>版权所有</footer></body></html>')
    >>> print(html_to_text(page))
    示例市工作方案
    一、工作目标
    指标 | 目标值
    """
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    parts = parser.parts
    closed = [(s, e) for s, e in parser.bodies if e > s]
    if closed:
        # the largest marked body that holds text
        s, e = max(closed, key=lambda se: len("".join(parts[se[0]:se[1]]).strip()))
        if "".join(parts[s:e]).strip():
            parts = parts[s:e]
    text = "".join(parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) if "|" in line else line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line) + "\n"
