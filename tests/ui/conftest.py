"""UI fixtures: real services on a real store, acting as one worker on a fixed day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from caseapp.services.registry import Services, open_services
from caseapp.services.workers import WorkersService
from caseapp.store import Store
from caseapp.ui.main_window import MainWindow
from caseapp.ui.widgets import confirm

TODAY = date(2026, 11, 21)


def shown_window(qtbot, services: Services, layout: QSettings, *, active: bool = False) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on screen, its layout kept in the test's own file; `active` also
    waits for it to take the keyboard."""
    window = MainWindow(services, layout_settings=layout)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if active:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def services(store: Store) -> Services:
    workers = WorkersService(store)
    me = workers.add_worker(name="Alex Morgan", role="employability_worker")
    workers.set_owner(worker_id=me.id)
    return open_services(store, today=lambda: TODAY)


class Answers:
    """Confirmations say yes unless a test queues a no; each question asked is kept."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.replies: list[bool] = []

    def __call__(self, parent, title: str, text: str, action: str) -> bool:  # type: ignore[no-untyped-def]
        self.asked.append(text)
        return self.replies.pop(0) if self.replies else True


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    replies = Answers()
    monkeypatch.setattr(confirm, "ask", replies)
    return replies


@pytest.fixture
def layout_settings(tmp_path: Path) -> QSettings:
    """Window layout written to a file in the test's folder, never the user's settings."""
    return QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_unanswered_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question no test answers would wait for a click that never comes: it fails at once,
    saying what was asked. Tests that expect one use `answers`, which replaces this."""

    def unexpected(parent, title: str, text: str, *rest) -> bool:  # type: ignore[no-untyped-def]
        raise AssertionError(f"a window asked, and the test gave no answer: {title}: {text}")

    monkeypatch.setattr(confirm, "ask", unexpected)
    monkeypatch.setattr(confirm, "tell", unexpected)


@pytest.fixture(autouse=True)
def unsaved_answer(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal question would block the test (and its teardown): answer Discard and keep it."""
    asked: list[str] = []

    def answer(parent, what: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(what)
        return "discard"

    monkeypatch.setattr(confirm, "ask_unsaved", answer)
    return asked
