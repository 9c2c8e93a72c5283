"""The case-study site (``make docs``): built offline, no external request, Chinese search.

The site is built once per session into a temporary folder, from the
session's run of the notebooks (``executed_notebooks``) and its figure build
(``built_figures``), as ``make docs`` builds it from its own.  It is skipped
with the reason when the ``docs`` extra is not installed; the browser checks
(one Chromium for the module, ``tests/browser.py``) also need Debian's
``chromium`` (``.ci/run`` installs it).
"""

from __future__ import annotations

import html.parser
import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest
from browser import require_chromium, start
from conftest import load_tool

REPO = Path(__file__).resolve().parents[1]
DOCS_EXTRA = ("sphinx", "myst_nb", "furo", "jieba")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //cdn...

pytestmark = pytest.mark.slow


def _builder():
    return load_tool("build_docs")


@pytest.fixture(scope="module")
def site(request, tmp_path_factory):
    missing = [m for m in DOCS_EXTRA if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"the docs extra is not installed (missing {', '.join(missing)}): "
                    "pip install -e '.[docs]'")
    executed = request.getfixturevalue("executed_notebooks")
    failed = [rel for rel, error in executed.errors.items() if error]
    if failed:
        pytest.fail(f"no site: notebooks failed ({', '.join(failed)}; see test_notebooks.py)")
    figures = request.getfixturevalue("built_figures")
    out = tmp_path_factory.mktemp("site")
    _builder().build(out, echo=lambda line: None, executed=executed.folder, figures=figures)
    return out


class _Refs(html.parser.HTMLParser):
    """Every URL a page loads or links as a resource: script src, link href, img/iframe src."""

    def __init__(self):
        super().__init__()
        self.loaded: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio", "embed"):
            url = attrs.get("src")
        elif tag == "link":
            url = attrs.get("href")
        else:
            url = None
        if url:
            self.loaded.append((tag, url))


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_loads_only_files_of_the_site(site):
    pages = _pages(site)
    assert len(pages) > 20
    for page in pages:
        if "_static/figures" in page.as_posix():
            continue  # the interactive figures have their own offline test
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [(tag, url) for tag, url in parser.loaded if EXTERNAL.match(url)]
        assert not external, f"{page.relative_to(site)} loads {external[:3]}"
        for tag, url in parser.loaded:
            if url.startswith(("data:", "#")):
                continue
            target = (page.parent / url.split("#")[0].split("?")[0]).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: {tag} {url} is not in the site"
    for sheet in (site / "_static").rglob("*.css"):
        css = sheet.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            if url.startswith("data:"):
                continue
            assert not EXTERNAL.match(url), f"{sheet.name} loads {url}"
            assert (sheet.parent / url.split("#")[0].split("?")[0]).is_file(), (sheet.name, url)


def test_the_site_has_both_editions_and_the_reference_pages(site):
    for lang in ("zh", "en"):
        for name in ("01_plan_overview", "05_teaching_case"):
            assert (site / lang / f"{name}.html").is_file()
        assert (site / f"handout-{lang}.html").is_file()
    for page in ("index", "data", "api", "cli", "cite", "figures/index", "figures/project_map"):
        assert (site / f"{page}.html").is_file(), page
    zh = (site / "zh" / "01_plan_overview.html").read_text(encoding="utf-8")
    assert "2016年实施方案概览" in zh and "所持文本" in zh
    # the notebooks were executed: their tables are there, in Chinese in the Chinese edition
    assert "jxplan-table" in zh and "可信度" in zh
    assert "<img" in zh  # the matplotlib figure


def test_the_build_leaves_nothing_beside_the_site(site):
    """MyST-NB's scratch folder of notebook images (``<out>/../jupyter_execute``) is removed:
    ``make docs`` leaves nothing untracked beside ``site/`` in the repository."""
    assert not (site.parent / "jupyter_execute").exists()
    assert (site / "_images").is_dir() and any((site / "_images").glob("*.png"))


def test_interactive_charts_draw_from_the_sites_own_plotly(site):
    page = (site / "zh" / "02_projects_across_counties.html").read_text(encoding="utf-8")
    assert "plotly-graph-div" in page and "Plotly.newPlot" in page
    assert re.search(r'<script[^>]+src="[./]*_static/plotly\.min\.js', page)
    assert (site / "_static" / "plotly.min.js").stat().st_size > 1_000_000
    assert "require(" not in page.split("plotly-graph-div", 1)[1][:20000]


def test_map_pages_carry_the_publication_note(site):
    for name in ("project_map", "county_projects"):
        text = (site / "figures" / f"{name}.html").read_text(encoding="utf-8")
        assert "审图号" in text and "地图管理条例" in text and "地图审核管理规定" in text
        assert "Map publication note" in text
    assert (site / "_static" / "figures" / "zh" / "project_map.png").is_file()
    assert (site / "_static" / "figures" / "en" / "project_map.html").is_file()


def test_the_site_brings_its_own_chinese_font(site):
    """Chinese reads the same on a computer without a Chinese font: the style sheet names a
    subset of the packaged Noto Sans SC that covers every character of the pages."""
    from fontTools.ttLib import TTFont

    css = (site / "_static" / "jxplan-site.css").read_text(encoding="utf-8")
    font_file = re.search(r'url\("(fonts/[^"]+\.otf)"\)', css).group(1)
    font = TTFont(site / "_static" / font_file)
    cmap = font.getBestCmap()
    page = (site / "zh" / "04_targets_and_outcomes.html").read_text(encoding="utf-8")
    chinese = set(re.findall(r"[\u4e00-\u9fff]", page))
    assert len(chinese) > 100 and not [c for c in chinese if ord(c) not in cmap]
    assert (site / "_static" / "fonts" / "OFL-1.1.txt").is_file()


def test_cite_page_gives_bibtex_and_gb7714(site):
    from jxplan.citation import dataset_version

    text = (site / "cite.html").read_text(encoding="utf-8")
    assert "@misc" in text and "jxplan_data" in text and "[DS/OL]" in text
    assert dataset_version() in text


def test_the_handout_is_the_student_version(site):
    text = (site / "handout-zh.html").read_text(encoding="utf-8")
    assert "练习1" in text and "handout-answer" in text and "@media print" in "".join(
        p.read_text(encoding="utf-8") for p in (site / "_static").glob("jxplan-site.css"))
    assert "<em>参考答案。</em>" not in text and "answer_1 = int(" not in text


def _search_index(site: Path) -> dict:
    raw = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(raw[raw.index("(") + 1: raw.rindex(")")])


@pytest.mark.parametrize("word", ["沪乍杭", "嘉善县", "审图号", "接轨上海"])
def test_search_index_holds_segmented_chinese_words(site, word):
    index = _search_index(site)
    assert word in index["terms"], f"{word} is not a search term"
    hits = index["terms"][word]
    hits = hits if isinstance(hits, list) else [hits]
    docs = {index["docnames"][i] for i in hits}
    assert any(d.startswith(("zh/", "figures/", "readme"))
               for d in docs), docs
    # segmented: the index also has shorter words cut from longer text, not whole sentences
    assert max(len(t) for t in index["terms"] if re.match(r"[\u4e00-\u9fff]+$", t)) < 20


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium (``tests/browser.py``) for the module's pages, network cut off."""
    with start(tmp_path_factory.mktemp("chromium")) as b:
        yield b


def test_search_finds_a_chinese_word_in_a_browser_with_the_network_cut_off(site, browser):
    url = (site / "search.html").resolve().as_uri() + "?q=%E6%B2%AA%E4%B9%8D%E6%9D%AD"  # 沪乍杭
    shown = browser.open(url, screenshot=False,
                         until="document.querySelectorAll('#search-results a').length > 0")
    results = re.findall(r'<a[^>]+href="([^"]+\.html)[^"]*"', shown.dom.split("search-results")[-1])
    assert any(r.startswith(("zh/", "figures/", "readme")) for r in results), results[:5]
    assert shown.requests == [], "the search page asked for something over the network"


def test_a_notebook_page_draws_its_charts_offline(site, browser):
    page = site / "zh" / "02_projects_across_counties.html"
    shown = browser.open(page.resolve().as_uri(), screenshot=False,
                         until="document.querySelectorAll('.main-svg').length > 0")
    assert shown.dom.count('class="main-svg"') >= 1, "plotly drew no chart"
    assert "嘉兴" in shown.dom
    assert shown.requests == [], "the page asked for something over the network"


def test_the_handouts_print_to_pdf(site, tmp_path):
    require_chromium()
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("_images", "_downloads", "en", "zh"))
    _builder()._print_handouts(copy, echo=lambda line: None)
    for lang in ("zh", "en"):
        pdf = (copy / f"handout-{lang}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000

