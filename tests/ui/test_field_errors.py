"""A refusal's sentence sits under the field it names, also when that field shares its row
with others (a date beside its time, a status beside its start date)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from caseapp.services.errors import ValidationError
from caseapp.ui.record.checkins_tab import CheckInsTab
from caseapp.ui.record.situation_box import SituationBox
from caseapp.ui.widgets.field_errors import FieldErrors


def _row_of(form: QFormLayout, widget: QWidget) -> int:
    return form.getWidgetPosition(widget)[0]


def test_a_field_inside_a_rows_own_layout_gets_its_sentence_under_that_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    form = QFormLayout(host)
    first, status, start = QLineEdit(), QComboBox(), QLineEdit()
    form.addRow("First:", first)
    row = QHBoxLayout()
    row.addWidget(status)
    row.addWidget(start)
    form.addRow("Status:", row)
    errors = FieldErrors(form, {"first": first, "start": start})
    errors.show(ValidationError({"start": "Give the day it started."}))
    label = next(lbl for lbl in host.findChildren(QWidget) if getattr(lbl, "text", None)
                 and lbl.text() == "Give the day it started.")
    # Rows: First, its problem, Status, the start date's problem.
    assert _row_of(form, label) == 3
    assert _row_of(form, errors._labels["first"]) == 1


def test_check_in_and_situation_problems_sit_under_their_rows(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    tab = CheckInsTab(services, person.id)
    qtbot.addWidget(tab)
    form = tab.errors._labels["method"].parentWidget().layout()
    assert isinstance(form, QFormLayout)
    when_row = next(r for r in range(form.rowCount())
                    if form.itemAt(r, QFormLayout.ItemRole.FieldRole)
                    and form.itemAt(r, QFormLayout.ItemRole.FieldRole).layout() is not None
                    and any(form.itemAt(r, QFormLayout.ItemRole.FieldRole).layout().itemAt(i).widget() is tab.method
                            for i in range(form.itemAt(r, QFormLayout.ItemRole.FieldRole).layout().count())))
    assert _row_of(form, tab.errors._labels["method"]) > when_row
    box = SituationBox(services, person.id)
    qtbot.addWidget(box)
    assert all(_row_of(label.parentWidget().layout(), label) > 0 for label in box.errors._labels.values())
