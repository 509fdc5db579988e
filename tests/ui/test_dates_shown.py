"""Dates are shown and typed the way people here write them: day, month, year, with a calendar to pick from."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

from caseapp.services.people import PersonRecord
from caseapp.services.registry import Services
from caseapp.ui.record.checkins_tab import CheckInsTab
from caseapp.ui.record.profile_tab import ProfileTab
from caseapp.ui.record.step_dialog import StepDialog
from caseapp.ui.widgets.date_field import DateField

DAY_MONTH_YEAR = "dd/MM/yyyy"


def date_edits(root: QWidget) -> list[QDateTimeEdit]:
    return root.findChildren(QDateTimeEdit)  # QDateEdit is one too


@pytest.fixture
def screens(qtbot, services: Services, person: PersonRecord) -> dict[str, QWidget]:  # type: ignore[no-untyped-def]
    built = {
        "profile": ProfileTab(services, person.id),
        "step dialog": StepDialog(services, person.id),
        "check-in form": CheckInsTab(services, person.id),
    }
    for widget in built.values():
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
    return built


def test_every_date_is_day_month_year_with_a_calendar(screens: dict[str, QWidget]) -> None:
    found = {name: len(date_edits(root)) for name, root in screens.items()}
    # Profile: in work or not since, lives there since, case closed on, date of birth, referral, right to
    # work runs out and was checked. Step: offered, starts, ends. Check-in: when, next contact agreed.
    assert found == {"profile": 7, "step dialog": 3, "check-in form": 2}
    for name, root in screens.items():
        for edit in date_edits(root):
            where = f"{edit.accessibleName()} in the {name}"
            shown = edit.displayFormat()
            if isinstance(edit, QDateEdit):
                assert shown == DAY_MONTH_YEAR, where
            else:  # a moment: the day as everywhere else, then the time
                assert shown.startswith(DAY_MONTH_YEAR + " ") and "H" in shown and "M" not in shown[11:], where
            assert edit.calendarPopup(), where


def tab_in_and_type(qtbot, edit: QDateTimeEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """As a worker would: Tab to the field (its first part, the day, is selected) and type."""
    edit.window().activateWindow()
    edit.clearFocus()
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(edit.hasFocus)
    assert edit.currentSection() == QDateTimeEdit.Section.DaySection
    qtbot.keyClicks(edit, text)


def select_all_and_type(qtbot, edit: QDateTimeEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


@pytest.mark.parametrize("typing", [tab_in_and_type, select_all_and_type], ids=["tabbed to", "all selected"])
@pytest.mark.parametrize("typed", ["05/03/2026", "5/3/2026", "05032026"])
def test_a_typed_date_reads_back_as_day_month_year(qtbot, screens: dict[str, QWidget], typing, typed: str) -> None:  # type: ignore[no-untyped-def]
    fields = 0
    for name, root in screens.items():
        for edit in date_edits(root):
            if isinstance(edit, DateField):
                typing(qtbot, edit, typed)
                where = f"{edit.accessibleName()} in the {name}, shown as {edit.text()!r}"
                assert edit.value() == date(2026, 3, 5), where
                assert edit.text() == "05/03/2026", where
                fields += 1
    assert fields == 11  # blank ones ("No date") and ones that start on today alike

    checkins = screens["check-in form"]
    assert isinstance(checkins, CheckInsTab)
    checkins.when.setDateTime(QDateTime(QDate(2026, 1, 1), QTime(9, 0)))
    typing(qtbot, checkins.when, typed + " 14:30")
    assert checkins.when.dateTime().toPython() == datetime(2026, 3, 5, 14, 30)

    # What the services would be given.
    profile = screens["profile"]
    assert isinstance(profile, ProfileTab)
    assert profile.form.values()["date_of_birth"] == date(2026, 3, 5)
    step = screens["step dialog"]
    assert isinstance(step, StepDialog)
    assert step.values()["start_date"] == date(2026, 3, 5)
