"""The main window. For now: the open caseload, overdue contacts first, and quit."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from caseapp.services.caseload import CaseloadService
from caseapp.store import Store
from caseapp.ui.caseload_table_model import CaseloadTableModel


class MainWindow(QMainWindow):
    def __init__(self, store: Store, *, demo: bool = False, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._store = store
        self._caseload = CaseloadService(store)
        self.setWindowTitle(self.tr("caseapp — DEMO") if demo else self.tr("caseapp"))
        self.model = CaseloadTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Caseload"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        central = QWidget()
        layout = QVBoxLayout(central)
        if demo:
            banner = QLabel(self.tr("DEMO — invented people only"))
            banner.setObjectName("demoBanner")
            banner.setStyleSheet("background: #b35900; color: white; font-weight: bold; padding: 4px;")
            layout.addWidget(banner)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.menuBar().addMenu(self.tr("&File")).addAction(quit_action)
        self.resize(1200, 700)
        self.refresh()

    def refresh(self) -> None:
        rows = self._caseload.caseload()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        overdue = sum(1 for r in rows if r.overdue)
        people = self.tr("1 young person") if len(rows) == 1 else self.tr("%1 young people").replace("%1", str(len(rows)))
        self.statusBar().showMessage(self.tr("%1, %2 overdue").replace("%1", people).replace("%2", str(overdue)))
