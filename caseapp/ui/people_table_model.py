"""The young people on the caseload, as a Qt table model over plain records."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from caseapp.services.people import PersonRecord

Index = QModelIndex | QPersistentModelIndex


class PeopleTableModel(QAbstractTableModel):
    COL_NAME, COL_OWN_SCRIPT, COL_DOB, COL_AGE = range(4)
    RecordRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[PersonRecord] = []
        self._headers = [self.tr("Name"), self.tr("Own script"), self.tr("Date of birth"), self.tr("Age")]

    def set_rows(self, rows: list[PersonRecord]) -> None:
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
        person = self._rows[index.row()]
        if role == self.RecordRole:
            return person
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == self.COL_NAME:
                return person.display_name
            if column == self.COL_OWN_SCRIPT:
                return person.own_script_name or ""
            if column == self.COL_DOB:
                return person.date_of_birth.strftime("%d/%m/%Y")
            if column == self.COL_AGE:
                return person.age(date.today())
        return None
