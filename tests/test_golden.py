"""The golden manifest: every figure, export and analysis table keeps its bytes.

``tests/golden/manifest.json`` holds the sha256 of every file that
``python -m jxplan figures`` and ``python -m jxplan export`` write and of the
CSV dump of every :mod:`jxplan.analysis` table, with the versions of the
libraries that decide those bytes.  These tests rebuild everything and compare;
where a recorded library version differs from the installed one they skip and
name it.  Regenerate with ``make golden`` only in a commit that says the bytes
change.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import REPO

_spec = importlib.util.spec_from_file_location("jxplan_golden", REPO / "tools" / "golden.py")
golden = importlib.util.module_from_spec(_spec)
sys.modules["jxplan_golden"] = golden
_spec.loader.exec_module(golden)


@pytest.fixture(scope="module")
def manifest() -> dict:
    if not golden.MANIFEST.is_file():
        pytest.fail("tests/golden/manifest.json is missing: run `make golden`")
    doc = golden.load_manifest()
    mismatch = golden.version_mismatch(doc)
    if mismatch:
        pytest.skip("the golden manifest was made with other library versions ("
                    + "; ".join(mismatch) + ")")
    return doc


def _expected(manifest: dict, prefix: str) -> dict[str, str]:
    return {k: v for k, v in manifest["files"].items() if k.startswith(prefix)}


def test_manifest_covers_every_figure_language_and_format():
    from jxplan.figures import FIGURES
    from jxplan.interactive import HTML_FIGURES

    files = golden.load_manifest()["files"]
    for lang in ("zh", "en"):
        for name in FIGURES:
            for ext in ("png", "svg", "pdf"):
                assert f"figures/{lang}/{name}.{ext}" in files
        for name in HTML_FIGURES:
            assert f"figures/{lang}/{name}.html" in files
    assert set(golden.ANALYSIS_TABLES) <= {k.split("/")[1][:-4] for k in files
                                            if k.startswith("analysis/")}


def test_analysis_tables_match_golden(manifest):
    assert golden.diff(_expected(manifest, "analysis/"), golden.analysis_hashes()) == []


@pytest.mark.slow
def test_exports_match_golden(manifest, tmp_path):
    assert golden.diff(_expected(manifest, "export/"), golden.export_hashes(tmp_path)) == []


@pytest.mark.slow
def test_figures_match_golden(manifest, tmp_path):
    actual = golden.figure_hashes(tmp_path / "figures")
    assert golden.diff(_expected(manifest, "figures/"), actual) == []
