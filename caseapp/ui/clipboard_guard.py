"""Text copied from caseapp leaves the clipboard after 30 seconds, and on lock.

Only if it is still there: something the worker copied since, from another program, is
left alone.

On lock and quit, the desktop's other buffers go too, whenever caseapp still owns them:
X11's PRIMARY selection (whatever text was last selected, pasted by a middle click in any
program, even after the widget that held it is gone) and macOS's Find buffer.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None, *, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self._copied: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear)
        QGuiApplication.clipboard().dataChanged.connect(self._changed)

    def _changed(self) -> None:
        text = QGuiApplication.clipboard().text()
        # A change while caseapp has focus is a copy from caseapp.
        if text and QGuiApplication.focusWindow() is not None:
            self._copied = text
            self._timer.start()
        else:
            self._copied = None
            self._timer.stop()

    def clear(self) -> None:
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        if self._copied is not None and clipboard.text() == self._copied:
            clipboard.clear()
        self._copied = None

    def clear_all(self) -> None:
        """On lock and quit: the clipboard as above, and the selection and Find buffer."""
        self.clear()
        clipboard = QGuiApplication.clipboard()
        # Owned means selected in caseapp: another program's selection is left alone.
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        if clipboard.supportsFindBuffer() and clipboard.ownsFindBuffer():
            clipboard.clear(QClipboard.Mode.FindBuffer)
