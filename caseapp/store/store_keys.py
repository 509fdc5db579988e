"""The store's passphrases: changing one, changing the data key, recovering with the recovery key.

A part of `Store` (store.py), which holds the life cycle these steps open and close.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from caseapp.store.errors import StoreError, StoreLocked, WrongPassphrase
from caseapp.store.keyfile import KdfParams, KeyFile

if TYPE_CHECKING:
    from caseapp.store.process_lock import ProcessLock
    from caseapp.store.rekey import KeyRotation


class StorePassphrases:
    if TYPE_CHECKING:
        # Store's own; declared here so that the type checker knows what this part uses.
        folder: Path
        _data_key: bytes | None
        _process_lock: ProcessLock

        @property
        def key_path(self) -> Path: ...

        def _read_keyfile(self) -> KeyFile: ...
        def _preflight(self) -> KeyFile: ...
        def _open(self, keyfile: KeyFile, data_key: bytes, *, backup_before_migrating: bool = True) -> None: ...
        def lock(self) -> None: ...

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
