"""Where jxplan finds its data, and a version report for bug reports."""

from __future__ import annotations

import os
import platform
import sys
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = ["data_dir", "resolve_data_dir", "show_versions", "DATA_ENV"]

#: Environment variable that points the loaders and the validator elsewhere.
DATA_ENV = "JXPLAN_DATA_DIR"

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Return the folder the loaders read.

    In order: ``$JXPLAN_DATA_DIR``; the data shipped inside an installed
    wheel (``jxplan/_data``); the ``data/`` folder of a source checkout.

    Returns
    -------
    pathlib.Path
        An existing folder that holds the tables (``plans.csv`` and the rest).

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    env = os.environ.get(DATA_ENV)
    if env:
        path = Path(env).expanduser()
        if not path.is_dir():
            raise FileNotFoundError(f"{DATA_ENV}={env!r} is not a folder")
        return path
    for candidate in (_PACKAGE / "_data", _PACKAGE.parent / "data"):
        if (candidate / "plans.csv").is_file():
            return candidate
    raise FileNotFoundError(
        "jxplan cannot find its data: neither an installed jxplan/_data folder nor a "
        f"checkout's data/ folder holds datapackage.json. Set {DATA_ENV} to a data folder."
    )


def resolve_data_dir(folder: str | os.PathLike | None = None) -> Path:
    """Return ``folder`` as a path, or :func:`data_dir` when it is None.

    Every loader's ``data_dir=`` keyword goes through here, so that a folder
    passed by the caller wins over ``$JXPLAN_DATA_DIR`` and the shipped data.

    Examples
    --------
    >>> resolve_data_dir("some/folder").as_posix()
    'some/folder'
    >>> resolve_data_dir() == data_dir()
    True
    """
    return Path(folder) if folder is not None else data_dir()


def _jxplan_version() -> str:
    try:
        return version("jxplan")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0.0.0+unknown"


def show_versions() -> str:
    """Return (and print) the versions of jxplan and its main dependencies.

    Examples
    --------
    >>> "jxplan" in show_versions()  # doctest: +ELLIPSIS
    jxplan...
    True
    """
    lines = [f"jxplan {_jxplan_version()}", f"python {sys.version.split()[0]}",
             f"platform {platform.platform()}"]
    for name in ("pandas", "numpy", "geopandas", "shapely", "pyproj", "pyogrio",
                 "matplotlib", "plotly"):
        try:
            lines.append(f"{name} {import_module(name).__version__}")
        except ImportError:
            lines.append(f"{name} (not installed)")
    text = "\n".join(lines)
    print(text)
    return text
