"""Printing a hand-off pack that gives the line manager no way to reach the worker: the print
dialog says so, offers to add a phone or email there and then, and asks before printing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from caseapp.reports.api import ReportKind
from caseapp.services.registry import Services
from caseapp.ui.printing import print_dialog
from caseapp.ui.printing.print_dialog import PrintDialog
from caseapp.ui.worker_dialog import WorkerDialog
from tests.reports.conftest import Case, make_case
from tests.ui.conftest import Answers

MINE = "This pack gives the line manager no phone number or email to reach you."
SHOTS = Path(os.environ.get("CASEAPP_SHOTS", "/tmp/shots"))


@pytest.fixture
def case(services: Services) -> Case:
    return make_case(services)  # the young person's worker is the one printing, with no phone or email


@pytest.fixture
def saved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """The save-as window, answered: each offer noted, the PDF going to the test's folder."""
    offered: list[Path] = []

    def where(parent, suggested: Path) -> Path:  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return tmp_path / "pack.pdf"

    monkeypatch.setattr(print_dialog, "ask_where", where)
    monkeypatch.setattr(print_dialog, "open_in_viewer", lambda path: True)
    return offered


def pack_dialog(qtbot, services: Services, case: Case) -> PrintDialog:  # type: ignore[no-untyped-def]
    dialog = PrintDialog(services, ReportKind.HAND_OFF_PACK, record_id=case.hand_off.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def warned(dialog: PrintDialog) -> bool:
    return dialog.contact_warning is not None and dialog.contact_warning.isVisible()


def fill_in_worker_dialog(qtbot, dialog: PrintDialog, **fields: str) -> list[WorkerDialog]:  # type: ignore[no-untyped-def]
    """Press "Add phone or email…", type `fields` into the window it opens and save; the window seen."""
    seen: list[WorkerDialog] = []

    def fill(tries: int = 200) -> None:
        shown = QApplication.activeModalWidget()
        if not isinstance(shown, WorkerDialog):
            if tries:
                QTimer.singleShot(10, lambda: fill(tries - 1))
            return
        seen.append(shown)
        try:
            for name, value in fields.items():
                getattr(shown, name).setText(value)
            shown.save_button.click()
        finally:
            if shown.isVisible():  # a refusal kept it open: close it, so the test goes on to fail
                shown.reject()

    QTimer.singleShot(0, fill)
    try:
        dialog.contact_button.click()
    finally:
        left = QApplication.activeModalWidget()
        if isinstance(left, WorkerDialog):
            left.reject()
    return seen


def test_a_worker_with_no_phone_or_email_is_warned_with_a_way_to_add_one(  # type: ignore[no-untyped-def]
    qtbot, services: Services, case, saved,
) -> None:
    dialog = pack_dialog(qtbot, services, case)
    assert warned(dialog) and dialog.unreachable
    assert dialog.contact_note.isVisible() and dialog.contact_note.text() == MINE
    assert dialog.contact_button.isVisible() and dialog.contact_button.text() == "Add phone or &email…"
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "print-pack-contact-warning.png"))

    [opened] = fill_in_worker_dialog(qtbot, dialog, phone="07700 900123")
    assert opened.windowTitle() == "My details" and opened.worker is not None
    assert opened.worker.id == services.worker_id
    assert services.workers.get_worker(worker_id=services.worker_id).phone == "07700 900123"
    assert not warned(dialog) and not dialog.contact_note.isVisible() and not dialog.unreachable
    dialog.grab().save(str(SHOTS / "print-pack-contact-added.png"))

    # Now reachable: printing asks nothing (an unanswered question fails the test).
    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        dialog.start()
    assert len(saved) == 1


def test_cancelling_the_worker_window_keeps_the_warning(qtbot, services: Services, case, saved) -> None:  # type: ignore[no-untyped-def]
    dialog = pack_dialog(qtbot, services, case)
    seen: list[WorkerDialog] = []

    def cancel(tries: int = 200) -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, WorkerDialog):
            seen.append(shown)
            shown.reject()
        elif tries:
            QTimer.singleShot(10, lambda: cancel(tries - 1))

    QTimer.singleShot(0, cancel)
    try:
        dialog.contact_button.click()
    finally:
        left = QApplication.activeModalWidget()
        if isinstance(left, WorkerDialog):
            left.reject()
    assert len(seen) == 1
    assert warned(dialog) and dialog.unreachable and dialog.contact_note.text() == MINE


def test_printing_without_a_way_to_reach_asks_first(qtbot, services: Services, case, saved, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    dialog = pack_dialog(qtbot, services, case)
    answers.replies.append(False)
    dialog.start()
    assert answers.asked == [MINE + " The pack asks them to call if anything worries them. Print it all the same?"]
    assert saved == [] and not dialog.job.running  # no: nothing asked of the save-as window

    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        dialog.start()  # yes, print all the same
    assert len(answers.asked) == 2 and len(saved) == 1


def test_a_colleague_with_no_contact_is_named_and_edited_as_a_colleague(qtbot, services: Services, case, saved) -> None:  # type: ignore[no-untyped-def]
    services.workers.edit_worker(worker_id=services.worker_id, phone="07700 900123")  # the one printing is reachable
    colleague = services.workers.add_worker(name="Grace Okafor", role="employability_worker")
    services.people.edit_young_person(person_id=case.person.id, worker_id=colleague.id)
    dialog = pack_dialog(qtbot, services, case)
    assert warned(dialog)
    assert dialog.contact_note.text() == ("This pack gives the line manager no phone number or email to reach "
                                          "Grace Okafor, the young person's worker.")

    [opened] = fill_in_worker_dialog(qtbot, dialog, email="grace.okafor@example.org")
    assert opened.windowTitle() == "Edit colleague" and opened.worker is not None and opened.worker.id == colleague.id
    assert services.workers.get_worker(worker_id=colleague.id).email == "grace.okafor@example.org"
    assert not warned(dialog) and not dialog.unreachable


def test_a_reachable_worker_sees_no_warning_and_no_question(qtbot, services: Services, case, saved) -> None:  # type: ignore[no-untyped-def]
    services.workers.edit_worker(worker_id=services.worker_id, email="alex.morgan@example.org")
    dialog = pack_dialog(qtbot, services, case)
    assert dialog.contact_warning is not None and not dialog.contact_warning.isVisible()
    assert not dialog.contact_note.isVisible() and not dialog.contact_button.isVisible() and not dialog.unreachable
    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        dialog.start()
    assert len(saved) == 1


@pytest.mark.parametrize("kind", [ReportKind.CASE_SUMMARY, ReportKind.CASELOAD])
def test_other_documents_have_no_contact_row(qtbot, services: Services, case, kind: ReportKind) -> None:  # type: ignore[no-untyped-def]
    dialog = PrintDialog(services, kind, record_id=case.person.id if kind == ReportKind.CASE_SUMMARY else None)
    qtbot.addWidget(dialog)
    assert dialog.contact_warning is None and not dialog.unreachable
