"""What Chinese users expect: Chinese tables in notebooks, CSV that Excel opens,
``--version``, messages in the user's language, notebooks that strip cleanly."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

REPO = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- display


def test_localize_gives_chinese_headings_and_labels_and_leaves_the_data_alone():
    import jxplan
    from jxplan import analysis
    from jxplan.display import localize

    tvo = analysis.targets_vs_outcomes()
    before = tvo.copy()
    shown = localize(tvo[["target_id", "unit", "relation", "status", "confidence"]], lang="zh")
    assert tvo.equals(before)
    assert shown.columns.tolist() == [("指标编号", "target_id"), ("单位", "unit"),
                                      ("与目标的关系", "relation"), ("状态", "status"),
                                      ("可信度", "confidence")]
    by_code = dict(zip(tvo["status"], shown[("状态", "status")], strict=True))
    assert by_code == {"reported": "已报道", "not_reported": "未见报道"}
    units = dict(zip(tvo["unit"], shown[("单位", "unit")], strict=True))
    assert units["persons"] == "人" and units["cny_100m"] == "亿元"
    relations = dict(zip(tvo["relation"].dropna(), shown[("与目标的关系", "relation")].dropna(),
                         strict=True))
    assert relations["same_indicator"] == "同一指标"
    assert relations["related_indicator"].startswith("相关指标")
    grades = set(shown[("可信度", "confidence")].dropna())
    assert any(g.startswith("C-mirror") for g in grades)
    # a missing value stays missing, never a label
    assert shown[("与目标的关系", "relation")].isna().sum() == tvo["relation"].isna().sum()
    assert localize(jxplan.load_plans(), lang="en").equals(jxplan.load_plans())


def test_every_code_a_notebook_shows_has_a_chinese_label():
    """The data's codes are guarded by meta's catalogue (tests/test_catalogue.py); the codes
    that only analysis and comparison results carry are guarded here."""
    import jxplan
    from jxplan import analysis
    from jxplan.display import localize

    frames = [analysis.targets_vs_outcomes()[["status", "relation", "unit", "confidence", "scope",
                                               "value_qualifier"]],
              jxplan.compare_plans("jx-2016", "jxgq-2017", by="action")[["status", "dimension"]],
              jxplan.compare_plans("jx-2016", "jx-2014-2016")[["status", "dimension"]],
              analysis.plan_periods()[["kind", "period_basis", "relation_to_2016"]],
              jxplan.project_counties()[["geometry_type"]]]
    for frame in frames:
        shown = localize(frame, lang="zh")
        for col in frame.columns:
            codes, labels = frame[col].dropna(), shown.xs(col, axis=1, level=1).iloc[:, 0].dropna()
            unlabelled = {c for c, text in zip(codes, labels, strict=True) if str(c) == str(text)}
            assert not unlabelled, (col, unlabelled)


def test_show_keeps_long_notes_whole_and_changes_no_pandas_option():
    import pandas as pd

    import jxplan
    from jxplan.display import show

    comparison = jxplan.compare_plans("jx-2016", "jxgq-2017", by="action")
    longest = max(comparison["note"].dropna(), key=len)
    assert len(longest) > 50
    width = pd.get_option("display.max_colwidth")
    table = show(comparison[["key", "status", "note"]], lang="zh")
    assert longest in table._repr_html_() and longest in repr(table)
    assert "两方案都有" in table._repr_html_()
    assert pd.get_option("display.max_colwidth") == width


# --------------------------------------------------------------------------- command line


def _run(*args, lang_env="C.UTF-8"):
    """A ``jxplan`` command in this process, with ``LANG=lang_env`` (no LANGUAGE, LC_*)."""
    return run_cli(*args, env={"LANG": lang_env, "LANGUAGE": None, "LC_ALL": None,
                               "LC_MESSAGES": None})


def test_version():
    """The real entry point, ``python -m jxplan``, in a fresh interpreter."""
    import jxplan

    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    out = subprocess.run([sys.executable, "-m", "jxplan", "--version"], capture_output=True,
                         text=True, env={**env, "LANG": "C.UTF-8"}, cwd=REPO)
    assert out.returncode == 0 and out.stdout.strip() == f"jxplan {jxplan.__version__}"


def test_messages_follow_the_environment_and_the_lang_option(tmp_path):
    zh = _run("export", "--format", "geojson", "--out", str(tmp_path / "a"),
              lang_env="zh_CN.UTF-8")
    assert zh.returncode == 0 and zh.stdout.startswith("已写入 ")
    en = _run("export", "--format", "geojson", "--out", str(tmp_path / "b"))
    assert en.returncode == 0 and en.stdout.startswith("wrote ")
    forced = _run("--lang", "en", "export", "--format", "geojson", "--out", str(tmp_path / "c"),
                  lang_env="zh_CN.UTF-8")
    assert forced.stdout.startswith("wrote ")
    bad = _run("--lang", "zh", "export", "--format", "xlsx", "--out", str(tmp_path / "d.xlsx"),
               "--encoding", "utf-8-sig")
    assert bad.returncode == 2 and "只适用于" in bad.stderr and "Traceback" not in bad.stderr
    assert "检查数据文件夹" in _run("--help", lang_env="zh_CN.UTF-8").stdout


def test_the_message_language_is_not_the_figures_language(tmp_path, monkeypatch):
    """`jxplan --lang zh figures --lang en` writes English figures with Chinese messages; the
    figures' --lang keeps its default (zh,en) whatever the message language."""
    from jxplan import cli, figures

    calls = []
    monkeypatch.setattr(figures, "build_all", lambda **kw: calls.append(kw) or [])
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert cli.main(["figures", "--out", str(tmp_path), "--only", "project_map"]) == 0
    assert cli.main(["--lang", "en", "figures", "--lang", "zh", "--out", str(tmp_path)]) == 0
    assert [c["langs"] for c in calls] == [["zh", "en"], ["zh"]]
    assert cli._lang_option(["--lang", "en", "figures", "--lang", "zh"]) == "en"
    assert cli._lang_option(["figures", "--lang", "zh"]) is None


def test_every_message_has_both_languages_and_the_same_fields():
    from jxplan.messages import MESSAGES

    for key, (zh, en) in MESSAGES.items():
        assert zh and en and re.search(r"[\u4e00-\u9fff]", zh), key
        assert sorted(re.findall(r"{(\w+)}", zh)) == sorted(re.findall(r"{(\w+)}", en)), key


# --------------------------------------------------------------------------- CSV with a BOM


def test_csv_export_with_a_bom_reads_back_the_same(tmp_path):
    from jxplan.exports import export

    plain = tmp_path / "plain"
    bom = tmp_path / "bom"
    export(format="csv", out=plain)
    written = export(format="csv", out=bom, bom=True)
    csvs = [p for p in written if p.suffix == ".csv"]
    assert csvs
    for path in csvs:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), path.name
        assert raw[3:] == (plain / path.name).read_bytes()
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert rows[0][0] and not rows[0][0].startswith("\ufeff")
    package = json.loads((bom / "datapackage.json").read_text("utf-8"))
    encodings = {r["path"]: r.get("encoding") for r in package["resources"]}
    assert all(encodings[p.name] == "utf-8-sig" for p in csvs)
    assert not (plain / "plans.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_bom_is_refused_for_formats_that_are_not_csv(tmp_path):
    from jxplan.exports import export

    with pytest.raises(ValueError, match="csv"):
        export(format="geojson", out=tmp_path / "g", bom=True)
    assert not (tmp_path / "g").exists()


# --------------------------------------------------------------------------- notebooks and git


def _builder():
    spec = importlib.util.spec_from_file_location("build_notebooks",
                                                  REPO / "tools" / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_nbstripout_leaves_a_built_notebook_unchanged(tmp_path):
    """What the git filter stores is exactly what the builder writes, so a notebook that was
    opened and saved in JupyterLab stages as its source-built self."""
    pytest.importorskip("nbstripout", reason="nbstripout comes with the notebooks/test extras")
    builder = _builder()
    rel, text = next(iter(builder.outputs().items()))
    nb = json.loads(text)
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["saved in lab\n"]}]
    code["execution_count"] = 7
    nb["metadata"]["widgets"] = {"state": {}}
    path = tmp_path / Path(rel).name
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "nbstripout", str(path)], check=True)
    assert path.read_text(encoding="utf-8") == text


def test_git_strips_notebooks_where_the_filter_is_set_up():
    attributes = (REPO / ".gitattributes").read_text(encoding="utf-8")
    assert re.search(r"^\*\.ipynb\s+filter=nbstripout\b", attributes, re.M)
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "filter.nbstripout.clean" in makefile and "--allow-root" in makefile
    assert "LAB_ARGS" in makefile and "root_dir" in makefile


def test_the_builder_rejects_a_chinese_cell_without_its_english_twin():
    builder = _builder()
    with pytest.raises(ValueError, match="twin"):
        builder.parse_source("%%% markdown zh\n# 标题\n%%% code\nLANG = \"zh\"\n")
    cells = builder.parse_source("%%% markdown zh\n# 标题\n%%% markdown en\n# Title\n"
                                 "%%% code\nLANG = \"zh\"\nx = 1\n%%% code only=teacher\ny = 2\n")
    en = json.loads(builder.build(cells, name="t", lang="en", edition="student"))
    assert [c["source"] for c in en["cells"]] == [["# Title"], ['LANG = "en"\n', "x = 1"]]


def test_chinese_readme_has_the_two_commands():
    text = (REPO / "README.zh.md").read_text(encoding="utf-8")
    assert "make figures" in text and "make test" in text
    assert "审图号" in text and "utf-8-sig" in text


def test_citation_cff_is_made_from_the_package_and_dataset_versions():
    import jxplan
    from jxplan import citation

    text = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    assert text == citation.citation_cff(), "CITATION.cff is stale: run `make citation`"
    assert f"version: {jxplan.__version__}" in text
    assert f'version: "{citation.dataset_version()}"' in text
    for form in (citation.bibtex(), citation.gb7714(lang="zh"), citation.gb7714(lang="en")):
        assert citation.dataset_version() in form
    assert "[DS/OL]" in citation.gb7714(lang="zh") and "引用日期" in citation.gb7714(lang="zh")
