"""The recovery key on screen and on paper: one look and one printed page wherever a key is
shown once (set-up, and a passphrase change that makes a new key)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from caseapp.ui.passphrase_fields import show_problem


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryKey", text)


def key_label(accessible_name: str) -> QLabel:
    """Large, fixed-width, selectable by mouse and keyboard, reachable with Tab."""
    label = QLabel()
    font = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    font.setPointSizeF(max(font.pointSizeF(), 10) * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    label.setFrameShape(QLabel.Shape.StyledPanel)
    label.setMargin(12)
    label.setAccessibleName(accessible_name)
    return label


def document(key: str, made: str, notes: Iterable[str] = ()) -> QTextDocument:
    """The printed page: the key, when it was made, how to keep it, and nothing about anyone."""
    heading = _tr("caseapp recovery key")
    keep = _tr(
        "Keep this page somewhere safe and away from the laptop, such as a locked drawer. "
        "Anyone who has this key can open the caseload; without it or the passphrase, "
        "nobody can."
    )
    how = _tr(
        "If the passphrase is forgotten: on the unlock screen choose Use recovery key, "
        "type this key, and choose a new passphrase."
    )
    shown = key.replace("\n", "<br>")
    page = QTextDocument()
    page.setHtml(
        f"<h2>{heading}</h2><p>{made}</p>"
        f"<p style='font-family: monospace; font-size: 20pt; font-weight: bold'>{shown}</p>"
        + "".join(f"<p>{note}</p>" for note in (*notes, keep, how))
    )
    return page


def print_on(printer: QPrinter, page: QTextDocument) -> None:
    printer.setDocName(_tr("caseapp recovery key"))
    page.print_(printer)


def ask_and_print(parent: QWidget, page: QTextDocument, problem: QLabel) -> None:
    """The system's print dialog, then the page; a printer error is said beside the button."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    chooser = QPrintDialog(printer, parent)
    chooser.setWindowTitle(_tr("Print recovery key"))
    if chooser.exec() != QDialog.DialogCode.Accepted:
        return
    print_on(printer, page)
    failed = printer.printerState() == QPrinter.PrinterState.Error
    show_problem(
        problem,
        _tr("The recovery key could not be printed. Check the printer, or write the key down instead.")
        if failed
        else "",
    )
