"""Add or edit an opportunity: what it is, places, dates, pay, where, and what it requires."""

from __future__ import annotations

from typing import Any, TypeVar

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
from caseapp.ui.widgets.field_errors import FormArea, fit_to_screen, show_refusal
from caseapp.ui.widgets.form_dialog import add_rows, save_cancel
from caseapp.ui.widgets.money import PoundsField

DBS_LEVELS = (VettingNeed.DBS_BASIC, VettingNeed.DBS_STANDARD, VettingNeed.DBS_ENHANCED)


# The widget's own class comes back, so its methods stay known.
W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setAccessibleName(name)
    return widget


class OpportunityDialog(QDialog):
    def __init__(self, services: Services, employer_id: int, opportunity: OpportunityRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.employer_id = employer_id
        self.opportunity = opportunity
        self.setWindowTitle(self.tr("Edit opportunity") if opportunity else self.tr("Add opportunity"))
        self.type = _named(CodeCombo(StepType), self.tr("Kind of opportunity"))
        self.type.set_value(StepType.PAID_PLACEMENT)
        self.title = _named(QLineEdit(), self.tr("Title"))
        places = QSpinBox()
        places.setRange(1, 1000)
        self.places = _named(places, self.tr("Places"))
        self.start_date = _named(DateField(optional=True), self.tr("Start date"))
        self.end_date = _named(DateField(optional=True), self.tr("End date"))
        self.closing_date = _named(DateField(optional=True), self.tr("Closing date for applications"))
        self.pay = _named(PoundsField(), self.tr("Pay per hour"))
        self.pay.setSuffix(self.tr(" per hour"))
        hours = QDoubleSpinBox()
        hours.setRange(0, 60)
        hours.setDecimals(1)
        hours.setSpecialValueText(self.tr("Not known"))
        self.hours = _named(hours, self.tr("Hours per week"))
        self.location = _named(QLineEdit(), self.tr("Location"))
        self.sector = _named(QLineEdit(), self.tr("Sector"))
        requirements = QPlainTextEdit()
        requirements.setTabChangesFocus(True)
        requirements.setMinimumHeight(60)
        requirements.setPlaceholderText(self.tr("e.g. able to work outdoors; no qualifications needed"))
        self.requirements = _named(requirements, self.tr("Requirements"))
        self.needs_right_to_work = _named(QCheckBox(self.tr("Right to &work check needed")),
                                          self.tr("Right to work check needed"))
        self.needs_right_to_work.setChecked(True)
        self.dbs_level = _named(CodeCombo(DBS_LEVELS, blank=self.tr("No DBS check")), self.tr("DBS level"))
        self.english_level = _named(CodeCombo(SkillLevel, blank=self.tr("None asked for")), self.tr("English level"))
        self.ring_fenced = _named(QCheckBox(self.tr("Ring-&fenced for care leavers")),
                                  self.tr("Ring-fenced for care leavers"))

        form = QFormLayout()
        rows = [
            (self.tr("&Kind:"), "type", self.type), (self.tr("&Title:"), "title", self.title),
            (self.tr("&Places:"), "places", self.places), (self.tr("&Starts:"), "start_date", self.start_date),
            (self.tr("&Ends:"), "end_date", self.end_date),
            (self.tr("&Closing date:"), "closing_date", self.closing_date),
            (self.tr("P&ay:"), "pay_pence_per_hour", self.pay),
            (self.tr("&Hours per week:"), "hours_per_week", self.hours),
            (self.tr("&Location:"), "location", self.location), (self.tr("Secto&r:"), "sector", self.sector),
            (self.tr("Re&quirements:"), "requirements", self.requirements),
            ("", "needs_right_to_work", self.needs_right_to_work),
            (self.tr("&DBS level:"), "dbs_level", self.dbs_level),
            (self.tr("E&nglish level:"), "english_level", self.english_level),
            ("", "ring_fenced", self.ring_fenced),
        ]
        self.errors = add_rows(form, rows)
        buttons, self.save_button = save_cancel(self, self.tr("Save opportunity"))
        # With a refusal's sentences under its rows the form can be taller than a laptop
        # screen: the rows scroll, the buttons stay in view.
        self.area = FormArea(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does Enter reach it.
        self.save_button.setDefault(True)
        self.setMinimumWidth(520)
        if opportunity is not None:
            self._show(opportunity)
        self.errors.clear_when_changed()
        fit_to_screen(self)

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
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
