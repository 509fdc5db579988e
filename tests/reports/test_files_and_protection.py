"""What leaves the laptop: clean metadata and file names, AES-256, nothing left on cancel."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from caseapp.reports import api
from caseapp.reports.progress import Progress
from caseapp.services.errors import ValidationError
from tests.reports.conftest import SHARED, ZOE, all_text, assert_every_page_marked, read_pdf
from tests.services.helpers import TODAY, add_person, at, days_ago

PASSWORD = "lantern-orchard-42"


def documents(svc, case, out_dir: Path):  # type: ignore[no-untyped-def]
    """Each document once, as the UI would print it."""
    common = {"actor_id": svc.worker_id, "today": TODAY}
    return {
        "pack": lambda **kw: api.print_hand_off_pack(
            svc.store, hand_off_id=case.hand_off.id, out=out_dir / "pack.pdf", **common, **kw
        ),
        "summary": lambda **kw: api.print_case_summary(
            svc.store, person_id=case.person.id, out=out_dir / "summary.pdf", **common, **kw
        ),
        "caseload": lambda **kw: api.print_caseload_report(svc.store, out=out_dir / "caseload.pdf", **common, **kw),
    }


@pytest.mark.parametrize("document", ["pack", "summary", "caseload"])
def test_metadata_says_what_the_document_is_and_nothing_about_whom(svc, case, out_dir, document) -> None:
    path = documents(svc, case, out_dir)[document]()
    meta = read_pdf(path).metadata
    values = {key: str(value) for key, value in meta.items()}
    assert values["/Author"] == values["/Creator"] == values["/Producer"] == "caseapp"
    assert values["/Title"].startswith("caseapp ")
    assert values["/Keywords"] == ""
    # No timestamp of when it was made: the date printed is on the page instead.
    assert values["/CreationDate"].startswith("D:2000")
    blob = " ".join(values.values())
    for personal in (ZOE, "Walker", "Sam Okoro", "Alex Morgan", "Parks", SHARED):
        assert personal not in blob
    assert b"Walker" not in path.read_bytes()[-4000:]  # trailer and info region
    assert_every_page_marked(path)


@pytest.mark.parametrize("document", ["pack", "summary", "caseload"])
def test_a_password_encrypts_with_aes_256(svc, case, out_dir, document) -> None:
    path = documents(svc, case, out_dir)[document](password=PASSWORD)
    reader = PdfReader(path)
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert (encrypt["/V"], encrypt["/R"], encrypt["/Length"]) == (5, 6, 256)
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert reader.pdf_header == "%PDF-1.7"
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not PdfReader(path).decrypt("not the password")
    assert "OFFICIAL-SENSITIVE" in all_text(path, PASSWORD)
    opened = read_pdf(path, PASSWORD)
    assert opened.trailer["/Root"]["/Extensions"]["/ADBE"]["/ExtensionLevel"] == 8
    assert_every_page_marked(path, PASSWORD)
    # Encrypted means the names are not in the file as text either.
    raw = path.read_bytes()
    assert b"Walker" not in raw and "Walker".encode("utf-16-be") not in raw


def test_a_short_password_is_refused_before_anything_is_read(svc, case, out_dir) -> None:
    with pytest.raises(ValidationError) as info:
        documents(svc, case, out_dir)["pack"](password="short")
    assert "at least 8 characters" in info.value.problems["password"]
    assert list(out_dir.iterdir()) == []
    assert svc.handoffs.list_disclosures(person_id=case.person.id) == []


def test_output_must_be_a_file_in_an_existing_folder(svc, case, out_dir) -> None:
    with pytest.raises(ValidationError) as info:
        api.print_caseload_report(svc.store, out=out_dir / "missing" / "c.pdf", today=TODAY)
    assert info.value.problems["out"] == "The folder chosen to save in does not exist."
    with pytest.raises(ValidationError) as info:
        api.print_caseload_report(svc.store, out=out_dir, today=TODAY)
    assert info.value.problems["out"] == "Choose a file name to save as, not a folder."


def test_default_file_names_carry_no_name() -> None:
    day = date(2026, 11, 22)
    assert api.default_file_name("handoff-pack", record_id=12, on=day) == "handoff-pack-2026-11-22.pdf"
    assert api.default_file_name(api.ReportKind.CASE_SUMMARY, record_id=12, on=day) == "case-summary-12-2026-11-22.pdf"
    assert api.default_file_name(api.ReportKind.CASELOAD, on=day) == "caseload-report-2026-11-22.pdf"
    for kind in api.ReportKind:
        assert re.fullmatch(r"[a-z-]+(-\d+)?-\d{4}-\d{2}-\d{2}\.pdf", api.default_file_name(kind, record_id=3))


@pytest.mark.parametrize("document", ["pack", "summary", "caseload"])
def test_cancel_leaves_nothing_and_logs_nothing(svc, case, out_dir, document) -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # part-way through laying out

    with pytest.raises(api.ReportCancelled):
        documents(svc, case, out_dir)[document](cancelled=cancelled)
    assert list(out_dir.iterdir()) == []
    assert svc.handoffs.list_disclosures(person_id=case.person.id) == []


def test_a_failure_while_laying_out_leaves_nothing(svc, case, out_dir) -> None:
    def progress(done: int, total: int) -> None:
        if done > 50:
            raise RuntimeError("the viewer went away")

    with pytest.raises(RuntimeError):
        documents(svc, case, out_dir)["pack"](progress=progress)
    assert list(out_dir.iterdir()) == []
    assert svc.handoffs.list_disclosures(person_id=case.person.id) == []


def test_a_failed_log_keeps_the_pack_from_being_saved(svc, out_dir) -> None:
    out = out_dir / "pack.pdf"

    def log() -> None:
        raise OSError("store locked")

    with pytest.raises(OSError):
        api._write(svc.store, out, b"%PDF-1.4 test", Progress(), before_replace=log)
    assert list(out_dir.iterdir()) == []


def test_an_existing_file_is_replaced_whole(svc, case, out_dir) -> None:
    (out_dir / "caseload.pdf").write_bytes(b"old")
    path = documents(svc, case, out_dir)["caseload"]()
    assert path.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out_dir.iterdir()) == ["caseload.pdf"]


@pytest.mark.parametrize("document", ["pack", "summary", "caseload"])
def test_the_marking_setting_is_printed_on_every_page(svc, case, out_dir, document) -> None:
    for n in range(60):  # enough to run the summary and the caseload report over several pages
        add_person(svc, given_name=f"Person{n}", family_name="Example", referral_date=days_ago(100))
        svc.checkins.record_check_in(
            person_id=case.person.id, happened_at=at(days_ago(60 - n)), method="phone", outcome="spoke",
            note=f"Check-in {n} about the week ahead and the travel to work.",
        )
    svc.settings.set_setting(key="print.marking", value="OFFICIAL")
    path = documents(svc, case, out_dir)[document]()
    assert_every_page_marked(path, marking="OFFICIAL")
    assert "OFFICIAL-SENSITIVE" not in all_text(path)
    if document != "pack":
        assert len(read_pdf(path).pages) > 1


@pytest.mark.parametrize("limit", [1, None])
def test_the_caseload_report_is_recorded_with_the_people_it_names(svc, out_dir, limit) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from caseapp.models import AuditEvent
    from caseapp.models.codes import AuditAction

    late = add_person(svc, given_name="Zoë", family_name="Walker", referral_date=days_ago(100))
    later = add_person(svc, given_name="Semhar", family_name="Tekle", referral_date=days_ago(200))
    seen = add_person(svc, given_name="Amna", family_name="Abdalla")
    svc.checkins.record_check_in(person_id=seen.id, happened_at=at(days_ago(2)), method="phone", outcome="spoke")
    path = api.print_caseload_report(svc.store, out=out_dir / "c.pdf", actor_id=svc.worker_id, today=TODAY,
                                     overdue_list_limit=limit)
    with svc.store.read_session() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.entity == "caseload_report")).all()
    assert (event.action, event.worker_id, event.person_id) == (AuditAction.PRINTED, svc.worker_id, None)
    named = [later.id] if limit == 1 else [later.id, late.id]  # most overdue first
    assert event.changes["people"] == [None, named]
    text = all_text(path)
    assert ("Walker" in text) == (late.id in named) and "Tekle" in text and "Abdalla" not in text
