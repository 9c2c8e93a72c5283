"""One catalogue of words: value labels from the metadata, one label(), one language check."""

from __future__ import annotations

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
    with pytest.raises(KeyError, match="no label 'mode.train'"):
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
