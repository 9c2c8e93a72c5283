"""Tests for jxplan.fonts (CJK fonts for matplotlib) and jxplan.export (save_figure)."""

from __future__ import annotations

import dataclasses
import os
import struct
import subprocess
import sys
import textwrap
import types
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from jxplan import export, fonts
from jxplan.export import SIZES, ExportError, attach_sources, get_sources, save_figure
from jxplan.fonts import FontNotFoundError

REPO = Path(__file__).resolve().parents[1]
NAMES = ["南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市", "金山区", "松江区", "青浦区"]
AREAS = [442.0, 542.7, 505.8, 945.4, 860.2, 581.0, 729.3, 666.9, 606.2, 667.1]
CREDIT = "Source: example"


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def font_list_guard():
    """Restore matplotlib's font list (and its findfont cache) after a test."""
    fm = font_manager.fontManager
    saved = list(fm.ttflist)
    yield fm
    fm.ttflist[:] = saved
    fm._findfont_cached.cache_clear()


def build_figure() -> Figure:
    """A small but varied figure: CJK text, bars, a legend, an image, clipping."""
    with matplotlib.rc_context(fonts.rc_params()):
        fig = Figure(figsize=(6.3, 4.2))
        ax = fig.add_subplot()
        ax.barh(NAMES, AREAS, color="#4c72b0", label="面积 (km²)")
        ax.set_title("嘉兴市南湖区与上海金山区 — 面积")
        ax.set_xlabel("面积 / area (km²)")
        ax.legend(loc="lower right")
        inset = ax.inset_axes([0.7, 0.6, 0.25, 0.3])
        inset.imshow([[0, 1, 2], [2, 1, 0]], cmap="viridis")
        inset.set_axis_off()
    return fig


def draw(fig: Figure) -> None:
    FigureCanvasAgg(fig).draw()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def png_text_keys(path: Path) -> list[bytes]:
    """Keywords of the tEXt/iTXt/zTXt chunks of a PNG file."""
    data = path.read_bytes()
    pos, keys = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind in (b"tEXt", b"iTXt", b"zTXt"):
            keys.append(data[pos + 8 : pos + 8 + length].split(b"\0", 1)[0])
        pos += 12 + length
    return keys


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------------- fonts


def test_register_fonts_is_idempotent_and_prefers_packaged_fonts():
    first = fonts.register_fonts()
    fm = font_manager.fontManager
    packaged = str(fonts.font_path())
    count = sum(entry.fname == packaged for entry in fm.ttflist)
    assert first[:2] == ["Noto Sans SC", "Noto Serif SC"]
    assert fonts.register_fonts() == first
    assert sum(entry.fname == packaged for entry in fm.ttflist) == count >= 1


def test_use_style_sets_rcparams_and_is_repeatable():
    with matplotlib.rc_context():
        fonts.use_style()
        first = {key: matplotlib.rcParams[key] for key in fonts.rc_params()}
        fonts.use_style()
        rc = matplotlib.rcParams
        assert {key: rc[key] for key in fonts.rc_params()} == first
        assert rc["font.family"] == ["sans-serif"]
        assert rc["font.sans-serif"] == ["Noto Sans SC", "DejaVu Sans"]
        assert rc["font.serif"] == ["Noto Serif SC", "DejaVu Serif"]
        assert rc["axes.unicode_minus"] is False
        assert rc["pdf.fonttype"] == 42 and rc["ps.fonttype"] == 42
        assert rc["svg.fonttype"] == "none"
        assert rc["svg.hashsalt"] == "jxplan"
        assert rc["figure.dpi"] == 100 and rc["savefig.dpi"] == 300
        assert rc["axes.spines.top"] is False and rc["axes.spines.right"] is False


def test_style_draws_chinese_without_glyph_warnings():
    with matplotlib.rc_context():
        fonts.use_style()
        fig = Figure()
        ax = fig.add_subplot()
        ax.bar(NAMES, AREAS)
        ax.set_title("嘉兴市南湖区 深化接轨上海")
        ax.set_ylabel("面积（平方公里）")
        ax.text(0.5, 0.5, "嘉兴市南湖区", family="serif", transform=ax.transAxes)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            draw(fig)


def test_without_cjk_font_dejavu_warns_about_missing_glyphs():
    """Proves the test above can fail: DejaVu alone has no Chinese glyphs."""
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        fig = Figure()
        fig.add_subplot().set_title("嘉兴市南湖区")
        with pytest.warns(UserWarning, match="missing from font"):
            draw(fig)


def test_no_cjk_font_at_all_raises_a_helpful_error(monkeypatch, font_list_guard):
    fm = font_list_guard
    cjk = set(fonts.SYSTEM_SANS_FALLBACKS + fonts.SYSTEM_SERIF_FALLBACKS)
    fm.ttflist[:] = [e for e in fm.ttflist if e.name not in cjk and "Noto" not in e.name]
    monkeypatch.setattr(fonts, "_packaged_font_files", dict)
    assert fonts.register_fonts() == []
    with pytest.raises(FontNotFoundError) as info:
        fonts.use_style()
    assert isinstance(info.value, RuntimeError)
    message = str(info.value)
    assert "pip install pylopdf-fonts-zh-cn" in message
    assert "fonts-noto-cjk" in message
    with pytest.raises(FontNotFoundError):
        fonts.font_path()


def test_system_fonts_are_a_fallback_only_when_the_package_is_missing(monkeypatch, font_list_guard):
    fm = font_list_guard
    fonts.register_fonts()
    dejavu = font_manager.findfont("DejaVu Sans")
    template = next(e for e in fm.ttflist if e.fname == dejavu)
    fm.ttflist.append(dataclasses.replace(template, name="WenQuanYi Micro Hei"))
    fm._findfont_cached.cache_clear()

    # Packaged font present: the system font is reported but not used.
    assert "WenQuanYi Micro Hei" in fonts.register_fonts()
    assert fonts.font_params()["font.sans-serif"] == ["Noto Sans SC", "DejaVu Sans"]

    # Packaged font missing: the system font takes its place.
    monkeypatch.setattr(fonts, "_packaged_font_files", dict)
    fm.ttflist[:] = [e for e in fm.ttflist if "Noto" not in e.name]
    fm._findfont_cached.cache_clear()
    params = fonts.font_params()
    assert params["font.sans-serif"] == ["WenQuanYi Micro Hei", "DejaVu Sans"]
    assert params["font.serif"] == ["WenQuanYi Micro Hei", "DejaVu Serif"]
    assert fonts.font_path() == Path(dejavu)


def test_packaged_file_wins_over_a_system_copy_with_the_same_name(font_list_guard):
    fm = font_list_guard
    fonts.register_fonts()
    dejavu = font_manager.findfont("DejaVu Sans")
    template = next(e for e in fm.ttflist if e.fname == dejavu)
    # A "system" Noto Sans SC listed before the packaged one.
    fm.ttflist.insert(0, dataclasses.replace(template, name="Noto Sans SC", weight=400))
    fm._findfont_cached.cache_clear()
    fonts.register_fonts()
    found = font_manager.findfont(font_manager.FontProperties(family="Noto Sans SC"))
    assert Path(found) == fonts.font_path()


def test_font_path():
    assert fonts.font_path().name == "NotoSansSC-Regular.otf"
    assert fonts.font_path(family="serif").name == "NotoSerifSC-Regular.otf"
    assert fonts.font_path().is_file()
    with pytest.raises(ValueError, match="sans"):
        fonts.font_path(family="mono")


# --------------------------------------------------------------------------- export: output


@pytest.mark.render
def test_writes_each_format_in_the_language_folder(tmp_path):
    paths = save_figure(build_figure(), "areas", lang="en", out_dir=tmp_path, credit=CREDIT)
    assert paths == [tmp_path / "en" / f"areas.{ext}" for ext in ("png", "svg", "pdf")]
    assert listing(tmp_path / "en") == ["areas.pdf", "areas.png", "areas.svg"]
    assert png_size(paths[0]) == (1890, 1260)  # 6.3 x 4.2 in at 300 dpi


@pytest.fixture(scope="module")
def reference_files(tmp_path_factory) -> list[Path]:
    """``build_figure()`` saved once in this process (zh, every format, ``CREDIT``): what the
    reproducibility tests compare their own saves with."""
    return save_figure(build_figure(), "fig", lang="zh", out_dir=tmp_path_factory.mktemp("ref"),
                       credit=CREDIT)


@pytest.mark.render
def test_output_is_byte_identical_for_identical_figures(tmp_path, reference_files):
    a = reference_files
    b = save_figure(build_figure(), "fig", lang="zh", out_dir=tmp_path / "b", credit=CREDIT)
    fig = build_figure()
    c = save_figure(fig, "fig", lang="zh", out_dir=tmp_path / "c", credit=CREDIT)
    d = save_figure(fig, "fig", lang="zh", out_dir=tmp_path / "d", credit=CREDIT)
    for paths in (b, c, d):
        for p, q in zip(a, paths, strict=True):
            assert p.read_bytes() == q.read_bytes(), p.name


@pytest.mark.render
def test_output_does_not_depend_on_the_screen_dpi(tmp_path):
    """A notebook with figure.dpi = 150 exports the same files as a script."""
    a = save_figure(build_figure(), "fig", lang="zh", out_dir=tmp_path / "a", credit="来源：示例 Source")
    fig = build_figure()
    fig.set_dpi(150)
    b = save_figure(fig, "fig", lang="zh", out_dir=tmp_path / "b", credit="来源：示例 Source")
    for p, q in zip(a, b, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name
    assert fig.get_dpi() == 150


_SUBPROCESS_SCRIPT = textwrap.dedent(
    """
    import sys
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import font_manager
    import jxplan, jxplan.fonts, jxplan.export
    # Importing registers nothing.
    assert not any("NotoSansSC" in e.fname for e in font_manager.fontManager.ttflist)
    sys.path.insert(0, sys.argv[2])
    from test_fonts_export import build_figure
    jxplan.export.save_figure(build_figure(), "fig", lang="zh", out_dir=sys.argv[1],
                              credit="Source: example")
    """
)


@pytest.mark.render
def test_output_is_identical_across_processes_and_source_date_epoch(tmp_path, reference_files):
    here = reference_files
    env = dict(os.environ, SOURCE_DATE_EPOCH="1000000000", PYTHONHASHSEED="12345", MPLBACKEND="Agg")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    subprocess.run(
        [sys.executable, "-c", _SUBPROCESS_SCRIPT, str(tmp_path / "there"), str(Path(__file__).parent)],
        check=True,
        env=env,
        cwd=tmp_path,
    )
    for p in here:
        q = tmp_path / "there" / "zh" / p.name
        assert p.read_bytes() == q.read_bytes(), p.name


@pytest.mark.render
def test_metadata_has_no_dates_or_versions(tmp_path):
    png, svg, pdf = save_figure(build_figure(), "fig", lang="en", out_dir=tmp_path, credit=CREDIT)
    assert png_text_keys(png) == []
    svg_text = svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in svg_text and "Matplotlib v" not in svg_text
    pdf_bytes = pdf.read_bytes()
    for key in (b"/CreationDate", b"/ModDate", b"/Producer", b"/Creator", b"Matplotlib"):
        assert key not in pdf_bytes


@pytest.mark.render
def test_svg_keeps_chinese_text_as_text(tmp_path):
    (svg,) = save_figure(build_figure(), "fig", lang="zh", formats=["svg"], out_dir=tmp_path,
                         credit="来源：示例")
    text = svg.read_text(encoding="utf-8")
    assert "<text" in text
    assert "嘉兴" in text and "南湖区" in text and "来源：示例" in text
    assert "Noto Sans SC" in text


@pytest.mark.render
def test_pdf_embeds_noto_sans_sc_as_truetype(tmp_path):
    (pdf,) = save_figure(build_figure(), "fig", lang="zh", formats=["pdf"], out_dir=tmp_path, credit=CREDIT)
    data = pdf.read_bytes()
    assert b"NotoSansSC" in data
    assert b"/CIDFontType2" in data and b"/FontFile2" in data  # Type 42, embedded
    assert b"/Subtype /Type3" not in data


@pytest.mark.render
def test_export_fonts_do_not_depend_on_user_rcparams(tmp_path):
    """Chinese text renders even if the user never called use_style()."""
    fig = Figure()
    fig.add_subplot().set_title("嘉兴市南湖区")
    with (matplotlib.rc_context({"font.sans-serif": ["DejaVu Sans"], "svg.hashsalt": None}),
          warnings.catch_warnings()):
        warnings.simplefilter("error")
        paths = save_figure(fig, "plain", lang="zh", out_dir=tmp_path, credit=CREDIT)
    assert b"NotoSansSC" in paths[2].read_bytes()


@pytest.mark.render
def test_save_figure_emits_no_warnings(tmp_path):
    fig = build_figure()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        save_figure(fig, "fig", lang="zh", out_dir=tmp_path, size="slide", credit="来源：示例 " * 30)


# --------------------------------------------------------------------------- export: sizes


@pytest.mark.render
@pytest.mark.parametrize("size", sorted(SIZES))
def test_named_sizes(tmp_path, size):
    fig = build_figure()
    before = tuple(fig.get_size_inches())
    png, pdf = save_figure(fig, "s", lang="en", formats=("png", "pdf"), out_dir=tmp_path, size=size,
                           credit=CREDIT)
    width, height = SIZES[size]
    assert png_size(png) == (round(width * 300), round(height * 300))
    media_box = f"/MediaBox [ 0 0 {width * 72:g} {height * 72:g} ]".encode()
    assert media_box in pdf.read_bytes()
    assert tuple(fig.get_size_inches()) == before


def test_sizes_table():
    assert SIZES["report"] == (6.3, 4.2)
    assert SIZES["report-tall"] == (6.3, 7.5)
    assert SIZES["report-half"] == (3.1, 2.6)
    assert SIZES["slide"] == (10.0, 5.63)
    assert "slide-square" in SIZES


# --------------------------------------------------------------------------- export: errors


def test_bad_lang(tmp_path):
    with pytest.raises(ValueError, match="zh, en"):
        save_figure(build_figure(), "x", lang="fr", out_dir=tmp_path, credit=CREDIT)
    assert not any(tmp_path.iterdir())


def test_bad_format(tmp_path):
    with pytest.raises(ValueError, match="png, svg, pdf"):
        save_figure(build_figure(), "x", lang="en", formats=["png", "jpg"], out_dir=tmp_path, credit=CREDIT)
    assert not any(tmp_path.iterdir())


@pytest.mark.render
def test_single_format_string_is_accepted(tmp_path):
    paths = save_figure(build_figure(), "x", lang="en", formats="svg", out_dir=tmp_path, credit=CREDIT)
    assert [p.name for p in paths] == ["x.svg"]


def test_bad_size(tmp_path):
    with pytest.raises(ValueError) as info:
        save_figure(build_figure(), "x", lang="en", size="a4", out_dir=tmp_path, credit=CREDIT)
    for name in SIZES:
        assert name in str(info.value)


@pytest.mark.parametrize("name", ["", "../x", "sub/x", "x.png"])
def test_bad_name(tmp_path, name):
    with pytest.raises(ValueError):
        save_figure(build_figure(), name, lang="en", out_dir=tmp_path, credit=CREDIT)


def test_folder_that_cannot_be_created_gives_export_error(tmp_path):
    # We run as root, where chmod-based read-only folders do not stop writes;
    # a path below a regular file can never be a folder.
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file")
    with pytest.raises(ExportError) as info:
        save_figure(build_figure(), "x", lang="en", out_dir=blocker / "figures", credit=CREDIT)
    assert isinstance(info.value, OSError)
    assert "not_a_folder" in str(info.value)
    assert "out_dir" in str(info.value)
    with pytest.raises(ExportError, match="not_a_folder"):
        save_figure(build_figure(), "x", lang="en", out_dir=blocker, credit=CREDIT)
    assert blocker.read_text() == "a file"


# --------------------------------------------------------------------------- export: atomicity


@pytest.mark.render
def test_failure_mid_write_leaves_no_file_and_no_temp_file(tmp_path, monkeypatch):
    fig = build_figure()

    def broken_savefig(fname, **kwargs):
        fname.write(b"partial output")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(fig, "savefig", broken_savefig)
    with pytest.raises(RuntimeError, match="renderer crashed"):
        save_figure(fig, "x", lang="en", out_dir=tmp_path, credit=CREDIT)
    assert listing(tmp_path / "en") == []


@pytest.mark.render
def test_failure_keeps_existing_files_and_writes_no_format(tmp_path, monkeypatch):
    fig = build_figure()
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "x.png").write_bytes(b"old png")
    real_savefig = fig.savefig

    def savefig_failing_on_pdf(fname, **kwargs):
        if kwargs["format"] == "pdf":
            fname.write(b"%PDF-partial")
            raise OSError(28, "No space left on device")
        return real_savefig(fname, **kwargs)

    monkeypatch.setattr(fig, "savefig", savefig_failing_on_pdf)
    with pytest.raises(ExportError, match="No space left"):
        save_figure(fig, "x", lang="en", out_dir=tmp_path, credit=CREDIT)
    assert listing(folder) == ["x.png"]
    assert (folder / "x.png").read_bytes() == b"old png"


@pytest.mark.render
def test_existing_files_are_replaced(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "x.svg").write_text("old")
    (svg,) = save_figure(build_figure(), "x", lang="en", formats=["svg"], out_dir=tmp_path, credit=CREDIT)
    assert svg.read_text(encoding="utf-8").startswith("<?xml")
    assert listing(folder) == ["x.svg"]


# --------------------------------------------------------------------------- export: credit line


@pytest.mark.render
def test_credit_line_is_not_left_on_the_figure(tmp_path):
    fig = build_figure()
    fig.set_layout_engine("constrained")
    fig.legend(loc="outside lower center")
    plain_save = {"fname": None, "dpi": 50, "metadata": {"Software": None}}
    with matplotlib.rc_context(fonts.rc_params()):
        fig.savefig(**{**plain_save, "fname": tmp_path / "before.png"})
    texts, legends = list(fig.texts), list(fig.legends)
    size = tuple(fig.get_size_inches())
    for _ in range(2):
        save_figure(fig, "x", lang="en", out_dir=tmp_path, size="slide", credit="Source: a long credit line")
    assert fig.texts == texts and fig.legends == legends
    assert tuple(fig.get_size_inches()) == size
    assert all("get_bbox_to_anchor" not in vars(leg) for leg in fig.legends)
    with matplotlib.rc_context(fonts.rc_params()):
        fig.savefig(**{**plain_save, "fname": tmp_path / "after.png"})
    assert (tmp_path / "before.png").read_bytes() == (tmp_path / "after.png").read_bytes()


@pytest.mark.render
def test_credit_text_is_drawn_and_empty_credit_draws_none(tmp_path):
    (svg,) = save_figure(build_figure(), "a", lang="en", formats=["svg"], out_dir=tmp_path,
                         credit="Source: ABCXYZ")
    assert "Source: ABCXYZ" in svg.read_text(encoding="utf-8")
    (svg,) = save_figure(build_figure(), "b", lang="en", formats=["svg"], out_dir=tmp_path, credit="")
    assert "Source:" not in svg.read_text(encoding="utf-8")


@pytest.mark.render
def test_long_credit_is_wrapped_and_keeps_the_page_size(tmp_path):
    credit = "Source: jxplan; " + "; ".join(f"upstream source number {i} 嘉兴市统计局" for i in range(8))
    png, svg = save_figure(
        build_figure(), "w", lang="en", formats=["png", "svg"], out_dir=tmp_path, size="report-half",
        credit=credit,
    )
    assert png_size(png) == (930, 780)
    assert credit not in svg.read_text(encoding="utf-8")  # broken into lines
    with pytest.raises(ValueError, match="credit"):
        save_figure(build_figure(), "w", lang="en", out_dir=tmp_path, size="report-half", credit=credit * 8)


@pytest.mark.render
def test_default_credit_comes_from_the_figure_sources(tmp_path, monkeypatch):
    calls = []

    def credit_line(tables, *, lang):
        calls.append((list(tables), lang))
        return f"Source: {' + '.join(tables)} [{lang}]"

    fake_meta = types.ModuleType("jxplan.meta")
    fake_meta.credit_line = credit_line
    monkeypatch.setitem(sys.modules, "jxplan.meta", fake_meta)

    fig = build_figure()
    attach_sources(fig, ["counties_land", "measures"])
    (svg,) = save_figure(fig, "c", lang="zh", formats=["svg"], out_dir=tmp_path)
    assert calls == [(["counties_land", "measures"], "zh")]
    assert "Source: counties_land + measures [zh]" in svg.read_text(encoding="utf-8")


@pytest.mark.render
def test_credit_helper_can_be_monkeypatched(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "_credit_for", lambda fig, lang: f"patched {lang}")
    (svg,) = save_figure(build_figure(), "p", lang="en", formats=["svg"], out_dir=tmp_path)
    assert "patched en" in svg.read_text(encoding="utf-8")


def test_default_credit_with_the_real_meta_module():
    from jxplan import meta

    tables = list(meta.TABLES)[:1]
    fig = attach_sources(Figure(), tables)
    assert export._credit_for(fig, "en") == meta.credit_line(tables, lang="en")


def test_missing_sources_and_no_credit_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="attach_sources"):
        save_figure(build_figure(), "n", lang="en", out_dir=tmp_path)
    assert not (tmp_path / "en").exists()


def test_attach_sources():
    fig = Figure()
    assert get_sources(fig) == ()
    assert attach_sources(fig, ["a", "b"]) is fig
    attach_sources(fig, "c")
    attach_sources(fig, ["b", "d"])
    assert get_sources(fig) == ("a", "b", "c", "d")
    assert fig._jxplan_sources == ("a", "b", "c", "d")
    with pytest.raises(TypeError):
        attach_sources(fig, [None])
