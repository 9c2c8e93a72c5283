"""Shared test set-up: no network, a non-interactive backend, paths, and one figure build.

Fixtures for every test file:

``seed_text``
    The held preview of the 2016 plan (skips when ../shared/seeds is absent).
``data_copy`` / ``data_folder``
    A writable copy of the shipped data, selected through ``$JXPLAN_DATA_DIR``
    (``data_copy``) or passed by ``data_dir=`` only (``data_folder``).
``offline_env``
    Environment for a subprocess whose Python refuses network connections.
``built_figures`` (session)
    A folder with every figure, built once per test session (see its docstring).
``executed_notebooks`` (session)
    Every notebook, executed once per test session; the site is built from the
    same execution (see its docstring).

Markers (registered in pyproject.toml): ``slow`` (notebooks, wheel, browser) and
``render`` (writes figure files or draws every whole figure; every test using
``built_figures`` gets it automatically, see ``_renders`` below).  ``make test-fast``
runs ``-m "not slow and not render"``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_4a82f9acf3260205.txt"


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to open a network connection."""


def _refuse(*args, **kwargs):
    raise NetworkBlocked(f"jxplan must not touch the network (attempted connect to {args[1:]!r})")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Block outgoing connections in every test (local subprocesses are unaffected)."""
    monkeypatch.setattr(socket.socket, "connect", lambda self, *a, **k: _refuse(self, *a))
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: _refuse(None, *a))
    yield


@pytest.fixture
def seed_text() -> str:
    """The held preview of the 2016 plan, read from ../shared/seeds (never copied)."""
    if not SEED.is_file():
        pytest.skip(f"the seed text is not available at {SEED.relative_to(REPO.parent)} "
                    "(it lives beside the repository, in shared/seeds)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of the shipped data folder, selected via JXPLAN_DATA_DIR."""
    import shutil

    from jxplan.settings import data_dir

    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    monkeypatch.setenv("JXPLAN_DATA_DIR", str(target))
    return target


@pytest.fixture
def data_folder(tmp_path) -> Path:
    """A writable copy of the shipped data folder, passed by ``data_dir=`` (the
    environment is not touched: ``$JXPLAN_DATA_DIR`` keeps pointing elsewhere)."""
    import shutil

    from jxplan.settings import data_dir

    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


# --------------------------------------------------------------------------- the command line


class CliRun:
    """What one ``jxplan`` command did: ``returncode``, ``stdout``, ``stderr``."""

    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> CliRun:
    """``python -m jxplan ARGS``, run in this process: :func:`jxplan.cli.main` with its
    output captured and ``env`` set for the call (a None value unsets a variable).

    The tests of what a command does use this; a few tests run the real entry point
    in a fresh interpreter (``--version``, exit codes, no network, the figure build),
    so ``python -m jxplan`` itself stays tested.
    """
    import io
    from unittest import mock

    from jxplan import cli

    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ):  # the environment is restored afterwards
        for key, value in (env or {}).items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exc:  # argparse: --help, or a usage error
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return CliRun(int(code), out.getvalue(), err.getvalue())


# --------------------------------------------------------------------------- offline subprocesses

#: ``sitecustomize.py`` that makes every Python started with its folder on
#: PYTHONPATH refuse network connections (local sockets still work).
OFFLINE_SITECUSTOMIZE = textwrap.dedent('''
    """Loaded by every Python started with this folder on PYTHONPATH: no network."""
    import socket

    class NetworkBlocked(OSError):
        pass

    def _refuse(*args, **kwargs):
        raise NetworkBlocked("network blocked by the jxplan tests")

    _connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse()
        return _connect(self, *args, **kwargs)

    def connect_ex(self, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse()
        return _connect_ex(self, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
''')


def offline_environment(folder: Path) -> dict[str, str]:
    """Write the offline ``sitecustomize.py`` under ``folder``; return an
    environment for subprocesses that uses it (and the Agg backend)."""
    site = folder / "offline-site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitecustomize.py").write_text(OFFLINE_SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [env.get("PYTHONPATH")])])
    env["MPLBACKEND"] = "Agg"
    return env


@pytest.fixture
def offline_env(tmp_path) -> dict[str, str]:
    """Environment for a subprocess that must not reach the network."""
    return offline_environment(tmp_path)


# --------------------------------------------------------------------------- one figure build

#: The formats ``built_figures`` holds.
BUILT_FORMATS = ("png", "svg", "pdf", "html")
#: The command ``built_figures`` runs (after ``python``), with ``OUT`` replaced.
BUILD_COMMAND = ("-m", "jxplan", "figures", "--out", "OUT", "--format", ",".join(BUILT_FORMATS))


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock`` (POSIX); elsewhere no lock, so each
    pytest-xdist worker may build its own copy."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(lock, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _build_figures(place: Path) -> None:
    """Run the build into ``place/figures``; record its output and exit status."""
    place.mkdir(parents=True, exist_ok=True)
    out = place / "figures"
    args = [str(out) if a == "OUT" else a for a in BUILD_COMMAND]
    try:
        done = subprocess.run([sys.executable, *args], env=offline_environment(place),
                              cwd=place, capture_output=True, text=True, timeout=1800)
        log, status = done.stdout + done.stderr, done.returncode
    except subprocess.TimeoutExpired as exc:
        log, status = f"the figure build timed out after {exc.timeout} s", -1
    (place / "build.log").write_text(log, encoding="utf-8")
    (place / "status").write_text(str(status), encoding="utf-8")


def _shared_folder(tmp_path_factory) -> Path:
    """The run's temporary folder that every pytest-xdist worker sees."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_figures(tmp_path_factory) -> Path:
    """A folder with every figure, built once for the whole test session.

    Contract: the folder is exactly what ``python -m jxplan figures --out DIR
    --format png,svg,pdf,html`` writes with its defaults (both languages, every
    figure): ``DIR/zh/<name>.<ext>`` and ``DIR/en/<name>.<ext>``.  It is built
    by one subprocess of the test interpreter, in a clean working folder, with
    ``MPLBACKEND=Agg`` and network connections refused.  Under pytest-xdist
    the workers share one build (a file lock in the run's shared temporary
    folder; the first worker builds, the others wait and reuse it).  The
    build's stdout and stderr are in ``built_figures.parent / "build.log"``
    (see the ``built_figures_log`` fixture).  Read-only: copy a file to
    ``tmp_path`` before changing it.  If the build fails, every test that uses
    the fixture fails with the end of the log.
    """
    shared = _shared_folder(tmp_path_factory)
    place = shared / "built-figures"
    with _exclusive(shared / "built-figures.lock"):
        if not (place / "status").is_file():
            _build_figures(place)
    status = (place / "status").read_text(encoding="utf-8")
    if status != "0":
        log = (place / "build.log").read_text(encoding="utf-8")
        pytest.fail(f"`python {' '.join(BUILD_COMMAND)}` failed (exit {status}):\n{log[-4000:]}")
    return place / "figures"


@pytest.fixture(scope="session")
def built_figures_log(built_figures) -> str:
    """stdout and stderr of the build behind ``built_figures``."""
    return (built_figures.parent / "build.log").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- one notebook run

#: Every notebook of the repository: both editions, and the teacher's solutions.
NOTEBOOKS = tuple(sorted(p for folder in (REPO / "notebooks", REPO / "teacher")
                         for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts))


def load_tool(name: str):
    """A script of ``tools/`` as a module (``tools/build_docs.py`` -> ``build_docs``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def git_status() -> set[str] | None:
    """``git status --porcelain`` lines of the repository (None without git)."""
    import shutil

    if shutil.which("git") is None:
        return None
    out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO,
                         capture_output=True, text=True)
    return set(out.stdout.splitlines()) if out.returncode == 0 else None


class ExecutedNotebooks:
    """The session's run of every notebook (see the ``executed_notebooks`` fixture)."""

    def __init__(self, folder: Path):
        result = json.loads((folder / "result.json").read_text(encoding="utf-8"))
        #: where the executed copies are: ``folder / <path relative to the repository>``
        self.folder = folder
        #: ``{relative path: None or the error text}``
        self.errors: dict[str, str | None] = result["errors"]
        #: lines of ``git status`` that the run added (None without git)
        self.tree_changes: list[str] | None = result["tree_changes"]

    def read(self, rel: str):
        import nbformat

        return nbformat.read(self.folder / rel, as_version=4)


def _execute_all(place: Path) -> None:
    place.mkdir(parents=True, exist_ok=True)
    before = git_status()
    errors = load_tool("build_docs").execute_notebooks(NOTEBOOKS, place, echo=lambda line: None)
    after = git_status()
    changes = None if before is None or after is None else sorted(after - before)
    (place / "result.json").write_text(json.dumps({"errors": errors, "tree_changes": changes}),
                                       encoding="utf-8")


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory) -> ExecutedNotebooks:
    """Every notebook in ``notebooks/`` and ``teacher/``, executed once for the whole session.

    Contract: :func:`build_docs.execute_notebooks` ran each notebook top to
    bottom in a fresh ``python3`` kernel (the venv's ipykernel), in its own
    folder of the repository, with matplotlib's inline backend and the site's
    plotly renderer, several kernels at a time -- the run ``make docs`` makes,
    and the site test builds its pages from these copies.  Under pytest-xdist
    the workers share the run (a file lock, as for ``built_figures``).  A
    notebook that fails is recorded (``errors``), not raised, so that each
    notebook's test reports its own failure.  Read-only.
    """
    pytest.importorskip("nbclient")
    shared = _shared_folder(tmp_path_factory)
    place = shared / "executed-notebooks"
    with _exclusive(shared / "executed-notebooks.lock"):
        if not (place / "result.json").is_file():
            _execute_all(place)
    return ExecutedNotebooks(place)


#: Doctests of these modules (or of this one function) write figure files
#: (``save_figure``, ``build_all``, ``write_html``).
RENDERING_DOCTEST_MODULES = ("jxplan.export", "jxplan.figures", "jxplan.interactive.write_html")
#: Tests in files owned elsewhere that write figure files in-process; their
#: owners drop an entry when the test moves to ``built_figures`` or marks itself.
RENDERING_TESTS = (
    "tests/test_figures.py::test_parallel_build_writes_the_same_bytes_in_the_same_order",
)
#: ``file::fixture`` of module fixtures that draw every whole figure (in memory):
#: the tests using them are the figure tier, so ``render`` too (not ``make test-fast``).
RENDERING_FIXTURES = ("tests/test_figures.py::built",)


def _renders(item: pytest.Item) -> bool:
    fixtures = getattr(item, "fixturenames", ())
    if "built_figures" in fixtures:
        return True
    where = item.nodeid.split("::")[0]
    if any(f"{where}::{name}" in RENDERING_FIXTURES for name in fixtures):
        return True
    if type(item).__name__ == "DoctestItem":
        return any(item.name == m or item.name.startswith(m + ".") for m in RENDERING_DOCTEST_MODULES)
    return item.nodeid.split("[")[0] in RENDERING_TESTS


def pytest_collection_modifyitems(config, items):
    """Mark ``render`` every test that writes figure files or draws every figure: those
    using the shared build or a RENDERING_FIXTURES fixture, the doctests of
    RENDERING_DOCTEST_MODULES, and RENDERING_TESTS."""
    for item in items:
        if _renders(item):
            item.add_marker(pytest.mark.render)
