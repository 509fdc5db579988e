"""Build or edit a hand-off to the line manager: who, when, which needs, and the plan."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseapp.models.codes import PLACEMENT_STEPS
from caseapp.services.errors import ValidationError
from caseapp.services.handoffs import HandOffRecord
from caseapp.services.registry import Services
from caseapp.ui.models.record_table_model import day
from caseapp.ui.record.step_text import step_label
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.field_errors import FieldErrors

PLAN_FIELDS = ("adjustments", "first_two_weeks", "keep_in_touch", "if_difficult", "strengths")


# The widget's own class comes back, so its methods stay known.
W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setAccessibleName(name)
    return widget


def _text_box(name: str, hint: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(hint)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(64)
    return box


class HandOffDialog(QDialog):
    def __init__(self, services: Services, person_id: int, hand_off: HandOffRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.person_id = person_id
        self.hand_off = hand_off
        self.setWindowTitle(self.tr("Edit hand-off") if hand_off else self.tr("Build a hand-off"))
        self._steps = {s.id: s for s in services.pathway.list_steps(person_id=person_id) if s.type in PLACEMENT_STEPS}
        self.step = _named(QComboBox(), self.tr("Placement or job"))
        for step in self._steps.values():
            self.step.addItem(step_label(step), step.id)
        self.built_on = _named(DateField(), self.tr("Date of the hand-off"))
        self.built_on.set_value(services.today())
        self.line_manager = _named(QLineEdit(), self.tr("Line manager"))
        self.hr_contact = _named(QLineEdit(), self.tr("HR contact"))
        self.mentor = _named(QLineEdit(), self.tr("Mentor"))
        self.needs = _named(QListWidget(), self.tr("Support needs to share"))
        self.needs.setMinimumHeight(90)
        self.boxes = {
            "adjustments": _text_box(self.tr("Agreed adjustments"), self.tr("e.g. 10am starts for the first month")),
            "first_two_weeks": _text_box(self.tr("Plan for the first two weeks"),
                                         self.tr("Day one, who meets them, shadowing, shorter days…")),
            "keep_in_touch": _text_box(self.tr("Keeping in touch"),
                                       self.tr("e.g. a call with the worker every Friday")),
            "if_difficult": _text_box(self.tr("If things get difficult"), self.tr("Who to ring first, and what helps")),
            "strengths": _text_box(self.tr("Strengths"), self.tr("What they bring")),
        }

        who = QFormLayout()
        who.addRow(self.tr("&Placement or job:"), self.step)
        who.addRow(self.tr("&Date:"), self.built_on)
        who.addRow(self.tr("&Line manager:"), self.line_manager)
        who.addRow(self.tr("&HR contact:"), self.hr_contact)
        who.addRow(self.tr("&Mentor:"), self.mentor)
        who.addRow(self.tr("&Needs to share:"), self.needs)
        self.left_errors = FieldErrors(who, {
            "step_id": self.step, "built_on": self.built_on, "line_manager": self.line_manager,
            "hr_contact": self.hr_contact, "mentor": self.mentor, "need_ids": self.needs,
        })
        plan = QFormLayout()
        for label, name in ((self.tr("Ad&justments:"), "adjustments"),
                            (self.tr("&First two weeks:"), "first_two_weeks"),
                            (self.tr("&Keeping in touch:"), "keep_in_touch"),
                            (self.tr("&If things get difficult:"), "if_difficult"),
                            (self.tr("&Strengths:"), "strengths")):
            plan.addRow(label, self.boxes[name])
        self.right_errors = FieldErrors(plan, dict(self.boxes))
        left = QGroupBox(self.tr("Who and what is shared"))
        left.setLayout(who)
        right = QGroupBox(self.tr("The plan"))
        right.setLayout(plan)
        columns = QHBoxLayout()
        columns.addWidget(left, 2)
        columns.addWidget(right, 3)

        self.note = QLabel(self.tr("Only needs with consent in force can be shared. Which needs are shared "
                              "is fixed when the hand-off is built."))
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save hand-off"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(columns)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does Enter reach it.
        self.save_button.setDefault(True)
        self.setMinimumWidth(900)

        self._prefilled: dict[str, str] = {}
        if hand_off is None:
            self._fill_needs(())
            self.step.currentIndexChanged.connect(self._prefill_from_step)
            self._prefill_from_step()
        else:
            self._show(hand_off)

    def _fill_needs(self, chosen: tuple[int, ...]) -> None:
        """New hand-off: needs with consent in force can be ticked. Editing: what was chosen, fixed."""
        today = self.services.today()
        for need in self.services.support.list_support_needs(person_id=self.person_id):
            if self.hand_off is not None and need.id not in chosen:
                continue
            item = QListWidgetItem(need.category.label)
            item.setData(Qt.ItemDataRole.UserRole, need.id)
            item.setToolTip(need.description)
            flags = Qt.ItemFlag.ItemIsEnabled
            if self.hand_off is None and need.shareable_on(today):
                flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setCheckState(Qt.CheckState.Unchecked)
            elif self.hand_off is None:
                item.setText(self.tr("%1 — no consent, not shared").replace("%1", need.category.label))
                flags = Qt.ItemFlag.NoItemFlags
            else:
                item.setCheckState(Qt.CheckState.Checked)
            item.setFlags(flags)
            self.needs.addItem(item)
        if self.needs.count() == 0:
            item = QListWidgetItem(self.tr("No support needs recorded") if self.hand_off is None
                                   else self.tr("No needs shared"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.needs.addItem(item)

    def _prefill_from_step(self) -> None:
        # The step often already names the manager and mentor; typed text is never overwritten.
        step = self._steps.get(self.step.currentData())
        for name, field in (("line_manager", self.line_manager), ("mentor", self.mentor)):
            if field.text() and field.text() != self._prefilled.get(name):
                continue
            value = getattr(step, name, None) or ""
            field.setText(value)
            self._prefilled[name] = value

    def _show(self, hand_off: HandOffRecord) -> None:
        step = self.services.pathway.get_step(step_id=hand_off.step_id)
        self.step.clear()
        self.step.addItem(step_label(step), step.id)
        self.step.setEnabled(False)
        self.built_on.set_value(hand_off.built_on)
        self.built_on.setEnabled(False)
        self.line_manager.setText(hand_off.line_manager)
        self.hr_contact.setText(hand_off.hr_contact or "")
        self.mentor.setText(hand_off.mentor or "")
        self._fill_needs(hand_off.need_ids)
        for name, box in self.boxes.items():
            box.setPlainText(getattr(hand_off, name) or "")
        self.note.setText(self.tr("Built on %1. Which needs are shared was fixed then; withdrawn consent "
                                  "still takes a need out.").replace("%1", day(hand_off.built_on)))

    def chosen_needs(self) -> list[int]:
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in (self.needs.item(i) for i in range(self.needs.count()))
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Checked
        ]

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "line_manager": self.line_manager.text(),
            "hr_contact": self.hr_contact.text(),
            "mentor": self.mentor.text(),
        }
        values.update({name: box.toPlainText() for name, box in self.boxes.items()})
        return values

    def show_errors(self, error: ValidationError) -> None:
        plan = {k: v for k, v in error.problems.items() if k in self.right_errors.fields}
        rest = {k: v for k, v in error.problems.items() if k not in plan}
        # The left column is shown last, so its first field with a problem gets the focus.
        for errors, problems in ((self.right_errors, plan), (self.left_errors, rest)):
            if problems:
                errors.show(ValidationError(problems))
            else:
                errors.clear()

    def save(self) -> None:
        handoffs = self.services.handoffs
        try:
            if self.hand_off is not None:
                self.saved = handoffs.edit_hand_off(hand_off_id=self.hand_off.id, **self.values())
            elif self.step.currentData() is None:
                raise ValidationError({"step_id": self.tr("Add the placement or job on the Pathway tab first.")})
            else:
                self.saved = handoffs.build_hand_off(step_id=self.step.currentData(), need_ids=self.chosen_needs(),
                                                     built_on=self.built_on.value(), **self.values())
        except ValidationError as exc:
            self.show_errors(exc)
            return
        self.accept()
