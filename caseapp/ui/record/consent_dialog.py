"""Record consent to share one support need being given, or withdrawn, on a date."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseapp import dates
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.services.support import NeedRecord
from caseapp.ui.widgets import confirm
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.field_errors import FieldErrors, FormArea, fit_to_screen, show_refusal


class ConsentDialog(QDialog):
    """Giving records a date and a note; withdrawing asks once more before it applies."""

    def __init__(self, services: Services, need: NeedRecord, *, withdraw: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.need = need
        self.withdraw = withdraw
        what = need.category.label
        self.setWindowTitle(self.tr("Withdraw consent") if withdraw else self.tr("Give consent to share"))
        if withdraw:
            text = self.tr("From the date below, “%1” is not shared: it drops out of every hand-off pack, "
                      "including packs already built.")
        else:
            text = self.tr("The young person agrees that “%1” and its adjustments can be shared with the "
                      "people named in a hand-off pack. They can withdraw this at any time.")
        self.explanation = QLabel(text.replace("%1", what))
        self.explanation.setWordWrap(True)
        self.on = DateField()
        self.on.set_value(services.today())
        self.on.setAccessibleName(self.tr("Date consent withdrawn") if withdraw else self.tr("Date consent given"))
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note about consent"))
        self.note.setPlaceholderText(self.tr("e.g. agreed in person at our review meeting"))
        form = QFormLayout()
        field = "withdrawn_on" if withdraw else "given_on"
        form.addRow(self.tr("&Withdrawn on:") if withdraw else self.tr("&Given on:"), self.on)
        fields: dict[str, QWidget] = {field: self.on}
        if not withdraw:
            # The service keeps a note only with consent given.
            form.addRow(self.tr("&Note:"), self.note)
            fields["note"] = self.note
        self.errors = FieldErrors(form, fields)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(self.tr("Withdraw &consent") if withdraw else self.tr("Give &consent"))
        self.save_button.setAccessibleName(self.windowTitle())
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        content = QVBoxLayout()
        content.addWidget(self.explanation)
        content.addLayout(form)
        content.addStretch()
        # A window's layout leaves out the height a refusal's wrapped sentences need: in a
        # scroll area the rows get it, pushed down rather than drawn over each other.
        self.area = FormArea(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does Enter reach it.
        self.save_button.setDefault(True)
        self.setMinimumWidth(440)
        self.errors.clear_when_changed()
        fit_to_screen(self)

    def save(self) -> None:
        support = self.services.support
        try:
            if not self.withdraw:
                self.saved = support.give_consent(need_id=self.need.id, given_on=self.on.value(),
                                                  note=self.note.text())
            else:
                if not confirm.ask(
                    self,
                    self.tr("Withdraw consent"),
                    self.tr("Withdraw consent to share “%1” from %2?")
                    .replace("%1", self.need.category.label)
                    .replace("%2", self.on.date().toString(dates.QT_DAY)),
                    self.tr("Withdraw consent"),
                ):
                    return
                self.saved = support.withdraw_consent(need_id=self.need.id, withdrawn_on=self.on.value())
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
