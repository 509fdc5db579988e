"""The encrypted store: a data folder with a SQLCipher database and its key file.

    <data folder>/caseload.db     SQLCipher database (+ -wal/-shm while open)
    <data folder>/caseload.key    the data key, wrapped (see keyfile.py)
    <data folder>/caseload.lock   held by the one process that has the store open
    <data folder>/backups/        automatic rolling backups, all encrypted

Life cycle: `Store.create(...)` or `Store(folder).unlock(...)`, then `session()` for work,
`lock()` when unattended (engine disposed, key forgotten, process lock kept), and `close()`
at the end (rolling backup, checkpoint, lock released).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from caseapp.store.errors import (
    DamagedStore,
    NewerStore,
    NotAStore,
    StoreError,
    StoreExists,
    StoreLocked,
)
from caseapp.store.fsutil import remove_stale_temporaries
from caseapp.store.keyfile import KdfParams, KeyFile, calibrate
from caseapp.store.process_lock import ProcessLock
from caseapp.store.store_backups import StoreBackups
from caseapp.store.store_files import (  # the names are imported from here too
    BACKUPS_DIR,
    DB_NAME,
    KEY_NAME,
    LOCK_NAME,
    SIDE_FILES,
    check_floor,
    folders_to_make,
    is_backup_of,
    make_owner_only,
    remove_empty,
)
from caseapp.store.store_keys import StorePassphrases

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from caseapp import settings as declared

# SQLAlchemy, Alembic, the models, the settings and the backup module load inside the
# methods that use them: the unlock screen makes a Store before any of them is needed, and
# loading them costs more than the rest of starting up.



class Store(StorePassphrases, StoreBackups):
    """A caseload's data folder; the passphrases (store_keys.py) and backups (store_backups.py) are its parts."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._data_key: bytes | None = None
        self._writer: Engine | None = None
        self._reader: Engine | None = None
        self._write_sessions: sessionmaker[Session] | None = None
        self._read_sessions: sessionmaker[Session] | None = None
        self._process_lock = ProcessLock(self.folder / LOCK_NAME)

    # -- paths and state ------------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def key_path(self) -> Path:
        return self.folder / KEY_NAME

    @property
    def backups_dir(self) -> Path:
        return self.folder / BACKUPS_DIR

    @property
    def is_unlocked(self) -> bool:
        return self._data_key is not None

    @property
    def is_demo(self) -> bool:
        """What the key file says. Proven only at unlock, when the wraps (which seal the flag)
        open; a key file of format 1 cannot prove it, so its flag is never believed."""
        return self._read_keyfile().demo

    @staticmethod
    def exists(folder: Path) -> bool:
        folder = Path(folder)
        return (folder / KEY_NAME).exists() or (folder / DB_NAME).exists()

    # -- creating -------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        passphrase: str,
        *,
        kdf: KdfParams | None = None,
        demo: bool = False,
    ) -> tuple[Store, str]:
        """A new, unlocked store and its recovery key (to be shown to the user once).

        `kdf=None` tunes Argon2id to this machine (about 0.6 s a derivation).
        """
        from caseapp.store import engine as sql

        folder = Path(folder)
        if cls.exists(folder):
            raise StoreExists()
        make_owner_only(folder)
        store = cls(folder)
        store._process_lock.acquire()
        try:
            keyfile, data_key, recovery_key = KeyFile.create(
                passphrase, kdf or calibrate(), demo=demo
            )
            sql.create_database(store.db_path, data_key)
            keyfile.write(store.key_path)
            store._open(keyfile, data_key, backup_before_migrating=False)
        except BaseException:
            # Leave no half-made store behind: it would block `init` and open nothing.
            for path in (store.db_path, store.key_path, *(store._side(s) for s in SIDE_FILES)):
                path.unlink(missing_ok=True)
            store._process_lock.release(remove=True)
            raise
        return store, recovery_key

    @classmethod
    def remove_demo(cls, folder: Path, *, passphrase: str) -> None:
        """Delete a demo store's own files (never anything else in the folder).

        Never on the word of the key file's flag alone: `passphrase` (the demo's published
        one) must open the store, which also proves the flag (format 2 seals it into the
        wrap), and the database there must open with the key it unwraps. Only backups of that
        same demo are deleted. Refuses a real store, a demo made before key files could prove
        their flag, and one open in another window (its process lock).
        """
        from caseapp.store import backup as backups
        from caseapp.store import engine as sql

        store = cls(folder)
        keyfile = store._read_keyfile()
        if keyfile.unproven_demo:
            raise StoreExists(
                "That folder holds a demo made by an earlier version of caseapp, which cannot "
                "prove it is only a demo, so caseapp will not delete it. Delete that folder "
                "yourself, or choose another."
            )
        real = StoreExists("That folder holds a real caseload; a demo is never made there.")
        if not keyfile.demo:
            raise real
        check_floor(keyfile)
        store._process_lock.acquire()
        try:
            try:
                data_key = keyfile.unwrap_with_passphrase(passphrase)
                if store.db_path.exists():
                    sql.check_file_is_encrypted(store.db_path)
                    sql.prove_key_read_only(store.db_path, data_key)
            except StoreError:
                # Not the demo's passphrase, a forged flag, or another database: not a demo.
                raise real from None
            # Backups first: if this is cut short, what is left is still a demo to remove.
            for backup in backups.list_backups(store.backups_dir):
                if is_backup_of(backup.key_path, keyfile):
                    shutil.rmtree(backup.path, ignore_errors=True)
            backups.remove_partials(store.backups_dir)
            try:
                store.backups_dir.rmdir()  # only when nothing else is in it
            except OSError:
                pass
            for path in (store.db_path, store.key_path, *(store._side(s) for s in SIDE_FILES)):
                path.unlink(missing_ok=True)
        finally:
            store._process_lock.release()
        (store.folder / LOCK_NAME).unlink(missing_ok=True)

    # -- unlocking and locking ------------------------------------------------------------

    def unlock(self, passphrase: str) -> None:
        keyfile = self._preflight()
        data_key = keyfile.unwrap_with_passphrase(passphrase)
        self._open(keyfile, data_key)

    def unlock_with_recovery_key(self, recovery_key: str) -> None:
        keyfile = self._preflight()
        data_key = keyfile.unwrap_with_recovery_key(recovery_key)
        self._open(keyfile, data_key)

    def lock(self) -> None:
        """Forget the key and drop every connection. The process lock is kept."""
        if self._data_key is None:
            return
        from caseapp.store import engine as sql

        data_key, self._data_key = self._data_key, None
        self._dispose()
        try:
            sql.checkpoint(self.db_path, data_key)
        except StoreError:
            pass

    @staticmethod
    def create_in_new_folders(folder: Path, passphrase: str, *, kdf: KdfParams | None = None
                              ) -> tuple[Store, str, tuple[Path, ...]]:
        """`create`, also noting the folders it made, so a caseload given up at once (set-up
        cancelled, its first worker refused) leaves nothing behind (`discard_new`)."""
        made = folders_to_make(folder)
        try:
            store, recovery_key = Store.create(folder, passphrase, kdf=kdf)
        except BaseException:
            remove_empty(made)
            raise
        return store, recovery_key, made

    def discard_new(self, made_folders: tuple[Path, ...] = ()) -> None:
        """Close and delete a store made moments ago in this process (it holds the store's
        lock, so nobody else has it open), and the folders made for it if they are empty."""
        self.close(backup=False)
        for name in (self.db_path.name, self.key_path.name, LOCK_NAME):
            (self.folder / name).unlink(missing_ok=True)
        for suffix in SIDE_FILES:
            (self.folder / (self.db_path.name + suffix)).unlink(missing_ok=True)
        backups = self.folder / BACKUPS_DIR
        if backups.is_dir() and not any(backups.iterdir()):
            backups.rmdir()
        remove_empty(made_folders)

    def close(self, *, backup: bool = True) -> None:
        """Automatic rolling backup (if unlocked), checkpoint, release the process lock."""
        from caseapp.store import backup as backups

        try:
            if backup and self._data_key is not None:
                self.backup_now(self.backups_dir, kind="auto")
                keep = self._backups_to_keep()
                for kind in ("auto", "pre-migration", "pre-restore"):
                    backups.prune(self.backups_dir, kind=kind, keep=keep)
        finally:
            self.lock()
            self._process_lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(backup=False)

    def _read_keyfile(self) -> KeyFile:
        return KeyFile.read(self.key_path)

    def _preflight(self) -> KeyFile:
        """Every check that can fail before anything is written or locked."""
        from caseapp.store import engine as sql

        self._finish_interrupted_rotation()
        has_key, has_db = self.key_path.exists(), self.db_path.exists()
        if not has_key and not has_db:
            raise NotAStore()
        if not has_db:
            raise DamagedStore("The caseload database is missing. Restore the latest backup.")
        if not has_key:
            raise DamagedStore("The key file is missing. Restore the latest backup.")
        sql.check_file_is_encrypted(self.db_path)
        keyfile = self._read_keyfile()
        check_floor(keyfile)
        return keyfile

    def _open(self, keyfile: KeyFile, data_key: bytes, *, backup_before_migrating: bool = True) -> None:
        from sqlalchemy.orm import sessionmaker

        from caseapp.store import backup as backups
        from caseapp.store import engine as sql
        from caseapp.store import migrate

        before = {suffix for suffix in SIDE_FILES if self._side(suffix).exists()}
        lock_was_held = self._process_lock.held
        self._process_lock.acquire()
        try:
            # Proves the key and the header before any engine exists.
            sql.connect(self.db_path, data_key).close()
        except BaseException:
            # A failed open leaves the folder as it found it.
            for suffix in SIDE_FILES:
                if suffix not in before:
                    self._side(suffix).unlink(missing_ok=True)
            if not lock_was_held:
                self._process_lock.release(remove=True)
            raise
        remove_stale_temporaries(self.folder)
        backups.remove_partials(self.backups_dir)
        self._data_key = data_key
        self._writer = sql.make_engine(self.db_path, data_key, writer=True)
        self._reader = sql.make_engine(self.db_path, data_key, writer=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)
        try:
            current = migrate.current_revision(self._reader)
            if not migrate.is_known(current):
                raise NewerStore()
            if current != migrate.head_revision():
                if current is not None and backup_before_migrating:
                    self.backup_now(self.backups_dir, kind="pre-migration")
                migrate.upgrade(self._writer)
        except BaseException:
            # Half-open is worse than closed: forget the key, drop engines, free the store.
            self._data_key = None
            self._dispose()
            if not lock_was_held:
                self._process_lock.release()
            raise

    def _side(self, suffix: str) -> Path:
        return self.folder / (DB_NAME + suffix)

    def _dispose(self) -> None:
        for engine in (self._writer, self._reader):
            if engine is not None:
                engine.dispose()
        self._writer = self._reader = None
        self._write_sessions = self._read_sessions = None

    # -- work -----------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back on any error."""
        if self._write_sessions is None:
            raise StoreLocked()
        with self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A read-only snapshot; never takes the write lock."""
        if self._read_sessions is None:
            raise StoreLocked()
        with self._read_sessions() as session, session.begin():
            yield session

    def setting(self, setting: declared.Setting) -> object:
        from sqlalchemy import select

        from caseapp.models import SettingValue

        with self.read_session() as s:
            raw = s.scalar(select(SettingValue.value).where(SettingValue.key == setting.key))
        return setting.default if raw is None else json.loads(raw)

    def _backups_to_keep(self) -> int:
        """The setting, or its default if the stored value is out of range (never 0)."""
        from caseapp import settings as declared

        setting = declared.BACKUPS_TO_KEEP
        try:
            return int(setting.check(self.setting(setting)))  # type: ignore[call-overload]
        except ValueError:
            return int(setting.default)  # type: ignore[call-overload]

    def schema_revision(self) -> str | None:
        if self._reader is None:
            raise StoreLocked()
        from caseapp.store import migrate

        return migrate.current_revision(self._reader)

    def integrity_problems(self) -> list[str]:
        if self._data_key is None:
            raise StoreLocked()
        from caseapp.store import engine as sql

        return sql.integrity_problems(self.db_path, self._data_key)

    def key_file_problems(self) -> list[str]:
        """What unlocking did not check in the key file: its recovery wrap, by the MAC.

        Reading the key file checks its checksum and every field, and the passphrase wrap
        opening proves the fields that change behaviour; the recovery wrap is read only with
        the recovery key, so the MAC under the data key is what covers it here. A key file
        of format 1 has no MAC: nothing more can be checked without the recovery key.
        """
        if self._data_key is None:
            raise StoreLocked()
        keyfile = self._read_keyfile()
        if keyfile.has_mac and not keyfile.mac_matches(self._data_key):
            return [
                "The key file's recovery part has been altered or damaged, so the recovery key "
                "would no longer open the caseload (the passphrase still does). Ask IT for help."
            ]
        return []
