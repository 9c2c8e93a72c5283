"""Atomic file writing: the one way jxplan writes a file or a folder.

Every writer goes through here, with the same guarantees:

* the data is written to a hidden temporary name **in the target's own
  folder** (so the final rename never crosses a file system);
* the temporary file is flushed and ``fsync``-ed, then moved over the target
  with :func:`os.replace` (atomic on POSIX and Windows), and the folder entry
  is ``fsync``-ed where the platform allows it;
* on any error the temporary files are removed, the target keeps its old
  content (or stays absent), and an :class:`OSError` is re-raised as
  :class:`AtomicWriteError` whose message names the path (errors that are not
  an ``OSError``, such as a renderer's ``RuntimeError``, pass through
  unchanged);
* a new file gets the permissions the umask gives (not ``mkstemp``'s 0600).

:class:`AtomicGroup` writes several files that replace their targets only
once all of them are written; :func:`atomic_path`, :func:`atomic_open`,
:func:`write_text` and :func:`write_bytes` write one; :func:`atomic_folder`
replaces a whole folder.  A leaf module: it imports nothing from jxplan.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = write_text(folder / "a.txt", "一\\n")
>>> with AtomicGroup() as group:
...     with group.open(folder / "b.csv", "w", encoding="utf-8") as handle:
...         _ = handle.write("x\\n")
...     _ = group.path(folder / "c.bin").write_bytes(b"c")
...     written = group.commit()
>>> [p.name for p in written]
['b.csv', 'c.bin']
>>> sorted(p.name for p in folder.iterdir())
['a.txt', 'b.csv', 'c.bin']
>>> write_text(folder / "missing" / "d.txt", "")
Traceback (most recent call last):
...
jxplan._atomic.AtomicWriteError: cannot write '...d.txt': No such file or directory
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["AtomicWriteError", "AtomicGroup", "atomic_path", "atomic_open", "atomic_folder",
           "write_text", "write_bytes"]

#: ``error(target, exc)`` turns an OSError met while writing ``target`` into
#: the exception to raise (None: use the default :class:`AtomicWriteError`).
ErrorFactory = Callable[[Path, OSError], "BaseException | None"]

#: Files SQLite (GeoPackage) may leave beside a database it was writing.
_SIDECARS = ("-journal", "-wal", "-shm")


class AtomicWriteError(OSError):
    """A file or folder could not be written; the message names the path and why.

    ``filename`` is the target and ``errno`` the cause's error number.
    """

    def __init__(self, target: Path, cause: OSError):
        reason = cause.strerror or str(cause)
        self.message = f"cannot write '{target}': {reason}"
        super().__init__(self.message)
        self.errno = cause.errno
        self.filename = str(target)

    def __str__(self) -> str:
        return self.message


def temporary_name(target: Path, *, suffix: bool = True) -> Path:
    """A fresh hidden name beside ``target`` (keeping its extension for
    libraries that look at it): ``.NAME.tmp-TOKEN.EXT``."""
    token = secrets.token_hex(4)
    ext = target.suffix if suffix else ""
    return target.with_name(f".{target.stem if suffix else target.name}.tmp-{token}{ext}")


def _remove(path: Path) -> None:
    for candidate in (path, *(Path(f"{path}{s}") for s in _SIDECARS)):
        try:
            if candidate.is_dir() and not candidate.is_symlink():
                shutil.rmtree(candidate, ignore_errors=True)
            elif candidate.exists() or candidate.is_symlink():
                candidate.unlink()
        except OSError:
            pass


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _raise_for(target: Path, exc: BaseException, error: ErrorFactory | None) -> None:
    """Re-raise an OSError ``exc`` as the error for ``target`` (once: an error
    already converted by an inner writer passes through)."""
    if not isinstance(exc, OSError) or getattr(exc, "_jxplan_atomic", False):
        return
    custom = error(target, exc) if error is not None else None
    converted = custom if custom is not None else AtomicWriteError(target, exc)
    converted._jxplan_atomic = True  # type: ignore[attr-defined]
    raise converted from exc


class AtomicGroup:
    """Write several files; each replaces its target only when all are written.

    Use as a context manager: get a temporary path (:meth:`path`) or an open
    handle (:meth:`open`) for each target, write, then call :meth:`commit`.
    Leaving the block without committing, or with an error, removes every
    temporary file and leaves every target as it was.  :meth:`commit` renames
    the files one after another once all are written; only a failure of one
    of those renames themselves (not of any writing) can leave the earlier
    targets replaced and the later ones not.

    Parameters
    ----------
    error : callable, optional
        ``error(target, exc)`` returns the exception to raise for an OSError
        met while writing ``target`` (or None for :class:`AtomicWriteError`).
    """

    def __init__(self, *, error: ErrorFactory | None = None):
        self._error = error
        self._temps: dict[Path, Path] = {}
        self._synced: set[Path] = set()
        self._current = Path(".")  # the target being written, for error messages

    def __enter__(self) -> AtomicGroup:
        return self

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        self.discard()
        if exc is not None:
            _raise_for(self._current, exc, self._error)

    def path(self, target: str | os.PathLike) -> Path:
        """Return the temporary path to write ``target`` to (the writer creates it)."""
        target = Path(target)
        if target in self._temps:
            raise ValueError(f"{target} is already being written in this group")
        tmp = temporary_name(target)
        self._temps[target] = tmp
        self._current = target
        return tmp

    @contextlib.contextmanager
    def open(self, target: str | os.PathLike, mode: str = "wb", **kwargs: Any) -> Iterator[IO]:
        """Open a new temporary file for ``target`` (``mode`` "w"/"wb" plus
        :func:`open`'s keywords); it is flushed and fsync-ed when closed."""
        if mode not in ("w", "wb", "wt"):
            raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
        tmp = self.path(target)
        with open(tmp, mode.replace("w", "x"), **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        self._synced.add(tmp)

    def commit(self) -> list[Path]:
        """Move every temporary file over its target; return the targets in order."""
        written = []
        for target, tmp in list(self._temps.items()):
            self._current = target
            if tmp not in self._synced:
                _fsync_file(tmp)
            os.replace(tmp, target)
            del self._temps[target]
            written.append(target)
        for folder in sorted({t.parent for t in written}):
            _fsync_folder(folder)
        return written

    def discard(self) -> None:
        """Remove the temporary files not yet committed."""
        for tmp in self._temps.values():
            _remove(tmp)
        self._temps.clear()


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, *,
                error: ErrorFactory | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; write it, and on leaving the
    block it replaces ``target`` (fsync-ed).  On error it is removed.

    For writers that want a file name (GeoPackage, Excel, ``to_csv``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    with AtomicGroup(error=error) as group:
        tmp = group.path(target)
        yield tmp
        group.commit()


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike, mode: str = "wb", *,
                error: ErrorFactory | None = None, **kwargs: Any) -> Iterator[IO]:
    """Open a handle whose content replaces ``target`` when the block ends.

    ``mode`` is "w" (text; pass ``encoding=``) or "wb".

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> with atomic_open(target, "w", encoding="utf-8", newline="") as handle:
    ...     _ = handle.write("a,b\\n")
    >>> target.read_bytes()
    b'a,b\\n'
    """
    with AtomicGroup(error=error) as group:
        with group.open(target, mode, **kwargs) as handle:
            yield handle
        group.commit()


def write_text(target: str | os.PathLike, text: str, *, encoding: str = "utf-8",
               newline: str | None = None, error: ErrorFactory | None = None) -> Path:
    """Write ``text`` to ``target`` atomically; return the path."""
    with atomic_open(target, "w", encoding=encoding, newline=newline, error=error) as handle:
        handle.write(text)
    return Path(target)


def write_bytes(target: str | os.PathLike, data: bytes, *,
                error: ErrorFactory | None = None) -> Path:
    """Write ``data`` to ``target`` atomically; return the path."""
    with atomic_open(target, "wb", error=error) as handle:
        handle.write(data)
    return Path(target)


@contextlib.contextmanager
def atomic_folder(target: str | os.PathLike, *,
                  error: ErrorFactory | None = None) -> Iterator[Path]:
    """Yield a new temporary folder beside ``target``; fill it, and on leaving
    the block it replaces ``target`` (an existing folder is moved aside, the
    new one moved in, then the old one deleted; if the swap fails the old
    folder is put back).  On error the temporary folder is removed.

    The caller decides whether an existing ``target`` may be replaced.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with atomic_folder(target) as tmp:
    ...     _ = (tmp / "a.txt").write_text("a")
    >>> [p.name for p in target.iterdir()]
    ['a.txt']
    """
    target = Path(target)
    tmp = temporary_name(target, suffix=False)
    old = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
    try:
        tmp.mkdir()
        yield tmp
        for path in sorted(tmp.rglob("*")):
            if path.is_file():
                _fsync_file(path)
        if target.is_dir():
            os.replace(target, old)
            try:
                os.replace(tmp, target)
            except BaseException:
                os.replace(old, target)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
        _fsync_folder(target.parent)
    except BaseException as exc:
        _remove(tmp)
        _raise_for(target, exc, error)
        raise
