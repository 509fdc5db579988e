"""The lock file is only ever an ordinary file of caseapp's own: anything else at its name is
refused with a sentence, without following it, waiting on it or changing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from caseapp.store import Store, StoreError
from caseapp.store.errors import LockFileUnusable
from caseapp.store.process_lock import ProcessLock
from tests.conftest import CHEAP, PASSPHRASE

pytestmark = pytest.mark.skipif(os.name == "nt", reason="links and pipes as POSIX makes them")


@pytest.fixture
def closed(store: Store) -> Path:
    store.close(backup=False)
    (store.folder / "caseload.lock").unlink(missing_ok=True)
    return store.folder


def test_a_link_at_the_lock_files_name_is_not_followed(closed: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    (closed / "caseload.lock").symlink_to(target)
    with pytest.raises(LockFileUnusable):
        Store(closed).unlock(PASSPHRASE)
    assert not target.exists()  # O_CREAT through the link would have made it
    assert (closed / "caseload.lock").is_symlink()


def test_a_pipe_at_the_lock_files_name_is_refused_at_once(closed: Path) -> None:
    os.mkfifo(closed / "caseload.lock")
    with pytest.raises(LockFileUnusable):
        ProcessLock(closed / "caseload.lock").acquire()


def test_a_folder_at_the_lock_files_name_stops_create(tmp_path: Path) -> None:
    (tmp_path / "s" / "caseload.lock").mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        Store.create(tmp_path / "s", PASSPHRASE, kdf=CHEAP)
    assert "caseload.lock" in str(caught.value)
    assert [p.name for p in (tmp_path / "s").iterdir()] == ["caseload.lock"]


def test_an_ordinary_lock_file_left_behind_is_used(closed: Path) -> None:
    (closed / "caseload.lock").write_bytes(b"")
    store = Store(closed)
    store.unlock(PASSPHRASE)
    store.close(backup=False)
