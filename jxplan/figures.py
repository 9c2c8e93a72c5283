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
['county_projects', 'instruments', 'lineage']
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from jxplan import plot, plot_record, plot_text

__all__ = ["FIGURES", "build_all", "figure_size"]

#: Every report figure: name -> plot function (``f(*, lang) -> Figure``).
FIGURES: dict[str, Callable[..., Any]] = {
    "project_map": plot.project_map,
    "county_projects": plot.county_projects,
    "measures_by_action": plot.measures_by_action,
    "timeline_three_year_plan": plot.timeline_three_year_plan,
    "targets_outcomes": plot.targets_outcomes,
    "instruments": plot_text.instruments,
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


def _html_module() -> Any:
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
    jobs: int | None = 1,
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
    jobs : int or None, default 1
        Processes to render in: each (language, figure) is one job; None
        means ``os.cpu_count()``.  The files are byte-identical whatever the
        number (``python -m jxplan figures`` uses every core).

    Returns
    -------
    list of pathlib.Path
        Every file written, in build order (the same for any *jobs*).

    Raises
    ------
    ValueError
        An unknown figure name, language or format (the message lists the
        valid ones), or *jobs* < 1.
    """
    from jxplan.labels import check_lang

    say = echo or (lambda _line: None)
    todo = _check_names(names)
    langs = [check_lang(lang) for lang in ([langs] if isinstance(langs, str) else langs)]
    formats = [formats] if isinstance(formats, str) else list(formats)
    for fmt in formats:
        if fmt not in (*_IMAGE_FORMATS, "html"):
            raise ValueError(f"unknown format {fmt!r}; valid formats: "
                             f"{', '.join((*_IMAGE_FORMATS, 'html'))}")
    workers = (os.cpu_count() or 1) if jobs is None else int(jobs)
    if workers < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs!r}")
    images = [f for f in formats if f in _IMAGE_FORMATS]
    want_html = "html" in formats
    interactive = _html_module() if want_html else None
    if want_html and interactive is None:
        say("html: skipped (jxplan.interactive is not available in this installation)")
    html_names = tuple(getattr(interactive, "HTML_FIGURES", ())) if interactive else ()

    tasks = [(lang, name, tuple(images), name in html_names, os.fspath(out_dir))
             for lang in langs for name in todo]
    written: list[Path] = []
    for i, (task, (paths, done, seconds)) in enumerate(
            zip(tasks, _run(tasks, workers), strict=True), start=1):
        written += [Path(p) for p in paths]
        what = " ".join(done) if done else "nothing to write"
        say(f"[{i}/{len(tasks)}] {task[0]}/{task[1]}: {what} ({seconds:.1f} s)")
    return written


_Task = tuple[str, str, tuple[str, ...], bool, str]


def _render(task: _Task) -> tuple[list[str], list[str], float]:
    """Draw and write one figure in one language: ``(paths, formats done, seconds)``."""
    from jxplan.export import save_figure

    lang, name, images, html, out_dir = task
    start = time.perf_counter()
    paths: list[str] = []
    done: list[str] = []
    if images:
        with plot.without_pyplot():
            fig = FIGURES[name](lang=lang)
        try:
            paths += [os.fspath(p) for p in save_figure(fig, name, lang=lang, formats=list(images),
                                                        out_dir=out_dir,
                                                        size=plot.FIGURE_SIZES[name])]
        finally:
            fig.clear()
        done += images
    if html:
        interactive = _html_module()
        result = interactive.write_html(name, lang=lang, out_dir=out_dir)
        paths += [os.fspath(p) for p in (result if isinstance(result, (list, tuple))
                                         else [result])]
        done.append("html")
    return paths, done, time.perf_counter() - start


def _run(tasks: list[_Task], workers: int) -> Iterator[tuple[list[str], list[str], float]]:
    """Results of :func:`_render` for *tasks*, in order, from *workers* processes."""
    if workers == 1 or len(tasks) <= 1:
        yield from map(_render, tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork where there is one: ``python -m jxplan`` is then not re-imported in the workers
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)),
                             mp_context=multiprocessing.get_context(method)) as pool:
        yield from pool.map(_render, tasks)
