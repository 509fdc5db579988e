"""A new data key for the caseload and its backups: the way out when someone may know the passphrase.

Changing the passphrase (`Store.change_passphrase`) only rewraps the data key. That shuts out
nobody who knew the old passphrase: every backup carries the key file of its day, and the
old passphrase with any of those key files still gives the data key that opens today's
database. `rotate` re-encrypts the database under a new random data key, puts in a new key
file (wrapped under the new passphrase and under a new recovery key, since the old recovery
key wrapped the old data key), and re-encrypts, or removes, every backup in the store's
backups folder that the old data key or the old passphrase opens. Backups written elsewhere
(`caseapp backup --to`) are out of its reach; the worker is told to delete them.

Crash safety
------------
The database and its key file are two files, and no file system renames two at once. So the
new pair is staged beside the old one, and one rename is the commit: the new key file's,
over `caseload.key`. Everything staged is named with a tag, the first 32 hex digits of the
SHA-256 of the new key file's bytes, so the key file in place says, with no secret needed,
whether what was staged with it was committed:

1. The new key file is written (temp file, fsync, rename) as `.caseload.key.next`; the hash
   of its bytes is the tag.
2. The database is exported under the new key into `.caseload.db.next-<tag>`, synced.
3. Each backup to keep is exported under the new key into `backups/.<name>.next-<tag>`,
   with the new key file and a manifest keeping its time and kind, synced. Each one to
   remove (damaged, or opened by the old passphrase but not re-encryptable) is renamed to
   `backups/.<name>.drop-<tag>`; a backup a crash cut short (never listed, but an old-key
   copy all the same) is removed. Both folders are synced.
4. The commit: `.caseload.key.next` is renamed over `caseload.key`, and the folder synced
   before anything that depends on it.
5. `finish`, the same code the next open runs after a crash.

`finish` runs at every open before the key file is read (under the process lock, so never
in the middle of another process's rotation), and at the end of every rotation:

* Staged names whose tag is that of the key file in place were committed, and are rolled
  forward. The database's -wal, -shm and -journal are removed first (SQLite would replay a
  stale WAL into the new file), then `.caseload.db.next-<tag>` is renamed over
  `caseload.db`. Each backup `<name>` with a `.<name>.next-<tag>` is renamed to
  `.<name>.gone` and the copy renamed to `<name>`; each `.<name>.drop-<tag>` is renamed to
  `.<name>.gone`; every `.gone` folder is then removed.
* Staged names with any other tag were never committed, and are rolled back: a `next` file
  or folder is removed, and a `.drop-` folder gets its name back.
* `.caseload.key.next` is never committed by the time `finish` sees it (the commit renames
  it away), so it is removed.

Every step is a rename or a removal that can be done again, so a crash inside `finish` is
finished by the next one. Before the commit the old pair is whole and only the old
passphrase opens the caseload; from the commit on, only the new one does. A committed
removal is renamed to `.gone` before anything is deleted, so one cut short is never taken
later for one to roll back (a later passphrase change gives the key file a new hash, which
would make a committed `.drop-` look uncommitted).

What it cannot do: the old files are unlinked, not wiped, and on an SSD or a journalling
file system their bytes can stay in free space until overwritten. They hold nothing newer
than the change.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from caseapp.store.errors import DamagedStore, StoreError
from caseapp.store.fsutil import fsync_dir
from caseapp.store.keyfile import KeyFile
from caseapp.store.store_files import BACKUPS_DIR, DB_NAME, KEY_NAME, SIDE_FILES

# The backup module's own (a test checks); not imported from it, because it loads the
# database engine and `finish` runs at every unlock before anything else needs that.
BACKUP_PREFIX = "caseapp-backup-"
NEXT_KEY = f".{KEY_NAME}.next"
NEXT_DB = f".{DB_NAME}.next-"
_TAG = re.compile(r"[0-9a-f]{32}")


class RotationUnfinished(StoreError):
    """The new key file is in place, but tidying up after it failed; the next open finishes.

    Carries the new recovery key (never in the message), which the worker must still be shown.
    """

    message = (
        "The passphrase was changed and the caseload re-encrypted, but caseapp could not "
        "finish tidying its files. Close caseapp and open the caseload again with the new "
        "passphrase; caseapp finishes the change then."
    )

    def __init__(self, recovery_key: str) -> None:
        super().__init__()
        self.recovery_key = recovery_key


@dataclass(frozen=True)
class KeyRotation:
    """What a rotation did, for the worker: the new recovery key and the backups' fate."""

    recovery_key: str = field(repr=False)
    backups_reencrypted: int
    backups_removed: int
    backups_left: int  # neither the old key nor the old passphrase opens them


def tag_of(key_bytes: bytes) -> str:
    return hashlib.sha256(key_bytes).hexdigest()[:32]


def _split(name: str, marker: str) -> tuple[str, str | None]:
    """`.<name><marker><tag>` -> (name, tag); the tag is None when it is not one of ours."""
    base, _, tag = name[1:].rpartition(marker)
    return base, tag if _TAG.fullmatch(tag) else None


# -- after a crash, and at the end of every rotation ---------------------------------------


def interrupted(folder: Path) -> bool:
    """Whether anything a rotation stages is there (cheap: two folder listings)."""
    if (folder / NEXT_KEY).exists() or any(folder.glob(f"{NEXT_DB}*")):
        return True
    backups = folder / BACKUPS_DIR
    return backups.is_dir() and any(
        True for suffix in (".next-*", ".drop-*", ".gone") for _ in backups.glob(f".{BACKUP_PREFIX}*{suffix}")
    )


def finish(folder: Path) -> None:
    """Roll an interrupted rotation forward or back, as the key file in place says.

    Call with the store's process lock held and no connection open. A folder with no key
    file is left as it is: there is nothing to judge by, and opening it says it is damaged.
    """
    try:
        committed = tag_of((folder / KEY_NAME).read_bytes())
    except OSError:
        return
    for staged in folder.glob(f"{NEXT_DB}*"):
        if staged.name == f"{NEXT_DB}{committed}":
            for suffix in SIDE_FILES:
                (folder / (DB_NAME + suffix)).unlink(missing_ok=True)
            os.replace(staged, folder / DB_NAME)
        else:
            staged.unlink(missing_ok=True)  # never committed, or its journal
    (folder / NEXT_KEY).unlink(missing_ok=True)
    fsync_dir(folder)

    backups = folder / BACKUPS_DIR
    if not backups.is_dir():
        return
    for copy in sorted(backups.glob(f".{BACKUP_PREFIX}*.next-*")):
        name, tag = _split(copy.name, ".next-")
        if tag != committed:
            shutil.rmtree(copy, ignore_errors=True)
            continue
        original = backups / name
        if original.exists():
            _retire(original, backups / f".{name}.gone")
        os.replace(copy, original)
    for aside in sorted(backups.glob(f".{BACKUP_PREFIX}*.drop-*")):
        name, tag = _split(aside.name, ".drop-")
        if tag == committed:
            _retire(aside, backups / f".{name}.gone")
        elif not (backups / name).exists():
            os.replace(aside, backups / name)
    fsync_dir(backups)
    for gone in backups.glob(f".{BACKUP_PREFIX}*.gone"):
        shutil.rmtree(gone, ignore_errors=True)


def _retire(path: Path, gone: Path) -> None:
    if gone.exists():
        shutil.rmtree(gone)
    os.replace(path, gone)


# -- rotating ------------------------------------------------------------------------------


def rotate(
    folder: Path,
    *,
    old_key: bytes,
    old_passphrase: str,
    new_keyfile: KeyFile,
    new_key: bytes,
    recovery_key: str,
    progress: Callable[[int, int], None] | None = None,
) -> KeyRotation:
    """Re-encrypt the store in `folder` (locked, its process lock held) under `new_key`.

    On a failure before the commit everything staged is undone and the error raised; the
    old pair is as it was. After the commit a failure is RotationUnfinished.
    """
    from caseapp.store.engine import export_copy

    finish(folder)  # what an earlier attempt left goes first
    backups = folder / BACKUPS_DIR
    candidates = (
        sorted(p for p in backups.iterdir() if p.is_dir() and p.name.startswith(BACKUP_PREFIX))
        if backups.is_dir()
        else []
    )
    total, done = len(candidates) + 3, 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    next_key = folder / NEXT_KEY
    counts = {"reencrypted": 0, "removed": 0, "left": 0}
    try:
        new_keyfile.write(next_key)
        key_bytes = next_key.read_bytes()
        tag = tag_of(key_bytes)
        step()
        export_copy(folder / DB_NAME, old_key, folder / f"{NEXT_DB}{tag}", new_key)
        step()
        for backup in candidates:
            fate = _stage_backup(
                backup, tag=tag, old_key=old_key, old_passphrase=old_passphrase,
                new_key=new_key, key_bytes=key_bytes,
            )
            counts[fate] += 1
            step()
        if backups.is_dir():
            # Cut short by a crash: never listed, but an old-key copy all the same.
            for partial in backups.glob(f".{BACKUP_PREFIX}*.partial"):
                shutil.rmtree(partial)
            fsync_dir(backups)
        fsync_dir(folder)
        os.replace(next_key, folder / KEY_NAME)  # the commit
    except BaseException:
        try:
            finish(folder)  # the old key file is in place, so this undoes what was staged
        except OSError:
            pass  # and the next open tries again
        raise
    try:
        # The commit reaches the disk before any rename that depends on it.
        fsync_dir(folder)
        finish(folder)
    except OSError:
        raise RotationUnfinished(recovery_key) from None
    step()
    return KeyRotation(
        recovery_key=recovery_key,
        backups_reencrypted=counts["reencrypted"],
        backups_removed=counts["removed"],
        backups_left=counts["left"],
    )


def _stage_backup(
    backup: Path, *, tag: str, old_key: bytes, old_passphrase: str, new_key: bytes, key_bytes: bytes
) -> str:
    """Stage one backup's re-encrypted copy, or its removal; returns which, or "left"."""
    from caseapp.store import backup as backups_module
    from caseapp.store.engine import opens_with

    db = backup / DB_NAME
    # Every backup of this caseload since its key last changed is under the old key, so
    # most need no key derivation at all.
    data_key: bytes | None = old_key if db.is_file() and opens_with(db, old_key) else None
    if data_key is None:
        data_key = _unwrap(backup / KEY_NAME, old_passphrase)
        if data_key is None:
            return "left"  # nothing the old secrets open
        if not (db.is_file() and opens_with(db, data_key)):
            data_key = None
    try:
        info = backups_module.read_backup(backup, verify=True) if data_key is not None else None
    except StoreError:
        info = None
    if info is not None and data_key is not None:
        try:
            backups_module.write_reencrypted(
                info, data_key=data_key, new_data_key=new_key, key_bytes=key_bytes,
                dest=backup.with_name(f".{backup.name}.next-{tag}"),
            )
            return "reencrypted"
        except DamagedStore:
            pass  # pages that do not decrypt: it could never be restored
    # Damaged, yet an old secret opens part of it: it goes.
    os.replace(backup, backup.with_name(f".{backup.name}.drop-{tag}"))
    return "removed"


def _unwrap(key_path: Path, passphrase: str) -> bytes | None:
    try:
        return KeyFile.read(key_path).unwrap_with_passphrase(passphrase)
    except StoreError:
        return None
