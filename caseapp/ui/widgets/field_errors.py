"""Shows a service's ValidationError beside the fields it names."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from caseapp.services.errors import ValidationError


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    # Bold with the palette's highlight colour: readable in light and dark themes.
    label.setStyleSheet("color: palette(highlight); font-weight: bold;")
    label.hide()
    return label


class FieldErrors:
    """One hidden label under each field of a form, plus one for problems with no field."""

    def __init__(self, form: QFormLayout, fields: dict[str, QWidget]) -> None:
        self.fields = fields
        self._labels: dict[str, QLabel] = {}
        for name, widget in fields.items():
            row = form.getWidgetPosition(widget)[0]
            label = error_label()
            label.setAccessibleName(widget.accessibleName() + " problem")
            form.insertRow(row + 1, "", label)
            self._labels[name] = label
        self.general = error_label()
        form.addRow(self.general)

    def clear(self) -> None:
        for label in (*self._labels.values(), self.general):
            label.clear()
            label.hide()

    def show(self, error: ValidationError) -> None:
        self.clear()
        leftover = []
        first: QWidget | None = None
        for field, sentence in error.problems.items():
            label = self._labels.get(field)
            if label is None:
                leftover.append(sentence)
                continue
            label.setText(sentence)
            label.show()
            if first is None:
                first = self.fields[field]
        if leftover:
            self.general.setText(" ".join(leftover))
            self.general.show()
        if first is not None:
            first.setFocus()

    def text(self, field: str) -> str:
        return self._labels.get(field, self.general).text()
