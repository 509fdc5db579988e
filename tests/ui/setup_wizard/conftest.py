"""The set-up wizard's fixtures: a wizard over a new folder, its question boxes answered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from caseapp.ui.setup_wizard import SetupWizard
from tests.conftest import CHEAP


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox.StandardButton]:
    """What the patched question box answers, in order (No when the list runs out)."""
    queue: list[QMessageBox.StandardButton] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        return queue.pop(0) if queue else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    return queue


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "new" / "caseapp"


@pytest.fixture
def wizard(qtbot, folder: Path, answers: list) -> Iterator[SetupWizard]:  # type: ignore[no-untyped-def]
    w = SetupWizard(folder, kdf=CHEAP)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.store is not None:
        w.store.close(backup=False)
    elif w._made is not None:  # left mid-way by a failing test: never leave a store open
        w._made.store.close(backup=False)
