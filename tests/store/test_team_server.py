"""The database seam: the services run on the team server (PostgreSQL) as on the local store,
and the team server's sessions mean what the local store's mean."""

from __future__ import annotations

import ast
import threading
import traceback
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy import func, select, text

from caseapp.models import AuditEvent, Worker, YoungPerson
from caseapp.models.codes import AuditAction
from caseapp.services import audit
from caseapp.services.registry import Services, open_services
from caseapp.store import (
    Database,
    Store,
    StoreLocked,
    TeamServer,
    TeamServerError,
    engine_name,
    migrate,
)
from caseapp.store.team_server import NewerServer, NotATeamServer, OutOfDateServer
from tests.conftest import open_copy
from tests.pg_server import SUPERUSER, Cluster, pg_cluster, pg_database  # noqa: F401 - fixtures

TODAY = date(2026, 11, 21)
SECRET = "Zebedee Quillfeather"  # a name that must never reach an error's words


def admin(cluster: Cluster) -> psycopg.Connection:
    return psycopg.connect(host=str(cluster.socket_dir), port=cluster.port, user=SUPERUSER, dbname="postgres",
                           autocommit=True)


@pytest.fixture(scope="session")
def schema_template(pg_cluster: Cluster) -> str:  # noqa: F811
    """A database at head, made once; each test's server is a copy (CREATE DATABASE ...
    TEMPLATE), as fresh as a migrated one and much quicker."""
    name = pg_cluster.new_database()
    engine = sa.create_engine(pg_cluster.url(name))
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    return name


@pytest.fixture
def server_url(pg_cluster: Cluster, schema_template: str) -> str:  # noqa: F811
    name = f"caseapp_seam_{uuid.uuid4().hex[:12]}"
    with admin(pg_cluster) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{schema_template}"')
    return pg_cluster.url(name)


@pytest.fixture
def server(server_url: str) -> Iterator[TeamServer]:
    opened = TeamServer(server_url)
    opened.unlock()
    yield opened
    opened.close()


@pytest.fixture(params=["local", "team"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The same test body on each engine."""
    if request.param == "local":
        store = open_copy(request.getfixturevalue("empty_store_template"), tmp_path / "store")
        yield store
        store.close(backup=False)
    else:
        yield request.getfixturevalue("server")


def services_on(db: Database) -> Services:
    owner = open_services(db, today=lambda: TODAY).workers.add_owner(name="Alex Morgan", role="employability_worker")
    return open_services(db, worker_id=owner.id, today=lambda: TODAY)


def add_person(svc: Services, **overrides: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {
        "given_name": "Semhar",
        "family_name": "Tekle",
        "date_of_birth": date(2007, 9, 1),
        "referral_date": TODAY - timedelta(days=400),
        "worker_id": svc.worker_id,
    }
    fields.update(overrides)
    return svc.people.add_young_person(**fields)


def events(db: Database) -> list[tuple[str, str, int | None]]:
    with db.read_session() as s:
        return [
            (e.entity, e.action, e.person_id)
            for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]


# -- the same services on both engines --------------------------------------------------------


def test_both_engines_are_the_one_seam(database: Database) -> None:
    assert isinstance(database, Database)
    assert database.is_unlocked
    expected = "sqlite" if isinstance(database, Store) else "postgresql"
    with database.read_session() as s:
        assert engine_name(s) == expected


def test_workers_are_added_edited_and_listed(database: Database) -> None:
    svc = services_on(database)
    colleague = svc.workers.add_worker(name="Priya Shah", role="personal_adviser", team="North")
    svc.workers.edit_worker(worker_id=colleague.id, team="South")
    assert svc.workers.get_worker(worker_id=colleague.id).team == "South"
    assert [w.name for w in svc.workers.list_workers()] == ["Alex Morgan", "Priya Shah"]
    assert svc.workers.owner_id() == svc.worker_id
    assert events(database) == [
        ("worker", AuditAction.CREATED.value, None),
        ("worker", AuditAction.CREATED.value, None),
        ("worker", AuditAction.UPDATED.value, None),
    ]


def test_employers_and_settings_are_kept_and_audited(database: Database) -> None:
    from caseapp import settings as declared

    svc = services_on(database)
    employer = svc.employers.add_employer(name="Harbour Logistics", sector="Warehousing")
    svc.employers.close_employer(employer_id=employer.id, closed_on=TODAY)
    assert svc.employers.get_employer(employer_id=employer.id).closed_on == TODAY
    assert svc.employers.list_employers() == []
    svc.settings.set_setting(key=declared.IDLE_LOCK_MINUTES.key, value=7)
    assert svc.settings.get(declared.IDLE_LOCK_MINUTES) == 7
    assert events(database)[1:] == [
        ("employer", AuditAction.CREATED.value, None),
        ("employer", AuditAction.CLOSED.value, None),
        ("setting", AuditAction.UPDATED.value, None),
    ]
    with database.read_session() as s:
        assert audit.first_broken_event(s) is None


# The two below also refresh the caseload summary (summary.refresh), whose query must be
# portable for them to pass on PostgreSQL.
def test_a_young_person_is_added_edited_read_and_audited(database: Database) -> None:
    svc = services_on(database)
    person = add_person(svc)
    svc.people.edit_young_person(person_id=person.id, preferred_name="Sem", phone="07700 900123")
    got = svc.people.get_young_person(person_id=person.id)
    assert (got.given_name, got.preferred_name, got.phone) == ("Semhar", "Sem", "07700 900123")
    assert got.date_of_birth == date(2007, 9, 1)
    lines = svc.people.history(person_id=person.id)
    assert len(lines) == 2 and all(line.who == "Alex Morgan" for line in lines)
    with database.read_session() as s:
        stamped = s.scalars(select(AuditEvent).where(AuditEvent.person_id == person.id)).all()
        assert {e.worker_id for e in stamped} == {svc.worker_id}
        assert audit.first_broken_event(s) is None


def test_a_check_in_is_recorded_and_audited(database: Database) -> None:
    svc = services_on(database)
    person = add_person(svc)
    when = datetime.combine(TODAY - timedelta(days=3), time(10))
    made = svc.checkins.record_check_in(person_id=person.id, happened_at=when, method="phone", outcome="spoke",
                                        note="Talked about the forklift course.")
    assert [c.id for c in svc.checkins.list_check_ins(person_id=person.id)] == [made.id]
    assert svc.checkins.list_check_ins(person_id=person.id)[0].happened_at == when
    assert events(database)[-1] == ("check_in", AuditAction.CREATED.value, person.id)
    with database.read_session() as s:
        assert audit.first_broken_event(s) is None


def test_a_refused_service_call_changes_nothing(database: Database) -> None:
    from caseapp.services.errors import ValidationError

    svc = services_on(database)
    before = events(database)
    with pytest.raises(ValidationError):
        add_person(svc, given_name="")
    assert events(database) == before
    with database.read_session() as s:
        assert s.scalar(select(func.count()).select_from(YoungPerson)) == 0


# -- the team server's sessions ---------------------------------------------------------------


def test_a_failed_write_rolls_back_whole(server: TeamServer) -> None:
    with pytest.raises(RuntimeError), server.session() as s:
        s.add(Worker(name="Priya Shah", role="personal_adviser"))
        s.flush()
        raise RuntimeError("the caller gave up")
    with server.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Worker)) == 0


def test_a_refusal_by_the_server_rolls_back_and_quotes_nothing(server: TeamServer) -> None:
    with pytest.raises(TeamServerError) as info, server.session() as s:
        s.add(Worker(name="Priya Shah", role="personal_adviser"))
        s.flush()
        # PostgreSQL's own message for this quotes the whole failing row.
        s.execute(text("INSERT INTO worker (name, role) VALUES (:name, NULL)"), {"name": SECRET})
    error = info.value
    assert error.code == "23502"
    assert str(error) == "The team server refused this change because it breaks one of the caseload's rules."
    assert [error.__cause__, error.__context__] == [None, None]
    assert "Zebedee" not in "".join(traceback.format_exception(error))
    with server.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Worker)) == 0


def test_a_read_session_refuses_writes(server: TeamServer) -> None:
    with pytest.raises(TeamServerError) as info, server.read_session() as s:
        s.add(Worker(name="Priya Shah", role="personal_adviser"))
        s.flush()
    assert info.value.code == "25006"
    with server.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Worker)) == 0


def test_a_read_session_is_one_snapshot_and_does_not_wait_for_a_writer(server: TeamServer) -> None:
    with server.session() as w:
        w.add(Worker(name="Priya Shah", role="personal_adviser"))
    with server.read_session() as r:
        assert r.scalar(select(func.count()).select_from(Worker)) == 1
        with server.session() as w:  # holds the writers' lock while the read goes on
            w.add(Worker(name="Sam Okafor", role="team_lead"))
            w.flush()
            assert r.scalar(select(func.count()).select_from(Worker)) == 1
        assert r.scalar(select(func.count()).select_from(Worker)) == 1  # still its own snapshot
    with server.read_session() as r:
        assert r.scalar(select(func.count()).select_from(Worker)) == 2


def test_writers_queue_for_one_another(server_url: str) -> None:
    impatient = TeamServer(server_url, lock_timeout=0.3)
    impatient.unlock()
    try:
        with impatient.session() as first:
            first.connection()  # a session begins at its first statement
            with pytest.raises(TeamServerError) as info, impatient.session() as second:
                second.connection()
        assert info.value.code == "55P03"
        assert "Someone else is saving" in str(info.value)
    finally:
        impatient.close()


def test_a_second_writer_goes_on_once_the_first_commits(server: TeamServer) -> None:
    order: list[str] = []
    first_has_lock = threading.Event()

    def second() -> None:
        first_has_lock.wait(5)
        with server.session() as s:
            s.connection()  # waits here for the first writer
            order.append("second")
            s.add(Worker(name="Sam Okafor", role="team_lead"))

    helper = threading.Thread(target=second)
    helper.start()
    with server.session() as s:
        s.add(Worker(name="Priya Shah", role="personal_adviser"))
        s.connection()  # a session begins at its first statement
        first_has_lock.set()
        helper.join(0.5)
        assert helper.is_alive()  # waiting for this transaction to end
        order.append("first")
    helper.join(5)
    assert order == ["first", "second"]


def test_a_long_statement_is_cancelled_in_a_sentence(server_url: str) -> None:
    hasty = TeamServer(server_url, statement_timeout=0.2)
    hasty.unlock()
    try:
        with pytest.raises(TeamServerError) as info, hasty.read_session() as s:
            s.execute(text("SELECT pg_sleep(3)"))
        assert info.value.code == "57014"
        assert str(info.value) == "The team server took too long to answer, so this was not done. Try again."
    finally:
        hasty.close()


def test_sessions_need_signing_in_and_locking_forgets_the_password(server_url: str) -> None:
    server = TeamServer(server_url)
    with pytest.raises(StoreLocked), server.session():
        pass
    server.unlock("typed at sign-in")
    with server.read_session() as s:
        assert s.connection().connection.dbapi_connection.info.password == "typed at sign-in"
    server.lock()
    assert not server.is_unlocked
    with pytest.raises(StoreLocked), server.read_session():
        pass
    server.unlock()
    with server.read_session() as s:
        assert not s.connection().connection.dbapi_connection.info.password
    server.close()


def test_an_address_never_holds_a_password(pg_cluster: Cluster) -> None:  # noqa: F811
    for url in (
        f"postgresql+psycopg://jo:hunter2-secret@/caseapp?host={pg_cluster.socket_dir}",
        f"postgresql+psycopg://jo@/caseapp?host={pg_cluster.socket_dir}&password=hunter2-secret",
    ):
        with pytest.raises(TeamServerError) as info:
            TeamServer(url)
        assert "hunter2" not in str(info.value)
    server = TeamServer(f"postgresql://jo@/caseapp?host={pg_cluster.socket_dir}")
    assert server.account == "jo" and "psycopg" in repr(server)


def test_an_unreachable_server_is_named_in_a_sentence(tmp_path: Path) -> None:
    server = TeamServer(f"postgresql+psycopg://jo@/caseapp?host={tmp_path}&port=1", connect_timeout=2)
    with pytest.raises(TeamServerError) as info:
        server.unlock()
    assert str(info.value) == "caseapp cannot reach the team server. Check the network connection, then try again."
    assert str(tmp_path) not in repr(info.value)
    assert not server.is_unlocked


def test_a_server_not_at_this_versions_schema_is_refused(pg_cluster: Cluster, pg_database: str,  # noqa: F811
                                                          server_url: str) -> None:
    empty = TeamServer(pg_cluster.url(pg_database))
    with pytest.raises(NotATeamServer):
        empty.unlock()
    assert not empty.is_unlocked
    older_name = pg_cluster.new_database()
    engine = sa.create_engine(pg_cluster.url(older_name))
    migrate.upgrade(engine, "0005")
    engine.dispose()
    older = TeamServer(pg_cluster.url(older_name))
    with pytest.raises(OutOfDateServer) as info:
        older.unlock()
    assert "Ask its administrator to upgrade it" in str(info.value)
    engine = sa.create_engine(server_url)
    for revision, refused in (("9999", NewerServer), ("ae1027a6acf", NotATeamServer)):
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
        other = TeamServer(server_url)
        with pytest.raises(refused):
            other.unlock()
        assert not other.is_unlocked
    engine.dispose()


def test_nothing_above_the_store_names_the_team_server() -> None:
    """Services and reports are given a Database and never ask which one."""
    package = Path(__file__).resolve().parents[2] / "caseapp"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] not in ("services", "reports"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(n.startswith("caseapp.store.team_server") or n.endswith(".TeamServer") for n in names):
                offenders.append(str(path.relative_to(package)))
    assert offenders == []
