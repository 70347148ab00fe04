"""The direction of the dependencies between Aura's packages (docs/architecture.md opens with
the map): no import cycles between modules, the audit engine and the pure comparison and
history functions import nothing from the web, database or queue layers, the runtime knows
no domain, and no domain imports the CLI or the app.

Imports are read from the source (``ast``), including those under ``TYPE_CHECKING`` and
inside functions: a cycle the interpreter never sees is still one a reader has to untangle.
``from package import name`` counts as importing the package (its ``__init__``) and, where
``name`` is a submodule, that submodule too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
#: What Aura's layers are made of, by the first part of the module path below ``aura``.
WEB = {"api", "app", "deps", "serving"}
STORAGE = {"db", "models"}
QUEUE = {"queue", "events", "jobs", "recovery", "runtime", "worker"}
DOMAINS = {"analyses", "competitive", "sets", "history", "comparison", "reports", "demo"}
#: Third-party packages of the web, database and queue layers.
FRAMEWORKS = frozenset(
    {"fastapi", "starlette", "sqlalchemy", "alembic", "docket", "redis", "uvicorn"}
)


@cache
def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(module: str, path: Path) -> Iterator[str]:
    """Every module or package name ``module`` imports (third-party ones as written)."""
    known = modules()
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            yield origin
            for alias in node.names:
                if f"{origin}.{alias.name}" in known:
                    yield f"{origin}.{alias.name}"


def _owner(name: str) -> str | None:
    """The Aura module ``name`` is, or is inside of (None for third-party names)."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


@cache
def graph() -> dict[str, frozenset[str]]:
    edges: dict[str, frozenset[str]] = {}
    for module, path in modules().items():
        targets = {_owner(name) for name in _imported(module, path)}
        edges[module] = frozenset(t for t in targets if t is not None and t != module)
    return edges


@cache
def third_party() -> dict[str, frozenset[str]]:
    return {
        module: frozenset(
            name.split(".")[0] for name in _imported(module, path) if not name.startswith("aura")
        )
        for module, path in modules().items()
    }


def cycles(edges: Mapping[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in edges:
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(
    sources: set[str], forbidden: set[str], libraries: frozenset[str] = frozenset()
) -> list[str]:
    found: list[str] = []
    for module, targets in graph().items():
        if layer(module) not in sources:
            continue
        found.extend(f"{module} → {t}" for t in sorted(targets) if layer(t) in forbidden)
        found.extend(f"{module} → {lib}" for lib in sorted(third_party()[module] & libraries))
    return found


def test_the_module_graph_is_read() -> None:
    """The checks below mean something only if the graph holds Aura's modules and edges."""
    edges = graph()
    assert len(edges) > 200
    assert "aura.runtime" in edges["aura.worker"]
    assert "aura.audit.runner" in edges["aura.analyses.tasks"]


def test_no_module_imports_itself_back() -> None:
    assert cycles(graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    """The check is not blind: the runtime importing a task module (as it once did, to
    register the jobs) closes a loop through the task's own import of the runtime."""
    edges = dict(graph())
    edges["aura.runtime"] = edges["aura.runtime"] | {"aura.analyses.tasks"}
    assert ["aura.analyses.tasks", "aura.runtime"] in cycles(edges)


@pytest.mark.parametrize(
    ("sources", "forbidden", "libraries"),
    [
        # The audit engine and the crawl engine are libraries: pages in, findings out.
        ({"audit", "crawl"}, WEB | STORAGE | QUEUE | DOMAINS | {"cli"}, FRAMEWORKS),
        # The comparison and the history are pure functions of stored results.
        (
            {"comparison", "history"},
            WEB | STORAGE | QUEUE | {"cli", "sets", "competitive"},
            FRAMEWORKS,
        ),
        # No domain reaches up into the command line or the app.
        (DOMAINS | {"audit", "crawl"}, {"cli", "app", "worker"}, frozenset()),
        # The runtime holds the infrastructure and knows no domain (aura.worker wires them).
        (
            {"runtime", "queue", "events", "db", "models"},
            DOMAINS | WEB | {"cli", "worker"},
            frozenset(),
        ),
    ],
    ids=["audit-engine", "pure-functions", "no-upward-imports", "runtime-knows-no-domain"],
)
def test_dependencies_point_one_way(
    sources: set[str], forbidden: set[str], libraries: frozenset[str]
) -> None:
    assert violations(sources, forbidden, libraries) == []
