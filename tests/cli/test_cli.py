"""The `caseapp` command, run for real in a subprocess, as IT staff and scripts would run it.

One store is created with `caseapp init` per module and filled with people; tests that only
read it (or must leave it unchanged) share it, tests that change it work on a copy.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from caseapp.services.demo import DEMO_PASSPHRASE
from caseapp.services.people import PeopleService
from caseapp.store import Store, WrongPassphrase
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "a different and long passphrase"
WRONG_PASSPHRASE = "not the passphrase at all"
# Real secrets: none may ever be printed. (The demo passphrase is printed on purpose.)
SECRETS = (PASSPHRASE, NEW_PASSPHRASE, WRONG_PASSPHRASE)
PEOPLE = [("Semhar", "Tekle", "ሰምሃር ተኽለ"), ("Thảo", "Nguyễn", None), ("Dritë", "Çela", None)]
LATE_PERSON = ("Zoë", "Walker")  # added after the backup, so a restore removes her
NAMES = [part for person in (*PEOPLE, LATE_PERSON) for part in person if part]
RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}\b")
PADDED_PEOPLE = 50  # enough pages that damage in the middle of the file spares page 1


# `caseapp` with the test suite's cheap key derivation switched on (in that process only).
LAUNCHER = Path(__file__).resolve().parents[1] / "run_caseapp.py"


def caseapp(*args: object, home: Path) -> subprocess.CompletedProcess[str]:
    """Run the command with default folders under `home`, and check what it printed."""
    full_env = {
        **os.environ,
        "CASEAPP_DATA_DIR": str(home / "data"),
        "CASEAPP_DEMO_DIR": str(home / "demo"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, str(LAUNCHER), *map(str, args)],
        env=full_env,
        cwd=home,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    for secret in SECRETS:
        assert secret not in output
    for name in NAMES:
        assert name not in output
    return result


def assert_plain_failure(result: subprocess.CompletedProcess[str], code: int) -> str:
    """A failure says one plain line on stderr; returns it."""
    assert result.returncode == code, (result.returncode, result.stderr)
    message = result.stderr.strip()
    assert message, "a failure must say why"
    assert "\n" not in message, message
    assert len(message) < 300
    assert 'File "' not in message
    return message


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def secret_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


def count_people(folder: Path, passphrase: str) -> int:
    store = Store(folder)
    store.unlock(passphrase)
    try:
        return len(PeopleService(store).list_young_people())
    finally:
        store.close(backup=False)


# -- shared store -------------------------------------------------------------------------


@dataclass(frozen=True)
class Shared:
    home: Path
    folder: Path
    init: subprocess.CompletedProcess[str]
    recovery_key: str
    passphrase_file: Path
    backup: subprocess.CompletedProcess[str]
    backup_parent: Path

    @property
    def people(self) -> int:
        return len(PEOPLE) + PADDED_PEOPLE


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Shared:
    home = tmp_path_factory.mktemp("cli-shared")
    passphrase_file = secret_file(home, "passphrase.txt", PASSPHRASE)
    init = caseapp("init", "--passphrase-file", passphrase_file, home=home)
    assert init.returncode == 0, init.stderr
    keys = RECOVERY_KEY.findall(init.stdout)
    assert len(keys) == 1, init.stdout
    folder = home / "data"

    store = Store(folder)
    store.unlock(PASSPHRASE)
    try:
        service = PeopleService(store)
        for given, family, own in PEOPLE:
            service.add_young_person(
                given_name=given, family_name=family, own_script_name=own, date_of_birth=date(2006, 5, 4)
            )
        for n in range(PADDED_PEOPLE):
            service.add_young_person(
                given_name="Padding",
                family_name=f"Row{n}",
                date_of_birth=date(2005, 1, 1),
                aspirations="Wants to work outdoors. " * 80,
            )
    finally:
        store.close(backup=False)

    backup_parent = home / "offsite"
    backup = caseapp("backup", "--to", backup_parent, "--passphrase-file", passphrase_file, home=home)
    return Shared(home, folder, init, keys[0], passphrase_file, backup, backup_parent)


@pytest.fixture
def store_copy(shared: Shared, tmp_path: Path) -> Path:
    """A private copy of the shared store, as this test's default data folder."""
    folder = tmp_path / "data"
    shutil.copytree(shared.folder, folder, ignore=shutil.ignore_patterns("backups"))
    return folder


def the_backup(shared: Shared) -> Path:
    [backup] = [p for p in shared.backup_parent.iterdir() if p.name.startswith("caseapp-backup-")]
    return backup


# -- init ---------------------------------------------------------------------------------


def test_init_prints_the_recovery_key_once(shared: Shared) -> None:
    assert shared.init.stdout.count(shared.recovery_key) == 1
    assert shared.init.stderr == ""
    assert (shared.folder / "caseload.db").is_file()
    assert (shared.folder / "caseload.key").is_file()
    assert not (shared.folder / "caseload.db").read_bytes().startswith(b"SQLite format 3")


def test_init_refuses_a_short_passphrase(tmp_path: Path) -> None:
    short = secret_file(tmp_path, "short.txt", "too short")
    result = caseapp("init", "--passphrase-file", short, home=tmp_path)
    message = assert_plain_failure(result, 1)
    assert message.startswith("This passphrase is too short: use at least 12 characters.")
    assert not (tmp_path / "data").exists()


# -- failures that must leave the shared store exactly as it was -------------------------


@dataclass(frozen=True)
class Paths:
    store: Path
    passphrase: Path
    wrong: Path
    new: Path
    short: Path
    empty: Path
    missing: Path
    empty_dir: Path
    plain_file: Path
    wrong_key: Path


@pytest.fixture
def paths(shared: Shared, tmp_path: Path) -> Paths:
    (tmp_path / "empty-dir").mkdir()
    return Paths(
        store=shared.folder,
        passphrase=shared.passphrase_file,
        wrong=secret_file(tmp_path, "wrong.txt", WRONG_PASSPHRASE),
        new=secret_file(tmp_path, "new.txt", NEW_PASSPHRASE),
        short=secret_file(tmp_path, "short.txt", "short"),
        empty=secret_file(tmp_path, "empty.txt", ""),
        missing=tmp_path / "no-such-file.txt",
        empty_dir=tmp_path / "empty-dir",
        plain_file=secret_file(tmp_path, "plain.txt", "not a folder"),
        wrong_key=secret_file(tmp_path, "wrong-key.txt", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"),
    )


Args = Callable[[Paths], list[object]]
FAILURES: list[tuple[str, Args, int, str]] = [
    ("second init", lambda p: ["init", "--data-dir", p.store, "--passphrase-file", p.new],
     1, "This folder already holds a caseapp store. Nothing was changed."),
    ("wrong passphrase", lambda p: ["verify", "--data-dir", p.store, "--passphrase-file", p.wrong],
     1, "That passphrase does not open this caseload."),
    ("no passphrase and no terminal", lambda p: ["verify", "--data-dir", p.store],
     2, "No passphrase given: use --passphrase-file when not at a terminal."),
    ("passphrase file missing", lambda p: ["verify", "--data-dir", p.store, "--passphrase-file", p.missing],
     1, "The passphrase file cannot be read (No such file or directory)."),
    ("passphrase file empty", lambda p: ["verify", "--data-dir", p.store, "--passphrase-file", p.empty],
     1, "The passphrase file is empty."),
    ("no store in folder", lambda p: ["verify", "--data-dir", p.empty_dir, "--passphrase-file", p.passphrase],
     1, "This folder holds no caseapp store."),
    ("unknown subcommand", lambda p: ["frobnicate", "--data-dir", p.store],
     2, "Argument command: invalid choice: 'frobnicate'"),
    ("backup without --to", lambda p: ["backup", "--data-dir", p.store, "--passphrase-file", p.passphrase],
     2, "The following arguments are required: --to. See caseapp --help."),
    ("backup into a file", lambda p: ["backup", "--data-dir", p.store, "--passphrase-file", p.passphrase,
                                      "--to", p.plain_file],
     1, "The backup folder cannot be written to"),
    ("restore from a non-backup", lambda p: ["restore", p.empty_dir, "--data-dir", p.store,
                                             "--passphrase-file", p.passphrase],
     1, "That folder is not a caseapp backup."),
    ("new passphrase too short", lambda p: ["change-passphrase", "--data-dir", p.store,
                                            "--passphrase-file", p.passphrase, "--new-passphrase-file", p.short],
     1, "This passphrase is too short: use at least 12 characters."),
    ("new passphrase unchanged", lambda p: ["change-passphrase", "--data-dir", p.store,
                                            "--passphrase-file", p.passphrase, "--new-passphrase-file", p.passphrase],
     1, "The new passphrase is the same as the current one. Nothing was changed."),
    ("wrong recovery key", lambda p: ["recover", "--data-dir", p.store, "--recovery-key-file", p.wrong_key,
                                      "--new-passphrase-file", p.new],
     1, "That recovery key does not open this caseload."),
    ("demo over a real store", lambda p: ["demo", "--no-gui", "--people", "1", "--data-dir", p.store],
     1, "That folder holds a real caseload; a demo is never made there."),
    ("demo with too many people", lambda p: ["demo", "--no-gui", "--people", "10001"],
     2, "--people must be between 0 and 10000."),
]


@pytest.mark.parametrize(
    ("args", "code", "message"), [case[1:] for case in FAILURES], ids=[case[0] for case in FAILURES]
)
def test_failure_is_one_sentence_and_changes_nothing(
    shared: Shared, paths: Paths, tmp_path: Path, args: Args, code: int, message: str
) -> None:
    before = snapshot(shared.folder)
    result = caseapp(*args(paths), home=tmp_path)
    assert assert_plain_failure(result, code).startswith(message)
    assert snapshot(shared.folder) == before
    assert list(paths.empty_dir.iterdir()) == []
    assert not (tmp_path / "demo").exists()


# -- verify -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "order",
    [
        lambda d, f: ["--data-dir", d, "verify", "--passphrase-file", f],
        lambda d, f: ["verify", "--data-dir", d, "--passphrase-file", f],
        lambda d, f: ["--passphrase-file", f, "--data-dir", d, "verify"],
    ],
    ids=["data-dir first", "data-dir after", "both first"],
)
def test_verify_passes_with_options_on_either_side(
    shared: Shared, tmp_path: Path, order: Callable[[Path, Path], list[object]]
) -> None:
    # The default data folder (under tmp_path) is empty, so only --data-dir can find the store.
    result = caseapp(*order(shared.folder, shared.passphrase_file), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "The caseload passed the SQLite and SQLCipher integrity checks and the audit chain check."
    )
    assert result.stderr == ""


VERIFY_PROBLEMS = {
    "The database structure check failed.",
    "The encryption check found altered or damaged pages.",
    "Some pages of the database cannot be read. Restore the latest backup.",
    # Damage that stops the caseload opening is found all the same (exit 3).
    "The caseload files are damaged. Restore the latest backup.",
}


# Which pages make SQLite abandon its check (rather than report) depends on the layout: two places.
@pytest.mark.parametrize("fraction", [1 / 3, 1 / 2], ids=["a third in", "halfway"])
def test_verify_reports_a_damaged_page(store_copy: Path, shared: Shared, tmp_path: Path, fraction: float) -> None:
    db = store_copy / "caseload.db"
    data = bytearray(db.read_bytes())
    pages = len(data) // 4096
    assert pages > 40, "the store needs enough pages that page 1 is far from the damage"
    start = int(pages * fraction) * 4096 + 1000
    data[start : start + 64] = bytes(64)
    db.write_bytes(data)

    result = caseapp("verify", "--passphrase-file", shared.passphrase_file, home=tmp_path)

    assert "passed" not in result.stdout
    if result.returncode == 3:
        lines = result.stderr.strip().splitlines()
        assert lines and set(lines) <= VERIFY_PROBLEMS, lines
    else:
        # Failing to open is acceptable; falling through to the last-resort handler is not.
        assert "unexpected error" not in assert_plain_failure(result, 1)


# -- demo ---------------------------------------------------------------------------------


@pytest.mark.slow  # builds the demo caseload twice in subprocesses
def test_demo_builds_the_people_asked_for_and_a_rerun_replaces_it(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    first = caseapp("demo", "--no-gui", "--people", "4", home=tmp_path)
    assert first.returncode == 0, first.stderr
    assert str(demo) in first.stdout
    assert Store(demo).is_demo
    assert count_people(demo, DEMO_PASSPHRASE) == 4
    assert not (tmp_path / "data").exists()  # never near the real store's folder

    again = caseapp("demo", "--no-gui", "--people", "2", home=tmp_path)
    assert again.returncode == 0, again.stderr
    assert count_people(demo, DEMO_PASSPHRASE) == 2


def test_verify_names_the_first_altered_audit_event(store_copy: Path, shared: Shared, tmp_path: Path) -> None:
    from sqlalchemy import text

    store = Store(store_copy)
    store.unlock(PASSPHRASE)
    try:
        with store.session() as s:
            ids = s.execute(text("SELECT id FROM audit_event ORDER BY id")).scalars().all()
            assert len(ids) >= 3
            victim = ids[len(ids) // 2]
            s.execute(text("UPDATE audit_event SET changes = '{}' WHERE id = :i"), {"i": victim})
    finally:
        store.close(backup=False)

    result = caseapp("verify", "--passphrase-file", shared.passphrase_file, home=tmp_path)

    assert result.returncode == 3
    assert f"event {victim} " in result.stderr
    assert "passed" not in result.stdout


def test_a_passphrase_file_saved_with_a_byte_order_mark_works(shared: Shared, tmp_path: Path) -> None:
    bom_file = tmp_path / "bom.txt"
    bom_file.write_text(PASSPHRASE + "\r\n", encoding="utf-8-sig")
    result = caseapp("verify", "--data-dir", shared.folder, "--passphrase-file", bom_file, home=tmp_path)
    assert result.returncode == 0, result.stderr


def test_restore_over_a_damaged_caseload_leaves_it_alone(store_copy: Path, shared: Shared, tmp_path: Path) -> None:
    key = store_copy / "caseload.key"
    key.write_bytes(key.read_bytes()[:-30])
    before = {p.name: p.read_bytes() for p in store_copy.iterdir() if p.is_file()}
    result = caseapp("restore", the_backup(shared), "--passphrase-file", shared.passphrase_file, home=tmp_path)
    assert result.returncode == 1
    assert "Move its folder somewhere safe" in result.stderr
    assert {p.name: p.read_bytes() for p in store_copy.iterdir() if p.is_file()} == before


# -- backup and restore -------------------------------------------------------------------


def test_backup_writes_an_encrypted_copy(shared: Shared) -> None:
    assert shared.backup.returncode == 0, shared.backup.stderr
    backup = the_backup(shared)
    assert f"Backed up to {backup}" in shared.backup.stdout
    assert {p.name for p in backup.iterdir()} == {"caseload.db", "caseload.key", "backup.json"}
    assert not (backup / "caseload.db").read_bytes().startswith(b"SQLite format 3")
    for name in NAMES:
        assert name.encode() not in (backup / "caseload.db").read_bytes()


def test_restore_brings_back_the_backup_and_its_passphrase(store_copy: Path, shared: Shared, tmp_path: Path) -> None:
    # After the backup: one more person, and a new passphrase.
    store = Store(store_copy)
    store.unlock(PASSPHRASE)
    given, family = LATE_PERSON
    PeopleService(store).add_young_person(given_name=given, family_name=family, date_of_birth=date(2004, 2, 29))
    store.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    store.close(backup=False)
    new = secret_file(tmp_path, "new.txt", NEW_PASSPHRASE)

    result = caseapp(
        "restore", the_backup(shared),
        "--passphrase-file", new,
        "--backup-passphrase-file", shared.passphrase_file,
        home=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "Restored the backup" in result.stdout
    assert count_people(store_copy, PASSPHRASE) == shared.people
    with pytest.raises(WrongPassphrase):
        Store(store_copy).unlock(NEW_PASSPHRASE)
    # What was replaced was backed up first, inside the caseload folder.
    [kept] = [p for p in (store_copy / "backups").iterdir() if p.name.endswith("-pre-restore")]
    assert (kept / "caseload.db").is_file()


def test_restore_into_an_empty_folder_leaves_the_backup_as_it_was(shared: Shared, tmp_path: Path) -> None:
    # Its manifest holds its files' hashes: a changed file would make it unrestorable.
    backup = the_backup(shared)
    before = snapshot(backup)
    result = caseapp("restore", backup, "--backup-passphrase-file", shared.passphrase_file, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "replaced" not in result.stdout  # nothing was there to back up first
    assert count_people(tmp_path / "data", PASSPHRASE) == shared.people
    assert snapshot(backup) == before


# -- passphrases --------------------------------------------------------------------------


def test_change_passphrase(store_copy: Path, shared: Shared, tmp_path: Path) -> None:
    new = secret_file(tmp_path, "new.txt", NEW_PASSPHRASE)
    result = caseapp(
        "change-passphrase", "--passphrase-file", shared.passphrase_file, "--new-passphrase-file", new,
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Passphrase changed" in result.stdout
    with pytest.raises(WrongPassphrase):
        Store(store_copy).unlock(PASSPHRASE)
    assert count_people(store_copy, NEW_PASSPHRASE) == shared.people


def test_recover_with_the_key_init_printed(store_copy: Path, shared: Shared, tmp_path: Path) -> None:
    key = secret_file(tmp_path, "key.txt", shared.recovery_key)
    new = secret_file(tmp_path, "new.txt", NEW_PASSPHRASE)
    result = caseapp("recover", "--recovery-key-file", key, "--new-passphrase-file", new, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "recovered" in result.stdout
    assert shared.recovery_key not in result.stdout + result.stderr
    with pytest.raises(WrongPassphrase):
        Store(store_copy).unlock(PASSPHRASE)
    assert count_people(store_copy, NEW_PASSPHRASE) == shared.people

