"""The caseload as a Qt table: one row per young person, overdue contacts first and marked."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from caseapp.services.caseload import CaseloadRow

Index = QModelIndex | QPersistentModelIndex


class CaseloadTableModel(QAbstractTableModel):
    COL_NAME, COL_OWN_SCRIPT, COL_AGE, COL_STEP, COL_EET, COL_LAST, COL_DUE = range(7)
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []
        self._headers = [
            self.tr("Name"), self.tr("Own script"), self.tr("Age"), self.tr("Current step"),
            self.tr("EET status"), self.tr("Last contact"), self.tr("Next contact due"),
        ]

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[override]
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if row.overdue and index.column() == self.COL_DUE:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                # The palette's link colour stays readable in light and dark themes.
                return QApplication.palette().color(QPalette.ColorRole.Link)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Contact is overdue")
        return None

    def _text(self, row: CaseloadRow, column: int) -> str | int:
        if column == self.COL_NAME:
            return row.display_name
        if column == self.COL_OWN_SCRIPT:
            return row.own_script_name or ""
        if column == self.COL_AGE:
            return row.age
        if column == self.COL_STEP:
            if row.step_type is None:
                return ""
            return f"{row.step_type.label} ({row.step_status.label.lower()})" if row.step_status else row.step_type.label
        if column == self.COL_EET:
            return row.eet_status.label if row.eet_status else ""
        if column == self.COL_LAST:
            return row.last_contact.strftime("%d/%m/%Y") if row.last_contact else self.tr("None yet")
        if column == self.COL_DUE:
            if row.next_due is None:
                return ""
            due = row.next_due.strftime("%d/%m/%Y")
            if row.overdue_days == 1:
                return self.tr("%1 (1 day overdue)").replace("%1", due)
            if row.overdue:
                return self.tr("%1 (%2 days overdue)").replace("%1", due).replace("%2", str(row.overdue_days))
            return due
        return ""
