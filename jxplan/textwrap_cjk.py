"""Line wrapping for mixed Chinese and Latin text, by display columns.

A CJK character takes two columns, anything else one.  Chinese text may break
between any two characters, but a closing bracket or a punctuation mark never
starts a line (it stays on the line before).  Used by the static figures
(:mod:`jxplan.plot`), the interactive ones (:mod:`jxplan.interactive`) and
their layers; the only module of jxplan that knows about CJK line breaking.

Two rules are offered, because the figures were drawn with them:

:func:`wrap`
    Text without CJK characters is wrapped at spaces (:func:`textwrap.wrap`);
    text with them breaks at the column limit, between any two characters.
:func:`wrap_words`
    Breaks between CJK characters and between Latin words, never inside a
    word.  :func:`pack` joins items with a separator and breaks between items.

Examples
--------
>>> wrap("嘉兴市南湖区，秀洲区", 8)
['嘉兴市南', '湖区，秀', '洲区']
>>> wrap("a project linking two towns", 12)
['a project', 'linking two', 'towns']
>>> wrap_words("沪乍杭铁路 Shanghai-Zhapu-Hangzhou railway", 20)
['沪乍杭铁路', 'Shanghai-Zhapu-Hangzhou', 'railway']
>>> display_width("嘉兴 A")
6
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

__all__ = ["IDEOGRAPHIC_SPACE", "display_width", "is_wide", "pack", "wrap", "wrap_balanced",
           "wrap_words"]

#: U+3000, the indent of a continued line in Chinese text.
IDEOGRAPHIC_SPACE = "\u3000"

# Characters that must not begin a line.
_NO_LINE_START = "）》」』】〕，。、；：！？”’)]},.;:!?"
_NO_LINE_START_WORDS = frozenset("，。、；：？！）》」』】〕…·,.;:?!)]")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+\s*|\s+")


def is_wide(ch: str) -> bool:
    """Whether *ch* is a wide (two-column) East Asian character.

    Examples
    --------
    >>> is_wide("嘉"), is_wide("A")
    (True, False)
    """
    return unicodedata.east_asian_width(ch) in ("W", "F")


def display_width(text: str) -> int:
    """Display width of *text*: two columns per CJK character, one otherwise."""
    return sum(2 if _CJK_CHAR.match(ch) else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Wrap at *width* columns; CJK characters count as two and may break anywhere.

    Examples
    --------
    >>> wrap("", 10)
    ['']
    """
    if not any(is_wide(c) for c in text):
        return textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]
    lines, line, cols = [], "", 0
    for ch in text:
        w = 2 if is_wide(ch) else 1
        if cols + w > width and line and ch not in _NO_LINE_START:
            lines.append(line)
            line, cols = "", 0
        line += ch
        cols += w
    lines.append(line)
    return lines


def wrap_balanced(text: str, width: int) -> list[str]:
    """Wrap into as few lines as :func:`wrap` would, but of even length (no orphans).

    Examples
    --------
    >>> wrap("嘉兴至枫南市域铁路", 16), wrap_balanced("嘉兴至枫南市域铁路", 16)
    (['嘉兴至枫南市域铁', '路'], ['嘉兴至枫南', '市域铁路'])
    """
    n = len(wrap(text, width))
    best = width
    for w in range(width, 0, -1):
        if len(wrap(text, w)) > n:
            break
        best = w
    return wrap(text, best)


def wrap_words(text: str, width: int) -> list[str]:
    """Break *text* into lines of at most *width* display columns.

    CJK text may break between any two characters, other text at spaces.
    """
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(str(text)):
        if (line and display_width(line + token.rstrip()) > width
                and token not in _NO_LINE_START_WORDS):
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def pack(items: list[str], sep: str, width: int, *, used: int = 0) -> list[str]:
    """Join *items* with *sep* into lines of at most *width* columns.

    Lines break between items (an item is broken, with :func:`wrap_words`,
    only if it is too long alone); *used* columns of the first line are
    already taken.

    Examples
    --------
    >>> pack(["嘉善", "平湖", "海盐"], "；", 10)
    ['嘉善；', '平湖；海盐']
    """
    lines: list[str] = []
    line = ""
    room = width - used
    for i, item in enumerate(items):
        piece = item + (sep if i < len(items) - 1 else "")
        if line and display_width(line + piece.rstrip()) > room:
            lines.append(line.rstrip())
            line, room = "", width
        if not line and display_width(piece.rstrip()) > room:
            parts = wrap_words(piece, room)
            lines += parts[:-1]
            line, room = parts[-1] + (" " if piece.endswith(" ") else ""), width
            continue
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]
