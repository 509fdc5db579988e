"""Edge cases found in review: each once broke (or could break) the store's promises."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from caseapp.services.checkins import CheckInService
from caseapp.services.people import PeopleService
from caseapp.store import DamagedStore, NewerStore, Store, migrate
from caseapp.store.engine import make_engine
from tests.conftest import CHEAP, PASSPHRASE


def add_person_with_check_in(store: Store) -> int:
    person = PeopleService(store).add_young_person(
        given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4)
    )
    CheckInService(store).record_check_in(
        person_id=person.id, happened_at=datetime(2026, 1, 5, 10), method="phone", outcome="spoke"
    )
    return person.id


def test_a_migration_rebuilding_a_parent_table_keeps_its_children(store: Store) -> None:
    add_person_with_check_in(store)
    engine = make_engine(store.db_path, store._data_key, writer=True)
    try:
        with migrate.migration_connection(engine) as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
            ops = Operations(MigrationContext.configure(conn, opts={"render_as_batch": True}))
            with ops.batch_alter_table("young_person", recreate="always"):
                pass
    finally:
        engine.dispose()
    with store.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM check_in")).scalar() == 1
        assert s.execute(text("SELECT count(*) FROM search_token")).scalar() > 0


def test_a_store_from_a_newer_caseapp_is_refused_and_left_locked(store: Store) -> None:
    with store.session() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    store.close(backup=False)
    again = Store(store.folder)
    with pytest.raises(NewerStore):
        again.unlock(PASSPHRASE)
    assert not again.is_unlocked
    assert not list(store.backups_dir.glob("*pre-migration*"))
    # The lock was released: another attempt gets the same clear refusal, not "in use".
    with pytest.raises(NewerStore):
        Store(store.folder).unlock(PASSPHRASE)


@pytest.mark.parametrize(
    "edit",
    [
        lambda doc: doc["passphrase_wrap"].update(nonce="AAAA"),
        lambda doc: doc["passphrase_wrap"].update(salt="AAAA"),
        lambda doc: doc["kdf"].update(memory_cost=64 * 1024 * 1024),
        lambda doc: doc["kdf"].update(time_cost=0),
    ],
    ids=["short nonce", "short salt", "huge memory", "zero passes"],
)
def test_a_malformed_key_file_is_damaged_not_a_crash(store: Store, edit) -> None:
    store.close(backup=False)
    doc = json.loads(store.key_path.read_text())
    edit(doc)
    store.key_path.write_text(json.dumps(doc))
    with pytest.raises(DamagedStore):
        Store(store.folder).unlock(PASSPHRASE)


def test_a_failed_create_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    from caseapp.store.keyfile import KeyFile

    def broken_write(self, path):  # the disk fills up at the worst moment
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(KeyFile, "write", broken_write)
    with pytest.raises(OSError):
        Store.create(tmp_path / "s", PASSPHRASE, kdf=CHEAP)
    assert not Store.exists(tmp_path / "s")
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == []


def test_a_restored_store_is_owner_only(store: Store, tmp_path: Path) -> None:
    info = store.backup_now(tmp_path / "b")
    store.restore(info.path, PASSPHRASE)
    assert store.db_path.stat().st_mode & 0o777 == 0o600
    assert store.key_path.stat().st_mode & 0o777 == 0o600


def test_removing_a_demo_keeps_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    demo, _ = Store.create(folder, PASSPHRASE, kdf=CHEAP, demo=True)
    demo.close()
    (folder / "notes.txt").write_text("mine")
    Store.remove_demo(folder, passphrase=PASSPHRASE)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_demo_open_in_another_window_is_not_removed(tmp_path: Path) -> None:
    from caseapp.store import StoreInUse

    demo, _ = Store.create(tmp_path / "demo", PASSPHRASE, kdf=CHEAP, demo=True)
    try:
        with pytest.raises(StoreInUse):
            Store.remove_demo(demo.folder, passphrase=PASSPHRASE)
        assert demo.db_path.exists()
    finally:
        demo.close(backup=False)


def test_a_read_session_refuses_a_write(store) -> None:  # type: ignore[no-untyped-def]
    """As the team server's does: a write slipped into a read would commit unaudited and
    outside the writers' queue."""
    import sqlalchemy as sa

    from caseapp.models import Worker

    with pytest.raises(sa.exc.OperationalError, match="readonly"), store.read_session() as s:
        s.add(Worker(name="Priya Shah", role="personal_adviser"))
        s.flush()
    with store.read_session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Worker)) == 0
    with store.session() as s:  # the writer is untouched
        s.add(Worker(name="Priya Shah", role="personal_adviser"))
    with store.read_session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Worker)) == 1
