"""UI fixtures: real services on a real store, acting as one worker on a fixed day.

Every test module under tests/ui takes these by name; helpers that are not fixtures (`shoot`,
`unnamed_controls`, `days_ago`) are in record_fixtures.py and insight_fixtures.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from caseapp.services.demo import build_demo_caseload
from caseapp.services.people import PersonRecord
from caseapp.services.registry import Services, open_services
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
def store(store_copy: Store) -> Store:
    return store_copy


@pytest.fixture
def services(store: Store) -> Services:
    bootstrap = open_services(store, today=lambda: TODAY)
    worker = bootstrap.workers.add_worker(name="Alex Morgan", role="employability_worker")
    bootstrap.workers.set_owner(worker_id=worker.id)
    return open_services(store, worker_id=worker.id, today=lambda: TODAY)


@pytest.fixture
def person(services: Services) -> PersonRecord:
    referred = TODAY - timedelta(days=300)
    return services.people.add_young_person(
        given_name="Semhar", family_name="Tekle", preferred_name="Sem", date_of_birth=date(2007, 3, 14),
        referral_date=referred, worker_id=services.worker_id,
        right_to_work="unlimited", right_to_work_checked_on=referred,  # paid steps need it on file
    )


# Four young people whose names need more than ASCII; Semhar's contact is overdue.
PEOPLE = [
    ("Semhar", "Tekle", "ሰምሃር ተኽለ"),
    ("Amna", "Elhassan", "آمنة الحسن"),
    ("Thảo", "Nguyễn", None),
    ("Dritë", "Çela", None),
]


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    ids = {}
    for given, family, own in PEOPLE:
        ids[given] = services.people.add_young_person(
            given_name=given, family_name=family, own_script_name=own, date_of_birth=date(2006, 5, 4),
            worker_id=services.worker_id if given != "Dritë" else None,
            referral_date=date(2026, 6, 1) if given == "Semhar" else date(2026, 11, 1),
        ).id
    # Semhar last spoke to 60 days ago: her four-weekly contact is overdue.
    services.checkins.record_check_in(person_id=ids["Semhar"], happened_at=datetime(2026, 9, 22, 10),
                                      method="phone", outcome="spoke")
    return ids


@pytest.fixture
def window(qtbot, services: Services, people, layout_settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window over PEOPLE, on screen."""
    return shown_window(qtbot, services, layout_settings)


@pytest.fixture
def demo(store: Store) -> Iterator[Services]:
    """200 invented young people, a team and employers, seen by the first worker on the fixed day."""
    build_demo_caseload(store, people=200, seed=7, today=TODAY)
    worker = open_services(store, today=lambda: TODAY).workers.list_workers()[0]
    yield open_services(store, worker_id=worker.id, today=lambda: TODAY)


class Answers:
    """What confirm.ask answers, and every question it was asked.

    Appending to `replies` answers the first questions and says yes to any after them.
    Setting `next` gives every answer the test expects: a question beyond them fails the test.
    """

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.replies: list[bool] = []
        self.only_these = False

    @property
    def next(self) -> list[bool]:
        return self.replies

    @next.setter
    def next(self, replies: list[bool]) -> None:
        self.replies = replies
        self.only_these = True

    def __call__(self, parent, title: str, text: str, action: str) -> bool:  # type: ignore[no-untyped-def]
        self.asked.append(text)
        if self.replies:
            return self.replies.pop(0)
        assert not self.only_these, f"an unexpected confirmation: {title}"
        return True


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
