"""jxplan: the 2016 Jiaxing plan for deepening integration with Shanghai, as data.

The package loads the measures of 《2016年嘉兴市深化接轨上海工作实施方案》
(嘉委办发〔2016〕27号) and its Shanghai-linkage projects as pandas / GeoPandas
objects, maps them across Jiaxing's counties and charts them against the
2014–2016 three-year plan.

``import jxplan`` is light: pandas, geopandas, matplotlib and plotly are
imported only when a function that needs them is called.

Examples
--------
>>> import jxplan
>>> plans = jxplan.load_plans()
>>> plans.loc["jx-2016", "doc_number"]
'嘉委办发〔2016〕27号'
>>> jxplan.__data_version__, jxplan.__data_as_of__
('2026.12', '2026-12-01')
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("jxplan")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0+unknown"

from jxplan.meta import DATA_AS_OF as __data_as_of__
from jxplan.meta import DATA_VERSION as __data_version__

# Public name -> module that defines it.  Modules are imported on first use.
_LAZY = {
    "load_plans": "io",
    "load_actions": "io",
    "load_measures": "io",
    "load_goals": "io",
    "load_targets": "io",
    "load_outcomes": "io",
    "load_projects": "io",
    "load_milestones": "io",
    "load_waypoints": "io",
    "load_asks": "io",
    "load_ask_verdicts": "io",
    "load_mentions": "io",
    "load_counties": "geo",
    "project_counties": "geo",
    "validate_data": "validate",
    "compare_plans": "compare",
    "load_instrument_codebook": "text",
    "load_instrument_codes": "text",
    "parse_plan_text": "parse",
    "parse_plan_file": "parse",
    "add_to_data": "parse",
    "read_document": "readers",
    "data_dir": "settings",
    "show_versions": "settings",
}
_SUBMODULES = {
    "meta", "io", "geo", "validate", "compare", "parse", "plot", "interactive",
    "export", "fonts", "settings", "cli", "analysis", "exports", "teaching", "text", "readers",
    "scorecard",
}

__all__ = sorted(_LAZY) + ["__version__", "__data_version__", "__data_as_of__"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"jxplan.{_LAZY[name]}")
        return getattr(module, name)
    if name in _SUBMODULES:
        return importlib.import_module(f"jxplan.{name}")
    raise AttributeError(f"module 'jxplan' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | _SUBMODULES)
