"""A read-only, row-selecting table view set up the same way everywhere."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

# A table's name for remembering its column widths: the kind of table, never what it shows.
LAYOUT_KEY = "layoutKey"
SET_BY_WORKER = "widthsSetByWorker"
_FITTING = "fittingColumns"
_HELD = "headerMouseHeld"


def record_table(accessible_name: str, parent: QWidget | None = None, *, layout_key: str | None = None) -> QTableView:
    """`layout_key`: remember the widths the worker gives its columns (see column_layout)."""
    view = QTableView(parent)
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if layout_key is not None:
        view.setProperty(LAYOUT_KEY, layout_key)
        header.viewport().installEventFilter(_HeaderMouse(view))
        header.sectionResized.connect(lambda _logical, _old, _new: _resized(view))
    return view


class _HeaderMouse(QObject):
    """Knows when a mouse button is held on the table's header: a column resized then is one
    the worker dragged (models reset and windows resize columns too, with no button held)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._view.setProperty(_HELD, True)
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self._view.setProperty(_HELD, False)
        return False


def _resized(view: QTableView) -> None:
    if view.property(_HELD) and not view.property(_FITTING):
        view.setProperty(SET_BY_WORKER, True)


def fit_columns(view: QTableView) -> None:
    """Columns as wide as what they hold, unless the worker has set their widths."""
    if view.property(SET_BY_WORKER):
        return
    view.setProperty(_FITTING, True)
    try:
        view.resizeColumnsToContents()
    finally:
        view.setProperty(_FITTING, False)


def fit_columns_within(view: QTableView, widest: dict[int, int]) -> None:
    """As fit_columns, with the columns named no wider than their figure in pixels: a long
    free text (in full in its tooltip) then cannot push the others out of sight."""
    if view.property(SET_BY_WORKER):
        return
    fit_columns(view)
    header = view.horizontalHeader()
    view.setProperty(_FITTING, True)
    try:
        for column, most in widest.items():
            if header.sectionSize(column) > most:
                header.resizeSection(column, most)
    finally:
        view.setProperty(_FITTING, False)


def characters_wide(view: QTableView, characters: int) -> int:
    """The width of so many characters of the table's text, for fit_columns_within."""
    return view.fontMetrics().averageCharWidth() * characters


def restore_widths(view: QTableView, state: QByteArray) -> None:
    """Widths the worker set in an earlier session; they stand as if set now."""
    view.setProperty(_FITTING, True)
    try:
        if view.horizontalHeader().restoreState(state):
            view.setProperty(SET_BY_WORKER, True)
    finally:
        view.setProperty(_FITTING, False)


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].row() if rows else None


# The role every record table answers with the record a row shows (RecordTableModel.RowRole).
_ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def selected_record(view: QTableView) -> Any:
    """The record in the selected row, or None; through the view's own model, so a table
    behind a filter gives the record shown, not the one at that row underneath."""
    row = selected_row(view)
    return None if row is None else view.model().index(row, 0).data(_ROW_ROLE)


def select_record(view: QTableView, record_id: int) -> None:
    """Select the row showing the record with this id, if it is shown."""
    model = view.model()
    for row in range(model.rowCount()):
        record = model.index(row, 0).data(_ROW_ROLE)
        if record is not None and record.id == record_id:
            view.selectRow(row)
            return
