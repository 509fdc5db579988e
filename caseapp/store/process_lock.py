"""One process per store: an OS file lock held while a process has the store open.

The OS drops the lock when the process dies, however it dies, so a crash never leaves the
caseload stuck as "in use".
"""

from __future__ import annotations

import os
from pathlib import Path

from caseapp.store.errors import StoreInUse

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class ProcessLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._created = False

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        existed = self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd) or not self._still_linked(fd):
            os.close(fd)
            raise StoreInUse()
        self._fd = fd
        self._created = not existed

    def _still_linked(self, fd: int) -> bool:
        """False when the holder removed the file between our open and our lock."""
        try:
            return os.path.samestat(os.fstat(fd), os.stat(self.path))
        except OSError:
            return False

    def release(self, *, remove: bool = False) -> None:
        """Release; `remove` deletes the lock file when this process made it."""
        if self._fd is None:
            return
        if remove and self._created and os.name != "nt":
            # Unlink while still holding the lock, so nobody can lock the doomed file.
            self.path.unlink(missing_ok=True)
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None
        if remove and self._created and os.name == "nt":  # pragma: no cover - Windows only
            # Windows cannot delete an open file: delete after closing, if still free.
            try:
                self.path.unlink()
            except OSError:
                pass
