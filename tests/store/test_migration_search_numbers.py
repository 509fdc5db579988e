"""Schema 0006: child references and phone numbers already on file become searchable."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from caseapp.services.search import SearchService
from caseapp.store import Store
from caseapp.store.engine import make_engine
from caseapp.store.keyfile import KeyFile
from tests.store import make_schema_fixture

BEFORE = make_schema_fixture.FIXTURES / "schema-0005"


def test_numbers_on_file_before_0006_are_found_after_the_upgrade(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(BEFORE, tmp_path / "store"))
    # As the code of 0005 left them: on the record, not in the search index.
    data_key = KeyFile.read(folder / "caseload.key").unwrap_with_passphrase(make_schema_fixture.PASSPHRASE)
    engine = make_engine(folder / "caseload.db", data_key, writer=True)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE young_person SET child_ref = 'C/55-012', phone = '+44 (0)7700 900123'"
                              " WHERE given_name = 'Semhar'"))
            (semhar,) = conn.execute(text("SELECT id FROM young_person WHERE given_name = 'Semhar'")).one()
    finally:
        engine.dispose()

    store = Store(folder)
    try:
        store.unlock(make_schema_fixture.PASSPHRASE)
        search = SearchService(store)
        assert [h.person_id for h in search.search("07700 900123")] == [semhar]
        assert [h.person_id for h in search.search("C55012")] == [semhar]
        assert [h.person_id for h in search.search("Semhar")] == [semhar]
    finally:
        store.close(backup=False)
