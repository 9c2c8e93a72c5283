"""One catalogue of words: value labels from the metadata, one label(), one language check."""

from __future__ import annotations

import inspect

import pytest

from jxplan import labels, meta


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


@pytest.mark.parametrize("field", sorted(f.name for f in meta.FIELDS.values() if f.enum))
def test_every_coded_value_has_zh_and_en(field):
    codes = meta.FIELDS[field].enum
    assert field in meta.VALUE_LABELS, f"{field} has an enum but no value labels"
    assert list(meta.VALUE_LABELS[field]) == list(codes), "labels in the enum's order, no extra"
    for code in codes:
        zh, en = meta.VALUE_LABELS[field][code]
        assert zh.strip() and en.strip(), f"{field}.{code} lacks a label"
        assert _has_cjk(zh) or zh == code, f"{field}.{code}: the zh label is not Chinese"
        assert not _has_cjk(en), f"{field}.{code}: the en label has Chinese characters"


def test_value_labels_cover_exactly_the_enum_fields_and_units():
    enum_fields = {f.name for f in meta.FIELDS.values() if f.enum}
    assert set(meta.VALUE_LABELS) == enum_fields | {"unit"}


def test_every_field_has_a_chinese_column_heading():
    """Column headings live in meta, once: every field has one, and display reads them there."""
    from jxplan import display

    missing = sorted(set(meta.FIELDS) - set(meta.COLUMN_LABELS_ZH))
    assert not missing, f"fields without a Chinese heading in meta.COLUMN_LABELS_ZH: {missing}"
    for column, heading in meta.COLUMN_LABELS_ZH.items():
        assert _has_cjk(heading), f"{column}: {heading!r} is not a Chinese heading"
    assert display.COLUMN_LABELS_ZH is meta.COLUMN_LABELS_ZH
    assert "COLUMN_LABELS_ZH: dict" not in inspect.getsource(display), "defined twice"


def test_derived_value_labels_have_zh_and_en_and_do_not_shadow_a_field():
    from jxplan import display

    for column, codes in meta.DERIVED_VALUE_LABELS.items():
        field_codes = set(meta.VALUE_LABELS.get(column, {}))
        assert not field_codes & set(codes), f"{column}: a derived code repeats a field code"
        for code, (zh, en) in codes.items():
            assert _has_cjk(zh) and en.strip() and not _has_cjk(en), f"{column}.{code}"
            assert display.DERIVED_VALUE_LABELS_ZH[column][code] == zh


def test_every_unit_in_the_data_has_a_label():
    from jxplan.io import load_outcomes, load_targets

    used = set(load_targets()["unit"].dropna()) | set(load_outcomes()["unit"].dropna())
    assert used, "no units read"
    assert used <= set(meta.VALUE_LABELS["unit"]), used - set(meta.VALUE_LABELS["unit"])


def test_label_reads_value_labels_and_the_figure_words():
    assert labels.label("event_type.opened", lang="zh") == "开通"
    assert labels.label("precision.site", lang="en") == labels.label("geometry_precision.site",
                                                                     lang="en") == "site"
    assert labels.label("figure.project_map", lang="zh") == "嘉兴接轨上海交通项目分布"
    with pytest.raises(KeyError, match=r"no label 'mode\.train'"):
        labels.label("mode.train", lang="zh")


def test_value_labels_maps_a_column():
    import pandas as pd

    col = pd.Series(["rail", "bus"])
    assert col.map(labels.value_labels("mode", lang="en")).tolist() == ["Rail", "Cross-border bus"]


def test_one_language_check():
    assert labels.check_lang is meta.check_lang
    for call in (lambda: labels.label("mode.rail", lang="fr"),
                 lambda: labels.value_labels("mode", lang="fr"),
                 lambda: meta.credit_line(["measures"], lang="fr")):
        with pytest.raises(ValueError, match="lang must be one of zh, en, not 'fr'"):
            call()


def test_no_catalogue_key_shadows_a_value_label():
    for key in labels.LABELS:
        field = key.partition(".")[0]
        assert field not in meta.VALUE_LABELS and field not in labels._FIELD_ALIASES, key


# --------------------------------------------------------------------------- code guards

import ast  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

PACKAGE = Path(labels.__file__).parent
#: Modules that draw: every word they show comes from the catalogue.
PLOTTING = sorted(p.name for p in PACKAGE.glob("*.py")
                  if p.stem in {"plot", "interactive", "figures"}
                  or p.stem.startswith(("layers", "interactive_layers"))
                  or p.stem.endswith("_record"))  # the scorecard and lineage figures
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_KEY_SHAPE = re.compile(r"^(?:figure|map|area|legend|county|measures|timeline|targets|html|sep"
                        r"|plan|period)\.[a-z0-9_.-]+$")


def _all_keys() -> set[str]:
    keys = set(labels.LABELS)
    for field, codes in meta.VALUE_LABELS.items():
        keys |= {f"{field}.{code}" for code in codes}
    for alias, field in labels._FIELD_ALIASES.items():
        keys |= {f"{alias}.{code}" for code in meta.VALUE_LABELS[field]}
    return keys


def _tree(name: str) -> ast.Module:
    return ast.parse((PACKAGE / name).read_text(encoding="utf-8"))


def _docstrings(tree: ast.Module) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def test_plotting_modules_are_found():
    assert {"plot.py", "interactive.py"} <= set(PLOTTING)


@pytest.mark.parametrize("module", PLOTTING)
def test_every_key_the_code_uses_exists(module):
    keys = _all_keys()
    used = 0
    tree = _tree(module)
    in_fstrings = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "label" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant):
                assert arg.value in keys, f"{module}:{node.lineno}: no label {arg.value!r}"
                used += 1
            elif isinstance(arg, ast.JoinedStr):
                pattern = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+"
                                  for v in arg.values)
                assert any(re.fullmatch(pattern, k) for k in keys), \
                    f"{module}:{node.lineno}: no label matches {pattern!r}"
                used += 1
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in in_fstrings and _KEY_SHAPE.match(node.value):
            assert node.value in keys, f"{module}:{node.lineno}: no label {node.value!r}"
    if module != "figures.py":
        assert used, f"{module} uses no label at all"


@pytest.mark.parametrize("module", PLOTTING)
def test_no_cjk_literal_in_plotting_code(module):
    tree = _tree(module)
    docs = _docstrings(tree)
    found = [f"{module}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in docs and _CJK.search(node.value)]
    assert found == [], "Chinese text belongs in jxplan.labels.LABELS: " + "; ".join(found)


def test_catalogue_entries_are_bilingual():
    for key, pair in labels.LABELS.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        zh, en = pair
        assert zh and en, f"{key} lacks a zh or en text"
        if not key.startswith(("sep.", "html.graded", "html.qualified", "html.name_code")):
            assert not _CJK.search(en) or "嘉委办发" in en, f"{key}: Chinese in the en text"


def test_every_catalogue_word_is_used():
    """No dead words: each key of LABELS appears in the code (literally or as an f-string)."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.glob("*.py")
                        if p.name != "labels.py")
    patterns = set()
    for name in [p.name for p in PACKAGE.glob("*.py")]:
        for node in ast.walk(_tree(name)):
            if isinstance(node, ast.JoinedStr):
                pattern = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+"
                                  for v in node.values)
                if "\\." in pattern:
                    patterns.add(pattern)
    unused = [k for k in labels.LABELS
              if f'"{k}"' not in sources and f"'{k}'" not in sources
              and not any(re.fullmatch(p, k) for p in patterns)]
    assert unused == [], f"words no figure shows: {unused}"
