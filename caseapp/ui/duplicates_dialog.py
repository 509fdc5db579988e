"""Likely duplicates: people on file born the same day with a close name, shown before saving.

The worker chooses to open the record that is already there (the usual answer: the young
person came back, or a colleague added them), to go on (two people can share a name and a
birthday), or to go back to the form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractScrollArea, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from caseapp.services.people import DuplicateCandidate
from caseapp.services.registry import Services
from caseapp.ui.models.record_table_model import Column, RecordTableModel, day
from caseapp.ui.widgets.tables import fit_columns, record_table, selected_row

OPEN, CONTINUE, BACK = "open", "continue", "back"


class DuplicatesDialog(QDialog):
    """After `exec()`: `choice` is OPEN (with `chosen_id`), CONTINUE or BACK."""

    def __init__(self, candidates: list[DuplicateCandidate], *, editing: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates = candidates
        self.choice = BACK
        self.chosen_id: int | None = None
        self.setWindowTitle(self.tr("Already on file?"))
        if len(candidates) == 1:
            text = self.tr("Someone born on the same day with a name like this is already on file. If it is the "
                           "same young person, open their record instead of keeping two.")
        else:
            text = self.tr("People born on the same day with a name like this are already on file. If one is the "
                           "same young person, open their record instead of keeping two.")
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.model = RecordTableModel([
            Column(self.tr("Name"), lambda d: d.display_name),
            Column(self.tr("Own script"), lambda d: d.own_script_name or ""),
            Column(self.tr("Date of birth"), lambda d: day(d.date_of_birth)),
            Column(self.tr("Reference"), lambda d: d.person_id),
            Column(self.tr("Child reference"), lambda d: d.child_ref or ""),
            Column(self.tr("Worker"), lambda d: d.worker_name or self.tr("nobody yet")),
            Column(self.tr("Case"), lambda d: self.tr("closed on %1").replace("%1", day(d.closed_on))
                   if d.closed_on else self.tr("open")),
        ], self)
        self.model.set_rows(candidates)
        self.table = record_table(self.tr("Records already on file"))
        self.table.setModel(self.model)
        self.table.selectRow(0)
        fit_columns(self.table)
        # As tall and wide as the few rows it holds: a table sized for many rows leaves the
        # one record that matters above an empty box.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.activated.connect(lambda _index: self.open_existing())

        self.open_button = QPushButton(self.tr("&Open this record"))
        self.open_button.setAccessibleName(self.tr("Open the selected record instead"))
        self.continue_button = QPushButton(
            self.tr("&Save anyway") if editing else self.tr("&Add as a different person"))
        self.continue_button.setAccessibleName(
            self.tr("Save the changes anyway") if editing else self.tr("Add as a different young person"))
        self.back_button = QPushButton(self.tr("&Go back"))
        self.back_button.setAccessibleName(self.tr("Go back to the form"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self.open_existing)
        # Open says which record by the row chosen: with none chosen it has nothing to open.
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.open_button.setEnabled(selected_row(self.table) is not None))
        self.continue_button.clicked.connect(self.go_on)
        self.back_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        # The record already there is the likelier answer, so Enter opens it.
        self.open_button.setDefault(True)
        self.setMinimumWidth(760)
        self.table.setFocus()

    def open_existing(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        self.choice, self.chosen_id = OPEN, self.model.row_at(row).person_id
        self.accept()

    def go_on(self) -> None:
        self.choice = CONTINUE
        self.accept()

    def reject(self) -> None:
        self.choice = BACK
        super().reject()


def ask_about_duplicates(parent: QWidget, candidates: list[DuplicateCandidate], *, editing: bool = False
                         ) -> tuple[str, int | None]:
    """(choice, record to open); CONTINUE at once when there is nobody to show."""
    if not candidates:
        return CONTINUE, None
    dialog = DuplicatesDialog(candidates, editing=editing, parent=parent)
    try:
        dialog.exec()
        return dialog.choice, dialog.chosen_id
    finally:
        dialog.deleteLater()


IDENTITY_FIELDS = ("given_name", "family_name", "preferred_name", "date_of_birth")


def check(parent: QWidget, services: Services, values: dict[str, Any], answered: set[tuple], *,
          person_id: int | None = None) -> tuple[str, int | None]:
    """Ask about the likely duplicates of a record being saved with `values`, unless the
    worker already said these names and birth date are someone new (kept in `answered`)."""
    key = tuple(values.get(name) for name in IDENTITY_FIELDS)
    if key in answered:
        return CONTINUE, None
    candidates = services.people.likely_duplicates(
        given_name=values.get("given_name"), family_name=values.get("family_name"),
        preferred_name=values.get("preferred_name"), date_of_birth=values.get("date_of_birth"),
        exclude_person_id=person_id,
    )
    choice, chosen = ask_about_duplicates(parent, candidates, editing=person_id is not None)
    if choice == CONTINUE:
        answered.add(key)
    return choice, chosen
