"""What old secrets still open: every key file on disk against every database file on disk.

Used after a passphrase change with a new data key. The walk knows nothing of the store's
layout: any file under the folder that reads as a key file is tried with every old
passphrase and recovery key, and every data key that comes out is tried against every
file under the folder. Each database is opened from a copy (with its -wal beside it, so
recent commits count), so the walk never changes what it looks at.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from caseapp.store import StoreError
from caseapp.store.keyfile import KeyFile

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Opened:
    key_file: str
    database: str
    given_names: frozenset[str]


def _files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()]


def data_keys(folder: Path, passphrases: list[str], recovery_keys: list[str]) -> dict[bytes, str]:
    """Every data key an old secret unwraps from any file under `folder`, with where from."""
    found: dict[bytes, str] = {}
    for path in _files(folder):
        try:
            keyfile = KeyFile.read(path)
        except StoreError:
            continue
        for passphrase in passphrases:
            try:
                found.setdefault(keyfile.unwrap_with_passphrase(passphrase), str(path.relative_to(folder)))
            except StoreError:
                pass
        for recovery_key in recovery_keys:
            try:
                found.setdefault(keyfile.unwrap_with_recovery_key(recovery_key), str(path.relative_to(folder)))
            except StoreError:
                pass
    return found


def _given_names(path: Path, data_key: bytes, scratch: Path) -> frozenset[str] | None:
    """The given names in the database at `path` under `data_key`, or None if it does not open."""
    copy = scratch / "copy.db"
    for stale in scratch.iterdir():
        stale.unlink()
    shutil.copyfile(path, copy)
    wal = path.with_name(path.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    conn = sqlcipher.connect(str(copy), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("PRAGMA cipher_log_level = NONE")
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlcipher.DatabaseError:
            return None
        if "young_person" not in tables:
            return frozenset()
        return frozenset(row[0] for row in conn.execute("SELECT given_name FROM young_person"))
    finally:
        conn.close()


def what_old_secrets_open(folder: Path, passphrases: list[str], recovery_keys: list[str]) -> list[Opened]:
    keys = data_keys(folder, passphrases, recovery_keys)
    opened: list[Opened] = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in _files(folder):
            if path.name.endswith(SIDE_SUFFIXES) or path.stat().st_size < 4096:
                continue
            for data_key, key_file in keys.items():
                names = _given_names(path, data_key, Path(scratch))
                if names is not None:
                    opened.append(Opened(key_file, str(path.relative_to(folder)), names))
    return opened
