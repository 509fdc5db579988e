"""Migrations: one straight line of revisions, ending in the schema the models describe.

Every stored fixture (tests/store/fixtures/schema-<revision>, written by make_schema_fixture
with the code of its release) must upgrade to head with its data intact. New fixture
folders are picked up without touching this file.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from caseapp.models import Base, Worker, YoungPerson
from caseapp.store import Store, list_backups, migrate
from caseapp.store.engine import make_engine
from caseapp.store.keyfile import KeyFile
from tests.store import make_schema_fixture

FIXTURES = sorted(make_schema_fixture.FIXTURES.glob("schema-*"))


def test_revision_chain_is_linear() -> None:
    scripts = migrate.script_directory()
    revisions = list(scripts.walk_revisions())
    assert len(scripts.get_heads()) == 1, "more than one head: merge the branches"
    assert len(scripts.get_bases()) == 1, "more than one base"
    for rev in revisions:
        assert not isinstance(rev.down_revision, (tuple, list)), f"{rev.revision} is a merge"
        assert len(rev.nextrev) <= 1, f"{rev.revision} has more than one child"
        assert not rev.dependencies, f"{rev.revision} depends on another branch"

    # Stepping down from the head visits every revision once and ends at the base.
    chain = []
    rev = scripts.get_revision(migrate.head_revision())
    while rev is not None:
        chain.append(rev.revision)
        rev = scripts.get_revision(rev.down_revision) if rev.down_revision else None
    assert sorted(chain) == sorted(r.revision for r in revisions)
    assert chain[-1] == scripts.get_bases()[0]


def schema_differences(store: Store) -> list:
    engine = make_engine(store.db_path, store._data_key, writer=False)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()


def test_fresh_store_matches_the_models(store: Store) -> None:
    assert store.schema_revision() == migrate.head_revision()
    assert schema_differences(store) == []


def test_there_is_a_stored_fixture() -> None:
    # An empty glob would silently run no upgrade test at all.
    assert FIXTURES, f"no schema-* folders in {make_schema_fixture.FIXTURES}"


def revision_in(folder: Path) -> str | None:
    """The revision stamped in a fixture's database, read without migrating it."""
    keyfile = KeyFile.read(folder / "caseload.key")
    data_key = keyfile.unwrap_with_passphrase(make_schema_fixture.PASSPHRASE)
    engine = make_engine(folder / "caseload.db", data_key, writer=False)
    try:
        return migrate.current_revision(engine)
    finally:
        engine.dispose()


def nfc(text: str | None) -> str | None:
    return None if text is None else unicodedata.normalize("NFC", text)


@pytest.fixture(params=FIXTURES, ids=[f.name for f in FIXTURES])
def fixture_copy(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    # Upgrading works in place, so never on the stored fixture itself.
    return Path(shutil.copytree(request.param, tmp_path / request.param.name))


def test_stored_fixture_upgrades_to_head_with_its_data(fixture_copy: Path) -> None:
    old_revision = revision_in(fixture_copy)
    assert fixture_copy.name == f"schema-{old_revision}", "folder name and stamp disagree"

    store = Store(fixture_copy)
    try:
        store.unlock(make_schema_fixture.PASSPHRASE)
        assert store.schema_revision() == migrate.head_revision()
        assert schema_differences(store) == []
        assert store.integrity_problems() == []

        with store.read_session() as s:
            people = {
                (p.given_name, p.family_name, p.own_script_name, p.date_of_birth, p.worker_id)
                for p in s.scalars(select(YoungPerson))
            }
            workers = {w.id: w.name for w in s.scalars(select(Worker))}
            active = {w.name: w.active for w in s.scalars(select(Worker))}
        (worker_id,) = [i for i, name in workers.items() if name == "Alex Morgan"]
        # Everyone on file before colleagues could be made inactive (0005) is active.
        assert active == (
            {"Alex Morgan": True} if old_revision < "0005" else {"Alex Morgan": True, "Priya Shah": False}
        )
        assert people == {
            (nfc(given), nfc(family), nfc(own), born, worker_id)
            for given, family, own, born in make_schema_fixture.PEOPLE
        }

        pre_migration = [b for b in list_backups(store.backups_dir) if b.kind == "pre-migration"]
        if old_revision == migrate.head_revision():
            assert pre_migration == []
        else:
            (backup,) = pre_migration
            assert backup.schema_revision == old_revision
    finally:
        store.close(backup=False)


def test_upgraded_fixture_opens_again_without_migrating(fixture_copy: Path) -> None:
    first = Store(fixture_copy)
    first.unlock(make_schema_fixture.PASSPHRASE)
    first.close(backup=False)
    backups_after_upgrade = list_backups(fixture_copy / "backups")

    again = Store(fixture_copy)
    try:
        again.unlock(make_schema_fixture.PASSPHRASE)
        assert again.schema_revision() == migrate.head_revision()
        assert list_backups(again.backups_dir) == backups_after_upgrade
    finally:
        again.close(backup=False)
