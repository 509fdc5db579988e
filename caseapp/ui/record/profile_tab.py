"""Profile: everything about the young person, edited in place and saved together."""

from __future__ import annotations

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.ui import duplicates_dialog
from caseapp.ui.record.person_form import PersonForm
from caseapp.ui.record.remove_record import remove_made_in_error
from caseapp.ui.record.situation_box import SituationBox
from caseapp.ui.record.tab import RecordTab


class ProfileTab(RecordTab):
    title = QT_TRANSLATE_NOOP("RecordView", "Profile")
    person_requested = Signal(int)  # open this record instead (a likely duplicate)

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, person_id, parent)
        self.form = PersonForm(services.workers.list_workers())
        self.situation = SituationBox(services, person_id)
        self.save_button = QPushButton(self.tr("&Save profile"))
        self.save_button.setAccessibleName(self.tr("Save profile"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("&Undo changes"))
        self.revert_button.setAccessibleName(self.tr("Undo changes to the profile"))
        self.revert_button.clicked.connect(self.revert)
        self.remove_button = QPushButton(self.tr("Re&move record made in error…"))
        self.remove_button.setAccessibleName(self.tr("Remove this record, made in error"))
        self.remove_button.clicked.connect(self.remove_made_in_error)
        self._not_duplicates: set[tuple] = set()

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.situation)
        column.addWidget(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._saved: dict = {}
        self.reload()

    def reload(self) -> None:
        """Show the stored record, keeping any edits not yet saved."""
        # Colleagues added or made inactive meanwhile are offered (or not) here too.
        self.form.set_workers(self.services.workers.list_workers())
        person = self.services.people.get_young_person(person_id=self.person_id)
        self.situation.show_person(person)
        if not self.has_unsaved_changes():
            self.form.set_record(person)
            self._saved = self.form.values()

    def revert(self) -> None:
        self._saved = {}
        person = self.services.people.get_young_person(person_id=self.person_id)
        self.form.set_record(person)
        self._saved = self.form.values()

    def save(self) -> bool:
        values = self.form.values()
        if any(values.get(name) != self._saved.get(name) for name in duplicates_dialog.IDENTITY_FIELDS):
            choice, existing = duplicates_dialog.check(
                self, self.services, values, self._not_duplicates, person_id=self.person_id)
            if choice == duplicates_dialog.OPEN and existing is not None:
                # The edits stay here, unsaved, while the record already on file is looked at.
                self.person_requested.emit(existing)
            if choice != duplicates_dialog.CONTINUE:
                return False
        try:
            self.services.people.edit_young_person(person_id=self.person_id, **values)
        except ValidationError as exc:
            self.form.show_errors(exc)
            return False
        self.revert()
        return True

    def remove_made_in_error(self) -> None:
        remove_made_in_error(self, self.services, self.person_id)

    def has_unsaved_changes(self) -> bool:
        return bool(self._saved) and self.form.values() != self._saved

    def drafts(self) -> dict[str, str]:
        # Only the fields changed: the rest is reloaded from the record, which may have moved on.
        if not self.has_unsaved_changes():
            return {}
        changed = [name for name, value in self.form.values().items() if value != self._saved.get(name)]
        return {"form": json.dumps(self.form.plain_values(changed))}

    def restore_drafts(self, drafts: dict[str, str]) -> None:
        try:
            changed = json.loads(drafts.get("form") or "{}")
        except ValueError:
            return  # not a draft this tab wrote; the stored record shows instead
        self.form.set_plain_values(changed)
