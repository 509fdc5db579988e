"""`caseapp report ...` run for real in a subprocess, as a script would run it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from caseapp.store import Store
from tests.cli.test_cli import assert_plain_failure, caseapp
from tests.conftest import CHEAP, PASSPHRASE
from tests.reports.conftest import SHARED, WITHDRAWN, WITHHELD, Case, all_text, assert_every_page_marked, make_case
from tests.services.conftest import services_for

PDF_PASSWORD = "a long pdf password"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("report-home")


@pytest.fixture(scope="module")
def filled(home: Path) -> tuple[Path, Case]:
    """A caseload with one young person starting a placement; module-wide, read-mostly."""
    store, _ = Store.create(home / "data", PASSPHRASE, kdf=CHEAP)
    try:
        case = make_case(services_for(store))
    finally:
        store.close(backup=False)
    (home / "pass.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    (home / "pdfpass.txt").write_text(PDF_PASSWORD + "\n", encoding="utf-8")
    return home, case


def report(home: Path, *args: object):  # type: ignore[no-untyped-def]
    return caseapp("report", *args, "--passphrase-file", home / "pass.txt", home=home)


def test_caseload_report(filled) -> None:
    home, _case = filled
    out = home / "caseload.pdf"
    result = report(home, "caseload", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Saved" in result.stdout
    assert "Caseload report" in all_text(out)
    assert_every_page_marked(out, printed=_today())


def test_case_summary_with_sections(filled) -> None:
    home, case = filled
    out = home / "person.pdf"
    result = report(home, "person", case.person.id, "--out", out, "--sections", "profile,support")
    assert result.returncode == 0, result.stderr
    text = all_text(out)
    assert "Support and consent" in text and "Check-ins" not in text


def test_hand_off_pack_with_items_and_a_password(filled) -> None:
    home, case = filled
    out = home / "pack.pdf"
    result = report(
        home, "handoff", case.hand_off.id, "--out", out, "--items", str(case.shared.id),
        "--pdf-password-file", home / "pdfpass.txt",
    )
    assert result.returncode == 0, result.stderr
    assert "protected" in result.stdout
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.trailer["/Encrypt"]["/R"] == 6
    text = all_text(out, PDF_PASSWORD)
    assert SHARED in text and WITHHELD not in text and WITHDRAWN not in text


def test_a_withdrawn_item_is_refused_in_one_sentence(filled) -> None:
    home, case = filled
    out = home / "refused.pdf"
    result = report(home, "handoff", case.hand_off.id, "--out", out, "--items", f"{case.shared.id},{case.withdrawn.id}")
    message = assert_plain_failure(result, 1)
    assert "no consent to share in force today" in message
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("person", "999", "--out", "x.pdf"), 1, "no longer exists"),
        (("person", "1", "--out", "x.pdf", "--sections", "diary"), 2, "--sections takes"),
        (("handoff", "1", "--out", "x.pdf", "--items", "one"), 2, "--items takes"),
        (("caseload", "--out", "missing/x.pdf"), 1, "does not exist"),
        (("caseload",), 2, "--out"),
        ((), 2, "Say which document"),
    ],
)
def test_mistakes_get_one_plain_sentence(filled, args, code, words) -> None:
    home, _case = filled
    result = report(home, *args)
    assert words in assert_plain_failure(result, code)
    assert not (home / "x.pdf").exists()


@pytest.mark.parametrize("document", ["person", "handoff"])
@pytest.mark.parametrize("number", ["99999999999999999999", "9223372036854775808", "0"])
def test_a_record_number_out_of_range_gets_a_sentence(filled, document, number) -> None:
    home, _case = filled
    result = report(home, document, number, "--out", "x.pdf")
    message = assert_plain_failure(result, 2)
    assert "record number" in message and "unexpected" not in message
    assert not (home / "x.pdf").exists()


def test_a_file_name_too_long_for_the_disk_gets_its_own_sentence(filled) -> None:
    home, _case = filled
    result = report(home, "caseload", "--out", "c" * 300 + ".pdf")
    message = assert_plain_failure(result, 1)
    assert "too long" in message and "ccc" not in message and "unexpected" not in message
    assert [p.name for p in home.iterdir() if p.name.startswith(".caseapp")] == []


def test_a_pdf_without_a_password_says_on_stderr_that_it_is_not_encrypted(filled) -> None:
    home, case = filled
    result = report(home, "person", case.person.id, "--out", home / "plain.pdf")
    assert result.returncode == 0, result.stderr
    [notice] = result.stderr.strip().splitlines()  # said once
    assert "not encrypted" in notice and "--pdf-password-file" in notice
    protected = report(home, "person", case.person.id, "--out", home / "protected.pdf",
                       "--pdf-password-file", home / "pdfpass.txt")
    assert protected.returncode == 0 and protected.stderr == ""


def test_a_wrong_passphrase_fails_plainly(filled) -> None:
    home, _case = filled
    (home / "wrong.txt").write_text("not the passphrase at all\n", encoding="utf-8")
    result = caseapp("report", "caseload", "--out", home / "w.pdf", "--passphrase-file", home / "wrong.txt", home=home)
    assert_plain_failure(result, 1)
    assert not (home / "w.pdf").exists()


def _today() -> str:
    from datetime import date

    return f"{date.today():%d/%m/%Y}"
