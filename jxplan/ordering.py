"""The order in which the figures and tables list the linkage projects.

A small module below :mod:`jxplan.analysis` and :mod:`jxplan.scorecard`, so
both can use it without importing each other (``jxplan.analysis``
re-exports :func:`project_order`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jxplan.meta import MODES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["project_order"]


def project_order() -> pd.DataFrame:
    """Projects in the order the figures list them.

    Grouped by mode (:data:`jxplan.meta.MODES` order); within a mode, the
    2016 items in the order of the projects table, each followed by the
    later projects that carry it on (``successor_of``).

    Returns
    -------
    pandas.DataFrame
        ``project_id``, ``name_zh``, ``name_en``, ``mode``, ``measure_id``,
        ``successor_of``, ``is_successor``, ``geometry_precision``,
        ``ask_2016_quote_zh`` (the plan's own words), ``ask_2016_section``, ``ask_2016_en``
        (jxplan's summary), ``order`` (0-based).

    Examples
    --------
    >>> project_order()["project_id"].tolist()[:3]
    ['rail-network-plan', 'rail-l4l5-docking', 'rail-fengnan']
    """
    import pandas as pd

    from jxplan.io import load_projects

    projects = load_projects(geometry=False)
    ids = list(projects.index)
    parent = {p: (None if pd.isna(s) else str(s)) for p, s in projects["successor_of"].items()}
    ordered: list[str] = []
    for mode in MODES:
        in_mode = [p for p in ids if projects.at[p, "mode"] == mode]
        roots = [p for p in in_mode if parent[p] not in in_mode]
        placed: set[str] = set()

        def place(pid: str, _in_mode=in_mode, _placed=placed) -> None:
            ordered.append(pid)
            _placed.add(pid)
            for child in _in_mode:
                if child not in _placed and parent[child] == pid:
                    place(child)

        for root in roots:
            if root not in placed:
                place(root)
    cols = ["name_zh", "name_en", "mode", "measure_id", "successor_of", "geometry_precision",
            "ask_2016_quote_zh", "ask_2016_section", "ask_2016_en"]
    out = projects.loc[ordered, cols].reset_index()
    out.insert(6, "is_successor", out["successor_of"].notna().astype("boolean"))
    out["order"] = pd.array(range(len(out)), dtype="Int64")
    return out
