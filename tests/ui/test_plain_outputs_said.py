"""Where a file leaves the encryption, the app says so once, in the dialog that saves it.

A CSV, an Excel file, the OC3 return or a PDF without a password is plain on disk. Each save
dialog carries one sentence saying so (no extra box to click through), and the print dialog
offers the PDF password, which encrypts with AES-256 (PDF 2.0, revision 6).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from caseapp.reports.api import ReportKind
from caseapp.services.caseload import CaseloadFilter
from caseapp.services.registry import Services
from caseapp.ui.insight.export_caseload import export_caseload
from caseapp.ui.insight.oc3_dialog import Oc3Dialog
from caseapp.ui.printing import print_dialog
from caseapp.ui.printing.print_dialog import PrintDialog
from tests.reports.conftest import make_case


@pytest.mark.parametrize("kind", list(ReportKind))
def test_the_print_dialog_says_whether_the_pdf_will_be_encrypted(qtbot, services: Services, kind) -> None:  # type: ignore[no-untyped-def]
    case = make_case(services)
    record = {ReportKind.HAND_OFF_PACK: case.hand_off.id, ReportKind.CASE_SUMMARY: case.person.id}.get(kind)
    dialog = PrintDialog(services, kind, record_id=record)
    qtbot.addWidget(dialog)
    dialog.show()
    note = dialog.encryption_note
    assert note.isVisible() and note.accessibleName()
    assert "not encrypted" in note.text() and "anyone who can open" in note.text()
    dialog.protect.setChecked(True)
    assert "AES-256" in note.text() and "not encrypted" not in note.text()
    dialog.protect.setChecked(False)
    assert "not encrypted" in note.text()


def test_the_print_dialogs_password_encrypts_with_aes_256(  # type: ignore[no-untyped-def]
    qtbot, services: Services, monkeypatch, tmp_path: Path,
) -> None:
    out = tmp_path / "summary.pdf"
    monkeypatch.setattr(print_dialog, "ask_where", lambda parent, suggested: out)
    monkeypatch.setattr(print_dialog, "open_in_viewer", lambda path: None)
    case = make_case(services)
    dialog = PrintDialog(services, ReportKind.CASE_SUMMARY, record_id=case.person.id)
    qtbot.addWidget(dialog)
    dialog.protect.setChecked(True)
    dialog.password.setText("a long pdf password")
    dialog.confirm.setText("a long pdf password")
    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        dialog.start()
    encrypt = PdfReader(out).trailer["/Encrypt"].get_object()
    assert (encrypt["/V"], encrypt["/R"], encrypt["/Length"]) == (5, 6, 256)


def test_the_caseload_export_says_in_its_save_dialog_that_the_file_is_not_encrypted(  # type: ignore[no-untyped-def]
    qtbot, services: Services, monkeypatch, tmp_path: Path,
) -> None:
    asked: list[str] = []

    def choose(parent, title, suggested, filters, *a):  # type: ignore[no-untyped-def]
        asked.append(title)
        return str(tmp_path / "caseload.csv"), "CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    assert export_caseload(None, services, filter=CaseloadFilter.ALL, mine=False) == tmp_path / "caseload.csv"
    [title] = asked
    assert title.startswith("Export caseload") and "not encrypted" in title


def test_the_return_dialog_says_its_files_are_not_encrypted(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    dialog = Oc3Dialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    note = dialog.plain_note
    assert note.isVisible() and note.accessibleName()
    assert "not encrypted" in note.text()
