"""The store's folder is its owner's alone, however it was found."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from caseapp.services.demo import DEMO_PASSPHRASE
from caseapp.store import Store
from tests.cli.test_cli import caseapp, count_people, secret_file
from tests.conftest import CHEAP, PASSPHRASE

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("found", [0o777, 0o775, 0o755, 0o711, 0o700])
def test_create_leaves_an_existing_folder_owner_only(tmp_path: Path, found: int) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    folder.chmod(found)
    store, _ = Store.create(folder, PASSPHRASE, kdf=CHEAP)
    store.close(backup=False)
    assert mode(folder) == 0o700


def test_create_makes_a_new_folder_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store, _ = Store.create(tmp_path / "new" / "store", PASSPHRASE, kdf=CHEAP)
    finally:
        os.umask(old)
    store.close(backup=False)
    assert mode(tmp_path / "new" / "store") == 0o700


@pytest.mark.slow  # three app launches as subprocesses
def test_init_and_demo_tighten_an_open_folder(tmp_path: Path) -> None:
    data, demo = tmp_path / "data", tmp_path / "demo"
    for folder in (data, demo):
        folder.mkdir()
        folder.chmod(0o777)
    init = caseapp("init", "--passphrase-file", secret_file(tmp_path, "p.txt", PASSPHRASE), home=tmp_path)
    assert init.returncode == 0, init.stderr
    made = caseapp("demo", "--no-gui", "--people", "1", home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (mode(data), mode(demo)) == (0o700, 0o700)
    # A rebuilt demo is tightened too, not only the first.
    demo.chmod(0o777)
    again = caseapp("demo", "--no-gui", "--people", "1", home=tmp_path)
    assert again.returncode == 0, again.stderr
    assert mode(demo) == 0o700
    assert count_people(demo, DEMO_PASSPHRASE) == 1


def test_a_folder_that_cannot_be_made_private_is_refused_with_a_sentence(tmp_path: Path, monkeypatch) -> None:
    """Another account's folder (chmod is refused): nothing of the store is written there."""
    from caseapp.store import StoreError
    from caseapp.store import store_files as store_module

    def refused(path, mode):  # what the OS says to anyone but the folder's owner
        raise PermissionError(1, "Operation not permitted")

    folder = tmp_path / "theirs"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setattr(store_module.os, "chmod", refused)
    with pytest.raises(StoreError) as caught:
        Store.create(folder, PASSPHRASE, kdf=CHEAP)
    assert str(caught.value) == (
        "caseapp cannot make the caseload's folder private to you (Operation not permitted). "
        "Choose a folder of your own."
    )
    assert list(folder.iterdir()) == []


def test_restore_into_an_open_folder_tightens_it(store: Store, tmp_path: Path) -> None:
    info = store.backup_now(tmp_path / "offsite")
    target = tmp_path / "elsewhere"
    target.mkdir()
    target.chmod(0o777)
    restored = Store(target)
    restored.restore(info.path, PASSPHRASE)
    restored.close(backup=False)
    assert mode(target) == 0o700
