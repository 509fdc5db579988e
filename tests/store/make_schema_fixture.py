"""Write the stored database for the current head schema, for the upgrade tests.

Run once per released schema, from the repository root, and commit the folder it prints:

    python -m tests.store.make_schema_fixture

Each fixture is a real encrypted store (cheap key derivation) holding known data, so every
later migration is tested against data written by the code of that release.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from caseapp.models import WorkerRole
from caseapp.services.people import PeopleService
from caseapp.services.workers import WorkersService
from caseapp.store import KdfParams, Store
from caseapp.store.migrate import head_revision

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PASSPHRASE = "fixture passphrase for schema tests"
PEOPLE = [
    ("Semhar", "Tekle", "ሰምሃር ተኽለ", date(2006, 3, 1)),
    ("Thảo", "Nguyễn", None, date(2005, 11, 30)),
    ("Amna", "Abdalla", "آمنة عبد الله", date(2007, 2, 14)),
    ("Arbër", "Çela", None, date(2004, 7, 9)),
]


def main() -> Path:
    target = FIXTURES / f"schema-{head_revision()}"
    shutil.rmtree(target, ignore_errors=True)
    store, _ = Store.create(target, PASSPHRASE, kdf=KdfParams.cheap_for_tests())
    worker = WorkersService(store).add_worker(name="Alex Morgan", role=WorkerRole.EMPLOYABILITY_WORKER)
    people = PeopleService(store)
    for given, family, own, born in PEOPLE:
        people.add_young_person(
            given_name=given,
            family_name=family,
            own_script_name=own,
            date_of_birth=born,
            worker_id=worker.id,
            today=date(2026, 11, 21),
        )
    store.close(backup=False)
    for leftover in ("caseload.lock", "backups"):
        path = target / leftover
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    return target


if __name__ == "__main__":
    print(main())
