"""Removing a record made in error, on a real store: a new, empty record is deleted and its tab
goes; an older one, or one with something on it, is closed as created in error instead."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import update

from caseapp.models.person import YoungPerson
from caseapp.services.errors import NotFound
from caseapp.services.registry import Services
from caseapp.ui.main_window import MainWindow
from caseapp.ui.record.profile_tab import ProfileTab
from caseapp.ui.record.record_view import RecordView
from caseapp.ui.widgets import confirm
from tests.ui.conftest import Answers, shown_window
from tests.ui.record_fixtures import shoot

# The real question box, kept before the tests' own answers replace it.
REAL_ASK = confirm.ask


@pytest.fixture
def window(qtbot, services: Services, layout_settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    return shown_window(qtbot, services, layout_settings)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    sentences: list[str] = []
    monkeypatch.setattr(confirm, "tell", lambda parent, title, text: sentences.append(text))
    return sentences


def add(services: Services, given: str = "Semhar", family: str = "Berhane") -> int:
    return services.people.add_young_person(
        given_name=given, family_name=family, date_of_birth=date(2006, 9, 12), worker_id=services.worker_id,
    ).id


def added_hours_ago(services: Services, person_id: int, hours: int) -> None:
    with services.store.session() as s:
        s.execute(update(YoungPerson).where(YoungPerson.id == person_id)
                  .values(created_at=datetime.now(UTC) - timedelta(hours=hours)))


def profile_in(view: RecordView) -> ProfileTab:
    return next(p for p in view.pages if isinstance(p, ProfileTab))


def caseload_ids(window: MainWindow) -> list[int]:
    return [row.person_id for row in window.workspace.caseload.model.rows()]



def test_a_new_empty_record_is_deleted_and_its_tab_closes(qtbot, window: MainWindow, services: Services,
                                                         answers: Answers) -> None:  # type: ignore[no-untyped-def]
    keep, slip = add(services, "Amna", "Elhassan"), add(services)
    view = window.workspace.open_person(slip)
    profile = profile_in(view)
    window.resize(1280, 720)
    shoot(window, "remove-record-profile")
    answers.next = [True]
    profile.remove_button.click()
    assert answers.asked == [
        "It was added only recently and nothing is recorded on it yet. Delete it? It leaves the caseload for "
        "good; the history keeps that it was added and deleted, and by whom."
    ]
    with pytest.raises(NotFound):
        services.people.get_young_person(person_id=slip)
    assert view not in window.workspace.record_views()
    assert caseload_ids(window) == [keep]
    qtbot.wait(1)  # the view's pending reload, had it one, would read a record that is gone


def test_cancelling_does_nothing(qtbot, window: MainWindow, services: Services,
                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The question as it is really shown, cancelled with its own button.
    monkeypatch.setattr(confirm, "ask", REAL_ASK)
    slip = add(services)
    view = window.workspace.open_person(slip)
    seen: list[tuple[str, list[str], str]] = []

    def cancel(tries: int = 50) -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            if tries:
                QTimer.singleShot(10, lambda: cancel(tries - 1))
            return
        box = boxes[0]
        try:
            seen.append((box.windowTitle(), [b.text() for b in box.buttons()], box.defaultButton().text()))
            shoot(box, "remove-record-question")
            box.button(QMessageBox.StandardButton.Cancel).click()
        finally:
            if box.isVisible():
                box.reject()

    QTimer.singleShot(0, cancel)
    profile_in(view).remove_button.click()
    assert len(seen) == 1
    title, buttons, default = seen[0]
    assert title == "Delete record" and "Delete record" in buttons and default == "Cancel"
    assert services.people.get_young_person(person_id=slip).closed_on is None
    assert window.workspace.currentWidget() is view
    assert caseload_ids(window) == [slip]


def test_an_older_record_is_closed_as_created_in_error(qtbot, window: MainWindow, services: Services,
                                                      answers: Answers) -> None:  # type: ignore[no-untyped-def]
    slip = add(services)
    added_hours_ago(services, slip, 30)
    view = window.workspace.open_person(slip)
    answers.next = [True]
    profile_in(view).remove_button.click()
    assert answers.asked == [
        "It cannot be deleted because it was added more than 24 hours ago. Close it with the reason "
        "“Created in error”? It leaves the caseload and the statutory return, and everything on it is kept."
    ]
    closed = services.people.get_young_person(person_id=slip)
    assert (closed.closed_on, closed.closed_reason) == (services.today(), "Created in error")
    qtbot.waitUntil(lambda: "Case closed on" in view.facts.text())
    assert window.workspace.currentWidget() is view  # kept open, to be looked at
    assert caseload_ids(window) == []


def test_a_record_with_a_check_in_is_closed_not_deleted_from_the_edit_menu(
        qtbot, window: MainWindow, services: Services, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    slip = add(services)
    services.checkins.record_check_in(person_id=slip, happened_at=datetime(2026, 11, 20, 10),
                                      method="phone", outcome="spoke")
    view = window.workspace.open_person(slip)
    answers.next = [True]
    window.remove_action.trigger()
    assert answers.asked[0].startswith("It cannot be deleted because a check-in is recorded on it. Close it")
    assert services.people.get_young_person(person_id=slip).closed_reason == "Created in error"
    assert view in window.workspace.record_views()


def test_the_edit_menu_deletes_the_record_in_front(qtbot, window: MainWindow, services: Services,
                                                  answers: Answers) -> None:  # type: ignore[no-untyped-def]
    other, slip = add(services, "Amna", "Elhassan"), add(services)
    window.workspace.open_person(other)
    view = window.workspace.open_person(slip)
    assert window.remove_action.text() == "&Remove record made in error…"
    answers.next = [True]
    window.remove_action.trigger()
    assert [v.person_id for v in window.workspace.record_views()] == [other]
    assert view not in window.workspace.record_views()
    assert services.people.get_young_person(person_id=other).closed_on is None


def test_the_edit_menu_on_the_caseload_says_to_open_the_record_first(
        qtbot, window: MainWindow, services: Services) -> None:  # type: ignore[no-untyped-def]
    add(services)
    window.workspace.setCurrentWidget(window.workspace.caseload)
    window.remove_action.trigger()  # nothing asked: no question is answered here
    assert window.statusBar().currentMessage() == "Open the record made in error first, then choose Remove."


def test_a_closed_record_that_cannot_be_deleted_says_why(qtbot, window: MainWindow, services: Services,
                                                        told: list[str]) -> None:  # type: ignore[no-untyped-def]
    slip = add(services)
    added_hours_ago(services, slip, 30)
    services.people.close_case(person_id=slip, closed_on=services.today(), reason="Refuses contact")
    view = window.workspace.open_person(slip)
    profile_in(view).remove_button.click()
    assert told == ["It cannot be deleted because it was added more than 24 hours ago. It is closed already: "
                    "reopen it first to close it as created in error."]
    assert services.people.get_young_person(person_id=slip).closed_reason == "Refuses contact"


def test_closing_reasons_do_not_start_with_died(qtbot, window: MainWindow, services: Services) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.open_person(add(services))
    reasons = profile_in(view).situation.close_reason
    offered = [reasons.itemText(i) for i in range(reasons.count()) if reasons.itemText(i)]
    assert offered[0] != "Died" and "Died" in offered
    assert reasons.currentText() == ""


def test_the_record_header_shows_the_reference(qtbot, window: MainWindow, services: Services) -> None:  # type: ignore[no-untyped-def]
    add(services, "Amna", "Elhassan")
    person = add(services)
    view = window.workspace.open_person(person)
    assert view.facts.text().startswith(f"Reference {person} · Age 20")
