"""Exporting the caseload from the app: where to save, the same rows as the screen, the audit trail, failures."""

from __future__ import annotations

import csv
import os
import stat
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AuditAction
from caseapp.services.caseload import CaseloadFilter
from caseapp.services.exports import CASELOAD_HEADERS, caseload_cells
from caseapp.ui.insight.export_caseload import export_caseload
from tests.ui.record_fixtures import TODAY


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    return said


@pytest.fixture
def no_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("no file dialog should open when the path is given")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", refuse)


def expected(services, filter: CaseloadFilter, mine: bool = False) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[str(v) for v in caseload_cells(r)] for r in services.caseload.caseload(filter=filter, mine=mine)]


def exports_recorded(services) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    with services.store.read_session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORTED)))


def test_csv_has_the_screens_rows_and_is_audited(qtbot, demo, warnings, no_dialog, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    threads: list[threading.Thread] = []
    real = demo.exports.export_caseload

    def watched(**kw):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(**kw)

    monkeypatch.setattr(demo.exports, "export_caseload", watched)
    target = tmp_path / "neet.csv"
    written = export_caseload(None, demo, filter=CaseloadFilter.NEET, mine=False, path=target)
    assert written == target and warnings == []
    assert threads and threads[0] is not threading.main_thread()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(CASELOAD_HEADERS)
    assert rows[1:] == expected(demo, CaseloadFilter.NEET) and len(rows) > 5
    [event] = exports_recorded(demo)
    assert (event.entity, event.worker_id, event.person_id) == ("caseload", demo.worker_id, None)


def test_excel_through_the_save_dialog(qtbot, demo, warnings, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[tuple] = []

    def choose(parent, title, suggested, filters, *a):  # type: ignore[no-untyped-def]
        asked.append((title, suggested, filters))
        # No suffix typed: the file type chosen decides.
        return str(tmp_path / "overdue"), "Excel workbook (*.xlsx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    window = QMainWindow()
    qtbot.addWidget(window)
    written = export_caseload(window, demo, filter=CaseloadFilter.OVERDUE, mine=True)
    assert written == tmp_path / "overdue.xlsx" and warnings == []
    [(title, suggested, filters)] = asked
    assert Path(suggested).name == f"caseload-{TODAY:%Y-%m-%d}.csv"
    assert filters == "CSV (*.csv);;Excel workbook (*.xlsx)"
    sheet = load_workbook(written, read_only=True)["Caseload"]
    rows = [[("" if v is None else str(v)) for v in r] for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(CASELOAD_HEADERS)
    assert rows[1:] == expected(demo, CaseloadFilter.OVERDUE, mine=True) and len(rows) > 1
    assert len(exports_recorded(demo)) == 1
    assert window.statusBar().currentMessage().startswith(f"Caseload exported: {len(rows) - 1} young people")


def test_cancelling_the_dialog_writes_nothing(qtbot, demo, warnings, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert export_caseload(None, demo, filter=CaseloadFilter.ALL, mine=False) is None
    assert exports_recorded(demo) == [] and warnings == []


@pytest.mark.parametrize(("name", "sentence"), [
    ("missing/caseload.csv", "The folder chosen to save in does not exist."),
    ("x" * 300 + ".csv", "That file name is too long for the disk: choose a shorter one."),
])
def test_an_unwritable_path_says_why_and_leaves_nothing(  # type: ignore[no-untyped-def]
    qtbot, demo, warnings, no_dialog, tmp_path, name, sentence
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert export_caseload(None, demo, filter=CaseloadFilter.ALL, mine=False, path=folder / name) is None
    assert warnings == [sentence]
    assert list(folder.iterdir()) == []
    assert exports_recorded(demo) == []


@pytest.mark.parametrize("obstacle", ["link", "pipe"])
def test_a_link_or_a_pipe_at_the_name_is_refused_and_left_alone(  # type: ignore[no-untyped-def]
    qtbot, demo, warnings, tmp_path, monkeypatch, obstacle
) -> None:
    folder, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_bytes(b"someone else's notes")
    target = folder / "caseload.csv"
    if obstacle == "link":
        target.symlink_to(elsewhere / "notes.txt")
    else:
        os.mkfifo(target)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), "CSV (*.csv)"))
    assert export_caseload(None, demo, filter=CaseloadFilter.ALL, mine=False) is None
    [sentence] = warnings
    assert "caseapp saves only to an ordinary file or a new name" in sentence
    assert (elsewhere / "notes.txt").read_bytes() == b"someone else's notes"
    assert target.is_symlink() if obstacle == "link" else stat.S_ISFIFO(os.lstat(target).st_mode)
    assert [p.name for p in folder.iterdir()] == ["caseload.csv"]
    assert exports_recorded(demo) == []
