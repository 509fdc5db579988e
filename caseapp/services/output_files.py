"""Files the worker asked for: the one way every PDF, export and statutory return is written.

The rule: an output goes only to a new name or over an ordinary file. Whatever else sits at
the name (a symbolic link, a device, a pipe, a folder, a socket) is refused with a sentence
and left as it was: renaming over a link would swap the link for personal data in a place
the worker did not choose, and renaming over a device node (as an administrator) replaces
the device itself.

Each file is written whole or not at all:

1. `check_destination` before any work, so a bad name is refused at once;
2. the bytes go to a part-file beside the destination, created new (never opened through a
   link), readable by the worker only, flushed to disk;
3. `before_naming` runs: the caller records the disclosure or the export in the audit trail
   there, so no file takes its name without its record;
4. the destination is looked at again (not following links) just before the rename, and the
   part-file takes its name.

Part-file names carry no part of the destination's name, which may hold a young person's.
Nothing goes through the system's temporary folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from caseapp.services.errors import ValidationError

PART_PREFIX = ".caseapp-"
PART_SUFFIX = ".part"
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


# -- writing ------------------------------------------------------------------------------


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Part:
    """A new part-file beside one destination, readable by the worker only."""

    def __init__(self, output: Output) -> None:
        self.output = output
        self.path = output.path.parent / f"{PART_PREFIX}{secrets.token_hex(8)}{PART_SUFFIX}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        self.fd: int | None = os.open(self.path, flags, 0o600)

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
