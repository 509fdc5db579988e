"""The person form is built from the field declarations (caseapp/models/fields.py): every
declared field has its row in its group, with its label, a widget of its kind named for a
screen reader, its code list to choose from, and a value that goes to the service and back."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit

from caseapp.models.fields import GROUPS, PERSON_FIELDS, Kind
from caseapp.services.registry import Services
from caseapp.ui.record.person_form import PersonForm
from caseapp.ui.record.profile_tab import ProfileTab
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField
from tests.services.person_profile import full_profile

WIDGETS = {
    Kind.LINE: QLineEdit,
    Kind.WORDS: QLineEdit,
    Kind.TEXT: QPlainTextEdit,
    Kind.CODE: CodeCombo,
    Kind.DAY: DateField,
    Kind.BIRTH_DATE: DateField,
    Kind.FLAG: QCheckBox,
    Kind.WORKER: QComboBox,
}


def test_every_declared_field_has_its_row_label_widget_and_choices(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    form = PersonForm(services.workers.list_workers())
    qtbot.addWidget(form)
    boxes = {box.title(): box for box in form.findChildren(QGroupBox)}
    assert list(boxes) == list(GROUPS)
    assert list(form.widgets) == [f.name for f in PERSON_FIELDS]
    for f in PERSON_FIELDS:
        widget = form.widgets[f.name]
        assert type(widget) is WIDGETS[f.kind] or isinstance(widget, WIDGETS[f.kind]), f.name
        layout = boxes[GROUPS[f.group]].layout()
        assert isinstance(layout, QFormLayout)
        row, _role = layout.getWidgetPosition(widget)
        assert row >= 0, f"{f.name} is not a row of {GROUPS[f.group]}"
        label = layout.labelForField(widget)
        if f.row:
            assert isinstance(label, QLabel) and label.text() == f.row, f.name
            assert label.buddy() is widget, f.name  # its shortcut reaches the field
        else:
            assert isinstance(widget, QCheckBox) and widget.text() == f.label, f.name
        assert widget.accessibleName() == (f.accessible or f.label), f.name
        if f.kind is Kind.LINE:
            assert isinstance(widget, QLineEdit) and widget.maxLength() == f.max_length, f.name
        if f.kind is Kind.CODE:
            assert isinstance(widget, CodeCombo) and f.codes is not None
            offered = [widget.itemData(i) for i in range(widget.count())]
            assert offered == ([None] if f.blank else []) + list(f.codes), f.name
            if f.blank:
                assert widget.itemText(0) == f.blank, f.name
            assert widget.value() == f.default, f.name  # an untouched box says nothing nobody recorded


def test_every_declared_field_is_shown_and_saved_through_the_profile(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    sent = full_profile(services.workers.list_workers()[0].id)
    person = services.people.add_young_person(**sent)
    tab = ProfileTab(services, person.id)
    qtbot.addWidget(tab)
    shown = tab.form.values()
    for f in PERSON_FIELDS:
        assert shown[f.name] == sent[f.name], f.name
    # What the form gives back is what the service keeps: saved unchanged, nothing moves.
    saved = services.people.edit_young_person(person_id=person.id, **shown)
    assert saved == services.people.get_young_person(person_id=person.id)
    for f in PERSON_FIELDS:
        want = tuple(sent[f.name]) if f.kind is Kind.WORDS else sent[f.name]
        assert getattr(saved, f.name) == want, f.name
