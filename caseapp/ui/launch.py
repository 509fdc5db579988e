"""Start the desktop app: check Qt can open a window, set up or unlock, show the main window."""

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

    from caseapp.paths import default_data_dir
    from caseapp.services.registry import open_services
    from caseapp.store_location import remember_folder, remembered_folder
    from caseapp.ui.main_window import MainWindow
    from caseapp.ui.setup_wizard import SetupWizard
    from caseapp.ui.unlock_dialog import UnlockDialog

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("caseapp")
    app.setApplicationDisplayName("caseapp")
    if store is None:
        default = default_data_dir()
        # Set-up may have put the caseload somewhere other than the default folder; a
        # folder given on the command line is used as it is.
        follows_default = Path(data_dir) == default
        if follows_default:
            data_dir = remembered_folder(default)
        if Store.exists(data_dir):
            store = Store(data_dir)
            dialog = UnlockDialog(store)
            if dialog.exec() != UnlockDialog.DialogCode.Accepted:
                store.close(backup=False)
                return 0
        else:
            wizard = SetupWizard(data_dir)
            if wizard.exec() != SetupWizard.DialogCode.Accepted or wizard.store is None:
                return 0
            store = wizard.store
            if follows_default:
                remember_folder(wizard.folder, default=default)
    services = open_services(store)
    window = MainWindow(services, demo=demo)
    window.show()
    try:
        return app.exec()
    finally:
        store.close(backup=not demo)
