"""The loaders' memo (jxplan._memo): a file is parsed once, and never answered stale."""

from __future__ import annotations

import os

import jxplan
from jxplan import _memo


def test_a_changed_file_is_read_again_even_with_the_same_size_and_time(data_folder):
    plans = data_folder / "plans.csv"
    before = jxplan.load_plans(data_dir=data_folder)
    stat = plans.stat()
    text = plans.read_text(encoding="utf-8")
    old = before["title_en"].dropna().iloc[0]
    new = old[::-1]  # same characters, so the same number of bytes
    assert new != old and text.count(old) == 1
    plans.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(plans, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same time stamp
    assert plans.stat().st_size == stat.st_size
    after = jxplan.load_plans(data_dir=data_folder)
    assert new in set(after["title_en"].dropna()) and old not in set(after["title_en"].dropna())


def test_changing_a_loaded_table_does_not_change_the_next_one():
    first = jxplan.load_projects()
    first.loc[first.index[0], "name_en"] = "changed by the caller"
    del first["mode"]
    again = jxplan.load_projects()
    assert "mode" in again and "changed by the caller" not in set(again["name_en"].dropna())
    from shapely.geometry import Point

    counties = jxplan.load_counties()
    counties.loc[counties.index[0], "geometry"] = Point(120.7, 30.7)
    assert set(jxplan.load_counties().geom_type) <= {"Polygon", "MultiPolygon"}


def test_the_memo_is_bounded_and_can_be_cleared():
    _memo.clear()
    for i in range(_memo.MAX_ENTRIES + 10):
        assert _memo.remembered(("test", i), lambda i=i: [i]) == [i]
    assert len(_memo._store) == _memo.MAX_ENTRIES
    calls = []
    _memo.remembered(("test", "x"), lambda: calls.append(1) or "x")
    _memo.remembered(("test", "x"), lambda: calls.append(1) or "x")
    assert calls == [1]
    _memo.clear()
    assert not _memo._store


def test_a_broken_file_is_refused_every_time(data_folder):
    """The schema's verdict is remembered with the rows it was given: the same broken rows
    are refused again, and a ragged row (a field too many) is never taken from the memo."""
    import pytest

    from jxplan.problems import DataValidationError

    plans = data_folder / "plans.csv"
    lines = plans.read_text(encoding="utf-8").splitlines(keepends=True)
    date = lines[1].split(",")[5]
    assert len(date) == 10 and date[4] == "-"  # issue_date, a day
    for broken in (lines[:1] + [lines[1].replace(",", ",,", 1)] + lines[2:],  # a field too many
                   lines[:1] + [lines[1].replace(date, date[:5] + "13-45")] + lines[2:]):
        plans.write_text("".join(broken), encoding="utf-8")
        for _ in range(2):
            with pytest.raises(DataValidationError):
                jxplan.load_plans(data_dir=data_folder)
    plans.write_text("".join(lines), encoding="utf-8")
    assert len(jxplan.load_plans(data_dir=data_folder)) == len(lines) - 1
