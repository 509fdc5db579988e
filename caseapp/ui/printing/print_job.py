"""Runs one report off the GUI thread, with progress and a way to cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from caseapp.ui.background import BackgroundTask


class _Progress(QObject):
    # Emitted from the report's thread; Qt queues it to the GUI thread.
    moved = Signal(int, int)


class PrintJob(QObject):
    """`start(write)` calls `write(progress, cancelled)` on a pool thread.

    Signals on the GUI thread: `progressed(done, total)`, then `saved(path)` or `failed(exc)`.
    """

    progressed = Signal(int, int)
    saved = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._progress = _Progress(self)
        self._progress.moved.connect(self.progressed)
        self._task = BackgroundTask(self)
        self._task.succeeded.connect(self.saved)
        self._task.failed.connect(self.failed)

    @property
    def running(self) -> bool:
        return self._task.running

    def start(self, write: Callable[[Callable[[int, int], None], Callable[[], bool]], Path]) -> None:
        self._stop.clear()
        relay = self._progress
        self._task.start(lambda: write(lambda done, total: relay.moved.emit(done, total), self._stop.is_set))

    def cancel(self) -> None:
        self._stop.set()
