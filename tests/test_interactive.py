"""Interactive figures: what the plotly figures hold, the HTML files, and a real browser.

The browser tests (``-m slow``) open each HTML file from ``file://`` in
headless Chromium with every network route closed, take a screenshot and
check it: the map and the timeline are drawn, the mode colours are there,
Chinese text is real glyphs and not "tofu" boxes, and the page asked for
nothing over the network (the requests Chromium reports for the page).  One
browser, on a machine without any Chinese font (DejaVu only), serves every
page of the module, a tab each (``tests/browser.py``): each page brings its
own font, so it draws there as it does anywhere.  They skip with a reason
where Chromium is not installed (``.ci/run`` installs the Debian package).
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import json
import re
from pathlib import Path

import pytest
from browser import Browser, start

import jxplan
from jxplan import interactive
from jxplan.labels import MODE_COLORS
from jxplan.meta import MODES

CJK = re.compile(r"[\u3400-\u9fff]")


# --------------------------------------------------------------------------- figures


@pytest.fixture(scope="module")
def projects():
    return jxplan.load_projects()


@pytest.fixture(scope="module")
def maps():
    return {lang: interactive.project_map(lang=lang) for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def timelines():
    return {lang: interactive.timeline(lang=lang) for lang in ("zh", "en")}


def _project_traces(fig):
    return [t for t in fig.data if t.meta and t.meta.get("project_id")]


def _drawn(projects):
    return projects[projects.geometry.notna() & ~projects.geometry.is_empty]


def test_map_has_one_legend_group_per_mode(maps, projects):
    fig = maps["en"]
    traces = _project_traces(fig)
    modes_drawn = set(_drawn(projects)["mode"])
    assert {t.legendgroup for t in traces} == modes_drawn
    for t in traces:  # every project sits in its own mode's group
        assert t.legendgroup == projects.at[t.meta["project_id"], "mode"] == t.meta["mode"]
    for mode in modes_drawn:  # exactly one legend entry per mode, named for the mode
        entries = [t for t in fig.data if t.legendgroup == mode and t.showlegend is not False]
        assert len(entries) == 1, mode
        assert entries[0].name == jxplan.labels.label(f"mode.{mode}", lang="en")
    assert fig.layout.legend.groupclick == "togglegroup"


def test_map_draws_every_located_project_once_and_schematic_dashed(maps, projects):
    fig = maps["zh"]
    ids = [t.meta["project_id"] for t in _project_traces(fig)]
    assert sorted(ids) == sorted(_drawn(projects).index)
    for t in _project_traces(fig):
        precision = projects.at[t.meta["project_id"], "geometry_precision"]
        if t.mode and "lines" in t.mode:
            assert t.line.dash == ("dash" if precision == "schematic" else "solid")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_not_published_projects_are_listed_not_drawn(maps, projects, lang):
    fig = maps[lang]
    note = next(a for a in fig.layout.annotations if a.name == "not-drawn")
    text = html.unescape(re.sub(r"</?b>", "", note.text))
    text = text.replace("<br>", "" if lang == "zh" else " ")
    hidden = projects[projects["geometry_precision"] == "not_published"]
    assert len(hidden) > 0
    drawn_ids = {t.meta["project_id"] for t in _project_traces(fig)}
    trace_names = {t.name for t in fig.data}
    for pid, row in hidden.iterrows():
        assert row[f"name_{lang}"] in text, pid
        assert pid not in drawn_ids
        assert row[f"name_{lang}"] not in trace_names


def test_hover_texts_are_in_the_chosen_language(maps, projects):
    for pid_trace in _project_traces(maps["en"]):
        pid = pid_trace.meta["project_id"]
        hover = pid_trace.hovertemplate
        assert html.escape(projects.at[pid, "name_en"], quote=False).split()[0] in hover
        assert not CJK.search(hover), (pid, hover)
    for pid_trace in _project_traces(maps["zh"]):
        pid = pid_trace.meta["project_id"]
        hover = pid_trace.hovertemplate.replace("<br>", "")
        assert projects.at[pid, "name_zh"] in hover
        assert "2016年" in hover and "最新进展" in hover
    counties_en = [t for t in maps["en"].data if t.meta and t.meta.get("adcode")]
    counties_zh = [t for t in maps["zh"].data if t.meta and t.meta.get("adcode")]
    assert counties_en and len(counties_en) == len(counties_zh)
    assert all(not CJK.search(t.text) and "km²" in t.text for t in counties_en)
    assert all(CJK.search(t.text) for t in counties_zh)
    assert maps["zh"].layout.title.text == "嘉兴接轨上海交通项目分布"
    assert not CJK.search(maps["en"].layout.title.text)


def test_county_hover_counts_declared_projects(maps, projects):
    declared = projects["adcodes"].dropna().str.split(";").explode().value_counts()
    by_code = {t.meta["adcode"]: t.text for t in maps["en"].data if t.meta and t.meta.get("adcode")}
    for code in ("330402", "330482", "310118"):
        assert f"Projects declaring this county: {int(declared.get(code, 0))}" in by_code[code]
        assert code in by_code[code]


def test_modes_filter_keeps_only_the_airport():
    fig = interactive.project_map(lang="en", modes=["air"])
    assert [t.meta["project_id"] for t in _project_traces(fig)] == ["air-jiaxing-airport"]
    assert {t.legendgroup for t in fig.data if t.legendgroup in MODES} == {"air"}
    airport = _project_traces(fig)[0]
    assert airport.mode.startswith("markers") and len(airport.x) == 1
    assert not any(a.name == "not-drawn" for a in fig.layout.annotations)


def test_schematic_map_draws_no_administrative_boundary(maps, projects):
    """boundaries=False: no county polygon, no city outline, one land; the note says so."""
    full = maps["zh"]
    assert [t for t in full.data if t.meta and t.meta.get("adcode")]  # the default draws them
    assert [t for t in full.data if t.name == "outline"]
    for lang in ("zh", "en"):
        fig = interactive.project_map(lang=lang, boundaries=False)
        assert not [t for t in fig.data if t.meta and (t.meta.get("adcode") or t.meta.get("role")
                                                       or "county" in str(t.meta))]
        assert not [t for t in fig.data if t.name == "outline" or "county" in
                    str(t.legendgroup or "")]
        assert all(t.hoverinfo == "skip" for t in fig.data if t.fill == "toself"
                   and t.name in ("land", "sea"))
        assert [t.name for t in fig.data if t.name == "land"]
        # the projects are all still there
        assert {t.meta["project_id"] for t in _project_traces(fig)} == \
            {t.meta["project_id"] for t in _project_traces(maps[lang])}
        first_note = fig.layout.annotations[0].text
        assert first_note.startswith("示意图" if lang == "zh" else "Schematic")
        assert not maps[lang].layout.annotations[0].text.startswith(first_note[:3])


def test_unknown_mode_is_refused_with_the_valid_modes():
    with pytest.raises(ValueError,
                       match=r"unknown mode 'train'.*Valid: air, bus, rail, road, waterway"):
        interactive.project_map(modes=["rail", "train"])
    with pytest.raises(ValueError, match="lang must be one of"):
        interactive.timeline(lang="fr")


def test_map_keeps_its_shape_and_uses_only_cartesian_scatter(maps):
    fig = maps["zh"]
    assert {t.type for t in fig.data} == {"scatter"}
    assert fig.layout.yaxis.scaleanchor == "x"
    assert 1.1 < fig.layout.yaxis.scaleratio < 1.2  # 1/cos(30.8°)
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.plot_bgcolor == "white"
    assert "Noto Sans SC" in fig.layout.font.family


def test_timeline_has_one_marker_per_milestone(timelines):
    milestones = jxplan.load_milestones()
    for lang, fig in timelines.items():
        markers = [t for t in fig.data if t.meta and t.meta.get("event_type")]
        ids = [m for t in markers for m in t.customdata]
        assert sorted(ids) == sorted(milestones.index), lang
        assert sum(len(t.x) for t in markers) == len(milestones)
        for t in markers:  # one trace per event type, its markers all of that type
            assert set(milestones.loc[list(t.customdata), "event_type"]) == {t.meta["event_type"]}
        hover = " ".join(text for t in markers for text in t.text)
        assert ("距2014–2016年窗口结束" in hover) == (lang == "zh")
        assert "zh.wikipedia.org" in hover  # source URLs are shown


def test_timeline_rows_and_three_year_band(timelines, projects):
    fig = timelines["en"]
    assert len(fig.layout.yaxis.tickvals) == len(projects)
    band = next(s for s in fig.layout.shapes if s.name == "plan-jx-2014-2016")
    assert (band.x0, band.x1) == ("2014-01-01", "2017-01-01")
    assert (band.yref, band.y0, band.y1) == ("paper", 0, 1)
    labels = [a.text for a in fig.layout.annotations if a.name == "plan-jx-2014-2016"]
    assert labels and "2014–2016" in labels[0]
    zh_label = [a.text for a in timelines["zh"].layout.annotations if a.name == "plan-jx-2014-2016"]
    assert "三年行动计划" in zh_label[0]


def test_timeline_dates_keep_the_source_precision(timelines):
    fig = timelines["en"]
    markers = {m: text for t in fig.data if t.meta and t.meta.get("event_type")
               for m, text in zip(t.customdata, t.text, strict=True)}
    assert "Date: 2018 (year only)" in markers["rail-l4l5-docking-2"]
    assert "Date: 2025-08 (month only)" in markers["rail-hsr-shanghai-hangzhou-1"]
    assert "Date: 2025-12-26<br>" in markers["air-jiaxing-airport-6"]
    assert "+9.0 years" in markers["air-jiaxing-airport-6"]


# ----------------------------------------------------------------------------- HTML


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_write_html_is_self_contained_and_byte_identical(tmp_path, built_figures):
    from plotly.offline import get_plotlyjs

    plotlyjs = get_plotlyjs()
    for name in interactive.HTML_FIGURES:  # what `jxplan figures` wrote, in both languages
        for lang in ("zh", "en"):
            text = (built_figures / lang / f"{name}.html").read_text(encoding="utf-8")
            assert not re.search(r"<script[^>]*\bsrc=", text)  # no external script at all
            assert '<script src="http' not in text
            assert plotlyjs in text  # plotly.js inlined
            assert f'id="jxplan-{name}-{lang}"' in text
            assert '"displaylogo":false' in text.replace(" ", "")
    # written here, in this process: the same bytes as the build (another process), twice
    first = interactive.write_html("project_map", lang="zh", out_dir=tmp_path / "a")
    assert first == tmp_path / "a" / "zh" / "project_map.html"
    assert _sha256(first) == _sha256(built_figures / "zh" / "project_map.html")
    again = interactive.write_html("project_map", lang="zh", out_dir=tmp_path / "a")  # overwrite
    assert again == first and _sha256(again) == _sha256(built_figures / "zh" / "project_map.html")
    assert [p.name for p in (tmp_path / "a" / "zh").iterdir()] == [
        "project_map.html"]  # no temporary files left behind


def test_write_html_refuses_unknown_names(tmp_path):
    with pytest.raises(ValueError,
                       match="unknown figure 'project-map'; did you mean 'project_map'"):
        interactive.write_html("project-map", lang="en", out_dir=tmp_path)
    with pytest.raises(ValueError, match="lang must be one of"):
        interactive.write_html("project_map", lang="de", out_dir=tmp_path)
    assert not any(tmp_path.iterdir())


# ----------------------------------------------------------------- a real browser

def _fonts_conf(folder: Path, font_dirs: list[Path], *, system: bool) -> Path:
    """A fontconfig file that shows Chromium only ``font_dirs`` (plus, with
    ``system``, the system configuration)."""
    folder.mkdir(parents=True, exist_ok=True)
    dirs = "\n".join(f"  <dir>{html.escape(str(d))}</dir>" for d in font_dirs)
    include = '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' if system else ""
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig>\n{dirs}\n{include}"
                    f"  <cachedir>{html.escape(str(folder / 'fc-cache'))}</cachedir>\n"
                    "</fontconfig>\n", encoding="utf-8")
    return conf


def _latin_only_fonts_conf(folder: Path) -> Path:
    """DejaVu only (matplotlib's own copy): a machine without any CJK font."""
    import matplotlib

    return _fonts_conf(folder, [Path(matplotlib.get_data_path()) / "fonts" / "ttf"], system=False)


def _start_browser(work: Path, fonts_conf: Path) -> Browser:
    """A browser (``tests/browser.py``) that sees the fonts of ``fonts_conf`` (or a skip)."""
    return start(work, env={"FONTCONFIG_FILE": str(fonts_conf)})


def _screenshot(browser: Browser, page: Path):
    """Open ``page`` from file:// in a 1400 x 1000 tab; return (RGB array, network requests)."""
    shown = browser.open(page.resolve().as_uri(), dom=False)
    return _read_png(io.BytesIO(shown.png)), shown.requests


def _read_png(path):
    """RGB uint8 array of a PNG file or stream (Pillow, or matplotlib's reader)."""
    import numpy as np

    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with matplotlib
        import matplotlib.image

        data = matplotlib.image.imread(path)[..., :3]
        return (data * 255).round().astype(np.uint8)
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"))


def _near(img, colour: str, tol: float = 30.0) -> int:
    """Number of pixels within ``tol`` (RGB distance) of ``colour``."""
    import numpy as np

    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int32)
    return int((((img.astype(np.int32) - rgb) ** 2).sum(axis=2) < tol * tol).sum())


def _distinct_colours(img, step: int = 8) -> int:
    """Number of distinct colours, each channel cut into ``step``-wide bins."""
    import numpy as np

    q = (img // step).astype(np.int32)
    return len(np.unique((q[..., 0] << 16) | (q[..., 1] << 8) | q[..., 2]))


def _blend(colour: str, opacity: float) -> str:
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 * (1 - opacity) + c * opacity) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)



def _title_glyphs(img, *, font_px: int, n_chars: int):
    """Crops of the glyphs of the figure title (its first ``n_chars`` CJK cells).

    The title is the first line of dark ink from the top, left of the mode bar;
    glyphs are the runs of columns that hold ink.
    """
    import numpy as np

    gray = img.mean(axis=2)
    band = gray[:120, : int(img.shape[1] * 0.6)]
    ink_rows = (band < 140).any(axis=1)
    rows = np.flatnonzero(ink_rows)
    if rows.size == 0:
        return []
    top = bottom = int(rows[0])
    while bottom + 1 < len(ink_rows) and ink_rows[bottom + 1]:
        bottom += 1
    line = 1.0 - band[max(top - 2, 0): bottom + 3] / 255.0
    cols = np.flatnonzero((line > 0.45).any(axis=0))
    left = int(cols[0])
    line = line[:, left: left + int(n_chars * font_px)]
    inked = (line > 0.45).any(axis=0)
    crops, start = [], None
    for x, has_ink in enumerate([*inked, False]):
        if has_ink and start is None:
            start = x
        elif not has_ink and start is not None:
            crops.append(line[:, start:x])
            start = None
    return crops


def _distinct_glyphs(img, *, font_px: int, n_chars: int) -> tuple[int, float]:
    """(number of glyphs found, share of neighbouring glyphs that differ).

    A missing font draws every CJK character as the same .notdef box ("tofu"):
    the glyphs are then all alike (share ~0), or there is no ink at all.
    Real glyphs of different characters differ (share ~1).
    """
    import numpy as np

    crops = _title_glyphs(img, font_px=font_px, n_chars=n_chars)
    if len(crops) < 2:
        return len(crops), 0.0
    differ = 0
    for a, b in itertools.pairwise(crops):
        width = max(a.shape[1], b.shape[1])
        a2 = np.pad(a, ((0, 0), (0, width - a.shape[1])))
        b2 = np.pad(b, ((0, 0), (0, width - b.shape[1])))
        if np.abs(a2 - b2).sum() / max(a2.sum(), b2.sum(), 1e-9) > 0.25:
            differ += 1
    return len(crops), differ / (len(crops) - 1)


def _leading_cjk(text: str) -> int:
    n = 0
    for ch in text:
        if not CJK.match(ch):
            break
        n += 1
    return n


def _page_layout(page: Path) -> dict:
    """The layout a page hands to ``Plotly.newPlot`` (the title it draws, among others)."""
    text = page.read_text(encoding="utf-8")
    decoder, pos = json.JSONDecoder(), text.index("Plotly.newPlot(") + len("Plotly.newPlot(")
    values = []
    for _ in range(3):  # the div id, the traces, the layout
        while text[pos] in " \t\r\n,":
            pos += 1
        value, pos = decoder.raw_decode(text, pos)
        values.append(value)
    return values[2]


def _assert_real_cjk_glyphs(img, layout: dict) -> None:
    title = layout["title"]["text"]
    n = _leading_cjk(title)
    found, share = _distinct_glyphs(img, font_px=int(layout["title"]["font"]["size"]), n_chars=n)
    # Real glyphs: about one ink run per character, nearly all unlike their
    # neighbours.  Tofu: identical boxes, or narrower boxes followed by the
    # Latin text after the title's Chinese (too many runs); no font: no ink.
    assert n // 2 <= found <= n + n // 2 and share >= 0.8, (
        f"the Chinese title {title[:n]!r} looks like tofu boxes or is missing: "
        f"{found} glyphs, {share:.0%} of neighbours differ")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One Chromium, for the module's pages, on a machine without any Chinese font (DejaVu
    only; one font cache for every page)."""
    fonts_conf = _latin_only_fonts_conf(tmp_path_factory.mktemp("fontconfig-latin"))
    with _start_browser(tmp_path_factory.mktemp("chromium"), fonts_conf) as b:
        yield b


@pytest.fixture(scope="module")
def html_pages(built_figures):
    """The session's HTML files (``write_html`` writes the same bytes, tested above)."""
    return {(name, lang): built_figures / lang / f"{name}.html"
            for name in interactive.HTML_FIGURES for lang in ("zh", "en")}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", interactive.HTML_FIGURES)
def test_html_renders_offline_in_chromium(html_pages, browser, name, lang):
    """Drawn, offline, with its colours, on a machine without any Chinese font (DejaVu
    only): the HTML embeds a subset of the packaged font, so its text reads the same there
    (the page's own face takes precedence over any installed font of the name, so this is
    also how it draws where one is installed)."""
    img, requests = _screenshot(browser, html_pages[(name, lang)])
    assert requests == [], "the page asked for something over the network"
    assert img.shape[:2] == (1000, 1400)
    colours = _distinct_colours(img)
    # flat bars, cells and markers have fewer shades than a map or a timeline
    least = {"scorecard": 150, "instruments": 100}.get(name, 300)
    assert colours > least, f"only {colours} distinct colours: the page looks blank"
    if name == "instruments":
        from jxplan.layers_text import TYPE_COLORS

        for colour in TYPE_COLORS.values():  # the bars of each instrument type are drawn
            assert _near(img, colour, 8) > 2_000, f"no bar of colour {colour}"
    if name == "project_map":
        plot = img[90:720, :1000]  # the map, left of the legend
        assert (plot.min(axis=2) < 245).mean() > 0.5, "the map area is mostly white"
        assert _near(plot, interactive._FILL["jiaxing"], 8) > 50_000  # Jiaxing counties
        assert _near(plot, interactive._FILL["shanghai"], 8) > 20_000  # Shanghai districts
        from jxplan.analysis import map_projects

        mp = map_projects()
        drawn = set(mp.loc[mp["drawn"], "mode"])  # only projects with sourced points are drawn
        assert drawn == {"air", "rail"}
        for mode in drawn:  # every drawn mode shows (lines, or the airport star)
            assert _near(plot, MODE_COLORS[mode], 40) > 25, f"{mode} not visible"
        assert _near(plot, MODE_COLORS["rail"], 40) > 400  # five rail lines and a station
    elif name == "timeline_three_year_plan":
        plot = img[150:900, 250:1150]
        assert _near(plot, _blend("#f4b266", 0.30), 10) > 10_000  # the 2014-2016 band
        assert _near(plot, "#e6550d", 40) > 100  # construction-start markers
        assert _near(plot, "#1a7f37", 40) > 100  # opening markers
    if lang == "zh":
        _assert_real_cjk_glyphs(img, _page_layout(html_pages[(name, lang)]))


@pytest.mark.slow
def test_browser_checks_fail_without_the_font_or_with_a_cdn(html_pages, browser, tmp_path):
    """The checks above are not vacuous: they catch tofu and network requests."""
    layout = _page_layout(html_pages[("project_map", "zh")])
    # the page without its embedded font, on a machine without a Chinese font: tofu
    page = html_pages[("project_map", "zh")].read_text(encoding="utf-8")
    stripped = re.sub(r"<style>@font-face.*?</style>", "", page, count=1, flags=re.S)
    assert stripped != page, "the page embeds no font"
    bare = tmp_path / "no-font.html"
    bare.write_text(stripped, encoding="utf-8")
    img, _requests = _screenshot(browser, bare)
    with pytest.raises(AssertionError, match="tofu"):
        _assert_real_cjk_glyphs(img, layout)

    cdn = tmp_path / "cdn.html"
    cdn.write_text('<html><body><script src="https://cdn.plot.ly/plotly-2.0.0.min.js">'
                   "</script>x</body></html>", encoding="utf-8")
    _img, requests = _screenshot(browser, cdn)
    assert requests == ["https://cdn.plot.ly/plotly-2.0.0.min.js"]


def test_interactive_layers_compose_a_figure_of_ones_own():
    import plotly.graph_objects as go

    from jxplan import interactive_layers as il
    from jxplan.geo import load_context, load_counties

    counties = il.county_roles(load_counties(context=True))
    fig = go.Figure(go.Scatter(x=[120.75], y=[30.75], name="my site"))
    il.sea(fig, load_context())
    hovers = {str(a): str(a) for a in counties["adcode"]}
    il.county_polygons(fig, counties, lang="en", hovers=hovers)
    il.county_names(fig, il.county_label_points(counties, lang="en"))
    assert fig.data[0].name == "my site"
    assert {t.meta["role"] for t in fig.data if t.meta and "role" in t.meta} == \
        {"context", "jiaxing", "shanghai"}
    assert any(t.name == "labels-jiaxing" for t in fig.data)


def test_interactive_figures_draw_into_a_given_figure_and_take_a_subset():
    import plotly.graph_objects as go

    own = go.Figure()
    assert interactive.project_map(lang="en", modes=["air"], fig=own) is own
    fig = interactive.timeline(lang="en", projects=["air-jiaxing-airport"],
                               plans=["jx-2014-2016", "jx-2016"])
    assert len(fig.layout.yaxis.tickvals) == 1
    assert sorted(s.name for s in fig.layout.shapes) == ["plan-jx-2014-2016", "plan-jx-2016"]


def test_html_offers_no_cloud_button(tmp_path):
    import json as _json

    path = interactive.write_html("timeline_three_year_plan", lang="en", out_dir=tmp_path)
    text = path.read_text(encoding="utf-8")
    config = re.search(r'Plotly\.newPlot\(\s*"[^"]+",\s*\[.*\],\s*\{.*\},\s*(\{.*?\})\s*\)',
                       text, flags=re.S)
    assert config is not None, "the plotly config was not found in the HTML"
    parsed = _json.loads(config.group(1))
    assert parsed["showSendToCloud"] is False
    assert parsed["displaylogo"] is False
