"""Check-ins: a quick form to record a contact (Ctrl+Enter saves) and the contacts so far."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseapp.models.codes import CheckInMethod, CheckInOutcome
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.ui.models.record_table_model import Column, RecordTableModel, day, moment
from caseapp.ui.record.checkin_dialog import CheckInDialog
from caseapp.ui.record.checkin_fields import CheckInFields
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.widgets import confirm
from caseapp.ui.widgets.field_errors import FieldErrors, FormArea
from caseapp.ui.widgets.tables import fit_columns, record_table, selected_row


class CheckInsTab(RecordTab):
    title = QT_TRANSLATE_NOOP("RecordView", "Check-ins")

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, person_id, parent)
        fields = CheckInFields(note_height=70)
        self.when, self.method, self.outcome = fields.when, fields.method, fields.outcome
        self.note, self.actions_box, self.next_contact = fields.note, fields.actions_box, fields.next_contact
        self.save_button = QPushButton(self.tr("&Save check-in"))
        self.save_button.setAccessibleName(self.tr("Save check-in"))
        self.save_button.setToolTip(self.tr("Ctrl+Enter"))
        self.save_button.clicked.connect(self.save)

        form = QFormLayout()
        when_row = QHBoxLayout()
        when_row.addWidget(self.when)
        when_row.addWidget(QLabel(self.tr("How:")))
        when_row.addWidget(self.method)
        when_row.addWidget(QLabel(self.tr("Outcome:")))
        when_row.addWidget(self.outcome)
        when_row.addStretch()
        form.addRow(self.tr("&When:"), when_row)
        when_label = form.labelForField(when_row)
        if isinstance(when_label, QLabel):  # addRow with a text always makes a QLabel
            when_label.setBuddy(self.when)
        fields.add_note_rows(form)
        self.errors = FieldErrors(form, fields.by_field()).clear_when_changed()
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        box = QGroupBox(self.tr("Record a check-in"))
        box.setLayout(form)

        self.next_due = QLabel()
        self.next_due.setAccessibleName(self.tr("Next contact due"))
        self.model = RecordTableModel(
            [
                Column(self.tr("When"), lambda c: moment(c.happened_at)),
                Column(self.tr("How"), lambda c: c.method.label),
                Column(self.tr("Outcome"), lambda c: c.outcome.label),
                Column(self.tr("Next agreed"), lambda c: day(c.next_contact_on)),
                Column(self.tr("Note"), lambda c: (c.note or "").replace("\n", " "), lambda c: c.note or ""),
                Column(self.tr("Actions agreed"), lambda c: (c.actions or "").replace("\n", " "),
                       lambda c: c.actions or ""),
            ],
            self,
        )
        self.table = record_table(self.tr("Check-ins so far"), layout_key="check-ins")
        self.table.setModel(self.model)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        # The selected check-in in full: a long note is read here, not in a tooltip.
        self.reader = QTextBrowser()
        self.reader.setAccessibleName(self.tr("The selected check-in in full"))
        self.reader.setPlaceholderText(self.tr("Choose a check-in to read its note and actions in full."))
        self.reader.setMaximumHeight(130)
        self.edit_button = QPushButton(self.tr("&Edit check-in…"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected check-in"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("&Delete check-in…"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected check-in"))
        self.delete_button.clicked.connect(self.delete_selected)

        column = QVBoxLayout()
        column.addWidget(box)
        column.addWidget(self.next_due)
        column.addWidget(self.table, 1)
        column.addWidget(self.reader)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        column.addLayout(row)
        self._keep_readable()
        # The form and the list are taller than the tab on a laptop at 150%, and at 100% too
        # once a refusal's sentences are shown: the tab scrolls rather than squeezing the
        # form's rows over each other (or making the whole window taller than the screen).
        self.area = FormArea(column)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area)

        # A key filter, not a QShortcut: it works in whichever field has focus, even in a
        # note box, and does not depend on the window manager saying the window is active.
        for field in (self.when, self.method, self.outcome, self.note, self.actions_box, self.next_contact):
            field.installEventFilter(self)
        self._reset_form()
        self.reload()

    def _keep_readable(self) -> None:
        """The least the list and the reader are made: a few check-ins, a few lines."""
        table = self.table
        rows = table.verticalHeader().defaultSectionSize()
        table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + 3 * rows + 2 * table.frameWidth()
                               + table.horizontalScrollBar().sizeHint().height())
        lines = self.reader.fontMetrics().lineSpacing()
        self.reader.setMinimumHeight(min(3 * lines + 2 * self.reader.frameWidth() + 8, self.reader.maximumHeight()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
        ):
            self.save()
            return True
        return super().eventFilter(watched, event)

    def _reset_form(self) -> None:
        self.when.setDateTime(QDateTime.currentDateTime())
        self.method.set_value(CheckInMethod.PHONE)
        self.outcome.set_value(CheckInOutcome.SPOKE)
        self.note.clear()
        self.actions_box.clear()
        self.next_contact.set_value(None)
        self.errors.clear()

    def reload(self, select_id: int | None = None) -> None:
        rows = self.services.checkins.list_check_ins(person_id=self.person_id)
        self.model.set_rows(rows)
        fit_columns(self.table)
        ids = [c.id for c in rows]
        if select_id in ids:
            self.table.selectRow(ids.index(select_id))
        self._show_selected()
        self._show_due()

    def _show_selected(self, *_args: object) -> None:
        row = selected_row(self.table)
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        if row is None:
            self.reader.clear()
            return
        c = self.model.row_at(row)
        parts = [
            f"<p><b>{escape(moment(c.happened_at))}</b> · {escape(c.method.label)} · {escape(c.outcome.label)}</p>"
        ]
        for label, text in ((self.tr("Note"), c.note), (self.tr("Actions agreed"), c.actions)):
            if text:
                body = escape(text).replace("\n", "<br>")
                parts.append(f"<p><b>{escape(label)}:</b> {body}</p>")
        if c.next_contact_on:
            parts.append(f"<p><b>{escape(self.tr('Next contact agreed'))}:</b> {escape(day(c.next_contact_on))}</p>")
        self.reader.setHtml("".join(parts))

    def _show_due(self) -> None:
        rows = self.services.caseload.caseload(person_ids=[self.person_id])
        if rows and rows[0].next_due:
            text = self.tr("Next contact due: %1").replace("%1", day(rows[0].next_due))
            if rows[0].overdue:
                text += " — " + self.tr("overdue")
            # Said, not only hinted: a new step can bring the date forward.
            text += " " + self.tr("(%1)").replace("%1", rows[0].due_rule)
            self.next_due.setText(text)
        else:
            self.next_due.setText("")

    def save(self) -> bool:
        happened: datetime = self.when.dateTime().toPython()  # type: ignore[assignment]
        try:
            self.services.checkins.record_check_in(
                person_id=self.person_id,
                happened_at=happened.replace(second=0, microsecond=0),
                method=self.method.value(),
                outcome=self.outcome.value(),
                note=self.note.toPlainText(),
                actions=self.actions_box.toPlainText(),
                next_contact_on=self.next_contact.value(),
            )
        except ValidationError as exc:
            self.show_refusal(exc)
            return False
        self._reset_form()
        self.reload()
        return True

    def show_refusal(self, error: ValidationError) -> None:
        """Each sentence under its field, the first of them scrolled into sight."""
        self.errors.show(error)
        self.area.show_sentence(self.errors.first_shown())

    def edit_selected(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        dialog = CheckInDialog(self.services, self.model.row_at(row), parent=self)
        try:
            if dialog.exec() and dialog.saved is not None:
                self.reload(select_id=dialog.saved.id)
        finally:
            dialog.deleteLater()

    def delete_selected(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        check_in = self.model.row_at(row)
        if not confirm.ask(
            self,
            self.tr("Delete check-in"),
            self.tr("Delete the check-in of %1? Only do this if it was recorded against the wrong "
                    "person. The history keeps what it said.").replace("%1", moment(check_in.happened_at)),
            self.tr("Delete"),
        ):
            return
        self.services.checkins.delete_check_in(check_in_id=check_in.id)
        self.reload()

    def has_unsaved_changes(self) -> bool:
        return bool(self.note.toPlainText().strip() or self.actions_box.toPlainText().strip())

    def drafts(self) -> dict[str, str]:
        return {k: v for k, v in (("note", self.note.toPlainText()), ("actions", self.actions_box.toPlainText())) if v}

    def restore_drafts(self, drafts: dict[str, str]) -> None:
        if "note" in drafts:
            self.note.setPlainText(drafts["note"])
        if "actions" in drafts:
            self.actions_box.setPlainText(drafts["actions"])
