"""The app on a real X server, for tests/ui/test_x11_selection.py and test_x11_title.py.

Selects a name in the caseload's search box (as a worker's mouse or Shift+End would),
then locks when told to on stdin. The Qt event loop keeps running throughout, so other
programs on the display can ask for the selection at any moment, as they would.

    python -m tests.ui.x11_selection_child FOLDER TEXT
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import QSettings, QSocketNotifier, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from caseapp.services.registry import open_services  # noqa: E402
from caseapp.services.workers import WorkersService  # noqa: E402
from caseapp.store import Store  # noqa: E402
from caseapp.ui.launch import make_application  # noqa: E402
from caseapp.ui.main_window import MainWindow  # noqa: E402
from tests.conftest import CHEAP, PASSPHRASE  # noqa: E402
from tests.ui.x11_display import title_on_screen  # noqa: E402


def say(word: str) -> None:
    print(word, flush=True)


def main(folder: Path, text: str) -> int:
    app = make_application()
    store, _ = Store.create(folder / "store", PASSPHRASE, kdf=CHEAP)
    workers = WorkersService(store)
    workers.set_owner(worker_id=workers.add_worker(name="Alex Morgan", role="employability_worker").id)
    window = MainWindow(
        open_services(store),
        layout_settings=QSettings(str(folder / "layout.ini"), QSettings.Format.IniFormat),
    )
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)

    def select_in_search() -> None:
        search = window.workspace.caseload.search
        search.setFocus()
        QTest.keyClicks(search, text)
        QTest.keyClick(search, Qt.Key.Key_Home)
        QTest.keyClick(search, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)

    def select_in_passphrase() -> None:
        field = window.unlock_page.passphrase
        field.setFocus()
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Home)
        QTest.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)

    def title() -> None:
        say("title: " + title_on_screen(int(window.winId())))

    commands = {
        "title": title,
        "select": select_in_search,
        "lock": window.lock,
        "type-passphrase": select_in_passphrase,
    }

    def command() -> None:
        line = sys.stdin.readline().strip()
        if not line or line == "quit":
            app.quit()
            return
        try:
            commands[line]()
        except Exception as exc:  # noqa: BLE001 - the test reads the line and fails on it
            say(f"{line} failed: {type(exc).__name__}")
            return
        QTest.qWait(50)
        owns = QGuiApplication.clipboard().ownsSelection()
        say(f"{line} done; owns selection: {owns}")

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    say("ready")
    app.exec()
    window.close()
    store.close(backup=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2]))
