"""Shows a service's ValidationError beside the fields it names."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, SignalInstance
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTextEdit,
    QWidget,
)

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

    def __init__(self, form: QFormLayout, fields: Mapping[str, QWidget]) -> None:
        # Its own dict: a form may add a field that shares a row (see situation_box).
        self.fields: dict[str, QWidget] = dict(fields)
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

    def clear_when_changed(self) -> FieldErrors:
        """From now on a field's sentence goes as soon as that field changes: once the worker
        has put the date right, a sentence still saying it is wrong only misleads. Sentences
        about the form as a whole stay until the next save."""
        for name, widget in self.fields.items():
            signal = _change_signal(widget)
            if signal is not None:
                signal.connect(lambda *_args, name=name: self.clear_field(name))
        return self

    def clear_field(self, field: str) -> None:
        label = self._labels.get(field)
        if label is not None:
            label.clear()
            label.hide()

    def first_shown(self) -> QLabel | None:
        """The first field's sentence on show, in the form's order."""
        return next((label for label in self._labels.values() if not label.isHidden()), None)


def _change_signal(widget: QWidget) -> SignalInstance | None:
    """The signal a field sends when its value changes, by the worker or otherwise."""
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateTimeEdit):  # dates and moments alike
        return widget.dateTimeChanged
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.valueChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    if isinstance(widget, QAbstractSpinBox):
        return widget.editingFinished
    return None


class FormArea(QScrollArea):
    """A form that scrolls only when the screen is too short for it.

    A dialog's window does not grow with the sentences shown under its fields (a window's
    layout leaves out the height that wrapped text needs), so without this the rows below a
    sentence are drawn over each other and over the buttons. Inside a scroll area the form
    always gets the height its text needs, and the buttons stay in view below it.
    """

    def __init__(self, content: QWidget | QLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if isinstance(content, QLayout):
            # The dialog's own margins are round it already.
            content.setContentsMargins(0, 0, 0, 0)
            holder = QWidget()
            holder.setLayout(content)
            content = holder
        self.setWidget(content)
        self._content = content
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the form changed its size: so does what this asks for
        return super().eventFilter(watched, event)

    def _room_for_bar(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # The whole form, not Qt's cap of a few dozen lines: the dialog decides what fits.
        content = self._content
        hint = content.sizeHint()
        height = content.heightForWidth(hint.width()) if content.hasHeightForWidth() else hint.height()
        return QSize(hint.width() + self._room_for_bar(), max(height, hint.height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # As narrow as the form can be; as short as a few rows, which then scroll.
        least = self._content.minimumSizeHint()
        return QSize(least.width() + self._room_for_bar(), min(least.height(), 6 * self.fontMetrics().height()))

    def show_sentence(self, label: QLabel | None) -> None:
        """Scroll to a sentence just shown, once the form has made room for it."""
        if label is not None:
            QTimer.singleShot(0, self, lambda: self.ensureWidgetVisible(label, 0, 20))


# What a window's frame and title bar take beyond its own area, where the platform cannot say.
_FRAME = QSize(16, 40)


def fit_to_screen(dialog: QDialog, *, grow_only: bool = False) -> None:
    """The size the dialog asks for, within the screen it opens on (a form in a FormArea
    scrolls for the rest). `grow_only`: never smaller than it is now (the worker may have
    made it bigger), as when sentences have just appeared."""
    dialog.ensurePolished()
    # Sentences just shown: the layouts' cached sizes do not know of them yet.
    for area in dialog.findChildren(FormArea):
        area.updateGeometry()
    for layout in dialog.findChildren(QLayout):
        layout.invalidate()
    host = dialog.parentWidget() or dialog
    screen = host.screen().availableGeometry()
    room = screen.size() - _FRAME
    wanted = dialog.sizeHint()
    own = dialog.layout()
    if own is not None and own.hasHeightForWidth():
        wanted.setHeight(max(wanted.height(), own.totalHeightForWidth(wanted.width())))
    size = wanted.boundedTo(room).expandedTo(dialog.minimumSizeHint())
    if grow_only and dialog.isVisible():
        size = size.expandedTo(dialog.size())
    dialog.resize(size)
    if dialog.isVisible():
        # Grown downwards past the bottom of the screen: moved up, as far as the top.
        bottom = dialog.geometry().top() + size.height() + _FRAME.height() // 2
        if bottom > screen.bottom():
            dialog.move(dialog.x(), max(screen.top(), dialog.y() - (bottom - screen.bottom())))


def show_refusal(dialog: QDialog, errors: FieldErrors, area: FormArea, error: ValidationError) -> None:
    """Each sentence under its field, the window grown for them as far as the screen allows,
    and the first of them scrolled into sight: every form dialog shows a refusal this way."""
    errors.show(error)
    fit_to_screen(dialog, grow_only=True)
    area.show_sentence(errors.first_shown())
