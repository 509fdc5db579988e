"""The command line's modules import one way only: `__init__` imports the command modules,
the command modules import `common`, and `common` imports none of them. So no two modules of
`caseapp/cli/` import each other, and a command group changes without reaching into another."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "caseapp.cli"
CLI = Path(__file__).resolve().parents[2] / "caseapp" / "cli"
SHARED = "common"


def cli_modules_imported(source: str, *, module: str) -> set[str]:
    """The `caseapp.cli` modules that `source` (the module `module` of the package) imports,
    by their short name; the package itself is "__init__". Imports inside functions and
    relative imports count too."""
    found: set[str] = set()
    package_parts = PACKAGE.split(".")

    def note(name: str) -> None:
        if name == PACKAGE:
            found.add("__init__")
        elif name.startswith(PACKAGE + "."):
            found.add(name[len(PACKAGE) + 1:].split(".")[0])

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                note(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # Relative to this package (a module of caseapp/cli sits directly in it).
                base = package_parts[: len(package_parts) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == PACKAGE:
                # `from caseapp.cli import common` names a module; `import main` the package.
                for alias in node.names:
                    submodule = CLI / f"{alias.name}.py"
                    found.add(alias.name if submodule.exists() else "__init__")
            else:
                note(target)
    found.discard(module)
    return found


def modules() -> list[str]:
    return sorted(path.stem for path in CLI.glob("*.py"))


def test_the_package_has_the_shared_module_and_command_modules() -> None:
    names = modules()
    assert "__init__" in names and SHARED in names
    assert [n for n in names if n.endswith("_commands")], names


@pytest.mark.parametrize("module", modules())
def test_imports_go_one_way(module: str) -> None:
    imported = cli_modules_imported((CLI / f"{module}.py").read_text(encoding="utf-8"), module=module)
    if module == "__init__":
        allowed = set(modules()) - {"__init__"}
    elif module == SHARED:
        allowed = set()
    else:
        allowed = {SHARED}
    assert imported <= allowed, f"{module} imports {sorted(imported - allowed)}"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from caseapp.cli.report_commands import SECTION_NAMES", {"report_commands"}),
        ("import caseapp.cli.export_commands", {"export_commands"}),
        ("def f():\n    from caseapp.cli import CliError", {"__init__"}),
        ("from caseapp.cli import common, store_commands", {"common", "store_commands"}),
        ("from . import report_commands", {"report_commands"}),
        ("from .common import say", {"common"}),
        ("from caseapp.clipboard import x\nfrom caseapp.store import Store", set()),
    ],
)
def test_the_check_itself_sees_each_form_of_import(source: str, expected: set[str]) -> None:
    assert cli_modules_imported(source, module="sample") == expected


def test_a_command_module_importing_a_sibling_would_fail() -> None:
    imported = cli_modules_imported("from caseapp.cli.export_commands import FILTERS", module="report_commands")
    assert not imported <= {SHARED}
