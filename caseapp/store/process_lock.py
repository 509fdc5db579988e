"""One process per store: an OS file lock held while a process has the store open.

The OS drops the lock when the process dies, however it dies, so a crash never leaves the
caseload stuck as "in use".
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from caseapp.store.errors import LockFileUnusable, StoreInUse

# Never follow a link at the lock's name: O_CREAT would make (or lock) a file elsewhere.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)

# sys.platform rather than os.name: the type checker knows msvcrt's functions by it.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
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


def _cannot_open(exc: OSError) -> LockFileUnusable:
    return LockFileUnusable(
        f"The caseload's lock file (caseload.lock) cannot be opened ({exc.strerror}), so "
        "caseapp cannot tell whether another window has the caseload open. Check that the "
        "folder can be written to, then try again."
    )


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
        try:
            found: os.stat_result | None = os.lstat(self.path)
        except FileNotFoundError:
            found = None
        except OSError as exc:
            raise _cannot_open(exc) from None
        if found is not None and not stat.S_ISREG(found.st_mode):
            raise LockFileUnusable()  # a folder, link, pipe or device: never opened as one
        try:
            # Never through a link, and never waiting on a pipe put there since the look above.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK, 0o600)
        except (IsADirectoryError, NotADirectoryError):
            raise LockFileUnusable() from None
        except OSError as exc:
            if os.path.islink(self.path):
                raise LockFileUnusable() from None
            raise _cannot_open(exc) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise LockFileUnusable()
        if not _try_lock(fd) or not self._still_linked(fd):
            os.close(fd)
            raise StoreInUse()
        self._fd = fd
        self._created = found is None

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
