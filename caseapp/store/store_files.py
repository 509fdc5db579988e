"""The files of a store's data folder, and the checks made before any of them is touched.

The names are the backup module's too (a test checks).
"""

from __future__ import annotations

import os
from pathlib import Path

from caseapp.store.errors import StoreError, WeakKeyDerivation
from caseapp.store.keyfile import KeyFile, cheap_costs_allowed

DB_NAME = "caseload.db"
KEY_NAME = "caseload.key"
LOCK_NAME = "caseload.lock"
BACKUPS_DIR = "backups"
SIDE_FILES = ("-wal", "-shm", "-journal")


def make_owner_only(folder: Path) -> None:
    """Make the store's folder, or tighten one found open to others, to its owner alone.

    Before any file of the store exists: `mkdir`'s mode only applies to a folder it makes,
    so a folder chosen by the worker (or left by an installer) keeps whatever mode it had,
    and another account on the computer could list, copy or replace the key file.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name != "nt":  # Windows keeps access in the folder's ACL, not in mode bits
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise StoreError(
            f"caseapp cannot make the caseload's folder private to you ({exc.strerror}). "
            "Choose a folder of your own."
        ) from None


def is_backup_of(key_path: Path, keyfile: KeyFile) -> bool:
    """Whether a backup's key file is the same demo's (same store, flag set)."""
    try:
        theirs = KeyFile.read(key_path)
    except StoreError:
        return False
    return theirs.demo and theirs.store_id == keyfile.store_id


def check_floor(keyfile: KeyFile) -> None:
    """Refuse a key file whose recorded cost is below the floor, before any derivation.

    No caseapp makes one outside the test suite; one made by an earlier version with its
    test setting would fall to a fast guessing attack, and opening it would hide that.
    """
    if not keyfile.kdf.meets_floor() and not cheap_costs_allowed():
        raise WeakKeyDerivation()


def folders_to_make(folder: Path) -> tuple[Path, ...]:
    """The folders creating a store at `folder` makes, deepest first: what `discard_new`
    removes again if the new caseload is given up."""
    missing = []
    for path in (Path(folder), *Path(folder).parents):
        if path.exists():
            break
        missing.append(path)
    return tuple(missing)


def remove_empty(folders: tuple[Path, ...]) -> None:
    for folder in folders:
        try:
            folder.rmdir()  # only ever an empty folder
        except OSError:
            break
