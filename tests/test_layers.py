"""The three tiers of figure code: layout tables, public layers, figures that compose them.

Layers are tested on data they are given (loading is forbidden while they
draw), the layout tables without drawing, and every figure for what it
promises a caller: it takes ``ax=``/``fig=``, returns the Figure, and leaves
the user's rcParams exactly as they were.
"""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl
import pytest
from matplotlib.figure import Figure

from jxplan import analysis, figures, io, layers, layout, plot
from jxplan.geo import PROJECTED_CRS, load_context, load_counties


@pytest.fixture(scope="module")
def geo():
    counties = load_counties(context=True).to_crs(PROJECTED_CRS)
    context = load_context().to_crs(PROJECTED_CRS)
    return counties, context, layout.study_extent(counties)


@pytest.fixture
def no_loading(monkeypatch):
    """Make every loader fail: a layer must draw only what it is given."""
    import jxplan.geo

    def refuse(*args, **kwargs):
        raise AssertionError("a layer loaded data")

    for module in (io, jxplan.geo):
        for name in dir(module):
            if name.startswith("load_"):
                monkeypatch.setattr(module, name, refuse)


def _user_rc() -> dict:
    return {"font.size": 14.0, "axes.spines.top": True, "font.family": ["serif"],
            "lines.linewidth": 3.0, "svg.fonttype": "path"}


def _snapshot() -> dict:
    return {k: v for k, v in mpl.rcParams.items() if k != "backend"}


# --------------------------------------------------------------------------- style


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_every_figure_leaves_the_users_rcparams_alone(name):
    with mpl.rc_context(_user_rc()):
        before = _snapshot()
        fig = figures.FIGURES[name](lang="zh")
        assert isinstance(fig, Figure)
        fig.canvas.draw()
        assert _snapshot() == before
        assert mpl.rcParams["font.size"] == 14.0


def test_every_layer_leaves_the_users_rcparams_alone(geo):
    counties, context, extent = geo
    fig = Figure()
    ax = fig.add_subplot()
    with mpl.rc_context(_user_rc()):
        before = _snapshot()
        layers.base_map(ax, counties, context, extent=extent)
        layers.context_labels(ax, counties, context, extent=extent, lang="en")
        layers.county_labels(ax, counties, lang="zh")
        layers.scale_bar(ax, extent=extent, lang="zh")
        layers.north_arrow(ax, lang="en")
        layers.map_legends(ax, lang="zh")
        layers.window_band(fig.add_subplot(2, 1, 2))
        assert _snapshot() == before


def test_style_context_and_use_style():
    with mpl.rc_context():
        with plot.style_context():
            assert mpl.rcParams["svg.hashsalt"] == "jxplan"
        assert mpl.rcParams["svg.hashsalt"] != "jxplan"
        plot.use_style()
        assert mpl.rcParams["font.sans-serif"][0] == "Noto Sans SC"


def test_a_figure_drawn_later_outside_jxplan_keeps_its_fonts():
    fig = plot.measures_by_action(lang="zh")
    with mpl.rc_context({"font.sans-serif": ["DejaVu Sans"]}), warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph warns
        fig.canvas.draw()


# --------------------------------------------------------------------------- layers


def test_a_researchers_map_on_the_base_layer(geo, no_loading):
    import geopandas as gpd
    from shapely.geometry import Point

    counties, context, extent = geo
    mine = gpd.GeoDataFrame({"name": ["my site"]}, geometry=[Point(120.75, 30.75)],
                            crs="EPSG:4326").to_crs(PROJECTED_CRS)
    fig = Figure()
    ax = fig.add_subplot()
    layers.base_map(ax, counties, context, extent=extent)
    texts = layers.county_labels(ax, counties, lang="en")
    ax.plot(mine.geometry.x, mine.geometry.y, "o", zorder=12)
    layers.scale_bar(ax, extent=extent, lang="en")
    assert ax.get_xlim() == (extent[0], extent[2])
    assert {t.get_text() for t in texts} >= {"Nanhu", "Jinshan"}
    assert len(ax.collections) >= 4  # land, context units, counties, outlines, lakes


def test_base_map_fills_are_a_choropleth(geo, no_loading):
    counties, context, extent = geo
    study = counties[counties["role"] == "study"]
    fills = dict.fromkeys(study["adcode"], "#123456")
    ax = Figure().add_subplot()
    layers.base_map(ax, counties, context, extent=extent, fills=fills)
    faces = [mpl.colors.to_hex(c) for coll in ax.collections for c in coll.get_facecolors()]
    assert faces.count("#123456") == len(study)


def test_project_layers_draw_what_they_are_given(geo):
    counties, context, extent = geo
    table = analysis.map_projects()
    drawn = table[table["drawn"]].sort_values("key_no").head(3)
    geoms = io.load_projects().to_crs(PROJECTED_CRS).geometry
    mine = {pid: geoms[pid] for pid in drawn["project_id"]}
    ax = Figure().add_subplot()
    entries = layers.project_geometries(ax, drawn, mine, lang="en")
    assert [t.split("  ")[0] for _, t in entries] == [str(k) for k in drawn["key_no"]]
    texts = layers.key_numbers(ax, drawn, layout.label_spots(mine, extent))
    assert [t.get_text() for t in texts] == [str(k) for k in drawn["key_no"]]


def test_a_custom_timeline_from_the_layers(no_loading):
    plans = PLANS
    firsts = FIRSTS[FIRSTS["mode"] == "air"]
    lay = layout.timeline_layout(plans, firsts, lang="en")
    fig = Figure()
    ax, cols = fig.subplots(1, 2)
    layers.timeline_frame(ax, x_range=(2010, 2027), total=lay.total)
    layers.window_band(ax, start=2021, end=2026)
    layers.plan_bands(ax, plans, lay.plan_y, lang="en", bottom=lay.plans_bottom)
    layers.milestone_rows(ax, lay, EVENTS, lang="en")
    layers.year_columns(cols, lay, lang="en", heading="years after 2016")
    names = [t.get_text() for t in ax.texts]
    assert "Jiaxing military-civil airport" in " ".join(names)
    assert "years after 2016" in [t.get_text() for t in cols.texts]


PLANS = analysis.plan_periods(plan_ids=["jx-2014-2016", "jx-2016"])
FIRSTS = analysis.first_milestones()
EVENTS = analysis.project_timeline()


# --------------------------------------------------------------------------- layout tables


def test_timeline_layout_has_a_heading_per_mode_and_a_row_per_project():
    lay = layout.timeline_layout(analysis.plan_periods(plan_ids=analysis.TIMELINE_PLANS),
                                 FIRSTS, lang="zh")
    rows = lay.rows
    assert (rows["kind"] == "project").sum() == len(FIRSTS)
    assert (rows["kind"] == "mode").sum() == FIRSTS["mode"].nunique()
    assert rows["top"].is_monotonic_increasing
    assert lay.total == pytest.approx(rows["top"].iloc[-1] + rows["height"].iloc[-1])
    successors = rows[rows["project_id"].isin(FIRSTS.loc[FIRSTS["successor_of"].notna(),
                                                           "project_id"])]
    assert all(r[0].startswith("└ ") for r in successors["name_lines"])


def test_label_spots_keep_their_distance(geo):
    counties, _, extent = geo
    geoms = io.load_projects().to_crs(PROJECTED_CRS).geometry.dropna()
    geoms = {pid: g for pid, g in geoms.items() if not g.is_empty}
    spots = list(layout.label_spots(geoms, extent).values())
    gap = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
              for i, a in enumerate(spots) for b in spots[i + 1:])
    assert gap > 0.01 * (extent[2] - extent[0])


def test_map_note_lists_every_undrawn_project():
    table = analysis.map_projects()
    text = "".join(layout.map_note(table, lang="en"))
    for name in table.loc[table["note"].notna(), "name_en"]:
        assert name.replace(" ", "") in text.replace(" ", "")


def test_count_classes_keep_zero_visible():
    import pandas as pd

    _, norm, colors = layout.count_classes(pd.Series({"a": 0, "b": 3}))
    assert colors["a"] != "#ffffff" and len(norm.boundaries) == 5


# --------------------------------------------------------------------------- figures


def test_figures_take_ax_or_fig_and_return_the_figure():
    fig = Figure()
    ax = fig.add_subplot()
    assert plot.measures_by_action(lang="en", ax=ax) is fig
    other = Figure()
    assert plot.targets_outcomes(lang="en", fig=other) is other


def test_new_arguments_choose_what_is_drawn():
    fig = plot.timeline_three_year_plan(lang="en", projects=["air-jiaxing-airport"],
                                        window=(2021, 2025), ask_plan=None)
    texts = plot.figure_texts(fig)
    assert "window, 2021-2025" in texts
    assert "Airport" in texts and "Rail" not in texts  # only the chosen project's mode
    fig = plot.county_projects(lang="en", counties_from="geometry")
    assert any("drawn line or site" in t for t in plot.figure_texts(fig))


def _statements(func_name: str, module: str) -> int:
    tree = ast.parse((Path(plot.__file__).parent / module).read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == func_name)
    return sum(isinstance(x, ast.stmt) for x in ast.walk(node)) - 1


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_figures_are_short_compositions_of_layers(name):
    module = figures.FIGURES[name].__module__.rsplit(".", 1)[-1] + ".py"  # plot.py, plot_record.py
    assert _statements(name, module) <= 50


def test_readme_layer_examples_run(tmp_path, monkeypatch):
    import re

    readme = (Path(plot.__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    part = readme.split("<!-- layers-example:start -->")[1].split("<!-- layers-example:end -->")[0]
    blocks = re.findall(r"```python\n(.*?)```", part, flags=re.S)
    assert len(blocks) == 2
    monkeypatch.chdir(tmp_path)
    with mpl.rc_context():
        before = _snapshot()
        for code in blocks:
            exec(compile(code, "README.md", "exec"), {})
        assert _snapshot() == before
    assert (tmp_path / "my_map.png").stat().st_size > 10_000
    assert (tmp_path / "airport_timeline.png").stat().st_size > 10_000
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.mark.parametrize("name", ["project_map", "timeline"])
def test_interactive_figures_are_short_compositions_of_layers(name):
    assert _statements(name, "interactive.py") <= 50
