"""Files the worker asked for: the one way every PDF, export and statutory return is written.

The rule: an output goes only to a new name or over an ordinary file. Whatever else sits at
the name (a symbolic link, a device, a pipe, a folder, a socket) is refused with a sentence
and left as it was: renaming over a link would swap the link for personal data in a place
the worker did not choose, and renaming over a device node (as an administrator) replaces
the device itself.

Each file is written whole or not at all:

1. `check_destination` before any work, so a bad name is refused at once;
2. the folder is remembered in the store, so that a part-file a crash leaves behind is found
   and removed at the next unlock (`sweep_part_files`);
3. the bytes go to a part-file beside the destination, created new (never opened through a
   link), readable by the worker only, held locked while it is written so that a sweep never
   takes it from a writer still running, flushed to disk;
4. `before_naming` runs: the caller records the disclosure or the export in the audit trail
   there, so no file takes its name without its record (a save killed after it is on record
   as made; a record of a disclosure that did not happen is the safe side of the two);
5. the destination is looked at again (not following links) just before the rename, and the
   part-file takes its name.

Part-file names carry no part of the destination's name, which may hold a young person's.
Nothing goes through the system's temporary folder.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import secrets
import stat
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from caseapp.models.output_folder import OutputFolder
from caseapp.services.errors import ValidationError
from caseapp.store import Database
from caseapp.store.fsutil import fsync_dir

log = logging.getLogger(__name__)

PART_PREFIX = ".caseapp-"
PART_SUFFIX = ".part"
# caseapp's own part-file names, and only those: today's, printing's before it
# (".caseapp-print-….part", from tempfile) and the exports' before that (".<name>.tmp-<8 hex>").
OWN_PART_NAMES = (
    re.compile(r"\.caseapp-[0-9a-f]{16}\.part"),
    re.compile(r"\.caseapp-print-[A-Za-z0-9_]{8}\.part"),
    re.compile(r"\..+\.(csv|xlsx)\.tmp-[0-9a-f]{8}"),
)
NOT_A_FOLDER = "Choose a file name to save as, not a folder."
NO_FOLDER = "The folder chosen to save in does not exist."
TOO_LONG = "That file name is too long for the disk: choose a shorter one."
LINK = (
    "That name is a link to somewhere else. caseapp saves only to an ordinary file or a new name: "
    "choose another name."
)
NOT_A_FILE = (
    "That name is not an ordinary file (it is a device, a pipe or a socket). caseapp saves only to an "
    "ordinary file or a new name: choose another name."
)


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    # Windows does not delete a file that another handle holds open, which keeps a part-file
    # being written from a sweep just as the lock does elsewhere.
    def _lock(fd: int) -> bool:
        return True

else:
    import fcntl

    def _lock(fd: int) -> bool:
        """Hold `fd` exclusively; False if another open file (any process) holds it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


@dataclass(frozen=True)
class Output:
    """One file to write: where, and its bytes."""

    path: Path
    data: bytes


def reason(exc: OSError) -> str:
    """A disk error as a short phrase for a sentence; never the path, which may hold a name."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    if code in (errno.EACCES, errno.EPERM):
        return "caseapp is not allowed to save there"
    if code == errno.EROFS:
        return "that disk can only be read"
    if code == errno.ENAMETOOLONG:
        return "the name is too long for the disk"
    return (exc.strerror or "the disk refused it").lower()


def what_is_there(path: Path) -> str | None:
    """Why an output may not be written at `path`, as a sentence; None if it may."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        return NO_FOLDER
    except OSError as exc:
        return TOO_LONG if exc.errno == errno.ENAMETOOLONG else f"That file name cannot be used ({reason(exc)})."
    if mode is None or stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISDIR(mode):
        return NOT_A_FOLDER
    return NOT_A_FILE


def check_destination(path: Path | str, *, field: str = "out") -> Path:
    """The destination as a Path, or ValidationError with the sentence saying why not.

    The folder may be reached through a link (a Documents folder often is); the name itself
    must be new or an ordinary file.
    """
    target = Path(path)
    if target.name in ("", ".", ".."):
        raise ValidationError({field: NOT_A_FOLDER})
    problem = what_is_there(target)
    if problem is None:
        try:
            folder_ok = target.parent.is_dir()
        except OSError as exc:
            problem = TOO_LONG if exc.errno == errno.ENAMETOOLONG else NO_FOLDER
        else:
            problem = None if folder_ok else NO_FOLDER
    if problem is not None:
        raise ValidationError({field: problem})
    return target


def check_folder(folder: Path | str, *, field: str = "folder") -> Path:
    """A folder to save files in, as a Path, or ValidationError with the sentence saying why not."""
    target = Path(folder)
    try:
        exists = target.is_dir()
    except OSError as exc:
        raise ValidationError({field: TOO_LONG if exc.errno == errno.ENAMETOOLONG else NO_FOLDER}) from None
    if not exists:
        raise ValidationError({field: NO_FOLDER})
    return target


# -- the folders saved in, and the sweep --------------------------------------------------


def _folder_key(folder: Path) -> str:
    # Absolute, but links kept as the worker chose them: the sweep looks where the save went.
    return os.path.abspath(folder)


# The folder of each store's latest save while the app runs. The table notes only when a
# folder was first saved in, so after a restart the newest folder there stands in for it.
_latest: weakref.WeakKeyDictionary[Database, str] = weakref.WeakKeyDictionary()
_latest_lock = threading.Lock()


def remember_folder(store: Database, folder: Path) -> None:
    """Note `folder` in the store, once, so that the next unlock looks in it."""
    key = _folder_key(folder)
    with store.session() as s:
        if s.get(OutputFolder, key) is None:
            s.add(OutputFolder(path=key, first_written_at=datetime.now().replace(microsecond=0)))
    with _latest_lock:
        _latest[store] = key


def remembered_folders(store: Database) -> list[Path]:
    with store.read_session() as s:
        return [Path(p) for p in s.scalars(select(OutputFolder.path).order_by(OutputFolder.path))]


def last_folder(store: Database) -> Path | None:
    """The folder the worker last saved a file in, if it is still a folder; never a file name.

    Only that one folder is looked at: a network drive that has gone away can take seconds
    to say so, and the save dialog waits for this.
    """
    with _latest_lock:
        latest = _latest.get(store)
    if latest is None:
        with store.read_session() as s:
            latest = s.scalars(
                select(OutputFolder.path).order_by(OutputFolder.first_written_at.desc(), OutputFolder.path).limit(1)
            ).first()
    if latest is None:
        return None
    try:
        return Path(latest) if os.path.isdir(latest) else None
    except OSError:
        return None


def unused_name(folder: Path, stem: str, suffix: str) -> str:
    """`stem + suffix`, or with a running number (-2, -3, ...) when a file already has that
    name in `folder`, so a second document made in the same minute does not replace the first."""
    number = 1
    while True:
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        # A link, even a broken one, counts as taken: saving there would be refused.
        if not os.path.lexists(folder / name):
            return name
        number += 1


def is_own_part_file(name: str) -> bool:
    return any(pattern.fullmatch(name) for pattern in OWN_PART_NAMES)


def sweep_folder(folder: Path) -> int:
    """Remove the part-files an interrupted save left in `folder`; how many went.

    Only ordinary files with caseapp's own part-file names, directly in the folder, that no
    writer holds (a save under way, in this process or another, holds its part-file locked).
    A link is never followed, and left where it is.
    """
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0  # gone, or on a drive not plugged in: looked at again next time
    for name in names:
        if not is_own_part_file(name):
            continue
        path = folder / name
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue  # a link with caseapp's name, or not caseapp's to open: left alone
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode) and _lock(fd):
                os.unlink(path)
                removed += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def sweep_part_files(store: Database) -> int:
    """At the start, once unlocked: tidy every folder caseapp has saved in; how many went."""
    removed = sum(sweep_folder(folder) for folder in remembered_folders(store))
    if removed:
        log.info("Removed %d unfinished file(s) left by an interrupted save.", removed)
    return removed


# -- writing ------------------------------------------------------------------------------


def _fsync_folder(folder: Path) -> None:
    # Some network drives refuse to sync a folder; the file itself is already synced.
    with contextlib.suppress(OSError):
        fsync_dir(folder)


class _Part:
    """A new part-file beside one destination, readable by the worker only, locked while open."""

    def __init__(self, output: Output) -> None:
        self.output = output
        self.path = output.path.parent / f"{PART_PREFIX}{secrets.token_hex(8)}{PART_SUFFIX}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        self.fd: int | None = os.open(self.path, flags, 0o600)
        _lock(self.fd)

    def write(self) -> None:
        assert self.fd is not None
        view = memoryview(self.output.data)
        while view:
            written = os.write(self.fd, view)
            if written <= 0:
                raise OSError(errno.ENOSPC, "No space left on device")
            view = view[written:]
        os.fsync(self.fd)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def discard(self) -> None:
        self.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)


def write_outputs(
    store: Database,
    outputs: Sequence[Output],
    *,
    failed: Callable[[str], Exception],
    field: str = "out",
    before_naming: Callable[[], None] | None = None,
) -> None:
    """Write every output whole, or none of them (see the module's docstring for the steps).

    `failed(reason)` makes the exception raised when the disk refuses a write (each caller
    says what was not saved); a name that became something other than an ordinary file since
    it was checked is refused as ValidationError under `field`. On any failure the part-files
    go, and so do files this call already named, since half a set is worse than none.
    """
    for output in outputs:
        check_destination(output.path, field=field)
    for folder in dict.fromkeys(o.path.parent for o in outputs):
        remember_folder(store, folder)
    parts: list[_Part] = []
    named: list[Path] = []
    try:
        try:
            for output in outputs:
                parts.append(_Part(output))
                parts[-1].write()
        except OSError as exc:
            raise failed(reason(exc)) from None
        if before_naming is not None:
            before_naming()
        for part in parts:
            problem = what_is_there(part.output.path)
            if problem is not None:
                raise ValidationError({field: problem})
            try:
                os.replace(part.path, part.output.path)
            except OSError as exc:
                raise failed(reason(exc)) from None
            named.append(part.output.path)
            part.close()
    except BaseException:
        for part in parts:
            part.discard()
        for path in named:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
    for folder in dict.fromkeys(o.path.parent for o in outputs):
        _fsync_folder(folder)
