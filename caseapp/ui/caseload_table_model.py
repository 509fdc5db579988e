"""The caseload as a Qt table: one row per young person, overdue contacts first and marked.

The caseload service answers for every person at once (90 ms at 10,000); the view is handed
rows in batches as it scrolls (`canFetchMore`/`fetchMore`), so a refresh never builds
10,000 rows of display text. Sorting happens here, over every row, not only those shown.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from caseapp import dates
from caseapp.services.caseload import CaseloadRow
from caseapp.services.exports import caseload_cells
from caseapp.services.search_index import fold

Index = QModelIndex | QPersistentModelIndex


class CaseloadTableModel(QAbstractTableModel):
    COL_NAME, COL_OWN_SCRIPT, COL_AGE, COL_STEP, COL_EET, COL_LAST, COL_DUE = range(7)
    # Shown when the worker chooses (the header's menu): they tell apart two people of one
    # name. Added after the others, so a column layout saved before them still fits.
    COL_BORN, COL_REF, COL_WORKER = range(7, 10)
    OPTIONAL = (COL_BORN, COL_REF, COL_WORKER)
    RowRole = Qt.ItemDataRole.UserRole + 1
    BATCH = 200

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []
        self._given: list[CaseloadRow] = []  # the service's order, to return to
        self._shown = 0
        self._headers = [
            self.tr("Name"), self.tr("Own script"), self.tr("Age"), self.tr("Current step"),
            self.tr("EET status"), self.tr("Last contact"), self.tr("Next contact due"),
            self.tr("Date of birth"), self.tr("Reference"), self.tr("Worker"),
        ]
        self._workers: dict[int, str] = {}

    def set_worker_names(self, names: dict[int, str]) -> None:
        """Who each worker id is, for the Worker column; set before the rows."""
        self._workers = dict(names)

    def set_rows(self, rows: list[CaseloadRow], *, sort: tuple[int, Qt.SortOrder] | None = None) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._rows = self._sorted(*sort) if sort else list(rows)
        self._shown = min(len(self._rows), self.BATCH)
        self.endResetModel()

    def total(self) -> int:
        return len(self._rows)

    def rows(self) -> list[CaseloadRow]:
        """Every row in the order shown, including those not yet fetched by the view."""
        return list(self._rows)

    def row_of(self, person_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.person_id == person_id:
                while number >= self._shown:
                    self.fetchMore(QModelIndex())
                return number
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802 - Qt override
        if parent.isValid():
            return
        more = min(self.BATCH, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Column -1 returns to the caseload's own order: overdue first."""
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(column, order)
        self.layoutChanged.emit()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[CaseloadRow]:
        if column < 0:
            return list(self._given)
        key = _SORT_KEYS.get(column)
        if column == self.COL_WORKER:
            workers = self._workers

            def by_worker(r: CaseloadRow) -> tuple[bool, str]:
                return r.worker_id is None, fold(workers.get(r.worker_id or 0, ""))

            key = by_worker
        if key is None:
            return list(self._given)
        return sorted(self._given, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._shown:
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
            if role == Qt.ItemDataRole.DecorationRole:
                # The style's own warning sign: marked by shape and words, not colour alone.
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_DUE and row.due_rule:
            # Which rule set the date: a new placement can bring it forward, unexplained otherwise.
            due = self.tr("Due by the rule: %1").replace("%1", row.due_rule)
            return (self.tr("Contact is overdue") + "\n" + due) if row.overdue else due
        return None

    def _text(self, row: CaseloadRow, column: int) -> str | int:
        if column < len(_SHARED):
            return caseload_cells(row)[column]
        if column == self.COL_BORN:
            return dates.day(row.date_of_birth)
        if column == self.COL_REF:
            return row.person_id
        if column == self.COL_WORKER:
            return self._workers.get(row.worker_id, "") if row.worker_id is not None else ""
        return ""


# The columns the screen shares with the exports, in the same order: written once, there.
_SHARED = range(CaseloadTableModel.COL_DUE + 1)


def _step_key(row: CaseloadRow) -> tuple[str, str]:
    return (row.step_type.label if row.step_type else "~", row.step_status.label if row.step_status else "")


_SORT_KEYS = {
    # Folded, so "Çela" sorts with the Cs and "Ó Briain" with the Os, as people expect.
    CaseloadTableModel.COL_NAME: lambda r: (fold(r.family_name), fold(r.given_name)),
    CaseloadTableModel.COL_OWN_SCRIPT: lambda r: (r.own_script_name is None, r.own_script_name or ""),
    CaseloadTableModel.COL_AGE: lambda r: r.age,
    CaseloadTableModel.COL_STEP: _step_key,
    CaseloadTableModel.COL_EET: lambda r: r.eet_status.label if r.eet_status else "~",
    CaseloadTableModel.COL_LAST: lambda r: r.last_contact or datetime.min,
    CaseloadTableModel.COL_DUE: lambda r: r.next_due or date.max,
    CaseloadTableModel.COL_BORN: lambda r: r.date_of_birth or date.max,
    CaseloadTableModel.COL_REF: lambda r: r.person_id,
}
