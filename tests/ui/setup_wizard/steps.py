"""Steps through the set-up wizard as a worker takes them, and what it prints."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from caseapp.models.codes import WorkerRole
from caseapp.ui.setup_wizard import SetupWizard

NAME = "Semhar Tekle"
STRONG = "violet kettle orbit marsh"
NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
CANCEL = QWizard.WizardButton.CancelButton
COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton


def click(qtbot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:  # type: ignore[no-untyped-def]
    button = wizard.button(which)
    assert button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def to_passphrase_page(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(wizard.welcome.name, NAME)
    wizard.welcome.role.set_value(WorkerRole.PERSONAL_ADVISER)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.PAGE_PASSPHRASE


def type_passphrase(qtbot, wizard: SetupWizard, passphrase: str, confirm: str | None = None) -> None:  # type: ignore[no-untyped-def]
    fields = wizard.passphrase.fields
    fields.passphrase.clear()
    fields.confirm.clear()
    qtbot.keyClicks(fields.passphrase, passphrase)
    qtbot.keyClicks(fields.confirm, passphrase if confirm is None else confirm)


def create(qtbot, wizard: SetupWizard) -> str:  # type: ignore[no-untyped-def]
    """Through to the recovery key page; returns the key as shown."""
    to_passphrase_page(qtbot, wizard)
    type_passphrase(qtbot, wizard, STRONG)
    click(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.PAGE_RECOVERY_KEY, timeout=15_000)
    return wizard.recovery.key.text()


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
