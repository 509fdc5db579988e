"""A date shown dd/mm/yyyy with a calendar picker; optionally blank."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import QDateEdit, QWidget

# QDateEdit cannot be empty; its minimum date shown as special text stands for "no date".
_BLANK = QDate(1900, 1, 1)


class DateField(QDateEdit):
    def __init__(self, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
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
        return self.date().toPython()  # type: ignore[return-value]

    def set_value(self, day: date | None) -> None:
        if day is None:
            self.setDate(_BLANK if self._optional else QDate.currentDate())
        else:
            self.setDate(QDate(day.year, day.month, day.day))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # A blank date would open the calendar in January 1900; open it on this month instead.
        if event.type() == QEvent.Type.Show and watched is self.calendarWidget() and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)
