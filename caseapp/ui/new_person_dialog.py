"""Add a young person: the profile form in a dialog; the new id is kept for opening."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.ui import duplicates_dialog
from caseapp.ui.record.person_form import PersonForm
from caseapp.ui.widgets.field_errors import fit_to_screen


class NewPersonDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.person_id: int | None = None
        # Names and birth dates the worker has said are someone new: not asked about again.
        self._not_duplicates: set[tuple] = set()
        self.setWindowTitle(self.tr("New young person"))
        self.form = PersonForm(services.workers.list_workers())
        me = self.form.widgets["worker_id"]
        me.setCurrentIndex(max(me.findData(services.worker_id), 0))  # type: ignore[attr-defined]  # a QComboBox
        # Two columns of groups are wider than a laptop screen at 150%, and taller: the form
        # scrolls either way there, the buttons stay in view below it.
        self.rows_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Add young person"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Given name, family name and date of birth are needed; the rest can wait.")))
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_to_screen(self)
        self.form.widgets["given_name"].setFocus()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Room for the whole form, not a scroll area's few dozen lines: where the screen has
        # that room nothing needs scrolling, and fit_to_screen keeps the window on the screen.
        hint = super().sizeHint()
        frame = 2 * self.rows_area.frameWidth()
        bar = self.rows_area.verticalScrollBar().sizeHint().width()
        whole = self.form.sizeHint() + QSize(frame + bar, frame)
        shown = self.rows_area.sizeHint()
        return hint + QSize(max(whole.width() - shown.width(), 0), max(whole.height() - shown.height(), 0))

    def save(self) -> None:
        values = self.form.values()
        choice, existing = duplicates_dialog.check(self, self.services, values, self._not_duplicates)
        if choice == duplicates_dialog.OPEN:
            # Nothing is added: the record already there opens in its place.
            self.person_id = existing
            self.accept()
            return
        if choice == duplicates_dialog.BACK:
            return
        try:
            person = self.services.people.add_young_person(**values)
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        self.person_id = person.id
        self.accept()
