"""The caseload screen: search as you type, filters, My caseload / All, and the table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseapp.services.caseload import CaseloadFilter, CaseloadRow
from caseapp.services.registry import Services
from caseapp.services.search import MAX_QUERY_LENGTH
from caseapp.ui.caseload_table_model import CaseloadTableModel
from caseapp.ui.empty_caseload import EmptyCaseload
from caseapp.ui.widgets.tables import record_table

FILTER_LABELS = {
    CaseloadFilter.ALL: QT_TRANSLATE_NOOP("CaseloadPage", "Everyone open"),
    CaseloadFilter.OVERDUE: QT_TRANSLATE_NOOP("CaseloadPage", "Overdue a contact"),
    CaseloadFilter.NEET: QT_TRANSLATE_NOOP("CaseloadPage", "NEET now"),
    CaseloadFilter.NEET_12_MONTHS: QT_TRANSLATE_NOOP("CaseloadPage", "NEET 12 months or more"),
    CaseloadFilter.IN_PLACEMENT: QT_TRANSLATE_NOOP("CaseloadPage", "In a placement or job"),
    CaseloadFilter.WAITING_TO_START: QT_TRANSLATE_NOOP("CaseloadPage", "Waiting to start"),
    CaseloadFilter.CLOSED: QT_TRANSLATE_NOOP("CaseloadPage", "Closed cases"),
}


class CaseloadPage(QWidget):
    person_activated = Signal(int)
    counts_changed = Signal(int, int)  # people shown, of whom overdue
    add_requested = Signal()  # the Add button, here or on an empty caseload
    guide_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.search = QLineEdit()
        # As much as a search reads: a long paste is cut here rather than searched (Qt's own
        # limit, 32,767 characters, once froze the app for seconds).
        self.search.setMaxLength(MAX_QUERY_LENGTH)
        self.search.setPlaceholderText(self.tr("Find by name, in any script, as you type (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Find a young person"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_soon)
        self.search.returnPressed.connect(self._open_first)
        self.filter = QComboBox()
        self.filter.setAccessibleName(self.tr("Show"))
        for code, label in FILTER_LABELS.items():
            self.filter.addItem(self.tr(str(label)), code)  # str: PySide6 types QT_TRANSLATE_NOOP as object
        self.filter.currentIndexChanged.connect(self.update_rows)
        self.mine = QRadioButton(self.tr("&My caseload"))
        self.everyone = QRadioButton(self.tr("A&ll"))
        self.mine.setAccessibleName(self.tr("My caseload"))
        self.everyone.setAccessibleName(self.tr("Everyone's caseload"))
        group = QButtonGroup(self)
        group.addButton(self.mine)
        group.addButton(self.everyone)
        self.mine.setChecked(services.worker_id is not None)
        self.everyone.setChecked(services.worker_id is None)
        self.mine.setEnabled(services.worker_id is not None)
        self.mine.toggled.connect(self.update_rows)
        show_label = QLabel(self.tr("&Show:"))
        show_label.setBuddy(self.filter)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(show_label)
        top.addWidget(self.filter)
        top.addWidget(self.mine)
        top.addWidget(self.everyone)
        self.add_button = QPushButton(self.tr("&Add young person…"))
        self.add_button.setAccessibleName(self.tr("Add a young person"))
        self.add_button.setToolTip(self.tr("Ctrl+N"))
        self.add_button.clicked.connect(self.add_requested)
        top.addWidget(self.add_button)

        self.model = CaseloadTableModel(self)
        self.table = record_table(self.tr("Caseload"))
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.setSortIndicatorClearable(True)
        self.table.activated.connect(self._activated)
        # Date of birth, reference and worker: hidden until the worker asks for them, from the
        # header's menu (right-click) or View > Caseload columns; kept with the header's layout.
        self.column_actions: list[QAction] = []
        for column in CaseloadTableModel.OPTIONAL:
            self.table.setColumnHidden(column, True)
            action = QAction(self.model.headerData(column, Qt.Orientation.Horizontal), self)
            action.setCheckable(True)
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
            self.column_actions.append(action)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.welcome = EmptyCaseload()
        self.welcome.add_requested.connect(self.add_requested)
        self.welcome.guide_requested.connect(self.guide_requested)
        self.welcome.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.welcome, 1)
        # Typing is searched 120 ms after the last key, so a fast typist gets one query.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(120)
        self._typing.timeout.connect(self.update_rows)
        self._sized = False
        # The caseload for the current filter, kept while typing: a keystroke only ranks
        # and filters these in memory instead of asking the store for them again.
        self._base: list[CaseloadRow] | None = None
        self._base_key: tuple | None = None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- the optional columns ------------------------------------------------------------------

    def show_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        if shown:
            self.table.resizeColumnToContents(column)
        self._sync_column_actions()

    def _sync_column_actions(self) -> None:
        for column, action in zip(CaseloadTableModel.OPTIONAL, self.column_actions, strict=True):
            action.blockSignals(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.blockSignals(False)

    def _header_menu(self, at: QPoint) -> None:
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Caseload columns"))
        menu.addActions(self.column_actions)
        menu.exec(self.table.horizontalHeader().mapToGlobal(at))
        # One menu per right-click: let it go (the actions are the page's, and stay).
        menu.deleteLater()

    def save_header(self, settings: QSettings) -> None:
        settings.setValue("caseload/header", self.table.horizontalHeader().saveState())
        # The number of columns the layout was saved with: a layout from before a column was
        # added is carried over, not restored as if it fitted (Qt would garble it).
        settings.setValue("caseload/columns", self.model.columnCount())

    def restore_header(self, settings: QSettings) -> None:
        state = settings.value("caseload/header")
        if state is None:
            return
        header = self.table.horizontalHeader()
        columns = settings.value("caseload/columns", CaseloadTableModel.COL_DUE + 1)
        saved_columns = int(columns)  # type: ignore[call-overload]  # QSettings.value() is typed object
        restored = False
        if saved_columns == self.model.columnCount():
            restored = header.restoreState(state)
        elif 0 < saved_columns < self.model.columnCount():
            # Read in a table of the old width, then put its widths and order on this one.
            old = QTableView()
            old.setModel(QStandardItemModel(0, saved_columns, old))
            if old.horizontalHeader().restoreState(state):
                restored = True
                was = old.horizontalHeader()
                for column in range(saved_columns):
                    header.resizeSection(column, was.sectionSize(column))
                    header.setSectionHidden(column, was.isSectionHidden(column))
                for visual in range(saved_columns):
                    header.moveSection(header.visualIndex(was.logicalIndex(visual)), visual)
            old.deleteLater()
        if restored:
            # Widths kept are not fitted to the first rows over again, which would undo them,
            # unless they are still Qt's defaults (saved before the caseload had anyone on it).
            # The last column shown stretches to the window, so its width says nothing.
            shown = [header.logicalIndex(v) for v in range(header.count())
                     if not header.isSectionHidden(header.logicalIndex(v))]
            self._sized = any(header.sectionSize(c) != header.defaultSectionSize() for c in shown[:-1])
        self._sync_column_actions()

    def _search_soon(self) -> None:
        self._typing.start()

    def refresh(self) -> None:
        """Read the caseload again (after a change) and show it."""
        self._base = None
        self.update_rows()

    def update_rows(self) -> None:
        self._typing.stop()
        if not self.services.store.is_unlocked:
            return  # a search typed just before a lock: the page is going, with nothing to show
        rows = self._rows()
        header = self.table.horizontalHeader()
        section = header.sortIndicatorSection()
        sort = (section, header.sortIndicatorOrder()) if section >= 0 else None
        self.model.set_rows(rows, sort=sort)
        if not self._sized and rows:
            self.table.resizeColumnsToContents()
            self._sized = True
        self._show_empty(rows)
        self.counts_changed.emit(len(rows), sum(1 for r in rows if r.overdue))

    def shown_ids(self) -> list[int] | None:
        """The people on screen in the order shown, when a search or a column sort makes that
        differ from the filter's own list; None when it does not."""
        sorted_by_column = self.table.horizontalHeader().sortIndicatorSection() >= 0
        if not self.search.text().strip() and not sorted_by_column:
            return None
        return [row.person_id for row in self.model.rows()]

    def _rows(self) -> list[CaseloadRow]:
        key = (self.filter.currentData(), self.mine.isChecked())
        if self._base is None or self._base_key != key:
            self._base = self.services.caseload.caseload(filter=key[0], mine=key[1])
            self._base_key = key
            self.model.set_worker_names({w.id: w.name for w in self.services.workers.list_workers()})
        text = self.search.text().strip()
        if not text:
            return self._base
        rank = {hit.person_id: number for number, hit in enumerate(self.services.search.search(text))}
        rows = [row for row in self._base if row.person_id in rank]
        rows.sort(key=lambda r: rank[r.person_id])
        return rows

    def _show_empty(self, rows: list[CaseloadRow]) -> None:
        new_caseload = not rows and self.services.caseload.is_empty()
        # A new caseload shows how to begin in place of a table with nothing in it.
        self.table.setVisible(not new_caseload)
        self.welcome.setVisible(new_caseload)
        if rows or new_caseload:
            self.empty.hide()
            return
        if self.search.text().strip():
            self.empty.setText(self.tr("Nobody matches that search with the filters chosen."))
        elif self.mine.isChecked():
            self.empty.setText(self.tr("Nobody on your caseload matches. Choose All to see everyone's."))
        else:
            self.empty.setText(self.tr("Nobody matches this choice. Choose “Everyone open” to see the whole caseload."))
        self.empty.show()

    def _activated(self, index) -> None:
        row = self.model.data(index, CaseloadTableModel.RowRole)
        if row is not None:
            self.person_activated.emit(row.person_id)

    def _open_first(self) -> None:
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self._activated(self.model.index(0, 0))

    def selected_person(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], CaseloadTableModel.RowRole).person_id if rows else None

    def choices(self) -> dict:
        """What the worker chose to see, kept across a lock; never the search text (a name)."""
        return {"filter": self.filter.currentData(), "mine": self.mine.isChecked()}

    def restore_choices(self, choices: dict) -> None:
        index = self.filter.findData(choices.get("filter"))
        if index >= 0:
            self.filter.setCurrentIndex(index)
        if "mine" in choices:
            (self.mine if choices["mine"] and self.mine.isEnabled() else self.everyone).setChecked(True)

    def clear(self) -> None:
        """Forget every row and the search text: used on lock."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._base = None
        self.model.set_rows([])
