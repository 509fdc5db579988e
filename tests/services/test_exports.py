"""Caseload exports: the same rows and columns as the screen, safe CSV, Excel, and the audit trail."""

from __future__ import annotations

import csv
import errno
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AuditAction
from caseapp.services import output_files
from caseapp.services.caseload import CaseloadFilter, CaseloadService
from caseapp.services.errors import ValidationError
from caseapp.services.exports import (
    CASELOAD_HEADERS,
    ExportFailed,
    ExportService,
    caseload_cells,
    formula_safe,
    xlsx_bytes,
)
from caseapp.services.oc3 import Oc3Service
from caseapp.store import Store
from tests.conftest import DEMO_TODAY, demo_store
from tests.services.helpers import TODAY, add_person, at, audit_max_id, days_ago


def exports(svc) -> ExportService:  # type: ignore[no-untyped-def]
    return ExportService(svc.store, actor_id=svc.worker_id, today=lambda: TODAY)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the mark
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def read_xlsx(path: Path) -> list[list[object]]:
    sheet = load_workbook(path).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def as_text(rows: list[tuple]) -> list[list[str]]:
    return [[str(formula_safe(v)) for v in row] for row in rows]


@pytest.fixture
def caseload(svc):  # type: ignore[no-untyped-def]
    overdue = add_person(
        svc, given_name="Thảo", family_name="Nguyễn", own_script_name=None, referral_date=days_ago(100)
    )
    seen = add_person(svc, given_name="Semhar", family_name="Tekle", own_script_name="ሰምሃር ተኽለ")
    svc.checkins.record_check_in(person_id=seen.id, happened_at=at(days_ago(3)), method="phone", outcome="spoke")
    neet = add_person(svc, given_name="Mohamed", family_name="Elhassan", own_script_name="محمد الحسن")
    svc.people.set_eet_status(person_id=neet.id, status="G5", start_date=days_ago(30))
    svc.pathway.add_step(person_id=neet.id, type="cv_support", status="in_progress", start_date=days_ago(5))
    return overdue, seen, neet


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("shown", ["all", "neet", "overdue"])
def test_the_file_holds_what_the_screen_shows(svc, caseload, out, kind, shown) -> None:
    path = out / f"caseload.{kind}"
    result = exports(svc).export_caseload(path=path, format=kind, filter=shown)
    rows = CaseloadService(svc.store, actor_id=svc.worker_id, today=lambda: TODAY).caseload(filter=shown)
    expected = [caseload_cells(r) for r in rows]
    assert result.rows == len(rows) > 0
    if kind == "csv":
        assert read_csv(path) == [list(CASELOAD_HEADERS), *as_text(expected)]
    else:
        assert read_xlsx(path) == [list(CASELOAD_HEADERS), *[list(r) for r in expected]]


def test_cells_as_on_screen(svc, caseload) -> None:
    overdue, seen, neet = caseload
    rows = {r.person_id: caseload_cells(r) for r in CaseloadService(svc.store, today=lambda: TODAY).caseload()}
    assert rows[neet.id][:5] == ("Mohamed Elhassan", "محمد الحسن", 19, "CV support (in progress)", "NEET: other")
    assert rows[seen.id][5] == f"{days_ago(3):%d/%m/%Y}"
    assert rows[overdue.id][5] == "None yet"
    assert rows[overdue.id][6].endswith("days overdue)")


def test_only_mine(svc, caseload, out) -> None:
    add_person(svc, worker_id=None)
    result = exports(svc).export_caseload(path=out / "mine.csv", format="csv", mine=True)
    assert result.rows == 3


def test_formula_injection(svc, out) -> None:
    for n, start in enumerate(("=", "+", "-", "@")):
        add_person(svc, given_name=f"{start}HYPERLINK(\"http://x\")", family_name=f"Family{n}", preferred_name=None)
    exports(svc).export_caseload(path=out / "c.csv", format="csv")
    names = [row[0] for row in read_csv(out / "c.csv")[1:]]
    assert sorted(names) == sorted(f"'{s}HYPERLINK(\"http://x\") Family{n}" for n, s in enumerate("=+-@"))
    exports(svc).export_caseload(path=out / "c.xlsx", format="xlsx")
    sheet = load_workbook(out / "c.xlsx").active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type == "s" for c in cells)  # text, never a formula: kept exactly
    assert sorted(c.value for c in cells) == sorted(
        f"{s}HYPERLINK(\"http://x\") Family{n}" for n, s in enumerate("=+-@")
    )


def test_every_export_is_audited_without_the_file_name(svc, caseload, out) -> None:
    before = audit_max_id(svc.store)
    exports(svc).export_caseload(path=out / "Semhar notes.csv", format="csv", filter="neet")
    with svc.store.read_session() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.id > before)).all()
    assert (event.action, event.entity, event.worker_id, event.person_id) == (
        AuditAction.EXPORTED, "caseload", svc.worker_id, None
    )
    assert event.changes["format"] == [None, "csv"] and event.changes["filter"] == [None, "neet"]
    assert event.changes["rows"] == [None, 1] and event.changes["people"] == [None, [caseload[2].id]]
    assert "Semhar" not in str(event.changes)


def test_a_failed_write_records_nothing_and_leaves_nothing(svc, caseload, out, monkeypatch) -> None:
    # The disk fills up while the file is written.
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output_files.os, "fsync", full)
    target = out / "Semhar caseload.csv"
    before = audit_max_id(svc.store)
    with pytest.raises(ExportFailed) as info:
        exports(svc).export_caseload(path=target, format="csv")
    assert str(info.value) == "The file could not be written (the disk is full). Nothing was exported."
    assert audit_max_id(svc.store) == before
    assert list(out.iterdir()) == []


def test_an_export_replaces_the_file_whole(svc, caseload, out) -> None:
    target = out / "c.csv"
    target.write_bytes(b"previous")
    exports(svc).export_caseload(path=target, format="csv")
    assert read_csv(target)[0] == list(CASELOAD_HEADERS)
    assert [p.name for p in out.iterdir()] == ["c.csv"]


def test_refusals(svc, out) -> None:
    with pytest.raises(ValidationError) as info:
        exports(svc).export_caseload(path=out / "c.pdf", format="pdf", filter="everyone")
    assert set(info.value.problems) == {"format", "filter"}
    with pytest.raises(ValidationError):
        exports(svc).export_caseload(path=out / "missing" / "c.csv", format="csv")
    with pytest.raises(ValidationError):
        exports(svc).export_caseload(path=out, format="csv")




@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with demo_store(tmp_path_factory.mktemp("demo"), people=120) as store:
        yield store


@pytest.mark.parametrize("shown", list(CaseloadFilter))
def test_the_demo_caseloads_exports_match_the_caseload_service(demo, tmp_path: Path, shown) -> None:
    clock = lambda: DEMO_TODAY  # noqa: E731
    rows = CaseloadService(demo, actor_id=1, today=clock).caseload(filter=shown)
    expected = [caseload_cells(r) for r in rows]
    service = ExportService(demo, actor_id=1, today=clock)
    service.export_caseload(path=tmp_path / "c.csv", format="csv", filter=shown)
    service.export_caseload(path=tmp_path / "c.xlsx", format="xlsx", filter=shown)
    assert read_csv(tmp_path / "c.csv") == [list(CASELOAD_HEADERS), *as_text(expected)]
    assert read_xlsx(tmp_path / "c.xlsx") == [list(CASELOAD_HEADERS), *[list(r) for r in expected]]


def test_the_demo_caseload_makes_a_complete_return(demo) -> None:
    # A finished collection year: every birthday and contact window has passed.
    report = Oc3Service(demo, today=lambda: DEMO_TODAY).check(year=2026)
    assert report.lines and report.problems == ()
    assert {line.in_touch for line in report.lines} >= {"YES", "NO"}


def test_a_file_name_too_long_for_the_disk_is_refused_with_a_sentence(svc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from caseapp.services.errors import ValidationError as Refused

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Refused) as refused:
        exports(svc).export_caseload(path=out / ("x" * 300 + ".csv"), format="csv")
    assert "x" * 20 not in str(refused.value)
    assert list(out.iterdir()) == []


# Every file opened under a watched folder, whoever opens it (the audit hook sees them all,
# including files deleted again before the export returns). A hook cannot be removed, so it
# is added once and does nothing while no folder is watched.
_watched: list[str] = []
_opened_there: list[str] = []


def _note_opens(event: str, args: tuple) -> None:
    if event == "open" and _watched and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.abspath(os.fsdecode(args[0]))
        if any(path.startswith(folder) for folder in _watched):
            _opened_there.append(path)


_hooked: list[bool] = []


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_export_puts_nothing_in_the_temporary_folder(svc, caseload, out, tmp_path, monkeypatch, kind) -> None:
    temp = tmp_path / "system-temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert tempfile.gettempdir() == str(temp)
    if not _hooked:
        sys.addaudithook(_note_opens)
        _hooked.append(True)
    _opened_there.clear()
    _watched.append(str(temp.resolve()))
    try:
        exports(svc).export_caseload(path=out / f"c.{kind}", format=kind)
    finally:
        _watched.clear()
    assert _opened_there == [] and list(temp.iterdir()) == []
    # The file itself holds the named people.
    text = read_csv(out / "c.csv") if kind == "csv" else read_xlsx(out / "c.xlsx")
    assert any("Semhar Tekle" in row for row in text)


def test_the_excel_file_is_a_well_formed_workbook(tmp_path) -> None:
    data = xlsx_bytes(
        ("Name", "Age", "Note"), [("  Dritë\r\nA & <B>\x07", 19, None), ("=SUM(1)", 2.5, "x")], sheet="Caseload"
    )
    (tmp_path / "c.xlsx").write_bytes(data)
    book = load_workbook(tmp_path / "c.xlsx")
    sheet = book.active
    assert sheet.title == "Caseload" and sheet.freeze_panes == "A2"
    assert book.properties.creator == "caseapp"
    assert [c.font.b for c in sheet[1]] == [True, True, True] and not sheet["A2"].font.b
    assert sheet["A2"].value == "  Dritë\r\nA & <B>"  # kept exactly, less the control character XML cannot hold
    assert (sheet["B2"].value, sheet["B2"].data_type, sheet["C2"].value) == (19, "n", None)
    assert (sheet["A3"].value, sheet["A3"].data_type, sheet["B3"].value) == ("=SUM(1)", "s", 2.5)
