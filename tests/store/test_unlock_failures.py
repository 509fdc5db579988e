"""Point 5/13: each failure has its own message and leaves every file byte-identical."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from caseapp.store import (
    DamagedStore,
    NotAStore,
    PlaintextDatabase,
    Store,
    StoreInUse,
    WrongPassphrase,
)
from tests.conftest import PASSPHRASE


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def closed_store(store: Store) -> Path:
    from datetime import date

    from caseapp.services.people import PeopleService

    PeopleService(store).add_young_person(
        given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4)
    )
    store.close(backup=False)
    return store.folder


def assert_refused(folder: Path, error: type, message: str, passphrase: str = PASSPHRASE) -> None:
    before = snapshot(folder)
    with pytest.raises(error) as caught:
        Store(folder).unlock(passphrase)
    assert str(caught.value) == message
    assert snapshot(folder) == before
    assert not list(folder.glob("*-wal")) and not list(folder.glob("*-shm"))


def test_wrong_passphrase(closed_store: Path) -> None:
    assert_refused(
        closed_store, WrongPassphrase, "That passphrase does not open this caseload.", "nope"
    )


def test_damaged_database_page_one(closed_store: Path) -> None:
    db = closed_store / "caseload.db"
    data = bytearray(db.read_bytes())
    data[100:140] = bytes(40)  # inside page 1, past the salt
    db.write_bytes(bytes(data))
    assert_refused(
        closed_store, DamagedStore, "The caseload files are damaged. Restore the latest backup."
    )


def test_truncated_database(closed_store: Path) -> None:
    db = closed_store / "caseload.db"
    db.write_bytes(db.read_bytes()[:5000])
    assert_refused(
        closed_store, DamagedStore, "The caseload files are damaged. Restore the latest backup."
    )


def test_damaged_key_file(closed_store: Path) -> None:
    key = closed_store / "caseload.key"
    key.write_bytes(key.read_bytes()[:-40])
    assert_refused(
        closed_store, DamagedStore, "The key file is damaged. Restore the latest backup."
    )


def test_key_file_with_edited_cost_is_refused(closed_store: Path) -> None:
    key = closed_store / "caseload.key"
    key.write_text(key.read_text().replace('"time_cost": 1', '"time_cost": 2'))
    # The cost is authenticated: lowering or raising it cannot open the store, and the
    # key file says it was changed rather than that the passphrase is wrong.
    assert_refused(closed_store, DamagedStore, "The key file is damaged. Restore the latest backup.")


def test_folder_without_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing to see")
    assert_refused(tmp_path, NotAStore, "This folder holds no caseapp store.")


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotAStore):
        Store(tmp_path / "absent").unlock(PASSPHRASE)
    assert not (tmp_path / "absent").exists()


def test_plain_sqlite_file_is_refused(closed_store: Path) -> None:
    db = closed_store / "caseload.db"
    db.unlink()
    plain = sqlite3.connect(db)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    before = snapshot(closed_store)
    with pytest.raises(PlaintextDatabase) as caught:
        Store(closed_store).unlock(PASSPHRASE)
    assert "not encrypted" in str(caught.value)
    assert snapshot(closed_store) == before


def test_library_without_sqlcipher_fails_closed(closed_store: Path, monkeypatch) -> None:
    """A SQLite build without SQLCipher ignores PRAGMA key; we must notice and refuse."""
    import sqlcipher3.dbapi2 as real

    from caseapp.store import NoSqlCipher, engine

    class PlainConnection:
        def __init__(self, conn):
            self._conn = conn

        def execute(self, sql, *args):
            if sql.strip().upper().startswith("PRAGMA CIPHER_VERSION"):
                return sqlite3.connect(":memory:").execute("PRAGMA cipher_version")
            return self._conn.execute(sql, *args)

        def close(self):
            self._conn.close()

    class PlainModule:
        DatabaseError = real.DatabaseError

        @staticmethod
        def connect(*args, **kwargs):
            return PlainConnection(real.connect(*args, **kwargs))

    monkeypatch.setattr(engine, "sqlcipher", PlainModule)
    with pytest.raises(NoSqlCipher):
        Store(closed_store).unlock(PASSPHRASE)


def test_second_process_gets_a_clear_message(store: Store) -> None:
    other = Store(store.folder)
    with pytest.raises(StoreInUse) as caught:
        other.unlock(PASSPHRASE)
    assert "already open" in str(caught.value)


def test_second_process_for_real(store: Store) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from caseapp.store import Store, StoreInUse\n"
        "from caseapp.store.keyfile import allow_cheap_costs_for_tests as cheap; cheap()\n"
        f"try: Store(Path({str(store.folder)!r})).unlock({PASSPHRASE!r})\n"
        "except StoreInUse as e: print(e); sys.exit(7)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 7, result.stderr
    assert "already open" in result.stdout
