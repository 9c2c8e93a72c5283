"""Reliability: clear errors for unknown names and bad user files; no network at run time."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

import jxplan
from jxplan.io import read_table
from jxplan.meta import MODES
from jxplan.validate import DataValidationError, validate

# --------------------------------------------------------------------------- unknown ids and names


def test_unknown_plan_id_names_the_closest():
    with pytest.raises(ValueError, match=r"unknown plan_id 'jx-2061'; did you mean 'jx-2016'"):
        jxplan.load_measures(plan_id="jx-2061")
    with pytest.raises(ValueError, match=r"did you mean 'jx-2016'"):
        jxplan.load_actions(plan_id="jx-2061")
    with pytest.raises(ValueError, match=r"did you mean 'jx-2016'"):
        jxplan.compare_plans("jx-2061", "jx-2016")


def test_unknown_county_suggests_the_right_one():
    with pytest.raises(ValueError, match=r"unknown county '南胡区'; did you mean '南湖区'"):
        jxplan.load_counties(names=["南胡区"])
    with pytest.raises(ValueError, match=r"did you mean 'Jinshan District'"):
        jxplan.load_counties(names=["Jinshan Distrct"])


def test_unknown_mode_lists_the_modes():
    with pytest.raises(ValueError) as info:
        jxplan.load_projects(mode="train")
    assert f"Valid: {', '.join(sorted(MODES))}" in str(info.value)


@pytest.mark.parametrize("call, pattern", [
    (lambda: read_table("measure"), r"unknown table 'measure'; did you mean 'measures'"),
    (lambda: jxplan.load_outcomes(status="reportd"), r"did you mean 'reported'"),
    (lambda: jxplan.load_milestones(project_id="air-jiaxing-airpot"),
     r"did you mean 'air-jiaxing-airport'"),
    (lambda: jxplan.compare_plans("jx-2016", "jx-2016", by="actoin"),
     r"unknown dimension 'actoin'; did you mean 'action'"),
    (lambda: jxplan.exports.export(format="xslx", out="never-written.xlsx"),
     r"unknown format 'xslx'; did you mean 'xlsx'"),
])
def test_other_unknown_names(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()
    assert not Path("never-written.xlsx").exists()


# --------------------------------------------------------------------------- user files


def _copy_with(src: Path, dst: Path, edit=None, drop: str | None = None) -> Path:
    with open(src, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    if edit:
        edit(rows)
    if drop:
        header.remove(drop)
        for row in rows:
            row.pop(drop)
    with open(dst, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return dst


@pytest.fixture
def shipped() -> Path:
    return jxplan.data_dir()


def _refused(call, *parts: str) -> str:
    with pytest.raises(DataValidationError) as info:
        call()
    message = str(info.value)
    for part in parts:
        assert part in message, message
    return message


def test_missing_required_column(tmp_path, shipped):
    path = _copy_with(shipped / "measures.csv", tmp_path / "measures.csv", drop="title_zh")
    _refused(lambda: jxplan.load_measures(path=path),
             f"{path}, column title_zh: required column is missing")


def test_wrong_type(tmp_path, shipped):
    path = _copy_with(shipped / "measures.csv", tmp_path / "measures.csv",
                      lambda rows: rows[1].update(measure_no="three"))
    _refused(lambda: jxplan.load_measures(path=path),
             f"{path}, line 3, column measure_no: 'three' is not a valid integer")


def test_wrong_boolean_and_value_outside_the_list(tmp_path, shipped):
    def edit(rows):
        rows[0]["text_complete"] = "yes"
        rows[2]["scope"] = "province"
    path = _copy_with(shipped / "measures.csv", tmp_path / "measures.csv", edit)
    _refused(lambda: jxplan.load_measures(path=path),
             f"{path}, line 2, column text_complete: 'yes' is not a boolean",
             f"{path}, line 4, column scope: 'province' is not one of: city, counties")


def test_duplicate_key(tmp_path, shipped):
    path = _copy_with(shipped / "measures.csv", tmp_path / "measures.csv",
                      lambda rows: rows.append(dict(rows[3])))
    _refused(lambda: jxplan.load_measures(path=path),
             f"{path}, line 9, column measure_id: duplicate key jx-2016-m04 (first on line 5)")


def test_reference_to_an_unknown_action(tmp_path, shipped):
    path = _copy_with(shipped / "measures.csv", tmp_path / "measures.csv",
                      lambda rows: rows[0].update(action_id="jx-2016-a9"))
    _refused(lambda: jxplan.load_measures(path=path),
             "measures.csv, line 2, column action_id: 'jx-2016-a9' is not a action_id")


def test_date_out_of_range(tmp_path, shipped):
    path = _copy_with(shipped / "milestones.csv", tmp_path / "milestones.csv",
                      lambda rows: rows[0].update(date="2099-01-01"))
    _refused(lambda: read_table("milestones", path=path),
             f"{path}, line 2, column date: date 2099-01-01 is out of range")
    plans = _copy_with(shipped / "plans.csv", tmp_path / "plans.csv",
                       lambda rows: rows[0].update(issue_date="2099-01-01"))
    _refused(lambda: read_table("plans", path=plans),
             f"{plans}, line 2, column issue_date: date 2099-01-01 is out of range")


def test_malformed_county_code(tmp_path, shipped):
    path = _copy_with(shipped / "projects.csv", tmp_path / "projects.csv",
                      lambda rows: rows[6].update(adcodes="330421;33042"))
    _refused(lambda: read_table("projects", path=path),
             f"{path}, line 8, column adcodes: '330421;33042' does not match the pattern")


def _with_unknown_county(rows):
    rows[6]["adcodes"] = "330421;339999"  # well formed, but no such county


def test_unknown_county_code_is_reported_by_the_validator(data_copy):
    _copy_with(data_copy / "projects.csv", data_copy / "projects.csv", _with_unknown_county)
    report = validate(data_dir=data_copy, geo=False)
    assert any(p.file == "projects.csv" and p.line == 8 and p.column == "adcodes"
               and "339999" in p.message for p in report.errors), str(report)


def test_unknown_county_code_in_a_user_file_is_refused(tmp_path, shipped):
    path = _copy_with(shipped / "projects.csv", tmp_path / "projects.csv", _with_unknown_county)
    _refused(lambda: read_table("projects", path=path), f"{path}, line 8, column adcodes",
             "339999")


def test_a_good_user_file_is_read_like_the_shipped_one(tmp_path, shipped):
    path = _copy_with(shipped / "measures.csv", tmp_path / "measures.csv")
    mine, theirs = jxplan.load_measures(path=path), jxplan.load_measures()
    assert mine.equals(theirs)


# --------------------------------------------------------------------------- no network


# ``offline_env`` (tests/conftest.py): a subprocess environment that refuses the network.


def _run(args: list[str], env: dict[str, str], cwd: Path, timeout: int = 600):
    return subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def test_the_network_block_works(offline_env, tmp_path):
    probe = _run(["-c", "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"],
                 offline_env, tmp_path)
    assert probe.returncode != 0 and "network blocked" in probe.stderr


def test_exports_and_validation_run_without_network(offline_env, tmp_path):
    for args in (["validate"],  # every check, the geographic ones included
                 ["export", "--format", "csv", "--out", "out/csv"],
                 ["export", "--format", "gpkg", "--out", "out/jxplan.gpkg"]):
        done = _run(["-m", "jxplan", *args], offline_env, tmp_path)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        assert "network blocked" not in done.stderr
    assert (tmp_path / "out" / "csv" / "datapackage.json").is_file()
    assert (tmp_path / "out" / "jxplan.gpkg").is_file()


def test_figure_build_runs_without_network(built_figures, built_figures_log):
    # built_figures is `python -m jxplan figures --format png,svg,pdf,html` run with
    # the network refused (tests/conftest.py); it exits 0 or the fixture fails.
    from jxplan.figures import FIGURES
    from jxplan.interactive import HTML_FIGURES

    assert "network blocked" not in built_figures_log
    for lang in ("zh", "en"):
        for name in FIGURES:
            for ext in ("png", "svg", "pdf"):
                assert (built_figures / lang / f"{name}.{ext}").stat().st_size > 0, (lang, name, ext)
        for name in HTML_FIGURES:
            assert (built_figures / lang / f"{name}.html").stat().st_size > 0, (lang, name)


# --------------------------------------------------------------------------- atomic writes


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path):
    from jxplan._atomic import write_bytes, write_text

    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    write_text(target, "新\n")
    write_bytes(tmp_path / "b.bin", b"\x00\x01")
    assert target.read_text(encoding="utf-8") == "新\n"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert _names(tmp_path) == ["a.txt", "b.bin"]


def test_atomic_write_respects_the_umask(tmp_path):
    from jxplan._atomic import write_text

    umask = os.umask(0o022)
    try:
        path = write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_atomic_write_failure_keeps_the_old_file_and_passes_the_error_through(tmp_path):
    from jxplan._atomic import atomic_open

    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    with (pytest.raises(RuntimeError, match="writer crashed"),
          atomic_open(target, "w", encoding="utf-8") as handle):
        handle.write("half")
        raise RuntimeError("writer crashed")
    assert target.read_text(encoding="utf-8") == "old"
    assert _names(tmp_path) == ["a.txt"]


def test_atomic_write_error_names_the_path(tmp_path):
    from jxplan._atomic import AtomicWriteError, atomic_path

    target = tmp_path / "out.gpkg"
    with pytest.raises(AtomicWriteError) as info, atomic_path(target):
        raise OSError(28, "No space left on device")
    assert str(info.value) == f"cannot write '{target}': No space left on device"
    assert isinstance(info.value, OSError) and info.value.errno == 28
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(AtomicWriteError, match=r"cannot write '.*missing.*x\.txt'"):
        from jxplan._atomic import write_text

        write_text(tmp_path / "missing" / "x.txt", "x")


def test_atomic_group_replaces_nothing_unless_every_file_is_written(tmp_path):
    from jxplan._atomic import AtomicGroup

    (tmp_path / "a.png").write_bytes(b"old a")
    with pytest.raises(RuntimeError), AtomicGroup() as group:
        with group.open(tmp_path / "a.png") as handle:
            handle.write(b"new a")
        with group.open(tmp_path / "b.pdf") as handle:
            handle.write(b"half b")
            raise RuntimeError("pdf backend failed")
    assert _names(tmp_path) == ["a.png"] and (tmp_path / "a.png").read_bytes() == b"old a"
    with AtomicGroup() as group:
        group.path(tmp_path / "a.png").write_bytes(b"new a")
        with group.open(tmp_path / "b.pdf") as handle:
            handle.write(b"b")
        assert [p.name for p in group.commit()] == ["a.png", "b.pdf"]
    assert (tmp_path / "a.png").read_bytes() == b"new a" and _names(tmp_path) == ["a.png", "b.pdf"]


def test_a_custom_error_is_raised_once_when_writers_are_nested(tmp_path):
    from jxplan._atomic import atomic_path

    def error(target, exc):
        return PermissionError(f"cannot write to {target.parent}: read-only")

    with (pytest.raises(PermissionError) as info,
          atomic_path(tmp_path / "outer.xlsx", error=error) as outer,
          atomic_path(outer, error=error)):
        raise PermissionError(13, "Permission denied")
    assert str(info.value) == f"cannot write to {tmp_path}: read-only"
    assert list(tmp_path.iterdir()) == []


def test_atomic_folder_swaps_in_the_new_folder_or_keeps_the_old(tmp_path):
    from jxplan._atomic import atomic_folder

    target = tmp_path / "csv"
    with atomic_folder(target) as tmp:
        (tmp / "a.csv").write_text("1", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_folder(target) as tmp:
        (tmp / "a.csv").write_text("2", encoding="utf-8")
        raise RuntimeError("mid-way")
    assert (target / "a.csv").read_text(encoding="utf-8") == "1"
    with atomic_folder(target) as tmp:
        (tmp / "b.csv").write_text("3", encoding="utf-8")
    assert _names(target) == ["b.csv"] and _names(tmp_path) == ["csv"]


def test_every_writer_in_the_data_and_export_modules_uses_the_helper():
    # No hand-written temporary-file dance outside jxplan._atomic in these modules
    # (files written inside a folder that atomic_folder swaps in are fine).
    package = Path(jxplan.__file__).parent
    for name in ("io", "geo", "validate", "settings", "export", "exports", "cli", "compare",
                 "schema", "shapes", "problems", "teaching"):
        text = (package / f"{name}.py").read_text(encoding="utf-8")
        for needle in ("os.replace(", "os.fsync(", "mkstemp(", "NamedTemporaryFile("):
            code = [line for line in text.splitlines()
                    if needle in line and not line.lstrip().startswith((">>>", "..."))]
            assert not code, (name, needle, code)
