"""Printing from the app: choices, the PDF saved where asked, opened to print, nothing left over."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseapp.reports.api import ReportKind
from caseapp.reports.sections import Section
from caseapp.services.registry import Services
from caseapp.ui.printing import print_dialog
from caseapp.ui.printing.print_dialog import PrintDialog
from tests.reports.conftest import MARKING, SHARED, WITHDRAWN, WITHHELD, all_text, make_case


@pytest.fixture
def printing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict:
    """Where the save dialog answers, and which files were handed to the viewer."""
    state: dict = {"out": tmp_path / "out" / "chosen.pdf", "opened": []}
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(
        print_dialog, "ask_where", lambda parent, suggested: state.setdefault("suggested", suggested) and state["out"]
    )
    monkeypatch.setattr(print_dialog, "open_in_viewer", lambda path: state["opened"].append(path))
    return state


def run(qtbot, dialog: PrintDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        dialog.start()


def test_hand_off_pack_prints_only_the_ticked_consented_needs(qtbot, services: Services, printing) -> None:  # type: ignore[no-untyped-def]
    case = make_case(services)
    services.workers.edit_worker(worker_id=services.worker_id, phone="07700 900123")  # reachable: no warning
    dialog = PrintDialog(services, ReportKind.HAND_OFF_PACK, record_id=case.hand_off.id)
    qtbot.addWidget(dialog)
    assert dialog.choices[case.shared.id].isChecked() and dialog.choices[case.withheld.id].isChecked()
    assert not dialog.choices[case.withdrawn.id].isEnabled()
    assert not dialog.choices[case.never.id].isEnabled()
    dialog.choices[case.withheld.id].setChecked(False)
    run(qtbot, dialog)

    assert printing["opened"] == [printing["out"]]
    assert "Zo" not in printing["suggested"].name and printing["suggested"].name.startswith("handoff-pack-")
    text = all_text(printing["out"])
    assert SHARED in text and WITHHELD not in text and WITHDRAWN not in text
    assert text.count(MARKING) >= 2
    [logged] = services.handoffs.list_disclosures(person_id=case.person.id)
    assert any(SHARED in item for item in logged.items)
    assert not any(WITHHELD in item for item in logged.items)
    assert sorted(p.name for p in printing["out"].parent.iterdir()) == ["chosen.pdf"]


def test_case_summary_with_chosen_sections_and_a_password(qtbot, services: Services, printing) -> None:  # type: ignore[no-untyped-def]
    case = make_case(services)
    dialog = PrintDialog(services, ReportKind.CASE_SUMMARY, record_id=case.person.id)
    qtbot.addWidget(dialog)
    dialog.choices[Section.CHECK_INS].setChecked(False)
    dialog.protect.setChecked(True)
    dialog.password.setText("a long pdf password")
    dialog.confirm.setText("a different one")
    dialog.start()
    assert dialog.problem.text() == "The two passwords differ."
    dialog.confirm.setText("a long pdf password")
    run(qtbot, dialog)
    text = all_text(printing["out"], "a long pdf password")
    assert "Pathway" in text and MARKING in text


def test_caseload_report_prints(qtbot, services: Services, printing) -> None:  # type: ignore[no-untyped-def]
    make_case(services)
    dialog = PrintDialog(services, ReportKind.CASELOAD)
    qtbot.addWidget(dialog)
    run(qtbot, dialog)
    assert printing["out"].exists() and printing["suggested"].name.startswith("caseload-report-")


def test_cancelling_leaves_nothing(qtbot, services: Services, printing, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_case(services)
    dialog = PrintDialog(services, ReportKind.CASELOAD)
    qtbot.addWidget(dialog)
    # Cancel pressed before the job's first check, whatever the thread timing.
    monkeypatch.setattr(dialog.job._stop, "clear", lambda: None)
    dialog.job.cancel()
    with qtbot.waitSignal(dialog.job.failed, timeout=30_000):
        dialog.start()
    assert dialog.problem.text() == "Printing was cancelled. Nothing was saved."
    assert list(printing["out"].parent.iterdir()) == []
    assert printing["opened"] == []


def test_a_short_password_is_refused_with_a_sentence(qtbot, services: Services, printing) -> None:  # type: ignore[no-untyped-def]
    dialog = PrintDialog(services, ReportKind.CASELOAD)
    qtbot.addWidget(dialog)
    dialog.protect.setChecked(True)
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    with qtbot.waitSignal(dialog.job.failed, timeout=30_000):
        dialog.start()
    assert "8" in dialog.problem.text()
    assert list(printing["out"].parent.iterdir()) == []
