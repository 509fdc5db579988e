"""`caseapp export oc3` and `caseapp export caseload`, run for real as a council's data team would."""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from caseapp.models import AuditEvent, YoungPerson
from caseapp.models.codes import AuditAction
from caseapp.services.caseload import CaseloadService
from caseapp.services.checkins import CheckInService
from caseapp.services.exports import CASELOAD_HEADERS, caseload_cells, formula_safe
from caseapp.services.people import PeopleService
from caseapp.services.workers import WorkersService
from caseapp.store import Store
from tests.cli.test_cli import assert_plain_failure, caseapp, secret_file
from tests.conftest import CHEAP, PASSPHRASE

YEAR = 2026  # the year ending 31 March 2026: finished, whatever day the tests run
NAMES = ("Semhar", "Tekle", "Thảo", "Nguyễn", "Dritë", "Çela")


def run(*args: object, home: Path):  # type: ignore[no-untyped-def]
    result = caseapp(*args, home=home)
    for name in NAMES:  # people are named by id only
        assert name not in result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("cli-exports") / "data"
    store, _recovery = Store.create(folder, PASSPHRASE, kdf=CHEAP)
    try:
        worker = WorkersService(store).add_worker(name="Alex Morgan", role="employability_worker")
        people = PeopleService(store, actor_id=worker.id)
        checkins = CheckInService(store, actor_id=worker.id)
        ids = {}
        for key, given, family, born, child in (
            ("ready", "Semhar", "Tekle", date(2006, 9, 15), "C1"),
            ("no_home", "Thảo", "Nguyễn", date(2006, 10, 15), "C2"),
        ):
            person = people.add_young_person(
                given_name=given, family_name=family, date_of_birth=born, sex="F", child_ref=child,
                care_leaver_category="former_relevant", referral_date=date(born.year + 16, born.month, born.day),
                worker_id=worker.id,
            )
            sixteen = date(born.year + 16, born.month, born.day)
            people.set_eet_status(person_id=person.id, status="G5", start_date=sixteen)
            if key == "ready":
                people.set_accommodation(person_id=person.id, type="U", suitable=True, start_date=sixteen)
            checkins.record_check_in(person_id=person.id, happened_at=datetime(2025, born.month, 1, 10),
                                     method="phone", outcome="spoke")
            ids[key] = person.id
        # not in the return
        people.add_young_person(
            given_name="Dritë", family_name="Çela", date_of_birth=date(2010, 1, 1), worker_id=worker.id
        )
    finally:
        store.close(backup=False)
    return folder, ids


@pytest.fixture
def home(template, tmp_path: Path) -> Path:
    shutil.copytree(template[0], tmp_path / "data", ignore=shutil.ignore_patterns("backups"))
    secret_file(tmp_path, "pass.txt", PASSPHRASE)
    (tmp_path / "out").mkdir()
    return tmp_path


def exports_audited(home: Path) -> list[AuditEvent]:
    store = Store(home / "data")
    store.unlock(PASSPHRASE)
    try:
        with store.read_session() as s:
            return list(s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORTED)))
    finally:
        store.close(backup=False)


def test_oc3_with_problems_lists_them_and_writes_nothing(home: Path, template) -> None:
    _folder, ids = template
    result = run(
        "export", "oc3", "--year", YEAR, "--out", home / "out", "--passphrase-file", home / "pass.txt", home=home
    )
    message = assert_plain_failure(result, 1)
    assert "Nothing was written" in message and "--anyway" in message
    assert (
        f"person {ids['no_home']}: No accommodation is recorded on their 19th birthday (15/10/2025)." in result.stdout
    )
    assert f"person {ids['ready']}:" not in result.stdout
    assert list((home / "out").iterdir()) == [] and exports_audited(home) == []


def test_oc3_anyway_writes_both_files_with_blanks(home: Path) -> None:
    result = run("export", "oc3", "--year", YEAR, "--out", home / "out", "--anyway",
                 "--passphrase-file", home / "pass.txt", home=home)
    assert result.returncode == 0, result.stderr
    assert "This is a draft with 1 problem(s) outstanding: it will not pass the DfE's validation" in result.stdout
    assert "Left blank: IN_TOUCH, ACTIV and ACCOM for 1 young person." in result.stdout
    header = (home / "out" / "SSDA903_2025-26_Header.csv").read_text(encoding="utf-8").splitlines()
    oc3 = (home / "out" / "SSDA903_2025-26_OC3.csv").read_text(encoding="utf-8").splitlines()
    assert header == ["CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", "C1,F,15/09/2006,,,,", "C2,F,15/10/2006,,,,"]
    assert oc3 == ["CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", "C1,15/09/2006,YES,G5,U1", "C2,15/10/2006,,,"]
    [event] = exports_audited(home)
    assert event.entity == "oc3_return" and event.changes["problems"] == [None, 1]


def test_oc3_refusals(home: Path) -> None:
    for args, words in (
        (("--year", "1990", "--out", home / "out"), "only from 2024-25"),
        (("--year", "2024", "--out", home / "out"), "earlier years used other Header codes for SEX"),
        (("--year", "2101", "--out", home / "out"), "between 2025 and 2100"),
        (("--year", str(YEAR), "--out", home / "missing"), "does not exist"),
    ):
        result = run("export", "oc3", *args, "--passphrase-file", home / "pass.txt", home=home)
        assert words in assert_plain_failure(result, 1)
    assert_plain_failure(run("export", "oc3", "--out", home / "out", home=home), 2)  # no --year
    assert_plain_failure(run("export", home=home), 2)


def test_oc3_draft_with_identity_problems_says_what_is_blank(home: Path, template) -> None:
    _folder, ids = template
    store = Store(home / "data")
    store.unlock(PASSPHRASE)
    try:
        with store.session() as s:  # as an old import might have left it
            s.get(YoungPerson, ids["ready"]).child_ref = None
    finally:
        store.close(backup=False)
    result = run("export", "oc3", "--year", YEAR, "--out", home / "out", "--anyway",
                 "--passphrase-file", home / "pass.txt", home=home)
    assert result.returncode == 0, result.stderr
    oc3 = (home / "out" / "SSDA903_2025-26_OC3.csv").read_text(encoding="utf-8").splitlines()
    assert oc3[1:] == [",15/09/2006,YES,G5,U1", "C2,15/10/2006,,,"]  # codes known, CHILD not
    assert "This is a draft with 2 problem(s) outstanding" in result.stdout
    assert "Left blank: IN_TOUCH, ACTIV and ACCOM for 1 young person; CHILD for 1 young person." in result.stdout


def test_oc3_help_says_what_a_draft_leaves_blank(home: Path) -> None:
    words = " ".join(run("export", "oc3", "--help", home=home).stdout.split())
    assert "a draft despite problems, which the DfE will not accept" in words
    assert "(CHILD, SEX, or IN_TOUCH, ACTIV and ACCOM together)" in words


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


@pytest.mark.parametrize("shown", ["all", "neet"])
def test_caseload_csv_and_xlsx_equal_the_caseload_service(home: Path, shown: str) -> None:
    for kind in ("csv", "xlsx"):
        result = run("export", "caseload", "--format", kind, "--filter", shown, "--out", home / "out" / f"c.{kind}",
                     "--passphrase-file", home / "pass.txt", home=home)
        assert result.returncode == 0, result.stderr
    store = Store(home / "data")
    store.unlock(PASSPHRASE)
    try:
        rows = [caseload_cells(r) for r in CaseloadService(store).caseload(filter=shown)]
    finally:
        store.close(backup=False)
    assert rows
    assert read_csv(home / "out" / "c.csv") == [
        list(CASELOAD_HEADERS), *[[str(formula_safe(v)) for v in r] for r in rows]
    ]
    sheet = load_workbook(home / "out" / "c.xlsx").active
    got = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    assert got == [list(CASELOAD_HEADERS), *[list(r) for r in rows]]
    assert len(exports_audited(home)) == 2


def test_caseload_refusals(home: Path) -> None:
    result = run("export", "caseload", "--format", "pdf", "--out", home / "out" / "c.pdf", home=home)
    assert_plain_failure(result, 2)
    result = run("export", "caseload", "--format", "csv", "--out", home / "missing" / "c.csv",
                 "--passphrase-file", home / "pass.txt", home=home)
    assert "does not exist" in assert_plain_failure(result, 1)


def _device(path: Path) -> bool:
    """A character device like /dev/full at `path`, where this user may make one."""
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 7))
    except (AttributeError, OSError):
        return False
    return True


@pytest.mark.parametrize("obstacle", ["link", "pipe", "device"])
def test_caseload_export_over_a_link_pipe_or_device_is_refused(home: Path, obstacle: str) -> None:
    (home / "notes.txt").write_bytes(b"kept as it is")
    target = home / "out" / "c.csv"
    if obstacle == "link":
        target.symlink_to(home / "notes.txt")
    elif obstacle == "pipe":
        os.mkfifo(target)
    elif not _device(target):
        pytest.skip("making a device node needs an administrator")
    kind = stat.S_IFMT(os.lstat(target).st_mode)
    result = run("export", "caseload", "--format", "csv", "--out", target,
                 "--passphrase-file", home / "pass.txt", home=home)
    assert "caseapp saves only to an ordinary file or a new name" in assert_plain_failure(result, 1)
    assert stat.S_IFMT(os.lstat(target).st_mode) == kind
    assert (home / "notes.txt").read_bytes() == b"kept as it is"
    assert [p.name for p in (home / "out").iterdir()] == ["c.csv"]
    assert exports_audited(home) == []


def test_the_return_is_not_written_over_a_link(home: Path) -> None:
    (home / "notes.txt").write_bytes(b"kept as it is")
    header = home / "out" / f"SSDA903_{YEAR - 1}-{str(YEAR)[2:]}_Header.csv"
    header.symlink_to(home / "notes.txt")
    result = run("export", "oc3", "--year", YEAR, "--out", home / "out", "--anyway",
                 "--passphrase-file", home / "pass.txt", home=home)
    assert "choose another folder" in assert_plain_failure(result, 1)
    assert header.is_symlink() and (home / "notes.txt").read_bytes() == b"kept as it is"
    assert [p.name for p in (home / "out").iterdir()] == [header.name]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "oc3"])
def test_a_saved_export_says_on_stderr_that_it_is_not_encrypted(home: Path, kind: str) -> None:
    if kind == "oc3":
        args = ("export", "oc3", "--year", YEAR, "--out", home / "out", "--anyway")
    else:
        args = ("export", "caseload", "--format", kind, "--out", home / "out" / f"c.{kind}")
    result = run(*args, "--passphrase-file", home / "pass.txt", home=home)
    assert result.returncode == 0, result.stderr
    [notice] = result.stderr.strip().splitlines()  # said once
    assert "not encrypted" in notice and "anyone who can open" in notice
    assert "not encrypted" not in result.stdout


@pytest.mark.parametrize("what", ["oc3", "caseload"])
def test_a_name_too_long_for_the_disk_gets_its_own_sentence(home: Path, what: str) -> None:
    long = home / "out" / ("x" * 300)
    if what == "oc3":
        args = ("export", "oc3", "--year", YEAR, "--out", long, "--anyway")
    else:
        args = ("export", "caseload", "--format", "csv", "--out", f"{long}.csv")
    result = run(*args, "--passphrase-file", home / "pass.txt", home=home)
    message = assert_plain_failure(result, 1)
    assert "too long" in message and "xxx" not in message
    assert list((home / "out").iterdir()) == []
