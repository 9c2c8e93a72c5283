"""jxplan's matplotlib style, applied only where jxplan draws.

Every jxplan figure and layer draws inside :func:`style_context`
(``matplotlib.rc_context``), so a user's ``rcParams`` are the same after any
jxplan call as before; :func:`use_style` applies the look globally, on
request.  A leaf of the plotting modules: :mod:`jxplan.layers` and
:mod:`jxplan.plot` both use it, and it imports neither.

Inline display
--------------
The report figures are laid out at report size (6.3 in wide) with text down
to about 5.3 pt; at matplotlib's screen resolution of 100 dpi a notebook
would show them 630 px wide with 7-px text.  A figure that a jxplan function
makes while pyplot's backend is the notebook's inline one is therefore
given :data:`INLINE_DPI` as its screen resolution: about 1,010 px wide in a
JupyterLab cell, its smallest text 12 px.  Only ``fig.dpi`` changes, after
the figure is laid out: the files :func:`jxplan.export.save_figure` writes
pin their own resolution and keep their sizes and bytes, and
``fig.savefig`` with matplotlib's default ``savefig.dpi = "figure"`` still
uses the figure's original 100 dpi.  :func:`jxplan.display.notebook_figure`
does the same for a figure you composed yourself.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["INLINE_DPI", "remember_layout", "restore_layout", "style_context", "use_style"]

F = TypeVar("F", bound=Callable[..., Any])

_LAYOUT_ATTR = "_jxplan_layout"

#: Screen resolution (px per inch) of a jxplan figure shown inline in a notebook:
#: a report-width figure (6.3 in) is about 1,010 px wide, within a JupyterLab cell,
#: and its smallest text (5.3 pt) is 11.8 px high.
INLINE_DPI = 160


@contextlib.contextmanager
def style_context() -> Iterator[None]:
    """Use jxplan's style (:func:`jxplan.fonts.rc_params`) inside this block only.

    Every jxplan figure and layer draws inside it, so the user's rcParams
    are the same after a call as before.  Wrap your own composition in it,
    up to and including ``savefig``, to get jxplan's fonts and sizes.

    Examples
    --------
    >>> import matplotlib
    >>> before = matplotlib.rcParams["font.size"]
    >>> with style_context():
    ...     matplotlib.rcParams["font.sans-serif"][0]
    'Noto Sans SC'
    >>> matplotlib.rcParams["font.size"] == before
    True
    """
    import matplotlib as mpl

    from jxplan import fonts

    with mpl.rc_context(fonts.rc_params()):
        yield


def use_style() -> None:
    """Apply jxplan's look to ``matplotlib.rcParams`` for the rest of the session.

    The one jxplan call that changes global settings, on request
    (:func:`jxplan.fonts.use_style`); :func:`style_context` does it for a block.
    """
    from jxplan import fonts

    fonts.use_style()


def remember_layout(fig: Figure) -> Figure:
    """Record the layout *fig* has now, so that :func:`jxplan.export.save_figure` starts from it.

    A constrained layout is solved again at each draw, starting from where
    the last draw left the axes, so a figure drawn on screen first (a
    notebook shows it at the end of the cell) would otherwise be written
    with positions a few thousandths of a point off, in other bytes.  jxplan's
    figure functions call this on the figures they make; ``save_figure``
    puts the recorded axes and figure-title positions back before it writes,
    so the files are the same however often the figure was drawn or saved
    before.  Only figures with a constrained layout are recorded (their
    positions belong to the layout engine, not to the user).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(layout="constrained")
    >>> ax = fig.add_subplot()
    >>> remember_layout(fig) is fig
    True
    """
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
        axes = [(ax, ax.get_position(original=True).frozen(),
                 ax.get_position(original=False).frozen()) for ax in fig.get_axes()]
        texts = [(t, t.get_position()) for t in
                 (getattr(fig, name, None) for name in ("_suptitle", "_supxlabel", "_supylabel"))
                 if t is not None]
        setattr(fig, _LAYOUT_ATTR, (axes, texts))
    return fig


def restore_layout(fig: Figure) -> None:
    """Put back the layout recorded by :func:`remember_layout` (if any).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(layout="constrained")
    >>> ax = fig.add_subplot()
    >>> before = ax.get_position().bounds
    >>> _ = remember_layout(fig)
    >>> ax.set_position((0.3, 0.3, 0.2, 0.2))
    >>> restore_layout(fig)
    >>> ax.get_position().bounds == before
    True
    """
    axes, texts = getattr(fig, _LAYOUT_ATTR, ((), ()))
    for ax, original, active in axes:
        if ax in fig.axes:
            ax._set_position(original, which="original")
            ax._set_position(active, which="active")
    for text, position in texts:
        text.set_position(position)


def styled(func: F) -> F:
    """Run *func* inside jxplan's style (:func:`style_context`): the decorator of every layer."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with style_context():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


class _StyledDraw:
    """``fig.draw`` of a figure jxplan made: drawn in jxplan's style, whenever and by whom.

    A notebook draws a figure after the cell that made it, outside any
    ``rc_context``; this keeps its fonts (and so its bytes) the same.
    """

    def __init__(self, fig: Figure) -> None:
        self._fig = fig

    def __call__(self, renderer: Any) -> Any:
        with style_context():
            return type(self._fig).draw(self._fig, renderer)


def _shown_inline(fig: Figure) -> bool:
    """Whether *fig* is a pyplot figure that a notebook's inline backend will show."""
    if getattr(fig.canvas, "manager", None) is None:  # a plain figure, outside pyplot
        return False
    import matplotlib as mpl

    return "inline" in str(mpl.get_backend()).lower()


def _styled(func: F) -> F:
    """Run a figure function inside :func:`style_context`; its new figure keeps the style."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with style_context():
            fig = func(*args, **kwargs)
        if kwargs.get("ax") is None and kwargs.get("fig") is None:
            remember_layout(fig)  # save_figure starts from it, however often it was drawn
            fig.draw = _StyledDraw(fig)
            if _shown_inline(fig):
                fig.set_dpi(INLINE_DPI)
        return fig

    return wrapper  # type: ignore[return-value]


