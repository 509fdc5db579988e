"""Pathway: the steps in the order they happen, with adding, moving on and ending early."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from caseapp.models.codes import ALLOWED_TRANSITIONS, StepStatus
from caseapp.services.pathway import StepRecord
from caseapp.services.registry import Services
from caseapp.ui.models.record_table_model import Column, RecordTableModel, day
from caseapp.ui.record.move_step_dialog import MoveStepDialog
from caseapp.ui.record.pathway_timeline import PathwayTimeline
from caseapp.ui.record.step_dialog import StepDialog
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.widgets import confirm
from caseapp.ui.widgets.money import pounds
from caseapp.ui.widgets.tables import fit_columns, record_table, select_record, selected_record


def _when(step: StepRecord) -> str:
    if step.start_date and step.end_date:
        return f"{day(step.start_date)} – {day(step.end_date)}"
    if step.start_date:
        return day(step.start_date) + " –"
    return ""


def _sustained(step: StepRecord) -> str:
    done = [c for c in step.sustainment_checks if c.checked_on]
    return ", ".join(f"{c.week} wk {'✓' if c.sustained else '✗'}" for c in done)


class PathwayTab(RecordTab):
    title = QT_TRANSLATE_NOOP("RecordView", "Pathway")

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, person_id, parent)
        self._employers: dict[int, str] = {}
        self.model = RecordTableModel(
            [
                Column(self.tr("When"), _when),
                Column(self.tr("Step"), lambda s: s.type.label),
                Column(self.tr("Role or course"), lambda s: s.title or ""),
                Column(self.tr("With"), lambda s: self._employers.get(s.employer_id or 0, s.provider or "")),
                Column(self.tr("Status"), lambda s: s.status.label),
                Column(self.tr("Pay"), lambda s: pounds(s.pay_pence_per_hour)),
                Column(self.tr("Sustained"), _sustained),
                Column(self.tr("Ended because"), lambda s: s.ended_reason or "", lambda s: s.ended_reason or ""),
            ],
            self,
        )
        self.table = record_table(self.tr("Pathway steps"), layout_key="pathway")
        self.table.setModel(self.model)
        # The role stretches; a mostly empty "ended because" column should not.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(self.edit_step)
        self.add_button = self._button(self.tr("&Add step…"), self.tr("Add a pathway step"), self.add_step)
        self.edit_button = self._button(self.tr("&Edit…"), self.tr("Edit the selected step"), self.edit_step)
        self.move_button = self._button(self.tr("&Move on…"), self.tr("Move the selected step on"), self.move_step)
        self.end_button = self._button(self.tr("E&nd early…"), self.tr("End the selected step early"), self.end_step)
        self.hint = QLabel(self.tr("Steps from the first contact to a job, earliest first."))
        self.timeline = PathwayTimeline()
        self.timeline.step_clicked.connect(self.select_step)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.move_button, self.end_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.timeline)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def reload(self) -> None:
        self._employers = {e.id: e.name for e in self.services.employers.list_employers(include_closed=True)}
        steps = self.services.pathway.list_steps(person_id=self.person_id)
        steps.sort(key=lambda s: (s.start_date or s.offered_on or s.end_date or self.services.today(), s.id))
        self.model.set_rows(steps)
        self.timeline.set_steps(steps, self.services.today())
        fit_columns(self.table)
        self._enable()

    def selected(self) -> StepRecord | None:
        return selected_record(self.table)

    def select_step(self, step_id: int) -> None:
        select_record(self.table, step_id)

    def _enable(self) -> None:
        step = self.selected()
        self.timeline.set_selected(step.id if step else None)
        self.edit_button.setEnabled(step is not None)
        moves = ALLOWED_TRANSITIONS[step.status] - {StepStatus.ENDED_EARLY} if step else set()
        self.move_button.setEnabled(bool(moves))
        self.end_button.setEnabled(step is not None and StepStatus.ENDED_EARLY in ALLOWED_TRANSITIONS[step.status])

    def _after(self, dialog, step_id: int | None) -> None:
        under_way = {s.id for s in self._steps() if s.status == StepStatus.IN_PROGRESS}
        if dialog.exec():
            self.reload()
            if step_id is not None:
                self.select_step(step_id)
            # Offered once, as the step starts: a step already under way is never asked about again.
            for step in self._steps():
                if step.status == StepStatus.IN_PROGRESS and step.id not in under_way:
                    self._offer_eet_status(step)

    def _steps(self) -> list[StepRecord]:
        return [self.model.row_at(row) for row in range(self.model.rowCount())]

    def _offer_eet_status(self, step: StepRecord) -> None:
        """A job, apprenticeship or course has started: offer to bring the EET status in line."""
        suggestion = self.services.pathway.eet_status_on_start(step_id=step.id)
        if suggestion is None:
            return
        what = f"{step.type.label}: {step.title}" if step.title else step.type.label
        text = (self.tr("%1 has started. Change the EET status to “%2” from %3?")
                .replace("%1", what).replace("%2", suggestion.status.label).replace("%3", day(suggestion.start_date)))
        if confirm.ask(self, self.tr("Update EET status"), text, self.tr("Update EET status")):
            self.services.people.set_eet_status(
                person_id=self.person_id, status=suggestion.status, start_date=suggestion.start_date)

    def add_step(self) -> None:
        self._after(StepDialog(self.services, self.person_id, parent=self), None)

    def edit_step(self) -> None:
        if step := self.selected():
            self._after(StepDialog(self.services, self.person_id, step, parent=self), step.id)

    def move_step(self) -> None:
        if step := self.selected():
            self._after(MoveStepDialog(self.services, step, parent=self), step.id)

    def end_step(self) -> None:
        if step := self.selected():
            self._after(MoveStepDialog(self.services, step, ending=True, parent=self), step.id)
