"""At each unlock, tidy the folders caseapp saved in: a part-file an interrupted save left goes.

Off the GUI thread: a folder on a network drive that has gone away can take seconds to say so.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from caseapp.services.output_files import sweep_part_files
from caseapp.store import Store
from caseapp.ui.background import BackgroundTask

log = logging.getLogger(__name__)


class PartFileSweep(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task = BackgroundTask(self)
        self._task.failed.connect(self._failed)

    @property
    def running(self) -> bool:
        return self._task.running

    def start(self, store: Store) -> None:
        """Sweep now, unless a sweep is still going (it covers the same folders)."""
        if not self._task.running:
            self._task.start(lambda: sweep_part_files(store))

    def _failed(self, error: BaseException) -> None:
        # Nothing for the worker to do about it, and the next unlock tries again; the type
        # name only, as the text could quote a folder's path.
        log.warning("Tidying unfinished saves failed: %s", type(error).__name__)
