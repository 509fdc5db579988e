"""Issue point 10: no young person's name ever reaches a file in the clear.

After storing young people with distinctive names in Latin (with diacritics), Arabic and
Ethiopic script, editing them, backing up and locking, no file in the data folder, the
backup folder or the temp folder holds any of those names in UTF-8 or UTF-16.

SQLite stores text in UTF-8 or UTF-16 (either byte order) depending on the database's
encoding, so each name is searched for in all three. The positive controls show the scanner
finds a name in each of those spellings when it is written in the clear.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import func, select

from caseapp.models import SettingValue
from caseapp.services.people import PeopleService
from caseapp.store import Store, list_backups
from tests.conftest import CHEAP, PASSPHRASE

TODAY = date(2026, 11, 21)
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")

# As first stored, then as edited: the names before an edit must not leak either.
PEOPLE = [
    (
        dict(given_name="Xiomára", family_name="Ødegård-Vỹšková", preferred_name="Žofka"),
        dict(family_name="Quiñónez-Łukasiewicz", preferred_name="Ŝtefánia"),
    ),
    (
        dict(given_name="Zumurrud", family_name="Shahrazuri", own_script_name="زمرّدة الشهرزوري"),
        dict(own_script_name="نرجس القيرواني"),
    ),
    (
        dict(given_name="Tsegaweini", family_name="Hailesellasie", own_script_name="ፀጋወይኒ ኃይለሥላሴ"),
        dict(own_script_name="ብርኽቲ ገብረመስቀል"),
    ),
]
NAMES = [value for person in PEOPLE for fields in person for value in fields.values()]


def spellings(name: str) -> set[str]:
    """The name and each word of it: composed, decomposed, folded as a search token, and
    JSON-escaped as the audit trail's before/after values would hold it."""
    words = name.replace("-", " ").split()
    found = set()
    for text in (name, *words):
        for form in ("NFC", "NFD"):
            found.add(unicodedata.normalize(form, text))
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        found.add("".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    found |= {json.dumps(s)[1:-1] for s in found}
    return {s for s in found if len(s) >= 4}


def needles(names: list[str]) -> dict[bytes, str]:
    return {
        spelling.encode(encoding): f"{spelling!r} in {encoding}"
        for name in names
        for spelling in spellings(name)
        for encoding in ENCODINGS
    }


NEEDLES = needles(NAMES)


def scan(roots: list[Path], needles: dict[bytes, str]) -> tuple[list[Path], list[str]]:
    """Every file under the roots (hidden ones too), and each needle found in one."""
    files: list[Path] = []
    leaks: list[str] = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder, name)
                files.append(path)
                data = path.read_bytes()
                leaks += [f"{path}: {label}" for needle, label in needles.items() if needle in data]
    return files, leaks


@dataclass
class Folders:
    data: Path
    usb: Path
    temp: Path

    @property
    def all(self) -> list[Path]:
        return [self.data, self.usb, self.temp]


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folders:
    """Fresh data, backup and temp folders; temp files from Python and SQLite go to ours.

    SQLite may read SQLITE_TMPDIR/TMPDIR only once per process, and the store keeps its
    temporary tables in memory anyway; the temp folder is scanned in case either changes.
    """
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    return Folders(data=tmp_path / "data", usb=tmp_path / "usb", temp=temp)


def assert_no_names(folders: Folders, when: str, must_scan: list[Path]) -> None:
    files, leaks = scan(folders.all, NEEDLES)
    missing = [p for p in must_scan if p not in files]
    assert not missing, f"{when}: expected files were not scanned: {missing}"
    assert not leaks, f"{when}: names found in the clear:\n" + "\n".join(leaks)


def test_no_name_reaches_any_file_in_the_clear(folders: Folders) -> None:
    store, _recovery = Store.create(folders.data, PASSPHRASE, kdf=CHEAP)
    db, key = store.db_path, store.key_path
    wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
    try:
        people = PeopleService(store)
        # An open reader stops SQLite folding the WAL back and deleting it, so the pages the
        # writes below produce are still in the -wal file when we scan it.
        with store.read_session() as pin:
            pin.scalar(select(func.count()).select_from(SettingValue))
            for first, edit in PEOPLE:
                record = people.add_young_person(
                    date_of_birth=date(2006, 5, 4), today=TODAY, **first
                )
                people.edit_young_person(person_id=record.id, today=TODAY, **edit)
            assert wal.stat().st_size > 0
            assert_no_names(folders, "while open", [db, key, wal, shm])

        stored = {
            value
            for p in people.list_young_people()
            for value in (p.given_name, p.family_name, p.preferred_name, p.own_script_name)
        }
        edited = [value for _first, edit in PEOPLE for value in edit.values()]
        assert set(edited) <= stored, "the names under test were never stored"

        manual = store.backup_now(folders.usb)
        store.lock()
        assert_no_names(folders, "while locked", [db, key, manual.db_path, manual.key_path])
        store.unlock(PASSPHRASE)
    finally:
        store.close()  # with its automatic backup

    (auto,) = [b for b in list_backups(store.backups_dir) if b.kind == "auto"]
    backup_files = [manual.db_path, manual.key_path, auto.db_path, auto.key_path]
    assert_no_names(folders, "after close", [db, key, *backup_files])


# -- positive controls: the scan above can fail -------------------------------------------


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_scanner_finds_a_name_written_in_the_clear(folders: Folders, encoding: str) -> None:
    hidden = folders.temp / "nested" / ".hidden.bin"
    hidden.parent.mkdir()
    name = PEOPLE[2][0]["own_script_name"]
    noise = secrets.token_bytes(5000)
    hidden.write_bytes(noise + name.encode(encoding) + noise)

    files, leaks = scan(folders.all, NEEDLES)
    assert hidden in files
    assert any(str(hidden) in leak and encoding in leak for leak in leaks)


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16le", "UTF-16be"])
def test_scanner_finds_every_name_in_an_unencrypted_database(
    folders: Folders, encoding: str
) -> None:
    """The same library without a key stores text in the clear; every name must be caught."""
    plain = folders.data / "plain.db"
    plain.parent.mkdir()
    conn = sqlcipher.connect(str(plain), isolation_level=None)
    try:
        conn.execute(f"PRAGMA encoding = '{encoding}'")
        conn.execute("CREATE TABLE person (name TEXT)")
        conn.executemany("INSERT INTO person VALUES (?)", [(n,) for n in NAMES])
    finally:
        conn.close()

    _files, leaks = scan([folders.data], NEEDLES)
    for name in NAMES:
        assert any(repr(name) in leak for leak in leaks), f"{name!r} not found in {encoding}"
