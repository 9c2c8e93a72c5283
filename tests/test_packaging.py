"""Packaging: light import, environment.yml in step, data found from a wheel."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "geopandas", "matplotlib", "plotly", "shapely", "pyproj")


def _names(requirements):
    return {re.split(r"[<>=!~ ;\[]", r.strip(), maxsplit=1)[0].lower() for r in requirements}


def test_import_jxplan_is_light():
    code = (f"import sys, jxplan; heavy = [m for m in sys.modules if m.split('.')[0] in {HEAVY!r}]; "
            "print(','.join(sorted(heavy)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


#: Test tools a conda developer needs for `make test` and `make lint` (the rest of the
#: test extra comes from pip in `make .venv/.test`).
GATE_TOOLS = {"pytest", "pytest-xdist", "ruff", "mypy"}


def test_environment_yml_lists_the_pyproject_dependencies():
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = (_names(project["dependencies"]) | _names(extras["notebooks"]) | _names(extras["docs"])
              | GATE_TOOLS)
    env = (REPO / "environment.yml").read_text("utf-8").split("dependencies:", 1)[1]
    listed = {m.group(1).lower() for m in re.finditer(r"^\s+-\s+([A-Za-z0-9_.\-]+)", env, re.M)}
    not_in_extra = GATE_TOOLS - _names(extras["test"])
    assert not not_in_extra, sorted(not_in_extra)
    assert wanted <= listed, sorted(wanted - listed)
    assert listed - wanted <= {"python", "pip", "-e"}, sorted(listed - wanted)


def test_environment_yml_uses_the_pyproject_version_bounds():
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project["optional-dependencies"]
    bounds = {_names([r]).pop(): r.replace(" ", "")
              for r in [*project["dependencies"], *extras["notebooks"], *extras["test"]]}
    env = (REPO / "environment.yml").read_text("utf-8").split("dependencies:", 1)[1]
    for m in re.finditer(r"^\s+-\s+([A-Za-z0-9_.\-]+)([<>=!~][^\s#]*)?", env, re.M):
        name, spec = m.group(1).lower(), m.group(1) + (m.group(2) or "")
        if name in bounds:
            assert spec.lower() == bounds[name].lower(), (spec, bounds[name])


@pytest.mark.slow
def test_data_is_found_from_an_installed_wheel(tmp_path):
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(dist), str(REPO)], check=True, capture_output=True)
    wheel = next(dist.glob("jxplan-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "jxplan/_data/measures.csv" in names and "jxplan/_data/counties_land.geojson" in names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = ("import jxplan; from jxplan.settings import data_dir; "
            "print(data_dir()); print(len(jxplan.load_measures()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    where, count = out.stdout.split()
    assert Path(where) == target / "jxplan" / "_data" and count == "7"
