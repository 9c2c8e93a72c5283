"""Parse each data file once per process: a small memo keyed by what was read.

The loaders read the same small files again and again (a figure reads six or
seven tables; a notebook, a figure build or a test session reads them
hundreds of times).  Validation still runs on every read, because its
verdict depends on other files too (references, county codes); what is
remembered is only the step that depends on nothing but the bytes read:
building the typed table from its rows, or the county polygons from their
GeoJSON.  The key holds those bytes (or rows) themselves, so a changed file
is never answered from the memo, whatever its time stamp says.  Callers get
a copy, so a caller that changes its table cannot change the next one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

#: How many parsed files are kept (the shipped data has about 25).
MAX_ENTRIES = 64

_store: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


def remembered(key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, or what it returned before for an equal ``key`` (not a copy: copy it)."""
    with _lock:
        if key in _store:
            _store.move_to_end(key)
            return _store[key]  # type: ignore[return-value]
    value = make()
    with _lock:
        _store[key] = value
        while len(_store) > MAX_ENTRIES:
            _store.popitem(last=False)
    return value


def clear() -> None:
    """Forget every parsed file."""
    with _lock:
        _store.clear()
