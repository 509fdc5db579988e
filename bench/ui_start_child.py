"""One cold start, run as a fresh process by `bench/ui_bench.py`:
`python -m bench.ui_start_child bare|caseapp [FOLDER]`.

`bare` shows an empty PySide6 window. `caseapp` starts the app as the `caseapp` command does
(`caseapp --data-dir FOLDER`) on an existing store, which shows the unlock screen. Both leave
on the first turn of the event loop after the first paint of any window, printing one line:
`painted imports_ms=… paint_ms=…`, both counted from the top of this module.
"""

from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()


def _leave_after_first_paint(app, imports_done: float) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        painted_at = 0.0

        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]  # noqa: N802 - Qt override
            if not self.painted_at and event.type() == QEvent.Type.Paint:
                self.painted_at = time.perf_counter()
                # Zero delay: the paint under way completes and reaches the screen first.
                QTimer.singleShot(0, leave)
            return False

    def leave() -> None:
        print(
            f"painted imports_ms={(imports_done - STARTED) * 1e3:.1f}"
            f" paint_ms={(watcher.painted_at - STARTED) * 1e3:.1f}",
            flush=True,
        )
        # Straight out, in both modes alike: interpreter teardown is not part of starting.
        os._exit(0)

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    app._first_paint = watcher  # lives as long as the application


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    imports_done = time.perf_counter()
    app = QApplication([sys.argv[0]])
    _leave_after_first_paint(app, imports_done)
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(640, 480)
    window.show()
    app.exec()


def caseapp(folder: str) -> None:
    from PySide6.QtWidgets import QApplication

    # The modules the launch path imports on its way to the unlock screen, loaded up front
    # only so that their cost can be reported apart; the total is the same either way. What
    # the app loads after that screen has painted (services, main window) is not part of
    # starting, and the child leaves before it would load.
    import caseapp.ui.launch  # noqa: F401
    import caseapp.ui.unlock_dialog  # noqa: F401
    from caseapp.cli import main

    imports_done = time.perf_counter()
    # Made here only so the paint watcher is in place first; the launch path reuses it.
    app = QApplication([sys.argv[0]])
    _leave_after_first_paint(app, imports_done)
    main(["--data-dir", folder])


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        caseapp(sys.argv[2])
    # Reaching here means no window was ever painted.
    sys.exit(3)
