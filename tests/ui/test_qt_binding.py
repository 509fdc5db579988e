"""The Qt binding keeps Python's books: a call that returns nothing leaves None's reference
count as it was. PySide6 6.12.0 took one reference per such call, so on Python 3.11 the app
aborted with "deallocating None" after some tens of thousands of calls (minutes of use)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWidget

CALLS = 5_000


def test_calls_that_return_nothing_do_not_use_up_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.update()
        QApplication.processEvents()
    # Other code may take or drop a few references meanwhile; the fault took one per call.
    assert sys.getrefcount(None) - before > -CALLS // 10
