"""The services' change bus as a Qt signal, delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from caseapp.services.events import Change, ChangeBus


class ChangeSignals(QObject):
    # entity, id, kind — never personal data.
    changed = Signal(str, int, str)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = bus.subscribe(self._on_change)
        self.destroyed.connect(lambda: self._unsubscribe())

    def _on_change(self, change: Change) -> None:
        # Emitting from a worker thread queues the call to receivers on the GUI thread.
        self.changed.emit(change.entity, change.id, change.kind)

    def detach(self) -> None:
        self._unsubscribe()
        self._unsubscribe = lambda: None
