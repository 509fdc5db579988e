"""Editing a check-in from the Check-ins tab: the dialog, the reason for an older one, the
actions shown in the table and a long note read in full."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from caseapp.models import CheckIn
from caseapp.models.codes import CheckInOutcome
from caseapp.services.registry import Services
from caseapp.ui.record.checkin_dialog import CheckInDialog
from caseapp.ui.record.checkins_tab import CheckInsTab

LONG_NOTE = ("Talked through the parks taster at length. " * 12).strip() + " The end of the note."


@pytest.fixture
def person(services: Services) -> int:
    return services.people.add_young_person(
        given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4),
        worker_id=services.worker_id, referral_date=date(2026, 1, 5),
    ).id


@pytest.fixture
def check_in(services: Services, person: int):  # type: ignore[no-untyped-def]
    return services.checkins.record_check_in(
        person_id=person, happened_at=datetime(2026, 11, 3, 10), method="phone", outcome="spoke",
        note=LONG_NOTE, actions="Send the taster form\nCall the depot")


def tab_of(qtbot, services: Services, person: int) -> CheckInsTab:  # type: ignore[no-untyped-def]
    tab = CheckInsTab(services, person)
    qtbot.addWidget(tab)
    return tab


def edit_in_dialog(qtbot, tab: CheckInsTab, change) -> list[str]:  # type: ignore[no-untyped-def]
    """Open the edit dialog from the button, let `change` fill it in, press Save; returns the
    errors shown in the dialog if it stayed open."""
    seen: list[str] = []

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CheckInDialog) and w.isVisible())
        try:
            change(dialog)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            seen.extend(label.text() for label in dialog.errors._labels.values() if label.isVisible())
        finally:
            if dialog.isVisible():  # a failed look must not leave the test waiting on the dialog
                dialog.reject()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    return seen


def test_actions_show_in_the_table_and_the_note_reads_in_full(qtbot, services: Services, person: int,
                                                             check_in) -> None:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, services, person)
    headers = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())]
    assert "Actions agreed" in headers
    assert tab.model.index(0, headers.index("Actions agreed")).data() == "Send the taster form Call the depot"
    assert not tab.edit_button.isEnabled()
    tab.table.selectRow(0)
    full = tab.reader.toPlainText()
    assert "The end of the note." in full and "Call the depot" in full
    assert tab.edit_button.isEnabled()


def test_a_check_in_recorded_today_is_edited_without_a_reason(qtbot, services: Services, person: int,
                                                             check_in) -> None:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, services, person)
    tab.table.selectRow(0)
    errors = edit_in_dialog(qtbot, tab, lambda d: d.note.setPlainText("Talked about the parks taster"))
    assert errors == []
    [saved] = services.checkins.list_check_ins(person_id=person)
    assert saved.note == "Talked about the parks taster"
    assert saved.happened_at.replace(tzinfo=None) == datetime(2026, 11, 3, 10)  # untouched fields kept
    assert "parks taster" in tab.reader.toPlainText()  # still selected, shown as saved


def test_an_older_check_in_asks_why_beside_the_field(qtbot, services: Services, person: int,
                                                    check_in) -> None:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.execute(update(CheckIn).where(CheckIn.id == check_in.id)
                  .values(created_at=datetime.now(UTC) - timedelta(hours=30)))
    tab = tab_of(qtbot, services, person)
    tab.table.selectRow(0)
    errors = edit_in_dialog(qtbot, tab, lambda d: d.outcome.set_value(CheckInOutcome.NO_ANSWER))
    assert errors == ["This check-in was recorded more than a day ago. Say why it is being changed."]
    assert services.checkins.list_check_ins(person_id=person)[0].outcome.value == "spoke"  # nothing saved

    def with_reason(d: CheckInDialog) -> None:
        assert "more than a day ago" in d.reason_hint.text()
        d.outcome.set_value(CheckInOutcome.NO_ANSWER)
        d.reason.setText("Recorded as spoke by mistake")

    assert edit_in_dialog(qtbot, tab, with_reason) == []
    assert services.checkins.list_check_ins(person_id=person)[0].outcome.value == "no_answer"


def test_double_click_opens_the_edit(qtbot, services: Services, person: int, check_in) -> None:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, services, person)
    tab.table.selectRow(0)
    opened: list[CheckInDialog] = []

    def look() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CheckInDialog) and w.isVisible())
        opened.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, look)
    tab.table.activated.emit(tab.model.index(0, 0))
    assert len(opened) == 1
