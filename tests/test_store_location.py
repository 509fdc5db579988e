"""Warnings against network and synced folders, and the remembered store folder."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest

from caseapp.store_location import (
    Concern,
    filesystem_type,
    location_concern,
    remember_folder,
    remembered_folder,
)

MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
/dev/sda2 /home ext4 rw,relatime 0 0
server:/export/team /home/sam/team nfs4 rw,vers=4.2 0 0
//fileserver/Shared\\040Drive /mnt/shared\\040drive cifs rw 0 0
sshfs#host: /home/sam/remote fuse.sshfs rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    "folder",
    [r"\\fileserver\caseloads", "//fileserver/caseloads", r"\\?\UNC\server\share"],
)
def test_unc_paths_are_network(folder: str) -> None:
    concern = location_concern(Path(folder), mounts="", platform="linux")
    assert concern is not None and concern.kind is Concern.NETWORK


@pytest.mark.parametrize(
    ("folder", "service"),
    [
        (r"C:\Users\sam\OneDrive - Borough Council\caseapp", "OneDrive"),
        (r"C:\Users\sam\OneDrive\Documents", "OneDrive"),
        ("/home/sam/Dropbox/work", "Dropbox"),
        ("/Users/sam/Library/CloudStorage/GoogleDrive-sam@example.org/My Drive/x", "Google Drive"),
        (r"G:\Google Drive\caseapp", "Google Drive"),
        ("/Users/sam/Library/Mobile Documents/com~apple~CloudDocs/caseapp", "iCloud"),
        (r"C:\Users\sam\iCloudDrive\caseapp", "iCloud"),
        ("/home/sam/Nextcloud/caseapp", "Nextcloud"),
    ],
)
def test_synced_folders_are_named(folder: str, service: str) -> None:
    concern = location_concern(Path(folder), mounts="", platform="linux")
    assert concern is not None
    assert concern.kind is Concern.SYNCED
    assert concern.service == service


@pytest.mark.parametrize(
    "folder",
    ["/home/sam/.local/share/caseapp", r"C:\Users\sam\AppData\Local\caseapp", "/home/sam/dropboxes-old-notes"],
)
def test_local_folders_are_fine(folder: str) -> None:
    assert location_concern(Path(folder), mounts=MOUNTS, platform="linux") is None


@pytest.mark.parametrize(
    ("folder", "fs_type"),
    [
        ("/home/sam/team/caseapp", "nfs4"),
        ("/home/sam/team", "nfs4"),
        ("/mnt/shared drive/caseapp", "cifs"),
        ("/home/sam/remote/x", "fuse.sshfs"),
        ("/home/sam/teamwork", "ext4"),  # a sibling whose name starts the same is not inside
        ("/srv/x", "ext4"),
    ],
)
def test_the_deepest_mount_holding_the_folder_decides(folder: str, fs_type: str) -> None:
    assert filesystem_type(Path(folder), MOUNTS) == fs_type


@pytest.mark.parametrize("folder", ["/home/sam/team/caseapp", "/mnt/shared drive/caseapp", "/home/sam/remote/c"])
def test_network_mounts_on_linux_are_network(folder: str) -> None:
    concern = location_concern(Path(folder), mounts=MOUNTS, platform="linux")
    assert concern is not None and concern.kind is Concern.NETWORK


def test_mounts_are_ignored_off_linux() -> None:
    assert location_concern(Path("/home/sam/team/x"), mounts=MOUNTS, platform="darwin") is None


def test_reads_the_real_mount_table_without_failing(tmp_path: Path) -> None:
    location_concern(tmp_path)  # whatever this machine is, it must answer, not raise


def test_windows_path_parts_are_split_on_backslashes() -> None:
    folder = PureWindowsPath(r"D:\Dropbox\caseapp")
    concern = location_concern(Path(str(folder)), mounts="", platform="linux")
    assert concern is not None and concern.service == "Dropbox"


# -- the remembered folder -----------------------------------------------------------------


@pytest.fixture
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEAPP_DATA_DIR", raising=False)


def test_default_until_another_folder_is_remembered(tmp_path: Path, no_override: None) -> None:
    config, default = tmp_path / "config", tmp_path / "default"
    assert remembered_folder(default, config_dir=config) == default
    chosen = tmp_path / "chosen folder"
    remember_folder(chosen, default=default, config_dir=config)
    assert remembered_folder(default, config_dir=config) == chosen
    # Choosing the default again removes the pointer rather than pointing at the default.
    remember_folder(default, default=default, config_dir=config)
    assert not any(config.iterdir())
    assert remembered_folder(default, config_dir=config) == default


def test_the_environment_override_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, default = tmp_path / "config", tmp_path / "default"
    remember_folder(tmp_path / "chosen", default=default, config_dir=config)
    monkeypatch.setenv("CASEAPP_DATA_DIR", str(default))
    assert remembered_folder(default, config_dir=config) == default


def test_nothing_is_remembered_under_the_environment_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    monkeypatch.setenv("CASEAPP_DATA_DIR", str(tmp_path / "default"))
    remember_folder(tmp_path / "chosen", default=tmp_path / "default", config_dir=config)
    assert not config.exists()


def test_an_unreadable_pointer_means_the_default(tmp_path: Path, no_override: None) -> None:
    config, default = tmp_path / "config", tmp_path / "default"
    config.mkdir()
    (config / "store-folder.txt").write_bytes(b"\xff\xfe\x00bad")
    assert remembered_folder(default, config_dir=config) == default
