"""A new passphrase typed twice, with a live strength meter; shared by set-up and recovery.

Also the label that shows a problem beside a field, in a colour that reads as "problem" on
light and dark themes alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from caseapp.services.errors import ValidationError
from caseapp.services.passphrase_policy import Assessment, assess, check_new_passphrase
from caseapp.ui.widgets.field_errors import error_label

# Typing pauses this long before zxcvbn runs again, so fast typing never stutters.
ASSESS_DELAY_MS = 150


def problem_label(widget_name: str) -> QLabel:
    """A hidden, word-wrapped label for the problem with one field."""
    label = error_label()
    label.setAccessibleName(label.tr("Problem with %1").replace("%1", widget_name))
    return label


def show_problem(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class PassphraseFields(QWidget):
    """Passphrase and confirmation; `check()` shows every problem beside its field."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_inputs: list[str] = []
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("New passphrase again"))
        self.reveal = QCheckBox(self.tr("Sho&w what I type"))
        self.reveal.setAccessibleName(self.tr("Show the passphrase as it is typed"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setValue(0)
        # The word sits beside the bar: drawn across the bar it is hard to read half-filled.
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(12)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.meter_text = QLabel()
        self.meter_text.setMinimumWidth(140)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName(self.tr("Advice on the passphrase"))
        self.passphrase_problem = problem_label(self.passphrase.accessibleName())
        self.confirm_problem = problem_label(self.confirm.accessibleName())

        # Public so a screen can put its own rows in line with these.
        self.form = form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("New &passphrase:"), self.passphrase)
        form.addRow("", self.passphrase_problem)
        strength = QHBoxLayout()
        strength.addWidget(self.meter, 1)
        strength.addWidget(self.meter_text)
        form.addRow(self.tr("Strength:"), strength)
        form.addRow("", self.feedback)
        form.addRow(self.tr("Type it &again:"), self.confirm)
        form.addRow("", self.confirm_problem)
        form.addRow("", self.reveal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ASSESS_DELAY_MS)
        self._timer.timeout.connect(self.assess_now)
        self.passphrase.textChanged.connect(self._typed)
        self.confirm.textChanged.connect(self._confirm_typed)
        self.reveal.toggled.connect(self._reveal)
        self.assess_now()

    # -- what callers use ----------------------------------------------------------------

    def set_user_inputs(self, words: Sequence[str]) -> None:
        """Words a guesser would try first: the worker's name, the folder's name."""
        self._user_inputs = [w for w in words if w]
        self.assess_now()

    def text(self) -> str:
        return self.passphrase.text()

    def check(self) -> bool:
        """True if acceptable; otherwise the problems are shown and focus goes to the first."""
        try:
            check_new_passphrase(self.passphrase.text(), self.confirm.text(), user_inputs=self._user_inputs)
        except ValidationError as exc:
            show_problem(self.passphrase_problem, exc.problems.get("passphrase", ""))
            self.assess_now()  # its advice, less what the problem already says
            show_problem(self.confirm_problem, exc.problems.get("confirm", ""))
            (self.passphrase if "passphrase" in exc.problems else self.confirm).setFocus()
            return False
        show_problem(self.passphrase_problem, "")
        show_problem(self.confirm_problem, "")
        return True

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()
        show_problem(self.passphrase_problem, "")
        show_problem(self.confirm_problem, "")

    def set_busy(self, busy: bool) -> None:
        for widget in (self.passphrase, self.confirm, self.reveal):
            widget.setEnabled(not busy)

    # -- behaviour -----------------------------------------------------------------------

    def _typed(self) -> None:
        # A problem about the old text no longer applies to the new.
        show_problem(self.passphrase_problem, "")
        self._timer.start()
        self.edited.emit()

    def _confirm_typed(self) -> None:
        show_problem(self.confirm_problem, "")
        self.edited.emit()

    def _reveal(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.confirm.setEchoMode(mode)

    def assess_now(self) -> Assessment:
        self._timer.stop()
        text = self.passphrase.text()
        assessment = assess(text, user_inputs=self._user_inputs)
        words = [
            self.tr("Very weak"),
            self.tr("Weak"),
            self.tr("Not strong enough"),
            self.tr("Strong"),
            self.tr("Very strong"),
        ]
        self.meter.setValue(assessment.score if text else 0)
        word = words[assessment.score] if text else self.tr("Nothing typed yet")
        self.meter_text.setText(word)
        self.meter.setAccessibleDescription(word)
        if not text:
            self.feedback.setText(
                self.tr("Use a few unrelated words that mean something only to you, at least 12 characters.")
            )
            return assessment
        lines = [
            self.tr("Someone with a copy of the caseload files might guess it in %1.").replace(
                "%1", assessment.crack_time
            )
        ]
        lines.append(assessment.warning)
        lines.extend(assessment.suggestions)
        shown = self.passphrase_problem.text() if self.passphrase_problem.isVisibleTo(self) else ""
        self.feedback.setText(" ".join(line for line in lines if line and line not in shown))
        return assessment
