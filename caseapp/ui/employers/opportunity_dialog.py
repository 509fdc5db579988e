"""Add or edit an opportunity: what it is, places, dates, pay, where, and what it requires."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseapp.models.codes import SkillLevel, StepType, VettingNeed
from caseapp.services.employers import OpportunityRecord
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.form_dialog import add_rows, save_cancel
from caseapp.ui.widgets.money import PoundsField

DBS_LEVELS = (VettingNeed.DBS_BASIC, VettingNeed.DBS_STANDARD, VettingNeed.DBS_ENHANCED)


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    return widget


class OpportunityDialog(QDialog):
    def __init__(self, services: Services, employer_id: int, opportunity: OpportunityRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.employer_id = employer_id
        self.opportunity = opportunity
        tr = self.tr
        self.setWindowTitle(tr("Edit opportunity") if opportunity else tr("Add opportunity"))
        self.type = _named(CodeCombo(StepType), tr("Kind of opportunity"))
        self.type.set_value(StepType.PAID_PLACEMENT)
        self.title = _named(QLineEdit(), tr("Title"))
        places = QSpinBox()
        places.setRange(1, 1000)
        self.places = _named(places, tr("Places"))
        self.start_date = _named(DateField(optional=True), tr("Start date"))
        self.end_date = _named(DateField(optional=True), tr("End date"))
        self.closing_date = _named(DateField(optional=True), tr("Closing date for applications"))
        self.pay = _named(PoundsField(), tr("Pay per hour"))
        self.pay.setSuffix(tr(" per hour"))
        hours = QDoubleSpinBox()
        hours.setRange(0, 60)
        hours.setDecimals(1)
        hours.setSpecialValueText(tr("Not known"))
        self.hours = _named(hours, tr("Hours per week"))
        self.location = _named(QLineEdit(), tr("Location"))
        self.sector = _named(QLineEdit(), tr("Sector"))
        requirements = QPlainTextEdit()
        requirements.setTabChangesFocus(True)
        requirements.setMinimumHeight(60)
        requirements.setPlaceholderText(tr("e.g. able to work outdoors; no qualifications needed"))
        self.requirements = _named(requirements, tr("Requirements"))
        self.needs_right_to_work = _named(QCheckBox(tr("Right to &work check needed")), tr("Right to work check needed"))
        self.needs_right_to_work.setChecked(True)
        self.dbs_level = _named(CodeCombo(DBS_LEVELS, blank=tr("No DBS check")), tr("DBS level"))
        self.english_level = _named(CodeCombo(SkillLevel, blank=tr("None asked for")), tr("English level"))
        self.ring_fenced = _named(QCheckBox(tr("Ring-&fenced for care leavers")), tr("Ring-fenced for care leavers"))

        form = QFormLayout()
        rows = [
            (tr("&Kind:"), "type", self.type), (tr("&Title:"), "title", self.title),
            (tr("&Places:"), "places", self.places), (tr("&Starts:"), "start_date", self.start_date),
            (tr("&Ends:"), "end_date", self.end_date), (tr("&Closing date:"), "closing_date", self.closing_date),
            (tr("P&ay:"), "pay_pence_per_hour", self.pay), (tr("&Hours per week:"), "hours_per_week", self.hours),
            (tr("&Location:"), "location", self.location), (tr("Secto&r:"), "sector", self.sector),
            (tr("Re&quirements:"), "requirements", self.requirements),
            ("", "needs_right_to_work", self.needs_right_to_work),
            (tr("&DBS level:"), "dbs_level", self.dbs_level), (tr("E&nglish level:"), "english_level", self.english_level),
            ("", "ring_fenced", self.ring_fenced),
        ]
        self.errors = add_rows(form, rows)
        buttons, self.save_button = save_cancel(self, tr("Save opportunity"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does Enter reach it.
        self.save_button.setDefault(True)
        self.setMinimumWidth(520)
        if opportunity is not None:
            self._show(opportunity)

    def _show(self, o: OpportunityRecord) -> None:
        self.type.set_value(o.type)
        self.title.setText(o.title)
        self.places.setValue(o.places)
        self.start_date.set_value(o.start_date)
        self.end_date.set_value(o.end_date)
        self.closing_date.set_value(o.closing_date)
        self.pay.set_pence(o.pay_pence_per_hour)
        self.hours.setValue(o.hours_per_week or 0)
        self.location.setText(o.location or "")
        self.sector.setText(o.sector or "")
        self.requirements.setPlainText(o.requirements or "")
        self.needs_right_to_work.setChecked(o.needs_right_to_work)
        self.dbs_level.set_value(o.dbs_level)
        self.english_level.set_value(o.english_level)
        self.ring_fenced.setChecked(o.ring_fenced)

    def values(self) -> dict[str, Any]:
        return {
            "type": self.type.value(),
            "title": self.title.text(),
            "places": self.places.value(),
            "start_date": self.start_date.value(),
            "end_date": self.end_date.value(),
            "closing_date": self.closing_date.value(),
            "pay_pence_per_hour": self.pay.pence(),
            "hours_per_week": self.hours.value() or None,
            "location": self.location.text(),
            "sector": self.sector.text(),
            "requirements": self.requirements.toPlainText(),
            "needs_right_to_work": self.needs_right_to_work.isChecked(),
            "dbs_level": self.dbs_level.value(),
            "english_level": self.english_level.value(),
            "ring_fenced": self.ring_fenced.isChecked(),
        }

    def save(self) -> None:
        employers = self.services.employers
        try:
            if self.opportunity is None:
                self.saved = employers.add_opportunity(employer_id=self.employer_id, **self.values())
            else:
                self.saved = employers.edit_opportunity(opportunity_id=self.opportunity.id, **self.values())
        except ValidationError as exc:
            self.errors.show(exc)
            return
        self.accept()
