"""The notebooks: they run top to bottom, stay thin, and leave the tree clean.

Every notebook comes in a Chinese and an English edition built from one source
in ``tools/notebooks/`` by ``tools/build_notebooks.py``: the student notebooks
in ``notebooks/zh|en/``, the teaching case's worked solutions in
``teacher/solutions/zh|en/`` (so ``notebooks/`` can be handed out alone).
Every edition is executed once per session (the ``executed_notebooks`` fixture
of conftest.py: nbclient, the project's ``python3`` kernel, the notebook's
folder as working directory, the inline backend, as in JupyterLab; the site
test builds its pages from the same run).  The static checks (editions match
their source, code the same in both languages, outputs stripped, title cell,
LANG switch, no long functions) need no kernel.  The teaching case's answer checks are tested
against answers computed here from the data, the way a student would.
"""

from __future__ import annotations

import ast
import math
import re
import sys
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, load_tool

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = REPO / "notebooks"
TEACHER_DIR = REPO / "teacher"
LANGS = ("zh", "en")
STUDENT = {lang: NOTEBOOK_DIR / lang / "05_teaching_case.ipynb" for lang in LANGS}
SOLUTIONS = {lang: TEACHER_DIR / "solutions" / lang / "05_teaching_case_solutions.ipynb"
             for lang in LANGS}
_NAMES = ["01_plan_overview.ipynb", "02_projects_across_counties.ipynb",
          "03_against_three_year_plan.ipynb", "04_targets_and_outcomes.ipynb",
          "05_teaching_case.ipynb", "06_plan_as_text.ipynb"]
EXPECTED = ([f"notebooks/{lang}/{name}" for lang in LANGS for name in _NAMES]
            + [f"teacher/solutions/{lang}/05_teaching_case_solutions.ipynb" for lang in LANGS])
CELL_TIMEOUT = 600
MAX_DEF_LINES = 5
LANG_LINE = re.compile(r"^LANG\s*=\s*[\"'](zh|en)[\"']", re.M)
CHECK_CALL = re.compile(r"check_exercise_\d\(")
CJK = re.compile(r"[\u4e00-\u9fff]")
CLEAN_HINT = ("strip it with `.venv/bin/nbstripout {path}` (`make lab` installs nbstripout as a "
              "git filter, so outputs never reach a commit), or rebuild every notebook from its "
              "source with `make notebooks`")


def _ids(paths):
    return [p.relative_to(REPO).as_posix() for p in paths]


def _lang(path: Path) -> str:
    return path.parent.name


def _read(path: Path):
    nbformat = pytest.importorskip("nbformat")
    return nbformat.read(path, as_version=4)


def _builder():
    return load_tool("build_notebooks")


def _code(cell) -> str:
    """A code cell's source with IPython magics and shell lines blanked (for ast)."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in cell.source.splitlines())


def _execute(nb, folder: Path, monkeypatch):
    """Run ``nb`` in the python3 kernel with cwd ``folder``; return it with outputs."""
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("MPLBACKEND", "Agg")  # inherited by the kernel process
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def _text_outputs(nb, *, html: bool = False) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            elif "data" in out:
                parts.append(str(out["data"].get("text/plain", "")))
                if html:
                    parts.append(str(out["data"].get("text/html", "")))
    return "\n".join(parts)


# --------------------------------------------------------------------------- static checks


def test_every_notebook_of_the_issue_exists():
    assert sorted(_ids(NOTEBOOKS)) == sorted(EXPECTED)


def test_every_edition_is_built_from_its_source():
    """The notebooks are what tools/build_notebooks.py makes of tools/notebooks/*.md."""
    builder = _builder()
    for rel, text in builder.outputs().items():
        path = REPO / rel
        assert path.is_file(), f"{rel} is missing: run `make notebooks`"
        assert path.read_text(encoding="utf-8") == text, (
            f"{rel} differs from its source tools/notebooks/: edit the source (not the notebook), "
            "then run `make notebooks`; if only outputs were saved, " + CLEAN_HINT.format(path=rel))


@pytest.mark.parametrize("name", _NAMES + ["solutions"])
def test_both_languages_run_the_same_code(name):
    pair = ([SOLUTIONS[lang] for lang in LANGS] if name == "solutions"
            else [NOTEBOOK_DIR / lang / name for lang in LANGS])
    zh, en = (_read(p) for p in pair)
    code = {}
    for lang, nb in zip(LANGS, (zh, en), strict=True):
        cells = [c.source for c in nb.cells if c.cell_type == "code"]
        assert LANG_LINE.search(cells[0]).group(1) == lang
        code[lang] = [LANG_LINE.sub('LANG = "?"', c) for c in cells]
    assert code["zh"] == code["en"]
    assert [c.cell_type for c in zh.cells] == [c.cell_type for c in en.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_prose_is_in_the_language_of_the_edition(path):
    prose = "".join(c.source for c in _read(path).cells if c.cell_type == "markdown")
    prose = re.sub(r"`[^`]*`|《[^》]*》|（[^）]*）", "", prose)  # code, titles, glosses
    letters = re.findall(r"[A-Za-z\u4e00-\u9fff]", prose)
    share = len(CJK.findall(prose)) / max(1, len(letters))
    if _lang(path) == "zh":
        assert share > 0.6, f"only {share:.0%} of the prose is Chinese"
    else:
        assert share < 0.1, f"{share:.0%} of the English prose is Chinese"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_outputs_are_stripped(path):
    nb = _read(path)
    rel = path.relative_to(REPO).as_posix()
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{rel}: cell {i} has outputs; " + CLEAN_HINT.format(path=rel)
            assert cell.execution_count is None, (
                f"{rel}: cell {i} has an execution count; " + CLEAN_HINT.format(path=rel))
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_first_cell_is_a_title(path):
    first = _read(path).cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_no_long_functions_in_notebooks(path):
    for i, cell in enumerate(_read(path).cells):
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(_code(cell))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                length = node.end_lineno - node.lineno + 1
                assert length <= MAX_DEF_LINES, (
                    f"cell {i}: {node.name} is {length} lines; move it into the library")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_language_switch_at_the_top(path):
    cells = [c for c in _read(path).cells if c.cell_type == "code"]
    assert cells and LANG_LINE.search(cells[0].source), "the first code cell must set LANG"
    assert LANG_LINE.search(cells[0].source).group(1) == _lang(path)
    assert sum(bool(LANG_LINE.search(c.source)) for c in cells) == 1, "set LANG once"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_no_absolute_paths_and_no_seed_text(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(?<![\w.])/(work|home|Users|tmp|root)/", text)
    assert not re.search(r"[A-Za-z]:\\\\", text)
    # The seed is read from ../shared/seeds at run time, never copied in.
    seed = REPO.parent / "shared" / "seeds" / "000_4a82f9acf3260205.txt"
    if seed.is_file():
        lines = [ln.strip() for ln in seed.read_text(encoding="utf-8").splitlines()]
        long_lines = [ln for ln in lines if len(ln) >= 30]
        assert not [ln for ln in long_lines if ln in text]


# --------------------------------------------------------------------------- teaching case


def test_the_student_folder_holds_no_solutions():
    """notebooks/ can be handed out alone: no solution cell and no model answer in it."""
    for path in NOTEBOOK_DIR.rglob("*.ipynb"):
        for cell in _read(path).cells:
            assert "solution" not in cell.metadata.get("tags", []), path.name
            assert "Model answer" not in cell.source and "参考答案。" not in cell.source


@pytest.mark.parametrize("lang", LANGS)
def test_student_notebook_holds_no_solutions(lang):
    student, solutions = _read(STUDENT[lang]), _read(SOLUTIONS[lang])
    tagged = [c for c in solutions.cells if "solution" in c.metadata.get("tags", [])]
    assert len(tagged) >= 4
    assert not [c for c in student.cells if "solution" in c.metadata.get("tags", [])]
    student_code = {c.source.strip() for c in student.cells if c.cell_type == "code"}
    for cell in tagged:
        assert cell.source.strip() not in student_code
    for n in (1, 2, 3, 4, 7, 8):
        assert f"check_exercise_{n}(" in "".join(c.source for c in student.cells)


def _untagged(nb, *tags):
    """Sources of the cells after the title that carry none of ``tags``."""
    return [c.source for c in nb.cells[1:] if not set(tags) & set(c.metadata.get("tags", []))]


@pytest.mark.parametrize("lang", LANGS)
def test_solutions_follow_the_student_version(lang):
    """Apart from the title and the version note, the solutions notebook is the student
    notebook with each 'answer' cell replaced by 'solution' cells."""
    student, solutions = _read(STUDENT[lang]), _read(SOLUTIONS[lang])
    answers = [c for c in student.cells if "answer" in c.metadata.get("tags", [])]
    assert len(answers) >= 4, "the student version marks its answer cells with the tag 'answer'"
    assert all(re.fullmatch(r"answer_\d+ = None\s*(#.*)?", c.source.strip()) for c in answers)
    assert _untagged(solutions, "solution", "version") == _untagged(student, "answer", "version")


# Each exercise: an answer a student would compute, and wrong answers (with odd types).
def _right_answers():
    import jxplan
    from jxplan import analysis

    actions = jxplan.load_actions(plan_id="jx-2016")
    pc = jxplan.project_counties()
    table = analysis.county_project_table()
    table = table[table["city_zh"] == "嘉兴市"]
    first = analysis.first_milestones().set_index("project_id")
    tvo = analysis.targets_vs_outcomes()
    city = tvo[(tvo["target_id"] == "jx-2016-t1") & (tvo["scope"] == "city")]
    comparison = jxplan.compare_plans("jx-2016", "jxgq-2017", by="action")
    return {
        1: int(actions["name_zh"].notna().sum()),
        2: pc.loc[pc["project_id"] == "rail-jinping", "name_zh"].tolist(),
        3: table["total"].astype(int).idxmax(),
        4: round(float(first.loc["air-jiaxing-airport", "opened_years_after_window"])),
        5: {"reported": city.loc[city["status"] == "reported", "year"].tolist(),
            "not_reported": city.loc[city["status"] != "reported", "year"].tolist()},
        6: comparison.loc[comparison["status"] == "in_both", "key"].tolist(),
        7: tuple(analysis.scorecard().set_index("ask_id").loc[
            "jx-2016-m04-k3", ["verdict_at_deadline", "verdict_as_of"]]),
        8: _jxplan_coding(),
    }


def _jxplan_coding():
    """Exercise 8's answer as a student copies it from jxplan's coding: measure -> codes."""
    import jxplan
    from jxplan.teaching import EXERCISE_8_UNITS

    codes = jxplan.load_instrument_codes()
    return {u: codes.loc[codes["unit_id"] == u, "instrument_code"].tolist() for u in EXERCISE_8_UNITS}


WRONG = {
    1: [7, 4, 0, "three", None, -1, math.nan],
    2: [["平湖市"], ["金山区", "平湖市", "海盐县", "南湖区"], ["Atlantis"], None, 5, {}],
    3: ["金山区", "嘉善县", "Haining", ["平湖市", "嘉善县"], "", None, 3.5],
    4: [10, 0, 2025, "soon", None, math.inf],
    5: [{"reported": [2016, 2017, 2018], "not_reported": [2019]},
        {2016: 0, 2017: 319, 2018: 350, 2019: 0}, {"reported": ["x"], "not_reported": []},
        [2017, 2018], None, "2017"],
    6: [["基础设施"], ["规划政策", "基础设施", "人才科技"], ["nonsense"], None, 3.0, {}],
    7: ["done", ("maybe", "later"), ("done_late",), None, 5, {}],  # odd answers (see test_scorecard)
    8: [{"jx-2016-m04": ["supply"], "jx-2016-m07": ["environment"]},  # types, not sub-types
        {"jx-2016-m04": ["supply-railways"], "jx-2016-m07": []},  # not in the codebook
        {"jx-2016-m04": ["supply-infrastructure"]},  # one measure only
        {"jx-2016-m01": [], "jx-2016-m04": [], "jx-2016-m07": []},  # a measure not asked for
        {"jx-2016-m04": [], "jx-2016-m07": []},  # no instrument at all
        ["supply-talent"], "supply-talent", None, 5, {}],
}


@pytest.fixture(scope="module")
def right_answers():
    return _right_answers()


@pytest.mark.parametrize("n", sorted(WRONG))
def test_teaching_checks(n, right_answers):
    from jxplan import teaching

    check = getattr(teaching, f"check_exercise_{n}")
    good = check(right_answers[n])
    assert good.ok and good.startswith("✓"), good
    for wrong in WRONG[n]:
        feedback = check(wrong)
        assert isinstance(feedback, str) and not feedback.ok, (wrong, feedback)
        assert feedback.startswith("✗") and "提示" in feedback and "Hint" in feedback


def test_teaching_checks_accept_other_spellings():
    from jxplan import teaching

    assert teaching.check_exercise_2(["310116", "Pinghu City", "海盐"]).ok
    assert teaching.check_exercise_3("Pinghu").ok and teaching.check_exercise_3(330482).ok
    assert teaching.check_exercise_4(8.99).ok and teaching.check_exercise_4("9").ok
    import pandas as pd

    series = pd.Series([pd.NA, 319, 350, pd.NA], index=[2016, 2017, 2018, 2019], dtype="Float64")
    assert teaching.check_exercise_5(series).ok
    assert teaching.check_exercise_6(["Infrastructure", "人才科技对接行动"]).ok


def test_exercise_8_reports_the_agreement_with_jxplans_coding(right_answers):
    """A coding one code short of (or one code beyond) jxplan's is told its kappa, computed by
    text.agreement over the two measures, and where the codes differ by type."""
    import pandas as pd

    from jxplan import teaching, text

    right = right_answers[8]
    book = text.load_instrument_codebook()
    for unit, codes in right.items():
        extra = next(c for c in book.index if c not in codes)
        for changed in (codes[1:], [*codes, extra]):
            answer = {**right, unit: changed}
            feedback = teaching.check_exercise_8(answer)
            assert not feedback.ok and feedback.startswith("✗") and "Hint" in feedback, feedback

            def frame(c):
                return pd.DataFrame([(u, x) for u, xs in c.items() for x in xs],
                                    columns=["unit_id", "instrument_code"])

            r = text.agreement(frame(answer), frame(right), units=teaching.EXERCISE_8_UNITS)
            assert f"kappa = {r['kappa']:.2f}" in feedback
            assert f"1 of {r['n']} decisions differ" in feedback
            kind = book.loc[(set(codes) ^ set(changed)).pop(), "type_zh"]
            assert f"1个{kind}代码" in feedback


def test_exercise_8_accepts_other_spellings(right_answers):
    from jxplan import teaching, text

    book = text.load_instrument_codebook()
    spelled = {int(u[-2:]): [book.loc[c, "subtype_zh"] for c in codes][::-1]
               for u, codes in right_answers[8].items()}
    assert teaching.check_exercise_8(spelled).ok
    by_en = {f"m{u[-2:]}": [book.loc[c, "subtype_en"] for c in codes]
             for u, codes in right_answers[8].items()}
    assert teaching.check_exercise_8(by_en).ok


def test_a_missing_year_given_as_zero_gets_its_own_hint():
    from jxplan import teaching

    feedback = teaching.check_exercise_5({2016: 0, 2017: 319, 2018: 350, 2019: None})
    assert not feedback.ok and "not 0" in feedback


def test_every_exercise_has_a_question():
    from jxplan import teaching

    for n in teaching.EXERCISES:
        assert callable(getattr(teaching, f"check_exercise_{n}"))
    assert len(teaching.EXERCISES) >= 4


# --------------------------------------------------------------------------- execution


@pytest.mark.slow
def test_kernel_is_this_environment(tmp_path, monkeypatch):
    """nbclient's python3 kernel runs the interpreter that runs the tests (the venv's)."""
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import sys, matplotlib; print(sys.prefix); "
                                          "print(matplotlib.get_backend())")]
    _execute(nb, tmp_path, monkeypatch)
    prefix, backend = nb.cells[0].outputs[0]["text"].split()
    assert Path(prefix).resolve() == Path(sys.prefix).resolve()
    assert backend.lower() == "agg"


# What the executed notebooks must show: Chinese tables in the Chinese edition, and long
# notes (the teaching case's exercise 6 depends on one) shown whole, not cut at 50 characters.
SHOWN = {
    "04_targets_and_outcomes.ipynb": {"zh": ["状态", "未见报道", "亿元"], "en": ["not_reported"]},
    "06_plan_as_text.ipynb": {"zh": ["工具编码", "jxplan-suggester", "沪乍杭铁路 / 和"],
                              "en": ["supply-infrastructure", "沪乍杭铁路 / 和"]},
    "05_teaching_case.ipynb": {"zh": ["两方案都有", "this may be one of them"],
                               "en": ["in_both", "this may be one of them"]},
}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs_and_leaves_the_tree_clean(path, executed_notebooks):
    rel = path.relative_to(REPO).as_posix()
    error = executed_notebooks.errors[rel]
    assert error is None, f"{rel} failed:\n{error[-4000:]}"
    assert not executed_notebooks.tree_changes, (
        f"running the notebooks changed the working tree: {executed_notebooks.tree_changes}")
    nb = executed_notebooks.read(rel)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert all(c.get("execution_count") for c in nb.cells if c.cell_type == "code"), (
        f"{rel}: a code cell did not run")
    text = _text_outputs(nb, html=True)
    for wanted in SHOWN.get(path.name.replace("_solutions", ""), {}).get(_lang(path), []):
        assert wanted in text, f"{path.name} does not show {wanted!r}"
    if path in SOLUTIONS.values():
        text = _text_outputs(nb)
        assert "✗" not in text
        calls = sum(len(CHECK_CALL.findall(c.source)) for c in nb.cells if c.cell_type == "code")
        assert calls >= 4 and text.count("✓") >= calls


@pytest.mark.slow
def test_parsing_the_held_text_is_skipped_when_it_is_absent(monkeypatch):
    """Notebook 03 explains and skips the seed part when ../shared/seeds has no text."""
    path = NOTEBOOK_DIR / "zh" / "03_against_three_year_plan.ipynb"
    nb = _read(path)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    seed_at = next(i for i, c in enumerate(code_cells) if "SEED = " in c.source)
    assert "000_4a82f9acf3260205.txt" in code_cells[seed_at].source
    code_cells[seed_at].source = code_cells[seed_at].source.replace(
        "000_4a82f9acf3260205.txt", "no_such_seed.txt")
    nb.cells = [code_cells[0], *code_cells[seed_at:seed_at + 2]]  # setup, seed cell, the one after
    _execute(nb, path.parent, monkeypatch)
    assert "Skipped" in _text_outputs(nb)
    assert not [o for c in nb.cells for o in c.outputs if o.get("output_type") == "error"]


@pytest.mark.slow
def test_the_text_notebook_runs_without_the_held_text(monkeypatch):
    """Notebook 06 explains and skips every part that needs ../shared/seeds when it is absent."""
    path = NOTEBOOK_DIR / "zh" / "06_plan_as_text.ipynb"
    nb = _read(path)
    seed_cells = [c for c in nb.cells if c.cell_type == "code" and "SEED = " in c.source]
    assert len(seed_cells) == 1 and "000_4a82f9acf3260205.txt" in seed_cells[0].source
    seed_cells[0].source = seed_cells[0].source.replace("000_4a82f9acf3260205.txt",
                                                        "no_such_seed.txt")
    _execute(nb, path.parent, monkeypatch)
    text = _text_outputs(nb)
    assert text.count("Skipped") == 4, text  # the seed cell, suggestions, terms, similarity
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert "沪乍杭铁路 / 和" in text and "supply-infrastructure" in text  # the rest still runs
    assert "demo-2030-m03" in text  # compare_wording on titles needs no held text
