"""jxplan's matplotlib style, applied only where jxplan draws.

Every jxplan figure and layer draws inside :func:`style_context`
(``matplotlib.rc_context``), so a user's ``rcParams`` are the same after any
jxplan call as before; :func:`use_style` applies the look globally, on
request.  A leaf of the plotting modules: :mod:`jxplan.layers` and
:mod:`jxplan.plot` both use it, and it imports neither.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["style_context", "use_style"]

F = TypeVar("F", bound=Callable[..., Any])


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


def _styled(func: F) -> F:
    """Run a figure function inside :func:`style_context`; its new figure keeps the style."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with style_context():
            fig = func(*args, **kwargs)
        if kwargs.get("ax") is None and kwargs.get("fig") is None:
            fig.draw = _StyledDraw(fig)
        return fig

    return wrapper  # type: ignore[return-value]


