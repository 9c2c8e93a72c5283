"""The five report figures (jxplan.plot) and their build (jxplan.figures).

The figures are checked through their data and their texts, not pixels:
each one is built in both languages with warnings turned into errors (a
missing glyph, a layout failure), drawn (laid out without rendering pixels:
the session's figure build renders them), and its Text artists collected.

Language rule for English figures: no Chinese characters, except inside
parentheses, where a proper noun or a document number may be quoted in the
original, e.g. "2016 implementation plan (嘉委办发〔2016〕27号)".
"""

from __future__ import annotations

import re
import types
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from jxplan import analysis, figures, plot
from jxplan.export import get_sources
from jxplan.labels import label
from jxplan.meta import GEO_RESOURCES, TABLES, credit_line

NAMES = list(figures.FIGURES)
LANGS = ("zh", "en")
CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef]")
PARENS = re.compile(r"\([^()]*\)|（[^（）]*）")


def _build(name: str, lang: str) -> Figure:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = figures.FIGURES[name](lang=lang)
        fig.draw_without_rendering()
    return fig


@pytest.fixture(scope="module")
def built():
    """Every figure in both languages, built once (warnings as errors)."""
    out = {(name, lang): _build(name, lang) for name in NAMES for lang in LANGS}
    yield out
    for fig in out.values():
        plt.close(fig)


def _texts(fig: Figure) -> list[str]:
    return plot.figure_texts(fig)


def _joined(fig: Figure) -> str:
    return "\n".join(_texts(fig))


def _flat(text: str) -> str:
    return text.replace("\n", "")


def english_ok(text: str) -> bool:
    """True when *text* has no Chinese outside parentheses."""
    previous = None
    while previous != text:  # strip nested parentheses from the inside out
        previous, text = text, PARENS.sub("", text)
    return not CJK.search(text)


def test_english_rule_itself():
    assert english_ok("2016 implementation plan (嘉委办发〔2016〕27号), 16 May 2016")
    assert english_ok("Jiaxing Station")
    assert not english_ok("Jiaxing 嘉兴")
    assert not english_ok("Jiaxing (station) 站")


# --------------------------------------------------------------------------- every figure


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_figure_builds_without_warnings_and_records_its_sources(built, name, lang):
    fig = built[(name, lang)]
    assert isinstance(fig, Figure)
    sources = get_sources(fig)
    assert sources, "the figure must record its data tables for the credit line"
    assert set(sources) <= set(TABLES) | set(GEO_RESOURCES)
    assert credit_line(list(sources), lang=lang)
    assert fig.get_suptitle() == label(f"figure.{name}", lang=lang)


@pytest.mark.parametrize("name", NAMES)
def test_english_figures_have_no_chinese_outside_parentheses(built, name):
    bad = [t for t in _texts(built[(name, "en")]) if not english_ok(t)]
    assert not bad, bad


@pytest.mark.parametrize("name", NAMES)
def test_chinese_figures_are_chinese(built, name):
    fig = built[(name, "zh")]
    assert CJK.search(fig.get_suptitle())
    # no English-only text: a Latin word appears only beside Chinese, or as an acronym
    texts = [t for t in _texts(fig) if re.search(r"[A-Za-z]{4,}", t)]
    assert all(CJK.search(t) or t.isupper() for t in texts), texts


def test_figures_are_drawn_at_their_export_size(built):
    from jxplan.export import SIZES

    for (name, _lang), fig in built.items():
        assert tuple(fig.get_size_inches()) == pytest.approx(SIZES[plot.FIGURE_SIZES[name]])


def test_unknown_language():
    with pytest.raises(ValueError, match="lang must be one of zh, en"):
        plot.measures_by_action(lang="de")


# --------------------------------------------------------------------------- what they show


@pytest.mark.parametrize("lang", LANGS)
def test_map_lists_unpublished_projects_and_does_not_draw_them(built, lang):
    fig = built[("project_map", lang)]
    ax = fig.axes[0]
    mp = analysis.map_projects()
    name = f"name_{lang}"
    note = next(t for t in _texts(fig) if label("not_published_note", lang=lang) in t)
    for row in mp[mp["note"].notna()].itertuples():
        # a line break may fall inside a name (at a space in English)
        assert getattr(row, name) in _flat(note) or getattr(row, name) in " ".join(note.split()), \
            getattr(row, name)
    # the numbered key lists exactly the drawn projects
    legends = {id(leg): leg for leg in fig.findobj(matplotlib.legend.Legend)}.values()
    title = label("map.legend.key", lang=lang)
    key = [leg for leg in legends if leg.get_title().get_text() == title]
    assert len(key) == 1
    labels = [t.get_text() for t in key[0].get_texts()]
    drawn = mp[mp["drawn"]]
    assert labels == [f"{r.key_no}  {getattr(r, name)}" for r in drawn.itertuples()]
    for row in mp[mp["note"].notna()].itertuples():
        assert not any(getattr(row, name) in lab for lab in labels)
    # one drawn line or marker per drawn project (plus a white casing per line)
    coloured = [ln for ln in ax.get_lines() if ln.get_color() != "white"]
    assert len(coloured) == len(drawn)
    # drawn in UTM 51N: metres, not degrees
    assert ax.get_xlim()[0] > 1e5


@pytest.mark.parametrize("lang,qingpu", [("en", "Qingpu\n0"), ("zh", "青浦区\n0")])
def test_county_choropleth_labels_counts_including_zero(built, lang, qingpu):
    texts = _texts(built[("county_projects", lang)])
    assert qingpu in texts
    assert ("Jinshan\n7" if lang == "en" else "金山区\n7") in texts


def test_measures_figure_marks_unknown_names_and_the_cut(built):
    en = _texts(built[("measures_by_action", "en")])
    assert sum(t == "(name not in the held text)" for t in en) == 4
    assert any("breaks off" in t for t in en)
    zh = _texts(built[("measures_by_action", "zh")])
    assert sum(t == "（所持文本未含名称）" for t in zh) == 4
    for title in analysis.measure_coverage()["measure_titles_zh"]:
        for part in filter(None, title.split(";")):
            assert any(part in t for t in zh), part


def test_timeline_shows_years_after_the_window(built):
    texts = _texts(built[("timeline_three_year_plan", "en")])
    assert "+9.0" in texts  # airport opened 2025-12-26
    assert "-8.0" in texts  # Hangzhou Bay bridge link approved 2009
    flat = _flat("\n".join(texts))
    for pid_name in analysis.project_order()["name_en"]:
        assert pid_name in flat
    for plan in analysis.plan_periods(plan_ids=analysis.TIMELINE_PLANS)["label_en"]:
        assert plan in flat


def test_targets_figure_never_draws_a_zero_bar(built):
    data = analysis.targets_vs_outcomes()
    for lang in LANGS:
        fig = built[("targets_outcomes", lang)]
        heights = [bar.get_height() for ax in fig.axes for c in ax.containers for bar in c]
        assert len(heights) == int((data["status"] == "reported").sum())
        assert all(h > 0 for h in heights)
    en = _texts(built[("targets_outcomes", "en")])
    n_gaps = int((data["status"] == "not_reported").sum())
    assert sum(t == "not reported" for t in en) == n_gaps + 1  # + the legend


def test_targets_not_reported_slot_is_not_a_bar(built):
    """A year without a figure: no patch at all in its slot, only words in a frame
    that floats at mid-panel (axes fractions) with no coloured fill."""
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Rectangle

    data = analysis.targets_vs_outcomes()
    targets = list(data.drop_duplicates("target_id")["target_id"])
    for lang in LANGS:
        fig = built[("targets_outcomes", lang)]  # drawn by the fixture
        panels = [ax for ax in fig.axes if ax.get_xticks().size]
        assert len(panels) == len(targets)
        for ax, tid in zip(panels, targets, strict=True):
            rows = data[data["target_id"] == tid]
            reported = sorted(float(v) for v in rows.loc[rows["status"] == "reported", "value"])
            # every patch is the bar of a reported value (none of height 0, none for a gap)
            rects = [p for p in ax.patches if isinstance(p, Rectangle)]
            assert sorted(p.get_height() for p in rects) == pytest.approx(reported)
            slots = [t for t in ax.texts if t.get_gid() == "not_reported"]
            assert len(slots) == int((rows["status"] == "not_reported").sum())
            ax_box = ax.get_window_extent()
            for slot in slots:
                x = slot.get_position()[0]
                assert not [p for p in rects if p.get_x() <= x <= p.get_x() + p.get_width()]
                # its height is a place in the panel, not a data value
                assert slot.get_transform() == ax.get_xaxis_transform()
                assert slot.get_position()[1] == 0.5
                frame = slot.get_bbox_patch()
                assert frame is not None
                assert to_rgba(frame.get_facecolor())[:3] == (1.0, 1.0, 1.0)
                assert frame.get_linestyle() not in ("-", "solid")
                assert frame.get_window_extent().y0 > ax_box.y0 + 0.15 * ax_box.height


# --------------------------------------------------------------------------- the build


#: Two quick figures for the in-process build; every figure is in the session's build.
SUBSET = ("measures_by_action", "targets_outcomes")


def test_build_all_writes_every_file_and_is_reproducible(tmp_path, built_figures):
    from jxplan.interactive import HTML_FIGURES

    # every figure, language and format: the session's build (`python -m jxplan figures
    # --format png,svg,pdf,html`, which calls build_all with every figure and every core)
    every = {f"{lang}/{name}.{ext}" for lang in LANGS for name in NAMES
             for ext in ("png", "svg", "pdf")}
    every |= {f"{lang}/{name}.html" for lang in LANGS for name in HTML_FIGURES}
    on_disk = {p.relative_to(built_figures).as_posix() for p in built_figures.rglob("*")
               if p.is_file()}
    assert on_disk == every
    assert all((built_figures / f).stat().st_size > 0 for f in on_disk)
    # in this process, a subset with the default formats
    backend = matplotlib.get_backend()
    open_before = plt.get_fignums()
    lines: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        paths = figures.build_all(out_dir=tmp_path / "a", names=SUBSET, echo=lines.append)
    written = [p.relative_to(tmp_path / "a").as_posix() for p in paths]
    assert written == [f"{lang}/{name}.{ext}" for lang in LANGS for name in SUBSET
                       for ext in ("png", "svg", "pdf")]
    assert all(p.stat().st_size > 0 for p in paths)
    n = 2 * len(SUBSET)
    assert len(lines) == n
    pattern = re.compile(rf"^\[(\d+)/{n}\] (zh|en)/([a-z_]+): png svg pdf \(\d+\.\d s\)$")
    matches = [pattern.match(line) for line in lines]
    assert all(matches), lines
    assert [(int(m.group(1)), f"{m.group(2)}/{m.group(3)}") for m in matches] == list(
        enumerate((f"{lang}/{name}" for lang in LANGS for name in SUBSET), start=1))
    # no pyplot figure left behind, the user's backend untouched
    assert plt.get_fignums() == open_before
    assert matplotlib.get_backend() == backend
    # the same bytes as the session's build (another process, jobs = every core)
    for path, rel in zip(paths, written, strict=True):
        assert path.read_bytes() == (built_figures / rel).read_bytes(), rel


def test_build_all_rejects_unknown_names_and_formats(tmp_path):
    with pytest.raises(ValueError, match="valid names: project_map, county_projects"):
        figures.build_all(out_dir=tmp_path, names=["project_mpa"], echo=None)
    with pytest.raises(ValueError, match="valid formats"):
        figures.build_all(out_dir=tmp_path, formats=("jpg",), echo=None)
    with pytest.raises(ValueError, match="lang"):
        figures.build_all(out_dir=tmp_path, langs=("fr",), echo=None)
    assert not any(tmp_path.iterdir())


def test_html_is_skipped_with_a_message_without_the_interactive_module(tmp_path, monkeypatch):
    monkeypatch.setattr(figures, "_html_module", lambda: None)
    lines: list[str] = []
    paths = figures.build_all(out_dir=tmp_path, langs=("en",), formats=("html",),
                              names=["project_map"], echo=lines.append)
    assert paths == []
    assert any("html" in line and "skipped" in line for line in lines)


def test_html_goes_to_the_interactive_module(tmp_path, monkeypatch):
    calls = []

    def write_html(name, *, lang, out_dir):
        target = tmp_path / lang / f"{name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("<html></html>", encoding="utf-8")
        calls.append((name, lang))
        return target

    fake = types.SimpleNamespace(HTML_FIGURES=("project_map",), write_html=write_html)
    monkeypatch.setattr(figures, "_html_module", lambda: fake)
    lines: list[str] = []
    paths = figures.build_all(out_dir=tmp_path, langs=("zh", "en"), formats=("html",),
                              names=["project_map", "targets_outcomes"], echo=lines.append)
    assert calls == [("project_map", "zh"), ("project_map", "en")]
    assert [p.name for p in paths] == ["project_map.html", "project_map.html"]
    assert lines[0].startswith("[1/4] zh/project_map: html")
    assert "targets_outcomes: nothing to write" in lines[1]


def test_figure_sizes_are_named_export_sizes():
    from jxplan.export import SIZES

    assert set(plot.FIGURE_SIZES) == set(figures.FIGURES)
    assert set(plot.FIGURE_SIZES.values()) <= set(SIZES)
    assert figures.figure_size("timeline_three_year_plan") == "report-tall"


def test_parallel_build_writes_the_same_bytes_in_the_same_order(tmp_path):
    import hashlib

    def build(jobs):
        out = tmp_path / f"jobs{jobs}"
        paths = figures.build_all(out_dir=out, langs=("zh", "en"), formats=("png", "svg"),
                                  names=["measures_by_action"], jobs=jobs, echo=None)
        return [(p.relative_to(out).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
                for p in paths]

    serial, parallel = build(1), build(2)
    assert len(serial) == 4
    assert parallel == serial


def test_jobs_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        figures.build_all(out_dir=tmp_path, names=["measures_by_action"], jobs=0, echo=None)


# --------------------------------------------------------------------------- schematic maps


def _polygon_collections(ax):
    from matplotlib.collections import PathCollection

    return [c for c in ax.collections if type(c) is PathCollection]


def test_schematic_project_map_draws_no_administrative_boundary():
    """boundaries=False: the map's polygons are GSHHG land and lakes only; the note says so."""
    from jxplan.geo import load_context

    context = load_context()
    n_land = int((context["kind"] == "land").sum())
    n_lakes = int((context["kind"] == "lake").sum())
    full = plot.project_map(lang="en")
    schematic = plot.project_map(lang="en", boundaries=False)
    try:
        full_polys = [len(c.get_paths()) for c in _polygon_collections(full.axes[0])]
        polys = [len(c.get_paths()) for c in _polygon_collections(schematic.axes[0])]
        assert len(full_polys) == 6  # land, context units, counties, 2 city outlines, lakes
        assert polys == [n_land, n_lakes]
        land = _polygon_collections(schematic.axes[0])[0]
        assert not land.get_linewidths().any()  # land has no drawn edge
        texts = _texts(schematic)
        assert any(t.startswith("Schematic: no administrative boundary")
                   for t in "\n".join(texts).splitlines())
        assert not any("Schematic: no administrative" in t for t in _texts(full))
        assert "Land (no administrative units)" in texts and "Jiaxing counties" not in texts
        # the same projects are drawn
        assert len(schematic.axes[0].lines) == len(full.axes[0].lines)
    finally:
        plt.close(full)
        plt.close(schematic)


def test_schematic_county_figure_has_no_county_polygons():
    from matplotlib.colors import to_hex

    table = analysis.county_project_table()
    fig = plot.county_projects(lang="zh", boundaries=False)
    try:
        ax_map = fig.axes[0]
        polys = _polygon_collections(ax_map)
        assert len(polys) == 2  # land and lakes
        boxed = [t for t in ax_map.texts if t.get_bbox_patch() is not None]
        assert len(boxed) == len(table)
        counts = sorted(int(t.get_text().split("\n")[1]) for t in boxed)
        assert counts == sorted(table["total"].astype(int))
        # a box's colour is its count's class
        from jxplan.layout import count_classes

        _, _, colors = count_classes(table["total"].astype(int))
        assert {to_hex(t.get_bbox_patch().get_facecolor()) for t in boxed} == \
            {to_hex(c) for c in colors.values()}
        assert any("示意图" in t for t in _texts(fig))
    finally:
        plt.close(fig)


def test_schematic_base_map_refuses_fills():
    from matplotlib.figure import Figure

    from jxplan import layers
    from jxplan.geo import PROJECTED_CRS, load_context, load_counties
    from jxplan.layout import study_extent

    counties = load_counties(context=True).to_crs(PROJECTED_CRS)
    ax = Figure().add_subplot()
    with pytest.raises(ValueError, match="boundaries=False"):
        layers.base_map(ax, counties, load_context().to_crs(PROJECTED_CRS),
                        extent=study_extent(counties), fills={"330402": "red"}, boundaries=False)
