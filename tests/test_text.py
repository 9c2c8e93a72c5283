"""Policy-instrument coding and text measures (jxplan.text)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from jxplan import text
from jxplan.io import load_goals, load_measures, load_projects

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_4a82f9acf3260205.txt"
needs_seed = pytest.mark.skipif(
    not SEED.is_file(),
    reason="the held plan text is read from ../shared/seeds/ (not shipped); that folder is absent")


@pytest.fixture(scope="module")
def seed_units() -> pd.Series:
    return text.unit_texts(SEED.read_text(encoding="utf-8"))


def test_codebook_has_three_types_with_bilingual_definitions():
    book = text.load_instrument_codebook()
    assert tuple(sorted(book["instrument_type"].unique())) == tuple(sorted(text.INSTRUMENT_TYPES))
    for col in ("type_zh", "type_en", "subtype_zh", "subtype_en", "definition_zh",
                "definition_en", "literature"):
        assert book[col].notna().all(), col
    # each code starts with its type
    assert all(code.startswith(t + "-") for code, t in book["instrument_type"].items())
    # every code has at least one keyword for the suggester
    keyword_codes = set(text.load_instrument_keywords().index.get_level_values("instrument_code"))
    assert keyword_codes == set(book.index)


def test_jxplan_coding_is_marked_as_judgement_and_covers_every_unit():
    codes = text.load_instrument_codes()
    assert set(codes["coded_by"]) == {"jxplan"}
    assert codes["reason_en"].str.len().min() > 10
    units = set(load_measures().index) | set(load_goals().index)
    assert set(codes["unit_id"]) <= units
    assert set(codes["unit_id"]) == units, "every held measure and goal is coded"
    assert codes["quote_zh"].str.len().max() <= 30, "quotations stay short"


@needs_seed
def test_every_quotation_is_in_the_plan_at_its_page():
    body = SEED.read_text(encoding="utf-8")
    flat = re.sub(r"\n+\d+、", "", "\n" + body).replace("\n", "")
    for cid, row in text.load_instrument_codes().iterrows():
        pos = flat.find(row["quote_zh"])
        assert pos >= 0, f"{cid}: quotation not in the held text"
        # pages are counted from the preview's footers, as for the measures
        assert row["source_page"] == 1 + flat[:pos].count("—15—"), cid


@needs_seed
def test_unit_texts_cut_every_held_measure_and_goal(seed_units):
    assert set(seed_units.index) == set(load_measures().index) | set(load_goals().index)
    assert seed_units["jx-2016-m04"].startswith("4.推进轨道铁路网建设")
    assert "5.推进公路公交网建设" not in seed_units["jx-2016-m04"]
    assert "当前文档最多预览" not in seed_units["jx-2016-m07"], "the preview cut is not text"


def test_names_stay_whole_in_segmentation():
    names = list(load_projects(geometry=False)["name_zh"].dropna())
    assert any("（" in n for n in names), "names with brackets are in the test"
    for name in names:
        assert text.segment(name) == [name], name
    assert "沪乍杭铁路" in text.segment("抓紧推进沪乍杭铁路建设")
    # the plan writes names without the data's bracketed qualifier, or by their short name
    assert "杭州湾跨海大桥北接线" in text.segment("开工建设杭州湾跨海大桥北接线二期")
    assert "沪乍杭高铁" in text.segment("推进沪乍杭高铁前期工作")


def test_segmentation_leaves_the_users_jieba_alone():
    import jieba

    text.segment("沪乍杭铁路")
    assert "沪乍杭铁路" not in jieba.dt.user_word_tag_tab
    assert jieba.dt.FREQ.get("沪乍杭铁路") is None


def test_user_dictionary_formats(tmp_path):
    jieba_lines = text.user_dictionary(path=tmp_path / "dict.txt").splitlines()
    assert (tmp_path / "dict.txt").read_text(encoding="utf-8").splitlines() == jieba_lines
    words = {line.split(" ")[0] for line in jieba_lines}
    assert set(load_projects(geometry=False)["name_zh"].dropna()) <= words
    assert "南湖区" in words and "嘉善县" in words
    assert all(re.fullmatch(r"\S+ \d+ (ns|nt|nz)", line) for line in jieba_lines)
    hanlp = text.user_dictionary(fmt="hanlp").splitlines()
    assert all(re.fullmatch(r"\S+ (ns|nt|nz) \d+", line) for line in hanlp)
    with pytest.raises(ValueError, match="fmt"):
        text.user_dictionary(fmt="pkuseg")


def test_term_frequencies_drop_stopwords_and_count():
    tf = text.term_frequencies({"u": "推进规划编制，编制方案；加快上海对接"})
    counts = dict(zip(tf["term"], tf["count"], strict=True))
    assert counts["编制"] == 2
    assert not set(counts) & text.STOPWORDS


def test_similarity_bounds():
    s = text.similarity({"a": "轨道交通线网规划"}, {"same": "线网规划轨道交通", "none": "柔性引才"})
    assert s.loc["a", "same"] == pytest.approx(1.0)
    assert s.loc["a", "none"] == 0.0
    assert list(s.index) == ["a"] and list(s.columns) == ["same", "none"]


def test_suggester_names_its_terms_and_prefers_longer_terms():
    s = text.suggest_instruments({"u": "开工建设杭州湾跨海大桥北接线，启动编制铁路枢纽总图规划"})
    row = s.set_index("instrument_code").loc["supply-infrastructure"]
    assert "接线" in row["terms"].split(";")
    plan = s.set_index("instrument_code").loc["environment-goal-planning"]
    assert set(plan["terms"].split(";")) >= {"规划", "编制", "总图"}
    assert plan["strength"] == "high"
    assert set(s["coded_by"]) == {"jxplan-suggester"}
    # a term inside a longer term that matched counts once
    assert text._found_terms("全年招引高层次人才", ["人才", "高层次人才"]) == ["高层次人才"]
    assert text.suggest_instruments({"u": "天气晴朗"}).empty


def test_kappa_on_a_hand_computed_example():
    a = pd.DataFrame({"unit_id": ["u1", "u2"], "instrument_code": ["supply-talent", "supply-funding"]})
    b = pd.DataFrame({"unit_id": ["u1", "u2"], "instrument_code": ["supply-talent", "supply-talent"]})
    r = text.agreement(a, b)
    n = 2 * len(text.load_instrument_codebook())
    # agree on 26 of 28 decisions; each coder says yes twice
    po = 26 / n
    pe = (2 / n) ** 2 + (1 - 2 / n) ** 2
    assert r["n"] == n
    assert r["kappa"] == pytest.approx((po - pe) / (1 - pe))
    assert set(r["disagreements"]["code"]) == {"supply-talent", "supply-funding"}
    same = text.agreement(a, a)
    assert same["kappa"] == pytest.approx(1.0) and same["disagreements"].empty
    t = text.agreement(a, b, level="type")
    assert t["n"] == 6 and t["kappa"] == pytest.approx(1.0)


@needs_seed
def test_reported_agreement_matches_the_data(seed_units):
    """The README reports jxplan-vs-suggester agreement; it must match what the code computes."""
    r = text.agreement(text.load_instrument_codes(), text.suggest_instruments(seed_units),
                       units=seed_units.index)
    readme = (Path(__file__).resolve().parents[1] / "data" / "README.md").read_text(encoding="utf-8")
    m = re.search(r"Cohen's kappa ([0-9.]+)\s+over\s+(\d+)\s+decisions\s+\((\d+)\s+disagreements\)", readme)
    assert m, "data/README.md reports the agreement"
    assert float(m.group(1)) == pytest.approx(round(r["kappa"], 2))
    assert int(m.group(2)) == r["n"] and int(m.group(3)) == len(r["disagreements"])
    assert 0 < r["kappa"] <= 1 and not math.isnan(r["kappa"])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_coding_template_round_trip(tmp_path, suffix):
    s = text.suggest_instruments({"u1": "编制规划，建设铁路", "u2": "柔性引才"})
    sheet = text.coding_template(s, tmp_path / f"coding{suffix}")
    frame = (pd.read_excel(sheet, dtype=str, keep_default_na=False) if suffix == ".xlsx"
             else pd.read_csv(sheet, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
    frame["decision"] = ["accept"] * len(frame)
    frame.loc[0, "decision"] = "reject"
    frame.loc[len(frame) - 1, ["decision", "final_code"]] = ["change", "supply-funding"]
    frame["reason_en"] = "because"
    frame["coder"] = "student A"
    if suffix == ".xlsx":
        frame.to_excel(sheet, index=False)
    else:
        frame.to_csv(sheet, index=False, encoding="utf-8-sig")
    coded = text.load_coding(sheet)
    assert len(coded) == len(frame) - 1
    assert coded["instrument_code"].iloc[-1] == "supply-funding"
    assert set(coded["coded_by"]) == {"student A"}


def test_load_coding_names_every_bad_row(tmp_path):
    sheet = tmp_path / "bad.csv"
    pd.DataFrame({"unit_id": ["u1", "u2", "u3"], "instrument_code": ["supply-talent"] * 3,
                  "decision": ["accept", "change", "maybe"], "final_code": ["", "supply-gold", ""],
                  "reason_en": ["", "x", "x"], "coder": ["a", "a", "a"]}).to_csv(sheet, index=False)
    with pytest.raises(text.CodingError) as err:
        text.load_coding(sheet)
    msg = str(err.value)
    assert "row 2: a kept code needs a reason" in msg
    assert "row 3: code 'supply-gold' is not in the codebook" in msg
    assert "row 4: decision must be" in msg


def test_instrument_mix_and_matrix_count_every_code():
    codes = text.load_instrument_codes()
    mix = text.instrument_mix()
    assert int(mix["n_codes"].sum()) == len(codes)
    assert set(mix.index) == set(text.load_instrument_codebook().index)  # zeros listed
    assert mix["share"].sum() == pytest.approx(1.0)
    m = text.instrument_matrix()
    assert int(m.to_numpy().sum()) == len(codes)
    assert m.loc["supply-infrastructure", "jx-2016-a2"] == 3


def test_compare_wording_is_evidence_not_a_status():
    from jxplan.parse import parse_plan_text

    parsed = parse_plan_text("二、重点任务\n1.推进轨道交通建设。编制线网规划。\n2.加强人才引进。\n",
                             plan_id="demo")
    w = text.compare_wording("jx-2016", parsed.measures)
    assert list(w.columns) == ["measure_id_a", "measure_id_b", "similarity", "shared_terms",
                               "compared"]
    assert set(w["measure_id_a"]) == set(load_measures().index)
    rail = w.set_index("measure_id_a").loc["jx-2016-m04"]
    assert rail["similarity"] > 0 and "建设" in rail["shared_terms"].split(";")
    talent = w.set_index("measure_id_a").loc["jx-2016-m07"]
    assert talent["measure_id_b"] == parsed.measures["measure_id"].iloc[1]
    assert set(w["compared"]) == {"titles"}
    assert w["similarity"].between(0, 1).all()
