"""The registry of report figures, and the build that writes them all.

``python -m jxplan figures`` (and ``make figures``) call :func:`build_all`,
which draws every figure of :data:`FIGURES` in each language and writes
``<out_dir>/<lang>/<name>.<ext>`` with :func:`jxplan.export.save_figure` at
the figure's named size (:data:`jxplan.plot.FIGURE_SIZES`).  Figures are
built as plain Agg figures, outside pyplot, so a notebook's backend is never
touched, and each is closed once written.

Examples
--------
>>> sorted(FIGURES)[:3]
['county_projects', 'lineage', 'measures_by_action']
>>> import tempfile
>>> paths = build_all(out_dir=tempfile.mkdtemp(), langs=("en",), formats=("svg",),
...                   names=["measures_by_action"], echo=None)
>>> [p.relative_to(p.parents[1]).as_posix() for p in paths]
['en/measures_by_action.svg']
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from jxplan import plot, plot_record

__all__ = ["FIGURES", "build_all", "figure_size"]

#: Every report figure: name -> plot function (``f(*, lang) -> Figure``).
FIGURES: dict[str, Callable] = {
    "project_map": plot.project_map,
    "county_projects": plot.county_projects,
    "measures_by_action": plot.measures_by_action,
    "timeline_three_year_plan": plot.timeline_three_year_plan,
    "targets_outcomes": plot.targets_outcomes,
    "scorecard": plot_record.scorecard,
    "lineage": plot_record.lineage,
}

_IMAGE_FORMATS = ("png", "svg", "pdf")


def figure_size(name: str) -> str:
    """The named export size (:data:`jxplan.export.SIZES`) of figure *name*.

    Examples
    --------
    >>> figure_size("project_map")
    'report-tall'
    """
    return plot.FIGURE_SIZES[_check_names([name])[0]]


def _check_names(names: Iterable[str] | None) -> list[str]:
    if names is None:
        return list(FIGURES)
    if isinstance(names, str):
        names = [names]
    out = []
    for name in names:
        if name not in FIGURES:
            raise ValueError(f"unknown figure {name!r}; valid names: {', '.join(FIGURES)}")
        if name not in out:
            out.append(name)
    return out


def _html_module():
    """jxplan.interactive if it is installed, else None."""
    if importlib.util.find_spec("jxplan.interactive") is None:
        return None
    return importlib.import_module("jxplan.interactive")


def build_all(
    *,
    out_dir: str | os.PathLike = "figures",
    langs: Sequence[str] = ("zh", "en"),
    formats: Sequence[str] = ("png", "svg", "pdf"),
    names: Iterable[str] | None = None,
    echo: Callable[[str], object] | None = print,
) -> list[Path]:
    """Draw and write every figure in every language.

    Parameters
    ----------
    out_dir : str or path-like, default "figures"
        Top folder; files go to ``<out_dir>/<lang>/<name>.<ext>``.
    langs : sequence of {"zh", "en"}
    formats : sequence of {"png", "svg", "pdf", "html"}
        Image formats go through :func:`jxplan.export.save_figure`; "html"
        writes the interactive versions of the figures that have one
        (``jxplan.interactive.HTML_FIGURES``).
    names : iterable of str, optional
        Figures to build (default: all of :data:`FIGURES`, in order).
    echo : callable, optional
        Called with one progress line per figure, e.g.
        ``"[3/10] zh/timeline_three_year_plan: png svg pdf (1.2 s)"``;
        None for silence.

    Returns
    -------
    list of pathlib.Path
        Every file written, in build order.

    Raises
    ------
    ValueError
        An unknown figure name, language or format (the message lists the
        valid ones).
    """
    from jxplan.export import save_figure
    from jxplan.labels import check_lang

    say = echo or (lambda _line: None)
    todo = _check_names(names)
    langs = [check_lang(lang) for lang in ([langs] if isinstance(langs, str) else langs)]
    formats = [formats] if isinstance(formats, str) else list(formats)
    for fmt in formats:
        if fmt not in (*_IMAGE_FORMATS, "html"):
            raise ValueError(f"unknown format {fmt!r}; valid formats: "
                             f"{', '.join((*_IMAGE_FORMATS, 'html'))}")
    images = [f for f in formats if f in _IMAGE_FORMATS]
    want_html = "html" in formats
    interactive = _html_module() if want_html else None
    if want_html and interactive is None:
        say("html: skipped (jxplan.interactive is not available in this installation)")
    html_names = tuple(getattr(interactive, "HTML_FIGURES", ())) if interactive else ()

    written: list[Path] = []
    jobs = [(lang, name) for lang in langs for name in todo]
    for i, (lang, name) in enumerate(jobs, start=1):
        start = time.perf_counter()
        done: list[str] = []
        if images:
            with plot.without_pyplot():
                fig = FIGURES[name](lang=lang)
            try:
                written += save_figure(fig, name, lang=lang, formats=images, out_dir=out_dir,
                                       size=plot.FIGURE_SIZES[name])
            finally:
                fig.clear()
            done += images
        if interactive is not None and name in html_names:
            result = interactive.write_html(name, lang=lang, out_dir=out_dir)
            written += [Path(p) for p in (result if isinstance(result, (list, tuple))
                                          else [result])]
            done.append("html")
        what = " ".join(done) if done else "nothing to write"
        say(f"[{i}/{len(jobs)}] {lang}/{name}: {what} ({time.perf_counter() - start:.1f} s)")
    return written
