"""A save killed at the rename: audited before the file took its name, its part-file swept at the next start.

The child (tests/services/output_kill_child.py) is a real process that saves a PDF, a CSV, an
Excel file or the OC3 return and is killed with SIGKILL at the rename, so what it leaves is
what a crash leaves. The next unlock removes caseapp's own part-files from the folders caseapp
saved in, and nothing else: no file of another name, nothing in a folder it never saved in.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AuditAction
from caseapp.services import output_files
from caseapp.store import Store
from tests.cli.test_cli import caseapp, secret_file
from tests.conftest import CHEAP, PASSPHRASE
from tests.services.conftest import services_for
from tests.services.helpers import add_person

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX-only")

ROOT = Path(__file__).resolve().parents[2]
PART = re.compile(r"\.caseapp-[0-9a-f]{16}\.part")
# Names like caseapp's that are not caseapp's: never swept.
NOT_OURS = (".caseapp-notes.part", ".caseapp-0123456789abcdef.part.bak", "caseapp-0123456789abcdef.part", "keep.csv")
DESTINATIONS = {
    "pdf": "summary.pdf", "report": "caseload.pdf", "csv": "caseload.csv", "xlsx": "caseload.xlsx", "oc3": None
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sweep") / "data"
    store, _recovery = Store.create(folder, PASSPHRASE, kdf=CHEAP)
    try:
        svc = services_for(store)
        assert svc.worker_id == 1
        assert add_person(svc, given_name="Semhar", family_name="Tekle").id == 1
    finally:
        store.close(backup=False)
    return folder


@pytest.fixture
def home(template: Path, tmp_path: Path) -> Path:
    shutil.copytree(template, tmp_path / "data", ignore=shutil.ignore_patterns("backups", "caseload.lock"))
    for name in ("out", "never", "other"):
        (tmp_path / name).mkdir()
    return tmp_path


def kill_at_the_rename(kind: str, home: Path) -> Path:
    """Save `kind` into home/out in a child killed at the rename; the destination it had."""
    name = DESTINATIONS[kind]
    target = home / "out" / name if name else home / "out"
    child = subprocess.run(
        [sys.executable, "-m", "tests.services.output_kill_child", kind, str(home / "data"), str(target)],
        cwd=ROOT, input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    return target


def own_parts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if PART.fullmatch(p.name))


def put_decoys(home: Path) -> None:
    for name in NOT_OURS:
        (home / "out" / name).write_bytes(b"not caseapp's")
    # caseapp's own name, in a folder caseapp never saved in: not its business.
    (home / "never" / ".caseapp-0123456789abcdef.part").write_bytes(b"not caseapp's")


def assert_only_decoys_left(home: Path) -> None:
    assert sorted(p.name for p in (home / "out").iterdir()) == sorted(NOT_OURS)
    assert [p.name for p in (home / "never").iterdir()] == [".caseapp-0123456789abcdef.part"]


def audited(store: Store, kind: str) -> list[AuditEvent]:
    action = AuditAction.PRINTED if kind in ("pdf", "report") else AuditAction.EXPORTED
    with store.read_session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.mark.parametrize("kind", list(DESTINATIONS))
def test_a_save_killed_at_the_rename_is_audited_and_swept_at_the_next_unlock(home: Path, kind: str) -> None:
    target = kill_at_the_rename(kind, home)
    parts = own_parts(home / "out")
    # What the kill left: the finished part-file(s), owner-only, and no file under the name.
    assert len(parts) == (2 if kind == "oc3" else 1)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in parts)
    assert target.is_dir() if kind == "oc3" else not target.exists()
    put_decoys(home)

    store = Store(home / "data")
    store.unlock(PASSPHRASE)
    try:
        # Recorded before the file took its name: the kill came after the record.
        [event] = audited(store, kind)
        assert event.person_id == (1 if kind == "pdf" else None)
        assert output_files.remembered_folders(store) == [home / "out"]
        assert output_files.sweep_part_files(store) == len(parts)
    finally:
        store.close(backup=False)
    assert_only_decoys_left(home)


def test_the_command_line_sweeps_when_it_next_saves(home: Path) -> None:
    kill_at_the_rename("csv", home)
    assert len(own_parts(home / "out")) == 1
    put_decoys(home)
    secret_file(home, "pass.txt", PASSPHRASE)
    result = caseapp("export", "caseload", "--format", "csv", "--out", home / "other" / "c.csv",
                     "--passphrase-file", home / "pass.txt", home=home)
    assert result.returncode == 0, result.stderr
    assert_only_decoys_left(home)
    assert [p.name for p in (home / "other").iterdir()] == ["c.csv"]


def test_a_part_file_still_being_written_is_not_swept(home: Path) -> None:
    store = Store(home / "data")
    store.unlock(PASSPHRASE)
    try:
        output_files.remember_folder(store, home / "out")
        writing = output_files._Part(output_files.Output(home / "out" / "c.csv", b"rows"))
        try:
            assert output_files.sweep_part_files(store) == 0
            assert writing.path.exists()
        finally:
            writing.close()
        assert output_files.sweep_part_files(store) == 1  # its writer is gone: swept
        assert not writing.path.exists()
    finally:
        store.close(backup=False)


def test_a_link_with_a_part_file_name_is_left_alone(home: Path) -> None:
    (home / "never" / "kept.txt").write_bytes(b"kept")
    link = home / "out" / ".caseapp-0123456789abcdef.part"
    link.symlink_to(home / "never" / "kept.txt")
    store = Store(home / "data")
    store.unlock(PASSPHRASE)
    try:
        output_files.remember_folder(store, home / "out")
        assert output_files.sweep_part_files(store) == 0
    finally:
        store.close(backup=False)
    assert link.is_symlink() and (home / "never" / "kept.txt").read_bytes() == b"kept"


def test_a_folder_gone_or_unreadable_is_passed_over(home: Path) -> None:
    store = Store(home / "data")
    store.unlock(PASSPHRASE)
    try:
        output_files.remember_folder(store, home / "gone")
        output_files.remember_folder(store, home / "out")
        (home / "out" / ".caseapp-0123456789abcdef.part").write_bytes(b"left by a crash")
        assert output_files.sweep_part_files(store) == 1
        assert output_files.remembered_folders(store) == [home / "gone", home / "out"]
    finally:
        store.close(backup=False)
