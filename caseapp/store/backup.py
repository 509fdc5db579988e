"""Encrypted backups: a folder holding a SQLCipher copy of the database and its key file.

A backup carries the key file as it was when the backup was taken, so it opens with the
passphrase (or recovery key) that was current then. Nothing in a backup is readable
without one of them. Folder names carry only a timestamp and a kind, never personal data.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from caseapp.store.engine import connect, damage_named, export_copy
from caseapp.store.errors import BackupError, NotABackup
from caseapp.store.fsutil import fsync_dir, fsync_file

PREFIX = "caseapp-backup-"
MANIFEST = "backup.json"
DB_NAME = "caseload.db"
KEY_NAME = "caseload.key"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    kind: str
    schema_revision: str | None

    @property
    def db_path(self) -> Path:
        return self.path / DB_NAME

    @property
    def key_path(self) -> Path:
        return self.path / KEY_NAME


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_backup(
    *,
    db_path: Path,
    data_key: bytes,
    key_bytes: bytes,
    dest_parent: Path,
    kind: str,
    schema_revision: str | None,
) -> BackupInfo:
    """Export the live database (encrypted with the same data key) into a new backup folder.

    Built under a hidden name and renamed when complete, so a half-made backup never looks
    like a real one.
    """
    # One clock reading for both parts, so names always sort in the order they were made.
    now_ns = time.time_ns()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now_ns // 1_000_000_000))
    micro = f"{now_ns // 1000 % 1_000_000:06d}"
    name = f"{PREFIX}{stamp}-{micro}-{kind}"
    try:
        dest_parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = dest_parent / f".{name}.partial"
        partial.mkdir(mode=0o700)
    except OSError as exc:
        refused = refused_by_disk(exc)
        raise refused or BackupError(
            f"The backup folder cannot be written to ({exc.strerror})."
        ) from None
    try:
        with damage_named():
            conn = connect(db_path, data_key)
            try:
                conn.execute(
                    "ATTACH DATABASE ? AS backup KEY ?",
                    (str(partial / DB_NAME), f"x'{data_key.hex()}'"),
                )
                conn.execute("SELECT sqlcipher_export('backup')").fetchall()
                conn.execute("DETACH DATABASE backup")
            finally:
                conn.close()
        _seal(
            partial,
            key_bytes=key_bytes,
            created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            kind=kind,
            schema_revision=schema_revision,
        )
        final = dest_parent / name
        os.replace(partial, final)
        fsync_dir(dest_parent)
    except BaseException as exc:
        shutil.rmtree(partial, ignore_errors=True)
        refused = refused_by_disk(exc)
        if refused is not None:
            raise refused from None
        if isinstance(exc, OSError):
            raise BackupError(f"The backup could not be written ({exc.strerror}).") from None
        raise
    # The hashes were computed just above from these very files.
    return read_backup(final, verify=False)


# A disk that will not take the copy. SQLite reports it in words of its own (an
# OperationalError, not an OSError), the same words in every release.
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_FULL = "There is not enough space on that disk for the backup. Nothing was written there."
_REFUSED = (
    "The backup could not be written: the disk refused it (it may be full or over a quota). "
    "Nothing was written there."
)


def refused_by_disk(exc: BaseException) -> BackupError | None:
    """The sentence for a write the disk refused (full, over a quota, too big), else None."""
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return BackupError(_FULL)
        if exc.errno == errno.EFBIG:
            return BackupError(_REFUSED)
        return None
    if isinstance(exc, sqlcipher.OperationalError):
        if "database or disk is full" in str(exc):
            return BackupError(_FULL)
        if "disk I/O error" in str(exc):
            return BackupError(_REFUSED)
    return None


def _seal(
    folder: Path, *, key_bytes: bytes, created: str, kind: str, schema_revision: str | None, **more: str
) -> None:
    """Beside the database already in `folder`: the key file and the manifest; all synced."""
    (folder / KEY_NAME).write_bytes(key_bytes)
    manifest = {
        "format": "caseapp-backup",
        "version": 1,
        "created": created,
        "kind": kind,
        "schema_revision": schema_revision,
        **more,
        "sha256": {DB_NAME: _sha256(folder / DB_NAME), KEY_NAME: _sha256(folder / KEY_NAME)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="ascii")
    for child in folder.iterdir():
        child.chmod(0o600)
        fsync_file(child)
    fsync_dir(folder)


def write_reencrypted(
    info: BackupInfo, *, data_key: bytes, new_data_key: bytes, key_bytes: bytes, dest: Path
) -> None:
    """A copy of the backup `info` in the new folder `dest`: its database under
    `new_data_key`, the key file `key_bytes`, and a manifest keeping its time, kind and
    schema (so it sorts and is pruned as before). Complete and synced when this returns;
    on any failure `dest` is removed.
    """
    dest.mkdir(mode=0o700)
    try:
        export_copy(info.db_path, data_key, dest / DB_NAME, new_data_key)
        _seal(
            dest,
            key_bytes=key_bytes,
            created=info.created,
            kind=info.kind,
            schema_revision=info.schema_revision,
            re_encrypted=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        )
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise


def read_backup(path: Path, *, verify: bool = True) -> BackupInfo:
    """The backup at `path`; `verify` also checks every file's hash against the manifest."""
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="ascii"))
        if manifest.get("format") != "caseapp-backup":
            raise ValueError
        hashes = manifest["sha256"]
        if set(hashes) != {DB_NAME, KEY_NAME}:
            raise ValueError("manifest does not cover both files")
        for filename, digest in hashes.items():
            if not verify:
                break
            if filename not in (DB_NAME, KEY_NAME) or _sha256(path / filename) != digest:
                raise NotABackup("That backup is damaged: its files do not match its manifest.")
        return BackupInfo(
            path=path,
            created=str(manifest["created"]),
            kind=str(manifest["kind"]),
            schema_revision=manifest.get("schema_revision"),
        )
    except NotABackup:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise NotABackup() from None


def remove_partials(parent: Path) -> None:
    """A backup cut short by a crash: a full encrypted copy that nothing would ever prune."""
    if parent.is_dir():
        for partial in parent.glob(f".{PREFIX}*.partial"):
            shutil.rmtree(partial, ignore_errors=True)


def list_backups(parent: Path) -> list[BackupInfo]:
    """Backups in a folder, oldest first. Damaged or partial ones are left out."""
    found = []
    if parent.is_dir():
        for child in sorted(parent.iterdir()):
            if child.is_dir() and child.name.startswith(PREFIX):
                try:
                    found.append(read_backup(child, verify=False))
                except NotABackup:
                    continue
    return found


def prune(parent: Path, *, kind: str, keep: int) -> list[Path]:
    """Remove the oldest backups of one kind beyond `keep`; returns what was removed."""
    mine = [b for b in list_backups(parent) if b.kind == kind]
    doomed = [b.path for b in mine[: max(0, len(mine) - keep)]]
    for path in doomed:
        shutil.rmtree(path, ignore_errors=True)
    return doomed
