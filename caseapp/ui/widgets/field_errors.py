"""Shows a service's ValidationError beside the fields it names."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QLayoutItem, QWidget

from caseapp.services.errors import ValidationError

# An error red that reads on either background (both meet WCAG AA contrast): deeper on
# light themes, softer on dark ones.
_ON_LIGHT, _ON_DARK = "#b3261e", "#ff8a80"


class ErrorLabel(QLabel):
    """Hidden until there is a problem to show; bold, in the red that suits the theme, and
    changing with it when the desktop switches between light and dark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.hide()
        self._follow_theme()

    def _follow_theme(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        sheet = f"color: {_ON_DARK if dark else _ON_LIGHT}; font-weight: bold;"
        # Setting a style sheet changes the palette too: only when it differs, or it never ends.
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_theme()
        super().changeEvent(event)


def error_label() -> QLabel:
    return ErrorLabel()


def _holds(item: QLayoutItem | None, widget: QWidget) -> bool:
    if item is None:
        return False
    if item.widget() is widget:
        return True
    inner = item.layout()
    return inner is not None and any(_holds(inner.itemAt(i), widget) for i in range(inner.count()))


def _row_of(form: QFormLayout, widget: QWidget) -> int:
    """The form row holding `widget`, also when it sits in a row's own layout beside other
    fields (Qt's getWidgetPosition finds only widgets placed in the form itself)."""
    for row in range(form.rowCount()):
        for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
            if _holds(form.itemAt(row, role), widget):
                return row
    raise ValueError(f"{widget.accessibleName() or widget.objectName()} is not in this form")


class FieldErrors:
    """One hidden label under each field of a form, plus one for problems with no field."""

    def __init__(self, form: QFormLayout, fields: dict[str, QWidget]) -> None:
        self.fields = fields
        self._labels: dict[str, QLabel] = {}
        for name, widget in fields.items():
            row = _row_of(form, widget)
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
