"""The package's imports go one way: from a command down to the common helpers, never back.

Every import of a ``builder`` module counts, at the top of a module or inside a function (an
import inside a function still ties the two modules together); only those under ``if
TYPE_CHECKING:`` are left out, since they are never run.
"""

from __future__ import annotations

import ast
import functools
from collections import defaultdict
from pathlib import Path

from tests.support import ROOT

PACKAGE = ROOT / "builder"

# Lowest first. A module may import from its own layer and the layers below it.
LAYERS: list[set[str]] = [
    {"builder", "common"},                 # messages, files, paths, dates, limits
    {"source"},                            # the pack's files to a typed model
    {"resolve"},                           # one school's view of the pack
    {"checks"},                            # the checks on a resolved school
    {"project"},                           # the pack for one command: load, select, resolve, findings
    {"render", "sign"},                    # outputs from a resolved school; signature fields
    {"pipeline"},                          # the build: plan, workers, manifest, links, staging
    {"serve", "publish", "diff", "forms", "importing", "scaffold"},   # the commands' libraries
    {"cli", "__main__"},                   # argument parsing
]


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        mods[".".join(parts)] = path
    return mods


def _type_checking_only(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                skip |= {id(n) for n in ast.walk(inner)}
    return skip


@functools.cache
def imports() -> dict[str, set[str]]:
    """{module: the builder modules it imports}."""
    mods = _modules()

    def known(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    edges: dict[str, set[str]] = defaultdict(set)
    for mod, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_only(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    package = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
                    base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for t in targets:
                found = known(t) if t.split(".")[0] == "builder" else None
                # importing a.b.c runs a/__init__ and a/b/__init__ first: each is imported too
                while found:
                    if found != mod and not mod.startswith(found + "."):
                        edges[mod].add(found)
                    found = known(found.rpartition(".")[0])
    return edges


def layer_of(module: str) -> int:
    parts = module.split(".")
    step = parts[1] if len(parts) > 1 else "builder"
    for i, names in enumerate(LAYERS):
        if step in names:
            return i
    raise AssertionError(f"{module} is in no layer: add builder/{step} to LAYERS")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_a_layer():
    for module in _modules():
        layer_of(module)


def test_no_import_goes_up_a_layer():
    upward = sorted(f"{a} (layer {layer_of(a)}) imports {b} (layer {layer_of(b)})"
                    for a, bs in imports().items() for b in bs if layer_of(b) > layer_of(a))
    assert upward == []


def test_no_import_cycles():
    assert cycles(imports()) == []


def test_the_checker_sees_a_cycle_and_an_upward_import():
    """The two rules fail when broken: a cycle of two modules, and a lower step importing a higher."""
    assert cycles({"builder.a": {"builder.b"}, "builder.b": {"builder.a"}}) == [["builder.a", "builder.b"]]
    assert layer_of("builder.common.files") < layer_of("builder.pipeline.build")
    edges = imports()
    assert "builder.resolve.model" in edges["builder.resolve.school"]      # it reads real imports
    assert "builder.project" in edges["builder.pipeline.build"]            # inside functions too


def test_an_import_inside_a_function_says_why():
    """Outside the command-line layer (which loads a command's modules only when that command
    runs, so ``--help`` and a mistyped option answer at once), a builder module imported inside
    a function carries a comment giving the reason: start-up time, the worker preload, or a
    name a test replaces."""
    unexplained = []
    for module, path in _modules().items():
        if module.startswith("builder.cli"):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for func in ast.walk(ast.parse(source)):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    name = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                    text = "\n".join(lines[node.lineno - 1:node.end_lineno])
                    if (name or "").startswith("builder") and "#" not in text:
                        unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text.strip()}")
    assert sorted(set(unexplained)) == []


def test_no_two_classes_share_a_name():
    """A class name names one thing in the package (``SectionSpec`` was once two)."""
    where: dict[str, list[str]] = defaultdict(list)
    for module, path in _modules().items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                where[node.name].append(module)
    assert {name: mods for name, mods in where.items() if len(mods) > 1} == {}
