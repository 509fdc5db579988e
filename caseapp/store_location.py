"""Where a caseload may safely live, and remembering a folder chosen at set-up.

SQLCipher's write-ahead log and the process lock need a local disk: on a network share two
laptops can both think they hold the store, and a sync client (OneDrive, Dropbox...) copies
half-written files and makes "conflicted copies" of the database. Nothing here stops the
worker; it says why another folder is safer.
"""

from __future__ import annotations

import enum
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath

import platformdirs

from caseapp.paths import APP

# Folder names the common sync clients create, lower case -> how people know the service.
SYNCED_FOLDER_NAMES = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud": "iCloud",
    "iclouddrive": "iCloud",
    "mobile documents": "iCloud",  # macOS keeps iCloud Drive here
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
}

# Linux file-system types that live on another machine ("fuse.sshfs" is matched as "sshfs").
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "sshfs", "afs", "ceph", "glusterfs", "davfs", "rclone"}
)

POINTER_NAME = "store-folder.txt"


class Concern(enum.Enum):
    NETWORK = "network"
    SYNCED = "synced"


@dataclass(frozen=True)
class LocationConcern:
    kind: Concern
    service: str | None = None  # the sync service's name, when known


def _parts(folder: PurePath | str) -> list[str]:
    # Split on both separators: a Windows path may be typed on any system.
    return [p for p in re.split(r"[\\/]+", str(folder)) if p]


def synced_service(folder: PurePath | str) -> str | None:
    for part in _parts(folder):
        lowered = part.lower()
        for name, service in SYNCED_FOLDER_NAMES.items():
            # "OneDrive - Borough Council" is how OneDrive for Business names its folder.
            if lowered == name or lowered.startswith(name + " ") or lowered.startswith(name + "-"):
                return service
    return None


def is_unc(folder: PurePath | str) -> bool:
    text = str(folder)
    return text.startswith("\\\\") or text.startswith("//")


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def filesystem_type(folder: Path, mounts: str) -> str | None:
    """The type of the mount (from /proc/mounts text) that holds `folder`, or None."""
    target = Path(os.path.abspath(folder))
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point, fs_type = Path(_unescape_mount(fields[1])), fields[2]
        if target == mount_point or mount_point in target.parents:
            depth = len(mount_point.parts)
            if best is None or depth >= best[0]:
                best = (depth, fs_type)
    return best[1] if best else None


def _windows_drive_is_remote(folder: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(folder))[0]
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE  # type: ignore[attr-defined]  # windll: Windows only


def _read_mounts() -> str | None:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def location_concern(
    folder: Path, *, mounts: str | None = None, platform: str = sys.platform
) -> LocationConcern | None:
    """Why `folder` may be a poor home for a caseload, or None if it looks local.

    `mounts` is the text of /proc/mounts; read from the system on Linux when not given.
    """
    if is_unc(folder):
        return LocationConcern(Concern.NETWORK)
    service = synced_service(folder)
    if service is not None:
        return LocationConcern(Concern.SYNCED, service)
    if platform == "win32":  # pragma: no cover - Windows only
        return LocationConcern(Concern.NETWORK) if _windows_drive_is_remote(folder) else None
    if platform.startswith("linux"):
        text = mounts if mounts is not None else _read_mounts()
        fs_type = filesystem_type(folder, text) if text else None
        if fs_type is not None:
            base = fs_type.removeprefix("fuse.")
            if base in NETWORK_FILESYSTEMS or base.rstrip("0123456789") in NETWORK_FILESYSTEMS:
                return LocationConcern(Concern.NETWORK)
    return None


# -- remembering a folder other than the default -----------------------------------------
# The app looks for its caseload in the default data folder. When set-up puts it elsewhere,
# a one-line pointer in the user's configuration folder says where. It holds a folder the
# worker chose, never anything about a young person.


def _pointer(config_dir: Path | None) -> Path:
    base = config_dir if config_dir is not None else platformdirs.user_config_path(APP, appauthor=False)
    return Path(base) / POINTER_NAME


def remembered_folder(default: Path, *, config_dir: Path | None = None) -> Path:
    """The folder chosen at set-up, or `default` when none was (or it cannot be read)."""
    if os.environ.get("CASEAPP_DATA_DIR"):
        return default  # an explicit override always wins
    try:
        text = _pointer(config_dir).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return default
    return Path(text) if text else default


def remember_folder(folder: Path, *, default: Path, config_dir: Path | None = None) -> None:
    """Point the app at `folder` from now on (or forget the pointer if it is the default).

    Does nothing while `CASEAPP_DATA_DIR` overrides the default: that run never reads it.
    """
    if os.environ.get("CASEAPP_DATA_DIR"):
        return
    pointer = _pointer(config_dir)
    if Path(folder) == Path(default):
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    staged = pointer.with_name(pointer.name + ".new")
    staged.write_text(str(folder) + "\n", encoding="utf-8")
    os.replace(staged, pointer)
