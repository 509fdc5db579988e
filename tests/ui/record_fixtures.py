"""Fixtures for the record tabs and the employers page: a real store per test, services on a fixed day.

Kept out of a conftest so that other suites in tests/ui can have their own. Test modules import
the fixtures they use by name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)

from caseapp.services.people import PersonRecord
from caseapp.services.registry import Services, open_services
from caseapp.store import Store
from caseapp.ui.widgets import confirm
from tests.conftest import open_copy

TODAY = date(2026, 11, 21)
# Screenshots are for people to look at; saved only when this names a folder.
SHOTS = os.environ.get("CASEAPP_SHOTS")


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.fixture(scope="session")
def ui_store_template(empty_store_template: Path) -> Path:
    # The one empty template every suite copies (tests/conftest.py).
    return empty_store_template


@pytest.fixture
def ui_store(ui_store_template: Path, tmp_path: Path) -> Iterator[Store]:
    opened = open_copy(ui_store_template, tmp_path / "store")
    yield opened
    opened.close(backup=False)


@pytest.fixture
def services(ui_store: Store) -> Services:
    bootstrap = open_services(ui_store, today=lambda: TODAY)
    worker = bootstrap.workers.add_worker(name="Alex Morgan", role="employability_worker")
    bootstrap.workers.set_owner(worker_id=worker.id)
    return open_services(ui_store, worker_id=worker.id, today=lambda: TODAY)


@pytest.fixture
def person(services: Services) -> PersonRecord:
    return services.people.add_young_person(
        given_name="Semhar", family_name="Tekle", preferred_name="Sem", date_of_birth=date(2007, 3, 14),
        referral_date=days_ago(300), worker_id=services.worker_id,
        right_to_work="unlimited", right_to_work_checked_on=days_ago(300),  # paid steps need it on file
    )


class Answers:
    """What confirm.ask answers next, and every question it was asked."""

    def __init__(self) -> None:
        self.next: list[bool] = []
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, title: str, text: str, action: str) -> bool:
        self.asked.append(text)
        assert self.next, f"an unexpected confirmation: {title}"
        return self.next.pop(0)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    answering = Answers()
    monkeypatch.setattr(confirm, "ask", answering)
    return answering


# Every kind of control a worker can reach and a screen reader announces.
INTERACTIVE = (
    QAbstractButton,  # push buttons, tool buttons, check boxes, radio buttons
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,  # spin boxes and date edits
    QAbstractItemView,
    QSlider,
    QTabBar,
)


def _words(text: str) -> str:
    """A label's or button's text as it is read out: no mnemonic marker, no trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def _inside_a_control(widget: QWidget) -> bool:
    """Part Qt builds inside another control (a drop-down's list, a tab bar's scroll arrows)."""
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, INTERACTIVE):
            return True
        parent = parent.parent()
    return False


def spoken_name(widget: QWidget, labels: list[QLabel]) -> str:
    """What a screen reader says for the control: its own name, its text, or its label's."""
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and _words(widget.text()):
        return _words(widget.text())
    for label in labels:
        if label.buddy() is widget and _words(label.text()):
            return _words(label.text())
    return ""


def unnamed_controls(root: QWidget) -> list[str]:
    """Each interactive control under `root` with nothing a screen reader could call it."""
    labels = root.window().findChildren(QLabel)
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _inside_a_control(widget):
            continue
        if not spoken_name(widget, labels):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(root).__name__}")
    return found


def shoot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()  # let layouts catch up with text just set
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SHOTS) / f"{name}.png"))
