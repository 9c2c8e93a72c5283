"""Build every notebook edition from its one source in ``tools/notebooks/``.

Each source (``tools/notebooks/<name>.md``) is a plain text file of cells.  A
line that starts with ``%%%`` opens a cell::

    %%% markdown zh            Chinese prose (only in the Chinese edition)
    %%% markdown en            English prose (only in the English edition)
    %%% markdown               shared by both editions
    %%% code                   code: the same in every edition
    %%% code only=student tags=answer
    %%% code only=teacher tags=solution

A ``zh`` markdown cell must be followed by its ``en`` twin (same ``only`` and
``tags``), so both editions have the same cells in the same order.  Code has no
language: the one line ``LANG = "zh"`` of the first code cell is written
``LANG = "en"`` in the English edition, and that is the only difference between
the code of the two editions.  ``only=student`` / ``only=teacher`` keep a cell
out of the other edition (the teaching case's answer and solution cells).

Outputs (see :data:`EDITIONS`): ``notebooks/zh/``, ``notebooks/en/`` (what a
student gets) and ``teacher/solutions/zh|en/`` (the worked solutions).  Run::

    python tools/build_notebooks.py          # write the notebooks
    python tools/build_notebooks.py --check  # exit 1 if a notebook is stale

``make notebooks`` runs the first; the test suite runs the second.  The
notebooks are written without outputs, with fixed cell ids, so rebuilding from
an unchanged source gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE_DIR = REPO / "tools" / "notebooks"
LANGS = ("zh", "en")
LANG_LINE = re.compile(r'^LANG = "zh"', re.M)

#: source name -> [(edition, output path pattern)]; {lang} is zh or en.
EDITIONS: dict[str, list[tuple[str, str]]] = {
    "01_plan_overview": [("student", "notebooks/{lang}/01_plan_overview.ipynb")],
    "02_projects_across_counties": [("student", "notebooks/{lang}/02_projects_across_counties.ipynb")],
    "03_against_three_year_plan": [("student", "notebooks/{lang}/03_against_three_year_plan.ipynb")],
    "04_targets_and_outcomes": [("student", "notebooks/{lang}/04_targets_and_outcomes.ipynb")],
    "05_teaching_case": [
        ("student", "notebooks/{lang}/05_teaching_case.ipynb"),
        ("teacher", "teacher/solutions/{lang}/05_teaching_case_solutions.ipynb"),
    ],
    "06_plan_as_text": [("student", "notebooks/{lang}/06_plan_as_text.ipynb")],
}

_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


@dataclass
class Cell:
    """One cell of a source: its kind, language (None: both), edition and tags."""

    kind: str
    lang: str | None = None
    only: str | None = None
    tags: tuple[str, ...] = ()
    lines: list[str] = field(default_factory=list)
    line_no: int = 0

    @property
    def source(self) -> str:
        return "\n".join(self.lines).strip("\n")


def parse_source(text: str, *, name: str = "<source>") -> list[Cell]:
    """Split a source into cells and check its rules (raise ValueError with the line)."""
    cells: list[Cell] = []
    for no, line in enumerate(text.splitlines(), start=1):
        if line.startswith("%%%"):
            words = line[3:].split()
            if not words or words[0] not in ("markdown", "code"):
                raise ValueError(f"{name}:{no}: a cell starts with '%%% markdown' or '%%% code'")
            cell = Cell(kind=words[0], line_no=no)
            for word in words[1:]:
                if word in LANGS and cell.kind == "markdown":
                    cell.lang = word
                elif word.startswith("only=") and word[5:] in ("student", "teacher"):
                    cell.only = word[5:]
                elif word.startswith("tags="):
                    cell.tags = tuple(t for t in word[5:].split(",") if t)
                else:
                    raise ValueError(f"{name}:{no}: unknown cell option {word!r}")
            cells.append(cell)
        elif cells:
            cells[-1].lines.append(line)
        # lines before the first cell are the source's header comment
    _check_pairs(cells, name)
    return cells


def _check_pairs(cells: list[Cell], name: str) -> None:
    i = 0
    while i < len(cells):
        cell = cells[i]
        if not cell.source:
            raise ValueError(f"{name}:{cell.line_no}: empty cell")
        if cell.lang == "en":
            raise ValueError(f"{name}:{cell.line_no}: an 'en' cell must follow its 'zh' twin")
        if cell.lang == "zh":
            twin = cells[i + 1] if i + 1 < len(cells) else None
            if (twin is None or twin.lang != "en" or (twin.only, twin.tags) != (cell.only, cell.tags)):
                raise ValueError(f"{name}:{cell.line_no}: a 'zh' cell needs its 'en' twin next, "
                                 "with the same only= and tags=")
            i += 2
        else:
            i += 1


def _cell_json(cell: Cell, source: str, cell_id: str) -> dict:
    lines = source.splitlines(keepends=True)
    meta = {"tags": list(cell.tags)} if cell.tags else {}
    out = {"cell_type": cell.kind, "id": cell_id, "metadata": meta, "source": lines}
    if cell.kind == "code":
        out = {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": meta,
               "outputs": [], "source": lines}
    return out


def build(cells: list[Cell], *, name: str, lang: str, edition: str) -> str:
    """Return the notebook (JSON text, nbformat 4.5, no outputs) of one edition."""
    out, langs_set = [], 0
    for cell in cells:
        if cell.lang not in (None, lang) or cell.only not in (None, edition):
            continue
        source = cell.source
        if cell.kind == "code" and LANG_LINE.search(source):
            langs_set += 1
            source = LANG_LINE.sub(f'LANG = "{lang}"', source)
        out.append(_cell_json(cell, source, str(len(out))))  # the ids nbstripout gives
    if langs_set != 1:
        raise ValueError(f"{name}: exactly one code cell must hold the line LANG = \"zh\"")
    metadata = dict(_METADATA)
    metadata["jxplan"] = {"edition": edition, "lang": lang,
                          "source": f"tools/notebooks/{name}.md"}
    nb = {"cells": out, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def outputs(source_dir: Path = SOURCE_DIR) -> dict[Path, str]:
    """Every notebook edition (path relative to the repository -> its JSON text)."""
    result: dict[Path, str] = {}
    for name, editions in EDITIONS.items():
        path = source_dir / f"{name}.md"
        cells = parse_source(path.read_text(encoding="utf-8"), name=path.name)
        for edition, pattern in editions:
            for lang in LANGS:
                result[Path(pattern.format(lang=lang))] = build(cells, name=name, lang=lang,
                                                                edition=edition)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that every notebook matches its source")
    args = parser.parse_args(argv)
    stale = []
    for rel, text in outputs().items():
        path = REPO / rel
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        if args.check:
            stale.append(rel.as_posix())
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {rel.as_posix()}")
    if stale:
        print("out of date (edit tools/notebooks/<name>.md, then run `make notebooks`): "
              + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
