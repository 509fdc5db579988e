"""A date shown dd/mm/yyyy with a calendar picker; optionally blank. A moment adds the time."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

from caseapp import dates

# QDateEdit cannot be empty; its minimum date shown as special text stands for "no date".
_BLANK = QDate(1900, 1, 1)
# What people type between the parts of a date or a time.
_SEPARATORS = "/.- :"

# Mixed into both editors below; the type checker is told which class it is mixed into.
if TYPE_CHECKING:
    _Editor = QDateTimeEdit
else:
    _Editor = object


class _TypedAsWritten(_Editor):
    """Typing "05/03/2026" gives 5 March 2026, as it does with "05032026".

    Qt moves on to the month by itself once the day can take no more digits; the "/" typed
    next then moved on again, past the month, so the month went into the year. A separator
    typed straight after such a move is taken as already done.
    """

    _moved_on = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        text = event.text()
        if self._moved_on and text and text in _SEPARATORS:
            self._moved_on = False
            event.accept()
            return
        edit = self.lineEdit()
        if text.isdigit() and edit.hasSelectedText() and edit.selectedText() == edit.text():
            # Everything selected and a date typed over it: start at the first part, not nowhere.
            self.setSelectedSection(self.sectionAt(0))
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on = text.isdigit() and self.currentSectionIndex() > before


class DateField(_TypedAsWritten, QDateEdit):
    def __init__(self, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat(dates.QT_DAY)
        self.setMaximumDate(QDate(2100, 12, 31))
        # Created now so the filter below sees its first showing.
        self.calendarWidget().installEventFilter(self)
        if optional:
            self.setMinimumDate(_BLANK)
            self.setSpecialValueText(self.tr("No date"))
            self.setDate(_BLANK)
        else:
            self.setMinimumDate(QDate(1990, 1, 1))
            self.setDate(QDate.currentDate())

    def value(self) -> date | None:
        if self._optional and self.date() == _BLANK:
            return None
        day = self.date()  # not toPython(): PySide6 declares that it returns object
        return date(day.year(), day.month(), day.day())

    def set_value(self, day: date | None) -> None:
        if day is None:
            self.setDate(_BLANK if self._optional else QDate.currentDate())
        else:
            self.setDate(QDate(day.year, day.month, day.day))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.text().isdigit() and self.value() is None:
            # "No date" has no day to type into: give it one, and the digits typed replace it.
            self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateTimeEdit.Section.DaySection)
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # A blank date would open the calendar in January 1900; open it on this month instead.
        if event.type() == QEvent.Type.Show and watched is self.calendarWidget() and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)


class MomentField(_TypedAsWritten, QDateTimeEdit):
    """A date and time of day: dd/mm/yyyy hh:mm, with the calendar picker."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(dates.QT_MOMENT)
        self.setCalendarPopup(True)
