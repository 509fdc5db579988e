"""What every tab of a young person's record offers the record view around it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from caseapp.services.registry import Services


class RecordTab(QWidget):
    """A tab on one young person. Built with the services, never with a session.

    The record view calls `reload()` when the person's data changes, asks
    `has_unsaved_changes()` before closing, and on lock collects `drafts()` (text being
    typed, kept encrypted in the store) to give back through `restore_drafts()` on unlock.
    """

    title = QT_TRANSLATE_NOOP("RecordView", "Tab")

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.person_id = person_id

    def reload(self) -> None:
        """Show the person's current data."""

    def has_unsaved_changes(self) -> bool:
        return False

    def drafts(self) -> dict[str, str]:
        """Text typed and not saved, by a name unique within this tab."""
        return {}

    def restore_drafts(self, drafts: dict[str, str]) -> None:
        """Put back what `drafts()` returned before the lock."""
