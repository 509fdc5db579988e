"""Start the desktop app: check Qt can open a window, unlock, show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from caseapp.store import Store
from caseapp.ui.qt_check import display_problem


def run_gui(*, store: Store | None, data_dir: Path, demo: bool) -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        if store is not None:
            store.close(backup=False)
        return 1

    from PySide6.QtWidgets import QApplication

    from caseapp.ui.main_window import MainWindow
    from caseapp.ui.unlock_dialog import UnlockDialog

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("caseapp")
    app.setApplicationDisplayName("caseapp")
    if store is None:
        store = Store(data_dir)
        if not Store.exists(data_dir):
            print(
                f"There is no caseload in {data_dir} yet. Create one with: caseapp init",
                file=sys.stderr,
            )
            return 1
        dialog = UnlockDialog(store)
        if dialog.exec() != UnlockDialog.DialogCode.Accepted:
            store.close(backup=False)
            return 0
    window = MainWindow(store, demo=demo)
    window.show()
    try:
        return app.exec()
    finally:
        store.close(backup=not demo)
