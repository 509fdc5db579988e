"""Durable file operations: what a power cut or a killed process must not half-do."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in this folder durable. Windows has no directory handles; skip there."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a hidden temp file, fsync, rename over, fsync folder."""
    tmp = path.with_name(f".{path.name}.tmp-{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def remove_stale_temporaries(folder: Path) -> None:
    """A crash mid-write can leave a hidden temp file behind; none is ever read back."""
    for pattern in (".*.tmp-*", ".*.restore"):
        for stale in folder.glob(pattern):
            stale.unlink(missing_ok=True)
