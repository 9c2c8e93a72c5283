"""The asks of the 2016 plan, their verdicts, and the line of plans that named each project."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import jxplan
from jxplan import scorecard as sc

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "000_4a82f9acf3260205.txt"


@pytest.fixture(scope="module")
def card() -> pd.DataFrame:
    return sc.scorecard()


# --------------------------------------------------------------------------- asks


def test_every_measure_and_goal_of_the_held_text_has_asks():
    asks = jxplan.load_asks()
    measures = jxplan.load_measures()
    goals = jxplan.load_goals()
    assert set(asks["group_id"]) == set(measures.index) | set(goals.index)
    assert (asks["measure_id"].isna() ^ asks["goal_id"].isna()).all()  # exactly one is set
    assert asks["ask_no"].groupby(asks["group_id"]).apply(
        lambda s: sorted(s) == list(range(1, len(s) + 1))).all()


def test_deadlines_follow_the_text():
    asks = jxplan.load_asks()
    default = asks[asks["deadline_basis"] == "plan_year"]
    assert (default["deadline"] == pd.Timestamp("2016-12-31")).all()
    period = asks[asks["deadline_basis"] == "stated_period"]
    assert period.index.tolist() == ["jx-2016-m06-k8"]  # 十三五时期
    assert period["deadline"].iloc[0] == pd.Timestamp("2020-12-31")
    assert asks.loc["jx-2016-m06-k3", "deadline_basis"] == "stated_year"  # 年内


def test_quotations_are_short_and_the_summaries_are_not_them():
    asks = jxplan.load_asks()
    assert (asks["quote_zh"].str.len() <= 24).all()
    assert not asks["summary_en"].str.contains(r"[\u4e00-\u9fff]", regex=True).any()
    assert asks["source_page"].between(2, 5).all()


def test_measure_7_is_only_as_far_as_the_text_goes():
    m7 = jxplan.load_asks(measure_id="jx-2016-m07")
    assert len(m7) == 3
    assert "breaks off" in m7["note_en"].iloc[-1]


@pytest.mark.skipif(not SEED.is_file(), reason="the held text (../shared/seeds) is not here")
def test_every_quotation_is_in_the_held_text_on_its_page():
    text = SEED.read_text(encoding="utf-8")
    flat = re.sub(r"\n+\d、", "", text)  # the preview's chunk prefixes
    pages = flat.split("—15—")  # page footers
    asks = jxplan.load_asks()
    assert len(pages) == 5
    for ask_id, ask in asks.iterrows():
        no = int(ask["source_page"])
        page = pages[no - 1] + (pages[no][:40] if no < len(pages) else "")  # a quote may run over
        assert ask["quote_zh"] in page, ask_id


def test_delivered_by_fits_the_kind_of_ask():
    asks = jxplan.load_asks()
    ruled = asks[asks["delivered_by"].notna()]
    assert len(ruled) >= 4
    for ask_id, ask in ruled.iterrows():
        assert ask["delivered_by"] in sc.KIND_EVENTS[ask["deliverable_kind"]], ask_id
        assert pd.notna(ask["project_id"]), ask_id


# --------------------------------------------------------------------------- verdicts


def test_shipped_verdicts_pass_their_checks():
    assert sc.check_verdicts() == []


def test_a_verdict_without_evidence_fails():
    verdicts = jxplan.load_ask_verdicts().copy()
    ask = "jx-2016-m01-k4"
    verdicts.loc[ask, ["evidence_ids", "source_url"]] = pd.NA
    problems = sc.check_verdicts(verdicts)
    assert problems == [f"{ask}: verdict done_by_deadline/done_by_deadline names no evidence"]


def test_an_unknown_evidence_id_fails():
    verdicts = jxplan.load_ask_verdicts().copy()
    verdicts.loc["jx-2016-m06-k5", "evidence_ids"] = "wat-dingzhu-99"
    assert any("wat-dingzhu-99" in p for p in sc.check_verdicts(verdicts))


def test_a_verdict_on_weak_pages_only_says_so():
    verdicts = jxplan.load_ask_verdicts().copy()
    ask = "jx-2016-m06-k5"  # in progress as of the record's date
    verdicts.loc[ask, ["evidence_ids", "source_url"]] = ["bus-xindai-jinshanbei-2", pd.NA]
    assert any(p.startswith(f"{ask}: rests on weak pages only")
               for p in sc.check_verdicts(verdicts))
    verdicts.loc[ask, "confidence"] = "W"
    verdicts.loc[ask, "reason_en"] = "One weak page (grade W) only."
    assert sc.check_verdicts(verdicts) == []


def test_done_late_needs_a_date_after_the_deadline():
    verdicts = jxplan.load_ask_verdicts().copy()
    verdicts.loc["jx-2016-g1-k3", "delivered_date"] = "2016-11"
    assert any("done_late needs" in p for p in sc.check_verdicts(verdicts))


def test_scorecard_refuses_bad_verdicts(monkeypatch):
    def broken():
        v = jxplan.io.read_table("ask_verdicts").copy()
        v.loc["jx-2016-m01-k4", ["evidence_ids", "source_url"]] = pd.NA
        return v

    monkeypatch.setattr(jxplan.io, "load_ask_verdicts", broken)
    with pytest.raises(ValueError, match="names no evidence"):
        sc.scorecard()


def test_every_verdict_but_unknown_names_its_evidence(card):
    known = card[(card["verdict_at_deadline"] != "unknown") | (card["verdict_as_of"] != "unknown")]
    assert len(known) >= 15
    assert (known["evidence_ids"].notna() | known["source_url"].str.startswith("http")).all()
    assert (known["basis"] != "none").all()
    assert card.loc[card["basis"] == "none", ["verdict_at_deadline", "verdict_as_of"]].eq(
        "unknown").all().all()


def test_rule_verdicts_agree_with_the_milestones(card):
    """Recompute every rule verdict straight from milestones.csv: actual events only, each date
    read at its stated precision (a year-precise date is the whole year)."""
    ms = jxplan.load_milestones().reset_index()
    ms = ms[ms["event_status"] == "actual"]
    rules = card[(card["basis"] == "rule") & card["project_id"].notna()]
    assert len(rules) >= 1
    asks = jxplan.load_asks()
    as_of = card["as_of"].iloc[0]
    ends = {"year": pd.offsets.YearEnd(0), "month": pd.offsets.MonthEnd(0)}
    for row in rules.itertuples():
        event = asks.loc[row.ask_id, "delivered_by"]
        mine = ms[(ms["project_id"] == row.project_id) & (ms["event_type"] == event)]
        first = mine.sort_values("date_start").iloc[0]
        assert row.evidence_ids == first["milestone_id"]
        start = first["date_start"]
        precision = first["date_precision"]
        end = start + ends[precision] if precision in ends else start
        deadline = asks.loc[row.ask_id, "deadline"]
        expected_at = ("done_by_deadline" if end <= deadline
                       else "not_done" if start > deadline else "unknown")
        assert row.verdict_at_deadline == expected_at, row.ask_id
        if end <= as_of and expected_at != "unknown":
            assert row.verdict_as_of == ("done_by_deadline" if expected_at == "done_by_deadline"
                                         else "done_late"), row.ask_id
    # a milestone the audit typed planned (or a status report) never decides an ask
    assert set(card.loc[card["basis"] == "rule", "evidence_ids"].dropna()) & set(
        jxplan.load_milestones().query("event_status == 'planned'").index) == set()
    # and the hand-coded table never contradicts a rule
    assert card["conflict"].isna().all()


def test_a_judgement_that_contradicts_the_rule_is_flagged(monkeypatch):
    def contradicting():
        v = jxplan.io.read_table("ask_verdicts").copy()
        v.loc["jx-2016-g3-k2"] = v.loc["jx-2016-g4-k2"]  # says unknown; the rule agrees
        v.loc["jx-2016-m05-k1"] = v.loc["jx-2016-m06-k7"]  # says late; rule: on time
        return v

    monkeypatch.setattr(jxplan.io, "load_ask_verdicts", contradicting)
    monkeypatch.setattr(sc, "check_verdicts", lambda *a, **k: [])
    c = sc.scorecard().set_index("ask_id")
    assert pd.isna(c.loc["jx-2016-g3-k2", "conflict"])
    assert "judgement not_done vs rule done_by_deadline" in c.loc["jx-2016-m05-k1", "conflict"]
    assert c.loc["jx-2016-m05-k1", "verdict_as_of"] == "done_by_deadline"  # the rule wins


def test_wanbei_started_on_time_and_hujiashen_was_late(card):
    c = card.set_index("ask_id")
    assert c.loc["jx-2016-m05-k1", ["verdict_at_deadline", "verdict_as_of"]].tolist() == [
        "done_by_deadline", "done_by_deadline"]
    late = c.loc["jx-2016-m06-k7"]
    assert (late["verdict_at_deadline"], late["verdict_as_of"]) == ("not_done", "done_late")
    # a year-precise date: between 0 and 1 year late, not a made-up day
    assert (float(late["years_late"]), float(late["years_late_max"])) == (0.0, 1.0)


def test_planned_milestones_do_not_count(monkeypatch):
    real = jxplan.io.load_milestones

    def with_planned(**kw):
        ms = real(**kw).copy()
        ms.loc["road-wanbei-phase2-2", ["event_type", "event_status"]] = ["planned_start",
                                                                          "planned"]
        return ms

    monkeypatch.setattr(jxplan.io, "load_milestones", with_planned)
    c = sc.scorecard().set_index("ask_id")
    assert c.loc["jx-2016-m05-k1", "basis"] == "none"  # the only start left is a planned one
    assert c.loc["jx-2016-m05-k1", "verdict_at_deadline"] == "unknown"


def test_as_of_an_earlier_date(card):
    early = sc.scorecard(as_of="2017-06-30").set_index("ask_id")
    # judged: its scheme is dated 2018, so in mid-2017 it was still not done
    assert early.loc["jx-2016-m04-k3", "verdict_as_of"] == "not_done"
    assert early.loc["jx-2016-m05-k1", "verdict_as_of"] == "done_by_deadline"  # rule: 2016-07-01
    assert early.loc["jx-2016-m06-k7", "verdict_as_of"] == "unknown"  # "2017" is too coarse
    # a judgement about 2025 says nothing of mid-2017
    assert early.loc["jx-2016-m04-k5", "verdict_as_of"] == "unknown"
    assert early.loc["jx-2016-m04-k5", "verdict_at_deadline"] == "not_done"


def test_quantitative_asks_are_unknown_not_failed(card):
    c = card.set_index("ask_id")
    for ask, outcome in [("jx-2016-g3-k2", "o006"), ("jx-2016-g3-k3", "o007"),
                         ("jx-2016-g3-k4", "o008")]:
        assert c.loc[ask, ["basis", "verdict_as_of", "evidence_ids"]].tolist() == [
            "rule", "unknown", outcome]


def test_unknown_is_never_counted_as_not_done(card):
    counts = sc.scorecard_counts(card=card)
    total = counts[counts["group_id"] == "all"].set_index("verdict")
    for col, verdict_col in (("n_at_deadline", "verdict_at_deadline"),
                             ("n_as_of", "verdict_as_of")):
        assert int(total.loc["unknown", col]) == int((card[verdict_col] == "unknown").sum())
        assert int(total.loc["not_done", col]) == int((card[verdict_col] == "not_done").sum())
        assert int(total[col].sum()) == len(card)
    # every group has a row for every verdict: zeros are real zeros
    assert counts.groupby("group_id").size().eq(len(sc.VERDICTS)).all()
    m03 = counts[counts["group_id"] == "jx-2016-m03"].set_index("verdict")
    assert int(m03.loc["not_done", "n_as_of"]) == 0 and int(m03.loc["unknown", "n_as_of"]) == 5


def test_done_no_later_than_keeps_the_verdict_unknown(card):
    bounded = card[card["done_no_later_than"].notna()]
    assert len(bounded) >= 4
    assert (bounded["verdict_as_of"] == "unknown").all()


def test_data_as_of_prefers_a_declared_date(monkeypatch):
    from jxplan import meta

    assert sc.data_as_of() == pd.Timestamp(meta.DATA_AS_OF)
    monkeypatch.setattr(meta, "DATA_AS_OF", "2026-11-30")
    assert sc.data_as_of() == pd.Timestamp("2026-11-30")
    assert sc.scorecard()["as_of"].iloc[0] == pd.Timestamp("2026-11-30")


def test_the_figures_as_of_column_names_the_data_as_of_date():
    import matplotlib.pyplot as plt

    from jxplan import meta, plot_record

    for lang, word in (("zh", "截至"), ("en", "as of")):
        fig = plot_record.scorecard(lang=lang)
        try:
            ticks = [t.get_text() for ax in fig.axes for t in ax.get_xticklabels()]
        finally:
            plt.close(fig)
        assert f"{word}{'' if lang == 'zh' else ' '}{meta.DATA_AS_OF}" in ticks, ticks


# --------------------------------------------------------------------------- the line of plans


def test_mentions_load_with_provenance():
    m = jxplan.load_mentions()
    assert m["source_url"].str.startswith("http").all()
    assert m["confidence"].isin(["C", "C-mirror", "D"]).all()
    judged = m[m["match_is_judgement"]]
    assert judged["note_en"].notna().all()  # a judgement says why
    assert "jx-2014-2016" not in set(m["plan_id"])


def test_new_plans_joined_the_registry_with_provenance():
    plans = jxplan.load_plans()
    for pid in ("jx-2017-master-plan", "jx-2020-hub", "jx-14fyp-transport"):
        assert plans.loc[pid, "source_url"].startswith("http")
        assert plans.loc[pid, "relation_to_2016"] == "successor"
    assert list(plans.index[-3:]) == ["jx-2017-master-plan", "jx-2020-hub", "jx-14fyp-transport"]


def test_mention_grid_keeps_unknown_apart():
    g = sc.mention_grid()
    plans, projects = jxplan.load_plans(), jxplan.load_projects(geometry=False)
    assert len(g) == len(plans) * len(projects)
    three = g[g["plan_id"] == "jx-2014-2016"]
    assert set(three["status"]) == {"unknown"}
    assert three["note"].eq("only the plan's title is known").all()
    # no plan's full text is held, so nothing is "not named"
    assert "not_named" not in set(g["status"])
    named = g[g["status"] == "named"]
    assert len(named) == len(jxplan.load_mentions()) + jxplan.load_asks()["project_id"].nunique()
    assert named["mention_kind"].notna().all() and named["plan_year"].notna().all()


def test_lineage_summary_counts_the_plans():
    s = sc.lineage_summary().set_index("project_id")
    assert s.loc["rail-huzhahang", "n_plans_naming"] == 4
    assert s.loc["rail-huzhahang", "plan_ids"].split(";")[0] == "jx-2016"
    assert pd.isna(s.loc["rail-huzhahang", "years_named_before_start"])  # never started itself
    assert float(s.loc["air-jiaxing-airport", "years_named_before_start"]) == 2.61


def test_compare_plans_uses_mentions():
    t = jxplan.compare_plans("jx-2016", "jx-2020-hub", by="project")
    both = t[t["status"] == "in_both"]
    assert set(both["key"]) == {"rail-huzhahang", "air-jiaxing-airport"}
    assert "mentions" in both["note"].iloc[0]
    # what the 2020 plan is not known to name stays unknown, not only_a
    assert "only_a" not in set(t["status"])
    wanbei = t[t["key"] == "road-wanbei-phase2"]
    assert set(wanbei["status"]) == {"unknown"}
    assert "only the projects recorded in mentions.csv" in wanbei["note"].iloc[0]
    # a plan with neither measures nor mentions: all unknown, as before
    assert set(jxplan.compare_plans("jx-2016", "jxgq-2017", by="project")["status"]) == {"unknown"}


# --------------------------------------------------------------------------- teaching


def test_exercise_7_computes_its_answer_from_the_data(monkeypatch):
    from jxplan import teaching

    card = sc.scorecard().set_index("ask_id").loc[teaching.VERDICT_ASK]
    right = (card["verdict_at_deadline"], card["verdict_as_of"])
    assert teaching.check_exercise_7(right).ok
    assert teaching.check_exercise_7(", ".join(right)).ok
    assert not teaching.check_exercise_7(("unknown", "unknown")).ok
    assert not teaching.check_exercise_7(("done_by_deadline", right[1])).ok
    assert not teaching.check_exercise_7("done").ok  # one verdict is not two
    assert not teaching.check_exercise_7(None).ok
    # a corrected record changes the expected answer: a published scheme dated 2016 decides it
    real = jxplan.io.load_milestones

    def earlier(**kw):
        ms = real(**kw).copy()
        ms.loc["rail-l4l5-docking-2", ["date", "date_precision", "event_type"]] = [
            "2016-11", "month", "plan_published"]
        return ms

    monkeypatch.setattr(jxplan.io, "load_milestones", earlier)
    assert teaching.check_exercise_7(("done_by_deadline", "done_by_deadline")).ok
    assert not teaching.check_exercise_7(right).ok


# --------------------------------------------------------------------------- figure data


def test_scorecard_layout_has_a_header_per_group_and_a_row_per_ask(card):
    from jxplan.layers_record import scorecard_layout

    for lang in ("zh", "en"):
        rows = scorecard_layout(card, lang=lang)
        asks = rows[rows["row_kind"] == "ask"]
        assert asks["ask_id"].tolist() == card["ask_id"].tolist()
        assert (rows["row_kind"] == "group").sum() == card["group_id"].nunique()
        assert rows["y"].tolist() == list(range(len(rows)))
        # lateness only for late asks, and the bound only where the verdict stays unknown
        assert asks.loc[asks["years_late"].notna(), "verdict_as_of"].eq("done_late").all()
        assert asks.loc[asks["bound_years"].notna(), "verdict_as_of"].eq("unknown").all()
        assert asks["judged"].tolist() == (card["basis"] == "judgement").tolist()
    zh = scorecard_layout(card, lang="zh")
    assert zh.loc[zh["ask_id"] == "jx-2016-m05-k1", "label"].iloc[0].startswith("5.1 开工建设")


def test_unknown_is_drawn_as_unknown():
    from jxplan.layers_record import VERDICT_STYLE

    assert set(VERDICT_STYLE) == set(sc.VERDICTS)
    assert not VERDICT_STYLE["unknown"]["filled"]
    assert VERDICT_STYLE["unknown"]["color"] != VERDICT_STYLE["not_done"]["color"]
    assert len({s["marker"] for v, s in VERDICT_STYLE.items() if v != "unknown"}) == 5


def test_lineage_layout_marks_every_mention_and_milestone():
    from jxplan.labels import label
    from jxplan.layers_record import EVENT_STYLE, MENTION_STYLE, lineage_layout

    lay = lineage_layout(lang="en")
    grid = sc.mention_grid()
    assert len(lay["mentions"]) == int((grid["status"] == "named").sum())
    assert set(lay["mentions"]["mention_kind"]) <= set(MENTION_STYLE)
    assert "jx-2014-2016" not in set(lay["mentions"]["plan_id"])
    ms = jxplan.load_milestones()
    kinds = {t for types, _m in EVENT_STYLE.values() for t in types}
    assert len(lay["milestones"]) == int(ms["event_type"].isin(kinds).sum())
    assert lay["projects"]["y"].tolist() == list(range(len(jxplan.load_projects(geometry=False))))
    # year-precise dates span their year
    year = lay["milestones"][lay["milestones"]["date"].str.len() == 4]
    assert ((year["x_end"] - year["x"]) > 0.99).all()
    assert lay["plans"]["number"].tolist() == list(range(1, len(lay["plans"]) + 1))
    for key in ([f"mention_kind.{k}" for k in MENTION_STYLE]
                + [f"lineage.event_{g}" for g in EVENT_STYLE]):
        assert label(key, lang="zh") and label(key, lang="en")


def test_record_figures_keep_the_users_rcparams():
    import matplotlib
    import matplotlib.pyplot as plt

    from jxplan import plot_record

    with matplotlib.rc_context({"font.size": 14.0, "axes.spines.top": True}):
        before = dict(matplotlib.rcParams)
        for make in (plot_record.scorecard, plot_record.lineage):
            fig = make(lang="zh")
            plt.close(fig)
        assert dict(matplotlib.rcParams) == before


def test_interactive_record_figures_carry_the_same_data(tmp_path):
    from jxplan import interactive, interactive_record

    assert {"scorecard", "lineage"} <= set(interactive.HTML_FIGURES)
    card = sc.scorecard()
    fig = interactive_record.scorecard(lang="en")
    shown = {}
    for trace in fig.data:
        if trace.type == "scatter" and trace.legendgroup in sc.VERDICTS:
            for x, _y in zip(trace.x, trace.y, strict=True):
                shown.setdefault(x, []).append(trace.legendgroup)
    for x, col in ((0, "verdict_at_deadline"), (1, "verdict_as_of")):
        assert sorted(shown[x]) == sorted(card[col].tolist())
    lin = interactive_record.lineage(lang="zh")
    marks = sum(len(t.x) for t in lin.data if t.legendgroup.startswith("mention."))
    assert marks == int((sc.mention_grid()["status"] == "named").sum())
    a = interactive.write_html("lineage", lang="en", out_dir=tmp_path / "a")
    b = interactive.write_html("lineage", lang="en", out_dir=tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
