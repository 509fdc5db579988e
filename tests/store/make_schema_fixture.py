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
from caseapp.store.keyfile import allow_cheap_costs_for_tests
from caseapp.store.migrate import head_revision

allow_cheap_costs_for_tests()  # fixtures are throwaway stores: a cost of milliseconds

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
    _add_domain_records(store, worker.id, first_person=1)
    _add_output_folder(store)
    _add_worker_details(store, worker.id)
    store.close(backup=False)
    for leftover in ("caseload.lock", "backups"):
        path = target / leftover
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    return target


def _add_domain_records(store: Store, worker_id: int, first_person: int) -> None:
    """From schema 0002: one of each main record, so later migrations carry real rows."""
    from datetime import datetime

    from caseapp.services.checkins import CheckInService
    from caseapp.services.employers import EmployerService
    from caseapp.services.pathway import PathwayService
    from caseapp.services.support import SupportService

    today = lambda: date(2026, 11, 21)  # noqa: E731 - fixed, so the fixture never depends on the clock
    employer = EmployerService(store, actor_id=worker_id, today=today).add_employer(
        name="Parks Department", sector="parks"
    )
    PathwayService(store, actor_id=worker_id, today=today).add_step(
        person_id=first_person, type="paid_placement", status="in_progress", employer_id=employer.id,
        start_date=date(2026, 10, 1), pay_pence_per_hour=1260, hours_per_week=30,
    )
    CheckInService(store, actor_id=worker_id, today=today).record_check_in(
        person_id=first_person, happened_at=datetime(2026, 11, 2, 10, 0), method="phone", outcome="spoke",
        note="Settling in well",
    )
    support = SupportService(store, actor_id=worker_id, today=today)
    need = support.add_support_need(person_id=first_person, category="transport", description="Travel costs")
    support.give_consent(need_id=need.id, given_on=date(2026, 10, 1))


def _add_output_folder(store: Store) -> None:
    """From schema 0004: a folder a PDF or an export was saved in (swept at unlock)."""
    from datetime import datetime

    from caseapp.models import OutputFolder

    with store.session() as s:
        s.add(OutputFolder(
            path=str(Path("/home/alex/Documents/caseapp exports")), first_written_at=datetime(2026, 11, 21, 9, 30)
        ))


def _add_worker_details(store: Store, worker_id: int) -> None:
    """From schema 0005: how a line manager reaches the worker, and a colleague made inactive."""
    workers = WorkersService(store, actor_id=worker_id)
    workers.edit_worker(worker_id=worker_id, phone="07700 900123", email="alex.morgan@example.org",
                        team="Leaving care EET team", hours="Monday to Thursday, 9 to 5")
    left = workers.add_worker(name="Priya Shah", role=WorkerRole.PERSONAL_ADVISER, phone="01245 000 102")
    workers.set_active(worker_id=left.id, active=False)


if __name__ == "__main__":
    print(main())
