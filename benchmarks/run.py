"""Benchmarks: import time, table loading, the figure build and the notebooks.

Run from the repository root (``make benchmark``)::

    python benchmarks/run.py [--repeats 7] [--jobs N] [--skip-figures] [--skip-notebooks]

What it measures, each in fresh subprocesses so that nothing is cached in
the measuring process:

* the time of ``import jxplan`` beside ``import pandas`` and ``import
  geopandas`` (the median of several fresh interpreters);
* the time to load every table (first call in a fresh interpreter, and the
  median of repeated calls after that);
* the wall time and peak memory of the full figure build
  (:func:`jxplan.figures.build_all`, what ``python -m jxplan figures`` runs,
  into a temporary folder) with one process and with ``--jobs`` (default:
  every core), the speed-up, and whether both wrote the same bytes (peak
  resident set size from ``resource.getrusage(RUSAGE_CHILDREN)``: the
  largest process);
* the run time of every notebook in ``notebooks/*.ipynb`` (nbclient), if any.

It prints a Markdown table and writes it, with the machine it ran on (CPU
model, cores, Python version), to ``benchmarks/results.md``.  These are
measurements, not tests: nothing fails if a number is large.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results.md"

IMPORT_SNIPPET = textwrap.dedent("""
    import time
    t = time.perf_counter()
    import {module}
    print(time.perf_counter() - t)
""")

#: Loader calls timed by the load benchmark: label -> expression.
LOADERS = {
    "load_plans()": "jxplan.load_plans()",
    "load_actions(plan_id=None)": "jxplan.load_actions(plan_id=None)",
    "load_measures(plan_id=None)": "jxplan.load_measures(plan_id=None)",
    "load_goals()": "jxplan.load_goals()",
    "load_targets()": "jxplan.load_targets()",
    "load_outcomes()": "jxplan.load_outcomes()",
    "load_projects() (with geometry)": "jxplan.load_projects()",
    "load_milestones()": "jxplan.load_milestones()",
    "load_waypoints()": "jxplan.load_waypoints()",
    "io.load_project_waypoints()": "jxplan.io.load_project_waypoints()",
    "io.load_county_stats()": "jxplan.io.load_county_stats()",
    "load_counties(context=True)": "jxplan.load_counties(context=True)",
    "load_counties(land=False)": "jxplan.load_counties(land=False)",
    "geo.load_context()": "jxplan.geo.load_context()",
}

LOAD_SNIPPET = textwrap.dedent("""
    import json, statistics, sys, time
    import pandas, geopandas, shapely  # imports are measured separately
    import jxplan, jxplan.io, jxplan.geo
    loaders = json.loads(sys.argv[1])
    repeats = int(sys.argv[2])
    out = {}
    t_all = time.perf_counter()
    for label, expr in loaders.items():
        t = time.perf_counter()
        eval(expr)
        out[label] = {"first": time.perf_counter() - t}
    out["__all_first__"] = time.perf_counter() - t_all
    for label, expr in loaders.items():
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            eval(expr)
            times.append(time.perf_counter() - t)
        out[label]["median"] = statistics.median(times)
    print(json.dumps(out))
""")

FIGURES_SNIPPET = textwrap.dedent("""
    import json, resource, subprocess, sys, time
    build = ("from jxplan.figures import build_all; "
             f"build_all(out_dir={sys.argv[1]!r}, jobs={int(sys.argv[2])}, echo=None)")
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", build], capture_output=True, text=True)
    wall = time.perf_counter() - t
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"returncode": done.returncode, "wall": wall, "peak_kib": peak_kib,
                      "stderr": done.stderr[-2000:]}))
""")


def _python(code: str, *args: str, cwd: Path | None = None, timeout: float = 3600) -> str:
    env = dict(os.environ, MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=cwd or REPO, env=env, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip()
                           else f"exit code {done.returncode}")
    return done.stdout.strip().splitlines()[-1]


def _fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


# --------------------------------------------------------------------------- benchmarks


def bench_imports(repeats: int) -> list[tuple[str, str, str]]:
    """Median time of ``import <module>`` in fresh interpreters."""
    rows = []
    for module in ("jxplan", "pandas", "geopandas"):
        times = [float(_python(IMPORT_SNIPPET.format(module=module))) for _ in range(repeats)]
        rows.append((f"`import {module}`", _fmt_s(statistics.median(times)),
                     f"median of {repeats} fresh interpreters (min {_fmt_s(min(times))})"))
    return rows


def bench_loading(repeats: int) -> list[tuple[str, str, str]]:
    """First and repeated load times of every table, in one fresh interpreter."""
    result = json.loads(_python(LOAD_SNIPPET, json.dumps(LOADERS), str(repeats)))
    rows = [("load every table (first calls, total)", _fmt_s(result.pop("__all_first__")),
             "fresh interpreter, pandas/geopandas already imported")]
    for label, times in result.items():
        rows.append((f"`{label}`", _fmt_s(times["median"]),
                     f"median of {repeats} repeated calls (first call {_fmt_s(times['first'])})"))
    return rows


def _tree_hashes(folder: Path) -> dict[str, str]:
    import hashlib

    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def bench_figures(jobs: int | None = None) -> list[tuple[str, str, str]]:
    """Wall time and peak memory of the full figure build with 1 process and with *jobs*.

    The build is :func:`jxplan.figures.build_all` (what ``python -m jxplan figures``
    runs) into a temporary folder; the two builds' files are compared byte for byte.
    """
    jobs = jobs or os.cpu_count() or 1
    rows: list[tuple[str, str, str]] = []
    walls: dict[int, float] = {}
    hashes: dict[int, dict[str, str]] = {}
    for n in dict.fromkeys((1, jobs)):
        with tempfile.TemporaryDirectory(prefix="jxplan-bench-figures-") as tmp:
            result = json.loads(_python(FIGURES_SNIPPET, tmp, str(n)))
            hashes[n] = _tree_hashes(Path(tmp))
        what = f"figure build, jobs={n}"
        if result["returncode"] != 0:
            last = (result["stderr"].strip().splitlines() or ["(no message)"])[-1]
            rows.append((what, "failed", last))
            continue
        walls[n] = result["wall"]
        rows.append((what, _fmt_s(result["wall"]),
                     f"wall time, {len(hashes[n])} files (zh,en; png,svg,pdf); peak RSS "
                     f"{result['peak_kib'] / 1024:.0f} MiB (largest process)"))
    if len(walls) == 2:
        same = "byte-identical" if hashes[1] == hashes[jobs] else "DIFFERENT files"
        rows.append((f"figure build, jobs=1 / jobs={jobs}", f"{walls[1] / walls[jobs]:.2f}x",
                     f"speed-up on {os.cpu_count()} cores; outputs {same}"))
    return rows


def bench_notebooks() -> list[tuple[str, str, str]]:
    """Run time of every notebook (nbclient, a fresh kernel each)."""
    notebooks = sorted((REPO / "notebooks").glob("*.ipynb"))
    if not notebooks:
        return [("notebooks", "none", "no notebooks/*.ipynb yet")]
    import nbformat
    from nbclient import NotebookClient

    rows = []
    total = 0.0
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=1800, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        t = time.perf_counter()
        try:
            client.execute()
        except Exception as exc:  # noqa: BLE001 - report, do not stop the benchmark
            rows.append((f"notebook `{path.name}`", "failed", type(exc).__name__))
            continue
        wall = time.perf_counter() - t
        total += wall
        rows.append((f"notebook `{path.name}`", _fmt_s(wall), "nbclient, fresh kernel"))
    rows.append(("all notebooks", _fmt_s(total), f"{len(notebooks)} notebooks"))
    return rows


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    """CPU model, cores, Python and library versions (no paths, no host name)."""
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.lower().startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = json.loads(_python(
        "import json, importlib.metadata as m\n"
        "print(json.dumps({n: m.version(n) for n in "
        "('jxplan', 'pandas', 'geopandas', 'shapely', 'pyogrio', 'matplotlib')}))"))
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "Python": platform.python_version(),
        "OS": f"{platform.system()} {platform.release()}",
        "libraries": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d"),
    }


def markdown(rows: list[tuple[str, str, str]], info: dict[str, str], note: str = "") -> str:
    lines = ["# jxplan benchmarks", "",
             "Written by `python benchmarks/run.py` (`make benchmark`); measurements, not tests.",
             *(["", note] if note else []),
             "", "| machine | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in info.items()]
    lines += ["", "| what | time / memory | how |", "|---|---:|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="repeats per timing (default 7)")
    parser.add_argument("--skip-figures", action="store_true", help="skip the figure build")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes of the parallel figure build (default: every core)")
    parser.add_argument("--skip-notebooks", action="store_true", help="skip the notebooks")
    parser.add_argument("--out", default=str(RESULTS), help="Markdown file to write")
    parser.add_argument("--note", default="", help="a sentence on the conditions of the run")
    args = parser.parse_args(argv)

    rows: list[tuple[str, str, str]] = []
    steps = [("imports", lambda: bench_imports(args.repeats)),
             ("loading", lambda: bench_loading(args.repeats))]
    if not args.skip_figures:
        steps.append(("figures", lambda: bench_figures(args.jobs)))
    if not args.skip_notebooks:
        steps.append(("notebooks", bench_notebooks))
    for name, step in steps:
        print(f"benchmark: {name} ...", file=sys.stderr, flush=True)
        try:
            rows += step()
        except Exception as exc:  # noqa: BLE001 - a failed step is reported in the table
            rows.append((name, "failed", f"{type(exc).__name__}: {exc}"))
    text = markdown(rows, machine(), args.note)
    print(text)
    _write_atomic(Path(args.out), text)
    print(f"wrote {os.path.relpath(args.out, REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
