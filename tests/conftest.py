"""Shared test set-up: no network, a non-interactive backend, paths."""

from __future__ import annotations

import os
import socket
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
