"""Write figures to disk: the one place every jxplan figure is saved.

:func:`save_figure` writes ``<out_dir>/<lang>/<name>.<ext>`` as PNG (300 dpi),
SVG (text kept as text) and PDF (fonts embedded as TrueType/Type 42), with a
source/credit line, at a named report or slide size.  Output is reproducible
(the same figure gives the same bytes on every run) and written atomically.

Plot functions record which data tables a figure was drawn from with
:func:`attach_sources`; :func:`save_figure` turns them into the credit line
with :func:`jxplan.meta.credit_line`.

Examples
--------
>>> import tempfile
>>> from matplotlib.figure import Figure
>>> from jxplan.export import save_figure
>>> fig = Figure()
>>> ax = fig.add_subplot()
>>> _ = ax.bar(["南湖区", "秀洲区"], [442.0, 542.7])
>>> paths = save_figure(fig, "areas", lang="zh", out_dir=tempfile.mkdtemp(),
...                     credit="Source: example")
>>> [p.name for p in paths]
['areas.png', 'areas.svg', 'areas.pdf']
>>> paths[0].parent.name
'zh'
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jxplan._atomic import AtomicGroup
from jxplan.meta import LANGS, check_lang
from jxplan.style import restore_layout

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import Bbox, TransformedBbox

__all__ = [
    "CREDIT_FONTSIZE",
    "DPI",
    "ExportError",
    "FORMATS",
    "LANGS",
    "SIZES",
    "attach_sources",
    "get_sources",
    "save_figure",
]

#: Named figure sizes, (width, height) in inches.  "report" is the text width
#: of an A4 page with 2.5 cm margins; "slide" is a 16:9 slide.
SIZES: dict[str, tuple[float, float]] = {
    "report": (6.3, 4.2),
    "report-tall": (6.3, 7.5),
    "report-half": (3.1, 2.6),
    "slide": (10.0, 5.63),
    "slide-square": (5.63, 5.63),
}

#: Output formats that :func:`save_figure` writes.
FORMATS = ("png", "svg", "pdf")

# LANGS (the languages, sub-folders of ``out_dir``) is jxplan.meta.LANGS.

#: Resolution of PNG files and of rasterized parts of vector files.
DPI = 300

#: Font size (points) and colour of the credit line.
CREDIT_FONTSIZE = 6.5
CREDIT_COLOR = "0.35"
_CREDIT_PAD = 0.06  # inches around the credit line
_LINESPACING = 1.2

_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
}

# rcParams read while saving, pinned so that output does not depend on the
# user's matplotlibrc: fonts embedded as TrueType, SVG text as text with a
# fixed hash salt (matplotlib otherwise uses a random one for clip-path ids).
_EXPORT_RC = {
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "pdf.use14corefonts": False,
    "pdf.compression": 6,
    "svg.fonttype": "none",
    "svg.hashsalt": "jxplan",
    "svg.image_inline": True,
    "savefig.bbox": "standard",
    "savefig.transparent": False,
    "savefig.facecolor": "auto",
    "savefig.edgecolor": "auto",
    "savefig.orientation": "portrait",
    "path.simplify": True,
    "path.simplify_threshold": 1 / 9,
}
# Read at draw time; pinned to matplotlib's defaults.
_DRAW_DEFAULT_KEYS = ("text.hinting", "text.hinting_factor", "text.antialiased", "agg.path.chunksize")

_SOURCES_ATTR = "_jxplan_sources"

# Credit lines break between CJK characters, and elsewhere only at spaces;
# an opening bracket stays with the next character and closing punctuation
# with the previous one (no line ends with "（" or starts with "，").
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_OPEN = "（〔［｛〈《「『【“‘"
_CLOSE = "）〕］｝〉》」』】”’，。、；：！？"
_TOKEN = re.compile(rf"[{_OPEN}]*(?:[{_CJK}]|[^\s{_CJK}]+)[{_CLOSE}]*\s*|\s+")


class ExportError(OSError):
    """A figure could not be written (folder missing, read-only, not a folder...)."""


def attach_sources(fig: Figure, tables: Sequence[str] | str) -> Figure:
    """Record the data tables *fig* was drawn from, for its credit line.

    Plot functions call this; :func:`save_figure` then builds the credit line
    from the tables with :func:`jxplan.meta.credit_line`.  Calling it again
    adds tables (each name is kept once, in order of first use).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    tables : sequence of str, or str
        Table or geodata resource names, e.g. ``["measures", "counties_land"]``.

    Returns
    -------
    matplotlib.figure.Figure
        *fig*, for chaining.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = attach_sources(Figure(), ["measures"])
    >>> _ = attach_sources(fig, ["counties_land", "measures"])
    >>> get_sources(fig)
    ('measures', 'counties_land')
    """
    if isinstance(tables, str):
        tables = [tables]
    names = list(get_sources(fig))
    for table in tables:
        if not isinstance(table, str) or not table:
            raise TypeError(f"table names must be non-empty strings, not {table!r}")
        if table not in names:
            names.append(table)
    setattr(fig, _SOURCES_ATTR, tuple(names))
    return fig


def get_sources(fig: Figure) -> tuple[str, ...]:
    """Return the table names recorded on *fig* by :func:`attach_sources`.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> get_sources(Figure())
    ()
    """
    return tuple(getattr(fig, _SOURCES_ATTR, ()))


def _credit_for(fig: Figure, lang: str) -> str:
    """Build the credit line of *fig* from its recorded data sources."""
    tables = get_sources(fig)
    if not tables:
        raise ValueError(
            "the figure records no data sources, so no credit line can be built: "
            "pass credit='...' (or credit='' for none), or record the tables it "
            "was drawn from with jxplan.export.attach_sources(fig, [...])"
        )
    meta = importlib.import_module("jxplan.meta")
    return meta.credit_line(list(tables), lang=lang)


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a non-empty string, not {name!r}")
    if name in (".", "..") or any(sep in name for sep in ("/", "\\", os.sep)) or "\0" in name:
        raise ValueError(f"name must be a plain file name without folders, not {name!r}")
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in FORMATS:
        raise ValueError(f"name must not include the extension (got {name!r}); use formats=")


def _check_formats(formats: Sequence[str] | str) -> list[str]:
    if isinstance(formats, str):
        formats = [formats]
    result = []
    for fmt in formats:
        key = fmt.lower().lstrip(".") if isinstance(fmt, str) else fmt
        if key not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
        if key not in result:
            result.append(key)
    if not result:
        raise ValueError(f"no format given; valid formats: {', '.join(FORMATS)}")
    return result


class _Ruler:
    """Measures text in points on a scratch 72-dpi Agg figure.

    Independent of the user's figure (its dpi, canvas and backend), so the
    credit band, and thus the output, is the same wherever the figure comes
    from.  Uses matplotlib's own text layout (line spacing included).
    """

    def __init__(self, prop: FontProperties, linespacing: float):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        scratch = Figure(figsize=(1, 1), dpi=72)
        self._renderer = FigureCanvasAgg(scratch).get_renderer()
        self._text = scratch.text(
            0, 0, "", fontproperties=prop, linespacing=linespacing, parse_math=False
        )

    def size(self, text: str) -> tuple[float, float]:
        """Width and height of *text* (possibly several lines), in points."""
        self._text.set_text(text)
        bbox = self._text.get_window_extent(renderer=self._renderer)
        return bbox.width, bbox.height


def _wrap(text: str, ruler: _Ruler, max_pt: float) -> list[str]:
    """Break *text* into lines no wider than *max_pt* points."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKEN.findall(paragraph):
            candidate = line + token
            if line.strip() and ruler.size(candidate.rstrip())[0] > max_pt:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
        lines.append(line.rstrip())
    return lines


def _returning(area: TransformedBbox) -> Callable[[], TransformedBbox]:
    """A ``get_bbox_to_anchor`` stand-in that always answers ``area``."""
    return lambda: area


@contextlib.contextmanager
def _prepared(fig: Figure, width: float, height: float, credit: str) -> Iterator[Bbox | None]:
    """Temporarily resize *fig* and add the credit line; restore afterwards.

    The exported page is *width* x *height* inches.  With a credit line, the
    figure itself is made shorter by the height of the credit band and the
    band is added below it through an explicit ``bbox_inches``, so layouts,
    legends and titles are untouched and the page keeps its exact size.
    Yields the ``bbox_inches`` to pass to ``savefig`` (None without credit).
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import Bbox, TransformedBbox

    old_width, old_height = (float(v) for v in fig.get_size_inches())
    artist = None
    anchored = []
    try:
        fig.set_size_inches(width, height, forward=False)
        if not credit:
            yield None
            return
        prop = FontProperties(family="sans-serif", size=CREDIT_FONTSIZE)
        ruler = _Ruler(prop, _LINESPACING)
        lines = _wrap(credit, ruler, (width - 2 * _CREDIT_PAD) * 72 * 0.98)
        band = round(ruler.size("\n".join(lines))[1] / 72 + 2 * _CREDIT_PAD, 4)
        if band >= height / 2:
            raise ValueError(
                f"the credit line needs {band:.2f} in but the figure is only "
                f"{height:.2f} in high; shorten credit= or use a larger size="
            )
        fig.set_size_inches(width, height - band, forward=False)
        artist = fig.text(
            _CREDIT_PAD / width,
            (_CREDIT_PAD - band) / (height - band),
            "\n".join(lines),
            ha="left",
            va="bottom",
            fontproperties=prop,
            linespacing=_LINESPACING,
            color=CREDIT_COLOR,
            parse_math=False,
            in_layout=False,
        )
        # Figure legends without bbox_to_anchor follow fig.bbox, which
        # bbox_inches stretches over the credit band: pin them to the figure
        # area (transSubfigure is shifted correctly).  The method is shadowed
        # rather than set_bbox_to_anchor() called, so that constrained layout
        # still treats "outside" legends as such.
        figure_area = TransformedBbox(Bbox.unit(), fig.transSubfigure)
        for legend in fig.legends:
            if legend.get_bbox_to_anchor() is fig.bbox and "get_bbox_to_anchor" not in vars(legend):
                legend.get_bbox_to_anchor = _returning(figure_area)  # type: ignore[method-assign]
                anchored.append(legend)
        yield Bbox.from_bounds(0.0, -band, width, height)
    finally:
        for legend in anchored:
            del legend.get_bbox_to_anchor
        if artist is not None:
            artist.remove()
        fig.set_size_inches(old_width, old_height, forward=False)


def _rc_for_export() -> dict:
    import matplotlib as mpl

    from . import fonts

    params = dict(_EXPORT_RC)
    defaults: dict[str, object] = dict(mpl.rcParamsDefault.items())
    params.update({key: defaults[key] for key in _DRAW_DEFAULT_KEYS})
    params.update(fonts.font_params())
    return params


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(
            f"cannot create the figure folder '{folder}': {reason}. "
            "Choose a writable out_dir (a folder, not a file)."
        ) from exc
    if not folder.is_dir():
        raise ExportError(f"cannot write figures to '{folder}': it exists and is not a folder")


def save_figure(
    fig: Figure,
    name: str,
    *,
    lang: str,
    formats: Sequence[str] = ("png", "svg", "pdf"),
    out_dir: str | os.PathLike = "figures",
    size: str | None = None,
    credit: str | None = None,
) -> list[Path]:
    """Write *fig* as ``<out_dir>/<lang>/<name>.<ext>`` for every format.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.  It is left unchanged: size, texts and layout are
        restored after saving.
    name : str
        File name without extension, e.g. ``"fig03_projects_by_county"``.
    lang : {"zh", "en"}
        Language of the figure; the sub-folder and the credit line's language.
    formats : sequence of {"png", "svg", "pdf"}
        PNG at 300 dpi; SVG with text kept as text; PDF with the fonts
        embedded as TrueType (Type 42) subsets.
    out_dir : str or path-like, default "figures"
        Top folder; created if needed.
    size : str, optional
        A name in :data:`SIZES` (e.g. ``"report"``, ``"slide"``): the exported
        page size in inches.  By default the figure's own size.
    credit : str, optional
        The source/credit line drawn small and grey at the bottom left.  By
        default it is built with :func:`jxplan.meta.credit_line` from the
        tables recorded by :func:`attach_sources`.  ``""`` draws none.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of *formats*.

    Raises
    ------
    ValueError
        Unknown *lang*, format or *size*, a bad *name*, or no credit available.
    ExportError
        The folder cannot be created or written.
    jxplan.fonts.FontNotFoundError
        No CJK font is available.

    Notes
    -----
    *Page.* The credit line sits in a band below the plot: the figure is
    temporarily made shorter by the band's height so that the whole page keeps
    exactly the requested size; long credits are wrapped.

    *Fonts.* Text in the generic "sans-serif"/"serif" families is rendered
    with the packaged Noto Sans SC / Noto Serif SC (see :mod:`jxplan.fonts`)
    whatever the rcParams, so files are identical on every machine.

    *Reproducible.* Time stamps and software versions are left out of the
    metadata (``SOURCE_DATE_EPOCH`` has no effect), and the SVG hash salt is
    fixed, so saving the same figure again gives byte-identical files.  A
    figure made by a jxplan function starts from the layout it was made with
    (:func:`jxplan.style.remember_layout`), so it is written the same after being shown
    in a notebook (at any resolution) as by ``python -m jxplan figures``.

    *Atomic.* Every format is first written to a hidden temporary file in the
    target folder; the files replace their targets only when all formats
    have been written.  On error, no target file is changed and no temporary
    file is left behind.

    Examples
    --------
    >>> import tempfile
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> ax = fig.add_subplot()
    >>> _ = ax.plot([2014, 2015, 2016], [12, 15, 21])
    >>> _ = ax.set_title("嘉兴接轨上海项目数")
    >>> out = tempfile.mkdtemp()
    >>> paths = save_figure(fig, "projects", lang="zh", formats=["png", "pdf"],
    ...                     out_dir=out, size="report-half", credit="Source: example")
    >>> [p.relative_to(out).as_posix() for p in paths]
    ['zh/projects.png', 'zh/projects.pdf']
    >>> again = save_figure(fig, "projects", lang="zh", formats=["png", "pdf"],
    ...                     out_dir=tempfile.mkdtemp(), size="report-half",
    ...                     credit="Source: example")
    >>> [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    True
    >>> save_figure(fig, "projects", lang="fr", credit="")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of zh, en, not 'fr'
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, not {type(fig).__name__}")
    check_lang(lang)
    _check_name(name)
    fmts = _check_formats(formats)
    if size is not None and size not in SIZES:
        raise ValueError(f"unknown size {size!r}; valid sizes: {', '.join(SIZES)}")
    if credit is None:
        credit = _credit_for(fig, lang)
    if not isinstance(credit, str):
        raise TypeError(f"credit must be a string, not {type(credit).__name__}")
    credit = credit.strip()

    folder = Path(out_dir) / lang
    _make_folder(folder)

    width, height = SIZES[size] if size is not None else tuple(fig.get_size_inches())
    restore_layout(fig)
    with AtomicGroup(error=_export_error) as group:
        with mpl.rc_context(_rc_for_export()), _prepared(fig, width, height, credit) as bbox:
            for fmt in fmts:
                with group.open(folder / f"{name}.{fmt}", "wb") as handle:
                    fig.savefig(handle, format=fmt, metadata=_METADATA[fmt], dpi=DPI,
                                bbox_inches=bbox)
        return group.commit()


def _export_error(target: Path, exc: OSError) -> ExportError:
    """What save_figure raises when a file cannot be written."""
    reason = exc.strerror or str(exc)
    return ExportError(f"cannot write '{target}': {reason}")
