"""Backups: encrypted, named without personal data, restorable with the passphrase of their day."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from caseapp import settings
from caseapp.models import SettingValue
from caseapp.services.people import PeopleService
from caseapp.store import NotABackup, Store, WrongPassphrase, list_backups
from caseapp.store.engine import SQLITE_HEADER
from tests.conftest import CHEAP, PASSPHRASE

NEW = "a different passphrase, long enough"
TODAY = date(2026, 11, 21)
BACKUP_MESSAGE = (
    "That passphrase does not open this backup. "
    "Use the passphrase that was current when the backup was taken."
)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def add_person(store: Store, given: str) -> None:
    PeopleService(store).add_young_person(
        given_name=given, family_name="Tekle", date_of_birth=date(2006, 5, 4), today=TODAY
    )


def given_names(store: Store) -> set[str]:
    return {p.given_name for p in PeopleService(store).list_young_people()}


def backups_of_kind(folder: Path, kind: str) -> list[Path]:
    return [b.path for b in list_backups(folder) if b.kind == kind]


def test_backup_now_writes_an_encrypted_backup_named_by_time_and_kind(
    store: Store, tmp_path: Path
) -> None:
    add_person(store, "Semhar")
    chosen = tmp_path / "usb stick"
    info = store.backup_now(chosen)

    assert [p.name for p in chosen.iterdir()] == [info.path.name]
    # Timestamp (date, time, microseconds) and kind, nothing else: no names, no store id.
    assert re.fullmatch(r"caseapp-backup-\d{8}-\d{6}-\d{6}-manual", info.path.name)
    assert info.kind == "manual"
    assert sorted(p.name for p in info.path.iterdir()) == [
        "backup.json",
        "caseload.db",
        "caseload.key",
    ]

    db = info.db_path.read_bytes()
    assert not db.startswith(SQLITE_HEADER)
    plain = sqlite3.connect(info.db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        plain.close()
    # The key file as it was at the time: the backup opens with that day's passphrase.
    assert info.key_path.read_bytes() == store.key_path.read_bytes()
    manifest = json.loads((info.path / "backup.json").read_text(encoding="ascii"))
    assert manifest["kind"] == "manual"
    assert manifest["schema_revision"] == store.schema_revision()


def test_backup_opens_with_the_passphrase_of_its_day(store: Store, tmp_path: Path) -> None:
    add_person(store, "Semhar")
    info = store.backup_now(tmp_path / "usb")
    store.change_passphrase(PASSPHRASE, NEW)
    add_person(store, "Amna")

    elsewhere = Store(tmp_path / "elsewhere")
    try:
        with pytest.raises(WrongPassphrase) as caught:
            elsewhere.restore(info.path, NEW)
        assert str(caught.value) == BACKUP_MESSAGE
        elsewhere.restore(info.path, PASSPHRASE)
        assert given_names(elsewhere) == {"Semhar"}
        elsewhere.lock()
        with pytest.raises(WrongPassphrase):
            elsewhere.unlock(NEW)
        elsewhere.unlock(PASSPHRASE)
        assert given_names(elsewhere) == {"Semhar"}
    finally:
        elsewhere.close(backup=False)


def set_backups_to_keep(store: Store, keep: int) -> None:
    with store.session() as s:
        s.merge(SettingValue(key=settings.BACKUPS_TO_KEEP.key, value=json.dumps(keep)))


def test_closing_keeps_at_most_the_set_number_of_automatic_backups(store: Store) -> None:
    set_backups_to_keep(store, 3)
    # Other kinds share the folder but are never pruned as automatic ones.
    manual = store.backup_now(store.backups_dir).path

    made: list[str] = []
    for _ in range(5):
        before = set(backups_of_kind(store.backups_dir, "auto"))
        store.close()
        (new,) = set(backups_of_kind(store.backups_dir, "auto")) - before
        made.append(new.name)
        assert len(backups_of_kind(store.backups_dir, "auto")) <= 3
        store.unlock(PASSPHRASE)

    kept = [p.name for p in backups_of_kind(store.backups_dir, "auto")]
    assert kept == made[-3:]  # the newest ones
    assert manual.is_dir()
    # Pruned backups are gone entirely, with no half-deleted or hidden leftovers.
    assert sorted(p.name for p in store.backups_dir.iterdir()) == sorted([*kept, manual.name])


def test_restore_backs_up_what_it_replaces(store: Store, tmp_path: Path) -> None:
    add_person(store, "Semhar")
    info = store.backup_now(tmp_path / "usb")
    add_person(store, "Amna")

    store.restore(info.path, PASSPHRASE)
    assert given_names(store) == {"Semhar"}

    (pre_restore,) = backups_of_kind(store.backups_dir, "pre-restore")
    check = Store(tmp_path / "check")
    try:
        check.restore(pre_restore, PASSPHRASE)
        assert given_names(check) == {"Semhar", "Amna"}
    finally:
        check.close(backup=False)


def test_restore_leaves_the_backup_as_it_was(store: Store, tmp_path: Path) -> None:
    """A backup is checked against its manifest, so restoring must not alter it."""
    add_person(store, "Semhar")
    info = store.backup_now(tmp_path / "usb")
    before = snapshot(info.path)
    store.restore(info.path, PASSPHRASE)
    assert snapshot(info.path) == before
    # So the same backup can be restored again.
    store.restore(info.path, PASSPHRASE)
    assert given_names(store) == {"Semhar"}


def test_restore_with_the_wrong_passphrase_changes_nothing(store: Store, tmp_path: Path) -> None:
    add_person(store, "Semhar")
    info = store.backup_now(tmp_path / "usb")
    store.change_passphrase(PASSPHRASE, NEW)
    add_person(store, "Amna")
    live_before, backup_before = snapshot(store.folder), snapshot(info.path)

    # The current passphrase is the natural wrong guess for an older backup.
    with pytest.raises(WrongPassphrase) as caught:
        store.restore(info.path, NEW)
    assert str(caught.value) == BACKUP_MESSAGE
    assert snapshot(store.folder) == live_before
    assert snapshot(info.path) == backup_before
    assert store.is_unlocked
    assert given_names(store) == {"Semhar", "Amna"}


@pytest.mark.parametrize("damaged", ["caseload.db", "caseload.key"])
def test_damaged_backup_is_refused(store: Store, tmp_path: Path, damaged: str) -> None:
    add_person(store, "Semhar")
    info = store.backup_now(tmp_path / "usb")
    add_person(store, "Amna")
    target = info.path / damaged
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    live_before = snapshot(store.folder)

    with pytest.raises(NotABackup) as caught:
        store.restore(info.path, PASSPHRASE)
    assert str(caught.value) == "That backup is damaged: its files do not match its manifest."
    assert snapshot(store.folder) == live_before
    assert given_names(store) == {"Semhar", "Amna"}


def test_folder_that_is_not_a_backup_is_refused(store: Store, tmp_path: Path) -> None:
    (tmp_path / "holiday photos").mkdir()
    with pytest.raises(NotABackup) as caught:
        store.restore(tmp_path / "holiday photos", PASSPHRASE)
    assert str(caught.value) == "That folder is not a caseapp backup."


@pytest.mark.parametrize("exists", [True, False], ids=["empty folder", "missing folder"])
def test_restore_into_an_empty_folder(tmp_path: Path, exists: bool) -> None:
    original, _recovery = Store.create(tmp_path / "original", PASSPHRASE, kdf=CHEAP)
    try:
        add_person(original, "Semhar")
        info = original.backup_now(tmp_path / "usb")
    finally:
        original.close(backup=False)

    target = tmp_path / "new computer"
    if exists:
        target.mkdir()
    fresh = Store(target)
    try:
        restored = fresh.restore(info.path, PASSPHRASE)
        assert restored.path == info.path
        assert fresh.is_unlocked
        assert given_names(fresh) == {"Semhar"}
        # Nothing was there to replace, so nothing was backed up first.
        assert backups_of_kind(fresh.backups_dir, "pre-restore") == []
    finally:
        fresh.close(backup=False)
    reopened = Store(target)
    try:
        reopened.unlock(PASSPHRASE)
        assert given_names(reopened) == {"Semhar"}
    finally:
        reopened.close(backup=False)
