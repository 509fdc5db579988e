"""`caseapp demo` replaces only a demo, proven to be one: never a caseload on one flag's word.

The flag is sealed into both wraps of the key file (format 2), and the store must open with
the demo's published passphrase, so a real caseload whose key file was edited to say "demo"
is never deleted, nor one whose passphrase happens to be the demo's.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from caseapp.services.demo import DEMO_PASSPHRASE
from caseapp.store import Store, StoreExists
from caseapp.store.keyfile import KeyFile, _checksum
from tests.conftest import CHEAP, PASSPHRASE
from tests.store import make_schema_fixture

REAL = "That folder holds a real caseload; a demo is never made there."
OLD_DEMO = (
    "That folder holds a demo made by an earlier version of caseapp, which cannot prove it is "
    "only a demo, so caseapp will not delete it. Delete that folder yourself, or choose another."
)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def say_demo(key: Path) -> None:
    """Set the flag as someone with the folder open in an editor would, checksum and all."""
    doc = json.loads(key.read_bytes())
    doc.pop("checksum", None)
    doc["demo"] = True
    if doc["version"] >= 2:
        doc["checksum"] = _checksum(doc)
    key.write_text(json.dumps(doc, indent=2), encoding="ascii")


def real_store(folder: Path, passphrase: str = PASSPHRASE) -> Path:
    store, _ = Store.create(folder, passphrase, kdf=CHEAP)
    store.close()  # with a backup in its folder, as every close makes
    assert list(store.backups_dir.iterdir())
    return folder


def assert_not_removed(folder: Path, message: str, passphrase: str = DEMO_PASSPHRASE) -> None:
    before = snapshot(folder)
    with pytest.raises(StoreExists) as caught:
        Store.remove_demo(folder, passphrase=passphrase)
    assert str(caught.value) == message
    assert snapshot(folder) == before


def test_a_real_caseload_whose_key_file_says_demo_is_not_removed(tmp_path: Path) -> None:
    folder = real_store(tmp_path / "real")
    say_demo(folder / "caseload.key")
    assert_not_removed(folder, REAL)
    # Even given its real passphrase: the flag was not sealed with it.
    assert_not_removed(folder, REAL, passphrase=PASSPHRASE)


def test_a_real_caseload_under_the_demo_passphrase_is_not_removed_either(tmp_path: Path) -> None:
    # The passphrase policy refuses this now; a store made before it might have it.
    folder = real_store(tmp_path / "real", passphrase=DEMO_PASSPHRASE)
    assert_not_removed(folder, REAL)
    say_demo(folder / "caseload.key")
    assert_not_removed(folder, REAL)


def test_a_demo_key_file_beside_a_real_database_is_not_removed(tmp_path: Path) -> None:
    folder = real_store(tmp_path / "real")
    demo, _ = Store.create(tmp_path / "demo", DEMO_PASSPHRASE, kdf=CHEAP, demo=True)
    demo.close(backup=False)
    shutil.copyfile(demo.key_path, folder / "caseload.key")
    assert_not_removed(folder, REAL)
    assert (folder / "caseload.db").is_file()


def test_a_demo_from_before_the_flag_was_sealed_is_not_removed(tmp_path: Path) -> None:
    """A key file of format 1: its flag was never authenticated, so it proves nothing."""
    folder = tmp_path / "old"
    shutil.copytree(make_schema_fixture.FIXTURES / "schema-0001", folder)
    assert json.loads((folder / "caseload.key").read_bytes())["version"] == 1
    say_demo(folder / "caseload.key")
    keyfile = KeyFile.read(folder / "caseload.key")
    assert (keyfile.demo, keyfile.unproven_demo) == (False, True)
    assert not Store(folder).is_demo
    assert_not_removed(folder, OLD_DEMO)
    # It still opens as the caseload it is, and its passphrase can still be changed.
    store = Store(folder)
    store.unlock(make_schema_fixture.PASSPHRASE)
    try:
        store.change_passphrase(make_schema_fixture.PASSPHRASE, "violet kettle orbit marsh")
    finally:
        store.close(backup=False)
    again = KeyFile.read(folder / "caseload.key")
    assert (again.version, again.demo, again.unproven_demo) == (1, False, True)
    Store(folder).unlock("violet kettle orbit marsh")


def test_a_format_1_key_file_is_still_read_and_opened(tmp_path: Path) -> None:
    # The fixtures of the first three schemas were written by the releases that made them.
    old = [make_schema_fixture.FIXTURES / f"schema-000{n}" for n in (1, 2, 3)]
    for fixture in old:
        keyfile = KeyFile.read(fixture / "caseload.key")
        assert keyfile.version == 1 and not keyfile.has_mac
        assert len(keyfile.unwrap_with_passphrase(make_schema_fixture.PASSPHRASE)) == 32


def test_a_proven_demo_is_removed_with_its_own_backups_only(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    demo, _ = Store.create(folder, DEMO_PASSPHRASE, kdf=CHEAP, demo=True)
    demo.close()  # its own backup
    # A real caseload's backup someone put beside it, and a file of theirs.
    real = real_store(tmp_path / "real")
    [theirs] = (real / "backups").iterdir()
    shutil.copytree(theirs, folder / "backups" / theirs.name)
    (folder / "notes.txt").write_text("mine")

    Store.remove_demo(folder, passphrase=DEMO_PASSPHRASE)

    assert sorted(p.name for p in folder.iterdir()) == ["backups", "notes.txt"]
    assert [p.name for p in (folder / "backups").iterdir()] == [theirs.name]
    assert snapshot(folder / "backups" / theirs.name) == snapshot(theirs)


def test_a_demo_alone_leaves_an_empty_folder(tmp_path: Path) -> None:
    demo, _ = Store.create(tmp_path / "demo", DEMO_PASSPHRASE, kdf=CHEAP, demo=True)
    demo.close()
    Store.remove_demo(demo.folder, passphrase=DEMO_PASSPHRASE)
    assert list(demo.folder.iterdir()) == []
