"""CJK font handling for matplotlib.

jxplan draws Chinese place names (嘉兴市南湖区, 上海市松江区, ...) in every
figure.  Matplotlib's bundled DejaVu fonts have no CJK glyphs, so this module
registers the OFL-licensed **Noto Sans SC** and **Noto Serif SC** fonts that
ship in the ``pylopdf-fonts-zh-cn`` dependency, and sets a report style that
uses them.

Reproducibility comes first: whenever the packaged fonts are present, the style
uses *only* them (plus matplotlib's bundled DejaVu fonts for the few symbols
they lack), so the same figure gives the same bytes on every machine.  System
CJK fonts (``Noto Sans CJK SC``, ``WenQuanYi Micro Hei``, ``Microsoft YaHei``,
...) are used only when the packaged fonts are missing.

Nothing here runs at import time: call :func:`use_style` (or
:func:`register_fonts`) explicitly.

Examples
--------
>>> import matplotlib
>>> from jxplan import fonts
>>> "Noto Sans SC" in fonts.register_fonts()
True
>>> with matplotlib.rc_context():
...     fonts.use_style()
...     matplotlib.rcParams["font.sans-serif"][0]
'Noto Sans SC'
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

__all__ = [
    "FontNotFoundError",
    "PACKAGED_SANS",
    "PACKAGED_SERIF",
    "SYSTEM_SANS_FALLBACKS",
    "SYSTEM_SERIF_FALLBACKS",
    "font_params",
    "font_path",
    "register_fonts",
    "rc_params",
    "use_style",
]

#: Family names of the fonts shipped by ``pylopdf-fonts-zh-cn``.
PACKAGED_SANS = "Noto Sans SC"
PACKAGED_SERIF = "Noto Serif SC"

#: System CJK sans-serif families, in order of preference (Linux, Windows, macOS).
SYSTEM_SANS_FALLBACKS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",  # a system copy (e.g. Fedora, Arch), not the packaged file
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "DengXian",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)

#: System CJK serif families, in order of preference.
SYSTEM_SERIF_FALLBACKS = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "Noto Serif SC",
    "AR PL UMing CN",
    "SimSun",
    "NSimSun",
    "Songti SC",
    "STSong",
)

_FIX_HINT = (
    "Install the packaged fonts with `pip install pylopdf-fonts-zh-cn` "
    "(a jxplan dependency), or install a system CJK font, e.g. the Debian/Ubuntu "
    "package `fonts-noto-cjk` (`apt-get install fonts-noto-cjk`), then restart "
    "Python (for a system font, also delete matplotlib's font cache "
    "`fontlist-*.json` in the folder given by `matplotlib.get_cachedir()`)."
)


class FontNotFoundError(RuntimeError):
    """No font with Chinese glyphs is available to matplotlib."""


def _packaged_font_files() -> dict[str, Path]:
    """Return ``{"sans": path, "serif": path}`` for the packaged fonts present."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return {}
    found = {}
    for kind, getter in (("sans", "sans_path"), ("serif", "serif_path")):
        try:
            path = Path(getattr(pylopdf_fonts_zh_cn, getter)())
        except (AttributeError, TypeError, OSError):
            continue
        if path.is_file():
            found[kind] = path
    return found


def _packaged_families() -> dict[str, str]:
    """Register the packaged fonts; return ``{"sans": family, "serif": family}``.

    Registration happens once.  The entries of the packaged files are kept at
    the front of ``fontManager.ttflist``: when a system font has the same
    family name (e.g. a system copy of Noto Sans SC), matplotlib still picks
    the packaged file, because ties in ``findfont`` go to the first entry.
    """
    fm = font_manager.fontManager
    files = _packaged_font_files()
    fnames = [str(path) for path in files.values()]
    changed = False
    for fname in fnames:
        if not any(entry.fname == fname for entry in fm.ttflist):
            try:
                fm.addfont(fname)
            except (OSError, RuntimeError, ValueError):  # unreadable font file
                continue
            changed = True
    front = [e for fname in fnames for e in fm.ttflist if e.fname == fname]
    if changed or fm.ttflist[: len(front)] != front:
        rest = [e for e in fm.ttflist if e.fname not in fnames]
        fm.ttflist[:] = front + rest
        fm._findfont_cached.cache_clear()  # type: ignore[attr-defined]
    families = {}
    for kind, path in files.items():
        names = [e.name for e in front if e.fname == str(path)]
        if names:
            families[kind] = names[0]
    return families


def _system_families() -> tuple[list[str], list[str]]:
    """Return the system CJK (sans, serif) families known to matplotlib."""
    packaged_files = {str(p) for p in _packaged_font_files().values()}
    # A family counts as "system" only if a file other than the packaged
    # ones provides it.
    system = {
        entry.name
        for entry in font_manager.fontManager.ttflist
        if entry.fname not in packaged_files
    }
    sans = [name for name in SYSTEM_SANS_FALLBACKS if name in system]
    serif = [name for name in SYSTEM_SERIF_FALLBACKS if name in system]
    return sans, serif


def _family_lists() -> tuple[list[str], list[str]]:
    """Return the CJK (sans, serif) families the style uses, best first.

    Raises
    ------
    FontNotFoundError
        If no CJK font at all is available.
    """
    packaged = _packaged_families()
    sys_sans, sys_serif = _system_families()
    # Reproducibility: the packaged font alone when present; system fonts
    # only stand in for a missing packaged font.
    sans = [packaged["sans"]] if "sans" in packaged else sys_sans
    serif = [packaged["serif"]] if "serif" in packaged else sys_serif
    # Never leave one generic family without CJK glyphs if the other has them.
    if not serif:
        serif = list(sans)
    if not sans:
        sans = list(serif)
    if not sans:
        raise FontNotFoundError("No font with Chinese (CJK) glyphs was found for matplotlib. "
                                + _FIX_HINT)
    return sans, serif


def register_fonts() -> list[str]:
    """Register the packaged CJK fonts with matplotlib and list CJK families.

    Adds the Noto Sans SC and Noto Serif SC files of ``pylopdf_fonts_zh_cn``
    to ``matplotlib.font_manager.fontManager`` (once: calling this again does
    nothing new) and detects system CJK fonts that matplotlib already knows.

    Returns
    -------
    list of str
        The CJK family names available, in order of preference: the packaged
        families first, then system sans-serif families, then system serif
        families.  Empty if there are none (no error is raised here; see
        :func:`use_style`).

    Examples
    --------
    >>> families = register_fonts()
    >>> families[:2]
    ['Noto Sans SC', 'Noto Serif SC']
    >>> register_fonts() == families
    True
    """
    packaged = _packaged_families()
    sys_sans, sys_serif = _system_families()
    names = [packaged[k] for k in ("sans", "serif") if k in packaged]
    for name in sys_sans + sys_serif:
        if name not in names:
            names.append(name)
    return names


def font_params() -> dict:
    """Return the font rcParams of the jxplan style.

    Only the font choice: ``font.family``, ``font.sans-serif``,
    ``font.serif`` and ``axes.unicode_minus``.  Registers the fonts first.

    Returns
    -------
    dict
        rcParams, e.g. ``font.sans-serif = ["Noto Sans SC", "DejaVu Sans"]``.

    Raises
    ------
    FontNotFoundError
        If no CJK font is available.

    Examples
    --------
    >>> font_params()["font.sans-serif"]
    ['Noto Sans SC', 'DejaVu Sans']
    """
    sans, serif = _family_lists()
    return {
        "font.family": ["sans-serif"],
        "font.sans-serif": [*sans, "DejaVu Sans"],
        "font.serif": [*serif, "DejaVu Serif"],
        # The CJK fonts have an ASCII hyphen-minus; avoids U+2212 lookups.
        "axes.unicode_minus": False,
    }


def rc_params() -> dict:
    """Return all rcParams set by :func:`use_style`.

    Fonts (see :func:`font_params`), reproducible vector output (TrueType
    fonts embedded in PDF/PS, text kept as text in SVG, fixed SVG hash salt)
    and a clean look sized for reports.

    Returns
    -------
    dict

    Raises
    ------
    FontNotFoundError
        If no CJK font is available.

    Examples
    --------
    >>> params = rc_params()
    >>> params["pdf.fonttype"], params["svg.fonttype"], params["svg.hashsalt"]
    (42, 'none', 'jxplan')
    """
    params = font_params()
    params.update(
        {
            # output
            "pdf.fonttype": 42,
            "ps.fonttype": 42,
            "svg.fonttype": "none",
            "svg.hashsalt": "jxplan",
            "path.simplify": True,
            "path.simplify_threshold": 1 / 9,
            "figure.dpi": 100,
            "savefig.dpi": 300,
            # report look; the default size is jxplan.export.SIZES["report"]
            "figure.figsize": (6.3, 4.2),
            "font.size": 9.0,
            "axes.titlesize": 10.0,
            "axes.titleweight": "normal",  # the packaged fonts are Regular only
            "axes.labelsize": 9.0,
            "axes.labelweight": "normal",
            "xtick.labelsize": 8.0,
            "ytick.labelsize": 8.0,
            "legend.fontsize": 8.0,
            "legend.title_fontsize": 8.5,
            "legend.frameon": False,
            "figure.titlesize": 11.0,
            "figure.titleweight": "normal",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": False,
            "axes.axisbelow": True,
            "axes.linewidth": 0.6,
            "xtick.major.width": 0.6,
            "ytick.major.width": 0.6,
            "xtick.major.size": 3.0,
            "ytick.major.size": 3.0,
            "lines.linewidth": 1.2,
        }
    )
    return params


def use_style() -> None:
    """Apply the jxplan report style to ``matplotlib.rcParams``.

    Registers the CJK fonts (:func:`register_fonts`) and updates rcParams
    with :func:`rc_params`: ``font.family`` sans-serif with
    ``["Noto Sans SC", "DejaVu Sans"]``, serif with Noto Serif SC, Type 42
    fonts in PDF/PS, text as text in SVG with a fixed hash salt, 300 dpi
    saving, no top/right spines and font sizes for report figures.  System
    CJK fonts replace Noto only when the packaged fonts are not installed.
    Calling it again is harmless.

    Raises
    ------
    FontNotFoundError
        If no CJK font can be found; the message says how to install one.

    Examples
    --------
    >>> import matplotlib
    >>> with matplotlib.rc_context():
    ...     use_style()
    ...     use_style()
    ...     matplotlib.rcParams["font.sans-serif"]
    ['Noto Sans SC', 'DejaVu Sans']
    """
    mpl.rcParams.update(rc_params())


def font_path(*, family: str = "sans") -> Path:
    """Return the file of the CJK font the style uses.

    For consumers outside matplotlib, e.g. a fontconfig file for the Chromium
    that renders plotly figures.

    Parameters
    ----------
    family : {"sans", "serif"}
        Which font.

    Returns
    -------
    pathlib.Path
        The packaged Noto Sans SC / Noto Serif SC file, or, if the package is
        missing, the file of the preferred system CJK font (possibly a
        ``.ttc`` collection).

    Raises
    ------
    ValueError
        If *family* is not "sans" or "serif".
    FontNotFoundError
        If no CJK font is available.

    Examples
    --------
    >>> font_path().name
    'NotoSansSC-Regular.otf'
    >>> font_path(family="serif").name
    'NotoSerifSC-Regular.otf'
    """
    if family not in ("sans", "serif"):
        raise ValueError(f"family must be 'sans' or 'serif', not {family!r}")
    files = _packaged_font_files()
    if family in files:
        return files[family]
    sans, serif = _family_lists()
    name = (sans if family == "sans" else serif)[0]
    prop = font_manager.FontProperties(family=name)
    return Path(font_manager.fontManager.findfont(prop, fallback_to_default=False))
