"""Sphinx configuration of jxplan's case-study site (``make docs``).

tools/build_docs.py executes the notebooks, assembles the source pages in a
staging folder and runs Sphinx with this configuration: MyST-NB renders the
notebooks' stored outputs, furo is the theme, jieba segments Chinese for the
search index.  Nothing is loaded from the network: every script, style sheet
and plotly.js come from the site's own ``_static`` folder, and pages work from
``file://``.
"""

from __future__ import annotations

import os

import jxplan

project = "jxplan"
author = "The jxplan engineers"
copyright = "The jxplan engineers; code MIT, data CC-BY-4.0"  # noqa: A001
version = release = jxplan.__version__
language = "zh_CN"  # Chinese first; every page says which language it is in
html_search_language = "zh"
# jieba's dictionary plus jxplan's own words (county and project names), written by build_docs.py
_dict = os.environ.get("JXPLAN_DOCS_JIEBA_DICT")
html_search_options = {"dict": _dict} if _dict else {}

extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
suppress_warnings = ["myst.header", "myst.xref_missing", "misc.highlighting_failure",
                     "toc.not_included"]

# Notebooks: build_docs.py executes them before Sphinx runs (an error stops the build there);
# MyST-NB shows the outputs they carry.
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no require.js or widget manager from a CDN
nb_merge_streams = True

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_numpy_docstring = True
napoleon_google_docstring = False

html_theme = "furo"
html_title = "jxplan · 嘉兴接轨上海（2016）案例"
html_static_path = ["_static"]
html_css_files = ["jxplan-site.css"]
# Sphinx 9's Chinese search data names a ChineseStemmer it does not define; the shim maps it to
# the English stemmer Sphinx ships (Chinese words are not stemmed).
html_js_files = ["zh-stemmer-shim.js"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {"navigation_with_keys": True}
mathjax_path = "no-mathjax.js"  # never loaded: the site has no formulas (a page with one would fail the test)


def _plotly_only_where_needed(app, pagename, templatename, context, doctree):
    """Load the site's copy of plotly.js on the pages that hold a plotly chart."""
    body = context.get("body", "")
    if "plotly-graph-div" in body:
        app.add_js_file("plotly.min.js", priority=200)


def setup(app):
    app.connect("html-page-context", _plotly_only_where_needed)
    return {"parallel_read_safe": True}
