"""The import graph of the jxplan package: no cycle, and the house's layering.

The graph is read from the source with :mod:`ast`, not by importing: an edge
A -> B is any ``import``/``from ... import`` of B in A, at module level or
inside a function (a lazy import still makes A depend on B at run time), and
any ``importlib.import_module("jxplan.B")`` with a literal name.  Imports
under ``if TYPE_CHECKING:`` are not counted: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "jxplan"

#: Layers from the bottom up.  A module may import modules of its own layer
#: or of a lower one, never of a higher one.  Modules not listed here (new
#: ones) are checked for cycles only, except that the bottom layer may import
#: nothing but the bottom layer, and nothing but ``__main__`` imports cli.
LAYERS: list[tuple[str, set[str]]] = [
    ("data and metadata", {"meta", "settings", "problems", "_atomic", "_memo"}),
    ("words: the catalogue and CJK wrapping", {"labels", "textwrap_cjk"}),
    ("schema checks, geometry assembly", {"schema", "shapes"}),
    ("row rules of the audited record", {"rules"}),
    ("loaders", {"io"}),
    ("geography", {"geo"}),
    ("validation", {"validate"}),
    ("analysis and exports", {"analysis", "compare", "parse", "exports", "teaching", "text",
                              "ordering", "scorecard"}),
    ("fonts and style", {"fonts", "style"}),
    ("drawing", {"export", "plot", "interactive"}),
    ("figure build", {"figures"}),
    ("command line", {"cli", "__main__", "__init__"}),
]
BOTTOM = LAYERS[0][1]
RANK = {name: i for i, (_, names) in enumerate(LAYERS) for name in names}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _target(parts: list[str], modules: set[str]) -> str | None:
    """The jxplan module that the dotted name ``parts`` imports (``__init__`` for the package)."""
    if not parts or parts[0] != "jxplan":
        return None
    return parts[1] if len(parts) > 1 and parts[1] in modules else "__init__"


class _Imports(ast.NodeVisitor):
    """Collects the jxplan modules a module imports (TYPE_CHECKING blocks skipped)."""

    def __init__(self, modules: set[str]):
        self.modules = modules
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        for child in node.orelse if _is_type_checking(node) else [node.test, *node.body,
                                                                  *node.orelse]:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(_target(alias.name.split("."), self.modules))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level > 1:  # from .. import: outside the package
            return
        parts = (node.module or "").split(".") if node.module else []
        if node.level == 1:  # from . import x, from .x import y: inside the package
            parts = ["jxplan", *parts]
        if parts == ["jxplan"]:  # from jxplan import plot, __version__
            for alias in node.names:
                self._add(alias.name if alias.name in self.modules else "__init__")
        else:
            self._add(_target(parts, self.modules))

    def visit_Call(self, node: ast.Call) -> None:
        """``importlib.import_module("jxplan.x")`` with a literal name counts too."""
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "import_module" and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            self._add(_target(node.args[0].value.split("."), self.modules))
        self.generic_visit(node)

    def _add(self, name: str | None) -> None:
        if name is not None:
            self.found.add(name)


def _imports(tree: ast.AST, modules: set[str]) -> set[str]:
    """jxplan modules imported anywhere in ``tree``."""
    collector = _Imports(modules)
    collector.visit(tree)
    return collector.found


def import_graph() -> dict[str, set[str]]:
    """``{module: {modules it imports}}`` for every module of the package."""
    files = {p.stem: p for p in PACKAGE.glob("*.py")}
    modules = set(files)
    graph = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[name] = _imports(tree, modules) - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


GRAPH = import_graph()


def test_the_graph_is_read_from_the_source():
    # The known edges, module level and function level alike, are found.
    assert "io" in GRAPH["geo"] and "meta" in GRAPH["io"]
    assert "figures" in GRAPH["cli"]  # imported inside a function
    assert "plot" in GRAPH["figures"]  # ``from jxplan import plot``
    assert "fonts" in GRAPH["export"]  # ``from . import fonts``
    assert "interactive" in GRAPH["figures"]  # importlib.import_module("jxplan.interactive")


def test_find_cycle_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_every_known_module_exists():
    missing = sorted(set(RANK) - set(GRAPH))
    assert not missing, f"LAYERS names modules that do not exist: {missing}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_layering(module):
    imported = GRAPH[module]
    if module in BOTTOM:
        assert imported <= BOTTOM, (f"{module} is in the bottom layer and may import only "
                                    f"{sorted(BOTTOM)}, not {sorted(imported - BOTTOM)}")
    if module not in ("__main__",):
        assert "cli" not in imported, f"{module} imports the command line, which sits on top"
    if module in RANK:
        upward = sorted(m for m in imported if RANK.get(m, -1) > RANK[module])
        assert not upward, (f"{module} ({LAYERS[RANK[module]][0]}) imports higher layers: "
                            + ", ".join(f"{m} ({LAYERS[RANK[m]][0]})" for m in upward))


def test_meta_and_settings_import_nothing_from_jxplan():
    assert GRAPH["meta"] == set() and GRAPH["settings"] == set()
