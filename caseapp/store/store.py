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
import os
import shutil
from collections.abc import Callable, Iterator
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
    WeakKeyDerivation,
    WrongPassphrase,
)
from caseapp.store.fsutil import fsync_dir, fsync_file, remove_stale_temporaries
from caseapp.store.keyfile import KdfParams, KeyFile, calibrate, cheap_costs_allowed
from caseapp.store.process_lock import ProcessLock

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from caseapp import settings as declared
    from caseapp.store.backup import BackupInfo
    from caseapp.store.rekey import KeyRotation

# SQLAlchemy, Alembic, the models, the settings and the backup module load inside the
# methods that use them: the unlock screen makes a Store before any of them is needed, and
# loading them costs more than the rest of starting up.
# The same names as the backup module's (a test checks).
DB_NAME = "caseload.db"
KEY_NAME = "caseload.key"
LOCK_NAME = "caseload.lock"
BACKUPS_DIR = "backups"
SIDE_FILES = ("-wal", "-shm", "-journal")


def _make_owner_only(folder: Path) -> None:
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


def _is_backup_of(key_path: Path, keyfile: KeyFile) -> bool:
    """Whether a backup's key file is the same demo's (same store, flag set)."""
    try:
        theirs = KeyFile.read(key_path)
    except StoreError:
        return False
    return theirs.demo and theirs.store_id == keyfile.store_id


def _check_floor(keyfile: KeyFile) -> None:
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


def _remove_empty(folders: tuple[Path, ...]) -> None:
    for folder in folders:
        try:
            folder.rmdir()  # only ever an empty folder
        except OSError:
            break


class Store:
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
        _make_owner_only(folder)
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
        _check_floor(keyfile)
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
                if _is_backup_of(backup.key_path, keyfile):
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
            _remove_empty(made)
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
        _remove_empty(made_folders)

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
        _check_floor(keyfile)
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

    # -- passphrases ----------------------------------------------------------------------

    def change_passphrase(self, current: str, new: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrap the data key under `new`. The database is never rewritten.

        The key file is replaced atomically, so after a crash exactly one of the two
        passphrases opens the store.
        """
        if not self._process_lock.held:
            # Only the process holding the store's lock may rewrite its key file.
            raise StoreLocked("Open the caseload before changing its passphrase.")
        keyfile = self._read_keyfile()
        data_key = keyfile.unwrap_with_passphrase(current)
        if self._data_key is not None and data_key != self._data_key:
            raise WrongPassphrase()
        keyfile.with_passphrase(data_key, new, kdf).write(self.key_path)

    def rotate_key(
        self,
        current_passphrase: str,
        new_passphrase: str,
        *,
        kdf: KdfParams | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> KeyRotation:
        """A new data key, key file and recovery key: for when someone may know the passphrase.

        Re-encrypts the database and every backup in the backups folder that the old key or
        passphrase opens (or removes those it cannot), crash-safely; see rekey.py. `kdf=None`
        keeps the current cost. Ends unlocked under the new key, or, if the change failed
        before it took effect, as it was. Blocks every session while it runs, so call it
        from one thread and lock only after it returns.
        """
        from caseapp.store import rekey

        if self._data_key is None or not self._process_lock.held:
            raise StoreLocked("Open the caseload before changing its passphrase.")
        keyfile = self._read_keyfile()
        old_key = keyfile.unwrap_with_passphrase(current_passphrase)
        if old_key != self._data_key:
            raise WrongPassphrase()
        new_keyfile, new_key, recovery_key = KeyFile.create(
            new_passphrase, kdf or keyfile.kdf, demo=keyfile.demo
        )
        self.lock()  # no connection may write while the copies are taken
        try:
            done = rekey.rotate(
                self.folder,
                old_key=old_key,
                old_passphrase=current_passphrase,
                new_keyfile=new_keyfile,
                new_key=new_key,
                recovery_key=recovery_key,
                progress=progress,
            )
        except rekey.RotationUnfinished:
            raise  # left locked: the next unlock, with the new passphrase, finishes it
        except BaseException:
            self._open(keyfile, old_key)  # nothing changed: open again as before
            raise
        self._open(new_keyfile, new_key)
        return done

    def _finish_interrupted_rotation(self) -> None:
        """Finish or undo a change of data key that a crash cut short (rekey.py)."""
        from caseapp.store import rekey

        if not rekey.interrupted(self.folder):
            return
        held = self._process_lock.held
        # Never while another process is rotating: its staged files are not leftovers.
        self._process_lock.acquire()
        try:
            rekey.finish(self.folder)
        except OSError:
            raise StoreError(
                "A change of passphrase was cut short, and caseapp cannot finish it because it "
                "cannot change the files in the caseload's folder. Check that you can save "
                "files there, then try again."
            ) from None
        finally:
            if not held:
                self._process_lock.release()

    def recover(self, recovery_key: str, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Open with the recovery key and set a new passphrase at once."""
        keyfile = self._preflight()
        data_key = keyfile.unwrap_with_recovery_key(recovery_key)
        self._open(keyfile, data_key)
        keyfile.with_passphrase(data_key, new_passphrase, kdf).write(self.key_path)

    # -- backups --------------------------------------------------------------------------

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
        _check_floor(keyfile)
        try:
            data_key = keyfile.unwrap_with_passphrase(backup_passphrase)
        except WrongPassphrase:
            raise WrongPassphrase(
                "That passphrase does not open this backup. Use the passphrase that was "
                "current when the backup was taken."
            ) from None
        sql.check_file_is_encrypted(info.db_path)
        sql.prove_key_read_only(info.db_path, data_key)
        if Store.exists(self.folder):
            if self._data_key is None:
                raise StoreLocked("Unlock the caseload before restoring over it.")
            self.backup_now(self.backups_dir, kind="pre-restore")
        _make_owner_only(self.folder)
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
