"""'Someone may know my passphrase': a new data key for the caseload and its backups.

The rule: after it, no combination of an old passphrase or the old recovery key with any file
in the store's folder opens anything newer than before the change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from caseapp.services.people import PeopleService
from caseapp.store import (
    Store,
    StoreError,
    StoreLocked,
    WrongPassphrase,
    WrongRecoveryKey,
    list_backups,
    rekey,
)
from caseapp.store.backup import PREFIX, read_backup
from caseapp.store.engine import prove_key_read_only
from caseapp.store.keyfile import KeyFile
from tests.conftest import CHEAP, PASSPHRASE
from tests.store.old_secrets import what_old_secrets_open

FIRST = "an earlier passphrase, long enough"
NEW = "a quite different passphrase now"
TODAY = date(2026, 11, 21)


def add_person(store: Store, given: str) -> None:
    PeopleService(store).add_young_person(
        given_name=given, family_name="Tekle", date_of_birth=date(2006, 5, 4), today=TODAY
    )


def given_names(store: Store) -> set[str]:
    return {p.given_name for p in PeopleService(store).list_young_people()}


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    """Anything a rotation stages, and anything a crash could leave, that should be gone."""
    patterns = (".caseload.*", "backups/.*", "*-journal")
    return sorted(str(p.relative_to(folder)) for pattern in patterns for p in folder.glob(pattern))


def backup_opens_with(info_path: Path, passphrase: str) -> bool:
    info = read_backup(info_path, verify=True)
    try:
        data_key = KeyFile.read(info.key_path).unwrap_with_passphrase(passphrase)
    except WrongPassphrase:
        return False
    prove_key_read_only(info.db_path, data_key)
    return True


@pytest.fixture
def history(tmp_path: Path) -> tuple[Store, str]:
    """A store with a past: backups under the first passphrase and under the current one,
    and people added between them. Returns the open store and its recovery key."""
    store, recovery = Store.create(tmp_path / "store", FIRST, kdf=CHEAP)
    add_person(store, "Aida")
    store.backup_now(store.backups_dir)  # opens with FIRST
    store.change_passphrase(FIRST, PASSPHRASE)  # a plain change: the data key stays
    add_person(store, "Bilal")
    store.close()  # an automatic backup, opening with PASSPHRASE
    store.unlock(PASSPHRASE)
    add_person(store, "Chloe")
    yield store, recovery
    store.close(backup=False)


def test_after_it_no_old_secret_opens_anything_newer(history: tuple[Store, str]) -> None:
    store, old_recovery = history
    before = frozenset(given_names(store))
    assert len(list_backups(store.backups_dir)) == 2

    store.rotate_key(PASSPHRASE, NEW, kdf=CHEAP)
    add_person(store, "Dawit")  # after the change: no old secret may ever show this
    store.close()  # and a backup of it, under the new key
    assert len(list_backups(store.backups_dir)) == 3

    opened = what_old_secrets_open(store.folder, [FIRST, PASSPHRASE], [old_recovery])
    newer = [o for o in opened if not o.given_names <= before]
    assert newer == []
    # Stronger than the rule: every backup the old secrets opened was re-encrypted.
    assert opened == []

    store.unlock(NEW)
    assert given_names(store) == {"Aida", "Bilal", "Chloe", "Dawit"}


def test_the_walk_finds_the_hole_a_plain_change_leaves(history: tuple[Store, str]) -> None:
    """Why the plain change is not enough (the probe's finding): an old backup's key file
    beside today's database opens with the old passphrase and shows today's records."""
    store, old_recovery = history
    store.change_passphrase(PASSPHRASE, NEW)
    add_person(store, "Dawit")
    store.lock()
    opened = what_old_secrets_open(store.folder, [PASSPHRASE], [old_recovery])
    assert any(o.database == "caseload.db" and "Dawit" in o.given_names for o in opened)


def test_new_passphrase_and_new_recovery_key_open_and_the_old_ones_do_not(
    history: tuple[Store, str],
) -> None:
    store, old_recovery = history
    result = store.rotate_key(PASSPHRASE, NEW, kdf=CHEAP)
    assert store.is_unlocked
    assert given_names(store) == {"Aida", "Bilal", "Chloe"}
    assert result.recovery_key != old_recovery
    assert result.recovery_key not in repr(result)  # never in a log line by accident
    store.lock()
    with pytest.raises(WrongPassphrase):
        store.unlock(PASSPHRASE)
    with pytest.raises(WrongRecoveryKey):
        store.unlock_with_recovery_key(old_recovery)
    store.unlock_with_recovery_key(result.recovery_key)
    store.lock()
    store.unlock(NEW)
    assert store.integrity_problems() == []


def test_the_database_is_a_new_file_and_nothing_is_left_behind(history: tuple[Store, str]) -> None:
    store, _ = history
    store.lock()
    names_before = {p.name for p in store.folder.iterdir()}
    db_before = store.db_path.stat()
    old_bytes = store.db_path.read_bytes()
    store.unlock(PASSPHRASE)

    store.rotate_key(PASSPHRASE, NEW, kdf=CHEAP)
    store.lock()
    assert store.db_path.stat().st_ino != db_before.st_ino
    assert store.db_path.read_bytes()[:4096] != old_bytes[:4096]
    assert {p.name for p in store.folder.iterdir()} == names_before
    assert not store.db_path.with_name("caseload.db-wal").exists()
    assert leftovers(store.folder) == []
    if os.name != "nt":
        assert store.db_path.stat().st_mode & 0o777 == 0o600
        assert store.key_path.stat().st_mode & 0o777 == 0o600


def test_every_backup_is_re_encrypted_and_restorable_with_the_new_passphrase(
    history: tuple[Store, str], tmp_path: Path
) -> None:
    store, _ = history
    before = {b.path.name: b for b in list_backups(store.backups_dir)}
    result = store.rotate_key(PASSPHRASE, NEW, kdf=CHEAP)
    assert (result.backups_reencrypted, result.backups_removed, result.backups_left) == (2, 0, 0)

    after = {b.path.name: b for b in list_backups(store.backups_dir)}
    assert after.keys() == before.keys()  # same names, so the same order and pruning
    for name, info in after.items():
        assert (info.created, info.kind, info.schema_revision) == (
            before[name].created, before[name].kind, before[name].schema_revision
        )
        assert backup_opens_with(info.path, NEW)
        assert not backup_opens_with(info.path, PASSPHRASE)
        assert not backup_opens_with(info.path, FIRST)

    oldest = min(after.values(), key=lambda b: b.path.name)
    elsewhere = Store(tmp_path / "elsewhere")
    try:
        elsewhere.restore(oldest.path, NEW)
        assert given_names(elsewhere) == {"Aida"}
        elsewhere.lock()
        elsewhere.unlock(NEW)
    finally:
        elsewhere.close(backup=False)


def test_backups_it_cannot_re_encrypt_are_removed_and_others_left(
    history: tuple[Store, str], tmp_path: Path
) -> None:
    store, _ = history
    infos = list_backups(store.backups_dir)
    # A backup whose manifest no longer matches: the app would never restore it, yet the
    # old key opens its database.
    damaged = infos[0].path
    manifest = json.loads((damaged / "backup.json").read_text(encoding="ascii"))
    manifest["sha256"]["caseload.db"] = "0" * 64
    (damaged / "backup.json").write_text(json.dumps(manifest), encoding="ascii")
    # A backup cut short by a crash.
    partial = store.backups_dir / f".{PREFIX}20260101-000000-000000-auto.partial"
    shutil.copytree(infos[1].path, partial)
    # Another caseload's backup, put here by hand: neither the old key nor the old
    # passphrase opens it, so it is not this rotation's to touch.
    other, _ = Store.create(tmp_path / "other", "another caseload entirely", kdf=CHEAP)
    foreign = other.backup_now(store.backups_dir, kind="manual").path
    other.close(backup=False)
    foreign_before = snapshot(foreign)

    result = store.rotate_key(PASSPHRASE, NEW, kdf=CHEAP)
    # The cut-short one was never a backup to the worker: gone, but not counted.
    assert (result.backups_reencrypted, result.backups_removed, result.backups_left) == (1, 1, 1)
    assert not damaged.exists()
    assert not partial.exists()
    assert snapshot(foreign) == foreign_before
    assert backup_opens_with(infos[1].path, NEW)


def test_a_backup_only_the_old_passphrase_opens_is_re_encrypted(
    history: tuple[Store, str], tmp_path: Path
) -> None:
    """A caseload restored from another's backup keeps that backup's data key; its own
    backups under the same passphrase are found by the passphrase, not the key."""
    store, _ = history
    other, _ = Store.create(tmp_path / "other", PASSPHRASE, kdf=CHEAP)
    add_person(other, "Elif")
    foreign = other.backup_now(store.backups_dir, kind="manual").path
    other.close(backup=False)

    result = store.rotate_key(PASSPHRASE, NEW, kdf=CHEAP)
    assert (result.backups_reencrypted, result.backups_removed, result.backups_left) == (3, 0, 0)
    assert backup_opens_with(foreign, NEW)
    assert not backup_opens_with(foreign, PASSPHRASE)


def test_a_wrong_current_passphrase_changes_nothing(history: tuple[Store, str]) -> None:
    store, _ = history
    before = snapshot(store.folder)
    with pytest.raises(WrongPassphrase):
        store.rotate_key("not the passphrase at all", NEW, kdf=CHEAP)
    assert snapshot(store.folder) == before
    assert store.is_unlocked
    add_person(store, "Dawit")


def test_it_needs_the_caseload_open(history: tuple[Store, str]) -> None:
    store, _ = history
    store.lock()
    before = snapshot(store.folder)
    with pytest.raises(StoreLocked):
        store.rotate_key(PASSPHRASE, NEW, kdf=CHEAP)
    assert snapshot(store.folder) == before


def test_a_failure_before_the_switch_leaves_the_caseload_as_it_was(
    history: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Say the disk fills as the new key file is renamed in: the old pair stays, whole."""
    store, _ = history
    store.lock()
    before = snapshot(store.folder)
    store.unlock(PASSPHRASE)
    real_replace = os.replace

    def full_disk(src, dst):  # type: ignore[no-untyped-def]
        if Path(dst) == store.key_path:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(rekey.os, "replace", full_disk)
    with pytest.raises(OSError):
        store.rotate_key(PASSPHRASE, NEW, kdf=CHEAP)
    monkeypatch.undo()

    assert store.is_unlocked  # open again under the old key, as before
    add_person(store, "Dawit")
    store.lock()
    assert leftovers(store.folder) == []
    after = snapshot(store.folder)
    assert {k: v for k, v in after.items() if k.startswith("backups/")} == {
        k: v for k, v in before.items() if k.startswith("backups/")
    }
    assert after["caseload.key"] == before["caseload.key"]
    store.unlock(PASSPHRASE)
    assert given_names(store) == {"Aida", "Bilal", "Chloe", "Dawit"}


def test_a_failure_after_the_switch_is_finished_at_the_next_open(
    history: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new key file is in place but tidying up fails: the worker is told, is given the
    new recovery key, and the next open finishes the change."""
    store, _ = history
    real_finish = rekey.finish
    calls = {"n": 0}

    def finish_fails_once_committed(folder: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the first call clears leftovers before anything is staged
            raise OSError(5, "Input/output error")
        real_finish(folder)

    monkeypatch.setattr(rekey, "finish", finish_fails_once_committed)
    with pytest.raises(rekey.RotationUnfinished) as caught:
        store.rotate_key(PASSPHRASE, NEW, kdf=CHEAP)
    monkeypatch.undo()
    assert "new passphrase" in str(caught.value)
    assert caught.value.recovery_key not in str(caught.value)
    assert not store.is_unlocked
    store.close(backup=False)

    again = Store(store.folder)
    with pytest.raises(WrongPassphrase):
        again.unlock(PASSPHRASE)
    again.unlock(NEW)
    try:
        assert given_names(again) == {"Aida", "Bilal", "Chloe"}
        assert leftovers(again.folder) == []
        again.lock()
        again.unlock_with_recovery_key(caught.value.recovery_key)
    finally:
        again.close(backup=False)


def test_cost_and_demo_flag_are_kept(tmp_path: Path) -> None:
    store, _ = Store.create(tmp_path / "demo", PASSPHRASE, kdf=CHEAP, demo=True)
    try:
        store.rotate_key(PASSPHRASE, NEW)
        recorded = json.loads(store.key_path.read_text(encoding="ascii"))["kdf"]
        assert recorded["time_cost"] == CHEAP.time_cost and recorded["memory_cost"] == CHEAP.memory_cost
        assert store.is_demo
    finally:
        store.close(backup=False)


def test_staged_names_are_never_swept_or_listed_as_something_else() -> None:
    from caseapp.store import store as store_module

    assert rekey.BACKUP_PREFIX == PREFIX
    assert (rekey.DB_NAME, rekey.KEY_NAME, rekey.BACKUPS_DIR) == (
        store_module.DB_NAME, store_module.KEY_NAME, store_module.BACKUPS_DIR
    )


def test_the_unfinished_message_is_a_sentence_without_the_key() -> None:
    error = rekey.RotationUnfinished("XXXX-YYYY")
    assert isinstance(error, StoreError)
    assert "XXXX" not in str(error)
    assert str(error).endswith(".")


def test_another_process_mid_rotation_is_never_tidied_under_it(history: tuple[Store, str]) -> None:
    """What a rotation under way has staged looks like leftovers to anyone else: only the
    holder of the store's lock may finish or undo it."""
    from caseapp.store import StoreInUse

    store, _ = history
    staged = store.folder / f"{rekey.NEXT_DB}{'0' * 32}"
    staged.write_bytes(b"\0" * 4096)
    with pytest.raises(StoreInUse):
        Store(store.folder).unlock(PASSPHRASE)
    assert staged.exists()
    store.close(backup=False)
    again = Store(store.folder)
    again.unlock(PASSPHRASE)  # the lock is free now: an uncommitted copy goes
    again.close(backup=False)
    assert not staged.exists()
