"""Run one slow call (key derivation, creating a store) away from the GUI thread.

The result or the exception comes back as a signal on the GUI thread, so a slot can touch
widgets. Screens disable their buttons and show that work is going on while it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    # Created on the GUI thread, emitted from the pool thread: Qt queues the delivery.
    done = Signal(bool, object)


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the task keeps the Python object alive instead
        self._call: Callable[[], Any] | None = call
        self._relay = relay

    def run(self) -> None:
        try:
            assert self._call is not None  # a job runs once
            outcome = (True, self._call())
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the screen
            # The traceback's frames hold the call's locals (a passphrase, say); drop them.
            outcome = (False, exc.with_traceback(None))
        finally:
            self._call = None
        try:
            self._relay.done.emit(*outcome)
        except RuntimeError:
            pass  # the screen that asked was closed meanwhile; nobody is waiting


class BackgroundTask(QObject):
    """`start(call)` runs `call()` on a pool thread; one call at a time per task.

    Signals (delivered on the GUI thread): `succeeded(result)`, `failed(exception)`, then
    `finished()` either way. `running` is true from `start` until just before `finished`.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, parent: QObject | None = None, *, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._job: _Job | None = None

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, call: Callable[[], Any]) -> None:
        if self._job is not None:
            raise RuntimeError("This task is already running.")
        self._job = _Job(call, self._relay)
        self._pool.start(self._job)

    @Slot(bool, object)
    def _deliver(self, ok: bool, payload: object) -> None:
        self._job = None
        if ok:
            self.succeeded.emit(payload)
        else:
            self.failed.emit(payload)
        self.finished.emit()
