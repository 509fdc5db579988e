"""The layers of docs/ARCHITECTURE.md: only caseapp/ui imports PySide6, the models import
nothing else from the app, and no modules of the app import one another round a loop."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "caseapp"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def python_files(under: Path) -> list[Path]:
    return sorted(under.rglob("*.py"))


def test_nothing_outside_ui_imports_pyside6() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in python_files(PACKAGE)
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(m.split(".")[0] == "PySide6" for m in imported_modules(path))
    ]
    assert offenders == []


def test_models_import_nothing_else_from_the_app() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in python_files(PACKAGE / "models")
        if any(
            m.startswith("caseapp.") and not m.startswith("caseapp.models")
            for m in imported_modules(path)
        )
    ]
    assert offenders == []


def test_the_check_itself_sees_an_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import Qt\n")
    assert "PySide6.QtCore" in imported_modules(sample)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def app_imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """The app's modules `name` imports when it runs, at the top or inside a function: an
    import left inside a function still ties the two modules together. Imports under
    `if TYPE_CHECKING:` never run, so they are not counted."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking_only(child):
                for other in child.orelse:
                    visit_node(other)
            else:
                visit_node(child)

    def visit_node(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in modules:
                    found.add(submodule)
                elif base in modules:
                    found.add(base)
        else:
            visit(node)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return found


def import_cycles(root: Path) -> list[list[str]]:
    """Each group of modules under `root` that import one another, round a loop (Tarjan)."""
    paths = {module_name(path, root): path for path in python_files(root)}
    graph = {name: app_imports(path, name, set(paths)) for name, path in paths.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def strong(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                strong(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            strong(name)
    return cycles


def test_no_two_modules_of_the_app_import_each_other() -> None:
    assert import_cycles(PACKAGE) == []


def test_the_cycle_check_itself_sees_a_loop(tmp_path: Path) -> None:
    root = tmp_path / "app"
    (root / "part").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "part" / "__init__.py").write_text("")
    (root / "part" / "a.py").write_text("def later():\n    from app.part import b\n")
    (root / "part" / "b.py").write_text("from . import c\n")
    (root / "part" / "c.py").write_text("from app.part.a import later\n")
    (root / "part" / "d.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.part import e\n"
    )
    (root / "part" / "e.py").write_text("import app.part.d\n")
    assert import_cycles(root) == [["app.part.a", "app.part.b", "app.part.c"]]
