"""The layers of docs/ARCHITECTURE.md: only caseapp/ui imports PySide6, and the models
import nothing else from the app."""

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
