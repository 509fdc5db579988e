"""Changing the passphrase rewraps the data key only; recovery sets a new one."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from caseapp.services.people import PeopleService
from caseapp.store import KdfParams, Store, WrongPassphrase, WrongRecoveryKey, fsutil
from tests.conftest import PASSPHRASE

NEW = "a different passphrase, long enough"
TODAY = date(2026, 11, 21)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): sha256(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def add_person(store: Store, given: str = "Semhar") -> None:
    PeopleService(store).add_young_person(
        given_name=given, family_name="Tekle", date_of_birth=date(2006, 5, 4), today=TODAY
    )


def given_names(store: Store) -> list[str]:
    return [p.given_name for p in PeopleService(store).list_young_people()]


@dataclass
class Changed:
    store: Store
    recovery: str
    db_before: str
    key_before: os.stat_result
    files_before: set[str]


@pytest.fixture
def changed(store_with_recovery: tuple[Store, str]) -> Changed:
    """A store with data whose passphrase was changed from PASSPHRASE to NEW, now locked.

    The database is hashed only while locked: lock() checkpoints the WAL into the file and
    no connection is left, so the bytes on disk are the whole database.
    """
    store, recovery = store_with_recovery
    add_person(store)
    store.lock()
    before = Changed(
        store=store,
        recovery=recovery,
        db_before=sha256(store.db_path),
        key_before=store.key_path.stat(),
        files_before={p.name for p in store.folder.iterdir()},
    )
    store.unlock(PASSPHRASE)
    store.change_passphrase(PASSPHRASE, NEW)
    store.lock()
    return before


def test_new_passphrase_opens_and_old_is_refused(changed: Changed) -> None:
    store = changed.store
    with pytest.raises(WrongPassphrase):
        store.unlock(PASSPHRASE)
    store.unlock(NEW)
    assert given_names(store) == ["Semhar"]


def test_recovery_key_still_opens_after_a_change(changed: Changed) -> None:
    store = changed.store
    store.unlock_with_recovery_key(changed.recovery)
    assert given_names(store) == ["Semhar"]


def test_database_is_not_rewritten(changed: Changed) -> None:
    assert sha256(changed.store.db_path) == changed.db_before


def test_key_file_is_replaced_atomically(changed: Changed) -> None:
    store = changed.store
    after = store.key_path.stat()
    # A new inode means the new file was renamed over the old, never rewritten in place.
    assert after.st_ino != changed.key_before.st_ino
    assert {p.name for p in store.folder.iterdir()} == changed.files_before  # no temp files
    if os.name != "nt":
        assert stat.S_IMODE(after.st_mode) == 0o600


def test_failed_key_file_write_leaves_the_old_passphrase_working(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash between writing the new key file and renaming it must not lose the store."""
    key_before = store.key_path.read_bytes()
    files_before = {p.name for p in store.folder.iterdir()}
    real_replace = os.replace

    def failing_replace(src, dst):  # type: ignore[no-untyped-def]
        if Path(dst) == store.key_path:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", failing_replace)
    with pytest.raises(OSError):
        store.change_passphrase(PASSPHRASE, NEW)
    monkeypatch.undo()

    assert store.key_path.read_bytes() == key_before
    assert {p.name for p in store.folder.iterdir()} == files_before
    store.lock()
    store.unlock(PASSPHRASE)


def test_wrong_current_passphrase_is_refused_and_changes_nothing(store: Store) -> None:
    add_person(store)
    before = snapshot(store.folder)
    with pytest.raises(WrongPassphrase) as caught:
        store.change_passphrase("not the passphrase", NEW)
    assert str(caught.value) == "That passphrase does not open this caseload."
    assert snapshot(store.folder) == before
    store.lock()
    with pytest.raises(WrongPassphrase):
        store.unlock(NEW)
    store.unlock(PASSPHRASE)
    assert given_names(store) == ["Semhar"]


def test_change_can_raise_the_cost_without_touching_the_database(store: Store) -> None:
    add_person(store)
    store.lock()
    db_before = sha256(store.db_path)
    stronger = KdfParams(time_cost=2, memory_cost=32, parallelism=1)
    store.change_passphrase(PASSPHRASE, NEW, kdf=stronger)
    recorded = json.loads(store.key_path.read_text(encoding="ascii"))["kdf"]
    assert recorded == {"name": "argon2id", "time_cost": 2, "memory_cost": 32, "parallelism": 1}
    assert sha256(store.db_path) == db_before
    store.unlock(NEW)
    assert given_names(store) == ["Semhar"]


def test_recover_sets_a_new_passphrase(store_with_recovery: tuple[Store, str]) -> None:
    store, recovery = store_with_recovery
    add_person(store)
    store.close(backup=False)

    forgotten = Store(store.folder)
    try:
        # Typed the way people copy a key from paper.
        forgotten.recover(recovery.lower().replace("-", " "), NEW)
        assert forgotten.is_unlocked
        assert given_names(forgotten) == ["Semhar"]
        forgotten.lock()
        with pytest.raises(WrongPassphrase):
            forgotten.unlock(PASSPHRASE)
        forgotten.unlock(NEW)
        forgotten.lock()
        # The recovery key is not used up: it still opens the store.
        forgotten.unlock_with_recovery_key(recovery)
    finally:
        forgotten.close(backup=False)


def test_recover_with_a_wrong_recovery_key_changes_nothing(
    store_with_recovery: tuple[Store, str],
) -> None:
    store, _recovery = store_with_recovery
    add_person(store)
    store.close(backup=False)
    before = snapshot(store.folder)

    forgotten = Store(store.folder)
    try:
        with pytest.raises(WrongRecoveryKey) as caught:
            forgotten.recover("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", NEW)
        assert str(caught.value) == "That recovery key does not open this caseload."
        assert not forgotten.is_unlocked
        assert snapshot(store.folder) == before
        forgotten.unlock(PASSPHRASE)
    finally:
        forgotten.close(backup=False)


def test_change_needs_the_store_open_in_this_process(store: Store) -> None:
    from caseapp.store import StoreLocked

    store.close(backup=False)
    key_before = sha256(store.key_path)
    with pytest.raises(StoreLocked):
        Store(store.folder).change_passphrase(PASSPHRASE, NEW)
    assert sha256(store.key_path) == key_before
