"""The data behind each figure (jxplan.analysis): which projects, counties, years."""

from __future__ import annotations

import pandas as pd
import pytest

import jxplan
from jxplan import analysis
from jxplan.geo import JIAXING_ADCODES, SHANGHAI_ADCODES, STUDY_ADCODES
from jxplan.meta import MODES

# --------------------------------------------------------------------------- county counts


@pytest.fixture(scope="module")
def declared() -> pd.DataFrame:
    return analysis.county_project_counts()


def test_counts_cover_every_study_county_and_mode(declared):
    assert list(declared.columns) == ["adcode", "name_zh", "name_en", "mode", "n_projects",
                                      "project_ids"]
    assert len(declared) == len(STUDY_ADCODES) * len(MODES) == 50
    assert declared["adcode"].drop_duplicates().tolist() == list(STUDY_ADCODES)
    assert declared["mode"].drop_duplicates().tolist() == list(MODES)
    # a count is a count: zero where no project touches, never missing
    assert declared["n_projects"].notna().all()
    assert (declared["n_projects"] >= 0).all()


def test_airport_counts_for_xiuzhou_in_mode_air(declared):
    row = declared[(declared["adcode"] == "330411") & (declared["mode"] == "air")].iloc[0]
    assert row["name_zh"] == "秀洲区"
    assert row["n_projects"] == 1
    assert row["project_ids"] == "air-jiaxing-airport"
    # the airport counts nowhere else
    others = declared[declared["project_ids"].str.contains("air-jiaxing-airport")]
    assert others["adcode"].tolist() == ["330411"]


def test_qingpu_is_a_real_zero(declared):
    qingpu = declared[declared["adcode"] == "310118"]
    assert qingpu["n_projects"].tolist() == [0] * len(MODES)
    assert (qingpu["project_ids"] == "").all()


def test_project_ids_match_counts(declared):
    lengths = declared["project_ids"].map(lambda s: len(s.split(";")) if s else 0)
    assert lengths.tolist() == declared["n_projects"].astype(int).tolist()


def test_declared_counts_follow_the_projects_table(declared):
    projects = jxplan.load_projects(geometry=False)
    for row in declared.itertuples():
        expected = sorted(
            pid for pid, p in projects.iterrows()
            if p["mode"] == row.mode and isinstance(p["adcodes"], str)
            and row.adcode in p["adcodes"].split(";"))
        assert row.project_ids == ";".join(expected), (row.adcode, row.mode)


def test_declared_includes_unmapped_projects_geometry_does_not(declared):
    # the Hang-Ping-Shen channel has no published route but names Haining
    haining = declared[(declared["adcode"] == "330481") & (declared["mode"] == "waterway")]
    assert haining["project_ids"].iloc[0] == "wat-hangpingshen"
    geometry = analysis.county_project_counts(counties_from="geometry")
    g = geometry[(geometry["adcode"] == "330481") & (geometry["mode"] == "waterway")]
    assert g["n_projects"].iloc[0] == 0
    drawn = set(jxplan.project_counties()["project_id"])
    listed = {p for ids in geometry["project_ids"] for p in ids.split(";") if p}
    assert listed <= drawn


def test_counties_outside_the_study_area_are_not_rows(declared):
    # the high-speed railway also declares Fengxian (310120), a context unit
    assert "310120" not in set(declared["adcode"])


def test_successors_can_be_left_out():
    without = analysis.county_project_counts(include_successors=False)
    ids = {p for s in without["project_ids"] for p in s.split(";") if p}
    assert "rail-fengnan" not in ids and "rail-commuter-hukun" in ids


def test_wide_table_totals():
    table = analysis.county_project_table()
    assert table.index.tolist() == list(STUDY_ADCODES)
    assert list(table.columns[-6:]) == [*MODES, "total"]
    assert (table[list(MODES)].sum(axis=1) == table["total"]).all()
    assert table.loc["310116", "total"] == 7  # Jinshan (the Fengnan line stops at the border)
    assert table.loc["310118", "total"] == 0  # Qingpu
    assert table.loc[list(JIAXING_ADCODES), "city_en"].eq("Jiaxing").all()
    assert table.loc[list(SHANGHAI_ADCODES), "city_en"].eq("Shanghai").all()


def test_unknown_counting_rule():
    with pytest.raises(ValueError, match="geometry"):
        analysis.county_project_counts(counties_from="geometrie")


# --------------------------------------------------------------------------- measures


def test_measure_coverage():
    mc = analysis.measure_coverage()
    assert mc["action_no"].tolist() == list(range(1, 8))
    assert mc["n_measures_held"].tolist() == [3, 3, 1, 0, 0, 0, 0]
    # actions 4-7 have no names in the held text: missing, not invented
    late = mc[mc["action_no"] >= 4]
    assert late[["name_zh", "name_en"]].isna().all().all()
    assert not late["in_held_text"].any()
    assert mc.loc[mc["action_no"] <= 3, "name_zh"].tolist() == [
        "规划政策对接行动", "基础设施对接行动", "人才科技对接行动"]
    # measure 7 is cut off; areas without measures have no completeness
    assert mc["measures_complete"].tolist()[:3] == [True, True, False]
    assert mc["measures_complete"].iloc[3:].isna().all()
    assert mc.loc[mc["action_no"] == 2, "measure_nos"].iloc[0] == "4;5;6"
    assert mc.loc[mc["action_no"] == 2, "n_projects"].iloc[0] == 17


# --------------------------------------------------------------------------- plan periods


def test_plan_periods_for_the_timeline():
    p = analysis.plan_periods(plan_ids=analysis.TIMELINE_PLANS).set_index("plan_id")
    assert list(p.index) == list(analysis.TIMELINE_PLANS)
    assert p.loc["jx-2010-guidance", ["start", "end", "period_basis"]].tolist() == [
        2010, 2012, "derived"]
    assert p.loc["jx-2014-2016", ["start", "end"]].tolist() == [2014, 2016]
    assert p.loc["jsjx-2018-2020", ["start", "end"]].tolist() == [2018, 2020]
    assert p.loc["jx-14fyp", ["start", "end"]].tolist() == [2021, 2025]
    assert (p.drop(index="jx-2010-guidance")["period_basis"] == "stated").all()
    assert p[["label_zh", "label_en"]].notna().all().all()


def test_plan_periods_leave_out_unknown_periods():
    p = analysis.plan_periods()
    assert "jx-2019-yrd" not in set(p["plan_id"])  # no period stated anywhere
    assert p["start"].notna().all() and p["end"].notna().all()
    with pytest.raises(ValueError, match="jx-2019-yrd"):
        analysis.plan_periods(plan_ids=["jx-2019-yrd"])


# --------------------------------------------------------------------------- timeline


def test_project_timeline_one_row_per_milestone():
    tl = analysis.project_timeline()
    milestones = jxplan.load_milestones()
    assert sorted(tl["milestone_id"]) == sorted(milestones.index)
    # dates keep their precision
    assert set(tl["date_precision"]) == {"year", "month", "day"}
    row = tl.set_index("milestone_id").loc["wat-hujiashen-phase2-3"]
    assert (row["date"], row["date_precision"], row["year"]) == ("2024", "year", 2024)
    assert row["date_start"] == pd.Timestamp("2024-01-01")


def test_years_after_window():
    tl = analysis.project_timeline().set_index("milestone_id")
    opened = tl.loc["air-jiaxing-airport-6"]
    assert opened["event_type"] == "opened" and opened["date"] == "2025-12-26"
    assert opened["years_after_window"] == pytest.approx(9.0, abs=0.02)
    assert tl.loc["road-wanbei-phase2-1", "years_after_window"] < -7.9  # approved 2009
    # only approved / construction_started / opened / completed are measured
    measured = tl["years_after_window"].notna()
    assert set(tl.loc[measured, "event_type"]) <= set(analysis.MILESTONE_KINDS)
    assert tl.loc[~tl["event_type"].isin(analysis.MILESTONE_KINDS),
                  "years_after_window"].isna().all()


def test_timeline_rows_carry_the_2016_ask():
    tl = analysis.project_timeline().set_index("milestone_id")
    assert tl.loc["air-jiaxing-airport-6", "ask_2016_en"].startswith("A joint airport group")
    assert tl.loc["air-jiaxing-airport-6", "ask_2016_quote_zh"].startswith("成立沪嘉机场战略合作领导小组")
    assert pd.isna(tl.loc["rail-fengnan-2", "ask_2016_quote_zh"])  # a later project: no 2016 ask


def test_first_milestones_na_never_zero():
    f = analysis.first_milestones().set_index("project_id")
    assert len(f) == len(jxplan.load_projects(geometry=False))
    bus = f.loc["bus-xincang-langxia"]
    assert bus["n_milestones"] == 0
    for kind in ("approved", "construction_started", "opened"):
        assert pd.isna(bus[f"{kind}_date"])
        assert pd.isna(bus[f"{kind}_years_after_window"])
    air = f.loc["air-jiaxing-airport"]
    assert air["approved_date"] == "2021-08"  # the first approval, not the licence
    assert air["construction_started_date"] == "2018-12-24"
    assert air["opened_years_after_window"] == pytest.approx(9.0, abs=0.02)
    hjs = f.loc["wat-hujiashen-phase2"]
    assert (hjs["opened_date"], hjs["opened_event"]) == ("2024", "completed")
    # the phase-1 opening rested on a garbled page that says the opposite: removed
    assert f.loc["road-zhaxing", "opened_date"] == "2019-06-28"
    assert f.loc["air-jiaxing-airport", "ask_short_zh"].startswith("“成立沪嘉机场")


def test_project_order_groups_by_mode_with_successors_after_their_item():
    order = analysis.project_order()
    modes = order["mode"].tolist()
    assert modes == sorted(modes, key=list(MODES).index)
    ids = order["project_id"].tolist()
    for row in order[order["is_successor"]].itertuples():
        assert ids.index(row.successor_of) < ids.index(row.project_id)
    assert ids[ids.index("rail-l4l5-docking") + 1] == "rail-fengnan"


def test_short_ask():
    assert analysis.short_ask("Start construction") == "Start construction"
    assert analysis.short_ask(pd.NA) is None
    assert analysis.short_ask("成立沪嘉机场战略合作领导小组，可研报告年内通过评审") == \
        "成立沪嘉机场战略合作领导小组…"


# --------------------------------------------------------------------------- map data


def test_map_projects_drawn_and_noted():
    mp = analysis.map_projects()
    projects = jxplan.load_projects()
    has_geometry = {pid for pid, g in projects.geometry.items()
                    if g is not None and not g.is_empty}
    assert set(mp.loc[mp["drawn"], "project_id"]) == has_geometry
    unpublished = set(projects.index[projects["geometry_precision"] == "not_published"])
    assert set(mp.loc[mp["note"] == "not_published", "project_id"]) == unpublished
    assert not mp.loc[mp["project_id"].isin(unpublished), "drawn"].any()
    assert mp.loc[mp["drawn"], "key_no"].tolist() == list(range(1, len(has_geometry) + 1))
    assert mp.loc[~mp["drawn"], "key_no"].isna().all()


# --------------------------------------------------------------------------- targets


@pytest.fixture(scope="module")
def tvo() -> pd.DataFrame:
    return analysis.targets_vs_outcomes()


def test_targets_vs_outcomes_2016_city_is_missing_not_zero(tvo):
    city16 = tvo[(tvo["year"] == 2016) & (tvo["scope"] == "city")]
    assert sorted(city16["target_id"]) == ["jx-2016-t1", "jx-2016-t2", "jx-2016-t3"]
    assert (city16["status"] == "not_reported").all()
    assert city16["value"].isna().all()
    assert city16["outcome_id"].tolist() == ["o006", "o007", "o008"]  # the recorded gaps


def test_targets_vs_outcomes_never_zero(tvo):
    assert not (tvo["value"] == 0).any()
    assert tvo.loc[tvo["status"] == "reported", "value"].notna().all()
    assert tvo.loc[tvo["status"] == "not_reported", "value"].isna().all()
    assert set(tvo["status"]) == {"reported", "not_reported"}


def test_targets_vs_outcomes_rows(tvo):
    assert sorted(tvo["year"].unique()) == [2016, 2017, 2018, 2019]
    # the city has a row in every target-year
    city = tvo[tvo["scope"] == "city"].groupby(["target_id", "year"]).size()
    assert len(city) == 12
    key = tvo.set_index(["target_id", "year", "scope"])
    talent17 = key.loc[("jx-2016-t1", 2017, "city")]
    # the target does not say "from Shanghai": a related indicator, by jxplan's judgement
    assert (talent17["value"], talent17["relation"]) == (319.0, "related_indicator")
    pinghu = tvo[tvo["scope"] == "county"]
    assert set(pinghu["adcode"]) == {"330482"}
    assert (pinghu["relation"] == "related_indicator").all()
    assert sorted(pinghu["outcome_id"]) == ["o011", "o012", "o027", "o029"]
    finance18 = key.loc[("jx-2016-t3", 2018, "city")]
    assert finance18["status"] == "not_reported" and finance18["outcome_id"] == "o034"
    assert (tvo["target_value"].drop_duplicates().tolist()) == [100.0, 200.0, 40.0]


def test_targets_vs_outcomes_years():
    one = analysis.targets_vs_outcomes(years=[2017])
    assert set(one["year"]) == {2017}
    assert (one["status"] == "reported").all()
