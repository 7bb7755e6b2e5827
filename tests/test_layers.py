"""The package's layers (STYLE.md, "The shape: data flows one way"), read from the source with
ast: every import counts, at the top of a module, inside a function or under TYPE_CHECKING.

    cli ─▶ services ─▶ store          render draws documents, never asks services
     │         │                      documents (plain data) lies below all of them
     └▶ render ┴──▶ documents
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "atgt_cli"

# layer → the layers it must not import
FORBIDDEN = {
    "render": {"services", "cli"},
    "services": {"render", "cli"},
    "store": {"render", "cli"},
    "documents": {"services", "render", "cli", "store"},
}

# Known exceptions, each temporary and owned by work in progress elsewhere; remove an entry
# as soon as what it names is gone (nothing else may be added here). No cycle is allowed.
ALLOWED_IMPORTS: set[tuple[str, str]] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imported(module: str, path: Path) -> Iterator[str]:
    """Every module of the package that `module` imports, anywhere in its body."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            # `from a import b` imports a, and a.b when b is a module
            names = [source, *(f"{source}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            if name in MODULES and name != module:
                yield name


GRAPH = {module: set(_imported(module, path)) for module, path in MODULES.items()}


def _layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def _allowed(module: str, target: str) -> bool:
    return any(
        (module == a or module.startswith(a + ".")) and target == b for a, b in ALLOWED_IMPORTS
    )


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)
    return found


def test_the_graph_is_read_from_every_module() -> None:
    assert "atgt_cli.render.report" in MODULES and "atgt_cli.documents.report" in MODULES
    # a function-local import and one under TYPE_CHECKING are both seen
    assert "atgt_cli.render.report" in GRAPH["atgt_cli.render.files"]
    assert "atgt_cli.documents.report" in GRAPH["atgt_cli.render.report"]


def test_no_layer_imports_one_above_it() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if _layer(target) in FORBIDDEN.get(_layer(module), set()) and not _allowed(module, target)
    )
    assert wrong == []


def test_no_import_cycles() -> None:
    assert [sorted(c) for c in _cycles(GRAPH)] == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [{"a", "b", "c"}]
