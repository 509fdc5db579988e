"""Progress and cancellation for a document being built off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

TOTAL = 100
# Where each phase ends, out of TOTAL: reading the record, laying out pages, writing the file.
READ_DONE = 15
LAYOUT_DONE = 95


class ReportCancelled(Exception):
    """The person cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Printing was cancelled. No file was saved.")


class Progress:
    """Reports (done, total) monotonically and raises ReportCancelled when asked to stop."""

    def __init__(self, callback: ProgressCallback | None = None, cancelled: CancelCheck | None = None) -> None:
        self._callback = callback
        self._cancelled = cancelled
        self._done = -1

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ReportCancelled()

    def at(self, done: int) -> None:
        self.check()
        done = max(0, min(TOTAL, done))
        if done > self._done:
            self._done = done
            if self._callback is not None:
                self._callback(done, TOTAL)

    def layout(self, index: int, count: int) -> None:
        """Flowable `index` of `count` laid out."""
        span = LAYOUT_DONE - READ_DONE
        self.at(READ_DONE + (span * index) // max(count, 1))
