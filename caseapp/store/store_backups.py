"""The store's own backups: taking one now, and restoring the store from one.

A part of `Store` (store.py); backup.py writes and reads the backup folders themselves.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from caseapp.store.errors import StoreLocked, WrongPassphrase
from caseapp.store.fsutil import fsync_dir, fsync_file
from caseapp.store.keyfile import KeyFile
from caseapp.store.store_files import SIDE_FILES, check_floor, make_owner_only

if TYPE_CHECKING:
    from caseapp.store.backup import BackupInfo
    from caseapp.store.process_lock import ProcessLock


class StoreBackups:
    if TYPE_CHECKING:
        # Store's own; declared here so that the type checker knows what this part uses.
        folder: Path
        _data_key: bytes | None
        _process_lock: ProcessLock

        @property
        def key_path(self) -> Path: ...

        @property
        def db_path(self) -> Path: ...
        @property
        def backups_dir(self) -> Path: ...
        @staticmethod
        def exists(folder: Path) -> bool: ...
        def schema_revision(self) -> str | None: ...
        def _side(self, suffix: str) -> Path: ...
        def _open(self, keyfile: KeyFile, data_key: bytes, *, backup_before_migrating: bool = True) -> None: ...
        def lock(self) -> None: ...

    def backup_now(self, dest_parent: Path, *, kind: str = "manual") -> BackupInfo:
        from caseapp.store import backup as backups

        if self._data_key is None:
            raise StoreLocked()
        return backups.write_backup(
            db_path=self.db_path,
            data_key=self._data_key,
            key_bytes=self.key_path.read_bytes(),
            dest_parent=Path(dest_parent),
            kind=kind,
            schema_revision=self.schema_revision(),
        )

    def restore(self, backup_path: Path, backup_passphrase: str) -> BackupInfo:
        """Replace this store with a backup; what it replaces is backed up first.

        Afterwards the store is unlocked with the backup's passphrase, which is the one
        that was current when the backup was taken.
        """
        from caseapp.store import backup as backups
        from caseapp.store import engine as sql

        info = backups.read_backup(Path(backup_path))
        keyfile = KeyFile.read(info.key_path)
        check_floor(keyfile)
        try:
            data_key = keyfile.unwrap_with_passphrase(backup_passphrase)
        except WrongPassphrase:
            raise WrongPassphrase(
                "That passphrase does not open this backup. Use the passphrase that was "
                "current when the backup was taken."
            ) from None
        sql.check_file_is_encrypted(info.db_path)
        sql.prove_key_read_only(info.db_path, data_key)
        if self.exists(self.folder):
            if self._data_key is None:
                raise StoreLocked("Unlock the caseload before restoring over it.")
            self.backup_now(self.backups_dir, kind="pre-restore")
        make_owner_only(self.folder)
        self._process_lock.acquire()
        self.lock()
        for suffix in SIDE_FILES:
            self._side(suffix).unlink(missing_ok=True)
        for source, target in ((info.db_path, self.db_path), (info.key_path, self.key_path)):
            staged = target.with_name(f".{target.name}.restore")
            shutil.copyfile(source, staged)
            staged.chmod(0o600)
            fsync_file(staged)
            os.replace(staged, target)
        fsync_dir(self.folder)
        self._open(keyfile, data_key)
        return info
