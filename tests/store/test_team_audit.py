"""The audit trail on a secured team server: sealed by the server in the same transaction as
the change, in the name of the account that signed in, append-only for everyone, and one
chain however many write at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import psycopg
import pytest
from sqlalchemy import func, select

from caseapp.models import AuditEvent, CheckIn
from caseapp.services import audit
from caseapp.services.registry import open_services
from caseapp.store import TeamServer
from caseapp.store.team_security import LEAD, WORKER
from tests.pg_server import SUPERUSER, Cluster, pg_cluster  # noqa: F401 - fixtures

TODAY = date(2026, 11, 21)


@dataclass
class Secured:
    cluster: Cluster
    database: str
    owner: str
    worker: str  # an employability worker's login role
    worker_id: int

    def connect(self, user: str, **kwargs: object) -> psycopg.Connection:
        return psycopg.connect(host=str(self.cluster.socket_dir), port=self.cluster.port, user=user,
                               dbname=self.database, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def secured(pg_cluster: Cluster) -> Iterator[Secured]:  # noqa: F811
    database, owner = pg_cluster.new_team_server()
    account = f"{database}_w"
    with psycopg.connect(host=str(pg_cluster.socket_dir), port=pg_cluster.port, user=owner, dbname=database,
                         autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{account}" LOGIN IN ROLE {WORKER}')
        row = conn.execute("INSERT INTO worker (name, role, account, created_at, updated_at, active) VALUES "
                           "('Alex Morgan', 'employability_worker', %s, now(), now(), true) RETURNING id",
                           (account,)).fetchone()
    assert row is not None
    yield Secured(pg_cluster, database, owner, account, int(row[0]))


def test_the_services_work_as_a_worker_and_the_server_seals_their_events(secured: Secured) -> None:
    server = TeamServer(secured.cluster.url(secured.database, secured.worker))
    server.unlock()
    try:
        svc = open_services(server, worker_id=secured.worker_id, today=lambda: TODAY)
        person = svc.people.add_young_person(given_name="Semhar", family_name="Tekle",
                                             date_of_birth=date(2007, 9, 1), worker_id=secured.worker_id,
                                             referral_date=TODAY - timedelta(days=400))
        svc.checkins.record_check_in(person_id=person.id, happened_at=datetime.combine(TODAY, time(10)),
                                     method="phone", outcome="spoke")
        with server.read_session() as s:
            accounts = set(s.scalars(select(AuditEvent.account)))
            assert s.scalar(select(func.count()).select_from(CheckIn)) == 1
            assert audit.first_broken_event(s) is None
        assert accounts == {secured.worker}
    finally:
        server.close()


def test_the_account_is_the_servers_not_the_clients(secured: Secured) -> None:
    with secured.connect(secured.worker) as conn:
        conn.execute("INSERT INTO audit_event (at, account, entity, entity_id, action, changes, prev_hash, hash)"
                     " VALUES (now(), 'somebody_else', 'worker', 1, 'updated', '{}', 'forged', 'forged')")
        account, prev_hash = conn.execute("SELECT account, prev_hash FROM audit_event").fetchone()  # type: ignore[misc]
    assert account == secured.worker
    assert prev_hash == audit.GENESIS


def test_no_event_is_changed_or_removed_even_by_the_owner(secured: Secured) -> None:
    with secured.connect(secured.worker, autocommit=True) as conn:
        conn.execute("INSERT INTO audit_event (at, entity, entity_id, action, changes, prev_hash, hash)"
                     " VALUES (now(), 'worker', 1, 'updated', '{}', '', '')")
    for user in (secured.worker, secured.owner, SUPERUSER):
        for statement in ("UPDATE audit_event SET entity = 'x'", "DELETE FROM audit_event", "TRUNCATE audit_event"):
            with secured.connect(user) as conn:
                try:
                    changed = conn.execute(statement).rowcount
                except psycopg.errors.InsufficientPrivilege:
                    continue
                # The owner's policies let it see events, never change them: no row matches.
                assert (user, changed) == (secured.owner, 0), statement
    with secured.connect(secured.owner) as conn:
        assert conn.execute("SELECT count(*) FROM audit_event").fetchone() == (1,)


def test_concurrent_writers_never_fork_the_chain(secured: Secured) -> None:
    writers, each = 8, 25
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write() -> None:
        try:
            with secured.connect(secured.worker, autocommit=True) as conn:
                start.wait()
                for n in range(each):
                    conn.execute("INSERT INTO audit_event (at, entity, entity_id, action, changes, prev_hash,"
                                 " hash) VALUES (now(), 'worker', %s, 'updated', '{}', '', '')", (n,))
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with secured.connect(secured.owner) as conn:
        count, links = conn.execute("SELECT count(*), count(DISTINCT prev_hash) FROM audit_event").fetchone()  # type: ignore[misc]
        assert count == links == writers * each
        assert conn.execute("SELECT caseapp_first_broken_event()").fetchone() == (None,)


def test_a_tampered_event_is_named(secured: Secured) -> None:
    with secured.connect(secured.worker, autocommit=True) as conn:
        for n in range(3):
            conn.execute("INSERT INTO audit_event (at, entity, entity_id, action, changes, prev_hash, hash)"
                         " VALUES (now(), 'worker', %s, 'updated', '{}', '', '')", (n,))
        second = conn.execute("SELECT id FROM audit_event ORDER BY id OFFSET 1 LIMIT 1").fetchone()
    assert second is not None
    # Only by switching the guard off, as a superuser can: what verify is for.
    with psycopg.connect(host=str(secured.cluster.socket_dir), port=secured.cluster.port, user=SUPERUSER,
                         dbname=secured.database, autocommit=True) as conn:
        conn.execute("ALTER TABLE audit_event DISABLE TRIGGER caseapp_audit_refuse")
        conn.execute("UPDATE audit_event SET changes = '{\"x\": 1}' WHERE id = %s", second)
        conn.execute("ALTER TABLE audit_event ENABLE TRIGGER caseapp_audit_refuse")
    with secured.connect(secured.worker) as conn:
        assert conn.execute("SELECT caseapp_first_broken_event()").fetchone() == second



def test_a_pa_records_a_check_in_through_the_services_for_their_own_young_person_only(secured: Secured) -> None:
    from caseapp.services.errors import NotFound
    from caseapp.store.team_security import PA

    pa_account = f"{secured.database}_pa"
    with secured.connect(secured.owner, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{pa_account}" LOGIN IN ROLE {PA}')
        row = conn.execute("INSERT INTO worker (name, role, account, created_at, updated_at, active) VALUES "
                           "('Priya Shah', 'personal_adviser', %s, now(), now(), true) RETURNING id",
                           (pa_account,)).fetchone()
    assert row is not None
    pa_id = int(row[0])
    worker = TeamServer(secured.cluster.url(secured.database, secured.worker))
    worker.unlock()
    try:
        svc = open_services(worker, worker_id=secured.worker_id, today=lambda: TODAY)
        fields = {"family_name": "Tekle", "date_of_birth": date(2007, 9, 1), "worker_id": secured.worker_id,
                  "referral_date": TODAY - timedelta(days=400)}
        own = svc.people.add_young_person(given_name="Semhar", pa_id=pa_id, **fields)
        other = svc.people.add_young_person(given_name="Abel", **fields)
    finally:
        worker.close()
    pa = TeamServer(secured.cluster.url(secured.database, pa_account))
    pa.unlock()
    try:
        svc = open_services(pa, worker_id=pa_id, today=lambda: TODAY)
        assert [p.id for p in svc.people.list_young_people()] == [own.id]
        svc.checkins.record_check_in(person_id=own.id, happened_at=datetime.combine(TODAY, time(10)),
                                     method="phone", outcome="spoke")
        # Not theirs: to the PA's account it is not there at all.
        with pytest.raises(NotFound):
            svc.checkins.record_check_in(person_id=other.id, happened_at=datetime.combine(TODAY, time(11)),
                                         method="phone", outcome="spoke")
        with pa.read_session() as s:
            assert audit.first_broken_event(s) is None
    finally:
        pa.close()
    with secured.connect(secured.owner) as conn:  # bound by the policies: no young person's record
        assert conn.execute("SELECT count(*) FROM check_in").fetchone() == (0,)
    with secured.connect(SUPERUSER) as conn:
        assert conn.execute("SELECT count(*) FROM check_in").fetchone() == (1,)
        assert conn.execute("SELECT account FROM audit_event WHERE entity = 'check_in'").fetchall() == [(pa_account,)]
        assert conn.execute("SELECT caseapp_first_broken_event()").fetchone() == (None,)


def test_only_a_team_lead_reallocates_through_the_services(secured: Secured) -> None:
    from caseapp.store import TeamServerError

    lead_account = f"{secured.database}_lead"
    with secured.connect(secured.owner, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{lead_account}" LOGIN IN ROLE {LEAD}')
        row = conn.execute("INSERT INTO worker (name, role, account, created_at, updated_at, active) VALUES "
                           "('Sam Okafor', 'team_lead', %s, now(), now(), true) RETURNING id",
                           (lead_account,)).fetchone()
    assert row is not None
    lead_id = int(row[0])
    worker = TeamServer(secured.cluster.url(secured.database, secured.worker))
    worker.unlock()
    try:
        svc = open_services(worker, worker_id=secured.worker_id, today=lambda: TODAY)
        person = svc.people.add_young_person(given_name="Semhar", family_name="Tekle",
                                             date_of_birth=date(2007, 9, 1), worker_id=secured.worker_id,
                                             referral_date=TODAY - timedelta(days=400))
        svc.people.edit_young_person(person_id=person.id, aspirations="Forklift licence")
        with pytest.raises(TeamServerError):
            svc.people.edit_young_person(person_id=person.id, worker_id=lead_id)
        assert svc.people.get_young_person(person_id=person.id).worker_id == secured.worker_id
    finally:
        worker.close()
    lead = TeamServer(secured.cluster.url(secured.database, lead_account))
    lead.unlock()
    try:
        svc = open_services(lead, worker_id=lead_id, today=lambda: TODAY)
        svc.people.edit_young_person(person_id=person.id, worker_id=lead_id)
        assert svc.people.get_young_person(person_id=person.id).worker_id == lead_id
        with lead.read_session() as s:
            assert audit.first_broken_event(s) is None
    finally:
        lead.close()
